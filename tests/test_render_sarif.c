/*
 * Tests for render/render_sarif (and render_rules' mappings): level and
 * security-severity mapping, artifact URIs, rules (one per rule id, default
 * level from the worst severity, help for unknown rules), results (ruleIndex,
 * fingerprints, regions, a finding without a location), suppressions with
 * the config's reason and position, the diff options, non-UTF-8 text, and
 * determinism. The output is parsed back with jansson.
 */
#include "render/render_sarif.h"
#include "render/render_rules.h"
#include "tests/test_util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const controls[] = { "NIST SP 800-53 AC-3", "NIST SP 800-53 AC-21", NULL };

static const char suppressing_config[] =
	"suppressions:\n"
	"  - rule: PG-WILDCARD-ACTION\n"
	"    principal: \"arn:aws:iam::111111111111:role/admin\"\n"
	"    reason: \"break-glass role, reviewed quarterly\"\n"
	"    expires: 2099-12-31\n";

typedef struct fixture {
	scan_result r;
	ingest_run run;
	config *cfg;
	report_ctx ctx;
} fixture;

/* Five findings: two of one known rule (critical and high), an unknown rule
 * without a file position, a located-nowhere one, and a suppressed one. */
static void fixture_open(fixture *fx)
{
	pg_loc at = { "dir/a b.json", 12, 5 }, line_only = { "./b.json", 3, 0 }, none = { NULL, 0, 0 };
	const char *acts[] = { "s3:GetObject" };
	diag_list dl;
	finding *f;

	scan_result_init(&fx->r);
	ingest_run_init(&fx->run);
	diag_list_init(&dl);
	CU_ASSERT_EQUAL_FATAL(config_load_buffer(&fx->cfg, "conf/permgraph.yaml", suppressing_config,
						 strlen(suppressing_config), &dl), 0);
	diag_list_release(&dl);
	f = finding_add(&fx->r.findings, "PG-PUBLIC-PRINCIPAL", "public-access", SEV_CRITICAL, "*", "arn:aws:s3:::synth",
			"sid:A", "public read of 'arn:aws:s3:::synth'", "name the principals", at, controls);
	finding_set_actions(f, acts, 1);
	finding_add_step(f, "*", "arn:aws:s3:::synth", "access");
	finding_add(&fx->r.findings, "PG-PUBLIC-PRINCIPAL", "public-access", SEV_HIGH, "*", "arn:aws:s3:::other", NULL,
		    "public read of 'arn:aws:s3:::other'", "name the principals", line_only, controls);
	finding_add(&fx->r.findings, "PG-LATER-RULE", "shared-key", SEV_LOW, "arn:aws:iam::1:role/p", "arn:aws:kms:k",
		    NULL, "a rule this renderer does not know", "rotate the key", none, NULL);
	finding_add(&fx->r.findings, "PG-SEGREGATION-MIXED-STORE", "segregation", SEV_MEDIUM, NULL, NULL, NULL,
		    "nowhere", "split the store", none, controls);
	finding_add(&fx->r.findings, "PG-WILDCARD-ACTION", "wildcard", SEV_HIGH, "arn:aws:iam::111111111111:role/admin",
		    NULL, NULL, "allows every action", "list the actions", at, controls);
	fx->r.findings.items[4].suppressed = 1;
	finding_list_sort(&fx->r.findings);
	report_ctx_init(&fx->ctx, &fx->run, fx->cfg, &fx->r);
	fx->ctx.version = "9.9.9";
}

static void fixture_close(fixture *fx)
{
	scan_result_release(&fx->r);
	ingest_run_release(&fx->run);
	config_free(fx->cfg);
}

static char *render(const report_ctx *c, const render_sarif_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	render_sarif_scan(f, c, o);
	fclose(f);
	return buf;
}

static json_t *parse(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);

	if (!j)
		fprintf(stderr, "not JSON: %s at %d:%d\n", err.text, err.line, err.column);
	return j;
}

/* The result whose fingerprint is a finding's id. */
static json_t *result_of(json_t *run, const finding *f)
{
	json_t *results = json_object_get(run, "results"), *r;
	size_t i;

	json_array_foreach(results, i, r)
		if (!strcmp(json_string_value(json_object_get(json_object_get(r, "partialFingerprints"), "permgraph/v1")),
			    f->id))
			return r;
	return NULL;
}

static const finding *by_rule(const finding_list *l, const char *rule, severity s)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (!strcmp(l->items[i].rule, rule) && l->items[i].sev == s)
			return &l->items[i];
	return NULL;
}

