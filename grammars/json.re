/*
 * json — the JSON lexer (re2c) under doc_json.c; see doc/doc_internal.h.
 *
 * The input ends in a '\0' sentinel: a NUL at the limit is the end, anywhere
 * else it is an error. Columns count characters: the only multi-byte
 * characters JSON allows are inside strings, so the string rules count UTF-8
 * continuation bytes (lx->cont) and a column is bytes since the line start
 * minus those — no rescanning of long lines.
 */
#include "doc/doc_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void json_lex_init(json_lexer *lx, const char *buf, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->cur = (const unsigned char *)buf;
	lx->lim = lx->cur + len;
	/* a UTF-8 byte order mark is not part of the first line's columns */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		lx->cur += 3;
	lx->line_start = lx->cur;
	lx->line = 1;
}

static unsigned column(const json_lexer *lx, const unsigned char *at)
{
	return (unsigned)((size_t)(at - lx->line_start) - lx->cont + 1);
}

static json_tok token(json_lexer *lx, const unsigned char *end, json_tok t)
{
	lx->tok_end = lx->cur = end;
	return t;
}

static json_tok error(json_lexer *lx, const unsigned char *at, json_err e)
{
	lx->err = e;
	lx->err_at = at;
	lx->err_line = lx->line;
	lx->err_col = column(lx, at);
	return JT_ERROR;
}

/* an error about the whole token: its start column was taken before any string bytes were counted */
static json_tok error_tok(json_lexer *lx, json_err e)
{
	error(lx, lx->tok, e);
	lx->err_col = lx->tok_col;
	return JT_ERROR;
}

