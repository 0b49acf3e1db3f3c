/* ingest — walk inputs, detect formats, dispatch to the readers. */
#include "ingest/ingest.h"
#include "ingest/aws_authz.h"
#include "ingest/aws_config.h"
#include "ingest/aws_encryption.h"
#include "ingest/arm.h"
#include "ingest/cfn.h"
#include "ingest/tf_plan.h"
#include "ingest/aws_manifest.h"
#include "ingest/aws_org.h"
#include "ingest/aws_resource.h"
#include "ingest/aws_tagging.h"
#include "ingest/az_account.h"
#include "ingest/az_lighthouse.h"
#include "ingest/az_mgmt.h"
#include "ingest/az_directory.h"
#include "ingest/az_rbac.h"
#include "ingest/az_resources.h"
#include "base/fswalk.h"
#include "base/xalloc.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

/* Order matters: the first format whose detect() accepts a document reads it.
 * azure-resources accepts any record with a provider id and a type, so it
 * comes after the Azure formats whose records look like that too. */
static const ingest_format *const formats[] = {
	&ingest_aws_authz_format,
	&ingest_aws_manifest_format,
	&ingest_aws_org_format,
	&ingest_aws_config_format,
	&ingest_aws_tagging_format,
	&ingest_aws_resource_format,
	&ingest_aws_encryption_format,
	&ingest_cfn_format,
	&ingest_tf_plan_format,
	&ingest_arm_format,
	&ingest_az_mgmt_format,
	&ingest_az_account_format,
	&ingest_az_lighthouse_format,
	&ingest_az_roledefs_format,
	&ingest_az_assignments_format,
	&ingest_az_deny_format,
	&ingest_az_directory_format,
	&ingest_az_resources_format,
	NULL
};

const ingest_format *const *ingest_formats(void)
{
	return formats;
}

const ingest_format *ingest_find_format(const char *name)
{
	size_t i;

	for (i = 0; formats[i]; i++)
		if (!strcmp(formats[i]->name, name))
			return formats[i];
	return NULL;
}

void ingest_run_init(ingest_run *r)
{
	memset(r, 0, sizeof(*r));
}

void ingest_run_release(ingest_run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_inputs; i++)
		free(r->inputs[i].path);
	free(r->inputs);
	ingest_run_init(r);
}

static void sha256_file(const char *path, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE], buf[65536];
	unsigned int mdlen = 0, i;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	FILE *f = fopen(path, "rb");
	size_t n;

	out[0] = '\0';
	if (!ctx || !f || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		goto cleanup;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		EVP_DigestUpdate(ctx, buf, n);
	if (!EVP_DigestFinal_ex(ctx, md, &mdlen))
		goto cleanup;
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
cleanup:
	if (f)
		fclose(f);
	EVP_MD_CTX_free(ctx);
}

static int read_file(ingest_run *r, model *m, const char *path, const ingest_format *forced, diag_list *diags,
		     int top)
{
	doc *d = NULL;
	diag dg = DIAG_INIT;
	const ingest_format *fmt = forced;
	ingest_input *in;
	ingest_ctx ctx;
	size_t i, errors_before = diags->errors;
	int err;

	XGROW(r->inputs, r->cap, r->n_inputs + 1);
	in = &r->inputs[r->n_inputs++];
	memset(in, 0, sizeof(*in));
	in->path = xstrdup(path);
	sha256_file(path, in->sha256);
	if ((err = doc_load_file(&d, path, DOC_FMT_AUTO, &dg)) < 0) {
		diag_list_add(diags, &dg);
		goto cleanup;
	}
	for (i = 0; !fmt && formats[i]; i++)
		if (formats[i]->detect(doc_root(d), path))
			fmt = formats[i];
	if (!fmt && !top) {
		/* a folder export holds more than permgraph reads (credential reports,
		 * per-user outputs): skip those, and say so once (cli_load) */
		r->files_skipped++;
		in->format = NULL;
		goto cleanup;
	}
	if (!fmt) {
		diag_list_addf(diags, DIAG_ERROR, path, 0, 0,
			       "unrecognized input format (see: permgraph formats; or name it with --input-format)");
		err = PG_EINPUT;
		goto cleanup;
	}
	in->format = fmt->name;
	ctx.m = m;
	ctx.doc = d;
	ctx.path = path;
	ctx.diags = diags;
	err = fmt->read(&ctx, doc_root(d));
	if (!err && diags->errors > errors_before)
		err = PG_EINPUT;
cleanup:
	if (err < 0)
		r->files_failed++;
	doc_free(d);
	diag_release(&dg);
	return err;
}

typedef struct walk_ctx {
	ingest_run *r;
	model *m;
	const ingest_format *forced;
	diag_list *diags;
} walk_ctx;

static int visit_file(void *ctx, const char *path, int top)
{
	walk_ctx *w = ctx;

	return read_file(w->r, w->m, path, w->forced, w->diags, top);
}

/* in folders, read only what can be an export: JSON and YAML files, and every
 * file of the per-resource CLI folders (named after buckets, queues, keys) */
static int visit_want(void *ctx, const char *dir, const char *name)
{
	(void)ctx;
	return fswalk_data_name(name) || aws_resource_cli_folder(dir) || aws_encryption_cli_folder(dir);
}

static void visit_error(void *ctx, const char *path, const char *message)
{
	walk_ctx *w = ctx;

	diag_list_addf(w->diags, DIAG_ERROR, path, 0, 0, "%s", message);
	w->r->files_failed++;
}

int ingest_paths(ingest_run *r, model *m, char *const *paths, size_t n, const char *force_format,
		 diag_list *diags)
{
	static const fswalk_ops ops = { visit_file, visit_want, visit_error };
	const ingest_format *forced = NULL;
	walk_ctx w;
	size_t i;
	int err = 0;

	if (force_format) {
		forced = ingest_find_format(force_format);
		if (!forced) {
			diag_list_addf(diags, DIAG_ERROR, NULL, 0, 0,
				       "unknown input format '%s' (see: permgraph formats)", force_format);
			return PG_EUSAGE;
		}
	}
	w.r = r;
	w.m = m;
	w.forced = forced;
	w.diags = diags;
	for (i = 0; i < n; i++)
		if (fswalk(paths[i], &ops, &w) < 0)
			err = PG_EINPUT;
	return err;
}
