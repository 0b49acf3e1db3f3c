/* render_graph — focus lookup, the drawing's title and note, and DOT (agwrite) or SVG/PNG (gvc) output. */
#include "render/render_graph_internal.h"
#include "base/suggest.h"
#include "base/strci.h"
#include "base/xalloc.h"

#include <graphviz/gvc.h>
#include <stdlib.h>
#include <string.h>

/* Azure keys are ASCII-lowercase without a trailing slash (model/azure.h). */
static char *azure_key(const char *id)
{
	char *k = xstrdup(id);
	size_t n = strlen(k), i;

	for (i = 0; i < n; i++)
		k[i] = (char)strci_lower((unsigned char)k[i]);
	while (n > 1 && k[n - 1] == '/')
		k[--n] = '\0';
	return k;
}

const gnode *render_graph_find(const graph *g, const char *id)
{
	gnode *const *nodes;
	const gnode *hit = NULL;
	size_t n, i, count = 0;
	gnode *x;

	if (!g || !id || !*id)
		return NULL;
	if ((x = graph_find(g, id)))
		return x;
	/* ARNs are case-sensitive; Azure ids and object ids are not */
	if (strci_prefix_cmp(id, "arn:", 4)) {
		char *k = azure_key(id);
		x = graph_find(g, k);
		free(k);
		if (x)
			return x;
	}
	nodes = graph_nodes(g, &n);
	for (i = 0; i < n; i++)
		if (nodes[i]->name && !strcmp(nodes[i]->name, id)) {
			hit = nodes[i];
			count++;
		}
	return count == 1 ? hit : NULL;
}

const char *render_graph_suggest(const graph *g, const char *id)
{
	gnode *const *nodes;
	const char **cands, *near;
	size_t n, i, k = 0;

	if (!g || !id)
		return NULL;
	nodes = graph_nodes(g, &n);
	cands = xmalloc((2 * n + 1) * sizeof(*cands));
	for (i = 0; i < n; i++)
		cands[k++] = gnode_display_id(nodes[i]);
	for (i = 0; i < n; i++)
		if (nodes[i]->name)
			cands[k++] = nodes[i]->name;
	cands[k] = NULL;
	near = suggest_closest(id, cands, 3 + strlen(id) / 10);
	/* long ids (Azure) are never "close": a node whose last segment matches is */
	for (i = 0; !near && i < n; i++)
		if (!strci_cmp(rg_last_segment(gnode_display_id(nodes[i])), rg_last_segment(id)))
			near = gnode_display_id(nodes[i]);
	free(cands);
	return near;
}

static int valid_prefix(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return 0;
	return 1;
}

static void describe(const rg_view *v, size_t max_nodes, size_t max_edges, render_graph_info *info)
{
	strbuf sb = STRBUF_INIT;

	if (v->collapsed_nodes) {
		strbuf_addstr(&sb, "collapsed ");
		if (v->collapsed_principals)
			strbuf_addf(&sb, "%zu principals", v->collapsed_principals);
		if (v->collapsed_resources)
			strbuf_addf(&sb, "%s%zu stores", v->collapsed_principals ? " and " : "", v->collapsed_resources);
		strbuf_addf(&sb, " with identical access into %zu nodes", v->collapsed_nodes);
	}
	if (v->dropped_nodes) {
		strbuf_addf(&sb, "%sabove %zu nodes or %zu edges, dropped %zu nodes and %zu edges", sb.len ? "; " : "",
			    max_nodes, max_edges, v->dropped_nodes, v->dropped_edges);
		if (v->synthetic_stores)
			strbuf_addf(&sb, ", drew %zu of %zu synthetic stores with every path to them", v->guard_stores,
				    v->synthetic_stores);
		if (v->mode == RG_WHOLE)
			strbuf_addstr(&sb, " (--focus draws one store or principal)");
	}
	memset(info, 0, sizeof(*info));
	info->nodes = v->n_nodes;
	info->edges = v->n_edges;
	info->collapsed_principals = v->collapsed_principals;
	info->collapsed_resources = v->collapsed_resources;
	info->collapsed_nodes = v->collapsed_nodes;
	info->dropped_nodes = v->dropped_nodes;
	info->dropped_edges = v->dropped_edges;
	snprintf(info->note, sizeof(info->note), "%s", sb.buf);
	strbuf_release(&sb);
}

/*
 * One Graphviz context for the process, made on first use and never freed:
 * Graphviz 2.43's pango plugin keeps a static pointer to the last font name,
 * which lives in a context, so a second context compares against freed memory
 * (AddressSanitizer: heap-use-after-free in textspan_size). One context is
 * also faster when the HTML report draws one graph per store. Not thread-safe,
 * like the rest of Graphviz.
 */
static GVC_t *context(void)
{
	static GVC_t *gvc;

	if (!gvc)
		gvc = gvContext();
	return gvc;
}

