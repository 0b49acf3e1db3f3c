/* aws_config — AWS Config configuration items and snapshots; see aws_config.h. */
#include "ingest/aws_config.h"
#include "ingest/aws_encryption.h"
#include "ingest/aws_manifest.h"
#include "ingest/aws_resource.h"
#include "ingest/aws_tagging.h"
#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* n when an object; the object its JSON string holds (Config's API returns
 * configuration and supplementary values as strings); NULL when absent/null. */
static const doc_node *object_of(ingest_ctx *c, const doc_node *n, const char *what, int *err)
{
	const doc_node *out = NULL;
	diag d = DIAG_INIT;

	if (!n || n->type == DOC_NULL || n->type == DOC_OBJECT)
		return n && n->type == DOC_OBJECT ? n : NULL;
	if (n->type != DOC_STRING) {
		aws_resource_expect(c, n, DOC_OBJECT, what);
		*err = PG_EINPUT;
		return NULL;
	}
	if (doc_parse_embedded(c->doc, n, &out, &d) < 0) {
		diag_list_add(c->diags, &d);
		*err = PG_EINPUT;
		return NULL;
	}
	diag_release(&d);
	if (out->type == DOC_NULL)
		return NULL;
	if (out->type != DOC_OBJECT) {
		diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "'%s' must hold a JSON object, not %s",
			       what, doc_type_phrase(out->type));
		*err = PG_EINPUT;
		return NULL;
	}
	return out;
}

static const char *item_arn(ingest_ctx *c, const doc_node *it, strbuf *sb)
{
	const char *arn = doc_get_str(it, "ARN") ? doc_get_str(it, "ARN") : doc_get_str(it, "arn");
	const char *type = doc_get_str(it, "resourceType"), *name = doc_get_str(it, "resourceName");

	if (arn)
		return arn;
	/* a select that did not ask for the ARN: buckets are named by their name */
	if (type && !strcmp(type, "AWS::S3::Bucket") && (name || (name = doc_get_str(it, "resourceId")))) {
		strbuf_addf(sb, "arn:aws:s3:::%s", name);
		return sb->buf;
	}
	return NULL;
}

static const doc_node *find_policy(const doc_node *conf, const doc_node *sup)
{
	static const char *const keys[] = { "Policy", "policy", "KeyPolicy", "keyPolicy", NULL };
	const doc_node *n;
	size_t i;

	for (i = 0; keys[i]; i++)
		if ((n = doc_get(conf, keys[i])) != NULL || (n = doc_get(sup, keys[i])) != NULL)
			return n;
	return NULL;
}

static int read_item(ingest_ctx *c, const doc_node *it)
{
	static const char *const policy_types[] = { "AWS::KMS::Key", "AWS::SQS::Queue", "AWS::SNS::Topic",
						    "AWS::Lambda::Function", "AWS::SecretsManager::Secret", NULL };
	strbuf sb = STRBUF_INIT;
	const doc_node *conf, *sup, *n, *bp;
	const char *type = doc_get_str(it, "resourceType"), *arn, *status = doc_get_str(it, "configurationItemStatus");
	resource *r;
	size_t i;
	int err = 0;

	if (!type || !(arn = item_arn(c, it, &sb))) {
		diag_list_addf(c->diags, DIAG_ERROR, it->file, it->line, it->col, "a configuration item needs %s",
			       type ? "an 'ARN'" : "a 'resourceType'");
		strbuf_release(&sb);
		return PG_EINPUT;
	}
	if (!strncmp(type, "AWS::IAM::", 10) || (status && !strncmp(status, "ResourceDeleted", 15))) {
		strbuf_release(&sb);
		return 0;
	}
	r = aws_resource_add(c, arn, type, it);
	strbuf_release(&sb);
	if ((n = doc_get(it, "awsAccountId")) != NULL || (n = doc_get(it, "accountId")) != NULL)
		err |= aws_manifest_set_account(c, r, n);
	if ((n = doc_get(it, "tags")) != NULL)
		err |= aws_tagging_read_tags(c, n, "key", "value", 1, r);
	conf = object_of(c, doc_get(it, "configuration"), "configuration", &err);
	sup = object_of(c, doc_get(it, "supplementaryConfiguration"), "supplementaryConfiguration", &err);
	if (!strcmp(type, "AWS::S3::Bucket")) {
		/* {"BucketPolicy": {"policyText": "<json>" or null}}, the value itself possibly a string */
		bp = object_of(c, doc_get(sup, "BucketPolicy"), "BucketPolicy", &err);
		if (bp && (n = doc_get(bp, "policyText")) != NULL)
			err |= aws_resource_set_policy(c, r, n);
		/* {"rules": [...]} as s3api get-bucket-encryption, camelCase; absent: not recorded, kept as is */
		if ((n = doc_get(sup, "ServerSideEncryptionConfiguration")) != NULL) {
			n = object_of(c, n, "ServerSideEncryptionConfiguration", &err);
			err |= aws_encryption_read(c, r, n, doc_get_str(it, "awsRegion"), r->account);
		}
		return err;
	}
	if (!strcmp(type, "AWS::KMS::Key") && (n = doc_get(conf, "keyManager")) && doc_is_scalar(n) && n->str)
		r->aws_managed_key = !strcmp(n->str, "AWS");
	for (i = 0; policy_types[i]; i++)
		if (!strcmp(type, policy_types[i]) && (n = find_policy(conf, sup)) != NULL)
			err |= aws_resource_set_policy(c, r, n);
	return err;
}

