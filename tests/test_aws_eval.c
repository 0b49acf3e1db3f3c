/*
 * Tests for analyzer/eval/aws_eval: one test per AWS evaluation rule of
 * DESIGN "Evaluation semantics" (rules 1-9), each with allow and non-allow
 * cases, mostly table-driven.
 *
 * The fixture builds a model from inline JSON: principals through the
 * aws-authz-details reader, resources with their policies through
 * model_add_resource + aws_policy_parse, organization trees through
 * model_add_org. In the JSON literals a single quote stands for a double
 * quote and '~' for a single quote, to keep them readable.
 */
#include "base/strbuf.h"
#include "doc/doc.h"
#include "eval/aws_eval.h"
#include "ingest/aws_policy.h"
#include "ingest/ingest.h"
#include "model/model.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A1 "111111111111"
#define A2 "222222222222"
#define ALICE "arn:aws:iam::" A1 ":user/alice"
#define BOB "arn:aws:iam::" A2 ":user/bob"
#define ROLE "arn:aws:iam::" A1 ":role/app"
#define BUCKET "arn:aws:s3:::data"
#define OBJ "arn:aws:s3:::data/x.csv"
#define KEY1 "arn:aws:kms:us-east-1:" A1 ":key/k1"
#define QUEUE1 "arn:aws:sqs:us-east-1:" A1 ":q1"
#define QUEUE2 "arn:aws:sqs:us-east-1:" A2 ":q2"

/* policy documents */
#define V12(stmts) "{'Version':'2012-10-17','Statement':[" stmts "]}"
#define ALLOW(act, res) "{'Effect':'Allow','Action':'" act "','Resource':'" res "'}"
#define DENY(act, res) "{'Effect':'Deny','Action':'" act "','Resource':'" res "'}"
/* resource-policy statements: pr is the Principal value as JSON */
#define RALLOW(pr, act) "{'Effect':'Allow','Principal':" pr ",'Action':'" act "','Resource':'*'}"
#define RDENY(pr, act) "{'Effect':'Deny','Principal':" pr ",'Action':'" act "','Resource':'*'}"
#define AWSP(arn) "{'AWS':'" arn "'}"

/* --- fixture --------------------------------------------------------------- */

typedef struct fx {
	model *m;
	diag_list diags;
	eval_result r;
} fx;

static void fx_init(fx *f)
{
	f->m = model_new();
	diag_list_init(&f->diags);
	aws_eval_result_init(&f->r);
}

static void fx_free(fx *f)
{
	aws_eval_result_release(&f->r);
	diag_list_release(&f->diags);
	model_free(f->m);
}

/* ' -> ", ~ -> ' */
static char *unquote(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	size_t i;

	for (i = 0; s[i]; i++)
		out[i] = s[i] == '\'' ? '"' : s[i] == '~' ? '\'' : s[i];
	out[i] = '\0';
	return out;
}

static doc *load(fx *f, const char *json)
{
	char *text = unquote(json);
	diag d = DIAG_INIT;
	doc *dc = NULL;

	if (doc_load_buffer(&dc, "inline.json", text, strlen(text), DOC_FMT_JSON, &d) < 0) {
		fprintf(stderr, "\nbad fixture JSON: %s\n%s\n", d.msg ? d.msg : "?", text);
		CU_FAIL("fixture JSON");
		dc = NULL;
	}
	diag_release(&d);
	free(text);
	return dc;
}

/* An authz-details document (or fragment), read like an input file. */
static void fx_authz(fx *f, const char *json)
{
	doc *dc = load(f, json);
	ingest_ctx ctx;
	size_t before = f->diags.errors;

	if (!dc)
		return;
	ctx.m = f->m;
	ctx.doc = dc;
	ctx.path = "inline.json";
	ctx.diags = &f->diags;
	CU_ASSERT_EQUAL_FATAL(ingest_find_format("aws-authz-details")->read(&ctx, doc_root(dc)), 0);
	CU_ASSERT_EQUAL(f->diags.errors, before);
	doc_free(dc);
}

static policy *fx_policy(fx *f, policy_kind kind, const char *json)
{
	doc *dc = load(f, json);
	policy *p = NULL;

	if (!dc)
		return NULL;
	CU_ASSERT_EQUAL(aws_policy_parse(f->m, dc, doc_root(dc), kind, "inline", &p, &f->diags), 0);
	doc_free(dc);
	return p;
}

/* A user: inline identity policy (or NULL), extra JSON members (or ""). */
static void fx_user(fx *f, const char *acct, const char *name, const char *pol, const char *extra)
{
	strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "{'UserDetailList':[{'UserName':'%s','Arn':'arn:aws:iam::%s:user/%s','UserId':'AIDA%s',"
		    "'Path':'/'", name, acct, name, name);
	if (pol)
		strbuf_addf(&sb, ",'UserPolicyList':[{'PolicyName':'own','PolicyDocument':%s}]", pol);
	strbuf_addf(&sb, "%s}]}", extra);
	fx_authz(f, sb.buf);
	strbuf_release(&sb);
}

static void fx_role(fx *f, const char *acct, const char *path, const char *name, const char *pol,
		    const char *trust, const char *extra)
{
	strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "{'RoleDetailList':[{'RoleName':'%s','Arn':'arn:aws:iam::%s:role%s%s','RoleId':'AROA%s',"
		    "'Path':'%s','AssumeRolePolicyDocument':%s", name, acct, path, name, name, path,
		    trust ? trust : "null");
	if (pol)
		strbuf_addf(&sb, ",'RolePolicyList':[{'PolicyName':'own','PolicyDocument':%s}]", pol);
	strbuf_addf(&sb, "%s}]}", extra);
	fx_authz(f, sb.buf);
	strbuf_release(&sb);
}

static void fx_managed(fx *f, const char *arn, const char *pol)
{
	strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "{'Policies':[{'PolicyName':'m','Arn':'%s','DefaultVersionId':'v1','PolicyVersionList':"
		    "[{'VersionId':'v1','IsDefaultVersion':true,'Document':%s}]}]}", arn, pol);
	fx_authz(f, sb.buf);
	strbuf_release(&sb);
}

/* A resource whose policy is known: pol is its policy, or NULL for none. */
static resource *fx_resource(fx *f, const char *arn, const char *pol)
{
	resource *r = model_add_resource(f->m, arn);

	r->policy_known = 1;
	if (pol)
		r->policy = fx_policy(f, POL_RESOURCE, pol);
	return r;
}

static org_node *fx_org(fx *f, org_kind kind, const char *id, org_node *parent, const char *scp, const char *rcp)
{
	org_node *o = model_add_org(f->m, kind, id);

	o->parent = parent;
	if (scp) {
		o->scps = ARENA_ARRAY(model_arena(f->m), policy *, 1);
		o->scps[0] = fx_policy(f, POL_SCP, scp);
		o->n_scps = 1;
	}
	if (rcp) {
		o->rcps = ARENA_ARRAY(model_arena(f->m), policy *, 1);
		o->rcps[0] = fx_policy(f, POL_RCP, rcp);
		o->n_rcps = 1;
	}
	return o;
}

/* Decide; the result stays in f->r until the next call. */
static decision fx_eval(fx *f, const char *who, const char *action, const char *res)
{
	aws_request rq;

	model_finalize(f->m, NULL);
	memset(&rq, 0, sizeof(rq));
	rq.principal = model_find_principal(f->m, who);
	if (!rq.principal)
		rq.principal_arn = who;
	rq.action = action;
	rq.resource_arn = res;
	aws_eval_result_release(&f->r);
	CU_ASSERT_EQUAL_FATAL(aws_eval(f->m, &rq, &f->r), 0);
	return f->r.dec;
}

