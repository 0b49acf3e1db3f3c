/*
 * arm_expr — evaluation of ARM template expressions (parsed by arm_parse.c):
 * calls through the function tables, member and index access, placeholders
 * for what cannot be known, alternatives carried through every step.
 */
#include "ingest/arm_internal.h"

#include <ctype.h>
#include <string.h>

static const doc_node *ax_placeholder(arm_tpl *t, const arm_ax *x, const doc_node *at)
{
	strbuf sb = STRBUF_INIT;
	const doc_node *n;

	arm_ax_print(&sb, x);
	n = arm_placeholder(t->f, at, sb.buf);
	strbuf_release(&sb);
	return n;
}

const doc_node *arm_call_placeholder(arm_call *c)
{
	strbuf sb = STRBUF_INIT;
	const doc_node *n;
	size_t i;

	strbuf_addf(&sb, "%s(", c->x->text);
	for (i = 0; i < c->x->n; i++) {
		const doc_node *v = i < c->n ? c->args[i] : NULL;
		if (i)
			strbuf_addstr(&sb, ", ");
		if (v && v->type == DOC_STRING && !arm_is_sym(v))
			arm_print_literal(&sb, v->str);
		else if (v && (v->type == DOC_NUMBER || v->type == DOC_BOOL))
			strbuf_addstr(&sb, v->str);
		else
			arm_ax_print(&sb, c->x->args[i]);
	}
	strbuf_addch(&sb, ')');
	n = arm_placeholder(c->t->f, c->at, sb.buf);
	strbuf_release(&sb);
	return n;
}

/* --- evaluation -------------------------------------------------------------------------- */

/* base.prop / base[idx] on a value that cannot say: "{B.prop}" from a whole placeholder, else the text. */
static const doc_node *access_placeholder(arm_tpl *t, const arm_ax *x, const doc_node *base, const doc_node *idx,
					  const doc_node *at)
{
	strbuf sb = STRBUF_INIT;
	const doc_node *n;

	if (!arm_is_sym(base) || !arm_whole_placeholder(base->str))
		return ax_placeholder(t, x, at);
	strbuf_add(&sb, base->str, base->len - 1);
	if (x->kind == AX_MEMBER)
		strbuf_addf(&sb, ".%s}", x->text);
	else if (idx && idx->type == DOC_STRING && !arm_is_sym(idx))
		strbuf_addf(&sb, "['%s']}", idx->str);
	else if (idx && idx->type == DOC_NUMBER)
		strbuf_addf(&sb, "[%s]}", idx->str);
	else
		strbuf_addstr(&sb, "[?]}");
	n = arm_symstr(t->f, at, sb.buf);
	strbuf_release(&sb);
	return n;
}

static void eval_access(arm_tpl *t, const arm_ax *x, const doc_node *b, const doc_node *idx, const doc_node *at,
			arm_alts *out)
{
	const doc_node *m = NULL;
	long long i;
	size_t k;

	if (x->kind == AX_MEMBER) {
		m = arm_member(b, x->text);
	} else if (arm_is_sym(idx) && (b->type == DOC_ARRAY || b->type == DOC_OBJECT) && !arm_is_open(b)) {
		/* an unknown key must be one of them (else the deployment fails): each is possible */
		for (k = 0; k < b->len; k++)
			arm_alts_add(t->f, out, b->items[k]);
		if (b->len)
			return;
	} else if (b->type == DOC_ARRAY && arm_int(idx, &i)) {
		m = i >= 0 && (size_t)i < b->len ? b->items[i] : NULL;
	} else if (b->type == DOC_OBJECT && idx->type == DOC_STRING) {
		m = arm_member(b, idx->str);
	}
	arm_alts_add(t->f, out, m ? m : access_placeholder(t, x, b, idx, at));
}

