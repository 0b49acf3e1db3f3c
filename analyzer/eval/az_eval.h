/*
 * az_eval — the Azure RBAC decision engine: one request (principal,
 * operation, scope) against every role and deny assignment that applies
 * (DESIGN "Evaluation semantics / Azure").
 *
 * Deny assignments win; role assignments apply at their scope and every scope
 * below it; per permission block actions − notActions (control plane) or
 * dataActions − notDataActions (data plane), never mixed; a principal holds
 * its own assignments and those of every group it is (transitively) in.
 *
 * ABAC conditions are settled where the request decides them (eval/az_cond:
 * ActionMatches, container and account names); one that holds removes
 * nothing, one that cannot hold drops the assignment for this request.
 *
 * Sound for access: what the inputs do not settle never removes access. An
 * assignment condition it cannot settle, an eligible (just-in-time) or unassigned Lighthouse
 * authorization, a role definition missing from the inputs, a group whose
 * members are not listed, a subscription whose management group is unknown,
 * or an operation the catalogue does not know make access `conditional`, with
 * the reason listed; a deny assignment that may not apply is listed as
 * "denied if …" but does not remove access.
 *
 * Ownership: an az_plan and an az_result own their arrays (release them);
 * every assignment, role and principal they point at belongs to the model.
 */
#ifndef PG_AZ_EVAL_H
#define PG_AZ_EVAL_H

#include "catalog/az_catalog.h"
#include "eval/aws_eval.h"
#include "model/azure.h"

typedef struct az_reason {
	const az_assignment *assignment;    /* an allow, or NULL */
	const az_deny *deny;                /* a deny, or NULL */
	const az_principal *holder;         /* who the assignment names: the principal or one of its groups */
	const char *pattern;                /* the action pattern that matched, NULL for an unknown role */
	int conditional;                    /* applies only if the listed conditions hold */
	int condition_holds;                /* its ABAC condition was settled true for this request */
} az_reason;

typedef struct az_result {
	decision dec;
	az_op_plane plane;                  /* AZ_OP_UNKNOWN: not in the catalogue, both planes evaluated */
	az_reason *reasons;                 /* nearest scope first */
	size_t n_reasons, cap_reasons;
	char **conditions;                  /* sorted, unique */
	size_t n_conditions, cap_conditions;
} az_result;

void az_result_init(az_result *r);
void az_result_release(az_result *r);

/* The part of a request that does not depend on the principal, computed once
 * and decided for many principals (who-can). */
typedef struct az_plan az_plan;

/* Prepare operation on scope_id (a resource id or scope, any case). The model
 * must be finalized. NULL when scope_id is not a valid Azure id. */
az_plan *az_plan_new(model *m, const char *operation, const char *scope_id);
void az_plan_free(az_plan *p);
az_op_plane az_plan_plane(const az_plan *p);
/* The principals the plan's allowing assignments name (holders; groups not expanded). */
const az_principal *const *az_plan_holders(const az_plan *p, size_t *n);

/* Decide for one principal. 0, or PG_EINTERNAL. */
int az_plan_decide(az_plan *p, const az_principal *who, az_result *out);

/* One request, start to end: prepare + decide. PG_EUSAGE when scope_id is malformed. */
int az_eval(model *m, const az_principal *who, const char *operation, const char *scope_id,
	    az_result *out);

/* The first pattern of the blocks that grants op in plane (AZ_OP_UNKNOWN: in
 * either plane), with notActions / notDataActions of the same block
 * subtracted; NULL when none grants it. */
const char *az_eval_perms_grant(const az_perms *blocks, size_t n, const char *op, az_op_plane plane);

#endif
