/*
 * az_lighthouse — the "azure-lighthouse" reader: Azure Lighthouse
 * registration definitions and registration assignments, JSON or YAML, as
 * REST (RegistrationDefinitions_List/Get, RegistrationAssignments_List/Get,
 * with or without $expandRegistrationDefinition=true) and
 * `az managedservices definition list|show` / `assignment list|show
 * [--include-definition true]` write them (the CLI keeps "properties").
 *
 * A registration definition (managedByTenantId, authorizations
 * [{principalId, principalIdDisplayName, roleDefinitionId,
 * delegatedRoleDefinitionIds}], eligibleAuthorizations [{…,
 * justInTimeAccessPolicy}], manageeTenantId) grants principals of the
 * managing tenant a built-in role on every scope a registration assignment
 * projects it onto (the part of the assignment's id before
 * "/providers/Microsoft.ManagedServices/": a subscription or resource group).
 * Each authorization becomes an az_assignment with delegated_from = the
 * managing tenant, role_guid = roleDefinitionId, loc at the authorization;
 * its principal (kind unknown, named by principalIdDisplayName) is marked
 * external ("Lighthouse delegation from tenant <id>"). manageeTenantId is a
 * home tenant.
 *
 * Joining definitions to assignments, whatever the file order:
 *   - an assignment that embeds its definition (expanded) projects it at the
 *     assignment's scope: AZA_LIGHTHOUSE, and AZA_LIGHTHOUSE_ELIGIBLE for
 *     eligible (just-in-time) authorizations;
 *   - an assignment naming a definition of the same file by id does the same;
 *   - a definition that no assignment of its own file projects gives
 *     AZA_LIGHTHOUSE_UNASSIGNED entries (eligible ones too) at its own
 *     subscription: access only if the definition is assigned (conditional);
 *   - an assignment naming by id a definition of another file adds nothing
 *     but a note: that definition's unassigned entries stand for it (exported
 *     with the definition embedded, it would be projected exactly).
 * delegatedRoleDefinitionIds (the roles a User Access Administrator
 * authorization may assign) have no model field: such an authorization is
 * kept as the whole role, which over-approximates.
 *
 * Ownership: assignments and principals live in the model; no document
 * pointer is kept.
 */
#ifndef PG_AZ_LIGHTHOUSE_H
#define PG_AZ_LIGHTHOUSE_H

#include "ingest/ingest.h"

extern const ingest_format ingest_az_lighthouse_format;

#endif
