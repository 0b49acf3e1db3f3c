/* Tests for check_graph: privilege-escalation findings from the graph. */
#include "checks/check_graph.h"
#include "tests/test_util.h"

static gnode *p(graph *g, const char *id)
{
	return graph_add_node(g, GN_PRINCIPAL, id);
}

static void grant(graph *g, gnode *who, gnode *res, unsigned levels, const char *action)
{
	gedge *e = graph_add_edge(g, GE_ACCESS, who, res);
	const char *a[1];

	a[0] = action;
	e->levels = levels;
	e->actions = graph_strings(g, a, 1);
	e->n_actions = 1;
}

static void run(graph *g, finding_list *out)
{
	access_list l;

	access_list_init(&l);
	access_compute(g, &l);
	check_privesc(g, &l, out);
	access_list_release(&l);
}

static void test_escalation_to_synthetic_write_is_critical(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "arn:aws:iam::111111111111:user/dev"), *admin = p(g, "arn:aws:iam::111111111111:permgraph/administrator");
	gnode *b = graph_add_node(g, GN_RESOURCE, "arn:aws:s3:::synth");
	gedge *esc;
	const char *acts[1] = { "iam:CreatePolicyVersion" };
	finding_list f;

	b->classification = CLASS_SYNTHETIC;
	admin->type = "administrator";
	grant(g, u, b, LEVEL_LIST, "s3:ListBucket");
	esc = graph_add_edge(g, GE_CAN_ACT_AS, u, admin);
	esc->technique = "iam-001";
	esc->actions = graph_strings(g, acts, 1);
	esc->n_actions = 1;
	esc->loc.file = "authz.json";
	esc->loc.line = 12;
	grant(g, admin, b, LEVEL_LIST | LEVEL_READ | LEVEL_WRITE | LEVEL_TAGGING, "*");
	finding_list_init(&f);
	run(g, &f);
	CU_ASSERT_EQUAL_FATAL(f.count, 1);
	ASSERT_STR(f.items[0].rule, "PG-PRIVESC-SYNTHETIC");
	ASSERT_STR(f.items[0].category, "privilege-escalation");
	CU_ASSERT_EQUAL(f.items[0].sev, SEV_CRITICAL);
	ASSERT_STR(f.items[0].principal, "arn:aws:iam::111111111111:user/dev");
	CU_ASSERT(strstr(f.items[0].message, "read, write access") != NULL);
	CU_ASSERT(strstr(f.items[0].message, "iam-001") != NULL);
	CU_ASSERT_EQUAL(f.items[0].loc.line, 12);
	CU_ASSERT_EQUAL_FATAL(f.items[0].n_actions, 1);
	ASSERT_STR(f.items[0].actions[0], "iam:CreatePolicyVersion");
	CU_ASSERT_EQUAL_FATAL(f.items[0].n_path, 2);
	ASSERT_STR(f.items[0].path[0].edge, "iam-001");
	ASSERT_STR(f.items[0].path[1].edge, "access");
	finding_list_release(&f);
	graph_free(g);
}

static void test_no_finding_without_a_gain(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *r = p(g, "role"), *b = graph_add_node(g, GN_RESOURCE, "synth");
	gnode *prod = graph_add_node(g, GN_RESOURCE, "prod");
	finding_list f;

	b->classification = CLASS_SYNTHETIC;
	prod->classification = CLASS_PRODUCTION;
	/* the same access without escalating (through role assumption) */
	graph_add_edge(g, GE_CAN_ASSUME, u, r);
	grant(g, r, b, LEVEL_READ, "s3:GetObject");
	graph_add_edge(g, GE_CAN_ACT_AS, u, r)->technique = "iam-012";
	/* a gain on a production store, and a tagging-only gain, are not this rule's */
	graph_add_edge(g, GE_CAN_ACT_AS, u, p(g, "other"))->technique = "iam-002";
	grant(g, graph_find(g, "other"), prod, LEVEL_WRITE, "s3:PutObject");
	grant(g, graph_find(g, "other"), b, LEVEL_TAGGING, "s3:PutObjectTagging");
	finding_list_init(&f);
	run(g, &f);
	CU_ASSERT_EQUAL(f.count, 0);
	finding_list_release(&f);
	graph_free(g);
}

