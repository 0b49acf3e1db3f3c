/* render_graph_shrink — fewer nodes for readability: collapse equivalent principals and stores, then the size guard. */
#include "render/render_graph_internal.h"
#include "base/xalloc.h"
#include "graph/access.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Edges into each node, in edge order (so by source): in[in_start[i] .. in_start[i + 1]). */
typedef struct in_index {
	size_t *start, *edges;
} in_index;

static void in_index_build(const rg_view *v, in_index *x)
{
	size_t *fill = xcalloc(v->n_nodes + 1, sizeof(size_t)), i;

	x->start = xcalloc(v->n_nodes + 2, sizeof(size_t));
	x->edges = xmalloc((v->n_edges + 1) * sizeof(size_t));
	for (i = 0; i < v->n_edges; i++)
		x->start[v->edges[i].to + 1]++;
	for (i = 0; i < v->n_nodes; i++)
		x->start[i + 1] += x->start[i];
	for (i = 0; i < v->n_edges; i++) {
		size_t t = v->edges[i].to;
		x->edges[x->start[t] + fill[t]++] = i;
	}
	free(fill);
}

static void in_index_release(in_index *x)
{
	free(x->start);
	free(x->edges);
}

/* --- collapse ------------------------------------------------------------------------------- */

typedef struct sig {
	char *text;
	size_t node;
} sig;

static int cmp_sig(const void *pa, const void *pb)
{
	const sig *a = pa, *b = pb;
	int c = strcmp(a->text, b->text);

	return c ? c : (a->node > b->node) - (a->node < b->node);
}

static int collapsible(const rg_view *v, size_t i, gnode_kind kind, const in_index *in, const size_t *first_out)
{
	const gnode *n = v->nodes[i].n;

	if (n->kind != kind || (v->nodes[i].flags & RG_F_FOCUS))
		return 0;
	if (kind == GN_RESOURCE)
		return first_out[i] == SIZE_MAX;
	/* a principal others reach (a group, an assumable role) is a step of their paths: it stays */
	return in->start[i] == in->start[i + 1] && !access_is_pseudo(n) && !rg_is_type(n, "everyone");
}

static void edge_sig(strbuf *sb, const rg_edge *e, size_t other)
{
	strbuf_addf(sb, ";%zu:%d:%u:%d:", other, (int)e->kind, e->levels, e->conditional);
	rg_edge_techniques(e, sb, 0);
}

/* Everything that shows on a node and its edges: equal text, equal drawing. */
static char *signature(const rg_view *v, size_t i, const in_index *in, const size_t *first_out)
{
	const gnode *n = v->nodes[i].n;
	rg_place p;
	strbuf sb = STRBUF_INIT;
	size_t k;

	rg_place_of(n, &p);
	strbuf_addf(&sb, "%s|%s|%s|%s|%d|%d|%u|%u", n->type ? n->type : "", n->cloud ? n->cloud : "",
		    p.tenant ? p.tenant : "", p.account ? p.account : "", p.directory, n->external, n->classification,
		    v->nodes[i].flags);
	if (n->kind == GN_PRINCIPAL) {
		for (k = first_out[i]; k < v->n_edges && v->edges[k].from == i; k++)
			edge_sig(&sb, &v->edges[k], v->edges[k].to);
	} else {
		for (k = in->start[i]; k < in->start[i + 1]; k++)
			edge_sig(&sb, &v->edges[in->edges[k]], v->edges[in->edges[k]].from);
	}
	return strbuf_detach(&sb, NULL);
}

/* One pass over the nodes of one kind; 1 when something collapsed. */
static int collapse_kind(rg_view *v, size_t min, gnode_kind kind)
{
	size_t *first = xmalloc((v->n_nodes + 1) * sizeof(size_t));
	size_t *map = xmalloc((v->n_nodes + 1) * sizeof(size_t));
	sig *sigs = xmalloc((v->n_nodes + 1) * sizeof(*sigs));
	rg_node *nodes;
	in_index in;
	size_t i, j, n_sigs = 0, out = 0, groups = 0;

	in_index_build(v, &in);
	for (i = 0; i < v->n_nodes; i++) {
		first[i] = SIZE_MAX;
		map[i] = i;
	}
	for (i = v->n_edges; i-- > 0;)
		first[v->edges[i].from] = i;
	for (i = 0; i < v->n_nodes; i++)
		if (v->nodes[i].n_members == 1 && collapsible(v, i, kind, &in, first)) {
			sigs[n_sigs].text = signature(v, i, &in, first);
			sigs[n_sigs++].node = i;
		}
	qsort(sigs, n_sigs, sizeof(*sigs), cmp_sig);
	for (i = 0; i < n_sigs; i = j) {
		rg_node *rep = &v->nodes[sigs[i].node];
		size_t k;
		for (j = i + 1; j < n_sigs && !strcmp(sigs[j].text, sigs[i].text); j++)
			;
		if (j - i < min)
			continue;
		/* sigs of one group are in node order: the first is the representative */
		rep->members = xmalloc((j - i) * sizeof(*rep->members));
		for (k = i; k < j; k++) {
			rep->members[k - i] = v->nodes[sigs[k].node].n;
			map[sigs[k].node] = sigs[i].node;
		}
		rep->n_members = j - i;
		if (kind == GN_PRINCIPAL)
			v->collapsed_principals += j - i;
		else
			v->collapsed_resources += j - i;
		v->collapsed_nodes++;
		groups++;
	}
	for (i = 0; i < n_sigs; i++)
		free(sigs[i].text);
	free(sigs);
	in_index_release(&in);
	if (groups) {
		/* renumber: representatives keep their place, other members go */
		nodes = xmalloc((v->n_nodes + 1) * sizeof(*nodes));
		for (i = 0; i < v->n_nodes; i++)
			if (map[i] == i) {
				nodes[out] = v->nodes[i];
				first[i] = out++;
			}
		for (i = 0; i < v->n_nodes; i++)
			map[i] = first[map[i]];
		free(v->nodes);
		v->nodes = nodes;
		v->n_nodes = out;
		rg_view_remap(v, map);
	}
	free(map);
	free(first);
	return groups != 0;
}

