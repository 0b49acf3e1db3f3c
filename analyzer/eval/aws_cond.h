/*
 * aws_cond — AWS IAM policy condition operators, evaluated in three-valued
 * logic.
 *
 * One condition is (operator, key, policy values); the request context is
 * reached through a lookup callback that says, per key, whether the analyzer
 * knows the key to be absent, knows its values, or cannot tell. Evaluation
 * answers TRI_TRUE or TRI_FALSE where AWS's answer is certain from what is
 * known, and TRI_UNKNOWN wherever it is not (an unknown key, an unknown or
 * misspelt operator, a malformed value, a reading the AWS documentation
 * leaves open). The caller keeps the analysis sound by reading TRI_UNKNOWN
 * as "possibly true" on an Allow and "possibly false" on a Deny.
 *
 * Semantics (AWS IAM User Guide, "Condition operators", "Conditions with
 * multiple context keys or values", "Single-valued vs multivalued context
 * keys"):
 *   - operator names are case-sensitive; key names are case-insensitive (the
 *     lookup compares them); values are case-sensitive except for the
 *     ...IgnoreCase operators;
 *   - several policy values for one key: OR; for a negated operator
 *     (StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike,
 *     NumericNotEquals, DateNotEquals, NotIpAddress, ArnNotEquals,
 *     ArnNotLike): NOR, i.e. the request value matches none of them;
 *   - key absent: ...IfExists true; else ForAllValues: true, ForAnyValue:
 *     false; else negated operators true, the others false; Null "true"
 *     holds exactly when the key is absent, "false" when it is present;
 *   - ForAnyValue: some request value satisfies the operator (false on an
 *     empty set); ForAllValues: every request value does (true on an empty
 *     set); with a negated operator "satisfies" means "matches none of the
 *     policy values";
 *   - without a qualifier a key is expected to carry one value; with several
 *     (or none) the result is the answer shared by the "any value" and
 *     "every value" readings, TRI_UNKNOWN when they differ.
 * Policy variables must already be substituted in the values by the caller.
 *
 * Ownership: aws_cond borrows everything and allocates nothing; no pointer
 * passed in is kept after a call returns.
 */
#ifndef PG_AWS_COND_H
#define PG_AWS_COND_H

#include <stddef.h>

typedef enum { TRI_FALSE = 0, TRI_TRUE = 1, TRI_UNKNOWN = 2 } tri;

/* Kleene logic: FALSE dominates AND, TRUE dominates OR, then UNKNOWN. */
tri tri_and(tri a, tri b);
tri tri_or(tri a, tri b);
tri tri_not(tri a);
/* "true", "false" or "unknown" (static strings), for messages and tests. */
const char *tri_str(tri t);

/* What the analyzer knows about one request-context key. */
typedef enum {
	CK_UNKNOWN = 0, /* cannot be settled statically */
	CK_ABSENT,      /* known not to be in the request */
	CK_PRESENT      /* known values (possibly an empty set) */
} ck_state;

typedef struct cond_key_value {
	ck_state state;
	const char *const *values; /* n_values strings when CK_PRESENT */
	size_t n_values;
} cond_key_value;

/*
 * Fill *out for `key` (as written in the policy; compare it
 * case-insensitively). *out arrives zeroed (CK_UNKNOWN); the values must stay
 * valid until the aws_cond_eval call that asked returns.
 */
typedef void (*aws_cond_lookup_fn)(void *ctx, const char *key, cond_key_value *out);

/*
 * One condition: the operator as written ("StringLike",
 * "ForAnyValue:StringEqualsIgnoreCase", "ArnLikeIfExists", "Null", ...), the
 * key as written, and the policy's values as text (numbers and booleans
 * arrive as their text: "10", "true").
 */
typedef struct aws_cond_test {
	const char *op;
	const char *key;
	const char *const *values;
	size_t n_values;
} aws_cond_test;

typedef enum {
	AWS_COND_QUAL_NONE = 0,
	AWS_COND_QUAL_ANY,  /* ForAnyValue: */
	AWS_COND_QUAL_ALL   /* ForAllValues: */
} aws_cond_qualifier;

/* An operator name taken apart. */
typedef struct aws_cond_op_info {
	const char *base;             /* canonical name without qualifier or IfExists, static */
	aws_cond_qualifier qualifier;
	int if_exists;                /* 1 for ...IfExists */
	int negated;                  /* 1 for the NOR operators listed above */
} aws_cond_op_info;

/*
 * Take `op` apart. Returns 0, or -1 when it is not an AWS operator: unknown
 * or wrongly cased name, "NullIfExists", a qualifier on Null. *info is
 * zeroed on failure; info may be NULL.
 */
int aws_cond_op_parse(const char *op, aws_cond_op_info *info);

/* 0 for a known operator, -1 otherwise (validate reports it). */
int aws_cond_op_valid(const char *op);

/*
 * Evaluate one condition against the request context that `lookup` describes
 * (lookup is called at most once). An unknown operator gives TRI_UNKNOWN.
 */
tri aws_cond_eval(const aws_cond_test *c, aws_cond_lookup_fn lookup, void *ctx);

/* AND over the n conditions of a Condition block; TRI_TRUE when n is 0. */
tri aws_cond_eval_all(const aws_cond_test *c, size_t n, aws_cond_lookup_fn lookup, void *ctx);

#endif
