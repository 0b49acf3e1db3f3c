/* check_privesc — access to synthetic stores gained only by escalating. */
#include "checks/check_graph.h"
#include "base/strbuf.h"

#include <stdint.h>
#include <string.h>

const char *const check_controls_privesc[] = { "NIST SP 800-53 AC-6", "NIST SP 800-53 AC-6(1)",
					       "NIST SP 800-53 AC-6(5)", NULL };

#define NO_ESCALATION ((1u << GE_MEMBER_OF) | (1u << GE_CAN_ASSUME))
#define MAX_PATH 64

static unsigned levels_without(const access_list *l, size_t first, const gnode *res)
{
	size_t i;

	for (i = first; i < l->count; i++)
		if (l->items[i].resource == res)
			return l->items[i].levels;
	return 0;
}

/* The first reached principal (breadth-first) whose path escalates and that holds
 * an access edge to res granting some of `extra`; its reach index, or SIZE_MAX. */
static size_t escalated_holder(const greach_set *rs, const gnode *res, unsigned extra, gedge **via)
{
	size_t i, j, k;

	for (i = 0; i < rs->count; i++) {
		int escalates = 0;
		for (k = i; rs->items[k].parent != SIZE_MAX && !escalates; k = rs->items[k].parent)
			escalates = rs->items[k].via->kind == GE_CAN_ACT_AS;
		if (!escalates)
			continue;
		for (j = 0; j < rs->items[i].node->n_out; j++) {
			gedge *e = rs->items[i].node->out[j];
			if (e->kind == GE_ACCESS && e->to == res && (e->levels & extra)) {
				*via = e;
				return i;
			}
		}
	}
	return SIZE_MAX;
}

static void report(const greach_set *rs, size_t at, gedge *access, const access_entry *full, unsigned extra,
		   finding_list *out)
{
	gedge *path[MAX_PATH];
	const gedge *esc = NULL;
	size_t n = graph_path(rs, at, path, MAX_PATH), i;
	strbuf msg = STRBUF_INIT, lv = STRBUF_INIT;
	unsigned bit;
	finding *f;

	for (i = 0; i < n && !esc; i++)
		if (path[i]->kind == GE_CAN_ACT_AS)
			esc = path[i];
	for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (extra & bit)
			strbuf_addf(&lv, "%s%s", lv.len ? ", " : "", graph_level_name(bit));
	strbuf_addf(&msg, "'%s' can gain %s access to synthetic store '%s' by privilege escalation (%s)",
		    gnode_display_id(full->principal), lv.buf, gnode_display_id(full->resource),
		    esc && esc->technique ? esc->technique : "can-act-as");
	f = finding_add(out, "PG-PRIVESC-SYNTHETIC", "privilege-escalation",
			(extra & (LEVEL_WRITE | LEVEL_PERMISSIONS)) ? SEV_CRITICAL : SEV_HIGH,
			gnode_display_id(full->principal), gnode_display_id(full->resource),
			esc && esc->technique ? esc->technique : NULL, msg.buf,
			"remove the escalation: take away the actions the technique needs (or scope their Resource "
			"to exclude the target), or add a permission boundary or an explicit Deny",
			esc ? esc->loc : access->loc, check_controls_privesc);
	if (esc)
		finding_set_actions(f, esc->actions, esc->n_actions);
	for (i = 0; i < n; i++)
		finding_add_step(f, gnode_display_id(path[i]->from), gnode_display_id(path[i]->to),
				 path[i]->kind == GE_CAN_ACT_AS && path[i]->technique ? path[i]->technique
										      : gedge_kind_name(path[i]->kind));
	finding_add_step(f, gnode_display_id(access->from), gnode_display_id(access->to), "access");
	strbuf_release(&msg);
	strbuf_release(&lv);
}

void check_privesc(const graph *g, const access_list *all, finding_list *out)
{
	access_list without;
	greach_set rs;
	size_t i = 0, j;

	access_list_init(&without);
	greach_set_init(&rs);
	while (i < all->count) {
		const gnode *who = all->items[i].principal;
		size_t end = i;
		int computed = 0;
		while (end < all->count && all->items[end].principal == who)
			end++;
		for (j = i; j < end; j++) {
			const access_entry *e = &all->items[j];
			unsigned extra;
			gedge *via = NULL;
			size_t at;
			if (!(e->resource->classification & CLASS_SYNTHETIC))
				continue;
			if (!computed) {
				access_list_release(&without);
				access_of_kinds(g, who, NO_ESCALATION, &without);
				graph_reach(g, who, &rs);
				computed = 1;
			}
			/* tagging is left out: Azure tags are written through Microsoft.Resources/tags,
			 * which access edges do not list, so a tagging "gain" would be an artifact */
			extra = e->levels & ~levels_without(&without, 0, e->resource) & ~(unsigned)LEVEL_TAGGING;
			if (!extra || (at = escalated_holder(&rs, e->resource, extra, &via)) == SIZE_MAX)
				continue;
			report(&rs, at, via, e, extra, out);
		}
		i = end;
	}
	access_list_release(&without);
	greach_set_release(&rs);
}
