/* intern — open-addressing string table over an arena. */
#include "base/intern.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

size_t intern_hash(const char *s, size_t len)
{
	size_t h = (size_t)1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= (size_t)1099511628211ULL;
	}
	return h;
}

void intern_init(intern_table *t)
{
	arena_init(&t->strings);
	t->slots = NULL;
	t->hashes = NULL;
	t->cap = 0;
	t->count = 0;
}

void intern_release(intern_table *t)
{
	if (!t)
		return;
	arena_release(&t->strings);
	free(t->slots);
	free(t->hashes);
	t->slots = NULL;
	t->hashes = NULL;
	t->cap = t->count = 0;
}

static void rehash(intern_table *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 1024;
	const char **slots = xcalloc(ncap, sizeof(*slots));
	size_t *hashes = xcalloc(ncap, sizeof(*hashes));
	size_t i;

	for (i = 0; i < t->cap; i++) {
		size_t j;
		if (!t->slots[i])
			continue;
		j = t->hashes[i] & (ncap - 1);
		while (slots[j])
			j = (j + 1) & (ncap - 1);
		slots[j] = t->slots[i];
		hashes[j] = t->hashes[i];
	}
	free(t->slots);
	free(t->hashes);
	t->slots = slots;
	t->hashes = hashes;
	t->cap = ncap;
}

static size_t lookup(const intern_table *t, const char *s, size_t len, size_t h)
{
	size_t j = h & (t->cap - 1);

	while (t->slots[j]) {
		const char *c = t->slots[j];
		if (t->hashes[j] == h && memcmp(c, s, len) == 0 && c[len] == '\0')
			break;
		j = (j + 1) & (t->cap - 1);
	}
	return j;
}

const char *intern_n(intern_table *t, const char *s, size_t len)
{
	size_t j, h = intern_hash(s, len);

	if ((t->count + 1) * 2 > t->cap)
		rehash(t);
	j = lookup(t, s, len, h);
	if (!t->slots[j]) {
		t->slots[j] = arena_strndup(&t->strings, s, len);
		t->hashes[j] = h;
		t->count++;
	}
	return t->slots[j];
}

const char *intern(intern_table *t, const char *s)
{
	return intern_n(t, s, strlen(s));
}

const char *intern_lower(intern_table *t, const char *s)
{
	char small[256];
	size_t len = strlen(s), i;
	char *buf = len < sizeof(small) ? small : xmalloc(len + 1);
	const char *r;

	for (i = 0; i < len; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[len] = '\0';
	r = intern_n(t, buf, len);
	if (buf != small)
		free(buf);
	return r;
}

const char *intern_find(const intern_table *t, const char *s)
{
	size_t j, len;

	if (!t->cap)
		return NULL;
	len = strlen(s);
	j = lookup(t, s, len, intern_hash(s, len));
	return t->slots[j];
}
