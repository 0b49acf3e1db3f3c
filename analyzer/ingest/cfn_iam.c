/*
 * cfn_iam — the IAM resources of a template: roles, users and groups with
 * their inline and managed policies, boundaries, trust policies and tags
 * (pass 1), then what attaches to them by name: AWS::IAM::ManagedPolicy's
 * Roles/Users/Groups, AWS::IAM::Policy, the Role/User/GroupPolicy types and
 * AWS::IAM::UserToGroupAddition (pass 2).
 *
 * A name that is none of the template's principals is a principal outside
 * it, arn:PARTITION:iam::ACCOUNT:role/NAME (path "/"), added so the access
 * the template gives it is seen.
 */
#include "ingest/cfn_internal.h"

#include <string.h>

/* One more element after the n a principal has (another input may have given it some). */
static void *grow1(cfn_ctx *c, void *old, size_t n, size_t elem)
{
	char *grown = arena_alloc(model_arena(c->m), (n + 1) * elem);

	if (n)
		memcpy(grown, old, n * elem);
	return grown;
}

static void add_managed(cfn_ctx *c, principal *p, const char *arn)
{
	size_t i;
	const char *k = model_intern(c->m, arn);

	for (i = 0; i < p->n_managed_arns; i++)
		if (p->managed_arns[i] == k)
			return;
	p->managed_arns = grow1(c, p->managed_arns, p->n_managed_arns, sizeof(char *));
	p->managed_arns[p->n_managed_arns++] = k;
}

static void add_inline(cfn_ctx *c, principal *p, policy *pol)
{
	pol->owner = p->arn;
	p->inline_policies = grow1(c, p->inline_policies, p->n_inline, sizeof(policy *));
	p->inline_policies[p->n_inline++] = pol;
}

static principal *principal_at(cfn_ctx *c, principal_kind kind, const char *arn, const doc_node *at)
{
	principal *p = model_add_principal(c->m, kind, arn);
	const char *slash;

	if (p->kind != kind) {
		cfn_error(c, at, "'%s' is a %s here but a %s elsewhere", arn, principal_kind_name(kind),
			  principal_kind_name(p->kind));
		return NULL;
	}
	if (!p->loc.file)
		p->loc = model_loc(c->m, at->file, at->line, at->col);
	if (!p->name && (slash = strrchr(arn, '/')) != NULL)
		p->name = model_intern(c->m, slash + 1);
	return p;
}

/* --- pass 1 --------------------------------------------------------------------- */

static void inline_policies(cfn_ctx *c, cfn_res *r, principal *p)
{
	const doc_node *list = doc_get(r->props, "Policies");
	cfn_alts items = { NULL, 0, 0 };
	size_t i;

	if (!list)
		return;
	cfn_eval_union(c, list, 1, &items);
	for (i = 0; i < items.n; i++) {
		const doc_node *e = items.v[i].n, *d = doc_get(e, "PolicyDocument");
		const char *name = cfn_string1(c, doc_get(e, "PolicyName"), "PolicyName");
		const cfn_guard *g;
		policy *pol;
		if (e->type != DOC_OBJECT || !name || !d) {
			cfn_error(c, e, "an inline policy needs 'PolicyName' and 'PolicyDocument'");
			continue;
		}
		if (cfn_guard_join(c, r->guard, items.v[i].guard, &g))
			continue;
		if (cfn_policy(c, d, g, POL_IDENTITY, name, &pol) == 0)
			add_inline(c, p, pol);
	}
}

static void managed_arns(cfn_ctx *c, cfn_res *r, principal *p)
{
	const doc_node *list = doc_get(r->props, "ManagedPolicyArns");
	const char **arns;
	size_t n, i;

	if (!list)
		return;
	arns = cfn_strings(c, list, "ManagedPolicyArns", NULL, &n);
	for (i = 0; i < n; i++)
		add_managed(c, p, arns[i]);
}

/* A boundary only narrows: when one reading has none (or they differ), none is the sound reading. */
static void boundary(cfn_ctx *c, cfn_res *r, principal *p)
{
	const doc_node *b = doc_get(r->props, "PermissionsBoundary");
	cfn_alts alts = { NULL, 0, 0 };

	if (!b || cfn_eval(c, b, &alts) < 0 || !alts.n)
		return;
	if (alts.n > 1 || alts.v[0].n == CFN_NOVALUE) {
		cfn_warn(c, b, "the permissions boundary depends on a condition: it is not applied");
		return;
	}
	if (alts.v[0].n->type != DOC_STRING) {
		cfn_error(c, b, "'PermissionsBoundary' must be a managed policy ARN");
		return;
	}
	p->boundary_arn = model_intern(c->m, alts.v[0].n->str);
}

