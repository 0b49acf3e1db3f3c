/*
 * azure — the Azure half of the permission model (prefix azm_): Entra ID
 * principals, role definitions, role and deny assignments, resources with
 * their managed identities, and the management-group hierarchy.
 *
 * Azure ids and object ids are case-insensitive, so every key the model
 * stores (object ids, role GUIDs, scopes, resource ids) is interned in its
 * canonical form: ASCII-lowercased, without a trailing slash ("/" for the
 * root). azm_key gives that form for any string; compare keys by pointer.
 * Display strings (names, ids as written) are kept beside the keys.
 *
 * Ownership: the azm belongs to its model (model_azure) and lives in the
 * model's arena; every pointer it hands out is borrowed until model_free.
 */
#ifndef PG_MODEL_AZURE_H
#define PG_MODEL_AZURE_H

#include <stddef.h>
#include "model/model.h"

/* The object id Azure uses for "everyone" in deny assignments. */
#define AZ_EVERYONE_ID "00000000-0000-0000-0000-000000000000"

typedef enum {
	AZP_UNKNOWN,            /* named by an assignment only, type not said */
	AZP_USER,
	AZP_GROUP,
	AZP_SERVICE_PRINCIPAL,
	AZP_MANAGED_IDENTITY,   /* a service principal of type ManagedIdentity */
	AZP_FOREIGN_GROUP,      /* a group of another tenant (principalType ForeignGroup) */
	AZP_EVERYONE            /* the zero GUID of deny assignments */
} azp_kind;

typedef struct az_principal {
	azp_kind kind;
	const char *id;             /* key: object id, lowercased */
	const char *name;           /* display name, or NULL */
	const char *upn;            /* users: userPrincipalName; service principals: appId */
	const char *user_type;      /* users: "Member", "Guest" or NULL */
	const char *tenant;         /* home tenant when an input said, key form */
	const char *owner_tenant;   /* service principals: appOwnerOrganizationId, key form */
	pg_loc loc;                 /* where it was first described */
	int listed;                 /* an Entra ID export (user/group/sp list) described it */

	/* cross-tenant per DESIGN: guest, foreign-owned SP, ForeignGroup, Lighthouse */
	int external;
	const char *external_why;   /* "guest user", "Lighthouse delegation from tenant …" */

	struct az_principal **groups;   /* direct groups it is a member of */
	size_t n_groups;
	struct az_principal **members;  /* groups: direct members */
	size_t n_members;
	int members_known;              /* groups: an input listed the members */

	const char **hosts;             /* managed identities: resource keys that run as it */
	size_t n_hosts;

	/* filled by classify_apply (model/classify.h); Entra principals carry no
	 * tags and belong to no subscription, so these stay 0 and NULL for now */
	int classification;             /* CLASS_* bits */
	const char *saas_tenant;        /* configured SaaS tenant name (interned) or NULL */
} az_principal;

/* One permission block of a role or deny assignment; patterns as written. */
typedef struct az_perms {
	const char **actions, **not_actions, **data_actions, **not_data_actions;
	size_t n_actions, n_not_actions, n_data_actions, n_not_data_actions;
	pg_loc *action_locs, *not_action_locs, *data_action_locs, *not_data_action_locs;  /* parallel; NULL when unknown */
	const char *condition;      /* block condition (rare), or NULL */
	pg_loc loc;
} az_perms;

typedef struct az_role {
	const char *guid;           /* key: the definition's name (a GUID), lowercased */
	const char *id;             /* full id as written, or NULL */
	const char *name;           /* roleName */
	int builtin;                /* roleType BuiltInRole */
	int bundled;                /* taken from permgraph's bundled built-in roles */
	az_perms *perms;
	size_t n_perms;
	const char **assignable_scopes;  /* as written */
	pg_loc *assignable_locs;
	size_t n_assignable;
	pg_loc loc;
} az_role;

typedef enum {
	AZA_ROLE,                   /* a role assignment */
	AZA_CLASSIC,                /* a classic subscription administrator (Owner-equivalent) */
	AZA_LIGHTHOUSE,             /* a Lighthouse authorization projected onto the scope */
	AZA_LIGHTHOUSE_ELIGIBLE,    /* a just-in-time (eligible) Lighthouse authorization */
	AZA_LIGHTHOUSE_UNASSIGNED   /* authorization of a registration definition with no assignment seen */
} aza_kind;

typedef struct az_assignment {
	aza_kind kind;
	const char *id;             /* as written (NULL for Lighthouse authorizations) */
	const char *scope;          /* key */
	const char *scope_written;
	az_principal *principal;
	const char *role_guid;      /* key (classic administrators: Owner's GUID) */
	const char *role_name;      /* as the input said, or NULL */
	az_role *role;              /* resolved by azm_resolve_roles; NULL when unknown */
	const char *condition;      /* ABAC condition text, or NULL */
	const char *condition_version;
	const char *delegated_from; /* Lighthouse: the managing tenant, key form */
	pg_loc loc;
} az_assignment;

typedef struct az_deny {
	const char *id;             /* as written */
	const char *name;           /* denyAssignmentName */
	const char *scope;          /* key */
	const char *scope_written;
	az_perms *perms;
	size_t n_perms;
	az_principal **principals;  /* may hold the AZP_EVERYONE principal */
	size_t n_principals;
	az_principal **excludes;
	size_t n_excludes;
	int no_children;            /* doNotApplyToChildScopes */
	const char *condition;
	pg_loc loc;
} az_deny;

