/*
 * config_parse — the strict reader of permgraph.yaml (see config.h for the
 * shape). It walks the whole document and reports every problem it finds, so
 * one run shows a user all they have to fix; what it keeps is copied into the
 * config's arena.
 */
#include "model/config_internal.h"
#include "base/strci.h"
#include "base/suggest.h"

#include <stdarg.h>
#include <string.h>

void config_report(config_reader *p, diag_severity sev, const doc_node *at, const char *fmt, ...)
{
	diag d = DIAG_INIT;
	va_list ap;

	va_start(ap, fmt);
	diag_vset(&d, at->file, at->line, at->col, fmt, ap);
	va_end(ap);
	d.severity = sev;
	diag_list_add(p->diags, &d);
	if (sev == DIAG_ERROR)
		p->err = PG_EINPUT;
}

void config_check_keys(config_reader *p, const doc_node *obj, const char *const *known, const char *where)
{
	size_t i, j;

	for (i = 0; i < obj->len; i++) {
		const doc_node *k = obj->keys[i];
		const char *best;

		for (j = 0; j < i && strcmp(obj->keys[j]->str, k->str); j++)
			;
		if (j < i)
			ERR(p, k, "duplicate key '%s' in %s (first at line %u)", k->str, where, obj->keys[j]->line);
		for (j = 0; known && known[j] && strcmp(known[j], k->str); j++)
			;
		if (!known || known[j])
			continue;
		if ((best = suggest_closest(k->str, known, 3)) != NULL)
			ERR(p, k, "unknown key '%s' in %s (did you mean '%s'?)", k->str, where, best);
		else
			ERR(p, k, "unknown key '%s' in %s", k->str, where);
	}
}

const doc_node *config_section(config_reader *p, const doc_node *obj, const char *key, doc_type want)
{
	const doc_node *n = doc_get(obj, key);

	if (!n || n->type == DOC_NULL)
		return NULL;
	if (n->type != want) {
		ERR(p, n, "'%s' must be %s, not %s", key, doc_type_phrase(want), doc_type_phrase(n->type));
		return NULL;
	}
	return n;
}

const char *config_scalar(config_reader *p, const doc_node *n, const char *what)
{
	if (!doc_is_scalar(n) || n->type == DOC_NULL) {
		ERR(p, n, "%s must be a string, not %s", what, doc_type_phrase(n->type));
		return NULL;
	}
	return arena_strdup(&p->c->arena, n->str);
}

const char *config_member(config_reader *p, const doc_node *obj, const char *key, const char *need,
			  const doc_node **node)
{
	const doc_node *n = doc_get(obj, key);
	char what[64];

	if (node)
		*node = n;
	if (!n) {
		if (need)
			ERR(p, obj, "%s needs a '%s'", need, key);
		return NULL;
	}
	snprintf(what, sizeof(what), "'%s'", key);
	return config_scalar(p, n, what);
}

const char **config_strings(config_reader *p, const doc_node *list, const char *key, int (*ok)(const char *),
			    const char *noun, size_t *n, const doc_node ***nodes)
{
	const char **out = ARENA_ARRAY(&p->c->arena, const char *, list->len + 1);
	char what[80];
	size_t i;

	*n = 0;
	if (nodes)
		*nodes = ARENA_ARRAY(&p->c->arena, const doc_node *, list->len + 1);
	snprintf(what, sizeof(what), "an entry of '%s'", key);
	for (i = 0; i < list->len; i++) {
		const doc_node *it = list->items[i];
		const char *s = config_scalar(p, it, what);

		if (!s)
			continue;
		if (!ok(s)) {
			ERR(p, it, "'%s' is not %s", s, noun);
			continue;
		}
		if (nodes)
			(*nodes)[*n] = it;
		out[(*n)++] = s;
	}
	return out;
}

static int not_empty(const char *s)
{
	return *s != '\0';
}

/* --- classification rules ------------------------------------------------------ */

static int is_resource_type(const char *s)
{
	const char *slash = strchr(s, '/'), *dot = strchr(s, '.');

	if (!strci_prefix_cmp(s, "aws::", 5))
		return strstr(s + 5, "::") != NULL;
	/* Namespace.Provider/type[/child...] */
	return dot && slash && dot < slash && slash[1] && s[0] != '/' && s[0] != '.';
}

static int read_tag_rule(config_reader *p, config_rule *r, const doc_node *n)
{
	static const char *const keys[] = { "key", "value", NULL };
	const doc_node *k;

	if (n->type != DOC_OBJECT) {
		ERR(p, n, "'tag' must be an object ({key: ..., value: ...}), not %s", doc_type_phrase(n->type));
		return -1;
	}
	config_check_keys(p, n, keys, "a tag rule");
	r->key = config_member(p, n, "key", "a tag rule", &k);
	if (r->key && !*r->key) {
		ERR(p, k, "a tag key must not be empty");
		r->key = NULL;
	}
	r->value = config_member(p, n, "value", NULL, NULL);
	return r->key && (r->value || !doc_get(n, "value")) ? 0 : -1;
}

