/*
 * config_internal — shared by the config module's files: config.c (API,
 * defaults), config_parse.c (the strict reader and its helpers) and
 * config_tenants.c (the tenants section).
 */
#ifndef PG_MODEL_CONFIG_INTERNAL_H
#define PG_MODEL_CONFIG_INTERNAL_H

#include "doc/doc.h"
#include "model/config.h"

/* Fill c from the document root; every problem goes to diags. 0 or PG_EINPUT.
 * Sets the *_default flags for what the document leaves to the defaults. */
int config_parse(config *c, const doc_node *root, diag_list *diags);

/* Fill the lists whose *_default flag is set with the built-in defaults. */
void config_apply_defaults(config *c);

/* 1 when s is a 12-digit AWS account id; 1 when s is a GUID (any case). */
int config_is_account(const char *s);
int config_is_guid(const char *s);

/* --- the reader's helpers: each reports what is wrong and goes on ---------------- */

typedef struct config_reader {
	config *c;
	diag_list *diags;
	int err;                /* PG_EINPUT once an error was reported */
} config_reader;

void config_report(config_reader *p, diag_severity sev, const doc_node *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define ERR(p, at, ...) config_report((p), DIAG_ERROR, (at), __VA_ARGS__)

/* Unknown keys (with the closest known one) and repeated keys of obj; known
 * NULL: any key (a tag map). `where` names obj in messages ("a tenant"). */
void config_check_keys(config_reader *p, const doc_node *obj, const char *const *known, const char *where);
/* Member key of obj when it has the wanted container type; NULL when absent
 * or null (a section with nothing under it), or after a type error. */
const doc_node *config_section(config_reader *p, const doc_node *obj, const char *key, doc_type want);
/* The text of scalar n copied into the config, or NULL after a type error
 * ("<what> must be a string, not a list"). */
const char *config_scalar(config_reader *p, const doc_node *n, const char *what);
/* Member key of obj as text; when absent: NULL, and an error "<need> needs a
 * '<key>'" placed at obj unless need is NULL (an optional key). *node (may be
 * NULL) receives the member's node, NULL when absent. */
const char *config_member(config_reader *p, const doc_node *obj, const char *key, const char *need,
			  const doc_node **node);
/* A list of scalars each accepted by ok, else "'<s>' is not <noun>"; *nodes
 * (may be NULL) receives the node of each kept string. */
const char **config_strings(config_reader *p, const doc_node *list, const char *key, int (*ok)(const char *),
			    const char *noun, size_t *n, const doc_node ***nodes);

/* The tenants section (config_tenants.c). */
void config_read_tenants(config_reader *p, const doc_node *list);
/* The owners section (config_owners.c). */
void config_read_owners(config_reader *p, const doc_node *list);

#endif
