/* Tests for analyzer/catalog/az_privesc: the table, the catalogue, lookups. */
#include "catalog/az_privesc.h"
#include "catalog/az_catalog.h"
#include "base/strbuf.h"
#include "base/strci.h"
#include "tests/test_util.h"

#include <stdio.h>

/*
 * Every technique as the graph will read it, one line each:
 *   id where gain flags resource-types alternatives
 * alternatives are separated by " | ", the operations of one by " + "; an
 * operation carries "@where" when it is not needed where the target is, and
 * "(data)" when it is a data action. A change to the table shows up here.
 */
static const char *const expected[] = {
	"az-001 at-scope any-role-at-scope - - "
	"Microsoft.Authorization/roleAssignments/write",
	"az-002 at-scope widen-assigned-role assigned-role - "
	"Microsoft.Authorization/roleDefinitions/write",
	"az-003 tenant root-user-access-administrator entra-role - "
	"Microsoft.Authorization/elevateAccess/action",
	"az-004 on-store storage-data shared-key Microsoft.Storage/storageAccounts "
	"Microsoft.Storage/storageAccounts/listkeys/action | Microsoft.Storage/storageAccounts/regeneratekey/action",
	"az-005 on-store storage-data shared-key Microsoft.Storage/storageAccounts "
	"Microsoft.Storage/storageAccounts/listAccountSas/action | Microsoft.Storage/storageAccounts/listServiceSas/action",
	"az-006 on-store storage-data shared-key Microsoft.DocumentDB/databaseAccounts "
	"Microsoft.DocumentDB/databaseAccounts/listKeys/action | "
	"Microsoft.DocumentDB/databaseAccounts/listConnectionStrings/action",
	"az-007 on-vault vault-data access-policy-mode Microsoft.KeyVault/vaults "
	"Microsoft.KeyVault/vaults/write | Microsoft.KeyVault/vaults/accessPolicies/write",
	"az-008 on-host identity-of-host - Microsoft.Compute/virtualMachines "
	"Microsoft.Compute/virtualMachines/runCommand/action | Microsoft.Compute/virtualMachines/runCommands/write",
	"az-009 on-host identity-of-host - Microsoft.Compute/virtualMachines "
	"Microsoft.Compute/virtualMachines/extensions/write",
	"az-010 on-host identity-of-host - Microsoft.Compute/virtualMachineScaleSets "
	"Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action | "
	"Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommands/write",
	"az-011 on-host identity-of-host - Microsoft.Compute/virtualMachineScaleSets "
	"Microsoft.Compute/virtualMachineScaleSets/virtualMachines/extensions/write | "
	"Microsoft.Compute/virtualMachineScaleSets/extensions/write + "
	"Microsoft.Compute/virtualMachineScaleSets/manualUpgrade/action",
	"az-012 on-host identity-of-host machine-login "
	"Microsoft.Compute/virtualMachines,Microsoft.HybridCompute/machines "
	"Microsoft.Compute/virtualMachines/login/action(data) | "
	"Microsoft.Compute/virtualMachines/loginAsAdmin/action(data) | "
	"Microsoft.HybridCompute/machines/loginAsAdmin/action(data)",
	"az-013 on-host identity-of-host - Microsoft.HybridCompute/machines "
	"Microsoft.HybridCompute/machines/extensions/write | Microsoft.HybridCompute/machines/runCommands/write",
	"az-014 on-host identity-of-host - Microsoft.Automation/automationAccounts "
	"Microsoft.Automation/automationAccounts/runbooks/write + Microsoft.Automation/automationAccounts/jobs/write | "
	"Microsoft.Automation/automationAccounts/runbooks/draft/content/write + "
	"Microsoft.Automation/automationAccounts/runbooks/publish/action + "
	"Microsoft.Automation/automationAccounts/jobs/write | "
	"Microsoft.Automation/automationAccounts/runbooks/draft/content/write + "
	"Microsoft.Automation/automationAccounts/runbooks/draft/testJob/write",
	"az-015 on-host identity-of-host - Microsoft.Web/sites "
	"Microsoft.Web/sites/publish/Action | Microsoft.Web/sites/sourcecontrols/Write",
	"az-016 on-host identity-of-host basic-auth Microsoft.Web/sites "
	"Microsoft.Web/sites/publishxml/Action | Microsoft.Web/sites/config/list/Action",
	"az-017 on-host identity-of-host - Microsoft.Web/sites "
	"Microsoft.Web/sites/Write | Microsoft.Web/sites/config/Write",
	"az-018 on-host identity-of-host - Microsoft.Web/sites "
	"microsoft.web/sites/functions/write | Microsoft.Web/sites/hostruntime/host/action",
	"az-019 on-host identity-of-host - Microsoft.Logic/workflows "
	"Microsoft.Logic/workflows/write",
	"az-020 on-host identity-of-host - Microsoft.ContainerInstance/containerGroups "
	"Microsoft.ContainerInstance/containerGroups/containers/exec/action | "
	"Microsoft.ContainerInstance/containerGroups/write",
	"az-021 on-host identity-of-host - Microsoft.App/containerApps "
	"microsoft.app/containerapps/write | microsoft.app/containerapps/getauthtoken/action",
	"az-022 on-host identity-of-host kubernetes Microsoft.ContainerService/managedClusters "
	"Microsoft.ContainerService/managedClusters/runCommand/action | "
	"Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action",
	"az-023 on-identity identity - Microsoft.ManagedIdentity/userAssignedIdentities "
	"Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
	"az-024 on-identity identity - Microsoft.ManagedIdentity/userAssignedIdentities "
	"Microsoft.ManagedIdentity/userAssignedIdentities/assign/action + Microsoft.Logic/workflows/write@new-host | "
	"Microsoft.ManagedIdentity/userAssignedIdentities/assign/action + "
	"Microsoft.ContainerInstance/containerGroups/write@new-host | "
	"Microsoft.ManagedIdentity/userAssignedIdentities/assign/action + "
	"Microsoft.Automation/automationAccounts/write@new-host + "
	"Microsoft.Automation/automationAccounts/runbooks/write@new-host + "
	"Microsoft.Automation/automationAccounts/jobs/write@new-host | "
	"Microsoft.ManagedIdentity/userAssignedIdentities/assign/action + Microsoft.Web/sites/Write@new-host | "
	"Microsoft.ManagedIdentity/userAssignedIdentities/assign/action + "
	"Microsoft.Compute/virtualMachines/write@new-host + "
	"Microsoft.Compute/virtualMachines/runCommand/action@new-host",
};

