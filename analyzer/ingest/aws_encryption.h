/*
 * aws_encryption — S3 default encryption ("aws-bucket-encryption"): the
 * output of `aws s3api get-bucket-encryption --bucket B`,
 *   {"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault":
 *     {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "…"}, "BucketKeyEnabled": true}]}}
 * saved as CloudMapper does, in a folder named after the command:
 * `s3-get-bucket-encryption/<bucket>` (a `.json`, `.yaml` or `.yml` extension is
 * dropped from the bucket name). The output does not name its bucket, so a
 * file elsewhere is an error; `{}` (what a collector saves for a bucket
 * without a configuration) says the bucket has no customer key.
 *
 * What is kept: the customer-managed KMS key of the bucket's default
 * encryption (resource.encryption_key, as written, and where it is). SSE-S3
 * (AES256) and the AWS-managed key (aws:kms without a key, or alias/aws/s3)
 * leave it NULL: see aws_encryption.c for why they are not a shared key.
 *
 * Also the rule parser the AWS Config reader shares for S3 configuration
 * items (supplementaryConfiguration.ServerSideEncryptionConfiguration, the
 * same structure in camelCase).
 *
 * Ownership: what is kept is interned into the model; no document pointer
 * survives the read.
 */
#ifndef PG_AWS_ENCRYPTION_H
#define PG_AWS_ENCRYPTION_H

#include "ingest/ingest.h"

extern const ingest_format ingest_aws_encryption_format;

/* 1 when the folder `dir` is s3-get-bucket-encryption: its files are read
 * whatever their extension (bucket names may contain dots). */
int aws_encryption_cli_folder(const char *dir);

/*
 * Set r's encryption key from a ServerSideEncryptionConfiguration object
 * `sse` (keys compared case-insensitively: the CLI writes "Rules", AWS
 * Config "rules"). region and account (NULL when unknown) complete a bare
 * key id or alias into its ARN. A null `sse` says the bucket has no
 * configuration. 0, or PG_EINPUT after adding placed errors.
 */
int aws_encryption_read(ingest_ctx *c, resource *r, const doc_node *sse, const char *region, const char *account);

#endif
