/*
 * Tests for the terraform-plan reader (ingest/tf_plan*.c): the handmade
 * plans in fixtures/iac/terraform/handmade, the real example plans, and
 * small scratch plans, read through ingest_paths as the CLI does.
 */
#include "eval/aws_eval.h"
#include "eval/az_eval.h"
#include "ingest/tf_plan.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <string.h>

#define HM "fixtures/iac/terraform/handmade/"
#define TPV "fixtures/iac/terraform/tf-policy-validator/"
#define ACCT "arn:aws:iam::111111111111:"

/* 1 when a diagnostic of sev containing part is placed at line:col. */
static int diag_at(const loaded *l, diag_severity sev, const char *part, unsigned line, unsigned col)
{
	const diag *d = find_diag(l, sev, part);

	if (d && (d->line != line || d->col != col))
		fprintf(stderr, "\n  '%s' at %u:%u, expected %u:%u\n", d->msg, d->line, d->col, line, col);
	return d && d->line == line && d->col == col;
}

static decision decide(loaded *l, const char *who, const char *action, const char *res)
{
	aws_request rq;
	eval_result er;
	decision d;

	memset(&rq, 0, sizeof(rq));
	rq.principal = model_find_principal(l->m, who);
	rq.principal_arn = rq.principal ? NULL : who;
	rq.action = action;
	rq.resource_arn = res;
	aws_eval_result_init(&er);
	CU_ASSERT_EQUAL(aws_eval(l->m, &rq, &er), 0);
	d = er.dec;
	aws_eval_result_release(&er);
	return d;
}

static int has_str(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] && !strcmp(v[i], s))
			return 1;
	return 0;
}

static int has_policy(const principal *p, const char *name)
{
	size_t i;

	for (i = 0; p && i < p->n_policies; i++)
		if (p->policies[i]->name && !strcmp(p->policies[i]->name, name))
			return 1;
	return 0;
}

/* Load a scratch plan (text) and keep the folder until unload_scratch. */
static void load_text(loaded *l, scratch *s, const char *text)
{
	load1(l, scratch_one(s, NULL, "plan.json", text));
}

static void unload_scratch(loaded *l, scratch *s)
{
	unload(l);
	scratch_free(s, NULL);
}

/* --- detection ------------------------------------------------------------------------ */

static void tf_plan__detects_plans_and_states_only(void)
{
	static const char *const texts[] = {
		"{\"format_version\":\"1.0\",\"terraform_version\":\"1.5.0\",\"values\":{\"root_module\":{}}}",
		"{\"format_version\":\"1.2\",\"terraform_version\":\"1.5.0\",\"resource_changes\":[]}",
		"{\"format_version\":\"1.2\",\"planned_values\":{}}",
		"{\"terraform_version\":\"1.5.0\",\"planned_values\":{}}",
		"[{\"format_version\":\"1.2\",\"terraform_version\":\"1.5.0\",\"planned_values\":{}}]",
	};
	static const int want[] = { 1, 1, 0, 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		doc *d = NULL;
		diag dg = DIAG_INIT;
		CU_ASSERT_EQUAL_FATAL(doc_load_buffer(&d, "t.json", texts[i], strlen(texts[i]), DOC_FMT_JSON, &dg), 0);
		CU_ASSERT_EQUAL(ingest_tf_plan_format.detect(doc_root(d), "t.json"), want[i]);
		doc_free(d);
	}
	CU_ASSERT_PTR_NOT_NULL(ingest_find_format("terraform-plan"));
}

/* --- AWS IAM ------------------------------------------------------------------------------ */

static void tf_plan__role_trust_tags_and_attachment_by_reference(void)
{
	loaded l;
	principal *p;

	load1(&l, HM "synthetic-plan.json");
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(l.run.inputs[0].format, "terraform-plan");
	/* the account of data.aws_caller_identity in prior_state */
	p = model_find_principal(l.m, ACCT "role/synth-reader");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	ASSERT_STR(p->account, "111111111111");
	CU_ASSERT_EQUAL(p->kind, PRIN_ROLE);
	CU_ASSERT_EQUAL(p->loc.line, 72);
	CU_ASSERT_EQUAL(p->loc.col, 9);
	ASSERT_STR(model_tag_value(p->tags, p->n_tags, "team"), "ml");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->trust);
	CU_ASSERT_EQUAL(p->trust->n_stmts, 1);
	/* the statement is placed at the policy string (escaped JSON has no positions of its own) */
	CU_ASSERT_EQUAL(p->trust->stmts[0].loc.line, 80);
	/* role and policy_arn are known only after apply: the references connect them */
	CU_ASSERT_TRUE(has_str(p->managed_arns, p->n_managed_arns, ACCT "policy/synth-read"));
	CU_ASSERT_TRUE(has_policy(p, "synth-read"));
	CU_ASSERT_EQUAL(decide(&l, ACCT "role/synth-reader", "s3:GetObject", "arn:aws:s3:::synth-train-data/a"),
			DEC_ALLOW);
	unload(&l);
}

