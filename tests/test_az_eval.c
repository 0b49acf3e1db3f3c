/*
 * Tests for az_eval and az_reach: every Azure evaluation rule of DESIGN, on
 * models built through the azm API (the readers have their own suites).
 */
#include "base/diag.h"
#include "eval/az_eval.h"
#include "graph/az_reach.h"
#include "model/azure.h"
#include "tests/test_util.h"

#include <stdlib.h>

#define SUB "/subscriptions/11111111-1111-1111-1111-111111111111"
#define RG SUB "/resourceGroups/synth-rg"
#define ACCT RG "/providers/Microsoft.Storage/storageAccounts/synthacct"
#define CONTAINER ACCT "/blobServices/default/containers/tenant-a"
#define BLOB_READ "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
#define ACCT_READ "Microsoft.Storage/storageAccounts/read"
#define RA_WRITE "Microsoft.Authorization/roleAssignments/write"
#define LIST_KEYS "Microsoft.Storage/storageAccounts/listKeys/action"

typedef struct fx {
	model *m;
	azm *a;
	az_result r;
} fx;

static void fx_init(fx *f)
{
	f->m = model_new();
	f->a = model_azure(f->m);
	az_result_init(&f->r);
}

static void fx_free(fx *f)
{
	az_result_release(&f->r);
	model_free(f->m);
}

static const char **list(fx *f, const char *csv, size_t *n)
{
	const char **out = ARENA_ARRAY(model_arena(f->m), const char *, 8);
	const char *s = csv;

	*n = 0;
	while (s && *s && *n < 8) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		out[(*n)++] = model_intern_n(f->m, s, len);
		s = e ? e + 1 : NULL;
	}
	return out;
}

/* A role with one block per call of add_block. */
static az_role *role(fx *f, const char *guid, const char *name)
{
	az_role *r = azm_add_role(f->a, guid, NULL);

	r->name = model_intern(f->m, name);
	r->perms = ARENA_ARRAY(model_arena(f->m), az_perms, 4);
	return r;
}

static void block(fx *f, az_role *r, const char *acts, const char *not_acts, const char *data,
		  const char *not_data)
{
	az_perms *b = &r->perms[r->n_perms++];

	b->actions = list(f, acts, &b->n_actions);
	b->not_actions = list(f, not_acts, &b->n_not_actions);
	b->data_actions = list(f, data, &b->n_data_actions);
	b->not_data_actions = list(f, not_data, &b->n_not_data_actions);
}

static az_principal *prin(fx *f, const char *id, azp_kind k, const char *name)
{
	az_principal *p = azm_add_principal(f->a, id, k);

	p->name = model_intern(f->m, name);
	return p;
}

static az_assignment *assign(fx *f, az_principal *p, const az_role *r, const char *scope)
{
	az_assignment *x = azm_add_assignment(f->a, AZA_ROLE);

	x->principal = p;
	x->role_guid = r ? r->guid : azm_key(f->a, "99999999-9999-9999-9999-999999999999");
	x->scope = azm_key(f->a, scope);
	x->scope_written = model_intern(f->m, scope);
	x->id = model_intern(f->m, "ra");
	return x;
}

static az_deny *deny(fx *f, const char *scope, const char *acts, const char *data)
{
	az_deny *d = azm_add_deny(f->a);

	d->scope = azm_key(f->a, scope);
	d->name = model_intern(f->m, "deny");
	d->perms = ARENA_ARRAY(model_arena(f->m), az_perms, 1);
	d->n_perms = 1;
	d->perms[0].actions = list(f, acts, &d->perms[0].n_actions);
	d->perms[0].data_actions = list(f, data, &d->perms[0].n_data_actions);
	return d;
}

static void add_to(fx *f, az_principal ***arr, size_t *n, az_principal *p)
{
	az_principal **grown = ARENA_ARRAY(model_arena(f->m), az_principal *, *n + 1);

	if (*n)
		memcpy(grown, *arr, *n * sizeof(*grown));
	grown[(*n)++] = p;
	*arr = grown;
}

