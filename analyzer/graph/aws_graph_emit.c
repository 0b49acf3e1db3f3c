/*
 * aws_graph_emit — per-caller results of one target and the edges made from
 * them: groups as decided, each user with only what it has beyond its
 * groups, roles and outside principals as decided (aws_graph.h, "Groups").
 */
#include "graph/aws_graph_internal.h"
#include "base/arena.h"
#include "base/strbuf.h"
#include "base/strlist.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int aws_graph_decide(agctx *c, const principal *p, const char *ext, const char *action, const char *arn,
		     eval_result *er)
{
	int r;

	c->st->evaluations++;
	if ((r = aws_eval_allows(c->m, p, ext, action, arn, er)) < 0)
		c->err = PG_EINTERNAL;
	return r;
}

static int allow_in(const eval_reason *r, int certain, int identity)
{
	if (r->st->effect != EFFECT_ALLOW || (certain && r->match != TRI_TRUE))
		return 0;
	return identity ? r->layer == LAYER_IDENTITY : r->layer == LAYER_RESOURCE || r->layer == LAYER_TRUST;
}

/* A statement that allows the request: the trust statement of an assumption;
 * else an identity one when the boundary (if any) lets identity grants
 * through, else the resource one. */
static pg_loc allow_loc(const principal *p, const eval_result *er)
{
	int ident_first = !p || !p->boundary, certain, k;
	size_t i;
	pg_loc none = { NULL, 0, 0 };

	for (certain = 1; certain >= 0; certain--)
		for (i = 0; i < er->n_reasons; i++)
			if (er->reasons[i].layer == LAYER_TRUST && allow_in(&er->reasons[i], certain, 0))
				return er->reasons[i].st->loc;
	for (i = 0; i < er->n_reasons; i++)
		if (er->reasons[i].layer == LAYER_BOUNDARY && er->reasons[i].st->effect == EFFECT_ALLOW)
			ident_first = 1;
	for (certain = 1; certain >= 0; certain--)
		for (k = 0; k < 2; k++)
			for (i = 0; i < er->n_reasons; i++)
				if (allow_in(&er->reasons[i], certain, ident_first ? !k : k))
					return er->reasons[i].st->loc;
	return none;
}

void aws_graph_result_add(ag_result *r, size_t act, const principal *p, const eval_result *er)
{
	ag_act *a = NULL;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->acts[i].act == act) {
			a = &r->acts[i];
			if (a->dec <= er->dec)
				return;     /* already as good */
			break;
		}
	if (!a) {
		XGROW(r->acts, r->cap, r->n + 1);
		a = &r->acts[r->n++];
	}
	a->act = act;
	a->dec = er->dec;
	a->loc = allow_loc(p, er);
	a->cond0 = r->n_conds;
	a->n_cond = er->n_conditions;
	for (i = 0; i < er->n_conditions; i++) {
		XGROW(r->conds, r->cap_conds, r->n_conds + 1);
		r->conds[r->n_conds++] = xstrdup(er->conditions[i]);
	}
}

void aws_graph_result_copy(ag_result *r, size_t from, size_t to)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->acts[i].act == from) {
			ag_act a = r->acts[i];
			a.act = to;
			XGROW(r->acts, r->cap, r->n + 1);
			r->acts[r->n++] = a;        /* shares the conditions of `from` */
			return;
		}
}

void aws_graph_result_reset(ag_result *r)
{
	size_t i;

	for (i = 0; i < r->n_conds; i++)
		free(r->conds[i]);
	r->n_conds = 0;
	r->n = 0;
	r->used = 0;
}

void aws_graph_result_release(ag_result *r)
{
	aws_graph_result_reset(r);
	free(r->acts);
	free(r->conds);
	memset(r, 0, sizeof(*r));
}

ag_result *aws_graph_touch(agctx *c, size_t o)
{
	ag_result *r = &c->results[o];

	if (!r->used) {
		aws_graph_result_reset(r);
		r->used = 1;
		XGROW(c->touched, c->cap_touched, c->n_touched + 1);
		c->touched[c->n_touched++] = o;
	}
	return r;
}

static int cmp_act(const void *x, const void *y)
{
	const ag_act *a = x, *b = y;

	return (a->act > b->act) - (a->act < b->act);
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return (a > b) - (a < b);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/*
 * One array per distinct list, shared by every edge that carries it (most
 * edges carry one of a few action lists): in the model's arena, which
 * outlives the graph; items are the catalogue's static names, or (interned)
 * copies in the model.
 */
static const char **shared_list(agctx *c, const char *const *items, size_t n, int copy)
{
	strbuf key = STRBUF_INIT;
	const char *k, **arr;
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_addstr(&key, items[i]);
		strbuf_addch(&key, '\x1f');
	}
	k = model_intern(c->m, key.buf);
	strbuf_release(&key);
	arr = ptrmap_get(&c->lists, k);
	if (arr)
		return arr;
	arr = ARENA_ARRAY(model_arena(c->m), const char *, n);
	for (i = 0; i < n; i++)
		arr[i] = copy ? model_intern(c->m, items[i]) : items[i];
	ptrmap_put(&c->lists, k, arr);
	return arr;
}

