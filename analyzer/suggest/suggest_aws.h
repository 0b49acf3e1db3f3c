/*
 * suggest_aws — least-privilege replacements for AWS identity policies.
 *
 * For each IAM user, group and role with identity policies of its own
 * (attached managed and inline; a user's group policies belong to the
 * group's own suggestion) that reaches a synthetic store — or the one
 * principal --principal names — one SUG_AWS_IDENTITY suggestion: a policy to
 * replace all of them. Principals whose wildcard is an accepted risk (a
 * config suppression of PG-WILDCARD-ACTION naming the principal or the
 * managed policy) and service-linked roles (AWS manages their policies) are
 * skipped and listed as such.
 *
 * What is needed (no usage data): the access the principal has today — the
 * graph's access edges of it and its groups, and its can-assume edges — on
 * the classified stores and roles of its own tenant: a store of the same
 * configured SaaS tenant when both have one, else of the same AWS account.
 * Each needed (action, store) is decided with aws_eval and attributed to
 * the statements of the replaced policies that allow it.
 *
 * The replacement, statement by statement of the replaced policies:
 *   - Deny statements are copied unchanged;
 *   - from an Allow statement S, the needed actions it grants, in catalogue
 *     spelling, on the concrete stores (a bucket's ARN for bucket actions;
 *     for object actions S's own patterns inside the bucket, else
 *     every key of the bucket), grouped by service and access level, with S's Condition;
 *   - actions of S that act on resources the inputs do not list are kept on
 *     S's Resource as written (with a note): every action of a service no
 *     classified store belongs to, when S names its actions service by
 *     service (a wildcard over services — "*", "*:Get*" — or NotAction
 *     cannot be made explicit without usage data: those are removed, one
 *     entry per statement); actions S names exactly that reach no store;
 *     and any action of S's service on a literal Resource pattern that
 *     matches no classified store;
 *   - the rest of S (wildcard-expanded actions that reach no store it
 *     needs, stores of other accounts or tenants) is not kept: the verifier
 *     lists what that removes.
 * NotAction is expanded through the catalogue (its complement) and then
 * scoped like any wildcard. The suggestion is emitted only when it changes
 * something (a wildcard or Not* element replaced, or access removed).
 *
 * Ownership: suggestions go to the list (suggestion.h); the policies they
 * hold live in the model's arena.
 */
#ifndef PG_SUGGEST_AWS_H
#define PG_SUGGEST_AWS_H

#include "graph/access.h"
#include "graph/graph.h"
#include "model/config.h"
#include "suggest/suggestion.h"

/* Build and verify the suggestions (access: scan's effective access, to tell
 * who reaches a synthetic store). 0, or a negative PG_E* error. */
int suggest_aws_identity(model *m, const graph *g, const access_list *access, const config *cfg,
			 const suggest_options *o, suggestion_list *out);

/* Build (not verify) the suggestion for principal p into out; *changed says
 * whether it differs from what p has (a wildcard replaced, something
 * dropped). NULL (nothing added) when p has no identity policy of its own. */
suggestion *suggest_aws_build(model *m, const graph *g, const principal *p, suggestion_list *out, int *changed);

#endif
