/*
 * aws_privesc — classify the generated pathfinding.cloud table, add the
 * classic techniques it lacks, and look techniques up.
 *
 * The YAML says in prose which resource each permission must cover; the
 * rules below decide it from what is not prose — the action, its catalogue
 * resource type, the category and whether the technique passes a role — and
 * read the constraint text only to tell an existing resource from a new one
 * where the action alone cannot. The override table corrects what the rules
 * cannot know; tests/test_aws_privesc.c checks that every path ends up
 * classified and every action is in the catalogue.
 */
#include "catalog/aws_privesc.h"

#include <assert.h>
#include <string.h>

#include "base/strci.h"
#include "catalog/aws_catalog.h"
#include "catalog/aws_privesc_data.h"

/* --- the classic techniques pathfinding.cloud lacks ---------------------------- */

/* pg-001: the classic set names "policy version set-default" beside
 * create (iam-001); pathfinding.cloud has no path for it. Static data decides
 * it: the authorization details list every version of a policy. */
static const char *const pg001_services[] = { "iam" };
static const aws_privesc_perm pg001_required[] = {
	{ "iam:SetDefaultPolicyVersion", PRIVESC_RES_ATTACHED_POLICY,
	  "Policy ARN must be in the Resource section and the policy must be attached to the actor" },
};
static const aws_privesc_perm pg001_additional[] = {
	{ "iam:ListPolicyVersions", PRIVESC_RES_UNKNOWN, "Helpful for finding the versions of the attached policy" },
	{ "iam:GetPolicyVersion", PRIVESC_RES_UNKNOWN, "Useful for reading what each version grants" },
};
static const char *const pg001_prereqs[] = {
	"A customer-managed policy must be attached to the actor's user, role, or group",
	"A non-default version of that policy must grant more than the default version",
};

static const aws_privesc_technique extras[] = {
	{
		.id = "pg-001", .name = "iam:SetDefaultPolicyVersion",
		.category = PRIVESC_CAT_SELF_ESCALATION, .parent = NULL,
		.services = pg001_services, .n_services = 1,
		.required = pg001_required, .n_required = 1,
		.additional = pg001_additional, .n_additional = 2,
		.target = PRIVESC_TARGET_SELF_ADMIN, .flags = 0,
		.prerequisites = pg001_prereqs, .n_prerequisites = 2,
		.recommendation = "Restrict iam:SetDefaultPolicyVersion to the few principals that manage policies, "
			"and delete policy versions that are no longer needed so that no older, broader version "
			"can be made the default again.",
		.source = "permgraph",
	},
};
#define N_EXTRAS (sizeof(extras) / sizeof(extras[0]))

/* --- what runs as the role --------------------------------------------------- */

/* Actions that create or take over compute running as a role: the resource
 * ("service:type" in the catalogue's words) and the service principal its
 * role trusts. A technique's host is that of its first such action. */
