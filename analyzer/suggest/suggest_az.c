/*
 * suggest_az — what an Azure role assignment is used for on synthetic
 * stores, and the built-in role and scope to replace it with (suggest_az.h).
 */
#include "suggest/suggest_az.h"
#include "suggest/suggest_az_internal.h"
#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/az_catalog.h"
#include "catalog/az_privesc.h"
#include "eval/az_eval.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BLOBS "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/"

/* Blob data through a storage account's keys, by the level the keys give. */
static const char *const key_reads[] = { BLOBS "read", NULL };
static const char *const key_writes[] = { BLOBS "write", BLOBS "delete", BLOBS "add/action", BLOBS "move/action",
					   NULL };

typedef struct sz_ctx {
	model *m;
	azm *a;
	const graph *g;
	sz_roles *roles;
	suggestion_list *out;
	/* the assignment at hand */
	const az_assignment *x;
	az_resource **stores;
	unsigned char *keyed;
	size_t n_stores, cap_stores;
	sug_need *needs;
	size_t n_needs, cap_needs;
} sz_ctx;

static const char *azp_type(azp_kind k)
{
	switch (k) {
	case AZP_USER: return "User";
	case AZP_GROUP: return "Group";
	case AZP_SERVICE_PRINCIPAL: case AZP_MANAGED_IDENTITY: return "ServicePrincipal";
	case AZP_FOREIGN_GROUP: return "ForeignGroup";
	default: return "Unknown";
	}
}

/* The assignment applies to the store (its scope is the store or above), or inside it (a container). */
static int reaches(sz_ctx *c, const az_resource *r, int *inside)
{
	size_t n = strlen(r->id);

	*inside = !strncmp(c->x->scope, r->id, n) && c->x->scope[n] == '/';
	return *inside || sz_under(c->a, c->x->scope, r->id);
}

static void add_need(sz_ctx *c, const char *op, const char *where, decision dec)
{
	size_t i;
	const char *name = az_catalog_op_name(op);

	name = model_intern(c->m, name ? name : op);
	for (i = 0; i < c->n_needs; i++)
		if (c->needs[i].action == name && c->needs[i].arn == where)
			return;
	XGROW(c->needs, c->cap_needs, c->n_needs + 1);
	memset(&c->needs[c->n_needs], 0, sizeof(c->needs[0]));
	c->needs[c->n_needs].action = name;
	c->needs[c->n_needs].arn = where;
	c->needs[c->n_needs].dec = dec;
	c->n_needs++;
}

/* Does this assignment allow op at where today (az_eval, the assignment among the reasons)? */
static decision by_this(sz_ctx *c, const char *op, const char *where)
{
	az_result r;
	decision d = DEC_IMPLICIT_DENY;
	size_t i;

	az_result_init(&r);
	if (az_eval(c->m, c->x->principal, op, where, &r) == 0 && (r.dec == DEC_ALLOW || r.dec == DEC_CONDITIONAL))
		for (i = 0; i < r.n_reasons; i++)
			if (r.reasons[i].assignment == c->x)
				d = r.dec;
	az_result_release(&r);
	return d;
}

/* The data operations of the store's type the role grants and the principal has there by it. */
static void direct_needs(sz_ctx *c, const az_resource *r, const char *where)
{
	char prefix[512];
	const char **ops;
	size_t n, i;

	snprintf(prefix, sizeof(prefix), "%s/", r->type ? r->type : "?");
	n = az_catalog_ops_prefixed(prefix, NULL, 0);
	ops = xcalloc(n + 1, sizeof(*ops));
	az_catalog_ops_prefixed(prefix, ops, n);
	for (i = 0; i < n; i++) {
		decision d;
		if (az_catalog_op_plane(ops[i]) != AZ_OP_DATA || !sz_grants(c->x->role, ops[i]))
			continue;
		if ((d = by_this(c, ops[i], where)) != DEC_IMPLICIT_DENY)
			add_need(c, ops[i], where, d);
	}
	free(ops);
}

/* A data operation the keys give: needed unless a deny assignment forbids it
 * (keys bypass deny assignments; a data role would not, and should not). */
