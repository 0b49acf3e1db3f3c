/*
 * Tests for suggest/: least-privilege suggestions over hand-made exports read
 * through ingest_paths as the CLI does, scanned with the built-in defaults;
 * every suggestion re-evaluated, and broken ones rejected.
 */
#include "checks/check_model.h"
#include "checks/scan.h"
#include "suggest/suggest_aws.h"
#include "suggest/suggest_guard.h"
#include "suggest/suggest_verify.h"
#include "suggest/suggestion.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#define ALICE "arn:aws:iam::111111111111:user/alice"
#define OPS "arn:aws:iam::111111111111:role/ops"
#define SYNTH "arn:aws:s3:::synth-a"
#define OTHER "arn:aws:s3:::synth-other"
#define SUB "/subscriptions/0b1d0000-1111-4222-8333-000000000001"
#define STORE SUB "/resourceGroups/synthetic-rg/providers/Microsoft.Storage/storageAccounts/stsynth"

static const char authz[] =
	"{\"UserDetailList\": [{\"UserName\": \"alice\", \"Arn\": \"" ALICE "\", \"UserId\": \"AIDAALICE\", \"Path\": \"/\",\n"
	"  \"UserPolicyList\": [{\"PolicyName\": \"s3-admin\", \"PolicyDocument\": {\"Version\": \"2012-10-17\",\n"
	"    \"Statement\": [{\"Sid\": \"S3Admin\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}}]}],\n"
	" \"RoleDetailList\": [{\"RoleName\": \"ops\", \"Arn\": \"" OPS "\", \"RoleId\": \"AROAOPS\", \"Path\": \"/\",\n"
	"  \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",\n"
	"    \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]},\n"
	"  \"RolePolicyList\": [{\"PolicyName\": \"all-but-iam\", \"PolicyDocument\": {\"Version\": \"2012-10-17\",\n"
	"    \"Statement\": [{\"Sid\": \"NotIam\", \"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}]}}]}],\n"
	" \"GroupDetailList\": [], \"Policies\": []}\n";

static const char manifest[] =
	"permgraph: resources/1\n"
	"resources:\n"
	"  - arn: " SYNTH "\n"
	"    account: \"111111111111\"\n"
	"    tags: {data-classification: synthetic}\n"
	"    policy: null\n"
	"  - arn: " OTHER "\n"
	"    account: \"222222222222\"\n"
	"    tags: {data-classification: synthetic}\n"
	"    policy:\n"
	"      Version: \"2012-10-17\"\n"
	"      Statement:\n"
	"        - Effect: Allow\n"
	"          Principal: {AWS: \"arn:aws:iam::111111111111:root\"}\n"
	"          Action: [\"s3:GetObject\", \"s3:ListBucket\"]\n"
	"          Resource: [\"" OTHER "\", \"" OTHER "/*\"]\n";

static const char az_assignments[] =
	"[{\"id\": \"" SUB "/providers/Microsoft.Authorization/roleAssignments/aaaa0000-0000-4000-8000-000000000001\",\n"
	"  \"name\": \"aaaa0000-0000-4000-8000-000000000001\", \"principalId\": \"cccc0000-0000-4000-8000-000000000001\",\n"
	"  \"principalName\": \"carol@contoso.com\", \"principalType\": \"User\",\n"
	"  \"roleDefinitionId\": \"" SUB "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c\",\n"
	"  \"roleDefinitionName\": \"Contributor\", \"scope\": \"" SUB "\",\n"
	"  \"type\": \"Microsoft.Authorization/roleAssignments\"}]\n";

static const char az_resources[] =
	"[{\"id\": \"" STORE "\", \"name\": \"stsynth\", \"type\": \"Microsoft.Storage/storageAccounts\",\n"
	"  \"resourceGroup\": \"synthetic-rg\", \"location\": \"westeurope\", \"kind\": \"StorageV2\",\n"
	"  \"tags\": {\"data-classification\": \"synthetic\"}},\n"
	" {\"id\": \"" SUB "/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/stapp\", \"name\": \"stapp\",\n"
	"  \"type\": \"Microsoft.Storage/storageAccounts\", \"resourceGroup\": \"app-rg\", \"location\": \"westeurope\",\n"
	"  \"kind\": \"StorageV2\", \"tags\": {}}]\n";

typedef struct fx {
	scratch dir;
	loaded l;
	config *cfg;
	scan_result scan;
	suggestion_list out;
} fx;

