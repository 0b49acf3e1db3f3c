/* cfn — CloudFormation templates and parameters files: detection, the template's sections, the two passes. */
#include "ingest/cfn.h"
#include "ingest/cfn_internal.h"
#include "base/strbuf.h"

#include <stdarg.h>
#include <string.h>

static void vplace(cfn_ctx *c, diag_severity sev, const doc_node *at, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void vplace(cfn_ctx *c, diag_severity sev, const doc_node *at, const char *fmt, va_list ap)
{
	strbuf sb = STRBUF_INIT;

	strbuf_vaddf(&sb, fmt, ap);
	if (at && at->file)
		diag_list_addf(c->ic->diags, sev, at->file, at->line, at->col, "%s", sb.buf);
	else
		diag_list_addf(c->ic->diags, sev, c->ic->path, 0, 0, "%s", sb.buf);
	strbuf_release(&sb);
}

void cfn_error(cfn_ctx *c, const doc_node *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vplace(c, DIAG_ERROR, at, fmt, ap);
	va_end(ap);
	c->errors++;
}

void cfn_warn(cfn_ctx *c, const doc_node *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vplace(c, DIAG_WARNING, at, fmt, ap);
	va_end(ap);
}

void cfn_quiet_begin(cfn_ctx *c, cfn_quiet *q)
{
	diag_list_init(&q->list);
	q->loud = c->ic->diags;
	q->errors = c->errors;
	c->ic->diags = &q->list;
}

void cfn_quiet_end(cfn_ctx *c, cfn_quiet *q)
{
	c->ic->diags = q->loud;
	c->errors = q->errors;
	diag_list_release(&q->list);
}

const char *cfn_intrinsic(const doc_node *n, const doc_node **arg)
{
	const char *k;

	if (!n || n->type != DOC_OBJECT || n->len != 1)
		return NULL;
	k = n->keys[0]->str;
	if (strcmp(k, "Ref") && strncmp(k, "Fn::", 4))
		return NULL;
	if (arg)
		*arg = n->items[0];
	return k;
}

cfn_res *cfn_find_res(const cfn_ctx *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n_res; i++)
		if (!strcmp(c->res[i].id, id))
			return &c->res[i];
	return NULL;
}

/* --- detection -------------------------------------------------------------------- */

static int is_template(const doc_node *root)
{
	const doc_node *res = doc_get(root, "Resources");
	size_t i;

	if (root->type != DOC_OBJECT)
		return 0;
	if (doc_get(root, "AWSTemplateFormatVersion"))
		return 1;
	for (i = 0; res && res->type == DOC_OBJECT && i < res->len; i++) {
		const char *type = doc_get_str(res->items[i], "Type");
		if (type && !strncmp(type, "AWS::", 5))
			return 1;
	}
	return 0;
}

static int detect(const doc_node *root, const char *path)
{
	(void)path;
	return is_template(root) || cfn_params_detect(root);
}

/* --- the template ------------------------------------------------------------------- */

static const doc_node *section(cfn_ctx *c, const char *name)
{
	const doc_node *s = doc_get(c->root, name);

	if (s && s->type != DOC_OBJECT && s->type != DOC_NULL) {
		cfn_error(c, s, "'%s' must be an object, not %s", name, doc_type_phrase(s->type));
		return NULL;
	}
	return s && s->type == DOC_OBJECT ? s : NULL;
}

static void index_conditions(cfn_ctx *c)
{
	const doc_node *s = c->conditions;
	size_t i;

	c->conds = ARENA_ARRAY(&c->scratch, cfn_cond_state, s ? s->len + 1 : 1);
	for (i = 0; s && i < s->len; i++) {
		c->conds[c->n_conds].name = s->keys[i]->str;
		c->conds[c->n_conds++].expr = s->items[i];
	}
}

