/* Tests for render_graph: views, clusters, collapse, size guard, legend, risky edges, escaping, formats. */
#include "render/render_graph.h"
#include "render/render_graph_internal.h"
#include "base/diag.h"
#include "tests/test_util.h"

#include <graphviz/cgraph.h>
#include <stdint.h>
#include <stdlib.h>

/* --- building a scan result by hand ----------------------------------------------------------- */

static gnode *pr(scan_result *r, const char *id, const char *type, const char *account)
{
	gnode *n = graph_add_node(r->g, GN_PRINCIPAL, id);

	n->type = type;
	n->cloud = "aws";
	n->account = account;
	return n;
}

static gnode *store(scan_result *r, const char *id, unsigned cls, const char *account)
{
	gnode *n = graph_add_node(r->g, GN_RESOURCE, id);

	n->type = "AWS::S3::Bucket";
	n->cloud = "aws";
	n->account = account;
	n->classification = cls;
	return n;
}

static gedge *grant(scan_result *r, gnode *who, gnode *what, unsigned levels)
{
	gedge *e = graph_add_edge(r->g, GE_ACCESS, who, what);

	e->levels = levels;
	return e;
}

static void start(scan_result *r)
{
	scan_result_init(r);
	r->g = graph_new();
}

/* --- reading what was rendered ---------------------------------------------------------------- */

static char *render(const scan_result *r, const render_graph_opts *o, const char *format)
{
	char *out = NULL;
	size_t len = 0;
	int err = render_graph_buffer(r, o, format, &out, &len);

	CU_ASSERT_EQUAL(err, 0);
	CU_ASSERT_PTR_NOT_NULL(out);
	return out;
}

/* The DOT parsed back: it must parse, or the escaping broke it. */
static Agraph_t *parse(const char *dot)
{
	Agraph_t *g = agmemread(dot);

	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	return g;
}

static const char *attr(void *obj, const char *name)
{
	const char *v = agget(obj, (char *)name);

	return v ? v : "";
}

/* The drawn node whose tooltip starts with the (escaped) id: one line of it. */
static Agnode_t *node_of(Agraph_t *g, const char *tip)
{
	Agnode_t *n;
	size_t len = strlen(tip);

	for (n = agfstnode(g); n; n = agnxtnode(g, n)) {
		const char *t = attr(n, "tooltip");
		if (!strncmp(t, tip, len) && (!t[len] || t[len] == '\\'))
			return n;
	}
	return NULL;
}

static int in_cluster_labelled(Agraph_t *g, Agnode_t *n, const char *label)
{
	Agraph_t *s;

	for (s = agfstsubg(g); s; s = agnxtsubg(s)) {
		if (!strcmp(attr(s, "label"), label) && agsubnode(s, n, 0))
			return 1;
		if (in_cluster_labelled(s, n, label))
			return 1;
	}
	return 0;
}

static Agraph_t *subgraph_labelled(Agraph_t *g, const char *label)
{
	Agraph_t *s, *t;

	for (s = agfstsubg(g); s; s = agnxtsubg(s)) {
		if (!strcmp(attr(s, "label"), label))
			return s;
		if ((t = subgraph_labelled(s, label)))
			return t;
	}
	return NULL;
}

static int count_nodes_named(Agraph_t *g, const char *prefix)
{
	Agnode_t *n;
	int k = 0;

	for (n = agfstnode(g); n; n = agnxtnode(g, n))
		k += !strncmp(agnameof(n), prefix, strlen(prefix));
	return k;
}

/* A small well-formedness check of XML: nested tags, quoted attributes,
 * entities, comments without "--": enough to catch a label that leaked markup. */
