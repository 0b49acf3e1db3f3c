/*
 * tf_plan_az — azurerm (and azuread) resources of a Terraform plan:
 *
 *   azurerm_role_definition   role_definition_id (the GUID, or "<ADDRESS>"),
 *                             name, permissions blocks, assignable_scopes
 *   azurerm_role_assignment   scope, role_definition_id or role_definition_name
 *                             (the plan's roles, then Azure's built-in roles),
 *                             principal_id, principal_type, condition,
 *                             condition_version
 *   scopes and resources      azurerm_resource_group, azurerm_storage_account,
 *                             azurerm_storage_container, azurerm_key_vault,
 *                             azurerm_user_assigned_identity (also its
 *                             principal), azurerm_management_group,
 *                             azurerm_subscription: their ids (from `id`, or
 *                             built from names), tags
 *   principals                azuread_user, azuread_group,
 *                             azuread_service_principal (object_id or "<ADDRESS>")
 *
 * A subscription nothing in the plan names is "<unknown-subscription>". A
 * scope known only after apply is the id of the resource its references
 * name; when they name nothing of the plan it widens to the subscription
 * (a warning says so): an assignment at a wider scope grants more, never
 * less. A principal known only after apply is the identity or directory
 * object its references name, else "<REFERENCE>" (the reference it comes
 * from), so assignments to one unknown principal stay together.
 */
#include "ingest/tf_plan_internal.h"
#include "ingest/az_common.h"
#include "ingest/az_rbac.h"
#include "ingest/az_resources.h"
#include "catalog/az_catalog.h"
#include "eval/azure_id.h"
#include "base/strbuf.h"

#include <string.h>
#include <strings.h>

static void sub_id(tf_plan *p, strbuf *sb)
{
	strbuf_addf(sb, "/subscriptions/%s", p->subscription ? p->subscription : "<unknown-subscription>");
}

/* The resource group id named by r's resource_group_name (known, or through its references). */
static void rg_id(tf_plan *p, tf_res *r, strbuf *sb)
{
	static const char *const T_RG[] = { "azurerm_resource_group", NULL };
	tf_targets t;

	tf_collect(p, r, "resource_group_name", T_RG, &t);
	if (t.n_res && t.res[0]->id) {
		strbuf_addstr(sb, t.res[0]->id);
		return;
	}
	sub_id(p, sb);
	strbuf_addf(sb, "/resourceGroups/%s", t.n_known ? t.known[0] : tf_placeholder(p, r));
}

static const struct az_kind {
	const char *type, *provider;    /* provider NULL: built specially */
} kinds[] = {
	{ "azurerm_resource_group", NULL },
	{ "azurerm_subscription", NULL },
	{ "azurerm_management_group", NULL },
	{ "azurerm_storage_container", NULL },
	{ "azurerm_storage_account", "Microsoft.Storage/storageAccounts" },
	{ "azurerm_key_vault", "Microsoft.KeyVault/vaults" },
	{ "azurerm_user_assigned_identity", "Microsoft.ManagedIdentity/userAssignedIdentities" },
};

static const struct az_kind *kind_of(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].type, type))
			return &kinds[i];
	return NULL;
}

static void container_id(tf_plan *p, tf_res *r, const char *name, strbuf *sb)
{
	static const char *const T_SA[] = { "azurerm_storage_account", NULL };
	tf_targets t;

	tf_collect(p, r, "storage_account_id", T_SA, &t);
	if (!t.n_res && !t.n_known)
		tf_collect(p, r, "storage_account_name", T_SA, &t);
	if (t.n_res && t.res[0]->id)
		strbuf_addstr(sb, t.res[0]->id);
	else if (t.n_known && t.known[0][0] == '/')
		strbuf_addstr(sb, t.known[0]);
	else {
		sub_id(p, sb);
		strbuf_addf(sb, "/resourceGroups/<unknown-resource-group>/providers/Microsoft.Storage/storageAccounts/%s",
			    t.n_known ? t.known[0] : "<unknown-storage-account>");
	}
	strbuf_addf(sb, "/blobServices/default/containers/%s", name);
}

