/* az_account — the subscription list reader (see az_account.h for the shapes). */
#include "ingest/az_account.h"
#include "ingest/az_common.h"
#include "base/strbuf.h"

#include <string.h>
#include <strings.h>

#define SUB_PREFIX "/subscriptions/"
/* the name az CLI gives the row of a tenant signed into without subscriptions */
#define TENANT_LEVEL "N/A(tenant level account)"

/* The subscription id in "GUID" or "/subscriptions/GUID"; NULL when it is neither. */
static const char *sub_of(const char *id)
{
	if (!strncasecmp(id, SUB_PREFIX, strlen(SUB_PREFIX)))
		id += strlen(SUB_PREFIX);
	return *id && !strchr(id, '/') ? id : NULL;
}

static int read_row(ingest_ctx *c, azm *a, const doc_node *row, strbuf *sb)
{
	int err = 0;
	const char *sid = az_str(c, row, "subscriptionId", &err), *id = az_str(c, row, "id", &err);
	const char *tenant = az_str(c, row, "tenantId", &err), *home = az_str(c, row, "homeTenantId", &err);
	const char *name = az_str(c, row, "displayName", &err), *sub;
	const doc_node *at = az_field(row, sid ? "subscriptionId" : "id");
	az_scope *s;

	if (!name)
		name = az_str(c, row, "name", &err);   /* az CLI calls the display name "name" */
	if (tenant)
		azm_add_home_tenant(a, tenant);
	if (home)
		azm_add_home_tenant(a, home);
	if (err)
		return err;
	if ((name && !strncmp(name, TENANT_LEVEL, strlen(TENANT_LEVEL))) ||
	    (!sid && id && tenant && !strcasecmp(id, tenant)))
		return 0;       /* a tenant without subscriptions: its tenant id was all there was */
	sub = sid ? sub_of(sid) : id ? sub_of(id) : NULL;
	if (!sub || !az_is_guid(sub)) {
		if (!at || at->type != DOC_STRING)
			diag_list_addf(c->diags, DIAG_ERROR, row->file, row->line, row->col,
				       "missing 'id' (the subscription id)");
		else
			diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
				       "'%s' is not a subscription id", at->str);
		return PG_EINPUT;
	}
	strbuf_reset(sb);
	strbuf_addf(sb, SUB_PREFIX "%s", sub);
	s = azm_add_scope(a, sb->buf);
	if (!s->loc.file)
		s->loc = az_loc(c, row);
	if (name && !s->name)
		s->name = model_intern(c->m, name);
	/* the row is the subscription's own word on its tenant (over what a hierarchy
	 * export implied); homeTenantId, as tenantId is the signed-in tenant */
	if (home || tenant)
		s->tenant = azm_key(a, home ? home : tenant);
	/* managedByTenants: Lighthouse managing tenants; the model keeps no field for
	 * them and the delegations come from the registration definitions */
	return 0;
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *rec = az_detect_record(root);
	const char *id, *sub;

	(void)path;
	if (!rec)
		return 0;
	/* ARM resources and management-group entities carry a type or properties */
	if (doc_get(rec, "type") || doc_get(rec, "properties") || !doc_get_str(rec, "tenantId"))
		return 0;
	id = doc_get_str(rec, "subscriptionId") ? doc_get_str(rec, "subscriptionId") : doc_get_str(rec, "id");
	if (!id || !(sub = sub_of(id)) || !az_is_guid(sub))
		return 0;
	return doc_get(rec, "isDefault") || doc_get(rec, "homeTenantId") || doc_get(rec, "state") ||
	       doc_get(rec, "managedByTenants");
}

static int read_accounts(ingest_ctx *c, const doc_node *root)
{
	doc_node *const *items;
	const doc_node *single;
	strbuf sb = STRBUF_INIT;
	azm *a;
	size_t i, n;
	int err = 0;

	if (az_records(root, &items, &n, &single) < 0)
		return az_type_error(c, root, NULL, "expected an account (object) or a list of them (array)");
	a = model_azure(c->m);
	for (i = 0; i < n; i++) {
		const doc_node *row = items[i];
		if (row->type != DOC_OBJECT)
			az_type_error(c, row, &err, "each account entry must be an object");
		else if (read_row(c, a, row, &sb) < 0)
			err = PG_EINPUT;
	}
	strbuf_release(&sb);
	return err;
}

const ingest_format ingest_az_account_format = {
	"azure-accounts",
	"Azure subscriptions: az account list / az account show (or REST Subscriptions_List)",
	detect, read_accounts
};
