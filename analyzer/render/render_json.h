/*
 * render_json — the JSON contract of DESIGN ("schema": "permgraph/1"), keys
 * sorted, two-space indent, a final newline. Renderers read results; they
 * compute nothing. Ownership: borrows everything; writes to `out`.
 */
#ifndef PG_RENDER_JSON_H
#define PG_RENDER_JSON_H

#include <stdio.h>
#include "eval/aws_eval.h"
#include "graph/aws_reach.h"

void render_json_explain(FILE *out, const aws_request *rq, const eval_result *r);
void render_json_who_can(FILE *out, const char *action, const char *resource_arn, const reach_result *r);

#endif
