/*
 * strlist — a growable list of heap strings without duplicates, kept in the
 * caller's own fields (char **items; size_t n, cap), as the evaluation
 * results hold their conditions.
 *
 * Ownership: the list owns its strings; strlist_release frees them and the
 * array.
 */
#ifndef PG_STRLIST_H
#define PG_STRLIST_H

#include <stddef.h>

/* Add text, taking ownership of it: freed at once when the list already holds an equal string. */
void strlist_add(char ***items, size_t *n, size_t *cap, char *text);
/* Add the formatted text (see strlist_add). */
void strlist_addf(char ***items, size_t *n, size_t *cap, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Sort the strings in byte order. */
void strlist_sort(char **items, size_t n);
/* Free the strings and the array; the list is empty afterwards. Accepts an empty list. */
void strlist_release(char ***items, size_t *n, size_t *cap);

#endif
