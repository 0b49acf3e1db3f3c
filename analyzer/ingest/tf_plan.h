/*
 * tf_plan — the "terraform-plan" reader: `terraform show -json PLANFILE`
 * (planned_values, resource_changes, configuration, prior_state) and
 * `terraform show -json` of a state ("values"), into the AWS and Azure
 * model. A plan describes the state after apply: resources being deleted
 * are left out, and values Terraform knows only after apply stay symbolic.
 *
 * Placeholders (the scheme every reference and every query uses):
 *   - The account of a plan is the one its aws_caller_identity data sources
 *     or its AWS provider's allowed_account_ids name, or the one the known
 *     ARNs of its resources agree on. When none says, the account segment of
 *     every ARN the plan derives is EMPTY ("arn:aws:iam:::role/deployer"),
 *     not a made-up id. model_arn_account gives NULL for it, and NULL is
 *     what the evaluator and the checks already read as "account unknown":
 *     aws:PrincipalAccount / aws:ResourceAccount conditions stay unsettled
 *     (conditional), the identity-or-resource rule is applied as for one
 *     account (more access, sound), and an account a policy names is never
 *     one of the estate's because of it (it stays cross-account in trust,
 *     public-access and cross-tenant findings). A literal placeholder such as
 *     "<unknown-account>" would instead be compared as a real account id and
 *     settle those conditions to false, dropping access.
 *   - A name known only after apply (name_prefix, computed) becomes
 *     "<ADDRESS>" (e.g. "arn:aws:iam:::role/<aws_iam_role.x>"): stable
 *     across runs, and '<' '>' are allowed in no IAM, S3, SQS, SNS or Lambda
 *     name, so a placeholder never equals a real resource. KMS key ids are
 *     always placeholders for new keys ("key/<aws_kms_key.k>"); secret ARNs
 *     end in "NAME-??????" (the six characters AWS appends).
 *   - An attribute that names another resource (a role_policy_attachment's
 *     role, a bucket policy's bucket, a role's managed_policy_arns, a role
 *     assignment's scope or principal_id) resolves through the plan's
 *     `configuration` references to that resource of the plan, known or
 *     placeholder, so they connect within one plan whatever is unknown.
 *   - An unknown Azure principal id becomes "<ADDRESS>" of the resource it
 *     refers to (an identity, an azuread group...), or of the assignment
 *     itself; an unknown scope is the resource its references name, else it
 *     widens to the subscription, which grants more (sound).
 * See FORMATS.md ("terraform-plan") for every resource type read.
 *
 * Ownership: what the reader keeps is copied into the model; no document
 * pointer survives the read.
 */
#ifndef PG_TF_PLAN_H
#define PG_TF_PLAN_H

#include "ingest/ingest.h"

extern const ingest_format ingest_tf_plan_format;

#endif