json_tok json_lex(json_lexer *lx)
{
	const unsigned char *YYCURSOR = lx->cur, *YYMARKER = NULL, *at;

	for (;;) {
		lx->tok = YYCURSOR;
		lx->tok_line = lx->line;
		lx->tok_col = column(lx, YYCURSOR);
	/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;

	int = "-"? ("0" | [1-9] [0-9]*);
	number = int ("." [0-9]+)? ([eE] [+-]? [0-9]+)?;
	numchar = [0-9a-zA-Z_.+-];

	[ \t\r]+ { continue; }
	/* comments, as ARM templates and other JSONC files have them (no AWS or Azure CLI
	 * output does); a block comment may span lines */
	"//" [^\n\x00]* { continue; }
	"/*" {
		for (;;) {
			if (YYCURSOR >= lx->lim) {
				error_tok(lx, JE_COMMENT);
				lx->err_line = lx->tok_line;    /* at the comment's start */
				return JT_ERROR;
			}
			if (YYCURSOR[0] == '*' && YYCURSOR[1] == '/') {
				YYCURSOR += 2;
				break;
			}
			if (*YYCURSOR++ == '\n') {
				lx->line++;
				lx->line_start = YYCURSOR;
				lx->cont = 0;
			}
		}
		continue;
	}
	"\n" {
		lx->line++;
		lx->line_start = YYCURSOR;
		lx->cont = 0;
		continue;
	}
	"{" { return token(lx, YYCURSOR, JT_LBRACE); }
	"}" { return token(lx, YYCURSOR, JT_RBRACE); }
	"[" { return token(lx, YYCURSOR, JT_LBRACKET); }
	"]" { return token(lx, YYCURSOR, JT_RBRACKET); }
	":" { return token(lx, YYCURSOR, JT_COLON); }
	"," { return token(lx, YYCURSOR, JT_COMMA); }
	"true" { return token(lx, YYCURSOR, JT_TRUE); }
	"false" { return token(lx, YYCURSOR, JT_FALSE); }
	"null" { return token(lx, YYCURSOR, JT_NULL); }
	number { return token(lx, YYCURSOR, JT_NUMBER); }
	/* longer than any number it starts with, so "01", "1.", "-x" land here */
	[-0-9] numchar* { lx->tok_end = YYCURSOR; return error_tok(lx, JE_NUMBER); }
	[a-zA-Z_] [a-zA-Z0-9_]* { lx->tok_end = YYCURSOR; return error_tok(lx, JE_WORD); }
	"\"" { goto string; }
	"\x00" {
		if (YYCURSOR - 1 == lx->lim)
			return token(lx, YYCURSOR - 1, JT_EOF);
		return error_tok(lx, JE_CHAR);
	}
	* { return error_tok(lx, JE_CHAR); }
	*/
	}

string:
	lx->escaped = 0;
	for (;;) {
		at = YYCURSOR;
	/*!re2c
	hex = [0-9a-fA-F];
	high = [dD] [89abAB] hex hex;
	low = [dD] [c-fC-F] hex hex;

	[\x20-\x21\x23-\x5B\x5D-\x7F]+ { continue; }
	[\xC2-\xDF] [\x80-\xBF] { lx->cont += 1; continue; }
	( "\xE0" [\xA0-\xBF] | [\xE1-\xEC\xEE\xEF] [\x80-\xBF] | "\xED" [\x80-\x9F] ) [\x80-\xBF] {
		lx->cont += 2;
		continue;
	}
	( "\xF0" [\x90-\xBF] | [\xF1-\xF3] [\x80-\xBF] | "\xF4" [\x80-\x8F] ) [\x80-\xBF] [\x80-\xBF] {
		lx->cont += 3;
		continue;
	}
	"\"" { return token(lx, YYCURSOR, JT_STRING); }
	"\\" ["\\/bfnrt] { lx->escaped = 1; continue; }
	/* same-length rules: the first listed wins, so these precede the plain \uXXXX */
	"\\u0000" { return error(lx, at, JE_NUL_ESCAPE); }
	"\\u" high "\\u" low { lx->escaped = 1; continue; }
	"\\u" (high | low) { return error(lx, at, JE_SURROGATE); }
	"\\u" hex hex hex hex { lx->escaped = 1; continue; }
	"\\u" {
		if (YYCURSOR == lx->lim)
			return error_tok(lx, JE_UNTERMINATED);
		return error(lx, at, JE_UESCAPE);
	}
	"\\" {
		if (YYCURSOR == lx->lim)
			return error_tok(lx, JE_UNTERMINATED);
		return error(lx, at, JE_ESCAPE);
	}
	"\x00" {
		if (at == lx->lim)
			return error_tok(lx, JE_UNTERMINATED);
		return error(lx, at, JE_CONTROL);
	}
	[\x01-\x1F] { return error(lx, at, JE_CONTROL); }
	* { return error(lx, at, JE_UTF8); }
	*/
	}
}

/* --- decoding: the lexer has validated the body, so this checks nothing --- */

static int hexval(unsigned char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

static unsigned hex4(const char *s)
{
	return (unsigned)(hexval((unsigned char)s[0]) << 12 | hexval((unsigned char)s[1]) << 8 |
			  hexval((unsigned char)s[2]) << 4 | hexval((unsigned char)s[3]));
}

size_t json_unescape(const char *s, size_t len, char *out)
{
	const char *end = s + len, *run;
	char *o = out;

	while (s < end) {
		unsigned cp;
		for (run = s; s < end && *s != '\\'; s++)
			;
		memcpy(o, run, (size_t)(s - run));
		o += s - run;
		if (s == end)
			break;
		switch (s[1]) {
		case 'b': *o++ = '\b'; s += 2; continue;
		case 'f': *o++ = '\f'; s += 2; continue;
		case 'n': *o++ = '\n'; s += 2; continue;
		case 'r': *o++ = '\r'; s += 2; continue;
		case 't': *o++ = '\t'; s += 2; continue;
		case 'u': break;
		default: *o++ = s[1]; s += 2; continue;
		}
		cp = hex4(s + 2);
		s += 6;
		if (cp >= 0xD800 && cp < 0xDC00) { /* the lexer saw the low half follow */
			cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(s + 2) - 0xDC00);
			s += 6;
		}
		if (cp < 0x80) {
			*o++ = (char)cp;
		} else if (cp < 0x800) {
			*o++ = (char)(0xC0 | cp >> 6);
			*o++ = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			*o++ = (char)(0xE0 | cp >> 12);
			*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*o++ = (char)(0x80 | (cp & 0x3F));
		} else {
			*o++ = (char)(0xF0 | cp >> 18);
			*o++ = (char)(0x80 | (cp >> 12 & 0x3F));
			*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*o++ = (char)(0x80 | (cp & 0x3F));
		}
	}
	return (size_t)(o - out);
}

