/*
 * aws_graph_internal — shared by the aws_graph files: the build context, the
 * statement index (aws_graph_index.c), the action lists of resource types
 * (aws_graph_types.c), action classes (aws_graph_classes.c), resources
 * decided alike (aws_graph_share.c), S3 object witnesses
 * (aws_graph_witness.c, aws_graph_keys.c), per-caller results and their
 * edges with the group rule (aws_graph_emit.c), one caller on one resource
 * (aws_graph_decide.c), access edges (aws_graph_access.c) and can-assume
 * edges (aws_graph.c). Not for other modules.
 */
#ifndef PG_AWS_GRAPH_INTERNAL_H
#define PG_AWS_GRAPH_INTERNAL_H

#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "eval/aws_eval.h"
#include "graph/aws_graph.h"

/* --- statement index ------------------------------------------------------ */

typedef struct ag_entry {
	const char *prefix;         /* literal start of a Resource pattern (not NUL-terminated at len) */
	size_t len;
	const stmt *st;
} ag_entry;

typedef struct ag_list {
	ag_entry *items;
	size_t n, cap;
} ag_list;

typedef struct ag_holders {
	principal **items;          /* users, groups and roles whose policies include it */
	size_t n, cap;
} ag_holders;

typedef struct ag_index {
	model *m;
	ptrmap by_service;          /* interned lowercase service -> ag_list* */
	ag_list any;                /* statements whose actions may be of any service */
	ptrmap holders;             /* policy* -> ag_holders* */
	ag_list **lists;            /* every list of by_service, to free them */
	size_t n_lists, cap_lists;
	ag_holders **hs;
	size_t n_hs, cap_hs;
} ag_index;

/* Index the identity Allow statements of the callers' policies. */
void aws_graph_index_build(ag_index *ix, model *m, principal *const *callers, size_t n);
void aws_graph_index_release(ag_index *ix);
/* Append to *out the distinct statements that may grant an action of
 * `service` (interned lowercase) on arn, or with objects also on "arn/...";
 * *out ends sorted by address and unique. */
void aws_graph_index_lookup(const ag_index *ix, const char *service, const char *arn, int objects,
			    const stmt ***out, size_t *n, size_t *cap);
/* A plain sorted list of the Resource/NotResource patterns of statements
 * ("*" left out): add, sort, then find the entries whose literal start is
 * compatible with arn (objects: or with "arn/..."), appended to *out. */
void aws_graph_list_add(ag_list *l, const stmt *s);
void aws_graph_list_sort(ag_list *l);
void aws_graph_list_find(const ag_list *l, const char *arn, int objects, const ag_entry ***out, size_t *n,
			 size_t *cap);
/* Who holds policy p (NULL when nobody). */
const ag_holders *aws_graph_index_holders(const ag_index *ix, const policy *p);

/* --- actions of a resource ------------------------------------------------- */

typedef struct ag_acts {
	size_t *items;              /* catalogue indexes, ascending */
	size_t n, cap;
} ag_acts;

/* The actions to decide on r: on its ARN, and (S3 buckets) on its objects.
 * *fallback is set when r's type is unknown to the catalogue and every
 * action of the service is tried. -1 when the service is not in the
 * catalogue. The lists stay valid until aws_graph_types_release. */
typedef struct ag_types ag_types;
ag_types *aws_graph_types_new(void);
void aws_graph_types_free(ag_types *t);
int aws_graph_resource_acts(ag_types *t, model *m, const resource *r, const ag_acts **on_arn,
			    const ag_acts **on_objects, int *fallback);
/* LEVEL_* bits of catalogue action i. */
unsigned aws_graph_levels(size_t i);

/* --- S3 object witnesses ----------------------------------------------------- */

/* Add to the strlist (*out, *n, *cap) the object ARNs of bucket b on which to
 * decide object actions for the caller (p, or the outside p_arn when p is
 * NULL), from the Resource patterns of the Allow statements in stmts. */
void aws_graph_witnesses(model *m, const principal *p, const char *p_arn, const resource *b,
			 const stmt *const *stmts, size_t n_stmts, char ***out, size_t *n, size_t *cap);

