/* access — effective access: reach, then merge the reached principals' access edges per resource. */
#include "graph/access.h"
#include "base/ptrmap.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PATH 64

void access_list_init(access_list *l)
{
	memset(l, 0, sizeof(*l));
}

/* --- the pool: one copy of each distinct action array ------------------------------ */

typedef struct pooled {
	const char **arr;
	size_t n;
	uint64_t hash;
} pooled;

struct access_pool {
	pooled *slots;
	size_t cap, count;              /* cap: a power of two */
};

static uint64_t hash_array(const char *const *a, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ n;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint64_t)(uintptr_t)a[i]) * 1099511628211ull;
	return h;
}

static void pool_free(access_pool *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->cap; i++)
		free((void *)p->slots[i].arr);
	free(p->slots);
	free(p);
}

static void pool_grow(access_pool *p)
{
	pooled *old = p->slots;
	size_t old_cap = p->cap, i, j;

	p->cap = old_cap ? old_cap * 2 : 256;
	p->slots = xcalloc(p->cap, sizeof(*p->slots));
	for (i = 0; i < old_cap; i++) {
		if (!old[i].arr)
			continue;
		for (j = old[i].hash & (p->cap - 1); p->slots[j].arr; j = (j + 1) & (p->cap - 1))
			;
		p->slots[j] = old[i];
	}
	free(old);
}

/* The pool's copy of a[0..n) (pointer-equal strings: the graph's interned names). */
static const char **pool_intern(access_list *l, const char *const *a, size_t n)
{
	access_pool *p = l->pool;
	uint64_t h = hash_array(a, n);
	size_t j;

	if (!p)
		p = l->pool = xcalloc(1, sizeof(*p));
	if ((p->count + 1) * 4 > p->cap * 3)
		pool_grow(p);
	for (j = h & (p->cap - 1); p->slots[j].arr; j = (j + 1) & (p->cap - 1))
		if (p->slots[j].hash == h && p->slots[j].n == n && !memcmp(p->slots[j].arr, a, n * sizeof(*a)))
			return p->slots[j].arr;
	p->slots[j].arr = xmalloc(n * sizeof(*a));
	memcpy((void *)p->slots[j].arr, a, n * sizeof(*a));
	p->slots[j].n = n;
	p->slots[j].hash = h;
	p->count++;
	return p->slots[j].arr;
}

static void entry_release(access_entry *e)
{
	free(e->via);
	free(e->path);
	free(e->conditions);
}

void access_list_release(access_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->count; i++)
		entry_release(&l->items[i]);
	free(l->items);
	pool_free(l->pool);
	access_list_init(l);
}

int access_is_pseudo(const gnode *n)
{
	return n->type && !strcmp(n->type, "administrator");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int sorted_unique(const char *const *a, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(a[i - 1], a[i]) >= 0)
			return 0;
	return 1;
}

/* Sort and drop duplicates (builders' arrays usually come sorted: one pass then). */
static void sort_unique(const char **a, size_t *n)
{
	size_t i, k;

	if (*n < 2 || sorted_unique(a, *n))
		return;
	qsort((void *)a, *n, sizeof(*a), cmp_str);
	for (i = k = 0; i < *n; i++)
		if (!k || strcmp(a[k - 1], a[i]))
			a[k++] = a[i];
	*n = k;
}

/* Append src[0..n) to a growable array of strings, then sort and drop duplicates. */
static void merge_strings(const char ***dst, size_t *n_dst, const char *const *src, size_t n)
{
	if (!n)
		return;
	*dst = xrealloc((void *)*dst, (*n_dst + n) * sizeof(**dst));
	memcpy((void *)(*dst + *n_dst), src, n * sizeof(*src));
	*n_dst += n;
	sort_unique(*dst, n_dst);
}

/* Fill e's via, path and conditions from the path to reach item ri plus the access edge a. */
static void set_evidence(access_entry *e, const greach_set *rs, size_t ri, gedge *a)
{
	gedge *path[MAX_PATH];
	size_t n = graph_path(rs, ri, path, MAX_PATH - 1), i;

	free(e->via);
	free(e->path);
	free(e->conditions);
	e->conditions = NULL;
	e->n_conditions = 0;
	e->via = xmalloc((n + 1) * sizeof(*e->via));
	e->path = xmalloc((n + 1) * sizeof(*e->path));
	e->via[0] = e->principal;
	for (i = 0; i < n; i++) {
		e->via[i + 1] = path[i]->to;
		e->path[i] = path[i];
		merge_strings(&e->conditions, &e->n_conditions, path[i]->conditions, path[i]->n_conditions);
	}
	e->path[n] = a;
	e->n_via = n + 1;
	e->n_path = n + 1;
	merge_strings(&e->conditions, &e->n_conditions, a->conditions, a->n_conditions);
}

