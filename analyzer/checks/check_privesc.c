/* check_privesc — access to synthetic stores gained only by escalating. */
#include "checks/check_graph.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const check_controls_privesc[] = { "NIST SP 800-53 AC-6", "NIST SP 800-53 AC-6(1)",
					       "NIST SP 800-53 AC-6(5)", NULL };

#define NO_ESCALATION ((1u << GE_MEMBER_OF) | (1u << GE_CAN_ASSUME))
#define MAX_PATH 64

/* Per principal: for every store, the access edges of reached principals
 * whose path escalates, in breadth-first order (a list per node index). */
typedef struct holder {
	size_t at;                      /* reach index */
	gedge *edge;
	size_t next;                    /* index + 1 in pool, 0 ends */
} holder;

typedef struct holders {
	size_t *head, *tail;            /* by node index: index + 1 in pool */
	holder *pool;
	size_t n_pool, cap_pool, n_nodes;
	unsigned char *escalates;       /* by reach index */
	size_t cap_esc;
} holders;

static void holders_init(holders *h, const graph *g)
{
	memset(h, 0, sizeof(*h));
	graph_nodes(g, &h->n_nodes);
	h->head = xcalloc(h->n_nodes ? h->n_nodes : 1, sizeof(*h->head));
	h->tail = xcalloc(h->n_nodes ? h->n_nodes : 1, sizeof(*h->tail));
}

static void holders_release(holders *h)
{
	free(h->head);
	free(h->tail);
	free(h->pool);
	free(h->escalates);
}

/* Index the access edges of rs's escalating holders by store, clearing the previous principal's. */
static void holders_fill(holders *h, const greach_set *rs)
{
	size_t i, j;

	for (i = 0; i < h->n_pool; i++) {
		size_t r = h->pool[i].edge->to->index;
		h->head[r] = h->tail[r] = 0;
	}
	h->n_pool = 0;
	XGROW(h->escalates, h->cap_esc, rs->count);
	for (i = 0; i < rs->count; i++) {
		const greach *it = &rs->items[i];
		/* a parent is always reached before its children */
		h->escalates[i] = it->parent != SIZE_MAX &&
				  (h->escalates[it->parent] || it->via->kind == GE_CAN_ACT_AS);
		if (!h->escalates[i])
			continue;
		for (j = 0; j < it->node->n_out; j++) {
			gedge *e = it->node->out[j];
			size_t r = e->to->index;
			if (e->kind != GE_ACCESS || r >= h->n_nodes || !(e->to->classification & CLASS_SYNTHETIC))
				continue;
			XGROW(h->pool, h->cap_pool, h->n_pool + 1);
			h->pool[h->n_pool].at = i;
			h->pool[h->n_pool].edge = e;
			h->pool[h->n_pool].next = 0;
			h->n_pool++;
			if (h->tail[r])
				h->pool[h->tail[r] - 1].next = h->n_pool;
			else
				h->head[r] = h->n_pool;
			h->tail[r] = h->n_pool;
		}
	}
}

/* The first reached principal (breadth-first) whose path escalates and that holds
 * an access edge to res granting some of `extra`; its reach index, or SIZE_MAX. */
static size_t escalated_holder(const holders *h, const gnode *res, unsigned extra, gedge **via)
{
	size_t k;

	for (k = res->index < h->n_nodes ? h->head[res->index] : 0; k; k = h->pool[k - 1].next)
		if (h->pool[k - 1].edge->levels & extra) {
			*via = h->pool[k - 1].edge;
			return h->pool[k - 1].at;
		}
	return SIZE_MAX;
}

/* The gains of one principal through one escalation edge: one finding. */
typedef struct gain {
	const gedge *esc;               /* the first can-act-as edge of the path */
	const access_entry *first;      /* the first store (in resource order) */
	size_t at;                      /* its holder's reach index */
	gedge *access;                  /* the holder's access edge to it */
	unsigned extra;                 /* levels gained, over every store */
	size_t stores;
} gain;

static const gedge *first_escalation(const greach_set *rs, size_t at)
{
	gedge *path[MAX_PATH];
	size_t n = graph_path(rs, at, path, MAX_PATH), i;

	for (i = 0; i < n; i++)
		if (path[i]->kind == GE_CAN_ACT_AS)
			return path[i];
	return NULL;
}

