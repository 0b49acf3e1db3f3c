/* az_eval — Azure RBAC decisions: plan the scope chain once, decide per principal. */
#include "eval/az_eval.h"
#include "base/diag.h"
#include "base/ptrmap.h"
#include "base/strlist.h"
#include "base/xalloc.h"
#include "eval/az_cond.h"
#include "eval/match.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ANCESTORS 64
#define MG_PREFIX "/providers/microsoft.management/managementgroups/"

typedef struct plan_allow {
	const az_assignment *x;
	const char *pattern;        /* NULL: the role is not in the inputs */
	const char *mg_gap;         /* the management group when it applies only if the subscription is under it */
	int open;                   /* the holder is a group whose members are not all known */
	tri cond;                   /* its ABAC condition for this request (TRI_TRUE without one) */
	const char *cond_why;       /* why the condition could not be read, or NULL */
} plan_allow;

typedef struct plan_deny {
	const az_deny *d;
	const char *pattern;
	tri cond;
} plan_deny;

struct az_plan {
	model *m;
	azm *a;
	const char *op;
	const char *scope_id;       /* as the request gave it */
	az_op_plane plane;
	az_op_plane match_plane;    /* the plane patterns are matched in: AZ_OP_UNKNOWN for both */
	const char *anc[MAX_ANCESTORS];
	size_t n_anc;
	const char *gap_scope;      /* the highest known scope when the chain above it is unknown */
	plan_allow *allows;
	size_t n_allows, cap_allows;
	plan_deny *denies;
	size_t n_denies, cap_denies;
	const az_principal **holders;
	size_t n_holders, cap_holders;
	ptrmap holder_seen;
};

void az_result_init(az_result *r)
{
	memset(r, 0, sizeof(*r));
	r->dec = DEC_IMPLICIT_DENY;
}

void az_result_release(az_result *r)
{
	if (!r)
		return;
	strlist_release(&r->conditions, &r->n_conditions, &r->cap_conditions);
	free(r->reasons);
	az_result_init(r);
}

/* Add a formatted condition to r (once). */
#define add_condition(r, ...) strlist_addf(&(r)->conditions, &(r)->n_conditions, &(r)->cap_conditions, __VA_ARGS__)

static void add_reason(az_result *r, const az_reason *e)
{
	XGROW(r->reasons, r->cap_reasons, r->n_reasons + 1);
	r->reasons[r->n_reasons++] = *e;
}

/* --- permissions ---------------------------------------------------------------- */

static const char *match_any(const char *const *pats, size_t n, const char *op)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (match_glob(pats[i], op, 1))
			return pats[i];
	return NULL;
}

const char *az_eval_perms_grant(const az_perms *blocks, size_t n, const char *op, az_op_plane plane)
{
	size_t i;
	const char *pat;

	for (i = 0; i < n; i++) {
		const az_perms *b = &blocks[i];
		if (plane != AZ_OP_DATA && (pat = match_any(b->actions, b->n_actions, op)) &&
		    !match_any(b->not_actions, b->n_not_actions, op))
			return pat;
		if (plane != AZ_OP_CONTROL && (pat = match_any(b->data_actions, b->n_data_actions, op)) &&
		    !match_any(b->not_data_actions, b->n_not_data_actions, op))
			return pat;
	}
	return NULL;
}

/* --- the plan -------------------------------------------------------------------- */

static int group_open(const az_principal *g);

/* A condition settled for this request: TRI_FALSE means the assignment does not apply. */
static tri plan_condition(az_plan *p, const char *condition, const char **why)
{
	az_cond_request rq;
	char buf[200];
	tri t;

	*why = NULL;
	if (!condition)
		return TRI_TRUE;
	rq.operation = p->op;
	rq.resource_id = p->scope_id;
	t = az_cond_eval(condition, &rq, buf, sizeof(buf));
	if (t == TRI_UNKNOWN && buf[0])
		*why = model_intern(p->m, buf);
	return t;
}

