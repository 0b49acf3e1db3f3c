/* scan — classify, build the graph, give administrators their reach, compute access, run the checks. */
#include "checks/scan.h"
#include "checks/check_graph.h"
#include "checks/check_model.h"
#include "graph/aws_graph.h"
#include "graph/aws_privesc_edges.h"
#include "graph/az_graph.h"
#include "model/azure.h"
#include "model/classify.h"
#include "base/strbuf.h"

#include <string.h>
#include <time.h>

const char *const scan_checks_run[] = {
	"wildcard", "cross-tenant (external trust policies)", "public-access", "guardrail", "provenance",
	"privilege-escalation (to synthetic stores)", "segregation", "cross-tenant (reach)",
	"synthetic-exposure (outside the store's tenant, outside its configured owners)", "shared-key",
	"invalid-policy (actions no catalogue entry matches, expired suppressions)", NULL
};

const char *const scan_checks_missing[] = {
	"the other lint rules of permgraph validate on the scanned policies", NULL
};

void scan_result_init(scan_result *r)
{
	memset(r, 0, sizeof(*r));
	access_list_init(&r->access);
	finding_list_init(&r->findings);
}

void scan_result_release(scan_result *r)
{
	FILE *progress;

	if (!r)
		return;
	progress = r->progress;
	graph_free(r->g);
	access_list_release(&r->access);
	finding_list_release(&r->findings);
	scan_result_init(r);
	r->progress = progress;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Close the stage that started at *t0 and start the next. */
static void phase(scan_result *r, const char *name, double *t0)
{
	double t = now();

	if (r->n_phases < SCAN_MAX_PHASES) {
		r->phases[r->n_phases].name = name;
		r->phases[r->n_phases++].seconds = t - *t0;
	}
	if (r->progress) {
		fprintf(r->progress, "permgraph: scan: %s: %.2f s\n", name, t - *t0);
		fflush(r->progress);
	}
	*t0 = t;
}

static const char *const all_actions[] = { "*" };

static void admin_edge(graph *g, gnode *admin, gnode *res)
{
	gedge *e = graph_add_edge(g, GE_ACCESS, admin, res);

	e->levels = LEVEL_LIST | LEVEL_READ | LEVEL_WRITE | LEVEL_PERMISSIONS | LEVEL_TAGGING;
	e->actions = graph_strings(g, all_actions, 1);
	e->n_actions = 1;
	e->technique = "administrator";
}

/* The account of an AWS administrator node "arn:PARTITION:iam::ACCOUNT:permgraph/administrator". */
static int aws_admin_account(const gnode *n, char *out, size_t size)
{
	const char *p = strstr(n->id, ":iam::"), *e;

	if (!p || !strstr(n->id, ":permgraph/administrator"))
		return -1;
	p += 6;
	e = strchr(p, ':');
	if (!e || (size_t)(e - p) >= size)
		return -1;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return 0;
}

/* 1 when the Azure scope key contains the resource (by its ancestor chain). */
static int az_under(azm *a, const char *scope_key, const char *res_id)
{
	const char *anc[64];
	int gap;
	size_t n = azm_ancestors(a, res_id, anc, 64, &gap), i;

	for (i = 0; i < n; i++)
		if (anc[i] == scope_key)
			return 1;
	return 0;
}

/* Administrator pseudo nodes hold every permission where they stand: an access
 * edge to every classified resource of their AWS account or below their Azure scope. */
static void administrators_reach(graph *g, model *m)
{
	gnode *const *nodes;
	size_t n, i, j;
	size_t prefix = strlen(AZ_GRAPH_ADMIN_PREFIX);

	nodes = graph_nodes(g, &n);
	for (i = 0; i < n; i++) {
		gnode *adm = nodes[i];
		char account[32];
		if (adm->kind != GN_PRINCIPAL || !access_is_pseudo(adm))
			continue;
		if (aws_admin_account(adm, account, sizeof(account)) == 0) {
			for (j = 0; j < n; j++)
				if (nodes[j]->kind == GN_RESOURCE && nodes[j]->cloud && !strcmp(nodes[j]->cloud, "aws") &&
				    nodes[j]->account && !strcmp(nodes[j]->account, account))
					admin_edge(g, adm, nodes[j]);
		} else if (!strncmp(adm->id, AZ_GRAPH_ADMIN_PREFIX, prefix) && azm_present(m)) {
			azm *a = model_azure(m);
			const char *scope = azm_key(a, adm->id + prefix);
			for (j = 0; j < n; j++)
				if (nodes[j]->kind == GN_RESOURCE && nodes[j]->cloud &&
				    !strcmp(nodes[j]->cloud, "azure") && az_under(a, scope, nodes[j]->id))
					admin_edge(g, adm, nodes[j]);
		}
	}
}

static void count_model(const model *m, scan_result *r)
{
	size_t n, i;
	resource **rs = model_resources(m, &n);

	model_principals(m, &r->principals);
	r->resources = n;
	for (i = 0; i < n; i++)
		r->synthetic_resources += (rs[i]->classification & CLASS_SYNTHETIC) != 0;
	if (azm_present(m)) {
		azm *a = model_azure((model *)m);
		az_resource **ar = azm_resources(a, &n);
		size_t np;
		azm_principals(a, &np);
		r->principals += np;
		r->resources += n;
		for (i = 0; i < n; i++)
			r->synthetic_resources += (ar[i]->classification & CLASS_SYNTHETIC) != 0;
	}
}

static const char *const controls_expired[] = { "NIST SP 800-53 CA-5", "NIST SP 800-53 RA-7", NULL };

/* Apply the config's suppressions; an expired one is reported itself (and
 * covers nothing), so an accepted risk cannot outlive its review silently. */
static void apply_suppressions(finding_list *l, const config *cfg, int today)
{
	const config_suppression *expired[64];
	size_t i, n, count = l->count;

	for (i = 0; i < count; i++)
		l->items[i].suppressed = config_suppressed(cfg, l->items[i].rule, l->items[i].principal,
							   l->items[i].resource, today) != NULL;
	n = config_expired_suppressions(cfg, today, expired, sizeof(expired) / sizeof(expired[0]));
	for (i = 0; i < n && i < sizeof(expired) / sizeof(expired[0]); i++) {
		const config_suppression *x = expired[i];
		strbuf msg = STRBUF_INIT, disc = STRBUF_INIT;
		strbuf_addf(&msg, "the suppression of %s (principal %s, resource %s; reason: %s) expired on "
			    "%04d-%02d-%02d: the findings it covered are reported again", x->rule,
			    x->principal ? x->principal : "any", x->resource ? x->resource : "any",
			    x->reason ? x->reason : "none", x->expires / 10000, x->expires / 100 % 100, x->expires % 100);
		strbuf_addf(&disc, "%s|%d|%u", x->rule, x->expires, x->loc.line);
		finding_add(l, "PG-SUPPRESSION-EXPIRED", "invalid-policy", SEV_LOW, x->principal, x->resource,
			    disc.buf, msg.buf, "review the accepted risk: fix the findings, or renew the suppression "
			    "with a new expiry and reason", x->loc, controls_expired);
		strbuf_release(&msg);
		strbuf_release(&disc);
	}
	if (n > sizeof(expired) / sizeof(expired[0]))
		finding_add(l, "PG-SUPPRESSION-EXPIRED", "invalid-policy", SEV_LOW, NULL, NULL, "more",
			    "more than 64 suppressions have expired; only the first 64 are listed", "review the "
			    "config's suppressions", expired[0]->loc, controls_expired);
}

static int listed(const char *const *list, size_t n, const char *v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], v))
			return 1;
	return 0;
}

