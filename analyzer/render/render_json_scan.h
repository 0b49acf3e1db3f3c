/*
 * render_json_scan — scan's JSON (DESIGN "Output"): schema, tool, inputs,
 * summary, findings and access, keys sorted, deterministic. Access lists the
 * entries to synthetic stores. Ownership: borrows everything; writes to out.
 */
#ifndef PG_RENDER_JSON_SCAN_H
#define PG_RENDER_JSON_SCAN_H

#include <jansson.h>
#include <stdio.h>
#include "checks/finding.h"
#include "graph/access.h"
#include "ingest/ingest.h"

typedef struct scan_summary {
	size_t principals, resources, synthetic_resources;
} scan_summary;

/* One finding as scan's JSON object, and an array of strings (diff's report
 * reuses both); the caller owns the new references. */
json_t *render_json_scan_finding(const finding *f);
json_t *render_json_strings(const char *const *s, size_t n);

void render_json_scan(FILE *out, const ingest_run *inputs, const scan_summary *sum, const finding_list *findings,
		      const access_list *access);

#endif
