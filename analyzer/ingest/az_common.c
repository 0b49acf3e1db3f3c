/* az_common — record shapes and typed field access for the Azure readers. */
#include "ingest/az_common.h"
#include "base/strbuf.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

const doc_node *az_body(const doc_node *root)
{
	const doc_node *r, *ok, *body;

	if (!root)
		return NULL;
	/* azure-rest-api-specs example files */
	if (root->type == DOC_OBJECT && doc_get(root, "parameters") && (r = doc_get(root, "responses")) &&
	    ((ok = doc_get(r, "200")) || (ok = doc_get(r, "201"))) && (body = doc_get(ok, "body")))
		root = body;
	if (root->type == DOC_OBJECT && (r = doc_get(root, "value")) && r->type == DOC_ARRAY)
		return r;
	return root->type == DOC_ARRAY || root->type == DOC_OBJECT ? root : NULL;
}

int az_records(const doc_node *root, doc_node *const **items, size_t *n, const doc_node **single)
{
	const doc_node *b = az_body(root);

	*items = NULL;
	*n = 0;
	*single = NULL;
	if (!b)
		return -1;
	if (b->type == DOC_ARRAY) {
		*items = b->items;
		*n = b->len;
	} else {
		*single = b;
		*items = (doc_node *const *)single;
		*n = 1;
	}
	return 0;
}

const doc_node *az_first_record(const doc_node *root)
{
	const doc_node *b = az_body(root);

	if (!b)
		return NULL;
	if (b->type == DOC_OBJECT)
		return b;
	return b->len && b->items[0]->type == DOC_OBJECT ? b->items[0] : NULL;
}

const doc_node *az_field(const doc_node *rec, const char *key)
{
	const doc_node *props = doc_get(rec, "properties"), *n = NULL;

	if (props && props->type == DOC_OBJECT)
		n = doc_get(props, key) ? doc_get(props, key) : doc_get_ci(props, key);
	if (!n)
		n = doc_get(rec, key) ? doc_get(rec, key) : doc_get_ci(rec, key);
	return n;
}

const char *az_node_str(ingest_ctx *c, const doc_node *n, const char *key, int *err)
{
	if (!n || n->type == DOC_NULL)
		return NULL;
	if (n->type == DOC_STRING)
		return n->str;
	az_type_error(c, n, err, "'%s' must be a string", key);
	return NULL;
}

const char *az_str(ingest_ctx *c, const doc_node *rec, const char *key, int *err)
{
	return az_node_str(c, az_field(rec, key), key, err);
}

const char *az_top_str(ingest_ctx *c, const doc_node *rec, const char *key, int *err)
{
	return az_node_str(c, doc_get(rec, key), key, err);
}

int az_type_error(ingest_ctx *c, const doc_node *n, int *err, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "%s, not %s", sb.buf, doc_type_phrase(n->type));
	strbuf_release(&sb);
	if (err)
		*err = PG_EINPUT;
	return PG_EINPUT;
}

pg_loc az_loc(ingest_ctx *c, const doc_node *n)
{
	return model_loc(c->m, n->file, n->line, n->col);
}

void az_str_array(ingest_ctx *c, const doc_node *arr, const char *what, const char ***out, pg_loc **locs,
		  size_t *n, int *err)
{
	size_t i, k = 0;
	arena *ar = model_arena(c->m);

	*out = NULL;
	*n = 0;
	if (locs)
		*locs = NULL;
	if (!arr || arr->type == DOC_NULL)
		return;
	if (arr->type != DOC_ARRAY) {
		az_type_error(c, arr, err, "'%s' must be a list", what);
		return;
	}
	*out = ARENA_ARRAY(ar, const char *, arr->len ? arr->len : 1);
	if (locs)
		*locs = ARENA_ARRAY(ar, pg_loc, arr->len ? arr->len : 1);
	for (i = 0; i < arr->len; i++) {
		const doc_node *e = arr->items[i];
		if (e->type != DOC_STRING) {
			az_type_error(c, e, err, "each entry of '%s' must be a string", what);
			continue;
		}
		if (locs)
			(*locs)[k] = az_loc(c, e);
		(*out)[k++] = model_intern(c->m, e->str);
	}
	*n = k;
}

int az_is_guid(const char *s)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	size_t g, i;

	if (!s)
		return 0;
	for (g = 0; g < 5; g++) {
		for (i = 0; i < (size_t)groups[g]; i++, s++)
			if (!isxdigit((unsigned char)*s))
				return 0;
		if (g < 4 && *s++ != '-')
			return 0;
	}
	return *s == '\0';
}

int az_guid_check(ingest_ctx *c, const doc_node *n, const char *key, int *err)
{
	int named = n->type == DOC_STRING;

	if (named && az_is_guid(n->str))
		return 1;
	diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "'%s' must be an object id (a GUID)%s%s%s", key,
		       named ? ", not '" : "", named ? n->str : "", named ? "'" : "");
	*err = PG_EINPUT;
	return 0;
}

int az_is_template(const doc_node *root)
{
	return root && root->type == DOC_OBJECT && doc_get(root, "$schema") && doc_get(root, "resources");
}

const doc_node *az_detect_record(const doc_node *root)
{
	return az_is_template(root) ? NULL : az_first_record(root);
}
