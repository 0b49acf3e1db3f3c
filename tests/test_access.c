/* Tests for access: effective access over reach, merged per resource, with evidence. */
#include "graph/access.h"
#include "tests/test_util.h"

static gnode *p(graph *g, const char *id)
{
	return graph_add_node(g, GN_PRINCIPAL, id);
}

static gedge *grant(graph *g, gnode *who, gnode *res, unsigned levels, const char *action)
{
	gedge *e = graph_add_edge(g, GE_ACCESS, who, res);
	const char *a[1];

	a[0] = action;
	e->levels = levels;
	e->actions = graph_strings(g, a, 1);
	e->n_actions = 1;
	return e;
}

static const access_entry *entry(const access_list *l, const char *who, const char *what)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (!strcmp(l->items[i].principal->id, who) && !strcmp(l->items[i].resource->id, what))
			return &l->items[i];
	return NULL;
}

static void test_access_through_group_and_role_is_merged(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *grp = p(g, "grp"), *role = p(g, "role");
	gnode *b = graph_add_node(g, GN_RESOURCE, "bucket");
	access_list l;
	const access_entry *e;

	graph_add_edge(g, GE_MEMBER_OF, u, grp);
	graph_add_edge(g, GE_CAN_ASSUME, grp, role);
	grant(g, grp, b, LEVEL_READ, "s3:GetObject");
	grant(g, role, b, LEVEL_WRITE, "s3:PutObject");
	access_list_init(&l);
	access_compute(g, &l);
	e = entry(&l, "u", "bucket");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->dec, DEC_ALLOW);
	CU_ASSERT_EQUAL(e->levels, LEVEL_READ | LEVEL_WRITE);
	CU_ASSERT_EQUAL_FATAL(e->n_actions, 2);
	ASSERT_STR(e->actions[0], "s3:GetObject");
	ASSERT_STR(e->actions[1], "s3:PutObject");
	/* evidence: the shortest path, u -> grp, with its access edge */
	CU_ASSERT_EQUAL_FATAL(e->n_via, 2);
	ASSERT_STR(e->via[1]->id, "grp");
	CU_ASSERT_EQUAL(e->path[e->n_path - 1]->kind, GE_ACCESS);
	/* the group and the role have their own entries; sorted by principal then resource */
	CU_ASSERT_EQUAL(l.count, 3);
	ASSERT_STR(l.items[0].principal->id, "grp");
	ASSERT_STR(l.items[2].principal->id, "u");
	access_list_release(&l);
	graph_free(g);
}

static void test_conditional_paths_and_edges(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *r1 = p(g, "r1"), *r2 = p(g, "r2");
	gnode *b = graph_add_node(g, GN_RESOURCE, "bucket");
	const char *why[1] = { "aws:SourceIp is 10.0.0.0/8" };
	gedge *e1;
	access_list l;
	const access_entry *e;

	e1 = graph_add_edge(g, GE_CAN_ASSUME, u, r1);
	e1->dec = DEC_CONDITIONAL;
	e1->conditions = graph_strings(g, why, 1);
	e1->n_conditions = 1;
	grant(g, r1, b, LEVEL_READ, "s3:GetObject");
	access_list_init(&l);
	access_of(g, u, &l);
	e = entry(&l, "u", "bucket");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->dec, DEC_CONDITIONAL);
	CU_ASSERT_EQUAL_FATAL(e->n_conditions, 1);
	ASSERT_STR(e->conditions[0], "aws:SourceIp is 10.0.0.0/8");
	access_list_release(&l);

	/* a longer certain path makes it allow, with that path as evidence and no conditions */
	graph_add_edge(g, GE_CAN_ASSUME, u, r2);
	graph_add_edge(g, GE_CAN_ASSUME, r2, r1);
	access_list_init(&l);
	access_of(g, u, &l);
	e = entry(&l, "u", "bucket");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->dec, DEC_ALLOW);
	CU_ASSERT_EQUAL(e->n_conditions, 0);
	CU_ASSERT_EQUAL(e->n_via, 3);
	access_list_release(&l);
	graph_free(g);
}

