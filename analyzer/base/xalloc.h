/*
 * xalloc — allocation that never returns NULL.
 *
 * permgraph treats out-of-memory as fatal: these wrappers print one line and
 * abort, so no caller has to handle a NULL from malloc.
 */
#ifndef PG_XALLOC_H
#define PG_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

/* Grow *arr (of elements of size elem) so that it holds at least need elements. */
void xgrow(void **arr, size_t *cap, size_t need, size_t elem);

#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
