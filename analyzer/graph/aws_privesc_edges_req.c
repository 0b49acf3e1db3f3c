/*
 * aws_privesc_edges_req — decisions for the escalation builder: one actor's
 * Allow statements grouped by required action (a cheap, conservative filter
 * before aws_eval), its decision cache, the shortcut for IAM actions whose
 * decision cannot depend on the ARN, and the roles each service principal may
 * assume.
 */
#include "graph/aws_privesc_edges_internal.h"
#include "base/strci.h"
#include "base/xalloc.h"
#include "eval/arn.h"
#include "eval/policyvar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void pe_ctx_init(pe_ctx *c, graph *g, model *m, diag_list *warn)
{
	size_t i, j, k, cap = 0;

	memset(c, 0, sizeof(*c));
	c->g = g;
	c->m = m;
	c->warn = warn;
	c->ps = model_principals(m, &c->n_ps);
	arena_init(&c->mem);
	ptrmap_init(&c->named);
	ptrmap_init(&c->nodes);
	ptrmap_init(&c->admins);
	ptrmap_init(&c->made);
	ptrmap_init(&c->action_ix);
	arena_init(&c->amem);
	intern_init(&c->keys);
	ptrmap_init(&c->cache);
	strbuf_init(&c->sb);
	/* one index per action name, whichever technique spells it */
	for (i = 0; i < aws_privesc_count(); i++) {
		const aws_privesc_technique *t = aws_privesc_get(i);
		for (j = 0; j < t->n_required; j++) {
			const char *a = t->required[j].action;
			for (k = 0; k < c->n_actions && strci_cmp(c->actions[k], a); k++)
				;
			if (k == c->n_actions) {
				XGROW(c->actions, cap, c->n_actions + 1);
				c->actions[c->n_actions++] = a;
			}
			ptrmap_put(&c->action_ix, a, (void *)(uintptr_t)(k + 1));
		}
	}
	c->stmt_start = xcalloc(c->n_actions + 1, sizeof(*c->stmt_start));
	c->fixed = xcalloc(c->n_actions, 1);
	c->fixed_dec = xcalloc(c->n_actions, sizeof(*c->fixed_dec));
}

void pe_ctx_release(pe_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n_sps; i++) {
		ptrmap_release(&c->sps[i].roles);
		free(c->sps[i].list);
	}
	ptrmap_release(&c->named);
	ptrmap_release(&c->nodes);
	ptrmap_release(&c->admins);
	ptrmap_release(&c->made);
	arena_release(&c->mem);
	free(c->actions);
	free(c->stmts);
	free(c->stmt_start);
	free(c->fixed);
	free(c->fixed_dec);
	ptrmap_release(&c->action_ix);
	ptrmap_release(&c->cache);
	intern_release(&c->keys);
	arena_release(&c->amem);
	strbuf_release(&c->sb);
}

size_t pe_action(const pe_ctx *c, const char *action)
{
	return (size_t)(uintptr_t)ptrmap_get(&c->action_ix, action) - 1;
}

void pe_actor(pe_ctx *c, const principal *actor)
{
	const principal *p = actor;
	const char *colon;
	size_t a, i, j, n;

	ptrmap_release(&c->cache);
	intern_release(&c->keys);
	arena_release(&c->amem);
	ptrmap_release(&c->made);
	ptrmap_init(&c->cache);
	intern_init(&c->keys);
	arena_init(&c->amem);
	ptrmap_init(&c->made);
	memset(c->fixed, 0, c->n_actions);
	memset(c->fixed_dec, 0, c->n_actions * sizeof(*c->fixed_dec));
	c->actor = actor;
	c->actor_node = NULL;
	/* arn:PARTITION:… */
	colon = strncmp(p->arn, "arn:", 4) ? NULL : strchr(p->arn + 4, ':');
	n = colon ? (size_t)(colon - p->arn - 4) : 0;
	if (!n || n >= sizeof(c->partition))
		snprintf(c->partition, sizeof(c->partition), "aws");
	else
		snprintf(c->partition, sizeof(c->partition), "%.*s", (int)n, p->arn + 4);

	c->n_stmts = 0;
	for (a = 0; a < c->n_actions; a++) {
		c->stmt_start[a] = c->n_stmts;
		for (i = 0; i < p->n_policies; i++)
			for (j = 0; j < p->policies[i]->n_stmts; j++) {
				const stmt *s = &p->policies[i]->stmts[j];
				if (s->effect != EFFECT_ALLOW || !aws_eval_stmt_action(s, c->actions[a]))
					continue;
				XGROW(c->stmts, c->cap_stmts, c->n_stmts + 1);
				c->stmts[c->n_stmts++] = s;
			}
	}
	c->stmt_start[c->n_actions] = c->n_stmts;
}