#define N_EXPECTED (sizeof(expected) / sizeof(expected[0]))

/* Operations newer than the bundled 2023-04-09 operations catalogue: each is
 * checked to be still missing, so that a catalogue update makes this list
 * (and the skipped assertion) go away. */
static const char *const newer_than_catalogue[] = {
	"Microsoft.HybridCompute/machines/runCommands/write",   /* Arc run command, 2024 */
};

static int is_newer_than_catalogue(const char *op)
{
	size_t i;

	for (i = 0; i < sizeof(newer_than_catalogue) / sizeof(newer_than_catalogue[0]); i++)
		if (!strcmp(op, newer_than_catalogue[i]))
			return 1;
	return 0;
}

static void describe(const az_privesc_technique *t, strbuf *sb)
{
	size_t a, o, k;
	unsigned bit;

	strbuf_reset(sb);
	strbuf_addf(sb, "%s %s %s ", t->id, az_privesc_where_name(t->where), az_privesc_gain_name(t->gain));
	for (bit = 1, k = 0; bit; bit <<= 1)
		if (t->flags & bit)
			strbuf_addf(sb, "%s%s", k++ ? "," : "", az_privesc_flag_name(bit));
	strbuf_addstr(sb, k ? " " : "- ");
	for (k = 0; k < t->n_resource_types; k++)
		strbuf_addf(sb, "%s%s", k ? "," : "", t->resource_types[k]);
	strbuf_addstr(sb, k ? " " : "- ");
	for (a = 0; a < t->n_alternatives; a++) {
		const az_privesc_alt *alt = &t->alternatives[a];

		if (a)
			strbuf_addstr(sb, " | ");
		for (o = 0; o < alt->n_ops; o++) {
			const az_privesc_op *op = &alt->ops[o];

			strbuf_addf(sb, "%s%s", o ? " + " : "", op->name);
			if (op->where != t->where)
				strbuf_addf(sb, "@%s", az_privesc_where_name(op->where));
			if (op->plane == AZ_OP_DATA)
				strbuf_addstr(sb, "(data)");
		}
	}
}

