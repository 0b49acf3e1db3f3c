/*
 * az_graph_esc — Azure escalation edges on resources, from the techniques of
 * catalog/az_privesc and the drafts az_graph_access computes:
 * - a host that runs as managed identities (AZ_PE_ON_HOST; a user-assigned
 *   identity resource for AZ_PE_ON_IDENTITY alternatives made only of
 *   operations on the identity): GE_CAN_ACT_AS actor -> each identity, for
 *   every principal allowed every operation of one alternative on it;
 * - a classified store or vault (AZ_PE_ON_STORE, AZ_PE_ON_VAULT): GE_ACCESS
 *   actor -> resource with levels read and write and the technique id set:
 *   data access without data actions (listKeys, SAS, access policies).
 * One edge per actor, target and technique (the first alternative that
 * works). Flags the inputs cannot settle (shared key, access-policy mode,
 * Entra roles, basic auth, machine login, Kubernetes) make the edge
 * conditional, with the reason in its conditions. Not modelled: alternatives
 * with an operation missing from the operations catalogue, AZ_PE_NEW_HOST
 * (az-024), and a member that gets the operations of one alternative only
 * from different groups (no single principal holds them all).
 */
#include "graph/az_graph_internal.h"
#include "base/strci.h"
#include "base/xalloc.h"
#include "catalog/az_privesc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *flag_text(unsigned flag)
{
	switch (flag) {
	case AZ_PE_F_SHARED_KEY:
		return "the account accepts Shared Key authorization (allowSharedKeyAccess / disableLocalAuth "
		       "is not in the inputs)";
	case AZ_PE_F_ACCESS_POLICY:
		return "the vault uses the access-policy permission model (enableRbacAuthorization is not in "
		       "the inputs)";
	case AZ_PE_F_ENTRA_ROLE:
		return "the principal holds the Global Administrator directory role (Entra directory roles are "
		       "not in the inputs)";
	case AZ_PE_F_BASIC_AUTH:
		return "basic publishing credentials are allowed on the app (basicPublishingCredentialsPolicies "
		       "is not in the inputs)";
	case AZ_PE_F_MACHINE_LOGIN:
		return "the machine has the Entra login extension and is reachable over RDP or SSH (not in the "
		       "inputs)";
	case AZ_PE_F_KUBERNETES:
		return "local accounts or Kubernetes RBAC of the cluster allow it, and the identity gained is "
		       "the kubelet identity (not in the inputs)";
	default:
		return NULL;    /* AZ_PE_F_ASSIGNED_ROLE: decided here */
	}
}

