/*
 * aws_graph — the AWS half of the permission graph (DESIGN "The graph"):
 * IAM principals, the outside principals policies name, classified
 * resources, and member-of, can-assume and access edges decided by aws_eval,
 * so denies, boundaries, SCPs/RCPs, conditions and the same-account rules
 * count exactly as they do for `explain` and `who-can`.
 *
 * Nodes
 * - GN_PRINCIPAL per IAM user, group and role: id = ARN, type "user",
 *   "group" or "role", cloud "aws", account, tenant = saas_tenant,
 *   classification, obj = the principal.
 * - GN_PRINCIPAL per outside principal a resource or trust policy names that
 *   gets at least one edge: account roots ("account"; external when the
 *   account is neither in the inputs nor in the organization), services
 *   ("service"), federated providers ("federated"), canonical users
 *   ("canonical-user"), IAM ARNs the inputs do not hold ("user", "role",
 *   "session", "principal"; external by account) and "*" ("everyone").
 *   Services, federated, canonical users and everyone are always external.
 *   obj = NULL; external_why says why.
 * - GN_RESOURCE per classified AWS resource (classification != 0): type =
 *   the model's type, account, tenant, classification, obj = the resource.
 *   Unclassified resources get no node.
 *
 * Edges
 * - GE_MEMBER_OF user -> group (loc: the user).
 * - GE_CAN_ASSUME caller -> role when aws_eval allows (or conditionally
 *   allows) sts:AssumeRole, conditions copied; technique and the one action
 *   "sts:AssumeRole"; loc = the trust statement that allows it. Outside
 *   principals the trust policy names get edges too (federated ones by
 *   sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity: the technique
 *   names the action). A role gets no edge to itself.
 * - GE_ACCESS principal -> resource with every catalogue action of the
 *   resource's type that is allowed or conditionally allowed: actions
 *   (catalogue spelling, sorted), levels (OR of their LEVEL_* bits), dec
 *   allow when one action is certain else conditional, conditions = the
 *   union of the included actions' conditions (on an allow edge these are
 *   unsettled denies and the conditions of actions that are only
 *   conditional), loc = a statement that allows the first action. A
 *   resource policy for "*" gives "*" its edge and every IAM user and role
 *   of the inputs its own (decided as itself: within an account such a
 *   policy grants without an identity Allow).
 *
 * Groups: a group's edges are what its own policies give any member (decided
 * with the group as the caller: member-specific policy variables and tags do
 * not resolve). A member's own edge carries only what it has beyond its
 * groups, decided with everything that applies to it; graph_reach over
 * member-of gives it the rest. When a member's own Deny or boundary removes
 * something a group gives, the graph cannot subtract it: that is a warning
 * ("reach over-reports", once per user; over_reports counts every case).
 *
 * S3 objects: a bucket's node stands for its objects too. Its access edge
 * carries bucket actions (decided on the bucket ARN) and object actions,
 * which mean "on at least one object of the bucket". An object action is
 * decided on witness object ARNs built from the Resource patterns of the
 * statements that must allow it (the caller's identity and boundary
 * statements, the bucket policy, SCP and RCP Allows that name resources;
 * policy variables resolved for the caller), the first certain one winning:
 * each pattern that can match "bucket/..." gives keys that its
 * wildcards fill two ways ('*' -> "*" and "_pg_", '?' -> "*" and "q"), so a
 * Deny removes the access only when it matches both (a Deny that matches
 * both covers, in practice, every key of the Allow); two patterns whose keys
 * miss each other (an identity Allow for keys starting with "a", a boundary
 * for keys ending with "z") also give a key both match. Known gap: a key
 * only three or more patterns allow together (each pair overlapping
 * elsewhere) is not searched for, nor pairs beyond a caller's first 16
 * patterns on the bucket. Empty keys are never tried (no object has one).
 *
 * Actions tried per resource: the catalogue actions of its service whose
 * resource types include its type (AWS::S3::Bucket -> bucket, plus object on
 * the objects; KMS key, SQS queue, SNS topic, Secrets Manager secret, Lambda
 * function, DynamoDB table, ECR repository; other types by the ARN's
 * resource-type word). The catalogue lists required resource types only; the
 * optional ones of these services are in aws_graph_types.c. An action of an
 * unknown type or service is tried on every resource of the service (sound);
 * a resource whose service is not in the catalogue is a warning.
 *
 * Prefilter (conservative): a caller is decided on a target only when one of
 * its identity Allow statements may cover the target's service and whose
 * Resource/NotResource may match the ARN (a statement index by service and
 * literal ARN prefix), or the resource/trust policy names it exactly, "*" or
 * by NotPrincipal; and then only for the actions those statements cover on
 * the ARN (bucket actions) or its objects. A policy naming an account needs
 * the caller's identity Allow as well, so it adds no candidates. Across
 * accounts (both known) a resource whose policy the inputs give, and whose
 * Allow statements name neither the caller, its account nor everyone, skips
 * it (cross-account access needs the resource policy too). A trust policy
 * that cannot name a caller (it names only services, other accounts, other
 * principals) skips it.
 *
 * Cost (exact, no decision changes): actions that every statement aws_eval
 * consults for the pair covers alike are decided once (aws_graph_classes.c);
 * a resource without a policy that no statement can tell apart from an
 * earlier one gets copies of that one's edges (aws_graph_share.c); edges
 * with the same action or condition list share one array.
 * tests/test_aws_graph.c checks all of this against aws_eval on every
 * caller, action and role of its fixtures.
 *
 * Ownership: nodes and edges are the graph's; ids, names and model objects
 * are the model's (which must outlive the graph). Edges with the same list
 * of actions or conditions share one array, kept in the model's arena:
 * action names are the catalogue's static strings, conditions and reasons
 * for being external are interned in the model or copied into the graph.
 */
#ifndef PG_AWS_GRAPH_H
#define PG_AWS_GRAPH_H

#include <stddef.h>
#include "base/diag.h"
#include "graph/graph.h"
#include "model/model.h"

/* Work done by one build, for --verbose and the benchmark. */
typedef struct aws_graph_stats {
	size_t principals;          /* user, group and role nodes */
	size_t outside;             /* outside principal nodes */
	size_t resources;           /* classified resource nodes */
	size_t pairs_total;         /* IAM callers x (classified resources + roles) */
	size_t pairs;               /* of those, the pairs the prefilter kept */
	size_t evaluations;         /* aws_eval calls (outside principals' included) */
	size_t member_edges, assume_edges, access_edges;
	size_t over_reports;        /* group grants a member's deny or boundary removes */
	size_t shared;              /* resources that got an earlier one's edges (no decisions) */
} aws_graph_stats;

/* The node of an AWS principal or resource, found or added; the fields another
 * builder left empty are filled from the model (aws_privesc_edges uses these too). */
gnode *aws_graph_node_of_principal(graph *g, const principal *p);
gnode *aws_graph_node_of_resource(graph *g, const resource *r);

/* Add the AWS nodes and edges of the finalized, classified model m to g
 * (nodes another builder already made are found and only their empty fields
 * filled).
 * Warnings (unknown services, over-reported group access) go to warn (may be
 * NULL). Returns 0, or PG_EINTERNAL when an evaluation failed (the other
 * edges are still added). */
int aws_graph_build(graph *g, model *m, diag_list *warn);

/* As aws_graph_build, filling st (when not NULL). */
int aws_graph_build_stats(graph *g, model *m, diag_list *warn, aws_graph_stats *st);

#endif