/*
 * Each reading of the resource's name is a principal. The policies are parsed
 * for each (the model keeps one owner per inline policy); errors are reported
 * for the first only.
 */
static int declare_principals(cfn_ctx *c, cfn_res *r, principal_kind kind)
{
	cfn_alts arns = { NULL, 0, 0 };
	cfn_quiet q;
	size_t i;

	cfn_res_arns(c, r, r->key, &arns);
	for (i = 0; i < arns.n; i++) {
		const doc_node *trust = doc_get(r->props, "AssumeRolePolicyDocument"), *groups;
		principal *p;
		if (i == 1)
			cfn_quiet_begin(c, &q);
		if (!(p = principal_at(c, kind, arns.v[i].n->str, r->key)))
			continue;
		if (kind == PRIN_ROLE && !trust && c->transform)
			cfn_warn(c, r->key, "role '%s' has no 'AssumeRolePolicyDocument' (the Transform may add it)", r->id);
		else if (kind == PRIN_ROLE && !trust)
			cfn_error(c, r->key, "role '%s' has no 'AssumeRolePolicyDocument'", r->id);
		if (kind == PRIN_ROLE && trust)
			cfn_policy(c, trust, r->guard, POL_TRUST, "AssumeRolePolicyDocument", &p->trust);
		p->tags = NULL;
		p->n_tags = 0;
		cfn_tags(c, r->props, &p->tags, &p->n_tags);
		inline_policies(c, r, p);
		managed_arns(c, r, p);
		boundary(c, r, p);
		if (kind == PRIN_USER && (groups = doc_get(r->props, "Groups")) != NULL) {
			size_t n, j;
			const char **names = cfn_strings(c, groups, "Groups", NULL, &n);
			for (j = 0; j < n; j++) {
				p->group_names = grow1(c, p->group_names, p->n_group_names, sizeof(char *));
				p->group_names[p->n_group_names++] = model_intern(c->m, names[j]);
			}
		}
	}
	if (arns.n > 1)
		cfn_quiet_end(c, &q);
	return 0;
}

static int role_declare(cfn_ctx *c, cfn_res *r)
{
	return declare_principals(c, r, PRIN_ROLE);
}

static int user_declare(cfn_ctx *c, cfn_res *r)
{
	return declare_principals(c, r, PRIN_USER);
}

static int group_declare(cfn_ctx *c, cfn_res *r)
{
	return declare_principals(c, r, PRIN_GROUP);
}

static int managed_declare(cfn_ctx *c, cfn_res *r)
{
	cfn_alts arns = { NULL, 0, 0 };
	const doc_node *d = doc_get(r->props, "PolicyDocument");
	size_t i;

	if (!d) {
		cfn_error(c, r->key, "managed policy '%s' has no 'PolicyDocument'", r->id);
		return PG_EINPUT;
	}
	cfn_res_arns(c, r, r->key, &arns);
	for (i = 0; i < arns.n; i++) {
		policy *pol;
		const char *slash = strrchr(arns.v[i].n->str, '/');
		if (cfn_policy(c, d, r->guard, POL_IDENTITY, slash ? slash + 1 : r->id, &pol) < 0)
			break;
		pol->arn = model_intern(c->m, arns.v[i].n->str);
		pol->managed = 1;
		model_add_managed(c->m, pol);
	}
	return 0;
}

/* --- pass 2: by name ---------------------------------------------------------------- */

static const char *const kind_types[] = { "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role" };
static const char *const kind_words[] = { "user", "group", "role" };

/* The principals named `name`: the template's (each of their ARNs with that name), else one outside it. */
static size_t named(cfn_ctx *c, principal_kind kind, const char *name, const doc_node *at, principal **out, size_t max)
{
	size_t i, j, k, n = 0;

	for (i = 0; i < c->n_res; i++) {
		cfn_res *r = &c->res[i];
		const cfn_alts *names;
		cfn_alts arns = { NULL, 0, 0 };
		if (!r->type || r->skip || strcmp(r->type, kind_types[kind]))
			continue;
		names = cfn_res_names(c, r);
		for (j = 0; j < names->n && strcmp(names->v[j].n->str, name); j++)
			;
		if (j == names->n)
			continue;
		cfn_res_arns(c, r, r->key, &arns);
		for (k = 0; k < arns.n && n < max; k++) {
			const char *slash = strrchr(arns.v[k].n->str, '/');
			principal *p;
			if (slash && !strcmp(slash + 1, name) && (p = principal_at(c, kind, arns.v[k].n->str, r->key)))
				out[n++] = p;
		}
	}
	if (!n && (out[0] = principal_at(c, kind, cfn_iam_arn(c, kind_words[kind], name), at)) != NULL)
		n = 1;
	return n;
}

