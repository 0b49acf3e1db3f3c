/* Tests for eval/policyvar: ${...} expansion, defaults, escapes. */
#include "eval/arn.h"
#include "eval/match.h"
#include "eval/policyvar.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <strings.h>

/* A fixed request context: username alice, team tag absent, source ip unknown. */
static pv_status lookup(void *ctx, const char *key, const char **value)
{
	int *calls = ctx;

	if (calls)
		(*calls)++;
	if (strcasecmp(key, "aws:username") == 0) {
		*value = "alice";
		return PV_KNOWN;
	}
	if (strcasecmp(key, "aws:PrincipalTag/team") == 0)
		return PV_ABSENT;
	if (strcasecmp(key, "aws:PrincipalTag/odd") == 0) {
		*value = "a*b?c\\";
		return PV_KNOWN;
	}
	if (strcasecmp(key, "aws:PrincipalTag/cost center") == 0) {
		*value = "cc1";
		return PV_KNOWN;
	}
	if (strcasecmp(key, "aws:PrincipalTag/broken") == 0)
		return PV_KNOWN;  /* no value: counts as unknown */
	return PV_UNKNOWN;
}

struct pv_case {
	const char *in;
	pv_status want;
	const char *text;     /* policyvar_expand output (checked unless NULL) */
	const char *pattern;  /* policyvar_expand_pattern output (checked unless NULL) */
};

static void policyvar__expand_table(void)
{
	static const struct pv_case cases[] = {
		{ "", PV_KNOWN, "", "" },
		{ "plain text", PV_KNOWN, "plain text", "plain text" },
		{ "arn:aws:s3:::b/*", PV_KNOWN, "arn:aws:s3:::b/*", "arn:aws:s3:::b/*" },
		{ "home/${aws:username}/*", PV_KNOWN, "home/alice/*", "home/alice/*" },
		{ "${AWS:UserName}", PV_KNOWN, "alice", "alice" },
		{ "${ aws:username }", PV_KNOWN, "alice", "alice" },
		{ "${aws:username}${aws:username}", PV_KNOWN, "alicealice", "alicealice" },
		{ "${ aws:PrincipalTag/cost center }", PV_KNOWN, "cc1", "cc1" },
		{ "${aws:PrincipalTag/cost center\t, 'd'}", PV_KNOWN, "cc1", "cc1" },
		{ "${aws user}", PV_UNKNOWN, "${aws user}", "*" },
		/* absent without default: the element matches nothing */
		{ "team/${aws:PrincipalTag/team}", PV_ABSENT, NULL, NULL },
		/* absent with default (quotes, spaces) */
		{ "team/${aws:PrincipalTag/team, 'none'}", PV_KNOWN, "team/none", "team/none" },
		{ "${aws:PrincipalTag/team,'x y'}", PV_KNOWN, "x y", "x y" },
		{ "${aws:PrincipalTag/team, ''}/k", PV_KNOWN, "/k", "/k" },
		{ "${aws:PrincipalTag/team, 'a*'}", PV_KNOWN, "a*", "a\\*" },
		/* a known value wins over its default */
		{ "${aws:username, 'bob'}", PV_KNOWN, "alice", "alice" },
		/* unknown: text keeps the variable, pattern over-approximates with '*' */
		{ "ip/${aws:SourceIp}/x", PV_UNKNOWN, "ip/${aws:SourceIp}/x", "ip/*/x" },
		{ "${aws:SourceIp, 'd'}", PV_UNKNOWN, "${aws:SourceIp, 'd'}", "*" },
		{ "${aws:PrincipalTag/broken}", PV_UNKNOWN, NULL, "*" },
		/* absent wins over unknown, in either order */
		{ "${aws:SourceIp}/${aws:PrincipalTag/team}", PV_ABSENT, NULL, NULL },
		{ "${aws:PrincipalTag/team}/${aws:SourceIp}", PV_ABSENT, NULL, NULL },
		/* escapes */
		{ "a${*}b", PV_KNOWN, "a*b", "a\\*b" },
		{ "a${?}b", PV_KNOWN, "a?b", "a\\?b" },
		{ "cost${$}", PV_KNOWN, "cost$", "cost$" },
		{ "${*}${?}${$}", PV_KNOWN, "*?$", "\\*\\?$" },
		/* substituted values are literal in patterns */
		{ "${aws:PrincipalTag/odd}", PV_KNOWN, "a*b?c\\", "a\\*b\\?c\\\\" },
		/* the text's own backslash is escaped in patterns */
		{ "a\\b*", PV_KNOWN, "a\\b*", "a\\\\b*" },
		/* malformed "${" is copied literally */
		{ "${", PV_KNOWN, "${", "${" },
		{ "$", PV_KNOWN, "$", "$" },
		{ "${}", PV_KNOWN, "${}", "${}" },
		{ "${aws:username", PV_KNOWN, "${aws:username", "${aws:username" },
		{ "${aws#user}", PV_KNOWN, "${aws#user}", "${aws#user}" },
		{ "${ }", PV_KNOWN, "${ }", "${ }" },
		{ "${aws:username, bob}", PV_KNOWN, "${aws:username, bob}", "${aws:username, bob}" },
		{ "${aws:username, 'bob}", PV_KNOWN, "${aws:username, 'bob}", "${aws:username, 'bob}" },
		{ "${${aws:username}}", PV_KNOWN, "${alice}", "${alice}" },
		{ "${**}", PV_KNOWN, "${**}", "${**}" },
		{ "$${aws:username}", PV_KNOWN, "$alice", "$alice" },
		{ NULL, PV_KNOWN, NULL, NULL }
	};
	const struct pv_case *c;
	strbuf out = STRBUF_INIT;

	for (c = cases; c->in; c++) {
		pv_status st = policyvar_expand(c->in, lookup, NULL, &out);

		if (st != c->want || (c->text && strcmp(out.buf, c->text) != 0))
			fprintf(stderr, "expand '%s': %d '%s'\n", c->in, st, out.buf);
		CU_ASSERT_EQUAL(st, c->want);
		if (c->text)
			ASSERT_STR(out.buf, c->text);
		st = policyvar_expand_pattern(c->in, lookup, NULL, &out);
		if (st != c->want || (c->pattern && strcmp(out.buf, c->pattern) != 0))
			fprintf(stderr, "expand_pattern '%s': %d '%s'\n", c->in, st, out.buf);
		CU_ASSERT_EQUAL(st, c->want);
		if (c->pattern)
			ASSERT_STR(out.buf, c->pattern);
	}
	strbuf_release(&out);
}

