/*
 * Tests for analyzer/graph/aws_privesc_edges: the can-act-as edges of AWS
 * privilege escalation.
 *
 * The targets come from fixtures/graph/privesc/targets.json (hand-made
 * authorization details: a role per service principal, a user, groups,
 * customer-managed policies, boundaries); each test adds the actor
 * `attacker` inline and builds the edges. In the JSON literals a single quote
 * stands for a double quote.
 *
 * Every technique of the catalogue is taken through the ways an edge is
 * made or removed: the principal that can (exactly the required actions on
 * "*", or a NotAction Allow), an explicit Deny, a narrow Resource, a
 * condition that cannot hold, a permission boundary. A table of
 * representative techniques goes into what each decides (targets, resource
 * patterns, iam:PassedToService, conditions that make the edge conditional).
 * Both use AWS_PRIVESC_EDGES_EVERY_TECHNIQUE, one edge per technique; later
 * tests the default, one edge per target.
 */
#include "base/strbuf.h"
#include "catalog/aws_privesc.h"
#include "doc/doc.h"
#include "graph/aws_privesc_edges.h"
#include "ingest/aws_policy.h"
#include "ingest/ingest.h"
#include "model/model.h"
#include "tests/test_graph_util.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TARGETS "fixtures/graph/privesc/targets.json"
#define A "arn:aws:iam::111111111111:"
#define USER_ACTOR A "user/attacker"
#define ROLE_ACTOR A "role/attacker"
#define ADMIN A "permgraph/administrator"
#define R(n) A "role/" n
#define U(n) A "user/" n
#define G(n) A "group/" n
#define P(n) A "policy/" n

/* statements */
#define ALLOW(act, res) "{'Effect':'Allow','Action':" act ",'Resource':" res "}"
#define DENY(act, res) "{'Effect':'Deny','Action':" act ",'Resource':" res "}"
#define ALLOW_IF(act, res, cond) "{'Effect':'Allow','Action':" act ",'Resource':" res ",'Condition':" cond "}"
#define Q(s) "'" s "'"
#define STAR Q("*")
#define IS_TEAM_ADMINS "{'StringEquals':{'aws:PrincipalTag/team':'admins'}}"
#define FROM_OFFICE "{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}"
#define BOUNDARY(name) ",'PermissionsBoundary':{'PermissionsBoundaryType':'Policy','PermissionsBoundaryArn':'" P(name) "'}"

/* --- fixture ------------------------------------------------------------------ */

typedef struct fx {
	model *m;
	graph *g;
	diag_list diags;
} fx;

static void read_json(fx *f, const char *json)
{
	char *text = malloc(strlen(json) + 1);
	diag d = DIAG_INIT;
	doc *dc = NULL;
	ingest_ctx ctx;
	size_t i;

	for (i = 0; json[i]; i++)
		text[i] = json[i] == '\'' ? '"' : json[i];
	text[i] = '\0';
	if (doc_load_buffer(&dc, "inline.json", text, strlen(text), DOC_FMT_JSON, &d) < 0) {
		fprintf(stderr, "\nbad fixture JSON: %s\n%s\n", d.msg ? d.msg : "?", text);
		CU_FAIL("fixture JSON");
	} else {
		ctx.m = f->m;
		ctx.doc = dc;
		ctx.path = "inline.json";
		ctx.diags = &f->diags;
		CU_ASSERT_EQUAL(ingest_find_format("aws-authz-details")->read(&ctx, doc_root(dc)), 0);
		doc_free(dc);
	}
	diag_release(&d);
	free(text);
}

/* The targets, then the actor 'attacker' (a user in group devs, or a role
 * trusting its account; app-policy attached either way) with an inline
 * policy of the statements stmts and extra JSON members; stmts NULL: no
 * actor. More may be read (read_json) before fx_ready. */
static void fx_begin(fx *f, int role, const char *stmts, const char *extra)
{
	const char *paths[] = { TARGETS };
	ingest_run run;
	strbuf sb = STRBUF_INIT;

	memset(f, 0, sizeof(*f));
	f->m = model_new();
	diag_list_init(&f->diags);
	ingest_run_init(&run);
	CU_ASSERT_EQUAL(ingest_paths(&run, f->m, (char *const *)paths, 1, NULL, &f->diags), 0);
	ingest_run_release(&run);
	if (stmts) {
		if (role)
			strbuf_addstr(&sb, "{'RoleDetailList':[{'RoleName':'attacker','RoleId':'AROAATTACKER','Arn':'" ROLE_ACTOR
				      "','Path':'/','AssumeRolePolicyDocument':{'Version':'2012-10-17','Statement':[{'Effect':"
				      "'Allow','Principal':{'AWS':'111111111111'},'Action':'sts:AssumeRole'}]},'RolePolicyList'");
		else
			strbuf_addstr(&sb, "{'UserDetailList':[{'UserName':'attacker','UserId':'AIDAATTACKER','Arn':'" USER_ACTOR
				      "','Path':'/','GroupList':['devs'],'UserPolicyList'");
		strbuf_addf(&sb, ":[{'PolicyName':'own','PolicyDocument':{'Version':'2012-10-17','Statement':[%s]}}]",
			    stmts);
		/* extra may name the attached policies itself */
		if (!extra || !strstr(extra, "AttachedManagedPolicies"))
			strbuf_addstr(&sb, ",'AttachedManagedPolicies':[{'PolicyName':'app-policy','PolicyArn':'"
				      P("app-policy") "'}]");
		strbuf_addf(&sb, "%s}]}", extra ? extra : "");
		read_json(f, sb.buf);
	}
	strbuf_release(&sb);
}

static void fx_ready(fx *f)
{
	model_finalize(f->m, NULL);
	f->g = graph_new();
}

static void fx_init(fx *f, int role, const char *stmts, const char *extra)
{
	fx_begin(f, role, stmts, extra);
	fx_ready(f);
}

