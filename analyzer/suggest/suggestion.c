/* suggestion — the suggestion records, and the stage's entry point. */
#include "suggest/suggestion.h"
#include "base/strbuf.h"
#include "base/strlist.h"
#include "base/xalloc.h"
#include "checks/scan.h"
#include "suggest/suggest_aws.h"
#include "suggest/suggest_az.h"
#include "suggest/suggest_guard.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void suggestion_list_init(suggestion_list *l)
{
	memset(l, 0, sizeof(*l));
}

void sug_strs_add(sug_strs *l, const char *s)
{
	strlist_add(&l->items, &l->n, &l->cap, xstrdup(s));
}

void sug_strs_addf(sug_strs *l, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strlist_add(&l->items, &l->n, &l->cap, strbuf_detach(&sb, NULL));
}

void sug_strs_release(sug_strs *l)
{
	strlist_release(&l->items, &l->n, &l->cap);
}

void suggestion_free(suggestion *s)
{
	size_t i;

	if (!s)
		return;
	free(s->principal);
	free(s->principal_name);
	free(s->resource);
	sug_strs_release(&s->current);
	free(s->cur);
	free(s->az.principal_id);
	free(s->az.principal_type);
	free(s->az.role_guid);
	free(s->az.role_name);
	free(s->az.role_id);
	free(s->az.scope);
	free(s->az.condition);
	free(s->az.condition_version);
	sug_strs_release(&s->az.actions);
	sug_strs_release(&s->az.not_actions);
	sug_strs_release(&s->az.data_actions);
	sug_strs_release(&s->az.not_data_actions);
	free(s->needs);
	for (i = 0; i < s->n_removed; i++) {
		free(s->removed[i].principal);
		free(s->removed[i].resource);
		free(s->removed[i].reason);
		sug_strs_release(&s->removed[i].actions);
	}
	free(s->removed);
	sug_strs_release(&s->notes);
	sug_strs_release(&s->failures);
	free(s);
}

void suggestion_list_release(suggestion_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->count; i++)
		suggestion_free(l->items[i]);
	free(l->items);
	sug_strs_release(&l->skipped);
	suggestion_list_init(l);
}

suggestion *suggestion_new(suggestion_list *l, suggestion_kind kind, const char *who)
{
	suggestion *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	s->principal = who ? xstrdup(who) : NULL;
	XGROW(l->items, l->cap, l->count + 1);
	l->items[l->count++] = s;
	return s;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

sug_removed *sug_add_removed(suggestion *s, const char *who, const char *res, const char *reason)
{
	sug_removed *r;

	XGROW(s->removed, s->cap_removed, s->n_removed + 1);
	r = &s->removed[s->n_removed++];
	memset(r, 0, sizeof(*r));
	r->principal = dup_or_null(who);
	r->resource = dup_or_null(res);
	r->reason = dup_or_null(reason);
	return r;
}

sug_removed *sug_removed_for(suggestion *s, const char *who, const char *res, const char *reason)
{
	size_t i;

	for (i = 0; i < s->n_removed; i++)
		if (same(s->removed[i].principal, who) && same(s->removed[i].resource, res) &&
		    same(s->removed[i].reason, reason))
			return &s->removed[i];
	return sug_add_removed(s, who, res, reason);
}

void sug_add_need(suggestion *s, const sug_need *n)
{
	XGROW(s->needs, s->cap_needs, s->n_needs + 1);
	s->needs[s->n_needs++] = *n;
}

void sug_note(suggestion *s, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strlist_add(&s->notes.items, &s->notes.n, &s->notes.cap, strbuf_detach(&sb, NULL));
}

void sug_fail(suggestion *s, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strlist_add(&s->failures.items, &s->failures.n, &s->failures.cap, strbuf_detach(&sb, NULL));
	s->verified = 0;
}

static int cmp_opt(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_removed(const void *x, const void *y)
{
	const sug_removed *a = x, *b = y;
	int c;

	if ((c = cmp_opt(a->principal, b->principal)) != 0 || (c = cmp_opt(a->resource, b->resource)) != 0)
		return c;
	return cmp_opt(a->reason, b->reason);
}

void sug_finish(suggestion *s)
{
	size_t i, j;

	/* an entry that ended up with no action says nothing */
	for (i = j = 0; i < s->n_removed; i++) {
		if (s->removed[i].actions.n) {
			s->removed[j++] = s->removed[i];
			continue;
		}
		free(s->removed[i].principal);
		free(s->removed[i].resource);
		free(s->removed[i].reason);
		sug_strs_release(&s->removed[i].actions);
	}
	s->n_removed = j;
	for (i = 0; i < s->n_removed; i++)
		strlist_sort(s->removed[i].actions.items, s->removed[i].actions.n);
	if (s->n_removed > 1)
		qsort(s->removed, s->n_removed, sizeof(*s->removed), cmp_removed);
	strlist_sort(s->notes.items, s->notes.n);
	strlist_sort(s->failures.items, s->failures.n);
}

static int cmp_suggestion(const void *x, const void *y)
{
	const suggestion *a = *(suggestion *const *)x, *b = *(suggestion *const *)y;
	int c;

	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	if ((c = cmp_opt(a->principal, b->principal)) != 0 || (c = cmp_opt(a->resource, b->resource)) != 0)
		return c;
	if ((c = cmp_opt(a->current.n ? a->current.items[0] : NULL, b->current.n ? b->current.items[0] : NULL)) != 0)
		return c;
	return cmp_opt(a->az.scope, b->az.scope);
}

void suggestion_list_sort(suggestion_list *l)
{
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), cmp_suggestion);
	strlist_sort(l->skipped.items, l->skipped.n);
}

size_t suggestion_list_verified(const suggestion_list *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->count; i++)
		n += l->items[i]->verified != 0;
	return n;
}

int suggest_run(model *m, const scan_result *scan, const config *cfg, const suggest_options *o,
		suggestion_list *out, diag_list *warn)
{
	size_t i, j;
	int err;

	if ((err = suggest_aws_identity(m, scan->g, &scan->access, cfg, o, out)) < 0)
		return err;
	/* a guardrail belongs to a store, not to a principal */
	if (!o->principal && (err = suggest_guardrails(m, scan->g, cfg, out)) < 0)
		return err;
	if ((err = suggest_az_assignments(m, scan->g, o, out)) < 0)
		return err;
	suggestion_list_sort(out);
	for (i = 0; warn && i < out->count; i++) {
		const suggestion *s = out->items[i];
		if (s->verified)
			continue;
		for (j = 0; j < s->failures.n; j++)
			diag_list_addf(warn, DIAG_WARNING, NULL, 0, 0, "suggestion for '%s' rejected: %s",
				       s->principal ? s->principal : s->resource ? s->resource : "?",
				       s->failures.items[j]);
	}
	return 0;
}