static void test_one_finding_per_escalation_edge(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *admin = p(g, "admin");
	gnode *b1 = graph_add_node(g, GN_RESOURCE, "synth-1"), *b2 = graph_add_node(g, GN_RESOURCE, "synth-2");
	finding_list f;

	b1->classification = b2->classification = CLASS_SYNTHETIC;
	admin->type = "administrator";
	graph_add_edge(g, GE_CAN_ACT_AS, u, admin)->technique = "iam-001";
	grant(g, admin, b1, LEVEL_READ, "*");
	grant(g, admin, b2, LEVEL_READ, "*");
	finding_list_init(&f);
	run(g, &f);
	CU_ASSERT_EQUAL_FATAL(f.count, 1);
	CU_ASSERT_EQUAL(f.items[0].sev, SEV_HIGH);
	CU_ASSERT_PTR_NULL(f.items[0].resource);
	CU_ASSERT(strstr(f.items[0].message, "2 synthetic stores (first: 'synth-1')") != NULL);
	finding_list_release(&f);
	graph_free(g);
}

static size_t count_rule(const finding_list *f, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += !strcmp(f->items[i].rule, rule);
	return n;
}

static void test_segregation(void)
{
	graph *g = graph_new();
	gnode *gen = p(g, "generator"), *etl = p(g, "prod-etl"), *reader = p(g, "analyst");
	gnode *syn = graph_add_node(g, GN_RESOURCE, "synth"), *prod = graph_add_node(g, GN_RESOURCE, "prod");
	gnode *mixed = graph_add_node(g, GN_RESOURCE, "mixed");
	resource mixed_res;
	finding_list f;
	access_list l;
	size_t i;

	memset(&mixed_res, 0, sizeof(mixed_res));

	syn->classification = CLASS_SYNTHETIC;
	prod->classification = CLASS_PRODUCTION;
	mixed->classification = CLASS_SYNTHETIC | CLASS_PRODUCTION;
	mixed->cloud = "aws";
	mixed_res.loc.file = "tagging.json";
	mixed_res.loc.line = 7;
	mixed->obj = &mixed_res;
	etl->classification = CLASS_PRODUCTION;
	grant(g, gen, syn, LEVEL_WRITE, "s3:PutObject");
	grant(g, gen, prod, LEVEL_PERMISSIONS, "s3:PutBucketPolicy");   /* writes both sides */
	grant(g, etl, syn, LEVEL_READ, "s3:GetObject");                  /* production reads synthetic */
	grant(g, etl, prod, LEVEL_WRITE, "s3:PutObject");
	grant(g, reader, syn, LEVEL_READ, "s3:GetObject");               /* unclassified reader: fine */
	grant(g, reader, prod, LEVEL_READ, "s3:GetObject");
	finding_list_init(&f);
	access_list_init(&l);
	access_compute(g, &l);
	check_segregation(g, &l, &f);
	CU_ASSERT_EQUAL(count_rule(&f, "PG-SEGREGATION-WRITES-BOTH"), 1);
	CU_ASSERT_EQUAL(count_rule(&f, "PG-SEGREGATION-PRODUCTION-READS-SYNTHETIC"), 1);
	CU_ASSERT_EQUAL(count_rule(&f, "PG-SEGREGATION-MIXED-STORE"), 1);
	/* placed at the store's description in the inputs (SARIF needs a file) */
	for (i = 0; i < f.count; i++)
		if (!strcmp(f.items[i].rule, "PG-SEGREGATION-MIXED-STORE")) {
			ASSERT_STR(f.items[i].loc.file, "tagging.json");
			CU_ASSERT_EQUAL(f.items[i].loc.line, 7);
		}
	CU_ASSERT_EQUAL(f.count, 3);
	ASSERT_STR(f.items[0].principal, "generator");
	ASSERT_STR(f.items[0].category, "segregation");
	CU_ASSERT_EQUAL(f.items[0].n_path, 2);
	ASSERT_STR(f.items[1].principal, "prod-etl");
	ASSERT_STR(f.items[1].resource, "synth");
	access_list_release(&l);
	finding_list_release(&f);
	graph_free(g);
}

