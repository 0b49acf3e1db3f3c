/* render_md — summary.md for pull-request comments (render_md.h). */
#include "render/render_md.h"

#include <string.h>

/* DESIGN's categories, in its order: the rows of the category table. */
static const char *const categories[] = {
	"wildcard", "cross-tenant", "public-access", "privilege-escalation", "synthetic-exposure", "segregation",
	"shared-key", "provenance", "guardrail", "invalid-policy", NULL
};

static size_t longest_backtick_run(const char *s)
{
	size_t best = 0, run = 0;

	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

void render_md_code(strbuf *sb, const char *s, int in_table)
{
	size_t fence, len, i;
	int pad;
	const unsigned char *p;

	if (!s || !*s) {
		strbuf_addstr(sb, "\xE2\x80\x94");
		return;
	}
	len = strlen(s);
	fence = longest_backtick_run(s) + 1;
	/* CommonMark strips one space from each end when both ends have one,
	 * and a backtick at an end would merge with the fence: pad both. */
	pad = s[0] == '`' || s[len - 1] == '`' ||
	      (s[0] == ' ' && s[len - 1] == ' ' && strspn(s, " ") != len);
	for (i = 0; i < fence; i++)
		strbuf_addch(sb, '`');
	if (pad)
		strbuf_addch(sb, ' ');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			strbuf_addstr(sb, "\\n");
		else if (*p == '\r')
			strbuf_addstr(sb, "\\r");
		else if (*p == '\t')
			strbuf_addstr(sb, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			strbuf_addf(sb, "\\x%02x", *p);
		else if (*p == '|' && in_table)
			strbuf_addstr(sb, "\\|");
		else
			strbuf_addch(sb, *p);
	}
	if (pad)
		strbuf_addch(sb, ' ');
	for (i = 0; i < fence; i++)
		strbuf_addch(sb, '`');
}

static void put(FILE *out, strbuf *sb)
{
	fwrite(sb->buf, 1, sb->len, out);
	strbuf_reset(sb);
}

static size_t category_index(const char *cat)
{
	size_t i;

	for (i = 0; categories[i]; i++)
		if (cat && !strcmp(categories[i], cat))
			return i;
	return i;       /* the "other" row */
}

static void category_table(FILE *out, const finding_list *fl)
{
	enum { N_ROWS = sizeof(categories) / sizeof(categories[0]) };       /* the last row is "other" */
	size_t counts[N_ROWS][SEV_CRITICAL + 1], i;
	int sev;

	memset(counts, 0, sizeof(counts));
	for (i = 0; i < fl->count; i++)
		if (!fl->items[i].suppressed)
			counts[category_index(fl->items[i].category)][fl->items[i].sev]++;
	fputs("\n### Findings by category\n\n| category | critical | high | medium | low |\n"
	      "| --- | ---: | ---: | ---: | ---: |\n", out);
	for (i = 0; i < N_ROWS; i++) {
		size_t total = 0;
		for (sev = SEV_LOW; sev <= SEV_CRITICAL; sev++)
			total += counts[i][sev];
		if (!total)
			continue;
		fprintf(out, "| %s | %zu | %zu | %zu | %zu |\n", categories[i] ? categories[i] : "other",
			counts[i][SEV_CRITICAL], counts[i][SEV_HIGH], counts[i][SEV_MEDIUM], counts[i][SEV_LOW]);
	}
}

static void top_findings(FILE *out, const finding_list *fl, size_t shown_total)
{
	strbuf row = STRBUF_INIT;
	size_t i, shown = 0;

	fputs("\n### Top findings\n\n| severity | rule | principal \xE2\x86\x92 resource | location |\n"
	      "| --- | --- | --- | --- |\n", out);
	for (i = 0; i < fl->count && shown < RENDER_MD_TOP; i++) {
		const finding *f = &fl->items[i];
		if (f->suppressed)
			continue;
		shown++;
		strbuf_addf(&row, "| %s | ", severity_name(f->sev));
		render_md_code(&row, f->rule, 1);
		strbuf_addstr(&row, " | ");
		render_md_code(&row, f->principal, 1);
		strbuf_addstr(&row, " \xE2\x86\x92 ");
		render_md_code(&row, f->resource, 1);
		strbuf_addstr(&row, " | ");
		if (f->loc.file) {
			strbuf loc = STRBUF_INIT;
			strbuf_addf(&loc, "%s:%u", f->loc.file, f->loc.line);
			render_md_code(&row, loc.buf, 1);
			strbuf_release(&loc);
		} else {
			render_md_code(&row, NULL, 1);
		}
		strbuf_addstr(&row, " |\n");
		put(out, &row);
	}
	if (shown < shown_total)
		fprintf(out, "\n%zu of %zu findings shown; every finding is in findings.sarif and findings.json "
			     "(`permgraph scan -o DIR`).\n", shown, shown_total);
	strbuf_release(&row);
}

/* Principals with at least one entry to a synthetic store, and how many of
 * them reach every such store only under conditions. The access list is
 * sorted by principal, so each principal's entries are adjacent. */
static void reach_counts(const access_list *al, size_t *principals, size_t *conditional_only)
{
	const gnode *cur = NULL;
	int certain = 0;
	size_t i;

	*principals = *conditional_only = 0;
	for (i = 0; i < al->count; i++) {
		const access_entry *e = &al->items[i];
		if (!(e->resource->classification & CLASS_SYNTHETIC))
			continue;
		if (e->principal != cur) {
			if (cur && !certain)
				++*conditional_only;
			cur = e->principal;
			certain = 0;
			++*principals;
		}
		certain |= e->dec == DEC_ALLOW;
	}
	if (cur && !certain)
		++*conditional_only;
}

static void config_section(FILE *out, const config *cfg)
{
	strbuf sb = STRBUF_INIT;
	const char *sep = "";

	fputs("\n### Config\n\n", out);
	if (cfg && cfg->path) {
		render_md_code(&sb, cfg->path, 0);
		strbuf_addstr(&sb, " (sha256 ");
		render_md_code(&sb, cfg->sha256, 0);
		strbuf_addstr(&sb, ")");
	} else {
		strbuf_addstr(&sb, "Built-in defaults (no permgraph.yaml; see `permgraph help scan`)");
	}
	if (cfg && cfg->path && (cfg->synthetic_default || cfg->production_default || cfg->provenance_default)) {
		strbuf_addstr(&sb, "; built-in defaults used for ");
		if (cfg->synthetic_default) {
			strbuf_addstr(&sb, "synthetic classification");
			sep = ", ";
		}
		if (cfg->production_default) {
			strbuf_addf(&sb, "%sproduction classification", sep);
			sep = ", ";
		}
		if (cfg->provenance_default)
			strbuf_addf(&sb, "%sprovenance tags", sep);
	}
	strbuf_addstr(&sb, ".\n");
	put(out, &sb);
	strbuf_release(&sb);
}

void render_md_summary(FILE *out, const report_ctx *c)
{
	static const finding_list no_findings;
	static const access_list no_access;
	const finding_list *fl = c->scan ? &c->scan->findings : &no_findings;
	const access_list *al = c->scan ? &c->scan->access : &no_access;
	size_t counts[SEV_CRITICAL + 1], total, suppressed = 0, reach, cond_only, i;

	finding_list_counts(fl, counts);
	total = counts[SEV_LOW] + counts[SEV_MEDIUM] + counts[SEV_HIGH] + counts[SEV_CRITICAL];
	for (i = 0; i < fl->count; i++)
		suppressed += fl->items[i].suppressed != 0;
	reach_counts(al, &reach, &cond_only);
	fputs("## permgraph scan\n\n", out);
	fprintf(out, "**%zu finding%s**: %zu critical, %zu high, %zu medium, %zu low", total, total == 1 ? "" : "s",
		counts[SEV_CRITICAL], counts[SEV_HIGH], counts[SEV_MEDIUM], counts[SEV_LOW]);
	if (suppressed)
		fprintf(out, " (%zu more suppressed by the config)", suppressed);
	fputs(".\n\n", out);
	if (c->scan)
		fprintf(out, "%zu principal(s), %zu resource(s), %zu synthetic store(s). ", c->scan->principals,
			c->scan->resources, c->scan->synthetic_resources);
	fprintf(out, "**%zu principal(s) can reach synthetic stores**", reach);
	if (cond_only)
		fprintf(out, " (%zu only under conditions)", cond_only);
	fputs(".\n", out);
	if (total) {
		category_table(out, fl);
		top_findings(out, fl, total);
	}
	fputs("\n### Not checked\n\n", out);
	if (!scan_checks_missing[0])
		fputs("Every check ran.\n", out);
	else {
		fputs("permgraph does not check yet:", out);
		for (i = 0; scan_checks_missing[i]; i++)
			fprintf(out, "%s %s", i ? "," : "", scan_checks_missing[i]);
		fputs(".\n", out);
	}
	config_section(out, c->cfg);
	fprintf(out, "\n<sub>permgraph %s</sub>\n", c->version ? c->version : "");
}
