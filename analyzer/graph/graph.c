/* graph — nodes, edges, adjacency and reachability. */
#include "graph/graph.h"
#include "base/arena.h"
#include "base/intern.h"
#include "base/ptrmap.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct graph {
	arena arena;
	intern_table ids;           /* node ids, so the index can key on pointers */
	ptrmap by_id;
	gnode **nodes;
	size_t n_nodes, cap_nodes;
	gedge **edges;
	size_t n_edges, cap_edges;
};

graph *graph_new(void)
{
	graph *g = xcalloc(1, sizeof(*g));

	arena_init(&g->arena);
	intern_init(&g->ids);
	return g;
}

void graph_free(graph *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n_nodes; i++) {
		free(g->nodes[i]->out);
		free(g->nodes[i]->in);
	}
	free(g->nodes);
	free(g->edges);
	ptrmap_release(&g->by_id);
	intern_release(&g->ids);
	arena_release(&g->arena);
	free(g);
}

gnode *graph_find(const graph *g, const char *id)
{
	const char *key = id ? intern_find(&g->ids, id) : NULL;

	return key ? ptrmap_get(&g->by_id, key) : NULL;
}

gnode *graph_add_node(graph *g, gnode_kind kind, const char *id)
{
	const char *key = intern(&g->ids, id);
	gnode *n = ptrmap_get(&g->by_id, key);

	if (n)
		return n;
	n = ARENA_NEW(&g->arena, gnode);
	n->kind = kind;
	n->id = key;
	n->index = g->n_nodes;
	ptrmap_put(&g->by_id, key, n);
	XGROW(g->nodes, g->cap_nodes, g->n_nodes + 1);
	g->nodes[g->n_nodes++] = n;
	return n;
}

gedge *graph_add_edge(graph *g, gedge_kind kind, gnode *from, gnode *to)
{
	gedge *e = ARENA_NEW(&g->arena, gedge);

	e->kind = kind;
	e->from = from;
	e->to = to;
	e->dec = DEC_ALLOW;
	e->index = g->n_edges;
	XGROW(g->edges, g->cap_edges, g->n_edges + 1);
	g->edges[g->n_edges++] = e;
	XGROW(from->out, from->cap_out, from->n_out + 1);
	from->out[from->n_out++] = e;
	XGROW(to->in, to->cap_in, to->n_in + 1);
	to->in[to->n_in++] = e;
	return e;
}

gnode *const *graph_nodes(const graph *g, size_t *n)
{
	*n = g->n_nodes;
	return g->nodes;
}

gedge *const *graph_edges(const graph *g, size_t *n)
{
	*n = g->n_edges;
	return g->edges;
}

const char *graph_strdup(graph *g, const char *s)
{
	return s ? arena_strdup(&g->arena, s) : NULL;
}

const char **graph_strings(graph *g, const char *const *s, size_t n)
{
	const char **out;
	size_t i;

	if (!n)
		return NULL;
	out = ARENA_ARRAY(&g->arena, const char *, n);
	for (i = 0; i < n; i++)
		out[i] = graph_strdup(g, s[i]);
	return out;
}

/* --- reachability ------------------------------------------------------------------ */

void greach_set_init(greach_set *s)
{
	memset(s, 0, sizeof(*s));
}

void greach_set_release(greach_set *s)
{
	if (!s)
		return;
	free(s->items);
	greach_set_init(s);
}

static void push(greach_set *s, ptrmap *seen, gnode *n, gedge *via, size_t parent, size_t depth, int iscond)
{
	greach *r;

	XGROW(s->items, s->cap, s->count + 1);
	r = &s->items[s->count++];
	r->node = n;
	r->via = via;
	r->parent = parent;
	r->depth = depth;
	r->conditional = iscond;
	ptrmap_put(seen, n, (void *)(uintptr_t)s->count);
}

/* Breadth-first from items[head..], over edges that become principals; with
 * certain_only, over allow edges only. */
static void walk(greach_set *s, ptrmap *seen, size_t head, int certain_only, unsigned kinds)
{
	size_t i, j;

	for (i = head; i < s->count; i++) {
		gnode *n = s->items[i].node;
		for (j = 0; j < n->n_out; j++) {
			gedge *e = n->out[j];
			if (e->kind == GE_ACCESS || !(kinds & (1u << e->kind)) || e->to->kind != GN_PRINCIPAL ||
			    ptrmap_get(seen, e->to))
				continue;
			if (certain_only && e->dec != DEC_ALLOW)
				continue;
			push(s, seen, e->to, e, i, s->items[i].depth + 1,
			     s->items[i].conditional || e->dec != DEC_ALLOW);
			/* a node first met from a conditional one is conditional: its certain
			 * paths were all found in the first pass */
		}
	}
}

void graph_reach_kinds(const graph *g, const gnode *from, unsigned kinds, greach_set *out)
{
	ptrmap seen = PTRMAP_INIT;

	(void)g;
	out->count = 0;
	push(out, &seen, (gnode *)from, NULL, SIZE_MAX, 0, 0);
	walk(out, &seen, 0, 1, kinds);
	/* then every path, from every node found so far, in breadth-first order */
	walk(out, &seen, 0, 0, kinds);
	ptrmap_release(&seen);
}

void graph_reach(const graph *g, const gnode *from, greach_set *out)
{
	graph_reach_kinds(g, from, GRAPH_KINDS_ALL, out);
}

size_t graph_path(const greach_set *r, size_t i, gedge **path, size_t max)
{
	size_t n = 0, k, j = i;

	/* count, then fill from the end so the first edge comes first */
	while (j < r->count && r->items[j].parent != SIZE_MAX) {
		n++;
		j = r->items[j].parent;
	}
	if (n > max)
		n = max;
	k = n;
	j = i;
	while (k > 0 && r->items[j].parent != SIZE_MAX) {
		path[--k] = r->items[j].via;
		j = r->items[j].parent;
	}
	return n;
}

const char *gnode_display_id(const gnode *n)
{
	return n->written ? n->written : n->id;
}

const char *gedge_kind_name(gedge_kind k)
{
	switch (k) {
	case GE_MEMBER_OF: return "member-of";
	case GE_CAN_ASSUME: return "can-assume";
	case GE_CAN_ACT_AS: return "can-act-as";
	case GE_ACCESS: return "access";
	}
	return "edge";
}

const char *graph_level_name(unsigned level)
{
	switch (level) {
	case LEVEL_LIST: return "list";
	case LEVEL_READ: return "read";
	case LEVEL_WRITE: return "write";
	case LEVEL_PERMISSIONS: return "permissions";
	case LEVEL_TAGGING: return "tagging";
	}
	return "?";
}
