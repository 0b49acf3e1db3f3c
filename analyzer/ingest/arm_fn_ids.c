/*
 * arm_fn_ids — template functions that depend on where the template deploys:
 * resource ids (resourceId, subscriptionResourceId, tenantResourceId,
 * extensionResourceId, managementGroupResourceId), the deployment context
 * (subscription(), resourceGroup(), managementGroup(), tenant(), deployment(),
 * environment()) and reference().
 *
 * What the deployment alone decides — subscription id, resource group,
 * management group, tenant, location, deployment name — is a placeholder
 * ({subscription}, {resourceGroup}, {managementGroup}, {tenant}, {location},
 * {deployment}) unless a nested deployment names it. environment().name is
 * each public cloud's name in turn. reference() of a resource gives an object
 * known in part whose principalId and identity.principalId are the
 * "{identity:<id>}" placeholder of that resource's managed identity.
 */
#include "ingest/arm_internal.h"

#include <string.h>
#include <strings.h>

#define ADD(v) (arm_alts_add(c->t->f, out, (v)), 0)
#define PH() ADD(arm_call_placeholder(c))
#define MG_PREFIX "/providers/Microsoft.Management/managementGroups/"

static int has_ph(const char *s)
{
	return s && strchr(s, '{') != NULL;
}

/* A string built from parts: symbolic when any part holds a placeholder. */
static const doc_node *built(arm_call *c, const strbuf *sb, int sym)
{
	return sym || has_ph(sb->buf) ? arm_symstr(c->t->f, c->at, sb->buf) : arm_str(c->t->f, c->at, sb->buf, sb->len);
}

