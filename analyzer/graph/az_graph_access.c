/*
 * az_graph_access — the access edges of one classified Azure resource.
 *
 * The operations of the resource's type are split into classes: two
 * operations are in one class when every role definition and deny
 * assignment of the scope chain answers them alike (and they are in the same
 * plane), so az_eval answers them alike for every principal. Operations no
 * role of the chain grants need nothing; an operation that a conditional
 * assignment, a conditional deny or a role missing from the inputs touches
 * gets a class of its own (the answer, or its wording, may name it). One
 * az_plan per class decides its holders, and its holders' members too when a
 * deny assignment is involved (see az_graph.h).
 */
#include "graph/az_graph_internal.h"
#include "base/strbuf.h"
#include "base/strci.h"
#include "base/xalloc.h"
#include "eval/az_eval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ANC 64

/* --- the chain ------------------------------------------------------------------------ */

static void item_add(azg_work *w, const void *owner, const uint64_t *bits, int deny, int forced)
{
	XGROW(w->items, w->cap_items, w->n_items + 1);
	w->items[w->n_items].owner = owner;
	w->items[w->n_items].bits = bits;
	w->items[w->n_items].deny = deny;
	w->items[w->n_items++].forced = forced;
	w->forced_any |= forced;
}

static void allow_item(azg_work *w, const az_assignment *x)
{
	const uint64_t *b = x->role ? azg_grants(w->c, w->t, x->role, x->role->perms, x->role->n_perms) : w->t->all;

	item_add(w, x, b, 0, !x->role || x->condition);
}

static int in_chain(const char *const *anc, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (anc[i] == key)
			return 1;
	return 0;
}

/* Everything az_plan_new will look at for scope: 0 when the scope is malformed. */
static int collect(azg_work *w, const char *scope)
{
	azg_ctx *c = w->c;
	const char *anc[MAX_ANC];
	size_t n_anc, i, j, n;

	n_anc = azm_ancestors(c->a, scope, anc, MAX_ANC, &w->gap);
	for (i = 0; i < n_anc; i++) {
		az_assignment *const *xs = azm_assignments_at(c->a, anc[i], &n);
		az_deny *const *ds;
		for (j = 0; j < n; j++)
			allow_item(w, xs[j]);
		ds = azm_denies_at(c->a, anc[i], &n);
		for (j = 0; j < n; j++)
			if (!ds[j]->no_children || !i)
				item_add(w, ds[j], azg_grants(c, w->t, ds[j], ds[j]->perms, ds[j]->n_perms), 1,
					 ds[j]->condition != NULL);
	}
	if (w->gap)
		for (j = 0; j < c->n_mg_xs; j++)
			if (!in_chain(anc, n_anc, c->mg_xs[j]->scope))
				allow_item(w, c->mg_xs[j]);
	return n_anc > 0;
}

/* The distinct grant vectors of the chain (items sharing a role share one) and
 * the operations a forced item touches. */
static size_t distinct_vectors(azg_work *w, const uint64_t **vecs, int *deny, uint64_t *forced)
{
	size_t i, j, n = 0, k;

	for (i = 0; i < w->n_items; i++) {
		const azg_item *it = &w->items[i];
		if (it->forced)
			for (k = 0; k < w->t->words; k++)
				forced[k] |= it->bits[k];
		for (j = 0; j < n && (vecs[j] != it->bits || deny[j] != it->deny); j++)
			;
		if (j == n) {
			vecs[n] = it->bits;
			deny[n++] = it->deny;
		}
	}
	return n;
}