/* Configuration state ids increase with each change; capture times order the rest. */
static int later(const doc_node *a, const doc_node *b)
{
	const char *sa = doc_get_str(a, "configurationStateId"), *sb = doc_get_str(b, "configurationStateId");
	const char *ta = doc_get_str(a, "configurationItemCaptureTime"), *tb = doc_get_str(b, "configurationItemCaptureTime");

	if (sa && sb)
		return strtoull(sa, NULL, 10) >= strtoull(sb, NULL, 10);
	return !ta || !tb || strcmp(ta, tb) >= 0;
}

static int read_list(ingest_ctx *c, const doc_node *list, const char *what)
{
	const doc_node **items;
	ptrmap latest = PTRMAP_INIT;
	strbuf sb = STRBUF_INIT;
	size_t i;
	int err = 0;

	if (aws_resource_expect(c, list, DOC_ARRAY, what) < 0)
		return PG_EINPUT;
	items = xcalloc(list->len ? list->len : 1, sizeof(*items));
	for (i = 0; i < list->len; i++) {
		const doc_node *it = list->items[i];
		const char *arn;
		uintptr_t prev;
		/* select-resource-config returns each item as a JSON string */
		items[i] = it->type == DOC_STRING ? object_of(c, it, "configuration item", &err) : it;
		if (!items[i] || aws_resource_expect(c, items[i], DOC_OBJECT, "configuration item") < 0) {
			items[i] = NULL;
			err = PG_EINPUT;
			continue;
		}
		strbuf_reset(&sb);
		arn = item_arn(c, items[i], &sb);
		if (!arn)
			continue;       /* read_item reports it */
		arn = model_intern(c->m, arn);
		prev = (uintptr_t)ptrmap_get(&latest, arn);
		if (!prev || later(items[i], items[prev - 1]))
			ptrmap_put(&latest, arn, (void *)(uintptr_t)(i + 1));
	}
	for (i = 0; i < list->len; i++) {
		const char *arn;
		if (!items[i])
			continue;
		strbuf_reset(&sb);
		arn = item_arn(c, items[i], &sb);
		if (arn && (uintptr_t)ptrmap_get(&latest, model_intern(c->m, arn)) != i + 1)
			continue;
		err |= read_item(c, items[i]);
	}
	free(items);
	ptrmap_release(&latest);
	strbuf_release(&sb);
	return err;
}

static const char *const list_keys[] = { "configurationItems", "baseConfigurationItems", "Results", NULL };

static int detect(const doc_node *root, const char *path)
{
	const char *type = doc_get_str(root, "resourceType");
	const doc_node *one = doc_get(root, "configurationItem");
	size_t i;

	(void)path;
	for (i = 0; list_keys[i]; i++)
		if (doc_get(root, list_keys[i]) && doc_get(root, list_keys[i])->type == DOC_ARRAY &&
		    (i < 2 || doc_get(root, "QueryInfo")))
			return 1;
	if (one && one->type == DOC_OBJECT && doc_get(one, "resourceType"))
		return 1;
	return type && !strncmp(type, "AWS::", 5) &&
	       (doc_get(root, "configurationItemCaptureTime") || doc_get(root, "configurationItemStatus"));
}

static int read_config(ingest_ctx *c, const doc_node *root)
{
	size_t i;

	if (aws_resource_expect(c, root, DOC_OBJECT, "configuration item") < 0)
		return PG_EINPUT;
	for (i = 0; list_keys[i]; i++)
		if (doc_get(root, list_keys[i]))
			return read_list(c, doc_get(root, list_keys[i]), list_keys[i]);
	if (doc_get(root, "configurationItem"))
		return aws_resource_expect(c, doc_get(root, "configurationItem"), DOC_OBJECT, "configurationItem") < 0
			       ? PG_EINPUT : read_item(c, doc_get(root, "configurationItem"));
	return read_item(c, root);
}

const ingest_format ingest_aws_config_format = {
	"aws-config",
	"AWS Config configuration items: snapshots, get-resource-config-history, batch-get-/select-resource-config",
	detect, read_config
};
