/*
 * az_cond_value — what the request settles in an Azure ABAC condition:
 * ActionMatches, resource names taken from the request's resource id, and the
 * String comparisons (cross products included); see eval/az_cond.h for the
 * rules and eval/az_cond_internal.h for the interface to the parser.
 */
#include "eval/az_cond.h"
#include "eval/az_cond_internal.h"
#include "eval/match.h"
#include "base/strci.h"

#include <string.h>

/*
 * Work allowed for one comparison of literal lists: (sum of left lengths) x
 * (sum of right lengths), a bound on the glob matcher's steps. Larger ones are
 * unknown rather than slow.
 */
#define AZ_COND_WORK_MAX ((size_t)1 << 22)

/* One value to compare. fold_unsure: its case is not known (a resource id). */
typedef struct value {
	const char *s;
	size_t len;
	int escaped, fold_unsure;
} value;

/* The known values of one side, walked with side_next. */
typedef struct side {
	int is_set;
	size_t n, total;          /* count, and sum of lengths */
	value one;                /* an attribute's value */
	const char *start, *end;  /* literals: re-scanned */
	az_lexer lx;
	size_t seen;
} side;

/* ---- what the request settles ------------------------------------------ */

static int seg_eq(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && strci_prefix_cmp(a, b, bn) == 0;
}

/* The next '/'-separated segment of [*p, end); 0 at the end or on an empty one. */
static int seg_take(const char **p, const char *end, const char **s, size_t *n)
{
	const char *e;

	if (*p >= end)
		return 0;
	e = memchr(*p, '/', (size_t)(end - *p));
	if (!e)
		e = end;
	*s = *p;
	*n = (size_t)(e - *p);
	*p = e < end ? e + 1 : end;
	return *n > 0;
}

/*
 * The name of the resource of type NS/t1/.../tk that resource id `id` names:
 * its one providers section (a "providers" where a scope or type keyword
 * stands) must start NS/t1/n1/.../tk/nk; the answer is nk. 0 when not known,
 * and for a type path through "blobs": a blob's name is a path of segments.
 */
static int resource_name(const char *id, const char *type, size_t tlen, const char **name, size_t *nlen)
{
	const char *end, *p, *sec = NULL, *s, *ts, *tp = type, *tend = type + tlen;
	size_t n, tn, idx;

	if (!id || id[0] != '/')
		return 0;
	end = id + strlen(id);   /* seg_take steps over one trailing slash */
	for (p = id + 1, idx = 0; p < end; idx++) {
		if (!seg_take(&p, end, &s, &n))
			return 0;
		if (idx % 2 == 0 && seg_eq(s, n, "providers", 9)) {
			if (sec)
				return 0;   /* an extension resource, or a blob path with "providers" */
			sec = p;
		}
	}
	if (!sec || !seg_take(&tp, tend, &ts, &tn) || !seg_take(&sec, end, &s, &n) || !seg_eq(s, n, ts, tn))
		return 0;
	*name = NULL;
	while (tp < tend) {
		if (!seg_take(&tp, tend, &ts, &tn) || seg_eq(ts, tn, "blobs", 5) || !seg_take(&sec, end, &s, &n) ||
		    !seg_eq(s, n, ts, tn) || !seg_take(&sec, end, name, nlen))
			return 0;
	}
	return *name != NULL;
}

/* An attribute's value from the request: only @Resource[TYPE:name]. */
static int attr_value(const az_cond_request *rq, const az_tok *a, value *v)
{
	const char *colon = NULL;
	size_t i;

	if (a->src != AZS_RESOURCE || !rq)
		return 0;
	for (i = 0; i < a->val_len; i++)
		if (a->val[i] == ':')
			colon = a->val + i;
	if (!colon || !seg_eq(colon + 1, (size_t)(a->val + a->val_len - colon - 1), "name", 4))
		return 0;
	memset(v, 0, sizeof(*v));
	v->fold_unsure = 1;
	return resource_name(rq->resource_id, a->val, (size_t)(colon - a->val), &v->s, &v->len);
}

tri az_cond_action_matches(const az_cond_request *rq, const az_tok *s)
{
	const char *op = rq ? rq->operation : NULL;

	if (!op || s->escaped || memchr(s->val, '?', s->val_len))
		return TRI_UNKNOWN;
	return match_glob_n(s->val, s->val_len, op, strlen(op), MATCH_ICASE) ? TRI_TRUE : TRI_FALSE;
}

/* ---- comparisons --------------------------------------------------------- */

