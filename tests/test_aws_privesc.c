/* Tests for analyzer/catalog/aws_privesc: classification, catalogue, lookups. */
#include "catalog/aws_privesc.h"
#include "catalog/aws_catalog.h"
#include "base/strbuf.h"
#include "tests/test_util.h"

/*
 * Every technique as the graph will read it, one line each:
 *   id target flags host resources service-principals
 * where resources has one letter per required permission, in order:
 *   * any, s self, m member-group, p attached-policy, R target-role,
 *   U target-user, G target-group, n new-resource, e existing-resource.
 * A change to the data or to the rules shows up here, path by path.
 */
static const char *const expected[] = {
	"apprunner-001 passed-role 0 apprunner:service Rn tasks.apprunner.amazonaws.com",
	"apprunner-002 existing-role 0 apprunner:service e tasks.apprunner.amazonaws.com",
	"bedrock-001 passed-role 0 bedrock-agentcore:code-interpreter Rnnn bedrock-agentcore.amazonaws.com",
	"bedrock-002 existing-role 0 bedrock-agentcore:code-interpreter ee bedrock-agentcore.amazonaws.com",
	"cloudformation-001 passed-role 0 cloudformation:stack Rn cloudformation.amazonaws.com",
	"cloudformation-002 existing-role 0 cloudformation:stack e cloudformation.amazonaws.com",
	"cloudformation-003 passed-role 0 cloudformation:stackset Rnn cloudformation.amazonaws.com",
	"cloudformation-004 passed-role 0 cloudformation:stackset Re cloudformation.amazonaws.com",
	"cloudformation-005 existing-role 0 cloudformation:stack ee cloudformation.amazonaws.com",
	"codebuild-001 passed-role 0 codebuild:project Rnn codebuild.amazonaws.com",
	"codebuild-002 existing-role 0 codebuild:project e codebuild.amazonaws.com",
	"codebuild-003 existing-role 0 codebuild:project e codebuild.amazonaws.com",
	"codebuild-004 passed-role 0 codebuild:project Rnn codebuild.amazonaws.com",
	"datapipeline-001 passed-role 0 datapipeline:pipeline Rnnn datapipeline.amazonaws.com|elasticmapreduce.amazonaws.com",
	"ec2-001 passed-role 8 ec2:instance Rn ec2.amazonaws.com",
	"ec2-002 existing-role 0 ec2:instance eee ec2.amazonaws.com",
	"ec2-003 passed-role 8 ec2:instance Rn ec2.amazonaws.com",
	"ec2-004 existing-role 0 ec2:launch-template ee ec2.amazonaws.com",
	"ec2instanceconnect-003 existing-role 0 ec2:instance e* ec2.amazonaws.com",
	"ecs-001 passed-role 0 ecs:task-definition Rnnn ecs-tasks.amazonaws.com",
	"ecs-002 passed-role 0 ecs:task-definition Rnnn ecs-tasks.amazonaws.com",
	"ecs-003 passed-role 0 ecs:task-definition Rnn ecs-tasks.amazonaws.com",
	"ecs-004 passed-role 0 ecs:task-definition Rnn ecs-tasks.amazonaws.com",
	"ecs-005 passed-role 0 ecs:task-definition Rnn ecs-tasks.amazonaws.com",
	"glue-001 passed-role 0 glue:devendpoint Rn glue.amazonaws.com",
	"glue-002 existing-role 0 glue:devendpoint e glue.amazonaws.com",
	"glue-003 passed-role 0 glue:job Rnn glue.amazonaws.com",
	"glue-004 passed-role 0 glue:job Rnn glue.amazonaws.com",
	"glue-005 passed-role 0 glue:job Ree glue.amazonaws.com",
	"glue-006 passed-role 0 glue:job Ren glue.amazonaws.com",
	"iam-001 self-admin 0 - p -",
	"iam-002 principal 0 - U -",
	"iam-003 principal 0 - UU -",
	"iam-004 principal 0 - U -",
	"iam-005 self-admin 2 - s -",
	"iam-006 principal 0 - U -",
	"iam-007 self-admin 1 - s -",
	"iam-008 self-admin 1 - s -",
	"iam-009 self-admin 2 - s -",
	"iam-010 self-admin 1 - m -",
	"iam-011 self-admin 1 - m -",
	"iam-012 principal 0 - R -",
	"iam-013 principal 1 - G -",
	"iam-014 principal 4 - RR -",
	"iam-015 principal 0 - UU -",
	"iam-016 principal 4 - pR -",
	"iam-017 principal 4 - RR -",
	"iam-018 principal 0 - UU -",
	"iam-019 principal 0 - RR -",
	"iam-020 principal 0 - pR -",
	"iam-021 principal 0 - RR -",
	"lambda-001 passed-role 0 lambda:function Rnn lambda.amazonaws.com",
	"lambda-002 passed-role 0 lambda:function Rnn lambda.amazonaws.com",
	"lambda-003 existing-role 0 lambda:function e lambda.amazonaws.com",
	"lambda-004 existing-role 0 lambda:function ee lambda.amazonaws.com",
	"lambda-005 existing-role 0 lambda:function ee lambda.amazonaws.com",
	"lambda-006 passed-role 0 lambda:function Rnn lambda.amazonaws.com",
	"sagemaker-001 passed-role 0 sagemaker:notebook-instance Rnn sagemaker.amazonaws.com",
	"sagemaker-002 passed-role 0 sagemaker:training-job Rn sagemaker.amazonaws.com",
	"sagemaker-003 passed-role 0 sagemaker:processing-job Rn sagemaker.amazonaws.com",
	"sagemaker-004 existing-role 0 sagemaker:notebook-instance e sagemaker.amazonaws.com",
	"sagemaker-005 existing-role 0 sagemaker:notebook-instance neee sagemaker.amazonaws.com",
	"ssm-001 existing-role 0 ec2:instance e ec2.amazonaws.com",
	"ssm-002 existing-role 0 ec2:instance e ec2.amazonaws.com",
	"sts-001 principal 4 - R -",
	"pg-001 self-admin 0 - p -",
};

