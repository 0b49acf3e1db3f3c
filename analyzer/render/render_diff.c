/* render_diff — diff's text report and the helpers its renderers share (render_diff.h). */
#include "render/render_diff.h"

#include <string.h>

/* Actions shown per line of an access change; the JSON report lists them all. */
#define TEXT_ACTIONS 6

void render_diff_levels(strbuf *sb, unsigned levels)
{
	unsigned bit;
	int first = 1;

	for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (levels & bit) {
			strbuf_addf(sb, "%s%s", first ? "" : ", ", graph_level_name(bit));
			first = 0;
		}
}

void render_diff_outside_why(strbuf *sb, const access_entry *e)
{
	const gnode *who = e->principal, *store = e->resource;

	if (who->external)
		strbuf_addstr(sb, who->external_why ? who->external_why : "outside the accounts and tenants of the inputs");
	else if (who->tenant && store->tenant)
		strbuf_addf(sb, "of SaaS tenant '%s', the store is of '%s'", who->tenant, store->tenant);
	else
		strbuf_addstr(sb, "of another tenant");
}

static void verdict(FILE *out, const render_diff_ctx *c)
{
	const scan_diff *d = c->diff;
	size_t counts[SEV_CRITICAL + 1], n = 0;
	int sev;

	scan_diff_counts(&d->findings_added, counts);
	for (sev = c->fail_on ? (int)c->fail_on : SEV_CRITICAL + 1; sev <= SEV_CRITICAL; sev++)
		n += counts[sev];
	if (!c->fails) {
		fputs("permgraph diff: PASS: adds no access to synthetic data from outside its tenant", out);
		if (c->fail_on)
			fprintf(out, " and no finding at or above %s\n", severity_name(c->fail_on));
		else
			fputs(" (findings do not fail it: no --fail-on, no fail_on in the config)\n", out);
		return;
	}
	fputs("permgraph diff: FAIL:", out);
	if (d->outside_added)
		fprintf(out, " adds or widens %zu access entr%s to synthetic data from outside the store's tenant%s",
			d->outside_added, d->outside_added == 1 ? "y" : "ies", n ? ";" : "");
	if (n)
		fprintf(out, " adds %zu finding%s at or above %s", n, n == 1 ? "" : "s", severity_name(c->fail_on));
	fputc('\n', out);
}

static void side_line(FILE *out, const char *name, const render_diff_side *s)
{
	size_t counts[SEV_CRITICAL + 1], n = 0, i;

	for (i = 0; i < s->inputs->n_inputs; i++)
		n += s->inputs->inputs[i].format != NULL;
	finding_list_counts(&s->scan->findings, counts);
	fprintf(out, "%s: %zu input file(s), %zu principal(s), %zu resource(s), %zu synthetic; findings: %zu critical, "
		     "%zu high, %zu medium, %zu low\n", name, n, s->scan->principals, s->scan->resources,
		s->scan->synthetic_resources, counts[SEV_CRITICAL], counts[SEV_HIGH], counts[SEV_MEDIUM],
		counts[SEV_LOW]);
}

static void entry_line(FILE *out, char mark, const access_entry *e, int outside)
{
	strbuf sb = STRBUF_INIT;
	size_t j;

	render_diff_levels(&sb, e->levels);
	fprintf(out, "  %c %-11s %s -> %s (%s)\n", mark, decision_name(e->dec), gnode_display_id(e->principal),
		gnode_display_id(e->resource), sb.buf);
	if (e->n_via > 1) {
		fputs("                via ", out);
		for (j = 0; j < e->n_via; j++)
			fprintf(out, "%s%s", j ? " -> " : "", gnode_display_id(e->via[j]));
		fputc('\n', out);
	}
	for (j = 0; j < e->n_conditions; j++)
		fprintf(out, "                condition: %s\n", e->conditions[j]);
	if (outside) {
		strbuf_reset(&sb);
		render_diff_outside_why(&sb, e);
		fprintf(out, "                outside the store's tenant: %s\n", sb.buf);
	}
	strbuf_release(&sb);
}

static void actions_line(FILE *out, const char *what, const char *const *a, size_t n)
{
	size_t i;

	if (!n)
		return;
	fprintf(out, "                actions %s:", what);
	for (i = 0; i < n && i < TEXT_ACTIONS; i++)
		fprintf(out, "%s %s", i ? "," : "", a[i]);
	if (n > TEXT_ACTIONS)
		fprintf(out, " and %zu more", n - TEXT_ACTIONS);
	fputc('\n', out);
}

