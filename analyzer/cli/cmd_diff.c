/*
 * cmd_diff — compare two sets of inputs: the whole analysis of `scan` runs on
 * each side (with one config), checks/diff.c compares the results, and one
 * report (text, JSON, SARIF of the new findings, or Markdown) is written.
 * `--live PATH` inputs are read into both sides first, so a template's
 * principals and policies merge into an export of the live account; with
 * --live, a lone HEAD compares it against the live inputs alone.
 */
#include "cli/cli.h"
#include "cli/cli_load.h"
#include "base/xalloc.h"
#include "checks/diff.h"
#include "checks/scan.h"
#include "model/config.h"
#include "render/render_diff.h"
#include "render/render_sarif.h"
#include "render/report.h"

#include <stdlib.h>
#include <string.h>

typedef struct side {
	const char *name;               /* "base" or "head" */
	cli_loaded l;
	scan_result r;
} side;

/* The config named by -c, ./permgraph.yaml, or the built-in defaults; NULL after messages. */
static config *load_config(const cli_options *o, int *rc)
{
	const char *path = o->config ? o->config : config_find_default_path();
	diag_list diags;
	config *c = NULL;

	if (!path)
		return config_defaults();
	diag_list_init(&diags);
	if (config_load_file(&c, path, &diags) < 0)
		*rc = EXIT_USAGE;
	if (!o->quiet || *rc)
		diag_list_print(stderr, &diags);
	diag_list_release(&diags);
	return c;
}

static int same_diag(const diag *a, const diag *b)
{
	return a->severity == b->severity && a->line == b->line && a->col == b->col &&
	       !strcmp(a->file ? a->file : "", b->file ? b->file : "") &&
	       !strcmp(a->msg ? a->msg : "", b->msg ? b->msg : "");
}

/* Print the diagnostics of `now` that `printed` does not hold (the --live
 * inputs and shared files say the same on both sides; once is enough), and
 * remember them. -q keeps errors only. */
static void print_new(const cli_options *o, const diag_list *now, diag_list *printed)
{
	size_t i, j;

	for (i = 0; i < now->count; i++) {
		const diag *d = &now->items[i];
		if (o->quiet && d->severity != DIAG_ERROR)
			continue;
		for (j = 0; j < printed->count && !same_diag(d, &printed->items[j]); j++)
			;
		if (j < printed->count)
			continue;
		diag_print(stderr, d);
		diag_list_addf(printed, d->severity, d->file, d->line, d->col, "%s", d->msg ? d->msg : "");
	}
}

/* The --live paths, then the side's own (when given), into one finalized model. */
static int load_side(const cli_options *o, const char *path, side *s, diag_list *printed)
{
	size_t n = 0, i;
	char **paths = xcalloc((size_t)o->nlive + 2, sizeof(*paths));
	diag_list diags;
	int err, rc = EXIT_OK;

	for (i = 0; i < (size_t)o->nlive; i++)
		paths[n++] = o->live[i];
	if (path)
		paths[n++] = (char *)path;
	s->l.m = cli_model_new(o);
	ingest_run_init(&s->l.run);
	diag_list_init(&diags);
	err = ingest_paths(&s->l.run, s->l.m, paths, n, o->input_format, &diags);
	model_finalize(s->l.m, &diags);
	print_new(o, &diags, printed);
	if (err < 0 || diags.errors)
		rc = EXIT_USAGE;
	if (o->verbose) {
		for (i = 0; i < s->l.run.n_inputs; i++)
			if (!s->l.run.inputs[i].format)
				fprintf(stderr, "permgraph: %s: %s: not read (format not recognized)\n", s->name,
					s->l.run.inputs[i].path);
		fprintf(stderr, "permgraph: %s: read %zu file(s): %zu failed, %zu skipped\n", s->name,
			s->l.run.n_inputs, s->l.run.files_failed, s->l.run.files_skipped);
	}
	diag_list_release(&diags);
	free(paths);
	return rc;
}

static int run_side(const cli_options *o, const config *cfg, side *s, diag_list *printed)
{
	diag_list warn;
	int err;

	diag_list_init(&warn);
	err = scan_run(s->l.m, cfg, config_today(), &s->r, &warn);
	print_new(o, &warn, printed);
	diag_list_release(&warn);
	return err;
}

