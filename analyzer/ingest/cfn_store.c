/*
 * cfn_store — the data stores of a template and their resource policies.
 *
 * Pass 1 registers each store under its ARN (cfn_names.c) with its tags
 * (tags_known: the template lists them), the template's account (S3 ARNs
 * carry none, but a stack creates its buckets in its own account), a
 * bucket's default-encryption key, a key's KeyPolicy (or the default key
 * policy CloudFormation applies without one: the account may use the key
 * through IAM), a table's ResourcePolicy. Pass 2 attaches the policy
 * resources: BucketPolicy (Bucket), QueuePolicy (Queues: URLs), TopicPolicy
 * (Topics), SecretsManager::ResourcePolicy (SecretId: ARN or name), and
 * Lambda::Permission, each one Allow statement added to the function's
 * policy. A store the template declares without a policy has none.
 */
#include "ingest/cfn_internal.h"
#include "ingest/aws_encryption.h"
#include "ingest/aws_resource.h"
#include "base/strbuf.h"

#include <string.h>

static const char *const store_types[] = {
	"AWS::S3::Bucket", "AWS::KMS::Key", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::Lambda::Function",
	"AWS::SecretsManager::Secret", "AWS::DynamoDB::Table", NULL
};

static void set_policy(cfn_ctx *c, resource *res, const doc_node *docnode, const cfn_guard *g)
{
	policy *pol;

	if (cfn_policy(c, docnode, g, POL_RESOURCE, res->arn, &pol) < 0)
		return;
	pol->name = res->arn;
	res->policy = pol;
	res->policy_known = 1;
}

resource *cfn_store(cfn_ctx *c, const char *arn, const char *type, const doc_node *at)
{
	resource *res = aws_resource_add(c->ic, arn, type, at);

	if (!res->account)
		res->account = model_intern(c->m, c->account);
	return res;
}

/* --- pass 1 --------------------------------------------------------------------- */

/* CloudFormation's rule list in the shape aws_encryption reads: {"Rules": [{"ApplyServerSideEncryptionByDefault"}]} */
static void bucket_encryption(cfn_ctx *c, cfn_res *r, resource *res)
{
	const doc_node *be = doc_get(r->props, "BucketEncryption");
	cfn_alts alts = { NULL, 0, 0 };
	size_t i, j;

	res->encryption_key = NULL;
	if (!be || cfn_eval(c, be, &alts) < 0)
		return;
	/* a key on any reading may encrypt the bucket: the first one found counts */
	for (i = 0; i < alts.n && !res->encryption_key; i++) {
		const doc_node *cfg = doc_get(alts.v[i].n, "ServerSideEncryptionConfiguration");
		doc_node *rules;
		resource tmp;
		if (!cfg || cfg->type != DOC_ARRAY) {
			cfn_error(c, cfg ? cfg : be, "'BucketEncryption' needs 'ServerSideEncryptionConfiguration' (a list)");
			return;
		}
		rules = cfn_container(c, DOC_ARRAY, cfg, cfg->len);
		for (j = 0; j < cfg->len; j++)
			rules->items[rules->len++] = cfn_object(c, cfg->items[j], 1, "ApplyServerSideEncryptionByDefault",
							    (doc_node *)doc_get(cfg->items[j], "ServerSideEncryptionByDefault"));
		memset(&tmp, 0, sizeof(tmp));
		if (aws_encryption_read(c->ic, &tmp, cfn_object(c, cfg, 1, "Rules", rules), c->region, c->account) < 0)
			c->errors++;
		res->encryption_key = tmp.encryption_key;
		res->encryption_loc = tmp.encryption_loc;
	}
}