static void plan_allow_add(az_plan *p, const az_assignment *x, const char *mg_gap)
{
	const char *pat = NULL, *why;
	tri holds;

	if (x->role) {
		pat = az_eval_perms_grant(x->role->perms, x->role->n_perms, p->op, p->match_plane);
		if (!pat)
			return;
	}
	holds = plan_condition(p, x->condition, &why);
	if (holds == TRI_FALSE)
		return;
	XGROW(p->allows, p->cap_allows, p->n_allows + 1);
	p->allows[p->n_allows].x = x;
	p->allows[p->n_allows].pattern = pat;
	p->allows[p->n_allows].mg_gap = mg_gap;
	p->allows[p->n_allows].open = x->principal && group_open(x->principal);
	p->allows[p->n_allows].cond = holds;
	p->allows[p->n_allows].cond_why = why;
	p->n_allows++;
	if (x->principal && !ptrmap_get(&p->holder_seen, x->principal)) {
		ptrmap_put(&p->holder_seen, x->principal, (void *)x->principal);
		XGROW(p->holders, p->cap_holders, p->n_holders + 1);
		p->holders[p->n_holders++] = x->principal;
	}
}

static int in_chain(const az_plan *p, const char *key)
{
	size_t i;

	for (i = 0; i < p->n_anc; i++)
		if (p->anc[i] == key)
			return 1;
	return 0;
}

az_plan *az_plan_new(model *m, const char *operation, const char *scope_id)
{
	az_plan *p;
	azm *a = model_azure(m);
	int gap = 0;
	size_t i, j, n;

	p = xcalloc(1, sizeof(*p));
	p->m = m;
	p->a = a;
	p->op = model_intern(m, operation);
	p->scope_id = model_intern(m, scope_id);
	p->plane = az_catalog_op_plane(operation);
	p->match_plane = p->plane;
	/* a few operations are registered in both planes: built-in roles grant them either way */
	if (p->plane == AZ_OP_DATA && az_catalog_match_count(operation, AZ_OP_CONTROL) > 0)
		p->match_plane = AZ_OP_UNKNOWN;
	p->n_anc = azm_ancestors(a, scope_id, p->anc, MAX_ANCESTORS, &gap);
	if (!p->n_anc) {
		az_plan_free(p);
		return NULL;
	}
	for (i = 0; i < p->n_anc; i++) {
		az_assignment *const *xs = azm_assignments_at(a, p->anc[i], &n);
		az_deny *const *ds;
		for (j = 0; j < n; j++)
			plan_allow_add(p, xs[j], NULL);
		ds = azm_denies_at(a, p->anc[i], &n);
		for (j = 0; j < n; j++) {
			const char *pat = az_eval_perms_grant(ds[j]->perms, ds[j]->n_perms, p->op, p->match_plane);
			const char *why;
			tri holds;
			/* doNotApplyToChildScopes: the deny holds at its own scope only */
			if (!pat || (ds[j]->no_children && i > 0))
				continue;
			if ((holds = plan_condition(p, ds[j]->condition, &why)) == TRI_FALSE)
				continue;
			XGROW(p->denies, p->cap_denies, p->n_denies + 1);
			p->denies[p->n_denies].d = ds[j];
			p->denies[p->n_denies].pattern = pat;
			p->denies[p->n_denies].cond = holds;
			p->n_denies++;
		}
	}
	if (gap) {
		/* The chain above the last known scope is not in the inputs: any management
		 * group's assignments may apply. The root "/" is last in the chain. */
		az_assignment **all = azm_assignments(a, &n);
		p->gap_scope = p->n_anc >= 2 ? p->anc[p->n_anc - 2] : p->anc[0];
		for (j = 0; j < n; j++)
			if (all[j]->scope && !strncmp(all[j]->scope, MG_PREFIX, strlen(MG_PREFIX)) &&
			    !in_chain(p, all[j]->scope))
				plan_allow_add(p, all[j], all[j]->scope + strlen(MG_PREFIX));
	}
	return p;
}

void az_plan_free(az_plan *p)
{
	if (!p)
		return;
	free(p->allows);
	free(p->denies);
	free(p->holders);
	ptrmap_release(&p->holder_seen);
	free(p);
}

az_op_plane az_plan_plane(const az_plan *p)
{
	return p->plane;
}

const az_principal *const *az_plan_holders(const az_plan *p, size_t *n)
{
	*n = p->n_holders;
	return p->holders;
}

/* --- deciding for one principal --------------------------------------------------- */

/* The principal and every group it is in, transitively (cycles survive). */
typedef struct closure {
	ptrmap in;
	const az_principal **items;
	size_t n, cap;
} closure;