static decision decide(fx *f, const az_principal *p, const char *op, const char *scope)
{
	model_finalize(f->m, NULL);
	CU_ASSERT_EQUAL_FATAL(az_eval(f->m, p, op, scope, &f->r), 0);
	return f->r.dec;
}

static int has_condition(const fx *f, const char *part)
{
	size_t i;

	for (i = 0; i < f->r.n_conditions; i++)
		if (strstr(f->r.conditions[i], part))
			return 1;
	return 0;
}

/* --- scope inheritance ---------------------------------------------------------- */

static void test_inherits_down_the_scope_tree(void)
{
	fx f;
	az_principal *u;
	az_role *reader;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	reader = role(&f, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader");
	block(&f, reader, "*/read", "", "", "");
	assign(&f, u, reader, SUB);
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, ACCT), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, CONTAINER), DEC_ALLOW);
	CU_ASSERT_EQUAL(f.r.n_reasons, 1);
	/* a sibling resource group is not below the assignment's scope */
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, "/subscriptions/22222222-1111-1111-1111-111111111111/resourceGroups/x"),
			DEC_IMPLICIT_DENY);
	fx_free(&f);
}

static void test_scopes_compare_case_insensitively(void)
{
	fx f;
	az_principal *u;
	az_role *reader;

	fx_init(&f);
	u = prin(&f, "AAAAAAAA-0000-0000-0000-000000000001", AZP_USER, "alice");
	reader = role(&f, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader");
	block(&f, reader, "*/read", "", "", "");
	assign(&f, u, reader, "/SUBSCRIPTIONS/11111111-1111-1111-1111-111111111111/resourcegroups/SYNTH-RG/");
	CU_ASSERT_EQUAL(decide(&f, u, "microsoft.storage/STORAGEACCOUNTS/read", ACCT), DEC_ALLOW);
	CU_ASSERT_PTR_EQUAL(azm_find_principal(f.a, "aaaaaaaa-0000-0000-0000-000000000001"), u);
	fx_free(&f);
}

static void test_root_and_management_groups(void)
{
	fx f;
	az_principal *u, *v;
	az_role *reader;
	az_scope *mg, *sub;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	v = prin(&f, "aaaaaaaa-0000-0000-0000-000000000002", AZP_USER, "bob");
	reader = role(&f, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader");
	block(&f, reader, "*/read", "", "", "");
	assign(&f, u, reader, "/");
	assign(&f, v, reader, "/providers/Microsoft.Management/managementGroups/synthetic");
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, CONTAINER), DEC_ALLOW);
	/* without the hierarchy, a management-group assignment may apply: conditional */
	CU_ASSERT_EQUAL(decide(&f, v, ACCT_READ, CONTAINER), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "is under management group synthetic"));
	/* with it, it applies for certain */
	mg = azm_add_scope(f.a, "/providers/Microsoft.Management/managementGroups/synthetic");
	mg->parent_known = 1;
	sub = azm_add_scope(f.a, SUB);
	sub->parent = mg;
	sub->parent_known = 1;
	CU_ASSERT_EQUAL(decide(&f, v, ACCT_READ, CONTAINER), DEC_ALLOW);
	/* and a subscription under another group does not get it */
	sub->parent = azm_add_scope(f.a, "/providers/Microsoft.Management/managementGroups/prod");
	sub->parent->parent_known = 1;
	CU_ASSERT_EQUAL(decide(&f, v, ACCT_READ, CONTAINER), DEC_IMPLICIT_DENY);
	fx_free(&f);
}

