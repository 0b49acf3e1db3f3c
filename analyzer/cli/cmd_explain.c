/* cmd_explain — one decision with its reasons, as text or JSON. */
#include "cli/cli.h"
#include "cli/cli_load.h"
#include "eval/aws_eval.h"
#include "render/render_json.h"

#include <string.h>

static void print_text(FILE *out, const aws_request *rq, const eval_result *r)
{
	size_t i;

	fprintf(out, "decision:  %s\n", decision_name(r->dec));
	fprintf(out, "principal: %s\n", rq->principal ? rq->principal->arn : rq->principal_arn);
	fprintf(out, "action:    %s\n", rq->action);
	fprintf(out, "resource:  %s\n", rq->resource_arn);
	if (r->n_reasons) {
		fputs("reasons:\n", out);
		for (i = 0; i < r->n_reasons; i++) {
			const eval_reason *e = &r->reasons[i];
			const stmt *s = e->st;
			const policy *p = s->policy;
			fprintf(out, "  %-5s %s policy '%s'", s->effect == EFFECT_ALLOW ? "allow" : "deny",
				eval_layer_name(e->layer), p->arn ? p->arn : p->name);
			if (p->owner)
				fprintf(out, " of '%s'", p->owner);
			if (s->sid && *s->sid)
				fprintf(out, " statement '%s'", s->sid);
			else
				fprintf(out, " statement %zu", s->index + 1);
			if (e->match == TRI_UNKNOWN)
				fputs(" (if its conditions hold)", out);
			if (s->loc.file)
				fprintf(out, "\n        at %s:%u:%u", s->loc.file, s->loc.line, s->loc.col);
			fputc('\n', out);
		}
	} else {
		fputs("reasons:   no statement applies\n", out);
	}
	for (i = 0; i < r->n_conditions; i++)
		fprintf(out, "%s  %s\n", i ? "          " : "conditions:", r->conditions[i]);
}

int cmd_explain(cli_options *o)
{
	cli_loaded l = { NULL, { NULL, 0, 0, 0 } };
	aws_request rq;
	eval_result r;
	FILE *out = NULL;
	int rc;

	if (o->nargs < 4) {
		fprintf(stderr, "usage: permgraph explain PRINCIPAL ACTION RESOURCE INPUT...\n"
				"(see: permgraph help explain)\n");
		return EXIT_USAGE;
	}
	if (o->args[2][0] == '/')
		return cmd_explain_azure(o);
	if (!strchr(o->args[1], ':')) {
		fprintf(stderr, "permgraph explain: ACTION must be service:Action, not '%s'\n", o->args[1]);
		return EXIT_USAGE;
	}
	aws_eval_result_init(&r);
	rc = cli_load(o, o->args + 3, (size_t)o->nargs - 3, &l);
	memset(&rq, 0, sizeof(rq));
	rq.principal = model_find_principal(l.m, o->args[0]);
	rq.principal_arn = o->args[0];
	rq.action = o->args[1];
	rq.resource_arn = o->args[2];
	if (!rq.principal && !o->quiet)
		fprintf(stderr, "permgraph: note: principal '%s' is not in the inputs; "
				"evaluated as an outside principal\n", o->args[0]);
	if (aws_eval(l.m, &rq, &r) < 0) {
		rc = EXIT_INTERNAL;
		goto cleanup;
	}
	out = cli_open_output(o);
	if (!out) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	if (o->format == OUT_JSON)
		render_json_explain(out, &rq, &r);
	else
		print_text(out, &rq, &r);
	if (cli_close_output(o, out) < 0)
		rc = EXIT_INTERNAL;
	if (rc == EXIT_OK && r.dec != DEC_ALLOW)
		rc = EXIT_FINDINGS;
cleanup:
	aws_eval_result_release(&r);
	cli_loaded_release(&l);
	return rc;
}
