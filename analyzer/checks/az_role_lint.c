/* az_role_lint — custom role definition rules for validate. */
#include "checks/az_role_lint.h"
#include "base/strci.h"
#include "catalog/az_catalog.h"
#include "eval/azure_id.h"
#include "eval/match.h"
#include "ingest/az_rbac.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MG_MARK "/providers/microsoft.management/managementgroups/"

static void add(policy_lint_list *out, size_t *n, const char *rule, const char *category, severity sev,
		const pg_loc *at, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static void add(policy_lint_list *out, size_t *n, const char *rule, const char *category, severity sev,
		const pg_loc *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	policy_lint_list_add(out, rule, category, sev, at ? at->file : NULL, at ? at->line : 0, at ? at->col : 0, msg);
	(*n)++;
}

/* One pattern of actions (plane CONTROL) or dataActions (plane DATA); notActions are checked the same way. */
static void lint_pattern(const char *pat, az_op_plane plane, const char *field, const pg_loc *at,
			 policy_lint_list *out, size_t *n)
{
	const char *slash = strchr(pat, '/'), *star = strchr(pat, '*');
	size_t ns_len = slash ? (size_t)(slash - pat) : strlen(pat);

	if (star && strchr(star + 1, '*')) {
		add(out, n, "PG-AZ-ROLE-MULTIPLE-WILDCARDS", "invalid-policy", SEV_MEDIUM, at,
		    "'%s' in %s has more than one '*'; Azure accepts one wildcard per operation", pat, field);
		return;
	}
	if (!strcmp(pat, "*") && field[0] != 'n') {
		add(out, n, "PG-AZ-ROLE-WILDCARD", "wildcard", SEV_HIGH, at,
		    "'*' in %s grants every %s operation of every resource provider", field,
		    plane == AZ_OP_DATA ? "data" : "control-plane");
		return;
	}
	/* a wildcard that reaches role assignments or definitions grants access management */
	if (star && field[0] == 'a' && (match_glob(pat, "Microsoft.Authorization/roleAssignments/write", 1) ||
					match_glob(pat, "Microsoft.Authorization/roleDefinitions/write", 1))) {
		add(out, n, "PG-AZ-ROLE-WILDCARD", "wildcard", SEV_HIGH, at,
		    "'%s' in %s grants access management: writing role assignments and definitions", pat, field);
		return;
	}
	if (ns_len && !(ns_len == 1 && pat[0] == '*') && !memchr(pat, '*', ns_len) &&
	    !az_catalog_provider_known(pat, ns_len)) {
		add(out, n, "PG-AZ-ROLE-UNKNOWN-PROVIDER", "invalid-policy", SEV_MEDIUM, at,
		    "resource provider '%.*s' of '%s' is not in the operations catalogue (2023-04-09)", (int)ns_len, pat,
		    pat);
		return;
	}
	if (az_catalog_match_count(pat, plane))
		return;
	if (az_catalog_match_count(pat, plane == AZ_OP_DATA ? AZ_OP_CONTROL : AZ_OP_DATA)) {
		add(out, n, "PG-AZ-ROLE-WRONG-PLANE", "invalid-policy", SEV_MEDIUM, at,
		    "'%s' in %s matches only %s operations: the planes never mix, so it %s nothing; move it to %s", pat,
		    field, plane == AZ_OP_DATA ? "control-plane" : "data", field[0] == 'n' ? "removes" : "grants",
		    plane == AZ_OP_DATA ? (field[0] == 'n' ? "notActions" : "actions")
					: (field[0] == 'n' ? "notDataActions" : "dataActions"));
		return;
	}
	if (!star) {
		const char *near = az_catalog_suggest(pat);
		add(out, n, "PG-AZ-ROLE-UNKNOWN-OPERATION", "invalid-policy", SEV_MEDIUM, at,
		    "operation '%s' in %s is not in the operations catalogue (2023-04-09)%s%s%s", pat, field,
		    near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
	} else {
		add(out, n, "PG-AZ-ROLE-UNKNOWN-OPERATION", "invalid-policy", SEV_MEDIUM, at,
		    "'%s' in %s matches no operation in the operations catalogue (2023-04-09)", pat, field);
	}
}

static void lint_list(const char *const *pats, const pg_loc *locs, size_t count, az_op_plane plane,
		      const char *field, const az_perms *b, policy_lint_list *out, size_t *n)
{
	size_t i;

	for (i = 0; i < count; i++)
		lint_pattern(pats[i], plane, field, locs ? &locs[i] : &b->loc, out, n);
}

size_t az_role_lint_role(const az_role *r, policy_lint_list *out)
{
	size_t n = 0, i, mgs = 0, data = 0;

	if (r->builtin)
		return 0;
	for (i = 0; i < r->n_perms; i++) {
		const az_perms *b = &r->perms[i];
		lint_list(b->actions, b->action_locs, b->n_actions, AZ_OP_CONTROL, "actions", b, out, &n);
		lint_list(b->not_actions, b->not_action_locs, b->n_not_actions, AZ_OP_CONTROL, "notActions", b, out, &n);
		lint_list(b->data_actions, b->data_action_locs, b->n_data_actions, AZ_OP_DATA, "dataActions", b, out, &n);
		lint_list(b->not_data_actions, b->not_data_action_locs, b->n_not_data_actions, AZ_OP_DATA,
			  "notDataActions", b, out, &n);
		data += b->n_data_actions;
	}
	if (!r->n_assignable)
		add(out, &n, "PG-AZ-ROLE-NO-ASSIGNABLE-SCOPES", "invalid-policy", SEV_MEDIUM, &r->loc,
		    "custom role '%s' has no assignableScopes: it cannot be assigned anywhere", r->name ? r->name : r->guid);
	for (i = 0; i < r->n_assignable; i++) {
		const char *s = r->assignable_scopes[i];
		const pg_loc *at = r->assignable_locs ? &r->assignable_locs[i] : &r->loc;
		azure_id id;
		if (!strcmp(s, "/")) {
			add(out, &n, "PG-AZ-ROLE-ROOT-SCOPE", "invalid-policy", SEV_MEDIUM, at,
			    "custom role '%s' lists the root scope \"/\": only built-in roles can", r->name ? r->name : r->guid);
		} else if (strchr(s, '*') || azure_id_parse(s, &id) < 0 || id.kind == AZ_SCOPE_RESOURCE) {
			add(out, &n, "PG-AZ-ROLE-SCOPE-INVALID", "invalid-policy", SEV_MEDIUM, at,
			    "assignable scope '%s' is not a management group, subscription or resource group%s", s,
			    strchr(s, '*') ? " (wildcards are not allowed)" : "");
		} else if (strci_str(s, MG_MARK)) {
			if (++mgs == 2)
				add(out, &n, "PG-AZ-ROLE-MULTIPLE-MANAGEMENT-GROUPS", "invalid-policy", SEV_MEDIUM, at,
				    "a custom role can list one management group in assignableScopes; this is the second");
			if (data)
				add(out, &n, "PG-AZ-ROLE-DATA-AT-MANAGEMENT-GROUP", "invalid-policy", SEV_MEDIUM, at,
				    "custom role '%s' has dataActions, so it cannot be assigned at management group '%s' "
				    "(only at subscriptions and below)", r->name ? r->name : r->guid, s);
		}
	}
	return n;
}

int az_role_lint_detect(const doc_node *root, const char *path)
{
	return ingest_az_roledefs_format.detect(root, path);
}

size_t az_role_lint_document(const doc_node *root, const char *path, policy_lint_list *out)
{
	model *m = model_new();
	diag_list diags;
	ingest_ctx c;
	doc_node *const *items;
	const doc_node *single;
	size_t n_items, i, n = 0;

	diag_list_init(&diags);
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.path = path;
	c.diags = &diags;
	if (az_records(root, &items, &n_items, &single) == 0) {
		for (i = 0; i < n_items; i++) {
			az_role *r = NULL;
			if (az_read_role(&c, items[i], &r) == 0 && r)
				n += az_role_lint_role(r, out);
		}
	}
	for (i = 0; i < diags.count; i++) {
		const diag *d = &diags.items[i];
		if (d->severity != DIAG_ERROR)
			continue;
		policy_lint_list_add(out, "PG-AZ-ROLE-INVALID", "invalid-policy", SEV_HIGH, d->file, d->line,
				     d->col, d->msg);
		n++;
	}
	diag_list_release(&diags);
	model_free(m);
	return n;
}
