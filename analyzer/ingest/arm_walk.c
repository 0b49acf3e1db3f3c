/*
 * arm_walk — the walk over what a template declares: resources (a list, or the
 * languageVersion 2.0 object of symbolic names), child resources, copy loops,
 * "condition", explicit and old-style extension scopes; each instance becomes
 * an arm_res with its full type, name, scope and id. Nested deployments are
 * handed to arm.c.
 */
#include "ingest/arm_internal.h"
#include "base/strci.h"
#include "base/xalloc.h"
#include "eval/azure_id.h"

#include <string.h>
#include <strings.h>

#define MG_TYPE "Microsoft.Management/managementGroups/"
#define DEPLOYMENTS "Microsoft.Resources/deployments"

const char *arm_scope_id(arm_tpl *t, const char *v)
{
	strbuf sb = STRBUF_INIT;
	azure_id parsed;
	char *r;

	if (!strcmp(v, "/"))
		return "/";
	if (v[0] == '/')
		return azure_id_parse(v, &parsed) == 0 ? v : NULL;
	if (!strncasecmp(v, MG_TYPE, strlen(MG_TYPE)))
		strbuf_addf(&sb, "/providers/%s", v);
	else if (!strncasecmp(v, "subscriptions/", 14))
		strbuf_addf(&sb, "/%s", v);
	else if (strchr(v, '/'))
		strbuf_addf(&sb, "%s/providers/%s", arm_target_prefix(t->f, &t->target), v);
	else
		return NULL;
	r = azure_id_parse(sb.buf, &parsed) == 0 ? arena_strndup(&t->f->a, sb.buf, sb.len) : NULL;
	strbuf_release(&sb);
	return r;
}

/* --- one declared resource ----------------------------------------------------------------- */

typedef struct decl {
	const doc_node *node;
	const char *symbol;
	const arm_res *parent;
} decl;

/*
 * The scopes an explicit "scope" property may name (each alternative); the
 * count, 0 after an error. When it is not known: in a resource-group or
 * subscription deployment an extension resource's scope is within the
 * deployment's, so the deployment's scope holds every case; from a management
 * group or the tenant it may be anywhere, so the root.
 */
static size_t explicit_scopes(arm_tpl *t, const doc_node *node, const char *dflt, const char **out)
{
	const doc_node *sn = doc_get(node, "scope");
	const char *id, *wide;
	arm_alts a;
	size_t i, n = 0;
	int unknown = 0;

	out[0] = dflt;
	if (!sn)
		return 1;
	arm_eval_deep(t, sn, &a);
	for (i = 0; i < a.n; i++) {
		const doc_node *v = a.v[i];
		if (v->type == DOC_STRING && (id = arm_scope_id(t, v->str)))
			out[n++] = id;
		else if (v->type == DOC_STRING && !arm_is_sym(v))
			arm_error(t->f, sn, "'scope' '%s' is not a scope or resource id", v->str);
		else
			unknown = 1;
	}
	if (unknown) {
		wide = t->target.level >= ARM_AT_SUB ? arm_target_prefix(t->f, &t->target) : "";
		diag_list_addf(t->f->ic->diags, DIAG_WARNING, sn->file, sn->line, sn->col,
			       "'scope' %s is not known: read at '%s' (the widest scope it can name)",
			       a.v[0]->type == DOC_STRING ? a.v[0]->str : "(not a string)", *wide ? wide : "/");
		out[n++] = wide;
	}
	return n;
}

