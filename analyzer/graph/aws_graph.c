/*
 * aws_graph — the build: principal nodes, member-of edges, outside
 * principals, can-assume edges; access edges are in aws_graph_access.c.
 */
#include "graph/aws_graph_internal.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"
#include "eval/arn.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The assume actions, in the order tried; edges point into this array. */
static const char *assume_names[] = { "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity" };
#define N_ASSUME 3

size_t aws_graph_ordinal(const agctx *c, const principal *p)
{
	uintptr_t o = (uintptr_t)ptrmap_get(&c->ordinal, p);

	return o ? (size_t)o - 1 : SIZE_MAX;
}

gnode *aws_graph_principal_node(agctx *c, const principal *p)
{
	size_t o = aws_graph_ordinal(c, p);

	return o == SIZE_MAX ? NULL : c->nodes[o];
}

/* --- nodes ---------------------------------------------------------------------- */

gnode *aws_graph_node_of_principal(graph *g, const principal *p)
{
	gnode *n = graph_add_node(g, GN_PRINCIPAL, p->arn);

	/* another builder may have made it: fill only what is still empty */
	if (!n->name)
		n->name = p->name;
	if (!n->type)
		n->type = principal_kind_name(p->kind);
	if (!n->cloud)
		n->cloud = "aws";
	if (!n->account)
		n->account = p->account;
	if (!n->tenant)
		n->tenant = p->saas_tenant;
	n->classification |= (unsigned)p->classification;
	if (!n->obj)
		n->obj = p;
	return n;
}

gnode *aws_graph_node_of_resource(graph *g, const resource *r)
{
	gnode *n = graph_add_node(g, GN_RESOURCE, r->arn);

	if (!n->type)
		n->type = r->type;
	if (!n->cloud)
		n->cloud = "aws";
	if (!n->account)
		n->account = r->account;
	if (!n->tenant)
		n->tenant = r->saas_tenant;
	n->classification |= (unsigned)r->classification;
	if (!n->obj)
		n->obj = r;
	return n;
}

static int inside(const agctx *c, const char *account)
{
	org_node *o;

	if (!account)
		return 0;
	if (ptrmap_get(&c->accounts, account))
		return 1;
	o = model_find_org(c->m, account);
	return o && o->kind == ORG_ACCOUNT;
}

static const char *arn_kind(const char *v)
{
	size_t n = strlen(v);

	if (n > 5 && !strcmp(v + n - 5, ":root"))
		return "account";
	if (strstr(v, ":assumed-role/"))
		return "session";
	if (strstr(v, ":role/"))
		return "role";
	if (strstr(v, ":user/"))
		return "user";
	return "principal";
}

gnode *aws_graph_outside_node(agctx *c, const pspec *ps)
{
	const char *v = ps ? ps->value : "*";
	gnode *n = graph_find(c->g, v);
	strbuf why = STRBUF_INIT;

	if (n)
		return n;
	n = graph_add_node(c->g, GN_PRINCIPAL, v);
	n->cloud = "aws";
	n->external = 1;
	c->st->outside++;
	if (!ps || ps->kind == PSPEC_STAR || !strcmp(v, "*")) {
		n->type = "everyone";
		strbuf_addstr(&why, "\"*\" is every principal of every account, and anonymous callers");
	} else if (ps->kind == PSPEC_SERVICE) {
		n->type = "service";
		strbuf_addf(&why, "'%s' is an AWS service: it acts for any account unless a condition "
			    "(aws:SourceAccount, aws:SourceArn) limits it", v);
	} else if (ps->kind == PSPEC_FEDERATED) {
		n->type = "federated";
		strbuf_addf(&why, "'%s' is an identity provider: its users are not IAM principals of the inputs", v);
	} else if (ps->kind == PSPEC_CANONICAL_USER) {
		n->type = "canonical-user";
		strbuf_addf(&why, "'%s' is an S3 canonical user the inputs cannot place in an account", v);
	} else {
		n->type = arn_kind(v);
		n->account = model_arn_account(c->m, v);
		if (inside(c, n->account))
			n->external = 0;
		else
			strbuf_addf(&why, "account %s is neither in the inputs nor in the organization",
				    n->account ? n->account : "(none)");
	}
	if (n->external)
		n->external_why = graph_strdup(c->g, why.buf);
	strbuf_release(&why);
	return n;
}

