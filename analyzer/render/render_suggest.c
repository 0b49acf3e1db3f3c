/* render_suggest — suggestions as DESIGN's JSON (through jansson) and as text. */
#include "render/render_suggest.h"
#include "render/render_md.h"
#include "base/strbuf.h"
#include "catalog/aws_catalog.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(suggestion_kind k)
{
	switch (k) {
	case SUG_AWS_IDENTITY: return "aws-identity-policy";
	case SUG_AWS_GUARDRAIL: return "aws-resource-guardrail";
	default: return "azure-assignment";
	}
}

static json_t *strs(const sug_strs *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->items[i]));
	return a;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* --- IAM policy documents ----------------------------------------------------- */

static json_t *action_names(const stmt *st)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < st->n_actions; i++) {
		long k = aws_catalog_find(st->actions[i]);
		json_array_append_new(a, json_string(k >= 0 ? aws_catalog_name((size_t)k) : st->actions[i]));
	}
	return a;
}

static json_t *list_or_one(const char *const *v, size_t n)
{
	json_t *a;
	size_t i;

	if (n == 1)
		return json_string(v[0]);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *condition(const stmt *st)
{
	json_t *c = json_object();
	size_t i;

	for (i = 0; i < st->n_conds; i++) {
		const cond *k = &st->conds[i];
		json_t *op = json_object_get(c, k->op);
		if (!op) {
			op = json_object();
			json_object_set_new(c, k->op, op);
		}
		json_object_set_new(op, k->key, list_or_one(k->values, k->n_values));
	}
	return c;
}

static json_t *principal_element(const stmt *st)
{
	json_t *o;
	size_t i;

	if (st->n_principals == 1 && st->principals[0].kind == PSPEC_STAR)
		return json_string("*");
	o = json_object();
	for (i = 0; i < st->n_principals; i++) {
		const char *key = st->principals[i].kind == PSPEC_SERVICE ? "Service" :
				  st->principals[i].kind == PSPEC_FEDERATED ? "Federated" :
				  st->principals[i].kind == PSPEC_CANONICAL_USER ? "CanonicalUser" : "AWS";
		json_t *a = json_object_get(o, key);
		if (!a) {
			a = json_array();
			json_object_set_new(o, key, a);
		}
		json_array_append_new(a, json_string(st->principals[i].value));
	}
	return o;
}

static json_t *statement(const stmt *st)
{
	json_t *o = json_object();

	if (st->sid)
		json_object_set_new(o, "Sid", json_string(st->sid));
	json_object_set_new(o, "Effect", json_string(st->effect == EFFECT_ALLOW ? "Allow" : "Deny"));
	if (st->has_principal)
		json_object_set_new(o, st->not_principal ? "NotPrincipal" : "Principal", principal_element(st));
	json_object_set_new(o, st->not_action ? "NotAction" : "Action", action_names(st));
	if (st->has_resource)
		json_object_set_new(o, st->not_resource ? "NotResource" : "Resource",
				    list_or_one(st->resources, st->n_resources));
	if (st->n_conds)
		json_object_set_new(o, "Condition", condition(st));
	return o;
}

static json_t *policy_doc(const policy *p)
{
	json_t *sts = json_array();
	size_t i;

	for (i = 0; p && i < p->n_stmts; i++)
		json_array_append_new(sts, statement(&p->stmts[i]));
	return json_pack("{s:s, s:o}", "Version", p && p->version ? p->version : "2012-10-17", "Statement", sts);
}

static json_t *az_assignment_json(const sug_az *z)
{
	json_t *perm = json_pack("{s:o, s:o, s:o, s:o}", "actions", strs(&z->actions), "notActions",
				 strs(&z->not_actions), "dataActions", strs(&z->data_actions), "notDataActions",
				 strs(&z->not_data_actions));

	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:[o]}", "principalId", str_or_null(z->principal_id),
			      "principalType", str_or_null(z->principal_type), "roleDefinitionId", str_or_null(z->role_id),
			      "roleDefinitionName", str_or_null(z->role_name), "scope", str_or_null(z->scope),
			      "permissions", perm);

	if (z->condition) {
		json_object_set_new(o, "condition", json_string(z->condition));
		json_object_set_new(o, "conditionVersion", str_or_null(z->condition_version));
	}
	return o;
}

/* --- suggestions --------------------------------------------------------------- */

