/* cmd_graph — draw the permission graph (DOT, SVG or PNG), whole or around one principal or resource. */
#include "cli/cli.h"
#include "cli/cli_load.h"
#include "checks/scan.h"
#include "model/azure.h"
#include "model/config.h"
#include "render/render_graph.h"

#include <string.h>
#include <unistd.h>

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

static const char *format_name(cli_format f)
{
	return f == OUT_SVG ? "svg" : f == OUT_PNG ? "png" : "dot";
}

/* The graph node --focus names: as render_graph_find takes it, or an Azure
 * user principal name; NULL after a message (with the closest id). */
static const gnode *find_focus(const cli_options *o, model *m, const scan_result *r)
{
	const gnode *n = render_graph_find(r->g, o->focus);
	const char *near;

	if (!n && azm_present(m)) {
		az_principal *found[2];
		if (azm_lookup_principal(model_azure(m), o->focus, found, 2) == 1)
			n = graph_find(r->g, found[0]->id);
	}
	if (n)
		return n;
	near = render_graph_suggest(r->g, o->focus);
	fprintf(stderr, "permgraph graph: '%s' is not a principal or resource of the graph (resources are in it "
			"when classified synthetic or production)%s%s%s\n",
		o->focus, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
	return NULL;
}

int cmd_graph(cli_options *o)
{
	cli_loaded l = { NULL, { NULL, 0, 0, 0 } };
	render_graph_opts ro;
	render_graph_info info;
	const gnode *focus = NULL;
	scan_result r;
	config *cfg = NULL;
	diag_list warn;
	FILE *out;
	int rc = EXIT_OK, err;

	if (o->nargs < 1) {
		fprintf(stderr, "usage: permgraph graph [OPTIONS] INPUT...\n(see: permgraph help graph)\n");
		return EXIT_USAGE;
	}
	if (!o->format_set)
		o->format = OUT_DOT;
	if (o->format != OUT_DOT && o->format != OUT_SVG && o->format != OUT_PNG) {
		fprintf(stderr, "permgraph graph: output format must be dot, svg or png\n");
		return EXIT_USAGE;
	}
	if (o->format != OUT_DOT && (!o->output || !strcmp(o->output, "-")) && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "permgraph graph: not writing %s to a terminal; give -o FILE or redirect standard "
				"output\n", o->format == OUT_PNG ? "PNG" : "SVG");
		return EXIT_USAGE;
	}
	scan_result_init(&r);
	diag_list_init(&warn);
	memset(&ro, 0, sizeof(ro));
	if (!(cfg = load_config(o, &rc)))
		goto cleanup;
	rc = cli_load(o, o->args, (size_t)o->nargs, &l);
	err = scan_run(l.m, cfg, config_today(), &r, &warn);
	if (!o->quiet)
		diag_list_print(stderr, &warn);
	if (err < 0) {
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	if (o->focus && !(focus = find_focus(o, l.m, &r))) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	ro.focus = focus ? focus->id : NULL;
	ro.info = &info;
	if (!(out = cli_open_output(o))) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	err = render_graph_file(out, &r, &ro, format_name(o->format));
	if (cli_close_output(o, out) < 0 || err < 0) {
		if (err < 0)
			fprintf(stderr, "permgraph graph: Graphviz could not render the graph\n");
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	if (info.note[0] && !o->quiet)
		fprintf(stderr, "permgraph: note: %s\n", info.note);
cleanup:
	scan_result_release(&r);
	diag_list_release(&warn);
	config_free(cfg);
	cli_loaded_release(&l);
	return rc;
}
