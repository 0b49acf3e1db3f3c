/* Tests for analyzer/catalog/aws_catalog: lookup, levels, services, expansion, action sets. */
#include "catalog/aws_catalog.h"
#include "tests/test_util.h"

#include <ctype.h>
#include <stdlib.h>

/* Brute force: actions whose lowercase name starts with prefix (lowercase). */
static size_t count_with_prefix(const char *prefix)
{
	size_t i, k, n = 0, len = strlen(prefix);
	const char *s;

	for (i = 0; i < aws_catalog_count(); i++) {
		s = aws_catalog_name(i);
		for (k = 0; k < len && s[k] && tolower((unsigned char)s[k]) == prefix[k]; k++)
			;
		n += k == len;
	}
	return n;
}

static void aws_catalog__has_every_action_sorted(void)
{
	size_t i, n = aws_catalog_count();

	CU_ASSERT_EQUAL(n, 22091);
	for (i = 0; i < n; i++)
		if (aws_catalog_find(aws_catalog_name(i)) != (long)i) {
			CU_FAIL("an action does not find itself");
			break;
		}
}

static void aws_catalog__finds_case_insensitively(void)
{
	long i = aws_catalog_find("s3:GetObject");

	CU_ASSERT(i >= 0);
	ASSERT_STR(aws_catalog_name((size_t)i), "s3:GetObject");
	CU_ASSERT_EQUAL(aws_catalog_find("S3:GETOBJECT"), i);
	CU_ASSERT_EQUAL(aws_catalog_find("s3:getobject"), i);
	CU_ASSERT_EQUAL(aws_catalog_find("s3:GetObjectt"), -1);
	CU_ASSERT_EQUAL(aws_catalog_find("s3:GetObjec"), -1);
	CU_ASSERT_EQUAL(aws_catalog_find("s3:"), -1);
	CU_ASSERT_EQUAL(aws_catalog_find(""), -1);
	CU_ASSERT_EQUAL(aws_catalog_find("nosuchservice:GetObject"), -1);
	/* first and last rows, and a service that is a prefix of another */
	CU_ASSERT_EQUAL(aws_catalog_find(aws_catalog_name(0)), 0);
	CU_ASSERT(aws_catalog_find("account:GetAccountInformation") >= 0);
	CU_ASSERT(aws_catalog_find("account-access:CreateApplication") >= 0);
}

static unsigned levels_of(const char *action)
{
	long i = aws_catalog_find(action);

	CU_ASSERT_FATAL(i >= 0);
	return aws_catalog_levels((size_t)i);
}

static void aws_catalog__access_levels(void)
{
	long i;

	CU_ASSERT_EQUAL(levels_of("s3:GetObject"), AL_READ);
	CU_ASSERT_EQUAL(levels_of("s3:ListBucket"), AL_LIST);
	CU_ASSERT_EQUAL(levels_of("s3:PutObject"), AL_WRITE);
	CU_ASSERT_EQUAL(levels_of("iam:CreatePolicyVersion"), AL_PERMISSIONS | AL_WRITE);
	CU_ASSERT_EQUAL(levels_of("s3:PutObjectTagging"), AL_TAGGING | AL_WRITE);
	ASSERT_STR(aws_catalog_level_name(AL_LIST), "list");
	ASSERT_STR(aws_catalog_level_name(AL_READ), "read");
	ASSERT_STR(aws_catalog_level_name(AL_WRITE), "write");
	ASSERT_STR(aws_catalog_level_name(AL_PERMISSIONS), "permissions");
	ASSERT_STR(aws_catalog_level_name(AL_TAGGING), "tagging");
	CU_ASSERT_PTR_NULL(aws_catalog_level_name(AL_READ | AL_WRITE));
	CU_ASSERT_PTR_NULL(aws_catalog_level_name(0));

	i = aws_catalog_find("iam:CreatePolicyVersion");
	ASSERT_STR(aws_catalog_resource_types((size_t)i), "policy");
	i = aws_catalog_find("s3:GetObject");
	ASSERT_STR(aws_catalog_resource_types((size_t)i), "");
}

