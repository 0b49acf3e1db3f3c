/* render_html_summary — the report's summary and evidence sections, and the evidence as JSON. */
#include "render/render_html_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* DESIGN "Output": the finding categories, in the order the summary lists them. */
static const char *const categories[] = {
	"wildcard", "cross-tenant", "public-access", "privilege-escalation", "synthetic-exposure",
	"segregation", "shared-key", "provenance", "guardrail", "invalid-policy", NULL
};
#define N_CATEGORIES (sizeof(categories) / sizeof(categories[0]) - 1)

static size_t category_index(const char *cat)
{
	size_t i;

	for (i = 0; categories[i]; i++)
		if (cat && !strcmp(categories[i], cat))
			return i;
	return N_CATEGORIES;    /* "other": a category DESIGN does not name */
}

static size_t suppressed_count(const finding_list *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->count; i++)
		n += l->items[i].suppressed != 0;
	return n;
}

static void card(strbuf *sb, const char *cls, size_t n, const char *what)
{
	strbuf_addf(sb, "<div class=\"card %s\"><span class=\"n\">%zu</span> %s</div>\n", cls, n, what);
}

static void by_category(strbuf *sb, const finding_list *l)
{
	size_t counts[N_CATEGORIES + 1][SEV_CRITICAL + 1], i;
	int s;

	memset(counts, 0, sizeof(counts));
	for (i = 0; i < l->count; i++)
		if (!l->items[i].suppressed && l->items[i].sev <= SEV_CRITICAL)
			counts[category_index(l->items[i].category)][l->items[i].sev]++;
	strbuf_addstr(sb, "<table class=\"counts\" id=\"by-category\"><thead><tr><th scope=\"col\">category</th>");
	for (s = SEV_CRITICAL; s >= SEV_LOW; s--)
		strbuf_addf(sb, "<th scope=\"col\">%s</th>", severity_name((severity)s));
	strbuf_addstr(sb, "<th scope=\"col\">total</th></tr></thead>\n<tbody>\n");
	for (i = 0; i <= N_CATEGORIES; i++) {
		size_t total = 0;
		for (s = SEV_NONE; s <= SEV_CRITICAL; s++)
			total += counts[i][s];
		if (i == N_CATEGORIES && !total)
			break;
		strbuf_addf(sb, "<tr%s><th scope=\"row\">%s</th>", total ? "" : " class=\"zero\"",
			    i < N_CATEGORIES ? categories[i] : "other");
		for (s = SEV_CRITICAL; s >= SEV_LOW; s--)
			strbuf_addf(sb, "<td>%zu</td>", counts[i][s]);
		strbuf_addf(sb, "<td>%zu</td></tr>\n", total);
	}
	strbuf_addstr(sb, "</tbody></table>\n");
}

void render_html_summary(strbuf *sb, const report_ctx *c)
{
	const scan_result *r = c->scan;
	size_t counts[SEV_CRITICAL + 1], i, suppressed = suppressed_count(&r->findings);

	finding_list_counts(&r->findings, counts);
	strbuf_addstr(sb, "<div class=\"cards\">\n");
	card(sb, "c-critical", counts[SEV_CRITICAL], "critical");
	card(sb, "c-high", counts[SEV_HIGH], "high");
	card(sb, "c-medium", counts[SEV_MEDIUM], "medium");
	card(sb, "c-low", counts[SEV_LOW], "low");
	card(sb, "count", r->principals, "principals");
	card(sb, "count", r->resources, "resources");
	card(sb, "count synthetic", r->synthetic_resources, "synthetic stores");
	strbuf_addstr(sb, "</div>\n<h3>Findings by category</h3>\n");
	by_category(sb, &r->findings);
	if (suppressed)
		strbuf_addf(sb, "<p class=\"note\">%zu finding%s suppressed by the config (accepted risks) %s not "
				"counted; they are listed under <a href=\"#evidence\">Evidence</a>.</p>\n",
			    suppressed, suppressed == 1 ? "" : "s", suppressed == 1 ? "is" : "are");
	strbuf_addstr(sb, "<h3>Coverage</h3>\n<p>Checked:</p>\n<ul class=\"inline\" id=\"checks-run\">");
	for (i = 0; scan_checks_run[i]; i++) {
		strbuf_addstr(sb, "<li>");
		render_html_escape(sb, scan_checks_run[i]);
		strbuf_addstr(sb, "</li>");
	}
	strbuf_addstr(sb, "</ul>\n<p class=\"warn\">Not checked yet (no finding in these does not mean none "
			  "exist):</p>\n<ul class=\"inline\" id=\"checks-missing\">");
	for (i = 0; scan_checks_missing[i]; i++) {
		strbuf_addstr(sb, "<li>");
		render_html_escape(sb, scan_checks_missing[i]);
		strbuf_addstr(sb, "</li>");
	}
	strbuf_addstr(sb, "</ul>\n");
}

static void config_rules(strbuf *sb, const char *what, const config_rule *rules, size_t n, int by_default)
{
	char buf[512];
	size_t i;

	strbuf_addf(sb, "<dt>%s</dt><dd>%s<ul>", what, by_default ? "built-in defaults" : "from the config file");
	for (i = 0; i < n; i++) {
		config_rule_describe(&rules[i], buf, sizeof(buf));
		strbuf_addstr(sb, "<li><code>");
		render_html_escape(sb, buf);
		strbuf_addstr(sb, "</code></li>");
	}
	strbuf_addstr(sb, "</ul></dd>\n");
}

