/* Tests for eval/arn: ARN splitting and ARN-pattern matching. */
#include "eval/arn.h"
#include "tests/test_util.h"

#include <stdio.h>

static int slice_is(const char *p, size_t len, const char *want)
{
	return len == strlen(want) && (len == 0 || strncmp(p, want, len) == 0);
}

static void arn__parse_splits_six_parts(void)
{
	static const struct { const char *s, *part, *svc, *region, *account, *res; } cases[] = {
		{ "arn:aws:s3:::bucket", "aws", "s3", "", "", "bucket" },
		{ "arn:aws:s3:::bucket/key/with:colon", "aws", "s3", "", "", "bucket/key/with:colon" },
		{ "arn:aws:iam::123456789012:role/path/R", "aws", "iam", "", "123456789012",
		  "role/path/R" },
		{ "arn:aws-cn:logs:cn-north-1:1:log-group:x:*", "aws-cn", "logs", "cn-north-1", "1",
		  "log-group:x:*" },
		{ "arn:aws:sns:us-east-1:1:", "aws", "sns", "us-east-1", "1", "" },
		{ "arn:::::", "", "", "", "", "" },
		{ NULL, NULL, NULL, NULL, NULL, NULL }
	};
	static const char *const bad[] = {
		"", "*", "arn", "arn:", "arn:aws:s3", "arn:aws:s3:*", "arn:aws:s3::",
		"ARN:aws:s3:::bucket", " arn:aws:s3:::b", "urn:aws:s3:::b", NULL
	};
	arn_parts p;
	int i;

	for (i = 0; cases[i].s; i++) {
		CU_ASSERT_EQUAL_FATAL(arn_parse(cases[i].s, &p), 0);
		CU_ASSERT_TRUE(slice_is(p.partition, p.partition_len, cases[i].part));
		CU_ASSERT_TRUE(slice_is(p.service, p.service_len, cases[i].svc));
		CU_ASSERT_TRUE(slice_is(p.region, p.region_len, cases[i].region));
		CU_ASSERT_TRUE(slice_is(p.account, p.account_len, cases[i].account));
		CU_ASSERT_TRUE(slice_is(p.resource, p.resource_len, cases[i].res));
	}
	for (i = 0; bad[i]; i++) {
		CU_ASSERT_EQUAL(arn_parse(bad[i], &p), -1);
		CU_ASSERT_PTR_NULL(p.resource);
	}
}

struct match_case {
	const char *pattern, *arn;
	int want;
};

