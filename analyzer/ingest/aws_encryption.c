/* aws_encryption — S3 default encryption (s3api get-bucket-encryption); see aws_encryption.h. */
#include "ingest/aws_encryption.h"
#include "ingest/aws_resource.h"
#include "base/strbuf.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#define FOLDER "s3-get-bucket-encryption"

/* The folder name of path's parent: [*b, *b + *len). */
static int parent_is_folder(const char *path)
{
	const char *slash = strrchr(path, '/'), *b;
	size_t len;

	if (!slash)
		return 0;
	for (b = slash; b > path && b[-1] != '/'; b--)
		;
	len = (size_t)(slash - b);
	return len == strlen(FOLDER) && !memcmp(b, FOLDER, len);
}

int aws_encryption_cli_folder(const char *dir)
{
	size_t len = strlen(dir), n = strlen(FOLDER);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	return len >= n && !memcmp(dir + len - n, FOLDER, n) && (len == n || dir[len - n - 1] == '/');
}

static int error_at(ingest_ctx *c, const doc_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A placed error; returns PG_EINPUT. */
static int error_at(ingest_ctx *c, const doc_node *n, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "%s", sb.buf);
	strbuf_release(&sb);
	return PG_EINPUT;
}

/* AWS-managed keys are one per account, region and service (aws/s3 for
 * every bucket of the account that asks for SSE-KMS without a key), their
 * key policy lets only the service use them on behalf of callers of that
 * account and cannot be changed: two stores on aws/s3 share no key that
 * anyone can be granted or denied apart from the stores themselves, no more
 * than two SSE-S3 buckets do. Separating data classes by key needs customer
 * keys, which is what the shared-key check looks at. */
static int aws_managed_alias(const char *key)
{
	const char *a = strstr(key, "alias/aws/");

	return a && (a == key || (!strncmp(key, "arn:", 4) && a[-1] == ':'));
}

/* A key ARN or alias ARN of KMS: "arn:P:kms:R:A:key/…" or ":alias/…" (five colons). */
static int kms_arn(const char *s)
{
	const char *p = s + 4;
	int colons = 0;

	for (; *p && colons < 4; p++)
		colons += *p == ':';
	return colons == 4 && !strncmp(strchr(s + 4, ':') + 1, "kms:", 4) &&
	       (!strncmp(p, "key/", 4) || !strncmp(p, "alias/", 6)) && !strchr(p, ':');
}

static const char *partition_of(const char *region)
{
	if (!strncmp(region, "cn-", 3))
		return "aws-cn";
	if (!strncmp(region, "us-gov-", 7))
		return "aws-us-gov";
	if (!strncmp(region, "us-isob-", 8))
		return "aws-iso-b";
	if (!strncmp(region, "us-iso-", 7))
		return "aws-iso";
	return "aws";
}

/* The key as kept: an ARN as written; a bare key id or alias completed to its
 * ARN when region and account are known, else as written. */
