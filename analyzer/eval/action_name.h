/*
 * action_name — the lexer for IAM action names and action patterns
 * (grammars/action_name.re).
 *
 * Valid: "service:Action" where service is [A-Za-z0-9-]+ (services are
 * compared case-insensitively) and the action is [A-Za-z0-9*?_-]+, or exactly
 * "*". Ownership: returns slices into the caller's string; allocates nothing.
 */
#ifndef PG_EVAL_ACTION_NAME_H
#define PG_EVAL_ACTION_NAME_H

#include <stddef.h>

/*
 * 0 when s is valid, -1 otherwise. On success sets *service, *service_len,
 * *name and *name_len (slices of s); for "*" the service is NULL with length
 * 0 and the name is "*" with length 1. Any of the out pointers may be NULL; on failure they are NULL/0.
 */
int action_name_parse(const char *s, const char **service, size_t *service_len,
		      const char **name, size_t *name_len);

/* 1 when the name part of a valid action string holds '*' or '?', else 0. */
int action_name_has_wildcard(const char *s);

#endif