static void arn__match_table(void)
{
	static const struct match_case cases[] = {
		/* "*" and non-ARN patterns */
		{ "*", "arn:aws:s3:::bucket", 1 },
		{ "*", "not-an-arn", 1 },
		/* DESIGN rule 7: a trailing '*' may span colons, even before the sixth part */
		{ "arn:aws:s3:*", "arn:aws:s3:::bucket", 1 },
		{ "arn:aws:s3:*", "arn:aws:sqs:us-east-1:1:q", 0 },
		{ "arn:aws:s3", "arn:aws:s3:::bucket", 0 },
		{ "bucket", "bucket", 0 },
		{ "**", "arn:aws:s3:::bucket", 0 },
		{ "arn:aws:s3:::bucket", "bucket", 0 },
		/* s3 bucket vs object ARNs */
		{ "arn:aws:s3:::bucket", "arn:aws:s3:::bucket", 1 },
		{ "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key", 0 },
		{ "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key", 1 },
		{ "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c:d", 1 },
		{ "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", 0 },
		{ "arn:aws:s3:::bucket*", "arn:aws:s3:::bucket", 1 },
		{ "arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-2/key", 1 },
		{ "arn:aws:s3:::*", "arn:aws:s3:::any/key", 1 },
		{ "arn:aws:s3:::bucket/?", "arn:aws:s3:::bucket/k", 1 },
		{ "arn:aws:s3:::bucket/?", "arn:aws:s3:::bucket/kk", 0 },
		/* colons inside the resource part */
		{ "arn:aws:logs:us-east-1:1:log-group:x:*", "arn:aws:logs:us-east-1:1:log-group:x:log-stream:y", 1 },
		{ "arn:aws:logs:us-east-1:1:log-group:x:*", "arn:aws:logs:us-east-1:1:log-group:x", 0 },
		{ "arn:aws:logs:us-east-1:1:log-group:*", "arn:aws:logs:us-east-1:1:log-group:x:log-stream:y", 1 },
		{ "arn:aws:logs:*:*:*", "arn:aws:logs:eu-west-1:2:log-group:x:*", 1 },
		/* wildcard partition, region and account stay in their segment */
		{ "arn:aws:ec2:*:123:instance/*", "arn:aws:ec2:us-east-1:123:instance/i-1", 1 },
		{ "arn:aws:ec2:*:123:instance/*", "arn:aws:ec2:us-east-1:124:instance/i-1", 0 },
		{ "arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-west-1:9:instance/i-1", 1 },
		{ "arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-west-2:9:instance/i-1", 0 },
		{ "arn:aws:ec2:us-east-?:*:*", "arn:aws:ec2:us-east-1:9:x", 1 },
		{ "arn:aws:s3:*:*:bucket", "arn:aws:s3:::bucket", 1 },
		{ "arn:aws:s3:?:*:bucket", "arn:aws:s3:::bucket", 0 },
		{ "arn:*:s3:::bucket", "arn:aws-cn:s3:::bucket", 1 },
		{ "arn:aws:iam::*:role/R", "arn:aws:iam::123456789012:role/R", 1 },
		{ "arn:aws:iam::1*:role/*", "arn:aws:iam::123:role/a/b", 1 },
		/* a star in the region cannot swallow the account */
		{ "arn:aws:ec2:*:instance/i-1", "arn:aws:ec2:us-east-1:123:instance/i-1", 0 },
		/* no wildcards in the service segment */
		{ "arn:aws:*:::bucket", "arn:aws:s3:::bucket", 0 },
		{ "arn:aws:s?:::bucket", "arn:aws:s3:::bucket", 0 },
		{ "arn:aws:s3*:::bucket", "arn:aws:s3:::bucket", 0 },
		{ "arn:aws:*:::bucket", "arn:aws:*:::bucket", 1 },
		{ "arn:aws:s3:::bucket", "arn:aws:s3express:::bucket", 0 },
		/* case-sensitive */
		{ "arn:aws:s3:::Bucket", "arn:aws:s3:::bucket", 0 },
		{ "arn:aws:S3:::bucket", "arn:aws:s3:::bucket", 0 },
		{ "arn:aws:iam::1:role/admin", "arn:aws:iam::1:role/Admin", 0 },
		{ "ARN:aws:s3:::bucket", "arn:aws:s3:::bucket", 0 },
		{ NULL, NULL, 0 }
	};
	const struct match_case *c;

	for (c = cases; c->pattern; c++) {
		int got = arn_match(c->pattern, c->arn);

		if (got != c->want)
			fprintf(stderr, "arn_match('%s', '%s') = %d\n", c->pattern, c->arn, got);
		CU_ASSERT_EQUAL(got, c->want);
	}
}

static void arn__match_escaped(void)
{
	CU_ASSERT_TRUE(arn_match_escaped("arn:aws:s3:::b/\\*", "arn:aws:s3:::b/*"));
	CU_ASSERT_FALSE(arn_match_escaped("arn:aws:s3:::b/\\*", "arn:aws:s3:::b/x"));
	CU_ASSERT_TRUE(arn_match_escaped("arn:aws:s3:::b/\\?/*", "arn:aws:s3:::b/?/k:1"));
	CU_ASSERT_TRUE(arn_match_escaped("arn:aws:s3:::b/a\\\\*", "arn:aws:s3:::b/a\\x"));
	CU_ASSERT_TRUE(arn_match_escaped("*", "arn:aws:s3:::b"));
	CU_ASSERT_FALSE(arn_match_escaped("\\*", "arn:aws:s3:::b"));
	CU_ASSERT_TRUE(arn_match_escaped("arn:aws:s\\3:::b", "arn:aws:s3:::b"));
	CU_ASSERT_FALSE(arn_match_escaped("arn:aws:\\*:::b", "arn:aws:s3:::b"));
}

static void arn__account(void)
{
	size_t len = 99;
	const char *a = arn_account("arn:aws:iam::123456789012:root", &len);

	CU_ASSERT_TRUE(slice_is(a, len, "123456789012"));
	CU_ASSERT_PTR_NULL(arn_account("arn:aws:s3:::bucket", &len));
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_PTR_NULL(arn_account("123456789012", &len));
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_PTR_NOT_NULL(arn_account("arn:aws:sqs:us-east-1:1:q", NULL));
}

TEST_SUITE(arn)
{
	static const test_case cases[] = {
		{ "arn__parse_splits_six_parts", arn__parse_splits_six_parts },
		{ "arn__match_table", arn__match_table },
		{ "arn__match_escaped", arn__match_escaped },
		{ "arn__account", arn__account },
		{ NULL, NULL }
	};
	return test_register("arn", cases);
}
