/*
 * aws_authz — `aws iam get-account-authorization-details` (JSON or YAML):
 * users, groups, roles, managed policies with their versions, inline
 * policies, boundaries, trust policies, instance profiles and tags. Several
 * files of one account (pagination fragments) merge in the model.
 */
#include "ingest/aws_authz.h"
#include "ingest/aws_policy.h"

#include <string.h>

static int detect(const doc_node *root, const char *path)
{
	(void)path;
	return root->type == DOC_OBJECT &&
	       (doc_get(root, "UserDetailList") || doc_get(root, "GroupDetailList") ||
		doc_get(root, "RoleDetailList") || doc_get(root, "Policies"));
}

static int expect(ingest_ctx *c, const doc_node *n, doc_type type, const char *what)
{
	if (n && n->type == type)
		return 0;
	if (!n)
		return -1;
	diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "'%s' must be %s, not %s", what,
		       doc_type_phrase(type), doc_type_phrase(n->type));
	return -1;
}

static const char *req_str(ingest_ctx *c, const doc_node *obj, const char *key)
{
	const char *s = doc_get_str(obj, key);

	if (!s)
		diag_list_addf(c->diags, DIAG_ERROR, obj->file, obj->line, obj->col, "missing '%s'", key);
	return s;
}

static void read_tags(ingest_ctx *c, principal *p, const doc_node *obj)
{
	const doc_node *tags = doc_get(obj, "Tags");
	size_t i;

	if (!tags || expect(c, tags, DOC_ARRAY, "Tags") < 0)
		return;
	for (i = 0; i < tags->len; i++) {
		const char *k = doc_get_str(tags->items[i], "Key");
		if (k)
			model_add_tag(c->m, &p->tags, &p->n_tags, k, doc_get_str(tags->items[i], "Value"));
	}
}

/* Room for `more` elements after the `n` a principal already has: a principal
 * read again (another page or file) keeps what earlier inputs gave it. */
static void *grow(arena *a, void *old, size_t n, size_t more, size_t elem)
{
	char *grown = arena_alloc(a, (n + more + 1) * elem);

	if (n)
		memcpy(grown, old, n * elem);
	return grown;
}

static int read_inline(ingest_ctx *c, principal *p, const doc_node *obj, const char *list_key)
{
	const doc_node *list = doc_get(obj, list_key);
	arena *a = model_arena(c->m);
	size_t i;
	int err = 0;

	if (!list || list->type == DOC_NULL)
		return 0;
	if (expect(c, list, DOC_ARRAY, list_key) < 0)
		return PG_EINPUT;
	p->inline_policies = grow(a, p->inline_policies, p->n_inline, list->len, sizeof(policy *));
	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i];
		const char *name = doc_get_str(e, "PolicyName");
		policy *pol;
		if (!name || !doc_get(e, "PolicyDocument")) {
			diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col,
				       "an inline policy needs 'PolicyName' and 'PolicyDocument'");
			err = PG_EINPUT;
			continue;
		}
		if (aws_policy_parse(c->m, c->doc, doc_get(e, "PolicyDocument"), POL_IDENTITY, name, &pol,
				     c->diags) < 0) {
			err = PG_EINPUT;
			continue;
		}
		pol->owner = p->arn;
		p->inline_policies[p->n_inline++] = pol;
	}
	return err;
}

static int read_attached(ingest_ctx *c, principal *p, const doc_node *obj)
{
	const doc_node *list = doc_get(obj, "AttachedManagedPolicies");
	size_t i;

	if (!list || list->type == DOC_NULL)
		return 0;
	/* the AWS CLI documentation example has an object here: say so precisely */
	if (expect(c, list, DOC_ARRAY, "AttachedManagedPolicies") < 0)
		return PG_EINPUT;
	p->managed_arns = grow(model_arena(c->m), p->managed_arns, p->n_managed_arns, list->len, sizeof(char *));
	for (i = 0; i < list->len; i++) {
		const char *arn = doc_get_str(list->items[i], "PolicyArn");
		if (!arn) {
			const doc_node *e = list->items[i];
			diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col,
				       "an attached policy needs 'PolicyArn'");
			return PG_EINPUT;
		}
		p->managed_arns[p->n_managed_arns++] = model_intern(c->m, arn);
	}
	return 0;
}

static int read_boundary(ingest_ctx *c, principal *p, const doc_node *obj)
{
	const doc_node *b = doc_get(obj, "PermissionsBoundary");
	const char *arn;

	if (!b || b->type == DOC_NULL)
		return 0;
	if (expect(c, b, DOC_OBJECT, "PermissionsBoundary") < 0)
		return PG_EINPUT;
	arn = req_str(c, b, "PermissionsBoundaryArn");
	if (!arn)
		return PG_EINPUT;
	p->boundary_arn = model_intern(c->m, arn);
	return 0;
}

static principal *read_common(ingest_ctx *c, const doc_node *e, principal_kind kind, const char *name_key,
			      const char *id_key)
{
	const char *arn, *name;
	principal *p;

	if (expect(c, e, DOC_OBJECT, "entry") < 0)
		return NULL;
	arn = req_str(c, e, "Arn");
	name = req_str(c, e, name_key);
	if (!arn || !name)
		return NULL;
	p = model_add_principal(c->m, kind, arn);
	if (p->kind != kind) {
		diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col,
			       "'%s' is a %s here but a %s elsewhere", arn, principal_kind_name(kind),
			       principal_kind_name(p->kind));
		return NULL;
	}
	p->name = model_intern(c->m, name);
	p->id = model_intern(c->m, doc_get_str(e, id_key));
	p->path = model_intern(c->m, doc_get_str(e, "Path"));
	p->loc = model_loc(c->m, e->file, e->line, e->col);
	return p;
}