/* Old-style extension resources: type "NS/t/providers/roleAssignments", name "n/NS2/x". */
static int split_extension(arm_res *r, arm_file *f)
{
	const char *cut = strci_str(r->type, "/providers/"), *ext = cut ? cut + 11 : NULL, *p, *base_path;
	size_t k = 0, i;
	strbuf names = STRBUF_INIT, sb = STRBUF_INIT;
	char *left;

	if (!cut)
		return 0;
	left = arena_strndup(&f->a, r->type, (size_t)(cut - r->type));
	for (p = strchr(left, '/'); p; p = strchr(p + 1, '/'))
		k++;
	for (p = r->name, i = 0; *p && i < k; p++)
		if (*p == '/' && ++i == k)
			break;
	if (i < k || !*p)
		return -1;
	strbuf_add(&names, r->name, (size_t)(p - r->name));
	base_path = arm_type_path(f, left, names.buf);
	p++;
	if (!strchr(ext, '.')) {
		/* the extension's namespace is the next name segment */
		const char *ns_end = strchr(p, '/');
		if (!ns_end) {
			strbuf_release(&names);
			return -1;
		}
		strbuf_add(&sb, p, (size_t)(ns_end - p));
		strbuf_addf(&sb, "/%s", ext);
		p = ns_end + 1;
	} else {
		strbuf_addstr(&sb, ext);
	}
	r->type = arena_strndup(&f->a, sb.buf, sb.len);
	r->name = arena_strdup(&f->a, p);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s/providers/%s", r->scope, base_path ? base_path : "");
	r->scope = arena_strndup(&f->a, sb.buf, sb.len);
	strbuf_release(&sb);
	strbuf_release(&names);
	return base_path ? 0 : -1;
}

static void add_one(arm_tpl *t, const decl *d, const char *type, const char *name, const char *scope)
{
	arm_file *f = t->f;
	arm_res *r;
	const doc_node *ex = doc_get(d->node, "existing"), *idn = doc_get(d->node, "identity"), *tn;
	strbuf sb = STRBUF_INIT;
	const char *path;

	if (f->n_res >= ARM_MAX_RES) {
		if (!f->res_warned++)
			diag_list_addf(f->ic->diags, DIAG_WARNING, d->node->file, d->node->line, d->node->col,
				       "more than %d resource instances: the rest are not read", ARM_MAX_RES);
		return;
	}
	r = ARENA_NEW(&f->a, arm_res);
	r->node = d->node;
	r->tpl = t;
	r->symbol = d->symbol;
	memcpy(r->loops, t->loops, sizeof(t->loops));
	r->n_loops = t->n_loops;
	r->existing = ex && ex->type == DOC_BOOL && !strcmp(ex->str, "true");
	r->type = type;
	r->name = name;
	r->scope = scope;
	if (split_extension(r, f) < 0) {
		arm_error(f, doc_get(d->node, "name"), "resource name '%s' does not fit extension type '%s'", name, type);
		return;
	}
	if (!(path = arm_type_path(f, r->type, r->name))) {
		arm_error(f, doc_get(d->node, "name"), "resource name '%s' does not fit type '%s' (one name segment per "
			  "type segment after the namespace)", r->name, r->type);
		return;
	}
	strbuf_addf(&sb, "%s/providers/%s", strcmp(r->scope, "/") ? r->scope : "", path);
	r->id = arena_strndup(&f->a, sb.buf, sb.len);
	strbuf_release(&sb);
	tn = idn && idn->type == DOC_OBJECT ? doc_get(idn, "type") : NULL;
	if (tn) {
		const char *it = arm_one_str(t, tn, NULL);
		r->system_identity = it && strci_str(it, "SystemAssigned") != NULL;
	}
	XGROW(f->res, f->cap_res, f->n_res + 1);
	f->res[f->n_res++] = r;
	if (!r->existing && !strcasecmp(r->type, DEPLOYMENTS))
		arm_nested(t, r);
	if (doc_get(d->node, "resources"))
		arm_walk(t, doc_get(d->node, "resources"), r);
}

/* One instance per scope the resource may be at. */
static void add_instance(arm_tpl *t, const decl *d, const char *type, const char *name)
{
	arm_file *f = t->f;
	const char *scopes[ARM_MAX_ALTS + 1];
	strbuf sb = STRBUF_INIT;
	size_t n, i;

	if (d->parent && !(strchr(type, '/') && strchr(type, '.') && strchr(type, '.') < strchr(type, '/'))) {
		/* a child: its full type and name continue its parent's */
		strbuf_addf(&sb, "%s/%s", d->parent->type, type);
		type = arena_strndup(&f->a, sb.buf, sb.len);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s/%s", d->parent->name, name);
		name = arena_strndup(&f->a, sb.buf, sb.len);
	}
	strbuf_release(&sb);
	n = explicit_scopes(t, d->node, d->parent ? d->parent->scope : arm_target_prefix(f, &t->target), scopes);
	for (i = 0; i < n; i++)
		add_one(t, d, type, name, scopes[i]);
}

