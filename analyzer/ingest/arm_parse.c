/*
 * arm_parse — the ARM template expression language, parsed: "[fn(args).member[index]]".
 *
 * Grammar (whitespace, newlines too, between tokens):
 *   expr    := primary ( '.' IDENT | '[' expr ']' )*
 *   primary := STRING | NUMBER | IDENT [ '.' IDENT ] '(' [ expr ( ',' expr )* ] ')'
 *   STRING  := '\'' ( [^'] | "''" )* '\''        NUMBER := '-'? [0-9]+
 * There are no operators or bare names: true(), false() and null() are calls.
 * A string "[[..." is the literal "[...". An expression that does not parse is
 * a warning and a placeholder: ARM may know syntax this reader does not.
 */
#include "ingest/arm_internal.h"

#include <ctype.h>
#include <string.h>

typedef struct parser {
	arm_file *f;
	const char *p, *end;
	const char *err;
	const char *err_at;
	int depth;
} parser;

static void skip_ws(parser *ps)
{
	while (ps->p < ps->end && isspace((unsigned char)*ps->p))
		ps->p++;
}

static arm_ax *fail(parser *ps, const char *why)
{
	if (!ps->err) {
		ps->err = why;
		ps->err_at = ps->p;
	}
	return NULL;
}

static arm_ax *ax_new(parser *ps, arm_ax_kind kind, const char *text, size_t len, size_t n)
{
	arm_ax *x = ARENA_NEW(&ps->f->a, arm_ax);

	x->kind = kind;
	x->text = arena_strndup(&ps->f->a, text ? text : "", text ? len : 0);
	x->args = n ? ARENA_ARRAY(&ps->f->a, arm_ax *, n) : NULL;
	x->n = 0;
	return x;
}

static int ident_char(int c)
{
	return isalnum(c) || c == '_' || c == '$';
}

static arm_ax *parse_expr(parser *ps);

static arm_ax *parse_string(parser *ps)
{
	strbuf sb = STRBUF_INIT;
	arm_ax *x;

	for (ps->p++;; ps->p++) {
		if (ps->p >= ps->end) {
			strbuf_release(&sb);
			return fail(ps, "unterminated string");
		}
		if (*ps->p == '\'') {
			if (ps->p + 1 < ps->end && ps->p[1] == '\'') {
				strbuf_addch(&sb, '\'');
				ps->p++;
				continue;
			}
			ps->p++;
			break;
		}
		strbuf_addch(&sb, *ps->p);
	}
	x = ax_new(ps, AX_STR, sb.buf, sb.len, 0);
	strbuf_release(&sb);
	return x;
}

static arm_ax *parse_call(parser *ps)
{
	const char *start = ps->p, *save;
	arm_ax *x, **args = NULL;
	size_t n = 0, cap = 0;

	while (ps->p < ps->end && ident_char((unsigned char)*ps->p))
		ps->p++;
	/* a user-defined function: namespace.member( */
	save = ps->p;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		skip_ws(ps);
		while (ps->p < ps->end && ident_char((unsigned char)*ps->p))
			ps->p++;
	} else {
		ps->p = save;
	}
	x = ax_new(ps, AX_CALL, start, (size_t)(ps->p - start), 0);
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != '(')
		return fail(ps, "expected '(' after a function name");
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ')') {
		ps->p++;
		return x;
	}
	for (;;) {
		arm_ax *a = parse_expr(ps);
		if (!a)
			return NULL;
		if (n == cap) {
			arm_ax **na = ARENA_ARRAY(&ps->f->a, arm_ax *, cap * 2 + 4);
			if (n)
				memcpy(na, args, n * sizeof(*na));
			args = na;
			cap = cap * 2 + 4;
		}
		args[n++] = a;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == ')') {
			ps->p++;
			break;
		}
		return fail(ps, "expected ',' or ')' in the arguments");
	}
	x->args = args;
	x->n = n;
	return x;
}

