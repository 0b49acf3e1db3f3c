/*
 * render_diff — the reports of `permgraph diff`: text, JSON and Markdown (a
 * pull-request comment). SARIF is render_sarif_scan with the added findings
 * and baselineState "new". No times: the same inputs give the same bytes.
 *
 * Text (render_diff_text): a verdict line (PASS or FAIL and why), counts,
 * then the sections "access added", "access removed", "access changed",
 * "findings added", "findings resolved" (empty ones left out). Access lines
 * are `+`, `-` or `~`, the decision, principal -> store and levels; then the
 * path (`via`) and, for entries from outside the store's tenant, why.
 *
 * JSON (render_diff_json), keys sorted, two-space indent, a final newline:
 *
 *   { "schema": "permgraph/1",
 *     "tool": {"name": "permgraph", "version": "…"},
 *     "live": ["exports/"],                  (--live inputs, read into both sides)
 *     "base": {"inputs": [{"path", "format", "sha256"}],   (live inputs first)
 *              "summary": {"principals", "resources", "synthetic_resources",
 *                          "findings": {"critical", "high", "medium", "low"}}},
 *     "head": { same as base },
 *     "access": {
 *       "added":   [{"principal", "resource", "decision", "levels": [...], "actions": [...],
 *                    "via": [...], "conditions": [...], "outside_tenant": bool}],
 *       "removed": [ same, from BASE ],
 *       "changed": [{"principal", "resource", "outside_tenant", "widened", "narrowed",
 *                    "levels_added": [...], "levels_removed": [...],
 *                    "actions_added": [...], "actions_removed": [...],
 *                    "base": {"decision", "levels", "via", "conditions"},
 *                    "head": {"decision", "levels", "via", "conditions"}}] },
 *     "findings": {
 *       "added":    [ scan's finding object + "base_severity": null or the severity
 *                     BASE had when HEAD raised it ],
 *       "resolved": [ scan's finding object, from BASE ] },
 *     "summary": {"access": {"added", "removed", "changed", "outside_tenant"},
 *                 "findings": {"added": {"critical", "high", "medium", "low"},
 *                              "resolved": {"critical", "high", "medium", "low"}},
 *                 "fail_on": "high" or null, "fails": bool} }
 *
 * Levels are in DESIGN's order (list, read, write, permissions, tagging);
 * `outside_tenant` counts added and widened entries from outside.
 *
 * Markdown (render_diff_md): a heading with the verdict, a count table, then
 * tables of access added, changed and removed and of findings added and
 * resolved, at most RENDER_DIFF_MD_ROWS rows each (then "… and N more");
 * every input string is a code span (render_md_code).
 *
 * Ownership: borrows the context; writes to out.
 */
#ifndef PG_RENDER_DIFF_H
#define PG_RENDER_DIFF_H

#include <stdio.h>
#include "base/strbuf.h"
#include "checks/diff.h"
#include "ingest/ingest.h"
#include "model/config.h"

#define RENDER_DIFF_MD_ROWS 50

typedef struct render_diff_side {
	const ingest_run *inputs;
	const scan_result *scan;
} render_diff_side;

typedef struct render_diff_ctx {
	render_diff_side base, head;
	char *const *live;              /* the --live paths as given */
	size_t n_live;
	const scan_diff *diff;
	const config *cfg;
	severity fail_on;               /* SEV_NONE: findings do not fail the change */
	int fails;                      /* scan_diff_fails */
} render_diff_ctx;

void render_diff_text(FILE *out, const render_diff_ctx *c);
void render_diff_json(FILE *out, const render_diff_ctx *c);
void render_diff_md(FILE *out, const render_diff_ctx *c);

/* Shared by the three: ", "-joined names of the LEVEL_* bits in levels, and
 * why an entry's principal is outside the store's tenant, appended to sb. */
void render_diff_levels(strbuf *sb, unsigned levels);
void render_diff_outside_why(strbuf *sb, const access_entry *e);

#endif