/* Split the operations of mask (NULL: all) into classes (see the top). */
static void classify_ops(azg_work *w, const uint64_t *mask)
{
	azg_type *t = w->t;
	const uint64_t **vecs = xmalloc((w->n_items + 1) * sizeof(*vecs));
	int *deny = xmalloc((w->n_items + 1) * sizeof(*deny));
	uint64_t *forced = xcalloc(t->words, sizeof(uint64_t));
	size_t n_vecs = distinct_vectors(w, vecs, deny, forced);
	strbuf sb;
	size_t i, j, k;

	strbuf_init(&sb);
	for (i = 0; i < t->n_ops; i++) {
		int granted = 0, denied = 0;
		const char *key;
		if (mask && !azg_bit(mask, i))
			continue;
		strbuf_reset(&sb);
		strbuf_addch(&sb, (char)('0' + t->match[i]));
		for (j = 0; j < n_vecs; j++) {
			int b = azg_bit(vecs[j], i);
			strbuf_addch(&sb, b ? '1' : '0');
			granted |= b && !deny[j];
			denied |= b && deny[j];
		}
		if (!granted)
			continue;
		if (azg_bit(forced, i))
			azg_key_u64(&sb, i + 1);
		key = intern_n(&w->c->keys, sb.buf, sb.len);
		for (k = 0; k < w->n_cls && w->cls[k].key != key; k++)
			;
		if (k == w->n_cls) {
			XGROW(w->cls, w->cap_cls, w->n_cls + 1);
			w->cls[k].key = key;
			w->cls[k].rep = i;
			w->cls[k].ops = xcalloc(t->words, sizeof(uint64_t));
			w->cls[k].denied = denied;
			w->n_cls++;
		}
		azg_set_bit(w->cls[k].ops, i);
	}
	strbuf_release(&sb);
	free(vecs);
	free(deny);
	free(forced);
}

/* --- one resource ------------------------------------------------------------------------ */

static void work_reset_scope(azg_work *w)
{
	size_t i;

	for (i = 0; i < w->n_cls; i++)
		free(w->cls[i].ops);
	w->n_cls = 0;
	w->n_items = 0;
	w->forced_any = 0;
	w->gap = 0;
}

static void work_release(azg_work *w)
{
	size_t i;

	work_reset_scope(w);
	free(w->cls);
	free(w->items);
	for (i = 0; i < w->n_drafts; i++)
		free(w->dbits[i]);
	free(w->dbits);
	free(w->next);
	free(w->drafts);
	ptrmap_release(&w->first);
}

static int compute_scope(azg_work *w, const char *written, const uint64_t *mask)
{
	size_t i;
	int err = 0;

	classify_ops(w, mask);
	w->c->st.classes += w->n_cls;
	for (i = 0; i < w->n_cls && !err; i++)
		err = azg_run_class(w, written, &w->cls[i]);
	return err;
}

/* The operations of the child type a scope inside resource r names
 * (".../blobServices/default/containers/c": blobServices/containers/...);
 * 0 when the scope is not a child resource (an extension resource). */
static int child_mask(const azg_type *t, const az_resource *r, const char *scope, uint64_t *mask)
{
	strbuf sb;
	const char *p = scope + strlen(r->id);
	size_t i, seg = 0, len;
	int any = 0;

	strbuf_init(&sb);
	while (*p == '/') {
		const char *e = strchr(p + 1, '/');
		len = e ? (size_t)(e - p - 1) : strlen(p + 1);
		if (len == 9 && !strncmp(p + 1, "providers", 9))
			break;
		if (seg++ % 2 == 0) {
			strbuf_add(&sb, p + 1, len);
			strbuf_addch(&sb, '/');
		}
		p += len + 1;
	}
	if (!*p && seg % 2 == 0 && sb.len) {
		len = strlen(t->key);
		for (i = 0; i < t->n_ops; i++)
			if (!strci_prefix_cmp(t->ops[i] + len, sb.buf, sb.len)) {
				azg_set_bit(mask, i);
				any = 1;
			}
	}
	strbuf_release(&sb);
	return any;
}

/* The key of a chain for reuse: what was asked, the type and every assignment and deny in order. */
static const char *chain_key(azg_work *w, const char *what)
{
	strbuf sb;
	const char *key;
	size_t i;

	strbuf_init(&sb);
	strbuf_addstr(&sb, what);
	azg_key_u64(&sb, (uintptr_t)w->t);
	for (i = 0; i < w->n_items; i++)
		azg_key_u64(&sb, (uintptr_t)w->items[i].owner);
	key = intern_n(&w->c->keys, sb.buf, sb.len);
	strbuf_release(&sb);
	return key;
}

