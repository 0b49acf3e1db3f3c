/*
 * aws_graph_index — which identity Allow statements can grant anything on a
 * target, without looking at every principal.
 *
 * Every distinct identity policy of the callers is indexed once (managed
 * policies are shared by many principals): each Allow statement gets one
 * entry per (service of its actions, literal start of a Resource pattern).
 * A statement whose actions may be of any service (NotAction, "*", "*:Get*")
 * is filed under every service; one with NotResource, no Resource or a
 * pattern starting with a wildcard has the empty prefix. Conservative by
 * construction: a pattern can only match an ARN that starts with its literal
 * start (up to the first '*', '?' or '$'), so a statement whose literal start
 * is neither a prefix of the ARN nor extends it cannot match.
 */
#include "graph/aws_graph_internal.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int cmp_key(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return (alen > blen) - (alen < blen);
}

static int cmp_entry(const void *x, const void *y)
{
	const ag_entry *a = x, *b = y;
	int c = cmp_key(a->prefix, a->len, b->prefix, b->len);

	if (c)
		return c;
	return (a->st > b->st) - (a->st < b->st);
}

static void list_add(ag_list *l, const char *prefix, size_t len, const stmt *s)
{
	XGROW(l->items, l->cap, l->n + 1);
	l->items[l->n].prefix = prefix;
	l->items[l->n].len = len;
	l->items[l->n].st = s;
	l->n++;
}

static ag_list *service_list(ag_index *ix, const char *svc)
{
	ag_list *l = ptrmap_get(&ix->by_service, svc);

	if (!l) {
		l = xcalloc(1, sizeof(*l));
		ptrmap_put(&ix->by_service, svc, l);
		XGROW(ix->lists, ix->cap_lists, ix->n_lists + 1);
		ix->lists[ix->n_lists++] = l;
	}
	return l;
}

/* The services a statement's actions name (interned lowercase), or *any. */
static size_t stmt_services(model *m, const stmt *s, const char **out, size_t max, int *any)
{
	size_t i, j, n = 0;

	*any = s->not_action;
	for (i = 0; i < s->n_actions && !*any; i++) {
		const char *a = s->actions[i], *colon = strchr(a, ':');
		const char *svc;
		if (!colon || strcspn(a, "*?") < (size_t)(colon - a)) {
			*any = 1;
			break;
		}
		svc = model_intern_n(m, a, (size_t)(colon - a));   /* actions are stored lowercase */
		for (j = 0; j < n && out[j] != svc; j++)
			;
		if (j == n) {
			if (n == max) {
				*any = 1;
				break;
			}
			out[n++] = svc;
		}
	}
	return n;
}

static void index_stmt(ag_index *ix, const stmt *s)
{
	const char *svcs[16];
	int any;
	size_t n = stmt_services(ix->m, s, svcs, 16, &any), i, k;
	size_t n_res = s->has_resource && !s->not_resource ? s->n_resources : 0;

	for (k = 0; k < (any ? 1 : n); k++) {
		ag_list *l = any ? &ix->any : service_list(ix, svcs[k]);
		if (!n_res) {
			list_add(l, "", 0, s);
			continue;
		}
		for (i = 0; i < n_res; i++)
			list_add(l, s->resources[i], strcspn(s->resources[i], "*?$"), s);
	}
}

void aws_graph_index_build(ag_index *ix, model *m, principal *const *callers, size_t n)
{
	size_t i, j, k;

	memset(ix, 0, sizeof(*ix));
	ix->m = m;
	for (i = 0; i < n; i++) {
		const principal *p = callers[i];
		for (j = 0; j < p->n_policies; j++) {
			const policy *pol = p->policies[j];
			ag_holders *h;
			if (!pol)       /* as aws_eval: a slot without a document grants nothing */
				continue;
			h = ptrmap_get(&ix->holders, pol);
			if (!h) {
				h = xcalloc(1, sizeof(*h));
				ptrmap_put(&ix->holders, pol, h);
				XGROW(ix->hs, ix->cap_hs, ix->n_hs + 1);
				ix->hs[ix->n_hs++] = h;
				for (k = 0; k < pol->n_stmts; k++)
					if (pol->stmts[k].effect == EFFECT_ALLOW)
						index_stmt(ix, &pol->stmts[k]);
			}
			XGROW(h->items, h->cap, h->n + 1);
			h->items[h->n++] = callers[i];
		}
	}
	if (ix->any.n)
		qsort(ix->any.items, ix->any.n, sizeof(ag_entry), cmp_entry);
	for (i = 0; i < ix->n_lists; i++)
		qsort(ix->lists[i]->items, ix->lists[i]->n, sizeof(ag_entry), cmp_entry);
}

