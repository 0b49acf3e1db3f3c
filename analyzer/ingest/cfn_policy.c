/*
 * cfn_policy — policy documents, tags and string properties of a template,
 * evaluated and handed to aws_policy (which places every error at the
 * template's line and column: the nodes it reads are the template's own, or
 * placed where the intrinsic that made them is).
 *
 * Soundness of Fn::If in a policy: a statement that exists, or reads
 * differently, on one branch only is kept in every reading (the union of the
 * branches), so an Allow counts whichever way the condition goes. A Deny that
 * exists only on some branches (or in a resource with an undecided Condition)
 * must not remove access on the others: it gets one IAM condition per branch
 * it assumes, {"Bool": {"cfn:Condition/NAME": "true"|"false"}}, a key no
 * request carries and the evaluator cannot settle, so the Deny is reported
 * beside the access as "conditional" instead of removing it.
 */
#include "ingest/cfn_internal.h"
#include "ingest/aws_policy.h"

#include <string.h>

/* The statements of a document alternative: its Statement list, each item on its own. */
static int add_statements(cfn_ctx *c, const doc_node *st, const cfn_guard *g, cfn_alts *out)
{
	cfn_alts items = { NULL, 0, 0 };
	size_t i;
	int err;

	err = cfn_eval_union(c, st, 0, &items);
	for (i = 0; i < items.n; i++) {
		const cfn_guard *joined;
		if (!cfn_guard_join(c, g, items.v[i].guard, &joined))
			cfn_append(c, out, items.v[i].n, joined, items.v[i].flags);
	}
	return err;
}

/* Version and Id: one reading (the first) */
static const doc_node *first_value(cfn_ctx *c, const doc_node *n)
{
	cfn_alts alts = { NULL, 0, 0 };

	if (!n || cfn_eval(c, n, &alts) < 0 || !alts.n)
		return NULL;
	return alts.v[0].n;
}

static void guard_denies(cfn_ctx *c, policy *pol, const cfn_guard *const *guards)
{
	arena *a = model_arena(c->m);
	size_t i, n;
	const cfn_guard *g;
	char key[300];

	for (i = 0; i < pol->n_stmts; i++) {
		stmt *s = &pol->stmts[i];
		cond *conds;
		if (s->effect != EFFECT_DENY || !guards[i])
			continue;
		for (n = 0, g = guards[i]; g; g = g->next)
			n++;
		conds = ARENA_ARRAY(a, cond, s->n_conds + n);
		if (s->n_conds)
			memcpy(conds, s->conds, s->n_conds * sizeof(*conds));
		for (g = guards[i]; g; g = g->next) {
			cond *k = &conds[s->n_conds++];
			snprintf(key, sizeof(key), "cfn:Condition/%s", g->cond);
			k->op = model_intern(c->m, "Bool");
			k->key = model_intern(c->m, key);
			k->values = ARENA_ARRAY(a, const char *, 1);
			k->values[0] = model_intern(c->m, g->holds ? "true" : "false");
			k->n_values = 1;
			k->loc = model_loc(c->m, g->at ? g->at->file : NULL, g->at ? g->at->line : 0, g->at ? g->at->col : 0);
		}
		s->conds = conds;
	}
}

int cfn_policy(cfn_ctx *c, const doc_node *docnode, const cfn_guard *guard, policy_kind kind, const char *name,
	       policy **out)
{
	cfn_alts docs = { NULL, 0, 0 }, stmts = { NULL, 0, 0 };
	const doc_node *version = NULL, *id = NULL;
	const cfn_guard **guards;
	doc_node *synth, *list;
	size_t i, j;
	int err = 0;

	*out = NULL;
	if (docnode->type == DOC_OBJECT && !cfn_intrinsic(docnode, NULL) && !doc_get(docnode, "Statement"))
		/* not a document: aws_policy says what is wrong, where */
		return aws_policy_parse(c->m, c->ic->doc, docnode, kind, name, out, c->ic->diags);
	if (docnode->type == DOC_OBJECT && !cfn_intrinsic(docnode, NULL)) {
		/* the usual shape: only Statement may hold several readings */
		for (i = 0; i < docnode->len; i++)
			if (!strcmp(docnode->keys[i]->str, "Statement") &&
			    add_statements(c, docnode->items[i], guard, &stmts) < 0)
				err = PG_EINPUT;
		version = first_value(c, doc_get(docnode, "Version"));
		id = first_value(c, doc_get(docnode, "Id"));
	} else {
		if (cfn_eval(c, docnode, &docs) < 0)
			return PG_EINPUT;
		for (i = 0; i < docs.n; i++) {
			const doc_node *d = docs.v[i].n;
			const cfn_guard *g;
			if (d == CFN_NOVALUE)
				continue;
			/* a JSON string (Fn::Sub of a document): aws_policy parses it; one reading only */
			if (d->type != DOC_OBJECT || !doc_get(d, "Statement")) {
				if (docs.n > 1)
					cfn_warn(c, docnode, "a policy document with several readings that are not objects: "
							     "only the first is read");
				return aws_policy_parse(c->m, c->ic->doc, d, kind, name, out, c->ic->diags);
			}
			if (!version)
				version = doc_get(d, "Version");
			if (!id)
				id = doc_get(d, "Id");
			if (cfn_guard_join(c, guard, docs.v[i].guard, &g))
				continue;
			for (j = 0; j < d->len; j++)
				if (!strcmp(d->keys[j]->str, "Statement") && add_statements(c, d->items[j], g, &stmts) < 0)
					err = PG_EINPUT;
		}
	}
	if (err)
		return err;
	/* the document aws_policy reads: the template's other keys as written (an unknown one is
	 * its error to place), Version and Id resolved, and every statement reading */
	synth = cfn_container(c, DOC_OBJECT, docnode, docnode->type == DOC_OBJECT ? docnode->len + 3 : 3);
	list = cfn_container(c, DOC_ARRAY, docnode, stmts.n);
	guards = ARENA_ARRAY(&c->scratch, const cfn_guard *, stmts.n + 1);
	for (i = 0; i < stmts.n; i++) {
		list->items[list->len++] = (doc_node *)stmts.v[i].n;
		guards[i] = stmts.v[i].guard;
	}
	for (i = 0; docnode->type == DOC_OBJECT && !cfn_intrinsic(docnode, NULL) && i < docnode->len; i++) {
		const char *k = docnode->keys[i]->str;
		if (!strcmp(k, "Statement") || !strcmp(k, "Version") || !strcmp(k, "Id"))
			continue;
		synth->keys[synth->len] = docnode->keys[i];
		synth->items[synth->len++] = docnode->items[i];
	}
	if (version && version != CFN_NOVALUE) {
		synth->keys[synth->len] = cfn_str(c, version, "Version", 7);
		synth->items[synth->len++] = (doc_node *)version;
	}
	if (id && id != CFN_NOVALUE) {
		synth->keys[synth->len] = cfn_str(c, id, "Id", 2);
		synth->items[synth->len++] = (doc_node *)id;
	}
	synth->keys[synth->len] = cfn_str(c, docnode, "Statement", 9);
	synth->items[synth->len++] = list;
	if (aws_policy_parse(c->m, c->ic->doc, synth, kind, name, out, c->ic->diags) < 0)
		return PG_EINPUT;
	guard_denies(c, *out, guards);
	return 0;
}