#define N_EXPECTED (sizeof(expected) / sizeof(expected[0]))

static void describe(const aws_privesc_technique *t, strbuf *sb)
{
	size_t k;

	strbuf_reset(sb);
	strbuf_addf(sb, "%s %s %u %s ", t->id, aws_privesc_target_name(t->target), t->flags,
		    t->host ? t->host : "-");
	for (k = 0; k < t->n_required; k++)
		strbuf_addch(sb, (unsigned)t->required[k].resource < 10 ? "?*smpRUGne"[t->required[k].resource] : '!');
	strbuf_addch(sb, ' ');
	for (k = 0; k < t->n_service_principals; k++)
		strbuf_addf(sb, "%s%s", k ? "|" : "", t->service_principals[k]);
	if (!t->n_service_principals)
		strbuf_addch(sb, '-');
}

static const aws_privesc_technique *must_find(const char *id)
{
	const aws_privesc_technique *t = aws_privesc_find(id);

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	return t;
}

static int requires(const aws_privesc_technique *t, const char *action)
{
	size_t k;

	for (k = 0; k < t->n_required; k++)
		if (!strcmp(t->required[k].action, action))
			return 1;
	return 0;
}

static void aws_privesc__counts(void)
{
	size_t i, src[2] = { 0, 0 }, cat[6] = { 0 };

	CU_ASSERT_EQUAL(aws_privesc_count(), 66);
	CU_ASSERT_EQUAL(aws_privesc_count(), N_EXPECTED);
	for (i = 0; i < aws_privesc_count(); i++) {
		const aws_privesc_technique *t = aws_privesc_get(i);

		src[!strcmp(t->source, "permgraph")]++;
		if ((unsigned)t->category < 6)
			cat[t->category]++;
	}
	CU_ASSERT_EQUAL(src[0], 65);    /* every pathfinding.cloud path */
	CU_ASSERT_EQUAL(src[1], 1);     /* pg-001 */
	CU_ASSERT_EQUAL(cat[PRIVESC_CAT_UNKNOWN], 0);
	CU_ASSERT_EQUAL(cat[PRIVESC_CAT_SELF_ESCALATION], 9);
	CU_ASSERT_EQUAL(cat[PRIVESC_CAT_PRINCIPAL_ACCESS], 14);
	CU_ASSERT_EQUAL(cat[PRIVESC_CAT_NEW_PASSROLE], 27);
	CU_ASSERT_EQUAL(cat[PRIVESC_CAT_EXISTING_PASSROLE], 16);
	CU_ASSERT_PTR_NULL(aws_privesc_get(aws_privesc_count()));
}

