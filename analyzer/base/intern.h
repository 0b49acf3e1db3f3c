/*
 * intern — a string table that gives each distinct string one address.
 *
 * ARNs, actions, ids and keys are interned so that equality is a pointer
 * compare. Ownership: the table owns the interned copies (in its arena); they
 * stay valid until intern_release. intern_lower interns the ASCII-lowercased
 * form, for names compared case-insensitively (IAM actions, condition keys).
 */
#ifndef PG_INTERN_H
#define PG_INTERN_H

#include <stddef.h>
#include "base/arena.h"

typedef struct intern_table {
	arena strings;
	const char **slots;
	size_t *hashes;     /* the full hash of each slot's string: probes compare it first */
	size_t cap;         /* power of two */
	size_t count;
} intern_table;

void intern_init(intern_table *t);
void intern_release(intern_table *t);

const char *intern_n(intern_table *t, const char *s, size_t len);
const char *intern(intern_table *t, const char *s);
const char *intern_lower(intern_table *t, const char *s);
/* The interned string equal to s, or NULL when s was never interned. */
const char *intern_find(const intern_table *t, const char *s);

/* FNV-1a over len bytes; exposed for tables keyed by interned strings. */
size_t intern_hash(const char *s, size_t len);

#endif
