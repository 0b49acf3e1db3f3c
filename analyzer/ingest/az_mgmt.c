/* az_mgmt — the management-group hierarchy reader (see az_mgmt.h for the shapes). */
#include "ingest/az_mgmt.h"
#include "ingest/az_common.h"
#include "base/strbuf.h"

#include <string.h>
#include <strings.h>

#define MG_PREFIX "/providers/Microsoft.Management/managementGroups/"
#define SUB_PREFIX "/subscriptions/"

typedef enum { NODE_NONE, NODE_MG, NODE_SUB } node_kind;

/* "type" / "childType" spellings across API versions */
static const char *const mg_types[] = { "Microsoft.Management/managementGroups",
					"/providers/Microsoft.Management/managementGroups", "ManagementGroup", NULL };
static const char *const sub_types[] = { "/subscriptions", "Microsoft.Management/managementGroups/subscriptions",
					 "Subscription", NULL };

typedef struct mg_read {
	ingest_ctx *c;
	azm *a;
	strbuf sb;      /* scratch for ids */
	int err;
} mg_read;

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcasecmp(s, *list))
			return 1;
	return 0;
}

static int has_prefix_ci(const char *s, const char *p)
{
	return !strncasecmp(s, p, strlen(p));
}

/* One id segment: not empty, no slash. */
static int segment(const char *s)
{
	return *s && !strchr(s, '/');
}

/*
 * The kind of node an entry names and its id (into sb when not NULL): from
 * the id when there is one, else from type and name. *mg_len is set, for a
 * ".../managementGroups/G/subscriptions/S" id, to the length of the part
 * naming G (the subscription's parent), else 0.
 */
static node_kind node_id(const char *id, const char *type, const char *name, strbuf *sb, size_t *mg_len)
{
	*mg_len = 0;
	if (sb)
		strbuf_reset(sb);
	if (id) {
		if (has_prefix_ci(id, MG_PREFIX)) {
			const char *rest = id + strlen(MG_PREFIX), *slash = strchr(rest, '/');
			if (segment(rest)) {
				if (sb)
					strbuf_addstr(sb, id);
				return NODE_MG;
			}
			if (!slash || slash == rest || !has_prefix_ci(slash, SUB_PREFIX) ||
			    !segment(slash + strlen(SUB_PREFIX)))
				return NODE_NONE;
			*mg_len = (size_t)(slash - id);
			if (sb)
				strbuf_addstr(sb, slash);
			return NODE_SUB;
		}
		if (!has_prefix_ci(id, SUB_PREFIX) || !segment(id + strlen(SUB_PREFIX)))
			return NODE_NONE;
		if (sb)
			strbuf_addstr(sb, id);
		return NODE_SUB;
	}
	if (!type || !name || !segment(name))
		return NODE_NONE;
	if (in_list(type, mg_types)) {
		if (sb)
			strbuf_addf(sb, MG_PREFIX "%s", name);
		return NODE_MG;
	}
	if (in_list(type, sub_types)) {
		if (sb)
			strbuf_addf(sb, SUB_PREFIX "%s", name);
		return NODE_SUB;
	}
	return NODE_NONE;
}

/*
 * Make parent (NULL: the root "/") the parent of child. A node keeps its
 * first parent; a link that would make child its own ancestor is refused,
 * so the hierarchy stays a tree whatever the input says.
 */
static void link(mg_read *r, az_scope *child, az_scope *parent, const doc_node *at)
{
	size_t n_scopes, steps = 0;
	az_scope *up;

	if (child->parent_known) {
		if (child->parent != parent)
			diag_list_addf(r->c->diags, DIAG_WARNING, at->file, at->line, at->col,
				       "conflicting parent of '%s': '%s' here, '%s' before (keeping the first)", child->id,
				       parent ? parent->id : "/", child->parent ? child->parent->id : "/");
		return;
	}
	/* the tree is acyclic, so the walk ends within as many steps as there are scopes */
	azm_scopes(r->a, &n_scopes);
	for (up = parent; up && up != child && steps <= n_scopes; up = up->parent)
		steps++;
	if (up == child) {
		diag_list_addf(r->c->diags, DIAG_ERROR, at->file, at->line, at->col,
			       "'%s' cannot be its own ancestor (parent '%s'): the parent links form a cycle", child->id,
			       parent->id);
		r->err = PG_EINPUT;
		return;
	}
	child->parent = parent;
	child->parent_known = 1;
}