static int read_pattern_rule(config_reader *p, config_rule *r, const doc_node *key, const doc_node *n)
{
	char what[16], *s;
	size_t len;

	snprintf(what, sizeof(what), "'%s'", key->str);
	if (!(s = (char *)config_scalar(p, n, what)))
		return -1;
	len = strlen(s);
	if (r->kind == CONFIG_RULE_ARN && strncmp(s, "arn:", 4)) {
		ERR(p, n, "ARN pattern '%s' must start with 'arn:'", s);
		return -1;
	}
	if (r->kind == CONFIG_RULE_AZURE_ID) {
		if (s[0] != '/') {
			ERR(p, n, "Azure id pattern '%s' must start with '/'", s);
			return -1;
		}
		/* model keys have no trailing slash */
		while (len > 1 && s[len - 1] == '/')
			s[--len] = '\0';
	}
	if (r->kind == CONFIG_RULE_TYPE && !is_resource_type(s)) {
		ERR(p, n, "resource type '%s' is neither an AWS type (AWS::S3::Bucket) "
		    "nor an Azure type (Microsoft.Storage/storageAccounts)", s);
		return -1;
	}
	r->value = s;
	return 0;
}

static void read_rules(config_reader *p, const doc_node *list, config_rule **out, size_t *count)
{
	static const char *const keys[] = { "tag", "arn", "azure_id", "type", NULL };
	static const config_rule_kind kinds[] = { CONFIG_RULE_TAG, CONFIG_RULE_ARN, CONFIG_RULE_AZURE_ID,
						  CONFIG_RULE_TYPE };
	config_rule *rules = ARENA_ARRAY(&p->c->arena, config_rule, list->len + 1);
	size_t i, j, k, n = 0;

	for (i = 0; i < list->len; i++) {
		const doc_node *it = list->items[i], *first = NULL;
		config_rule *r = &rules[n];
		int bad = 0;

		if (it->type != DOC_OBJECT) {
			ERR(p, it, "a classification rule must be an object, not %s", doc_type_phrase(it->type));
			continue;
		}
		config_check_keys(p, it, keys, "a classification rule");
		for (j = 0; j < it->len; j++) {
			for (k = 0; keys[k] && strcmp(keys[k], it->keys[j]->str); k++)
				;
			if (!keys[k])
				continue;
			if (first) {
				ERR(p, it->keys[j], "a rule has one condition, not '%s' and '%s' (write two rules)",
				    first->str, it->keys[j]->str);
				bad = 1;
				break;
			}
			first = it->keys[j];
			r->kind = kinds[k];
			r->loc = (pg_loc){ p->c->path, it->items[j]->line, it->items[j]->col };
			bad = r->kind == CONFIG_RULE_TAG ? read_tag_rule(p, r, it->items[j])
							 : read_pattern_rule(p, r, first, it->items[j]);
		}
		if (!first && !it->len)
			ERR(p, it, "a classification rule needs one of 'tag', 'arn', 'azure_id' or 'type'");
		if (first && !bad)
			n++;
		else
			memset(r, 0, sizeof(*r));
	}
	*out = rules;
	*count = n;
}

static void read_classify(config_reader *p, const doc_node *obj)
{
	static const char *const keys[] = { "synthetic", "production", NULL };
	const doc_node *n;

	config_check_keys(p, obj, keys, "'classify'");
	if (doc_get(obj, "synthetic"))
		p->c->synthetic_default = 0;
	if (doc_get(obj, "production"))
		p->c->production_default = 0;
	if ((n = config_section(p, obj, "synthetic", DOC_ARRAY)) != NULL)
		read_rules(p, n, &p->c->synthetic, &p->c->n_synthetic);
	if ((n = config_section(p, obj, "production", DOC_ARRAY)) != NULL)
		read_rules(p, n, &p->c->production, &p->c->n_production);
}

/* --- provenance, organization, suppressions, fail_on ---------------------------- */

static void read_provenance(config_reader *p, const doc_node *obj)
{
	static const char *const keys[] = { "required_tags", NULL };
	const doc_node *n;

	config_check_keys(p, obj, keys, "'provenance'");
	if (doc_get(obj, "required_tags"))
		p->c->provenance_default = 0;
	if ((n = config_section(p, obj, "required_tags", DOC_ARRAY)) != NULL)
		p->c->required_tags = config_strings(p, n, "required_tags", not_empty, "a tag name",
					      &p->c->n_required_tags, NULL);
}

static int is_org_id(const char *s)
{
	return !strncmp(s, "o-", 2) && s[2];
}