int tf_az_identify(tf_plan *p, tf_res *r)
{
	const struct az_kind *k = kind_of(r->type);
	const char *name = tf_str(p, r, "name"), *id = tf_str(p, r, "id");
	strbuf sb = STRBUF_INIT;
	const char *t = r->type;

	if (!strncmp(t, "azuread_", 8) || (r->data && !strcmp(t, "azurerm_client_config"))) {
		const char *oid = tf_str(p, r, "object_id");
		r->name = oid ? model_intern(p->c->m, oid) : tf_placeholder(p, r);
		r->id = r->name;
		return 1;
	}
	if (!strcmp(t, "azurerm_role_definition")) {
		const char *guid = tf_str(p, r, "role_definition_id");
		r->name = name ? model_intern(p->c->m, name) : NULL;
		r->id = guid ? model_intern(p->c->m, guid) : tf_placeholder(p, r);
		return 1;
	}
	if (strncmp(t, "azurerm_", 8))
		return 0;
	r->name = name ? model_intern(p->c->m, name) : tf_placeholder(p, r);
	if (!strcmp(t, "azurerm_storage_container"))
		id = tf_str(p, r, "resource_manager_id");       /* its `id` is the container's URL */
	if (id && *id == '/') {
		r->id = model_intern(p->c->m, id);
	} else if (!strcmp(t, "azurerm_subscription")) {
		const char *s = tf_str(p, r, "subscription_id");
		strbuf_addf(&sb, "/subscriptions/%s", s ? s : r->name);
	} else if (!strcmp(t, "azurerm_management_group")) {
		strbuf_addf(&sb, "/providers/Microsoft.Management/managementGroups/%s", r->name);
	} else if (!strcmp(t, "azurerm_resource_group")) {
		sub_id(p, &sb);
		strbuf_addf(&sb, "/resourceGroups/%s", r->name);
	} else if (!strcmp(t, "azurerm_storage_container")) {
		container_id(p, r, r->name, &sb);
	} else if (k && k->provider) {
		rg_id(p, r, &sb);
		strbuf_addf(&sb, "/providers/%s/%s", k->provider, r->name);
	}
	if (sb.len)
		r->id = model_intern(p->c->m, sb.buf);
	strbuf_release(&sb);
	return 1;
}

/* --- define ------------------------------------------------------------------------- */

static azp_kind principal_kind_of(const char *type)
{
	if (!strcmp(type, "azuread_user"))
		return AZP_USER;
	if (!strcmp(type, "azuread_group"))
		return AZP_GROUP;
	if (!strcmp(type, "azuread_service_principal"))
		return AZP_SERVICE_PRINCIPAL;
	if (!strcmp(type, "azurerm_user_assigned_identity"))
		return AZP_MANAGED_IDENTITY;
	return AZP_UNKNOWN;
}

static az_principal *add_azp(tf_plan *p, tf_res *r, const char *id, azp_kind kind, const char *name)
{
	az_principal *ap = azm_add_principal(model_azure(p->c->m), id, kind);

	if (!ap->loc.file)
		ap->loc = tf_loc(p, r);
	if (!ap->name && name)
		ap->name = model_intern(p->c->m, name);
	return ap;
}