static void aws_catalog__service_ranges(void)
{
	size_t first = 7, end = 7, i, total = 0, j;

	CU_ASSERT_EQUAL(aws_catalog_service("S3", &first, &end), 0);
	CU_ASSERT_EQUAL(end - first, count_with_prefix("s3:"));
	for (i = first; i < end; i++)
		CU_ASSERT_EQUAL(strncmp(aws_catalog_name(i), "s3:", 3), 0);
	CU_ASSERT_EQUAL(aws_catalog_service("nosuch", &first, &end), -1);
	CU_ASSERT_EQUAL(aws_catalog_service("", &first, &end), -1);
	CU_ASSERT_EQUAL(aws_catalog_service("s3:", &first, &end), -1);
	CU_ASSERT_TRUE(aws_catalog_service_known("iam"));
	CU_ASSERT_TRUE(aws_catalog_service_known("account"));
	CU_ASSERT_TRUE(aws_catalog_service_known("account-access"));
	CU_ASSERT_FALSE(aws_catalog_service_known("accoun"));
	CU_ASSERT_FALSE(aws_catalog_service_known("s"));

	/* the service index tiles the table */
	for (j = 0; j < aws_catalog_service_count(); j++) {
		CU_ASSERT_EQUAL_FATAL(aws_catalog_service(aws_catalog_service_name(j), &first, &end), 0);
		CU_ASSERT_EQUAL(first, total);
		total = end;
	}
	CU_ASSERT_EQUAL(total, aws_catalog_count());
}

static void aws_catalog__expands_patterns(void)
{
	action_set s;
	size_t n, first, end;

	action_set_init(&s);
	n = aws_catalog_expand("s3:Get*", &s);
	CU_ASSERT(n > 0);
	CU_ASSERT_EQUAL(n, count_with_prefix("s3:get"));
	CU_ASSERT_EQUAL(action_set_count(&s), n);
	CU_ASSERT_TRUE(action_set_has(&s, (size_t)aws_catalog_find("s3:GetObject")));
	CU_ASSERT_FALSE(action_set_has(&s, (size_t)aws_catalog_find("s3:PutObject")));
	/* expanding again matches the same actions and adds nothing new */
	CU_ASSERT_EQUAL(aws_catalog_expand("S3:gEt*", &s), n);
	CU_ASSERT_EQUAL(action_set_count(&s), n);

	action_set_clear(&s);
	CU_ASSERT_EQUAL(aws_catalog_expand("s3:*", &s), count_with_prefix("s3:"));
	CU_ASSERT_EQUAL(aws_catalog_service("s3", &first, &end), 0);
	CU_ASSERT_EQUAL(action_set_count(&s), end - first);

	action_set_clear(&s);
	CU_ASSERT_EQUAL(aws_catalog_expand("*", &s), aws_catalog_count());
	CU_ASSERT_EQUAL(action_set_count(&s), aws_catalog_count());
	action_set_clear(&s);
	CU_ASSERT_EQUAL(aws_catalog_expand("**", &s), aws_catalog_count());
	action_set_clear(&s);
	CU_ASSERT_EQUAL(aws_catalog_expand("*:*", &s), aws_catalog_count());

	action_set_clear(&s);
	CU_ASSERT_EQUAL(aws_catalog_expand("S3:getobject", &s), 1);
	CU_ASSERT_EQUAL(aws_catalog_expand("nosuch:*", &s), 0);
	CU_ASSERT_EQUAL(aws_catalog_expand("nosuch:GetObject", &s), 0);
	CU_ASSERT_EQUAL(aws_catalog_expand("s3:NoSuchAction*", &s), 0);
	CU_ASSERT_EQUAL(aws_catalog_expand("s3:GetObjectX", &s), 0);
	CU_ASSERT_EQUAL(action_set_count(&s), 1);

	/* '?' is exactly one character */
	CU_ASSERT_EQUAL(aws_catalog_expand("?", &s), 0);
	action_set_clear(&s);
	CU_ASSERT_EQUAL(aws_catalog_expand("s3:?etObject", &s), 1);
	CU_ASSERT_EQUAL(aws_catalog_expand("s?:GetObject", &s), 1);
	CU_ASSERT_EQUAL(aws_catalog_expand("s3:GetObjec?", &s), 1);
	CU_ASSERT_EQUAL(aws_catalog_expand("s3:GetObject?", &s), 0);
	CU_ASSERT_EQUAL(action_set_count(&s), 1);

	/* wildcards in the service part scan every service */
	action_set_clear(&s);
	n = aws_catalog_expand("*:GetObject", &s);
	CU_ASSERT(n >= 1);
	CU_ASSERT_TRUE(action_set_has(&s, (size_t)aws_catalog_find("s3:GetObject")));
	action_set_clear(&s);
	n = aws_catalog_expand("iam:*Policy*", &s);
	CU_ASSERT(n > 10);
	CU_ASSERT_TRUE(action_set_has(&s, (size_t)aws_catalog_find("iam:CreatePolicyVersion")));
	CU_ASSERT_TRUE(action_set_has(&s, (size_t)aws_catalog_find("iam:PutUserPolicy")));
	CU_ASSERT_FALSE(action_set_has(&s, (size_t)aws_catalog_find("iam:CreateUser")));
	action_set_release(&s);
}

