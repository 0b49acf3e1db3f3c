/*
 * az_deny — the "azure-deny-assignments" reader.
 *
 * Azure creates deny assignments itself (managed applications, deployment
 * stacks, Blueprints); az has no command for them but `az rest`, so the REST
 * shapes are the format: records with properties denyAssignmentName,
 * description, permissions (blocks as in role definitions), scope,
 * doNotApplyToChildScopes, principals and excludePrincipals ([{id, type}];
 * type "SystemDefined" with the zero GUID is everyone), isSystemProtected,
 * condition. A deny assignment whose denyAssignmentEffect is "audit" only logs
 * and blocks nothing, so it is not added.
 */
#include "ingest/az_rbac.h"

#include <string.h>
#include <strings.h>

#define DA_MARKER "/providers/Microsoft.Authorization/denyAssignments/"

/*
 * The principals of a "principals" or "excludePrincipals" array. With
 * create = 0 only checks (so a bad record leaves the model unchanged); with
 * create = 1 adds them to the model (after a successful check).
 */
static int read_principals(ingest_ctx *c, const doc_node *arr, const char *what, int create,
			   az_principal ***out, size_t *n)
{
	az_principal **list = NULL;
	size_t i, k = 0;
	int err = 0;

	*out = NULL;
	*n = 0;
	if (!arr || arr->type == DOC_NULL)
		return 0;
	if (arr->type != DOC_ARRAY)
		return az_type_error(c, arr, NULL, "'%s' must be a list", what);
	if (create)
		list = ARENA_ARRAY(model_arena(c->m), az_principal *, arr->len ? arr->len : 1);
	for (i = 0; i < arr->len; i++) {
		const doc_node *e = arr->items[i];
		const char *id, *type;
		int e_err = 0;
		if (e->type != DOC_OBJECT) {
			az_type_error(c, e, &err, "each entry of '%s' must be an object ({\"id\", \"type\"})", what);
			continue;
		}
		id = az_top_str(c, e, "id", &e_err);
		type = az_top_str(c, e, "type", &e_err);
		if (!e_err && (!id || !*id)) {
			diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col, "entry of '%s' has no 'id'", what);
			e_err = PG_EINPUT;
		}
		if (e_err) {
			err = e_err;
			continue;
		}
		/* azm_add_principal makes the zero GUID (SystemDefined) everyone */
		if (create)
			list[k++] = az_rbac_principal(c, id, type, e);
	}
	*out = list;
	*n = k;
	return err;
}

static int read_deny(ingest_ctx *c, const doc_node *rec)
{
	azm *a = model_azure(c->m);
	const doc_node *perms_n, *princ_n, *excl_n;
	const char *id, *name, *scope, *condition_text, *effect;
	az_perms *perms = NULL;
	az_principal **list;
	size_t n_perms = 0, n;
	az_deny *d;
	int err = 0, kind, no_children;

	if (rec->type != DOC_OBJECT)
		return az_type_error(c, rec, NULL, "a deny assignment must be an object");
	id = az_top_str(c, rec, "id", &err);
	name = az_str(c, rec, "denyAssignmentName", &err);
	(void)az_str(c, rec, "description", &err);
	effect = az_str(c, rec, "denyAssignmentEffect", &err);
	condition_text = az_str(c, rec, "condition", &err);
	(void)az_str(c, rec, "conditionVersion", &err);
	no_children = az_rbac_bool(c, rec, "doNotApplyToChildScopes", 0, &err);
	(void)az_rbac_bool(c, rec, "isSystemProtected", 0, &err);
	scope = az_rbac_scope(c, rec, DA_MARKER, &kind, &err);
	perms_n = az_field(rec, "permissions");
	if (!perms_n || perms_n->type == DOC_NULL) {
		diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col, "deny assignment has no 'permissions'");
		err = PG_EINPUT;
	} else if (az_rbac_read_perms(c, perms_n, "deny assignment", &perms, &n_perms) < 0) {
		err = PG_EINPUT;
	}
	princ_n = az_field(rec, "principals");
	excl_n = az_field(rec, "excludePrincipals");
	if (!princ_n || princ_n->type == DOC_NULL) {
		diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col, "deny assignment has no 'principals'");
		err = PG_EINPUT;
	} else if (read_principals(c, princ_n, "principals", 0, &list, &n) < 0) {
		err = PG_EINPUT;
	}
	if (read_principals(c, excl_n, "excludePrincipals", 0, &list, &n) < 0)
		err = PG_EINPUT;
	if (err)
		return err;
	if (effect && !strcasecmp(effect, "audit"))
		return 0;

	d = azm_add_deny(a);
	d->id = id ? model_intern(c->m, id) : NULL;
	d->name = name ? model_intern(c->m, name) : NULL;
	d->scope = azm_key(a, scope);
	d->scope_written = model_intern(c->m, scope);
	d->perms = perms;
	d->n_perms = n_perms;
	read_principals(c, princ_n, "principals", 1, &d->principals, &d->n_principals);
	read_principals(c, excl_n, "excludePrincipals", 1, &d->excludes, &d->n_excludes);
	d->no_children = no_children;
	d->condition = condition_text ? model_intern(c->m, condition_text) : NULL;
	d->loc = az_loc(c, rec);
	return 0;
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *rec = az_detect_record(root);

	(void)path;
	return rec && (az_rbac_type_is(rec, "Microsoft.Authorization/denyAssignments") ||
		       az_rbac_key(rec, "denyAssignmentName") != NULL);
}

static int read_denies(ingest_ctx *c, const doc_node *root)
{
	return az_rbac_each(c, root, "deny assignments", "deny assignment", read_deny);
}

const ingest_format ingest_az_deny_format = {
	"azure-deny-assignments",
	"Azure deny assignments: REST denyAssignments (list, GET, spec examples; az rest)",
	detect, read_denies
};
