/*
 * tf_plan_aws — IAM resources of a Terraform plan:
 *
 *   aws_iam_role    name, path, arn, assume_role_policy, inline_policy blocks,
 *                   managed_policy_arns, permissions_boundary, tags
 *   aws_iam_user    name, path, arn, permissions_boundary, tags
 *   aws_iam_group   name, path, arn
 *   aws_iam_policy  name, path, arn, policy (a managed policy)
 *   aws_iam_{role,user,group}_policy             an inline policy of its role/user/group
 *   aws_iam_{role,user,group}_policy_attachment  policy_arn attached to it
 *   aws_iam_policy_attachment                    policy_arn attached to users, roles, groups
 *   aws_iam_user_group_membership (user, groups), aws_iam_group_membership (group, users)
 *
 * A role, user or group an attachment names that is not in the plan (an
 * existing one) is added by name under the plan's account, path "/".
 */
#include "ingest/tf_plan_internal.h"
#include "base/strbuf.h"

#include <string.h>

static const char *const T_ROLE[] = { "aws_iam_role", NULL };
static const char *const T_USER[] = { "aws_iam_user", NULL };
static const char *const T_GROUP[] = { "aws_iam_group", NULL };
static const char *const T_POLICY[] = { "aws_iam_policy", NULL };

static const struct iam_kind {
	const char *type, *arn_kind;
	principal_kind kind;
	const char *const *types;
} kinds[] = {
	{ "aws_iam_role", "role", PRIN_ROLE, T_ROLE },
	{ "aws_iam_user", "user", PRIN_USER, T_USER },
	{ "aws_iam_group", "group", PRIN_GROUP, T_GROUP },
	{ "aws_iam_policy", "policy", PRIN_UNKNOWN, T_POLICY },
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

static const struct iam_kind *kind_of(const char *type)
{
	size_t i;

	for (i = 0; i < N_KINDS; i++)
		if (!strcmp(kinds[i].type, type))
			return &kinds[i];
	return NULL;
}

static const char *iam_arn(tf_plan *p, const char *kind, const char *path, const char *name)
{
	strbuf sb = STRBUF_INIT;
	const char *s;

	strbuf_addf(&sb, "%s%s%s", kind, path && *path ? path : "/", name);
	s = tf_arn(p, "iam", TF_ARN_ACCOUNT, sb.buf);
	strbuf_release(&sb);
	return s;
}

int tf_aws_identify(tf_plan *p, tf_res *r)
{
	const struct iam_kind *k = kind_of(r->type);
	const char *name, *arn;

	if (!k)
		return 0;       /* data sources too: an existing role referred to by data.aws_iam_role.x.name */
	name = tf_str(p, r, "name");
	arn = tf_str(p, r, "arn");
	r->name = name ? model_intern(p->c->m, name) : tf_placeholder(p, r);
	r->id = arn ? model_intern(p->c->m, arn) : iam_arn(p, k->arn_kind, tf_str(p, r, "path"), r->name);
	return 1;
}

/* Append to an arena array that has no spare room (aws_authz sizes them exactly). */
static void push_ptr(tf_plan *p, void ***arr, size_t *n, void *v)
{
	void **grown = arena_alloc(model_arena(p->c->m), (*n + 1) * sizeof(void *));
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*arr)[i] == v)
			return;
	if (*n)
		memcpy(grown, *arr, *n * sizeof(void *));
	grown[(*n)++] = v;
	*arr = grown;
}

static principal *add_principal(tf_plan *p, const tf_res *at, principal_kind kind, const char *arn,
				const char *name)
{
	principal *pr = model_add_principal(p->c->m, kind, arn);

	if (pr->kind != kind) {
		tf_diag(p, DIAG_ERROR, at, NULL, "'%s' is a %s here but a %s elsewhere", arn, principal_kind_name(kind),
			principal_kind_name(pr->kind));
		return NULL;
	}
	if (!pr->name)
		pr->name = model_intern(p->c->m, name);
	if (!pr->loc.file)
		pr->loc = tf_loc(p, at);
	return pr;
}

