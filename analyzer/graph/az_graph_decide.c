/*
 * az_graph_decide — one class of operations on one scope: an az_plan, its
 * holders decided (and their groups' members when a deny assignment covers
 * the class), the answers folded into the resource's drafts: one per
 * principal, decision, granting assignment and conditions.
 */
#include "graph/az_graph_internal.h"
#include "base/xalloc.h"
#include "eval/az_eval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The assignment to show for who's answer: its own certain one first, then
 * its own, then any (a member's group's). */
static const az_assignment *granting(const az_result *r, const az_principal *who)
{
	size_t i;
	const az_assignment *own = NULL, *any = NULL;

	for (i = 0; i < r->n_reasons; i++) {
		const az_reason *e = &r->reasons[i];
		if (!e->assignment)
			continue;
		if (e->holder == who && !e->conditional)
			return e->assignment;
		if (e->holder == who && !own)
			own = e->assignment;
		if (!any)
			any = e->assignment;
	}
	return own ? own : any;
}

static const az_deny *denying(const az_result *r)
{
	size_t i;

	for (i = 0; i < r->n_reasons; i++)
		if (r->reasons[i].deny && !r->reasons[i].conditional)
			return r->reasons[i].deny;
	return NULL;
}

static int decide(azg_work *w, az_plan *plan, const az_principal *who, int member, azg_hit *out)
{
	az_result res;
	int err;

	az_result_init(&res);
	err = az_plan_decide(plan, who, &res);
	w->c->st.decisions++;
	memset(out, 0, sizeof(*out));
	out->who = who;
	out->member = member;
	out->dec = res.dec;
	if (!err && (res.dec == DEC_ALLOW || res.dec == DEC_CONDITIONAL)) {
		out->x = granting(&res, who);
		out->conds = azg_conds_of(w->c, res.conditions, res.n_conditions);
		out->n_conds = res.n_conditions;
	} else if (!err && res.dec == DEC_DENY) {
		out->deny = denying(&res);
	}
	az_result_release(&res);
	return err;
}

static int allowed(const azg_hit *h)
{
	return h->dec == DEC_ALLOW || h->dec == DEC_CONDITIONAL;
}

/* Record a hit's operations in its principal's draft with the same answer. */
static void draft_add(azg_work *w, const azg_hit *h, const uint64_t *ops)
{
	size_t at = (size_t)(uintptr_t)ptrmap_get(&w->first, h->who), i, k, last = 0;

	for (i = at; i; i = w->next[i - 1]) {
		azg_draft *d = &w->drafts[i - 1];
		last = i;
		if (d->dec == h->dec && d->x == h->x && d->conds == h->conds) {
			for (k = 0; k < w->t->words; k++)
				w->dbits[i - 1][k] |= ops[k];
			return;
		}
	}
	XGROW(w->drafts, w->cap_drafts, w->n_drafts + 1);
	w->dbits = xrealloc(w->dbits, w->cap_drafts * sizeof(*w->dbits));
	w->next = xrealloc(w->next, w->cap_drafts * sizeof(*w->next));
	i = w->n_drafts++;
	memset(&w->drafts[i], 0, sizeof(w->drafts[i]));
	w->drafts[i].who = h->who;
	w->drafts[i].dec = h->dec;
	w->drafts[i].x = h->x;
	w->drafts[i].conds = h->conds;
	w->drafts[i].n_conds = h->n_conds;
	w->dbits[i] = xmalloc(w->t->words * sizeof(uint64_t));
	memcpy(w->dbits[i], ops, w->t->words * sizeof(uint64_t));
	w->next[i] = 0;
	if (last)
		w->next[last - 1] = i + 1;
	else
		ptrmap_put(&w->first, h->who, (void *)(uintptr_t)(i + 1));
}

/* The group of who's (transitively) that is allowed best in this class: DEC_ALLOW,
 * DEC_CONDITIONAL, or DEC_IMPLICIT_DENY when none is; *via is set to it. */
