/*
 * aws_config — the "aws-config" reader: AWS Config configuration items, as a
 * snapshot delivered to S3 ({"fileVersion", "configurationItems": [...]}),
 * `aws configservice get-resource-config-history` ({"configurationItems"}),
 * `batch-get-resource-config` ({"baseConfigurationItems"}),
 * `select-resource-config` ({"Results": ["<item as JSON>", ...]}), a rule's
 * {"configurationItem": {...}}, or a single item.
 *
 * Per item it reads the resource's ARN, type, account and tags (object map or
 * list of {key, value}), and the resource policy where Config carries one
 * (S3: supplementaryConfiguration.BucketPolicy.policyText; KMS keys, queues,
 * topics, functions, secrets: a "Policy"/"KeyPolicy" in configuration or
 * supplementaryConfiguration) — values may be objects or JSON strings, as
 * the snapshot and the API return them. Of several items of one resource
 * only the latest (configurationStateId, else capture time) counts; a
 * resource whose latest item says it was deleted is not added. IAM items are
 * skipped: identities come from get-account-authorization-details.
 *
 * Ownership: the reader copies what it keeps into the model.
 */
#ifndef PG_AWS_CONFIG_H
#define PG_AWS_CONFIG_H

#include "ingest/ingest.h"

extern const ingest_format ingest_aws_config_format;

#endif
