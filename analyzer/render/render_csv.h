/*
 * render_csv — access.csv, the sheet of a periodic access review: one row
 * per (principal, synthetic store) of scan's effective access (entries whose
 * store is classified synthetic), in the access list's order (principal,
 * then store), after one header row:
 *
 *   principal, name, type, tenant, store, classification, levels, actions,
 *   decision, via, conditions, reviewer, keep_or_revoke, comment
 *
 * name is the principal's display name when the inputs give one (Azure
 * principals are ids otherwise); tenant is the principal's configured SaaS
 * tenant, else its AWS account or Azure subscription; classification,
 * levels, actions and conditions are ";"-joined; decision is allow or
 * conditional; via is the path of principals, " -> "-joined. The last three
 * columns are left empty for the reviewer (keep_or_revoke: keep or revoke).
 *
 * Quoting is RFC 4180: a field holding a comma, a double quote, CR or LF is
 * enclosed in double quotes with its quotes doubled; lines end with CRLF.
 * Spreadsheet formula injection is guarded against (OWASP "CSV injection"):
 * a field from the inputs that starts with '=', '+', '-', '@', TAB or CR
 * gets a leading apostrophe and is quoted, so "=cmd|' /C calc'!A0" shows as
 * text instead of running.
 *
 * Ownership: borrows the context; writes to out.
 */
#ifndef PG_RENDER_CSV_H
#define PG_RENDER_CSV_H

#include <stdio.h>
#include "base/strbuf.h"
#include "render/report.h"

void render_csv_access(FILE *out, const report_ctx *c);

/* Append one field (s may be NULL: empty), quoted and guarded as above. */
void render_csv_field(strbuf *sb, const char *s);

#endif
