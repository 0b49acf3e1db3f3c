/* check_guardrail — synthetic AWS stores without a data-perimeter Deny. */
#include "checks/check_model.h"
#include "base/strbuf.h"
#include "eval/arn.h"
#include "eval/aws_cond.h"
#include "eval/match.h"

#include <string.h>
#include <strings.h>

const char *const check_controls_guardrail[] = { "NIST SP 800-53 AC-3", "NIST SP 800-53 AC-4", NULL };

/* Services whose resource policy is where a data perimeter is written. */
static const char *const policy_services[] = {
	"s3", "kms", "sqs", "sns", "secretsmanager", "dynamodb", "kinesis", "es", "ecr", "glacier",
	"elasticfilesystem", "backup", NULL
};
/* Services RCPs apply to (DESIGN "Evaluation semantics", AWS step 2). */
static const char *const rcp_services[] = { "s3", "sts", "kms", "sqs", "secretsmanager", NULL };
/* Keys whose negated test denies callers outside the organization or account. */
static const char *const perimeter_keys[] = {
	"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
	"aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths", NULL
};

static int in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcasecmp(*list, s))
			return 1;
	return 0;
}

static int perimeter_cond(const cond *c)
{
	aws_cond_op_info info;

	return in_list(perimeter_keys, c->key) && aws_cond_op_parse(c->op, &info) == 0 && info.negated &&
	       c->n_values > 0;
}

/* Does one of the patterns match r's ARN, or for a bucket its objects too? */
static int covers_resource(const stmt *s, const resource *r)
{
	char objects[1024];
	int bucket = r->service && !strcmp(r->service, "s3") && !strchr(r->arn, '/');
	size_t i;
	int arn_in = 0, obj_in = 0;

	snprintf(objects, sizeof(objects), "%s/*", r->arn);
	if (!s->has_resource)
		return 1;       /* resource policies may leave it out (some services): the resource itself */
	for (i = 0; i < s->n_resources; i++) {
		arn_in |= arn_match(s->resources[i], r->arn);
		obj_in |= bucket && arn_match(s->resources[i], objects);
	}
	if (s->not_resource)
		return !arn_in && !obj_in;
	return arn_in && (!bucket || obj_in);
}

int check_perimeter_deny(const stmt *s, const resource *r)
{
	char every[128];
	size_t i;
	int star = 0, all = 0, cond_ok = s->n_conds == 0;

	if (s->effect != EFFECT_DENY || !s->has_principal || s->not_action || !r->service)
		return 0;
	for (i = 0; i < s->n_principals; i++)
		star |= s->principals[i].kind == PSPEC_STAR ||
			(s->principals[i].kind == PSPEC_AWS && !strcmp(s->principals[i].value, "*"));
	if (!star && !(s->not_principal && s->n_principals))
		return 0;
	snprintf(every, sizeof(every), "%s:*", r->service);
	for (i = 0; i < s->n_actions; i++)
		all |= match_action(s->actions[i], every);
	for (i = 0; i < s->n_conds; i++)
		cond_ok |= perimeter_cond(&s->conds[i]);
	return all && cond_ok && covers_resource(s, r);
}

static const stmt *guard_in(const policy *p, const resource *r)
{
	size_t i;

	for (i = 0; p && i < p->n_stmts; i++)
		if (check_perimeter_deny(&p->stmts[i], r))
			return &p->stmts[i];
	return NULL;
}

const stmt *check_resource_guard(const model *m, const resource *r)
{
	org_node *path[32];
	size_t n, i, j;
	const stmt *g = r->policy ? guard_in(r->policy, r) : NULL;

	if (g || !r->account || r->aws_managed_key || !in_list(rcp_services, r->service))
		return g;
	n = model_org_path(m, r->account, path, sizeof(path) / sizeof(*path));
	for (i = 0; i < n; i++)
		for (j = 0; j < path[i]->n_rcps; j++)
			if ((g = guard_in(path[i]->rcps[j], r)) != NULL)
				return g;
	return NULL;
}

/* The Deny to add, written out for r. */
static void remediation(strbuf *sb, const model *m, const config *cfg, const resource *r)
{
	const char *org = cfg->org_id ? cfg->org_id : model_org_id(m);
	int bucket = !strcmp(r->service, "s3") && !strchr(r->arn, '/');

	strbuf_addf(sb, "add to the resource policy of '%s' (or to an RCP above its account): "
		    "{\"Sid\": \"DenyOutsidePerimeter\", \"Effect\": \"Deny\", \"Principal\": \"*\", "
		    "\"Action\": \"%s:*\", \"Resource\": ", r->arn, r->service);
	if (bucket)
		strbuf_addf(sb, "[\"%s\", \"%s/*\"]", r->arn, r->arn);
	else
		strbuf_addf(sb, "\"%s\"", r->arn);
	if (org)
		strbuf_addf(sb, ", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalOrgID\": \"%s\"}, ",
			    org);
	else
		strbuf_addf(sb, ", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalAccount\": \"%s\"}, ",
			    r->account ? r->account : "<account id>");
	strbuf_addstr(sb, "\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}}}");
}

void check_guardrail(const model *m, const config *cfg, finding_list *out)
{
	strbuf msg = STRBUF_INIT, fix = STRBUF_INIT;
	resource **rs;
	size_t n, i;

	rs = model_resources(m, &n);
	for (i = 0; i < n; i++) {
		const resource *r = rs[i];
		if (!(r->classification & CLASS_SYNTHETIC) || !in_list(policy_services, r->service) ||
		    check_resource_guard(m, r))
			continue;
		strbuf_reset(&msg);
		strbuf_reset(&fix);
		remediation(&fix, m, cfg, r);
		if (!r->policy_known) {
			strbuf_addf(&msg, "the resource policy of synthetic store '%s' is not in the inputs and no RCP "
				    "in them guards it: its data perimeter cannot be checked", r->arn);
			finding_add(out, "PG-GUARDRAIL-POLICY-UNKNOWN", "guardrail", SEV_LOW, NULL, r->arn, NULL, msg.buf,
				    fix.buf, r->loc, check_controls_guardrail);
			continue;
		}
		if (r->policy)
			strbuf_addf(&msg, "the resource policy of synthetic store '%s' has no explicit deny for "
				    "principals outside the organization or account", r->arn);
		else
			strbuf_addf(&msg, "synthetic store '%s' has no resource policy, so no explicit deny for "
				    "principals outside the organization or account", r->arn);
		finding_add(out, "PG-GUARDRAIL-NO-DENY", "guardrail", SEV_MEDIUM, NULL, r->arn, NULL, msg.buf, fix.buf,
			    r->policy && r->policy->loc.file ? r->policy->loc : r->loc, check_controls_guardrail);
	}
	strbuf_release(&msg);
	strbuf_release(&fix);
}
