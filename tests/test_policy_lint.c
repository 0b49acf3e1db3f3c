/* Tests for analyzer/checks/policy_lint: one test per rule, placed findings. */
#include "base/xalloc.h"
#include "checks/policy_lint.h"
#include "doc/doc.h"
#include "tests/test_util.h"

#include <stdlib.h>

/* Lint `text` (single quotes stand for double quotes) as t.json. */
static void lint(const char *text, policy_lint_list *l)
{
	char *s = xstrdup(text), *p;
	diag d = DIAG_INIT;
	doc *x = NULL;

	for (p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	policy_lint_list_init(l);
	CU_ASSERT_EQUAL_FATAL(doc_load_buffer(&x, "t.json", s, strlen(s), DOC_FMT_AUTO, &d), 0);
	policy_lint_document(x, doc_root(x), l);
	policy_lint_list_sort(l);
	doc_free(x);
	free(s);
	diag_release(&d);
}

static size_t count(const policy_lint_list *l, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < l->count; i++)
		n += !strcmp(l->items[i].rule, rule);
	return n;
}

static const policy_lint_finding *find(const policy_lint_list *l, const char *rule)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (!strcmp(l->items[i].rule, rule))
			return &l->items[i];
	return NULL;
}

#define V12(stmts) "{'Version':'2012-10-17','Statement':[" stmts "]}"
#define ALLOW(act, res) "{'Effect':'Allow','Action':" act ",'Resource':" res "}"

/* Lint, expect exactly n findings of rule (and nothing else when only is set). */
static void expect(const char *text, const char *rule, size_t n, int only)
{
	policy_lint_list l;

	lint(text, &l);
	CU_ASSERT_EQUAL(count(&l, rule), n);
	if (only)
		CU_ASSERT_EQUAL(l.count, n);
	if (count(&l, rule) != n || (only && l.count != n)) {
		size_t i;
		for (i = 0; i < l.count; i++)
			fprintf(stderr, "\n  got %u:%u %s %s", l.items[i].line, l.items[i].col, l.items[i].rule,
				l.items[i].message);
	}
	policy_lint_list_release(&l);
}

static void policy_lint__clean_policy_has_no_findings(void)
{
	expect(V12(ALLOW("['s3:GetObject','s3:List*']", "['arn:aws:s3:::b','arn:aws:s3:::b/${aws:username}/*']")
		   ",{'Effect':'Deny','NotAction':'iam:*','NotResource':'*',"
		   "'Condition':{'Bool':{'aws:SecureTransport':'false'},'StringLike':{'s3:prefix':'x/*'},"
		   "'StringEquals':{'aws:PrincipalTag/team':'a'}}}"),
	       "PG-POLICY-INVALID", 0, 1);
}

static void policy_lint__invalid_is_placed_with_hint(void)
{
	policy_lint_list l;

	lint("{'Version': '2012-10-17',\n 'Statement': [{\n   'Efect': 'Allow', 'Action': '*'}]}", &l);
	CU_ASSERT_EQUAL_FATAL(l.count, 1);
	ASSERT_STR(l.items[0].rule, "PG-POLICY-INVALID");
	ASSERT_STR(l.items[0].category, "invalid-policy");
	CU_ASSERT_EQUAL(l.items[0].severity, SEV_HIGH);
	CU_ASSERT_EQUAL(l.items[0].line, 3);
	CU_ASSERT_EQUAL(l.items[0].col, 4);
	ASSERT_STR(l.items[0].file, "t.json");
	ASSERT_STR(l.items[0].message, "unknown key 'Efect' in statement (did you mean 'Effect'?)");
	policy_lint_list_release(&l);
	expect(V12(ALLOW("'s3 GetObject'", "'*'")), "PG-POLICY-INVALID", 1, 1);
}

static void policy_lint__unknown_action_suggests(void)
{
	policy_lint_list l;
	const policy_lint_finding *f;

	lint(V12("\n" ALLOW("['s3:GetObjekt', 's3:Get*', 'S3:GETOBJECT', 's3:Frobnicate', 's3:Zzz*']", "'*'")), &l);
	CU_ASSERT_EQUAL(count(&l, "PG-POLICY-UNKNOWN-ACTION"), 3);
	f = find(&l, "PG-POLICY-UNKNOWN-ACTION");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->line, 2);
	CU_ASSERT_EQUAL(f->col, 29);
	CU_ASSERT_EQUAL(f->severity, SEV_MEDIUM);
	ASSERT_STR(f->message, "unknown action 's3:GetObjekt' (did you mean 's3:GetObject'?)");
	ASSERT_STR(l.items[1].message, "unknown action 's3:Frobnicate'");
	ASSERT_STR(l.items[2].message, "action pattern 's3:Zzz*' matches no known action");
	policy_lint_list_release(&l);
}

