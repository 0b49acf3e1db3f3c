/*
 * aws_reach — who can perform an action on a resource, directly or through
 * chains of role assumption (trust policy + sts:AssumeRole permission).
 *
 * Every principal in the model is evaluated, and so is every outside
 * principal a resource or trust policy names (other accounts, services,
 * everyone). A chain is found breadth-first, so each principal carries its
 * shortest path as evidence. Ownership: the result owns its entries and
 * their arrays; strings are the model's.
 */
#ifndef PG_AWS_REACH_H
#define PG_AWS_REACH_H

#include "eval/aws_eval.h"

typedef struct reach_entry {
	const char *principal;  /* interned ARN, service name or "*" */
	const char *kind;       /* "user", "role", "account", "service", "everyone", ... */
	const char *name;       /* a display name where ids are opaque (Azure object ids), else NULL */
	decision dec;           /* DEC_ALLOW or DEC_CONDITIONAL */
	const char **via;       /* principal first, the acting principal last */
	size_t n_via;
	char **conditions;
	size_t n_conditions;
} reach_entry;

typedef struct reach_result {
	reach_entry *entries;
	size_t count, cap;
	size_t evaluations;     /* requests decided, for --verbose and benchmarks */
} reach_result;

void reach_result_init(reach_result *r);
void reach_result_release(reach_result *r);

/* Fill r with every principal that can (or may) perform action on resource,
 * sorted by principal. The model must be finalized. */
int aws_who_can(model *m, const char *action, const char *resource_arn, reach_result *r);

#endif
