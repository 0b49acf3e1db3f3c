/* test_cfn_util — for the CloudFormation reader's suites (test_cfn.c, test_cfn_resources.c). */
#ifndef PG_TEST_CFN_UTIL_H
#define PG_TEST_CFN_UTIL_H

#include "eval/aws_eval.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

/* PG_TEST_VERBOSE=1: print what a load reported (to write a test's expectations). */
static inline void dump(const loaded *l)
{
	if (getenv("PG_TEST_VERBOSE"))
		diag_list_print(stderr, &l->diags);
}

/* Read the files of s (already written) in order, as the CLI does. */
static inline void load_files(loaded *l, scratch *s)
{
	const char *paths[16];
	size_t i;

	for (i = 0; i < s->n; i++)
		paths[i] = s->paths[i];
	load(l, paths, s->n);
	dump(l);
}

/* One template read alone; s is freed by the caller with scratch_free(s, NULL). */
static inline void load_text(loaded *l, scratch *s, const char *name, const char *text)
{
	scratch_one(s, NULL, name, text);
	load_files(l, s);
}

static inline const stmt *stmt_with(const policy *p, const char *sid)
{
	size_t i;

	for (i = 0; p && i < p->n_stmts; i++)
		if (p->stmts[i].sid && !strcmp(p->stmts[i].sid, sid))
			return &p->stmts[i];
	return NULL;
}

static inline int has_resource(const stmt *s, const char *arn)
{
	size_t i;

	for (i = 0; s && i < s->n_resources; i++)
		if (!strcmp(s->resources[i], arn))
			return 1;
	return 0;
}

static inline int has_principal(const policy *p, const char *value)
{
	size_t i, j;

	for (i = 0; p && i < p->n_stmts; i++)
		for (j = 0; j < p->stmts[i].n_principals; j++)
			if (!strcmp(p->stmts[i].principals[j].value, value))
				return 1;
	return 0;
}

static inline decision decide(loaded *l, const char *who, const char *action, const char *res)
{
	eval_result er;
	decision d;
	principal *p = model_find_principal(l->m, who);

	aws_eval_result_init(&er);
	aws_eval_allows(l->m, p, p ? NULL : who, action, res, &er);
	d = er.dec;
	aws_eval_result_release(&er);
	return d;
}

#define ROLE_TRUST "      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n" \
	"            Principal: {Service: ec2.amazonaws.com}\n            Action: sts:AssumeRole\n"

/* A bucket policy whose statements depend on IsProd (undecided unless a parameters file gives Env). */
#define IF_TEMPLATE \
	"Parameters:\n  Env: {Type: String, Default: dev}\n" \
	"Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n" \
	"Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: data}\n" \
	"  Pol:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Data\n" \
	"      PolicyDocument:\n        Statement:\n" \
	"          - !If\n            - IsProd\n" \
	"            - {Sid: a, Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::data/*'," \
	" Principal: {AWS: 'arn:aws:iam::111111111111:root'}}\n" \
	"            - {Sid: b, Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::data/*'," \
	" Principal: {AWS: 'arn:aws:iam::222222222222:root'}}\n" \
	"          - Sid: c\n            Effect: Allow\n            Action: s3:PutObject\n" \
	"            Resource: 'arn:aws:s3:::data/*'\n" \
	"            Principal: {AWS: !If [IsProd, 'arn:aws:iam::333333333333:root', 'arn:aws:iam::444444444444:root']}\n" \
	"          - Sid: d\n            Effect: Deny\n            Action: s3:GetObject\n" \
	"            Resource: 'arn:aws:s3:::data/*'\n" \
	"            Principal: '*'\n            Condition: !If [IsProd, !Ref AWS::NoValue, {Bool: {aws:SecureTransport: false}}]\n" \
	"          - !If [IsProd, {Sid: e, Effect: Deny, Action: 's3:*', Resource: 'arn:aws:s3:::data/*', Principal: '*'}," \
	" !Ref AWS::NoValue]\n"

#endif
