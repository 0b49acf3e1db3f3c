/*
 * finding — the findings of `scan` (DESIGN "Output"): one record per problem,
 * with its rule, category (DESIGN's exact strings), severity, the principal
 * and resource it concerns, the actions, the evidence path, a message, the
 * remediation, the location of the responsible statement or assignment, and
 * the NIST SP 800-53 controls it evidences.
 *
 * Every finding gets a stable fingerprint: the sha256 of rule, principal,
 * resource and a rule-chosen discriminator (never of file positions or
 * messages), so the same problem keeps its id across runs and reformatting.
 *
 * Ownership: a finding_list owns its findings and copies every string and
 * array it is given; rule, category and control strings may be static.
 */
#ifndef PG_CHECKS_FINDING_H
#define PG_CHECKS_FINDING_H

#include <stddef.h>
#include "base/severity.h"
#include "model/model.h"

typedef struct finding_step {
	char *from, *to, *edge;         /* DESIGN: {"from", "to", "edge"} */
} finding_step;

typedef struct finding {
	char id[17];                    /* 16 hex digits of the fingerprint */
	const char *rule;               /* "PG-AWS-PRIVESC-IAM-001", static or copied */
	const char *category;           /* "wildcard", "cross-tenant", ... (static) */
	severity sev;
	char *principal;                /* or NULL */
	char *resource;                 /* or NULL */
	char **actions;
	size_t n_actions;
	finding_step *path;
	size_t n_path;
	char *message;
	char *remediation;
	pg_loc loc;                     /* file copied; zero when unknown */
	char *file;                     /* the copy loc.file points at */
	const char *const *controls;    /* static, NULL-terminated */
	int suppressed;                 /* matched a suppression in the config */
} finding;

typedef struct finding_list {
	finding *items;
	size_t count, cap;
} finding_list;

void finding_list_init(finding_list *l);
void finding_list_release(finding_list *l);

/* A new finding, its strings copied; discriminator (may be NULL) separates
 * findings of one rule on one principal and resource (e.g. a technique id). */
finding *finding_add(finding_list *l, const char *rule, const char *category, severity sev,
		     const char *who, const char *what, const char *discriminator,
		     const char *message, const char *remediation, pg_loc loc, const char *const *controls);
void finding_set_actions(finding *f, const char *const *actions, size_t n);
void finding_add_step(finding *f, const char *from, const char *to, const char *edge);

/* Sort by severity (highest first), then rule, principal, resource, id: deterministic. */
void finding_list_sort(finding_list *l);
/* Counts per severity (index SEV_*), unsuppressed findings only. */
void finding_list_counts(const finding_list *l, size_t counts[SEV_CRITICAL + 1]);

#endif
