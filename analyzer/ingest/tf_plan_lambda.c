/*
 * tf_plan_lambda — aws_lambda_permission: one statement of its function's
 * resource policy, as Lambda's AddPermission writes it:
 *
 *   {"Sid": statement_id, "Effect": "Allow",
 *    "Principal": {"Service": S} | {"AWS": A} | "*",
 *    "Action": action, "Resource": FUNCTION_ARN[:qualifier],
 *    "Condition": {"ArnLike": {"AWS:SourceArn": source_arn},
 *                  "StringEquals": {"AWS:SourceAccount": source_account,
 *                                   "aws:PrincipalOrgID": principal_org_id,
 *                                   "lambda:EventSourceToken": event_source_token,
 *                                   "lambda:FunctionUrlAuthType": function_url_auth_type}}}
 *
 * A principal ending in ".amazonaws.com" (or ".amazon.com") is a service. An
 * attribute known only after apply takes the ARN of the resource its
 * references name; when they name nothing of the plan, a principal becomes
 * "*" and a condition value is left out, and the statement gets the
 * condition terraform:KnownAfterApply that no input settles (see
 * tf_plan_doc.c): the grant is reported `conditional`, never dropped.
 */
#include "ingest/tf_plan_internal.h"
#include "ingest/aws_resource.h"
#include "base/strbuf.h"

#include <string.h>

static const char *const T_FUNCTION[] = { "aws_lambda_function", NULL };

typedef struct perm {
	tf_plan *p;
	tf_res *r;
	strbuf marker;          /* references of values nothing of the plan resolves */
} perm;

/* Attribute key: its known value, else the id of what its references name, else NULL (marker noted). */
static const char *value(perm *x, const char *key)
{
	const char *v = tf_str(x->p, x->r, key);
	const doc_node *ex = tf_expr(x->r, key), *refs = ex ? doc_get(ex, "references") : NULL;
	tf_res *t[1];

	if (v || !refs)
		return v;
	if (tf_refs(x->p, x->r, ex, NULL, t, 1) >= 1 && t[0]->id)
		return t[0]->id;
	if (refs->type == DOC_ARRAY && refs->len && refs->items[0]->type == DOC_STRING)
		strbuf_addf(&x->marker, "%s%s", x->marker.len ? ", " : "", refs->items[0]->str);
	return NULL;
}

static int is_service(const char *s)
{
	size_t n = strlen(s);

	return (n > 14 && !strcmp(s + n - 14, ".amazonaws.com")) || (n > 11 && !strcmp(s + n - 11, ".amazon.com"));
}

static void string_cond(strbuf *sb, int *first, const char *key, const char *v)
{
	if (!v)
		return;
	strbuf_addstr(sb, *first ? "" : ",");
	tf_json_str(sb, key);
	strbuf_addch(sb, ':');
	tf_json_str(sb, v);
	*first = 0;
}

/* The statement's JSON for the function resource ARN `fn`. */
static void statement(perm *x, const char *fn, strbuf *sb)
{
	const char *sid = value(x, "statement_id"), *action = value(x, "action"), *who = value(x, "principal");
	const char *qual = value(x, "qualifier"), *src = value(x, "source_arn");
	const char *acct = value(x, "source_account"), *org = value(x, "principal_org_id");
	const char *tok = value(x, "event_source_token"), *url = value(x, "function_url_auth_type");
	int first = 1;

	strbuf_addstr(sb, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"");
	if (sid && *sid) {
		strbuf_addstr(sb, ",\"Sid\":");
		tf_json_str(sb, sid);
	}
	strbuf_addstr(sb, ",\"Principal\":");
	if (!who || !strcmp(who, "*")) {
		strbuf_addstr(sb, "\"*\"");
	} else {
		strbuf_addstr(sb, is_service(who) ? "{\"Service\":" : "{\"AWS\":");
		tf_json_str(sb, who);
		strbuf_addch(sb, '}');
	}
	strbuf_addstr(sb, ",\"Action\":");
	tf_json_str(sb, action ? action : "lambda:*");
	strbuf_addstr(sb, ",\"Resource\":");
	if (qual && *qual) {
		strbuf res = STRBUF_INIT;
		strbuf_addf(&res, "%s:%s", fn, qual);
		tf_json_str(sb, res.buf);
		strbuf_release(&res);
	} else {
		tf_json_str(sb, fn);
	}
	if (src || acct || org || tok || url || x->marker.len) {
		strbuf_addstr(sb, ",\"Condition\":{");
		if (src) {
			strbuf_addstr(sb, "\"ArnLike\":{");
			string_cond(sb, &first, "AWS:SourceArn", src);
			strbuf_addch(sb, '}');
		}
		if (acct || org || tok || url || x->marker.len) {
			strbuf_addstr(sb, src ? ",\"StringEquals\":{" : "\"StringEquals\":{");
			first = 1;
			string_cond(sb, &first, "AWS:SourceAccount", acct);
			string_cond(sb, &first, "aws:PrincipalOrgID", org);
			string_cond(sb, &first, "lambda:EventSourceToken", tok);
			string_cond(sb, &first, "lambda:FunctionUrlAuthType", url);
			string_cond(sb, &first, "terraform:KnownAfterApply", x->marker.len ? x->marker.buf : NULL);
			strbuf_addch(sb, '}');
		}
		strbuf_addch(sb, '}');
	}
	strbuf_addstr(sb, "}]}");
}

/* Add the one statement of `add` to res's policy (a function keeps one policy of many permissions). */
static void append(tf_plan *p, resource *res, policy *add)
{
	policy *pol = res->policy;
	stmt *all;
	size_t i;

	add->name = res->arn;
	res->policy_known = 1;
	if (!pol) {
		res->policy = add;
		return;
	}
	all = ARENA_ARRAY(model_arena(p->c->m), stmt, pol->n_stmts + add->n_stmts);
	memcpy(all, pol->stmts, pol->n_stmts * sizeof(stmt));
	for (i = 0; i < add->n_stmts; i++) {
		all[pol->n_stmts + i] = add->stmts[i];
		all[pol->n_stmts + i].policy = pol;
		all[pol->n_stmts + i].index = pol->n_stmts + i;
	}
	pol->stmts = all;
	pol->n_stmts += add->n_stmts;
}

void tf_awsres_lambda_permission(tf_plan *p, tf_res *r)
{
	resource *fns[TF_MAX_TARGETS];
	size_t n = tf_awsres_targets(p, r, "function_name", T_FUNCTION, fns, TF_MAX_TARGETS), i;
	strbuf sb = STRBUF_INIT;
	perm x = { p, r, STRBUF_INIT };
	policy *pol;

	for (i = 0; i < n; i++) {
		strbuf_reset(&sb);
		strbuf_reset(&x.marker);
		statement(&x, fns[i]->arn, &sb);
		if (tf_policy_text(p, r, sb.buf, POL_RESOURCE, fns[i]->arn, NULL, 0, &pol) == 0)
			append(p, fns[i], pol);
	}
	strbuf_release(&sb);
	strbuf_release(&x.marker);
}