typedef struct az_resource {
	const char *id;             /* key */
	const char *id_written;
	const char *type;           /* "Microsoft.Storage/storageAccounts" as written */
	const char *name;
	pg_loc loc;
	tag *tags;
	size_t n_tags;
	int tags_known;
	az_principal **identities;  /* managed identities it runs as */
	size_t n_identities;
	const char *encryption_key; /* customer-managed key: a Key Vault key URL, lowercased and without version
				     * ("https://v.vault.azure.net/keys/k"), or a disk encryption set id (key form);
				     * NULL: none known (platform-managed keys) */
	pg_loc encryption_loc;      /* where that setting is */

	/* filled by classify_apply (model/classify.h) */
	int classification;         /* CLASS_* bits */
	const char *saas_tenant;    /* configured SaaS tenant name (interned) or NULL */
} az_resource;

/* A management group or subscription in the hierarchy. */
typedef struct az_scope {
	const char *id;             /* key: "/providers/microsoft.management/managementgroups/x" or "/subscriptions/x" */
	const char *name;           /* display name, or NULL */
	const char *tenant;         /* key form, or NULL */
	struct az_scope *parent;    /* NULL: directly under the root, or not known */
	int parent_known;
	pg_loc loc;
} az_scope;

typedef struct azm azm;

/* The Azure part of m, created on first use (model.c owns it through these). */
azm *model_azure(model *m);

/* Where ARM templates read into this model deploy (`--deployment-scope`):
 * management group, subscription and resource group names, each NULL when
 * not given (the ARM reader then keeps its placeholder). Copied. */
void azm_set_deployment(azm *a, const char *mg, const char *sub, const char *rg);
void azm_deployment(const azm *a, const char **mg, const char **sub, const char **rg);
azm *azm_new(model *m);
void azm_free(azm *a);
/* 1 once any Azure input was read (the Azure part exists). */
int azm_present(const model *m);

/* The canonical key of an id, scope, GUID or object id (see the top). */
const char *azm_key(azm *a, const char *s);
const char *azm_key_n(azm *a, const char *s, size_t len);
model *azm_model(azm *a);

/* Principals by object id: add returns the existing one, upgrading an
 * AZP_UNKNOWN kind; find returns NULL when absent. */
az_principal *azm_add_principal(azm *a, const char *object_id, azp_kind kind);
az_principal *azm_find_principal(const azm *a, const char *object_id);
/* Every principal whose object id (any case), display name or UPN equals s
 * (exactly, or case-insensitively for ids and UPNs); returns how many matched,
 * storing up to max of them. */
size_t azm_lookup_principal(azm *a, const char *s, az_principal **out, size_t max);
az_principal **azm_principals(const azm *a, size_t *n);
/* Record group ∋ member (duplicates ignored); sets members_known on group. */
void azm_add_member(azm *a, az_principal *group, az_principal *member);
/* Tenants the estate belongs to (from the hierarchy, account lists, Lighthouse
 * managee tenants); azm_finalize marks service principals owned by any other
 * tenant (except Microsoft's first-party tenants) as external. */
void azm_add_home_tenant(azm *a, const char *tenant_id);
int azm_is_home_tenant(const azm *a, const char *tenant_id);
size_t azm_home_tenant_count(const azm *a);
/* Mark p cross-tenant with a reason (the first reason is kept). */
void azm_mark_external(azm *a, az_principal *p, const char *why);
/* Link a managed identity and the resource that runs as it. */
void azm_link_identity(azm *a, az_resource *host, az_principal *identity);

/* Role definitions by GUID (or full id: the last segment is the GUID).
 * add returns the existing role when known (the first definition wins). */
az_role *azm_add_role(azm *a, const char *guid_or_id, int *is_new);
az_role *azm_find_role(const azm *a, const char *guid_or_id);
az_role **azm_roles(const azm *a, size_t *n);

/* Assignments and deny assignments: add returns a zeroed record owned by the model. */
az_assignment *azm_add_assignment(azm *a, aza_kind kind);
az_assignment **azm_assignments(const azm *a, size_t *n);
az_deny *azm_add_deny(azm *a);
az_deny **azm_denies(const azm *a, size_t *n);

az_resource *azm_add_resource(azm *a, const char *id);
az_resource *azm_find_resource(const azm *a, const char *id);
az_resource **azm_resources(const azm *a, size_t *n);

/* Management groups and subscriptions (ids in any case). */
az_scope *azm_add_scope(azm *a, const char *id);
az_scope *azm_find_scope(const azm *a, const char *id);
az_scope **azm_scopes(const azm *a, size_t *n);

/*
 * Resolve what needs every input: role references of assignments (from the
 * inputs, then bundled built-ins — see az_catalog), the assignment and deny
 * indexes by scope. Unresolved references become warnings in warn (a
 * diag_list*). Idempotent; called by model_finalize.
 */
void azm_finalize(azm *a, struct diag_list *warn);

/* After azm_finalize: the assignments / deny assignments whose scope key is exactly `scope_key`. */
az_assignment *const *azm_assignments_at(const azm *a, const char *scope_key, size_t *n);
az_deny *const *azm_denies_at(const azm *a, const char *scope_key, size_t *n);

/*
 * The scopes a request on `id` inherits from, nearest first: the id itself,
 * its parent resources (nested child resources and the resource an extension
 * resource is attached to), resource group, subscription, the
 * management-group chain from the hierarchy, then "/". Keys. *gap is set to 1
 * when the chain above a subscription or management group is not known from
 * the inputs (assignments at other management groups may then apply).
 * Returns the count (at most max), 0 when id is malformed.
 */
size_t azm_ancestors(azm *a, const char *id, const char **out, size_t max, int *gap);

const char *azp_kind_name(azp_kind k);

#endif
