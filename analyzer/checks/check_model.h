/*
 * check_model — the scan findings that need only the model and the config
 * (no permission graph): provenance tags, resource-policy guardrails,
 * wildcard grants, public principals, cross-account trust and encryption
 * keys shared across data classes. The graph families (privilege
 * escalation, synthetic exposure, segregation, cross-tenant reach) are
 * elsewhere.
 *
 * Every entry point reads a finalized, classified model (classify_apply) and
 * a config (never NULL: config_defaults() when there is no file), walks the
 * model in its own order and appends findings to out; none sorts: the caller
 * sorts once (finding_list_sort) after every check ran. Suppressions are
 * applied by the caller too.
 *
 * Rules (ids are part of the output contract; controls are NIST SP 800-53):
 *
 * rule                         category       severity          controls
 * PG-PROVENANCE-MISSING-TAG    provenance     medium            AU-10, CM-8
 * PG-PROVENANCE-TAGS-UNKNOWN   provenance     low               AU-10, CM-8
 * PG-GUARDRAIL-NO-DENY         guardrail      medium            AC-3, AC-4
 * PG-GUARDRAIL-POLICY-UNKNOWN  guardrail      low               AC-3, AC-4
 * PG-WILDCARD-ACTION           wildcard       high              AC-6, AC-6(1)
 * PG-WILDCARD-SERVICE          wildcard       medium            AC-6, AC-6(1)
 * PG-WILDCARD-RESOURCE         wildcard       medium (high with
 *                                             permissions mgmt) AC-6, AC-6(1)
 * PG-WILDCARD-NOT-ACTION       wildcard       medium            AC-6, AC-6(1)
 * PG-AZ-WILDCARD-ROLE          wildcard       high              AC-6, AC-6(1)
 * PG-AZ-BROAD-ASSIGNMENT       wildcard       medium            AC-6, AC-6(5)
 * PG-PUBLIC-PRINCIPAL          public-access  critical on a synthetic
 *                                             store, else high  AC-3, AC-21, SC-7
 * PG-TRUST-EXTERNAL-ACCOUNT    cross-tenant   high              AC-3, AC-20
 * PG-SHARED-KEY                shared-key     medium            SC-12, SC-28, AC-4
 * PG-POLICY-UNKNOWN-ACTION     invalid-policy medium (high in a  AC-3, CM-6
 * PG-POLICY-UNKNOWN-SERVICE    invalid-policy  Deny)            AC-3, CM-6
 *   an action (or action pattern) of an identity, trust or resource policy
 *   that matches no action of the catalogue; the other lint rules are
 *   `validate`'s.
 *
 * Finding fields: `principal` is who the finding is about when one
 * principal is (an inline policy's owner, an Azure assignment's object id,
 * "*" for a public statement), else NULL; `resource` is the store, role,
 * managed-policy ARN, custom role id or assignment scope concerned; the
 * fingerprint discriminator of a statement finding is its Sid ("sid:X"),
 * else its position ("#3"), so findings keep their ids when a document is
 * reformatted. `location` is the statement, principal, action or assignment
 * responsible; for a resource-level finding, the resource.
 *
 * Ownership: the checks borrow the model and the config; out owns what is
 * added (finding.h copies every string).
 */
#ifndef PG_CHECKS_CHECK_MODEL_H
#define PG_CHECKS_CHECK_MODEL_H

#include <stddef.h>
#include "checks/finding.h"
#include "model/config.h"
#include "model/model.h"

/*
 * provenance: every synthetic-classified store (AWS and Azure) that lacks a
 * tag of cfg->required_tags, or carries it with an empty value: one
 * PG-PROVENANCE-MISSING-TAG per store naming every missing tag. A store
 * whose tags no input listed (tags_known 0) cannot be checked: one
 * PG-PROVENANCE-TAGS-UNKNOWN per store. Tag keys compare as the cloud does
 * (classify_tag_value). Location: the store.
 */
void check_provenance(const model *m, const config *cfg, finding_list *out);

