/* Tests for analyzer/base: arena, intern, diag, strbuf, suggest, fswalk, strci, strlist. */
#include "base/arena.h"
#include "base/diag.h"
#include "base/fswalk.h"
#include "base/intern.h"
#include "base/strbuf.h"
#include "base/strci.h"
#include "base/strlist.h"
#include "base/suggest.h"
#include "tests/test_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void base__arena_zeroes_and_aligns(void)
{
	arena a = ARENA_INIT;
	int i;

	for (i = 0; i < 1000; i++) {
		unsigned char *p = arena_alloc(&a, (size_t)(i % 37) + 1);
		CU_ASSERT_EQUAL((uintptr_t)p % 16, 0);
		CU_ASSERT_EQUAL(p[0], 0);
		p[0] = 0xff;
	}
	/* a large object gets its own block and stays usable */
	{
		char *big = arena_alloc(&a, 200000);
		big[199999] = 'x';
		CU_ASSERT_EQUAL(big[0], 0);
	}
	arena_release(&a);
	arena_release(NULL);
}

static void base__intern_pointer_equality(void)
{
	intern_table t;
	char buf[32];
	const char *a, *b;
	int i;

	intern_init(&t);
	a = intern(&t, "s3:GetObject");
	b = intern_n(&t, "s3:GetObjectXYZ", 12);
	CU_ASSERT_PTR_EQUAL(a, b);
	CU_ASSERT_PTR_EQUAL(intern_lower(&t, "S3:GETOBJECT"), intern(&t, "s3:getobject"));
	CU_ASSERT_PTR_NOT_EQUAL(a, intern(&t, "s3:getobject"));
	for (i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "k%d", i);
		intern(&t, buf);
	}
	CU_ASSERT_PTR_EQUAL(intern_find(&t, "s3:GetObject"), a);
	CU_ASSERT_PTR_NULL(intern_find(&t, "never"));
	CU_ASSERT_EQUAL(t.count, 5002);
	intern_release(&t);
}

static void base__diag_format(void)
{
	diag d = DIAG_INIT;
	char out[256] = "";
	FILE *f = fmemopen(out, sizeof(out), "w");

	CU_ASSERT_FALSE(diag_isset(&d));
	CU_ASSERT_EQUAL(diag_set(&d, "a.json", 12, 7, "unknown key '%s'", "Efect"), PG_EINPUT);
	diag_print(f, &d);
	d.line = 0;
	diag_print(f, &d);
	fclose(f);
	CU_ASSERT_STRING_EQUAL(out, "a.json:12:7: unknown key 'Efect'\na.json: unknown key 'Efect'\n");
	diag_release(&d);
	diag_release(NULL);
}

static void base__strbuf_grows(void)
{
	strbuf sb = STRBUF_INIT;
	int i;
	char *s;
	size_t len;

	CU_ASSERT_STRING_EQUAL(sb.buf, "");
	for (i = 0; i < 100; i++)
		strbuf_addf(&sb, "%d,", i);
	CU_ASSERT_EQUAL(sb.len, strlen(sb.buf));
	CU_ASSERT_EQUAL(strncmp(sb.buf, "0,1,2,", 6), 0);
	s = strbuf_detach(&sb, &len);
	CU_ASSERT_EQUAL(len, strlen(s));
	free(s);
	strbuf_release(&sb);
}

static void base__suggest_closest(void)
{
	static const char *const keys[] = { "Sid", "Effect", "Action", "NotAction", NULL };

	CU_ASSERT_EQUAL(suggest_distance("Efect", 5, "effect", 6), 1);
	ASSERT_STR(suggest_closest("Efect", keys, 3), "Effect");
	ASSERT_STR(suggest_closest("notaktion", keys, 3), "NotAction");
	CU_ASSERT_PTR_NULL(suggest_closest("Principal", keys, 3));
}

static int walk_record(void *ctx, const char *path, int top)
{
	strbuf_addf(ctx, "%s%s;", top ? "+" : "", path);
	return 0;
}

static int walk_want(void *ctx, const char *dir, const char *name)
{
	(void)ctx;
	(void)dir;
	return fswalk_data_name(name);
}

static void walk_error(void *ctx, const char *path, const char *message)
{
	strbuf_addf(ctx, "!%s %s;", path, message);
}

