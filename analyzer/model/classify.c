/* classify — classification and tenants from a config (rules in classify.h). */
#include "model/classify.h"
#include "model/azure.h"
#include "base/strci.h"
#include "eval/match.h"

#include <string.h>

#define MAX_SCOPES 64

const char *classify_tag_value(const tag *tags, size_t n, const char *key, int azure)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (azure ? !strci_cmp(tags[i].key, key) : !strcmp(tags[i].key, key))
			return tags[i].value;
	return NULL;
}

/* An S3 bucket ARN: arn:PARTITION:s3:::NAME with no '/' in NAME. */
static int is_bucket_arn(const char *arn)
{
	const char *p = strchr(arn, ':');

	if (!p || strncmp(arn, "arn:", 4) || !(p = strchr(p + 1, ':')) || strncmp(p, ":s3:::", 6))
		return 0;
	return p[6] && !strchr(p + 6, '/');
}

static int arn_matches(const char *pattern, const char *arn)
{
	const char *slash;

	if (match_glob(pattern, arn, 0))
		return 1;
	/* a pattern over objects names the bucket that holds them */
	if ((slash = strchr(pattern, '/')) != NULL && is_bucket_arn(arn))
		return match_glob_n(pattern, (size_t)(slash - pattern), arn, strlen(arn), 0);
	return 0;
}

int classify_rule_matches(const config_rule *r, const classify_subject *s)
{
	const char *v;
	size_t i;

	switch (r->kind) {
	case CONFIG_RULE_TAG:
		v = classify_tag_value(s->tags, s->n_tags, r->key, s->azure);
		return v && (!r->value || !strci_cmp(v, r->value));
	case CONFIG_RULE_ARN:
		return !s->azure && s->id && arn_matches(r->value, s->id);
	case CONFIG_RULE_AZURE_ID:
		if (!s->azure || !s->id)
			return 0;
		if (match_glob(r->value, s->id, 1))
			return 1;
		for (i = 0; i < s->n_scopes; i++)
			if (match_glob(r->value, s->scopes[i], 1))
				return 1;
		return 0;
	case CONFIG_RULE_TYPE:
		return s->type && match_glob(r->value, s->type, 1);
	}
	return 0;
}

static int any_match(const config_rule *rules, size_t n, const classify_subject *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (classify_rule_matches(&rules[i], s))
			return 1;
	return 0;
}

int classify_subject_class(const config *c, const classify_subject *s)
{
	return (any_match(c->synthetic, c->n_synthetic, s) ? CLASS_SYNTHETIC : 0) |
	       (any_match(c->production, c->n_production, s) ? CLASS_PRODUCTION : 0);
}

static int has_tenant_tag(const config_tenant *t, const classify_subject *s)
{
	size_t i;

	for (i = 0; i < t->n_tags; i++) {
		const char *v = classify_tag_value(s->tags, s->n_tags, t->tags[i].key, s->azure);
		if (v && !strci_cmp(v, t->tags[i].value))
			return 1;
	}
	return 0;
}

static int owns_account(const config_tenant *t, const classify_subject *s)
{
	size_t i;

	if (!s->account)
		return 0;
	if (s->azure) {
		for (i = 0; i < t->n_azure_subscriptions; i++)
			if (!strci_cmp(t->azure_subscriptions[i], s->account))
				return 1;
		return 0;
	}
	for (i = 0; i < t->n_aws_accounts; i++)
		if (!strcmp(t->aws_accounts[i], s->account))
			return 1;
	return 0;
}

const config_tenant *classify_subject_tenant(const config *c, const classify_subject *s,
					     const config_tenant **other)
{
	const config_tenant *by_tag = NULL, *by_account = NULL, *second = NULL;
	size_t i;

	for (i = 0; i < c->n_tenants; i++) {
		const config_tenant *t = &c->tenants[i];

		if (has_tenant_tag(t, s)) {
			if (!by_tag)
				by_tag = t;
			else if (!second)
				second = t;
		}
		if (!by_account && owns_account(t, s))
			by_account = t;
	}
	if (by_tag && by_account && by_account != by_tag && !second)
		second = by_account;
	if (other)
		*other = second;
	return by_tag ? by_tag : by_account;
}

