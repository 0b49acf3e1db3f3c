/*
 * Tests for the AWS resource and organization readers: aws_resource.c
 * (per-resource CLI outputs), aws_config.c, aws_tagging.c, aws_manifest.c and
 * aws_org.c, read through ingest_paths as the CLI does; and the wording of
 * aws_authz.c's type errors.
 */
#include "eval/aws_eval.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <sys/stat.h>

#define CM "fixtures/aws/cloudmapper-demo"
#define HM "fixtures/aws/handmade"

static int n_stmts(const resource *r)
{
	return r && r->policy ? (int)r->policy->n_stmts : -1;
}

static void aws_ingest__bucket_policy_from_cli_output(void)
{
	loaded l;
	resource *r;

	load1(&l, CM "/s3-get-bucket-policy");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "aws-resource-policy");
	r = model_find_resource(l.m, "arn:aws:s3:::cloudmapper_demo");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->policy_known);
	CU_ASSERT_EQUAL(n_stmts(r), 1);
	ASSERT_STR(r->type, "AWS::S3::Bucket");
	ASSERT_STR(r->policy->stmts[0].sid, "PublicReadGetObject");
	CU_ASSERT_EQUAL(r->loc.line, 2);
	CU_ASSERT_PTR_NULL(r->account);
	unload(&l);
}

static void aws_ingest__cloudmapper_resources(void)
{
	static const char *const paths[] = {
		CM "/lambda-get-policy", CM "/s3-list-buckets.json", CM "/secretsmanager-get-resource-policy",
		CM "/secretsmanager-list-secrets.json", CM "/sns-get-topic-attributes", CM "/sqs-list-queues.json"
	};
	loaded l;
	resource *r;

	load(&l, paths, 6);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	/* the function ARN comes from the policy's Resource */
	r = model_find_resource(l.m, "arn:aws:lambda:us-east-1:653711331788:function:invpclambda");
	CU_ASSERT_EQUAL(n_stmts(r), 1);
	ASSERT_STR(r ? r->account : NULL, "653711331788");
	ASSERT_STR(r ? r->type : NULL, "AWS::Lambda::Function");
	r = model_find_resource(l.m, "arn:aws:sns:us-east-1:123456789012:demo_private");
	CU_ASSERT_EQUAL(n_stmts(r), 1);
	CU_ASSERT_EQUAL(r ? r->policy->stmts[0].n_conds : 0, 1);
	CU_ASSERT_EQUAL(n_stmts(model_find_resource(l.m, "arn:aws:sns:us-east-1:123456789012:demo_public")), 1);
	/* get-resource-policy without ResourcePolicy: the secret has none */
	r = model_find_resource(l.m, "arn:aws:secretsmanager:us-east-1:0123456789012:secret:demo-secret-lfUPRe");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->policy_known);
	CU_ASSERT_PTR_NULL(r->policy);
	CU_ASSERT_TRUE(r->tags_known);
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "access-project"), "peg");
	/* list outputs register resources; they say nothing about policies */
	r = model_find_resource(l.m, "arn:aws:sqs:us-east-1:123456789012:demo");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_FALSE(r->policy_known);
	ASSERT_STR(r->type, "AWS::SQS::Queue");
	r = model_find_resource(l.m, "arn:aws:s3:::cloudmapper_demo");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_FALSE(r->policy_known);
	unload(&l);
}

static void aws_ingest__public_bucket_allows_everyone(void)
{
	loaded l;
	aws_request rq;
	eval_result er;
	size_t i;
	int from_bucket_policy = 0;

	load1(&l, CM);
	/* only CloudMapper's IAM outputs (get-role, get-user, reports) are not resource inputs */
	for (i = 0; i < l.run.n_inputs; i++)
		if (!l.run.inputs[i].format)
			CU_ASSERT_PTR_NOT_NULL(strstr(l.run.inputs[i].path, "/iam-"));
	CU_ASSERT_PTR_NOT_NULL(model_find_resource(l.m, "arn:aws:s3:::cloudmapper_demo"));
	memset(&rq, 0, sizeof(rq));
	rq.principal_arn = "*";
	rq.action = "s3:GetObject";
	rq.resource_arn = "arn:aws:s3:::cloudmapper_demo/x";
	aws_eval_result_init(&er);
	CU_ASSERT_EQUAL(aws_eval(l.m, &rq, &er), 0);
	CU_ASSERT_EQUAL(er.dec, DEC_ALLOW);
	for (i = 0; i < er.n_reasons; i++)
		if (er.reasons[i].layer == LAYER_RESOURCE && er.reasons[i].st->sid &&
		    !strcmp(er.reasons[i].st->sid, "PublicReadGetObject"))
			from_bucket_policy = 1;
	CU_ASSERT_TRUE(from_bucket_policy);
	aws_eval_result_release(&er);
	/* the policy grants reads only */
	rq.action = "s3:PutObject";
	aws_eval_result_init(&er);
	CU_ASSERT_EQUAL(aws_eval(l.m, &rq, &er), 0);
	CU_ASSERT_EQUAL(er.dec, DEC_IMPLICIT_DENY);
	aws_eval_result_release(&er);
	unload(&l);
}

