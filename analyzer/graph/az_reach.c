/* az_reach — Azure who-can: assignment holders, their groups' members, each decided. */
#include "graph/az_reach.h"
#include "base/diag.h"
#include "base/ptrmap.h"
#include "base/xalloc.h"
#include "eval/az_eval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *az_reach_kind(azp_kind k)
{
	switch (k) {
	case AZP_USER: return "user";
	case AZP_GROUP: return "group";
	case AZP_SERVICE_PRINCIPAL: return "service-principal";
	case AZP_MANAGED_IDENTITY: return "managed-identity";
	case AZP_FOREIGN_GROUP: return "foreign-group";
	case AZP_EVERYONE: return "everyone";
	case AZP_UNKNOWN: break;
	}
	return "unknown";
}

/* A principal reached from an assignment holder, with the path from it. */
typedef struct visit {
	const az_principal *p;
	size_t parent;          /* index of the group it was reached through; SIZE_MAX for a holder */
} visit;

static size_t path_of(const visit *vs, size_t i, const char **via, size_t max)
{
	size_t n = 0;

	while (n < max) {
		via[n++] = vs[i].p->id;
		if (vs[i].parent == SIZE_MAX)
			break;
		i = vs[i].parent;
	}
	return n;
}

static int cmp_entry(const void *a, const void *b)
{
	const reach_entry *x = a, *y = b;

	return strcmp(x->principal, y->principal);
}

int az_who_can(model *m, const char *operation, const char *scope_id, reach_result *r)
{
	az_plan *plan;
	const az_principal *const *holders;
	visit *vs = NULL;
	size_t n_vs = 0, cap = 0, n, i, j;
	ptrmap seen = PTRMAP_INIT;
	az_result res;
	const char *via[64];
	int err = 0;

	plan = az_plan_new(m, operation, scope_id);
	if (!plan)
		return PG_EUSAGE;
	az_result_init(&res);
	holders = az_plan_holders(plan, &n);
	for (i = 0; i < n; i++) {
		if (ptrmap_get(&seen, holders[i]))
			continue;
		ptrmap_put(&seen, holders[i], (void *)holders[i]);
		XGROW(vs, cap, n_vs + 1);
		vs[n_vs].p = holders[i];
		vs[n_vs++].parent = SIZE_MAX;
	}
	/* breadth-first down the groups: the first path to a member is a shortest one */
	for (i = 0; i < n_vs; i++)
		for (j = 0; j < vs[i].p->n_members; j++) {
			const az_principal *x = vs[i].p->members[j];
			if (ptrmap_get(&seen, x))
				continue;
			ptrmap_put(&seen, x, (void *)x);
			XGROW(vs, cap, n_vs + 1);
			vs[n_vs].p = x;
			vs[n_vs++].parent = i;
		}
	for (i = 0; i < n_vs && !err; i++) {
		reach_entry *e;
		size_t k;
		err = az_plan_decide(plan, vs[i].p, &res);
		r->evaluations++;
		if (err || (res.dec != DEC_ALLOW && res.dec != DEC_CONDITIONAL))
			continue;
		XGROW(r->entries, r->cap, r->count + 1);
		e = &r->entries[r->count++];
		memset(e, 0, sizeof(*e));
		e->principal = vs[i].p->id;
		e->kind = az_reach_kind(vs[i].p->kind);
		e->name = vs[i].p->name;
		e->dec = res.dec;
		e->n_via = path_of(vs, i, via, sizeof(via) / sizeof(via[0]));
		e->via = xmalloc(e->n_via * sizeof(*e->via));
		memcpy(e->via, via, e->n_via * sizeof(*via));
		if (res.n_conditions) {
			e->conditions = xmalloc(res.n_conditions * sizeof(char *));
			for (k = 0; k < res.n_conditions; k++)
				e->conditions[k] = xstrdup(res.conditions[k]);
			e->n_conditions = res.n_conditions;
		}
	}
	if (r->count > 1)
		qsort(r->entries, r->count, sizeof(*r->entries), cmp_entry);
	az_result_release(&res);
	ptrmap_release(&seen);
	free(vs);
	az_plan_free(plan);
	return err;
}