/* One row of a decision table. */
typedef struct ecase {
	const char *who, *action, *resource;
	decision want;
	const char *why;
} ecase;

static void run_cases(fx *f, const ecase *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		decision got = fx_eval(f, c[i].who, c[i].action, c[i].resource);
		if (got != c[i].want) {
			size_t j;
			fprintf(stderr, "\n  case '%s': %s %s %s: got %s, want %s\n", c[i].why, c[i].who, c[i].action,
				c[i].resource, decision_name(got), decision_name(c[i].want));
			for (j = 0; j < f->r.n_conditions; j++)
				fprintf(stderr, "    condition: %s\n", f->r.conditions[j]);
		}
		CU_ASSERT_EQUAL(got, c[i].want);
	}
}

#define RUN(f, table) run_cases((f), (table), sizeof(table) / sizeof((table)[0]))

/* Is there a condition containing needle? */
static int has_condition(const fx *f, const char *needle)
{
	size_t i;

	for (i = 0; i < f->r.n_conditions; i++)
		if (strstr(f->r.conditions[i], needle))
			return 1;
	return 0;
}

/* --- rule 1: explicit deny ------------------------------------------------- */

static void aws_eval__explicit_deny(void)
{
	fx f;
	static const ecase cases[] = {
		{ ALICE, "s3:GetObject", OBJ, DEC_ALLOW, "identity allow, nothing denies" },
		{ ALICE, "s3:DeleteObject", OBJ, DEC_DENY, "identity deny beats identity allow" },
		{ ALICE, "s3:PutObject", OBJ, DEC_DENY, "resource policy deny beats identity allow" },
		{ ALICE, "s3:PutObjectAcl", OBJ, DEC_DENY, "boundary deny beats identity allow" },
		{ ALICE, "s3:GetObjectTagging", OBJ, DEC_DENY, "SCP deny beats identity allow" },
		{ ALICE, "s3:GetObjectAcl", OBJ, DEC_DENY, "RCP deny beats identity allow" },
		{ ALICE, "s3:ListBucket", BUCKET, DEC_DENY, "deny beats a resource-policy allow naming the user" },
		{ ALICE, "ec2:RunInstances", "*", DEC_DENY, "deny with no allow anywhere is still deny" },
	};
	resource *r;
	org_node *root;

	fx_init(&f);
	fx_managed(&f, "arn:aws:iam::" A1 ":policy/pb",
		   V12(ALLOW("*", "*") "," DENY("s3:PutObjectAcl", "*")));
	fx_user(&f, A1, "alice",
		V12(ALLOW("s3:*", "*") "," DENY("s3:DeleteObject", "*") "," DENY("ec2:*", "*")),
		",'PermissionsBoundary':{'PermissionsBoundaryArn':'arn:aws:iam::" A1 ":policy/pb'}");
	r = fx_resource(&f, BUCKET, V12(RDENY("'*'", "s3:PutObject") "," RALLOW(AWSP(ALICE), "s3:ListBucket") ","
					RDENY(AWSP(ALICE), "s3:ListBucket")));
	r->account = model_intern(f.m, A1);
	r = fx_resource(&f, OBJ, V12(RDENY("'*'", "s3:PutObject")));
	r->account = model_intern(f.m, A1);
	root = fx_org(&f, ORG_ROOT, "r-root", NULL, V12(ALLOW("*", "*") "," DENY("s3:GetObjectTagging", "*")),
		      V12("{'Effect':'Allow','Principal':'*','Action':'*','Resource':'*'},"
			  "{'Effect':'Deny','Principal':'*','Action':'s3:GetObjectAcl','Resource':'*'}"));
	fx_org(&f, ORG_ACCOUNT, A1, root, NULL, NULL);
	RUN(&f, cases);
	fx_free(&f);
}

/* --- rule 2: SCPs and RCPs ------------------------------------------------- */

static void aws_eval__scp(void)
{
	fx f;
	static const ecase cases[] = {
		{ ALICE, "s3:GetObject", OBJ, DEC_ALLOW, "root, OU and account all allow s3" },
		{ ALICE, "ec2:RunInstances", "*", DEC_IMPLICIT_DENY, "the OU allows only s3: implicit deny" },
		{ ALICE, "sqs:SendMessage", QUEUE1, DEC_IMPLICIT_DENY, "the account level allows no sqs" },
		{ "arn:aws:iam::" A1 ":role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForX", "ec2:RunInstances",
		  "*", DEC_ALLOW, "service-linked role is exempt" },
		{ "arn:aws:iam::" A1 ":role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForX", "s3:PutObject",
		  OBJ, DEC_ALLOW, "service-linked role is exempt from SCP denies too" },
		{ ALICE, "s3:PutObject", OBJ, DEC_DENY, "SCP deny at the root" },
		{ "arn:aws:iam::333333333333:user/mgmt", "ec2:RunInstances", "*", DEC_ALLOW,
		  "management account is exempt" },
		{ "arn:aws:iam::333333333333:user/mgmt", "s3:PutObject", OBJ, DEC_ALLOW,
		  "management account is exempt from SCP denies" },
		{ "arn:aws:iam::444444444444:user/carol", "ec2:RunInstances", "*", DEC_ALLOW,
		  "levels with no SCP information allow" },
		{ "arn:aws:iam::444444444444:user/carol", "s3:PutObject", OBJ, DEC_DENY,
		  "a level with no SCP information does not hide the root's deny" },
		{ "arn:aws:iam::555555555555:user/dave", "ec2:RunInstances", "*", DEC_ALLOW,
		  "an account outside the organization has no SCPs" },
	};
	org_node *root, *ou, *ou2;

	fx_init(&f);
	fx_user(&f, A1, "alice", V12(ALLOW("*", "*")), "");
	fx_role(&f, A1, "/aws-service-role/ec2.amazonaws.com/", "AWSServiceRoleForX", V12(ALLOW("*", "*")), NULL, "");
	fx_user(&f, "333333333333", "mgmt", V12(ALLOW("*", "*")), "");
	fx_user(&f, "444444444444", "carol", V12(ALLOW("*", "*")), "");
	fx_user(&f, "555555555555", "dave", V12(ALLOW("*", "*")), "");
	fx_resource(&f, OBJ, NULL);
	root = fx_org(&f, ORG_ROOT, "r-root", NULL, V12(ALLOW("*", "*") "," DENY("s3:PutObject", "*")), NULL);
	ou = fx_org(&f, ORG_OU, "ou-a", root, V12(ALLOW("s3:*", "*")), NULL);
	fx_org(&f, ORG_ACCOUNT, A1, ou, V12(ALLOW("s3:*", "*") "," ALLOW("ec2:*", "*")), NULL);
	fx_org(&f, ORG_ACCOUNT, "333333333333", ou, V12(DENY("*", "*")), NULL)->management = 1;
	ou2 = fx_org(&f, ORG_OU, "ou-b", root, NULL, NULL);
	fx_org(&f, ORG_ACCOUNT, "444444444444", ou2, NULL, NULL);
	RUN(&f, cases);
	fx_free(&f);
}

#define RCP_ALL "{'Effect':'Allow','Principal':'*','Action':'*','Resource':'*'}"