static void set_boundary(tf_plan *p, tf_res *r, principal *pr)
{
	tf_targets t;

	tf_collect(p, r, "permissions_boundary", T_POLICY, &t);
	if (t.n_res)
		pr->boundary_arn = t.res[0]->id;
	else if (t.n_known)
		pr->boundary_arn = model_intern(p->c->m, t.known[0]);
	else if (t.unresolved)
		tf_diag(p, DIAG_WARNING, r, NULL, "the permissions boundary is known only after apply and names no "
			"policy of the plan: it is not applied");
}

static void add_managed_arns(tf_plan *p, principal *pr, const tf_targets *t)
{
	size_t i;

	for (i = 0; i < t->n_res && i < TF_MAX_TARGETS; i++)
		push_ptr(p, (void ***)&pr->managed_arns, &pr->n_managed_arns, (void *)t->res[i]->id);
	for (i = 0; i < t->n_known; i++)
		push_ptr(p, (void ***)&pr->managed_arns, &pr->n_managed_arns, (void *)model_intern(p->c->m, t->known[i]));
}

static void add_inline(tf_plan *p, principal *pr, policy *pol)
{
	if (!pol->owner)
		pol->owner = pr->arn;
	push_ptr(p, (void ***)&pr->inline_policies, &pr->n_inline, pol);
}

static void define_role(tf_plan *p, tf_res *r, principal *pr)
{
	const doc_node *blocks = tf_list(p, r, "inline_policy");
	tf_targets t;
	policy *pol;
	size_t i;

	if (tf_policy(p, r, "assume_role_policy", tf_val(r, "assume_role_policy"), tf_expr(r, "assume_role_policy"),
		      POL_TRUST, "AssumeRolePolicyDocument", &pol) == 0 && pol)
		pr->trust = pol;
	for (i = 0; blocks && i < blocks->len; i++) {
		const doc_node *b = blocks->items[i], *text;
		const char *name;
		if (b->type != DOC_OBJECT) {
			tf_diag(p, DIAG_ERROR, r, b, "each 'inline_policy' must be an object, not %s",
				doc_type_phrase(b->type));
			continue;
		}
		name = tf_node_str(p, r, doc_get(b, "name"), "inline_policy.name");
		text = doc_get(b, "policy");
		/* the provider writes one empty block for a role without inline policies */
		if ((!name || !*name) && text && text->type == DOC_STRING && !*text->str)
			continue;
		if (tf_policy(p, r, "inline_policy.policy", text, tf_block_expr(r, "inline_policy", i, "policy"),
			      POL_IDENTITY, name && *name ? name : "inline_policy", &pol) == 0 && pol)
			add_inline(p, pr, pol);
	}
	tf_collect(p, r, "managed_policy_arns", T_POLICY, &t);
	add_managed_arns(p, pr, &t);
}

void tf_aws_define(tf_plan *p, tf_res *r)
{
	const struct iam_kind *k = kind_of(r->type);
	principal *pr;
	policy *pol;

	if (!k || !r->id || r->data)
		return;
	if (k->kind == PRIN_UNKNOWN) {
		if (tf_policy(p, r, "policy", tf_val(r, "policy"), tf_expr(r, "policy"), POL_IDENTITY, r->name, &pol) < 0 ||
		    !pol)
			return;
		pol->arn = r->id;
		pol->managed = 1;
		r->pol = model_add_managed(p->c->m, pol);
		return;
	}
	pr = add_principal(p, r, k->kind, r->id, r->name);
	if (!pr)
		return;
	r->prin = pr;
	pr->path = model_intern(p->c->m, tf_sval(r, "path") ? tf_sval(r, "path") : "/");
	if (k->kind != PRIN_GROUP) {
		tf_tags(p, r, &pr->tags, &pr->n_tags);
		set_boundary(p, r, pr);
	}
	if (k->kind == PRIN_ROLE)
		define_role(p, r, pr);
}

/* --- what links them ------------------------------------------------------------- */

