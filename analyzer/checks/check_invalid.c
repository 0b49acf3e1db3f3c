/* check_invalid — actions in the scanned policies that name nothing the catalogue knows. */
#include "checks/check_model.h"
#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "catalog/aws_catalog.h"

#include <string.h>

const char *const check_controls_invalid[] = { "NIST SP 800-53 AC-3", "NIST SP 800-53 CM-6", NULL };

/* A statement's action that matches no catalogue action grants or denies
 * nothing: a typo in a Deny leaves the access it meant to remove (the
 * reason this is worth a finding in scan, not only in validate). */
static void check_policy(const policy *p, const char *who, const char *what, action_set *scratch,
			 finding_list *out)
{
	size_t i, j;

	for (i = 0; p && i < p->n_stmts; i++) {
		const stmt *s = &p->stmts[i];
		/* AWS writes default policies itself (SNS's "__default_statement_ID" still lists
		 * SNS:Receive, which no catalogue has): nothing for the customer to fix */
		if (s->sid && !strncmp(s->sid, "__default", 9))
			continue;
		for (j = 0; j < s->n_actions; j++) {
			const char *a = s->actions[j], *colon = strchr(a, ':');
			char svc[64];
			strbuf msg = STRBUF_INIT, disc = STRBUF_INIT;
			finding *f;
			int known_service;
			if (!colon || !strcmp(a, "*") || aws_catalog_expand(a, scratch) > 0)
				continue;
			snprintf(svc, sizeof(svc), "%.*s", (int)(colon - a), a);
			known_service = aws_catalog_service_known(svc);
			strbuf_addf(&msg, "%s statement ", s->effect == EFFECT_DENY ? "Deny" : "Allow");
			if (s->sid && *s->sid)
				strbuf_addf(&msg, "'%s'", s->sid);
			else
				strbuf_addf(&msg, "%zu", s->index + 1);
			strbuf_addf(&msg, " of %s names '%s', which %s: the statement %s nothing by it", what, a,
				    known_service ? "is no action of its service in the catalogue"
						  : "is of a service the catalogue does not know",
				    s->effect == EFFECT_DENY ? "denies" : "grants");
			strbuf_addf(&disc, "%zu|%s", s->index, a);
			f = finding_add(out, known_service ? "PG-POLICY-UNKNOWN-ACTION" : "PG-POLICY-UNKNOWN-SERVICE",
				    "invalid-policy", s->effect == EFFECT_DENY ? SEV_HIGH : SEV_MEDIUM, who, what,
				    disc.buf, msg.buf, "fix the action's spelling (permgraph validate suggests the "
				    "closest names); a misspelt Deny protects nothing",
				    s->action_locs ? s->action_locs[j] : s->loc, check_controls_invalid);
			finding_set_actions(f, &a, 1);
			strbuf_release(&msg);
			strbuf_release(&disc);
		}
	}
}

void check_invalid(const model *m, const config *cfg, finding_list *out)
{
	ptrmap done = PTRMAP_INIT;
	action_set scratch;
	principal **ps;
	resource **rs;
	size_t n, i, j;

	(void)cfg;
	action_set_init(&scratch);
	ps = model_principals(m, &n);
	for (i = 0; i < n; i++) {
		const principal *p = ps[i];
		for (j = 0; j < p->n_managed_arns; j++) {
			const policy *pol = model_find_managed(m, p->managed_arns[j]);
			if (!pol || ptrmap_get(&done, pol))
				continue;
			ptrmap_put(&done, pol, (void *)1);
			check_policy(pol, NULL, p->managed_arns[j], &scratch, out);
		}
		for (j = 0; j < p->n_inline; j++)
			check_policy(p->inline_policies[j], p->arn, p->arn, &scratch, out);
		check_policy(p->trust, NULL, p->arn, &scratch, out);
	}
	rs = model_resources(m, &n);
	for (i = 0; i < n; i++)
		check_policy(rs[i]->policy, NULL, rs[i]->arn, &scratch, out);
	action_set_release(&scratch);
	ptrmap_release(&done);
}
