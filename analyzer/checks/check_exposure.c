/* check_exposure — synthetic stores reached from outside: other accounts, tenants and organizations. */
#include "checks/check_graph.h"
#include "base/strbuf.h"

#include <string.h>

const char *const check_controls_cross_tenant[] = { "NIST SP 800-53 AC-3", "NIST SP 800-53 AC-21",
						    "NIST SP 800-53 AC-20", NULL };
const char *const check_controls_exposure[] = { "NIST SP 800-53 AC-3", "NIST SP 800-53 AC-6",
						"NIST SP 800-53 SC-28", NULL };

#define WRITES (LEVEL_WRITE | LEVEL_PERMISSIONS)

/* 1 when the principal is outside the store: another account, tenant or organization, or
 * another configured SaaS tenant (check_graph.h; `diff` gates on it too). */
int check_outside_tenant(const gnode *who, const gnode *store)
{
	if (who->external)
		return 1;
	return who->tenant && store->tenant && strcmp(who->tenant, store->tenant) != 0;
}

void check_graph_levels_text(strbuf *sb, unsigned levels)
{
	unsigned bit;

	for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
		if (levels & bit)
			strbuf_addf(sb, "%s%s", sb->len ? ", " : "", graph_level_name(bit));
}

void check_graph_stores_text(strbuf *sb, size_t n, const gnode *first)
{
	if (n == 1)
		strbuf_addf(sb, "synthetic store '%s'", gnode_display_id(first));
	else
		strbuf_addf(sb, "%zu synthetic stores (first: '%s')", n, gnode_display_id(first));
}


static const char *why(const gnode *who, const gnode *store)
{
	if (who->external && who->external_why)
		return who->external_why;
	if (who->external)
		return "outside the accounts and tenants of the inputs";
	return store->tenant ? "of another SaaS tenant" : "of another tenant";
}

/* One principal's entries [i, end): one finding per rule, naming the first store and the count. */
static void check_principal(const access_list *all, size_t i, size_t end, finding_list *out)
{
	const gnode *who = all->items[i].principal;
	const access_entry *reach = NULL, *write = NULL;
	size_t n_reach = 0, n_write = 0, j;
	unsigned lv_reach = 0, lv_write = 0;
	strbuf msg = STRBUF_INIT, lv = STRBUF_INIT;
	finding *f;

	for (j = i; j < end; j++) {
		const access_entry *e = &all->items[j];
		if (!(e->resource->classification & CLASS_SYNTHETIC) || !check_outside_tenant(who, e->resource))
			continue;
		reach = reach ? reach : e;
		n_reach++;
		lv_reach |= e->levels;
		if (e->levels & WRITES) {
			write = write ? write : e;
			n_write++;
			lv_write |= e->levels & WRITES;
		}
	}
	if (reach) {
		check_graph_levels_text(&lv, lv_reach);
		strbuf_addf(&msg, "'%s' (%s) has %s access to ", gnode_display_id(who), why(who, reach->resource), lv.buf);
		check_graph_stores_text(&msg, n_reach, reach->resource);
		f = finding_add(out, "PG-CROSS-TENANT-REACH", "cross-tenant", (lv_reach & WRITES) ? SEV_CRITICAL : SEV_HIGH,
				gnode_display_id(who), n_reach == 1 ? gnode_display_id(reach->resource) : NULL, NULL,
				msg.buf,
				"remove the grant to the outside principal, or guard the stores with a condition on the "
				"organization or tenant (aws:PrincipalOrgID, a deny outside the tenant)",
				check_graph_loc(reach), check_controls_cross_tenant);
		check_graph_add_path(f, reach);
	}
	if (write) {
		strbuf_reset(&msg);
		strbuf_reset(&lv);
		check_graph_levels_text(&lv, lv_write);
		strbuf_addf(&msg, "'%s', outside the store's tenant, has %s access to ", gnode_display_id(who), lv.buf);
		check_graph_stores_text(&msg, n_write, write->resource);
		f = finding_add(out, "PG-SYNTHETIC-EXPOSURE-WRITE", "synthetic-exposure", SEV_HIGH, gnode_display_id(who),
				n_write == 1 ? gnode_display_id(write->resource) : NULL, NULL, msg.buf,
				"limit write and permission management on synthetic stores to principals of the store's "
				"own tenant (its generator and owners)",
				check_graph_loc(write), check_controls_exposure);
		check_graph_add_path(f, write);
	}
	strbuf_release(&msg);
	strbuf_release(&lv);
}

void check_exposure(const graph *g, const access_list *all, finding_list *out)
{
	size_t i = 0, end;

	(void)g;
	while (i < all->count) {
		for (end = i; end < all->count && all->items[end].principal == all->items[i].principal; end++)
			;
		check_principal(all, i, end, out);
		i = end;
	}
}
