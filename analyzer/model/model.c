/* model — the permission model: storage, lookup and cross-input resolution. */
#include "model/model.h"
#include "model/azure.h"
#include "base/diag.h"
#include "base/ptrmap.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct ptrvec {
	void **items;
	size_t count, cap;
} ptrvec;

struct model {
	arena arena;
	intern_table strings;
	ptrmap principal_by_arn;
	ptrmap resource_by_arn;
	ptrmap managed_by_arn;
	ptrmap org_by_id;
	ptrvec principals, resources, orgs;
	const char *org_id;
	struct azm *azure;
	int finalized;
};

static void ptrvec_push(ptrvec *v, void *p)
{
	XGROW(v->items, v->cap, v->count + 1);
	v->items[v->count++] = p;
}

model *model_new(void)
{
	model *m = xcalloc(1, sizeof(*m));

	arena_init(&m->arena);
	intern_init(&m->strings);
	return m;
}

void model_free(model *m)
{
	if (!m)
		return;
	azm_free(m->azure);
	arena_release(&m->arena);
	intern_release(&m->strings);
	ptrmap_release(&m->principal_by_arn);
	ptrmap_release(&m->resource_by_arn);
	ptrmap_release(&m->managed_by_arn);
	ptrmap_release(&m->org_by_id);
	free(m->principals.items);
	free(m->resources.items);
	free(m->orgs.items);
	free(m);
}

const char *model_intern(model *m, const char *s)
{
	return s ? intern(&m->strings, s) : NULL;
}

const char *model_intern_n(model *m, const char *s, size_t len)
{
	return intern_n(&m->strings, s, len);
}

const char *model_intern_lower(model *m, const char *s)
{
	return s ? intern_lower(&m->strings, s) : NULL;
}

arena *model_arena(model *m)
{
	return &m->arena;
}

pg_loc model_loc(model *m, const char *file, unsigned line, unsigned col)
{
	pg_loc l;

	l.file = model_intern(m, file);
	l.line = line;
	l.col = col;
	return l;
}

azm *model_azure(model *m)
{
	if (!m->azure)
		m->azure = azm_new(m);
	return m->azure;
}

int azm_present(const model *m)
{
	return m->azure != NULL;
}

const char *model_intern_find(const model *m, const char *s)
{
	return s ? intern_find(&m->strings, s) : NULL;
}

/* Lookups accept any string: a string never interned is in no map. */
static const char *known(const model *m, const char *s)
{
	return s ? intern_find(&m->strings, s) : NULL;
}

principal *model_find_principal(const model *m, const char *arn)
{
	return ptrmap_get(&m->principal_by_arn, known(m, arn));
}

principal *model_add_principal(model *m, principal_kind kind, const char *arn)
{
	const char *key = model_intern(m, arn);
	principal *p = ptrmap_get(&m->principal_by_arn, key);

	if (p)
		return p;
	p = ARENA_NEW(&m->arena, principal);
	p->kind = kind;
	p->arn = key;
	p->account = model_arn_account(m, key);
	ptrmap_put(&m->principal_by_arn, key, p);
	ptrvec_push(&m->principals, p);
	m->finalized = 0;
	return p;
}

principal **model_principals(const model *m, size_t *n)
{
	*n = m->principals.count;
	return (principal **)m->principals.items;
}

resource *model_find_resource(const model *m, const char *arn)
{
	return ptrmap_get(&m->resource_by_arn, known(m, arn));
}

resource *model_add_resource(model *m, const char *arn)
{
	const char *key = model_intern(m, arn);
	resource *r = ptrmap_get(&m->resource_by_arn, key);
	const char *s, *e;

	if (r)
		return r;
	r = ARENA_NEW(&m->arena, resource);
	r->arn = key;
	r->account = model_arn_account(m, key);
	/* arn:partition:service:... */
	s = strchr(key, ':');
	s = s ? strchr(s + 1, ':') : NULL;
	if (s) {
		e = strchr(s + 1, ':');
		if (e)
			r->service = model_intern_n(m, s + 1, (size_t)(e - s - 1));
	}
	ptrmap_put(&m->resource_by_arn, key, r);
	ptrvec_push(&m->resources, r);
	return r;
}

