/*
 * az_encryption — the customer-managed key of an Azure resource record, for
 * the azure-resources reader (az_resources.c): az_resource.encryption_key.
 *
 * Read where ARM (REST: under "properties") or the az CLI (flattened) puts it:
 *   Microsoft.Storage/storageAccounts   encryption.keySource "Microsoft.Keyvault" (any case) with
 *                                       encryption.keyvaultproperties {keyvaulturi, keyname, keyversion}
 *                                       → "<keyvaulturi>/keys/<keyname>"; "Microsoft.Storage": none
 *   Microsoft.DocumentDB/databaseAccounts  keyVaultKeyUri
 *   Microsoft.Compute/disks, snapshots  encryption.diskEncryptionSetId → that set's id (key form)
 *   Microsoft.Compute/diskEncryptionSets  activeKey.keyUrl (the set's own key)
 * Key Vault URLs are kept without version (every version is the same key to
 * whoever holds its permissions), lowercased (vault and key names are
 * case-insensitive), without a :443 port or trailing slash. SQL servers keep
 * their key in a child resource (encryptionProtector), not in a property of
 * the server: not read.
 *
 * A record without the property (az resource list without --expand) leaves
 * what other inputs said; one that has it replaces it.
 *
 * Ownership: the key is interned into the model; nothing else is kept.
 */
#ifndef PG_AZ_ENCRYPTION_H
#define PG_AZ_ENCRYPTION_H

#include "ingest/ingest.h"
#include "model/azure.h"

/* Set r->encryption_key from rec (r->type already set). 0, or PG_EINPUT after placed errors. */
int az_encryption_read(ingest_ctx *c, az_resource *r, const doc_node *rec);

#endif
