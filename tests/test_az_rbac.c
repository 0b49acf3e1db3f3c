/*
 * Tests for the Azure RBAC readers (az_roledefs.c, az_assignments.c,
 * az_deny.c): fixtures in fixtures/azure/rbac read through ingest_paths as the
 * CLI does, and az_read_role as validate calls it.
 */
#include "ingest/az_rbac.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <string.h>

#define F "fixtures/azure/rbac/"
#define SUB "/subscriptions/5c1a3d2e-0000-4000-8000-000000000001"
#define OWNER "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

/* 1 when an error containing part is placed at line:col. */
static int error_at(const loaded *l, const char *part, unsigned line, unsigned col)
{
	const diag *d = find_diag(l, DIAG_ERROR, part);

	if (!d)
		return 0;
	if (d->line != line || d->col != col)
		fprintf(stderr, "\n  '%s' at %u:%u, expected %u:%u\n", d->msg, d->line, d->col, line, col);
	return d->line == line && d->col == col;
}

/* The assignment whose id (as written) ends with suffix. */
static az_assignment *assignment(const loaded *l, const char *suffix)
{
	size_t i, n, ls = strlen(suffix);
	az_assignment **xs = azm_assignments(l->a, &n);

	for (i = 0; i < n; i++) {
		size_t li = xs[i]->id ? strlen(xs[i]->id) : 0;
		if (li >= ls && !strcmp(xs[i]->id + li - ls, suffix))
			return xs[i];
	}
	return NULL;
}

static size_t n_assignments(const loaded *l)
{
	size_t n;

	azm_assignments(l->a, &n);
	return n;
}

static const char *format_of(const char *path)
{
	static char name[64];
	loaded l;

	load1(&l, path);
	snprintf(name, sizeof(name), "%s", l.run.n_inputs && l.run.inputs[0].format ? l.run.inputs[0].format : "-");
	unload(&l);
	return name;
}

static void test_cli_fields(void)
{
	loaded l;
	az_assignment *x;

	load1(&l, F "assignments-cli.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	CU_ASSERT_EQUAL(n_assignments(&l), 7);
	x = assignment(&l, "a0000000-0000-4000-8000-000000000001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->kind, AZA_ROLE);
	ASSERT_STR(x->scope, "/subscriptions/5c1a3d2e-0000-4000-8000-000000000001/resourcegroups/synthetic-rg");
	ASSERT_STR(x->scope_written, SUB "/resourceGroups/synthetic-rg");
	CU_ASSERT_PTR_EQUAL(x->scope, azm_key(l.a, SUB "/resourceGroups/SYNTHETIC-RG/"));
	CU_ASSERT_EQUAL(x->principal->kind, AZP_USER);
	/* object ids are keys: lowercased */
	ASSERT_STR(x->principal->id, "0a000000-0000-4000-8000-00000000aaaa");
	ASSERT_STR(x->principal->name, "alice@contoso.example");
	CU_ASSERT_FALSE(x->principal->external);
	ASSERT_STR(x->role_name, "Storage Blob Data Contributor");
	CU_ASSERT_PTR_NULL(x->condition);
	CU_ASSERT_PTR_NULL(x->condition_version);
	ASSERT_STR(x->loc.file, F "assignments-cli.json");
	CU_ASSERT_EQUAL(x->loc.line, 2);
	CU_ASSERT_EQUAL(x->loc.col, 3);
	/* a service principal stays one (a managed identity is refined by the resource reader) */
	x = assignment(&l, "a0000000-0000-4000-8000-000000000003");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->principal->kind, AZP_SERVICE_PRINCIPAL);
	ASSERT_STR(x->scope, "/subscriptions/5c1a3d2e-0000-4000-8000-000000000001/resourcegroups/synthetic-rg/"
			     "providers/microsoft.storage/storageaccounts/synthdata");
	CU_ASSERT_EQUAL(l.run.n_inputs, 1);
	ASSERT_STR(l.run.inputs[0].format, "azure-role-assignments");
	unload(&l);
}

static void test_role_definition_id_forms(void)
{
	loaded l;
	az_assignment *sub_form, *root_form, *bare;

	load1(&l, F "assignments-cli.json");
	sub_form = assignment(&l, "a0000000-0000-4000-8000-000000000001");
	root_form = assignment(&l, "a0000000-0000-4000-8000-000000000002");
	bare = assignment(&l, "a0000000-0000-4000-8000-000000000007");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sub_form);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root_form);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bare);
	CU_ASSERT_PTR_EQUAL(sub_form->role_guid, azm_key(l.a, "ba92f5b4-2d11-453d-a403-e96b0029c9fe"));
	CU_ASSERT_PTR_EQUAL(root_form->role_guid, azm_key(l.a, "acdd72a7-3385-48ef-bd42-f606fba81ae7"));
	CU_ASSERT_PTR_EQUAL(bare->role_guid, root_form->role_guid);
	/* both resolve to the bundled built-ins once finalized */
	CU_ASSERT_PTR_NOT_NULL(sub_form->role);
	CU_ASSERT_PTR_EQUAL(bare->role, root_form->role);
	unload(&l);
}

