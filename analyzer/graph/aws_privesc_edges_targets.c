/*
 * aws_privesc_edges_targets — one technique for one actor: decide the
 * permissions that do not depend on the target once, then each target the
 * technique's kind of target names: the account's administrator, principals
 * the actions are allowed on, or roles a service may assume.
 *
 * A target is decided only when the actor's Allow statements for each
 * target-dependent action may cover its ARN (or, for sts:AssumeRole, its
 * trust policy names the actor); roles a service principal may assume are
 * found once per build.
 */
#include "graph/aws_privesc_edges_internal.h"
#include "base/strci.h"
#include "base/xalloc.h"
#include "eval/arn.h"

#include <stdlib.h>
#include <string.h>


static int trust_names(const principal *role, const principal *who)
{
	size_t i, j;

	for (i = 0; role->trust && i < role->trust->n_stmts; i++)
		for (j = 0; j < role->trust->stmts[i].n_principals; j++)
			if (role->trust->stmts[i].principals[j].kind == PSPEC_AWS &&
			    role->trust->stmts[i].principals[j].value == who->arn)
				return 1;
	return 0;
}

static int member_of(const principal *user, const principal *group)
{
	size_t i;

	for (i = 0; i < user->n_groups; i++)
		if (user->groups[i] == group)
			return 1;
	return 0;
}

/* --- attached policies --------------------------------------------------------- */

static int customer_managed(const char *arn)
{
	size_t n;
	const char *acct = arn_account(arn, &n);

	return acct && !(n == 3 && !strncmp(acct, "aws", 3));
}

/* The customer-managed policies attached to p or (users) its groups: the
 * ARNs, whether or not the inputs hold the documents. */
static size_t attached_policies(const principal *p, const char ***out, size_t *cap)
{
	size_t n = 0, i, j;

	for (i = 0; i <= (p->kind == PRIN_USER ? p->n_groups : 0); i++) {
		const principal *q = i ? p->groups[i - 1] : p;
		for (j = 0; j < q->n_managed_arns; j++)
			if (customer_managed(q->managed_arns[j])) {
				XGROW(*out, *cap, n + 1);
				(*out)[n++] = q->managed_arns[j];
			}
	}
	return n;
}

/* The best decision for action on one of the policies attached to p; *chosen
 * receives that policy. NULL when none is attached. */
static const pe_decided *attached_decision(pe_ctx *c, const char *action, const principal *p, const char **chosen)
{
	const char **arns = NULL;
	size_t cap = 0, n = attached_policies(p, &arns, &cap), ai = pe_action(c, action), i;
	const pe_decided *best = NULL, *d;

	for (i = 0; i < n && (!best || best->dec != DEC_ALLOW); i++) {
		if (!pe_may_cover(c, ai, arns[i]))
			continue;
		d = pe_decide_iam(c, action, arns[i], NULL);
		if (pe_best(best, d) != best) {
			best = d;
			*chosen = arns[i];
		}
	}
	free(arns);
	return best;
}

/* --- deciding the permissions ------------------------------------------------------ */

static int target_dependent(const aws_privesc_technique *t, const aws_privesc_perm *p)
{
	return (p->resource >= PRIVESC_RES_TARGET_ROLE && p->resource <= PRIVESC_RES_TARGET_GROUP) ||
	       (p->resource == PRIVESC_RES_ATTACHED_POLICY && t->target != PRIVESC_TARGET_SELF_ADMIN);
}

/* Each required action is allowed by some identity statement (or, for
 * sts:AssumeRole, a trust policy names the actor). */
static int feasible(pe_ctx *c, const aws_privesc_technique *t)
{
	size_t i;

	for (i = 0; i < t->n_required; i++)
		if (!pe_has_allow(c, pe_action(c, t->required[i].action)) &&
		    !(pe_is_action(t->required[i].action, "sts:AssumeRole") && ptrmap_get(&c->named, c->actor->arn)))
			return 0;
	return 1;
}

