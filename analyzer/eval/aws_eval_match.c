/*
 * aws_eval_match — does one statement apply to a request? Action, resource
 * (with policy variables), principal (for resource-based policies) and
 * conditions, in three-valued logic, plus the request context the model
 * settles statically.
 */
#include "eval/aws_eval_internal.h"
#include "eval/arn.h"
#include "eval/match.h"
#include "eval/policyvar.h"
#include "base/strlist.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const resource *aws_eval_resource_of(model *m, const char *arn)
{
	const char *slash;
	char *bucket;
	const resource *r = model_find_resource(m, arn);

	if (r)
		return r;
	if (strncmp(arn, "arn:", 4) || !strstr(arn, ":s3:::"))
		return NULL;
	slash = strchr(strstr(arn, ":s3:::") + 6, '/');
	if (!slash)
		return NULL;
	bucket = xstrndup(arn, (size_t)(slash - arn));
	r = model_find_resource(m, bucket);
	free(bucket);
	return r;
}

void aws_eval_ctx_init(eval_ctx *c, model *m, const aws_request *rq, eval_result *out)
{
	const char *colon;

	memset(c, 0, sizeof(*c));
	strbuf_init(&c->scratch);
	c->m = m;
	c->rq = rq;
	c->out = out;
	c->p = rq->principal;
	c->p_arn = c->p ? c->p->arn : model_intern(m, rq->principal_arn ? rq->principal_arn : "*");
	c->p_account = c->p ? c->p->account : model_arn_account(m, c->p_arn);
	c->res = rq->resource_arn ? aws_eval_resource_of(m, rq->resource_arn) : NULL;
	c->res_role = rq->resource_arn ? model_find_principal(m, rq->resource_arn) : NULL;
	if (c->res_role && c->res_role->kind != PRIN_ROLE)
		c->res_role = NULL;
	if (c->res && c->res->account)
		c->r_account = c->res->account;
	else
		c->r_account = rq->resource_arn ? model_arn_account(m, rq->resource_arn) : NULL;
	colon = strchr(rq->action, ':');
	if (colon) {
		char buf[128];
		size_t n = (size_t)(colon - rq->action), i;
		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		for (i = 0; i < n; i++)
			buf[i] = (char)tolower((unsigned char)rq->action[i]);
		buf[n] = '\0';
		c->service = model_intern(m, buf);
	}
}

void aws_eval_finish(eval_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n_allow_conds; i++) {
		if (c->out->dec == DEC_CONDITIONAL)
			aws_eval_add_condition(c->out, c->allow_conds[i]);
		else
			free(c->allow_conds[i]);
	}
	free(c->allow_conds);
	c->allow_conds = NULL;
	c->n_allow_conds = 0;
	if (c->out->dec == DEC_DENY || c->out->dec == DEC_IMPLICIT_DENY)
		strlist_release(&c->out->conditions, &c->out->n_conditions, &c->out->cap_conditions);
	strlist_sort(c->out->conditions, c->out->n_conditions);
	strbuf_release(&c->scratch);
}

int aws_eval_stmt_action(const stmt *s, const char *action)
{
	size_t i;
	int any = 0;

	for (i = 0; i < s->n_actions && !any; i++)
		any = match_action(s->actions[i], action);
	return s->not_action ? !any : any;
}

/* --- request context ------------------------------------------------------- */

static const char *principal_type(const eval_ctx *c)
{
	if (!c->p)
		return NULL;
	switch (c->p->kind) {
	case PRIN_USER: return "User";
	case PRIN_ROLE: return "AssumedRole";
	case PRIN_ACCOUNT: return "Account";
	default: return NULL;
	}
}