static void fx_open(fx *f, int aws, int azure, const char *org)
{
	const char *paths[1];

	memset(f, 0, sizeof(*f));
	scratch_init(&f->dir);
	if (aws) {
		scratch_file(&f->dir, NULL, "authz.json", authz);
		scratch_file(&f->dir, NULL, "manifest.yaml", manifest);
	}
	if (azure) {
		scratch_file(&f->dir, NULL, "role-assignments.json", az_assignments);
		scratch_file(&f->dir, NULL, "resources.json", az_resources);
	}
	paths[0] = f->dir.dir;
	load(&f->l, paths, 1);
	if (f->l.err)
		diag_list_print(stderr, &f->l.diags);
	CU_ASSERT_EQUAL_FATAL(f->l.err, 0);
	f->cfg = config_defaults();
	f->cfg->org_id = org;
	scan_result_init(&f->scan);
	CU_ASSERT_EQUAL_FATAL(scan_run(f->l.m, f->cfg, 20260101, &f->scan, NULL), 0);
	suggestion_list_init(&f->out);
}

static void fx_close(fx *f)
{
	suggestion_list_release(&f->out);
	scan_result_release(&f->scan);
	config_free(f->cfg);
	unload(&f->l);
	scratch_free(&f->dir, NULL);
}

/* The statement of the suggested policy that allows action on resource pattern (exactly), or NULL. */
static const stmt *grant(const suggestion *s, const char *action, const char *pattern)
{
	size_t i, j, k;

	for (i = 0; s->doc && i < s->doc->n_stmts; i++) {
		const stmt *st = &s->doc->stmts[i];
		for (j = 0; st->effect == EFFECT_ALLOW && j < st->n_actions; j++)
			for (k = 0; !strcasecmp(st->actions[j], action) && k < st->n_resources; k++)
				if (!strcmp(st->resources[k], pattern))
					return st;
	}
	return NULL;
}

static const sug_removed *removed(const suggestion *s, const char *res, const char *action)
{
	size_t i, j;

	for (i = 0; i < s->n_removed; i++)
		for (j = 0; res && s->removed[i].resource && !strcmp(s->removed[i].resource, res) &&
			    j < s->removed[i].actions.n; j++)
			if (!strcmp(s->removed[i].actions.items[j], action))
				return &s->removed[i];
	return NULL;
}

static int no_wildcards(const suggestion *s)
{
	size_t i, j;

	for (i = 0; i < s->doc->n_stmts; i++) {
		const stmt *st = &s->doc->stmts[i];
		if (st->not_action || st->not_resource)
			return 0;
		for (j = 0; j < st->n_actions; j++)
			if (strchr(st->actions[j], '*') || strchr(st->actions[j], '?'))
				return 0;
		for (j = 0; j < st->n_resources; j++)
			if (!strcmp(st->resources[j], "*"))
				return 0;
	}
	return 1;
}

static int has_failure(const suggestion *s, const char *part)
{
	size_t i;

	for (i = 0; i < s->failures.n; i++)
		if (strstr(s->failures.items[i], part))
			return 1;
	return 0;
}

static suggestion *built(fx *f, const char *arn)
{
	const principal *p = model_find_principal(f->l.m, arn);
	int changed = 0;
	suggestion *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	s = suggest_aws_build(f->l.m, f->scan.g, p, &f->out, &changed);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(changed);
	CU_ASSERT_EQUAL(suggest_verify_aws(f->l.m, f->scan.g, p, s), 0);
	return s;
}

static void test_wildcard_user_policy_becomes_concrete_actions(void)
{
	fx f;
	suggestion *s;

	fx_open(&f, 1, 0, NULL);
	s = built(&f, ALICE);
	CU_ASSERT(s->verified);
	CU_ASSERT_EQUAL(s->kind, SUG_AWS_IDENTITY);
	CU_ASSERT_EQUAL_FATAL(s->current.n, 1);
	ASSERT_STR(s->current.items[0], "inline:s3-admin");
	CU_ASSERT(no_wildcards(s) || grant(s, "s3:getobject", SYNTH "/*"));
	/* concrete actions on the concrete store: bucket actions on the bucket, object actions on its keys */
	CU_ASSERT_PTR_NOT_NULL(grant(s, "s3:getobject", SYNTH "/*"));
	CU_ASSERT_PTR_NOT_NULL(grant(s, "s3:putobject", SYNTH "/*"));
	CU_ASSERT_PTR_NOT_NULL(grant(s, "s3:listbucket", SYNTH));
	CU_ASSERT_PTR_NULL(grant(s, "s3:getobject", SYNTH));
	CU_ASSERT_PTR_NULL(grant(s, "s3:getobject", "*"));
	/* grouped by service and level, named after the original Sid */
	ASSERT_STR(grant(s, "s3:getobject", SYNTH "/*")->sid, "S3AdminS3Read2");
	/* the other account's store is dropped, and said */
	CU_ASSERT_PTR_NULL(grant(s, "s3:getobject", OTHER "/*"));
	CU_ASSERT_PTR_NOT_NULL(removed(s, OTHER, "s3:GetObject"));
	ASSERT_STR(removed(s, OTHER, "s3:GetObject")->reason, "a store of another account");
	/* s3 actions that reach no store it needs are not kept (a service wildcard: listed one by one) */
	CU_ASSERT_PTR_NOT_NULL(removed(s, "*", "s3:ListAllMyBuckets"));
	fx_close(&f);
}

