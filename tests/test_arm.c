/*
 * Tests for the ARM template reader (arm.c, arm_model.c, arm_params.c): what a
 * template's resources become in the Azure model, parameters from defaults and
 * parameters files, scopes, identities, nested deployments, alternatives,
 * placeholders, placed errors; the real examples in fixtures/iac/arm/examples.
 */
#include "ingest/arm.h"
#include "tests/test_arm_util.h"

#include <stdio.h>
#include <string.h>

#define EX "fixtures/iac/arm/examples/"
#define G1 "0a000000-0000-4000-8000-000000000001"
#define G2 "0a000000-0000-4000-8000-000000000002"
#define READER "acdd72a7-3385-48ef-bd42-f606fba81ae7"
#define BLOB_READER "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
#define RD(g) "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '" g "')]"
#define ST_ID RG_ID "/providers/Microsoft.Storage/storageAccounts/st"

/* A role assignment resource (JSON) with the given principalId, roleDefinitionId and extra members. */
static const char *ra(const char *who, const char *role, const char *extra)
{
	static char buf[8][2048];
	static int k;
	char *b = buf[k % 8];

	snprintf(b, 2048, "\n{\"type\": \"Microsoft.Authorization/roleAssignments\", \"apiVersion\": \"2022-04-01\", "
		 "\"name\": \"ra-%d\"%s%s, \"properties\": {\"principalId\": \"%s\", \"roleDefinitionId\": \"%s\"}}",
		 k, extra && *extra ? ", " : "", extra ? extra : "", who, role);
	k++;
	return b;
}

static const char *format_of(const char *text)
{
	static char name[64];
	scratch s;
	loaded l;

	load1(&l, scratch_one(&s, NULL, "x.json", text));
	snprintf(name, sizeof(name), "%s", l.run.n_inputs && l.run.inputs[0].format ? l.run.inputs[0].format : "-");
	unload(&l);
	scratch_free(&s, NULL);
	return name;
}

static void test_detection(void)
{
	ASSERT_STR(format_of("{\"$schema\": \"" ARM_RG "\", \"resources\": []}"), "arm-template");
	ASSERT_STR(format_of("{\"$schema\": \"" ARM_SUB "\", \"resources\": []}"), "arm-template");
	ASSERT_STR(format_of("{\"$schema\": \"" ARM_MG "\", \"resources\": []}"), "arm-template");
	ASSERT_STR(format_of("{\"$schema\": \"" ARM_TENANT "\", \"languageVersion\": \"2.0\", \"resources\": {}}"),
		   "arm-template");
	ASSERT_STR(format_of("{\"$schema\": \"" ARM_PARAMS "\", \"parameters\": {\"a\": {\"value\": 1}}}"), "arm-template");
	/* other schemas with "resources" are not templates; role assignment exports are not either */
	ASSERT_STR(format_of("{\"$schema\": \"https://example.com/x.json\", \"resources\": []}"), "-");
	ASSERT_STR(format_of("[{\"principalId\": \"" G1 "\", \"roleDefinitionId\": \"/providers/Microsoft.Authorization/"
			     "roleDefinitions/" READER "\", \"scope\": \"/\"}]"), "azure-role-assignments");
}

static void test_assignment_fields(void)
{
	loaded l;
	scratch s;
	az_assignment *x;
	char extra[512];

	snprintf(extra, sizeof(extra), "\"scope\": \"Microsoft.Storage/storageAccounts/st\"");
	arm_load(&l, &s, ARM_RG, NULL, NULL,
		 "\n{\"type\": \"Microsoft.Authorization/roleAssignments\", \"apiVersion\": \"2022-04-01\", \"name\": \"[guid('x')]\","
		 " \"scope\": \"Microsoft.Storage/storageAccounts/st\",\n \"properties\": {\"principalId\": \"" G1 "\", "
		 "\"principalType\": \"User\", \"roleDefinitionId\": \"" RD(BLOB_READER) "\", \"condition\": \"@Resource[x] "
		 "StringEquals 'y'\", \"conditionVersion\": \"2.0\"}}");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	CU_ASSERT_EQUAL_FATAL(arm_n_assignments(&l), 1);
	x = arm_assignment(&l, 0);
	CU_ASSERT_EQUAL(x->kind, AZA_ROLE);
	ASSERT_STR(x->scope_written, ST_ID);
	CU_ASSERT_PTR_EQUAL(x->scope, azm_key(l.a, ST_ID));
	ASSERT_STR(x->principal->id, G1);
	CU_ASSERT_EQUAL(x->principal->kind, AZP_USER);
	CU_ASSERT_PTR_EQUAL(x->role_guid, azm_key(l.a, BLOB_READER));
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->role);   /* the bundled built-in, by GUID */
	ASSERT_STR(x->role->name, "Storage Blob Data Reader");
	ASSERT_STR(x->condition, "@Resource[x] StringEquals 'y'");
	ASSERT_STR(x->condition_version, "2.0");
	/* guid('x') is Azure's: the assignment id is the one the deployment makes */
	ASSERT_STR(x->id, ST_ID "/providers/Microsoft.Authorization/roleAssignments/51c0fe04-91fa-5688-abb4-481ca7437854");
	/* placed at the resource object: the line a pull request changes */
	CU_ASSERT_EQUAL(x->loc.line, 5);
	CU_ASSERT_EQUAL(x->loc.col, 1);
	unload(&l);
	scratch_free(&s, NULL);
}

