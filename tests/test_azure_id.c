/* Tests for eval/azure_id: Azure resource ids, scope kinds and containment. */
#include "eval/azure_id.h"
#include "tests/test_util.h"

#include <stdio.h>

#define SUB "/subscriptions/11111111-2222-3333-4444-555555555555"
#define RG SUB "/resourceGroups/rg-app"
#define SA RG "/providers/Microsoft.Storage/storageAccounts/acct"
#define MG "/providers/Microsoft.Management/managementGroups/mg-prod"

static int slice_is(const char *p, size_t len, const char *want)
{
	if (!want)
		return p == NULL && len == 0;
	return p && len == strlen(want) && strncmp(p, want, len) == 0;
}

static void azure_id__scope_kinds(void)
{
	static const struct {
		const char *id;
		az_scope_kind kind;
		const char *mg, *sub, *rg, *provider;
	} cases[] = {
		{ "/", AZ_SCOPE_ROOT, NULL, NULL, NULL, NULL },
		{ MG, AZ_SCOPE_MGMT_GROUP, "mg-prod", NULL, NULL, NULL },
		{ "/PROVIDERS/microsoft.management/MANAGEMENTGROUPS/x/", AZ_SCOPE_MGMT_GROUP, "x", NULL,
		  NULL, NULL },
		{ SUB, AZ_SCOPE_SUBSCRIPTION, NULL, "11111111-2222-3333-4444-555555555555", NULL, NULL },
		{ "/SUBSCRIPTIONS/s/", AZ_SCOPE_SUBSCRIPTION, NULL, "s", NULL, NULL },
		{ RG, AZ_SCOPE_RESOURCE_GROUP, NULL, "11111111-2222-3333-4444-555555555555", "rg-app",
		  NULL },
		{ "/subscriptions/s/resourcegroups/RG", AZ_SCOPE_RESOURCE_GROUP, NULL, "s", "RG", NULL },
		{ SA, AZ_SCOPE_RESOURCE, NULL, "11111111-2222-3333-4444-555555555555", "rg-app",
		  "Microsoft.Storage" },
		{ SA "/blobServices/default/containers/c1", AZ_SCOPE_RESOURCE, NULL,
		  "11111111-2222-3333-4444-555555555555", "rg-app", "Microsoft.Storage" },
		{ SA "/providers/Microsoft.Authorization/roleAssignments/g1", AZ_SCOPE_RESOURCE, NULL,
		  "11111111-2222-3333-4444-555555555555", "rg-app", "Microsoft.Authorization" },
		{ "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/r",
		  AZ_SCOPE_RESOURCE, NULL, "s", NULL, "Microsoft.Authorization" },
		{ "/providers/Microsoft.Authorization/roleDefinitions/r", AZ_SCOPE_RESOURCE, NULL, NULL,
		  NULL, "Microsoft.Authorization" },
		{ MG "/providers/Microsoft.Authorization/roleAssignments/g", AZ_SCOPE_RESOURCE, "mg-prod",
		  NULL, NULL, "Microsoft.Authorization" },
		{ NULL, AZ_SCOPE_INVALID, NULL, NULL, NULL, NULL }
	};
	azure_id id;
	int i;

	for (i = 0; cases[i].id; i++) {
		int rc = azure_id_parse(cases[i].id, &id);

		if (rc != 0 || id.kind != cases[i].kind)
			fprintf(stderr, "azure_id_parse('%s') = %d kind %d\n", cases[i].id, rc, id.kind);
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_EQUAL(id.kind, cases[i].kind);
		CU_ASSERT_TRUE(slice_is(id.mgmt_group, id.mgmt_group_len, cases[i].mg));
		CU_ASSERT_TRUE(slice_is(id.subscription, id.subscription_len, cases[i].sub));
		CU_ASSERT_TRUE(slice_is(id.resource_group, id.resource_group_len, cases[i].rg));
		CU_ASSERT_TRUE(slice_is(id.provider, id.provider_len, cases[i].provider));
	}
}

static void azure_id__malformed(void)
{
	static const char *const bad[] = {
		"", "subscriptions/s", "//", "/subscriptions", "/subscriptions/", "/subscriptions//",
		"/subscriptions/s//", "/subscriptions/s/resourceGroups", "/subscriptions/s/resourceGroups/",
		"/subscriptions/s/rg/x", "/subscriptions/s/resourceGroups/rg/extra",
		RG "/providers", RG "/providers/Microsoft.Storage",
		RG "/providers/Microsoft.Storage/storageAccounts",
		SA "/blobServices", SA "/providers", SA "/providers/Microsoft.Authorization",
		"/providers/Microsoft.Management/managementGroups",
		"/providers/Microsoft.Management", "/providers", MG "/subscriptions/s",
		"/resourceGroups/rg", "/foo", "/subscriptions/s/resourceGroups/rg//", " /", "/ ",
		NULL
	};
	azure_id id;
	int i;

	for (i = 0; bad[i]; i++) {
		int rc = azure_id_parse(bad[i], &id);

		if (rc != -1)
			fprintf(stderr, "azure_id_parse('%s') accepted\n", bad[i]);
		CU_ASSERT_EQUAL(rc, -1);
		CU_ASSERT_EQUAL(id.kind, AZ_SCOPE_INVALID);
		CU_ASSERT_PTR_NULL(id.subscription);
	}
}

