/*
 * tf_plan_refs — attribute access and configuration references for the
 * terraform-plan reader (see tf_plan_internal.h).
 *
 * In planned_values an attribute known only after apply is left out (or,
 * inside a list, written null) and after_unknown marks it true; its
 * configuration expression lists the references it is computed from
 * ("aws_iam_role.x.name", "aws_iam_role.x", "var.n"). References are relative
 * to the module instance the resource is in.
 */
#include "ingest/tf_plan_internal.h"
#include "base/strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

int tf_unknown(const tf_res *r, const char *key)
{
	const doc_node *u = r->unknown ? doc_get(r->unknown, key) : NULL;

	return u && u->type == DOC_BOOL && !strcmp(u->str, "true");
}

int tf_unknown_at(const tf_res *r, const char *key, size_t i)
{
	const doc_node *u = r->unknown ? doc_get(r->unknown, key) : NULL;

	if (u && u->type == DOC_BOOL)
		return !strcmp(u->str, "true");
	return u && u->type == DOC_ARRAY && i < u->len && u->items[i]->type == DOC_BOOL &&
	       !strcmp(u->items[i]->str, "true");
}

const doc_node *tf_val(const tf_res *r, const char *key)
{
	const doc_node *n = r->values ? doc_get(r->values, key) : NULL;

	return n && n->type != DOC_NULL && !tf_unknown(r, key) ? n : NULL;
}

void tf_diag(tf_plan *p, diag_severity sev, const tf_res *r, const doc_node *n, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	if (!n)
		n = r->node;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_list_addf(p->c->diags, sev, n->file, n->line, n->col, "%s (in '%s')", sb.buf, r->address);
	strbuf_release(&sb);
	if (sev == DIAG_ERROR)
		p->err = PG_EINPUT;
}

pg_loc tf_loc(tf_plan *p, const tf_res *r)
{
	return model_loc(p->c->m, r->node->file, r->node->line, r->node->col);
}

const char *tf_node_str(tf_plan *p, const tf_res *r, const doc_node *n, const char *what)
{
	if (!n || n->type == DOC_NULL)
		return NULL;
	if (n->type == DOC_STRING)
		return n->str;
	tf_diag(p, DIAG_ERROR, r, n, "'%s' must be a string, not %s", what, doc_type_phrase(n->type));
	return NULL;
}

const char *tf_sval(const tf_res *r, const char *key)
{
	const doc_node *n = tf_val(r, key);

	return n && n->type == DOC_STRING ? n->str : NULL;
}

const char *tf_str(tf_plan *p, const tf_res *r, const char *key)
{
	return tf_node_str(p, r, tf_val(r, key), key);
}

const doc_node *tf_list(tf_plan *p, const tf_res *r, const char *key)
{
	const doc_node *n = tf_val(r, key);

	if (!n || n->type == DOC_ARRAY)
		return n;
	tf_diag(p, DIAG_ERROR, r, n, "'%s' must be a list, not %s", key, doc_type_phrase(n->type));
	return NULL;
}

/* --- references ---------------------------------------------------------------- */

const doc_node *tf_expr(const tf_res *r, const char *key)
{
	return r->expr ? doc_get(r->expr, key) : NULL;
}

const doc_node *tf_block_expr(const tf_res *r, const char *block, size_t i, const char *key)
{
	const doc_node *b = tf_expr(r, block);

	if (b && b->type == DOC_ARRAY && i < b->len)
		return doc_get(b->items[i], key);
	return b && b->type == DOC_OBJECT ? doc_get(b, key) : NULL;
}

static int type_in(const char *type, const char *const *types)
{
	if (!types)
		return 1;
	for (; *types; types++)
		if (!strcmp(*types, type))
			return 1;
	return 0;
}

/* Add t to out[0..*n) unless there already or full (*n never exceeds max). */
static void push(tf_res **out, size_t *n, size_t max, tf_res *t)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (out[i] == t)
			return;
	if (*n < max)
		out[(*n)++] = t;
}

