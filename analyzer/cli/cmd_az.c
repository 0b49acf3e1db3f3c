/* cmd_az — explain and who-can when RESOURCE is an Azure id. */
#include "cli/cli.h"
#include "cli/cli_load.h"
#include "catalog/az_catalog.h"
#include "eval/az_eval.h"
#include "eval/azure_id.h"
#include "graph/az_reach.h"
#include "ingest/az_common.h"
#include "render/render_json.h"
#include "render/render_json_az.h"

#include <string.h>

/* An operation is Provider.Namespace/type/.../verb: it has a slash and no colon. */
static int check_operation(const char *cmd, const char *op, const char *scope)
{
	azure_id id;

	if (!strchr(op, '/') || strchr(op, ':')) {
		fprintf(stderr, "permgraph %s: '%s' is an Azure id, so ACTION must be an Azure operation such as "
				"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read, not '%s'\n",
			cmd, scope, op);
		return EXIT_USAGE;
	}
	if (azure_id_parse(scope, &id) < 0) {
		fprintf(stderr, "permgraph %s: '%s' is not a valid Azure resource id or scope\n", cmd, scope);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static void note_operation(const cli_options *o, const char *op)
{
	const char *near;

	if (o->quiet || az_catalog_op_plane(op) != AZ_OP_UNKNOWN)
		return;
	near = az_catalog_suggest(op);
	fprintf(stderr, "permgraph: warning: '%s' is not in the operations catalogue (2023-04-09)%s%s%s; "
			"it is matched against both actions and dataActions\n",
		op, near ? ", did you mean '" : "", near ? near : "", near ? "'?" : "");
}

/* The principal named by s (object id, display name or UPN); NULL after a message when ambiguous. */
static az_principal *find_principal(const cli_options *o, model *m, const char *s, int *rc)
{
	azm *a = model_azure(m);
	az_principal *found[8];
	size_t n = azm_lookup_principal(a, s, found, 8), i;

	if (n == 1)
		return found[0];
	if (n > 1) {
		fprintf(stderr, "permgraph explain: '%s' names %zu principals; give an object id:\n", s, n);
		for (i = 0; i < n && i < 8; i++)
			fprintf(stderr, "  %s (%s)\n", found[i]->id, az_reach_kind(found[i]->kind));
		*rc = EXIT_USAGE;
		return NULL;
	}
	if (!az_is_guid(s)) {
		fprintf(stderr, "permgraph explain: no principal with object id, display name or user principal "
				"name '%s' is in the inputs\n", s);
		*rc = EXIT_USAGE;
		return NULL;
	}
	if (!o->quiet)
		fprintf(stderr, "permgraph: note: principal '%s' is not in the inputs; evaluated with no groups "
				"known\n", s);
	return azm_add_principal(a, s, AZP_UNKNOWN);
}

static void print_explain(FILE *out, const az_principal *who, const char *op, const char *scope,
			  const az_result *r)
{
	size_t i;

	fprintf(out, "decision:  %s\n", decision_name(r->dec));
	fprintf(out, "principal: %s (%s%s%s)\n", who->id, az_reach_kind(who->kind), who->name ? ", " : "",
		who->name ? who->name : "");
	if (who->external)
		fprintf(out, "           cross-tenant: %s\n", who->external_why);
	fprintf(out, "action:    %s (%s plane)\n", op, render_az_plane(r->plane));
	fprintf(out, "resource:  %s\n", scope);
	if (!r->n_reasons)
		fputs("reasons:   no role or deny assignment applies\n", out);
	else
		fputs("reasons:\n", out);
	for (i = 0; i < r->n_reasons; i++) {
		const az_reason *e = &r->reasons[i];
		if (e->deny) {
			fprintf(out, "  deny  deny assignment '%s' at %s", e->deny->name ? e->deny->name : "?",
				e->deny->scope_written ? e->deny->scope_written : e->deny->scope);
			if (e->pattern)
				fprintf(out, " ('%s')", e->pattern);
			if (e->conditional)
				fputs(" (may not apply)", out);
			if (e->deny->loc.file)
				fprintf(out, "\n        at %s:%u:%u", e->deny->loc.file, e->deny->loc.line, e->deny->loc.col);
		} else {
			const az_assignment *x = e->assignment;
			const char *role = x->role && x->role->name ? x->role->name : x->role_name;
			fprintf(out, "  allow %s '%s' at %s", render_az_grant_kind(x->kind), role ? role : x->role_guid,
				x->scope_written ? x->scope_written : x->scope);
			if (e->pattern)
				fprintf(out, " ('%s')", e->pattern);
			if (e->holder != who)
				fprintf(out, " held by %s", e->holder->name ? e->holder->name : e->holder->id);
			if (e->conditional)
				fputs(" (if the conditions below hold)", out);
			else if (e->condition_holds)
				fputs(" (its condition holds for this request)", out);
			if (x->loc.file)
				fprintf(out, "\n        at %s:%u:%u", x->loc.file, x->loc.line, x->loc.col);
		}
		fputc('\n', out);
	}
	for (i = 0; i < r->n_conditions; i++)
		fprintf(out, "%s  %s\n", i ? "          " : "conditions:", r->conditions[i]);
}

int cmd_explain_azure(cli_options *o)
{
	cli_loaded l = { NULL, { NULL, 0, 0, 0 } };
	const char *op = o->args[1], *scope = o->args[2];
	az_principal *who;
	az_result r;
	FILE *out;
	int rc, err;

	if ((rc = check_operation("explain", op, scope)) != EXIT_OK)
		return rc;
	az_result_init(&r);
	rc = cli_load(o, o->args + 3, (size_t)o->nargs - 3, &l);
	note_operation(o, op);
	who = find_principal(o, l.m, o->args[0], &rc);
	if (!who)
		goto cleanup;
	model_finalize(l.m, NULL);
	err = az_eval(l.m, who, op, scope, &r);
	if (err < 0) {
		rc = err == PG_EUSAGE ? EXIT_USAGE : EXIT_INTERNAL;
		goto cleanup;
	}
	out = cli_open_output(o);
	if (!out) {
		rc = EXIT_USAGE;
		goto cleanup;
	}
	if (o->format == OUT_JSON)
		render_json_az_explain(out, who, op, scope, &r);
	else
		print_explain(out, who, op, scope, &r);
	if (cli_close_output(o, out) < 0)
		rc = EXIT_INTERNAL;
	if (rc == EXIT_OK && r.dec != DEC_ALLOW)
		rc = EXIT_FINDINGS;
cleanup:
	az_result_release(&r);
	cli_loaded_release(&l);
	return rc;
}

int cmd_who_can_azure(cli_options *o)
{
	cli_loaded l = { NULL, { NULL, 0, 0, 0 } };
	const char *op = o->args[0], *scope = o->args[1];
	reach_result r;
	FILE *out;
	int rc, err;

	if ((rc = check_operation("who-can", op, scope)) != EXIT_OK)
		return rc;
	reach_result_init(&r);
	rc = cli_load(o, o->args + 2, (size_t)o->nargs - 2, &l);
	note_operation(o, op);
	err = az_who_can(l.m, op, scope, &r);
	if (err < 0) {
		rc = err == PG_EUSAGE ? EXIT_USAGE : EXIT_INTERNAL;
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
		render_json_who_can(out, op, scope, &r);
	else
		who_can_print_text(out, op, scope, &r);
	if (cli_close_output(o, out) < 0)
		rc = EXIT_INTERNAL;
cleanup:
	reach_result_release(&r);
	cli_loaded_release(&l);
	return rc;
}
