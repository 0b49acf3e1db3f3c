/*
 * arena — a bump allocator whose memory is freed all at once.
 *
 * The model, the document trees and the graph allocate from arenas, so a whole
 * analysis is released with one arena_release(). Memory from arena_alloc is
 * zeroed and aligned for any type. Ownership: the arena owns every block it
 * hands out; pointers stay valid until arena_release.
 *
 * Built with -DPG_ARENA_MALLOC (the sanitizer build does this), every
 * allocation is a separate malloc so AddressSanitizer sees overflows.
 */
#ifndef PG_ARENA_H
#define PG_ARENA_H

#include <stddef.h>

struct arena_block;

typedef struct arena {
	struct arena_block *head;
	size_t used;        /* bytes used in head */
	size_t total;       /* bytes handed out, for statistics */
} arena;

#define ARENA_INIT { NULL, 0, 0 }

void arena_init(arena *a);
void arena_release(arena *a);

void *arena_alloc(arena *a, size_t size);
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* Copy n elements of size elem into the arena; NULL when n is 0. */
void *arena_memdup(arena *a, const void *src, size_t n, size_t elem);

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (n)))

#endif
