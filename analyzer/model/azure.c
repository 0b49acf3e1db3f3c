/* azure — storage, lookup and scope inheritance for the Azure half of the model. */
#include "model/azure.h"
#include "base/diag.h"
#include "base/ptrmap.h"
#include "base/xalloc.h"
#include "catalog/az_catalog.h"
#include "eval/azure_id.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct vec {
	void **items;
	size_t count, cap;
} vec;

/* The list of assignments or deny assignments at one scope key. */
typedef struct at_list {
	void **items;
	size_t count, cap;
} at_list;

struct azm {
	model *m;
	arena *arena;
	ptrmap principal_by_id, role_by_guid, resource_by_id, scope_by_id;
	ptrmap assign_at, deny_at;
	ptrmap home_tenants;            /* key -> key */      /* key -> at_list* (built by finalize) */
	vec principals, roles, assignments, denies, resources, scopes;
	vec at_lists;                    /* every at_list, to free them */
	const char *deploy_mg, *deploy_sub, *deploy_rg;  /* --deployment-scope, or NULL */
	int finalized;
};

static void vec_push(vec *v, void *p)
{
	XGROW(v->items, v->cap, v->count + 1);
	v->items[v->count++] = p;
}

/* Grow an arena array of pointers one element at a time (capacity doubles on powers of two). */
static void arena_push(arena *ar, void ***arr, size_t *n, void *p)
{
	if (*n == 0 || (*n & (*n - 1)) == 0) {
		void **grown = ARENA_ARRAY(ar, void *, *n ? *n * 2 : 1);
		if (*n)
			memcpy(grown, *arr, *n * sizeof(void *));
		*arr = grown;
	}
	(*arr)[(*n)++] = p;
}

azm *azm_new(model *m)
{
	azm *a = xcalloc(1, sizeof(*a));

	a->m = m;
	a->arena = model_arena(m);
	return a;
}

void azm_free(azm *a)
{
	size_t i;

	if (!a)
		return;
	ptrmap_release(&a->principal_by_id);
	ptrmap_release(&a->role_by_guid);
	ptrmap_release(&a->resource_by_id);
	ptrmap_release(&a->scope_by_id);
	ptrmap_release(&a->assign_at);
	ptrmap_release(&a->deny_at);
	ptrmap_release(&a->home_tenants);
	for (i = 0; i < a->at_lists.count; i++) {
		at_list *l = a->at_lists.items[i];
		free(l->items);
		free(l);
	}
	free(a->at_lists.items);
	free(a->principals.items);
	free(a->roles.items);
	free(a->assignments.items);
	free(a->denies.items);
	free(a->resources.items);
	free(a->scopes.items);
	free(a);
}

model *azm_model(azm *a)
{
	return a->m;
}

/* The canonical form of s[0..len) in buf (or a heap copy in *tmp when long). */
static char *canon(const char *s, size_t *len, char *buf, size_t bufsz, char **tmp)
{
	char *k;
	size_t i, n = *len;

	while (n > 1 && s[n - 1] == '/')
		n--;
	k = n < bufsz ? buf : (*tmp = xmalloc(n + 1));
	for (i = 0; i < n; i++)
		k[i] = (char)tolower((unsigned char)s[i]);
	k[n] = '\0';
	*len = n;
	return k;
}

const char *azm_key_n(azm *a, const char *s, size_t len)
{
	char buf[512], *tmp = NULL;
	char *k = canon(s, &len, buf, sizeof(buf), &tmp);
	const char *key = model_intern_n(a->m, k, len);

	free(tmp);
	return key;
}

const char *azm_key(azm *a, const char *s)
{
	return s ? azm_key_n(a, s, strlen(s)) : NULL;
}

/* The key of s when it was ever interned; NULL otherwise (lookups never intern). */
static const char *known_key(const azm *a, const char *s)
{
	char buf[512], *tmp = NULL, *k;
	const char *key;
	size_t len;

	if (!s)
		return NULL;
	len = strlen(s);
	k = canon(s, &len, buf, sizeof(buf), &tmp);
	key = model_intern_find(a->m, k);
	free(tmp);
	return key;
}

/* --- principals --------------------------------------------------------------- */

az_principal *azm_add_principal(azm *a, const char *object_id, azp_kind kind)
{
	const char *key = azm_key(a, object_id);
	az_principal *p = ptrmap_get(&a->principal_by_id, key);

	if (p) {
		if (p->kind == AZP_UNKNOWN || (p->kind == AZP_SERVICE_PRINCIPAL && kind == AZP_MANAGED_IDENTITY))
			p->kind = kind;
		return p;
	}
	p = ARENA_NEW(a->arena, az_principal);
	p->id = key;
	p->kind = !strcmp(key, AZ_EVERYONE_ID) ? AZP_EVERYONE : kind;
	ptrmap_put(&a->principal_by_id, key, p);
	vec_push(&a->principals, p);
	a->finalized = 0;
	return p;
}

