/*
 * Tests for az_graph: the Azure nodes and edges of the permission graph on
 * the realistic small tenant fixtures/azure/estate (read as the CLI reads
 * it, classified by the default rules), plus hand-made additions under
 * fixtures/graph/azure: an unclassified and a second production account, a
 * resource type the catalogue does not know, a User Access Administrator
 * at "/", and a deny assignment that names one member of a group.
 */
#include "base/strci.h"
#include "graph/access.h"
#include "graph/az_graph.h"
#include "model/classify.h"
#include "tests/test_ingest_util.h"
#include "tests/test_graph_util.h"
#include "tests/test_util.h"

#define ESTATE "fixtures/azure/estate"
#define EXTRA "fixtures/graph/azure/extra"
#define DENY_MEMBER "fixtures/graph/azure/deny-member"

#define SUB1 "/subscriptions/0b1d0000-1111-4222-8333-000000000001"
#define SUB2 "/subscriptions/0b1d0000-1111-4222-8333-000000000002"
#define MG "/providers/Microsoft.Management/managementGroups/saas-workloads"
#define ST_SYNTH SUB1 "/resourceGroups/synthetic-rg/providers/Microsoft.Storage/storageAccounts/stsynthdata"
#define ST_SCRATCH SUB1 "/resourceGroups/synthetic-rg/providers/Microsoft.Storage/storageAccounts/stscratch"
#define FUNC SUB1 "/resourceGroups/synthetic-rg/providers/Microsoft.Web/sites/func-synth-gen"
#define ST_PROD SUB2 "/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/stproddata"
#define ST_ARCHIVE SUB2 "/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/stprodarchive"
#define WIDGET SUB1 "/resourceGroups/synthetic-rg/providers/Contoso.Widgets/widgets/w1"

#define ALICE "a11ce000-0000-4000-8000-000000000001"
#define BOB "b0b00000-0000-4000-8000-000000000002"
#define CAROL "ca201000-0000-4000-8000-000000000003"
#define DANA "da2a0000-0000-4000-8000-000000000004"
#define EVE "e7e00000-0000-4000-8000-000000000005"
#define FRANK "f2a40000-0000-4000-8000-000000000006"
#define UMA "0a0a0000-0000-4000-8000-000000000007"
#define DATA_SCIENCE "9d5c0000-0000-4000-8000-0000000000a1"
#define ML_INTERNS "9d5c0000-0000-4000-8000-0000000000a2"
#define BREAKGLASS "9d5c0000-0000-4000-8000-0000000000a3"
#define GENERATOR "5b000000-0000-4000-8000-0000000000b1"
#define FUNC_MI "5b000000-0000-4000-8000-0000000000b3"
#define FOREIGN "4f000000-0000-4000-8000-0000000000f1"
#define ID_ETL "1d000000-0000-4000-8000-000000000e71"

#define OP(x) "Microsoft.Storage/storageAccounts/" x
#define BLOB_READ OP("blobServices/containers/blobs/read")

typedef struct gfx {
	loaded l;
	graph *g;
	diag_list warn;
	az_graph_stats st;
	int err;
} gfx;

static void gfx_load(gfx *f, const char *const *paths, size_t n)
{
	config *c = config_defaults();

	load(&f->l, paths, n);
	CU_ASSERT_EQUAL(f->l.err, 0);
	classify_apply(f->l.m, c, NULL);
	config_free(c);
	f->g = graph_new();
	diag_list_init(&f->warn);
	f->err = az_graph_build_stats(f->g, f->l.m, &f->warn, &f->st);
	CU_ASSERT_EQUAL(f->err, 0);
}

static void gfx_estate(gfx *f)
{
	static const char *const paths[] = { ESTATE };

	gfx_load(f, paths, 1);
}

static void gfx_free(gfx *f)
{
	graph_free(f->g);
	diag_list_release(&f->warn);
	unload(&f->l);
}

/* A node by object id or by resource id (any case). */
static gnode *N(gfx *f, const char *id)
{
	return graph_find(f->g, azm_key(f->l.a, id));
}

