/* suggest_verify — re-evaluate an AWS identity suggestion (suggest_verify.h). */
#include "suggest/suggest_verify.h"
#include "suggest/suggest_internal.h"
#include "base/ptrmap.h"
#include "base/xalloc.h"
#include "eval/arn.h"
#include "graph/access.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LISTED 10

typedef struct vctx {
	model *m;
	const graph *g;
	const principal *orig;
	principal alt;                  /* orig with the suggestion instead of the replaced policies */
	suggestion *s;
	size_t failures;
	int err;
} vctx;

static decision decide(vctx *c, const principal *who, const char *action, const char *arn)
{
	eval_result er;
	decision d;

	if (aws_eval_allows(c->m, who, NULL, action, arn, &er) < 0)
		c->err = PG_EINTERNAL;
	d = er.dec;
	aws_eval_result_release(&er);
	c->s->decisions++;
	return d;
}

static void fail(vctx *c, const char *what, const char *action, const char *arn, decision want, decision got)
{
	if (++c->failures <= MAX_LISTED)
		sug_fail(c->s, "%s %s on %s: %s today, %s with the suggestion", what, action, arn, decision_name(want),
			 decision_name(got));
	else
		c->s->verified = 0;
}

static void make_alt(vctx *c)
{
	ptrmap repl = PTRMAP_INIT;
	size_t i, n = 0;
	policy **pols = xcalloc(c->orig->n_policies + 1, sizeof(*pols));

	for (i = 0; i < c->s->n_cur; i++)
		ptrmap_put(&repl, c->s->cur[i], c->s->cur[i]);
	for (i = 0; i < c->orig->n_policies; i++)
		if (!ptrmap_get(&repl, c->orig->policies[i]))
			pols[n++] = c->orig->policies[i];
	pols[n++] = c->s->doc;
	c->alt = *c->orig;
	c->alt.policies = pols;
	c->alt.n_policies = n;
	ptrmap_release(&repl);
}

/* (a) every need still allowed */
static void check_needs(vctx *c)
{
	size_t i;

	for (i = 0; i < c->s->n_needs; i++) {
		const sug_need *n = &c->s->needs[i];
		decision d = decide(c, &c->alt, n->action, n->arn);
		if (n->dec == DEC_ALLOW ? d != DEC_ALLOW : !sug_allowed(d))
			fail(c, "drops needed", n->action, n->arn, n->dec, d);
	}
}

static int same_service(const char *action, const char *arn)
{
	const char *colon = strchr(action, ':');
	size_t n = colon ? (size_t)(colon - action) : 0;

	/* arn:PARTITION:SERVICE:... */
	const char *svc = strncmp(arn, "arn:", 4) ? NULL : strchr(arn + 4, ':');
	return !svc || !n || (!strncasecmp(svc + 1, action, n) && svc[1 + n] == ':');
}

/* (b) nothing beyond the original: one action on one probe */
static void check_more(vctx *c, const char *action, const char *arn)
{
	decision nd = decide(c, &c->alt, action, arn), od;

	if (!sug_allowed(nd))
		return;
	od = decide(c, c->orig, action, arn);
	if (!sug_allowed(od) || (nd == DEC_ALLOW && od != DEC_ALLOW))
		fail(c, "grants more:", action, arn, od, nd);
}

/* May statement st apply to arn? (policy variables: maybe) */
static int stmt_may_reach(const stmt *st, const char *arn)
{
	size_t j;

	if (st->not_resource || !st->has_resource)
		return 1;
	for (j = 0; j < st->n_resources; j++)
		if (strstr(st->resources[j], "${") || arn_match(st->resources[j], arn))
			return 1;
	return 0;
}

/* May an Allow statement of doc apply to arn? (a store no pattern matches cannot gain access) */
static int may_reach(const policy *doc, const char *arn)
{
	size_t i;

	for (i = 0; i < doc->n_stmts; i++)
		if (doc->stmts[i].effect == EFFECT_ALLOW && stmt_may_reach(&doc->stmts[i], arn))
			return 1;
	return 0;
}

static void add_probe(ptrmap *seen, const char ***arr, size_t *n, const char *arn)
{
	if (ptrmap_get(seen, arn))
		return;
	ptrmap_put(seen, arn, (void *)arn);
	(*arr)[(*n)++] = arn;
}