/* An organization: root r-1 > account 111111111111, each with one SCP (JSON, quote style). */
static void fx_scps(fx *f, const char *root_scp, const char *account_scp)
{
	const char *docs[2] = { root_scp, account_scp };
	org_node *o[2];
	size_t i;

	o[0] = model_add_org(f->m, ORG_ROOT, "r-1");
	o[1] = model_add_org(f->m, ORG_ACCOUNT, "111111111111");
	o[1]->parent = o[0];
	for (i = 0; i < 2; i++) {
		char *text = malloc(strlen(docs[i]) + 1);
		diag d = DIAG_INIT;
		doc *dc = NULL;
		size_t k;
		for (k = 0; docs[i][k]; k++)
			text[k] = docs[i][k] == '\'' ? '"' : docs[i][k];
		text[k] = '\0';
		CU_ASSERT_EQUAL_FATAL(doc_load_buffer(&dc, "scp.json", text, k, DOC_FMT_JSON, &d), 0);
		o[i]->scps = ARENA_ARRAY(model_arena(f->m), policy *, 1);
		CU_ASSERT_EQUAL(aws_policy_parse(f->m, dc, doc_root(dc), POL_SCP, "scp", &o[i]->scps[0], &f->diags), 0);
		o[i]->n_scps = 1;
		doc_free(dc);
		diag_release(&d);
		free(text);
	}
}

/* Every technique's edge, not only the best one per target. */
static void fx_build(fx *f)
{
	CU_ASSERT_EQUAL(aws_privesc_edges_build_with(f->g, f->m, &f->diags, AWS_PRIVESC_EDGES_EVERY_TECHNIQUE, NULL), 0);
}

static void fx_free(fx *f)
{
	graph_free(f->g);
	model_free(f->m);
	diag_list_release(&f->diags);
}

/* The can-act-as edge from -> to (to NULL: any) of technique, or NULL. */
static const gedge *find_edge(const fx *f, const char *from, const char *to, const char *technique)
{
	gedge *const *es;
	size_t n, i;

	es = graph_edges(f->g, &n);
	for (i = 0; i < n; i++)
		if (es[i]->kind == GE_CAN_ACT_AS && !strcmp(es[i]->from->id, from) &&
		    (!to || !strcmp(es[i]->to->id, to)) && !strcmp(es[i]->technique, technique))
			return es[i];
	return NULL;
}

static size_t count_edges(const fx *f, const char *from, const char *technique)
{
	gedge *const *es;
	size_t n, i, k = 0;

	es = graph_edges(f->g, &n);
	for (i = 0; i < n; i++)
		k += es[i]->kind == GE_CAN_ACT_AS && !strcmp(es[i]->from->id, from) && !strcmp(es[i]->technique, technique);
	return k;
}

/* --- every technique ----------------------------------------------------------------- */

/* The fixture role a service principal trusts. */
static const char *role_for(const char *sp)
{
	static const struct { const char *sp, *role; } roles[] = {
		{ "lambda.amazonaws.com", R("lambda-role") }, { "ec2.amazonaws.com", R("ec2-role") },
		{ "cloudformation.amazonaws.com", R("cloudformation-role") },
		{ "codebuild.amazonaws.com", R("codebuild-role") }, { "datapipeline.amazonaws.com", R("datapipeline-role") },
		{ "elasticmapreduce.amazonaws.com", R("emr-role") }, { "ecs-tasks.amazonaws.com", R("ecs-task-role") },
		{ "glue.amazonaws.com", R("glue-role") }, { "sagemaker.amazonaws.com", R("sagemaker-role") },
		{ "tasks.apprunner.amazonaws.com", R("apprunner-role") },
		{ "bedrock-agentcore.amazonaws.com", R("bedrock-role") },
	};
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(roles[i].sp, sp))
			return roles[i].role;
	return NULL;
}

/* The node the technique's edge must reach in the fixture. */
static const char *expected_target(const aws_privesc_technique *t)
{
	size_t i;

	switch (t->target) {
	case PRIVESC_TARGET_SELF_ADMIN:
		return ADMIN;
	case PRIVESC_TARGET_PRINCIPAL:
		for (i = 0; i < t->n_required; i++) {
			if (t->required[i].resource == PRIVESC_RES_TARGET_USER)
				return U("victim");
			if (t->required[i].resource == PRIVESC_RES_TARGET_GROUP)
				return G("admins");
		}
		return R("target");
	default:
		return t->n_service_principals ? role_for(t->service_principals[0]) : NULL;
	}
}

/* The statements granting t's required actions: on "*" (narrow: the first
 * only on a bucket), with a condition that cannot hold (when), and a Deny of
 * the last one (deny). */
static void grant(strbuf *sb, const aws_privesc_technique *t, int narrow, const char *when, int deny)
{
	size_t i;

	strbuf_addstr(sb, "{'Effect':'Allow','Action':[");
	for (i = narrow ? 1 : 0; i < t->n_required; i++)
		strbuf_addf(sb, "%s'%s'", i > (narrow ? 1u : 0u) ? "," : "", t->required[i].action);
	strbuf_addf(sb, "],'Resource':'*'%s%s}", when ? ",'Condition':" : "", when ? when : "");
	if (narrow)
		strbuf_addf(sb, ",{'Effect':'Allow','Action':'%s','Resource':'arn:aws:s3:::nothing'}",
			    t->required[0].action);
	if (deny)
		strbuf_addf(sb, ",{'Effect':'Deny','Action':'%s','Resource':'*'}", t->required[t->n_required - 1].action);
}

/* For every technique: the principal that can (exactly its actions on "*",
 * or a NotAction Allow) gets the edge; a Deny, a narrow Resource, a condition
 * that cannot hold and a permission boundary each remove it. */