az_principal *azm_find_principal(const azm *a, const char *object_id)
{
	return ptrmap_get(&a->principal_by_id, known_key(a, object_id));
}

size_t azm_lookup_principal(azm *a, const char *s, az_principal **out, size_t max)
{
	az_principal *p = azm_find_principal(a, s);
	size_t i, n = 0;

	if (p) {
		if (max)
			out[0] = p;
		return 1;
	}
	for (i = 0; i < a->principals.count; i++) {
		p = a->principals.items[i];
		if ((p->name && !strcmp(p->name, s)) || (p->upn && !strcasecmp(p->upn, s))) {
			if (n < max)
				out[n] = p;
			n++;
		}
	}
	return n;
}

az_principal **azm_principals(const azm *a, size_t *n)
{
	*n = a->principals.count;
	return (az_principal **)a->principals.items;
}

void azm_add_member(azm *a, az_principal *group, az_principal *member)
{
	size_t i;

	group->members_known = 1;
	for (i = 0; i < group->n_members; i++)
		if (group->members[i] == member)
			return;
	arena_push(a->arena, (void ***)&group->members, &group->n_members, member);
	arena_push(a->arena, (void ***)&member->groups, &member->n_groups, group);
}

void azm_add_home_tenant(azm *a, const char *tenant_id)
{
	const char *key = azm_key(a, tenant_id);

	if (!ptrmap_get(&a->home_tenants, key)) {
		ptrmap_put(&a->home_tenants, key, (void *)key);
		a->finalized = 0;
	}
}

int azm_is_home_tenant(const azm *a, const char *tenant_id)
{
	return ptrmap_get(&a->home_tenants, known_key(a, tenant_id)) != NULL;
}

size_t azm_home_tenant_count(const azm *a)
{
	return a->home_tenants.count;
}

/* Microsoft's own tenants own the first-party applications present in every tenant. */
static int microsoft_tenant(const char *key)
{
	return !strcmp(key, "f8cdef31-a31e-4b4a-93e4-5f571e91255a") ||
	       !strcmp(key, "72f988bf-86f1-41af-91ab-2d7cd011db47") ||
	       !strcmp(key, "33e01921-4d64-4f8c-a055-5bdaffd5e33d");
}

static void mark_foreign_service_principals(azm *a)
{
	size_t i;

	if (!a->home_tenants.count)
		return;
	for (i = 0; i < a->principals.count; i++) {
		az_principal *p = a->principals.items[i];
		if (p->owner_tenant && !microsoft_tenant(p->owner_tenant) &&
		    !ptrmap_get(&a->home_tenants, p->owner_tenant)) {
			char why[160];
			snprintf(why, sizeof(why), "service principal of an application owned by tenant %s",
				 p->owner_tenant);
			azm_mark_external(a, p, why);
		}
	}
}

void azm_mark_external(azm *a, az_principal *p, const char *why)
{
	if (p->external)
		return;
	p->external = 1;
	p->external_why = model_intern(a->m, why);
}

void azm_link_identity(azm *a, az_resource *host, az_principal *identity)
{
	size_t i;

	for (i = 0; i < host->n_identities; i++)
		if (host->identities[i] == identity)
			return;
	arena_push(a->arena, (void ***)&host->identities, &host->n_identities, identity);
	arena_push(a->arena, (void ***)&identity->hosts, &identity->n_hosts, (void *)host->id);
}

/* --- roles, assignments, denies ---------------------------------------------- */

static const char *guid_of(const char *guid_or_id)
{
	const char *slash = strrchr(guid_or_id, '/');

	/* "…/roleDefinitions/GUID" or "…/GUID/" */
	if (slash && slash[1] == '\0') {
		const char *s = slash;
		while (s > guid_or_id && s[-1] != '/')
			s--;
		return s;
	}
	return slash ? slash + 1 : guid_or_id;
}

az_role *azm_add_role(azm *a, const char *guid_or_id, int *is_new)
{
	const char *key = azm_key(a, guid_of(guid_or_id));
	az_role *r = ptrmap_get(&a->role_by_guid, key);

	if (is_new)
		*is_new = !r;
	if (r)
		return r;
	r = ARENA_NEW(a->arena, az_role);
	r->guid = key;
	ptrmap_put(&a->role_by_guid, key, r);
	vec_push(&a->roles, r);
	a->finalized = 0;
	return r;
}