/* The edges of kind from -> to with technique tq (NULL: none, "*": any), into out. */
static size_t edges(const gnode *from, const gnode *to, gedge_kind kind, const char *tq, gedge **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; from && to && i < from->n_out; i++) {
		gedge *e = from->out[i];
		if (e->to != to || e->kind != kind)
			continue;
		if (tq ? strcmp(tq, "*") && (!e->technique || strcmp(e->technique, tq)) : e->technique != NULL)
			continue;
		if (n < max)
			out[n] = e;
		n++;
	}
	return n;
}

/* The one edge of kind from -> to with technique tq and decision dec, or NULL. */
static gedge *edge(gfx *f, const char *from, const char *to, gedge_kind kind, const char *tq, decision dec)
{
	gedge *es[16];
	size_t n = edges(N(f, from), N(f, to), kind, tq, es, 16), i;
	gedge *found = NULL;

	for (i = 0; i < n && i < 16; i++)
		if (es[i]->dec == dec) {
			CU_ASSERT_PTR_NULL(found);     /* one per decision here */
			found = es[i];
		}
	return found;
}

static int sorted(const gedge *e)
{
	size_t i;

	for (i = 1; i < e->n_actions; i++)
		if (strcmp(e->actions[i - 1], e->actions[i]) >= 0)
			return 0;
	return 1;
}

/* --- levels ------------------------------------------------------------------------------ */

static void az_graph__levels(void)
{
	static const struct { const char *op; unsigned levels; } cases[] = {
		{ OP("listkeys/action"), LEVEL_PERMISSIONS },
		{ OP("ListAccountSas/action"), LEVEL_PERMISSIONS },
		{ OP("listServiceSas/action"), LEVEL_PERMISSIONS },
		{ OP("regeneratekey/action"), LEVEL_PERMISSIONS },
		{ OP("localusers/write"), LEVEL_PERMISSIONS },
		{ OP("localusers/read"), LEVEL_LIST },
		{ OP("read"), LEVEL_LIST },
		{ OP("blobServices/containers/read"), LEVEL_LIST },
		{ BLOB_READ, LEVEL_READ },
		{ OP("blobServices/containers/blobs/write"), LEVEL_WRITE },
		{ OP("blobServices/containers/blobs/delete"), LEVEL_WRITE },
		{ OP("blobServices/containers/blobs/add/action"), LEVEL_WRITE },
		{ OP("blobServices/containers/blobs/move/action"), LEVEL_WRITE },
		{ OP("blobServices/containers/blobs/filter/action"), LEVEL_READ },
		{ OP("blobServices/containers/blobs/tags/write"), LEVEL_TAGGING },
		{ OP("blobServices/containers/blobs/tags/read"), LEVEL_READ },
		{ OP("blobServices/containers/blobs/modifyPermissions/action"), LEVEL_PERMISSIONS },
		{ OP("blobServices/containers/immutabilityPolicies/write"), LEVEL_PERMISSIONS },
		{ OP("blobServices/containers/setLegalHold/action"), LEVEL_PERMISSIONS },
		{ OP("blobServices/generateUserDelegationKey/action"), LEVEL_LIST },
		{ OP("queueServices/queues/messages/process/action"), LEVEL_READ | LEVEL_WRITE },
		{ OP("write"), LEVEL_WRITE },
		{ OP("delete"), LEVEL_WRITE },
		{ "Microsoft.KeyVault/vaults/accessPolicies/write", LEVEL_PERMISSIONS },
		{ "Microsoft.KeyVault/vaults/secrets/getSecret/action", LEVEL_READ },
		{ "Microsoft.KeyVault/vaults/secrets/readMetadata/action", LEVEL_LIST },
		{ "Microsoft.KeyVault/vaults/keys/decrypt/action", LEVEL_READ },
		{ "Microsoft.KeyVault/vaults/keys/create/action", LEVEL_WRITE },
		{ "Microsoft.KeyVault/vaults/deploy/action", LEVEL_READ },
		{ "Microsoft.Web/sites/config/list/Action", LEVEL_PERMISSIONS },
		{ "Microsoft.Web/sites/publishxml/Action", LEVEL_PERMISSIONS },
		{ "microsoft.web/sites/functions/keys/write", LEVEL_PERMISSIONS },
		{ "microsoft.web/sites/host/listkeys/action", LEVEL_PERMISSIONS },
		{ "microsoft.web/sites/listbackups/action", LEVEL_LIST },
		{ "Microsoft.Web/sites/publish/Action", LEVEL_WRITE },
		{ "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/write", LEVEL_PERMISSIONS },
		{ "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/read", LEVEL_LIST },
		{ "Microsoft.DocumentDB/databaseAccounts/listConnectionStrings/action", LEVEL_PERMISSIONS },
		{ "Microsoft.Sql/servers/administrators/write", LEVEL_PERMISSIONS },
		{ "Microsoft.Compute/virtualMachines/loginAsAdmin/action", LEVEL_PERMISSIONS },
	};
	char big[600];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned got = az_graph_op_levels(cases[i].op);
		if (got != cases[i].levels)
			fprintf(stderr, "\n%s: levels %#x, want %#x\n", cases[i].op, got, cases[i].levels);
		CU_ASSERT_EQUAL(got, cases[i].levels);
	}
	/* bad input: nothing to read is write (the most a caller would have to assume) */
	CU_ASSERT_EQUAL(az_graph_op_levels(NULL), LEVEL_WRITE);
	CU_ASSERT_EQUAL(az_graph_op_levels(""), LEVEL_WRITE);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CU_ASSERT_EQUAL(az_graph_op_levels(big), LEVEL_WRITE);
}

