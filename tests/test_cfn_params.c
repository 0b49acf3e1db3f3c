/*
 * Tests for the CloudFormation reader's detection and parameters files
 * (ingest/cfn.c, cfn_params.c, cfn_cond.c): both file shapes, stack tags,
 * conditions settled by given values, errors, and the order of inputs.
 */
#include "tests/test_cfn_util.h"

static void cfn_params__detects_templates_and_parameters_files(void)
{
	scratch s;
	loaded l;

	scratch_init(&s);
	scratch_file(&s, NULL, "a.json", "[{\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"}]");
	scratch_file(&s, NULL, "b.json", "{\"Parameters\": {\"Env\": \"prod\"}, \"Tags\": {\"team\": \"x\"}}");
	scratch_file(&s, NULL, "c.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
	scratch_file(&s, NULL, "d.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}");
	load_files(&l, &s);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.run.n_inputs, 4);
	ASSERT_STR(l.run.inputs[0].format, "cloudformation");
	ASSERT_STR(l.run.inputs[1].format, "cloudformation");
	ASSERT_STR(l.run.inputs[2].format, "cloudformation");
	ASSERT_STR(l.run.inputs[3].format, "cloudformation");
	/* stack tags of the configuration file land on the template's stores */
	ASSERT_STR(model_tag_value(model_find_resource(l.m, "arn:aws:s3:::{B}")->tags,
				   model_find_resource(l.m, "arn:aws:s3:::{B}")->n_tags, "team"), "x");
	unload(&l);
	scratch_free(&s, NULL);
	/* a Resources map without AWS:: types is not a template */
	load_text(&l, &s, "e.json", "{\"Resources\": {\"X\": {\"Type\": \"Custom::Thing\"}}}");
	CU_ASSERT_NOT_EQUAL(l.err, 0);
	CU_ASSERT_PTR_NULL(l.run.inputs[0].format);
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn_params__parameters_file_settles_conditions(void)
{
	scratch s;
	loaded l;
	resource *r;

	scratch_init(&s);
	scratch_file(&s, NULL, "a-params.json", "[{\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"},"
						"{\"ParameterKey\": \"AWS::AccountId\", \"ParameterValue\": \"123456789012\"}]");
	scratch_file(&s, NULL, "b.yaml", IF_TEMPLATE);
	load_files(&l, &s);
	CU_ASSERT_EQUAL(l.err, 0);
	r = model_find_resource(l.m, "arn:aws:s3:::data");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->policy);
	CU_ASSERT_PTR_NOT_NULL(stmt_with(r->policy, "a"));
	CU_ASSERT_PTR_NULL(stmt_with(r->policy, "b"));
	CU_ASSERT_FALSE(has_principal(r->policy, "arn:aws:iam::444444444444:root"));
	/* decided: the Deny holds without a condition */
	CU_ASSERT_EQUAL(stmt_with(r->policy, "e") ? stmt_with(r->policy, "e")->n_conds : 9, 0);
	ASSERT_STR(r->account, "123456789012");
	unload(&l);
	scratch_free(&s, NULL);

	scratch_init(&s);
	scratch_file(&s, NULL, "a.json", "{\"Parameters\": {\"Env\": \"prod\"}}");
	scratch_file(&s, NULL, "b.yaml", "Parameters:\n  Env: {Type: String}\nConditions:\n  IsDev: !Equals [dev, !Ref Env]\n"
		     "Resources:\n  Extra:\n    Type: AWS::S3::Bucket\n    Condition: IsDev\n    Properties: {BucketName: extra}\n"
		     "  Kept:\n    Type: AWS::S3::Bucket\n    Condition: IsProd2\n    Properties: {BucketName: kept}\n");
	load_files(&l, &s);
	CU_ASSERT_PTR_NULL(model_find_resource(l.m, "arn:aws:s3:::extra"));
	/* an unknown condition is an error at its place; the resource still counts */
	CU_ASSERT_PTR_NOT_NULL(model_find_resource(l.m, "arn:aws:s3:::kept"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "condition 'IsProd2' is not in the template's Conditions"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void cfn_params__parameters_file_errors_and_order(void)
{
	scratch s;
	loaded l;

	scratch_init(&s);
	scratch_file(&s, NULL, "a.yaml", "Parameters:\n  N: {Type: String}\nResources:\n  R:\n    Type: AWS::S3::Bucket\n"
		     "    Properties: {BucketName: !Ref N}\n");
	scratch_file(&s, NULL, "b.json", "[{\"ParameterKey\": \"N\", \"ParameterValue\": \"late\"}, {\"ParameterKey\": \"M\"}]");
	scratch_file(&s, NULL, "c.json", "{\"Parameters\": [\"N\"]}");
	load_files(&l, &s);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	/* read after the template: it did not apply, and says so */
	CU_ASSERT_PTR_NOT_NULL(model_find_resource(l.m, "arn:aws:s3:::{N}"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "parameters file read after 1 template(s)"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "parameter 'M' has no 'ParameterValue'"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "'Parameters' must map parameter names to values"));
	unload(&l);
	scratch_free(&s, NULL);
}


TEST_SUITE(cfn_params)
{
	static const test_case cases[] = {
		{ "cfn_params__detects_templates_and_parameters_files", cfn_params__detects_templates_and_parameters_files },
		{ "cfn_params__parameters_file_settles_conditions", cfn_params__parameters_file_settles_conditions },
		{ "cfn_params__parameters_file_errors_and_order", cfn_params__parameters_file_errors_and_order },
		{ NULL, NULL }
	};
	return test_register("cfn_params", cases);
}
