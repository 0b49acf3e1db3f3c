/*
 * Tests for the ARM template expression language (arm_expr.c, arm_fn.c,
 * arm_fn_ids.c, arm_value.c): each function evaluated in a template's tags,
 * read back from the model, known and unknown inputs.
 */
#include "tests/test_arm_util.h"

#include <stdio.h>
#include <string.h>

#define ST RG_ID "/providers/Microsoft.Storage/storageAccounts/st"

/* One storage account "st" whose tags are `tags` (the inside of the object). */
static void load_tags(loaded *l, scratch *s, const char *schema, const char *params, const char *vars,
		      const char *tags)
{
	char res[16384];

	snprintf(res, sizeof(res), "{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\", "
		 "\"name\": \"st\", \"tags\": {%s}}", tags);
	arm_load(l, s, schema, params, vars, res);
}

static void test_string_functions(void)
{
	loaded l;
	scratch s;

	load_tags(&l, &s, ARM_RG, NULL, NULL,
		  "\"concat\": \"[concat('a', 'b', 1, true())]\","
		  "\"format\": \"[format('{0}-{1}-{{x}}', 'p', 2)]\","
		  "\"lower\": \"[toLower('AbC')]\", \"upper\": \"[toUpper('aBc')]\","
		  "\"replace\": \"[replace('a-b-c', '-', '/')]\","
		  "\"string\": \"[string(createObject('k', createArray(1, 'two')))]\","
		  "\"substring\": \"[substring('synthetic', 0, 5)]\","
		  "\"split\": \"[length(split('a,b,c', ','))]\","
		  "\"take\": \"[take('abcdef', 3)]\", \"skip\": \"[skip('abcdef', 4)]\","
		  "\"trim\": \"[trim('  x  ')]\","
		  "\"starts\": \"[startsWith('Microsoft.Storage', 'microsoft')]\","
		  "\"ends\": \"[endsWith('abc', 'x')]\","
		  "\"escaped\": \"[[not an expression]\","
		  "\"quote\": \"[concat('it''s')]\","
		  "\"multiline\": \"[concat(\\n 'a',\\n 'b')]\"");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR) + count_sev(&l, DIAG_WARNING), 0);
	ASSERT_STR(arm_tag(&l, ST, "concat"), "ab1True");
	ASSERT_STR(arm_tag(&l, ST, "format"), "p-2-{x}");
	ASSERT_STR(arm_tag(&l, ST, "lower"), "abc");
	ASSERT_STR(arm_tag(&l, ST, "upper"), "ABC");
	ASSERT_STR(arm_tag(&l, ST, "replace"), "a/b/c");
	ASSERT_STR(arm_tag(&l, ST, "string"), "{\"k\":[1,\"two\"]}");
	ASSERT_STR(arm_tag(&l, ST, "substring"), "synth");
	ASSERT_STR(arm_tag(&l, ST, "split"), "3");
	ASSERT_STR(arm_tag(&l, ST, "take"), "abc");
	ASSERT_STR(arm_tag(&l, ST, "skip"), "ef");
	ASSERT_STR(arm_tag(&l, ST, "trim"), "x");
	ASSERT_STR(arm_tag(&l, ST, "starts"), "true");
	ASSERT_STR(arm_tag(&l, ST, "ends"), "false");
	ASSERT_STR(arm_tag(&l, ST, "escaped"), "[not an expression]");
	ASSERT_STR(arm_tag(&l, ST, "quote"), "it's");
	ASSERT_STR(arm_tag(&l, ST, "multiline"), "ab");
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_array_object_logic(void)
{
	loaded l;
	scratch s;

	load_tags(&l, &s, ARM_RG, NULL,
		  "\"obj\": {\"Owner\": \"o\", \"Reader\": \"r\"}, \"arr\": [\"x\", \"y\", \"z\"]",
		  "\"member\": \"[variables('obj').reader]\","
		  "\"index\": \"[variables('obj')['Owner']]\","
		  "\"elem\": \"[variables('arr')[2]]\","
		  "\"first\": \"[first(variables('arr'))]\", \"last\": \"[last(variables('arr'))]\","
		  "\"len\": \"[length(concat(variables('arr'), createArray('w')))]\","
		  "\"union\": \"[string(union(createObject('a', 1), createObject('a', 2, 'b', 3)))]\","
		  "\"json\": \"[json('{\\\"n\\\": [1, 2]}').n[1]]\","
		  "\"contains\": \"[contains(variables('arr'), 'y')]\","
		  "\"haskey\": \"[contains(variables('obj'), 'OWNER')]\","
		  "\"empty\": \"[empty(createArray())]\","
		  "\"coalesce\": \"[coalesce(null(), 'c')]\","
		  "\"and\": \"[and(true(), not(false()))]\", \"or\": \"[or(false(), false())]\","
		  "\"equals\": \"[equals(createArray(1), createArray(1))]\","
		  "\"if\": \"[if(equals(1, 2), 'then', 'else')]\","
		  "\"less\": \"[less(1, 2)]\", \"greaterOrEquals\": \"[greaterOrEquals('b', 'a')]\","
		  "\"add\": \"[add(mul(3, 4), sub(div(9, 2), mod(7, 4)))]\","
		  "\"int\": \"[add(int('40'), 2)]\", \"bool\": \"[bool('True')]\"");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR) + count_sev(&l, DIAG_WARNING), 0);
	ASSERT_STR(arm_tag(&l, ST, "member"), "r");
	ASSERT_STR(arm_tag(&l, ST, "index"), "o");
	ASSERT_STR(arm_tag(&l, ST, "elem"), "z");
	ASSERT_STR(arm_tag(&l, ST, "first"), "x");
	ASSERT_STR(arm_tag(&l, ST, "last"), "z");
	ASSERT_STR(arm_tag(&l, ST, "len"), "4");
	ASSERT_STR(arm_tag(&l, ST, "union"), "{\"a\":2,\"b\":3}");
	ASSERT_STR(arm_tag(&l, ST, "json"), "2");
	ASSERT_STR(arm_tag(&l, ST, "contains"), "true");
	ASSERT_STR(arm_tag(&l, ST, "haskey"), "true");
	ASSERT_STR(arm_tag(&l, ST, "empty"), "true");
	ASSERT_STR(arm_tag(&l, ST, "coalesce"), "c");
	ASSERT_STR(arm_tag(&l, ST, "and"), "true");
	ASSERT_STR(arm_tag(&l, ST, "or"), "false");
	ASSERT_STR(arm_tag(&l, ST, "equals"), "true");
	ASSERT_STR(arm_tag(&l, ST, "if"), "else");
	ASSERT_STR(arm_tag(&l, ST, "less"), "true");
	ASSERT_STR(arm_tag(&l, ST, "greaterOrEquals"), "true");
	ASSERT_STR(arm_tag(&l, ST, "add"), "13");
	ASSERT_STR(arm_tag(&l, ST, "int"), "42");
	ASSERT_STR(arm_tag(&l, ST, "bool"), "true");
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_resource_ids(void)
{
	loaded l;
	scratch s;

	load_tags(&l, &s, ARM_RG, NULL, NULL,
		  "\"rid\": \"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'sn')]\","
		  "\"rid_rg\": \"[resourceId('other-rg', 'Microsoft.Storage/storageAccounts', 'x')]\","
		  "\"rid_sub\": \"[resourceId('s1', 'rg1', 'Microsoft.Storage/storageAccounts', 'x')]\","
		  "\"sub_rid\": \"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'g')]\","
		  "\"sub_rid2\": \"[subscriptionResourceId('s2', 'Microsoft.Authorization/roleDefinitions', 'g')]\","
		  "\"tenant_rid\": \"[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p')]\","
		  "\"ext_rid\": \"[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'x'), "
		  "'Microsoft.Authorization/locks', 'l')]\","
		  "\"mg_rid\": \"[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')]\","
		  "\"sub\": \"[subscription().subscriptionId]\", \"subid\": \"[subscription().id]\","
		  "\"rg\": \"[resourceGroup().name]\", \"rgid\": \"[resourceGroup().id]\","
		  "\"loc\": \"[resourceGroup().location]\", \"tenant\": \"[subscription().tenantId]\","
		  "\"tags\": \"[resourceGroup().tags]\", \"dep\": \"[deployment().name]\"");
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR) + count_sev(&l, DIAG_WARNING), 0);
	ASSERT_STR(arm_tag(&l, ST, "rid"), RG_ID "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn");
	ASSERT_STR(arm_tag(&l, ST, "rid_rg"),
		   "/subscriptions/{subscription}/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts/x");
	ASSERT_STR(arm_tag(&l, ST, "rid_sub"), "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/x");
	ASSERT_STR(arm_tag(&l, ST, "sub_rid"), "/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/g");
	ASSERT_STR(arm_tag(&l, ST, "sub_rid2"), "/subscriptions/s2/providers/Microsoft.Authorization/roleDefinitions/g");
	ASSERT_STR(arm_tag(&l, ST, "tenant_rid"), "/providers/Microsoft.Authorization/policyDefinitions/p");
	ASSERT_STR(arm_tag(&l, ST, "ext_rid"), RG_ID "/providers/Microsoft.Storage/storageAccounts/x/providers/"
		   "Microsoft.Authorization/locks/l");
	ASSERT_STR(arm_tag(&l, ST, "mg_rid"), "/providers/Microsoft.Management/managementGroups/mg1/providers/"
		   "Microsoft.Authorization/policyDefinitions/p");
	/* what only the deployment says: placeholders */
	ASSERT_STR(arm_tag(&l, ST, "sub"), "{subscription}");
	ASSERT_STR(arm_tag(&l, ST, "subid"), "/subscriptions/{subscription}");
	ASSERT_STR(arm_tag(&l, ST, "rg"), "{resourceGroup}");
	ASSERT_STR(arm_tag(&l, ST, "rgid"), RG_ID);
	ASSERT_STR(arm_tag(&l, ST, "loc"), "{location}");
	ASSERT_STR(arm_tag(&l, ST, "tenant"), "{tenant}");
	ASSERT_STR(arm_tag(&l, ST, "tags"), "{resourceGroup().tags}");
	ASSERT_STR(arm_tag(&l, ST, "dep"), "{deployment}");
	unload(&l);
	scratch_free(&s, NULL);
}

