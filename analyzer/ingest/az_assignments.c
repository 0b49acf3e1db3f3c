/*
 * az_assignments — the "azure-role-assignments" reader.
 *
 * Shapes: `az role assignment list --all` rows (flattened: principalId,
 * principalType, principalName, roleDefinitionId, roleDefinitionName, scope,
 * condition, conditionVersion, id, name), REST rows with those fields under
 * "properties" (no names), and classic subscription administrators — the
 * rows `--include-classic-administrators` adds (id "NA(classic admins)",
 * roleDefinitionId "NA(classic admin role)", roleDefinitionName the classic
 * role, principalName the sign-in name, principalId null when the directory
 * lookup found no user) and REST classicAdministrators lists
 * ({"properties": {"emailAddress", "role"}, "id": "/subscriptions/S/providers/
 * Microsoft.Authorization/classicAdministrators/X"}).
 *
 * Classic Service Administrators and Co-Administrators have the access of
 * Owner at their subscription; the Account Administrator can make itself
 * Service Administrator. Every classic administrator is therefore an
 * AZA_CLASSIC assignment of Owner at the subscription (sound for access).
 */
#include "ingest/az_rbac.h"
#include "base/strci.h"
#include "eval/azure_id.h"

#include <string.h>
#include <strings.h>

#define RA_MARKER "/providers/Microsoft.Authorization/roleAssignments/"
#define CA_MARKER "/providers/Microsoft.Authorization/classicAdministrators/"
#define RD_MARKER "/roleDefinitions/"
#define OWNER_GUID "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

/* 1 when s is a ';'-separated list of classic administrator roles. */
static int classic_role_list(const char *s)
{
	static const char *const roles[] = { "ServiceAdministrator", "AccountAdministrator", "CoAdministrator",
					     NULL };
	size_t len, k;

	if (!s || !*s)
		return 0;
	for (; *s; s += len + (s[len] == ';')) {
		len = strcspn(s, ";");
		for (k = 0; roles[k] && (strlen(roles[k]) != len || strncasecmp(roles[k], s, len)); k++)
			;
		if (!roles[k])
			return 0;
	}
	return 1;
}

static const char *field_text(const doc_node *rec, const char *key)
{
	const doc_node *n = az_field(rec, key);

	return n && n->type == DOC_STRING ? n->str : NULL;
}

static int is_classic(const doc_node *rec)
{
	const char *id = doc_get_str(rec, "id"), *rd = field_text(rec, "roleDefinitionId");

	return az_rbac_type_is(rec, "Microsoft.Authorization/classicAdministrators") ||
	       (id && (strci_str(id, CA_MARKER) || !strncmp(id, "NA(", 3))) ||
	       (rd && !strncmp(rd, "NA(", 3)) ||
	       (!rd && classic_role_list(field_text(rec, "roleDefinitionName")));
}

/* The GUID a roleDefinitionId names: "/subscriptions/S/providers/Microsoft.Authorization/
 * roleDefinitions/G", "/providers/Microsoft.Authorization/roleDefinitions/G" (and the
 * management-group form), or a bare GUID. NULL after a placed error. */
static const char *role_guid(ingest_ctx *c, const doc_node *rec, const char *rdid, int *err)
{
	const doc_node *at = az_field(rec, "roleDefinitionId");
	const char *g = NULL, *s;
	size_t n = strlen(RD_MARKER);

	for (s = rdid; *s; s++)
		if (!strncasecmp(s, RD_MARKER, n))
			g = s + n;
	if (!g && !strchr(rdid, '/'))
		g = rdid;
	if (!g || !*g || strchr(g, '/')) {
		diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
			       "'roleDefinitionId' '%s' names no role definition (expected "
			       "…/providers/Microsoft.Authorization/roleDefinitions/GUID)", rdid);
		*err = PG_EINPUT;
		return NULL;
	}
	return g;
}

/* What the assignment row says about its principal beyond the id. */
static void describe_principal(ingest_ctx *c, az_principal *p, const char *pname)
{
	if (!pname || !*pname)
		return;
	/* the directory reader's names win; it may run before or after this reader */
	if (!p->name)
		p->name = model_intern(c->m, pname);
	if (strci_str(pname, "#EXT#"))
		azm_mark_external(model_azure(c->m), p, "guest user (#EXT# in the user principal name)");
}

static void missing(ingest_ctx *c, const doc_node *rec, const char *what, const char *key, int *err)
{
	const doc_node *n = az_field(rec, key);

	if (n && n->type == DOC_STRING && n->len == 0) {
		/* an empty key would merge unrelated rows into one principal or role */
		diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "'%s' is empty", key);
		*err = PG_EINPUT;
		return;
	}
	if (n && n->type != DOC_NULL)
		return;         /* present with another type: az_str said so */
	diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col, "%s has no '%s'", what, key);
	*err = PG_EINPUT;
}