static void read_organization(config_reader *p, const doc_node *obj)
{
	static const char *const keys[] = { "id", "trusted_accounts", NULL };
	const doc_node *n;
	const char *id;

	config_check_keys(p, obj, keys, "'organization'");
	if ((id = config_member(p, obj, "id", NULL, &n)) != NULL && !is_org_id(id))
		ERR(p, n, "organization id '%s' must start with 'o-'", id);
	else
		p->c->org_id = id;
	if ((n = config_section(p, obj, "trusted_accounts", DOC_ARRAY)) != NULL)
		p->c->trusted_accounts = config_strings(p, n, "trusted_accounts", config_is_account,
						 "a 12-digit AWS account id", &p->c->n_trusted_accounts, NULL);
}

static void read_suppressions(config_reader *p, const doc_node *list)
{
	static const char *const keys[] = { "rule", "principal", "resource", "reason", "expires", NULL };
	config *c = p->c;
	size_t i;

	c->suppressions = ARENA_ARRAY(&c->arena, config_suppression, list->len + 1);
	for (i = 0; i < list->len; i++) {
		const doc_node *it = list->items[i], *n;
		config_suppression *s = &c->suppressions[c->n_suppressions];
		const char *date;
		int bad = 0, rc;

		if (it->type != DOC_OBJECT) {
			ERR(p, it, "a suppression must be an object, not %s", doc_type_phrase(it->type));
			continue;
		}
		config_check_keys(p, it, keys, "a suppression");
		s->loc = (pg_loc){ c->path, it->line, it->col };
		if (!(s->rule = config_member(p, it, "rule", "a suppression", &n))) {
			bad = 1;
		} else if (!*s->rule) {
			ERR(p, n, "the rule of a suppression must not be empty");
			bad = 1;
		}
		s->principal = config_member(p, it, "principal", NULL, &n);
		bad |= n && !s->principal;
		s->resource = config_member(p, it, "resource", NULL, &n);
		bad |= n && !s->resource;
		if (!(s->reason = config_member(p, it, "reason", NULL, &n))) {
			if (!n)
				ERR(p, it, "a suppression needs a 'reason'");
			bad = 1;
		} else if (!*s->reason) {
			ERR(p, n, "the reason of a suppression must not be empty");
			bad = 1;
		}
		if (!(date = config_member(p, it, "expires", NULL, &n))) {
			if (!n)
				ERR(p, it, "a suppression needs an 'expires' date (YYYY-MM-DD)");
			bad = 1;
		} else if ((rc = config_parse_date(date, &s->expires)) < 0) {
			if (rc == -1)
				ERR(p, n, "malformed date '%s' in 'expires' (expected YYYY-MM-DD)", date);
			else
				ERR(p, n, "no such date '%s' in 'expires'", date);
			bad = 1;
		}
		if (bad)
			memset(s, 0, sizeof(*s));
		else
			c->n_suppressions++;
	}
}

static void read_fail_on(config_reader *p, const doc_node *root)
{
	static const char *const names[] = { "low", "medium", "high", "critical", NULL };
	const doc_node *n;
	const char *s = config_member(p, root, "fail_on", NULL, &n), *best;

	if (!s || severity_parse(s, &p->c->fail_on) == 0)
		return;
	if ((best = suggest_closest(s, names, 3)) != NULL)
		ERR(p, n, "unknown severity '%s' in 'fail_on' (did you mean '%s'?)", s, best);
	else
		ERR(p, n, "unknown severity '%s' in 'fail_on' (expected low, medium, high or critical)", s);
}

int config_parse(config *c, const doc_node *root, diag_list *diags)
{
	static const char *const keys[] = { "tenants", "classify", "provenance", "organization",
					    "suppressions", "owners", "fail_on", NULL };
	config_reader p = { c, diags, 0 };
	const doc_node *n;

	c->synthetic_default = c->production_default = c->provenance_default = 1;
	if (root->type == DOC_NULL)        /* an empty file: every default */
		return 0;
	if (root->type != DOC_OBJECT) {
		ERR(&p, root, "the configuration must be an object, not %s", doc_type_phrase(root->type));
		return p.err;
	}
	config_check_keys(&p, root, keys, "the configuration");
	if ((n = config_section(&p, root, "tenants", DOC_ARRAY)) != NULL)
		config_read_tenants(&p, n);
	if ((n = config_section(&p, root, "classify", DOC_OBJECT)) != NULL)
		read_classify(&p, n);
	if ((n = config_section(&p, root, "provenance", DOC_OBJECT)) != NULL)
		read_provenance(&p, n);
	if ((n = config_section(&p, root, "organization", DOC_OBJECT)) != NULL)
		read_organization(&p, n);
	if ((n = config_section(&p, root, "suppressions", DOC_ARRAY)) != NULL)
		read_suppressions(&p, n);
	if ((n = config_section(&p, root, "owners", DOC_ARRAY)) != NULL)
		config_read_owners(&p, n);
	read_fail_on(&p, root);
	return p.err;
}
