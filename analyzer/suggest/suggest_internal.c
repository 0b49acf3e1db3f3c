/* suggest_internal — small helpers shared by the suggest files. */
#include "suggest/suggest_internal.h"
#include "base/strbuf.h"
#include "catalog/aws_catalog.h"

#include <string.h>
#include <strings.h>

static int has_token(const char *list, const char *tok)
{
	size_t n = strlen(tok);
	const char *p = list;

	while ((p = strstr(p, tok)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
		p += n;
	}
	return 0;
}

int sug_s3_object_action(const char *action)
{
	const char *name = sug_action_name(action);
	long i = aws_catalog_find(name);
	const char *types = i >= 0 ? aws_catalog_resource_types((size_t)i) : "";

	if (strncasecmp(name, "s3:", 3))
		return 0;
	if (*types)
		return has_token(types, "object") || has_token(types, "accesspointobject");
	/* all-optional types: the object actions are named so (aws_graph_types.c lists them) */
	return (strstr(name, "Object") && !strstr(name, "ObjectLambda")) || !strcmp(name, "s3:AbortMultipartUpload") ||
	       !strcmp(name, "s3:ListMultipartUploadParts") || !strcmp(name, "s3:BypassGovernanceRetention");
}

int sug_is_bucket(const resource *r)
{
	return r && r->service && !strcmp(r->service, "s3") && !strchr(r->arn, '/');
}

const char *sug_witness(model *m, const char *pattern)
{
	strbuf sb = STRBUF_INIT;
	const char *p, *out;

	for (p = pattern; *p; p++) {
		if (*p == '*')
			strbuf_addstr(&sb, "_pg_");
		else if (*p == '?')
			strbuf_addch(&sb, 'q');
		else
			strbuf_addch(&sb, *p);
	}
	out = model_intern(m, sb.buf);
	strbuf_release(&sb);
	return out;
}

const char *sug_object_witness(model *m, const char *bucket_arn)
{
	strbuf sb = STRBUF_INIT;
	const char *out;

	strbuf_addf(&sb, "%s/_pg_", bucket_arn);
	out = model_intern(m, sb.buf);
	strbuf_release(&sb);
	return out;
}

decision sug_decide(model *m, const principal *p, const char *p_arn, const char *action, const char *arn,
		    eval_result *er)
{
	eval_result tmp;
	eval_result *r = er ? er : &tmp;
	int rc = aws_eval_allows(m, p, p_arn, action, arn, r);
	decision d = rc < 0 ? DEC_IMPLICIT_DENY : r->dec;

	if (!er)
		aws_eval_result_release(&tmp);
	return d;
}

static int in_org(const model *m, const char *account)
{
	const org_node *o = account ? model_find_org(m, account) : NULL;

	return o && o->kind == ORG_ACCOUNT;
}

int sug_same_tenant(const model *m, const char *p_account, const char *p_tenant, const char *r_account,
		    const char *r_tenant, int role)
{
	if (p_tenant && r_tenant)
		return !strcmp(p_tenant, r_tenant);
	if (p_account && r_account && !strcmp(p_account, r_account))
		return 1;
	/* a role of another account of the organization (CI deploying into production,
	 * say) is the company's own; a store there is not kept: a synthetic-data
	 * principal that writes another account's stores is the segregation problem */
	return role && in_org(m, p_account) && in_org(m, r_account);
}

const char *sug_action_name(const char *action)
{
	long i = aws_catalog_find(action);

	return i >= 0 ? aws_catalog_name((size_t)i) : action;
}