static const az_privesc_technique *must_find(const char *id)
{
	const az_privesc_technique *t = az_privesc_find(id);

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	return t;
}

/* The table, line by line (see `expected`). */
static void az_privesc__table(void)
{
	strbuf sb;
	size_t i;

	CU_ASSERT_EQUAL(az_privesc_count(), 24);
	CU_ASSERT_EQUAL(az_privesc_count(), N_EXPECTED);
	strbuf_init(&sb);
	for (i = 0; i < az_privesc_count() && i < N_EXPECTED; i++) {
		describe(az_privesc_get(i), &sb);
		if (strcmp(sb.buf, expected[i])) {
			fprintf(stderr, "\n  got:      %s\n  expected: %s\n", sb.buf, expected[i]);
			CU_FAIL("technique differs from the expected table");
		}
	}
	strbuf_release(&sb);
	CU_ASSERT_PTR_NULL(az_privesc_get(az_privesc_count()));
}

/* Every operation is in the operations catalogue, spelt as the catalogue
 * spells it, in the plane the table says (prints the ones that are not). */
static void az_privesc__operations_in_catalogue(void)
{
	size_t i, a, o, n = 0, newer = 0;

	for (i = 0; i < az_privesc_count(); i++) {
		const az_privesc_technique *t = az_privesc_get(i);

		for (a = 0; a < t->n_alternatives; a++)
			for (o = 0; o < t->alternatives[a].n_ops; o++) {
				const az_privesc_op *op = &t->alternatives[a].ops[o];
				const char *cat = az_catalog_op_name(op->name);

				n++;
				if (is_newer_than_catalogue(op->name)) {
					/* skipped: not in the 2023-04-09 catalogue (see the list) */
					CU_ASSERT_PTR_NULL(cat);
					newer++;
					continue;
				}
				if (!cat || strcmp(cat, op->name)) {
					fprintf(stderr, "\n  %s: '%s' is not in the catalogue (catalogue: '%s')\n",
						t->id, op->name, cat ? cat : "-");
					CU_FAIL("operation not in the catalogue");
				} else if (az_catalog_match_count(op->name, op->plane) != 1) {
					fprintf(stderr, "\n  %s: '%s' is not a %s operation\n", t->id, op->name,
						op->plane == AZ_OP_DATA ? "data" : "control");
					CU_FAIL("operation in the wrong plane");
				}
			}
	}
	CU_ASSERT_EQUAL(n, 60);
	CU_ASSERT_EQUAL(newer, 1);
}

static int starts_with_type(const char *op, const char *type)
{
	size_t n = strlen(type);

	return !strci_prefix_cmp(op, type, n) && op[n] == '/';
}

/* Rules every entry obeys: ids in order, text present, the target named by
 * every alternative, where and gain consistent, resource types fitting. */