int pe_has_allow(const pe_ctx *c, size_t ai)
{
	return c->stmt_start[ai + 1] > c->stmt_start[ai];
}

int pe_uses_vars(const stmt *s, const char *pattern)
{
	return s->policy && s->policy->version && !strcmp(s->policy->version, "2012-10-17") &&
	       policyvar_has_vars(pattern);
}

int pe_may_cover(const pe_ctx *c, size_t ai, const char *arn)
{
	size_t i, j;

	for (i = c->stmt_start[ai]; i < c->stmt_start[ai + 1]; i++) {
		const stmt *s = c->stmts[i];
		int any = 0, vars = 0;
		if (!s->has_resource)
			return 1;
		for (j = 0; j < s->n_resources && !any; j++) {
			/* a policy variable may expand to anything: let aws_eval settle it */
			if (pe_uses_vars(s, s->resources[j]))
				vars = 1;
			else
				any = arn_match(s->resources[j], arn);
		}
		if (vars || (s->not_resource ? !any : any))
			return 1;
	}
	return 0;
}

/* --- decisions ------------------------------------------------------------ */

/* The statement that grants: an identity Allow first, then any other Allow. */
static pg_loc allow_loc(const eval_result *r)
{
	pg_loc none = { NULL, 0, 0 };
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < r->n_reasons; i++) {
			const eval_reason *e = &r->reasons[i];
			if (e->st->effect == EFFECT_ALLOW && (pass || e->layer == LAYER_IDENTITY))
				return e->st->loc;
		}
	return none;
}

const pe_decided *pe_decide(pe_ctx *c, const char *action, const char *res, const char *passed_to)
{
	const char *key;
	pe_decided *d;
	aws_request rq;
	eval_result r;
	size_t i;

	strbuf_reset(&c->sb);
	strbuf_addf(&c->sb, "%s\x1f%s\x1f%s", action, res, passed_to ? passed_to : "");
	key = intern(&c->keys, c->sb.buf);
	d = ptrmap_get(&c->cache, key);
	if (d) {
		c->st.cache_hits++;
		return d;
	}
	d = ARENA_NEW(&c->amem, pe_decided);
	memset(d, 0, sizeof(*d));
	memset(&rq, 0, sizeof(rq));
	rq.principal = c->actor;
	rq.action = action;
	rq.resource_arn = res;
	rq.passed_to_service = passed_to;
	aws_eval_result_init(&r);
	c->st.evaluations++;
	if (aws_eval(c->m, &rq, &r) < 0) {
		c->err = PG_EINTERNAL;
		d->dec = DEC_IMPLICIT_DENY;
	} else {
		d->dec = r.dec;
		d->loc = allow_loc(&r);
		if (r.n_conditions) {
			d->conditions = ARENA_ARRAY(&c->amem, const char *, r.n_conditions);
			for (i = 0; i < r.n_conditions; i++)
				d->conditions[i] = arena_strdup(&c->amem, r.conditions[i]);
			d->n_conditions = r.n_conditions;
		}
	}
	aws_eval_result_release(&r);
	ptrmap_put(&c->cache, key, d);
	return d;
}

/* Does any statement of p that may apply to action depend on the resource or
 * a condition? (Resource other than exactly "*", NotResource, Condition) */
static int varies(const policy *p, const char *action)
{
	size_t i;

	for (i = 0; p && i < p->n_stmts; i++) {
		const stmt *s = &p->stmts[i];
		if (aws_eval_stmt_action(s, action) &&
		    (!s->has_resource || s->not_resource || s->n_resources != 1 || strcmp(s->resources[0], "*") ||
		     s->n_conds))
			return 1;
	}
	return 0;
}

