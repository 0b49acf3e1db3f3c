/*
 * tf_plan_doc — policy attributes of a Terraform plan, and the
 * aws_iam_policy_document data sources whose JSON Terraform knows only after
 * apply (a statement names a bucket ARN that does not exist yet).
 *
 * Such a data source is in planned_values with its statement blocks, the
 * unknown entries written null. The policy is rebuilt from the blocks, an
 * unknown entry replaced by what its expression's references name:
 *   - resources: each referenced resource's ARN, and the ARN followed by
 *     "/" and "*" (the usual `aws_s3_bucket.b.arn` and the objects under it);
 *   - principal identifiers: each referenced role's or user's ARN;
 *   - condition values: each referenced resource's ARN (or id).
 * When the references name nothing of the plan the entry becomes "*", and
 * the statement gets the condition
 *   {"StringEquals": {"terraform:KnownAfterApply": ["<references>"]}}
 * that no input settles: an Allow with it is `conditional` (the condition is
 * reported, naming the references), and a Deny with it does not remove
 * access (it is reported beside it) — sound either way. A Deny with any
 * unknown entry gets the condition too, since the replacement may be wider
 * than what will be denied.
 *
 * The rebuilt JSON is parsed with aws_policy_parse, then every statement,
 * action, principal and condition is placed at its statement block in the
 * plan (the text itself is in no file).
 */
#include "ingest/tf_plan_internal.h"
#include "ingest/aws_policy.h"
#include "base/strbuf.h"

#include <string.h>

#define MARKER_KEY "terraform:KnownAfterApply"

void tf_json_str(strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			strbuf_addf(sb, "\\%c", ch);
		else if (ch < 0x20)
			strbuf_addf(sb, "\\u%04x", ch);
		else
			strbuf_addch(sb, ch);
	}
	strbuf_addch(sb, '"');
}

/* Re-place a diagnostic of the rebuilt text at `at`, keeping its message. */
static void replace_diags(tf_plan *p, const tf_res *r, diag_list *tmp, const doc_node *at)
{
	size_t i;

	for (i = 0; i < tmp->count; i++)
		tf_diag(p, tmp->items[i].severity, r, at, "%s", tmp->items[i].msg);
}

static void relocate(policy *pol, const pg_loc *locs, size_t n_locs, pg_loc all)
{
	size_t i, j;

	pol->loc = all;
	for (i = 0; i < pol->n_stmts; i++) {
		stmt *s = &pol->stmts[i];
		pg_loc l = i < n_locs ? locs[i] : all;
		s->loc = l;
		for (j = 0; j < s->n_actions; j++)
			s->action_locs[j] = l;
		for (j = 0; j < s->n_principals; j++)
			s->principals[j].loc = l;
		for (j = 0; j < s->n_conds; j++)
			s->conds[j].loc = l;
	}
}

int tf_policy_text(tf_plan *p, const tf_res *r, const char *json, policy_kind kind, const char *name,
		   const pg_loc *locs, size_t n_locs, policy **out)
{
	doc *tmp = NULL;
	diag dg = DIAG_INIT;
	diag_list errs;
	int err;

	*out = NULL;
	diag_list_init(&errs);
	err = doc_load_buffer(&tmp, r->node->file, json, strlen(json), DOC_FMT_JSON, &dg);
	if (err < 0)
		diag_list_add(&errs, &dg);
	else
		err = aws_policy_parse(p->c->m, tmp, doc_root(tmp), kind, name, out, &errs);
	replace_diags(p, r, &errs, NULL);
	if (err < 0)
		p->err = PG_EINPUT;
	else
		relocate(*out, locs, n_locs, tf_loc(p, r));
	diag_list_release(&errs);
	diag_release(&dg);
	doc_free(tmp);
	return err < 0 ? PG_EINPUT : 0;
}

