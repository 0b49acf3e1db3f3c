/*
 * suggest_aws_keep — what each replaced Allow statement keeps: the needed
 * actions (already attributed), actions on resources the inputs do not
 * list, and what is dropped (suggest_aws.h says which is which).
 */
#include "suggest/suggest_aws_internal.h"
#include "suggest/suggest_internal.h"
#include "base/strbuf.h"
#include "catalog/aws_catalog.h"
#include "eval/arn.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

static int has_wildcard(const char *s)
{
	return strchr(s, '*') || strchr(s, '?');
}

static int is_assume(const char *action)
{
	return !strncasecmp(action, "sts:AssumeRole", 14);
}

/* --- what each statement keeps ------------------------------------------------- */

/* Does pattern match no classified store (nor its objects)? Such a pattern
 * names resources the inputs do not list: it is kept as written. */
static int unlisted_pattern(const sa_ctx *c, const char *pattern)
{
	gnode *const *nodes;
	size_t n, i;

	if (!strncmp(pattern, "arn:", 4) && strstr(pattern, "${"))
		return 0;       /* policy variables: decided per caller, never widened */
	nodes = graph_nodes(c->g, &n);
	for (i = 0; i < n; i++) {
		const resource *r = nodes[i]->obj;
		if (nodes[i]->kind != GN_RESOURCE || !r || !nodes[i]->cloud || strcmp(nodes[i]->cloud, "aws"))
			continue;
		if (arn_match(pattern, r->arn) || (sug_is_bucket(r) && arn_match(pattern, sug_object_witness(c->m, r->arn))))
			return 0;
	}
	return strcmp(pattern, "*") != 0;
}

/* The Resource patterns of st that match no store (st's NotResource: none),
 * with their services (lowercase, interned), into pats/svcs; at most max. */
static size_t unlisted_of(sa_ctx *c, const stmt *st, const char **pats, const char **svcs, size_t max)
{
	size_t i, n = 0;
	arn_parts ap;

	for (i = 0; !st->not_resource && i < st->n_resources && n < max; i++)
		if (!arn_parse(st->resources[i], &ap) && ap.service_len && unlisted_pattern(c, st->resources[i])) {
			char svc[64];
			size_t k, len = ap.service_len < sizeof(svc) ? ap.service_len : sizeof(svc) - 1;
			for (k = 0; k < len; k++)
				svc[k] = (char)((ap.service[k] >= 'A' && ap.service[k] <= 'Z') ? ap.service[k] + 32 : ap.service[k]);
			pats[n] = st->resources[i];
			svcs[n++] = model_intern_n(c->m, svc, len);
		}
	return n;
}

/* Does the Action element span services ("*", "*:Get*") or is it NotAction? */
static int across_services(const stmt *st)
{
	size_t i;

	for (i = 0; i < st->n_actions; i++) {
		const char *colon = strchr(st->actions[i], ':');
		if (!colon || memchr(st->actions[i], '*', (size_t)(colon - st->actions[i])) ||
		    memchr(st->actions[i], '?', (size_t)(colon - st->actions[i])))
			return 1;
	}
	return st->not_action;
}

static int names_exactly(const stmt *st, const char *action)
{
	size_t i;

	for (i = 0; !st->not_action && i < st->n_actions; i++)
		if (!strcasecmp(st->actions[i], action))
			return 1;
	return 0;
}

static void element_text(strbuf *sb, const char *const *items, size_t n, const char *prefix)
{
	size_t i;

	strbuf_addstr(sb, prefix);
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", items[i]);
}

/* The drops of a statement over services: one removed entry naming it. */
static void drop_across(sa_ctx *c, const stmt *st, size_t n_actions, size_t n_services)
{
	strbuf res = STRBUF_INIT, why = STRBUF_INIT;
	sug_removed *r;
	size_t i;

	element_text(&res, st->resources, st->n_resources, st->not_resource ? "NotResource: " : "");
	strbuf_addf(&why, "%zu action(s) of %zu service(s) that %s grants beyond those kept, on resources the "
		    "inputs do not list: without usage data permgraph cannot tell which are needed",
		    n_actions, n_services, st->not_action ? "NotAction" : "the wildcard");
	r = sug_add_removed(c->s, NULL, res.buf, why.buf);
	for (i = 0; i < st->n_actions; i++)
		sug_strs_addf(&r->actions, "%s%s", st->not_action ? "NotAction " : "", sug_action_name(st->actions[i]));
	strbuf_release(&res);
	strbuf_release(&why);
}

