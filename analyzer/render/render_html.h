/*
 * render_html — the auditor's report of `scan` (report.html): one
 * self-contained page that works offline (no CDN, no fetch; a Content
 * Security Policy forbids every load and allows only the report's own script,
 * by hash). Sections: summary (counts by severity and category, principals,
 * resources, synthetic stores, what scan does not check yet); findings
 * (table with filters by severity and category, sortable columns, each
 * finding's evidence path expandable); every synthetic store with its graph
 * (inline SVG) and who reaches it; the access matrix (principals x synthetic
 * stores, levels in cells); the evidence (tool version, time, every input's
 * path, format and sha256, the config's path and sha256 or the built-in
 * defaults, also as a JSON block for machines).
 *
 * Large estates are capped (findings rows, graphs, matrix rows and columns,
 * per-store rows) and the page says what was left out and where to find it.
 * The page skeleton, CSS and JS are reports/report.{html.in,css,js}, built
 * into the binary. Output is deterministic for the same inputs and
 * SOURCE_DATE_EPOCH (report_ctx's time).
 *
 * Every string from the inputs is escaped for HTML; data inside <script> is
 * JSON with <, >, & and U+2028/U+2029 escaped, so no name can close a script
 * or open an element.
 *
 * Ownership: borrows the context; writes to out.
 */
#ifndef PG_RENDER_HTML_H
#define PG_RENDER_HTML_H

#include <stdio.h>
#include "base/strbuf.h"
#include "render/report.h"

/* The report into out; 0, or PG_EINTERNAL when it could not be written. */
int render_html_scan(FILE *out, const report_ctx *c);

/* s for HTML text and quoted attribute values: & < > " ' as entities, C0
 * controls other than tab, LF and CR as U+FFFD. NULL appends nothing. */
void render_html_escape(strbuf *sb, const char *s);

/* JSON text made safe inside a <script> element: <, >, & and the UTF-8 of
 * U+2028 and U+2029 as \u escapes. Valid only for JSON text, where those
 * characters appear inside strings alone. */
void render_html_script_json(strbuf *sb, const char *json);

#endif