/* --- nodes and memberships ----------------------------------------------------------------- */

static void az_graph__nodes(void)
{
	static const char *const paths[] = { ESTATE, EXTRA };
	gfx f;
	gnode *x;

	gfx_load(&f, paths, 2);
	x = N(&f, DANA);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->kind, GN_PRINCIPAL);
	ASSERT_STR(x->type, "user");
	ASSERT_STR(x->cloud, "azure");
	ASSERT_STR(x->name, "Dana (Partner)");
	CU_ASSERT_TRUE(x->external);
	CU_ASSERT_PTR_NOT_NULL(x->external_why);
	CU_ASSERT_PTR_NOT_NULL(x->obj);
	ASSERT_STR(N(&f, FUNC_MI)->type, "managed-identity");
	ASSERT_STR(N(&f, GENERATOR)->type, "service-principal");
	ASSERT_STR(N(&f, FOREIGN)->type, "foreign-group");
	CU_ASSERT_TRUE(N(&f, FOREIGN)->external);
	CU_ASSERT_FALSE(N(&f, ALICE)->external);

	x = N(&f, ST_SYNTH);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->kind, GN_RESOURCE);
	ASSERT_STR(x->id, azm_key(f.l.a, ST_SYNTH));
	ASSERT_STR(x->type, "Microsoft.Storage/storageAccounts");
	ASSERT_STR(x->account, "0b1d0000-1111-4222-8333-000000000001");
	CU_ASSERT_EQUAL(x->classification, CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(N(&f, ST_PROD)->classification, CLASS_PRODUCTION);
	ASSERT_STR(N(&f, ST_PROD)->account, "0b1d0000-1111-4222-8333-000000000002");
	CU_ASSERT_EQUAL(N(&f, FUNC)->classification, CLASS_SYNTHETIC);
	/* unclassified resources get no node and no edge */
	CU_ASSERT_PTR_NULL(N(&f, ST_SCRATCH));
	CU_ASSERT_EQUAL(f.st.resources, 5);
	/* a type the catalogue does not know: a node, no access edges */
	x = N(&f, WIDGET);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->n_in, 0);
	gfx_free(&f);
}