static void index_resources(cfn_ctx *c, const doc_node *s)
{
	size_t i;

	c->res = ARENA_ARRAY(&c->scratch, cfn_res, s->len + 1);
	for (i = 0; i < s->len; i++) {
		const doc_node *def = s->items[i], *type, *props;
		cfn_res *r = &c->res[c->n_res++];
		r->id = s->keys[i]->str;
		r->key = s->keys[i];
		r->def = def;
		if (def->type != DOC_OBJECT) {
			cfn_error(c, def, "resource '%s' must be an object, not %s", r->id, doc_type_phrase(def->type));
			continue;
		}
		type = doc_get(def, "Type");
		if (type && cfn_intrinsic(type, NULL)) {
			/* a tool's directive (rain's !Rain::Module): the tool expands it before CloudFormation sees it */
			cfn_warn(c, type, "resource '%s' has a tagged 'Type' (a tool's directive): not read", r->id);
			continue;
		}
		if (!type || type->type != DOC_STRING) {
			cfn_error(c, type ? type : r->key, "resource '%s' needs a 'Type' (a string)", r->id);
			continue;
		}
		r->type = type->str;
		props = doc_get(def, "Properties");
		if (props && props->type != DOC_OBJECT && props->type != DOC_NULL) {
			cfn_error(c, props, "'Properties' of '%s' must be an object, not %s", r->id,
				  doc_type_phrase(props->type));
			r->type = NULL;
			continue;
		}
		r->props = props && props->type == DOC_OBJECT ? props : NULL;
	}
}

/* A resource's Condition: known not to hold (skipped), or undecided (its guard). */
static void resource_conditions(cfn_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n_res; i++) {
		cfn_res *r = &c->res[i];
		const doc_node *cname = r->type ? doc_get(r->def, "Condition") : NULL;
		tri t;
		if (!cname)
			continue;
		if (cname->type != DOC_STRING) {
			cfn_error(c, cname, "'Condition' of '%s' must be the name of a condition", r->id);
			continue;
		}
		t = cfn_cond_decide(c, cname->str, cname);
		if (t == TRI_FALSE)
			r->skip = 1;
		else if (t == TRI_UNKNOWN)
			r->guard = cfn_guard_add(c, NULL, cname->str, 1, cname);
	}
}

static const cfn_handler *handler_of(const char *type)
{
	const cfn_handler *const tables[] = { cfn_iam_handlers, cfn_store_handlers };
	size_t t, i;

	for (t = 0; t < 2; t++)
		for (i = 0; tables[t][i].type; i++)
			if (!strcmp(tables[t][i].type, type))
				return &tables[t][i];
	return NULL;
}

/* Types that carry access but are not read (said once per type): whole
 * families, policy types by suffix, and types whose policy is a property
 * (only when the property is there). */
static int carries_access(const cfn_res *r)
{
	static const struct { const char *type, *prop; } with_prop[] = {
		{ "AWS::S3::AccessPoint", "Policy" }, { "AWS::S3Express::AccessPoint", "Policy" },
		{ "AWS::KMS::ReplicaKey", "KeyPolicy" },
		{ "AWS::ApiGateway::RestApi", "Policy" }, { "AWS::CodeArtifact::Domain", "PermissionsPolicyDocument" },
		{ "AWS::CodeArtifact::Repository", "PermissionsPolicyDocument" },
		{ "AWS::Backup::BackupVault", "AccessPolicy" }, { "AWS::EFS::FileSystem", "FileSystemPolicy" },
		{ "AWS::OpenSearchService::Domain", "AccessPolicies" }, { "AWS::Elasticsearch::Domain", "AccessPolicies" },
		{ "AWS::ECR::Repository", "RepositoryPolicyText" }, { "AWS::Lambda::Url", "AuthType" },
		{ "AWS::Organizations::Policy", NULL }, { "AWS::Lambda::LayerVersionPermission", NULL },
	};
	static const char *const suffixes[] = {
		"ResourcePolicy", "BucketPolicy", "AccessPointPolicy", "EventBusPolicy", "RepositoryPolicy", NULL
	};
	const char *type = r->type;
	size_t i, n = strlen(type);

	if (!strncmp(type, "AWS::IAM::", 10))
		/* an instance profile or access key grants nothing its role or user does not */
		return strcmp(type, "AWS::IAM::InstanceProfile") && strcmp(type, "AWS::IAM::AccessKey");
	if (!strncmp(type, "AWS::Serverless::", 17) || !strncmp(type, "AWS::SSO::", 10))
		return 1;
	for (i = 0; i < sizeof(with_prop) / sizeof(with_prop[0]); i++)
		if (!strcmp(type, with_prop[i].type))
			return !with_prop[i].prop || doc_get(r->props, with_prop[i].prop);
	for (i = 0; suffixes[i]; i++)
		if (n > strlen(suffixes[i]) && !strcmp(type + n - strlen(suffixes[i]), suffixes[i]))
			return 1;
	return 0;
}

