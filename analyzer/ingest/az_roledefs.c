/*
 * az_roledefs — the "azure-role-definitions" reader, its permission blocks
 * (shared with deny assignments) and the helpers the RBAC readers share.
 *
 * Shapes: `az role definition list` rows (roleName, roleType, permissions,
 * assignableScopes, name = GUID, id), REST rows with the same fields under
 * "properties" where the role type is "type" (the top-level "type" is
 * "Microsoft.Authorization/roleDefinitions"), and the bundled built-in list
 * whose rows have "name" = GUID and no "id".
 */
#include "ingest/az_rbac.h"
#include "base/suggest.h"
#include "eval/azure_id.h"

#include <string.h>
#include <strings.h>

/* --- shared helpers ------------------------------------------------------------ */

const doc_node *az_rbac_key(const doc_node *rec, const char *key)
{
	const doc_node *n = doc_get(rec, key), *props;

	if (!n && (props = doc_get(rec, "properties")) && props->type == DOC_OBJECT)
		n = doc_get(props, key);
	return n;
}

int az_rbac_type_is(const doc_node *rec, const char *type)
{
	const doc_node *t = doc_get(rec, "type");

	return t && t->type == DOC_STRING && !strcasecmp(t->str, type);
}

int az_rbac_bool(ingest_ctx *c, const doc_node *rec, const char *key, int dflt, int *err)
{
	const doc_node *n = az_field(rec, key);

	if (!n || n->type == DOC_NULL)
		return dflt;
	if (n->type == DOC_BOOL)
		return !strcmp(n->str, "true");
	az_type_error(c, n, err, "'%s' must be a boolean", key);
	return dflt;
}

/* The last occurrence of needle in s (ASCII case-insensitive), or NULL. */
static const char *rfind_ci(const char *s, const char *needle)
{
	const char *hit = NULL;
	size_t n = strlen(needle);

	for (; *s; s++)
		if (!strncasecmp(s, needle, n))
			hit = s;
	return hit;
}

const char *az_rbac_scope(ingest_ctx *c, const doc_node *rec, const char *marker, int *kind, int *err)
{
	const doc_node *at = az_field(rec, "scope");
	const char *s, *id, *cut, *how = "";
	azure_id parsed;
	int e = 0;

	*kind = AZ_SCOPE_INVALID;
	s = az_str(c, rec, "scope", &e);
	if (!s && !e) {
		/* no "scope" (REST GET of older API versions): the id says it */
		at = doc_get(rec, "id");
		id = az_top_str(c, rec, "id", &e);
		cut = id ? rfind_ci(id, marker) : NULL;
		if (!cut && !e) {
			diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col,
				       "missing 'scope' (and no 'id' ending in '%s…' to take it from)", marker);
			e = PG_EINPUT;
		}
		if (cut) {
			s = cut == id ? "/" : model_intern_n(c->m, id, (size_t)(cut - id));
			how = " (taken from 'id')";
		}
	}
	if (e) {
		*err = e;
		return NULL;
	}
	if (azure_id_parse(s, &parsed) < 0) {
		diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
			       "scope '%s'%s is not a valid Azure scope (/, a management group, subscription, "
			       "resource group or resource id)", s, how);
		*err = PG_EINPUT;
		return NULL;
	}
	*kind = (int)parsed.kind;
	return model_intern(c->m, s);
}

azp_kind az_rbac_principal_kind(const char *type)
{
	if (!type)
		return AZP_UNKNOWN;
	if (!strcasecmp(type, "User"))
		return AZP_USER;
	if (!strcasecmp(type, "Group"))
		return AZP_GROUP;
	/* managed identities are service principals too; az_resource's identities refine them */
	if (!strcasecmp(type, "ServicePrincipal"))
		return AZP_SERVICE_PRINCIPAL;
	if (!strcasecmp(type, "ForeignGroup"))
		return AZP_FOREIGN_GROUP;
	return AZP_UNKNOWN;
}

