/* render_graph_view — what one drawing shows: selection by focus, sorting, edge merging (collapse and size guard: render_graph_shrink.c). */
#include "render/render_graph_internal.h"
#include "base/xalloc.h"
#include "graph/access.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REACH_KINDS ((1u << GE_MEMBER_OF) | (1u << GE_CAN_ASSUME) | (1u << GE_CAN_ACT_AS))

void rg_place_of(const gnode *n, rg_place *p)
{
	p->tenant = n->tenant;
	p->account = n->account;
	p->directory = !n->tenant && !n->account && n->kind == GN_PRINCIPAL && !n->external && n->cloud &&
		       !strcmp(n->cloud, "azure") && !(n->type && !strcmp(n->type, "everyone"));
}

static int place_rank(const rg_place *p)
{
	return p->tenant ? 0 : p->account ? 1 : p->directory ? 2 : 3;
}

static int cmp_opt(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Clusters stay contiguous: place first, then principals before resources, then display id. */
static int cmp_node(const void *pa, const void *pb)
{
	const gnode *a = *(const gnode *const *)pa, *b = *(const gnode *const *)pb;
	rg_place x, y;
	int c;

	rg_place_of(a, &x);
	rg_place_of(b, &y);
	if ((c = place_rank(&x) - place_rank(&y)) || (c = cmp_opt(x.tenant, y.tenant)) ||
	    (c = cmp_opt(a->cloud, b->cloud)) || (c = cmp_opt(x.account, y.account)) ||
	    (c = (int)a->kind - (int)b->kind) || (c = strcmp(gnode_display_id(a), gnode_display_id(b))) ||
	    (c = strcmp(a->id, b->id)))
		return c;
	return (a->index > b->index) - (a->index < b->index);
}

static int cmp_tech(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void rg_edge_techniques(const rg_edge *e, strbuf *sb, size_t max)
{
	const char **t = xmalloc((e->n_src + 1) * sizeof(*t));
	size_t i, n = 0, shown = 0;

	for (i = 0; i < e->n_src; i++)
		if (e->src[i]->technique)
			t[n++] = e->src[i]->technique;
	qsort(t, n, sizeof(*t), cmp_tech);
	for (i = 0; i < n; i++) {
		if (i && !strcmp(t[i], t[i - 1]))
			continue;
		if (max && shown == max) {
			strbuf_addstr(sb, ", ...");
			break;
		}
		strbuf_addf(sb, "%s%s", shown ? ", " : "", t[i]);
		shown++;
	}
	free(t);
}

/* --- edges: merge per (from, to, kind) -------------------------------------------------------- */

static int cmp_edge(const void *pa, const void *pb)
{
	const rg_edge *a = pa, *b = pb;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	/* keep the graph's edge order inside a run, so src lists are deterministic */
	return (a->src[0]->index > b->src[0]->index) - (a->src[0]->index < b->src[0]->index);
}

static void merge_edges(rg_view *v)
{
	size_t i, out = 0;

	if (!v->n_edges)
		return;
	qsort(v->edges, v->n_edges, sizeof(*v->edges), cmp_edge);
	for (i = 1; i < v->n_edges; i++) {
		rg_edge *m = &v->edges[out], *e = &v->edges[i];
		if (e->from == m->from && e->to == m->to && e->kind == m->kind) {
			m->src = xrealloc(m->src, (m->n_src + e->n_src) * sizeof(*m->src));
			memcpy(m->src + m->n_src, e->src, e->n_src * sizeof(*e->src));
			m->n_src += e->n_src;
			m->levels |= e->levels;
			m->conditional = m->conditional && e->conditional;
			free(e->src);
		} else {
			v->edges[++out] = *e;
		}
	}
	v->n_edges = out + 1;
}

void rg_view_remap(rg_view *v, const size_t *map)
{
	size_t i, out = 0;

	for (i = 0; i < v->n_edges; i++) {
		rg_edge e = v->edges[i];
		if (map[e.from] == SIZE_MAX || map[e.to] == SIZE_MAX) {
			free(e.src);
			v->dropped_edges++;
			continue;
		}
		e.from = map[e.from];
		e.to = map[e.to];
		v->edges[out++] = e;
	}
	v->n_edges = out;
	merge_edges(v);
}

/* --- selection -------------------------------------------------------------------------------- */

static void select_upstream(const gnode *focus, char *nsel, char *esel, size_t n_nodes)
{
	const gnode **queue = xmalloc((n_nodes + 1) * sizeof(*queue));
	size_t head = 0, tail = 0, i;

	nsel[focus->index] = 1;
	for (i = 0; i < focus->n_in; i++) {
		const gedge *e = focus->in[i];
		if (e->kind != GE_ACCESS)
			continue;
		esel[e->index] = 1;
		if (!nsel[e->from->index]) {
			nsel[e->from->index] = 1;
			queue[tail++] = e->from;
		}
	}
	while (head < tail) {
		const gnode *n = queue[head++];
		for (i = 0; i < n->n_in; i++) {
			const gedge *e = n->in[i];
			if (!(REACH_KINDS & (1u << e->kind)))
				continue;
			esel[e->index] = 1;
			if (!nsel[e->from->index]) {
				nsel[e->from->index] = 1;
				queue[tail++] = e->from;
			}
		}
	}
	free(queue);
}

static void select_downstream(const graph *g, const gnode *focus, char *nsel, char *esel)
{
	greach_set reach;
	size_t i, j;

	greach_set_init(&reach);
	graph_reach(g, focus, &reach);
	for (i = 0; i < reach.count; i++)
		nsel[reach.items[i].node->index] = 1;
	for (i = 0; i < reach.count; i++) {
		const gnode *n = reach.items[i].node;
		for (j = 0; j < n->n_out; j++) {
			const gedge *e = n->out[j];
			if (e->kind == GE_ACCESS || nsel[e->to->index]) {
				esel[e->index] = 1;
				nsel[e->to->index] = 1;
			}
		}
	}
	greach_set_release(&reach);
}

/* Principals a wildcard finding names, by graph index. */
static void mark_wildcards(const scan_result *r, char *wild)
{
	size_t i;

	for (i = 0; i < r->findings.count; i++) {
		const finding *f = &r->findings.items[i];
		const gnode *n;
		if (f->suppressed || !f->principal || strcmp(f->category, "wildcard"))
			continue;
		if ((n = render_graph_find(r->g, f->principal)) && n->kind == GN_PRINCIPAL)
			wild[n->index] = 1;
	}
}

/* --- the view ------------------------------------------------------------------------------ */

void rg_view_build(rg_view *v, const scan_result *r, const gnode *focus, size_t collapse_min, size_t max_nodes,
		   size_t max_edges)
{
	size_t n_gnodes, n_gedges, i, k = 0;
	gnode *const *gnodes = graph_nodes(r->g, &n_gnodes);
	gedge *const *gedges = graph_edges(r->g, &n_gedges);
	char *nsel = xcalloc(n_gnodes + 1, 1), *esel = xcalloc(n_gedges + 1, 1), *wild = xcalloc(n_gnodes + 1, 1);
	const gnode **order = xmalloc((n_gnodes + 1) * sizeof(*order));
	size_t *pos = xmalloc((n_gnodes + 1) * sizeof(size_t));

	memset(v, 0, sizeof(*v));
	v->focus = focus;
	v->mode = !focus ? RG_WHOLE : focus->kind == GN_RESOURCE ? RG_UPSTREAM : RG_DOWNSTREAM;
	if (v->mode == RG_WHOLE) {
		memset(nsel, 1, n_gnodes);
		memset(esel, 1, n_gedges);
	} else if (v->mode == RG_UPSTREAM) {
		select_upstream(focus, nsel, esel, n_gnodes);
	} else {
		select_downstream(r->g, focus, nsel, esel);
	}
	mark_wildcards(r, wild);
	for (i = 0; i < n_gnodes; i++)
		if (nsel[i])
			order[k++] = gnodes[i];
	qsort(order, k, sizeof(*order), cmp_node);
	v->nodes = xcalloc(k + 1, sizeof(*v->nodes));
	for (i = 0; i < k; i++) {
		v->nodes[i].n = order[i];
		v->nodes[i].n_members = 1;
		v->nodes[i].flags = (wild[order[i]->index] ? RG_F_WILDCARD : 0u) | (order[i] == focus ? RG_F_FOCUS : 0u);
		pos[order[i]->index] = i;
	}
	v->n_nodes = k;
	v->edges = xmalloc((n_gedges + 1) * sizeof(*v->edges));
	for (i = 0; i < n_gedges; i++) {
		const gedge *e = gedges[i];
		rg_edge *x;
		if (!esel[i] || !nsel[e->from->index] || !nsel[e->to->index])
			continue;
		x = &v->edges[v->n_edges++];
		x->from = pos[e->from->index];
		x->to = pos[e->to->index];
		x->kind = e->kind;
		x->levels = e->kind == GE_ACCESS ? e->levels : 0;
		x->conditional = e->dec == DEC_CONDITIONAL;
		x->src = xmalloc(sizeof(*x->src));
		x->src[0] = e;
		x->n_src = 1;
	}
	merge_edges(v);
	if (collapse_min != SIZE_MAX)
		rg_collapse(v, collapse_min < 2 ? 2 : collapse_min);
	if (v->n_nodes > max_nodes || v->n_edges > max_edges)
		rg_guard(v, max_nodes, max_edges);
	for (i = 0; i < v->n_nodes; i++) {
		if (v->nodes[i].n->kind == GN_PRINCIPAL)
			v->principals += v->nodes[i].n_members;
		else
			v->resources++;
	}
	free(pos);
	free(order);
	free(wild);
	free(esel);
	free(nsel);
}

void rg_view_release(rg_view *v)
{
	size_t i;

	for (i = 0; i < v->n_nodes; i++)
		free(v->nodes[i].members);
	for (i = 0; i < v->n_edges; i++)
		free(v->edges[i].src);
	free(v->nodes);
	free(v->edges);
	memset(v, 0, sizeof(*v));
}
