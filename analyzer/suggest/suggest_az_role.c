/*
 * suggest_az_role — the least-privileged covering built-in role, and the
 * verification of an Azure suggestion with az_eval on a second model that
 * holds only the principal and the suggested assignment.
 */
#include "suggest/suggest_az_internal.h"
#include "base/ptrmap.h"
#include "base/strci.h"
#include "base/xalloc.h"
#include "catalog/az_catalog.h"
#include "eval/az_eval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LISTED 10

struct sz_roles {
	model *m;                   /* scratch: the built-in roles live in its arena */
	const char **ops;           /* every catalogue operation */
	az_op_plane *planes;        /* its plane (AZ_OP_UNKNOWN: both) */
	size_t n_ops;
	unsigned char *mark;        /* scratch, per operation */
	size_t *cand;               /* scratch: the operations a role's patterns may match */
	ptrmap counts;              /* role* -> grants + 1 */
};

/* The plane patterns are matched in: both for the few operations registered in both. */
static az_op_plane op_plane(const char *op)
{
	az_op_plane plane = az_catalog_op_plane(op);

	if (plane == AZ_OP_DATA && az_catalog_match_count(op, AZ_OP_CONTROL) > 0)
		plane = AZ_OP_UNKNOWN;
	return plane;
}

sz_roles *sz_roles_new(void)
{
	sz_roles *r = xcalloc(1, sizeof(*r));

	r->m = model_new();
	r->n_ops = az_catalog_ops_prefixed("", NULL, 0);
	r->ops = xcalloc(r->n_ops + 1, sizeof(*r->ops));
	az_catalog_ops_prefixed("", r->ops, r->n_ops);
	r->planes = xcalloc(r->n_ops + 1, sizeof(*r->planes));
	r->mark = xcalloc(r->n_ops + 1, 1);     /* bit 1: in cand; bit 2: planes[i] known */
	r->cand = xcalloc(r->n_ops + 1, sizeof(*r->cand));
	return r;
}

void sz_roles_free(sz_roles *r)
{
	if (!r)
		return;
	model_free(r->m);
	free(r->ops);
	free(r->planes);
	free(r->mark);
	free(r->cand);
	ptrmap_release(&r->counts);
	free(r);
}

int sz_grants(const az_role *role, const char *op)
{
	return az_eval_perms_grant(role->perms, role->n_perms, op, op_plane(op)) != NULL;
}

static const char *op_at(size_t i, const void *ctx)
{
	return ((const char *const *)ctx)[i];
}

/* The operations sharing the literal start of each pattern, once each, into r->cand. */
static size_t candidates(sz_roles *r, const char *const *pats, size_t n_pats, size_t n)
{
	size_t i, k, lo, hi;

	for (i = 0; i < n_pats; i++) {
		lo = 0;
		hi = r->n_ops;
		strci_prefix_range(pats[i], strcspn(pats[i], "*?"), &lo, &hi, op_at, r->ops);
		for (k = lo; k < hi; k++)
			if (!(r->mark[k] & 1)) {
				r->mark[k] |= 1;
				r->cand[n++] = k;
			}
	}
	return n;
}

size_t sz_roles_grants(sz_roles *r, const az_role *role)
{
	size_t n = (size_t)(uintptr_t)ptrmap_get(&r->counts, role), i, n_cand = 0;

	if (n)
		return n - 1;
	/* only operations a grant pattern can match need deciding (notActions only subtract) */
	for (i = 0; i < role->n_perms; i++) {
		n_cand = candidates(r, role->perms[i].actions, role->perms[i].n_actions, n_cand);
		n_cand = candidates(r, role->perms[i].data_actions, role->perms[i].n_data_actions, n_cand);
	}
	for (i = 0; i < n_cand; i++) {
		size_t k = r->cand[i];
		if (!(r->mark[k] & 2)) {
			r->planes[k] = op_plane(r->ops[k]);
			r->mark[k] |= 2;
		}
		n += az_eval_perms_grant(role->perms, role->n_perms, r->ops[k], r->planes[k]) != NULL;
		r->mark[k] &= (unsigned char)~1u;
	}
	ptrmap_put(&r->counts, role, (void *)(uintptr_t)(n + 1));
	return n;
}