static arm_ax *parse_primary(parser *ps)
{
	const char *start = ps->p;
	unsigned char c;

	if (ps->p >= ps->end)
		return fail(ps, "expression ends too early");
	c = (unsigned char)*ps->p;
	if (c == '\'')
		return parse_string(ps);
	if (isdigit(c) || (c == '-' && ps->p + 1 < ps->end && isdigit((unsigned char)ps->p[1]))) {
		ps->p++;
		while (ps->p < ps->end && isdigit((unsigned char)*ps->p))
			ps->p++;
		return ax_new(ps, AX_NUM, start, (size_t)(ps->p - start), 0);
	}
	if (isalpha(c) || c == '_' || c == '$')
		return parse_call(ps);
	return fail(ps, "expected a function call, a string or a number");
}

static arm_ax *parse_expr(parser *ps)
{
	arm_ax *x, *y;

	if (++ps->depth > ARM_MAX_EXPR_DEPTH)
		return fail(ps, "expression nested too deeply");
	skip_ws(ps);
	if (!(x = parse_primary(ps)))
		return NULL;
	for (;;) {
		const char *start;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == '.') {
			ps->p++;
			skip_ws(ps);
			start = ps->p;
			while (ps->p < ps->end && ident_char((unsigned char)*ps->p))
				ps->p++;
			if (ps->p == start)
				return fail(ps, "expected a property name after '.'");
			y = ax_new(ps, AX_MEMBER, start, (size_t)(ps->p - start), 1);
			y->args[y->n++] = x;
			x = y;
		} else if (ps->p < ps->end && *ps->p == '[') {
			ps->p++;
			y = ax_new(ps, AX_INDEX, NULL, 0, 2);
			y->args[y->n++] = x;
			if (!(y->args[y->n++] = parse_expr(ps)))
				return NULL;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ']')
				return fail(ps, "expected ']'");
			ps->p++;
			x = y;
		} else {
			break;
		}
	}
	ps->depth--;
	return x;
}

arm_ax *arm_parse(arm_file *f, const char *s, size_t len, const char **why, size_t *at)
{
	parser ps;
	arm_ax *x;

	memset(&ps, 0, sizeof(ps));
	ps.f = f;
	ps.p = s;
	ps.end = s + len;
	x = parse_expr(&ps);
	skip_ws(&ps);
	if (x && ps.p < ps.end)
		x = fail(&ps, "unexpected text after the expression");
	if (!x) {
		*why = ps.err;
		*at = (size_t)(ps.err_at - s);
	}
	return x;
}

int arm_is_expr(const char *s)
{
	size_t len = strlen(s);

	return len >= 2 && s[0] == '[' && s[len - 1] == ']' && s[1] != '[';
}

/* --- printing ---------------------------------------------------------------------------- */

void arm_print_literal(strbuf *sb, const char *s)
{
	strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_addstr(sb, "''");
		else if (*s == '/')
			strbuf_addstr(sb, "%2F");     /* placeholders stay one segment of an id */
		else
			strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '\'');
}

void arm_ax_print(strbuf *sb, const arm_ax *x)
{
	size_t i;

	switch (x->kind) {
	case AX_STR:
		arm_print_literal(sb, x->text);
		break;
	case AX_NUM:
		strbuf_addstr(sb, x->text);
		break;
	case AX_CALL:
		strbuf_addf(sb, "%s(", x->text);
		for (i = 0; i < x->n; i++) {
			if (i)
				strbuf_addstr(sb, ", ");
			arm_ax_print(sb, x->args[i]);
		}
		strbuf_addch(sb, ')');
		break;
	case AX_MEMBER:
		arm_ax_print(sb, x->args[0]);
		strbuf_addf(sb, ".%s", x->text);
		break;
	case AX_INDEX:
		arm_ax_print(sb, x->args[0]);
		strbuf_addch(sb, '[');
		arm_ax_print(sb, x->args[1]);
		strbuf_addch(sb, ']');
		break;
	}
}
