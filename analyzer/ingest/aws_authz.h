/* aws_authz — the get-account-authorization-details reader; see aws_authz.c. */
#ifndef PG_AWS_AUTHZ_H
#define PG_AWS_AUTHZ_H

#include "ingest/ingest.h"

extern const ingest_format ingest_aws_authz_format;

#endif
