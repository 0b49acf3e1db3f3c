/* az_lighthouse — Lighthouse registration definitions and assignments (see az_lighthouse.h). */
#include "ingest/az_lighthouse.h"
#include "ingest/az_common.h"
#include "base/strci.h"
#include "base/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MS_PROVIDERS "/providers/Microsoft.ManagedServices/"
#define SUB_PREFIX "/subscriptions/"
#define DEF_TYPE "Microsoft.ManagedServices/registrationDefinitions"
#define ASG_TYPE "Microsoft.ManagedServices/registrationAssignments"

typedef enum { LH_NONE, LH_DEFINITION, LH_ASSIGNMENT } lh_kind;

typedef struct lh_read {
	ingest_ctx *c;
	azm *a;
	/* the definitions of this file, by id key; projected: an assignment of the file projected it */
	const char **def_keys;
	const doc_node **def_nodes;
	int *projected;
	size_t n_defs;
	int err;
} lh_read;

static void error_at(lh_read *r, const doc_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void error_at(lh_read *r, const doc_node *n, const char *fmt, ...)
{
	diag d = DIAG_INIT;
	va_list ap;

	va_start(ap, fmt);
	diag_vset(&d, n->file, n->line, n->col, fmt, ap);
	va_end(ap);
	d.severity = DIAG_ERROR;
	diag_list_add(r->c->diags, &d);
	r->err = PG_EINPUT;
}

static lh_kind kind_of(const doc_node *rec)
{
	const char *type = doc_get_str(rec, "type");

	if (type)
		return !strcasecmp(type, DEF_TYPE) ? LH_DEFINITION : !strcasecmp(type, ASG_TYPE) ? LH_ASSIGNMENT : LH_NONE;
	if (az_field(rec, "registrationDefinitionId"))
		return LH_ASSIGNMENT;
	if (az_field(rec, "authorizations") || az_field(rec, "managedByTenantId"))
		return LH_DEFINITION;
	return LH_NONE;
}

/* The scope part of a Lighthouse resource id (before "/providers/Microsoft.ManagedServices/"),
 * interned as written; NULL after a placed error. */
static const char *scope_of(lh_read *r, const doc_node *rec, const char *what)
{
	const doc_node *idn = doc_get(rec, "id");
	const char *p;

	if (!az_node_str(r->c, idn, "id", &r->err)) {
		if (!idn || idn->type == DOC_NULL)
			error_at(r, rec, "registration %s has no 'id' (its scope is unknown)", what);
		return NULL;
	}
	p = strci_str(idn->str, MS_PROVIDERS);
	if (!p || strncasecmp(idn->str, SUB_PREFIX, strlen(SUB_PREFIX)) ||
	    (size_t)(p - idn->str) <= strlen(SUB_PREFIX)) {
		error_at(r, idn, "'%s' is not a Microsoft.ManagedServices id under a subscription or resource group",
			 idn->str);
		return NULL;
	}
	return model_intern_n(r->c->m, idn->str, (size_t)(p - idn->str));
}

/* The index of this file's definition with id key `key`, or n_defs. */
static size_t find_def(const lh_read *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->n_defs && r->def_keys[i] != key; i++)
		;
	return i;
}

/* One authorization list as assignments of `kind` at scope. */
static void add_auths(lh_read *r, const doc_node *list, const char *what, const char *scope, aza_kind kind,
		      const char *from, const char *why)
{
	ingest_ctx *c = r->c;
	size_t i;

	if (!list || list->type == DOC_NULL)
		return;
	if (list->type != DOC_ARRAY) {
		az_type_error(c, list, &r->err, "'%s' must be an array", what);
		return;
	}
	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i], *delegated;
		const char *pid, *role, *display, *slash;
		az_principal *p;
		az_assignment *x;
		int err = 0;
		if (e->type != DOC_OBJECT) {
			az_type_error(c, e, &r->err, "each entry of '%s' must be an object", what);
			continue;
		}
		pid = az_str(c, e, "principalId", &err);
		role = az_str(c, e, "roleDefinitionId", &err);
		display = az_str(c, e, "principalIdDisplayName", &err);
		/* the roles a User Access Administrator authorization may assign: no model
		 * field, the whole role is kept (see the header); only the shape is checked */
		delegated = az_field(e, "delegatedRoleDefinitionIds");
		if (delegated && delegated->type != DOC_NULL && delegated->type != DOC_ARRAY)
			az_type_error(c, delegated, &err, "'delegatedRoleDefinitionIds' must be an array");
		if (!err && (!pid || !role))
			error_at(r, e, "missing '%s' in the authorization", !pid ? "principalId" : "roleDefinitionId");
		if (err)
			r->err = PG_EINPUT;
		if (err || !pid || !role)
			continue;
		p = azm_add_principal(r->a, pid, AZP_UNKNOWN);
		if (!p->name && display)
			p->name = model_intern(c->m, display);
		if (!p->tenant)
			p->tenant = from;       /* the definition says the principal is of the managing tenant */
		if (!p->loc.file)
			p->loc = az_loc(c, e);
		azm_mark_external(r->a, p, why);
		x = azm_add_assignment(r->a, kind);
		x->scope = azm_key(r->a, scope);
		x->scope_written = scope;
		x->principal = p;
		/* a bare GUID; tolerate a full role definition id */
		slash = strrchr(role, '/');
		x->role_guid = azm_key(r->a, slash ? slash + 1 : role);
		x->delegated_from = from;
		x->loc = az_loc(c, e);
	}
}