static void aws_eval__rcp(void)
{
	fx f;
	static const ecase cases[] = {
		{ BOB, "sqs:SendMessage", QUEUE1, DEC_DENY, "RCP deny on sqs applies to an outside caller" },
		{ BOB, "sqs:SendMessage", QUEUE2, DEC_ALLOW, "RCP of another account does not apply" },
		{ BOB, "s3:GetObject", OBJ, DEC_DENY, "RCP deny on s3" },
		{ BOB, "kms:Decrypt", KEY1, DEC_DENY, "RCP deny on a customer managed key" },
		{ BOB, "kms:Decrypt", "arn:aws:kms:us-east-1:" A1 ":key/aws1", DEC_ALLOW,
		  "RCPs do not apply to AWS managed keys" },
		{ BOB, "sns:Publish", "arn:aws:sns:us-east-1:" A1 ":t", DEC_ALLOW, "RCPs do not cover sns" },
		{ BOB, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:" A1 ":secret:s", DEC_IMPLICIT_DENY,
		  "an RCP level without an allow for secretsmanager" },
		{ BOB, "sqs:SendMessage", "arn:aws:sqs:us-east-1:333333333333:qm", DEC_ALLOW,
		  "RCPs do not affect resources in the management account" },
	};
	static const char *const all_res[] = {
		QUEUE1, QUEUE2, OBJ, KEY1, "arn:aws:kms:us-east-1:" A1 ":key/aws1", "arn:aws:sns:us-east-1:" A1 ":t",
		"arn:aws:secretsmanager:us-east-1:" A1 ":secret:s", "arn:aws:sqs:us-east-1:333333333333:qm", NULL
	};
	org_node *root, *ou;
	size_t i;

	fx_init(&f);
	fx_user(&f, A2, "bob", V12(ALLOW("*", "*")), "");
	for (i = 0; all_res[i]; i++) {
		resource *r = fx_resource(&f, all_res[i], V12(RALLOW(AWSP(BOB), "*")));
		if (!r->account)
			r->account = model_intern(f.m, A1);
	}
	model_find_resource(f.m, "arn:aws:kms:us-east-1:" A1 ":key/aws1")->aws_managed_key = 1;
	root = fx_org(&f, ORG_ROOT, "r-root", NULL, NULL,
		      V12(RCP_ALL ",{'Effect':'Deny','Principal':'*','Action':['sqs:*','s3:*','kms:*','sns:*'],"
			  "'Resource':'*','Condition':{'StringNotEquals':{'aws:PrincipalAccount':'" A1 "'}}}"));
	ou = fx_org(&f, ORG_OU, "ou-a", root, NULL,
		    V12("{'Effect':'Allow','Principal':'*','Action':['s3:*','sqs:*','kms:*','sns:*'],'Resource':'*'}"));
	fx_org(&f, ORG_ACCOUNT, A1, ou, NULL, NULL);
	fx_org(&f, ORG_ACCOUNT, "333333333333", ou, NULL, NULL)->management = 1;
	RUN(&f, cases);
	fx_free(&f);
}

/* --- rule 3: same account --------------------------------------------------- */

#define BOUNDED "arn:aws:iam::" A1 ":user/bounded"
#define BROLE "arn:aws:iam::" A1 ":role/bounded-role"
#define PLAIN "arn:aws:iam::" A1 ":user/plain"
#define MEMBER "arn:aws:iam::" A1 ":user/member"
#define Q(n) "arn:aws:sqs:us-east-1:" A1 ":" n
#define ASSUMER "arn:aws:iam::" A1 ":user/assumer"
#define BOB2 "arn:aws:iam::" A2 ":user/bob2"
#define CHAIN "arn:aws:iam::" A1 ":role/chain"
#define NOTAG "arn:aws:iam::" A1 ":user/notag"

static void aws_eval__same_account(void)
{
	fx f;
	static const ecase cases[] = {
		{ PLAIN, "sqs:SendMessage", Q("open"), DEC_ALLOW, "identity policy alone" },
		{ PLAIN, "sqs:DeleteQueue", Q("open"), DEC_IMPLICIT_DENY, "neither identity nor resource policy" },
		{ PLAIN, "sqs:ReceiveMessage", Q("named"), DEC_ALLOW, "resource policy naming the user alone" },
		{ PLAIN, "sqs:ReceiveMessage", Q("acct"), DEC_IMPLICIT_DENY,
		  "resource policy naming the account delegates to IAM, which does not allow" },
		{ PLAIN, "sqs:SendMessage", Q("acct"), DEC_ALLOW, "account delegation plus an identity allow" },
		{ BOUNDED, "sqs:SendMessage", Q("open"), DEC_ALLOW, "identity ∩ boundary allows" },
		{ BOUNDED, "sqs:PurgeQueue", Q("open"), DEC_IMPLICIT_DENY, "identity allows, boundary does not" },
		{ BOUNDED, "sqs:ReceiveMessage", Q("named"), DEC_ALLOW,
		  "resource policy naming the user ARN is not limited by the boundary" },
		{ BOUNDED, "sqs:ReceiveMessage", Q("acct"), DEC_IMPLICIT_DENY,
		  "resource policy naming the account is limited by identity ∩ boundary" },
		{ BROLE, "sqs:ReceiveMessage", Q("named"), DEC_IMPLICIT_DENY,
		  "resource policy naming the role ARN is limited by the boundary" },
		{ BROLE, "sqs:SendMessage", Q("named"), DEC_ALLOW,
		  "resource policy naming the role ARN, boundary allows, no identity allow needed" },
		{ ROLE, "sqs:ReceiveMessage", Q("named"), DEC_ALLOW, "role ARN named, no boundary" },
		{ MEMBER, "sqs:SendMessage", Q("open"), DEC_ALLOW, "inline group policy counts for its user" },
		{ MEMBER, "sqs:ChangeMessageVisibility", Q("open"), DEC_ALLOW, "managed group policy counts for its user" },
		{ MEMBER, "sqs:PurgeQueue", Q("open"), DEC_DENY, "a group's deny applies to its user" },
		{ PLAIN, "sqs:SendMessage", Q("notp"), DEC_ALLOW, "NotPrincipal deny excepts the named user" },
		{ MEMBER, "sqs:SendMessage", Q("notp"), DEC_DENY, "NotPrincipal deny applies to others" },
		{ BOUNDED, "sqs:SendMessage", Q("notp"), DEC_DENY,
		  "NotPrincipal deny always denies a principal with a boundary, even when named" },
	};

	fx_init(&f);
	fx_managed(&f, "arn:aws:iam::" A1 ":policy/pb", V12(ALLOW("sqs:SendMessage", "*")));
	fx_managed(&f, "arn:aws:iam::" A1 ":policy/grp", V12(ALLOW("sqs:ChangeMessageVisibility", "*")));
	fx_user(&f, A1, "plain", V12(ALLOW("sqs:SendMessage", "*")), "");
	fx_user(&f, A1, "bounded", V12(ALLOW("sqs:SendMessage", "*") "," ALLOW("sqs:PurgeQueue", "*")),
		",'PermissionsBoundary':{'PermissionsBoundaryArn':'arn:aws:iam::" A1 ":policy/pb'}");
	fx_role(&f, A1, "/", "bounded-role", NULL, NULL,
		",'PermissionsBoundary':{'PermissionsBoundaryArn':'arn:aws:iam::" A1 ":policy/pb'}");
	fx_role(&f, A1, "/", "app", NULL, NULL, "");
	fx_user(&f, A1, "member", NULL, ",'GroupList':['devs']");
	fx_authz(&f, "{'GroupDetailList':[{'GroupName':'devs','GroupId':'AGPA1','Path':'/','Arn':'arn:aws:iam::" A1
		     ":group/devs','GroupPolicyList':[{'PolicyName':'g','PolicyDocument':"
		     V12(ALLOW("sqs:SendMessage", "*") "," DENY("sqs:PurgeQueue", "*")) "}],"
		     "'AttachedManagedPolicies':[{'PolicyName':'grp','PolicyArn':'arn:aws:iam::" A1 ":policy/grp'}]}]}");
	fx_resource(&f, Q("open"), NULL);
	fx_resource(&f, Q("named"), V12(RALLOW("{'AWS':['" PLAIN "','" BOUNDED "','" BROLE "','" ROLE "']}",
					       "sqs:*")));
	fx_resource(&f, Q("acct"), V12(RALLOW(AWSP(A1), "sqs:*")));
	fx_resource(&f, Q("notp"), V12(RALLOW("'*'", "sqs:*") ",{'Effect':'Deny','NotPrincipal':{'AWS':['" PLAIN
					     "','" BOUNDED "']},'Action':'sqs:*','Resource':'*'}"));
	RUN(&f, cases);
	fx_free(&f);
}

