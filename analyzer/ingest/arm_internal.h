/*
 * arm_internal — what the ARM template reader's files share; not for other
 * modules (see arm.h for what the reader maps and how):
 *
 *   arm.c         detection, deployment targets, nested deployments, the entry point
 *   arm_walk.c    the walk over declared resources: child resources, copy
 *                 loops, conditions, scopes, ids
 *   arm_model.c   declared resources into the Azure model: resources and their
 *                 managed identities, role assignments
 *   arm_roles.c   role definitions, made sound where values are not known
 *   arm_parse.c   the expression language: parser and canonical printing
 *   arm_expr.c    expression evaluation and placeholders
 *   arm_deep.c    deep evaluation of template values, property copy loops
 *   arm_fn.c      template functions on strings, and the lookup of every function
 *   arm_fn_coll.c template functions on arrays, objects, numbers and logic
 *   arm_fn_ids.c  resource ids, the deployment context, reference()
 *   arm_fn_tpl.c  parameters(), variables(), copyIndex(), guid()
 *   arm_value.c   values: node construction, equality, JSON text, budgets
 *   arm_params.c  parameters files and where their values wait between files
 *
 * Values are doc_node trees: nodes of the template itself (reused when an
 * expression passes them through) or nodes built in the file's scratch arena
 * with the position of the expression that made them. A built scalar whose
 * offset is ARM_OFF_SYM holds placeholders ("{...}") for what is not known; an
 * object whose offset is ARM_OFF_OPEN is known in part (a member it lacks is
 * unknown, not absent). An evaluation gives a set of alternatives (arm_alts):
 * if() with an unknown condition, a parameter with allowedValues and no value,
 * an unknown key into an object give every possibility.
 *
 * Ownership: everything here lives in the arm_file's scratch arena (or the
 * template document) and dies when the file is read; the model copies what it
 * keeps.
 */
#ifndef PG_ARM_INTERNAL_H
#define PG_ARM_INTERNAL_H

#include "ingest/arm.h"
#include "ingest/az_common.h"
#include "base/arena.h"
#include "base/strbuf.h"

#define ARM_MAX_ALTS 16         /* alternatives of one value; past it the value is a placeholder */
#define ARM_MAX_COPY 64         /* instances read of one copy loop */
#define ARM_MAX_NEST 8          /* nested deployments inside nested deployments */
#define ARM_MAX_LOOPS 8         /* copy loops open at once */
#define ARM_MAX_STEPS 400000    /* evaluation steps per file: hostile input stays bounded */
#define ARM_MAX_EXPR_DEPTH 64   /* nesting of one expression */
#define ARM_MAX_DEPTH 200       /* evaluations inside evaluations (variables naming variables ...) */
#define ARM_MAX_WORK 20000000   /* nodes visited by comparisons and walks, per file */
#define ARM_MAX_STR (1 << 20)   /* longest string an expression may build */
#define ARM_MAX_ITEMS 100000    /* largest array or object an expression may build */
#define ARM_MAX_RES 20000       /* declared resource instances read per file */

#define ARM_OFF_SYM ((size_t)-2)
#define ARM_OFF_OPEN ((size_t)-3)

typedef struct arm_alts {
	const doc_node *v[ARM_MAX_ALTS];
	size_t n;
	int over;               /* more alternatives than fit: the caller makes a placeholder */
} arm_alts;

typedef enum { ARM_AT_TENANT, ARM_AT_MG, ARM_AT_SUB, ARM_AT_RG } arm_level;

/* Where a deployment goes: names, placeholders when not known. */
typedef struct arm_target {
	arm_level level;
	const char *mg, *sub, *rg;
} arm_target;

typedef struct arm_loop {
	const char *name;       /* the copy loop's name, NULL for property loops without one */
	const doc_node *index;  /* a number node, or a placeholder when the count is not known */
} arm_loop;

struct arm_tpl;

/* A resource the template declares, one per instance (copy loops, alternatives). */
typedef struct arm_res {
	const char *type;       /* full type: "Microsoft.Storage/storageAccounts/blobServices" */
	const char *name;       /* full name: "acct/default" */
	const char *scope;      /* the id it is deployed at or attached to; "" for the tenant root */
	const char *id;
	const char *symbol;     /* languageVersion 2.0 symbolic name, or NULL */
	const doc_node *node;   /* the resource object */
	struct arm_tpl *tpl;
	arm_loop loops[ARM_MAX_LOOPS];
	size_t n_loops;
	int existing;           /* "existing": true — referenced, not deployed */
	int system_identity;    /* identity.type names SystemAssigned */
	az_resource *mres;      /* in the model once arm_model_resources ran */
} arm_res;

