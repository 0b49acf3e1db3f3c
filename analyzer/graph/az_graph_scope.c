/*
 * az_graph_scope — Azure escalation edges at scopes, to administrator
 * pseudo principals ("azure-admin:<scope key>", type "administrator"; another
 * slice gives them access to every classified resource below their scope):
 * - az-001 (roleAssignments/write): the principals named by the assignments
 *   at a scope whose role may grant it, when az_eval allows it there;
 * - az-002 (roleDefinitions/write on every assignable scope of a custom
 *   role assigned to the actor or to a group it is in): the actor -> the
 *   administrator of that assignment's scope;
 * - az-003 (elevateAccess at "/", Global Administrators only: conditional)
 *   -> "azure-admin:/".
 * Then the driver: host edges for every resource with identities, these.
 */
#include "graph/az_graph_internal.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/az_privesc.h"
#include "eval/az_eval.h"

#include <stdlib.h>
#include <string.h>

/* One can-act-as edge to an administrator node, with the technique's flags. */
static void scope_edge(azg_ctx *c, const az_principal *who, gnode *target, const az_privesc_technique *tq,
		       const az_privesc_alt *alt, decision dec, const char **conds, size_t n_conds, pg_loc loc)
{
	size_t n;
	const char **cs = azg_esc_conds(c, tq, conds, n_conds, &dec, &n);

	azg_esc_edge(c, GE_CAN_ACT_AS, azg_pnode(c, who), target, tq, alt, dec, cs, n, loc);
}

/* The administrator node of a scope (key), created on first use. */
static gnode *admin_node(azg_ctx *c, const char *scope, const char *written)
{
	strbuf sb;
	gnode *x;

	strbuf_init(&sb);
	strbuf_addstr(&sb, AZ_GRAPH_ADMIN_PREFIX);
	strbuf_addstr(&sb, scope);
	x = graph_add_node(c->g, GN_PRINCIPAL, sb.buf);
	strbuf_release(&sb);
	if (!x->type) {
		x->type = "administrator";
		x->name = written ? written : scope;
		x->cloud = "azure";
		x->account = azg_subscription_of(c, scope);
	}
	return x;
}

/* who's answer for every operation of a plan list: allow, conditional (its
 * conditions appended to conds) or implicit deny; *x = the assignment that
 * grants the first. */
static decision plans_decide(azg_ctx *c, az_plan *const *plans, size_t n, const az_principal *who,
			     const char **conds, size_t *n_conds, size_t max, const az_assignment **x)
{
	az_result res;
	decision dec = DEC_ALLOW;
	size_t i, k;

	*x = NULL;
	az_result_init(&res);
	for (i = 0; i < n && dec != DEC_IMPLICIT_DENY; i++) {
		const char **cs;
		if (az_plan_decide(plans[i], who, &res) < 0 || (res.dec != DEC_ALLOW && res.dec != DEC_CONDITIONAL)) {
			dec = DEC_IMPLICIT_DENY;
			break;
		}
		c->st.decisions++;
		if (res.dec == DEC_CONDITIONAL)
			dec = DEC_CONDITIONAL;
		for (k = 0; k < res.n_reasons && !*x; k++)
			if (res.reasons[k].assignment && (res.reasons[k].holder == who || k + 1 == res.n_reasons))
				*x = res.reasons[k].assignment;
		cs = azg_conds_of(c, res.conditions, res.n_conditions);
		for (k = 0; k < res.n_conditions && *n_conds < max; k++)
			conds[(*n_conds)++] = cs[k];
	}
	az_result_release(&res);
	return dec;
}

/* 1 when x's role may grant every operation of alt (a role not in the inputs may). */
static int role_may_grant(const az_assignment *x, const az_privesc_alt *alt)
{
	size_t i;

	for (i = 0; x->role && i < alt->n_ops; i++)
		if (!az_eval_perms_grant(x->role->perms, x->role->n_perms, alt->ops[i].name, alt->ops[i].plane))
			return 0;
	return 1;
}

static size_t plans_new(azg_ctx *c, const az_privesc_alt *alt, const char *scope, az_plan **plans)
{
	size_t i;

	for (i = 0; i < alt->n_ops && i < AZG_MAX_ALT_OPS; i++)
		if (!(plans[i] = az_plan_new(c->m, alt->ops[i].name, scope)))
			break;
	return i;
}