/* At subscription and management-group level resourceId() and managementGroup() say so. */
static void test_levels(void)
{
	loaded l;
	scratch s;

	load_tags(&l, &s, ARM_SUB, NULL, NULL, "\"rid\": \"[resourceId('Microsoft.Authorization/roleDefinitions', 'g')]\"");
	ASSERT_STR(arm_tag(&l, "/subscriptions/{subscription}/providers/Microsoft.Storage/storageAccounts/st", "rid"),
		   "/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/g");
	unload(&l);
	scratch_free(&s, NULL);
	load_tags(&l, &s, ARM_MG, NULL, NULL, "\"mg\": \"[managementGroup().id]\"");
	ASSERT_STR(arm_tag(&l, "/providers/Microsoft.Management/managementGroups/{managementGroup}/providers/"
			       "Microsoft.Storage/storageAccounts/st", "mg"),
		   "/providers/Microsoft.Management/managementGroups/{managementGroup}");
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_guid_and_unique_string(void)
{
	loaded l;
	scratch s;
	const char *sym;

	load_tags(&l, &s, ARM_RG, NULL, NULL,
		  "\"guid\": \"[guid('a', 'b')]\","
		  "\"guid2\": \"[guid('/subscriptions/x/resourceGroups/rg', 'contributor')]\","
		  "\"guidsym\": \"[guid(resourceGroup().id, 'contributor')]\","
		  "\"unique\": \"[uniqueString(resourceGroup().id)]\","
		  "\"uniquelit\": \"[concat('st', uniqueString('x/y'))]\","
		  "\"unknownfn\": \"[someFutureFunction(1)]\","
		  "\"udf\": \"[contoso.naming('x')]\"");
	/* Azure's own: uuid5(11fb06fb-712d-4ddd-98c7-e71bbd588830, "a-b") */
	ASSERT_STR(arm_tag(&l, ST, "guid"), "2d796349-8c7e-55ec-9624-54ece82ed031");
	ASSERT_STR(arm_tag(&l, ST, "guid2"), "1d94bee1-5e4d-586c-a8fc-2dfbfe0c660a");
	sym = arm_tag(&l, ST, "guidsym");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sym);
	CU_ASSERT_EQUAL(strlen(sym), 36);       /* still a GUID: it can name a role definition */
	ASSERT_STR(arm_tag(&l, ST, "unique"), "{uniqueString(resourceGroup().id)}");
	ASSERT_STR(arm_tag(&l, ST, "uniquelit"), "st{uniqueString('x%2Fy')}");
	ASSERT_STR(arm_tag(&l, ST, "unknownfn"), "{someFutureFunction(1)}");
	ASSERT_STR(arm_tag(&l, ST, "udf"), "{contoso.naming('x')}");
	unload(&l);
	scratch_free(&s, NULL);
}

