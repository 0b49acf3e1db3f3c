/*
 * az_account — the "azure-accounts" reader: the subscriptions the signed-in
 * identity sees, JSON or YAML:
 *
 *   - `az account list [--all]` rows and `az account show`: id (the
 *     subscription GUID), name, tenantId, homeTenantId, state, isDefault,
 *     managedByTenants [{tenantId}];
 *   - REST Subscriptions_List / Subscriptions_Get: id "/subscriptions/<id>",
 *     subscriptionId, displayName, tenantId, managedByTenants.
 *
 * Each row becomes an az_scope "/subscriptions/<id>" with its name and its
 * tenant (homeTenantId when given: a subscription projected by Lighthouse
 * shows the managing tenant as tenantId). tenantId and homeTenantId are home
 * tenants. Tenant-level rows (`az login --allow-no-subscriptions`: name
 * "N/A(tenant level account)", id = tenantId) add the tenant only. The rows
 * say nothing of the management-group hierarchy (az_mgmt reads that).
 * managedByTenants (the Lighthouse managing tenants) are not recorded: the
 * model has no field for them, and the delegations themselves come from the
 * registration definitions (az_lighthouse).
 *
 * Ownership: scopes live in the model; no document pointer is kept.
 */
#ifndef PG_AZ_ACCOUNT_H
#define PG_AZ_ACCOUNT_H

#include "ingest/ingest.h"

extern const ingest_format ingest_az_account_format;

#endif