/* --- messages ------------------------------------------------------------------- */

/* Length of the UTF-8 character at s ('\0'-terminated), 0 when malformed. */
static int utf8_len(const unsigned char *s)
{
	int n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0, i;

	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

const char *json_excerpt(char *out, size_t size, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;
	int n;

	while (i < len && o + 8 < size && i < 32) {
		n = u[i] >= 0x20 && u[i] < 0x7F ? 1 : utf8_len(u + i);
		if (n == 0 || i + (size_t)n > len) {
			out[o++] = '?';
			i++;
			continue;
		}
		memcpy(out + o, s + i, (size_t)n);
		o += (size_t)n;
		i += (size_t)n;
	}
	snprintf(out + o, size - o, "%s", i < len ? "..." : "");
	return out;
}

void json_lex_message(const json_lexer *lx, char *buf, size_t size)
{
	const char *at = (const char *)lx->err_at;
	unsigned char c = (unsigned char)at[0];
	char what[48];

	switch (lx->err) {
	case JE_NUMBER:
	case JE_WORD:
		json_excerpt(what, sizeof(what), (const char *)lx->tok, (size_t)(lx->tok_end - lx->tok));
		snprintf(buf, size, lx->err == JE_NUMBER ? "invalid number '%s'" :
			 "invalid literal '%s' (expected true, false or null)", what);
		break;
	case JE_UNTERMINATED:
		snprintf(buf, size, "unterminated string");
		break;
	case JE_COMMENT:
		snprintf(buf, size, "unterminated comment (no closing */)");
		break;
	case JE_CONTROL:
		snprintf(buf, size, "control character U+%04X in a string (write it as an escape)", c);
		break;
	case JE_ESCAPE:
		c = (unsigned char)at[1];
		if (c >= 0x20 && c < 0x7F)
			snprintf(buf, size, "invalid escape '\\%c'", c);
		else
			snprintf(buf, size, "invalid escape: '\\' followed by byte 0x%02X", c);
		break;
	case JE_UESCAPE: {
		/* show the hex digits there are (fewer than four); the input ends in '\0' */
		int n = 2;
		while (n < 5 && isxdigit((unsigned char)at[n]))
			n++;
		snprintf(buf, size, "invalid escape '%.*s' (expected four hex digits after \\u)", n, at);
		break;
	}
	case JE_SURROGATE:
		snprintf(buf, size, "invalid escape '%.6s' (unpaired UTF-16 surrogate)", at);
		break;
	case JE_NUL_ESCAPE:
		snprintf(buf, size, "'\\u0000' is not allowed in a string");
		break;
	case JE_UTF8:
		snprintf(buf, size, "invalid UTF-8 in a string (byte 0x%02X)", c);
		break;
	case JE_CHAR:
	case JE_NONE:
	default:
		if (c >= 0x20 && c < 0x7F)
			snprintf(buf, size, "unexpected character '%c'", c);
		else if (c == 0)
			snprintf(buf, size, "unexpected NUL byte");
		else if (utf8_len(lx->err_at))
			/* typographic quotes pasted from a word processor are the usual case */
			snprintf(buf, size, "unexpected character '%.*s'", utf8_len(lx->err_at), at);
		else
			snprintf(buf, size, "unexpected byte 0x%02X", c);
		break;
	}
}