/* The places of a pattern (plain, no variables) after "bucket/" as '0'/'1'
 * flags appended to out; 0 (nothing appended) when it can match no object of
 * bucket b. aws_graph_keys_places does it for the resource part alone. */
int aws_graph_object_places(const resource *b, const char *pattern, strbuf *out);
int aws_graph_keys_places(const char *bucket, size_t blen, const char *pattern, size_t len, strbuf *out);

/* Object keys of one bucket from Resource patterns (aws_graph_keys.c):
 * add the resource part of each pattern (a glob, escaped as
 * policyvar_expand_pattern writes it when `escaped`), then finish: the keys'
 * ARNs go to the strlist (*out, *n, *cap) and k is freed. add returns 0
 * (and keeps nothing) when the glob cannot match "bucket/...". */
typedef struct ag_keys ag_keys;
ag_keys *aws_graph_keys_new(const char *partition, size_t plen, const char *bucket, size_t blen);
int aws_graph_keys_add(ag_keys *k, const char *pattern, size_t len, int escaped);
void aws_graph_keys_finish(ag_keys *k, char ***out, size_t *n, size_t *cap);

/* --- action classes (aws_graph_classes.c) ----------------------------------- */

typedef struct ag_classes ag_classes;
struct agctx;
ag_classes *aws_graph_classes_new(size_t n_callers);
void aws_graph_classes_free(ag_classes *cl);
/* Caller-side class ids of acts for model caller p (ordinal o): equal ids for
 * actions its identity, boundary and SCP statements cover alike. Kept until
 * aws_graph_classes_free. */
const unsigned *aws_graph_classes_caller(struct agctx *c, const principal *p, size_t o, const ag_acts *acts);
/* Resource-side class ids of acts for r (its policy and RCPs) into ids[acts->n]. */
void aws_graph_classes_resource(struct agctx *c, const resource *r, const ag_acts *acts, unsigned *ids);

/* --- resources decided alike (aws_graph_share.c) ------------------------------ */

typedef struct ag_share ag_share;
ag_share *aws_graph_share_new(struct agctx *c);
void aws_graph_share_free(ag_share *sh);
/* 1 when r (node `to`) got copies of the edges of an earlier resource no
 * caller can tell it apart from. Else 0, and *token is non-NULL when r is the
 * first of its kind: decide it, then call aws_graph_share_done with the
 * number of graph edges there were before. */
int aws_graph_share_copy(struct agctx *c, ag_share *sh, const resource *r, const ag_acts *on_arn,
			 const ag_acts *on_objects, gnode *to, const void **token);
void aws_graph_share_done(struct agctx *c, ag_share *sh, const void *token, const gnode *rep, size_t first);

/* --- per-caller results and their edges -------------------------------------- */

typedef struct ag_act {
	size_t act;                 /* catalogue index */
	decision dec;               /* DEC_ALLOW or DEC_CONDITIONAL */
	pg_loc loc;
	size_t cond0, n_cond;       /* its conditions: conds[cond0 .. cond0 + n_cond) */
} ag_act;

typedef struct ag_result {
	ag_act *acts;               /* ascending by act */
	size_t n, cap;
	char **conds;
	size_t n_conds, cap_conds;
	int used;                   /* decided on the current target */
} ag_result;

typedef struct agctx {
	ag_classes *classes;
	ag_share *share;
	graph *g;
	model *m;
	diag_list *warn;
	aws_graph_stats *st;
	int err;
	principal **callers;        /* users, groups and roles, model order */
	size_t n_callers;
	ptrmap ordinal;             /* principal* -> ordinal + 1 */
	gnode **nodes;              /* per ordinal */
	ag_index ix;
	ag_types *types;
	ptrmap accounts;            /* interned accounts of the inputs -> non-NULL */
	ag_result *results;         /* per caller ordinal, for the current target */
	size_t *touched;            /* ordinals decided on the current target */
	size_t n_touched, cap_touched;
	ptrmap warned;              /* types and services already warned about */
	ptrmap over_warned;         /* users already warned about over-reports */
	ptrmap lists;               /* interned list key -> shared action or condition array */
} agctx;

