/*
 * doc_json — JSON through jansson, with positions.
 *
 * jansson validates and decodes but keeps no positions, so after it parses we
 * walk its tree and the text side by side: the text tells where each value
 * starts, jansson what it is. Duplicate keys are rejected (JSON_REJECT_DUPLICATES)
 * so the two walks cannot disagree about which member comes next.
 */
#include "doc/doc_internal.h"

#include <jansson.h>
#include <string.h>

typedef struct walker {
	doc *d;
	const char *buf, *p, *end;
	unsigned line;
	const char *line_start;
	const doc_node *too_deep;   /* the first container nested past DOC_MAX_DEPTH */
} walker;

static void skip_ws(walker *w)
{
	while (w->p < w->end) {
		char c = *w->p;
		if (c == '\n') {
			w->line++;
			w->line_start = w->p + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			break;
		}
		w->p++;
	}
}

/* skip whitespace and one structural character if it is c */
static void skip_punct(walker *w, char c)
{
	skip_ws(w);
	if (w->p < w->end && *w->p == c)
		w->p++;
}

static void skip_string(walker *w)
{
	if (w->p < w->end && *w->p == '"')
		w->p++;
	while (w->p < w->end && *w->p != '"') {
		if (*w->p == '\\' && w->p + 1 < w->end)
			w->p++;
		w->p++;
	}
	if (w->p < w->end)
		w->p++;
}

static void skip_scalar(walker *w)
{
	while (w->p < w->end && strchr(",]}: \t\r\n", *w->p) == NULL)
		w->p++;
}

static doc_node *here(walker *w, doc_type type)
{
	return doc_node_new(w->d, type, w->line, doc_count_chars(w->line_start, w->p) + 1,
			    (size_t)(w->p - w->buf));
}

static doc_node *build(walker *w, json_t *v, unsigned depth)
{
	doc_node *n;
	size_t i;

	skip_ws(w);
	if (depth > DOC_MAX_DEPTH && (json_is_object(v) || json_is_array(v))) {
		n = here(w, DOC_NULL);
		if (!w->too_deep)
			w->too_deep = n;
		return n;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *val;
		n = here(w, DOC_OBJECT);
		w->p++; /* { */
		n->len = json_object_size(v);
		n->keys = ARENA_ARRAY(&w->d->arena, doc_node *, n->len);
		n->items = ARENA_ARRAY(&w->d->arena, doc_node *, n->len);
		i = 0;
		json_object_foreach(v, key, val) {
			doc_node *k;
			skip_ws(w);
			k = here(w, DOC_STRING);
			doc_node_set_text(w->d, k, key, strlen(key));
			skip_string(w);
			skip_punct(w, ':');
			n->keys[i] = k;
			n->items[i] = build(w, val, depth + 1);
			skip_punct(w, ',');
			i++;
		}
		skip_punct(w, '}');
		return n;
	}
	case JSON_ARRAY:
		n = here(w, DOC_ARRAY);
		w->p++; /* [ */
		n->len = json_array_size(v);
		n->items = ARENA_ARRAY(&w->d->arena, doc_node *, n->len);
		for (i = 0; i < n->len; i++) {
			n->items[i] = build(w, json_array_get(v, i), depth + 1);
			skip_punct(w, ',');
		}
		skip_punct(w, ']');
		return n;
	case JSON_STRING:
		n = here(w, DOC_STRING);
		doc_node_set_text(w->d, n, json_string_value(v), json_string_length(v));
		skip_string(w);
		return n;
	case JSON_INTEGER:
	case JSON_REAL: {
		const char *start = w->p;
		n = here(w, DOC_NUMBER);
		skip_scalar(w);
		/* keep the number as written: "1e3" stays "1e3" */
		doc_node_set_text(w->d, n, start, (size_t)(w->p - start));
		return n;
	}
	case JSON_TRUE:
	case JSON_FALSE:
		n = here(w, DOC_BOOL);
		doc_node_set_text(w->d, n, json_is_true(v) ? "true" : "false", json_is_true(v) ? 4 : 5);
		skip_scalar(w);
		return n;
	case JSON_NULL:
	default:
		n = here(w, DOC_NULL);
		doc_node_set_text(w->d, n, "null", 4);
		skip_scalar(w);
		return n;
	}
}

int doc_json_parse(doc *d, const char *name, const char *buf, size_t len, doc_node **out, diag *dg)
{
	json_error_t jerr;
	json_t *root;
	walker w;

	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!root) {
		int line = jerr.line > 0 ? jerr.line : 1;
		int col = jerr.column > 0 ? jerr.column : 1;
		return diag_set(dg, name, (unsigned)line, (unsigned)col, "invalid JSON: %s", jerr.text);
	}
	w.d = d;
	w.buf = w.p = buf;
	w.end = buf + len;
	w.line = 1;
	w.line_start = buf;
	/* a UTF-8 byte order mark is not part of the first line's columns */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		w.p = w.line_start = buf + 3;
	w.too_deep = NULL;
	*out = build(&w, root, 1);
	json_decref(root);
	if (w.too_deep)
		return diag_set(dg, name, w.too_deep->line, w.too_deep->col,
				"nesting deeper than %d levels", DOC_MAX_DEPTH);
	return 0;
}
