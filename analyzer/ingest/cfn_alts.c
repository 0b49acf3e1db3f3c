/*
 * cfn_alts — the alternatives and guards the CloudFormation reader computes
 * with (cfn_internal.h): new nodes in the scratch arena, guards joined with
 * contradictions detected, alternatives appended (equal strings under the
 * same branches once), and the product of several lists of alternatives.
 */
#include "ingest/cfn_internal.h"
#include "base/strbuf.h"

#include <stdarg.h>
#include <string.h>

const doc_node cfn_novalue = { DOC_NULL, 0, 0, NULL, "AWS::NoValue", 12, NULL, NULL, DOC_OFFSET_MAPPED };

doc_node *cfn_str(cfn_ctx *c, const doc_node *at, const char *s, size_t len)
{
	doc_node *n = ARENA_NEW(&c->scratch, doc_node);

	n->type = DOC_STRING;
	n->line = at ? at->line : 0;
	n->col = at ? at->col : 0;
	n->file = at ? at->file : NULL;
	n->str = arena_strndup(&c->scratch, s, len);
	n->len = len;
	n->offset = DOC_OFFSET_MAPPED;
	return n;
}

doc_node *cfn_container(cfn_ctx *c, doc_type type, const doc_node *at, size_t len)
{
	doc_node *n = ARENA_NEW(&c->scratch, doc_node);

	n->type = type;
	n->line = at ? at->line : 0;
	n->col = at ? at->col : 0;
	n->file = at ? at->file : NULL;
	n->offset = DOC_OFFSET_MAPPED;
	n->items = ARENA_ARRAY(&c->scratch, doc_node *, len + 1);
	if (type == DOC_OBJECT)
		n->keys = ARENA_ARRAY(&c->scratch, doc_node *, len + 1);
	return n;
}

doc_node *cfn_object(cfn_ctx *c, const doc_node *at, size_t n, ...)
{
	doc_node *o = cfn_container(c, DOC_OBJECT, at, n);
	va_list ap;
	size_t i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *k = va_arg(ap, const char *);
		const doc_node *v = va_arg(ap, const doc_node *);
		if (!v)
			continue;
		o->keys[o->len] = cfn_str(c, at, k, strlen(k));
		o->items[o->len++] = (doc_node *)v;
	}
	va_end(ap);
	return o;
}

doc_node *cfn_text(cfn_ctx *c, const doc_node *at, const char *s)
{
	return cfn_str(c, at, s, strlen(s));
}

static int guard_has(const cfn_guard *g, const char *cname, int holds)
{
	for (; g; g = g->next)
		if (!strcmp(g->cond, cname) && g->holds == holds)
			return 1;
	return 0;
}

static int guard_same(const cfn_guard *a, const cfn_guard *b)
{
	const cfn_guard *g;

	for (g = a; g; g = g->next)
		if (!guard_has(b, g->cond, g->holds))
			return 0;
	for (g = b; g; g = g->next)
		if (!guard_has(a, g->cond, g->holds))
			return 0;
	return 1;
}

const cfn_guard *cfn_guard_add(cfn_ctx *c, const cfn_guard *g, const char *cname, int holds, const doc_node *at)
{
	cfn_guard *n;

	if (guard_has(g, cname, holds))
		return g;
	n = ARENA_NEW(&c->scratch, cfn_guard);
	n->cond = cname;
	n->holds = holds;
	n->at = at;
	n->next = g;
	return n;
}

int cfn_guard_join(cfn_ctx *c, const cfn_guard *a, const cfn_guard *b, const cfn_guard **out)
{
	const cfn_guard *g;

	*out = a;
	for (g = b; g; g = g->next) {
		if (guard_has(a, g->cond, !g->holds))
			return 1;
		*out = cfn_guard_add(c, *out, g->cond, g->holds, g->at);
	}
	return 0;
}

void cfn_append(cfn_ctx *c, cfn_alts *out, const doc_node *n, const cfn_guard *g, unsigned flags)
{
	size_t i;

	/* the same string under the same branches is one alternative */
	for (i = 0; n->type == DOC_STRING && i < out->n; i++)
		if (out->v[i].n->type == DOC_STRING && !strcmp(out->v[i].n->str, n->str) &&
		    guard_same(out->v[i].guard, g)) {
			out->v[i].flags |= flags;
			return;
		}
	if (out->n == out->cap) {
		size_t ncap = out->cap ? out->cap * 2 : 4;
		cfn_alt *v = ARENA_ARRAY(&c->scratch, cfn_alt, ncap);
		if (out->n)
			memcpy(v, out->v, out->n * sizeof(*v));
		out->v = v;
		out->cap = ncap;
	}
	out->v[out->n].n = n;
	out->v[out->n].guard = g;
	out->v[out->n].flags = flags;
	out->n++;
}

int cfn_push(cfn_ctx *c, cfn_alts *out, const doc_node *at, const doc_node *n, const cfn_guard *g, unsigned flags)
{
	if (out->n >= CFN_MAX_ALTS) {
		cfn_error(c, at, "more than %d alternatives (Fn::If branches) for one value", CFN_MAX_ALTS);
		return PG_EINPUT;
	}
	cfn_append(c, out, n, g, flags);
	return 0;
}

int cfn_push_sym(cfn_ctx *c, cfn_alts *out, const doc_node *at, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	int err;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	err = cfn_push(c, out, at, cfn_str(c, at, sb.buf, sb.len), NULL, CFN_SYM);
	strbuf_release(&sb);
	return err;
}

int cfn_product(cfn_ctx *c, const doc_node *at, cfn_alts *lists, size_t k, cfn_build_fn build, void *arg,
		cfn_alts *out)
{
	const cfn_alt **picks = ARENA_ARRAY(&c->scratch, const cfn_alt *, k + 1);
	size_t *idx = ARENA_ARRAY(&c->scratch, size_t, k + 1);
	size_t total = 1, i, n;
	int err = 0;

	for (i = 0; i < k; i++) {
		if (!lists[i].n)
			return 0;
		total *= lists[i].n;
		if (total > CFN_MAX_COMBOS) {
			cfn_error(c, at, "too many combinations of Fn::If branches in one value (more than %d)",
				  CFN_MAX_COMBOS);
			return PG_EINPUT;
		}
	}
	for (n = 0; n < total && !err; n++) {
		const cfn_guard *g = NULL;
		unsigned flags = 0;
		int conflict = 0;
		for (i = 0; i < k && !conflict; i++) {
			picks[i] = &lists[i].v[idx[i]];
			conflict = cfn_guard_join(c, g, picks[i]->guard, &g);
			flags |= picks[i]->flags;
		}
		if (!conflict)
			err = build(c, arg, picks, k, g, flags, out);
		/* next combination: a mixed-radix counter */
		for (i = 0; i < k; i++) {
			if (++idx[i] < lists[i].n)
				break;
			idx[i] = 0;
		}
	}
	return err;
}
