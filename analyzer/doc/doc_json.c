/*
 * doc_json — JSON straight into doc nodes, with positions.
 *
 * The lexer (grammars/json.re) validates every token and tracks line and
 * character column; this file is the parser: an explicit stack instead of
 * recursion (so nesting costs no C stack), pending children on one shared
 * vector until their container closes (then copied, exactly sized, into the
 * arena), duplicate keys rejected as they arrive. Strings are decoded straight
 * into the arena: packed (no per-string rounding) and, when short, shared
 * through a small cache, because an export repeats the same keys and values
 * hundreds of thousands of times. Accepts what jansson's json_loadb accepted
 * with JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, except that numbers are never
 * out of range (their text is kept as written) and a leading BOM is skipped.
 */
#include "doc/doc_internal.h"
#include "base/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DUP_LINEAR 16          /* objects up to this many keys check duplicates by scanning */
#define INTERN_MAX 48          /* strings longer than this are seldom repeated (ids, ARNs) */
#define POOL_CHUNK (64 * 1024 - 64)
#define POOL_BIG (POOL_CHUNK / 8)

typedef struct frame {
	doc_node *node;
	size_t base;           /* where its children start on the pending vector */
	doc_node **dup;        /* objects past DUP_LINEAR keys: open-addressing set of keys */
	size_t dup_cap;        /* slots in use in dup (a power of two), 0 while scanning */
	size_t dup_alloc;      /* slots allocated, kept for the next object this deep */
} frame;

typedef struct intern_slot {
	const char *s;
	uint32_t len, hash;
} intern_slot;

typedef struct parser {
	doc *d;
	const char *name, *buf;
	diag *dg;
	json_lexer lx;
	doc_node **pend;       /* children of the open containers; objects push key, value */
	size_t npend, cap;
	frame frames[DOC_MAX_DEPTH];
	unsigned depth;
	char *pool, *pool_end; /* packed string space inside the arena */
	intern_slot *intern;   /* direct-mapped: a hit shares the text, a miss replaces */
	uint32_t intern_mask;
} parser;

/* --- strings ----------------------------------------------------------------- */

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ len, w;

	/* eight bytes at a time: keys and values are short, this runs for every one */
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9u;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w) * 0x94D049BB133111EBu;
	return (uint32_t)(h ^ h >> 32);
}

/* Room for n bytes of text; pool_commit says how many were used. */
static char *pool_reserve(parser *p, size_t n)
{
#ifndef PG_ARENA_MALLOC
	if ((size_t)(p->pool_end - p->pool) >= n)
		return p->pool;
	if (n <= POOL_BIG) {
		p->pool = arena_alloc(&p->d->arena, POOL_CHUNK);
		p->pool_end = p->pool + POOL_CHUNK;
		return p->pool;
	}
#endif
	/* sanitizer builds give every string its own block, so overflows show */
	return arena_alloc(&p->d->arena, n);
}

static void pool_commit(parser *p, const char *s, size_t used)
{
	/* s is the pool only if it lies inside the current chunk; a chunk used up to
	 * its end could share its end address with the start of a big string's block */
	if (s == p->pool && (size_t)(p->pool_end - p->pool) >= used)
		p->pool += used;
}

/* Give n the text of the token [s, s + len), decoding escapes; short texts are shared. */
static void set_text(parser *p, doc_node *n, const char *s, size_t len, int escaped)
{
	char *t = pool_reserve(p, len + 1);
	intern_slot *slot;
	uint32_t h;

	if (escaped)
		len = json_unescape(s, len, t);
	else
		memcpy(t, s, len);
	t[len] = '\0';
	n->len = len;
	n->str = t;
	if (len > INTERN_MAX) {
		pool_commit(p, t, len + 1);
		return;
	}
	h = hash_bytes(t, len);
	slot = &p->intern[h & p->intern_mask];
	if (slot->s && slot->hash == h && slot->len == len && !memcmp(slot->s, t, len)) {
		n->str = slot->s; /* t was only reserved: the pool space is reused */
		return;
	}
	pool_commit(p, t, len + 1);
	slot->s = t;
	slot->len = (uint32_t)len;
	slot->hash = h;
}

/* --- errors -------------------------------------------------------------------- */