/* The tenant root group is named after the tenant id and sits directly under "/". */
static void check_root_group(mg_read *r, az_scope *s, const char *tenant, const doc_node *at)
{
	size_t plen = strlen(MG_PREFIX);

	if (tenant && strlen(s->id) > plen && !strncasecmp(s->id, MG_PREFIX, plen) && !strcasecmp(s->id + plen, tenant))
		link(r, s, NULL, at);
}

/*
 * The scope an entry (record, child or parent object) names, with its name
 * and tenant filled in when not known yet; NULL after a placed error.
 * default_type names the kind when the entry has neither id nor type.
 */
static az_scope *describe(mg_read *r, const doc_node *n, const char *tenant, const char *default_type,
			  node_kind *kind)
{
	ingest_ctx *c = r->c;
	const char *id, *type, *name, *display;
	const doc_node *id_node;
	size_t mg_len;
	az_scope *s;

	id_node = az_field(n, "id") ? az_field(n, "id") : az_field(n, "childId");
	id = az_str(c, n, az_field(n, "id") ? "id" : "childId", &r->err);
	type = az_field(n, "type") ? az_str(c, n, "type", &r->err) : az_str(c, n, "childType", &r->err);
	name = az_str(c, n, "name", &r->err);
	display = az_str(c, n, "displayName", &r->err);
	*kind = node_id(id, type ? type : default_type, name, &r->sb, &mg_len);
	if (*kind == NODE_NONE) {
		const doc_node *at = id && id_node ? id_node : n;
		if (id)
			diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
				       "'%s' is not a management group or subscription id", id);
		else if (!id_node || id_node->type == DOC_NULL)
			diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
				       "missing 'id' (or a management group or subscription 'type' and a 'name')");
		r->err = PG_EINPUT;
		return NULL;
	}
	s = azm_add_scope(r->a, r->sb.buf);
	if (!s->loc.file)
		s->loc = az_loc(c, n);
	if (display && !s->name)
		s->name = model_intern(c->m, display);
	if (tenant && !s->tenant)
		s->tenant = azm_key(r->a, tenant);
	if (mg_len) {
		/* ".../managementGroups/G/subscriptions/S": S is under G */
		strbuf_reset(&r->sb);
		strbuf_add(&r->sb, id, mg_len);
		link(r, s, azm_add_scope(r->a, r->sb.buf), id_node ? id_node : n);
	}
	if (*kind == NODE_MG)
		check_root_group(r, s, tenant, n);
	return s;
}

/* The parent a record names: "parent" (entities), "details.parent" (show) or a "parentId" string. */
static void read_parent(mg_read *r, az_scope *s, const doc_node *rec, const char *tenant)
{
	ingest_ctx *c = r->c;
	const doc_node *p = az_field(rec, "parent"), *details;
	az_scope *parent = NULL;
	node_kind kind = NODE_NONE;
	size_t mg_len;

	if (!p && (details = az_field(rec, "details")) && details->type == DOC_OBJECT)
		p = doc_get(details, "parent");
	if (!p)
		p = az_field(rec, "parentId");
	if (!p || p->type == DOC_NULL)
		return;         /* the parent is not said: s->parent_known stays as it was */
	if (p->type == DOC_STRING) {
		kind = node_id(p->str, NULL, NULL, &r->sb, &mg_len);
		if (kind == NODE_MG) {
			parent = azm_add_scope(r->a, r->sb.buf);
			if (!parent->loc.file)
				parent->loc = az_loc(c, p);
			check_root_group(r, parent, tenant, p);
		}
	} else if (p->type == DOC_OBJECT) {
		const char *pid = doc_get_str(p, "id");
		if (!pid && !doc_get_str(p, "name"))
			return;         /* {"id": null}: nothing said, as for a null parent */
		/* a parent that is no group is an error before it can add a scope */
		if ((!pid || node_id(pid, NULL, NULL, NULL, &mg_len) == NODE_MG) &&
		    !(parent = describe(r, p, tenant, mg_types[0], &kind)))
			return;
	} else {
		az_type_error(c, p, &r->err, "'parent' must be an object or a string");
		return;
	}
	if (kind != NODE_MG) {
		const doc_node *at = p->type == DOC_OBJECT && az_field(p, "id") ? az_field(p, "id") : p;
		diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col,
			       "the parent of '%s' must be a management group", s->id);
		r->err = PG_EINPUT;
		return;
	}
	link(r, s, parent, p);
}