static void plans_free(az_plan **plans, size_t n)
{
	while (n)
		az_plan_free(plans[--n]);
}

/* An edge from every principal in who[0..n) allowed alt on the scope (key, as
 * written) to the scope's administrator node (created with the first edge). */
static void scope_edges(azg_ctx *c, const az_privesc_technique *tq, const az_privesc_alt *alt, const char *key,
			const char *scope, const az_principal *const *who, size_t n)
{
	az_plan *plans[AZG_MAX_ALT_OPS];
	const char *conds[AZG_MAX_CONDS + 16];
	size_t n_plans = plans_new(c, alt, scope, plans), i, n_conds;
	const az_assignment *x;
	decision dec;

	for (i = 0; n_plans == alt->n_ops && i < n; i++) {
		n_conds = 0;
		dec = plans_decide(c, plans, n_plans, who[i], conds, &n_conds, AZG_MAX_CONDS, &x);
		if (dec == DEC_ALLOW || dec == DEC_CONDITIONAL)
			scope_edge(c, who[i], admin_node(c, key, scope), tq, alt, dec, conds, n_conds,
				   x ? x->loc : (pg_loc){ 0 });
	}
	plans_free(plans, n_plans);
}

/* az-001 and the like: the principals of the assignments at each scope that may grant alt. */
static void any_role_edges(azg_ctx *c, const az_privesc_technique *tq, const az_privesc_alt *alt)
{
	az_assignment **xs;
	ptrmap seen = PTRMAP_INIT;
	const az_principal **who = NULL;
	size_t n, i, j, n_at, n_who, cap = 0;

	xs = azm_assignments(c->a, &n);
	for (i = 0; i < n; i++) {
		az_assignment *const *at;
		if (!xs[i]->scope || ptrmap_get(&seen, xs[i]->scope) || !role_may_grant(xs[i], alt))
			continue;
		ptrmap_put(&seen, xs[i]->scope, (void *)xs[i]->scope);
		at = azm_assignments_at(c->a, xs[i]->scope, &n_at);
		for (j = n_who = 0; j < n_at; j++) {
			size_t d;
			if (!at[j]->principal || !role_may_grant(at[j], alt))
				continue;
			for (d = 0; d < n_who && who[d] != at[j]->principal; d++)
				;
			if (d == n_who) {
				XGROW(who, cap, n_who + 1);
				who[n_who++] = at[j]->principal;
			}
		}
		scope_edges(c, tq, alt, xs[i]->scope, xs[i]->scope_written ? xs[i]->scope_written : xs[i]->scope,
			    who, n_who);
	}
	free(who);
	ptrmap_release(&seen);
}

/* 1 when p is g or (transitively) in g. */
static int in_group(const az_principal *p, const az_principal *g, int depth)
{
	size_t i;

	if (p == g)
		return 1;
	for (i = 0; depth < 32 && i < p->n_groups; i++)
		if (in_group(p->groups[i], g, depth + 1))
			return 1;
	return 0;
}

/* who's answer for alt on every assignable scope of role (conditions into conds). */
static decision on_every_scope(azg_ctx *c, const az_privesc_alt *alt, const az_role *role, const az_principal *who,
			       const char **conds, size_t *n_conds, const az_assignment **x)
{
	decision dec = DEC_ALLOW;
	size_t s;

	*x = NULL;
	for (s = 0; s < role->n_assignable && dec != DEC_IMPLICIT_DENY; s++) {
		az_plan *plans[AZG_MAX_ALT_OPS];
		size_t n_plans = plans_new(c, alt, role->assignable_scopes[s], plans);
		const az_assignment *y = NULL;
		decision d = n_plans == alt->n_ops ? plans_decide(c, plans, n_plans, who, conds, n_conds, AZG_MAX_CONDS, &y)
						   : DEC_IMPLICIT_DENY;
		plans_free(plans, n_plans);
		if (!*x)
			*x = y;
		if (d != DEC_ALLOW)
			dec = d == DEC_CONDITIONAL ? DEC_CONDITIONAL : DEC_IMPLICIT_DENY;
	}
	return dec;
}

