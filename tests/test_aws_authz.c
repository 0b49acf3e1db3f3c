/* Tests for analyzer/ingest/aws_authz.c and aws_policy.c: the authorization-details reader. */
#include "doc/doc.h"
#include "ingest/ingest.h"
#include "model/model.h"
#include "tests/test_util.h"

static int read_into(model *m, const char *name, const char *text, diag_list *dl)
{
	doc *d = NULL;
	diag dg = DIAG_INIT;
	ingest_ctx c;
	int err;

	if (doc_load_buffer(&d, name, text, strlen(text), DOC_FMT_AUTO, &dg) < 0) {
		diag_list_add(dl, &dg);
		return -1;
	}
	CU_ASSERT_TRUE(ingest_find_format("aws-authz-details")->detect(doc_root(d), name));
	c.m = m;
	c.doc = d;
	c.path = name;
	c.diags = dl;
	err = ingest_find_format("aws-authz-details")->read(&c, doc_root(d));
	doc_free(d);
	return err;
}

static const char page1[] =
	"UserDetailList:\n"
	"  - UserName: alice\n"
	"    UserId: AIDA1\n"
	"    Arn: arn:aws:iam::111111111111:user/alice\n"
	"    Path: /\n"
	"    GroupList: [readers]\n"
	"    PermissionsBoundary: {PermissionsBoundaryType: Policy, PermissionsBoundaryArn: 'arn:aws:iam::111111111111:policy/bound'}\n"
	"    Tags: [{Key: team, Value: data}]\n"
	"    UserPolicyList:\n"
	"      - PolicyName: own\n"
	"        PolicyDocument: '{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"S3:GetObject\",\"Resource\":\"*\"}}'\n"
	"Policies:\n"
	"  - PolicyName: bound\n"
	"    Arn: arn:aws:iam::111111111111:policy/bound\n"
	"    DefaultVersionId: v2\n"
	"    PolicyVersionList:\n"
	"      - {VersionId: v1, IsDefaultVersion: false, Document: {Statement: [{Effect: Allow, Action: '*', Resource: '*'}]}}\n"
	"      - {VersionId: v2, IsDefaultVersion: true, Document: {Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}}\n";

/* a second page of the same account: pagination fragments merge */
static const char page2[] =
	"{\"GroupDetailList\": [{\"GroupName\": \"readers\", \"GroupId\": \"AGPA1\", \"Path\": \"/\",\n"
	"  \"Arn\": \"arn:aws:iam::111111111111:group/readers\",\n"
	"  \"AttachedManagedPolicies\": [{\"PolicyName\": \"ro\", \"PolicyArn\": \"arn:aws:iam::aws:policy/ro\"}],\n"
	"  \"GroupPolicyList\": []}],\n"
	" \"RoleDetailList\": [{\"RoleName\": \"app\", \"RoleId\": \"AROA1\", \"Path\": \"/\",\n"
	"  \"Arn\": \"arn:aws:iam::111111111111:role/app\",\n"
	"  \"AssumeRolePolicyDocument\": \"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22AWS%22%3A%22222222222222%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D\",\n"
	"  \"RolePolicyList\": [], \"AttachedManagedPolicies\": []}],\n"
	" \"Policies\": [{\"PolicyName\": \"ro\", \"Arn\": \"arn:aws:iam::aws:policy/ro\", \"DefaultVersionId\": \"v1\",\n"
	"  \"PolicyVersionList\": [{\"VersionId\": \"v1\", \"IsDefaultVersion\": true,\n"
	"    \"Document\": {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:List*\"], \"Resource\": \"*\"}]}}]}]}\n";