static int read_classic(ingest_ctx *c, const doc_node *rec)
{
	azm *a = model_azure(c->m);
	const char *id, *pid, *pname, *role, *scope;
	az_principal *p;
	az_assignment *x;
	int err = 0, kind;

	id = az_top_str(c, rec, "id", &err);
	pid = az_str(c, rec, "principalId", &err);
	pname = az_str(c, rec, "principalName", &err);
	if (!pname)
		pname = az_str(c, rec, "emailAddress", &err);
	role = az_str(c, rec, "roleDefinitionName", &err);
	if (!role)
		role = az_str(c, rec, "role", &err);
	scope = az_rbac_scope(c, rec, CA_MARKER, &kind, &err);
	if (scope && kind != AZ_SCOPE_SUBSCRIPTION) {
		const doc_node *at = az_field(rec, "scope") ? az_field(rec, "scope") : rec;
		diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
			       "classic administrator scope '%s' is not a subscription", scope);
		err = PG_EINPUT;
	}
	if (pid && !*pid)
		pid = NULL;     /* "" as null: no directory user was found */
	if (!err && !pid && !(pname && *pname)) {
		diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col,
			       "classic administrator has no 'principalId', 'principalName' or 'emailAddress'");
		err = PG_EINPUT;
	}
	if (err)
		return err;
	/* az leaves principalId null when no directory user has the sign-in name */
	p = azm_add_principal(a, pid ? pid : pname, AZP_USER);
	if (!p->loc.file)
		p->loc = az_loc(c, rec);
	describe_principal(c, p, pname);
	x = azm_add_assignment(a, AZA_CLASSIC);
	x->id = id ? model_intern(c->m, id) : NULL;
	x->scope = azm_key(a, scope);
	x->scope_written = scope;
	x->principal = p;
	x->role_guid = azm_key(a, OWNER_GUID);
	x->role_name = role ? model_intern(c->m, role) : NULL;
	x->loc = az_loc(c, rec);
	return 0;
}

static int read_assignment(ingest_ctx *c, const doc_node *rec)
{
	azm *a = model_azure(c->m);
	const char *id, *pid, *ptype, *pname, *rdid, *rdname, *condition_text, *cver, *scope, *guid = NULL;
	az_principal *p;
	az_assignment *x;
	int err = 0, kind;

	id = az_top_str(c, rec, "id", &err);
	(void)az_top_str(c, rec, "name", &err);
	pid = az_str(c, rec, "principalId", &err);
	ptype = az_str(c, rec, "principalType", &err);
	pname = az_str(c, rec, "principalName", &err);
	rdid = az_str(c, rec, "roleDefinitionId", &err);
	rdname = az_str(c, rec, "roleDefinitionName", &err);
	condition_text = az_str(c, rec, "condition", &err);
	cver = az_str(c, rec, "conditionVersion", &err);
	scope = az_rbac_scope(c, rec, RA_MARKER, &kind, &err);
	missing(c, rec, "role assignment", "principalId", &err);
	missing(c, rec, "role assignment", "roleDefinitionId", &err);
	if (rdid && *rdid)
		guid = role_guid(c, rec, rdid, &err);
	if (err)
		return err;
	p = az_rbac_principal(c, pid, ptype, rec);
	describe_principal(c, p, pname);
	x = azm_add_assignment(a, AZA_ROLE);
	x->id = id ? model_intern(c->m, id) : NULL;
	x->scope = azm_key(a, scope);
	x->scope_written = scope;
	x->principal = p;
	x->role_guid = azm_key(a, guid);
	x->role_name = rdname ? model_intern(c->m, rdname) : NULL;
	x->condition = condition_text ? model_intern(c->m, condition_text) : NULL;
	x->condition_version = cver ? model_intern(c->m, cver) : NULL;
	x->loc = az_loc(c, rec);
	return 0;
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *rec = az_detect_record(root);

	(void)path;
	return rec && (az_rbac_type_is(rec, "Microsoft.Authorization/roleAssignments") ||
		       az_rbac_type_is(rec, "Microsoft.Authorization/classicAdministrators") ||
		       (az_rbac_key(rec, "roleDefinitionId") && az_rbac_key(rec, "principalId")));
}

static int read_assignments(ingest_ctx *c, const doc_node *root)
{
	doc_node *const *items;
	const doc_node *single, *orphan = NULL;
	size_t n, i, orphans = 0;
	int err = 0;

	if (az_records(root, &items, &n, &single) < 0) {
		diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col,
			       "expected role assignments (an array, {\"value\": [...]} or one role assignment)");
		return PG_EINPUT;
	}
	for (i = 0; i < n; i++) {
		const doc_node *rec = items[i], *pn;
		if (rec->type != DOC_OBJECT) {
			az_type_error(c, rec, &err, "a role assignment must be an object");
			continue;
		}
		if ((is_classic(rec) ? read_classic(c, rec) : read_assignment(c, rec)) < 0) {
			err = PG_EINPUT;
			continue;
		}
		/* az writes "" when the directory no longer has the object (and leaves the
		 * key out when it could not ask): such assignments are orphaned */
		pn = az_field(rec, "principalName");
		/* a ForeignGroup lives in another directory: az cannot name it either */
		if (pn && pn->type == DOC_STRING && pn->len == 0 &&
		    az_rbac_principal_kind(doc_get_str(rec, "principalType")) != AZP_FOREIGN_GROUP && !orphans++)
			orphan = pn;
	}
	if (orphans)
		diag_list_addf(c->diags, DIAG_WARNING, orphan->file, orphan->line, orphan->col,
			       "%zu role assignment%s name%s a principal the directory no longer has (empty "
			       "'principalName'); kept under the object id", orphans, orphans == 1 ? "" : "s",
			       orphans == 1 ? "s" : "");
	return err;
}

const ingest_format ingest_az_assignments_format = {
	"azure-role-assignments",
	"Azure role assignments: az role assignment list --all (with classic administrators), REST "
	"roleAssignments and classicAdministrators",
	detect, read_assignments
};