void sa_keep_statement(sa_ctx *c, size_t o)
{
	const stmt *st = c->stmts[o];
	int across = across_services(st);
	action_set all;
	const char *unl[16], *unl_svc[16];
	const char *last_svc = NULL;
	size_t i, k, n_unl, cat = aws_catalog_count(), n_drop = 0, n_svc = 0, n_written = 0;
	strbuf res = STRBUF_INIT;
	sug_removed *dropped = NULL;

	if (st->effect != EFFECT_ALLOW)
		return;
	action_set_init(&all);
	for (i = 0; i < st->n_actions; i++) {
		c->changed |= has_wildcard(st->actions[i]);
		if (!aws_catalog_expand(st->actions[i], &all) && !st->not_action && !has_wildcard(st->actions[i])) {
			/* not in the catalogue: kept as written, it cannot be expanded or scoped */
			sa_items_add(&c->items, st, o, SA_AS_WRITTEN, st->actions[i], SIZE_MAX, NULL);
			sug_note(c->s, "'%s' is not in the action catalogue: kept on the Resource as written", st->actions[i]);
		}
	}
	if (st->not_action) {
		action_set_complement(&all);
		c->changed = 1;
	}
	c->changed |= st->not_resource;
	n_unl = unlisted_of(c, st, unl, unl_svc, 16);
	for (i = action_set_next(&all, 0); i < cat; i = action_set_next(&all, i + 1)) {
		const char *name = aws_catalog_name(i), *lower = model_intern_lower(c->m, name);
		const char *colon = strchr(lower, ':');
		const char *svc = model_intern_n(c->m, lower, colon ? (size_t)(colon - lower) : strlen(lower));
		int bound = ptrmap_get(c->store_svc, svc) || is_assume(name), on_unlisted = 0;
		if (action_set_has(&c->needed[o], i))
			continue;                       /* kept on the stores it is needed on */
		for (k = 0; k < n_unl; k++)
			if (unl_svc[k] == svc) {
				sa_items_add(&c->items, st, o, SA_PATTERN, lower, i, unl[k]);
				on_unlisted = 1;
			}
		if (on_unlisted)
			continue;
		if (bound && action_set_has(&c->on_edges, i))
			continue;               /* on stores of other tenants or through other grants: the verifier says */
		if ((bound && names_exactly(st, name)) || (!bound && !across)) {
			sa_items_add(&c->items, st, o, SA_AS_WRITTEN, lower, i, NULL);
			n_written++;
			continue;
		}
		c->changed = 1;
		if (across) {
			n_drop++;
			n_svc += svc != last_svc;
			last_svc = svc;
			continue;
		}
		if (!dropped) {
			element_text(&res, st->resources, st->n_resources, st->not_resource ? "NotResource: " : "");
			dropped = sug_add_removed(c->s, NULL, res.buf, "expanded from a wildcard, reaches no store of its "
						  "own tenant: not needed");
		}
		sug_strs_add(&dropped->actions, name);
	}
	if (n_drop)
		drop_across(c, st, n_drop, n_svc);
	if (n_written && c->changed)
		sug_note(c->s, "actions on resources the inputs do not list keep the Resource of their statement as "
			 "written; review them");
	action_set_release(&all);
	strbuf_release(&res);
}

/* A Resource pattern of an Allow statement that the kept grants no longer
 * write (narrowed to stores, or dropped) is a change. */
void sa_pattern_changes(sa_ctx *c)
{
	size_t o, i, j;

	for (o = 0; o < c->n_stmts && !c->changed; o++) {
		const stmt *st = c->stmts[o];
		int as_written = 0;
		if (st->effect != EFFECT_ALLOW)
			continue;
		for (j = 0; j < c->items.n; j++)
			as_written |= c->items.items[j].ord == o && c->items.items[j].kind == SA_AS_WRITTEN;
		for (i = 0; !as_written && i < st->n_resources && !c->changed; i++) {
			int kept = 0;
			for (j = 0; j < c->items.n && !kept; j++)
				kept = c->items.items[j].ord == o && c->items.items[j].pattern == st->resources[i];
			c->changed = !kept;
		}
	}
}

/* --- entry points ----------------------------------------------------------------- */

