/*
 * report — what every scan report renders from: the inputs (paths, formats,
 * digests), the config (path and digest), the scan's result, and when and by
 * which version it was made. Renderers read it; they compute nothing.
 *
 * `generated` is an ISO 8601 UTC time; report_ctx_init takes it from
 * SOURCE_DATE_EPOCH when that is set (reproducible builds' convention), so
 * golden tests and reproducible evidence get a fixed time.
 *
 * Ownership: borrows everything; the caller keeps inputs, config and result
 * alive while the context is used.
 */
#ifndef PG_RENDER_REPORT_H
#define PG_RENDER_REPORT_H

#include "checks/scan.h"
#include "ingest/ingest.h"
#include "model/config.h"

typedef struct report_ctx {
	const ingest_run *inputs;
	const config *cfg;
	const scan_result *scan;
	const char *version;            /* PG_VERSION */
	char generated[32];             /* "2026-11-23T18:00:00Z" */
} report_ctx;

void report_ctx_init(report_ctx *c, const ingest_run *inputs, const config *cfg, const scan_result *scan);

#endif