static void report(const greach_set *rs, const gain *gn, finding_list *out)
{
	gedge *path[MAX_PATH];
	const gedge *esc = gn->esc;
	size_t n = graph_path(rs, gn->at, path, MAX_PATH), i;
	strbuf msg = STRBUF_INIT, lv = STRBUF_INIT, disc = STRBUF_INIT;
	unsigned bit;
	finding *f;

	for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (gn->extra & bit)
			strbuf_addf(&lv, "%s%s", lv.len ? ", " : "", graph_level_name(bit));
	strbuf_addf(&msg, "'%s' can gain %s access to ", gnode_display_id(gn->first->principal), lv.buf);
	if (gn->stores == 1)
		strbuf_addf(&msg, "synthetic store '%s'", gnode_display_id(gn->first->resource));
	else
		strbuf_addf(&msg, "%zu synthetic stores (first: '%s')", gn->stores, gnode_display_id(gn->first->resource));
	strbuf_addf(&msg, " by privilege escalation: %s to '%s'", esc->technique ? esc->technique : "can-act-as",
		    gnode_display_id(esc->to));
	strbuf_addf(&disc, "%s|%s", esc->technique ? esc->technique : "", esc->to->id);
	f = finding_add(out, "PG-PRIVESC-SYNTHETIC", "privilege-escalation",
			(gn->extra & (LEVEL_WRITE | LEVEL_PERMISSIONS)) ? SEV_CRITICAL : SEV_HIGH,
			gnode_display_id(gn->first->principal),
			gn->stores == 1 ? gnode_display_id(gn->first->resource) : NULL, disc.buf, msg.buf,
			"remove the escalation: take away the actions the technique needs (or scope their Resource "
			"to exclude the target), or add a permission boundary or an explicit Deny",
			esc->loc, check_controls_privesc);
	finding_set_actions(f, esc->actions, esc->n_actions);
	for (i = 0; i < n; i++)
		check_graph_add_step(f, path[i]);
	check_graph_add_step(f, gn->access);
	strbuf_release(&msg);
	strbuf_release(&lv);
	strbuf_release(&disc);
}

void check_privesc(const graph *g, const access_list *all, finding_list *out)
{
	access_levels without;
	holders h;
	greach_set rs;
	gain *gains = NULL;
	size_t i = 0, j, k, n_gains, cap_gains = 0;

	access_levels_init(&without, g);
	holders_init(&h, g);
	greach_set_init(&rs);
	while (i < all->count) {
		const gnode *who = all->items[i].principal;
		size_t end = i;
		int computed = 0;
		while (end < all->count && all->items[end].principal == who)
			end++;
		n_gains = 0;
		for (j = i; j < end; j++) {
			const access_entry *e = &all->items[j];
			const gedge *esc;
			unsigned extra;
			gedge *via = NULL;
			size_t at;
			if (!(e->resource->classification & CLASS_SYNTHETIC))
				continue;
			if (!computed) {
				access_levels_of_kinds(g, who, NO_ESCALATION, &without);
				graph_reach(g, who, &rs);
				holders_fill(&h, &rs);
				computed = 1;
			}
			/* tagging is left out: Azure tags are written through Microsoft.Resources/tags,
			 * which access edges do not list, so a tagging "gain" would be an artifact */
			extra = e->levels & ~without.by_node[e->resource->index] & ~(unsigned)LEVEL_TAGGING;
			if (!extra || (at = escalated_holder(&h, e->resource, extra, &via)) == SIZE_MAX ||
			    !(esc = first_escalation(&rs, at)))
				continue;
			for (k = 0; k < n_gains && gains[k].esc != esc; k++)
				;
			if (k == n_gains) {
				XGROW(gains, cap_gains, n_gains + 1);
				memset(&gains[k], 0, sizeof(gains[k]));
				gains[k].esc = esc;
				gains[k].first = e;
				gains[k].at = at;
				gains[k].access = via;
				n_gains++;
			}
			gains[k].extra |= extra;
			gains[k].stores++;
		}
		for (k = 0; k < n_gains; k++)
			report(&rs, &gains[k], out);
		i = end;
	}
	free(gains);
	access_levels_release(&without);
	holders_release(&h);
	greach_set_release(&rs);
}
