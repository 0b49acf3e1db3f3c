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
	const char *src;        /* the whole input: in the arena, or heap_src */
	char *heap_src;         /* the file buffer doc_load_file handed over, or NULL */
	size_t src_len;
	doc_syntax syntax;
};

doc_node *doc_node_new(doc *d, doc_type type, unsigned line, unsigned col, size_t offset);
/* Give a scalar node its text (copied into the arena). */
void doc_node_set_text(doc *d, doc_node *n, const char *s, size_t len);

/* Column of byte offset `at` counted in characters from `from` (UTF-8 aware). */
unsigned doc_count_chars(const char *from, const char *at);

/* buf[len] must be '\0' (the lexer stops on it); both callers hand in arena or strbuf text. */
int doc_json_parse(doc *d, const char *name, const char *buf, size_t len, doc_node **out, diag *dg);
int doc_yaml_parse(doc *d, const char *name, const char *buf, size_t len, doc_node **out, diag *dg);

/*
 * The JSON lexer (grammars/json.re) under doc_json.c. It validates tokens
 * completely (numbers per RFC 8259, strings: escapes, surrogate pairs, UTF-8)
 * and keeps line and character column as it goes, so positions cost O(1) per
 * token however long the line. It never allocates; doc_json.c decodes strings.
 */
typedef enum {
	JT_EOF, JT_LBRACE, JT_RBRACE, JT_LBRACKET, JT_RBRACKET, JT_COLON, JT_COMMA,
	JT_STRING, JT_NUMBER, JT_TRUE, JT_FALSE, JT_NULL, JT_ERROR
} json_tok;

typedef enum {
	JE_NONE,
	JE_CHAR,            /* a byte that starts no token */
	JE_NUMBER,          /* a malformed number: "01", "1.", "-", "1e" */
	JE_WORD,            /* a word other than true, false, null */
	JE_UNTERMINATED,    /* end of input inside a string (placed at its quote) */
	JE_CONTROL,         /* a raw control character in a string */
	JE_ESCAPE,          /* backslash followed by something that is no escape */
	JE_UESCAPE,         /* \u without four hex digits */
	JE_SURROGATE,       /* \uD800-\uDFFF not part of a high-low pair */
	JE_NUL_ESCAPE,      /* \u0000 */
	JE_UTF8,            /* invalid UTF-8 in a string */
	JE_COMMENT          /* end of input inside a block comment (placed at its start) */
} json_err;

typedef struct json_lexer {
	const unsigned char *cur;        /* next byte to read */
	const unsigned char *lim;        /* the terminating '\0' */
	const unsigned char *line_start;
	unsigned line;
	size_t cont;                     /* UTF-8 continuation bytes in [line_start, cur) */
	/* the token just read: [tok, tok_end), at tok_line:tok_col */
	const unsigned char *tok, *tok_end;
	unsigned tok_line, tok_col;
	int escaped;                     /* JT_STRING: the string holds escapes */
	/* JT_ERROR: what and where (err_at is the offending byte) */
	json_err err;
	const unsigned char *err_at;
	unsigned err_line, err_col;
} json_lexer;

/* Start lexing buf[0, len) (buf[len] == '\0'); a leading UTF-8 BOM is skipped. */
void json_lex_init(json_lexer *lx, const char *buf, size_t len);
/* Read the next token. After JT_EOF or JT_ERROR, the lexer must not be called again. */
json_tok json_lex(json_lexer *lx);
/* Decode the body of a string token json_lex accepted (between its quotes) into
 * out, which has room for len bytes; returns the decoded length (at most len). */
size_t json_unescape(const char *s, size_t len, char *out);
/* After JT_ERROR: what went wrong, for a message ("invalid escape '\\x'"). */
void json_lex_message(const json_lexer *lx, char *buf, size_t size);
/* At most 32 bytes of s for a message, bytes that are neither printable ASCII nor
 * whole UTF-8 characters shown as '?', "..." when cut; out needs 48 bytes. */
const char *json_excerpt(char *out, size_t size, const char *s, size_t len);

#endif