static const char *key_name(ingest_ctx *c, const char *key, const char *region, const char *account)
{
	strbuf sb = STRBUF_INIT;
	const char *out;

	if (!strncmp(key, "arn:", 4) || !region || !*region || !account || !*account)
		return model_intern(c->m, key);
	strbuf_addf(&sb, "arn:%s:kms:%s:%s:%s%s", partition_of(region), region, account,
		    strncmp(key, "alias/", 6) ? "key/" : "", key);
	out = model_intern(c->m, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* The customer key one rule names (*key NULL when it names none). */
static int read_rule(ingest_ctx *c, const doc_node *rule, const doc_node **key)
{
	const doc_node *by, *alg, *id, *bk;
	int err = 0, kms;

	*key = NULL;
	if (rule->type != DOC_OBJECT)
		return error_at(c, rule, "each encryption rule must be an object, not %s", doc_type_phrase(rule->type));
	if ((bk = doc_get_ci(rule, "BucketKeyEnabled")) && bk->type != DOC_BOOL && bk->type != DOC_NULL)
		err = error_at(c, bk, "'BucketKeyEnabled' must be true or false, not %s", doc_type_phrase(bk->type));
	by = doc_get_ci(rule, "ApplyServerSideEncryptionByDefault");
	if (!by || by->type == DOC_NULL)
		return err;     /* a rule with only BucketKeyEnabled sets no default */
	if (by->type != DOC_OBJECT)
		return error_at(c, by, "'ApplyServerSideEncryptionByDefault' must be an object, not %s",
				doc_type_phrase(by->type));
	alg = doc_get_ci(by, "SSEAlgorithm");
	if (!alg || alg->type != DOC_STRING)
		return alg ? error_at(c, alg, "'SSEAlgorithm' must be a string, not %s", doc_type_phrase(alg->type))
			   : error_at(c, by, "missing 'SSEAlgorithm'");
	kms = !strcmp(alg->str, "aws:kms") || !strcmp(alg->str, "aws:kms:dsse");
	if (!kms && strcmp(alg->str, "AES256"))
		return error_at(c, alg, "unknown SSEAlgorithm '%s' (expected AES256, aws:kms or aws:kms:dsse)", alg->str);
	id = doc_get_ci(by, "KMSMasterKeyID");
	if (!id || id->type == DOC_NULL)
		return err;     /* SSE-S3, or SSE-KMS with the AWS-managed key aws/s3 */
	if (id->type != DOC_STRING || !*id->str || strpbrk(id->str, " \t\n"))
		return error_at(c, id, "'KMSMasterKeyID' must be a KMS key id, key ARN, alias or alias ARN%s",
				id->type == DOC_STRING ? "" : ", not a string");
	if (!kms)
		return error_at(c, id, "'KMSMasterKeyID' is only valid with SSEAlgorithm aws:kms or aws:kms:dsse, "
				       "not '%s'", alg->str);
	if (!strncmp(id->str, "arn:", 4) && !kms_arn(id->str))
		return error_at(c, id, "malformed KMS key ARN '%s' (expected arn:PARTITION:kms:REGION:ACCOUNT:key/ID "
				       "or …:alias/NAME)", id->str);
	if (!aws_managed_alias(id->str))
		*key = id;
	return err;
}

int aws_encryption_read(ingest_ctx *c, resource *r, const doc_node *sse, const char *region, const char *account)
{
	const doc_node *rules, *key = NULL, *k;
	pg_loc none = { NULL, 0, 0 };
	size_t i;
	int err = 0;

	/* this input says what the encryption is: what an earlier one said goes */
	r->encryption_key = NULL;
	r->encryption_loc = none;
	if (!sse || sse->type == DOC_NULL)
		return 0;
	if (sse->type != DOC_OBJECT)
		return error_at(c, sse, "'ServerSideEncryptionConfiguration' must be an object, not %s",
				doc_type_phrase(sse->type));
	rules = doc_get_ci(sse, "Rules");
	if (!rules || rules->type != DOC_ARRAY)
		return rules ? error_at(c, rules, "'Rules' must be a list, not %s", doc_type_phrase(rules->type))
			     : error_at(c, sse, "missing 'Rules'");
	for (i = 0; i < rules->len; i++) {
		if (read_rule(c, rules->items[i], &k) < 0) {
			err = PG_EINPUT;
			continue;
		}
		if (k && !key)
			key = k;
		else if (k && strcmp(k->str, key->str))
			diag_list_addf(c->diags, DIAG_WARNING, k->file, k->line, k->col,
				       "a second default-encryption key '%s' (S3 applies one rule): '%s' is kept", k->str,
				       key->str);
	}
	if (key) {
		r->encryption_key = key_name(c, key->str, region, account);
		r->encryption_loc = model_loc(c->m, key->file, key->line, key->col);
	}
	return err;
}

static int detect(const doc_node *root, const char *path)
{
	/* anything in the folder is the command's output: a wrong shape there is an error, not a skipped file */
	return parent_is_folder(path) || (root->type == DOC_OBJECT && doc_get(root, "ServerSideEncryptionConfiguration"));
}

static int read_encryption(ingest_ctx *c, const doc_node *root)
{
	static const char *const exts[] = { ".json", ".yaml", ".yml", NULL };
	const char *name = strrchr(c->path, '/') ? strrchr(c->path, '/') + 1 : c->path;
	strbuf arn = STRBUF_INIT;
	const doc_node *sse;
	resource *r;
	size_t i, len = strlen(name);
	int err;

	if (aws_resource_expect(c, root, DOC_OBJECT, "document") < 0)
		return PG_EINPUT;
	sse = doc_get(root, "ServerSideEncryptionConfiguration");
	if (!parent_is_folder(c->path))
		return error_at(c, root, "cannot tell which bucket this encryption configuration belongs to "
					 "(get-bucket-encryption does not name it): save it as %s/<bucket>", FOLDER);
	if (!sse && root->len)
		return error_at(c, root, "missing 'ServerSideEncryptionConfiguration'");
	for (i = 0; exts[i]; i++)
		if (len > strlen(exts[i]) && !strcasecmp(name + len - strlen(exts[i]), exts[i])) {
			len -= strlen(exts[i]);
			break;
		}
	strbuf_addf(&arn, "arn:aws:s3:::%.*s", (int)len, name);
	r = aws_resource_add(c, arn.buf, "AWS::S3::Bucket", root);
	strbuf_release(&arn);
	/* the CLI output carries no region: a bare key id stays as written */
	err = aws_encryption_read(c, r, sse, NULL, r->account);
	return err;
}

const ingest_format ingest_aws_encryption_format = {
	"aws-bucket-encryption",
	"s3api get-bucket-encryption outputs (CloudMapper's s3-get-bucket-encryption/<bucket>): S3 default encryption keys",
	detect, read_encryption
};
