/* az_directory — Entra ID users, groups and service principals ("azure-directory"). */
#include "ingest/az_directory.h"
#include "ingest/az_common.h"
#include "ingest/az_resources.h"
#include "base/strci.h"

#include <string.h>
#include <strings.h>

/* Graph's $expand returns at most this many related objects, and no next link. */
#define EXPAND_CAP 20

/* What a record is when not a principal kind: skipped, or not said. */
enum { KIND_SKIP = -1, KIND_UNTOLD = -2 };

static int graph_type(const char *t, const char *name)
{
	return t && !strncasecmp(t, "#microsoft.graph.", 17) && !strcasecmp(t + 17, name);
}

static int sp_kind(const doc_node *rec)
{
	const char *t = doc_get_str(rec, "servicePrincipalType");

	return t && !strcasecmp(t, "ManagedIdentity") ? AZP_MANAGED_IDENTITY : AZP_SERVICE_PRINCIPAL;
}

/* The kind of a directory object (see the header for the order of the signals). */
static int object_kind(const doc_node *rec)
{
	const char *t = doc_get_str(rec, "@odata.type"), *legacy = doc_get_str(rec, "objectType");

	if (t || legacy) {
		if (graph_type(t, "user") || (!t && !strcasecmp(legacy, "User")))
			return AZP_USER;
		if (graph_type(t, "group") || (!t && !strcasecmp(legacy, "Group")))
			return AZP_GROUP;
		if (graph_type(t, "servicePrincipal") || (!t && !strcasecmp(legacy, "ServicePrincipal")))
			return sp_kind(rec);
		/* a mail contact cannot sign in; devices and the rest keep their memberships */
		if (graph_type(t, "orgContact") || (!t && !strcasecmp(legacy, "Contact")))
			return KIND_SKIP;
		return AZP_UNKNOWN;
	}
	if (doc_get(rec, "servicePrincipalType") || doc_get(rec, "servicePrincipalNames"))
		return sp_kind(rec);
	if (doc_get(rec, "userPrincipalName"))
		return AZP_USER;
	if (doc_get(rec, "securityEnabled") || doc_get(rec, "mailEnabled") || doc_get(rec, "groupTypes"))
		return AZP_GROUP;
	return KIND_UNTOLD;
}

static void read_user(ingest_ctx *c, az_principal *p, const doc_node *rec, int *err)
{
	azm *a = model_azure(c->m);
	const char *upn = az_top_str(c, rec, "userPrincipalName", err), *ut = az_top_str(c, rec, "userType", err);
	const char *how = az_top_str(c, rec, "creationType", err);
	const char *state = az_top_str(c, rec, "externalUserState", err);
	char why[96];

	if (upn)
		p->upn = model_intern(c->m, upn);
	if (ut)
		p->user_type = model_intern(c->m, ut);
	/* the strongest signal first: azm_mark_external keeps the first reason */
	if (ut && !strcasecmp(ut, "Guest"))
		azm_mark_external(a, p, "guest user (userType Guest)");
	else if (upn && strci_str(upn, "#EXT#"))
		azm_mark_external(a, p, "guest user (#EXT# in userPrincipalName)");
	else if (how && !strcasecmp(how, "Invitation"))
		azm_mark_external(a, p, "guest user (invited: creationType Invitation)");
	else if (state && *state) {
		/* set only for users invited with the B2B invitation API, members included */
		snprintf(why, sizeof(why), "external user (invited: externalUserState %.40s)", state);
		azm_mark_external(a, p, why);
	}
}

/* A managed identity's alternativeNames: "isExplicit=…" and the resource id it belongs to. */
static void link_hosts(ingest_ctx *c, az_principal *p, const doc_node *names, int *err)
{
	size_t i;

	if (!names || names->type == DOC_NULL)
		return;
	if (names->type != DOC_ARRAY) {
		az_type_error(c, names, err, "'alternativeNames' must be an array");
		return;
	}
	for (i = 0; i < names->len; i++) {
		const doc_node *e = names->items[i];
		az_resource *r = e->type == DOC_STRING ? az_resources_add_by_id(c, e->str) : NULL;
		if (r)
			azm_link_identity(model_azure(c->m), r, p);
	}
}