static void test_condition_kept(void)
{
	loaded l;
	az_assignment *x;

	load1(&l, F "assignments-cli.json");
	x = assignment(&l, "a0000000-0000-4000-8000-000000000003");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(x->condition, "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/"
				 "blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/"
				 "containers:name] StringEquals 'synthetic'))");
	ASSERT_STR(x->condition_version, "2.0");
	unload(&l);
}

static void test_foreign_group_and_guest(void)
{
	loaded l;
	az_assignment *fg, *guest;

	load1(&l, F "assignments-cli.json");
	fg = assignment(&l, "a0000000-0000-4000-8000-000000000004");
	guest = assignment(&l, "a0000000-0000-4000-8000-000000000005");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(guest);
	CU_ASSERT_EQUAL(fg->principal->kind, AZP_FOREIGN_GROUP);
	CU_ASSERT_TRUE(fg->principal->external);
	ASSERT_STR(fg->principal->external_why, "ForeignGroup (a group of another tenant)");
	CU_ASSERT_EQUAL(guest->principal->kind, AZP_USER);
	CU_ASSERT_TRUE(guest->principal->external);
	ASSERT_STR(guest->principal->external_why, "guest user (#EXT# in the user principal name)");
	unload(&l);
}

static void test_orphaned_principal(void)
{
	loaded l;
	az_assignment *x, *dev;
	const diag *w;

	load1(&l, F "assignments-cli.json");
	x = assignment(&l, "a0000000-0000-4000-8000-000000000006");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	/* kept: the principal is just its object id */
	CU_ASSERT_PTR_NULL(x->principal->name);
	ASSERT_STR(x->principal->id, "0f000000-0000-4000-8000-00000000ffff");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_WARNING), 1);
	w = find_diag(&l, DIAG_WARNING, "2 role assignments name a principal the directory no longer has");
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(w->line, 67);
	CU_ASSERT_EQUAL(w->col, 22);
	/* scope from the id, a Device principal of unknown kind */
	dev = assignment(&l, "a0000000-0000-4000-8000-000000000007");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dev);
	ASSERT_STR(dev->scope_written, SUB "/resourceGroups/prod-rg");
	CU_ASSERT_EQUAL(dev->principal->kind, AZP_UNKNOWN);
	CU_ASSERT_PTR_NULL(dev->role_name);
	unload(&l);
}

