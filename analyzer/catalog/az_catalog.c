/*
 * az_catalog — lookups over the generated Azure tables (see az_catalog.h,
 * az_catalog_data.h).
 *
 * Operations are sorted by lowercase name in byte order, so exact lookups,
 * provider namespaces and the literal prefix of a pattern are all binary
 * searches; comparisons fold ASCII case on the fly so no lowercase copy of
 * the 16k names is stored. Built-in roles are found by GUID (sorted) or by
 * name (the by_name index), and materialised into a model on first use.
 */
#include "catalog/az_catalog.h"
#include "catalog/az_catalog_data.h"
#include "base/arena.h"
#include "base/strci.h"
#include "base/suggest.h"
#include "eval/match.h"

#include <stdio.h>
#include <string.h>

#define OPS az_ops_generated
#define ROLES az_roles_generated
#define NS_MAX 128              /* past any namespace (the longest has 39 characters) */

static inline const char *op_at(size_t i)
{
	return OPS.names + OPS.name[i];
}

static const char *op_name(size_t i, const void *ctx)
{
	return op_at(i);
}

/* The operations [*lo, *hi) whose names start (ignoring case) with p[0..len). */
static void prefix_range(const char *p, size_t len, size_t *lo, size_t *hi)
{
	*lo = 0;
	*hi = OPS.count;
	strci_prefix_range(p, len, lo, hi, op_name, NULL);
}

/* Index of the operation named op (any case), or -1. */
static long find_op(const char *op)
{
	return op ? strci_find(op, 0, OPS.count, op_name, NULL) : -1;
}

/*
 * Seven operations are registered in both planes (Microsoft.KeyVault/vaults/
 * keys/read, the Experimentation workspace operations, ...), and built-in
 * roles list them under actions and dataActions alike. One plane must be
 * named here: the data plane, the more specific claim; callers that need
 * "is it catalogued in this plane" ask az_catalog_match_count(op, plane).
 */
az_op_plane az_catalog_op_plane(const char *op)
{
	long i = find_op(op);

	if (i < 0)
		return AZ_OP_UNKNOWN;
	return (OPS.planes[i] & AZ_OPS_DATA) ? AZ_OP_DATA : AZ_OP_CONTROL;
}

const char *az_catalog_op_name(const char *op)
{
	long i = find_op(op);

	return i < 0 ? NULL : op_at((size_t)i);
}

size_t az_catalog_op_count(void)
{
	return OPS.count;
}

size_t az_catalog_ops_prefixed(const char *prefix, const char **out, size_t max)
{
	size_t lo, hi, i;

	prefix_range(prefix, strlen(prefix), &lo, &hi);
	for (i = lo; i < hi && i - lo < max; i++)
		out[i - lo] = op_at(i);
	return hi - lo;
}

static int in_plane(size_t i, az_op_plane plane)
{
	switch (plane) {
	case AZ_OP_CONTROL: return (OPS.planes[i] & AZ_OPS_CONTROL) != 0;
	case AZ_OP_DATA: return (OPS.planes[i] & AZ_OPS_DATA) != 0;
	default: return 1;
	}
}

/* The length of operation i: the pool holds the names back to back. */
static size_t op_len(size_t i)
{
	return i + 1 < OPS.count ? OPS.name[i + 1] - OPS.name[i] - 1 : strlen(op_at(i));
}

/* 1 when s ends with t[0..tl), ignoring case (s is at least tl long). */
static int tail_is(const char *s, size_t sl, const char *t, size_t tl)
{
	return !strci_prefix_cmp(s + sl - tl, t, tl);
}

/*
 * The literal prefix narrows the search to a range of the table; in the
 * range, the literal suffix after the last '*' rejects most names before the
 * glob runs, and a pattern with a single star (a prefix and a suffix)
 * needs no glob at all.
 */
size_t az_catalog_match_count(const char *pattern, az_op_plane plane)
{
	size_t plen, tlen, nl, lo, hi, i, n = 0;
	const char *last, *name;
	int one_star;

	if (!pattern)
		return 0;
	/* Azure's only wildcard is '*'; match_glob would read '?' as one, but
	 * no catalogued name holds a literal '?' (the generator checks). */
	if (strchr(pattern, '?'))
		return 0;
	plen = strcspn(pattern, "*");
	prefix_range(pattern, plen, &lo, &hi);
	if (!pattern[plen]) {           /* no wildcard: the exact name, if any */
		for (i = lo; i < hi; i++)
			if (!op_at(i)[plen] && in_plane(i, plane))
				n++;
		return n;
	}
	last = strrchr(pattern, '*') + 1;
	tlen = strlen(last);
	one_star = last == pattern + plen + 1;
	for (i = lo; i < hi; i++) {
		if (!in_plane(i, plane))
			continue;
		name = op_at(i);
		nl = op_len(i);
		if (nl < plen + tlen || !tail_is(name, nl, last, tlen))
			continue;
		if (one_star || match_glob(pattern + plen, name + plen, 1))
			n++;
	}
	return n;
}

int az_catalog_provider_known(const char *ns, size_t len)
{
	size_t lo, hi;
	char buf[NS_MAX + 1];

	/* a namespace is a whole first segment: look for "<ns>/" */
	if (!ns || !len || len >= NS_MAX || memchr(ns, '/', len) || memchr(ns, '\0', len))
		return 0;
	memcpy(buf, ns, len);
	buf[len] = '/';
	prefix_range(buf, len + 1, &lo, &hi);
	return lo < hi;
}

