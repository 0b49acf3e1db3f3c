/* Tests for analyzer/eval/aws_cond: AWS condition operators in three-valued logic. */
#include "eval/aws_cond.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <strings.h>
#include <time.h>

/*
 * One table row: the condition as a policy writes it, what the analyzer knows
 * about the key in the request, and the expected answer. Value lists end at
 * the first NULL; {NULL} with CK_PRESENT is a key present with an empty set.
 */
typedef struct row {
	const char *op;
	const char *key;
	const char *pol[5];
	ck_state st;
	const char *req[5];
	tri want;
} row;

/* The request context of one row: one key, named REQ_KEY. */
#define REQ_KEY "test:Key"
#define K REQ_KEY
#define T TRI_TRUE
#define F TRI_FALSE
#define U TRI_UNKNOWN
#define P CK_PRESENT
#define A CK_ABSENT
#define X CK_UNKNOWN

typedef struct one_key {
	const char *name;
	ck_state st;
	const char *const *vals;
	size_t n;
	int calls;
} one_key;

static size_t count(const char *const *v, size_t max)
{
	size_t n = 0;

	while (n < max && v[n])
		n++;
	return n;
}

/* Keys compare case-insensitively; any other key is absent. */
static void lookup_keys(void *ctx, const char *key, cond_key_value *out)
{
	one_key *k;

	for (k = ctx; k->name; k++) {
		if (strcasecmp(k->name, key))
			continue;
		k->calls++;
		out->state = k->st;
		out->values = k->vals;
		out->n_values = k->n;
		return;
	}
	out->state = CK_ABSENT;
}

static void run_rows(const char *family, const row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const row *r = &rows[i];
		one_key ctx[2] = { { REQ_KEY, r->st, r->req, count(r->req, 5), 0 }, { NULL, 0, NULL, 0, 0 } };
		aws_cond_test c = { r->op, r->key, r->pol, count(r->pol, 5) };
		tri got = aws_cond_eval(&c, lookup_keys, ctx);

		if (got != r->want)
			fprintf(stderr, "\n  %s row %zu: %s {%s: %s...} -> %s, want %s\n", family, i,
				r->op, r->key, r->pol[0] ? r->pol[0] : "", tri_str(got), tri_str(r->want));
		CU_ASSERT_EQUAL(got, r->want);
		CU_ASSERT(ctx[0].calls <= 1);
	}
}

#define RUN(family, rows) run_rows(family, rows, sizeof(rows) / sizeof(rows[0]))

static size_t rows_total;
#define RUN_COUNTED(family, rows) (rows_total += sizeof(rows) / sizeof(rows[0]), RUN(family, rows))

static void aws_cond__tri_logic(void)
{
	static const tri v[3] = { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN };
	/* [a][b] indexed by enum value: FALSE, TRUE, UNKNOWN */
	static const tri and_t[3][3] = { { F, F, F }, { F, T, U }, { F, U, U } };
	static const tri or_t[3][3] = { { F, T, U }, { T, T, T }, { U, T, U } };
	int i, j;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++) {
			CU_ASSERT_EQUAL(tri_and(v[i], v[j]), and_t[v[i]][v[j]]);
			CU_ASSERT_EQUAL(tri_or(v[i], v[j]), or_t[v[i]][v[j]]);
		}
	}
	CU_ASSERT_EQUAL(tri_not(T), F);
	CU_ASSERT_EQUAL(tri_not(F), T);
	CU_ASSERT_EQUAL(tri_not(U), U);
	ASSERT_STR(tri_str(U), "unknown");
	ASSERT_STR(tri_str(T), "true");
	ASSERT_STR(tri_str(F), "false");
}

