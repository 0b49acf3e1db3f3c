/*
 * Tests for checks/check_shared_key (PG-SHARED-KEY): stores built in a model
 * with their classification and key set by hand (AWS), or read through the
 * azure-resources reader (Azure) and classified with the default config.
 * Each rule fires on its case and not on the fixed one beside it.
 */
#include "checks/check_model.h"
#include "model/classify.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#define SYN CLASS_SYNTHETIC
#define PROD CLASS_PRODUCTION
#define KEY_ID "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
#define KEY_ARN "arn:aws:kms:eu-west-1:111111111111:key/" KEY_ID
#define ALIAS_ARN "arn:aws:kms:eu-west-1:111111111111:alias/shared"

static resource *store(model *m, const char *arn, int cls, const char *key, unsigned line)
{
	resource *r = model_add_resource(m, arn);

	r->classification = cls;
	r->encryption_key = key ? model_intern(m, key) : NULL;
	r->encryption_loc = model_loc(m, "estate.json", line, 9);
	return r;
}

static void run(model *m, finding_list *out)
{
	config *cfg = config_defaults();

	finding_list_init(out);
	check_shared_key(m, cfg, out);
	finding_list_sort(out);
	config_free(cfg);
}

static void check_shared_key__same_key_both_classes(void)
{
	model *m = model_new();
	finding_list out;
	const finding *f;

	store(m, "arn:aws:s3:::prod-orders", PROD, KEY_ARN, 3);
	store(m, "arn:aws:s3:::synth-b", SYN, KEY_ARN, 7);
	store(m, "arn:aws:s3:::synth-a", SYN, KEY_ARN, 5);
	store(m, "arn:aws:s3:::unclassified", CLASS_NONE, KEY_ARN, 9);
	run(m, &out);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	f = &out.items[0];
	ASSERT_STR(f->rule, "PG-SHARED-KEY");
	ASSERT_STR(f->category, "shared-key");
	CU_ASSERT_EQUAL(f->sev, SEV_MEDIUM);
	CU_ASSERT_PTR_NULL(f->principal);
	ASSERT_STR(f->resource, KEY_ARN);
	/* at the first synthetic store's setting, by id */
	CU_ASSERT_EQUAL(f->loc.line, 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(f->message, "2 synthetic store(s) ('arn:aws:s3:::synth-a', 'arn:aws:s3:::synth-b')"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f->message, "1 production store(s) ('arn:aws:s3:::prod-orders')"));
	CU_ASSERT_EQUAL_FATAL(f->n_path, 3);
	ASSERT_STR(f->path[0].from, "arn:aws:s3:::synth-a");
	ASSERT_STR(f->path[0].to, KEY_ARN);
	ASSERT_STR(f->path[0].edge, "encrypted-by");
	ASSERT_STR(f->path[2].from, "arn:aws:s3:::prod-orders");
	ASSERT_STR(f->controls[0], "NIST SP 800-53 SC-12");
	ASSERT_STR(f->controls[1], "NIST SP 800-53 SC-28");
	ASSERT_STR(f->controls[2], "NIST SP 800-53 AC-4");
	CU_ASSERT_PTR_NULL(f->controls[3]);
	finding_list_release(&out);
	model_free(m);
}

/* Only synthetic stores on the key, or each class on its own key: nothing. */
static void check_shared_key__one_class_per_key_is_clean(void)
{
	model *m = model_new();
	finding_list out;

	store(m, "arn:aws:s3:::synth-a", SYN, KEY_ARN, 1);
	store(m, "arn:aws:s3:::synth-b", SYN, KEY_ID, 2);
	store(m, "arn:aws:s3:::prod-a", PROD, "arn:aws:kms:eu-west-1:111111111111:key/other", 3);
	/* a store classified both ways is PG-SEGREGATION-MIXED-STORE's, not a second class here */
	store(m, "arn:aws:s3:::mixed", SYN | PROD, KEY_ARN, 4);
	run(m, &out);
	CU_ASSERT_EQUAL(out.count, 0);
	finding_list_release(&out);
	model_free(m);
}

/* A bare key id matches the one ARN the inputs give for it: another store's setting or a KMS key. */
static void check_shared_key__key_id_and_arn_are_one_key(void)
{
	model *m = model_new();
	finding_list out;

	store(m, "arn:aws:s3:::synth-a", SYN, KEY_ID, 1);
	store(m, "arn:aws:s3:::prod-a", PROD, KEY_ARN, 2);
	run(m, &out);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	ASSERT_STR(out.items[0].resource, KEY_ARN);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.items[0].message, "KMS key '" KEY_ARN "'"));
	finding_list_release(&out);
	model_free(m);

	/* both bare: the ARN comes from the KMS key resource */
	m = model_new();
	store(m, "arn:aws:s3:::synth-a", SYN, KEY_ID, 1);
	store(m, "arn:aws:s3:::prod-a", PROD, KEY_ID, 2);
	model_add_resource(m, KEY_ARN);
	run(m, &out);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	ASSERT_STR(out.items[0].resource, KEY_ARN);
	finding_list_release(&out);
	model_free(m);

	/* no ARN anywhere: the ids are still equal */
	m = model_new();
	store(m, "arn:aws:s3:::synth-a", SYN, KEY_ID, 1);
	store(m, "arn:aws:s3:::prod-a", PROD, KEY_ID, 2);
	run(m, &out);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	ASSERT_STR(out.items[0].resource, KEY_ID);
	finding_list_release(&out);
	model_free(m);
}