/* Decide the permissions that do not depend on the target into dd; 0 when one
 * is not allowed. *pol_arn receives the attached policy chosen, if any. */
static int decide_fixed(pe_ctx *c, const aws_privesc_technique *t, const pe_decided **dd, const char **pol_arn)
{
	const principal *a = c->actor;
	size_t i, j;

	for (i = 0; i < t->n_required; i++) {
		const aws_privesc_perm *p = &t->required[i];
		const pe_decided *d = NULL;
		dd[i] = NULL;
		if (target_dependent(t, p))
			continue;
		switch (p->resource) {
		case PRIVESC_RES_SELF:
			d = pe_decide_iam(c, p->action, a->arn, NULL);
			break;
		case PRIVESC_RES_MEMBER_GROUP:
			for (j = 0; j < a->n_groups && (!d || d->dec != DEC_ALLOW); j++)
				d = pe_best(d, pe_decide_iam(c, p->action, a->groups[j]->arn, NULL));
			break;
		case PRIVESC_RES_ATTACHED_POLICY:
			d = attached_decision(c, p->action, a, pol_arn);
			break;
		default:
			d = pe_decide_open(c, t, p);
			break;
		}
		if (!pe_ok(d))
			return 0;
		dd[i] = d;
	}
	return 1;
}

/* Decide the target-dependent permissions on target into dd; 0 when one is not allowed. */
static int decide_on(pe_ctx *c, const aws_privesc_technique *t, const principal *target, const pe_decided **dd)
{
	const char *chosen = NULL;
	size_t i;

	for (i = 0; i < t->n_required; i++) {
		const aws_privesc_perm *p = &t->required[i];
		if (!target_dependent(t, p))
			continue;
		if (p->resource == PRIVESC_RES_ATTACHED_POLICY) {
			dd[i] = attached_decision(c, p->action, target, &chosen);
		} else if (pe_is_action(p->action, "sts:AssumeRole")) {
			/* the trust policy decides too */
			if (!pe_may_cover(c, pe_action(c, p->action), target->arn) && !trust_names(target, c->actor))
				return 0;
			dd[i] = pe_decide(c, p->action, target->arn, NULL);
		} else {
			if (!pe_may_cover(c, pe_action(c, p->action), target->arn))
				return 0;
			dd[i] = pe_decide_iam(c, p->action, target->arn, NULL);
		}
		if (!pe_ok(dd[i]))
			return 0;
	}
	return 1;
}

/* --- the targets ------------------------------------------------------------------ */

static void boundary_cond(pe_acc *e, const principal *p)
{
	if (p->boundary_arn)
		pe_acc_condf(e, "gains only what the permission boundary '%s' of '%s' allows", p->boundary_arn, p->arn);
}

static void self_admin(pe_ctx *c, size_t ti, const pe_decided **dd, const char *pol_arn)
{
	const aws_privesc_technique *t = aws_privesc_get(ti);
	pe_acc e;

	pe_acc_init(&e);
	pe_acc_all(&e, dd, t->n_required);
	boundary_cond(&e, c->actor);
	/* the inputs hold only the default version of a managed policy */
	if (pe_requires(t, "iam:SetDefaultPolicyVersion"))
		pe_acc_condf(&e, "if a non-default version of '%s' grants more than its default version", pol_arn);
	{
		gnode *admin = pe_admin_node(c, c->actor->account);
		pe_emit(c, admin, admin, ti, &e);
	}
	pe_acc_release(&e);
}

static principal_kind target_kind(const aws_privesc_technique *t)
{
	size_t i;

	for (i = 0; i < t->n_required; i++)
		switch (t->required[i].resource) {
		case PRIVESC_RES_TARGET_USER: return PRIN_USER;
		case PRIVESC_RES_TARGET_GROUP: return PRIN_GROUP;
		default: break;
		}
	return PRIN_ROLE;
}

/* Does the technique write the target's permissions (so the actor gains more
 * than the target has now)? */
