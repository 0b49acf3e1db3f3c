/*
 * az_cond — the Azure ABAC condition lexer and operator-name scanner (re2c);
 * see eval/az_cond.h for the grammar and eval/az_cond_internal.h for tokens.
 *
 * The text ends in NUL, the only sentinel: a NUL inside a string or an
 * attribute ends the text there (the token is then unterminated). Keywords,
 * operator names and attribute sources are ASCII case-insensitive ('...' in
 * re2c); quoted strings keep their escapes for the evaluator to judge.
 */
#include "eval/az_cond_internal.h"

#include <string.h>

/* A string holds an escape when it has a backslash or a doubled quote. */
static int has_escape(const unsigned char *s, const unsigned char *e)
{
	for (; s < e; s++)
		if (*s == '\\' || (*s == '\'' && s + 1 < e && s[1] == '\''))
			return 1;
	return 0;
}

static void set(az_tok *t, az_tok_kind kind, const unsigned char *v0, const unsigned char *v1)
{
	t->kind = kind;
	if (v0) {
		t->val = (const char *)v0;
		t->val_len = (size_t)(v1 - v0);
	}
}

void az_cond_lex(az_lexer *lx, az_tok *t)
{
	const unsigned char *YYCURSOR = lx->cur, *YYMARKER = NULL, *tok;
	const unsigned char *v0 = NULL, *v1 = NULL;
	/*!stags:re2c:lex format = 'const unsigned char *@@ = NULL;\n'; */

	memset(t, 0, sizeof(*t));
	for (;;) {
		tok = YYCURSOR;
	/*!re2c:lex
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;
	re2c:tags = 1;

	hex = [0-9a-fA-F];
	name = [A-Za-z_] [A-Za-z0-9_]*;
	sch = [^'\\\x00] | "\\" [^\x00] | "''";
	inner = [^\]\x00]*;

	[ \t\r\n\f\v]+        { continue; }
	"\x00"                { YYCURSOR = tok; set(t, AZT_END, NULL, NULL); break; }
	"("                   { set(t, AZT_LPAREN, NULL, NULL); break; }
	")"                   { set(t, AZT_RPAREN, NULL, NULL); break; }
	"{"                   { set(t, AZT_LBRACE, NULL, NULL); break; }
	"}"                   { set(t, AZT_RBRACE, NULL, NULL); break; }
	","                   { set(t, AZT_COMMA, NULL, NULL); break; }
	"&&" | 'AND'          { set(t, AZT_AND, NULL, NULL); break; }
	"||" | 'OR'           { set(t, AZT_OR, NULL, NULL); break; }
	"!" | 'NOT'           { set(t, AZT_NOT, NULL, NULL); break; }
	'ActionMatches'       { set(t, AZT_ACTION, NULL, NULL); break; }
	'SubOperationMatches' { set(t, AZT_SUBOP, NULL, NULL); break; }
	'Exists'              { set(t, AZT_EXISTS, NULL, NULL); break; }
	'true'                { set(t, AZT_TRUE, NULL, NULL); break; }
	'false'               { set(t, AZT_FALSE, NULL, NULL); break; }
	name (":" name)?      { set(t, AZT_WORD, NULL, NULL); break; }
	"-"? [0-9]+ ("." [0-9]+)? { set(t, AZT_NUMBER, NULL, NULL); break; }
	hex{8} "-" hex{4} "-" hex{4} "-" hex{4} "-" hex{12} { set(t, AZT_GUID, NULL, NULL); break; }

	"'" @v0 sch* @v1 "'" {
		set(t, AZT_STRING, v0, v1);
		t->escaped = has_escape(v0, v1);
		break;
	}
	"'" sch* "\\"? {
		t->kind = AZT_BAD;
		t->err = "unterminated string";
		break;
	}

	"@" 'Resource' "[" @v0 inner @v1 "]"    { set(t, AZT_ATTR, v0, v1); t->src = AZS_RESOURCE; break; }
	"@" 'Request' "[" @v0 inner @v1 "]"     { set(t, AZT_ATTR, v0, v1); t->src = AZS_REQUEST; break; }
	"@" 'Principal' "[" @v0 inner @v1 "]"   { set(t, AZT_ATTR, v0, v1); t->src = AZS_PRINCIPAL; break; }
	"@" 'Environment' "[" @v0 inner @v1 "]" { set(t, AZT_ATTR, v0, v1); t->src = AZS_ENVIRONMENT; break; }
	"@" [A-Za-z]* "[" inner "]" {
		t->kind = AZT_BAD;
		t->err = "unknown attribute source";
		break;
	}
	"@" [A-Za-z]* "[" inner {
		t->kind = AZT_BAD;
		t->err = "unterminated attribute";
		break;
	}
	"@" [A-Za-z]* {
		t->kind = AZT_BAD;
		t->err = "expected '[' after the attribute source";
		break;
	}
	* {
		t->kind = AZT_BAD;
		t->err = "unexpected character";
		break;
	}
	*/
	}
	(void)YYMARKER;
	t->start = (const char *)tok;
	t->len = (size_t)(YYCURSOR - tok);
	lx->cur = YYCURSOR;
}