static void test_cross_tenant_and_exposure(void)
{
	graph *g = graph_new();
	gnode *guest = p(g, "guest"), *acme = p(g, "acme-app"), *globex = p(g, "globex-app");
	gnode *syn = graph_add_node(g, GN_RESOURCE, "acme-synth");
	finding_list f;
	access_list l;

	syn->classification = CLASS_SYNTHETIC;
	syn->tenant = "acme";
	guest->external = 1;
	guest->external_why = "guest user (userType Guest)";
	acme->tenant = "acme";
	globex->tenant = "globex";
	grant(g, guest, syn, LEVEL_READ, "read");
	grant(g, acme, syn, LEVEL_WRITE, "write");       /* its own tenant: fine */
	grant(g, globex, syn, LEVEL_WRITE, "write");     /* another SaaS tenant writes */
	finding_list_init(&f);
	access_list_init(&l);
	access_compute(g, &l);
	check_exposure(g, &l, &f);
	CU_ASSERT_EQUAL(count_rule(&f, "PG-CROSS-TENANT-REACH"), 2);
	CU_ASSERT_EQUAL(count_rule(&f, "PG-SYNTHETIC-EXPOSURE-WRITE"), 1);
	CU_ASSERT_EQUAL(f.count, 3);
	finding_list_sort(&f);
	ASSERT_STR(f.items[0].rule, "PG-CROSS-TENANT-REACH");      /* critical: globex writes */
	ASSERT_STR(f.items[0].principal, "globex-app");
	{
		size_t i, guest_findings = 0;
		for (i = 0; i < f.count; i++)
			if (!strcmp(f.items[i].principal, "guest")) {
				guest_findings++;
				ASSERT_STR(f.items[i].rule, "PG-CROSS-TENANT-REACH");
				CU_ASSERT_EQUAL(f.items[i].sev, SEV_HIGH);   /* read only */
				CU_ASSERT_PTR_NOT_NULL(strstr(f.items[i].message, "(guest user (userType Guest)) has read access"));
			}
		CU_ASSERT_EQUAL(guest_findings, 1);
	}
	access_list_release(&l);
	finding_list_release(&f);
	graph_free(g);
}

/* Writers outside the configured owners, reported at the grant's holder only. */
static void test_owners(void)
{
	static const char text[] =
		"owners:\n"
		"  - stores: [\"arn:aws:s3:::synth-*\"]\n"
		"    principals: [\"arn:aws:iam::*:role/generator\"]\n";
	graph *g = graph_new();
	gnode *gen = p(g, "arn:aws:iam::1:role/generator"), *ci = p(g, "arn:aws:iam::1:role/ci");
	gnode *dev = p(g, "arn:aws:iam::1:user/dev"), *reader = p(g, "arn:aws:iam::1:role/reader");
	gnode *syn = graph_add_node(g, GN_RESOURCE, "arn:aws:s3:::synth-a");
	gnode *free_store = graph_add_node(g, GN_RESOURCE, "arn:aws:s3:::scratch");
	config *cfg = NULL;
	diag_list dl;
	finding_list f;
	access_list l;

	diag_list_init(&dl);
	CU_ASSERT_EQUAL_FATAL(config_load_buffer(&cfg, "mem.yaml", text, strlen(text), &dl), 0);
	syn->classification = free_store->classification = CLASS_SYNTHETIC;
	grant(g, gen, syn, LEVEL_WRITE, "s3:PutObject");                /* the owner */
	grant(g, ci, syn, LEVEL_PERMISSIONS, "s3:PutBucketPolicy");     /* not an owner */
	grant(g, ci, free_store, LEVEL_WRITE, "s3:PutObject");          /* no owners configured there */
	graph_add_edge(g, GE_CAN_ASSUME, dev, gen);                     /* acts through the owner */
	graph_add_edge(g, GE_CAN_ASSUME, dev, ci);                      /* reported at ci, not at dev */
	grant(g, reader, syn, LEVEL_READ, "s3:GetObject");              /* reads are not writes */
	finding_list_init(&f);
	access_list_init(&l);
	access_compute(g, &l);
	check_owners(&l, cfg, &f);
	CU_ASSERT_EQUAL_FATAL(f.count, 1);
	ASSERT_STR(f.items[0].rule, "PG-SYNTHETIC-EXPOSURE-OWNER");
	ASSERT_STR(f.items[0].category, "synthetic-exposure");
	ASSERT_STR(f.items[0].principal, "arn:aws:iam::1:role/ci");
	ASSERT_STR(f.items[0].resource, "arn:aws:s3:::synth-a");
	CU_ASSERT(strstr(f.items[0].message, "permissions access") != NULL);
	access_list_release(&l);
	finding_list_release(&f);
	config_free(cfg);
	diag_list_release(&dl);
	graph_free(g);
}

TEST_SUITE(check_graph)
{
	static const test_case cases[] = {
		{ "check_graph__escalation_to_synthetic_write_is_critical", test_escalation_to_synthetic_write_is_critical },
		{ "check_graph__no_finding_without_a_gain", test_no_finding_without_a_gain },
		{ "check_graph__one_finding_per_escalation_edge", test_one_finding_per_escalation_edge },
		{ "check_graph__segregation", test_segregation },
		{ "check_graph__cross_tenant_and_exposure", test_cross_tenant_and_exposure },
		{ "check_graph__owners", test_owners },
		{ NULL, NULL }
	};
	return test_register("check_graph", cases);
}
