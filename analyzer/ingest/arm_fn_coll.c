/*
 * arm_fn_coll — template functions on arrays, objects, numbers and logic.
 *
 * Logic is three-valued: and(false, X) is false whatever X is; not(X) of an
 * unknown X is a placeholder, which if() reads as "either branch". One
 * placeholder stands for one unknown value, so equals() of two equal
 * placeholders is true. Arrays stop at ARM_MAX_ITEMS (then: a placeholder).
 */
#include "ingest/arm_internal.h"
#include "base/xalloc.h"

#include <string.h>
#include <strings.h>

#define ADD(v) (arm_alts_add(c->t->f, out, (v)), 0)
#define PH() ADD(arm_call_placeholder(c))

static int fn_array(arm_call *c, arm_alts *out)
{
	doc_node *a;

	if (c->n != 1 || arm_is_sym(c->args[0]))
		return PH();
	if (c->args[0]->type == DOC_ARRAY)
		return ADD(c->args[0]);
	a = arm_container(c->t->f, DOC_ARRAY, c->at, 1);
	arm_push(c->t->f, a, NULL, c->args[0]);
	return ADD(a);
}

static int fn_create_array(arm_call *c, arm_alts *out)
{
	doc_node *a = arm_container(c->t->f, DOC_ARRAY, c->at, c->n);
	size_t i;

	for (i = 0; i < c->n; i++)
		arm_push(c->t->f, a, NULL, c->args[i]);
	return ADD(a);
}

static int fn_create_object(arm_call *c, arm_alts *out)
{
	doc_node *o = arm_container(c->t->f, DOC_OBJECT, c->at, c->n / 2);
	size_t i;

	for (i = 0; i + 1 < c->n; i += 2) {
		const char *k = arm_arg_str(c, i, 1);
		if (!k)
			return PH();
		arm_push(c->t->f, o, k, c->args[i + 1]);
	}
	return c->n % 2 ? PH() : ADD(o);
}