static const struct host_rule {
	const char *action, *host, *principal;
} hosts[] = {
	{ "apprunner:CreateService", "apprunner:service", "tasks.apprunner.amazonaws.com" },
	{ "apprunner:UpdateService", "apprunner:service", "tasks.apprunner.amazonaws.com" },
	{ "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:code-interpreter",
	  "bedrock-agentcore.amazonaws.com" },
	{ "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:code-interpreter",
	  "bedrock-agentcore.amazonaws.com" },
	{ "cloudformation:CreateChangeSet", "cloudformation:stack", "cloudformation.amazonaws.com" },
	{ "cloudformation:CreateStack", "cloudformation:stack", "cloudformation.amazonaws.com" },
	{ "cloudformation:UpdateStack", "cloudformation:stack", "cloudformation.amazonaws.com" },
	{ "cloudformation:CreateStackSet", "cloudformation:stackset", "cloudformation.amazonaws.com" },
	{ "cloudformation:UpdateStackSet", "cloudformation:stackset", "cloudformation.amazonaws.com" },
	{ "codebuild:CreateProject", "codebuild:project", "codebuild.amazonaws.com" },
	{ "codebuild:StartBuild", "codebuild:project", "codebuild.amazonaws.com" },
	{ "codebuild:StartBuildBatch", "codebuild:project", "codebuild.amazonaws.com" },
	{ "datapipeline:CreatePipeline", "datapipeline:pipeline", "datapipeline.amazonaws.com" },
	{ "ec2:RunInstances", "ec2:instance", "ec2.amazonaws.com" },
	{ "ec2:RequestSpotInstances", "ec2:instance", "ec2.amazonaws.com" },
	{ "ec2:ModifyInstanceAttribute", "ec2:instance", "ec2.amazonaws.com" },
	{ "ec2:CreateLaunchTemplateVersion", "ec2:launch-template", "ec2.amazonaws.com" },
	{ "ec2-instance-connect:SendSSHPublicKey", "ec2:instance", "ec2.amazonaws.com" },
	{ "ssm:SendCommand", "ec2:instance", "ec2.amazonaws.com" },
	{ "ssm:StartSession", "ec2:instance", "ec2.amazonaws.com" },
	{ "ecs:RegisterTaskDefinition", "ecs:task-definition", "ecs-tasks.amazonaws.com" },
	{ "glue:CreateDevEndpoint", "glue:devendpoint", "glue.amazonaws.com" },
	{ "glue:UpdateDevEndpoint", "glue:devendpoint", "glue.amazonaws.com" },
	{ "glue:CreateJob", "glue:job", "glue.amazonaws.com" },
	{ "glue:UpdateJob", "glue:job", "glue.amazonaws.com" },
	{ "lambda:CreateFunction", "lambda:function", "lambda.amazonaws.com" },
	{ "lambda:UpdateFunctionCode", "lambda:function", "lambda.amazonaws.com" },
	{ "sagemaker:CreateNotebookInstance", "sagemaker:notebook-instance", "sagemaker.amazonaws.com" },
	{ "sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:notebook-instance", "sagemaker.amazonaws.com" },
	{ "sagemaker:UpdateNotebookInstance", "sagemaker:notebook-instance", "sagemaker.amazonaws.com" },
	{ "sagemaker:CreateTrainingJob", "sagemaker:training-job", "sagemaker.amazonaws.com" },
	{ "sagemaker:CreateProcessingJob", "sagemaker:processing-job", "sagemaker.amazonaws.com" },
};

/* --- corrections ----------------------------------------------------------------- */

/* sagemaker-001: a new notebook runs code only for who opens it; the path
 * lists sagemaker:CreatePresignedNotebookInstanceUrl among the additional
 * permissions, yet calls it "Required to generate access URL to the notebook
 * interface" — as the original Rhino Security Labs write-up does. */
static const aws_privesc_perm sagemaker001_add[] = {
	{ "sagemaker:CreatePresignedNotebookInstanceUrl", PRIVESC_RES_NEW_RESOURCE,
	  "Must be able to open the notebook instance it created" },
};

/* Per id: required permissions the path leaves out, appended already
 * classified (the rules skip a permission whose resource is set). */
static const struct override {
	const char *id;
	const aws_privesc_perm *add;
	size_t n_add;
} overrides[] = {
	{ "sagemaker-001", sagemaker001_add, 1 },
};

#define MAX_OVERRIDE_PERMS 8

/* --- the rules ----------------------------------------------------------------- */

static aws_privesc_technique table[AWS_PRIVESC_MAX_GENERATED + N_EXTRAS];
static aws_privesc_perm req_store[AWS_PRIVESC_MAX_GENERATED_REQUIRED + MAX_OVERRIDE_PERMS];
static size_t n_table, n_req;
static const char *fallback_sp[AWS_PRIVESC_MAX_GENERATED];

static int is(const char *action, const char *name)
{
	return !strci_cmp(action, name);
}

/* The catalogue's required resource types of action ("user", "job", "" when
 * none or the action is unknown — a test checks there is none such). */
static const char *rtypes(const char *action)
{
	long i = aws_catalog_find(action);

	return i < 0 ? "" : aws_catalog_resource_types((size_t)i);
}

static int same_service(const char *a, const char *b)
{
	size_t n = (size_t)(strchr(a, ':') - a);

	return !strncmp(a, b, n + 1);
}

static int verb_is(const char *action, const char *verb)
{
	const char *v = strchr(action, ':') + 1;

	return !strncmp(v, verb, strlen(verb));
}