static const az_assignment *only(const loaded *l)
{
	CU_ASSERT_EQUAL(arm_n_assignments(l), 1);
	return arm_assignment(l, 0);
}

static void check_scope(const char *schema, const char *resources, const char *want)
{
	const az_assignment *x;
	loaded l;
	scratch s;

	arm_load(&l, &s, schema, "\"p\": {\"type\": \"string\"}", NULL, resources);
	x = only(&l);
	if (x)
		ASSERT_STR(x->scope_written, want);
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_scopes(void)
{
	char buf[2048];

	/* no scope: the deployment's */
	check_scope(ARM_RG, ra(G1, RD(READER), NULL), RG_ID);
	check_scope(ARM_SUB, ra(G1, RD(READER), NULL), "/subscriptions/{subscription}");
	check_scope(ARM_MG, ra(G1, RD(READER), NULL), "/providers/Microsoft.Management/managementGroups/{managementGroup}");
	check_scope(ARM_TENANT, ra(G1, RD(READER), NULL), "/");
	/* a scope property: a full id, a management group, a relative resource */
	check_scope(ARM_RG, ra(G1, RD(READER), "\"scope\": \"[resourceGroup().id]\""), RG_ID);
	check_scope(ARM_TENANT, ra(G1, RD(READER), "\"scope\": \"Microsoft.Management/managementGroups/mg1\""),
		    "/providers/Microsoft.Management/managementGroups/mg1");
	check_scope(ARM_SUB, ra(G1, RD(READER), "\"scope\": \"/subscriptions/s1/resourceGroups/rg1\""),
		    "/subscriptions/s1/resourceGroups/rg1");
	/* old style: a child ".../providers/roleAssignments" of the resource it is on */
	check_scope(ARM_RG, "{\"type\": \"Microsoft.Storage/storageAccounts/providers/roleAssignments\", \"name\": "
		    "\"st/Microsoft.Authorization/g1\", \"properties\": {\"principalId\": \"" G1 "\", \"roleDefinitionId\": \""
		    RD(READER) "\"}}", ST_ID);
	snprintf(buf, sizeof(buf), "{\"type\": \"Microsoft.Storage/storageAccounts\", \"name\": \"st\", \"resources\": "
		 "[{\"type\": \"providers/roleAssignments\", \"name\": \"Microsoft.Authorization/g2\", \"properties\": "
		 "{\"principalId\": \"" G1 "\", \"roleDefinitionId\": \"" RD(READER) "\"}}]}");
	check_scope(ARM_RG, buf, ST_ID);
	/* not known: the widest it can be — the deployment's from a resource group, the root from a management group */
	check_scope(ARM_RG, ra(G1, RD(READER), "\"scope\": \"[parameters('p')]\""), RG_ID);
	check_scope(ARM_MG, ra(G1, RD(READER), "\"scope\": \"[parameters('p')]\""), "/");
}

static void test_scope_errors(void)
{
	loaded l;
	scratch s;

	/* a scope with alternatives: an assignment at each */
	arm_load(&l, &s, ARM_TENANT, "\"b\": {\"type\": \"bool\"}", NULL,
		 ra(G1, RD(READER), "\"scope\": \"[if(parameters('b'), 'Microsoft.Management/managementGroups/a', "
		    "'/subscriptions/s1')]\""));
	CU_ASSERT_EQUAL_FATAL(arm_n_assignments(&l), 2);
	ASSERT_STR(arm_assignment(&l, 0)->scope_written, "/providers/Microsoft.Management/managementGroups/a");
	ASSERT_STR(arm_assignment(&l, 1)->scope_written, "/subscriptions/s1");
	unload(&l);
	scratch_free(&s, NULL);

	arm_load(&l, &s, ARM_RG, "\"p\": {\"type\": \"string\"}", NULL,
		 ra(G1, RD(READER), "\"scope\": \"[parameters('p')]\"")); /* placeholder: a warning */
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "'scope' {parameters('p')} is not known: read at"));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	unload(&l);
	scratch_free(&s, NULL);
	arm_load(&l, &s, ARM_RG, NULL, NULL, ra(G1, RD(READER), "\"scope\": \"nonsense\""));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "'scope' 'nonsense' is not a scope or resource id"));
	CU_ASSERT_EQUAL(arm_n_assignments(&l), 0);
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_parameters_file(void)
{
	const char *tpl_params = "\"principalId\": {\"type\": \"string\"}, \"role\": {\"type\": \"string\", "
				 "\"defaultValue\": \"" READER "\"}";
	const char *res = ra("[parameters('principalId')]", "[subscriptionResourceId('Microsoft.Authorization/"
			     "roleDefinitions', parameters('role'))]", NULL);
	const char *paths[2];
	loaded l;
	scratch s;

	/* beside the template under its name: read at once, with a note */
	scratch_init(&s);
	arm_write(&s, "t.json", ARM_RG, tpl_params, NULL, res);
	scratch_file(&s, NULL, "t.parameters.json", "{\"$schema\": \"" ARM_PARAMS "\", \"parameters\": "
		     "{\"principalId\": {\"value\": \"" G1 "\"}}}");
	load1(&l, s.dir);
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR) + count_sev(&l, DIAG_WARNING), 0);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_NOTE, "parameter values from"));
	CU_ASSERT_EQUAL(l.run.n_inputs, 2);
	if (only(&l)) {
		ASSERT_STR(arm_assignment(&l, 0)->principal->id, G1);
		/* the default where the file says nothing */
		CU_ASSERT_PTR_EQUAL(arm_assignment(&l, 0)->role_guid, azm_key(l.a, READER));
	}
	unload(&l);
	scratch_free(&s, NULL);

	/* another name, named first: applies to the templates after it */
	scratch_init(&s);
	paths[0] = scratch_file(&s, NULL, "prod-values.json", "{\"$schema\": \"" ARM_PARAMS "\", \"parameters\": "
				"{\"principalId\": {\"value\": \"" G2 "\"}, \"role\": {\"value\": \"" BLOB_READER "\"}}}");
	paths[1] = arm_write(&s, "t.json", ARM_RG, tpl_params, NULL, res);
	load(&l, paths, 2);
	if (only(&l)) {
		ASSERT_STR(arm_assignment(&l, 0)->principal->id, G2);
		CU_ASSERT_PTR_EQUAL(arm_assignment(&l, 0)->role_guid, azm_key(l.a, BLOB_READER));
	}
	unload(&l);
	scratch_free(&s, NULL);

	/* its own file, named after the template: too late, and said so; a Key Vault reference stays unknown */
	scratch_init(&s);
	paths[0] = arm_write(&s, "t.json", ARM_RG, tpl_params, NULL, res);
	paths[1] = scratch_file(&s, NULL, "t.parameters.dev.json", "{\"$schema\": \"" ARM_PARAMS "\", \"parameters\": "
				"{\"principalId\": {\"reference\": {\"keyVault\": {\"id\": \"x\"}, \"secretName\": \"s\"}}}}");
	load(&l, paths, 2);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "parameters file read after its template"));
	if (only(&l))
		ASSERT_STR(arm_assignment(&l, 0)->principal->name, "{parameters('principalId')}");
	unload(&l);
	scratch_free(&s, NULL);

	/* a bad entry is a placed error */
	load1(&l, scratch_one(&s, NULL, "p.json", "{\"$schema\": \"" ARM_PARAMS "\",\n\"parameters\": {\"a\": 1}}"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "parameter 'a' must be an object with 'value'"));
	if (find_diag(&l, DIAG_ERROR, "parameter 'a'"))
		CU_ASSERT_EQUAL(find_diag(&l, DIAG_ERROR, "parameter 'a'")->line, 2);
	unload(&l);
	scratch_free(&s, NULL);
}

