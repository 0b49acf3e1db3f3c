/*
 * aws_graph_classes — actions aws_eval cannot tell apart, decided once.
 *
 * For one caller and one resource, aws_eval looks at an action only through
 * which statements' Action/NotAction cover it (identity policies, boundary,
 * SCPs on the caller's path, the resource policy, RCPs on the resource's
 * path; the service, which decides the KMS and RCP rules, is the same for
 * every action of a resource). Two actions covered by exactly the same
 * statements therefore get the same decision, reasons and conditions: one
 * class, one evaluation. The exceptions are the actions aws_eval names:
 * iam:PassRole (iam:PassedToService) and sts:AssumeRole* (trust policies),
 * each a class of its own.
 *
 * Caller-side classes (identity, boundary, SCPs) are computed once per
 * caller and action list and kept; resource-side ones once per resource.
 */
#include "graph/aws_graph_internal.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct kind_classes {
	const ag_acts *acts;
	unsigned *ids;
} kind_classes;

typedef struct caller_classes {
	kind_classes *k;
	size_t n, cap;
} caller_classes;

struct ag_classes {
	caller_classes *by_caller;  /* per ordinal */
	size_t n;
};

ag_classes *aws_graph_classes_new(size_t n_callers)
{
	ag_classes *cl = xcalloc(1, sizeof(*cl));

	cl->by_caller = xcalloc(n_callers ? n_callers : 1, sizeof(*cl->by_caller));
	cl->n = n_callers;
	return cl;
}

void aws_graph_classes_free(ag_classes *cl)
{
	size_t i, j;

	if (!cl)
		return;
	for (i = 0; i < cl->n; i++) {
		for (j = 0; j < cl->by_caller[i].n; j++)
			free(cl->by_caller[i].k[j].ids);
		free(cl->by_caller[i].k);
	}
	free(cl->by_caller);
	free(cl);
}

static void push(const stmt ***arr, size_t *n, size_t *cap, const stmt *s)
{
	XGROW(*arr, *cap, *n + 1);
	(*arr)[(*n)++] = s;
}

static void push_policy(const policy *p, const stmt ***arr, size_t *n, size_t *cap)
{
	size_t i;

	for (i = 0; p && i < p->n_stmts; i++)
		push(arr, n, cap, &p->stmts[i]);
}

static void push_org(model *m, const char *account, int rcp, const stmt ***arr, size_t *n, size_t *cap)
{
	org_node *path[64];
	size_t n_path = account ? model_org_path(m, account, path, 64) : 0, i, j;

	for (i = 0; i < n_path; i++) {
		policy **ps = rcp ? path[i]->rcps : path[i]->scps;
		size_t np = rcp ? path[i]->n_rcps : path[i]->n_scps;
		for (j = 0; j < np; j++)
			push_policy(ps[j], arr, n, cap);
	}
}

static int named_by_eval(const char *action)
{
	return !strcasecmp(action, "iam:PassRole") || !strncasecmp(action, "sts:AssumeRole", 14);
}

/* ids[i]: equal for actions the statements cover alike (exact comparison of
 * coverage vectors; ids are dense from 0). */
static void classify(const stmt *const *st, size_t n_st, const ag_acts *acts, unsigned *ids)
{
	size_t n = acts->n, i, j, k, n_rep = 0;
	unsigned char *vec = xcalloc(n * (n_st ? n_st : 1) + 1, 1);
	size_t *rep = xmalloc((n + 1) * sizeof(size_t));

	for (i = 0; i < n; i++) {
		const char *name = aws_catalog_name(acts->items[i]);
		unsigned char *v = vec + i * n_st;
		for (k = 0; k < n_st; k++)
			v[k] = (unsigned char)aws_eval_stmt_action(st[k], name);
		if (named_by_eval(name)) {
			ids[i] = (unsigned)n_rep;
			rep[n_rep++] = SIZE_MAX;        /* never shared */
			continue;
		}
		for (j = 0; j < n_rep; j++)
			if (rep[j] != SIZE_MAX && !memcmp(vec + rep[j] * n_st, v, n_st))
				break;
		if (j == n_rep)
			rep[n_rep++] = i;
		ids[i] = (unsigned)j;
	}
	free(rep);
	free(vec);
}

const unsigned *aws_graph_classes_caller(agctx *c, const principal *p, size_t o, const ag_acts *acts)
{
	caller_classes *cc = &c->classes->by_caller[o];
	const stmt **st = NULL;
	size_t n = 0, cap = 0, i;
	kind_classes *k;

	for (i = 0; i < cc->n; i++)
		if (cc->k[i].acts == acts)
			return cc->k[i].ids;
	for (i = 0; i < p->n_policies; i++)
		push_policy(p->policies[i], &st, &n, &cap);
	push_policy(p->boundary, &st, &n, &cap);
	push_org(c->m, p->account, 0, &st, &n, &cap);
	XGROW(cc->k, cc->cap, cc->n + 1);
	k = &cc->k[cc->n++];
	k->acts = acts;
	k->ids = xmalloc((acts->n + 1) * sizeof(unsigned));
	classify(st, n, acts, k->ids);
	free(st);
	return k->ids;
}

void aws_graph_classes_resource(agctx *c, const resource *r, const ag_acts *acts, unsigned *ids)
{
	const stmt **st = NULL;
	size_t n = 0, cap = 0;

	push_policy(r->policy, &st, &n, &cap);
	push_org(c->m, r->account ? r->account : model_arn_account(c->m, r->arn), 1, &st, &n, &cap);
	classify(st, n, acts, ids);
	free(st);
}