static void instance(arm_tpl *t, const decl *d)
{
	const doc_node *cn = doc_get(d->node, "condition"), *tn = doc_get(d->node, "type"),
		       *nn = doc_get(d->node, "name");
	arm_alts c, types, names;
	size_t i, j;
	int maybe = !cn;

	if (cn) {
		arm_eval_deep(t, cn, &c);
		for (i = 0; i < c.n; i++)
			maybe |= arm_truth(c.v[i]) != 0;
		if (!maybe)
			return;         /* "condition": false — not deployed */
	}
	if (!tn || tn->type != DOC_STRING) {
		arm_error(t->f, tn ? tn : d->node, "a resource needs 'type' (a string)");
		return;
	}
	if (!nn) {
		arm_error(t->f, d->node, "resource of type '%s' has no 'name'", tn->str);
		return;
	}
	arm_eval_deep(t, tn, &types);
	arm_eval_deep(t, nn, &names);
	for (i = 0; i < types.n; i++)
		for (j = 0; j < names.n; j++) {
			if (types.v[i]->type != DOC_STRING || arm_is_sym(types.v[i]) || names.v[j]->type != DOC_STRING) {
				diag_list_addf(t->f->ic->diags, DIAG_WARNING, nn->file, nn->line, nn->col,
					       "resource type or name is not a string: not read");
				continue;
			}
			add_instance(t, d, types.v[i]->str, names.v[j]->str);
		}
}

static void declared(arm_tpl *t, const decl *d)
{
	const doc_node *copy = doc_get(d->node, "copy"), *count;
	arm_alts ca;
	long long n = 0, v;
	size_t i;
	int unknown = 0;

	if (d->node->type != DOC_OBJECT) {
		az_type_error(t->f->ic, d->node, &t->f->err, "each resource must be an object");
		return;
	}
	if (!copy || copy->type != DOC_OBJECT || !(count = doc_get(copy, "count")) || t->n_loops == ARM_MAX_LOOPS) {
		instance(t, d);
		return;
	}
	arm_eval_deep(t, count, &ca);
	/* the largest count that may hold makes every instance any of them makes;
	 * a count not known (-1): one instance stands for all, its copyIndex() a placeholder */
	for (i = 0; i < ca.n && !unknown; i++) {
		if (!arm_int(ca.v[i], &v))
			unknown = 1;
		else if (v > n)
			n = v;
	}
	if (unknown)
		n = -1;
	if (n > ARM_MAX_COPY) {
		diag_list_addf(t->f->ic->diags, DIAG_WARNING, count->file, count->line, count->col,
			       "copy count %lld: only the first %d instances are read", n, ARM_MAX_COPY);
		n = ARM_MAX_COPY;
	}
	t->loops[t->n_loops].name = arm_one_str(t, doc_get(copy, "name"), NULL);
	for (v = 0; v < (n < 0 ? 1 : n) && arm_step(t->f, count) == 0; v++) {
		t->loops[t->n_loops].index = n < 0 ? arm_placeholder(t->f, count, "copyIndex()") : arm_num(t->f, count, v);
		t->n_loops++;
		instance(t, d);
		t->n_loops--;
	}
}

void arm_walk(arm_tpl *t, const doc_node *resources, const arm_res *parent)
{
	decl d;
	size_t i;

	if (resources->type != DOC_ARRAY && resources->type != DOC_OBJECT) {
		az_type_error(t->f->ic, resources, &t->f->err, "'resources' must be a list (or, languageVersion 2.0, an object)");
		return;
	}
	for (i = 0; i < resources->len; i++) {
		d.node = resources->items[i];
		d.symbol = resources->type == DOC_OBJECT ? resources->keys[i]->str : NULL;
		d.parent = parent;
		declared(t, &d);
	}
}
