/*
 * tf_plan — `terraform show -json` of a plan or a state; see tf_plan.h.
 *
 * The walk: planned_values.root_module (a state: values.root_module) and its
 * child_modules, recursively, give the resources after apply; data sources
 * read at plan time are in prior_state. resource_changes say which values
 * are known only after apply (change.after_unknown) and which resources are
 * deleted ("delete" alone; a replacement ["delete","create"] or
 * ["create","delete"] stays). A plan without planned_values is read from
 * resource_changes[].change.after. configuration.root_module (and
 * module_calls.*.module, recursively) gives each resource's expressions,
 * whose references tie an unknown attribute to the resource it names.
 *
 * Then three passes over the resources: identify (ARNs, names, ids, so any
 * resource can be referred to), define (principals, managed policies,
 * resources, roles) and link (inline policies, attachments, memberships,
 * resource policies, role assignments).
 */
#include "ingest/tf_plan.h"
#include "ingest/tf_plan_internal.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int detect(const doc_node *root, const char *path)
{
	(void)path;
	return root->type == DOC_OBJECT && doc_get(root, "format_version") && doc_get(root, "terraform_version") &&
	       (doc_get(root, "planned_values") || doc_get(root, "resource_changes") || doc_get(root, "values"));
}

static int type_ok(tf_plan *p, const doc_node *n, doc_type t, const char *what)
{
	if (n && n->type == t)
		return 1;
	if (n && n->type != DOC_NULL) {
		diag_list_addf(p->c->diags, DIAG_ERROR, n->file, n->line, n->col, "'%s' must be %s, not %s", what,
			       doc_type_phrase(t), doc_type_phrase(n->type));
		p->err = PG_EINPUT;
	}
	return 0;
}

/* "module.a[0].module.b["k"]" -> "module.a.module.b": instance keys dropped (quoted keys may hold brackets). */
static void strip_keys(strbuf *out, const char *s)
{
	int depth = 0, quoted = 0;

	for (; *s; s++) {
		if (quoted) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == '"')
				quoted = 0;
		} else if (*s == '"' && depth) {
			quoted = 1;
		} else if (*s == '[') {
			depth++;
		} else if (*s == ']' && depth) {
			depth--;
		} else if (!depth) {
			strbuf_addch(out, *s);
		}
	}
}