static void policy_lint__unknown_service(void)
{
	policy_lint_list l;

	lint(V12(ALLOW("['s4:GetObject','qqqqqqqq:Get']", "'*'")), &l);
	CU_ASSERT_EQUAL(count(&l, "PG-POLICY-UNKNOWN-SERVICE"), 2);
	CU_ASSERT_EQUAL(count(&l, "PG-POLICY-UNKNOWN-ACTION"), 0);
	ASSERT_STR(l.items[0].message, "unknown service 's4' in action 's4:GetObject' (did you mean 's3'?)");
	ASSERT_STR(l.items[1].message, "unknown service 'qqqqqqqq' in action 'qqqqqqqq:Get'");
	policy_lint_list_release(&l);
}

static void policy_lint__unknown_condition_operator(void)
{
	policy_lint_list l;

	lint(V12("{'Effect':'Deny','Action':'s3:*','Resource':'*','Condition':{"
		 "'StringEqual':{'s3:prefix':'a'},'ForAnyValue:StringLik':{'aws:TagKeys':'a'},"
		 "'NullIfExists':{'aws:TagKeys':'true'},'StringEqualsIfExists':{'s3:prefix':'a'}}}"), &l);
	CU_ASSERT_EQUAL_FATAL(count(&l, "PG-POLICY-UNKNOWN-CONDITION-OPERATOR"), 3);
	CU_ASSERT_EQUAL(l.count, 3);
	ASSERT_STR(l.items[0].message, "unknown condition operator 'StringEqual' (did you mean 'StringEquals'?)");
	ASSERT_STR(l.items[1].message,
		   "unknown condition operator 'ForAnyValue:StringLik' (did you mean 'ForAnyValue:StringLike'?)");
	ASSERT_STR(l.items[2].message, "unknown condition operator 'NullIfExists'");
	CU_ASSERT_EQUAL(l.items[0].col, 99);
	policy_lint_list_release(&l);
}

static void policy_lint__unknown_global_condition_key(void)
{
	policy_lint_list l;

	lint(V12("{'Effect':'Deny','Action':'s3:*','Resource':'*','Condition':{'StringEquals':{"
		 "'aws:SourceIps':'a','aws:sourceip':'b','aws:PrincpalTag/team':'c','aws:RequestTag/x':'d',"
		 "'s3:whatever':'e','aws:Nonsense':'f'}}}"), &l);
	CU_ASSERT_EQUAL_FATAL(count(&l, "PG-POLICY-UNKNOWN-CONDITION-KEY"), 3);
	CU_ASSERT_EQUAL(l.count, 3);
	CU_ASSERT_EQUAL(l.items[0].severity, SEV_LOW);
	ASSERT_STR(l.items[0].message, "unknown global condition key 'aws:SourceIps' (did you mean 'aws:SourceIp'?)");
	ASSERT_STR(l.items[1].message,
		   "unknown global condition key 'aws:PrincpalTag/team' (did you mean 'aws:PrincipalTag/team'?)");
	ASSERT_STR(l.items[2].message, "unknown global condition key 'aws:Nonsense'");
	policy_lint_list_release(&l);
}

static void policy_lint__malformed_arn(void)
{
	policy_lint_list l;

	lint(V12(ALLOW("'s3:GetObject'", "['*','arn:aws:s3','bucket/key','arn:aws:s3:::b/*']")), &l);
	CU_ASSERT_EQUAL_FATAL(count(&l, "PG-POLICY-MALFORMED-ARN"), 2);
	CU_ASSERT_EQUAL(l.count, 2);
	ASSERT_STR(l.items[0].message, "malformed resource 'arn:aws:s3' (expected an ARN or \"*\")");
	CU_ASSERT_EQUAL(l.items[0].col, 96);
	policy_lint_list_release(&l);
}