int tf_policy(tf_plan *p, const tf_res *r, const char *key, const doc_node *node, const doc_node *expr,
	      policy_kind kind, const char *name, policy **out)
{
	static const char *const T_DOC[] = { "aws_iam_policy_document", NULL };
	tf_res *src[2];

	*out = NULL;
	if (node && node->type == DOC_STRING && !*node->str)
		return 0;       /* "" : no policy */
	if (node && (node->type == DOC_STRING || node->type == DOC_OBJECT)) {
		if (aws_policy_parse(p->c->m, p->c->doc, node, kind, name, out, p->c->diags) < 0) {
			p->err = PG_EINPUT;
			return PG_EINPUT;
		}
		return 0;
	}
	if (node && node->type != DOC_NULL) {
		tf_diag(p, DIAG_ERROR, r, node, "'%s' must be a policy document (a JSON string), not %s", key,
			doc_type_phrase(node->type));
		return PG_EINPUT;
	}
	if (tf_refs(p, r, expr, T_DOC, src, 2) == 1 && src[0]->data)
		return tf_doc_policy(p, src[0], kind, name, out);
	if (expr && doc_get(expr, "references"))
		tf_diag(p, DIAG_WARNING, r, NULL, "'%s' is known only after apply: the policy is not analyzed", key);
	return 0;
}

/* --- rebuilding an aws_iam_policy_document --------------------------------------- */

typedef struct rebuild {
	tf_plan *p;
	const tf_res *src;
	strbuf *sb;
	strbuf marker;          /* references of entries nothing of the plan resolves */
	int approx;             /* some entry was replaced */
} rebuild;

/* Entries of a list attribute, unknown ones replaced (see the top). */
static void entries(rebuild *b, const doc_node *list, const doc_node *expr, int arns_with_objects)
{
	tf_res *t[TF_MAX_TARGETS];
	const doc_node *refs = expr ? doc_get(expr, "references") : NULL;
	size_t i, n = 0, k, resolved = 0;
	int first = 1, unknown = !list || list->type == DOC_NULL;

	strbuf_addch(b->sb, '[');
	for (i = 0; list && list->type == DOC_ARRAY && i < list->len; i++) {
		const doc_node *e = list->items[i];
		if (e->type == DOC_NULL) {
			unknown = 1;
			continue;
		}
		if (!doc_is_scalar(e))
			continue;       /* not a string: aws_policy_parse would refuse it anyway */
		strbuf_addstr(b->sb, first ? "" : ",");
		tf_json_str(b->sb, e->str);
		first = 0;
	}
	if (!unknown)
		goto done;
	b->approx = 1;
	n = refs ? tf_refs(b->p, b->src, expr, NULL, t, TF_MAX_TARGETS) : 0;
	for (k = 0; k < n; k++) {
		const char *id = t[k]->id ? t[k]->id : t[k]->name;
		if (!id)
			continue;
		strbuf_addstr(b->sb, first ? "" : ",");
		tf_json_str(b->sb, id);
		if (arns_with_objects) {
			strbuf_addch(b->sb, ',');
			tf_json_str(b->sb, id);
			b->sb->len--;   /* before the closing quote */
			strbuf_addstr(b->sb, "/*\"");
		}
		first = 0;
		resolved++;
	}
	if (resolved)
		goto done;
	/* nothing of the plan: everything, conditional on what apply will say */
	strbuf_addstr(b->sb, first ? "\"*\"" : ",\"*\"");
	for (k = 0; refs && refs->type == DOC_ARRAY && k < refs->len; k++)
		if (refs->items[k]->type == DOC_STRING && !strstr(b->marker.buf, refs->items[k]->str))
			strbuf_addf(&b->marker, "%s%s", b->marker.len ? ", " : "", refs->items[k]->str);
	if (!b->marker.len)
		strbuf_addstr(&b->marker, "an entry known only after apply");
done:
	strbuf_addch(b->sb, ']');
}

static const doc_node *block_expr(const doc_node *ex, const char *key)
{
	return ex && ex->type == DOC_OBJECT ? doc_get(ex, key) : NULL;
}

static const doc_node *nth(const doc_node *arr, size_t i)
{
	return arr && arr->type == DOC_ARRAY && i < arr->len ? arr->items[i] : NULL;
}