static int conditional_role(const az_role *role)
{
	size_t i;

	for (i = 0; i < role->n_perms; i++)
		if (role->perms[i].condition)
			return 1;
	return 0;
}

const az_role *sz_roles_best(sz_roles *r, const char *const *needs, size_t n)
{
	azm *a = model_azure(r->m);
	const az_role *best = NULL;
	size_t i, j, best_n = 0, count = az_catalog_builtin_count();

	for (i = 0; i < count; i++) {
		const az_role *role = az_catalog_builtin_role(a, az_catalog_builtin_guid_at(i));
		size_t k;
		if (!role || conditional_role(role))
			continue;
		for (j = 0; j < n && sz_grants(role, needs[j]); j++)
			;
		if (j < n)
			continue;
		k = sz_roles_grants(r, role);
		if (!best || k < best_n || (k == best_n && strcasecmp(role->name, best->name) < 0)) {
			best = role;
			best_n = k;
		}
	}
	return best;
}

int sz_under(azm *a, const char *anc_key, const char *id)
{
	const char *anc[64];
	int gap;
	size_t n = azm_ancestors(a, id, anc, 64, &gap), i;

	for (i = 0; i < n; i++)
		if (anc[i] == anc_key)
			return 1;
	return 0;
}

/* --- verification -------------------------------------------------------------- */

typedef struct vz {
	const sz_plan *pl;
	suggestion *s;
	model *m2;
	const az_principal *who2;       /* the principal in m2 */
	size_t failures;
} vz;

static decision decide(model *m, const az_principal *who, const char *op, const char *scope, az_result *keep,
		       size_t *count)
{
	az_result r;
	decision d;

	az_result_init(&r);
	d = az_eval(m, who, op, scope, &r) < 0 ? DEC_IMPLICIT_DENY : r.dec;
	(*count)++;
	if (keep)
		*keep = r;
	else
		az_result_release(&r);
	return d;
}

static int allowed(decision d)
{
	return d == DEC_ALLOW || d == DEC_CONDITIONAL;
}

static void fail(vz *v, const char *what, const char *op, const char *where)
{
	if (++v->failures <= MAX_LISTED)
		sug_fail(v->s, "%s %s on %s", what, op, where);
	else
		v->s->verified = 0;
}

/* The second model: the principal and the one suggested assignment. */
static int build_model(vz *v)
{
	const sz_plan *pl = v->pl;
	azm *a2;
	az_principal *p2;
	az_assignment *x2;
	az_role *role;

	v->m2 = model_new();
	a2 = model_azure(v->m2);
	p2 = azm_add_principal(a2, pl->x->principal->id, pl->x->principal->kind);
	p2->members_known = 1;          /* the assignment is decided for the holder itself */
	role = az_catalog_builtin_role(a2, pl->role->guid);
	if (!role)
		return PG_EINTERNAL;
	x2 = azm_add_assignment(a2, AZA_ROLE);
	x2->id = model_intern(v->m2, "permgraph-suggested-assignment");
	x2->scope = azm_key(a2, pl->scope);
	x2->scope_written = model_intern(v->m2, pl->scope);
	x2->principal = p2;
	x2->role_guid = role->guid;
	x2->role_name = role->name;
	x2->role = role;
	x2->condition = pl->condition ? model_intern(v->m2, pl->condition) : NULL;
	x2->condition_version = pl->condition_version ? model_intern(v->m2, pl->condition_version) : NULL;
	model_finalize(v->m2, NULL);
	v->who2 = p2;
	return 0;
}

/* What the inputs decide for the principal: allowed, and by which assignments. */
typedef struct orig_dec {
	int allowed, certain, by_x, by_other;
	int denied;                 /* a deny assignment applies: it would deny the suggestion too */
} orig_dec;

static void original(vz *v, const az_resource *res, int keyed, const char *op, orig_dec *o)
{
	az_result r;
	size_t i;
	decision d;

	memset(o, 0, sizeof(*o));
	d = decide(v->pl->m, v->pl->x->principal, op, res->id_written, &r, &v->s->decisions);
	o->allowed = allowed(d);
	o->certain = d == DEC_ALLOW;
	o->denied = d == DEC_DENY;
	for (i = 0; o->allowed && i < r.n_reasons; i++)
		if (r.reasons[i].assignment && !r.reasons[i].deny) {
			o->by_x |= r.reasons[i].assignment == v->pl->x;
			o->by_other |= r.reasons[i].assignment != v->pl->x;
		}
	az_result_release(&r);
	/* the store's keys give its whole data plane, whatever RBAC says; when the
	 * store may refuse keys (shared-key access unknown) that is the store's
	 * setting, not the principal's grant: the same data, by another path */
	if (keyed && az_catalog_op_plane(op) == AZ_OP_DATA)
		o->allowed = o->certain = o->by_x = 1;
}