static int xml_ok(const char *s)
{
	const char *stack[64];
	size_t lens[64], depth = 0, n;

	while (*s) {
		if (*s == '&') {
			n = strspn(s + 1, "#xabcdefghijklmnopqrstuvwyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
			if (!n || s[1 + n] != ';')
				return 0;
			s += n + 2;
		} else if (!strncmp(s, "<?", 2) || !strncmp(s, "<!DOCTYPE", 9)) {
			if (!(s = strchr(s, '>')))
				return 0;
			s++;
		} else if (!strncmp(s, "<!--", 4)) {
			const char *e = strstr(s + 4, "-->"), *p;
			if (!e)
				return 0;
			for (p = s + 4; p < e; p++)
				if (p[0] == '-' && p[1] == '-')
					return 0;
			s = e + 3;
		} else if (!strncmp(s, "</", 2)) {
			n = strcspn(s + 2, "> \n");
			if (!depth || n != lens[depth - 1] || strncmp(s + 2, stack[depth - 1], n) || s[2 + n] != '>')
				return 0;
			depth--;
			s += n + 3;
		} else if (*s == '<') {
			const char *name = ++s;
			n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:-.");
			if (!n)
				return 0;
			s += n;
			for (;;) {
				s += strspn(s, " \t\r\n");
				if (*s == '>' || (s[0] == '/' && s[1] == '>'))
					break;
				s += strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:-.");
				if (s[0] != '=' || (s[1] != '"' && s[1] != '\''))
					return 0;
				{
					char q = s[1];
					const char *e = strchr(s + 2, q);
					if (!e || memchr(s + 2, '<', (size_t)(e - s - 2)))
						return 0;
					s = e + 1;
				}
			}
			if (*s == '/') {
				s += 2;
			} else {
				if (depth == 64)
					return 0;
				stack[depth] = name;
				lens[depth++] = n;
				s++;
			}
		} else {
			s++;
		}
	}
	return depth == 0;
}

/* --- tests ------------------------------------------------------------------------------------- */

static void test_clusters_per_account_tenant_and_directory(void)
{
	scan_result r;
	render_graph_opts o = { 0 };
	gnode *a, *b, *t, *z, *s;
	Agraph_t *g;
	Agnode_t *x;
	char *dot;

	start(&r);
	a = pr(&r, "arn:aws:iam::111111111111:role/a", "role", "111111111111");
	b = pr(&r, "arn:aws:iam::222222222222:role/b", "role", "222222222222");
	t = pr(&r, "arn:aws:iam::333333333333:role/t", "role", "333333333333");
	z = graph_add_node(r.g, GN_PRINCIPAL, "a11ce000-0000-4000-8000-000000000001");
	s = store(&r, "arn:aws:s3:::synth", CLASS_SYNTHETIC, "111111111111");
	t->tenant = "acme";
	z->type = "user";
	z->cloud = "azure";
	z->name = "Alice";
	grant(&r, a, s, LEVEL_READ);
	grant(&r, b, s, LEVEL_WRITE);
	grant(&r, t, s, LEVEL_LIST);
	dot = render(&r, &o, "dot");
	g = parse(dot);
	x = node_of(g, "arn:aws:iam::111111111111:role/a");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT(in_cluster_labelled(g, x, "AWS account 111111111111"));
	CU_ASSERT(in_cluster_labelled(g, node_of(g, "arn:aws:s3:::synth"), "AWS account 111111111111"));
	CU_ASSERT(in_cluster_labelled(g, node_of(g, "arn:aws:iam::222222222222:role/b"), "AWS account 222222222222"));
	/* a tenant's node: in the tenant's cluster, and in its account's inside it */
	x = node_of(g, "arn:aws:iam::333333333333:role/t");
	CU_ASSERT(in_cluster_labelled(g, x, "SaaS tenant acme"));
	CU_ASSERT_PTR_NOT_NULL(subgraph_labelled(subgraph_labelled(g, "SaaS tenant acme"), "AWS account 333333333333"));
	CU_ASSERT(in_cluster_labelled(g, node_of(g, "a11ce000-0000-4000-8000-000000000001"), "Entra ID directory"));
	CU_ASSERT(!strncmp(agnameof(subgraph_labelled(g, "AWS account 111111111111")), "cluster_", 8));
	agclose(g);
	free(dot);
	scan_result_release(&r);
}

static void test_collapse_identical_principals(void)
{
	scan_result r;
	render_graph_info info;
	render_graph_opts o = { 0 };
	gnode *grp, *odd, *s;
	Agraph_t *g;
	Agnode_t *x;
	char id[64], *dot;
	int i;

	start(&r);
	grp = pr(&r, "arn:aws:iam::111111111111:group/devs", "group", "111111111111");
	s = store(&r, "arn:aws:s3:::synth", CLASS_SYNTHETIC, "111111111111");
	grant(&r, grp, s, LEVEL_READ);
	for (i = 0; i < 5; i++) {
		snprintf(id, sizeof(id), "arn:aws:iam::111111111111:user/u%d", i);
		graph_add_edge(r.g, GE_MEMBER_OF, pr(&r, graph_strdup(r.g, id), "user", "111111111111"), grp);
	}
	odd = pr(&r, "arn:aws:iam::111111111111:user/odd", "user", "111111111111");
	graph_add_edge(r.g, GE_MEMBER_OF, odd, grp);
	grant(&r, odd, s, LEVEL_WRITE);
	o.info = &info;
	dot = render(&r, &o, "dot");
	CU_ASSERT_EQUAL(info.collapsed_principals, 5);
	CU_ASSERT_EQUAL(info.collapsed_nodes, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(info.note, "collapsed 5 principals"));
	g = parse(dot);
	x = node_of(g, "5 users with the same edges:");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(attr(x, "label"), "5 users\\nidentical access");
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(x, "tooltip"), "user/u0\\narn:aws:iam::111111111111:user/u1"));
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::111111111111:user/odd"));     /* other access: apart */
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:iam::111111111111:user/u3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(g, "label"), "collapsed 5 principals"));
	agclose(g);
	free(dot);
	/* below the minimum, or turned off: nothing collapses */
	o.collapse_min = 6;
	dot = render(&r, &o, "dot");
	CU_ASSERT_EQUAL(info.collapsed_nodes, 0);
	CU_ASSERT_STRING_EQUAL(info.note, "");
	free(dot);
	o.collapse_min = SIZE_MAX;
	dot = render(&r, &o, "dot");
	CU_ASSERT_EQUAL(info.collapsed_nodes, 0);
	CU_ASSERT_EQUAL(info.nodes, 8);
	free(dot);
	scan_result_release(&r);
}