static void list_member(rebuild *b, const char *json_key, const doc_node *st, const doc_node *ex,
			const char *tf_key, int arns)
{
	const doc_node *v = doc_get(st, tf_key), *e = block_expr(ex, tf_key);

	if ((!v || v->type == DOC_NULL || (v->type == DOC_ARRAY && !v->len)) && !(e && doc_get(e, "references")))
		return;
	strbuf_addf(b->sb, ",\"%s\":", json_key);
	entries(b, v, e, arns);
}

/* Append list `more` ("[...]") to list `into`, merging them. */
static void merge_list(strbuf *into, const strbuf *more)
{
	if (into->len <= 2) {
		strbuf_reset(into);
		strbuf_add(into, more->buf, more->len);
	} else if (more->len > 2) {
		into->buf[--into->len] = '\0';
		strbuf_addch(into, ',');
		strbuf_add(into, more->buf + 1, more->len - 1);
	}
}

#define MAX_TYPES 8

/* Principal blocks, merged by type (JSON keys must be unique); type "*" is "Principal": "*". */
static void principals(rebuild *b, const char *json_key, const doc_node *st, const doc_node *ex, const char *tf_key)
{
	const doc_node *list = doc_get(st, tf_key), *elist = block_expr(ex, tf_key);
	strbuf *stmt_sb = b->sb, vals[MAX_TYPES], one = STRBUF_INIT;
	const char *types[MAX_TYPES];
	size_t i, j, n = 0;
	int star = 0;

	if (!list || list->type != DOC_ARRAY || !list->len)
		return;
	for (i = 0; i < list->len; i++) {
		const char *type = doc_get_str(list->items[i], "type");
		if (!type)
			type = "AWS";
		if (!strcmp(type, "*")) {
			star = 1;
			continue;
		}
		strbuf_reset(&one);
		b->sb = &one;
		entries(b, doc_get(list->items[i], "identifiers"), block_expr(nth(elist, i), "identifiers"), 0);
		for (j = 0; j < n && strcmp(types[j], type); j++)
			;
		if (j == n && n == MAX_TYPES)
			continue;
		if (j == n) {
			types[n] = type;
			strbuf_init(&vals[n++]);
		}
		merge_list(&vals[j], &one);
	}
	b->sb = stmt_sb;
	if (star) {
		strbuf_addf(stmt_sb, ",\"%s\":\"*\"", json_key);
	} else {
		strbuf_addf(stmt_sb, ",\"%s\":{", json_key);
		for (i = 0; i < n; i++) {
			strbuf_addstr(stmt_sb, i ? "," : "");
			tf_json_str(stmt_sb, types[i]);
			strbuf_addf(stmt_sb, ":%s", vals[i].buf);
		}
		strbuf_addch(stmt_sb, '}');
	}
	for (i = 0; i < n; i++)
		strbuf_release(&vals[i]);
	strbuf_release(&one);
}

#define MAX_CONDS 64

typedef struct cond_entry {
	const char *test, *var;
	strbuf vals;            /* a JSON list */
} cond_entry;

/*
 * The Condition object: blocks grouped by operator (JSON keys must be
 * unique; blocks with the same operator and key merge their values, as
 * AWS would OR them), then the marker (see the top).
 */