/* --- rule 4: cross account -------------------------------------------------- */

static void aws_eval__cross_account(void)
{
	fx f;
	static const ecase cases[] = {
		{ BOB, "sqs:SendMessage", Q("shared"), DEC_ALLOW, "identity and resource policy both allow" },
		{ BOB, "sqs:ReceiveMessage", Q("shared"), DEC_IMPLICIT_DENY, "resource policy allows, identity does not" },
		{ BOB, "sqs:DeleteMessage", Q("shared"), DEC_IMPLICIT_DENY, "identity allows, resource policy does not" },
		{ BOB, "sqs:SendMessage", Q("nopolicy"), DEC_IMPLICIT_DENY, "known to have no resource policy" },
		{ BOB, "sqs:SendMessage", Q("unknown"), DEC_CONDITIONAL,
		  "resource policy not in the inputs: possible, not certain" },
		{ BOB, "sqs:ReceiveMessage", Q("unknown"), DEC_IMPLICIT_DENY,
		  "resource policy unknown but the identity side denies" },
		{ BOB, "sqs:SendMessage", Q("byacct"), DEC_ALLOW, "resource policy names the caller's account" },
		{ "arn:aws:iam::" A2 ":role/outside", "sqs:ReceiveMessage", Q("shared"), DEC_CONDITIONAL,
		  "an outside caller not in the inputs: its identity side may allow (regression: was allow)" },
		{ "arn:aws:iam::" A2 ":root", "sqs:ReceiveMessage", Q("byacct"), DEC_ALLOW,
		  "an outside account root: its administrators decide" },
		{ "arn:aws:iam::999999999999:role/stranger", "sqs:ReceiveMessage", Q("shared"), DEC_IMPLICIT_DENY,
		  "an outside caller the resource policy does not name" },
		{ BOB, "sqs:DeleteMessage", Q("byacct"), DEC_IMPLICIT_DENY, "caller's SCP blocks it" },
	};
	org_node *root;

	fx_init(&f);
	fx_user(&f, A2, "bob", V12(ALLOW("sqs:SendMessage", "*") "," ALLOW("sqs:DeleteMessage", "*")), "");
	fx_resource(&f, Q("shared"), V12(RALLOW("{'AWS':['" BOB "','arn:aws:iam::" A2 ":role/outside']}",
						"sqs:SendMessage") ","
					 RALLOW("{'AWS':['" BOB "','arn:aws:iam::" A2 ":role/outside']}",
						"sqs:ReceiveMessage")));
	fx_resource(&f, Q("nopolicy"), NULL);
	fx_resource(&f, Q("byacct"), V12(RALLOW(AWSP(A2), "sqs:*")));
	root = fx_org(&f, ORG_ROOT, "r-root", NULL, V12(ALLOW("*", "*")), NULL);
	fx_org(&f, ORG_ACCOUNT, A2, root, V12(ALLOW("sqs:SendMessage", "*") "," ALLOW("sqs:ReceiveMessage", "*")),
	       NULL);
	RUN(&f, cases);
	CU_ASSERT_EQUAL(fx_eval(&f, BOB, "sqs:SendMessage", Q("unknown")), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "not in the inputs"));
	fx_free(&f);
}

/* --- rule 5: KMS key policies and role trust policies ----------------------- */

#define K(n) "arn:aws:kms:us-east-1:" A1 ":key/" n

static void aws_eval__kms(void)
{
	fx f;
	static const ecase cases[] = {
		{ PLAIN, "kms:Decrypt", K("nodelegation"), DEC_IMPLICIT_DENY,
		  "same account: the IAM policy alone is not enough" },
		{ PLAIN, "kms:Decrypt", K("default"), DEC_ALLOW, "key policy delegates to the account, IAM allows" },
		{ PLAIN, "kms:Encrypt", K("default"), DEC_IMPLICIT_DENY, "delegation, but IAM does not allow" },
		{ PLAIN, "kms:Encrypt", K("direct"), DEC_ALLOW, "key policy names the user: no IAM allow needed" },
		{ BOUNDED, "kms:Encrypt", K("direct"), DEC_ALLOW, "key policy naming the user ARN ignores the boundary" },
		{ PLAIN, "kms:Decrypt", K("unknown"), DEC_CONDITIONAL, "key policy not in the inputs" },
		{ PLAIN, "kms:Decrypt", K("missing"), DEC_CONDITIONAL, "key not in the inputs at all" },
		{ BOB, "kms:Decrypt", K("crossacct"), DEC_ALLOW, "cross account: key policy names the account, IAM allows" },
		{ BOB, "kms:Encrypt", K("crossacct"), DEC_IMPLICIT_DENY, "cross account: IAM does not allow" },
		{ BOB, "kms:Decrypt", K("default"), DEC_IMPLICIT_DENY, "cross account: key policy does not name it" },
		{ PLAIN, "kms:Decrypt", K("denied"), DEC_DENY, "key policy deny" },
		{ "arn:aws:iam:::user/planned", "kms:Decrypt", K("default"), DEC_CONDITIONAL,
		  "caller's account unknown (a plan before apply): it may be the account the key policy names" },
		{ "arn:aws:iam:::user/planned", "kms:Decrypt", K("nodelegation"), DEC_IMPLICIT_DENY,
		  "caller's account unknown, but the key policy names only another principal" },
	};

	fx_init(&f);
	fx_managed(&f, "arn:aws:iam::" A1 ":policy/pb", V12(ALLOW("sqs:SendMessage", "*")));
	fx_user(&f, A1, "plain", V12(ALLOW("kms:Decrypt", "*")), "");
	fx_user(&f, A1, "bounded", NULL,
		",'PermissionsBoundary':{'PermissionsBoundaryArn':'arn:aws:iam::" A1 ":policy/pb'}");
	fx_user(&f, A2, "bob", V12(ALLOW("kms:Decrypt", "*")), "");
	fx_user(&f, "", "planned", V12(ALLOW("kms:Decrypt", "*")), "");
	fx_resource(&f, K("nodelegation"), V12(RALLOW(AWSP("arn:aws:iam::" A1 ":role/admin"), "kms:*")));
	fx_resource(&f, K("default"), V12(RALLOW(AWSP("arn:aws:iam::" A1 ":root"), "kms:*")));
	fx_resource(&f, K("direct"), V12(RALLOW("{'AWS':['" PLAIN "','" BOUNDED "']}", "kms:Encrypt")));
	model_add_resource(f.m, K("unknown"));
	fx_resource(&f, K("crossacct"), V12(RALLOW(AWSP(A2), "kms:*")));
	fx_resource(&f, K("denied"), V12(RALLOW(AWSP(A1), "kms:*") "," RDENY(AWSP(PLAIN), "kms:Decrypt")));
	RUN(&f, cases);
	fx_eval(&f, "arn:aws:iam:::user/planned", "kms:Decrypt", K("default"));
	CU_ASSERT(has_condition(&f, "the caller is in the account of 'arn:aws:iam::" A1 ":root'"));
	fx_free(&f);
}