static decision inherited(const azg_hit *hits, const ptrmap *idx, const az_principal *who, const az_principal **via)
{
	ptrmap seen = PTRMAP_INIT;
	const az_principal **q = NULL;
	size_t n = 0, cap = 0, i, j;
	decision best = DEC_IMPLICIT_DENY;

	*via = NULL;
	XGROW(q, cap, 1);
	q[n++] = who;
	ptrmap_put(&seen, who, (void *)who);
	for (i = 0; i < n && best != DEC_ALLOW; i++)
		for (j = 0; j < q[i]->n_groups; j++) {
			const az_principal *g = q[i]->groups[j];
			size_t at;
			if (ptrmap_get(&seen, g))
				continue;
			ptrmap_put(&seen, g, (void *)g);
			XGROW(q, cap, n + 1);
			q[n++] = g;
			at = (size_t)(uintptr_t)ptrmap_get(idx, g);
			if (at && allowed(&hits[at - 1]) && (best != DEC_CONDITIONAL || hits[at - 1].dec == DEC_ALLOW)) {
				best = hits[at - 1].dec;
				*via = g;
			}
		}
	ptrmap_release(&seen);
	free(q);
	return best;
}

static const char *pname(const az_principal *p)
{
	return p->name ? p->name : p->id;
}

/* Members whose answer differs from their groups': their own edge when they keep
 * more, a warning when a deny takes from them what a group keeps. */
static void settle_member(azg_work *w, const azg_hit *hits, const ptrmap *idx, const azg_hit *h, const uint64_t *ops,
			  const char *scope, const char *op)
{
	const az_principal *via;
	decision from_group = inherited(hits, idx, h->who, &via);

	if (allowed(h)) {
		if (from_group == DEC_IMPLICIT_DENY || (from_group == DEC_CONDITIONAL && h->dec == DEC_ALLOW))
			draft_add(w, h, ops);
		return;
	}
	if (from_group != DEC_IMPLICIT_DENY && h->deny && w->c->warn)
		diag_list_addf(w->c->warn, DIAG_WARNING, h->deny->loc.file, h->deny->loc.line, h->deny->loc.col,
			       "deny assignment '%s' denies %s on %s to %s, but group %s keeps it: access through "
			       "the group is reported for %s too",
			       h->deny->name ? h->deny->name : h->deny->id, op, scope, pname(h->who), pname(via),
			       pname(h->who));
}

static void hit_add(azg_hit **hits, size_t *n, size_t *cap, ptrmap *idx, const azg_hit *h)
{
	XGROW(*hits, *cap, *n + 1);
	(*hits)[*n] = *h;
	ptrmap_put(idx, h->who, (void *)(uintptr_t)(*n + 1));
	(*n)++;
}

/* One az_plan for class k at scope; its answers into drafts. */
int azg_run_class(azg_work *w, const char *scope, const azg_cls *k)
{
	az_plan *plan = az_plan_new(w->c->m, w->t->ops[k->rep], scope);
	const az_principal *const *holders;
	azg_hit *hits = NULL, h;
	ptrmap idx = PTRMAP_INIT;
	size_t n = 0, cap = 0, nh, i, j;
	int err = 0;

	if (!plan)
		return 0;
	holders = az_plan_holders(plan, &nh);
	for (i = 0; i < nh && !err; i++)
		if (holders[i]->kind != AZP_EVERYONE && !ptrmap_get(&idx, holders[i])) {
			err = decide(w, plan, holders[i], 0, &h);
			hit_add(&hits, &n, &cap, &idx, &h);
		}
	/* a deny can treat a member unlike its group: decide the members too, breadth-first */
	for (i = 0; k->denied && i < n && !err; i++)
		for (j = 0; j < hits[i].who->n_members && !err; j++) {
			const az_principal *x = hits[i].who->members[j];
			if (ptrmap_get(&idx, x))
				continue;
			err = decide(w, plan, x, 1, &h);
			hit_add(&hits, &n, &cap, &idx, &h);
		}
	for (i = 0; i < n && !err; i++) {
		if (!hits[i].member) {
			if (allowed(&hits[i]))
				draft_add(w, &hits[i], k->ops);
		} else {
			settle_member(w, hits, &idx, &hits[i], k->ops, scope, w->t->ops[k->rep]);
		}
	}
	ptrmap_release(&idx);
	free(hits);
	az_plan_free(plan);
	return err;
}