/* az-002: who may rewrite a custom role on every assignable scope gains, through
 * an assignment of it to itself or to a group it is in, full control of that
 * assignment's scope. The candidates are the holders of the operations on the
 * role's first assignable scope: the assignment's principal when it is in
 * such a holder (a member acting through its group), else the holder when it
 * is in the assignment's group (it acts for itself). */
static void widen_role_edges(azg_ctx *c, const az_privesc_technique *tq, const az_privesc_alt *alt)
{
	az_assignment **xs;
	ptrmap done = PTRMAP_INIT;
	size_t n, i, j, k, nh;

	xs = azm_assignments(c->a, &n);
	for (i = 0; i < n; i++) {
		const az_role *role = xs[i]->role;
		az_plan *plans[AZG_MAX_ALT_OPS];
		size_t n_plans;
		if (!role || role->builtin || !role->n_assignable || !xs[i]->principal || !xs[i]->scope)
			continue;
		n_plans = plans_new(c, alt, role->assignable_scopes[0], plans);
		for (k = 0; n_plans == alt->n_ops && k < n_plans; k++) {
			const az_principal *const *hs = az_plan_holders(plans[k], &nh);
			for (j = 0; j < nh; j++) {
				const char *conds[AZG_MAX_CONDS + 16];
				size_t n_conds = 0;
				const az_assignment *x;
				const az_principal *gainer = in_group(xs[i]->principal, hs[j], 0) ? xs[i]->principal
							   : in_group(hs[j], xs[i]->principal, 0) ? hs[j] : NULL;
				gnode *target;
				decision dec;
				strbuf key;
				const char *kk;
				if (!gainer)
					continue;
				strbuf_init(&key);
				strbuf_addf(&key, "%p>%s", (const void *)gainer, xs[i]->scope);
				kk = intern(&c->keys, key.buf);
				strbuf_release(&key);
				if (ptrmap_get(&done, kk))
					continue;
				ptrmap_put(&done, kk, (void *)kk);
				dec = on_every_scope(c, alt, role, gainer, conds, &n_conds, &x);
				if (dec != DEC_ALLOW && dec != DEC_CONDITIONAL)
					continue;
				target = admin_node(c, xs[i]->scope, xs[i]->scope_written);
				scope_edge(c, gainer, target, tq, alt, dec, conds, n_conds, x ? x->loc : xs[i]->loc);
			}
			break;      /* the holders of the first operation are the candidates */
		}
		plans_free(plans, n_plans);
	}
	ptrmap_release(&done);
}

/* az-003: who is allowed elevateAccess at the root. */
static void tenant_edges(azg_ctx *c, const az_privesc_technique *tq, const az_privesc_alt *alt)
{
	az_plan *plans[AZG_MAX_ALT_OPS];
	size_t n_plans = plans_new(c, alt, "/", plans), nh;
	const az_principal *const *hs;

	if (n_plans == alt->n_ops && n_plans) {
		hs = az_plan_holders(plans[0], &nh);
		scope_edges(c, tq, alt, azm_key(c->a, "/"), "/", hs, nh);
	}
	plans_free(plans, n_plans);
}

int azg_escalate(azg_ctx *c)
{
	az_resource **rs;
	size_t n, i, a;
	int err = 0;

	rs = azm_resources(c->a, &n);
	for (i = 0; i < n && !err; i++)
		if (rs[i]->n_identities && rs[i]->type)
			err = azg_host_edges(c, rs[i]);
	for (i = 0; i < az_privesc_count() && !err; i++) {
		const az_privesc_technique *tq = az_privesc_get(i);
		for (a = 0; a < tq->n_alternatives; a++) {
			const az_privesc_alt *alt = &tq->alternatives[a];
			if (tq->gain == AZ_GAIN_ANY_ROLE_AT_SCOPE)
				any_role_edges(c, tq, alt);
			else if (tq->gain == AZ_GAIN_WIDEN_ASSIGNED_ROLE)
				widen_role_edges(c, tq, alt);
			else if (tq->gain == AZ_GAIN_ROOT_UAA)
				tenant_edges(c, tq, alt);
		}
	}
	return err;
}