void rg_collapse(rg_view *v, size_t min)
{
	/* stores reached by the same principals fold; then principals reaching the same folds may too */
	collapse_kind(v, min, GN_PRINCIPAL);
	if (collapse_kind(v, min, GN_RESOURCE))
		collapse_kind(v, min, GN_PRINCIPAL);
}

/* --- size guard ------------------------------------------------------------------------------- */

static int is_synthetic(const rg_node *n)
{
	return n->n->kind == GN_RESOURCE && (n->n->classification & CLASS_SYNTHETIC);
}

typedef struct guard_ctx {
	const rg_view *v;
	in_index in;
	char *keep;
	size_t *seen, stamp;            /* seen[i] == stamp: in the closure being built */
	size_t *list, count, max;
	size_t edges, max_edges;        /* edges between kept nodes */
} guard_ctx;

/* Keep store s with everything that reaches it when all of it fits; 1 if
 * kept. The closure is closed under in-edges, so the edges it adds are the
 * in-edges of its members. */
static int keep_closure(guard_ctx *g, size_t s)
{
	size_t n = 0, head = 0, edges = 0, k;

	g->stamp++;
	g->seen[s] = g->stamp;
	g->list[n++] = s;
	while (head < n) {
		size_t x = g->list[head++];
		edges += g->in.start[x + 1] - g->in.start[x];
		if (g->edges + edges > g->max_edges)
			return 0;
		for (k = g->in.start[x]; k < g->in.start[x + 1]; k++) {
			size_t from = g->v->edges[g->in.edges[k]].from;
			if (g->seen[from] == g->stamp || g->keep[from])
				continue;
			if (g->count + n + 1 > g->max)
				return 0;
			g->seen[from] = g->stamp;
			g->list[n++] = from;
		}
	}
	if (g->keep[s])
		n--;                    /* the focus, kept already */
	if (g->count + n > g->max)
		return 0;
	for (k = 0; k < head; k++)
		g->keep[g->list[k]] = 1;
	g->count += n;
	g->edges += edges;
	return 1;
}

void rg_guard(rg_view *v, size_t max, size_t max_edges)
{
	guard_ctx g;
	size_t *map = xmalloc((v->n_nodes + 1) * sizeof(size_t));
	size_t i, k, out = 0, kept = 0;

	memset(&g, 0, sizeof(g));
	g.v = v;
	g.max = max;
	g.max_edges = max_edges;
	g.keep = xcalloc(v->n_nodes + 1, 1);
	g.seen = xcalloc(v->n_nodes + 1, sizeof(size_t));
	g.list = xmalloc((v->n_nodes + 1) * sizeof(size_t));
	in_index_build(v, &g.in);
	for (i = 0; i < v->n_nodes; i++)
		if (v->nodes[i].flags & RG_F_FOCUS) {
			g.keep[i] = 1;
			g.count++;
		}
	for (i = 0; i < v->n_nodes; i++)
		if (is_synthetic(&v->nodes[i]))
			v->synthetic_stores += v->nodes[i].n_members;
	/* whole stores with every path to them, in order, while they fit: the synthetic ones
	 * (the rest is dropped), or the other stores when no store is synthetic */
	for (i = 0; i < v->n_nodes && g.count < max; i++) {
		const rg_node *x = &v->nodes[i];
		if (x->n->kind != GN_RESOURCE || is_synthetic(x) != (v->synthetic_stores != 0) || !keep_closure(&g, i))
			continue;
		kept++;
		if (is_synthetic(x))
			v->guard_stores += x->n_members;
	}
	if (!kept) {
		/* no store fits with all its paths: one store (the focus, else the first) and its direct edges */
		size_t t = SIZE_MAX;
		for (i = 0; i < v->n_nodes; i++)
			if (v->nodes[i].n->kind == GN_RESOURCE &&
			    (t == SIZE_MAX || (v->nodes[i].flags & RG_F_FOCUS) ||
			     (is_synthetic(&v->nodes[i]) && !is_synthetic(&v->nodes[t]) && !(v->nodes[t].flags & RG_F_FOCUS))))
				t = i;
		if (t != SIZE_MAX && !g.keep[t] && g.count < max) {
			g.keep[t] = 1;
			g.count++;
		}
		for (k = t != SIZE_MAX ? g.in.start[t] : 0;
		     t != SIZE_MAX && k < g.in.start[t + 1] && g.count < max && g.edges < max_edges; k++) {
			size_t from = v->edges[g.in.edges[k]].from;
			if (!g.keep[from]) {
				g.keep[from] = 1;
				g.count++;
			}
			g.edges++;
		}
	}
	for (i = 0; i < v->n_nodes; i++) {
		if (g.keep[i]) {
			v->nodes[out] = v->nodes[i];
			map[i] = out++;
		} else {
			map[i] = SIZE_MAX;
			v->dropped_nodes += v->nodes[i].n_members;
			free(v->nodes[i].members);
		}
	}
	v->n_nodes = out;
	rg_view_remap(v, map);
	in_index_release(&g.in);
	free(g.list);
	free(g.seen);
	free(g.keep);
	free(map);
}
