/* render_html_stores — one section per synthetic store: where it is, its graph (inline SVG) and who reaches it. */
#include "render/render_html_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_graph.h"

/* The access entries of each store, grouped: entries[first[k] .. first[k+1]) are store k's, in the
 * access list's order (by principal). */
typedef struct store_index {
	const access_entry **entries;
	size_t *first;
} store_index;

/* Node index -> store position, SIZE_MAX for nodes that are not among the stores. */
static size_t *positions(const graph *g, const gnode **stores, size_t n_stores)
{
	size_t n_nodes, i, *pos;

	graph_nodes(g, &n_nodes);
	if (!(pos = malloc((n_nodes ? n_nodes : 1) * sizeof(*pos))))
		abort();
	for (i = 0; i < n_nodes; i++)
		pos[i] = SIZE_MAX;
	for (i = 0; i < n_stores; i++)
		pos[stores[i]->index] = i;
	return pos;
}

static void store_index_build(store_index *x, const report_ctx *c, const gnode **stores, size_t n_stores)
{
	const access_list *l = &c->scan->access;
	size_t *pos = positions(c->scan->g, stores, n_stores), *fill, i;

	if (!(x->first = calloc(n_stores + 1, sizeof(*x->first))) || !(fill = calloc(n_stores + 1, sizeof(*fill))) ||
	    !(x->entries = malloc((l->count ? l->count : 1) * sizeof(*x->entries))))
		abort();
	for (i = 0; i < l->count; i++)
		if (pos[l->items[i].resource->index] != SIZE_MAX)
			x->first[pos[l->items[i].resource->index] + 1]++;
	for (i = 0; i < n_stores; i++)
		x->first[i + 1] += x->first[i];
	for (i = 0; i < l->count; i++) {
		size_t k = pos[l->items[i].resource->index];
		if (k != SIZE_MAX)
			x->entries[x->first[k] + fill[k]++] = &l->items[i];
	}
	free(fill);
	free(pos);
}

static void store_index_release(store_index *x)
{
	free(x->entries);
	free(x->first);
}

/* Graphviz SVG made fit to inline in HTML: from "<svg" on (no XML declaration, DOCTYPE or
 * version comment), without comments. 0, or -1 when it is not an SVG we are willing to inline. */
static int inline_svg(strbuf *sb, const char *svg)
{
	const char *s = strstr(svg, "<svg"), *end, *cm;

	if (!s || strstr(s, "<script") || strstr(s, "javascript:") || strstr(s, "<foreignObject"))
		return -1;
	while ((cm = strstr(s, "<!--"))) {
		strbuf_add(sb, s, (size_t)(cm - s));
		if (!(end = strstr(cm + 4, "-->")))
			return -1;      /* an unclosed comment: not Graphviz's output */
		s = end + 3;
	}
	strbuf_addstr(sb, s);
	return 0;
}

/* The store's graph as SVG, upstream (every principal that reaches it); ids prefixed "storeK" so
 * several SVGs share the page. 0, or a negative PG_E* error. */
static int store_svg(const report_ctx *c, const gnode *store, size_t k, char **svg, render_graph_info *info)
{
	render_graph_opts o;
	char prefix[32];
	size_t len = 0;

	memset(&o, 0, sizeof(o));
	snprintf(prefix, sizeof(prefix), "store%zu", k);
	o.focus = store->id;
	o.id_prefix = prefix;
	o.no_legend = k > 0;    /* one legend per page, in the first store's graph */
	o.info = info;
	return render_graph_buffer(c->scan, &o, "svg", svg, &len);
}

static void store_graph(strbuf *sb, const report_ctx *c, const gnode *store, size_t k)
{
	render_graph_info info;
	char *svg = NULL;
	size_t mark = sb->len;
	int err;

	memset(&info, 0, sizeof(info));
	strbuf_addstr(sb, "<figure class=\"graph\">\n");
	err = store_svg(c, store, k, &svg, &info);
	/* Without its graph the store's section still stands: say so and carry on. */
	if (err < 0 || !svg || inline_svg(sb, svg) < 0) {
		sb->len = mark;
		sb->buf[mark] = '\0';
		strbuf_addstr(sb, "<p class=\"warn\">The graph of this store could not be drawn; "
				  "<code>permgraph graph --focus</code> draws it.</p>\n");
		free(svg);
		return;
	}
	free(svg);
	if (info.note[0] || k > 0) {
		strbuf_addstr(sb, "<figcaption>");
		render_html_escape(sb, info.note);
		if (k > 0)
			strbuf_addf(sb, "%sThe legend is in the <a href=\"#store-0\">first store's graph</a>.",
				    info.note[0] ? " &middot; " : "");
		strbuf_addstr(sb, "</figcaption>\n");
	}
	strbuf_addstr(sb, "</figure>\n");
}

