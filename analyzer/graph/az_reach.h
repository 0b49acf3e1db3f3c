/*
 * az_reach — who can perform an Azure operation on a scope or resource: the
 * principals every applicable role assignment names, and everyone in the
 * groups among them (nested groups walked breadth-first, cycles survived),
 * each decided by az_eval so deny assignments and conditions count.
 *
 * Entries use reach_result (graph/aws_reach.h): principal = object id,
 * kind = "user", "group", "service-principal", "managed-identity",
 * "foreign-group" or "unknown", name = display name, via = the principal
 * first and the group holding the assignment last. Ownership as in aws_reach.
 */
#ifndef PG_AZ_REACH_H
#define PG_AZ_REACH_H

#include "graph/aws_reach.h"
#include "model/azure.h"

/* Fill r, sorted by object id. The model must be finalized. 0, PG_EUSAGE
 * when scope_id is not an Azure id. */
int az_who_can(model *m, const char *operation, const char *scope_id, reach_result *r);

/* The lowercase kind name used in results ("service-principal" ...). */
const char *az_reach_kind(azp_kind k);

#endif