/* --- strings and tags --------------------------------------------------------------- */

const char **cfn_strings(cfn_ctx *c, const doc_node *n, const char *what, const doc_node ***locs, size_t *count)
{
	cfn_alts alts = { NULL, 0, 0 };
	const char **v;
	size_t i;

	*count = 0;
	cfn_eval_union(c, n, 0, &alts);
	v = ARENA_ARRAY(&c->scratch, const char *, alts.n + 1);
	if (locs)
		*locs = ARENA_ARRAY(&c->scratch, const doc_node *, alts.n + 1);
	for (i = 0; i < alts.n; i++) {
		const doc_node *s = alts.v[i].n;
		if (!doc_is_scalar(s) || s->type == DOC_NULL) {
			cfn_error(c, s, "'%s' entries must be strings, not %s", what, doc_type_phrase(s->type));
			continue;
		}
		if (locs)
			(*locs)[*count] = s;
		v[(*count)++] = s->str;
	}
	v[*count] = NULL;
	return v;
}

const char *cfn_string1(cfn_ctx *c, const doc_node *n, const char *what)
{
	cfn_alts alts = { NULL, 0, 0 };
	size_t i;

	if (!n || cfn_eval(c, n, &alts) < 0)
		return NULL;
	for (i = 0; i < alts.n; i++) {
		const doc_node *s = alts.v[i].n;
		if (s == CFN_NOVALUE)
			continue;
		if (!doc_is_scalar(s) || s->type == DOC_NULL) {
			cfn_error(c, s, "'%s' must be a string, not %s", what, doc_type_phrase(s->type));
			return NULL;
		}
		if (alts.n > 1)
			cfn_warn(c, n, "'%s' has %zu readings (Fn::If): '%s' is used", what, alts.n, s->str);
		return s->str;
	}
	return NULL;
}

static void add_tag(cfn_ctx *c, tag **tags, size_t *n, const char *key, const doc_node *value)
{
	cfn_alts alts = { NULL, 0, 0 };
	size_t i;

	if (cfn_eval(c, value, &alts) < 0)
		return;
	/* a tag value under Fn::If: every reading, so a rule that matches either classifies */
	for (i = 0; i < alts.n; i++) {
		const doc_node *v = alts.v[i].n;
		if (v == CFN_NOVALUE)
			continue;
		if (!doc_is_scalar(v)) {
			cfn_error(c, v, "the value of tag '%s' must be a string, not %s", key, doc_type_phrase(v->type));
			continue;
		}
		model_add_tag(c->m, tags, n, key, v->type == DOC_NULL ? "" : v->str);
	}
}

void cfn_tags(cfn_ctx *c, const doc_node *props, tag **tags, size_t *n)
{
	const doc_node *t = doc_get(props, "Tags");
	cfn_alts items = { NULL, 0, 0 };
	size_t i;

	if (t && t->type == DOC_OBJECT && !cfn_intrinsic(t, NULL)) {
		/* some types (SSM parameters, SAM) write tags as a map */
		for (i = 0; i < t->len; i++)
			add_tag(c, tags, n, t->keys[i]->str, t->items[i]);
	} else if (t) {
		cfn_eval_union(c, t, 0, &items);
		for (i = 0; i < items.n; i++) {
			const doc_node *e = items.v[i].n;
			const char *k = doc_get_str(e, "Key");
			if (e->type != DOC_OBJECT || !k || !doc_get(e, "Value")) {
				cfn_error(c, e, "a tag must be {Key, Value}");
				continue;
			}
			add_tag(c, tags, n, k, doc_get(e, "Value"));
		}
	}
	/* stack tags of a configuration file: CloudFormation puts them on every resource it can */
	for (i = 0; c->given && i < c->given->n_tags; i++)
		if (!model_tag_value(*tags, *n, c->given->tags[i].key))
			model_add_tag(c->m, tags, n, c->given->tags[i].key, c->given->tags[i].value);
}