/* One input file being read. */
typedef struct arm_file {
	ingest_ctx *ic;
	arena a;
	size_t steps, work;
	int depth;
	int budget_warned, alts_warned, res_warned;
	arm_res **res;
	size_t n_res, cap_res;
	doc **docs;             /* documents json() parsed */
	size_t n_docs, cap_docs;
	int err;
} arm_file;

/* One template as evaluated: the top level, or an inline nested template. */
typedef struct arm_tpl {
	arm_file *f;
	const doc_node *root;
	const doc_node *pdecl, *vdecl;  /* "parameters", "variables" (objects, or NULL) */
	const char **gnames;            /* given parameter values (parameters file, nested deployment) */
	arm_alts *gvals;
	size_t n_given;
	arm_alts **pmemo, **vmemo;      /* per declared parameter / variable, once evaluated */
	unsigned char *pbusy, *vbusy;   /* cycle guards */
	arm_target target;              /* where its resources are deployed */
	arm_target fn;                  /* what subscription(), resourceGroup() ... return */
	arm_loop loops[ARM_MAX_LOOPS];
	size_t n_loops;
	int depth;
} arm_tpl;

/* --- arm_value.c ------------------------------------------------------------------ */

doc_node *arm_str(arm_file *f, const doc_node *at, const char *s, size_t len);
doc_node *arm_strz(arm_file *f, const doc_node *at, const char *s);
/* A string holding placeholders (ARM_OFF_SYM). */
doc_node *arm_symstr(arm_file *f, const doc_node *at, const char *s);
/* "{text}" as a symbolic string. */
doc_node *arm_placeholder(arm_file *f, const doc_node *at, const char *text);
doc_node *arm_scalar(arm_file *f, doc_type type, const doc_node *at, const char *text);
doc_node *arm_num(arm_file *f, const doc_node *at, long long v);
doc_node *arm_bool(arm_file *f, const doc_node *at, int v);
/* An empty array or object with room for cap children. */
doc_node *arm_container(arm_file *f, doc_type type, const doc_node *at, size_t cap);
/* Append to a container made by arm_container (key NULL for arrays). */
void arm_push(arm_file *f, doc_node *c, const char *key, const doc_node *v);

int arm_is_sym(const doc_node *n);          /* a scalar holding placeholders */
int arm_any_sym(arm_file *f, const doc_node *n);   /* it or anything in it (1 once the work budget is spent) */
int arm_is_open(const doc_node *n);
/* 1 when s is one placeholder "{...}" and nothing else. */
int arm_whole_placeholder(const char *s);
int arm_equal(arm_file *f, const doc_node *a, const doc_node *b);
/* Integer value of a number (or numeric string); 0 when it is none. */
int arm_int(const doc_node *n, long long *out);
/* 1 true, 0 false, -1 not a known boolean. */
int arm_truth(const doc_node *n);
/* Compact JSON of n, as ARM's string() writes it; -1 past ARM_MAX_STR or the work budget (f may be NULL). */
int arm_json(arm_file *f, strbuf *sb, const doc_node *n);
/* The member of an object by name, ASCII case-insensitively (ARM property names are). */
const doc_node *arm_member(const doc_node *obj, const char *key);

void arm_alts_init(arm_alts *a);
/* Add v unless an equal alternative is there; sets over when full. */
void arm_alts_add(arm_file *f, arm_alts *a, const doc_node *v);
void arm_alts_one(arm_file *f, arm_alts *a, const doc_node *v);

