/*
 * Tests for ingest/aws_encryption: s3api get-bucket-encryption outputs in
 * CloudMapper's s3-get-bucket-encryption/<bucket> layout, and S3 default
 * encryption in AWS Config items, read through ingest_paths as the CLI does.
 * Bad shapes must be placed errors, never crashes.
 */
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#define FOLDER "s3-get-bucket-encryption"
static const char *const subs[] = { FOLDER, NULL };

#define RULE(alg, key) \
	"{\n  \"ServerSideEncryptionConfiguration\": {\n    \"Rules\": [\n      {\n" \
	"        \"ApplyServerSideEncryptionByDefault\": {\"SSEAlgorithm\": \"" alg "\"" key "},\n" \
	"        \"BucketKeyEnabled\": true\n      }\n    ]\n  }\n}\n"

#define KEY_ARN "arn:aws:kms:eu-west-1:111111111111:key/4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"

/* Read the folder of one file saved as FOLDER/name, as a CloudMapper export is read. */
static void read_one(loaded *l, scratch *s, const char *name, const char *text)
{
	const char *dir;

	scratch_one(s, FOLDER, name, text);
	dir = s->dir;
	load1(l, dir);
}

static void aws_encryption__customer_key_kept_with_its_place(void)
{
	scratch s;
	loaded l;
	resource *r;

	read_one(&l, &s, "synth-train", RULE("aws:kms", ", \"KMSMasterKeyID\": \"" KEY_ARN "\""));
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "aws-bucket-encryption");
	r = model_find_resource(l.m, "arn:aws:s3:::synth-train");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->encryption_key, KEY_ARN);
	ASSERT_STR(r->type, "AWS::S3::Bucket");
	CU_ASSERT_EQUAL(r->encryption_loc.line, 5);
	CU_ASSERT_EQUAL(r->encryption_loc.col, 93);
	unload(&l);
	scratch_free(&s, subs);
}

static void aws_encryption__extension_dropped_and_dsse_read(void)
{
	scratch s;
	loaded l;
	resource *r;

	read_one(&l, &s, "prod.orders.json", RULE("aws:kms:dsse", ", \"KMSMasterKeyID\": \"alias/shared\""));
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_resource(l.m, "arn:aws:s3:::prod.orders");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	/* no region in a CLI output: the alias stays as written */
	ASSERT_STR(r->encryption_key, "alias/shared");
	unload(&l);
	scratch_free(&s, subs);
}

/* SSE-S3, SSE-KMS with the AWS-managed key, alias/aws/s3 (also as an ARN) and {}: no customer key. */
static void aws_encryption__aws_managed_keys_not_kept(void)
{
	static const char *const texts[] = {
		RULE("AES256", ""), RULE("aws:kms", ""), RULE("aws:kms", ", \"KMSMasterKeyID\": \"alias/aws/s3\""),
		RULE("aws:kms", ", \"KMSMasterKeyID\": \"arn:aws:kms:eu-west-1:111111111111:alias/aws/s3\""), "{}\n",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		scratch s;
		loaded l;
		resource *r;
		read_one(&l, &s, "b", texts[i]);
		CU_ASSERT_EQUAL(l.err, 0);
		CU_ASSERT_EQUAL(l.diags.count, 0);
		r = model_find_resource(l.m, "arn:aws:s3:::b");
		CU_ASSERT_PTR_NOT_NULL(r);
		CU_ASSERT_PTR_NULL(r ? r->encryption_key : "x");
		unload(&l);
		scratch_free(&s, subs);
	}
}

typedef struct bad_case {
	const char *text;
	unsigned line, col;
	const char *part;
} bad_case;

static void aws_encryption__bad_shapes_are_placed_errors(void)
{
	static const bad_case cases[] = {
		{ "{\"ServerSideEncryptionConfiguration\": {\"Rules\": {}}}", 1, 49, "'Rules' must be a list, not an object" },
		{ "{\"ServerSideEncryptionConfiguration\": {}}", 1, 39, "missing 'Rules'" },
		{ "{\"ServerSideEncryptionConfiguration\": []}", 1, 39, "must be an object, not a list" },
		{ "{\"ServerSideEncryptionConfiguration\": {\"Rules\": [7]}}", 1, 50, "each encryption rule must be an object" },
		{ RULE("AES-256", ""), 5, 64, "unknown SSEAlgorithm 'AES-256'" },
		{ RULE("AES256", ", \"KMSMasterKeyID\": \"k\""), 5, 92, "only valid with SSEAlgorithm aws:kms" },
		{ RULE("aws:kms", ", \"KMSMasterKeyID\": \"arn:aws:s3:::not-a-key\""), 5, 93, "malformed KMS key ARN" },
		{ RULE("aws:kms", ", \"KMSMasterKeyID\": 12"), 5, 93, "must be a KMS key id" },
		{ RULE("aws:kms", ", \"KMSMasterKeyID\": \"\""), 5, 93, "must be a KMS key id" },
		{ "{\"ServerSideEncryptionConfiguration\": {\"Rules\": [{\"ApplyServerSideEncryptionByDefault\": {}}]}}",
		  1, 89, "missing 'SSEAlgorithm'" },
		{ "{\"ServerSideEncryptionConfiguration\": {\"Rules\": [{\"BucketKeyEnabled\": \"yes\"}]}}", 1, 71,
		  "'BucketKeyEnabled' must be true or false" },
		{ "{\"Rules\": []}", 1, 1, "missing 'ServerSideEncryptionConfiguration'" },
		{ "[]", 1, 1, "must be an object" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		scratch s;
		loaded l;
		const diag *d;
		read_one(&l, &s, "b", cases[i].text);
		CU_ASSERT_NOT_EQUAL(l.err, 0);
		d = find_diag(&l, DIAG_ERROR, cases[i].part);
		CU_ASSERT_PTR_NOT_NULL(d);
		if (d) {
			CU_ASSERT_EQUAL(d->line, cases[i].line);
			CU_ASSERT_EQUAL(d->col, cases[i].col);
			if (d->line != cases[i].line || d->col != cases[i].col)
				fprintf(stderr, "\ncase %zu: %u:%u %s\n", i, d->line, d->col, d->msg);
		} else {
			fprintf(stderr, "\ncase %zu: no error '%s' (%zu diagnostics)\n", i, cases[i].part, l.diags.count);
		}
		unload(&l);
		scratch_free(&s, subs);
	}
}

/* The output does not name its bucket: outside the folder it cannot be placed. */
static void aws_encryption__outside_the_folder_is_an_error(void)
{
	scratch s;
	loaded l;
	const char *p = scratch_one(&s, NULL, "encryption.json", RULE("aws:kms", ", \"KMSMasterKeyID\": \"k\""));

	load1(&l, p);
	CU_ASSERT_NOT_EQUAL(l.err, 0);
	ASSERT_STR(l.run.inputs[0].format, "aws-bucket-encryption");
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "save it as s3-get-bucket-encryption/<bucket>"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void aws_encryption__second_rule_warns_first_kept(void)
{
	scratch s;
	loaded l;
	resource *r;

	read_one(&l, &s, "b",
		 "{\"ServerSideEncryptionConfiguration\": {\"Rules\": ["
		 "{\"ApplyServerSideEncryptionByDefault\": {\"SSEAlgorithm\": \"aws:kms\", \"KMSMasterKeyID\": \"k1\"}},"
		 "{\"ApplyServerSideEncryptionByDefault\": {\"SSEAlgorithm\": \"aws:kms\", \"KMSMasterKeyID\": \"k2\"}}]}}");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "a second default-encryption key 'k2'"));
	r = model_find_resource(l.m, "arn:aws:s3:::b");
	ASSERT_STR(r ? r->encryption_key : NULL, "k1");
	unload(&l);
	scratch_free(&s, subs);
}

