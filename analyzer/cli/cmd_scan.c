/*
 * cmd_scan — scan inputs: config, analysis, then the reports: text or one of
 * JSON, SARIF, CSV and Markdown (-f) to standard output or -o FILE, or every
 * report into a folder (-o DIR: an existing folder, or a path ending in '/',
 * created with its parents; with -f, only that report goes into the folder).
 */
#include "cli/cli.h"
#include "cli/cli_load.h"
#include "base/strbuf.h"
#include "checks/scan.h"
#include "model/config.h"
#include "render/render_csv.h"
#include "render/render_html.h"
#include "render/render_json_scan.h"
#include "render/render_md.h"
#include "render/render_sarif.h"
#include "render/report.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* The reports of a folder, by format; text goes there only when -f asks. */
static const struct report_file {
	cli_format format;
	const char *name;
} report_files[] = {
	{ OUT_JSON, "findings.json" },
	{ OUT_SARIF, "findings.sarif" },
	{ OUT_CSV, "access.csv" },
	{ OUT_MD, "summary.md" },
	{ OUT_HTML, "report.html" },
	{ OUT_TEXT, "scan.txt" },
};
#define N_REPORT_FILES (sizeof(report_files) / sizeof(report_files[0]))

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

static const char *report_file_name(cli_format f)
{
	size_t i;

	for (i = 0; i < N_REPORT_FILES; i++)
		if (report_files[i].format == f)
			return report_files[i].name;
	return NULL;
}

static const char *format_name(cli_format f)
{
	static const char *const names[] = { "text", "json", "sarif", "html", "csv", "md", "dot", "svg", "png" };

	return (size_t)f < sizeof(names) / sizeof(names[0]) ? names[f] : "?";
}

/* One report of the scan, in format f (a format report_file_name knows). */
static void render_one(FILE *out, cli_format f, const report_ctx *c)
{
	scan_summary sum;

	switch (f) {
	case OUT_JSON:
		sum.principals = c->scan->principals;
		sum.resources = c->scan->resources;
		sum.synthetic_resources = c->scan->synthetic_resources;
		render_json_scan(out, c->inputs, &sum, &c->scan->findings, &c->scan->access);
		break;
	case OUT_SARIF:
		render_sarif_scan(out, c, NULL);
		break;
	case OUT_CSV:
		render_csv_access(out, c);
		break;
	case OUT_MD:
		render_md_summary(out, c);
		break;
	case OUT_HTML:
		render_html_scan(out, c);
		break;
	default:
		print_text(out, c->cfg, c->scan);
		break;
	}
}

/* -o names a folder: one that exists, or any path ending in '/'. */
static int is_folder_target(const char *path)
{
	struct stat st;
	size_t n = strlen(path);

	return (n && path[n - 1] == '/') || (!stat(path, &st) && S_ISDIR(st.st_mode));
}

/* mkdir -p: every missing folder on the path; 0, or -1 with errno set. */
static int make_folders(const char *path)
{
	strbuf sb = STRBUF_INIT;
	struct stat st;
	size_t i;
	int err = 0;

	strbuf_addstr(&sb, path);
	for (i = 1; i <= sb.len && !err; i++) {
		if (i < sb.len && sb.buf[i] != '/')
			continue;
		sb.buf[i] = '\0';
		if (mkdir(sb.buf, 0777) && errno != EEXIST)
			err = -1;
		else if (stat(sb.buf, &st) || !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			err = -1;
		}
		if (i < sb.len)
			sb.buf[i] = '/';
	}
	strbuf_release(&sb);
	return err;
}

/* Every report (or only -f's) into the folder -o names; says where on stderr. */
static int write_folder(const cli_options *o, const report_ctx *c)
{
	size_t n = strlen(o->output), i;
	strbuf path = STRBUF_INIT;
	int rc = EXIT_OK, bad;
	FILE *f;

	if (make_folders(o->output) < 0) {
		fprintf(stderr, "%s: cannot create folder: %s\n", o->output, strerror(errno));
		return EXIT_USAGE;
	}
	for (i = 0; i < N_REPORT_FILES && rc == EXIT_OK; i++) {
		if (o->format_set ? report_files[i].format != o->format : report_files[i].format == OUT_TEXT)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s%s%s", o->output, o->output[n - 1] == '/' ? "" : "/", report_files[i].name);
		if (!(f = fopen(path.buf, "w"))) {
			fprintf(stderr, "%s: cannot write: %s\n", path.buf, strerror(errno));
			rc = EXIT_USAGE;
			break;
		}
		render_one(f, report_files[i].format, c);
		bad = ferror(f);
		if (fclose(f) || bad) {
			fprintf(stderr, "%s: cannot write: %s\n", path.buf, strerror(errno));
			rc = EXIT_INTERNAL;
		} else if (!o->quiet) {
			fprintf(stderr, "permgraph: wrote %s\n", path.buf);
		}
	}
	strbuf_release(&path);
	return rc;
}

int cmd_scan(cli_options *o)
{
	cli_loaded l = { NULL, { NULL, 0, 0, 0 } };
	scan_result r;
	report_ctx ctx;
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
	if (!report_file_name(o->format)) {
		fprintf(stderr, "permgraph scan: -f %s is a graph format (see: permgraph help graph); scan "
			"writes text, json, sarif, csv, md or html\n", format_name(o->format));
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
		fputs("\n", stderr);
	}
	report_ctx_init(&ctx, &l.run, cfg, &r);
	if (o->output && strcmp(o->output, "-") && is_folder_target(o->output)) {
		if ((err = write_folder(o, &ctx)) != EXIT_OK)
			rc = err;
	} else if (!(out = cli_open_output(o))) {
		rc = EXIT_USAGE;
		goto cleanup;
	} else {
		render_one(out, o->format, &ctx);
		if (cli_close_output(o, out) < 0)
			rc = EXIT_INTERNAL;
	}
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