static void base__fswalk_sorted_filtered(void)
{
	static const fswalk_ops ops = { walk_record, walk_want, walk_error };
	char dir[] = "/tmp/pg-fswalk-XXXXXX";
	strbuf sb = STRBUF_INIT, p = STRBUF_INIT;
	static const char *const files[] = { "b.json", "a.yaml", ".hidden.json", "notes.md", "sub/c", NULL };
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	strbuf_addf(&p, "%s/sub", dir);
	mkdir(p.buf, 0700);
	for (i = 0; files[i]; i++) {
		FILE *f;
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, files[i]);
		f = fopen(p.buf, "w");
		if (f)
			fclose(f);
	}
	CU_ASSERT_EQUAL(fswalk(dir, &ops, &sb), 0);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/a.yaml;%s/b.json;%s/sub/c;", dir, dir, dir);
	ASSERT_STR(sb.buf, p.buf);
	strbuf_reset(&sb);
	CU_ASSERT_EQUAL(fswalk("/nonexistent/pg", &ops, &sb), -1);
	ASSERT_STR(sb.buf, "!/nonexistent/pg cannot read: No such file or directory;");
	for (i = 0; files[i]; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, files[i]);
		unlink(p.buf);
	}
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/sub", dir);
	rmdir(p.buf);
	rmdir(dir);
	strbuf_release(&sb);
	strbuf_release(&p);
}

/* A table sorted by lowercase name, as the catalogues are. */
static const char *const sorted[] = { "Ab", "abc", "AbD", "b", "B:x", "ba" };

static const char *sorted_at(size_t i, const void *ctx)
{
	return ((const char *const *)ctx)[i];
}

static void base__strci_compare_and_search(void)
{
	size_t lo = 0, hi = 6;

	CU_ASSERT_EQUAL(strci_cmp("AbC", "aBc"), 0);
	CU_ASSERT_TRUE(strci_cmp("ab", "ABC") < 0);
	CU_ASSERT_TRUE(strci_cmp("b", "A") > 0);
	CU_ASSERT_EQUAL(strci_prefix_cmp("ABCd", "abc", 3), 0);
	CU_ASSERT_TRUE(strci_prefix_cmp("ab", "abc", 3) < 0);   /* shorter than the prefix */
	ASSERT_STR(strci_str("/Providers/MS/x", "/providers/"), "/Providers/MS/x");
	ASSERT_STR(strci_str("a#ext#b", "#EXT#"), "#ext#b");
	CU_ASSERT_PTR_NULL(strci_str("abc", "abd"));
	CU_ASSERT_PTR_NULL(strci_str(NULL, "a"));
	CU_ASSERT_EQUAL(strci_find("ABD", 0, 6, sorted_at, sorted), 2);
	CU_ASSERT_EQUAL(strci_find("b:X", 0, 6, sorted_at, sorted), 4);
	CU_ASSERT_EQUAL(strci_find("ab", 1, 6, sorted_at, sorted), -1);      /* outside the range */
	CU_ASSERT_EQUAL(strci_find("abe", 0, 6, sorted_at, sorted), -1);
	strci_prefix_range("AB", 2, &lo, &hi, sorted_at, sorted);
	CU_ASSERT_EQUAL(lo, 0);
	CU_ASSERT_EQUAL(hi, 3);
	lo = 0;
	hi = 6;
	strci_prefix_range("b", 1, &lo, &hi, sorted_at, sorted);
	CU_ASSERT_EQUAL(lo, 3);
	CU_ASSERT_EQUAL(hi, 6);
	lo = 0;
	hi = 6;
	strci_prefix_range("c", 1, &lo, &hi, sorted_at, sorted);
	CU_ASSERT_EQUAL(lo, hi);
}

static void base__strlist_unique_sorted(void)
{
	char **items = NULL;
	size_t n = 0, cap = 0;

	strlist_addf(&items, &n, &cap, "b %d", 2);
	strlist_add(&items, &n, &cap, strdup("a"));
	strlist_addf(&items, &n, &cap, "b %s", "2");   /* a duplicate: freed, not added */
	strlist_add(&items, &n, &cap, strdup("a"));
	CU_ASSERT_EQUAL_FATAL(n, 2);
	strlist_sort(items, n);
	ASSERT_STR(items[0], "a");
	ASSERT_STR(items[1], "b 2");
	strlist_release(&items, &n, &cap);
	CU_ASSERT_PTR_NULL(items);
	CU_ASSERT_EQUAL(n, 0);
	strlist_release(&items, &n, &cap);
}

TEST_SUITE(base)
{
	static const test_case cases[] = {
		{ "base__arena_zeroes_and_aligns", base__arena_zeroes_and_aligns },
		{ "base__intern_pointer_equality", base__intern_pointer_equality },
		{ "base__diag_format", base__diag_format },
		{ "base__strbuf_grows", base__strbuf_grows },
		{ "base__suggest_closest", base__suggest_closest },
		{ "base__fswalk_sorted_filtered", base__fswalk_sorted_filtered },
		{ "base__strci_compare_and_search", base__strci_compare_and_search },
		{ "base__strlist_unique_sorted", base__strlist_unique_sorted },
		{ NULL, NULL }
	};
	return test_register("base", cases);
}
