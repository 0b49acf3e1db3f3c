/* strci — ASCII case-insensitive comparison and searches (see strci.h). */
#include "base/strci.h"

#include <string.h>
#include <strings.h>

int strci_cmp(const char *a, const char *b)
{
	int ca, cb;

	for (;; a++, b++) {
		ca = strci_lower((unsigned char)*a);
		cb = strci_lower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

int strci_prefix_cmp(const char *name, const char *p, size_t len)
{
	size_t k;
	int c;

	for (k = 0; k < len; k++) {
		c = strci_lower((unsigned char)name[k]) - strci_lower((unsigned char)p[k]);
		if (c || !name[k])
			return c ? c : -1;
	}
	return 0;
}

const char *strci_str(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; s && *s; s++)
		if (!strncasecmp(s, needle, n))
			return s;
	return NULL;
}

long strci_find(const char *key, size_t lo, size_t hi, strci_at_fn *at, const void *ctx)
{
	size_t m;
	int c;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		c = strci_cmp(key, at(m, ctx));
		if (c == 0)
			return (long)m;
		if (c < 0)
			hi = m;
		else
			lo = m + 1;
	}
	return -1;
}

void strci_prefix_range(const char *p, size_t len, size_t *lo, size_t *hi, strci_at_fn *at, const void *ctx)
{
	size_t a = *lo, b = *hi, m;

	while (a < b) {                 /* first name >= p */
		m = a + (b - a) / 2;
		if (strci_prefix_cmp(at(m, ctx), p, len) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = *hi;
	while (a < b) {                 /* first name > p */
		m = a + (b - a) / 2;
		if (strci_prefix_cmp(at(m, ctx), p, len) <= 0)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}