int az_cond_op_parse(const char *s, size_t len, az_op *op)
{
	/* a NUL-terminated copy, so no rule can read past the name */
	unsigned char buf[64];
	const unsigned char *YYCURSOR = buf, *YYMARKER = NULL;
	const unsigned char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
	/*!stags:re2c:op format = 'const unsigned char *@@ = NULL;\n'; */

	memset(op, 0, sizeof(*op));
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	/*!re2c:qual
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;

	'ForAnyOfAnyValues:' { op->qual = AZQ_ANY_OF_ANY; goto base; }
	'ForAllOfAnyValues:' { op->qual = AZQ_ALL_OF_ANY; goto base; }
	'ForAnyOfAllValues:' { op->qual = AZQ_ANY_OF_ALL; goto base; }
	'ForAllOfAllValues:' { op->qual = AZQ_ALL_OF_ALL; goto base; }
	* { YYCURSOR = buf; goto base; }
	*/
base:
	/*!re2c:op
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;
	re2c:tags = 1;

	cmp6 = 'Equals' | 'NotEquals' | 'GreaterThan' | 'GreaterThanEquals' | 'LessThan' | 'LessThanEquals';

	'String' @a 'Not'? @b 'Equals' @c 'IgnoreCase'? @d "\x00"     { op->kind = AZO_STR_EQ; goto str; }
	'String' @a 'Not'? @b 'StartsWith' @c 'IgnoreCase'? @d "\x00" { op->kind = AZO_STR_STARTS; goto str; }
	'String' @a 'Not'? @b 'Like' @c 'IgnoreCase'? @d "\x00"       { op->kind = AZO_STR_LIKE; goto str; }
	'Numeric' cmp6 "\x00"                  { op->kind = AZO_NUMERIC; goto done; }
	'DateTime' cmp6 "\x00"                 { op->kind = AZO_DATETIME; goto done; }
	'Guid' ('Equals' | 'NotEquals') "\x00" { op->kind = AZO_GUID; goto done; }
	'Bool' ('Equals' | 'NotEquals') "\x00" { op->kind = AZO_BOOL; goto done; }
	* { memset(op, 0, sizeof(*op)); return -1; }
	*/
str:
	op->negated = b > a;
	op->icase = d > c;
done:
	(void)YYMARKER;
	/* the cross-product forms the documentation lists: no StartsWith, DateTime or Bool */
	if (op->qual != AZQ_NONE &&
	    (op->kind == AZO_STR_STARTS || op->kind == AZO_DATETIME || op->kind == AZO_BOOL)) {
		memset(op, 0, sizeof(*op));
		return -1;
	}
	return 0;
}