static int gv_failed;

/* Graphviz's messages (warnings, and errors such as "trouble in init_rank"
 * with a dump of its internal nodes) are not for permgraph's users: note that
 * one came, drop the text. */
static int gv_message(char *text)
{
	(void)text;
	gv_failed = 1;
	return 0;
}

/* Layout with dot and render in format into a malloc'd copy of Graphviz's
 * buffer. PG_EINPUT when the layout failed: dot 2.43 reports some cluster
 * layouts as an error and goes on with broken data, which gvFreeLayout then
 * frees wrongly, so the layout is left to agclose (Graphviz leaks it). */
static int gv_render(Agraph_t *ag, const char *format, char **out, size_t *len)
{
	GVC_t *gvc = context();
	agusererrf previous = agseterrf(gv_message);
	char *data = NULL;
	unsigned int n = 0;
	int err = 0;

	gv_failed = 0;
	agreseterrors();
	if (!gvc) {
		err = PG_EINTERNAL;
	} else if (gvLayout(gvc, ag, "dot") != 0 || agerrors() >= AGERR) {
		err = PG_EINPUT;
	} else {
		if (gvRenderData(gvc, ag, format, &data, &n) != 0 || !data) {
			err = PG_EINTERNAL;
		} else {
			*out = xmalloc((size_t)n + 1);
			memcpy(*out, data, n);
			(*out)[n] = '\0';
			*len = n;
		}
		gvFreeRenderData(data);
		gvFreeLayout(gvc, ag);
	}
	agseterrf(previous);
	return err;
}

static char *title_of(const rg_view *v)
{
	strbuf sb = STRBUF_INIT;

	if (v->mode == RG_WHOLE)
		strbuf_addstr(&sb, "permgraph: the permission graph");
	else
		strbuf_addf(&sb, "permgraph: %s '%s'%s", v->mode == RG_UPSTREAM ? "who can reach" : "what",
			    gnode_display_id(v->focus), v->mode == RG_UPSTREAM ? "" : " can reach");
	return strbuf_detach(&sb, NULL);
}

int render_graph_buffer(const scan_result *r, const render_graph_opts *o, const char *format, char **out,
			size_t *len)
{
	static const render_graph_opts defaults;
	const gnode *focus = NULL;
	render_graph_info info;
	size_t max_nodes, max_edges;
	char *title;
	rg_view v;
	Agraph_t *ag;
	int err = 0;

	*out = NULL;
	*len = 0;
	if (!o)
		o = &defaults;
	if (!format || (strcmp(format, "dot") && strcmp(format, "svg") && strcmp(format, "png")))
		return PG_EUSAGE;
	if (o->id_prefix && !valid_prefix(o->id_prefix))
		return PG_EUSAGE;
	if (o->focus && !(focus = render_graph_find(r->g, o->focus)))
		return PG_ENOTFOUND;
	max_nodes = o->max_nodes ? o->max_nodes : RENDER_GRAPH_MAX_NODES;
	max_edges = o->max_edges ? o->max_edges : RENDER_GRAPH_MAX_EDGES;
	rg_view_build(&v, r, focus, o->collapse_min ? o->collapse_min : RENDER_GRAPH_COLLAPSE_MIN, max_nodes,
		      max_edges);
	title = title_of(&v);
	describe(&v, max_nodes, max_edges, &info);
	ag = rg_agraph(&v, o, title, info.note, 0);
	if (!strcmp(format, "dot")) {
		strbuf sb = STRBUF_INIT;
		if (agwrite(ag, &sb) != 0)
			err = PG_EINTERNAL;
		*out = strbuf_detach(&sb, len);
	} else if ((err = gv_render(ag, format, out, len)) == PG_EINPUT) {
		/* dot lays out any graph without clusters: draw it again without them, and say so */
		size_t at = strlen(info.note);
		snprintf(info.note + at, sizeof(info.note) - at, "%sGraphviz could not lay out the clusters: drawn "
			 "without them", at ? "; " : "");
		agclose(ag);
		ag = rg_agraph(&v, o, title, info.note, 1);
		if ((err = gv_render(ag, format, out, len)) == PG_EINPUT)
			err = PG_EINTERNAL;
	}
	agclose(ag);
	rg_view_release(&v);
	free(title);
	if (o->info)
		*o->info = info;
	if (err < 0) {
		free(*out);
		*out = NULL;
		*len = 0;
	}
	return err;
}

int render_graph_file(FILE *f, const scan_result *r, const render_graph_opts *o, const char *format)
{
	char *buf;
	size_t len;
	int err = render_graph_buffer(r, o, format, &buf, &len);

	if (err < 0)
		return err;
	if (fwrite(buf, 1, len, f) != len)
		err = PG_EINTERNAL;
	free(buf);
	return err;
}
