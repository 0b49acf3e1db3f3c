/* cmd_scan — scan inputs: config, analysis, findings and access as text or JSON. */
#include "cli/cli.h"
#include "cli/cli_load.h"
#include "checks/scan.h"
#include "model/config.h"
#include "render/render_json_scan.h"

#include <string.h>

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

static void print_text(FILE *out, const config *cfg, const scan_result *r)
{
	size_t counts[SEV_CRITICAL + 1], i, j;

	finding_list_counts(&r->findings, counts);
	fprintf(out, "%zu principal(s), %zu resource(s), %zu synthetic; findings: %zu critical, %zu high, "
		     "%zu medium, %zu low\n", r->principals, r->resources, r->synthetic_resources,
		counts[SEV_CRITICAL], counts[SEV_HIGH], counts[SEV_MEDIUM], counts[SEV_LOW]);
	fprintf(out, "config: %s\n", cfg->path ? cfg->path : "built-in defaults (see permgraph help scan)");
	fputs("not checked yet:", out);
	for (i = 0; scan_checks_missing[i]; i++)
		fprintf(out, "%s %s", i ? "," : "", scan_checks_missing[i]);
	fputc('\n', out);
	if (r->findings.count)
		fputs("\nfindings:\n", out);
	for (i = 0; i < r->findings.count; i++) {
		const finding *f = &r->findings.items[i];
		if (f->suppressed)
			continue;
		fprintf(out, "  %-8s %s [%s] %s\n", severity_name(f->sev), f->id, f->rule, f->message);
		if (f->loc.file)
			fprintf(out, "           at %s:%u:%u\n", f->loc.file, f->loc.line, f->loc.col);
	}
	fputs("\naccess to synthetic stores:\n", out);
	for (i = 0; i < r->access.count; i++) {
		const access_entry *e = &r->access.items[i];
		unsigned bit;
		int first = 1;
		if (!(e->resource->classification & CLASS_SYNTHETIC))
			continue;
		fprintf(out, "  %-11s %s -> %s (", decision_name(e->dec), gnode_display_id(e->principal),
			gnode_display_id(e->resource));
		for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
			if (e->levels & bit) {
				fprintf(out, "%s%s", first ? "" : ", ", graph_level_name(bit));
				first = 0;
			}
		fputs(")\n", out);
		if (e->n_via > 1) {
			fputs("              via ", out);
			for (j = 0; j < e->n_via; j++)
				fprintf(out, "%s%s", j ? " -> " : "", gnode_display_id(e->via[j]));
			fputc('\n', out);
		}
		for (j = 0; j < e->n_conditions; j++)
			fprintf(out, "              condition: %s\n", e->conditions[j]);
	}
}

int cmd_scan(cli_options *o)
{
	cli_loaded l = { NULL, { NULL, 0, 0, 0 } };
	scan_result r;
	scan_summary sum;
	config *cfg = NULL;
	severity fail_on = SEV_NONE;
	diag_list warn;
	FILE *out;
	size_t i;
	int rc = EXIT_OK, err;

	if (o->nargs < 1) {
		fprintf(stderr, "usage: permgraph scan [OPTIONS] INPUT...\n(see: permgraph help scan)\n");
		return EXIT_USAGE;
	}
	if (o->fail_on && severity_parse(o->fail_on, &fail_on) < 0) {
		fprintf(stderr, "permgraph scan: unknown severity '%s' (low, medium, high or critical)\n", o->fail_on);
		return EXIT_USAGE;
	}
	if (o->format != OUT_TEXT && o->format != OUT_JSON) {
		fprintf(stderr, "permgraph scan: output format not supported yet (text or json)\n");
		return EXIT_USAGE;
	}
	scan_result_init(&r);
	if (o->verbose)
		r.progress = stderr;
	diag_list_init(&warn);
	if (!(cfg = load_config(o, &rc)))
		goto cleanup;
	if (!fail_on)
		fail_on = cfg->fail_on;
	rc = cli_load(o, o->args, (size_t)o->nargs, &l);
	err = scan_run(l.m, cfg, config_today(), &r, &warn);
	if (!o->quiet)
		diag_list_print(stderr, &warn);
	if (err < 0) {
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	if (!o->quiet) {
		fputs("permgraph: note: scan does not check yet:", stderr);
		for (i = 0; scan_checks_missing[i]; i++)
			fprintf(stderr, "%s %s", i ? "," : "", scan_checks_missing[i]);
		fputs(" (issue 4 in progress)\n", stderr);
	}
	if (!(out = cli_open_output(o))) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	sum.principals = r.principals;
	sum.resources = r.resources;
	sum.synthetic_resources = r.synthetic_resources;
	if (o->format == OUT_JSON)
		render_json_scan(out, &l.run, &sum, &r.findings, &r.access);
	else
		print_text(out, cfg, &r);
	if (cli_close_output(o, out) < 0)
		rc = EXIT_INTERNAL;
	if (rc == EXIT_OK && fail_on)
		for (i = 0; i < r.findings.count; i++)
			if (!r.findings.items[i].suppressed && r.findings.items[i].sev >= fail_on)
				rc = EXIT_FINDINGS;
cleanup:
	scan_result_release(&r);
	diag_list_release(&warn);
	config_free(cfg);
	cli_loaded_release(&l);
	return rc;
}