static void aws_privesc__every_path_classified(void)
{
	strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < aws_privesc_count() && i < N_EXPECTED; i++) {
		describe(aws_privesc_get(i), &sb);
		if (strcmp(sb.buf, expected[i]))
			fprintf(stderr, "\n  got  %s\n  want %s\n", sb.buf, expected[i]);
		CU_ASSERT_STRING_EQUAL(sb.buf, expected[i]);
	}
	strbuf_release(&sb);
}

/* What the graph relies on, whatever the data: each target has what it needs. */
static void aws_privesc__targets_are_decidable(void)
{
	size_t i, k;

	for (i = 0; i < aws_privesc_count(); i++) {
		const aws_privesc_technique *t = aws_privesc_get(i);
		unsigned kinds = 0;
		int existing = 0, own = 0;

		for (k = 0; k < t->n_required; k++) {
			aws_privesc_res r = t->required[k].resource;

			CU_ASSERT(r > PRIVESC_RES_UNKNOWN && r <= PRIVESC_RES_EXISTING_RESOURCE);
			if (r >= PRIVESC_RES_TARGET_ROLE && r <= PRIVESC_RES_TARGET_GROUP &&
			    strcmp(t->required[k].action, "iam:PassRole"))
				kinds |= 1u << r;
			existing |= r == PRIVESC_RES_EXISTING_RESOURCE;
			own |= r == PRIVESC_RES_SELF || r == PRIVESC_RES_MEMBER_GROUP || r == PRIVESC_RES_ATTACHED_POLICY;
		}
		for (k = 0; k < t->n_additional; k++)
			CU_ASSERT_EQUAL(t->additional[k].resource, PRIVESC_RES_UNKNOWN);
		switch (t->target) {
		case PRIVESC_TARGET_SELF_ADMIN:
			CU_ASSERT(own && !kinds);
			break;
		case PRIVESC_TARGET_PRINCIPAL:  /* one principal, of one kind */
			CU_ASSERT(kinds && !(kinds & (kinds - 1)));
			break;
		case PRIVESC_TARGET_PASSED_ROLE:
			CU_ASSERT(requires(t, "iam:PassRole"));
			break;
		case PRIVESC_TARGET_EXISTING_ROLE:
			CU_ASSERT(existing && !requires(t, "iam:PassRole"));
			break;
		default:
			CU_FAIL("technique without a target");
		}
		if (t->target == PRIVESC_TARGET_PASSED_ROLE || t->target == PRIVESC_TARGET_EXISTING_ROLE) {
			CU_ASSERT_PTR_NOT_NULL(t->host);
			CU_ASSERT(t->n_service_principals >= 1);
			for (k = 0; k < t->n_service_principals; k++)
				CU_ASSERT_PTR_NOT_NULL(strstr(t->service_principals[k], ".amazonaws.com"));
		} else {
			CU_ASSERT_PTR_NULL(t->host);
			CU_ASSERT_EQUAL(t->n_service_principals, 0);
		}
		CU_ASSERT(t->n_required >= 1 && t->n_services >= 1 && t->recommendation && *t->recommendation);
	}
}

