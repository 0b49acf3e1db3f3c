/* render_json_scan — the scan contract through jansson. */
#include "render/render_json_scan.h"

#include "base/xalloc.h"
#include "render/json_write.h"

#include <jansson.h>
#include <stdlib.h>

json_t *render_json_strings(const char *const *s, size_t n)
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

json_t *render_json_scan_finding(const finding *f)
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
			 "actions", render_json_strings((const char *const *)f->actions, f->n_actions), "path", path,
			 "message", str_or_null(f->message), "remediation", str_or_null(f->remediation),
			 "location", location(&f->loc), "controls", controls);
}

/* One access entry at indent 4, keys in sorted order (json_write.h says why not jansson). */
static void access_write(FILE *out, const access_entry *e)
{
	const char *levels[5], *via_small[8], **via = via_small;
	size_t n_levels = 0, i;
	unsigned bit;

	for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (e->levels & bit)
			levels[n_levels++] = graph_level_name(bit);
	if (e->n_via > 8)
		via = xmalloc(e->n_via * sizeof(*via));
	for (i = 0; i < e->n_via; i++)
		via[i] = gnode_display_id(e->via[i]);
	fputs("\n    {", out);
	jw_key(out, 6, "actions");
	jw_strings(out, 6, e->actions, e->n_actions);
	putc(',', out);
	jw_key(out, 6, "conditions");
	jw_strings(out, 6, e->conditions, e->n_conditions);
	putc(',', out);
	jw_key(out, 6, "decision");
	jw_string(out, decision_name(e->dec));
	putc(',', out);
	jw_key(out, 6, "levels");
	jw_strings(out, 6, levels, n_levels);
	putc(',', out);
	jw_key(out, 6, "principal");
	jw_string(out, gnode_display_id(e->principal));
	putc(',', out);
	jw_key(out, 6, "resource");
	jw_string(out, gnode_display_id(e->resource));
	putc(',', out);
	jw_key(out, 6, "via");
	jw_strings(out, 6, via, e->n_via);
	fputs("\n    }", out);
	if (via != via_small)
		free((void *)via);
}

void render_json_scan(FILE *out, const ingest_run *inputs, const scan_summary *sum, const finding_list *findings,
		      const access_list *access)
{
	json_t *ins = json_array(), *fs = json_array(), *root;
	size_t counts[SEV_CRITICAL + 1], i, written = 0;
	char *rest;

	for (i = 0; i < inputs->n_inputs; i++)
		if (inputs->inputs[i].format)
			json_array_append_new(ins, json_pack("{s:s, s:s, s:s}", "path", inputs->inputs[i].path,
							     "format", inputs->inputs[i].format,
							     "sha256", inputs->inputs[i].sha256));
	for (i = 0; i < findings->count; i++)
		if (!findings->items[i].suppressed)
			json_array_append_new(fs, render_json_scan_finding(&findings->items[i]));
	finding_list_counts(findings, counts);
	root = json_pack("{s:s, s:{s:s, s:s}, s:o, s:{s:I, s:I, s:I, s:{s:I, s:I, s:I, s:I}}, s:o}",
			"schema", "permgraph/1", "tool", "name", "permgraph", "version", PG_VERSION, "inputs", ins,
			"summary", "principals", (json_int_t)sum->principals, "resources", (json_int_t)sum->resources,
			"synthetic_resources", (json_int_t)sum->synthetic_resources, "findings",
			"critical", (json_int_t)counts[SEV_CRITICAL], "high", (json_int_t)counts[SEV_HIGH],
			"medium", (json_int_t)counts[SEV_MEDIUM], "low", (json_int_t)counts[SEV_LOW],
			"findings", fs);
	/* "access" sorts first: stream it, then the rest of the object as jansson writes it */
	fputc('{', out);
	jw_key(out, 2, "access");
	fputc('[', out);
	for (i = 0; i < access->count; i++)
		if (access->items[i].resource->classification & CLASS_SYNTHETIC) {
			if (written++)
				fputc(',', out);
			access_write(out, &access->items[i]);
		}
	fputs(written ? "\n  ]," : "],", out);
	rest = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputs(rest ? rest + 1 : "}", out);   /* its "{" is already written */
	fputc('\n', out);
	free(rest);
	json_decref(root);
}
