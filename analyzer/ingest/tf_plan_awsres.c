/*
 * tf_plan_awsres — AWS resources of a Terraform plan and their policies:
 *
 *   resource                   name attribute   ARN (when `arn` is unknown)
 *   aws_s3_bucket              bucket           arn:P:s3:::NAME
 *   aws_kms_key                key_id           arn:P:kms:R:A:key/ID
 *   aws_sqs_queue              name             arn:P:sqs:R:A:NAME
 *   aws_sns_topic              name             arn:P:sns:R:A:NAME
 *   aws_lambda_function        function_name    arn:P:lambda:R:A:function:NAME
 *   aws_secretsmanager_secret  name             arn:P:secretsmanager:R:A:secret:NAME-??????
 *   aws_dynamodb_table, aws_kinesis_stream, aws_ecr_repository, aws_backup_vault,
 *   aws_opensearch_domain, aws_codeartifact_domain, aws_s3tables_table_bucket
 * with their tags, and an inline `policy` where the resource has one (bucket,
 * key, queue, topic, secret). A resource the plan creates has no policy but
 * the ones the plan gives it; KMS keys created without a policy get AWS's
 * default key policy (the account root, kms:*) when the account is known.
 *
 * The policy resources (bucket, queue, topic, secret, key, DynamoDB, Kinesis,
 * ECR, Backup, OpenSearch, CodeArtifact, S3 Tables bucket policies) set the
 * policy of the resource they name; aws_lambda_permission adds one statement
 * to its function's policy; aws_s3_bucket_server_side_encryption_configuration
 * (and a bucket's own server_side_encryption_configuration) sets the bucket's
 * customer-managed encryption key.
 */
#include "ingest/tf_plan_internal.h"
#include "ingest/aws_resource.h"
#include "base/strbuf.h"

#include <string.h>

typedef struct res_kind {
	const char *type, *name_key, *service;
	int regional;
	const char *prefix, *suffix; /* the ARN's resource part is prefix NAME suffix */
	const char *cfn;        /* the model's type */
	const char *policy_key; /* an inline policy attribute, or NULL */
} res_kind;

