/*
 * az_common — what every Azure reader shares: finding the records in the
 * shapes Azure tools write them, and typed, placed field access.
 *
 * Shapes accepted for a list of records: a JSON/YAML array (az CLI), an
 * object with a "value" array (REST list responses), a single record object
 * (REST GET), and the azure-rest-api-specs example wrapper
 * {"parameters": …, "responses": {"200": {"body": X}}} around any of those.
 * REST records keep their fields under "properties"; az CLI rows flatten
 * them: az_field looks in both.
 *
 * Ownership: returns nodes borrowed from the document; nothing is allocated
 * except diagnostics and what the model copies.
 */
#ifndef PG_AZ_COMMON_H
#define PG_AZ_COMMON_H

#include "ingest/ingest.h"
#include "model/azure.h"

/* The node holding the records (array or single object) after unwrapping, or NULL. */
const doc_node *az_body(const doc_node *root);

/* The records: (*items, *n) over the array, or the single object. 0, or -1 when root holds none. */
int az_records(const doc_node *root, doc_node *const **items, size_t *n, const doc_node **single);

/* The first record, or NULL: what detect() functions look at. */
const doc_node *az_first_record(const doc_node *root);

/* Field key of a record: rec.properties.key, else rec.key (exact, then case-insensitive). */
const doc_node *az_field(const doc_node *rec, const char *key);

/*
 * A string field: NULL when absent or null; when present with another type,
 * an error placed at the value is added (naming `key`) and *err set to PG_EINPUT.
 */
const char *az_str(ingest_ctx *c, const doc_node *rec, const char *key, int *err);
/* The same for a top-level field only (REST records keep other fields named
 * "id", "name" or "type" under "properties", where az_field would look). */
const char *az_top_str(ingest_ctx *c, const doc_node *rec, const char *key, int *err);
/* The same for node n itself (NULL: absent). */
const char *az_node_str(ingest_ctx *c, const doc_node *n, const char *key, int *err);

/* Add the error "<fmt...>, not <n's type: a list, an object, ...>" placed at
 * n; *err = PG_EINPUT when err is not NULL. Returns PG_EINPUT. */
int az_type_error(ingest_ctx *c, const doc_node *n, int *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A location in the model for node n. */
pg_loc az_loc(ingest_ctx *c, const doc_node *n);

/* Copy a string array field (patterns, scopes) into the model's arena: *out
 * and *n (and *locs when non-NULL). A non-array or non-string element is a
 * placed error (*err = PG_EINPUT); absent or null gives 0 elements. */
void az_str_array(ingest_ctx *c, const doc_node *arr, const char *what, const char ***out, pg_loc **locs,
		  size_t *n, int *err);

/* 1 when s looks like a GUID (8-4-4-4-12 hex digits). */
int az_is_guid(const char *s);
/* 1 when n is a GUID string; else the placed error "'key' must be an object
 * id (a GUID)[, not '…']" and *err = PG_EINPUT. n is not NULL. */
int az_guid_check(ingest_ctx *c, const doc_node *n, const char *key, int *err);

/* 1 when root is an ARM template ("$schema" and "resources"): the template
 * reader's, never another Azure reader's. */
int az_is_template(const doc_node *root);
/* The record detect() looks at: az_first_record, NULL for a template. */
const doc_node *az_detect_record(const doc_node *root);

#endif