/* A parameter with allowedValues and no value: each allowed value is possible. */
static void test_allowed_values(void)
{
	loaded l;
	scratch s;
	size_t i, owner = 0, reader = 0;

	arm_load(&l, &s, ARM_SUB,
		 "\"principalId\": {\"type\": \"string\"}, \"kind\": {\"type\": \"string\", \"allowedValues\": [\"Owner\", \"Reader\"]}",
		 "\"Owner\": \"" RD("8e3af657-a8ff-443c-a75c-2fe8c4bcb635") "\", \"Reader\": \"" RD(READER) "\"",
		 ra("[parameters('principalId')]", "[variables(parameters('kind'))]", NULL));
	CU_ASSERT_EQUAL(arm_n_assignments(&l), 2);
	for (i = 0; i < arm_n_assignments(&l); i++) {
		owner += arm_assignment(&l, i)->role && !strcmp(arm_assignment(&l, i)->role->name, "Owner");
		reader += arm_assignment(&l, i)->role && !strcmp(arm_assignment(&l, i)->role->name, "Reader");
	}
	CU_ASSERT_EQUAL(owner, 1);
	CU_ASSERT_EQUAL(reader, 1);
	unload(&l);
	scratch_free(&s, NULL);
}

/* if() with a condition not known assigns to both branches; a known one picks. */
static void test_if_both_branches(void)
{
	const char *params = "\"b\": {\"type\": \"bool\"}, \"c\": {\"type\": \"bool\", \"defaultValue\": false}";
	loaded l;
	scratch s;

	arm_load(&l, &s, ARM_RG, params, NULL, ra("[if(parameters('b'), '" G1 "', '" G2 "')]", RD(READER), NULL));
	CU_ASSERT_EQUAL(arm_n_assignments(&l), 2);
	if (arm_n_assignments(&l) == 2)
		CU_ASSERT_PTR_NOT_EQUAL(arm_assignment(&l, 0)->principal, arm_assignment(&l, 1)->principal);
	unload(&l);
	scratch_free(&s, NULL);
	arm_load(&l, &s, ARM_RG, params, NULL, ra("[if(parameters('c'), '" G1 "', '" G2 "')]", RD(READER), NULL));
	if (only(&l))
		ASSERT_STR(arm_assignment(&l, 0)->principal->id, G2);
	unload(&l);
	scratch_free(&s, NULL);
	/* an alternative Azure would refuse ('na' is no object id) gives no access, and no error */
	arm_load(&l, &s, ARM_RG, params, NULL, ra("[if(parameters('b'), '" G1 "', 'na')]", RD(READER), NULL));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	if (only(&l))
		ASSERT_STR(arm_assignment(&l, 0)->principal->id, G1);
	unload(&l);
	scratch_free(&s, NULL);
}

