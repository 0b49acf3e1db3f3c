/* render_graph_dot — a view as a cgraph graph: attributes, clusters, nodes, edges, labels (styles: render_graph_style.c). */
#include "render/render_graph_internal.h"
#include "base/xalloc.h"
#include "graph/access.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NAME_CHARS 40           /* a label line, in characters */
#define TIP_CHARS 400           /* an id in a tooltip */
#define TIP_MEMBERS 10          /* members a collapsed node's tooltip lists */
#define TIP_ACTIONS 8

void rg_set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, "");
}

/* --- labels ------------------------------------------------------------------------------------ */

static void short_name(strbuf *sb, const gnode *n)
{

	if (access_is_pseudo(n) && n->name && strncmp(n->name, "administrator", 13)) {
		/* Azure names the scope; its last segment is the subscription or group */
		strbuf_addstr(sb, "administrator of ");
		rg_escape(sb, rg_last_segment(n->name), NAME_CHARS);
	} else if (n->name && *n->name) {
		rg_escape(sb, n->name, NAME_CHARS);
	} else if (rg_is_type(n, "account") && n->account) {
		strbuf_addstr(sb, "account ");
		rg_escape(sb, n->account, NAME_CHARS);
	} else if (rg_is_type(n, "everyone")) {
		strbuf_addstr(sb, "* (everyone)");
	} else {
		/* the last segment of an ARN or an Azure id says most in little room */
		rg_escape(sb, rg_last_segment(gnode_display_id(n)), NAME_CHARS);
	}
}

static const char *plural(const gnode *n)
{
	static const char *const forms[][2] = {
		{ "user", "users" }, { "group", "groups" }, { "role", "roles" }, { "session", "role sessions" },
		{ "service-principal", "service principals" }, { "managed-identity", "managed identities" },
		{ "foreign-group", "foreign groups" }, { "account", "accounts" }, { "service", "services" },
		{ "federated", "federated principals" }, { "canonical-user", "canonical users" },
	};
	size_t i;

	if (n->kind == GN_RESOURCE)
		return "stores";
	for (i = 0; n->type && i < sizeof(forms) / sizeof(forms[0]); i++)
		if (!strcmp(n->type, forms[i][0]))
			return forms[i][1];
	return "principals";
}

static void node_label(strbuf *sb, const rg_node *x)
{
	const gnode *n = x->n;

	if (x->n_members > 1 && n->kind == GN_PRINCIPAL) {
		strbuf_addf(sb, "%zu %s\\nidentical access", x->n_members, plural(n));
	} else {
		if (x->n_members > 1)
			strbuf_addf(sb, "%zu stores, identical access", x->n_members);
		else
			short_name(sb, n);
		strbuf_addstr(sb, "\\n");
		rg_escape(sb, n->type ? n->type : (n->kind == GN_RESOURCE ? "resource" : "principal"), NAME_CHARS);
	}
	if (n->kind == GN_RESOURCE && n->classification)
		strbuf_addstr(sb, (n->classification & CLASS_SYNTHETIC) && (n->classification & CLASS_PRODUCTION)
				  ? ", synthetic + production"
				  : n->classification & CLASS_SYNTHETIC ? ", synthetic" : ", production");
	if (n->external && !rg_is_type(n, "everyone"))
		strbuf_addstr(sb, ", external");
}

static void node_tooltip(strbuf *sb, const rg_node *x)
{
	size_t i;

	if (x->n_members > 1) {
		strbuf_addf(sb, "%zu %s with the same edges:", x->n_members, plural(x->n));
		for (i = 0; i < x->n_members && i < TIP_MEMBERS; i++) {
			strbuf_addstr(sb, "\\n");
			rg_escape(sb, gnode_display_id(x->members[i]), TIP_CHARS);
		}
		if (x->n_members > TIP_MEMBERS)
			strbuf_addf(sb, "\\n... and %zu more", x->n_members - TIP_MEMBERS);
	} else {
		rg_escape(sb, gnode_display_id(x->n), TIP_CHARS);
	}
	if (x->n->external && x->n->external_why) {
		strbuf_addstr(sb, "\\nexternal: ");
		rg_escape(sb, x->n->external_why, TIP_CHARS);
	}
	if (x->flags & RG_F_WILDCARD)
		strbuf_addstr(sb, "\\na wildcard finding names this principal");
}

static void edge_label(strbuf *sb, const rg_edge *e)
{
	unsigned bit;

	if (e->kind == GE_ACCESS) {
		for (bit = LEVEL_LIST; bit <= LEVEL_TAGGING; bit <<= 1)
			if (e->levels & bit)
				strbuf_addf(sb, "%s%s", sb->len ? ", " : "", graph_level_name(bit));
	} else if (e->kind == GE_CAN_ACT_AS) {
		rg_edge_techniques(e, sb, 3);
	}
	if (e->conditional && sb->len)
		strbuf_addstr(sb, " (if)");
}

