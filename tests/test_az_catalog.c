/* Tests for analyzer/catalog/az_catalog: operations, planes, patterns, suggestions, built-in roles. */
#include "catalog/az_catalog.h"
#include "catalog/az_catalog_data.h"
#include "model/azure.h"
#include "tests/test_util.h"

#include <stdint.h>
#include <strings.h>

#define OWNER "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
#define READER "acdd72a7-3385-48ef-bd42-f606fba81ae7"
#define CONTRIBUTOR "b24988ac-6180-42a0-ab88-20f7382dd24c"
#define BLOB_READER "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
#define BLOB_READ "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"

/* 1 when one of the n patterns equals want exactly. */
static int has(const char *const *v, size_t n, const char *want)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], want))
			return 1;
	return 0;
}

/*
 * The CSV has 17,136 rows (2,902 of them data actions), but 741 rows repeat
 * an operation already listed — 581 with the same spelling, the rest in
 * another case ("Microsoft.Kusto/Register/action"). Operation names compare
 * case-insensitively, so the catalogue holds 16,395 distinct operations,
 * 2,869 of them in the data plane.
 */
static void az_catalog__counts_distinct_operations(void)
{
	CU_ASSERT_EQUAL(az_catalog_op_count(), 16395);
	CU_ASSERT_EQUAL(az_catalog_match_count("*", AZ_OP_UNKNOWN), 16395);
	CU_ASSERT_EQUAL(az_catalog_match_count("*", AZ_OP_DATA), 2869);
	/* 7 operations are in both planes: 16395 - 2869 + 7 control ones */
	CU_ASSERT_EQUAL(az_catalog_match_count("*", AZ_OP_CONTROL), 13533);
}

static void az_catalog__planes(void)
{
	CU_ASSERT_EQUAL(az_catalog_op_plane("Microsoft.Storage/storageAccounts/listKeys/action"), AZ_OP_CONTROL);
	CU_ASSERT_EQUAL(az_catalog_op_plane(BLOB_READ), AZ_OP_DATA);
	CU_ASSERT_EQUAL(az_catalog_op_plane("Microsoft.Storage/storageAccounts/read"), AZ_OP_CONTROL);
	CU_ASSERT_EQUAL(az_catalog_op_plane("Microsoft.Storage/storageAccounts/frobnicate/action"), AZ_OP_UNKNOWN);
	CU_ASSERT_EQUAL(az_catalog_op_plane(""), AZ_OP_UNKNOWN);
	CU_ASSERT_EQUAL(az_catalog_op_plane(NULL), AZ_OP_UNKNOWN);
	/* a pattern is not an operation name */
	CU_ASSERT_EQUAL(az_catalog_op_plane("Microsoft.Storage/*"), AZ_OP_UNKNOWN);
	/* a prefix of a name is not the name */
	CU_ASSERT_EQUAL(az_catalog_op_plane("Microsoft.Storage/storageAccounts"), AZ_OP_UNKNOWN);
}

/* Registered in both planes: op_plane says data, match_count answers per plane. */
static void az_catalog__operation_in_both_planes(void)
{
	const char *op = "Microsoft.KeyVault/vaults/keys/read";

	CU_ASSERT_EQUAL(az_catalog_op_plane(op), AZ_OP_DATA);
	CU_ASSERT_EQUAL(az_catalog_match_count(op, AZ_OP_CONTROL), 1);
	CU_ASSERT_EQUAL(az_catalog_match_count(op, AZ_OP_DATA), 1);
	CU_ASSERT_EQUAL(az_catalog_match_count(op, AZ_OP_UNKNOWN), 1);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/listKeys/action", AZ_OP_DATA), 0);
}

static void az_catalog__case_insensitive_names(void)
{
	/* the catalogue writes "listkeys" */
	ASSERT_STR(az_catalog_op_name("microsoft.storage/STORAGEACCOUNTS/listKeys/ACTION"),
		   "Microsoft.Storage/storageAccounts/listkeys/action");
	CU_ASSERT_EQUAL(az_catalog_op_plane("MICROSOFT.STORAGE/storageaccounts/blobservices/containers/blobs/READ"),
			AZ_OP_DATA);
	/* two spellings in the CSV: the first one is kept */
	ASSERT_STR(az_catalog_op_name("microsoft.kusto/register/action"), "Microsoft.Kusto/register/action");
	CU_ASSERT_PTR_NULL(az_catalog_op_name("Microsoft.Storage/storageAccounts/nope"));
	CU_ASSERT_PTR_NULL(az_catalog_op_name(NULL));
}

