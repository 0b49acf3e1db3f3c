/*
 * Tests for the CloudFormation reader's resource types (ingest/cfn_iam.c,
 * cfn_store.c, cfn_lambda.c): IAM principals and what attaches to them by
 * name, each store and resource-policy type, tags, encryption, the account.
 */
#include "tests/test_cfn_util.h"

static void cfn_resources__iam_attachments_by_name(void)
{
	static const char *const yaml =
		"Conditions:\n  C: !Equals [!Ref AWS::Region, x]\n"
		"Resources:\n  MyRole:\n    Type: AWS::IAM::Role\n    Properties:\n      Path: /svc/\n" ROLE_TRUST
		"      Tags: [{Key: env, Value: prod}]\n"
		"      ManagedPolicyArns: [!Sub 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess']\n"
		"      PermissionsBoundary: !If [C, 'arn:aws:iam::aws:policy/PowerUserAccess', !Ref AWS::NoValue]\n"
		"  Devs:\n    Type: AWS::IAM::Group\n    Properties: {GroupName: devs}\n"
		"  Alice:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: alice\n      Groups: [!Ref Devs]\n"
		"      PermissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess\n"
		"  Bob:\n    Type: AWS::IAM::User\n    Properties: {UserName: bob}\n"
		"  Add:\n    Type: AWS::IAM::UserToGroupAddition\n    Properties: {GroupName: !Ref Devs, Users: [!Ref Bob]}\n"
		"  Mp:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      ManagedPolicyName: read\n"
		"      Roles: [!Ref MyRole]\n      Groups: [devs]\n"
		"      PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: '*'}]}\n"
		"  Inl:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: inl\n      Users: [!Ref Alice, outsider]\n"
		"      PolicyDocument: {Statement: [{Effect: Allow, Action: 'sqs:SendMessage', Resource: '*'}]}\n"
		"  Rp:\n    Type: AWS::IAM::RolePolicy\n    Properties:\n      PolicyName: rp\n      RoleName: !Ref MyRole\n"
		"      PolicyDocument: {Statement: [{Effect: Allow, Action: 'sns:Publish', Resource: '*'}]}\n";
	scratch s;
	loaded l;
	principal *role, *alice, *bob, *out;

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, 0);
	role = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/svc/{MyRole}");
	alice = model_find_principal(l.m, "arn:aws:iam::{AccountId}:user/alice");
	bob = model_find_principal(l.m, "arn:aws:iam::{AccountId}:user/bob");
	out = model_find_principal(l.m, "arn:aws:iam::{AccountId}:user/outsider");
	CU_ASSERT_PTR_NOT_NULL_FATAL(role);
	CU_ASSERT_PTR_NOT_NULL_FATAL(alice);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bob);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* a ManagedPolicy with Roles: [!Ref MyRole] attaches to MyRole (with its path) */
	CU_ASSERT_EQUAL_FATAL(role->n_managed_arns, 2);
	ASSERT_STR(role->managed_arns[0], "arn:aws:iam::aws:policy/ReadOnlyAccess");
	ASSERT_STR(role->managed_arns[1], "arn:aws:iam::{AccountId}:policy/read");
	ASSERT_STR(model_tag_value(role->tags, role->n_tags, "env"), "prod");
	/* a boundary on one branch only narrows nothing for sure: not applied */
	CU_ASSERT_PTR_NULL(role->boundary_arn);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "the permissions boundary depends on a condition"));
	CU_ASSERT_EQUAL(role->n_inline, 1);
	CU_ASSERT_EQUAL(decide(&l, role->arn, "s3:GetObject", "arn:aws:s3:::x/y"), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&l, role->arn, "sns:Publish", "arn:aws:sns:us-east-1:{AccountId}:t"), DEC_ALLOW);
	/* groups by name: the user's Groups and UserToGroupAddition; the group's managed policy counts */
	CU_ASSERT_EQUAL(alice->n_groups, 1);
	CU_ASSERT_EQUAL(bob->n_groups, 1);
	CU_ASSERT_EQUAL(decide(&l, bob->arn, "s3:GetObject", "arn:aws:s3:::x/y"), DEC_ALLOW);
	ASSERT_STR(alice->boundary_arn, "arn:aws:iam::aws:policy/PowerUserAccess");
	CU_ASSERT_EQUAL(alice->n_inline, 1);
	CU_ASSERT_EQUAL(out->n_inline, 1);
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn_resources__resource_policies_of_each_type(void)
{
	static const char *const yaml =
		"Resources:\n"
		"  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: q}\n"
		"  Qp:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Q, 'https://sqs.eu-west-1.amazonaws.com/222222222222/other']\n"
		"      PolicyDocument: {Statement: [{Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*'}]}\n"
		"  T:\n    Type: AWS::SNS::Topic\n"
		"  Tp:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: [!Ref T]\n"
		"      PolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: s3.amazonaws.com}, Action: 'sns:Publish', Resource: !Ref T}]}\n"
		"  S:\n    Type: AWS::SecretsManager::Secret\n    Properties: {Name: db}\n"
		"  Sp:\n    Type: AWS::SecretsManager::ResourcePolicy\n    Properties:\n      SecretId: !Ref S\n"
		"      ResourcePolicy: {Statement: [{Effect: Allow, Principal: {AWS: '111111111111'}, Action: 'secretsmanager:GetSecretValue', Resource: '*'}]}\n"
		"  K:\n    Type: AWS::KMS::Key\n"
		"  F:\n    Type: AWS::Lambda::Function\n    Properties: {FunctionName: fn}\n"
		"  Perm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !GetAtt F.Arn\n"
		"      Action: lambda:InvokeFunction\n      Principal: s3.amazonaws.com\n      SourceAccount: !Ref AWS::AccountId\n"
		"  Perm2:\n    Type: AWS::Lambda::Permission\n    Properties: {FunctionName: !Ref F, Action: 'lambda:InvokeFunction', Principal: '*'}\n"
		"  Tab:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: tab\n"
		"      ResourcePolicy: {PolicyDocument: {Statement: [{Effect: Allow, Principal: '*', Action: 'dynamodb:GetItem', Resource: '*'}]}}\n";
	scratch s;
	loaded l;
	resource *r;

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_resource(l.m, "arn:aws:sqs:{Region}:{AccountId}:q");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(r->policy);
	r = model_find_resource(l.m, "arn:aws:sqs:eu-west-1:222222222222:other");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->account, "222222222222");
	r = model_find_resource(l.m, "arn:aws:sns:{Region}:{AccountId}:{T}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(r->policy);
	r = model_find_resource(l.m, "arn:aws:secretsmanager:{Region}:{AccountId}:secret:db-??????");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(has_principal(r->policy, "arn:aws:iam::111111111111:root"));
	/* without KeyPolicy: the default key policy, which delegates to the account */
	r = model_find_resource(l.m, "arn:aws:kms:{Region}:{AccountId}:key/{K}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(has_principal(r->policy, "arn:aws:iam::{AccountId}:root"));
	/* two permissions: two statements of the function's one policy */
	r = model_find_resource(l.m, "arn:aws:lambda:{Region}:{AccountId}:function:fn");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->policy);
	CU_ASSERT_EQUAL(r->policy->n_stmts, 2);
	CU_ASSERT_EQUAL(r->policy->stmts[1].index, 1);
	CU_ASSERT_PTR_NOT_NULL(stmt_with(r->policy, "Perm"));
	CU_ASSERT_EQUAL(stmt_with(r->policy, "Perm") ? stmt_with(r->policy, "Perm")->n_conds : 0, 1);
	r = model_find_resource(l.m, "arn:aws:dynamodb:{Region}:{AccountId}:table/tab");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(r->policy);
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn_resources__buckets_tags_encryption_and_account(void)
{
	static const char *const yaml =
		"Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties: {KeyPolicy: {Statement: [{Effect: Allow, "
		"Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}, Action: 'kms:*', Resource: '*'}]}}\n"
		"  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: synth-train\n"
		"      Tags: [{Key: data-class, Value: synthetic}]\n"
		"      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n"
		"          - ServerSideEncryptionByDefault: {SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !Ref K}\n"
		"  Bp:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref B\n"
		"      PolicyDocument: {Statement: [{Effect: Allow, Principal: {AWS: 'arn:aws:iam::111122223333:user/Bob'},"
		" Action: 's3:GetObject', Resource: !Sub '${B.Arn}/*'}]}\n";
	scratch s;
	loaded l;
	resource *b;

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, 0);
	b = model_find_resource(l.m, "arn:aws:s3:::synth-train");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	ASSERT_STR(b->type, "AWS::S3::Bucket");
	ASSERT_STR(model_tag_value(b->tags, b->n_tags, "data-class"), "synthetic");
	CU_ASSERT_TRUE(b->tags_known);
	CU_ASSERT_TRUE(b->policy_known);
	ASSERT_STR(b->encryption_key, "arn:aws:kms:{Region}:{AccountId}:key/{K}");
	/* the bucket is in the template's (unknown) account, not "any account": Bob's grant is
	 * cross-account, so it needs Bob's own policies too, which the inputs do not hold */
	ASSERT_STR(b->account, "{AccountId}");
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::111122223333:user/Bob", "s3:GetObject", "arn:aws:s3:::synth-train/x"),
			DEC_CONDITIONAL);
	CU_ASSERT_EQUAL(b->policy->stmts[0].loc.line, 17);
	CU_ASSERT_EQUAL(b->policy->stmts[0].loc.col, 36);
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn_resources__each_template_its_own_account(void)
{
	static const char *const roles =
		"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n" ROLE_TRUST
		"      Policies: [{PolicyName: all, PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}}]\n";
	static const char *const store = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";
	scratch s;
	loaded l;

	/* two stacks: maybe two accounts; a bucket without a policy grants nothing across accounts */
	scratch_init(&s);
	scratch_file(&s, NULL, "a.yaml", roles);
	scratch_file(&s, NULL, "b.yaml", store);
	scratch_file(&s, NULL, "c.yaml", store);
	load_files(&l, &s);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_PTR_NOT_NULL(model_find_resource(l.m, "arn:aws:s3:::{Bucket#2}"));
	CU_ASSERT_PTR_NOT_NULL(model_find_resource(l.m, "arn:aws:s3:::{Bucket#3}"));
	ASSERT_STR(model_find_resource(l.m, "arn:aws:s3:::{Bucket#2}")->account, "{AccountId#2}");
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::{AccountId}:role/r", "s3:GetObject", "arn:aws:s3:::{Bucket#2}/x"),
			DEC_IMPLICIT_DENY);
	unload(&l);
	scratch_free(&s, NULL);

	/* a parameters file naming the account puts both in it */
	scratch_init(&s);
	scratch_file(&s, NULL, "0.json", "{\"Parameters\": {\"AWS::AccountId\": \"123456789012\"}}");
	scratch_file(&s, NULL, "a.yaml", roles);
	scratch_file(&s, NULL, "b.yaml", store);
	load_files(&l, &s);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::123456789012:role/r", "s3:GetObject", "arn:aws:s3:::{Bucket#2}/x"),
			DEC_ALLOW);
	unload(&l);
	scratch_free(&s, NULL);
}

TEST_SUITE(cfn_resources)
{
	static const test_case cases[] = {
		{ "cfn_resources__iam_attachments_by_name", cfn_resources__iam_attachments_by_name },
		{ "cfn_resources__resource_policies_of_each_type", cfn_resources__resource_policies_of_each_type },
		{ "cfn_resources__buckets_tags_encryption_and_account", cfn_resources__buckets_tags_encryption_and_account },
		{ "cfn_resources__each_template_its_own_account", cfn_resources__each_template_its_own_account },
		{ NULL, NULL }
	};
	return test_register("cfn_resources", cases);
}
