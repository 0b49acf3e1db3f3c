/*
 * arn — AWS ARN splitting and ARN-pattern matching (lexer in grammars/arn.re).
 *
 * An ARN is "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE": "arn:" and five
 * colons; the resource is everything after the fifth colon and may itself
 * hold ':' and '/'. Segments may be empty ("arn:aws:s3:::bucket").
 * Ownership: returns slices into the caller's string; allocates nothing.
 */
#ifndef PG_EVAL_ARN_H
#define PG_EVAL_ARN_H

#include <stddef.h>

typedef struct arn_parts {
	const char *partition, *service, *region, *account, *resource;
	size_t partition_len, service_len, region_len, account_len, resource_len;
} arn_parts;

/* 0 and *out filled when s is an ARN; -1 (and *out zeroed) when it is not. */
int arn_parse(const char *s, arn_parts *out);

/*
 * Does an ARN pattern (a Resource element or an ArnLike value) match a
 * concrete ARN? Case-sensitive. Partition, region and account are globs
 * confined to their segment; the service must be equal (a '*' there matches
 * only a literal '*'); the resource part is a glob whose '*' spans ':' and
 * '/'. The pattern "*" matches everything; a pattern that is neither "*" nor
 * an ARN (e.g. "arn:aws:s3:*", four colons) matches nothing, and so does a
 * concrete string that is not an ARN. Returns 1 or 0.
 */
int arn_match(const char *pattern, const char *arn);

/*
 * As arn_match for a pattern in the escaped form of policyvar_expand_pattern
 * ("\*", "\?", "\\" are literal characters).
 */
int arn_match_escaped(const char *pattern, const char *arn);

/* The account id of an ARN (a slice, length in *len), or NULL and *len = 0 when
 * s is not an ARN or its account segment is empty. len may be NULL. */
const char *arn_account(const char *s, size_t *len);

#endif