/* Without KeyPolicy CloudFormation gives the key the default key policy. */
static void key_policy(cfn_ctx *c, cfn_res *r, resource *res)
{
	const doc_node *kp = doc_get(r->props, "KeyPolicy"), *at = r->key;
	strbuf root = STRBUF_INIT;
	doc_node *st, *list;

	if (kp) {
		set_policy(c, res, kp, r->guard);
		return;
	}
	strbuf_addf(&root, "arn:%s:iam::%s:root", c->partition, c->account);
	st = cfn_object(c, at, 5, "Sid", cfn_text(c, at, "Enable IAM User Permissions"), "Effect", cfn_text(c, at, "Allow"),
		    "Principal", cfn_object(c, at, 1, "AWS", cfn_text(c, at, root.buf)), "Action", cfn_text(c, at, "kms:*"),
		    "Resource", cfn_text(c, at, "*"));
	list = cfn_container(c, DOC_ARRAY, at, 1);
	list->items[list->len++] = st;
	set_policy(c, res, cfn_object(c, at, 2, "Version", cfn_text(c, at, "2012-10-17"), "Statement", list), NULL);
	strbuf_release(&root);
}

static int store_declare(cfn_ctx *c, cfn_res *r)
{
	cfn_alts arns = { NULL, 0, 0 };
	const doc_node *rp;
	size_t i;

	cfn_res_arns(c, r, r->key, &arns);
	for (i = 0; i < arns.n; i++) {
		resource *res = cfn_store(c, arns.v[i].n->str, r->type, r->key);
		/* the template says what the tags are: what an earlier input said goes */
		res->tags = NULL;
		res->n_tags = 0;
		cfn_tags(c, r->props, &res->tags, &res->n_tags);
		res->tags_known = 1;
		if (!strcmp(r->type, "AWS::S3::Bucket"))
			bucket_encryption(c, r, res);
		else if (!strcmp(r->type, "AWS::KMS::Key"))
			key_policy(c, r, res);
		else if (!strcmp(r->type, "AWS::DynamoDB::Table") && (rp = doc_get(r->props, "ResourcePolicy")) != NULL)
			set_policy(c, res, doc_get(rp, "PolicyDocument") ? doc_get(rp, "PolicyDocument") : rp, r->guard);
	}
	return 0;
}

void cfn_store_finish(cfn_ctx *c)
{
	size_t i, j, t;

	for (i = 0; i < c->n_res; i++) {
		cfn_res *r = &c->res[i];
		cfn_alts arns = { NULL, 0, 0 };
		for (t = 0; r->type && !r->skip && store_types[t] && strcmp(store_types[t], r->type); t++)
			;
		if (!r->type || r->skip || !store_types[t])
			continue;
		cfn_res_arns(c, r, r->key, &arns);
		for (j = 0; j < arns.n; j++) {
			resource *res = model_find_resource(c->m, arns.v[j].n->str);
			if (res && !res->policy_known)
				res->policy_known = 1;
		}
	}
}

/* --- pass 2 --------------------------------------------------------------------- */

/* https://sqs.REGION.amazonaws.com/ACCOUNT/NAME (or an ARN) as the queue's ARN; NULL when it is neither. */
static const char *queue_arn(cfn_ctx *c, const char *url, strbuf *sb)
{
	const char *host = strstr(url, "://"), *path, *acct_end, *region = NULL;
	size_t rlen = 0;

	if (!strncmp(url, "arn:", 4))
		return url;
	if (!host || !(path = strchr(host + 3, '/')) || !(acct_end = strchr(path + 1, '/')) || !acct_end[1])
		return NULL;
	host += 3;
	if (!strncmp(host, "sqs.", 4) && strchr(host + 4, '.') && strchr(host + 4, '.') < path) {
		region = host + 4;
		rlen = (size_t)(strchr(region, '.') - region);
	} else if (!strncmp(host, "queue.", 6)) {
		region = "us-east-1";       /* the legacy endpoint */
		rlen = 9;
	} else if (strchr(host, '.') && strchr(host, '.') < path) {
		region = host;              /* REGION.queue.amazonaws.com */
		rlen = (size_t)(strchr(host, '.') - host);
	} else {
		return NULL;
	}
	strbuf_addf(sb, "arn:%s:sqs:%.*s:%.*s:%s", c->partition, (int)rlen, region, (int)(acct_end - path - 1),
		    path + 1, acct_end + 1);
	return sb->buf;
}