#define TROLE(n) "arn:aws:iam::" A1 ":role/" n
#define TRUST(pr) V12("{'Effect':'Allow','Principal':" pr ",'Action':'sts:AssumeRole'}")

static void aws_eval__trust(void)
{
	fx f;
	static const ecase cases[] = {
		{ PLAIN, "sts:AssumeRole", TROLE("t-exact"), DEC_ALLOW,
		  "trust names the user exactly, same account: no identity allow needed" },
		{ PLAIN, "sts:AssumeRole", TROLE("t-acct"), DEC_IMPLICIT_DENY,
		  "trust names the account: the identity policy must allow" },
		{ ASSUMER, "sts:AssumeRole", TROLE("t-acct"), DEC_ALLOW, "trust names the account and identity allows" },
		{ ASSUMER, "sts:AssumeRole", TROLE("t-service"), DEC_IMPLICIT_DENY,
		  "identity allows, trust names only a service" },
		{ ASSUMER, "sts:AssumeRole", TROLE("t-none"), DEC_IMPLICIT_DENY, "trust names someone else" },
		{ BOUNDED, "sts:AssumeRole", TROLE("t-exact"), DEC_IMPLICIT_DENY,
		  "trust names the user exactly, but its boundary does not allow sts:AssumeRole" },
		{ BOB, "sts:AssumeRole", TROLE("t-exact"), DEC_IMPLICIT_DENY,
		  "cross account, trust names the user exactly, identity does not allow" },
		{ BOB2, "sts:AssumeRole", TROLE("t-exact"), DEC_ALLOW, "cross account, trust and identity allow" },
		{ BOB2, "sts:AssumeRole", TROLE("t-acct"), DEC_IMPLICIT_DENY, "cross account, trust names another account" },
		{ "arn:aws:iam::" A2 ":role/ext", "sts:AssumeRole", TROLE("t-exact"), DEC_CONDITIONAL,
		  "an outside caller not in the inputs, trusted by its account" },
		{ "lambda.amazonaws.com", "sts:AssumeRole", TROLE("t-service"), DEC_ALLOW, "service principal trusted" },
		{ "ec2.amazonaws.com", "sts:AssumeRole", TROLE("t-service"), DEC_IMPLICIT_DENY,
		  "another service principal" },
		{ CHAIN, "sts:AssumeRole", TROLE("t-exact"), DEC_ALLOW,
		  "role chaining: trust names the calling role's ARN in the same account" },
		{ PLAIN, "sts:AssumeRole", TROLE("t-deny"), DEC_DENY, "trust policy deny" },
		{ ASSUMER, "sts:AssumeRole", TROLE("nobody"), DEC_CONDITIONAL,
		  "a role whose trust policy is not in the inputs" },
	};

	fx_init(&f);
	fx_managed(&f, "arn:aws:iam::" A1 ":policy/pb", V12(ALLOW("s3:*", "*")));
	fx_user(&f, A1, "plain", NULL, "");
	fx_user(&f, A1, "assumer", V12(ALLOW("sts:AssumeRole", "*")), "");
	fx_user(&f, A1, "bounded", NULL,
		",'PermissionsBoundary':{'PermissionsBoundaryArn':'arn:aws:iam::" A1 ":policy/pb'}");
	fx_user(&f, A2, "bob", NULL, "");
	fx_user(&f, A2, "bob2", V12(ALLOW("sts:AssumeRole", "*")), "");
	fx_role(&f, A1, "/", "chain", NULL, NULL, "");
	fx_role(&f, A1, "/", "t-exact", NULL,
		TRUST("{'AWS':['" PLAIN "','" BOUNDED "','" BOB "','" BOB2 "','" CHAIN "','" A2 "']}"), "");
	fx_role(&f, A1, "/", "t-acct", NULL, TRUST(AWSP(A1)), "");
	fx_role(&f, A1, "/", "t-service", NULL, TRUST("{'Service':'lambda.amazonaws.com'}"), "");
	fx_role(&f, A1, "/", "t-none", NULL, TRUST(AWSP("arn:aws:iam::" A1 ":user/other")), "");
	fx_role(&f, A1, "/", "t-deny", NULL,
		V12("{'Effect':'Allow','Principal':{'AWS':'" PLAIN "'},'Action':'sts:AssumeRole'},"
		    "{'Effect':'Deny','Principal':{'AWS':'" PLAIN "'},'Action':'sts:AssumeRole'}"), "");
	fx_role(&f, A1, "/", "nobody", NULL, NULL, "");
	RUN(&f, cases);
	fx_free(&f);
}

/* --- rule 6: actions -------------------------------------------------------- */

static void aws_eval__actions(void)
{
	fx f;
	static const struct {
		const char *pattern, *action;
		decision want;
	} table[] = {
		{ "s3:GetObject", "s3:GetObject", DEC_ALLOW },
		{ "s3:getobject", "S3:GETOBJECT", DEC_ALLOW },
		{ "S3:GetObject", "s3:getObject", DEC_ALLOW },
		{ "s3:Get*", "s3:GetObjectAcl", DEC_ALLOW },
		{ "s3:Get*", "s3:PutObject", DEC_IMPLICIT_DENY },
		{ "s3:Get?bject", "s3:GetObject", DEC_ALLOW },
		{ "s3:Get?bject", "s3:GetObjectAcl", DEC_IMPLICIT_DENY },
		{ "s3:*Object", "s3:DeleteObject", DEC_ALLOW },
		{ "*", "ec2:RunInstances", DEC_ALLOW },
		{ "s3:*", "s3x:GetObject", DEC_IMPLICIT_DENY },
		{ "s3:GetObject", "s3:GetObjectAcl", DEC_IMPLICIT_DENY },
		{ "ec2:*", "s3:GetObject", DEC_IMPLICIT_DENY },
	};
	static const ecase notaction[] = {
		{ "arn:aws:iam::" A1 ":user/na", "s3:GetObject", OBJ, DEC_ALLOW, "NotAction Allow grants the complement" },
		{ "arn:aws:iam::" A1 ":user/na", "IAM:CreateUser", "*", DEC_IMPLICIT_DENY,
		  "NotAction excludes iam:*, any case" },
		{ "arn:aws:iam::" A1 ":user/na", "ec2:TerminateInstances", "*", DEC_DENY, "NotAction on a Deny" },
		{ "arn:aws:iam::" A1 ":user/na", "ec2:DescribeInstances", "*", DEC_ALLOW, "NotAction Deny spares ec2:Describe*" },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char pol[256];
		decision got;
		fx_init(&f);
		snprintf(pol, sizeof(pol), V12(ALLOW("%s", "*")), table[i].pattern);
		fx_user(&f, A1, "u", pol, "");
		got = fx_eval(&f, "arn:aws:iam::" A1 ":user/u", table[i].action, OBJ);
		if (got != table[i].want)
			fprintf(stderr, "\n  action %s vs pattern %s: got %s\n", table[i].action, table[i].pattern,
				decision_name(got));
		CU_ASSERT_EQUAL(got, table[i].want);
		fx_free(&f);
	}
	fx_init(&f);
	fx_user(&f, A1, "na",
		V12("{'Effect':'Allow','NotAction':['iam:*','organizations:*'],'Resource':'*'},"
		    "{'Effect':'Deny','NotAction':['s3:*','ec2:Describe*','iam:*'],'Resource':'*'}"), "");
	RUN(&f, notaction);
	fx_free(&f);
}