/* AWS principals of accounts the config names — a tenant's accounts, the
 * organization's trusted accounts — are not outside the estate, even when
 * no export of theirs is among the inputs; a tenant's account gives its
 * principals that SaaS tenant. */
static void place_configured_accounts(graph *g, const config *cfg)
{
	gnode *const *nodes;
	size_t n, i, t;

	nodes = graph_nodes(g, &n);
	for (i = 0; i < n; i++) {
		gnode *p = nodes[i];
		if (p->kind != GN_PRINCIPAL || !p->account || !p->cloud || strcmp(p->cloud, "aws"))
			continue;
		for (t = 0; t < cfg->n_tenants; t++)
			if (listed(cfg->tenants[t].aws_accounts, cfg->tenants[t].n_aws_accounts, p->account)) {
				if (!p->tenant)
					p->tenant = cfg->tenants[t].name;
				p->external = 0;
			}
		if (listed(cfg->trusted_accounts, cfg->n_trusted_accounts, p->account))
			p->external = 0;
		if (!p->external)
			p->external_why = NULL;
	}
}

int scan_run(model *m, const config *cfg, int today, scan_result *out, diag_list *warn)
{
	double t0 = now();
	aws_graph_stats st;
	int err;

	model_finalize(m, warn);
	classify_apply(m, cfg, warn);
	count_model(m, out);
	phase(out, "model and classification", &t0);
	out->g = graph_new();
	memset(&st, 0, sizeof(st));
	if ((err = aws_graph_build_stats(out->g, m, warn, &st)) < 0)
		return err;
	phase(out, "AWS access and role assumption", &t0);
	if (out->progress)
		fprintf(out->progress, "permgraph: scan:   %zu principals, %zu classified resources (%zu decided like "
			"another), %zu of %zu caller-target pairs kept, %zu decisions, %zu access edges\n",
			st.principals, st.resources, st.shared, st.pairs, st.pairs_total, st.evaluations,
			st.access_edges);
	if ((err = aws_privesc_edges_build(out->g, m, warn)) < 0)
		return err;
	phase(out, "AWS privilege escalation", &t0);
	if ((err = az_graph_build(out->g, m, warn)) < 0)
		return err;
	administrators_reach(out->g, m);
	place_configured_accounts(out->g, cfg);
	phase(out, "Azure access and escalation, administrators' reach", &t0);
	access_compute(out->g, &out->access);
	phase(out, "effective access", &t0);
	check_provenance(m, cfg, &out->findings);
	check_guardrail(m, cfg, &out->findings);
	check_wildcard(m, cfg, &out->findings);
	check_invalid(m, cfg, &out->findings);
	check_public(m, cfg, &out->findings);
	check_trust(m, cfg, &out->findings);
	check_shared_key(m, cfg, &out->findings);
	phase(out, "model checks", &t0);
	check_privesc(out->g, &out->access, &out->findings);
	phase(out, "privilege-escalation check", &t0);
	check_segregation(out->g, &out->access, &out->findings);
	check_exposure(out->g, &out->access, &out->findings);
	check_owners(&out->access, cfg, &out->findings);
	apply_suppressions(&out->findings, cfg, today);
	finding_list_sort(&out->findings);
	phase(out, "graph checks", &t0);
	return 0;
}
