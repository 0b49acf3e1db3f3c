/*
 * aws_resource — per-resource AWS CLI outputs ("aws-resource-policy") and the
 * helpers the AWS resource readers share.
 *
 * Where the resource comes from, by command (folder names as CloudMapper
 * writes them; the same outputs saved elsewhere are read from their content):
 *   s3-get-bucket-policy/<bucket>        {"Policy": "<json>"}        arn:aws:s3:::<bucket>
 *   lambda-get-policy/<function>         {"Policy", "RevisionId"}    the function ARN its statements name
 *   kms-get-key-policy/<key>             {"Policy", "PolicyName"?}   the file name when it is a (URL-encoded)
 *                                        ARN, else <region folder> + the one account the policy names
 *   sns-get-topic-attributes/<arn>       {"Attributes": {"Policy", "TopicArn"}}
 *   sqs-get-queue-attributes/<queue>     {"Attributes": {"Policy", "QueueArn"}}
 *   secretsmanager-get-resource-policy/  {"ARN", "Name", "ResourcePolicy"?}  (none given: no policy)
 * A bare {"Policy": "<json>"} elsewhere belongs to the one resource its
 * statements name (S3 object ARNs count as their bucket); if none, an error.
 * The list outputs (s3api list-buckets, secretsmanager list-secrets, sqs
 * list-queues) register resources and say nothing about their policies.
 */
#include "ingest/aws_resource.h"
#include "ingest/aws_policy.h"
#include "ingest/aws_tagging.h"
#include "base/strbuf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef enum { F_NONE, F_S3, F_LAMBDA, F_SNS, F_SECRET, F_KMS, F_SQS, F_COUNT } cli_folder;

static const char *const folder_names[F_COUNT] = {
	"", "s3-get-bucket-policy", "lambda-get-policy", "sns-get-topic-attributes",
	"secretsmanager-get-resource-policy", "kms-get-key-policy", "sqs-get-queue-attributes"
};

/* The last path component of dir[0..len). */
static const char *base_of(const char *dir, size_t *len)
{
	const char *b;

	while (*len > 1 && dir[*len - 1] == '/')
		(*len)--;
	b = dir + *len;
	while (b > dir && b[-1] != '/')
		b--;
	*len = (size_t)(dir + *len - b);
	return b;
}

static cli_folder folder_kind(const char *dir, size_t len)
{
	const char *b = base_of(dir, &len);
	int i;

	for (i = F_S3; i < F_COUNT; i++)
		if (strlen(folder_names[i]) == len && !memcmp(b, folder_names[i], len))
			return (cli_folder)i;
	return F_NONE;
}

int aws_resource_cli_folder(const char *dir)
{
	return folder_kind(dir, strlen(dir)) != F_NONE;
}

static cli_folder file_folder(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? folder_kind(path, (size_t)(slash - path)) : F_NONE;
}

/* The file name, URL-decoded (SNS topic ARNs are saved as arn%3Aaws%3Asns...). */
static void file_name(const char *path, strbuf *out)
{
	const char *s = strrchr(path, '/');

	for (s = s ? s + 1 : path; *s; s++) {
		if (s[0] == '%' && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2])) {
			char hex[3] = { s[1], s[2], 0 };
			strbuf_addch(out, (int)strtol(hex, NULL, 16));
			s += 2;
		} else {
			strbuf_addch(out, *s);
		}
	}
}

/* Drop a .json/.yaml/.yml extension; 1 when there was one. */
static int strip_ext(strbuf *sb)
{
	static const char *const exts[] = { ".json", ".yaml", ".yml", NULL };
	size_t i, n;

	for (i = 0; exts[i]; i++) {
		n = strlen(exts[i]);
		if (sb->len > n && !strcmp(sb->buf + sb->len - n, exts[i])) {
			sb->len -= n;
			sb->buf[sb->len] = '\0';
			return 1;
		}
	}
	return 0;
}

/* Segment i (0-based) of an ARN, or NULL; *len its length (the last runs to the end). */
static const char *arn_seg(const char *arn, int i, size_t *len)
{
	const char *s = arn, *e;

	if (strncmp(arn, "arn:", 4))
		return NULL;
	for (; i > 0; i--) {
		s = strchr(s, ':');
		if (!s)
			return NULL;
		s++;
	}
	e = strchr(s, ':');
	*len = e ? (size_t)(e - s) : strlen(s);
	return s;
}

