/* render_graph_style — the visual language: node and edge classes, their styles, and the legend. */
#include "render/render_graph_internal.h"
#include "graph/access.h"

#include <stdio.h>
#include <string.h>

static const rg_nstyle nclasses[RG_NC_COUNT] = {
	[RG_NC_SYNTHETIC] = { "cylinder", "#9ae6b4", "#1a202c", "synthetic-data store" },
	[RG_NC_PRODUCTION] = { "cylinder", "#feb2b2", "#1a202c", "production store" },
	[RG_NC_BOTH] = { "cylinder", "#faf089", "#1a202c", "store classified synthetic and production" },
	[RG_NC_RESOURCE] = { "box", "#e2e8f0", "#1a202c", "other resource" },
	[RG_NC_USER] = { "ellipse", "#bee3f8", "#1a202c", "user" },
	[RG_NC_GROUP] = { "folder", "#bee3f8", "#1a202c", "group" },
	[RG_NC_ROLE] = { "hexagon", "#bee3f8", "#1a202c", "role or role session" },
	[RG_NC_SP] = { "component", "#bee3f8", "#1a202c", "service principal" },
	[RG_NC_MI] = { "cds", "#bee3f8", "#1a202c", "managed identity" },
	[RG_NC_ACCOUNT] = { "house", "#bee3f8", "#1a202c", "account (every principal its policies allow)" },
	[RG_NC_SERVICE] = { "invhouse", "#bee3f8", "#1a202c", "service, federated or canonical user" },
	[RG_NC_EVERYONE] = { "doubleoctagon", "#c53030", "#ffffff", "everyone (\"*\": public)" },
	[RG_NC_ADMIN] = { "octagon", "#4a5568", "#ffffff", "administrator of a scope (pseudo principal)" },
	[RG_NC_PRINCIPAL] = { "ellipse", "#e2e8f0", "#1a202c", "other principal" },
};

static const rg_estyle eclasses[RG_EC_COUNT] = {
	[RG_EC_ACCESS] = { "#2d3748", "1", "access, labelled with its levels" },
	[RG_EC_MEMBER] = { "#718096", "1", "member of (hollow arrow)" },
	[RG_EC_ASSUME] = { "#2b6cb0", "1.2", "can assume" },
	[RG_EC_PRIVESC] = { "#6b46c1", "2", "can act as: privilege escalation, labelled with its techniques" },
	[RG_EC_PUBLIC] = { "#c53030", "2.5", "public: from \"*\" (everyone)" },
	[RG_EC_CROSS] = { "#dd6b20", "2", "cross-tenant: from outside the estate or another SaaS tenant" },
	[RG_EC_WILDCARD] = { RG_COLOR_WILDCARD, "2", "from a principal with a wildcard grant" },
};

int rg_is_type(const gnode *n, const char *t)
{
	return n->type && !strcmp(n->type, t);
}

rg_nclass rg_class_of(const gnode *n)
{
	if (n->kind == GN_RESOURCE) {
		if ((n->classification & CLASS_SYNTHETIC) && (n->classification & CLASS_PRODUCTION))
			return RG_NC_BOTH;
		return n->classification & CLASS_SYNTHETIC ? RG_NC_SYNTHETIC
		     : n->classification & CLASS_PRODUCTION ? RG_NC_PRODUCTION : RG_NC_RESOURCE;
	}
	if (rg_is_type(n, "user"))
		return RG_NC_USER;
	if (rg_is_type(n, "group") || rg_is_type(n, "foreign-group"))
		return RG_NC_GROUP;
	if (rg_is_type(n, "role") || rg_is_type(n, "session"))
		return RG_NC_ROLE;
	if (rg_is_type(n, "service-principal"))
		return RG_NC_SP;
	if (rg_is_type(n, "managed-identity"))
		return RG_NC_MI;
	if (rg_is_type(n, "account"))
		return RG_NC_ACCOUNT;
	if (rg_is_type(n, "service") || rg_is_type(n, "federated") || rg_is_type(n, "canonical-user"))
		return RG_NC_SERVICE;
	if (rg_is_type(n, "everyone"))
		return RG_NC_EVERYONE;
	if (access_is_pseudo(n))
		return RG_NC_ADMIN;
	return RG_NC_PRINCIPAL;
}

