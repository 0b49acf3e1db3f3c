/*
 * cfn_names — what Ref and Fn::GetAtt of a template's resource give: its
 * physical name (the name property, or the placeholder "{LogicalId}" for the
 * name CloudFormation generates), its ARN, a queue's URL. Per type, as the
 * CloudFormation resource reference documents each "Return values" section;
 * other types and attributes stay symbolic ("{LogicalId}", "{LogicalId.Attr}").
 */
#include "ingest/cfn_internal.h"
#include "base/strbuf.h"

#include <string.h>

typedef enum {
	A_NONE, A_ROLE, A_USER, A_GROUP, A_POLICY, A_PROFILE, A_BUCKET, A_KEY, A_QUEUE, A_TOPIC, A_FUNCTION,
	A_SECRET, A_TABLE
} arn_kind;

typedef enum { REF_NAME, REF_ARN, REF_URL } ref_kind;

typedef struct rtype {
	const char *type;
	const char *name_prop;          /* NULL: the name is always generated */
	arn_kind arn;
	ref_kind ref;
	const char *arn_attr;           /* the attribute that is the ARN besides "Arn" */
	const char *name_attr;          /* the attribute that is the name */
} rtype;

static const rtype types[] = {
	{ "AWS::IAM::Role", "RoleName", A_ROLE, REF_NAME, NULL, NULL },
	{ "AWS::IAM::User", "UserName", A_USER, REF_NAME, NULL, NULL },
	{ "AWS::IAM::Group", "GroupName", A_GROUP, REF_NAME, NULL, NULL },
	{ "AWS::IAM::ManagedPolicy", "ManagedPolicyName", A_POLICY, REF_ARN, "PolicyArn", NULL },
	{ "AWS::IAM::InstanceProfile", "InstanceProfileName", A_PROFILE, REF_NAME, NULL, NULL },
	{ "AWS::S3::Bucket", "BucketName", A_BUCKET, REF_NAME, NULL, NULL },
	{ "AWS::KMS::Key", NULL, A_KEY, REF_NAME, NULL, "KeyId" },
	{ "AWS::SQS::Queue", "QueueName", A_QUEUE, REF_URL, NULL, "QueueName" },
	{ "AWS::SNS::Topic", "TopicName", A_TOPIC, REF_ARN, "TopicArn", "TopicName" },
	{ "AWS::Lambda::Function", "FunctionName", A_FUNCTION, REF_NAME, NULL, NULL },
	{ "AWS::SecretsManager::Secret", "Name", A_SECRET, REF_ARN, "Id", NULL },
	{ "AWS::DynamoDB::Table", "TableName", A_TABLE, REF_NAME, NULL, NULL },
};

static const rtype *type_of(const cfn_res *r)
{
	size_t i;

	for (i = 0; r->type && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(types[i].type, r->type))
			return &types[i];
	return NULL;
}

void cfn_placeholder(char *buf, size_t size, const char *name)
{
	size_t i;

	snprintf(buf, size, "%s", name);
	/* ':' would split an ARN; '*' and '?' would make a pattern of it */
	for (i = 0; buf[i]; i++)
		if (buf[i] == ':')
			buf[i] = '.';
		else if (buf[i] == '*' || buf[i] == '?')
			buf[i] = '_';
}

const char *cfn_iam_arn(cfn_ctx *c, const char *kind, const char *name)
{
	strbuf sb = STRBUF_INIT;
	const char *s;

	strbuf_addf(&sb, "arn:%s:iam::%s:%s/%s", c->partition, c->account, kind, name);
	s = model_intern(c->m, sb.buf);
	strbuf_release(&sb);
	return s;
}

static void generated(cfn_ctx *c, cfn_res *r, cfn_alts *out)
{
	char ph[256];

	cfn_placeholder(ph, sizeof(ph), r->id);
	cfn_push_sym(c, out, r->key, "{%s%s}", ph, c->sfx);
}

const cfn_alts *cfn_res_names(cfn_ctx *c, cfn_res *r)
{
	const rtype *rt = type_of(r);
	const doc_node *node = rt && rt->name_prop ? doc_get(r->props, rt->name_prop) : NULL;
	cfn_alts tmp = { NULL, 0, 0 };
	size_t i;

	if (r->names_done)
		return &r->names;
	if (r->visiting) {
		cfn_alts *cut = ARENA_NEW(&c->scratch, cfn_alts);
		cfn_error(c, r->key, "circular reference: the name of '%s' depends on itself", r->id);
		generated(c, r, cut);
		return cut;
	}
	r->visiting = 1;
	if (node && cfn_eval(c, node, &tmp) == 0) {
		for (i = 0; i < tmp.n; i++) {
			const doc_node *v = tmp.v[i].n;
			if (v == CFN_NOVALUE) {
				generated(c, r, &r->names);
			} else if (doc_is_scalar(v) && v->type != DOC_NULL) {
				cfn_push(c, &r->names, v, v, tmp.v[i].guard, tmp.v[i].flags);
			} else {
				cfn_error(c, node, "'%s' must be a string, not %s", rt->name_prop, doc_type_phrase(v->type));
				generated(c, r, &r->names);
			}
		}
	}
	if (!r->names.n)
		generated(c, r, &r->names);
	r->visiting = 0;
	r->names_done = 1;
	return &r->names;
}