static void az_graph__member_of_and_cycle(void)
{
	gfx f;
	gedge *es[4];
	greach_set rs;
	size_t i;
	int saw_ds = 0, saw_interns = 0;

	gfx_estate(&f);
	CU_ASSERT_EQUAL(edges(N(&f, BOB), N(&f, DATA_SCIENCE), GE_MEMBER_OF, NULL, es, 4), 1);
	CU_ASSERT_EQUAL(edges(N(&f, CAROL), N(&f, ML_INTERNS), GE_MEMBER_OF, NULL, es, 4), 1);
	CU_ASSERT_EQUAL(edges(N(&f, FRANK), N(&f, BREAKGLASS), GE_MEMBER_OF, NULL, es, 4), 1);
	/* the two groups are members of each other */
	CU_ASSERT_EQUAL(edges(N(&f, DATA_SCIENCE), N(&f, ML_INTERNS), GE_MEMBER_OF, NULL, es, 4), 1);
	CU_ASSERT_EQUAL(edges(N(&f, ML_INTERNS), N(&f, DATA_SCIENCE), GE_MEMBER_OF, NULL, es, 4), 1);
	CU_ASSERT_EQUAL(edges(N(&f, CAROL), N(&f, DATA_SCIENCE), GE_MEMBER_OF, NULL, es, 4), 0);
	CU_ASSERT_EQUAL(f.st.member_edges, 5);
	greach_set_init(&rs);
	graph_reach(f.g, N(&f, CAROL), &rs);
	CU_ASSERT_EQUAL(rs.count, 3);   /* carol, ml-interns, data-science: the cycle ends */
	for (i = 0; i < rs.count; i++) {
		saw_ds |= rs.items[i].node == N(&f, DATA_SCIENCE);
		saw_interns |= rs.items[i].node == N(&f, ML_INTERNS);
	}
	CU_ASSERT_TRUE(saw_ds && saw_interns);
	greach_set_release(&rs);
	gfx_free(&f);
}

/* --- access --------------------------------------------------------------------------------- */

static void az_graph__group_access_through_reach(void)
{
	gfx f;
	gedge *e, *es[4], *path[8];
	greach_set rs;
	access_list al;
	size_t i, n;

	gfx_estate(&f);
	e = edge(&f, DATA_SCIENCE, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->levels, LEVEL_LIST | LEVEL_READ);
	CU_ASSERT_EQUAL(e->n_actions, 3);
	CU_ASSERT_TRUE(has_action(e, BLOB_READ));
	CU_ASSERT_TRUE(has_action(e, OP("blobServices/containers/read")));
	CU_ASSERT_FALSE(has_action(e, OP("blobServices/containers/blobs/write")));
	CU_ASSERT_TRUE(sorted(e));
	CU_ASSERT_EQUAL(e->n_conditions, 0);
	CU_ASSERT_EQUAL(e->loc.line, 34);   /* the Storage Blob Data Reader assignment */
	CU_ASSERT_PTR_NOT_NULL(strstr(e->loc.file, "role-assignments.json"));
	/* members get it through the group, not an edge of their own */
	CU_ASSERT_EQUAL(edges(N(&f, BOB), N(&f, ST_SYNTH), GE_ACCESS, "*", es, 4), 0);
	CU_ASSERT_EQUAL(edges(N(&f, CAROL), N(&f, ST_SYNTH), GE_ACCESS, "*", es, 4), 0);
	greach_set_init(&rs);
	graph_reach(f.g, N(&f, CAROL), &rs);
	for (i = 0; i < rs.count && rs.items[i].node != N(&f, DATA_SCIENCE); i++)
		;
	CU_ASSERT_FATAL(i < rs.count);
	n = graph_path(&rs, i, path, 8);
	CU_ASSERT_EQUAL(n, 2);   /* carol -> ml-interns -> data-science */
	CU_ASSERT_EQUAL(path[0]->kind, GE_MEMBER_OF);
	CU_ASSERT_PTR_EQUAL(path[1]->to, N(&f, DATA_SCIENCE));
	greach_set_release(&rs);
	/* effective access: bob reads the synthetic account through data-science */
	access_list_init(&al);
	access_of(f.g, N(&f, BOB), &al);
	for (i = 0; i < al.count && al.items[i].resource != N(&f, ST_SYNTH); i++)
		;
	CU_ASSERT_FATAL(i < al.count);
	CU_ASSERT_EQUAL(al.items[i].dec, DEC_ALLOW);
	CU_ASSERT_TRUE((al.items[i].levels & LEVEL_READ) != 0);
	CU_ASSERT_EQUAL(al.items[i].n_via, 2);
	CU_ASSERT_PTR_EQUAL(al.items[i].via[1], N(&f, DATA_SCIENCE));
	access_list_release(&al);
	gfx_free(&f);
}

