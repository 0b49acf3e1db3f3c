/*
 * aws_org — AWS Organizations bundle ("aws-organizations").
 *
 * AWS has no single command for an organization, so permgraph reads a bundle
 * of the outputs of several, JSON or YAML:
 *
 *   permgraph: organization/1
 *   organization:            # describe-organization's "Organization" object
 *     Id: o-a1b2c3d4e5
 *     MasterAccountId: "111111111111"     # or ManagementAccountId: the management account
 *   roots:                   # list-roots' "Roots"
 *     - {Id: r-a1b2, Name: Root}
 *   organizational_units:    # every OU, with the id of its parent (a root or an OU)
 *     - {Id: ou-a1b2-11111111, Name: Workloads, ParentId: r-a1b2}
 *   accounts:                # list-accounts' "Accounts", each with its ParentId
 *     - {Id: "222222222222", Name: synthetic-data, ParentId: ou-a1b2-11111111}
 *   policies:                # describe-policy's "Policy" (or the whole output) + list-targets-for-policy
 *     - PolicySummary: {Id: p-..., Arn: ..., Name: ..., Type: SERVICE_CONTROL_POLICY}
 *       Content: '{"Version": "2012-10-17", "Statement": [...]}'
 *       Targets: [{TargetId: ou-a1b2-11111111, Type: ORGANIZATIONAL_UNIT}]
 *
 * The bundle's own keys are checked strictly (did you mean); inside the AWS
 * objects, fields permgraph does not use are ignored, as AWS adds fields over
 * time. Types other than SERVICE_CONTROL_POLICY and RESOURCE_CONTROL_POLICY
 * (tag, backup ... policies) grant nothing and are skipped. The AWS-managed
 * FullAWSAccess and RCPFullAWSAccess belong in the bundle with their targets,
 * as AWS returns them: a level whose policies only deny allows nothing. A
 * target the tree does not hold is added without a parent, with a warning.
 */
#include "ingest/aws_org.h"
#include "ingest/aws_manifest.h"
#include "ingest/aws_policy.h"
#include "ingest/aws_resource.h"

#include <ctype.h>
#include <string.h>

static const char *req_str(ingest_ctx *c, const doc_node *obj, const char *key)
{
	const doc_node *n = doc_get(obj, key);

	if (!n)
		diag_list_addf(c->diags, DIAG_ERROR, obj->file, obj->line, obj->col, "missing '%s'", key);
	else if (aws_resource_expect(c, n, DOC_STRING, key) == 0)
		return n->str;
	return NULL;
}

static int is_account(const char *s)
{
	return strlen(s) == 12 && strspn(s, "0123456789") == 12;
}

/* Declare the nodes of one list (roots, OUs or accounts); parents are linked later. */
static int add_nodes(ingest_ctx *c, const doc_node *list, org_kind kind, const char *what)
{
	size_t i;
	int err = 0;

	if (!list || list->type == DOC_NULL)
		return 0;
	if (aws_resource_expect(c, list, DOC_ARRAY, what) < 0)
		return PG_EINPUT;
	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i];
		const char *id;
		org_node *o;
		if (aws_resource_expect(c, e, DOC_OBJECT, what) < 0 || !(id = req_str(c, e, "Id")) ||
		    (kind != ORG_ROOT && !req_str(c, e, "ParentId"))) {
			err = PG_EINPUT;
			continue;
		}
		if (kind == ORG_ACCOUNT && !is_account(id)) {
			const doc_node *n = doc_get(e, "Id");
			diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col,
				       "account id '%s' is not 12 digits", id);
			err = PG_EINPUT;
			continue;
		}
		o = model_add_org(c->m, kind, id);
		o->name = model_intern(c->m, doc_get_str(e, "Name"));
	}
	return err;
}

