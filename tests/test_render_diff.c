/* Tests for render_diff: the JSON shape, the Markdown's escaping, the text verdict. */
#include "render/render_diff.h"
#include "tests/test_util.h"

#include <jansson.h>
#include <stdlib.h>

#define SYNTH "arn:aws:s3:::synth-train"
#define PARTNER "arn:aws:iam::999988887777:root"

static const char *const no_controls[] = { NULL };
static const char *const READ[] = { "s3:GetObject" };

typedef struct fixture {
	scan_result b, h;
	ingest_run rb, rh;
	scan_diff d;
	render_diff_ctx c;
} fixture;

/* HEAD adds read access for an outside account (and a weird principal id), and a finding. */
static void setup(fixture *x, const char *odd_principal)
{
	gnode *p, *s;
	gedge *e;

	scan_result_init(&x->b);
	scan_result_init(&x->h);
	x->b.g = graph_new();
	x->h.g = graph_new();
	graph_add_node(x->b.g, GN_RESOURCE, SYNTH)->classification = CLASS_SYNTHETIC;
	s = graph_add_node(x->h.g, GN_RESOURCE, SYNTH);
	s->classification = CLASS_SYNTHETIC;
	p = graph_add_node(x->h.g, GN_PRINCIPAL, odd_principal ? odd_principal : PARTNER);
	p->external = 1;
	p->external_why = "account 999988887777 is neither in the inputs nor in the organization";
	e = graph_add_edge(x->h.g, GE_ACCESS, p, s);
	e->levels = LEVEL_READ;
	e->actions = graph_strings(x->h.g, READ, 1);
	e->n_actions = 1;
	access_compute(x->b.g, &x->b.access);
	access_compute(x->h.g, &x->h.access);
	finding_add(&x->h.findings, "PG-CROSS-TENANT-REACH", "cross-tenant", SEV_HIGH, PARTNER, SYNTH, NULL,
		    "outside reach", "remove it", (pg_loc){ "head/authz.json", 3, 5 }, no_controls);
	ingest_run_init(&x->rb);
	ingest_run_init(&x->rh);
	scan_diff_init(&x->d);
	CU_ASSERT_EQUAL(scan_diff_compute(&x->b, &x->h, &x->d), 0);
	memset(&x->c, 0, sizeof(x->c));
	x->c.base.inputs = &x->rb;
	x->c.base.scan = &x->b;
	x->c.head.inputs = &x->rh;
	x->c.head.scan = &x->h;
	x->c.diff = &x->d;
	x->c.fail_on = SEV_HIGH;
	x->c.fails = scan_diff_fails(&x->d, SEV_HIGH);
}

static void teardown(fixture *x)
{
	scan_diff_release(&x->d);
	scan_result_release(&x->b);
	scan_result_release(&x->h);
	ingest_run_release(&x->rb);
	ingest_run_release(&x->rh);
}

/* What render writes, as a string the caller frees. */
static char *rendered(void (*render)(FILE *, const render_diff_ctx *), const render_diff_ctx *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	render(f, c);
	fclose(f);
	return buf;
}

static void test_json_shape(void)
{
	fixture x;
	json_error_t err;
	json_t *root, *added;
	char *s;

	setup(&x, NULL);
	s = rendered(render_diff_json, &x.c);
	root = json_loads(s, 0, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	ASSERT_STR(json_string_value(json_object_get(root, "schema")), "permgraph/1");
	CU_ASSERT_PTR_NOT_NULL(json_object_get(json_object_get(root, "base"), "inputs"));
	CU_ASSERT_PTR_NOT_NULL(json_object_get(json_object_get(root, "head"), "summary"));
	added = json_object_get(json_object_get(root, "access"), "added");
	CU_ASSERT_EQUAL_FATAL(json_array_size(added), 1);
	ASSERT_STR(json_string_value(json_object_get(json_array_get(added, 0), "principal")), PARTNER);
	CU_ASSERT_TRUE(json_is_true(json_object_get(json_array_get(added, 0), "outside_tenant")));
	ASSERT_STR(json_string_value(json_array_get(json_object_get(json_array_get(added, 0), "levels"), 0)), "read");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_object_get(root, "access"), "changed")), 0);
	added = json_object_get(json_object_get(root, "findings"), "added");
	CU_ASSERT_EQUAL_FATAL(json_array_size(added), 1);
	CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(added, 0), "base_severity")));
	CU_ASSERT_TRUE(json_is_true(json_object_get(json_object_get(root, "summary"), "fails")));
	ASSERT_STR(json_string_value(json_object_get(json_object_get(root, "summary"), "fail_on")), "high");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(json_object_get(root, "summary"), "access"),
							   "outside_tenant")), 1);
	/* keys sorted: "access" comes before "base" in the text */
	CU_ASSERT(strstr(s, "\"access\"") < strstr(s, "\"base\""));
	json_decref(root);
	free(s);
	teardown(&x);
}

static void test_md_escapes_input_strings(void)
{
	fixture x;
	char *s;

	setup(&x, "arn:aws:iam::999988887777:role/a|b<script>");
	s = rendered(render_diff_md, &x.c);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "## permgraph diff: fails"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "`arn:aws:iam::999988887777:role/a\\|b<script>`"));   /* code span, pipe escaped */
	CU_ASSERT_PTR_NULL(strstr(s, "a|b"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "### Findings added (1)"));
	free(s);
	teardown(&x);
}

static void test_text_verdict(void)
{
	fixture x;
	char *s;

	setup(&x, NULL);
	s = rendered(render_diff_text, &x.c);
	CU_ASSERT_EQUAL(strncmp(s, "permgraph diff: FAIL: adds or widens 1 access entry", 51), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "adds 1 finding at or above high"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "  + allow       " PARTNER " -> " SYNTH " (read)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "outside the store's tenant: account 999988887777"));
	free(s);
	x.c.fails = 0;
	x.c.fail_on = SEV_NONE;
	s = rendered(render_diff_text, &x.c);
	CU_ASSERT_EQUAL(strncmp(s, "permgraph diff: PASS", 20), 0);
	free(s);
	teardown(&x);
}

TEST_SUITE(render_diff)
{
	static const test_case cases[] = {
		{ "render_diff__json_shape", test_json_shape },
		{ "render_diff__md_escapes_input_strings", test_md_escapes_input_strings },
		{ "render_diff__text_verdict", test_text_verdict },
		{ NULL, NULL }
	};
	return test_register("render_diff", cases);
}