resource **model_resources(const model *m, size_t *n)
{
	*n = m->resources.count;
	return (resource **)m->resources.items;
}

policy *model_find_managed(const model *m, const char *arn)
{
	return ptrmap_get(&m->managed_by_arn, known(m, arn));
}

policy *model_add_managed(model *m, policy *p)
{
	policy *old = ptrmap_get(&m->managed_by_arn, p->arn);

	if (old)
		return old;
	ptrmap_put(&m->managed_by_arn, p->arn, p);
	m->finalized = 0;
	return p;
}

policy *model_new_policy(model *m, policy_kind kind, const char *name)
{
	policy *p = ARENA_NEW(&m->arena, policy);

	p->kind = kind;
	p->name = model_intern(m, name);
	return p;
}

org_node *model_find_org(const model *m, const char *id)
{
	return ptrmap_get(&m->org_by_id, known(m, id));
}

org_node *model_add_org(model *m, org_kind kind, const char *id)
{
	const char *key = model_intern(m, id);
	org_node *o = ptrmap_get(&m->org_by_id, key);

	if (o) {
		/* a node first seen as a target learns its kind later */
		if (kind != ORG_ACCOUNT || o->kind == ORG_ACCOUNT)
			o->kind = kind;
		return o;
	}
	o = ARENA_NEW(&m->arena, org_node);
	o->kind = kind;
	o->id = key;
	ptrmap_put(&m->org_by_id, key, o);
	ptrvec_push(&m->orgs, o);
	return o;
}

size_t model_org_path(const model *m, const char *account, org_node **path, size_t max)
{
	org_node *o = model_find_org(m, account);
	org_node *rev[64];
	size_t n = 0, i;

	for (; o && n < 64; o = o->parent)
		rev[n++] = o;
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		path[i] = rev[n - 1 - i];
	return n;
}

int model_has_org(const model *m)
{
	size_t i;

	for (i = 0; i < m->orgs.count; i++)
		if (((org_node *)m->orgs.items[i])->n_scps || ((org_node *)m->orgs.items[i])->n_rcps)
			return 1;
	return 0;
}

void model_set_org_id(model *m, const char *id)
{
	m->org_id = model_intern(m, id);
}

const char *model_org_id(const model *m)
{
	return m->org_id;
}

void model_add_tag(model *m, tag **tags, size_t *n, const char *key, const char *value)
{
	tag *t = ARENA_ARRAY(&m->arena, tag, *n + 1);
	size_t i;

	/* a later value for the same key replaces the earlier one */
	for (i = 0; i < *n; i++)
		if ((*tags)[i].key == model_intern(m, key)) {
			(*tags)[i].value = model_intern(m, value ? value : "");
			return;
		}
	if (*n)
		memcpy(t, *tags, *n * sizeof(*t));
	t[*n].key = model_intern(m, key);
	t[*n].value = model_intern(m, value ? value : "");
	*tags = t;
	(*n)++;
}

const char *model_tag_value(const tag *tags, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(tags[i].key, key))
			return tags[i].value;
	return NULL;
}

const char *model_tag_value_ci(const tag *tags, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(tags[i].key, key))
			return tags[i].value;
	return NULL;
}

const char *model_arn_account(model *m, const char *arn)
{
	const char *p = arn;
	int colons = 0;
	const char *start = NULL;

	if (!arn || strncmp(arn, "arn:", 4))
		return NULL;
	for (; *p; p++)
		if (*p == ':') {
			colons++;
			if (colons == 4)
				start = p + 1;
			else if (colons == 5)
				break;
		}
	if (colons < 5 || !start || p == start)
		return NULL;
	return model_intern_n(m, start, (size_t)(p - start));
}

