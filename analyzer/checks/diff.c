/* diff — access and findings that a change adds, removes or changes (diff.h). */
#include "checks/diff.h"
#include "base/xalloc.h"
#include "checks/check_graph.h"

#include <stdlib.h>
#include <string.h>

void scan_diff_init(scan_diff *d)
{
	memset(d, 0, sizeof(*d));
}

static void access_list_free(diff_access_list *l)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		free(l->items[i].actions_added);
		free(l->items[i].actions_removed);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void scan_diff_release(scan_diff *d)
{
	if (!d)
		return;
	access_list_free(&d->added);
	access_list_free(&d->removed);
	access_list_free(&d->changed);
	free(d->findings_added.items);
	free(d->findings_resolved.items);
	memset(d, 0, sizeof(*d));
}

/* ---- access ---- */

static int cmp_entry(const void *a, const void *b)
{
	const access_entry *x = *(const access_entry *const *)a, *y = *(const access_entry *const *)b;
	int c = strcmp(gnode_display_id(x->principal), gnode_display_id(y->principal));

	return c ? c : strcmp(gnode_display_id(x->resource), gnode_display_id(y->resource));
}

/* The entries to synthetic stores, sorted by display ids (access_compute sorts
 * by id, which differs from the display id for Azure nodes). */
static const access_entry **synthetic_entries(const access_list *l, size_t *n)
{
	const access_entry **v = xcalloc(l->count + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < l->count; i++)
		if (l->items[i].resource->classification & CLASS_SYNTHETIC)
			v[(*n)++] = &l->items[i];
	qsort((void *)v, *n, sizeof(*v), cmp_entry);
	return v;
}

static diff_access *push_access(diff_access_list *l, const access_entry *base, const access_entry *head)
{
	const access_entry *e = head ? head : base;
	diff_access *d;

	XGROW(l->items, l->cap, l->count + 1);
	d = &l->items[l->count++];
	memset(d, 0, sizeof(*d));
	d->principal = gnode_display_id(e->principal);
	d->resource = gnode_display_id(e->resource);
	d->base = base;
	d->head = head;
	d->outside = check_outside_tenant(e->principal, e->resource);
	return d;
}

/* a minus b, both sorted and unique (strcmp), into *out (NULL when empty). */
static size_t actions_minus(const char *const *a, size_t na, const char *const *b, size_t nb, const char ***out)
{
	size_t i = 0, j = 0, n = 0;
	int c;

	*out = NULL;
	while (i < na) {
		c = j < nb ? strcmp(a[i], b[j]) : -1;
		if (c < 0) {
			if (!*out)
				*out = xcalloc(na - i, sizeof(**out));
			(*out)[n++] = a[i++];
		} else {
			if (!c)
				i++;
			j++;
		}
	}
	return n;
}

/* An entry in both sides: pushed to changed when levels, actions or decision differ. */
static void compare_entry(scan_diff *d, const access_entry *b, const access_entry *h)
{
	const char **add, **rem;
	size_t n_add, n_rem;
	diff_access *x;

	n_add = actions_minus(h->actions, h->n_actions, b->actions, b->n_actions, &add);
	n_rem = actions_minus(b->actions, b->n_actions, h->actions, h->n_actions, &rem);
	if (!n_add && !n_rem && b->levels == h->levels && b->dec == h->dec)
		return;
	x = push_access(&d->changed, b, h);
	x->levels_added = h->levels & ~b->levels;
	x->levels_removed = b->levels & ~h->levels;
	x->actions_added = add;
	x->n_actions_added = n_add;
	x->actions_removed = rem;
	x->n_actions_removed = n_rem;
	x->widened = x->levels_added || n_add || (b->dec == DEC_CONDITIONAL && h->dec == DEC_ALLOW);
	x->narrowed = x->levels_removed || n_rem || (b->dec == DEC_ALLOW && h->dec == DEC_CONDITIONAL);
	if (x->widened && x->outside)
		d->outside_added++;
}

static void diff_access_lists(const access_list *base, const access_list *head, scan_diff *d)
{
	size_t nb, nh, i = 0, j = 0;
	const access_entry **b = synthetic_entries(base, &nb), **h = synthetic_entries(head, &nh);
	diff_access *x;
	int c;

	while (i < nb || j < nh) {
		c = i == nb ? 1 : j == nh ? -1 : cmp_entry(&b[i], &h[j]);
		if (c < 0) {
			x = push_access(&d->removed, b[i++], NULL);
			x->narrowed = 1;
		} else if (c > 0) {
			x = push_access(&d->added, NULL, h[j++]);
			x->widened = 1;
			if (x->outside)
				d->outside_added++;
		} else {
			compare_entry(d, b[i++], h[j++]);
		}
	}
	free(b);
	free(h);
}

/* ---- findings ---- */

static int cmp_finding_id(const void *a, const void *b)
{
	return strcmp((*(const finding *const *)a)->id, (*(const finding *const *)b)->id);
}

/* The unsuppressed findings of l, sorted by id. */
static const finding **by_id(const finding_list *l, size_t *n)
{
	const finding **v = xcalloc(l->count + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < l->count; i++)
		if (!l->items[i].suppressed)
			v[(*n)++] = &l->items[i];
	qsort((void *)v, *n, sizeof(*v), cmp_finding_id);
	return v;
}

static const finding *lookup(const finding *const *v, size_t n, const finding *f)
{
	const finding *const *hit = bsearch(&f, v, n, sizeof(*v), cmp_finding_id);

	return hit ? *hit : NULL;
}

static void push_finding(diff_finding_list *l, const finding *f, severity base_sev)
{
	XGROW(l->items, l->cap, l->count + 1);
	l->items[l->count].f = f;
	l->items[l->count++].base_sev = base_sev;
}

/* Walk each list in its own (finding_list_sort) order, so the output keeps it. */
static void diff_findings(const finding_list *base, const finding_list *head, scan_diff *d)
{
	size_t nb, nh, i;
	const finding **b = by_id(base, &nb), **h = by_id(head, &nh), *other;

	for (i = 0; i < head->count; i++) {
		const finding *f = &head->items[i];
		if (f->suppressed)
			continue;
		other = lookup(b, nb, f);
		if (!other)
			push_finding(&d->findings_added, f, SEV_NONE);
		else if (f->sev > other->sev)
			push_finding(&d->findings_added, f, other->sev);
	}
	for (i = 0; i < base->count; i++) {
		const finding *f = &base->items[i];
		if (!f->suppressed && !lookup(h, nh, f))
			push_finding(&d->findings_resolved, f, SEV_NONE);
	}
	free(b);
	free(h);
}

int scan_diff_compute(const scan_result *base, const scan_result *head, scan_diff *out)
{
	if (!base || !head || !out)
		return PG_EINTERNAL;
	scan_diff_release(out);
	diff_access_lists(&base->access, &head->access, out);
	diff_findings(&base->findings, &head->findings, out);
	return 0;
}

int scan_diff_fails(const scan_diff *d, severity fail_on)
{
	size_t i;

	if (d->outside_added)
		return 1;
	for (i = 0; fail_on != SEV_NONE && i < d->findings_added.count; i++)
		if (d->findings_added.items[i].f->sev >= fail_on)
			return 1;
	return 0;
}

void scan_diff_counts(const diff_finding_list *l, size_t counts[SEV_CRITICAL + 1])
{
	size_t i;

	memset(counts, 0, sizeof(size_t) * (SEV_CRITICAL + 1));
	for (i = 0; i < l->count; i++)
		if (l->items[i].f->sev <= SEV_CRITICAL)
			counts[l->items[i].f->sev]++;
}