az_principal *az_rbac_principal(ingest_ctx *c, const char *id, const char *type, const doc_node *at)
{
	azm *a = model_azure(c->m);
	az_principal *p = azm_add_principal(a, id, az_rbac_principal_kind(type));

	if (!p->loc.file)
		p->loc = az_loc(c, at);
	if (type && !strcasecmp(type, "ForeignGroup"))
		azm_mark_external(a, p, "ForeignGroup (a group of another tenant)");
	return p;
}

int az_rbac_each(ingest_ctx *c, const doc_node *root, const char *plural, const char *one,
		 int (*read_one)(ingest_ctx *, const doc_node *))
{
	doc_node *const *items;
	const doc_node *single;
	size_t n, i;
	int err = 0;

	if (az_records(root, &items, &n, &single) < 0) {
		diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col,
			       "expected %s (an array, {\"value\": [...]} or one %s)", plural, one);
		return PG_EINPUT;
	}
	for (i = 0; i < n; i++)
		if (read_one(c, items[i]) < 0)
			err = PG_EINPUT;
	return err;
}

/* --- permission blocks ---------------------------------------------------------- */

static const char *const block_keys[] = { "actions", "notActions", "dataActions", "notDataActions",
					  "condition", "conditionVersion", NULL };

/* Unknown keys of a block are errors: a misspelt "notActions" would silently grant more. */
static int check_block_keys(ingest_ctx *c, const doc_node *b)
{
	size_t i, k;
	int err = 0;

	for (i = 0; i < b->len; i++) {
		const doc_node *key = b->keys[i];
		const char *hint;
		for (k = 0; block_keys[k] && strcasecmp(block_keys[k], key->str); k++)
			;
		if (block_keys[k])
			continue;
		hint = suggest_closest(key->str, block_keys, 3);
		if (hint)
			diag_list_addf(c->diags, DIAG_ERROR, key->file, key->line, key->col,
				       "unknown key '%s' in permission block (did you mean '%s'?)", key->str, hint);
		else
			diag_list_addf(c->diags, DIAG_ERROR, key->file, key->line, key->col,
				       "unknown key '%s' in permission block", key->str);
		err = PG_EINPUT;
	}
	return err;
}

static int read_block(ingest_ctx *c, const doc_node *b, az_perms *p)
{
	int err = check_block_keys(c, b);
	const char *condition_text;

	p->loc = az_loc(c, b);
	az_str_array(c, doc_get_ci(b, "actions"), "actions", &p->actions, &p->action_locs, &p->n_actions, &err);
	az_str_array(c, doc_get_ci(b, "notActions"), "notActions", &p->not_actions, &p->not_action_locs, &p->n_not_actions, &err);
	az_str_array(c, doc_get_ci(b, "dataActions"), "dataActions", &p->data_actions, &p->data_action_locs, &p->n_data_actions,
		     &err);
	az_str_array(c, doc_get_ci(b, "notDataActions"), "notDataActions", &p->not_data_actions, &p->not_data_action_locs,
		     &p->n_not_data_actions, &err);
	condition_text = az_str(c, b, "condition", &err);
	p->condition = condition_text ? model_intern(c->m, condition_text) : NULL;
	(void)az_str(c, b, "conditionVersion", &err);
	return err;
}

int az_rbac_read_perms(ingest_ctx *c, const doc_node *arr, const char *what, az_perms **out, size_t *n)
{
	az_perms *perms;
	size_t i, k = 0;
	int err = 0;

	*out = NULL;
	*n = 0;
	if (arr->type != DOC_ARRAY)
		return az_type_error(c, arr, NULL, "'permissions' must be a list");
	perms = ARENA_ARRAY(model_arena(c->m), az_perms, arr->len ? arr->len : 1);
	for (i = 0; i < arr->len; i++) {
		const doc_node *b = arr->items[i];
		if (b->type != DOC_OBJECT) {
			az_type_error(c, b, &err, "each permission block of a %s must be an object", what);
			continue;
		}
		if (read_block(c, b, &perms[k++]) < 0)
			err = PG_EINPUT;
	}
	*out = perms;
	*n = k;
	return err;
}

/* --- role definitions ------------------------------------------------------------ */

