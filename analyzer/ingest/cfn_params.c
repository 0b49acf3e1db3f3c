/*
 * cfn_params — CloudFormation parameter values: parameters files (the
 * `aws cloudformation` CLI's [{"ParameterKey", "ParameterValue"}] and a
 * template configuration file {"Parameters": {...}, "Tags": {...}}), and
 * what Ref of a parameter or pseudo parameter gives in a template.
 *
 * Where the values live between files: the model has no slot for one
 * format's state and model.h is not this reader's, so the values of a
 * model's parameters files are kept in a small table keyed by the model,
 * allocated in the model's arena. An entry is only trusted while the model
 * holds an interned marker made when the entry was: a model freed and another
 * allocated at the same address does not have it, so a stale entry is never
 * read. The CLI has one model; the table holds 16.
 */
#include "ingest/cfn_internal.h"
#include "base/strbuf.h"

#include <string.h>

#define MARKER "\001permgraph:cloudformation-parameters"
#define SLOTS 16

typedef struct slot {
	const model *m;
	const char *marker;
	cfn_given *g;
} slot;

static slot slots[SLOTS];
static size_t next_slot;

static cfn_given *given_of(model *m, int create)
{
	const char *mk = model_intern_find(m, MARKER);
	size_t i;
	slot *s;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].m == m && mk && slots[i].marker == mk)
			return slots[i].g;
	if (!create)
		return NULL;
	/* a slot of a model freed at this address, else the oldest */
	for (i = 0; i < SLOTS && slots[i].m != m; i++)
		;
	s = i < SLOTS ? &slots[i] : &slots[next_slot++ % SLOTS];
	s->m = m;
	s->marker = model_intern(m, MARKER);
	s->g = ARENA_NEW(model_arena(m), cfn_given);
	return s->g;
}

const cfn_given *cfn_params_for_template(model *m, const char *path, size_t *ordinal)
{
	cfn_given *g = given_of(m, 1);

	if (!g->first_template)
		g->first_template = model_intern(m, path);
	*ordinal = ++g->templates;
	return g->n || g->n_tags ? g : NULL;
}

const char *cfn_given_value(const cfn_given *g, const char *key)
{
	size_t i;

	/* a later file overrides an earlier one: the last value given counts */
	for (i = g ? g->n : 0; i > 0; i--)
		if (!strcmp(g->keys[i - 1], key))
			return g->values[i - 1];
	return NULL;
}

static void give(model *m, cfn_given *g, const char *key, const char *value)
{
	arena *a = model_arena(m);

	if (g->n == g->cap) {
		size_t ncap = g->cap ? g->cap * 2 : 16;
		const char **k = ARENA_ARRAY(a, const char *, ncap), **v = ARENA_ARRAY(a, const char *, ncap);
		if (g->n) {
			memcpy(k, g->keys, g->n * sizeof(*k));
			memcpy(v, g->values, g->n * sizeof(*v));
		}
		g->keys = k;
		g->values = v;
		g->cap = ncap;
	}
	g->keys[g->n] = model_intern(m, key);
	g->values[g->n++] = model_intern(m, value);
}

/* --- detection and reading --------------------------------------------------------- */

static int cli_form(const doc_node *root)
{
	size_t i;

	if (root->type != DOC_ARRAY || !root->len)
		return 0;
	for (i = 0; i < root->len; i++)
		if (!doc_get(root->items[i], "ParameterKey"))
			return 0;
	return 1;
}

/* A template configuration file: Parameters (and Tags, StackPolicy) and nothing else. */
static int config_form(const doc_node *root)
{
	size_t i;

	if (root->type != DOC_OBJECT || !doc_get(root, "Parameters"))
		return 0;
	for (i = 0; i < root->len; i++)
		if (strcmp(root->keys[i]->str, "Parameters") && strcmp(root->keys[i]->str, "Tags") &&
		    strcmp(root->keys[i]->str, "StackPolicy"))
			return 0;
	return 1;
}

int cfn_params_detect(const doc_node *root)
{
	return cli_form(root) || config_form(root);
}