static void edge_tooltip(strbuf *sb, const rg_edge *e)
{
	const gedge *s = e->src[0];
	size_t i;

	strbuf_addstr(sb, gedge_kind_name(e->kind));
	for (i = 0; i < s->n_actions && i < TIP_ACTIONS; i++) {
		strbuf_addstr(sb, i ? ", " : ": ");
		rg_escape(sb, s->actions[i], NAME_CHARS * 2);
	}
	if (s->n_actions > TIP_ACTIONS)
		strbuf_addf(sb, ", ... (%zu actions)", s->n_actions);
	for (i = 0; i < s->n_conditions && i < 3; i++) {
		strbuf_addstr(sb, "\\nif: ");
		rg_escape(sb, s->conditions[i], TIP_CHARS);
	}
	if (s->loc.file) {
		strbuf_addstr(sb, "\\nat ");
		rg_escape(sb, s->loc.file, TIP_CHARS);
		strbuf_addf(sb, ":%u:%u", s->loc.line, s->loc.col);
	}
	if (e->n_src > 1)
		strbuf_addf(sb, "\\n(%zu grants merged)", e->n_src);
}

/* --- the graph ------------------------------------------------------------------------------- */

static void declare(Agraph_t *g)
{
	static const char *const graph_attrs[][2] = {
		{ "label", "" }, { "style", "" }, { "color", "" }, { "fontcolor", "" }, { "penwidth", "" },
	};
	static const char *const node_attrs[][2] = {
		{ "shape", "box" }, { "style", "filled" }, { "fillcolor", "#bee3f8" }, { "color", "#2d3748" },
		{ "fontcolor", "#1a202c" }, { "fontname", "Helvetica" }, { "fontsize", "10" }, { "label", "" },
		{ "tooltip", "" }, { "penwidth", "" }, { "peripheries", "" },
	};
	static const char *const edge_attrs[][2] = {
		{ "color", "#2d3748" }, { "fontcolor", "#2d3748" }, { "fontname", "Helvetica" }, { "fontsize", "9" },
		{ "label", "" }, { "tooltip", "" }, { "style", "" }, { "penwidth", "" }, { "arrowhead", "" },
	};
	size_t i;

	agattr(g, AGRAPH, "rankdir", "LR");
	/* dot's default ranking fails on some clustered graphs ("trouble in init_rank", then
	 * a double free in gvFreeLayout, Graphviz 2.43); the global ranking does not */
	agattr(g, AGRAPH, "newrank", "true");
	agattr(g, AGRAPH, "fontname", "Helvetica");
	agattr(g, AGRAPH, "fontsize", "11");
	for (i = 0; i < sizeof(graph_attrs) / sizeof(graph_attrs[0]); i++)
		agattr(g, AGRAPH, (char *)graph_attrs[i][0], (char *)graph_attrs[i][1]);
	for (i = 0; i < sizeof(node_attrs) / sizeof(node_attrs[0]); i++)
		agattr(g, AGNODE, (char *)node_attrs[i][0], (char *)node_attrs[i][1]);
	for (i = 0; i < sizeof(edge_attrs) / sizeof(edge_attrs[0]); i++)
		agattr(g, AGEDGE, (char *)edge_attrs[i][0], (char *)edge_attrs[i][1]);
}