/* The edge for the actions of r that keep marks (all when keep is NULL). */
static void emit_sel(agctx *c, gedge_kind kind, gnode *from, gnode *to, const char **technique,
		     const ag_result *r, const unsigned char *keep)
{
	gedge *e;
	const char **names;
	char **conds = NULL;
	size_t n_conds = 0, cap_conds = 0, i, j, n = 0;
	const ag_act *first = NULL;

	names = xmalloc((r->n ? r->n : 1) * sizeof(*names));
	for (i = 0; i < r->n; i++) {
		const ag_act *a = &r->acts[i];
		if (keep && !keep[i])
			continue;
		if (!first || (a->dec == DEC_ALLOW && first->dec != DEC_ALLOW))
			first = a;
		names[n++] = technique ? *technique : aws_catalog_name(a->act);
		for (j = 0; j < a->n_cond; j++)
			strlist_add(&conds, &n_conds, &cap_conds, xstrdup(r->conds[a->cond0 + j]));
	}
	if (!n)
		goto cleanup;
	e = graph_add_edge(c->g, kind, from, to);
	e->dec = first->dec;
	e->loc = first->loc;
	if (technique) {
		e->technique = *technique;
		e->actions = technique;
		e->n_actions = 1;
		c->st->assume_edges++;
	} else {
		qsort(names, n, sizeof(*names), cmp_str);
		e->actions = shared_list(c, names, n, 0);
		e->n_actions = n;
		for (i = 0; i < r->n; i++)
			if (!keep || keep[i])
				e->levels |= aws_graph_levels(r->acts[i].act);
		c->st->access_edges++;
	}
	if (n_conds) {
		strlist_sort(conds, n_conds);
		e->conditions = shared_list(c, (const char *const *)conds, n_conds, 1);
		e->n_conditions = n_conds;
	}
cleanup:
	strlist_release(&conds, &n_conds, &cap_conds);
	free(names);
}

void aws_graph_emit_one(agctx *c, gedge_kind kind, gnode *from, gnode *to, const char **technique,
			const ag_result *r)
{
	emit_sel(c, kind, from, to, technique, r, NULL);
}

static const ag_act *find_act(const ag_result *r, size_t act)
{
	ag_act key;

	key.act = act;
	if (!r->n)
		return NULL;
	return bsearch(&key, r->acts, r->n, sizeof(*r->acts), cmp_act);
}

/* Which of user u's actions its groups do not already give as well; warn when
 * a group gives more than u has (u's own Deny or boundary): reach over-reports. */
static void beyond_groups(agctx *c, const principal *u, const ag_result *r, gnode *to, unsigned char *keep)
{
	size_t i, j;
	int warned = 0;

	for (i = 0; i < r->n; i++)
		keep[i] = 1;
	for (j = 0; j < u->n_groups; j++) {
		size_t o = aws_graph_ordinal(c, u->groups[j]);
		const ag_result *gr = o == SIZE_MAX ? NULL : &c->results[o];
		if (!gr || !gr->used)
			continue;
		for (i = 0; i < r->n; i++) {
			const ag_act *ga = find_act(gr, r->acts[i].act);
			if (ga && ga->dec <= r->acts[i].dec)
				keep[i] = 0;
		}
		for (i = 0; i < gr->n && !warned; i++) {
			const ag_act *ua = find_act(r, gr->acts[i].act);
			if (ua && ua->dec <= gr->acts[i].dec)
				continue;
			warned = 1;
			c->st->over_reports++;
			/* once per user: the first target says what kind of thing is over-reported */
			if (!c->warn || ptrmap_get(&c->over_warned, u))
				continue;
			ptrmap_put(&c->over_warned, u, (void *)u);
			diag_list_addf(c->warn, DIAG_WARNING, u->loc.file, u->loc.line, u->loc.col,
				       "'%s' is denied or limited '%s' on '%s' that its group '%s' allows; "
				       "its effective access through the group over-reports it (here and "
				       "wherever else its own policies or boundary remove a group's grant)",
				       u->arn, aws_catalog_name(gr->acts[i].act), to->id, u->groups[j]->arn);
		}
	}
}

void aws_graph_emit(agctx *c, gedge_kind kind, gnode *to, const char **technique)
{
	size_t i;
	unsigned char *keep = NULL;
	size_t cap = 0;

	if (c->n_touched > 1)
		qsort(c->touched, c->n_touched, sizeof(*c->touched), cmp_size);
	for (i = 0; i < c->n_touched; i++) {
		ag_result *r = &c->results[c->touched[i]];
		if (r->n > 1)
			qsort(r->acts, r->n, sizeof(*r->acts), cmp_act);
	}
	for (i = 0; i < c->n_touched; i++) {
		const principal *p = c->callers[c->touched[i]];
		const ag_result *r = &c->results[c->touched[i]];
		gnode *from = aws_graph_principal_node(c, p);
		if (p->kind == PRIN_USER && p->n_groups) {
			XGROW(keep, cap, r->n + 1);
			beyond_groups(c, p, r, to, keep);
			emit_sel(c, kind, from, to, technique, r, keep);
		} else {
			emit_sel(c, kind, from, to, technique, r, NULL);
		}
	}
	for (i = 0; i < c->n_touched; i++)
		aws_graph_result_reset(&c->results[c->touched[i]]);
	c->n_touched = 0;
	free(keep);
}
