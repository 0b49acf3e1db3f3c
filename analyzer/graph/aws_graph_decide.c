/*
 * aws_graph_decide — one caller on one classified resource: which actions
 * its statements may grant there (on the ARN, on the objects), one decision
 * per action class, object actions on the witness keys (aws_graph.h).
 */
#include "graph/aws_graph_internal.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"

#include <stdlib.h>
#include <string.h>

void aws_graph_push_stmt(const stmt ***arr, size_t *n, size_t *cap, const stmt *s)
{
	XGROW(*arr, *cap, *n + 1);
	(*arr)[(*n)++] = s;
}

void aws_graph_target_release(ag_target *t)
{
	size_t i;

	free(t->tid_arn);
	free(t->tid_obj);
	for (i = 0; i < t->n_masks; i++)
		free(t->mask_list[i]);
	free(t->mask_list);
	ptrmap_release(&t->masks);
	free(t->everyone);
	free(t->rp_allows);
}

/*
 * May a Resource of s match arn itself (objects = 0) or an object "arn/..."
 * (objects = 1)? A pattern matches only ARNs that start with its literal
 * start (up to the first '*', '?' or '$'); one without wildcards is that
 * ARN. Conservative: the index already chose s for one of the two.
 */
static int may_match(const stmt *s, const char *arn, size_t alen, int objects)
{
	size_t i;

	if (!s->has_resource || s->not_resource)
		return 1;
	for (i = 0; i < s->n_resources; i++) {
		const char *res = s->resources[i];
		size_t lp = strcspn(res, "*?$"), n;
		int exact = res[lp] == '\0';
		if (!objects) {
			if (lp <= alen && !memcmp(res, arn, lp) && (!exact || lp == alen))
				return 1;
		} else if (exact) {
			if (lp > alen && !memcmp(res, arn, alen) && res[alen] == '/')
				return 1;
		} else {
			n = lp < alen ? lp : alen;
			if (!memcmp(res, arn, n) && (lp <= alen || res[alen] == '/'))
				return 1;
		}
	}
	return 0;
}

/* Which of t's actions s may grant: on_arn first, then on_objects (cached per target). */
static const unsigned char *stmt_mask(ag_target *t, const stmt *s)
{
	unsigned char *m = ptrmap_get(&t->masks, s);
	size_t i, na = t->on_arn->n, no = t->on_objects->n, alen = strlen(t->r->arn);
	int on_arn, on_obj;

	if (m)
		return m;
	m = xcalloc(na + no + 1, 1);
	on_arn = s->effect == EFFECT_ALLOW && may_match(s, t->r->arn, alen, 0);
	on_obj = s->effect == EFFECT_ALLOW && no && may_match(s, t->r->arn, alen, 1);
	for (i = 0; on_arn && i < na; i++)
		m[i] = (unsigned char)aws_eval_stmt_action(s, aws_catalog_name(t->on_arn->items[i]));
	for (i = 0; on_obj && i < no; i++)
		m[na + i] = (unsigned char)aws_eval_stmt_action(s, aws_catalog_name(t->on_objects->items[i]));
	ptrmap_put(&t->masks, s, m);
	XGROW(t->mask_list, t->cap_masks, t->n_masks + 1);
	t->mask_list[t->n_masks++] = m;
	return m;
}

/* The Allow statements with resource patterns of the SCPs (rcp = 0) or RCPs
 * on the path of account: a guardrail that allows only some keys must agree. */
static void org_sources(agctx *c, const char *account, int rcp, const stmt ***src, size_t *n, size_t *cap)
{
	org_node *path[64];
	size_t n_path = account ? model_org_path(c->m, account, path, 64) : 0, i, j, k;

	for (i = 0; i < n_path; i++) {
		policy **ps = rcp ? path[i]->rcps : path[i]->scps;
		size_t np = rcp ? path[i]->n_rcps : path[i]->n_scps;
		for (j = 0; j < np; j++)
			for (k = 0; k < ps[j]->n_stmts; k++) {
				const stmt *s = &ps[j]->stmts[k];
				if (s->effect == EFFECT_ALLOW && s->has_resource &&
				    (s->not_resource || s->n_resources != 1 || strcmp(s->resources[0], "*")))
					aws_graph_push_stmt(src, n, cap, s);
			}
	}
}

/* Decide an object action on the witnesses; the best decision wins. */
static void decide_objects(agctx *c, const principal *p, const char *ext, const char *action, size_t act,
			   char **wit, size_t n_wit, ag_result *res)
{
	size_t i;

	for (i = 0; i < n_wit; i++) {
		eval_result er;
		int ok = aws_graph_decide(c, p, ext, action, wit[i], &er), certain = ok > 0 && er.dec == DEC_ALLOW;
		if (ok > 0)
			aws_graph_result_add(res, act, p, &er);
		aws_eval_result_release(&er);
		if (certain)
			break;
	}
}

