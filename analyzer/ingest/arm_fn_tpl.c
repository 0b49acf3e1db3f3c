/*
 * arm_fn_tpl — template functions on the template itself: parameters(),
 * variables() (evaluated once each, a cycle is a warning and a placeholder;
 * variable copy loops too), copyIndex() (a placeholder when the loop's count
 * is not known), and guid(): Azure's own, a version-5 UUID of the arguments
 * joined by '-' in namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830, so literal
 * arguments give the GUID Azure would; arguments holding placeholders give a
 * GUID of their text, marked symbolic.
 */
#include "ingest/arm_internal.h"

#include <openssl/evp.h>
#include <string.h>
#include <strings.h>

#define ADD(v) (arm_alts_add(c->t->f, out, (v)), 0)
#define PH() ADD(arm_call_placeholder(c))

static int fn_parameters(arm_call *c, arm_alts *out)
{
	const char *name = arm_arg_str(c, 0, 1);

	if (!name || c->n != 1)
		return PH();
	return arm_param_value(c->t, name, c->at, out);
}

static int find_var(const doc_node *vars, const char *name)
{
	size_t i;

	for (i = 0; vars && vars->type == DOC_OBJECT && i < vars->len; i++)
		if (!strcasecmp(vars->keys[i]->str, name))
			return (int)i;
	return -1;
}

static int fn_variables(arm_call *c, arm_alts *out)
{
	arm_tpl *t = c->t;
	const char *name = arm_arg_str(c, 0, 1);
	int i = name ? find_var(t->vdecl, name) : -1;
	arm_alts *memo;
	size_t k;

	if (i < 0 || c->n != 1) {
		const doc_node *copies = t->vdecl ? arm_member(t->vdecl, "copy") : NULL;
		/* "copy": [{"name": x, "count", "input"}] declares variable x: evaluate the whole block */
		if (name && copies && copies->type == DOC_ARRAY) {
			doc_node *holder = arm_container(t->f, DOC_OBJECT, copies, 1);
			arm_alts all;
			arm_push(t->f, holder, "copy", copies);
			arm_eval_deep(t, holder, &all);
			for (k = 0; k < all.n; k++)
				if (arm_member(all.v[k], name))
					arm_alts_add(c->t->f, out, arm_member(all.v[k], name));
			if (out->n)
				return 0;
		}
		return PH();
	}
	if (t->vmemo[i])
		memo = t->vmemo[i];
	else if (t->vbusy[i]) {
		diag_list_addf(t->f->ic->diags, DIAG_WARNING, c->at->file, c->at->line, c->at->col,
			       "variable '%s' depends on itself (left as a placeholder)", name);
		return PH();
	} else {
		memo = ARENA_NEW(&t->f->a, arm_alts);
		t->vbusy[i] = 1;
		arm_eval_deep(t, t->vdecl->items[i], memo);
		t->vbusy[i] = 0;
		t->vmemo[i] = memo;
	}
	for (k = 0; k < memo->n; k++)
		arm_alts_add(c->t->f, out, memo->v[k]);
	return 0;
}

static int fn_copy_index(arm_call *c, arm_alts *out)
{
	const arm_tpl *t = c->t;
	const char *loop = NULL;
	long long offset = 0, idx;
	size_t i, k;

	for (i = 0; i < c->n; i++) {
		if (c->args[i]->type == DOC_STRING && !arm_is_sym(c->args[i]))
			loop = c->args[i]->str;
		else if (!arm_int(c->args[i], &offset))
			return PH();
	}
	for (k = t->n_loops; k > 0; k--) {
		const arm_loop *l = &t->loops[k - 1];
		if (loop && (!l->name || strcasecmp(l->name, loop)))
			continue;
		if (!arm_int(l->index, &idx))
			return ADD(l->index);
		return ADD(arm_num(t->f, c->at, idx + offset));
	}
	return PH();
}

static int fn_guid(arm_call *c, arm_alts *out)
{
	static const unsigned char ns[16] = { 0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd,
					      0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30 };
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	strbuf sb = STRBUF_INIT;
	char g[37];
	EVP_MD_CTX *ctx;
	size_t i;
	int sym = 0;

	for (i = 0; i < c->n; i++) {
		if (c->args[i]->type != DOC_STRING)
			return PH();
		sym |= arm_is_sym(c->args[i]);
		if (i)
			strbuf_addch(&sb, '-');
		strbuf_addstr(&sb, c->args[i]->str);
	}
	ctx = EVP_MD_CTX_new();
	if (!c->n || !ctx || !EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) || !EVP_DigestUpdate(ctx, ns, sizeof(ns)) ||
	    !EVP_DigestUpdate(ctx, sb.buf, sb.len) || !EVP_DigestFinal_ex(ctx, md, &mdlen) || mdlen < 16) {
		EVP_MD_CTX_free(ctx);
		strbuf_release(&sb);
		return PH();
	}
	EVP_MD_CTX_free(ctx);
	strbuf_release(&sb);
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50);
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80);
	snprintf(g, sizeof(g), "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", md[0], md[1],
		 md[2], md[3], md[4], md[5], md[6], md[7], md[8], md[9], md[10], md[11], md[12], md[13], md[14], md[15]);
	return ADD(sym ? arm_symstr(c->t->f, c->at, g) : arm_strz(c->t->f, c->at, g));
}

static const arm_fn_def table[] = {
	{ "copyIndex", fn_copy_index, 0 },
	{ "guid", fn_guid, 0 },
	{ "parameters", fn_parameters, 0 },
	{ "variables", fn_variables, 0 },
	{ NULL, NULL, 0 }
};

const arm_fn_def *arm_fn_tpl_find(const char *name)
{
	size_t i;

	for (i = 0; table[i].name; i++)
		if (!strcasecmp(table[i].name, name))
			return &table[i];
	return NULL;
}
