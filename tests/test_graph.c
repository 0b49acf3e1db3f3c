/* Tests for graph: nodes, edges, reachability, certain-before-conditional paths. */
#include "graph/graph.h"
#include "tests/test_util.h"

static gnode *p(graph *g, const char *id)
{
	return graph_add_node(g, GN_PRINCIPAL, id);
}

static void test_nodes_are_unique_by_id(void)
{
	graph *g = graph_new();
	gnode *a = p(g, "arn:aws:iam::111111111111:user/a");
	size_t n;

	CU_ASSERT_PTR_EQUAL(p(g, "arn:aws:iam::111111111111:user/a"), a);
	CU_ASSERT_PTR_EQUAL(graph_find(g, "arn:aws:iam::111111111111:user/a"), a);
	CU_ASSERT_PTR_NULL(graph_find(g, "nope"));
	graph_nodes(g, &n);
	CU_ASSERT_EQUAL(n, 1);
	graph_free(g);
}

static void test_reach_follows_memberships_roles_and_escalations(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *grp = p(g, "g"), *r1 = p(g, "r1"), *r2 = p(g, "r2");
	gnode *bucket = graph_add_node(g, GN_RESOURCE, "arn:aws:s3:::synth");
	greach_set rs;
	gedge *path[8];
	size_t n;

	graph_add_edge(g, GE_MEMBER_OF, u, grp);
	graph_add_edge(g, GE_CAN_ASSUME, grp, r1);
	graph_add_edge(g, GE_CAN_ACT_AS, r1, r2)->technique = "iam-001";
	graph_add_edge(g, GE_CAN_ASSUME, r2, u); /* a cycle */
	graph_add_edge(g, GE_ACCESS, r2, bucket);
	greach_set_init(&rs);
	graph_reach(g, u, &rs);
	CU_ASSERT_EQUAL_FATAL(rs.count, 4);   /* access edges and resources are not followed */
	CU_ASSERT_PTR_EQUAL(rs.items[0].node, u);
	CU_ASSERT_PTR_EQUAL(rs.items[3].node, r2);
	CU_ASSERT_EQUAL(rs.items[3].depth, 3);
	n = graph_path(&rs, 3, path, 8);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT_EQUAL(path[0]->kind, GE_MEMBER_OF);
	CU_ASSERT_EQUAL(path[2]->kind, GE_CAN_ACT_AS);
	ASSERT_STR(path[2]->technique, "iam-001");
	CU_ASSERT_EQUAL(graph_path(&rs, 3, path, 2), 2);
	CU_ASSERT_EQUAL(path[1]->kind, GE_CAN_ACT_AS);
	CU_ASSERT_EQUAL(graph_path(&rs, 0, path, 8), 0);
	greach_set_release(&rs);
	graph_free(g);
}

static void test_certain_path_wins_over_shorter_conditional_one(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *a = p(g, "a"), *b = p(g, "b"), *t = p(g, "target"), *c = p(g, "c");
	greach_set rs;
	size_t i;

	graph_add_edge(g, GE_CAN_ASSUME, u, t)->dec = DEC_CONDITIONAL;   /* short, conditional */
	graph_add_edge(g, GE_CAN_ASSUME, u, a);
	graph_add_edge(g, GE_CAN_ASSUME, a, b);
	graph_add_edge(g, GE_CAN_ASSUME, b, t);                          /* long, certain */
	graph_add_edge(g, GE_CAN_ASSUME, u, c)->dec = DEC_CONDITIONAL;   /* only conditional */
	greach_set_init(&rs);
	graph_reach(g, u, &rs);
	CU_ASSERT_EQUAL_FATAL(rs.count, 5);
	for (i = 0; i < rs.count; i++) {
		if (rs.items[i].node == t) {
			CU_ASSERT_EQUAL(rs.items[i].conditional, 0);
			CU_ASSERT_EQUAL(rs.items[i].depth, 3);
		}
		if (rs.items[i].node == c)
			CU_ASSERT_EQUAL(rs.items[i].conditional, 1);
	}
	greach_set_release(&rs);
	graph_free(g);
}

static void test_conditional_is_inherited_downstream(void)
{
	graph *g = graph_new();
	gnode *u = p(g, "u"), *a = p(g, "a"), *b = p(g, "b");
	greach_set rs;

	graph_add_edge(g, GE_CAN_ASSUME, u, a)->dec = DEC_CONDITIONAL;
	graph_add_edge(g, GE_CAN_ASSUME, a, b);
	greach_set_init(&rs);
	graph_reach(g, u, &rs);
	CU_ASSERT_EQUAL_FATAL(rs.count, 3);
	CU_ASSERT_EQUAL(rs.items[2].conditional, 1);
	/* reusing the set resets it */
	graph_reach(g, b, &rs);
	CU_ASSERT_EQUAL(rs.count, 1);
	greach_set_release(&rs);
	graph_free(g);
}

static void test_names(void)
{
	ASSERT_STR(gedge_kind_name(GE_CAN_ACT_AS), "can-act-as");
	ASSERT_STR(graph_level_name(LEVEL_PERMISSIONS), "permissions");
	ASSERT_STR(graph_level_name(3), "?");
}

TEST_SUITE(graph)
{
	static const test_case cases[] = {
		{ "graph__nodes_are_unique_by_id", test_nodes_are_unique_by_id },
		{ "graph__reach_follows_memberships_roles_and_escalations", test_reach_follows_memberships_roles_and_escalations },
		{ "graph__certain_path_wins_over_shorter_conditional_one", test_certain_path_wins_over_shorter_conditional_one },
		{ "graph__conditional_is_inherited_downstream", test_conditional_is_inherited_downstream },
		{ "graph__names", test_names },
		{ NULL, NULL }
	};
	return test_register("graph", cases);
}