/* reference(...).principalId and identity.principalId name the managed identity of the resource. */
static void test_reference_identity(void)
{
	loaded l;
	scratch s;
	az_resource *uai, *site;
	size_t i;
	int to_uai = 0, to_site = 0;

	arm_load(&l, &s, ARM_RG, NULL,
		 "\"uai\": \"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-gen')]\"",
		 "{\"type\": \"Microsoft.ManagedIdentity/userAssignedIdentities\", \"name\": \"id-gen\"},"
		 "{\"type\": \"Microsoft.Web/sites\", \"name\": \"fn\", \"identity\": {\"type\": \"SystemAssigned,UserAssigned\","
		 " \"userAssignedIdentities\": {\"[variables('uai')]\": {}}}},"
		 "{\"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": \"a1\", \"properties\": {\"principalId\": "
		 "\"[reference(variables('uai'), '2023-01-31').principalId]\", \"roleDefinitionId\": \"" RD(READER) "\"}},"
		 "{\"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": \"a2\", \"properties\": {\"principalId\": "
		 "\"[toLower(reference(resourceId('Microsoft.Web/sites', 'fn'), '2023-01-01', 'Full').identity.principalId)]\", "
		 "\"roleDefinitionId\": \"" RD(READER) "\"}}");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	uai = arm_resource(&l, RG_ID "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-gen");
	site = arm_resource(&l, RG_ID "/providers/Microsoft.Web/sites/fn");
	CU_ASSERT_PTR_NOT_NULL_FATAL(uai);
	CU_ASSERT_PTR_NOT_NULL_FATAL(site);
	CU_ASSERT_EQUAL_FATAL(uai->n_identities, 1);
	/* the site runs as its own identity and as the user-assigned one */
	CU_ASSERT_EQUAL_FATAL(site->n_identities, 2);
	CU_ASSERT_EQUAL(uai->identities[0]->kind, AZP_MANAGED_IDENTITY);
	ASSERT_STR(uai->identities[0]->name, "id-gen");
	CU_ASSERT_EQUAL(arm_n_assignments(&l), 2);
	for (i = 0; i < arm_n_assignments(&l); i++) {
		const az_principal *p = arm_assignment(&l, i)->principal;
		to_uai += p == uai->identities[0];
		to_site += p != uai->identities[0] && (p == site->identities[0] || p == site->identities[1]);
	}
	CU_ASSERT_EQUAL(to_uai, 1);
	CU_ASSERT_EQUAL(to_site, 1);
	unload(&l);
	scratch_free(&s, NULL);

	/* a user-assigned identity only the deployment names: the host runs as it, no error */
	arm_load(&l, &s, ARM_RG, "\"uai\": {\"type\": \"string\"}", NULL,
		 "{\"type\": \"Microsoft.Web/sites\", \"name\": \"fn\", \"identity\": {\"type\": \"UserAssigned\","
		 " \"userAssignedIdentities\": {\"[parameters('uai')]\": {}}}}");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	site = arm_resource(&l, RG_ID "/providers/Microsoft.Web/sites/fn");
	CU_ASSERT_PTR_NOT_NULL_FATAL(site);
	CU_ASSERT_EQUAL_FATAL(site->n_identities, 1);
	ASSERT_STR(site->identities[0]->id, "{identity:{parameters('uai')}}");
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_copy_and_condition(void)
{
	loaded l;
	scratch s;

	arm_load(&l, &s, ARM_RG,
		 "\"ids\": {\"type\": \"array\", \"defaultValue\": [\"" G1 "\", \"" G2 "\"]}, \"on\": {\"type\": \"bool\"}",
		 NULL,
		 "{\"copy\": {\"name\": \"each\", \"count\": \"[length(parameters('ids'))]\"}, \"type\": "
		 "\"Microsoft.Authorization/roleAssignments\", \"name\": \"[guid(parameters('ids')[copyIndex()])]\", "
		 "\"properties\": {\"principalId\": \"[parameters('ids')[copyIndex('each')]]\", \"roleDefinitionId\": \""
		 RD(READER) "\"}},"
		 "{\"condition\": false, \"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": \"off\", "
		 "\"properties\": {\"principalId\": \"" G1 "\", \"roleDefinitionId\": \"" RD(BLOB_READER) "\"}},"
		 "{\"condition\": \"[parameters('on')]\", \"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": "
		 "\"maybe\", \"properties\": {\"principalId\": \"" G2 "\", \"roleDefinitionId\": \"" RD(BLOB_READER) "\"}}");
	/* two copies, the false condition not deployed, the unknown one deployed (sound) */
	CU_ASSERT_EQUAL_FATAL(arm_n_assignments(&l), 3);
	ASSERT_STR(arm_assignment(&l, 0)->principal->id, G1);
	ASSERT_STR(arm_assignment(&l, 1)->principal->id, G2);
	CU_ASSERT_PTR_NOT_EQUAL(arm_assignment(&l, 0)->id, arm_assignment(&l, 1)->id);
	ASSERT_STR(arm_assignment(&l, 2)->principal->id, G2);
	CU_ASSERT_PTR_EQUAL(arm_assignment(&l, 2)->role_guid, azm_key(l.a, BLOB_READER));
	unload(&l);
	scratch_free(&s, NULL);

	/* a count not known: one instance stands for all, its copyIndex() a placeholder */
	arm_load(&l, &s, ARM_RG, "\"n\": {\"type\": \"int\"}", NULL,
		 "{\"copy\": {\"name\": \"c\", \"count\": \"[parameters('n')]\"}, \"type\": "
		 "\"Microsoft.Storage/storageAccounts\", \"name\": \"[concat('st', copyIndex())]\"}");
	CU_ASSERT_PTR_NOT_NULL(arm_resource(&l, RG_ID "/providers/Microsoft.Storage/storageAccounts/st{copyIndex()}"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_nested_deployments(void)
{
	loaded l;
	scratch s;
	char res[4096];

	snprintf(res, sizeof(res),
		 "{\"type\": \"Microsoft.Resources/deployments\", \"name\": \"inner\", \"resourceGroup\": \"rg-data\", "
		 "\"properties\": {\"mode\": \"Incremental\", \"expressionEvaluationOptions\": {\"scope\": \"inner\"}, "
		 "\"parameters\": {\"who\": {\"value\": \"[parameters('outerWho')]\"}}, \"template\": {\"$schema\": \"%s\", "
		 "\"parameters\": {\"who\": {\"type\": \"string\"}}, \"resources\": [%s]}}},"
		 "{\"type\": \"Microsoft.Resources/deployments\", \"name\": \"outer\", \"properties\": {\"template\": "
		 "{\"$schema\": \"%s\", \"resources\": [%s]}}},"
		 "{\"type\": \"Microsoft.Resources/deployments\", \"name\": \"linked\", \"properties\": {\"templateLink\": "
		 "{\"uri\": \"https://example.com/t.json\"}}}",
		 ARM_RG, ra("[parameters('who')]", RD(READER), NULL), ARM_RG,
		 ra("[parameters('outerWho')]", RD(BLOB_READER), NULL));
	arm_load(&l, &s, ARM_RG, "\"outerWho\": {\"type\": \"string\", \"defaultValue\": \"" G1 "\"}", NULL, res);
	CU_ASSERT_EQUAL_FATAL(arm_n_assignments(&l), 2);
	/* inner scope: its own parameters, given by the deployment; the resource group it names */
	ASSERT_STR(arm_assignment(&l, 0)->principal->id, G1);
	ASSERT_STR(arm_assignment(&l, 0)->scope_written, "/subscriptions/{subscription}/resourceGroups/rg-data");
	/* outer scope: the parent's parameters */
	ASSERT_STR(arm_assignment(&l, 1)->principal->id, G1);
	ASSERT_STR(arm_assignment(&l, 1)->scope_written, RG_ID);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "linked template of deployment 'linked' not read"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_role_definitions(void)
{
	loaded l;
	scratch s;
	az_role *r;
	const az_assignment *x;

	arm_load(&l, &s, ARM_SUB, "\"svc\": {\"type\": \"string\"}, \"extra\": {\"type\": \"string\"}",
		 "\"roleName\": \"[guid(subscription().id, 'synth-writer')]\"",
		 "\n{\"type\": \"Microsoft.Authorization/roleDefinitions\", \"name\": \"[variables('roleName')]\", "
		 "\"properties\": {\"roleName\": \"synth writer\", \"type\": \"customRole\", \"permissions\": [{\"actions\": "
		 "[\"Microsoft.Storage/storageAccounts/read\", \"[concat('Microsoft.', parameters('svc'), '/write')]\"], "
		 "\"notActions\": [\"[parameters('extra')]\", \"Microsoft.Storage/storageAccounts/delete\"], "
		 "\"dataActions\": \"[parameters('extra')]\"}], \"assignableScopes\": [\"[subscription().id]\", "
		 "\"[parameters('extra')]\"]}},"
		 "\n{\"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": \"a\", \"properties\": {\"principalId\": \""
		 G1 "\", \"roleDefinitionId\": \"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
		 "variables('roleName'))]\"}}");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	x = only(&l);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	r = x->role;
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->name, "synth writer");
	CU_ASSERT_FALSE(r->bundled);
	CU_ASSERT_EQUAL(r->loc.line, 5);
	CU_ASSERT_EQUAL_FATAL(r->n_perms, 1);
	/* a placeholder in actions may be anything: '*' in its place */
	CU_ASSERT_EQUAL_FATAL(r->perms[0].n_actions, 2);
	ASSERT_STR(r->perms[0].actions[1], "Microsoft.*/write");
	/* in notActions it excludes nothing: dropped */
	CU_ASSERT_EQUAL_FATAL(r->perms[0].n_not_actions, 1);
	ASSERT_STR(r->perms[0].not_actions[0], "Microsoft.Storage/storageAccounts/delete");
	/* dataActions not known at all: every data action */
	CU_ASSERT_EQUAL_FATAL(r->perms[0].n_data_actions, 1);
	ASSERT_STR(r->perms[0].data_actions[0], "*");
	/* an assignable scope not known: the deployment's */
	CU_ASSERT_EQUAL_FATAL(r->n_assignable, 2);
	ASSERT_STR(r->assignable_scopes[1], "/subscriptions/{subscription}");
	unload(&l);
	scratch_free(&s, NULL);
}

/* What is not known stays a placeholder, and the assignment is kept. */
static void test_unresolved_kept(void)
{
	const az_assignment *x;
	loaded l;
	scratch s;

	arm_load(&l, &s, ARM_RG, "\"principalId\": {\"type\": \"string\"}, \"roleId\": {\"type\": \"string\"}", NULL,
		 ra("[parameters('principalId')]", "[resourceId('Microsoft.Authorization/roleDefinitions', parameters('roleId'))]",
		    NULL));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	x = only(&l);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	/* one placeholder principal per unknown value: the key lowercased, the name as written */
	ASSERT_STR(x->principal->id, "{parameters('principalid')}");
	ASSERT_STR(x->principal->name, "{parameters('principalId')}");
	CU_ASSERT_EQUAL(x->principal->kind, AZP_UNKNOWN);
	/* the role is not known: the evaluator reads it as granting everything, conditionally */
	ASSERT_STR(x->role_guid, "{parameters('roleid')}");
	CU_ASSERT_PTR_NULL(x->role);
	unload(&l);
	scratch_free(&s, NULL);
}

/* Bad shapes are placed errors; the rest of the template is still read. */
static void test_bad_shapes(void)
{
	loaded l;
	scratch s;
	const diag *d;

	arm_load(&l, &s, ARM_RG, NULL, NULL,
		 "\n{\"name\": \"no-type\"},"
		 "\n{\"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": \"a\", \"properties\": "
		 "{\"principalId\": \"alice\", \"roleDefinitionId\": \"" RD(READER) "\"}},"
		 "\n{\"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": \"b\"},"
		 "\n{\"type\": \"Microsoft.Network/virtualNetworks/subnets\", \"name\": \"only-one\"},"
		 "\n\"not an object\","
		 "\n{\"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": \"ok\", \"properties\": "
		 "{\"principalId\": \"" G1 "\", \"roleDefinitionId\": \"" RD(READER) "\"}}");
	d = find_diag(&l, DIAG_ERROR, "a resource needs 'type'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 5);
	CU_ASSERT_EQUAL(d->col, 1);
	d = find_diag(&l, DIAG_ERROR, "'principalId' must be an object id (a GUID), not 'alice'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 6);
	CU_ASSERT_EQUAL(d->col, 96);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "role assignment 'b' has no 'properties' object"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "resource name 'only-one' does not fit type"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "each resource must be an object, not a string"));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 5);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	/* the good one is still read */
	if (only(&l))
		ASSERT_STR(arm_assignment(&l, 0)->principal->id, G1);
	unload(&l);
	scratch_free(&s, NULL);

	/* "resources" not a list, and a document that is no template at all (read as one by force) */
	load1(&l, scratch_one(&s, NULL, "t.json", "{\"$schema\": \"" ARM_RG "\",\n \"resources\": {\"a\": 1}}"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "each resource must be an object"));
	unload(&l);
	scratch_free(&s, NULL);
	scratch_init(&s);
	{
		const char *p = scratch_file(&s, NULL, "x.json", "[1, 2]");
		load_as(&l, &p, 1, "arm-template");
	}
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "not an ARM template"));
	unload(&l);
	scratch_free(&s, NULL);
}

/* languageVersion 2.0: resources by symbolic name; "existing" ones are referenced, not deployed. */
static void test_symbolic_names(void)
{
	char tpl[4096];
	loaded l;
	scratch s;
	const az_assignment *x;

	snprintf(tpl, sizeof(tpl),
		 "{\"$schema\": \"%s\", \"languageVersion\": \"2.0\", \"resources\": {"
		 "\"gen\": {\"type\": \"Microsoft.ManagedIdentity/userAssignedIdentities\", \"name\": \"id-gen\"},"
		 "\"old\": {\"existing\": true, \"type\": \"Microsoft.Storage/storageAccounts\", \"name\": \"st\"},"
		 "\"ra\": {\"type\": \"Microsoft.Authorization/roleAssignments\", \"name\": \"a\", \"scope\": "
		 "\"[resourceId('Microsoft.Storage/storageAccounts', 'st')]\", \"properties\": {\"principalId\": "
		 "\"[reference('gen').principalId]\", \"roleDefinitionId\": \"%s\"}}}}", ARM_RG, RD(BLOB_READER));
	load1(&l, scratch_one(&s, NULL, "t.json", tpl));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	x = only(&l);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->principal->kind, AZP_MANAGED_IDENTITY);
	ASSERT_STR(x->principal->name, "id-gen");
	ASSERT_STR(x->scope_written, ST_ID);
	CU_ASSERT_PTR_NULL(arm_resource(&l, ST_ID));
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_real_examples(void)
{
	loaded l;
	size_t n, i, wild = 0, custom = 0;
	az_role **roles;

	load1(&l, EX "customRoleDefinitions.json");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR) + count_sev(&l, DIAG_WARNING), 0);
	roles = azm_roles(l.a, &n);
	for (i = 0; i < n; i++)
		if (!roles[i]->bundled) {
			custom++;
			wild += roles[i]->n_perms && roles[i]->perms[0].n_actions &&
				!strcmp(roles[i]->perms[0].actions[0], "*");
			CU_ASSERT_PTR_NOT_NULL(strstr(roles[i]->name, "[{managementGroup}] "));
			ASSERT_STR(roles[i]->assignable_scopes[0],
				   "/providers/Microsoft.Management/managementGroups/{managementGroup}");
		}
	/* four roles from one copy loop over variables; Application-Owners and Subscription-Owner grant "*" */
	CU_ASSERT_EQUAL(custom, 4);
	CU_ASSERT_EQUAL(wild, 2);
	unload(&l);

	load1(&l, EX "DINE-VMBackupPolicyAssignment.json");
	CU_ASSERT_EQUAL_FATAL(arm_n_assignments(&l), 2);
	CU_ASSERT_EQUAL(arm_assignment(&l, 0)->principal->kind, AZP_MANAGED_IDENTITY);
	ASSERT_STR(arm_assignment(&l, 0)->principal->name, "Deploy-VM-Backup");
	ASSERT_STR(arm_assignment(&l, 0)->role->name, "Backup Contributor");
	ASSERT_STR(arm_assignment(&l, 1)->role->name, "Virtual Machine Contributor");
	unload(&l);

	/* roleAssignment.json: the management-group scope; a principal and role only the deployment gives */
	load1(&l, EX "roleAssignment.json");
	CU_ASSERT_EQUAL_FATAL(arm_n_assignments(&l), 1);
	ASSERT_STR(arm_assignment(&l, 0)->scope_written,
		   "/providers/Microsoft.Management/managementGroups/{managementGroup}");
	CU_ASSERT_EQUAL(arm_assignment(&l, 0)->principal->kind, AZP_SERVICE_PRINCIPAL);
	unload(&l);

	/* storageandrole.json: each allowed role, on the storage account the template names */
	load1(&l, EX "storageandrole.json");
	CU_ASSERT_EQUAL(arm_n_assignments(&l), 3);
	ASSERT_STR(arm_assignment(&l, 0)->scope_written,
		   RG_ID "/providers/Microsoft.Storage/storageAccounts/storage{uniqueString(resourceGroup().id)}");
	unload(&l);
}

TEST_SUITE(arm)
{
	static const test_case cases[] = {
		{ "arm__detection", test_detection },
		{ "arm__role_assignment_fields_and_place", test_assignment_fields },
		{ "arm__assignment_scopes", test_scopes },
		{ "arm__scope_not_known_or_invalid", test_scope_errors },
		{ "arm__parameters_files", test_parameters_file },
		{ "arm__allowed_values_each_possible", test_allowed_values },
		{ "arm__if_both_branches", test_if_both_branches },
		{ "arm__reference_links_managed_identity", test_reference_identity },
		{ "arm__copy_loops_and_conditions", test_copy_and_condition },
		{ "arm__nested_deployments", test_nested_deployments },
		{ "arm__role_definitions_sound_patterns", test_role_definitions },
		{ "arm__unresolved_values_kept_symbolic", test_unresolved_kept },
		{ "arm__bad_shapes_placed_rest_read", test_bad_shapes },
		{ "arm__language_version_2_symbolic_names", test_symbolic_names },
		{ "arm__real_examples", test_real_examples },
		{ NULL, NULL }
	};
	return test_register("arm", cases);
}
