/*
 * aws_privesc_edges — the AWS privilege-escalation (can-act-as) edges of the
 * permission graph: for every IAM user and role (the actor) and every
 * technique of the catalogue (catalog/aws_privesc.h), whether the actor may
 * perform all of the technique's required permissions on the resources they
 * need, decided by aws_eval (denies, conditions, boundaries, SCPs), and if so
 * an edge actor -> the principal it ends up acting as. A decision that is
 * allowed or conditional counts; a conditional one makes the edge
 * conditional, with its conditions.
 *
 * One edge per actor and target: the graph needs one way from an actor to a
 * principal, and an actor allowed iam:* would otherwise get some seven edges
 * to every role of its account. The edge names the best technique: certain
 * over conditional, then the fewest required actions, then catalogue order
 * (AWS_PRIVESC_EDGES_EVERY_TECHNIQUE keeps one per technique instead).
 *
 * An edge carries the technique id, the required actions, the statement that
 * allows the first of them (loc) and, when conditional, every condition of
 * every decision it rests on plus what static data cannot settle:
 *   - self-admin techniques (iam-001, iam-007 …) lead to the account's
 *     administrator node (below), conditional on "gains only what the
 *     permission boundary allows" when the actor has a boundary, and pg-001
 *     (set an older default version) on a version the inputs do not keep;
 *   - principal techniques lead to each user, role or group the actions are
 *     allowed on, in the actor's account (sts:AssumeRole: any account); those that
 *     write the target's permissions (attach/put policy, policy version) also
 *     lead to the administrator node of the target's account, because the
 *     target's current access understates what the actor gives it;
 *   - passed-role techniques lead to each role of the actor's account whose
 *     trust policy lets the technique's service principal assume it and that
 *     the actor may iam:PassRole with iam:PassedToService set to it; EC2
 *     ones on the role being in an instance profile, and those that update a
 *     job or stack set on one existing (the model keeps neither);
 *   - existing-role techniques lead to each role the host's service trusts,
 *     conditional on "an existing <host> runs as <role>": the model does not
 *     know which role a function, instance or stack runs as.
 * sts-001 (sts:AssumeRole alone) is not repeated here: it is the can-assume
 * edge of aws_graph_build (graph/aws_graph.h), decided the same way.
 *
 * A resource the actor creates (or an existing compute resource) is any it may
 * name: the action is decided on a representative ARN of its type with a
 * wildcard name and on every ARN pattern the actor's Allow statements give it,
 * and it is allowed when one of them is; an action the catalogue gives no
 * resource type is decided on "*". Known gap: a compute action granted only
 * by the resource policy of an existing function or stack the model holds is
 * not seen (identity Allow statements select the actors).
 *
 * The administrator node "arn:PARTITION:iam::ACCOUNT:permgraph/administrator"
 * (type "administrator", one per account) means every permission in the
 * account, within its SCPs: another builder gives it access edges to every
 * classified resource of the account.
 *
 * Principal nodes are found or added (graph_add_node) and only their still
 * empty fields are filled, so this works whether or not the builder of the
 * principal nodes ran first.
 *
 * Ownership: edges and nodes belong to the graph; technique ids and action
 * names are the catalogue's static strings, ARNs the model's (which must
 * outlive the graph); conditions and names are copied into the graph.
 */
#ifndef PG_AWS_PRIVESC_EDGES_H
#define PG_AWS_PRIVESC_EDGES_H

#include <stddef.h>
#include "base/diag.h"
#include "graph/graph.h"
#include "model/model.h"

/* Counts of one build, for --verbose and the benchmark. */
typedef struct aws_privesc_edges_stats {
	size_t actors;              /* users and roles considered */
	size_t evaluations;         /* aws_eval calls */
	size_t cache_hits;          /* decisions answered from the per-actor cache */
	size_t edges;               /* can-act-as edges added */
	size_t conditional_edges;   /* of which conditional */
} aws_privesc_edges_stats;

/* Add the can-act-as edges of every AWS user and role of m (finalized) to g.
 * What the builder cannot decide is reported to warn (may be NULL). Returns 0,
 * or PG_EINTERNAL when an evaluation failed (the other edges are still added). */
int aws_privesc_edges_build(graph *g, model *m, diag_list *warn);

/* Flags of aws_privesc_edges_build_with. */
enum {
	/* one edge per technique and target, not only the best technique's
	 * (tests; a report listing every way) */
	AWS_PRIVESC_EDGES_EVERY_TECHNIQUE = 1
};

/* As aws_privesc_edges_build, with AWS_PRIVESC_EDGES_* flags, filling st (when not NULL). */
int aws_privesc_edges_build_with(graph *g, model *m, diag_list *warn, unsigned flags, aws_privesc_edges_stats *st);

#endif