static int seg_is(const char *arn, int i, const char *want)
{
	size_t len;
	const char *s = arn_seg(arn, i, &len);

	return s && len == strlen(want) && !memcmp(s, want, len);
}

const char *aws_resource_type_of(const char *arn)
{
	static const struct { const char *service, *prefix, *type; } types[] = {
		{ "kms", "key/", "AWS::KMS::Key" }, { "kms", "alias/", "AWS::KMS::Alias" },
		{ "sns", "", "AWS::SNS::Topic" }, { "sqs", "", "AWS::SQS::Queue" },
		{ "lambda", "function:", "AWS::Lambda::Function" },
		{ "secretsmanager", "secret:", "AWS::SecretsManager::Secret" },
		{ "dynamodb", "table/", "AWS::DynamoDB::Table" },
		{ "ecr", "repository/", "AWS::ECR::Repository" },
	};
	size_t i, len;
	const char *res = arn_seg(arn, 5, &len);

	if (!res)
		return NULL;
	if (seg_is(arn, 2, "s3"))
		return strchr(res, '/') ? NULL : "AWS::S3::Bucket";
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (seg_is(arn, 2, types[i].service) && !strncmp(res, types[i].prefix, strlen(types[i].prefix)))
			return types[i].type;
	return NULL;
}

resource *aws_resource_add(ingest_ctx *c, const char *arn, const char *type, const doc_node *at)
{
	resource *r = model_add_resource(c->m, arn);

	if (!r->type)
		r->type = model_intern(c->m, type ? type : aws_resource_type_of(arn));
	if (!r->loc.file && at)
		r->loc = model_loc(c->m, at->file, at->line, at->col);
	return r;
}

static void attach(resource *r, policy *p)
{
	if (p)
		p->name = r->arn;
	r->policy = p;
	r->policy_known = 1;
}

int aws_resource_set_policy(ingest_ctx *c, resource *r, const doc_node *node)
{
	policy *p = NULL;

	if (node->type != DOC_NULL &&
	    aws_policy_parse(c->m, c->doc, node, POL_RESOURCE, r->arn, &p, c->diags) < 0)
		return PG_EINPUT;
	attach(r, p);
	return 0;
}

int aws_resource_expect(ingest_ctx *c, const doc_node *n, doc_type type, const char *what)
{
	if (n && n->type == type)
		return 0;
	if (n)
		diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "'%s' must be a%s %s, not a%s %s", what,
			       type == DOC_OBJECT ? "n" : "", doc_type_name(type), n->type == DOC_OBJECT ? "n" : "",
			       doc_type_name(n->type));
	return -1;
}

/* --- the reader ---------------------------------------------------------------- */

/* The resource an ARN in a policy's Resource is about: S3 objects count as
 * their bucket, Lambda qualifiers as their function; NULL for wildcards and
 * for other services than `service` (any when NULL). */
static const char *subject_of(model *m, const char *res, const char *service)
{
	size_t len, cut;
	const char *svc = arn_seg(res, 2, &len), *last = arn_seg(res, 5, &cut);

	if (!svc || !last || (service && (strlen(service) != len || memcmp(svc, service, len))))
		return NULL;
	cut = strlen(res);
	if (len == 2 && !memcmp(svc, "s3", 2) && strchr(last, '/'))
		cut = (size_t)(strchr(last, '/') - res);
	else if (len == 6 && !memcmp(svc, "lambda", 6) && (last = arn_seg(res, 7, &len)) != NULL)
		cut = (size_t)(last - 1 - res);
	if (strcspn(res, "*?$") < cut)
		return NULL;
	return model_intern_n(m, res, cut);
}

/* The one resource p's statements name, or NULL; *other: a second one when they name more. */
static const char *policy_subject(model *m, const policy *p, const char *service, const char **other)
{
	const char *found = NULL, *arn;
	size_t i, j;

	*other = NULL;
	for (i = 0; i < p->n_stmts; i++)
		for (j = 0; !p->stmts[i].not_resource && j < p->stmts[i].n_resources; j++) {
			arn = subject_of(m, p->stmts[i].resources[j], service);
			if (arn && found && arn != found && !*other)
				*other = arn;
			if (arn && !found)
				found = arn;
		}
	return found;
}

