/* policyvar — policy-variable scanner (re2c) and expansion; see eval/policyvar.h. */
#include "eval/policyvar.h"

#include <stddef.h>

enum pv_mode { PV_MODE_TEXT, PV_MODE_PATTERN, PV_MODE_DETECT };

/* Append len bytes; in pattern mode make them literal for the escaped glob. */
static void emit(strbuf *out, enum pv_mode mode, const char *p, size_t len, int literal)
{
	size_t i;

	if (mode == PV_MODE_DETECT)
		return;
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (mode == PV_MODE_PATTERN && (c == '\\' || (literal && (c == '*' || c == '?'))))
			strbuf_addch(out, '\\');
		strbuf_addch(out, c);
	}
}

/* Settle one variable; returns its status and writes its expansion. */
static pv_status variable(const char *k0, const char *k1, const char *d0, const char *d1,
			  const char *whole, const char *end, pv_lookup_fn lookup, void *ctx,
			  strbuf *out, enum pv_mode mode)
{
	strbuf key = STRBUF_INIT;
	const char *value = NULL;
	pv_status st = PV_UNKNOWN;

	while (k1 > k0 && (k1[-1] == ' ' || k1[-1] == '\t'))
		k1--;  /* the key rule takes trailing blanks; they are not part of the key */
	if (lookup) {
		strbuf_add(&key, k0, (size_t)(k1 - k0));
		st = lookup(ctx, key.buf, &value);
		strbuf_release(&key);
		if (st == PV_KNOWN && !value)
			st = PV_UNKNOWN;
	}
	if (st == PV_ABSENT && d0) {
		st = PV_KNOWN;
		emit(out, mode, d0, (size_t)(d1 - d0), 1);
	} else if (st == PV_KNOWN) {
		for (; *value; value++)
			emit(out, mode, value, 1, 1);
	} else if (st == PV_UNKNOWN) {
		if (mode == PV_MODE_PATTERN)
			strbuf_addch(out, '*');
		else
			emit(out, mode, whole, (size_t)(end - whole), 0);
	}
	return st;
}

static pv_status scan(const char *s, pv_lookup_fn lookup, void *ctx, strbuf *out,
		      enum pv_mode mode, int *found)
{
	const unsigned char *YYCURSOR = (const unsigned char *)s;
	const unsigned char *YYMARKER;
	const unsigned char *tok, *k0, *k1, *d0, *d1;
	pv_status result = PV_KNOWN, st = PV_KNOWN;
	/*!stags:re2c format = 'const unsigned char *@@;\n'; */

	if (out)
		strbuf_reset(out);
	*found = 0;
	for (;;) {
		tok = YYCURSOR;
		/*!re2c
		re2c:define:YYCTYPE = "unsigned char";
		re2c:yyfill:enable = 0;
		re2c:tags = 1;

		ws = [ \t]*;
		keych = [A-Za-z0-9_.:/@+=\x80-\xff-];
		key = keych [ \tA-Za-z0-9_.:/@+=\x80-\xff-]*;

		"${" [*?$] "}" {
			(*found)++;
			emit(out, mode, (const char *)tok + 2, 1, 1);
			continue;
		}
		"${" ws @k0 key @k1 "}" {
			(*found)++;
			if (mode == PV_MODE_DETECT)
				continue;
			st = variable((const char *)k0, (const char *)k1, NULL, NULL,
				      (const char *)tok, (const char *)YYCURSOR, lookup, ctx, out, mode);
			goto settle;
		}
		"${" ws @k0 key @k1 "," ws "'" @d0 [^'\x00]* @d1 "'" ws "}" {
			(*found)++;
			if (mode == PV_MODE_DETECT)
				continue;
			st = variable((const char *)k0, (const char *)k1, (const char *)d0,
				      (const char *)d1, (const char *)tok, (const char *)YYCURSOR,
				      lookup, ctx, out, mode);
			goto settle;
		}
		"\x00" { return result; }
		[^\x00] {
			emit(out, mode, (const char *)tok, 1, 0);
			continue;
		}
		*/
settle:
		if (st == PV_ABSENT)
			return PV_ABSENT;
		if (st == PV_UNKNOWN)
			result = PV_UNKNOWN;
	}
}

pv_status policyvar_expand(const char *s, pv_lookup_fn lookup, void *ctx, strbuf *out)
{
	int found;

	return scan(s, lookup, ctx, out, PV_MODE_TEXT, &found);
}

pv_status policyvar_expand_pattern(const char *s, pv_lookup_fn lookup, void *ctx, strbuf *out)
{
	int found;

	return scan(s, lookup, ctx, out, PV_MODE_PATTERN, &found);
}

int policyvar_has_vars(const char *s)
{
	int found;

	scan(s, NULL, NULL, NULL, PV_MODE_DETECT, &found);
	return found > 0;
}
