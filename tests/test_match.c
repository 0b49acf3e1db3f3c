/* Tests for eval/match (globs, action patterns) and eval/action_name. */
#include "eval/action_name.h"
#include "eval/match.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct glob_case {
	const char *pattern, *s;
	int icase, want;
};

static void match__glob_table(void)
{
	static const struct glob_case cases[] = {
		{ "", "", 0, 1 },
		{ "", "a", 0, 0 },
		{ "a", "", 0, 0 },
		{ "*", "", 0, 1 },
		{ "*", "anything/at:all", 0, 1 },
		{ "**", "", 0, 1 },
		{ "***", "abc", 0, 1 },
		{ "?", "", 0, 0 },
		{ "?", "x", 0, 1 },
		{ "?", "xy", 0, 0 },
		{ "??", "xy", 0, 1 },
		{ "a?c", "abc", 0, 1 },
		{ "a?c", "ac", 0, 0 },
		{ "a*", "a", 0, 1 },
		{ "a*", "ba", 0, 0 },
		{ "*a", "bba", 0, 1 },
		{ "*a", "ab", 0, 0 },
		{ "a*b*c", "aXbYc", 0, 1 },
		{ "a*b*c", "abc", 0, 1 },
		{ "a*b*c", "acb", 0, 0 },
		{ "*ab*ab", "xabyabab", 0, 1 },
		{ "*?", "", 0, 0 },
		{ "*?", "z", 0, 1 },
		{ "?*?", "ab", 0, 1 },
		{ "?*?", "a", 0, 0 },
		{ "abc", "ABC", 0, 0 },
		{ "abc", "ABC", 1, 1 },
		{ "A*C", "abxc", 1, 1 },
		{ "\\*", "\\x", 0, 1 },      /* plain globs have no escapes */
		{ "x\xc3\xa9*", "x\xc3\xa9t\xc3\xa9", 0, 1 },
		{ NULL, NULL, 0, 0 }
	};
	const struct glob_case *c;

	for (c = cases; c->pattern; c++) {
		int got = match_glob(c->pattern, c->s, c->icase);

		if (got != c->want)
			fprintf(stderr, "glob '%s' vs '%s' (icase %d): got %d\n", c->pattern, c->s,
				c->icase, got);
		CU_ASSERT_EQUAL(got, c->want);
	}
}

static void match__glob_escaped(void)
{
	static const struct glob_case cases[] = {
		{ "a\\*", "a*", 0, 1 },
		{ "a\\*", "ab", 0, 0 },
		{ "a\\?", "a?", 0, 1 },
		{ "a\\?", "ab", 0, 0 },
		{ "a\\\\b", "a\\b", 0, 1 },
		{ "*\\**", "x*y", 0, 1 },
		{ "*\\**", "xy", 0, 0 },
		{ "\\$*", "$HOME", 0, 1 },
		{ "trail\\", "trail\\", 0, 1 },  /* a lone trailing backslash is literal */
		{ "A\\*", "a*", 1, 1 },
		{ NULL, NULL, 0, 0 }
	};
	const struct glob_case *c;

	for (c = cases; c->pattern; c++)
		CU_ASSERT_EQUAL(match_glob_escaped(c->pattern, c->s, c->icase), c->want);
	/* slices are not read past their length */
	CU_ASSERT_TRUE(match_glob_n("ab*zzz", 3, "abc-and-more", 5, 0));
	CU_ASSERT_TRUE(match_glob_n("abc", 3, "abcd", 3, 0));
}

static void match__glob_many_stars_is_linear(void)
{
	size_t n = 10000;
	char *s = malloc(n + 2);
	clock_t t0;
	double secs;

	memset(s, 'a', n);
	s[n] = '\0';
	t0 = clock();
	CU_ASSERT_FALSE(match_glob("a*a*a*a*a*a*b", s, 0));
	CU_ASSERT_FALSE(match_glob("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", s, 1));
	CU_ASSERT_TRUE(match_glob("a*a*a*a*a*a*a", s, 0));
	s[n] = 'b';
	s[n + 1] = '\0';
	CU_ASSERT_TRUE(match_glob("a*a*a*a*a*a*b", s, 0));
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CU_ASSERT_TRUE(secs < 2.0);
	free(s);
}