/* The one account root (arn:PARTITION:iam::ID:root) p names, or NULL when none or several. */
static const char *policy_account(const policy *p)
{
	const char *found = NULL;
	size_t i, j;

	for (i = 0; i < p->n_stmts; i++)
		for (j = 0; j < p->stmts[i].n_principals; j++) {
			const pspec *ps = &p->stmts[i].principals[j];
			size_t len;
			const char *res = arn_seg(ps->value, 5, &len);
			if (ps->kind != PSPEC_AWS || !res || strcmp(res, "root") || !seg_is(ps->value, 2, "iam"))
				continue;
			if (found && strcmp(found, ps->value))
				return NULL;
			found = ps->value;
		}
	return found;
}

static int looks_like_region(const char *s, size_t len)
{
	return len >= 9 && len < 32 && islower((unsigned char)s[0]) && islower((unsigned char)s[1]) && s[2] == '-' &&
	       isdigit((unsigned char)s[len - 1]) && s[len - 2] == '-';
}

/* The key ARN of a kms-get-key-policy/<key-id> file: its region folder and the account its policy names. */
static void kms_arn(ingest_ctx *c, const policy *p, const char *key, strbuf *out)
{
	const char *slash = strrchr(c->path, '/'), *root = policy_account(p), *region, *part, *acct;
	size_t len, plen, alen;

	len = slash ? (size_t)(slash - c->path) : 0;
	while (len && c->path[len - 1] != '/')
		len--;
	if (!len || !root)
		return;
	len--;
	region = base_of(c->path, &len);
	if (!looks_like_region(region, len))
		return;
	part = arn_seg(root, 1, &plen);
	acct = arn_seg(root, 4, &alen);
	strbuf_addf(out, "arn:%.*s:kms:%.*s:%.*s:key/%s", (int)plen, part, (int)len, region, (int)alen, acct, key);
}

static int read_bare_policy(ingest_ctx *c, const doc_node *root, cli_folder f)
{
	const doc_node *node = doc_get(root, "Policy");
	strbuf name = STRBUF_INIT, arn = STRBUF_INIT;
	const char *subject, *other = NULL;
	policy *p;
	int err = PG_EINPUT;

	if (!node) {
		diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col, "missing 'Policy'");
		return PG_EINPUT;
	}
	if (aws_policy_parse(c->m, c->doc, node, POL_RESOURCE, "resource policy", &p, c->diags) < 0)
		return PG_EINPUT;
	file_name(c->path, &name);
	subject = policy_subject(c->m, p, f == F_S3 ? "s3" : f == F_LAMBDA ? "lambda" : f == F_KMS ? "kms" : NULL,
				 &other);
	if (f == F_S3) {
		/* the file is named after the bucket (a saved <bucket>.json: its statements tell) */
		const char *bucket = subject ? strstr(subject, ":::") : NULL;
		if (!bucket || (strcmp(bucket + 3, name.buf) && (!strip_ext(&name) || strcmp(bucket + 3, name.buf)))) {
			strbuf_reset(&name);
			file_name(c->path, &name);
			strbuf_addf(&arn, "arn:aws:s3:::%s", name.buf);
			subject = model_intern(c->m, arn.buf);
		}
		other = NULL;
	} else if (f == F_KMS && !strncmp(name.buf, "arn:", 4)) {
		subject = model_intern(c->m, name.buf);
		other = NULL;
	} else if (f == F_KMS && !subject) {
		strip_ext(&name);
		kms_arn(c, p, name.buf, &arn);
		subject = arn.len ? model_intern(c->m, arn.buf) : NULL;
		if (!subject)
			diag_list_addf(c->diags, DIAG_ERROR, node->file, node->line, node->col,
				       "cannot tell the ARN of key '%s': name the file after the key ARN, or keep it in "
				       "a folder named after the key's region and let the policy name its account", name.buf);
	}
	if (other) {
		diag_list_addf(c->diags, DIAG_ERROR, node->file, node->line, node->col,
			       "cannot tell which resource this policy belongs to: it names '%s' and '%s'", subject, other);
	} else if (!subject && f != F_KMS) {
		diag_list_addf(c->diags, DIAG_ERROR, node->file, node->line, node->col,
			       "cannot tell which resource this policy belongs to: its statements name no resource ARN "
			       "(save it as s3-get-bucket-policy/<bucket>, or list it in a permgraph manifest)");
	} else if (subject) {
		attach(aws_resource_add(c, subject, NULL, node), p);
		err = 0;
	}
	strbuf_release(&name);
	strbuf_release(&arn);
	return err;
}

