/*
 * cmd_validate — lint standalone IAM policy documents and Azure custom role
 * definitions (files or folders), as text or JSON. Ownership: each document is freed once linted; the findings
 * (which copy what they keep) are freed before return.
 */
#include "cli/cli.h"
#include "base/fswalk.h"
#include "base/diag.h"
#include "base/xalloc.h"
#include "checks/az_role_lint.h"
#include "checks/policy_lint.h"
#include "doc/doc.h"
#include "ingest/az_rbac.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct validate_run {
	policy_lint_list findings;
	size_t files;           /* documents linted */
	size_t skipped;         /* documents of a kind validate does not lint */
	size_t input_errors;    /* files or folders that could not be read */
} validate_run;

/* The policy document a file holds: the root itself when it is one (or when
 * nothing else fits, so the parser names what is wrong with it), else its
 * "PolicyDocument" or "Policy" member (an object or a JSON string). */
static const doc_node *find_policy(const doc_node *root)
{
	const doc_node *v;

	if (!root || root->type != DOC_OBJECT || doc_get(root, "Statement"))
		return root;
	if ((v = doc_get(root, "PolicyDocument")) != NULL || (v = doc_get(root, "Policy")) != NULL)
		return v;
	return root;
}

static void input_error(validate_run *r, diag *d)
{
	diag_print(stderr, d);
	diag_release(d);
	r->input_errors++;
}

static void lint_file(validate_run *r, const char *path)
{
	doc *d = NULL;
	diag dg = DIAG_INIT;

	if (doc_load_file(&d, path, DOC_FMT_AUTO, &dg) < 0) {
		input_error(r, &dg);
		return;
	}
	if (az_is_template(doc_root(d))) {
		/* templates hold expressions and parameters: the IaC reader's job, not a policy's */
		fprintf(stderr, "permgraph: note: %s is an ARM template; validate does not lint templates yet "
				"(it lints role definitions as az role definition list writes them)\n", path);
		r->skipped++;
		doc_free(d);
		return;
	}
	if (az_role_lint_detect(doc_root(d), path))
		az_role_lint_document(doc_root(d), path, &r->findings);
	else
		policy_lint_document(d, find_policy(doc_root(d)), &r->findings);
	r->files++;
	doc_free(d);
}

static int visit_file(void *ctx, const char *path, int top)
{
	(void)top;
	lint_file(ctx, path);
	return 0;
}

static int visit_want(void *ctx, const char *dir, const char *name)
{
	(void)ctx;
	(void)dir;
	return fswalk_data_name(name);
}

static void visit_error(void *ctx, const char *path, const char *message)
{
	diag d = DIAG_INIT;

	diag_set(&d, path, 0, 0, "%s", message);
	input_error(ctx, &d);
}

/* A file, or a folder read recursively in sorted order: its JSON and YAML
 * files (and files without an extension); hidden entries are skipped. */
static void lint_path(validate_run *r, const char *path)
{
	static const fswalk_ops ops = { visit_file, visit_want, visit_error };

	fswalk(path, &ops, r);
}

static void print_text(FILE *out, const validate_run *r)
{
	size_t i;

	for (i = 0; i < r->findings.count; i++) {
		const policy_lint_finding *f = &r->findings.items[i];
		fprintf(out, "%s:%u:%u: %s: %s [%s]\n", f->file ? f->file : "-", f->line, f->col,
			severity_name(f->severity), f->message, f->rule);
	}
	fprintf(out, "%zu finding(s) in %zu file(s)", r->findings.count, r->files);
	if (r->skipped)
		fprintf(out, " (%zu not linted)", r->skipped);
	fputc('\n', out);
}

static void print_json(FILE *out, const validate_run *r)
{
	json_t *list = json_array(), *root;
	size_t i;

	for (i = 0; i < r->findings.count; i++) {
		const policy_lint_finding *f = &r->findings.items[i];
		json_t *loc = f->file ? json_pack("{s:s, s:i, s:i}", "file", f->file, "line", (int)f->line,
						  "column", (int)f->col)
				      : json_null();
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:o}", "rule", f->rule,
						      "severity", severity_name(f->severity),
						      "category", f->category, "message", f->message,
						      "location", loc));
	}
	root = json_pack("{s:s, s:o}", "schema", "permgraph/1", "findings", list);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', out);
	json_decref(root);
}

int cmd_validate(cli_options *o)
{
	validate_run r;
	severity fail_on = SEV_MEDIUM;
	FILE *out;
	size_t i;
	int rc = EXIT_OK;

	if (o->nargs < 1) {
		fprintf(stderr, "usage: permgraph validate [OPTIONS] POLICY...\n(see: permgraph help validate)\n");
		return EXIT_USAGE;
	}
	if (o->fail_on && severity_parse(o->fail_on, &fail_on) < 0) {
		fprintf(stderr, "permgraph validate: unknown severity '%s' (low, medium, high or critical)\n",
			o->fail_on);
		return EXIT_USAGE;
	}
	if (o->format != OUT_TEXT && o->format != OUT_JSON) {
		fprintf(stderr, "permgraph validate: output format not supported here (text or json)\n");
		return EXIT_USAGE;
	}
	memset(&r, 0, sizeof(r));
	policy_lint_list_init(&r.findings);
	for (i = 0; i < (size_t)o->nargs; i++)
		lint_path(&r, o->args[i]);
	policy_lint_list_sort(&r.findings);
	if (!(out = cli_open_output(o))) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	if (o->format == OUT_JSON)
		print_json(out, &r);
	else
		print_text(out, &r);
	if (cli_close_output(o, out) < 0) {
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	if (r.input_errors)
		rc = EXIT_USAGE;
	else
		for (i = 0; i < r.findings.count; i++)
			if (r.findings.items[i].severity >= fail_on)
				rc = EXIT_FINDINGS;
cleanup:
	policy_lint_list_release(&r.findings);
	return rc;
}
