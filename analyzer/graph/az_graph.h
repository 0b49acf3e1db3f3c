/*
 * az_graph — the Azure half of the permission graph (DESIGN "The graph"):
 * Entra ID principals, classified resources, member-of edges and access
 * edges decided by az_eval, so deny assignments, ABAC conditions, groups
 * whose members are not listed and unknown role definitions count exactly as
 * they do for `explain` and `who-can`.
 *
 * Nodes
 * - GN_PRINCIPAL for every Azure principal of the model: id = object id key,
 *   type = az_reach_kind ("user", "group", "service-principal",
 *   "managed-identity", "foreign-group", "everyone", "unknown"), cloud
 *   "azure", external and its reason, obj = the az_principal.
 * - GN_RESOURCE for every classified az_resource (classification != 0):
 *   id = resource id key, account = its subscription GUID, tenant = its SaaS
 *   tenant, obj = the az_resource. Unclassified resources get no node.
 *
 * Edges
 * - GE_MEMBER_OF member -> group for every direct membership (graph_reach
 *   follows them transitively, cycles included).
 * - GE_ACCESS principal -> resource: the catalogued operations of the
 *   resource's type (names starting with "<type>/", child types included:
 *   ".../blobServices/containers/blobs/read") that the principal is allowed,
 *   sorted, with their levels (az_graph_op_levels), dec allow or conditional
 *   with az_eval's conditions, and loc = the role assignment that grants them
 *   (the nearest one). One edge per (principal, decision, assignment,
 *   conditions): a principal granted by two assignments has two edges.
 *   Edges start at the principal the assignment names (a group, say); its
 *   members get the access by reach over member-of. A member is decided on
 *   its own only when a deny assignment covers the operation: it gets its own
 *   edge when it keeps more than its groups (a group excluded from the deny,
 *   or itself excluded), and a warning when a deny removes from it what a
 *   group of it keeps (the graph cannot subtract: reach would over-report).
 *   Microsoft.Authorization operations (role assignments, role definitions,
 *   elevateAccess) are not access: they are escalation (below).
 *   Assignments at scopes inside a classified resource (a container of a
 *   storage account) give edges to the resource too, decided at that scope
 *   for the operations of that child type: access to part of the store.
 * - Escalation, from the techniques of catalog/az_privesc (each edge names
 *   its technique id and the operations of the alternative used; flags the
 *   inputs cannot settle make it conditional, the reason in its conditions):
 *   GE_CAN_ACT_AS actor -> each managed identity of a host it controls
 *   (az-008 … az-022) and -> a user-assigned identity it may add a
 *   federated credential to (az-023); GE_ACCESS actor -> classified storage
 *   or Cosmos DB account or key vault with levels read + write and the
 *   technique set (listKeys, SAS, access policies: data access without data
 *   actions); GE_CAN_ACT_AS actor -> the pseudo principal
 *   AZ_GRAPH_ADMIN_PREFIX "<scope key>" (type "administrator") of a scope
 *   where it may assign any role (az-001, from the assignments at that
 *   scope), where a custom role it may rewrite is assigned to it (az-002),
 *   and of "/" for elevateAccess (az-003). Another slice gives administrator
 *   nodes access edges to every classified resource below their scope.
 *   Not modelled: az-024 (attach an identity to a new host), alternatives
 *   with an operation the catalogue lacks, and a member that holds the
 *   operations of one alternative only through different groups.
 *
 * Cost: operations are grouped per resource by which role definitions and
 * deny assignments of its scope chain grant them (role x type grants are
 * computed once); one az_plan per group, decided for its holders only; the
 * edges of a resource are reused for every resource of the same type whose
 * scope chain carries the same assignments (no conditions, hierarchy known).
 *
 * Files: az_graph.c (nodes, levels, shared tables), az_graph_access.c
 * (classes, reuse), az_graph_decide.c (one class decided), az_graph_esc.c
 * (techniques on resources), az_graph_scope.c (techniques at scopes).
 *
 * Ownership: nodes and edges are the graph's; their strings and the model
 * objects they point at are the model's (the model must outlive the graph).
 */
#ifndef PG_AZ_GRAPH_H
#define PG_AZ_GRAPH_H

#include "base/diag.h"
#include "graph/graph.h"
#include "model/model.h"

/* Pseudo principal an escalation reaches: full control of a scope. */
#define AZ_GRAPH_ADMIN_PREFIX "azure-admin:"

/* Work done by az_graph_build_stats (for benchmarks and tests). */
typedef struct az_graph_stats {
	size_t resources;           /* classified resources */
	size_t computed;            /* resources whose access was computed */
	size_t reused;              /* resources that reused another's edges */
	size_t classes;             /* operation groups planned */
	size_t decisions;           /* az_plan_decide calls */
	size_t access_edges, member_edges, escalation_edges;
} az_graph_stats;

/* Add the Azure principals, classified resources and their edges to g (a
 * no-op when the model has no Azure part). The model must be finalized and
 * classified. Warnings (over-reported access) go to warn (may be NULL).
 * 0, or a negative PG_E* error. */
int az_graph_build(graph *g, model *m, diag_list *warn);
/* The same, reporting the work done into stats (may be NULL). */
int az_graph_build_stats(graph *g, model *m, diag_list *warn, az_graph_stats *stats);

/*
 * The LEVEL_* bits of one operation (catalogue plane decides read vs list):
 * - permissions: operations that return or mint credentials (listKeys,
 *   ListAccountSas, listServiceSas, list*Secrets, regenerateKey, publishxml,
 *   function and host keys, Web config/list), and changes to who may do what
 *   on the resource (role assignments/definitions of Cosmos DB, Key Vault
 *   access policies, SQL administrators and Entra-only authentication, locks,
 *   immutability policies and legal holds, local users, ACLs:
 *   modifyPermissions, manageOwnership, takeOwnership, run/act as super user,
 *   loginAsAdmin);
 * - tagging: writes and deletes under a "tags" segment;
 * - read: data-plane reads (".../read" data actions, getSecret, decrypt,
 *   unwrap, sign, verify, encrypt, wrap, release, backup, filter, readFileBackupSemantics),
 *   and Key Vault vaults/deploy (secrets handed to deployments);
 * - list: control-plane ".../read" (configuration, not content), list* and
 *   get* actions that return no credentials, readMetadata,
 *   generateUserDelegationKey (a key bound to the caller's own data rights);
 * - write: everything else (write, delete, add, move, other actions);
 *   queue message "process" is read and write.
 */
unsigned az_graph_op_levels(const char *op);

#endif
