/* render_html_findings — the findings table: filters, sortable columns, each finding's evidence expandable. */
#include "render/render_html_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The categories present among unsuppressed findings, sorted and unique, for the filter. */
static void category_options(strbuf *sb, const finding_list *l)
{
	const char **cats;
	size_t i, n = 0;

	if (!l->count)
		return;
	if (!(cats = malloc(l->count * sizeof(*cats))))
		abort();
	for (i = 0; i < l->count; i++)
		if (!l->items[i].suppressed && l->items[i].category)
			cats[n++] = l->items[i].category;
	qsort(cats, n, sizeof(*cats), cmp_str);
	for (i = 0; i < n; i++) {
		if (i && !strcmp(cats[i], cats[i - 1]))
			continue;
		strbuf_addstr(sb, "<option value=\"");
		render_html_escape(sb, cats[i]);
		strbuf_addstr(sb, "\">");
		render_html_escape(sb, cats[i]);
		strbuf_addstr(sb, "</option>");
	}
	free(cats);
}

static void controls(strbuf *sb, const finding_list *l, size_t shown)
{
	int s;

	strbuf_addstr(sb, "<div class=\"filters\" id=\"finding-filters\">\n"
			  "<label>severity <select id=\"f-sev\"><option value=\"\">all</option>");
	for (s = SEV_CRITICAL; s >= SEV_LOW; s--)
		strbuf_addf(sb, "<option value=\"%s\">%s</option>", severity_name((severity)s),
			    severity_name((severity)s));
	strbuf_addstr(sb, "</select></label>\n<label>category <select id=\"f-cat\"><option value=\"\">all</option>");
	category_options(sb, l);
	strbuf_addstr(sb, "</select></label>\n<label>search <input type=\"search\" id=\"f-text\" "
			  "placeholder=\"principal, resource, rule, message\"></label>\n");
	strbuf_addf(sb, "<span id=\"f-count\" aria-live=\"polite\">%zu finding%s</span>\n"
			"<button type=\"button\" id=\"f-expand\">expand all evidence</button>\n</div>\n",
		    shown, shown == 1 ? "" : "s");
}

static void header(strbuf *sb)
{
	static const char *const cols[] = {
		"severity", "category", "rule", "principal", "resource", "message and evidence", "location",
		"controls", NULL
	};
	size_t i;

	strbuf_addstr(sb, "<div class=\"scroll-x\"><table class=\"findings sortable\" id=\"findings\">\n<thead><tr>");
	for (i = 0; cols[i]; i++)
		strbuf_addf(sb, "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" class=\"sort\">%s"
				"</button></th>", cols[i]);
	strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
}

static void strings(strbuf *sb, char *const *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, i ? ", <code>" : "<code>");
		render_html_escape(sb, s[i]);
		strbuf_addstr(sb, "</code>");
	}
}

static void evidence(strbuf *sb, const finding *f)
{
	size_t i;

	strbuf_addf(sb, "<details class=\"evidence\"><summary>evidence</summary>\n<dl>"
			"<dt>id</dt><dd><code>%s</code></dd>", f->id);
	if (f->n_actions) {
		strbuf_addstr(sb, "<dt>actions</dt><dd>");
		strings(sb, f->actions, f->n_actions);
		strbuf_addstr(sb, "</dd>");
	}
	if (f->n_path) {
		strbuf_addstr(sb, "<dt>path</dt><dd><ol class=\"path\">");
		for (i = 0; i < f->n_path && i < RH_MAX_PATH; i++) {
			strbuf_addstr(sb, "<li><code>");
			render_html_escape(sb, f->path[i].from);
			strbuf_addstr(sb, "</code> <span class=\"edge\">");
			render_html_escape(sb, f->path[i].edge);
			strbuf_addstr(sb, "</span> <code>");
			render_html_escape(sb, f->path[i].to);
			strbuf_addstr(sb, "</code></li>");
		}
		if (f->n_path > RH_MAX_PATH)
			strbuf_addf(sb, "<li>&hellip; %zu more steps (findings.json has all)</li>",
				    f->n_path - RH_MAX_PATH);
		strbuf_addstr(sb, "</ol></dd>");
	}
	if (f->remediation) {
		strbuf_addstr(sb, "<dt>remediation</dt><dd>");
		render_html_escape(sb, f->remediation);
		strbuf_addstr(sb, "</dd>");
	}
	strbuf_addstr(sb, "</dl></details>");
}