/* The action arrays an entry gathers, by pointer: builders share one array
 * among many edges, so each is merged once, and sorted once at the end. */
typedef struct srcs {
	const char *const **arr;
	size_t *len;
	size_t n, cap;
} srcs;

static void srcs_add(srcs *s, const char *const *arr, size_t len)
{
	size_t i;

	if (!len)
		return;
	for (i = 0; i < s->n; i++)
		if (s->arr[i] == arr && s->len[i] == len)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->arr = xrealloc((void *)s->arr, s->cap * sizeof(*s->arr));
		s->len = xrealloc(s->len, s->cap * sizeof(*s->len));
	}
	s->arr[s->n] = arr;
	s->len[s->n++] = len;
}

/* Merge sorted, unique a[0..na) and b[0..nb) into out; the merged length. */
static size_t merge_sorted(const char **out, const char *const *a, size_t na, const char *const *b, size_t nb)
{
	size_t i = 0, j = 0, k = 0;

	while (i < na && j < nb) {
		int c = a[i] == b[j] ? 0 : strcmp(a[i], b[j]);
		out[k++] = c <= 0 ? a[i] : b[j];
		i += c <= 0;
		j += c >= 0;
	}
	while (i < na)
		out[k++] = a[i++];
	while (j < nb)
		out[k++] = b[j++];
	return k;
}

/* e's actions: every gathered array, once, sorted and unique, kept in l's
 * pool. Builders write their arrays sorted, so they are merged pairwise, not
 * re-sorted. */
static void srcs_flush(srcs *s, access_list *l, access_entry *e)
{
	size_t i, total = 0, k = 0;
	const char **acts, **tmp;

	for (i = 0; i < s->n; i++)
		total += s->len[i];
	if (!total) {
		e->actions = NULL;
		e->n_actions = 0;
		goto done;
	}
	acts = xmalloc(total * sizeof(*acts));
	tmp = xmalloc(total * sizeof(*tmp));
	for (i = 0; i < s->n && k != SIZE_MAX; i++) {
		if (!sorted_unique(s->arr[i], s->len[i]))
			k = SIZE_MAX;   /* not one of the builders' arrays after all: sort everything */
		else if (!i) {
			memcpy((void *)acts, s->arr[0], s->len[0] * sizeof(*acts));
			k = s->len[0];
		} else {
			memcpy((void *)tmp, acts, k * sizeof(*tmp));
			k = merge_sorted(acts, tmp, k, s->arr[i], s->len[i]);
		}
	}
	if (k == SIZE_MAX) {
		for (i = k = 0; i < s->n; i++) {
			memcpy((void *)(acts + k), s->arr[i], s->len[i] * sizeof(*acts));
			k += s->len[i];
		}
		sort_unique(acts, &k);
	}
	e->actions = pool_intern(l, acts, k);
	e->n_actions = k;
	free((void *)acts);
	free((void *)tmp);
done:
	free((void *)s->arr);
	free(s->len);
	memset(s, 0, sizeof(*s));
}

static int cmp_entry(const void *a, const void *b)
{
	const access_entry *x = a, *y = b;
	int c = strcmp(x->principal->id, y->principal->id);

	return c ? c : strcmp(x->resource->id, y->resource->id);
}

void access_of(const graph *g, const gnode *who, access_list *out)
{
	access_of_kinds(g, who, GRAPH_KINDS_ALL, out);
}

