/*
 * cfn_eval — CloudFormation values into their alternatives: the walk over
 * objects and lists, and Ref, Fn::GetAtt and Fn::If (the other intrinsics
 * are cfn_intrinsic.c's; alternatives and guards cfn_alts.c's).
 *
 * Objects and lists are the product of their members' alternatives (a
 * statement whose Principal and Resource both depend on condition C has two
 * alternatives, not four: combinations that assume C both holds and does not
 * are pruned). Where list items stand on their own (statements, attachments),
 * cfn_eval_union takes every item's alternatives instead, so the number of
 * Fn::If in a list never multiplies.
 */
#include "ingest/cfn_internal.h"
#include <string.h>

/* --- objects and lists ------------------------------------------------------------ */

static int build_container(cfn_ctx *c, void *arg, const cfn_alt *const *picks, size_t k, const cfn_guard *g,
			   unsigned flags, cfn_alts *out)
{
	const doc_node *src = arg;
	doc_node *n = cfn_container(c, src->type, src, k);
	size_t i;

	for (i = 0; i < k; i++) {
		if (picks[i]->n == CFN_NOVALUE)
			continue;
		if (src->type == DOC_OBJECT)
			n->keys[n->len] = src->keys[i];
		n->items[n->len++] = (doc_node *)picks[i]->n;
	}
	return cfn_push(c, out, src, n, g, flags);
}

static int eval_container(cfn_ctx *c, const doc_node *n, cfn_alts *out)
{
	cfn_alts *lists = ARENA_ARRAY(&c->scratch, cfn_alts, n->len + 1);
	size_t i;
	int same = 1, err = 0;

	for (i = 0; i < n->len; i++) {
		if (cfn_eval(c, n->items[i], &lists[i]) < 0)
			err = PG_EINPUT;
		same = same && lists[i].n == 1 && lists[i].v[0].n == n->items[i] && !lists[i].v[0].guard &&
		       !lists[i].v[0].flags;
	}
	if (err)
		return err;
	/* nothing to resolve inside: the template's own node */
	if (same)
		return cfn_push(c, out, n, n, NULL, 0);
	return cfn_product(c, n, lists, n->len, build_container, (void *)n, out);
}

/* --- Ref, Fn::GetAtt, Fn::If ------------------------------------------------------- */

static int fn_ref(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	cfn_res *r;

	if (arg->type != DOC_STRING) {
		cfn_error(c, arg, "'Ref' takes the name of a parameter or resource, not %s", doc_type_phrase(arg->type));
		return PG_EINPUT;
	}
	if (!strcmp(arg->str, "AWS::NoValue"))
		return cfn_push(c, out, at, CFN_NOVALUE, NULL, 0);
	if (cfn_ref_param(c, arg->str, at, out))
		return 0;
	if ((r = cfn_find_res(c, arg->str)) != NULL)
		return cfn_res_ref(c, r, at, out);
	/* a typo must not hide the rest of the resource: report it, go on with a placeholder */
	cfn_error(c, arg, "'Ref' to '%s', which is neither a parameter nor a resource of the template", arg->str);
	{
		char ph[256];
		cfn_placeholder(ph, sizeof(ph), arg->str);
		return cfn_push_sym(c, out, at, "{%s%s}", ph, c->sfx);
	}
}

static int getatt_one(cfn_ctx *c, const doc_node *at, const doc_node *where, const char *id, size_t id_len,
		      const char *attr, cfn_alts *out)
{
	char name[256];
	cfn_res *r;

	snprintf(name, sizeof(name), "%.*s", (int)id_len, id);
	r = cfn_find_res(c, name);
	if (!r) {
		char ph[256];
		cfn_error(c, where, "'Fn::GetAtt' of '%s', which is not a resource of the template", name);
		cfn_placeholder(ph, sizeof(ph), name);
		return cfn_push_sym(c, out, at, "{%s.%s%s}", ph, attr, c->sfx);
	}
	return cfn_res_getatt(c, r, attr, at, out);
}

static int fn_getatt(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	cfn_alts attrs = { NULL, 0, 0 };
	const char *dot;
	size_t i;
	int err = 0;

	/* the short form !GetAtt Res.Attr (the attribute may itself hold dots) */
	if (arg->type == DOC_STRING && (dot = strchr(arg->str, '.')) != NULL && dot != arg->str && dot[1])
		return getatt_one(c, at, arg, arg->str, (size_t)(dot - arg->str), dot + 1, out);
	if (arg->type != DOC_ARRAY || arg->len != 2 || arg->items[0]->type != DOC_STRING) {
		cfn_error(c, arg, "'Fn::GetAtt' takes [LogicalId, Attribute] or \"LogicalId.Attribute\"");
		return PG_EINPUT;
	}
	if (cfn_eval(c, arg->items[1], &attrs) < 0)
		return PG_EINPUT;
	for (i = 0; i < attrs.n && !err; i++) {
		if (attrs.v[i].n->type != DOC_STRING) {
			cfn_error(c, arg->items[1], "the attribute of 'Fn::GetAtt' must be a string");
			return PG_EINPUT;
		}
		err = getatt_one(c, at, arg->items[0], arg->items[0]->str, arg->items[0]->len, attrs.v[i].n->str, out);
	}
	return err;
}

