/*
 * arm — the "arm-template" reader: Azure Resource Manager deployment
 * templates (JSON or YAML) and their parameters files, into the Azure model.
 *
 * Detected: an object whose "$schema" names deploymentTemplate.json (also
 * subscription-, managementGroup- and tenantDeploymentTemplate.json) with
 * "resources" (a list, or the languageVersion 2.0 object of symbolic names);
 * and a parameters file ("$schema" …deploymentParameters.json, "parameters":
 * {"x": {"value": V}}), whose values go with a template as arm_params.c says
 * ("<stem>.parameters*.json" beside "<stem>.json"; otherwise every template
 * read after it). Without a value a parameter takes its defaultValue; without
 * one, each of its allowedValues; without those it is a placeholder.
 *
 * Deployment target: the schema's level — resource group
 * /subscriptions/{subscription}/resourceGroups/{resourceGroup}, subscription
 * /subscriptions/{subscription}, management group
 * /providers/Microsoft.Management/managementGroups/{managementGroup}, or the
 * tenant root "/" — where the braces are placeholders for what only the
 * deployment command says. Nested deployments move it (scope,
 * subscriptionId, resourceGroup).
 *
 * Mapped (every object placed at its resource in the template):
 *   Microsoft.Authorization/roleAssignments   role assignments: principalId, roleDefinitionId (a GUID
 *                                             names a built-in role), principalType, condition; scope:
 *                                             the "scope" property, the parent of an old-style
 *                                             ".../providers/roleAssignments" child, else the target
 *   Microsoft.Authorization/roleDefinitions   custom roles (read as azure-role-definitions reads them)
 *   every other deployed resource             an az_resource with its tags; identity SystemAssigned
 *                                             and userAssignedIdentities, and
 *                                             Microsoft.ManagedIdentity/userAssignedIdentities
 *                                             resources, become managed identities of their host
 *   child resources, copy loops, "condition", inline nested deployments (scope inner: the
 *   nested template's own parameters from the deployment's "parameters"; outer: the parent's)
 * Not read: linked templates (templateLink: a warning), outputs, user-defined functions
 * (placeholders), deployment scripts' effects, deny assignments (templates cannot make them).
 *
 * Placeholders: a value only the deployment knows is a string in braces —
 * "{subscription}", "{parameters('principalId')}", "{uniqueString(resourceGroup().id)}",
 * and "{identity:<resource id>}" for the object id of a managed identity the
 * template creates (reference(...).principalId and .identity.principalId of a
 * declared resource give it, so an assignment to it links to its host).
 * A '/' inside a placeholder is written %2F (identity keys keep theirs), so a
 * placeholder is one segment of an id. One placeholder is one value in every
 * template read together (sound: what may be one is read as one). Unknown
 * values never drop access: an alternative (if() on an unknown condition, an
 * unknown key, a parameter's allowedValues) is one assignment each; an
 * unknown principal is a placeholder principal; an unknown role is treated by
 * the evaluator as granting everything (conditional); an unknown scope is the
 * widest the template can name. Placeholders in a role definition's actions
 * and dataActions match anything, in notActions and notDataActions nothing.
 * FORMATS.md has the details.
 *
 * Ownership: the model copies what it keeps; parameters files' values are
 * copied into the model's arena (they must outlive their document).
 */
#ifndef PG_ARM_H
#define PG_ARM_H

#include "ingest/ingest.h"

extern const ingest_format ingest_arm_format;

#endif
