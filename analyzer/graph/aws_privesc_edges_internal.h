/*
 * aws_privesc_edges_internal — shared by the three files of the escalation
 * builder; internal names start with pe_. Not for other modules.
 *   aws_privesc_edges.c          the build: actors, nodes, edges (one per
 *                                actor and target unless every technique is asked)
 *   aws_privesc_edges_targets.c  one technique for one actor: the principals it gains
 *   aws_privesc_edges_req.c      decisions: which of one actor's statements may allow
 *                                an action, its decision cache, the roles services
 *                                may assume
 *   aws_privesc_edges_open.c     actions on a resource the actor creates or picks
 *
 * Ownership: the context owns its arenas, tables and cache; decided entries
 * and candidate strings live until the next actor begins, trust records for
 * the whole build.
 */
#ifndef PG_AWS_PRIVESC_EDGES_INTERNAL_H
#define PG_AWS_PRIVESC_EDGES_INTERNAL_H

#include "base/arena.h"
#include "base/intern.h"
#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "catalog/aws_privesc.h"
#include "graph/aws_privesc_edges.h"

#define PE_MAX_REQ 8            /* required permissions of one technique */
#define PE_MAX_SP 32            /* distinct service principals of the catalogue */

/* One required permission, decided for the current actor. */
typedef struct pe_decided {
	decision dec;                   /* allow and conditional count; deny and implicit-deny do not */
	const char **conditions;        /* what must hold when conditional (the actor's arena) */
	size_t n_conditions;
	pg_loc loc;                     /* the Allow statement that matched, identity policies first */
} pe_decided;

/* A role a service principal may assume, with the trust decision. */
typedef struct pe_trust {
	decision dec;
	const char **conditions;
	size_t n_conditions;
} pe_trust;

typedef struct pe_sp_roles {
	const char *sp;
	ptrmap roles;                   /* role (principal *) -> pe_trust */
	const principal **list;         /* those roles, in model order */
	size_t n, cap;
} pe_sp_roles;

typedef struct pe_ctx {
	graph *g;
	model *m;
	diag_list *warn;
	unsigned flags;                 /* AWS_PRIVESC_EDGES_* */
	aws_privesc_edges_stats st;
	int err;                        /* PG_EINTERNAL once an evaluation failed */

	/* the whole build */
	principal **ps;
	size_t n_ps;
	const principal **by_kind[3];   /* users, groups, roles (PRIN_USER..PRIN_ROLE), model order */
	size_t n_by_kind[3];
	arena mem;                      /* trust records */
	pe_sp_roles sps[PE_MAX_SP];
	size_t n_sps;
	ptrmap named;                   /* principal ARN -> non-NULL when a trust policy names it */
	ptrmap nodes;                   /* principal -> its node, once made */
	ptrmap admins;                  /* account (interned) -> its administrator node */
	const char ***tech_actions;     /* per technique: its required actions, in the graph */
	unsigned char *supported;       /* per technique */
	/* every distinct required action of the catalogue, canonical spelling */
	const char **actions;
	size_t n_actions;
	ptrmap action_ix;               /* catalogue action string -> index + 1 */

	/* the current actor */
	const principal *actor;
	gnode *actor_node;
	char partition[32];             /* "aws", "aws-cn" … from the actor's ARN */
	ptrmap made;                    /* target principal's ARN or administrator node -> the edge */
	const stmt **stmts;             /* its identity Allow statements, grouped by action */
	size_t *stmt_start;             /* n_actions + 1 offsets into stmts */
	size_t n_stmts, cap_stmts;
	unsigned char *fixed;           /* per action: 0 not known, 1 one decision for every IAM ARN, 2 not */
	const pe_decided **fixed_dec;   /* per action: that decision once made */
	arena amem;                     /* decided entries, candidate strings */
	intern_table keys;              /* cache keys "action|resource|passed-to" */
	ptrmap cache;                   /* key -> pe_decided */
	strbuf sb;
} pe_ctx;

/* What one edge rests on. */
typedef struct pe_acc {
	decision dec;
	char **conds;
	size_t n_conds, cap_conds;
	pg_loc loc;
} pe_acc;

/* --- aws_privesc_edges.c ------------------------------------------------------- */

