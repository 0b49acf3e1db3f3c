/*
 * scan — the analysis behind `permgraph scan`: classify, build the graph
 * (AWS and Azure principals, memberships, role assumption, privilege
 * escalation, access to classified stores), compute effective access, and
 * run the finding checks.
 *
 * The checks that run today are listed in scan_checks_run; those DESIGN
 * names that do not run yet are in scan_checks_missing, so output can say
 * what was not looked at rather than imply it is clean.
 *
 * Ownership: a scan_result owns its graph, access list and findings; they
 * borrow from the model, which must outlive the result.
 */
#ifndef PG_CHECKS_SCAN_H
#define PG_CHECKS_SCAN_H

#include <stdio.h>

#include "base/diag.h"
#include "checks/finding.h"
#include "graph/access.h"
#include "graph/graph.h"
#include "model/config.h"

/* How long one stage took (wall clock). */
typedef struct scan_phase {
	const char *name;               /* static: "aws access graph", "effective access", ... */
	double seconds;
} scan_phase;

#define SCAN_MAX_PHASES 16

typedef struct scan_result {
	FILE *progress;                 /* set by the caller: a line per stage as it ends, or NULL */
	scan_phase phases[SCAN_MAX_PHASES];
	size_t n_phases;
	graph *g;
	access_list access;             /* every principal's effective access to classified stores */
	finding_list findings;          /* sorted; suppressed ones flagged */
	size_t principals, resources, synthetic_resources;
} scan_result;

void scan_result_init(scan_result *r);
void scan_result_release(scan_result *r);

/* Run the whole analysis on a finalized model (phases and progress: see scan_result). cfg is never NULL (use
 * config_defaults()); today is YYYYMMDD for suppression expiry. 0, or a
 * negative PG_E* error. */
int scan_run(model *m, const config *cfg, int today, scan_result *out, diag_list *warn);

/* NULL-terminated lists of finding categories checked / not yet checked. */
extern const char *const scan_checks_run[];
extern const char *const scan_checks_missing[];

#endif
