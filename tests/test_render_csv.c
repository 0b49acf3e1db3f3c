/*
 * Tests for render/render_csv: RFC 4180 quoting, the spreadsheet formula
 * guard, and access.csv over real scans (fixtures/reports/hostile: names
 * with quotes, commas, newlines, formulas; fixtures/azure/estate: entries to
 * stores that are not synthetic are left out).
 */
#include "render/render_csv.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#include <stdlib.h>

static void check_field(const char *in, const char *want)
{
	strbuf sb = STRBUF_INIT;

	render_csv_field(&sb, in);
	ASSERT_STR(sb.buf, want);
	strbuf_release(&sb);
}

static void test_quoting(void)
{
	check_field("arn:aws:iam::111111111111:role/app", "arn:aws:iam::111111111111:role/app");
	check_field(NULL, "");
	check_field("", "");
	check_field("a,b", "\"a,b\"");
	check_field("say \"hi\"", "\"say \"\"hi\"\"\"");
	check_field("two\nlines", "\"two\nlines\"");
	check_field("cr\rhere", "\"cr\rhere\"");
	check_field("quote'and;semicolon", "quote'and;semicolon");       /* nothing to quote */
}

static void test_formula_guard(void)
{
	check_field("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"");
	check_field("+1", "\"'+1\"");
	check_field("-2+3", "\"'-2+3\"");
	check_field("@SUM(A1)", "\"'@SUM(A1)\"");
	check_field("\tx", "\"'\tx\"");
	check_field("\rx", "\"'\rx\"");
	check_field("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	check_field("a=b", "a=b");      /* only a leading formula character counts */
}

#define HEADER "principal,name,type,tenant,store,classification,levels,actions,decision,via,conditions," \
	"reviewer,keep_or_revoke,comment\r\n"

typedef struct scanned {
	loaded l;
	scan_result r;
	config *cfg;
	report_ctx ctx;
	char *out;
	size_t len;
} scanned;

static void scan_fixture(scanned *s, const char *path)
{
	diag_list warn;
	FILE *f;

	load1(&s->l, path);
	CU_ASSERT_EQUAL(s->l.err, 0);
	s->cfg = config_defaults();
	scan_result_init(&s->r);
	diag_list_init(&warn);
	CU_ASSERT_EQUAL(scan_run(s->l.m, s->cfg, 20260101, &s->r, &warn), 0);
	diag_list_release(&warn);
	report_ctx_init(&s->ctx, &s->l.run, s->cfg, &s->r);
	s->out = NULL;
	f = open_memstream(&s->out, &s->len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	render_csv_access(f, &s->ctx);
	fclose(f);
}

static void scanned_release(scanned *s)
{
	free(s->out);
	scan_result_release(&s->r);
	config_free(s->cfg);
	unload(&s->l);
}

static size_t synthetic_entries(const access_list *al)
{
	size_t i, n = 0;

	for (i = 0; i < al->count; i++)
		n += (al->items[i].resource->classification & CLASS_SYNTHETIC) != 0;
	return n;
}

/* Records of an RFC 4180 text: CRLF outside quotes ends one. -1 when a line
 * break outside quotes is not CRLF or the quotes do not balance. */
static long count_records(const char *s)
{
	long n = 0;
	int quoted = 0;

	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && *s == '\n')
			return -1;
		else if (!quoted && *s == '\r') {
			if (s[1] != '\n')
				return -1;
			s++;
			n++;
		}
	}
	return quoted ? -1 : n;
}

static void test_hostile_access_csv(void)
{
	scanned s;

	scan_fixture(&s, "fixtures/reports/hostile/inputs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.out);
	CU_ASSERT_EQUAL(strncmp(s.out, HEADER, strlen(HEADER)), 0);
	CU_ASSERT(synthetic_entries(&s.r.access) > 0);
	CU_ASSERT_EQUAL(count_records(s.out), (long)synthetic_entries(&s.r.access) + 1);
	/* the role named like a formula is defused; the name with a quote, comma and newline survives */
	CU_ASSERT_PTR_NOT_NULL(strstr(s.out, ",\"'=cmd|' /C calc'!A0\",role,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s.out, ",\"'@SUM(1+1)*cmd|' /C calc'!A0\",user,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s.out, ",\"a,b\"\"c\nd|e`f` \t:emoji: @team\",role,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s.out, "\"arn:aws:s3:::synth-<img src=x onerror=alert(1)>|,\"\"q\"\"\nz\""));
	/* every row leaves the three review columns empty */
	CU_ASSERT_PTR_NOT_NULL(strstr(s.out, ",,,\r\n"));
	scanned_release(&s);
}

static void test_only_synthetic_stores(void)
{
	scanned s;

	scan_fixture(&s, "fixtures/azure/estate");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.out);
	CU_ASSERT(s.r.access.count > synthetic_entries(&s.r.access));   /* some entries are left out */
	CU_ASSERT_EQUAL(count_records(s.out), (long)synthetic_entries(&s.r.access) + 1);
	CU_ASSERT_PTR_NULL(strstr(s.out, "stproddata"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s.out, "/storageAccounts/stsynthdata,synthetic,"));
	scanned_release(&s);
}

static void test_empty_scan(void)
{
	report_ctx c;
	scan_result r;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	scan_result_init(&r);
	report_ctx_init(&c, NULL, NULL, &r);
	render_csv_access(f, &c);
	fclose(f);
	CU_ASSERT_EQUAL(count_records(out), 1);  /* the header alone */
	free(out);
	scan_result_release(&r);
}

TEST_SUITE(render_csv)
{
	static const test_case cases[] = {
		{ "render_csv__quoting", test_quoting },
		{ "render_csv__formula_guard", test_formula_guard },
		{ "render_csv__hostile_access_csv", test_hostile_access_csv },
		{ "render_csv__only_synthetic_stores", test_only_synthetic_stores },
		{ "render_csv__empty_scan", test_empty_scan },
		{ NULL, NULL }
	};
	return test_register("render_csv", cases);
}