static Agraph_t *cluster(Agraph_t *parent, size_t *count, const char *what, const char *name, int tenant)
{
	char id[32];
	strbuf sb = STRBUF_INIT;
	Agraph_t *c;

	snprintf(id, sizeof(id), "cluster_%zu", ++*count);
	c = agsubg(parent, id, 1);
	strbuf_addstr(&sb, what);
	if (name) {
		strbuf_addch(&sb, ' ');
		rg_escape(&sb, name, NAME_CHARS * 2);
	}
	rg_set(c, "label", sb.buf);
	rg_set(c, "style", tenant ? "rounded,bold" : "rounded");
	rg_set(c, "color", tenant ? "#805ad5" : "#a0aec0");
	rg_set(c, "fontcolor", tenant ? "#553c9a" : "#4a5568");
	strbuf_release(&sb);
	return c;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const char *account_word(const gnode *n)
{
	return !n->cloud ? "account" : !strcmp(n->cloud, "azure") ? "Azure subscription" : "AWS account";
}

/* Nodes come sorted by place, so each cluster's nodes are contiguous. */
static void add_nodes(Agraph_t *g, const rg_view *v, Agnode_t **an, unsigned *classes, unsigned *mods, int flat)
{
	Agraph_t *tc = NULL, *ac = NULL, *dc = NULL;
	const char *cur_tenant = NULL, *cur_account = NULL, *cur_cloud = NULL;
	size_t i, clusters = 0;
	strbuf sb = STRBUF_INIT;
	char name[32];

	for (i = 0; i < v->n_nodes; i++) {
		const rg_node *x = &v->nodes[i];
		rg_nclass cls = rg_class_of(x->n);
		const rg_nstyle *c = rg_node_style(cls);
		Agraph_t *home;
		rg_place p;
		int new_tenant;

		rg_place_of(x->n, &p);
		if (flat)
			p.tenant = p.account = NULL, p.directory = 0;
		if ((new_tenant = !i || !same(p.tenant, cur_tenant))) {
			tc = p.tenant ? cluster(g, &clusters, "SaaS tenant", p.tenant, 1) : NULL;
			cur_tenant = p.tenant;
		}
		if (new_tenant || !same(p.account, cur_account) || !same(x->n->cloud, cur_cloud)) {
			ac = p.account ? cluster(tc ? tc : g, &clusters, account_word(x->n), p.account, 0) : NULL;
			cur_account = p.account;
			cur_cloud = x->n->cloud;
		}
		if (p.directory && !dc)
			dc = cluster(g, &clusters, "Entra ID directory", NULL, 0);
		home = p.directory ? dc : ac ? ac : tc ? tc : g;
		snprintf(name, sizeof(name), "n%zu", i);
		an[i] = agnode(home, name, 1);
		*classes |= 1u << cls;
		strbuf_reset(&sb);
		node_label(&sb, x);
		rg_set(an[i], "label", sb.buf);
		strbuf_reset(&sb);
		node_tooltip(&sb, x);
		rg_set(an[i], "tooltip", sb.buf);
		rg_set(an[i], "shape", c->shape);
		rg_set(an[i], "fillcolor", x->n->external && cls != RG_NC_EVERYONE && cls != RG_NC_ADMIN ? RG_FILL_EXTERNAL : c->fill);
		rg_set(an[i], "fontcolor", c->font);
		if (x->n->external)
			*mods |= RG_M_EXTERNAL;
		if (x->flags & RG_F_WILDCARD) {
			rg_set(an[i], "color", RG_COLOR_WILDCARD);
			rg_set(an[i], "penwidth", "2.5");
			*mods |= RG_M_WILDCARD;
		}
		if (x->n_members > 1) {
			rg_set(an[i], "style", "filled,bold");
			*mods |= RG_M_COLLAPSED;
		}
		if (x->flags & RG_F_FOCUS) {
			rg_set(an[i], "peripheries", "2");
			*mods |= RG_M_FOCUS;
		}
	}
	strbuf_release(&sb);
}

static void add_edges(Agraph_t *g, const rg_view *v, Agnode_t **an, unsigned *classes, unsigned *mods)
{
	strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < v->n_edges; i++) {
		const rg_edge *e = &v->edges[i];
		rg_eclass c = rg_edge_class_of(v, e);
		Agedge_t *ae = agedge(g, an[e->from], an[e->to], NULL, 1);

		*classes |= 1u << c;
		strbuf_reset(&sb);
		edge_label(&sb, e);
		if (sb.len)
			rg_set(ae, "label", sb.buf);
		strbuf_reset(&sb);
		edge_tooltip(&sb, e);
		rg_set(ae, "tooltip", sb.buf);
		if (c != RG_EC_ACCESS) {
			rg_set(ae, "color", rg_edge_style(c)->color);
			rg_set(ae, "fontcolor", rg_edge_style(c)->color);
			rg_set(ae, "penwidth", rg_edge_style(c)->penwidth);
		}
		if (e->kind == GE_MEMBER_OF)
			rg_set(ae, "arrowhead", "empty");
		if (e->conditional) {
			rg_set(ae, "style", "dashed");
			*mods |= RG_M_CONDITIONAL;
		}
	}
	strbuf_release(&sb);
}

Agraph_t *rg_agraph(const rg_view *v, const render_graph_opts *o, const char *title, const char *note, int flat)
{
	Agraph_t *g = rg_agopen("permgraph");
	Agnode_t **an = xmalloc((v->n_nodes + 1) * sizeof(*an));
	unsigned classes = 0, edges = 0, mods = 0;
	strbuf sb = STRBUF_INIT;

	declare(g);
	add_nodes(g, v, an, &classes, &mods, flat);
	add_edges(g, v, an, &edges, &mods);
	if (!o->no_legend)
		rg_legend(g, classes, edges, mods, flat);
	/* graph attributes last: cgraph makes a root's value the default of later subgraphs */
	rg_escape(&sb, title, 0);
	strbuf_addf(&sb, "\\n%zu principal(s), %zu resource(s), %zu edge(s)", v->principals, v->resources,
		    v->n_edges);
	if (note && *note) {
		strbuf_addstr(&sb, "\\n");
		rg_escape(&sb, note, 0);
	}
	rg_set(g, "label", sb.buf);
	rg_set(g, "labelloc", "t");
	if (o->id_prefix)
		rg_set(g, "id", o->id_prefix);
	strbuf_release(&sb);
	free(an);
	return g;
}