/* SARIF of the new findings only (baselineState "new"), with HEAD's inputs. */
static void render_sarif_new(FILE *out, const config *cfg, const side *head, const scan_diff *d)
{
	render_sarif_opts so;
	finding_list view;
	report_ctx ctx;
	size_t i;

	/* A borrowed view: bitwise copies of HEAD's findings, so only the array is freed. */
	view.items = xcalloc(d->findings_added.count + 1, sizeof(*view.items));
	view.count = view.cap = d->findings_added.count;
	for (i = 0; i < d->findings_added.count; i++)
		view.items[i] = *d->findings_added.items[i].f;
	so.findings = &view;
	so.baseline_state = "new";
	report_ctx_init(&ctx, &head->l.run, cfg, &head->r);
	render_sarif_scan(out, &ctx, &so);
	free(view.items);
}

static int usage(void)
{
	fputs("usage: permgraph diff [OPTIONS] [--live PATH]... BASE HEAD\n"
	      "       permgraph diff [OPTIONS] --live PATH... HEAD\n(see: permgraph help diff)\n", stderr);
	return EXIT_USAGE;
}

int cmd_diff(cli_options *o)
{
	side base = { "base", { NULL, { NULL, 0, 0, 0 } }, { 0 } }, head = { "head", { NULL, { NULL, 0, 0, 0 } }, { 0 } };
	const char *base_path, *head_path;
	render_diff_ctx rc_ctx;
	scan_diff d;
	config *cfg = NULL;
	severity fail_on = SEV_NONE;
	diag_list printed;
	FILE *out;
	int rc = EXIT_OK;

	if (o->nargs != 2 && !(o->nargs == 1 && o->nlive > 0))
		return usage();
	base_path = o->nargs == 2 ? o->args[0] : NULL;
	head_path = o->args[o->nargs - 1];
	if (o->fail_on && severity_parse(o->fail_on, &fail_on) < 0) {
		fprintf(stderr, "permgraph diff: unknown severity '%s' (low, medium, high or critical)\n", o->fail_on);
		return EXIT_USAGE;
	}
	if (o->format != OUT_TEXT && o->format != OUT_JSON && o->format != OUT_SARIF && o->format != OUT_MD) {
		fputs("permgraph diff: writes text, json, sarif or md (see: permgraph help diff)\n", stderr);
		return EXIT_USAGE;
	}
	scan_result_init(&base.r);
	scan_result_init(&head.r);
	scan_diff_init(&d);
	diag_list_init(&printed);
	if (!(cfg = load_config(o, &rc)))
		goto cleanup;
	if (!fail_on)
		fail_on = cfg->fail_on;
	if (load_side(o, base_path, &base, &printed) != EXIT_OK)
		rc = EXIT_USAGE;
	if (load_side(o, head_path, &head, &printed) != EXIT_OK)
		rc = EXIT_USAGE;
	/* Half an input would show its access as removed or added: no verdict on that. */
	if (rc != EXIT_OK) {
		fputs("permgraph diff: not compared: some inputs could not be read (see above)\n", stderr);
		goto cleanup;
	}
	if (!o->quiet && (base.l.run.files_skipped || head.l.run.files_skipped))
		fprintf(stderr, "permgraph: note: skipped %zu file(s) of base and %zu of head in folders whose format "
				"permgraph does not read (-v lists them)\n", base.l.run.files_skipped,
			head.l.run.files_skipped);
	if (run_side(o, cfg, &base, &printed) < 0 || run_side(o, cfg, &head, &printed) < 0 ||
	    scan_diff_compute(&base.r, &head.r, &d) < 0) {
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	memset(&rc_ctx, 0, sizeof(rc_ctx));
	rc_ctx.base.inputs = &base.l.run;
	rc_ctx.base.scan = &base.r;
	rc_ctx.head.inputs = &head.l.run;
	rc_ctx.head.scan = &head.r;
	rc_ctx.live = o->live;
	rc_ctx.n_live = (size_t)o->nlive;
	rc_ctx.diff = &d;
	rc_ctx.cfg = cfg;
	rc_ctx.fail_on = fail_on;
	rc_ctx.fails = scan_diff_fails(&d, fail_on);
	if (!(out = cli_open_output(o))) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	if (o->format == OUT_JSON)
		render_diff_json(out, &rc_ctx);
	else if (o->format == OUT_SARIF)
		render_sarif_new(out, cfg, &head, &d);
	else if (o->format == OUT_MD)
		render_diff_md(out, &rc_ctx);
	else
		render_diff_text(out, &rc_ctx);
	if (cli_close_output(o, out) < 0)
		rc = EXIT_INTERNAL;
	if (rc == EXIT_OK && rc_ctx.fails)
		rc = EXIT_FINDINGS;
cleanup:
	scan_diff_release(&d);
	scan_result_release(&base.r);
	scan_result_release(&head.r);
	diag_list_release(&printed);
	config_free(cfg);
	cli_loaded_release(&base.l);
	cli_loaded_release(&head.l);
	return rc;
}
