/*
 * doc — one read-only document tree over JSON (own re2c lexer) and YAML (libyaml).
 *
 * Every node keeps the file, line and column where it starts (1-based), so a
 * finding or an error can point at the statement that caused it. Objects keep
 * their keys in document order. Scalars keep their text: a JSON number 10
 * reads as "10", true as "true"; YAML plain scalars are resolved to null, bool
 * and number by the YAML 1.1 core rules, quoted ones are strings.
 *
 * Limits protect against hostile input: nesting depth (DOC_MAX_DEPTH), file
 * size (DOC_MAX_FILE), and YAML alias expansion (DOC_MAX_NODES nodes after
 * expanding aliases) — past them, loading fails with a placed diagnostic.
 *
 * Ownership: a doc owns every node, string and file name in it (one arena);
 * they stay valid until doc_free. doc_parse_embedded allocates into the host
 * doc, so embedded trees live as long as their host.
 */
#ifndef PG_DOC_H
#define PG_DOC_H

#include <stddef.h>
#include "base/diag.h"

#define DOC_MAX_DEPTH 256
#define DOC_MAX_FILE ((size_t)1 << 30)
#define DOC_MAX_NODES ((size_t)20 * 1000 * 1000)

typedef enum { DOC_NULL, DOC_BOOL, DOC_NUMBER, DOC_STRING, DOC_ARRAY, DOC_OBJECT } doc_type;

typedef enum { DOC_FMT_AUTO, DOC_FMT_JSON, DOC_FMT_YAML } doc_syntax;

typedef struct doc_node doc_node;
struct doc_node {
	doc_type type;
	unsigned line, col;
	const char *file;
	const char *str;        /* scalars: the text, NUL-terminated; NULL for containers */
	size_t len;             /* scalars: strlen(str); containers: number of children */
	doc_node **items;       /* arrays and objects: the values */
	doc_node **keys;        /* objects: the keys (DOC_STRING nodes), parallel to items */
	size_t offset;          /* byte offset of the node in its source; DOC_OFFSET_MAPPED in embedded documents */
};

#define DOC_OFFSET_MAPPED ((size_t)-1)

typedef struct doc doc;

/* Load a file, detecting JSON or YAML from its content unless syntax says. */
int doc_load_file(doc **out, const char *path, doc_syntax syntax, diag *d);
/* Load from memory; name is used in positions. */
int doc_load_buffer(doc **out, const char *name, const char *buf, size_t len, doc_syntax syntax, diag *d);
void doc_free(doc *doc);

const doc_node *doc_root(const doc *doc);
/* The syntax the document was read as. */
doc_syntax doc_syntax_of(const doc *doc);

/*
 * Parse a JSON (or YAML) document held in a string node — AWS puts policy
 * documents in strings, sometimes URL-encoded. Positions of the embedded
 * nodes are mapped into the host file: exact when the string has no escapes
 * (line and column offsets from the string's opening quote), the string's own
 * position otherwise. The result lives in host's arena.
 */
int doc_parse_embedded(doc *host, const doc_node *str, const doc_node **out, diag *d);

/* Object member by key: exact, or ASCII case-insensitive. NULL when missing or n is not an object. */
const doc_node *doc_get(const doc_node *n, const char *key);
const doc_node *doc_get_ci(const doc_node *n, const char *key);
/* Scalar text of member key when it is a string (or number/bool), else NULL. */
const char *doc_get_str(const doc_node *n, const char *key);

int doc_is_scalar(const doc_node *n);
const char *doc_type_name(doc_type t);
/* The type with its article, for messages: "a list", "an object", "null". */
const char *doc_type_phrase(doc_type t);

/* Fill d with "file:line:col: message" placed at node n. Returns PG_EINPUT. */
int doc_error(diag *d, const doc_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