static int eval_call(arm_tpl *t, const arm_ax *x, const doc_node *at, arm_alts *out)
{
	const arm_fn_def *def = arm_fn_find(x->text);
	arm_call c = { t, x, at, NULL, 0 };
	arm_alts *args;
	size_t i, combos = 1, k;

	if (!def) {
		arm_alts_add(t->f, out, ax_placeholder(t, x, at));
		return 0;
	}
	if (def->lazy)
		return def->fn(&c, out);
	args = ARENA_ARRAY(&t->f->a, arm_alts, x->n ? x->n : 1);
	for (i = 0; i < x->n; i++) {
		arm_eval_ax(t, x->args[i], at, &args[i]);
		combos *= args[i].n ? args[i].n : 1;
		if (combos > ARM_MAX_ALTS) {
			out->over = 1;
			return 0;
		}
	}
	c.args = ARENA_ARRAY(&t->f->a, const doc_node *, x->n ? x->n : 1);
	c.n = x->n;
	for (k = 0; k < combos && !out->over; k++) {
		size_t rest = k;
		for (i = 0; i < x->n; i++) {
			c.args[i] = args[i].v[rest % args[i].n];
			rest /= args[i].n;
		}
		def->fn(&c, out);
	}
	return 0;
}

static void eval_ax(arm_tpl *t, const arm_ax *x, const doc_node *at, arm_alts *out)
{
	arm_alts base, idx;
	size_t i, j;

	switch (x->kind) {
	case AX_STR:
		arm_alts_add(t->f, out, arm_strz(t->f, at, x->text));
		break;
	case AX_NUM:
		arm_alts_add(t->f, out, arm_scalar(t->f, DOC_NUMBER, at, x->text));
		break;
	case AX_CALL:
		eval_call(t, x, at, out);
		break;
	case AX_MEMBER:
	case AX_INDEX:
		arm_eval_ax(t, x->args[0], at, &base);
		if (x->kind == AX_INDEX)
			arm_eval_ax(t, x->args[1], at, &idx);
		else
			arm_alts_one(t->f, &idx, NULL);
		for (i = 0; i < base.n && !out->over; i++)
			for (j = 0; j < idx.n && !out->over; j++)
				eval_access(t, x, base.v[i], idx.v[j], at, out);
		break;
	}
}

int arm_eval_ax(arm_tpl *t, const arm_ax *x, const doc_node *at, arm_alts *out)
{
	arm_alts_init(out);
	if (arm_step(t->f, at) == 0 && t->f->depth < ARM_MAX_DEPTH) {
		t->f->depth++;
		eval_ax(t, x, at, out);
		t->f->depth--;
	}
	if (out->over || !out->n)
		arm_alts_one(t->f, out, ax_placeholder(t, x, at));
	return 0;
}

static void normalize_ws(strbuf *sb, const char *s, size_t len)
{
	size_t i;
	int in_str = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\'')
			in_str = !in_str;
		if (!in_str && isspace((unsigned char)s[i]))
			continue;
		if (s[i] == '/')
			strbuf_addstr(sb, "%2F");       /* one segment of an id, as printed placeholders */
		else
			strbuf_addch(sb, s[i]);
	}
}

int arm_eval_string(arm_tpl *t, const doc_node *s, arm_alts *out)
{
	const char *why = NULL;
	size_t at = 0;
	arm_ax *x;

	arm_alts_init(out);
	if (!strncmp(s->str, "[[", 2)) {
		arm_alts_add(t->f, out, arm_str(t->f, s, s->str + 1, s->len - 1));
		return 0;
	}
	if (!arm_is_expr(s->str)) {
		arm_alts_add(t->f, out, s);
		return 0;
	}
	if (!(x = arm_parse(t->f, s->str + 1, s->len - 2, &why, &at))) {
		strbuf sb = STRBUF_INIT;
		/* characters counted from the opening '[' as 1 */
		diag_list_addf(t->f->ic->diags, DIAG_WARNING, s->file, s->line, s->col,
			       "cannot read the expression at character %zu: %s (the value is left as a placeholder)",
			       at + 2, why);
		normalize_ws(&sb, s->str + 1, s->len - 2);
		arm_alts_add(t->f, out, arm_placeholder(t->f, s, sb.buf));
		strbuf_release(&sb);
		return 0;
	}
	return arm_eval_ax(t, x, s, out);
}