gnode *aws_graph_service_node(agctx *c, const char *service, const char *account)
{
	strbuf id = STRBUF_INIT;
	gnode *n;

	strbuf_addf(&id, "%s@%s", service, account);
	if (!(n = graph_find(c->g, id.buf))) {
		n = graph_add_node(c->g, GN_PRINCIPAL, graph_strdup(c->g, id.buf));
		n->cloud = "aws";
		n->type = "service";
		n->name = service;
		n->account = account;
		n->external = !inside(c, account);
		if (n->external)
			n->external_why = graph_strdup(c->g, "the account is neither in the inputs nor in the organization");
	}
	strbuf_release(&id);
	return n;
}

int aws_graph_stmt_everyone(const stmt *s)
{
	size_t i;

	if (!s->has_principal || s->not_principal)
		return 1;
	for (i = 0; i < s->n_principals; i++)
		if (s->principals[i].kind == PSPEC_STAR || !strcmp(s->principals[i].value, "*"))
			return 1;
	return 0;
}

int aws_graph_stmt_names(const stmt *s, const pspec *ps)
{
	size_t i;

	if (s->effect != EFFECT_ALLOW)
		return 0;
	if (aws_graph_stmt_everyone(s))
		return 1;
	for (i = 0; ps && i < s->n_principals; i++)
		if (!strcmp(s->principals[i].value, ps->value))
			return 1;
	return 0;
}

void aws_graph_outside_of(agctx *c, const policy *pol, const pspec ***out, size_t *n, size_t *cap)
{
	size_t i, j, k;

	for (i = 0; pol && i < pol->n_stmts; i++) {
		const stmt *s = &pol->stmts[i];
		if (s->effect != EFFECT_ALLOW)
			continue;
		for (j = 0; j <= s->n_principals; j++) {
			const pspec *ps = NULL;
			if (j == s->n_principals) {
				if (!aws_graph_stmt_everyone(s))
					continue;
			} else {
				ps = &s->principals[j];
				if (ps->kind == PSPEC_STAR || !strcmp(ps->value, "*") || s->not_principal)
					continue;       /* "*" comes once, as NULL */
				if (ps->kind == PSPEC_AWS && aws_graph_ordinal(c, model_find_principal(c->m, ps->value)) !=
								     SIZE_MAX)
					continue;       /* an IAM principal of the inputs */
			}
			for (k = 0; k < *n; k++)
				if ((*out)[k] == ps || ((*out)[k] && ps && !strcmp((*out)[k]->value, ps->value)))
					break;
			if (k == *n) {
				XGROW(*out, *cap, *n + 1);
				(*out)[(*n)++] = ps;
			}
		}
	}
}

/* --- can-assume ------------------------------------------------------------------ */

/* Can the trust policy apply to model caller p at all (everyone, its ARN, its
 * account)? Only then is aws_eval asked. A missing trust policy may. */
static int trust_may_name(const policy *trust, const principal *p)
{
	size_t i, j, len;

	if (!trust)
		return 1;
	for (i = 0; i < trust->n_stmts; i++) {
		const stmt *s = &trust->stmts[i];
		if (s->effect != EFFECT_ALLOW || !aws_eval_stmt_action(s, assume_names[0]))
			continue;
		if (aws_graph_stmt_everyone(s))
			return 1;
		for (j = 0; j < s->n_principals; j++) {
			const char *v = s->principals[j].value, *acct;
			size_t n = strlen(v);
			if (s->principals[j].kind != PSPEC_AWS)
				continue;
			if (v == p->arn || !strcmp(v, p->arn))
				return 1;
			if (n < 5 || strcmp(v + n - 5, ":root"))
				continue;
			acct = arn_account(v, &len);
			if (!p->account || (acct && strlen(p->account) == len && !memcmp(acct, p->account, len)))
				return 1;
		}
	}
	return 0;
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return (a > b) - (a < b);
}