/* Every action, required or additional, is in the AWS catalogue, spelt as
 * the catalogue spells it (a renamed action would fail here). */
static void aws_privesc__every_action_in_catalogue(void)
{
	size_t i, k, n = 0;

	for (i = 0; i < aws_privesc_count(); i++) {
		const aws_privesc_technique *t = aws_privesc_get(i);

		for (k = 0; k < t->n_required + t->n_additional; k++) {
			const char *a = k < t->n_required ? t->required[k].action : t->additional[k - t->n_required].action;
			long c = aws_catalog_find(a);

			if (c < 0 || strcmp(aws_catalog_name((size_t)c), a)) {
				fprintf(stderr, "\n  %s: '%s' is not in the catalogue\n", t->id, a);
				CU_FAIL("action not in the catalogue");
			}
			n++;
		}
	}
	CU_ASSERT_EQUAL(n, 346 + 1 + 3);   /* the paths', the override's, pg-001's */
}

static void aws_privesc__create_policy_version_is_self_escalation(void)
{
	const aws_privesc_technique *t = must_find("iam-001");

	ASSERT_STR(t->id, "iam-001");
	ASSERT_STR(t->name, "iam:CreatePolicyVersion");
	CU_ASSERT_EQUAL(t->category, PRIVESC_CAT_SELF_ESCALATION);
	CU_ASSERT_PTR_NULL(t->parent);
	CU_ASSERT_EQUAL_FATAL(t->n_services, 1);
	ASSERT_STR(t->services[0], "iam");
	CU_ASSERT_EQUAL_FATAL(t->n_required, 1);
	ASSERT_STR(t->required[0].action, "iam:CreatePolicyVersion");
	CU_ASSERT_EQUAL(t->required[0].resource, PRIVESC_RES_ATTACHED_POLICY);
	ASSERT_STR(t->required[0].constraint,
		   "Policy ARN must be in the Resource section and policy must be attached to the actor");
	CU_ASSERT_EQUAL(t->n_additional, 0);
	CU_ASSERT_EQUAL(t->target, PRIVESC_TARGET_SELF_ADMIN);
	CU_ASSERT_EQUAL(t->flags, 0);
	CU_ASSERT_PTR_NULL(t->host);
	CU_ASSERT_EQUAL(t->n_service_principals, 0);
	CU_ASSERT_EQUAL_FATAL(t->n_prerequisites, 1);
	ASSERT_STR(t->prerequisites[0], "Policy must already be attached to the actor's user, role, or group");
	CU_ASSERT(!strncmp(t->recommendation, "Restrict access to `iam:CreatePolicyVersion`", 44));
	/* the YAML's single-quoted scalar, with no trailing white space */
	CU_ASSERT_EQUAL(t->recommendation[strlen(t->recommendation) - 1], '.');
	ASSERT_STR(t->source, "pathfinding.cloud");
}

