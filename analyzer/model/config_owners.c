/*
 * config_owners — the owners section of permgraph.yaml: which principals may
 * write which synthetic stores. A rule needs both lists, each of non-empty
 * globs (config.h says how they match).
 */
#include "model/config_internal.h"

#include <string.h>

static int not_empty(const char *s)
{
	return *s != '\0';
}

static const char **globs(config_reader *p, const doc_node *rule, const char *key, size_t *n)
{
	const doc_node *list;

	*n = 0;
	if (!doc_get(rule, key)) {
		ERR(p, rule, "an owners rule needs '%s'", key);
		return NULL;
	}
	if (!(list = config_section(p, rule, key, DOC_ARRAY)))
		return NULL;
	if (!list->len) {
		ERR(p, list, "'%s' of an owners rule must not be empty", key);
		return NULL;
	}
	return config_strings(p, list, key, not_empty, "a glob (it is empty)", n, NULL);
}

void config_read_owners(config_reader *p, const doc_node *list)
{
	static const char *const keys[] = { "stores", "principals", NULL };
	config *c = p->c;
	size_t i;

	c->owners = ARENA_ARRAY(&c->arena, config_owner, list->len + 1);
	for (i = 0; i < list->len; i++) {
		const doc_node *it = list->items[i];
		config_owner *o = &c->owners[c->n_owners];

		if (it->type != DOC_OBJECT) {
			ERR(p, it, "an owners rule must be an object, not %s", doc_type_phrase(it->type));
			continue;
		}
		config_check_keys(p, it, keys, "an owners rule");
		o->loc = (pg_loc){ c->path, it->line, it->col };
		o->stores = globs(p, it, "stores", &o->n_stores);
		o->principals = globs(p, it, "principals", &o->n_principals);
		if (o->n_stores && o->n_principals)
			c->n_owners++;
		else
			memset(o, 0, sizeof(*o));
	}
}