/* White-box: every operation and role finds itself, and the generated
 * tables are in the order the binary searches assume. */
static void az_catalog__tables_are_sorted(void)
{
	const az_ops_tables *o = &az_ops_generated;
	const az_roles_tables *r = &az_roles_generated;
	size_t i, bad = 0;
	const char *name, *guid;

	for (i = 0; i < o->count; i++) {
		name = o->names + o->name[i];
		if (az_catalog_op_name(name) != name || az_catalog_match_count(name, AZ_OP_UNKNOWN) != 1 ||
		    (i && strcasecmp(o->names + o->name[i - 1], name) >= 0))
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	for (i = 0; i < r->count; i++) {
		guid = r->strs + r->roles[i].guid;
		name = r->strs + r->roles[i].name;
		if (az_catalog_builtin_guid(name) != guid || strlen(guid) != 36 ||
		    (i && strcmp(r->strs + r->roles[i - 1].guid, guid) >= 0))
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(az_catalog_match_count("Dynatrace.Observability/*", AZ_OP_UNKNOWN), 23);
}

static void az_catalog__pattern_counts(void)
{
	/* expected values computed independently from the CSV (merged rows) */
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/*/read", AZ_OP_UNKNOWN), 56);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/*/read", AZ_OP_CONTROL), 51);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/*/read", AZ_OP_DATA), 5);
	CU_ASSERT_EQUAL(az_catalog_match_count("microsoft.storage/*", AZ_OP_UNKNOWN), 168);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/*", AZ_OP_DATA), 32);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/*/delete", AZ_OP_UNKNOWN), 20);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Authorization/*/Write", AZ_OP_UNKNOWN), 17);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Authorization/*/Write", AZ_OP_DATA), 0);
	/* no literal prefix: the whole table is scanned */
	CU_ASSERT_EQUAL(az_catalog_match_count("*/read", AZ_OP_UNKNOWN), 7171);
	CU_ASSERT_EQUAL(az_catalog_match_count("*/read", AZ_OP_DATA), 1213);
	CU_ASSERT_EQUAL(az_catalog_match_count("*/action", AZ_OP_UNKNOWN), 3675);
	/* '*' spans '/' and may be empty; several stars */
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*",
					       AZ_OP_DATA), 14);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/*blobs*read", AZ_OP_DATA), 2);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/listKeys/action*",
					       AZ_OP_UNKNOWN), 1);
	CU_ASSERT_EQUAL(az_catalog_match_count("**", AZ_OP_UNKNOWN), 16395);
	CU_ASSERT_EQUAL(az_catalog_match_count("microsoft.storage/*/BLOBS/*/READ", AZ_OP_DATA), 1);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/*/read*", AZ_OP_UNKNOWN), 47);
	CU_ASSERT_EQUAL(az_catalog_match_count("*Microsoft.Storage/storageAccounts/read", AZ_OP_UNKNOWN), 1);
	/* the prefix and the suffix may not overlap in the name ("...blobs/read") */
	CU_ASSERT_EQUAL(az_catalog_match_count(BLOB_READ "*", AZ_OP_DATA), 1);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/rea*ad",
					       AZ_OP_UNKNOWN), 0);
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/read*read", AZ_OP_UNKNOWN), 0);
	/* nothing matches */
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Nope/*", AZ_OP_UNKNOWN), 0);
	CU_ASSERT_EQUAL(az_catalog_match_count("", AZ_OP_UNKNOWN), 0);
	CU_ASSERT_EQUAL(az_catalog_match_count(NULL, AZ_OP_UNKNOWN), 0);
	/* '?' is not an Azure wildcard, and no operation holds one */
	CU_ASSERT_EQUAL(az_catalog_match_count("Microsoft.Storage/storageAccounts/rea?", AZ_OP_UNKNOWN), 0);
}

