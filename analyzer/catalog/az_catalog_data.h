/*
 * az_catalog_data — the layout of the generated Azure tables (private).
 *
 * Only az_catalog.c and the generated build/gen/az_ops_data.c and
 * build/gen/az_roles_data.c include this; everyone else uses az_catalog.h.
 * tools/gen_az_ops.c and tools/gen_az_roles.c produce the tables at build
 * time from the bundled CSV and JSON; they are read-only.
 *
 * Every string lives in one pool per table and is named by its byte offset,
 * so the tables hold no pointers (no relocations, all in .rodata).
 *
 * Invariants the generators check: operations are sorted by lowercase name in
 * byte order and unique ignoring case; roles are sorted by GUID (lowercase),
 * by_name orders role indices by lowercase roleName, both without duplicates.
 */
#ifndef PG_AZ_CATALOG_DATA_H
#define PG_AZ_CATALOG_DATA_H

#include <stddef.h>
#include <stdint.h>

/* planes bits of an operation: an operation can be both (7 in the catalogue) */
#define AZ_OPS_CONTROL 1u
#define AZ_OPS_DATA 2u

typedef struct az_ops_tables {
	const char *names;          /* pool: NUL-terminated names, catalogue spelling */
	const uint32_t *name;       /* [count] offsets in names, sorted (see above) */
	const uint8_t *planes;      /* [count] AZ_OPS_* bits */
	size_t count;
	size_t n_data;              /* operations with AZ_OPS_DATA */
} az_ops_tables;

/* Pattern lists of a permission block; AZ_PL_* index first/count. */
enum { AZ_PL_ACTIONS, AZ_PL_NOT_ACTIONS, AZ_PL_DATA_ACTIONS, AZ_PL_NOT_DATA_ACTIONS, AZ_PL_N };

#define AZ_ROLES_NONE UINT32_MAX    /* no string (a block without condition) */

typedef struct az_roles_perm {
	uint32_t first[AZ_PL_N];    /* index in refs of the list's first pattern */
	uint32_t count[AZ_PL_N];
	uint32_t condition;         /* offset in strs, or AZ_ROLES_NONE */
} az_roles_perm;

typedef struct az_roles_role {
	uint32_t guid;              /* offset in strs: lowercase GUID */
	uint32_t name;              /* offset in strs: roleName */
	uint32_t perm_first;        /* index in perms */
	uint32_t n_perms;
	uint32_t scope_first;       /* index in refs of the first assignable scope */
	uint32_t n_scopes;
} az_roles_role;

typedef struct az_roles_tables {
	const char *strs;           /* pool of every string, deduplicated */
	const uint32_t *refs;       /* offsets in strs: patterns and scopes */
	const az_roles_perm *perms;
	const az_roles_role *roles; /* [count] sorted by guid */
	const uint16_t *by_name;    /* [count] role indices sorted by lowercase name */
	size_t count;
} az_roles_tables;

extern const az_ops_tables az_ops_generated;
extern const az_roles_tables az_roles_generated;

#endif