rg_eclass rg_edge_class_of(const rg_view *v, const rg_edge *e)
{
	const rg_node *from = &v->nodes[e->from];
	const gnode *f = from->n, *t = v->nodes[e->to].n;

	if (rg_is_type(f, "everyone"))
		return RG_EC_PUBLIC;
	if (f->external || (f->tenant && t->tenant && strcmp(f->tenant, t->tenant)))
		return RG_EC_CROSS;
	if (e->kind == GE_CAN_ACT_AS)
		return RG_EC_PRIVESC;
	if (e->kind == GE_ACCESS && (from->flags & RG_F_WILDCARD))
		return RG_EC_WILDCARD;
	return e->kind == GE_MEMBER_OF ? RG_EC_MEMBER : e->kind == GE_CAN_ASSUME ? RG_EC_ASSUME : RG_EC_ACCESS;
}

const rg_nstyle *rg_node_style(rg_nclass c)
{
	return &nclasses[c];
}

const rg_estyle *rg_edge_style(rg_eclass c)
{
	return &eclasses[c];
}

void rg_legend(Agraph_t *g, unsigned classes, unsigned edges, unsigned mods, int flat)
{
	Agraph_t *lg = agsubg(g, flat ? "legend" : "cluster_legend", 1);
	strbuf sb = STRBUF_INIT;
	char name[32];
	char *html;
	Agnode_t *n;
	unsigned i;

	rg_set(lg, "label", "legend");
	rg_set(lg, "style", "rounded");
	rg_set(lg, "color", "#a0aec0");
	rg_set(lg, "fontcolor", "#4a5568");
	for (i = 0; i < RG_NC_COUNT; i++) {
		if (!(classes & (1u << i)))
			continue;
		snprintf(name, sizeof(name), "legend_%u", i);
		n = agnode(lg, name, 1);
		rg_set(n, "label", nclasses[i].legend);
		rg_set(n, "shape", nclasses[i].shape);
		rg_set(n, "fillcolor", nclasses[i].fill);
		rg_set(n, "fontcolor", nclasses[i].font);
	}
	if (mods & (RG_M_EXTERNAL | RG_M_WILDCARD | RG_M_COLLAPSED | RG_M_FOCUS)) {
		static const struct { unsigned mod; const char *label, *attr, *value; } samples[] = {
			{ RG_M_EXTERNAL, "external principal (other account, tenant or organization)", "fillcolor", RG_FILL_EXTERNAL },
			{ RG_M_WILDCARD, "principal a wildcard finding names", "color", RG_COLOR_WILDCARD },
			{ RG_M_COLLAPSED, "N principals with identical access (tooltip lists them)", "style", "filled,bold" },
			{ RG_M_FOCUS, "the focus of this view", "peripheries", "2" },
		};
		for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
			if (!(mods & samples[i].mod))
				continue;
			snprintf(name, sizeof(name), "legend_m%u", samples[i].mod);
			n = agnode(lg, name, 1);
			rg_set(n, "label", samples[i].label);
			rg_set(n, "shape", "ellipse");
			rg_set(n, samples[i].attr, samples[i].value);
			if (samples[i].mod == RG_M_WILDCARD)
				rg_set(n, "penwidth", "2.5");
		}
	}
	if (edges || (mods & RG_M_CONDITIONAL)) {
		strbuf_addstr(&sb, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\">");
		for (i = 0; i < RG_EC_COUNT; i++)
			if (edges & (1u << i))
				strbuf_addf(&sb, "<TR><TD><FONT COLOR=\"%s\"><B>-----&gt;</B></FONT></TD>"
					    "<TD ALIGN=\"LEFT\">%s</TD></TR>", eclasses[i].color, eclasses[i].legend);
		if (mods & RG_M_CONDITIONAL)
			strbuf_addstr(&sb, "<TR><TD>- - - &gt;</TD><TD ALIGN=\"LEFT\">dashed: only if conditions hold</TD></TR>");
		strbuf_addstr(&sb, "</TABLE>");
		n = agnode(lg, "legend_edges", 1);
		html = agstrdup_html(g, sb.buf);
		rg_set(n, "label", html);
		agstrfree(g, html);
		rg_set(n, "shape", "plain");
		rg_set(n, "style", "");
	}
	strbuf_release(&sb);
}
