/*
 * suggest_aws — what a principal needs on the stores of its own tenant, and
 * what each statement of its own identity policies keeps (suggest_aws.h).
 */
#include "suggest/suggest_aws.h"
#include "suggest/suggest_aws_internal.h"
#include "suggest/suggest_internal.h"
#include "suggest/suggest_verify.h"
#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* --- the replaced policies ---------------------------------------------------- */

static void add_cur(sa_ctx *c, policy *pol, const char *id)
{
	size_t i;

	if (!pol || ptrmap_get(&c->cur, pol))
		return;
	ptrmap_put(&c->cur, pol, pol);
	c->s->cur = xrealloc(c->s->cur, (c->s->n_cur + 1) * sizeof(*c->s->cur));
	c->s->cur[c->s->n_cur++] = pol;
	sug_strs_add(&c->s->current, id);
	for (i = 0; i < pol->n_stmts; i++) {
		c->stmts = xrealloc(c->stmts, (c->n_stmts + 1) * sizeof(*c->stmts));
		c->stmts[c->n_stmts] = &pol->stmts[i];
		ptrmap_put(&c->ord, &pol->stmts[i], (void *)(uintptr_t)(c->n_stmts + 1));
		c->n_stmts++;
	}
}

static void collect_cur(sa_ctx *c)
{
	const principal *p = c->p;
	strbuf id = STRBUF_INIT;
	size_t i;

	for (i = 0; i < p->n_managed_arns; i++)
		add_cur(c, model_find_managed(c->m, p->managed_arns[i]), p->managed_arns[i]);
	for (i = 0; i < p->n_inline; i++) {
		if (!p->inline_policies[i])
			continue;
		strbuf_reset(&id);
		strbuf_addf(&id, "inline:%s", p->inline_policies[i]->name ? p->inline_policies[i]->name : "?");
		add_cur(c, p->inline_policies[i], id.buf);
	}
	strbuf_release(&id);
}

/* --- what is needed ------------------------------------------------------------ */

static size_t ord_of(const sa_ctx *c, const stmt *st)
{
	return (size_t)(uintptr_t)ptrmap_get(&c->ord, st);
}

/* Does some replaced Allow statement name the action? (skips useless decisions) */
static int cur_covers(const sa_ctx *c, const char *action)
{
	size_t i;

	for (i = 0; i < c->n_stmts; i++)
		if (c->stmts[i]->effect == EFFECT_ALLOW && aws_eval_stmt_action(c->stmts[i], action))
			return 1;
	return 0;
}

static int stmt_has_pattern(const stmt *st, const char *pattern)
{
	size_t i;

	for (i = 0; !st->not_resource && i < st->n_resources; i++)
		if (!strcmp(st->resources[i], pattern))
			return 1;
	return 0;
}

/* Decide action on arn; every replaced Allow statement that grants it needs it
 * there. spec: the pattern the witness was made from (NULL: the generic one,
 * written as `generic`). */
static void attribute(sa_ctx *c, const char *action, const char *arn, const char *spec, const char *generic)
{
	eval_result er;
	long act = aws_catalog_find(action);
	size_t i;

	if (sug_decide(c->m, c->p, NULL, action, arn, &er) == DEC_IMPLICIT_DENY || !sug_allowed(er.dec)) {
		aws_eval_result_release(&er);
		return;
	}
	for (i = 0; i < er.n_reasons; i++) {
		const eval_reason *rs = &er.reasons[i];
		size_t o = ord_of(c, rs->st);
		sug_need need;
		if (rs->layer != LAYER_IDENTITY || rs->st->effect != EFFECT_ALLOW || rs->match == TRI_FALSE || !o)
			continue;
		if (spec && !stmt_has_pattern(rs->st, spec))
			continue;       /* a broader statement: its grant is the generic witness's */
		need.action = sug_action_name(action);
		need.arn = arn;
		need.pattern = spec ? spec : generic;
		need.dec = er.dec;
		need.from = rs->st;
		sug_add_need(c->s, &need);
		sa_items_add(&c->items, rs->st, o - 1, SA_PATTERN, model_intern_lower(c->m, action),
			     act < 0 ? SIZE_MAX : (size_t)act, need.pattern);
		if (act >= 0)
			action_set_add(&c->needed[o - 1], (size_t)act);
	}
	aws_eval_result_release(&er);
}

