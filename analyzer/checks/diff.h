/*
 * diff — what a change does to access and findings: the comparison behind
 * `permgraph diff BASE HEAD`, between the scan results of the two sides.
 *
 * Access: the entries to synthetic stores (as scan's JSON lists them), matched
 * by (principal display id, resource display id):
 *   added    only in HEAD;
 *   removed  only in BASE;
 *   changed  in both, with other levels, actions or decision. An entry is
 *            widened when HEAD adds a level or an action or turns
 *            `conditional` into `allow`, narrowed when it loses one or turns
 *            `allow` into `conditional`; it can be both.
 * An added or widened entry is `outside` when its principal is outside the
 * store's tenant (check_outside_tenant, the rule of PG-CROSS-TENANT-REACH:
 * another account, organization or Azure tenant, or another configured SaaS
 * tenant); a removed entry carries the flag of its BASE side, for reading.
 *
 * Findings: unsuppressed findings matched by their stable id (finding.h):
 * added when HEAD has an id BASE has not, or has it at a higher severity
 * (`base_sev` says which it was); resolved when BASE has an id HEAD has not.
 * Suppressed findings are accepted risks and count on neither side.
 *
 * The gate (scan_diff_fails): the change fails when it adds or widens access
 * to a synthetic store from outside the store's tenant, or adds a finding at
 * or above fail_on (SEV_NONE: findings never fail it).
 *
 * Order is deterministic: access by principal then resource display id
 * (strcmp); findings in finding_list_sort's order.
 *
 * Ownership: a scan_diff owns its arrays; entries, findings and strings are
 * borrowed from the two scan results (and their graphs and models), which
 * must outlive it.
 */
#ifndef PG_CHECKS_DIFF_H
#define PG_CHECKS_DIFF_H

#include "checks/scan.h"

typedef struct diff_access {
	const char *principal, *resource;       /* display ids */
	const access_entry *base, *head;        /* NULL on the side the entry is absent */
	unsigned levels_added, levels_removed;  /* LEVEL_* bits (changed entries) */
	const char **actions_added, **actions_removed;  /* sorted (changed entries) */
	size_t n_actions_added, n_actions_removed;
	int widened, narrowed;                  /* added entries are widened, removed ones narrowed */
	int outside;                            /* principal outside the store's tenant */
} diff_access;

typedef struct diff_access_list {
	diff_access *items;
	size_t count, cap;
} diff_access_list;

typedef struct diff_finding {
	const finding *f;                       /* HEAD's (added) or BASE's (resolved) */
	severity base_sev;                      /* added: SEV_NONE when new, else its BASE severity */
} diff_finding;

typedef struct diff_finding_list {
	diff_finding *items;
	size_t count, cap;
} diff_finding_list;

typedef struct scan_diff {
	diff_access_list added, removed, changed;
	diff_finding_list findings_added, findings_resolved;
	size_t outside_added;                   /* added or widened entries that are outside */
} scan_diff;

void scan_diff_init(scan_diff *d);
void scan_diff_release(scan_diff *d);

/* Compare two scan results into out (reset first). 0, or a negative PG_E*
 * error (PG_EINTERNAL for a NULL argument). */
int scan_diff_compute(const scan_result *base, const scan_result *head, scan_diff *out);

/* 1 when the change fails the gate above, else 0. */
int scan_diff_fails(const scan_diff *d, severity fail_on);

/* Counts per severity (index SEV_*) of a finding list of the diff. */
void scan_diff_counts(const diff_finding_list *l, size_t counts[SEV_CRITICAL + 1]);

#endif