/* Unknown inputs: placeholders, and what can still be known from them. */
static void test_unknown_values(void)
{
	loaded l;
	scratch s;

	load_tags(&l, &s, ARM_RG, "\"p\": {\"type\": \"string\"}, \"o\": {\"type\": \"object\"}", NULL,
		  "\"param\": \"[parameters('p')]\","
		  "\"concat\": \"[concat('pre-', parameters('p'))]\","
		  "\"lower\": \"[toLower(concat('AB', parameters('p')))]\","
		  "\"member\": \"[parameters('o').x.y]\","
		  "\"index\": \"[parameters('o')['k']]\","
		  "\"eqsame\": \"[equals(parameters('p'), parameters('p'))]\","
		  "\"eqother\": \"[equals(parameters('p'), 'x')]\","
		  "\"andfalse\": \"[and(false(), equals(parameters('p'), 'x'))]\","
		  "\"ortrue\": \"[or(true(), equals(parameters('p'), 'x'))]\","
		  "\"length\": \"[length(parameters('p'))]\","
		  "\"undeclared\": \"[parameters('nope')]\","
		  "\"badsyntax\": \"[concat('a',]\"");
	ASSERT_STR(arm_tag(&l, ST, "param"), "{parameters('p')}");
	ASSERT_STR(arm_tag(&l, ST, "concat"), "pre-{parameters('p')}");
	/* the known part changes, the placeholder does not */
	ASSERT_STR(arm_tag(&l, ST, "lower"), "ab{parameters('p')}");
	ASSERT_STR(arm_tag(&l, ST, "member"), "{parameters('o').x.y}");
	ASSERT_STR(arm_tag(&l, ST, "index"), "{parameters('o')['k']}");
	ASSERT_STR(arm_tag(&l, ST, "eqsame"), "true");
	ASSERT_STR(arm_tag(&l, ST, "eqother"), "{equals(parameters('p'), 'x')}");
	ASSERT_STR(arm_tag(&l, ST, "andfalse"), "false");
	ASSERT_STR(arm_tag(&l, ST, "ortrue"), "true");
	ASSERT_STR(arm_tag(&l, ST, "length"), "{length(parameters('p'))}");
	ASSERT_STR(arm_tag(&l, ST, "undeclared"), "{parameters('nope')}");
	ASSERT_STR(arm_tag(&l, ST, "badsyntax"), "{concat('a',}");
	/* a syntax error is a warning placed at the string, not an error: ARM may know more syntax */
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "cannot read the expression at character 13"));
	CU_ASSERT_EQUAL(count_sev(&l, DIAG_ERROR), 0);
	unload(&l);
	scratch_free(&s, NULL);
}