static void aws_catalog__set_algebra(void)
{
	action_set all, s3, get, t;
	size_t n = aws_catalog_count(), i, seen = 0;

	action_set_init(&all);
	action_set_init(&s3);
	action_set_init(&get);
	action_set_init(&t);
	CU_ASSERT_TRUE(action_set_empty(&all));
	action_set_complement(&all);                    /* NotAction [] */
	CU_ASSERT_EQUAL(action_set_count(&all), n);
	CU_ASSERT_FALSE(action_set_has(&all, n));       /* no bits past the end */

	aws_catalog_expand("s3:*", &s3);
	aws_catalog_expand("s3:Get*", &get);
	action_set_copy(&t, &s3);
	action_set_minus(&t, &get);
	CU_ASSERT_EQUAL(action_set_count(&t), action_set_count(&s3) - action_set_count(&get));
	CU_ASSERT_FALSE(action_set_has(&t, (size_t)aws_catalog_find("s3:GetObject")));
	CU_ASSERT_TRUE(action_set_has(&t, (size_t)aws_catalog_find("s3:PutObject")));
	action_set_union(&t, &get);
	CU_ASSERT_TRUE(action_set_equal(&t, &s3));
	action_set_intersect(&t, &get);
	CU_ASSERT_TRUE(action_set_equal(&t, &get));

	/* NotAction s3:*: the complement, disjoint from s3 and covering the rest */
	action_set_copy(&t, &s3);
	action_set_complement(&t);
	CU_ASSERT_EQUAL(action_set_count(&t), n - action_set_count(&s3));
	action_set_intersect(&t, &s3);
	CU_ASSERT_TRUE(action_set_empty(&t));
	action_set_complement(&t);
	CU_ASSERT_TRUE(action_set_equal(&t, &all));

	/* iteration visits each member once, in order */
	for (i = action_set_next(&get, 0); i < n; i = action_set_next(&get, i + 1)) {
		CU_ASSERT_TRUE(action_set_has(&get, i));
		seen++;
	}
	CU_ASSERT_EQUAL(seen, action_set_count(&get));
	action_set_clear(&t);
	action_set_add(&t, n - 1);
	CU_ASSERT_EQUAL(action_set_next(&t, 0), n - 1);
	action_set_remove(&t, n - 1);
	CU_ASSERT_EQUAL(action_set_next(&t, 0), n);

	action_set_release(&all);
	action_set_release(&s3);
	action_set_release(&get);
	action_set_release(&t);
	action_set_release(&t);
	action_set_release(NULL);
}

static void aws_catalog__set_levels(void)
{
	action_set s;

	action_set_init(&s);
	CU_ASSERT_EQUAL(aws_catalog_set_levels(&s), 0);
	aws_catalog_expand("s3:GetObject", &s);
	CU_ASSERT_EQUAL(aws_catalog_set_levels(&s), AL_READ);
	aws_catalog_expand("s3:ListBucket", &s);
	CU_ASSERT_EQUAL(aws_catalog_set_levels(&s), AL_READ | AL_LIST);
	aws_catalog_expand("s3:PutObjectTagging", &s);
	CU_ASSERT_EQUAL(aws_catalog_set_levels(&s), AL_READ | AL_LIST | AL_WRITE | AL_TAGGING);
	action_set_clear(&s);
	aws_catalog_expand("s3:Get*", &s);
	CU_ASSERT_EQUAL(aws_catalog_set_levels(&s) & ~(unsigned)(AL_READ | AL_LIST), 0);
	action_set_fill(&s);
	CU_ASSERT_EQUAL(aws_catalog_set_levels(&s), AL_ALL);
	action_set_release(&s);
}

TEST_SUITE(aws_catalog)
{
	static const test_case cases[] = {
		{ "aws_catalog__has_every_action_sorted", aws_catalog__has_every_action_sorted },
		{ "aws_catalog__finds_case_insensitively", aws_catalog__finds_case_insensitively },
		{ "aws_catalog__access_levels", aws_catalog__access_levels },
		{ "aws_catalog__service_ranges", aws_catalog__service_ranges },
		{ "aws_catalog__expands_patterns", aws_catalog__expands_patterns },
		{ "aws_catalog__set_algebra", aws_catalog__set_algebra },
		{ "aws_catalog__set_levels", aws_catalog__set_levels },
		{ NULL, NULL }
	};
	return test_register("aws_catalog", cases);
}
