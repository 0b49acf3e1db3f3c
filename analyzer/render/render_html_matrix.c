/* render_html_matrix — the access matrix: principals x synthetic stores, access levels in the cells. */
#include "render/render_html_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Letters of the levels, in LEVEL_* bit order. */
static const char level_letters[] = "LRWPT";

/* The store's short label: its name, else the last segment of its id. */
static const char *short_label(const gnode *n)
{
	const char *id = gnode_display_id(n);
	size_t len = strlen(id);

	if (n->name && *n->name)
		return n->name;
	while (len > 1 && id[len - 1] == '/')
		len--;
	/* The segment after the last '/' or ':' before the end (a trailing slash kept). */
	while (len > 1 && id[len - 2] != '/' && id[len - 2] != ':')
		len--;
	return len > 1 ? id + len - 1 : id;
}

static void legend(strbuf *sb)
{
	strbuf_addstr(sb, "<p class=\"legend\">Cells: <b>L</b> list, <b>R</b> read, <b>W</b> write, <b>P</b> "
			  "permissions (can change who has access), <b>T</b> tagging; <b>?</b> conditional (allowed only "
			  "when the conditions listed under the store hold). Colour follows the highest level.</p>\n");
}

static void head(strbuf *sb, const gnode *const *stores, size_t cols)
{
	size_t k;

	strbuf_addstr(sb, "<div class=\"scroll\"><table class=\"matrix\" id=\"matrix\">\n<thead><tr>"
			  "<th scope=\"col\">principal</th><th scope=\"col\">type</th>");
	for (k = 0; k < cols; k++) {
		strbuf_addf(sb, "<th scope=\"col\" class=\"store-col\"><a href=\"#store-%zu\" title=\"", k);
		render_html_escape(sb, gnode_display_id(stores[k]));
		strbuf_addstr(sb, "\">");
		render_html_escape(sb, short_label(stores[k]));
		strbuf_addstr(sb, "</a></th>");
	}
	strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
}

static const char *level_class(unsigned levels)
{
	if (levels & LEVEL_PERMISSIONS)
		return "lv-p";
	if (levels & LEVEL_WRITE)
		return "lv-w";
	if (levels & LEVEL_READ)
		return "lv-r";
	return "lv-l";
}

static void cell(strbuf *sb, const access_entry *e)
{
	unsigned bit;
	size_t i;

	if (!e) {
		strbuf_addstr(sb, "<td></td>");
		return;
	}
	strbuf_addf(sb, "<td class=\"%s dec-%s\" title=\"", level_class(e->levels), decision_name(e->dec));
	render_html_levels(sb, e->levels);
	if (e->dec != DEC_ALLOW)
		strbuf_addf(sb, " (%s)", decision_name(e->dec));
	strbuf_addstr(sb, "\">");
	for (bit = LEVEL_LIST, i = 0; bit <= LEVEL_TAGGING; bit <<= 1, i++)
		if (e->levels & bit)
			strbuf_addch(sb, level_letters[i]);
	if (e->dec != DEC_ALLOW)
		strbuf_addch(sb, '?');
	strbuf_addstr(sb, "</td>");
}

void render_html_matrix(strbuf *sb, const report_ctx *c)
{
	const access_list *l = &c->scan->access;
	const gnode **stores;
	const access_entry **row = NULL;
	size_t n = render_html_synthetic_stores(c->scan->g, &stores), n_nodes, *col, i, j, k;
	size_t cols = n < RH_MAX_MATRIX_STORES ? n : RH_MAX_MATRIX_STORES, rows = 0, principals = 0;

	if (!n) {
		strbuf_addstr(sb, "<p>No synthetic stores, so no matrix.</p>\n");
		return;
	}
	graph_nodes(c->scan->g, &n_nodes);
	if (!(col = malloc(n_nodes * sizeof(*col))) || !(row = malloc(cols * sizeof(*row))))
		abort();
	for (i = 0; i < n_nodes; i++)
		col[i] = SIZE_MAX;
	for (k = 0; k < cols; k++)
		col[stores[k]->index] = k;
	legend(sb);
	head(sb, stores, cols);
	/* The access list is sorted by principal: each principal's entries are one run. */
	for (i = 0; i < l->count; i = j) {
		int shown = 0, synthetic = 0;
		for (j = i; j < l->count && l->items[j].principal == l->items[i].principal; j++)
			;
		memset(row, 0, cols * sizeof(*row));
		for (k = i; k < j; k++) {
			synthetic |= (l->items[k].resource->classification & CLASS_SYNTHETIC) != 0;
			if (col[l->items[k].resource->index] != SIZE_MAX) {
				row[col[l->items[k].resource->index]] = &l->items[k];
				shown = 1;
			}
		}
		principals += synthetic;
		/* A principal that reaches only stores past the column cap has no cell to show. */
		if (!shown || rows >= RH_MAX_MATRIX_PRINCIPALS)
			continue;
		rows++;
		strbuf_addstr(sb, "<tr><th scope=\"row\">");
		render_html_node(sb, l->items[i].principal);
		strbuf_addstr(sb, "</th><td class=\"ptype\">");
		render_html_escape(sb, l->items[i].principal->type);
		strbuf_addstr(sb, "</td>");
		for (k = 0; k < cols; k++)
			cell(sb, row[k]);
		strbuf_addstr(sb, "</tr>\n");
	}
	strbuf_addstr(sb, "</tbody></table></div>\n");
	if (!principals)
		strbuf_addstr(sb, "<p>No principal reaches a synthetic store.</p>\n");
	if (rows < principals || cols < n)
		strbuf_addf(sb, "<p class=\"warn\" id=\"matrix-capped\">The matrix is capped at %d principals and %d "
				"stores: it shows %zu of %zu principals and %zu of %zu synthetic stores (each sorted by id). "
				"access.csv or <code>permgraph scan -f json</code> lists every entry.</p>\n",
			    RH_MAX_MATRIX_PRINCIPALS, RH_MAX_MATRIX_STORES, rows, principals, cols, n);
	free(row);
	free(col);
	free(stores);
}
