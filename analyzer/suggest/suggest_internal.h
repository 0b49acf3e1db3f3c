/*
 * suggest_internal — helpers shared by the suggest files (suggest_aws*.c,
 * suggest_verify.c, suggest_guard.c). Not for other modules. Ownership:
 * the strings returned are interned in the model.
 */
#ifndef PG_SUGGEST_INTERNAL_H
#define PG_SUGGEST_INTERNAL_H

#include "eval/aws_eval.h"
#include "graph/graph.h"
#include "model/model.h"

/* 1 when an S3 action acts on objects rather than on the bucket. The
 * catalogue keeps required resource types only, so actions whose types are
 * all optional (s3:GetObject) are told by name, as aws_graph_types does. */
int sug_s3_object_action(const char *action);

/* 1 for a bucket (an S3 resource without '/'). */
int sug_is_bucket(const resource *r);

/* A concrete ARN a pattern matches, to decide on: '*' becomes "_pg_", '?'
 * becomes 'q' (interned). */
const char *sug_witness(model *m, const char *pattern);
/* "bucket/_pg_": an object of the bucket (interned). */
const char *sug_object_witness(model *m, const char *bucket_arn);

/* Decide (p or p_arn, action, arn); returns the decision, DEC_IMPLICIT_DENY
 * on an internal error (the caller counts it as not allowed). er may be NULL. */
decision sug_decide(model *m, const principal *p, const char *p_arn, const char *action, const char *arn,
		    eval_result *er);
static inline int sug_allowed(decision d)
{
	return d == DEC_ALLOW || d == DEC_CONDITIONAL;
}

/* Is (principal account/tenant, resource account/tenant) the same tenant? A
 * configured SaaS tenant on both sides decides; otherwise the same AWS
 * account, or for a role (role != 0) two accounts of the organization the
 * inputs hold. */
int sug_same_tenant(const model *m, const char *p_account, const char *p_tenant, const char *r_account,
		    const char *r_tenant, int role);

/* The catalogue spelling of an action (any case), or the action itself. */
const char *sug_action_name(const char *action);

#endif