static void check_nothing_more(vctx *c)
{
	const policy *doc = c->s->doc;
	gnode *const *nodes;
	ptrmap seen = PTRMAP_INIT;
	const char **probes = NULL, **own = NULL;
	size_t n_nodes, n_probes = 0, n_own = 0, i, j, k;

	/* every classified store the suggestion's Allow statements may reach (a bucket and
	 * one of its objects), then a witness of each pattern written */
	nodes = graph_nodes(c->g, &n_nodes);
	probes = xcalloc(2 * n_nodes + 1, sizeof(*probes));
	for (i = 0; i < n_nodes; i++) {
		const resource *r = nodes[i]->obj;
		const char *obj;
		if (nodes[i]->kind != GN_RESOURCE || !r || !nodes[i]->cloud || strcmp(nodes[i]->cloud, "aws"))
			continue;
		if (may_reach(doc, r->arn))
			add_probe(&seen, &probes, &n_probes, r->arn);
		if (sug_is_bucket(r) && may_reach(doc, (obj = sug_object_witness(c->m, r->arn))))
			add_probe(&seen, &probes, &n_probes, obj);
	}
	for (i = 0; i < doc->n_stmts; i++)
		if (doc->stmts[i].effect == EFFECT_ALLOW && !doc->stmts[i].not_resource)
			n_own += doc->stmts[i].n_resources;
	own = xcalloc(n_own + 1, sizeof(*own));
	for (i = 0, n_own = 0; i < doc->n_stmts; i++)
		for (j = 0; doc->stmts[i].effect == EFFECT_ALLOW && !doc->stmts[i].not_resource &&
			    j < doc->stmts[i].n_resources; j++)
			add_probe(&seen, &own, &n_own, sug_witness(c->m, doc->stmts[i].resources[j]));
	/* only where a statement of the suggestion may apply: elsewhere the copy has
	 * nothing the original lacks (the policies it keeps, the Denies copied) */
	for (i = 0; i < doc->n_stmts && !c->err; i++) {
		const stmt *st = &doc->stmts[i];
		if (st->effect != EFFECT_ALLOW)
			continue;
		for (j = 0; j < st->n_actions; j++) {
			const char *action = sug_action_name(st->actions[j]);
			for (k = 0; k < n_probes; k++)
				if (same_service(action, probes[k]) && stmt_may_reach(st, probes[k]))
					check_more(c, action, probes[k]);
			for (k = 0; k < n_own; k++)
				if (stmt_may_reach(st, own[k]))
					check_more(c, action, own[k]);
		}
	}
	ptrmap_release(&seen);
	free(probes);
	free(own);
}

/* (c) what the principal has today and the copy no longer has */
static int needed(const vctx *c, const char *action, const char *arn)
{
	size_t i, n = strlen(arn);

	for (i = 0; i < c->s->n_needs; i++)
		if (!strcmp(c->s->needs[i].action, action) && !strncmp(c->s->needs[i].arn, arn, n) &&
		    (c->s->needs[i].arn[n] == '\0' || c->s->needs[i].arn[n] == '/'))
			return 1;
	return 0;
}

static const char *why_removed(const vctx *c, const gnode *n)
{
	if (c->orig->saas_tenant && n->tenant && strcmp(c->orig->saas_tenant, n->tenant))
		return "a store of another tenant";
	if (!sug_same_tenant(c->m, c->orig->account, c->orig->saas_tenant, n->account, n->tenant, n->kind == GN_PRINCIPAL))
		return n->kind == GN_PRINCIPAL ? "a role of another account" : "a store of another account";
	return "not needed: no replaced statement grants it on this store today";
}

static void removed_one(vctx *c, const gnode *n, const char *id, const char *action, const char *arn)
{
	const char *name = sug_action_name(action);

	if (!strcmp(action, "*") || needed(c, name, id))
		return;
	if (sug_allowed(decide(c, c->orig, name, arn)) && !sug_allowed(decide(c, &c->alt, name, arn)))
		sug_strs_add(&sug_removed_for(c->s, NULL, id, why_removed(c, n))->actions, name);
}

static void list_removed(vctx *c)
{
	const gnode *node = graph_find(c->g, c->orig->arn);
	unsigned kinds = 1u << GE_MEMBER_OF;
	access_list l;
	greach_set reach;
	size_t i, j;

	if (!node)
		return;
	access_list_init(&l);
	access_of_kinds(c->g, node, kinds, &l);
	for (i = 0; i < l.count && !c->err; i++) {
		const access_entry *e = &l.items[i];
		const resource *r = e->resource->obj;
		if (!r || !e->resource->cloud || strcmp(e->resource->cloud, "aws"))
			continue;
		for (j = 0; j < e->n_actions; j++)
			removed_one(c, e->resource, r->arn, e->actions[j],
				    sug_is_bucket(r) && sug_s3_object_action(e->actions[j]) ?
				    sug_object_witness(c->m, r->arn) : r->arn);
	}
	access_list_release(&l);
	greach_set_init(&reach);
	graph_reach_kinds(c->g, node, kinds, &reach);
	for (i = 0; i < reach.count; i++)
		for (j = 0; j < reach.items[i].node->n_out; j++) {
			const gedge *e = reach.items[i].node->out[j];
			const principal *role = e->to->obj;
			if (e->kind == GE_CAN_ASSUME && role && e->n_actions == 1 && e->to->kind == GN_PRINCIPAL)
				removed_one(c, e->to, role->arn, e->actions[0], role->arn);
		}
	greach_set_release(&reach);
}

int suggest_verify_aws(model *m, const graph *g, const principal *p, suggestion *s)
{
	vctx c;

	memset(&c, 0, sizeof(c));
	c.m = m;
	c.g = g;
	c.orig = p;
	c.s = s;
	if (!s->doc) {
		sug_fail(s, "no suggested policy");
		return 0;
	}
	s->verified = 1;
	make_alt(&c);
	check_needs(&c);
	check_nothing_more(&c);
	list_removed(&c);
	if (c.failures > MAX_LISTED)
		sug_fail(s, "... and %zu more problem(s)", c.failures - MAX_LISTED);
	if (c.err) {
		s->verified = 0;
		sug_fail(s, "an evaluation failed (internal error)");
	}
	sug_finish(s);
	free(c.alt.policies);
	return c.err;
}
