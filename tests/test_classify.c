/*
 * Tests for model/classify: classification and tenants of AWS buckets, tables
 * and queues (fixtures/aws/handmade), Azure resources (fixtures/azure/estate)
 * and tagged AWS principals, read through ingest_paths as the CLI does, under
 * the defaults and under configs given inline.
 */
#include "model/classify.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#define HM "fixtures/aws/handmade/"
#define ESTATE "fixtures/azure/estate"

#define SYNTH_TRAIN "arn:aws:s3:::synth-train-data"
#define SYNTH_SHARED "arn:aws:s3:::synth-shared-samples"
#define PROD_BUCKET "arn:aws:s3:::prod-customer-exports"
#define TABLE "arn:aws:dynamodb:eu-west-1:222222222222:table/synthetic-profiles"
#define QUEUE "arn:aws:sqs:eu-west-1:333333333333:prod-orders"
#define KEY "arn:aws:kms:eu-west-1:222222222222:key/4f1e2d3c-5b6a-4798-8a9b-0c1d2e3f4a5b"

#define SUB1 "/subscriptions/0b1d0000-1111-4222-8333-000000000001"
#define SUB2 "/subscriptions/0b1d0000-1111-4222-8333-000000000002"
#define ST_SYNTH SUB1 "/resourceGroups/synthetic-rg/providers/Microsoft.Storage/storageAccounts/stsynthdata"
#define FUNC SUB1 "/resourceGroups/synthetic-rg/providers/Microsoft.Web/sites/func-synth-gen"
#define ST_PROD SUB2 "/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/stproddata"

static void load_aws(loaded *l)
{
	static const char *const paths[] = { HM "tagging-get-resources.json", HM "manifest.yaml",
					     HM "config-snapshot.json" };

	load(l, paths, 3);
	CU_ASSERT_EQUAL(l->err, 0);
}

/* A config from text; fails the test when it does not load. */
static config *cfg(const char *text)
{
	config *c = NULL;
	diag_list dl;

	diag_list_init(&dl);
	if (config_load_buffer(&c, "test.yaml", text, strlen(text), &dl) < 0)
		diag_list_print(stderr, &dl);
	CU_ASSERT_PTR_NOT_NULL(c);
	diag_list_release(&dl);
	return c;
}

static int rclass(const loaded *l, const char *arn)
{
	resource *r = model_find_resource(l->m, arn);
	return r ? r->classification : -1;
}

static const char *rtenant(const loaded *l, const char *arn)
{
	resource *r = model_find_resource(l->m, arn);
	return r ? r->saas_tenant : "(no such resource)";
}

static int azclass(const loaded *l, const char *id)
{
	az_resource *r = l->a ? azm_find_resource(l->a, id) : NULL;
	return r ? r->classification : -1;
}

static const char *aztenant(const loaded *l, const char *id)
{
	az_resource *r = l->a ? azm_find_resource(l->a, id) : NULL;
	return r ? r->saas_tenant : "(no such resource)";
}

static void classify__aws_defaults_by_tag(void)
{
	config *c = config_defaults();
	loaded l;

	load_aws(&l);
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_TRAIN), CLASS_SYNTHETIC);         /* data-class=synthetic */
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_SHARED), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(rclass(&l, TABLE), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(rclass(&l, PROD_BUCKET), CLASS_PRODUCTION);        /* env=prod, data-class=production */
	CU_ASSERT_EQUAL(rclass(&l, QUEUE), CLASS_PRODUCTION);
	CU_ASSERT_EQUAL(rclass(&l, KEY), CLASS_NONE);
	/* no tenants configured */
	CU_ASSERT_PTR_NULL(rtenant(&l, SYNTH_TRAIN));
	config_free(c);
	unload(&l);
}

