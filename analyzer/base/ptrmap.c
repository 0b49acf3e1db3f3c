/* ptrmap — open addressing on pointer keys. */
#include "base/ptrmap.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>

static size_t hash_ptr(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

void ptrmap_init(ptrmap *m)
{
	m->keys = NULL;
	m->values = NULL;
	m->cap = m->count = 0;
}

void ptrmap_release(ptrmap *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->values);
	ptrmap_init(m);
}

static size_t slot(const ptrmap *m, const void *key)
{
	size_t j = hash_ptr(key) & (m->cap - 1);

	while (m->keys[j] && m->keys[j] != key)
		j = (j + 1) & (m->cap - 1);
	return j;
}

void *ptrmap_get(const ptrmap *m, const void *key)
{
	size_t j;

	if (!m->cap || !key)
		return NULL;
	j = slot(m, key);
	return m->keys[j] ? m->values[j] : NULL;
}

static void grow(ptrmap *m)
{
	ptrmap n;
	size_t i;

	n.cap = m->cap ? m->cap * 2 : 64;
	n.count = 0;
	n.keys = xcalloc(n.cap, sizeof(*n.keys));
	n.values = xcalloc(n.cap, sizeof(*n.values));
	for (i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			size_t j = slot(&n, m->keys[i]);
			n.keys[j] = m->keys[i];
			n.values[j] = m->values[i];
			n.count++;
		}
	free(m->keys);
	free(m->values);
	*m = n;
}

void ptrmap_put(ptrmap *m, const void *key, void *value)
{
	size_t j;

	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	j = slot(m, key);
	if (!m->keys[j]) {
		m->keys[j] = key;
		m->count++;
	}
	m->values[j] = value;
}
