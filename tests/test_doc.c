/* Tests for analyzer/doc: positions, syntax detection, embedded documents, limits. */
#include "base/strbuf.h"
#include "doc/doc.h"
#include "tests/test_util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static doc *load(const char *text, diag *d)
{
	doc *out = NULL;
	int err = doc_load_buffer(&out, "t.json", text, strlen(text), DOC_FMT_AUTO, d);
	return err < 0 ? NULL : out;
}

static void doc__json_positions(void)
{
	diag d = DIAG_INIT;
	doc *x = load("{\n  \"a\": [1, \"two\",\n    {\"é\": true}],\n  \"b\": null\n}", &d);
	const doc_node *r, *a, *o;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	r = doc_root(x);
	CU_ASSERT_EQUAL(r->type, DOC_OBJECT);
	CU_ASSERT_EQUAL(r->len, 2);
	ASSERT_STR(r->keys[0]->str, "a");
	CU_ASSERT_EQUAL(r->keys[0]->line, 2);
	CU_ASSERT_EQUAL(r->keys[0]->col, 3);
	a = doc_get(r, "a");
	CU_ASSERT_EQUAL(a->line, 2);
	CU_ASSERT_EQUAL(a->col, 8);
	CU_ASSERT_EQUAL(a->items[1]->col, 12);
	ASSERT_STR(a->items[0]->str, "1");
	CU_ASSERT_EQUAL(a->items[0]->type, DOC_NUMBER);
	o = a->items[2];
	CU_ASSERT_EQUAL(o->line, 3);
	CU_ASSERT_EQUAL(o->col, 5);
	/* columns count characters, not bytes: "é" is one column */
	CU_ASSERT_EQUAL(o->items[0]->col, 11);
	CU_ASSERT_EQUAL(o->items[0]->type, DOC_BOOL);
	CU_ASSERT_EQUAL(doc_get(r, "b")->type, DOC_NULL);
	CU_ASSERT_PTR_NULL(doc_get(r, "B"));
	CU_ASSERT_PTR_NOT_NULL(doc_get_ci(r, "B"));
	doc_free(x);
	doc_free(NULL);
}

static void doc__json_errors_are_placed(void)
{
	diag d = DIAG_INIT;

	CU_ASSERT_PTR_NULL(load("{\"a\":\n  [1,\n tru]}", &d));
	CU_ASSERT_EQUAL(d.line, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "invalid JSON"));
	CU_ASSERT_PTR_NULL(load("{\"a\": 1, \"a\": 2}", &d));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "duplicate"));
	CU_ASSERT_PTR_NULL(load("{\"a\": \"x\0y\"}", &d) ? NULL : NULL);
	diag_release(&d);
}

static void doc__depth_is_bounded(void)
{
	diag d = DIAG_INIT;
	strbuf sb = STRBUF_INIT;
	int i;

	for (i = 0; i < 1000; i++)
		strbuf_addch(&sb, '[');
	for (i = 0; i < 1000; i++)
		strbuf_addch(&sb, ']');
	CU_ASSERT_PTR_NULL(load(sb.buf, &d));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "nesting deeper"));
	strbuf_reset(&sb);
	for (i = 0; i < 1000; i++)
		strbuf_addstr(&sb, "- ");
	strbuf_addstr(&sb, "x\n");
	CU_ASSERT_PTR_NULL(load(sb.buf, &d));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "nesting deeper"));
	strbuf_release(&sb);
	diag_release(&d);
}

