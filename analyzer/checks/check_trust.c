/* check_trust — role trust policies open to accounts outside the estate without an external id. */
#include "checks/check_model.h"
#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "eval/arn.h"
#include "eval/match.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const check_controls_trust[] = { "NIST SP 800-53 AC-3", "NIST SP 800-53 AC-20", NULL };

typedef struct trust_ctx {
	const model *m;
	const config *cfg;
	const char *org;        /* the organization id, or NULL when no input says */
	ptrmap accounts;        /* interned account ids of input principals and resources */
} trust_ctx;

static int in_strs(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

/* Is account `id` (12 digits) one of the estate's or a trusted one? */
static int known_account(const trust_ctx *t, const char *id)
{
	const char *interned = model_intern_find(t->m, id);
	const org_node *o = model_find_org(t->m, id);
	size_t i;

	if ((interned && ptrmap_get(&t->accounts, interned)) || (o && o->kind == ORG_ACCOUNT) ||
	    in_strs(t->cfg->trusted_accounts, t->cfg->n_trusted_accounts, id))
		return 1;
	for (i = 0; i < t->cfg->n_tenants; i++)
		if (in_strs(t->cfg->tenants[i].aws_accounts, t->cfg->tenants[i].n_aws_accounts, id))
			return 1;
	return 0;
}

/* Does the condition limit callers to the organization (ours when known)? */
static int org_condition(const trust_ctx *t, const cond *c)
{
	size_t i;
	int paths = !strcasecmp(c->key, "aws:PrincipalOrgPaths");

	if ((!paths && strcasecmp(c->key, "aws:PrincipalOrgID")) || !check_cond_positive(c))
		return 0;
	if (!t->org)
		return 1;
	for (i = 0; i < c->n_values; i++)
		if (paths ? strstr(c->values[i], t->org) == c->values[i] : match_glob(c->values[i], t->org, 0))
			return 1;
	return 0;
}

static int protected_stmt(const trust_ctx *t, const stmt *s)
{
	size_t i;

	for (i = 0; i < s->n_conds; i++)
		if ((!strcasecmp(s->conds[i].key, "sts:ExternalId") && check_cond_positive(&s->conds[i])) ||
		    org_condition(t, &s->conds[i]))
			return 1;
	return 0;
}

static int allows_assume(const stmt *s)
{
	size_t i;
	int hit = 0;

	for (i = 0; i < s->n_actions; i++)
		hit |= match_action(s->actions[i], "sts:AssumeRole");
	return s->effect == EFFECT_ALLOW && !s->not_principal && (s->not_action ? !hit : hit);
}

static void check_role(trust_ctx *t, const principal *role, finding_list *out)
{
	const policy *p = role->trust;
	strbuf msg = STRBUF_INIT, fix = STRBUF_INIT;
	char label[160], key[200], acct[16];
	size_t i, j, len;

	for (i = 0; i < p->n_stmts; i++) {
		const stmt *s = &p->stmts[i];
		if (!allows_assume(s) || protected_stmt(t, s))
			continue;
		check_stmt_label(s, label, sizeof(label));
		check_stmt_key(s, NULL, key, sizeof(key));
		for (j = 0; j < s->n_principals; j++) {
			const pspec *ps = &s->principals[j];
			const char *a = ps->kind == PSPEC_AWS ? arn_account(ps->value, &len) : NULL;
			if (!a || len >= sizeof(acct))
				continue;       /* "*" is public-access's; services and federation are not accounts */
			snprintf(acct, sizeof(acct), "%.*s", (int)len, a);
			if ((role->account && !strcmp(acct, role->account)) || known_account(t, acct))
				continue;
			strbuf_reset(&msg);
			strbuf_reset(&fix);
			strbuf_addf(&msg, "trust policy of role '%s' %s lets '%s' of account %s (not in the inputs, the "
				    "organization or organization.trusted_accounts) assume the role without an "
				    "sts:ExternalId or organization condition", role->arn, label, ps->value, acct);
			strbuf_addf(&fix, "for a third party add \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": "
				    "\"<id agreed with the third party>\"}}; for an account of the organization add "
				    "{\"StringEquals\": {\"aws:PrincipalOrgID\": \"%s\"}}; if account %s is trusted, list it "
				    "under organization.trusted_accounts", t->org ? t->org : "<organization id>", acct);
			finding_add(out, "PG-TRUST-EXTERNAL-ACCOUNT", "cross-tenant", SEV_HIGH, ps->value, role->arn, key,
				    msg.buf, fix.buf, ps->loc.file ? ps->loc : s->loc, check_controls_trust);
		}
	}
	strbuf_release(&msg);
	strbuf_release(&fix);
}

void check_trust(const model *m, const config *cfg, finding_list *out)
{
	trust_ctx t;
	principal **ps;
	resource **rs;
	size_t n, nr, i;

	memset(&t, 0, sizeof(t));
	t.m = m;
	t.cfg = cfg;
	t.org = cfg->org_id ? cfg->org_id : model_org_id(m);
	ptrmap_init(&t.accounts);
	ps = model_principals(m, &n);
	for (i = 0; i < n; i++)
		if (ps[i]->account && (ps[i]->kind == PRIN_USER || ps[i]->kind == PRIN_GROUP || ps[i]->kind == PRIN_ROLE))
			ptrmap_put(&t.accounts, ps[i]->account, (void *)1);
	rs = model_resources(m, &nr);
	for (i = 0; i < nr; i++)
		if (rs[i]->account)
			ptrmap_put(&t.accounts, rs[i]->account, (void *)1);
	for (i = 0; i < n; i++)
		if (ps[i]->kind == PRIN_ROLE && ps[i]->trust)
			check_role(&t, ps[i], out);
	ptrmap_release(&t.accounts);
}
