/* render_diff_json — diff's JSON report through jansson (render_diff.h has its shape). */
#include "render/render_diff.h"
#include "render/render_json_scan.h"

#include <jansson.h>

static json_t *levels_json(unsigned levels)
{
	json_t *a = json_array();
	unsigned bit;

	for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (levels & bit)
			json_array_append_new(a, json_string(graph_level_name(bit)));
	return a;
}

static json_t *via_json(const access_entry *e)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < e->n_via; i++)
		json_array_append_new(a, json_string(gnode_display_id(e->via[i])));
	return a;
}

static json_t *entry_json(const access_entry *e, int outside)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:b}", "principal", gnode_display_id(e->principal),
			 "resource", gnode_display_id(e->resource), "decision", decision_name(e->dec),
			 "levels", levels_json(e->levels), "actions", render_json_strings(e->actions, e->n_actions),
			 "via", via_json(e), "conditions", render_json_strings(e->conditions, e->n_conditions),
			 "outside_tenant", outside);
}

static json_t *side_of_change(const access_entry *e)
{
	return json_pack("{s:s, s:o, s:o, s:o}", "decision", decision_name(e->dec), "levels", levels_json(e->levels),
			 "via", via_json(e), "conditions", render_json_strings(e->conditions, e->n_conditions));
}

static json_t *changed_json(const diff_access *x)
{
	return json_pack("{s:s, s:s, s:b, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:o}", "principal", x->principal,
			 "resource", x->resource, "outside_tenant", x->outside, "widened", x->widened,
			 "narrowed", x->narrowed, "levels_added", levels_json(x->levels_added),
			 "levels_removed", levels_json(x->levels_removed),
			 "actions_added", render_json_strings(x->actions_added, x->n_actions_added),
			 "actions_removed", render_json_strings(x->actions_removed, x->n_actions_removed),
			 "base", side_of_change(x->base), "head", side_of_change(x->head));
}

static json_t *counts_json(const size_t counts[SEV_CRITICAL + 1])
{
	return json_pack("{s:I, s:I, s:I, s:I}", "critical", (json_int_t)counts[SEV_CRITICAL],
			 "high", (json_int_t)counts[SEV_HIGH], "medium", (json_int_t)counts[SEV_MEDIUM],
			 "low", (json_int_t)counts[SEV_LOW]);
}

static json_t *side_json(const render_diff_side *s)
{
	json_t *ins = json_array();
	size_t counts[SEV_CRITICAL + 1], i;

	for (i = 0; i < s->inputs->n_inputs; i++)
		if (s->inputs->inputs[i].format)
			json_array_append_new(ins, json_pack("{s:s, s:s, s:s}", "path", s->inputs->inputs[i].path,
							     "format", s->inputs->inputs[i].format,
							     "sha256", s->inputs->inputs[i].sha256));
	finding_list_counts(&s->scan->findings, counts);
	return json_pack("{s:o, s:{s:I, s:I, s:I, s:o}}", "inputs", ins, "summary",
			 "principals", (json_int_t)s->scan->principals, "resources", (json_int_t)s->scan->resources,
			 "synthetic_resources", (json_int_t)s->scan->synthetic_resources, "findings", counts_json(counts));
}

static json_t *accesses(const diff_access_list *l, int head)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->count; i++)
		json_array_append_new(a, entry_json(head ? l->items[i].head : l->items[i].base, l->items[i].outside));
	return a;
}

static json_t *findings(const diff_finding_list *l, int added)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < l->count; i++) {
		o = render_json_scan_finding(l->items[i].f);
		if (added)
			json_object_set_new(o, "base_severity", l->items[i].base_sev ?
					    json_string(severity_name(l->items[i].base_sev)) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

void render_diff_json(FILE *out, const render_diff_ctx *c)
{
	const scan_diff *d = c->diff;
	json_t *changed = json_array(), *root;
	size_t added[SEV_CRITICAL + 1], resolved[SEV_CRITICAL + 1], i;

	for (i = 0; i < d->changed.count; i++)
		json_array_append_new(changed, changed_json(&d->changed.items[i]));
	scan_diff_counts(&d->findings_added, added);
	scan_diff_counts(&d->findings_resolved, resolved);
	root = json_pack("{s:s, s:{s:s, s:s}, s:o, s:o, s:o, s:{s:o, s:o, s:o}, s:{s:o, s:o}, "
			 "s:{s:{s:I, s:I, s:I, s:I}, s:{s:o, s:o}, s:o, s:b}}",
			 "schema", "permgraph/1", "tool", "name", "permgraph", "version", PG_VERSION,
			 "live", render_json_strings((const char *const *)c->live, c->n_live),
			 "base", side_json(&c->base), "head", side_json(&c->head),
			 "access", "added", accesses(&d->added, 1), "removed", accesses(&d->removed, 0),
			 "changed", changed,
			 "findings", "added", findings(&d->findings_added, 1),
			 "resolved", findings(&d->findings_resolved, 0),
			 "summary", "access", "added", (json_int_t)d->added.count, "removed", (json_int_t)d->removed.count,
			 "changed", (json_int_t)d->changed.count, "outside_tenant", (json_int_t)d->outside_added,
			 "findings", "added", counts_json(added), "resolved", counts_json(resolved),
			 "fail_on", c->fail_on ? json_string(severity_name(c->fail_on)) : json_null(),
			 "fails", c->fails);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', out);
	json_decref(root);
}
