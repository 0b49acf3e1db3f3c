/*
 * aws_graph_share — classified resources no caller can tell apart are
 * decided once: the later ones get copies of the first one's access edges.
 *
 * For a resource without a resource policy, aws_eval looks at the resource
 * only through its account (same- or cross-account rules, SCP/RCP paths,
 * aws:ResourceAccount and aws:ResourceOrgID), whether the inputs said it has
 * no policy, whether it is an AWS-managed key, the tags conditions read
 * (aws:ResourceTag/<key>; every tag when a policy variable could), and which Resource/NotResource patterns
 * of identity, boundary, SCP and RCP statements match it or (buckets) where
 * they stand after "bucket/" (which decides every object key the graph
 * tries). Two resources of the same type that agree on all of that get the
 * same decision, reasons and conditions for every caller and action, so the
 * signature below is exact. A pattern with policy variables that may match a
 * resource makes it decided on its own (what it matches depends on the
 * caller), and so does one whose edges' conditions name it (notes about
 * policies missing from the inputs).
 */
#include "graph/aws_graph_internal.h"
#include "base/intern.h"
#include "base/strci.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "eval/arn.h"
#include "eval/policyvar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct shared {
	const gnode *rep;           /* the resource decided first */
	size_t first, end;          /* its edges: graph_edges()[first .. end) */
	int alone;                  /* its edges name it: no copies */
} shared;

struct ag_share {
	ag_list patterns;
	const char **tag_keys;      /* the keys aws:ResourceTag/<key> conditions read (interned lowercase) */
	size_t n_tag_keys, cap_tag_keys;
	int all_tags;               /* a policy variable reads one: every tag counts */
	intern_table sigs;
	ptrmap by_sig;              /* interned signature -> shared* */
	shared **all;
	size_t n_all, cap_all;
	ptrmap seen;                /* policies already listed */
};

/* May a policy variable in text read aws:ResourceTag/...? ("${ aws:ResourceTag/k }" in any case) */
static int reads_tags(const char *text)
{
	return strstr(text, "${") && strci_str(text, "resourcetag/");
}

static void add_tag_key(ag_share *sh, model *m, const char *key)
{
	const char *k = model_intern_lower(m, key);
	size_t i;

	for (i = 0; i < sh->n_tag_keys; i++)
		if (sh->tag_keys[i] == k)
			return;
	XGROW(sh->tag_keys, sh->cap_tag_keys, sh->n_tag_keys + 1);
	sh->tag_keys[sh->n_tag_keys++] = k;
}

static void add_policy(agctx *c, ag_share *sh, const policy *p)
{
	size_t i, j, k;

	if (!p || ptrmap_get(&sh->seen, p))
		return;
	ptrmap_put(&sh->seen, p, (void *)p);
	for (i = 0; i < p->n_stmts; i++) {
		const stmt *s = &p->stmts[i];
		aws_graph_list_add(&sh->patterns, s);
		for (j = 0; j < s->n_conds; j++) {
			if (!strncasecmp(s->conds[j].key, "aws:ResourceTag/", 16))
				add_tag_key(sh, c->m, s->conds[j].key + 16);
			for (k = 0; k < s->conds[j].n_values; k++)
				if (reads_tags(s->conds[j].values[k]))
					sh->all_tags = 1;
		}
		for (j = 0; s->has_resource && j < s->n_resources; j++)
			if (reads_tags(s->resources[j]))
				sh->all_tags = 1;
	}
}

static void add_org(agctx *c, ag_share *sh, const char *account)
{
	org_node *path[64];
	size_t n = account ? model_org_path(c->m, account, path, 64) : 0, i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < path[i]->n_scps; j++)
			add_policy(c, sh, path[i]->scps[j]);
		for (j = 0; j < path[i]->n_rcps; j++)
			add_policy(c, sh, path[i]->rcps[j]);
	}
}

ag_share *aws_graph_share_new(agctx *c)
{
	ag_share *sh = xcalloc(1, sizeof(*sh));
	resource **rs;
	size_t n, i, j;

	intern_init(&sh->sigs);
	for (i = 0; i < c->n_callers; i++) {
		const principal *p = c->callers[i];
		for (j = 0; j < p->n_policies; j++)
			add_policy(c, sh, p->policies[j]);
		add_policy(c, sh, p->boundary);
		add_org(c, sh, p->account);
	}
	rs = model_resources(c->m, &n);
	for (i = 0; i < n; i++)
		if (rs[i]->classification)
			add_org(c, sh, rs[i]->account ? rs[i]->account : model_arn_account(c->m, rs[i]->arn));
	aws_graph_list_sort(&sh->patterns);
	return sh;
}

void aws_graph_share_free(ag_share *sh)
{
	size_t i;

	if (!sh)
		return;
	for (i = 0; i < sh->n_all; i++)
		free(sh->all[i]);
	free(sh->all);
	free(sh->patterns.items);
	free(sh->tag_keys);
	ptrmap_release(&sh->by_sig);
	ptrmap_release(&sh->seen);
	intern_release(&sh->sigs);
	free(sh);
}

static int cmp_entry_ptr(const void *x, const void *y)
{
	const char *a = (*(const ag_entry *const *)x)->prefix, *b = (*(const ag_entry *const *)y)->prefix;

	return (a > b) - (a < b);
}

