/*
 * render_suggest — `permgraph suggest` output.
 *
 * JSON (DESIGN "suggest"): {"schema": "permgraph/1", "suggestions": [...],
 * "rejected": [...], "skipped": [...], "unchanged": N}, keys sorted. A
 * suggestion is {"kind", "principal", "current", "suggested", "removed",
 * "notes", "verified": true} — guardrails add "resource" (their principal is
 * null). "suggested" is an IAM policy document (identity policies; for a
 * guardrail the statement to add, as a one-statement document) or an Azure
 * role assignment {"principalId", "principalType", "roleDefinitionId",
 * "roleDefinitionName", "scope", "permissions"}. "removed" entries are
 * {"principal" (guardrails), "resource", "actions", "reason"}. Rejected
 * suggestions (verification failed) carry "failures" and "verified": false,
 * and are never in "suggestions".
 *
 * Markdown: see render_suggest_md.
 *
 * Text: per suggestion the policy or assignment to apply, what it removes and
 * its notes; then the rejected ones with their failures.
 *
 * Ownership: borrows the list; writes to out.
 */
#ifndef PG_RENDER_SUGGEST_H
#define PG_RENDER_SUGGEST_H

#include <stdio.h>
#include "suggest/suggestion.h"

void render_suggest_json(FILE *out, const suggestion_list *l);
void render_suggest_text(FILE *out, const suggestion_list *l);
/* Markdown for a pull-request comment: per suggestion the policy or role
 * assignment in a fenced block (fence longer than any backtick run inside),
 * ids as code spans, the first 20 removals. */
void render_suggest_md(FILE *out, const suggestion_list *l);

#endif