static int link_parents(ingest_ctx *c, const doc_node *list)
{
	size_t i, depth;
	int err = 0;

	for (i = 0; list && list->type == DOC_ARRAY && i < list->len; i++) {
		const doc_node *e = list->items[i], *pn = doc_get(e, "ParentId");
		const char *id = doc_get_str(e, "Id");
		org_node *o = id ? model_find_org(c->m, id) : NULL, *parent, *up;
		if (!o || !pn || pn->type != DOC_STRING)
			continue;       /* reported by add_nodes */
		parent = model_find_org(c->m, pn->str);
		if (!parent || parent->kind == ORG_ACCOUNT) {
			diag_list_addf(c->diags, DIAG_ERROR, pn->file, pn->line, pn->col,
				       "parent '%s' of '%s' is not a root or an organizational unit of the bundle",
				       pn->str, id);
			err = PG_EINPUT;
			continue;
		}
		o->parent = parent;
		/* a cycle would make every path endless; any real one is shorter than the bound */
		for (up = parent, depth = 0; up && up != o && depth < 4096; up = up->parent)
			depth++;
		if (up == o) {
			diag_list_addf(c->diags, DIAG_ERROR, pn->file, pn->line, pn->col,
				       "'%s' cannot be its own ancestor (parent '%s')", id, pn->str);
			o->parent = NULL;
			err = PG_EINPUT;
		}
	}
	return err;
}

static void push(model *m, policy ***arr, size_t *n, policy *p)
{
	policy **a;
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*arr)[i] == p)
			return;
	a = ARENA_ARRAY(model_arena(m), policy *, *n + 1);
	if (*n)
		memcpy(a, *arr, *n * sizeof(*a));
	a[(*n)++] = p;
	*arr = a;
}

static int attach_targets(ingest_ctx *c, const doc_node *targets, policy *p)
{
	static const char *const types[] = { "ROOT", "ORGANIZATIONAL_UNIT", "ACCOUNT", NULL };
	size_t i, k;
	int err = 0;

	for (i = 0; i < targets->len; i++) {
		const doc_node *t = targets->items[i];
		const char *id, *type;
		org_node *o;
		if (aws_resource_expect(c, t, DOC_OBJECT, "Targets entry") < 0 || !(id = req_str(c, t, "TargetId"))) {
			err = PG_EINPUT;
			continue;
		}
		o = model_find_org(c->m, id);
		if (!o) {
			type = doc_get_str(t, "Type");
			for (k = 0; type && types[k] && strcmp(types[k], type); k++)
				;
			if (!type || !types[k]) {
				diag_list_addf(c->diags, DIAG_ERROR, t->file, t->line, t->col,
					       "target '%s' is not in the organization tree and has no 'Type' "
					       "(ROOT, ORGANIZATIONAL_UNIT or ACCOUNT)", id);
				err = PG_EINPUT;
				continue;
			}
			diag_list_addf(c->diags, DIAG_WARNING, t->file, t->line, t->col,
				       "target '%s' of policy '%s' is not in the organization tree; "
				       "the policies above it are unknown", id, p->name);
			o = model_add_org(c->m, (org_kind)k, id);
		}
		if (p->kind == POL_SCP)
			push(c->m, &o->scps, &o->n_scps, p);
		else
			push(c->m, &o->rcps, &o->n_rcps, p);
	}
	return err;
}

static int read_policy(ingest_ctx *c, const doc_node *e)
{
	static const char *const skipped[] = { "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY",
					       "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2", NULL };
	const doc_node *base = doc_get(e, "Policy") ? doc_get(e, "Policy") : e, *summary, *content, *targets;
	const char *type, *name;
	policy *p;
	size_t k;

	if (aws_resource_expect(c, e, DOC_OBJECT, "policies entry") < 0 ||
	    aws_resource_expect(c, base, DOC_OBJECT, "Policy") < 0)
		return PG_EINPUT;
	summary = doc_get(base, "PolicySummary");
	content = doc_get(base, "Content");
	targets = doc_get(e, "Targets");
	if (!summary || aws_resource_expect(c, summary, DOC_OBJECT, "PolicySummary") < 0 ||
	    !(type = req_str(c, summary, "Type"))) {
		if (!summary)
			diag_list_addf(c->diags, DIAG_ERROR, base->file, base->line, base->col, "missing 'PolicySummary'");
		return PG_EINPUT;
	}
	for (k = 0; skipped[k] && strcmp(skipped[k], type); k++)
		;
	if (skipped[k])
		return 0;
	if (strcmp(type, "SERVICE_CONTROL_POLICY") && strcmp(type, "RESOURCE_CONTROL_POLICY")) {
		const doc_node *n = doc_get(summary, "Type");
		diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col,
			       "unknown policy type '%s' (SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY)", type);
		return PG_EINPUT;
	}
	if (!content || !targets || aws_resource_expect(c, targets, DOC_ARRAY, "Targets") < 0) {
		if (!content || !targets)
			diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col, "missing '%s'",
				       !content ? "Content" : "Targets");
		return PG_EINPUT;
	}
	name = doc_get_str(summary, "Name") ? doc_get_str(summary, "Name") : doc_get_str(summary, "Id");
	if (aws_policy_parse(c->m, c->doc, content, type[0] == 'S' ? POL_SCP : POL_RCP, name ? name : type, &p,
			     c->diags) < 0)
		return PG_EINPUT;
	p->arn = model_intern(c->m, doc_get_str(summary, "Arn"));
	return attach_targets(c, targets, p);
}

