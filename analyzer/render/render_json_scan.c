/* render_json_scan — the scan contract through jansson. */
#include "render/render_json_scan.h"

#include <jansson.h>

static json_t *strings(const char *const *s, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(s[i]));
	return a;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *location(const pg_loc *l)
{
	if (!l->file)
		return json_null();
	return json_pack("{s:s, s:i, s:i}", "file", l->file, "line", (int)l->line, "column", (int)l->col);
}

static json_t *finding_json(const finding *f)
{
	json_t *path = json_array(), *controls = json_array();
	size_t i;

	for (i = 0; i < f->n_path; i++)
		json_array_append_new(path, json_pack("{s:o, s:o, s:o}", "from", str_or_null(f->path[i].from),
						      "to", str_or_null(f->path[i].to),
						      "edge", str_or_null(f->path[i].edge)));
	for (i = 0; f->controls && f->controls[i]; i++)
		json_array_append_new(controls, json_string(f->controls[i]));
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "id", f->id, "rule", f->rule, "category", f->category, "severity", severity_name(f->sev),
			 "principal", str_or_null(f->principal), "resource", str_or_null(f->resource),
			 "actions", strings((const char *const *)f->actions, f->n_actions), "path", path,
			 "message", str_or_null(f->message), "remediation", str_or_null(f->remediation),
			 "location", location(&f->loc), "controls", controls);
}

static json_t *access_json(const access_entry *e)
{
	json_t *levels = json_array(), *via = json_array();
	unsigned bit;
	size_t i;

	for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (e->levels & bit)
			json_array_append_new(levels, json_string(graph_level_name(bit)));
	for (i = 0; i < e->n_via; i++)
		json_array_append_new(via, json_string(gnode_display_id(e->via[i])));
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "principal", gnode_display_id(e->principal),
			 "resource", gnode_display_id(e->resource), "decision", decision_name(e->dec), "levels", levels,
			 "actions", strings(e->actions, e->n_actions), "via", via,
			 "conditions", strings(e->conditions, e->n_conditions));
}

void render_json_scan(FILE *out, const ingest_run *inputs, const scan_summary *sum, const finding_list *findings,
		      const access_list *access)
{
	json_t *ins = json_array(), *fs = json_array(), *acc = json_array(), *root;
	size_t counts[SEV_CRITICAL + 1], i;

	for (i = 0; i < inputs->n_inputs; i++)
		if (inputs->inputs[i].format)
			json_array_append_new(ins, json_pack("{s:s, s:s, s:s}", "path", inputs->inputs[i].path,
							     "format", inputs->inputs[i].format,
							     "sha256", inputs->inputs[i].sha256));
	for (i = 0; i < findings->count; i++)
		if (!findings->items[i].suppressed)
			json_array_append_new(fs, finding_json(&findings->items[i]));
	for (i = 0; i < access->count; i++)
		if (access->items[i].resource->classification & CLASS_SYNTHETIC)
			json_array_append_new(acc, access_json(&access->items[i]));
	finding_list_counts(findings, counts);
	root = json_pack("{s:s, s:{s:s, s:s}, s:o, s:{s:I, s:I, s:I, s:{s:I, s:I, s:I, s:I}}, s:o, s:o}",
			"schema", "permgraph/1", "tool", "name", "permgraph", "version", PG_VERSION, "inputs", ins,
			"summary", "principals", (json_int_t)sum->principals, "resources", (json_int_t)sum->resources,
			"synthetic_resources", (json_int_t)sum->synthetic_resources, "findings",
			"critical", (json_int_t)counts[SEV_CRITICAL], "high", (json_int_t)counts[SEV_HIGH],
			"medium", (json_int_t)counts[SEV_MEDIUM], "low", (json_int_t)counts[SEV_LOW],
			"findings", fs, "access", acc);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', out);
	json_decref(root);
}
