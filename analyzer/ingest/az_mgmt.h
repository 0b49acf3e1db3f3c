/*
 * az_mgmt — the "azure-management-groups" reader: the management-group
 * hierarchy as Azure writes it, JSON or YAML:
 *
 *   - `az account management-group show --name X --expand [--recurse]` and
 *     REST Get (`$expand=children[&$recurse=true]`): one group with its
 *     parent in details.parent and its children (each with its own children
 *     when recursive);
 *   - `az account management-group list` (groups without parents);
 *   - `az account management-group entities list`, REST Entities_List and
 *     Get Descendants: every group and subscription with parent.id.
 *
 * REST keeps the fields under "properties", the CLI flattens them (az_field
 * looks in both). A child's "type" is "Microsoft.Management/managementGroups"
 * (or "/providers/…" in old API versions) or "/subscriptions" (or
 * "Microsoft.Management/managementGroups/subscriptions"); 2017 previews say
 * childId/childType. The node's kind comes from its id when it has one.
 *
 * It adds an az_scope per group ("/providers/Microsoft.Management/
 * managementGroups/<name>") and subscription ("/subscriptions/<id>"), with
 * displayName, tenant (the record's tenantId, inherited by its children) and
 * parent links; each tenantId seen is a home tenant. The tenant root group —
 * the group named after the tenant id — sits directly under "/" (parent NULL,
 * parent_known 1). A node given two different parents keeps the first, with
 * a warning at the second; a parent link that would close a cycle is a
 * placed error and is not made, so nothing walking the tree can loop.
 *
 * Ownership: scopes live in the model; no document pointer is kept.
 */
#ifndef PG_AZ_MGMT_H
#define PG_AZ_MGMT_H

#include "ingest/ingest.h"

extern const ingest_format ingest_az_mgmt_format;

#endif
