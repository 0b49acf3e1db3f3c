/*
 * suggest_guard — a data-perimeter guardrail for each synthetic AWS store
 * that has none (check_guardrail's PG-GUARDRAIL-NO-DENY / -POLICY-UNKNOWN):
 * one SUG_AWS_GUARDRAIL suggestion holding the statement to add to the
 * store's resource policy,
 *
 *   {"Sid": "DenyOutsideOrganization", "Effect": "Deny", "Principal": "*",
 *    "Action": "<service>:*", "Resource": [store, and for a bucket its keys],
 *    "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG},
 *                  "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}
 *
 * with ORG the config's organization.id (else the Organizations input's);
 * without an organization, "DenyOutsideAccount" on aws:PrincipalAccount of
 * the store's account (a store whose account no input gives is skipped).
 *
 * Verified with aws_eval on the store's policy plus the statement (swapped
 * into the model for the checks and restored before returning):
 *   - the statement is one check_perimeter_deny recognizes;
 *   - its condition holds for a caller of another organization (account)
 *     and not for one inside, nor for an AWS service (aws_cond);
 *   - it applies to an outside caller for every action anyone has on the
 *     store today (deny, or "denied if" when the inputs cannot place the
 *     caller's account in or out of the organization);
 *   - no principal inside the organization (or account) that reaches the
 *     store today loses an action (a failure), and every outside principal
 *     that loses one is listed as removed.
 *
 * Ownership: suggestions go to the list; their statements live in the
 * model's arena.
 */
#ifndef PG_SUGGEST_GUARD_H
#define PG_SUGGEST_GUARD_H

#include "graph/graph.h"
#include "model/config.h"
#include "suggest/suggestion.h"

/* 0, or a negative PG_E* error. */
int suggest_guardrails(model *m, const graph *g, const config *cfg, suggestion_list *out);

/* Verify a guardrail suggestion for store r (s->doc: the one statement to
 * add); org: the organization its condition names, or NULL (account). */
int suggest_guard_verify(model *m, const graph *g, resource *r, const char *org, suggestion *s);

#endif
