/*
 * config — permgraph.yaml: SaaS tenants, classification rules, required
 * provenance tags, the organization, suppressions and fail_on.
 *
 * The file is JSON or YAML (doc's reader, over the same bytes that are digested). Checking
 * is strict and every problem is reported, not just the first: unknown keys
 * (with the closest known key), wrong types ("'tenants' must be a list, not a
 * string"), duplicate keys, malformed ids and dates, suppressions without a
 * reason or an expiry, duplicate tenant names, an account, subscription or
 * tenant tag claimed by two tenants (a tenant that can match nothing is a
 * warning). Positions are the node's file:line:col.
 * A null section (`suppressions:` with nothing under it) counts as absent.
 *
 *   tenants:                    # SaaS tenant partitions (how subjects join one: classify.h)
 *     - name: acme              # required, unique
 *       aws_accounts: ["111111111111"]          # 12-digit ids
 *       azure_subscriptions: ["<guid>"]         # subscription GUIDs (any case)
 *       tags: {tenant: acme}    # a principal or resource with ANY of these tags belongs to the tenant
 *   classify:
 *     synthetic:                # any rule matches -> the store holds synthetic data
 *       - tag: {key: data-class, value: synthetic}   # value optional: the key being present matches
 *       - arn: "arn:aws:s3:::synth-*"                # glob over AWS ARNs (case-sensitive)
 *       - azure_id: "/subscriptions/S/resourceGroups/synthetic-*"  # glob over Azure ids (any case)
 *       - type: AWS::S3::Bucket                      # glob over resource types (any case)
 *     production: [...]         # the same rules; they classify principals too
 *   provenance: {required_tags: [synthetic:generator, ...]}
 *   organization: {id: o-abc123, trusted_accounts: ["222222222222"]}
 *   suppressions:
 *     - rule: PG-WILDCARD-ACTION   # required; a glob over rule ids (any case)
 *       principal: "arn:..."       # optional glob; absent = any principal
 *       resource: "arn:..."        # optional glob; absent = any resource
 *       reason: "..."              # required, not empty
 *       expires: 2027-03-31        # required, YYYY-MM-DD; valid through that day
 *   owners:                     # who may write which synthetic stores (PG-SYNTHETIC-EXPOSURE-OWNER)
 *     - stores: ["arn:aws:s3:::synth-acme-*"]     # globs over store ids (ARN case-sensitive, Azure ids any case)
 *       principals: ["arn:aws:iam::*:role/data-generator"]   # globs over principal ids or object ids
 *   fail_on: high               # low | medium | high | critical
 *
 * One rule has exactly one condition; a rule with two is an error (write two
 * rules). Rule semantics are classify.h's.
 *
 * Resource types: AWS resources are named by their CloudFormation type
 * ("AWS::S3::Bucket", "AWS::DynamoDB::Table", as the model stores them), Azure
 * resources by their ARM type ("Microsoft.Storage/storageAccounts"); any
 * other form ("s3:bucket") is an error. Types compare case-insensitively.
 *
 * Defaults: a classification list or the provenance list that the file does
 * not give (or no file at all: config_defaults) is the built-in one below,
 * and the config records which ones were used so the output can name them.
 * Tag values compare case-insensitively in every rule, so these cover
 * "Synthetic", "PROD" and so on:
 *   synthetic:  data-classification=synthetic, data-class=synthetic,
 *               classification=synthetic, synthetic=true
 *   production: env=prod, env=production, environment=prod,
 *               environment=production, Environment=prod,
 *               Environment=production (AWS tag keys are case-sensitive),
 *               data-classification=production, data-class=production,
 *               classification=production
 *   provenance.required_tags: synthetic:generator, synthetic:created,
 *               synthetic:purpose
 * No tenants, no organization, no suppressions, fail_on unset (the command
 * line decides).
 *
 * Ownership: a config owns every string and array in it (one arena) until
 * config_free; nothing points into the document it was read from. Every
 * loc.file is the config's own path (NULL for built-in defaults).
 */
#ifndef PG_MODEL_CONFIG_H
#define PG_MODEL_CONFIG_H

#include <stddef.h>
#include "base/arena.h"
#include "base/diag.h"
#include "base/severity.h"
#include "model/model.h"

#define CONFIG_DEFAULT_PATH "permgraph.yaml"

