/* az_graph — Azure nodes, member-of edges, operation levels and the tables access edges share. */
#include "graph/az_graph.h"
#include "graph/az_graph_internal.h"
#include "graph/az_reach.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "eval/az_eval.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MG_PREFIX "/providers/microsoft.management/managementgroups/"

/* --- levels ------------------------------------------------------------------------ */

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

/* Verbs whose answer is a credential, or that mint one. */
static const char *const cred_verbs[] = {
	"listkeys", "listaccountsas", "listservicesas", "listsecrets", "listconnectionstrings",
	"listconnectioninfo", "listcredentials", "listcredential", "listcallbackurl", "rotatekey",
	"newpassword", "generatekey", "readonlykeys", "publishxml", "getsecrets", NULL
};
/* Segments whose every operation reads or sets a credential (Web function and host keys). */
static const char *const cred_segs[] = {
	"masterkey", "readonlykeys", "publishxml", "systemkeys", "functionkeys", NULL
};
/* Segments whose changes decide who may do what on the resource. */
static const char *const perm_segs[] = {
	"roleassignments", "roledefinitions", "sqlroleassignments", "sqlroledefinitions",
	"mongodbroledefinitions", "mongodbuserdefinitions", "cassandraroleassignments",
	"cassandraroledefinitions", "accesspolicies", "administrators", "azureadonlyauthentications",
	"externalpolicybasedauthorizations", "locks", "accountlocks", "immutabilitypolicies",
	"basicpublishingcredentialspolicies", "localusers", NULL
};
/* Actions that change or bypass permissions. */
static const char *const perm_verbs[] = {
	"modifypermissions", "manageownership", "takeownership", "actassuperuser", "runassuperuser",
	"setlegalhold", "clearlegalhold", "deletelock", "loginasadmin", "wacloginasadmin", NULL
};
/* Data actions that reveal or use content (Key Vault keys and secrets, blob index queries). */
static const char *const data_read_verbs[] = {
	"getsecret", "decrypt", "unwrap", "unwrapkey", "release", "backup", "filter", "sign", "verify",
	"encrypt", "wrap", "wrapkey", "readfilebackupsemantics", NULL
};

static int credential_verb(const char *v)
{
	if (in_list(v, cred_verbs) || !strncmp(v, "regenerate", 10))
		return 1;
	return !strncmp(v, "list", 4) && (strstr(v, "key") || strstr(v, "secret") || strstr(v, "sas") ||
					  strstr(v, "credential") || strstr(v, "password") ||
					  strstr(v, "connection"));
}

unsigned az_graph_op_levels(const char *op)
{
	char buf[512];
	char *seg[32];
	size_t n = 0, i, len = op ? strlen(op) : 0;
	const char *verb, *parent;
	int data, action;

	if (!len || len >= sizeof(buf))
		return LEVEL_WRITE;
	for (i = 0; i <= len; i++)
		buf[i] = (char)tolower((unsigned char)op[i]);
	for (seg[n++] = buf, i = 0; buf[i] && n < 32; i++)
		if (buf[i] == '/') {
			buf[i] = '\0';
			seg[n++] = buf + i + 1;
		}
	data = az_catalog_op_plane(op) == AZ_OP_DATA;
	action = n >= 2 && !strcmp(seg[n - 1], "action");
	verb = action ? seg[n - 2] : seg[n - 1];
	parent = n >= (size_t)(action ? 3 : 2) ? seg[n - (action ? 3 : 2)] : "";
	if (credential_verb(verb) || (!strcmp(parent, "config") && !strcmp(verb, "list")))
		return LEVEL_PERMISSIONS;
	for (i = 0; i + 1 < n; i++)
		if (in_list(seg[i], cred_segs) || (i && !strcmp(seg[i], "keys") && !strcmp(seg[i - 1], "functions")))
			return LEVEL_PERMISSIONS;
	if (in_list(verb, perm_verbs))
		return LEVEL_PERMISSIONS;
	if (strcmp(verb, "read")) {
		for (i = 0; i + 1 < n; i++) {
			if (in_list(seg[i], perm_segs))
				return LEVEL_PERMISSIONS;
			if (!strcmp(seg[i], "tags"))
				return LEVEL_TAGGING;
		}
	}
	if (!strcmp(verb, "read"))
		return data ? LEVEL_READ : LEVEL_LIST;
	if (!strcmp(verb, "readmetadata") || !strcmp(verb, "generateuserdelegationkey"))
		return LEVEL_LIST;
	if (data && in_list(verb, data_read_verbs))
		return LEVEL_READ;
	if (data && !strcmp(verb, "process"))       /* queue messages: dequeue = read + delete */
		return LEVEL_READ | LEVEL_WRITE;
	/* Key Vault: lets ARM deployments read the vault's secrets */
	if (!strcmp(verb, "deploy") && !strncmp(buf, "microsoft.keyvault", 18))
		return LEVEL_READ;
	if (!data && action && (!strncmp(verb, "list", 4) || !strncmp(verb, "get", 3)))
		return LEVEL_LIST;
	return LEVEL_WRITE;
}

