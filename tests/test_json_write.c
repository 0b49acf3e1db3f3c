/* test_json_write — the streamed writer matches jansson's output byte for byte. */
#include "test_util.h"
#include "render/json_write.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static char *capture_string(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	jw_string(f, s);
	fclose(f);
	return buf;
}

static void json_write__strings_as_jansson(void)
{
	static const char *const cases[] = {
		"plain", "", "quote \" backslash \\ slash /", "tab\tnew\nline\rcr\bbs\fff",
		"\x01\x1f control", "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x94\x91", "<script>&amp;</script>",
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *j = json_string(cases[i]);
		char *want = json_dumps(j, JSON_ENCODE_ANY), *got = capture_string(cases[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(want);
		ASSERT_STR(got, want);
		free(want);
		free(got);
		json_decref(j);
	}
}

static void json_write__invalid_utf8_replaced(void)
{
	char *got = capture_string("a\xff" "b\xc3(\xed\xa0\x80");

	ASSERT_STR(got, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	free(got);
	got = capture_string(NULL);
	ASSERT_STR(got, "null");
	free(got);
}

static void json_write__object_layout_as_jansson(void)
{
	static const char *const acts[] = { "s3:GetObject", "s3:PutObject" };
	json_t *root = json_pack("{s:[s,s], s:[], s:s}", "a", acts[0], acts[1], "b", "c", "x");
	char *want = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS), *got = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);

	fputc('{', f);
	jw_key(f, 2, "a");
	jw_strings(f, 2, acts, 2);
	fputc(',', f);
	jw_key(f, 2, "b");
	jw_strings(f, 2, NULL, 0);
	fputc(',', f);
	jw_key(f, 2, "c");
	jw_string(f, "x");
	fputs("\n}", f);
	fclose(f);
	ASSERT_STR(got, want);
	free(want);
	free(got);
	json_decref(root);
}

TEST_SUITE(json_write)
{
	static const test_case cases[] = {
		{ "json_write__strings_as_jansson", json_write__strings_as_jansson },
		{ "json_write__invalid_utf8_replaced", json_write__invalid_utf8_replaced },
		{ "json_write__object_layout_as_jansson", json_write__object_layout_as_jansson },
		{ NULL, NULL },
	};
	return test_register("json_write", cases);
}
