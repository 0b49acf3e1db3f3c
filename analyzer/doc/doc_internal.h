/*
 * doc_internal — what doc.c, doc_json.c and doc_yaml.c share; not for other
 * modules. The parsers build nodes in the doc's arena with positions relative
 * to the buffer they were given.
 */
#ifndef PG_DOC_INTERNAL_H
#define PG_DOC_INTERNAL_H

#include "base/arena.h"
#include "doc/doc.h"

struct doc {
	arena arena;
	const doc_node *root;
	const char *file;       /* in the arena */
	const char *src;        /* the whole input, in the arena */
	size_t src_len;
	doc_syntax syntax;
};

doc_node *doc_node_new(doc *d, doc_type type, unsigned line, unsigned col, size_t offset);
/* Give a scalar node its text (copied into the arena). */
void doc_node_set_text(doc *d, doc_node *n, const char *s, size_t len);

/* Column of byte offset `at` counted in characters from `from` (UTF-8 aware). */
unsigned doc_count_chars(const char *from, const char *at);

int doc_json_parse(doc *d, const char *name, const char *buf, size_t len, doc_node **out, diag *dg);
int doc_yaml_parse(doc *d, const char *name, const char *buf, size_t len, doc_node **out, diag *dg);

#endif