/* "arn:..." of a resource of kind k. */
static void arn_of(cfn_ctx *c, arn_kind k, const char *path, const char *name, strbuf *sb)
{
	static const char *const iam[] = { NULL, "role", "user", "group", "policy", "instance-profile" };
	const char *p = c->partition, *rg = c->region, *a = c->account;

	switch (k) {
	case A_ROLE: case A_USER: case A_GROUP: case A_POLICY: case A_PROFILE:
		strbuf_addf(sb, "arn:%s:iam::%s:%s%s%s", p, a, iam[k], path, name);
		break;
	case A_BUCKET:
		strbuf_addf(sb, "arn:%s:s3:::%s", p, name);
		break;
	case A_KEY:
		strbuf_addf(sb, "arn:%s:kms:%s:%s:key/%s", p, rg, a, name);
		break;
	case A_QUEUE:
		strbuf_addf(sb, "arn:%s:sqs:%s:%s:%s", p, rg, a, name);
		break;
	case A_TOPIC:
		strbuf_addf(sb, "arn:%s:sns:%s:%s:%s", p, rg, a, name);
		break;
	case A_FUNCTION:
		strbuf_addf(sb, "arn:%s:lambda:%s:%s:function:%s", p, rg, a, name);
		break;
	case A_SECRET:
		/* Secrets Manager appends six random characters: '?' matches each, as a pattern does */
		strbuf_addf(sb, "arn:%s:secretsmanager:%s:%s:secret:%s-??????", p, rg, a, name);
		break;
	case A_TABLE:
		strbuf_addf(sb, "arn:%s:dynamodb:%s:%s:table/%s", p, rg, a, name);
		break;
	case A_NONE:
		break;
	}
}

/* IAM paths: the Path property's values, "/" when absent. */
static void paths_of(cfn_ctx *c, cfn_res *r, arn_kind k, cfn_alts *out)
{
	const doc_node *node = k <= A_PROFILE && k != A_NONE ? doc_get(r->props, "Path") : NULL;
	size_t i;

	if (node)
		cfn_eval(c, node, out);
	for (i = 0; i < out->n; i++)
		if (out->v[i].n == CFN_NOVALUE || out->v[i].n->type != DOC_STRING)
			out->v[i].n = cfn_str(c, node, "/", 1);
	if (!out->n)
		cfn_push(c, out, r->key, cfn_str(c, r->key, "/", 1), NULL, 0);
}

static int arns(cfn_ctx *c, cfn_res *r, arn_kind k, const doc_node *at, cfn_alts *out)
{
	const cfn_alts *names = cfn_res_names(c, r);
	cfn_alts paths = { NULL, 0, 0 };
	strbuf sb = STRBUF_INIT;
	size_t i, j;
	int err = 0;

	paths_of(c, r, k, &paths);
	for (i = 0; i < names->n && !err; i++)
		for (j = 0; j < paths.n && !err; j++) {
			const cfn_guard *g;
			if (cfn_guard_join(c, names->v[i].guard, paths.v[j].guard, &g))
				continue;
			strbuf_reset(&sb);
			arn_of(c, k, paths.v[j].n->str, names->v[i].n->str, &sb);
			err = cfn_push(c, out, at, cfn_str(c, at, sb.buf, sb.len), g,
				       names->v[i].flags | paths.v[j].flags | (strchr(sb.buf, '{') ? CFN_SYM : 0));
		}
	strbuf_release(&sb);
	return err;
}

int cfn_res_arns(cfn_ctx *c, cfn_res *r, const doc_node *at, cfn_alts *out)
{
	const rtype *rt = type_of(r);

	if (!rt)
		return PG_ENOTFOUND;
	return arns(c, r, rt->arn, at ? at : r->key, out);
}

static int names_at(cfn_ctx *c, cfn_res *r, const doc_node *at, cfn_alts *out)
{
	const cfn_alts *names = cfn_res_names(c, r);
	size_t i;
	int err = 0;

	for (i = 0; i < names->n && !err; i++)
		err = cfn_push(c, out, at, cfn_str(c, at, names->v[i].n->str, names->v[i].n->len), names->v[i].guard,
			       names->v[i].flags);
	return err;
}

static int queue_urls(cfn_ctx *c, cfn_res *r, const doc_node *at, cfn_alts *out)
{
	const cfn_alts *names = cfn_res_names(c, r);
	strbuf sb = STRBUF_INIT;
	size_t i;
	int err = 0;

	for (i = 0; i < names->n && !err; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "https://sqs.%s.amazonaws.com/%s/%s", c->region, c->account, names->v[i].n->str);
		err = cfn_push(c, out, at, cfn_str(c, at, sb.buf, sb.len), names->v[i].guard, names->v[i].flags);
	}
	strbuf_release(&sb);
	return err;
}

int cfn_res_ref(cfn_ctx *c, cfn_res *r, const doc_node *at, cfn_alts *out)
{
	const rtype *rt = type_of(r);
	char ph[256];

	if (!rt) {
		cfn_placeholder(ph, sizeof(ph), r->id);
		return cfn_push_sym(c, out, at, "{%s%s}", ph, c->sfx);
	}
	if (rt->ref == REF_ARN)
		return arns(c, r, rt->arn, at, out);
	if (rt->ref == REF_URL)
		return queue_urls(c, r, at, out);
	return names_at(c, r, at, out);
}

int cfn_res_getatt(cfn_ctx *c, cfn_res *r, const char *attr, const doc_node *at, cfn_alts *out)
{
	const rtype *rt = type_of(r);
	char ph[256];

	if (rt && (!strcmp(attr, "Arn") || (rt->arn_attr && !strcmp(attr, rt->arn_attr))))
		return arns(c, r, rt->arn, at, out);
	if (rt && rt->name_attr && !strcmp(attr, rt->name_attr))
		return names_at(c, r, at, out);
	if (rt && rt->arn == A_QUEUE && !strcmp(attr, "QueueUrl"))
		return queue_urls(c, r, at, out);
	cfn_placeholder(ph, sizeof(ph), r->id);
	return cfn_push_sym(c, out, at, "{%s.%s%s}", ph, attr, c->sfx);
}