/* The ordinal of a model caller, or SIZE_MAX. */
size_t aws_graph_ordinal(const agctx *c, const principal *p);
/* The graph node of a model principal (made by aws_graph_build). */
gnode *aws_graph_principal_node(agctx *c, const principal *p);
/* The node of an outside principal a policy names (ps; "*" when NULL); made
 * on first use. */
gnode *aws_graph_outside_node(agctx *c, const pspec *ps);
/* A service acting in one account ("lambda.amazonaws.com@111111111111"):
 * where role trust policies send it; inside when the account is. */
gnode *aws_graph_service_node(agctx *c, const char *service, const char *account);
/* The distinct principals outside the model (not IAM users, groups or roles
 * of the inputs) that pol's Allow statements name, appended to *out; "*" (a
 * NULL entry) for "*", NotPrincipal and statements without a principal. */
void aws_graph_outside_of(agctx *c, const policy *pol, const pspec ***out, size_t *n, size_t *cap);
/* Does Allow statement s apply to the outside principal ps (NULL: "*")? */
int aws_graph_stmt_names(const stmt *s, const pspec *ps);
/* Does s name everyone ("*", NotPrincipal, or no principal element)? */
int aws_graph_stmt_everyone(const stmt *s);

/* aws_eval one request; counts it. <0 on failure, else 1 when allowed or
 * conditionally allowed (er filled; the caller releases it), 0 otherwise. */
int aws_graph_decide(agctx *c, const principal *p, const char *ext, const char *action, const char *arn,
		     eval_result *er);
/* Record action act with the decision er (allowed) into r, keeping the better
 * decision when act is already there. p: the caller (NULL: outside). */
void aws_graph_result_add(ag_result *r, size_t act, const principal *p, const eval_result *er);
/* Give action `to` the decision r holds for action `from` (same class); nothing
 * when r holds none. */
void aws_graph_result_copy(ag_result *r, size_t from, size_t to);
void aws_graph_result_reset(ag_result *r);
void aws_graph_result_release(ag_result *r);
/* Mark caller ordinal o as decided on the current target; its result, reset. */
ag_result *aws_graph_touch(agctx *c, size_t o);
/* Emit the edges of the touched callers to `to` (group rule: see aws_graph.h)
 * and reset them. technique: for can-assume edges, the action name in a
 * static array (it becomes the technique and the edge's one action); NULL
 * for access edges. */
void aws_graph_emit(agctx *c, gedge_kind kind, gnode *to, const char **technique);
/* Emit one edge from `from` for every action of r (nothing when r is empty). */
void aws_graph_emit_one(agctx *c, gedge_kind kind, gnode *from, gnode *to, const char **technique,
			const ag_result *r);

/* What one resource's callers are decided on (aws_graph_access.c fills it). */
typedef struct ag_target {
	const resource *r;
	const ag_acts *on_arn, *on_objects;
	const stmt **everyone;      /* resource-policy Allow statements for everyone */
	size_t n_everyone, cap_everyone;
	const stmt **rp_allows;     /* every resource-policy Allow (witness sources) */
	size_t n_rp, cap_rp;
	unsigned *tid_arn, *tid_obj;    /* resource-side action classes */
	ptrmap masks;               /* stmt -> its stmt_mask */
	unsigned char **mask_list;
	size_t n_masks, cap_masks;
} ag_target;

void aws_graph_target_release(ag_target *t);
void aws_graph_push_stmt(const stmt ***arr, size_t *n, size_t *cap, const stmt *s);
/* One caller (p with ordinal o, or the outside ext) on t, with the statements
 * that may grant it (rel): only the actions those statements cover are
 * decided, one per class, into result(c, o) (model callers) or outside.
 * Returns 0 when none is covered (nothing decided). */
int aws_graph_decide_caller(agctx *c, const principal *p, const char *ext, ag_target *t, const stmt *const *rel,
			    size_t n_rel, ag_result *(*result)(agctx *, size_t), size_t o, ag_result *outside);

/* Access edges of every classified resource. */
void aws_graph_access(agctx *c);

#endif