/* The children of a show --expand [--recurse] record, each linked under its container. */
static void read_children(mg_read *r, az_scope *parent, node_kind pkind, const doc_node *n, const char *tenant)
{
	ingest_ctx *c = r->c;
	const doc_node *ch = az_field(n, "children");
	node_kind kind;
	size_t i;

	if (!ch || ch->type == DOC_NULL)
		return;
	if (ch->type != DOC_ARRAY) {
		az_type_error(c, ch, &r->err, "'children' must be an array");
		return;
	}
	if (ch->len && pkind != NODE_MG) {
		diag_list_addf(c->diags, DIAG_ERROR, ch->file, ch->line, ch->col,
			       "subscription '%s' cannot have children", parent->id);
		r->err = PG_EINPUT;
		return;
	}
	for (i = 0; i < ch->len; i++) {
		const doc_node *e = ch->items[i];
		az_scope *s;
		if (e->type != DOC_OBJECT) {
			az_type_error(c, e, &r->err, "each entry of 'children' must be an object");
			continue;
		}
		if (!(s = describe(r, e, tenant, NULL, &kind)))
			continue;
		link(r, s, parent, e);
		/* nesting is bounded by the document depth limit */
		read_children(r, s, kind, e, tenant);
	}
}

static void read_record(mg_read *r, const doc_node *rec)
{
	const char *tenant = az_str(r->c, rec, "tenantId", &r->err);
	node_kind kind;
	az_scope *s;

	if (tenant)
		azm_add_home_tenant(r->a, tenant);
	if (!(s = describe(r, rec, tenant, NULL, &kind)))
		return;
	read_parent(r, s, rec, tenant);
	read_children(r, s, kind, rec, tenant);
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *rec = az_detect_record(root);
	const char *id, *type;
	size_t mg_len;
	node_kind kind;

	(void)path;
	if (!rec)
		return 0;
	id = doc_get_str(rec, "id");
	type = doc_get_str(rec, "type");
	kind = node_id(id, type, doc_get_str(rec, "name"), NULL, &mg_len);
	if (kind == NODE_NONE)
		return 0;
	if (type)
		return in_list(type, mg_types) || in_list(type, sub_types);
	/* no type: only an exact group id (not something under one) with hierarchy fields */
	return kind == NODE_MG && (az_field(rec, "tenantId") || az_field(rec, "children") || az_field(rec, "details"));
}

static int read_mgmt(ingest_ctx *c, const doc_node *root)
{
	doc_node *const *items;
	const doc_node *single;
	mg_read r;
	size_t i, n;

	if (az_records(root, &items, &n, &single) < 0)
		return az_type_error(c, root, NULL, "expected a management group (object) or a list of them (array)");
	r.c = c;
	r.a = model_azure(c->m);
	r.err = 0;
	strbuf_init(&r.sb);
	for (i = 0; i < n; i++) {
		const doc_node *rec = items[i];
		if (rec->type != DOC_OBJECT)
			az_type_error(c, rec, &r.err, "each management group entry must be an object");
		else
			read_record(&r, rec);
	}
	strbuf_release(&r.sb);
	return r.err;
}

const ingest_format ingest_az_mgmt_format = {
	"azure-management-groups",
	"Azure management-group hierarchy: az account management-group show --expand --recurse, entities list (or REST)",
	detect, read_mgmt
};
