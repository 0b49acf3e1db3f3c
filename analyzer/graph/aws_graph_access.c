/*
 * aws_graph_access — access edges of classified resources: candidates from
 * the statement index and the resource policy, then aws_eval for the
 * catalogue actions their statements cover (aws_graph.h, "Prefilter").
 */
#include "graph/aws_graph_internal.h"
#include "base/xalloc.h"
#include "eval/arn.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct cand {
	size_t o;                   /* caller ordinal */
	const stmt *st;
} cand;

static int cmp_cand(const void *x, const void *y)
{
	const cand *a = x, *b = y;

	if (a->o != b->o)
		return (a->o > b->o) - (a->o < b->o);
	return (a->st > b->st) - (a->st < b->st);
}

/* Outside principals the resource policy names -> r. */
static void access_outside(agctx *c, ag_target *t, gnode *to)
{
	const pspec **outs = NULL;
	const stmt **rel = NULL;
	size_t n = 0, cap = 0, n_rel, cap_rel = 0, i, j;
	ag_result res;
	const policy *pol = t->r->policy;

	memset(&res, 0, sizeof(res));
	aws_graph_outside_of(c, pol, &outs, &n, &cap);
	for (i = 0; i < n; i++) {
		n_rel = 0;
		for (j = 0; j < pol->n_stmts; j++)
			if (aws_graph_stmt_names(&pol->stmts[j], outs[i]))
				aws_graph_push_stmt(&rel, &n_rel, &cap_rel, &pol->stmts[j]);
		if (aws_graph_decide_caller(c, NULL, outs[i] ? outs[i]->value : "*", t, rel, n_rel, NULL, 0, &res) && res.n)
			aws_graph_emit_one(c, GE_ACCESS, aws_graph_outside_node(c, outs[i]), to, NULL, &res);
		aws_graph_result_reset(&res);
	}
	aws_graph_result_release(&res);
	free(rel);
	free(outs);
}

/* The resource policy's share of the candidates: everyone, and IAM users and
 * roles it names by ARN (a policy naming an account needs their identity
 * Allow too, which the index finds). */
static void resource_policy(agctx *c, ag_target *t, cand **cs, size_t *n, size_t *cap)
{
	const policy *pol = t->r->policy;
	size_t i, j;

	for (i = 0; pol && i < pol->n_stmts; i++) {
		const stmt *s = &pol->stmts[i];
		if (s->effect != EFFECT_ALLOW)
			continue;
		aws_graph_push_stmt(&t->rp_allows, &t->n_rp, &t->cap_rp, s);
		if (aws_graph_stmt_everyone(s)) {
			aws_graph_push_stmt(&t->everyone, &t->n_everyone, &t->cap_everyone, s);
			continue;
		}
		for (j = 0; j < s->n_principals; j++) {
			size_t o = aws_graph_ordinal(c, model_find_principal(c->m, s->principals[j].value));
			if (o == SIZE_MAX || c->callers[o]->kind == PRIN_GROUP)
				continue;
			XGROW(*cs, *cap, *n + 1);
			(*cs)[*n].o = o;
			(*cs)[(*n)++].st = s;
		}
	}
}

/*
 * Can p be granted anything on t at all? Across accounts (both known) the
 * resource policy must allow too (IAM "Cross-account policy evaluation
 * logic"; for KMS keys as well), so when the inputs give the policy and none
 * of its Allow statements names p, its account or everyone, p gets nothing.
 */
static int may_reach(const principal *p, const ag_target *t, const char *r_account)
{
	const policy *pol = t->r->policy;
	size_t i, j, len;

	if (!p->account || !r_account || p->account == r_account || !t->r->policy_known)
		return 1;
	for (i = 0; pol && i < pol->n_stmts; i++) {
		const stmt *s = &pol->stmts[i];
		if (s->effect != EFFECT_ALLOW)
			continue;
		if (aws_graph_stmt_everyone(s))
			return 1;
		for (j = 0; j < s->n_principals; j++) {
			const char *v = s->principals[j].value, *acct;
			size_t n = strlen(v);
			if (v == p->arn || !strcmp(v, p->arn))
				return 1;
			if (n < 5 || strcmp(v + n - 5, ":root"))
				continue;
			acct = arn_account(v, &len);
			if (acct && strlen(p->account) == len && !memcmp(acct, p->account, len))
				return 1;
		}
	}
	return 0;
}

/* 1 the first time key is asked about (one warning per service or type). */
static int first_time(agctx *c, const char *key)
{
	const char *k = model_intern(c->m, key);

	if (ptrmap_get(&c->warned, k) || !c->warn)
		return 0;
	ptrmap_put(&c->warned, k, (void *)k);
	return 1;
}