/* One value for a key, or a state: what the model settles. */
static ck_state context_value(eval_ctx *c, const char *key, const char **value)
{
	*value = NULL;
	if (!strcasecmp(key, "aws:PrincipalArn")) {
		*value = c->p_arn;
		return c->p || strncmp(c->p_arn, "arn:", 4) == 0 ? CK_PRESENT : CK_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:PrincipalAccount")) {
		*value = c->p_account;
		return c->p_account ? CK_PRESENT : CK_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:ResourceAccount")) {
		*value = c->r_account;
		return c->r_account ? CK_PRESENT : CK_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:PrincipalOrgID") || !strcasecmp(key, "aws:ResourceOrgID")) {
		/* settled only for accounts the organization input places in its tree; an
		 * account missing from it may still be a member, so that stays unknown */
		const char *acct = tolower((unsigned char)key[4]) == 'p' ? c->p_account : c->r_account;
		org_node *path[64];
		*value = model_org_id(c->m);
		if (*value && acct && model_org_path(c->m, acct, path, 64) > 1 && path[0]->kind == ORG_ROOT)
			return CK_PRESENT;
		*value = NULL;
		return CK_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:PrincipalType")) {
		*value = principal_type(c);
		return *value ? CK_PRESENT : CK_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:username")) {
		if (!c->p)
			return CK_UNKNOWN;
		if (c->p->kind != PRIN_USER)
			return CK_ABSENT;
		*value = c->p->name;
		return *value ? CK_PRESENT : CK_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:PrincipalIsAWSService")) {
		if (!c->p)
			return CK_UNKNOWN;
		*value = "false";
		return CK_PRESENT;
	}
	if (!strncasecmp(key, "aws:PrincipalTag/", 17)) {
		if (!c->p)
			return CK_UNKNOWN;
		*value = model_tag_value_ci(c->p->tags, c->p->n_tags, key + 17);
		return *value ? CK_PRESENT : CK_ABSENT;
	}
	if (!strncasecmp(key, "aws:ResourceTag/", 16)) {
		if (!c->res || !c->res->tags_known)
			return CK_UNKNOWN;
		*value = model_tag_value_ci(c->res->tags, c->res->n_tags, key + 16);
		return *value ? CK_PRESENT : CK_ABSENT;
	}
	if (!strcasecmp(key, "iam:PassedToService")) {
		if (c->rq->passed_to_service) {
			*value = c->rq->passed_to_service;
			return CK_PRESENT;
		}
		return strcasecmp(c->rq->action, "iam:PassRole") ? CK_ABSENT : CK_UNKNOWN;
	}
	return CK_UNKNOWN;
}

static void cond_lookup(void *ctx, const char *key, cond_key_value *out)
{
	eval_ctx *c = ctx;
	const char *v;
	/* one value per call: aws_cond reads it before the next lookup */
	static const char *one[1];

	out->state = context_value(c, key, &v);
	if (out->state == CK_PRESENT) {
		one[0] = v;
		out->values = one;
		out->n_values = 1;
	}
}

static pv_status var_lookup(void *ctx, const char *key, const char **value)
{
	ck_state st = context_value(ctx, key, value);

	return st == CK_PRESENT ? PV_KNOWN : st == CK_ABSENT ? PV_ABSENT : PV_UNKNOWN;
}

/* --- matching ----------------------------------------------------------------- */

static int uses_vars(const stmt *s)
{
	return s->policy && s->policy->version && !strcmp(s->policy->version, "2012-10-17");
}

static tri match_one_resource(eval_ctx *c, const stmt *s, const char *pattern, const char *arn)
{
	pv_status st;

	if (!uses_vars(s) || !policyvar_has_vars(pattern))
		return arn_match(pattern, arn) ? TRI_TRUE : TRI_FALSE;
	st = policyvar_expand_pattern(pattern, var_lookup, c, &c->scratch);
	if (st == PV_ABSENT)
		return TRI_FALSE;
	if (!arn_match_escaped(c->scratch.buf, arn))
		return TRI_FALSE;
	return st == PV_KNOWN ? TRI_TRUE : TRI_UNKNOWN;
}

