/* aws_policy — parse IAM policy documents into model policies. */
#include "ingest/aws_policy.h"
#include "base/suggest.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct parser {
	model *m;
	doc *host;
	policy *pol;
	diag_list *errors;
	size_t n_errors;
} parser;

static void error_at(parser *p, const doc_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void error_at(parser *p, const doc_node *n, const char *fmt, ...)
{
	diag d = DIAG_INIT;
	va_list ap;

	va_start(ap, fmt);
	diag_vset(&d, n ? n->file : NULL, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	diag_list_add(p->errors, &d);
	p->n_errors++;
}

static pg_loc loc_of(parser *p, const doc_node *n)
{
	return model_loc(p->m, n->file, n->line, n->col);
}

static const char *const stmt_keys[] = {
	"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
	"Resource", "NotResource", "Condition", NULL
};

/* A string or a list of strings: the shape of Action, Resource and principal values. */
static int string_list(parser *p, const doc_node *n, const char *what, const doc_node ***items, size_t *count)
{
	static const doc_node *one[1];
	size_t i;

	if (n->type == DOC_STRING) {
		one[0] = n;
		*items = one;
		*count = 1;
		return 0;
	}
	if (n->type != DOC_ARRAY) {
		error_at(p, n, "'%s' must be a string or a list of strings, not %s", what, doc_type_phrase(n->type));
		return -1;
	}
	for (i = 0; i < n->len; i++)
		if (n->items[i]->type != DOC_STRING) {
			error_at(p, n->items[i], "'%s' entries must be strings, not %s", what,
				 doc_type_phrase(n->items[i]->type));
			return -1;
		}
	*items = (const doc_node **)n->items;
	*count = n->len;
	return 0;
}

static int parse_actions(parser *p, stmt *s, const doc_node *n, const char *what)
{
	const doc_node **items;
	size_t count, i;
	arena *a = model_arena(p->m);

	if (string_list(p, n, what, &items, &count) < 0)
		return -1;
	s->actions = ARENA_ARRAY(a, const char *, count);
	s->action_locs = ARENA_ARRAY(a, pg_loc, count);
	s->n_actions = count;
	for (i = 0; i < count; i++) {
		s->actions[i] = model_intern_lower(p->m, items[i]->str);
		s->action_locs[i] = loc_of(p, items[i]);
	}
	return 0;
}

static int parse_resources(parser *p, stmt *s, const doc_node *n, const char *what)
{
	const doc_node **items;
	size_t count, i;

	if (string_list(p, n, what, &items, &count) < 0)
		return -1;
	s->resources = ARENA_ARRAY(model_arena(p->m), const char *, count);
	s->n_resources = count;
	for (i = 0; i < count; i++)
		s->resources[i] = model_intern(p->m, items[i]->str);
	s->has_resource = 1;
	return 0;
}

const char *aws_policy_normalize_principal(model *m, const char *v)
{
	size_t i;
	char buf[64];

	for (i = 0; v[i]; i++)
		if (!isdigit((unsigned char)v[i]))
			break;
	if (i == 12 && v[i] == '\0') {
		snprintf(buf, sizeof(buf), "arn:aws:iam::%s:root", v);
		return model_intern(m, buf);
	}
	return model_intern(m, v);
}

static int parse_principal(parser *p, stmt *s, const doc_node *n, const char *what)
{
	static const struct { const char *name; pspec_kind kind; } kinds[] = {
		{ "AWS", PSPEC_AWS }, { "Service", PSPEC_SERVICE }, { "Federated", PSPEC_FEDERATED },
		{ "CanonicalUser", PSPEC_CANONICAL_USER }, { NULL, PSPEC_AWS }
	};
	arena *a = model_arena(p->m);
	size_t total = 0, i, j, k;

	s->has_principal = 1;
	if (n->type == DOC_STRING) {
		if (strcmp(n->str, "*")) {
			error_at(p, n, "'%s' must be \"*\" or an object such as {\"AWS\": \"arn:...\"}", what);
			return -1;
		}
		s->principals = ARENA_NEW(a, pspec);
		s->principals[0].kind = PSPEC_STAR;
		s->principals[0].value = model_intern(p->m, "*");
		s->principals[0].loc = loc_of(p, n);
		s->n_principals = 1;
		return 0;
	}
	if (n->type != DOC_OBJECT) {
		error_at(p, n, "'%s' must be \"*\" or an object, not %s", what, doc_type_phrase(n->type));
		return -1;
	}
	for (i = 0; i < n->len; i++) {
		const doc_node **items;
		size_t count;
		for (k = 0; kinds[k].name && strcmp(kinds[k].name, n->keys[i]->str); k++)
			;
		if (!kinds[k].name) {
			error_at(p, n->keys[i], "unknown principal type '%s' (AWS, Service, Federated or CanonicalUser)",
				 n->keys[i]->str);
			return -1;
		}
		if (string_list(p, n->items[i], what, &items, &count) < 0)
			return -1;
		total += count;
	}
	s->principals = ARENA_ARRAY(a, pspec, total);
	for (i = 0; i < n->len; i++) {
		const doc_node **items;
		size_t count;
		for (k = 0; strcmp(kinds[k].name, n->keys[i]->str); k++)
			;
		string_list(p, n->items[i], what, &items, &count);
		for (j = 0; j < count; j++) {
			pspec *ps = &s->principals[s->n_principals++];
			ps->kind = kinds[k].kind;
			ps->loc = loc_of(p, items[j]);
			ps->value = kinds[k].kind == PSPEC_AWS ? aws_policy_normalize_principal(p->m, items[j]->str)
							       : model_intern(p->m, items[j]->str);
		}
	}
	return 0;
}

static int parse_conditions(parser *p, stmt *s, const doc_node *n)
{
	arena *a = model_arena(p->m);
	size_t total = 0, i, j, k;

	if (n->type != DOC_OBJECT) {
		error_at(p, n, "'Condition' must be an object of operators, not %s", doc_type_phrase(n->type));
		return -1;
	}
	for (i = 0; i < n->len; i++) {
		if (n->items[i]->type != DOC_OBJECT) {
			error_at(p, n->items[i], "condition operator '%s' must map keys to values", n->keys[i]->str);
			return -1;
		}
		total += n->items[i]->len;
	}
	s->conds = ARENA_ARRAY(a, cond, total);
	for (i = 0; i < n->len; i++) {
		const doc_node *keys = n->items[i];
		for (j = 0; j < keys->len; j++) {
			const doc_node *v = keys->items[j];
			cond *c = &s->conds[s->n_conds++];
			c->op = model_intern(p->m, n->keys[i]->str);
			c->key = model_intern(p->m, keys->keys[j]->str);
			c->loc = loc_of(p, keys->keys[j]);
			if (doc_is_scalar(v)) {
				c->values = ARENA_ARRAY(a, const char *, 1);
				c->values[0] = model_intern(p->m, v->str);
				c->n_values = 1;
				continue;
			}
			if (v->type != DOC_ARRAY) {
				error_at(p, v, "condition values of '%s' must be a value or a list", keys->keys[j]->str);
				return -1;
			}
			c->values = ARENA_ARRAY(a, const char *, v->len);
			for (k = 0; k < v->len; k++) {
				if (!doc_is_scalar(v->items[k])) {
					error_at(p, v->items[k], "condition values of '%s' must be strings, numbers or booleans",
						 keys->keys[j]->str);
					return -1;
				}
				c->values[c->n_values++] = model_intern(p->m, v->items[k]->str);
			}
		}
	}
	return 0;
}

static int parse_statement(parser *p, stmt *s, const doc_node *n)
{
	const doc_node *v;
	size_t i;
	int has_action = 0, err = 0;

	s->loc = loc_of(p, n);
	if (n->type != DOC_OBJECT) {
		error_at(p, n, "a statement must be an object, not %s", doc_type_phrase(n->type));
		return -1;
	}
	for (i = 0; i < n->len; i++) {
		const char *key = n->keys[i]->str;
		size_t k;
		for (k = 0; stmt_keys[k] && strcmp(stmt_keys[k], key); k++)
			;
		if (!stmt_keys[k]) {
			const char *hint = suggest_closest(key, stmt_keys, 3);
			if (hint)
				error_at(p, n->keys[i], "unknown key '%s' in statement (did you mean '%s'?)", key, hint);
			else
				error_at(p, n->keys[i], "unknown key '%s' in statement", key);
			err = -1;
		}
	}
	if (err)
		return err;
	v = doc_get(n, "Effect");
	if (!v) {
		error_at(p, n, "statement has no 'Effect'");
		return -1;
	}
	if (v->type == DOC_STRING && !strcmp(v->str, "Allow")) {
		s->effect = EFFECT_ALLOW;
	} else if (v->type == DOC_STRING && !strcmp(v->str, "Deny")) {
		s->effect = EFFECT_DENY;
	} else {
		error_at(p, v, "'Effect' must be \"Allow\" or \"Deny\", not '%s'", v->str ? v->str : doc_type_name(v->type));
		return -1;
	}
	if ((v = doc_get(n, "Sid")) != NULL)
		s->sid = doc_is_scalar(v) ? model_intern(p->m, v->str) : NULL;
	if (doc_get(n, "Action") && doc_get(n, "NotAction")) {
		error_at(p, doc_get(n, "NotAction"), "a statement cannot have both 'Action' and 'NotAction'");
		return -1;
	}
	if ((v = doc_get(n, "Action")) != NULL) {
		has_action = 1;
		if (parse_actions(p, s, v, "Action") < 0)
			return -1;
	} else if ((v = doc_get(n, "NotAction")) != NULL) {
		has_action = 1;
		s->not_action = 1;
		if (parse_actions(p, s, v, "NotAction") < 0)
			return -1;
	}
	if (!has_action) {
		error_at(p, n, "statement has neither 'Action' nor 'NotAction'");
		return -1;
	}
	if (doc_get(n, "Resource") && doc_get(n, "NotResource")) {
		error_at(p, doc_get(n, "NotResource"), "a statement cannot have both 'Resource' and 'NotResource'");
		return -1;
	}
	if ((v = doc_get(n, "Resource")) != NULL && parse_resources(p, s, v, "Resource") < 0)
		return -1;
	if ((v = doc_get(n, "NotResource")) != NULL) {
		s->not_resource = 1;
		if (parse_resources(p, s, v, "NotResource") < 0)
			return -1;
	}
	if (doc_get(n, "Principal") && doc_get(n, "NotPrincipal")) {
		error_at(p, doc_get(n, "NotPrincipal"), "a statement cannot have both 'Principal' and 'NotPrincipal'");
		return -1;
	}
	if ((v = doc_get(n, "Principal")) != NULL && parse_principal(p, s, v, "Principal") < 0)
		return -1;
	if ((v = doc_get(n, "NotPrincipal")) != NULL) {
		s->not_principal = 1;
		if (parse_principal(p, s, v, "NotPrincipal") < 0)
			return -1;
	}
	if ((v = doc_get(n, "Condition")) != NULL && parse_conditions(p, s, v) < 0)
		return -1;
	return 0;
}

int aws_policy_parse(model *m, doc *host, const doc_node *node, policy_kind kind, const char *name,
		     policy **out, diag_list *errors)
{
	parser p;
	const doc_node *root = node, *st, *v;
	diag d = DIAG_INIT;
	size_t i, n;
	int err = 0;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.m = m;
	p.host = host;
	p.errors = errors;
	if (node && node->type == DOC_STRING) {
		if (doc_parse_embedded(host, node, &root, &d) < 0) {
			diag_list_add(errors, &d);
			return PG_EINPUT;
		}
	}
	if (!root || root->type != DOC_OBJECT) {
		error_at(&p, root, "a policy document must be an object");
		return PG_EINPUT;
	}
	for (i = 0; i < root->len; i++) {
		const char *key = root->keys[i]->str;
		if (strcmp(key, "Version") && strcmp(key, "Id") && strcmp(key, "Statement")) {
			static const char *const doc_keys[] = { "Version", "Id", "Statement", NULL };
			const char *hint = suggest_closest(key, doc_keys, 3);
			if (hint)
				error_at(&p, root->keys[i], "unknown key '%s' in policy document (did you mean '%s'?)", key, hint);
			else
				error_at(&p, root->keys[i], "unknown key '%s' in policy document", key);
			return PG_EINPUT;
		}
	}
	p.pol = model_new_policy(m, kind, name);
	p.pol->loc = model_loc(m, root->file, root->line, root->col);
	if ((v = doc_get(root, "Version")) != NULL) {
		if (v->type != DOC_STRING || (strcmp(v->str, "2012-10-17") && strcmp(v->str, "2008-10-17"))) {
			error_at(&p, v, "'Version' must be \"2012-10-17\" or \"2008-10-17\"");
			return PG_EINPUT;
		}
		p.pol->version = model_intern(m, v->str);
	}
	st = doc_get(root, "Statement");
	if (!st) {
		error_at(&p, root, "policy document has no 'Statement'");
		return PG_EINPUT;
	}
	n = st->type == DOC_ARRAY ? st->len : 1;
	p.pol->stmts = ARENA_ARRAY(model_arena(m), stmt, n);
	p.pol->n_stmts = n;
	for (i = 0; i < n; i++) {
		stmt *s = &p.pol->stmts[i];
		s->policy = p.pol;
		s->index = i;
		if (parse_statement(&p, s, st->type == DOC_ARRAY ? st->items[i] : st) < 0)
			err = PG_EINPUT;
	}
	if (err)
		return err;
	*out = p.pol;
	return 0;
}