/*
 * The closest operation within a distance that grows with the name, among
 * the operations of the same provider namespace when it is catalogued (a
 * typo in the rest of the name), else among all of them (a typo in the
 * namespace). The first one wins a tie, so suggestions are deterministic.
 */
const char *az_catalog_suggest(const char *op)
{
	size_t len, lo = 0, hi = OPS.count, i, best_d, d, cl;
	const char *slash, *best = NULL, *cand;

	if (!op || (len = strlen(op)) == 0 || len > SUGGEST_MAX_LEN || find_op(op) >= 0)
		return NULL;
	best_d = (len < 5 ? 1 : len < 12 ? 2 : len < 40 ? 3 : 4) + 1;
	slash = strchr(op, '/');
	if (slash && az_catalog_provider_known(op, (size_t)(slash - op)))
		prefix_range(op, (size_t)(slash - op) + 1, &lo, &hi);
	for (i = lo; i < hi; i++) {
		cand = op_at(i);
		cl = op_len(i);
		/* the length difference bounds the distance from below */
		if (cl + best_d <= len || len + best_d <= cl)
			continue;
		d = suggest_distance(op, len, cand, cl);
		if (d < best_d) {
			best_d = d;
			best = cand;
		}
	}
	return best;
}

/* --- built-in roles -------------------------------------------------------- */

static inline const char *rstr(uint32_t off)
{
	return ROLES.strs + off;
}

static const char *role_guid_at(size_t i, const void *ctx)
{
	return rstr(ROLES.roles[i].guid);
}

static const char *role_name_at(size_t i, const void *ctx)
{
	return rstr(ROLES.roles[ROLES.by_name[i]].name);
}

/* Index of the built-in role with this GUID (any case; a full role-definition
 * id works too: its last segment is the GUID), or -1. */
static long find_role(const char *guid)
{
	const char *slash;

	if (!guid)
		return -1;
	if ((slash = strrchr(guid, '/')) != NULL)
		guid = slash + 1;
	return strci_find(guid, 0, ROLES.count, role_guid_at, NULL);
}

/* An arena array of the n pool strings named by refs[first..first+n). */
static const char **str_array(arena *ar, uint32_t first, uint32_t n)
{
	const char **v;
	uint32_t k;

	if (!n)
		return NULL;
	v = ARENA_ARRAY(ar, const char *, n);
	for (k = 0; k < n; k++)
		v[k] = rstr(ROLES.refs[first + k]);
	return v;
}

static void fill_perms(arena *ar, az_perms *p, const az_roles_perm *g)
{
	p->actions = str_array(ar, g->first[AZ_PL_ACTIONS], g->count[AZ_PL_ACTIONS]);
	p->n_actions = g->count[AZ_PL_ACTIONS];
	p->not_actions = str_array(ar, g->first[AZ_PL_NOT_ACTIONS], g->count[AZ_PL_NOT_ACTIONS]);
	p->n_not_actions = g->count[AZ_PL_NOT_ACTIONS];
	p->data_actions = str_array(ar, g->first[AZ_PL_DATA_ACTIONS], g->count[AZ_PL_DATA_ACTIONS]);
	p->n_data_actions = g->count[AZ_PL_DATA_ACTIONS];
	p->not_data_actions = str_array(ar, g->first[AZ_PL_NOT_DATA_ACTIONS],
					g->count[AZ_PL_NOT_DATA_ACTIONS]);
	p->n_not_data_actions = g->count[AZ_PL_NOT_DATA_ACTIONS];
	p->condition = g->condition == AZ_ROLES_NONE ? NULL : rstr(g->condition);
}

az_role *az_catalog_builtin_role(azm *a, const char *guid)
{
	const az_roles_role *g;
	az_role *r;
	model *m;
	arena *ar;
	char id[128];
	uint32_t k;
	long i;

	if (!a || !guid)
		return NULL;
	/* an input's definition (or an earlier call) comes first */
	if ((r = azm_find_role(a, guid)) != NULL)
		return r;
	if ((i = find_role(guid)) < 0)
		return NULL;
	g = &ROLES.roles[i];
	m = azm_model(a);
	ar = model_arena(m);
	r = azm_add_role(a, rstr(g->guid), NULL);
	r->name = rstr(g->name);
	r->builtin = 1;
	r->bundled = 1;
	snprintf(id, sizeof(id), "/providers/Microsoft.Authorization/roleDefinitions/%s", rstr(g->guid));
	r->id = model_intern(m, id);
	r->n_perms = g->n_perms;
	r->perms = g->n_perms ? ARENA_ARRAY(ar, az_perms, g->n_perms) : NULL;
	for (k = 0; k < g->n_perms; k++)
		fill_perms(ar, &r->perms[k], &ROLES.perms[g->perm_first + k]);
	r->assignable_scopes = str_array(ar, g->scope_first, g->n_scopes);
	r->n_assignable = g->n_scopes;
	/* no file: the locations stay zero, one per scope as the model expects */
	r->assignable_locs = g->n_scopes ? ARENA_ARRAY(ar, pg_loc, g->n_scopes) : NULL;
	return r;
}

const char *az_catalog_builtin_guid(const char *role_name)
{
	long i = role_name ? strci_find(role_name, 0, ROLES.count, role_name_at, NULL) : -1;

	return i < 0 ? NULL : rstr(ROLES.roles[ROLES.by_name[i]].guid);
}

size_t az_catalog_builtin_count(void)
{
	return ROLES.count;
}

const char *az_catalog_builtin_guid_at(size_t i)
{
	return i < ROLES.count ? rstr(ROLES.roles[i].guid) : NULL;
}