static void az_catalog__providers(void)
{
	CU_ASSERT_TRUE(az_catalog_provider_known("Microsoft.Storage", 17));
	CU_ASSERT_TRUE(az_catalog_provider_known("microsoft.STORAGE", 17));
	/* the length bounds the namespace: the rest of the operation is ignored */
	CU_ASSERT_TRUE(az_catalog_provider_known("Microsoft.Storage/storageAccounts/read", 17));
	CU_ASSERT_FALSE(az_catalog_provider_known("Microsoft.Stor", 14));     /* a prefix is not a namespace */
	CU_ASSERT_FALSE(az_catalog_provider_known("Microsoft.Nope", 14));
	CU_ASSERT_FALSE(az_catalog_provider_known("Microsoft.Storage/", 18));
	CU_ASSERT_FALSE(az_catalog_provider_known("", 0));
	CU_ASSERT_FALSE(az_catalog_provider_known(NULL, 5));
}

static void az_catalog__suggests(void)
{
	char long_name[300];

	/* a typo in the resource type, and in the namespace */
	ASSERT_STR(az_catalog_suggest("Microsoft.Storage/storageAccount/listKeys/action"),
		   "Microsoft.Storage/storageAccounts/listkeys/action");
	ASSERT_STR(az_catalog_suggest("Microsoft.Storge/storageAccounts/listKeys/action"),
		   "Microsoft.Storage/storageAccounts/listkeys/action");
	ASSERT_STR(az_catalog_suggest("microsoft.compute/virtualmachines/raed"),
		   "Microsoft.Compute/virtualMachines/read");
	/* known operations and far-off names get no suggestion */
	CU_ASSERT_PTR_NULL(az_catalog_suggest("Microsoft.Storage/storageAccounts/listKeys/action"));
	CU_ASSERT_PTR_NULL(az_catalog_suggest("Microsoft.Storage/completelyDifferent/thing/action"));
	CU_ASSERT_PTR_NULL(az_catalog_suggest(""));
	CU_ASSERT_PTR_NULL(az_catalog_suggest(NULL));
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	CU_ASSERT_PTR_NULL(az_catalog_suggest(long_name));
}