static void check_needs(vz *v)
{
	size_t i;

	for (i = 0; i < v->s->n_needs; i++) {
		const sug_need *n = &v->s->needs[i];
		decision d = decide(v->m2, v->who2, n->action, n->arn, NULL, &v->s->decisions);
		/* a deny assignment of the inputs would deny the suggested role too (keys bypass it today) */
		if (allowed(d) && decide(v->pl->m, v->pl->x->principal, n->action, n->arn, NULL, &v->s->decisions) ==
				  DEC_DENY)
			d = DEC_DENY;
		if (n->dec == DEC_ALLOW ? d != DEC_ALLOW : !allowed(d))
			fail(v, "drops needed", n->action, n->arn);
	}
}

/* (b) on one resource, and (c) when it is a store the assignment reaches. */
static void check_resource(vz *v, const az_resource *res, int store, int keyed)
{
	char prefix[512];
	const char **ops;
	size_t n, i;

	snprintf(prefix, sizeof(prefix), "%s/", res->type ? res->type : "?");
	n = az_catalog_ops_prefixed(prefix, NULL, 0);
	ops = xcalloc(n + 1, sizeof(*ops));
	az_catalog_ops_prefixed(prefix, ops, n);
	for (i = 0; i < n; i++) {
		decision d = sz_grants(v->pl->role, ops[i]) ?
			     decide(v->m2, v->who2, ops[i], res->id_written, NULL, &v->s->decisions) : DEC_IMPLICIT_DENY;
		int now = allowed(d);
		orig_dec o;
		if (!now && !store)
			continue;
		original(v, res, keyed, ops[i], &o);
		/* deny assignments depend on the principal, operation and scope only: they stay */
		now &= !o.denied;
		if (now && (!o.allowed || (d == DEC_ALLOW && !o.certain)))
			fail(v, "grants more than the original allows:", ops[i], res->id_written);
		else if (!now && o.by_x && !o.by_other)
			sug_strs_add(&sug_removed_for(v->s, NULL, res->id_written, keyed && az_catalog_op_plane(ops[i]) ==
						      AZ_OP_DATA ? "not kept: the store's data through its keys or SAS" :
						      "not kept: given today by the assignment")->actions, ops[i]);
	}
	free(ops);
}

int sz_verify(const sz_plan *pl, suggestion *s)
{
	vz v;
	azm *a = model_azure(pl->m);
	const char *scope_key = azm_key(a, pl->scope);
	az_resource **rs;
	size_t n, i, j;
	int err;

	memset(&v, 0, sizeof(v));
	v.pl = pl;
	v.s = s;
	s->verified = 1;
	if ((err = build_model(&v)) < 0) {
		sug_fail(s, "the suggested role is not a bundled built-in role");
		model_free(v.m2);
		return err;
	}
	check_needs(&v);
	rs = azm_resources(a, &n);
	for (i = 0; i < n; i++) {
		int store = 0, keyed = 0;
		for (j = 0; j < pl->n_stores; j++) {
			size_t len = strlen(pl->stores[j]->id);
			store |= pl->stores[j] == rs[i];
			/* a store's keys reach the data of its child resources (containers) too */
			if (pl->keyed[j] && !strncmp(rs[i]->id, pl->stores[j]->id, len) &&
			    (!rs[i]->id[len] || rs[i]->id[len] == '/'))
				keyed = keyed == 1 || pl->keyed[j] == 1 ? 1 : 2;
		}
		if (store || sz_under(a, scope_key, rs[i]->id))
			check_resource(&v, rs[i], store, keyed);
	}
	if (v.failures > MAX_LISTED)
		sug_fail(s, "... and %zu more problem(s)", v.failures - MAX_LISTED);
	model_free(v.m2);
	sug_finish(s);
	return 0;
}
