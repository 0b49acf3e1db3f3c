/*
 * az_graph_internal — what the az_graph files share (private to
 * az_graph.c, az_graph_access.c and az_graph_esc.c).
 *
 * Ownership: the context owns its tables (arena `mem`, key intern table,
 * maps) until azg_ctx_release; operation-set and condition arrays that edges
 * carry are allocated in the graph, once per distinct content.
 */
#ifndef PG_AZ_GRAPH_INTERNAL_H
#define PG_AZ_GRAPH_INTERNAL_H

#include "base/arena.h"
#include "base/intern.h"
#include "base/strbuf.h"
#include "base/ptrmap.h"
#include "catalog/az_catalog.h"
#include "graph/az_graph.h"
#include "model/azure.h"

#include <stdint.h>

#define AZG_MAX_ALT_OPS 8           /* operations of one technique alternative */
#define AZG_MAX_CONDS 64            /* conditions gathered for one escalation edge */

struct az_privesc_technique;
struct az_privesc_alt;

/* A resource type with its catalogued operations. */
typedef struct azg_type {
	const char *key;            /* the type, lowercased and interned (context keys) */
	const char **ops;           /* catalogue spelling, catalogue order */
	az_op_plane *match;         /* the plane az_eval matches each in (AZ_OP_UNKNOWN: both) */
	unsigned *levels;           /* az_graph_op_levels of each */
	size_t n_ops, words;        /* words: uint64_t per operation bitset */
	ptrmap grants;              /* az_role or az_deny -> uint64_t[words] it grants (denies) */
	ptrmap alts;                /* az_privesc_alt -> its operation indices (az_graph_esc.c) */
	uint64_t *all;              /* every operation (a role missing from the inputs) */
} azg_type;

/* A set of operations as edges carry it (graph-owned array). */
typedef struct azg_set {
	const char **ops;           /* sorted */
	size_t n;
	unsigned levels;
	const uint64_t *bits;       /* the same set over the type's operations */
} azg_set;

/* One access edge before it has a resource (kept for reuse). */
typedef struct azg_draft {
	const az_principal *who;
	decision dec;
	const az_assignment *x;     /* the assignment that grants (for loc), or NULL */
	const azg_set *set;
	const char **conds;         /* graph-owned */
	size_t n_conds;
} azg_draft;

/* A resource's computed drafts, reused by resources with the same type and chain (arena). */
typedef struct azg_memo {
	azg_draft *drafts;
	size_t n;
} azg_memo;

/* Scopes inside a classified resource that carry role assignments (a container
 * of a storage account): access there is access to part of the resource. */
typedef struct azg_below {
	const char **scopes;        /* keys */
	const char **written;       /* as the assignment wrote them */
	size_t n, cap;
} azg_below;

typedef struct azg_ctx {
	graph *g;
	model *m;
	azm *a;
	diag_list *warn;
	az_graph_stats st;
	arena mem;
	intern_table keys;          /* type keys, operation-set, class, chain and condition keys */
	ptrmap types;               /* type key -> azg_type */
	ptrmap sets;                /* set key -> azg_set */
	ptrmap conds;               /* condition key -> graph-owned array (const char **) */
	ptrmap memo;                /* chain key -> azg_memo */
	ptrmap below;               /* resource key -> azg_below (arena) */
	ptrmap pnode;               /* az_principal -> gnode */
	ptrmap rnode;               /* az_resource key -> gnode */
	ptrmap alt_names;           /* az_privesc_alt -> graph-owned operation names */
	ptrmap esc_memo;            /* drafts array -> what escalation techniques it gives */
	az_assignment **mg_xs;      /* assignments at management groups (for chains with a gap) */
	size_t n_mg_xs;
} azg_ctx;

typedef struct azg_item {       /* an assignment or deny assignment of a scope chain */
	const void *owner;          /* the assignment or deny */
	const uint64_t *bits;       /* operations it grants (denies) */
	int deny, forced;           /* forced: its answer may depend on the operation */
} azg_item;

typedef struct azg_cls {        /* operations every principal gets one answer for */
	const char *key;
	size_t rep;                 /* its first operation */
	uint64_t *ops;
	int denied;                 /* a deny assignment names its operations */
} azg_cls;

typedef struct azg_hit {        /* one principal's answer for a class */
	const az_principal *who;
	decision dec;
	const az_assignment *x;
	const az_deny *deny;        /* the deny that removed it (members) */
	const char **conds;
	size_t n_conds;
	int member;
} azg_hit;

