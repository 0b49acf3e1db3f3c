/* render_json_az — Azure explain as JSON. */
#include "render/render_json_az.h"
#include "graph/az_reach.h"

#include <jansson.h>

const char *render_az_grant_kind(aza_kind k)
{
	switch (k) {
	case AZA_ROLE: return "role-assignment";
	case AZA_CLASSIC: return "classic-administrator";
	case AZA_LIGHTHOUSE: return "lighthouse";
	case AZA_LIGHTHOUSE_ELIGIBLE: return "lighthouse-eligible";
	case AZA_LIGHTHOUSE_UNASSIGNED: return "lighthouse-unassigned";
	}
	return "role-assignment";
}

const char *render_az_plane(az_op_plane p)
{
	return p == AZ_OP_DATA ? "data" : p == AZ_OP_CONTROL ? "control" : "unknown";
}

static json_t *location(const pg_loc *l)
{
	if (!l->file)
		return json_null();
	return json_pack("{s:s, s:i, s:i}", "file", l->file, "line", (int)l->line, "column", (int)l->col);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *reason(const az_reason *e)
{
	const az_assignment *x = e->assignment;
	json_t *j;

	if (e->deny) {
		const az_deny *d = e->deny;
		return json_pack("{s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:b}", "effect", "deny", "kind", "deny-assignment",
				 "policy", str_or_null(d->name), "statement", str_or_null(d->id), "scope", d->scope_written ? d->scope_written : d->scope,
				 "pattern", str_or_null(e->pattern), "location", location(&d->loc),
				 "conditional", e->conditional);
	}
	j = json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:b}", "effect", "allow",
		      "kind", render_az_grant_kind(x->kind),
		      "policy", str_or_null(x->role && x->role->name ? x->role->name : x->role_name),
		      "role", str_or_null(x->role_guid),
		      "statement", str_or_null(x->id),
		      "scope", x->scope_written ? x->scope_written : x->scope,
		      "holder", e->holder->id,
		      "pattern", str_or_null(e->pattern),
		      "location", location(&x->loc),
		      "conditional", e->conditional);
	if (x->condition) {
		json_object_set_new(j, "condition", json_string(x->condition));
		json_object_set_new(j, "condition_holds", json_boolean(e->condition_holds));
	}
	if (x->role && x->role->loc.file)
		json_object_set_new(j, "role_location", location(&x->role->loc));
	return j;
}

void render_json_az_explain(FILE *out, const az_principal *who, const char *operation, const char *scope,
			    const az_result *r)
{
	json_t *reasons = json_array(), *conds = json_array(), *doc;
	size_t i;

	for (i = 0; i < r->n_reasons; i++)
		json_array_append_new(reasons, reason(&r->reasons[i]));
	for (i = 0; i < r->n_conditions; i++)
		json_array_append_new(conds, json_string(r->conditions[i]));
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:{s:s, s:o, s:b}}", "schema", "permgraph/1",
			"principal", who->id, "action", operation, "resource", scope,
			"decision", decision_name(r->dec), "reasons", reasons, "conditions", conds,
			"principal_info", "type", az_reach_kind(who->kind), "name", str_or_null(who->name),
			"external", who->external);
	json_object_set_new(doc, "plane", json_string(render_az_plane(r->plane)));
	json_dumpf(doc, out, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', out);
	json_decref(doc);
}