static json_t *suggestion_json(const suggestion *s)
{
	json_t *o = json_object(), *removed = json_array();
	size_t i;

	for (i = 0; i < s->n_removed; i++) {
		const sug_removed *r = &s->removed[i];
		json_t *e = json_pack("{s:o, s:o, s:o}", "resource", str_or_null(r->resource), "actions",
				      strs(&r->actions), "reason", str_or_null(r->reason));
		if (s->kind == SUG_AWS_GUARDRAIL)
			json_object_set_new(e, "principal", str_or_null(r->principal));
		json_array_append_new(removed, e);
	}
	json_object_set_new(o, "kind", json_string(kind_name(s->kind)));
	json_object_set_new(o, "principal", str_or_null(s->principal));
	if (s->kind == SUG_AWS_GUARDRAIL)
		json_object_set_new(o, "resource", str_or_null(s->resource));
	json_object_set_new(o, "current", strs(&s->current));
	json_object_set_new(o, "suggested", s->kind == SUG_AZ_ASSIGNMENT ? az_assignment_json(&s->az) : policy_doc(s->doc));
	json_object_set_new(o, "removed", removed);
	json_object_set_new(o, "notes", strs(&s->notes));
	json_object_set_new(o, "verified", json_boolean(s->verified));
	if (!s->verified)
		json_object_set_new(o, "failures", strs(&s->failures));
	return o;
}

void render_suggest_json(FILE *out, const suggestion_list *l)
{
	json_t *ok = json_array(), *bad = json_array(), *root;
	size_t i;

	for (i = 0; i < l->count; i++)
		json_array_append_new(l->items[i]->verified ? ok : bad, suggestion_json(l->items[i]));
	root = json_pack("{s:s, s:o, s:o, s:o, s:I}", "schema", "permgraph/1", "suggestions", ok, "rejected", bad,
			 "skipped", strs(&l->skipped), "unchanged", (json_int_t)l->unchanged);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', out);
	json_decref(root);
}

/* --- text ------------------------------------------------------------------------ */

/* A JSON value indented under a text line. */
static void print_json(FILE *out, json_t *v, const char *indent)
{
	char *text = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS);
	const char *p = text, *nl;

	while (p && *p) {
		nl = strchr(p, '\n');
		fprintf(out, "%s%.*s\n", indent, (int)(nl ? (size_t)(nl - p) : strlen(p)), p);
		p = nl ? nl + 1 : NULL;
	}
	free(text);
	json_decref(v);
}

static void print_actions(FILE *out, const sug_strs *a)
{
	size_t i, shown = a->n > 6 ? 5 : a->n;

	if (a->n > 6)
		fprintf(out, "%zu: ", a->n);
	for (i = 0; i < shown; i++)
		fprintf(out, "%s%s", i ? ", " : "", a->items[i]);
	if (shown < a->n)
		fputs(", ...", out);
}

static void print_one(FILE *out, const suggestion *s)
{
	size_t i;

	fprintf(out, "\n[%s] %s", kind_name(s->kind), s->principal ? s->principal : s->resource);
	if (s->principal_name && s->principal && strcmp(s->principal_name, s->principal))
		fprintf(out, " (%s)", s->principal_name);
	fputc('\n', out);
	for (i = 0; i < s->current.n; i++)
		fprintf(out, "  %s %s\n", s->kind == SUG_AWS_GUARDRAIL ? "policy:" : "replaces:", s->current.items[i]);
	if (s->kind == SUG_AZ_ASSIGNMENT) {
		fprintf(out, "  suggested: '%s' at %s\n", s->az.role_name, s->az.scope);
		fprintf(out, "    az role assignment create --assignee-object-id %s --assignee-principal-type %s "
			     "--role %s --scope %s", s->az.principal_id, s->az.principal_type, s->az.role_guid, s->az.scope);
		if (s->az.condition)
			fprintf(out, " --condition \"%s\" --condition-version %s", s->az.condition,
				s->az.condition_version ? s->az.condition_version : "2.0");
		fputc('\n', out);
	} else {
		fputs(s->kind == SUG_AWS_GUARDRAIL ? "  statement to add to its resource policy:\n" :
		      "  suggested policy:\n", out);
		print_json(out, policy_doc(s->doc), "    ");
	}
	if (s->n_removed)
		fputs("  removes:\n", out);
	for (i = 0; i < s->n_removed; i++) {
		const sug_removed *r = &s->removed[i];
		fputs("    ", out);
		if (r->principal)
			fprintf(out, "%s: ", r->principal);
		fprintf(out, "%s: ", r->resource ? r->resource : "?");
		print_actions(out, &r->actions);
		fprintf(out, " (%s)\n", r->reason ? r->reason : "removed");
	}
	for (i = 0; i < s->notes.n; i++)
		fprintf(out, "  note: %s\n", s->notes.items[i]);
	for (i = 0; i < s->failures.n; i++)
		fprintf(out, "  failed: %s\n", s->failures.items[i]);
}

