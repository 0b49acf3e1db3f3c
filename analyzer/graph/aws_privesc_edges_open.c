/*
 * aws_privesc_edges_open — deciding an action on a resource the actor
 * creates, or an existing one it picks, when no input names it: on a
 * representative ARN of its type (a wildcard name in the actor's account)
 * and on every ARN pattern the actor's own Allow statements give for the
 * action; allowed when one of them is. A Deny then removes the action only
 * when it covers the whole type or the whole of each pattern, which is when
 * no name is left to pick.
 */
#include "graph/aws_privesc_edges_internal.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"
#include "eval/arn.h"
#include "eval/policyvar.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The ARNs one action is decided on. */
typedef struct cands {
	const char **items;
	size_t n, cap;
} cands;

/* Representative ARNs of the resource types escalation techniques create or
 * take over: "svc:type" of the action (or of the technique's host) -> the
 * ARN's service and its resource part with a wildcard name. The catalogue
 * has the types but not their ARN formats. */
static const struct arn_form {
	const char *type, *service, *resource;
} forms[] = {
	{ "apprunner:service", "apprunner", "service/*" },
	{ "bedrock-agentcore:code-interpreter", "bedrock-agentcore", "code-interpreter/*" },
	{ "bedrock-agentcore:code-interpreter-custom", "bedrock-agentcore", "code-interpreter-custom/*" },
	{ "cloudformation:stack", "cloudformation", "stack/*" },
	{ "cloudformation:stackset", "cloudformation", "stackset/*" },
	{ "codebuild:project", "codebuild", "project/*" },
	{ "datapipeline:pipeline", "datapipeline", "pipeline/*" },
	{ "ec2:instance", "ec2", "instance/*" },
	{ "ec2:launch-template", "ec2", "launch-template/*" },
	{ "ec2:spot-instances-request", "ec2", "spot-instances-request/*" },
	{ "ec2-instance-connect:instance", "ec2", "instance/*" },
	{ "ecs:cluster", "ecs", "cluster/*" },
	{ "ecs:service", "ecs", "service/*" },
	{ "ecs:task-definition", "ecs", "task-definition/*" },
	{ "glue:devendpoint", "glue", "devEndpoint/*" },
	{ "glue:job", "glue", "job/*" },
	{ "glue:trigger", "glue", "trigger/*" },
	{ "lambda:function", "lambda", "function:*" },
	{ "sagemaker:notebook-instance", "sagemaker", "notebook-instance/*" },
	{ "sagemaker:notebook-instance-lifecycle-config", "sagemaker", "notebook-instance-lifecycle-config/*" },
	{ "sagemaker:processing-job", "sagemaker", "processing-job/*" },
	{ "sagemaker:training-job", "sagemaker", "training-job/*" },
	{ "ssm:document", "ssm", "document/*" },
};

static const struct arn_form *find_form(const char *service, size_t service_len, const char *type, size_t type_len)
{
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const char *f = forms[i].type;
		if (!strncmp(f, service, service_len) && f[service_len] == ':' &&
		    !strncmp(f + service_len + 1, type, type_len) && !f[service_len + 1 + type_len])
			return &forms[i];
	}
	return NULL;
}

/* Does the comma-separated list hold word? */
static int list_has(const char *list, const char *word, size_t len)
{
	const char *s = list;

	while (*s) {
		size_t n = strcspn(s, ",");
		if (n == len && !strncmp(s, word, len))
			return 1;
		s += n + (s[n] == ',');
	}
	return 0;
}

/* The form of the resource action a acts on: the technique's host type when
 * the action lists it (or lists none), else the action's first type. NULL
 * when the type has no known form. */
static const struct arn_form *form_of(const aws_privesc_technique *t, const char *a, const char *types)
{
	size_t svc = (size_t)(strchr(a, ':') - a), n;
	const char *host = t->host, *ht = host ? strchr(host, ':') + 1 : NULL;

	if (ht && (!*types || list_has(types, ht, strlen(ht))))
		return find_form(host, (size_t)(ht - 1 - host), ht, strlen(ht));
	n = strcspn(types, ",");
	return n ? find_form(a, svc, types, n) : NULL;
}

static pv_status actor_var(void *ctx, const char *key, const char **value)
{
	const principal *p = ctx;

	*value = NULL;
	if (!strcasecmp(key, "aws:username"))
		*value = p->kind == PRIN_USER ? p->name : NULL;
	else if (!strcasecmp(key, "aws:PrincipalAccount"))
		*value = p->account;
	else if (!strcasecmp(key, "aws:PrincipalArn"))
		*value = p->arn;
	else if (!strncasecmp(key, "aws:PrincipalTag/", 17))
		return (*value = model_tag_value(p->tags, p->n_tags, key + 17)) ? PV_KNOWN : PV_ABSENT;
	else
		return PV_UNKNOWN;
	return *value ? PV_KNOWN : PV_UNKNOWN;
}