static int writes_permissions(const aws_privesc_technique *t)
{
	static const char *const writes[] = { "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:AttachGroupPolicy",
					      "iam:PutRolePolicy", "iam:PutUserPolicy", "iam:PutGroupPolicy",
					      "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion" };
	size_t i, j;

	for (i = 0; i < t->n_required; i++)
		for (j = 0; j < sizeof(writes) / sizeof(writes[0]); j++)
			if (target_dependent(t, &t->required[i]) && pe_is_action(t->required[i].action, writes[j]))
				return 1;
	return 0;
}

static void principals(pe_ctx *c, size_t ti, const pe_decided **dd)
{
	const aws_privesc_technique *t = aws_privesc_get(ti);
	const principal *a = c->actor;
	principal_kind kind = target_kind(t);
	int iam = 0, joins = pe_requires(t, "iam:AddUserToGroup"), writes = writes_permissions(t), have_admin = 0;
	pe_acc admin;
	size_t i;

	/* IAM changes act in the caller's account only; sts:AssumeRole crosses accounts */
	for (i = 0; i < t->n_required; i++)
		iam |= !strncmp(t->required[i].action, "iam:", 4);
	if (writes && pe_dominated(c, pe_admin_find(c, a->account), t))
		writes = 0;
	pe_acc_init(&admin);
	for (i = 0; i < c->n_by_kind[kind]; i++) {
		const principal *p = c->by_kind[kind][i];
		pe_acc e;
		if (p == a || (iam && p->account != a->account))
			continue;
		/* a user gains a group by joining it (iam-013); other group techniques
		 * change a group the actor is already in (its members gain, not outsiders) */
		if (kind == PRIN_GROUP && (joins ? member_of(a, p) : !member_of(a, p)))
			continue;
		/* service-linked roles cannot be changed */
		if (kind == PRIN_ROLE && iam && p->path && !strncmp(p->path, "/aws-service-role/", 18))
			continue;
		if ((!writes || have_admin) && pe_dominated(c, p->arn, t))
			continue;
		if (!decide_on(c, t, p, dd))
			continue;
		pe_acc_init(&e);
		pe_acc_all(&e, dd, t->n_required);
		pe_emit(c, pe_principal_node(c, p), p->arn, ti, &e);
		pe_acc_release(&e);
		/* the actor gives the target more permissions: the best way to the
		 * administrator (certain, without a boundary) */
		if (writes && (!have_admin || admin.dec != DEC_ALLOW)) {
			pe_acc via;
			pe_acc_init(&via);
			pe_acc_all(&via, dd, t->n_required);
			boundary_cond(&via, p);
			if (!have_admin || via.dec == DEC_ALLOW) {
				pe_acc_release(&admin);
				admin = via;
				have_admin = 1;
			} else {
				pe_acc_release(&via);
			}
		}
	}
	if (have_admin) {
		gnode *n = pe_admin_node(c, a->account);
		pe_emit(c, n, n, ti, &admin);
	}
	pe_acc_release(&admin);
}

/* The best service principal of t that may assume role r, with its PassRole
 * decision (passes) or none. NULL when none may. */
static const pe_trust *best_trust(pe_ctx *c, const aws_privesc_technique *t, pe_sp_roles **sps, const principal *r,
				  size_t pr, const pe_decided **pass)
{
	const pe_trust *trust = NULL, *tr;
	const pe_decided *d = NULL;
	int passes = t->target == PRIVESC_TARGET_PASSED_ROLE;
	size_t k;

	*pass = NULL;
	for (k = 0; k < t->n_service_principals; k++) {
		if (!sps[k] || !(tr = ptrmap_get(&sps[k]->roles, r)))
			continue;
		if (passes) {
			d = pe_decide_iam(c, t->required[pr].action, r->arn, sps[k]->sp);
			if (!pe_ok(d))
				continue;
		}
		if (!trust || (tr->dec == DEC_ALLOW && (!passes || d->dec == DEC_ALLOW) &&
			       (trust->dec != DEC_ALLOW || (passes && (*pass)->dec != DEC_ALLOW)))) {
			trust = tr;
			*pass = d;
		}
	}
	return trust;
}

