/*
 * az_catalog — the bundled Azure catalogues, compiled in at build time:
 *   - the resource-provider operations (azure-operations-2023-04-09.csv.gz:
 *     17,136 rows, 16,395 distinct operations once case-only duplicates are
 *     merged, 2,869 of them data actions; 7 are registered in both planes),
 *     which tell the control plane from the data plane and let validate flag
 *     unknown operations;
 *   - the 928 built-in role definitions (azure-built-in-roles.json), so an
 *     assignment that names a built-in role by GUID resolves without the
 *     role-definition export.
 * Operation names compare ASCII case-insensitively, as Azure does.
 *
 * Ownership: the tables are static; az_catalog_builtin_role allocates the
 * role in the model's arena (patterns point into the static tables).
 */
#ifndef PG_AZ_CATALOG_H
#define PG_AZ_CATALOG_H

#include <stddef.h>
#include "model/azure.h"

typedef enum { AZ_OP_UNKNOWN = 0, AZ_OP_CONTROL = 1, AZ_OP_DATA = 2 } az_op_plane;

/* The plane of an exact operation name (no wildcards), or AZ_OP_UNKNOWN; the
 * few operations registered in both planes answer AZ_OP_DATA (ask
 * az_catalog_match_count(op, AZ_OP_CONTROL) for the other). */
az_op_plane az_catalog_op_plane(const char *op);
/* The catalogue's spelling of op, or NULL when unknown. */
const char *az_catalog_op_name(const char *op);
size_t az_catalog_op_count(void);
/* The catalogued operations whose names start with prefix (ignoring case), in
 * catalogue order and spelling: stores up to max of them in out and returns
 * how many there are (the operations of a resource type: "Microsoft.Storage/storageAccounts/"). */
size_t az_catalog_ops_prefixed(const char *prefix, const char **out, size_t max);

/* How many catalogued operations of `plane` (AZ_OP_UNKNOWN: either) the
 * pattern matches ('*' spans '/'; case-insensitive). */
size_t az_catalog_match_count(const char *pattern, az_op_plane plane);
/* 1 when the resource-provider namespace (e.g. "Microsoft.Storage", any case) has operations in the catalogue. */
int az_catalog_provider_known(const char *ns, size_t len);
/* The closest catalogued operation to an unknown one (did you mean), or NULL. */
const char *az_catalog_suggest(const char *op);

/* The built-in role with this GUID (any case) added to a's roles with
 * bundled = 1, builtin = 1; the existing role when a already has it; NULL
 * when no built-in role has that GUID. */
az_role *az_catalog_builtin_role(azm *a, const char *guid);
/* The GUID (lowercase) of the built-in role named `role_name` (case-insensitive), or NULL. */
const char *az_catalog_builtin_guid(const char *role_name);
size_t az_catalog_builtin_count(void);
/* The GUID of built-in role i (lowercase; roles in GUID order), or NULL when i >= count. */
const char *az_catalog_builtin_guid_at(size_t i);

#endif
