/*
 * aws_resource — the "aws-resource-policy" reader: per-resource AWS CLI
 * outputs (s3api get-bucket-policy, lambda get-policy, sns
 * get-topic-attributes, secretsmanager get-resource-policy, kms
 * get-key-policy, sqs get-queue-attributes) and the list outputs that name
 * resources (s3api list-buckets, secretsmanager list-secrets, sqs
 * list-queues). Files in folders named after the command, as CloudMapper
 * writes them (`s3-get-bucket-policy/<bucket>`), take the resource from the
 * file name; elsewhere it is derived from the content.
 *
 * Also the helpers every AWS resource reader shares (aws_config, aws_tagging,
 * aws_manifest, aws_org): registering a resource, setting its policy, type
 * checks with placed errors.
 *
 * Ownership: readers copy what they keep into the model (policies are parsed
 * into the model's arena); no document pointer survives the read.
 */
#ifndef PG_AWS_RESOURCE_H
#define PG_AWS_RESOURCE_H

#include "ingest/ingest.h"

extern const ingest_format ingest_aws_resource_format;

/* 1 when the folder `dir` is named after a per-resource CLI command
 * ("s3-get-bucket-policy" ...): its files are read whatever their extension,
 * since bucket, queue and secret names may contain dots. */
int aws_resource_cli_folder(const char *dir);

/* The CloudFormation-style type of an ARN ("AWS::S3::Bucket"), or NULL. */
const char *aws_resource_type_of(const char *arn);

/* Find or register the resource `arn`; `type` (or the type derived from the
 * ARN) is set when the resource has none yet, the location when it has none. */
resource *aws_resource_add(ingest_ctx *c, const char *arn, const char *type, const doc_node *at);

/* Parse `node` (an object or a JSON string, URL-encoded or not; DOC_NULL
 * meaning "no policy") as r's resource policy: sets r->policy and
 * policy_known. 0, or PG_EINPUT after adding diagnostics. */
int aws_resource_set_policy(ingest_ctx *c, resource *r, const doc_node *node);

/* 0 when n is of `type`; -1 when n is NULL (no message) or of another type
 * (an error placed at n names `what` and both types). */
int aws_resource_expect(ingest_ctx *c, const doc_node *n, doc_type type, const char *what);

#endif
