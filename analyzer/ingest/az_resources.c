/* az_resources — Azure resources, their tags and managed identities ("azure-resources"). */
#include "ingest/az_resources.h"
#include "ingest/az_common.h"
#include "ingest/az_encryption.h"
#include "base/strci.h"
#include "eval/azure_id.h"

#include <string.h>
#include <strings.h>

#define UAI_TYPE "Microsoft.ManagedIdentity/userAssignedIdentities"

az_resource *az_resources_add_by_id(ingest_ctx *c, const char *id)
{
	azm *a = model_azure(c->m);
	strbuf sb = STRBUF_INIT;
	azure_id x;
	az_resource *r;

	if (!id || azure_id_parse(id, &x) < 0 || x.kind != AZ_SCOPE_RESOURCE)
		return NULL;
	r = azm_add_resource(a, id);
	if (!r->type && azure_id_resource_type(id, &sb) == 0)
		r->type = model_intern(c->m, sb.buf);
	if (!r->name) {
		const char *last = strrchr(r->id_written, '/');
		size_t len = strlen(last + 1);
		/* one tolerated trailing slash: the name is the segment before it */
		if (!len && last > r->id_written) {
			const char *end = last;
			for (last--; last > r->id_written && *last != '/'; last--)
				;
			len = (size_t)(end - last - 1);
		}
		r->name = model_intern_n(c->m, last + 1, len);
	}
	strbuf_release(&sb);
	return r;
}

/* The managed identity with object id pid (a GUID), or NULL after an error or when absent. */
static az_principal *identity_principal(ingest_ctx *c, const doc_node *pid, const doc_node *tenant, const char *name,
					int *err)
{
	azm *a = model_azure(c->m);
	az_principal *p;

	if (!pid || pid->type == DOC_NULL)
		return NULL;
	if (!az_guid_check(c, pid, "principalId", err))
		return NULL;
	p = azm_add_principal(a, pid->str, AZP_MANAGED_IDENTITY);
	/* a system-assigned identity's service principal is named after its host,
	 * a user-assigned one after its resource; the directory export may rename it */
	if (!p->name && name)
		p->name = model_intern(c->m, name);
	if (!p->loc.file)
		p->loc = az_loc(c, pid);
	if (tenant && tenant->type == DOC_STRING && az_is_guid(tenant->str)) {
		if (!p->tenant)
			p->tenant = azm_key(a, tenant->str);
		azm_add_home_tenant(a, tenant->str);
	}
	return p;
}

static int read_user_assigned(ingest_ctx *c, az_resource *host, const doc_node *map)
{
	azm *a = model_azure(c->m);
	size_t i;
	int err = 0;

	if (!map || map->type == DOC_NULL)
		return 0;
	if (map->type != DOC_OBJECT)
		return az_type_error(c, map, NULL,
				     "'userAssignedIdentities' must be an object keyed by identity resource id");
	for (i = 0; i < map->len; i++) {
		const doc_node *k = map->keys[i], *v = map->items[i];
		az_resource *u = az_resources_add_by_id(c, k->str);
		az_principal *p;
		if (!u) {
			diag_list_addf(c->diags, DIAG_ERROR, k->file, k->line, k->col,
				       "malformed user-assigned identity resource id '%s'", k->str);
			err = PG_EINPUT;
			continue;
		}
		if (!u->type)
			u->type = model_intern(c->m, UAI_TYPE);
		if (v->type == DOC_NULL)
			continue;       /* as in a PUT body: the identity is named, its principal not said */
		if (v->type != DOC_OBJECT) {
			az_type_error(c, v, &err, "user-assigned identity '%s' must map to an object", k->str);
			continue;
		}
		p = identity_principal(c, doc_get(v, "principalId"), NULL, u->name, &err);
		if (p) {
			azm_link_identity(a, host, p);
			azm_link_identity(a, u, p);
		}
	}
	return err;
}

static int read_identity(ingest_ctx *c, az_resource *r, const doc_node *id)
{
	az_principal *p;
	int err = 0;

	if (!id || id->type == DOC_NULL)
		return 0;
	if (id->type != DOC_OBJECT)
		return az_type_error(c, id, NULL, "'identity' must be an object");
	/* the type ("SystemAssigned, UserAssigned", "None") only restates what
	 * principalId and userAssignedIdentities say; it is checked, not needed */
	(void)az_top_str(c, id, "type", &err);
	p = identity_principal(c, doc_get(id, "principalId"), doc_get(id, "tenantId"), r->name, &err);
	if (p)
		azm_link_identity(model_azure(c->m), r, p);
	if (read_user_assigned(c, r, doc_get(id, "userAssignedIdentities")) < 0)
		err = PG_EINPUT;
	return err;
}