static void closure_build(closure *c, const az_principal *p)
{
	size_t i, j;

	memset(c, 0, sizeof(*c));
	ptrmap_put(&c->in, p, (void *)p);
	XGROW(c->items, c->cap, 1);
	c->items[c->n++] = p;
	for (i = 0; i < c->n; i++)
		for (j = 0; j < c->items[i]->n_groups; j++) {
			const az_principal *g = c->items[i]->groups[j];
			if (ptrmap_get(&c->in, g))
				continue;
			ptrmap_put(&c->in, g, (void *)g);
			XGROW(c->items, c->cap, c->n + 1);
			c->items[c->n++] = g;
		}
}

static void closure_release(closure *c)
{
	ptrmap_release(&c->in);
	free(c->items);
}

/* 1 when group g, or a group nested in it, may have members the inputs do not list. */
static int group_open(const az_principal *g)
{
	ptrmap seen = PTRMAP_INIT;
	const az_principal **stack = NULL;
	size_t n = 0, cap = 0, i;
	int open = 0;

	/* a principal of unknown type may be a group whose members the inputs do not list */
	if (g->kind == AZP_FOREIGN_GROUP || g->kind == AZP_UNKNOWN)
		return 1;
	if (g->kind != AZP_GROUP)
		return 0;
	XGROW(stack, cap, 1);
	stack[n++] = g;
	ptrmap_put(&seen, g, (void *)g);
	while (n && !open) {
		const az_principal *x = stack[--n];
		if (!x->members_known) {
			open = 1;
			break;
		}
		for (i = 0; i < x->n_members; i++) {
			const az_principal *y = x->members[i];
			if ((y->kind == AZP_GROUP || y->kind == AZP_FOREIGN_GROUP) && !ptrmap_get(&seen, y)) {
				if (y->kind == AZP_FOREIGN_GROUP)
					open = 1;
				ptrmap_put(&seen, y, (void *)y);
				XGROW(stack, cap, n + 1);
				stack[n++] = y;
			}
		}
	}
	ptrmap_release(&seen);
	free(stack);
	return open;
}

static const char *pname(const az_principal *p)
{
	return p->name ? p->name : p->id;
}

static const char *role_label(const az_assignment *x)
{
	if (x->role && x->role->name)
		return x->role->name;
	return x->role_name ? x->role_name : x->role_guid ? x->role_guid : "?";
}

/* The conditions an allowing assignment carries; 1 when there is any. */
static int allow_conditions(const az_plan *p, const plan_allow *al, az_result *r)
{
	const az_assignment *x = al->x;
	int iscond = 0;

	if (!x->role) {
		add_condition(r, "role definition %s of assignment %s is not in the inputs: it may grant %s",
			      x->role_guid ? x->role_guid : "?", x->id ? x->id : x->scope, p->op);
		iscond = 1;
	}
	if (x->condition && al->cond != TRI_TRUE) {
		add_condition(r, "condition of the %s assignment at %s holds: %s%s%s%s", role_label(x),
			      x->scope_written ? x->scope_written : x->scope, x->condition,
			      al->cond_why ? " (" : "", al->cond_why ? al->cond_why : "", al->cond_why ? ")" : "");
		iscond = 1;
	}
	if (x->kind == AZA_LIGHTHOUSE_ELIGIBLE) {
		add_condition(r, "just-in-time activation of the eligible Lighthouse authorization (%s from tenant %s)",
			      role_label(x), x->delegated_from ? x->delegated_from : "?");
		iscond = 1;
	}
	if (x->kind == AZA_LIGHTHOUSE_UNASSIGNED) {
		add_condition(r, "the Lighthouse registration definition of tenant %s is assigned to %s",
			      x->delegated_from ? x->delegated_from : "?", x->scope);
		iscond = 1;
	}
	if (al->mg_gap) {
		add_condition(r, "%s is under management group %s (the hierarchy above it is not in the inputs)",
			      p->gap_scope, al->mg_gap);
		iscond = 1;
	}
	if (p->plane == AZ_OP_UNKNOWN) {
		add_condition(r, "%s, not in the operations catalogue, is matched against both actions and dataActions",
			      p->op);
		iscond = 1;
	}
	return iscond;
}