static void tf_plan__unknown_name_is_address_placeholder(void)
{
	loaded l;
	principal *p;

	load1(&l, HM "synthetic-plan.json");
	/* name_prefix: the name is known only after apply */
	p = model_find_principal(l.m, ACCT "role/ci/<aws_iam_role.deployer>");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	ASSERT_STR(p->path, "/ci/");
	/* its inline_policy block and the aws_iam_role_policy whose role is aws_iam_role.deployer.id */
	CU_ASSERT_EQUAL(p->n_inline, 2);
	CU_ASSERT_TRUE(has_policy(p, "deploy"));
	CU_ASSERT_TRUE(has_policy(p, "pass-role"));
	unload(&l);
}

static void tf_plan__module_references_are_relative(void)
{
	loaded l;
	principal *u, *g;

	load1(&l, HM "synthetic-plan.json");
	u = model_find_principal(l.m, ACCT "user/analyst");
	g = model_find_principal(l.m, ACCT "group/synth-readers");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	/* module.team's user_group_membership names aws_iam_user.analyst inside module.team */
	CU_ASSERT_EQUAL(u->n_groups, 1);
	CU_ASSERT_PTR_EQUAL(u->n_groups ? u->groups[0] : NULL, g);
	CU_ASSERT_TRUE(has_str(g->managed_arns, g->n_managed_arns, ACCT "policy/synth-read"));
	CU_ASSERT_TRUE(has_policy(u, "synth-read"));
	unload(&l);
}

static void tf_plan__deleted_resources_are_skipped(void)
{
	static const char plan[] =
		"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\n"
		"\"planned_values\":{\"root_module\":{\"resources\":[\n"
		" {\"address\":\"aws_iam_role.gone\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"gone\",\n"
		"  \"values\":{\"name\":\"gone\",\"assume_role_policy\":\"\"}},\n"
		" {\"address\":\"aws_iam_role.kept\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"kept\",\n"
		"  \"values\":{\"name\":\"kept\"}}]}},\n"
		"\"resource_changes\":[\n"
		" {\"address\":\"aws_iam_role.gone\",\"change\":{\"actions\":[\"delete\"],\"after\":null}},\n"
		" {\"address\":\"aws_iam_role.kept\",\"change\":{\"actions\":[\"delete\",\"create\"],\"after\":{}}}]}\n";
	scratch s;
	loaded l;

	load_text(&l, &s, plan);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_PTR_NULL(model_find_principal(l.m, "arn:aws:iam:::role/gone"));
	/* a replacement stays */
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam:::role/kept"));
	unload_scratch(&l, &s);

	/* the handmade plan deletes aws_iam_role.legacy (in resource_changes only) */
	load1(&l, HM "synthetic-plan.json");
	CU_ASSERT_PTR_NULL(model_find_principal(l.m, ACCT "role/legacy-admin"));
	unload(&l);
}