/* --- shared tables ------------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

azg_type *azg_type_get(azg_ctx *c, const char *type)
{
	char lower[256];
	const char *key;
	azg_type *t;
	size_t i, n, len = strlen(type);

	if (len + 2 > sizeof(lower))
		len = sizeof(lower) - 2;
	for (i = 0; i < len; i++)
		lower[i] = (char)tolower((unsigned char)type[i]);
	lower[len] = '/';
	lower[len + 1] = '\0';
	key = intern(&c->keys, lower);
	if ((t = ptrmap_get(&c->types, key)))
		return t;
	t = ARENA_NEW(&c->mem, azg_type);
	t->key = key;
	n = az_catalog_ops_prefixed(key, NULL, 0);
	t->n_ops = n;
	t->words = n / 64 + 1;
	t->ops = ARENA_ARRAY(&c->mem, const char *, n + 1);
	az_catalog_ops_prefixed(key, t->ops, n);
	t->match = ARENA_ARRAY(&c->mem, az_op_plane, n + 1);
	t->levels = ARENA_ARRAY(&c->mem, unsigned, n + 1);
	t->all = ARENA_ARRAY(&c->mem, uint64_t, t->words);
	for (i = 0; i < n; i++) {
		az_op_plane p = az_catalog_op_plane(t->ops[i]);
		/* as az_plan does: an operation of both planes is granted from either list */
		if (p == AZ_OP_DATA && az_catalog_match_count(t->ops[i], AZ_OP_CONTROL) > 0)
			p = AZ_OP_UNKNOWN;
		t->match[i] = p;
		t->levels[i] = az_graph_op_levels(t->ops[i]);
		azg_set_bit(t->all, i);
	}
	ptrmap_put(&c->types, key, t);
	return t;
}

const uint64_t *azg_grants(azg_ctx *c, azg_type *t, const void *owner, const az_perms *perms, size_t n)
{
	uint64_t *b = ptrmap_get(&t->grants, owner);
	size_t i;

	if (b)
		return b;
	b = ARENA_ARRAY(&c->mem, uint64_t, t->words);
	for (i = 0; i < t->n_ops; i++)
		if (az_eval_perms_grant(perms, n, t->ops[i], t->match[i]))
			azg_set_bit(b, i);
	ptrmap_put(&t->grants, owner, b);
	return b;
}

void azg_key_u64(strbuf *sb, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	char buf[20];
	size_t n = 0;

	do {
		buf[n++] = hex[v & 15];
		v >>= 4;
	} while (v);
	buf[n++] = ',';
	strbuf_add(sb, buf, n);
}

/* Content keys: hex of the words (sets) or of the strings joined (conditions). */
const azg_set *azg_set_of(azg_ctx *c, azg_type *t, const uint64_t *bits)
{
	strbuf sb;
	const char *key;
	azg_set *s;
	const char **tmp;
	size_t i;

	strbuf_init(&sb);
	azg_key_u64(&sb, (uintptr_t)t);
	for (i = 0; i < t->words; i++)
		azg_key_u64(&sb, bits[i]);
	key = intern_n(&c->keys, sb.buf, sb.len);
	strbuf_release(&sb);
	if ((s = ptrmap_get(&c->sets, key)))
		return s;
	s = ARENA_NEW(&c->mem, azg_set);
	tmp = xmalloc((t->n_ops + 1) * sizeof(*tmp));
	for (i = 0; i < t->n_ops; i++)
		if (azg_bit(bits, i)) {
			tmp[s->n++] = t->ops[i];
			s->levels |= t->levels[i];
		}
	/* catalogue order is lowercase byte order; edges list actions by strcmp */
	qsort(tmp, s->n, sizeof(*tmp), cmp_str);
	s->ops = graph_strings(c->g, tmp, s->n);
	s->bits = arena_memdup(&c->mem, bits, t->words, sizeof(uint64_t));
	free(tmp);
	ptrmap_put(&c->sets, key, s);
	return s;
}

const char **azg_conds_of(azg_ctx *c, char *const *conds, size_t n)
{
	strbuf sb;
	const char *key;
	const char **arr;
	size_t i;

	if (!n)
		return NULL;
	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		strbuf_addstr(&sb, conds[i]);
		strbuf_addch(&sb, '\n');
	}
	key = intern(&c->keys, sb.buf);
	strbuf_release(&sb);
	if ((arr = ptrmap_get(&c->conds, key)))
		return arr;
	arr = graph_strings(c->g, (const char *const *)conds, n);
	ptrmap_put(&c->conds, key, (void *)arr);
	return arr;
}

gnode *azg_pnode(azg_ctx *c, const az_principal *p)
{
	return ptrmap_get(&c->pnode, p);
}