static void aws_cond__string(void)
{
	static const row rows[] = {
		{ "StringEquals", K, { "alice" }, P, { "alice" }, T },
		{ "StringEquals", K, { "alice" }, P, { "Alice" }, F },      /* values are case-sensitive */
		{ "StringEquals", K, { "bob", "alice" }, P, { "alice" }, T }, /* policy values OR */
		{ "StringEquals", K, { "a*" }, P, { "abc" }, F },           /* no wildcards */
		{ "StringEquals", K, { "a*" }, P, { "a*" }, T },
		{ "StringEquals", K, { "" }, P, { "" }, T },
		{ "StringNotEquals", K, { "alice" }, P, { "bob" }, T },
		{ "StringNotEquals", K, { "alice", "bob" }, P, { "bob" }, F }, /* NOR */
		{ "StringNotEquals", K, { "alice", "bob" }, P, { "carol" }, T },
		{ "StringEqualsIgnoreCase", K, { "ALICE" }, P, { "alice" }, T },
		{ "StringEqualsIgnoreCase", K, { "alice" }, P, { "alicia" }, F },
		{ "StringEqualsIgnoreCase", K, { "\xc3\x84rger" }, P, { "\xc3\x84RGER" }, T },
		{ "StringEqualsIgnoreCase", K, { "\xc3\x84RGER" }, P, { "\xc3\xa4rger" }, U }, /* non-ASCII fold */
		{ "StringNotEqualsIgnoreCase", K, { "Alice" }, P, { "ALICE" }, F },
		{ "StringNotEqualsIgnoreCase", K, { "Alice", "Carol" }, P, { "bob" }, T },
		{ "StringLike", K, { "home/*" }, P, { "home/alice/x" }, T },
		{ "StringLike", K, { "home/?" }, P, { "home/ab" }, F },
		{ "StringLike", K, { "home/??" }, P, { "home/ab" }, T },
		{ "StringLike", K, { "*" }, P, { "" }, T },
		{ "StringLike", K, { "" }, P, { "" }, T },
		{ "StringLike", K, { "" }, P, { "x" }, F },
		{ "StringLike", K, { "Home/*" }, P, { "home/x" }, F },      /* case-sensitive */
		{ "StringLike", K, { "a*b*c" }, P, { "axxbyyc" }, T },
		{ "StringLike", K, { "a*b*c" }, P, { "axxbyy" }, F },
		{ "StringLike", K, { "*.example.com" }, P, { "a.b.example.com" }, T },
		{ "StringLike", K, { "x", "t2.*" }, P, { "t2.micro" }, T },
		{ "StringNotLike", K, { "t1.*", "t2.*" }, P, { "m5.large" }, T },
		{ "StringNotLike", K, { "t1.*", "t2.*" }, P, { "t2.micro" }, F },
	};

	RUN_COUNTED("string", rows);
}

static void aws_cond__numeric(void)
{
	static const row rows[] = {
		{ "NumericEquals", K, { "10" }, P, { "10" }, T },
		{ "NumericEquals", K, { "10" }, P, { "10.0" }, T },
		{ "NumericEquals", K, { "10" }, P, { "11" }, F },
		{ "NumericEquals", K, { "0.5" }, P, { ".5" }, T },
		{ "NumericNotEquals", K, { "10", "20" }, P, { "20" }, F },
		{ "NumericNotEquals", K, { "10", "20" }, P, { "15" }, T },
		{ "NumericLessThan", K, { "10" }, P, { "9" }, T },
		{ "NumericLessThan", K, { "10" }, P, { "10" }, F },
		{ "NumericLessThanEquals", K, { "10" }, P, { "10" }, T },
		{ "NumericLessThanEquals", K, { "10" }, P, { "10.01" }, F },
		{ "NumericGreaterThan", K, { "10" }, P, { "10.5" }, T },
		{ "NumericGreaterThan", K, { "10" }, P, { "-3" }, F },
		{ "NumericGreaterThanEquals", K, { "10" }, P, { "10" }, T },
		{ "NumericGreaterThanEquals", K, { "-1.5" }, P, { "-2" }, F },
		/* malformed numbers: AWS reads them as no match; here unknown */
		{ "NumericEquals", K, { "ten" }, P, { "10" }, U },
		{ "NumericEquals", K, { "ten", "10" }, P, { "10" }, T },    /* another value matches */
		{ "NumericNotEquals", K, { "ten" }, P, { "10" }, U },
		{ "NumericLessThan", K, { "10" }, P, { "0x5" }, U },
		{ "NumericEquals", K, { "1e3" }, P, { "1000" }, U },
		{ "NumericEquals", K, { "" }, P, { "0" }, U },
	};

	RUN_COUNTED("numeric", rows);
}

