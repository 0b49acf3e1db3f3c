/* render_diff_md — diff's Markdown report, for a pull-request comment (render_diff.h). */
#include "render/render_diff.h"
#include "render/render_md.h"
#include "render/render_rules.h"

#define ARROW "\xE2\x86\x92"

static void put(FILE *out, strbuf *sb)
{
	fwrite(sb->buf, 1, sb->len, out);
	strbuf_reset(sb);
}

static void more(FILE *out, size_t shown, size_t total)
{
	if (shown < total)
		fprintf(out, "\n\xE2\x80\xA6 and %zu more (every entry is in `permgraph diff -f json`).\n", total - shown);
}

static void levels_cell(strbuf *row, unsigned levels)
{
	if (levels)
		render_diff_levels(row, levels);
	else
		strbuf_addstr(row, "\xE2\x80\x94");
}

static void via_cell(strbuf *row, const access_entry *e)
{
	strbuf via = STRBUF_INIT;
	size_t j;

	for (j = 1; j < e->n_via; j++)
		strbuf_addf(&via, "%s%s", j > 1 ? " -> " : "", gnode_display_id(e->via[j]));
	render_md_code(row, via.buf, 1);
	strbuf_release(&via);
}

static void outside_cell(strbuf *row, const access_entry *e, int outside)
{
	strbuf why = STRBUF_INIT;

	if (outside) {
		render_diff_outside_why(&why, e);
		strbuf_addstr(row, "**yes**: ");
		render_md_code(row, why.buf, 1);
	} else {
		strbuf_addstr(row, "no");
	}
	strbuf_release(&why);
}

static void entries(FILE *out, const char *title, const diff_access_list *l, int head)
{
	strbuf row = STRBUF_INIT;
	size_t i;

	if (!l->count)
		return;
	fprintf(out, "\n### %s (%zu)\n\n| principal | store | decision | levels | via | outside the tenant |\n"
		     "| --- | --- | --- | --- | --- | --- |\n", title, l->count);
	for (i = 0; i < l->count && i < RENDER_DIFF_MD_ROWS; i++) {
		const access_entry *e = head ? l->items[i].head : l->items[i].base;
		strbuf_addstr(&row, "| ");
		render_md_code(&row, gnode_display_id(e->principal), 1);
		strbuf_addstr(&row, " | ");
		render_md_code(&row, gnode_display_id(e->resource), 1);
		strbuf_addf(&row, " | %s | ", decision_name(e->dec));
		levels_cell(&row, e->levels);
		strbuf_addstr(&row, " | ");
		via_cell(&row, e);
		strbuf_addstr(&row, " | ");
		outside_cell(&row, e, l->items[i].outside);
		strbuf_addstr(&row, " |\n");
		put(out, &row);
	}
	more(out, i, l->count);
	strbuf_release(&row);
}

static void changes(FILE *out, const diff_access_list *l)
{
	strbuf row = STRBUF_INIT;
	size_t i;

	if (!l->count)
		return;
	fprintf(out, "\n### Access changed (%zu)\n\n| principal | store | decision | levels added | levels removed "
		     "| actions added / removed | outside the tenant |\n"
		     "| --- | --- | --- | --- | --- | ---: | --- |\n", l->count);
	for (i = 0; i < l->count && i < RENDER_DIFF_MD_ROWS; i++) {
		const diff_access *x = &l->items[i];
		strbuf_addstr(&row, "| ");
		render_md_code(&row, x->principal, 1);
		strbuf_addstr(&row, " | ");
		render_md_code(&row, x->resource, 1);
		if (x->base->dec != x->head->dec)
			strbuf_addf(&row, " | %s " ARROW " %s | ", decision_name(x->base->dec), decision_name(x->head->dec));
		else
			strbuf_addf(&row, " | %s | ", decision_name(x->head->dec));
		levels_cell(&row, x->levels_added);
		strbuf_addstr(&row, " | ");
		levels_cell(&row, x->levels_removed);
		strbuf_addf(&row, " | +%zu / \xE2\x88\x92%zu | ", x->n_actions_added, x->n_actions_removed);
		outside_cell(&row, x->head, x->outside && x->widened);
		strbuf_addstr(&row, " |\n");
		put(out, &row);
	}
	more(out, i, l->count);
	strbuf_release(&row);
}

