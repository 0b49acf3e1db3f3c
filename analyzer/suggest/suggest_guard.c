/* suggest_guard — perimeter Deny statements for unguarded synthetic stores (suggest_guard.h). */
#include "suggest/suggest_guard.h"
#include "suggest/suggest_internal.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"
#include "checks/check_model.h"
#include "graph/access.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PROBE_ACCOUNT "000000000000"
#define PROBE_ORG "o-permgraphprobe"

/* Services whose resource policy is where a data perimeter is written (as check_guardrail). */
static const char *const policy_services[] = {
	"s3", "kms", "sqs", "sns", "secretsmanager", "dynamodb", "kinesis", "es", "ecr", "glacier",
	"elasticfilesystem", "backup", NULL
};

static int policy_service(const char *svc)
{
	size_t i;

	for (i = 0; svc && policy_services[i]; i++)
		if (!strcmp(policy_services[i], svc))
			return 1;
	return 0;
}

static const char **strs(model *m, size_t n)
{
	return ARENA_ARRAY(model_arena(m), const char *, n);
}

/* The guard statement for r, in a one-statement policy. */
static policy *guard_policy(model *m, const resource *r, const char *org)
{
	policy *pol = model_new_policy(m, POL_RESOURCE, r->arn);
	stmt *st;
	strbuf sb = STRBUF_INIT;

	pol->version = model_intern(m, "2012-10-17");
	pol->stmts = st = ARENA_ARRAY(model_arena(m), stmt, 1);
	pol->n_stmts = 1;
	st->effect = EFFECT_DENY;
	st->policy = pol;
	st->sid = model_intern(m, org ? "DenyOutsideOrganization" : "DenyOutsideAccount");
	st->principals = ARENA_ARRAY(model_arena(m), pspec, 1);
	st->principals[0].kind = PSPEC_STAR;
	st->principals[0].value = model_intern(m, "*");
	st->n_principals = 1;
	st->has_principal = 1;
	strbuf_addf(&sb, "%s:*", r->service);
	st->actions = strs(m, 1);
	st->actions[0] = model_intern_lower(m, sb.buf);
	st->action_locs = ARENA_ARRAY(model_arena(m), pg_loc, 1);
	st->n_actions = 1;
	st->resources = strs(m, 2);
	st->resources[st->n_resources++] = r->arn;
	if (sug_is_bucket(r)) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s/*", r->arn);
		st->resources[st->n_resources++] = model_intern(m, sb.buf);
	}
	st->has_resource = 1;
	st->conds = ARENA_ARRAY(model_arena(m), cond, 2);
	st->n_conds = 2;
	st->conds[0].op = model_intern(m, "StringNotEqualsIfExists");
	st->conds[0].key = model_intern(m, org ? "aws:PrincipalOrgID" : "aws:PrincipalAccount");
	st->conds[0].values = strs(m, 1);
	st->conds[0].values[0] = model_intern(m, org ? org : r->account);
	st->conds[0].n_values = 1;
	st->conds[1].op = model_intern(m, "BoolIfExists");
	st->conds[1].key = model_intern(m, "aws:PrincipalIsAWSService");
	st->conds[1].values = strs(m, 1);
	st->conds[1].values[0] = model_intern(m, "false");
	st->conds[1].n_values = 1;
	strbuf_release(&sb);
	return pol;
}

/* --- the condition, on its own (aws_cond) --------------------------------- */

typedef struct probe_ctx {
	const char *org, *account, *is_service;     /* NULL: absent */
} probe_ctx;

static void probe_lookup(void *ctx, const char *key, cond_key_value *out)
{
	const probe_ctx *p = ctx;
	static const char *one[1];
	const char *v = !strcasecmp(key, "aws:PrincipalOrgID") ? p->org :
			!strcasecmp(key, "aws:PrincipalAccount") ? p->account :
			!strcasecmp(key, "aws:PrincipalIsAWSService") ? p->is_service : NULL;

	out->state = v ? CK_PRESENT : CK_ABSENT;
	if (v) {
		one[0] = v;
		out->values = one;
		out->n_values = 1;
	}
}

static tri cond_holds(const stmt *st, const probe_ctx *p)
{
	aws_cond_test t[4];
	size_t i;

	for (i = 0; i < st->n_conds && i < 4; i++) {
		t[i].op = st->conds[i].op;
		t[i].key = st->conds[i].key;
		t[i].values = st->conds[i].values;
		t[i].n_values = st->conds[i].n_values;
	}
	return aws_cond_eval_all(t, i, probe_lookup, (void *)p);
}

static void check_condition(const stmt *st, const resource *r, const char *org, suggestion *s)
{
	probe_ctx out = { PROBE_ORG, PROBE_ACCOUNT, "false" }, in = { org, r->account, "false" },
		  svc = { NULL, NULL, "true" };

	if (cond_holds(st, &out) != TRI_TRUE)
		sug_fail(s, "its condition does not hold for a caller outside the %s", org ? "organization" : "account");
	if (cond_holds(st, &in) != TRI_FALSE)
		sug_fail(s, "its condition holds for a caller inside the %s", org ? "organization" : "account");
	if (cond_holds(st, &svc) != TRI_FALSE)
		sug_fail(s, "its condition holds for an AWS service");
}

/* --- decisions before and after ---------------------------------------------- */

typedef struct greq {
	const gnode *who;
	const principal *p;         /* NULL: an outside caller named by who->id */
	const char *action, *arn;
	decision before, after;
	tri guard;                  /* after: does the guard apply (TRI_UNKNOWN: may) */
} greq;

static int outside_type(const gnode *n)
{
	return n->type && (!strcmp(n->type, "service") || !strcmp(n->type, "federated") ||
			   !strcmp(n->type, "canonical-user"));
}

/* Is the caller inside the perimeter: the store's account, or (org) an account the organization input places? */
static int inside(model *m, const gnode *n, const resource *r, const char *org)
{
	org_node *path[64];
	const principal *p = n->obj;

	if (!p || !p->account)
		return 0;
	if (r->account && !strcmp(p->account, r->account))
		return 1;
	return org && model_org_path(m, p->account, path, 64) > 1 && path[0]->kind == ORG_ROOT;
}

static void collect(model *m, const gnode *node, const resource *r, greq **out, size_t *n, size_t *cap)
{
	size_t i, j;

	for (i = 0; i < node->n_in; i++) {
		const gedge *e = node->in[i];
		const gnode *f = e->from;
		if (e->kind != GE_ACCESS || access_is_pseudo(f) || outside_type(f) || e->technique)
			continue;
		for (j = 0; j < e->n_actions; j++) {
			greq *q;
			if (!strcmp(e->actions[j], "*"))
				continue;
			XGROW(*out, *cap, *n + 1);
			q = &(*out)[(*n)++];
			memset(q, 0, sizeof(*q));
			q->who = f;
			q->p = f->obj && f->cloud && !strcmp(f->cloud, "aws") ? f->obj : NULL;
			q->action = e->actions[j];
			q->arn = sug_is_bucket(r) && sug_s3_object_action(q->action) ? sug_object_witness(m, r->arn) : r->arn;
		}
	}
}

/* Decide every request: before the guard (guard NULL), or after it, noting whether it applies. */
static void decide_all(model *m, greq *q, size_t n, const stmt *guard, size_t *count)
{
	eval_result er;
	size_t i, k;

	for (i = 0; i < n; i++) {
		decision d = sug_decide(m, q[i].p, q[i].p ? NULL : q[i].who->id, q[i].action, q[i].arn, &er);
		if (guard) {
			q[i].after = d;
			q[i].guard = TRI_FALSE;
			for (k = 0; k < er.n_reasons; k++)
				if (er.reasons[k].st == guard && er.reasons[k].match != TRI_FALSE)
					q[i].guard = er.reasons[k].match;
		} else {
			q[i].before = d;
		}
		aws_eval_result_release(&er);
		(*count)++;
	}
}

/* The guard must apply to an outside caller, for every action anyone has on r today. */
static void check_outside(model *m, const resource *r, const stmt *guard, const greq *q, size_t n, suggestion *s)
{
	principal probe;
	eval_result er;
	size_t i, k, bad = 0;
	const char *arn = r->arn;

	memset(&probe, 0, sizeof(probe));
	probe.kind = PRIN_ROLE;
	probe.arn = model_intern(m, "arn:aws:iam::" PROBE_ACCOUNT ":role/permgraph-outside-probe");
	probe.account = model_intern(m, PROBE_ACCOUNT);
	for (i = 0; i < n || (!n && i == 0); i++) {
		const char *action = n ? q[i].action : guard->actions[0];
		int hit = 0;
		if (n)
			arn = q[i].arn;
		sug_decide(m, &probe, NULL, action, arn, &er);
		s->decisions++;
		for (k = 0; k < er.n_reasons; k++)
			if (er.reasons[k].st == guard && er.reasons[k].match != TRI_FALSE)
				hit = er.reasons[k].match == TRI_TRUE ? (er.dec == DEC_DENY ? 1 : -1) : 1;
		if (hit != 1 && bad++ < 5)
			sug_fail(s, "does not deny an outside caller %s on %s (%s)", sug_action_name(action), arn,
				 decision_name(er.dec));
		aws_eval_result_release(&er);
	}
}

int suggest_guard_verify(model *m, const graph *g, resource *r, const char *org, suggestion *s)
{
	const gnode *node = graph_find(g, r->arn);
	const stmt *guard = &s->doc->stmts[0];
	policy *was = r->policy, *both;
	int was_known = r->policy_known;
	greq *q = NULL;
	size_t n = 0, cap = 0, i, bad = 0;

	s->verified = 1;
	if (!check_perimeter_deny(guard, r))
		sug_fail(s, "scan would not take the statement for a perimeter Deny");
	check_condition(guard, r, org, s);
	if (node)
		collect(m, node, r, &q, &n, &cap);
	decide_all(m, q, n, NULL, &s->decisions);
	/* the store's policy with the statement added, for the checks only */
	both = model_new_policy(m, POL_RESOURCE, was && was->name ? was->name : r->arn);
	both->version = was && was->version ? was->version : s->doc->version;
	both->stmts = ARENA_ARRAY(model_arena(m), stmt, (was ? was->n_stmts : 0) + 1);
	for (i = 0; was && i < was->n_stmts; i++)
		both->stmts[both->n_stmts++] = was->stmts[i];
	both->stmts[both->n_stmts] = *guard;
	guard = &both->stmts[both->n_stmts++];
	r->policy = both;
	r->policy_known = 1;
	decide_all(m, q, n, guard, &s->decisions);
	check_outside(m, r, guard, q, n, s);
	r->policy = was;
	r->policy_known = was_known;
	for (i = 0; i < n; i++) {
		const char *action = sug_action_name(q[i].action);
		const char *why;
		if (!sug_allowed(q[i].before) || q[i].guard == TRI_FALSE)
			continue;
		if (inside(m, q[i].who, r, org)) {
			if (!sug_allowed(q[i].after) && bad++ < 5)
				sug_fail(s, "denies %s %s on %s, inside the %s", gnode_display_id(q[i].who), action, q[i].arn,
					 org ? "organization" : "account");
			continue;
		}
		if (!sug_allowed(q[i].after))
			why = org ? "outside the organization: denied by the guardrail" :
			      "outside the account: denied by the guardrail";
		else if (org)
			why = "denied by the guardrail if outside the organization (the inputs do not place its account)";
		else
			why = "denied by the guardrail if outside the account (the inputs do not say the caller's account)";
		sug_strs_add(&sug_removed_for(s, gnode_display_id(q[i].who), r->arn, why)->actions, action);
	}
	free(q);
	sug_finish(s);
	return 0;
}

int suggest_guardrails(model *m, const graph *g, const config *cfg, suggestion_list *out)
{
	const char *org = cfg->org_id ? cfg->org_id : model_org_id(m);
	resource **rs;
	size_t n, i;
	int err = 0;

	rs = model_resources(m, &n);
	for (i = 0; i < n && err >= 0; i++) {
		resource *r = rs[i];
		suggestion *s;
		if (!(r->classification & CLASS_SYNTHETIC) || !policy_service(r->service) || check_resource_guard(m, r))
			continue;
		if (!org && !r->account) {
			sug_strs_addf(&out->skipped, "%s: no guardrail suggested: neither its account nor an organization "
				      "is in the inputs or the config", r->arn);
			continue;
		}
		s = suggestion_new(out, SUG_AWS_GUARDRAIL, NULL);
		s->resource = xstrdup(r->arn);
		if (r->policy)
			sug_strs_add(&s->current, r->policy->name ? r->policy->name : r->arn);
		s->doc = guard_policy(m, r, org);
		if (!r->policy_known)
			sug_note(s, "the store's resource policy is not in the inputs: add the statement to it");
		else if (!r->policy)
			sug_note(s, "the store has no resource policy: the statement is the whole policy");
		else
			sug_note(s, "add the statement to the store's resource policy");
		err = suggest_guard_verify(m, g, r, org, s);
	}
	return err;
}