static void add_candidate(pe_ctx *c, cands *out, const char *s)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		if (!strcmp(out->items[i], s))
			return;
	XGROW(out->items, out->cap, out->n + 1);
	out->items[out->n++] = arena_strdup(&c->amem, s);
}

/*
 * One Resource pattern of the actor's Allow as a resource it may name: policy
 * variables it settles are expanded; a wildcard account is the actor's (what
 * it creates or runs is in its own account); a pattern of another service,
 * another account, or not of the form's type is dropped. The pattern's other
 * wildcards stay as literal characters: a Deny covers the candidate when it
 * covers the whole pattern, which is what lets the actor pick a name.
 */
static void pattern_candidate(pe_ctx *c, const stmt *s, const char *pattern, const char *service,
			      const char *type_glob, cands *out)
{
	strbuf exp = STRBUF_INIT, arn = STRBUF_INIT;
	const char *acct = c->actor->account;
	arn_parts ap;

	if (!strcmp(pattern, "*"))
		return;
	if (pe_uses_vars(s, pattern) && policyvar_expand(pattern, actor_var, (void *)c->actor, &exp) == PV_KNOWN)
		pattern = exp.buf;
	if (arn_parse(pattern, &ap) < 0 || strlen(service) != ap.service_len ||
	    strncmp(ap.service, service, ap.service_len))
		goto cleanup;
	strbuf_addf(&arn, "arn:%.*s:%s:%.*s:", (int)ap.partition_len, ap.partition, service, (int)ap.region_len,
		    ap.region);
	if (ap.account_len && (memchr(ap.account, '*', ap.account_len) || memchr(ap.account, '?', ap.account_len)))
		strbuf_addstr(&arn, acct ? acct : "");
	else if (ap.account_len && (!acct || strlen(acct) != ap.account_len || strncmp(ap.account, acct, ap.account_len)))
		goto cleanup;
	else
		strbuf_add(&arn, ap.account, ap.account_len);
	strbuf_addf(&arn, ":%.*s", (int)ap.resource_len, ap.resource);
	if (!type_glob || arn_match(type_glob, arn.buf))
		add_candidate(c, out, arn.buf);
cleanup:
	strbuf_release(&exp);
	strbuf_release(&arn);
}

const pe_decided *pe_decide_open(pe_ctx *c, const aws_privesc_technique *t, const aws_privesc_perm *p)
{
	const char *a = p->action, *types = "", *service;
	cands out = { NULL, 0, 0 };
	char type_glob[256], *svc = NULL;
	const struct arn_form *f;
	const pe_decided *best = NULL;
	long ci = aws_catalog_find(a);
	size_t i, j, ai = pe_action(c, a);
	strbuf sb = STRBUF_INIT;

	if (p->resource == PRIVESC_RES_ANY)
		return pe_decide(c, a, "*", NULL);
	if (ci >= 0)
		types = aws_catalog_resource_types((size_t)ci);
	/* an action that names no resource type is authorized on "*" */
	if (!*types)
		add_candidate(c, &out, "*");
	f = form_of(t, a, types);
	if (f) {
		service = f->service;
		strbuf_addf(&sb, "arn:%s:%s:*:%s:%s", c->partition, service, c->actor->account ? c->actor->account : "",
			    f->resource);
		add_candidate(c, &out, sb.buf);
		snprintf(type_glob, sizeof(type_glob), "arn:*:%s:*:*:%s", service, f->resource);
	} else {
		svc = xstrndup(a, (size_t)(strchr(a, ':') - a));
		service = svc;
		if (*types) {
			strbuf_addf(&sb, "arn:%s:%s:*:%s:*", c->partition, service,
				    c->actor->account ? c->actor->account : "");
			add_candidate(c, &out, sb.buf);
		}
	}
	for (i = c->stmt_start[ai]; i < c->stmt_start[ai + 1]; i++) {
		const stmt *s = c->stmts[i];
		if (!s->not_resource)
			for (j = 0; j < s->n_resources; j++)
				pattern_candidate(c, s, s->resources[j], service, f ? type_glob : NULL, &out);
	}
	for (i = 0; i < out.n && (!best || best->dec != DEC_ALLOW); i++)
		best = pe_best(best, pe_decide(c, a, out.items[i], NULL));
	free(out.items);
	strbuf_release(&sb);
	free(svc);
	return best;
}