/* Instances of count: a reference with an index names one, without it every one. */
static void tf_plan__count_instances(void)
{
	static const char plan[] =
		"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\n"
		"\"planned_values\":{\"root_module\":{\"resources\":[\n"
		" {\"address\":\"aws_iam_role.r[0]\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"r\",\"index\":0,\n"
		"  \"values\":{\"name\":\"r0\"}},\n"
		" {\"address\":\"aws_iam_role.r[1]\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"r\",\"index\":1,\n"
		"  \"values\":{\"name\":\"r1\"}},\n"
		" {\"address\":\"aws_iam_role_policy_attachment.one\",\"mode\":\"managed\",\n"
		"  \"type\":\"aws_iam_role_policy_attachment\",\"name\":\"one\",\n"
		"  \"values\":{\"policy_arn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}},\n"
		" {\"address\":\"aws_iam_role_policy_attachment.all\",\"mode\":\"managed\",\n"
		"  \"type\":\"aws_iam_role_policy_attachment\",\"name\":\"all\",\n"
		"  \"values\":{\"policy_arn\":\"arn:aws:iam::aws:policy/SecurityAudit\"}}]}},\n"
		"\"configuration\":{\"root_module\":{\"resources\":[\n"
		" {\"address\":\"aws_iam_role_policy_attachment.one\",\"expressions\":{\n"
		"  \"role\":{\"references\":[\"aws_iam_role.r[1].name\",\"aws_iam_role.r[1]\",\"aws_iam_role.r\"]}}},\n"
		" {\"address\":\"aws_iam_role_policy_attachment.all\",\"expressions\":{\n"
		"  \"role\":{\"references\":[\"aws_iam_role.r\"]}}}]}}}\n";
	scratch s;
	loaded l;
	principal *r0, *r1;

	load_text(&l, &s, plan);
	CU_ASSERT_EQUAL(l.err, 0);
	r0 = model_find_principal(l.m, "arn:aws:iam:::role/r0");
	r1 = model_find_principal(l.m, "arn:aws:iam:::role/r1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r1);
	CU_ASSERT_FALSE(has_str(r0->managed_arns, r0->n_managed_arns, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
	CU_ASSERT_TRUE(has_str(r1->managed_arns, r1->n_managed_arns, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
	CU_ASSERT_TRUE(has_str(r0->managed_arns, r0->n_managed_arns, "arn:aws:iam::aws:policy/SecurityAudit"));
	CU_ASSERT_TRUE(has_str(r1->managed_arns, r1->n_managed_arns, "arn:aws:iam::aws:policy/SecurityAudit"));
	unload_scratch(&l, &s);
}

/* --- accounts ------------------------------------------------------------------------------- */

static const char unknown_account_plan[] =
	"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\n"
	"\"planned_values\":{\"root_module\":{\"resources\":[\n"
	" {\"address\":\"aws_iam_role.app\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"app\",\n"
	"  \"values\":{\"name\":\"app\",\"assume_role_policy\":\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
	"\\\"Principal\\\":{\\\"AWS\\\":\\\"123456789012\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\"}]}\"}},\n"
	" {\"address\":\"aws_s3_bucket.b\",\"mode\":\"managed\",\"type\":\"aws_s3_bucket\",\"name\":\"b\",\n"
	"  \"values\":{\"bucket\":\"b\",\"tags\":null}},\n"
	" {\"address\":\"aws_s3_bucket_policy.b\",\"mode\":\"managed\",\"type\":\"aws_s3_bucket_policy\",\"name\":\"b\",\n"
	"  \"values\":{\"bucket\":\"b\",\"policy\":\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
	"\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"arn:aws:s3:::b/*\\\","
	"\\\"Condition\\\":{\\\"StringEquals\\\":{\\\"aws:PrincipalAccount\\\":\\\"123456789012\\\"}}}]}\"}}]}}}\n";

static void tf_plan__unknown_account_stays_unknown(void)
{
	scratch s;
	loaded l;
	principal *p;

	load_text(&l, &s, unknown_account_plan);
	CU_ASSERT_EQUAL(l.err, 0);
	/* the empty account segment: model_arn_account gives NULL, "unknown" everywhere */
	p = model_find_principal(l.m, "arn:aws:iam:::role/app");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NULL(p->account);
	/* aws:PrincipalAccount of an unknown account is not settled false: the grant stays possible */
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam:::role/app", "s3:GetObject", "arn:aws:s3:::b/k"), DEC_CONDITIONAL);
	/* a named account is still outside: the trust policy lets it in across accounts */
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::123456789012:root", "sts:AssumeRole", "arn:aws:iam:::role/app"),
			DEC_ALLOW);
	unload_scratch(&l, &s);
}

/* --- resources and resource policies ----------------------------------------------------------- */

static void tf_plan__bucket_policy_from_policy_document_data_source(void)
{
	loaded l;
	resource *r;
	const stmt *st;

	load1(&l, HM "synthetic-plan.json");
	r = model_find_resource(l.m, "arn:aws:s3:::synth-train-data");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->tags_known);
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "data-classification"), "synthetic");
	CU_ASSERT_TRUE(r->policy_known);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->policy);
	CU_ASSERT_EQUAL_FATAL(r->policy->n_stmts, 2);
	/* resources and principal were unknown: the references name the bucket and the role */
	st = &r->policy->stmts[0];
	CU_ASSERT_TRUE(has_str(st->resources, st->n_resources, "arn:aws:s3:::synth-train-data"));
	CU_ASSERT_TRUE(has_str(st->resources, st->n_resources, "arn:aws:s3:::synth-train-data/*"));
	CU_ASSERT_EQUAL(st->n_principals, 1);
	ASSERT_STR(st->n_principals ? st->principals[0].value : NULL, ACCT "role/synth-reader");
	CU_ASSERT_EQUAL(st->n_conds, 0);
	/* placed at the statement block of the data source */
	CU_ASSERT_EQUAL(st->loc.line, 168);
	CU_ASSERT_EQUAL(st->loc.col, 15);
	/* var.uploader_arn names nothing of the plan: "*", conditional on the marker */
	st = &r->policy->stmts[1];
	CU_ASSERT_EQUAL(st->n_conds, 2);
	ASSERT_STR(st->n_principals ? st->principals[0].value : NULL, "*");
	CU_ASSERT_EQUAL(decide(&l, ACCT "role/synth-reader", "s3:PutObject", "arn:aws:s3:::synth-train-data/k"),
			DEC_CONDITIONAL);
	/* the bucket is the plan account's: another account gets nothing the policy does not name */
	ASSERT_STR(r->account, "111111111111");
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::999999999999:root", "s3:GetObject", "arn:aws:s3:::synth-train-data/k"),
			DEC_IMPLICIT_DENY);
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::999999999999:root", "s3:PutObject", "arn:aws:s3:::synth-train-data/k"),
			DEC_IMPLICIT_DENY);
	unload(&l);
}

