/*
 * suggestion — the least-privilege suggestions of `permgraph suggest`
 * (DESIGN "suggest"), and the stage's entry point.
 *
 * A suggestion replaces an over-broad grant with one scoped to what is
 * needed, and is re-evaluated with permgraph's own engines before it is
 * shown (suggest_verify.h, suggest_guard.h, suggest_az.h): every needed
 * (action, resource) is still allowed, nothing is allowed that the original
 * did not allow, and the access removed is listed. A suggestion that fails
 * keeps verified = 0 and its failures; renderers list it apart ("rejected"),
 * never as a suggestion.
 *
 * Kinds:
 *   SUG_AWS_IDENTITY   a replacement for a principal's own identity policies
 *                      (suggest_aws.h)
 *   SUG_AWS_GUARDRAIL  a Deny statement to add to a synthetic store's resource
 *                      policy (suggest_guard.h)
 *   SUG_AZ_ASSIGNMENT  a built-in role at a narrower scope for one role
 *                      assignment (suggest_az.h)
 *
 * This slice works without usage data: "needed" is the access a principal
 * has today on the stores of its own account or tenant (see each kind).
 * CloudTrail and Access Advisor inputs, diffs and Markdown are not here.
 *
 * Ownership: a suggestion_list owns its suggestions and every string in them
 * (copies). `doc` (AWS policies) and the `cur` and `from` pointers borrow from
 * the model, which must outlive the list.
 */
#ifndef PG_SUGGEST_SUGGESTION_H
#define PG_SUGGEST_SUGGESTION_H

#include <stddef.h>
#include "base/diag.h"
#include "eval/aws_eval.h"
#include "model/config.h"
#include "model/model.h"

struct scan_result;

typedef enum { SUG_AWS_IDENTITY, SUG_AWS_GUARDRAIL, SUG_AZ_ASSIGNMENT } suggestion_kind;

/* A list of heap strings (strlist.h fields). */
typedef struct sug_strs {
	char **items;
	size_t n, cap;
} sug_strs;

/* Access the suggestion no longer grants. */
typedef struct sug_removed {
	char *principal;        /* guardrails: whose access it was; else NULL */
	char *resource;         /* ARN, Azure id, or a Resource element as written */
	sug_strs actions;       /* sorted, unique */
	char *reason;
} sug_removed;

/* One (action, resource) the suggestion must keep allowing. */
typedef struct sug_need {
	const char *action;     /* AWS: catalogue spelling; Azure: the operation */
	const char *arn;        /* what it is decided on: an ARN, an S3 object witness, an Azure id (interned) */
	const char *pattern;    /* AWS: the Resource pattern the suggestion writes for it */
	decision dec;           /* the original decision: DEC_ALLOW or DEC_CONDITIONAL */
	const stmt *from;       /* AWS: the original statement that grants it */
} sug_need;

/* Azure: the role assignment suggested. */
typedef struct sug_az {
	char *principal_id;     /* object id as the model keys it */
	char *principal_type;   /* "User", "Group", "ServicePrincipal" ... */
	char *role_guid, *role_name, *role_id, *scope;
	char *condition, *condition_version;    /* the replaced assignment's ABAC condition, kept; or NULL */
	sug_strs actions, not_actions, data_actions, not_data_actions;
} sug_az;

typedef struct suggestion {
	suggestion_kind kind;
	char *principal;        /* ARN or object id; NULL for guardrails */
	char *principal_name;   /* Azure: display name or UPN, when known */
	char *resource;         /* guardrails: the store */
	sug_strs current;       /* ids of the policies / assignment replaced (guardrail: the store's policy) */
	policy **cur;           /* AWS identity: the policies replaced (borrowed) */
	size_t n_cur;
	policy *doc;            /* AWS: the suggested policy, or the statement to add (model arena) */
	sug_az az;
	sug_need *needs;
	size_t n_needs, cap_needs;
	sug_removed *removed;
	size_t n_removed, cap_removed;
	sug_strs notes;
	int verified;
	sug_strs failures;      /* why verification failed (verified 0) */
	size_t decisions;       /* engine decisions the verifier made */
} suggestion;

typedef struct suggestion_list {
	suggestion **items;
	size_t count, cap;
	sug_strs skipped;       /* "<principal>: <why>" for principals left out */
	size_t unchanged;       /* principals and assignments already least-privilege */
} suggestion_list;

typedef struct suggest_options {
	const char *principal;  /* only this principal (ARN, object id, UPN or display name), or NULL */
	int today;              /* YYYYMMDD, for suppressions (accepted risks are not re-suggested) */
} suggest_options;

void suggestion_list_init(suggestion_list *l);
void suggestion_list_release(suggestion_list *l);

/* A new, empty suggestion appended to l (verified 0). */
suggestion *suggestion_new(suggestion_list *l, suggestion_kind kind, const char *who);
/* Free one suggestion (not in a list) and its contents; accepts NULL. */
void suggestion_free(suggestion *s);
/* Sort: kind, then principal, then resource, then scope (deterministic). */
void suggestion_list_sort(suggestion_list *l);

void sug_strs_add(sug_strs *l, const char *s);
void sug_strs_addf(sug_strs *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sug_strs_release(sug_strs *l);

/* A removed-access entry (strings copied; reason may be NULL). */
sug_removed *sug_add_removed(suggestion *s, const char *who, const char *res, const char *reason);
/* The entry for (who, resource, reason), added when absent. */
sug_removed *sug_removed_for(suggestion *s, const char *who, const char *res, const char *reason);
void sug_add_need(suggestion *s, const sug_need *n);
void sug_note(suggestion *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sug_fail(suggestion *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sort every removed entry's actions and the entries themselves. */
void sug_finish(suggestion *s);

/* The number of verified / rejected suggestions. */
size_t suggestion_list_verified(const suggestion_list *l);

/*
 * The whole stage on a scanned model (scan_run done: classified, graph and
 * access built): AWS identity suggestions, guardrails for synthetic stores,
 * Azure assignments; each verified, then sorted. Failures of verification are
 * kept in the list (verified 0), one warning each in warn. 0, or a negative
 * PG_E* error.
 */
int suggest_run(model *m, const struct scan_result *scan, const config *cfg, const suggest_options *o,
		suggestion_list *out, diag_list *warn);

#endif