az_role *azm_find_role(const azm *a, const char *guid_or_id)
{
	return guid_or_id ? ptrmap_get(&a->role_by_guid, known_key(a, guid_of(guid_or_id))) : NULL;
}

az_role **azm_roles(const azm *a, size_t *n)
{
	*n = a->roles.count;
	return (az_role **)a->roles.items;
}

az_assignment *azm_add_assignment(azm *a, aza_kind kind)
{
	az_assignment *x = ARENA_NEW(a->arena, az_assignment);

	x->kind = kind;
	vec_push(&a->assignments, x);
	a->finalized = 0;
	return x;
}

az_assignment **azm_assignments(const azm *a, size_t *n)
{
	*n = a->assignments.count;
	return (az_assignment **)a->assignments.items;
}

az_deny *azm_add_deny(azm *a)
{
	az_deny *d = ARENA_NEW(a->arena, az_deny);

	vec_push(&a->denies, d);
	a->finalized = 0;
	return d;
}

az_deny **azm_denies(const azm *a, size_t *n)
{
	*n = a->denies.count;
	return (az_deny **)a->denies.items;
}

/* --- resources and the hierarchy ---------------------------------------------- */

az_resource *azm_add_resource(azm *a, const char *id)
{
	const char *key = azm_key(a, id);
	az_resource *r = ptrmap_get(&a->resource_by_id, key);

	if (r)
		return r;
	r = ARENA_NEW(a->arena, az_resource);
	r->id = key;
	r->id_written = model_intern(a->m, id);
	ptrmap_put(&a->resource_by_id, key, r);
	vec_push(&a->resources, r);
	return r;
}

az_resource *azm_find_resource(const azm *a, const char *id)
{
	return ptrmap_get(&a->resource_by_id, known_key(a, id));
}

az_resource **azm_resources(const azm *a, size_t *n)
{
	*n = a->resources.count;
	return (az_resource **)a->resources.items;
}

az_scope *azm_add_scope(azm *a, const char *id)
{
	const char *key = azm_key(a, id);
	az_scope *s = ptrmap_get(&a->scope_by_id, key);

	if (s)
		return s;
	s = ARENA_NEW(a->arena, az_scope);
	s->id = key;
	ptrmap_put(&a->scope_by_id, key, s);
	vec_push(&a->scopes, s);
	return s;
}

az_scope *azm_find_scope(const azm *a, const char *id)
{
	return ptrmap_get(&a->scope_by_id, known_key(a, id));
}

az_scope **azm_scopes(const azm *a, size_t *n)
{
	*n = a->scopes.count;
	return (az_scope **)a->scopes.items;
}

/* --- finalize and indexes ------------------------------------------------------ */

static void index_at(ptrmap *map, vec *lists, const char *key, void *item)
{
	at_list *l = ptrmap_get(map, key);

	if (!l) {
		l = xcalloc(1, sizeof(*l));
		ptrmap_put(map, key, l);
		vec_push(lists, l);
	}
	XGROW(l->items, l->cap, l->count + 1);
	l->items[l->count++] = item;
}

void azm_finalize(azm *a, struct diag_list *warn)
{
	size_t i;

	if (a->finalized)
		return;
	ptrmap_release(&a->assign_at);
	ptrmap_release(&a->deny_at);
	for (i = 0; i < a->at_lists.count; i++) {
		at_list *l = a->at_lists.items[i];
		free(l->items);
		free(l);
	}
	a->at_lists.count = 0;
	mark_foreign_service_principals(a);

	for (i = 0; i < a->assignments.count; i++) {
		az_assignment *x = a->assignments.items[i];
		if (x->role_guid && !x->role) {
			x->role = ptrmap_get(&a->role_by_guid, x->role_guid);
			if (!x->role)
				x->role = az_catalog_builtin_role(a, x->role_guid);
			if (!x->role && warn)
				diag_list_addf(warn, DIAG_WARNING, x->loc.file, x->loc.line, x->loc.col,
					       "role definition '%s'%s%s%s is in no input and is not a built-in role; "
					       "the assignment is treated as granting every operation (conditional)",
					       x->role_guid, x->role_name ? " (" : "", x->role_name ? x->role_name : "",
					       x->role_name ? ")" : "");
		}
		if (x->scope)
			index_at(&a->assign_at, &a->at_lists, x->scope, x);
	}
	for (i = 0; i < a->denies.count; i++) {
		az_deny *d = a->denies.items[i];
		if (d->scope)
			index_at(&a->deny_at, &a->at_lists, d->scope, d);
	}
	a->finalized = 1;
}