static void aws_authz__pages_merge_and_resolve(void)
{
	model *m = model_new();
	diag_list dl;
	principal *alice, *app;
	size_t i;
	int own = 0, group = 0;

	diag_list_init(&dl);
	CU_ASSERT_EQUAL(read_into(m, "p1.yaml", page1, &dl), 0);
	CU_ASSERT_EQUAL(read_into(m, "p2.json", page2, &dl), 0);
	CU_ASSERT_EQUAL(dl.errors, 0);
	model_finalize(m, &dl);
	CU_ASSERT_EQUAL(dl.count, 0);
	alice = model_find_principal(m, "arn:aws:iam::111111111111:user/alice");
	CU_ASSERT_PTR_NOT_NULL_FATAL(alice);
	CU_ASSERT_EQUAL(alice->kind, PRIN_USER);
	ASSERT_STR(alice->account, "111111111111");
	ASSERT_STR(model_tag_value(alice->tags, alice->n_tags, "team"), "data");
	CU_ASSERT_EQUAL(alice->n_groups, 1);
	CU_ASSERT_EQUAL(alice->n_policies, 2);
	for (i = 0; i < alice->n_policies; i++) {
		if (alice->policies[i]->owner)
			own++;
		if (alice->policies[i]->arn && !strcmp(alice->policies[i]->arn, "arn:aws:iam::aws:policy/ro"))
			group++;
	}
	CU_ASSERT_EQUAL(own, 1);
	CU_ASSERT_EQUAL(group, 1);
	/* actions are interned lowercase; the embedded string's statement is placed in the host line */
	ASSERT_STR(alice->inline_policies[0]->stmts[0].actions[0], "s3:getobject");
	CU_ASSERT_EQUAL(alice->inline_policies[0]->stmts[0].loc.line, 11);
	/* the default version is evaluated, not v1 */
	CU_ASSERT_PTR_NOT_NULL_FATAL(alice->boundary);
	ASSERT_STR(alice->boundary->stmts[0].actions[0], "s3:*");
	app = model_find_principal(m, "arn:aws:iam::111111111111:role/app");
	CU_ASSERT_PTR_NOT_NULL_FATAL(app);
	CU_ASSERT_PTR_NOT_NULL_FATAL(app->trust);
	/* a bare account id is the account root */
	ASSERT_STR(app->trust->stmts[0].principals[0].value, "arn:aws:iam::222222222222:root");
	diag_list_release(&dl);
	model_free(m);
}

static void aws_authz__unresolved_references_warn(void)
{
	model *m = model_new();
	diag_list dl;

	diag_list_init(&dl);
	CU_ASSERT_EQUAL(read_into(m, "p1.yaml", page1, &dl), 0);
	model_finalize(m, &dl);
	/* group 'readers' is not in this page */
	CU_ASSERT_EQUAL(dl.errors, 0);
	CU_ASSERT_EQUAL(dl.count, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(dl.items[0].msg, "group 'readers'"));
	CU_ASSERT_EQUAL(dl.items[0].line, 2);
	diag_list_release(&dl);
	model_free(m);
}

static void aws_authz__bad_shapes_are_placed(void)
{
	static const char bad[] =
		"{\"UserDetailList\": [\n"
		"  {\"UserName\": \"bob\", \"Arn\": \"arn:aws:iam::1:user/bob\",\n"
		"   \"AttachedManagedPolicies\": {\"PolicyName\": \"x\"}},\n"
		"  {\"UserName\": \"carol\", \"Arn\": \"arn:aws:iam::1:user/carol\",\n"
		"   \"UserPolicyList\": [{\"PolicyName\": \"p\", \"PolicyDocument\": {\"Statement\": [{\"Efect\": \"Allow\"}]}}]},\n"
		"  {\"UserName\": \"dave\", \"Arn\": \"arn:aws:iam::1:user/dave\"}]}\n";
	model *m = model_new();
	diag_list dl;

	diag_list_init(&dl);
	CU_ASSERT(read_into(m, "bad.json", bad, &dl) < 0);
	CU_ASSERT_EQUAL(dl.errors, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(dl.items[0].msg, "'AttachedManagedPolicies' must be a list"));
	CU_ASSERT_EQUAL(dl.items[0].line, 3);
	CU_ASSERT_EQUAL(dl.items[0].col, 31);
	ASSERT_STR(dl.items[1].msg, "unknown key 'Efect' in statement (did you mean 'Effect'?)");
	CU_ASSERT_EQUAL(dl.items[1].line, 5);
	CU_ASSERT_EQUAL(dl.items[1].col, 77);
	/* the rest of the file is not lost */
	CU_ASSERT_PTR_NOT_NULL(model_find_principal(m, "arn:aws:iam::1:user/dave"));
	diag_list_release(&dl);
	model_free(m);
}

TEST_SUITE(aws_authz)
{
	static const test_case cases[] = {
		{ "aws_authz__pages_merge_and_resolve", aws_authz__pages_merge_and_resolve },
		{ "aws_authz__unresolved_references_warn", aws_authz__unresolved_references_warn },
		{ "aws_authz__bad_shapes_are_placed", aws_authz__bad_shapes_are_placed },
		{ NULL, NULL }
	};
	return test_register("aws_authz", cases);
}
