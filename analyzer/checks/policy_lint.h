/*
 * policy_lint — lint rules for one IAM policy document: what `validate`
 * reports, and what `scan` can reuse for the policies it reads.
 *
 * The document is first read by the strict parser (aws_policy_parse); each
 * of its errors becomes a PG-POLICY-INVALID finding. A document that parses
 * is then checked rule by rule, every finding placed at the offending element
 * (file, line, column of the action, resource, key ... in the document):
 *
 *   PG-POLICY-INVALID                    high    does not parse; malformed action
 *   PG-POLICY-UNKNOWN-ACTION             medium  not in the catalogue (closest suggested)
 *   PG-POLICY-UNKNOWN-SERVICE            medium  service prefix not in the catalogue
 *   PG-POLICY-UNKNOWN-CONDITION-OPERATOR medium  aws_cond_op_valid says no
 *   PG-POLICY-UNKNOWN-CONDITION-KEY      low     an aws:* key that is not a global key
 *   PG-POLICY-MALFORMED-ARN              medium  Resource neither "*" nor an ARN
 *   PG-POLICY-ARN-SERVICE-WILDCARD       medium  wildcard in an ARN's service: matches nothing
 *   PG-POLICY-ALLOW-NOT-ACTION           medium  Allow with NotAction
 *   PG-POLICY-ALLOW-NOT-RESOURCE         medium  Allow with NotResource
 *   PG-POLICY-PUBLIC-PRINCIPAL           high    Allow to principal "*" without a Condition
 *   PG-POLICY-FULL-ADMIN                 high    Allow of Action "*" on Resource "*"
 *   PG-POLICY-REDUNDANT-STATEMENT        low     an Allow covered by an unconditional Allow
 *   PG-POLICY-VARIABLE-VERSION           medium  ${...} in a policy without Version 2012-10-17
 *
 * Categories are DESIGN's exact strings: "public-access" for the public
 * principal, "wildcard" for NotAction, NotResource and full admin,
 * "invalid-policy" for the rest.
 *
 * Ownership: a policy_lint_list owns its findings and every string in them
 * (file names and messages are copied); rule ids and categories are static.
 * The document is only read (an embedded policy string is parsed into the
 * host doc's arena, as doc_parse_embedded does).
 */
#ifndef PG_POLICY_LINT_H
#define PG_POLICY_LINT_H

#include <stddef.h>
#include "base/severity.h"
#include "doc/doc.h"


typedef struct policy_lint_finding {
	const char *rule;               /* static, "PG-POLICY-..." */
	const char *category;           /* static */
	severity severity;
	char *message;                  /* owned; lowercase, no full stop */
	char *file;                     /* owned; NULL when unknown */
	unsigned line, col;             /* 1-based; 0 when unknown */
} policy_lint_finding;

typedef struct policy_lint_list {
	policy_lint_finding *items;
	size_t count, cap;
} policy_lint_list;

void policy_lint_list_init(policy_lint_list *l);
/* Free every finding; the list is left empty. Accepts NULL. */
void policy_lint_list_release(policy_lint_list *l);
/* Sort by file, line, column, then rule and message (deterministic output). */
void policy_lint_list_sort(policy_lint_list *l);
/* Append a finding (message and file copied). */
void policy_lint_list_add(policy_lint_list *l, const char *rule, const char *category,
			  severity sev, const char *file, unsigned line, unsigned col,
			  const char *message);

/*
 * Lint the policy document `node` of `host`: an object, or a string holding
 * one (JSON, URL-encoded or not). Appends the findings to out, unsorted.
 * Returns the number of findings added.
 */
size_t policy_lint_document(doc *host, const doc_node *node, policy_lint_list *out);


#endif
