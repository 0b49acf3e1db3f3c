/*
 * tf_plan_internal — what the terraform-plan reader's files share:
 *
 *   tf_plan.c       detection, the walk over modules, resource_changes and
 *                   configuration, the plan's account/region/subscription,
 *                   and the dispatch by resource type
 *   tf_plan_refs.c  attribute access (known, unknown, typed, placed errors)
 *                   and configuration references between resources
 *   tf_plan_aws.c   IAM: roles, users, groups, managed and inline policies,
 *                   attachments, memberships
 *   tf_plan_awsres.c resources and their policies: S3, KMS, SQS, SNS, Lambda,
 *                   Secrets Manager, bucket encryption, resource_arn policies
 *   tf_plan_lambda.c aws_lambda_permission statements
 *   tf_plan_doc.c   policy attributes, and aws_iam_policy_document data
 *                   sources whose JSON is known only after apply, rebuilt
 *                   from their statements
 *   tf_plan_az.c    azurerm role definitions and assignments, and the Azure
 *                   resources and identities they name
 *
 * Ownership: a tf_plan lives for one read; its tf_res records borrow the
 * document's nodes, and the model objects they point at belong to the model.
 */
#ifndef PG_TF_PLAN_INTERNAL_H
#define PG_TF_PLAN_INTERNAL_H

#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "ingest/ingest.h"
#include "model/azure.h"

/* One resource instance of the plan (managed resource or data source). */
typedef struct tf_res {
	const char *address;    /* interned full instance address: module.m["k"].aws_iam_role.x[0] */
	const char *type;       /* "aws_iam_role" */
	const char *module;     /* interned module instance address ("" for the root module) */
	const char *cfg_key;    /* interned "<module path without instance keys>|<[data.]type.name>" */
	const char *inst_key;   /* interned "<module instance address>|<[data.]type.name>" */
	size_t same_next;       /* index + 1 of the next instance with the same inst_key; 0: none */
	int data;               /* a data source */
	const doc_node *node;   /* the resource object: diagnostics and model objects point here */
	const doc_node *values; /* the values object, or NULL */
	const doc_node *unknown;/* resource_changes[].change.after_unknown, or NULL */
	const doc_node *expr;   /* configuration expressions, or NULL */
	int created;            /* the plan creates it (or replaces it): nothing outside the plan set it up */
	int gone;               /* deleted by the plan: never defined, never referred to */

	/* identity, for references: set by tf_*_identify before any object is made */
	const char *id;         /* AWS: the ARN (known or placeholder); Azure: the resource id */
	const char *name;       /* the name the resource is referred to by, or NULL */

	/* the model objects made from it */
	principal *prin;
	resource *rsrc;
	policy *pol;
	az_role *role;
	az_principal *azp;
} tf_res;

typedef struct tf_plan {
	ingest_ctx *c;
	tf_res *res;
	size_t n, cap;
	ptrmap by_addr;         /* interned address -> tf_res * */
	ptrmap cfg;             /* interned cfg_key -> configuration expressions node */
	ptrmap changes;         /* interned address -> change node */
	ptrmap inst;            /* interned inst_key -> index + 1 of its first instance */
	const char *partition;  /* interned, "aws" unless the plan says */
	const char *account;    /* interned 12-digit id, or NULL when unknown */
	const char *region;     /* interned, or NULL when unknown */
	const char *subscription; /* Azure subscription id, or NULL */
	const doc_node *default_tags; /* the AWS provider's default_tags (constant object), or NULL */
	int err;                /* PG_EINPUT once any error was added */
} tf_plan;

/* --- tf_plan_refs.c: attributes ------------------------------------------------ */

/* 1 when after_unknown marks values.key (or element i of it, i >= 0) as known only after apply. */
int tf_unknown(const tf_res *r, const char *key);
int tf_unknown_at(const tf_res *r, const char *key, size_t i);
/* values.key when present, known and not null; else NULL. */
const doc_node *tf_val(const tf_res *r, const char *key);
/* values.key as a string: NULL when absent, null or unknown; another type is a
 * placed error naming the attribute and the resource (p->err set). */
