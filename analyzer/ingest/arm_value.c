/* arm_value — values of the ARM template reader: nodes, equality, JSON text, alternatives, budgets. */
#include "ingest/arm_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- construction ---------------------------------------------------------------- */

static doc_node *node_new(arm_file *f, doc_type type, const doc_node *at)
{
	doc_node *n = ARENA_NEW(&f->a, doc_node);

	n->type = type;
	n->file = at ? at->file : NULL;
	n->line = at ? at->line : 0;
	n->col = at ? at->col : 0;
	n->offset = 0;
	return n;
}

doc_node *arm_str(arm_file *f, const doc_node *at, const char *s, size_t len)
{
	doc_node *n = node_new(f, DOC_STRING, at);

	n->str = arena_strndup(&f->a, s, len);
	n->len = len;
	return n;
}

doc_node *arm_strz(arm_file *f, const doc_node *at, const char *s)
{
	return arm_str(f, at, s, strlen(s));
}

doc_node *arm_symstr(arm_file *f, const doc_node *at, const char *s)
{
	doc_node *n = arm_strz(f, at, s);

	n->offset = ARM_OFF_SYM;
	return n;
}

doc_node *arm_placeholder(arm_file *f, const doc_node *at, const char *text)
{
	strbuf sb = STRBUF_INIT;
	doc_node *n;

	strbuf_addf(&sb, "{%s}", text);
	n = arm_symstr(f, at, sb.buf);
	strbuf_release(&sb);
	return n;
}

doc_node *arm_scalar(arm_file *f, doc_type type, const doc_node *at, const char *text)
{
	doc_node *n = arm_strz(f, at, text);

	n->type = type;
	return n;
}

doc_node *arm_num(arm_file *f, const doc_node *at, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	return arm_scalar(f, DOC_NUMBER, at, buf);
}

doc_node *arm_bool(arm_file *f, const doc_node *at, int v)
{
	return arm_scalar(f, DOC_BOOL, at, v ? "true" : "false");
}

/* Capacity is implicit: a container holds max(4, len rounded up to a power of
 * two) children, so a push past it is seen at a power of two. */
static size_t room(size_t n)
{
	size_t c = 4;

	while (c < n)
		c *= 2;
	return c;
}

doc_node *arm_container(arm_file *f, doc_type type, const doc_node *at, size_t cap)
{
	doc_node *n = node_new(f, type, at);

	n->items = ARENA_ARRAY(&f->a, doc_node *, room(cap));
	if (type == DOC_OBJECT)
		n->keys = ARENA_ARRAY(&f->a, doc_node *, room(cap));
	return n;
}

void arm_push(arm_file *f, doc_node *c, const char *key, const doc_node *v)
{
	if (c->len >= 4 && room(c->len) == c->len) {
		doc_node **items = ARENA_ARRAY(&f->a, doc_node *, c->len * 2);
		memcpy(items, c->items, c->len * sizeof(*items));
		c->items = items;
		if (c->type == DOC_OBJECT) {
			doc_node **keys = ARENA_ARRAY(&f->a, doc_node *, c->len * 2);
			memcpy(keys, c->keys, c->len * sizeof(*keys));
			c->keys = keys;
		}
	}
	if (c->type == DOC_OBJECT)
		c->keys[c->len] = arm_strz(f, v, key ? key : "");
	c->items[c->len++] = (doc_node *)v;     /* values are never written through */
}

/* --- inspection ------------------------------------------------------------------- */

int arm_is_sym(const doc_node *n)
{
	return n && n->offset == ARM_OFF_SYM;
}

/* Values may share subtrees (a variable used twice), so a walk over one can
 * cost far more than its size: every walk counts against the file's work
 * budget and gives the cautious answer once it is spent. */
static int worn(arm_file *f)
{
	return f && ++f->work > ARM_MAX_WORK;
}

int arm_any_sym(arm_file *f, const doc_node *n)
{
	size_t i;

	if (!n)
		return 0;
	if (worn(f))
		return 1;
	if (n->type != DOC_ARRAY && n->type != DOC_OBJECT)
		return arm_is_sym(n);
	for (i = 0; i < n->len; i++)
		if (arm_any_sym(f, n->items[i]))
			return 1;
	return 0;
}

int arm_is_open(const doc_node *n)
{
	return n && n->type == DOC_OBJECT && n->offset == ARM_OFF_OPEN;
}