static void policyvar__null_lookup_is_unknown(void)
{
	strbuf out = STRBUF_INIT;

	CU_ASSERT_EQUAL(policyvar_expand("u/${aws:username}", NULL, NULL, &out), PV_UNKNOWN);
	CU_ASSERT_EQUAL(policyvar_expand_pattern("u/${aws:username}", NULL, NULL, &out), PV_UNKNOWN);
	ASSERT_STR(out.buf, "u/*");
	CU_ASSERT_EQUAL(policyvar_expand("a${*}", NULL, NULL, &out), PV_KNOWN);
	ASSERT_STR(out.buf, "a*");
	strbuf_release(&out);
}

static void policyvar__lookup_gets_context_and_key(void)
{
	strbuf out = STRBUF_INIT;
	int calls = 0;

	CU_ASSERT_EQUAL(policyvar_expand("${aws:username}-${aws:username}", lookup, &calls, &out),
			PV_KNOWN);
	CU_ASSERT_EQUAL(calls, 2);
	/* output is reset, not appended */
	CU_ASSERT_EQUAL(policyvar_expand("x", lookup, &calls, &out), PV_KNOWN);
	ASSERT_STR(out.buf, "x");
	CU_ASSERT_EQUAL(calls, 2);
	strbuf_release(&out);
}

static void policyvar__has_vars(void)
{
	CU_ASSERT_TRUE(policyvar_has_vars("home/${aws:username}/*"));
	CU_ASSERT_TRUE(policyvar_has_vars("${aws:PrincipalTag/team, 'x'}"));
	CU_ASSERT_TRUE(policyvar_has_vars("a${*}"));
	CU_ASSERT_TRUE(policyvar_has_vars("a${$}"));
	CU_ASSERT_FALSE(policyvar_has_vars(""));
	CU_ASSERT_FALSE(policyvar_has_vars("arn:aws:s3:::b/*"));
	CU_ASSERT_FALSE(policyvar_has_vars("${"));
	CU_ASSERT_FALSE(policyvar_has_vars("${}"));
	CU_ASSERT_FALSE(policyvar_has_vars("$ {aws:username}"));
}

/* The intended pipeline: expand a Resource into a pattern, then match ARNs. */
static void policyvar__pattern_feeds_arn_match(void)
{
	strbuf out = STRBUF_INIT;

	CU_ASSERT_EQUAL(policyvar_expand_pattern("arn:aws:s3:::home/${aws:username}/*", lookup, NULL,
						 &out), PV_KNOWN);
	CU_ASSERT_TRUE(arn_match_escaped(out.buf, "arn:aws:s3:::home/alice/notes.txt"));
	CU_ASSERT_FALSE(arn_match_escaped(out.buf, "arn:aws:s3:::home/bob/notes.txt"));
	CU_ASSERT_EQUAL(policyvar_expand_pattern("arn:aws:s3:::b/${*}", lookup, NULL, &out), PV_KNOWN);
	CU_ASSERT_TRUE(arn_match_escaped(out.buf, "arn:aws:s3:::b/*"));
	CU_ASSERT_FALSE(arn_match_escaped(out.buf, "arn:aws:s3:::b/x"));
	CU_ASSERT_EQUAL(policyvar_expand_pattern("v-${aws:PrincipalTag/odd}", lookup, NULL, &out),
			PV_KNOWN);
	CU_ASSERT_TRUE(match_glob_escaped(out.buf, "v-a*b?c\\", 0));
	CU_ASSERT_FALSE(match_glob_escaped(out.buf, "v-aXbYc\\", 0));
	strbuf_release(&out);
}

TEST_SUITE(policyvar)
{
	static const test_case cases[] = {
		{ "policyvar__expand_table", policyvar__expand_table },
		{ "policyvar__null_lookup_is_unknown", policyvar__null_lookup_is_unknown },
		{ "policyvar__lookup_gets_context_and_key", policyvar__lookup_gets_context_and_key },
		{ "policyvar__has_vars", policyvar__has_vars },
		{ "policyvar__pattern_feeds_arn_match", policyvar__pattern_feeds_arn_match },
		{ NULL, NULL }
	};
	return test_register("policyvar", cases);
}