az_assignment *const *azm_assignments_at(const azm *a, const char *scope_key, size_t *n)
{
	at_list *l = ptrmap_get(&a->assign_at, scope_key);

	*n = l ? l->count : 0;
	return l ? (az_assignment *const *)l->items : NULL;
}

az_deny *const *azm_denies_at(const azm *a, const char *scope_key, size_t *n)
{
	at_list *l = ptrmap_get(&a->deny_at, scope_key);

	*n = l ? l->count : 0;
	return l ? (az_deny *const *)l->items : NULL;
}

/* Length of the parent of a resource id path (segments after the scope), 0 when none. */
static size_t parent_len(const char *key, size_t len, size_t scope_len)
{
	/* Segments after the scope: providers/NS/t1/n1[/t2/n2...][/providers/NS2/t/n...]. */
	const char *seg[256];
	size_t nseg = 0, i = scope_len;

	while (i < len && nseg < 256) {
		if (key[i] == '/')
			seg[nseg++] = key + i;
		i++;
	}
	if (nseg < 4 || nseg >= 256)
		return scope_len;
	/* An extension resource: drop "/providers/NS/type/name". */
	if (nseg >= 8 && !strncmp(seg[nseg - 4], "/providers/", 11))
		return (size_t)(seg[nseg - 4] - key);
	/* A child resource: drop "/type/name", keeping at least providers/NS/type/name. */
	if (nseg >= 6 && strncmp(seg[nseg - 4], "/providers/", 11) != 0)
		return (size_t)(seg[nseg - 2] - key);
	return scope_len;
}

size_t azm_ancestors(azm *a, const char *id, const char **out, size_t max, int *gap)
{
	const char *key = azm_key(a, id);
	azure_id p;
	size_t n = 0, len = strlen(key), scope_len;
	az_scope *s = NULL;

	*gap = 0;
	if (max == 0 || azure_id_parse(key, &p) < 0)
		return 0;
	if (p.kind == AZ_SCOPE_RESOURCE) {
		/* the scope part ends where the first "/providers/" begins, past a
		 * management group's own "/providers/Microsoft.Management/managementGroups/NAME" */
		static const char mg[] = "/providers/microsoft.management/managementgroups/";
		const char *from = key, *first;
		if (!strncmp(key, mg, sizeof(mg) - 1) && (from = strchr(key + sizeof(mg) - 1, '/')) == NULL)
			from = key + len;
		first = strstr(from, "/providers/");
		scope_len = first ? (size_t)(first - key) : 0;
		while (len > scope_len && n < max) {
			out[n++] = azm_key_n(a, key, len);
			len = parent_len(key, len, scope_len);
		}
		if (scope_len == 0)
			goto root;
		key = azm_key_n(a, key, scope_len);
		if (azure_id_parse(key, &p) < 0)
			return n;
	}
	if (p.kind == AZ_SCOPE_RESOURCE_GROUP && n < max) {
		out[n++] = key;
		key = azm_key_n(a, key, (size_t)(p.subscription + p.subscription_len - key));
		p.kind = AZ_SCOPE_SUBSCRIPTION;
	}
	if (p.kind == AZ_SCOPE_SUBSCRIPTION || p.kind == AZ_SCOPE_MGMT_GROUP) {
		size_t guard = 0;
		s = ptrmap_get(&a->scope_by_id, key);
		if (n < max)
			out[n++] = key;
		while (s && s->parent && n < max && guard++ < 64) {
			s = s->parent;
			out[n++] = s->id;
		}
		if (!s || !s->parent_known)
			*gap = 1;
	}
root:
	if (n < max && (n == 0 || strcmp(out[n - 1], "/") != 0))
		out[n++] = azm_key(a, "/");
	return n;
}

const char *azp_kind_name(azp_kind k)
{
	static const char *const names[] = {
		"Unknown", "User", "Group", "ServicePrincipal", "ManagedIdentity", "ForeignGroup", "Everyone"
	};
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "Unknown";
}

void azm_set_deployment(azm *a, const char *mg, const char *sub, const char *rg)
{
	a->deploy_mg = mg ? arena_strdup(a->arena, mg) : NULL;
	a->deploy_sub = sub ? arena_strdup(a->arena, sub) : NULL;
	a->deploy_rg = rg ? arena_strdup(a->arena, rg) : NULL;
}

void azm_deployment(const azm *a, const char **mg, const char **sub, const char **rg)
{
	*mg = a->deploy_mg;
	*sub = a->deploy_sub;
	*rg = a->deploy_rg;
}