static int fn_json(arm_call *c, arm_alts *out)
{
	const char *s = arm_arg_str(c, 0, 1);
	arm_file *f = c->t->f;
	diag dg = DIAG_INIT;
	doc *d = NULL;

	if (!s || c->n != 1)
		return PH();
	if (doc_load_buffer(&d, c->at->file, s, strlen(s), DOC_FMT_JSON, &dg) < 0) {
		diag_release(&dg);
		return PH();
	}
	XGROW(f->docs, f->cap_docs, f->n_docs + 1);
	f->docs[f->n_docs++] = d;
	return ADD(doc_root(d));
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int fn_length(arm_call *c, arm_alts *out)
{
	const doc_node *v = c->n == 1 ? c->args[0] : NULL;

	if (!v || arm_is_sym(v))
		return PH();
	if (v->type == DOC_ARRAY || v->type == DOC_OBJECT)
		return ADD(arm_num(c->t->f, c->at, (long long)v->len));
	return v->type == DOC_STRING ? ADD(arm_num(c->t->f, c->at, (long long)utf8_len(v->str))) : PH();
}

static int fn_empty(arm_call *c, arm_alts *out)
{
	const doc_node *v = c->n == 1 ? c->args[0] : NULL;

	if (!v || arm_is_sym(v))
		return PH();
	return ADD(arm_bool(c->t->f, c->at, v->type == DOC_NULL || !v->len));
}

/* One placeholder stands for one unknown value, so equal placeholders are equal
 * values — except newGuid() and utcNow(), new at each use. */
static int fn_equals(arm_call *c, arm_alts *out)
{
	strbuf sb = STRBUF_INIT;
	int same, fresh;

	if (c->n != 2)
		return PH();
	if (c->args[0] == c->args[1])
		return ADD(arm_bool(c->t->f, c->at, 1));       /* the very same value */
	same = arm_equal(c->t->f, c->args[0], c->args[1]);
	if (!same && !arm_args_known(c))
		return PH();
	if (same && !arm_args_known(c)) {
		fresh = arm_json(c->t->f, &sb, c->args[0]) < 0 || strstr(sb.buf, "{newGuid(") || strstr(sb.buf, "{utcNow(");
		strbuf_release(&sb);
		if (fresh)
			return PH();
	}
	return ADD(arm_bool(c->t->f, c->at, same));
}

static int fn_not(arm_call *c, arm_alts *out)
{
	int v = c->n == 1 ? arm_truth(c->args[0]) : -1;

	return v < 0 ? PH() : ADD(arm_bool(c->t->f, c->at, !v));
}

static int logic(arm_call *c, arm_alts *out, int dominant)
{
	size_t i;
	int unknown = 0;

	for (i = 0; i < c->n; i++) {
		int v = arm_truth(c->args[i]);
		if (v == dominant)
			return ADD(arm_bool(c->t->f, c->at, dominant));
		unknown |= v < 0;
	}
	return unknown || !c->n ? PH() : ADD(arm_bool(c->t->f, c->at, !dominant));
}

static int fn_and(arm_call *c, arm_alts *out)
{
	return logic(c, out, 0);
}

static int fn_or(arm_call *c, arm_alts *out)
{
	return logic(c, out, 1);
}

static int fn_bool(arm_call *c, arm_alts *out)
{
	int v = c->n == 1 ? arm_truth(c->args[0]) : -1;

	if (v < 0 && c->n == 1 && c->args[0]->type == DOC_NUMBER)
		v = strcmp(c->args[0]->str, "0") != 0;
	return v < 0 ? PH() : ADD(arm_bool(c->t->f, c->at, v));
}

static int fn_int(arm_call *c, arm_alts *out)
{
	const char *s = arm_arg_str(c, 0, 1);
	long long v;

	if (c->n == 1 && arm_int(c->args[0], &v))
		return ADD(c->args[0]);
	if (s && *s && strspn(s + (*s == '-'), "0123456789") == strlen(s + (*s == '-')))
		return ADD(arm_scalar(c->t->f, DOC_NUMBER, c->at, s));
	return PH();
}

static int fn_contains(arm_call *c, arm_alts *out)
{
	const doc_node *v = c->n == 2 ? c->args[0] : NULL, *item = c->n == 2 ? c->args[1] : NULL;
	size_t i;
	int hit = 0;

	if (!v || !arm_args_known(c))
		return PH();
	if (v->type == DOC_STRING && item->type == DOC_STRING)
		hit = strstr(v->str, item->str) != NULL;
	else if (v->type == DOC_OBJECT && item->type == DOC_STRING)
		hit = arm_member(v, item->str) != NULL;
	else if (v->type == DOC_ARRAY)
		for (i = 0; i < v->len && !hit; i++)
			hit = arm_equal(c->t->f, v->items[i], item);
	else
		return PH();
	return ADD(arm_bool(c->t->f, c->at, hit));
}

static int ends(arm_call *c, arm_alts *out, int last)
{
	const doc_node *v = c->n == 1 ? c->args[0] : NULL;

	if (!v || arm_is_sym(v))
		return PH();
	if (v->type == DOC_ARRAY)
		return v->len ? ADD(v->items[last ? v->len - 1 : 0]) : ADD(arm_scalar(c->t->f, DOC_NULL, c->at, "null"));
	if (v->type == DOC_STRING)
		return ADD(arm_str(c->t->f, c->at, v->len ? v->str + (last ? v->len - 1 : 0) : "", v->len ? 1 : 0));
	return PH();
}

static int fn_first(arm_call *c, arm_alts *out)
{
	return ends(c, out, 0);
}

static int fn_last(arm_call *c, arm_alts *out)
{
	return ends(c, out, 1);
}

static int slice(arm_call *c, arm_alts *out, int skip)
{
	const doc_node *v = c->n == 2 ? c->args[0] : NULL;
	long long k;
	size_t from, to, i;
	doc_node *a;

	if (!v || arm_is_sym(v) || !arm_int(c->args[1], &k))
		return PH();
	k = k < 0 ? 0 : k;
	if (v->type != DOC_ARRAY && v->type != DOC_STRING)
		return PH();
	from = skip ? ((size_t)k < v->len ? (size_t)k : v->len) : 0;
	to = skip ? v->len : ((size_t)k < v->len ? (size_t)k : v->len);
	if (v->type == DOC_STRING)
		return ADD(arm_str(c->t->f, c->at, v->str + from, to - from));
	a = arm_container(c->t->f, DOC_ARRAY, c->at, to - from);
	for (i = from; i < to; i++)
		arm_push(c->t->f, a, NULL, v->items[i]);
	return ADD(a);
}

static int fn_take(arm_call *c, arm_alts *out)
{
	return slice(c, out, 0);
}

static int fn_skip(arm_call *c, arm_alts *out)
{
	return slice(c, out, 1);
}

static int fn_union(arm_call *c, arm_alts *out)
{
	doc_node *r;
	size_t i, k, total = 0;

	for (i = 0; i < c->n; i++)
		total += c->args[i]->len;
	/* deduplicating is quadratic: a few thousand members is plenty for a template */
	if (!c->n || total > 4096 || arm_is_sym(c->args[0]) ||
	    (c->args[0]->type != DOC_ARRAY && c->args[0]->type != DOC_OBJECT))
		return PH();
	r = arm_container(c->t->f, c->args[0]->type, c->at, 4);
	for (i = 0; i < c->n; i++) {
		const doc_node *v = c->args[i];
		if (v->type != r->type)
			return PH();
		for (k = 0; k < v->len; k++) {
			size_t j;
			int dup = 0;
			for (j = 0; j < r->len && !dup; j++)
				dup = r->type == DOC_OBJECT ? !strcasecmp(r->keys[j]->str, v->keys[k]->str)
							     : arm_equal(c->t->f, r->items[j], v->items[k]);
			if (dup && r->type == DOC_OBJECT)
				r->items[j - 1] = v->items[k];  /* a later object's value wins */
			else if (!dup)
				arm_push(c->t->f, r, r->type == DOC_OBJECT ? v->keys[k]->str : NULL, v->items[k]);
		}
	}
	return ADD(r);
}

static int fn_coalesce(arm_call *c, arm_alts *out)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->args[i]->type != DOC_NULL)
			return ADD(c->args[i]);
	return ADD(arm_scalar(c->t->f, DOC_NULL, c->at, "null"));
}