static void define_role(tf_plan *p, tf_res *r)
{
	const doc_node *perms = tf_list(p, r, "permissions"), *scopes = tf_val(r, "assignable_scopes");
	az_role tmp, *role;
	size_t i, k = 0;
	int err = 0, is_new;

	memset(&tmp, 0, sizeof(tmp));
	tmp.perms = ARENA_ARRAY(model_arena(p->c->m), az_perms, perms && perms->len ? perms->len : 1);
	for (i = 0; perms && i < perms->len; i++) {
		const doc_node *b = perms->items[i];
		az_perms *pm = &tmp.perms[k];
		if (b->type != DOC_OBJECT) {
			tf_diag(p, DIAG_ERROR, r, b, "each 'permissions' block must be an object, not %s",
				doc_type_phrase(b->type));
			continue;
		}
		pm->loc = az_loc(p->c, b);
		az_str_array(p->c, doc_get(b, "actions"), "actions", &pm->actions, &pm->action_locs, &pm->n_actions, &err);
		az_str_array(p->c, doc_get(b, "not_actions"), "not_actions", &pm->not_actions, &pm->not_action_locs,
			     &pm->n_not_actions, &err);
		az_str_array(p->c, doc_get(b, "data_actions"), "data_actions", &pm->data_actions, &pm->data_action_locs,
			     &pm->n_data_actions, &err);
		az_str_array(p->c, doc_get(b, "not_data_actions"), "not_data_actions", &pm->not_data_actions,
			     &pm->not_data_action_locs, &pm->n_not_data_actions, &err);
		k++;
	}
	tmp.n_perms = k;
	if (scopes && scopes->type == DOC_ARRAY)
		az_str_array(p->c, scopes, "assignable_scopes", &tmp.assignable_scopes, &tmp.assignable_locs,
			     &tmp.n_assignable, &err);
	if (err)
		p->err = PG_EINPUT;
	if (!perms)
		tf_diag(p, DIAG_WARNING, r, NULL, "the role's permissions are known only after apply: it grants "
			"nothing here");
	role = azm_add_role(model_azure(p->c->m), r->id, &is_new);
	if (is_new) {
		const char *guid = role->guid;
		*role = tmp;
		role->guid = guid;
		role->name = r->name ? r->name : r->id;
		role->loc = tf_loc(p, r);
	}
	r->role = role;
}

void tf_az_define(tf_plan *p, tf_res *r)
{
	azp_kind kind = principal_kind_of(r->type);
	az_resource *res;

	if (!r->id)
		return;
	if (!strcmp(r->type, "azurerm_role_definition")) {
		define_role(p, r);
		return;
	}
	if (!strncmp(r->type, "azuread_", 8)) {
		const char *dn = tf_str(p, r, "display_name");
		r->azp = add_azp(p, r, r->id, kind, dn ? dn : tf_str(p, r, "user_principal_name"));
		return;
	}
	res = r->id[0] == '/' ? az_resources_add_by_id(p->c, r->id) : NULL;
	if (!res)
		return;         /* a scope (subscription, resource group, management group), not a resource */
	if (!res->loc.file)
		res->loc = tf_loc(p, r);
	if (tf_tags(p, r, &res->tags, &res->n_tags))
		res->tags_known = 1;
	if (kind == AZP_MANAGED_IDENTITY) {
		const char *pid = tf_str(p, r, "principal_id");
		r->azp = add_azp(p, r, pid ? pid : tf_placeholder(p, r), kind, r->name);
		/* controlling the identity's resource is controlling the identity */
		azm_link_identity(model_azure(p->c->m), res, r->azp);
	}
}

/* --- role assignments ------------------------------------------------------------------ */

static const char *assignment_scope(tf_plan *p, tf_res *r)
{
	const char *s = tf_str(p, r, "scope");
	tf_res *t[1];
	strbuf sb = STRBUF_INIT;
	azure_id parsed;

	if (s) {
		if (azure_id_parse(s, &parsed) == 0)
			return model_intern(p->c->m, s);
		tf_diag(p, DIAG_ERROR, r, tf_val(r, "scope"), "scope '%s' is not a valid Azure scope (/, a management "
			"group, subscription, resource group or resource id)", s);
		return NULL;
	}
	if (tf_refs(p, r, tf_expr(r, "scope"), NULL, t, 1) && t[0]->id && t[0]->id[0] == '/')
		return t[0]->id;
	sub_id(p, &sb);
	s = model_intern(p->c->m, sb.buf);
	strbuf_release(&sb);
	tf_diag(p, DIAG_WARNING, r, NULL, "the scope is known only after apply and names nothing of the plan: the "
		"assignment is placed at subscription '%s' (wider, so no access is missed)", s);
	return s;
}

/* The last segment of a role definition id ("/…/roleDefinitions/GUID" or "GUID"). */
static const char *guid_part(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash && slash[1] ? slash + 1 : s;
}

