/*
 * render_md — summary.md, a short Markdown summary of a scan, fit for a
 * pull-request comment (GitHub Flavored Markdown): finding counts by
 * severity and by category, the top findings (at most RENDER_MD_TOP,
 * highest severity first: severity, rule, principal -> resource,
 * file:line), how many principals reach synthetic stores, what was not
 * checked (scan_checks_missing) and the config used. Suppressed findings are
 * counted apart and never listed. No times: output is deterministic.
 *
 * Every string from the inputs (principals, resources, file names, config
 * path) is written as a code span (render_md_code), so Markdown and HTML in
 * it (`*`, `_`, `[x](y)`, `<script>`, `@team`, `:emoji:`) show as text:
 * the fence is longer than any run of backticks inside, a pipe is escaped
 * as `\|` in table cells (GFM splits cells on it even inside code), and
 * line breaks and other control characters are shown as \n, \r, \t or \xNN
 * (a raw newline would end a table row).
 *
 * Ownership: borrows the context; writes to out.
 */
#ifndef PG_RENDER_MD_H
#define PG_RENDER_MD_H

#include <stdio.h>
#include "base/strbuf.h"
#include "render/report.h"

#define RENDER_MD_TOP 20

void render_md_summary(FILE *out, const report_ctx *c);

/* Append s as an inline code span (in_table: pipes escaped). NULL or "" is
 * written as an em dash. */
void render_md_code(strbuf *sb, const char *s, int in_table);

#endif
