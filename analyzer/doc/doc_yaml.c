/*
 * doc_yaml — YAML through libyaml's event parser, with positions.
 *
 * Aliases share the anchored node (the tree becomes a DAG, so memory stays
 * linear); the expanded size is still counted so a "billion laughs" document
 * is rejected instead of making every later walk exponential. Local tags
 * (CloudFormation's !Ref, !Sub, !GetAtt ...) become their long JSON form:
 * `!Ref x` reads as {"Ref": x}, `!Sub s` as {"Fn::Sub": s}.
 */
#include "doc/doc_internal.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct frame {
	doc_node *node;
	doc_node *wrapper;      /* the {"Fn::X": node} object standing for a tag, or NULL */
	const char *anchor;
	doc_node **items, **keys;
	size_t count, cap;
	size_t weight;          /* expanded node count of this subtree so far */
	int want_key;           /* mappings: the next node is a key */
} frame;

typedef struct anchor_entry {
	const char *name;
	doc_node *node;
	size_t weight;
} anchor_entry;

typedef struct builder {
	doc *d;
	const char *name;
	frame *stack;
	size_t depth, cap;
	anchor_entry *anchors;
	size_t n_anchors, anchors_cap;
	size_t total_weight;
	doc_node *root;
	diag *dg;
} builder;