static void test_level_mapping(void)
{
	ASSERT_STR(render_rules_level(SEV_CRITICAL), "error");
	ASSERT_STR(render_rules_level(SEV_HIGH), "error");
	ASSERT_STR(render_rules_level(SEV_MEDIUM), "warning");
	ASSERT_STR(render_rules_level(SEV_LOW), "note");
	ASSERT_STR(render_rules_level(SEV_NONE), "none");
	ASSERT_STR(render_rules_security_severity(SEV_CRITICAL), "9.5");
	ASSERT_STR(render_rules_security_severity(SEV_HIGH), "8.0");
	ASSERT_STR(render_rules_security_severity(SEV_MEDIUM), "5.5");
	ASSERT_STR(render_rules_security_severity(SEV_LOW), "3.0");
	CU_ASSERT_PTR_NOT_NULL(render_rules_find("PG-WILDCARD-ACTION"));
	CU_ASSERT_PTR_NULL(render_rules_find("PG-WILDCARD"));
	CU_ASSERT_PTR_NULL(render_rules_find(NULL));
}

static void check_uri(const char *path, const char *want, int want_relative)
{
	strbuf sb = STRBUF_INIT;

	CU_ASSERT_EQUAL(render_sarif_uri(&sb, path), want_relative);
	ASSERT_STR(sb.buf, want);
	strbuf_release(&sb);
}

static void test_uri(void)
{
	check_uri("fixtures/aws/authz.json", "fixtures/aws/authz.json", 1);
	check_uri("././/exports/a b#1?.json", "exports/a%20b%231%3F.json", 1);
	check_uri("c:x/50%.json", "c%3Ax/50%25.json", 1);       /* no scheme, no stray '%' */
	check_uri("caf\xC3\xA9/x\"<>.json", "caf%C3%A9/x%22%3C%3E.json", 1);
	check_uri("/abs/dir/a.json", "file:///abs/dir/a.json", 0);
}

static void test_rules_and_results(void)
{
	fixture fx;
	char *text;
	json_t *root, *run, *rules, *r, *loc;
	const finding *crit, *high, *later, *nowhere;

	fixture_open(&fx);
	text = render(&fx.ctx, NULL);
	root = parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	ASSERT_STR(json_string_value(json_object_get(root, "version")), "2.1.0");
	run = json_array_get(json_object_get(root, "runs"), 0);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(root, "runs")), 1);
	ASSERT_STR(json_string_value(json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "name")),
		   "permgraph");
	rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
	/* one rule per rule id that occurs, in order of first (worst) appearance */
	CU_ASSERT_EQUAL_FATAL(json_array_size(rules), 4);
	ASSERT_STR(json_string_value(json_object_get(json_array_get(rules, 0), "id")), "PG-PUBLIC-PRINCIPAL");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(json_array_get(rules, 0), "defaultConfiguration"),
						     "level")), "error");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(json_array_get(rules, 0), "properties"),
						     "security-severity")), "9.5");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_object_get(json_array_get(rules, 0), "properties"), "tags")),
			4);     /* security, public-access, two controls */
	/* an unknown rule: title from the category, help from the remediation */
	ASSERT_STR(json_string_value(json_object_get(json_object_get(json_array_get(rules, 3), "shortDescription"),
						     "text")), "shared-key finding");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(json_array_get(rules, 3), "help"), "text")),
		   "rotate the key");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(run, "results")), 5);

	crit = by_rule(&fx.r.findings, "PG-PUBLIC-PRINCIPAL", SEV_CRITICAL);
	high = by_rule(&fx.r.findings, "PG-PUBLIC-PRINCIPAL", SEV_HIGH);
	later = by_rule(&fx.r.findings, "PG-LATER-RULE", SEV_LOW);
	nowhere = by_rule(&fx.r.findings, "PG-SEGREGATION-MIXED-STORE", SEV_MEDIUM);
	r = result_of(run, crit);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(json_string_value(json_object_get(r, "level")), "error");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(r, "ruleIndex")), 0);
	loc = json_object_get(json_array_get(json_object_get(r, "locations"), 0), "physicalLocation");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(loc, "artifactLocation"), "uri")),
		   "dir/a%20b.json");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(loc, "artifactLocation"), "uriBaseId")),
		   "%SRCROOT%");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(loc, "region"), "startLine")), 12);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(loc, "region"), "startColumn")), 5);
	ASSERT_STR(json_string_value(json_object_get(json_object_get(r, "properties"), "principal")), "*");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_object_get(r, "properties"), "path")), 1);
	CU_ASSERT_PTR_NULL(json_object_get(r, "suppressions"));

	r = result_of(run, high);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(r, "ruleIndex")), 0);
	loc = json_object_get(json_array_get(json_object_get(r, "locations"), 0), "physicalLocation");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(loc, "artifactLocation"), "uri")), "b.json");
	CU_ASSERT_PTR_NULL(json_object_get(json_object_get(loc, "region"), "startColumn"));

	/* no file position: one location with the principal and resource as logical locations */
	r = result_of(run, later);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(json_string_value(json_object_get(r, "level")), "note");
	loc = json_array_get(json_object_get(r, "locations"), 0);
	CU_ASSERT_PTR_NULL(json_object_get(loc, "physicalLocation"));
	CU_ASSERT_EQUAL(json_array_size(json_object_get(loc, "logicalLocations")), 2);
	ASSERT_STR(json_string_value(json_object_get(json_array_get(json_object_get(loc, "logicalLocations"), 1),
						     "kind")), "resource");
	/* neither a position nor a subject: no locations at all */
	r = result_of(run, nowhere);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(json_string_value(json_object_get(r, "level")), "warning");
	CU_ASSERT_PTR_NULL(json_object_get(r, "locations"));
	json_decref(root);
	free(text);
	fixture_close(&fx);
}

