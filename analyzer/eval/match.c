/* match — iterative glob matching with '*' and '?'. */
#include "eval/match.h"

#include <string.h>

static unsigned char fold(unsigned char c, unsigned flags)
{
	if ((flags & MATCH_ICASE) && c >= 'A' && c <= 'Z')
		return (unsigned char)(c - 'A' + 'a');
	return c;
}

/*
 * Read the pattern token at p[*i]: returns '*' or '?' for a wildcard (with
 * *lit = 0), or the literal byte (with *lit = 1). Advances *i.
 */
static unsigned char next_token(const char *p, size_t n, size_t *i, unsigned flags, int *lit)
{
	unsigned char c = (unsigned char)p[*i];

	(*i)++;
	if ((flags & MATCH_ESCAPED) && c == '\\' && *i < n) {
		c = (unsigned char)p[*i];
		(*i)++;
		*lit = 1;
		return c;
	}
	*lit = !(c == '*' || c == '?');
	return c;
}

int match_glob_n(const char *p, size_t pn, const char *s, size_t sn, unsigned flags)
{
	size_t pi = 0, si = 0;
	size_t star_p = 0, star_s = 0;
	int have_star = 0;

	while (si < sn) {
		if (pi < pn) {
			size_t next = pi;
			int lit;
			unsigned char c = next_token(p, pn, &next, flags, &lit);

			if (!lit && c == '*') {
				have_star = 1;
				star_p = next;
				star_s = si;
				pi = next;
				continue;
			}
			if ((!lit && c == '?') ||
			    (lit && fold(c, flags) == fold((unsigned char)s[si], flags))) {
				pi = next;
				si++;
				continue;
			}
		}
		if (!have_star)
			return 0;
		/* let the last star swallow one more character and retry */
		pi = star_p;
		si = ++star_s;
	}
	while (pi < pn) {
		int lit;
		unsigned char c = next_token(p, pn, &pi, flags, &lit);

		if (lit || c != '*')
			return 0;
	}
	return 1;
}

int match_glob(const char *pattern, const char *s, int icase)
{
	return match_glob_n(pattern, strlen(pattern), s, strlen(s), icase ? MATCH_ICASE : 0);
}

int match_glob_escaped(const char *pattern, const char *s, int icase)
{
	return match_glob_n(pattern, strlen(pattern), s, strlen(s),
			    MATCH_ESCAPED | (icase ? MATCH_ICASE : 0));
}

int match_action(const char *pattern, const char *action)
{
	if (pattern[0] == '*' && pattern[1] == '\0')
		return 1;
	return match_glob(pattern, action, 1);
}