static int has_vars(const ag_entry *e)
{
	const policy *p = e->st->policy;

	return p && p->version && !strcmp(p->version, "2012-10-17") && policyvar_has_vars(e->prefix);
}

static const char *tag_value(const resource *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->n_tags; i++)
		if (!strcasecmp(r->tags[i].key, key))
			return r->tags[i].value;
	return NULL;
}

/* The signature of r (see the top), or NULL when r is decided on its own. */
static const char *signature(agctx *c, ag_share *sh, const resource *r, const ag_acts *on_arn,
			     const ag_acts *on_objects)
{
	const ag_entry **es = NULL;
	size_t n = 0, cap = 0, i;
	strbuf sb = STRBUF_INIT;
	const char *sig = NULL;
	int objects = on_objects->n > 0;

	strbuf_addf(&sb, "%p|%p|%p|%d|%d|", (const void *)on_arn, (const void *)on_objects,
		    (const void *)(r->account ? r->account : model_arn_account(c->m, r->arn)), r->aws_managed_key,
		    r->policy_known);
	/* the tags conditions read, as aws_eval finds them (first key in any case) */
	if (sh->all_tags || sh->n_tag_keys)
		strbuf_addf(&sb, "%d:", r->tags_known);
	for (i = 0; sh->all_tags && i < r->n_tags; i++)
		strbuf_addf(&sb, "%zu:%s=%zu:%s,", strlen(r->tags[i].key), r->tags[i].key, strlen(r->tags[i].value),
			    r->tags[i].value);
	for (i = 0; !sh->all_tags && i < sh->n_tag_keys; i++) {
		const char *v = tag_value(r, sh->tag_keys[i]);
		strbuf_addf(&sb, "%zu:%s,", v ? strlen(v) : (size_t)-1, v ? v : "");
	}
	aws_graph_list_find(&sh->patterns, r->arn, objects, &es, &n, &cap);
	if (n > 1)
		qsort(es, n, sizeof(*es), cmp_entry_ptr);
	for (i = 0; i < n; i++) {
		size_t mark = sb.len;
		int bit;
		if (i && es[i]->prefix == es[i - 1]->prefix)
			continue;
		if (has_vars(es[i]))
			goto cleanup;   /* what it matches depends on the caller */
		bit = arn_match(es[i]->prefix, r->arn);
		strbuf_addf(&sb, "|%p:%d:", (const void *)es[i]->prefix, bit);
		if (!(objects && aws_graph_object_places(r, es[i]->prefix, &sb)) && !bit)
			sb.buf[sb.len = mark] = '\0';  /* matches neither: says nothing */
	}
	sig = intern(&sh->sigs, sb.buf);
cleanup:
	free(es);
	strbuf_release(&sb);
	return sig;
}

/* Do the texts of edges [first, end) name the resource they lead to? */
static int names_it(agctx *c, const gnode *rep, size_t first, size_t end)
{
	size_t n, i, j;
	gedge *const *es = graph_edges(c->g, &n);

	for (i = first; i < end && i < n; i++)
		for (j = 0; j < es[i]->n_conditions; j++)
			if (strstr(es[i]->conditions[j], rep->id))
				return 1;
	return 0;
}

int aws_graph_share_copy(agctx *c, ag_share *sh, const resource *r, const ag_acts *on_arn,
			 const ag_acts *on_objects, gnode *to, const void **token)
{
	const char *sig;
	shared *s;
	gedge *const *es;
	size_t n, i;

	*token = NULL;
	if (r->policy)
		return 0;
	sig = signature(c, sh, r, on_arn, on_objects);
	if (!sig)
		return 0;
	s = ptrmap_get(&sh->by_sig, sig);
	if (!s) {
		*token = sig;   /* the caller decides r, then calls aws_graph_share_done */
		return 0;
	}
	if (s->alone)
		return 0;
	es = graph_edges(c->g, &n);
	for (i = s->first; i < s->end; i++) {
		const gedge *e = es[i];
		gedge *copy = graph_add_edge(c->g, e->kind, e->from, to);
		copy->technique = e->technique;
		copy->actions = e->actions;             /* graph-owned and never changed: shared */
		copy->n_actions = e->n_actions;
		copy->levels = e->levels;
		copy->dec = e->dec;
		copy->conditions = e->conditions;
		copy->n_conditions = e->n_conditions;
		copy->loc = e->loc;                     /* an identity statement: no resource policy */
		c->st->access_edges++;
		es = graph_edges(c->g, &n);             /* the array may have moved */
	}
	c->st->shared++;
	return 1;
}

void aws_graph_share_done(agctx *c, ag_share *sh, const void *token, const gnode *rep, size_t first)
{
	shared *s;
	size_t end;

	if (!token)
		return;
	graph_edges(c->g, &end);
	s = xcalloc(1, sizeof(*s));
	s->rep = rep;
	s->first = first;
	s->end = end;
	s->alone = names_it(c, rep, first, end);
	ptrmap_put(&sh->by_sig, token, s);
	XGROW(sh->all, sh->cap_all, sh->n_all + 1);
	sh->all[sh->n_all++] = s;
}