static tri match_resource(eval_ctx *c, const stmt *s)
{
	const char *arn = c->rq->resource_arn;
	tri any = TRI_FALSE;
	size_t i;

	if (!s->has_resource)
		return TRI_TRUE;       /* resource and trust policies: the resource itself */
	if (!arn)
		return TRI_UNKNOWN;
	for (i = 0; i < s->n_resources && any != TRI_TRUE; i++)
		any = tri_or(any, match_one_resource(c, s, s->resources[i], arn));
	return s->not_resource ? tri_not(any) : any;
}

static principal_match match_pspec(const eval_ctx *c, const pspec *ps)
{
	const char *caller = c->p_arn;

	switch (ps->kind) {
	case PSPEC_STAR:
		return PM_EVERYONE;
	case PSPEC_AWS:
		if (!strcmp(ps->value, "*"))
			return PM_EVERYONE;
		if (ps->value == caller)
			return c->p && c->p->kind == PRIN_ROLE ? PM_ROLE : PM_EXACT;
		if (c->p_account) {
			char root[64];
			snprintf(root, sizeof(root), "arn:aws:iam::%s:root", c->p_account);
			if (!strcmp(ps->value, root))
				return caller && !strcmp(caller, root) ? PM_EXACT : PM_ACCOUNT;
		}
		return PM_NONE;
	case PSPEC_SERVICE:
	case PSPEC_FEDERATED:
	case PSPEC_CANONICAL_USER:
		return !c->p && ps->value == caller ? PM_EXACT : PM_NONE;
	}
	return PM_NONE;
}

/* An account root the statement names, when the caller is an IAM principal
 * whose account the inputs do not give (a plan's role before apply): it may
 * be that account, so the statement may apply. NULL otherwise. */
static const char *unknown_account_root(const eval_ctx *c, const stmt *s)
{
	size_t i, n;

	if (c->p_account || !c->p)
		return NULL;
	for (i = 0; i < s->n_principals; i++) {
		const pspec *ps = &s->principals[i];
		n = strlen(ps->value);
		if (ps->kind == PSPEC_AWS && n > 5 && !strcmp(ps->value + n - 5, ":root") &&
		    !strncmp(ps->value, "arn:", 4))
			return ps->value;
	}
	return NULL;
}

static principal_match match_principal(const eval_ctx *c, const stmt *s)
{
	principal_match best = PM_NONE, m;
	size_t i;

	for (i = 0; i < s->n_principals; i++) {
		m = match_pspec(c, &s->principals[i]);
		/* the most direct naming wins: exact > everyone > role > account */
		if (m == PM_EXACT || (m == PM_EVERYONE && best != PM_EXACT) ||
		    (m == PM_ROLE && (best == PM_NONE || best == PM_ACCOUNT)) ||
		    (m == PM_ACCOUNT && best == PM_NONE))
			best = m;
	}
	return best;
}

static tri match_conditions(eval_ctx *c, const stmt *s)
{
	tri all = TRI_TRUE;
	size_t i, j;

	for (i = 0; i < s->n_conds && all != TRI_FALSE; i++) {
		const cond *cd = &s->conds[i];
		const char *vals[64];
		char *owned[64];
		size_t nv = 0, nowned = 0;
		int unknown_var = 0;
		aws_cond_test t;
		tri r;

		for (j = 0; j < cd->n_values && nv < 64; j++) {
			if (uses_vars(s) && policyvar_has_vars(cd->values[j])) {
				strbuf sb = STRBUF_INIT;
				pv_status st = policyvar_expand(cd->values[j], var_lookup, c, &sb);
				if (st == PV_UNKNOWN)
					unknown_var = 1;
				if (st == PV_KNOWN) {
					owned[nowned] = strbuf_detach(&sb, NULL);
					vals[nv++] = owned[nowned++];
				}
				strbuf_release(&sb);
			} else {
				vals[nv++] = cd->values[j];
			}
		}
		t.op = cd->op;
		t.key = cd->key;
		t.values = vals;
		t.n_values = nv;
		r = unknown_var ? TRI_UNKNOWN : aws_cond_eval(&t, cond_lookup, c);
		if (unknown_var && nv) {
			/* a settled value may still decide it */
			r = tri_or(aws_cond_eval(&t, cond_lookup, c), TRI_UNKNOWN);
		}
		for (j = 0; j < nowned; j++)
			free(owned[j]);
		all = tri_and(all, r);
	}
	return all;
}