const char *arm_target_prefix(arm_file *f, const arm_target *tg)
{
	strbuf sb = STRBUF_INIT;
	char *s;

	switch (tg->level) {
	case ARM_AT_TENANT:
		break;
	case ARM_AT_MG:
		strbuf_addf(&sb, MG_PREFIX "%s", tg->mg);
		break;
	case ARM_AT_SUB:
		strbuf_addf(&sb, "/subscriptions/%s", tg->sub);
		break;
	case ARM_AT_RG:
		strbuf_addf(&sb, "/subscriptions/%s/resourceGroups/%s", tg->sub, tg->rg);
		break;
	}
	s = arena_strndup(&f->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

const char *arm_type_path(arm_file *f, const char *type, const char *name)
{
	strbuf sb = STRBUF_INIT;
	const char *t = strchr(type, '/'), *n = name;
	char *r = NULL;

	if (!t || !*name)
		return NULL;
	strbuf_add(&sb, type, (size_t)(t - type));
	while (t && *t == '/') {
		const char *te = strchr(t + 1, '/'), *ne;
		if (!n) {
			strbuf_release(&sb);
			return NULL;
		}
		ne = strchr(n, '/');
		strbuf_add(&sb, t, te ? (size_t)(te - t) : strlen(t));
		strbuf_addch(&sb, '/');
		strbuf_add(&sb, n, ne ? (size_t)(ne - n) : strlen(n));
		t = te;
		n = ne ? ne + 1 : NULL;
	}
	if (!n)
		r = arena_strndup(&f->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

/* "NS/type/child" + name args → "NS/type/n1/child/n2"; names may hold '/' themselves. */
static const char *path_from(arm_call *c, size_t ti, int *sym)
{
	strbuf names = STRBUF_INIT;
	const char *type = arm_arg_str(c, ti, 0), *r;
	size_t i;

	if (!type)
		return NULL;
	*sym |= arm_is_sym(c->args[ti]);
	for (i = ti + 1; i < c->n; i++) {
		const doc_node *v = c->args[i];
		if (v->type != DOC_STRING && v->type != DOC_NUMBER) {
			strbuf_release(&names);
			return NULL;
		}
		*sym |= arm_is_sym(v);
		if (i > ti + 1)
			strbuf_addch(&names, '/');
		strbuf_addstr(&names, v->str);
	}
	r = arm_type_path(c->t->f, type, names.buf);
	strbuf_release(&names);
	return r;
}

/* The first argument that is a resource type ("NS/type"), or c->n. */
static size_t type_arg(const arm_call *c, size_t from)
{
	size_t i;

	for (i = from; i < c->n; i++)
		if (c->args[i]->type == DOC_STRING && strchr(c->args[i]->str, '/'))
			return i;
	return c->n;
}

static int fn_resource_id(arm_call *c, arm_alts *out)
{
	const arm_target *fn = &c->t->fn;
	strbuf sb = STRBUF_INIT;
	size_t ti = type_arg(c, 0);
	const char *path, *sub = fn->sub, *rg = fn->rg;
	int sym = 0, level = (int)fn->level;

	if (ti > 2 || ti >= c->n || !(path = path_from(c, ti, &sym)))
		return PH();
	if (ti >= 1) {
		rg = arm_arg_str(c, ti - 1, 0);
		level = ARM_AT_RG;
	}
	if (ti == 2)
		sub = arm_arg_str(c, 0, 0);
	if (!rg || !sub)
		return PH();
	sym |= (ti >= 1 && arm_is_sym(c->args[ti - 1])) || (ti == 2 && arm_is_sym(c->args[0]));
	if (level == ARM_AT_RG)
		strbuf_addf(&sb, "/subscriptions/%s/resourceGroups/%s", sub, rg);
	else
		strbuf_addstr(&sb, arm_target_prefix(c->t->f, fn));
	strbuf_addf(&sb, "/providers/%s", path);
	arm_alts_add(c->t->f, out, built(c, &sb, sym));
	strbuf_release(&sb);
	return 0;
}

static int scoped_id(arm_call *c, arm_alts *out, const char *prefix, const char *dflt, int takes_scope_arg)
{
	strbuf sb = STRBUF_INIT;
	size_t ti = type_arg(c, 0);
	const char *path, *name = dflt;
	int sym = 0;

	if (ti >= c->n || ti > (size_t)takes_scope_arg || !(path = path_from(c, ti, &sym)))
		return PH();
	if (ti == 1) {
		if (!(name = arm_arg_str(c, 0, 0)))
			return PH();
		sym |= arm_is_sym(c->args[0]);
	}
	strbuf_addf(&sb, "%s%s/providers/%s", prefix, name ? name : "", path);
	arm_alts_add(c->t->f, out, built(c, &sb, sym));
	strbuf_release(&sb);
	return 0;
}

static int fn_subscription_resource_id(arm_call *c, arm_alts *out)
{
	return scoped_id(c, out, "/subscriptions/", c->t->fn.sub, 1);
}

static int fn_mg_resource_id(arm_call *c, arm_alts *out)
{
	return scoped_id(c, out, MG_PREFIX, c->t->fn.mg, 1);
}

static int fn_tenant_resource_id(arm_call *c, arm_alts *out)
{
	return scoped_id(c, out, "", "", 0);
}

static int fn_extension_resource_id(arm_call *c, arm_alts *out)
{
	const char *base = arm_arg_str(c, 0, 0), *path;
	strbuf sb = STRBUF_INIT;
	int sym = 0;

	if (!base || c->n < 3 || !(path = path_from(c, 1, &sym)))
		return PH();
	sym |= arm_is_sym(c->args[0]);
	strbuf_addstr(&sb, strcmp(base, "/") ? base : "");
	strbuf_addf(&sb, "/providers/%s", path);
	arm_alts_add(c->t->f, out, built(c, &sb, sym));
	strbuf_release(&sb);
	return 0;
}

/* --- the deployment context, reference() -------------------------------------------------- */

static void member(arm_call *c, doc_node *o, const char *key, const char *prefix, const char *v)
{
	strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s%s", prefix, v ? v : "");
	arm_push(c->t->f, o, key, built(c, &sb, 0));
	strbuf_release(&sb);
}

static doc_node *open_object(arm_call *c)
{
	return arm_container(c->t->f, DOC_OBJECT, c->at, 6);
}

static int done_open(arm_call *c, arm_alts *out, doc_node *o)
{
	o->offset = ARM_OFF_OPEN;
	arm_alts_add(c->t->f, out, o);
	return 0;
}

static int fn_subscription(arm_call *c, arm_alts *out)
{
	doc_node *o = open_object(c);

	member(c, o, "id", "/subscriptions/", c->t->fn.sub);
	member(c, o, "subscriptionId", "", c->t->fn.sub);
	member(c, o, "tenantId", "", "{tenant}");
	return done_open(c, out, o);
}

static int fn_resource_group(arm_call *c, arm_alts *out)
{
	doc_node *o = open_object(c);
	const char *rg = c->t->fn.rg ? c->t->fn.rg : "{resourceGroup}";
	strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "/subscriptions/%s/resourceGroups/%s", c->t->fn.sub, rg);
	arm_push(c->t->f, o, "id", built(c, &sb, 0));
	strbuf_release(&sb);
	member(c, o, "name", "", rg);
	member(c, o, "location", "", "{location}");
	member(c, o, "type", "", "Microsoft.Resources/resourceGroups");
	return done_open(c, out, o);
}

static int fn_management_group(arm_call *c, arm_alts *out)
{
	doc_node *o = open_object(c);

	member(c, o, "id", MG_PREFIX, c->t->fn.mg);
	member(c, o, "name", "", c->t->fn.mg);
	member(c, o, "type", "", "Microsoft.Management/managementGroups");
	return done_open(c, out, o);
}

static int fn_tenant(arm_call *c, arm_alts *out)
{
	doc_node *o = open_object(c);

	member(c, o, "tenantId", "", "{tenant}");
	return done_open(c, out, o);
}

static int fn_deployment(arm_call *c, arm_alts *out)
{
	doc_node *o = open_object(c);

	member(c, o, "name", "", "{deployment}");
	member(c, o, "location", "", "{location}");
	return done_open(c, out, o);
}

static int fn_environment(arm_call *c, arm_alts *out)
{
	static const char *const clouds[] = { "AzureCloud", "AzureChinaCloud", "AzureUSGovernment" };
	size_t i;

	for (i = 0; i < 3; i++) {
		doc_node *o = open_object(c);
		member(c, o, "name", "", clouds[i]);
		done_open(c, out, o);
	}
	return 0;
}

static int fn_reference(arm_call *c, arm_alts *out)
{
	const char *what = arm_arg_str(c, 0, 0), *id, *p;
	arm_res *r;
	doc_node *o, *ident, *props;
	const doc_node *pid;

	if (!what)
		return PH();
	r = arm_find_res(c->t->f, what);
	if (r && !strcasecmp(r->type, "Microsoft.Resources/deployments"))
		return PH();    /* a nested deployment's outputs: not evaluated */
	id = r ? r->id : what[0] == '/' ? what : NULL;
	if (!id)
		return PH();
	/* the identity's object id is only known once deployed: one placeholder per resource */
	p = arm_identity_key(c->t->f, id);
	pid = arm_symstr(c->t->f, c->at, p);
	o = open_object(c);
	ident = open_object(c);
	props = open_object(c);
	arm_push(c->t->f, ident, "principalId", pid);
	member(c, ident, "tenantId", "", "{tenant}");
	ident->offset = ARM_OFF_OPEN;
	arm_push(c->t->f, props, "principalId", pid);
	props->offset = ARM_OFF_OPEN;
	arm_push(c->t->f, o, "principalId", pid);
	member(c, o, "tenantId", "", "{tenant}");
	arm_push(c->t->f, o, "id", has_ph(id) ? arm_symstr(c->t->f, c->at, id) : arm_strz(c->t->f, c->at, id));
	arm_push(c->t->f, o, "identity", ident);
	arm_push(c->t->f, o, "properties", props);
	return done_open(c, out, o);
}

static const arm_fn_def table[] = {
	{ "deployment", fn_deployment, 0 },
	{ "environment", fn_environment, 0 },
	{ "extensionResourceId", fn_extension_resource_id, 0 },
	{ "managementGroup", fn_management_group, 0 },
	{ "managementGroupResourceId", fn_mg_resource_id, 0 },
	{ "reference", fn_reference, 0 },
	{ "resourceGroup", fn_resource_group, 0 },
	{ "resourceId", fn_resource_id, 0 },
	{ "subscription", fn_subscription, 0 },
	{ "subscriptionResourceId", fn_subscription_resource_id, 0 },
	{ "tenant", fn_tenant, 0 },
	{ "tenantResourceId", fn_tenant_resource_id, 0 },
	{ NULL, NULL, 0 }
};

const arm_fn_def *arm_fn_ids_find(const char *name)
{
	size_t i;

	for (i = 0; table[i].name; i++)
		if (!strcasecmp(table[i].name, name))
			return &table[i];
	return NULL;
}