/* One reference: "[data.]TYPE.NAME[KEY][.ATTR...]"; other roots (var, local, module...) name no resource. */
static void one_ref(tf_plan *p, const tf_res *r, const char *ref, const char *const *types, tf_res **out,
		    size_t *n, size_t max)
{
	static const char *const roots[] = { "var.", "local.", "module.", "each.", "count.", "path.", "self.",
					     "terraform.", NULL };
	const char *s = ref, *dot, *end;
	strbuf sb = STRBUF_INIT;
	const char *key;
	size_t i, idx;

	for (i = 0; roots[i]; i++)
		if (!strncmp(ref, roots[i], strlen(roots[i])))
			return;
	if (!strncmp(s, "data.", 5))
		s += 5;
	dot = strchr(s, '.');
	if (!dot)
		return;
	end = dot + 1 + strcspn(dot + 1, ".[");
	strbuf_addf(&sb, "%s|%.*s", r->module, (int)(end - ref), ref);
	key = model_intern_find(p->c->m, sb.buf);
	idx = key ? (size_t)(uintptr_t)ptrmap_get(&p->inst, key) : 0;
	if (*end == '[') {
		/* one instance: match its full address */
		const char *close = strchr(end, ']');
		strbuf_reset(&sb);
		if (close)
			strbuf_addf(&sb, "%s%s%.*s", r->module, *r->module ? "." : "", (int)(close + 1 - ref), ref);
		key = close ? model_intern_find(p->c->m, sb.buf) : NULL;
		idx = key ? (size_t)(uintptr_t)ptrmap_get(&p->by_addr, key) : 0;
		if (idx && !p->res[idx - 1].gone && type_in(p->res[idx - 1].type, types))
			push(out, n, max, &p->res[idx - 1]);
		strbuf_release(&sb);
		return;
	}
	strbuf_release(&sb);
	for (; idx; idx = p->res[idx - 1].same_next)
		if (!p->res[idx - 1].gone && type_in(p->res[idx - 1].type, types))
			push(out, n, max, &p->res[idx - 1]);
}

/* Length of "[data.]TYPE.NAME" at the start of a reference, 0 when it has no such form. */
static size_t base_len(const char *ref)
{
	const char *s = !strncmp(ref, "data.", 5) ? ref + 5 : ref, *dot = strchr(s, '.');

	return dot ? (size_t)(dot + 1 + strcspn(dot + 1, ".[") - ref) : 0;
}

/* Terraform lists every prefix of a traversal: aws_iam_role.r[1].name comes with
 * aws_iam_role.r[1] and aws_iam_role.r; the bare one must not add the other instances. */
static int indexed_elsewhere(const doc_node *refs, const char *ref)
{
	size_t n = base_len(ref), i;

	if (!n || ref[n])
		return 0;
	for (i = 0; i < refs->len; i++) {
		const char *o = refs->items[i]->type == DOC_STRING ? refs->items[i]->str : NULL;
		if (o && !strncmp(o, ref, n) && o[n] == '[')
			return 1;
	}
	return 0;
}

size_t tf_refs(tf_plan *p, const tf_res *r, const doc_node *expr, const char *const *types, tf_res **out,
	       size_t max)
{
	const doc_node *refs = expr ? doc_get(expr, "references") : NULL;
	size_t i, n = 0;

	for (i = 0; refs && refs->type == DOC_ARRAY && i < refs->len; i++)
		if (refs->items[i]->type == DOC_STRING && !indexed_elsewhere(refs, refs->items[i]->str))
			one_ref(p, r, refs->items[i]->str, types, out, &n, max);
	return n;
}

/*
 * Does a known ARN name the plan resource whose derived ARN is `mine`? Equal,
 * or equal but for the region and account segments `mine` leaves empty
 * (unknown to the plan): a topic policy's `arn` names the plan's topic.
 */
static int same_arn(const char *mine, const char *known)
{
	int seg = 0;

	if (strncmp(mine, "arn:", 4) || strncmp(known, "arn:", 4))
		return 0;
	while (*mine && *known) {
		if ((seg == 3 || seg == 4) && mine[-1] == ':' && *mine == ':' && *known != ':') {
			known = strchr(known, ':');     /* an empty segment of ours matches theirs */
			if (!known)
				return 0;
			continue;
		}
		if (*mine != *known)
			return 0;
		seg += *mine == ':';
		mine++;
		known++;
	}
	return !*mine && !*known;
}

tf_res *tf_find(tf_plan *p, const char *const *types, const char *s)
{
	size_t i;

	for (i = 0; s && i < p->n; i++) {
		tf_res *t = &p->res[i];
		if (!t->gone && type_in(t->type, types) &&
		    ((t->id && (!strcmp(t->id, s) || same_arn(t->id, s))) || (t->name && !strcmp(t->name, s))))
			return t;
	}
	return NULL;
}

