/* aws_reach — direct access plus breadth-first role-assumption chains. */
#include "graph/aws_reach.h"
#include "base/diag.h"
#include "base/ptrmap.h"
#include "base/xalloc.h"
#include "eval/match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void reach_result_init(reach_result *r)
{
	memset(r, 0, sizeof(*r));
}

static void entry_release(reach_entry *e)
{
	size_t i;

	for (i = 0; i < e->n_conditions; i++)
		free(e->conditions[i]);
	free(e->conditions);
	free(e->via);
}

void reach_result_release(reach_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->count; i++)
		entry_release(&r->entries[i]);
	free(r->entries);
	reach_result_init(r);
}

typedef struct walk {
	model *m;
	reach_result *r;
	ptrmap index;           /* principal ARN -> entry index + 1 */
} walk;

static const char *external_kind(const pspec *ps)
{
	switch (ps->kind) {
	case PSPEC_STAR: return "everyone";
	case PSPEC_SERVICE: return "service";
	case PSPEC_FEDERATED: return "federated";
	case PSPEC_CANONICAL_USER: return "canonical-user";
	case PSPEC_AWS:
		if (!strcmp(ps->value, "*"))
			return "everyone";
		if (strstr(ps->value, ":root"))
			return "account";
		if (strstr(ps->value, ":role/"))
			return "role";
		if (strstr(ps->value, ":user/"))
			return "user";
		return "principal";
	}
	return "principal";
}

/* Record principal -> (via chain, decision); keeps the first (shortest) path. */
static reach_entry *record(walk *w, const char *arn, const char *kind, decision dec, const char **via,
			   size_t n_via, eval_result *er)
{
	reach_entry *e;
	size_t i;

	if (ptrmap_get(&w->index, arn))
		return NULL;
	XGROW(w->r->entries, w->r->cap, w->r->count + 1);
	e = &w->r->entries[w->r->count++];
	memset(e, 0, sizeof(*e));
	e->principal = arn;
	e->kind = kind;
	e->dec = dec;
	e->via = xmalloc((n_via ? n_via : 1) * sizeof(*e->via));
	memcpy(e->via, via, n_via * sizeof(*via));
	e->n_via = n_via;
	if (er && er->n_conditions) {
		e->conditions = xmalloc(er->n_conditions * sizeof(char *));
		for (i = 0; i < er->n_conditions; i++)
			e->conditions[i] = xstrdup(er->conditions[i]);
		e->n_conditions = er->n_conditions;
	}
	ptrmap_put(&w->index, arn, (void *)(uintptr_t)w->r->count);
	return e;
}

static int decide(walk *w, const principal *p, const char *ext, const char *action, const char *res,
		  eval_result *er)
{
	w->r->evaluations++;
	return aws_eval_allows(w->m, p, ext, action, res, er);
}

/* Outside principals a policy names: evaluated as themselves. */
static void external_callers(walk *w, const policy *pol, const char *action, const char *res,
			     const char **tail, size_t n_tail, decision chain)
{
	size_t i, j;
	const char **via = xmalloc((n_tail + 1) * sizeof(*via));

	if (!pol)
		goto cleanup;
	if (n_tail)
		memcpy(via + 1, tail, n_tail * sizeof(*tail));
	for (i = 0; i < pol->n_stmts; i++) {
		const stmt *s = &pol->stmts[i];
		if (s->effect != EFFECT_ALLOW || s->not_principal)
			continue;
		for (j = 0; j < s->n_principals; j++) {
			const pspec *ps = &s->principals[j];
			eval_result er;
			int ok;
			if (model_find_principal(w->m, ps->value) || ptrmap_get(&w->index, ps->value))
				continue;
			ok = decide(w, NULL, ps->value, action, res, &er);
			if (ok > 0) {
				decision d = er.dec == DEC_CONDITIONAL || chain == DEC_CONDITIONAL ? DEC_CONDITIONAL
												   : DEC_ALLOW;
				via[0] = ps->value;
				record(w, ps->value, external_kind(ps), d, via, n_tail + 1, &er);
			}
			aws_eval_result_release(&er);
		}
	}
cleanup:
	free(via);
}