static void aws_ingest__bare_policy_without_arn_is_placed_error(void)
{
	scratch s;
	loaded l;
	const diag *d;

	scratch_init(&s);
	scratch_file(&s, NULL, "policy.json",
		     "{\n  \"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
		     "\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"kms:Decrypt\\\",\\\"Resource\\\":\\\"*\\\"}]}\"\n}\n");
	load1(&l, s.paths[0]);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "cannot tell which resource this policy belongs to");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 2);
	CU_ASSERT_EQUAL(d->col, 13);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->msg, "no resource ARN"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void aws_ingest__cli_folders_name_the_resource(void)
{
	static const char *const subs[] = { "s3-get-bucket-policy", "eu-west-1/kms-get-key-policy", "eu-west-1", NULL };
	static const char key_policy[] =
		"{\"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Id\\\":\\\"key-default-1\\\",\\\"Statement\\\":"
		"[{\\\"Sid\\\":\\\"Enable IAM User Permissions\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":"
		"{\\\"AWS\\\":\\\"arn:aws:iam::222222222222:root\\\"},\\\"Action\\\":\\\"kms:*\\\",\\\"Resource\\\":\\\"*\\\"}]}\","
		" \"PolicyName\": \"default\"}\n";
	scratch s;
	loaded l;
	char region[128];

	scratch_init(&s);
	/* a dotted bucket name is read although its "extension" is not .json */
	scratch_file(&s, "s3-get-bucket-policy", "synth.example.v2",
		     "{\"Policy\": \"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Principal\\\":\\\"*\\\","
		     "\\\"Action\\\":\\\"s3:*\\\",\\\"Resource\\\":\\\"arn:aws:s3:::synth.example.v2/*\\\"}]}\"}");
	/* a bucket saved as <bucket>.json: the statements tell */
	scratch_file(&s, "s3-get-bucket-policy", "synth-a.json",
		     "{\"Policy\": \"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Principal\\\":\\\"*\\\","
		     "\\\"Action\\\":\\\"s3:*\\\",\\\"Resource\\\":\\\"arn:aws:s3:::synth-a/*\\\"}]}\"}");
	snprintf(region, sizeof(region), "%s/eu-west-1", s.dir);
	mkdir(region, 0700);
	scratch_file(&s, "eu-west-1/kms-get-key-policy", "4f1e2d3c-5b6a-4798-8a9b-0c1d2e3f4a5b", key_policy);
	load1(&l, s.dir);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(n_stmts(model_find_resource(l.m, "arn:aws:s3:::synth.example.v2")), 1);
	CU_ASSERT_EQUAL(n_stmts(model_find_resource(l.m, "arn:aws:s3:::synth-a")), 1);
	CU_ASSERT_EQUAL(
		n_stmts(model_find_resource(l.m, "arn:aws:kms:eu-west-1:222222222222:key/4f1e2d3c-5b6a-4798-8a9b-0c1d2e3f4a5b")),
		1);
	unload(&l);
	scratch_free(&s, subs);
}

