/*
 * az_cond — Azure role-assignment and deny-assignment ABAC conditions
 * (conditionVersion 2.0), evaluated statically in three-valued logic.
 *
 * Grammar (Microsoft Learn, "Azure role assignment condition format and
 * syntax" and "Actions and attributes for Azure role assignment conditions for
 * Azure Blob Storage"); keywords, operator names, attribute sources and
 * true/false are ASCII case-insensitive; whitespace and newlines go anywhere
 * between tokens:
 *
 *   condition  = expr END
 *   expr       = unary { AND unary } | unary { OR unary }
 *   unary      = ( NOT | '!' ) unary | primary
 *   primary    = '(' expr ')'
 *              | ActionMatches '{' string '}'
 *              | SubOperationMatches '{' string '}'
 *              | Exists attribute
 *              | operand operator operand
 *   operand    = attribute | literal | '{' literal { ',' literal } '}'
 *   literal    = string | number | guid | true | false
 *   attribute  = '@' ( Resource | Request | Principal | Environment ) '[' text ']'
 *   string     = "'" ... "'"          (a backslash keeps the next character in
 *                                      the string; '' stands inside one too)
 *   AND        = 'AND' | '&&'           OR = 'OR' | '||'
 *
 * Precedence: NOT binds tightest (to the next primary: a whole comparison, a
 * function or a parenthesised group); parentheses group. The documentation
 * leaves "a AND b OR c" ambiguous and says parentheses must be added, so one
 * level may chain AND or OR but not both: a mix is a parse error.
 * Operators: String{Equals,NotEquals,StartsWith,NotStartsWith,Like,NotLike}
 * [IgnoreCase], Numeric{Equals,NotEquals,GreaterThan,GreaterThanEquals,
 * LessThan,LessThanEquals}, DateTime{same six}, Guid{Equals,NotEquals},
 * Bool{Equals,NotEquals}; the cross-product qualifiers ForAnyOfAnyValues:,
 * ForAllOfAnyValues:, ForAnyOfAllValues:, ForAllOfAllValues: go on the String
 * Equals/NotEquals/Like/NotLike forms, the Numeric ones and the Guid ones only.
 *
 * What is decided (everything else is TRI_UNKNOWN):
 *   - ActionMatches{'X'}: the request's operation matched against X,
 *     case-insensitively, with '*' a wildcard (a documented example matches
 *     roleAssignments/write with the pattern roleAssignments/ followed by a
 *     star); X holding '?' or an escape is unknown.
 *   - @Resource[NS/type/.../type:name] with String operators: the name of the
 *     resource of that type named by the request's resource id (the container
 *     c of .../storageAccounts/a/blobServices/default/containers/c and of any
 *     blob path under it; the account a for storageAccounts:name). Unknown when
 *     the id stops above that resource, names another type, is an extension
 *     resource, or has several providers sections, and for types through
 *     "blobs" (a blob's name is a path). Because the id may be
 *     written in any case, a case-sensitive comparison whose answer would
 *     change under case folding is unknown.
 *   - String operators between quoted literals (the documentation's
 *     "{'red', 'blue'} ForAnyOfAnyValues:StringEquals {'blue', 'green'}").
 *     Cross products: ForAnyOf = some left value, ForAllOf = every left value;
 *     AnyValues = some right value, AllValues = every right value; a negated
 *     operator negates each pair. Without a qualifier both sides must be one
 *     value. StringLike honours "\*" and "\?"; any other escape in a compared
 *     value is unknown (the format does not define it).
 *   - Unknown: SubOperationMatches, Exists, every other attribute (blob path,
 *     tags, encryption scope, request, principal and environment attributes),
 *     Numeric, DateTime, Guid and Bool comparisons, and comparisons too large
 *     to settle cheaply.
 * Evaluation is one pass over the text (compared operands are scanned again),
 * without allocation; nesting of parentheses and NOTs is capped at
 * AZ_COND_MAX_DEPTH.
 *
 * Ownership: borrows everything and allocates nothing; no pointer passed in is
 * kept after a call returns.
 */
#ifndef PG_EVAL_AZ_COND_H
#define PG_EVAL_AZ_COND_H

#include <stddef.h>

#include "eval/aws_cond.h"   /* tri: TRI_FALSE, TRI_TRUE, TRI_UNKNOWN */

/* Deeper nesting of parentheses and NOTs is a parse error. */
#define AZ_COND_MAX_DEPTH 256

typedef struct az_cond_request {
	const char *operation;     /* the requested operation, e.g. Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read */
	const char *resource_id;   /* the requested scope or resource id as given (any case) */
} az_cond_request;

/* Evaluate an ABAC condition for the request. TRI_TRUE: it holds for every
 * request of this shape; TRI_FALSE: it holds for none; TRI_UNKNOWN: it depends
 * on what is not known statically (or the text does not parse). `why`
 * (may be NULL) gets a short reason when the result is TRI_UNKNOWN because of a
 * parse error ("condition does not parse at column N: ...") — empty otherwise.
 * N is the 1-based byte offset in the condition text (newlines count as one
 * byte). condition NULL, empty or all blank is a parse error; rq NULL or its
 * fields NULL mean "not known". */
tri az_cond_eval(const char *condition, const az_cond_request *rq, char *why, size_t why_len);

#endif
