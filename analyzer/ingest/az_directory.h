/*
 * az_directory — Entra ID directory objects ("azure-directory"): users,
 * groups and service principals as `az ad user|group|sp list` and Microsoft
 * Graph write them, JSON or YAML.
 *
 * Shapes: a bare array (az CLI), {"@odata.context", "value": [...]} (Graph),
 * or one object (`az ad user show`, Graph GET). Records may be mixed; each
 * one's kind comes from "@odata.type" (#microsoft.graph.user, .group,
 * .servicePrincipal), else the legacy AAD Graph "objectType" (with
 * "objectId"), else its fields: servicePrincipalType or servicePrincipalNames
 * (service principal), userPrincipalName (user), securityEnabled, mailEnabled
 * or groupTypes (group). Devices and other unknown directory objects become
 * principals of unknown kind (their memberships are kept); org contacts
 * cannot sign in and are skipped.
 *
 *   users  → AZP_USER: displayName, userPrincipalName, userType. A guest
 *            (userType Guest, "#EXT#" in the UPN, creationType Invitation or
 *            an externalUserState) is marked external with that reason.
 *   service principals → AZP_SERVICE_PRINCIPAL, or AZP_MANAGED_IDENTITY for
 *            servicePrincipalType ManagedIdentity: appId kept as upn,
 *            appOwnerOrganizationId (legacy appOwnerTenantId) as owner_tenant.
 *            A managed identity's alternativeNames hold the resource id of
 *            its host (system-assigned) or of the user-assigned identity
 *            resource: that resource is linked to the identity.
 *   groups → AZP_GROUP; an expanded "members" array (GET
 *            /groups?$expand=members) records each member, nested groups
 *            included. Graph's $expand returns at most 20 members with no
 *            next link: a list that long (or with members@odata.nextLink)
 *            leaves the membership unknown, with a warning.
 *
 * Group member lists: `az ad group member list --group G` does not name G,
 * so such a file is read only from a folder named "group-members" whose file
 * is named after the group's object id:
 *
 *   export/group-members/3f2c1a9e-0b7d-4c5e-9a61-2d8f4b7e6c10.json
 *
 * An empty list there says the group has no members.
 *
 * Ownership: copies what it keeps into the model (see model/azure.h).
 */
#ifndef PG_AZ_DIRECTORY_H
#define PG_AZ_DIRECTORY_H

#include "ingest/ingest.h"

extern const ingest_format ingest_az_directory_format;

#endif