/* Two full ARNs with one id (multi-Region replicas) are two keys; a bare id between them is undecided. */
static void check_shared_key__ambiguous_id_stays_apart(void)
{
	model *m = model_new();
	finding_list out;

	store(m, "arn:aws:s3:::synth-a", SYN, "arn:aws:kms:eu-west-1:111111111111:key/mrk-1", 1);
	store(m, "arn:aws:s3:::prod-a", PROD, "arn:aws:kms:us-east-1:111111111111:key/mrk-1", 2);
	store(m, "arn:aws:s3:::prod-b", PROD, "mrk-1", 3);
	run(m, &out);
	CU_ASSERT_EQUAL(out.count, 0);
	finding_list_release(&out);
	model_free(m);
}

static void check_shared_key__alias_compared_by_name(void)
{
	model *m = model_new();
	finding_list out;

	store(m, "arn:aws:s3:::synth-a", SYN, "alias/shared", 1);
	store(m, "arn:aws:s3:::prod-a", PROD, ALIAS_ARN, 2);
	/* an alias is never matched to the key it names */
	store(m, "arn:aws:s3:::prod-b", PROD, KEY_ARN, 3);
	run(m, &out);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	ASSERT_STR(out.items[0].resource, ALIAS_ARN);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.items[0].message, "KMS alias"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.items[0].message, "aliases are compared by name"));
	finding_list_release(&out);
	model_free(m);

	/* alias names are per account: the same name in two accounts is two aliases */
	m = model_new();
	store(m, "arn:aws:s3:::synth-a", SYN, "alias/shared", 1)->account = model_intern(m, "111111111111");
	store(m, "arn:aws:s3:::prod-a", PROD, "alias/shared", 2)->account = model_intern(m, "222222222222");
	run(m, &out);
	CU_ASSERT_EQUAL(out.count, 0);
	finding_list_release(&out);
	model_free(m);
}

/* aws/s3 and keys AWS manages (keyManager AWS) are not a shared key; readers keep AES256 as no key at all. */
static void check_shared_key__aws_managed_keys_not_reported(void)
{
	model *m = model_new();
	finding_list out;
	resource *k;

	store(m, "arn:aws:s3:::synth-a", SYN, "alias/aws/s3", 1);
	store(m, "arn:aws:s3:::prod-a", PROD, "arn:aws:kms:eu-west-1:111111111111:alias/aws/s3", 2);
	store(m, "arn:aws:s3:::synth-b", SYN, KEY_ID, 3);
	store(m, "arn:aws:s3:::prod-b", PROD, KEY_ID, 4);
	store(m, "arn:aws:s3:::synth-sse", SYN, NULL, 5);
	store(m, "arn:aws:s3:::prod-sse", PROD, NULL, 6);
	k = model_add_resource(m, KEY_ARN);
	k->aws_managed_key = 1;
	run(m, &out);
	CU_ASSERT_EQUAL(out.count, 0);
	finding_list_release(&out);
	model_free(m);
}

/* The same estate read from CloudMapper-layout files: the reader and the check together. */
static void check_shared_key__cloudmapper_estate(void)
{
	static const char *const path = "fixtures/scan/shared-key/aws/estate";
	config *cfg = config_defaults();
	finding_list out;
	loaded l;
	size_t i, n = 0;

	load1(&l, path);
	CU_ASSERT_EQUAL(l.err, 0);
	classify_apply(l.m, cfg, NULL);
	finding_list_init(&out);
	check_shared_key(l.m, cfg, &out);
	for (i = 0; i < out.count; i++)
		n += !strcmp(out.items[i].resource, KEY_ARN) || !strcmp(out.items[i].resource, ALIAS_ARN "-data");
	CU_ASSERT_EQUAL(out.count, 2);
	CU_ASSERT_EQUAL(n, 2);
	finding_list_release(&out);
	config_free(cfg);
	unload(&l);
}

#define RG "/subscriptions/7a3c0000-2222-4333-8444-000000000001/resourceGroups/rg/providers/"

static void azure(loaded *l, scratch *s, const char *text, finding_list *out)
{
	config *cfg = config_defaults();
	const char *p = scratch_one(s, NULL, "r.json", text);

	load1(l, p);
	CU_ASSERT_EQUAL(l->err, 0);
	classify_apply(l->m, cfg, NULL);
	finding_list_init(out);
	check_shared_key(l->m, cfg, out);
	finding_list_sort(out);
	config_free(cfg);
}

#define STORAGE(name, tag, uri, key) \
	"{\"id\": \"" RG "Microsoft.Storage/storageAccounts/" name "\", \"type\": \"Microsoft.Storage/storageAccounts\", " \
	"\"tags\": {" tag "}, \"encryption\": {\"keySource\": \"Microsoft.Keyvault\", \"keyVaultProperties\": " \
	"{\"keyVaultUri\": \"" uri "\", \"keyName\": \"" key "\"}}}"