int azg_drafts(azg_ctx *c, const az_resource *r, azg_type *t, const uint64_t *mask, const char *what,
	       const azg_draft **out, size_t *n_out)
{
	azg_work w;
	azg_below *below = mask ? NULL : ptrmap_get(&c->below, r->id);
	const char *key = NULL;
	azg_memo *mm;
	uint64_t *sub;
	size_t i;
	int err = 0;

	*out = NULL;
	*n_out = 0;
	memset(&w, 0, sizeof(w));
	w.c = c;
	w.t = t;
	if (!t->n_ops || !collect(&w, r->id)) {
		work_release(&w);
		return 0;
	}
	/* the answers depend on the chain only, unless a condition or a gap may read the resource */
	if (!w.gap && !w.forced_any && !below) {
		key = chain_key(&w, what);
		if ((mm = ptrmap_get(&c->memo, key))) {
			*out = mm->drafts;
			*n_out = mm->n;
			c->st.reused++;
			work_release(&w);
			return 0;
		}
	}
	c->st.computed++;
	err = compute_scope(&w, r->id_written ? r->id_written : r->id, mask);
	/* assignments inside the resource (a container): access to part of it */
	sub = xmalloc(t->words * sizeof(uint64_t));
	for (i = 0; below && i < below->n && !err; i++) {
		memset(sub, 0, t->words * sizeof(uint64_t));
		work_reset_scope(&w);
		if (child_mask(t, r, below->scopes[i], sub) && collect(&w, below->scopes[i]))
			err = compute_scope(&w, below->written[i], sub);
	}
	free(sub);
	for (i = 0; i < w.n_drafts; i++)
		w.drafts[i].set = azg_set_of(c, t, w.dbits[i]);
	mm = ARENA_NEW(&c->mem, azg_memo);
	mm->drafts = arena_memdup(&c->mem, w.drafts, w.n_drafts, sizeof(*w.drafts));
	mm->n = w.n_drafts;
	if (key && !err)
		ptrmap_put(&c->memo, key, mm);
	*out = mm->drafts;
	*n_out = mm->n;
	work_release(&w);
	return err;
}

int azg_access(azg_ctx *c, const az_resource *r, gnode *node)
{
	const azg_draft *d;
	azg_type *t;
	size_t n;
	int err;

	if (!r->type)
		return 0;
	t = azg_type_get(c, r->type);
	err = azg_drafts(c, r, t, NULL, "access", &d, &n);
	azg_emit(c, node, d, n);
	if (!err)
		err = azg_store_edges(c, r, node, t, d, n);
	return err;
}

void azg_index_below(azg_ctx *c)
{
	az_assignment **xs;
	const char *anc[MAX_ANC];
	size_t n, i, k, j, n_anc;
	int gap;

	xs = azm_assignments(c->a, &n);
	for (i = 0; i < n; i++) {
		if (!xs[i]->scope)
			continue;
		n_anc = azm_ancestors(c->a, xs[i]->scope, anc, MAX_ANC, &gap);
		for (k = 1; k < n_anc; k++) {
			az_resource *r = azm_find_resource(c->a, anc[k]);
			azg_below *b;
			if (!r || !r->classification)
				continue;
			if (!(b = ptrmap_get(&c->below, r->id))) {
				b = ARENA_NEW(&c->mem, azg_below);
				ptrmap_put(&c->below, r->id, b);
			}
			for (j = 0; j < b->n && b->scopes[j] != xs[i]->scope; j++)
				;
			if (j == b->n) {
				if (b->n == b->cap) {
					size_t cap = b->cap ? 2 * b->cap : 4;
					const char **s = ARENA_ARRAY(&c->mem, const char *, cap);
					const char **wr = ARENA_ARRAY(&c->mem, const char *, cap);
					if (b->n) {
						memcpy(s, b->scopes, b->n * sizeof(*s));
						memcpy(wr, b->written, b->n * sizeof(*wr));
					}
					b->scopes = s;
					b->written = wr;
					b->cap = cap;
				}
				b->scopes[b->n] = xs[i]->scope;
				b->written[b->n++] = xs[i]->scope_written ? xs[i]->scope_written : xs[i]->scope;
			}
		}
	}
}