static void test_every_technique_made_and_stopped(void)
{
	enum { CAN, NOT_ACTION, DENIED, NARROW, CONDITION, BOUNDED, N_WAYS };
	static const char *const ways[] = { "can", "NotAction", "deny", "narrow resource", "condition", "boundary" };
	size_t ti, w;

	for (ti = 0; ti < aws_privesc_count(); ti++) {
		const aws_privesc_technique *t = aws_privesc_get(ti);
		int role = (t->flags & PRIVESC_ACTOR_ROLE) != 0;
		const char *actor = role ? ROLE_ACTOR : USER_ACTOR, *to = expected_target(t);
		for (w = 0; w < N_WAYS; w++) {
			strbuf st = STRBUF_INIT;
			const gedge *e, *any;
			int made = w == CAN || w == NOT_ACTION;
			fx f;
			if (w == NOT_ACTION)
				strbuf_addstr(&st, "{'Effect':'Allow','NotAction':'s3:*','Resource':'*'}");
			else
				grant(&st, t, w == NARROW, w == CONDITION ? IS_TEAM_ADMINS : NULL, w == DENIED);
			fx_init(&f, role, st.buf, w == BOUNDED ? BOUNDARY("boundary-s3") : NULL);
			fx_build(&f);
			e = find_edge(&f, actor, to, t->id);
			any = find_edge(&f, actor, NULL, t->id);
			/* sts:AssumeRole alone is aws_graph's can-assume edge, not repeated here */
			if (!strcmp(t->id, "sts-001"))
				made = 0;
			if (made ? !e : !!any)
				fprintf(stderr, "\n%s (%s): %s\n", t->id, ways[w], made ? "no edge" : "an edge");
			CU_ASSERT(made ? e != NULL : any == NULL);
			if (made && e) {
				CU_ASSERT_EQUAL(e->n_actions, t->n_required);
				ASSERT_STR(e->actions[0], t->required[0].action);
				CU_ASSERT_PTR_NOT_NULL(e->loc.file);    /* the inline statement */
				/* taking over existing compute never is certain: which role it runs as is unknown */
				if (t->target == PRIVESC_TARGET_EXISTING_ROLE) {
					CU_ASSERT_EQUAL(e->dec, DEC_CONDITIONAL);
					CU_ASSERT(has_condition(e, "runs as"));
				}
			}
			CU_ASSERT_EQUAL(f.diags.count, 0);
			fx_free(&f);
			strbuf_release(&st);
		}
	}
}

static void test_no_actor_no_edges(void)
{
	fx f;
	size_t n;

	fx_init(&f, 0, NULL, NULL);
	fx_build(&f);
	graph_edges(f.g, &n);
	CU_ASSERT_EQUAL(n, 0);      /* the fixture's own principals cannot escalate */
	CU_ASSERT_EQUAL(f.diags.count, 0);
	fx_free(&f);
}

/* --- representative techniques, kept and removed ------------------------------------ */

enum { NONE = -1 };

typedef struct pcase {
	const char *name;       /* what the row shows */
	const char *technique;
	int role;               /* the actor is a role */
	const char *stmts;      /* the actor's inline statements */
	const char *extra;      /* more actor members (boundary, tags), or NULL */
	const char *target;     /* the node the edge leads to */
	int expect;             /* NONE, DEC_ALLOW or DEC_CONDITIONAL */
	const char *cond;       /* part of one of its conditions, or NULL */
} pcase;

#define PASS_LAMBDA ALLOW(Q("iam:PassRole"), Q(R("lambda-role")))
#define LAMBDA_NEW ALLOW("['lambda:CreateFunction','lambda:InvokeFunction']", STAR)