/* The principals attribute key names: the plan's, or existing ones by name. */
static size_t owners(tf_plan *p, tf_res *r, const char *key, const struct iam_kind *k, principal **out, size_t max)
{
	tf_targets t;
	size_t i, n = 0;

	tf_collect(p, r, key, k->types, &t);
	for (i = 0; i < t.n_res && n < max; i++) {
		tf_res *x = t.res[i];
		/* a data source names an existing principal: the model gets it by its ARN */
		principal *pr = x->prin ? x->prin : x->data && x->id ? add_principal(p, r, k->kind, x->id, x->name) : NULL;
		if (pr)
			out[n++] = pr;
	}
	for (i = 0; i < t.n_known && n < max; i++) {
		const char *v = t.known[i];
		const char *slash = strrchr(v, '/');
		principal *pr = !strncmp(v, "arn:", 4) ? add_principal(p, r, k->kind, v, slash ? slash + 1 : v)
						       : add_principal(p, r, k->kind, iam_arn(p, k->arn_kind, "/", v), v);
		if (pr)
			out[n++] = pr;
	}
	if (t.unresolved)
		tf_diag(p, DIAG_WARNING, r, NULL, "'%s' is known only after apply and names no %s of the plan: "
			"this resource is not applied to it", key, k->arn_kind);
	return n;
}

static void link_inline(tf_plan *p, tf_res *r, const struct iam_kind *k)
{
	principal *who[TF_MAX_TARGETS];
	size_t n = owners(p, r, k->arn_kind, k, who, TF_MAX_TARGETS), i;
	const char *name = tf_str(p, r, "name");
	policy *pol;

	if (!n || tf_policy(p, r, "policy", tf_val(r, "policy"), tf_expr(r, "policy"), POL_IDENTITY,
			    name ? name : tf_placeholder(p, r), &pol) < 0 || !pol)
		return;
	for (i = 0; i < n; i++)
		add_inline(p, who[i], pol);
}

static void link_attachment(tf_plan *p, tf_res *r, const char *key, const struct iam_kind *k, const tf_targets *pol)
{
	principal *who[TF_MAX_TARGETS];
	size_t n = owners(p, r, key, k, who, TF_MAX_TARGETS), i;

	for (i = 0; i < n; i++)
		add_managed_arns(p, who[i], pol);
}

static void attachment_policy(tf_plan *p, tf_res *r, tf_targets *t)
{
	tf_collect(p, r, "policy_arn", T_POLICY, t);
	if (t->unresolved && !t->n_res && !t->n_known)
		tf_diag(p, DIAG_WARNING, r, NULL, "'policy_arn' is known only after apply and names no policy of the "
			"plan: nothing is attached");
}

/* Users join groups by name (model_finalize resolves them). */
static void link_membership(tf_plan *p, tf_res *r, const char *user_key, const char *group_key)
{
	principal *users[TF_MAX_TARGETS], *groups[TF_MAX_TARGETS];
	size_t nu = owners(p, r, user_key, &kinds[1], users, TF_MAX_TARGETS), i, j;
	size_t ng = owners(p, r, group_key, &kinds[2], groups, TF_MAX_TARGETS);

	for (i = 0; i < nu; i++)
		for (j = 0; j < ng; j++)
			push_ptr(p, (void ***)&users[i]->group_names, &users[i]->n_group_names, (void *)groups[j]->name);
}

void tf_aws_link(tf_plan *p, tf_res *r)
{
	static const char *const owners_of[] = { "role", "user", "group" };
	const char *t = r->type;
	tf_targets pol;
	size_t i;

	if (strncmp(t, "aws_iam_", 8))
		return;
	for (i = 0; i < 3; i++) {
		strbuf sb = STRBUF_INIT;
		int inl, att;
		strbuf_addf(&sb, "aws_iam_%s_policy", owners_of[i]);
		inl = !strcmp(t, sb.buf);
		strbuf_addstr(&sb, "_attachment");
		att = !strcmp(t, sb.buf);
		strbuf_release(&sb);
		if (inl)
			link_inline(p, r, &kinds[i]);
		else if (att) {
			attachment_policy(p, r, &pol);
			link_attachment(p, r, owners_of[i], &kinds[i], &pol);
		}
	}
	if (!strcmp(t, "aws_iam_policy_attachment")) {
		attachment_policy(p, r, &pol);
		link_attachment(p, r, "users", &kinds[1], &pol);
		link_attachment(p, r, "roles", &kinds[0], &pol);
		link_attachment(p, r, "groups", &kinds[2], &pol);
	} else if (!strcmp(t, "aws_iam_user_group_membership")) {
		link_membership(p, r, "user", "groups");
	} else if (!strcmp(t, "aws_iam_group_membership")) {
		link_membership(p, r, "users", "group");
	}
}