static int fn_true(arm_call *c, arm_alts *out)
{
	return ADD(arm_bool(c->t->f, c->at, 1));
}

static int fn_false(arm_call *c, arm_alts *out)
{
	return ADD(arm_bool(c->t->f, c->at, 0));
}

static int fn_null(arm_call *c, arm_alts *out)
{
	return ADD(arm_scalar(c->t->f, DOC_NULL, c->at, "null"));
}

/* if(condition, then, else): lazy, so an unknown condition gives both branches (sound). */
static int fn_if(arm_call *c, arm_alts *out)
{
	arm_alts test, branch;
	size_t i, k;
	int want[2] = { 0, 0 };

	if (c->x->n != 3) {
		arm_alts_add(c->t->f, out, arm_call_placeholder(c));
		return 0;
	}
	arm_eval_ax(c->t, c->x->args[0], c->at, &test);
	for (i = 0; i < test.n; i++) {
		int v = arm_truth(test.v[i]);
		if (v != 0)
			want[0] = 1;
		if (v != 1)
			want[1] = 1;
	}
	for (i = 0; i < 2; i++) {
		if (!want[i])
			continue;
		arm_eval_ax(c->t, c->x->args[1 + i], c->at, &branch);
		for (k = 0; k < branch.n; k++)
			arm_alts_add(c->t->f, out, branch.v[k]);
	}
	return 0;
}