static void unread(cfn_ctx *c, cfn_res *r)
{
	size_t i;

	if (!carries_access(r))
		return;
	for (i = 0; &c->res[i] != r; i++)
		if (c->res[i].type && !strcmp(c->res[i].type, r->type) && carries_access(&c->res[i]))
			return;
	cfn_warn(c, r->key, "resources of type '%s' are not read (their access is not in the analysis)", r->type);
}

/*
 * Each template is a stack of its own: its placeholders carry "#N" from the
 * second template read on ("{AccountId#2}", "{Bucket#2}"). Two templates may
 * deploy to two accounts, and two stacks never share a generated name; one
 * shared placeholder would judge a grant between them same-account and merge
 * their resources (cfn.h, "The account"). A parameters file giving
 * AWS::AccountId puts every template in that account.
 */
static void pseudo_values(cfn_ctx *c, size_t ordinal)
{
	const char *v;
	char acct[64];

	if (ordinal > 1)
		snprintf(c->sfx, sizeof(c->sfx), "#%zu", ordinal);
	snprintf(acct, sizeof(acct), "{AccountId%s}", c->sfx);
	c->account = (v = cfn_given_value(c->given, "AWS::AccountId")) ? v : model_intern(c->m, acct);
	c->region = (v = cfn_given_value(c->given, "AWS::Region")) ? v : "{Region}";
	c->partition = (v = cfn_given_value(c->given, "AWS::Partition")) ? v : "aws";
	if (strchr(c->account, ':') || strchr(c->region, ':') || strchr(c->partition, ':')) {
		cfn_error(c, NULL, "the AWS::AccountId, AWS::Region and AWS::Partition given cannot hold ':'");
		c->account = model_intern(c->m, acct);
		c->region = "{Region}";
		c->partition = "aws";
	}
}

static int read_template(ingest_ctx *ic, const doc_node *root)
{
	cfn_ctx c;
	const doc_node *resources, *v;
	size_t i, pass, ordinal;

	memset(&c, 0, sizeof(c));
	c.ic = ic;
	c.m = ic->m;
	arena_init(&c.scratch);
	c.root = root;
	c.given = cfn_params_for_template(ic->m, ic->path, &ordinal);
	pseudo_values(&c, ordinal);
	if ((v = doc_get(root, "AWSTemplateFormatVersion")) && (v->type != DOC_STRING || strcmp(v->str, "2010-09-09")))
		cfn_warn(&c, v, "'AWSTemplateFormatVersion' is \"2010-09-09\" in every template CloudFormation accepts");
	if ((v = doc_get(root, "Transform")) != NULL && (c.transform = 1))
		cfn_warn(&c, v, "the template's Transform (macros, AWS::Serverless) is not expanded: what it adds is "
				"not read (expand it first: aws cloudformation get-template --template-stage Processed)");
	c.params = section(&c, "Parameters");
	c.mappings = section(&c, "Mappings");
	c.conditions = section(&c, "Conditions");
	resources = doc_get(root, "Resources");
	if (!resources || resources->type != DOC_OBJECT) {
		cfn_error(&c, resources ? resources : root, "a template needs 'Resources' (an object of resources)");
		goto cleanup;
	}
	index_conditions(&c);
	index_resources(&c, resources);
	resource_conditions(&c);
	/* pass 1 makes what pass 2 attaches to: principals, stores, managed policies */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < c.n_res; i++) {
			cfn_res *r = &c.res[i];
			const cfn_handler *h;
			if (!r->type || r->skip)
				continue;
			h = handler_of(r->type);
			if (!h) {
				if (pass == 0)
					unread(&c, r);
				continue;
			}
			if (pass == 0 && h->declare)
				h->declare(&c, r);
			else if (pass == 1 && h->attach)
				h->attach(&c, r);
		}
	cfn_store_finish(&c);
cleanup:
	arena_release(&c.scratch);
	return c.errors ? PG_EINPUT : 0;
}

static int read_cfn(ingest_ctx *ic, const doc_node *root)
{
	if (is_template(root))
		return read_template(ic, root);
	if (cfn_params_detect(root))
		return cfn_params_read(ic, root);
	diag_list_addf(ic->diags, DIAG_ERROR, root->file, root->line, root->col,
		       "not a CloudFormation template (no 'Resources' of AWS:: types, no 'AWSTemplateFormatVersion') "
		       "nor a parameters file");
	return PG_EINPUT;
}

const ingest_format ingest_cfn_format = {
	"cloudformation",
	"CloudFormation templates (JSON or YAML, intrinsic functions in both forms) and their parameters files",
	detect, read_cfn
};