static void add_res(tf_plan *p, const doc_node *node, const char *module, const doc_node *values, int from_prior)
{
	const char *addr = doc_get_str(node, "address"), *type = doc_get_str(node, "type"),
		   *name = doc_get_str(node, "name"), *mode = doc_get_str(node, "mode");
	const char *key;
	strbuf sb = STRBUF_INIT;
	tf_res *r;

	if (!addr || !type || !name) {
		diag_list_addf(p->c->diags, DIAG_ERROR, node->file, node->line, node->col,
			       "a resource needs 'address', 'type' and 'name' (strings)");
		p->err = PG_EINPUT;
		return;
	}
	key = model_intern(p->c->m, addr);
	if (ptrmap_get(&p->by_addr, key)) {
		/* a data source read at plan time is in prior_state as well: the first wins */
		if (!from_prior)
			diag_list_addf(p->c->diags, DIAG_WARNING, node->file, node->line, node->col,
				       "resource '%s' is listed twice; the first is kept", addr);
		return;
	}
	XGROW(p->res, p->cap, p->n + 1);
	r = &p->res[p->n++];
	memset(r, 0, sizeof(*r));
	r->address = key;
	r->type = model_intern(p->c->m, type);
	r->module = model_intern(p->c->m, module);
	r->data = mode && !strcmp(mode, "data");
	r->node = node;
	if (values && type_ok(p, values, DOC_OBJECT, "values"))
		r->values = values;
	strip_keys(&sb, module);
	strbuf_addf(&sb, "|%s%s.%s", r->data ? "data." : "", type, name);
	r->cfg_key = model_intern(p->c->m, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s|%s%s.%s", module, r->data ? "data." : "", type, name);
	r->inst_key = model_intern(p->c->m, sb.buf);
	strbuf_release(&sb);
	ptrmap_put(&p->by_addr, key, (void *)(uintptr_t)p->n);   /* index + 1: the array may still move */
}

static void walk_module(tf_plan *p, const doc_node *mod, int depth, int prior_data_only)
{
	const doc_node *list, *kids;
	const char *addr;
	size_t i;

	if (depth > 64 || !type_ok(p, mod, DOC_OBJECT, "module"))
		return;
	addr = doc_get_str(mod, "address");
	list = doc_get(mod, "resources");
	if (type_ok(p, list, DOC_ARRAY, "resources"))
		for (i = 0; i < list->len; i++) {
			const doc_node *e = list->items[i];
			if (!type_ok(p, e, DOC_OBJECT, "resource"))
				continue;
			if (prior_data_only && !(doc_get_str(e, "mode") && !strcmp(doc_get_str(e, "mode"), "data")))
				continue;
			add_res(p, e, addr ? addr : "", doc_get(e, "values"), prior_data_only);
		}
	kids = doc_get(mod, "child_modules");
	if (type_ok(p, kids, DOC_ARRAY, "child_modules"))
		for (i = 0; i < kids->len; i++)
			walk_module(p, kids->items[i], depth + 1, prior_data_only);
}

static const doc_node *root_module(tf_plan *p, const doc_node *values)
{
	return values && type_ok(p, values, DOC_OBJECT, "values") ? doc_get(values, "root_module") : NULL;
}

static int deleted(const doc_node *change)
{
	const doc_node *a = doc_get(change, "actions");

	return a && a->type == DOC_ARRAY && a->len == 1 && a->items[0]->type == DOC_STRING &&
	       (!strcmp(a->items[0]->str, "delete") || !strcmp(a->items[0]->str, "forget"));
}

static int creates(const doc_node *change)
{
	const doc_node *a = doc_get(change, "actions");
	size_t i;

	for (i = 0; a && a->type == DOC_ARRAY && i < a->len; i++)
		if (a->items[i]->type == DOC_STRING && !strcmp(a->items[i]->str, "create"))
			return 1;
	return 0;
}

/* resource_changes: the change of each address; a plan without planned_values is read from them. */
static void read_changes(tf_plan *p, const doc_node *list, int as_values)
{
	size_t i;

	if (!type_ok(p, list, DOC_ARRAY, "resource_changes"))
		return;
	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i], *ch;
		const char *addr;
		if (!type_ok(p, e, DOC_OBJECT, "resource change"))
			continue;
		ch = doc_get(e, "change");
		addr = doc_get_str(e, "address");
		if (!addr || doc_get(e, "deposed") || !type_ok(p, ch, DOC_OBJECT, "change"))
			continue;       /* a deposed object is on its way out */
		ptrmap_put(&p->changes, model_intern(p->c->m, addr), (void *)ch);
		if (as_values && !deleted(ch))
			add_res(p, e, doc_get_str(e, "module_address") ? doc_get_str(e, "module_address") : "",
				doc_get(ch, "after"), 0);
	}
}

static void read_config(tf_plan *p, const doc_node *mod, const char *path, int depth)
{
	const doc_node *list = doc_get(mod, "resources"), *calls = doc_get(mod, "module_calls");
	strbuf sb = STRBUF_INIT;
	size_t i;

	if (depth > 64 || !mod || mod->type != DOC_OBJECT)
		return;
	for (i = 0; list && list->type == DOC_ARRAY && i < list->len; i++) {
		const char *a = doc_get_str(list->items[i], "address");
		const doc_node *ex = doc_get(list->items[i], "expressions");
		if (!a || !ex || ex->type != DOC_OBJECT)
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s|%s", path, a);
		ptrmap_put(&p->cfg, model_intern(p->c->m, sb.buf), (void *)ex);
	}
	for (i = 0; calls && calls->type == DOC_OBJECT && i < calls->len; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%smodule.%s", path, *path ? "." : "", calls->keys[i]->str);
		read_config(p, doc_get(calls->items[i], "module"), sb.buf, depth + 1);
	}
	strbuf_release(&sb);
}

