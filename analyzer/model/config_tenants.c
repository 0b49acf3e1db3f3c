/*
 * config_tenants — the tenants section of permgraph.yaml: names, accounts,
 * subscriptions and tags, each claimed by one tenant at most.
 */
#include "model/config_internal.h"
#include "base/strci.h"

#include <string.h>

static const config_tenant *account_owner(const config *c, const char *acct)
{
	size_t i, j;

	for (i = 0; i < c->n_tenants; i++)
		for (j = 0; j < c->tenants[i].n_aws_accounts; j++)
			if (!strcmp(c->tenants[i].aws_accounts[j], acct))
				return &c->tenants[i];
	return NULL;
}

static const config_tenant *subscription_owner(const config *c, const char *sub)
{
	size_t i, j;

	for (i = 0; i < c->n_tenants; i++)
		for (j = 0; j < c->tenants[i].n_azure_subscriptions; j++)
			if (!strcmp(c->tenants[i].azure_subscriptions[j], sub))
				return &c->tenants[i];
	return NULL;
}

static const config_tenant *tag_owner(const config *c, const char *key, const char *value)
{
	size_t i, j;

	/* keys any case too: on Azure "Tenant" and "tenant" are one tag */
	for (i = 0; i < c->n_tenants; i++)
		for (j = 0; j < c->tenants[i].n_tags; j++)
			if (!strci_cmp(c->tenants[i].tags[j].key, key) && !strci_cmp(c->tenants[i].tags[j].value, value))
				return &c->tenants[i];
	return NULL;
}

/* Read t's accounts or subscriptions (the tenant is not yet in c, so the owner
 * lookups see only the earlier tenants). */
static void tenant_ids(config_reader *p, config_tenant *t, const doc_node *obj, int azure)
{
	const char *key = azure ? "azure_subscriptions" : "aws_accounts";
	const doc_node *list = config_section(p, obj, key, DOC_ARRAY), **nodes;
	const char **ids;
	size_t i, n, kept = 0;

	if (!list)
		return;
	ids = azure ? config_strings(p, list, key, config_is_guid, "a subscription id (a GUID)", &n, &nodes)
		    : config_strings(p, list, key, config_is_account, "a 12-digit AWS account id", &n, &nodes);
	for (i = 0; i < n; i++) {
		const config_tenant *other;
		char *id = (char *)ids[i];
		size_t k;

		if (azure)      /* subscription ids are GUIDs: any case */
			for (k = 0; id[k]; k++)
				id[k] = (char)strci_lower((unsigned char)id[k]);
		other = azure ? subscription_owner(p->c, id) : account_owner(p->c, id);
		if (other) {
			ERR(p, nodes[i], "%s '%s' is in tenant '%s' and tenant '%s'", azure ? "subscription" : "account",
			    id, other->name ? other->name : "(unnamed)", t->name ? t->name : "(unnamed)");
			continue;
		}
		for (k = 0; k < kept && strcmp(ids[k], id); k++)
			;
		if (k == kept)
			ids[kept++] = id;
	}
	if (azure) {
		t->azure_subscriptions = ids;
		t->n_azure_subscriptions = kept;
	} else {
		t->aws_accounts = ids;
		t->n_aws_accounts = kept;
	}
}

static void tenant_tags(config_reader *p, config_tenant *t, const doc_node *obj)
{
	const doc_node *map = config_section(p, obj, "tags", DOC_OBJECT);
	size_t i;

	if (!map)
		return;
	config_check_keys(p, map, NULL, "'tags'");
	t->tags = ARENA_ARRAY(&p->c->arena, tag, map->len + 1);
	for (i = 0; i < map->len; i++) {
		const doc_node *k = map->keys[i], *v = map->items[i];
		const char *value = config_scalar(p, v, "a tag value");
		const config_tenant *other;

		if (!value)
			continue;
		if ((other = tag_owner(p->c, k->str, value)) != NULL) {
			ERR(p, k, "tag '%s: %s' names tenant '%s' and tenant '%s'", k->str, value,
			    other->name ? other->name : "(unnamed)", t->name ? t->name : "(unnamed)");
			continue;
		}
		t->tags[t->n_tags].key = arena_strdup(&p->c->arena, k->str);
		t->tags[t->n_tags++].value = value;
	}
}

void config_read_tenants(config_reader *p, const doc_node *list)
{
	static const char *const keys[] = { "name", "aws_accounts", "azure_subscriptions", "tags", NULL };
	config *c = p->c;
	size_t i, j;

	c->tenants = ARENA_ARRAY(&c->arena, config_tenant, list->len + 1);
	for (i = 0; i < list->len; i++) {
		const doc_node *it = list->items[i], *name_node;
		config_tenant *t = &c->tenants[c->n_tenants];

		if (it->type != DOC_OBJECT) {
			ERR(p, it, "a tenant must be an object, not %s", doc_type_phrase(it->type));
			continue;
		}
		config_check_keys(p, it, keys, "a tenant");
		t->loc = (pg_loc){ c->path, it->line, it->col };
		t->name = config_member(p, it, "name", "a tenant", &name_node);
		if (t->name && !*t->name) {
			ERR(p, name_node, "a tenant name must not be empty");
			t->name = NULL;
		}
		for (j = 0; t->name && j < c->n_tenants; j++)
			if (c->tenants[j].name && !strcmp(c->tenants[j].name, t->name)) {
				ERR(p, name_node, "duplicate tenant '%s' (first at line %u)", t->name,
				    c->tenants[j].loc.line);
				break;
			}
		tenant_ids(p, t, it, 0);
		tenant_ids(p, t, it, 1);
		tenant_tags(p, t, it);
		if (!doc_get(it, "aws_accounts") && !doc_get(it, "azure_subscriptions") && !doc_get(it, "tags"))
			config_report(p, DIAG_WARNING, it, "tenant '%s' has no aws_accounts, azure_subscriptions or tags: "
				      "nothing can belong to it", t->name ? t->name : "(unnamed)");
		c->n_tenants++;
	}
}

