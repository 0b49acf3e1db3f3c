/*
 * access — effective access (DESIGN "The graph"): for every principal, the
 * access edges of every principal it can become, merged per resource, each
 * with its evidence path. This is the `access` list of scan's JSON contract.
 *
 * A resource reached through several principals keeps the union of levels
 * and actions; the entry is `allow` when some certain path reaches a
 * certain access edge, else `conditional` with the conditions of the path it
 * shows (the shortest certain one when there is one). Pseudo principals
 * (administrator nodes, type "administrator") are reached like any other but
 * get no entries of their own.
 *
 * Ownership: an access_list owns its entries and their arrays (entries with
 * the same actions share one array in the list's pool: an estate's
 * administrators hold the same few hundred actions on thousands of stores);
 * nodes, edges and strings are the graph's (which must outlive the list).
 */
#ifndef PG_GRAPH_ACCESS_H
#define PG_GRAPH_ACCESS_H

#include "graph/graph.h"

typedef struct access_entry {
	const gnode *principal;
	const gnode *resource;
	decision dec;                   /* DEC_ALLOW or DEC_CONDITIONAL */
	unsigned levels;                /* LEVEL_* bits */
	const char **actions;           /* sorted, unique */
	size_t n_actions;
	const gnode **via;              /* the principal first, the acting principal last */
	size_t n_via;
	gedge **path;                   /* the edges of via, then the access edge */
	size_t n_path;
	const char **conditions;        /* sorted, unique: of the path and of the access edge */
	size_t n_conditions;
} access_entry;

typedef struct access_pool access_pool;

typedef struct access_list {
	access_entry *items;
	size_t count, cap;
	access_pool *pool;              /* action arrays, each distinct one kept once */
} access_list;

void access_list_init(access_list *l);
void access_list_release(access_list *l);

/* Entries for every principal that is not a pseudo principal, sorted by
 * principal id then resource id — except entries to stores classified
 * production only, kept only for principals that can write (or manage
 * permissions of) a synthetic store: the one question they answer is
 * whether a principal writes both kinds (segregation). */
void access_compute(const graph *g, access_list *out);
/* Entries for one principal (appended, sorted by resource id). */
void access_of(const graph *g, const gnode *who, access_list *out);
/* The same over the edge kinds in `kinds` only (graph_reach_kinds). */
void access_of_kinds(const graph *g, const gnode *who, unsigned kinds, access_list *out);

/* Levels only (no actions, evidence or decisions): what the privilege
 * checks compare. by_node[resource->index] holds the union of levels `who`
 * has over `kinds`; touched lists the resources set, so reset is cheap.
 * Owns its arrays; nodes are the graph's. */
typedef struct access_levels {
	unsigned *by_node;
	const gnode **touched;
	size_t n_touched, cap_touched, n_nodes;
} access_levels;

void access_levels_init(access_levels *l, const graph *g);
void access_levels_release(access_levels *l);
/* Reset l, then fill it for `who` over the edge kinds in `kinds`. */
void access_levels_of_kinds(const graph *g, const gnode *who, unsigned kinds, access_levels *l);

/* 1 for the pseudo principals escalation builders add ("administrator"). */
int access_is_pseudo(const gnode *n);

#endif