static void who_table(strbuf *sb, const access_entry *const *e, size_t n)
{
	size_t i, j;

	strbuf_addf(sb, "<details class=\"who\"%s><summary>who reaches it (%zu)</summary>\n", n <= 20 ? " open" : "", n);
	strbuf_addstr(sb, "<table class=\"plain\"><thead><tr><th>principal</th><th>type</th><th>decision</th>"
			  "<th>levels</th><th>via</th><th>conditions</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n && i < RH_MAX_STORE_ROWS; i++) {
		strbuf_addstr(sb, "<tr><td>");
		render_html_node(sb, e[i]->principal);
		strbuf_addstr(sb, "</td><td>");
		render_html_escape(sb, e[i]->principal->type);
		strbuf_addf(sb, "</td><td class=\"dec-%s\">%s</td><td>", decision_name(e[i]->dec),
			    decision_name(e[i]->dec));
		render_html_levels(sb, e[i]->levels);
		strbuf_addstr(sb, "</td><td>");
		if (e[i]->n_via > 1)
			render_html_via(sb, e[i]);
		else
			strbuf_addstr(sb, "direct");
		strbuf_addstr(sb, "</td><td>");
		for (j = 0; j < e[i]->n_conditions; j++) {
			strbuf_addstr(sb, j ? "<br><code>" : "<code>");
			render_html_escape(sb, e[i]->conditions[j]);
			strbuf_addstr(sb, "</code>");
		}
		strbuf_addstr(sb, "</td></tr>\n");
	}
	strbuf_addstr(sb, "</tbody></table>\n");
	if (n > RH_MAX_STORE_ROWS)
		strbuf_addf(sb, "<p class=\"warn\">The first %d of %zu principals; access.csv or "
				"<code>permgraph scan -f json</code> lists all.</p>\n", RH_MAX_STORE_ROWS, n);
	strbuf_addstr(sb, "</details>\n");
}

static void fact(strbuf *sb, const char *what, const char *value)
{
	if (!value)
		return;
	strbuf_addf(sb, "<dt>%s</dt><dd>", what);
	render_html_escape(sb, value);
	strbuf_addstr(sb, "</dd>");
}

static void store_section(strbuf *sb, const report_ctx *c, const gnode *store, size_t k,
			  const access_entry *const *e, size_t n)
{
	unsigned writers = 0, admins = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		writers += (e[i]->levels & LEVEL_WRITE) != 0;
		admins += (e[i]->levels & LEVEL_PERMISSIONS) != 0;
	}
	strbuf_addf(sb, "<article class=\"store\" id=\"store-%zu\">\n<h3>", k);
	render_html_node(sb, store);
	strbuf_addstr(sb, "</h3>\n<dl class=\"facts\">");
	fact(sb, "type", store->type);
	fact(sb, "cloud", store->cloud);
	fact(sb, "account", store->account);
	fact(sb, "tenant", store->tenant);
	if (store->classification & CLASS_PRODUCTION)
		fact(sb, "also classified", "production");
	strbuf_addf(sb, "</dl>\n<p class=\"reach\"><strong>%zu</strong> principal%s reach%s it: %u can write, "
			"%u can change its permissions.</p>\n", n, n == 1 ? "" : "s", n == 1 ? "es" : "", writers, admins);
	store_graph(sb, c, store, k);
	if (n)
		who_table(sb, e, n);
	strbuf_addstr(sb, "</article>\n");
}

void render_html_stores(strbuf *sb, const report_ctx *c)
{
	const gnode **stores;
	size_t n = render_html_synthetic_stores(c->scan->g, &stores), k;
	store_index x;

	if (!n) {
		strbuf_addstr(sb, "<p id=\"no-stores\">No synthetic stores: nothing in the inputs is classified "
				  "synthetic (see the classification rules under <a href=\"#evidence\">Evidence</a>).</p>\n");
		return;
	}
	store_index_build(&x, c, stores, n);
	strbuf_addf(sb, "<p>%zu synthetic store%s, each with every principal that reaches it (drawn upstream: "
			"memberships, role assumptions and privilege escalations that lead to it).</p>\n",
		    n, n == 1 ? "" : "s");
	if (n > RH_MAX_STORES)
		strbuf_addf(sb, "<p class=\"warn\" id=\"stores-capped\">This page shows the first %d of %zu synthetic "
				"stores (sorted by id); <code>permgraph graph --focus STORE</code> draws any other.</p>\n",
			    RH_MAX_STORES, n);
	for (k = 0; k < n && k < RH_MAX_STORES; k++)
		store_section(sb, c, stores[k], k, x.entries + x.first[k], x.first[k + 1] - x.first[k]);
	store_index_release(&x);
	free(stores);
}