/* Replace r's tags with the record's: ARM omits "tags" when a resource has none. */
static int read_tags(ingest_ctx *c, az_resource *r, const doc_node *tags)
{
	size_t i;
	int err = 0;

	if (tags && tags->type != DOC_NULL && tags->type != DOC_OBJECT)
		return az_type_error(c, tags, NULL, "'tags' must be an object of tag names to values");
	r->tags = NULL;
	r->n_tags = 0;
	r->tags_known = 1;
	for (i = 0; tags && tags->type == DOC_OBJECT && i < tags->len; i++) {
		const doc_node *v = tags->items[i];
		if (v->type == DOC_ARRAY || v->type == DOC_OBJECT) {
			az_type_error(c, v, &err, "the value of tag '%s' must be a string", tags->keys[i]->str);
			continue;
		}
		/* YAML may read a value as a number or bool, or null for "key:": keep the text */
		model_add_tag(c->m, &r->tags, &r->n_tags, tags->keys[i]->str, v->type == DOC_NULL ? "" : v->str);
	}
	return err;
}

static int read_resource(ingest_ctx *c, const doc_node *rec)
{
	const doc_node *idn;
	const char *name, *type;
	az_resource *r;
	int err = 0;

	if (rec->type != DOC_OBJECT)
		return az_type_error(c, rec, NULL, "each resource must be an object");
	idn = doc_get(rec, "id");
	if (!idn || idn->type != DOC_STRING) {
		const doc_node *at = idn ? idn : rec;
		diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
			       idn ? "'id' must be a string (a resource id)" : "missing 'id' (the resource id)");
		return PG_EINPUT;
	}
	if (!(r = az_resources_add_by_id(c, idn->str))) {
		diag_list_addf(c->diags, DIAG_ERROR, idn->file, idn->line, idn->col,
			       "malformed resource id '%s' (expected "
			       "/subscriptions/S/resourceGroups/RG/providers/NAMESPACE/TYPE/NAME)", idn->str);
		return PG_EINPUT;
	}
	r->loc = az_loc(c, rec);
	if ((name = az_top_str(c, rec, "name", &err)))
		r->name = model_intern(c->m, name);
	if ((type = az_top_str(c, rec, "type", &err)))
		r->type = model_intern(c->m, type);
	err |= read_tags(c, r, doc_get(rec, "tags"));
	err |= read_identity(c, r, doc_get(rec, "identity"));
	err |= az_encryption_read(c, r, rec);
	/* a user-assigned identity resource is the identity: az identity list
	 * flattens principalId and tenantId, az resource show nests them in properties */
	if (r->type && !strcasecmp(r->type, UAI_TYPE)) {
		az_principal *p = identity_principal(c, az_field(rec, "principalId"), az_field(rec, "tenantId"), r->name,
						     &err);
		if (p)
			azm_link_identity(model_azure(c->m), r, p);
	}
	return err ? PG_EINPUT : 0;
}

/* Provider namespaces whose records other Azure readers own. */
static int foreign_id(const char *id)
{
	return strci_str(id, "/providers/Microsoft.Authorization/") ||
	       strci_str(id, "/providers/Microsoft.Management/") ||
	       strci_str(id, "/providers/Microsoft.ManagedServices/");
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *rec;
	const char *id, *type;

	(void)path;
	/* ARM templates list "resources" too, without ids */
	if (!(rec = az_detect_record(root)))
		return 0;
	id = doc_get(rec, "id") && doc_get(rec, "id")->type == DOC_STRING ? doc_get(rec, "id")->str : NULL;
	type = doc_get(rec, "type") && doc_get(rec, "type")->type == DOC_STRING ? doc_get(rec, "type")->str : NULL;
	if (!id || !type || !strci_str(id, "/providers/") || !strchr(type, '/') || foreign_id(id))
		return 0;
	/* role assignments, role and deny definitions: other readers' */
	if (doc_get(rec, "roleDefinitionId") || doc_get(rec, "permissions"))
		return 0;
	return !doc_get(rec, "principalId") || !strcasecmp(type, UAI_TYPE);
}

static int read_resources(ingest_ctx *c, const doc_node *root)
{
	doc_node *const *items;
	const doc_node *single;
	size_t i, n;
	int err = 0;

	(void)model_azure(c->m);        /* an empty list still says the input is Azure */
	if (az_records(root, &items, &n, &single) < 0)
		return az_type_error(c, root, NULL, "expected a list of resources (az resource list) or one resource");
	for (i = 0; i < n; i++)
		if (read_resource(c, items[i]) < 0)
			err = PG_EINPUT;
	return err;
}

const ingest_format ingest_az_resources_format = {
	"azure-resources",
	"az resource list / az resource show / az identity list (JSON or YAML): Azure resources, tags, managed identities",
	detect, read_resources
};
