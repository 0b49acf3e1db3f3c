/*
 * Tests for render/render_md: code spans that neutralize Markdown, HTML and
 * table pipes from the inputs; the summary's counts, category table, the cap
 * on top findings, suppressed findings kept out, principals reaching
 * synthetic stores, what was not checked and the config.
 */
#include "render/render_md.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <stdlib.h>

static void check_code(const char *in, int in_table, const char *want)
{
	strbuf sb = STRBUF_INIT;

	render_md_code(&sb, in, in_table);
	ASSERT_STR(sb.buf, want);
	strbuf_release(&sb);
}

static void test_code_spans(void)
{
	check_code("arn:aws:iam::1:role/app", 0, "`arn:aws:iam::1:role/app`");
	check_code("a|b", 1, "`a\\|b`");
	check_code("a|b", 0, "`a|b`");
	check_code("x`y", 0, "``x`y``");
	check_code("a``b`", 0, "``` a``b` ```");
	check_code("`start", 0, "`` `start ``");
	check_code(" both ", 0, "`  both  `");
	check_code(" ", 0, "` `");
	check_code("two\nlines\r\tand\x01", 1, "`two\\nlines\\r\\tand\\x01`");
	check_code("<script>alert(1)</script> **b** [l](javascript:x) @team :smile:", 1,
		   "`<script>alert(1)</script> **b** [l](javascript:x) @team :smile:`");
	check_code(NULL, 1, "\xE2\x80\x94");
	check_code("", 1, "\xE2\x80\x94");
}

static char *summary(const report_ctx *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	render_md_summary(f, c);
	fclose(f);
	return buf;
}

/* n lines of the table whose rows start with "| " + first cell */
static size_t count_rows(const char *text, const char *prefix)
{
	size_t n = 0;
	const char *p = text;

	while ((p = strstr(p, prefix))) {
		n += p == text || p[-1] == '\n';
		p++;
	}
	return n;
}