static void test_collapse_stores_reached_alike(void)
{
	scan_result r;
	render_graph_info info;
	render_graph_opts o = { 0 };
	gnode *admin, *reader, *s;
	Agraph_t *g;
	Agnode_t *x;
	char id[64], *dot;
	int i;

	start(&r);
	admin = pr(&r, "arn:aws:iam::1:role/admin", "role", "1");
	reader = pr(&r, "arn:aws:iam::1:role/reader", "role", "1");
	for (i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "arn:aws:s3:::synth-%d", i);
		s = store(&r, graph_strdup(r.g, id), CLASS_SYNTHETIC, "1");
		grant(&r, admin, s, LEVEL_READ | LEVEL_WRITE);
		if (i < 3)
			grant(&r, reader, s, LEVEL_READ);     /* synth-3 is reached differently: apart */
	}
	o.info = &info;
	dot = render(&r, &o, "dot");
	CU_ASSERT_EQUAL(info.collapsed_resources, 3);
	CU_ASSERT_EQUAL(info.collapsed_principals, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(info.note, "collapsed 3 stores with identical access into 1 nodes"));
	g = parse(dot);
	x = node_of(g, "3 stores with the same edges:");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(attr(x, "label"), "3 stores, identical access\\nAWS::S3::Bucket, synthetic");
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:s3:::synth-3"));
	CU_ASSERT_EQUAL(agnedges(g), 3);      /* admin and reader to the fold, admin to synth-3 */
	agclose(g);
	free(dot);
	scan_result_release(&r);
}

