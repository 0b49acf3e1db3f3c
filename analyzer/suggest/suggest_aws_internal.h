/*
 * suggest_aws_internal — shared by suggest_aws.c (the replaced policies,
 * what is needed), suggest_aws_keep.c (what each statement keeps) and
 * suggest_aws_doc.c (the kept grants written as a policy). Not for other
 * modules. Ownership: items and the context borrow statements and strings
 * from the model; the policy written lives in its arena.
 */
#ifndef PG_SUGGEST_AWS_INTERNAL_H
#define PG_SUGGEST_AWS_INTERNAL_H

#include "base/ptrmap.h"
#include "catalog/aws_catalog.h"
#include "graph/graph.h"
#include "model/model.h"
#include "suggest/suggestion.h"

/* How a kept grant names its resources. */
enum {
	SA_PATTERN,             /* one Resource pattern (a store, its objects, a role, an unlisted ARN) */
	SA_AS_WRITTEN           /* the original statement's Resource/NotResource element */
};

/* One action kept from one original statement. */
typedef struct sa_item {
	const stmt *from;
	size_t ord;             /* from's position among the replaced statements */
	int kind;               /* SA_* */
	const char *action;     /* interned, lowercase */
	size_t act;             /* catalogue index, or SIZE_MAX when the catalogue lacks it */
	const char *pattern;    /* SA_PATTERN: interned */
} sa_item;

typedef struct sa_items {
	sa_item *items;
	size_t n, cap;
} sa_items;

void sa_items_add(sa_items *l, const stmt *from, size_t ord, int kind, const char *action, size_t act,
		  const char *pattern);

/* One principal's suggestion being built. */
typedef struct sa_ctx {
	model *m;
	const graph *g;
	const principal *p;
	suggestion *s;
	const ptrmap *store_svc;        /* interned lowercase service of a classified AWS store -> non-NULL */
	ptrmap cur;                     /* policy* -> non-NULL: the policies replaced */
	ptrmap ord;                     /* stmt* -> ordinal + 1 */
	const stmt **stmts;             /* the replaced statements, in order */
	size_t n_stmts;
	action_set *needed;             /* per ordinal: actions kept on the stores it reaches */
	action_set on_edges;            /* actions the principal has on any store or role today */
	sa_items items;
	int changed;
} sa_ctx;

/* What statement o keeps (items), drops (removed entries) and whether that changes anything (suggest_aws_keep.c). */
void sa_keep_statement(sa_ctx *c, size_t o);
/* A Resource pattern of an Allow statement that the kept grants no longer write is a change. */
void sa_pattern_changes(sa_ctx *c);

/*
 * The suggested policy: the Deny statements of stmts (in order) copied, and
 * the items grouped into Allow statements per original statement, kind,
 * service, access level and resource set; Sids derived from the original's
 * ("DataPlatformAdminS3Read"). Sorts items. Allocated in the model's arena.
 */
policy *sa_write_policy(model *m, const char *name, const stmt *const *stmts, size_t n_stmts, sa_items *items);

/* About how many characters the policy has as JSON without whitespace (what IAM's size quotas count). */
size_t sa_policy_chars(const policy *p);

#endif