static void aws_privesc__passrole_lambda_gains_the_passed_role(void)
{
	const aws_privesc_technique *t = must_find("lambda-001");

	ASSERT_STR(t->name, "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction");
	CU_ASSERT_EQUAL(t->category, PRIVESC_CAT_NEW_PASSROLE);
	CU_ASSERT_EQUAL_FATAL(t->n_services, 2);
	ASSERT_STR(t->services[0], "iam");
	ASSERT_STR(t->services[1], "lambda");
	CU_ASSERT_EQUAL_FATAL(t->n_required, 3);
	ASSERT_STR(t->required[0].action, "iam:PassRole");
	CU_ASSERT_EQUAL(t->required[0].resource, PRIVESC_RES_TARGET_ROLE);
	ASSERT_STR(t->required[1].action, "lambda:CreateFunction");
	CU_ASSERT_EQUAL(t->required[1].resource, PRIVESC_RES_NEW_RESOURCE);
	ASSERT_STR(t->required[2].action, "lambda:InvokeFunction");
	CU_ASSERT_EQUAL(t->required[2].resource, PRIVESC_RES_NEW_RESOURCE);
	CU_ASSERT_EQUAL_FATAL(t->n_additional, 4);
	ASSERT_STR(t->additional[0].action, "iam:ListRoles");
	ASSERT_STR(t->additional[3].action, "lambda:ListFunctions");
	CU_ASSERT_EQUAL(t->target, PRIVESC_TARGET_PASSED_ROLE);
	CU_ASSERT_EQUAL_FATAL(t->n_service_principals, 1);
	ASSERT_STR(t->service_principals[0], "lambda.amazonaws.com");
	ASSERT_STR(t->host, "lambda:function");
	CU_ASSERT_EQUAL(t->flags, 0);
	/* "lateral" prerequisites only: admin adds that the role is an administrator */
	CU_ASSERT_EQUAL_FATAL(t->n_prerequisites, 1);
	ASSERT_STR(t->prerequisites[0], "A role must exist that trusts lambda.amazonaws.com to assume it");

	/* EC2 needs the passed role in an instance profile */
	t = must_find("ec2-001");
	CU_ASSERT_EQUAL(t->flags, PRIVESC_INSTANCE_PROFILE);
	ASSERT_STR(t->host, "ec2:instance");
	/* CloudFormation StackSets: the path names no principal; the host's is used */
	t = must_find("cloudformation-004");
	CU_ASSERT_EQUAL_FATAL(t->n_service_principals, 1);
	ASSERT_STR(t->service_principals[0], "cloudformation.amazonaws.com");
}

static void aws_privesc__update_function_code_takes_over_existing(void)
{
	const aws_privesc_technique *t = must_find("lambda-003");

	ASSERT_STR(t->name, "lambda:UpdateFunctionCode");
	CU_ASSERT_EQUAL(t->category, PRIVESC_CAT_EXISTING_PASSROLE);
	CU_ASSERT_PTR_NULL(t->parent);
	CU_ASSERT_EQUAL_FATAL(t->n_required, 1);
	ASSERT_STR(t->required[0].action, "lambda:UpdateFunctionCode");
	CU_ASSERT_EQUAL(t->required[0].resource, PRIVESC_RES_EXISTING_RESOURCE);
	CU_ASSERT_EQUAL(t->target, PRIVESC_TARGET_EXISTING_ROLE);
	ASSERT_STR(t->host, "lambda:function");
	CU_ASSERT_EQUAL_FATAL(t->n_service_principals, 1);
	ASSERT_STR(t->service_principals[0], "lambda.amazonaws.com");
	CU_ASSERT_EQUAL(t->n_additional, 5);
	CU_ASSERT_EQUAL(t->n_prerequisites, 2);

	/* the variant that invokes the function itself */
	t = must_find("lambda-004");
	ASSERT_STR(t->parent, "lambda-003");
	CU_ASSERT_EQUAL_FATAL(t->n_required, 2);
	CU_ASSERT_EQUAL(t->required[1].resource, PRIVESC_RES_EXISTING_RESOURCE);

	/* filed as new-passrole, but no role is passed: the stack's own is gained */
	t = must_find("cloudformation-005");
	CU_ASSERT_EQUAL(t->category, PRIVESC_CAT_NEW_PASSROLE);
	CU_ASSERT_EQUAL(t->target, PRIVESC_TARGET_EXISTING_ROLE);
	/* a new role passed to an existing job: the job is the one started */
	t = must_find("glue-005");
	CU_ASSERT_EQUAL(t->target, PRIVESC_TARGET_PASSED_ROLE);
	CU_ASSERT_EQUAL(t->required[2].resource, PRIVESC_RES_EXISTING_RESOURCE);
}