static void az_catalog__builtin_roles(void)
{
	model *m = model_new();
	azm *a = model_azure(m);
	az_role *owner, *reader, *blob, *contrib;

	CU_ASSERT_EQUAL(az_catalog_builtin_count(), 928);
	owner = az_catalog_builtin_role(a, OWNER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(owner);
	ASSERT_STR(owner->name, "Owner");
	ASSERT_STR(owner->guid, OWNER);
	ASSERT_STR(owner->id, "/providers/Microsoft.Authorization/roleDefinitions/" OWNER);
	CU_ASSERT_TRUE(owner->builtin);
	CU_ASSERT_TRUE(owner->bundled);
	CU_ASSERT_EQUAL_FATAL(owner->n_perms, 1);
	CU_ASSERT_EQUAL_FATAL(owner->perms[0].n_actions, 1);
	ASSERT_STR(owner->perms[0].actions[0], "*");
	CU_ASSERT_EQUAL(owner->perms[0].n_data_actions, 0);
	CU_ASSERT_PTR_NULL(owner->perms[0].condition);
	CU_ASSERT_EQUAL_FATAL(owner->n_assignable, 1);
	ASSERT_STR(owner->assignable_scopes[0], "/");
	CU_ASSERT_EQUAL(owner->assignable_locs[0].line, 0);
	CU_ASSERT_EQUAL(owner->loc.line, 0);

	/* the same role again, in another case or by full id */
	CU_ASSERT_PTR_EQUAL(az_catalog_builtin_role(a, OWNER), owner);
	CU_ASSERT_PTR_EQUAL(az_catalog_builtin_role(a, "8E3AF657-A8FF-443C-A75C-2FE8C4BCB635"), owner);
	CU_ASSERT_PTR_EQUAL(azm_find_role(a, OWNER), owner);

	reader = az_catalog_builtin_role(a, "/subscriptions/00000000-0000-0000-0000-000000000001/providers/"
					 "Microsoft.Authorization/roleDefinitions/" READER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(reader);
	ASSERT_STR(reader->name, "Reader");
	CU_ASSERT_TRUE(has(reader->perms[0].actions, reader->perms[0].n_actions, "*/read"));

	blob = az_catalog_builtin_role(a, BLOB_READER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(blob);
	ASSERT_STR(blob->name, "Storage Blob Data Reader");
	CU_ASSERT_TRUE(has(blob->perms[0].data_actions, blob->perms[0].n_data_actions, BLOB_READ));

	contrib = az_catalog_builtin_role(a, CONTRIBUTOR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(contrib);
	CU_ASSERT_TRUE(has(contrib->perms[0].actions, contrib->perms[0].n_actions, "*"));
	CU_ASSERT_TRUE(has(contrib->perms[0].not_actions, contrib->perms[0].n_not_actions,
			   "Microsoft.Authorization/*/Write"));

	CU_ASSERT_PTR_NULL(az_catalog_builtin_role(a, "00000000-0000-0000-0000-00000000dead"));
	CU_ASSERT_PTR_NULL(az_catalog_builtin_role(a, "not a guid"));
	CU_ASSERT_PTR_NULL(az_catalog_builtin_role(a, ""));
	CU_ASSERT_PTR_NULL(az_catalog_builtin_role(a, NULL));
	CU_ASSERT_PTR_NULL(azm_find_role(a, "00000000-0000-0000-0000-00000000dead"));
	model_free(m);
}

/* A definition from the inputs wins over the bundled one. */
static void az_catalog__input_role_wins(void)
{
	model *m = model_new();
	azm *a = model_azure(m);
	az_role *mine = azm_add_role(a, READER, NULL);

	mine->name = "Reader (exported)";
	CU_ASSERT_PTR_EQUAL(az_catalog_builtin_role(a, READER), mine);
	CU_ASSERT_FALSE(mine->bundled);
	CU_ASSERT_EQUAL(mine->n_perms, 0);
	model_free(m);
}

/* Block conditions (31 blocks carry one) come through. */
static void az_catalog__block_condition(void)
{
	model *m = model_new();
	azm *a = model_azure(m);
	const char *guid = az_catalog_builtin_guid("Key Vault Data Access Administrator");
	az_role *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(guid);
	r = az_catalog_builtin_role(a, guid);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(r->n_perms, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->perms[0].condition);
	CU_ASSERT_EQUAL(strncmp(r->perms[0].condition, "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}))", 68), 0);
	model_free(m);
}

static void az_catalog__guid_by_name(void)
{
	ASSERT_STR(az_catalog_builtin_guid("storage blob data reader"), BLOB_READER);
	ASSERT_STR(az_catalog_builtin_guid("Owner"), OWNER);
	ASSERT_STR(az_catalog_builtin_guid("READER"), READER);
	ASSERT_STR(az_catalog_builtin_guid("AcrPush"), "8311e382-0749-4cb8-b61a-304f252e45ec");
	CU_ASSERT_PTR_NULL(az_catalog_builtin_guid("Storage Blob Data Reade"));
	CU_ASSERT_PTR_NULL(az_catalog_builtin_guid("Owner "));
	CU_ASSERT_PTR_NULL(az_catalog_builtin_guid(""));
	CU_ASSERT_PTR_NULL(az_catalog_builtin_guid(NULL));
}

TEST_SUITE(az_catalog)
{
	static const test_case cases[] = {
		{ "az_catalog__counts_distinct_operations", az_catalog__counts_distinct_operations },
		{ "az_catalog__planes", az_catalog__planes },
		{ "az_catalog__operation_in_both_planes", az_catalog__operation_in_both_planes },
		{ "az_catalog__case_insensitive_names", az_catalog__case_insensitive_names },
		{ "az_catalog__tables_are_sorted", az_catalog__tables_are_sorted },
		{ "az_catalog__pattern_counts", az_catalog__pattern_counts },
		{ "az_catalog__providers", az_catalog__providers },
		{ "az_catalog__suggests", az_catalog__suggests },
		{ "az_catalog__builtin_roles", az_catalog__builtin_roles },
		{ "az_catalog__input_role_wins", az_catalog__input_role_wins },
		{ "az_catalog__block_condition", az_catalog__block_condition },
		{ "az_catalog__guid_by_name", az_catalog__guid_by_name },
		{ NULL, NULL }
	};
	return test_register("az_catalog", cases);
}