/* One action the principal has on store r today. */
static void need_on_store(sa_ctx *c, const resource *r, const char *action)
{
	strbuf prefix = STRBUF_INIT;
	const char *all;
	size_t i, j;

	if (!cur_covers(c, action))
		return;
	if (!sug_is_bucket(r) || !sug_s3_object_action(action)) {
		attribute(c, action, r->arn, NULL, r->arn);
		return;
	}
	strbuf_addf(&prefix, "%s/*", r->arn);
	all = model_intern(c->m, prefix.buf);
	prefix.buf[--prefix.len] = '\0';
	attribute(c, action, sug_object_witness(c->m, r->arn), NULL, all);
	/* statements that grant only some keys of the bucket keep their patterns */
	for (i = 0; i < c->n_stmts; i++)
		for (j = 0; !c->stmts[i]->not_resource && j < c->stmts[i]->n_resources; j++) {
			const char *pat = c->stmts[i]->resources[j];
			if (c->stmts[i]->effect == EFFECT_ALLOW && !strncmp(pat, prefix.buf, prefix.len) &&
			    strcmp(pat + prefix.len, "*"))
				attribute(c, action, sug_witness(c->m, pat), pat, NULL);
		}
	strbuf_release(&prefix);
}

static int own_node(const sa_ctx *c, const gnode *n)
{
	return sug_same_tenant(c->m, c->p->account, c->p->saas_tenant, n->account, n->tenant, n->kind == GN_PRINCIPAL);
}

static void collect_needs(sa_ctx *c, const gnode *node)
{
	unsigned kinds = 1u << GE_MEMBER_OF;
	access_list l;
	greach_set reach;
	size_t i, j;

	access_list_init(&l);
	access_of_kinds(c->g, node, kinds, &l);
	for (i = 0; i < l.count; i++) {
		const access_entry *e = &l.items[i];
		const resource *r = e->resource->obj;
		if (!r || !e->resource->cloud || strcmp(e->resource->cloud, "aws"))
			continue;
		for (j = 0; j < e->n_actions; j++) {
			long act = aws_catalog_find(e->actions[j]);
			if (act >= 0)
				action_set_add(&c->on_edges, (size_t)act);
			if (own_node(c, e->resource))
				need_on_store(c, r, e->actions[j]);
		}
	}
	access_list_release(&l);
	/* roles it assumes: sts:AssumeRole* on roles of its own tenant */
	greach_set_init(&reach);
	graph_reach_kinds(c->g, node, kinds, &reach);
	for (i = 0; i < reach.count; i++) {
		const gnode *from = reach.items[i].node;
		for (j = 0; j < from->n_out; j++) {
			const gedge *e = from->out[j];
			const principal *role = e->to->obj;
			long act;
			if (e->kind != GE_CAN_ASSUME || !role || e->n_actions != 1 || e->to->kind != GN_PRINCIPAL)
				continue;
			if ((act = aws_catalog_find(e->actions[0])) >= 0)
				action_set_add(&c->on_edges, (size_t)act);
			if (own_node(c, e->to) && cur_covers(c, e->actions[0]))
				attribute(c, e->actions[0], role->arn, NULL, role->arn);
		}
	}
	greach_set_release(&reach);
}

/* IAM's size quotas (characters without whitespace) and an empty result, said in notes. */
static void size_notes(sa_ctx *c)
{
	const policy *doc = c->s->doc;
	size_t i, allows = 0, chars = sa_policy_chars(doc), limit;
	int managed = 0;

	for (i = 0; i < c->s->n_cur; i++)
		managed |= c->s->cur[i]->managed;
	for (i = 0; i < doc->n_stmts; i++)
		allows += doc->stmts[i].effect == EFFECT_ALLOW;
	if (!allows)
		sug_note(c->s, "keeps no grant: nothing the replaced policies give is needed on the stores and roles "
			 "of its own tenant; detach them (or accept what is removed as a risk)");
	limit = managed ? 6144 : c->p->kind == PRIN_USER ? 2048 : c->p->kind == PRIN_GROUP ? 5120 : 10240;
	if (chars > limit)
		sug_note(c->s, "about %zu characters: above the %zu IAM allows for %s; split it into several "
			 "policies, or narrow it with usage data", chars, limit,
			 managed ? "a managed policy" : "the inline policies of one principal");
}

static void store_services(model *m, const graph *g, ptrmap *out)
{
	gnode *const *nodes;
	size_t n, i;

	nodes = graph_nodes(g, &n);
	for (i = 0; i < n; i++) {
		const resource *r = nodes[i]->obj;
		if (nodes[i]->kind == GN_RESOURCE && r && nodes[i]->cloud && !strcmp(nodes[i]->cloud, "aws") &&
		    r->service)
			ptrmap_put(out, model_intern_lower(m, r->service), (void *)r);
	}
}

