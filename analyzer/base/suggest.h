/*
 * suggest — "did you mean": the closest known name to a misspelt one.
 *
 * Distances are Levenshtein, ASCII case-insensitive, and bounded so a hostile
 * input costs nothing: names longer than SUGGEST_MAX_LEN are never close.
 * Ownership: borrows everything, allocates nothing.
 */
#ifndef PG_SUGGEST_H
#define PG_SUGGEST_H

#include <stddef.h>

#define SUGGEST_MAX_LEN 128

/* Edit distance of a[0..la) and b[0..lb); SIZE_MAX past SUGGEST_MAX_LEN. */
size_t suggest_distance(const char *a, size_t la, const char *b, size_t lb);
/* The first of the NULL-terminated candidates at a distance below max_distance
 * from word (the closest; the earlier one on a tie), or NULL. */
const char *suggest_closest(const char *word, const char *const *cands, size_t max_distance);

#endif