static const char *target_arn(cfn_ctx *c, const char *type, const char *v, strbuf *sb)
{
	if (!strcmp(type, "AWS::S3::Bucket")) {
		strbuf_addf(sb, "arn:%s:s3:::%s", c->partition, v);
		return sb->buf;
	}
	if (!strcmp(type, "AWS::SQS::Queue"))
		return queue_arn(c, v, sb);
	if (!strncmp(v, "arn:", 4))
		return v;
	if (!strcmp(type, "AWS::SecretsManager::Secret")) {
		strbuf_addf(sb, "arn:%s:secretsmanager:%s:%s:secret:%s-??????", c->partition, c->region, c->account, v);
		return sb->buf;
	}
	return NULL;
}

static int resource_policy(cfn_ctx *c, cfn_res *r, const char *prop, const char *doc_prop, const char *type)
{
	const doc_node *docnode = doc_get(r->props, doc_prop), **locs;
	const char **targets;
	strbuf sb = STRBUF_INIT;
	size_t n, i;

	if (!docnode || !doc_get(r->props, prop)) {
		cfn_error(c, r->key, "'%s' needs '%s' and '%s'", r->id, prop, doc_prop);
		return PG_EINPUT;
	}
	targets = cfn_strings(c, doc_get(r->props, prop), prop, &locs, &n);
	for (i = 0; i < n; i++) {
		const char *arn;
		cfn_quiet q;
		strbuf_reset(&sb);
		arn = target_arn(c, type, targets[i], &sb);
		if (!arn) {
			cfn_error(c, locs[i], "cannot tell the %s '%s' names", type, targets[i]);
			continue;
		}
		/* one document for several stores: its errors once */
		if (i)
			cfn_quiet_begin(c, &q);
		set_policy(c, cfn_store(c, arn, type, locs[i]), docnode, r->guard);
		if (i)
			cfn_quiet_end(c, &q);
	}
	strbuf_release(&sb);
	return 0;
}

static int bucket_policy_attach(cfn_ctx *c, cfn_res *r)
{
	return resource_policy(c, r, "Bucket", "PolicyDocument", "AWS::S3::Bucket");
}

static int queue_policy_attach(cfn_ctx *c, cfn_res *r)
{
	return resource_policy(c, r, "Queues", "PolicyDocument", "AWS::SQS::Queue");
}

static int topic_policy_attach(cfn_ctx *c, cfn_res *r)
{
	return resource_policy(c, r, "Topics", "PolicyDocument", "AWS::SNS::Topic");
}

static int secret_policy_attach(cfn_ctx *c, cfn_res *r)
{
	return resource_policy(c, r, "SecretId", "ResourcePolicy", "AWS::SecretsManager::Secret");
}

const cfn_handler cfn_store_handlers[] = {
	{ "AWS::S3::Bucket", store_declare, NULL },
	{ "AWS::KMS::Key", store_declare, NULL },
	{ "AWS::SQS::Queue", store_declare, NULL },
	{ "AWS::SNS::Topic", store_declare, NULL },
	{ "AWS::Lambda::Function", store_declare, NULL },
	{ "AWS::SecretsManager::Secret", store_declare, NULL },
	{ "AWS::DynamoDB::Table", store_declare, NULL },
	{ "AWS::S3::BucketPolicy", NULL, bucket_policy_attach },
	{ "AWS::SQS::QueuePolicy", NULL, queue_policy_attach },
	{ "AWS::SNS::TopicPolicy", NULL, topic_policy_attach },
	{ "AWS::SecretsManager::ResourcePolicy", NULL, secret_policy_attach },
	{ "AWS::Lambda::Permission", NULL, cfn_lambda_permission },
	{ NULL, NULL, NULL }
};
