/* policy_lint — the lint rules of `validate` over one IAM policy document. */
#include "checks/policy_lint.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"
#include "eval/action_name.h"
#include "eval/arn.h"
#include "eval/aws_cond.h"
#include "eval/match.h"
#include "eval/policyvar.h"
#include "ingest/aws_policy.h"
#include "model/model.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct rule {
	const char *id, *category;
	severity sev;
} rule;

#define RULE(name, id, cat, sev) static const rule name = { id, cat, SEV_##sev }
RULE(R_INVALID, "PG-POLICY-INVALID", "invalid-policy", HIGH);
RULE(R_UNKNOWN_ACTION, "PG-POLICY-UNKNOWN-ACTION", "invalid-policy", MEDIUM);
RULE(R_UNKNOWN_SERVICE, "PG-POLICY-UNKNOWN-SERVICE", "invalid-policy", MEDIUM);
RULE(R_UNKNOWN_OP, "PG-POLICY-UNKNOWN-CONDITION-OPERATOR", "invalid-policy", MEDIUM);
RULE(R_UNKNOWN_KEY, "PG-POLICY-UNKNOWN-CONDITION-KEY", "invalid-policy", LOW);
RULE(R_MALFORMED_ARN, "PG-POLICY-MALFORMED-ARN", "invalid-policy", MEDIUM);
RULE(R_ARN_SERVICE, "PG-POLICY-ARN-SERVICE-WILDCARD", "invalid-policy", MEDIUM);
RULE(R_NOT_ACTION, "PG-POLICY-ALLOW-NOT-ACTION", "wildcard", MEDIUM);
RULE(R_NOT_RESOURCE, "PG-POLICY-ALLOW-NOT-RESOURCE", "wildcard", MEDIUM);
RULE(R_PUBLIC, "PG-POLICY-PUBLIC-PRINCIPAL", "public-access", HIGH);
RULE(R_ADMIN, "PG-POLICY-FULL-ADMIN", "wildcard", HIGH);
RULE(R_REDUNDANT, "PG-POLICY-REDUNDANT-STATEMENT", "invalid-policy", LOW);
RULE(R_VARIABLE, "PG-POLICY-VARIABLE-VERSION", "invalid-policy", MEDIUM);

/* Global condition keys (IAM User Guide, "AWS global condition context keys"). */
static const char *const global_keys[] = {
	"aws:SourceIp", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:TagKeys",
	"aws:SecureTransport", "aws:SourceArn", "aws:SourceAccount", "aws:SourceVpc", "aws:SourceVpce",
	"aws:CurrentTime", "aws:EpochTime", "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge",
	"aws:username", "aws:userid", "aws:PrincipalType", "aws:RequestedRegion", "aws:ResourceAccount",
	"aws:ResourceOrgID", "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:ViaAWSService",
	"aws:PrincipalIsAWSService", "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList",
	"aws:SourceIdentity", "aws:TokenIssueTime", "aws:FederatedProvider", "aws:PrincipalOrgPaths",
	"aws:ResourceOrgPaths", "aws:Referer", "aws:UserAgent", "aws:VpcSourceIp", "aws:SourceOrgID",
	"aws:SourceOrgPaths", "aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourcePrivateIPv4",
	"aws:AssumedRoot", NULL
};
/* Keys followed by "/tag-key". */
static const char *const tag_keys[] = { "aws:PrincipalTag", "aws:ResourceTag", "aws:RequestTag", NULL };

/* Base condition operators, for "did you mean" (validity is aws_cond_op_valid's). */
static const char *const cond_ops[] = {
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
	"StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan",
	"NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
	"DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
	"Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals",
	"ArnNotLike", "Null", NULL
};

typedef struct lint {
	policy_lint_list *out;
	size_t added;
	int v2012;              /* policy variables are expanded */
	action_set scratch;     /* for aws_catalog_expand's count */
} lint;

