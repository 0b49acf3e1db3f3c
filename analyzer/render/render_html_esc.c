/* render_html_esc — escaping for HTML text, attributes and script-embedded JSON; node and path helpers. */
#include "render/render_html_internal.h"

#include <stdlib.h>
#include <string.h>

void render_html_escape(strbuf *sb, const char *s)
{
	const char *run;

	if (!s)
		return;
	for (run = s; *s; s++) {
		const char *ent;
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default:
			/* C0 controls are parse errors in HTML; show them as the replacement character. */
			if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
				ent = "\xEF\xBF\xBD";
			else if (ch == 0x7f)
				ent = "\xEF\xBF\xBD";
			else
				continue;
		}
		strbuf_add(sb, run, (size_t)(s - run));
		strbuf_addstr(sb, ent);
		run = s + 1;
	}
	strbuf_add(sb, run, (size_t)(s - run));
}

void render_html_script_json(strbuf *sb, const char *json)
{
	const char *s = json, *run = json;

	/* In JSON text these bytes occur only inside strings, where \uXXXX means the same character;
	 * escaped, "</script>" and "<!--" cannot end or change the script element. */
	for (; *s; s++) {
		const char *rep = NULL;
		size_t skip = 1;
		switch ((unsigned char)*s) {
		case '<': rep = "\\u003c"; break;
		case '>': rep = "\\u003e"; break;
		case '&': rep = "\\u0026"; break;
		case 0xE2:
			/* U+2028 and U+2029 end a line in old JavaScript parsers. */
			if ((unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9)) {
				rep = (unsigned char)s[2] == 0xA8 ? "\\u2028" : "\\u2029";
				skip = 3;
			}
			break;
		default:
			break;
		}
		if (!rep)
			continue;
		strbuf_add(sb, run, (size_t)(s - run));
		strbuf_addstr(sb, rep);
		s += skip - 1;
		run = s + 1;
	}
	strbuf_add(sb, run, (size_t)(s - run));
}

static int by_display_id(const void *a, const void *b)
{
	const gnode *x = *(const gnode *const *)a, *y = *(const gnode *const *)b;
	int d = strcmp(gnode_display_id(x), gnode_display_id(y));

	return d ? d : (x->index > y->index) - (x->index < y->index);
}

size_t render_html_synthetic_stores(const graph *g, const gnode ***out)
{
	gnode *const *nodes;
	const gnode **v = NULL;
	size_t n, i, count = 0;

	*out = NULL;
	if (!g)
		return 0;
	nodes = graph_nodes(g, &n);
	for (i = 0; i < n; i++)
		if (nodes[i]->kind == GN_RESOURCE && (nodes[i]->classification & CLASS_SYNTHETIC))
			count++;
	if (!count)
		return 0;
	if (!(v = malloc(count * sizeof(*v))))
		abort();
	count = 0;
	for (i = 0; i < n; i++)
		if (nodes[i]->kind == GN_RESOURCE && (nodes[i]->classification & CLASS_SYNTHETIC))
			v[count++] = nodes[i];
	qsort(v, count, sizeof(*v), by_display_id);
	*out = v;
	return count;
}

void render_html_node(strbuf *sb, const gnode *n)
{
	const char *id = gnode_display_id(n);

	if (n->name && *n->name && strcmp(n->name, id)) {
		render_html_escape(sb, n->name);
		strbuf_addstr(sb, " <code>");
		render_html_escape(sb, id);
		strbuf_addstr(sb, "</code>");
	} else {
		strbuf_addstr(sb, "<code>");
		render_html_escape(sb, id);
		strbuf_addstr(sb, "</code>");
	}
}

void render_html_levels(strbuf *sb, unsigned levels)
{
	unsigned bit;
	int first = 1;

	for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (levels & bit) {
			strbuf_addstr(sb, first ? "" : ", ");
			strbuf_addstr(sb, graph_level_name(bit));
			first = 0;
		}
}

void render_html_via(strbuf *sb, const access_entry *e)
{
	size_t i;

	for (i = 0; i < e->n_via; i++) {
		if (i)
			strbuf_addstr(sb, " &rarr; ");
		render_html_escape(sb, e->via[i]->name ? e->via[i]->name : gnode_display_id(e->via[i]));
	}
}