void aws_graph_index_release(ag_index *ix)
{
	size_t i;

	for (i = 0; i < ix->n_lists; i++) {
		free(ix->lists[i]->items);
		free(ix->lists[i]);
	}
	for (i = 0; i < ix->n_hs; i++) {
		free(ix->hs[i]->items);
		free(ix->hs[i]);
	}
	free(ix->lists);
	free(ix->hs);
	free(ix->any.items);
	ptrmap_release(&ix->by_service);
	ptrmap_release(&ix->holders);
	memset(ix, 0, sizeof(*ix));
}

const ag_holders *aws_graph_index_holders(const ag_index *ix, const policy *p)
{
	return ptrmap_get(&ix->holders, p);
}

/* The first entry not below key. */
static size_t lower_bound(const ag_list *l, const char *key, size_t klen)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(l->items[mid].prefix, l->items[mid].len, key, klen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void push(const stmt ***out, size_t *n, size_t *cap, const stmt *s)
{
	XGROW(*out, *cap, *n + 1);
	(*out)[(*n)++] = s;
}

/*
 * Entries whose prefix is a prefix of t (each length of t, by binary search)
 * and entries whose prefix extends arn (one contiguous run in sort order).
 */
static void list_lookup(const ag_list *l, const char *t, size_t tlen, const char *arn, size_t alen,
			const stmt ***out, size_t *n, size_t *cap)
{
	size_t len, i;

	if (!l || !l->n)
		return;
	for (len = 0; len <= tlen; len++)
		for (i = lower_bound(l, t, len); i < l->n && l->items[i].len == len &&
						 !memcmp(l->items[i].prefix, t, len); i++)
			push(out, n, cap, l->items[i].st);
	for (i = lower_bound(l, arn, alen); i < l->n && l->items[i].len >= alen &&
					    !memcmp(l->items[i].prefix, arn, alen); i++)
		push(out, n, cap, l->items[i].st);
}

static int cmp_ptr(const void *x, const void *y)
{
	const stmt *a = *(const stmt *const *)x, *b = *(const stmt *const *)y;

	return (a > b) - (a < b);
}

void aws_graph_index_lookup(const ag_index *ix, const char *service, const char *arn, int objects,
			    const stmt ***out, size_t *n, size_t *cap)
{
	size_t alen = strlen(arn), tlen = alen, i, w;
	char *t = xmalloc(alen + 2);

	memcpy(t, arn, alen + 1);
	if (objects) {
		t[tlen++] = '/';
		t[tlen] = '\0';
	}
	list_lookup(&ix->any, t, tlen, arn, alen, out, n, cap);
	if (service)
		list_lookup(ptrmap_get(&ix->by_service, service), t, tlen, arn, alen, out, n, cap);
	free(t);
	if (*n < 2)
		return;
	qsort(*out, *n, sizeof(**out), cmp_ptr);
	for (i = 1, w = 1; i < *n; i++)
		if ((*out)[i] != (*out)[w - 1])
			(*out)[w++] = (*out)[i];
	*n = w;
}

/* --- a plain list of patterns (aws_graph_share.c) --------------------------- */

void aws_graph_list_add(ag_list *l, const stmt *s)
{
	size_t i;

	for (i = 0; s->has_resource && i < s->n_resources; i++)
		if (strcmp(s->resources[i], "*"))
			list_add(l, s->resources[i], strcspn(s->resources[i], "*?$"), s);
}

void aws_graph_list_sort(ag_list *l)
{
	if (l->n > 1)
		qsort(l->items, l->n, sizeof(ag_entry), cmp_entry);
}

void aws_graph_list_find(const ag_list *l, const char *arn, int objects, const ag_entry ***out, size_t *n,
			 size_t *cap)
{
	size_t alen = strlen(arn), tlen = alen + (objects ? 1 : 0), len, i;
	char *t = xmalloc(alen + 2);

	memcpy(t, arn, alen);
	t[alen] = '/';
	t[alen + 1] = '\0';
	for (len = 0; len <= tlen; len++)
		for (i = lower_bound(l, t, len); i < l->n && l->items[i].len == len && !memcmp(l->items[i].prefix, t, len);
		     i++) {
			XGROW(*out, *cap, *n + 1);
			(*out)[(*n)++] = &l->items[i];
		}
	for (i = lower_bound(l, arn, alen); i < l->n && l->items[i].len >= alen && !memcmp(l->items[i].prefix, arn, alen);
	     i++) {
		XGROW(*out, *cap, *n + 1);
		(*out)[(*n)++] = &l->items[i];
	}
	free(t);
}