static void report_at(lint *L, const rule *r, const char *file, unsigned line, unsigned col,
		      const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void report_at(lint *L, const rule *r, const char *file, unsigned line, unsigned col,
		      const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	policy_lint_list_add(L->out, r->id, r->category, r->sev, file, line, col, sb.buf);
	strbuf_release(&sb);
	L->added++;
}

#define REPORT(L, r, n, ...) report_at((L), (r), (n)->file, (n)->line, (n)->col, __VA_ARGS__)

/* --- "did you mean" ------------------------------------------------------------ */

#define MAX_NAME SUGGEST_MAX_LEN

/* The closest candidate within a distance that grows with the length; the
 * first one wins a tie, so suggestions are deterministic. */
typedef struct best {
	const char *want;
	size_t len, d;
	size_t idx;             /* the winner's index; valid when found */
	int found;
} best;

static void best_init(best *b, const char *want, size_t len)
{
	b->want = want;
	b->len = len;
	b->d = (len < 5 ? 1 : len < 12 ? 2 : 3) + 1;
	b->found = 0;
	b->idx = 0;
}

static void best_try(best *b, const char *cand, size_t cand_len, size_t idx)
{
	size_t d;

	if (cand_len + b->d <= b->len || b->len + b->d <= cand_len)
		return;
	d = suggest_distance(b->want, b->len, cand, cand_len);
	if (d < b->d) {
		b->d = d;
		b->idx = idx;
		b->found = 1;
	}
}

static const char *best_in(const char *want, size_t len, const char *const *cands)
{
	best b;
	size_t i;

	best_init(&b, want, len);
	for (i = 0; cands[i]; i++)
		best_try(&b, cands[i], strlen(cands[i]), i);
	return b.found ? cands[b.idx] : NULL;
}

/* --- actions, resources, conditions --------------------------------------------- */

static void check_action(lint *L, const doc_node *n)
{
	const char *svc, *name;
	size_t sl, nl, first, end, i;
	char sbuf[MAX_NAME];
	best b;

	if (action_name_parse(n->str, &svc, &sl, &name, &nl) < 0) {
		REPORT(L, &R_INVALID, n, "malformed action '%s' (expected service:Action or \"*\")", n->str);
		return;
	}
	/* expand counts matches already in scratch too: no need to clear it */
	if (!svc || aws_catalog_expand(n->str, &L->scratch) > 0)
		return;
	snprintf(sbuf, sizeof(sbuf), "%.*s", (int)sl, svc);
	if (aws_catalog_service(sbuf, &first, &end) < 0) {
		best_init(&b, sbuf, strlen(sbuf));
		for (i = 0; i < aws_catalog_service_count(); i++)
			best_try(&b, aws_catalog_service_name(i), strlen(aws_catalog_service_name(i)), i);
		if (b.found)
			REPORT(L, &R_UNKNOWN_SERVICE, n, "unknown service '%s' in action '%s' (did you mean '%s'?)",
			       sbuf, n->str, aws_catalog_service_name(b.idx));
		else
			REPORT(L, &R_UNKNOWN_SERVICE, n, "unknown service '%s' in action '%s'", sbuf, n->str);
		return;
	}
	if (action_name_has_wildcard(n->str)) {
		REPORT(L, &R_UNKNOWN_ACTION, n, "action pattern '%s' matches no known action", n->str);
		return;
	}
	best_init(&b, name, nl);
	for (i = first; i < end; i++) {
		const char *short_name = strchr(aws_catalog_name(i), ':') + 1;
		best_try(&b, short_name, strlen(short_name), i);
	}
	if (b.found)
		REPORT(L, &R_UNKNOWN_ACTION, n, "unknown action '%s' (did you mean '%s'?)", n->str,
		       aws_catalog_name(b.idx));
	else
		REPORT(L, &R_UNKNOWN_ACTION, n, "unknown action '%s'", n->str);
}

static void check_variable(lint *L, const doc_node *n)
{
	if (!L->v2012 && n->type == DOC_STRING && policyvar_has_vars(n->str))
		REPORT(L, &R_VARIABLE, n, "policy variable in '%s' is literal text unless 'Version' is \"2012-10-17\"",
		       n->str);
}

static void check_resource(lint *L, const doc_node *n)
{
	arn_parts a;

	check_variable(L, n);
	if (!strcmp(n->str, "*"))
		return;
	if (arn_parse(n->str, &a) < 0)
		REPORT(L, &R_MALFORMED_ARN, n, "malformed resource '%s' (expected an ARN or \"*\")", n->str);
	else if (memchr(a.service, '*', a.service_len) || memchr(a.service, '?', a.service_len))
		REPORT(L, &R_ARN_SERVICE, n, "wildcard in the service segment of '%s' (it matches no resource)",
		       n->str);
}

static void check_operator(lint *L, const doc_node *n)
{
	const char *s = n->str, *pre = "", *suf = "", *hint;
	size_t len;
	char sug[MAX_NAME];

	if (aws_cond_op_valid(s) == 0)
		return;
	if (!strncasecmp(s, "ForAnyValue:", 12))
		pre = "ForAnyValue:";
	else if (!strncasecmp(s, "ForAllValues:", 13))
		pre = "ForAllValues:";
	s += strlen(pre);
	len = strlen(s);
	if (len > 8 && !strcasecmp(s + len - 8, "IfExists")) {
		suf = "IfExists";
		len -= 8;
	}
	hint = best_in(s, len, cond_ops);
	snprintf(sug, sizeof(sug), "%s%s%s", pre, hint ? hint : "", suf);
	if (hint && aws_cond_op_valid(sug) == 0)
		REPORT(L, &R_UNKNOWN_OP, n, "unknown condition operator '%s' (did you mean '%s'?)", n->str, sug);
	else
		REPORT(L, &R_UNKNOWN_OP, n, "unknown condition operator '%s'", n->str);
}

static void check_key(lint *L, const doc_node *n)
{
	const char *k = n->str, *slash = strchr(k, '/'), *hint;
	const char *const *known = slash ? tag_keys : global_keys;
	size_t head = slash ? (size_t)(slash - k) : strlen(k), i;

	if (strncasecmp(k, "aws:", 4))
		return;     /* service keys are not checked */
	for (i = 0; known[i]; i++)
		if (strlen(known[i]) == head && !strncasecmp(k, known[i], head))
			return;
	hint = best_in(k, head, known);
	if (hint)
		REPORT(L, &R_UNKNOWN_KEY, n, "unknown global condition key '%s' (did you mean '%s%s'?)", k, hint,
		       slash ? slash : "");
	else
		REPORT(L, &R_UNKNOWN_KEY, n, "unknown global condition key '%s'", k);
}

/* fn on each value of a value-or-list element (the parser checked the shape). */
static void each(lint *L, const doc_node *v, void (*fn)(lint *, const doc_node *))
{
	size_t i;

	if (v && v->type != DOC_ARRAY)
		fn(L, v);
	for (i = 0; v && v->type == DOC_ARRAY && i < v->len; i++)
		fn(L, v->items[i]);
}

static void check_conditions(lint *L, const doc_node *c)
{
	size_t i, j;

	for (i = 0; i < c->len; i++) {
		const doc_node *keys = c->items[i];
		check_operator(L, c->keys[i]);
		for (j = 0; j < keys->len; j++) {
			check_key(L, keys->keys[j]);
			each(L, keys->items[j], check_variable);
		}
	}
}

static const doc_node *key_node(const doc_node *obj, const char *key)
{
	size_t i;

	for (i = 0; i < obj->len; i++)
		if (!strcmp(obj->keys[i]->str, key))
			return obj->keys[i];
	return NULL;
}

/* --- statement-level rules --------------------------------------------------------- */

static int has_string(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

static void check_allow(lint *L, const stmt *s, const doc_node *sn)
{
	size_t i;

	if (s->effect != EFFECT_ALLOW)
		return;
	if (s->not_action)
		REPORT(L, &R_NOT_ACTION, key_node(sn, "NotAction"),
		       "'Allow' with 'NotAction' grants every action not listed, including ones added later");
	if (s->not_resource)
		REPORT(L, &R_NOT_RESOURCE, key_node(sn, "NotResource"),
		       "'Allow' with 'NotResource' grants every resource not listed");
	for (i = 0; !s->not_principal && !s->n_conds && i < s->n_principals; i++) {
		const pspec *p = &s->principals[i];
		if (p->kind == PSPEC_STAR || (p->kind == PSPEC_AWS && !strcmp(p->value, "*")))
			report_at(L, &R_PUBLIC, p->loc.file, p->loc.line, p->loc.col,
				  "principal '*' is allowed without a 'Condition': anyone can use this statement");
	}
	if (!s->not_action && !s->not_resource && has_string(s->resources, s->n_resources, "*"))
		for (i = 0; i < s->n_actions; i++)
			if (!strcmp(s->actions[i], "*"))
				report_at(L, &R_ADMIN, s->action_locs[i].file, s->action_locs[i].line,
					  s->action_locs[i].col, "action '*' on resource '*' grants full administrator access");
}

/* Does glob b match every string glob a matches? Sound when b's only
 * wildcard is '*' (a's wildcards then fall inside b's runs); otherwise only
 * equal patterns count. */
static int glob_covers(const char *b, const char *a, int icase)
{
	if (!strpbrk(a, "*?") || !strchr(b, '?'))
		return match_glob(b, a, icase);
	return icase ? !strcasecmp(a, b) : !strcmp(a, b);
}

static int list_covers(const char *const *b, size_t nb, const char *a, int icase, int arn)
{
	size_t i;
	arn_parts p;

	for (i = 0; i < nb; i++) {
		if (arn && strcmp(b[i], "*") &&
		    (arn_parse(b[i], &p) < 0 || strcspn(p.service, "*?") < p.service_len))
			continue;   /* matches nothing */
		if (glob_covers(b[i], a, icase))
			return 1;
	}
	return 0;
}

/* Each of a's strings excluded from b (NotX in both): b excludes a subset. */
static int subset(const char *const *b, size_t nb, const char *const *a, size_t na)
{
	size_t i;

	for (i = 0; i < nb; i++)
		if (!has_string(a, na, b[i]))
			return 0;
	return 1;
}

/* Does unconditional Allow b grant everything Allow a grants? Conservative:
 * "no" whenever the answer needs more than patterns. */
static int stmt_covers(const stmt *b, const stmt *a)
{
	size_t i, j;

	if (b->effect != EFFECT_ALLOW || a->effect != EFFECT_ALLOW || b->n_conds)
		return 0;
	if (a->not_action) {
		if (!(b->not_action ? subset(b->actions, b->n_actions, a->actions, a->n_actions)
				    : has_string(b->actions, b->n_actions, "*")))
			return 0;
	} else {
		for (i = 0; i < a->n_actions; i++)
			if (b->not_action || !list_covers(b->actions, b->n_actions, a->actions[i], 1, 0))
				return 0;
	}
	if (a->has_resource != b->has_resource)
		return 0;
	if (a->not_resource) {
		if (!(b->not_resource ? subset(b->resources, b->n_resources, a->resources, a->n_resources)
				      : has_string(b->resources, b->n_resources, "*")))
			return 0;
	} else {
		for (i = 0; i < a->n_resources; i++)
			if (b->not_resource || !list_covers(b->resources, b->n_resources, a->resources[i], 0, 1))
				return 0;
	}
	if (a->has_principal != b->has_principal || a->not_principal || b->not_principal)
		return 0;
	for (i = 0; i < a->n_principals; i++) {
		int ok = 0;
		for (j = 0; !ok && j < b->n_principals; j++) {
			const pspec *p = &b->principals[j];
			ok = p->kind == PSPEC_STAR || (p->kind == PSPEC_AWS && !strcmp(p->value, "*")) ||
			     (p->kind == a->principals[i].kind && p->value == a->principals[i].value);
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static void stmt_label(const stmt *s, char *buf, size_t size)
{
	if (s->sid && *s->sid)
		snprintf(buf, size, "'%s'", s->sid);
	else
		snprintf(buf, size, "%zu", s->index + 1);
}

static void check_redundant(lint *L, const policy *pol)
{
	size_t i, j;
	char la[96], lb[96];

	for (i = 0; i < pol->n_stmts; i++)
		for (j = 0; j < pol->n_stmts; j++) {
			const stmt *a = &pol->stmts[i], *b = &pol->stmts[j];
			/* of two equivalent statements, only the later one is redundant */
			if (i == j || !stmt_covers(b, a) || (i < j && stmt_covers(a, b)))
				continue;
			stmt_label(a, la, sizeof(la));
			stmt_label(b, lb, sizeof(lb));
			report_at(L, &R_REDUNDANT, a->loc.file, a->loc.line, a->loc.col,
				  "statement %s is redundant: statement %s already allows all it allows", la, lb);
			break;
		}
}

static void lint_policy(lint *L, const doc_node *root, const policy *pol)
{
	const doc_node *st = doc_get(root, "Statement"), *v;
	size_t i;

	action_set_init(&L->scratch);
	L->v2012 = pol->version && !strcmp(pol->version, "2012-10-17");
	for (i = 0; i < pol->n_stmts; i++) {
		const doc_node *sn = st->type == DOC_ARRAY ? st->items[i] : st;
		each(L, doc_get(sn, "Action"), check_action);
		each(L, doc_get(sn, "NotAction"), check_action);
		each(L, doc_get(sn, "Resource"), check_resource);
		each(L, doc_get(sn, "NotResource"), check_resource);
		if ((v = doc_get(sn, "Condition")) != NULL)
			check_conditions(L, v);
		check_allow(L, &pol->stmts[i], sn);
	}
	check_redundant(L, pol);
	action_set_release(&L->scratch);
}

size_t policy_lint_document(doc *host, const doc_node *node, policy_lint_list *out)
{
	lint L;
	model *m = model_new();
	diag_list errs;
	diag d = DIAG_INIT;
	const doc_node *root = node;
	policy *pol = NULL;
	size_t i;

	memset(&L, 0, sizeof(L));
	L.out = out;
	diag_list_init(&errs);
	if (node && node->type == DOC_STRING && doc_parse_embedded(host, node, &root, &d) < 0) {
		report_at(&L, &R_INVALID, d.file, d.line, d.col, "%s", d.msg ? d.msg : "invalid policy document");
		goto cleanup;
	}
	if (aws_policy_parse(m, host, root, POL_IDENTITY, "policy", &pol, &errs) < 0 || !pol) {
		for (i = 0; i < errs.count; i++)
			report_at(&L, &R_INVALID, errs.items[i].file, errs.items[i].line, errs.items[i].col, "%s",
				  errs.items[i].msg ? errs.items[i].msg : "invalid policy document");
		goto cleanup;
	}
	lint_policy(&L, root, pol);
cleanup:
	diag_release(&d);
	diag_list_release(&errs);
	model_free(m);
	return L.added;
}

/* --- findings ----------------------------------------------------------------------- */

void policy_lint_list_init(policy_lint_list *l)
{
	memset(l, 0, sizeof(*l));
}

void policy_lint_list_release(policy_lint_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->count; i++) {
		free(l->items[i].message);
		free(l->items[i].file);
	}
	free(l->items);
	policy_lint_list_init(l);
}

void policy_lint_list_add(policy_lint_list *l, const char *rule_id, const char *category,
			  severity sev, const char *file, unsigned line, unsigned col,
			  const char *message)
{
	policy_lint_finding *f;

	XGROW(l->items, l->cap, l->count + 1);
	f = &l->items[l->count++];
	f->rule = rule_id;
	f->category = category;
	f->severity = sev;
	f->message = xstrdup(message);
	f->file = file ? xstrdup(file) : NULL;
	f->line = line;
	f->col = col;
}

static int cmp_finding(const void *pa, const void *pb)
{
	const policy_lint_finding *a = pa, *b = pb;
	int c;

	if (!a->file != !b->file)
		return a->file ? 1 : -1;
	if (a->file && (c = strcmp(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if ((c = strcmp(a->rule, b->rule)) != 0)
		return c;
	return strcmp(a->message, b->message);
}

void policy_lint_list_sort(policy_lint_list *l)
{
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), cmp_finding);
}