static void policy_lint__arn_service_wildcard(void)
{
	expect(V12(ALLOW("'s3:GetObject'", "['arn:aws:*:::b','arn:aws:s3?:::b','arn:aws:s3:*:*:b']")),
	       "PG-POLICY-ARN-SERVICE-WILDCARD", 2, 1);
}

static void policy_lint__allow_not_action(void)
{
	policy_lint_list l;

	lint(V12("{'Effect':'Allow','NotAction':'iam:*','Resource':'*'},"
		 "{'Effect':'Deny','NotAction':'s3:*','Resource':'*'}"), &l);
	CU_ASSERT_EQUAL_FATAL(l.count, 1);
	ASSERT_STR(l.items[0].rule, "PG-POLICY-ALLOW-NOT-ACTION");
	ASSERT_STR(l.items[0].category, "wildcard");
	CU_ASSERT_EQUAL(l.items[0].col, 56);
	policy_lint_list_release(&l);
}

static void policy_lint__allow_not_resource(void)
{
	expect(V12("{'Effect':'Allow','Action':'s3:GetObject','NotResource':'arn:aws:s3:::secret/*'},"
		   "{'Effect':'Deny','Action':'s3:GetObject','NotResource':'arn:aws:s3:::b/*'}"),
	       "PG-POLICY-ALLOW-NOT-RESOURCE", 1, 1);
}

static void policy_lint__public_principal(void)
{
	policy_lint_list l;

	lint(V12("{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'},"
		 "{'Effect':'Allow','Principal':{'AWS':['*']},'Action':'s3:ListBucket','Resource':'arn:aws:s3:::b'},"
		 "{'Effect':'Allow','Principal':'*','Action':'s3:PutObject','Resource':'arn:aws:s3:::b/*',"
		 "'Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-1'}}},"
		 "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':'*'}"), &l);
	CU_ASSERT_EQUAL_FATAL(count(&l, "PG-POLICY-PUBLIC-PRINCIPAL"), 2);
	CU_ASSERT_EQUAL(l.count, 2);
	ASSERT_STR(l.items[0].category, "public-access");
	CU_ASSERT_EQUAL(l.items[0].severity, SEV_HIGH);
	CU_ASSERT_EQUAL(l.items[0].col, 68);
	policy_lint_list_release(&l);
}

static void policy_lint__full_admin(void)
{
	expect(V12(ALLOW("'*'", "'*'")), "PG-POLICY-FULL-ADMIN", 1, 1);
	expect(V12(ALLOW("'*'", "'arn:aws:s3:::b'")), "PG-POLICY-FULL-ADMIN", 0, 1);
	expect(V12("{'Effect':'Deny','Action':'*','Resource':'*'}"), "PG-POLICY-FULL-ADMIN", 0, 1);
}

static void policy_lint__redundant_statement(void)
{
	policy_lint_list l;

	lint(V12("{'Sid':'All','Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/*'},"
		 "{'Effect':'Allow','Action':['s3:GetObject','s3:Put*'],'Resource':'arn:aws:s3:::b/x/*',"
		 "'Condition':{'Bool':{'aws:SecureTransport':'true'}}},"
		 "{'Sid':'Again','Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/*'},"
		 "{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::other/*'}"), &l);
	CU_ASSERT_EQUAL_FATAL(count(&l, "PG-POLICY-REDUNDANT-STATEMENT"), 2);
	CU_ASSERT_EQUAL(l.count, 2);
	ASSERT_STR(l.items[0].message, "statement 2 is redundant: statement 'All' already allows all it allows");
	ASSERT_STR(l.items[1].message, "statement 'Again' is redundant: statement 'All' already allows all it allows");
	policy_lint_list_release(&l);
	/* a conditional statement covers nothing; '?' in the cover is compared exactly */
	expect(V12("{'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'true'}}},"
		   ALLOW("'s3:GetObject'", "'arn:aws:s3:::b*'") "," ALLOW("'s3:Get*'", "'arn:aws:s3:::b?'")),
	       "PG-POLICY-REDUNDANT-STATEMENT", 0, 1);
}

static void policy_lint__variable_without_version(void)
{
	expect("{'Statement':{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/${aws:username}/*',"
	       "'Condition':{'StringEquals':{'aws:PrincipalTag/x':['${aws:userid}']}}}}",
	       "PG-POLICY-VARIABLE-VERSION", 2, 1);
	expect("{'Version':'2008-10-17','Statement':{'Effect':'Allow','Action':'s3:GetObject',"
	       "'Resource':'arn:aws:s3:::b/${aws:username}/*'}}", "PG-POLICY-VARIABLE-VERSION", 1, 1);
}