/*
 * guardrail: every synthetic-classified AWS store of a service whose
 * resource policy is where a data perimeter lives (s3, kms, sqs, sns,
 * secretsmanager, dynamodb, kinesis, es, ecr, glacier, elasticfilesystem,
 * backup) with no perimeter Deny (check_perimeter_deny) in its resource
 * policy nor in an RCP above its account (RCPs count for s3, kms, sqs and
 * secretsmanager, not for AWS-managed keys): PG-GUARDRAIL-NO-DENY, located at
 * the policy (or the store when it has none). A policy no input gave and no
 * RCP guard: PG-GUARDRAIL-POLICY-UNKNOWN. Azure stores are not checked: an
 * Azure "deny for principals outside the tenant" has no single form (deny
 * assignments are created only by Azure itself: Blueprints, managed apps,
 * deployment stacks; locks do not restrict data access), so the rule would
 * be a guess.
 */
void check_guardrail(const model *m, const config *cfg, finding_list *out);

/*
 * wildcard, AWS: Allow statements of the identity policies attached to the
 * model's users, groups and roles (each managed policy once, however many
 * principals it is attached to; a managed policy attached to nobody grants
 * nothing and is not reported) and of resource policies:
 *   PG-WILDCARD-ACTION    Action "*" (a wildcard in a service prefix, "*:Get*",
 *                         is malformed: invalid-policy's, not reported here);
 *   PG-WILDCARD-SERVICE   "service:*";
 *   PG-WILDCARD-RESOURCE  identity policies only (in a resource policy "*" is
 *                         the resource itself): Resource "*" with write or
 *                         permissions-management actions (catalogue access
 *                         levels), not counting actions already reported as
 *                         wildcards; high when permissions-management actions
 *                         are among them. The catalogue keeps only *required*
 *                         resource types (s3:PutObject has none), so it cannot
 *                         tell the few actions that only take "*"
 *                         (kms:CreateKey): those are reported too;
 *   PG-WILDCARD-NOT-ACTION Allow with NotAction.
 * One finding per statement and rule, located at the first offending action
 * (NotAction and RESOURCE: the statement). Managed policies: principal NULL,
 * resource the policy ARN (suppress by `resource:`), the message says how
 * many principals it is attached to; inline: principal the owner, resource
 * NULL; resource policies: principal NULL, resource the store. Resource
 * policy statements that name only the store's own account root delegate to
 * IAM (the default KMS key policy) and grant nothing: not reported.
 *
 * wildcard, Azure: custom roles whose actions or dataActions hold "*" or a
 * wildcard reaching role assignment/definition writes (az_role_lint's
 * PG-AZ-ROLE-WILDCARD test): one PG-AZ-WILDCARD-ROLE per role, at the first
 * such pattern. Owner, Contributor, User Access Administrator and Role Based
 * Access Control Administrator assignments (classic administrators and
 * Lighthouse authorizations included) at the root, a management group or a
 * subscription: PG-AZ-BROAD-ASSIGNMENT at the assignment. Whether such an
 * assignment reaches synthetic data is a graph question (the graph checks).
 */
void check_wildcard(const model *m, const config *cfg, finding_list *out);
void check_invalid(const model *m, const config *cfg, finding_list *out);
extern const char *const check_controls_invalid[];

/*
 * public-access: Allow statements of resource policies and role trust
 * policies whose principals include "*" ("*" or {"AWS": "*"}), or that use
 * NotPrincipal, and that carry no condition restricting the caller
 * (check_cond_restricts), on a resource no perimeter Deny guards (check_guardrail's
 * test): PG-PUBLIC-PRINCIPAL, principal "*", at the "*" principal.
 */
void check_public(const model *m, const config *cfg, finding_list *out);

/*
 * cross-tenant (trust): role trust policies whose Allow statements let an
 * AWS principal of another account assume the role (sts:AssumeRole matched
 * by Action, or not excluded by NotAction) without an sts:ExternalId
 * condition or an organization condition (aws:PrincipalOrgID or
 * aws:PrincipalOrgPaths naming the organization — cfg->org_id or the
 * Organizations input; any organization when neither says). "Another
 * account" is one that is not the role's, no input principal or resource
 * belongs to, no configured tenant lists, not in the Organizations input and
 * not in organization.trusted_accounts. One PG-TRUST-EXTERNAL-ACCOUNT per
 * (role, external principal), at the principal.
 */
