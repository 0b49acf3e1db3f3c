/*
 * graph — the permission graph of DESIGN "The graph", for both clouds:
 * principal and resource nodes; member-of, can-assume, can-act-as (privilege
 * escalation) and access edges; reachability over the first three.
 *
 * Builders (per cloud, per edge family) add nodes and edges; checks and
 * renderers read them. A principal's effective access is the access of every
 * principal it can become (graph_reach), each with its shortest path as
 * evidence. Paths made only of allow edges win over shorter ones that need a
 * condition: access is `allow` when some path is certain, `conditional` when
 * every path needs a condition.
 *
 * Ownership: the graph owns its nodes, edges and their arrays (one arena);
 * ids, names and other strings are borrowed from the model (or copied with
 * graph_strdup), so the model must outlive the graph.
 */
#ifndef PG_GRAPH_H
#define PG_GRAPH_H

#include <stddef.h>
#include "eval/aws_eval.h"      /* decision */
#include "model/model.h"

typedef enum { GN_PRINCIPAL, GN_RESOURCE } gnode_kind;

typedef enum {
	GE_MEMBER_OF,           /* user/principal -> group */
	GE_CAN_ASSUME,          /* caller -> role (sts:AssumeRole and friends) */
	GE_CAN_ACT_AS,          /* actor -> principal it can become by privilege escalation */
	GE_ACCESS               /* principal -> resource, with the allowed actions */
} gedge_kind;

/* Access levels of an access edge (bits), DESIGN's five. */
enum {
	LEVEL_LIST = 1, LEVEL_READ = 2, LEVEL_WRITE = 4, LEVEL_PERMISSIONS = 8, LEVEL_TAGGING = 16
};

typedef struct gedge gedge;

typedef struct gnode {
	gnode_kind kind;
	const char *id;             /* ARN, Azure key, service name, "*" (borrowed) */
	const char *name;           /* display name, or NULL */
	const char *written;        /* the id as the input wrote it when id is a canonical key (Azure), else NULL */
	const char *type;           /* "user", "role", "group", "service-principal", "AWS::S3::Bucket", ... */
	const char *cloud;          /* "aws" or "azure" */
	const char *account;        /* AWS account or Azure subscription, or NULL */
	const char *tenant;         /* configured SaaS tenant, or NULL */
	unsigned classification;    /* CLASS_* bits (model.h) */
	int external;               /* outside the estate (other account, tenant, organization, everyone) */
	const char *external_why;
	const void *obj;            /* the model object, or NULL */
	size_t index;               /* position in graph_nodes() */
	gedge **out, **in;          /* adjacency, in insertion order */
	size_t n_out, n_in, cap_out, cap_in;
} gnode;

struct gedge {
	gedge_kind kind;
	gnode *from, *to;
	const char *technique;      /* can-act-as: technique id ("iam-001", "az-001"); can-assume: how */
	const char **actions;       /* the actions the edge needs (can-act-as) or allows (access) */
	size_t n_actions;
	unsigned levels;            /* access: LEVEL_* bits */
	decision dec;               /* DEC_ALLOW or DEC_CONDITIONAL */
	const char **conditions;    /* what must hold when conditional */
	size_t n_conditions;
	pg_loc loc;                 /* the statement or assignment responsible */
	size_t index;               /* position in graph_edges() */
};

typedef struct graph graph;

graph *graph_new(void);
void graph_free(graph *g);

/* The node with this id, or NULL. Ids are compared as strings. */
gnode *graph_find(const graph *g, const char *id);
/* Find or add; a new node has only kind, id and index set. */
gnode *graph_add_node(graph *g, gnode_kind kind, const char *id);
/* A new edge (dec DEC_ALLOW, everything else empty), linked into both nodes. */
gedge *graph_add_edge(graph *g, gedge_kind kind, gnode *from, gnode *to);

gnode *const *graph_nodes(const graph *g, size_t *n);
gedge *const *graph_edges(const graph *g, size_t *n);

/* Copies owned by the graph (for strings and arrays built by a builder). */
const char *graph_strdup(graph *g, const char *s);
const char **graph_strings(graph *g, const char *const *s, size_t n);

/* One principal reached from a start: by which edge (NULL for the start),
 * how far, and whether every path to it needs a condition. */
typedef struct greach {
	gnode *node;
	gedge *via;                 /* the last edge of its shortest (certain, if any) path */
	size_t parent;              /* index of the node via starts from; SIZE_MAX for the start */
	size_t depth;
	int conditional;            /* no path of allow edges only reaches it */
} greach;

typedef struct greach_set {
	greach *items;              /* the start first, then breadth-first */
	size_t count, cap;
} greach_set;

void greach_set_init(greach_set *s);
void greach_set_release(greach_set *s);

/* Every principal `from` can become over member-of, can-assume and can-act-as
 * edges (cycles survive), into out (reset first). Certain paths are searched
 * first, so `via` chains are shortest among allow-only paths where one exists. */
void graph_reach(const graph *g, const gnode *from, greach_set *out);
/* The same over the edge kinds in `kinds` only (bits 1 << GE_MEMBER_OF, …):
 * e.g. without can-act-as, what a principal reaches without escalating. */
void graph_reach_kinds(const graph *g, const gnode *from, unsigned kinds, greach_set *out);
#define GRAPH_KINDS_ALL ((1u << GE_MEMBER_OF) | (1u << GE_CAN_ASSUME) | (1u << GE_CAN_ACT_AS))

/* The edges of the path to out->items[i], first edge first, into path (at most
 * max); returns the path length. */
size_t graph_path(const greach_set *r, size_t i, gedge **path, size_t max);

const char *gedge_kind_name(gedge_kind k);
/* The id to show: as written when the node keeps one, else the id. */
const char *gnode_display_id(const gnode *n);
/* "list", "read", "write", "permissions", "tagging" for one LEVEL_* bit. */
const char *graph_level_name(unsigned level);

#endif