static suggestion *build(model *m, const graph *g, const ptrmap *svc, const principal *p, suggestion_list *out,
			 int *changed)
{
	sa_ctx c;
	strbuf name = STRBUF_INIT;
	const gnode *node;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.m = m;
	c.g = g;
	c.p = p;
	c.store_svc = svc;
	c.s = suggestion_new(out, SUG_AWS_IDENTITY, p->arn);
	collect_cur(&c);
	if (!c.s->n_cur) {
		out->count--;
		suggestion_free(c.s);
		ptrmap_release(&c.cur);
		ptrmap_release(&c.ord);
		return NULL;
	}
	c.needed = xcalloc(c.n_stmts + 1, sizeof(*c.needed));
	for (i = 0; i < c.n_stmts; i++)
		action_set_init(&c.needed[i]);
	action_set_init(&c.on_edges);
	if ((node = graph_find(g, p->arn)) != NULL)
		collect_needs(&c, node);
	for (i = 0; i < c.n_stmts; i++)
		sa_keep_statement(&c, i);
	sa_pattern_changes(&c);
	strbuf_addf(&name, "%s-least-privilege", p->name ? p->name : "principal");
	c.s->doc = sa_write_policy(m, name.buf, c.stmts, c.n_stmts, &c.items);
	size_notes(&c);
	*changed = c.changed;
	for (i = 0; i < c.n_stmts; i++)
		action_set_release(&c.needed[i]);
	free(c.needed);
	action_set_release(&c.on_edges);
	free(c.items.items);
	free(c.stmts);
	ptrmap_release(&c.cur);
	ptrmap_release(&c.ord);
	strbuf_release(&name);
	return c.s;
}

suggestion *suggest_aws_build(model *m, const graph *g, const principal *p, suggestion_list *out, int *changed)
{
	ptrmap svc = PTRMAP_INIT;
	suggestion *s;

	store_services(m, g, &svc);
	s = build(m, g, &svc, p, out, changed);
	ptrmap_release(&svc);
	return s;
}

/* The accepted risk covering p's wildcards, or NULL. */
static const config_suppression *accepted(const model *m, const config *cfg, const principal *p, int today)
{
	const config_suppression *sup = config_suppressed(cfg, "PG-WILDCARD-ACTION", p->arn, NULL, today);
	size_t i;

	for (i = 0; !sup && i < p->n_managed_arns; i++)
		sup = config_suppressed(cfg, "PG-WILDCARD-ACTION", NULL, p->managed_arns[i], today);
	(void)m;
	return sup;
}

int suggest_aws_identity(model *m, const graph *g, const access_list *access, const config *cfg,
			 const suggest_options *o, suggestion_list *out)
{
	ptrmap reaches = PTRMAP_INIT, svc = PTRMAP_INIT;
	principal **ps;
	size_t n, i;
	int err = 0, changed;

	for (i = 0; i < access->count; i++)
		if (access->items[i].resource->classification & CLASS_SYNTHETIC)
			ptrmap_put(&reaches, access->items[i].principal, (void *)access->items[i].principal);
	store_services(m, g, &svc);
	ps = model_principals(m, &n);
	for (i = 0; i < n && err >= 0; i++) {
		const principal *p = ps[i];
		const gnode *node = graph_find(g, p->arn);
		suggestion *s;
		if (p->kind != PRIN_USER && p->kind != PRIN_GROUP && p->kind != PRIN_ROLE)
			continue;
		if (o->principal ? strcmp(o->principal, p->arn) != 0 : (!node || !ptrmap_get(&reaches, node)))
			continue;
		if (p->kind == PRIN_ROLE && strstr(p->arn, ":role/aws-service-role/")) {
			sug_strs_addf(&out->skipped, "%s: a service-linked role, whose policies AWS manages", p->arn);
			continue;
		}
		if (accepted(m, cfg, p, o->today)) {
			sug_strs_addf(&out->skipped, "%s: its wildcard is an accepted risk (a suppression of "
				      "PG-WILDCARD-ACTION in the config)", p->arn);
			continue;
		}
		if (!(s = build(m, g, &svc, p, out, &changed)))
			continue;
		err = suggest_verify_aws(m, g, p, s);
		if (err >= 0 && !changed && !s->n_removed && s->verified) {
			/* already least-privilege: nothing to suggest */
			out->count--;
			suggestion_free(s);
			out->unchanged++;
		}
	}
	ptrmap_release(&reaches);
	ptrmap_release(&svc);
	return err < 0 ? err : 0;
}
