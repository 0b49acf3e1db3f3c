/* az_encryption — customer-managed keys of Azure storage, Cosmos DB and disks; see az_encryption.h. */
#include "ingest/az_encryption.h"
#include "ingest/az_common.h"
#include "base/strbuf.h"
#include "base/strci.h"
#include "eval/azure_id.h"

#include <string.h>
#include <strings.h>

static void set_key(ingest_ctx *c, az_resource *r, const char *key, const doc_node *at)
{
	pg_loc none = { NULL, 0, 0 };

	r->encryption_key = key;
	r->encryption_loc = at ? az_loc(c, at) : none;
}

/* Append s[0..len) lowercased. */
static void add_lower(strbuf *sb, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		strbuf_addch(sb, strci_lower((unsigned char)s[i]));
}

/*
 * The canonical key URL into out: from a vault URL and a key name (name not
 * NULL: "https://v.vault.azure.net[/]"), or from a key URL
 * ("https://v.vault.azure.net/keys/k[/version][/]"). -1 when malformed.
 */
static int key_url(const char *url, const char *name, strbuf *out)
{
	const char *host = url + 8, *path, *key, *end;
	size_t host_len;

	if (strncasecmp(url, "https://", 8) || strpbrk(url, " \t\n?#") || (name && (!*name || strpbrk(name, "/ \t\n"))))
		return -1;
	path = host + strcspn(host, "/");
	host_len = (size_t)(path - host);
	if (host_len > 4 && !strncmp(path - 4, ":443", 4))
		host_len -= 4;  /* the default port names the same vault */
	if (!host_len || memchr(host, ':', host_len))
		return -1;
	strbuf_addstr(out, "https://");
	add_lower(out, host, host_len);
	strbuf_addstr(out, "/keys/");
	if (name) {
		if (*path && strcmp(path, "/"))
			return -1;
		add_lower(out, name, strlen(name));
		return 0;
	}
	if (strncasecmp(path, "/keys/", 6))
		return -1;
	key = path + 6;
	end = key + strcspn(key, "/");
	/* a version segment may follow; nothing after it but one slash */
	if (end == key || (*end && end[1] && strchr(end + 1, '/') && strcmp(strchr(end + 1, '/'), "/")))
		return -1;
	add_lower(out, key, (size_t)(end - key));
	return 0;
}

/* n a key URL string (NULL/null: no key); name the key name when n is a vault URL. */
static int set_vault_key(ingest_ctx *c, az_resource *r, const doc_node *n, const char *what, const doc_node *name)
{
	strbuf sb = STRBUF_INIT;
	int err = 0;

	if (!n || n->type == DOC_NULL) {
		set_key(c, r, NULL, NULL);
		return 0;
	}
	if (n->type != DOC_STRING)
		return az_type_error(c, n, NULL, "'%s' must be a string (a Key Vault URL)", what);
	if (name && name->type != DOC_STRING)
		return az_type_error(c, name, NULL, "'keyname' must be a string");
	if (key_url(n->str, name ? name->str : NULL, &sb) < 0) {
		diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col,
			       name ? "malformed Key Vault key: vault URL '%s', key name '%s' (expected "
				      "https://VAULT.vault.azure.net and a key name)"
				    : "malformed Key Vault key URL '%s'%s (expected "
				      "https://VAULT.vault.azure.net/keys/NAME[/VERSION])",
			       n->str, name ? name->str : "");
		err = PG_EINPUT;
	} else {
		set_key(c, r, model_intern(c->m, sb.buf), name ? name : n);
	}
	strbuf_release(&sb);
	return err;
}

