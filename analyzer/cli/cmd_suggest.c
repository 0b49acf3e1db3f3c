/*
 * cmd_suggest — least-privilege suggestions: config, scan's analysis, the
 * suggest stage (each suggestion verified by re-evaluation), then text or
 * JSON. Rejected suggestions are reported on standard error too.
 */
#include "cli/cli.h"
#include "cli/cli_load.h"
#include "checks/scan.h"
#include "model/azure.h"
#include "model/config.h"
#include "render/render_suggest.h"
#include "suggest/suggestion.h"

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

/* Does --principal name an AWS principal or an Azure one (object id, UPN, display name)? */
static int principal_known(model *m, const char *id)
{
	az_principal *found[1];

	if (model_find_principal(m, id))
		return 1;
	return azm_present(m) && azm_lookup_principal(model_azure(m), id, found, 1) > 0;
}

int cmd_suggest(cli_options *o)
{
	cli_loaded l = { NULL, { NULL, 0, 0, 0 } };
	suggestion_list sl;
	suggest_options so;
	scan_result r;
	config *cfg = NULL;
	diag_list warn;
	FILE *out;
	int rc = EXIT_OK, err;

	if (o->nargs < 1) {
		fputs("usage: permgraph suggest [OPTIONS] INPUT...\n(see: permgraph help suggest)\n", stderr);
		return EXIT_USAGE;
	}
	if (o->format != OUT_TEXT && o->format != OUT_JSON && o->format != OUT_MD) {
		fputs("permgraph suggest: writes text, json or md (-f text|json|md)\n", stderr);
		return EXIT_USAGE;
	}
	scan_result_init(&r);
	suggestion_list_init(&sl);
	diag_list_init(&warn);
	if (!(cfg = load_config(o, &rc)))
		goto cleanup;
	rc = cli_load(o, o->args, (size_t)o->nargs, &l);
	err = scan_run(l.m, cfg, config_today(), &r, &warn);
	if (!o->quiet)
		diag_list_print(stderr, &warn);
	diag_list_release(&warn);
	diag_list_init(&warn);
	if (err < 0) {
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	if (o->principal && !principal_known(l.m, o->principal)) {
		fprintf(stderr, "permgraph suggest: principal '%s' is not in the inputs\n", o->principal);
		rc = EXIT_USAGE;
		goto cleanup;
	}
	memset(&so, 0, sizeof(so));
	so.principal = o->principal;
	so.today = config_today();
	if (suggest_run(l.m, &r, cfg, &so, &sl, &warn) < 0) {
		diag_list_print(stderr, &warn);
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	/* a rejected suggestion is never shown as one: say so where it cannot be missed */
	diag_list_print(stderr, &warn);
	if (o->verbose) {
		size_t i, decisions = 0;
		for (i = 0; i < sl.count; i++)
			decisions += sl.items[i]->decisions;
		fprintf(stderr, "permgraph: %zu suggestion(s) verified with %zu engine decision(s)\n",
			suggestion_list_verified(&sl), decisions);
	}
	if (!(out = cli_open_output(o))) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	if (o->format == OUT_JSON)
		render_suggest_json(out, &sl);
	else if (o->format == OUT_MD)
		render_suggest_md(out, &sl);
	else
		render_suggest_text(out, &sl);
	if (cli_close_output(o, out) < 0)
		rc = EXIT_INTERNAL;
cleanup:
	suggestion_list_release(&sl);
	scan_result_release(&r);
	diag_list_release(&warn);
	config_free(cfg);
	cli_loaded_release(&l);
	return rc;
}