int arm_whole_placeholder(const char *s)
{
	size_t depth = 0, i, len = strlen(s);

	if (len < 2 || s[0] != '{' || s[len - 1] != '}')
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && --depth == 0 && i != len - 1)
			return 0;
	}
	return depth == 0;
}

int arm_equal(arm_file *f, const doc_node *a, const doc_node *b)
{
	size_t i;

	if (a == b)
		return 1;
	if (!a || !b || a->type != b->type || a->len != b->len || worn(f))
		return 0;
	if (a->type != DOC_ARRAY && a->type != DOC_OBJECT)
		return arm_is_sym(a) == arm_is_sym(b) && !strcmp(a->str, b->str);
	for (i = 0; i < a->len; i++) {
		if (a->type == DOC_OBJECT && strcmp(a->keys[i]->str, b->keys[i]->str))
			return 0;
		if (!arm_equal(f, a->items[i], b->items[i]))
			return 0;
	}
	return arm_is_open(a) == arm_is_open(b);
}

int arm_int(const doc_node *n, long long *out)
{
	char *end;
	long long v;

	if (!n || n->type != DOC_NUMBER)
		return 0;
	errno = 0;
	v = strtoll(n->str, &end, 10);
	if (errno || *end)
		return 0;
	*out = v;
	return 1;
}

int arm_truth(const doc_node *n)
{
	if (!n || arm_is_sym(n))
		return -1;
	if (n->type == DOC_BOOL || n->type == DOC_STRING) {
		if (!strcasecmp(n->str, "true"))
			return 1;
		if (!strcasecmp(n->str, "false"))
			return 0;
	}
	return -1;
}

static void json_string(strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, ch);
		} else if (ch < 0x20) {
			strbuf_addf(sb, "\\u%04x", ch);
		} else {
			strbuf_addch(sb, ch);
		}
	}
	strbuf_addch(sb, '"');
}

int arm_json(arm_file *f, strbuf *sb, const doc_node *n)
{
	size_t i;

	if (worn(f) || sb->len > ARM_MAX_STR)
		return -1;
	switch (n->type) {
	case DOC_STRING:
		json_string(sb, n->str);
		return 0;
	case DOC_ARRAY:
	case DOC_OBJECT:
		strbuf_addch(sb, n->type == DOC_ARRAY ? '[' : '{');
		for (i = 0; i < n->len; i++) {
			if (i)
				strbuf_addch(sb, ',');
			if (n->type == DOC_OBJECT) {
				json_string(sb, n->keys[i]->str);
				strbuf_addch(sb, ':');
			}
			if (arm_json(f, sb, n->items[i]) < 0)
				return -1;
		}
		strbuf_addch(sb, n->type == DOC_ARRAY ? ']' : '}');
		return 0;
	default:
		strbuf_addstr(sb, n->str ? n->str : "null");
		return 0;
	}
}

const doc_node *arm_member(const doc_node *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != DOC_OBJECT)
		return NULL;
	for (i = 0; i < obj->len; i++)
		if (!strcmp(obj->keys[i]->str, key))
			return obj->items[i];
	for (i = 0; i < obj->len; i++)
		if (!strcasecmp(obj->keys[i]->str, key))
			return obj->items[i];
	return NULL;
}

/* --- alternatives, budgets, errors --------------------------------------------------- */

void arm_alts_init(arm_alts *a)
{
	a->n = 0;
	a->over = 0;
}

void arm_alts_add(arm_file *f, arm_alts *a, const doc_node *v)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (arm_equal(f, a->v[i], v))
			return;
	if (a->n == ARM_MAX_ALTS) {
		a->over = 1;
		return;
	}
	a->v[a->n++] = v;
}

void arm_alts_one(arm_file *f, arm_alts *a, const doc_node *v)
{
	arm_alts_init(a);
	arm_alts_add(f, a, v);
}

int arm_step(arm_file *f, const doc_node *at)
{
	if (++f->steps <= ARM_MAX_STEPS)
		return 0;
	if (!f->budget_warned++)
		diag_list_addf(f->ic->diags, DIAG_WARNING, at ? at->file : f->ic->path, at ? at->line : 0,
			       at ? at->col : 0,
			       "template too costly to evaluate (over %d steps): the rest of its values are "
			       "left as placeholders", ARM_MAX_STEPS);
	return -1;
}

void arm_error(arm_file *f, const doc_node *at, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_list_addf(f->ic->diags, DIAG_ERROR, at->file, at->line, at->col, "%s", sb.buf);
	strbuf_release(&sb);
	f->err = PG_EINPUT;
}