static void az_privesc__fields(void)
{
	size_t i, a, o, k;
	char id[32];

	for (i = 0; i < az_privesc_count(); i++) {
		const az_privesc_technique *t = az_privesc_get(i);

		snprintf(id, sizeof(id), "az-%03zu", i + 1);
		ASSERT_STR(t->id, id);
		CU_ASSERT(t->name && *t->name);
		CU_ASSERT(t->remediation && strlen(t->remediation) > 40);
		CU_ASSERT(t->reference && !strncmp(t->reference, "https://learn.microsoft.com/en-us/", 34));
		CU_ASSERT(!t->conditions || *t->conditions);
		CU_ASSERT(t->n_alternatives >= 1);
		switch (t->where) {
		case AZ_PE_AT_SCOPE:
			CU_ASSERT(t->gain == AZ_GAIN_ANY_ROLE_AT_SCOPE || t->gain == AZ_GAIN_WIDEN_ASSIGNED_ROLE);
			CU_ASSERT_EQUAL(t->n_resource_types, 0);
			break;
		case AZ_PE_TENANT:
			CU_ASSERT_EQUAL(t->gain, AZ_GAIN_ROOT_UAA);
			CU_ASSERT_EQUAL(t->n_resource_types, 0);
			break;
		case AZ_PE_ON_HOST:
			CU_ASSERT_EQUAL(t->gain, AZ_GAIN_IDENTITY_OF_HOST);
			break;
		case AZ_PE_ON_STORE:
			CU_ASSERT_EQUAL(t->gain, AZ_GAIN_STORAGE_DATA);
			break;
		case AZ_PE_ON_VAULT:
			CU_ASSERT_EQUAL(t->gain, AZ_GAIN_VAULT_DATA);
			break;
		case AZ_PE_ON_IDENTITY:
			CU_ASSERT_EQUAL(t->gain, AZ_GAIN_IDENTITY);
			break;
		default:
			CU_FAIL("a technique's target is a scope, the tenant, a host, a store, a vault or an identity");
		}
		if (t->where != AZ_PE_AT_SCOPE && t->where != AZ_PE_TENANT)
			CU_ASSERT(t->n_resource_types >= 1);
		for (a = 0; a < t->n_alternatives; a++) {
			const az_privesc_alt *alt = &t->alternatives[a];
			int names_target = 0;

			CU_ASSERT(alt->n_ops >= 1);
			for (o = 0; o < alt->n_ops; o++) {
				const az_privesc_op *op = &alt->ops[o];
				int fits = 0;

				CU_ASSERT(op->plane == AZ_OP_CONTROL || op->plane == AZ_OP_DATA);
				CU_ASSERT(op->where > AZ_PE_UNKNOWN && op->where <= AZ_PE_NEW_HOST);
				if (op->where != t->where)
					continue;
				names_target = 1;
				/* an operation on the target belongs to one of its types */
				for (k = 0; k < t->n_resource_types; k++)
					fits |= starts_with_type(op->name, t->resource_types[k]);
				if (t->n_resource_types && !fits) {
					fprintf(stderr, "\n  %s: '%s' is not an operation on its resource types\n",
						t->id, op->name);
					CU_FAIL("operation does not fit the technique's resource types");
				}
			}
			CU_ASSERT(names_target);
		}
	}
}

/* The issue's list, by the operation each rests on. */
static void az_privesc__covers_the_issue(void)
{
	static const struct { const char *op, *id; } want[] = {
		{ "Microsoft.Authorization/roleAssignments/write", "az-001" },
		{ "Microsoft.Authorization/roleDefinitions/write", "az-002" },
		{ "Microsoft.Authorization/elevateAccess/action", "az-003" },
		{ "Microsoft.Storage/storageAccounts/listkeys/action", "az-004" },
		{ "Microsoft.Storage/storageAccounts/listAccountSas/action", "az-005" },
		{ "Microsoft.KeyVault/vaults/write", "az-007" },
		{ "Microsoft.Compute/virtualMachines/runCommand/action", "az-008" },
		{ "Microsoft.Compute/virtualMachines/runCommands/write", "az-008" },
		{ "Microsoft.Compute/virtualMachines/extensions/write", "az-009" },
		{ "Microsoft.Automation/automationAccounts/runbooks/write", "az-014" },
		{ "Microsoft.Web/sites/Write", "az-017" },
		{ "Microsoft.Logic/workflows/write", "az-019" },
		{ "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write", "az-023" },
		{ "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action", "az-024" },
	};
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CU_ASSERT(az_privesc_uses(must_find(want[i].id), want[i].op));
}

static void az_privesc__role_assignment_write(void)
{
	const az_privesc_technique *t = must_find("az-001");

	CU_ASSERT_EQUAL(t->where, AZ_PE_AT_SCOPE);
	CU_ASSERT_EQUAL(t->gain, AZ_GAIN_ANY_ROLE_AT_SCOPE);
	CU_ASSERT_EQUAL(t->flags, 0);
	CU_ASSERT_EQUAL_FATAL(t->n_alternatives, 1);
	CU_ASSERT_EQUAL_FATAL(t->alternatives[0].n_ops, 1);
	ASSERT_STR(t->alternatives[0].ops[0].name, "Microsoft.Authorization/roleAssignments/write");
	CU_ASSERT_EQUAL(t->alternatives[0].ops[0].plane, AZ_OP_CONTROL);
	CU_ASSERT_PTR_NOT_NULL(strstr(t->conditions, "condition"));
	ASSERT_STR(t->reference, "https://learn.microsoft.com/en-us/azure/role-based-access-control/role-assignments-rest");
}