static void classify__aws_tag_case(void)
{
	config *c;
	loaded l;

	load_aws(&l);
	/* AWS tag keys are case-sensitive; values compare in any case */
	c = cfg("classify:\n"
		"  synthetic: [{tag: {key: Data-Class, value: synthetic}}]\n"
		"  production: [{tag: {key: env, value: PROD}}]\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_TRAIN), CLASS_NONE);
	CU_ASSERT_EQUAL(rclass(&l, QUEUE), CLASS_PRODUCTION);
	config_free(c);
	/* a key without a value: the tag present with any value */
	c = cfg("classify:\n"
		"  synthetic: [{tag: {key: 'synthetic:generator'}}]\n"
		"  production: []\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_TRAIN), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_SHARED), CLASS_NONE);
	CU_ASSERT_EQUAL(rclass(&l, PROD_BUCKET), CLASS_NONE);
	config_free(c);
	unload(&l);
}

static void classify__aws_by_arn(void)
{
	config *c;
	loaded l;

	load_aws(&l);
	c = cfg("classify:\n"
		"  synthetic: [{arn: 'arn:aws:s3:::synth-*'}]\n"
		"  production: [{arn: 'arn:aws:s3:::prod-customer-*/exports/*'}, {arn: 'arn:aws:sqs:*:333333333333:*'}]\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_TRAIN), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_SHARED), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(rclass(&l, TABLE), CLASS_NONE);     /* tagged, but the tag rules are replaced */
	/* an object pattern classifies the bucket that holds the objects */
	CU_ASSERT_EQUAL(rclass(&l, PROD_BUCKET), CLASS_PRODUCTION);
	CU_ASSERT_EQUAL(rclass(&l, QUEUE), CLASS_PRODUCTION);
	config_free(c);
	/* ARNs are case-sensitive */
	c = cfg("classify: {synthetic: [{arn: 'arn:aws:s3:::SYNTH-*'}], production: []}\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_TRAIN), CLASS_NONE);
	config_free(c);
	unload(&l);
}

static void classify__aws_by_type(void)
{
	config *c;
	loaded l;

	load_aws(&l);
	c = cfg("classify:\n"
		"  synthetic: [{type: AWS::DynamoDB::Table}]\n"
		"  production: [{type: 'aws::s3::*'}]\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(rclass(&l, TABLE), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(rclass(&l, PROD_BUCKET), CLASS_PRODUCTION);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_TRAIN), CLASS_PRODUCTION);
	CU_ASSERT_EQUAL(rclass(&l, QUEUE), CLASS_NONE);
	CU_ASSERT_EQUAL(rclass(&l, KEY), CLASS_NONE);
	config_free(c);
	unload(&l);
}

static void classify__both_bits(void)
{
	config *c;
	loaded l;

	load_aws(&l);
	/* a store matching both lists keeps both: a segregation finding later */
	c = cfg("classify:\n"
		"  synthetic: [{tag: {key: data-class, value: synthetic}}]\n"
		"  production: [{type: AWS::S3::Bucket}]\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_TRAIN), CLASS_SYNTHETIC | CLASS_PRODUCTION);
	CU_ASSERT_EQUAL(rclass(&l, TABLE), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(rclass(&l, PROD_BUCKET), CLASS_PRODUCTION);
	config_free(c);
	/* a second apply resets what the first set */
	c = cfg("classify: {synthetic: [], production: []}\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(rclass(&l, SYNTH_TRAIN), CLASS_NONE);
	config_free(c);
	unload(&l);
}

static void classify__aws_tenants(void)
{
	config *c;
	diag_list warn;
	loaded l;

	load_aws(&l);
	diag_list_init(&warn);
	c = cfg("tenants:\n"
		"  - name: acme\n"
		"    aws_accounts: ['222222222222']\n"
		"  - name: globex\n"
		"    tags: {tenant: globex}\n"
		"  - name: initech\n"
		"    aws_accounts: ['333333333333']\n");
	classify_apply(l.m, c, &warn);
	ASSERT_STR(rtenant(&l, SYNTH_TRAIN), "acme");           /* by account (its tenant tag agrees) */
	ASSERT_STR(rtenant(&l, TABLE), "acme");
	ASSERT_STR(rtenant(&l, KEY), "acme");
	ASSERT_STR(rtenant(&l, QUEUE), "initech");
	/* tagged for globex inside acme's account: the tag wins, with a warning */
	ASSERT_STR(rtenant(&l, SYNTH_SHARED), "globex");
	CU_ASSERT_EQUAL_FATAL(warn.count, 1);
	ASSERT_STR(warn.items[0].msg, "resource 'arn:aws:s3:::synth-shared-samples' is claimed by tenant 'globex' "
		   "and tenant 'acme'; taking 'globex' (its tags)");
	/* the name is interned in the model, not borrowed from the config */
	CU_ASSERT_PTR_EQUAL(rtenant(&l, SYNTH_TRAIN), model_intern(l.m, "acme"));
	config_free(c);
	diag_list_release(&warn);
	unload(&l);
}

static void classify__aws_principals(void)
{
	static const char authz[] =
		"{\"UserDetailList\": [{\"UserName\": \"dev\", \"UserId\": \"AIDAEXAMPLEDEV\", \"Path\": \"/\",\n"
		"  \"Arn\": \"arn:aws:iam::111111111111:user/dev\", \"Tags\": [{\"Key\": \"Env\", \"Value\": \"prod\"}]}],\n"
		" \"RoleDetailList\": [\n"
		"  {\"RoleName\": \"etl\", \"RoleId\": \"AROAEXAMPLEETL\", \"Path\": \"/\",\n"
		"   \"Arn\": \"arn:aws:iam::111111111111:role/etl\",\n"
		"   \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": []},\n"
		"   \"Tags\": [{\"Key\": \"env\", \"Value\": \"Production\"}, {\"Key\": \"tenant\", \"Value\": \"globex\"}]},\n"
		"  {\"RoleName\": \"synth-gen\", \"RoleId\": \"AROAEXAMPLESYN\", \"Path\": \"/\",\n"
		"   \"Arn\": \"arn:aws:iam::222222222222:role/synth-gen\",\n"
		"   \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": []}, \"Tags\": []}]}\n";
	const char *path;
	principal *p;
	scratch s;
	config *c;
	loaded l;

	path = scratch_one(&s, NULL, "authz.json", authz);
	load1(&l, path);
	CU_ASSERT_EQUAL(l.err, 0);
	c = config_defaults();
	classify_apply(l.m, c, NULL);
	/* a role tagged env=prod is a production principal */
	p = model_find_principal(l.m, "arn:aws:iam::111111111111:role/etl");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->classification, CLASS_PRODUCTION);
	/* "Env" is not "env" on AWS */
	p = model_find_principal(l.m, "arn:aws:iam::111111111111:user/dev");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->classification, CLASS_NONE);
	config_free(c);

	c = cfg("tenants:\n"
		"  - {name: acme, aws_accounts: ['111111111111', '222222222222']}\n"
		"  - {name: globex, tags: {tenant: globex}}\n"
		"classify:\n"
		"  synthetic: [{arn: 'arn:aws:iam::*:role/synth-*'}]\n");
	classify_apply(l.m, c, NULL);
	p = model_find_principal(l.m, "arn:aws:iam::222222222222:role/synth-gen");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->classification, CLASS_SYNTHETIC);
	ASSERT_STR(p->saas_tenant, "acme");
	p = model_find_principal(l.m, "arn:aws:iam::111111111111:role/etl");
	ASSERT_STR(p ? p->saas_tenant : NULL, "globex");
	CU_ASSERT_EQUAL(p ? p->classification : -1, CLASS_PRODUCTION);   /* production defaults still apply */
	p = model_find_principal(l.m, "arn:aws:iam::111111111111:user/dev");
	ASSERT_STR(p ? p->saas_tenant : NULL, "acme");
	config_free(c);
	unload(&l);
	scratch_free(&s, NULL);
}

static void classify__azure_defaults_by_tag(void)
{
	config *c = config_defaults();
	az_principal **ps;
	size_t i, n;
	loaded l;

	load1(&l, ESTATE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l.a);
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(azclass(&l, ST_SYNTH), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(azclass(&l, FUNC), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(azclass(&l, ST_PROD), CLASS_PRODUCTION);
	/* Entra principals: no tags, no subscription: unclassified, no tenant */
	ps = azm_principals(l.a, &n);
	CU_ASSERT_TRUE(n > 0);
	for (i = 0; i < n; i++)
		CU_ASSERT_TRUE(ps[i]->classification == CLASS_NONE && !ps[i]->saas_tenant);
	config_free(c);
	unload(&l);
}

static void classify__azure_rules(void)
{
	config *c;
	loaded l;

	load1(&l, ESTATE);
	/* Azure tag keys compare in any case */
	c = cfg("classify:\n"
		"  synthetic: [{tag: {key: DATA-CLASS, value: Synthetic}}]\n"
		"  production: [{type: 'microsoft.storage/STORAGEACCOUNTS'}]\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(azclass(&l, ST_SYNTH), CLASS_SYNTHETIC | CLASS_PRODUCTION);
	CU_ASSERT_EQUAL(azclass(&l, FUNC), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(azclass(&l, ST_PROD), CLASS_PRODUCTION);
	config_free(c);

	/* an id rule naming a resource group classifies what is in it (any case) */
	c = cfg("classify:\n"
		"  synthetic: [{azure_id: '/subscriptions/*/resourceGroups/SYNTHETIC-RG'}]\n"
		"  production: [{azure_id: '" ST_PROD "'}]\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(azclass(&l, ST_SYNTH), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(azclass(&l, FUNC), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(azclass(&l, ST_PROD), CLASS_PRODUCTION);
	config_free(c);

	/* ... and a management group what is under it (from the hierarchy export) */
	c = cfg("classify:\n"
		"  synthetic: [{azure_id: '/providers/Microsoft.Management/managementGroups/saas-workloads'}]\n"
		"  production: [{arn: 'arn:aws:s3:::*'}]\n");
	classify_apply(l.m, c, NULL);
	CU_ASSERT_EQUAL(azclass(&l, ST_SYNTH), CLASS_SYNTHETIC);
	CU_ASSERT_EQUAL(azclass(&l, ST_PROD), CLASS_SYNTHETIC);      /* ARN rules never match Azure ids */
	config_free(c);
	unload(&l);
}

static void classify__azure_tenants(void)
{
	config *c;
	loaded l;

	load1(&l, ESTATE);
	c = cfg("tenants:\n"
		"  - name: acme\n"
		"    azure_subscriptions: ['0B1D0000-1111-4222-8333-000000000001']\n"
		"  - name: globex\n"
		"    tags: {Data-Class: PRODUCTION}\n");
	classify_apply(l.m, c, NULL);
	ASSERT_STR(aztenant(&l, ST_SYNTH), "acme");
	ASSERT_STR(aztenant(&l, FUNC), "acme");
	ASSERT_STR(aztenant(&l, ST_PROD), "globex");     /* by tag, key and value in any case */
	config_free(c);
	unload(&l);
}

static void classify__subject(void)
{
	static const tag tags[] = { { "Owner", "ml" } };
	static const char *const scopes[] = { "/subscriptions/s1/resourcegroups/rg", "/subscriptions/s1" };
	config_rule r = { CONFIG_RULE_TAG, "owner", NULL, { NULL, 0, 0 } };
	classify_subject aws = { 0, "arn:aws:s3:::b", "AWS::S3::Bucket", NULL, tags, 1, NULL, 0 };
	classify_subject az = { 1, "/subscriptions/s1/resourcegroups/rg/providers/a.b/c/d", "A.B/c", "s1", tags, 1,
				scopes, 2 };

	CU_ASSERT_FALSE(classify_rule_matches(&r, &aws));
	CU_ASSERT_TRUE(classify_rule_matches(&r, &az));
	ASSERT_STR(classify_tag_value(tags, 1, "OWNER", 1), "ml");
	CU_ASSERT_PTR_NULL(classify_tag_value(tags, 1, "OWNER", 0));
	r.kind = CONFIG_RULE_AZURE_ID;
	r.value = "/subscriptions/S1";
	CU_ASSERT_TRUE(classify_rule_matches(&r, &az));
	CU_ASSERT_FALSE(classify_rule_matches(&r, &aws));
	r.kind = CONFIG_RULE_TYPE;
	r.value = "AWS::S3::*";
	CU_ASSERT_TRUE(classify_rule_matches(&r, &aws));
	CU_ASSERT_FALSE(classify_rule_matches(&r, &az));
	/* bucket ARNs under object patterns; not other services */
	r.kind = CONFIG_RULE_ARN;
	r.value = "arn:aws:s3:::b/*";
	CU_ASSERT_TRUE(classify_rule_matches(&r, &aws));
	aws.id = "arn:aws:sqs:us-east-1:111111111111:b";
	r.value = "arn:aws:sqs:us-east-1:111111111111:b/*";
	CU_ASSERT_FALSE(classify_rule_matches(&r, &aws));
}

TEST_SUITE(classify)
{
	static const test_case cases[] = {
		{ "classify__aws_defaults_by_tag", classify__aws_defaults_by_tag },
		{ "classify__aws_tag_case", classify__aws_tag_case },
		{ "classify__aws_by_arn", classify__aws_by_arn },
		{ "classify__aws_by_type", classify__aws_by_type },
		{ "classify__both_bits", classify__both_bits },
		{ "classify__aws_tenants", classify__aws_tenants },
		{ "classify__aws_principals", classify__aws_principals },
		{ "classify__azure_defaults_by_tag", classify__azure_defaults_by_tag },
		{ "classify__azure_rules", classify__azure_rules },
		{ "classify__azure_tenants", classify__azure_tenants },
		{ "classify__subject", classify__subject },
		{ NULL, NULL }
	};
	return test_register("classify", cases);
}
