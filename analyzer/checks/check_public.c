/* check_public — resource and trust policies open to everyone. */
#include "checks/check_model.h"
#include "base/strbuf.h"
#include "eval/aws_cond.h"

#include <string.h>
#include <strings.h>

const char *const check_controls_public[] = { "NIST SP 800-53 AC-3", "NIST SP 800-53 AC-21", "NIST SP 800-53 SC-7",
					      NULL };

/* Keys that name who or where the caller is (AWS global condition keys and
 * the service keys that do the same). Not aws:SecureTransport (anyone can use
 * TLS) nor aws:Referer (the caller writes it). */
static const char *const caller_keys[] = {
	"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:userid",
	"aws:SourceArn", "aws:SourceAccount", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths",
	"aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp", "aws:VpcSourceIp", "kms:CallerAccount",
	"s3:DataAccessPointAccount", "s3:DataAccessPointArn", NULL
};

int check_cond_positive(const cond *c)
{
	aws_cond_op_info info;
	size_t i;

	if (aws_cond_op_parse(c->op, &info) < 0 || info.negated || info.if_exists ||
	    info.qualifier == AWS_COND_QUAL_ALL || !strcmp(info.base, "Null") || !c->n_values)
		return 0;
	for (i = 0; i < c->n_values; i++) {
		const char *v = c->values[i];
		if ((strstr(info.base, "Like") && !strcmp(v, "*")) || !strcmp(v, "0.0.0.0/0") || !strcmp(v, "::/0"))
			return 0;
	}
	return 1;
}

int check_cond_restricts(const cond *c)
{
	const char *const *k;

	for (k = caller_keys; *k; k++)
		if (!strcasecmp(*k, c->key))
			return check_cond_positive(c);
	return 0;
}

/* The "*" principal of an Allow statement open to everyone, or NULL; *np set for NotPrincipal. */
static const pspec *everyone(const stmt *s, int *np)
{
	size_t i;

	*np = 0;
	if (s->effect != EFFECT_ALLOW)
		return NULL;
	for (i = 0; i < s->n_conds; i++)
		if (check_cond_restricts(&s->conds[i]))
			return NULL;
	if (s->not_principal && s->n_principals) {
		*np = 1;        /* everyone except those listed */
		return &s->principals[0];
	}
	for (i = 0; i < s->n_principals; i++)
		if (s->principals[i].kind == PSPEC_STAR ||
		    (s->principals[i].kind == PSPEC_AWS && !strcmp(s->principals[i].value, "*")))
			return &s->principals[i];
	return NULL;
}

static void check_policy(finding_list *out, const policy *p, const char *subject, const char *kind, severity sev)
{
	strbuf msg = STRBUF_INIT, acts = STRBUF_INIT;
	char label[160], key[200];
	size_t i, j;

	for (i = 0; p && i < p->n_stmts; i++) {
		const stmt *s = &p->stmts[i];
		int np;
		const pspec *who = everyone(s, &np);
		finding *f;
		if (!who)
			continue;
		check_stmt_label(s, label, sizeof(label));
		check_stmt_key(s, NULL, key, sizeof(key));
		strbuf_reset(&msg);
		strbuf_reset(&acts);
		for (j = 0; j < s->n_actions && j < 3; j++)
			strbuf_addf(&acts, "%s'%s'", j ? ", " : "", s->actions[j]);
		if (s->n_actions > 3)
			strbuf_addf(&acts, " and %zu more", s->n_actions - 3);
		strbuf_addf(&msg, "%s of '%s' %s allows %s%s to %s without a condition that restricts the caller",
			    kind, subject, label, s->not_action ? "every action except " : "", acts.buf,
			    np ? "everyone not named in 'NotPrincipal'" : "principal '*' (anyone)");
		f = finding_add(out, "PG-PUBLIC-PRINCIPAL", "public-access", sev, "*", subject, key, msg.buf,
				"name the principals that need access instead of '*', or add a condition that limits the "
				"callers (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceAccount for "
				"AWS services, aws:SourceVpce)",
				who->loc.file ? who->loc : s->loc, check_controls_public);
		if (!s->not_action)
			finding_set_actions(f, s->actions, s->n_actions);
	}
	strbuf_release(&msg);
	strbuf_release(&acts);
}

void check_public(const model *m, const config *cfg, finding_list *out)
{
	resource **rs;
	principal **ps;
	size_t n, i;

	rs = model_resources(m, &n);
	for (i = 0; i < n; i++)
		if (rs[i]->policy && !check_resource_guard(m, rs[i]))
			check_policy(out, rs[i]->policy, rs[i]->arn, "resource policy",
				     rs[i]->classification & CLASS_SYNTHETIC ? SEV_CRITICAL : SEV_HIGH);
	ps = model_principals(m, &n);
	for (i = 0; i < n; i++)
		if (ps[i]->kind == PRIN_ROLE && ps[i]->trust)
			check_policy(out, ps[i]->trust, ps[i]->arn, "trust policy", SEV_HIGH);
}