static principal *find_group(model *m, const ptrmap *by_name, const principal *user, const char *name)
{
	principal *g = ptrmap_get(by_name, name);
	size_t i;

	if (g && g->account == user->account)
		return g;
	/* groups are named within the user's account: several accounts may reuse a name */
	for (i = 0; g && i < m->principals.count; i++) {
		principal *c = m->principals.items[i];
		if (c->kind == PRIN_GROUP && c->name == name && c->account == user->account)
			return c;
	}
	return NULL;
}

static void add_policy(model *m, principal *p, policy *pol, size_t *cap)
{
	size_t i;

	for (i = 0; i < p->n_policies; i++)
		if (p->policies[i] == pol)
			return;
	if (p->n_policies + 1 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		policy **n = ARENA_ARRAY(&m->arena, policy *, ncap);
		if (p->n_policies)
			memcpy(n, p->policies, p->n_policies * sizeof(*n));
		p->policies = n;
		*cap = ncap;
	}
	p->policies[p->n_policies++] = pol;
}

static void add_own_policies(model *m, principal *p, principal *holder, size_t *cap,
			     struct diag_list *warn)
{
	size_t i;

	for (i = 0; i < holder->n_managed_arns; i++) {
		policy *pol = model_find_managed(m, holder->managed_arns[i]);
		if (pol)
			add_policy(m, p, pol, cap);
		else if (warn && holder == p)
			diag_list_addf(warn, DIAG_WARNING, p->loc.file, p->loc.line, p->loc.col,
				       "managed policy '%s' attached to '%s' is not in the inputs; "
				       "the access it grants is unknown", holder->managed_arns[i], p->arn);
	}
	/* an inline policy whose document did not parse leaves an empty slot (its error was reported) */
	for (i = 0; i < holder->n_inline; i++)
		if (holder->inline_policies[i])
			add_policy(m, p, holder->inline_policies[i], cap);
}

void model_finalize(model *m, struct diag_list *warn)
{
	ptrmap groups_by_name = PTRMAP_INIT;
	size_t i, j;

	if (m->azure)
		azm_finalize(m->azure, warn);
	if (m->finalized)
		return;
	for (i = 0; i < m->principals.count; i++) {
		principal *g = m->principals.items[i];
		if (g->kind == PRIN_GROUP && g->name && !ptrmap_get(&groups_by_name, g->name))
			ptrmap_put(&groups_by_name, g->name, g);
	}
	for (i = 0; i < m->principals.count; i++) {
		principal *p = m->principals.items[i];
		size_t cap = 0;

		p->n_policies = 0;
		p->policies = NULL;
		add_own_policies(m, p, p, &cap, warn);
		if (p->kind == PRIN_USER && p->n_group_names) {
			p->groups = ARENA_ARRAY(&m->arena, principal *, p->n_group_names);
			p->n_groups = 0;
			for (j = 0; j < p->n_group_names; j++) {
				principal *g = find_group(m, &groups_by_name, p, p->group_names[j]);
				if (!g) {
					if (warn)
						diag_list_addf(warn, DIAG_WARNING, p->loc.file, p->loc.line, p->loc.col,
							       "group '%s' of user '%s' is not in the inputs; "
							       "the access it grants is unknown", p->group_names[j], p->arn);
					continue;
				}
				p->groups[p->n_groups++] = g;
				add_own_policies(m, p, g, &cap, warn);
			}
		}
		p->boundary = NULL;
		if (p->boundary_arn) {
			p->boundary = model_find_managed(m, p->boundary_arn);
			if (!p->boundary && warn)
				diag_list_addf(warn, DIAG_WARNING, p->loc.file, p->loc.line, p->loc.col,
					       "permission boundary '%s' of '%s' is not in the inputs; "
					       "it is not applied", p->boundary_arn, p->arn);
		}
	}
	ptrmap_release(&groups_by_name);
	m->finalized = 1;
}

const char *principal_kind_name(principal_kind k)
{
	static const char *const names[] = { "user", "group", "role", "account", "service", "federated",
					     "everyone", "session", "unknown" };
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "unknown";
}

const char *policy_kind_name(policy_kind k)
{
	static const char *const names[] = { "identity", "trust", "resource", "scp", "rcp", "session" };
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "policy";
}