static void aws_ingest__config_snapshot(void)
{
	loaded l;
	resource *r;

	load1(&l, HM "/config-snapshot.json");
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(l.run.inputs[0].format, "aws-config");
	r = model_find_resource(l.m, "arn:aws:s3:::synth-train-data");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->account, "222222222222");
	ASSERT_STR(r->type, "AWS::S3::Bucket");
	CU_ASSERT_TRUE(r->tags_known);
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "data-class"), "synthetic");
	CU_ASSERT_EQUAL(n_stmts(r), 2);
	CU_ASSERT_EQUAL(r->policy->stmts[1].effect, EFFECT_DENY);
	/* policyText null: Config says the bucket has no policy */
	r = model_find_resource(l.m, "arn:aws:s3:::prod-customer-exports");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->policy_known);
	CU_ASSERT_PTR_NULL(r->policy);
	r = model_find_resource(l.m, "arn:aws:kms:eu-west-1:222222222222:key/0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d");
	CU_ASSERT_TRUE(r && r->aws_managed_key && r->tags_known && !r->n_tags);
	r = model_find_resource(l.m, "arn:aws:kms:eu-west-1:222222222222:key/4f1e2d3c-5b6a-4798-8a9b-0c1d2e3f4a5b");
	CU_ASSERT_TRUE(r && !r->aws_managed_key && !r->policy_known);
	/* identities come from authorization details, not Config */
	CU_ASSERT_PTR_NULL(model_find_resource(l.m, "arn:aws:iam::222222222222:role/synth-pipeline"));
	unload(&l);
}

static void aws_ingest__config_history_latest_item_wins(void)
{
	loaded l;
	resource *r;

	load1(&l, HM "/config-history.json");
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_resource(l.m, "arn:aws:s3:::synth-eval-data");
	CU_ASSERT_EQUAL(n_stmts(r), 1);
	ASSERT_STR(r ? r->policy->stmts[0].sid : NULL, "EvalRead");
	ASSERT_STR(r ? model_tag_value(r->tags, r->n_tags, "data-class") : NULL, "synthetic");
	unload(&l);
}

static void aws_ingest__config_select_results(void)
{
	scratch s;
	loaded l;
	resource *r;

	scratch_init(&s);
	scratch_file(&s, NULL, "select.json",
		     "{\"Results\": [\"{\\\"resourceType\\\":\\\"AWS::S3::Bucket\\\",\\\"resourceName\\\":\\\"synth-x\\\","
		     "\\\"accountId\\\":\\\"222222222222\\\",\\\"tags\\\":[{\\\"key\\\":\\\"data-class\\\",\\\"value\\\":"
		     "\\\"synthetic\\\"}]}\"],\n \"QueryInfo\": {\"SelectFields\": [{\"Name\": \"resourceName\"}]}}\n");
	load1(&l, s.paths[0]);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_resource(l.m, "arn:aws:s3:::synth-x");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->account, "222222222222");
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "data-class"), "synthetic");
	unload(&l);
	scratch_free(&s, NULL);
}

static void aws_ingest__tagging_get_resources(void)
{
	loaded l;
	resource *r;

	load1(&l, HM "/tagging-get-resources.json");
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(l.run.inputs[0].format, "aws-tagging");
	r = model_find_resource(l.m, "arn:aws:dynamodb:eu-west-1:222222222222:table/synthetic-profiles");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->tags_known);
	CU_ASSERT_EQUAL(r->n_tags, 2);
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "tenant"), "acme");
	ASSERT_STR(r->type, "AWS::DynamoDB::Table");
	unload(&l);
}

static void aws_ingest__manifest(void)
{
	loaded l;
	resource *r;

	load1(&l, HM "/manifest.yaml");
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(l.run.inputs[0].format, "permgraph-manifest");
	r = model_find_resource(l.m, "arn:aws:s3:::synth-shared-samples");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->account, "222222222222");
	CU_ASSERT_EQUAL(n_stmts(r), 1);
	ASSERT_STR(r->policy->stmts[0].principals[0].value, "arn:aws:iam::444444444444:root");
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "tenant"), "globex");
	r = model_find_resource(l.m, "arn:aws:kms:eu-west-1:222222222222:key/0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d");
	CU_ASSERT_TRUE(r && r->aws_managed_key);
	r = model_find_resource(l.m, "arn:aws:s3:::prod-customer-exports");
	CU_ASSERT_TRUE(r && r->policy_known && !r->policy);
	unload(&l);
}