/* u1 -> grp -> role -> b1; role2 -> b1; u2 -> b2; u3 -> grp2 (reaches nothing). */
static void chain(scan_result *r)
{
	gnode *u1, *grp, *role, *role2, *u2, *u3, *grp2, *b1, *b2, *admin;
	gedge *e;

	start(r);
	u1 = pr(r, "arn:aws:iam::1:user/u1", "user", "1");
	u2 = pr(r, "arn:aws:iam::1:user/u2", "user", "1");
	u3 = pr(r, "arn:aws:iam::1:user/u3", "user", "1");
	grp = pr(r, "arn:aws:iam::1:group/grp", "group", "1");
	grp2 = pr(r, "arn:aws:iam::1:group/grp2", "group", "1");
	role = pr(r, "arn:aws:iam::1:role/role", "role", "1");
	role2 = pr(r, "arn:aws:iam::1:role/role2", "role", "1");
	admin = pr(r, "arn:aws:iam::1:permgraph/administrator", "administrator", "1");
	b1 = store(r, "arn:aws:s3:::b1", CLASS_SYNTHETIC, "1");
	b2 = store(r, "arn:aws:s3:::b2", CLASS_PRODUCTION, "1");
	graph_add_edge(r->g, GE_MEMBER_OF, u1, grp);
	graph_add_edge(r->g, GE_MEMBER_OF, u3, grp2);
	graph_add_edge(r->g, GE_CAN_ASSUME, grp, role);
	e = graph_add_edge(r->g, GE_CAN_ACT_AS, u2, admin);
	e->technique = "iam-001";
	grant(r, role, b1, LEVEL_READ | LEVEL_LIST);
	grant(r, role2, b1, LEVEL_WRITE)->dec = DEC_CONDITIONAL;
	grant(r, u2, b2, LEVEL_READ);
	grant(r, admin, b2, LEVEL_WRITE);
}

static void test_focus_resource_is_upstream(void)
{
	scan_result r;
	render_graph_opts o = { 0 };
	Agraph_t *g;
	Agnode_t *x;
	char *dot;

	chain(&r);
	o.focus = "arn:aws:s3:::b1";
	o.collapse_min = SIZE_MAX;
	dot = render(&r, &o, "dot");
	g = parse(dot);
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:user/u1"));
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:group/grp"));
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:role/role"));
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:role/role2"));
	x = node_of(g, "arn:aws:s3:::b1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(attr(x, "peripheries"), "2");              /* the focus is marked */
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:iam::1:user/u2"));
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:iam::1:user/u3"));
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:iam::1:group/grp2"));
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:s3:::b2"));
	CU_ASSERT_EQUAL(agnedges(g), 4);
	/* the conditional grant is dashed and says so */
	for (x = agfstnode(g); x; x = agnxtnode(g, x)) {
		Agedge_t *e;
		for (e = agfstout(g, x); e; e = agnxtout(g, e))
			if (!strcmp(attr(e, "label"), "write (if)"))
				ASSERT_STR(attr(e, "style"), "dashed");
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(g, "label"), "who can reach 'arn:aws:s3:::b1'"));
	agclose(g);
	free(dot);
	scan_result_release(&r);
}

static void test_focus_principal_is_downstream(void)
{
	scan_result r;
	render_graph_opts o = { 0 };
	Agraph_t *g;
	Agnode_t *x;
	Agedge_t *e;
	char *dot;

	chain(&r);
	o.focus = "arn:aws:iam::1:user/u1";
	dot = render(&r, &o, "dot");
	g = parse(dot);
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:group/grp"));
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:role/role"));
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:s3:::b1"));
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:iam::1:role/role2"));
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:s3:::b2"));
	CU_ASSERT_EQUAL(agnnodes(g) - count_nodes_named(g, "legend_"), 4);
	agclose(g);
	free(dot);
	/* escalation: u2 can act as the administrator, and so reaches what it can write */
	o.focus = "arn:aws:iam::1:user/u2";
	dot = render(&r, &o, "dot");
	g = parse(dot);
	x = node_of(g, "arn:aws:iam::1:user/u2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:permgraph/administrator"));
	for (e = agfstout(g, x); e; e = agnxtout(g, e))
		if (aghead(e) == node_of(g, "arn:aws:iam::1:permgraph/administrator")) {
			ASSERT_STR(attr(e, "label"), "iam-001");
			ASSERT_STR(attr(e, "color"), "#6b46c1");
		}
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(g, "label"), "what 'arn:aws:iam::1:user/u2' can reach"));
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(subgraph_labelled(g, "legend"), "label"), "legend"));
	CU_ASSERT_PTR_NOT_NULL(strstr(dot, "privilege escalation"));
	agclose(g);
	free(dot);
	scan_result_release(&r);
}