static void az_graph__guest_contributor(void)
{
	gfx f;
	gedge *e;

	gfx_estate(&f);
	e = edge(&f, DANA, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->levels, LEVEL_LIST | LEVEL_WRITE | LEVEL_PERMISSIONS);
	CU_ASSERT_TRUE(has_action(e, OP("write")));
	CU_ASSERT_TRUE(has_action(e, OP("listkeys/action")));
	/* Contributor has no data actions, and the deny assignment removes deletes */
	CU_ASSERT_FALSE(has_action(e, BLOB_READ));
	CU_ASSERT_FALSE(has_action(e, OP("delete")));
	CU_ASSERT_EQUAL(e->loc.line, 18);
	CU_ASSERT_TRUE(sorted(e));
	/* listKeys: data access without data actions, conditional on Shared Key */
	e = edge(&f, DANA, ST_SYNTH, GE_ACCESS, "az-004", DEC_CONDITIONAL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->levels, LEVEL_READ | LEVEL_WRITE);
	CU_ASSERT_TRUE(has_action(e, OP("listkeys/action")));
	CU_ASSERT_TRUE(has_condition(e, "Shared Key"));
	CU_ASSERT_PTR_NOT_NULL(edge(&f, DANA, ST_SYNTH, GE_ACCESS, "az-005", DEC_CONDITIONAL));
	/* no write anywhere in the production subscription */
	CU_ASSERT_PTR_NULL(edge(&f, DANA, ST_PROD, GE_ACCESS, NULL, DEC_ALLOW));
	gfx_free(&f);
}

