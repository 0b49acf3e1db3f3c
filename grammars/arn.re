/* arn — ARN splitting (re2c) and ARN-pattern matching; see eval/arn.h. */
#include "eval/arn.h"
#include "eval/match.h"

#include <string.h>

int arn_parse(const char *s, arn_parts *out)
{
	const unsigned char *YYCURSOR = (const unsigned char *)s;
	const unsigned char *YYMARKER;
	const unsigned char *p0, *p1, *v0, *v1, *r0, *r1, *a0, *a1, *x0, *x1;
	/*!stags:re2c format = 'const unsigned char *@@;\n'; */

	memset(out, 0, sizeof(*out));
	/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;
	re2c:tags = 1;

	seg = [^:\x00]*;

	"arn:" @p0 seg @p1 ":" @v0 seg @v1 ":" @r0 seg @r1 ":" @a0 seg @a1 ":"
	@x0 [^\x00]* @x1 "\x00" {
		out->partition = (const char *)p0;
		out->partition_len = (size_t)(p1 - p0);
		out->service = (const char *)v0;
		out->service_len = (size_t)(v1 - v0);
		out->region = (const char *)r0;
		out->region_len = (size_t)(r1 - r0);
		out->account = (const char *)a0;
		out->account_len = (size_t)(a1 - a0);
		out->resource = (const char *)x0;
		out->resource_len = (size_t)(x1 - x0);
		return 0;
	}
	* { return -1; }
	*/
}

/* Literal equality of a pattern slice and a string slice (honouring escapes). */
static int literal_eq(const char *p, size_t pn, const char *s, size_t sn, unsigned flags)
{
	size_t i = 0, j = 0;

	while (i < pn && j < sn) {
		char c = p[i++];

		if ((flags & MATCH_ESCAPED) && c == '\\' && i < pn)
			c = p[i++];
		if (c != s[j++])
			return 0;
	}
	return i == pn && j == sn;
}

static int match_parts(const char *pattern, const char *arn, unsigned flags)
{
	arn_parts p, a;

	size_t plen = strlen(pattern);

	if (strcmp(pattern, "*") == 0)
		return 1;
	if (arn_parse(arn, &a) < 0)
		return 0;
	if (arn_parse(pattern, &p) < 0) {
		/* DESIGN rule 7: a trailing '*' may span colons, so "arn:aws:s3:*" (fewer
		 * than six parts) covers every S3 ARN; matching it is the sound reading */
		if (plen > 4 && strncmp(pattern, "arn:", 4) == 0 && pattern[plen - 1] == '*' &&
		    (plen < 2 || pattern[plen - 2] != '\\'))
			return match_glob_n(pattern, plen, arn, strlen(arn), flags);
		return 0;
	}
	return match_glob_n(p.partition, p.partition_len, a.partition, a.partition_len, flags) &&
	       literal_eq(p.service, p.service_len, a.service, a.service_len, flags) &&
	       match_glob_n(p.region, p.region_len, a.region, a.region_len, flags) &&
	       match_glob_n(p.account, p.account_len, a.account, a.account_len, flags) &&
	       match_glob_n(p.resource, p.resource_len, a.resource, a.resource_len, flags);
}

int arn_match(const char *pattern, const char *arn)
{
	return match_parts(pattern, arn, 0);
}

int arn_match_escaped(const char *pattern, const char *arn)
{
	return match_parts(pattern, arn, MATCH_ESCAPED);
}

const char *arn_account(const char *s, size_t *len)
{
	arn_parts p;

	if (len)
		*len = 0;
	if (arn_parse(s, &p) < 0 || p.account_len == 0)
		return NULL;
	if (len)
		*len = p.account_len;
	return p.account;
}