/* --- applying to a model -------------------------------------------------------- */

/* what: "principal" or "resource"; shown: the subject as the inputs wrote it */
static const char *tenant_of(model *m, const config *c, const classify_subject *s, const char *what,
			     const char *shown, const pg_loc *loc, diag_list *warn)
{
	const config_tenant *other, *t = classify_subject_tenant(c, s, &other);

	if (t && other && warn)
		diag_list_addf(warn, DIAG_WARNING, loc->file, loc->line, loc->col,
			       "%s '%s' is claimed by tenant '%s' and tenant '%s'; taking '%s' (its tags)", what, shown,
			       t->name, other->name, t->name);
	return t ? model_intern(m, t->name) : NULL;
}

/* The subscription GUID of an Azure resource id key ("/subscriptions/<guid>/..."). */
static const char *subscription_of(model *m, const char *id)
{
	static const char prefix[] = "/subscriptions/";
	const char *sub, *end;

	if (strci_prefix_cmp(id, prefix, sizeof(prefix) - 1))
		return NULL;
	sub = id + sizeof(prefix) - 1;
	end = strchr(sub, '/');
	return model_intern_n(m, sub, end ? (size_t)(end - sub) : strlen(sub));
}

static int has_azure_id_rules(const config *c)
{
	size_t i;

	for (i = 0; i < c->n_synthetic; i++)
		if (c->synthetic[i].kind == CONFIG_RULE_AZURE_ID)
			return 1;
	for (i = 0; i < c->n_production; i++)
		if (c->production[i].kind == CONFIG_RULE_AZURE_ID)
			return 1;
	return 0;
}

static void apply_azure(model *m, const config *c, diag_list *warn)
{
	azm *a = model_azure(m);
	az_principal **ps;
	az_resource **rs;
	const char *scopes[MAX_SCOPES];
	int want_scopes = has_azure_id_rules(c), gap;
	size_t i, n;

	ps = azm_principals(a, &n);
	for (i = 0; i < n; i++) {
		ps[i]->classification = CLASS_NONE;
		ps[i]->saas_tenant = NULL;
	}
	rs = azm_resources(a, &n);
	for (i = 0; i < n; i++) {
		az_resource *r = rs[i];
		classify_subject s = { 1, r->id, r->type, subscription_of(m, r->id), r->tags, r->n_tags, scopes, 0 };

		/* ancestors only when a rule needs them: they cost a walk per resource */
		if (want_scopes)
			s.n_scopes = azm_ancestors(a, r->id, scopes, MAX_SCOPES, &gap);
		r->classification = classify_subject_class(c, &s);
		r->saas_tenant = tenant_of(m, c, &s, "resource", r->id_written ? r->id_written : r->id, &r->loc, warn);
	}
}

void classify_apply(model *m, const config *c, diag_list *warn)
{
	principal **ps;
	resource **rs;
	size_t i, n;

	ps = model_principals(m, &n);
	for (i = 0; i < n; i++) {
		principal *p = ps[i];
		classify_subject s = { 0, p->arn, NULL, p->account, p->tags, p->n_tags, NULL, 0 };

		p->classification = classify_subject_class(c, &s);
		p->saas_tenant = tenant_of(m, c, &s, "principal", p->arn, &p->loc, warn);
	}
	rs = model_resources(m, &n);
	for (i = 0; i < n; i++) {
		resource *r = rs[i];
		classify_subject s = { 0, r->arn, r->type, r->account, r->tags, r->n_tags, NULL, 0 };

		r->classification = classify_subject_class(c, &s);
		r->saas_tenant = tenant_of(m, c, &s, "resource", r->arn, &r->loc, warn);
	}
	if (azm_present(m))
		apply_azure(m, c, warn);
}