static void aws_cond__date(void)
{
	static const row rows[] = {
		{ "DateGreaterThan", K, { "2020-01-01T00:00:01Z" }, P, { "2021-06-01T12:00:00Z" }, T },
		{ "DateGreaterThan", K, { "2020-01-01T00:00:01Z" }, P, { "2019-12-31T23:59:59Z" }, F },
		{ "DateLessThan", K, { "2020-01-01T00:00:00Z" }, P, { "1577836799" }, T },  /* epoch */
		{ "DateLessThan", K, { "2020-01-01T00:00:00Z" }, P, { "1577836800" }, F },
		{ "DateEquals", K, { "1577836800" }, P, { "2020-01-01T00:00:00Z" }, T },
		{ "DateEquals", K, { "1700000000" }, P, { "1700000000" }, T },
		{ "DateEquals", K, { "2020-01-01" }, P, { "2020-01-01T00:00:00Z" }, T },
		{ "DateEquals", K, { "2020-01-01T01:00:00+01:00" }, P, { "2020-01-01T00:00:00Z" }, T },
		{ "DateEquals", K, { "2019-12-31T19:30-04:30" }, P, { "2020-01-01T00:00:00Z" }, T },
		{ "DateNotEquals", K, { "2020-01-01T00:00:00Z" }, P, { "2020-01-01T00:00:00.5Z" }, T },
		{ "DateNotEquals", K, { "2020-01-01T00:00:00Z", "2021-01-01" }, P, { "2021-01-01T00:00:00Z" }, F },
		{ "DateLessThanEquals", K, { "2020-01-01T00:00:00Z" }, P, { "2020-01-01T00:00:00.000Z" }, T },
		{ "DateGreaterThanEquals", K, { "2020-02-29" }, P, { "2020-02-28T23:59Z" }, F },
		{ "DateGreaterThan", K, { "2020-06" }, P, { "2020-06-01T00:00:01Z" }, T },
		{ "DateLessThan", K, { "2038-01-19T03:14:08Z" }, P, { "2147483647" }, T },  /* past 2^31 */
		{ "DateLessThan", K, { "2019-02-29" }, P, { "1" }, U },       /* no such day */
		{ "DateLessThan", K, { "2020-01-01T00:00:00" }, P, { "1" }, U }, /* time without zone */
		{ "DateLessThan", K, { "2020" }, P, { "1" }, U },             /* year or epoch second? */
		{ "DateLessThan", K, { "next tuesday" }, P, { "1" }, U },
		{ "DateLessThan", K, { "2020-01-01T24:00:00Z" }, P, { "1" }, U },
		{ "DateLessThan", K, { "2020-01-01T00:00:00Z" }, P, { "yesterday" }, U },
	};

	RUN_COUNTED("date", rows);
}

