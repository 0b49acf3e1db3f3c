/*
 * check_graph — finding rules that read the permission graph and effective
 * access (scan's second family; check_model.h has the model-only ones).
 *
 *   PG-PRIVESC-SYNTHETIC  privilege-escalation  critical when the gain is write or
 *                         permissions, else high; NIST AC-6, AC-6(1), AC-6(5)
 *     A principal whose access to synthetic stores grows when privilege
 *     escalation (can-act-as edges) is followed: one finding per principal
 *     and escalation edge, with the levels gained, how many stores (the
 *     resource when it is one), the technique, its actions and the path to
 *     the first store as evidence, at the escalation edge's statement. Access it already has through memberships and role
 *     assumption is not reported, nor a gain of tagging alone.
 *
 *   PG-SEGREGATION-WRITES-BOTH               segregation  high    one principal can write
 *     (or manage permissions of) both a synthetic and a production store
 *   PG-SEGREGATION-PRODUCTION-READS-SYNTHETIC segregation medium a production-classified
 *     principal can read a synthetic store (synthetic data leaking into production)
 *   PG-SEGREGATION-MIXED-STORE               segregation  medium  a store classified both ways
 *     NIST AC-4, SC-7
 *
 *   PG-CROSS-TENANT-REACH        cross-tenant  critical with write/permissions, else high
 *     a principal outside the store (another account, organization or Azure tenant —
 *     guests, foreign service principals, ForeignGroup, Lighthouse, everyone — or
 *     another configured SaaS tenant) reaches synthetic stores; one finding per
 *     principal. NIST AC-3, AC-20, AC-21
 *   PG-SYNTHETIC-EXPOSURE-WRITE  synthetic-exposure  high  such a principal can write or
 *     manage permissions of synthetic stores. NIST AC-3, AC-6, SC-28
 *   PG-SYNTHETIC-EXPOSURE-OWNER  synthetic-exposure  high  a principal that holds write or
 *     permissions access to synthetic stores whose configured owners (permgraph.yaml
 *     `owners`) do not include it; one finding per principal. Reported for the holder
 *     of the grant (principals that reach it by membership or role assumption act
 *     through the holder; escalation is privilege-escalation's). NIST AC-3, AC-6, SC-28
 *
 * Ownership: reads the graph and the access list; appends to out.
 */
#ifndef PG_CHECKS_CHECK_GRAPH_H
#define PG_CHECKS_CHECK_GRAPH_H

#include "base/strbuf.h"
#include "checks/finding.h"
#include "graph/access.h"
#include "model/config.h"

extern const char *const check_controls_privesc[];
extern const char *const check_controls_segregation[];
extern const char *const check_controls_cross_tenant[];
extern const char *const check_controls_exposure[];

/* Shared by the families: append one evidence step per edge (a can-act-as
 * step named by its technique), and the location of an entry's access edge. */
void check_graph_add_step(finding *f, const gedge *e);
void check_graph_add_path(finding *f, const access_entry *e);
pg_loc check_graph_loc(const access_entry *e);
/* "list, read" for LEVEL_* bits; "synthetic store 'x'" or "N synthetic stores (first: 'x')". */
void check_graph_levels_text(strbuf *sb, unsigned levels);
void check_graph_stores_text(strbuf *sb, size_t n, const gnode *first);
/* 1 when who is outside store's tenant: another account, organization or
 * Azure tenant (gnode.external), or another configured SaaS tenant — the rule
 * of PG-CROSS-TENANT-REACH, which `diff` gates on too. */
int check_outside_tenant(const gnode *who, const gnode *store);

/* `all` is access_compute's list (sorted by principal, then resource). */
void check_privesc(const graph *g, const access_list *all, finding_list *out);
void check_segregation(const graph *g, const access_list *all, finding_list *out);
void check_exposure(const graph *g, const access_list *all, finding_list *out);
void check_owners(const access_list *all, const config *cfg, finding_list *out);

#endif