static void doc__yaml_positions_and_types(void)
{
	diag d = DIAG_INIT;
	doc *x = load("# comment\nVersion: 2012-10-17\nStatement:\n  - Effect: Allow\n    Action: [\"s3:*\"]\n"
		      "    N: 10\n    B: true\n    Q: 'true'\n    Z: ~\n", &d);
	const doc_node *r, *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(doc_syntax_of(x), DOC_FMT_YAML);
	r = doc_root(x);
	ASSERT_STR(doc_get_str(r, "Version"), "2012-10-17");
	s = doc_get(r, "Statement")->items[0];
	CU_ASSERT_EQUAL(s->line, 4);
	CU_ASSERT_EQUAL(s->col, 5);
	CU_ASSERT_EQUAL(doc_get(s, "Action")->items[0]->line, 5);
	CU_ASSERT_EQUAL(doc_get(s, "Action")->items[0]->col, 14);
	CU_ASSERT_EQUAL(doc_get(s, "N")->type, DOC_NUMBER);
	CU_ASSERT_EQUAL(doc_get(s, "B")->type, DOC_BOOL);
	CU_ASSERT_EQUAL(doc_get(s, "Q")->type, DOC_STRING);
	CU_ASSERT_EQUAL(doc_get(s, "Z")->type, DOC_NULL);
	doc_free(x);
}

static void doc__yaml_short_tags_become_long_form(void)
{
	diag d = DIAG_INIT;
	doc *x = load("A: !Ref Bucket\nB: !GetAtt [Role, Arn]\nC: !Sub 'arn:${AWS::Partition}'\n", &d);
	const doc_node *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	r = doc_root(x);
	ASSERT_STR(doc_get_str(doc_get(r, "A"), "Ref"), "Bucket");
	CU_ASSERT_EQUAL(doc_get(doc_get(r, "B"), "Fn::GetAtt")->len, 2);
	ASSERT_STR(doc_get_str(doc_get(r, "C"), "Fn::Sub"), "arn:${AWS::Partition}");
	doc_free(x);
}

static void doc__yaml_alias_bomb_rejected(void)
{
	diag d = DIAG_INIT;
	strbuf sb = STRBUF_INIT;
	int i;

	strbuf_addstr(&sb, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 12; i++)
		strbuf_addf(&sb, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
			    i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	CU_ASSERT_PTR_NULL(load(sb.buf, &d));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "alias bomb"));
	CU_ASSERT_PTR_NULL(load("a: *nope\n", &d));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "unknown alias"));
	CU_ASSERT_PTR_NULL(load("a: [1, 2\n", &d));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "invalid YAML"));
	strbuf_release(&sb);
	diag_release(&d);
}