static gnode *resource_node(agctx *c, const resource *r)
{
	c->st->resources++;
	return aws_graph_node_of_resource(c->g, r);
}

static void access_resource(agctx *c, const resource *r)
{
	ag_target t;
	gnode *to = resource_node(c, r);
	const stmt **st = NULL, **rel = NULL;
	cand *cs = NULL;
	size_t n_st = 0, cap_st = 0, n_cs = 0, cap_cs = 0, n_rel, cap_rel = 0, i, j, k, o, first;
	int fallback;
	arn_parts ap;
	const char *svc, *r_account;
	const void *token;

	memset(&t, 0, sizeof(t));
	t.r = r;
	r_account = r->account ? r->account : model_arn_account(c->m, r->arn);
	if (arn_parse(r->arn, &ap) < 0 || aws_graph_resource_acts(c->types, c->m, r, &t.on_arn, &t.on_objects,
								    &fallback) < 0) {
		if (first_time(c, r->arn))
			diag_list_addf(c->warn, DIAG_WARNING, r->loc.file, r->loc.line, r->loc.col,
				       "access to '%s' is not computed: its service is not in the action catalogue",
				       r->arn);
		return;
	}
	svc = model_intern_lower(c->m, model_intern_n(c->m, ap.service, ap.service_len));
	graph_edges(c->g, &first);
	if (aws_graph_share_copy(c, c->share, r, t.on_arn, t.on_objects, to, &token))
		return;         /* decided like an earlier resource: its edges copied */
	t.tid_arn = xmalloc((t.on_arn->n + 1) * sizeof(unsigned));
	t.tid_obj = xmalloc((t.on_objects->n + 1) * sizeof(unsigned));
	aws_graph_classes_resource(c, r, t.on_arn, t.tid_arn);
	aws_graph_classes_resource(c, r, t.on_objects, t.tid_obj);
	if (fallback && first_time(c, r->type ? r->type : svc))
		diag_list_addf(c->warn, DIAG_WARNING, r->loc.file, r->loc.line, r->loc.col,
			       "the type of '%s' is not in the action catalogue: every '%s' action is decided on it",
			       r->arn, svc);
	aws_graph_index_lookup(&c->ix, svc, r->arn, t.on_objects->n > 0, &st, &n_st, &cap_st);
	for (i = 0; i < n_st; i++) {
		const ag_holders *h = aws_graph_index_holders(&c->ix, st[i]->policy);
		for (j = 0; h && j < h->n; j++) {
			XGROW(cs, cap_cs, n_cs + 1);
			cs[n_cs].o = aws_graph_ordinal(c, h->items[j]);
			cs[n_cs++].st = st[i];
		}
	}
	resource_policy(c, &t, &cs, &n_cs, &cap_cs);
	if (n_cs > 1)
		qsort(cs, n_cs, sizeof(*cs), cmp_cand);
	/* callers in ordinal order: those with statements, and with a policy for
	 * everyone every user and role */
	for (o = 0, k = 0; o < c->n_callers; o++) {
		const principal *p = c->callers[o];
		int all = t.n_everyone && p->kind != PRIN_GROUP;
		if (!all && !(k < n_cs && cs[k].o == o)) {
			if (!t.n_everyone) {
				if (k >= n_cs)
					break;
				o = cs[k].o - 1;        /* on to the next candidate (cs[k].o > o) */
			}
			continue;
		}
		n_rel = 0;
		for (; k < n_cs && cs[k].o == o; k++)
			if (!n_rel || rel[n_rel - 1] != cs[k].st)
				aws_graph_push_stmt(&rel, &n_rel, &cap_rel, cs[k].st);
		for (i = 0; all && i < t.n_everyone; i++)
			aws_graph_push_stmt(&rel, &n_rel, &cap_rel, t.everyone[i]);
		if (may_reach(p, &t, r_account))
			aws_graph_decide_caller(c, p, NULL, &t, rel, n_rel, aws_graph_touch, o, NULL);
	}
	aws_graph_emit(c, GE_ACCESS, to, NULL);
	access_outside(c, &t, to);
	aws_graph_share_done(c, c->share, token, to, first);
	aws_graph_target_release(&t);
	free(rel);
	free(cs);
	free(st);
}

void aws_graph_access(agctx *c)
{
	size_t n, i;
	resource **rs = model_resources(c->m, &n);

	c->share = aws_graph_share_new(c);
	for (i = 0; i < n; i++)
		if (rs[i]->classification)
			access_resource(c, rs[i]);
	aws_graph_share_free(c->share);
	c->share = NULL;
}