static void az_privesc__conditional_techniques(void)
{
	CU_ASSERT_EQUAL(must_find("az-002")->flags, AZ_PE_F_ASSIGNED_ROLE);
	CU_ASSERT_EQUAL(must_find("az-002")->gain, AZ_GAIN_WIDEN_ASSIGNED_ROLE);
	CU_ASSERT_EQUAL(must_find("az-003")->flags, AZ_PE_F_ENTRA_ROLE);
	CU_ASSERT_EQUAL(must_find("az-003")->where, AZ_PE_TENANT);
	CU_ASSERT_EQUAL(must_find("az-004")->flags, AZ_PE_F_SHARED_KEY);
	CU_ASSERT_EQUAL(must_find("az-007")->flags, AZ_PE_F_ACCESS_POLICY);
	CU_ASSERT_PTR_NOT_NULL(strstr(must_find("az-007")->conditions, "enableRbacAuthorization"));
	CU_ASSERT_EQUAL(must_find("az-016")->flags, AZ_PE_F_BASIC_AUTH);
	CU_ASSERT_EQUAL(must_find("az-022")->flags, AZ_PE_F_KUBERNETES);
	/* a host technique without flags is decided by RBAC alone */
	CU_ASSERT_EQUAL(must_find("az-008")->flags, 0);
}

/* An alternative needs all of its operations: publishing a draft without
 * starting a job is not enough, either alone is not enough. */
static void az_privesc__alternatives_need_every_operation(void)
{
	const az_privesc_technique *t = must_find("az-014");
	const az_privesc_alt *alt;

	CU_ASSERT_EQUAL_FATAL(t->n_alternatives, 3);
	alt = &t->alternatives[1];
	CU_ASSERT_EQUAL_FATAL(alt->n_ops, 3);
	ASSERT_STR(alt->ops[0].name, "Microsoft.Automation/automationAccounts/runbooks/draft/content/write");
	ASSERT_STR(alt->ops[1].name, "Microsoft.Automation/automationAccounts/runbooks/publish/action");
	ASSERT_STR(alt->ops[2].name, "Microsoft.Automation/automationAccounts/jobs/write");

	t = must_find("az-024");
	CU_ASSERT_EQUAL_FATAL(t->n_alternatives, 5);
	for (alt = t->alternatives; alt < t->alternatives + t->n_alternatives; alt++) {
		CU_ASSERT(alt->n_ops >= 2);
		ASSERT_STR(alt->ops[0].name, "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action");
		CU_ASSERT_EQUAL(alt->ops[0].where, AZ_PE_ON_IDENTITY);
		CU_ASSERT_EQUAL(alt->ops[1].where, AZ_PE_NEW_HOST);
	}
}

/* Entra login is granted by data actions. */
static void az_privesc__login_is_a_data_action(void)
{
	const az_privesc_technique *t = must_find("az-012");
	size_t a;

	for (a = 0; a < t->n_alternatives; a++)
		CU_ASSERT_EQUAL(t->alternatives[a].ops[0].plane, AZ_OP_DATA);
	CU_ASSERT_EQUAL(t->n_resource_types, 2);
	/* only administrators read an Arc machine's identity token */
	CU_ASSERT(!az_privesc_uses(t, "Microsoft.HybridCompute/machines/login/action"));
	CU_ASSERT(az_privesc_uses(t, "Microsoft.HybridCompute/machines/loginAsAdmin/action"));
}

static void az_privesc__finds_by_id(void)
{
	CU_ASSERT_PTR_EQUAL(az_privesc_find("az-001"), az_privesc_get(0));
	CU_ASSERT_PTR_EQUAL(az_privesc_find("AZ-024"), az_privesc_get(23));
	CU_ASSERT_PTR_NULL(az_privesc_find("az-025"));
	CU_ASSERT_PTR_NULL(az_privesc_find("az-01"));
	CU_ASSERT_PTR_NULL(az_privesc_find(""));
	CU_ASSERT_PTR_NULL(az_privesc_find(NULL));
}