static int requires(const aws_privesc_technique *t, const char *action)
{
	size_t i;

	for (i = 0; i < t->n_required; i++)
		if (is(t->required[i].action, action))
			return 1;
	return 0;
}

static aws_privesc_res classify(const aws_privesc_technique *t, const aws_privesc_perm *p, int passes)
{
	const char *a = p->action, *type = rtypes(a);
	int user = !strcmp(type, "user"), role = !strcmp(type, "role"), group = !strcmp(type, "group");

	if (is(a, "iam:PassRole") || is(a, "sts:AssumeRole") || is(a, "iam:UpdateAssumeRolePolicy"))
		return PRIVESC_RES_TARGET_ROLE;
	if (is(a, "iam:CreatePolicyVersion") || is(a, "iam:SetDefaultPolicyVersion"))
		return PRIVESC_RES_ATTACHED_POLICY;
	if (same_service(a, "iam:") && (user || role || group)) {
		if (is(a, "iam:AddUserToGroup"))        /* the group joined is what is gained */
			return PRIVESC_RES_TARGET_GROUP;
		if (t->category == PRIVESC_CAT_SELF_ESCALATION)
			return group ? PRIVESC_RES_MEMBER_GROUP : PRIVESC_RES_SELF;
		return user ? PRIVESC_RES_TARGET_USER : role ? PRIVESC_RES_TARGET_ROLE : PRIVESC_RES_TARGET_GROUP;
	}
	/* A role is passed to compute the actor creates, or reconfigures. */
	if (passes)
		return verb_is(a, "Update") || verb_is(a, "Modify") ? PRIVESC_RES_EXISTING_RESOURCE
								       : PRIVESC_RES_NEW_RESOURCE;
	/* Otherwise the compute exists and runs as its role already; the text
	 * says which resource is "the target" ("existing"), and what else the
	 * actor only creates or lists. */
	if (strci_str(p->constraint, "target") || strci_str(p->constraint, "existing"))
		return PRIVESC_RES_EXISTING_RESOURCE;
	if (verb_is(a, "Create"))
		return PRIVESC_RES_NEW_RESOURCE;
	return *type ? PRIVESC_RES_EXISTING_RESOURCE : PRIVESC_RES_ANY;
}

/* Classify t's required permissions in place and derive target, flags, host. */
static void classify_technique(aws_privesc_technique *t, aws_privesc_perm *req, const char **sp)
{
	int passes = requires(t, "iam:PassRole"), principal = 0;
	size_t i, j, k;

	for (i = 0; i < t->n_required; i++)
		if (!req[i].resource)
			req[i].resource = classify(t, &req[i], passes);
	/* An action on the same kind of resource as an existing one acts on it
	 * (glue:StartJobRun after glue:UpdateJob). */
	for (i = 0; i < t->n_required; i++)
		for (j = 0; j < t->n_required && req[i].resource == PRIVESC_RES_NEW_RESOURCE; j++)
			if (req[j].resource == PRIVESC_RES_EXISTING_RESOURCE && same_service(req[i].action, req[j].action) &&
			    *rtypes(req[i].action) && !strcmp(rtypes(req[i].action), rtypes(req[j].action)))
				req[i].resource = PRIVESC_RES_EXISTING_RESOURCE;

	for (i = 0; i < t->n_required; i++) {
		const char *type = rtypes(req[i].action);

		if (req[i].resource == PRIVESC_RES_SELF)
			t->flags |= !strcmp(type, "role") ? PRIVESC_ACTOR_ROLE : PRIVESC_ACTOR_USER;
		if (req[i].resource == PRIVESC_RES_MEMBER_GROUP || is(req[i].action, "iam:AddUserToGroup"))
			t->flags |= PRIVESC_ACTOR_USER;
		if (is(req[i].action, "sts:AssumeRole"))
			t->flags |= PRIVESC_TRUST_ACTOR;
		if ((req[i].resource >= PRIVESC_RES_TARGET_ROLE && req[i].resource <= PRIVESC_RES_TARGET_GROUP) &&
		    !is(req[i].action, "iam:PassRole"))
			principal = 1;
		if (!t->host && (req[i].resource == PRIVESC_RES_NEW_RESOURCE || req[i].resource == PRIVESC_RES_EXISTING_RESOURCE))
			for (k = 0; k < sizeof(hosts) / sizeof(hosts[0]); k++)
				if (is(req[i].action, hosts[k].action)) {
					t->host = hosts[k].host;
					*sp = hosts[k].principal;
					break;
				}
	}

	switch (t->category) {
	case PRIVESC_CAT_SELF_ESCALATION:
		t->target = principal ? PRIVESC_TARGET_PRINCIPAL : PRIVESC_TARGET_SELF_ADMIN;
		break;
	case PRIVESC_CAT_PRINCIPAL_ACCESS:
		t->target = PRIVESC_TARGET_PRINCIPAL;
		break;
	case PRIVESC_CAT_NEW_PASSROLE:
	case PRIVESC_CAT_EXISTING_PASSROLE:
		/* without iam:PassRole no new role can be given: the one the
		 * compute has is gained, whatever the category says */
		t->target = passes ? PRIVESC_TARGET_PASSED_ROLE : PRIVESC_TARGET_EXISTING_ROLE;
		break;
	default:
		break;
	}
	if (t->target == PRIVESC_TARGET_PASSED_ROLE && t->host && !strcmp(t->host, "ec2:instance"))
		t->flags |= PRIVESC_INSTANCE_PROFILE;
	if (t->target == PRIVESC_TARGET_PASSED_ROLE || t->target == PRIVESC_TARGET_EXISTING_ROLE) {
		if (!t->n_service_principals && *sp) {
			t->service_principals = sp;
			t->n_service_principals = 1;
		}
	} else {
		t->service_principals = NULL;
		t->n_service_principals = 0;
	}
}