/* --- rule 7: resources and policy variables --------------------------------- */

static void aws_eval__resources(void)
{
	fx f;
	static const struct {
		const char *pattern, *arn;
		decision want;
	} table[] = {
		{ "arn:aws:s3:::data/*", "arn:aws:s3:::data/x.csv", DEC_ALLOW },
		{ "arn:aws:s3:::Data/*", "arn:aws:s3:::data/x.csv", DEC_IMPLICIT_DENY },
		{ "arn:aws:s3:::data/X.csv", "arn:aws:s3:::data/x.csv", DEC_IMPLICIT_DENY },
		{ "arn:aws:s3:::data/?.csv", "arn:aws:s3:::data/x.csv", DEC_ALLOW },
		{ "arn:aws:s3:::data", "arn:aws:s3:::data/x.csv", DEC_IMPLICIT_DENY },
		{ "*", "arn:aws:s3:::data/x.csv", DEC_ALLOW },
		{ "arn:aws:sqs:*:" A1 ":q1", QUEUE1, DEC_ALLOW },
		{ "arn:aws:sqs:eu-*:" A1 ":q1", QUEUE1, DEC_IMPLICIT_DENY },
		{ "arn:aws:sqs:us-east-1:*:q1", QUEUE1, DEC_ALLOW },
		{ "arn:aws:sqs:us-east-1:" A2 ":q1", QUEUE1, DEC_IMPLICIT_DENY },
		{ "arn:aws:sqs:*", QUEUE1, DEC_ALLOW },      /* a trailing '*' spans the remaining segments */
		{ "arn:aws:sqs:*", "arn:aws:sns:us-east-1:" A1 ":q1", DEC_IMPLICIT_DENY }, /* but not the service */
		{ "arn:aws:sqs:*:*:*", QUEUE1, DEC_ALLOW },
		{ "arn:aws:*:us-east-1:" A1 ":q1", QUEUE1, DEC_IMPLICIT_DENY }, /* no wildcard in the service */
		{ "arn:aws:logs:us-east-1:" A1 ":log-group:g*", "arn:aws:logs:us-east-1:" A1 ":log-group:g1:log-stream:s",
		  DEC_ALLOW },                                   /* a trailing '*' spans colons */
	};
	static const ecase notres[] = {
		{ "arn:aws:iam::" A1 ":user/nr", "s3:GetObject", "arn:aws:s3:::other/x", DEC_ALLOW,
		  "NotResource Allow grants everything else" },
		{ "arn:aws:iam::" A1 ":user/nr", "s3:GetObject", "arn:aws:s3:::secret/x", DEC_IMPLICIT_DENY,
		  "NotResource excludes the named resources" },
		{ "arn:aws:iam::" A1 ":user/nr", "s3:PutObject", "arn:aws:s3:::other/x", DEC_DENY,
		  "NotResource Deny denies outside its list" },
		{ "arn:aws:iam::" A1 ":user/nr", "s3:PutObject", "arn:aws:s3:::mine/x", DEC_ALLOW,
		  "NotResource Deny spares its list" },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char pol[256];
		decision got;
		fx_init(&f);
		snprintf(pol, sizeof(pol), V12(ALLOW("*", "%s")), table[i].pattern);
		fx_user(&f, A1, "u", pol, "");
		got = fx_eval(&f, "arn:aws:iam::" A1 ":user/u", "s3:GetObject", table[i].arn);
		if (got != table[i].want)
			fprintf(stderr, "\n  resource %s vs pattern %s: got %s\n", table[i].arn, table[i].pattern,
				decision_name(got));
		CU_ASSERT_EQUAL(got, table[i].want);
		fx_free(&f);
	}
	fx_init(&f);
	fx_user(&f, A1, "nr",
		V12("{'Effect':'Allow','Action':'s3:*','NotResource':'arn:aws:s3:::secret/*'},"
		    "{'Effect':'Deny','Action':'s3:PutObject','NotResource':['arn:aws:s3:::mine/*']}"), "");
	RUN(&f, notres);
	fx_free(&f);
}

#define HOME(v) "arn:aws:s3:::home/" v "/*"

static void aws_eval__policy_variables(void)
{
	fx f;
	static const ecase cases[] = {
		{ ALICE, "s3:GetObject", "arn:aws:s3:::home/alice/a.txt", DEC_ALLOW, "${aws:username} is the user's name" },
		{ ALICE, "s3:GetObject", "arn:aws:s3:::home/bob/a.txt", DEC_IMPLICIT_DENY, "not another user's home" },
		{ ALICE, "s3:PutObject", "arn:aws:s3:::team/red/a.txt", DEC_ALLOW, "${aws:PrincipalTag/team}" },
		{ ALICE, "s3:PutObject", "arn:aws:s3:::team/blue/a.txt", DEC_IMPLICIT_DENY, "another team's prefix" },
		{ NOTAG, "s3:PutObject", "arn:aws:s3:::team/red/a.txt", DEC_IMPLICIT_DENY,
		  "a missing tag without a default matches nothing" },
		{ NOTAG, "s3:PutObject", "arn:aws:s3:::team//a.txt", DEC_IMPLICIT_DENY,
		  "a missing tag is not the empty string" },
		{ NOTAG, "s3:DeleteObject", "arn:aws:s3:::team/none/a.txt", DEC_ALLOW, "the default of a missing tag" },
		{ ALICE, "s3:DeleteObject", "arn:aws:s3:::team/red/a.txt", DEC_ALLOW, "the tag's value wins over the default" },
		{ ALICE, "s3:DeleteObject", "arn:aws:s3:::team/none/a.txt", DEC_IMPLICIT_DENY,
		  "the default is not used when the tag exists" },
		{ ROLE, "s3:GetObject", "arn:aws:s3:::home/app/a.txt", DEC_IMPLICIT_DENY,
		  "a role has no aws:username" },
		{ ALICE, "s3:ListBucket", "arn:aws:s3:::v2008/${aws:username}/a", DEC_ALLOW,
		  "Version 2008-10-17: the variable is literal text" },
		{ ALICE, "s3:ListBucket", "arn:aws:s3:::v2008/alice/a", DEC_IMPLICIT_DENY,
		  "Version 2008-10-17: no substitution" },
		{ ALICE, "s3:GetBucketAcl", "arn:aws:s3:::nov/${aws:username}/a", DEC_ALLOW,
		  "no Version: the variable is literal text" },
		{ ALICE, "s3:GetBucketAcl", "arn:aws:s3:::nov/alice/a", DEC_IMPLICIT_DENY, "no Version: no substitution" },
		{ ALICE, "s3:GetObjectAcl", "arn:aws:s3:::lit/*/a", DEC_ALLOW, "${*} is a literal star" },
		{ ALICE, "s3:GetObjectAcl", "arn:aws:s3:::lit/x/a", DEC_IMPLICIT_DENY, "${*} is not a wildcard" },
	};

	fx_init(&f);
	fx_user(&f, A1, "alice",
		V12(ALLOW("s3:GetObject", HOME("${aws:username}")) ","
		    ALLOW("s3:PutObject", "arn:aws:s3:::team/${aws:PrincipalTag/team}/*") ","
		    ALLOW("s3:DeleteObject", "arn:aws:s3:::team/${aws:PrincipalTag/team, ~none~}/*") ","
		    ALLOW("s3:GetObjectAcl", "arn:aws:s3:::lit/${*}/a")),
		",'Tags':[{'Key':'team','Value':'red'}],'AttachedManagedPolicies':["
		"{'PolicyName':'v2008','PolicyArn':'arn:aws:iam::" A1 ":policy/v2008'},"
		"{'PolicyName':'nov','PolicyArn':'arn:aws:iam::" A1 ":policy/nov'}]");
	fx_managed(&f, "arn:aws:iam::" A1 ":policy/v2008",
		   "{'Version':'2008-10-17','Statement':[" ALLOW("s3:ListBucket", "arn:aws:s3:::v2008/${aws:username}/*")
		   "]}");
	fx_managed(&f, "arn:aws:iam::" A1 ":policy/nov",
		   "{'Statement':[" ALLOW("s3:GetBucketAcl", "arn:aws:s3:::nov/${aws:username}/*") "]}");
	fx_user(&f, A1, "notag",
		V12(ALLOW("s3:PutObject", "arn:aws:s3:::team/${aws:PrincipalTag/team}/*") ","
		    ALLOW("s3:DeleteObject", "arn:aws:s3:::team/${aws:PrincipalTag/team, ~none~}/*")), "");
	fx_role(&f, A1, "/", "app", V12(ALLOW("s3:GetObject", HOME("${aws:username}"))), NULL, "");
	RUN(&f, cases);
	fx_free(&f);
}