static int is_account_id(const char *s)
{
	size_t i;

	for (i = 0; s && isdigit((unsigned char)s[i]); i++)
		;
	return s && i == 12 && !s[i];
}

static int own_arn(const char *type)
{
	static const char *const own[] = { "aws_iam_role", "aws_iam_user", "aws_iam_group", "aws_iam_policy",
					   "aws_sqs_queue", "aws_sns_topic", "aws_lambda_function", "aws_kms_key",
					   "aws_secretsmanager_secret", "aws_dynamodb_table", NULL };
	size_t i;

	for (i = 0; own[i]; i++)
		if (!strcmp(own[i], type))
			return 1;
	return 0;
}

/* Keep the first candidate; a different second one makes the value unknown (*clash set). */
static void candidate(tf_plan *p, const char **slot, int *clash, const char *v)
{
	const char *s = v ? model_intern(p->c->m, v) : NULL;

	if (!s || !*s || *clash)
		return;
	if (*slot && *slot != s) {
		*clash = 1;
		*slot = NULL;
		return;
	}
	*slot = s;
}

static const char *const_str(const doc_node *expr, const char *key)
{
	const doc_node *e = doc_get(expr, key), *v = e ? doc_get(e, "constant_value") : NULL;

	if (v && v->type == DOC_ARRAY && v->len == 1)
		v = v->items[0];
	return v && v->type == DOC_STRING ? v->str : NULL;
}

/* The plan's account, region, partition and subscription (see tf_plan.h). */
static void plan_context(tf_plan *p, const doc_node *config)
{
	const doc_node *prov = doc_get(config, "provider_config");
	int acct_clash = 0, region_clash = 0, sub_clash = 0, part_clash = 0;
	const char *arn_acct = NULL, *partition = NULL;
	int arn_clash = 0;
	size_t i;

	for (i = 0; prov && prov->type == DOC_OBJECT && i < prov->len; i++) {
		const doc_node *ex = doc_get(prov->items[i], "expressions");
		const char *nm = doc_get_str(prov->items[i], "name");
		if (nm && !strcmp(nm, "aws")) {
			const doc_node *dt = doc_get(ex, "default_tags"), *tags;
			candidate(p, &p->account, &acct_clash, const_str(ex, "allowed_account_ids"));
			candidate(p, &p->region, &region_clash, const_str(ex, "region"));
			if (dt && dt->type == DOC_ARRAY && dt->len)
				dt = dt->items[0];
			tags = doc_get(dt, "tags");
			tags = tags ? doc_get(tags, "constant_value") : NULL;
			if (tags && tags->type == DOC_OBJECT && !p->default_tags)
				p->default_tags = tags;
		} else if (nm && !strcmp(nm, "azurerm")) {
			candidate(p, &p->subscription, &sub_clash, const_str(ex, "subscription_id"));
		}
	}
	for (i = 0; i < p->n; i++) {
		tf_res *r = &p->res[i];
		const char *t = r->type, *arn = tf_sval(r, "arn"), *a;
		if (r->data && !strcmp(t, "aws_caller_identity"))
			candidate(p, &p->account, &acct_clash, tf_str(p, r, "account_id"));
		else if (r->data && !strcmp(t, "aws_region"))
			candidate(p, &p->region, &region_clash, tf_str(p, r, "name") ? tf_str(p, r, "name")
										: tf_str(p, r, "region"));
		else if (r->data && !strcmp(t, "aws_partition"))
			candidate(p, &partition, &part_clash, tf_str(p, r, "partition"));
		else if (r->data && (!strcmp(t, "azurerm_subscription") || !strcmp(t, "azurerm_client_config")))
			candidate(p, &p->subscription, &sub_clash, tf_str(p, r, "subscription_id"));
		/* an existing resource's ARN says its account (AWS-managed policy ARNs say "aws");
		 * only of types whose `arn` is their own (a topic policy's is its topic's) */
		if (!r->data && arn && own_arn(t) && is_account_id(a = model_arn_account(p->c->m, arn)))
			candidate(p, &arn_acct, &arn_clash, a);
	}
	if (!p->account && !acct_clash && arn_acct)
		p->account = arn_acct;
	if (p->account && !is_account_id(p->account))
		p->account = NULL;
	if (acct_clash)
		diag_list_addf(p->c->diags, DIAG_WARNING, p->c->path, 0, 0,
			       "the plan names several AWS accounts: the ARNs it derives keep the account empty (unknown)");
	p->partition = model_intern(p->c->m, partition ? partition : "aws");
}