static void read_sp(ingest_ctx *c, az_principal *p, const doc_node *rec, int *err)
{
	const char *app = az_top_str(c, rec, "appId", err), *owner;

	owner = doc_get(rec, "appOwnerOrganizationId") ? az_top_str(c, rec, "appOwnerOrganizationId", err)
						       : az_top_str(c, rec, "appOwnerTenantId", err);
	if (app)
		p->upn = model_intern(c->m, app);
	/* foreign owners are marked by azm_finalize, against the home tenants */
	if (owner)
		p->owner_tenant = azm_key(model_azure(c->m), owner);
	if (p->kind == AZP_MANAGED_IDENTITY)
		link_hosts(c, p, doc_get(rec, "alternativeNames"), err);
}

static az_principal *read_object(ingest_ctx *c, const doc_node *rec, int *err);

/* An input listed the group's members, none of them possibly: azm_add_member needs a member. */
static void members_listed(az_principal *g)
{
	g->members_known = 1;
}

/* Record the members in list; `capped`: the list came from $expand and may be cut short. */
static void read_members(ingest_ctx *c, az_principal *g, const doc_node *list, int capped, int more, int *err)
{
	int was_known = g->members_known;
	size_t i;

	if (list->type != DOC_ARRAY) {
		az_type_error(c, list, err, "'members' must be an array of directory objects");
		return;
	}
	for (i = 0; i < list->len; i++) {
		az_principal *m = read_object(c, list->items[i], err);
		if (m)
			azm_add_member(model_azure(c->m), g, m);
	}
	members_listed(g);
	if (more || (capped && list->len >= EXPAND_CAP)) {
		diag_list_addf(c->diags, DIAG_WARNING, list->file, list->line, list->col,
			       "the members of group '%s' may be incomplete (%s); export them with "
			       "az ad group member list into group-members/%s.json",
			       g->name ? g->name : g->id,
			       more ? "the list continues on another page"
				    : "Microsoft Graph's $expand returns at most 20 members",
			       g->id);
		/* another input may still list them all */
		g->members_known = was_known;
	}
}

static az_principal *read_object(ingest_ctx *c, const doc_node *rec, int *err)
{
	azm *a = model_azure(c->m);
	const doc_node *idn, *members;
	const char *name;
	az_principal *p;
	int kind, e = 0;

	if (rec->type != DOC_OBJECT) {
		az_type_error(c, rec, err, "each directory object must be an object");
		return NULL;
	}
	if ((kind = object_kind(rec)) == KIND_SKIP)
		return NULL;
	idn = doc_get(rec, "id") ? doc_get(rec, "id") : doc_get(rec, "objectId");
	if (!idn) {
		diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col, "missing 'id' (the object id)");
		*err = PG_EINPUT;
		return NULL;
	}
	if (!az_guid_check(c, idn, "id", err))
		return NULL;
	if (kind == KIND_UNTOLD) {
		diag_list_addf(c->diags, DIAG_ERROR, rec->file, rec->line, rec->col,
			       "cannot tell whether directory object '%s' is a user, a group or a service principal "
			       "(no '@odata.type', 'userPrincipalName', 'servicePrincipalType' or 'securityEnabled')",
			       idn->str);
		*err = PG_EINPUT;
		return NULL;
	}
	p = azm_add_principal(a, idn->str, (azp_kind)kind);
	/* a managed identity is a service principal: a row that does not say its type is no conflict */
	if (p->kind != (azp_kind)kind && kind != AZP_UNKNOWN &&
	    !(kind == AZP_SERVICE_PRINCIPAL && p->kind == AZP_MANAGED_IDENTITY))
		diag_list_addf(c->diags, DIAG_WARNING, rec->file, rec->line, rec->col,
			       "directory object '%s' is a %s here but a %s in another input; kept as %s", idn->str,
			       azp_kind_name((azp_kind)kind), azp_kind_name(p->kind), azp_kind_name(p->kind));
	/* the directory names its objects: its display name wins over an assignment's */
	if ((name = az_top_str(c, rec, "displayName", &e)))
		p->name = model_intern(c->m, name);
	if (!p->loc.file)
		p->loc = az_loc(c, rec);
	p->listed = 1;
	if (kind == AZP_USER)
		read_user(c, p, rec, &e);
	else if (kind == AZP_SERVICE_PRINCIPAL || kind == AZP_MANAGED_IDENTITY)
		read_sp(c, p, rec, &e);
	else if (kind == AZP_GROUP && (members = doc_get(rec, "members")) && members->type != DOC_NULL)
		read_members(c, p, members, 1, doc_get(rec, "members@odata.nextLink") != NULL, &e);
	if (e)
		*err = e;
	return p;
}