static void apply_override(aws_privesc_technique *t, aws_privesc_perm *req)
{
	size_t i, j;

	for (i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++) {
		const struct override *o = &overrides[i];

		if (strcmp(o->id, t->id))
			continue;
		/* t's permissions are the last in req_store: extend them */
		assert(n_req + o->n_add <= sizeof(req_store) / sizeof(req_store[0]));
		for (j = 0; j < o->n_add; j++)
			req[t->n_required++] = o->add[j];
		n_req += o->n_add;
	}
}

static void init(void)
{
	size_t i;

	if (n_table)
		return;
	for (i = 0; i < aws_privesc_generated_count; i++) {
		aws_privesc_technique *t = &table[n_table++];
		aws_privesc_perm *req = &req_store[n_req];

		*t = aws_privesc_generated[i];
		memcpy(req, t->required, t->n_required * sizeof(*req));
		n_req += t->n_required;
		t->required = req;
		apply_override(t, req);
		classify_technique(t, req, &fallback_sp[i]);
	}
	for (i = 0; i < N_EXTRAS; i++)
		table[n_table++] = extras[i];
}

/* --- the API ------------------------------------------------------------------------ */

size_t aws_privesc_count(void)
{
	init();
	return n_table;
}

const aws_privesc_technique *aws_privesc_get(size_t i)
{
	init();
	return i < n_table ? &table[i] : NULL;
}

const aws_privesc_technique *aws_privesc_find(const char *id)
{
	size_t i;

	init();
	for (i = 0; id && i < n_table; i++)
		if (!strci_cmp(table[i].id, id))
			return &table[i];
	return NULL;
}

size_t aws_privesc_by_action(const char *action, const aws_privesc_technique **out, size_t max)
{
	size_t i, n = 0;

	init();
	for (i = 0; action && i < n_table; i++)
		if (requires(&table[i], action)) {
			if (n < max)
				out[n] = &table[i];
			n++;
		}
	return n;
}

const char *aws_privesc_category_name(aws_privesc_category c)
{
	static const char *const names[] = { "unknown", "self-escalation", "principal-access",
					     "new-passrole", "existing-passrole", "credential-access" };

	return (unsigned)c < sizeof(names) / sizeof(names[0]) ? names[c] : "unknown";
}

const char *aws_privesc_res_name(aws_privesc_res r)
{
	static const char *const names[] = { "unknown", "any", "self", "member-group", "attached-policy",
					     "target-role", "target-user", "target-group", "new-resource",
					     "existing-resource" };

	return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "unknown";
}

const char *aws_privesc_target_name(aws_privesc_target t)
{
	static const char *const names[] = { "unknown", "self-admin", "principal", "passed-role", "existing-role" };

	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "unknown";
}