static void key_need(sz_ctx *c, const char *op, const char *where, decision dec)
{
	az_result r;
	int denied;

	az_result_init(&r);
	denied = az_eval(c->m, c->x->principal, op, where, &r) == 0 && r.dec == DEC_DENY;
	az_result_release(&r);
	if (!denied)
		add_need(c, op, where, dec);
}

/* Do the role's operations perform (one alternative of) technique t? */
static int role_performs(const az_role *role, const az_privesc_technique *t)
{
	size_t i, j;

	for (i = 0; t && i < t->n_alternatives; i++) {
		for (j = 0; j < t->alternatives[i].n_ops; j++)
			if (!az_eval_perms_grant(role->perms, role->n_perms, t->alternatives[i].ops[j].name,
						 t->alternatives[i].ops[j].plane))
				break;
		if (j == t->alternatives[i].n_ops)
			return 1;
	}
	return 0;
}

/* Data through keys: the graph's escalation access edge from the principal to
 * the store, by a technique this assignment's role performs. */
static int key_needs(sz_ctx *c, const az_resource *r, const char *where)
{
	const gnode *from = graph_find(c->g, c->x->principal->id), *to = graph_find(c->g, r->id);
	size_t i;
	int keyed = 0;

	for (i = 0; from && to && i < from->n_out; i++) {
		const gedge *e = from->out[i];
		const az_privesc_technique *t = e->technique ? az_privesc_find(e->technique) : NULL;
		const char *const *op;
		if (e->kind != GE_ACCESS || e->to != to || !t || t->gain != AZ_GAIN_STORAGE_DATA ||
		    !role_performs(c->x->role, t))
			continue;
		/* 1: the keys are certainly usable; 2: only if a condition holds (shared-key access unknown) */
		keyed = keyed == 1 || e->dec == DEC_ALLOW ? 1 : 2;
		if (!r->type || strcasecmp(r->type, "Microsoft.Storage/storageAccounts"))
			continue;       /* said in a note of the suggestion */
		for (op = key_reads; (e->levels & LEVEL_READ) && *op; op++)
			key_need(c, *op, where, e->dec);
		for (op = key_writes; (e->levels & LEVEL_WRITE) && *op; op++)
			key_need(c, *op, where, e->dec);
	}
	return keyed;
}

/* Segment i of an Azure id ("/a/b/c": 0 is "a"), its length in *len; NULL past the end. */
static const char *segment(const char *id, size_t i, size_t *len)
{
	const char *p = id, *e;

	while (*p == '/')
		p++;
	for (; i > 0 && *p; i--) {
		p = strchr(p, '/');
		if (!p)
			return NULL;
		p++;
	}
	if (!*p)
		return NULL;
	e = strchr(p, '/');
	*len = e ? (size_t)(e - p) : strlen(p);
	return p;
}

/* The narrowest scope covering stores[from, to) (ids as written): the store
 * itself when one, else the leading segments they share, cut back to a
 * scope (subscription, resource group, resource: 2, 4, 8, 10 … segments). */
static void narrowest(sz_ctx *c, size_t from, size_t to, int inside, strbuf *out)
{
	const char *first = inside ? c->x->scope_written : c->stores[from]->id_written, *s, *t;
	size_t n = 0, i, k, ls, lt;

	while (segment(first, n, &ls))
		n++;
	for (i = from + 1; i < to; i++) {
		for (k = 0; k < n; k++) {
			s = segment(first, k, &ls);
			t = segment(c->stores[i]->id_written, k, &lt);
			if (!t || ls != lt || strncasecmp(s, t, ls))
				break;
		}
		n = k;
	}
	if (n >= 5 && n <= 7)
		n = 4;
	else if (n > 8 && n % 2)
		n--;
	for (k = 0; k < n; k++) {
		s = segment(first, k, &ls);
		strbuf_addch(out, '/');
		strbuf_add(out, s, ls);
	}
	if (!n)
		strbuf_addch(out, '/');
}

static void copy_patterns(sug_strs *dst, const char *const *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sug_strs_add(dst, src[i]);
}