void check_trust(const model *m, const config *cfg, finding_list *out);

/*
 * shared-key: a customer-managed key that encrypts at least one synthetic and
 * one production store (a store classified both ways counts for neither: it
 * is segregation's PG-SEGREGATION-MIXED-STORE): one PG-SHARED-KEY per key,
 * resource the key, located at the encryption setting of the first
 * synthetic store (by id), with an "encrypted-by" step per store (and
 * "uses-key" from a disk encryption set to its Key Vault key). Medium, like
 * a mixed store: reading the data still needs the store's own permissions,
 * but the key can no longer separate the classes (whoever may decrypt one
 * can decrypt the other; the key cannot be disabled, rotated or destroyed
 * for one class alone).
 *
 * AWS keys (resource.encryption_key) compare as ARNs; a bare key id or alias
 * whose ARN no input completed (S3 CLI outputs carry no region) takes the one
 * full ARN with its id or name (and account, when the store's is known) that
 * the inputs give — another store's setting, a KMS key or alias resource —
 * else stays as written; key ids compare in any account (they are random
 * UUIDs), alias names within an account. Aliases are compared by name, never
 * matched to the key they name (no list-aliases export is read); the message
 * says so. AWS-managed keys (alias/aws/…, a KMS resource with
 * aws_managed_key) are not reported. Azure: Key Vault key URLs (az_resource.
 * encryption_key); a disk's disk encryption set is resolved to its key when
 * an input describes the set, else the set is the key.
 */
void check_shared_key(const model *m, const config *cfg, finding_list *out);

/* --- shared by the check_*.c files ------------------------------------------ */

/* The controls of a rule family, NULL-terminated static arrays. */
extern const char *const check_controls_provenance[];
extern const char *const check_controls_guardrail[];
extern const char *const check_controls_wildcard[];
extern const char *const check_controls_admin_scope[];
extern const char *const check_controls_public[];
extern const char *const check_controls_trust[];
extern const char *const check_controls_shared_key[];

/* check_wildcard's Azure half (check_wildcard_az.c). */
void check_wildcard_azure(const model *m, finding_list *out);

/* "statement 'Sid'" or "statement 3" (1-based) into buf. */
void check_stmt_label(const stmt *s, char *buf, size_t size);
/* The fingerprint discriminator of a statement, prefixed: "<prefix>sid:X" or "<prefix>#3". */
void check_stmt_key(const stmt *s, const char *prefix, char *buf, size_t size);

/* 1 when c is a positive test that fails when its key is absent: a known
 * operator, not negated, not ...IfExists, not ForAllValues:, not Null, and
 * no value that matches anything ("*" under a Like operator, 0.0.0.0/0). */
int check_cond_positive(const cond *c);

/* 1 when c keeps unknown callers out: check_cond_positive on a key naming
 * the caller's organization, account, ARN, source (aws:SourceArn,
 * aws:SourceAccount, aws:SourceOwner, aws:SourceOrgID, aws:SourceVpc(e),
 * aws:SourceIp, aws:VpcSourceIp), aws:userid, kms:CallerAccount or
 * s3:DataAccessPointAccount/Arn. aws:SecureTransport and aws:Referer do not. */
int check_cond_restricts(const cond *c);

/* 1 when s is a data-perimeter Deny for resource r: Effect Deny; Principal
 * "*" (or a NotPrincipal); every action of r's service ("*" or
 * "service:*"); r (and for an S3 bucket its objects) within Resource or
 * outside NotResource; and either no condition or a negated test of
 * aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount,
 * aws:PrincipalArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths
 * (other conditions beside it are taken as exemptions, e.g. for AWS services). */
int check_perimeter_deny(const stmt *s, const resource *r);

/* The perimeter Deny guarding r — in its resource policy, else in an RCP
 * above its account for the services RCPs cover — or NULL. */
const stmt *check_resource_guard(const model *m, const resource *r);

#endif