static void tf_plan__key_default_policy_and_bucket_encryption(void)
{
	loaded l;
	resource *k, *b;
	const char *key = "arn:aws:kms:eu-west-1:111111111111:key/<aws_kms_key.synth>";

	load1(&l, HM "synthetic-plan.json");
	k = model_find_resource(l.m, key);
	b = model_find_resource(l.m, "arn:aws:s3:::synth-train-data");
	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	/* created without a policy, in a known account: AWS's default key policy */
	CU_ASSERT_TRUE(k->policy_known);
	CU_ASSERT_EQUAL(k->policy ? k->policy->n_stmts : 0, 1);
	ASSERT_STR(k->policy ? k->policy->stmts[0].principals[0].value : NULL, "arn:aws:iam::111111111111:root");
	/* kms_master_key_id = aws_kms_key.synth.arn, known only after apply */
	ASSERT_STR(b->encryption_key, key);
	CU_ASSERT_EQUAL(b->encryption_loc.line > 0, 1);
	unload(&l);
}

static void tf_plan__resource_policies_of_the_example_plan(void)
{
	loaded l;
	resource *r;

	load1(&l, TPV "public_access/test_plan.json");
	CU_ASSERT_EQUAL(l.err, 0);
	/* aws_lambda_permission: one statement of the function's policy */
	r = model_find_resource(l.m, "arn:aws:lambda:us-east-2::function:lambda_called_from_sns");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(r->policy ? r->policy->n_stmts : 0, 1);
	ASSERT_STR(r->policy->stmts[0].sid, "AllowExecutionFromSNS");
	CU_ASSERT_EQUAL(r->policy->stmts[0].principals[0].kind, PSPEC_STAR);
	/* policies on resource_arn, and on resources named by name */
	CU_ASSERT_PTR_NOT_NULL(model_find_resource(l.m, "arn:aws:dynamodb:us-east-1:1234567890:table/my-table"));
	/* the topic policy's arn names the plan's topic, whose account the plan does not say */
	r = model_find_resource(l.m, "arn:aws:sns:us-east-2::my-topic-with-policy");
	CU_ASSERT_TRUE(r && r->policy_known && r->policy);
	CU_ASSERT_PTR_NULL(model_find_resource(l.m, "arn:aws:sns:us-east-2:123456789012:my-topic-with-policy"));
	r = model_find_resource(l.m, "arn:aws:es:us-east-2::domain/tf-test");
	CU_ASSERT_TRUE(r && r->policy);
	r = model_find_resource(l.m, "arn:aws:s3:::my-private-test-bucket");
	CU_ASSERT_TRUE(r && r->policy);
	/* the public statement names the bucket, not its objects */
	CU_ASSERT_EQUAL(decide(&l, "*", "s3:ListBucket", "arn:aws:s3:::my-tf-test-bucket"), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&l, "*", "s3:ListBucket", "arn:aws:s3:::my-private-test-bucket"), DEC_IMPLICIT_DENY);
	unload(&l);
}

/* aws_s3_bucket_policy.bucket = aws_s3_bucket.example.id, known only after apply */
static void tf_plan__bucket_named_by_reference(void)
{
	loaded l;
	resource *r;

	load1(&l, TPV "multiple_policies/test_plan.json");
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_resource(l.m, "arn:aws:s3:::my-tf-test-bucket");
	CU_ASSERT_TRUE(r && r->policy && r->policy->n_stmts == 1);
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::123456789012:root", "s3:GetObject", "arn:aws:s3:::my-tf-test-bucket/k"),
			DEC_ALLOW);
	unload(&l);
}

/* A Deny whose entries are unknown may be wider than what apply denies: it must not remove access. */
static void tf_plan__unknown_deny_does_not_remove_access(void)
{
	static const char plan[] =
		"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\n"
		"\"planned_values\":{\"root_module\":{\"resources\":[\n"
		" {\"address\":\"aws_iam_role.app\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"app\",\n"
		"  \"values\":{\"name\":\"app\",\"inline_policy\":[{\"name\":\"rw\",\"policy\":\"{\\\"Statement\\\":"
		"[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:*\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}]}},\n"
		" {\"address\":\"aws_iam_role_policy.deny\",\"mode\":\"managed\",\"type\":\"aws_iam_role_policy\",\n"
		"  \"name\":\"deny\",\"values\":{\"role\":\"app\",\"name\":\"deny\"}},\n"
		" {\"address\":\"data.aws_iam_policy_document.deny\",\"mode\":\"data\",\n"
		"  \"type\":\"aws_iam_policy_document\",\"name\":\"deny\",\n"
		"  \"values\":{\"statement\":[{\"effect\":\"Deny\",\"actions\":[\"s3:*\"],\"resources\":[null]}]}}]}},\n"
		"\"configuration\":{\"root_module\":{\"resources\":[\n"
		" {\"address\":\"aws_iam_role_policy.deny\",\"expressions\":{\n"
		"  \"policy\":{\"references\":[\"data.aws_iam_policy_document.deny.json\"]}}},\n"
		" {\"address\":\"data.aws_iam_policy_document.deny\",\"mode\":\"data\",\"expressions\":{\n"
		"  \"statement\":[{\"resources\":{\"references\":[\"var.bucket_arn\"]}}]}}]}}}\n";
	scratch s;
	loaded l;
	principal *p;

	load_text(&l, &s, plan);
	CU_ASSERT_EQUAL(l.err, 0);
	p = model_find_principal(l.m, "arn:aws:iam:::role/app");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->n_inline, 2);
	CU_ASSERT_NOT_EQUAL(decide(&l, "arn:aws:iam:::role/app", "s3:GetObject", "arn:aws:s3:::any/k"), DEC_DENY);
	CU_ASSERT_NOT_EQUAL(decide(&l, "arn:aws:iam:::role/app", "s3:GetObject", "arn:aws:s3:::any/k"),
			    DEC_IMPLICIT_DENY);
	unload_scratch(&l, &s);
}

