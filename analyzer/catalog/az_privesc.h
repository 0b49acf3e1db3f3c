/*
 * az_privesc — the catalogue of Azure privilege-escalation techniques that
 * the permission graph turns into can-act-as edges.
 *
 * A hand-written table (az_privesc.c; each technique cites the Microsoft
 * Learn page it rests on). Operation names are spelled as the bundled
 * operations catalogue spells them (az_catalog.h); tests/test_az_privesc.c
 * checks that each exists there in the plane the table says.
 *
 * How the graph reads an entry, for an actor A:
 *   a technique applies when, for ONE of its alternatives, A is allowed
 *   EVERY operation of that alternative (Azure RBAC: assignments, deny
 *   assignments and conditions included), each on the resource its `where`
 *   names. A then gains what `gain` says, on the resource or scope named by
 *   the operations whose `where` equals the technique's `where` (the target).
 *   Operations compare ignoring case.
 *
 * Flags mark what the exports may not decide (a vault's permission model, a
 * storage account's shared-key setting, an Entra directory role …): when the
 * input carries the property the graph decides it; otherwise the edge must
 * be reported as conditional, naming the flag, not silently dropped or
 * asserted.
 *
 * Ownership: everything is static read-only data (no initialisation, safe
 * from any thread); returned pointers are borrowed for the life of the program.
 */
#ifndef PG_AZ_PRIVESC_H
#define PG_AZ_PRIVESC_H

#include <stddef.h>

#include "catalog/az_catalog.h"

/* Where an operation must be allowed. */
typedef enum az_privesc_where {
	AZ_PE_UNKNOWN = 0,
	AZ_PE_AT_SCOPE,     /* at a scope (management group, subscription, resource
	                       group or resource): acts at that scope and below */
	AZ_PE_ON_HOST,      /* on an existing host resource (resource_types) that
	                       runs code as a managed identity */
	AZ_PE_ON_STORE,     /* on a data store (storage account, Cosmos DB account) */
	AZ_PE_ON_VAULT,     /* on a key vault */
	AZ_PE_TENANT,       /* tenant-wide: the root scope "/" */
	AZ_PE_ON_IDENTITY,  /* on a user-assigned managed identity */
	AZ_PE_NEW_HOST      /* on a host the actor creates: any scope where it may
	                       create that resource (its type is the operation's
	                       resource type), or a host it already controls */
} az_privesc_where;

/* What the actor gains once the technique succeeds. */
typedef enum az_privesc_gain {
	AZ_GAIN_UNKNOWN = 0,
	AZ_GAIN_ANY_ROLE_AT_SCOPE,   /* any role, data roles included, at the scope */
	AZ_GAIN_WIDEN_ASSIGNED_ROLE, /* any operation (data too) wherever a custom role
	                                it may rewrite is assigned to it or to a group
	                                it is in (see AZ_PE_F_ASSIGNED_ROLE) */
	AZ_GAIN_ROOT_UAA,            /* User Access Administrator at "/" */
	AZ_GAIN_STORAGE_DATA,        /* read and write of the store's data (account
	                                keys or SAS), without data actions */
	AZ_GAIN_VAULT_DATA,          /* keys, secrets and certificates of the vault */
	AZ_GAIN_IDENTITY_OF_HOST,    /* act as the managed identities the host runs as */
	AZ_GAIN_IDENTITY             /* act as the user-assigned identity itself */
} az_privesc_gain;

/* Conditions the inputs may not decide (bits of az_privesc_technique.flags). */
enum {
	AZ_PE_F_SHARED_KEY = 1u << 0,    /* the store accepts keys: Storage allowSharedKeyAccess
	                                    not false, Cosmos DB disableLocalAuth not true */
	AZ_PE_F_ACCESS_POLICY = 1u << 1, /* the vault uses access policies: enableRbacAuthorization
	                                    false or absent */
	AZ_PE_F_ENTRA_ROLE = 1u << 2,    /* allowed by an Entra directory role (Global
	                                    Administrator), not by Azure RBAC */
	AZ_PE_F_BASIC_AUTH = 1u << 3,    /* App Service basic publishing credentials allowed
	                                    (basicPublishingCredentialsPolicies) */
	AZ_PE_F_MACHINE_LOGIN = 1u << 4, /* the machine has the Entra login extension and can
	                                    be reached over RDP/SSH */
	AZ_PE_F_KUBERNETES = 1u << 5,    /* rights inside the cluster come from local accounts
	                                    or Kubernetes RBAC; the identity gained is the
	                                    kubelet identity, not the cluster's own */
	AZ_PE_F_ASSIGNED_ROLE = 1u << 6  /* only a custom role already assigned to the actor
	                                    (or a group it is in) widens its access */
};

typedef struct az_privesc_op {
	const char *name;           /* catalogue spelling */
	az_op_plane plane;          /* AZ_OP_CONTROL (Actions) or AZ_OP_DATA (DataActions) */
	az_privesc_where where;
} az_privesc_op;

/* One way to perform a technique: every operation is needed. */
typedef struct az_privesc_alt {
	const az_privesc_op *ops;
	size_t n_ops;
} az_privesc_alt;

typedef struct az_privesc_technique {
	const char *id;             /* "az-001" */
	const char *name;           /* short description */
	az_privesc_where where;     /* where the target is */
	az_privesc_gain gain;
	const az_privesc_alt *alternatives;  /* any one suffices */
	size_t n_alternatives;
	/* Resource types the target may be ("Microsoft.Compute/virtualMachines"):
	 * hosts, stores, vaults or identities; none for scopes and the tenant. */
	const char *const *resource_types;
	size_t n_resource_types;
	unsigned flags;             /* AZ_PE_F_* */
	const char *conditions;     /* prose: what else must hold, what is not modelled; or NULL */
	const char *remediation;
	const char *reference;      /* the Microsoft Learn page it rests on */
} az_privesc_technique;

/* Number of techniques. */
size_t az_privesc_count(void);

/* Technique i (in id order), or NULL when i >= count. */
const az_privesc_technique *az_privesc_get(size_t i);

/* The technique with this id ("az-001", any case), or NULL (also for NULL). */
const az_privesc_technique *az_privesc_find(const char *id);

/* 1 when one of t's alternatives includes op (exact name, any case; no
 * wildcards), 0 otherwise or when either is NULL. */
int az_privesc_uses(const az_privesc_technique *t, const char *op);

/* The techniques that use op (as az_privesc_uses), in id order: stores up to
 * max of them in out and returns how many there are (may exceed max; out may
 * be NULL if max is 0). */
size_t az_privesc_by_operation(const char *op, const az_privesc_technique **out, size_t max);

/* "at-scope", "identity-of-host", "shared-key" …: the names used in output;
 * "unknown" for 0, anything out of range, or a flag value that is not exactly
 * one known bit. */
const char *az_privesc_where_name(az_privesc_where w);
const char *az_privesc_gain_name(az_privesc_gain g);
const char *az_privesc_flag_name(unsigned flag);

#endif
