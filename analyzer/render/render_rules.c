/* render_rules — rule titles and help for the reports (render_rules.h). */
#include "render/render_rules.h"

#include <string.h>

/* In the order of checks/check_model.h and checks/check_graph.h. */
static const render_rule_text rules[] = {
	{ "PG-PROVENANCE-MISSING-TAG", "Synthetic store lacks provenance tags",
	  "Tag the store with every key of provenance.required_tags (by default synthetic:generator, "
	  "synthetic:created and synthetic:purpose): who generated the data, when, and for what." },
	{ "PG-PROVENANCE-TAGS-UNKNOWN", "The tags of a synthetic store are not in the inputs",
	  "Add an export that lists the store's tags (aws resourcegroupstaggingapi get-resources, an AWS Config "
	  "snapshot, or az resource list) so that its provenance can be checked." },
	{ "PG-GUARDRAIL-NO-DENY", "Synthetic store has no data-perimeter Deny",
	  "Add an explicit Deny for principals outside the organization or account to the store's resource "
	  "policy, or to a resource control policy (RCP) above its account, with a condition on "
	  "aws:PrincipalOrgID or aws:PrincipalAccount." },
	{ "PG-GUARDRAIL-POLICY-UNKNOWN", "The resource policy of a synthetic store is not in the inputs",
	  "Export the store's resource policy (s3api get-bucket-policy, kms get-key-policy, ...) or guard the "
	  "store with an RCP, so that its data perimeter can be checked." },
	{ "PG-WILDCARD-ACTION", "Policy allows every action",
	  "Replace the wildcard with the actions the principal needs (IAM Access Analyzer policy generation or "
	  "permgraph suggest), on named resources." },
	{ "PG-WILDCARD-SERVICE", "Policy allows every action of a service",
	  "List the actions of the service that are needed instead of 'service:*'." },
	{ "PG-WILDCARD-RESOURCE", "Policy allows actions on every resource",
	  "Name the resources these actions need in 'Resource' (ARNs, or a condition such as aws:ResourceTag) "
	  "instead of \"*\"." },
	{ "PG-WILDCARD-NOT-ACTION", "Allow statement with NotAction",
	  "List the actions needed in 'Action', or keep 'NotAction' only in a 'Deny' statement." },
	{ "PG-AZ-WILDCARD-ROLE", "Azure custom role grants wildcard operations",
	  "List the operations the role needs in actions and dataActions; keep Microsoft.Authorization/*/write "
	  "out of custom roles unless they exist to manage access." },
	{ "PG-AZ-ROLE-WILDCARD", "Azure custom role grants wildcard operations",
	  "List the operations the role needs in actions and dataActions; keep Microsoft.Authorization/*/write "
	  "out of custom roles unless they exist to manage access." },
	{ "PG-AZ-BROAD-ASSIGNMENT", "Azure role assigned at a broad scope",
	  "Assign the role at the resource group or resource that needs it, or use a narrower role." },
	{ "PG-PUBLIC-PRINCIPAL", "Resource policy allows everyone (\"*\")",
	  "Name the principals that need access instead of '*', or add a condition that limits the callers "
	  "(aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceAccount for AWS services, "
	  "aws:SourceVpce)." },
	{ "PG-TRUST-EXTERNAL-ACCOUNT", "Role trusts an outside account without ExternalId or organization condition",
	  "For a third party add a condition on sts:ExternalId; for an account of the organization add a "
	  "condition on aws:PrincipalOrgID; list accounts you trust under organization.trusted_accounts." },
	{ "PG-PRIVESC-SYNTHETIC", "Privilege escalation gains access to synthetic data",
	  "Remove the escalation: take away the actions the technique needs (or scope their Resource to exclude "
	  "the target), or add a permission boundary or an explicit Deny." },
	{ "PG-SEGREGATION-WRITES-BOTH", "One principal can write both synthetic and production stores",
	  "Give the synthetic-data pipeline and production workloads separate principals; scope each "
	  "principal's write permissions to one side." },
	{ "PG-SEGREGATION-PRODUCTION-READS-SYNTHETIC", "Production principal can read synthetic data",
	  "Remove synthetic stores from production principals' read access, or reclassify the principal if it "
	  "is not a production workload." },
	{ "PG-SEGREGATION-MIXED-STORE", "Store is classified both synthetic and production",
	  "Keep synthetic and production data in separate stores, or fix the store's tags." },
	{ "PG-CROSS-TENANT-REACH", "Principal from outside the store's tenant reaches synthetic data",
	  "Remove the grant to the outside principal, or guard the stores with a condition on the organization "
	  "or tenant (aws:PrincipalOrgID, a deny outside the tenant)." },
	{ "PG-SYNTHETIC-EXPOSURE-WRITE", "Outside principal can write or re-permission synthetic data",
	  "Limit write and permission management on synthetic stores to principals of the store's own tenant "
	  "(its generator and owners)." },
	{ NULL, NULL, NULL }
};

const render_rule_text *render_rules_find(const char *id)
{
	const render_rule_text *r;

	for (r = rules; id && r->id; r++)
		if (!strcmp(r->id, id))
			return r;
	return NULL;
}

const char *render_rules_level(severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH: return "error";
	case SEV_MEDIUM: return "warning";
	case SEV_LOW: return "note";
	default: return "none";
	}
}

const char *render_rules_security_severity(severity s)
{
	switch (s) {
	case SEV_CRITICAL: return "9.5";
	case SEV_HIGH: return "8.0";
	case SEV_MEDIUM: return "5.5";
	case SEV_LOW: return "3.0";
	default: return "0.0";
	}
}