/* Every authorization of definition def at scope: `kind`, and `eligible` for eligible ones. */
static void project(lh_read *r, const doc_node *def, const char *scope, aza_kind kind, aza_kind eligible)
{
	int err = 0;
	const char *mbt = az_str(r->c, def, "managedByTenantId", &err);
	const char *managee = az_str(r->c, def, "manageeTenantId", &err), *from;
	const doc_node *auths = az_field(def, "authorizations");
	char why[200];

	if (managee)
		azm_add_home_tenant(r->a, managee);
	if (err || !mbt || !auths || auths->type == DOC_NULL) {
		if (!err)
			error_at(r, def, "registration definition has no '%s'", !mbt ? "managedByTenantId" : "authorizations");
		r->err = PG_EINPUT;
		return;
	}
	from = azm_key(r->a, mbt);
	snprintf(why, sizeof(why), "Lighthouse delegation from tenant %s", from);
	add_auths(r, auths, "authorizations", scope, kind, from, why);
	add_auths(r, az_field(def, "eligibleAuthorizations"), "eligibleAuthorizations", scope, eligible, from, why);
}

static void read_assignment(lh_read *r, const doc_node *rec)
{
	int err = 0;
	const char *scope = scope_of(r, rec, "assignment");
	const char *def_id = az_str(r->c, rec, "registrationDefinitionId", &err);
	const doc_node *emb = az_field(rec, "registrationDefinition"), *at;
	size_t i = def_id ? find_def(r, azm_key(r->a, def_id)) : r->n_defs;

	if (err)
		r->err = PG_EINPUT;
	if (!scope || err)
		return;
	if (emb && emb->type != DOC_NULL) {
		if (emb->type != DOC_OBJECT) {
			az_type_error(r->c, emb, &r->err, "'registrationDefinition' must be an object");
			return;
		}
		project(r, emb, scope, AZA_LIGHTHOUSE, AZA_LIGHTHOUSE_ELIGIBLE);
	} else if (i < r->n_defs) {
		project(r, r->def_nodes[i], scope, AZA_LIGHTHOUSE, AZA_LIGHTHOUSE_ELIGIBLE);
	} else if (!def_id) {
		error_at(r, rec, "registration assignment has no '%s'", "registrationDefinitionId");
		return;
	} else {
		at = az_field(rec, "registrationDefinitionId");
		diag_list_addf(r->c->diags, DIAG_NOTE, at->file, at->line, at->col,
			       "registration assignment does not include its definition '%s': that definition counts "
			       "as unassigned (conditional) where it is read; export assignments with "
			       "--include-definition true ($expandRegistrationDefinition=true) to project it here",
			       def_id);
		return;
	}
	if (i < r->n_defs)
		r->projected[i] = 1;
}

static void read_definition(lh_read *r, const doc_node *rec, size_t index)
{
	const char *scope = scope_of(r, rec, "definition");

	/* projected by an assignment of this file: access is where it is assigned */
	if (!scope || (index < r->n_defs && r->projected[index]))
		return;
	project(r, rec, scope, AZA_LIGHTHOUSE_UNASSIGNED, AZA_LIGHTHOUSE_UNASSIGNED);
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *rec = az_detect_record(root);
	const char *type;

	(void)path;
	if (!rec)
		return 0;
	type = doc_get_str(rec, "type");
	if (type)
		return !strcasecmp(type, DEF_TYPE) || !strcasecmp(type, ASG_TYPE);
	return (az_field(rec, "authorizations") && az_field(rec, "managedByTenantId")) ||
	       az_field(rec, "registrationDefinitionId");
}

static int read_lighthouse(ingest_ctx *c, const doc_node *root)
{
	doc_node *const *items;
	const doc_node *single;
	size_t i, n, *def_index;
	lh_read r;

	if (az_records(root, &items, &n, &single) < 0)
		return az_type_error(c, root, NULL, "expected a registration definition or assignment (object) or a "
				     "list of them (array)");
	memset(&r, 0, sizeof(r));
	r.c = c;
	r.a = model_azure(c->m);
	r.def_keys = xcalloc(n + 1, sizeof(*r.def_keys));
	r.def_nodes = xcalloc(n + 1, sizeof(*r.def_nodes));
	r.projected = xcalloc(n + 1, sizeof(*r.projected));
	def_index = xcalloc(n + 1, sizeof(*def_index));
	/* the file's definitions first, so its assignments can name them in any order */
	for (i = 0; i < n; i++) {
		const char *id = items[i]->type == DOC_OBJECT ? doc_get_str(items[i], "id") : NULL;
		def_index[i] = (size_t)-1;
		if (id && kind_of(items[i]) == LH_DEFINITION) {
			def_index[i] = r.n_defs;
			r.def_keys[r.n_defs] = azm_key(r.a, id);
			r.def_nodes[r.n_defs++] = items[i];
		}
	}
	for (i = 0; i < n; i++) {
		const doc_node *rec = items[i];
		if (rec->type != DOC_OBJECT) {
			az_type_error(c, rec, &r.err, "each registration entry must be an object");
		} else if (kind_of(rec) == LH_NONE) {
			error_at(&r, rec, "not a registration definition or assignment (%s)",
				 "no Microsoft.ManagedServices 'type', 'authorizations' or 'registrationDefinitionId'");
		} else if (kind_of(rec) == LH_ASSIGNMENT) {
			read_assignment(&r, rec);
		}
	}
	/* then the definitions no assignment of the file projected */
	for (i = 0; i < n; i++)
		if (items[i]->type == DOC_OBJECT && kind_of(items[i]) == LH_DEFINITION)
			read_definition(&r, items[i], def_index[i]);
	free(r.def_keys);
	free(r.def_nodes);
	free(r.projected);
	free(def_index);
	return r.err;
}

const ingest_format ingest_az_lighthouse_format = {
	"azure-lighthouse",
	"Azure Lighthouse registration definitions and assignments: az managedservices definition|assignment list (or REST)",
	detect, read_lighthouse
};