static int is_null(const char *s, size_t len)
{
	return len == 0 || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int is_bool(const char *s)
{
	return !strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE") ||
	       !strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE");
}

static int is_number(const char *s)
{
	const char *p = s;
	int digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	while (*p >= '0' && *p <= '9') {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
	}
	if (digits && (*p == 'e' || *p == 'E')) {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return digits && *p == '\0';
}

static doc_node *node_at(builder *b, doc_type type, const yaml_mark_t *m)
{
	/* libyaml marks are 0-based */
	return doc_node_new(b->d, type, (unsigned)m->line + 1, (unsigned)m->column + 1, m->index);
}

/* A local tag like "!Ref" or "!GetAtt" wraps the node in {"Ref": n} or {"Fn::GetAtt": n}. */
static doc_node *wrap_tag(builder *b, const char *tag, const yaml_mark_t *m)
{
	doc_node *obj, *key;
	const char *name = tag + 1;
	char buf[128];

	if (tag[0] != '!' || tag[1] == '!' || tag[1] == '\0')
		return NULL;
	if (!strcmp(name, "Ref") || !strcmp(name, "Condition"))
		snprintf(buf, sizeof(buf), "%s", name);
	else
		snprintf(buf, sizeof(buf), "Fn::%s", name);
	obj = node_at(b, DOC_OBJECT, m);
	key = node_at(b, DOC_STRING, m);
	doc_node_set_text(b->d, key, buf, strlen(buf));
	obj->len = 1;
	obj->keys = ARENA_ARRAY(&b->d->arena, doc_node *, 1);
	obj->items = ARENA_ARRAY(&b->d->arena, doc_node *, 1);
	obj->keys[0] = key;
	return obj;
}

static int add_anchor(builder *b, const char *anchor, doc_node *n, size_t weight)
{
	if (!anchor)
		return 0;
	XGROW(b->anchors, b->anchors_cap, b->n_anchors + 1);
	b->anchors[b->n_anchors].name = arena_strdup(&b->d->arena, anchor);
	b->anchors[b->n_anchors].node = n;
	b->anchors[b->n_anchors].weight = weight;
	b->n_anchors++;
	return 0;
}

static void frame_reserve(frame *f)
{
	size_t ncap;

	if (f->count < f->cap)
		return;
	ncap = f->cap ? f->cap * 2 : 8;
	f->items = xrealloc(f->items, ncap * sizeof(*f->items));
	if (f->node->type == DOC_OBJECT)
		f->keys = xrealloc(f->keys, ncap * sizeof(*f->keys));
	f->cap = ncap;
}

/* Attach a finished node (with its expanded weight) to the parent, or make it the root. */
static int attach(builder *b, doc_node *n, size_t weight, const yaml_mark_t *m)
{
	frame *f;

	b->total_weight += weight;
	if (b->total_weight > DOC_MAX_NODES)
		return diag_set(b->dg, b->name, (unsigned)m->line + 1, (unsigned)m->column + 1,
				"document expands to more than %zu nodes (alias bomb?)", (size_t)DOC_MAX_NODES);
	if (b->depth == 0) {
		if (!b->root)
			b->root = n;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->type == DOC_OBJECT) {
		if (f->want_key) {
			if (n->type == DOC_ARRAY || n->type == DOC_OBJECT)
				return diag_set(b->dg, b->name, n->line, n->col,
						"mapping keys must be scalars");
			frame_reserve(f);
			f->keys[f->count] = n;
			f->want_key = 0;
			return 0;
		}
		f->items[f->count++] = n;
		f->want_key = 1;
	} else {
		frame_reserve(f);
		f->items[f->count++] = n;
	}
	f->weight += weight;
	return 0;
}

static int open_container(builder *b, doc_type type, const yaml_mark_t *m, const char *tag, const char *anchor)
{
	frame *f;

	if (b->depth >= DOC_MAX_DEPTH)
		return diag_set(b->dg, b->name, (unsigned)m->line + 1, (unsigned)m->column + 1,
				"nesting deeper than %d levels", DOC_MAX_DEPTH);
	XGROW(b->stack, b->cap, b->depth + 1);
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->node = node_at(b, type, m);
	f->wrapper = tag ? wrap_tag(b, tag, m) : NULL;
	f->anchor = anchor;
	f->want_key = 1;
	f->weight = 1;
	return 0;
}

static int close_container(builder *b, const yaml_mark_t *m)
{
	frame f = b->stack[--b->depth];
	doc_node *n = f.node;
	size_t weight = f.weight;
	int err = 0;

	n->len = f.count;
	n->items = arena_memdup(&b->d->arena, f.items, f.count, sizeof(*f.items));
	if (n->type == DOC_OBJECT)
		n->keys = arena_memdup(&b->d->arena, f.keys, f.count, sizeof(*f.keys));
	free(f.items);
	free(f.keys);
	if (f.wrapper) {
		f.wrapper->items[0] = n;
		n = f.wrapper;
		weight += 2;
	}
	add_anchor(b, f.anchor, n, weight);
	err = attach(b, n, weight, m);
	return err;
}

static int on_scalar(builder *b, const yaml_event_t *ev)
{
	const char *text = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	doc_type type = DOC_STRING;
	doc_node *n, *wrapper = NULL;
	size_t weight = 1;

	if (ev->data.scalar.plain_implicit && !tag) {
		if (is_null(text, len))
			type = DOC_NULL;
		else if (is_bool(text))
			type = DOC_BOOL;
		else if (is_number(text))
			type = DOC_NUMBER;
	}
	n = node_at(b, type, &ev->start_mark);
	doc_node_set_text(b->d, n, text, len);
	if (tag && (wrapper = wrap_tag(b, tag, &ev->start_mark)) != NULL) {
		wrapper->items[0] = n;
		n = wrapper;
		weight = 3;
	}
	add_anchor(b, (const char *)ev->data.scalar.anchor, n, weight);
	return attach(b, n, weight, &ev->start_mark);
}

static int on_alias(builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	size_t i = b->n_anchors;

	while (i-- > 0)
		if (!strcmp(b->anchors[i].name, name))
			return attach(b, b->anchors[i].node, b->anchors[i].weight, &ev->start_mark);
	return diag_set(b->dg, b->name, (unsigned)ev->start_mark.line + 1,
			(unsigned)ev->start_mark.column + 1, "unknown alias '*%s'", name);
}

int doc_yaml_parse(doc *d, const char *name, const char *buf, size_t len, doc_node **out, diag *dg)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	builder b;
	int err = 0, done = 0, docs = 0;

	memset(&b, 0, sizeof(b));
	b.d = d;
	b.name = name;
	b.dg = dg;
	if (!yaml_parser_initialize(&parser))
		return diag_set(dg, name, 0, 0, "cannot initialize the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && !err) {
		if (!yaml_parser_parse(&parser, &ev)) {
			const yaml_mark_t *m = parser.problem_mark.line || parser.problem_mark.column
				? &parser.problem_mark : &parser.context_mark;
			err = diag_set(dg, name, (unsigned)m->line + 1, (unsigned)m->column + 1,
				       "invalid YAML: %s%s%s", parser.problem ? parser.problem : "syntax error",
				       parser.context ? " " : "", parser.context ? parser.context : "");
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				err = diag_set(dg, name, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
					       "more than one YAML document in a file");
			break;
		case YAML_MAPPING_START_EVENT:
			err = open_container(&b, DOC_OBJECT, &ev.start_mark, (const char *)ev.data.mapping_start.tag,
					     ev.data.mapping_start.anchor
						     ? arena_strdup(&d->arena, (const char *)ev.data.mapping_start.anchor) : NULL);
			break;
		case YAML_SEQUENCE_START_EVENT:
			err = open_container(&b, DOC_ARRAY, &ev.start_mark, (const char *)ev.data.sequence_start.tag,
					     ev.data.sequence_start.anchor
						     ? arena_strdup(&d->arena, (const char *)ev.data.sequence_start.anchor) : NULL);
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			err = close_container(&b, &ev.start_mark);
			break;
		case YAML_SCALAR_EVENT:
			err = on_scalar(&b, &ev);
			break;
		case YAML_ALIAS_EVENT:
			err = on_alias(&b, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	while (b.depth > 0) {
		frame *f = &b.stack[--b.depth];
		free(f->items);
		free(f->keys);
	}
	free(b.stack);
	free(b.anchors);
	yaml_parser_delete(&parser);
	if (err)
		return err;
	if (!b.root)
		b.root = doc_node_new(d, DOC_NULL, 1, 1, 0);
	*out = b.root;
	return 0;
}