static void test_suppression(void)
{
	fixture fx;
	char *text;
	json_t *root, *sup;
	const finding *wild;

	fixture_open(&fx);
	wild = by_rule(&fx.r.findings, "PG-WILDCARD-ACTION", SEV_HIGH);
	text = render(&fx.ctx, NULL);
	root = parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	sup = json_array_get(json_object_get(result_of(json_array_get(json_object_get(root, "runs"), 0), wild),
					     "suppressions"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sup);
	ASSERT_STR(json_string_value(json_object_get(sup, "kind")), "external");
	ASSERT_STR(json_string_value(json_object_get(sup, "status")), "accepted");
	ASSERT_STR(json_string_value(json_object_get(sup, "justification")), "break-glass role, reviewed quarterly");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(sup, "properties"), "expires")), "2099-12-31");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(json_object_get(json_object_get(sup, "location"),
			"physicalLocation"), "artifactLocation"), "uri")), "conf/permgraph.yaml");
	json_decref(root);
	free(text);
	fixture_close(&fx);
}

static void test_diff_options_and_determinism(void)
{
	fixture fx;
	finding_list only;
	render_sarif_opts o;
	char *a, *b, *text;
	json_t *root, *run, *r;

	fixture_open(&fx);
	a = render(&fx.ctx, NULL);
	b = render(&fx.ctx, NULL);
	ASSERT_STR(a, b);
	CU_ASSERT_PTR_NULL(strstr(a, "Time"));          /* no startTimeUtc and the like */
	/* diff: the new findings only, marked new */
	finding_list_init(&only);
	finding_add(&only, "PG-WILDCARD-SERVICE", "wildcard", SEV_MEDIUM, "arn:p", NULL, NULL, "m", "fix",
		    fx.r.findings.items[0].loc, NULL);
	o.findings = &only;
	o.baseline_state = "new";
	text = render(&fx.ctx, &o);
	root = parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	run = json_array_get(json_object_get(root, "runs"), 0);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(run, "results")), 1);
	r = json_array_get(json_object_get(run, "results"), 0);
	ASSERT_STR(json_string_value(json_object_get(r, "baselineState")), "new");
	ASSERT_STR(json_string_value(json_object_get(r, "ruleId")), "PG-WILDCARD-SERVICE");
	json_decref(root);
	finding_list_release(&only);
	free(a);
	free(b);
	free(text);
	fixture_close(&fx);
}

static void test_not_utf8_still_json(void)
{
	fixture fx;
	pg_loc at = { "bad\xff.json", 1, 1 };
	char *text;
	json_t *root;

	fixture_open(&fx);
	finding_add(&fx.r.findings, "PG-WILDCARD-SERVICE", "wildcard", SEV_MEDIUM, "arn:aws:iam::1:role/r\xc3(",
		    NULL, NULL, "role r\xc3( allows s3:*", "fix", at, NULL);
	text = render(&fx.ctx, NULL);
	root = parse(text);
	CU_ASSERT_PTR_NOT_NULL(root);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "bad%FF.json"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "role r\xEF\xBF\xBD( allows"));
	json_decref(root);
	free(text);
	fixture_close(&fx);
}

TEST_SUITE(render_sarif)
{
	static const test_case cases[] = {
		{ "render_sarif__level_mapping", test_level_mapping },
		{ "render_sarif__uri", test_uri },
		{ "render_sarif__rules_and_results", test_rules_and_results },
		{ "render_sarif__suppression", test_suppression },
		{ "render_sarif__diff_options_and_determinism", test_diff_options_and_determinism },
		{ "render_sarif__not_utf8_still_json", test_not_utf8_still_json },
		{ NULL, NULL }
	};
	return test_register("render_sarif", cases);
}
