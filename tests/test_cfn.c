/*
 * Tests for the CloudFormation reader (ingest/cfn*.c): detection, each
 * intrinsic in its long (JSON) and short (YAML tag) form, Fn::If read
 * soundly, placeholders, positions, and bad shapes reported in place while
 * the rest of the file is read. Parameters files and detection:
 * test_cfn_params.c; each resource type: test_cfn_resources.c.
 */
#include "tests/test_cfn_util.h"

static void cfn__ref_and_getatt_long_and_short(void)
{
	static const char *const yaml =
		"Parameters:\n  Name: {Type: String, Default: app}\n"
		"Resources:\n  Writer:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Ref Name\n" ROLE_TRUST
		"  Reader:\n    Type: AWS::IAM::Role\n    Properties:\n"
		"      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n"
		"            Principal: {AWS: [!GetAtt Writer.Arn, !GetAtt [Writer, Arn]]}\n            Action: sts:AssumeRole\n";
	static const char *const json =
		"{\"Parameters\": {\"Name\": {\"Type\": \"String\", \"Default\": \"app\"}}, \"Resources\": {"
		"\"Writer\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": {\"Ref\": \"Name\"},"
		" \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\","
		" \"Principal\": {\"AWS\": {\"Fn::GetAtt\": [\"Reader\", \"Arn\"]}}}]}}},"
		"\"Reader\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": {\"Statement\": ["
		"{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}}]}}}}}";
	scratch s;
	loaded l;
	principal *w, *r;

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, 0);
	w = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/app");
	r = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/{Reader}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(w->account, "{AccountId}");
	CU_ASSERT_EQUAL(r->trust->stmts[0].n_principals, 2);
	CU_ASSERT_TRUE(has_principal(r->trust, "arn:aws:iam::{AccountId}:role/app"));
	unload(&l);
	scratch_free(&s, NULL);

	load_text(&l, &s, "t.json", json);
	CU_ASSERT_EQUAL(l.err, 0);
	w = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/app");
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_TRUE(has_principal(w->trust, "arn:aws:iam::{AccountId}:role/{Reader}"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn__sub_both_forms_and_attributes(void)
{
	static const char *const yaml =
		"Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Sub 'synth-${AWS::Region}'}\n"
		"  R:\n    Type: AWS::IAM::Role\n    Properties:\n" ROLE_TRUST
		"      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n"
		"              - Sid: short\n                Effect: Allow\n                Action: s3:GetObject\n"
		"                Resource: !Sub '${Data.Arn}/*'\n"
		"              - Sid: long\n                Effect: Allow\n                Action: s3:PutObject\n"
		"                Resource: {'Fn::Sub': ['${B}/in/${!aws:username}', {B: !GetAtt Data.Arn}]}\n"
		"              - Sid: ref\n                Effect: Allow\n                Action: s3:ListBucket\n"
		"                Resource: !Sub 'arn:${AWS::Partition}:s3:::${Data}'\n";
	scratch s;
	loaded l;
	principal *r;
	const policy *p;

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/{R}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(r->n_inline, 1);
	p = r->inline_policies[0];
	CU_ASSERT_TRUE(has_resource(stmt_with(p, "short"), "arn:aws:s3:::synth-{Region}/*"));
	CU_ASSERT_TRUE(has_resource(stmt_with(p, "long"), "arn:aws:s3:::synth-{Region}/in/${aws:username}"));
	CU_ASSERT_TRUE(has_resource(stmt_with(p, "ref"), "arn:aws:s3:::synth-{Region}"));
	CU_ASSERT_PTR_NOT_NULL(model_find_resource(l.m, "arn:aws:s3:::synth-{Region}"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn__join_select_split_findinmap(void)
{
	static const char *const json =
		"{\"Mappings\": {\"M\": {\"prod\": {\"Bucket\": \"p-data\"}, \"dev\": {\"Bucket\": \"d-data\"}}},"
		" \"Parameters\": {\"Env\": {\"Type\": \"String\"}},"
		" \"Resources\": {\"U\": {\"Type\": \"AWS::IAM::User\", \"Properties\": {\"Policies\": [{\"PolicyName\": \"p\","
		" \"PolicyDocument\": {\"Statement\": ["
		"{\"Sid\": \"join\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": {\"Fn::Join\": [\"\","
		" [\"arn:aws:s3:::\", {\"Fn::Select\": [1, {\"Fn::Split\": [\",\", \"a,b,c\"]}]}, \"/*\"]]}},"
		"{\"Sid\": \"map\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": {\"Fn::Sub\":"
		" [\"arn:aws:s3:::${B}\", {\"B\": {\"Fn::FindInMap\": [\"M\", {\"Ref\": \"Env\"}, \"Bucket\"]}}]}},"
		"{\"Sid\": \"known\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": {\"Fn::Join\": [\"\","
		" [\"arn:aws:s3:::\", {\"Fn::FindInMap\": [\"M\", \"dev\", \"Bucket\"]}]]}}]}}]}}}}";
	static const char *const yaml =
		"Resources:\n  U:\n    Type: AWS::IAM::User\n    Properties:\n      Policies:\n        - PolicyName: p\n"
		"          PolicyDocument:\n            Statement:\n              - Sid: join\n                Effect: Allow\n"
		"                Action: s3:GetObject\n"
		"                Resource: !Join ['', ['arn:aws:s3:::', !Select [2, !Split [',', 'a,b,c']]]]\n";
	scratch s;
	loaded l;
	const policy *p;
	principal *u;

	load_text(&l, &s, "t.json", json);
	CU_ASSERT_EQUAL(l.err, 0);
	u = model_find_principal(l.m, "arn:aws:iam::{AccountId}:user/{U}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	p = u->inline_policies[0];
	CU_ASSERT_TRUE(has_resource(stmt_with(p, "join"), "arn:aws:s3:::b/*"));
	/* Env has no value: every entry of the mapping counts */
	CU_ASSERT_EQUAL(p->n_stmts, 4);
	CU_ASSERT_TRUE(has_resource(&p->stmts[1], "arn:aws:s3:::p-data") || has_resource(&p->stmts[2], "arn:aws:s3:::p-data"));
	CU_ASSERT_TRUE(has_resource(&p->stmts[1], "arn:aws:s3:::d-data") || has_resource(&p->stmts[2], "arn:aws:s3:::d-data"));
	CU_ASSERT_TRUE(has_resource(stmt_with(p, "known"), "arn:aws:s3:::d-data"));
	unload(&l);
	scratch_free(&s, NULL);

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, 0);
	u = model_find_principal(l.m, "arn:aws:iam::{AccountId}:user/{U}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_TRUE(has_resource(stmt_with(u->inline_policies[0], "join"), "arn:aws:s3:::c"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn__if_takes_both_branches(void)
{
	scratch s;
	loaded l;
	resource *r;
	const stmt *st;
	size_t i, guarded = 0;

	load_text(&l, &s, "t.yaml", IF_TEMPLATE);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_resource(l.m, "arn:aws:s3:::data");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->policy);
	/* a statement list under Fn::If is the union of the branches */
	CU_ASSERT_PTR_NOT_NULL(stmt_with(r->policy, "a"));
	CU_ASSERT_PTR_NOT_NULL(stmt_with(r->policy, "b"));
	/* an Fn::If between two principals grants to both */
	CU_ASSERT_TRUE(has_principal(r->policy, "arn:aws:iam::333333333333:root"));
	CU_ASSERT_TRUE(has_principal(r->policy, "arn:aws:iam::444444444444:root"));
	/* a Deny on one branch only is conditional on it; the Default does not settle IsProd */
	st = stmt_with(r->policy, "e");
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL_FATAL(st->n_conds, 1);
	ASSERT_STR(st->conds[0].key, "cfn:Condition/IsProd");
	ASSERT_STR(st->conds[0].values[0], "true");
	for (i = 0; i < r->policy->n_stmts; i++)
		guarded += r->policy->stmts[i].sid && !strcmp(r->policy->stmts[i].sid, "d");
	CU_ASSERT_EQUAL(guarded, 2);    /* d: one reading without a condition, one with SecureTransport */
	/* so it does not remove the access the other branch keeps */
	CU_ASSERT_NOT_EQUAL(decide(&l, "arn:aws:iam::111111111111:root", "s3:GetObject", "arn:aws:s3:::data/x"),
			    DEC_DENY);
	CU_ASSERT_NOT_EQUAL(decide(&l, "arn:aws:iam::111111111111:root", "s3:GetObject", "arn:aws:s3:::data/x"),
			    DEC_IMPLICIT_DENY);
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn__if_import_findinmap_long_and_short(void)
{
	static const char *const json =
		"{\"Conditions\": {\"C\": {\"Fn::Equals\": [{\"Ref\": \"AWS::Region\"}, \"x\"]}},"
		" \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {"
		"\"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\","
		" \"Principal\": {\"AWS\": {\"Fn::If\": [\"C\", \"arn:aws:iam::111111111111:root\","
		" {\"Fn::ImportValue\": \"partner-root\"}]}}}]}}}}}";
	static const char *const yaml =
		"Mappings:\n  M: {eu: {Acct: '222222222222'}}\n"
		"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
		"      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n"
		"            Action: sts:AssumeRole\n            Principal:\n"
		"              AWS: [!FindInMap [M, eu, Acct], !ImportValue partner-root]\n";
	scratch s;
	loaded l;
	principal *r;

	load_text(&l, &s, "t.json", json);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/{R}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(has_principal(r->trust, "arn:aws:iam::111111111111:root"));
	CU_ASSERT_TRUE(has_principal(r->trust, "{ImportValue.partner-root}"));
	unload(&l);
	scratch_free(&s, NULL);

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/{R}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	/* a bare account id from a mapping is the account, as in any policy */
	CU_ASSERT_TRUE(has_principal(r->trust, "arn:aws:iam::222222222222:root"));
	CU_ASSERT_TRUE(has_principal(r->trust, "{ImportValue.partner-root}"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn__unresolved_values_stay_symbolic(void)
{
	static const char *const yaml =
		"Parameters:\n  Trusted: {Type: String}\n  Ssm: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /x/y}\n"
		"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
		"      RoleName: !Sub '${AWS::StackName}-role'\n"
		"      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n"
		"            Principal: {AWS: !Sub 'arn:aws:iam::${Trusted}:root'}\n            Action: sts:AssumeRole\n"
		"      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n"
		"              - Effect: Allow\n                Action: s3:GetObject\n"
		"                Resource: [!ImportValue shared:bucket, !GetAtt Other.DomainName, !Ref Ssm]\n"
		"  Other:\n    Type: AWS::EC2::Instance\n";
	scratch s;
	loaded l;
	principal *r;
	const stmt *st;

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/{StackName}-role");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(has_principal(r->trust, "arn:aws:iam::{Trusted}:root"));
	st = &r->inline_policies[0]->stmts[0];
	CU_ASSERT_TRUE(has_resource(st, "{ImportValue.shared.bucket}"));
	CU_ASSERT_TRUE(has_resource(st, "{Other.DomainName}"));
	CU_ASSERT_TRUE(has_resource(st, "{Ssm}"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn__statement_positions_exact(void)
{
	static const char *const json =
		"{\"Resources\": {\n"
		"  \"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\n"
		"    \"AssumeRolePolicyDocument\": {\"Statement\": [\n"
		"      {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]},\n"
		"    \"Policies\": [{\"PolicyName\": \"p\", \"PolicyDocument\": {\"Statement\": [\n"
		"        {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": {\"Fn::Sub\": \"arn:aws:s3:::${AWS::StackName}/*\"}}]}}]}}}}\n";
	scratch s;
	loaded l;
	principal *r;

	load_text(&l, &s, "t.json", json);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/{R}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->loc.line, 2);
	CU_ASSERT_EQUAL(r->loc.col, 3);
	CU_ASSERT_EQUAL(r->trust->stmts[0].loc.line, 4);
	CU_ASSERT_EQUAL(r->trust->stmts[0].loc.col, 7);
	/* a statement holding an intrinsic is rebuilt, still placed where it is written */
	CU_ASSERT_EQUAL(r->inline_policies[0]->stmts[0].loc.line, 6);
	CU_ASSERT_EQUAL(r->inline_policies[0]->stmts[0].loc.col, 9);
	CU_ASSERT_EQUAL(r->inline_policies[0]->stmts[0].action_locs[0].col, 39);
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn__bad_shapes_placed_rest_read(void)
{
	static const char *const yaml =
		"Resources:\n"
		"  NotAnObject: 3\n"
		"  NoType: {Properties: {}}\n"
		"  BadRef:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Ref Nope\n" ROLE_TRUST
		"  BadIf:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: !If [OnlyTwo, x]\n"
		"  BadPolicy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
		"      PolicyDocument: {Statement: [{Efect: Allow, Action: '*', Resource: '*'}]}\n"
		"  Good:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: good\n" ROLE_TRUST;
	scratch s;
	loaded l;
	const diag *d;

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "resource 'NotAnObject' must be an object");
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_EQUAL(d ? d->line : 0, 2);
	CU_ASSERT_EQUAL(d ? d->col : 0, 16);
	d = find_diag(&l, DIAG_ERROR, "resource 'NoType' needs a 'Type'");
	CU_ASSERT_EQUAL(d ? d->line : 0, 3);
	d = find_diag(&l, DIAG_ERROR, "'Ref' to 'Nope'");
	CU_ASSERT_EQUAL(d ? d->line : 0, 7);
	CU_ASSERT_EQUAL(d ? d->col : 0, 17);     /* the !Ref tag */
	d = find_diag(&l, DIAG_ERROR, "'Fn::If' takes [ConditionName, ValueIfTrue, ValueIfFalse]");
	CU_ASSERT_EQUAL(d ? d->line : 0, 16);
	d = find_diag(&l, DIAG_ERROR, "unknown key 'Efect' in statement");
	CU_ASSERT_EQUAL(d ? d->line : 0, 20);
	CU_ASSERT_EQUAL(d ? d->col : 0, 37);
	/* the rest of the file is read; a bad Ref leaves a placeholder, not a hole */
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/good"));
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam::{AccountId}:role/{Nope}"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn__hostile_values_bounded(void)
{
	/* names that double at every step, a reference cycle, a product past the limit */
	static const char *const yaml =
		"Conditions:\n  A: !Equals [!Ref AWS::Region, x]\n  B: !Equals [!Ref AWS::Region, y]\n"
		"  C: !Equals [!Ref AWS::Region, z]\n  Loop: !Not [!Condition Loop]\n"
		"Resources:\n"
		"  B1:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Sub '${B0}${B0}'}\n"
		"  B0:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Sub '${B1}x'}\n"
		"  L:\n    Type: AWS::S3::Bucket\n    Condition: Loop\n"
		"  U:\n    Type: AWS::IAM::User\n    Properties:\n      Policies:\n        - PolicyName: p\n"
		"          PolicyDocument:\n            Statement:\n              - Effect: Allow\n"
		"                Action: [!If [A, a:a, a:b], !If [B, b:a, b:b], !If [C, c:a, c:b], !If [A, d:a, d:b],"
		" !If [B, e:a, e:b], !If [C, f:a, f:b]]\n                Resource: '*'\n";
	scratch s;
	loaded l;
	principal *u;

	load_text(&l, &s, "t.yaml", yaml);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "circular reference"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "condition 'Loop' depends on itself"));
	/* six Fn::If on three conditions: 8 consistent readings of 64, within the limit */
	u = model_find_principal(l.m, "arn:aws:iam::{AccountId}:user/{U}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(u->n_inline, 1);
	CU_ASSERT_EQUAL(u->n_inline ? u->inline_policies[0]->n_stmts : 0, 8);
	unload(&l);
	scratch_free(&s, NULL);
}

TEST_SUITE(cfn)
{
	static const test_case cases[] = {
		{ "cfn__ref_and_getatt_long_and_short", cfn__ref_and_getatt_long_and_short },
		{ "cfn__sub_both_forms_and_attributes", cfn__sub_both_forms_and_attributes },
		{ "cfn__join_select_split_findinmap", cfn__join_select_split_findinmap },
		{ "cfn__if_takes_both_branches", cfn__if_takes_both_branches },
		{ "cfn__if_import_findinmap_long_and_short", cfn__if_import_findinmap_long_and_short },
		{ "cfn__unresolved_values_stay_symbolic", cfn__unresolved_values_stay_symbolic },
		{ "cfn__statement_positions_exact", cfn__statement_positions_exact },
		{ "cfn__bad_shapes_placed_rest_read", cfn__bad_shapes_placed_rest_read },
		{ "cfn__hostile_values_bounded", cfn__hostile_values_bounded },
		{ NULL, NULL }
	};
	return test_register("cfn", cases);
}