static void test_find_accepts_ids_as_written_and_suggests(void)
{
	scan_result r;
	render_graph_opts o = { 0 };
	gnode *az;
	char *out = NULL;
	size_t len = 0;

	chain(&r);
	az = graph_add_node(r.g, GN_RESOURCE, "/subscriptions/0b1d/resourcegroups/rg/providers/microsoft.storage/"
				       "storageaccounts/st");
	az->written = "/subscriptions/0b1d/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";
	az->name = "st";
	CU_ASSERT_PTR_EQUAL(render_graph_find(r.g, "/subscriptions/0b1d/resourceGroups/rg/providers/"
					     "Microsoft.Storage/storageAccounts/st/"), az);
	CU_ASSERT_PTR_EQUAL(render_graph_find(r.g, "st"), az);      /* a unique display name */
	CU_ASSERT_PTR_NULL(render_graph_find(r.g, "ARN:AWS:S3:::B1"));     /* ARNs keep their case */
	CU_ASSERT_PTR_NULL(render_graph_find(r.g, ""));
	ASSERT_STR(render_graph_suggest(r.g, "arn:aws:s3:::b3"), "arn:aws:s3:::b1");
	ASSERT_STR(render_graph_suggest(r.g, "/subscriptions/0b1d/resourceGroups/other-rg/providers/Microsoft.Storage/"
					     "storageAccounts/st"), az->written);
	o.focus = "arn:aws:s3:::nope";
	CU_ASSERT_EQUAL(render_graph_buffer(&r, &o, "dot", &out, &len), PG_ENOTFOUND);
	CU_ASSERT_PTR_NULL(out);
	scan_result_release(&r);
}

static void test_risky_edges_and_markers(void)
{
	scan_result r;
	render_graph_opts o = { 0 };
	gnode *star, *ext, *wild, *t1, *s;
	pg_loc none = { NULL, 0, 0 };
	Agraph_t *g;
	Agnode_t *x;
	char *dot;

	start(&r);
	star = pr(&r, "*", "everyone", NULL);
	star->external = 1;
	ext = pr(&r, "arn:aws:iam::999999999999:root", "account", "999999999999");
	ext->external = 1;
	ext->external_why = "account 999999999999 is neither in the inputs nor in the organization";
	wild = pr(&r, "arn:aws:iam::1:role/wild", "role", "1");
	t1 = pr(&r, "arn:aws:iam::1:role/t1", "role", "1");
	t1->tenant = "globex";
	s = store(&r, "arn:aws:s3:::synth", CLASS_SYNTHETIC, "1");
	s->tenant = "acme";
	grant(&r, star, s, LEVEL_READ);
	grant(&r, ext, s, LEVEL_READ);
	grant(&r, wild, s, LEVEL_WRITE);
	grant(&r, t1, s, LEVEL_LIST);
	finding_add(&r.findings, "PG-WILDCARD-ACTION", "wildcard", SEV_HIGH, "arn:aws:iam::1:role/wild", NULL, NULL,
		    "m", "fix", none, NULL);
	dot = render(&r, &o, "dot");
	g = parse(dot);
	x = node_of(g, "*");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(attr(agfstout(g, x), "color"), "#c53030");             /* public */
	ASSERT_STR(attr(x, "label"), "* (everyone)\\neveryone");
	x = node_of(g, "arn:aws:iam::999999999999:root");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(attr(agfstout(g, x), "color"), "#dd6b20");             /* cross-tenant: outside */
	ASSERT_STR(attr(x, "fillcolor"), "#fbd38d");
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(x, "tooltip"), "\\nexternal: account 999999999999"));
	x = node_of(g, "arn:aws:iam::1:role/t1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(attr(agfstout(g, x), "color"), "#dd6b20");             /* cross-tenant: other tenant */
	x = node_of(g, "arn:aws:iam::1:role/wild");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(attr(x, "color"), "#d53f8c");                          /* wildcard */
	ASSERT_STR(attr(agfstout(g, x), "color"), "#d53f8c");
	CU_ASSERT_PTR_NOT_NULL(strstr(dot, "public: from"));
	CU_ASSERT_PTR_NOT_NULL(strstr(dot, "cross-tenant: from"));
	CU_ASSERT_PTR_NOT_NULL(strstr(dot, "wildcard grant"));
	agclose(g);
	free(dot);
	scan_result_release(&r);
}

