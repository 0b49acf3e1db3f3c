/* check_wildcard_az — the Azure wildcard rules: custom roles with wildcards, privileged roles at broad scopes. */
#include "checks/check_model.h"
#include "base/strbuf.h"
#include "checks/az_role_lint.h"
#include "eval/azure_id.h"
#include "model/azure.h"

#include <string.h>

const char *const check_controls_admin_scope[] = { "NIST SP 800-53 AC-6", "NIST SP 800-53 AC-6(5)", NULL };

/* Roles that grant everything, or access management, at the scope they are assigned. */
static const char *const privileged_roles[][2] = {
	{ "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner" },
	{ "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor" },
	{ "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator" },
	{ "f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator" },
};

static void check_az_roles(azm *a, finding_list *out)
{
	az_role **roles;
	size_t n, i, j;
	strbuf msg = STRBUF_INIT;

	roles = azm_roles(a, &n);
	for (i = 0; i < n; i++) {
		policy_lint_list lint;
		const policy_lint_finding *first = NULL;
		size_t more = 0;
		pg_loc at = roles[i]->loc;
		policy_lint_list_init(&lint);
		az_role_lint_role(roles[i], &lint);     /* built-in roles: nothing */
		for (j = 0; j < lint.count; j++) {
			if (strcmp(lint.items[j].rule, "PG-AZ-ROLE-WILDCARD"))
				continue;
			if (first)
				more++;
			else
				first = &lint.items[j];
		}
		if (first) {
			strbuf_reset(&msg);
			strbuf_addf(&msg, "custom role '%s': %s", roles[i]->name ? roles[i]->name : roles[i]->guid,
				    first->message);
			if (more)
				strbuf_addf(&msg, " (and %zu more wildcard pattern%s)", more, more > 1 ? "s" : "");
			if (first->file) {
				at.file = first->file;
				at.line = first->line;
				at.col = first->col;
			}
			finding_add(out, "PG-AZ-WILDCARD-ROLE", "wildcard", SEV_HIGH, NULL, roles[i]->guid, NULL, msg.buf,
				    "list the operations the role needs in actions and dataActions; keep "
				    "Microsoft.Authorization/*/write out of custom roles unless they exist to manage access",
				    at, check_controls_wildcard);
		}
		policy_lint_list_release(&lint);
	}
	strbuf_release(&msg);
}

/* How the assignment holds the role: for the message, and a stable name for the fingerprint. */
static const char *how(const az_assignment *x, const char **name)
{
	switch (x->kind) {
	case AZA_CLASSIC:
		*name = "classic";
		return " as a classic subscription administrator";
	case AZA_LIGHTHOUSE:
		*name = "lighthouse";
		return " through a Lighthouse delegation";
	case AZA_LIGHTHOUSE_ELIGIBLE:
		*name = "lighthouse-eligible";
		return " through an eligible (just-in-time) Lighthouse delegation";
	case AZA_LIGHTHOUSE_UNASSIGNED:
		*name = "lighthouse-unassigned";
		return " once its Lighthouse registration definition is assigned";
	default:
		*name = "role";
		return "";
	}
}

static void check_az_assignments(azm *a, finding_list *out)
{
	static const char *const kinds[] = { "root", "management group", "subscription" };
	az_assignment **xs;
	size_t n, i, k;
	strbuf msg = STRBUF_INIT, key = STRBUF_INIT;

	xs = azm_assignments(a, &n);
	for (i = 0; i < n; i++) {
		const az_assignment *x = xs[i];
		const az_principal *p = x->principal;
		const char *kind;
		azure_id id;
		for (k = 0; x->role_guid && k < sizeof(privileged_roles) / sizeof(*privileged_roles); k++)
			if (!strcmp(x->role_guid, privileged_roles[k][0]))
				break;
		if (!x->role_guid || k == sizeof(privileged_roles) / sizeof(*privileged_roles) || !x->scope ||
		    azure_id_parse(x->scope, &id) < 0 || id.kind > AZ_SCOPE_SUBSCRIPTION)
			continue;
		strbuf_reset(&msg);
		strbuf_reset(&key);
		strbuf_addf(&msg, "'%s' holds %s at %s '%s'%s%s%s", p ? (p->name ? p->name : p->id) : "(unknown principal)",
			    privileged_roles[k][1], kinds[id.kind], x->scope_written ? x->scope_written : x->scope,
			    how(x, &kind), x->delegated_from ? " from tenant " : "", x->delegated_from ? x->delegated_from : "");
		strbuf_addf(&key, "%s/%s", x->role_guid, kind);
		finding_add(out, "PG-AZ-BROAD-ASSIGNMENT", "wildcard", SEV_MEDIUM, p ? p->id : NULL, x->scope, key.buf,
			    msg.buf,
			    "assign the role at the resource group or resource that needs it, or use a narrower role; "
			    "whether it reaches synthetic data is reported by the graph checks",
			    x->loc, check_controls_admin_scope);
	}
	strbuf_release(&msg);
	strbuf_release(&key);
}

void check_wildcard_azure(const model *m, finding_list *out)
{
	azm *a;

	if (!azm_present(m))
		return;
	a = model_azure((model *)m);    /* exists already: nothing is created */
	check_az_roles(a, out);
	check_az_assignments(a, out);
}