/* Each resource's after_unknown and configuration; the chains of instances of one resource block. */
static void attach_changes(tf_plan *p)
{
	size_t i;

	for (i = p->n; i > 0; i--) {
		tf_res *r = &p->res[i - 1];
		const doc_node *ch = ptrmap_get(&p->changes, r->address), *u;

		if (ch && (u = doc_get(ch, "after_unknown")) && u->type == DOC_OBJECT)
			r->unknown = u;
		/* planned_values may say null where the change's after has the known part */
		if (!r->values && ch && (u = doc_get(ch, "after")) && u->type == DOC_OBJECT)
			r->values = u;
		r->created = ch && creates(ch);
		r->expr = ptrmap_get(&p->cfg, r->cfg_key);
		/* walking backwards, so each chain lists instances in document order */
		r->same_next = (size_t)(uintptr_t)ptrmap_get(&p->inst, r->inst_key);
		ptrmap_put(&p->inst, r->inst_key, (void *)(uintptr_t)i);
	}
}

static int read_plan(ingest_ctx *c, const doc_node *root)
{
	tf_plan p;
	const doc_node *pv, *rc, *prior, *config;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.c = c;
	if (root->type != DOC_OBJECT) {
		diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col,
			       "a Terraform plan must be an object, not %s", doc_type_phrase(root->type));
		return PG_EINPUT;
	}
	pv = doc_get(root, "planned_values");
	rc = doc_get(root, "resource_changes");
	prior = doc_get(root, "prior_state");
	config = doc_get(root, "configuration");
	if (pv)
		walk_module(&p, root_module(&p, pv), 0, 0);
	else if (doc_get(root, "values"))
		walk_module(&p, root_module(&p, doc_get(root, "values")), 0, 0);
	if (rc)
		read_changes(&p, rc, !pv && !doc_get(root, "values"));
	if (prior && type_ok(&p, prior, DOC_OBJECT, "prior_state"))
		walk_module(&p, root_module(&p, doc_get(prior, "values")), 0, 1);
	if (config && type_ok(&p, config, DOC_OBJECT, "configuration"))
		read_config(&p, doc_get(config, "root_module"), "", 0);
	attach_changes(&p);
	plan_context(&p, config);

	for (i = 0; i < p.n; i++) {
		tf_res *r = &p.res[i];
		const doc_node *ch = ptrmap_get(&p.changes, r->address);
		r->gone = ch && deleted(ch);
		if (!r->gone && !tf_aws_identify(&p, r) && !tf_awsres_identify(&p, r))
			tf_az_identify(&p, r);
	}
	for (i = 0; i < p.n; i++)
		if (!p.res[i].data && !p.res[i].gone) {
			tf_aws_define(&p, &p.res[i]);
			tf_awsres_define(&p, &p.res[i]);
			tf_az_define(&p, &p.res[i]);
		}
	for (i = 0; i < p.n; i++)
		if (!p.res[i].data && !p.res[i].gone) {
			tf_aws_link(&p, &p.res[i]);
			tf_awsres_link(&p, &p.res[i]);
			tf_az_link(&p, &p.res[i]);
		}
	free(p.res);
	ptrmap_release(&p.by_addr);
	ptrmap_release(&p.cfg);
	ptrmap_release(&p.changes);
	ptrmap_release(&p.inst);
	return p.err;
}

const ingest_format ingest_tf_plan_format = {
	"terraform-plan",
	"terraform show -json of a plan (planned_values, resource_changes, configuration) or a state",
	detect, read_plan
};