static void test_ancestors_of_child_and_extension_resources(void)
{
	fx f;
	const char *anc[16];
	int gap;
	size_t n;

	fx_init(&f);
	n = azm_ancestors(f.a, CONTAINER, anc, 16, &gap);
	CU_ASSERT_EQUAL_FATAL(n, 6);
	ASSERT_STR(anc[1], azm_key(f.a, ACCT "/blobServices/default"));
	ASSERT_STR(anc[2], azm_key(f.a, ACCT));
	ASSERT_STR(anc[3], azm_key(f.a, RG));
	ASSERT_STR(anc[4], azm_key(f.a, SUB));
	ASSERT_STR(anc[5], "/");
	CU_ASSERT_EQUAL(gap, 1);
	n = azm_ancestors(f.a, ACCT "/providers/Microsoft.Authorization/locks/l1", anc, 16, &gap);
	CU_ASSERT_EQUAL_FATAL(n, 5);
	ASSERT_STR(anc[1], azm_key(f.a, ACCT));
	CU_ASSERT_EQUAL(azm_ancestors(f.a, "not-an-id", anc, 16, &gap), 0);
	/* an extension resource of a management group inherits from the group */
	n = azm_ancestors(f.a, "/providers/Microsoft.Management/managementGroups/mg1/providers/"
			       "Microsoft.Authorization/policyAssignments/p1", anc, 16, &gap);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	ASSERT_STR(anc[1], "/providers/microsoft.management/managementgroups/mg1");
	ASSERT_STR(anc[2], "/");
	fx_free(&f);
}

/* --- permissions ----------------------------------------------------------------- */

static void test_not_actions_subtract(void)
{
	fx f;
	az_principal *u;
	az_role *contrib;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	contrib = role(&f, "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor");
	block(&f, contrib, "*", "Microsoft.Authorization/*/Write,Microsoft.Authorization/*/Delete", "", "");
	assign(&f, u, contrib, SUB);
	CU_ASSERT_EQUAL(decide(&f, u, LIST_KEYS, ACCT), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, u, RA_WRITE, ACCT), DEC_IMPLICIT_DENY);
	fx_free(&f);
}

static void test_not_actions_do_not_deny_other_blocks_or_roles(void)
{
	fx f;
	az_principal *u;
	az_role *two, *uaa;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	two = role(&f, "00000000-0000-0000-0000-0000000000b2", "two blocks");
	block(&f, two, "*", "Microsoft.Authorization/*", "", "");
	block(&f, two, RA_WRITE, "", "", "");
	assign(&f, u, two, SUB);
	CU_ASSERT_EQUAL(decide(&f, u, RA_WRITE, ACCT), DEC_ALLOW);
	fx_free(&f);

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	two = role(&f, "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor");
	block(&f, two, "*", "Microsoft.Authorization/*/Write", "", "");
	uaa = role(&f, "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator");
	block(&f, uaa, "*/read,Microsoft.Authorization/*", "", "", "");
	assign(&f, u, two, SUB);
	assign(&f, u, uaa, ACCT);
	CU_ASSERT_EQUAL(decide(&f, u, RA_WRITE, ACCT), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, u, RA_WRITE, RG), DEC_IMPLICIT_DENY);
	fx_free(&f);
}

static void test_planes_never_mix(void)
{
	fx f;
	az_principal *u, *v;
	az_role *owner, *blob;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "owner");
	v = prin(&f, "aaaaaaaa-0000-0000-0000-000000000002", AZP_USER, "reader");
	owner = role(&f, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner");
	block(&f, owner, "*", "", "", "");
	blob = role(&f, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader");
	block(&f, blob, "Microsoft.Storage/storageAccounts/blobServices/containers/read",
	      "", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", "");
	assign(&f, u, owner, SUB);
	assign(&f, v, blob, SUB);
	/* Owner's "*" is control plane only: no blob data */
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, CONTAINER), DEC_IMPLICIT_DENY);
	CU_ASSERT_EQUAL(f.r.plane, AZ_OP_DATA);
	CU_ASSERT_EQUAL(decide(&f, u, LIST_KEYS, ACCT), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, v, BLOB_READ, CONTAINER), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, v, LIST_KEYS, ACCT), DEC_IMPLICIT_DENY);
	/* an operation registered in both planes is granted by either */
	CU_ASSERT_EQUAL(decide(&f, u, "Microsoft.KeyVault/vaults/keys/read",
			       RG "/providers/Microsoft.KeyVault/vaults/kv/keys/k"), DEC_ALLOW);
	CU_ASSERT_EQUAL(f.r.n_conditions, 0);
	fx_free(&f);
}