static void aws_ingest__manifest_strict_keys(void)
{
	scratch s;
	loaded l;
	const diag *d;

	scratch_init(&s);
	scratch_file(&s, NULL, "m.yaml",
		     "permgraph: resources/1\n"
		     "resources:\n"
		     "  - arn: arn:aws:s3:::synth-y\n"
		     "    acount: \"222222222222\"\n"
		     "  - arn: arn:aws:s3:::synth-z\n"
		     "    account: 2222\n"
		     "    aws_managed_key: true\n");
	load1(&l, s.paths[0]);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "unknown key");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	ASSERT_STR(d->msg, "unknown key 'acount' in manifest resource (did you mean 'account'?)");
	CU_ASSERT_EQUAL(d->line, 4);
	CU_ASSERT_EQUAL(d->col, 5);
	d = find_diag(&l, DIAG_ERROR, "12-digit");
	CU_ASSERT_TRUE(d && d->line == 6 && d->col == 14);
	d = find_diag(&l, DIAG_ERROR, "KMS keys only");
	CU_ASSERT_TRUE(d && d->line == 7 && d->col == 22);
	unload(&l);
	scratch_free(&s, NULL);
}

static void aws_ingest__organization_tree_and_policies(void)
{
	loaded l;
	org_node *path[8], *o;
	size_t n;

	load1(&l, HM "/organization.yaml");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "aws-organizations");
	CU_ASSERT_TRUE(model_has_org(l.m));
	n = model_org_path(l.m, "222222222222", path, 8);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	ASSERT_STR(path[0]->id, "r-a1b2");
	CU_ASSERT_EQUAL(path[0]->kind, ORG_ROOT);
	ASSERT_STR(path[1]->id, "ou-a1b2-wkld0001");
	ASSERT_STR(path[2]->name, "SyntheticData");
	CU_ASSERT_EQUAL(path[3]->kind, ORG_ACCOUNT);
	/* (RCP)FullAWSAccess everywhere, the bucket-deletion guard on Workloads, the perimeter on SyntheticData */
	CU_ASSERT_EQUAL(path[1]->n_scps, 2);
	ASSERT_STR(path[1]->scps[1]->name, "DenyBucketDeletion");
	CU_ASSERT_EQUAL(path[1]->scps[1]->kind, POL_SCP);
	CU_ASSERT_EQUAL(path[1]->scps[1]->stmts[0].effect, EFFECT_DENY);
	ASSERT_STR(path[1]->scps[1]->stmts[0].actions[0], "s3:deletebucket");
	CU_ASSERT_EQUAL(path[2]->n_rcps, 2);
	ASSERT_STR(path[2]->rcps[1]->name, "DataPerimeter");
	CU_ASSERT_EQUAL(path[2]->rcps[1]->kind, POL_RCP);
	CU_ASSERT_EQUAL(path[0]->n_rcps, 1);
	/* the tag policy grants nothing and is not attached */
	CU_ASSERT_EQUAL(path[0]->n_scps, 1);
	o = model_find_org(l.m, "111111111111");
	CU_ASSERT_TRUE(o && o->management && o->parent == path[0]);
	CU_ASSERT_FALSE(path[3]->management);
	unload(&l);
}

static void aws_ingest__scp_denies_delete_bucket(void)
{
	static const char authz[] =
		"{\"RoleDetailList\": [{\"RoleName\": \"synth-admin\", \"RoleId\": \"AROA2\", \"Path\": \"/\",\n"
		" \"Arn\": \"arn:aws:iam::222222222222:role/synth-admin\",\n"
		" \"RolePolicyList\": [{\"PolicyName\": \"all\", \"PolicyDocument\": {\"Version\": \"2012-10-17\",\n"
		"   \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}}]}]}\n";
	scratch s;
	loaded l;
	const char *paths[2];
	aws_request rq;
	eval_result er;

	scratch_init(&s);
	paths[0] = scratch_file(&s, NULL, "authz.json", authz);
	paths[1] = HM "/organization.yaml";
	load(&l, paths, 2);
	CU_ASSERT_EQUAL(l.err, 0);
	memset(&rq, 0, sizeof(rq));
	rq.principal = model_find_principal(l.m, "arn:aws:iam::222222222222:role/synth-admin");
	CU_ASSERT_PTR_NOT_NULL_FATAL(rq.principal);
	rq.action = "s3:DeleteBucket";
	rq.resource_arn = "arn:aws:s3:::synth-train-data";
	aws_eval_result_init(&er);
	CU_ASSERT_EQUAL(aws_eval(l.m, &rq, &er), 0);
	CU_ASSERT_EQUAL(er.dec, DEC_DENY);
	aws_eval_result_release(&er);
	rq.action = "s3:PutObject";
	aws_eval_result_init(&er);
	CU_ASSERT_EQUAL(aws_eval(l.m, &rq, &er), 0);
	CU_ASSERT_NOT_EQUAL(er.dec, DEC_DENY);
	aws_eval_result_release(&er);
	unload(&l);
	scratch_free(&s, NULL);
}