static void changed_entry(FILE *out, const diff_access *x)
{
	strbuf sb = STRBUF_INIT;

	entry_line(out, '~', x->head, 0);
	if (x->base->dec != x->head->dec)
		fprintf(out, "                decision: %s -> %s\n", decision_name(x->base->dec),
			decision_name(x->head->dec));
	if (x->levels_added) {
		render_diff_levels(&sb, x->levels_added);
		fprintf(out, "                levels added: %s\n", sb.buf);
	}
	if (x->levels_removed) {
		strbuf_reset(&sb);
		render_diff_levels(&sb, x->levels_removed);
		fprintf(out, "                levels removed: %s\n", sb.buf);
	}
	actions_line(out, "added", x->actions_added, x->n_actions_added);
	actions_line(out, "removed", x->actions_removed, x->n_actions_removed);
	if (x->outside && x->widened) {
		strbuf_reset(&sb);
		render_diff_outside_why(&sb, x->head);
		fprintf(out, "                outside the store's tenant: %s\n", sb.buf);
	}
	strbuf_release(&sb);
}

static void finding_lines(FILE *out, char mark, const diff_finding *x)
{
	const finding *f = x->f;

	fprintf(out, "  %c %-8s %s [%s] %s\n", mark, severity_name(f->sev), f->id, f->rule, f->message ? f->message : "");
	if (x->base_sev)
		fprintf(out, "             raised from %s\n", severity_name(x->base_sev));
	if (f->loc.file)
		fprintf(out, "             at %s:%u:%u\n", f->loc.file, f->loc.line, f->loc.col);
}

void render_diff_text(FILE *out, const render_diff_ctx *c)
{
	const scan_diff *d = c->diff;
	size_t counts[SEV_CRITICAL + 1], i;

	verdict(out, c);
	side_line(out, "base", &c->base);
	side_line(out, "head", &c->head);
	if (c->n_live) {
		fputs("live (read into both):", out);
		for (i = 0; i < c->n_live; i++)
			fprintf(out, " %s", c->live[i]);
		fputc('\n', out);
	}
	fprintf(out, "access to synthetic stores: %zu added, %zu removed, %zu changed; %zu added or widened from "
		     "outside the store's tenant\n", d->added.count, d->removed.count, d->changed.count,
		d->outside_added);
	scan_diff_counts(&d->findings_added, counts);
	fprintf(out, "findings: %zu added (%zu critical, %zu high, %zu medium, %zu low), %zu resolved\n",
		d->findings_added.count, counts[SEV_CRITICAL], counts[SEV_HIGH], counts[SEV_MEDIUM], counts[SEV_LOW],
		d->findings_resolved.count);
	fprintf(out, "config: %s\n", c->cfg && c->cfg->path ? c->cfg->path : "built-in defaults (see permgraph help scan)");
	if (scan_checks_missing[0]) {
		fputs("not checked yet:", out);
		for (i = 0; scan_checks_missing[i]; i++)
			fprintf(out, "%s %s", i ? "," : "", scan_checks_missing[i]);
		fputc('\n', out);
	}
	if (d->added.count)
		fputs("\naccess added:\n", out);
	for (i = 0; i < d->added.count; i++)
		entry_line(out, '+', d->added.items[i].head, d->added.items[i].outside);
	if (d->changed.count)
		fputs("\naccess changed:\n", out);
	for (i = 0; i < d->changed.count; i++)
		changed_entry(out, &d->changed.items[i]);
	if (d->removed.count)
		fputs("\naccess removed:\n", out);
	for (i = 0; i < d->removed.count; i++)
		entry_line(out, '-', d->removed.items[i].base, 0);
	if (d->findings_added.count)
		fputs("\nfindings added:\n", out);
	for (i = 0; i < d->findings_added.count; i++)
		finding_lines(out, '+', &d->findings_added.items[i]);
	if (d->findings_resolved.count)
		fputs("\nfindings resolved:\n", out);
	for (i = 0; i < d->findings_resolved.count; i++)
		finding_lines(out, '-', &d->findings_resolved.items[i]);
}
