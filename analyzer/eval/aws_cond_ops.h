/*
 * aws_cond_ops — the value matchers behind aws_cond: one request value
 * against one policy value for each operator family (string, glob, numeric,
 * date, Bool, BinaryEquals, IP/CIDR, ARN). Internal to analyzer/eval/aws_cond*.c;
 * dates are read in aws_cond_time.c.
 *
 * Every matcher answers the positive question ("does the request value match
 * the policy value?"); aws_cond.c applies negation, IfExists and the set
 * qualifiers. TRI_UNKNOWN means a value could not be read (malformed number,
 * date, address, base64, ARN pattern) or the answer depends on something AWS
 * does not document (Unicode case folding).
 * Ownership: borrows its arguments, allocates nothing.
 */
#ifndef PG_AWS_COND_OPS_H
#define PG_AWS_COND_OPS_H

#include "eval/aws_cond.h"

#include <stdint.h>

typedef enum {
	AWS_COND_K_STR_EQ,
	AWS_COND_K_STR_EQ_CI,
	AWS_COND_K_STR_LIKE,
	AWS_COND_K_NUM_EQ,
	AWS_COND_K_NUM_LT,
	AWS_COND_K_NUM_LE,
	AWS_COND_K_NUM_GT,
	AWS_COND_K_NUM_GE,
	AWS_COND_K_DATE_EQ,
	AWS_COND_K_DATE_LT,
	AWS_COND_K_DATE_LE,
	AWS_COND_K_DATE_GT,
	AWS_COND_K_DATE_GE,
	AWS_COND_K_BOOL,
	AWS_COND_K_BINARY,
	AWS_COND_K_IP,
	AWS_COND_K_ARN,
	AWS_COND_K_NULL
} aws_cond_kind;

/* Does request value `req` match policy value `pol` under `kind`? (not K_NULL) */
tri aws_cond_match(aws_cond_kind kind, const char *req, const char *pol);

/*
 * '*' (any run, also empty) and '?' (one byte) glob over byte ranges;
 * iterative, O(len(pat) * len(str)) at worst, never exponential.
 */
int aws_cond_glob(const char *pat, size_t plen, const char *str, size_t slen);

/* Parse "true" / "false" (exactly, lowercase): 1, 0, or -1 for anything else. */
int aws_cond_parse_bool(const char *s);

/* An instant: seconds since the epoch (UTC) and nanoseconds. */
typedef struct aws_cond_instant { int64_t sec; long nsec; } aws_cond_instant;

/* Parse a Date operator value; 0, or -1 when unreadable (see aws_cond_time.c). */
int aws_cond_parse_date(const char *s, aws_cond_instant *out);
int aws_cond_instant_cmp(aws_cond_instant a, aws_cond_instant b);

#endif
