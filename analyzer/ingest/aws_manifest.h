/*
 * aws_manifest — the "permgraph-manifest" reader: permgraph's own small
 * resource manifest (JSON or YAML) for what no AWS command exports in one
 * piece — a resource's account, type, tags, policy and whether it is an
 * AWS-managed KMS key. The format is documented in aws_manifest.c and in
 * ingest/FORMATS.md.
 *
 * Also what the other readers share with it: the strict key check of
 * permgraph's own formats (manifest, organization bundle; an unknown key is
 * an error with "did you mean"), the version check, and setting a resource's
 * account as the manifest's `account` field does.
 *
 * Ownership: the reader copies what it keeps into the model.
 */
#ifndef PG_AWS_MANIFEST_H
#define PG_AWS_MANIFEST_H

#include "ingest/ingest.h"

extern const ingest_format ingest_aws_manifest_format;

/* Every key of the object `obj` must be in the NULL-terminated `known`; each
 * unknown key is an error at the key naming `what` ("in manifest resource"),
 * with the closest known key when one is near. 0, or PG_EINPUT. */
int aws_manifest_check_keys(ingest_ctx *c, const doc_node *obj, const char *const *known, const char *what);

/* Check `permgraph: <want>` (e.g. "resources/1") at the top of root. 0, or PG_EINPUT. */
int aws_manifest_check_version(ingest_ctx *c, const doc_node *root, const char *want);

/* Set r's account from a node holding a 12-digit id. 0, or PG_EINPUT (placed
 * at node) when it is not one or contradicts the account already known. */
int aws_manifest_set_account(ingest_ctx *c, resource *r, const doc_node *node);

#endif