static void match__action_case_insensitive(void)
{
	static const struct glob_case cases[] = {
		{ "*", "s3:GetObject", 0, 1 },
		{ "*", "", 0, 1 },
		{ "s3:Get*", "s3:GetObject", 0, 1 },
		{ "S3:get*", "s3:GetObject", 0, 1 },
		{ "s3:GETOBJECT", "s3:getobject", 0, 1 },
		{ "s3:*", "s3:PutObject", 0, 1 },
		{ "s3:*", "s3express:CreateSession", 0, 0 },
		{ "s3:Get*", "s3:PutObject", 0, 0 },
		{ "iam:Pass?ole", "iam:PassRole", 0, 1 },
		{ "iam:*Role", "iam:PassRole", 0, 1 },
		{ "iam:*Role", "iam:PassRolePolicy", 0, 0 },
		{ "ec2:*", "ec2:", 0, 1 },
		{ "s3:GetObject", "s3:GetObjectAcl", 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	const struct glob_case *c;

	for (c = cases; c->pattern; c++)
		CU_ASSERT_EQUAL(match_action(c->pattern, c->s), c->want);
}

static void match__action_name_parse(void)
{
	static const struct { const char *s, *service, *name; } ok[] = {
		{ "s3:GetObject", "s3", "GetObject" },
		{ "S3:getobject", "S3", "getobject" },
		{ "s3:Get*", "s3", "Get*" },
		{ "s3:*", "s3", "*" },
		{ "iam:Pass?ole", "iam", "Pass?ole" },
		{ "execute-api:Invoke", "execute-api", "Invoke" },
		{ "ssm-guiconnect:Start_Connection", "ssm-guiconnect", "Start_Connection" },
		{ NULL, NULL, NULL }
	};
	static const char *const bad[] = {
		"", ":", "s3", "s3:", ":GetObject", "s3:Get Object", "s3:Get:Object", "s 3:Get",
		"s3*:Get", "**", "* ", "s3:GetObject ", "s3:Get/Object", "s3:Get$", NULL
	};
	const char *svc, *name;
	size_t svc_len, name_len;
	int i;

	for (i = 0; ok[i].s; i++) {
		CU_ASSERT_EQUAL(action_name_parse(ok[i].s, &svc, &svc_len, &name, &name_len), 0);
		CU_ASSERT_EQUAL(svc_len, strlen(ok[i].service));
		CU_ASSERT_EQUAL(strncmp(svc, ok[i].service, svc_len), 0);
		CU_ASSERT_EQUAL(name_len, strlen(ok[i].name));
		CU_ASSERT_EQUAL(strncmp(name, ok[i].name, name_len), 0);
	}
	CU_ASSERT_EQUAL(action_name_parse("*", &svc, &svc_len, &name, &name_len), 0);
	CU_ASSERT_PTR_NULL(svc);
	CU_ASSERT_EQUAL(svc_len, 0);
	CU_ASSERT_EQUAL(name_len, 1);
	CU_ASSERT_EQUAL(name[0], '*');
	CU_ASSERT_EQUAL(action_name_parse("s3:GetObject", NULL, NULL, NULL, NULL), 0);
	for (i = 0; bad[i]; i++) {
		CU_ASSERT_EQUAL(action_name_parse(bad[i], &svc, &svc_len, &name, &name_len), -1);
		CU_ASSERT_PTR_NULL(svc);
		CU_ASSERT_PTR_NULL(name);
	}
	CU_ASSERT_TRUE(action_name_has_wildcard("s3:Get*"));
	CU_ASSERT_TRUE(action_name_has_wildcard("iam:Pass?ole"));
	CU_ASSERT_FALSE(action_name_has_wildcard("s3:GetObject"));
	CU_ASSERT_FALSE(action_name_has_wildcard("not an action*"));
}

TEST_SUITE(match)
{
	static const test_case cases[] = {
		{ "match__glob_table", match__glob_table },
		{ "match__glob_escaped", match__glob_escaped },
		{ "match__glob_many_stars_is_linear", match__glob_many_stars_is_linear },
		{ "match__action_case_insensitive", match__action_case_insensitive },
		{ "match__action_name_parse", match__action_name_parse },
		{ NULL, NULL }
	};
	return test_register("match", cases);
}
