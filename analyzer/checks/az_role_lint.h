/*
 * az_role_lint — lint rules for Azure custom role definitions: what
 * `validate` reports for files holding role definitions (the shapes the
 * azure-role-definitions reader takes). Findings share policy_lint's list,
 * severities and output; each is placed at the offending pattern or scope.
 *
 *   PG-AZ-ROLE-INVALID                  high    does not parse (reader errors)
 *   PG-AZ-ROLE-WILDCARD                 high    "*" (every operation) in actions or dataActions, or
 *                                               a wildcard in actions that reaches role assignment
 *                                               or definition writes (access management)
 *   PG-AZ-ROLE-UNKNOWN-PROVIDER         medium  resource-provider namespace not in the catalogue
 *   PG-AZ-ROLE-UNKNOWN-OPERATION        medium  matches no catalogued operation (closest suggested)
 *   PG-AZ-ROLE-WRONG-PLANE              medium  in actions but only data operations match, or the reverse:
 *                                               the planes never mix, so it grants nothing
 *   PG-AZ-ROLE-MULTIPLE-WILDCARDS       medium  Azure allows one '*' per operation string
 *   PG-AZ-ROLE-ROOT-SCOPE               medium  "/" as an assignable scope (built-in roles only)
 *   PG-AZ-ROLE-SCOPE-INVALID            medium  an assignable scope that is not a valid scope,
 *                                               or holds a wildcard
 *   PG-AZ-ROLE-MULTIPLE-MANAGEMENT-GROUPS medium more than one management group in assignableScopes
 *   PG-AZ-ROLE-DATA-AT-MANAGEMENT-GROUP medium  dataActions with a management-group assignable
 *                                               scope: it cannot be assigned there
 *   PG-AZ-ROLE-NO-ASSIGNABLE-SCOPES     medium  a custom role without assignableScopes
 *
 * Built-in roles (roleType BuiltInRole) are read (and must parse) but not
 * linted: they are Microsoft's. The operations catalogue is of 2023-04-09, so
 * "unknown" may also mean "newer than the catalogue"; messages say so.
 *
 * Ownership: as policy_lint — the list owns its findings; the role and the
 * document are only read.
 */
#ifndef PG_AZ_ROLE_LINT_H
#define PG_AZ_ROLE_LINT_H

#include "checks/policy_lint.h"
#include "model/azure.h"

/* 1 when root holds Azure role definitions (validate's dispatch). */
int az_role_lint_detect(const doc_node *root, const char *path);

/* Read every role definition in root and lint the custom ones; reader
 * errors become PG-AZ-ROLE-INVALID. Returns the number of findings added. */
size_t az_role_lint_document(const doc_node *root, const char *path, policy_lint_list *out);

/* Lint one role from a model. Returns the number of findings added. */
size_t az_role_lint_role(const az_role *r, policy_lint_list *out);

#endif