/*
 * The positions of acts (marked in want) that must be decided, and for every
 * marked position the one it copies (itself when decided): positions whose
 * caller-side (cid; NULL: all alike) and resource-side (tid) classes agree
 * share a decision.
 */
static size_t pick(const unsigned char *want, size_t n, const unsigned *cid, const unsigned *tid, size_t *rep)
{
	size_t i, j, n_rep = 0, *reps = xmalloc((n + 1) * sizeof(size_t));

	for (i = 0; i < n; i++) {
		if (!want[i])
			continue;
		for (j = 0; j < n_rep; j++)
			if ((!cid || cid[reps[j]] == cid[i]) && tid[reps[j]] == tid[i])
				break;
		if (j == n_rep)
			reps[n_rep++] = i;
		rep[i] = reps[j];
	}
	free(reps);
	return n_rep;
}

/* The keys of t's bucket to decide object actions on for this caller: from
 * every statement that must allow (identity, boundary, bucket policy, and
 * SCP/RCP Allows that name resources). */
static void object_keys(agctx *c, const principal *p, const char *ext, const ag_target *t, const stmt *const *rel,
			size_t n_rel, char ***wit, size_t *n_wit, size_t *cap_wit)
{
	const stmt **src = NULL;
	size_t n_src = 0, cap_src = 0, i;

	for (i = 0; i < n_rel; i++)
		aws_graph_push_stmt(&src, &n_src, &cap_src, rel[i]);
	for (i = 0; i < t->n_rp; i++)
		aws_graph_push_stmt(&src, &n_src, &cap_src, t->rp_allows[i]);
	for (i = 0; p && p->boundary && i < p->boundary->n_stmts; i++)
		aws_graph_push_stmt(&src, &n_src, &cap_src, &p->boundary->stmts[i]);
	org_sources(c, p ? p->account : model_arn_account(c->m, ext), 0, &src, &n_src, &cap_src);
	org_sources(c, t->r->account, 1, &src, &n_src, &cap_src);
	aws_graph_witnesses(c->m, p, ext, t->r, src, n_src, wit, n_wit, cap_wit);
	free(src);
}

/* Decide the wanted actions of one list (on the ARN, or on the keys wit). */
static void decide_list(agctx *c, const principal *p, const char *ext, const char *arn, const ag_acts *acts,
			const unsigned char *want, const unsigned *cid, const unsigned *tid, char **wit, size_t n_wit,
			ag_result *res)
{
	size_t i, *rep = xmalloc((acts->n + 1) * sizeof(size_t));

	pick(want, acts->n, cid, tid, rep);
	for (i = 0; i < acts->n; i++) {
		const char *name = aws_catalog_name(acts->items[i]);
		eval_result er;
		if (!want[i] || rep[i] != i)
			continue;
		if (wit) {
			decide_objects(c, p, ext, name, acts->items[i], wit, n_wit, res);
			continue;
		}
		if (aws_graph_decide(c, p, ext, name, arn, &er) > 0)
			aws_graph_result_add(res, acts->items[i], p, &er);
		aws_eval_result_release(&er);
	}
	for (i = 0; i < acts->n; i++)
		if (want[i] && rep[i] != i)
			aws_graph_result_copy(res, acts->items[rep[i]], acts->items[i]);
	free(rep);
}

int aws_graph_decide_caller(agctx *c, const principal *p, const char *ext, ag_target *t, const stmt *const *rel,
			    size_t n_rel, ag_result *(*result)(agctx *, size_t), size_t o, ag_result *outside)
{
	size_t i, j, na = t->on_arn->n, no = t->on_objects->n, any = 0;
	ag_result *res;
	unsigned char *want = xcalloc(na + no + 1, 1);

	for (j = 0; j < n_rel; j++) {
		const unsigned char *m = stmt_mask(t, rel[j]);
		for (i = 0; i < na + no; i++)
			want[i] |= m[i];
	}
	for (i = 0; i < na + no && !any; i++)
		any = want[i];
	if (!any) {
		free(want);
		return 0;
	}
	if (result)
		c->st->pairs++;
	res = result ? result(c, o) : outside;
	decide_list(c, p, ext, t->r->arn, t->on_arn, want, p ? aws_graph_classes_caller(c, p, o, t->on_arn) : NULL,
		    t->tid_arn, NULL, 0, res);
	for (i = 0; i < no && !want[na + i]; i++)
		;
	if (i < no) {
		char **wit = NULL;
		size_t n_wit = 0, cap_wit = 0;
		object_keys(c, p, ext, t, rel, n_rel, &wit, &n_wit, &cap_wit);
		if (n_wit)
			decide_list(c, p, ext, NULL, t->on_objects, want + na,
				    p ? aws_graph_classes_caller(c, p, o, t->on_objects) : NULL, t->tid_obj, wit,
				    n_wit, res);
		for (i = 0; i < n_wit; i++)
			free(wit[i]);
		free(wit);
	}
	free(want);
	return 1;
}