static void test_not_data_actions_subtract(void)
{
	fx f;
	az_principal *u;
	az_role *r;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	r = role(&f, "00000000-0000-0000-0000-0000000000d1", "data but not read");
	block(&f, r, "", "", "Microsoft.Storage/*", BLOB_READ);
	assign(&f, u, r, SUB);
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, CONTAINER), DEC_IMPLICIT_DENY);
	CU_ASSERT_EQUAL(decide(&f, u, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
			       CONTAINER), DEC_ALLOW);
	fx_free(&f);
}

static void test_unknown_operation_checks_both_planes(void)
{
	fx f;
	az_principal *u;
	az_role *r;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	r = role(&f, "00000000-0000-0000-0000-0000000000d2", "data");
	block(&f, r, "", "", "Microsoft.Storage/*", "");
	assign(&f, u, r, SUB);
	CU_ASSERT_EQUAL(decide(&f, u, "Microsoft.Storage/storageAccounts/brandNewThing/action", ACCT), DEC_CONDITIONAL);
	CU_ASSERT_EQUAL(f.r.plane, AZ_OP_UNKNOWN);
	CU_ASSERT(has_condition(&f, "not in the operations catalogue"));
	fx_free(&f);
}

/* --- groups ----------------------------------------------------------------------- */

static void test_nested_groups_and_cycles(void)
{
	fx f;
	az_principal *u, *g1, *g2;
	az_role *reader;
	reach_result rr;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	g1 = prin(&f, "bbbbbbbb-0000-0000-0000-000000000001", AZP_GROUP, "outer");
	g2 = prin(&f, "bbbbbbbb-0000-0000-0000-000000000002", AZP_GROUP, "inner");
	azm_add_member(f.a, g1, g2);
	azm_add_member(f.a, g2, u);
	azm_add_member(f.a, g2, g1); /* a cycle */
	reader = role(&f, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader");
	block(&f, reader, "*/read", "", "", "");
	assign(&f, g1, reader, RG);
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, ACCT), DEC_ALLOW);
	CU_ASSERT_EQUAL_FATAL(f.r.n_reasons, 1);
	CU_ASSERT_PTR_EQUAL(f.r.reasons[0].holder, g1);

	reach_result_init(&rr);
	CU_ASSERT_EQUAL_FATAL(az_who_can(f.m, ACCT_READ, ACCT, &rr), 0);
	CU_ASSERT_EQUAL_FATAL(rr.count, 3);
	/* sorted by object id: alice, outer, inner */
	ASSERT_STR(rr.entries[0].principal, "aaaaaaaa-0000-0000-0000-000000000001");
	CU_ASSERT_EQUAL_FATAL(rr.entries[0].n_via, 3);
	ASSERT_STR(rr.entries[0].via[1], g2->id);
	ASSERT_STR(rr.entries[0].via[2], g1->id);
	ASSERT_STR(rr.entries[0].kind, "user");
	ASSERT_STR(rr.entries[0].name, "alice");
	reach_result_release(&rr);
	fx_free(&f);
}

static void test_group_with_unlisted_members_is_conditional(void)
{
	fx f;
	az_principal *u, *g;
	az_role *reader;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	g = prin(&f, "bbbbbbbb-0000-0000-0000-000000000001", AZP_GROUP, "team");
	reader = role(&f, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader");
	block(&f, reader, "*/read", "", "", "");
	assign(&f, g, reader, RG);
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, ACCT), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "alice is a member of group team"));
	/* once the members are listed (and alice is not one), no access */
	azm_add_member(f.a, g, prin(&f, "aaaaaaaa-0000-0000-0000-000000000009", AZP_USER, "zed"));
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, ACCT), DEC_IMPLICIT_DENY);
	fx_free(&f);
}