void azg_emit(azg_ctx *c, gnode *node, const azg_draft *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		gnode *from = azg_pnode(c, d[i].who);
		gedge *e;
		if (!from || !d[i].set->n)
			continue;
		e = graph_add_edge(c->g, GE_ACCESS, from, node);
		e->actions = d[i].set->ops;
		e->n_actions = d[i].set->n;
		e->levels = d[i].set->levels;
		e->dec = d[i].dec;
		e->conditions = d[i].conds;
		e->n_conditions = d[i].n_conds;
		if (d[i].x)
			e->loc = d[i].x->loc;
		c->st.access_edges++;
	}
}

/* --- nodes ----------------------------------------------------------------------------- */

static void add_principals(azg_ctx *c)
{
	az_principal **ps;
	size_t n, i, j;

	ps = azm_principals(c->a, &n);
	for (i = 0; i < n; i++) {
		gnode *x = graph_add_node(c->g, GN_PRINCIPAL, ps[i]->id);
		x->name = ps[i]->name;
		x->type = az_reach_kind(ps[i]->kind);
		x->cloud = "azure";
		x->tenant = ps[i]->saas_tenant;
		x->classification = (unsigned)ps[i]->classification;
		x->external = ps[i]->external;
		x->external_why = ps[i]->external_why;
		x->obj = ps[i];
		ptrmap_put(&c->pnode, ps[i], x);
	}
	/* direct memberships; reach walks them transitively */
	for (i = 0; i < n; i++)
		for (j = 0; j < ps[i]->n_groups; j++) {
			gnode *g = azg_pnode(c, ps[i]->groups[j]);
			if (g) {
				graph_add_edge(c->g, GE_MEMBER_OF, azg_pnode(c, ps[i]), g);
				c->st.member_edges++;
			}
		}
}

const char *azg_subscription_of(azg_ctx *c, const char *id)
{
	const char *s, *e;

	if (strncmp(id, "/subscriptions/", 15))
		return NULL;
	s = id + 15;
	e = strchr(s, '/');
	return azm_key_n(c->a, s, e ? (size_t)(e - s) : strlen(s));
}

static int add_resources(azg_ctx *c)
{
	az_resource **rs;
	size_t n, i;
	int err = 0;

	rs = azm_resources(c->a, &n);
	for (i = 0; i < n && !err; i++) {
		gnode *x;
		if (!rs[i]->classification)
			continue;
		x = graph_add_node(c->g, GN_RESOURCE, rs[i]->id);
		x->name = rs[i]->name;
		x->written = rs[i]->id_written;
		x->type = rs[i]->type;
		x->cloud = "azure";
		x->account = azg_subscription_of(c, rs[i]->id);
		x->tenant = rs[i]->saas_tenant;
		x->classification = (unsigned)rs[i]->classification;
		x->obj = rs[i];
		ptrmap_put(&c->rnode, rs[i]->id, x);
		c->st.resources++;
		err = azg_access(c, rs[i], x);
	}
	return err;
}

/* --- the build ----------------------------------------------------------------------------- */

static void ctx_release(azg_ctx *c)
{
	size_t i;

	for (i = 0; i < c->types.cap; i++)
		if (c->types.keys[i] && c->types.values[i])
		{
			ptrmap_release(&((azg_type *)c->types.values[i])->grants);
			ptrmap_release(&((azg_type *)c->types.values[i])->alts);
		}
	ptrmap_release(&c->types);
	ptrmap_release(&c->sets);
	ptrmap_release(&c->conds);
	ptrmap_release(&c->pnode);
	ptrmap_release(&c->rnode);
	ptrmap_release(&c->alt_names);
	ptrmap_release(&c->esc_memo);
	ptrmap_release(&c->memo);
	ptrmap_release(&c->below);
	free(c->mg_xs);
	intern_release(&c->keys);
	arena_release(&c->mem);
}

int az_graph_build_stats(graph *g, model *m, diag_list *warn, az_graph_stats *stats)
{
	azg_ctx c;
	az_assignment **xs;
	size_t n, i, cap = 0;
	int err;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (!azm_present(m))
		return 0;
	memset(&c, 0, sizeof(c));
	c.g = g;
	c.m = m;
	c.a = model_azure(m);
	c.warn = warn;
	arena_init(&c.mem);
	intern_init(&c.keys);
	xs = azm_assignments(c.a, &n);
	for (i = 0; i < n; i++)
		if (xs[i]->scope && !strncmp(xs[i]->scope, MG_PREFIX, strlen(MG_PREFIX))) {
			XGROW(c.mg_xs, cap, c.n_mg_xs + 1);
			c.mg_xs[c.n_mg_xs++] = xs[i];
		}
	add_principals(&c);
	azg_index_below(&c);
	err = add_resources(&c);
	if (!err)
		err = azg_escalate(&c);
	if (stats)
		*stats = c.st;
	ctx_release(&c);
	return err;
}

int az_graph_build(graph *g, model *m, diag_list *warn)
{
	return az_graph_build_stats(g, m, warn, NULL);
}