typedef struct azg_work {       /* one resource's computation (az_graph_access.c) */
	azg_ctx *c;
	azg_type *t;
	azg_item *items;
	size_t n_items, cap_items;
	azg_cls *cls;
	size_t n_cls, cap_cls;
	azg_draft *drafts;
	uint64_t **dbits;           /* parallel to drafts */
	size_t n_drafts, cap_drafts;
	ptrmap first;               /* principal -> 1 + index of its first draft */
	size_t *next;               /* parallel to drafts: 1 + index of the principal's next draft */
	int forced_any, gap;
} azg_work;

/* Decide class k at scope (as written) with one az_plan; the answers become
 * drafts of w (az_graph_decide.c). 0 or PG_E*. */
int azg_run_class(azg_work *w, const char *scope, const azg_cls *k);

/* The type's tables (built on first use); never NULL (a type without
 * catalogued operations has n_ops 0). */
azg_type *azg_type_get(azg_ctx *c, const char *type);
/* The operations a role (deny: perms of a deny assignment) grants among t's,
 * cached per owner. */
const uint64_t *azg_grants(azg_ctx *c, azg_type *t, const void *owner, const az_perms *perms, size_t n);
/* Append v in hex and a comma: the context's keys are text (interned). */
void azg_key_u64(strbuf *sb, uint64_t v);
/* The graph-owned operation set of bitset bits over t (interned by content). */
const azg_set *azg_set_of(azg_ctx *c, azg_type *t, const uint64_t *bits);
/* The graph-owned copy of a sorted condition list (interned by content). */
const char **azg_conds_of(azg_ctx *c, char *const *conds, size_t n);
/* Add one access edge per draft from its principal to node. */
void azg_emit(azg_ctx *c, gnode *node, const azg_draft *d, size_t n);
/* The principal's node (every Azure principal has one). */
gnode *azg_pnode(azg_ctx *c, const az_principal *p);

/* Record which classified resources hold assignments at scopes inside them
 * (az_graph_access.c); call before azg_access. */
void azg_index_below(azg_ctx *c);
/* Who is allowed which operations of mask (NULL: every operation of t) on r,
 * as drafts (see az_graph.h for which principals get one); `what` names
 * mask is, for reuse between resources with the same chain. *out stays valid
 * until the context is released. 0 or PG_E*. */
int azg_drafts(azg_ctx *c, const az_resource *r, azg_type *t, const uint64_t *mask, const char *what,
	       const azg_draft **out, size_t *n);
/* Access edges of one classified resource (az_graph_access.c). 0 or PG_E*. */
int azg_access(azg_ctx *c, const az_resource *r, gnode *node);
/* Escalation edges (az_graph_scope.c): hosts, scopes and the tenant. 0 or PG_E*. */
int azg_escalate(azg_ctx *c);
/* Can-act-as edges to the identities of a host (az_graph_esc.c). 0 or PG_E*. */
int azg_host_edges(azg_ctx *c, const az_resource *r);
/* Data access without data actions on a classified store or vault, from its drafts (az_graph_esc.c). */
int azg_store_edges(azg_ctx *c, const az_resource *r, gnode *node, azg_type *t, const azg_draft *d, size_t n);
/* The graph-owned conditions of an escalation: conds[0..n) (room for 16 more)
 * sorted and unique, plus the technique's flags the inputs cannot settle,
 * which make *dec conditional. */
const char **azg_esc_conds(azg_ctx *c, const struct az_privesc_technique *tq, const char **conds, size_t n,
			   decision *dec, size_t *n_out);
/* An escalation edge (none from a node to itself or when one is NULL). */
gedge *azg_esc_edge(azg_ctx *c, gedge_kind kind, gnode *from, gnode *to, const struct az_privesc_technique *tq,
		    const struct az_privesc_alt *alt, decision dec, const char **conds, size_t n, pg_loc loc);
/* The subscription GUID of a resource id or scope key, or NULL. */
const char *azg_subscription_of(azg_ctx *c, const char *id);

static inline int azg_bit(const uint64_t *b, size_t i)
{
	return (int)((b[i / 64] >> (i % 64)) & 1);
}

static inline void azg_set_bit(uint64_t *b, size_t i)
{
	b[i / 64] |= (uint64_t)1 << (i % 64);
}

#endif