/* Count one step; 0 while under budget, -1 (warned once) past it. */
int arm_step(arm_file *f, const doc_node *at);
/* A placed error (f->err = PG_EINPUT). */
void arm_error(arm_file *f, const doc_node *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* --- arm_deep.c --------------------------------------------------------------------- */

/* Evaluate a template value deeply: expression strings evaluated, containers
 * rebuilt where anything in them changed, property copy loops expanded. */
int arm_eval_deep(arm_tpl *t, const doc_node *n, arm_alts *out);
/* The first alternative of n evaluated, when a string (*val: that value; NULL when n is). */
const char *arm_one_str(arm_tpl *t, const doc_node *n, const doc_node **val);

/* --- arm_parse.c, arm_expr.c -------------------------------------------------------- */

typedef enum { AX_STR, AX_NUM, AX_CALL, AX_MEMBER, AX_INDEX } arm_ax_kind;

typedef struct arm_ax {
	arm_ax_kind kind;
	const char *text;       /* STR: decoded; NUM: digits; CALL: function name; MEMBER: property */
	struct arm_ax **args;   /* CALL: arguments; MEMBER: {base}; INDEX: {base, index} */
	size_t n;
} arm_ax;

/* 1 when a JSON string is an expression ("[...]", not "[[..."). */
int arm_is_expr(const char *s);
/* Parse the inside of "[...]"; NULL with *why and the offset *at when it does not parse. */
arm_ax *arm_parse(arm_file *f, const char *s, size_t len, const char **why, size_t *at);
/* A string literal as the language writes it ('it''s'), '/' as %2F. */
void arm_print_literal(strbuf *sb, const char *s);
/* Evaluate a string of the template: an expression, or a literal ("[[" unescaped). */
int arm_eval_string(arm_tpl *t, const doc_node *s, arm_alts *out);
/* Evaluate one parsed expression node. */
int arm_eval_ax(arm_tpl *t, const arm_ax *x, const doc_node *at, arm_alts *out);
/* The canonical text of an expression ('/' in string literals written %2F). */
void arm_ax_print(strbuf *sb, const arm_ax *x);

/* --- arm_fn*.c ----------------------------------------------------------------------- */

typedef struct arm_call {
	arm_tpl *t;
	const arm_ax *x;            /* the call */
	const doc_node *at;         /* the string holding the expression */
	const doc_node **args;      /* one combination of evaluated arguments */
	size_t n;
} arm_call;

typedef int (*arm_fn)(arm_call *c, arm_alts *out);

typedef struct arm_fn_def {
	const char *name;
	arm_fn fn;
	int lazy;                   /* evaluates its own arguments (if) */
} arm_fn_def;

const arm_fn_def *arm_fn_find(const char *name);
/* "{name(args)}": what an unknown function call gives (arguments as their values when known). */
const doc_node *arm_call_placeholder(arm_call *c);
/* The string argument i, or NULL (not a string, or holding placeholders when known_only). */
const char *arm_arg_str(const arm_call *c, size_t i, int known_only);
/* 1 when no argument holds a placeholder. */
int arm_args_known(const arm_call *c);

/* The functions of each table, or NULL. */
const arm_fn_def *arm_fn_coll_find(const char *name);
const arm_fn_def *arm_fn_ids_find(const char *name);
const arm_fn_def *arm_fn_tpl_find(const char *name);

/* --- arm_params.c ------------------------------------------------------------------- */

int arm_params_detect(const doc_node *root);
int arm_params_read(ingest_ctx *ic, const doc_node *root);
/* Fill t's given values from the parameters file that goes with the template at path. */
void arm_params_for_template(arm_tpl *t, const char *path, const doc_node *root);
/* parameters('name') in t. */
int arm_param_value(arm_tpl *t, const char *name, const doc_node *at, arm_alts *out);

/* --- arm.c, arm_walk.c, arm_model.c, arm_roles.c ------------------------------------ */

/* Walk a "resources" list (or object) of t; parent: the resource they are children of. */
void arm_walk(arm_tpl *t, const doc_node *resources, const arm_res *parent);
/* Read the inline template of a Microsoft.Resources/deployments instance. */
void arm_nested(arm_tpl *t, const arm_res *r);
/* Put t's copy loops as they were when r was declared (to evaluate r's properties). */
void arm_use_loops(arm_res *r);
void arm_role_definition(arm_file *f, arm_res *r);

/* The id of a target scope ("" for the tenant root). */
const char *arm_target_prefix(arm_file *f, const arm_target *tg);
/* A "scope" value as an id: "/" and ids kept, "Microsoft.Management/managementGroups/x"
 * and relative "NS/type/name" completed; NULL when it names no scope (a placeholder). */
const char *arm_scope_id(arm_tpl *t, const char *v);
/* The declared resource `what` names (an id, a name or a symbolic name), or NULL. */
arm_res *arm_find_res(arm_file *f, const char *what);
/* The principal placeholder of the managed identity of resource id. */
const char *arm_identity_key(arm_file *f, const char *id);
/* Interleave "NS/t1/t2" and "n1/n2" into "NS/t1/n1/t2/n2"; NULL when the counts differ. */
const char *arm_type_path(arm_file *f, const char *type, const char *name);

int arm_model_resources(arm_file *f);
int arm_model_rbac(arm_file *f);

#endif