typedef void (*each_fn)(cfn_ctx *c, principal *p, void *arg);

/* For every principal a list property (Roles, Users, Groups, or one name) names. */
static void each_named(cfn_ctx *c, const doc_node *list, const char *what, principal_kind kind, each_fn fn, void *arg)
{
	const doc_node **locs;
	const char **names;
	principal *ps[16];
	size_t n, i, j, k;

	if (!list)
		return;
	names = cfn_strings(c, list, what, &locs, &n);
	for (i = 0; i < n; i++) {
		k = named(c, kind, names[i], locs[i], ps, 16);
		for (j = 0; j < k; j++)
			fn(c, ps[j], arg);
	}
}

static void attach_managed(cfn_ctx *c, principal *p, void *arg)
{
	add_managed(c, p, arg);
}

static int managed_attach(cfn_ctx *c, cfn_res *r)
{
	cfn_alts arns = { NULL, 0, 0 };
	size_t i;

	cfn_res_arns(c, r, r->key, &arns);
	for (i = 0; i < arns.n; i++) {
		void *arn = (void *)arns.v[i].n->str;
		each_named(c, doc_get(r->props, "Roles"), "Roles", PRIN_ROLE, attach_managed, arn);
		each_named(c, doc_get(r->props, "Users"), "Users", PRIN_USER, attach_managed, arn);
		each_named(c, doc_get(r->props, "Groups"), "Groups", PRIN_GROUP, attach_managed, arn);
	}
	return 0;
}

typedef struct inline_arg {
	cfn_res *r;
	const doc_node *doc;
	const char *name;
	int parsed;
} inline_arg;

static void attach_inline(cfn_ctx *c, principal *p, void *arg)
{
	inline_arg *ia = arg;
	cfn_quiet q;
	policy *pol;

	/* one document for several principals: its errors once */
	if (ia->parsed)
		cfn_quiet_begin(c, &q);
	if (cfn_policy(c, ia->doc, ia->r->guard, POL_IDENTITY, ia->name, &pol) == 0)
		add_inline(c, p, pol);
	if (ia->parsed)
		cfn_quiet_end(c, &q);
	ia->parsed = 1;
}

static int policy_attach(cfn_ctx *c, cfn_res *r)
{
	static const struct { const char *prop; principal_kind kind; } lists[] = {
		{ "Roles", PRIN_ROLE }, { "Users", PRIN_USER }, { "Groups", PRIN_GROUP },
		{ "RoleName", PRIN_ROLE }, { "UserName", PRIN_USER }, { "GroupName", PRIN_GROUP },
	};
	inline_arg ia;
	size_t i;

	ia.r = r;
	ia.doc = doc_get(r->props, "PolicyDocument");
	ia.name = cfn_string1(c, doc_get(r->props, "PolicyName"), "PolicyName");
	ia.parsed = 0;
	if (!ia.doc || !ia.name) {
		cfn_error(c, r->key, "policy '%s' needs 'PolicyName' and 'PolicyDocument'", r->id);
		return PG_EINPUT;
	}
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		each_named(c, doc_get(r->props, lists[i].prop), lists[i].prop, lists[i].kind, attach_inline, &ia);
	return 0;
}

static void join_group(cfn_ctx *c, principal *p, void *arg)
{
	size_t i;

	for (i = 0; i < p->n_group_names; i++)
		if (p->group_names[i] == arg)
			return;
	p->group_names = grow1(c, p->group_names, p->n_group_names, sizeof(char *));
	p->group_names[p->n_group_names++] = arg;
}

static int addition_attach(cfn_ctx *c, cfn_res *r)
{
	const char *group = cfn_string1(c, doc_get(r->props, "GroupName"), "GroupName");

	if (!group) {
		cfn_error(c, r->key, "'%s' needs 'GroupName'", r->id);
		return PG_EINPUT;
	}
	each_named(c, doc_get(r->props, "Users"), "Users", PRIN_USER, join_group, (void *)model_intern(c->m, group));
	return 0;
}

const cfn_handler cfn_iam_handlers[] = {
	{ "AWS::IAM::Role", role_declare, NULL },
	{ "AWS::IAM::User", user_declare, NULL },
	{ "AWS::IAM::Group", group_declare, NULL },
	{ "AWS::IAM::ManagedPolicy", managed_declare, managed_attach },
	{ "AWS::IAM::Policy", NULL, policy_attach },
	{ "AWS::IAM::RolePolicy", NULL, policy_attach },
	{ "AWS::IAM::UserPolicy", NULL, policy_attach },
	{ "AWS::IAM::GroupPolicy", NULL, policy_attach },
	{ "AWS::IAM::UserToGroupAddition", NULL, addition_attach },
	{ NULL, NULL, NULL }
};
