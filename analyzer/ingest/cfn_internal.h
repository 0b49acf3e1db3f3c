/*
 * cfn_internal — what the CloudFormation reader's files share (cfn.c,
 * cfn_params.c, cfn_alts.c, cfn_eval.c, cfn_intrinsic.c, cfn_names.c,
 * cfn_cond.c, cfn_policy.c, cfn_iam.c, cfn_store.c, cfn_lambda.c); not for
 * other modules. cfn.h documents the behaviour.
 *
 * A value is evaluated into alternatives: one per combination of Fn::If
 * branches the template leaves open, each with the branches it assumes (its
 * guard). Resolved values are doc trees: parts without intrinsics are the
 * template's own nodes, the rest are new nodes placed where the intrinsic
 * that made them was written, so positions stay exact.
 *
 * Ownership: everything a template read allocates (resolved nodes,
 * alternative lists, guards) lives in the context's scratch arena, freed
 * when the template is done; what the model keeps is copied by aws_policy
 * and the model.
 */
#ifndef PG_CFN_INTERNAL_H
#define PG_CFN_INTERNAL_H

#include "ingest/ingest.h"
#include "eval/aws_cond.h"

#define CFN_MAX_ALTS 32          /* alternatives of one value */
#define CFN_MAX_COMBOS 4096      /* combinations tried before conflicting guards are pruned */
#define CFN_MAX_STR 4096         /* length of a string built by Fn::Sub / Fn::Join */
#define CFN_MAX_DEPTH 64         /* nested references (Ref of a name built from another Ref ...) */

/* AWS::NoValue: the property or list item is removed. */
extern const doc_node cfn_novalue;
#define CFN_NOVALUE (&cfn_novalue)

/* flags of an alternative */
enum {
	CFN_SYM = 1,             /* holds a placeholder: the value is not known */
	CFN_ASSUMED = 2          /* uses a parameter's Default (a deployment may override it) */
};

/* One Fn::If branch (or a resource's Condition) an alternative assumes. */
typedef struct cfn_guard {
	const char *cond;        /* the Conditions entry */
	int holds;               /* 1: the condition holds; 0: it does not */
	const doc_node *at;      /* the Fn::If or Condition that chose */
	const struct cfn_guard *next;
} cfn_guard;

typedef struct cfn_alt {
	const doc_node *n;       /* the resolved value, or CFN_NOVALUE */
	const cfn_guard *guard;  /* NULL: assumes nothing */
	unsigned flags;          /* CFN_SYM | CFN_ASSUMED */
} cfn_alt;

typedef struct cfn_alts {
	cfn_alt *v;
	size_t n, cap;
} cfn_alts;

/* The values a parameters file gave (cfn_params.c); NULL when none was read. */
typedef struct cfn_given {
	const char **keys, **values;     /* interned, parallel */
	size_t n, cap;
	tag *tags;                       /* stack tags of a template configuration file */
	size_t n_tags;
	size_t templates;                /* templates read into the model so far (a later file's values miss them) */
	const char *first_template;      /* the first of those (interned path) */
} cfn_given;

/* One entry of Resources. */
typedef struct cfn_res {
	const char *id;                  /* the logical id */
	const doc_node *key;             /* the logical id's node (where the resource is placed) */
	const doc_node *def;             /* the resource object */
	const doc_node *props;           /* Properties, or NULL */
	const char *type;                /* Type */
	const cfn_guard *guard;          /* its Condition, when undecided */
	int skip;                        /* its Condition is known not to hold */
	int visiting;                    /* cycle guard while its name is resolved */
	int names_done;
	cfn_alts names;                  /* memo: physical names (strings) */
} cfn_res;

typedef struct cfn_cond_state {
	const char *name;
	const doc_node *expr;
	int state;                       /* 0 not yet, 1 visiting, 2 done */
	tri value;
} cfn_cond_state;

typedef struct cfn_ctx {
	ingest_ctx *ic;
	model *m;
	arena scratch;
	const doc_node *root, *params, *mappings, *conditions;
	cfn_res *res;
	size_t n_res;
	cfn_cond_state *conds;
	size_t n_conds;
	const cfn_given *given;
	const char *account, *region, *partition;        /* pseudo parameters (placeholders when unknown) */
	char sfx[24];                                     /* "" in the first template read, "#N" in the Nth: its placeholders' suffix */
	int transform;                                    /* the template names a Transform (macros fill in what is missing) */
	unsigned depth;
	size_t errors;
} cfn_ctx;

