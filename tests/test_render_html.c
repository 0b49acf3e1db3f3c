/* test_render_html — the HTML report: escaping, sections, caps, the CSP hash, determinism. */
#include "test_util.h"
#include "test_ingest_util.h"

#include "checks/scan.h"
#include "model/config.h"
#include "render/render_html.h"
#include "render/report.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *escaped(const char *s)
{
	strbuf sb = STRBUF_INIT;

	render_html_escape(&sb, s);
	return strbuf_detach(&sb, NULL);
}

static char *script_json(const char *s)
{
	strbuf sb = STRBUF_INIT;

	render_html_script_json(&sb, s);
	return strbuf_detach(&sb, NULL);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* The report of a scan result, in memory (malloc'd). */
static char *render(const ingest_run *run, const config *cfg, const scan_result *r)
{
	report_ctx c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	report_ctx_init(&c, run, cfg, r);
	CU_ASSERT_EQUAL(render_html_scan(f, &c), 0);
	fclose(f);
	return buf;
}

/* Scan a fixture with the built-in config and render it. */
static char *render_fixture(const char *path)
{
	loaded l;
	config *cfg = config_defaults();
	scan_result r;
	diag_list warn;
	char *html;

	load1(&l, path);
	CU_ASSERT_EQUAL(l.err, 0);
	scan_result_init(&r);
	diag_list_init(&warn);
	CU_ASSERT_EQUAL(scan_run(l.m, cfg, 20260101, &r, &warn), 0);
	html = render(&l.run, cfg, &r);
	scan_result_release(&r);
	diag_list_release(&warn);
	config_free(cfg);
	unload(&l);
	return html;
}

static void escape_text_and_attributes(void)
{
	char *s;

	s = escaped("<script>alert(1)</script>");
	ASSERT_STR(s, "&lt;script&gt;alert(1)&lt;/script&gt;");
	free(s);
	s = escaped("\"><img src=x onerror='a&b'>");
	ASSERT_STR(s, "&quot;&gt;&lt;img src=x onerror=&#39;a&amp;b&#39;&gt;");
	free(s);
	s = escaped("caf\xC3\xA9 \xE2\x80\xA8 plain-id/with:colons");
	ASSERT_STR(s, "caf\xC3\xA9 \xE2\x80\xA8 plain-id/with:colons");
	free(s);
	s = escaped("a\x01" "b\x7f" "c\td\n");
	ASSERT_STR(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\td\n");
	free(s);
	s = escaped("&amp;");
	ASSERT_STR(s, "&amp;amp;");
	free(s);
	s = escaped(NULL);
	ASSERT_STR(s, "");
	free(s);
}

static void script_json_cannot_close_the_script(void)
{
	const char *in = "{\"name\":\"</script><!--<script>&x\xE2\x80\xA8y\xE2\x80\xA9z\xE2\x80\xA0\"}";
	json_t *a, *b;
	char *s = script_json(in);

	ASSERT_STR(s, "{\"name\":\"\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003e\\u0026x\\u2028y\\u2029z"
		      "\xE2\x80\xA0\"}");
	CU_ASSERT_PTR_NULL(strpbrk(s, "<>&"));
	/* Still the same JSON value. */
	a = json_loads(in, 0, NULL);
	b = json_loads(s, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_TRUE(json_equal(a, b));
	json_decref(a);
	json_decref(b);
	free(s);
	s = script_json("\"\xE2\x80\"");      /* a truncated sequence stays as it is */
	ASSERT_STR(s, "\"\xE2\x80\"");
	free(s);
}

static void sections_present(void)
{
	char *html;

	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	html = render_fixture("fixtures/azure/estate");
	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	CU_ASSERT_EQUAL(strncmp(html, "<!DOCTYPE html>", 15), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<section id=\"summary\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<table class=\"findings sortable\" id=\"findings\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<select id=\"f-sev\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<details class=\"evidence\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<article class=\"store\" id=\"store-0\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<table class=\"matrix\" id=\"matrix\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<section id=\"evidence\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<script type=\"application/json\" id=\"pg-evidence\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<ul class=\"inline\" id=\"checks-missing\">"));
	/* evidence: time, version, config, every input with its digest */
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<time>2026-01-01T00:00:00Z</time>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "permgraph " PG_VERSION));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "built-in defaults (no config file)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<code>fixtures/azure/estate/role-assignments.json</code></td>"
					    "<td>azure-role-assignments</td><td><code class=\"digest\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "\"schema\":\"permgraph/1\""));
	/* every slot filled; nothing from outside the page */
	CU_ASSERT_PTR_NULL(strstr(html, "@SUMMARY@"));
	CU_ASSERT_PTR_NULL(strstr(html, "@JS@"));
	CU_ASSERT_PTR_NULL(strstr(html, " src="));
	CU_ASSERT_PTR_NULL(strstr(html, "href=\"http"));
	CU_ASSERT_PTR_NULL(strstr(html, "url("));
	CU_ASSERT_PTR_NULL(strstr(html, "<?xml"));
	CU_ASSERT_PTR_NULL(strstr(html, "<!DOCTYPE svg"));
	CU_ASSERT_PTR_NULL(strstr(html, "<!--"));
	free(html);
}