static void test_legend_lists_what_is_used(void)
{
	scan_result r;
	render_graph_opts o = { 0 };
	Agraph_t *g, *lg;
	char *dot;

	chain(&r);
	dot = render(&r, &o, "dot");
	g = parse(dot);
	lg = subgraph_labelled(g, "legend");
	CU_ASSERT_PTR_NOT_NULL_FATAL(lg);
	ASSERT_STR(agnameof(lg), "cluster_legend");
	CU_ASSERT_PTR_NOT_NULL(strstr(dot, "synthetic-data store"));
	CU_ASSERT_PTR_NOT_NULL(strstr(dot, "production store"));
	CU_ASSERT_PTR_NOT_NULL(strstr(dot, "administrator of a scope"));
	CU_ASSERT_PTR_NULL(strstr(dot, "managed identity"));              /* none in this graph */
	CU_ASSERT_PTR_NOT_NULL(strstr(dot, "dashed: only if conditions hold"));
	agclose(g);
	free(dot);
	o.no_legend = 1;
	dot = render(&r, &o, "dot");
	CU_ASSERT_PTR_NULL(strstr(dot, "cluster_legend"));
	free(dot);
	scan_result_release(&r);
}

static void test_size_guard_keeps_synthetic_reach(void)
{
	scan_result r;
	render_graph_info info;
	render_graph_opts o = { 0 };
	gnode *s, *s2, *grp, *u, *p;
	Agraph_t *g;
	char id[64], *dot;
	int i;

	start(&r);
	s = store(&r, "arn:aws:s3:::synth", CLASS_SYNTHETIC, "1");
	grp = pr(&r, "arn:aws:iam::1:group/g", "group", "1");
	u = pr(&r, "arn:aws:iam::1:user/u", "user", "1");
	graph_add_edge(r.g, GE_MEMBER_OF, u, grp);
	grant(&r, grp, s, LEVEL_READ);
	for (i = 0; i < 40; i++) {
		/* each with its own production store: nothing collapses */
		snprintf(id, sizeof(id), "arn:aws:iam::1:role/r%02d", i);
		p = pr(&r, graph_strdup(r.g, id), "role", "1");
		snprintf(id, sizeof(id), "arn:aws:s3:::prod%02d", i);
		grant(&r, p, store(&r, graph_strdup(r.g, id), CLASS_PRODUCTION, "1"), LEVEL_WRITE);
	}
	/* a second synthetic store reached by 12 roles: too many to draw whole within 10 */
	s2 = store(&r, "arn:aws:s3:::synth-wide", CLASS_SYNTHETIC, "1");
	for (i = 0; i < 12; i++) {
		snprintf(id, sizeof(id), "arn:aws:iam::1:role/r%02d", i);
		grant(&r, graph_find(r.g, id), s2, (unsigned)LEVEL_READ << (i % 2));
	}
	o.max_nodes = 10;
	o.info = &info;
	dot = render(&r, &o, "dot");
	g = parse(dot);
	CU_ASSERT_EQUAL(info.nodes, 3);
	CU_ASSERT_EQUAL(info.dropped_nodes, 81);
	CU_ASSERT_EQUAL(info.dropped_edges, 52);
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:user/u"));
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:iam::1:role/r00"));
	CU_ASSERT_PTR_NULL(node_of(g, "arn:aws:s3:::synth-wide"));      /* never drawn with part of who reaches it */
	CU_ASSERT_PTR_NOT_NULL(strstr(info.note, "above 10 nodes or 600 edges, dropped 81 nodes and 52 edges, drew 1 of 2 "
					      "synthetic stores with every path to them"));
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(g, "label"), "dropped 81 nodes"));
	agclose(g);
	free(dot);
	/* tighter than what reaches the stores: the stores and direct grants first, then a hard cap */
	o.max_nodes = 2;
	dot = render(&r, &o, "dot");
	CU_ASSERT_EQUAL(info.nodes, 2);
	g = parse(dot);
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:s3:::synth"));
	CU_ASSERT_PTR_NOT_NULL(node_of(g, "arn:aws:iam::1:group/g"));
	agclose(g);
	free(dot);
	/* the edge budget guards alone too */
	o.max_nodes = 100;
	o.max_edges = 3;
	free(render(&r, &o, "dot"));
	CU_ASSERT_EQUAL(info.nodes, 3);
	CU_ASSERT_EQUAL(info.edges, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(info.note, "above 100 nodes or 3 edges"));
	o.max_nodes = SIZE_MAX;
	o.max_edges = SIZE_MAX;
	free(render(&r, &o, "dot"));
	CU_ASSERT_EQUAL(info.dropped_nodes, 0);
	CU_ASSERT_EQUAL(info.nodes, 84);
	scan_result_release(&r);
}