const char *tf_str(tf_plan *p, const tf_res *r, const char *key);
/* values.key when it is a known string, else NULL, without a message (for a second read of a key). */
const char *tf_sval(const tf_res *r, const char *key);
/* The same for a node of an embedded block; `what` names it in messages. */
const char *tf_node_str(tf_plan *p, const tf_res *r, const doc_node *n, const char *what);
/* values.key when it is an array (absent, null or unknown: NULL; another type: placed error). */
const doc_node *tf_list(tf_plan *p, const tf_res *r, const char *key);
/* Add an error or warning placed at n (r's resource object when n is NULL), naming r. */
void tf_diag(tf_plan *p, diag_severity sev, const tf_res *r, const doc_node *n, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
pg_loc tf_loc(tf_plan *p, const tf_res *r);
/* Add r's tags (tags_all when known, else the provider's default_tags and
 * tags) to (*tags, *n); 1 when they are known (none counts), 0 when not. */
int tf_tags(tf_plan *p, const tf_res *r, tag **tags, size_t *n);

/* --- tf_plan_refs.c: references ------------------------------------------------ */

/* The configuration expression of attribute key (NULL when the plan has no configuration for r). */
const doc_node *tf_expr(const tf_res *r, const char *key);
/* The expression of a nested block's attribute: expressions.block[i].key (NULL when absent). */
const doc_node *tf_block_expr(const tf_res *r, const char *block, size_t i, const char *key);
/*
 * The resources of the plan an expression refers to ("aws_iam_role.x.name",
 * "aws_iam_role.x[0]", "data.aws_caller_identity.c.account_id"), in r's
 * module instance, whose type is one of `types` (NULL-terminated; NULL: any).
 * A reference to every instance (count/for_each) yields each. Returns how
 * many were stored (at most max; duplicates once).
 */
size_t tf_refs(tf_plan *p, const tf_res *r, const doc_node *expr, const char *const *types, tf_res **out,
	       size_t max);
/* The plan's resource of one of `types` (NULL: any) whose id or name equals s, or NULL. */
tf_res *tf_find(tf_plan *p, const char *const *types, const char *s);

#define TF_MAX_TARGETS 64

/* What an attribute that names other resources resolves to. */
typedef struct tf_targets {
	tf_res *res[TF_MAX_TARGETS];            /* resources of the plan it names */
	size_t n_res;
	const char *known[TF_MAX_TARGETS];      /* known values that name no resource of the plan */
	const doc_node *known_at[TF_MAX_TARGETS];
	size_t n_known;
	int unresolved;         /* a value known only after apply whose references name nothing of the plan */
} tf_targets;

/*
 * Resolve a string or list-of-strings attribute that names resources (a
 * role, a bucket, policy ARNs, group names): each known value is matched
 * against the plan's resources of `types` by id or name (unmatched ones are
 * kept in known[]); a value known only after apply (absent, null, or a null
 * list element, with references in its expression) resolves to the plan
 * resources the references name. tf_collect reads values.key and
 * expressions.key; tf_collect_node a node and expression of a nested block.
 * Wrong types are placed errors (p->err set).
 */
void tf_collect(tf_plan *p, const tf_res *r, const char *key, const char *const *types, tf_targets *out);
void tf_collect_node(tf_plan *p, const tf_res *r, const doc_node *n, const doc_node *expr, const char *what,
		     const char *const *types, tf_targets *out);

/* --- the type handlers --------------------------------------------------------- */

/* Pass 1 (every resource, before any object is made): set r->id and r->name. 1 when handled. */
int tf_aws_identify(tf_plan *p, tf_res *r);
int tf_awsres_identify(tf_plan *p, tf_res *r);
int tf_az_identify(tf_plan *p, tf_res *r);
/* Pass 2: the principals, managed policies and resources. Pass 3: what links them. */
void tf_aws_define(tf_plan *p, tf_res *r);
void tf_aws_link(tf_plan *p, tf_res *r);
void tf_awsres_define(tf_plan *p, tf_res *r);
void tf_awsres_link(tf_plan *p, tf_res *r);
void tf_az_define(tf_plan *p, tf_res *r);
/* tf_plan_awsres.c: the model resources attribute key names (the plan's, or existing ones
 * by ARN or name, added under the plan's account); types[0] says how to make an ARN. */
size_t tf_awsres_targets(tf_plan *p, tf_res *r, const char *key, const char *const *types, resource **out,
			 size_t max);
void tf_awsres_encryption(tf_plan *p, tf_res *r);
/* tf_plan_lambda.c: aws_lambda_permission, one statement added to its function's policy. */
void tf_awsres_lambda_permission(tf_plan *p, tf_res *r);
void tf_az_link(tf_plan *p, tf_res *r);

/* The placeholder for a name known only after apply: "<ADDRESS>" (interned). */
const char *tf_placeholder(tf_plan *p, const tf_res *r);
/* An ARN "arn:PARTITION:SERVICE:REGION:ACCOUNT:REST" with the plan's account and region (empty when
 * unknown, or when `flags` leaves them out: S3 bucket ARNs have neither, IAM ARNs no region). */
enum { TF_ARN_REGION = 1, TF_ARN_ACCOUNT = 2, TF_ARN_BOTH = 3 };
const char *tf_arn(tf_plan *p, const char *service, int flags, const char *rest);

/*
 * Parse a policy attribute of r (a JSON string, or an object) with
 * aws_policy_parse. When the value is known only after apply and its
 * references name an aws_iam_policy_document data source of the plan, the
 * policy is rebuilt from that data source (tf_plan_doc.c). 0 with *out set;
 * 0 with *out NULL when the policy is unknown (a warning says so), or absent;
 * PG_EINPUT after placed errors.
 */
int tf_policy(tf_plan *p, const tf_res *r, const char *key, const doc_node *node, const doc_node *expr,
	      policy_kind kind, const char *name, policy **out);
/* Parse policy JSON text made by the reader (it is in no file): diagnostics
 * and the statements are placed at r (statement i at locs[i] when given). */
int tf_policy_text(tf_plan *p, const tf_res *r, const char *json, policy_kind kind, const char *name,
		   const pg_loc *locs, size_t n_locs, policy **out);
/* JSON string literal of s, appended to sb. */
void tf_json_str(strbuf *sb, const char *s);
/* tf_plan_doc.c: the policy of an aws_iam_policy_document data source with unknown parts. */
int tf_doc_policy(tf_plan *p, const tf_res *doc_src, policy_kind kind, const char *name, policy **out);

#endif