static void aws_ingest__organization_errors_are_placed(void)
{
	scratch s;
	loaded l;
	const diag *d;

	scratch_init(&s);
	scratch_file(&s, NULL, "org.yaml",
		     "permgraph: organization/1\n"
		     "organization: {Id: o-x, MasterAccountId: \"111111111111\"}\n"
		     "roots: [{Id: r-a1b2}]\n"
		     "organizational_units:\n"
		     "  - {Id: ou-1, ParentId: r-a1b3}\n"
		     "acounts: []\n"
		     "policies:\n"
		     "  - PolicySummary: {Name: x, Type: SERVICE_CONTROL_POLCY}\n"
		     "    Content: '{}'\n"
		     "    Targets: []\n");
	load1(&l, s.paths[0]);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "parent 'r-a1b3'");
	CU_ASSERT_TRUE(d && d->line == 5 && d->col == 26);
	d = find_diag(&l, DIAG_ERROR, "acounts");
	CU_ASSERT_TRUE(d && d->line == 6 && d->col == 1 && strstr(d->msg, "did you mean 'accounts'"));
	d = find_diag(&l, DIAG_ERROR, "unknown policy type");
	CU_ASSERT_TRUE(d && d->line == 8 && d->col == 36);
	unload(&l);
	scratch_free(&s, NULL);
}

static void aws_ingest__wrong_shapes_do_not_crash(void)
{
	static const char *const docs[] = {
		"{\"ResourceTagMappingList\": [1, {\"ResourceARN\": 5}, {\"ResourceARN\": \"arn:aws:s3:::b\", \"Tags\": {\"a\": 1}}]}",
		"{\"configurationItems\": [{\"resourceType\": \"AWS::S3::Bucket\"}, 7, {\"resourceType\": \"AWS::S3::Bucket\","
		" \"ARN\": \"arn:aws:s3:::c\", \"tags\": 3, \"awsAccountId\": [], \"supplementaryConfiguration\": "
		"{\"BucketPolicy\": \"not json\"}}]}",
		"permgraph: organization/1\nroots: x\npolicies: [{PolicySummary: []}, 3, {Policy: 4}]\n",
		"permgraph: resources/1\nresources: [3, {arn: [1]}, {arn: arn:aws:s3:::d, tags: [1], policy: 5}]\n",
		"{\"Attributes\": {\"TopicArn\": 3}}",
		"{\"Buckets\": [{\"Name\": 1}, 2], \"Owner\": {}}",
		"{\"QueueUrls\": [\"https://example.com/x\", 4]}",
		"{\"ARN\": \"arn:aws:secretsmanager:us-east-1:111111111111:secret:s\", \"ResourcePolicy\": 4}",
	};
	static const char *const forced[] = { "aws-organizations", "permgraph-manifest", "aws-config", "aws-tagging",
					      "aws-resource-policy", NULL };
	scratch s;
	loaded l;
	size_t i;
	char name[32];

	scratch_init(&s);
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		snprintf(name, sizeof(name), "bad%zu.yaml", i);
		scratch_file(&s, NULL, name, docs[i]);
		load1(&l, s.paths[i]);
		CU_ASSERT_EQUAL(l.err, PG_EINPUT);
		CU_ASSERT_TRUE(l.diags.errors > 0);
		unload(&l);
	}
	/* a document of another shape, forced through each reader */
	scratch_file(&s, NULL, "list.json", "[1, 2]");
	for (i = 0; forced[i]; i++) {
		const char *p = s.paths[s.n - 1];
		load_as(&l, &p, 1, forced[i]);
		CU_ASSERT_EQUAL(l.err, PG_EINPUT);
		unload(&l);
	}
	scratch_free(&s, NULL);
}

