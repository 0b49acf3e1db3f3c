/*
 * az_resources — Azure resources ("azure-resources"): `az resource list`,
 * `az resource show`, `az identity list` and ARM REST resource lists
 * ({"value": [...]}), JSON or YAML.
 *
 * Per record: "id" (required, a resource id), "name", "type", "tags" (an
 * object of strings; null, absent or {} all mean no tags — ARM omits empty
 * tags), and "identity":
 *
 *   {"type": "SystemAssigned, UserAssigned", "principalId": G, "tenantId": T,
 *    "userAssignedIdentities": {"<identity resource id>": {"principalId": G2, "clientId": C}}}
 *
 * Each principalId becomes an AZP_MANAGED_IDENTITY principal linked to the
 * resource (azm_link_identity); a user-assigned identity's resource (the map
 * key) is registered and linked to it too, and so is a
 * Microsoft.ManagedIdentity/userAssignedIdentities record with its
 * (properties.)principalId: controlling that resource is controlling the
 * identity. tenantId is the identity's tenant, and a tenant of the estate
 * (azm_add_home_tenant).
 *
 * The customer-managed key of storage accounts, Cosmos DB accounts, disks
 * and disk encryption sets is read by az_encryption (az_encryption.h).
 *
 * Records are read in order; a bad record is reported and the rest are read.
 * When two inputs describe one resource, the one read last sets its tags.
 *
 * Ownership: copies what it keeps into the model (see model/azure.h).
 */
#ifndef PG_AZ_RESOURCES_H
#define PG_AZ_RESOURCES_H

#include "ingest/ingest.h"
#include "model/azure.h"

extern const ingest_format ingest_az_resources_format;

/* The resource with this id, added when new, its type and name filled from
 * the id when no input said them; NULL when id is not a resource id. */
az_resource *az_resources_add_by_id(ingest_ctx *c, const char *id);

#endif