/* roleType: flattened rows say "roleType"; REST puts it in properties.type. */
static const char *role_type(ingest_ctx *c, const doc_node *rec, int *err)
{
	const doc_node *props = doc_get(rec, "properties"), *n = doc_get_ci(rec, "roleType");

	if (!n && props && props->type == DOC_OBJECT)
		n = doc_get(props, "type") ? doc_get(props, "type") : doc_get_ci(props, "roleType");
	return az_node_str(c, n, "roleType", err);
}

/* An assignable scope Azure would refuse is an error: validate lints custom roles with it. */
static void check_scopes(ingest_ctx *c, const doc_node *arr, int *err)
{
	azure_id parsed;
	size_t i;

	for (i = 0; arr && arr->type == DOC_ARRAY && i < arr->len; i++) {
		const doc_node *e = arr->items[i];
		if (e->type == DOC_STRING && azure_id_parse(e->str, &parsed) < 0) {
			diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col,
				       "assignable scope '%s' is not a valid Azure scope", e->str);
			*err = PG_EINPUT;
		}
	}
}

static int present(const doc_node *n)
{
	return n && n->type != DOC_NULL;
}

int az_read_role(ingest_ctx *c, const doc_node *rec, az_role **out)
{
	const doc_node *perms, *scopes;
	const char *name, *id, *role_name, *type, *guid;
	az_role tmp, *r;
	int err = 0, key_err = 0, is_new;

	*out = NULL;
	if (rec->type != DOC_OBJECT)
		return az_type_error(c, rec, NULL, "a role definition must be an object");
	memset(&tmp, 0, sizeof(tmp));
	name = az_top_str(c, rec, "name", &key_err);
	id = az_top_str(c, rec, "id", &key_err);
	role_name = az_str(c, rec, "roleName", &err);
	type = role_type(c, rec, &err);
	(void)az_str(c, rec, "description", &err);
	if (!key_err && !(name && *name) && !(id && *id)) {
		diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col,
			       "role definition has no 'name' or 'id' (its GUID)");
		key_err = PG_EINPUT;
	}
	err = err ? err : key_err;
	if (!present(az_field(rec, "roleName"))) {
		diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col, "role definition has no 'roleName'");
		err = PG_EINPUT;
	}
	perms = az_field(rec, "permissions");
	if (!present(perms)) {
		diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col,
			       "role definition '%s' has no 'permissions'", role_name ? role_name : "?");
		err = PG_EINPUT;
	} else if (az_rbac_read_perms(c, perms, "role definition", &tmp.perms, &tmp.n_perms) < 0) {
		err = PG_EINPUT;
	}
	scopes = az_field(rec, "assignableScopes");
	az_str_array(c, scopes, "assignableScopes", &tmp.assignable_scopes, &tmp.assignable_locs, &tmp.n_assignable,
		     &err);
	check_scopes(c, scopes, &err);
	if (err)
		return PG_EINPUT;

	r = azm_add_role(model_azure(c->m), name && *name ? name : id, &is_new);
	/* a second export of the same role (or a built-in in two lists) keeps the first */
	if (is_new) {
		guid = r->guid;
		*r = tmp;
		r->guid = guid;
		r->id = id ? model_intern(c->m, id) : NULL;
		r->name = model_intern(c->m, role_name);
		r->builtin = type && !strcasecmp(type, "BuiltInRole");
		r->loc = az_loc(c, rec);
	}
	*out = r;
	return 0;
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *rec = az_detect_record(root);

	(void)path;
	return rec && (az_rbac_type_is(rec, "Microsoft.Authorization/roleDefinitions") ||
		       (az_rbac_key(rec, "roleName") && az_rbac_key(rec, "permissions")));
}

static int read_role(ingest_ctx *c, const doc_node *rec)
{
	az_role *r;

	return az_read_role(c, rec, &r);
}

static int read_roles(ingest_ctx *c, const doc_node *root)
{
	return az_rbac_each(c, root, "role definitions", "role definition", read_role);
}

const ingest_format ingest_az_roledefs_format = {
	"azure-role-definitions",
	"Azure role definitions: az role definition list, REST roleDefinitions (list, GET, spec examples)",
	detect, read_roles
};