static int read_management(ingest_ctx *c, const doc_node *root)
{
	const doc_node *org = doc_get(root, "organization"), *id;
	org_node *o;

	if (!org || aws_resource_expect(c, org, DOC_OBJECT, "organization") < 0) {
		if (!org)
			diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col,
				       "missing 'organization' (describe-organization's Organization object)");
		return PG_EINPUT;
	}
	id = doc_get(org, "MasterAccountId") ? doc_get(org, "MasterAccountId") : doc_get(org, "ManagementAccountId");
	if (!id || !doc_is_scalar(id) || id->type == DOC_NULL || !is_account(id->str)) {
		const doc_node *at = id ? id : org;
		diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
			       "the organization needs a 12-digit 'MasterAccountId' (its management account)");
		return PG_EINPUT;
	}
	o = model_add_org(c->m, ORG_ACCOUNT, id->str);
	o->management = 1;
	if (doc_get_str(org, "Id"))
		model_set_org_id(c->m, doc_get_str(org, "Id"));
	if (!o->parent)
		diag_list_addf(c->diags, DIAG_WARNING, id->file, id->line, id->col,
			       "management account '%s' is not in 'accounts'", id->str);
	return 0;
}

static int detect(const doc_node *root, const char *path)
{
	const char *v = doc_get_str(root, "permgraph");

	(void)path;
	return v && !strncmp(v, "organization/", 13);
}

static int read_org(ingest_ctx *c, const doc_node *root)
{
	static const char *const top_keys[] = { "permgraph", "organization", "roots", "organizational_units",
						"accounts", "policies", NULL };
	const doc_node *roots = doc_get(root, "roots"), *ous = doc_get(root, "organizational_units");
	const doc_node *accounts = doc_get(root, "accounts"), *policies = doc_get(root, "policies");
	size_t i;
	int err;

	if (aws_resource_expect(c, root, DOC_OBJECT, "organization bundle") < 0 ||
	    aws_manifest_check_version(c, root, "organization/1") < 0)
		return PG_EINPUT;
	err = aws_manifest_check_keys(c, root, top_keys, "organization bundle");
	if (!roots) {
		diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col, "missing 'roots'");
		err = PG_EINPUT;
	}
	/* every list is read, whatever failed before: each error is reported once, in place */
	err |= add_nodes(c, roots, ORG_ROOT, "roots");
	err |= add_nodes(c, ous, ORG_OU, "organizational_units");
	err |= add_nodes(c, accounts, ORG_ACCOUNT, "accounts");
	err |= link_parents(c, ous);
	err |= link_parents(c, accounts);
	if (read_management(c, root) < 0)
		err = PG_EINPUT;
	if (policies && policies->type != DOC_NULL) {
		if (aws_resource_expect(c, policies, DOC_ARRAY, "policies") < 0)
			return PG_EINPUT;
		for (i = 0; i < policies->len; i++)
			if (read_policy(c, policies->items[i]) < 0)
				err = PG_EINPUT;
	}
	return err;
}

const ingest_format ingest_aws_org_format = {
	"aws-organizations",
	"permgraph organization bundle (permgraph: organization/1): AWS Organizations roots, OUs, accounts, SCPs, RCPs",
	detect, read_org
};
