/*
 * model — the normalized, provider-neutral permission model.
 *
 * Ingest fills it from documents; eval and graph read it. Principals, policies,
 * statements, resources and organization nodes all come from one arena, and
 * every identifier (ARNs, actions, keys, ids) is interned, so equality is a
 * pointer compare: callers that want to compare a string against the model
 * intern it first with model_intern.
 *
 * Ownership: the model owns everything reachable from it, including copies of
 * what it keeps from documents (file names and positions are copied, document
 * trees are not kept); getters return borrowed pointers valid until model_free.
 */
#ifndef PG_MODEL_H
#define PG_MODEL_H

#include <stddef.h>
#include "base/arena.h"
#include "base/intern.h"

typedef struct pg_loc {
	const char *file;       /* interned; NULL when unknown */
	unsigned line, col;
} pg_loc;

/* --- policies ---------------------------------------------------------------- */

typedef enum { EFFECT_ALLOW, EFFECT_DENY } stmt_effect;

typedef enum {
	PSPEC_AWS,              /* ARN, account id (normalized to arn:aws:iam::ID:root) or "*" */
	PSPEC_SERVICE,          /* lambda.amazonaws.com */
	PSPEC_FEDERATED,        /* cognito-identity.amazonaws.com, SAML provider ARN */
	PSPEC_CANONICAL_USER,
	PSPEC_STAR              /* "Principal": "*" */
} pspec_kind;

typedef struct pspec {
	pspec_kind kind;
	const char *value;      /* interned, as written (account ids normalized) */
	pg_loc loc;
} pspec;

typedef struct cond {
	const char *op;         /* interned as written: "ForAnyValue:StringLikeIfExists" */
	const char *key;        /* interned as written; compare case-insensitively */
	const char **values;    /* interned; numbers and booleans as their text */
	size_t n_values;
	pg_loc loc;
} cond;

typedef struct stmt {
	stmt_effect effect;
	const char *sid;        /* NULL when absent */
	pg_loc loc;
	struct policy *policy;  /* back pointer */
	size_t index;           /* position in the policy, from 0 */

	const char **actions;   /* interned, lowercased ("s3:getobject") */
	pg_loc *action_locs;
	size_t n_actions;
	int not_action;

	const char **resources; /* interned as written */
	size_t n_resources;
	int not_resource;
	int has_resource;       /* a Resource or NotResource element is present */

	pspec *principals;
	size_t n_principals;
	int not_principal;
	int has_principal;

	cond *conds;
	size_t n_conds;
} stmt;

typedef enum {
	POL_IDENTITY,           /* managed or inline policy attached to a user, group or role */
	POL_TRUST,              /* a role's assume-role policy */
	POL_RESOURCE,           /* bucket, key, topic, queue, function, secret policy ... */
	POL_SCP,
	POL_RCP,
	POL_SESSION
} policy_kind;

typedef struct policy {
	policy_kind kind;
	const char *name;       /* interned */
	const char *arn;        /* managed policies: interned ARN; else NULL */
	const char *version;    /* "2012-10-17", "2008-10-17" or NULL when absent */
	int managed;            /* a managed policy (customer or AWS) */
	const char *owner;      /* inline: the ARN of the principal it is embedded in */
	stmt *stmts;
	size_t n_stmts;
	pg_loc loc;
} policy;

/* --- principals -------------------------------------------------------------- */

typedef enum {
	PRIN_USER, PRIN_GROUP, PRIN_ROLE, PRIN_ACCOUNT, PRIN_SERVICE, PRIN_FEDERATED,
	PRIN_EVERYONE, PRIN_SESSION, PRIN_UNKNOWN
} principal_kind;

/* Data classification of a store or principal (bits: a store that matches both
 * the synthetic and the production rules has both, which is itself a finding). */
enum { CLASS_NONE = 0, CLASS_SYNTHETIC = 1, CLASS_PRODUCTION = 2 };

typedef struct tag {
	const char *key;        /* interned as written */
	const char *value;      /* interned */
} tag;

typedef struct principal {
	principal_kind kind;
	const char *arn;        /* interned */
	const char *name;
	const char *id;         /* AIDA…, AROA… */
	const char *account;    /* interned 12-digit id or NULL */
	const char *path;
	pg_loc loc;

	tag *tags;
	size_t n_tags;

	const char **managed_arns;      /* attached managed policies, resolved by model_finalize */
	size_t n_managed_arns;
	policy **inline_policies;
	size_t n_inline;
	const char *boundary_arn;       /* permission boundary (managed policy ARN) or NULL */

	const char **group_names;       /* users: groups by name, resolved by model_finalize */
	size_t n_group_names;

	policy *trust;                  /* roles: the trust policy */

	/* filled by model_finalize */
	policy **policies;              /* every identity policy that applies, own and groups' */
	size_t n_policies;
	policy *boundary;
	struct principal **groups;
	size_t n_groups;

	/* filled by classify_apply (model/classify.h) */
	int classification;             /* CLASS_* bits */
	const char *saas_tenant;        /* configured SaaS tenant name (interned) or NULL */
} principal;