static void test_parameters_and_variables(void)
{
	loaded l;
	scratch s;

	load_tags(&l, &s, ARM_RG,
		  "\"name\": {\"type\": \"string\", \"defaultValue\": \"[concat('st', variables('suffix'))]\"},"
		  "\"n\": {\"type\": \"int\", \"defaultValue\": 3}",
		  "\"suffix\": \"[toLower('PROD')]\", \"chain\": \"[concat(variables('suffix'), '-', parameters('n'))]\","
		  "\"self\": \"[variables('self')]\","
		  "\"copy\": [{\"name\": \"disks\", \"count\": \"[parameters('n')]\", "
		  "\"input\": \"[concat('d', copyIndex('disks', 1))]\"}]",
		  "\"default\": \"[parameters('name')]\", \"chain\": \"[variables('chain')]\","
		  "\"self\": \"[variables('self')]\","
		  "\"copied\": \"[string(variables('disks'))]\"");
	ASSERT_STR(arm_tag(&l, ST, "default"), "stprod");
	ASSERT_STR(arm_tag(&l, ST, "chain"), "prod-3");
	ASSERT_STR(arm_tag(&l, ST, "self"), "{variables('self')}");
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "variable 'self' depends on itself"));
	ASSERT_STR(arm_tag(&l, ST, "copied"), "[\"d1\",\"d2\",\"d3\"]");
	unload(&l);
	scratch_free(&s, NULL);
}

/* Values that double at each step stay bounded: the budgets end the work, the rest is a placeholder. */
static void test_hostile_growth(void)
{
	char vars[8192];
	size_t i, k = 0;
	loaded l;
	scratch s;

	k += (size_t)snprintf(vars + k, sizeof(vars) - k, "\"v0\": \"x\"");
	for (i = 1; i < 60; i++)
		k += (size_t)snprintf(vars + k, sizeof(vars) - k,
				      ", \"v%zu\": \"[createArray(variables('v%zu'), variables('v%zu'))]\"", i, i - 1, i - 1);
	load_tags(&l, &s, ARM_RG, NULL, vars,
		  "\"eq\": \"[equals(variables('v59'), variables('v59'))]\", \"str\": \"[length(string(variables('v59')))]\"");
	ASSERT_STR(arm_tag(&l, ST, "eq"), "true");
	ASSERT_STR(arm_tag(&l, ST, "str"), "{length(string(variables('v59')))}");
	unload(&l);
	scratch_free(&s, NULL);
}

TEST_SUITE(arm_expr)
{
	static const test_case cases[] = {
		{ "arm_expr__string_functions", test_string_functions },
		{ "arm_expr__array_object_logic_functions", test_array_object_logic },
		{ "arm_expr__resource_ids_and_deployment_context", test_resource_ids },
		{ "arm_expr__subscription_and_management_group_levels", test_levels },
		{ "arm_expr__guid_is_azures_unique_string_placeholder", test_guid_and_unique_string },
		{ "arm_expr__unknown_values_stay_placeholders", test_unknown_values },
		{ "arm_expr__parameters_variables_copy", test_parameters_and_variables },
		{ "arm_expr__hostile_growth_bounded", test_hostile_growth },
		{ NULL, NULL }
	};
	return test_register("arm_expr", cases);
}
