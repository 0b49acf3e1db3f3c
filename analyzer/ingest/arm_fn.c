/*
 * arm_fn — template functions on strings, and the lookup over every function
 * table (arm_fn.c, arm_fn_coll.c, arm_fn_ids.c, arm_fn_tpl.c).
 *
 * A function whose inputs hold placeholders gives what it can still know:
 * concat keeps the known parts; toLower, toUpper and replace change only the
 * known text, never a placeholder; otherwise a placeholder of the call. A
 * function in no table (uniqueString, newGuid, utcNow, list*, user-defined
 * functions, ones newer than this reader) gives a placeholder of the call:
 * never an error. Strings stop at ARM_MAX_STR (then: a placeholder).
 */
#include "ingest/arm_internal.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define ADD(v) (arm_alts_add(c->t->f, out, (v)), 0)
#define PH() ADD(arm_call_placeholder(c))

const char *arm_arg_str(const arm_call *c, size_t i, int known_only)
{
	const doc_node *v = i < c->n ? c->args[i] : NULL;

	if (!v || v->type != DOC_STRING || (known_only && arm_is_sym(v)))
		return NULL;
	return v->str;
}

int arm_args_known(const arm_call *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (arm_any_sym(c->t->f, c->args[i]))
			return 0;
	return 1;
}

static doc_node *text(arm_call *c, const strbuf *sb, int sym)
{
	return sym ? arm_symstr(c->t->f, c->at, sb->buf) : arm_str(c->t->f, c->at, sb->buf, sb->len);
}

/* Text of a value for concat, format and string(): bools as .NET writes them,
 * containers as JSON. -1 when it grows past ARM_MAX_STR. */
static int add_text(arm_call *c, strbuf *sb, const doc_node *v)
{
	if (v->type == DOC_BOOL)
		strbuf_addstr(sb, !strcmp(v->str, "true") ? "True" : "False");
	else if (v->type == DOC_ARRAY || v->type == DOC_OBJECT)
		return arm_json(c->t->f, sb, v);
	else if (v->type != DOC_NULL)
		strbuf_addstr(sb, v->str);
	return sb->len > ARM_MAX_STR ? -1 : 0;
}

/* Add the text built in sb (a placeholder of the call when building failed); releases sb. */
static int emit(arm_call *c, arm_alts *out, strbuf *sb, int sym, int err)
{
	arm_alts_add(c->t->f, out, err < 0 ? arm_call_placeholder(c) : text(c, sb, sym));
	strbuf_release(sb);
	return 0;
}

static int fn_concat(arm_call *c, arm_alts *out)
{
	strbuf sb = STRBUF_INIT;
	size_t i, k, arrays = 0, total = 0;
	int sym = 0, err = 0;
	doc_node *arr;

	for (i = 0; i < c->n; i++) {
		arrays += c->args[i]->type == DOC_ARRAY;
		total += c->args[i]->type == DOC_ARRAY ? c->args[i]->len : 0;
	}
	if ((arrays && arrays != c->n) || total > ARM_MAX_ITEMS)
		return PH();
	if (arrays) {
		arr = arm_container(c->t->f, DOC_ARRAY, c->at, total);
		for (i = 0; i < c->n; i++)
			for (k = 0; k < c->args[i]->len; k++)
				arm_push(c->t->f, arr, NULL, c->args[i]->items[k]);
		return ADD(arr);
	}
	for (i = 0; i < c->n && !err; i++) {
		if (c->args[i]->type == DOC_OBJECT)
			err = -1;
		sym |= arm_is_sym(c->args[i]);
		err = err ? err : add_text(c, &sb, c->args[i]);
	}
	return emit(c, out, &sb, sym, err);
}

/* .NET composite format: "{0}", "{1,-5:N2}" (alignment and format ignored), "{{" and "}}". */
static int fn_format(arm_call *c, arm_alts *out)
{
	const char *f = arm_arg_str(c, 0, 1), *p;
	strbuf sb = STRBUF_INIT;
	int sym = 0, err = 0;

	if (!f)
		return PH();
	for (p = f; *p && !err; p++) {
		if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}')) {
			strbuf_addch(&sb, *p++);
		} else if (*p == '{' && isdigit((unsigned char)p[1])) {
			size_t k = 0;
			for (p++; isdigit((unsigned char)*p) && k < 1000; p++)
				k = k * 10 + (size_t)(*p - '0');
			while (*p && *p != '}')
				p++;
			if (!*p || k + 1 >= c->n) {
				err = -1;
				break;
			}
			sym |= arm_any_sym(c->t->f, c->args[k + 1]);
			err = add_text(c, &sb, c->args[k + 1]);
		} else {
			strbuf_addch(&sb, *p);
		}
	}
	return emit(c, out, &sb, sym, err);
}

/* Apply a change to the known text of s only: placeholders ("{...}") are copied as
 * they are. NULL when the result would be too long. */
static doc_node *map_known(arm_call *c, const doc_node *s, int (*ch)(int), const char *from, const char *to)
{
	strbuf sb = STRBUF_INIT;
	const char *p = s->str;
	size_t depth = 0, flen = from ? strlen(from) : 0;
	int sym = arm_is_sym(s);
	doc_node *r = NULL;

	while (*p) {
		if (sym && *p == '{')
			depth++;
		if (!depth && flen && !strncmp(p, from, flen)) {
			strbuf_addstr(&sb, to);
			p += flen;
			if (sb.len > ARM_MAX_STR)
				goto cleanup;
			continue;
		}
		strbuf_addch(&sb, depth || !ch ? *p : ch((unsigned char)*p));
		if (sym && *p == '}' && depth)
			depth--;
		p++;
	}
	r = text(c, &sb, sym);
cleanup:
	strbuf_release(&sb);
	return r;
}

