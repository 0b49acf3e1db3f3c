/*
 * render_json_az — DESIGN's explain contract for Azure decisions (who-can
 * uses render_json_who_can: the entries are the same). Reasons carry the
 * role (policy), the assignment id (statement), scope, holder, the matching
 * pattern and the kind of grant. Ownership: borrows everything; writes to out.
 */
#ifndef PG_RENDER_JSON_AZ_H
#define PG_RENDER_JSON_AZ_H

#include <stdio.h>
#include "eval/az_eval.h"

void render_json_az_explain(FILE *out, const az_principal *who, const char *operation, const char *scope,
			    const az_result *r);
/* "role-assignment", "classic-administrator", "lighthouse", ... */
const char *render_az_grant_kind(aza_kind k);
const char *render_az_plane(az_op_plane p);

#endif
