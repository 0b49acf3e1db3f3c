/* check_segregation — synthetic and production data not kept apart. */
#include "checks/check_graph.h"
#include "model/azure.h"
#include "base/strbuf.h"

#include <string.h>

const char *const check_controls_segregation[] = { "NIST SP 800-53 AC-4", "NIST SP 800-53 SC-7", NULL };

#define WRITES (LEVEL_WRITE | LEVEL_PERMISSIONS)

void check_graph_add_step(finding *f, const gedge *e)
{
	finding_add_step(f, gnode_display_id(e->from), gnode_display_id(e->to),
			 e->kind == GE_CAN_ACT_AS && e->technique ? e->technique : gedge_kind_name(e->kind));
}

void check_graph_add_path(finding *f, const access_entry *e)
{
	size_t i;

	for (i = 0; i < e->n_path; i++)
		check_graph_add_step(f, e->path[i]);
}

pg_loc check_graph_loc(const access_entry *e)
{
	pg_loc none = { NULL, 0, 0 };

	return e->n_path ? e->path[e->n_path - 1]->loc : none;
}

/* One principal's entries [i, end): writes to both kinds of store, or a production principal reading synthetic data. */
static void check_principal(const access_list *all, size_t i, size_t end, finding_list *out)
{
	const access_entry *syn = NULL, *prod = NULL, *read = NULL;
	const gnode *who = all->items[i].principal;
	size_t n_syn = 0, n_prod = 0, j;
	strbuf msg = STRBUF_INIT;
	finding *f;

	for (j = i; j < end; j++) {
		const access_entry *e = &all->items[j];
		unsigned c = e->resource->classification;
		if ((e->levels & WRITES) && (c & CLASS_SYNTHETIC) && !(c & CLASS_PRODUCTION)) {
			syn = syn ? syn : e;
			n_syn++;
		}
		if ((e->levels & WRITES) && (c & CLASS_PRODUCTION) && !(c & CLASS_SYNTHETIC)) {
			prod = prod ? prod : e;
			n_prod++;
		}
		if ((who->classification & CLASS_PRODUCTION) && (c & CLASS_SYNTHETIC) &&
		    (e->levels & LEVEL_READ) && !read)
			read = e;
	}
	if (syn && prod) {
		strbuf_addf(&msg, "'%s' can write %zu synthetic store(s) (first: '%s') and %zu production store(s) "
				  "(first: '%s'): synthetic and production data are not kept apart",
			    gnode_display_id(who), n_syn, gnode_display_id(syn->resource), n_prod,
			    gnode_display_id(prod->resource));
		f = finding_add(out, "PG-SEGREGATION-WRITES-BOTH", "segregation", SEV_HIGH, gnode_display_id(who), NULL,
				NULL, msg.buf,
				"give the synthetic-data pipeline and production workloads separate principals; scope this "
				"principal's write permissions to one side",
				check_graph_loc(syn), check_controls_segregation);
		check_graph_add_path(f, syn);
		check_graph_add_path(f, prod);
	}
	if (read) {
		strbuf_reset(&msg);
		strbuf_addf(&msg, "production principal '%s' can read synthetic store '%s': synthetic data can leak "
				  "into production", gnode_display_id(who), gnode_display_id(read->resource));
		f = finding_add(out, "PG-SEGREGATION-PRODUCTION-READS-SYNTHETIC", "segregation", SEV_MEDIUM,
				gnode_display_id(who), gnode_display_id(read->resource), NULL, msg.buf,
				"remove synthetic stores from production principals' read access, or reclassify the "
				"principal if it is not a production workload",
				check_graph_loc(read), check_controls_segregation);
		check_graph_add_path(f, read);
	}
	strbuf_release(&msg);
}

void check_segregation(const graph *g, const access_list *all, finding_list *out)
{
	gnode *const *nodes;
	size_t i = 0, n, end;
	strbuf msg = STRBUF_INIT;

	while (i < all->count) {
		for (end = i; end < all->count && all->items[end].principal == all->items[i].principal; end++)
			;
		check_principal(all, i, end, out);
		i = end;
	}
	/* a store classified both ways holds both kinds of data */
	nodes = graph_nodes(g, &n);
	for (i = 0; i < n; i++) {
		const gnode *r = nodes[i];
		pg_loc at = { NULL, 0, 0 };
		if (r->kind != GN_RESOURCE || (r->classification & (CLASS_SYNTHETIC | CLASS_PRODUCTION)) !=
						     (CLASS_SYNTHETIC | CLASS_PRODUCTION))
			continue;
		/* where the inputs describe the store: SARIF consumers need a file for every result */
		if (r->obj && r->cloud && !strcmp(r->cloud, "azure"))
			at = ((const az_resource *)r->obj)->loc;
		else if (r->obj && r->cloud && !strcmp(r->cloud, "aws"))
			at = ((const resource *)r->obj)->loc;
		strbuf_reset(&msg);
		strbuf_addf(&msg, "store '%s' is classified both synthetic and production", gnode_display_id(r));
		finding_add(out, "PG-SEGREGATION-MIXED-STORE", "segregation", SEV_MEDIUM, NULL, gnode_display_id(r), NULL,
			    msg.buf, "keep synthetic and production data in separate stores, or fix the store's tags",
			    at, check_controls_segregation);
	}
	strbuf_release(&msg);
}
