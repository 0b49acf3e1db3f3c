/* Tests for analyzer/doc: positions, syntax detection, embedded documents, limits. */
#include "base/strbuf.h"
#include "doc/doc.h"
#include "tests/test_util.h"

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

TEST_SUITE(doc)
{
	static const test_case cases[] = {
		{ "doc__json_positions", doc__json_positions },
		{ "doc__json_errors_are_placed", doc__json_errors_are_placed },
		{ "doc__depth_is_bounded", doc__depth_is_bounded },
		{ "doc__yaml_positions_and_types", doc__yaml_positions_and_types },
		{ "doc__yaml_short_tags_become_long_form", doc__yaml_short_tags_become_long_form },
		{ "doc__yaml_alias_bomb_rejected", doc__yaml_alias_bomb_rejected },
		{ "doc__embedded_json_maps_into_host", doc__embedded_json_maps_into_host },
		{ "doc__embedded_url_encoded", doc__embedded_url_encoded },
		{ NULL, NULL }
	};
	return test_register("doc", cases);
}