static void conditions(rebuild *b, const doc_node *st, const doc_node *ex, int deny)
{
	const doc_node *list = doc_get(st, "condition"), *elist = block_expr(ex, "condition");
	strbuf *stmt_sb = b->sb, vals = STRBUF_INIT;
	cond_entry ce[MAX_CONDS + 1];
	size_t i, j, n = 0, nl = list && list->type == DOC_ARRAY ? list->len : 0;

	for (i = 0; i < nl; i++) {
		const char *test = doc_get_str(list->items[i], "test"), *var = doc_get_str(list->items[i], "variable");
		if (!test || !var || n == MAX_CONDS) {
			strbuf_addf(&b->marker, "%scondition %zu", b->marker.len ? ", " : "", i);
			continue;
		}
		strbuf_reset(&vals);
		b->sb = &vals;
		entries(b, doc_get(list->items[i], "values"), block_expr(nth(elist, i), "values"), 0);
		for (j = 0; j < n && (strcmp(ce[j].test, test) || strcmp(ce[j].var, var)); j++)
			;
		if (j == n) {
			ce[n].test = test;
			ce[n].var = var;
			strbuf_init(&ce[n++].vals);
		}
		merge_list(&ce[j].vals, &vals);
	}
	b->sb = stmt_sb;
	if (b->approx && deny && !b->marker.len)
		strbuf_addstr(&b->marker, "entries known only after apply");
	if (b->marker.len) {
		ce[n].test = "StringEquals";
		ce[n].var = MARKER_KEY;
		strbuf_init(&ce[n].vals);
		strbuf_addch(&ce[n].vals, '[');
		tf_json_str(&ce[n].vals, b->marker.buf);
		strbuf_addch(&ce[n++].vals, ']');
	}
	if (n)
		strbuf_addstr(stmt_sb, ",\"Condition\":{");
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && strcmp(ce[j].test, ce[i].test); j++)
			;
		if (j < i)
			continue;       /* written with the first entry of its operator */
		strbuf_addstr(stmt_sb, i ? "," : "");
		tf_json_str(stmt_sb, ce[i].test);
		strbuf_addstr(stmt_sb, ":{");
		for (j = i; j < n; j++) {
			if (strcmp(ce[j].test, ce[i].test))
				continue;
			strbuf_addstr(stmt_sb, j > i ? "," : "");
			tf_json_str(stmt_sb, ce[j].var);
			strbuf_addf(stmt_sb, ":%s", ce[j].vals.buf);
		}
		strbuf_addch(stmt_sb, '}');
	}
	if (n)
		strbuf_addch(stmt_sb, '}');
	for (i = 0; i < n; i++)
		strbuf_release(&ce[i].vals);
	strbuf_release(&vals);
}

int tf_doc_policy(tf_plan *p, const tf_res *src, policy_kind kind, const char *name, policy **out)
{
	const doc_node *json = tf_val(src, "json"), *list = tf_val(src, "statement"), *elist = tf_expr(src, "statement");
	const char *version = tf_str(p, src, "version");
	strbuf sb = STRBUF_INIT;
	pg_loc locs[256];
	size_t i;
	int err;

	if (json && json->type == DOC_STRING)
		return tf_policy(p, src, "json", json, NULL, kind, name, out);
	*out = NULL;
	if (tf_val(src, "source_policy_documents") || tf_val(src, "override_policy_documents") ||
	    tf_val(src, "source_json") || tf_val(src, "override_json"))
		tf_diag(p, DIAG_WARNING, src, NULL, "source and override policy documents are not merged: only the "
			"statement blocks are analyzed");
	strbuf_addstr(&sb, "{\"Version\":");
	tf_json_str(&sb, version ? version : "2012-10-17");
	strbuf_addstr(&sb, ",\"Statement\":[");
	for (i = 0; list && list->type == DOC_ARRAY && i < list->len; i++) {
		const doc_node *st = list->items[i], *ex = nth(elist, i);
		const char *effect = doc_get_str(st, "effect"), *sid = doc_get_str(st, "sid");
		rebuild b = { p, src, &sb, STRBUF_INIT, 0 };
		if (i < 256)
			locs[i] = model_loc(p->c->m, st->file, st->line, st->col);
		strbuf_addstr(&sb, i ? ",{\"Effect\":" : "{\"Effect\":");
		tf_json_str(&sb, effect ? effect : "Allow");
		if (sid && *sid) {
			strbuf_addstr(&sb, ",\"Sid\":");
			tf_json_str(&sb, sid);
		}
		list_member(&b, "Action", st, ex, "actions", 0);
		list_member(&b, "NotAction", st, ex, "not_actions", 0);
		list_member(&b, "Resource", st, ex, "resources", 1);
		list_member(&b, "NotResource", st, ex, "not_resources", 1);
		principals(&b, "Principal", st, ex, "principals");
		principals(&b, "NotPrincipal", st, ex, "not_principals");
		conditions(&b, st, ex, effect && !strcmp(effect, "Deny"));
		strbuf_addch(&sb, '}');
		strbuf_release(&b.marker);
	}
	strbuf_addstr(&sb, "]}");
	err = tf_policy_text(p, src, sb.buf, kind, name, locs, i < 256 ? i : 256, out);
	strbuf_release(&sb);
	return err;
}