tri aws_eval_match_stmt(eval_ctx *c, const stmt *s, eval_layer layer, principal_match *pm)
{
	tri t;

	if (pm)
		*pm = PM_NONE;
	c->maybe_account = NULL;
	if (!aws_eval_stmt_action(s, c->rq->action))
		return TRI_FALSE;
	if (layer == LAYER_RESOURCE || layer == LAYER_TRUST) {
		principal_match m = match_principal(c, s);
		if (m == PM_NONE && !s->not_principal && (c->maybe_account = unknown_account_root(c, s)) != NULL)
			m = PM_ACCOUNT;         /* sound: it may be the caller's account (see unknown_account_root) */
		if (s->not_principal) {
			/* a Deny with NotPrincipal always denies a caller that has a permission
			 * boundary, whatever NotPrincipal names (IAM User Guide, "Permissions
			 * boundaries for IAM entities") */
			if (m != PM_NONE && !(s->effect == EFFECT_DENY && c->p && c->p->boundary))
				return TRI_FALSE;
			m = PM_EVERYONE;
		} else if (s->has_principal && m == PM_NONE) {
			return TRI_FALSE;
		}
		if (pm)
			*pm = m;
	}
	t = match_resource(c, s);
	if (t == TRI_FALSE)
		return t;
	t = tri_and(t, match_conditions(c, s));
	return c->maybe_account ? tri_and(t, TRI_UNKNOWN) : t;
}

/* --- descriptions ------------------------------------------------------------- */

static void describe_stmt(strbuf *sb, const stmt *s)
{
	const policy *p = s->policy;

	strbuf_addf(sb, "%s policy '%s'", policy_kind_name(p->kind), p->arn ? p->arn : p->name);
	if (s->sid && *s->sid)
		strbuf_addf(sb, " statement '%s'", s->sid);
	else
		strbuf_addf(sb, " statement %zu", s->index + 1);
}

void aws_eval_describe(eval_ctx *c, const stmt *s, eval_layer layer, const char *prefix)
{
	strbuf sb = STRBUF_INIT;
	size_t i, j;
	int first = 1;

	strbuf_addf(&sb, "%s ", prefix);
	if (c->maybe_account) {
		strbuf_addf(&sb, "the caller is in the account of '%s' (its own account is not in the inputs)",
			    c->maybe_account);
		first = 0;
	}
	for (i = 0; i < s->n_conds; i++) {
		const cond *cd = &s->conds[i];
		cond_key_value kv = { CK_UNKNOWN, NULL, 0 };
		cond_lookup(c, cd->key, &kv);
		if (kv.state != CK_UNKNOWN)
			continue;       /* settled: not part of what must hold */
		strbuf_addf(&sb, "%s%s %s [", first ? "" : " and ", cd->key, cd->op);
		for (j = 0; j < cd->n_values; j++)
			strbuf_addf(&sb, "%s\"%s\"", j ? ", " : "", cd->values[j]);
		strbuf_addstr(&sb, "]");
		first = 0;
	}
	if (first)
		strbuf_addstr(&sb, "its policy variables resolve to match");
	strbuf_addstr(&sb, " (");
	describe_stmt(&sb, s);
	strbuf_addstr(&sb, ")");
	(void)layer;
	if (!strcmp(prefix, "allowed if")) {
		XGROW(c->allow_conds, c->cap_allow_conds, c->n_allow_conds + 1);
		c->allow_conds[c->n_allow_conds++] = strbuf_detach(&sb, NULL);
	} else {
		aws_eval_add_condition(c->out, strbuf_detach(&sb, NULL));
	}
}

void aws_eval_note(eval_ctx *c, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	XGROW(c->allow_conds, c->cap_allow_conds, c->n_allow_conds + 1);
	c->allow_conds[c->n_allow_conds++] = strbuf_detach(&sb, NULL);
}