/* Queue, secret, key and function policies; policy attachments and group memberships by name. */
static const char more_plan[] =
	"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\n"
	"\"planned_values\":{\"root_module\":{\"resources\":[\n"
	" {\"address\":\"aws_sqs_queue.q\",\"mode\":\"managed\",\"type\":\"aws_sqs_queue\",\"name\":\"q\",\"values\":{\"name\":\"jobs\"}},\n"
	" {\"address\":\"aws_sqs_queue_policy.q\",\"mode\":\"managed\",\"type\":\"aws_sqs_queue_policy\",\"name\":\"q\",\n"
	"  \"values\":{\"queue_url\":\"https://sqs.eu-west-1.amazonaws.com/111111111111/jobs\",\"policy\":\"{\\\"Statement\\\":"
	"[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"222222222222\\\"},\\\"Action\\\":\\\"sqs:SendMessage\\\","
	"\\\"Resource\\\":\\\"*\\\"}]}\"}},\n"
	" {\"address\":\"aws_secretsmanager_secret.s\",\"mode\":\"managed\",\"type\":\"aws_secretsmanager_secret\",\"name\":\"s\",\n"
	"  \"values\":{\"name\":\"db\"}},\n"
	" {\"address\":\"aws_secretsmanager_secret_policy.s\",\"mode\":\"managed\",\"type\":\"aws_secretsmanager_secret_policy\",\n"
	"  \"name\":\"s\",\"values\":{\"policy\":\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Principal\\\":\\\"*\\\","
	"\\\"Action\\\":\\\"secretsmanager:GetSecretValue\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}},\n"
	" {\"address\":\"aws_kms_key.k\",\"mode\":\"managed\",\"type\":\"aws_kms_key\",\"name\":\"k\",\"values\":{}},\n"
	" {\"address\":\"aws_kms_key_policy.k\",\"mode\":\"managed\",\"type\":\"aws_kms_key_policy\",\"name\":\"k\",\n"
	"  \"values\":{\"policy\":\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":"
	"\\\"arn:aws:iam::111111111111:role/app\\\"},\\\"Action\\\":\\\"kms:Decrypt\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}},\n"
	" {\"address\":\"aws_s3_bucket.b\",\"mode\":\"managed\",\"type\":\"aws_s3_bucket\",\"name\":\"b\",\"values\":{\"bucket\":\"uploads\"}},\n"
	" {\"address\":\"aws_lambda_function.f\",\"mode\":\"managed\",\"type\":\"aws_lambda_function\",\"name\":\"f\",\n"
	"  \"values\":{\"function_name\":\"fn\"}},\n"
	" {\"address\":\"aws_lambda_permission.p\",\"mode\":\"managed\",\"type\":\"aws_lambda_permission\",\"name\":\"p\",\n"
	"  \"values\":{\"action\":\"lambda:InvokeFunction\",\"principal\":\"s3.amazonaws.com\",\"source_account\":\"111111111111\",\n"
	"   \"statement_id\":\"FromS3\"}},\n"
	" {\"address\":\"aws_iam_user.u1\",\"mode\":\"managed\",\"type\":\"aws_iam_user\",\"name\":\"u1\",\n"
	"  \"values\":{\"name\":\"u1\",\"permissions_boundary\":\"arn:aws:iam::111111111111:policy/boundary\"}},\n"
	" {\"address\":\"aws_iam_role.app\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"app\",\"values\":{\"name\":\"app\"}},\n"
	" {\"address\":\"aws_iam_policy_attachment.all\",\"mode\":\"managed\",\"type\":\"aws_iam_policy_attachment\",\"name\":\"all\",\n"
	"  \"values\":{\"name\":\"all\",\"users\":[\"u1\"],\"groups\":[\"g1\"],\"policy_arn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}},\n"
	" {\"address\":\"aws_iam_group_membership.g1\",\"mode\":\"managed\",\"type\":\"aws_iam_group_membership\",\"name\":\"g1\",\n"
	"  \"values\":{\"name\":\"m\",\"group\":\"g1\",\"users\":[\"u1\",\"u2\"]}},\n"
	" {\"address\":\"aws_iam_role_policy_attachment.legacy\",\"mode\":\"managed\",\n"
	"  \"type\":\"aws_iam_role_policy_attachment\",\"name\":\"legacy\",\n"
	"  \"values\":{\"policy_arn\":\"arn:aws:iam::aws:policy/SecurityAudit\"}}]}},\n"
	"\"prior_state\":{\"values\":{\"root_module\":{\"resources\":[{\"address\":\"data.aws_iam_role.existing\",\n"
	"  \"mode\":\"data\",\"type\":\"aws_iam_role\",\"name\":\"existing\",\n"
	"  \"values\":{\"name\":\"legacy\",\"arn\":\"arn:aws:iam::111111111111:role/ops/legacy\"}}]}}},\n"
	"\"resource_changes\":[{\"address\":\"aws_kms_key.k\",\"change\":{\"actions\":[\"create\"],\n"
	"  \"after_unknown\":{\"arn\":true,\"key_id\":true,\"policy\":true}}}],\n"
	"\"configuration\":{\"provider_config\":{\"aws\":{\"name\":\"aws\",\"expressions\":{\n"
	"  \"region\":{\"constant_value\":\"eu-west-1\"},\"allowed_account_ids\":{\"constant_value\":[\"111111111111\"]}}}},\n"
	" \"root_module\":{\"resources\":[\n"
	" {\"address\":\"aws_secretsmanager_secret_policy.s\",\"expressions\":{\n"
	"  \"secret_arn\":{\"references\":[\"aws_secretsmanager_secret.s.arn\",\"aws_secretsmanager_secret.s\"]}}},\n"
	" {\"address\":\"aws_kms_key_policy.k\",\"expressions\":{\"key_id\":{\"references\":[\"aws_kms_key.k.id\"]}}},\n"
	" {\"address\":\"aws_lambda_permission.p\",\"expressions\":{\n"
	"  \"function_name\":{\"references\":[\"aws_lambda_function.f.function_name\",\"aws_lambda_function.f\"]},\n"
	"  \"source_arn\":{\"references\":[\"aws_s3_bucket.b.arn\",\"aws_s3_bucket.b\"]}}},\n"
	" {\"address\":\"aws_iam_policy_attachment.all\",\"expressions\":{\n"
	"  \"roles\":{\"references\":[\"aws_iam_role.app.name\",\"aws_iam_role.app\"]}}},\n"
	" {\"address\":\"aws_iam_role_policy_attachment.legacy\",\"expressions\":{\n"
	"  \"role\":{\"references\":[\"data.aws_iam_role.existing.name\",\"data.aws_iam_role.existing\"]}}}]}}}\n";

