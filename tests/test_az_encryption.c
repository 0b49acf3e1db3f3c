/*
 * Tests for ingest/az_encryption: the customer-managed keys the
 * azure-resources reader keeps (storage accounts, Cosmos DB accounts, disks,
 * disk encryption sets), in REST (properties) and az CLI (flattened) shapes.
 * Bad values must be placed errors, never crashes.
 */
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#define RG "/subscriptions/7a3c0000-2222-4333-8444-000000000001/resourceGroups/data-rg/providers/"
#define SA RG "Microsoft.Storage/storageAccounts/"
#define DES RG "Microsoft.Compute/diskEncryptionSets/des1"

static const az_resource *res(const loaded *l, const char *id)
{
	return l->a ? azm_find_resource(l->a, id) : NULL;
}

static const char *key_of(const loaded *l, const char *id)
{
	const az_resource *r = res(l, id);

	return r ? r->encryption_key : "(no resource)";
}

static void az_encryption__storage_rest_and_cli_shapes(void)
{
	scratch s;
	loaded l;
	const az_resource *r;
	const char *p = scratch_one(&s, NULL, "r.json",
		"{\"value\": [\n"
		" {\"id\": \"" SA "sta\", \"type\": \"Microsoft.Storage/storageAccounts\", \"properties\": {\"encryption\": "
		"{\"keySource\": \"Microsoft.Keyvault\",\n  \"keyvaultproperties\": {\"keyvaulturi\": "
		"\"https://KV-Data.vault.azure.net\", \"keyname\": \"CMK\", \"keyversion\": \"0d3f\"}}}},\n"
		" {\"id\": \"" SA "stb\", \"type\": \"Microsoft.Storage/storageAccounts\", \"encryption\": "
		"{\"keySource\": \"microsoft.keyvault\", \"keyVaultProperties\": {\"keyVaultUri\": "
		"\"https://kv-data.vault.azure.net:443/\", \"keyName\": \"cmk\", \"keyVersion\": null}}},\n"
		" {\"id\": \"" SA "stc\", \"type\": \"Microsoft.Storage/storageAccounts\", \"encryption\": "
		"{\"keySource\": \"Microsoft.Storage\"}},\n"
		" {\"id\": \"" SA "std\", \"type\": \"Microsoft.Storage/storageAccounts\"}\n"
		"]}\n");

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(key_of(&l, SA "sta"), "https://kv-data.vault.azure.net/keys/cmk");
	/* other case, default port, trailing slash, no version: the same key */
	CU_ASSERT_PTR_EQUAL(key_of(&l, SA "stb"), key_of(&l, SA "sta"));
	CU_ASSERT_PTR_NULL(key_of(&l, SA "stc"));
	CU_ASSERT_PTR_NULL(key_of(&l, SA "std"));
	r = res(&l, SA "sta");
	CU_ASSERT_EQUAL(r ? r->encryption_loc.line : 0, 3);
	unload(&l);
	scratch_free(&s, NULL);
}

/* A later record that says Microsoft.Storage replaces the key; one without the field leaves it. */
static void az_encryption__later_record_replaces_absent_field_keeps(void)
{
	static const char *const subs[] = { NULL };
	scratch s;
	loaded l;

	scratch_init(&s);
	scratch_file(&s, NULL, "a.json",
		     "[{\"id\": \"" SA "sta\", \"type\": \"Microsoft.Storage/storageAccounts\", \"encryption\": "
		     "{\"keySource\": \"Microsoft.Keyvault\", \"keyVaultProperties\": {\"keyVaultUri\": "
		     "\"https://kv.vault.azure.net\", \"keyName\": \"k\"}}},"
		     " {\"id\": \"" SA "stb\", \"type\": \"Microsoft.Storage/storageAccounts\", \"encryption\": "
		     "{\"keySource\": \"Microsoft.Keyvault\", \"keyVaultProperties\": {\"keyVaultUri\": "
		     "\"https://kv.vault.azure.net\", \"keyName\": \"k\"}}}]\n");
	scratch_file(&s, NULL, "b.json",
		     "[{\"id\": \"" SA "sta\", \"type\": \"Microsoft.Storage/storageAccounts\", \"tags\": {}},"
		     " {\"id\": \"" SA "stb\", \"type\": \"Microsoft.Storage/storageAccounts\", \"encryption\": "
		     "{\"keySource\": \"Microsoft.Storage\"}}]\n");
	load1(&l, s.dir);
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(key_of(&l, SA "sta"), "https://kv.vault.azure.net/keys/k");
	CU_ASSERT_PTR_NULL(key_of(&l, SA "stb"));
	unload(&l);
	scratch_free(&s, subs);
}