/* AWS Config: camelCase rules, the value a JSON string; region and account complete a bare id or alias. */
static void aws_encryption__config_item_completes_the_arn(void)
{
	scratch s;
	loaded l;
	resource *r;
	const char *p;

	scratch_init(&s);
	scratch_file(&s, NULL, "config.json",
		     "{\"configurationItems\": [\n"
		     " {\"resourceType\": \"AWS::S3::Bucket\", \"resourceName\": \"synth-a\", \"awsRegion\": \"eu-west-1\",\n"
		     "  \"awsAccountId\": \"111111111111\", \"configurationItemStatus\": \"OK\",\n"
		     "  \"supplementaryConfiguration\": {\"ServerSideEncryptionConfiguration\": \"{\\\"rules\\\": "
		     "[{\\\"applyServerSideEncryptionByDefault\\\": {\\\"sseAlgorithm\\\": \\\"aws:kms\\\", "
		     "\\\"kmsMasterKeyID\\\": \\\"4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\\\"}, \\\"bucketKeyEnabled\\\": "
		     "false}]}\"}},\n"
		     " {\"resourceType\": \"AWS::S3::Bucket\", \"resourceName\": \"synth-b\", \"awsRegion\": \"cn-north-1\",\n"
		     "  \"awsAccountId\": \"222222222222\", \"configurationItemStatus\": \"OK\",\n"
		     "  \"supplementaryConfiguration\": {\"ServerSideEncryptionConfiguration\": {\"rules\": "
		     "[{\"applyServerSideEncryptionByDefault\": {\"sseAlgorithm\": \"aws:kms\", \"kmsMasterKeyID\": "
		     "\"alias/data\"}}]}}},\n"
		     " {\"resourceType\": \"AWS::S3::Bucket\", \"resourceName\": \"synth-c\", \"awsRegion\": \"eu-west-1\",\n"
		     "  \"supplementaryConfiguration\": {\"ServerSideEncryptionConfiguration\": {\"rules\": 3}}}\n"
		     "]}\n");
	p = s.paths[0];
	load1(&l, p);
	CU_ASSERT_NOT_EQUAL(l.err, 0);  /* synth-c */
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "'Rules' must be a list, not a number"));
	r = model_find_resource(l.m, "arn:aws:s3:::synth-a");
	ASSERT_STR(r ? r->encryption_key : NULL, KEY_ARN);
	r = model_find_resource(l.m, "arn:aws:s3:::synth-b");
	ASSERT_STR(r ? r->encryption_key : NULL, "arn:aws-cn:kms:cn-north-1:222222222222:alias/data");
	unload(&l);
	scratch_free(&s, NULL);
}

TEST_SUITE(aws_encryption)
{
	static const test_case cases[] = {
		{ "aws_encryption__customer_key_kept_with_its_place", aws_encryption__customer_key_kept_with_its_place },
		{ "aws_encryption__extension_dropped_and_dsse_read", aws_encryption__extension_dropped_and_dsse_read },
		{ "aws_encryption__aws_managed_keys_not_kept", aws_encryption__aws_managed_keys_not_kept },
		{ "aws_encryption__bad_shapes_are_placed_errors", aws_encryption__bad_shapes_are_placed_errors },
		{ "aws_encryption__outside_the_folder_is_an_error", aws_encryption__outside_the_folder_is_an_error },
		{ "aws_encryption__second_rule_warns_first_kept", aws_encryption__second_rule_warns_first_kept },
		{ "aws_encryption__config_item_completes_the_arn", aws_encryption__config_item_completes_the_arn },
		{ NULL, NULL }
	};
	return test_register("aws_encryption", cases);
}