/* The same assignment as az CLI JSON, az CLI YAML and a REST list. */
static void test_three_shapes_same_model(void)
{
	static const char *const paths[] = { F "assignment-same-cli.json", F "assignment-same-cli.yaml",
					     F "assignment-same-rest.json" };
	const char *scope = NULL, *pid = NULL, *guid = NULL;
	az_assignment *xs[3];
	loaded l;
	size_t i;

	for (i = 0; i < 3; i++) {
		az_assignment *x;
		load1(&l, paths[i]);
		CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
		CU_ASSERT_EQUAL(n_assignments(&l), 1);
		x = assignment(&l, "b0000000-0000-4000-8000-000000000001");
		CU_ASSERT_PTR_NOT_NULL_FATAL(x);
		CU_ASSERT_EQUAL(x->kind, AZA_ROLE);
		ASSERT_STR(x->scope, "/subscriptions/5c1a3d2e-0000-4000-8000-000000000001/resourcegroups/synthetic-rg");
		ASSERT_STR(x->principal->id, "20000000-0000-4000-8000-000000002222");
		CU_ASSERT_EQUAL(x->principal->kind, AZP_USER);
		ASSERT_STR(x->role_guid, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
		ASSERT_STR(x->condition, "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] "
					 "StringEquals 'synthetic'");
		ASSERT_STR(x->condition_version, "2.0");
		/* REST rows carry no names */
		if (i < 2) {
			ASSERT_STR(x->role_name, "Storage Blob Data Reader");
			ASSERT_STR(x->principal->name, "carol@contoso.example");
		} else {
			CU_ASSERT_PTR_NULL(x->role_name);
			CU_ASSERT_PTR_NULL(x->principal->name);
		}
		unload(&l);
	}
	/* read together, they share keys and one principal */
	load(&l, paths, 3);
	CU_ASSERT_EQUAL(n_assignments(&l), 3);
	for (i = 0; i < 3; i++) {
		size_t n;
		xs[i] = azm_assignments(l.a, &n)[i];
		if (i == 0) {
			scope = xs[0]->scope;
			pid = xs[0]->principal->id;
			guid = xs[0]->role_guid;
		}
		CU_ASSERT_PTR_EQUAL(xs[i]->scope, scope);
		CU_ASSERT_PTR_EQUAL(xs[i]->principal->id, pid);
		CU_ASSERT_PTR_EQUAL(xs[i]->principal, xs[0]->principal);
		CU_ASSERT_PTR_EQUAL(xs[i]->role_guid, guid);
	}
	/* the CLI name sticks though the REST row (read last) has none */
	ASSERT_STR(xs[2]->principal->name, "carol@contoso.example");
	unload(&l);
}

static void test_real_examples(void)
{
	loaded l;
	az_assignment *x;
	az_role *r;

	/* the azure-rest-api-specs wrapper around a REST list */
	load1(&l, F "authorization_2022-04-01_RoleAssignments_ListForScope.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	x = assignment(&l, "b0f43c54-e787-4862-89b1-a653fa9cf747");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(x->scope, "/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2");
	ASSERT_STR(x->role_guid, "0b5fe924-9a61-425c-96af-cfe6e287ca2d");
	ASSERT_STR(x->principal->id, "ce2ce14e-85d7-4629-bdbc-454d0519d987");
	CU_ASSERT_EQUAL(x->loc.line, 10);
	unload(&l);

	/* the az CLI documentation rows: placeholders in ids, a condition, scope "/" */
	load1(&l, F "az_role_assignment_list_examples.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	CU_ASSERT_EQUAL(n_assignments(&l), 3);
	x = assignment(&l, "11111111-1111-1111-1111-111111111111");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	ASSERT_STR(x->scope, "/");
	ASSERT_STR(x->role_name, "User Access Administrator");
	unload(&l);

	load1(&l, F "az_role_definition_list_custom_role_example.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	r = azm_find_role(l.a, "88888888-8888-8888-8888-888888888888");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->name, "Virtual Machine Operator");
	CU_ASSERT_FALSE(r->builtin);
	CU_ASSERT_EQUAL(r->n_assignable, 3);
	CU_ASSERT_EQUAL(r->n_perms, 1);
	CU_ASSERT_EQUAL(r->perms[0].n_actions, 11);
	ASSERT_STR(r->perms[0].actions[10], "Microsoft.Support/*");
	unload(&l);

	/* a REST GET in the spec wrapper: "type" inside properties is the role type */
	load1(&l, F "authorization_2022-04-01_GetRoleDefinitionById.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	r = azm_find_role(l.a, "roleDefinitionId");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->name, "Role name");
	ASSERT_STR(r->id, "/subscriptions/subID/providers/Microsoft.Authorization/roleDefinitions/roleDefinitionId");
	CU_ASSERT_EQUAL(r->perms[0].n_data_actions, 1);
	unload(&l);

	/* an Enterprise-Scale role definition resource ("type": "customRole" in properties) */
	load1(&l, F "Application-Owners.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	r = azm_find_role(l.a, "c9a07a05-a1fc-53fe-a565-5eed25597c03");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_FALSE(r->builtin);
	CU_ASSERT_EQUAL(r->perms[0].n_not_actions, 4);
	ASSERT_STR(r->assignable_scopes[0], "/providers/Microsoft.Management/managementGroups/contoso");
	unload(&l);
}

static void test_classic_admins(void)
{
	loaded l;
	az_assignment **xs, *reader = NULL, *service = NULL, *co = NULL;
	size_t i, n;

	load1(&l, F "classic-admins-cli.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	xs = azm_assignments(l.a, &n);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	for (i = 0; i < n; i++) {
		if (xs[i]->kind == AZA_ROLE)
			reader = xs[i];
		else if (xs[i]->principal->name && !strcmp(xs[i]->principal->name, "alice@contoso.example"))
			service = xs[i];
		else
			co = xs[i];
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(reader);
	CU_ASSERT_PTR_NOT_NULL_FATAL(service);
	CU_ASSERT_PTR_NOT_NULL_FATAL(co);
	CU_ASSERT_EQUAL(service->kind, AZA_CLASSIC);
	CU_ASSERT_EQUAL(co->kind, AZA_CLASSIC);
	/* Owner-equivalent at the subscription, the role name as written */
	CU_ASSERT_PTR_EQUAL(service->role_guid, azm_key(l.a, OWNER));
	CU_ASSERT_PTR_EQUAL(co->role_guid, azm_key(l.a, OWNER));
	ASSERT_STR(service->role_name, "ServiceAdministrator;AccountAdministrator");
	ASSERT_STR(co->role_name, "CoAdministrator");
	CU_ASSERT_PTR_EQUAL(service->scope, azm_key(l.a, SUB));
	CU_ASSERT_PTR_EQUAL(co->scope, service->scope);
	CU_ASSERT_PTR_NOT_NULL(service->role);
	/* with a principalId, the same principal as its role assignment */
	CU_ASSERT_PTR_EQUAL(service->principal, reader->principal);
	/* principalId null: keyed by the sign-in name */
	ASSERT_STR(co->principal->id, "dave@outlook.example");
	ASSERT_STR(co->principal->name, "Dave@Outlook.example");
	CU_ASSERT_EQUAL(co->principal->kind, AZP_USER);
	CU_ASSERT_EQUAL(co->loc.line, 22);
	unload(&l);

	load1(&l, F "classic-admins-rest.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	ASSERT_STR(format_of(F "classic-admins-rest.json"), "azure-role-assignments");
	xs = azm_assignments(l.a, &n);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_EQUAL(xs[0]->kind, AZA_CLASSIC);
	ASSERT_STR(xs[0]->scope_written, SUB);
	ASSERT_STR(xs[0]->principal->id, "erin@contoso.example");
	ASSERT_STR(xs[0]->role_name, "ServiceAdministrator;AccountAdministrator");
	CU_ASSERT_PTR_EQUAL(xs[1]->role_guid, azm_key(l.a, OWNER));
	ASSERT_STR(xs[1]->role_name, "CoAdministrator");
	unload(&l);
}

static void test_deny_everyone(void)
{
	loaded l;
	az_deny **ds;
	size_t n;

	load1(&l, F "deny-everyone.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-deny-assignments");
	ds = azm_denies(l.a, &n);
	/* the "audit" one denies nothing and is not kept */
	CU_ASSERT_EQUAL_FATAL(n, 2);
	ASSERT_STR(ds[0]->name, "Deny writes to synthetic data except the pipeline");
	ASSERT_STR(ds[0]->id, SUB "/resourceGroups/synthetic-rg/providers/Microsoft.Authorization/denyAssignments/"
				   "f0000000-0000-4000-8000-000000000001");
	CU_ASSERT_PTR_EQUAL(ds[0]->scope, azm_key(l.a, SUB "/resourceGroups/synthetic-rg"));
	CU_ASSERT_TRUE(ds[0]->no_children);
	CU_ASSERT_EQUAL_FATAL(ds[0]->n_perms, 1);
	CU_ASSERT_EQUAL(ds[0]->perms[0].n_actions, 2);
	ASSERT_STR(ds[0]->perms[0].not_actions[0], "Microsoft.Storage/storageAccounts/listKeys/action");
	CU_ASSERT_EQUAL(ds[0]->perms[0].n_data_actions, 1);
	CU_ASSERT_EQUAL(ds[0]->perms[0].loc.line, 8);
	CU_ASSERT_EQUAL_FATAL(ds[0]->n_principals, 1);
	CU_ASSERT_EQUAL(ds[0]->principals[0]->kind, AZP_EVERYONE);
	ASSERT_STR(ds[0]->principals[0]->id, AZ_EVERYONE_ID);
	CU_ASSERT_EQUAL_FATAL(ds[0]->n_excludes, 1);
	ASSERT_STR(ds[0]->excludes[0]->id, "0c000000-0000-4000-8000-00000000cccc");
	CU_ASSERT_EQUAL(ds[0]->excludes[0]->kind, AZP_SERVICE_PRINCIPAL);
	CU_ASSERT_EQUAL(ds[0]->loc.line, 3);
	CU_ASSERT_EQUAL(ds[0]->loc.col, 5);
	/* no scope: taken from the id; doNotApplyToChildScopes defaults to false */
	CU_ASSERT_PTR_EQUAL(ds[1]->scope, azm_key(l.a, SUB "/resourceGroups/prod-rg"));
	CU_ASSERT_FALSE(ds[1]->no_children);
	CU_ASSERT_EQUAL(ds[1]->principals[0]->kind, AZP_GROUP);
	CU_ASSERT_EQUAL(ds[1]->n_excludes, 0);
	unload(&l);

	/* the spec example: placeholder principals of unknown type */
	load1(&l, F "authorization_2022-04-01_GetDenyAssignmentById.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	ds = azm_denies(l.a, &n);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	ASSERT_STR(ds[0]->scope, "/subscriptions/subid/resourcegroups/rgname");
	ASSERT_STR(ds[0]->principals[0]->id, "principalid1");
	CU_ASSERT_EQUAL(ds[0]->principals[0]->kind, AZP_UNKNOWN);
	ASSERT_STR(ds[0]->excludes[0]->id, "principalid2");
	unload(&l);
}

static void test_role_two_blocks(void)
{
	loaded l;
	az_role *r, *b;

	load1(&l, F "roledefs-two-blocks.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-role-definitions");
	r = azm_find_role(l.a, "D0000000-0000-4000-8000-000000000001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->guid, "d0000000-0000-4000-8000-000000000001");
	ASSERT_STR(r->name, "Synthetic Data Operator");
	CU_ASSERT_FALSE(r->builtin);
	CU_ASSERT_FALSE(r->bundled);
	CU_ASSERT_EQUAL(r->loc.line, 2);
	CU_ASSERT_EQUAL_FATAL(r->n_perms, 2);
	CU_ASSERT_EQUAL(r->perms[0].n_actions, 2);
	CU_ASSERT_EQUAL(r->perms[0].n_data_actions, 0);
	CU_ASSERT_EQUAL(r->perms[0].loc.line, 11);
	CU_ASSERT_EQUAL(r->perms[1].n_actions, 0);
	ASSERT_STR(r->perms[1].data_actions[0], "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*");
	ASSERT_STR(r->perms[1].not_data_actions[0],
		   "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete");
	CU_ASSERT_PTR_NULL(r->perms[1].condition);
	CU_ASSERT_EQUAL_FATAL(r->n_assignable, 2);
	ASSERT_STR(r->assignable_scopes[1], "/providers/Microsoft.Management/managementGroups/synthetic-data");
	CU_ASSERT_EQUAL(r->assignable_locs[1].line, 5);
	/* the built-in shape: "name" is the GUID, no "id" */
	b = azm_find_role(l.a, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_TRUE(b->builtin);
	CU_ASSERT_PTR_NULL(b->id);
	CU_ASSERT_FALSE(b->bundled);
	unload(&l);
}

static void test_role_rest_yaml_and_first_wins(void)
{
	static const char *const two[] = { F "roledefs-two-blocks.json", F "roledefs-duplicate.json" };
	loaded l;
	az_role *r;
	size_t n1, n2;

	load1(&l, F "roledefs-rest.yaml");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	r = azm_find_role(l.a, "d0000000-0000-4000-8000-000000000002");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->name, "Synthetic Data Writer");
	CU_ASSERT_FALSE(r->builtin);
	CU_ASSERT_EQUAL(r->loc.line, 2);
	CU_ASSERT_EQUAL(r->loc.col, 5);
	r = azm_find_role(l.a, "acdd72a7-3385-48ef-bd42-f606fba81ae7");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->builtin);
	ASSERT_STR(r->perms[0].actions[0], "*/read");
	unload(&l);

	load1(&l, two[0]);
	azm_roles(l.a, &n1);
	unload(&l);
	load(&l, two, 2);
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	azm_roles(l.a, &n2);
	CU_ASSERT_EQUAL(n2, n1);
	r = azm_find_role(l.a, "d0000000-0000-4000-8000-000000000001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->name, "Synthetic Data Operator");
	CU_ASSERT_EQUAL(r->n_perms, 2);
	unload(&l);
}

static void test_role_errors(void)
{
	loaded l;

	load1(&l, F "roledefs-bad.json");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_TRUE(error_at(&l, "'actions' must be a list, not a string", 8, 20));
	CU_ASSERT_TRUE(error_at(&l, "assignable scope 'subscriptions/no-leading-slash' is not a valid Azure scope", 24,
				26));
	CU_ASSERT_TRUE(error_at(&l, "unknown key 'notDataAction' in permission block (did you mean 'notDataActions'?)",
				26, 49));
	CU_ASSERT_TRUE(error_at(&l, "each permission block of a role definition must be an object, not a string", 27, 7));
	CU_ASSERT_TRUE(error_at(&l, "role definition has no 'roleName'", 30, 3));
	CU_ASSERT_TRUE(error_at(&l, "'roleType' must be a string, not a number", 32, 17));
	CU_ASSERT_TRUE(error_at(&l, "role definition '?' has no 'permissions'", 30, 3));
	CU_ASSERT_TRUE(error_at(&l, "'permissions' must be a list, not an object", 38, 20));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 8);
	/* the good record is read; the bad ones are not added */
	CU_ASSERT_PTR_NOT_NULL(azm_find_role(l.a, "e0000000-0000-4000-8000-000000000002"));
	CU_ASSERT_PTR_NULL(azm_find_role(l.a, "e0000000-0000-4000-8000-000000000001"));
	CU_ASSERT_PTR_NULL(azm_find_role(l.a, "e0000000-0000-4000-8000-000000000003"));
	CU_ASSERT_PTR_NULL(azm_find_role(l.a, "e0000000-0000-4000-8000-000000000005"));
	unload(&l);
}

static void test_assignment_errors(void)
{
	loaded l;

	load1(&l, F "assignments-bad.json");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_TRUE(error_at(&l, "scope '/subscriptions//resourceGroups/x' is not a valid Azure scope", 7, 14));
	CU_ASSERT_TRUE(error_at(&l, "role assignment has no 'principalId'", 9, 3));
	CU_ASSERT_TRUE(error_at(&l, "'principalType' must be a string, not a number", 16, 22));
	CU_ASSERT_TRUE(error_at(&l, "names no role definition", 17, 25));
	CU_ASSERT_TRUE(error_at(&l, "a role assignment must be an object, not a string", 26, 3));
	CU_ASSERT_TRUE(error_at(&l, "'principalId' is empty", 28, 20));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 6);
	CU_ASSERT_EQUAL(n_assignments(&l), 1);
	unload(&l);
}

static void test_deny_errors(void)
{
	loaded l;
	az_deny **ds;
	size_t n;

	load1(&l, F "deny-bad.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_TRUE(error_at(&l, "'doNotApplyToChildScopes' must be a boolean, not a string", 6, 30));
	CU_ASSERT_TRUE(error_at(&l, "each entry of 'principals' must be an object", 17, 9));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 2);
	ds = azm_denies(l.a, &n);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	ASSERT_STR(ds[0]->name, "Fine");
	unload(&l);
}

/* AWS exports and ARM templates are not ours; every RBAC fixture is. */
static void test_detection(void)
{
	static const char *const foreign[] = {
		"fixtures/aws/authz-details/cloudsplaining-test-example-authz-details.json",
		"fixtures/aws/cloudmapper-demo/iam-get-account-authorization-details.json",
		"fixtures/aws/handmade/config-snapshot.json", "fixtures/aws/handmade/tagging-get-resources.json",
		"fixtures/aws/handmade/manifest.yaml", "fixtures/aws/handmade/organization.yaml",
		F "storageandrole.json", F "customRoleDefinitions.json", NULL
	};
	static const ingest_format *const ours[] = { &ingest_az_roledefs_format, &ingest_az_assignments_format,
						     &ingest_az_deny_format, NULL };
	size_t i, k;

	for (i = 0; foreign[i]; i++) {
		doc *d = NULL;
		diag dg = DIAG_INIT;
		CU_ASSERT_EQUAL_FATAL(doc_load_file(&d, foreign[i], DOC_FMT_AUTO, &dg), 0);
		for (k = 0; ours[k]; k++)
			if (ours[k]->detect(doc_root(d), foreign[i])) {
				fprintf(stderr, "\n  %s claims %s\n", ours[k]->name, foreign[i]);
				CU_FAIL("an RBAC reader claims a foreign document");
			}
		doc_free(d);
		diag_release(&dg);
	}
	ASSERT_STR(format_of("fixtures/aws/authz-details/cloudsplaining-test-example-authz-details.json"),
		   "aws-authz-details");
	ASSERT_STR(format_of(F "az_role_definition_list_custom_role_example.json"), "azure-role-definitions");
	ASSERT_STR(format_of(F "authorization_2022-04-01_GetRoleDefinitionById.json"), "azure-role-definitions");
	ASSERT_STR(format_of(F "Application-Owners.json"), "azure-role-definitions");
	ASSERT_STR(format_of(F "roledefs-rest.yaml"), "azure-role-definitions");
	ASSERT_STR(format_of(F "authorization_2022-04-01_RoleAssignments_ListForScope.json"), "azure-role-assignments");
	ASSERT_STR(format_of(F "assignment-same-cli.yaml"), "azure-role-assignments");
	ASSERT_STR(format_of(F "assignment-same-rest.json"), "azure-role-assignments");
	ASSERT_STR(format_of(F "classic-admins-cli.json"), "azure-role-assignments");
	ASSERT_STR(format_of(F "authorization_2022-04-01_GetDenyAssignmentById.json"), "azure-deny-assignments");
	ASSERT_STR(format_of(F "deny-bad.yaml"), "azure-deny-assignments");
}

/* az_read_role as validate uses it: 0 and the role, or PG_EINPUT and no change. */
static void test_read_role_api(void)
{
	static const char good[] = "{\"name\": \"F0000000-0000-4000-8000-000000000001\", \"roleName\": \"Lint Me\",\n"
				   " \"permissions\": [{\"actions\": [\"Microsoft.Storage/*/read\"]}]}";
	static const char bad[] = "{\"name\": \"f0000000-0000-4000-8000-000000000002\", \"roleName\": \"Bad\",\n"
				  " \"permissions\": [{\"Actions\": [\"*\"], \"notactionz\": []}]}";
	model *m = model_new();
	diag_list diags;
	ingest_ctx c;
	az_role *r = NULL;
	doc *d = NULL;
	diag dg = DIAG_INIT;
	size_t n;

	diag_list_init(&diags);
	c.m = m;
	c.diags = &diags;
	c.path = "good.json";
	CU_ASSERT_EQUAL_FATAL(doc_load_buffer(&d, "good.json", good, strlen(good), DOC_FMT_JSON, &dg), 0);
	c.doc = d;
	CU_ASSERT_EQUAL(az_read_role(&c, doc_root(d), &r), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->guid, "f0000000-0000-4000-8000-000000000001");
	CU_ASSERT_EQUAL(r->perms[0].n_actions, 1);
	CU_ASSERT_EQUAL(r->n_assignable, 0);
	ASSERT_STR(r->loc.file, "good.json");
	doc_free(d);
	d = NULL;

	CU_ASSERT_EQUAL_FATAL(doc_load_buffer(&d, "bad.json", bad, strlen(bad), DOC_FMT_JSON, &dg), 0);
	c.doc = d;
	c.path = "bad.json";
	CU_ASSERT_EQUAL(az_read_role(&c, doc_root(d), &r), PG_EINPUT);
	CU_ASSERT_PTR_NULL(r);
	/* keys compare case-insensitively ("Actions" is fine); an unknown one gets a hint */
	CU_ASSERT_EQUAL_FATAL(diags.count, 1);
	ASSERT_STR(diags.items[0].msg, "unknown key 'notactionz' in permission block (did you mean 'notActions'?)");
	CU_ASSERT_EQUAL(diags.items[0].line, 2);
	CU_ASSERT_EQUAL(diags.items[0].col, 37);
	azm_roles(model_azure(m), &n);
	CU_ASSERT_EQUAL(n, 1);
	doc_free(d);
	diag_release(&dg);
	diag_list_release(&diags);
	model_free(m);
}

TEST_SUITE(az_rbac)
{
	static const test_case cases[] = {
		{ "az_rbac__cli_assignment_fields", test_cli_fields },
		{ "az_rbac__role_definition_id_forms", test_role_definition_id_forms },
		{ "az_rbac__condition_kept", test_condition_kept },
		{ "az_rbac__foreign_group_and_guest_external", test_foreign_group_and_guest },
		{ "az_rbac__orphaned_principal_warned_once", test_orphaned_principal },
		{ "az_rbac__cli_yaml_rest_same_model", test_three_shapes_same_model },
		{ "az_rbac__real_examples", test_real_examples },
		{ "az_rbac__classic_admins_owner_equivalent", test_classic_admins },
		{ "az_rbac__deny_everyone_exclude_no_children", test_deny_everyone },
		{ "az_rbac__role_two_blocks", test_role_two_blocks },
		{ "az_rbac__role_rest_yaml_first_wins", test_role_rest_yaml_and_first_wins },
		{ "az_rbac__role_errors_placed", test_role_errors },
		{ "az_rbac__assignment_errors_placed", test_assignment_errors },
		{ "az_rbac__deny_errors_placed", test_deny_errors },
		{ "az_rbac__detection", test_detection },
		{ "az_rbac__read_role_api", test_read_role_api },
		{ NULL, NULL }
	};
	return test_register("az_rbac", cases);
}
