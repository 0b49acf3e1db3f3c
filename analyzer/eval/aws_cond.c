/*
 * aws_cond — operator parsing, key presence, negation, IfExists and the set
 * qualifiers; the per-value matchers are in aws_cond_ops.c.
 */
#include "eval/aws_cond.h"
#include "eval/aws_cond_ops.h"

#include <string.h>

tri tri_and(tri a, tri b)
{
	if (a == TRI_FALSE || b == TRI_FALSE)
		return TRI_FALSE;
	if (a == TRI_UNKNOWN || b == TRI_UNKNOWN)
		return TRI_UNKNOWN;
	return TRI_TRUE;
}

tri tri_or(tri a, tri b)
{
	if (a == TRI_TRUE || b == TRI_TRUE)
		return TRI_TRUE;
	if (a == TRI_UNKNOWN || b == TRI_UNKNOWN)
		return TRI_UNKNOWN;
	return TRI_FALSE;
}

tri tri_not(tri a)
{
	return a == TRI_UNKNOWN ? TRI_UNKNOWN : a == TRI_TRUE ? TRI_FALSE : TRI_TRUE;
}

const char *tri_str(tri t)
{
	return t == TRI_TRUE ? "true" : t == TRI_FALSE ? "false" : "unknown";
}

/* --- operators ----------------------------------------------------------- */

static const struct op_def {
	const char *name;
	aws_cond_kind kind;
	int negated;
} ops[] = {
	{ "StringEquals", AWS_COND_K_STR_EQ, 0 },
	{ "StringNotEquals", AWS_COND_K_STR_EQ, 1 },
	{ "StringEqualsIgnoreCase", AWS_COND_K_STR_EQ_CI, 0 },
	{ "StringNotEqualsIgnoreCase", AWS_COND_K_STR_EQ_CI, 1 },
	{ "StringLike", AWS_COND_K_STR_LIKE, 0 },
	{ "StringNotLike", AWS_COND_K_STR_LIKE, 1 },
	{ "NumericEquals", AWS_COND_K_NUM_EQ, 0 },
	{ "NumericNotEquals", AWS_COND_K_NUM_EQ, 1 },
	{ "NumericLessThan", AWS_COND_K_NUM_LT, 0 },
	{ "NumericLessThanEquals", AWS_COND_K_NUM_LE, 0 },
	{ "NumericGreaterThan", AWS_COND_K_NUM_GT, 0 },
	{ "NumericGreaterThanEquals", AWS_COND_K_NUM_GE, 0 },
	{ "DateEquals", AWS_COND_K_DATE_EQ, 0 },
	{ "DateNotEquals", AWS_COND_K_DATE_EQ, 1 },
	{ "DateLessThan", AWS_COND_K_DATE_LT, 0 },
	{ "DateLessThanEquals", AWS_COND_K_DATE_LE, 0 },
	{ "DateGreaterThan", AWS_COND_K_DATE_GT, 0 },
	{ "DateGreaterThanEquals", AWS_COND_K_DATE_GE, 0 },
	{ "Bool", AWS_COND_K_BOOL, 0 },
	{ "BinaryEquals", AWS_COND_K_BINARY, 0 },
	{ "IpAddress", AWS_COND_K_IP, 0 },
	{ "NotIpAddress", AWS_COND_K_IP, 1 },
	{ "ArnEquals", AWS_COND_K_ARN, 0 },
	{ "ArnLike", AWS_COND_K_ARN, 0 },
	{ "ArnNotEquals", AWS_COND_K_ARN, 1 },
	{ "ArnNotLike", AWS_COND_K_ARN, 1 },
	{ "Null", AWS_COND_K_NULL, 0 },
};

#define IF_EXISTS "IfExists"

/*
 * Operator names are matched exactly: IAM rejects a wrongly cased one
 * ("MalformedPolicyDocument: Invalid Condition type : stringEquals"), so no
 * stored policy can rely on another spelling. "Null" takes no IfExists (the
 * docs: "any condition operator name except the Null condition"); a set
 * qualifier on Null is not documented, so it is not accepted either.
 */
static const struct op_def *op_lookup(const char *op, aws_cond_op_info *info)
{
	size_t n, i, sfx = strlen(IF_EXISTS);

	memset(info, 0, sizeof(*info));
	if (!op)
		return NULL;
	if (!strncmp(op, "ForAnyValue:", 12)) {
		info->qualifier = AWS_COND_QUAL_ANY;
		op += 12;
	} else if (!strncmp(op, "ForAllValues:", 13)) {
		info->qualifier = AWS_COND_QUAL_ALL;
		op += 13;
	}
	n = strlen(op);
	if (n > sfx && !strcmp(op + n - sfx, IF_EXISTS)) {
		info->if_exists = 1;
		n -= sfx;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (strlen(ops[i].name) != n || memcmp(ops[i].name, op, n))
			continue;
		if (ops[i].kind == AWS_COND_K_NULL && (info->if_exists || info->qualifier))
			break;
		info->base = ops[i].name;
		info->negated = ops[i].negated;
		return &ops[i];
	}
	memset(info, 0, sizeof(*info));
	return NULL;
}