static void test_holder_of_unknown_type_may_be_a_group(void)
{
	fx f;
	az_principal *u, *x, *msp;
	az_role *reader;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	x = prin(&f, "dddddddd-0000-0000-0000-000000000001", AZP_UNKNOWN, "untyped");
	msp = prin(&f, "dddddddd-0000-0000-0000-000000000002", AZP_UNKNOWN, "MSP Operators");
	azm_mark_external(f.a, msp, "Lighthouse delegation from tenant t");
	reader = role(&f, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader");
	block(&f, reader, "*/read", "", "", "");
	assign(&f, x, reader, RG);
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, ACCT), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "untyped is a group and alice is a member of it"));
	/* an outside principal's groups cannot hold this tenant's users */
	x->kind = AZP_USER;
	assign(&f, msp, reader, RG);
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, ACCT), DEC_IMPLICIT_DENY);
	CU_ASSERT_EQUAL(decide(&f, msp, ACCT_READ, ACCT), DEC_ALLOW);
	fx_free(&f);
}

/* --- deny assignments --------------------------------------------------------------- */

static void test_deny_assignments(void)
{
	fx f;
	az_principal *u, *v, *g;
	az_role *owner;
	az_deny *d;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	v = prin(&f, "aaaaaaaa-0000-0000-0000-000000000002", AZP_USER, "bob");
	g = prin(&f, "bbbbbbbb-0000-0000-0000-000000000001", AZP_GROUP, "breakglass");
	azm_add_member(f.a, g, v);
	owner = role(&f, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner");
	block(&f, owner, "*", "", "", "");
	assign(&f, u, owner, SUB);
	assign(&f, v, owner, SUB);
	d = deny(&f, RG, "Microsoft.Storage/*", "");
	add_to(&f, &d->principals, &d->n_principals, azm_add_principal(f.a, AZ_EVERYONE_ID, AZP_UNKNOWN));
	add_to(&f, &d->excludes, &d->n_excludes, g);
	CU_ASSERT_EQUAL(azm_find_principal(f.a, AZ_EVERYONE_ID)->kind, AZP_EVERYONE);
	/* everyone is denied below the deny's scope ... */
	CU_ASSERT_EQUAL(decide(&f, u, LIST_KEYS, ACCT), DEC_DENY);
	CU_ASSERT_EQUAL(f.r.n_reasons, 2);
	/* ... except members of the excluded group */
	CU_ASSERT_EQUAL(decide(&f, v, LIST_KEYS, ACCT), DEC_ALLOW);
	/* operations the deny does not name, and scopes above it, are untouched */
	CU_ASSERT_EQUAL(decide(&f, u, "Microsoft.Compute/virtualMachines/read", RG), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, u, "Microsoft.Storage/storageAccounts/read", SUB), DEC_ALLOW);
	/* doNotApplyToChildScopes: the deny holds at its scope only */
	d->no_children = 1;
	CU_ASSERT_EQUAL(decide(&f, u, LIST_KEYS, ACCT), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, u, "Microsoft.Storage/storageAccounts/write", RG), DEC_DENY);
	fx_free(&f);
}

