/*
 * cfn_lambda — AWS::Lambda::Permission: the statement Lambda adds to the
 * function's resource policy (as `lambda get-policy` shows it): Allow,
 * Principal (a service such as s3.amazonaws.com, an account id, an ARN or
 * "*"), Action, Resource the function, and SourceArn, SourceAccount,
 * PrincipalOrgID and FunctionUrlAuthType as the conditions AWS:SourceArn
 * (ArnLike), AWS:SourceAccount, aws:PrincipalOrgID and
 * lambda:FunctionUrlAuthType (StringEquals). Under Fn::If every reading of a
 * property counts (the values of one Allow).
 */
#include "ingest/cfn_internal.h"
#include "ingest/aws_policy.h"
#include "base/strbuf.h"

#include <ctype.h>
#include <string.h>

/* The function's unqualified ARN from a name, a partial ARN (ACCOUNT:function:NAME) or an ARN. */
static const char *function_arn(cfn_ctx *c, const char *v, strbuf *sb)
{
	const char *p = v;
	int colons = 0;

	if (!strncmp(v, "arn:", 4)) {
		/* arn:P:lambda:R:A:function:NAME[:QUALIFIER] */
		for (; *p; p++)
			if (*p == ':' && ++colons == 7)
				break;
		strbuf_add(sb, v, (size_t)(p - v));
		return colons >= 6 ? sb->buf : NULL;
	}
	if (strstr(v, ":function:")) {
		const char *name = strstr(v, ":function:") + 10, *q = strchr(name, ':');
		strbuf_addf(sb, "arn:%s:lambda:%s:%.*s:function:%.*s", c->partition, c->region,
			    (int)(strstr(v, ":function:") - v), v, q ? (int)(q - name) : (int)strlen(name), name);
		return sb->buf;
	}
	strbuf_addf(sb, "arn:%s:lambda:%s:%s:function:%.*s", c->partition, c->region, c->account,
		    strchr(v, ':') ? (int)(strchr(v, ':') - v) : (int)strlen(v), v);
	return sb->buf;
}

static int is_account(const char *s)
{
	size_t i;

	for (i = 0; isdigit((unsigned char)s[i]); i++)
		;
	return i == 12 && !s[i];
}

/* Principal: {"AWS": [...], "Service": [...]} or "*". */
static const doc_node *principal_of(cfn_ctx *c, const doc_node *prop)
{
	doc_node *aws, *svc;
	const doc_node **locs;
	const char **vals;
	size_t n, i;

	vals = cfn_strings(c, prop, "Principal", &locs, &n);
	aws = cfn_container(c, DOC_ARRAY, prop, n);
	svc = cfn_container(c, DOC_ARRAY, prop, n);
	for (i = 0; i < n; i++) {
		if (!strcmp(vals[i], "*"))
			return locs[i];
		if (is_account(vals[i]) || !strncmp(vals[i], "arn:", 4))
			aws->items[aws->len++] = (doc_node *)locs[i];
		else
			svc->items[svc->len++] = (doc_node *)locs[i];
	}
	if (!n)
		return NULL;
	return cfn_object(c, prop, 2, "AWS", aws->len ? aws : NULL, "Service", svc->len ? svc : NULL);
}

static const doc_node *values(cfn_ctx *c, const cfn_res *r, const char *prop)
{
	const doc_node *n = doc_get(r->props, prop), **locs;
	doc_node *list;
	size_t count, i;

	if (!n)
		return NULL;
	cfn_strings(c, n, prop, &locs, &count);
	if (!count)
		return NULL;
	list = cfn_container(c, DOC_ARRAY, n, count);
	for (i = 0; i < count; i++)
		list->items[list->len++] = (doc_node *)locs[i];
	return list;
}

static const doc_node *conditions(cfn_ctx *c, const cfn_res *r)
{
	const doc_node *src = values(c, r, "SourceArn"), *acct = values(c, r, "SourceAccount"),
		       *org = values(c, r, "PrincipalOrgID"), *url = values(c, r, "FunctionUrlAuthType"), *eq;

	eq = acct || org || url ? cfn_object(c, r->key, 3, "AWS:SourceAccount", acct, "aws:PrincipalOrgID", org,
					     "lambda:FunctionUrlAuthType", url) : NULL;
	if (!src && !eq)
		return NULL;
	return cfn_object(c, r->key, 2, "ArnLike", src ? cfn_object(c, r->key, 1, "AWS:SourceArn", src) : NULL,
			  "StringEquals", eq);
}

/* Add pol's statements to res's policy (a function has one policy for all its permissions). */
static void add_statements(cfn_ctx *c, resource *res, policy *pol)
{
	policy *to = res->policy;
	stmt *all;
	size_t i;

	pol->name = res->arn;
	res->policy_known = 1;
	if (!to) {
		res->policy = pol;
		return;
	}
	all = ARENA_ARRAY(model_arena(c->m), stmt, to->n_stmts + pol->n_stmts);
	memcpy(all, to->stmts, to->n_stmts * sizeof(*all));
	for (i = 0; i < pol->n_stmts; i++) {
		all[to->n_stmts + i] = pol->stmts[i];
		all[to->n_stmts + i].policy = to;
		all[to->n_stmts + i].index = to->n_stmts + i;
	}
	to->stmts = all;
	to->n_stmts += pol->n_stmts;
}

int cfn_lambda_permission(cfn_ctx *c, cfn_res *r)
{
	const doc_node *fn = doc_get(r->props, "FunctionName"), *action = values(c, r, "Action"), *who, *cname, **locs;
	const char **names;
	strbuf sb = STRBUF_INIT;
	size_t n, i;

	if (!fn || !action || !doc_get(r->props, "Principal")) {
		cfn_error(c, r->key, "'%s' needs 'FunctionName', 'Action' and 'Principal'", r->id);
		return PG_EINPUT;
	}
	if (!(who = principal_of(c, doc_get(r->props, "Principal"))))
		return PG_EINPUT;
	cname = conditions(c, r);
	names = cfn_strings(c, fn, "FunctionName", &locs, &n);
	for (i = 0; i < n; i++) {
		const char *arn;
		doc_node *st, *list;
		policy *pol;
		resource *res;
		strbuf_reset(&sb);
		if (!(arn = function_arn(c, names[i], &sb))) {
			cfn_error(c, locs[i], "cannot tell the function '%s' names", names[i]);
			continue;
		}
		res = cfn_store(c, arn, "AWS::Lambda::Function", locs[i]);
		st = cfn_object(c, r->key, 6, "Sid", cfn_text(c, r->key, r->id), "Effect", cfn_text(c, r->key, "Allow"),
				"Principal", who, "Action", action, "Resource", cfn_text(c, locs[i], res->arn),
				"Condition", cname);
		list = cfn_container(c, DOC_ARRAY, r->key, 1);
		list->items[list->len++] = st;
		if (aws_policy_parse(c->m, c->ic->doc, cfn_object(c, r->key, 2, "Version", cfn_text(c, r->key, "2012-10-17"),
								   "Statement", list),
				     POL_RESOURCE, res->arn, &pol, c->ic->diags) == 0)
			add_statements(c, res, pol);
	}
	strbuf_release(&sb);
	return 0;
}