/* --- rule 8: principals ------------------------------------------------------ */

static void aws_eval__principals(void)
{
	fx f;
	static const ecase cases[] = {
		{ PLAIN, "sqs:ReceiveMessage", Q("star"), DEC_ALLOW, "\"*\" is everyone (same account, no IAM allow)" },
		{ BOB, "sqs:SendMessage", Q("star"), DEC_ALLOW, "\"*\" is everyone (cross account, IAM allows)" },
		{ BOB, "sqs:ReceiveMessage", Q("star"), DEC_IMPLICIT_DENY, "\"*\" cross account still needs IAM" },
		{ "arn:aws:iam::999999999999:user/anyone", "sqs:SendMessage", Q("star"), DEC_CONDITIONAL,
		  "\"*\" includes callers outside the inputs, if their own policies allow" },
		{ "arn:aws:iam::" A1 ":user/ghost", "sqs:SendMessage", Q("acct1"), DEC_CONDITIONAL,
		  "a user of a known account missing from the inputs: its policies may allow (regression)" },
		{ "*", "s3:GetObject", "arn:aws:s3:::pub/some/key.csv", DEC_ALLOW,
		  "an S3 object is governed by its bucket's policy (regression)" },
		{ "*", "s3:PutObject", "arn:aws:s3:::pub/some/key.csv", DEC_IMPLICIT_DENY,
		  "the bucket policy grants reads only" },
		{ PLAIN, "sqs:ReceiveMessage", Q("awsstar"), DEC_ALLOW, "{\"AWS\":\"*\"} is everyone" },
		{ BOB, "sqs:SendMessage", Q("awsstar"), DEC_ALLOW, "{\"AWS\":\"*\"} is everyone, cross account" },
		{ PLAIN, "sqs:ReceiveMessage", Q("acct1"), DEC_IMPLICIT_DENY,
		  "an account id means the account (IAM decides), not every principal in it" },
		{ PLAIN, "sqs:SendMessage", Q("acct1"), DEC_ALLOW, "account id plus IAM allow" },
		{ "arn:aws:iam::" A1 ":root", "sqs:ReceiveMessage", Q("acct1"), DEC_ALLOW,
		  "the account id names the root user too" },
		{ BOB, "sqs:SendMessage", Q("acct2"), DEC_ALLOW, "account id of the caller's account, IAM allows" },
		{ BOB, "sqs:ReceiveMessage", Q("acct2"), DEC_IMPLICIT_DENY, "account id, but the caller's IAM does not allow" },
		{ BOB, "sqs:SendMessage", Q("acct1"), DEC_IMPLICIT_DENY, "another account's id" },
		{ "sns.amazonaws.com", "sqs:SendMessage", Q("svc"), DEC_ALLOW, "a service principal named" },
		{ "events.amazonaws.com", "sqs:SendMessage", Q("svc"), DEC_IMPLICIT_DENY, "another service principal" },
		{ "sns.amazonaws.com", "sqs:SendMessage", Q("acct1"), DEC_IMPLICIT_DENY,
		  "a service principal has no identity policies: the resource policy must name it" },
		{ "sns.amazonaws.com", "sqs:SendMessage", Q("star"), DEC_ALLOW, "a service principal is in \"*\"" },
		{ PLAIN, "sqs:SendMessage", Q("svc"), DEC_ALLOW, "the service grant does not stop IAM" },
	};

	fx_init(&f);
	fx_user(&f, A1, "plain", V12(ALLOW("sqs:SendMessage", "*")), "");
	fx_user(&f, A2, "bob", V12(ALLOW("sqs:SendMessage", "*")), "");
	fx_resource(&f, Q("star"), V12(RALLOW("'*'", "sqs:*")));
	fx_resource(&f, Q("awsstar"), V12(RALLOW("{'AWS':'*'}", "sqs:*")));
	fx_resource(&f, Q("acct1"), V12(RALLOW(AWSP(A1), "sqs:*")));
	fx_resource(&f, Q("acct2"), V12(RALLOW("{'AWS':['" A2 "']}", "sqs:*")));
	fx_resource(&f, Q("svc"), V12(RALLOW("{'Service':'sns.amazonaws.com'}", "sqs:SendMessage")));
	fx_resource(&f, "arn:aws:s3:::pub", V12(RALLOW("'*'", "s3:GetObject")));
	RUN(&f, cases);
	fx_free(&f);
}

/* --- rule 9: conditions ------------------------------------------------------ */

#define COND(eff, act, res, c) "{'Effect':'" eff "','Action':'" act "','Resource':'" res "','Condition':" c "}"

