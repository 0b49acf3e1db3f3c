/* render_json — DESIGN's JSON shapes through jansson. */
#include "render/render_json.h"

#include <jansson.h>
#include <stdlib.h>

#define SCHEMA "permgraph/1"

static void dump(FILE *out, json_t *j)
{
	json_dumpf(j, out, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', out);
	json_decref(j);
}

static json_t *strings(char *const *s, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(s[i]));
	return a;
}

static json_t *location(const pg_loc *l)
{
	if (!l->file)
		return json_null();
	return json_pack("{s:s, s:i, s:i}", "file", l->file, "line", (int)l->line, "column", (int)l->col);
}

void render_json_explain(FILE *out, const aws_request *rq, const eval_result *r)
{
	json_t *reasons = json_array();
	size_t i;

	for (i = 0; i < r->n_reasons; i++) {
		const stmt *s = r->reasons[i].st;
		const policy *p = s->policy;
		json_t *reason = json_pack("{s:s, s:s, s:s, s:o, s:o, s:b}",
					   "effect", s->effect == EFFECT_ALLOW ? "allow" : "deny",
					   "layer", eval_layer_name(r->reasons[i].layer),
					   "policy", p->arn ? p->arn : p->name,
					   "statement", s->sid && *s->sid ? json_string(s->sid) : json_integer((json_int_t)s->index + 1),
					   "location", location(&s->loc),
					   "conditional", r->reasons[i].match == TRI_UNKNOWN);
		if (p->owner)
			json_object_set_new(reason, "attached_to", json_string(p->owner));
		json_array_append_new(reasons, reason);
	}
	dump(out, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}",
			    "schema", SCHEMA,
			    "principal", rq->principal ? rq->principal->arn : rq->principal_arn,
			    "action", rq->action,
			    "resource", rq->resource_arn,
			    "decision", decision_name(r->dec),
			    "reasons", reasons,
			    "conditions", strings(r->conditions, r->n_conditions)));
}

void render_json_who_can(FILE *out, const char *action, const char *resource_arn, const reach_result *r)
{
	json_t *ps = json_array();
	size_t i, j;

	for (i = 0; i < r->count; i++) {
		const reach_entry *e = &r->entries[i];
		json_t *via = json_array(), *entry;
		for (j = 0; j < e->n_via; j++)
			json_array_append_new(via, json_string(e->via[j]));
		entry = json_pack("{s:s, s:s, s:s, s:o, s:o}",
					  "principal", e->principal,
					  "type", e->kind,
					  "decision", decision_name(e->dec),
					  "via", via,
					  "conditions", strings(e->conditions, e->n_conditions));
		if (e->name)
			json_object_set_new(entry, "name", json_string(e->name));
		json_array_append_new(ps, entry);
	}
	dump(out, json_pack("{s:s, s:s, s:s, s:o}", "schema", SCHEMA, "action", action, "resource", resource_arn,
			    "principals", ps));
}