void pe_acc_init(pe_acc *e);
void pe_acc_release(pe_acc *e);
/* Add the conditions of a conditional decision (the edge becomes conditional). */
void pe_acc_conds(pe_acc *e, const char *const *conds, size_t n);
/* The decisions of a technique's required permissions; loc from the first. */
void pe_acc_all(pe_acc *e, const pe_decided *const *dd, size_t n);
/* Add a condition (the edge becomes conditional). */
void pe_acc_condf(pe_acc *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An action name equals name (ASCII case-insensitive); a technique requires action. */
int pe_is_action(const char *a, const char *name);
int pe_requires(const aws_privesc_technique *t, const char *action);

gnode *pe_principal_node(pe_ctx *c, const principal *p);
gnode *pe_admin_node(pe_ctx *c, const char *account);
/* The administrator node of account when it exists (no edge leads to one that does not). */
gnode *pe_admin_find(pe_ctx *c, const char *account);
/* Would an edge of technique t to the target keyed `key` (a principal's ARN,
 * or an administrator node) add nothing? (one edge per target: there is a
 * certain one already, of a technique needing no more actions) */
int pe_dominated(const pe_ctx *c, const void *key, const aws_privesc_technique *t);
/* Add (or, one edge per target, improve) the edge actor -> to of technique
 * ti; key as for pe_dominated. */
void pe_emit(pe_ctx *c, gnode *to, const void *key, size_t ti, pe_acc *e);

/* --- aws_privesc_edges_targets.c ----------------------------------------------- */

/* Decide technique ti for the current actor and add its edges. */
void pe_technique(pe_ctx *c, size_t ti);

/* --- aws_privesc_edges_req.c ------------------------------------------------- */

void pe_ctx_init(pe_ctx *c, graph *g, model *m, diag_list *warn);
void pe_ctx_release(pe_ctx *c);
/* Start deciding for actor: reset the cache and index its Allow statements. */
void pe_actor(pe_ctx *c, const principal *actor);

/* Index of a catalogue action among the required ones (its string pointer). */
size_t pe_action(const pe_ctx *c, const char *action);
/* Does some identity Allow statement of the actor cover action ai? */
int pe_has_allow(const pe_ctx *c, size_t ai);
/* Could one of those statements' Resource cover arn? (no: identity policies
 * surely do not allow it; yes: evaluate) */
int pe_may_cover(const pe_ctx *c, size_t ai, const char *arn);

/* Does pattern, in statement s, hold policy variables (Version 2012-10-17)? */
int pe_uses_vars(const stmt *s, const char *pattern);
/* The decision for the actor (cached). passed_to: iam:PassedToService or NULL. */
const pe_decided *pe_decide(pe_ctx *c, const char *action, const char *res, const char *passed_to);
/* As pe_decide for an IAM user, group, role or policy of the actor's account
 * (not sts:AssumeRole, which reads the role's trust policy): when no statement
 * that may apply to the action depends on the resource or a condition, one
 * decision serves every such ARN. */
const pe_decided *pe_decide_iam(pe_ctx *c, const char *action, const char *arn, const char *passed_to);
/* The roles sp may assume (trust policies decided with sp as the caller),
 * found on first use; NULL past PE_MAX_SP service principals. */
pe_sp_roles *pe_service_roles(pe_ctx *c, const char *sp);

/* --- aws_privesc_edges_open.c ------------------------------------------------ */

/* The best decision for a permission on a resource the actor creates or an
 * existing one it picks (PRIVESC_RES_ANY, _NEW_RESOURCE, _EXISTING_RESOURCE):
 * over a representative ARN of its type and the actor's own patterns. */
const pe_decided *pe_decide_open(pe_ctx *c, const aws_privesc_technique *t, const aws_privesc_perm *p);

/* 1 for allow or conditional. */
static inline int pe_ok(const pe_decided *d)
{
	return d && (d->dec == DEC_ALLOW || d->dec == DEC_CONDITIONAL);
}

/* The better of two decisions: allow over conditional over anything else. */
static inline const pe_decided *pe_best(const pe_decided *a, const pe_decided *b)
{
	if (!a || (!pe_ok(a) && pe_ok(b)) || (a->dec == DEC_CONDITIONAL && b && b->dec == DEC_ALLOW))
		return b;
	return a;
}

#endif