static int read_users(ingest_ctx *c, const doc_node *list)
{
	size_t i, j;
	int err = 0;

	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i], *groups;
		principal *p = read_common(c, e, PRIN_USER, "UserName", "UserId");
		if (!p) {
			err = PG_EINPUT;
			continue;
		}
		read_tags(c, p, e);
		if (read_inline(c, p, e, "UserPolicyList") < 0 || read_attached(c, p, e) < 0 ||
		    read_boundary(c, p, e) < 0)
			err = PG_EINPUT;
		groups = doc_get(e, "GroupList");
		if (groups && expect(c, groups, DOC_ARRAY, "GroupList") == 0) {
			p->group_names = grow(model_arena(c->m), p->group_names, p->n_group_names, groups->len,
					      sizeof(char *));
			for (j = 0; j < groups->len; j++)
				if (groups->items[j]->type == DOC_STRING)
					p->group_names[p->n_group_names++] = model_intern(c->m, groups->items[j]->str);
		}
	}
	return err;
}

static int read_groups(ingest_ctx *c, const doc_node *list)
{
	size_t i;
	int err = 0;

	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i];
		principal *p = read_common(c, e, PRIN_GROUP, "GroupName", "GroupId");
		if (!p || read_inline(c, p, e, "GroupPolicyList") < 0 || read_attached(c, p, e) < 0)
			err = PG_EINPUT;
	}
	return err;
}

static int read_roles(ingest_ctx *c, const doc_node *list)
{
	size_t i;
	int err = 0;

	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i], *trust;
		principal *p = read_common(c, e, PRIN_ROLE, "RoleName", "RoleId");
		if (!p) {
			err = PG_EINPUT;
			continue;
		}
		read_tags(c, p, e);
		if (read_inline(c, p, e, "RolePolicyList") < 0 || read_attached(c, p, e) < 0 ||
		    read_boundary(c, p, e) < 0)
			err = PG_EINPUT;
		trust = doc_get(e, "AssumeRolePolicyDocument");
		if (trust && trust->type != DOC_NULL &&
		    aws_policy_parse(c->m, c->doc, trust, POL_TRUST, "AssumeRolePolicyDocument", &p->trust,
				     c->diags) < 0)
			err = PG_EINPUT;
	}
	return err;
}

static int is_default_version(const doc_node *v, const char *default_id)
{
	const doc_node *d = doc_get(v, "IsDefaultVersion");
	const char *id = doc_get_str(v, "VersionId");

	if (d && d->type == DOC_BOOL)
		return !strcmp(d->str, "true");
	return default_id && id && !strcmp(id, default_id);
}

static int read_policies(ingest_ctx *c, const doc_node *list)
{
	size_t i, j;
	int err = 0;

	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i], *versions, *chosen = NULL;
		const char *arn, *name, *default_id;
		policy *pol;
		if (expect(c, e, DOC_OBJECT, "Policies entry") < 0) {
			err = PG_EINPUT;
			continue;
		}
		arn = req_str(c, e, "Arn");
		name = req_str(c, e, "PolicyName");
		versions = doc_get(e, "PolicyVersionList");
		if (!arn || !name || !versions || expect(c, versions, DOC_ARRAY, "PolicyVersionList") < 0) {
			if (arn && name && !versions)
				diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col,
					       "missing 'PolicyVersionList'");
			err = PG_EINPUT;
			continue;
		}
		default_id = doc_get_str(e, "DefaultVersionId");
		/* the default version is the one AWS evaluates; the others are kept only in the export */
		for (j = 0; j < versions->len; j++)
			if (is_default_version(versions->items[j], default_id))
				chosen = versions->items[j];
		if (!chosen) {
			diag_list_addf(c->diags, DIAG_ERROR, versions->file, versions->line, versions->col,
				       "managed policy '%s' has no default version", arn);
			err = PG_EINPUT;
			continue;
		}
		if (aws_policy_parse(c->m, c->doc, doc_get(chosen, "Document"), POL_IDENTITY, name, &pol,
				     c->diags) < 0) {
			err = PG_EINPUT;
			continue;
		}
		pol->arn = model_intern(c->m, arn);
		pol->managed = 1;
		model_add_managed(c->m, pol);
	}
	return err;
}

static int read_authz(ingest_ctx *c, const doc_node *root)
{
	static const struct {
		const char *key;
		int (*read)(ingest_ctx *, const doc_node *);
	} lists[] = {
		{ "Policies", read_policies }, { "GroupDetailList", read_groups },
		{ "UserDetailList", read_users }, { "RoleDetailList", read_roles }
	};
	size_t i;
	int err = 0;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		const doc_node *l = doc_get(root, lists[i].key);
		if (!l)
			continue;
		if (expect(c, l, DOC_ARRAY, lists[i].key) < 0 || lists[i].read(c, l) < 0)
			err = PG_EINPUT;
	}
	return err;
}

const ingest_format ingest_aws_authz_format = {
	"aws-authz-details",
	"aws iam get-account-authorization-details (users, groups, roles, managed policies)",
	detect, read_authz
};
