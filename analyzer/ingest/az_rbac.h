/*
 * az_rbac — the Azure RBAC readers (prefix az_rbac_, and az_read_role):
 *
 *   "azure-role-definitions"  az_roledefs.c     az role definition list, REST
 *                                               GET/list, the bundled built-in
 *                                               shape ("name" = GUID, no "id")
 *   "azure-role-assignments"  az_assignments.c  az role assignment list --all
 *                                               (flattened rows, with
 *                                               --include-classic-administrators
 *                                               too), REST rows with "properties",
 *                                               REST classicAdministrators lists
 *   "azure-deny-assignments"  az_deny.c         REST deny assignments (az has
 *                                               no list command but `az rest`)
 *
 * Every reader takes JSON or YAML in the record shapes of az_common (CLI
 * arrays, REST {"value": [...]}, one REST object, the azure-rest-api-specs
 * example wrapper). A bad record adds placed errors and is skipped; the rest
 * of the file is still read. ARM templates ("$schema" + "resources") are
 * never claimed: they have their own reader.
 *
 * Ownership: what the readers keep is copied into the model's arena (keys,
 * strings, arrays); no document pointer is kept.
 */
#ifndef PG_AZ_RBAC_H
#define PG_AZ_RBAC_H

#include "ingest/az_common.h"

extern const ingest_format ingest_az_roledefs_format, ingest_az_assignments_format, ingest_az_deny_format;

/*
 * Read one role definition record into the model (validate lints custom
 * roles with it). Errors are placed: missing "roleName" or "permissions",
 * wrong types, a permission block that is not an object, an unknown key in a
 * block (with "did you mean"), a malformed assignable scope. On success, 0
 * and *out = the model's role: a new one, or the one already known under the
 * same GUID (the first definition wins; the record is still checked). On
 * error, PG_EINPUT, *out = NULL and the model is unchanged.
 */
int az_read_role(ingest_ctx *c, const doc_node *rec, az_role **out);

/*
 * Permission blocks (role definitions and deny assignments): arr must be an
 * array of objects with actions, notActions, dataActions, notDataActions,
 * condition, conditionVersion (keys compare case-insensitively). 0 with
 * (*out, *n) in the model's arena, or PG_EINPUT after placed errors. `what`
 * names the owner in messages ("role definition", "deny assignment").
 */
int az_rbac_read_perms(ingest_ctx *c, const doc_node *arr, const char *what, az_perms **out, size_t *n);

/* --- helpers shared by the three readers (defined in az_roledefs.c) --- */

/* rec.key or rec.properties.key with the exact spelling (detection only). */
const doc_node *az_rbac_key(const doc_node *rec, const char *key);

/* 1 when the record's top-level "type" is `type` (ASCII case-insensitive). */
int az_rbac_type_is(const doc_node *rec, const char *type);

/* A boolean field: 0/1, or `dflt` when absent or null; another type is a
 * placed error (*err = PG_EINPUT). */
int az_rbac_bool(ingest_ctx *c, const doc_node *rec, const char *key, int dflt, int *err);

/*
 * The scope of an assignment record as written, interned: its "scope", else
 * the part of its "id" before `marker` ("/providers/Microsoft.Authorization/
 * roleAssignments/", compared case-insensitively; nothing before it is "/").
 * A scope azure_id_parse rejects, or no scope at all, is a placed error
 * (*err = PG_EINPUT, NULL returned). *kind gets the parsed scope kind.
 */
const char *az_rbac_scope(ingest_ctx *c, const doc_node *rec, const char *marker, int *kind, int *err);

/* The principal kind of a principalType (User, Group, ServicePrincipal,
 * ForeignGroup; anything else — Device, SystemDefined, absent — unknown). */
azp_kind az_rbac_principal_kind(const char *type);

/* The principal of object id `id` with the type as written; marks a
 * ForeignGroup external. */
az_principal *az_rbac_principal(ingest_ctx *c, const char *id, const char *type, const doc_node *at);

/* Read every record of root with `read_one`; when root holds none, the placed
 * error "expected <plural> (an array, {"value": [...]} or one <one>)".
 * PG_EINPUT when any record failed (the others are still read). */
int az_rbac_each(ingest_ctx *c, const doc_node *root, const char *plural, const char *one,
		 int (*read_one)(ingest_ctx *, const doc_node *));

#endif
