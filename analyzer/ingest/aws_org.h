/*
 * aws_org — the "aws-organizations" reader: an organization bundle (JSON or
 * YAML) gathering what AWS Organizations returns over several commands —
 * describe-organization, list-roots, the OU tree, the accounts, and each
 * SCP/RCP as describe-policy returns it with its list-targets-for-policy
 * targets. The format is documented in aws_org.c and in ingest/FORMATS.md.
 *
 * It builds the org_node tree (root, OUs, accounts with parent links), marks
 * the management account, and attaches service control policies and
 * resource control policies to the nodes they target.
 *
 * Ownership: nodes, policies and the arrays attaching them live in the
 * model's arena; no document pointer is kept.
 */
#ifndef PG_AWS_ORG_H
#define PG_AWS_ORG_H

#include "ingest/ingest.h"

extern const ingest_format ingest_aws_org_format;

#endif