static void aws_cond__bool_binary(void)
{
	static const row rows[] = {
		{ "Bool", K, { "true" }, P, { "true" }, T },
		{ "Bool", K, { "true" }, P, { "false" }, F },
		{ "Bool", K, { "false" }, P, { "false" }, T },
		{ "Bool", K, { "yes" }, P, { "true" }, U },
		{ "Bool", K, { "true" }, A, { NULL }, F },
		{ "BoolIfExists", K, { "false" }, A, { NULL }, T },
		{ "BoolIfExists", K, { "false" }, P, { "true" }, F },
		{ "BinaryEquals", K, { "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, P, { "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, T },
		{ "BinaryEquals", K, { "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, P, { "QmluYXJ5VmFsdWVJbkJhc2U2NA" }, T },
		{ "BinaryEquals", K, { "AAEC" }, P, { "AAED" }, F },
		{ "BinaryEquals", K, { "AAEC" }, P, { "AAECAw==" }, F },
		{ "BinaryEquals", K, { "AAECAw==" }, P, { "AAEC" }, F },
		{ "BinaryEquals", K, { "not base64!" }, P, { "AAEC" }, U },
		{ "BinaryEquals", K, { "AAEC" }, P, { "A" }, U },
	};

	RUN_COUNTED("bool/binary", rows);
}

static void aws_cond__ip(void)
{
	static const row rows[] = {
		{ "IpAddress", K, { "203.0.113.0/24" }, P, { "203.0.113.7" }, T },
		{ "IpAddress", K, { "203.0.113.0/24" }, P, { "203.0.114.7" }, F },
		{ "IpAddress", K, { "203.0.113.7" }, P, { "203.0.113.7" }, T },   /* default /32 */
		{ "IpAddress", K, { "203.0.113.7" }, P, { "203.0.113.8" }, F },
		{ "IpAddress", K, { "203.0.113.77/24" }, P, { "203.0.113.1" }, T }, /* host bits ignored */
		{ "IpAddress", K, { "0.0.0.0/0" }, P, { "1.2.3.4" }, T },
		{ "IpAddress", K, { "10.1.2.0/23" }, P, { "10.1.3.255" }, T },
		{ "IpAddress", K, { "10.1.2.0/23" }, P, { "10.1.4.0" }, F },
		{ "NotIpAddress", K, { "10.0.0.0/8", "192.168.0.0/16" }, P, { "192.168.1.1" }, F },
		{ "NotIpAddress", K, { "10.0.0.0/8", "192.168.0.0/16" }, P, { "8.8.8.8" }, T },
		{ "IpAddress", K, { "2001:DB8:1234:5678::/64" }, P, { "2001:db8:1234:5678::1" }, T },
		{ "IpAddress", K, { "2001:DB8:1234:5678::/64" }, P, { "2001:db8:1234:5679::1" }, F },
		{ "IpAddress", K, { "203.0.113.0/24", "2001:db8::/32" }, P, { "2001:db8:ffff::1" }, T },
		{ "IpAddress", K, { "2001:db8::1" }, P, { "2001:db8::1" }, T },     /* default /128 */
		{ "IpAddress", K, { "::/0" }, P, { "::1" }, T },
		{ "NotIpAddress", K, { "2001:db8::/32" }, P, { "2001:db9::1" }, T },
		{ "IpAddress", K, { "203.0.113.0/24" }, P, { "2001:db8::1" }, F }, /* other family */
		{ "IpAddress", K, { "203.0.113.0/24" }, P, { "::ffff:203.0.113.5" }, U },
		{ "IpAddress", K, { "203.0.113.0/24" }, P, { "203.0.113.0/28" }, T }, /* range inside */
		{ "IpAddress", K, { "203.0.113.0/24" }, P, { "203.0.0.0/16" }, U },   /* range around */
		{ "IpAddress", K, { "203.0.113.0/24" }, P, { "198.51.0.0/16" }, F },  /* disjoint */
		{ "IpAddress", K, { "203.0.113.0/33" }, P, { "203.0.113.1" }, U },
		{ "IpAddress", K, { "203.0.113.0/" }, P, { "203.0.113.1" }, U },
		{ "NotIpAddress", K, { "300.1.1.1" }, P, { "1.1.1.1" }, U },
		{ "IpAddress", K, { "203.0.113.0/24" }, P, { "localhost" }, U },
	};

	RUN_COUNTED("ip", rows);
}

static void aws_cond__arn(void)
{
	static const row rows[] = {
		{ "ArnLike", K, { "arn:aws:sns:*:123456789012:topic-*" }, P,
		  { "arn:aws:sns:us-east-1:123456789012:topic-a" }, T },
		/* the docs' example: ArnLike globs each part, StringLike the whole string */
		{ "ArnLike", K, { "arn:aws:someservice:*:111122223333:finance/*" }, P,
		  { "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt" }, F },
		{ "StringLike", K, { "arn:aws:someservice:*:111122223333:finance/*" }, P,
		  { "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt" }, T },
		{ "ArnEquals", K, { "arn:aws:s3:::bucket/*" }, P, { "arn:aws:s3:::bucket/a/b" }, T }, /* = ArnLike */
		{ "ArnEquals", K, { "arn:aws:iam::123456789012:role/Admin" }, P,
		  { "arn:aws:iam::123456789012:role/admin" }, F },
		{ "ArnNotEquals", K, { "arn:aws:iam::123456789012:role/Admin" }, P,
		  { "arn:aws:iam::123456789012:role/Dev" }, T },
		{ "ArnNotLike", K, { "arn:aws:iam::*:role/Admin*" }, P, { "arn:aws:iam::1:role/AdminX" }, F },
		{ "ArnLike", K, { "arn:aws:lambda:*:*:function:*" }, P,
		  { "arn:aws:lambda:us-east-1:1:function:f:PROD" }, T },   /* last part keeps its colons */
		{ "ArnLike", K, { "arn:aws:s3:::b?cket" }, P, { "arn:aws:s3:::bucket" }, T },
		{ "ArnLike", K, { "arn:aws:iam::*" }, P, { "arn:aws:iam::1:role/x" }, U }, /* five parts */
		{ "ArnLike", K, { "arn:aws:iam::1:role/x" }, P, { "not-an-arn" }, F },
		{ "ArnNotLike", K, { "arn:aws:iam::1:role/x" }, P, { "not-an-arn" }, T },
	};

	RUN_COUNTED("arn", rows);
}

static void aws_cond__null(void)
{
	static const row rows[] = {
		{ "Null", K, { "true" }, A, { NULL }, T },
		{ "Null", K, { "true" }, P, { "x" }, F },
		{ "Null", K, { "false" }, P, { "x" }, T },
		{ "Null", K, { "false" }, A, { NULL }, F },
		{ "Null", K, { "true" }, X, { NULL }, U },
		{ "Null", K, { "false" }, X, { NULL }, U },
		{ "Null", K, { "maybe" }, A, { NULL }, U },
		{ "Null", K, { "true" }, P, { NULL }, U },          /* present, empty set */
		{ "Null", K, { "true", "false" }, A, { NULL }, T },
		{ "Null", "test:Other", { "true" }, P, { "x" }, T }, /* another key is absent */
	};

	RUN_COUNTED("null", rows);
}

static void aws_cond__absent_unknown_ifexists(void)
{
	static const row rows[] = {
		/* absent key: negated operators true, the others false */
		{ "StringEquals", K, { "a" }, A, { NULL }, F },
		{ "StringNotEquals", K, { "a" }, A, { NULL }, T },
		{ "StringEqualsIgnoreCase", K, { "a" }, A, { NULL }, F },
		{ "StringNotEqualsIgnoreCase", K, { "a" }, A, { NULL }, T },
		{ "StringLike", K, { "*" }, A, { NULL }, F },
		{ "StringNotLike", K, { "a*" }, A, { NULL }, T },
		{ "NumericLessThan", K, { "10" }, A, { NULL }, F },
		{ "NumericNotEquals", K, { "10" }, A, { NULL }, T },
		{ "DateLessThan", K, { "2020-01-01" }, A, { NULL }, F },
		{ "DateNotEquals", K, { "2020-01-01" }, A, { NULL }, T },
		{ "IpAddress", K, { "0.0.0.0/0" }, A, { NULL }, F },
		{ "NotIpAddress", K, { "10.0.0.0/8" }, A, { NULL }, T },
		{ "ArnLike", K, { "arn:*:*:*:*:*" }, A, { NULL }, F },
		{ "ArnNotLike", K, { "arn:aws:iam::1:role/x" }, A, { NULL }, T },
		{ "ArnNotEquals", K, { "arn:aws:iam::1:role/x" }, A, { NULL }, T },
		{ "BinaryEquals", K, { "AAEC" }, A, { NULL }, F },
		/* ...IfExists: absent is true, present is the base operator */
		{ "StringEqualsIfExists", K, { "a" }, A, { NULL }, T },
		{ "StringEqualsIfExists", K, { "a" }, P, { "b" }, F },
		{ "StringEqualsIfExists", K, { "a" }, P, { "a" }, T },
		{ "StringNotEqualsIfExists", K, { "a" }, A, { NULL }, T },
		{ "StringNotEqualsIfExists", K, { "a" }, P, { "a" }, F },
		{ "StringLikeIfExists", K, { "t1.*", "t2.*" }, P, { "t2.nano" }, T },
		{ "NumericLessThanIfExists", K, { "10" }, P, { "11" }, F },
		{ "DateLessThanIfExists", K, { "2020-01-01" }, A, { NULL }, T },
		{ "IpAddressIfExists", K, { "10.0.0.0/8" }, P, { "11.0.0.1" }, F },
		{ "ArnLikeIfExists", K, { "arn:aws:iam::1:role/x" }, A, { NULL }, T },
		{ "BinaryEqualsIfExists", K, { "AAEC" }, A, { NULL }, T },
		/* unknown key: nothing settles, IfExists included */
		{ "StringEquals", K, { "a" }, X, { NULL }, U },
		{ "StringNotEquals", K, { "a" }, X, { NULL }, U },
		{ "StringEqualsIfExists", K, { "a" }, X, { NULL }, U },
		{ "NotIpAddressIfExists", K, { "10.0.0.0/8" }, X, { NULL }, U },
		{ "ForAllValues:StringEquals", K, { "a" }, X, { NULL }, U },
		{ "ForAnyValue:StringNotEquals", K, { "a" }, X, { NULL }, U },
	};

	RUN_COUNTED("absent/unknown/IfExists", rows);
}

static void aws_cond__set_qualifiers(void)
{
	static const row rows[] = {
		/* the docs' DynamoDB examples */
		{ "ForAnyValue:StringLike", K, { "ID", "PostDateTime" }, P, { "UserName", "Message", "PostDateTime" }, T },
		{ "ForAnyValue:StringLike", K, { "ID", "PostDateTime" }, P, { "UserName" }, F },
		{ "ForAllValues:StringLike", K, { "PostDateTime", "Message", "Tags" }, P, { "PostDateTime", "Message" }, T },
		{ "ForAllValues:StringLike", K, { "PostDateTime", "Message", "Tags" }, P, { "PostDateTime", "UserName" }, F },
		/* absent or empty: ForAnyValue false, ForAllValues true */
		{ "ForAnyValue:StringEquals", K, { "a" }, A, { NULL }, F },
		{ "ForAnyValue:StringEquals", K, { "a" }, P, { NULL }, F },
		{ "ForAllValues:StringEquals", K, { "a" }, A, { NULL }, T },
		{ "ForAllValues:StringEquals", K, { "a" }, P, { NULL }, T },
		/* the docs' aws:TagKeys table for ForAllValues:StringNotLike */
		{ "ForAllValues:StringNotLike", K, { "key1*" }, P, { "key1:legal" }, F },
		{ "ForAllValues:StringNotLike", K, { "key1*" }, P, { "key1:hr", "key1:personnel" }, F },
		{ "ForAllValues:StringNotLike", K, { "key1*" }, P, { "key2:audit" }, T },
		{ "ForAllValues:StringNotLike", K, { "key1*" }, A, { NULL }, T },
		{ "ForAllValues:StringNotLike", K, { "key1*" }, P, { "key1:hr", "key2:audit" }, F },
		/* negated operators: a request value "satisfies" by matching none */
		{ "ForAnyValue:StringNotEquals", K, { "a", "b" }, P, { "a", "c" }, T },
		{ "ForAnyValue:StringNotEquals", K, { "a", "b" }, P, { "a", "b" }, F },
		{ "ForAnyValue:StringNotEquals", K, { "a", "b" }, A, { NULL }, F },
		{ "ForAnyValue:StringNotEquals", K, { "a", "b" }, P, { NULL }, F },
		{ "ForAllValues:StringNotEquals", K, { "a", "b" }, P, { "c", "d" }, T },
		{ "ForAllValues:StringNotEquals", K, { "a", "b" }, P, { "c", "a" }, F },
		{ "ForAllValues:StringNotEquals", K, { "a", "b" }, A, { NULL }, T },
		{ "ForAllValues:ArnNotLike", K, { "arn:aws:iam::*:role/x" }, P, { "arn:aws:iam::1:role/y" }, T },
		{ "ForAnyValue:StringEqualsIgnoreCase", K, { "environment" }, P, { "Environment", "Owner" }, T },
		{ "ForAllValues:StringEqualsIgnoreCase", K, { "environment" }, P, { "Environment", "Owner" }, F },
		{ "ForAnyValue:ArnLike", K, { "arn:aws:iam::*:role/ci-*" }, P,
		  { "arn:aws:iam::1:user/a", "arn:aws:iam::1:role/ci-x" }, T },
		{ "ForAnyValue:Bool", K, { "true" }, P, { "false", "true" }, T },
		/* IfExists wins over the qualifier on an absent key */
		{ "ForAnyValue:StringEqualsIfExists", K, { "a" }, A, { NULL }, T },
		{ "ForAllValues:StringEqualsIfExists", K, { "a" }, P, { "a", "b" }, F },
		/* unknown elements */
		{ "ForAnyValue:NumericLessThan", K, { "10" }, P, { "x", "20" }, U },
		{ "ForAnyValue:NumericLessThan", K, { "10" }, P, { "x", "5" }, T },
		{ "ForAllValues:NumericLessThan", K, { "10" }, P, { "x", "20" }, F },
		{ "ForAllValues:NumericLessThan", K, { "10" }, P, { "x", "5" }, U },
		/* no qualifier, several request values: only what both readings agree on */
		{ "StringEquals", K, { "a" }, P, { "a", "a" }, T },
		{ "StringEquals", K, { "a" }, P, { "b", "c" }, F },
		{ "StringEquals", K, { "a" }, P, { "a", "b" }, U },
		{ "StringEquals", K, { "a" }, P, { NULL }, U },
		{ "StringNotEquals", K, { "a" }, P, { "b", "c" }, T },
		{ "StringNotEquals", K, { "a" }, P, { "a", "c" }, U },
	};

	RUN_COUNTED("qualifiers", rows);
}

static void aws_cond__case_rules(void)
{
	static const row rows[] = {
		{ "StringEquals", "TEST:KEY", { "a" }, P, { "a" }, T },    /* key names: any case */
		{ "StringEquals", "Test:key", { "a" }, P, { "A" }, F },
		{ "stringEquals", K, { "a" }, P, { "a" }, U },            /* operator names: exact */
		{ "STRINGEQUALS", K, { "a" }, P, { "a" }, U },
		{ "foranyvalue:StringEquals", K, { "a" }, P, { "a" }, U },
		{ "StringEqualsIfexists", K, { "a" }, A, { NULL }, U },
		{ "NullIfExists", K, { "true" }, A, { NULL }, U },
		{ "StringMatches", K, { "a" }, P, { "a" }, U },
		{ "StringLikeIgnoreCase", K, { "a" }, P, { "a" }, U },
		{ "ForAnyValue:", K, { "a" }, P, { "a" }, U },
		{ "IfExists", K, { "a" }, A, { NULL }, U },
	};

	RUN_COUNTED("case", rows);
}

static void aws_cond__op_parse(void)
{
	static const char *const valid[] = {
		"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
		"StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan",
		"NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
		"DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
		"DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals",
		"ArnLike", "ArnNotEquals", "ArnNotLike",
	};
	static const char *const invalid[] = {
		"", "Null ", "ForAnyValue:Null", "ForAllValues:Null", "NullIfExists", "StringEqualsIfExistsIfExists",
		"ForAnyValue:ForAllValues:StringEquals", "ForAnyValue :StringEquals", "BinaryNotEquals",
	};
	aws_cond_op_info info;
	char buf[128];
	size_t i;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		CU_ASSERT_EQUAL(aws_cond_op_valid(valid[i]), 0);
		snprintf(buf, sizeof(buf), "%sIfExists", valid[i]);
		CU_ASSERT_EQUAL(aws_cond_op_valid(buf), 0);
		snprintf(buf, sizeof(buf), "ForAnyValue:%s", valid[i]);
		CU_ASSERT_EQUAL(aws_cond_op_valid(buf), 0);
		snprintf(buf, sizeof(buf), "ForAllValues:%sIfExists", valid[i]);
		CU_ASSERT_EQUAL(aws_cond_op_valid(buf), 0);
	}
	CU_ASSERT_EQUAL(aws_cond_op_valid("Null"), 0);
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		CU_ASSERT_EQUAL(aws_cond_op_valid(invalid[i]), -1);
	CU_ASSERT_EQUAL(aws_cond_op_valid(NULL), -1);

	CU_ASSERT_EQUAL(aws_cond_op_parse("ForAllValues:StringNotLikeIfExists", &info), 0);
	ASSERT_STR(info.base, "StringNotLike");
	CU_ASSERT_EQUAL(info.qualifier, AWS_COND_QUAL_ALL);
	CU_ASSERT_EQUAL(info.if_exists, 1);
	CU_ASSERT_EQUAL(info.negated, 1);
	CU_ASSERT_EQUAL(aws_cond_op_parse("ForAnyValue:ArnLike", &info), 0);
	CU_ASSERT_EQUAL(info.qualifier, AWS_COND_QUAL_ANY);
	CU_ASSERT_EQUAL(info.negated, 0);
	CU_ASSERT_EQUAL(info.if_exists, 0);
	CU_ASSERT_EQUAL(aws_cond_op_parse("NotIpAddress", &info), 0);
	CU_ASSERT_EQUAL(info.negated, 1);
	CU_ASSERT_EQUAL(aws_cond_op_parse("stringequals", &info), -1);
	CU_ASSERT_PTR_NULL(info.base);
}

static void aws_cond__eval_all(void)
{
	static const char *const acct[] = { "111122223333" };
	static const char *const tls[] = { "true" };
	static const char *const p_acct[] = { "111122223333", "444455556666" };
	static const char *const p_true[] = { "true" };
	static const char *const p_false[] = { "false" };
	static const char *const p_src[] = { "10.0.0.0/8" };
	one_key ctx[] = {
		{ "aws:PrincipalAccount", CK_PRESENT, acct, 1, 0 },
		{ "aws:SecureTransport", CK_PRESENT, tls, 1, 0 },
		{ "aws:SourceIp", CK_UNKNOWN, NULL, 0, 0 },
		{ NULL, 0, NULL, 0, 0 },
	};
	aws_cond_test block[] = {
		{ "StringEquals", "aws:principalaccount", p_acct, 2 },
		{ "Bool", "aws:SecureTransport", p_true, 1 },
		{ "IpAddress", "aws:SourceIp", p_src, 1 },
		{ "Null", "aws:TokenIssueTime", p_true, 1 },
	};

	CU_ASSERT_EQUAL(aws_cond_eval_all(block, 0, lookup_keys, ctx), TRI_TRUE);
	CU_ASSERT_EQUAL(aws_cond_eval_all(block, 2, lookup_keys, ctx), TRI_TRUE);
	CU_ASSERT_EQUAL(aws_cond_eval_all(block, 3, lookup_keys, ctx), TRI_UNKNOWN);
	CU_ASSERT_EQUAL(aws_cond_eval_all(block, 4, lookup_keys, ctx), TRI_UNKNOWN);
	/* one false condition settles the block, whatever stays unknown */
	block[1].values = p_false;
	CU_ASSERT_EQUAL(aws_cond_eval_all(block, 4, lookup_keys, ctx), TRI_FALSE);
	block[1].values = p_true;
	block[2].values = p_false; /* "IpAddress": "false" is malformed, but the key is unknown anyway */
	block[3].values = p_false; /* the token key is absent: Null false does not hold */
	CU_ASSERT_EQUAL(aws_cond_eval_all(block, 4, lookup_keys, ctx), TRI_FALSE);
	CU_ASSERT_EQUAL(ctx[0].calls, 5); /* the account key: once per block evaluated */
}

static void aws_cond__edge_inputs(void)
{
	static const char *const one[] = { "a" };
	static const char *const with_null[] = { NULL, "a" };
	one_key ctx[] = { { REQ_KEY, CK_PRESENT, one, 1, 0 }, { NULL, 0, NULL, 0, 0 } };
	aws_cond_test c = { "StringEquals", REQ_KEY, one, 0 };

	/* a key with no policy values ("key": []) */
	CU_ASSERT_EQUAL(aws_cond_eval(&c, lookup_keys, ctx), TRI_UNKNOWN);
	c.op = "StringNotEquals";
	CU_ASSERT_EQUAL(aws_cond_eval(&c, lookup_keys, ctx), TRI_UNKNOWN);
	/* a NULL policy value reads as "" */
	c.values = with_null;
	c.n_values = 2;
	CU_ASSERT_EQUAL(aws_cond_eval(&c, lookup_keys, ctx), TRI_FALSE);
	c.op = NULL;
	CU_ASSERT_EQUAL(aws_cond_eval(&c, lookup_keys, ctx), TRI_UNKNOWN);
	c.op = "StringEquals";
	CU_ASSERT_EQUAL(aws_cond_eval(&c, NULL, ctx), TRI_UNKNOWN);
	c.key = NULL;
	CU_ASSERT_EQUAL(aws_cond_eval(&c, lookup_keys, ctx), TRI_UNKNOWN);
}

/* Patterns that make a backtracking glob exponential must stay fast. */
static void aws_cond__glob_is_not_exponential(void)
{
	static char subject[20001];
	static const char *const pat[] = { "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "a*a*a*a*a*a*a*a*a*a*a" };
	const char *req[1];
	one_key ctx[] = { { REQ_KEY, CK_PRESENT, req, 1, 0 }, { NULL, 0, NULL, 0, 0 } };
	aws_cond_test c = { "StringLike", REQ_KEY, pat, 1 };
	clock_t t0 = clock();

	memset(subject, 'a', sizeof(subject) - 1);
	req[0] = subject;
	CU_ASSERT_EQUAL(aws_cond_eval(&c, lookup_keys, ctx), TRI_FALSE);
	c.values = pat + 1;
	CU_ASSERT_EQUAL(aws_cond_eval(&c, lookup_keys, ctx), TRI_TRUE);
	CU_ASSERT((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

/* Runs last: the tables above hold at least 80 rows. */
static void aws_cond__table_size(void)
{
	CU_ASSERT(rows_total >= 80);
}

TEST_SUITE(aws_cond)
{
	static const test_case cases[] = {
		{ "aws_cond__tri_logic", aws_cond__tri_logic },
		{ "aws_cond__string", aws_cond__string },
		{ "aws_cond__numeric", aws_cond__numeric },
		{ "aws_cond__date", aws_cond__date },
		{ "aws_cond__bool_binary", aws_cond__bool_binary },
		{ "aws_cond__ip", aws_cond__ip },
		{ "aws_cond__arn", aws_cond__arn },
		{ "aws_cond__null", aws_cond__null },
		{ "aws_cond__absent_unknown_ifexists", aws_cond__absent_unknown_ifexists },
		{ "aws_cond__set_qualifiers", aws_cond__set_qualifiers },
		{ "aws_cond__case_rules", aws_cond__case_rules },
		{ "aws_cond__op_parse", aws_cond__op_parse },
		{ "aws_cond__eval_all", aws_cond__eval_all },
		{ "aws_cond__edge_inputs", aws_cond__edge_inputs },
		{ "aws_cond__glob_is_not_exponential", aws_cond__glob_is_not_exponential },
		{ "aws_cond__table_size", aws_cond__table_size },
		{ NULL, NULL },
	};
	return test_register("aws_cond", cases);
}