static void tf_plan__more_resource_types(void)
{
	scratch s;
	loaded l;
	resource *r;
	principal *u1, *app;
	const stmt *st;

	load_text(&l, &s, more_plan);
	CU_ASSERT_EQUAL(l.err, 0);
	/* queue_url names the plan's queue */
	r = model_find_resource(l.m, "arn:aws:sqs:eu-west-1:111111111111:jobs");
	CU_ASSERT_TRUE(r && r->policy && r->policy->n_stmts == 1);
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::222222222222:root", "sqs:SendMessage",
			       "arn:aws:sqs:eu-west-1:111111111111:jobs"), DEC_ALLOW);
	/* secret_arn and key_id known only after apply */
	r = model_find_resource(l.m, "arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-??????");
	CU_ASSERT_TRUE(r && r->policy && r->policy->stmts[0].effect == EFFECT_DENY);
	r = model_find_resource(l.m, "arn:aws:kms:eu-west-1:111111111111:key/<aws_kms_key.k>");
	CU_ASSERT_TRUE(r && r->policy && r->policy->n_stmts == 1);
	CU_ASSERT_EQUAL(decide(&l, "arn:aws:iam::111111111111:role/app", "kms:Decrypt",
			       "arn:aws:kms:eu-west-1:111111111111:key/<aws_kms_key.k>"), DEC_ALLOW);
	/* the permission's statement: a service principal, source_arn the bucket's ARN */
	r = model_find_resource(l.m, "arn:aws:lambda:eu-west-1:111111111111:function:fn");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->policy);
	st = &r->policy->stmts[0];
	ASSERT_STR(st->sid, "FromS3");
	CU_ASSERT_EQUAL(st->principals[0].kind, PSPEC_SERVICE);
	CU_ASSERT_EQUAL(st->n_conds, 2);
	CU_ASSERT_TRUE(st->n_conds == 2 && (!strcmp(st->conds[0].values[0], "arn:aws:s3:::uploads") ||
					    !strcmp(st->conds[1].values[0], "arn:aws:s3:::uploads")));
	/* attachments and memberships by name; boundary */
	u1 = model_find_principal(l.m, "arn:aws:iam::111111111111:user/u1");
	app = model_find_principal(l.m, "arn:aws:iam::111111111111:role/app");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(app);
	ASSERT_STR(u1->boundary_arn, "arn:aws:iam::111111111111:policy/boundary");
	CU_ASSERT_TRUE(has_str(u1->managed_arns, u1->n_managed_arns, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
	CU_ASSERT_TRUE(has_str(app->managed_arns, app->n_managed_arns, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
	CU_ASSERT_TRUE(has_str(u1->group_names, u1->n_group_names, "g1"));
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam::111111111111:user/u2"));
	CU_ASSERT_EQUAL(u1->n_groups, 1);
	/* a role known only after apply that names a data source: the existing role, by its ARN */
	app = model_find_principal(l.m, "arn:aws:iam::111111111111:role/ops/legacy");
	CU_ASSERT_TRUE(app && has_str(app->managed_arns, app->n_managed_arns, "arn:aws:iam::aws:policy/SecurityAudit"));
	unload_scratch(&l, &s);
}

static void tf_plan__state_is_read(void)
{
	static const char state[] =
		"{\"format_version\":\"1.0\",\"terraform_version\":\"1.9.5\",\"values\":{\"root_module\":{\n"
		"\"resources\":[{\"address\":\"aws_iam_role.r\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"r\",\n"
		" \"values\":{\"name\":\"r\",\"arn\":\"arn:aws:iam::333333333333:role/r\",\"path\":\"/\"}}],\n"
		"\"child_modules\":[{\"address\":\"module.m\",\"resources\":[{\"address\":\"module.m.aws_iam_user.u\",\n"
		" \"mode\":\"managed\",\"type\":\"aws_iam_user\",\"name\":\"u\",\"values\":{\"name\":\"u\"}}]}]}}}\n";
	scratch s;
	loaded l;

	load_text(&l, &s, state);
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(l.run.inputs[0].format, "terraform-plan");
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam::333333333333:role/r"));
	/* the account of the known ARN */
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam::333333333333:user/u"));
	unload_scratch(&l, &s);
}

/* --- bad input ------------------------------------------------------------------------------ */

static void tf_plan__bad_shapes_are_placed_and_the_rest_is_read(void)
{
	static const char plan[] =
		"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\n"
		"\"planned_values\":{\"root_module\":{\"resources\":[\n"
		" \"not a resource\",\n"
		" {\"address\":\"aws_iam_role.bad\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"bad\",\n"
		"  \"values\":{\"name\":\"bad\",\"assume_role_policy\":\"{\\\"Statement\\\": [\",\"tags\":[\"x\"]}},\n"
		" {\"address\":\"aws_iam_role.typed\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"typed\",\n"
		"  \"values\":{\"name\":7,\"path\":[]}},\n"
		" {\"mode\":\"managed\",\"type\":\"aws_iam_role\"},\n"
		" {\"address\":\"aws_iam_role.good\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"good\",\n"
		"  \"values\":{\"name\":\"good\"}}],\n"
		" \"child_modules\":{}}},\n"
		"\"resource_changes\":7}\n";
	scratch s;
	loaded l;

	load_text(&l, &s, plan);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_TRUE(diag_at(&l, DIAG_ERROR, "'resource' must be an object, not a string", 3, 2));
	CU_ASSERT_TRUE(diag_at(&l, DIAG_ERROR, "'tags' must be an object, not a list", 5, 74));
	CU_ASSERT_TRUE(diag_at(&l, DIAG_ERROR, "'name' must be a string, not a number (in 'aws_iam_role.typed')", 7, 20));
	CU_ASSERT_TRUE(diag_at(&l, DIAG_ERROR, "needs 'address', 'type' and 'name'", 8, 2));
	CU_ASSERT_TRUE(diag_at(&l, DIAG_ERROR, "'child_modules' must be a list, not an object", 11, 18));
	CU_ASSERT_TRUE(diag_at(&l, DIAG_ERROR, "'resource_changes' must be a list, not a number", 12, 20));
	/* the bad policy string is reported where the string is */
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, ""));
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam:::role/good"));
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam:::role/bad"));
	unload_scratch(&l, &s);
}

static void tf_plan__unresolved_attachment_warns(void)
{
	static const char plan[] =
		"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\n"
		"\"planned_values\":{\"root_module\":{\"resources\":[\n"
		" {\"address\":\"aws_iam_role_policy_attachment.a\",\"mode\":\"managed\",\n"
		"  \"type\":\"aws_iam_role_policy_attachment\",\"name\":\"a\",\"values\":{\"policy_arn\":\"arn:aws:iam::aws:policy/x\"}}]}},\n"
		"\"configuration\":{\"root_module\":{\"resources\":[\n"
		" {\"address\":\"aws_iam_role_policy_attachment.a\",\"expressions\":{\n"
		"  \"role\":{\"references\":[\"var.role_name\"]}}}]}}}\n";
	scratch s;
	loaded l;

	load_text(&l, &s, plan);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_TRUE(diag_at(&l, DIAG_WARNING, "'role' is known only after apply and names no role of the plan", 3, 2));
	unload_scratch(&l, &s);
}

/* A plan without planned_values: the changes' after values, deletions left out. */
static void tf_plan__changes_only(void)
{
	static const char plan[] =
		"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\"resource_changes\":[\n"
		" {\"address\":\"aws_iam_user.u\",\"mode\":\"managed\",\"type\":\"aws_iam_user\",\"name\":\"u\",\n"
		"  \"change\":{\"actions\":[\"create\"],\"after\":{\"name\":\"u\",\"path\":\"/\"}}},\n"
		" {\"address\":\"aws_iam_user.v\",\"mode\":\"managed\",\"type\":\"aws_iam_user\",\"name\":\"v\",\n"
		"  \"change\":{\"actions\":[\"delete\"],\"before\":{\"name\":\"v\"},\"after\":null}}]}\n";
	scratch s;
	loaded l;

	load_text(&l, &s, plan);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(l.m, "arn:aws:iam:::user/u"));
	CU_ASSERT_PTR_NULL(model_find_principal(l.m, "arn:aws:iam:::user/v"));
	unload_scratch(&l, &s);
}

