/*
 * suggest_az — a least-privileged built-in role at the narrowest scope for
 * each Azure role assignment that reaches synthetic data.
 *
 * For every role assignment (not classic administrators nor Lighthouse
 * authorizations: not in this slice) whose role is known and whose scope
 * covers a synthetic store (or lies inside one: a container), what it is
 * used for today, without usage data, is the data its role gives on those
 * stores:
 *   - the data operations of the store's type its role grants, that the
 *     principal is allowed there today by this assignment (az_eval);
 *   - data reached through the store's keys or SAS (the graph's escalation
 *     access edge from the principal to the store, by a technique whose
 *     operations the role grants): for a storage account, blob reads
 *     (.../blobs/read) when the edge gives read, and blob writes, deletes,
 *     appends and moves when it gives write (synthetic datasets are blobs; queue,
 *     table and file data through the keys are listed as removed; so is
 *     what a deny assignment forbids: keys bypass it, a data role would
 *     not). Keys of other store types are not translated.
 * Assignments that give no data (Reader) are left alone.
 *
 * The suggestion: the built-in role (of the 928 bundled) that grants every
 * needed operation with the fewest other operations (counted over the
 * operations catalogue; ties by name), at the narrowest scope that covers
 * the stores — the store itself when one, else their resource group or
 * subscription (stores in several subscriptions: one suggestion per
 * subscription; when the role there would give more than the original on
 * other resources of that scope, one suggestion per store instead); the
 * assignment's own scope when it lies inside the store.
 * Nothing is suggested when the assignment already has that role there, or
 * when the best role is not narrower than the current one at the same scope.
 *
 * Verified with az_eval on a second model holding only the principal and the
 * suggested assignment (and the inputs' deny assignments, which depend on
 * the principal, operation and scope only, so they deny the suggestion as
 * they deny the original): (a) every need is allowed, as certainly as today;
 * (b) every operation the role grants on every resource under the suggested
 * scope is one the original allows there, and not only conditionally when
 * the suggestion allows it outright (az_eval on the inputs; the data plane
 * of a store, and of its child resources, it reaches through keys counts as
 * allowed: that the store may refuse keys is its setting, noted, not the
 * principal's grant); the suggestion keeps the assignment's ABAC condition;
 * (c) removed: the operations of the stores' types that the assignment
 * gives today (and data through keys) that neither the suggestion nor
 * another assignment gives, and, when the scope narrows, what the role gave
 * on the rest of the old scope.
 *
 * Ownership: suggestions go to the list (every string copied).
 */
#ifndef PG_SUGGEST_AZ_H
#define PG_SUGGEST_AZ_H

#include "graph/graph.h"
#include "suggest/suggestion.h"

/* 0, or a negative PG_E* error. o->principal, when set, keeps the
 * assignments of the principals it names (object id, UPN or display name). */
int suggest_az_assignments(model *m, const graph *g, const suggest_options *o, suggestion_list *out);

#endif
