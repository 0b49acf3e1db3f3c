/* cli_load — the inputs of a command into a finalized model, with diagnostics on stderr. */
#include "cli/cli_load.h"
#include "model/azure.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Split --deployment-scope SCOPE (into buf) into its management group,
 * subscription and resource group; 0, or -1 when it has none of the forms. */
static int parse_scope(const char *scope, char *buf, size_t size, const char **mg, const char **sub,
		       const char **rg)
{
	char *seg[8], *p;
	size_t n = 0;

	*mg = *sub = *rg = NULL;
	if (strlen(scope) >= size || scope[0] != '/')
		return -1;
	memcpy(buf, scope, strlen(scope) + 1);
	for (p = buf; *p && n < 8;) {
		while (*p == '/')
			*p++ = '\0';
		if (!*p)
			break;
		seg[n++] = p;
		while (*p && *p != '/')
			p++;
	}
	if (*p)
		return -1;
	if (n == 2 && !strcasecmp(seg[0], "subscriptions"))
		*sub = seg[1];
	else if (n == 4 && !strcasecmp(seg[0], "subscriptions") && !strcasecmp(seg[2], "resourceGroups"))
		*sub = seg[1], *rg = seg[3];
	else if (n == 4 && !strcasecmp(seg[0], "providers") && !strcasecmp(seg[1], "Microsoft.Management") &&
		 !strcasecmp(seg[2], "managementGroups"))
		*mg = seg[3];
	else
		return -1;
	return 0;
}

int cli_check_deployment_scope(const char *scope)
{
	char buf[512];
	const char *mg, *sub, *rg;

	if (parse_scope(scope, buf, sizeof(buf), &mg, &sub, &rg) == 0)
		return 0;
	fprintf(stderr, "permgraph: --deployment-scope '%s': expected /subscriptions/ID, "
			"/subscriptions/ID/resourceGroups/NAME or "
			"/providers/Microsoft.Management/managementGroups/NAME\n", scope);
	return -1;
}

model *cli_model_new(const cli_options *o)
{
	model *m = model_new();

	if (o->deployment_scope) {
		char buf[512];
		const char *mg, *sub, *rg;
		if (parse_scope(o->deployment_scope, buf, sizeof(buf), &mg, &sub, &rg) == 0)
			azm_set_deployment(model_azure(m), mg, sub, rg);
	}
	return m;
}

int cli_load(const cli_options *o, char *const *paths, size_t n, cli_loaded *out)
{
	diag_list diags;
	struct timespec t0, t1;
	int err, rc = EXIT_OK;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	out->m = cli_model_new(o);
	ingest_run_init(&out->run);
	diag_list_init(&diags);
	err = ingest_paths(&out->run, out->m, paths, n, o->input_format, &diags);
	model_finalize(out->m, &diags);
	if (!o->quiet)
		diag_list_print(stderr, &diags);
	else
		for (size_t i = 0; i < diags.count; i++)
			if (diags.items[i].severity == DIAG_ERROR)
				diag_print(stderr, &diags.items[i]);
	if (err == PG_EUSAGE)
		rc = EXIT_USAGE;
	else if (err < 0 || diags.errors)
		rc = EXIT_USAGE;
	if (o->verbose) {
		for (size_t i = 0; i < out->run.n_inputs; i++)
			if (!out->run.inputs[i].format)
				fprintf(stderr, "permgraph: %s: not read (format not recognized)\n", out->run.inputs[i].path);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(stderr, "permgraph: read %zu file(s): %zu failed, %zu skipped, %.2f s\n", out->run.n_inputs,
			out->run.files_failed, out->run.files_skipped,
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	} else if (out->run.files_skipped && !o->quiet) {
		fprintf(stderr, "permgraph: note: skipped %zu file(s) in folders whose format permgraph does not read "
				"(-v lists them)\n", out->run.files_skipped);
	}
	diag_list_release(&diags);
	return rc;
}

void cli_loaded_release(cli_loaded *l)
{
	if (!l)
		return;
	model_free(l->m);
	l->m = NULL;
	ingest_run_release(&l->run);
}
