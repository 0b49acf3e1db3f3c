/*
 * arm_roles — Microsoft.Authorization/roleDefinitions resources of a template,
 * read by az_read_role (as azure-role-definitions reads them) after making
 * what is not known sound: a placeholder in actions or dataActions may be
 * anything (a '*' in its place; a whole list not known is ["*"]), in
 * notActions or notDataActions it excludes nothing (dropped); an assignable
 * scope not known is the deployment's (assignable scopes limit where a role
 * can be assigned, never what it grants).
 */
#include "ingest/arm_internal.h"
#include "ingest/az_rbac.h"

#include <string.h>
#include <strings.h>

/* Placeholders in patterns: in actions they may be anything (a '*' in their place), in
 * notActions they are dropped (they might exclude nothing): either way no access is hidden. */
static const doc_node *sound_patterns(arm_file *f, const doc_node *arr, int grants)
{
	doc_node *out;
	size_t i;

	if (!arr || arr->type == DOC_NULL)
		return arr;
	if (arr->type != DOC_ARRAY) {
		if (!arm_is_sym(arr))
			return arr;     /* the role reader says what is wrong */
		out = arm_container(f, DOC_ARRAY, arr, 1);
		if (grants)
			arm_push(f, out, NULL, arm_strz(f, arr, "*"));
		return out;
	}
	out = arm_container(f, DOC_ARRAY, arr, arr->len);
	for (i = 0; i < arr->len; i++) {
		const doc_node *e = arr->items[i];
		if (e->type == DOC_STRING && strchr(e->str, '{') && arm_any_sym(f, e)) {
			strbuf sb = STRBUF_INIT;
			const char *p;
			size_t depth = 0;
			if (!grants)
				continue;
			for (p = e->str; *p; p++) {
				if (*p == '{' && !depth++)
					strbuf_addch(&sb, '*');
				else if (*p == '}' && depth)
					depth--;
				else if (!depth)
					strbuf_addch(&sb, *p);
			}
			e = arm_strz(f, e, sb.buf);
			strbuf_release(&sb);
		}
		arm_push(f, out, NULL, e);
	}
	return out;
}

static const doc_node *sound_block(arm_file *f, const doc_node *b)
{
	static const char *const keys[] = { "actions", "notActions", "dataActions", "notDataActions" };
	doc_node *out;
	size_t i, k;

	if (b->type != DOC_OBJECT)
		return b;
	out = arm_container(f, DOC_OBJECT, b, b->len);
	for (i = 0; i < b->len; i++) {
		const doc_node *v = b->items[i];
		for (k = 0; k < 4; k++)
			if (!strcasecmp(b->keys[i]->str, keys[k]))
				v = sound_patterns(f, v, k % 2 == 0);
		arm_push(f, out, b->keys[i]->str, v);
		out->keys[out->len - 1] = b->keys[i];
	}
	return out;
}

/* properties with sound permission patterns and assignable scopes that are scopes. */
static const doc_node *sound_role(arm_file *f, arm_res *r, const doc_node *props)
{
	doc_node *out;
	size_t i, k;

	if (props->type != DOC_OBJECT)
		return props;
	out = arm_container(f, DOC_OBJECT, props, props->len);
	for (i = 0; i < props->len; i++) {
		const doc_node *v = props->items[i];
		const char *key = props->keys[i]->str;
		if (!strcasecmp(key, "permissions") && v->type == DOC_ARRAY) {
			doc_node *blocks = arm_container(f, DOC_ARRAY, v, v->len);
			for (k = 0; k < v->len; k++)
				arm_push(f, blocks, NULL, sound_block(f, v->items[k]));
			v = blocks;
		} else if (!strcasecmp(key, "assignableScopes") && v->type == DOC_ARRAY) {
			doc_node *scopes = arm_container(f, DOC_ARRAY, v, v->len);
			for (k = 0; k < v->len; k++) {
				const doc_node *e = v->items[k];
				const char *id = e->type == DOC_STRING ? arm_scope_id(r->tpl, e->str) : NULL;
				/* assignable scopes limit where the role can be assigned, never what it grants */
				if (e->type == DOC_STRING && arm_is_sym(e) && !id)
					id = *r->scope ? r->scope : "/";
				arm_push(f, scopes, NULL, id ? arm_strz(f, e, id) : e);
			}
			v = scopes;
		}
		arm_push(f, out, key, v);
		out->keys[out->len - 1] = props->keys[i];
	}
	return out;
}

void arm_role_definition(arm_file *f, arm_res *r)
{
	const doc_node *pn = doc_get(r->node, "properties");
	arm_alts props;
	az_role *role;
	size_t i;

	if (!pn) {
		diag_list_addf(f->ic->diags, DIAG_ERROR, r->node->file, r->node->line, r->node->col,
			       "role definition '%s' has no 'properties'", r->name);
		f->err = PG_EINPUT;
		return;
	}
	arm_eval_deep(r->tpl, pn, &props);
	for (i = 0; i < props.n; i++) {
		doc_node *rec = arm_container(f, DOC_OBJECT, r->node, 3);
		arm_push(f, rec, "name", arm_strz(f, doc_get(r->node, "name"), r->name));
		arm_push(f, rec, "type", arm_strz(f, doc_get(r->node, "type"), r->type));
		arm_push(f, rec, "properties", sound_role(f, r, props.v[i]));
		if (az_read_role(f->ic, rec, &role) < 0)
			f->err = PG_EINPUT;
	}
}