/* Can p's identity policies allow sts:AssumeRole on anything? Cheap filter before evaluating. */
static int may_assume(const principal *p)
{
	size_t i, j;

	for (i = 0; i < p->n_policies; i++)
		for (j = 0; j < p->policies[i]->n_stmts; j++) {
			const stmt *s = &p->policies[i]->stmts[j];
			if (s->effect == EFFECT_ALLOW && aws_eval_stmt_action(s, "sts:assumerole"))
				return 1;
		}
	return 0;
}

static int trust_names(const principal *role, const principal *p)
{
	size_t i, j;

	if (!role->trust)
		return 0;
	for (i = 0; i < role->trust->n_stmts; i++)
		for (j = 0; j < role->trust->stmts[i].n_principals; j++)
			if (role->trust->stmts[i].principals[j].value == p->arn)
				return 1;
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const reach_entry *x = a, *y = b;
	int c = strcmp(x->principal, y->principal);

	return c ? c : (x->n_via > y->n_via) - (x->n_via < y->n_via);
}

int aws_who_can(model *m, const char *action, const char *resource_arn, reach_result *r)
{
	walk w;
	principal **ps;
	size_t n, i, head;
	int err = 0;
	const char *res = model_intern(m, resource_arn);
	const resource *rs = aws_eval_resource_of(m, res);
	const principal *as_role = model_find_principal(m, res);

	w.m = m;
	w.r = r;
	ptrmap_init(&w.index);
	ps = model_principals(m, &n);

	/* direct access */
	for (i = 0; i < n; i++) {
		eval_result er;
		int ok;
		if (ps[i]->kind != PRIN_USER && ps[i]->kind != PRIN_ROLE)
			continue;
		ok = decide(&w, ps[i], NULL, action, res, &er);
		if (ok < 0)
			err = PG_EINTERNAL;
		else if (ok)
			record(&w, ps[i]->arn, principal_kind_name(ps[i]->kind), er.dec, &ps[i]->arn, 1, &er);
		aws_eval_result_release(&er);
	}
	external_callers(&w, as_role && as_role->kind == PRIN_ROLE && !strncasecmp(action, "sts:assumerole", 14)
				     ? as_role->trust : rs ? rs->policy : NULL,
			 action, res, NULL, 0, DEC_ALLOW);

	/* chains: breadth-first over roles that have access, looking for who can assume them */
	for (head = 0; head < r->count; head++) {
		const principal *role = model_find_principal(m, r->entries[head].principal);
		if (!role || role->kind != PRIN_ROLE)
			continue;
		for (i = 0; i < n; i++) {
			const principal *c = ps[i];
			eval_result er;
			int ok;
			if ((c->kind != PRIN_USER && c->kind != PRIN_ROLE) || c == role ||
			    ptrmap_get(&w.index, c->arn))
				continue;
			if (!may_assume(c) && !trust_names(role, c))
				continue;
			ok = decide(&w, c, NULL, "sts:AssumeRole", role->arn, &er);
			if (ok > 0) {
				reach_entry *via_e = &r->entries[head];
				const char **via = xmalloc((via_e->n_via + 1) * sizeof(*via));
				decision d = er.dec == DEC_CONDITIONAL || via_e->dec == DEC_CONDITIONAL
						     ? DEC_CONDITIONAL : DEC_ALLOW;
				via[0] = c->arn;
				memcpy(via + 1, via_e->via, via_e->n_via * sizeof(*via));
				record(&w, c->arn, principal_kind_name(c->kind), d, via, via_e->n_via + 1, &er);
				free(via);
			}
			aws_eval_result_release(&er);
		}
		/* outside principals the role trusts reach it too */
		{
			reach_entry *via_e = &r->entries[head];
			const char **tail = xmalloc(via_e->n_via * sizeof(*tail));
			decision d = via_e->dec;
			memcpy(tail, via_e->via, via_e->n_via * sizeof(*tail));
			external_callers(&w, role->trust, "sts:AssumeRole", role->arn, tail, via_e->n_via, d);
			free(tail);
		}
	}
	if (r->count > 1)
		qsort(r->entries, r->count, sizeof(*r->entries), cmp_entry);
	ptrmap_release(&w.index);
	return err;
}
