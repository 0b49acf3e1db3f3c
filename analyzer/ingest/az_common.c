/* az_common — record shapes and typed field access for the Azure readers. */
#include "ingest/az_common.h"

#include <ctype.h>
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

const char *az_str(ingest_ctx *c, const doc_node *rec, const char *key, int *err)
{
	const doc_node *n = az_field(rec, key);

	if (!n || n->type == DOC_NULL)
		return NULL;
	if (n->type == DOC_STRING)
		return n->str;
	diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "'%s' must be a string, not %s", key,
		       doc_type_phrase(n->type));
	*err = PG_EINPUT;
	return NULL;
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
		diag_list_addf(c->diags, DIAG_ERROR, arr->file, arr->line, arr->col, "'%s' must be a list, not %s",
			       what, doc_type_phrase(arr->type));
		*err = PG_EINPUT;
		return;
	}
	*out = ARENA_ARRAY(ar, const char *, arr->len ? arr->len : 1);
	if (locs)
		*locs = ARENA_ARRAY(ar, pg_loc, arr->len ? arr->len : 1);
	for (i = 0; i < arr->len; i++) {
		const doc_node *e = arr->items[i];
		if (e->type != DOC_STRING) {
			diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col,
				       "each entry of '%s' must be a string, not %s", what,
				       doc_type_phrase(e->type));
			*err = PG_EINPUT;
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
