/*
 * ptrmap — a hash map from pointers (usually interned strings) to pointers.
 *
 * Keys compare by address, which is what interning buys. Ownership: the map
 * owns its slot array only; keys and values are borrowed.
 */
#ifndef PG_PTRMAP_H
#define PG_PTRMAP_H

#include <stddef.h>

typedef struct ptrmap {
	const void **keys;
	void **values;
	size_t cap, count;
} ptrmap;

#define PTRMAP_INIT { NULL, NULL, 0, 0 }

void ptrmap_init(ptrmap *m);
void ptrmap_release(ptrmap *m);
void *ptrmap_get(const ptrmap *m, const void *key);
/* Insert or replace. */
void ptrmap_put(ptrmap *m, const void *key, void *value);

#endif