static const char *const hostile[] = {
	"evil\"]; injected -> x [label=\"pwn",
	"trailing backslash\\",
	"back\\\"slash quote",
	"\\N \\G \\E \\T \\H \\L \\n expands",
	"<script>alert(1)</script>",
	"{record|ports} <p0>",
	"&lt;entity&amp; & &#60;",
	"new\nline\rand\ttab",
	"bad utf8 \xff\xfe \xc3",
	"bidi \xe2\x80\xae" "txt.exe",
	"--> comment ]]> cdata",
	NULL
};

static void test_hostile_names_cannot_break_or_inject(void)
{
	scan_result r;
	render_graph_opts o = { 0 };
	gnode *s, *p;
	gedge *e;
	Agraph_t *g;
	Agnode_t *x;
	char id[32], *dot, *svg;
	size_t i, n = 0;

	start(&r);
	s = store(&r, "arn:aws:s3:::synth", CLASS_SYNTHETIC, "1");
	s->name = hostile[0];
	for (i = 0; hostile[i]; i++, n++) {
		snprintf(id, sizeof(id), "arn:aws:iam::1:role/h%zu", i);
		p = pr(&r, graph_strdup(r.g, id), hostile[i], hostile[i]);
		p->name = hostile[i];
		p->tenant = hostile[i];
		e = grant(&r, p, s, LEVEL_READ);
		e->conditions = (const char **)&hostile[i];
		e->n_conditions = 1;
		e->actions = (const char **)&hostile[i];
		e->n_actions = 1;
	}
	o.collapse_min = SIZE_MAX;
	dot = render(&r, &o, "dot");
	g = parse(dot);
	/* nothing injected: the nodes and edges drawn are the graph's */
	CU_ASSERT_EQUAL(agnnodes(g) - count_nodes_named(g, "legend_"), (int)n + 1);
	CU_ASSERT_EQUAL(agnedges(g), (int)n);
	CU_ASSERT_PTR_NULL(agnode(g, "injected", 0));
	CU_ASSERT_PTR_NULL(agnode(g, "x", 0));
	/* labels read back as written, escaped for escString */
	x = node_of(g, "arn:aws:iam::1:role/h3");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(x, "label"), "\\\\N \\\\G \\\\E \\\\T \\\\H \\\\L \\\\n expands"));
	x = node_of(g, "arn:aws:iam::1:role/h1");
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(x, "label"), "trailing backslash\\\\\\n"));
	x = node_of(g, "arn:aws:iam::1:role/h7");
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(x, "label"), "new\\\\nline\\\\rand\\\\ttab"));
	CU_ASSERT_PTR_NULL(strchr(attr(x, "label"), '\n'));
	x = node_of(g, "arn:aws:iam::1:role/h6");
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(x, "label"), "&amp;lt;entity&amp;amp; &amp; &amp;#60;"));
	x = node_of(g, "arn:aws:iam::1:role/h8");
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(x, "label"), "bad utf8 ?? ?"));
	x = node_of(g, "arn:aws:iam::1:role/h9");
	CU_ASSERT_PTR_NOT_NULL(strstr(attr(x, "label"), "bidi \\\\u202etxt.exe"));
	agclose(g);
	free(dot);
	/* and the SVG is well-formed XML with no markup from the inputs */
	svg = render(&r, &o, "svg");
	CU_ASSERT(xml_ok(svg));
	CU_ASSERT_PTR_NULL(strstr(svg, "<script"));
	CU_ASSERT_PTR_NOT_NULL(strstr(svg, "&lt;script&gt;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(svg, "\\N \\G \\E"));
	free(svg);
	scan_result_release(&r);
}

static void test_escape_rules(void)
{
	strbuf sb = STRBUF_INIT;

	rg_escape(&sb, "a\\b\"c&d\n\x01\x7f", 0);
	ASSERT_STR(sb.buf, "a\\\\b\"c&amp;d\\\\n\\\\x01\\\\x7f");
	strbuf_reset(&sb);
	rg_escape(&sb, "h\xc3\xa9llo w\xc3\xb6rld", 5);                 /* counts characters, not bytes */
	ASSERT_STR(sb.buf, "h\xc3\xa9llo...");
	strbuf_reset(&sb);
	rg_escape(&sb, "\xe0\x80\xaf \xed\xa0\x80 \xf4\x90\x80\x80", 0); /* overlong, surrogate, > U+10FFFF */
	ASSERT_STR(sb.buf, "??? ??? ????");
	strbuf_reset(&sb);
	rg_escape(&sb, NULL, 0);
	ASSERT_STR(sb.buf, "");
	strbuf_release(&sb);
}

static void test_output_is_deterministic_and_formats_checked(void)
{
	scan_result r;
	render_graph_opts o = { 0 };
	char *a, *b, *out = NULL;
	size_t len = 0;

	chain(&r);
	a = render(&r, &o, "dot");
	b = render(&r, &o, "dot");
	ASSERT_STR(a, b);
	/* sorted: within account 1, principals by display id, then resources */
	CU_ASSERT(strstr(a, "tooltip=\"arn:aws:iam::1:group/grp\"") < strstr(a, "tooltip=\"arn:aws:iam::1:user/u1\""));
	CU_ASSERT(strstr(a, "tooltip=\"arn:aws:iam::1:user/u3\"") < strstr(a, "tooltip=\"arn:aws:s3:::b1\""));
	free(a);
	free(b);
	CU_ASSERT_EQUAL(render_graph_buffer(&r, &o, "jpeg", &out, &len), PG_EUSAGE);
	o.id_prefix = "bad id";
	CU_ASSERT_EQUAL(render_graph_buffer(&r, &o, "svg", &out, &len), PG_EUSAGE);
	o.id_prefix = "store_1";
	a = render(&r, &o, "svg");
	CU_ASSERT_PTR_NOT_NULL(strstr(a, "id=\"store_1\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(a, "id=\"store_1_node1\""));
	CU_ASSERT(xml_ok(a));
	free(a);
	CU_ASSERT_EQUAL(render_graph_buffer(&r, NULL, "png", &out, &len), 0);
	CU_ASSERT(len > 8 && !memcmp(out, "\x89PNG\r\n\x1a\n", 8));
	free(out);
	scan_result_release(&r);
}

TEST_SUITE(render_graph)
{
	static const test_case cases[] = {
		{ "render_graph__clusters_per_account_tenant_and_directory", test_clusters_per_account_tenant_and_directory },
		{ "render_graph__collapse_identical_principals", test_collapse_identical_principals },
		{ "render_graph__collapse_stores_reached_alike", test_collapse_stores_reached_alike },
		{ "render_graph__focus_resource_is_upstream", test_focus_resource_is_upstream },
		{ "render_graph__focus_principal_is_downstream", test_focus_principal_is_downstream },
		{ "render_graph__find_accepts_ids_as_written_and_suggests", test_find_accepts_ids_as_written_and_suggests },
		{ "render_graph__risky_edges_and_markers", test_risky_edges_and_markers },
		{ "render_graph__legend_lists_what_is_used", test_legend_lists_what_is_used },
		{ "render_graph__size_guard_keeps_synthetic_reach", test_size_guard_keeps_synthetic_reach },
		{ "render_graph__hostile_names_cannot_break_or_inject", test_hostile_names_cannot_break_or_inject },
		{ "render_graph__escape_rules", test_escape_rules },
		{ "render_graph__output_is_deterministic_and_formats_checked",
		  test_output_is_deterministic_and_formats_checked },
		{ NULL, NULL }
	};
	return test_register("render_graph", cases);
}