/* --- cfn.c ---------------------------------------------------------------- */
void cfn_error(cfn_ctx *c, const doc_node *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cfn_warn(cfn_ctx *c, const doc_node *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
cfn_res *cfn_find_res(const cfn_ctx *c, const char *id);
/* While quiet, diagnostics go to a private list and errors are not counted: for
 * the second and later uses of one document (already reported on the first). */
typedef struct cfn_quiet {
	diag_list list;
	diag_list *loud;
	size_t errors;
} cfn_quiet;
void cfn_quiet_begin(cfn_ctx *c, cfn_quiet *q);
void cfn_quiet_end(cfn_ctx *c, cfn_quiet *q);
/* A one-key object {"Ref"|"Fn::X": arg}: its key (*arg set), else NULL. */
const char *cfn_intrinsic(const doc_node *n, const doc_node **arg);

/* --- cfn_params.c --------------------------------------------------------- */
int cfn_params_detect(const doc_node *root);
int cfn_params_read(ingest_ctx *ic, const doc_node *root);
/* The values given for this model so far, NULL when none; notes that a template
 * is being read (a parameters file read later warns that it came too late) and
 * sets *ordinal to its number among the model's templates (from 1). */
const cfn_given *cfn_params_for_template(model *m, const char *path, size_t *ordinal);
const char *cfn_given_value(const cfn_given *g, const char *key);
/* Ref to a parameter or pseudo parameter: 1 when `name` is one (out filled), 0 when not. */
int cfn_ref_param(cfn_ctx *c, const char *name, const doc_node *at, cfn_alts *out);

/* --- cfn_alts.c ----------------------------------------------------------- */
/* New nodes in the scratch arena, placed at `at`. */
doc_node *cfn_str(cfn_ctx *c, const doc_node *at, const char *s, size_t len);
doc_node *cfn_text(cfn_ctx *c, const doc_node *at, const char *s);
/* A container with room for len items (its len counts those set). */
doc_node *cfn_container(cfn_ctx *c, doc_type type, const doc_node *at, size_t len);
/* An object of n members: key (const char *), value (const doc_node *, NULL: left out), ... */
doc_node *cfn_object(cfn_ctx *c, const doc_node *at, size_t n, ...);
/* Append without a limit (unions grow with the template, not with branches). */
void cfn_append(cfn_ctx *c, cfn_alts *out, const doc_node *n, const cfn_guard *g, unsigned flags);
/* Append an alternative; -1 (and an error at `at`) past CFN_MAX_ALTS. */
int cfn_push(cfn_ctx *c, cfn_alts *out, const doc_node *at, const doc_node *n, const cfn_guard *g, unsigned flags);
int cfn_push_sym(cfn_ctx *c, cfn_alts *out, const doc_node *at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* a + b; 1 when they contradict (one assumes C holds, the other that it does not). */
int cfn_guard_join(cfn_ctx *c, const cfn_guard *a, const cfn_guard *b, const cfn_guard **out);
const cfn_guard *cfn_guard_add(cfn_ctx *c, const cfn_guard *g, const char *cname, int holds, const doc_node *at);
/*
 * Every consistent combination of one alternative from each of k lists (past
 * CFN_MAX_COMBOS, an error at `at`): build(c, arg, picks, k, g, flags, out)
 * pushes the result of one, picks[i] from lists[i], g and flags those of the
 * picks joined. Combinations whose guards contradict are skipped.
 */
typedef int (*cfn_build_fn)(cfn_ctx *c, void *arg, const cfn_alt *const *picks, size_t k, const cfn_guard *g,
			    unsigned flags, cfn_alts *out);
int cfn_product(cfn_ctx *c, const doc_node *at, cfn_alts *lists, size_t k, cfn_build_fn build, void *arg,
		cfn_alts *out);

/* --- cfn_eval.c ----------------------------------------------------------- */
/* Evaluate n into its alternatives (appended to out). 0, or PG_EINPUT after a
 * placed error (out may then hold part of the alternatives). */
int cfn_eval(cfn_ctx *c, const doc_node *n, cfn_alts *out);
/* A list where each item stands on its own (statements, attachments, names):
 * the union of every item's alternatives, lists flattened, NoValue dropped.
 * shallow: items that are plain objects are passed as written (the caller
 * evaluates their members one by one, so an Fn::If deep inside one does not
 * multiply the whole item). */
int cfn_eval_union(cfn_ctx *c, const doc_node *n, int shallow, cfn_alts *out);
/* --- cfn_intrinsic.c ------------------------------------------------------ */
int cfn_fn_sub(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out);
int cfn_fn_join(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out);
int cfn_fn_select(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out);
int cfn_fn_split(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out);
int cfn_fn_find_in_map(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out);
int cfn_fn_import(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out);

/* --- cfn_names.c ---------------------------------------------------------- */
int cfn_res_ref(cfn_ctx *c, cfn_res *r, const doc_node *at, cfn_alts *out);
int cfn_res_getatt(cfn_ctx *c, cfn_res *r, const char *attr, const doc_node *at, cfn_alts *out);
/* The physical names of r (memoized): the name property's values, or "{LogicalId}". */
const cfn_alts *cfn_res_names(cfn_ctx *c, cfn_res *r);
/* The ARNs of r (IAM principals and managed policies, the stores of cfn_store.c), placed at `at`
 * (NULL: the logical id); PG_ENOTFOUND for other types. */
int cfn_res_arns(cfn_ctx *c, cfn_res *r, const doc_node *at, cfn_alts *out);
/* "arn:PARTITION:iam::ACCOUNT:KIND/name" for an IAM name outside the template. */
const char *cfn_iam_arn(cfn_ctx *c, const char *kind, const char *name);
/* A placeholder-safe form of a name: ':' (which would split an ARN) becomes '.'. */
void cfn_placeholder(char *buf, size_t size, const char *name);

/* --- cfn_cond.c ----------------------------------------------------------- */
/* Does Conditions entry `name` hold? TRI_UNKNOWN unless a parameters file
 * settles it; an unknown name is an error at `at` (TRI_UNKNOWN). */
tri cfn_cond_decide(cfn_ctx *c, const char *name, const doc_node *at);

/* --- cfn_policy.c --------------------------------------------------------- */
/* A policy document property (statements under Fn::If become their union;
 * Deny statements that exist only on some branch get the condition
 * cfn:Condition/NAME, so they never remove access the other branch keeps). */
int cfn_policy(cfn_ctx *c, const doc_node *docnode, const cfn_guard *guard, policy_kind kind, const char *name,
	       policy **out);
/* Tags [{Key, Value}] of a resource into tags/n (and the stack tags of a configuration file). */
void cfn_tags(cfn_ctx *c, const doc_node *props, tag **tags, size_t *n);
/* Strings of a property (union of its alternatives, lists flattened), NULL-terminated in the
 * scratch arena; *locs (when not NULL) their nodes. Non-strings are errors. */
const char **cfn_strings(cfn_ctx *c, const doc_node *n, const char *what, const doc_node ***locs, size_t *count);
/* The one string value of a property: its first alternative (a warning when it has several). */
const char *cfn_string1(cfn_ctx *c, const doc_node *n, const char *what);

/* --- cfn_iam.c, cfn_store.c ------------------------------------------------ */
typedef struct cfn_handler {
	const char *type;
	int (*declare)(cfn_ctx *c, cfn_res *r);        /* pass 1: principals, stores, managed policies */
	int (*attach)(cfn_ctx *c, cfn_res *r);         /* pass 2: attachments, resource policies */
} cfn_handler;

extern const cfn_handler cfn_iam_handlers[];     /* terminated by a NULL type */
extern const cfn_handler cfn_store_handlers[];
/* AWS::Lambda::Permission (cfn_lambda.c): one Allow statement added to the function's policy. */
int cfn_lambda_permission(cfn_ctx *c, cfn_res *r);
/* Find or register a store of the template's account (S3 ARNs carry none). */
resource *cfn_store(cfn_ctx *c, const char *arn, const char *type, const doc_node *at);
/* After both passes: stores declared by the template without a policy have none. */
void cfn_store_finish(cfn_ctx *c);

#endif