static void aws_privesc__create_access_key_gains_the_user(void)
{
	const aws_privesc_technique *t = must_find("iam-002");

	ASSERT_STR(t->name, "iam:CreateAccessKey");
	CU_ASSERT_EQUAL(t->category, PRIVESC_CAT_PRINCIPAL_ACCESS);
	CU_ASSERT_EQUAL_FATAL(t->n_required, 1);
	ASSERT_STR(t->required[0].action, "iam:CreateAccessKey");
	CU_ASSERT_EQUAL(t->required[0].resource, PRIVESC_RES_TARGET_USER);
	ASSERT_STR(t->required[0].constraint, "Target IAM user must be in the Resource section");
	CU_ASSERT_EQUAL(t->target, PRIVESC_TARGET_PRINCIPAL);
	CU_ASSERT_EQUAL(t->flags, 0);
	CU_ASSERT_PTR_NULL(t->host);
	CU_ASSERT_EQUAL_FATAL(t->n_prerequisites, 1);
	ASSERT_STR(t->prerequisites[0], "Target user must have fewer than 2 access keys already");
	ASSERT_STR(must_find("iam-003")->parent, "iam-002");

	/* the same action on oneself is not this technique */
	t = must_find("iam-007");      /* iam:PutUserPolicy on one's own user */
	CU_ASSERT_EQUAL(t->required[0].resource, PRIVESC_RES_SELF);
	CU_ASSERT_EQUAL(t->flags, PRIVESC_ACTOR_USER);
	t = must_find("iam-018");      /* ... and on another user's */
	CU_ASSERT_EQUAL(t->required[0].resource, PRIVESC_RES_TARGET_USER);
	t = must_find("iam-013");      /* joining a group gains the group */
	CU_ASSERT_EQUAL(t->target, PRIVESC_TARGET_PRINCIPAL);
	CU_ASSERT_EQUAL(t->required[0].resource, PRIVESC_RES_TARGET_GROUP);
	CU_ASSERT_EQUAL(t->flags, PRIVESC_ACTOR_USER);
	CU_ASSERT_EQUAL(must_find("sts-001")->flags, PRIVESC_TRUST_ACTOR);
}

/* The override: the presigned URL the path itself calls required. */
static void aws_privesc__override_completes_sagemaker_notebook(void)
{
	const aws_privesc_technique *t = must_find("sagemaker-001");
	size_t k, in_additional = 0;

	CU_ASSERT_EQUAL_FATAL(t->n_required, 3);
	ASSERT_STR(t->required[2].action, "sagemaker:CreatePresignedNotebookInstanceUrl");
	CU_ASSERT_EQUAL(t->required[2].resource, PRIVESC_RES_NEW_RESOURCE);
	for (k = 0; k < t->n_additional; k++)
		in_additional += !strcmp(t->additional[k].action, "sagemaker:CreatePresignedNotebookInstanceUrl");
	CU_ASSERT_EQUAL(in_additional, 1);
	/* appending did not disturb the neighbours in the shared store */
	CU_ASSERT_EQUAL(must_find("sagemaker-002")->n_required, 2);
	ASSERT_STR(must_find("sagemaker-002")->required[0].action, "iam:PassRole");
	ASSERT_STR(must_find("sagemaker-005")->required[0].action, "sagemaker:CreateNotebookInstanceLifecycleConfig");
}