static void suppressed_table(strbuf *sb, const finding_list *l)
{
	size_t i;

	if (!suppressed_count(l))
		return;
	strbuf_addstr(sb, "<h3>Suppressed findings (accepted risks)</h3>\n<table class=\"plain\" id=\"suppressed\">"
			  "<thead><tr><th>id</th><th>severity</th><th>rule</th><th>principal</th><th>resource</th>"
			  "</tr></thead>\n<tbody>\n");
	for (i = 0; i < l->count; i++) {
		const finding *f = &l->items[i];
		if (!f->suppressed)
			continue;
		strbuf_addf(sb, "<tr><td><code>%s</code></td><td>%s</td><td>", f->id, severity_name(f->sev));
		render_html_escape(sb, f->rule);
		strbuf_addstr(sb, "</td><td>");
		render_html_escape(sb, f->principal);
		strbuf_addstr(sb, "</td><td>");
		render_html_escape(sb, f->resource);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	strbuf_addstr(sb, "</tbody></table>\n");
}

void render_html_evidence(strbuf *sb, const report_ctx *c)
{
	const ingest_run *in = c->inputs;
	const config *cfg = c->cfg;
	size_t i;

	strbuf_addstr(sb, "<dl class=\"facts\">\n<dt>tool</dt><dd>permgraph ");
	render_html_escape(sb, c->version);
	strbuf_addstr(sb, "</dd>\n<dt>generated</dt><dd><time>");
	render_html_escape(sb, c->generated[0] ? c->generated : "unknown");
	strbuf_addstr(sb, "</time> (UTC; SOURCE_DATE_EPOCH when set)</dd>\n<dt>config</dt><dd id=\"config\">");
	if (cfg && cfg->path) {
		strbuf_addstr(sb, "<code>");
		render_html_escape(sb, cfg->path);
		strbuf_addstr(sb, "</code><br>sha256 <code class=\"digest\">");
		render_html_escape(sb, cfg->sha256);
		strbuf_addstr(sb, "</code>");
	} else {
		strbuf_addstr(sb, "built-in defaults (no config file)");
	}
	strbuf_addstr(sb, "</dd>\n");
	if (cfg) {
		config_rules(sb, "synthetic when", cfg->synthetic, cfg->n_synthetic, cfg->synthetic_default);
		config_rules(sb, "production when", cfg->production, cfg->n_production, cfg->production_default);
	}
	strbuf_addstr(sb, "</dl>\n<h3>Inputs</h3>\n<table class=\"plain\" id=\"inputs\"><thead><tr><th>path</th>"
			  "<th>format</th><th>sha256</th></tr></thead>\n<tbody>\n");
	for (i = 0; in && i < in->n_inputs; i++) {
		const ingest_input *f = &in->inputs[i];
		strbuf_addstr(sb, "<tr><td><code>");
		render_html_escape(sb, f->path);
		strbuf_addstr(sb, "</code></td><td>");
		render_html_escape(sb, f->format ? f->format : "not read");
		strbuf_addstr(sb, "</td><td><code class=\"digest\">");
		render_html_escape(sb, f->sha256);
		strbuf_addstr(sb, "</code></td></tr>\n");
	}
	strbuf_addstr(sb, "</tbody></table>\n");
	suppressed_table(sb, &c->scan->findings);
	strbuf_addstr(sb, "<p class=\"note\">The same evidence, for tools: the JSON in "
			  "<code>script#pg-evidence</code> of this page.</p>\n");
}

int render_html_evidence_json(strbuf *sb, const report_ctx *c)
{
	const scan_result *r = c->scan;
	json_t *ins = json_array(), *root, *cfg;
	size_t counts[SEV_CRITICAL + 1], i;
	char *text = NULL;
	int bad = 0;

	for (i = 0; c->inputs && i < c->inputs->n_inputs; i++) {
		const ingest_input *f = &c->inputs->inputs[i];
		if (json_array_append_new(ins, json_pack("{s:s, s:o, s:s}", "path", f->path, "format",
							 f->format ? json_string(f->format) : json_null(),
							 "sha256", f->sha256)) < 0)
			bad = 1;
	}
	if (c->cfg && c->cfg->path)
		cfg = json_pack("{s:s, s:s}", "path", c->cfg->path, "sha256", c->cfg->sha256);
	else
		cfg = json_pack("{s:n, s:n, s:s}", "path", "sha256", "defaults", "built-in");
	finding_list_counts(&r->findings, counts);
	root = json_pack("{s:s, s:{s:s, s:s}, s:s, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I, s:I}}}",
			 "schema", "permgraph/1", "tool", "name", "permgraph", "version", c->version,
			 "generated", c->generated, "inputs", ins, "config", cfg,
			 "summary", "principals", (json_int_t)r->principals, "resources", (json_int_t)r->resources,
			 "synthetic_resources", (json_int_t)r->synthetic_resources,
			 "suppressed", (json_int_t)suppressed_count(&r->findings), "findings",
			 "critical", (json_int_t)counts[SEV_CRITICAL], "high", (json_int_t)counts[SEV_HIGH],
			 "medium", (json_int_t)counts[SEV_MEDIUM], "low", (json_int_t)counts[SEV_LOW]);
	/* json_pack fails on a string that is not UTF-8 (a path with other bytes): say so rather than
	 * hand a tool an evidence list with an input silently missing. */
	if (bad || !root || !(text = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII))) {
		json_decref(root);
		strbuf_addstr(sb, "{\"schema\":\"permgraph/1\",\"error\":\"evidence not representable as JSON\"}");
		return 0;
	}
	strbuf_addstr(sb, text);
	free(text);
	json_decref(root);
	return 0;
}
