/*
 * aws_eval — the AWS decision engine: one request (principal, action,
 * resource) against every policy that applies, the way AWS evaluates it
 * (DESIGN "Evaluation semantics / AWS").
 *
 * Sound for access: what cannot be settled statically (a condition on a key
 * the model does not know, a policy the inputs do not hold) never removes
 * access; it makes the decision `conditional` and is listed in the result.
 *
 * Ownership: the result owns its arrays (aws_eval_result_release frees them);
 * the statements, policies and strings it points at belong to the model.
 */
#ifndef PG_AWS_EVAL_H
#define PG_AWS_EVAL_H

#include "eval/aws_cond.h"
#include "model/model.h"

typedef enum { DEC_ALLOW, DEC_CONDITIONAL, DEC_DENY, DEC_IMPLICIT_DENY } decision;

typedef enum {
	LAYER_IDENTITY, LAYER_BOUNDARY, LAYER_RESOURCE, LAYER_TRUST, LAYER_SCP, LAYER_RCP, LAYER_SESSION
} eval_layer;

typedef struct eval_reason {
	eval_layer layer;
	const stmt *st;
	tri match;              /* TRI_TRUE applies; TRI_UNKNOWN applies only if its conditions hold */
} eval_reason;

typedef struct eval_result {
	decision dec;
	eval_reason *reasons;   /* every statement that matched (or may match) the request */
	size_t n_reasons, cap_reasons;
	char **conditions;      /* what must hold for a conditional decision, sorted, unique */
	size_t n_conditions, cap_conditions;
} eval_result;

typedef struct aws_request {
	const principal *principal;     /* the caller in the model (user or role); NULL for external callers */
	const char *principal_arn;      /* the caller's ARN when it is not in the model */
	const char *action;             /* "s3:GetObject", any case */
	const char *resource_arn;
	const char *passed_to_service;  /* iam:PassedToService for iam:PassRole, or NULL */
} aws_request;

void aws_eval_result_init(eval_result *r);
void aws_eval_result_release(eval_result *r);

/* Decide rq. The model must be finalized. Returns 0, or PG_EINTERNAL. */
int aws_eval(model *m, const aws_request *rq, eval_result *out);

/* Decide (p or principal_arn, action, resource_arn) into out (initialized
 * here): 1 when the decision is allow or conditional, 0 when not, -1 on an
 * internal error. The short form the graph builders and who-can use. */
int aws_eval_allows(model *m, const principal *p, const char *principal_arn, const char *action,
		    const char *resource_arn, eval_result *out);

const char *decision_name(decision d);
const char *eval_layer_name(eval_layer l);
/* The model resource whose policy governs arn: the resource itself, or for an
 * S3 object (arn:aws:s3:::bucket/key) its bucket. NULL when the model has neither. */
const resource *aws_eval_resource_of(model *m, const char *arn);
/* Does one statement's Action/NotAction cover the action? (case-insensitive) */
int aws_eval_stmt_action(const stmt *s, const char *action);

#endif
