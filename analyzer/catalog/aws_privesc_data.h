/*
 * aws_privesc_data — the generated pathfinding.cloud table (private).
 *
 * Only aws_privesc.c and the generated build/gen/aws_privesc_data.c include
 * this; everyone else uses aws_privesc.h. tools/gen_aws_privesc.c writes the
 * table at build time from analyzer/catalog/privesc/paths/ (the path YAML
 * files) in the public layout, with what the YAML says verbatim and the
 * analysis fields left for aws_privesc.c to fill: every required permission's
 * resource is PRIVESC_RES_UNKNOWN, target is PRIVESC_TARGET_UNKNOWN, flags 0
 * and host NULL. The generator does fill service_principals, with the
 * "….amazonaws.com" names the PassRole constraint and the prerequisites
 * mention (PassRole categories only), in order of appearance.
 *
 * Invariants the generator checks: ids are unique, equal to their file's
 * name and sorted in byte order; every action is "service:Action"; the
 * totals fit the capacities below, which size aws_privesc.c's static tables.
 */
#ifndef PG_AWS_PRIVESC_DATA_H
#define PG_AWS_PRIVESC_DATA_H

#include "catalog/aws_privesc.h"

#define AWS_PRIVESC_MAX_GENERATED 112           /* techniques */
#define AWS_PRIVESC_MAX_GENERATED_REQUIRED 448  /* required permissions, all techniques */

extern const aws_privesc_technique aws_privesc_generated[];
extern const size_t aws_privesc_generated_count;

#endif
