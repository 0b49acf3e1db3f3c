/* cmd_who_can — every principal that can perform ACTION on RESOURCE. */
#include "cli/cli.h"
#include "cli/cli_load.h"
#include "graph/aws_reach.h"
#include "render/render_json.h"

#include <string.h>

void who_can_print_text(FILE *out, const char *action, const char *resource_arn, const reach_result *r)
{
	size_t i, j;

	fprintf(out, "%zu principal(s) can %s on %s\n", r->count, action, resource_arn);
	for (i = 0; i < r->count; i++) {
		const reach_entry *e = &r->entries[i];
		if (e->name)
			fprintf(out, "  %-11s %s (%s, %s)\n", decision_name(e->dec), e->principal, e->kind, e->name);
		else
			fprintf(out, "  %-11s %s (%s)\n", decision_name(e->dec), e->principal, e->kind);
		if (e->n_via > 1) {
			fputs("              via ", out);
			for (j = 0; j < e->n_via; j++)
				fprintf(out, "%s%s", j ? " -> " : "", e->via[j]);
			fputc('\n', out);
		}
		for (j = 0; j < e->n_conditions; j++)
			fprintf(out, "              %s\n", e->conditions[j]);
	}
}

int cmd_who_can(cli_options *o)
{
	cli_loaded l = { NULL, { NULL, 0, 0, 0 } };
	reach_result r;
	FILE *out;
	int rc;

	if (o->nargs < 3) {
		fprintf(stderr, "usage: permgraph who-can ACTION RESOURCE INPUT...\n(see: permgraph help who-can)\n");
		return EXIT_USAGE;
	}
	if (o->args[1][0] == '/')
		return cmd_who_can_azure(o);
	if (!strchr(o->args[0], ':')) {
		fprintf(stderr, "permgraph who-can: ACTION must be service:Action, not '%s'\n", o->args[0]);
		return EXIT_USAGE;
	}
	reach_result_init(&r);
	rc = cli_load(o, o->args + 2, (size_t)o->nargs - 2, &l);
	if (aws_who_can(l.m, o->args[0], o->args[1], &r) < 0) {
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	if (o->verbose)
		fprintf(stderr, "permgraph: %zu decisions evaluated\n", r.evaluations);
	out = cli_open_output(o);
	if (!out) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	if (o->format == OUT_JSON)
		render_json_who_can(out, o->args[0], o->args[1], &r);
	else
		who_can_print_text(out, o->args[0], o->args[1], &r);
	if (cli_close_output(o, out) < 0)
		rc = EXIT_INTERNAL;
cleanup:
	reach_result_release(&r);
	cli_loaded_release(&l);
	return rc;
}
