/*
 * suggest_aws_doc — the grants a suggestion keeps, written as one identity
 * policy: per original statement, one Allow statement per service, access
 * level and set of resources, and the original's Deny statements unchanged.
 */
#include "suggest/suggest_aws_internal.h"
#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void sa_items_add(sa_items *l, const stmt *from, size_t ord, int kind, const char *action, size_t act,
		  const char *pattern)
{
	sa_item *it;

	XGROW(l->items, l->cap, l->n + 1);
	it = &l->items[l->n++];
	it->from = from;
	it->ord = ord;
	it->kind = kind;
	it->action = action;
	it->act = act;
	it->pattern = kind == SA_PATTERN ? pattern : NULL;
}

static const char *const level_words[] = { "List", "Read", "Write", "Permissions", "Tagging", "Other" };

/* The one level a statement is filed under: the most sensitive of the action's. */
static int level_rank(size_t act)
{
	unsigned l = act == SIZE_MAX ? 0 : aws_catalog_levels(act);

	if (l & AL_PERMISSIONS)
		return 3;
	if (l & AL_TAGGING)
		return 4;
	if (l & AL_WRITE)
		return 2;
	if (l & AL_READ)
		return 1;
	return (l & AL_LIST) ? 0 : 5;
}

/* One action with the set of patterns it is kept on (key: the patterns joined by '\n'). */
typedef struct sa_act {
	size_t ord;
	int kind, rank;
	const stmt *from;
	const char *action, *service, *key;
	size_t act;
} sa_act;

static int cmp_items(const void *x, const void *y)
{
	const sa_item *a = x, *b = y;
	int c;

	if (a->ord != b->ord)
		return a->ord < b->ord ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	if ((c = strcmp(a->action, b->action)) != 0)
		return c;
	return strcmp(a->pattern ? a->pattern : "", b->pattern ? b->pattern : "");
}

static int cmp_acts(const void *x, const void *y)
{
	const sa_act *a = x, *b = y;
	int c;

	if (a->ord != b->ord)
		return a->ord < b->ord ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	if ((c = strcmp(a->service, b->service)) != 0)
		return c;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	return strcmp(a->action, b->action);
}

static const char *service_of(model *m, const char *action)
{
	const char *colon = strchr(action, ':');

	return model_intern_n(m, action, colon ? (size_t)(colon - action) : strlen(action));
}

/* "DataPlatformAdmin" + "S3" + "Read", unique within the policy. */
static const char *make_sid(model *m, ptrmap *used, const stmt *from, size_t ord, const char *service, int rank)
{
	strbuf sb = STRBUF_INIT;
	const char *p, *sid;
	size_t base, n = 1;
	int up = 1;

	for (p = from->sid ? from->sid : ""; *p; p++)
		if (isalnum((unsigned char)*p))
			strbuf_addch(&sb, *p);
	if (!sb.len)
		strbuf_addf(&sb, "Stmt%zu", ord + 1);
	/* "Logs" + "logs": the service once */
	if (sb.len >= strlen(service) && !strcasecmp(sb.buf + sb.len - strlen(service), service))
		service = "";
	for (p = service; *p; p++) {
		if (!isalnum((unsigned char)*p)) {
			up = 1;
			continue;
		}
		strbuf_addch(&sb, up ? toupper((unsigned char)*p) : *p);
		up = 0;
	}
	strbuf_addstr(&sb, level_words[rank]);
	base = sb.len;
	while (ptrmap_get(used, (sid = model_intern(m, sb.buf))) != NULL) {
		sb.len = base;
		sb.buf[base] = '\0';
		strbuf_addf(&sb, "%zu", ++n);
	}
	ptrmap_put(used, sid, (void *)sid);
	strbuf_release(&sb);
	return sid;
}

/* The patterns of a key ("a\nb") as interned strings in the arena. */
static size_t split_key(model *m, const char *key, const char ***out)
{
	size_t n = 1, i = 0;
	const char *p, *start;

	for (p = key; *p; p++)
		n += *p == '\n';
	*out = ARENA_ARRAY(model_arena(m), const char *, n);
	for (start = p = key;; p++) {
		if (*p == '\n' || !*p) {
			(*out)[i++] = model_intern_n(m, start, (size_t)(p - start));
			start = p + 1;
		}
		if (!*p)
			break;
	}
	return i;
}