static void test_not_action_becomes_explicit_complement(void)
{
	fx f;
	suggestion *s;
	size_t i, j;

	fx_open(&f, 1, 0, NULL);
	s = built(&f, OPS);
	CU_ASSERT(s->verified);
	CU_ASSERT(no_wildcards(s));
	CU_ASSERT_PTR_NOT_NULL(grant(s, "s3:getobject", SYNTH "/*"));
	CU_ASSERT_PTR_NOT_NULL(grant(s, "s3:deletebucket", SYNTH));
	for (i = 0; i < s->doc->n_stmts; i++)
		for (j = 0; j < s->doc->stmts[i].n_actions; j++)
			CU_ASSERT(strncmp(s->doc->stmts[i].actions[j], "iam:", 4) != 0);
	/* what NotAction granted on resources the inputs do not list: one entry naming it */
	CU_ASSERT_PTR_NOT_NULL(removed(s, "*", "NotAction iam:*"));
	CU_ASSERT_PTR_NOT_NULL(removed(s, OTHER, "s3:ListBucket"));
	fx_close(&f);
}

/* A copy of the suggested policy with one statement more (extra) or one fewer (drop_action's). */
static policy *broken(fx *f, const policy *from, const stmt *extra, const char *drop_action)
{
	policy *p = model_new_policy(f->l.m, POL_IDENTITY, "broken");
	size_t i, j;

	p->version = from->version;
	p->stmts = ARENA_ARRAY(model_arena(f->l.m), stmt, from->n_stmts + 1);
	for (i = 0; i < from->n_stmts; i++) {
		int drop = 0;
		for (j = 0; drop_action && j < from->stmts[i].n_actions; j++)
			drop |= !strcmp(from->stmts[i].actions[j], drop_action);
		if (!drop)
			p->stmts[p->n_stmts++] = from->stmts[i];
	}
	if (extra)
		p->stmts[p->n_stmts++] = *extra;
	for (i = 0; i < p->n_stmts; i++) {
		p->stmts[i].policy = p;
		p->stmts[i].index = i;
	}
	return p;
}

static void test_verifier_rejects_a_suggestion_that_grants_more(void)
{
	fx f;
	suggestion *s;
	stmt more;
	const char *acts[1], *res[1];
	const principal *p;

	fx_open(&f, 1, 0, NULL);
	s = built(&f, ALICE);
	CU_ASSERT_FATAL(s->verified);
	memset(&more, 0, sizeof(more));
	acts[0] = model_intern(f.l.m, "kms:decrypt");
	res[0] = model_intern(f.l.m, "*");
	more.effect = EFFECT_ALLOW;
	more.actions = acts;
	more.n_actions = 1;
	more.resources = res;
	more.n_resources = 1;
	more.has_resource = 1;
	s->doc = broken(&f, s->doc, &more, NULL);
	p = model_find_principal(f.l.m, ALICE);
	sug_strs_release(&s->failures);
	CU_ASSERT_EQUAL(suggest_verify_aws(f.l.m, f.scan.g, p, s), 0);
	CU_ASSERT_FALSE(s->verified);
	CU_ASSERT(has_failure(s, "grants more: kms:Decrypt"));
	fx_close(&f);
}