/* Is the need on one of stores[from, to) (the store, or a scope inside it)? */
static int need_in(const sz_ctx *c, const sug_need *n, size_t from, size_t to)
{
	size_t i, len;

	for (i = from; i < to; i++) {
		len = strlen(c->stores[i]->id_written);
		if (!strncasecmp(n->arn, c->stores[i]->id_written, len) && (!n->arn[len] || n->arn[len] == '/'))
			return 1;
	}
	return 0;
}

static int emit(sz_ctx *c, size_t from, size_t to, int inside)
{
	const az_assignment *x = c->x;
	const char **ops = xcalloc(c->n_needs + 1, sizeof(*ops));
	const az_role *best;
	strbuf scope = STRBUF_INIT;
	size_t i, n_ops = 0, j;
	suggestion *s;
	sz_plan pl;
	int err = 0;

	for (i = 0; i < c->n_needs; i++) {
		if (!need_in(c, &c->needs[i], from, to))
			continue;
		for (j = 0; j < n_ops && ops[j] != c->needs[i].action; j++)
			;
		if (j == n_ops)
			ops[n_ops++] = c->needs[i].action;
	}
	narrowest(c, from, to, inside, &scope);
	best = sz_roles_best(c->roles, ops, n_ops);
	if (!best) {
		sug_strs_addf(&c->out->skipped, "%s: no built-in role grants what assignment '%s' is used for (a custom "
			      "role is not in this slice)", x->principal->id, x->id ? x->id : "?");
	} else if (azm_key(c->a, scope.buf) == x->scope &&
		   (!strcmp(best->guid, x->role_guid) ||
		    sz_roles_grants(c->roles, best) >= sz_roles_grants(c->roles, x->role))) {
		c->out->unchanged++;
	} else {
		s = suggestion_new(c->out, SUG_AZ_ASSIGNMENT, x->principal->id);
		s->principal_name = xstrdup(x->principal->name ? x->principal->name :
					    x->principal->upn ? x->principal->upn : x->principal->id);
		sug_strs_add(&s->current, x->id ? x->id : x->scope_written);
		s->az.principal_id = xstrdup(x->principal->id);
		s->az.principal_type = xstrdup(azp_type(x->principal->kind));
		s->az.role_guid = xstrdup(best->guid);
		s->az.role_name = xstrdup(best->name ? best->name : best->guid);
		s->az.role_id = xstrdup(best->id ? best->id : best->guid);
		s->az.scope = xstrdup(scope.buf);
		/* an ABAC condition narrows what the old assignment gives: the new one keeps it */
		s->az.condition = x->condition ? xstrdup(x->condition) : NULL;
		s->az.condition_version = x->condition_version ? xstrdup(x->condition_version) : NULL;
		for (i = 0; i < best->n_perms; i++) {
			copy_patterns(&s->az.actions, best->perms[i].actions, best->perms[i].n_actions);
			copy_patterns(&s->az.not_actions, best->perms[i].not_actions, best->perms[i].n_not_actions);
			copy_patterns(&s->az.data_actions, best->perms[i].data_actions, best->perms[i].n_data_actions);
			copy_patterns(&s->az.not_data_actions, best->perms[i].not_data_actions,
				      best->perms[i].n_not_data_actions);
		}
		for (i = 0; i < c->n_needs; i++)
			if (need_in(c, &c->needs[i], from, to))
				sug_add_need(s, &c->needs[i]);
		sug_note(s, "replaces '%s' at %s (%zu operation(s)) with '%s' (%zu)",
			 x->role->name ? x->role->name : x->role_guid, x->scope_written, sz_roles_grants(c->roles, x->role),
			 s->az.role_name, sz_roles_grants(c->roles, best));
		for (i = from; i < to; i++)
			if (c->keyed[i] && strcasecmp(c->stores[i]->type, "Microsoft.Storage/storageAccounts"))
				sug_note(s, "data of '%s' reached through its keys is not translated into a data role "
					 "(not in this slice)", c->stores[i]->id_written);
			else if (c->keyed[i])
				sug_note(s, "'%s' is reached today through its account keys or SAS%s; the role gives the "
					 "data through Entra ID instead, without the keys",
					 c->stores[i]->name ? c->stores[i]->name : c->stores[i]->id_written,
					 c->keyed[i] == 2 ? " (if it accepts shared keys)" : "");
		if (azm_key(c->a, scope.buf) != x->scope) {
			sug_removed *r = sug_add_removed(s, NULL, x->scope_written, "the old scope: what the role gives on "
							 "the rest of it is not kept");
			for (i = 0; i < x->role->n_perms; i++)
				copy_patterns(&r->actions, x->role->perms[i].actions, x->role->perms[i].n_actions);
			for (i = 0; i < x->role->n_perms; i++)
				copy_patterns(&r->actions, x->role->perms[i].data_actions, x->role->perms[i].n_data_actions);
		}
		memset(&pl, 0, sizeof(pl));
		pl.m = c->m;
		pl.x = x;
		pl.stores = c->stores + from;
		pl.n_stores = to - from;
		pl.keyed = c->keyed + from;
		pl.role = best;
		pl.scope = s->az.scope;
		pl.condition = s->az.condition;
		pl.condition_version = s->az.condition_version;
		err = sz_verify(&pl, s);
	}
	strbuf_release(&scope);
	free(ops);
	return err;
}

