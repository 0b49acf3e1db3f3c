/*
 * aws_tagging — resourcegroupstaggingapi get-resources, the resource list
 * outputs, and the shared tag reader.
 */
#include "ingest/aws_tagging.h"
#include "ingest/aws_resource.h"
#include "base/strbuf.h"

#include <ctype.h>
#include <string.h>

int aws_tagging_read_tags(ingest_ctx *c, const doc_node *n, const char *key_name, const char *value_name,
			  int map_ok, resource *r)
{
	size_t i;
	int err = 0;

	if (n->type == DOC_OBJECT && map_ok) {
		for (i = 0; i < n->len; i++) {
			const doc_node *v = n->items[i];
			if (!doc_is_scalar(v)) {
				aws_resource_expect(c, v, DOC_STRING, n->keys[i]->str);
				err = PG_EINPUT;
				continue;
			}
			model_add_tag(c->m, &r->tags, &r->n_tags, n->keys[i]->str, v->type == DOC_NULL ? NULL : v->str);
		}
	} else if (n->type == DOC_ARRAY) {
		for (i = 0; i < n->len; i++) {
			const doc_node *e = n->items[i], *k = doc_get(e, key_name), *v = doc_get(e, value_name);
			if (aws_resource_expect(c, e, DOC_OBJECT, "tag") < 0 || !k || !doc_is_scalar(k) || k->type == DOC_NULL ||
			    (v && v->type != DOC_NULL && !doc_is_scalar(v))) {
				if (e->type == DOC_OBJECT)
					diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col,
						       "a tag needs a string '%s' and a string '%s'", key_name, value_name);
				err = PG_EINPUT;
				continue;
			}
			model_add_tag(c->m, &r->tags, &r->n_tags, k->str, v && v->type != DOC_NULL ? v->str : NULL);
		}
	} else if (n->type != DOC_NULL) {
		diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col, "tags must be a list of {%s, %s}%s, not a%s %s",
			       key_name, value_name, map_ok ? " or an object" : "", n->type == DOC_OBJECT ? "n" : "",
			       doc_type_name(n->type));
		return PG_EINPUT;
	}
	if (!err)
		r->tags_known = 1;
	return err;
}

static int looks_like_region(const char *s, size_t len)
{
	return len >= 9 && len < 32 && islower((unsigned char)s[0]) && islower((unsigned char)s[1]) && s[2] == '-' &&
	       isdigit((unsigned char)s[len - 1]) && s[len - 2] == '-';
}

/* https://sqs.REGION.amazonaws.com/ACCOUNT/NAME (or the legacy queue.amazonaws.com hosts) */
static int queue_arn(const char *url, strbuf *out)
{
	const char *host = strstr(url, "://"), *path, *name, *region, *region_end;
	size_t rlen;

	if (!host)
		return -1;
	host += 3;
	path = strchr(host, '/');
	name = path ? strchr(path + 1, '/') : NULL;
	if (!name || name - path != 13 || strspn(path + 1, "0123456789") != 12 || !name[1] || strchr(name + 1, '/'))
		return -1;
	if (!strncmp(host, "queue.amazonaws.com/", 20)) {
		region = "us-east-1";
		rlen = 9;
	} else {
		region = strncmp(host, "sqs.", 4) ? host : host + 4;
		region_end = memchr(region, '.', (size_t)(path - region));
		if (!region_end || (region == host && strncmp(region_end, ".queue.amazonaws.com/", 21)))
			return -1;
		rlen = (size_t)(region_end - region);
	}
	if (!looks_like_region(region, rlen))
		return -1;
	strbuf_addf(out, "arn:%s:sqs:%.*s:%.12s:%s",
		    !strncmp(region, "cn-", 3) ? "aws-cn" : !strncmp(region, "us-gov-", 7) ? "aws-us-gov" : "aws",
		    (int)rlen, region, path + 1, name + 1);
	return 0;
}

/* s3api list-buckets, secretsmanager list-secrets, sqs list-queues */
int aws_tagging_read_list(ingest_ctx *c, const doc_node *root)
{
	const char *key = doc_get(root, "Buckets") ? "Buckets" : doc_get(root, "SecretList") ? "SecretList" : "QueueUrls";
	const doc_node *list = doc_get(root, key);
	strbuf arn = STRBUF_INIT;
	size_t i;
	int err = 0;

	if (aws_resource_expect(c, list, DOC_ARRAY, key) < 0)
		return PG_EINPUT;
	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i], *s, *tags;
		resource *r;
		strbuf_reset(&arn);
		if (*key == 'Q') {
			if (aws_resource_expect(c, e, DOC_STRING, "QueueUrls entry") < 0 || queue_arn(e->str, &arn) < 0) {
				if (e->type == DOC_STRING)
					diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col,
						       "'%s' is not an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)",
						       e->str);
				err = PG_EINPUT;
				continue;
			}
			aws_resource_add(c, arn.buf, NULL, e);
			continue;
		}
		s = doc_get(e, *key == 'B' ? "Name" : "ARN");
		if (aws_resource_expect(c, e, DOC_OBJECT, *key == 'B' ? "Buckets entry" : "SecretList entry") < 0 ||
		    !s || s->type != DOC_STRING) {
			if (e->type == DOC_OBJECT)
				diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col, "missing '%s' (a string)",
					       *key == 'B' ? "Name" : "ARN");
			err = PG_EINPUT;
			continue;
		}
		if (*key == 'B')
			strbuf_addf(&arn, "arn:aws:s3:::%s", s->str);
		else
			strbuf_addstr(&arn, s->str);
		r = aws_resource_add(c, arn.buf, NULL, s);
		tags = doc_get(e, "Tags");
		if (tags && aws_tagging_read_tags(c, tags, "Key", "Value", 0, r) < 0)
			err = PG_EINPUT;
	}
	strbuf_release(&arn);
	return err;
}


static int detect(const doc_node *root, const char *path)
{
	const doc_node *l = doc_get(root, "ResourceTagMappingList");

	(void)path;
	return l && l->type == DOC_ARRAY;
}

static int read_tagging(ingest_ctx *c, const doc_node *root)
{
	const doc_node *list = doc_get(root, "ResourceTagMappingList");
	size_t i;
	int err = 0;

	if (aws_resource_expect(c, list, DOC_ARRAY, "ResourceTagMappingList") < 0) {
		if (!list)
			diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col,
				       "missing 'ResourceTagMappingList'");
		return PG_EINPUT;
	}
	for (i = 0; i < list->len; i++) {
		const doc_node *e = list->items[i], *arn = doc_get(e, "ResourceARN"), *tags = doc_get(e, "Tags");
		resource *r;
		if (aws_resource_expect(c, e, DOC_OBJECT, "ResourceTagMappingList entry") < 0) {
			err = PG_EINPUT;
			continue;
		}
		if (!arn || aws_resource_expect(c, arn, DOC_STRING, "ResourceARN") < 0) {
			if (!arn)
				diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col, "missing 'ResourceARN'");
			err = PG_EINPUT;
			continue;
		}
		r = aws_resource_add(c, arn->str, NULL, arn);
		/* get-resources lists every tag of the resource: none given is none */
		if (!tags)
			r->tags_known = 1;
		else if (aws_tagging_read_tags(c, tags, "Key", "Value", 0, r) < 0)
			err = PG_EINPUT;
	}
	return err;
}

const ingest_format ingest_aws_tagging_format = {
	"aws-tagging",
	"aws resourcegroupstaggingapi get-resources (resource ARNs and their tags)",
	detect, read_tagging
};