static int read_storage(ingest_ctx *c, az_resource *r, const doc_node *enc)
{
	const doc_node *src, *kvp, *uri, *name;

	if (enc->type != DOC_OBJECT)
		return az_type_error(c, enc, NULL, "'encryption' must be an object");
	src = doc_get_ci(enc, "keySource");
	if (!src || src->type == DOC_NULL || (src->type == DOC_STRING && !strcasecmp(src->str, "Microsoft.Storage"))) {
		set_key(c, r, NULL, NULL);      /* Microsoft-managed keys (the default) */
		return 0;
	}
	if (src->type != DOC_STRING || strcasecmp(src->str, "Microsoft.Keyvault")) {
		if (src->type != DOC_STRING)
			return az_type_error(c, src, NULL, "'keySource' must be a string");
		diag_list_addf(c->diags, DIAG_ERROR, src->file, src->line, src->col,
			       "unknown keySource '%s' (expected Microsoft.Storage or Microsoft.Keyvault)", src->str);
		return PG_EINPUT;
	}
	kvp = doc_get_ci(enc, "keyvaultproperties");
	if (!kvp || kvp->type != DOC_OBJECT) {
		if (kvp)
			return az_type_error(c, kvp, NULL, "'keyvaultproperties' must be an object");
		diag_list_addf(c->diags, DIAG_ERROR, enc->file, enc->line, enc->col,
			       "keySource Microsoft.Keyvault without 'keyvaultproperties' (keyvaulturi, keyname)");
		return PG_EINPUT;
	}
	uri = doc_get_ci(kvp, "keyvaulturi");
	name = doc_get_ci(kvp, "keyname");
	if (!uri || !name || uri->type == DOC_NULL || name->type == DOC_NULL) {
		diag_list_addf(c->diags, DIAG_ERROR, kvp->file, kvp->line, kvp->col,
			       "'keyvaultproperties' needs 'keyvaulturi' and 'keyname'");
		return PG_EINPUT;
	}
	return set_vault_key(c, r, uri, "keyvaulturi", name);
}

static int read_disk(ingest_ctx *c, az_resource *r, const doc_node *enc)
{
	const doc_node *des;
	azure_id x;

	if (enc->type != DOC_OBJECT)
		return az_type_error(c, enc, NULL, "'encryption' must be an object");
	des = doc_get_ci(enc, "diskEncryptionSetId");
	if (!des || des->type == DOC_NULL) {
		set_key(c, r, NULL, NULL);      /* platform-managed keys */
		return 0;
	}
	if (des->type != DOC_STRING)
		return az_type_error(c, des, NULL, "'diskEncryptionSetId' must be a string (a resource id)");
	if (azure_id_parse(des->str, &x) < 0 || x.kind != AZ_SCOPE_RESOURCE ||
	    !strci_str(des->str, "/providers/Microsoft.Compute/diskEncryptionSets/")) {
		diag_list_addf(c->diags, DIAG_ERROR, des->file, des->line, des->col,
			       "malformed disk encryption set id '%s' (expected /subscriptions/S/resourceGroups/RG/"
			       "providers/Microsoft.Compute/diskEncryptionSets/NAME)", des->str);
		return PG_EINPUT;
	}
	set_key(c, r, azm_key(model_azure(c->m), des->str), des);
	return 0;
}

static int type_is(const az_resource *r, const char *type)
{
	return r->type && !strcasecmp(r->type, type);
}

int az_encryption_read(ingest_ctx *c, az_resource *r, const doc_node *rec)
{
	const doc_node *n;

	if (type_is(r, "Microsoft.Storage/storageAccounts"))
		return (n = az_field(rec, "encryption")) && n->type != DOC_NULL ? read_storage(c, r, n) : 0;
	if (type_is(r, "Microsoft.DocumentDB/databaseAccounts"))
		return (n = az_field(rec, "keyVaultKeyUri")) ? set_vault_key(c, r, n, "keyVaultKeyUri", NULL) : 0;
	if (type_is(r, "Microsoft.Compute/disks") || type_is(r, "Microsoft.Compute/snapshots"))
		return (n = az_field(rec, "encryption")) && n->type != DOC_NULL ? read_disk(c, r, n) : 0;
	if (type_is(r, "Microsoft.Compute/diskEncryptionSets") && (n = az_field(rec, "activeKey")) &&
	    n->type != DOC_NULL) {
		if (n->type != DOC_OBJECT)
			return az_type_error(c, n, NULL, "'activeKey' must be an object");
		return set_vault_key(c, r, doc_get_ci(n, "keyUrl"), "keyUrl", NULL);
	}
	return 0;
}
