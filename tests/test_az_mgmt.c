/*
 * Tests for the Azure hierarchy, account and Lighthouse readers: az_mgmt.c
 * ("azure-management-groups"), az_account.c ("azure-accounts") and
 * az_lighthouse.c ("azure-lighthouse"), read through ingest_paths as the
 * CLI does.
 */
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#define MG "fixtures/azure/mgmt"
#define LH "fixtures/azure/lighthouse"
#define MG_ID(x) "/providers/Microsoft.Management/managementGroups/" x
#define T2 "20000000-0000-0000-0000-000000000000"
#define TA "aaaaaaaa-0000-4000-8000-000000000001"
#define SUB1 "/subscriptions/11111111-1111-4111-8111-111111111111"

static az_scope *scope(loaded *l, const char *id)
{
	return azm_find_scope(l->a, id);
}

/* The parent's id key of scope id, "/" for the root, "?" when not known, "-" when absent. */
static const char *parent_of(loaded *l, const char *id)
{
	az_scope *s = scope(l, id);

	if (!s)
		return "-";
	if (!s->parent_known)
		return "?";
	return s->parent ? s->parent->id : "/";
}

/* How many assignments of kind sit at scope (any case). */
static size_t count_at(loaded *l, aza_kind kind, const char *scope_id)
{
	size_t n, i, k = 0;
	az_assignment **xs = azm_assignments(l->a, &n);
	const char *key = azm_key(l->a, scope_id);

	for (i = 0; i < n; i++)
		k += xs[i]->kind == kind && xs[i]->scope == key;
	return k;
}

static size_t count_kind(loaded *l, aza_kind kind)
{
	size_t n, i, k = 0;
	az_assignment **xs = azm_assignments(l->a, &n);

	for (i = 0; i < n; i++)
		k += xs[i]->kind == kind;
	return k;
}

/* --- management groups ------------------------------------------------------ */