/* The group a 'group-members/<object id>.<ext>' path names, in buf; 0 when path is not in such a folder. */
static int member_file(const char *path, char *buf, size_t size)
{
	const char *base = path ? strrchr(path, '/') : NULL, *dir, *dot;
	size_t len;

	if (!base)
		return 0;
	for (dir = base; dir > path && dir[-1] != '/'; dir--)
		;
	if ((size_t)(base - dir) != 13 || strncmp(dir, "group-members", 13))
		return 0;
	base++;
	dot = strrchr(base, '.');
	len = dot ? (size_t)(dot - base) : strlen(base);
	snprintf(buf, size, "%.*s", (int)(len < size ? len : size - 1), base);
	return 1;
}

static int read_member_file(ingest_ctx *c, const doc_node *root, const char *group_id)
{
	const doc_node *body = az_body(root);
	az_principal *g;
	int err = 0;

	if (!az_is_guid(group_id)) {
		diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col,
			       "a file in a 'group-members' folder must be named after the group's object id "
			       "(<guid>.json), not '%s'", group_id);
		return PG_EINPUT;
	}
	if (!body || body->type != DOC_ARRAY)
		return az_type_error(c, root, NULL, "expected the output of az ad group member list (a list)");
	g = azm_add_principal(model_azure(c->m), group_id, AZP_GROUP);
	if (!g->loc.file)
		g->loc = az_loc(c, root);
	read_members(c, g, body, 0, body != root && doc_get(root, "@odata.nextLink") != NULL, &err);
	return err;
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *rec, *b;
	const char *t, *legacy;
	char group[64];

	if (member_file(path, group, sizeof(group)))
		return (b = az_body(root)) && b->type == DOC_ARRAY;
	if (!(rec = az_first_record(root)))
		return 0;
	t = doc_get_str(rec, "@odata.type");
	legacy = doc_get(rec, "objectId") ? doc_get_str(rec, "objectType") : NULL;
	if (t)
		return graph_type(t, "user") || graph_type(t, "group") || graph_type(t, "servicePrincipal");
	if (legacy)
		return !strcasecmp(legacy, "User") || !strcasecmp(legacy, "Group") ||
		       !strcasecmp(legacy, "ServicePrincipal");
	return doc_get(rec, "userPrincipalName") || doc_get(rec, "servicePrincipalType") ||
	       (doc_get(rec, "appId") && doc_get(rec, "servicePrincipalNames")) || doc_get(rec, "securityEnabled") ||
	       doc_get(rec, "mailEnabled");
}

static int read_directory(ingest_ctx *c, const doc_node *root)
{
	doc_node *const *items;
	const doc_node *single, *next;
	char group[64];
	size_t i, n;
	int err = 0;

	(void)model_azure(c->m);        /* an empty list still says the input is Azure */
	if (member_file(c->path, group, sizeof(group)))
		return read_member_file(c, root, group);
	if (az_records(root, &items, &n, &single) < 0)
		return az_type_error(c, root, NULL, "expected a list of directory objects (az ad user|group|sp list)");
	if (!single && root->type == DOC_OBJECT && (next = doc_get(root, "@odata.nextLink")))
		diag_list_addf(c->diags, DIAG_WARNING, next->file, next->line, next->col,
			       "the list continues on another page ('@odata.nextLink'): objects on later pages are missing");
	for (i = 0; i < n; i++)
		read_object(c, items[i], &err);
	return err;
}

const ingest_format ingest_az_directory_format = {
	"azure-directory",
	"az ad user|group|sp list, az ad group member list (in group-members/<group id>.json), Microsoft Graph "
	"users/groups/servicePrincipals (JSON or YAML): Entra ID principals and group memberships",
	detect, read_directory
};