static const pcase cases[] = {
	/* iam-001: a new default version of a policy attached to the actor */
	{ "can", "iam-001", 0, ALLOW(Q("iam:CreatePolicyVersion"), Q(P("app-policy"))), NULL, ADMIN, DEC_ALLOW, NULL },
	{ "role can", "iam-001", 1, ALLOW(Q("iam:CreatePolicyVersion"), Q(P("app-policy"))), NULL, ADMIN, DEC_ALLOW, NULL },
	{ "deny", "iam-001", 0, ALLOW(Q("iam:CreatePolicyVersion"), STAR) "," DENY(Q("iam:Create*"), STAR), NULL,
	  ADMIN, NONE, NULL },
	{ "not attached", "iam-001", 0, ALLOW(Q("iam:CreatePolicyVersion"), Q(P("target-policy"))), NULL, ADMIN, NONE,
	  NULL },
	{ "condition cannot hold", "iam-001", 0, ALLOW_IF(Q("iam:CreatePolicyVersion"), STAR, IS_TEAM_ADMINS), NULL,
	  ADMIN, NONE, NULL },
	{ "condition holds", "iam-001", 0, ALLOW_IF(Q("iam:CreatePolicyVersion"), STAR, IS_TEAM_ADMINS),
	  ",'Tags':[{'Key':'team','Value':'admins'}]", ADMIN, DEC_ALLOW, NULL },
	{ "unknown condition", "iam-001", 0, ALLOW_IF(Q("iam:CreatePolicyVersion"), STAR, FROM_OFFICE), NULL, ADMIN,
	  DEC_CONDITIONAL, "aws:SourceIp" },
	{ "boundary", "iam-001", 0, ALLOW(Q("iam:*"), STAR), BOUNDARY("boundary-s3"), ADMIN, NONE, NULL },
	{ "boundary limits the gain", "iam-001", 0, ALLOW(Q("iam:*"), STAR), BOUNDARY("boundary-iam"), ADMIN,
	  DEC_CONDITIONAL, "permission boundary" },
	{ "NotAction", "iam-001", 0, "{'Effect':'Allow','NotAction':'s3:*','Resource':'*'}", NULL, ADMIN, DEC_ALLOW,
	  NULL },
	/* pg-001: the inputs keep only the default version */
	{ "can", "pg-001", 0, ALLOW(Q("iam:SetDefaultPolicyVersion"), Q(P("app-policy"))), NULL, ADMIN,
	  DEC_CONDITIONAL, "non-default version of '" P("app-policy") },
	{ "deny", "pg-001", 0, ALLOW(Q("iam:SetDefaultPolicyVersion"), STAR) "," DENY(Q("iam:SetDefault*"), STAR),
	  NULL, ADMIN, NONE, NULL },
	/* iam-002: access keys for another user */
	{ "can", "iam-002", 0, ALLOW(Q("iam:CreateAccessKey"), Q(U("victim"))), NULL, U("victim"), DEC_ALLOW, NULL },
	{ "deny", "iam-002", 0, ALLOW(Q("iam:CreateAccessKey"), STAR) "," DENY(Q("iam:CreateAccessKey"),
	  Q(U("vic*"))), NULL, U("victim"), NONE, NULL },
	{ "narrow resource", "iam-002", 0, ALLOW(Q("iam:CreateAccessKey"), Q(U("someone-else"))), NULL, U("victim"),
	  NONE, NULL },
	{ "NotResource", "iam-002", 0, "{'Effect':'Allow','Action':'iam:CreateAccessKey','NotResource':'"
	  U("victim") "'}", NULL, U("victim"), NONE, NULL },
	{ "boundary", "iam-002", 0, ALLOW(Q("iam:CreateAccessKey"), STAR), BOUNDARY("boundary-s3"), U("victim"), NONE,
	  NULL },
	{ "NotAction", "iam-002", 0, "{'Effect':'Allow','NotAction':['s3:*','ec2:*'],'Resource':'*'}", NULL,
	  U("victim"), DEC_ALLOW, NULL },
	{ "other account", "iam-002", 0, ALLOW(Q("iam:CreateAccessKey"), STAR), NULL,
	  "arn:aws:iam::222222222222:user/outsider", NONE, NULL },
	/* iam-012: rewrite a role's trust policy */
	{ "can", "iam-012", 0, ALLOW(Q("iam:UpdateAssumeRolePolicy"), Q(R("target"))), NULL, R("target"), DEC_ALLOW,
	  NULL },
	{ "deny", "iam-012", 0, ALLOW(Q("iam:UpdateAssumeRolePolicy"), STAR) "," DENY(Q("iam:Update*"), Q(R("*"))),
	  NULL, R("target"), NONE, NULL },
	{ "service-linked roles cannot change", "iam-012", 0, ALLOW(Q("iam:UpdateAssumeRolePolicy"), STAR), NULL,
	  R("aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"), NONE, NULL },
	{ "unknown condition", "iam-012", 0, ALLOW_IF(Q("iam:UpdateAssumeRolePolicy"), STAR, FROM_OFFICE), NULL,
	  R("target"), DEC_CONDITIONAL, "aws:SourceIp" },
	{ "not to itself", "iam-012", 1, ALLOW(Q("iam:UpdateAssumeRolePolicy"), STAR), NULL, ROLE_ACTOR, NONE, NULL },
	/* iam-008: attach a policy to itself */
	{ "can", "iam-008", 0, ALLOW(Q("iam:AttachUserPolicy"), Q(USER_ACTOR)), NULL, ADMIN, DEC_ALLOW, NULL },
	{ "policy variable", "iam-008", 0, ALLOW(Q("iam:AttachUserPolicy"), Q(A "user/${aws:username}")), NULL, ADMIN,
	  DEC_ALLOW, NULL },
	{ "narrow resource", "iam-008", 0, ALLOW(Q("iam:AttachUserPolicy"), Q(U("victim"))), NULL, ADMIN, NONE, NULL },
	{ "deny", "iam-008", 0, ALLOW(Q("iam:AttachUserPolicy"), STAR) "," DENY(Q("iam:Attach*"), STAR), NULL, ADMIN,
	  NONE, NULL },
	{ "users only", "iam-008", 1, ALLOW(Q("iam:AttachUserPolicy"), STAR), NULL, ADMIN, NONE, NULL },
	/* iam-013: join a group */
	{ "can", "iam-013", 0, ALLOW(Q("iam:AddUserToGroup"), Q(G("admins"))), NULL, G("admins"), DEC_ALLOW, NULL },
	{ "already a member", "iam-013", 0, ALLOW(Q("iam:AddUserToGroup"), STAR), NULL, G("devs"), NONE, NULL },
	{ "narrow resource", "iam-013", 0, ALLOW(Q("iam:AddUserToGroup"), Q(G("devs"))), NULL, G("admins"), NONE,
	  NULL },
	{ "boundary", "iam-013", 0, ALLOW(Q("iam:AddUserToGroup"), STAR), BOUNDARY("boundary-s3"), G("admins"), NONE,
	  NULL },
	/* iam-017: write a role's policy, then become it: the role and the administrator */
	{ "can", "iam-017", 0, ALLOW("['iam:PutRolePolicy','sts:AssumeRole']", Q(R("target"))), NULL, R("target"),
	  DEC_ALLOW, NULL },
	{ "gains more than the role has", "iam-017", 0, ALLOW("['iam:PutRolePolicy','sts:AssumeRole']", Q(R("target"))),
	  NULL, ADMIN, DEC_ALLOW, NULL },
	{ "trust must allow the actor", "iam-017", 0, ALLOW("['iam:PutRolePolicy','sts:AssumeRole']", STAR), NULL,
	  R("lambda-role"), NONE, NULL },
	{ "deny on the second action", "iam-017", 0, ALLOW("['iam:PutRolePolicy','sts:AssumeRole']", STAR) ","
	  DENY(Q("sts:AssumeRole"), STAR), NULL, R("target"), NONE, NULL },
	{ "a trust naming the actor needs no identity Allow", "iam-017", 0, ALLOW(Q("iam:PutRolePolicy"), STAR), NULL,
	  R("trusts-attacker"), DEC_ALLOW, NULL },
	{ "a trust naming the account does", "iam-017", 0, ALLOW(Q("iam:PutRolePolicy"), STAR), NULL, R("target"), NONE,
	  NULL },
	/* lambda-001: pass a role to a new function and invoke it */
	{ "can", "lambda-001", 0, PASS_LAMBDA "," LAMBDA_NEW, NULL, R("lambda-role"), DEC_ALLOW, NULL },
	{ "PassRole on another role", "lambda-001", 0, PASS_LAMBDA "," LAMBDA_NEW, NULL, R("lambda-other"), NONE,
	  NULL },
	{ "role not trusted by lambda", "lambda-001", 0, ALLOW(Q("iam:PassRole"), STAR) "," LAMBDA_NEW, NULL,
	  R("ec2-role"), NONE, NULL },
	{ "PassedToService matches", "lambda-001", 0, ALLOW_IF(Q("iam:PassRole"), STAR,
	  "{'StringEquals':{'iam:PassedToService':'lambda.amazonaws.com'}}") "," LAMBDA_NEW, NULL, R("lambda-role"),
	  DEC_ALLOW, NULL },
	{ "PassedToService mismatch", "lambda-001", 0, ALLOW_IF(Q("iam:PassRole"), STAR,
	  "{'StringEquals':{'iam:PassedToService':'ec2.amazonaws.com'}}") "," LAMBDA_NEW, NULL, R("lambda-role"), NONE,
	  NULL },
	{ "unknown condition", "lambda-001", 0, ALLOW_IF(Q("iam:PassRole"), STAR, FROM_OFFICE) "," LAMBDA_NEW, NULL,
	  R("lambda-role"), DEC_CONDITIONAL, "aws:SourceIp" },
	{ "deny on every function", "lambda-001", 0, PASS_LAMBDA "," LAMBDA_NEW ","
	  DENY(Q("lambda:CreateFunction"), Q("arn:aws:lambda:*:*:function:*")), NULL, R("lambda-role"), NONE, NULL },
	{ "deny on some functions", "lambda-001", 0, PASS_LAMBDA "," LAMBDA_NEW ","
	  DENY(Q("lambda:CreateFunction"), Q("arn:aws:lambda:*:*:function:prod-*")), NULL, R("lambda-role"), DEC_ALLOW,
	  NULL },
	{ "functions it may name", "lambda-001", 0, PASS_LAMBDA "," ALLOW("['lambda:CreateFunction',"
	  "'lambda:InvokeFunction']", Q("arn:aws:lambda:us-east-1:111111111111:function:app-*")), NULL,
	  R("lambda-role"), DEC_ALLOW, NULL },
	{ "functions of another account", "lambda-001", 0, PASS_LAMBDA "," ALLOW("['lambda:CreateFunction',"
	  "'lambda:InvokeFunction']", Q("arn:aws:lambda:*:222222222222:function:*")), NULL, R("lambda-role"), NONE,
	  NULL },
	{ "functions named after the actor", "lambda-001", 0, PASS_LAMBDA "," ALLOW("['lambda:CreateFunction',"
	  "'lambda:InvokeFunction']", Q("arn:aws:lambda:*:*:function:${aws:username}-*")), NULL, R("lambda-role"),
	  DEC_ALLOW, NULL },
	{ "functions named after the actor, denied", "lambda-001", 0, PASS_LAMBDA "," ALLOW("['lambda:CreateFunction',"
	  "'lambda:InvokeFunction']", Q("arn:aws:lambda:*:*:function:${aws:username}-*")) ","
	  DENY(Q("lambda:CreateFunction"), Q("arn:aws:lambda:*:*:function:attacker-*")), NULL, R("lambda-role"), NONE,
	  NULL },
	{ "missing action", "lambda-001", 0, PASS_LAMBDA "," ALLOW(Q("lambda:CreateFunction"), STAR), NULL,
	  R("lambda-role"), NONE, NULL },
	{ "boundary", "lambda-001", 0, PASS_LAMBDA "," LAMBDA_NEW, BOUNDARY("boundary-s3"), R("lambda-role"), NONE,
	  NULL },
	{ "NotAction", "lambda-001", 0, "{'Effect':'Allow','NotAction':'s3:*','Resource':'*'}", NULL, R("lambda-role"),
	  DEC_ALLOW, NULL },
	{ "roles of another account", "lambda-001", 0, ALLOW(Q("iam:PassRole"), STAR) "," LAMBDA_NEW, NULL,
	  "arn:aws:iam::222222222222:role/other-account-lambda", NONE, NULL },
	/* ec2-001: an instance with an instance profile */
	{ "can", "ec2-001", 0, ALLOW("['iam:PassRole','ec2:RunInstances']", STAR), NULL, R("ec2-role"),
	  DEC_CONDITIONAL, "instance profile" },
	{ "deny", "ec2-001", 0, ALLOW("['iam:PassRole','ec2:RunInstances']", STAR) ","
	  DENY(Q("ec2:RunInstances"), Q("arn:aws:ec2:*:*:instance/*")), NULL, R("ec2-role"), NONE, NULL },
	{ "PassedToService mismatch", "ec2-001", 0, ALLOW(Q("ec2:RunInstances"), STAR) "," ALLOW_IF(Q("iam:PassRole"),
	  STAR, "{'StringLike':{'iam:PassedToService':'lambda.*'}}"), NULL, R("ec2-role"), NONE, NULL },
	/* cloudformation-001 */
	{ "can", "cloudformation-001", 0, ALLOW("['iam:PassRole','cloudformation:CreateStack']", STAR), NULL,
	  R("cloudformation-role"), DEC_ALLOW, NULL },
	{ "PassRole on another role", "cloudformation-001", 0, PASS_LAMBDA "," ALLOW(Q("cloudformation:CreateStack"),
	  STAR), NULL, R("cloudformation-role"), NONE, NULL },
	{ "deny", "cloudformation-001", 0, ALLOW("['iam:PassRole','cloudformation:*']", STAR) ","
	  DENY(Q("cloudformation:CreateStack"), STAR), NULL, R("cloudformation-role"), NONE, NULL },
	/* glue-001: the dev endpoint action names no resource type: decided on "*" */
	{ "can", "glue-001", 0, ALLOW("['iam:PassRole','glue:CreateDevEndpoint']", STAR), NULL, R("glue-role"),
	  DEC_ALLOW, NULL },
	{ "deny", "glue-001", 0, ALLOW("['iam:PassRole','glue:CreateDevEndpoint']", STAR) ","
	  DENY(Q("glue:*"), STAR), NULL, R("glue-role"), NONE, NULL },
	{ "boundary", "glue-001", 0, ALLOW("['iam:PassRole','glue:CreateDevEndpoint']", STAR), BOUNDARY("boundary-iam"),
	  R("glue-role"), NONE, NULL },
	/* glue-005: a new role for a job that must exist */
	{ "existing job", "glue-005", 0, ALLOW("['iam:PassRole','glue:UpdateJob','glue:StartJobRun']", STAR), NULL,
	  R("glue-role"), DEC_CONDITIONAL, "if a resource exists for glue:UpdateJob" },
	/* datapipeline-001: either of its service principals */
	{ "emr role", "datapipeline-001", 0, ALLOW("['iam:PassRole','datapipeline:*']", STAR), NULL, R("emr-role"),
	  DEC_ALLOW, NULL },
	/* lambda-003: an existing function runs as some role lambda may assume */
	{ "can", "lambda-003", 0, ALLOW(Q("lambda:UpdateFunctionCode"), Q("arn:aws:lambda:*:111111111111:function:etl")),
	  NULL, R("lambda-other"), DEC_CONDITIONAL, "if an existing lambda:function runs as '" R("lambda-other") "'" },
	{ "deny", "lambda-003", 0, ALLOW(Q("lambda:UpdateFunctionCode"), STAR) "," DENY(Q("lambda:Update*"), STAR),
	  NULL, R("lambda-role"), NONE, NULL },
	{ "not a lambda role", "lambda-003", 0, ALLOW(Q("lambda:UpdateFunctionCode"), STAR), NULL, R("ec2-role"), NONE,
	  NULL },
	/* ssm-002: commands on an instance that runs as an EC2 role */
	{ "can", "ssm-002", 0, ALLOW(Q("ssm:SendCommand"), STAR), NULL, R("ec2-role"), DEC_CONDITIONAL,
	  "if an existing ec2:instance runs as" },
	{ "deny", "ssm-002", 0, ALLOW(Q("ssm:SendCommand"), STAR) "," DENY(Q("ssm:SendCommand"), STAR), NULL,
	  R("ec2-role"), NONE, NULL },
	{ "condition cannot hold", "ssm-002", 0, ALLOW_IF(Q("ssm:SendCommand"), STAR, IS_TEAM_ADMINS), NULL,
	  R("ec2-role"), NONE, NULL },
	/* ssm-001: StartSession names no resource type; instance ARNs in the Allow still count */
	{ "instance ARN", "ssm-001", 0, ALLOW(Q("ssm:StartSession"), Q("arn:aws:ec2:*:*:instance/*")), NULL,
	  R("ec2-role"), DEC_CONDITIONAL, "runs as" },
	{ NULL, NULL, 0, NULL, NULL, NULL, 0, NULL }
};