static void check_shared_key__azure_key_vault_key_on_two_accounts(void)
{
	scratch s;
	loaded l;
	finding_list out;

	azure(&l, &s, "[" STORAGE("stsynth", "\"data-class\": \"synthetic\"", "https://kv.vault.azure.net", "cmk") ",\n"
		      STORAGE("stprod", "\"env\": \"prod\"", "https://KV.vault.azure.net/", "CMK") ",\n"
		      STORAGE("stother", "\"env\": \"prod\"", "https://kv.vault.azure.net", "other") "]\n", &out);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	ASSERT_STR(out.items[0].resource, "https://kv.vault.azure.net/keys/cmk");
	CU_ASSERT_PTR_NOT_NULL(strstr(out.items[0].message, "Key Vault key"));
	CU_ASSERT_EQUAL(out.items[0].n_path, 2);
	CU_ASSERT_EQUAL(out.items[0].loc.line, 1);
	finding_list_release(&out);
	unload(&l);
	scratch_free(&s, NULL);
}

#define DISK(name, tag, des) \
	"{\"id\": \"" RG "Microsoft.Compute/disks/" name "\", \"type\": \"Microsoft.Compute/disks\", " \
	"\"tags\": {" tag "}, \"encryption\": {\"diskEncryptionSetId\": \"" RG "Microsoft.Compute/diskEncryptionSets/" \
	des "\"}}"

static void check_shared_key__disk_encryption_set(void)
{
	scratch s;
	loaded l;
	finding_list out;
	const finding *f;

	/* the set described: its key is the key, reached through it */
	azure(&l, &s, "[" DISK("d-synth", "\"synthetic\": \"true\"", "des1") ",\n"
		      DISK("d-prod", "\"env\": \"production\"", "DES1") ",\n"
		      "{\"id\": \"" RG "Microsoft.Compute/diskEncryptionSets/des1\", \"type\": "
		      "\"Microsoft.Compute/diskEncryptionSets\", \"tags\": {\"env\": \"prod\"}, "
		      "\"activeKey\": {\"keyUrl\": \"https://kv.vault.azure.net/keys/disk/1\"}},\n"
		      STORAGE("stprod", "\"env\": \"prod\"", "https://kv.vault.azure.net", "disk") "]\n", &out);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	f = &out.items[0];
	ASSERT_STR(f->resource, "https://kv.vault.azure.net/keys/disk");
	CU_ASSERT_PTR_NOT_NULL(strstr(f->message, "1 synthetic store(s)"));
	/* the set itself is not a store: 2 production stores, the disk and the account */
	CU_ASSERT_PTR_NOT_NULL(strstr(f->message, "2 production store(s)"));
	CU_ASSERT_EQUAL_FATAL(f->n_path, 4);
	ASSERT_STR(f->path[0].edge, "encrypted-by");
	ASSERT_STR(f->path[0].to, RG "Microsoft.Compute/diskEncryptionSets/des1");
	ASSERT_STR(f->path[1].edge, "uses-key");
	ASSERT_STR(f->path[1].to, "https://kv.vault.azure.net/keys/disk");
	finding_list_release(&out);
	unload(&l);
	scratch_free(&s, NULL);

	/* the set not described: the set is the key */
	azure(&l, &s, "[" DISK("d-synth", "\"synthetic\": \"true\"", "des1") ",\n"
		      DISK("d-prod", "\"env\": \"production\"", "DES1") "]\n", &out);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.items[0].message, "disk encryption set"));
	ASSERT_STR(out.items[0].resource, "/subscriptions/7a3c0000-2222-4333-8444-000000000001/resourcegroups/rg/"
					  "providers/microsoft.compute/diskencryptionsets/des1");
	finding_list_release(&out);
	unload(&l);
	scratch_free(&s, NULL);
}

TEST_SUITE(check_shared_key)
{
	static const test_case cases[] = {
		{ "check_shared_key__same_key_both_classes", check_shared_key__same_key_both_classes },
		{ "check_shared_key__one_class_per_key_is_clean", check_shared_key__one_class_per_key_is_clean },
		{ "check_shared_key__key_id_and_arn_are_one_key", check_shared_key__key_id_and_arn_are_one_key },
		{ "check_shared_key__ambiguous_id_stays_apart", check_shared_key__ambiguous_id_stays_apart },
		{ "check_shared_key__alias_compared_by_name", check_shared_key__alias_compared_by_name },
		{ "check_shared_key__aws_managed_keys_not_reported", check_shared_key__aws_managed_keys_not_reported },
		{ "check_shared_key__cloudmapper_estate", check_shared_key__cloudmapper_estate },
		{ "check_shared_key__azure_key_vault_key_on_two_accounts",
		  check_shared_key__azure_key_vault_key_on_two_accounts },
		{ "check_shared_key__disk_encryption_set", check_shared_key__disk_encryption_set },
		{ NULL, NULL }
	};
	return test_register("check_shared_key", cases);
}