/* Does a service principal before sps[s] trust r? (it was visited then) */
static int trusted_before(pe_sp_roles **sps, size_t s, const principal *r)
{
	size_t k;

	for (k = 0; k < s; k++)
		if (sps[k] && ptrmap_get(&sps[k]->roles, r))
			return 1;
	return 0;
}

/* Roles of the actor's account that one of t's service principals may
 * assume: passed (iam:PassRole with iam:PassedToService) or already running
 * an existing host. */
static void service_targets(pe_ctx *c, size_t ti, const pe_decided **dd)
{
	const aws_privesc_technique *t = aws_privesc_get(ti);
	const principal *a = c->actor;
	int passes = t->target == PRIVESC_TARGET_PASSED_ROLE;
	pe_sp_roles *sps[PE_MAX_SP];
	size_t i, k, s, pr = 0;

	for (k = 0; k < t->n_service_principals; k++)
		sps[k] = pe_service_roles(c, t->service_principals[k]);
	for (i = 0; passes && i < t->n_required; i++)
		if (pe_is_action(t->required[i].action, "iam:PassRole"))
			pr = i;
	for (s = 0; s < t->n_service_principals; s++) {
		for (i = 0; sps[s] && i < sps[s]->n; i++) {
			const principal *r = sps[s]->list[i];
			const pe_decided *pass;
			const pe_trust *trust;
			pe_acc e;
			if (r == a || r->account != a->account || trusted_before(sps, s, r))
				continue;
			if ((passes && !pe_may_cover(c, pe_action(c, t->required[pr].action), r->arn)) ||
			    pe_dominated(c, r->arn, t))
				continue;
			if (!(trust = best_trust(c, t, sps, r, pr, &pass)))
				continue;
			if (passes)
				dd[pr] = pass;
			pe_acc_init(&e);
			pe_acc_all(&e, dd, t->n_required);
			if (trust->dec == DEC_CONDITIONAL)
				pe_acc_conds(&e, trust->conditions, trust->n_conditions);
			/* the model knows neither which compute exists nor instance profiles */
			if (!passes)
				pe_acc_condf(&e, "if an existing %s runs as '%s'", t->host, r->arn);
			if (t->flags & PRIVESC_INSTANCE_PROFILE)
				pe_acc_condf(&e, "if '%s' is in an instance profile", r->arn);
			for (k = 0; passes && k < t->n_required; k++)
				if (t->required[k].resource == PRIVESC_RES_EXISTING_RESOURCE)
					pe_acc_condf(&e, "if a resource exists for %s to act on", t->required[k].action);
			pe_emit(c, pe_principal_node(c, r), r->arn, ti, &e);
			pe_acc_release(&e);
		}
	}
}

void pe_technique(pe_ctx *c, size_t ti)
{
	const aws_privesc_technique *t = aws_privesc_get(ti);
	const principal *a = c->actor;
	const pe_decided *dd[PE_MAX_REQ];
	const char *pol_arn = NULL;

	if (((t->flags & PRIVESC_ACTOR_USER) && a->kind != PRIN_USER) ||
	    ((t->flags & PRIVESC_ACTOR_ROLE) && a->kind != PRIN_ROLE))
		return;
	if (t->target == PRIVESC_TARGET_SELF_ADMIN && pe_dominated(c, pe_admin_find(c, a->account), t))
		return;
	if (!feasible(c, t) || !decide_fixed(c, t, dd, &pol_arn))
		return;
	switch (t->target) {
	case PRIVESC_TARGET_SELF_ADMIN:
		self_admin(c, ti, dd, pol_arn);
		break;
	case PRIVESC_TARGET_PRINCIPAL:
		principals(c, ti, dd);
		break;
	case PRIVESC_TARGET_PASSED_ROLE:
	case PRIVESC_TARGET_EXISTING_ROLE:
		service_targets(c, ti, dd);
		break;
	default:
		break;
	}
}