/* A finding's principal or resource: its display name first when the graph has the node (the sort
 * key, .k), then the id as the finding gives it. */
static void subject(strbuf *sb, const graph *g, const char *id)
{
	const gnode *n = id && g ? graph_find(g, id) : NULL;

	if (!id)
		return;
	strbuf_addstr(sb, "<span class=\"k\">");
	if (n && n->name && *n->name && strcmp(n->name, id)) {
		render_html_escape(sb, n->name);
		strbuf_addstr(sb, "</span> <code>");
		render_html_escape(sb, id);
		strbuf_addstr(sb, "</code>");
		return;
	}
	strbuf_addstr(sb, "<code>");
	render_html_escape(sb, id);
	strbuf_addstr(sb, "</code></span>");
}

static void row(strbuf *sb, const graph *g, const finding *f)
{
	const char *sev = severity_name(f->sev);
	size_t i;

	strbuf_addf(sb, "<tr id=\"finding-%s\" data-severity=\"%s\" data-category=\"", f->id, sev);
	render_html_escape(sb, f->category);
	strbuf_addf(sb, "\"><td data-v=\"%d\"><span class=\"sev sev-%s\">%s</span></td><td>", (int)f->sev, sev, sev);
	render_html_escape(sb, f->category);
	strbuf_addstr(sb, "</td><td><code class=\"rule\">");
	render_html_escape(sb, f->rule);
	strbuf_addstr(sb, "</code></td><td class=\"id\">");
	subject(sb, g, f->principal);
	strbuf_addstr(sb, "</td><td class=\"id\">");
	subject(sb, g, f->resource);
	strbuf_addstr(sb, "</td><td><span class=\"k\">");
	render_html_escape(sb, f->message);
	strbuf_addstr(sb, "</span>");
	evidence(sb, f);
	strbuf_addstr(sb, "</td><td class=\"loc\">");
	if (f->loc.file) {
		render_html_escape(sb, f->loc.file);
		strbuf_addf(sb, ":%u:%u", f->loc.line, f->loc.col);
	}
	strbuf_addstr(sb, "</td><td>");
	for (i = 0; f->controls && f->controls[i]; i++) {
		strbuf_addstr(sb, "<span class=\"ctl\">");
		render_html_escape(sb, f->controls[i]);
		strbuf_addstr(sb, "</span>");
	}
	strbuf_addstr(sb, "</td></tr>\n");
}

void render_html_findings(strbuf *sb, const report_ctx *c)
{
	const finding_list *l = &c->scan->findings;
	size_t i, total = 0, shown = 0;

	for (i = 0; i < l->count; i++)
		total += !l->items[i].suppressed;
	if (!total) {
		strbuf_addstr(sb, "<p id=\"no-findings\">No findings (suppressed ones are listed under "
				  "<a href=\"#evidence\">Evidence</a>).</p>\n");
		return;
	}
	controls(sb, l, total < RH_MAX_FINDINGS ? total : RH_MAX_FINDINGS);
	header(sb);
	/* Already sorted by severity, rule, principal, resource (finding_list_sort): the page's order. */
	for (i = 0; i < l->count && shown < RH_MAX_FINDINGS; i++)
		if (!l->items[i].suppressed) {
			row(sb, c->scan->g, &l->items[i]);
			shown++;
		}
	strbuf_addstr(sb, "</tbody></table></div>\n");
	if (shown < total)
		strbuf_addf(sb, "<p class=\"warn\" id=\"findings-capped\">This page shows the first %zu of %zu findings "
				"(highest severity first); <code>permgraph scan -f json</code> or the SARIF report lists "
				"all.</p>\n", shown, total);
}