int aws_cond_op_parse(const char *op, aws_cond_op_info *info)
{
	aws_cond_op_info tmp;

	if (!info)
		info = &tmp;
	return op_lookup(op, info) ? 0 : -1;
}

int aws_cond_op_valid(const char *op)
{
	return aws_cond_op_parse(op, NULL);
}

/* --- evaluation ---------------------------------------------------------- */

/*
 * Null: "true" holds when the key is absent, "false" when it is present;
 * several values OR. A key present with an empty set of values is neither
 * clearly absent nor clearly "not null" (the docs: false means "the key
 * exists and its value is not null"): TRI_UNKNOWN.
 */
static tri eval_null(const aws_cond_test *c, const cond_key_value *kv)
{
	tri r = TRI_FALSE;
	size_t i;

	for (i = 0; i < c->n_values; i++) {
		int want_absent = aws_cond_parse_bool(c->values[i]);
		tri t;

		if (want_absent < 0)
			t = TRI_UNKNOWN;
		else if (kv->state == CK_ABSENT)
			t = want_absent ? TRI_TRUE : TRI_FALSE;
		else if (kv->n_values == 0)
			t = TRI_UNKNOWN;
		else
			t = want_absent ? TRI_FALSE : TRI_TRUE;
		r = tri_or(r, t);
	}
	return r;
}

/*
 * Does one request value satisfy the operator? Policy values OR; for a
 * negated operator NOR ("If a single negated matching condition operator
 * includes multiple values for a context key, those values are evaluated
 * using a logical NOR").
 */
static tri satisfies(const struct op_def *d, const aws_cond_test *c, const char *req)
{
	tri any = TRI_FALSE;
	size_t i;

	for (i = 0; i < c->n_values && any != TRI_TRUE; i++)
		any = tri_or(any, aws_cond_match(d->kind, req, c->values[i] ? c->values[i] : ""));
	return d->negated ? tri_not(any) : any;
}

tri aws_cond_eval(const aws_cond_test *c, aws_cond_lookup_fn lookup, void *ctx)
{
	aws_cond_op_info info;
	const struct op_def *d = op_lookup(c->op, &info);
	cond_key_value kv;
	tri any = TRI_FALSE, all = TRI_TRUE;
	size_t i;

	if (!d || !c->key || !lookup)
		return TRI_UNKNOWN;
	/*
	 * A key with no policy values ("key": []) has no documented meaning (OR
	 * over nothing, NOR over nothing): TRI_UNKNOWN.
	 */
	if (c->n_values == 0 || !c->values)
		return TRI_UNKNOWN;
	memset(&kv, 0, sizeof(kv));
	lookup(ctx, c->key, &kv);
	if (kv.state == CK_UNKNOWN || (kv.state == CK_PRESENT && kv.n_values && !kv.values))
		return TRI_UNKNOWN;
	if (d->kind == AWS_COND_K_NULL)
		return eval_null(c, &kv);

	if (kv.state == CK_ABSENT) {
		if (info.if_exists)
			return TRI_TRUE;
		if (info.qualifier == AWS_COND_QUAL_ALL)
			return TRI_TRUE;
		if (info.qualifier == AWS_COND_QUAL_ANY)
			return TRI_FALSE;
		return d->negated ? TRI_TRUE : TRI_FALSE;
	}

	for (i = 0; i < kv.n_values; i++) {
		tri s = satisfies(d, c, kv.values[i] ? kv.values[i] : "");

		any = tri_or(any, s);
		all = tri_and(all, s);
	}
	switch (info.qualifier) {
	case AWS_COND_QUAL_ANY:
		return any; /* FALSE on an empty set */
	case AWS_COND_QUAL_ALL:
		return all; /* TRUE on an empty set */
	case AWS_COND_QUAL_NONE:
		break;
	}
	/*
	 * No qualifier: the docs say a multivalued key "requires" a set
	 * operator but not how AWS reads one without it, nor how an empty set
	 * reads. With one value both readings coincide; otherwise answer only
	 * what "any value" and "every value" agree on.
	 */
	if (kv.n_values == 1)
		return any;
	return any == all ? any : TRI_UNKNOWN;
}

tri aws_cond_eval_all(const aws_cond_test *c, size_t n, aws_cond_lookup_fn lookup, void *ctx)
{
	tri r = TRI_TRUE;
	size_t i;

	for (i = 0; i < n && r != TRI_FALSE; i++)
		r = tri_and(r, aws_cond_eval(&c[i], lookup, ctx));
	return r;
}
