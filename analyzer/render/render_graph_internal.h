/*
 * render_graph_internal — what render_graph's files share: the view (the
 * nodes and merged edges one drawing shows, after focus, collapse and the size
 * guard; render_graph_view.c), its placement in clusters, and the cgraph
 * builder (render_graph_dot.c). Ownership: a view owns its arrays; nodes and
 * edges are the scan graph's.
 */
#ifndef PG_RENDER_GRAPH_INTERNAL_H
#define PG_RENDER_GRAPH_INTERNAL_H

#include <graphviz/cgraph.h>
#include "base/strbuf.h"
#include "render/render_graph.h"

enum { RG_F_WILDCARD = 1, RG_F_FOCUS = 2 };

typedef struct rg_node {
	const gnode *n;                 /* the node, or the first member of a collapsed group */
	const gnode **members;          /* the group, in view order; NULL unless collapsed */
	size_t n_members;               /* 1 unless collapsed */
	unsigned flags;                 /* RG_F_* */
} rg_node;

typedef struct rg_edge {
	size_t from, to;                /* positions in the view's nodes */
	gedge_kind kind;
	unsigned levels;                /* union of the merged access edges' */
	int conditional;                /* every merged edge needs a condition */
	const gedge **src;              /* the graph edges drawn as this one, first one first */
	size_t n_src;
} rg_edge;

typedef enum { RG_WHOLE, RG_UPSTREAM, RG_DOWNSTREAM } rg_mode;

typedef struct rg_view {
	rg_mode mode;
	const gnode *focus;
	rg_node *nodes;                 /* sorted by place, then kind, then display id */
	size_t n_nodes;
	rg_edge *edges;                 /* sorted by from, to, kind */
	size_t n_edges;
	size_t principals, resources;   /* drawn, counting every member of a collapsed node */
	size_t collapsed_principals, collapsed_resources, collapsed_nodes;
	size_t dropped_nodes, dropped_edges;
	size_t synthetic_stores, guard_stores;  /* size guard: synthetic stores in the view, and drawn */
} rg_view;

/* Select, sort, merge, collapse and guard (see render_graph.h). focus is NULL
 * for the whole graph. */
void rg_view_build(rg_view *v, const scan_result *r, const gnode *focus, size_t collapse_min, size_t max_nodes,
		   size_t max_edges);
void rg_view_release(rg_view *v);

/* Move every node i to map[i] (SIZE_MAX: dropped, with its edges, counted in
 * dropped_edges) and merge the edges that now coincide; v->nodes must already
 * be the new array. */
void rg_view_remap(rg_view *v, const size_t *map);
/* Fold nodes with equal signatures into groups of at least min
 * (render_graph_shrink.c): principals by kind, place, markers and out-edges
 * (when nothing reaches them), then stores by class, place and in-edges, then
 * principals again. */
void rg_collapse(rg_view *v, size_t min);
/* Keep at most max nodes and max_edges edges: the focus, then whole stores
 * (the synthetic ones, in order; the others when none is synthetic) with
 * everything that reaches them, while each fits; when none fits, one store
 * and its direct neighbours. */
void rg_guard(rg_view *v, size_t max, size_t max_edges);

/* Where a node is drawn: inside its SaaS tenant's cluster, then its account's
 * (AWS account or Azure subscription); Azure principals of the home directory
 * without either in the directory's cluster; the rest outside every cluster. */
typedef struct rg_place {
	const char *tenant, *account;
	int directory;
} rg_place;
void rg_place_of(const gnode *n, rg_place *p);

/* The distinct can-act-as techniques of e, sorted, joined with ", " into sb
 * (at most max, then "..."; 0 for all). */
void rg_edge_techniques(const rg_edge *e, strbuf *sb, size_t max);

/* Append s to sb escaped for a plain DOT label or tooltip (see render_graph.h),
 * at most max_chars characters (then "..."; 0 for no limit). */
void rg_escape(strbuf *sb, const char *s, size_t max_chars);

/* --- styles (render_graph_style.c) --- */

typedef enum {
	RG_NC_SYNTHETIC, RG_NC_PRODUCTION, RG_NC_BOTH, RG_NC_RESOURCE, RG_NC_USER, RG_NC_GROUP, RG_NC_ROLE,
	RG_NC_SP, RG_NC_MI, RG_NC_ACCOUNT, RG_NC_SERVICE, RG_NC_EVERYONE, RG_NC_ADMIN, RG_NC_PRINCIPAL, RG_NC_COUNT
} rg_nclass;

typedef enum {
	RG_EC_ACCESS, RG_EC_MEMBER, RG_EC_ASSUME, RG_EC_PRIVESC, RG_EC_PUBLIC, RG_EC_CROSS, RG_EC_WILDCARD,
	RG_EC_COUNT
} rg_eclass;

/* Markers the legend explains when a drawing uses them. */
enum { RG_M_EXTERNAL = 1, RG_M_WILDCARD = 2, RG_M_COLLAPSED = 4, RG_M_FOCUS = 8, RG_M_CONDITIONAL = 16 };

#define RG_FILL_EXTERNAL "#fbd38d"
#define RG_COLOR_WILDCARD "#d53f8c"

typedef struct rg_nstyle {
	const char *shape, *fill, *font, *legend;
} rg_nstyle;

typedef struct rg_estyle {
	const char *color, *penwidth, *legend;
} rg_estyle;

int rg_is_type(const gnode *n, const char *type);
rg_nclass rg_class_of(const gnode *n);
/* Risk first: public, cross-tenant, privilege escalation, wildcard; else by kind. */
rg_eclass rg_edge_class_of(const rg_view *v, const rg_edge *e);
const rg_nstyle *rg_node_style(rg_nclass c);
const rg_estyle *rg_edge_style(rg_eclass c);
/* The legend cluster (a plain subgraph when flat): one sample per node class
 * and marker used (bits), and one table of the edge classes used. */
void rg_legend(Agraph_t *g, unsigned classes, unsigned edges, unsigned mods, int flat);

/* Set an attribute (declared or not) on a cgraph object. */
void rg_set(void *obj, const char *name, const char *value);

/* A new directed cgraph graph with render_graph's disciplines (ids in
 * creation order, agwrite's channel a strbuf *): render_graph_disc.c. */
Agraph_t *rg_agopen(const char *name);

/* What follows the last '/' of an id (or its last ':'), the part that names it. */
const char *rg_last_segment(const char *s);

/* The cgraph graph of a view (caller: agclose); title and note are plain
 * text, escaped here. flat: no clusters (the fallback when dot fails on them). */
Agraph_t *rg_agraph(const rg_view *v, const render_graph_opts *o, const char *title, const char *note, int flat);

#endif
