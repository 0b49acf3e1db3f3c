/*
 * az_cond_internal — the pieces of the az_cond module: the token and
 * operator-name scanners (grammars/az_cond.re), the parser (eval/az_cond.c)
 * and what the request settles (eval/az_cond_value.c). Not part of the API.
 *
 * Ownership: tokens are slices of the condition text; nothing is allocated.
 */
#ifndef PG_EVAL_AZ_COND_INTERNAL_H
#define PG_EVAL_AZ_COND_INTERNAL_H

#include <stddef.h>

#include "eval/az_cond.h"

typedef enum {
	AZT_END,      /* the terminating NUL */
	AZT_BAD,      /* a lexical error: see az_tok.err */
	AZT_LPAREN, AZT_RPAREN, AZT_LBRACE, AZT_RBRACE, AZT_COMMA,
	AZT_AND,      /* AND, && */
	AZT_OR,       /* OR, || */
	AZT_NOT,      /* NOT, ! */
	AZT_ACTION,   /* ActionMatches */
	AZT_SUBOP,    /* SubOperationMatches */
	AZT_EXISTS,   /* Exists */
	AZT_TRUE, AZT_FALSE,
	AZT_STRING,   /* 'quoted'; val = the text between the quotes, escapes kept */
	AZT_NUMBER,   /* -12, 3.5 */
	AZT_GUID,     /* a bare 8-4-4-4-12 hexadecimal GUID */
	AZT_ATTR,     /* @Source[...]; val = the text between the brackets */
	AZT_WORD      /* any other name, e.g. an operator (may hold one ':') */
} az_tok_kind;

typedef enum { AZS_RESOURCE, AZS_REQUEST, AZS_PRINCIPAL, AZS_ENVIRONMENT } az_attr_source;

typedef struct az_tok {
	az_tok_kind kind;
	const char *start;      /* the whole token */
	size_t len;
	const char *val;        /* STRING and ATTR: the inner text */
	size_t val_len;
	int escaped;            /* STRING: holds a backslash or '' */
	az_attr_source src;     /* ATTR */
	const char *err;        /* BAD: what is wrong (static text) */
} az_tok;

typedef struct az_lexer {
	const unsigned char *cur;   /* the next byte to scan; the text ends in NUL */
} az_lexer;

/* Scan the next token at lx->cur (skipping blanks) into *t and advance. */
void az_cond_lex(az_lexer *lx, az_tok *t);

typedef enum {
	AZO_STR_EQ, AZO_STR_STARTS, AZO_STR_LIKE,
	AZO_NUMERIC, AZO_DATETIME, AZO_GUID, AZO_BOOL
} az_op_kind;

typedef enum {
	AZQ_NONE,
	AZQ_ANY_OF_ANY,   /* ForAnyOfAnyValues: */
	AZQ_ALL_OF_ANY,   /* ForAllOfAnyValues: */
	AZQ_ANY_OF_ALL,   /* ForAnyOfAllValues: */
	AZQ_ALL_OF_ALL    /* ForAllOfAllValues: */
} az_qualifier;

typedef struct az_op {
	az_op_kind kind;
	az_qualifier qual;
	int negated;      /* ...Not... */
	int icase;        /* ...IgnoreCase */
} az_op;

/* Take the operator name s[0..len) apart: 0, or -1 when it is not one of the
 * documented operators (or a qualifier on a form that takes none). */
int az_cond_op_parse(const char *s, size_t len, az_op *op);

/* One side of a comparison as written: an attribute, one literal or a set. */
typedef struct az_operand {
	int is_attr, is_set;
	az_tok attr;              /* when is_attr */
	const char *start, *end;  /* the literal or the whole set, scanned again to compare */
} az_operand;

/* ActionMatches{s} for the request. */
tri az_cond_action_matches(const az_cond_request *rq, const az_tok *s);

/* `l op r` for the request (rq may be NULL): TRI_UNKNOWN unless the operator
 * is a String one and both sides are known strings. */
tri az_cond_compare(const az_cond_request *rq, const az_op *op, const az_operand *l, const az_operand *r);

#endif