static void doc__embedded_json_maps_into_host(void)
{
	diag d = DIAG_INIT;
	/* the embedded document starts at column 12 of line 2 (after the quote) */
	doc *x = load("{\n  \"Policy\": \"{\\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\"}]}\"\n}", &d);
	const doc_node *p, *inner, *st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	p = doc_get(doc_root(x), "Policy");
	CU_ASSERT_EQUAL(p->col, 13);
	CU_ASSERT_EQUAL(doc_parse_embedded(x, p, &inner, &d), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(inner);
	CU_ASSERT_EQUAL(inner->line, 2);
	CU_ASSERT_EQUAL(inner->col, 14);
	st = doc_get(inner, "Statement")->items[0];
	/* raw: {\"Statement\": [{  -> the statement's '{' is raw column 14 + 17 */
	CU_ASSERT_EQUAL(st->col, 31);
	ASSERT_STR(doc_get_str(st, "Effect"), "Allow");
	doc_free(x);
}

static void doc__embedded_url_encoded(void)
{
	diag d = DIAG_INIT;
	doc *x = load("{\"Document\": \"%7B%22Version%22%3A%222012-10-17%22%7D\"}", &d);
	const doc_node *inner;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(doc_parse_embedded(x, doc_get(doc_root(x), "Document"), &inner, &d), 0);
	ASSERT_STR(doc_get_str(inner, "Version"), "2012-10-17");
	CU_ASSERT_EQUAL(inner->col, 14);
	doc_free(x);
	x = load("{\"Document\": \"{\\\"Version\\\": tru}\"}", &d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT(doc_parse_embedded(x, doc_get(doc_root(x), "Document"), &inner, &d) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "in embedded policy document"));
	CU_ASSERT_EQUAL(d.line, 1);
	doc_free(x);
	diag_release(&d);
}

static doc *load_json(const char *text, size_t len, diag *d)
{
	doc *out = NULL;
	int err = doc_load_buffer(&out, "t.json", text, len, DOC_FMT_JSON, d);
	return err < 0 ? NULL : out;
}

static void doc__json_scalars_decoded(void)
{
	diag d = DIAG_INIT;
	static const char text[] = "[\"q\\\"b\\\\s\\/b\\bf\\fn\\nr\\rt\\t\", \"\\u00e9\\u20AC\", \"\\ud83d\\ude00\","
				   " -0.5e+10, 1E3, 123456789012345678901234567890, true, false, null, {}, [], \"\"]";
	doc *x = load_json(text, strlen(text), &d);
	const doc_node *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	r = doc_root(x);
	CU_ASSERT_EQUAL_FATAL(r->len, 12);
	ASSERT_STR(r->items[0]->str, "q\"b\\s/b\bf\fn\nr\rt\t");
	CU_ASSERT_EQUAL(r->items[0]->len, 16);
	ASSERT_STR(r->items[1]->str, "\xC3\xA9\xE2\x82\xAC");
	ASSERT_STR(r->items[2]->str, "\xF0\x9F\x98\x80");
	/* numbers keep their text, however large */
	CU_ASSERT_EQUAL(r->items[3]->type, DOC_NUMBER);
	ASSERT_STR(r->items[3]->str, "-0.5e+10");
	ASSERT_STR(r->items[4]->str, "1E3");
	ASSERT_STR(r->items[5]->str, "123456789012345678901234567890");
	CU_ASSERT_EQUAL(r->items[6]->type, DOC_BOOL);
	ASSERT_STR(r->items[6]->str, "true");
	ASSERT_STR(r->items[7]->str, "false");
	CU_ASSERT_EQUAL(r->items[8]->type, DOC_NULL);
	ASSERT_STR(r->items[8]->str, "null");
	CU_ASSERT_EQUAL(r->items[9]->type, DOC_OBJECT);
	CU_ASSERT_EQUAL(r->items[9]->len, 0);
	CU_ASSERT_EQUAL(r->items[10]->type, DOC_ARRAY);
	CU_ASSERT_EQUAL(r->items[10]->len, 0);
	ASSERT_STR(r->items[11]->str, "");
	doc_free(x);
	/* any value at the top level */
	x = load_json(" \"top\" ", 7, &d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(doc_root(x)->str, "top");
	CU_ASSERT_EQUAL(doc_root(x)->col, 2);
	doc_free(x);
	diag_release(&d);
}

static void doc__json_columns_count_characters(void)
{
	diag d = DIAG_INIT;
	strbuf sb = STRBUF_INIT;
	doc *x;
	const doc_node *r;
	int i;

	/* a BOM is skipped and not counted; offsets still count it */
	x = load("\xEF\xBB\xBF{\"a\": 1}", &d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	r = doc_root(x);
	CU_ASSERT_EQUAL(r->col, 1);
	CU_ASSERT_EQUAL(r->offset, 3);
	CU_ASSERT_EQUAL(r->keys[0]->col, 2);
	CU_ASSERT_EQUAL(r->items[0]->col, 7);
	doc_free(x);
	/* a 4-byte character is one column; an escape counts as written */
	x = load("[\"\xF0\x9F\x98\x80\xC3\xA9\", 1, \"\\u00e9\", 2]", &d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	r = doc_root(x);
	CU_ASSERT_EQUAL(r->items[1]->col, 8);
	CU_ASSERT_EQUAL(r->items[1]->offset, 11);
	CU_ASSERT_EQUAL(r->items[3]->col, 21);
	doc_free(x);
	/* one long line: columns stay exact (and cheap) to the end */
	strbuf_addch(&sb, '[');
	for (i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "\"\xC3\xA9\",");
	strbuf_addstr(&sb, "7]");
	x = load(sb.buf, &d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	r = doc_root(x);
	CU_ASSERT_EQUAL(r->len, 100001);
	CU_ASSERT_EQUAL(r->items[100000]->line, 1);
	CU_ASSERT_EQUAL(r->items[100000]->col, 2 + 100000 * 4);
	CU_ASSERT_EQUAL(r->items[99999]->col, 2 + 99999 * 4);
	doc_free(x);
	strbuf_release(&sb);
	diag_release(&d);
}

typedef struct bad_json { const char *text; size_t len; unsigned line, col; const char *msg; } bad_json;

#define BAD(text, line, col, msg) { text, sizeof(text) - 1, line, col, msg }

/* JSONC comments (ARM templates have them) are skipped; lines still count */
static void doc__json_comments(void)
{
	diag d;
	doc *x = load("{\n  // the name\n  \"a\": 1, /* two\n lines */ \"b\": [2]\n}\n", &d);
	const doc_node *b;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	b = doc_get(doc_root(x), "b");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->line, 4);
	CU_ASSERT_EQUAL(b->col, 16);
	doc_free(x);
}

static void doc__json_errors_name_the_place(void)
{
	static const bad_json cases[] = {
		BAD("{\"a\": 1,}", 1, 9, "invalid JSON: trailing comma before '}'"),
		BAD("[1, 2,]", 1, 7, "invalid JSON: trailing comma before ']'"),
		BAD("{\"a\" 1}", 1, 6, "invalid JSON: expected ':' after an object key, found a number"),
		BAD("{\"a\": 1 \"b\": 2}", 1, 9, "invalid JSON: expected ',' or '}' after an object member, found a string"),
		BAD("[1 2]", 1, 4, "invalid JSON: expected ',' or ']' after an array element, found a number"),
		BAD("{1: 2}", 1, 2, "invalid JSON: expected a string key or '}', found a number"),
		BAD("{\"a\": 1, 2}", 1, 10, "invalid JSON: expected a string key after ',', found a number"),
		BAD("{\"a\": }", 1, 7, "invalid JSON: expected a value after ':', found '}'"),
		BAD("[,1]", 1, 2, "invalid JSON: expected a value or ']', found ','"),
		BAD("[1,,]", 1, 4, "invalid JSON: expected a value after ',', found ','"),
		BAD("[1] @", 1, 5, "invalid JSON: unexpected character '@'"),
		BAD("[1, /* open\n\n", 1, 5, "invalid JSON: unterminated comment (no closing */)"),
		BAD("[1] / 2", 1, 5, "invalid JSON: unexpected character '/'"),
		BAD("[1] [2]", 1, 5, "invalid JSON: expected end of input after the top-level value, found '['"),
		BAD("", 1, 1, "invalid JSON: expected a value, found end of input"),
		BAD(" \n  ", 2, 3, "invalid JSON: expected a value, found end of input"),
		BAD("[1,\n", 2, 1, "invalid JSON: expected a value after ',', found end of input"),
		BAD("[tru]", 1, 2, "invalid JSON: invalid literal 'tru' (expected true, false or null)"),
		BAD("[nulls]", 1, 2, "invalid JSON: invalid literal 'nulls' (expected true, false or null)"),
		BAD("[01]", 1, 2, "invalid JSON: invalid number '01'"),
		BAD("[1.]", 1, 2, "invalid JSON: invalid number '1.'"),
		BAD("[-]", 1, 2, "invalid JSON: invalid number '-'"),
		BAD("[1e+]", 1, 2, "invalid JSON: invalid number '1e+'"),
		BAD("[+1]", 1, 2, "invalid JSON: unexpected character '+'"),
		BAD("['a']", 1, 2, "invalid JSON: unexpected character '''"),
		BAD("{\xE2\x80\x9C" "a\xE2\x80\x9D: 1}", 1, 2, "invalid JSON: unexpected character '\xE2\x80\x9C'"),
		BAD("[\xFF]", 1, 2, "invalid JSON: unexpected byte 0xFF"),
		BAD("[\"a\\x\"]", 1, 4, "invalid JSON: invalid escape '\\x'"),
		BAD("[\"\\u12\"]", 1, 3, "invalid JSON: invalid escape '\\u12' (expected four hex digits after \\u)"),
		BAD("[\"\\ud800\"]", 1, 3, "invalid JSON: invalid escape '\\ud800' (unpaired UTF-16 surrogate)"),
		BAD("[\"x\\udc00\"]", 1, 4, "invalid JSON: invalid escape '\\udc00' (unpaired UTF-16 surrogate)"),
		BAD("[\"\\uD800\\u0041\"]", 1, 3, "invalid JSON: invalid escape '\\uD800' (unpaired UTF-16 surrogate)"),
		BAD("[\"\\u0000\"]", 1, 3, "invalid JSON: '\\u0000' is not allowed in a string"),
		BAD("[\"a\tb\"]", 1, 4, "invalid JSON: control character U+0009 in a string (write it as an escape)"),
		BAD("[\"a\nb\"]", 1, 4, "invalid JSON: control character U+000A in a string (write it as an escape)"),
		/* the column counts the characters before the bad byte, not its bytes */
		BAD("[\"\xC3\xA9\xF0\x9F\x98\x80\x01\"]", 1, 5, "invalid JSON: control character U+0001"),
		BAD("[\"\xC3\x28\"]", 1, 3, "invalid JSON: invalid UTF-8 in a string (byte 0xC3)"),
		BAD("[\"\xED\xA0\x80\"]", 1, 3, "invalid JSON: invalid UTF-8 in a string (byte 0xED)"),
		BAD("[\"\xC0\xAF\"]", 1, 3, "invalid JSON: invalid UTF-8 in a string (byte 0xC0)"),
		BAD("[\"\xF4\x90\x80\x80\"]", 1, 3, "invalid JSON: invalid UTF-8 in a string (byte 0xF4)"),
		BAD("[\"\xE2\x82\"]", 1, 3, "invalid JSON: invalid UTF-8 in a string (byte 0xE2)"),
		BAD("[1, \"abc", 1, 5, "invalid JSON: unterminated string"),
		BAD("[\"\xC3\xA9\xC3\xA9\\", 1, 2, "invalid JSON: unterminated string"),
		BAD("{\"\xC3\xA9\":\n\"\xC3\xBC\",\n x}", 3, 2, "invalid JSON: invalid literal 'x'"),
		BAD("{\"a\":1,\"a\":2}", 1, 8, "invalid JSON: duplicate object key 'a'"),
		BAD("{\"a\":1,\"\\u0061\":2}", 1, 8, "invalid JSON: duplicate object key 'a'"),
		BAD("{\"\xC3\xA9\":{}, \"\xC3\xA9\":[]}", 1, 10, "invalid JSON: duplicate object key '\xC3\xA9'"),
		{ NULL, 0, 0, 0, NULL }
	};
	const bad_json *c;
	diag d = DIAG_INIT;

	for (c = cases; c->text; c++) {
		doc *x = load_json(c->text, c->len, &d);
		CU_ASSERT_PTR_NULL(x);
		doc_free(x);
		if (d.line != c->line || d.col != c->col || !d.msg || strncmp(d.msg, c->msg, strlen(c->msg)))
			fprintf(stderr, "\n  %s -> %u:%u: %s (want %u:%u: %s)", c->text, d.line, d.col,
				d.msg ? d.msg : "", c->line, c->col, c->msg);
		CU_ASSERT_EQUAL(d.line, c->line);
		CU_ASSERT_EQUAL(d.col, c->col);
		CU_ASSERT(d.msg && !strncmp(d.msg, c->msg, strlen(c->msg)));
	}
	diag_release(&d);
}

static void doc__json_duplicate_keys_in_big_objects(void)
{
	diag d = DIAG_INIT;
	strbuf sb = STRBUF_INIT;
	doc *x;
	int i;

	/* past the linear scan: a hash set, rebuilt as it grows */
	strbuf_addch(&sb, '{');
	for (i = 0; i < 3000; i++)
		strbuf_addf(&sb, "%s\"k%d\": %d", i ? ",\n" : "", i, i);
	strbuf_addch(&sb, '}');
	x = load_json(sb.buf, sb.len, &d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(doc_root(x)->len, 3000);
	ASSERT_STR(doc_get_str(doc_root(x), "k2999"), "2999");
	doc_free(x);
	sb.buf[--sb.len] = '\0';
	strbuf_addstr(&sb, ",\n\"k1500\": 0}");
	CU_ASSERT_PTR_NULL(load_json(sb.buf, sb.len, &d));
	CU_ASSERT_EQUAL(d.line, 3001);
	CU_ASSERT_EQUAL(d.col, 1);
	ASSERT_STR(d.msg, "invalid JSON: duplicate object key 'k1500'");
	/* the 17th key repeats the first: caught where the set takes over */
	strbuf_reset(&sb);
	strbuf_addch(&sb, '{');
	for (i = 0; i < 16; i++)
		strbuf_addf(&sb, "\"k%d\": [], ", i);
	strbuf_addstr(&sb, "\"k0\": {}}");
	CU_ASSERT_PTR_NULL(load_json(sb.buf, sb.len, &d));
	ASSERT_STR(d.msg, "invalid JSON: duplicate object key 'k0'");
	/* nested objects keep their own keys */
	x = load("{\"a\": {\"a\": {\"a\": 1}}, \"b\": {\"a\": 2}}", &d);
	CU_ASSERT_PTR_NOT_NULL(x);
	doc_free(x);
	strbuf_release(&sb);
	diag_release(&d);
}

static void doc__json_deep_nesting_never_recurses(void)
{
	diag d = DIAG_INIT;
	size_t n = 10u << 20, i;
	char *deep = malloc(n + 1);
	doc *x;

	CU_ASSERT_PTR_NOT_NULL_FATAL(deep);
	memset(deep, '[', n);
	deep[n] = '\0';
	CU_ASSERT_PTR_NULL(load_json(deep, n, &d));
	CU_ASSERT_EQUAL(d.col, DOC_MAX_DEPTH + 1);
	ASSERT_STR(d.msg, "nesting deeper than 256 levels");
	/* exactly DOC_MAX_DEPTH levels are fine */
	for (i = 0; i < DOC_MAX_DEPTH; i++)
		deep[DOC_MAX_DEPTH + i] = ']';
	x = load_json(deep, 2 * DOC_MAX_DEPTH, &d);
	CU_ASSERT_PTR_NOT_NULL(x);
	doc_free(x);
	free(deep);
	diag_release(&d);
}

static void doc__json_embedded_nul_is_an_error(void)
{
	diag d = DIAG_INIT;
	/* YAML can put a NUL in a string; the embedded JSON parser must report it, not stop at it */
	doc *x = load("Policy: \"{\\\"a\\\": \\\"x\\0y\\\"}\"\n", &d);
	const doc_node *inner;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(doc_get(doc_root(x), "Policy")->len, 12);
	CU_ASSERT(doc_parse_embedded(x, doc_get(doc_root(x), "Policy"), &inner, &d) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "control character U+0000"));
	doc_free(x);
	diag_release(&d);
}

/* the values jansson (which read JSON before) gives, node for node */
static int same_as_jansson(const doc_node *n, json_t *j)
{
	const char *key;
	json_t *v;
	size_t i = 0;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		if (n->type != DOC_OBJECT || n->len != json_object_size(j))
			return 0;
		json_object_foreach(j, key, v) {
			if (strcmp(n->keys[i]->str, key) || !same_as_jansson(n->items[i], v))
				return 0;
			i++;
		}
		return 1;
	case JSON_ARRAY:
		if (n->type != DOC_ARRAY || n->len != json_array_size(j))
			return 0;
		for (i = 0; i < n->len; i++)
			if (!same_as_jansson(n->items[i], json_array_get(j, i)))
				return 0;
		return 1;
	case JSON_STRING:
		return n->type == DOC_STRING && n->len == json_string_length(j) &&
		       !memcmp(n->str, json_string_value(j), n->len) && n->str[n->len] == '\0';
	case JSON_INTEGER:
		return n->type == DOC_NUMBER && strtoll(n->str, NULL, 10) == json_integer_value(j);
	case JSON_REAL:
		return n->type == DOC_NUMBER && strtod(n->str, NULL) == json_real_value(j);
	case JSON_TRUE:
	case JSON_FALSE:
		return n->type == DOC_BOOL && !strcmp(n->str, json_is_true(j) ? "true" : "false");
	default:
		return n->type == DOC_NULL && !strcmp(n->str, "null");
	}
}

static void doc__json_values_match_jansson(void)
{
	static const char *const texts[] = {
		"{\"a\": [1, -0, 0.5, 1e-3, -12E+2, 9223372036854775807], \"b\": {\"c\": [[], {}, [null]]}}",
		"[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u0001\\u001f\\u007f\\u0080\\u07ff\\u0800\\uffff\", "
		"\"\\ud800\\udc00\\udbff\\udfff\", \"\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF\"]",
		"[true, false, null, \"true\", \"\", \"\\u00e9\xC3\xA9\", \"\x7f\"]",
		" \t\r\n{ \"k\" \r\n:\t\"v\" , \"K\": 1 }\n ",
		"{\"id\":\"/subscriptions/x\",\"name\":\"r0\",\"tags\":{\"id\":\"name\"},\"name2\":\"r0\"}",
		NULL
	};
	const char *const *t;
	diag d = DIAG_INIT;

	for (t = texts; *t; t++) {
		json_error_t err;
		json_t *j = json_loads(*t, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
		doc *x = load_json(*t, strlen(*t), &d);

		CU_ASSERT_PTR_NOT_NULL_FATAL(j);
		CU_ASSERT_PTR_NOT_NULL_FATAL(x);
		CU_ASSERT(same_as_jansson(doc_root(x), j));
		json_decref(j);
		doc_free(x);
	}
	diag_release(&d);
}

TEST_SUITE(doc)
{
	static const test_case cases[] = {
		{ "doc__json_comments", doc__json_comments },
		{ "doc__json_positions", doc__json_positions },
		{ "doc__json_errors_are_placed", doc__json_errors_are_placed },
		{ "doc__depth_is_bounded", doc__depth_is_bounded },
		{ "doc__yaml_positions_and_types", doc__yaml_positions_and_types },
		{ "doc__yaml_short_tags_become_long_form", doc__yaml_short_tags_become_long_form },
		{ "doc__yaml_alias_bomb_rejected", doc__yaml_alias_bomb_rejected },
		{ "doc__embedded_json_maps_into_host", doc__embedded_json_maps_into_host },
		{ "doc__embedded_url_encoded", doc__embedded_url_encoded },
		{ "doc__json_scalars_decoded", doc__json_scalars_decoded },
		{ "doc__json_columns_count_characters", doc__json_columns_count_characters },
		{ "doc__json_errors_name_the_place", doc__json_errors_name_the_place },
		{ "doc__json_duplicate_keys_in_big_objects", doc__json_duplicate_keys_in_big_objects },
		{ "doc__json_deep_nesting_never_recurses", doc__json_deep_nesting_never_recurses },
		{ "doc__json_embedded_nul_is_an_error", doc__json_embedded_nul_is_an_error },
		{ "doc__json_values_match_jansson", doc__json_values_match_jansson },
		{ NULL, NULL }
	};
	return test_register("doc", cases);
}