static int fail(parser *p, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(parser *p, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag_set(p->dg, p->name, line, col, "invalid JSON: %s", msg);
}

static int lex_error(parser *p)
{
	char msg[160];

	json_lex_message(&p->lx, msg, sizeof(msg));
	return fail(p, p->lx.err_line, p->lx.err_col, "%s", msg);
}

static const char *tok_name(json_tok t)
{
	static const char *const names[] = {
		"end of input", "'{'", "'}'", "'['", "']'", "':'", "','",
		"a string", "a number", "'true'", "'false'", "'null'", "an error"
	};
	return names[t];
}

/* The token t is not what the grammar allows here (the lexer's own error comes first). */
static int unexpected(parser *p, json_tok t, const char *expected)
{
	if (t == JT_ERROR)
		return lex_error(p);
	return fail(p, p->lx.tok_line, p->lx.tok_col, "expected %s, found %s", expected, tok_name(t));
}

/* --- building ------------------------------------------------------------------ */

static doc_node *node_here(parser *p, doc_type type)
{
	return doc_node_new(p->d, type, p->lx.tok_line, p->lx.tok_col, (size_t)((const char *)p->lx.tok - p->buf));
}

static void push(parser *p, doc_node *n)
{
	if (p->npend == p->cap) {
		p->cap *= 2;
		p->pend = xrealloc(p->pend, p->cap * sizeof(*p->pend));
	}
	p->pend[p->npend++] = n;
}

static int same_key(const doc_node *a, const doc_node *b)
{
	return a->str == b->str || (a->len == b->len && !memcmp(a->str, b->str, a->len));
}

/* Put key k in f's set; returns the equal key already there, or NULL. */
static const doc_node *dup_insert(frame *f, const doc_node *k, uint32_t h)
{
	size_t i;

	for (i = h & (f->dup_cap - 1); f->dup[i]; i = (i + 1) & (f->dup_cap - 1))
		if (same_key(f->dup[i], k))
			return f->dup[i];
	f->dup[i] = (doc_node *)k;
	return NULL;
}

/* (Re)build f's set at a size that keeps it at most half full for nkeys + 1 keys. */
static void dup_build(parser *p, frame *f, size_t nkeys)
{
	size_t cap = 64, i;

	while (cap < 2 * (nkeys + 1))
		cap *= 2;
	if (cap > f->dup_alloc) {
		free(f->dup);
		f->dup = xmalloc(cap * sizeof(*f->dup));
		f->dup_alloc = cap;
	}
	f->dup_cap = cap;
	memset(f->dup, 0, cap * sizeof(*f->dup));
	for (i = 0; i < nkeys; i++) {
		const doc_node *k = p->pend[f->base + 2 * i];
		dup_insert(f, k, hash_bytes(k->str, k->len));
	}
}

/* Read the key token into a node; NULL (with the error set) when it repeats an earlier key. */
static doc_node *object_key(parser *p, frame *f)
{
	doc_node *k = node_here(p, DOC_STRING);
	size_t nkeys = (p->npend - f->base) / 2, i;
	const doc_node *prev = NULL;

	set_text(p, k, (const char *)p->lx.tok + 1, (size_t)(p->lx.tok_end - p->lx.tok) - 2, p->lx.escaped);
	if (nkeys < DUP_LINEAR) {
		for (i = 0; i < nkeys && !prev; i++)
			if (same_key(p->pend[f->base + 2 * i], k))
				prev = p->pend[f->base + 2 * i];
	} else {
		/* a big object: a hash set, built when it passes DUP_LINEAR keys */
		if (f->dup_cap < 2 * (nkeys + 1))
			dup_build(p, f, nkeys);
		prev = dup_insert(f, k, hash_bytes(k->str, k->len));
	}
	if (prev) {
		char what[48];
		fail(p, k->line, k->col, "duplicate object key '%s'", json_excerpt(what, sizeof(what), k->str, k->len));
		return NULL;
	}
	return k;
}

/* Close the innermost container: its pending children become its exactly sized arrays. */
static doc_node *close_container(parser *p)
{
	frame *f = &p->frames[--p->depth];
	doc_node *n = f->node, **kids = p->pend + f->base;
	size_t count = p->npend - f->base, i;

	if (n->type == DOC_OBJECT) {
		n->len = count / 2;
		n->keys = ARENA_ARRAY(&p->d->arena, doc_node *, n->len);
		n->items = ARENA_ARRAY(&p->d->arena, doc_node *, n->len);
		for (i = 0; i < n->len; i++) {
			n->keys[i] = kids[2 * i];
			n->items[i] = kids[2 * i + 1];
		}
	} else {
		n->len = count;
		n->items = ARENA_ARRAY(&p->d->arena, doc_node *, count);
		if (count)
			memcpy(n->items, kids, count * sizeof(*kids));
	}
	f->dup_cap = 0;
	p->npend = f->base;
	return n;
}

/* --- the grammar --------------------------------------------------------------- */

/* What may follow, for messages: where a value is expected and what else would do. */
static const char *const value_ctx[] = {
	"a value", "a value or ']'", "a value after ','", "a value after ':'"
};
enum { AT_TOP, AT_FIRST_ITEM, AT_NEXT_ITEM, AT_MEMBER };

static int parse(parser *p, doc_node **out)
{
	json_tok t = json_lex(&p->lx);
	int ctx = AT_TOP;
	doc_node *v, *k;
	frame *f;

	for (;;) {
		/* t starts a value */
		switch (t) {
		case JT_LBRACE:
		case JT_LBRACKET:
			if (p->depth == DOC_MAX_DEPTH)
				return diag_set(p->dg, p->name, p->lx.tok_line, p->lx.tok_col,
						"nesting deeper than %d levels", DOC_MAX_DEPTH);
			f = &p->frames[p->depth++];
			f->node = node_here(p, t == JT_LBRACE ? DOC_OBJECT : DOC_ARRAY);
			f->base = p->npend;
			f->dup_cap = 0;
			if (t == JT_LBRACKET) {
				t = json_lex(&p->lx);
				if (t != JT_RBRACKET) {
					ctx = AT_FIRST_ITEM;
					continue;
				}
			} else {
				t = json_lex(&p->lx);
				if (t == JT_STRING)
					goto key;
				if (t != JT_RBRACE)
					return unexpected(p, t, "a string key or '}'");
			}
			v = close_container(p);
			break;
		case JT_STRING:
			v = node_here(p, DOC_STRING);
			set_text(p, v, (const char *)p->lx.tok + 1, (size_t)(p->lx.tok_end - p->lx.tok) - 2,
				 p->lx.escaped);
			break;
		case JT_NUMBER:
			/* kept as written: "1e3" stays "1e3" */
			v = node_here(p, DOC_NUMBER);
			set_text(p, v, (const char *)p->lx.tok, (size_t)(p->lx.tok_end - p->lx.tok), 0);
			break;
		case JT_TRUE:
		case JT_FALSE:
			v = node_here(p, DOC_BOOL);
			v->str = t == JT_TRUE ? "true" : "false";
			v->len = t == JT_TRUE ? 4 : 5;
			break;
		case JT_NULL:
			v = node_here(p, DOC_NULL);
			v->str = "null";
			v->len = 4;
			break;
		default:
			if (ctx == AT_NEXT_ITEM && t == JT_RBRACKET)
				return fail(p, p->lx.tok_line, p->lx.tok_col, "trailing comma before ']'");
			return unexpected(p, t, value_ctx[ctx]);
		}
		t = json_lex(&p->lx);

		/* v is complete; t follows it: close containers until one continues */
		for (;;) {
			if (!p->depth) {
				if (t != JT_EOF)
					return unexpected(p, t, "end of input after the top-level value");
				*out = v;
				return 0;
			}
			push(p, v);
			f = &p->frames[p->depth - 1];
			if (t == JT_COMMA)
				break;
			if (t != (f->node->type == DOC_OBJECT ? JT_RBRACE : JT_RBRACKET))
				return unexpected(p, t, f->node->type == DOC_OBJECT ?
						  "',' or '}' after an object member" : "',' or ']' after an array element");
			v = close_container(p);
			t = json_lex(&p->lx);
		}
		t = json_lex(&p->lx);
		if (f->node->type == DOC_ARRAY) {
			ctx = AT_NEXT_ITEM;
			continue;
		}
		if (t == JT_RBRACE)
			return fail(p, p->lx.tok_line, p->lx.tok_col, "trailing comma before '}'");
		if (t != JT_STRING)
			return unexpected(p, t, "a string key after ','");
key:
		f = &p->frames[p->depth - 1];
		if (!(k = object_key(p, f)))
			return PG_EINPUT;
		push(p, k);
		t = json_lex(&p->lx);
		if (t != JT_COLON)
			return unexpected(p, t, "':' after an object key");
		t = json_lex(&p->lx);
		ctx = AT_MEMBER;
	}
}

int doc_json_parse(doc *d, const char *name, const char *buf, size_t len, doc_node **out, diag *dg)
{
	parser *p = xcalloc(1, sizeof(*p));
	size_t slots = 64;
	unsigned i;
	int err;

	p->d = d;
	p->name = name;
	p->buf = buf;
	p->dg = dg;
	json_lex_init(&p->lx, buf, len);
	/* about one cache slot per 64 bytes of input, within 64..4096 */
	while (slots < 4096 && slots * 64 < len)
		slots *= 2;
	p->intern = xcalloc(slots, sizeof(*p->intern));
	p->intern_mask = (uint32_t)(slots - 1);
	p->cap = 64;
	p->pend = xmalloc(p->cap * sizeof(*p->pend));
	*out = NULL;
	err = parse(p, out);
	for (i = 0; i < DOC_MAX_DEPTH; i++)
		free(p->frames[i].dup);
	free(p->intern);
	free(p->pend);
	free(p);
	return err;
}