/* The classic set: each has a technique that requires these actions. */
static void aws_privesc__covers_the_classic_set(void)
{
	static const char *const classic[][2] = {
		{ "iam:CreatePolicyVersion", NULL }, { "iam:SetDefaultPolicyVersion", NULL },
		{ "iam:CreateAccessKey", NULL }, { "iam:CreateLoginProfile", NULL },
		{ "iam:UpdateLoginProfile", NULL }, { "iam:AttachUserPolicy", NULL },
		{ "iam:AttachGroupPolicy", NULL }, { "iam:AttachRolePolicy", NULL },
		{ "iam:PutUserPolicy", NULL }, { "iam:PutGroupPolicy", NULL }, { "iam:PutRolePolicy", NULL },
		{ "iam:AddUserToGroup", NULL }, { "iam:UpdateAssumeRolePolicy", NULL },
		{ "iam:PassRole", "lambda:CreateFunction" }, { "iam:PassRole", "ec2:RunInstances" },
		{ "iam:PassRole", "cloudformation:CreateStack" }, { "iam:PassRole", "glue:CreateDevEndpoint" },
		{ "iam:PassRole", "datapipeline:CreatePipeline" }, { "iam:PassRole", "codebuild:CreateProject" },
		{ "iam:PassRole", "sagemaker:CreateNotebookInstance" }, { "iam:PassRole", "ecs:RegisterTaskDefinition" },
		{ "lambda:UpdateFunctionCode", NULL }, { "glue:UpdateDevEndpoint", NULL },
		{ "ssm:SendCommand", NULL }, { "ssm:StartSession", NULL },
		{ "ec2-instance-connect:SendSSHPublicKey", NULL }, { "cloudformation:UpdateStack", NULL },
		{ "sagemaker:CreatePresignedNotebookInstanceUrl", NULL },
	};
	const aws_privesc_technique *found[128];
	size_t i, k, n;

	for (i = 0; i < sizeof(classic) / sizeof(classic[0]); i++) {
		int ok = 0;

		n = aws_privesc_by_action(classic[i][0], found, 128);
		CU_ASSERT_FATAL(n <= 128);
		for (k = 0; k < n; k++)
			ok |= !classic[i][1] || requires(found[k], classic[i][1]);
		if (!ok)
			fprintf(stderr, "\n  no technique for %s %s\n", classic[i][0], classic[i][1] ? classic[i][1] : "");
		CU_ASSERT(ok);
	}
}

static void aws_privesc__finds_by_id(void)
{
	const aws_privesc_technique *t = aws_privesc_find("iam-001");

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_EQUAL(aws_privesc_find("IAM-001"), t);
	CU_ASSERT_PTR_EQUAL(aws_privesc_get(0), aws_privesc_find("apprunner-001"));
	ASSERT_STR(must_find("pg-001")->source, "permgraph");
	CU_ASSERT_PTR_EQUAL(aws_privesc_get(aws_privesc_count() - 1), aws_privesc_find("pg-001"));
	CU_ASSERT_PTR_NULL(aws_privesc_find("iam-999"));
	CU_ASSERT_PTR_NULL(aws_privesc_find("iam-00"));
	CU_ASSERT_PTR_NULL(aws_privesc_find(""));
	CU_ASSERT_PTR_NULL(aws_privesc_find(NULL));
}

