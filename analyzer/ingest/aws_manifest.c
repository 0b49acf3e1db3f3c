/*
 * aws_manifest — permgraph's own resource manifest ("permgraph-manifest").
 *
 * For what no AWS command exports in one piece. JSON or YAML:
 *
 *   permgraph: resources/1                 # required: the format and its version
 *   resources:                             # required: a list of resources
 *     - arn: arn:aws:s3:::synth-train      # required: the resource ARN
 *       account: "111111111111"            # optional: 12-digit owner account (S3 ARNs carry none)
 *       type: AWS::S3::Bucket              # optional: defaults to the type the ARN implies
 *       tags: {data-class: synthetic}      # optional: every tag of the resource ({} = none)
 *       policy: {Version: ..., Statement: [...]}   # optional: the resource policy, an object or a
 *                                          # JSON string; null = the resource has none
 *       aws_managed_key: false             # optional, KMS keys only: managed by AWS (RCPs do not apply)
 *
 * Keys are checked strictly: an unknown key is an error at its line and
 * column with the closest known key. What an entry leaves out stays as other
 * inputs said (a manifest can add an account or tags to a bucket whose policy
 * came from s3api get-bucket-policy); what it gives replaces theirs.
 */
#include "ingest/aws_manifest.h"
#include "base/suggest.h"
#include "ingest/aws_resource.h"
#include "ingest/aws_tagging.h"

#include <ctype.h>
#include <string.h>

int aws_manifest_check_keys(ingest_ctx *c, const doc_node *obj, const char *const *known, const char *what)
{
	size_t i, j;
	int err = 0;

	for (i = 0; i < obj->len; i++) {
		const doc_node *k = obj->keys[i];
		const char *best;
		for (j = 0; known[j] && strcmp(known[j], k->str); j++)
			;
		if (known[j])
			continue;
		best = suggest_closest(k->str, known, 3);
		if (best)
			diag_list_addf(c->diags, DIAG_ERROR, k->file, k->line, k->col,
				       "unknown key '%s' in %s (did you mean '%s'?)", k->str, what, best);
		else
			diag_list_addf(c->diags, DIAG_ERROR, k->file, k->line, k->col, "unknown key '%s' in %s",
				       k->str, what);
		err = PG_EINPUT;
	}
	return err;
}


int aws_manifest_check_version(ingest_ctx *c, const doc_node *root, const char *want)
{
	const doc_node *v = doc_get(root, "permgraph");
	size_t prefix = (size_t)(strchr(want, '/') - want);

	if (!v || v->type != DOC_STRING || strncmp(v->str, want, prefix) || v->str[prefix] != '/') {
		const doc_node *at = v ? v : root;
		diag_list_addf(c->diags, DIAG_ERROR, at->file, at->line, at->col, "missing 'permgraph: %s'", want);
		return PG_EINPUT;
	}
	if (strcmp(v->str, want)) {
		diag_list_addf(c->diags, DIAG_ERROR, v->file, v->line, v->col,
			       "unsupported format version '%s' (this permgraph reads '%s')", v->str, want);
		return PG_EINPUT;
	}
	return 0;
}

static int is_account(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return i == 12;
}

int aws_manifest_set_account(ingest_ctx *c, resource *r, const doc_node *n)
{
	const char *acct;

	if ((n->type != DOC_STRING && n->type != DOC_NUMBER) || !is_account(n->str)) {
		diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col,
			       "the account must be a 12-digit account id, not %s%s%s",
			       doc_is_scalar(n) ? "'" : "a ", doc_is_scalar(n) ? n->str : doc_type_name(n->type),
			       doc_is_scalar(n) ? "'" : "");
		return PG_EINPUT;
	}
	acct = model_intern(c->m, n->str);
	if (r->account && r->account != acct) {
		diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col,
			       "account '%s' contradicts account '%s' of '%s'", acct, r->account, r->arn);
		return PG_EINPUT;
	}
	r->account = acct;
	return 0;
}

static const char *const entry_keys[] = { "arn", "account", "type", "tags", "policy", "aws_managed_key", NULL };

static int read_entry(ingest_ctx *c, const doc_node *e)
{
	const doc_node *arn = doc_get(e, "arn"), *n;
	resource *r;
	int err = 0;

	if (aws_resource_expect(c, e, DOC_OBJECT, "resources entry") < 0)
		return PG_EINPUT;
	err = aws_manifest_check_keys(c, e, entry_keys, "manifest resource");
	if (!arn || aws_resource_expect(c, arn, DOC_STRING, "arn") < 0 || strncmp(arn->str, "arn:", 4)) {
		if (!arn)
			diag_list_addf(c->diags, DIAG_ERROR, e->file, e->line, e->col, "a resource needs an 'arn'");
		else if (arn->type == DOC_STRING)
			diag_list_addf(c->diags, DIAG_ERROR, arn->file, arn->line, arn->col, "'%s' is not an ARN", arn->str);
		return PG_EINPUT;
	}
	n = doc_get(e, "type");
	if (n && aws_resource_expect(c, n, DOC_STRING, "type") < 0)
		err = PG_EINPUT;
	r = aws_resource_add(c, arn->str, NULL, e);
	if (n && n->type == DOC_STRING)
		r->type = model_intern(c->m, n->str);
	if ((n = doc_get(e, "account")) && aws_manifest_set_account(c, r, n) < 0)
		err = PG_EINPUT;
	if ((n = doc_get(e, "tags")) && aws_tagging_read_tags(c, n, "key", "value", 1, r) < 0)
		err = PG_EINPUT;
	if ((n = doc_get(e, "policy")) && aws_resource_set_policy(c, r, n) < 0)
		err = PG_EINPUT;
	if ((n = doc_get(e, "aws_managed_key"))) {
		if (aws_resource_expect(c, n, DOC_BOOL, "aws_managed_key") < 0)
			err = PG_EINPUT;
		else if (!r->service || strcmp(r->service, "kms"))
			diag_list_addf(c->diags, DIAG_ERROR, n->file, n->line, n->col,
				       "'aws_managed_key' applies to KMS keys only, not to '%s'", r->arn);
		else
			r->aws_managed_key = !strcmp(n->str, "true");
	}
	return err;
}

static int detect(const doc_node *root, const char *path)
{
	const char *v = doc_get_str(root, "permgraph");

	(void)path;
	return v && !strncmp(v, "resources/", 10);
}

static int read_manifest(ingest_ctx *c, const doc_node *root)
{
	static const char *const top_keys[] = { "permgraph", "resources", NULL };
	const doc_node *list = doc_get(root, "resources");
	size_t i;
	int err;

	if (aws_resource_expect(c, root, DOC_OBJECT, "manifest") < 0 ||
	    aws_manifest_check_version(c, root, "resources/1") < 0)
		return PG_EINPUT;
	err = aws_manifest_check_keys(c, root, top_keys, "manifest");
	if (!list) {
		diag_list_addf(c->diags, DIAG_ERROR, root->file, root->line, root->col, "missing 'resources'");
		return PG_EINPUT;
	}
	if (list->type == DOC_NULL)
		return err;
	if (aws_resource_expect(c, list, DOC_ARRAY, "resources") < 0)
		return PG_EINPUT;
	for (i = 0; i < list->len; i++)
		if (read_entry(c, list->items[i]) < 0)
			err = PG_EINPUT;
	return err;
}

const ingest_format ingest_aws_manifest_format = {
	"permgraph-manifest",
	"permgraph's resource manifest (permgraph: resources/1): account, type, tags, policy of AWS resources",
	detect, read_manifest
};