/* The operation's index among t's, or -1. */
static long op_index(const azg_type *t, const char *op)
{
	size_t lo = 0, hi = t->n_ops;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strci_cmp(t->ops[mid], op);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int type_matches(const az_privesc_technique *tq, const char *type)
{
	size_t i;

	for (i = 0; type && i < tq->n_resource_types; i++)
		if (!strci_cmp(tq->resource_types[i], type))
			return 1;
	return 0;
}

/* The operation indices of alt when every operation is where the technique's
 * target is and catalogued for t; 0 when the alternative is not usable here.
 * Cached per type (index 0 of the cached array holds the count). */
static size_t alt_ops(azg_ctx *c, azg_type *t, const az_privesc_technique *tq, const az_privesc_alt *alt,
		      size_t *idx)
{
	size_t *cached = ptrmap_get(&t->alts, alt), i, n = alt->n_ops;

	if (!cached) {
		cached = ARENA_ARRAY(&c->mem, size_t, AZG_MAX_ALT_OPS + 1);
		for (i = 0; n <= AZG_MAX_ALT_OPS && i < n; i++) {
			long k = alt->ops[i].where == tq->where ? op_index(t, alt->ops[i].name) : -1;
			if (k < 0)
				break;
			cached[i + 1] = (size_t)k;
		}
		cached[0] = n <= AZG_MAX_ALT_OPS && i == n ? n : 0;
		ptrmap_put(&t->alts, alt, cached);
	}
	memcpy(idx, cached + 1, cached[0] * sizeof(*idx));
	return cached[0];
}

/* The graph-owned names of alt's operations (once per alternative). */
static const char **alt_names(azg_ctx *c, const az_privesc_alt *alt)
{
	const char **names = ptrmap_get(&c->alt_names, alt);
	const char *tmp[AZG_MAX_ALT_OPS];
	size_t i;

	if (names)
		return names;
	for (i = 0; i < alt->n_ops && i < AZG_MAX_ALT_OPS; i++)
		tmp[i] = alt->ops[i].name;
	names = graph_strings(c->g, tmp, i);
	ptrmap_put(&c->alt_names, alt, (void *)names);
	return names;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The graph-owned conditions of an escalation: conds (sorted, unique) plus
 * the technique's flags the inputs cannot settle, which make it conditional. */
const char **azg_esc_conds(azg_ctx *c, const az_privesc_technique *tq, const char **conds, size_t n,
			   decision *dec, size_t *n_out)
{
	size_t i, k;
	unsigned bit;

	for (bit = 0; bit < 16; bit++)
		if ((tq->flags & (1u << bit)) && flag_text(1u << bit)) {
			conds[n++] = flag_text(1u << bit);
			*dec = DEC_CONDITIONAL;
		}
	qsort(conds, n, sizeof(*conds), cmp_str);
	for (i = k = 0; i < n; i++)
		if (!k || strcmp(conds[k - 1], conds[i]))
			conds[k++] = conds[i];
	*n_out = k;
	return azg_conds_of(c, (char *const *)conds, k);
}

gedge *azg_esc_edge(azg_ctx *c, gedge_kind kind, gnode *from, gnode *to, const az_privesc_technique *tq,
		    const az_privesc_alt *alt, decision dec, const char **conds, size_t n, pg_loc loc)
{
	gedge *e;

	if (!from || !to || from == to)
		return NULL;
	e = graph_add_edge(c->g, kind, from, to);
	e->technique = tq->id;
	e->actions = alt_names(c, alt);
	e->n_actions = alt->n_ops;
	e->dec = dec;
	e->conditions = conds;
	e->n_conditions = n;
	e->loc = loc;
	c->st.escalation_edges++;
	return e;
}

/* --- techniques on a resource, from its drafts ---------------------------------------- */

/* What a resource's drafts give: one entry per actor and technique (the first
 * alternative that works), kept per drafts array so resources that share
 * drafts (same type and chain) share the answer. */
typedef struct esc_item {
	const az_principal *who;
	const az_privesc_technique *tq;
	const az_privesc_alt *alt;
	decision dec;
	const char **conds;
	size_t n_conds;
	pg_loc loc;
} esc_item;

typedef struct esc_list {
	esc_item *items;
	size_t n;
} esc_list;

/* The best of one principal's drafts g[0..n) that allows operation op (allow first), or NULL. */
static const azg_draft *cover(const azg_draft *const *g, size_t n, size_t op)
{
	const azg_draft *best = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (azg_bit(g[i]->set->bits, op) && (!best || best->dec != DEC_ALLOW))
			best = g[i];
	return best;
}

/* The first alternative of tq whose every operation one principal's drafts allow, as an item. */
static int technique_item(azg_ctx *c, azg_type *t, const az_privesc_technique *tq, const azg_draft *const *g,
			  size_t n, esc_item *out)
{
	size_t a, j, k, idx[AZG_MAX_ALT_OPS], n_ops;
	const char *conds[AZG_MAX_CONDS + 16];

	for (a = 0; a < tq->n_alternatives; a++) {
		const az_privesc_alt *alt = &tq->alternatives[a];
		const azg_draft *first = NULL;
		size_t n_conds = 0;
		decision dec = DEC_ALLOW;
		if (!(n_ops = alt_ops(c, t, tq, alt, idx)))
			continue;
		for (j = 0; j < n_ops; j++) {
			const azg_draft *cv = cover(g, n, idx[j]);
			if (!cv)
				break;
			if (!first)
				first = cv;
			if (cv->dec != DEC_ALLOW)
				dec = DEC_CONDITIONAL;
			for (k = 0; k < cv->n_conds && n_conds < AZG_MAX_CONDS; k++)
				conds[n_conds++] = cv->conds[k];
		}
		if (j < n_ops)
			continue;
		out->who = g[0]->who;
		out->tq = tq;
		out->alt = alt;
		out->conds = azg_esc_conds(c, tq, conds, n_conds, &dec, &out->n_conds);
		out->dec = dec;
		out->loc = first->x ? first->x->loc : (pg_loc){ 0 };
		return 1;
	}
	return 0;
}

/* The techniques tqs[0..n_tq) give the principals of drafts d[0..n), in the
 * order the principals first appear (edges come out in a stable order). */
static const esc_list *technique_items(azg_ctx *c, azg_type *t, const az_privesc_technique *const *tqs,
				       size_t n_tq, const azg_draft *d, size_t n)
{
	esc_list *l = ptrmap_get(&c->esc_memo, d);
	ptrmap slot = PTRMAP_INIT;      /* principal -> 1 + its first position in by */
	const azg_draft **by;
	size_t *start, *count;
	esc_item *items = NULL, it;
	size_t n_items = 0, cap = 0, n_who = 0, i, q;

	if (l)
		return l;
	/* group the drafts by principal: count, then place */
	by = xmalloc((n + 1) * sizeof(*by));
	start = xcalloc(n + 1, sizeof(*start));
	count = xcalloc(n + 1, sizeof(*count));
	for (i = 0; i < n; i++) {
		size_t g = (size_t)(uintptr_t)ptrmap_get(&slot, d[i].who);
		if (!g) {
			g = ++n_who;
			ptrmap_put(&slot, d[i].who, (void *)(uintptr_t)g);
		}
		count[g - 1]++;
	}
	for (i = 1; i < n_who; i++)
		start[i] = start[i - 1] + count[i - 1];
	memset(count, 0, (n + 1) * sizeof(*count));
	for (i = 0; i < n; i++) {
		size_t g = (size_t)(uintptr_t)ptrmap_get(&slot, d[i].who) - 1;
		by[start[g] + count[g]++] = &d[i];
	}
	for (i = 0; i < n_who; i++)
		for (q = 0; q < n_tq; q++)
			if (technique_item(c, t, tqs[q], by + start[i], count[i], &it)) {
				XGROW(items, cap, n_items + 1);
				items[n_items++] = it;
			}
	l = ARENA_NEW(&c->mem, esc_list);
	l->items = arena_memdup(&c->mem, items, n_items, sizeof(*items));
	l->n = n_items;
	if (d)
		ptrmap_put(&c->esc_memo, d, l);
	ptrmap_release(&slot);
	free(items);
	free(by);
	free(start);
	free(count);
	return l;
}

static void emit_items(azg_ctx *c, const esc_list *l, gedge_kind kind, unsigned levels, gnode *const *targets,
		       size_t n_targets)
{
	size_t i, k;

	for (i = 0; i < l->n; i++)
		for (k = 0; k < n_targets; k++) {
			const esc_item *it = &l->items[i];
			gedge *e = azg_esc_edge(c, kind, azg_pnode(c, it->who), targets[k], it->tq, it->alt, it->dec,
						it->conds, it->n_conds, it->loc);
			if (e)
				e->levels = levels;
		}
}

/* The techniques whose target may be r (where in w1 or w2, r's type among theirs). */
static size_t techniques_for(const az_resource *r, az_privesc_where w1, az_privesc_where w2,
			     const az_privesc_technique **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < az_privesc_count() && n < max; i++) {
		const az_privesc_technique *tq = az_privesc_get(i);
		if ((tq->where == w1 || tq->where == w2) && type_matches(tq, r->type))
			out[n++] = tq;
	}
	return n;
}

int azg_store_edges(azg_ctx *c, const az_resource *r, gnode *node, azg_type *t, const azg_draft *d, size_t n)
{
	const az_privesc_technique *tqs[64];
	size_t n_tq = techniques_for(r, AZ_PE_ON_STORE, AZ_PE_ON_VAULT, tqs, 64);

	if (n_tq && n)
		emit_items(c, technique_items(c, t, tqs, n_tq, d, n), GE_ACCESS, LEVEL_READ | LEVEL_WRITE, &node, 1);
	return 0;
}

int azg_host_edges(azg_ctx *c, const az_resource *r)
{
	const az_privesc_technique *tqs[64];
	gnode *targets[16];
	size_t n_tq, n_targets = 0, i, a, k, idx[AZG_MAX_ALT_OPS], n_ops, n;
	azg_type *t;
	uint64_t *mask;
	const azg_draft *d;
	int any = 0, err;

	for (i = 0; i < r->n_identities && n_targets < 16; i++)
		if ((targets[n_targets] = azg_pnode(c, r->identities[i])))
			n_targets++;
	n_tq = techniques_for(r, AZ_PE_ON_HOST, AZ_PE_ON_IDENTITY, tqs, 64);
	if (!n_targets || !n_tq)
		return 0;
	t = azg_type_get(c, r->type);
	mask = xcalloc(t->words, sizeof(uint64_t));
	for (i = 0; i < n_tq; i++)
		for (a = 0; a < tqs[i]->n_alternatives; a++)
			for (k = 0, n_ops = alt_ops(c, t, tqs[i], &tqs[i]->alternatives[a], idx); k < n_ops; k++) {
				azg_set_bit(mask, idx[k]);
				any = 1;
			}
	err = any ? azg_drafts(c, r, t, mask, "host", &d, &n) : 0;
	free(mask);
	if (any && !err && n)
		emit_items(c, technique_items(c, t, tqs, n_tq, d, n), GE_CAN_ACT_AS, 0, targets, n_targets);
	return err;
}