/* Outside principals the trust policy names -> role. */
static void assume_outside(agctx *c, const principal *role, gnode *to)
{
	const pspec **outs = NULL;
	size_t n = 0, cap = 0, i, j, k;
	ag_result r;

	memset(&r, 0, sizeof(r));
	aws_graph_outside_of(c, role->trust, &outs, &n, &cap);
	for (i = 0; i < n; i++) {
		int best = -1;
		for (k = 0; k < N_ASSUME && (best < 0 || r.acts[0].dec != DEC_ALLOW); k++) {
			eval_result er;
			int covered = 0;
			for (j = 0; j < role->trust->n_stmts && !covered; j++)
				covered = aws_graph_stmt_names(&role->trust->stmts[j], outs[i]) &&
					  aws_eval_stmt_action(&role->trust->stmts[j], assume_names[k]);
			if (!covered || aws_catalog_find(assume_names[k]) < 0)
				continue;
			if (aws_graph_decide(c, NULL, outs[i] ? outs[i]->value : "*", assume_names[k], role->arn,
					     &er) > 0 && (best < 0 || er.dec < r.acts[0].dec)) {
				aws_graph_result_reset(&r);
				aws_graph_result_add(&r, (size_t)aws_catalog_find(assume_names[k]), NULL, &er);
				best = (int)k;
			}
			aws_eval_result_release(&er);
		}
		/* A service assumes a role for whoever handed it the role (iam:PassRole,
		 * edges of their own) in the role's account, so it acts inside that
		 * account; IAM Access Analyzer does not count it as external either. */
		if (best >= 0 && outs[i] && outs[i]->kind == PSPEC_SERVICE && role->account)
			aws_graph_emit_one(c, GE_CAN_ASSUME, aws_graph_service_node(c, outs[i]->value, role->account),
					   to, &assume_names[best], &r);
		else if (best >= 0)
			aws_graph_emit_one(c, GE_CAN_ASSUME, aws_graph_outside_node(c, outs[i]), to,
					   &assume_names[best], &r);
		aws_graph_result_reset(&r);
	}
	aws_graph_result_release(&r);
	free(outs);
}

static void assume_role(agctx *c, const principal *role, const char *sts)
{
	const stmt **sts_stmts = NULL;
	size_t n = 0, cap = 0, *cand = NULL, n_cand = 0, cap_cand = 0, i, j;
	long act = aws_catalog_find(assume_names[0]);
	gnode *to = aws_graph_principal_node(c, role);

	if (act < 0)
		return;         /* a catalogue without sts:AssumeRole: nothing to decide by */

	aws_graph_index_lookup(&c->ix, sts, role->arn, 0, &sts_stmts, &n, &cap);
	for (i = 0; i < n; i++) {
		const ag_holders *h = aws_graph_index_holders(&c->ix, sts_stmts[i]->policy);
		if (!h || !aws_eval_stmt_action(sts_stmts[i], assume_names[0]))
			continue;
		for (j = 0; j < h->n; j++) {
			XGROW(cand, cap_cand, n_cand + 1);
			cand[n_cand++] = aws_graph_ordinal(c, h->items[j]);
		}
	}
	/* a same-account trust policy naming the caller's ARN needs no identity Allow */
	for (i = 0; role->trust && i < role->trust->n_stmts; i++)
		for (j = 0; j < role->trust->stmts[i].n_principals; j++) {
			size_t o = aws_graph_ordinal(c, model_find_principal(c->m, role->trust->stmts[i].principals[j].value));
			if (o != SIZE_MAX && c->callers[o]->kind != PRIN_GROUP) {
				XGROW(cand, cap_cand, n_cand + 1);
				cand[n_cand++] = o;
			}
		}
	if (n_cand > 1)
		qsort(cand, n_cand, sizeof(*cand), cmp_size);
	for (i = 0; i < n_cand; i++) {
		const principal *p = c->callers[cand[i]];
		eval_result er;
		if ((i && cand[i] == cand[i - 1]) || p == role || !trust_may_name(role->trust, p))
			continue;
		c->st->pairs++;
		if (aws_graph_decide(c, p, NULL, assume_names[0], role->arn, &er) > 0)
			aws_graph_result_add(aws_graph_touch(c, cand[i]), (size_t)act, p, &er);
		else
			aws_graph_touch(c, cand[i]);
		aws_eval_result_release(&er);
	}
	aws_graph_emit(c, GE_CAN_ASSUME, to, &assume_names[0]);
	assume_outside(c, role, to);
	free(cand);
	free(sts_stmts);
}

