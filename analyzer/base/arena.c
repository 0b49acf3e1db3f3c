/* arena — bump allocation, released at once. */
#include "base/arena.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_SIZE (64 * 1024)
#define ARENA_ALIGN 16

struct arena_block {
	struct arena_block *next;
	size_t size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void arena_init(arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void arena_release(arena *a)
{
	struct arena_block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	arena_init(a);
}

static struct arena_block *new_block(size_t size)
{
	struct arena_block *b = xmalloc(sizeof(*b) + size);
	b->size = size;
	b->next = NULL;
	return b;
}

void *arena_alloc(arena *a, size_t size)
{
	struct arena_block *b;
#ifndef PG_ARENA_MALLOC
	void *p;
#endif

	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (!size)
		size = ARENA_ALIGN;
	a->total += size;
#ifdef PG_ARENA_MALLOC
	b = new_block(size);
	b->next = a->head;
	a->head = b;
	a->used = size;
	memset(b->data, 0, size);
	return b->data;
#else
	if (size > ARENA_BLOCK_SIZE / 4) {
		/* big objects get a block of their own behind the head */
		b = new_block(size);
		if (a->head) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			a->head = b;
			a->used = size;
		}
		memset(b->data, 0, size);
		return b->data;
	}
	if (!a->head || a->used + size > a->head->size) {
		b = new_block(ARENA_BLOCK_SIZE);
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	p = a->head->data + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
#endif
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_memdup(arena *a, const void *src, size_t n, size_t elem)
{
	void *p;

	if (!n)
		return NULL;
	p = arena_alloc(a, n * elem);
	memcpy(p, src, n * elem);
	return p;
}