static void test_uncertain_deny_keeps_access(void)
{
	fx f;
	az_principal *u, *g;
	az_role *owner;
	az_deny *d;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	g = prin(&f, "bbbbbbbb-0000-0000-0000-000000000001", AZP_GROUP, "unlisted");
	owner = role(&f, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner");
	block(&f, owner, "*", "", "", "");
	assign(&f, u, owner, SUB);
	d = deny(&f, RG, "*", "");
	add_to(&f, &d->principals, &d->n_principals, azm_add_principal(f.a, AZ_EVERYONE_ID, AZP_UNKNOWN));
	add_to(&f, &d->excludes, &d->n_excludes, g);
	/* alice may be in the excluded group, whose members are unknown: not denied for sure */
	CU_ASSERT_EQUAL(decide(&f, u, LIST_KEYS, ACCT), DEC_ALLOW);
	CU_ASSERT(has_condition(&f, "denied by deny assignment 'deny' if"));
	fx_free(&f);
}

/* --- conditions and incomplete inputs ------------------------------------------------ */

static void test_abac_conditions(void)
{
	fx f;
	az_principal *u;
	az_role *blob;
	az_assignment *x;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	blob = role(&f, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader");
	block(&f, blob, "", "", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*", "");
	x = assign(&f, u, blob, RG);
	x->condition = model_intern(f.m, "((!(ActionMatches{'" BLOB_READ "'})) OR "
					 "(@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] "
					 "StringEquals 'tenant-a'))");
	x->condition_version = model_intern(f.m, "2.0");
	/* settled by the request: the named container, and operations the condition does not restrict */
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, CONTAINER), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, u, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
			       ACCT "/blobServices/default/containers/other"), DEC_ALLOW);
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, ACCT "/blobServices/default/containers/other"), DEC_IMPLICIT_DENY);
	/* not settled: the request names the account, not a container */
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, ACCT), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "StringEquals 'tenant-a'"));
	CU_ASSERT_EQUAL(f.r.reasons[0].conditional, 1);
	/* attributes permgraph cannot know (blob index tags) keep it conditional */
	x->condition = model_intern(f.m, "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/"
					 "tags:Project<$key_case_sensitive$>] StringEquals 'Cascade'");
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, CONTAINER), DEC_CONDITIONAL);
	/* a condition that does not parse is reported, never silently trusted */
	x->condition = model_intern(f.m, "(@Resource[x] StringEquals 'a'");
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, CONTAINER), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "does not parse"));
	fx_free(&f);
}

static void test_deny_condition_settled(void)
{
	fx f;
	az_principal *u;
	az_role *owner;
	az_deny *d;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	owner = role(&f, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner");
	block(&f, owner, "*", "", "*", "");
	assign(&f, u, owner, SUB);
	d = deny(&f, RG, "", "Microsoft.Storage/*");
	add_to(&f, &d->principals, &d->n_principals, azm_add_principal(f.a, AZ_EVERYONE_ID, AZP_UNKNOWN));
	d->condition = model_intern(f.m, "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] "
					 "StringEquals 'tenant-a'");
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, CONTAINER), DEC_DENY);
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, ACCT "/blobServices/default/containers/other"), DEC_ALLOW);
	CU_ASSERT_EQUAL(f.r.n_conditions, 0);
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, ACCT), DEC_ALLOW);
	CU_ASSERT(has_condition(&f, "denied by deny assignment 'deny' if"));
	fx_free(&f);
}

static void test_unknown_role_is_conditional(void)
{
	fx f;
	az_principal *u;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	assign(&f, u, NULL, RG);
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, CONTAINER), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "is not in the inputs"));
	fx_free(&f);
}

static void test_builtin_role_resolves_from_catalogue(void)
{
	fx f;
	az_principal *u;
	az_assignment *x;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	x = assign(&f, u, NULL, RG);
	x->role_guid = azm_key(f.a, "2A2B9908-6EA1-4AE2-8E65-A410DF84E7D1"); /* Storage Blob Data Reader */
	CU_ASSERT_EQUAL(decide(&f, u, BLOB_READ, CONTAINER), DEC_ALLOW);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->role);
	CU_ASSERT(x->role->bundled);
	CU_ASSERT_EQUAL(decide(&f, u, LIST_KEYS, ACCT), DEC_IMPLICIT_DENY);
	fx_free(&f);
}

