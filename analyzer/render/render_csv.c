/* render_csv — access.csv for the access review (render_csv.h). */
#include "render/render_csv.h"

#include <string.h>

static const char *const header[] = {
	"principal", "name", "type", "tenant", "store", "classification", "levels", "actions", "decision", "via",
	"conditions", "reviewer", "keep_or_revoke", "comment", NULL
};

void render_csv_field(strbuf *sb, const char *s)
{
	int guard, quote;
	const char *p;

	if (!s || !*s)
		return;
	/* A spreadsheet runs a cell that starts with one of these as a formula. */
	guard = strchr("=+-@\t\r", *s) != NULL;
	quote = guard || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		strbuf_addstr(sb, s);
		return;
	}
	strbuf_addch(sb, '"');
	if (guard)
		strbuf_addch(sb, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, '"');
}

static void end_row(FILE *out, strbuf *row)
{
	strbuf_addstr(row, "\r\n");
	fwrite(row->buf, 1, row->len, out);
	strbuf_reset(row);
}

static void joined(strbuf *row, const char *const *s, size_t n, const char *sep)
{
	strbuf cell = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(&cell, "%s%s", i ? sep : "", s[i]);
	render_csv_field(row, cell.buf);
	strbuf_release(&cell);
}

/* The path of principals, " -> "-joined (quoted as a whole, so built first). */
static void via_cell(strbuf *row, const access_entry *e)
{
	strbuf via = STRBUF_INIT;
	size_t i;

	for (i = 0; i < e->n_via; i++)
		strbuf_addf(&via, "%s%s", i ? " -> " : "", gnode_display_id(e->via[i]));
	render_csv_field(row, via.buf);
	strbuf_release(&via);
}

static void entry_row(strbuf *row, const access_entry *e)
{
	const gnode *p = e->principal, *r = e->resource;
	const char *part[8];
	size_t n = 0;
	unsigned bit;

	render_csv_field(row, gnode_display_id(p));
	strbuf_addch(row, ',');
	render_csv_field(row, p->name);
	strbuf_addch(row, ',');
	render_csv_field(row, p->type);
	strbuf_addch(row, ',');
	render_csv_field(row, p->tenant ? p->tenant : p->account);
	strbuf_addch(row, ',');
	render_csv_field(row, gnode_display_id(r));
	strbuf_addch(row, ',');
	if (r->classification & CLASS_SYNTHETIC)
		part[n++] = "synthetic";
	if (r->classification & CLASS_PRODUCTION)
		part[n++] = "production";
	joined(row, part, n, ";");
	strbuf_addch(row, ',');
	for (n = 0, bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (e->levels & bit)
			part[n++] = graph_level_name(bit);
	joined(row, part, n, ";");
	strbuf_addch(row, ',');
	joined(row, e->actions, e->n_actions, ";");
	strbuf_addch(row, ',');
	render_csv_field(row, decision_name(e->dec));
	strbuf_addch(row, ',');
	via_cell(row, e);
	strbuf_addch(row, ',');
	joined(row, e->conditions, e->n_conditions, ";");
	strbuf_addstr(row, ",,,");      /* reviewer, keep_or_revoke, comment: for the reviewer */
}

void render_csv_access(FILE *out, const report_ctx *c)
{
	strbuf row = STRBUF_INIT;
	size_t i;

	for (i = 0; header[i]; i++)
		strbuf_addf(&row, "%s%s", i ? "," : "", header[i]);
	end_row(out, &row);
	for (i = 0; c->scan && i < c->scan->access.count; i++) {
		const access_entry *e = &c->scan->access.items[i];
		if (!(e->resource->classification & CLASS_SYNTHETIC))
			continue;
		entry_row(&row, e);
		end_row(out, &row);
	}
	strbuf_release(&row);
}