void access_of_kinds(const graph *g, const gnode *who, unsigned kinds, access_list *out)
{
	greach_set rs;
	ptrmap by_resource = PTRMAP_INIT;   /* resource -> index in out + 1 */
	srcs *gathered = NULL;              /* per entry from `first` on */
	size_t i, j, first = out->count, cap_g = 0;

	greach_set_init(&rs);
	graph_reach_kinds(g, who, kinds, &rs);
	for (i = 0; i < rs.count; i++) {
		const gnode *n = rs.items[i].node;
		for (j = 0; j < n->n_out; j++) {
			gedge *a = n->out[j];
			access_entry *e;
			size_t at;
			int certain = !rs.items[i].conditional && a->dec == DEC_ALLOW;
			if (a->kind != GE_ACCESS)
				continue;
			at = (size_t)(uintptr_t)ptrmap_get(&by_resource, a->to);
			if (!at) {
				XGROW(out->items, out->cap, out->count + 1);
				e = &out->items[out->count++];
				memset(e, 0, sizeof(*e));
				e->principal = who;
				e->resource = a->to;
				e->dec = certain ? DEC_ALLOW : DEC_CONDITIONAL;
				ptrmap_put(&by_resource, a->to, (void *)(uintptr_t)out->count);
				set_evidence(e, &rs, i, a);
				XGROW(gathered, cap_g, out->count - first);
				memset(&gathered[out->count - first - 1], 0, sizeof(*gathered));
			} else {
				e = &out->items[at - 1];
				/* breadth-first: the first evidence is the shortest; a certain one replaces a conditional one */
				if (certain && e->dec != DEC_ALLOW) {
					e->dec = DEC_ALLOW;
					set_evidence(e, &rs, i, a);
				}
			}
			e->levels |= a->levels;
			srcs_add(&gathered[(size_t)(e - out->items) - first], a->actions, a->n_actions);
		}
	}
	for (i = first; i < out->count; i++)
		srcs_flush(&gathered[i - first], out, &out->items[i]);
	free(gathered);
	/* an allow needs no conditions */
	for (i = first; i < out->count; i++)
		if (out->items[i].dec == DEC_ALLOW) {
			free(out->items[i].conditions);
			out->items[i].conditions = NULL;
			out->items[i].n_conditions = 0;
		}
	if (out->count - first > 1)
		qsort(out->items + first, out->count - first, sizeof(*out->items), cmp_entry);
	ptrmap_release(&by_resource);
	greach_set_release(&rs);
}

void access_levels_init(access_levels *l, const graph *g)
{
	memset(l, 0, sizeof(*l));
	graph_nodes(g, &l->n_nodes);
	l->by_node = xcalloc(l->n_nodes ? l->n_nodes : 1, sizeof(*l->by_node));
}

void access_levels_release(access_levels *l)
{
	if (!l)
		return;
	free(l->by_node);
	free((void *)l->touched);
	memset(l, 0, sizeof(*l));
}

void access_levels_of_kinds(const graph *g, const gnode *who, unsigned kinds, access_levels *l)
{
	greach_set rs;
	size_t i, j;

	for (i = 0; i < l->n_touched; i++)
		l->by_node[l->touched[i]->index] = 0;
	l->n_touched = 0;
	greach_set_init(&rs);
	graph_reach_kinds(g, who, kinds, &rs);
	for (i = 0; i < rs.count; i++) {
		const gnode *n = rs.items[i].node;
		for (j = 0; j < n->n_out; j++) {
			const gedge *a = n->out[j];
			if (a->kind != GE_ACCESS || a->to->index >= l->n_nodes)
				continue;
			if (!l->by_node[a->to->index]) {
				XGROW(l->touched, l->cap_touched, l->n_touched + 1);
				l->touched[l->n_touched++] = a->to;
			}
			l->by_node[a->to->index] |= a->levels;
		}
	}
	greach_set_release(&rs);
}

/* Entries to stores classified production only matter beside a synthetic
 * write (one principal writing both kinds: segregation); without one they
 * are dropped — in an estate they are most entries (80% at the S bench). */
static void drop_production_only(access_list *l, size_t first)
{
	size_t i, k;
	int writes_synthetic = 0;

	for (i = first; i < l->count && !writes_synthetic; i++)
		writes_synthetic = (l->items[i].resource->classification & CLASS_SYNTHETIC) &&
				   (l->items[i].levels & (LEVEL_WRITE | LEVEL_PERMISSIONS));
	if (writes_synthetic)
		return;
	for (i = k = first; i < l->count; i++) {
		unsigned c = l->items[i].resource->classification;
		if ((c & CLASS_PRODUCTION) && !(c & CLASS_SYNTHETIC))
			entry_release(&l->items[i]);
		else
			l->items[k++] = l->items[i];
	}
	l->count = k;
}

void access_compute(const graph *g, access_list *out)
{
	gnode *const *nodes;
	size_t n, i;

	nodes = graph_nodes(g, &n);
	for (i = 0; i < n; i++)
		if (nodes[i]->kind == GN_PRINCIPAL && !access_is_pseudo(nodes[i])) {
			size_t first = out->count;
			access_of(g, nodes[i], out);
			drop_production_only(out, first);
		}
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), cmp_entry);
}
