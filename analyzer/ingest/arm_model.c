/*
 * arm_model — what a template declares, into the Azure model: resources with
 * their tags and managed identities, role definitions, role assignments.
 *
 * Every object is placed at the resource object in the template (principals
 * that only an assignment names: at its principalId), so findings and SARIF
 * point at the lines a pull request changes.
 */
#include "ingest/arm_internal.h"
#include "ingest/az_rbac.h"
#include "ingest/az_resources.h"
#include "base/strci.h"
#include "eval/azure_id.h"

#include <string.h>
#include <strings.h>

#define RD_MARKER "/roleDefinitions/"
#define UAI_TYPE "Microsoft.ManagedIdentity/userAssignedIdentities"

const char *arm_identity_key(arm_file *f, const char *id)
{
	strbuf sb = STRBUF_INIT;
	char *r;

	strbuf_addf(&sb, "{identity:%s}", id);
	r = arena_strndup(&f->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

arm_res *arm_find_res(arm_file *f, const char *what)
{
	strbuf type = STRBUF_INIT, name = STRBUF_INIT;
	arm_res *hit = NULL;
	size_t i;
	int by_id = what[0] == '/' && azure_id_resource_type(what, &type) == 0 &&
		    azure_id_resource_name(what, &name) == 0;

	for (i = 0; i < f->n_res && !hit; i++) {
		arm_res *r = f->res[i];
		if (by_id ? !strcasecmp(r->type, type.buf) && !strcasecmp(r->name, name.buf)
			  : !strcasecmp(r->name, what) || (r->symbol && !strcmp(r->symbol, what)))
			hit = r;
	}
	strbuf_release(&type);
	strbuf_release(&name);
	return hit;
}

void arm_use_loops(arm_res *r)
{
	memcpy(r->tpl->loops, r->loops, sizeof(r->loops));
	r->tpl->n_loops = r->n_loops;
}

static const char *last_segment(const char *s)
{
	const char *p = strrchr(s, '/');

	return p ? p + 1 : s;
}

/* The managed identity whose placeholder object id is key (created when new). */
static az_principal *identity(arm_file *f, const char *id, const char *name, const doc_node *at)
{
	azm *a = model_azure(f->ic->m);
	az_principal *p = azm_add_principal(a, arm_identity_key(f, id), AZP_MANAGED_IDENTITY);

	if (!p->name)
		p->name = model_intern(f->ic->m, name);
	if (!p->loc.file)
		p->loc = az_loc(f->ic, at);
	return p;
}

static void read_tags(arm_file *f, arm_res *r, az_resource *m)
{
	const doc_node *tn = doc_get(r->node, "tags");
	arm_alts a;
	size_t i;

	m->tags = NULL;
	m->n_tags = 0;
	m->tags_known = 1;      /* a template that gives no tags deploys none */
	if (!tn)
		return;
	arm_eval_deep(r->tpl, tn, &a);
	if (!a.n || a.v[0]->type != DOC_OBJECT) {
		if (a.n && !arm_is_sym(a.v[0]))
			az_type_error(f->ic, tn, &f->err, "'tags' must be an object of tag names to values");
		m->tags_known = 0;      /* tags from a parameter not given: not known */
		return;
	}
	for (i = 0; i < a.v[0]->len; i++) {
		const doc_node *v = a.v[0]->items[i];
		if (v->type == DOC_ARRAY || v->type == DOC_OBJECT)
			continue;
		model_add_tag(f->ic->m, &m->tags, &m->n_tags, a.v[0]->keys[i]->str, v->type == DOC_NULL ? "" : v->str);
	}
}

static void read_identities(arm_file *f, arm_res *r, az_resource *m)
{
	const doc_node *idn = doc_get(r->node, "identity"), *map;
	azm *a = model_azure(f->ic->m);
	arm_alts ia;
	size_t i, k;

	if (!strcasecmp(r->type, UAI_TYPE))
		azm_link_identity(a, m, identity(f, r->id, last_segment(r->name), r->node));
	if (!idn)
		return;
	if (r->system_identity)
		azm_link_identity(a, m, identity(f, r->id, last_segment(r->name), idn));
	arm_eval_deep(r->tpl, idn, &ia);
	for (k = 0; k < ia.n; k++) {
		map = arm_member(ia.v[k], "userAssignedIdentities");
		for (i = 0; map && map->type == DOC_OBJECT && i < map->len; i++) {
			const char *uid = map->keys[i]->str;
			arm_res *decl = arm_find_res(f, uid);
			az_resource *u;
			if (decl)
				uid = decl->id;
			if (!decl && strchr(uid, '{') && !az_resources_add_by_id(f->ic, uid)) {
				/* an identity only the deployment names: the host runs as whoever it is */
				azm_link_identity(a, m, identity(f, uid, uid, map->keys[i]));
				continue;
			}
			if (!(u = az_resources_add_by_id(f->ic, uid))) {
				diag_list_addf(f->ic->diags, DIAG_ERROR, map->keys[i]->file, map->keys[i]->line,
					       map->keys[i]->col, "malformed user-assigned identity resource id '%s'", uid);
				f->err = PG_EINPUT;
				continue;
			}
			if (!u->type)
				u->type = model_intern(f->ic->m, UAI_TYPE);
			azm_link_identity(a, m, identity(f, uid, u->name, map->keys[i]));
			azm_link_identity(a, u, identity(f, uid, u->name, map->keys[i]));
		}
	}
}

/* Types that are no resource of their own in the model (RBAC objects, deployments, containers of scopes). */
static int not_a_resource(const char *type)
{
	return !strcasecmp(type, "Microsoft.Authorization/roleAssignments") ||
	       !strcasecmp(type, "Microsoft.Authorization/roleDefinitions") ||
	       !strncasecmp(type, "Microsoft.Resources/", 20) || !strncasecmp(type, "Microsoft.Management/", 21) ||
	       !strncasecmp(type, "Microsoft.Subscription/", 23);
}

int arm_model_resources(arm_file *f)
{
	size_t i;

	for (i = 0; i < f->n_res; i++) {
		arm_res *r = f->res[i];
		az_resource *m;
		if (r->existing || (not_a_resource(r->type) && strcasecmp(r->type, "Microsoft.Resources/deploymentScripts")))
			continue;
		if (!(m = az_resources_add_by_id(f->ic, r->id)))
			continue;       /* not a resource id (a tenant-level oddity): nothing to hold */
		arm_use_loops(r);
		r->mres = m;
		m->loc = az_loc(f->ic, r->node);
		m->type = model_intern(f->ic->m, r->type);
		read_tags(f, r, m);
		read_identities(f, r, m);
	}
	return f->err;
}

/* --- role assignments ------------------------------------------------------------------------- */

static const char *role_guid(arm_file *f, const doc_node *v)
{
	const char *g = NULL, *s;

	for (s = v->str; *s; s++)
		if (!strncasecmp(s, RD_MARKER, strlen(RD_MARKER)))
			g = s + strlen(RD_MARKER);
	if (!g && !strchr(v->str, '/'))
		g = v->str;
	if (!g || !*g || strchr(g, '/')) {
		diag_list_addf(f->ic->diags, DIAG_ERROR, v->file, v->line, v->col,
			       "'roleDefinitionId' '%s' names no role definition (expected "
			       "…/providers/Microsoft.Authorization/roleDefinitions/GUID)", v->str);
		f->err = PG_EINPUT;
		return NULL;
	}
	return g;
}

static az_principal *principal_of(arm_file *f, const doc_node *v, const char *ptype, size_t n_alts)
{
	az_principal *p;

	if (v->type != DOC_STRING) {
		if (!arm_is_sym(v)) {
			az_type_error(f->ic, v, &f->err, "'principalId' must be a string");
			return NULL;
		}
	} else if (!arm_is_sym(v) && !az_is_guid(v->str)) {
		/* Azure refuses it: no access through it. One alternative among others is no error */
		if (n_alts > 1)
			return NULL;
		diag_list_addf(f->ic->diags, DIAG_ERROR, v->file, v->line, v->col,
			       "'principalId' must be an object id (a GUID), not '%s'", v->str);
		f->err = PG_EINPUT;
		return NULL;
	}
	if (arm_is_sym(v) && !strncmp(v->str, "{identity:", 10))
		return azm_add_principal(model_azure(f->ic->m), v->str, AZP_MANAGED_IDENTITY);
	p = az_rbac_principal(f->ic, v->str, ptype, v);
	/* not known before deployment: a placeholder principal standing for whoever it will be */
	if (arm_is_sym(v) && !p->name)
		p->name = model_intern(f->ic->m, v->str);
	return p;
}

static const char *field_str(arm_res *r, const doc_node *props, const char *key)
{
	const doc_node *n = doc_get(props, key);
	arm_alts a;

	if (!n)
		return NULL;
	arm_eval_deep(r->tpl, n, &a);
	return a.n && a.v[0]->type == DOC_STRING ? a.v[0]->str : NULL;
}

static void role_assignment(arm_file *f, arm_res *r)
{
	const doc_node *props = doc_get(r->node, "properties"), *pn, *rn;
	azm *a = model_azure(f->ic->m);
	const char *ptype, *cond_text, *cver, *scope = *r->scope ? r->scope : "/";
	arm_alts pids, rids;
	az_principal *who[ARM_MAX_ALTS];
	strbuf id = STRBUF_INIT;
	size_t i, j;

	if (!props || props->type != DOC_OBJECT) {
		diag_list_addf(f->ic->diags, DIAG_ERROR, r->node->file, r->node->line, r->node->col,
			       "role assignment '%s' has no 'properties' object", r->name);
		f->err = PG_EINPUT;
		return;
	}
	pn = doc_get(props, "principalId");
	rn = doc_get(props, "roleDefinitionId");
	if (!pn || !rn) {
		diag_list_addf(f->ic->diags, DIAG_ERROR, props->file, props->line, props->col,
			       "role assignment has no '%s'", pn ? "roleDefinitionId" : "principalId");
		f->err = PG_EINPUT;
		return;
	}
	ptype = field_str(r, props, "principalType");
	cond_text = field_str(r, props, "condition");
	cver = field_str(r, props, "conditionVersion");
	arm_eval_deep(r->tpl, pn, &pids);
	arm_eval_deep(r->tpl, rn, &rids);
	for (i = 0; i < pids.n; i++)
		who[i] = principal_of(f, pids.v[i], ptype, pids.n);
	strbuf_addf(&id, "%s/providers/Microsoft.Authorization/roleAssignments/%s", strcmp(scope, "/") ? scope : "",
		    r->name);
	for (j = 0; j < rids.n; j++) {
		const char *guid;
		if (rids.v[j]->type != DOC_STRING) {
			az_type_error(f->ic, rids.v[j], &f->err, "'roleDefinitionId' must be a string");
			continue;
		}
		if (!(guid = role_guid(f, rids.v[j])))
			continue;
		/* one assignment per alternative: each may be what the deployment makes */
		for (i = 0; i < pids.n; i++) {
			az_assignment *x;
			if (!who[i])
				continue;
			x = azm_add_assignment(a, AZA_ROLE);
			x->id = model_intern(f->ic->m, id.buf);
			x->scope = azm_key(a, scope);
			x->scope_written = model_intern(f->ic->m, scope);
			x->principal = who[i];
			x->role_guid = azm_key(a, guid);
			x->condition = cond_text ? model_intern(f->ic->m, cond_text) : NULL;
			x->condition_version = cver ? model_intern(f->ic->m, cver) : NULL;
			x->loc = az_loc(f->ic, r->node);
		}
	}
	strbuf_release(&id);
}

int arm_model_rbac(arm_file *f)
{
	size_t i;

	for (i = 0; i < f->n_res; i++) {
		arm_res *r = f->res[i];
		if (r->existing)
			continue;
		arm_use_loops(r);
		if (!strcasecmp(r->type, "Microsoft.Authorization/roleDefinitions"))
			arm_role_definition(f, r);
		else if (!strcasecmp(r->type, "Microsoft.Authorization/roleAssignments"))
			role_assignment(f, r);
	}
	return f->err;
}
