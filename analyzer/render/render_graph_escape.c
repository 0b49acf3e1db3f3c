/* render_graph_escape — input strings made safe for plain DOT labels and tooltips (escString). */
#include "render/render_graph_internal.h"

#include <stdint.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at s (1..4) and its code point, or
 * 0 when s does not start one (overlong, surrogate, truncated, > U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07u;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return n;
}

/* Bidirectional overrides and isolates reorder what follows them on screen
 * (the "Trojan Source" trick): shown as escapes, like control characters. */
static int is_bidi_control(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
}

/*
 * Graphviz reads a label through two layers: the DOT lexer (only \" is an
 * escape there, and cgraph 2.43's writer escapes '"' but not '\', so a
 * backslash before a quote or at the end would end the string early) and
 * escString expansion (\N, \G, \E, \T, \H, \L name the object; \n, \l, \r
 * break lines; \\ is a backslash). Doubling every backslash settles both:
 * runs of backslashes are always even, and the label shows what was written.
 * '&' becomes &amp; because Graphviz expands HTML entities in plain labels.
 * Control and bidi characters are shown as visible escapes; invalid UTF-8 as '?'.
 */
void rg_escape(strbuf *sb, const char *s, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t chars = 0, n;
	uint32_t c;

	while (*p) {
		if (max_chars && chars == max_chars) {
			strbuf_addstr(sb, "...");
			return;
		}
		chars++;
		if (!(n = utf8_seq(p, &c))) {
			strbuf_addch(sb, '?');
			p++;
			continue;
		}
		if (c == '\\')
			strbuf_addstr(sb, "\\\\");
		else if (c == '&')
			strbuf_addstr(sb, "&amp;");
		else if (c == '\n')
			strbuf_addstr(sb, "\\\\n");
		else if (c == '\r')
			strbuf_addstr(sb, "\\\\r");
		else if (c == '\t')
			strbuf_addstr(sb, "\\\\t");
		else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
			strbuf_addf(sb, "\\\\x%02x", (unsigned)c);
		else if (is_bidi_control(c))
			strbuf_addf(sb, "\\\\u%04x", (unsigned)c);
		else
			strbuf_add(sb, p, n);
		p += n;
	}
}

const char *rg_last_segment(const char *s)
{
	const char *cut = strrchr(s, '/');

	if (!cut || !cut[1])
		cut = strrchr(s, ':');
	return cut && cut[1] ? cut + 1 : s;
}