/* --- Azure ------------------------------------------------------------------------------------ */

#define SUB "/subscriptions/0b1d0000-1111-4222-8333-000000000001"
#define RG SUB "/resourceGroups/synthetic-rg"
#define SA RG "/providers/Microsoft.Storage/storageAccounts/stsynthplan"
#define CONTAINER SA "/blobServices/default/containers/train"

static az_assignment *assignment_of(loaded *l, const char *id)
{
	size_t i, n;
	az_assignment **xs = azm_assignments(l->a, &n);

	for (i = 0; i < n; i++)
		if (xs[i]->id && !strcmp(xs[i]->id, id))
			return xs[i];
	return NULL;
}

static void tf_plan__azure_roles_and_assignments(void)
{
	loaded l;
	az_assignment *x;
	az_role *role;
	az_result ar;

	load1(&l, HM "azure-plan.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l.a);
	/* a custom role whose GUID is known only after apply */
	role = azm_find_role(l.a, "<azurerm_role_definition.reader>");
	CU_ASSERT_PTR_NOT_NULL_FATAL(role);
	ASSERT_STR(role->name, "Synthetic Blob Reader");
	CU_ASSERT_EQUAL(role->n_perms, 1);
	CU_ASSERT_EQUAL(role->perms[0].n_data_actions, 1);
	/* role_definition_id references it; scope is the storage account's id, built from names */
	x = assignment_of(&l, "azurerm_role_assignment.partner_reader");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_EQUAL(x->role, role);
	ASSERT_STR(x->scope_written, SA);
	/* principal_id = the identity's principal_id, known only after apply; a built-in role by name */
	x = assignment_of(&l, "azurerm_role_assignment.generator_writer");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(x->scope_written, CONTAINER);
	ASSERT_STR(x->principal->id, "<azurerm_user_assigned_identity.generator>");
	CU_ASSERT_EQUAL(x->principal->kind, AZP_MANAGED_IDENTITY);
	CU_ASSERT_PTR_NOT_NULL(x->role);
	az_result_init(&ar);
	CU_ASSERT_EQUAL(az_eval(l.m, x->principal, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
				CONTAINER, &ar), 0);
	CU_ASSERT_EQUAL(ar.dec, DEC_ALLOW);
	az_result_release(&ar);
	/* an ABAC condition is kept */
	x = assignment_of(&l, "azurerm_role_assignment.analysts");
	CU_ASSERT_TRUE(x && x->condition && x->principal->kind == AZP_GROUP);
	/* a scope nothing resolves widens to the subscription, with a warning at the assignment */
	x = assignment_of(&l, "azurerm_role_assignment.ci");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(x->scope_written, SUB);
	ASSERT_STR(x->principal->id, "<var.ci_object_id>");
	CU_ASSERT_TRUE(diag_at(&l, DIAG_WARNING, "placed at subscription", 154, 9));
	unload(&l);
}

TEST_SUITE(tf_plan)
{
	static const test_case cases[] = {
		{ "tf_plan__detects_plans_and_states_only", tf_plan__detects_plans_and_states_only },
		{ "tf_plan__role_trust_tags_and_attachment_by_reference", tf_plan__role_trust_tags_and_attachment_by_reference },
		{ "tf_plan__unknown_name_is_address_placeholder", tf_plan__unknown_name_is_address_placeholder },
		{ "tf_plan__module_references_are_relative", tf_plan__module_references_are_relative },
		{ "tf_plan__deleted_resources_are_skipped", tf_plan__deleted_resources_are_skipped },
		{ "tf_plan__count_instances", tf_plan__count_instances },
		{ "tf_plan__unknown_account_stays_unknown", tf_plan__unknown_account_stays_unknown },
		{ "tf_plan__bucket_policy_from_policy_document_data_source",
		  tf_plan__bucket_policy_from_policy_document_data_source },
		{ "tf_plan__key_default_policy_and_bucket_encryption", tf_plan__key_default_policy_and_bucket_encryption },
		{ "tf_plan__resource_policies_of_the_example_plan", tf_plan__resource_policies_of_the_example_plan },
		{ "tf_plan__bucket_named_by_reference", tf_plan__bucket_named_by_reference },
		{ "tf_plan__unknown_deny_does_not_remove_access", tf_plan__unknown_deny_does_not_remove_access },
		{ "tf_plan__more_resource_types", tf_plan__more_resource_types },
		{ "tf_plan__state_is_read", tf_plan__state_is_read },
		{ "tf_plan__bad_shapes_are_placed_and_the_rest_is_read", tf_plan__bad_shapes_are_placed_and_the_rest_is_read },
		{ "tf_plan__unresolved_attachment_warns", tf_plan__unresolved_attachment_warns },
		{ "tf_plan__changes_only", tf_plan__changes_only },
		{ "tf_plan__azure_roles_and_assignments", tf_plan__azure_roles_and_assignments },
		{ NULL, NULL }
	};
	return test_register("tf_plan", cases);
}
