/* json_write — jansson's indented format, streamed. */
#include "render/json_write.h"

#include <stddef.h>

/* Length of the UTF-8 sequence at s (1..4), or 0 when it is not valid UTF-8. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

void jw_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;

	if (!s) {
		fputs("null", out);
		return;
	}
	putc('"', out);
	while (*p) {
		size_t n;
		for (run = p; *p >= 0x20 && *p != '"' && *p != '\\' && (n = utf8_len(p)) > 0; p += n)
			;
		fwrite(run, 1, (size_t)(p - run), out);
		if (!*p)
			break;
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04X", (unsigned)*p);
			else
				fputs("\xef\xbf\xbd", out);   /* not UTF-8 */
		}
		p++;
	}
	putc('"', out);
}

void jw_key(FILE *out, int indent, const char *key)
{
	fprintf(out, "\n%*s", indent, "");
	jw_string(out, key);
	fputs(": ", out);
}

void jw_strings(FILE *out, int indent, const char *const *s, size_t n)
{
	size_t i;

	if (!n) {
		fputs("[]", out);
		return;
	}
	putc('[', out);
	for (i = 0; i < n; i++) {
		fprintf(out, "%s\n%*s", i ? "," : "", indent + 2, "");
		jw_string(out, s[i]);
	}
	fprintf(out, "\n%*s]", indent, "");
}
