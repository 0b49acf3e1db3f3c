/* test_arm_util — for the ARM template suites: templates written from parts into scratch files and read as the CLI does. */
#ifndef PG_TEST_ARM_UTIL_H
#define PG_TEST_ARM_UTIL_H

#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#define ARM_RG "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
#define ARM_SUB "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
#define ARM_MG "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#"
#define ARM_TENANT "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#"
#define ARM_PARAMS "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"

#define RG_ID "/subscriptions/{subscription}/resourceGroups/{resourceGroup}"

/* Write a template from its parts (the insides of "parameters", "variables" and "resources"). */
static inline const char *arm_write(scratch *s, const char *name, const char *schema, const char *params,
				    const char *vars, const char *resources)
{
	static char buf[32768];

	snprintf(buf, sizeof(buf),
		 "{\"$schema\": \"%s\", \"contentVersion\": \"1.0.0.0\",\n\"parameters\": {%s},\n\"variables\": {%s},\n"
		 "\"resources\": [%s]}\n", schema, params ? params : "", vars ? vars : "", resources ? resources : "");
	return scratch_file(s, NULL, name, buf);
}

/* Write and read one template as t.json in a fresh scratch folder. */
static inline void arm_load(loaded *l, scratch *s, const char *schema, const char *params, const char *vars,
			    const char *resources)
{
	const char *p;

	scratch_init(s);
	p = arm_write(s, "t.json", schema, params, vars, resources);
	load1(l, p);
}

static inline size_t arm_n_assignments(const loaded *l)
{
	size_t n = 0;

	if (l->a)
		azm_assignments(l->a, &n);
	return n;
}

static inline az_assignment *arm_assignment(const loaded *l, size_t i)
{
	size_t n;
	az_assignment **xs = l->a ? azm_assignments(l->a, &n) : NULL;

	return xs && i < n ? xs[i] : NULL;
}

/* The resource whose id (any case) is id, or NULL. */
static inline az_resource *arm_resource(const loaded *l, const char *id)
{
	return l->a ? azm_find_resource(l->a, id) : NULL;
}

/* Tag `key` of the resource with id, or NULL. */
static inline const char *arm_tag(const loaded *l, const char *id, const char *key)
{
	const az_resource *r = arm_resource(l, id);

	return r ? model_tag_value(r->tags, r->n_tags, key) : NULL;
}

#endif