static void test_techniques_kept_and_removed(void)
{
	const pcase *c;

	for (c = cases; c->name; c++) {
		const char *actor = c->role ? ROLE_ACTOR : USER_ACTOR;
		const gedge *e;
		int ok;
		fx f;

		fx_init(&f, c->role, c->stmts, c->extra);
		fx_build(&f);
		e = find_edge(&f, actor, c->target, c->technique);
		ok = c->expect == NONE ? !e : e && (int)e->dec == c->expect && (!c->cond || has_condition(e, c->cond));
		if (!ok) {
			size_t i;
			fprintf(stderr, "\n%s %s: expected %s, got %s", c->technique, c->name,
				c->expect == NONE ? "no edge" : decision_name((decision)c->expect),
				e ? decision_name(e->dec) : "no edge");
			for (i = 0; e && i < e->n_conditions; i++)
				fprintf(stderr, "\n    %s", e->conditions[i]);
			fprintf(stderr, "\n");
		}
		CU_ASSERT(ok);
		fx_free(&f);
	}
}

/* --- nodes, evidence, counts ---------------------------------------------------------- */

static void test_nodes_are_filled_not_overwritten(void)
{
	gnode *victim, *admin, *actor;
	const gedge *e;
	fx f;

	fx_init(&f, 0, ALLOW("['iam:CreateAccessKey','iam:PutUserPolicy']", STAR), NULL);
	/* as if the principal builder ran first and named the victim its own way */
	victim = graph_add_node(f.g, GN_PRINCIPAL, U("victim"));
	victim->type = "user";
	victim->name = "kept";
	fx_build(&f);
	ASSERT_STR(victim->name, "kept");
	ASSERT_STR(victim->cloud, "aws");
	ASSERT_STR(victim->account, "111111111111");
	CU_ASSERT_PTR_EQUAL(victim->obj, model_find_principal(f.m, U("victim")));
	actor = graph_find(f.g, USER_ACTOR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(actor);
	ASSERT_STR(actor->type, "user");
	ASSERT_STR(actor->name, "attacker");
	admin = graph_find(f.g, ADMIN);
	CU_ASSERT_PTR_NOT_NULL_FATAL(admin);
	ASSERT_STR(admin->type, "administrator");
	ASSERT_STR(admin->name, "administrator of 111111111111");
	ASSERT_STR(admin->account, "111111111111");
	CU_ASSERT_EQUAL(admin->kind, GN_PRINCIPAL);
	/* iam-007 (own user policy) and iam-018 (another user's, then its keys) share the one node */
	CU_ASSERT_PTR_NOT_NULL(find_edge(&f, USER_ACTOR, ADMIN, "iam-007"));
	CU_ASSERT_PTR_NOT_NULL(find_edge(&f, USER_ACTOR, ADMIN, "iam-018"));
	e = find_edge(&f, USER_ACTOR, U("victim"), "iam-002");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->kind, GE_CAN_ACT_AS);
	CU_ASSERT_EQUAL(e->dec, DEC_ALLOW);
	CU_ASSERT_EQUAL(e->n_conditions, 0);
	ASSERT_STR(e->actions[0], "iam:CreateAccessKey");
	ASSERT_STR(e->loc.file, "inline.json");
	CU_ASSERT(e->loc.line > 0);
	fx_free(&f);
}