/* One decision for action on every IAM ARN of the actor's account? Its
 * identity policies, boundary and SCPs decide it alone (IAM resources have no
 * resource policy), so it is one when none of their statements varies. */
static int one_for_all(pe_ctx *c, size_t ai)
{
	const principal *p = c->actor;
	org_node *path[64];
	size_t i, j, n;

	if (c->fixed[ai])
		return c->fixed[ai] == 1;
	c->fixed[ai] = 2;
	if (p->boundary_arn && !p->boundary)
		return 0;
	if (varies(p->boundary, c->actions[ai]))
		return 0;
	for (i = 0; i < p->n_policies; i++)
		if (varies(p->policies[i], c->actions[ai]))
			return 0;
	n = p->account ? model_org_path(c->m, p->account, path, 64) : 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < path[i]->n_scps; j++)
			if (varies(path[i]->scps[j], c->actions[ai]))
				return 0;
	c->fixed[ai] = 1;
	return 1;
}

const pe_decided *pe_decide_iam(pe_ctx *c, const char *action, const char *arn, const char *passed_to)
{
	size_t ai = pe_action(c, action);

	if (!one_for_all(c, ai))
		return pe_decide(c, action, arn, passed_to);
	if (c->fixed_dec[ai]) {
		c->st.cache_hits++;
		return c->fixed_dec[ai];
	}
	return c->fixed_dec[ai] = pe_decide(c, action, arn, passed_to);
}

/* --- trust by service principals ------------------------------------------------ */

static int trust_may_name(const principal *role, const char *sp)
{
	size_t i, j;

	if (!role->trust)
		return 1;       /* not in the inputs: aws_eval makes it conditional */
	for (i = 0; i < role->trust->n_stmts; i++) {
		const stmt *s = &role->trust->stmts[i];
		if (s->effect != EFFECT_ALLOW || !aws_eval_stmt_action(s, "sts:assumerole"))
			continue;
		if (s->not_principal)
			return 1;
		for (j = 0; j < s->n_principals; j++) {
			const pspec *ps = &s->principals[j];
			if (ps->kind == PSPEC_STAR || (ps->kind == PSPEC_AWS && !strcmp(ps->value, "*")) ||
			    (ps->kind == PSPEC_SERVICE && !strcmp(ps->value, sp)))
				return 1;
		}
	}
	return 0;
}

pe_sp_roles *pe_service_roles(pe_ctx *c, const char *sp)
{
	pe_sp_roles *s;
	size_t i, j;

	for (i = 0; i < c->n_sps; i++)
		if (!strcmp(c->sps[i].sp, sp))
			return &c->sps[i];
	if (c->n_sps == PE_MAX_SP)
		return NULL;
	s = &c->sps[c->n_sps++];
	memset(s, 0, sizeof(*s));
	s->sp = sp;
	ptrmap_init(&s->roles);
	for (i = 0; i < c->n_by_kind[PRIN_ROLE]; i++) {
		const principal *r = c->by_kind[PRIN_ROLE][i];
		aws_request rq;
		eval_result er;
		if (!trust_may_name(r, sp))
			continue;
		memset(&rq, 0, sizeof(rq));
		rq.principal_arn = sp;
		rq.action = "sts:AssumeRole";
		rq.resource_arn = r->arn;
		aws_eval_result_init(&er);
		c->st.evaluations++;
		if (aws_eval(c->m, &rq, &er) < 0) {
			c->err = PG_EINTERNAL;
		} else if (er.dec == DEC_ALLOW || er.dec == DEC_CONDITIONAL) {
			pe_trust *t = ARENA_NEW(&c->mem, pe_trust);
			t->dec = er.dec;
			t->n_conditions = er.n_conditions;
			t->conditions = er.n_conditions ? ARENA_ARRAY(&c->mem, const char *, er.n_conditions) : NULL;
			for (j = 0; j < er.n_conditions; j++)
				t->conditions[j] = arena_strdup(&c->mem, er.conditions[j]);
			ptrmap_put(&s->roles, r, t);
			XGROW(s->list, s->cap, s->n + 1);
			s->list[s->n++] = r;
		}
		aws_eval_result_release(&er);
	}
	return s;
}