static void test_summary_counts_and_cap(void)
{
	pg_loc at = { "exports/authz.json", 7, 3 }, none = { NULL, 0, 0 };
	scan_result r;
	report_ctx c;
	config *cfg = config_defaults();
	char who[64], *text;
	int i;

	scan_result_init(&r);
	for (i = 0; i < 24; i++) {
		snprintf(who, sizeof(who), "arn:aws:iam::1:role/r%02d", i);
		finding_add(&r.findings, "PG-WILDCARD-SERVICE", "wildcard", SEV_MEDIUM, who, NULL, NULL, "m", "fix", at,
			    NULL);
	}
	finding_add(&r.findings, "PG-CROSS-TENANT-REACH", "cross-tenant", SEV_CRITICAL, "arn:aws:iam::9:root",
		    "arn:aws:s3:::synth|x", NULL, "m", "fix", at, NULL);
	finding_add(&r.findings, "PG-LATER", "not-a-category", SEV_LOW, NULL, NULL, NULL, "m", "fix", none, NULL);
	finding_add(&r.findings, "PG-WILDCARD-ACTION", "wildcard", SEV_HIGH, "arn:aws:iam::1:role/suppressed", NULL,
		    NULL, "m", "fix", at, NULL);
	r.findings.items[r.findings.count - 1].suppressed = 1;
	finding_list_sort(&r.findings);
	report_ctx_init(&c, NULL, cfg, &r);
	c.version = "9.9.9";
	text = summary(&c);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "**26 findings**: 1 critical, 0 high, 24 medium, 1 low "
					    "(1 more suppressed by the config)."));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "| wildcard | 0 | 0 | 24 | 0 |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "| cross-tenant | 1 | 0 | 0 | 0 |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "| other | 0 | 0 | 0 | 1 |\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "| privilege-escalation |"));     /* empty rows are left out */
	/* at most RENDER_MD_TOP, highest severity first, and the rest pointed at */
	CU_ASSERT_EQUAL(count_rows(text, "| critical | "), 1);
	CU_ASSERT_EQUAL(count_rows(text, "| medium | "), RENDER_MD_TOP - 1);
	CU_ASSERT_EQUAL(count_rows(text, "| low | "), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "20 of 26 findings shown"));
	CU_ASSERT_PTR_NULL(strstr(text, "suppressed`"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "| critical | `PG-CROSS-TENANT-REACH` | `arn:aws:iam::9:root` \xE2\x86\x92 "
					    "`arn:aws:s3:::synth\\|x` | `exports/authz.json:7` |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "### Not checked"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Built-in defaults (no permgraph.yaml"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "<sub>permgraph 9.9.9</sub>\n"));
	free(text);
	scan_result_release(&r);
	config_free(cfg);
}

static void test_reach_counts(void)
{
	graph *g = graph_new();
	gnode *alice = graph_add_node(g, GN_PRINCIPAL, "alice"), *bob = graph_add_node(g, GN_PRINCIPAL, "bob");
	gnode *carol = graph_add_node(g, GN_PRINCIPAL, "carol");
	gnode *syn = graph_add_node(g, GN_RESOURCE, "arn:aws:s3:::synth");
	gnode *syn2 = graph_add_node(g, GN_RESOURCE, "arn:aws:s3:::synth2");
	gnode *prod = graph_add_node(g, GN_RESOURCE, "arn:aws:s3:::prod");
	access_entry *e;
	scan_result r;
	report_ctx c;
	char *text;

	syn->classification = syn2->classification = CLASS_SYNTHETIC;
	prod->classification = CLASS_PRODUCTION;
	scan_result_init(&r);
	r.g = g;
	r.access.items = e = calloc(5, sizeof(*e));
	r.access.count = r.access.cap = 5;
	/* alice: one certain, one conditional; bob: conditional only; carol: production only */
	e[0].principal = alice; e[0].resource = syn; e[0].dec = DEC_CONDITIONAL;
	e[1].principal = alice; e[1].resource = syn2; e[1].dec = DEC_ALLOW;
	e[2].principal = bob; e[2].resource = syn; e[2].dec = DEC_CONDITIONAL;
	e[3].principal = bob; e[3].resource = syn2; e[3].dec = DEC_CONDITIONAL;
	e[4].principal = carol; e[4].resource = prod; e[4].dec = DEC_ALLOW;
	report_ctx_init(&c, NULL, NULL, &r);
	text = summary(&c);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "**2 principal(s) can reach synthetic stores** (1 only under conditions)."));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "**0 findings**"));
	CU_ASSERT_PTR_NULL(strstr(text, "### Top findings"));
	free(text);
	scan_result_release(&r);
}

static void test_config_file(void)
{
	static const char yaml[] = "fail_on: high\n";
	scan_result r;
	report_ctx c;
	config *cfg = NULL;
	diag_list dl;
	char *text;

	diag_list_init(&dl);
	CU_ASSERT_EQUAL_FATAL(config_load_buffer(&cfg, "cfg|`x`.yaml", yaml, strlen(yaml), &dl), 0);
	diag_list_release(&dl);
	scan_result_init(&r);
	report_ctx_init(&c, NULL, cfg, &r);
	text = summary(&c);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "``cfg|`x`.yaml`` (sha256 `"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "built-in defaults used for synthetic classification, production "
					    "classification, provenance tags."));
	free(text);
	scan_result_release(&r);
	config_free(cfg);
}

TEST_SUITE(render_md)
{
	static const test_case cases[] = {
		{ "render_md__code_spans", test_code_spans },
		{ "render_md__summary_counts_and_cap", test_summary_counts_and_cap },
		{ "render_md__reach_counts", test_reach_counts },
		{ "render_md__config_file", test_config_file },
		{ NULL, NULL }
	};
	return test_register("render_md", cases);
}