static const res_kind kinds[] = {
	{ "aws_s3_bucket", "bucket", "s3", 0, "", "", "AWS::S3::Bucket", "policy" },
	{ "aws_kms_key", "key_id", "kms", 1, "key/", "", "AWS::KMS::Key", "policy" },
	{ "aws_sqs_queue", "name", "sqs", 1, "", "", "AWS::SQS::Queue", "policy" },
	{ "aws_sns_topic", "name", "sns", 1, "", "", "AWS::SNS::Topic", "policy" },
	{ "aws_lambda_function", "function_name", "lambda", 1, "function:", "", "AWS::Lambda::Function", NULL },
	{ "aws_secretsmanager_secret", "name", "secretsmanager", 1, "secret:", "-??????", "AWS::SecretsManager::Secret",
	  "policy" },
	{ "aws_dynamodb_table", "name", "dynamodb", 1, "table/", "", "AWS::DynamoDB::Table", NULL },
	{ "aws_kinesis_stream", "name", "kinesis", 1, "stream/", "", "AWS::Kinesis::Stream", NULL },
	{ "aws_ecr_repository", "name", "ecr", 1, "repository/", "", "AWS::ECR::Repository", NULL },
	{ "aws_backup_vault", "name", "backup", 1, "backup-vault:", "", "AWS::Backup::BackupVault", NULL },
	{ "aws_opensearch_domain", "domain_name", "es", 1, "domain/", "", "AWS::OpenSearchService::Domain", NULL },
	{ "aws_codeartifact_domain", "domain", "codeartifact", 1, "domain/", "", "AWS::CodeArtifact::Domain", NULL },
	{ "aws_s3tables_table_bucket", "name", "s3tables", 1, "bucket/", "", "AWS::S3Tables::TableBucket", NULL },
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

static const res_kind *kind_of(const char *type)
{
	size_t i;

	for (i = 0; i < N_KINDS; i++)
		if (!strcmp(kinds[i].type, type))
			return &kinds[i];
	return NULL;
}

static const char *kind_arn(tf_plan *p, const res_kind *k, const char *name)
{
	strbuf sb = STRBUF_INIT;
	const char *s;

	strbuf_addf(&sb, "%s%s%s", k->prefix, name, k->suffix);
	s = tf_arn(p, k->service, k->regional ? TF_ARN_BOTH : 0, sb.buf);
	strbuf_release(&sb);
	return s;
}

int tf_awsres_identify(tf_plan *p, tf_res *r)
{
	const res_kind *k = kind_of(r->type);
	const char *name, *arn;

	if (!k)
		return 0;       /* data sources too: data.aws_s3_bucket.b.id names an existing bucket */
	name = tf_str(p, r, k->name_key);
	arn = tf_str(p, r, "arn");
	r->name = name ? model_intern(p->c->m, name) : tf_placeholder(p, r);
	r->id = arn ? model_intern(p->c->m, arn) : kind_arn(p, k, r->name);
	return 1;
}

static void bucket_encryption(tf_plan *p, tf_res *r);

static void set_policy(resource *res, policy *pol)
{
	if (pol)
		pol->name = res->arn;
	res->policy = pol;
	res->policy_known = 1;
}

/* AWS's default key policy: the account (its IAM policies) may do anything with the key. */
static void default_key_policy(tf_plan *p, tf_res *r)
{
	strbuf sb = STRBUF_INIT;
	policy *pol;

	strbuf_addf(&sb, "{\"Version\":\"2012-10-17\",\"Id\":\"key-default-1\",\"Statement\":[{\"Sid\":"
		    "\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
		    "\"arn:%s:iam::%s:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}", p->partition, p->account);
	if (tf_policy_text(p, r, sb.buf, POL_RESOURCE, r->id, NULL, 0, &pol) == 0)
		set_policy(r->rsrc, pol);
	strbuf_release(&sb);
}

void tf_awsres_define(tf_plan *p, tf_res *r)
{
	const res_kind *k = kind_of(r->type);
	const doc_node *pn, *ex;
	resource *res;
	policy *pol;

	if (!k || !r->id || r->data)
		return;
	res = aws_resource_add(p->c, r->id, k->cfn, r->node);
	r->rsrc = res;
	/* the plan's account owns what it creates, though S3 ARNs do not say so: with it, callers
	 * of other accounts are judged across accounts (unknown, the evaluator reads it as theirs) */
	if (!res->account && p->account && r->created)
		res->account = p->account;
	if (tf_tags(p, r, &res->tags, &res->n_tags))
		res->tags_known = 1;
	pn = k->policy_key ? tf_val(r, k->policy_key) : NULL;
	ex = k->policy_key ? tf_expr(r, k->policy_key) : NULL;
	if (pn || (ex && doc_get(ex, "references"))) {
		if (tf_policy(p, r, k->policy_key, pn, ex, POL_RESOURCE, r->id, &pol) == 0 && (pol || pn))
			set_policy(res, pol);
	} else if (r->created && !strcmp(k->service, "kms")) {
		if (p->account)
			default_key_policy(p, r);
	} else if (r->created && strcmp(k->service, "sns")) {
		/* new: no policy but the ones the plan gives it (SNS topics get AWS's default one) */
		set_policy(res, NULL);
	}
	if (!strcmp(k->service, "s3"))
		bucket_encryption(p, r);
}

/* --- policy resources --------------------------------------------------------------- */

static const char *const T_BUCKET[] = { "aws_s3_bucket", NULL };
static const char *const T_KEY[] = { "aws_kms_key", NULL };
static const char *const T_QUEUE[] = { "aws_sqs_queue", NULL };
static const char *const T_TOPIC[] = { "aws_sns_topic", NULL };
static const char *const T_SECRET[] = { "aws_secretsmanager_secret", NULL };
static const char *const T_TABLE[] = { "aws_dynamodb_table", NULL };
static const char *const T_STREAM[] = { "aws_kinesis_stream", NULL };
static const char *const T_REPO[] = { "aws_ecr_repository", NULL };
static const char *const T_VAULT[] = { "aws_backup_vault", NULL };
static const char *const T_DOMAIN[] = { "aws_opensearch_domain", NULL };
static const char *const T_CADOMAIN[] = { "aws_codeartifact_domain", NULL };
static const char *const T_TBUCKET[] = { "aws_s3tables_table_bucket", NULL };

static const struct policy_res {
	const char *type, *target_key;
	const char *const *targets;
	const char *policy_key;
} policy_res[] = {
	{ "aws_s3_bucket_policy", "bucket", T_BUCKET, "policy" },
	{ "aws_sqs_queue_policy", "queue_url", T_QUEUE, "policy" },
	{ "aws_sns_topic_policy", "arn", T_TOPIC, "policy" },
	{ "aws_secretsmanager_secret_policy", "secret_arn", T_SECRET, "policy" },
	{ "aws_kms_key_policy", "key_id", T_KEY, "policy" },
	{ "aws_dynamodb_resource_policy", "resource_arn", T_TABLE, "policy" },
	{ "aws_kinesis_resource_policy", "resource_arn", T_STREAM, "policy" },
	{ "aws_ecr_repository_policy", "repository", T_REPO, "policy" },
	{ "aws_backup_vault_policy", "backup_vault_name", T_VAULT, "policy" },
	{ "aws_opensearch_domain_policy", "domain_name", T_DOMAIN, "access_policies" },
	{ "aws_codeartifact_domain_permissions_policy", "domain", T_CADOMAIN, "policy_document" },
	{ "aws_s3tables_table_bucket_policy", "table_bucket_arn", T_TBUCKET, "resource_policy" },
};
#define N_POLICY_RES (sizeof(policy_res) / sizeof(policy_res[0]))

/* https://sqs.REGION.amazonaws.com/ACCOUNT/NAME -> arn:P:sqs:REGION:ACCOUNT:NAME, or NULL */
static const char *queue_arn(tf_plan *p, const char *url)
{
	const char *host = strstr(url, "://"), *r0, *r1, *a0, *a1;
	strbuf sb = STRBUF_INIT;
	const char *s;

	if (!host || strncmp(host + 3, "sqs.", 4))
		return NULL;
	r0 = host + 7;
	r1 = strchr(r0, '.');
	a0 = r1 ? strchr(r1, '/') : NULL;
	a1 = a0 ? strchr(a0 + 1, '/') : NULL;
	if (!a1 || strchr(a1 + 1, '/') || !a1[1])
		return NULL;
	strbuf_addf(&sb, "arn:%s:sqs:%.*s:%.*s:%s", p->partition, (int)(r1 - r0), r0, (int)(a1 - a0 - 1), a0 + 1,
		    a1 + 1);
	s = model_intern(p->c->m, sb.buf);
	strbuf_release(&sb);
	return s;
}

size_t tf_awsres_targets(tf_plan *p, tf_res *r, const char *key, const char *const *types, resource **out, size_t max)
{
	const res_kind *k = kind_of(types[0]);
	tf_targets t;
	size_t i, n = 0;

	tf_collect(p, r, key, types, &t);
	for (i = 0; i < t.n_res && n < max; i++)
		if (t.res[i]->rsrc || (t.res[i]->data && t.res[i]->id))
			out[n++] = t.res[i]->rsrc ? t.res[i]->rsrc : aws_resource_add(p->c, t.res[i]->id, k->cfn, r->node);
	for (i = 0; i < t.n_known && n < max; i++) {
		const char *v = t.known[i], *arn = queue_arn(p, v);
		tf_res *again = arn ? tf_find(p, types, arn) : NULL;
		if (again && again->rsrc) {
			out[n++] = again->rsrc;
			continue;
		}
		if (!arn)
			arn = !strncmp(v, "arn:", 4) ? v : kind_arn(p, k, v);
		out[n++] = aws_resource_add(p->c, arn, k->cfn, r->node);
	}
	if (t.unresolved)
		tf_diag(p, DIAG_WARNING, r, NULL, "'%s' is known only after apply and names nothing of the plan: "
			"this policy is not applied", key);
	return n;
}

static void link_policy(tf_plan *p, tf_res *r, const struct policy_res *pr)
{
	resource *res[TF_MAX_TARGETS];
	size_t n = tf_awsres_targets(p, r, pr->target_key, pr->targets, res, TF_MAX_TARGETS), i;
	policy *pol;

	for (i = 0; i < n; i++) {
		if (tf_policy(p, r, pr->policy_key, tf_val(r, pr->policy_key), tf_expr(r, pr->policy_key), POL_RESOURCE,
			      res[i]->arn, &pol) < 0)
			return;
		if (pol || tf_val(r, pr->policy_key))
			set_policy(res[i], pol);
	}
}

/* --- bucket encryption ------------------------------------------------------------- */

/* The customer key of one rule block list (rule[].apply_server_side_encryption_by_default[]), or 0. */
static int rule_key(tf_plan *p, tf_res *r, const doc_node *rules, const doc_node *rules_expr, const char **key,
		    const doc_node **at)
{
	static const char *const T_KEYS[] = { "aws_kms_key", NULL };
	size_t i;

	for (i = 0; rules && rules->type == DOC_ARRAY && i < rules->len; i++) {
		const doc_node *by = doc_get(rules->items[i], "apply_server_side_encryption_by_default"), *d, *id;
		const doc_node *ex = rules_expr && rules_expr->type == DOC_ARRAY && i < rules_expr->len ?
					     doc_get(rules_expr->items[i], "apply_server_side_encryption_by_default") : NULL;
		const char *alg;
		tf_targets t;
		if (!by || by->type != DOC_ARRAY || !by->len || by->items[0]->type != DOC_OBJECT)
			continue;
		d = by->items[0];
		ex = ex && ex->type == DOC_ARRAY && ex->len ? doc_get(ex->items[0], "kms_master_key_id") : NULL;
		alg = tf_node_str(p, r, doc_get(d, "sse_algorithm"), "sse_algorithm");
		if (alg && strcmp(alg, "aws:kms") && strcmp(alg, "aws:kms:dsse"))
			continue;       /* SSE-S3: no customer key */
		id = doc_get(d, "kms_master_key_id");
		tf_collect_node(p, r, id, ex, "kms_master_key_id", T_KEYS, &t);
		*at = id && id->type == DOC_STRING ? id : d;
		if (t.n_res) {
			*key = t.res[0]->id;
			return 1;
		}
		/* a bare key id or alias names a key of the plan's region and account */
		if (t.n_known && !strstr(t.known[0], "alias/aws/")) {
			strbuf sb = STRBUF_INIT;
			if (strncmp(t.known[0], "arn:", 4) && p->region && p->account)
				strbuf_addf(&sb, "%s%s", strncmp(t.known[0], "alias/", 6) ? "key/" : "", t.known[0]);
			*key = sb.len ? tf_arn(p, "kms", TF_ARN_BOTH, sb.buf) : model_intern(p->c->m, t.known[0]);
			strbuf_release(&sb);
			return 1;
		}
		if (t.unresolved)
			tf_diag(p, DIAG_WARNING, r, d, "'kms_master_key_id' is known only after apply and names no key "
				"of the plan: the bucket's encryption key is not known");
	}
	return 0;
}

static void set_encryption(tf_plan *p, tf_res *r, resource *res, const doc_node *rules, const doc_node *rules_expr)
{
	const char *key = NULL;
	const doc_node *at = NULL;

	res->encryption_key = NULL;
	if (rule_key(p, r, rules, rules_expr, &key, &at)) {
		res->encryption_key = key;
		res->encryption_loc = model_loc(p->c->m, at->file, at->line, at->col);
	}
}

void tf_awsres_encryption(tf_plan *p, tf_res *r)
{
	resource *res[TF_MAX_TARGETS];
	size_t n = tf_awsres_targets(p, r, "bucket", T_BUCKET, res, TF_MAX_TARGETS), i;

	for (i = 0; i < n; i++)
		set_encryption(p, r, res[i], tf_val(r, "rule"), tf_expr(r, "rule"));
}

/* The legacy server_side_encryption_configuration block of aws_s3_bucket. */
static void bucket_encryption(tf_plan *p, tf_res *r)
{
	const doc_node *sse = tf_val(r, "server_side_encryption_configuration"), *ex;

	if (!sse || sse->type != DOC_ARRAY || !sse->len)
		return;
	ex = tf_block_expr(r, "server_side_encryption_configuration", 0, "rule");
	set_encryption(p, r, r->rsrc, doc_get(sse->items[0], "rule"), ex);
}

void tf_awsres_link(tf_plan *p, tf_res *r)
{
	size_t i;

	for (i = 0; i < N_POLICY_RES; i++)
		if (!strcmp(r->type, policy_res[i].type)) {
			link_policy(p, r, &policy_res[i]);
			return;
		}
	if (!strcmp(r->type, "aws_lambda_permission"))
		tf_awsres_lambda_permission(p, r);
	else if (!strcmp(r->type, "aws_s3_bucket_server_side_encryption_configuration"))
		tf_awsres_encryption(p, r);
}