/* --- resources --------------------------------------------------------------- */

typedef struct resource {
	const char *arn;        /* interned */
	const char *service;    /* interned: "s3", "kms" ... */
	const char *account;    /* interned or NULL when the ARN has none (S3) and no input said */
	const char *type;       /* e.g. "bucket", "key", "AWS::S3::Bucket" as the input said */
	pg_loc loc;
	tag *tags;
	size_t n_tags;
	policy *policy;         /* resource-based policy or NULL */
	int policy_known;       /* an input said what the policy is (or that there is none) */
	int tags_known;         /* an input listed the resource's tags */
	int aws_managed_key;    /* KMS key managed by AWS (RCPs do not apply) */
	const char *encryption_key; /* customer-managed KMS key of the store's default encryption, interned, as the
				     * input wrote it (key ARN, key id, alias or alias ARN; a reader that knows the
				     * region and account writes the ARN); NULL: none known, or an AWS-managed key */
	pg_loc encryption_loc;  /* where that setting is */

	/* filled by classify_apply (model/classify.h) */
	int classification;     /* CLASS_* bits */
	const char *saas_tenant;/* configured SaaS tenant name (interned) or NULL */
} resource;

/* --- organizations ----------------------------------------------------------- */

typedef enum { ORG_ROOT, ORG_OU, ORG_ACCOUNT } org_kind;

typedef struct org_node {
	org_kind kind;
	const char *id;         /* interned: r-xxxx, ou-xxxx, 12-digit account */
	const char *name;
	struct org_node *parent;
	policy **scps;
	size_t n_scps;
	policy **rcps;
	size_t n_rcps;
	int management;         /* the organization's management account */
} org_node;

typedef struct model model;

model *model_new(void);
void model_free(model *m);

const char *model_intern(model *m, const char *s);
const char *model_intern_n(model *m, const char *s, size_t len);
const char *model_intern_lower(model *m, const char *s);
/* The interned copy of s, or NULL when s was never interned (never interns). */
const char *model_intern_find(const model *m, const char *s);
arena *model_arena(model *m);
pg_loc model_loc(model *m, const char *file, unsigned line, unsigned col);

/* Principals by interned or plain ARN: find returns NULL when absent; add
 * returns the existing principal when the ARN is known (pagination fragments
 * and repeated exports merge). */
principal *model_find_principal(const model *m, const char *arn);
principal *model_add_principal(model *m, principal_kind kind, const char *arn);
principal **model_principals(const model *m, size_t *n);

resource *model_find_resource(const model *m, const char *arn);
resource *model_add_resource(model *m, const char *arn);
resource **model_resources(const model *m, size_t *n);

/* Managed policies by ARN (the default version's document). */
policy *model_find_managed(const model *m, const char *arn);
/* Register a managed policy; a second registration of the same ARN keeps the first. */
policy *model_add_managed(model *m, policy *p);
policy *model_new_policy(model *m, policy_kind kind, const char *name);

org_node *model_find_org(const model *m, const char *id);
org_node *model_add_org(model *m, org_kind kind, const char *id);
/* The organization path of an account: root first, the account last; 0 when unknown. */
size_t model_org_path(const model *m, const char *account, org_node **path, size_t max);
/* True once any SCP or RCP input was read. */
int model_has_org(const model *m);
/* The organization id (o-...) from an Organizations input, or NULL. */
void model_set_org_id(model *m, const char *id);
const char *model_org_id(const model *m);

/* Set the tags of a principal or resource (copied). */
void model_add_tag(model *m, tag **tags, size_t *n, const char *key, const char *value);
const char *model_tag_value(const tag *tags, size_t n, const char *key);
/* The same with the key compared ASCII case-insensitively (condition keys name tags that way). */
const char *model_tag_value_ci(const tag *tags, size_t n, const char *key);

/* Resolve names and ARNs across every input (managed policies, groups,
 * boundaries). Unresolved references are reported as warnings to `warn`
 * (a diag_list*), never dropped silently. Idempotent. */
struct diag_list;
void model_finalize(model *m, struct diag_list *warn);

const char *principal_kind_name(principal_kind k);
const char *policy_kind_name(policy_kind k);

/* The account id in an ARN ("arn:aws:iam::123456789012:role/x" -> interned
 * "123456789012"), or NULL when the ARN has no account segment. */
const char *model_arn_account(model *m, const char *arn);

#endif
