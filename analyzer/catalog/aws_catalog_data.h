/*
 * aws_catalog_data — the layout of the generated AWS action tables (private).
 *
 * Only aws_catalog.c and the generated build/gen/aws_catalog_data.c include
 * this; everyone else uses aws_catalog.h. The tables are produced at build
 * time by gen_aws_catalog.awk from aws-actions.tsv and are read-only.
 *
 * Invariants the generator checks: actions are sorted by lowercase name in
 * byte order and unique ignoring case; each service's actions are contiguous
 * and services appear in table order; offset 0 of rtypes is "".
 */
#ifndef PG_AWS_CATALOG_DATA_H
#define PG_AWS_CATALOG_DATA_H

#include <stddef.h>
#include <stdint.h>

typedef struct aws_catalog_row {
	uint32_t name;          /* offset in names: "s3:GetObject" */
	uint16_t rtypes;        /* offset in rtypes: "bucket,object" or "" */
	uint8_t levels;         /* AL_* bits */
} aws_catalog_row;

typedef struct aws_catalog_svc_row {
	uint32_t first;         /* index of the service's first action */
	uint16_t count;         /* number of actions */
	uint16_t name;          /* offset in svcnames: "s3" */
} aws_catalog_svc_row;

typedef struct aws_catalog_tables {
	const char *names;
	const char *rtypes;
	const char *svcnames;
	const aws_catalog_row *actions;
	const aws_catalog_svc_row *services;
	size_t count;
	size_t nservices;
} aws_catalog_tables;

extern const aws_catalog_tables aws_catalog_generated;

#endif