static void az_mgmt__rest_show_with_children(void)
{
	loaded l;
	az_scope *g1, *s4;
	const char *chain[16];
	int gap = 1;
	size_t n;

	load1(&l, MG "/managementgroups_2021-04-01_GetManagementGroupWithExpand.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-management-groups");
	g1 = scope(&l, MG_ID("20000000-0001-0000-0000-000000000000"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(g1);
	ASSERT_STR(g1->name, "Group 1 Tenant 2");
	ASSERT_STR(g1->tenant, T2);
	CU_ASSERT_EQUAL(g1->loc.line, 10);
	/* details.parent, and the parent is the tenant root group (named after the tenant) */
	ASSERT_STR(parent_of(&l, MG_ID("20000000-0001-0000-0000-000000000000")),
		   "/providers/microsoft.management/managementgroups/" T2);
	ASSERT_STR(parent_of(&l, MG_ID(T2)), "/");
	/* children: groups and subscriptions, whatever tenant their names mention */
	ASSERT_STR(parent_of(&l, MG_ID("20000000-0002-0000-0000-000000000000")), g1->id);
	ASSERT_STR(parent_of(&l, MG_ID("20000000-0003-0000-0000-000000000000")), g1->id);
	ASSERT_STR(parent_of(&l, "/subscriptions/10000000-F004-0000-0000-000000000000"), g1->id);
	ASSERT_STR(parent_of(&l, "/subscriptions/20000000-f005-0000-0000-000000000000"), g1->id);
	ASSERT_STR(parent_of(&l, "/subscriptions/30000000-F003-0000-0000-000000000000"), g1->id);
	s4 = scope(&l, "/subscriptions/10000000-F004-0000-0000-000000000000");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s4);
	ASSERT_STR(s4->name, "Subscription 4 Tenant 1");
	ASSERT_STR(s4->id, "/subscriptions/10000000-f004-0000-0000-000000000000");
	CU_ASSERT_TRUE(azm_is_home_tenant(l.a, T2));
	CU_ASSERT_EQUAL(azm_home_tenant_count(l.a), 1);
	/* a resource group of a listed subscription inherits along the whole chain */
	n = azm_ancestors(l.a, "/subscriptions/10000000-F004-0000-0000-000000000000/resourceGroups/rg", chain, 16, &gap);
	CU_ASSERT_EQUAL(n, 5);
	CU_ASSERT_EQUAL(gap, 0);
	if (n == 5) {
		ASSERT_STR(chain[2], g1->id);
		ASSERT_STR(chain[3], "/providers/microsoft.management/managementgroups/" T2);
		ASSERT_STR(chain[4], "/");
	}
	unload(&l);
}

static void az_mgmt__entities_list(void)
{
	loaded l;
	const char *chain[8];
	int gap = 0;

	load1(&l, MG "/managementgroups_2023-04-01_GetEntities.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-management-groups");
	ASSERT_STR(parent_of(&l, MG_ID("20000000-0001-0000-0000-000000000000")),
		   "/providers/microsoft.management/managementgroups/" T2);
	ASSERT_STR(parent_of(&l, MG_ID("20000000-0004-0000-0000-000000000000")),
		   "/providers/microsoft.management/managementgroups/" T2);
	ASSERT_STR(scope(&l, MG_ID("20000000-0004-0000-0000-000000000000"))->name, "Group 4 Tenant 2");
	ASSERT_STR(parent_of(&l, MG_ID(T2)), "/");
	CU_ASSERT_EQUAL(azm_ancestors(l.a, MG_ID("20000000-0004-0000-0000-000000000000"), chain, 8, &gap), 3);
	CU_ASSERT_EQUAL(gap, 0);
	unload(&l);
}

static void az_mgmt__recursive_show_three_levels(void)
{
	loaded l;
	const char *chain[8];
	int gap = 1;
	size_t n;

	load1(&l, MG "/az_mg_show_recurse.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(parent_of(&l, SUB1), "/providers/microsoft.management/managementgroups/mg-synthetic");
	ASSERT_STR(parent_of(&l, MG_ID("mg-synthetic")), "/providers/microsoft.management/managementgroups/mg-workloads");
	ASSERT_STR(parent_of(&l, MG_ID("mg-workloads")), "/providers/microsoft.management/managementgroups/" TA);
	ASSERT_STR(parent_of(&l, MG_ID("mg-sandbox")), "/providers/microsoft.management/managementgroups/" TA);
	ASSERT_STR(parent_of(&l, MG_ID(TA)), "/");
	/* "Microsoft.Management/managementGroups/subscriptions" children are subscriptions */
	ASSERT_STR(parent_of(&l, "/subscriptions/22222222-2222-4222-8222-222222222222"),
		   "/providers/microsoft.management/managementgroups/mg-workloads");
	ASSERT_STR(scope(&l, SUB1)->name, "synthetic-data-prod");
	ASSERT_STR(scope(&l, SUB1)->tenant, TA);    /* inherited from the record */
	n = azm_ancestors(l.a, SUB1, chain, 8, &gap);
	CU_ASSERT_EQUAL(n, 5);
	CU_ASSERT_EQUAL(gap, 0);
	unload(&l);
}

static void az_mgmt__entities_yaml_agrees_with_show(void)
{
	static const char *const paths[] = { MG "/az_mg_show_recurse.json", MG "/az_mg_entities_list.yaml" };
	loaded l;
	const char *chain[8];
	int gap = 1;

	load1(&l, MG "/az_mg_entities_list.yaml");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-management-groups");
	ASSERT_STR(parent_of(&l, SUB1), "/providers/microsoft.management/managementgroups/mg-synthetic");
	ASSERT_STR(parent_of(&l, MG_ID("mg-synthetic")), "/providers/microsoft.management/managementgroups/mg-workloads");
	ASSERT_STR(parent_of(&l, MG_ID(TA)), "/");
	CU_ASSERT_EQUAL(azm_ancestors(l.a, SUB1 "/resourceGroups/rg", chain, 8, &gap), 6);
	CU_ASSERT_EQUAL(gap, 0);
	unload(&l);

	/* both exports of one tree: no conflict */
	load(&l, paths, 2);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(parent_of(&l, SUB1), "/providers/microsoft.management/managementgroups/mg-synthetic");
	unload(&l);
}

static void az_mgmt__conflicting_parent_warns_in_place(void)
{
	scratch s;
	const char *p = scratch_one(&s, NULL, "entities.json",
				    "[\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/x\", \"type\": \"Microsoft.Management/managementGroups\",\n"
				    "  \"parent\": {\"id\": \"/providers/Microsoft.Management/managementGroups/a\"}},\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/X\", \"type\": \"Microsoft.Management/managementGroups\",\n"
				    "  \"parent\": {\"id\": \"/providers/Microsoft.Management/managementGroups/b\"}},\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/x\", \"type\": \"Microsoft.Management/managementGroups\",\n"
				    "  \"parent\": {\"id\": \"/providers/Microsoft.Management/managementGroups/A\"}}\n"
				    "]\n");
	loaded l;
	const diag *d;

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_WARNING), 1);       /* the same parent again is no conflict */
	d = find_diag(&l, DIAG_WARNING, "conflicting parent of '/providers/microsoft.management/managementgroups/x'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 5);
	CU_ASSERT_EQUAL(d->col, 13);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->msg, "keeping the first"));
	ASSERT_STR(parent_of(&l, MG_ID("x")), "/providers/microsoft.management/managementgroups/a");
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_mgmt__parent_cycle_is_an_error(void)
{
	scratch s;
	const char *p = scratch_one(&s, NULL, "cycle.json",
				    "[\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/a\", \"type\": \"Microsoft.Management/managementGroups\",\n"
				    "  \"parent\": {\"id\": \"/providers/Microsoft.Management/managementGroups/b\"}},\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/b\", \"type\": \"Microsoft.Management/managementGroups\",\n"
				    "  \"parent\": {\"id\": \"/providers/Microsoft.Management/managementGroups/a\"}},\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/c\", \"type\": \"Microsoft.Management/managementGroups\",\n"
				    "  \"children\": [{\"id\": \"/providers/Microsoft.Management/managementGroups/c\"}]}\n"
				    "]\n");
	loaded l;
	const diag *d;
	const char *chain[64];
	int gap;

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "'/providers/microsoft.management/managementgroups/b' cannot be its own ancestor");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 5);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR,
					 "'/providers/microsoft.management/managementgroups/c' cannot be its own ancestor"));
	ASSERT_STR(parent_of(&l, MG_ID("a")), "/providers/microsoft.management/managementgroups/b");
	ASSERT_STR(parent_of(&l, MG_ID("b")), "?");
	ASSERT_STR(parent_of(&l, MG_ID("c")), "?");
	/* walking up ends */
	CU_ASSERT_EQUAL(azm_ancestors(l.a, MG_ID("a"), chain, 64, &gap), 3);
	CU_ASSERT_EQUAL(gap, 1);
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_mgmt__wrong_types_are_placed_errors(void)
{
	scratch s;
	const char *p = scratch_one(&s, NULL, "bad.json",
				    "[\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/g\", \"type\": \"Microsoft.Management/managementGroups\",\n"
				    "  \"children\": {\"id\": \"/subscriptions/s1\"}},\n"
				    " 42,\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/h\", \"parent\": 7},\n"
				    " {\"id\": \"/subscriptions/s2/resourceGroups/rg\", \"type\": \"/subscriptions\"},\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/i\", \"tenantId\": [1],\n"
				    "  \"parent\": {\"id\": \"/subscriptions/s3\"}},\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/g/subscriptions/s4\",\n"
				    "  \"type\": \"Microsoft.Management/managementGroups/subscriptions\"},\n"
				    " {\"type\": \"/subscriptions\", \"name\": \"s5\", \"displayName\": \"five\",\n"
				    "  \"parent\": \"/providers/Microsoft.Management/managementGroups/g\"},\n"
				    " {\"id\": \"/providers/Microsoft.Management/managementGroups/j\", \"parent\": {\"id\": null}},\n"
				    " null\n"
				    "]\n");
	loaded l;
	const diag *d;

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "'children' must be an array, not an object");
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_EQUAL(d ? d->line : 0, 3);
	d = find_diag(&l, DIAG_ERROR, "each management group entry must be an object, not a number");
	CU_ASSERT_EQUAL(d ? d->line : 0, 4);
	d = find_diag(&l, DIAG_ERROR, "'parent' must be an object or a string, not a number");
	CU_ASSERT_EQUAL(d ? d->line : 0, 5);
	d = find_diag(&l, DIAG_ERROR, "'/subscriptions/s2/resourceGroups/rg' is not a management group or subscription id");
	CU_ASSERT_EQUAL(d ? d->line : 0, 6);
	d = find_diag(&l, DIAG_ERROR, "'tenantId' must be a string");
	CU_ASSERT_EQUAL(d ? d->line : 0, 7);
	d = find_diag(&l, DIAG_ERROR, "must be a management group");
	CU_ASSERT_EQUAL(d ? d->line : 0, 8);
	d = find_diag(&l, DIAG_ERROR, "each management group entry must be an object, not null");
	CU_ASSERT_EQUAL(d ? d->line : 0, 14);
	CU_ASSERT_EQUAL(l.diags.errors, 7);
	/* the rest is read */
	CU_ASSERT_PTR_NOT_NULL(scope(&l, MG_ID("h")));
	ASSERT_STR(parent_of(&l, "/subscriptions/s4"), "/providers/microsoft.management/managementgroups/g");
	ASSERT_STR(parent_of(&l, "/subscriptions/s5"), "/providers/microsoft.management/managementgroups/g");
	ASSERT_STR(scope(&l, "/subscriptions/s5")->name, "five");
	ASSERT_STR(parent_of(&l, MG_ID("j")), "?");      /* {"id": null} says nothing */
	ASSERT_STR(parent_of(&l, "/subscriptions/s3"), "-");   /* a wrong parent adds no scope */
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_mgmt__detection_leaves_other_inputs(void)
{
	static const struct { const char *text; int mg, acct, lh; } cases[] = {
		/* role assignment at a management group: the RBAC reader's */
		{ "[{\"id\": \"/providers/Microsoft.Management/managementGroups/g/providers/Microsoft.Authorization/"
		  "roleAssignments/1\", \"type\": \"Microsoft.Authorization/roleAssignments\"}]", 0, 0, 0 },
		/* ARM template */
		{ "{\"$schema\": \"x\", \"resources\": [{\"type\": \"Microsoft.ManagedServices/registrationDefinitions\"}]}",
		  0, 0, 0 },
		/* IAM */
		{ "{\"UserDetailList\": [], \"RoleDetailList\": []}", 0, 0, 0 },
		{ "{\"id\": \"/providers/Microsoft.Management/managementGroups/g\", \"tenantId\": \"t\"}", 1, 0, 0 },
		{ "[{\"id\": \"/subscriptions/x\", \"type\": \"/subscriptions\"}]", 1, 0, 0 },
		{ "{\"id\": \"11111111-1111-4111-8111-111111111111\", \"tenantId\": \"t\", \"isDefault\": true}", 0, 1, 0 },
		{ "{\"id\": \"/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/r\", \"tenantId\": \"t\", "
		  "\"state\": \"x\"}", 0, 0, 0 },
		{ "{\"value\": [{\"properties\": {\"registrationDefinitionId\": \"x\"}}]}", 0, 0, 1 },
		{ "{\"properties\": {\"managedByTenantId\": \"x\", \"authorizations\": []}}", 0, 0, 1 },
	};
	const ingest_format *mg = ingest_find_format("azure-management-groups");
	const ingest_format *acct = ingest_find_format("azure-accounts");
	const ingest_format *lh = ingest_find_format("azure-lighthouse");
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(acct);
	CU_ASSERT_PTR_NOT_NULL_FATAL(lh);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		doc *d = NULL;
		diag dg = DIAG_INIT;
		CU_ASSERT_EQUAL_FATAL(doc_load_buffer(&d, "t.json", cases[i].text, strlen(cases[i].text), DOC_FMT_JSON,
						      &dg), 0);
		CU_ASSERT_EQUAL(mg->detect(doc_root(d), "t.json"), cases[i].mg);
		CU_ASSERT_EQUAL(acct->detect(doc_root(d), "t.json"), cases[i].acct);
		CU_ASSERT_EQUAL(lh->detect(doc_root(d), "t.json"), cases[i].lh);
		doc_free(d);
		diag_release(&dg);
	}
}