static int fn_if(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	cfn_alts yes = { NULL, 0, 0 }, no = { NULL, 0, 0 };
	const char *cname;
	size_t i;
	tri t;
	int err = 0;

	if (arg->type != DOC_ARRAY || arg->len != 3 || arg->items[0]->type != DOC_STRING) {
		cfn_error(c, arg, "'Fn::If' takes [ConditionName, ValueIfTrue, ValueIfFalse]");
		return PG_EINPUT;
	}
	cname = arg->items[0]->str;
	t = cfn_cond_decide(c, cname, arg->items[0]);
	if (t == TRI_TRUE)
		return cfn_eval(c, arg->items[1], out);
	if (t == TRI_FALSE)
		return cfn_eval(c, arg->items[2], out);
	/* undecided: both branches, each remembering which it is */
	if (cfn_eval(c, arg->items[1], &yes) < 0 || cfn_eval(c, arg->items[2], &no) < 0)
		return PG_EINPUT;
	for (i = 0; i < yes.n && !err; i++)
		err = cfn_push(c, out, at, yes.v[i].n, cfn_guard_add(c, yes.v[i].guard, cname, 1, at), yes.v[i].flags);
	for (i = 0; i < no.n && !err; i++)
		err = cfn_push(c, out, at, no.v[i].n, cfn_guard_add(c, no.v[i].guard, cname, 0, at), no.v[i].flags);
	return err;
}

/* Fn::Base64 and Fn::ToJsonString: the value itself (a policy given through
 * ToJsonString is still the object, which aws_policy reads either way). */
static int fn_inner(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	(void)at;
	return cfn_eval(c, arg, out);
}

static int fn_symbolic_list(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	doc_node *list = cfn_container(c, DOC_ARRAY, at, 1);

	(void)arg;
	list->items[list->len++] = cfn_str(c, at, "{AvailabilityZones}", 19);
	return cfn_push(c, out, at, list, NULL, CFN_SYM);
}

static const struct {
	const char *name;
	int (*fn)(cfn_ctx *, const doc_node *, const doc_node *, cfn_alts *);
} fns[] = {
	{ "Ref", fn_ref }, { "Fn::GetAtt", fn_getatt }, { "Fn::If", fn_if }, { "Fn::Sub", cfn_fn_sub },
	{ "Fn::Join", cfn_fn_join }, { "Fn::Select", cfn_fn_select }, { "Fn::Split", cfn_fn_split },
	{ "Fn::FindInMap", cfn_fn_find_in_map }, { "Fn::ImportValue", cfn_fn_import }, { "Fn::Base64", fn_inner },
	{ "Fn::ToJsonString", fn_inner }, { "Fn::GetAZs", fn_symbolic_list },
};

int cfn_eval(cfn_ctx *c, const doc_node *n, cfn_alts *out)
{
	const doc_node *arg;
	const char *fn;
	size_t i;
	int err;

	if (n->type != DOC_ARRAY && n->type != DOC_OBJECT)
		return cfn_push(c, out, n, n, NULL, 0);
	if (c->depth >= DOC_MAX_DEPTH + CFN_MAX_DEPTH) {
		cfn_error(c, n, "values nested or referenced more than %d levels deep", DOC_MAX_DEPTH + CFN_MAX_DEPTH);
		return PG_EINPUT;
	}
	c->depth++;
	fn = cfn_intrinsic(n, &arg);
	if (!fn) {
		err = eval_container(c, n, out);
	} else {
		for (i = 0; i < sizeof(fns) / sizeof(fns[0]) && strcmp(fns[i].name, fn); i++)
			;
		if (i < sizeof(fns) / sizeof(fns[0])) {
			err = fns[i].fn(c, n, arg, out);
		} else {
			/* Fn::Cidr, Fn::Length, Fn::Transform, ...: nothing IAM depends on; stays symbolic */
			char ph[128];
			cfn_warn(c, n, "'%s' is not evaluated; its value stays symbolic", fn);
			cfn_placeholder(ph, sizeof(ph), fn);
			err = cfn_push_sym(c, out, n, "{%s%s}", ph, c->sfx);
		}
	}
	c->depth--;
	return err;
}

static int push_flat(cfn_ctx *c, const cfn_alt *a, cfn_alts *out)
{
	size_t i;

	if (a->n == CFN_NOVALUE)
		return 0;
	if (a->n->type != DOC_ARRAY) {
		cfn_append(c, out, a->n, a->guard, a->flags);
		return 0;
	}
	for (i = 0; i < a->n->len; i++)
		cfn_append(c, out, a->n->items[i], a->guard, a->flags);
	return 0;
}

int cfn_eval_union(cfn_ctx *c, const doc_node *n, int shallow, cfn_alts *out)
{
	cfn_alts tmp;
	size_t i, j;
	int err = 0;

	if (n->type == DOC_ARRAY && !cfn_intrinsic(n, NULL)) {
		for (i = 0; i < n->len; i++) {
			memset(&tmp, 0, sizeof(tmp));
			if (shallow && n->items[i]->type == DOC_OBJECT && !cfn_intrinsic(n->items[i], NULL))
				cfn_append(c, &tmp, n->items[i], NULL, 0);
			else if (cfn_eval(c, n->items[i], &tmp) < 0)
				err = PG_EINPUT;    /* placed; the other items still count */
			for (j = 0; j < tmp.n; j++)
				if (tmp.v[j].n != CFN_NOVALUE)
					cfn_append(c, out, tmp.v[j].n, tmp.v[j].guard, tmp.v[j].flags);
		}
		return err;
	}
	memset(&tmp, 0, sizeof(tmp));
	err = cfn_eval(c, n, &tmp);
	for (j = 0; j < tmp.n; j++)
		push_flat(c, &tmp.v[j], out);
	return err;
}