static void test_pseudo_principals_have_no_entries(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *admin = p(g, "arn:aws:iam::111111111111:permgraph/administrator");
	gnode *b = graph_add_node(g, GN_RESOURCE, "bucket");
	access_list l;

	admin->type = "administrator";
	graph_add_edge(g, GE_CAN_ACT_AS, u, admin)->technique = "iam-001";
	grant(g, admin, b, LEVEL_PERMISSIONS, "s3:PutBucketPolicy");
	access_list_init(&l);
	access_compute(g, &l);
	CU_ASSERT_EQUAL_FATAL(l.count, 1);
	ASSERT_STR(l.items[0].principal->id, "u");
	CU_ASSERT_EQUAL(l.items[0].path[0]->kind, GE_CAN_ACT_AS);
	CU_ASSERT(access_is_pseudo(admin));
	access_list_release(&l);
	graph_free(g);
}

/* Levels only, per kind set: escalation counted or not; reset between principals. */
static void test_levels_by_kind_and_reset(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *v = p(g, "v"), *grp = p(g, "grp"), *admin = p(g, "admin");
	gnode *b = graph_add_node(g, GN_RESOURCE, "bucket"), *c = graph_add_node(g, GN_RESOURCE, "other");
	access_levels l;

	graph_add_edge(g, GE_MEMBER_OF, u, grp);
	graph_add_edge(g, GE_CAN_ACT_AS, u, admin);
	grant(g, grp, b, LEVEL_READ, "s3:GetObject");
	grant(g, admin, b, LEVEL_WRITE, "s3:PutObject");
	grant(g, v, c, LEVEL_LIST, "s3:ListBucket");
	access_levels_init(&l, g);
	access_levels_of_kinds(g, u, (1u << GE_MEMBER_OF) | (1u << GE_CAN_ASSUME), &l);
	CU_ASSERT_EQUAL(l.by_node[b->index], LEVEL_READ);
	access_levels_of_kinds(g, u, GRAPH_KINDS_ALL, &l);
	CU_ASSERT_EQUAL(l.by_node[b->index], LEVEL_READ | LEVEL_WRITE);
	access_levels_of_kinds(g, v, GRAPH_KINDS_ALL, &l);
	CU_ASSERT_EQUAL(l.by_node[b->index], 0);
	CU_ASSERT_EQUAL(l.by_node[c->index], LEVEL_LIST);
	access_levels_release(&l);
	access_levels_release(NULL);
	graph_free(g);
}

/* Production-only stores are kept only beside a synthetic write (segregation's question). */
static void test_production_entries_only_beside_synthetic_writes(void)
{
	graph *g = graph_new();
	gnode *writer = p(g, "writer"), *reader = p(g, "reader");
	gnode *syn = graph_add_node(g, GN_RESOURCE, "synth"), *prod = graph_add_node(g, GN_RESOURCE, "prod");
	gnode *mixed = graph_add_node(g, GN_RESOURCE, "mixed");
	access_list l;

	syn->classification = CLASS_SYNTHETIC;
	prod->classification = CLASS_PRODUCTION;
	mixed->classification = CLASS_SYNTHETIC | CLASS_PRODUCTION;
	grant(g, writer, syn, LEVEL_WRITE, "s3:PutObject");
	grant(g, writer, prod, LEVEL_READ, "s3:GetObject");
	grant(g, reader, syn, LEVEL_READ, "s3:GetObject");
	grant(g, reader, prod, LEVEL_WRITE, "s3:PutObject");
	grant(g, reader, mixed, LEVEL_READ, "s3:GetObject");
	access_list_init(&l);
	access_compute(g, &l);
	CU_ASSERT_PTR_NOT_NULL(entry(&l, "writer", "prod"));
	CU_ASSERT_PTR_NULL(entry(&l, "reader", "prod"));
	CU_ASSERT_PTR_NOT_NULL(entry(&l, "reader", "synth"));
	CU_ASSERT_PTR_NOT_NULL(entry(&l, "reader", "mixed"));
	CU_ASSERT_EQUAL(l.count, 4);
	access_list_release(&l);
	graph_free(g);
}

TEST_SUITE(access)
{
	static const test_case cases[] = {
		{ "access__through_group_and_role_is_merged", test_access_through_group_and_role_is_merged },
		{ "access__conditional_paths_and_edges", test_conditional_paths_and_edges },
		{ "access__pseudo_principals_have_no_entries", test_pseudo_principals_have_no_entries },
		{ "access__levels_by_kind_and_reset", test_levels_by_kind_and_reset },
		{ "access__production_entries_only_beside_synthetic_writes",
		  test_production_entries_only_beside_synthetic_writes },
		{ NULL, NULL }
	};
	return test_register("access", cases);
}
