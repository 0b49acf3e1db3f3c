/*
 * cfn_cond — the Conditions section: whether a condition holds, in
 * three-valued logic (eval/aws_cond.h's tri).
 *
 * A condition is settled only by values the deployment is known to use:
 * literals, and parameters and pseudo parameters a parameters file gives. A
 * parameter's Default is not enough (the deployment may override it), nor is
 * anything symbolic, so without a parameters file nearly every condition is
 * TRI_UNKNOWN and both branches of each Fn::If count (sound for access).
 */
#include "ingest/cfn_internal.h"

#include <string.h>

static tri expr(cfn_ctx *c, const doc_node *n);

/* Both sides known and scalar: compare every pair of alternatives. */
static tri equals(cfn_ctx *c, const doc_node *arg)
{
	cfn_alts a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	size_t i, j, same = 0, differ = 0;

	if (arg->type != DOC_ARRAY || arg->len != 2) {
		cfn_error(c, arg, "'Fn::Equals' takes [Value1, Value2]");
		return TRI_UNKNOWN;
	}
	if (cfn_eval(c, arg->items[0], &a) < 0 || cfn_eval(c, arg->items[1], &b) < 0)
		return TRI_UNKNOWN;
	for (i = 0; i < a.n; i++)
		for (j = 0; j < b.n; j++) {
			const cfn_alt *x = &a.v[i], *y = &b.v[j];
			if (x->flags || y->flags || x->guard || y->guard || x->n == CFN_NOVALUE || y->n == CFN_NOVALUE ||
			    !doc_is_scalar(x->n) || !doc_is_scalar(y->n))
				return TRI_UNKNOWN;
			if (!strcmp(x->n->str ? x->n->str : "", y->n->str ? y->n->str : ""))
				same++;
			else
				differ++;
		}
	if (same && !differ)
		return TRI_TRUE;
	if (differ && !same)
		return TRI_FALSE;
	return TRI_UNKNOWN;
}

static tri logic(cfn_ctx *c, const char *fn, const doc_node *arg)
{
	int is_and = !strcmp(fn, "Fn::And"), is_not = !strcmp(fn, "Fn::Not");
	tri t = is_and ? TRI_TRUE : TRI_FALSE;
	size_t i;

	if (arg->type != DOC_ARRAY || !arg->len || (is_not && arg->len != 1)) {
		cfn_error(c, arg, "'%s' takes a list of conditions%s", fn, is_not ? " (one)" : "");
		return TRI_UNKNOWN;
	}
	if (is_not)
		return tri_not(expr(c, arg->items[0]));
	for (i = 0; i < arg->len; i++)
		t = is_and ? tri_and(t, expr(c, arg->items[i])) : tri_or(t, expr(c, arg->items[i]));
	return t;
}

static tri expr(cfn_ctx *c, const doc_node *n)
{
	const doc_node *arg;
	const char *fn = cfn_intrinsic(n, &arg);

	if (!fn && n->type == DOC_OBJECT && n->len == 1 && !strcmp(n->keys[0]->str, "Condition")) {
		if (n->items[0]->type != DOC_STRING) {
			cfn_error(c, n->items[0], "'Condition' takes the name of a condition");
			return TRI_UNKNOWN;
		}
		return cfn_cond_decide(c, n->items[0]->str, n->items[0]);
	}
	if (fn && !strcmp(fn, "Fn::Equals"))
		return equals(c, arg);
	if (fn && (!strcmp(fn, "Fn::And") || !strcmp(fn, "Fn::Or") || !strcmp(fn, "Fn::Not")))
		return logic(c, fn, arg);
	cfn_error(c, n, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
	return TRI_UNKNOWN;
}

tri cfn_cond_decide(cfn_ctx *c, const char *name, const doc_node *at)
{
	cfn_cond_state *s = NULL;
	size_t i;

	for (i = 0; i < c->n_conds; i++)
		if (!strcmp(c->conds[i].name, name))
			s = &c->conds[i];
	if (!s) {
		cfn_error(c, at, "condition '%s' is not in the template's Conditions", name);
		return TRI_UNKNOWN;
	}
	if (s->state == 2)
		return s->value;
	if (s->state == 1) {
		cfn_error(c, at, "condition '%s' depends on itself", name);
		return TRI_UNKNOWN;
	}
	s->state = 1;
	s->value = expr(c, s->expr);
	s->state = 2;
	return s->value;
}