typedef enum { CONFIG_RULE_TAG, CONFIG_RULE_ARN, CONFIG_RULE_AZURE_ID, CONFIG_RULE_TYPE } config_rule_kind;

typedef struct config_rule {
	config_rule_kind kind;
	const char *key;        /* tag rules: the tag key; else NULL */
	const char *value;      /* tag rules: the value, NULL = any value; else the glob */
	pg_loc loc;             /* file NULL for built-in defaults */
} config_rule;

typedef struct config_tenant {
	const char *name;
	const char **aws_accounts;
	size_t n_aws_accounts;
	const char **azure_subscriptions;       /* lowercased GUIDs */
	size_t n_azure_subscriptions;
	tag *tags;                              /* keys and values as written */
	size_t n_tags;
	pg_loc loc;
} config_tenant;

typedef struct config_suppression {
	const char *rule;
	const char *principal;  /* NULL = any */
	const char *resource;   /* NULL = any */
	const char *reason;
	int expires;            /* YYYYMMDD; the suppression holds through that day */
	pg_loc loc;
} config_suppression;

/* One owners rule: the principals that may write the stores it names. */
typedef struct config_owner {
	const char **stores, **principals;
	size_t n_stores, n_principals;
	pg_loc loc;
} config_owner;

typedef struct config {
	const char *path;               /* the file read, or NULL for config_defaults() */
	char sha256[65];                /* hex digest of the file's bytes; "" for defaults */

	config_tenant *tenants;
	size_t n_tenants;
	config_rule *synthetic, *production;
	size_t n_synthetic, n_production;
	const char **required_tags;
	size_t n_required_tags;
	const char *org_id;             /* NULL when not configured */
	const char **trusted_accounts;
	size_t n_trusted_accounts;
	config_suppression *suppressions;
	size_t n_suppressions;
	config_owner *owners;
	size_t n_owners;
	severity fail_on;

	/* which built-in defaults stand in for what the file did not say */
	int synthetic_default, production_default, provenance_default;

	arena arena;
} config;

/* The built-in configuration (see the top): no file, every default used. */
config *config_defaults(void);

/*
 * Read a configuration file. On success *out is the config and 0 is
 * returned; otherwise *out is NULL, every problem is in diags (errors, and
 * warnings such as a tenant that can match nothing) and PG_EINPUT is returned.
 */
int config_load_file(config **out, const char *path, diag_list *diags);
/* The same from memory; name is used in positions; the digest is of buf. */
int config_load_buffer(config **out, const char *name, const char *buf, size_t len, diag_list *diags);
void config_free(config *c);

/* CONFIG_DEFAULT_PATH when it names a regular file in the working folder, else NULL. */
const char *config_find_default_path(void);

/* "tag data-class=synthetic", "tag owner (any value)", "arn arn:aws:s3:::synth-*",
 * "azure_id …", "type …" into buf (truncated to size). */
void config_rule_describe(const config_rule *r, char *buf, size_t size);

/* Dates are ints YYYYMMDD so they compare as integers. */
/* 0 and *out for a real calendar date written YYYY-MM-DD; -1 when the text is
 * not of that form, -2 when it is but names no date ("2027-02-30"). */
int config_parse_date(const char *s, int *out);
/* Today's date (UTC). */
int config_today(void);

/*
 * The suppression that covers a finding of `rule` for principal_id and resource_id
 * (either may be NULL when the finding has none), or NULL. Expired
 * suppressions (expires < today) cover nothing. Patterns that start with
 * "arn:" compare case-sensitively (ARNs), all others (rule ids, Azure ids,
 * object ids) case-insensitively; a suppression naming a principal or
 * resource never covers a finding without one.
 */
const config_suppression *config_suppressed(const config *c, const char *rule, const char *principal_id,
					    const char *resource_id, int today);
/* The first owners rule that names the store (by any of its ids), or NULL:
 * a store no rule names has no configured owners. */
const config_owner *config_store_owners(const config *c, const char *const *store_ids, size_t n_ids);
/* 1 when some rule naming the store lists one of the principal's ids. */
int config_is_owner(const config *c, const char *const *store_ids, size_t n_store_ids,
		    const char *const *principal_ids, size_t n_principal_ids);
/* The suppressions expired on `today`, in file order: returns how many, storing up to max in out. */
size_t config_expired_suppressions(const config *c, int today, const config_suppression **out, size_t max);

#endif