/* sns get-topic-attributes, sqs get-queue-attributes */
static int read_attributes(ingest_ctx *c, const doc_node *root)
{
	const doc_node *attrs = doc_get(root, "Attributes"), *arn_node, *pol;
	strbuf name = STRBUF_INIT;
	const char *arn;
	resource *r;

	if (!attrs || aws_resource_expect(c, attrs, DOC_OBJECT, "Attributes") < 0) {
		if (!attrs)
			diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col, "missing 'Attributes'");
		return PG_EINPUT;
	}
	arn_node = doc_get(attrs, "TopicArn") ? doc_get(attrs, "TopicArn") : doc_get(attrs, "QueueArn");
	file_name(c->path, &name);
	arn = arn_node && arn_node->type == DOC_STRING ? arn_node->str : !strncmp(name.buf, "arn:", 4) ? name.buf : NULL;
	if (!arn) {
		diag_list_addf(c->diags, DIAG_ERROR, attrs->file, attrs->line, attrs->col,
			       "missing 'TopicArn' or 'QueueArn' (a string), and the file is not named after the ARN");
		strbuf_release(&name);
		return PG_EINPUT;
	}
	r = aws_resource_add(c, arn, NULL, arn_node ? arn_node : attrs);
	strbuf_release(&name);
	pol = doc_get(attrs, "Policy");
	/* without a Policy attribute the output may have been asked for other attributes only */
	return pol ? aws_resource_set_policy(c, r, pol) : 0;
}

/* secretsmanager get-resource-policy: no ResourcePolicy means the secret has none */
static int read_secret_policy(ingest_ctx *c, const doc_node *root)
{
	const doc_node *arn = doc_get(root, "ARN"), *pol = doc_get(root, "ResourcePolicy");
	resource *r;

	if (!arn || aws_resource_expect(c, arn, DOC_STRING, "ARN") < 0) {
		if (!arn)
			diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col, "missing 'ARN'");
		return PG_EINPUT;
	}
	r = aws_resource_add(c, arn->str, "AWS::SecretsManager::Secret", arn);
	if (pol)
		return aws_resource_set_policy(c, r, pol);
	attach(r, NULL);
	return 0;
}

static int only_keys(const doc_node *obj, const char *const *keys)
{
	size_t i, j;

	for (i = 0; i < obj->len; i++) {
		for (j = 0; keys[j] && strcmp(keys[j], obj->keys[i]->str); j++)
			;
		if (!keys[j])
			return 0;
	}
	return 1;
}

static const char *const bare_keys[] = { "Policy", "RevisionId", "PolicyName", NULL };
static const char *const secret_keys[] = { "ARN", "Name", "ResourcePolicy", NULL };

static int is_array(const doc_node *n)
{
	return n && n->type == DOC_ARRAY;
}

static int detect(const doc_node *root, const char *path)
{
	const doc_node *attrs = doc_get(root, "Attributes"), *pol = doc_get(root, "Policy");
	const char *arn = doc_get_str(root, "ARN");

	if (root->type != DOC_OBJECT)
		return 0;
	if (file_folder(path) != F_NONE || is_array(doc_get(root, "Buckets")) || is_array(doc_get(root, "SecretList")) ||
	    is_array(doc_get(root, "QueueUrls")))
		return 1;
	if (attrs && (doc_get(attrs, "TopicArn") || doc_get(attrs, "QueueArn")))
		return 1;
	if (arn && strstr(arn, ":secretsmanager:") && only_keys(root, secret_keys))
		return 1;
	return pol && pol->type == DOC_STRING && only_keys(root, bare_keys);
}

static int read_resource(ingest_ctx *c, const doc_node *root)
{
	cli_folder f = file_folder(c->path);

	if (aws_resource_expect(c, root, DOC_OBJECT, "document") < 0)
		return PG_EINPUT;
	if (doc_get(root, "Buckets") || doc_get(root, "SecretList") || doc_get(root, "QueueUrls"))
		return aws_tagging_read_list(c, root);
	if (f == F_SNS || f == F_SQS || doc_get(root, "Attributes"))
		return read_attributes(c, root);
	if (f == F_SECRET || doc_get(root, "ARN"))
		return read_secret_policy(c, root);
	return read_bare_policy(c, root, f);
}

const ingest_format ingest_aws_resource_format = {
	"aws-resource-policy",
	"per-resource AWS CLI outputs: s3api get-bucket-policy, kms get-key-policy, lambda get-policy, ... and list-buckets",
	detect, read_resource
};
