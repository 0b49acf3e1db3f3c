/*
 * aws_privesc_edges — the build: every IAM user and role against every
 * technique (aws_privesc_edges_targets.c), and the nodes and edges that come
 * of it.
 *
 * One edge per actor and target by default: the graph needs one way from an
 * actor to a principal, and an actor allowed `iam:*` would otherwise get some
 * seven edges to every role of its account (iam-012, -014, -016, -017, -019,
 * -020, -021). The edge kept names the best technique: certain over
 * conditional, then the fewest required actions, then catalogue order; a
 * technique is not even decided for a target a better one already reaches.
 * AWS_PRIVESC_EDGES_EVERY_TECHNIQUE keeps one edge per technique instead.
 */
#include "graph/aws_graph.h"
#include "graph/aws_privesc_edges_internal.h"
#include "base/strci.h"
#include "base/strlist.h"
#include "base/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* --- what an edge rests on ------------------------------------------------------ */

void pe_acc_init(pe_acc *e)
{
	memset(e, 0, sizeof(*e));
	e->dec = DEC_ALLOW;
}

void pe_acc_release(pe_acc *e)
{
	strlist_release(&e->conds, &e->n_conds, &e->cap_conds);
}

void pe_acc_conds(pe_acc *e, const char *const *conds, size_t n)
{
	size_t i;

	e->dec = DEC_CONDITIONAL;
	for (i = 0; i < n; i++)
		strlist_add(&e->conds, &e->n_conds, &e->cap_conds, xstrdup(conds[i]));
}

void pe_acc_all(pe_acc *e, const pe_decided *const *dd, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dd[i]->dec == DEC_CONDITIONAL)
			pe_acc_conds(e, dd[i]->conditions, dd[i]->n_conditions);
	e->loc = dd[0]->loc;
}

void pe_acc_condf(pe_acc *e, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	e->dec = DEC_CONDITIONAL;
	strlist_add(&e->conds, &e->n_conds, &e->cap_conds, strbuf_detach(&sb, NULL));
}

/* --- nodes and edges ------------------------------------------------------------- */

gnode *pe_principal_node(pe_ctx *c, const principal *p)
{
	gnode *n = ptrmap_get(&c->nodes, p);

	if (n)
		return n;
	/* the principal builder may have been first: only what it left empty is filled */
	n = aws_graph_node_of_principal(c->g, p);
	ptrmap_put(&c->nodes, p, n);
	return n;
}

gnode *pe_admin_node(pe_ctx *c, const char *account)
{
	gnode *n = ptrmap_get(&c->admins, account);

	if (n)
		return n;
	strbuf_reset(&c->sb);
	strbuf_addf(&c->sb, "arn:%s:iam::%s:permgraph/administrator", c->partition, account);
	n = graph_add_node(c->g, GN_PRINCIPAL, c->sb.buf);
	ptrmap_put(&c->admins, account, n);
	if (!n->type) {
		n->type = "administrator";
		strbuf_reset(&c->sb);
		strbuf_addf(&c->sb, "administrator of %s", account);
		n->name = graph_strdup(c->g, c->sb.buf);
		n->cloud = "aws";
		n->account = account;
	}
	return n;
}

gnode *pe_admin_find(pe_ctx *c, const char *account)
{
	return ptrmap_get(&c->admins, account);
}

static int better(decision dec, size_t n_req, const gedge *old)
{
	if (dec != old->dec)
		return dec == DEC_ALLOW;
	return n_req < old->n_actions;
}

int pe_dominated(const pe_ctx *c, const void *key, const aws_privesc_technique *t)
{
	const gedge *old = key && !(c->flags & AWS_PRIVESC_EDGES_EVERY_TECHNIQUE) ? ptrmap_get(&c->made, key) : NULL;

	return old && old->dec == DEC_ALLOW && old->n_actions <= t->n_required;
}

static void set_edge(pe_ctx *c, gedge *ed, size_t ti, pe_acc *e)
{
	const aws_privesc_technique *t = aws_privesc_get(ti);

	ed->technique = t->id;
	ed->actions = c->tech_actions[ti];
	ed->n_actions = t->n_required;
	ed->dec = e->dec;
	ed->loc = e->loc;
	ed->conditions = NULL;
	ed->n_conditions = 0;
	if (e->n_conds) {
		strlist_sort(e->conds, e->n_conds);
		ed->conditions = graph_strings(c->g, (const char *const *)e->conds, e->n_conds);
		ed->n_conditions = e->n_conds;
	}
}

void pe_emit(pe_ctx *c, gnode *to, const void *key, size_t ti, pe_acc *e)
{
	gedge *ed = (c->flags & AWS_PRIVESC_EDGES_EVERY_TECHNIQUE) ? NULL : ptrmap_get(&c->made, key);

	if (ed) {
		if (!better(e->dec, aws_privesc_get(ti)->n_required, ed))
			return;
		c->st.conditional_edges -= ed->dec == DEC_CONDITIONAL;
	} else {
		if (!c->actor_node)
			c->actor_node = pe_principal_node(c, c->actor);
		ed = graph_add_edge(c->g, GE_CAN_ACT_AS, c->actor_node, to);
		ptrmap_put(&c->made, key, ed);
		c->st.edges++;
	}
	set_edge(c, ed, ti, e);
	c->st.conditional_edges += e->dec == DEC_CONDITIONAL;
}