static void test_loc_is_the_statement_allowing_the_first_action(void)
{
	const gedge *e;
	fx f;

	/* statement 1 allows the function actions, statement 2 PassRole (the first required) */
	fx_init(&f, 0, LAMBDA_NEW ",\n" PASS_LAMBDA, NULL);
	fx_build(&f);
	e = find_edge(&f, USER_ACTOR, R("lambda-role"), "lambda-001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	ASSERT_STR(e->actions[0], "iam:PassRole");
	CU_ASSERT_EQUAL(e->loc.line, 2);
	fx_free(&f);
}

static void test_one_edge_per_target_and_technique(void)
{
	aws_privesc_edges_stats st;
	fx f;
	size_t n1, n2;

	fx_init(&f, 0, ALLOW(Q("*"), STAR), NULL);
	CU_ASSERT_EQUAL(aws_privesc_edges_build_with(f.g, f.m, &f.diags, AWS_PRIVESC_EDGES_EVERY_TECHNIQUE, &st), 0);
	{
		principal **ps;
		size_t n, i, k = 0;
		ps = model_principals(f.m, &n);
		for (i = 0; i < n; i++)
			k += ps[i]->kind == PRIN_USER || ps[i]->kind == PRIN_ROLE;
		CU_ASSERT_EQUAL(st.actors, k);  /* every user and role, the fixture's too */
	}
	CU_ASSERT(st.evaluations > 0);
	CU_ASSERT(st.cache_hits > 0);      /* PassRole to lambda is shared by lambda-001, -002, -006 */
	graph_edges(f.g, &n1);
	CU_ASSERT_EQUAL(st.edges, n1);
	CU_ASSERT(st.conditional_edges > 0 && st.conditional_edges < st.edges);
	/* two lambda roles, one edge each; iam-002 reaches the one user of the account */
	CU_ASSERT_EQUAL(count_edges(&f, USER_ACTOR, "lambda-001"), 2);
	CU_ASSERT_EQUAL(count_edges(&f, USER_ACTOR, "iam-002"), 1);
	CU_ASSERT_EQUAL(count_edges(&f, USER_ACTOR, "iam-001"), 1);
	/* a second build over a fresh graph gives the same edges */
	graph_free(f.g);
	f.g = graph_new();
	fx_build(&f);
	graph_edges(f.g, &n2);
	CU_ASSERT_EQUAL(n1, n2);
	fx_free(&f);
}

static void test_default_keeps_the_best_technique_per_target(void)
{
	gedge *const *es;
	aws_privesc_edges_stats st;
	size_t n, i, j;
	fx f;

	fx_init(&f, 0, ALLOW(Q("*"), STAR), NULL);
	CU_ASSERT_EQUAL(aws_privesc_edges_build_with(f.g, f.m, &f.diags, 0, &st), 0);
	es = graph_edges(f.g, &n);
	CU_ASSERT_EQUAL(st.edges, n);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			CU_ASSERT(es[i]->from != es[j]->from || es[i]->to != es[j]->to);
	/* certain first, then the fewest actions, then catalogue order */
	CU_ASSERT_PTR_NOT_NULL(find_edge(&f, USER_ACTOR, R("lambda-role"), "iam-012"));
	CU_ASSERT_PTR_NOT_NULL(find_edge(&f, USER_ACTOR, ADMIN, "iam-001"));
	CU_ASSERT_PTR_NOT_NULL(find_edge(&f, USER_ACTOR, U("victim"), "iam-002"));
	CU_ASSERT_PTR_NOT_NULL(find_edge(&f, USER_ACTOR, G("admins"), "iam-013"));
	CU_ASSERT_PTR_NULL(find_edge(&f, USER_ACTOR, R("lambda-role"), "lambda-001"));
	fx_free(&f);

	/* a conditional edge (ec2-001: instance profile) gives way to a certain one */
	fx_init(&f, 0, ALLOW("['iam:PassRole','ec2:RunInstances']", STAR) "," ALLOW(Q("iam:UpdateAssumeRolePolicy"),
		Q(R("ec2-role"))), NULL);
	CU_ASSERT_EQUAL(aws_privesc_edges_build_with(f.g, f.m, &f.diags, 0, &st), 0);
	CU_ASSERT_EQUAL(st.edges, 1);
	CU_ASSERT_EQUAL(st.conditional_edges, 0);
	{
		const gedge *e = find_edge(&f, USER_ACTOR, R("ec2-role"), "iam-012");
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_EQUAL(e->dec, DEC_ALLOW);
		CU_ASSERT_EQUAL(e->n_conditions, 0);
		ASSERT_STR(e->actions[0], "iam:UpdateAssumeRolePolicy");
	}
	fx_free(&f);
}

static void test_one_decision_serves_every_iam_target(void)
{
	aws_privesc_edges_stats st;
	fx f;

	/* Allow on "*" without conditions: one evaluation for all 14 roles of the account */
	fx_init(&f, 0, ALLOW(Q("iam:UpdateAssumeRolePolicy"), STAR), NULL);
	CU_ASSERT_EQUAL(aws_privesc_edges_build_with(f.g, f.m, &f.diags, 0, &st), 0);
	CU_ASSERT_EQUAL(count_edges(&f, USER_ACTOR, "iam-012"), 14);
	CU_ASSERT_EQUAL(st.evaluations, 1);
	fx_free(&f);
	/* a Deny naming one role: each role decided on its own */
	fx_init(&f, 0, ALLOW(Q("iam:UpdateAssumeRolePolicy"), STAR) "," DENY(Q("iam:*"), Q(R("target"))), NULL);
	CU_ASSERT_EQUAL(aws_privesc_edges_build_with(f.g, f.m, &f.diags, 0, &st), 0);
	CU_ASSERT_EQUAL(count_edges(&f, USER_ACTOR, "iam-012"), 13);
	CU_ASSERT_PTR_NULL(find_edge(&f, USER_ACTOR, R("target"), "iam-012"));
	CU_ASSERT_EQUAL(st.evaluations, 14);
	fx_free(&f);
	/* a condition: each decided too, and each conditional */
	fx_init(&f, 0, ALLOW_IF(Q("iam:UpdateAssumeRolePolicy"), STAR, FROM_OFFICE), NULL);
	CU_ASSERT_EQUAL(aws_privesc_edges_build_with(f.g, f.m, &f.diags, 0, &st), 0);
	CU_ASSERT_EQUAL(st.evaluations, 14);
	CU_ASSERT_EQUAL(st.conditional_edges, 14);
	fx_free(&f);
}

static void test_scps_are_honoured(void)
{
	fx f;

	/* an SCP Deny on every resource: no edge, and the shortcut sees it */
	fx_begin(&f, 0, ALLOW(Q("iam:UpdateAssumeRolePolicy"), STAR), NULL);
	fx_scps(&f, "{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}",
		"{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'},"
		"{'Effect':'Deny','Action':'iam:Update*','Resource':'*'}]}");
	fx_ready(&f);
	fx_build(&f);
	CU_ASSERT_EQUAL(count_edges(&f, USER_ACTOR, "iam-012"), 0);
	fx_free(&f);
	/* on one role */
	fx_begin(&f, 0, ALLOW(Q("iam:UpdateAssumeRolePolicy"), STAR), NULL);
	fx_scps(&f, "{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}",
		"{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'},"
		"{'Effect':'Deny','Action':'iam:Update*','Resource':'" R("target") "'}]}");
	fx_ready(&f);
	fx_build(&f);
	CU_ASSERT_EQUAL(count_edges(&f, USER_ACTOR, "iam-012"), 13);
	CU_ASSERT_PTR_NULL(find_edge(&f, USER_ACTOR, R("target"), "iam-012"));
	fx_free(&f);
	/* an SCP that does not allow the service at all */
	fx_begin(&f, 0, PASS_LAMBDA "," LAMBDA_NEW, NULL);
	fx_scps(&f, "{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}",
		"{'Statement':[{'Effect':'Allow','Action':['iam:*','s3:*'],'Resource':'*'}]}");
	fx_ready(&f);
	fx_build(&f);
	CU_ASSERT_PTR_NULL(find_edge(&f, USER_ACTOR, R("lambda-role"), "lambda-001"));
	fx_free(&f);
}

static void test_what_the_inputs_lack_is_conditional(void)
{
	const gedge *e;
	fx f;

	/* a role whose trust policy the inputs do not hold may trust lambda */
	fx_begin(&f, 0, ALLOW(Q("iam:PassRole"), STAR) "," LAMBDA_NEW, NULL);
	read_json(&f, "{'RoleDetailList':[{'RoleName':'no-trust','RoleId':'AROANOTRUST','Arn':'" R("no-trust")
		      "','Path':'/','AssumeRolePolicyDocument':null}]}");
	fx_ready(&f);
	fx_build(&f);
	e = find_edge(&f, USER_ACTOR, R("no-trust"), "lambda-001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->dec, DEC_CONDITIONAL);
	CU_ASSERT(has_condition(e, "trust policy"));
	CU_ASSERT_EQUAL(find_edge(&f, USER_ACTOR, R("lambda-role"), "lambda-001")->dec, DEC_ALLOW);
	fx_free(&f);
	/* a policy attached to the actor whose document is not in the inputs can still be rewritten */
	fx_init(&f, 0, ALLOW(Q("iam:CreatePolicyVersion"), Q(P("missing"))),
		",'AttachedManagedPolicies':[{'PolicyName':'missing','PolicyArn':'" P("missing") "'}]");
	fx_build(&f);
	CU_ASSERT_PTR_NOT_NULL(find_edge(&f, USER_ACTOR, ADMIN, "iam-001"));
	fx_free(&f);
	/* a principal whose ARN is not one (no account) is no actor, and no target */
	fx_begin(&f, 0, ALLOW(Q("iam:CreateAccessKey"), STAR), NULL);
	read_json(&f, "{'UserDetailList':[{'UserName':'odd','UserId':'AIDAODD','Arn':'odd','Path':'/','UserPolicyList':"
		      "[{'PolicyName':'all','PolicyDocument':{'Version':'2012-10-17','Statement':[" ALLOW(STAR, STAR)
		      "]}}]}]}");
	fx_ready(&f);
	fx_build(&f);
	CU_ASSERT_PTR_NULL(find_edge(&f, "odd", NULL, "iam-001"));
	CU_ASSERT_PTR_NULL(find_edge(&f, USER_ACTOR, "odd", "iam-002"));
	CU_ASSERT_PTR_NOT_NULL(find_edge(&f, USER_ACTOR, U("victim"), "iam-002"));
	fx_free(&f);
	/* AWS managed policies cannot be */
	fx_init(&f, 0, ALLOW(Q("iam:CreatePolicyVersion"), STAR),
		",'AttachedManagedPolicies':[{'PolicyName':'ReadOnlyAccess','PolicyArn':"
		"'arn:aws:iam::aws:policy/ReadOnlyAccess'}]");
	fx_build(&f);
	CU_ASSERT_PTR_NULL(find_edge(&f, USER_ACTOR, ADMIN, "iam-001"));
	fx_free(&f);
}

static void test_every_technique_is_decided(void)
{
	fx f;

	/* no technique of the catalogue is skipped as undecidable */
	fx_init(&f, 0, ALLOW(Q("s3:GetObject"), STAR), NULL);
	fx_build(&f);
	CU_ASSERT_EQUAL(f.diags.count, 0);
	CU_ASSERT_EQUAL(aws_privesc_edges_build(f.g, f.m, NULL), 0);     /* warn may be NULL */
	fx_free(&f);
}

TEST_SUITE(aws_privesc_edges)
{
	static const test_case tests[] = {
		{ "aws_privesc_edges__every_technique_made_and_stopped", test_every_technique_made_and_stopped },
		{ "aws_privesc_edges__no_actor_no_edges", test_no_actor_no_edges },
		{ "aws_privesc_edges__techniques_kept_and_removed", test_techniques_kept_and_removed },
		{ "aws_privesc_edges__nodes_are_filled_not_overwritten", test_nodes_are_filled_not_overwritten },
		{ "aws_privesc_edges__loc_is_the_statement_allowing_the_first_action",
		  test_loc_is_the_statement_allowing_the_first_action },
		{ "aws_privesc_edges__one_edge_per_target_and_technique", test_one_edge_per_target_and_technique },
		{ "aws_privesc_edges__default_keeps_the_best_technique_per_target",
		  test_default_keeps_the_best_technique_per_target },
		{ "aws_privesc_edges__one_decision_serves_every_iam_target", test_one_decision_serves_every_iam_target },
		{ "aws_privesc_edges__scps_are_honoured", test_scps_are_honoured },
		{ "aws_privesc_edges__what_the_inputs_lack_is_conditional", test_what_the_inputs_lack_is_conditional },
		{ "aws_privesc_edges__every_technique_is_decided", test_every_technique_is_decided },
		{ NULL, NULL }
	};
	return test_register("aws_privesc_edges", tests);
}