/* The stores of one subscription are stores[from, to): one suggestion each run. */
static int one_assignment(sz_ctx *c)
{
	az_resource **rs;
	size_t n, i, from;
	int inside = 0, in, err = 0;

	c->n_stores = c->n_needs = 0;
	rs = azm_resources(c->a, &n);
	for (i = 0; i < n; i++) {
		const char *where;
		size_t before = c->n_needs;
		int keyed;
		if (!(rs[i]->classification & CLASS_SYNTHETIC) || !reaches(c, rs[i], &in))
			continue;
		where = in ? model_intern(c->m, c->x->scope_written) : model_intern(c->m, rs[i]->id_written);
		direct_needs(c, rs[i], where);
		keyed = key_needs(c, rs[i], where);
		if (c->n_needs == before)
			continue;       /* no data by this assignment there */
		inside |= in;
		XGROW(c->stores, c->cap_stores, c->n_stores + 1);
		c->keyed = xrealloc(c->keyed, c->cap_stores);
		c->keyed[c->n_stores] = (unsigned char)keyed;
		c->stores[c->n_stores++] = rs[i];
	}
	/* stores in different subscriptions get one suggestion per subscription */
	for (from = 0; from < c->n_stores && err >= 0; from = i) {
		size_t sub = strlen("/subscriptions/") + 36;
		size_t before = c->out->count, k;
		for (i = from + 1; i < c->n_stores && !strncasecmp(c->stores[i]->id, c->stores[from]->id, sub); i++)
			;
		err = emit(c, from, i, inside);
		if (err < 0 || i - from < 2 || c->out->count == before || c->out->items[c->out->count - 1]->verified)
			continue;
		/* their common scope gives more than the stores had (other resources there): one per store */
		suggestion_free(c->out->items[--c->out->count]);
		for (k = from; k < i && err >= 0; k++)
			err = emit(c, k, k + 1, inside);
	}
	return err;
}

int suggest_az_assignments(model *m, const graph *g, const suggest_options *o, suggestion_list *out)
{
	sz_ctx c;
	ptrmap only = PTRMAP_INIT;
	az_assignment **xs;
	az_principal *named[16];
	size_t n, i, k = 0;
	int err = 0;

	if (!azm_present(m))
		return 0;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.a = model_azure(m);
	c.g = g;
	c.out = out;
	if (o->principal) {
		k = azm_lookup_principal(c.a, o->principal, named, 16);
		for (i = 0; i < k && i < 16; i++)
			ptrmap_put(&only, named[i], named[i]);
		if (!k)
			return 0;
	}
	c.roles = sz_roles_new();
	xs = azm_assignments(c.a, &n);
	for (i = 0; i < n && err >= 0; i++) {
		c.x = xs[i];
		if (xs[i]->kind != AZA_ROLE || !xs[i]->role || !xs[i]->principal || !xs[i]->scope ||
		    (o->principal && !ptrmap_get(&only, xs[i]->principal)))
			continue;
		err = one_assignment(&c);
	}
	sz_roles_free(c.roles);
	free(c.stores);
	free(c.keyed);
	free(c.needs);
	ptrmap_release(&only);
	return err < 0 ? err : 0;
}