static void az_privesc__finds_by_operation(void)
{
	const az_privesc_technique *out[4] = { NULL, NULL, NULL, NULL };

	/* roleAssignments/write: az-001 only, whatever the case */
	CU_ASSERT_EQUAL(az_privesc_by_operation("Microsoft.Authorization/roleAssignments/write", out, 4), 1);
	CU_ASSERT_PTR_EQUAL(out[0], must_find("az-001"));
	CU_ASSERT_PTR_NULL(out[1]);
	CU_ASSERT_EQUAL(az_privesc_by_operation("microsoft.authorization/ROLEASSIGNMENTS/write", out, 4), 1);
	CU_ASSERT_PTR_EQUAL(out[0], must_find("az-001"));

	/* run command: the VM technique and the identity-assign one, in id order */
	CU_ASSERT_EQUAL(az_privesc_by_operation("Microsoft.Compute/virtualMachines/runCommand/action", out, 4), 2);
	CU_ASSERT_PTR_EQUAL(out[0], must_find("az-008"));
	CU_ASSERT_PTR_EQUAL(out[1], must_find("az-024"));
	/* more than max: the count, and only max stored */
	out[1] = NULL;
	CU_ASSERT_EQUAL(az_privesc_by_operation("Microsoft.Compute/virtualMachines/runCommand/action", out, 1), 2);
	CU_ASSERT_PTR_NULL(out[1]);
	CU_ASSERT_EQUAL(az_privesc_by_operation("Microsoft.Web/sites/Write", NULL, 0), 2);   /* az-017, az-024 */

	/* no wildcards, no prefixes, nothing unknown */
	CU_ASSERT_EQUAL(az_privesc_by_operation("Microsoft.Authorization/*", out, 4), 0);
	CU_ASSERT_EQUAL(az_privesc_by_operation("Microsoft.Authorization/roleAssignments", out, 4), 0);
	CU_ASSERT_EQUAL(az_privesc_by_operation("Microsoft.Storage/storageAccounts/read", out, 4), 0);
	CU_ASSERT_EQUAL(az_privesc_by_operation("", out, 4), 0);
	CU_ASSERT_EQUAL(az_privesc_by_operation(NULL, out, 4), 0);
	CU_ASSERT(!az_privesc_uses(NULL, "Microsoft.Logic/workflows/write"));
	CU_ASSERT(!az_privesc_uses(must_find("az-019"), NULL));
}

static void az_privesc__names(void)
{
	ASSERT_STR(az_privesc_where_name(AZ_PE_AT_SCOPE), "at-scope");
	ASSERT_STR(az_privesc_where_name(AZ_PE_NEW_HOST), "new-host");
	ASSERT_STR(az_privesc_where_name(AZ_PE_UNKNOWN), "unknown");
	ASSERT_STR(az_privesc_where_name((az_privesc_where)99), "unknown");
	ASSERT_STR(az_privesc_gain_name(AZ_GAIN_ROOT_UAA), "root-user-access-administrator");
	ASSERT_STR(az_privesc_gain_name(AZ_GAIN_IDENTITY), "identity");
	ASSERT_STR(az_privesc_gain_name((az_privesc_gain)-1), "unknown");
	ASSERT_STR(az_privesc_flag_name(AZ_PE_F_SHARED_KEY), "shared-key");
	ASSERT_STR(az_privesc_flag_name(AZ_PE_F_ASSIGNED_ROLE), "assigned-role");
	ASSERT_STR(az_privesc_flag_name(0), "unknown");
	ASSERT_STR(az_privesc_flag_name(AZ_PE_F_SHARED_KEY | AZ_PE_F_BASIC_AUTH), "unknown");
	ASSERT_STR(az_privesc_flag_name(1u << 31), "unknown");
}

TEST_SUITE(az_privesc)
{
	static const test_case cases[] = {
		{ "az_privesc__table", az_privesc__table },
		{ "az_privesc__operations_in_catalogue", az_privesc__operations_in_catalogue },
		{ "az_privesc__fields", az_privesc__fields },
		{ "az_privesc__covers_the_issue", az_privesc__covers_the_issue },
		{ "az_privesc__role_assignment_write", az_privesc__role_assignment_write },
		{ "az_privesc__conditional_techniques", az_privesc__conditional_techniques },
		{ "az_privesc__alternatives_need_every_operation", az_privesc__alternatives_need_every_operation },
		{ "az_privesc__login_is_a_data_action", az_privesc__login_is_a_data_action },
		{ "az_privesc__finds_by_id", az_privesc__finds_by_id },
		{ "az_privesc__finds_by_operation", az_privesc__finds_by_operation },
		{ "az_privesc__names", az_privesc__names },
		{ NULL, NULL },
	};
	return test_register("az_privesc", cases);
}