static int scalar_value(ingest_ctx *ic, const doc_node *v, const char *key)
{
	if (v && doc_is_scalar(v) && v->type != DOC_NULL)
		return 0;
	if (v)
		diag_list_addf(ic->diags, DIAG_ERROR, v->file, v->line, v->col,
			       "the value of parameter '%s' must be a string, not %s", key, doc_type_phrase(v->type));
	return PG_EINPUT;
}

static void late_warning(ingest_ctx *ic, const cfn_given *g, const doc_node *root)
{
	if (g->templates)
		diag_list_addf(ic->diags, DIAG_WARNING, root->file, root->line, root->col,
			       "parameters file read after %zu template(s) (the first: '%s'): its values apply only "
			       "to templates read after it (name it first on the command line, or so that it sorts "
			       "first in its folder)", g->templates, g->first_template);
}

int cfn_params_read(ingest_ctx *ic, const doc_node *root)
{
	cfn_given *g = given_of(ic->m, 1);
	const doc_node *p, *tags;
	size_t i;
	int err = 0;

	late_warning(ic, g, root);
	if (root->type == DOC_ARRAY) {
		for (i = 0; i < root->len; i++) {
			const doc_node *e = root->items[i], *key = doc_get(e, "ParameterKey"), *v;
			if (!key || key->type != DOC_STRING) {
				diag_list_addf(ic->diags, DIAG_ERROR, e->file, e->line, e->col,
					       "each parameter needs 'ParameterKey' (a string)");
				err = PG_EINPUT;
				continue;
			}
			v = doc_get(e, "ParameterValue");
			if (!v) {
				const doc_node *prev = doc_get(e, "UsePreviousValue");
				/* the deployed stack's value: not in the inputs, so the parameter stays symbolic */
				if (prev && prev->type == DOC_BOOL && !strcmp(prev->str, "true"))
					continue;
				diag_list_addf(ic->diags, DIAG_ERROR, e->file, e->line, e->col,
					       "parameter '%s' has no 'ParameterValue'", key->str);
				err = PG_EINPUT;
				continue;
			}
			if (scalar_value(ic, v, key->str) < 0) {
				err = PG_EINPUT;
				continue;
			}
			give(ic->m, g, key->str, v->str);
		}
		return err;
	}
	p = doc_get(root, "Parameters");
	if (p->type != DOC_OBJECT) {
		diag_list_addf(ic->diags, DIAG_ERROR, p->file, p->line, p->col,
			       "'Parameters' must map parameter names to values, not be %s", doc_type_phrase(p->type));
		return PG_EINPUT;
	}
	for (i = 0; i < p->len; i++) {
		if (scalar_value(ic, p->items[i], p->keys[i]->str) < 0) {
			err = PG_EINPUT;
			continue;
		}
		give(ic->m, g, p->keys[i]->str, p->items[i]->str);
	}
	tags = doc_get(root, "Tags");
	if (tags && tags->type != DOC_OBJECT) {
		diag_list_addf(ic->diags, DIAG_ERROR, tags->file, tags->line, tags->col,
			       "'Tags' must be an object of tag keys and values, not %s", doc_type_phrase(tags->type));
		return PG_EINPUT;
	}
	for (i = 0; tags && i < tags->len; i++) {
		if (scalar_value(ic, tags->items[i], tags->keys[i]->str) < 0) {
			err = PG_EINPUT;
			continue;
		}
		model_add_tag(ic->m, &g->tags, &g->n_tags, tags->keys[i]->str, tags->items[i]->str);
	}
	return err;
}

/* --- Ref to a parameter ---------------------------------------------------------- */

static int is_list_type(const char *type)
{
	return type && (!strncmp(type, "List<", 5) || !strcmp(type, "CommaDelimitedList") ||
			strstr(type, "<List<") != NULL);
}

