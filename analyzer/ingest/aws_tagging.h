/*
 * aws_tagging — resource inventories: the "aws-tagging" reader for
 * `aws resourcegroupstaggingapi get-resources`
 * ({"ResourceTagMappingList": [{"ResourceARN", "Tags": [{"Key", "Value"}]}]}),
 * the list outputs the aws-resource-policy reader hands over (s3api
 * list-buckets, secretsmanager list-secrets, sqs list-queues), and the tag
 * reader the other AWS resource readers share.
 *
 * Ownership: tags are copied into the model; no document pointer is kept.
 */
#ifndef PG_AWS_TAGGING_H
#define PG_AWS_TAGGING_H

#include "ingest/ingest.h"

extern const ingest_format ingest_aws_tagging_format;

/* Read the tags of r from n: a list of {key_name: K, value_name: V} or, when
 * map_ok, an object {K: V}; null is no tags. Sets r->tags_known when every
 * tag was read. 0, or PG_EINPUT after placed diagnostics. */
int aws_tagging_read_tags(ingest_ctx *c, const doc_node *n, const char *key_name, const char *value_name,
			  int map_ok, resource *r);

/* s3api list-buckets {"Buckets": [{"Name"}]}, secretsmanager list-secrets
 * {"SecretList": [{"ARN", "Tags"?}]}, sqs list-queues {"QueueUrls": [URL]}:
 * registers the resources (their policies stay unknown). */
int aws_tagging_read_list(ingest_ctx *c, const doc_node *root);

#endif