static void write_group(model *m, policy *pol, stmt *st, const sa_act *g, size_t n, ptrmap *used)
{
	const stmt *from = g[0].from;
	size_t i;

	memset(st, 0, sizeof(*st));
	st->effect = EFFECT_ALLOW;
	st->sid = make_sid(m, used, from, g[0].ord, g[0].service, g[0].rank);
	st->loc = from->loc;
	st->policy = pol;
	st->actions = ARENA_ARRAY(model_arena(m), const char *, n);
	st->action_locs = ARENA_ARRAY(model_arena(m), pg_loc, n);
	for (i = 0; i < n; i++)
		st->actions[i] = g[i].action;
	st->n_actions = n;
	st->has_resource = 1;
	if (g[0].kind == SA_AS_WRITTEN) {
		st->resources = from->resources;
		st->n_resources = from->n_resources;
		st->not_resource = from->not_resource;
	} else {
		st->n_resources = split_key(m, g[0].key, &st->resources);
	}
	st->conds = from->conds;
	st->n_conds = from->n_conds;
}

/* One sa_act per (statement, kind, action) of the sorted items. */
static size_t collect_acts(model *m, const sa_items *items, sa_act *acts)
{
	strbuf key = STRBUF_INIT;
	size_t i = 0, j, n = 0;

	while (i < items->n) {
		const sa_item *it = &items->items[i];
		strbuf_reset(&key);
		for (j = i; j < items->n && items->items[j].ord == it->ord && items->items[j].kind == it->kind &&
			    !strcmp(items->items[j].action, it->action); j++)
			if (it->kind == SA_PATTERN &&
			    (j == i || strcmp(items->items[j].pattern, items->items[j - 1].pattern))) {
				if (key.len)
					strbuf_addch(&key, '\n');
				strbuf_addstr(&key, items->items[j].pattern);
			}
		acts[n].ord = it->ord;
		acts[n].kind = it->kind;
		acts[n].from = it->from;
		acts[n].action = it->action;
		acts[n].act = it->act;
		acts[n].rank = level_rank(it->act);
		acts[n].service = service_of(m, it->action);
		acts[n].key = model_intern(m, key.buf);
		n++;
		i = j;
	}
	strbuf_release(&key);
	return n;
}

static int same_group(const sa_act *a, const sa_act *b)
{
	return a->ord == b->ord && a->kind == b->kind && a->service == b->service && a->rank == b->rank &&
	       a->key == b->key;
}

policy *sa_write_policy(model *m, const char *name, const stmt *const *stmts, size_t n_stmts, sa_items *items)
{
	policy *pol = model_new_policy(m, POL_IDENTITY, name);
	ptrmap used = PTRMAP_INIT;
	sa_act *acts;
	size_t n_acts, i, j, k, n = 0, ord;

	pol->version = model_intern(m, "2012-10-17");
	if (items->n > 1)
		qsort(items->items, items->n, sizeof(*items->items), cmp_items);
	acts = xcalloc(items->n + 1, sizeof(*acts));
	n_acts = collect_acts(m, items, acts);
	if (n_acts > 1)
		qsort(acts, n_acts, sizeof(*acts), cmp_acts);
	/* statements: at most one per act, plus the Denies */
	pol->stmts = ARENA_ARRAY(model_arena(m), stmt, n_acts + n_stmts + 1);
	for (i = 0; i < n_stmts; i++)
		if (stmts[i]->effect == EFFECT_DENY && stmts[i]->sid)
			ptrmap_put(&used, stmts[i]->sid, (void *)stmts[i]->sid);
	for (ord = 0, i = 0; ord < n_stmts; ord++) {
		if (stmts[ord]->effect == EFFECT_DENY) {
			pol->stmts[n] = *stmts[ord];
			pol->stmts[n].policy = pol;
			pol->stmts[n].index = n;
			n++;
			continue;
		}
		for (; i < n_acts && acts[i].ord == ord; i = j) {
			for (j = i + 1; j < n_acts && same_group(&acts[i], &acts[j]); j++)
				;
			write_group(m, pol, &pol->stmts[n], &acts[i], j - i, &used);
			pol->stmts[n].index = n;
			n++;
		}
	}
	for (k = 0; k < n; k++)
		pol->stmts[k].policy = pol;
	pol->n_stmts = n;
	free(acts);
	ptrmap_release(&used);
	return pol;
}

size_t sa_policy_chars(const policy *p)
{
	size_t n = 40, i, j, k;

	for (i = 0; i < p->n_stmts; i++) {
		const stmt *st = &p->stmts[i];
		n += 50 + (st->sid ? strlen(st->sid) : 0);
		for (j = 0; j < st->n_actions; j++)
			n += strlen(st->actions[j]) + 3;
		for (j = 0; j < st->n_resources; j++)
			n += strlen(st->resources[j]) + 3;
		for (j = 0; j < st->n_conds; j++) {
			n += strlen(st->conds[j].op) + strlen(st->conds[j].key) + 10;
			for (k = 0; k < st->conds[j].n_values; k++)
				n += strlen(st->conds[j].values[k]) + 3;
		}
	}
	return n;
}