static void aws_eval__conditions(void)
{
	fx f;
	static const ecase cases[] = {
		{ ALICE, "sqs:SendMessage", Q("a"), DEC_ALLOW, "aws:PrincipalTag settled true" },
		{ NOTAG, "sqs:SendMessage", Q("a"), DEC_IMPLICIT_DENY, "aws:PrincipalTag settled: tag absent" },
		{ ALICE, "sqs:ReceiveMessage", Q("a"), DEC_IMPLICIT_DENY, "aws:PrincipalTag settled false" },
		{ ALICE, "sqs:DeleteMessage", Q("tagged"), DEC_ALLOW, "aws:ResourceTag known and equal" },
		{ ALICE, "sqs:DeleteMessage", Q("a"), DEC_IMPLICIT_DENY, "aws:ResourceTag known absent" },
		{ ALICE, "sqs:DeleteMessage", Q("untagged"), DEC_CONDITIONAL, "aws:ResourceTag not known" },
		{ ALICE, "sqs:PurgeQueue", Q("a"), DEC_CONDITIONAL, "aws:SourceIp cannot be settled" },
		{ ALICE, "sqs:ListQueues", Q("a"), DEC_IMPLICIT_DENY,
		  "AND across keys: a settled false key wins over an unknown one" },
		{ ALICE, "sqs:TagQueue", Q("a"), DEC_ALLOW,
		  "a Deny with an unknown condition does not remove access" },
		{ ALICE, "sqs:UntagQueue", Q("a"), DEC_DENY, "a Deny with a settled condition denies" },
		{ NOTAG, "sqs:UntagQueue", Q("a"), DEC_ALLOW, "the settled Deny does not match" },
		{ ALICE, "sqs:GetQueueUrl", Q("a"), DEC_ALLOW, "key names case-insensitive, IfExists on an absent key" },
		{ NOTAG, "sqs:GetQueueAttributes", Q("a"), DEC_ALLOW, "Null true holds for an absent tag" },
		{ ALICE, "sqs:GetQueueAttributes", Q("a"), DEC_IMPLICIT_DENY, "Null true fails for a present tag" },
	};

	fx_init(&f);
	fx_user(&f, A1, "alice",
		V12(COND("Allow", "sqs:SendMessage", "*", "{'StringEquals':{'aws:PrincipalTag/team':'red'}}") ","
		    COND("Allow", "sqs:ReceiveMessage", "*", "{'StringEquals':{'aws:PrincipalTag/team':'blue'}}") ","
		    COND("Allow", "sqs:DeleteMessage", "*", "{'StringEquals':{'aws:ResourceTag/env':'dev'}}") ","
		    COND("Allow", "sqs:PurgeQueue", "*", "{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}") ","
		    COND("Allow", "sqs:ListQueues", "*",
			 "{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'},'StringEquals':{'aws:PrincipalTag/team':'blue'}}") ","
		    ALLOW("sqs:TagQueue", "*") ","
		    COND("Deny", "sqs:TagQueue", "*", "{'NotIpAddress':{'aws:SourceIp':'192.0.2.0/24'}}") ","
		    ALLOW("sqs:UntagQueue", "*") ","
		    COND("Deny", "sqs:UntagQueue", "*", "{'StringEquals':{'aws:principaltag/TEAM':'red'}}") ","
		    COND("Allow", "sqs:GetQueueUrl", "*",
			 "{'StringEquals':{'AWS:PRINCIPALTAG/team':'red'},'StringEqualsIfExists':{'aws:PrincipalTag/x':'y'}}")
		    "," COND("Allow", "sqs:GetQueueAttributes", "*", "{'Null':{'aws:PrincipalTag/team':'true'}}")),
		",'Tags':[{'Key':'team','Value':'red'}]");
	fx_user(&f, A1, "notag",
		V12(COND("Allow", "sqs:SendMessage", "*", "{'StringEquals':{'aws:PrincipalTag/team':'red'}}") ","
		    ALLOW("sqs:UntagQueue", "*") ","
		    COND("Deny", "sqs:UntagQueue", "*", "{'StringEquals':{'aws:PrincipalTag/team':'red'}}") ","
		    COND("Allow", "sqs:GetQueueAttributes", "*", "{'Null':{'aws:PrincipalTag/team':'true'}}")), "");
	{
		resource *r = fx_resource(&f, Q("a"), NULL);
		r->tags_known = 1;
		r = fx_resource(&f, Q("tagged"), NULL);
		model_add_tag(f.m, &r->tags, &r->n_tags, "env", "dev");
		r->tags_known = 1;
		fx_resource(&f, Q("untagged"), NULL);
	}
	RUN(&f, cases);

	/* the conditions are listed with the decision */
	CU_ASSERT_EQUAL(fx_eval(&f, ALICE, "sqs:PurgeQueue", Q("a")), DEC_CONDITIONAL);
	CU_ASSERT_EQUAL(f.r.n_conditions, 1);
	CU_ASSERT(has_condition(&f, "allowed if aws:SourceIp IpAddress [\"10.0.0.0/8\"]"));
	CU_ASSERT_EQUAL(fx_eval(&f, ALICE, "sqs:DeleteMessage", Q("untagged")), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "aws:ResourceTag/env StringEquals [\"dev\"]"));
	CU_ASSERT_EQUAL(fx_eval(&f, ALICE, "sqs:TagQueue", Q("a")), DEC_ALLOW);
	CU_ASSERT_EQUAL(f.r.n_conditions, 1);
	CU_ASSERT(has_condition(&f, "denied if aws:SourceIp NotIpAddress [\"192.0.2.0/24\"]"));
	/* settled conditions are not listed */
	CU_ASSERT_EQUAL(fx_eval(&f, ALICE, "sqs:SendMessage", Q("a")), DEC_ALLOW);
	CU_ASSERT_EQUAL(f.r.n_conditions, 0);
	/* a non-allow decision lists nothing */
	CU_ASSERT_EQUAL(fx_eval(&f, ALICE, "sqs:ListQueues", Q("a")), DEC_IMPLICIT_DENY);
	CU_ASSERT_EQUAL(f.r.n_conditions, 0);
	fx_free(&f);
}

/* aws:PrincipalOrgID is settled for accounts the organization input places in its tree */
static void aws_eval__principal_org_id(void)
{
	fx f;
	static const ecase cases[] = {
		{ BOB, "sqs:SendMessage", Q("orgonly"), DEC_ALLOW, "caller's account is in the organization" },
		{ "arn:aws:iam::999999999999:role/x", "sqs:SendMessage", Q("orgonly"), DEC_CONDITIONAL,
		  "an account the organization input does not place: unknown, not absent" },
		{ BOB, "sqs:SendMessage", Q("otherorg"), DEC_IMPLICIT_DENY, "another organization's id" },
	};
	org_node *root;

	fx_init(&f);
	fx_user(&f, A2, "bob", V12(ALLOW("sqs:SendMessage", "*")), "");
	fx_resource(&f, Q("orgonly"), V12("{'Effect':'Allow','Principal':'*','Action':'sqs:SendMessage','Resource':'*',"
					  "'Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-abc123'}}}"));
	fx_resource(&f, Q("otherorg"), V12("{'Effect':'Allow','Principal':'*','Action':'sqs:SendMessage','Resource':'*',"
					   "'Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-zzz999'}}}"));
	root = fx_org(&f, ORG_ROOT, "r-root", NULL, NULL, NULL);
	fx_org(&f, ORG_ACCOUNT, A2, root, NULL, NULL);
	model_set_org_id(f.m, "o-abc123");
	RUN(&f, cases);
	fx_free(&f);
}

TEST_SUITE(aws_eval)
{
	static const test_case cases[] = {
		{ "aws_eval__explicit_deny", aws_eval__explicit_deny },
		{ "aws_eval__scp", aws_eval__scp },
		{ "aws_eval__rcp", aws_eval__rcp },
		{ "aws_eval__same_account", aws_eval__same_account },
		{ "aws_eval__cross_account", aws_eval__cross_account },
		{ "aws_eval__kms", aws_eval__kms },
		{ "aws_eval__trust", aws_eval__trust },
		{ "aws_eval__actions", aws_eval__actions },
		{ "aws_eval__resources", aws_eval__resources },
		{ "aws_eval__policy_variables", aws_eval__policy_variables },
		{ "aws_eval__principals", aws_eval__principals },
		{ "aws_eval__conditions", aws_eval__conditions },
		{ "aws_eval__principal_org_id", aws_eval__principal_org_id },
		{ NULL, NULL }
	};
	return test_register("aws_eval", cases);
}