/* 1: the principal is certainly among `set`; -1: may be (an open group); 0: is not. */
static int among(az_principal *const *set, size_t n, const closure *c, int everyone_counts)
{
	size_t i;
	int maybe = 0;

	for (i = 0; i < n; i++) {
		if ((everyone_counts && set[i]->kind == AZP_EVERYONE) || ptrmap_get(&c->in, set[i]))
			return 1;
		if (group_open(set[i]))
			maybe = 1;
	}
	return maybe ? -1 : 0;
}

int az_plan_decide(az_plan *p, const az_principal *who, az_result *out)
{
	closure c;
	size_t i;
	int allow = 0, maybe_allow = 0, deny = 0;
	az_reason e;

	az_result_release(out);
	out->plane = p->plane;
	closure_build(&c, who);
	for (i = 0; i < p->n_allows; i++) {
		const plan_allow *al = &p->allows[i];
		const az_principal *h = al->x->principal;
		int member = h && ptrmap_get(&c.in, h) != NULL;
		int iscond;
		if (!h || (!member && (!al->open || who->kind == AZP_EVERYONE)))
			continue;
		/* a directory's groups hold only its own objects: an outside principal of
		 * unknown type (Lighthouse) cannot have members from this tenant */
		if (!member && h->kind == AZP_UNKNOWN && h->external && !who->external)
			continue;
		iscond = allow_conditions(p, al, out);
		if (!member && h->kind == AZP_UNKNOWN) {
			add_condition(out, "%s is a group and %s is a member of it (its type and members are not in the "
				      "inputs)", pname(h), pname(who));
			iscond = 1;
		} else if (!member) {
			add_condition(out, "%s is a member of group %s (its members are not all in the inputs)",
				      pname(who), pname(h));
			iscond = 1;
		}
		memset(&e, 0, sizeof(e));
		e.assignment = al->x;
		e.holder = h;
		e.pattern = al->pattern;
		e.conditional = iscond;
		e.condition_holds = al->x->condition && al->cond == TRI_TRUE;
		add_reason(out, &e);
		if (iscond)
			maybe_allow = 1;
		else
			allow = 1;
	}
	for (i = 0; i < p->n_denies; i++) {
		const az_deny *d = p->denies[i].d;
		int in = among(d->principals, d->n_principals, &c, 1);
		int ex = among(d->excludes, d->n_excludes, &c, 0);
		int certain;
		if (in == 0 || ex == 1)
			continue;
		certain = in == 1 && ex == 0 && p->denies[i].cond == TRI_TRUE && p->plane != AZ_OP_UNKNOWN;
		memset(&e, 0, sizeof(e));
		e.deny = d;
		e.pattern = p->denies[i].pattern;
		e.conditional = !certain;
		add_reason(out, &e);
		if (certain) {
			deny = 1;
			continue;
		}
		add_condition(out, "denied by deny assignment '%s' if %s", d->name ? d->name : d->id,
			      p->denies[i].cond != TRI_TRUE ? d->condition
			      : in < 0 ? "the principal is in a group it names whose members are not all in the inputs"
			      : ex < 0 ? "the principal is not in an excluded group whose members are not all in the inputs"
			      : "the operation is in the plane the deny names");
	}
	closure_release(&c);
	if (deny)
		out->dec = DEC_DENY;
	else if (allow)
		out->dec = DEC_ALLOW;
	else if (maybe_allow)
		out->dec = DEC_CONDITIONAL;
	else
		out->dec = DEC_IMPLICIT_DENY;
	/* An allow that holds for certain needs no "if"; keep only the deny caveats then. */
	if (out->dec == DEC_ALLOW || out->dec == DEC_DENY || out->dec == DEC_IMPLICIT_DENY) {
		size_t k = 0;
		for (i = 0; i < out->n_conditions; i++) {
			if (out->dec == DEC_ALLOW && !strncmp(out->conditions[i], "denied by ", 10))
				out->conditions[k++] = out->conditions[i];
			else
				free(out->conditions[i]);
		}
		out->n_conditions = k;
	}
	strlist_sort(out->conditions, out->n_conditions);
	return 0;
}

int az_eval(model *m, const az_principal *who, const char *operation, const char *scope_id,
	    az_result *out)
{
	az_plan *p = az_plan_new(m, operation, scope_id);
	int err;

	if (!p)
		return PG_EUSAGE;
	err = az_plan_decide(p, who, out);
	az_plan_free(p);
	return err;
}
