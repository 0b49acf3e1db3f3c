/*
 * arm_deep — deep evaluation of template values: every expression string in a
 * tree evaluated, containers rebuilt only where something changed, property
 * copy loops ("copy": [{"name", "count", "input"}]) expanded, alternatives of
 * the members combined (at most ARM_MAX_ALTS combinations: past that only the
 * first alternatives are read, and a warning says so).
 */
#include "ingest/arm_internal.h"

#include <string.h>

static void warn_alts(arm_tpl *t, const doc_node *at)
{
	if (!t->f->alts_warned++)
		diag_list_addf(t->f->ic->diags, DIAG_WARNING, at->file, at->line, at->col,
			       "more than %d combinations of alternative values: only the first %d are read",
			       ARM_MAX_ALTS, ARM_MAX_ALTS);
}

/* "copy": [{"name", "count", "input"}] in an object: the named arrays it makes. */
static int is_property_copy(const doc_node *key, const doc_node *v)
{
	return !strcmp(key->str, "copy") && v->type == DOC_ARRAY && v->len && v->items[0]->type == DOC_OBJECT &&
	       doc_get(v->items[0], "input");
}

static const doc_node *copy_array(arm_tpl *t, const doc_node *spec, const char **name_out)
{
	const doc_node *name = doc_get(spec, "name"), *count = doc_get(spec, "count"), *input = doc_get(spec, "input");
	doc_node *arr = arm_container(t->f, DOC_ARRAY, spec, 4);
	arm_alts ca, ia;
	long long n = 0, i;

	*name_out = name && name->type == DOC_STRING ? name->str : "copy";
	if (!input || !count || t->n_loops == ARM_MAX_LOOPS)
		return arr;
	arm_eval_deep(t, count, &ca);
	if (ca.n == 1 && arm_int(ca.v[0], &n)) {
		if (n > ARM_MAX_COPY)
			n = ARM_MAX_COPY;
	} else {
		n = -1;         /* not known: one element standing for all */
	}
	t->loops[t->n_loops].name = *name_out;
	for (i = 0; i < (n < 0 ? 1 : n) && arm_step(t->f, spec) == 0; i++) {
		t->loops[t->n_loops].index = n < 0 ? arm_placeholder(t->f, count, "copyIndex()") : arm_num(t->f, spec, i);
		t->n_loops++;
		arm_eval_deep(t, input, &ia);
		t->n_loops--;
		if (ia.n > 1)
			warn_alts(t, input);
		if (ia.n)
			arm_push(t->f, arr, NULL, ia.v[0]);
	}
	return arr;
}

static int deep(arm_tpl *t, const doc_node *n, arm_alts *out)
{
	arm_alts *kids;
	size_t i, k, combos = 1, c;
	int changed = 0;

	if (n->type == DOC_STRING && (arm_is_expr(n->str) || !strncmp(n->str, "[[", 2)))
		return arm_eval_string(t, n, out);
	if ((n->type != DOC_ARRAY && n->type != DOC_OBJECT) || arm_step(t->f, n) < 0 || !n->len) {
		arm_alts_add(t->f, out, n);
		return 0;
	}
	kids = ARENA_ARRAY(&t->f->a, arm_alts, n->len * (n->type == DOC_OBJECT ? 2 : 1));
	for (i = 0; i < n->len; i++) {
		arm_alts *v = &kids[i];
		if (n->type == DOC_OBJECT && is_property_copy(n->keys[i], n->items[i])) {
			changed = 1;
			continue;       /* expanded below, once per combination */
		}
		arm_eval_deep(t, n->items[i], v);
		if (n->type == DOC_OBJECT) {
			arm_alts *kv = &kids[n->len + i];
			arm_eval_deep(t, n->keys[i], kv);
			changed |= kv->n != 1 || kv->v[0] != n->keys[i];
			if (kv->n > 1 && combos * kv->n > ARM_MAX_ALTS) {
				warn_alts(t, n->keys[i]);
				kv->n = 1;
			}
			combos *= kv->n ? kv->n : 1;
		}
		changed |= v->n != 1 || v->v[0] != n->items[i];
		if (v->n > 1 && combos * v->n > ARM_MAX_ALTS) {
			warn_alts(t, n->items[i]);
			v->n = 1;
		}
		combos *= v->n ? v->n : 1;
	}
	if (!changed) {
		arm_alts_add(t->f, out, n);
		return 0;
	}
	for (c = 0; c < combos; c++) {
		doc_node *r = arm_container(t->f, n->type, n, n->len);
		size_t rest = c;
		for (i = 0; i < n->len; i++) {
			const doc_node *key = n->type == DOC_OBJECT ? n->keys[i] : NULL, *val;
			if (key && is_property_copy(key, n->items[i])) {
				for (k = 0; k < n->items[i]->len; k++) {
					const char *name;
					const doc_node *arr = copy_array(t, n->items[i]->items[k], &name);
					arm_push(t->f, r, name, arr);
				}
				continue;
			}
			if (key) {
				arm_alts *kv = &kids[n->len + i];
				key = kv->n ? kv->v[rest % kv->n] : key;
				rest /= kv->n ? kv->n : 1;
			}
			val = kids[i].n ? kids[i].v[rest % kids[i].n] : n->items[i];
			rest /= kids[i].n ? kids[i].n : 1;
			arm_push(t->f, r, key ? (key->type == DOC_STRING || key->str ? key->str : "") : NULL, val);
		}
		arm_alts_add(t->f, out, r);
	}
	return 0;
}

int arm_eval_deep(arm_tpl *t, const doc_node *n, arm_alts *out)
{
	arm_alts_init(out);
	if (t->f->depth >= ARM_MAX_DEPTH) {
		arm_alts_add(t->f, out, arm_placeholder(t->f, n, "nested too deeply"));
		return 0;
	}
	t->f->depth++;
	deep(t, n, out);
	t->f->depth--;
	return 0;
}

/* The single known string value of n evaluated in t, or NULL (absent, several, not a string). */
const char *arm_one_str(arm_tpl *t, const doc_node *n, const doc_node **val)
{
	arm_alts a;

	if (!n)
		return NULL;
	arm_eval_deep(t, n, &a);
	if (val)
		*val = a.n ? a.v[0] : NULL;
	return a.n >= 1 && a.v[0]->type == DOC_STRING ? a.v[0]->str : NULL;
}
