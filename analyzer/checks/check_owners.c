/* check_owners — writers of synthetic stores outside the stores' configured owners. */
#include "checks/check_graph.h"

#include <string.h>

#define WRITES (LEVEL_WRITE | LEVEL_PERMISSIONS)

/* A node's ids a config glob may name: the canonical id, as written, and the display name. */
static size_t ids_of(const gnode *n, const char *out[3])
{
	size_t k = 0;

	out[k++] = n->id;
	if (n->written)
		out[k++] = n->written;
	if (n->name)
		out[k++] = n->name;
	return k;
}

static void check_principal(const access_list *all, size_t i, size_t end, const config *cfg, finding_list *out)
{
	const gnode *who = all->items[i].principal;
	const access_entry *first = NULL;
	const char *who_ids[3], *store_ids[3];
	size_t n_who = ids_of(who, who_ids), n = 0;
	unsigned levels = 0;
	strbuf msg = STRBUF_INIT, lv = STRBUF_INIT;
	finding *f;

	for (; i < end; i++) {
		const access_entry *e = &all->items[i];
		size_t n_store;
		/* the holder of the grant: others act through it */
		if (!(e->resource->classification & CLASS_SYNTHETIC) || !(e->levels & WRITES) ||
		    e->via[e->n_via - 1] != who)
			continue;
		n_store = ids_of(e->resource, store_ids);
		if (!config_store_owners(cfg, store_ids, n_store) ||
		    config_is_owner(cfg, store_ids, n_store, who_ids, n_who))
			continue;
		first = first ? first : e;
		levels |= e->levels & WRITES;
		n++;
	}
	if (!first)
		return;
	check_graph_levels_text(&lv, levels);
	strbuf_addf(&msg, "'%s' is not a configured owner but has %s access to ", gnode_display_id(who), lv.buf);
	check_graph_stores_text(&msg, n, first->resource);
	f = finding_add(out, "PG-SYNTHETIC-EXPOSURE-OWNER", "synthetic-exposure", SEV_HIGH, gnode_display_id(who),
			n == 1 ? gnode_display_id(first->resource) : NULL, NULL, msg.buf,
			"remove the write and permission-management grant, or add the principal to the stores' owners "
			"in permgraph.yaml if it is meant to write them", check_graph_loc(first), check_controls_exposure);
	check_graph_add_path(f, first);
	strbuf_release(&msg);
	strbuf_release(&lv);
}

void check_owners(const access_list *all, const config *cfg, finding_list *out)
{
	size_t i = 0, end;

	if (!cfg->n_owners)
		return;
	while (i < all->count) {
		for (end = i; end < all->count && all->items[end].principal == all->items[i].principal; end++)
			;
		check_principal(all, i, end, cfg, out);
		i = end;
	}
}