static void azure_id__contains(void)
{
	static const struct { const char *outer, *inner; int want; } cases[] = {
		{ "/", "/", 1 },
		{ "/", MG, 1 },
		{ "/", SUB, 1 },
		{ "/", SA "/blobServices/default/containers/c1", 1 },
		{ SUB, SUB, 1 },
		{ SUB, SUB "/", 1 },
		{ SUB "/", RG, 1 },
		{ SUB, SA, 1 },
		{ RG, SA "/blobServices/default/containers/c1", 1 },
		{ SA, SA "/blobServices/default/containers/c1", 1 },
		{ SA, SA "/providers/Microsoft.Authorization/roleAssignments/g", 1 },
		{ MG, MG "/providers/Microsoft.Authorization/roleAssignments/g", 1 },
		/* case-insensitive by segment */
		{ "/SUBSCRIPTIONS/ABC/RESOURCEGROUPS/RG-APP", "/subscriptions/abc/resourceGroups/rg-app/"
		  "providers/Microsoft.Web/sites/w", 1 },
		{ "/subscriptions/abc", "/Subscriptions/ABC", 1 },
		/* not ancestors */
		{ RG, SUB, 0 },
		{ SA, RG, 0 },
		{ SA "/blobServices/default", SA, 0 },
		{ "/subscriptions/ab", "/subscriptions/abc", 0 },
		{ "/subscriptions/s/resourceGroups/rg", "/subscriptions/s/resourceGroups/rg2", 0 },
		{ "/subscriptions/s/resourceGroups/rg", "/subscriptions/t/resourceGroups/rg", 0 },
		{ RG "/providers/Microsoft.Storage/storageAccounts/acc", SA, 0 },
		/* management-group ancestry is the model's business */
		{ MG, SUB, 0 },
		{ SUB, MG, 0 },
		/* malformed on either side */
		{ "/subscriptions", SUB, 0 },
		{ "", SUB, 0 },
		{ "/", "", 0 },
		{ SUB, SUB "/resourceGroups", 0 },
		{ NULL, NULL, 0 }
	};
	int i;

	for (i = 0; cases[i].outer; i++) {
		int got = azure_id_contains(cases[i].outer, cases[i].inner);

		if (got != cases[i].want)
			fprintf(stderr, "azure_id_contains('%s', '%s') = %d\n", cases[i].outer,
				cases[i].inner, got);
		CU_ASSERT_EQUAL(got, cases[i].want);
	}
}

static void azure_id__resource_type_and_name(void)
{
	strbuf sb = STRBUF_INIT;

	CU_ASSERT_EQUAL(azure_id_resource_type(SA "/blobServices/default/containers/c1", &sb), 0);
	ASSERT_STR(sb.buf, "Microsoft.Storage/storageAccounts/blobServices/containers");
	CU_ASSERT_EQUAL(azure_id_resource_name(SA "/blobServices/default/containers/c1/", &sb), 0);
	ASSERT_STR(sb.buf, "acct/default/c1");
	CU_ASSERT_EQUAL(azure_id_resource_type(SA "/providers/Microsoft.Authorization/roleAssignments/g",
					       &sb), 0);
	ASSERT_STR(sb.buf, "Microsoft.Authorization/roleAssignments");
	CU_ASSERT_EQUAL(azure_id_resource_name(SA "/providers/Microsoft.Authorization/roleAssignments/g",
					       &sb), 0);
	ASSERT_STR(sb.buf, "g");
	CU_ASSERT_EQUAL(azure_id_resource_type(RG, &sb), -1);
	ASSERT_STR(sb.buf, "");
	CU_ASSERT_EQUAL(azure_id_resource_name("/bad", &sb), -1);
	ASSERT_STR(sb.buf, "");
	strbuf_release(&sb);
}

TEST_SUITE(azure_id)
{
	static const test_case cases[] = {
		{ "azure_id__scope_kinds", azure_id__scope_kinds },
		{ "azure_id__malformed", azure_id__malformed },
		{ "azure_id__contains", azure_id__contains },
		{ "azure_id__resource_type_and_name", azure_id__resource_type_and_name },
		{ NULL, NULL }
	};
	return test_register("azure_id", cases);
}