/* --- accounts ------------------------------------------------------------------ */

static void az_account__list_gives_subscriptions_and_tenants(void)
{
	static const char *const paths[] = { MG "/az_account_list.json", MG "/az_mg_show_recurse.json" };
	loaded l;
	az_scope *s;
	size_t n;

	load1(&l, MG "/az_account_list.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-accounts");
	s = scope(&l, SUB1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	ASSERT_STR(s->name, "synthetic-data-prod");
	ASSERT_STR(s->tenant, TA);
	CU_ASSERT_FALSE(s->parent_known);
	CU_ASSERT_EQUAL(s->loc.line, 2);
	/* seen through Lighthouse from tenant A: its home tenant is C */
	s = scope(&l, "/subscriptions/33333333-3333-4333-8333-333333333333");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	ASSERT_STR(s->tenant, "cccccccc-0000-4000-8000-000000000003");
	/* the tenant-level row is a tenant, not a subscription */
	CU_ASSERT_PTR_NULL(scope(&l, "/subscriptions/dddddddd-0000-4000-8000-000000000004"));
	azm_scopes(l.a, &n);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_TRUE(azm_is_home_tenant(l.a, TA));
	CU_ASSERT_TRUE(azm_is_home_tenant(l.a, "CCCCCCCC-0000-4000-8000-000000000003"));
	CU_ASSERT_TRUE(azm_is_home_tenant(l.a, "dddddddd-0000-4000-8000-000000000004"));
	CU_ASSERT_FALSE(azm_is_home_tenant(l.a, "bbbbbbbb-0000-4000-8000-000000000002"));   /* managing tenant */
	CU_ASSERT_EQUAL(azm_home_tenant_count(l.a), 3);
	unload(&l);

	/* with the hierarchy: one scope per subscription, linked */
	load(&l, paths, 2);
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(parent_of(&l, SUB1), "/providers/microsoft.management/managementgroups/mg-synthetic");
	ASSERT_STR(scope(&l, SUB1)->name, "synthetic-data-prod");
	unload(&l);
}

static void az_account__bad_rows_are_placed_errors(void)
{
	scratch s;
	const char *p = scratch_one(&s, NULL, "accounts.yaml",
				    "- {id: 11111111-1111-4111-8111-111111111111, tenantId: t1, isDefault: true, name: one}\n"
				    "- {id: \"12\", tenantId: t1, isDefault: false}\n"
				    "- {tenantId: t1, isDefault: false, name: nameless}\n"
				    "- {id: /subscriptions/22222222-2222-4222-8222-222222222222, tenantId: {a: 1}, state: Enabled}\n"
				    "- {subscriptionId: 33333333-3333-4333-8333-333333333333, id: /subscriptions/33333333-3333-4333-8333-333333333333,\n"
				    "   tenantId: t2, displayName: three, state: Enabled}\n");
	loaded l;
	const diag *d;

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	ASSERT_STR(l.run.inputs[0].format, "azure-accounts");
	d = find_diag(&l, DIAG_ERROR, "'12' is not a subscription id");
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_EQUAL(d ? d->line : 0, 2);
	CU_ASSERT_EQUAL(d ? d->col : 0, 8);
	d = find_diag(&l, DIAG_ERROR, "missing 'id'");
	CU_ASSERT_EQUAL(d ? d->line : 0, 3);
	d = find_diag(&l, DIAG_ERROR, "'tenantId' must be a string, not an object");
	CU_ASSERT_EQUAL(d ? d->line : 0, 4);
	CU_ASSERT_EQUAL(l.diags.errors, 3);
	CU_ASSERT_PTR_NOT_NULL(scope(&l, SUB1));
	ASSERT_STR(scope(&l, "/subscriptions/33333333-3333-4333-8333-333333333333")->name, "three");
	CU_ASSERT_TRUE(azm_is_home_tenant(l.a, "t2"));
	unload(&l);
	scratch_free(&s, NULL);
}

/* --- Lighthouse ----------------------------------------------------------------- */

static void az_lighthouse__expanded_assignment_projects_authorizations(void)
{
	static const char *const sub = "/subscriptions/0afefe50-734e-4610-8c82-a144aff49dea";
	loaded l;
	az_assignment **xs;
	az_principal *p;
	size_t n;

	load1(&l, LH "/managedservices_2022-10-01_GetRegistrationAssignment.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-lighthouse");
	xs = azm_assignments(l.a, &n);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT_EQUAL(count_at(&l, AZA_LIGHTHOUSE, sub), 2);
	CU_ASSERT_EQUAL(count_at(&l, AZA_LIGHTHOUSE_ELIGIBLE, sub), 1);
	CU_ASSERT_EQUAL(count_kind(&l, AZA_LIGHTHOUSE_UNASSIGNED), 0);
	ASSERT_STR(xs[0]->role_guid, "acdd72a7-3385-48ef-bd42-f606fba81ae7");
	ASSERT_STR(xs[0]->delegated_from, "83abe5cd-bcc3-441a-bd86-e6a75360cecc");
	ASSERT_STR(xs[0]->scope_written, sub);
	CU_ASSERT_PTR_NULL(xs[0]->id);
	CU_ASSERT_EQUAL(xs[0]->loc.line, 20);
	CU_ASSERT_EQUAL(xs[0]->loc.col, 17);
	ASSERT_STR(xs[1]->role_guid, "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9");
	ASSERT_STR(xs[2]->role_guid, "ae349356-3a1b-4a5e-921d-050484c6347e");
	CU_ASSERT_EQUAL(xs[2]->loc.line, 35);
	p = azm_find_principal(l.a, "F98D86A2-4cc4-4e9d-ad47-b3e80a1bcdfc");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_EQUAL(xs[0]->principal, p);
	CU_ASSERT_PTR_EQUAL(xs[1]->principal, p);
	CU_ASSERT_EQUAL(p->kind, AZP_UNKNOWN);
	ASSERT_STR(p->name, "Support User");    /* the first display name */
	CU_ASSERT_TRUE(p->external);
	ASSERT_STR(p->external_why, "Lighthouse delegation from tenant 83abe5cd-bcc3-441a-bd86-e6a75360cecc");
	ASSERT_STR(p->tenant, "83abe5cd-bcc3-441a-bd86-e6a75360cecc");
	CU_ASSERT_TRUE(xs[2]->principal->external);
	CU_ASSERT_TRUE(azm_is_home_tenant(l.a, "01c0bcd5-4f47-4e4b-b492-418b7e2a8854"));
	CU_ASSERT_FALSE(azm_is_home_tenant(l.a, "83abe5cd-bcc3-441a-bd86-e6a75360cecc"));
	/* built-in roles resolve from the bundled catalogue */
	CU_ASSERT_PTR_NOT_NULL(xs[0]->role);
	unload(&l);
}

static void az_lighthouse__definitions_alone_are_unassigned(void)
{
	loaded l;

	load1(&l, LH "/managedservices_2022-10-01_GetRegistrationDefinitionsWithManagedByTenantIdEqFilter.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-lighthouse");
	CU_ASSERT_EQUAL(count_at(&l, AZA_LIGHTHOUSE_UNASSIGNED, "/subscriptions/0afefe50-734e-4610-8a82-a144ahf49dea"), 3);
	CU_ASSERT_EQUAL(count_kind(&l, AZA_LIGHTHOUSE), 0);
	CU_ASSERT_EQUAL(count_kind(&l, AZA_LIGHTHOUSE_ELIGIBLE), 0);
	CU_ASSERT_TRUE(azm_find_principal(l.a, "3e0ed8c6-e902-4fc5-863c-e3ddbb2ae2a2")->external);
	unload(&l);
}

static void az_lighthouse__assignment_joins_definition_of_same_file(void)
{
	scratch s;
	const char *p = scratch_one(&s, NULL, "bundle.yaml",
				    "- id: /subscriptions/S1/resourceGroups/RG1/providers/Microsoft.ManagedServices/registrationAssignments/a1\n"
				    "  type: Microsoft.ManagedServices/registrationAssignments\n"
				    "  properties:\n"
				    "    registrationDefinitionId: /subscriptions/s1/providers/Microsoft.ManagedServices/registrationDefinitions/D1\n"
				    "- id: /subscriptions/S1/providers/Microsoft.ManagedServices/registrationDefinitions/d1\n"
				    "  type: Microsoft.ManagedServices/registrationDefinitions\n"
				    "  properties:\n"
				    "    managedByTenantId: tenant-m\n"
				    "    authorizations:\n"
				    "    - {principalId: p1, roleDefinitionId: r1}\n"
				    "    eligibleAuthorizations:\n"
				    "    - {principalId: p2, roleDefinitionId: r2}\n"
				    "- id: /subscriptions/S1/providers/Microsoft.ManagedServices/registrationDefinitions/d2\n"
				    "  type: Microsoft.ManagedServices/registrationDefinitions\n"
				    "  properties:\n"
				    "    managedByTenantId: tenant-m\n"
				    "    authorizations:\n"
				    "    - {principalId: p3, roleDefinitionId: r3}\n");
	loaded l;

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	CU_ASSERT_EQUAL(count_at(&l, AZA_LIGHTHOUSE, "/subscriptions/s1/resourcegroups/rg1"), 1);
	CU_ASSERT_EQUAL(count_at(&l, AZA_LIGHTHOUSE_ELIGIBLE, "/subscriptions/s1/resourcegroups/rg1"), 1);
	/* d1 is assigned; d2 is not */
	CU_ASSERT_EQUAL(count_kind(&l, AZA_LIGHTHOUSE_UNASSIGNED), 1);
	CU_ASSERT_EQUAL(count_at(&l, AZA_LIGHTHOUSE_UNASSIGNED, "/subscriptions/S1"), 1);
	ASSERT_STR(azm_find_principal(l.a, "p3")->external_why, "Lighthouse delegation from tenant tenant-m");
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_lighthouse__assignment_without_definition_notes(void)
{
	scratch s;
	const char *p = scratch_one(&s, NULL, "assignments.json",
				    "{\"value\": [{\"id\": \"/subscriptions/s1/providers/Microsoft.ManagedServices/registrationAssignments/a\",\n"
				    "  \"properties\": {\"registrationDefinitionId\": \"/subscriptions/s1/providers/Microsoft.ManagedServices/registrationDefinitions/d9\",\n"
				    "                 \"registrationDefinition\": null}}]}\n");
	loaded l;
	const diag *d;
	size_t n;

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-lighthouse");
	d = find_diag(&l, DIAG_NOTE, "does not include its definition");
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_EQUAL(d ? d->line : 0, 2);
	azm_assignments(l.a, &n);
	CU_ASSERT_EQUAL(n, 0);
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_lighthouse__wrong_types_are_placed_errors(void)
{
	scratch s;
	const char *p = scratch_one(&s, NULL, "bad.json",
				    "[\n"
				    " {\"id\": \"/subscriptions/s1/providers/Microsoft.ManagedServices/registrationDefinitions/d1\",\n"
				    "  \"properties\": {\"managedByTenantId\": \"m\", \"authorizations\": [\n"
				    "   {\"principalId\": \"ok\", \"roleDefinitionId\": \"r\"},\n"
				    "   {\"roleDefinitionId\": \"r\"},\n"
				    "   {\"principalId\": 5, \"roleDefinitionId\": \"r\"},\n"
				    "   \"p\",\n"
				    "   {\"principalId\": \"x\", \"roleDefinitionId\": \"r\", \"delegatedRoleDefinitionIds\": \"r2\"}],\n"
				    "   \"eligibleAuthorizations\": {}}},\n"
				    " {\"type\": \"Microsoft.ManagedServices/registrationAssignments\", \"properties\": {\"registrationDefinitionId\": \"d\"}},\n"
				    " {\"id\": \"/providers/Microsoft.ManagedServices/registrationAssignments/t\", \"properties\": {\"registrationDefinitionId\": \"d\"}},\n"
				    " {\"id\": \"/subscriptions/s2/providers/Microsoft.ManagedServices/registrationDefinitions/d2\",\n"
				    "  \"type\": \"Microsoft.ManagedServices/registrationDefinitions\", \"properties\": {\"authorizations\": []}},\n"
				    " {\"id\": \"/subscriptions/s3/providers/Microsoft.ManagedServices/registrationAssignments/a3\",\n"
				    "  \"properties\": {\"registrationDefinitionId\": \"d\", \"registrationDefinition\": [1]}},\n"
				    " {\"name\": \"neither\"}\n"
				    "]\n");
	loaded l;
	const diag *d;

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	ASSERT_STR(l.run.inputs[0].format, "azure-lighthouse");
	d = find_diag(&l, DIAG_ERROR, "missing 'principalId' in the authorization");
	CU_ASSERT_EQUAL(d ? d->line : 0, 5);
	d = find_diag(&l, DIAG_ERROR, "'principalId' must be a string, not a number");
	CU_ASSERT_EQUAL(d ? d->line : 0, 6);
	d = find_diag(&l, DIAG_ERROR, "each entry of 'authorizations' must be an object, not a string");
	CU_ASSERT_EQUAL(d ? d->line : 0, 7);
	d = find_diag(&l, DIAG_ERROR, "'delegatedRoleDefinitionIds' must be an array, not a string");
	CU_ASSERT_EQUAL(d ? d->line : 0, 8);
	d = find_diag(&l, DIAG_ERROR, "'eligibleAuthorizations' must be an array, not an object");
	CU_ASSERT_EQUAL(d ? d->line : 0, 9);
	d = find_diag(&l, DIAG_ERROR, "registration assignment has no 'id'");
	CU_ASSERT_EQUAL(d ? d->line : 0, 10);
	d = find_diag(&l, DIAG_ERROR, "is not a Microsoft.ManagedServices id under a subscription or resource group");
	CU_ASSERT_EQUAL(d ? d->line : 0, 11);
	d = find_diag(&l, DIAG_ERROR, "registration definition has no 'managedByTenantId'");
	CU_ASSERT_EQUAL(d ? d->line : 0, 12);
	d = find_diag(&l, DIAG_ERROR, "'registrationDefinition' must be an object, not a list");
	CU_ASSERT_EQUAL(d ? d->line : 0, 15);
	d = find_diag(&l, DIAG_ERROR, "not a registration definition or assignment");
	CU_ASSERT_EQUAL(d ? d->line : 0, 16);
	CU_ASSERT_EQUAL(l.diags.errors, 10);
	/* the good authorization is still read */
	CU_ASSERT_EQUAL(count_at(&l, AZA_LIGHTHOUSE_UNASSIGNED, "/subscriptions/s1"), 1);
	CU_ASSERT_TRUE(azm_find_principal(l.a, "ok")->external);
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_lighthouse__yaml_cli_assignment_at_resource_group(void)
{
	static const char *const rg = SUB1 "/resourceGroups/rg-synthetic";
	loaded l;
	az_assignment **xs;
	size_t n;

	load1(&l, LH "/az_managedservices_assignment_list.yaml");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-lighthouse");
	xs = azm_assignments(l.a, &n);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_EQUAL(xs[0]->kind, AZA_LIGHTHOUSE);
	ASSERT_STR(xs[0]->scope_written, rg);
	ASSERT_STR(xs[0]->scope, "/subscriptions/11111111-1111-4111-8111-111111111111/resourcegroups/rg-synthetic");
	ASSERT_STR(xs[0]->role_guid, "ba92f5b4-2d11-453d-a403-e96b0029c9fe");
	ASSERT_STR(xs[0]->delegated_from, "bbbbbbbb-0000-4000-8000-000000000002");
	ASSERT_STR(xs[0]->principal->name, "MSP Data Engineers");
	CU_ASSERT_EQUAL(xs[0]->loc.line, 12);
	CU_ASSERT_TRUE(azm_is_home_tenant(l.a, TA));
	unload(&l);
}

TEST_SUITE(az_mgmt)
{
	static const test_case cases[] = {
		{ "az_mgmt__rest_show_with_children", az_mgmt__rest_show_with_children },
		{ "az_mgmt__entities_list", az_mgmt__entities_list },
		{ "az_mgmt__recursive_show_three_levels", az_mgmt__recursive_show_three_levels },
		{ "az_mgmt__entities_yaml_agrees_with_show", az_mgmt__entities_yaml_agrees_with_show },
		{ "az_mgmt__conflicting_parent_warns_in_place", az_mgmt__conflicting_parent_warns_in_place },
		{ "az_mgmt__parent_cycle_is_an_error", az_mgmt__parent_cycle_is_an_error },
		{ "az_mgmt__wrong_types_are_placed_errors", az_mgmt__wrong_types_are_placed_errors },
		{ "az_mgmt__detection_leaves_other_inputs", az_mgmt__detection_leaves_other_inputs },
		{ "az_mgmt__account_list_gives_subscriptions_and_tenants", az_account__list_gives_subscriptions_and_tenants },
		{ "az_mgmt__account_bad_rows_are_placed_errors", az_account__bad_rows_are_placed_errors },
		{ "az_mgmt__lighthouse_expanded_assignment", az_lighthouse__expanded_assignment_projects_authorizations },
		{ "az_mgmt__lighthouse_definitions_alone_are_unassigned", az_lighthouse__definitions_alone_are_unassigned },
		{ "az_mgmt__lighthouse_joins_definition_of_same_file", az_lighthouse__assignment_joins_definition_of_same_file },
		{ "az_mgmt__lighthouse_assignment_without_definition_notes", az_lighthouse__assignment_without_definition_notes },
		{ "az_mgmt__lighthouse_wrong_types_are_placed_errors", az_lighthouse__wrong_types_are_placed_errors },
		{ "az_mgmt__lighthouse_yaml_cli_assignment_at_resource_group", az_lighthouse__yaml_cli_assignment_at_resource_group },
		{ NULL, NULL }
	};
	return test_register("az_mgmt", cases);
}