/* --- the build ---------------------------------------------------------------------- */

int pe_is_action(const char *a, const char *name)
{
	return !strci_cmp(a, name);
}

int pe_requires(const aws_privesc_technique *t, const char *action)
{
	size_t i;

	for (i = 0; i < t->n_required; i++)
		if (pe_is_action(t->required[i].action, action))
			return 1;
	return 0;
}

/* Techniques this builder can read; the others are reported once. */
static int supported(const aws_privesc_technique *t)
{
	size_t i;

	if (t->target == PRIVESC_TARGET_UNKNOWN || !t->n_required || t->n_required > PE_MAX_REQ)
		return 0;
	if ((t->target == PRIVESC_TARGET_PASSED_ROLE || t->target == PRIVESC_TARGET_EXISTING_ROLE) &&
	    (!t->n_service_principals || t->n_service_principals > PE_MAX_SP || !t->host))
		return 0;
	if (t->target == PRIVESC_TARGET_PASSED_ROLE && !pe_requires(t, "iam:PassRole"))
		return 0;
	for (i = 0; i < t->n_required; i++)
		if (t->required[i].resource == PRIVESC_RES_UNKNOWN)
			return 0;
	return 1;
}

/* sts:AssumeRole alone (sts-001) is the can-assume edge aws_graph_build adds
 * for every caller and role, decided the same way: repeating it here would
 * double the largest family of edges. */
static int is_can_assume(const aws_privesc_technique *t)
{
	return t->n_required == 1 && pe_is_action(t->required[0].action, "sts:AssumeRole");
}

static void build_init(pe_ctx *c, graph *g, model *m, diag_list *warn, unsigned flags)
{
	size_t i, j, k, n = aws_privesc_count(), cap[3] = { 0, 0, 0 };

	pe_ctx_init(c, g, m, warn);
	c->flags = flags;
	c->tech_actions = xcalloc(n, sizeof(*c->tech_actions));
	c->supported = xcalloc(n, 1);
	for (i = 0; i < n; i++) {
		const aws_privesc_technique *t = aws_privesc_get(i);
		const char *acts[PE_MAX_REQ];
		c->supported[i] = (unsigned char)(supported(t) && !is_can_assume(t));
		if (!supported(t)) {
			if (warn)
				diag_list_addf(warn, DIAG_WARNING, NULL, 0, 0,
					       "privilege-escalation technique '%s' is not decided (target '%s')", t->id,
					       aws_privesc_target_name(t->target));
			continue;
		}
		for (j = 0; j < t->n_required; j++)
			acts[j] = t->required[j].action;
		c->tech_actions[i] = graph_strings(g, acts, t->n_required);
	}
	for (i = 0; i < c->n_ps; i++) {
		principal_kind k0 = c->ps[i]->kind;
		if (k0 == PRIN_USER || k0 == PRIN_GROUP || k0 == PRIN_ROLE) {
			XGROW(c->by_kind[k0], cap[k0], c->n_by_kind[k0] + 1);
			c->by_kind[k0][c->n_by_kind[k0]++] = c->ps[i];
		}
	}
	/* whom trust policies name: they may assume without an identity Allow */
	for (i = 0; i < c->n_ps; i++) {
		const policy *tp = c->ps[i]->kind == PRIN_ROLE ? c->ps[i]->trust : NULL;
		for (j = 0; tp && j < tp->n_stmts; j++)
			for (k = 0; k < tp->stmts[j].n_principals; k++)
				if (tp->stmts[j].principals[k].kind == PSPEC_AWS)
					ptrmap_put(&c->named, tp->stmts[j].principals[k].value, (void *)1);
	}
}

static void build_release(pe_ctx *c)
{
	size_t i;

	for (i = 0; i < 3; i++)
		free(c->by_kind[i]);
	free(c->tech_actions);
	free(c->supported);
	pe_ctx_release(c);
}

int aws_privesc_edges_build_with(graph *g, model *m, diag_list *warn, unsigned flags, aws_privesc_edges_stats *st)
{
	pe_ctx c;
	size_t i, ti;
	int err;

	build_init(&c, g, m, warn, flags);
	for (i = 0; i < c.n_ps; i++) {
		const principal *a = c.ps[i];
		if ((a->kind != PRIN_USER && a->kind != PRIN_ROLE) || !a->account)
			continue;
		pe_actor(&c, a);
		c.st.actors++;
		for (ti = 0; ti < aws_privesc_count(); ti++)
			if (c.supported[ti])
				pe_technique(&c, ti);
	}
	err = c.err;
	if (err && warn)
		diag_list_addf(warn, DIAG_WARNING, NULL, 0, 0, "some privilege-escalation decisions failed");
	if (st)
		*st = c.st;
	build_release(&c);
	return err;
}

int aws_privesc_edges_build(graph *g, model *m, diag_list *warn)
{
	return aws_privesc_edges_build_with(g, m, warn, 0, NULL);
}