/* A list parameter's value "a, b" as the list [a, b]. */
static const doc_node *split_list(cfn_ctx *c, const doc_node *at, const char *v)
{
	const char *p = v, *comma;
	size_t count = 1;
	doc_node *list;

	for (comma = v; (comma = strchr(comma, ',')) != NULL; comma++)
		count++;
	list = cfn_container(c, DOC_ARRAY, at, count);
	for (;;) {
		const char *e;
		comma = strchr(p, ',');
		e = comma ? comma : p + strlen(p);
		while (p < e && *p == ' ')
			p++;
		while (e > p && e[-1] == ' ')
			e--;
		list->items[list->len++] = cfn_str(c, at, p, (size_t)(e - p));
		if (!comma)
			break;
		p = comma + 1;
	}
	return list;
}

static int push_value(cfn_ctx *c, const doc_node *at, const char *type, const char *v, unsigned flags, cfn_alts *out)
{
	if (is_list_type(type))
		return cfn_push(c, out, at, split_list(c, at, v), NULL, flags);
	return cfn_push(c, out, at, cfn_str(c, at, v, strlen(v)), NULL, flags);
}

static int pseudo(cfn_ctx *c, const char *name, const doc_node *at, cfn_alts *out)
{
	const char *given = cfn_given_value(c->given, name);
	char buf[512], stack[64];

	if (!strcmp(name, "AWS::AccountId"))
		return push_value(c, at, NULL, c->account, given ? 0 : CFN_SYM, out);
	if (!strcmp(name, "AWS::Region"))
		return push_value(c, at, NULL, c->region, given ? 0 : CFN_SYM, out);
	if (!strcmp(name, "AWS::Partition"))
		return push_value(c, at, NULL, c->partition, given ? 0 : CFN_ASSUMED, out);
	if (!strcmp(name, "AWS::URLSuffix"))
		return push_value(c, at, NULL, given ? given : "amazonaws.com", given ? 0 : CFN_ASSUMED, out);
	snprintf(stack, sizeof(stack), "{StackName%s}", c->sfx);
	if (!strcmp(name, "AWS::StackName"))
		return push_value(c, at, NULL, given ? given : stack, given ? 0 : CFN_SYM, out);
	if (!strcmp(name, "AWS::StackId")) {
		given = cfn_given_value(c->given, "AWS::StackName");
		snprintf(buf, sizeof(buf), "arn:%s:cloudformation:%s:%s:stack/%s/{StackId%s}", c->partition, c->region,
			 c->account, given ? given : stack, c->sfx);
		return push_value(c, at, NULL, buf, CFN_SYM, out);
	}
	if (!strcmp(name, "AWS::NotificationARNs")) {
		snprintf(buf, sizeof(buf), "{NotificationARNs%s}", c->sfx);
		return push_value(c, at, "CommaDelimitedList", buf, CFN_SYM, out);
	}
	return 1;
}

int cfn_ref_param(cfn_ctx *c, const char *name, const doc_node *at, cfn_alts *out)
{
	const doc_node *def, *d;
	const char *type, *given;
	char ph[256];
	int r;

	if (!strncmp(name, "AWS::", 5) && (r = pseudo(c, name, at, out)) != 1)
		return 1;
	def = doc_get(c->params, name);
	if (!def)
		return 0;
	type = doc_get_str(def, "Type");
	if ((given = cfn_given_value(c->given, name)) != NULL) {
		push_value(c, at, type, given, 0, out);
		return 1;
	}
	d = doc_get(def, "Default");
	/* an SSM parameter type's default is the SSM key, not the value */
	if (d && (!type || strncmp(type, "AWS::SSM::Parameter::Value<", 27))) {
		if (d->type == DOC_ARRAY && is_list_type(type)) {
			cfn_push(c, out, at, d, NULL, CFN_ASSUMED);
			return 1;
		}
		if (doc_is_scalar(d) && d->type != DOC_NULL) {
			push_value(c, at, type, d->str, CFN_ASSUMED, out);
			return 1;
		}
	}
	/* no value: a placeholder that stands for the same unknown value wherever it is used */
	cfn_placeholder(ph + 1, sizeof(ph) - 32, name);
	ph[0] = '{';
	snprintf(ph + strlen(ph), sizeof(ph) - strlen(ph), "%s}", c->sfx);
	push_value(c, at, type, ph, CFN_SYM, out);
	return 1;
}