static int mapped(arm_call *c, arm_alts *out, const doc_node *r)
{
	return r ? ADD(r) : PH();
}

static int fn_tolower(arm_call *c, arm_alts *out)
{
	if (c->n != 1 || c->args[0]->type != DOC_STRING)
		return PH();
	return mapped(c, out, map_known(c, c->args[0], tolower, NULL, NULL));
}

static int fn_toupper(arm_call *c, arm_alts *out)
{
	if (c->n != 1 || c->args[0]->type != DOC_STRING)
		return PH();
	return mapped(c, out, map_known(c, c->args[0], toupper, NULL, NULL));
}

static int fn_replace(arm_call *c, arm_alts *out)
{
	const char *from = arm_arg_str(c, 1, 1), *to = arm_arg_str(c, 2, 1);

	if (c->n != 3 || c->args[0]->type != DOC_STRING || !from || !to || !*from)
		return PH();
	return mapped(c, out, map_known(c, c->args[0], NULL, from, to));
}

static int fn_string(arm_call *c, arm_alts *out)
{
	strbuf sb = STRBUF_INIT;
	int err;

	if (c->n != 1)
		return PH();
	if (c->args[0]->type == DOC_STRING)
		return ADD(c->args[0]);
	err = add_text(c, &sb, c->args[0]);
	return emit(c, out, &sb, arm_any_sym(c->t->f, c->args[0]), err);
}

static int fn_split(arm_call *c, arm_alts *out)
{
	const char *s = arm_arg_str(c, 0, 1), *d = arm_arg_str(c, 1, 1), *p, *hit;
	doc_node *a;

	if (!s || !d || !*d || c->n != 2)
		return PH();
	a = arm_container(c->t->f, DOC_ARRAY, c->at, 4);
	for (p = s; (hit = strstr(p, d)) != NULL; p = hit + strlen(d))
		arm_push(c->t->f, a, NULL, arm_str(c->t->f, c->at, p, (size_t)(hit - p)));
	arm_push(c->t->f, a, NULL, arm_strz(c->t->f, c->at, p));
	return ADD(a);
}

static int fn_substring(arm_call *c, arm_alts *out)
{
	const char *s = arm_arg_str(c, 0, 1);
	long long from = 0, len;
	size_t n = s ? strlen(s) : 0;

	if (!s || c->n < 2 || !arm_int(c->args[1], &from) || from < 0 || (size_t)from > n)
		return PH();
	len = (long long)n - from;
	if (c->n == 3 && (!arm_int(c->args[2], &len) || len < 0 || (size_t)(from + len) > n))
		return PH();
	return ADD(arm_str(c->t->f, c->at, s + from, (size_t)len));
}

static int affix(arm_call *c, arm_alts *out, int end)
{
	const char *s = arm_arg_str(c, 0, 1), *x = arm_arg_str(c, 1, 1);
	size_t ls = s ? strlen(s) : 0, lx = x ? strlen(x) : 0;

	if (!s || !x || c->n != 2)
		return PH();
	return ADD(arm_bool(c->t->f, c->at, lx <= ls && !strncasecmp(s + (end ? ls - lx : 0), x, lx)));
}

static int fn_starts_with(arm_call *c, arm_alts *out)
{
	return affix(c, out, 0);
}

static int fn_ends_with(arm_call *c, arm_alts *out)
{
	return affix(c, out, 1);
}

static int fn_trim(arm_call *c, arm_alts *out)
{
	const char *s = arm_arg_str(c, 0, 1);
	size_t a = 0, b = s ? strlen(s) : 0;

	if (!s || c->n != 1)
		return PH();
	while (a < b && isspace((unsigned char)s[a]))
		a++;
	while (b > a && isspace((unsigned char)s[b - 1]))
		b--;
	return ADD(arm_str(c->t->f, c->at, s + a, b - a));
}

static int fn_placeholder(arm_call *c, arm_alts *out)
{
	return PH();
}

static const arm_fn_def table[] = {
	{ "concat", fn_concat, 0 },             { "endsWith", fn_ends_with, 0 },
	{ "format", fn_format, 0 },             { "newGuid", fn_placeholder, 0 },
	{ "replace", fn_replace, 0 },           { "split", fn_split, 0 },
	{ "startsWith", fn_starts_with, 0 },    { "string", fn_string, 0 },
	{ "substring", fn_substring, 0 },       { "toLower", fn_tolower, 0 },
	{ "toUpper", fn_toupper, 0 },           { "trim", fn_trim, 0 },
	{ "uniqueString", fn_placeholder, 0 },  { "utcNow", fn_placeholder, 0 },
	{ NULL, NULL, 0 }
};

const arm_fn_def *arm_fn_find(const char *name)
{
	const arm_fn_def *d;
	size_t i;

	for (i = 0; table[i].name; i++)
		if (!strcasecmp(table[i].name, name))
			return &table[i];
	if ((d = arm_fn_coll_find(name)) || (d = arm_fn_ids_find(name)))
		return d;
	return arm_fn_tpl_find(name);
}