static void add_known(tf_plan *p, const char *const *types, const doc_node *v, tf_targets *out)
{
	tf_res *t = tf_find(p, types, v->str);

	if (t) {
		push(out->res, &out->n_res, TF_MAX_TARGETS, t);
	} else if (out->n_known < TF_MAX_TARGETS) {
		out->known_at[out->n_known] = v;
		out->known[out->n_known++] = v->str;
	}
}

void tf_collect_node(tf_plan *p, const tf_res *r, const doc_node *n, const doc_node *expr, const char *what,
		     const char *const *types, tf_targets *out)
{
	int unknown = !n || n->type == DOC_NULL;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (n && n->type == DOC_STRING) {
		add_known(p, types, n, out);
	} else if (n && n->type == DOC_ARRAY) {
		for (i = 0; i < n->len; i++) {
			const doc_node *e = n->items[i];
			if (e->type == DOC_STRING)
				add_known(p, types, e, out);
			else if (e->type == DOC_NULL)
				unknown = 1;
			else
				tf_diag(p, DIAG_ERROR, r, e, "each entry of '%s' must be a string, not %s", what,
					doc_type_phrase(e->type));
		}
	} else if (n && n->type != DOC_NULL) {
		tf_diag(p, DIAG_ERROR, r, n, "'%s' must be a string or a list of strings, not %s", what,
			doc_type_phrase(n->type));
		return;
	}
	if (!unknown || !expr || !doc_get(expr, "references"))
		return;
	{
		size_t before = out->n_res, k = tf_refs(p, r, expr, types, out->res + out->n_res,
							 TF_MAX_TARGETS - out->n_res);
		/* a list with known and unknown entries: the references may name the known ones again */
		size_t j, m = before;
		for (i = before; i < before + k && i < TF_MAX_TARGETS; i++) {
			for (j = 0; j < before && out->res[j] != out->res[i]; j++)
				;
			if (j == before)
				out->res[m++] = out->res[i];
		}
		out->n_res = m;
		out->unresolved = k == 0;
	}
}

void tf_collect(tf_plan *p, const tf_res *r, const char *key, const char *const *types, tf_targets *out)
{
	const doc_node *n = r->values ? doc_get(r->values, key) : NULL;

	if (n && tf_unknown(r, key))
		n = NULL;
	tf_collect_node(p, r, n, tf_expr(r, key), key, types, out);
}

/* --- tags ----------------------------------------------------------------------- */

static void tag_object(tf_plan *p, const tf_res *r, const doc_node *t, tag **tags, size_t *n)
{
	size_t i;

	if (t->type != DOC_OBJECT) {
		tf_diag(p, DIAG_ERROR, r, t, "'tags' must be an object, not %s", doc_type_phrase(t->type));
		return;
	}
	for (i = 0; i < t->len; i++)
		if (t->items[i]->type == DOC_STRING)
			model_add_tag(p->c->m, tags, n, t->keys[i]->str, t->items[i]->str);
}

int tf_tags(tf_plan *p, const tf_res *r, tag **tags, size_t *n)
{
	const doc_node *all = tf_val(r, "tags_all"), *own = tf_val(r, "tags");

	if (all) {
		tag_object(p, r, all, tags, n);
		return 1;
	}
	if (tf_unknown(r, "tags"))
		return 0;
	/* tags_all is tags over the provider's default_tags */
	if (p->default_tags && !strncmp(r->type, "aws_", 4))
		tag_object(p, r, p->default_tags, tags, n);
	if (own)
		tag_object(p, r, own, tags, n);
	return 1;
}

/* --- names ---------------------------------------------------------------------- */

const char *tf_placeholder(tf_plan *p, const tf_res *r)
{
	strbuf sb = STRBUF_INIT;
	const char *s;

	strbuf_addf(&sb, "<%s>", r->address);
	s = model_intern(p->c->m, sb.buf);
	strbuf_release(&sb);
	return s;
}

const char *tf_arn(tf_plan *p, const char *service, int flags, const char *rest)
{
	strbuf sb = STRBUF_INIT;
	const char *s;

	strbuf_addf(&sb, "arn:%s:%s:%s:%s:%s", p->partition, service,
		    (flags & TF_ARN_REGION) && p->region ? p->region : "",
		    (flags & TF_ARN_ACCOUNT) && p->account ? p->account : "", rest);
	s = model_intern(p->c->m, sb.buf);
	strbuf_release(&sb);
	return s;
}