static void test_verifier_rejects_a_suggestion_that_drops_a_need(void)
{
	fx f;
	suggestion *s;
	const principal *p;

	fx_open(&f, 1, 0, NULL);
	s = built(&f, ALICE);
	CU_ASSERT_FATAL(s->verified);
	s->doc = broken(&f, s->doc, NULL, model_intern(f.l.m, "s3:getobject"));
	p = model_find_principal(f.l.m, ALICE);
	CU_ASSERT_EQUAL(suggest_verify_aws(f.l.m, f.scan.g, p, s), 0);
	CU_ASSERT_FALSE(s->verified);
	CU_ASSERT(has_failure(s, "drops needed s3:GetObject on " SYNTH "/_pg_"));
	fx_close(&f);
}

static void test_suggest_run_lists_rejected_apart(void)
{
	fx f;
	suggest_options o;
	diag_list warn;
	size_t i, n_aws = 0;

	fx_open(&f, 1, 0, NULL);
	memset(&o, 0, sizeof(o));
	o.today = 20260101;
	diag_list_init(&warn);
	CU_ASSERT_EQUAL(suggest_run(f.l.m, &f.scan, f.cfg, &o, &f.out, &warn), 0);
	for (i = 0; i < f.out.count; i++) {
		CU_ASSERT(f.out.items[i]->verified);
		n_aws += f.out.items[i]->kind == SUG_AWS_IDENTITY;
	}
	CU_ASSERT_EQUAL(n_aws, 2);
	CU_ASSERT_EQUAL(suggestion_list_verified(&f.out), f.out.count);
	CU_ASSERT_EQUAL(warn.count, 0);
	diag_list_release(&warn);
	fx_close(&f);
}

static const suggestion *guard_for(const suggestion_list *l, const char *store)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (l->items[i]->kind == SUG_AWS_GUARDRAIL && !strcmp(l->items[i]->resource, store))
			return l->items[i];
	return NULL;
}

static void test_guardrail_denies_outside_not_inside(void)
{
	fx f;
	const suggestion *s;
	const stmt *g;

	fx_open(&f, 1, 0, "o-test12345");
	CU_ASSERT_EQUAL(suggest_guardrails(f.l.m, f.scan.g, f.cfg, &f.out), 0);
	s = guard_for(&f.out, SYNTH);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(s->verified);
	g = &s->doc->stmts[0];
	CU_ASSERT_EQUAL(g->effect, EFFECT_DENY);
	ASSERT_STR(g->conds[0].key, "aws:PrincipalOrgID");
	ASSERT_STR(g->conds[0].values[0], "o-test12345");
	CU_ASSERT_EQUAL(g->n_resources, 2);
	CU_ASSERT(check_perimeter_deny(g, model_find_resource(f.l.m, SYNTH)));
	/* alice, in the store's account, keeps her access: no failure, nothing removed for her */
	CU_ASSERT_EQUAL(s->failures.n, 0);
	fx_close(&f);
}