static void az_graph__abac_condition(void)
{
	gfx f;
	gedge *e;

	gfx_estate(&f);
	/* on the account the container name is not known: blob reads are conditional */
	e = edge(&f, EVE, ST_SYNTH, GE_ACCESS, NULL, DEC_CONDITIONAL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->n_actions, 1);
	CU_ASSERT_TRUE(has_action(e, BLOB_READ));
	CU_ASSERT_EQUAL(e->levels, LEVEL_READ);
	CU_ASSERT_TRUE(has_condition(e, "tenant-acme"));
	CU_ASSERT_EQUAL(e->loc.line, 66);
	/* what the condition lets through for certain: the other operations of the role,
	 * and blob reads in container tenant-acme (an assignment inside the account names it) */
	e = edge(&f, EVE, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(has_action(e, OP("blobServices/containers/read")));
	CU_ASSERT_TRUE(has_action(e, BLOB_READ));
	CU_ASSERT_EQUAL(e->n_conditions, 0);
	/* the generator's container-scoped role is access to part of the account */
	e = edge(&f, GENERATOR, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(has_action(e, OP("blobServices/containers/blobs/write")));
	CU_ASSERT_FALSE(has_action(e, OP("read")));     /* account operations are not container ones */
	CU_ASSERT_EQUAL(e->levels, LEVEL_LIST | LEVEL_READ | LEVEL_WRITE);
	gfx_free(&f);
}

static void az_graph__deny_assignment(void)
{
	gfx f;
	gedge *e, *es[4];

	gfx_estate(&f);
	/* "Protect synthetic data from deletion": everyone but breakglass */
	e = edge(&f, ALICE, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(has_action(e, OP("write")));
	CU_ASSERT_FALSE(has_action(e, OP("delete")));
	CU_ASSERT_FALSE(has_action(e, OP("blobServices/containers/delete")));
	e = edge(&f, BREAKGLASS, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(has_action(e, OP("delete")));
	CU_ASSERT_EQUAL(e->loc.line, 146);
	/* frank is decided (the deny makes members count) but keeps what his group keeps */
	CU_ASSERT_EQUAL(edges(N(&f, FRANK), N(&f, ST_SYNTH), GE_ACCESS, "*", es, 4), 0);
	/* elsewhere frank's own Owner assignment gives him an edge */
	CU_ASSERT_PTR_NOT_NULL(edge(&f, FRANK, ST_PROD, GE_ACCESS, NULL, DEC_ALLOW));
	/* the deny also applies to the function app's identity: write, not delete */
	e = edge(&f, FUNC_MI, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(has_action(e, OP("blobServices/containers/blobs/write")));
	CU_ASSERT_FALSE(has_action(e, OP("blobServices/containers/blobs/delete")));
	CU_ASSERT_EQUAL(f.warn.count, 0);
	gfx_free(&f);
}

static void az_graph__member_denied_is_a_warning(void)
{
	static const char *const paths[] = { ESTATE, DENY_MEMBER };
	gfx f;
	size_t i;
	int found = 0;

	gfx_load(&f, paths, 2);
	/* the group keeps the read; reach would give it to bob: the graph says so */
	CU_ASSERT_TRUE(has_action(edge(&f, DATA_SCIENCE, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW), BLOB_READ));
	for (i = 0; i < f.warn.count; i++)
		if (f.warn.items[i].severity == DIAG_WARNING && strstr(f.warn.items[i].msg, "Bob Scientist") &&
		    strstr(f.warn.items[i].msg, "data-science")) {
			found = 1;
			CU_ASSERT_PTR_NOT_NULL(strstr(f.warn.items[i].file, "deny-member/deny-assignments.json"));
			CU_ASSERT_EQUAL(f.warn.items[i].line, 3);
		}
	CU_ASSERT_TRUE(found);
	gfx_free(&f);
}

static void az_graph__reuse_same_chain(void)
{
	static const char *const paths[] = { ESTATE, EXTRA };
	gfx f;
	gnode *a, *b;
	size_t i, j;

	gfx_load(&f, paths, 2);
	/* stprodarchive sits where stproddata does, with no assignment of its own */
	CU_ASSERT_TRUE(f.st.reused >= 1);
	a = N(&f, ST_PROD);
	b = N(&f, ST_ARCHIVE);
	CU_ASSERT_FATAL(a && b);
	CU_ASSERT_EQUAL(a->n_in, b->n_in);
	for (i = 0; i < a->n_in && i < b->n_in; i++) {
		CU_ASSERT_PTR_EQUAL(a->in[i]->from, b->in[i]->from);
		CU_ASSERT_EQUAL(a->in[i]->dec, b->in[i]->dec);
		CU_ASSERT_EQUAL(a->in[i]->n_actions, b->in[i]->n_actions);
		for (j = 0; j < a->in[i]->n_actions && j < b->in[i]->n_actions; j++)
			ASSERT_STR(a->in[i]->actions[j], b->in[i]->actions[j]);
	}
	gfx_free(&f);
}

/* --- escalation --------------------------------------------------------------------------- */

static void az_graph__host_identity(void)
{
	gfx f;
	gedge *e, *es[8];
	access_list al;
	size_t i;

	gfx_estate(&f);
	/* who controls the function app can act as its managed identity */
	e = edge(&f, DANA, FUNC_MI, GE_CAN_ACT_AS, "az-015", DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(has_action(e, "Microsoft.Web/sites/publish/Action"));
	CU_ASSERT_EQUAL(e->loc.line, 18);
	CU_ASSERT_PTR_NOT_NULL(edge(&f, ALICE, FUNC_MI, GE_CAN_ACT_AS, "az-017", DEC_ALLOW));
	CU_ASSERT_PTR_NOT_NULL(edge(&f, BREAKGLASS, FUNC_MI, GE_CAN_ACT_AS, "az-018", DEC_ALLOW));
	/* publishing credentials work only while basic auth is on */
	e = edge(&f, ALICE, FUNC_MI, GE_CAN_ACT_AS, "az-016", DEC_CONDITIONAL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(has_condition(e, "basic publishing credentials"));
	/* readers and data readers do not */
	CU_ASSERT_EQUAL(edges(N(&f, FOREIGN), N(&f, FUNC_MI), GE_CAN_ACT_AS, "*", es, 8), 0);
	CU_ASSERT_EQUAL(edges(N(&f, DATA_SCIENCE), N(&f, FUNC_MI), GE_CAN_ACT_AS, "*", es, 8), 0);
	CU_ASSERT_EQUAL(edges(N(&f, EVE), N(&f, FUNC_MI), GE_CAN_ACT_AS, "*", es, 8), 0);
	/* the guest writes synthetic blobs through the identity */
	access_list_init(&al);
	access_of(f.g, N(&f, DANA), &al);
	for (i = 0; i < al.count && al.items[i].resource != N(&f, ST_SYNTH); i++)
		;
	CU_ASSERT_FATAL(i < al.count);
	CU_ASSERT_TRUE(has_action(edge(&f, FUNC_MI, ST_SYNTH, GE_ACCESS, NULL, DEC_ALLOW),
				  OP("blobServices/containers/blobs/write")));
	CU_ASSERT_TRUE((al.items[i].levels & LEVEL_WRITE) != 0);
	CU_ASSERT_TRUE(al.items[i].n_actions > 0);
	access_list_release(&al);
	gfx_free(&f);
}

static void az_graph__owner_reaches_admin(void)
{
	gfx f;
	gnode *adm;
	gedge *e, *es[8];
	size_t i;

	gfx_estate(&f);
	adm = graph_find(f.g, "azure-admin:" "/subscriptions/0b1d0000-1111-4222-8333-000000000001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(adm);
	ASSERT_STR(adm->type, "administrator");
	CU_ASSERT_TRUE(access_is_pseudo(adm));
	ASSERT_STR(adm->account, "0b1d0000-1111-4222-8333-000000000001");
	CU_ASSERT_EQUAL(edges(N(&f, ALICE), adm, GE_CAN_ACT_AS, "az-001", es, 8), 1);
	e = es[0];
	CU_ASSERT_EQUAL(e->dec, DEC_ALLOW);
	CU_ASSERT_TRUE(has_action(e, "Microsoft.Authorization/roleAssignments/write"));
	CU_ASSERT_EQUAL(e->loc.line, 2);
	/* Contributor's NotActions exclude Microsoft.Authorization writes */
	for (i = 0; i < N(&f, DANA)->n_out; i++)
		CU_ASSERT_FALSE(access_is_pseudo(N(&f, DANA)->out[i]->to));
	/* frank owns the production subscription; breakglass the management group, twice:
	 * it may assign roles, and rewrite the custom role assigned to it */
	adm = graph_find(f.g, "azure-admin:" "/subscriptions/0b1d0000-1111-4222-8333-000000000002");
	CU_ASSERT_EQUAL(edges(N(&f, FRANK), adm, GE_CAN_ACT_AS, "az-001", es, 8), 1);
	adm = graph_find(f.g, "azure-admin:/providers/microsoft.management/managementgroups/saas-workloads");
	CU_ASSERT_PTR_NOT_NULL_FATAL(adm);
	CU_ASSERT_EQUAL(edges(N(&f, BREAKGLASS), adm, GE_CAN_ACT_AS, "az-001", es, 8), 1);
	CU_ASSERT_EQUAL(edges(N(&f, BREAKGLASS), adm, GE_CAN_ACT_AS, "az-002", es, 8), 1);
	CU_ASSERT_PTR_NULL(graph_find(f.g, "azure-admin:/"));
	gfx_free(&f);
}

static void az_graph__elevate_access(void)
{
	static const char *const paths[] = { ESTATE, EXTRA };
	gfx f;
	gnode *root;
	gedge *es[4];

	gfx_load(&f, paths, 2);
	root = graph_find(f.g, "azure-admin:/");
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_EQUAL(edges(N(&f, UMA), root, GE_CAN_ACT_AS, "az-003", es, 4), 1);
	CU_ASSERT_EQUAL(es[0]->dec, DEC_CONDITIONAL);
	CU_ASSERT_TRUE(has_condition(es[0], "Global Administrator"));
	/* User Access Administrator at / also assigns roles there */
	CU_ASSERT_EQUAL(edges(N(&f, UMA), root, GE_CAN_ACT_AS, "az-001", es, 4), 1);
	CU_ASSERT_EQUAL(es[0]->dec, DEC_ALLOW);
	gfx_free(&f);
}

static void az_graph__user_assigned_identity(void)
{
	static const char *const paths[] = { ESTATE, EXTRA };
	gfx f;
	gedge *e, *es[4];

	gfx_load(&f, paths, 2);
	/* a federated credential on the identity resource makes it the writer's */
	e = edge(&f, ALICE, ID_ETL, GE_CAN_ACT_AS, "az-023", DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(has_action(e, "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write"));
	CU_ASSERT_PTR_NOT_NULL(edge(&f, DANA, ID_ETL, GE_CAN_ACT_AS, "az-023", DEC_ALLOW));
	/* Reader cannot; attaching it to a new host (az-024) is not modelled */
	CU_ASSERT_EQUAL(edges(N(&f, FOREIGN), N(&f, ID_ETL), GE_CAN_ACT_AS, "*", es, 4), 0);
	CU_ASSERT_EQUAL(edges(N(&f, ALICE), N(&f, ID_ETL), GE_CAN_ACT_AS, "az-024", es, 4), 0);
	gfx_free(&f);
}

static void az_graph__deterministic(void)
{
	static const char *const paths[] = { ESTATE, EXTRA, DENY_MEMBER };
	gfx a, b;
	gedge *const *ea, *const *eb;
	size_t na, nb, i;

	gfx_load(&a, paths, 3);
	gfx_load(&b, paths, 3);
	ea = graph_edges(a.g, &na);
	eb = graph_edges(b.g, &nb);
	CU_ASSERT_EQUAL_FATAL(na, nb);
	for (i = 0; i < na; i++) {
		ASSERT_STR(ea[i]->from->id, eb[i]->from->id);
		ASSERT_STR(ea[i]->to->id, eb[i]->to->id);
		CU_ASSERT_EQUAL(ea[i]->kind, eb[i]->kind);
		CU_ASSERT_EQUAL(ea[i]->dec, eb[i]->dec);
		CU_ASSERT_EQUAL(ea[i]->n_actions, eb[i]->n_actions);
		CU_ASSERT_EQUAL(ea[i]->n_conditions, eb[i]->n_conditions);
		ASSERT_STR(ea[i]->technique ? ea[i]->technique : "-", eb[i]->technique ? eb[i]->technique : "-");
	}
	gfx_free(&a);
	gfx_free(&b);
}

/* --- edge cases ----------------------------------------------------------------------------- */

static void az_graph__no_azure_input(void)
{
	model *m = model_new();
	graph *g = graph_new();
	size_t n;

	model_finalize(m, NULL);
	CU_ASSERT_EQUAL(az_graph_build(g, m, NULL), 0);
	graph_nodes(g, &n);
	CU_ASSERT_EQUAL(n, 0);
	graph_free(g);
	model_free(m);
}

static void az_graph__nothing_classified(void)
{
	config *c = NULL;
	diag_list dl;
	graph *g = graph_new();
	gnode *const *nodes;
	loaded l;
	size_t n, i;
	const char *text = "classify:\n  synthetic: [{tag: {key: no-such-tag}}]\n  production: [{tag: {key: no-such-tag}}]\n";

	diag_list_init(&dl);
	CU_ASSERT_EQUAL(config_load_buffer(&c, "t.yaml", text, strlen(text), &dl), 0);
	load1(&l, ESTATE);
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(az_graph_build(g, l.m, NULL), 0);
	nodes = graph_nodes(g, &n);
	CU_ASSERT_TRUE(n > 0);
	for (i = 0; i < n; i++)
		CU_ASSERT_TRUE(nodes[i]->kind == GN_PRINCIPAL);
	/* escalation edges remain: they do not need a classified resource */
	CU_ASSERT_PTR_NOT_NULL(graph_find(g, "azure-admin:/subscriptions/0b1d0000-1111-4222-8333-000000000001"));
	graph_free(g);
	config_free(c);
	diag_list_release(&dl);
	unload(&l);
}

TEST_SUITE(az_graph)
{
	static const test_case cases[] = {
		{ "az_graph__levels", az_graph__levels },
		{ "az_graph__nodes", az_graph__nodes },
		{ "az_graph__member_of_and_cycle", az_graph__member_of_and_cycle },
		{ "az_graph__group_access_through_reach", az_graph__group_access_through_reach },
		{ "az_graph__guest_contributor", az_graph__guest_contributor },
		{ "az_graph__abac_condition", az_graph__abac_condition },
		{ "az_graph__deny_assignment", az_graph__deny_assignment },
		{ "az_graph__member_denied_is_a_warning", az_graph__member_denied_is_a_warning },
		{ "az_graph__reuse_same_chain", az_graph__reuse_same_chain },
		{ "az_graph__host_identity", az_graph__host_identity },
		{ "az_graph__owner_reaches_admin", az_graph__owner_reaches_admin },
		{ "az_graph__elevate_access", az_graph__elevate_access },
		{ "az_graph__user_assigned_identity", az_graph__user_assigned_identity },
		{ "az_graph__deterministic", az_graph__deterministic },
		{ "az_graph__no_azure_input", az_graph__no_azure_input },
		{ "az_graph__nothing_classified", az_graph__nothing_classified },
		{ NULL, NULL }
	};
	return test_register("az_graph", cases);
}