/* "must be an object, not a string": the article follows each type. */
static void aws_ingest__authz_type_errors_read_as_english(void)
{
	scratch s;
	loaded l;
	const diag *d;

	load1(&l, scratch_one(&s, NULL, "authz.json",
			      "{\"RoleDetailList\": [{\"RoleName\": \"r\", \"Arn\": \"arn:aws:iam::111111111111:role/r\",\n"
			      "  \"PermissionsBoundary\": \"b\"},\n"
			      " {\"RoleName\": \"s\", \"Arn\": \"arn:aws:iam::111111111111:role/s\",\n"
			      "  \"AttachedManagedPolicies\": {}}]}\n"));
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "'PermissionsBoundary' must be an object, not a string");
	CU_ASSERT_EQUAL(d ? d->line : 0, 2);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "'AttachedManagedPolicies' must be a list, not an object"));
	unload(&l);
	scratch_free(&s, NULL);
}

/* Regression: a role read from two exports kept only the second export's inline
 * policies, at the wrong indexes, leaving empty slots that crashed scan. */
static void aws_ingest__principal_in_two_exports_keeps_both(void)
{
	static const char *const fmt =
		"{\"UserDetailList\": [], \"GroupDetailList\": [], \"Policies\": [], \"RoleDetailList\": [{"
		"\"RoleName\": \"r\", \"Arn\": \"arn:aws:iam::111111111111:role/r\", \"RoleId\": \"AROA1\","
		"\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": []},"
		"\"AttachedManagedPolicies\": [{\"PolicyName\": \"m%d\", \"PolicyArn\": \"arn:aws:iam::111111111111:policy/m%d\"}],"
		"\"RolePolicyList\": [{\"PolicyName\": \"p%d\", \"PolicyDocument\": {\"Version\": \"2012-10-17\","
		"\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}}]}]}";
	char a[1024], b[1024];
	const char *paths[2];
	scratch s;
	loaded l;
	const principal *r;

	snprintf(a, sizeof(a), fmt, 1, 1, 1);
	snprintf(b, sizeof(b), fmt, 2, 2, 2);
	scratch_init(&s);
	paths[0] = scratch_file(&s, NULL, "a.json", a);
	paths[1] = scratch_file(&s, NULL, "b.json", b);
	load(&l, paths, 2);
	r = model_find_principal(l.m, "arn:aws:iam::111111111111:role/r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(r->n_inline, 2);
	CU_ASSERT_PTR_NOT_NULL(r->inline_policies[0]);
	CU_ASSERT_PTR_NOT_NULL(r->inline_policies[1]);
	CU_ASSERT_EQUAL(r->n_managed_arns, 2);
	unload(&l);
	scratch_free(&s, NULL);
}

TEST_SUITE(aws_ingest)
{
	static const test_case cases[] = {
		{ "aws_ingest__bucket_policy_from_cli_output", aws_ingest__bucket_policy_from_cli_output },
		{ "aws_ingest__principal_in_two_exports_keeps_both", aws_ingest__principal_in_two_exports_keeps_both },
		{ "aws_ingest__cloudmapper_resources", aws_ingest__cloudmapper_resources },
		{ "aws_ingest__public_bucket_allows_everyone", aws_ingest__public_bucket_allows_everyone },
		{ "aws_ingest__bare_policy_without_arn_is_placed_error", aws_ingest__bare_policy_without_arn_is_placed_error },
		{ "aws_ingest__cli_folders_name_the_resource", aws_ingest__cli_folders_name_the_resource },
		{ "aws_ingest__config_snapshot", aws_ingest__config_snapshot },
		{ "aws_ingest__config_history_latest_item_wins", aws_ingest__config_history_latest_item_wins },
		{ "aws_ingest__config_select_results", aws_ingest__config_select_results },
		{ "aws_ingest__tagging_get_resources", aws_ingest__tagging_get_resources },
		{ "aws_ingest__manifest", aws_ingest__manifest },
		{ "aws_ingest__manifest_strict_keys", aws_ingest__manifest_strict_keys },
		{ "aws_ingest__organization_tree_and_policies", aws_ingest__organization_tree_and_policies },
		{ "aws_ingest__scp_denies_delete_bucket", aws_ingest__scp_denies_delete_bucket },
		{ "aws_ingest__organization_errors_are_placed", aws_ingest__organization_errors_are_placed },
		{ "aws_ingest__wrong_shapes_do_not_crash", aws_ingest__wrong_shapes_do_not_crash },
		{ "aws_ingest__authz_type_errors_read_as_english", aws_ingest__authz_type_errors_read_as_english },
		{ NULL, NULL }
	};
	return test_register("aws_ingest", cases);
}