/* --- the build ------------------------------------------------------------------- */

int aws_graph_build(graph *g, model *m, diag_list *warn)
{
	return aws_graph_build_stats(g, m, warn, NULL);
}

int aws_graph_build_stats(graph *g, model *m, diag_list *warn, aws_graph_stats *st)
{
	agctx c;
	aws_graph_stats local;
	principal **ps;
	resource **rs;
	size_t n, n_res, i, j, roles = 0;
	const char *sts = model_intern(m, "sts");

	memset(&c, 0, sizeof(c));
	memset(&local, 0, sizeof(local));
	c.g = g;
	c.m = m;
	c.warn = warn;
	c.st = st ? st : &local;
	memset(c.st, 0, sizeof(*c.st));
	ps = model_principals(m, &n);
	c.callers = xmalloc((n ? n : 1) * sizeof(*c.callers));
	for (i = 0; i < n; i++)
		if (ps[i]->kind == PRIN_USER || ps[i]->kind == PRIN_GROUP || ps[i]->kind == PRIN_ROLE) {
			ptrmap_put(&c.ordinal, ps[i], (void *)(uintptr_t)(c.n_callers + 1));
			c.callers[c.n_callers++] = ps[i];
			if (ps[i]->account)
				ptrmap_put(&c.accounts, ps[i]->account, ps[i]);
			roles += ps[i]->kind == PRIN_ROLE;
		}
	rs = model_resources(m, &n_res);
	for (i = 0; i < n_res; i++)
		if (rs[i]->account)
			ptrmap_put(&c.accounts, rs[i]->account, rs[i]);
	c.nodes = xmalloc((c.n_callers ? c.n_callers : 1) * sizeof(*c.nodes));
	for (i = 0; i < c.n_callers; i++)
		c.nodes[i] = aws_graph_node_of_principal(c.g, c.callers[i]);
	c.st->principals = c.n_callers;
	for (i = 0; i < c.n_callers; i++) {
		const principal *p = c.callers[i];
		for (j = 0; p->kind == PRIN_USER && j < p->n_groups; j++) {
			gnode *grp = aws_graph_principal_node(&c, p->groups[j]);
			if (!grp)
				continue;
			graph_add_edge(g, GE_MEMBER_OF, c.nodes[i], grp)->loc = p->loc;
			c.st->member_edges++;
		}
	}
	aws_graph_index_build(&c.ix, m, c.callers, c.n_callers);
	c.results = xcalloc(c.n_callers ? c.n_callers : 1, sizeof(*c.results));
	c.types = aws_graph_types_new();
	c.classes = aws_graph_classes_new(c.n_callers);
	for (i = 0; i < c.n_callers; i++)
		if (c.callers[i]->kind == PRIN_ROLE)
			assume_role(&c, c.callers[i], sts);
	aws_graph_access(&c);
	c.st->pairs_total = c.n_callers * (roles + c.st->resources);

	for (i = 0; i < c.n_callers; i++)
		aws_graph_result_release(&c.results[i]);
	free(c.results);
	free(c.touched);
	free(c.nodes);
	free(c.callers);
	aws_graph_types_free(c.types);
	aws_graph_classes_free(c.classes);
	aws_graph_index_release(&c.ix);
	ptrmap_release(&c.ordinal);
	ptrmap_release(&c.accounts);
	ptrmap_release(&c.warned);
	ptrmap_release(&c.over_warned);
	ptrmap_release(&c.lists);
	return c.err;
}
