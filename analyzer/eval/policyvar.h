/*
 * policyvar — IAM policy variables in Resource and Condition values
 * (lexer in grammars/policyvar.re). Only meaningful for policy Version
 * 2012-10-17; the caller decides.
 *
 * Recognised: ${key}, ${key, 'default'} (spaces allowed around the key, the
 * comma and the quoted default) and the escapes ${*} ${?} ${$}, which stand
 * for the literal characters * ? $. A key is [A-Za-z0-9_.:/@+=-] and non-ASCII
 * bytes, with inner spaces allowed (tag keys may hold them) and surrounding
 * blanks trimmed, e.g. aws:username, aws:PrincipalTag/cost center. A "${"
 * that does not form one of these is copied literally. Ownership: the caller owns out; expansion resets it and
 * writes the result there; nothing else is allocated past the call.
 */
#ifndef PG_EVAL_POLICYVAR_H
#define PG_EVAL_POLICYVAR_H

#include "base/strbuf.h"

typedef enum { PV_KNOWN = 1, PV_ABSENT = 0, PV_UNKNOWN = -1 } pv_status;

/*
 * Look up a request-context key (the callee compares case-insensitively).
 * PV_KNOWN with *value set when the key has one known value; PV_ABSENT when the
 * key is known not to be in the request; PV_UNKNOWN when it cannot be settled
 * statically. A PV_KNOWN answer with a NULL value counts as PV_UNKNOWN.
 */
typedef pv_status (*pv_lookup_fn)(void *ctx, const char *key, const char **value);

/*
 * Expand s into plain text (for exact comparisons such as StringEquals):
 * escapes become their bare characters. PV_KNOWN when every variable was
 * settled (out holds the text); PV_ABSENT when a variable without a default
 * is absent (the AWS rule: the element then matches nothing); PV_UNKNOWN
 * when a variable cannot be settled (out then holds the text with each
 * unsettled variable left as written). ABSENT wins over UNKNOWN. A NULL
 * lookup settles nothing. Text without "${" is copied unchanged.
 */
pv_status policyvar_expand(const char *s, pv_lookup_fn lookup, void *ctx, strbuf *out);

/*
 * Expand s into a glob for match_glob_escaped / arn_match_escaped: the text's
 * own '*' and '?' stay wildcards, while escapes and substituted values
 * (variable values and defaults) are literal, written as "\*", "\?", "\\"
 * (a backslash in the text is written "\\" too). Same statuses as
 * policyvar_expand; on PV_UNKNOWN out holds the pattern with each unsettled
 * variable replaced by '*', an over-approximation of what it can match.
 */
pv_status policyvar_expand_pattern(const char *s, pv_lookup_fn lookup, void *ctx, strbuf *out);

/* 1 when s holds a variable or an escape that expansion would rewrite, else 0. */
int policyvar_has_vars(const char *s);

#endif