static int compare(arm_call *c, arm_alts *out, int want_lt, int or_equal)
{
	long long a, b;
	int r;

	if (c->n != 2 || !arm_args_known(c))
		return PH();
	if (arm_int(c->args[0], &a) && arm_int(c->args[1], &b))
		r = a < b ? -1 : a > b;
	else if (c->args[0]->type == DOC_STRING && c->args[1]->type == DOC_STRING)
		r = strcmp(c->args[0]->str, c->args[1]->str);
	else
		return PH();
	return ADD(arm_bool(c->t->f, c->at, (or_equal && r == 0) || (want_lt ? r < 0 : r > 0)));
}

static int fn_less(arm_call *c, arm_alts *out) { return compare(c, out, 1, 0); }
static int fn_less_eq(arm_call *c, arm_alts *out) { return compare(c, out, 1, 1); }
static int fn_greater(arm_call *c, arm_alts *out) { return compare(c, out, 0, 0); }
static int fn_greater_eq(arm_call *c, arm_alts *out) { return compare(c, out, 0, 1); }

static int arith(arm_call *c, arm_alts *out, char op)
{
	long long a, b;

	if (c->n != 2 || !arm_int(c->args[0], &a) || !arm_int(c->args[1], &b) || ((op == '/' || op == '%') && !b))
		return PH();
	if (op == '+')
		a += b;
	else if (op == '-')
		a -= b;
	else if (op == '*')
		a *= b;
	else if (op == '/')
		a /= b;
	else
		a %= b;
	return ADD(arm_num(c->t->f, c->at, a));
}

static int fn_add(arm_call *c, arm_alts *out) { return arith(c, out, '+'); }
static int fn_sub(arm_call *c, arm_alts *out) { return arith(c, out, '-'); }
static int fn_mul(arm_call *c, arm_alts *out) { return arith(c, out, '*'); }
static int fn_div(arm_call *c, arm_alts *out) { return arith(c, out, '/'); }
static int fn_mod(arm_call *c, arm_alts *out) { return arith(c, out, '%'); }

static const arm_fn_def table[] = {
	{ "add", fn_add, 0 },                   { "and", fn_and, 0 },
	{ "array", fn_array, 0 },               { "bool", fn_bool, 0 },
	{ "coalesce", fn_coalesce, 0 },         { "contains", fn_contains, 0 },
	{ "createArray", fn_create_array, 0 },  { "createObject", fn_create_object, 0 },
	{ "div", fn_div, 0 },                   { "empty", fn_empty, 0 },
	{ "equals", fn_equals, 0 },             { "false", fn_false, 0 },
	{ "first", fn_first, 0 },               { "greater", fn_greater, 0 },
	{ "greaterOrEquals", fn_greater_eq, 0 }, { "if", fn_if, 1 },
	{ "int", fn_int, 0 },                   { "json", fn_json, 0 },
	{ "last", fn_last, 0 },                 { "length", fn_length, 0 },
	{ "less", fn_less, 0 },                 { "lessOrEquals", fn_less_eq, 0 },
	{ "mod", fn_mod, 0 },                   { "mul", fn_mul, 0 },
	{ "not", fn_not, 0 },                   { "null", fn_null, 0 },
	{ "or", fn_or, 0 },                     { "skip", fn_skip, 0 },
	{ "sub", fn_sub, 0 },                   { "take", fn_take, 0 },
	{ "true", fn_true, 0 },                 { "union", fn_union, 0 },
	{ NULL, NULL, 0 }
};

const arm_fn_def *arm_fn_coll_find(const char *name)
{
	size_t i;

	for (i = 0; table[i].name; i++)
		if (!strcasecmp(table[i].name, name))
			return &table[i];
	return NULL;
}
