/*
 * az_cond — Azure ABAC conditions: a recursive-descent parser that evaluates
 * as it parses (Kleene logic), over the lexer in grammars/az_cond.re, with
 * comparisons in az_cond_value.c; see eval/az_cond.h for the grammar and what
 * is decided.
 */
#include "eval/az_cond.h"
#include "eval/az_cond_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct parser {
	const char *text;
	az_lexer lx;
	az_tok tok;               /* the lookahead */
	const az_cond_request *rq;
	unsigned depth;
	int failed;
	size_t err_at;            /* byte offset of the first error */
	char msg[160];
} parser;

static __attribute__((format(printf, 3, 4))) void fail(parser *p, const char *at, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	p->err_at = (size_t)(at - p->text);
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
}

/* The token's text for a message: at most 24 bytes, unprintables as \xNN. */
static const char *snippet(const az_tok *t, char *buf, size_t size)
{
	size_t i, o = 0, n = t->len > 24 ? 24 : t->len;

	for (i = 0; i < n && o + 5 < size; i++) {
		unsigned char c = (unsigned char)t->start[i];

		if (c >= 0x20 && c < 0x7f)
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
	}
	if (n < t->len && o + 4 < size) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

static void next(parser *p)
{
	char b[128];

	az_cond_lex(&p->lx, &p->tok);
	if (p->tok.kind == AZT_BAD)
		fail(p, p->tok.start, "%s '%s'", p->tok.err, snippet(&p->tok, b, sizeof(b)));
}

/* "found 'x'" or "found the end" for expected-token messages. */
static const char *found(const parser *p, char *buf, size_t size)
{
	char b[128];

	if (p->tok.kind == AZT_END)
		return "the end";
	snprintf(buf, size, "'%s'", snippet(&p->tok, b, sizeof(b)));
	return buf;
}

static int enter(parser *p)
{
	if (++p->depth <= AZ_COND_MAX_DEPTH)
		return 1;
	fail(p, p->tok.start, "nesting deeper than %d levels", AZ_COND_MAX_DEPTH);
	return 0;
}

static int is_literal(az_tok_kind k)
{
	return k == AZT_STRING || k == AZT_NUMBER || k == AZT_GUID || k == AZT_TRUE || k == AZT_FALSE;
}

static tri parse_expr(parser *p);

static void parse_operand(parser *p, az_operand *o)
{
	char b[160];

	memset(o, 0, sizeof(*o));
	o->start = p->tok.start;
	if (p->tok.kind == AZT_ATTR) {
		o->is_attr = 1;
		o->attr = p->tok;
	} else if (p->tok.kind == AZT_LBRACE) {
		o->is_set = 1;
		do {
			next(p);
			if (!is_literal(p->tok.kind)) {
				fail(p, p->tok.start, "expected a value in the set, found %s", found(p, b, sizeof(b)));
				return;
			}
			next(p);
		} while (p->tok.kind == AZT_COMMA);
		if (p->tok.kind != AZT_RBRACE) {
			fail(p, p->tok.start, "expected ',' or '}' in the set, found %s", found(p, b, sizeof(b)));
			return;
		}
	} else if (!is_literal(p->tok.kind)) {
		fail(p, p->tok.start, "expected an attribute or a value, found %s", found(p, b, sizeof(b)));
		return;
	}
	o->end = p->tok.start + p->tok.len;
	next(p);
}

static tri parse_comparison(parser *p)
{
	az_operand l, r;
	az_op op;
	char b[160];

	parse_operand(p, &l);
	if (p->failed)
		return TRI_UNKNOWN;
	if (p->tok.kind != AZT_WORD) {
		fail(p, p->tok.start, "expected an operator, found %s", found(p, b, sizeof(b)));
		return TRI_UNKNOWN;
	}
	if (az_cond_op_parse(p->tok.start, p->tok.len, &op) < 0) {
		fail(p, p->tok.start, "unknown operator %s", found(p, b, sizeof(b)));
		return TRI_UNKNOWN;
	}
	next(p);
	parse_operand(p, &r);
	return p->failed ? TRI_UNKNOWN : az_cond_compare(p->rq, &op, &l, &r);
}

/* ActionMatches{'...'} or SubOperationMatches{'...'}. */
static tri parse_function(parser *p)
{
	int action = p->tok.kind == AZT_ACTION;
	const char *fn = action ? "ActionMatches" : "SubOperationMatches";
	az_tok arg;
	char b[160];

	next(p);
	if (p->tok.kind != AZT_LBRACE) {
		fail(p, p->tok.start, "expected '{' after %s, found %s", fn, found(p, b, sizeof(b)));
		return TRI_UNKNOWN;
	}
	next(p);
	arg = p->tok;
	if (arg.kind == AZT_STRING)
		next(p);
	if (arg.kind != AZT_STRING || p->tok.kind != AZT_RBRACE) {
		fail(p, arg.start, "%s takes one quoted name in braces", fn);
		return TRI_UNKNOWN;
	}
	next(p);
	/* sub-operations (Blob.List, ...) are not part of the request */
	return action ? az_cond_action_matches(p->rq, &arg) : TRI_UNKNOWN;
}

static tri parse_primary(parser *p)
{
	const char *open = p->tok.start;
	char b[160];
	tri r;

	switch (p->tok.kind) {
	case AZT_LPAREN:
		if (!enter(p))
			return TRI_UNKNOWN;
		next(p);
		r = parse_expr(p);
		if (!p->failed && p->tok.kind != AZT_RPAREN)
			fail(p, p->tok.start, "missing ')' for the '(' at column %zu, found %s",
			     (size_t)(open - p->text) + 1, found(p, b, sizeof(b)));
		p->depth--;
		next(p);
		return r;
	case AZT_ACTION:
	case AZT_SUBOP:
		return parse_function(p);
	case AZT_EXISTS:
		next(p);
		if (p->tok.kind != AZT_ATTR)
			fail(p, p->tok.start, "expected an attribute after Exists, found %s", found(p, b, sizeof(b)));
		next(p);
		return TRI_UNKNOWN;
	case AZT_RPAREN:
		fail(p, p->tok.start, "unexpected ')'");
		return TRI_UNKNOWN;
	default:
		if (p->tok.kind == AZT_ATTR || p->tok.kind == AZT_LBRACE || is_literal(p->tok.kind))
			return parse_comparison(p);
		fail(p, p->tok.start, "expected an expression, found %s", found(p, b, sizeof(b)));
		return TRI_UNKNOWN;
	}
}

static tri parse_unary(parser *p)
{
	tri r;

	if (p->failed)
		return TRI_UNKNOWN;
	if (p->tok.kind != AZT_NOT)
		return parse_primary(p);
	if (!enter(p))
		return TRI_UNKNOWN;
	next(p);
	r = tri_not(parse_unary(p));
	p->depth--;
	return r;
}

/* A chain of AND or of OR; the documentation requires parentheses for a mix. */
static tri parse_expr(parser *p)
{
	tri r = parse_unary(p), b;
	az_tok_kind joiner = AZT_END;

	while (!p->failed && (p->tok.kind == AZT_AND || p->tok.kind == AZT_OR)) {
		if (joiner != AZT_END && p->tok.kind != joiner) {
			fail(p, p->tok.start, "AND and OR mixed without parentheses (the order is ambiguous)");
			return TRI_UNKNOWN;
		}
		joiner = p->tok.kind;
		next(p);
		b = parse_unary(p);
		r = joiner == AZT_AND ? tri_and(r, b) : tri_or(r, b);
	}
	return r;
}

tri az_cond_eval(const char *condition, const az_cond_request *rq, char *why, size_t why_len)
{
	parser p;
	char b[160];
	tri r;

	if (why && why_len)
		why[0] = '\0';
	memset(&p, 0, sizeof(p));
	p.text = condition ? condition : "";
	p.rq = rq;
	p.lx.cur = (const unsigned char *)p.text;
	next(&p);
	if (p.tok.kind == AZT_END) {
		fail(&p, p.tok.start, "empty condition");
	} else {
		r = parse_expr(&p);
		if (!p.failed && p.tok.kind == AZT_RPAREN)
			fail(&p, p.tok.start, "unexpected ')'");
		else if (!p.failed && p.tok.kind != AZT_END)
			fail(&p, p.tok.start, "expected AND, OR or the end, found %s", found(&p, b, sizeof(b)));
		if (!p.failed)
			return r;
	}
	if (why && why_len)
		snprintf(why, why_len, "condition does not parse at column %zu: %s", p.err_at + 1, p.msg);
	return TRI_UNKNOWN;
}