static void policy_lint__embedded_string_policy(void)
{
	policy_lint_list l;
	diag d = DIAG_INIT;
	doc *x = NULL;
	const char *text = "{\"PolicyDocument\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":"
			   "{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:GetObjekt\\\",\\\"Resource\\\":\\\"*\\\"}}\"}";

	policy_lint_list_init(&l);
	CU_ASSERT_EQUAL_FATAL(doc_load_buffer(&x, "e.json", text, strlen(text), DOC_FMT_JSON, &d), 0);
	CU_ASSERT_EQUAL(policy_lint_document(x, doc_get(doc_root(x), "PolicyDocument"), &l), 1);
	CU_ASSERT_EQUAL(count(&l, "PG-POLICY-UNKNOWN-ACTION"), 1);
	ASSERT_STR(l.items[0].file, "e.json");
	policy_lint_list_release(&l);
	doc_free(x);
	diag_release(&d);
}

static void policy_lint__sort_and_severities(void)
{
	policy_lint_list l;
	severity s = SEV_LOW;

	policy_lint_list_init(&l);
	policy_lint_list_add(&l, "R2", "wildcard", SEV_LOW, "b.json", 1, 1, "m");
	policy_lint_list_add(&l, "R1", "wildcard", SEV_LOW, "a.json", 9, 2, "m");
	policy_lint_list_add(&l, "R1", "wildcard", SEV_LOW, "a.json", 9, 1, "m");
	policy_lint_list_add(&l, "R0", "wildcard", SEV_LOW, "a.json", 10, 1, "m");
	policy_lint_list_sort(&l);
	CU_ASSERT_EQUAL(l.items[0].col, 1);
	CU_ASSERT_EQUAL(l.items[1].col, 2);
	CU_ASSERT_EQUAL(l.items[2].line, 10);
	ASSERT_STR(l.items[3].file, "b.json");
	policy_lint_list_release(&l);
	policy_lint_list_release(NULL);
	CU_ASSERT_EQUAL(severity_parse("critical", &s), 0);
	CU_ASSERT_EQUAL(s, SEV_CRITICAL);
	/* any case, as --fail-on and the config's fail_on take it */
	CU_ASSERT_EQUAL(severity_parse("High", &s), 0);
	CU_ASSERT_EQUAL(s, SEV_HIGH);
	CU_ASSERT_EQUAL(severity_parse("severe", &s), -1);
	ASSERT_STR(severity_name(SEV_NONE), "");
	ASSERT_STR(severity_name(SEV_MEDIUM), "medium");
}

TEST_SUITE(policy_lint)
{
	static const test_case cases[] = {
		{ "policy_lint__clean_policy_has_no_findings", policy_lint__clean_policy_has_no_findings },
		{ "policy_lint__invalid_is_placed_with_hint", policy_lint__invalid_is_placed_with_hint },
		{ "policy_lint__unknown_action_suggests", policy_lint__unknown_action_suggests },
		{ "policy_lint__unknown_service", policy_lint__unknown_service },
		{ "policy_lint__unknown_condition_operator", policy_lint__unknown_condition_operator },
		{ "policy_lint__unknown_global_condition_key", policy_lint__unknown_global_condition_key },
		{ "policy_lint__malformed_arn", policy_lint__malformed_arn },
		{ "policy_lint__arn_service_wildcard", policy_lint__arn_service_wildcard },
		{ "policy_lint__allow_not_action", policy_lint__allow_not_action },
		{ "policy_lint__allow_not_resource", policy_lint__allow_not_resource },
		{ "policy_lint__public_principal", policy_lint__public_principal },
		{ "policy_lint__full_admin", policy_lint__full_admin },
		{ "policy_lint__redundant_statement", policy_lint__redundant_statement },
		{ "policy_lint__variable_without_version", policy_lint__variable_without_version },
		{ "policy_lint__embedded_string_policy", policy_lint__embedded_string_policy },
		{ "policy_lint__sort_and_severities", policy_lint__sort_and_severities },
		{ NULL, NULL }
	};
	return test_register("policy_lint", cases);
}