/* The CSP names the sha256 of the one executable script, byte for byte. */
static void csp_hash_matches_script(void)
{
	char *html = render_fixture("fixtures/azure/estate"), *start, *end, want[256];
	unsigned char md[EVP_MAX_MD_SIZE], b64[128];
	unsigned int mdlen = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	start = strstr(html, "\n<script>");
	CU_ASSERT_PTR_NOT_NULL_FATAL(start);
	start += strlen("\n<script>");
	end = strstr(start, "</script>");
	CU_ASSERT_PTR_NOT_NULL_FATAL(end);
	CU_ASSERT_TRUE(EVP_Digest(start, (size_t)(end - start), md, &mdlen, EVP_sha256(), NULL));
	EVP_EncodeBlock(b64, md, (int)mdlen);
	snprintf(want, sizeof(want), "script-src 'sha256-%s'", (const char *)b64);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, want));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "default-src 'none'"));
	free(html);
}

static void deterministic(void)
{
	char *a, *b;

	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	a = render_fixture("fixtures/azure/estate");
	b = render_fixture("fixtures/azure/estate");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(strlen(a), strlen(b));
	CU_ASSERT_STRING_EQUAL(a, b);
	free(a);
	free(b);
}

/* Names from the inputs show as text: no element, script or attribute of theirs reaches the page. */
static void hostile_names_escaped(void)
{
	char *html = render_fixture("fixtures/reports/hostile-html");

	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "&quot;&gt;&lt;img src=x onerror=window.__pwned=1&gt;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "synth-&quot;&gt;&lt;svg onload=window.__pwned=1&gt;&amp;amp;&#39;x&#39;"));
	CU_ASSERT_PTR_NULL(strstr(html, "<img"));
	CU_ASSERT_PTR_NULL(strstr(html, "<svg onload"));
	CU_ASSERT_PTR_NULL(strstr(html, "onerror=window.__pwned=1>"));
	CU_ASSERT_PTR_NULL(strstr(html, "<script>window"));
	/* exactly the page's own two script elements, opened and closed */
	CU_ASSERT_EQUAL(count(html, "<script"), 2);
	CU_ASSERT_EQUAL(count(html, "</script"), 2);
	/* the hostile synthetic store is a store of the report */
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<article class=\"store\" id=\"store-1\">"));
	free(html);
}

/* Nothing read: every section still renders and says there is nothing. */
static void empty_inputs(void)
{
	ingest_run run;
	config *cfg = config_defaults();
	scan_result r;
	char *html;

	ingest_run_init(&run);
	scan_result_init(&r);
	r.g = graph_new();
	html = render(&run, cfg, &r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<p id=\"no-findings\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<p id=\"no-stores\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "0 input files"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "</html>\n"));
	free(html);
	scan_result_release(&r);
	ingest_run_release(&run);
	config_free(cfg);
}

/* A large estate is capped, and the page says so. */
static void large_estate_capped(void)
{
	ingest_run run;
	config *cfg = config_defaults();
	scan_result r;
	gnode *stores[60];
	char id[64], *html;
	size_t i;

	ingest_run_init(&run);
	scan_result_init(&r);
	r.g = graph_new();
	for (i = 0; i < 60; i++) {
		snprintf(id, sizeof(id), "arn:aws:s3:::synth-%02zu", i);
		stores[i] = graph_add_node(r.g, GN_RESOURCE, graph_strdup(r.g, id));
		stores[i]->classification = CLASS_SYNTHETIC;
	}
	r.access.cap = 600;
	r.access.items = calloc(r.access.cap, sizeof(*r.access.items));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r.access.items);
	for (i = 0; i < 600; i++) {
		access_entry *e = &r.access.items[r.access.count++];
		snprintf(id, sizeof(id), "arn:aws:iam::111111111111:user/u%03zu", i);
		e->principal = graph_add_node(r.g, GN_PRINCIPAL, graph_strdup(r.g, id));
		e->resource = stores[i % 30];
		e->dec = i % 7 ? DEC_ALLOW : DEC_CONDITIONAL;
		e->levels = LEVEL_LIST | LEVEL_READ;
	}
	for (i = 0; i < 5001; i++) {
		snprintf(id, sizeof(id), "arn:aws:iam::111111111111:user/u%04zu", i);
		finding_add(&r.findings, "PG-TEST", "wildcard", SEV_LOW, id, NULL, NULL, "m", NULL,
			    (pg_loc){ NULL, 0, 0 }, NULL);
	}
	html = render(&run, cfg, &r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "id=\"findings-capped\">This page shows the first 5000 of 5001 findings"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "id=\"stores-capped\">This page shows the first 50 of 60"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "it shows 500 of 600 principals and 40 of 60 synthetic stores"));
	CU_ASSERT_EQUAL(count(html, "<article class=\"store\""), 50);
	CU_ASSERT_EQUAL(count(html, "<tr><th scope=\"row\"><code>arn:aws:iam::111111111111:user/u"), 500);
	CU_ASSERT_EQUAL(count(html, "<tr id=\"finding-"), 5000);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td class=\"lv-r dec-conditional\" title=\"list, read (conditional)\">LR?</td>"));
	free(html);
	scan_result_release(&r);
	ingest_run_release(&run);
	config_free(cfg);
}

TEST_SUITE(render_html)
{
	static const test_case cases[] = {
		{ "render_html__escape_text_and_attributes", escape_text_and_attributes },
		{ "render_html__script_json_cannot_close_the_script", script_json_cannot_close_the_script },
		{ "render_html__sections_present", sections_present },
		{ "render_html__csp_hash_matches_script", csp_hash_matches_script },
		{ "render_html__deterministic", deterministic },
		{ "render_html__hostile_names_escaped", hostile_names_escaped },
		{ "render_html__empty_inputs", empty_inputs },
		{ "render_html__large_estate_capped", large_estate_capped },
		{ NULL, NULL }
	};
	return test_register("render_html", cases);
}