static void aws_privesc__finds_by_action(void)
{
	const aws_privesc_technique *out[4] = { NULL, NULL, NULL, NULL };
	size_t i, n, passed = 0;

	for (i = 0; i < aws_privesc_count(); i++)
		passed += aws_privesc_get(i)->target == PRIVESC_TARGET_PASSED_ROLE;
	/* every PassRole technique is a passed-role one, and the reverse */
	n = aws_privesc_by_action("iam:PassRole", NULL, 0);
	CU_ASSERT_EQUAL(n, passed);
	CU_ASSERT_EQUAL(n, 26);
	CU_ASSERT_EQUAL(aws_privesc_by_action("IAM:passrole", NULL, 0), n);
	/* at most max stored, the total returned, in table order */
	CU_ASSERT_EQUAL(aws_privesc_by_action("iam:PassRole", out, 3), n);
	ASSERT_STR(out[0] ? out[0]->id : NULL, "apprunner-001");
	ASSERT_STR(out[1] ? out[1]->id : NULL, "bedrock-001");
	ASSERT_STR(out[2] ? out[2]->id : NULL, "cloudformation-001");
	CU_ASSERT_PTR_NULL(out[3]);

	CU_ASSERT_EQUAL(aws_privesc_by_action("iam:CreatePolicyVersion", out, 4), 3);
	ASSERT_STR(out[0]->id, "iam-001");
	ASSERT_STR(out[1]->id, "iam-016");
	ASSERT_STR(out[2]->id, "iam-020");
	CU_ASSERT_EQUAL(aws_privesc_by_action("iam:SetDefaultPolicyVersion", out, 4), 1);
	ASSERT_STR(out[0]->id, "pg-001");
	/* additional permissions are not needed; unknown actions match nothing */
	CU_ASSERT_EQUAL(aws_privesc_by_action("iam:ListRoles", out, 4), 0);
	CU_ASSERT_EQUAL(aws_privesc_by_action("s3:GetObject", out, 4), 0);
	CU_ASSERT_EQUAL(aws_privesc_by_action("iam:*", out, 4), 0);
	CU_ASSERT_EQUAL(aws_privesc_by_action("", out, 4), 0);
	CU_ASSERT_EQUAL(aws_privesc_by_action(NULL, out, 4), 0);
}

static void aws_privesc__names(void)
{
	ASSERT_STR(aws_privesc_category_name(PRIVESC_CAT_SELF_ESCALATION), "self-escalation");
	ASSERT_STR(aws_privesc_category_name(PRIVESC_CAT_EXISTING_PASSROLE), "existing-passrole");
	ASSERT_STR(aws_privesc_category_name(PRIVESC_CAT_CREDENTIAL_ACCESS), "credential-access");
	ASSERT_STR(aws_privesc_category_name((aws_privesc_category)99), "unknown");
	ASSERT_STR(aws_privesc_res_name(PRIVESC_RES_ANY), "any");
	ASSERT_STR(aws_privesc_res_name(PRIVESC_RES_EXISTING_RESOURCE), "existing-resource");
	ASSERT_STR(aws_privesc_res_name((aws_privesc_res)99), "unknown");
	ASSERT_STR(aws_privesc_target_name(PRIVESC_TARGET_SELF_ADMIN), "self-admin");
	ASSERT_STR(aws_privesc_target_name(PRIVESC_TARGET_EXISTING_ROLE), "existing-role");
	ASSERT_STR(aws_privesc_target_name((aws_privesc_target)-1), "unknown");
}

TEST_SUITE(aws_privesc)
{
	static const test_case cases[] = {
		{ "aws_privesc__counts", aws_privesc__counts },
		{ "aws_privesc__every_path_classified", aws_privesc__every_path_classified },
		{ "aws_privesc__targets_are_decidable", aws_privesc__targets_are_decidable },
		{ "aws_privesc__every_action_in_catalogue", aws_privesc__every_action_in_catalogue },
		{ "aws_privesc__create_policy_version_is_self_escalation", aws_privesc__create_policy_version_is_self_escalation },
		{ "aws_privesc__passrole_lambda_gains_the_passed_role", aws_privesc__passrole_lambda_gains_the_passed_role },
		{ "aws_privesc__update_function_code_takes_over_existing", aws_privesc__update_function_code_takes_over_existing },
		{ "aws_privesc__create_access_key_gains_the_user", aws_privesc__create_access_key_gains_the_user },
		{ "aws_privesc__override_completes_sagemaker_notebook", aws_privesc__override_completes_sagemaker_notebook },
		{ "aws_privesc__covers_the_classic_set", aws_privesc__covers_the_classic_set },
		{ "aws_privesc__finds_by_id", aws_privesc__finds_by_id },
		{ "aws_privesc__finds_by_action", aws_privesc__finds_by_action },
		{ "aws_privesc__names", aws_privesc__names },
		{ NULL, NULL },
	};
	return test_register("aws_privesc", cases);
}
