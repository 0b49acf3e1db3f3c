/*
 * render_graph — the permission graph drawn with Graphviz (cgraph + gvc, in
 * process): DOT, SVG or PNG, for `permgraph graph` and the HTML report.
 *
 * Views:
 *   - whole graph (no focus): every node and edge of the scan's graph, one
 *     cluster per SaaS tenant (holding one per account inside), AWS account,
 *     Azure subscription, and the Entra ID directory for Azure principals;
 *   - focus on a resource: every path that reaches it, upstream — the
 *     principals with an access edge to it and whatever reaches those over
 *     member-of, can-assume and can-act-as;
 *   - focus on a principal: everything it can become (downstream over the
 *     same edges) and every store those principals have access to.
 *
 * Visual language (a legend lists the classes a drawing uses): stores are
 * cylinders filled by classification (synthetic, production, both), other
 * resources grey boxes; principals have one shape per kind, filled orange
 * when external, with a red border when a wildcard finding names them;
 * edges: access (labelled with its levels; dashed when conditional),
 * member-of, can-assume, can-act-as (privilege escalation, labelled with its
 * techniques), and risky edges coloured: public (from "*"), cross-tenant (from
 * an external node or another SaaS tenant), wildcard.
 *
 * Readability: principals with the same out-edges (target, kind, levels,
 * techniques), the same kind, place and markers, and no in-edges in the view
 * collapse into one "N <kind>s" node whose tooltip lists the first few; so do
 * stores of one class and place reached by the same edges ("N stores").
 * Above max_nodes or max_edges, the size guard keeps whole synthetic stores
 * (other stores when none is synthetic), in order, each with every principal
 * and path that reaches it, while they fit: a store is never drawn with only
 * part of who reaches it, unless not even one fits (then one store and its
 * direct edges). The graph's label and render_graph_info say what was
 * collapsed or dropped. SVG and PNG: when dot fails on the clusters (it does
 * on some graphs: "trouble in init_rank"), the graph is drawn again without
 * them and the note says so.
 *
 * Every string from the inputs is escaped for DOT (backslashes, so "\N" shows
 * as written; control characters shown as \n, \xNN; invalid UTF-8 as '?'; '&'
 * so entities do not expand); node names are generated ("n12"), never ids,
 * so nothing from the inputs reaches a DOT id or an SVG comment. Output is
 * deterministic: nodes, clusters and edges are created in sorted order and
 * named in that order, and "dot" output is cgraph's agwrite of the graph
 * before layout (no coordinates, no version stamp).
 *
 * Ownership: borrows the scan result; the buffers it returns are the
 * caller's (free()).
 */
#ifndef PG_RENDER_GRAPH_H
#define PG_RENDER_GRAPH_H

#include <stddef.h>
#include <stdio.h>
#include "checks/scan.h"

/* What a drawing left out (filled when render_graph_opts.info is set). */
typedef struct render_graph_info {
	size_t nodes, edges;            /* drawn (without the legend) */
	size_t collapsed_principals;    /* principals and ... */
	size_t collapsed_resources;     /* ... stores folded into ... */
	size_t collapsed_nodes;         /* ... this many "N principals" / "N stores" nodes */
	size_t dropped_nodes, dropped_edges;    /* by the size guard */
	char note[512];                 /* one line saying the above, "" when nothing was left out */
} render_graph_info;

typedef struct render_graph_opts {
	/* NULL: the whole graph; else a resource or principal id as
	 * render_graph_find accepts it. */
	const char *focus;
	/* The size guard: most nodes and edges after collapsing (0: 300 nodes,
	 * 600 edges; SIZE_MAX: no limit). Graphviz's dot needs minutes, and
	 * sometimes fails, on a few hundred clustered nodes with thousands of
	 * edges; such a drawing is not readable anyway. */
	size_t max_nodes, max_edges;
	/* Smallest group of equivalent principals that collapses (0: 3; SIZE_MAX: never). */
	size_t collapse_min;
	/* SVG: the graph's "id", which Graphviz also prefixes to the ids it makes
	 * (node1, edge1, ...), so several SVGs can share one HTML page. Letters,
	 * digits, '-' and '_' only; NULL for none. */
	const char *id_prefix;
	int no_legend;                  /* leave the legend out (e.g. one legend per page) */
	render_graph_info *info;        /* optional: what was collapsed or dropped */
} render_graph_opts;

#define RENDER_GRAPH_MAX_NODES 300
#define RENDER_GRAPH_MAX_EDGES 600
#define RENDER_GRAPH_COLLAPSE_MIN 3

/* The node named by id: a node id as the graph keys it, an id as written
 * (Azure ids and object ids in any case, with or without a trailing slash),
 * or a display name when exactly one node has it. NULL when none. */
const gnode *render_graph_find(const graph *g, const char *id);
/* The display id closest to a misspelt id (did you mean), or NULL. */
const char *render_graph_suggest(const graph *g, const char *id);

/* Render r's graph in format "dot", "svg" or "png" into a new buffer
 * (*out, *len; NUL-terminated for text formats). 0; PG_ENOTFOUND when
 * o->focus names no node; PG_EUSAGE for an unknown format or a bad
 * id_prefix; PG_EINTERNAL when Graphviz fails. o may be NULL (defaults). */
int render_graph_buffer(const scan_result *r, const render_graph_opts *o, const char *format, char **out,
			size_t *len);
/* The same, written to f. */
int render_graph_file(FILE *f, const scan_result *r, const render_graph_opts *o, const char *format);

#endif
