/*
 * suggest_az_internal — shared by suggest_az.c (what an assignment is used
 * for, the suggestion) and suggest_az_role.c (the covering built-in role,
 * verification on a second model). Not for other modules. Ownership: an
 * sz_roles owns its scratch model (the roles it returns live there); a plan
 * borrows everything.
 */
#ifndef PG_SUGGEST_AZ_INTERNAL_H
#define PG_SUGGEST_AZ_INTERNAL_H

#include "model/azure.h"
#include "suggest/suggestion.h"

/* The bundled built-in roles, loaded once into a scratch model, and the
 * number of catalogue operations each grants (cached). */
typedef struct sz_roles sz_roles;

sz_roles *sz_roles_new(void);
void sz_roles_free(sz_roles *r);
/* 1 when role grants op (plane from the catalogue; both planes for an
 * operation the catalogue does not know). */
int sz_grants(const az_role *role, const char *op);
/* How many catalogue operations role grants (either plane). */
size_t sz_roles_grants(sz_roles *r, const az_role *role);
/* The built-in role that grants every op of needs with the fewest operations
 * in all (ties: by name); NULL when none does. Roles with conditions in their
 * permissions are not candidates. */
const az_role *sz_roles_best(sz_roles *r, const char *const *needs, size_t n);

/* What one suggestion is verified against. */
typedef struct sz_plan {
	model *m;                       /* the inputs */
	const az_assignment *x;         /* the assignment replaced */
	az_resource *const *stores;     /* the synthetic stores it reaches */
	size_t n_stores;
	const unsigned char *keyed;     /* per store: its data plane reached through keys or SAS: 1 certainly,
					 * 2 if a condition holds, 0 not */
	const az_role *role;            /* the suggested built-in role */
	const char *scope;              /* the suggested scope, as written */
	const char *condition;          /* the ABAC condition it keeps, or NULL */
	const char *condition_version;
} sz_plan;

/* Verify s (needs filled) on a model holding only the suggested assignment;
 * fills verified, failures and removed. 0, or a negative PG_E* error. */
int sz_verify(const sz_plan *pl, suggestion *s);

/* Is scope key `anc` the resource `id` or one of its ancestors (in a's chain)? */
int sz_under(azm *a, const char *anc_key, const char *id);

#endif