static void findings(FILE *out, const char *title, const diff_finding_list *l)
{
	strbuf row = STRBUF_INIT, loc = STRBUF_INIT;
	size_t i;

	if (!l->count)
		return;
	fprintf(out, "\n### %s (%zu)\n\n| severity | rule | principal " ARROW " resource | location |\n"
		     "| --- | --- | --- | --- |\n", title, l->count);
	for (i = 0; i < l->count && i < RENDER_DIFF_MD_ROWS; i++) {
		const finding *f = l->items[i].f;
		const render_rule_text *rt = render_rules_find(f->rule);
		strbuf_addf(&row, "| %s", severity_name(f->sev));
		if (l->items[i].base_sev)
			strbuf_addf(&row, " (was %s)", severity_name(l->items[i].base_sev));
		strbuf_addstr(&row, " | ");
		render_md_code(&row, f->rule, 1);
		if (rt)
			strbuf_addf(&row, " %s", rt->title);
		strbuf_addstr(&row, " | ");
		render_md_code(&row, f->principal, 1);
		strbuf_addstr(&row, " " ARROW " ");
		render_md_code(&row, f->resource, 1);
		strbuf_addstr(&row, " | ");
		strbuf_reset(&loc);
		if (f->loc.file)
			strbuf_addf(&loc, "%s:%u", f->loc.file, f->loc.line);
		render_md_code(&row, loc.buf, 1);
		strbuf_addstr(&row, " |\n");
		put(out, &row);
	}
	more(out, i, l->count);
	strbuf_release(&row);
	strbuf_release(&loc);
}

static void verdict(FILE *out, const render_diff_ctx *c)
{
	const scan_diff *d = c->diff;
	size_t counts[SEV_CRITICAL + 1], n = 0;
	int sev;

	scan_diff_counts(&d->findings_added, counts);
	for (sev = c->fail_on ? (int)c->fail_on : SEV_CRITICAL + 1; sev <= SEV_CRITICAL; sev++)
		n += counts[sev];
	fprintf(out, "## permgraph diff: %s\n\n", c->fails ? "fails" : "passes");
	if (c->fails) {
		fputs("This change", out);
		if (d->outside_added)
			fprintf(out, " **adds or widens %zu access entr%s to synthetic data from outside the store's "
				     "tenant**%s", d->outside_added, d->outside_added == 1 ? "y" : "ies", n ? " and" : "");
		if (n)
			fprintf(out, " **adds %zu finding%s at or above %s**", n, n == 1 ? "" : "s",
				severity_name(c->fail_on));
		fputs(".\n", out);
	} else {
		fputs("This change adds no access to synthetic data from outside its tenant", out);
		if (c->fail_on)
			fprintf(out, " and no finding at or above %s.\n", severity_name(c->fail_on));
		else
			fputs("; findings do not fail it (no `--fail-on`, no `fail_on` in the config).\n", out);
	}
	fprintf(out, "\n| | added | removed or resolved | changed |\n| --- | ---: | ---: | ---: |\n"
		     "| access to synthetic stores | %zu | %zu | %zu |\n"
		     "| findings | %zu | %zu | \xE2\x80\x94 |\n",
		d->added.count, d->removed.count, d->changed.count, d->findings_added.count,
		d->findings_resolved.count);
}

void render_diff_md(FILE *out, const render_diff_ctx *c)
{
	const scan_diff *d = c->diff;
	strbuf sb = STRBUF_INIT;
	size_t i;

	verdict(out, c);
	entries(out, "Access added", &d->added, 1);
	changes(out, &d->changed);
	entries(out, "Access removed", &d->removed, 0);
	findings(out, "Findings added", &d->findings_added);
	findings(out, "Findings resolved", &d->findings_resolved);
	fputc('\n', out);
	if (scan_checks_missing[0]) {
		fputs("permgraph does not check yet:", out);
		for (i = 0; scan_checks_missing[i]; i++)
			fprintf(out, "%s %s", i ? "," : "", scan_checks_missing[i]);
		fputs(". ", out);
	}
	fputs("Config: ", out);
	if (c->cfg && c->cfg->path)
		render_md_code(&sb, c->cfg->path, 0);
	else
		strbuf_addstr(&sb, "built-in defaults");
	strbuf_addstr(&sb, ".\n");
	put(out, &sb);
	fprintf(out, "\n<sub>permgraph %s</sub>\n", PG_VERSION);
	strbuf_release(&sb);
}
