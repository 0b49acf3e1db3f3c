/*
 * aws_eval_internal — shared by aws_eval.c (layer logic) and
 * aws_eval_match.c (statement matching, request context). Not for other
 * modules.
 */
#ifndef PG_AWS_EVAL_INTERNAL_H
#define PG_AWS_EVAL_INTERNAL_H

#include "base/strbuf.h"
#include "eval/aws_eval.h"

typedef enum {
	PM_NONE,                /* not a resource-policy statement, or no principal element */
	PM_EXACT,               /* names the caller's own ARN (user, session, service) */
	PM_ROLE,                /* names the role the caller acts as */
	PM_ACCOUNT,             /* names the caller's account root: delegates to IAM policies */
	PM_EVERYONE             /* "*" */
} principal_match;

typedef struct eval_ctx {
	model *m;
	const aws_request *rq;
	eval_result *out;
	const principal *p;             /* the caller, when in the model */
	const char *p_arn;              /* interned */
	const char *p_account;          /* interned or NULL */
	const resource *res;            /* the resource, when in the model */
	const principal *res_role;      /* the resource, when it is a role in the model */
	const char *r_account;          /* interned or NULL */
	const char *service;            /* the action's service prefix, interned lowercase */
	const char *maybe_account;      /* the root a statement named while the caller's account is unknown */
	char **allow_conds;             /* "allowed if" texts: kept only for a conditional decision */
	size_t n_allow_conds, cap_allow_conds;
	strbuf scratch;
} eval_ctx;

void aws_eval_ctx_init(eval_ctx *c, model *m, const aws_request *rq, eval_result *out);
/* Sort and merge the collected conditions into the result; release the context. */
void aws_eval_finish(eval_ctx *c);

/* Does statement s apply to the request? pm (may be NULL) receives how a
 * resource-based statement named the caller. */
tri aws_eval_match_stmt(eval_ctx *c, const stmt *s, eval_layer layer, principal_match *pm);

/* Describe the unsettled conditions of s as one condition text. */
void aws_eval_describe(eval_ctx *c, const stmt *s, eval_layer layer, const char *prefix);
void aws_eval_note(eval_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void aws_eval_add_condition(eval_result *r, char *text);

#endif
