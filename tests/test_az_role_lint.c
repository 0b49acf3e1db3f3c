/* Tests for az_role_lint: the custom-role rules validate applies. */
#include "checks/az_role_lint.h"
#include "doc/doc.h"
#include "tests/test_util.h"

#include <string.h>

static size_t count_rule(const policy_lint_list *l, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < l->count; i++)
		n += !strcmp(l->items[i].rule, rule);
	return n;
}

static void lint_text(const char *json, policy_lint_list *out)
{
	doc *d = NULL;
	diag dg = DIAG_INIT;

	CU_ASSERT_EQUAL_FATAL(doc_load_buffer(&d, "roles.json", json, strlen(json), DOC_FMT_AUTO, &dg), 0);
	CU_ASSERT_FATAL(az_role_lint_detect(doc_root(d), "roles.json"));
	az_role_lint_document(doc_root(d), "roles.json", out);
	doc_free(d);
}

static void test_clean_custom_role(void)
{
	policy_lint_list l;

	policy_lint_list_init(&l);
	lint_text("{\"roleName\": \"Blob reader\", \"roleType\": \"CustomRole\", \"name\": \"0c000000-0000-4000-8000-000000000009\","
		  " \"assignableScopes\": [\"/subscriptions/0b1d0000-1111-4222-8333-000000000001\"],"
		  " \"permissions\": [{\"actions\": [\"Microsoft.Storage/storageAccounts/blobServices/containers/read\"],"
		  " \"dataActions\": [\"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read\"]}]}", &l);
	CU_ASSERT_EQUAL(l.count, 0);
	policy_lint_list_release(&l);
}

static void test_missing_scopes_and_invalid(void)
{
	policy_lint_list l;

	policy_lint_list_init(&l);
	lint_text("[{\"roleName\": \"No scopes\", \"roleType\": \"CustomRole\", \"name\": \"0c000000-0000-4000-8000-000000000008\","
		  " \"permissions\": [{\"actions\": [\"*/read\"]}]},"
		  " {\"roleName\": \"Broken\", \"roleType\": \"CustomRole\", \"name\": \"0c000000-0000-4000-8000-000000000007\","
		  " \"assignableScopes\": [\"/subscriptions/0b1d0000-1111-4222-8333-000000000001\"],"
		  " \"permissions\": [{\"actions\": \"Microsoft.Storage/*\"}]}]", &l);
	CU_ASSERT_EQUAL(count_rule(&l, "PG-AZ-ROLE-NO-ASSIGNABLE-SCOPES"), 1);
	CU_ASSERT_EQUAL(count_rule(&l, "PG-AZ-ROLE-INVALID"), 1);
	CU_ASSERT_EQUAL(l.count, 2);
	policy_lint_list_release(&l);
}

static void test_builtin_roles_not_linted(void)
{
	policy_lint_list l;

	policy_lint_list_init(&l);
	lint_text("{\"roleName\": \"Owner\", \"roleType\": \"BuiltInRole\", \"name\": \"8e3af657-a8ff-443c-a75c-2fe8c4bcb635\","
		  " \"assignableScopes\": [\"/\"], \"permissions\": [{\"actions\": [\"*\"]}]}", &l);
	CU_ASSERT_EQUAL(l.count, 0);
	policy_lint_list_release(&l);
}

static void test_wildcards_reaching_access_management(void)
{
	policy_lint_list l;

	policy_lint_list_init(&l);
	lint_text("{\"roleName\": \"Writers\", \"roleType\": \"CustomRole\", \"name\": \"0c000000-0000-4000-8000-000000000006\","
		  " \"assignableScopes\": [\"/subscriptions/0b1d0000-1111-4222-8333-000000000001\"],"
		  " \"permissions\": [{\"actions\": [\"*/write\", \"Microsoft.Authorization/*/read\", \"Microsoft.Compute/*\"]}]}", &l);
	/* "*" + "/write" reaches roleAssignments/write; reading authorization data does not */
	CU_ASSERT_EQUAL(count_rule(&l, "PG-AZ-ROLE-WILDCARD"), 1);
	CU_ASSERT_EQUAL(l.count, 1);
	CU_ASSERT_EQUAL(l.items[0].line, 1);
	policy_lint_list_release(&l);
}

static void test_data_action_in_not_data_actions_of_wrong_plane(void)
{
	policy_lint_list l;

	policy_lint_list_init(&l);
	lint_text("{\"roleName\": \"Odd\", \"roleType\": \"CustomRole\", \"name\": \"0c000000-0000-4000-8000-000000000005\","
		  " \"assignableScopes\": [\"/subscriptions/0b1d0000-1111-4222-8333-000000000001\"],"
		  " \"permissions\": [{\"actions\": [\"Microsoft.Storage/*\"],"
		  " \"notDataActions\": [\"Microsoft.Storage/storageAccounts/listKeys/action\"]}]}", &l);
	CU_ASSERT_EQUAL(count_rule(&l, "PG-AZ-ROLE-WRONG-PLANE"), 1);
	policy_lint_list_release(&l);
}

TEST_SUITE(az_role_lint)
{
	static const test_case cases[] = {
		{ "az_role_lint__clean_custom_role", test_clean_custom_role },
		{ "az_role_lint__missing_scopes_and_invalid", test_missing_scopes_and_invalid },
		{ "az_role_lint__builtin_roles_not_linted", test_builtin_roles_not_linted },
		{ "az_role_lint__wildcards_reaching_access_management", test_wildcards_reaching_access_management },
		{ "az_role_lint__wrong_plane_in_not_data_actions", test_data_action_in_not_data_actions_of_wrong_plane },
		{ NULL, NULL }
	};
	return test_register("az_role_lint", cases);
}