static void test_lighthouse_eligible_is_conditional(void)
{
	fx f;
	az_principal *u;
	az_role *reader;
	az_assignment *x;

	fx_init(&f);
	u = prin(&f, "cccccccc-0000-0000-0000-000000000001", AZP_UNKNOWN, "Support User");
	azm_mark_external(f.a, u, "Lighthouse delegation from tenant t");
	reader = role(&f, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader");
	block(&f, reader, "*/read", "", "", "");
	x = assign(&f, u, reader, SUB);
	x->kind = AZA_LIGHTHOUSE_ELIGIBLE;
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, ACCT), DEC_CONDITIONAL);
	CU_ASSERT(has_condition(&f, "just-in-time activation"));
	x->kind = AZA_LIGHTHOUSE;
	CU_ASSERT_EQUAL(decide(&f, u, ACCT_READ, ACCT), DEC_ALLOW);
	fx_free(&f);
}

static void test_who_can_applies_denies_per_principal(void)
{
	fx f;
	az_principal *u, *v;
	az_role *owner;
	az_deny *d;
	reach_result rr;

	fx_init(&f);
	u = prin(&f, "aaaaaaaa-0000-0000-0000-000000000001", AZP_USER, "alice");
	v = prin(&f, "aaaaaaaa-0000-0000-0000-000000000002", AZP_USER, "bob");
	owner = role(&f, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner");
	block(&f, owner, "*", "", "", "");
	assign(&f, u, owner, SUB);
	assign(&f, v, owner, SUB);
	d = deny(&f, ACCT, "*", "");
	add_to(&f, &d->principals, &d->n_principals, v);
	model_finalize(f.m, NULL);
	reach_result_init(&rr);
	CU_ASSERT_EQUAL_FATAL(az_who_can(f.m, LIST_KEYS, ACCT, &rr), 0);
	CU_ASSERT_EQUAL_FATAL(rr.count, 1);
	ASSERT_STR(rr.entries[0].principal, u->id);
	CU_ASSERT_EQUAL(rr.entries[0].dec, DEC_ALLOW);
	reach_result_release(&rr);
	CU_ASSERT_EQUAL(az_who_can(f.m, LIST_KEYS, "bad id", &rr), PG_EUSAGE);
	reach_result_release(&rr);
	fx_free(&f);
}

TEST_SUITE(az_eval)
{
	static const test_case cases[] = {
		{ "az_eval__inherits_down_the_scope_tree", test_inherits_down_the_scope_tree },
		{ "az_eval__scopes_compare_case_insensitively", test_scopes_compare_case_insensitively },
		{ "az_eval__root_and_management_groups", test_root_and_management_groups },
		{ "az_eval__ancestors_of_child_and_extension_resources", test_ancestors_of_child_and_extension_resources },
		{ "az_eval__not_actions_subtract", test_not_actions_subtract },
		{ "az_eval__not_actions_do_not_deny_other_blocks_or_roles", test_not_actions_do_not_deny_other_blocks_or_roles },
		{ "az_eval__planes_never_mix", test_planes_never_mix },
		{ "az_eval__not_data_actions_subtract", test_not_data_actions_subtract },
		{ "az_eval__unknown_operation_checks_both_planes", test_unknown_operation_checks_both_planes },
		{ "az_eval__nested_groups_and_cycles", test_nested_groups_and_cycles },
		{ "az_eval__group_with_unlisted_members_is_conditional", test_group_with_unlisted_members_is_conditional },
		{ "az_eval__holder_of_unknown_type_may_be_a_group", test_holder_of_unknown_type_may_be_a_group },
		{ "az_eval__deny_assignments", test_deny_assignments },
		{ "az_eval__uncertain_deny_keeps_access", test_uncertain_deny_keeps_access },
		{ "az_eval__abac_conditions", test_abac_conditions },
		{ "az_eval__deny_condition_settled", test_deny_condition_settled },
		{ "az_eval__unknown_role_is_conditional", test_unknown_role_is_conditional },
		{ "az_eval__builtin_role_resolves_from_catalogue", test_builtin_role_resolves_from_catalogue },
		{ "az_eval__lighthouse_eligible_is_conditional", test_lighthouse_eligible_is_conditional },
		{ "az_eval__who_can_applies_denies_per_principal", test_who_can_applies_denies_per_principal },
		{ NULL, NULL }
	};
	return test_register("az_eval", cases);
}