static void test_guardrail_by_account_removes_outside_access(void)
{
	fx f;
	const suggestion *s;
	size_t i;
	int alice = 0;

	fx_open(&f, 1, 0, NULL);
	CU_ASSERT_EQUAL(suggest_guardrails(f.l.m, f.scan.g, f.cfg, &f.out), 0);
	s = guard_for(&f.out, OTHER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(s->verified);
	ASSERT_STR(s->doc->stmts[0].conds[0].key, "aws:PrincipalAccount");
	ASSERT_STR(s->doc->stmts[0].conds[0].values[0], "222222222222");
	/* alice is in 111111111111: the guardrail takes her cross-account read away, and says so */
	for (i = 0; i < s->n_removed; i++)
		alice |= s->removed[i].principal && !strcmp(s->removed[i].principal, ALICE) &&
			 strstr(s->removed[i].reason, "denied by the guardrail") != NULL;
	CU_ASSERT(alice);
	fx_close(&f);
}

static void test_guardrail_verifier_rejects_a_wrong_statement(void)
{
	fx f;
	suggestion *s;
	const char *res[1];

	fx_open(&f, 1, 0, "o-test12345");
	CU_ASSERT_EQUAL(suggest_guardrails(f.l.m, f.scan.g, f.cfg, &f.out), 0);
	s = (suggestion *)guard_for(&f.out, SYNTH);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	/* the Deny on another bucket does not guard this one */
	res[0] = model_intern(f.l.m, "arn:aws:s3:::somewhere-else");
	s->doc->stmts[0].resources = res;
	s->doc->stmts[0].n_resources = 1;
	sug_strs_release(&s->failures);
	CU_ASSERT_EQUAL(suggest_guard_verify(f.l.m, f.scan.g, model_find_resource(f.l.m, SYNTH), "o-test12345", s), 0);
	CU_ASSERT_FALSE(s->verified);
	CU_ASSERT(has_failure(s, "perimeter Deny"));
	CU_ASSERT(has_failure(s, "does not deny an outside caller"));
	fx_close(&f);
}

static void test_azure_contributor_becomes_blob_data_role_on_the_store(void)
{
	fx f;
	suggest_options o;
	const suggestion *s = NULL;
	size_t i;

	fx_open(&f, 0, 1, NULL);
	memset(&o, 0, sizeof(o));
	CU_ASSERT_EQUAL(suggest_run(f.l.m, &f.scan, f.cfg, &o, &f.out, NULL), 0);
	for (i = 0; i < f.out.count; i++)
		if (f.out.items[i]->kind == SUG_AZ_ASSIGNMENT)
			s = f.out.items[i];
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(s->verified);
	ASSERT_STR(s->principal, "cccc0000-0000-4000-8000-000000000001");
	ASSERT_STR(s->az.role_name, "Storage Blob Data Contributor");
	ASSERT_STR(s->az.scope, STORE);
	ASSERT_STR(s->az.principal_type, "User");
	CU_ASSERT(!strncmp(s->current.items[0], SUB "/providers/Microsoft.Authorization/roleAssignments/", 70));
	/* the subscription-wide rest of Contributor is removed, and said */
	CU_ASSERT_PTR_NOT_NULL(removed(s, SUB, "*"));
	CU_ASSERT_PTR_NOT_NULL(removed(s, STORE, "Microsoft.Storage/storageAccounts/listkeys/action"));
	fx_close(&f);
}

/* An ABAC condition narrows the old assignment: the suggestion keeps it (else it would give more). */
static void test_azure_suggestion_keeps_the_abac_condition(void)
{
	const char *paths[1] = { "fixtures/azure/estate" };
	suggest_options o;
	scan_result scan;
	suggestion_list out;
	config *cfg = config_defaults();
	loaded l;
	const suggestion *s;

	load(&l, paths, 1);
	scan_result_init(&scan);
	suggestion_list_init(&out);
	CU_ASSERT_EQUAL_FATAL(scan_run(l.m, cfg, 20260101, &scan, NULL), 0);
	memset(&o, 0, sizeof(o));
	o.principal = "eve@fabrikam-saas.com";
	CU_ASSERT_EQUAL(suggest_run(l.m, &scan, cfg, &o, &out, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(out.count, 1);
	s = out.items[0];
	CU_ASSERT(s->verified);
	ASSERT_STR(s->az.role_name, "Storage Blob Data Reader");
	ASSERT_STR(s->az.scope, SUB "/resourceGroups/synthetic-rg/providers/Microsoft.Storage/storageAccounts/stsynthdata");
	CU_ASSERT_PTR_NOT_NULL(s->az.condition);
	CU_ASSERT(s->az.condition && strstr(s->az.condition, "tenant-acme") != NULL);
	ASSERT_STR(s->az.condition_version, "2.0");
	suggestion_list_release(&out);
	scan_result_release(&scan);
	config_free(cfg);
	unload(&l);
}

TEST_SUITE(suggest)
{
	static const test_case cases[] = {
		{ "suggest__wildcard_user_policy_becomes_concrete_actions", test_wildcard_user_policy_becomes_concrete_actions },
		{ "suggest__not_action_becomes_explicit_complement", test_not_action_becomes_explicit_complement },
		{ "suggest__verifier_rejects_a_suggestion_that_grants_more", test_verifier_rejects_a_suggestion_that_grants_more },
		{ "suggest__verifier_rejects_a_suggestion_that_drops_a_need", test_verifier_rejects_a_suggestion_that_drops_a_need },
		{ "suggest__run_lists_rejected_apart", test_suggest_run_lists_rejected_apart },
		{ "suggest__guardrail_denies_outside_not_inside", test_guardrail_denies_outside_not_inside },
		{ "suggest__guardrail_by_account_removes_outside_access", test_guardrail_by_account_removes_outside_access },
		{ "suggest__guardrail_verifier_rejects_a_wrong_statement", test_guardrail_verifier_rejects_a_wrong_statement },
		{ "suggest__azure_contributor_becomes_blob_data_role_on_the_store",
		  test_azure_contributor_becomes_blob_data_role_on_the_store },
		{ "suggest__azure_suggestion_keeps_the_abac_condition", test_azure_suggestion_keeps_the_abac_condition },
		{ NULL, NULL }
	};
	return test_register("suggest", cases);
}