/* The role's GUID (or placeholder) key; a warning says when it is unknown. *name: the role's name when written. */
static const char *assignment_role(tf_plan *p, tf_res *r, const char **name)
{
	static const char *const T_RD[] = { "azurerm_role_definition", NULL };
	const char *rdid = tf_str(p, r, "role_definition_id"), *rdname = tf_str(p, r, "role_definition_name");
	tf_res *t[1];

	*name = rdname;
	if (rdid)
		return guid_part(rdid);
	if (rdname && (t[0] = tf_find(p, T_RD, rdname)) != NULL)
		return guid_part(t[0]->id);
	if (rdname && az_catalog_builtin_guid(rdname))
		return az_catalog_builtin_guid(rdname);
	if (tf_refs(p, r, tf_expr(r, "role_definition_id"), T_RD, t, 1) ||
	    tf_refs(p, r, tf_expr(r, "role_definition_name"), T_RD, t, 1))
		return guid_part(t[0]->id);
	if (rdname)
		return tf_placeholder(p, r);    /* neither the plan's nor built-in: azm_finalize says so */
	tf_diag(p, DIAG_WARNING, r, NULL, "the role is known only after apply and names no role of the plan: "
		"the assignment is treated as granting every operation (conditional)");
	return tf_placeholder(p, r);
}

static az_principal *assignment_principal(tf_plan *p, tf_res *r)
{
	static const char *const T_P[] = { "azuread_user", "azuread_group", "azuread_service_principal",
					   "azurerm_user_assigned_identity", "azurerm_client_config", NULL };
	const char *pid = tf_str(p, r, "principal_id"), *ptype = tf_str(p, r, "principal_type");
	const doc_node *ex = tf_expr(r, "principal_id"), *refs = ex ? doc_get(ex, "references") : NULL;
	tf_res *t[1];
	strbuf sb = STRBUF_INIT;
	az_principal *ap;

	if (pid)
		return az_rbac_principal(p->c, pid, ptype, r->node);
	if (tf_refs(p, r, ex, T_P, t, 1) && (t[0]->azp || t[0]->id))
		return t[0]->azp ? t[0]->azp : add_azp(p, t[0], t[0]->id, principal_kind_of(t[0]->type), NULL);
	if (refs && refs->type == DOC_ARRAY && refs->len && refs->items[0]->type == DOC_STRING)
		strbuf_addf(&sb, "<%s>", refs->items[0]->str);
	else
		strbuf_addf(&sb, "<%s.principal_id>", r->address);
	ap = add_azp(p, r, sb.buf, strstr(sb.buf, ".identity") ? AZP_MANAGED_IDENTITY : az_rbac_principal_kind(ptype),
		     NULL);
	strbuf_release(&sb);
	return ap;
}

void tf_az_link(tf_plan *p, tf_res *r)
{
	azm *a;
	az_assignment *x;
	const char *scope, *role, *role_name, *cond_text, *cver, *name;
	az_principal *ap;

	if (strcmp(r->type, "azurerm_role_assignment"))
		return;
	a = model_azure(p->c->m);
	scope = assignment_scope(p, r);
	if (!scope)
		return;
	role = assignment_role(p, r, &role_name);
	ap = assignment_principal(p, r);
	cond_text = tf_str(p, r, "condition");
	cver = tf_str(p, r, "condition_version");
	name = tf_sval(r, "name");
	x = azm_add_assignment(a, AZA_ROLE);
	x->id = name ? model_intern(p->c->m, name) : r->address;
	x->scope = azm_key(a, scope);
	x->scope_written = scope;
	x->principal = ap;
	x->role_guid = azm_key(a, role);
	x->role_name = role_name ? model_intern(p->c->m, role_name) : NULL;
	x->condition = cond_text && *cond_text ? model_intern(p->c->m, cond_text) : NULL;
	x->condition_version = cver ? model_intern(p->c->m, cver) : NULL;
	x->loc = tf_loc(p, r);
	if (!cond_text && tf_expr(r, "condition") && doc_get(tf_expr(r, "condition"), "references"))
		tf_diag(p, DIAG_WARNING, r, NULL, "the ABAC condition is known only after apply: the assignment is "
			"read without it (it grants more)");
}