void render_suggest_text(FILE *out, const suggestion_list *l)
{
	size_t i, ok = suggestion_list_verified(l);

	fprintf(out, "%zu suggestion(s) verified by re-evaluation, %zu rejected; %zu already least-privilege\n", ok,
		l->count - ok, l->unchanged);
	for (i = 0; i < l->count; i++)
		if (l->items[i]->verified)
			print_one(out, l->items[i]);
	if (ok < l->count)
		fputs("\nrejected (verification failed, not suggested):\n", out);
	for (i = 0; i < l->count; i++)
		if (!l->items[i]->verified)
			print_one(out, l->items[i]);
	if (l->skipped.n)
		fputs("\nskipped:\n", out);
	for (i = 0; i < l->skipped.n; i++)
		fprintf(out, "  %s\n", l->skipped.items[i]);
	fputs("\nnot in this slice: usage data (CloudTrail, Access Advisor), diffs, scan -o\n", out);
}

/* --- Markdown ------------------------------------------------------------------------ */

/* A fenced block whose fence is longer than any backtick run in the text. */
static void md_fenced(FILE *out, const char *lang, const char *text)
{
	size_t run = 0, longest = 0, i;

	for (i = 0; text[i]; i++) {
		run = text[i] == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	longest = longest < 3 ? 3 : longest + 1;
	fprintf(out, "%.*s%s\n%s\n%.*s\n", (int)longest, "``````````````````````````````````", lang, text,
		(int)longest, "``````````````````````````````````");
}

static void md_line(FILE *out, const char *prefix, const char *code, const char *suffix)
{
	strbuf sb = STRBUF_INIT;

	render_md_code(&sb, code, 0);
	fprintf(out, "%s%s%s\n", prefix, sb.buf ? sb.buf : "", suffix);
	strbuf_release(&sb);
}

static void md_one(FILE *out, const suggestion *s)
{
	char *text;
	size_t i;

	md_line(out, s->kind == SUG_AWS_GUARDRAIL ? "#### Guardrail for " : "#### ",
		s->principal ? s->principal : s->resource, "");
	for (i = 0; i < s->current.n; i++)
		md_line(out, s->kind == SUG_AWS_GUARDRAIL ? "- resource policy: " : "- replaces ", s->current.items[i], "");
	if (s->kind == SUG_AZ_ASSIGNMENT) {
		json_t *v = az_assignment_json(&s->az);
		md_line(out, "- suggested role: ", s->az.role_name, "");
		md_line(out, "- at scope ", s->az.scope, "");
		text = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS);
		json_decref(v);
	} else {
		json_t *v = policy_doc(s->doc);
		fputs(s->kind == SUG_AWS_GUARDRAIL ? "- statement to add to its resource policy:\n" :
		      "- suggested policy:\n", out);
		text = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS);
		json_decref(v);
	}
	fputc('\n', out);
	md_fenced(out, "json", text ? text : "");
	free(text);
	if (s->n_removed)
		fprintf(out, "\nRemoves %zu grant(s):\n\n", s->n_removed);
	for (i = 0; i < s->n_removed && i < 20; i++) {
		const sug_removed *r = &s->removed[i];
		strbuf sb = STRBUF_INIT;
		render_md_code(&sb, r->resource ? r->resource : "?", 0);
		fprintf(out, "- %s: %zu action(s) (%s)\n", sb.buf ? sb.buf : "", r->actions.n,
			r->reason ? r->reason : "removed");
		strbuf_release(&sb);
	}
	if (s->n_removed > 20)
		fprintf(out, "- ... and %zu more (the JSON report lists them)\n", s->n_removed - 20);
	for (i = 0; i < s->notes.n; i++)
		fprintf(out, "\n> %s\n", s->notes.items[i]);
	fputc('\n', out);
}

void render_suggest_md(FILE *out, const suggestion_list *l)
{
	size_t i, ok = suggestion_list_verified(l);

	fprintf(out, "### permgraph: least-privilege suggestions\n\n**%zu suggestion(s)**, each verified by "
		     "re-evaluation; %zu rejected; %zu principal(s) and assignment(s) already least-privilege.\n\n",
		ok, l->count - ok, l->unchanged);
	for (i = 0; i < l->count; i++)
		if (l->items[i]->verified)
			md_one(out, l->items[i]);
	if (ok < l->count)
		fprintf(out, "%zu suggestion(s) failed verification and are not shown (see the JSON report).\n",
			l->count - ok);
}
