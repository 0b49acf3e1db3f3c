/*
 * strci — ASCII case-insensitive strings: comparison, search in a text, and
 * binary search over tables sorted by lowercase name in byte order (the
 * generated AWS and Azure catalogues), folding case on the fly so no table
 * needs a lowercase copy of its names.
 *
 * A table is named by `at(i, ctx)`, the name of entry i. Ownership: borrows
 * everything, allocates nothing.
 */
#ifndef PG_STRCI_H
#define PG_STRCI_H

#include <stddef.h>

static inline int strci_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* a and b compared as lowercase byte strings (<0, 0, >0). */
int strci_cmp(const char *a, const char *b);

/* The first len characters of name compared with p[0..len), ignoring case;
 * a name shorter than p compares less. */
int strci_prefix_cmp(const char *name, const char *p, size_t len);

/* The first occurrence of needle in s, ignoring case; NULL when none (or s is NULL). */
const char *strci_str(const char *s, const char *needle);

typedef const char *strci_at_fn(size_t i, const void *ctx);

/* The index in [lo, hi) of the entry named key (any case), or -1. */
long strci_find(const char *key, size_t lo, size_t hi, strci_at_fn *at, const void *ctx);

/* Narrow [*lo, *hi) to the entries whose names start with p[0..len) (any case). */
void strci_prefix_range(const char *p, size_t len, size_t *lo, size_t *hi, strci_at_fn *at, const void *ctx);

#endif