static void az_encryption__cosmos_disks_and_sets(void)
{
	scratch s;
	loaded l;
	const char *p = scratch_one(&s, NULL, "r.json",
		"[{\"id\": \"" RG "Microsoft.DocumentDB/databaseAccounts/cosmos1\", "
		"\"type\": \"Microsoft.DocumentDB/databaseAccounts\", \"keyVaultKeyUri\": "
		"\"https://kv.vault.azure.net/keys/Cosmos-CMK\"},\n"
		" {\"id\": \"" RG "Microsoft.Compute/disks/d1\", \"type\": \"Microsoft.Compute/disks\", \"properties\": "
		"{\"encryption\": {\"type\": \"EncryptionAtRestWithCustomerKey\", \"diskEncryptionSetId\": "
		"\"" DES "\"}}},\n"
		" {\"id\": \"" RG "Microsoft.Compute/snapshots/s1\", \"type\": \"Microsoft.Compute/snapshots\", "
		"\"encryption\": {\"type\": \"EncryptionAtRestWithPlatformKey\", \"diskEncryptionSetId\": null}},\n"
		" {\"id\": \"" DES "\", \"type\": \"Microsoft.Compute/diskEncryptionSets\", \"activeKey\": {\"keyUrl\": "
		"\"https://kv.vault.azure.net/keys/disk-cmk/5c1e9b0a\", \"sourceVault\": {\"id\": \"x\"}}}]\n");

	load1(&l, p);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(key_of(&l, RG "Microsoft.DocumentDB/databaseAccounts/cosmos1"),
		   "https://kv.vault.azure.net/keys/cosmos-cmk");
	/* the set's id in key form (lowercased), which azm_find_resource takes */
	ASSERT_STR(key_of(&l, RG "Microsoft.Compute/disks/d1"),
		   "/subscriptions/7a3c0000-2222-4333-8444-000000000001/resourcegroups/data-rg/providers/"
		   "microsoft.compute/diskencryptionsets/des1");
	CU_ASSERT_PTR_NULL(key_of(&l, RG "Microsoft.Compute/snapshots/s1"));
	ASSERT_STR(key_of(&l, DES), "https://kv.vault.azure.net/keys/disk-cmk");
	unload(&l);
	scratch_free(&s, NULL);
}

typedef struct bad_case {
	const char *record;     /* the text after {"id": ..., "type": ... */
	const char *type;
	const char *part;
} bad_case;

static void az_encryption__bad_values_are_placed_errors(void)
{
	static const bad_case cases[] = {
		{ "\"encryption\": []", "Microsoft.Storage/storageAccounts", "'encryption' must be an object" },
		{ "\"encryption\": {\"keySource\": \"Contoso.Vault\"}", "Microsoft.Storage/storageAccounts",
		  "unknown keySource 'Contoso.Vault'" },
		{ "\"encryption\": {\"keySource\": \"Microsoft.Keyvault\"}", "Microsoft.Storage/storageAccounts",
		  "without 'keyvaultproperties'" },
		{ "\"encryption\": {\"keySource\": \"Microsoft.Keyvault\", \"keyvaultproperties\": {\"keyvaulturi\": "
		  "\"https://kv.vault.azure.net\"}}", "Microsoft.Storage/storageAccounts", "needs 'keyvaulturi' and 'keyname'" },
		{ "\"encryption\": {\"keySource\": \"Microsoft.Keyvault\", \"keyvaultproperties\": {\"keyvaulturi\": "
		  "\"http://kv.vault.azure.net\", \"keyname\": \"k\"}}", "Microsoft.Storage/storageAccounts",
		  "malformed Key Vault key: vault URL 'http://kv.vault.azure.net'" },
		{ "\"encryption\": {\"keySource\": \"Microsoft.Keyvault\", \"keyvaultproperties\": {\"keyvaulturi\": "
		  "\"https://kv.vault.azure.net/keys\", \"keyname\": \"k\"}}", "Microsoft.Storage/storageAccounts",
		  "malformed Key Vault key" },
		{ "\"keyVaultKeyUri\": \"https://kv.vault.azure.net/secrets/s\"", "Microsoft.DocumentDB/databaseAccounts",
		  "malformed Key Vault key URL 'https://kv.vault.azure.net/secrets/s'" },
		{ "\"keyVaultKeyUri\": \"https://kv.vault.azure.net/keys/k/v/extra\"", "Microsoft.DocumentDB/databaseAccounts",
		  "malformed Key Vault key URL" },
		{ "\"keyVaultKeyUri\": 5", "Microsoft.DocumentDB/databaseAccounts", "'keyVaultKeyUri' must be a string" },
		{ "\"encryption\": {\"diskEncryptionSetId\": \"/subscriptions/x/resourceGroups/r/providers/"
		  "Microsoft.KeyVault/vaults/v\"}", "Microsoft.Compute/disks", "malformed disk encryption set id" },
		{ "\"encryption\": {\"diskEncryptionSetId\": {}}", "Microsoft.Compute/disks",
		  "'diskEncryptionSetId' must be a string" },
		{ "\"activeKey\": \"https://kv.vault.azure.net/keys/k\"", "Microsoft.Compute/diskEncryptionSets",
		  "'activeKey' must be an object" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[1024];
		scratch s;
		loaded l;
		const diag *d;
		const char *p;
		snprintf(text, sizeof(text), "[{\"id\": \"%sMicrosoft.Example/things/n%zu\", \"type\": \"%s\",\n %s}]\n", RG, i, cases[i].type,
			 cases[i].record);
		p = scratch_one(&s, NULL, "r.json", text);
		load1(&l, p);
		CU_ASSERT_NOT_EQUAL(l.err, 0);
		d = find_diag(&l, DIAG_ERROR, cases[i].part);
		CU_ASSERT_PTR_NOT_NULL(d);
		/* every error sits on the record's second line, at the offending value */
		CU_ASSERT_EQUAL(d ? d->line : 0, 2);
		if (!d || d->line != 2)
			fprintf(stderr, "\ncase %zu: %s\n", i, d ? d->msg : l.diags.count ? l.diags.items[0].msg : "none");
		unload(&l);
		scratch_free(&s, NULL);
	}
}

TEST_SUITE(az_encryption)
{
	static const test_case cases[] = {
		{ "az_encryption__storage_rest_and_cli_shapes", az_encryption__storage_rest_and_cli_shapes },
		{ "az_encryption__later_record_replaces_absent_field_keeps",
		  az_encryption__later_record_replaces_absent_field_keeps },
		{ "az_encryption__cosmos_disks_and_sets", az_encryption__cosmos_disks_and_sets },
		{ "az_encryption__bad_values_are_placed_errors", az_encryption__bad_values_are_placed_errors },
		{ NULL, NULL }
	};
	return test_register("az_encryption", cases);
}
