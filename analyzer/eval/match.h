/*
 * match — glob matching for IAM actions, resources and condition values.
 *
 * '*' matches any run of characters (possibly empty), '?' exactly one. The
 * matcher is iterative (two-pointer star backtracking): linear space and
 * O(len(pattern) * len(s)) time in the worst case, never exponential.
 * Escaped patterns (MATCH_ESCAPED) treat "\*", "\?" and "\\" as the literal
 * characters; policyvar_expand_pattern produces that form. Ownership: nothing
 * is allocated and no pointer is kept.
 */
#ifndef PG_EVAL_MATCH_H
#define PG_EVAL_MATCH_H

#include <stddef.h>

enum {
	MATCH_ICASE = 1,    /* ASCII case-insensitive */
	MATCH_ESCAPED = 2   /* a backslash makes the next character literal */
};

/* 1 when s matches the glob pattern, else 0. icase: ASCII case-insensitive. */
int match_glob(const char *pattern, const char *s, int icase);

/* As match_glob, with "\*", "\?" and "\\" meaning the literal characters. */
int match_glob_escaped(const char *pattern, const char *s, int icase);

/* The general form over length-delimited slices; flags is MATCH_* or'ed. */
int match_glob_n(const char *pattern, size_t pattern_len, const char *s, size_t s_len,
		 unsigned flags);

/*
 * IAM action pattern vs action name ("s3:Get*" vs "s3:GetObject"): a
 * case-insensitive glob; "*" matches every action.
 */
int match_action(const char *pattern, const char *action);

#endif