/* Fill sd with the operand's values when they are all known strings. */
static int side_init(const az_cond_request *rq, const az_operand *o, side *sd)
{
	az_tok t;

	memset(sd, 0, sizeof(*sd));
	sd->is_set = o->is_set;
	if (o->is_attr) {
		if (!attr_value(rq, &o->attr, &sd->one))
			return 0;
		sd->n = 1;
		sd->total = sd->one.len;
		return 1;
	}
	sd->start = o->start;
	sd->end = o->end;
	sd->lx.cur = (const unsigned char *)o->start;
	while (sd->lx.cur < (const unsigned char *)o->end) {
		az_cond_lex(&sd->lx, &t);
		if (t.kind == AZT_LBRACE || t.kind == AZT_COMMA || t.kind == AZT_RBRACE)
			continue;
		if (t.kind != AZT_STRING)
			return 0;   /* a number, GUID or bool compared as a string */
		sd->n++;
		sd->total += t.val_len;
	}
	sd->lx.cur = (const unsigned char *)o->start;
	return 1;
}

static int side_next(side *sd, value *v)
{
	az_tok t;

	if (sd->seen >= sd->n)
		return 0;
	sd->seen++;
	if (!sd->start) {
		*v = sd->one;
		return 1;
	}
	do
		az_cond_lex(&sd->lx, &t);
	while (t.kind != AZT_STRING && t.kind != AZT_END);
	if (t.kind == AZT_END)
		return 0;   /* not reached: side_init counted the strings */
	memset(v, 0, sizeof(*v));
	v->s = t.val;
	v->len = t.val_len;
	v->escaped = t.escaped;
	return 1;
}

static void side_rewind(side *sd)
{
	sd->seen = 0;
	sd->lx.cur = (const unsigned char *)sd->start;
}

static int eq_n(const char *a, const char *b, size_t n, int icase)
{
	return icase ? strci_prefix_cmp(a, b, n) == 0 : memcmp(a, b, n) == 0;
}

static int raw_cmp(const az_op *op, const value *l, const value *r, int icase)
{
	switch (op->kind) {
	case AZO_STR_EQ:
		return l->len == r->len && eq_n(l->s, r->s, r->len, icase);
	case AZO_STR_STARTS:
		return l->len >= r->len && eq_n(l->s, r->s, r->len, icase);
	default:
		return match_glob_n(r->s, r->len, l->s, l->len, MATCH_ESCAPED | (icase ? MATCH_ICASE : 0));
	}
}

/* A Like pattern's escapes are the documented "\*" and "\?" only. */
static int like_escapes_ok(const value *r)
{
	size_t i;

	for (i = 0; i < r->len; i++) {
		if (r->s[i] == '\'')
			return 0;
		if (r->s[i] == '\\' && (++i >= r->len || (r->s[i] != '*' && r->s[i] != '?')))
			return 0;
	}
	return 1;
}

/* One left value against one right value. */
static tri pair(const az_op *op, const value *l, const value *r)
{
	int cs;

	if (l->escaped || (r->escaped && (op->kind != AZO_STR_LIKE || !like_escapes_ok(r))))
		return TRI_UNKNOWN;
	cs = raw_cmp(op, l, r, op->icase);
	/* an id written in another case: sure only if case folding changes nothing */
	if (!op->icase && (l->fold_unsure || r->fold_unsure) && raw_cmp(op, l, r, 1) != cs)
		return TRI_UNKNOWN;
	return (cs != op->negated) ? TRI_TRUE : TRI_FALSE;
}

tri az_cond_compare(const az_cond_request *rq, const az_op *op, const az_operand *lo, const az_operand *ro)
{
	side l, r;
	value lv, rv;
	tri outer, inner;
	int outer_all = op->qual == AZQ_ALL_OF_ANY || op->qual == AZQ_ALL_OF_ALL;
	int inner_all = op->qual == AZQ_ANY_OF_ALL || op->qual == AZQ_ALL_OF_ALL;

	if (op->kind != AZO_STR_EQ && op->kind != AZO_STR_STARTS && op->kind != AZO_STR_LIKE)
		return TRI_UNKNOWN;
	if (!side_init(rq, lo, &l) || !side_init(rq, ro, &r))
		return TRI_UNKNOWN;
	/* without a cross-product qualifier the documentation shows one value a side */
	if (op->qual == AZQ_NONE && (l.is_set || r.is_set))
		return TRI_UNKNOWN;
	if (l.total + l.n > AZ_COND_WORK_MAX / (r.total + r.n))
		return TRI_UNKNOWN;
	outer = outer_all ? TRI_TRUE : TRI_FALSE;
	while (side_next(&l, &lv)) {
		inner = inner_all ? TRI_TRUE : TRI_FALSE;
		side_rewind(&r);
		while (side_next(&r, &rv)) {
			tri t = pair(op, &lv, &rv);

			inner = inner_all ? tri_and(inner, t) : tri_or(inner, t);
		}
		outer = outer_all ? tri_and(outer, inner) : tri_or(outer, inner);
	}
	return outer;
}
