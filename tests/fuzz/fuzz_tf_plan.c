/*
 * fuzz_tf_plan — the terraform-plan reader on arbitrary bytes, then the AWS
 * and Azure evaluators and who-can on whatever model it built (references
 * that name nothing or themselves, odd addresses and modules, policies
 * rebuilt from half-unknown policy documents). Must never crash, hang, leak
 * or trip a sanitizer.
 *
 * The reader reads the document whether or not it detects it, as
 * --input-format terraform-plan does.
 */
#include "base/diag.h"
#include "doc/doc.h"
#include "eval/aws_eval.h"
#include "eval/az_eval.h"
#include "graph/az_reach.h"
#include "ingest/ingest.h"
#include "model/azure.h"
#include "model/model.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_BUCKET "arn:aws:s3:::synth-train-data/k"
#define FUZZ_SCOPE "/subscriptions/0b1d0000-1111-4222-8333-000000000001/resourceGroups/synthetic-rg" \
	"/providers/Microsoft.Storage/storageAccounts/stsynthplan/blobServices/default/containers/train"
#define FUZZ_OP "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"

/* Every principal against the seeds' bucket, for a few actions; the first Azure principal on the container. */
static void evaluate(model *m, diag_list *dl)
{
	static const char *const actions[] = { "s3:GetObject", "s3:PutObject", "sts:AssumeRole", "kms:Decrypt" };
	size_t n, i, j;
	principal **ps;
	eval_result er;
	reach_result rr;

	model_finalize(m, dl);
	ps = model_principals(m, &n);
	for (i = 0; i < n && i < 32; i++)
		for (j = 0; j < sizeof(actions) / sizeof(actions[0]); j++) {
			if (aws_eval_allows(m, ps[i], NULL, actions[j], FUZZ_BUCKET, &er) < 0)
				abort();
			aws_eval_result_release(&er);
		}
	if (aws_eval_allows(m, NULL, "*", "s3:GetObject", FUZZ_BUCKET, &er) < 0)
		abort();
	aws_eval_result_release(&er);
	if (azm_present(m)) {
		size_t na;
		az_principal **aps = azm_principals(model_azure(m), &na);
		az_result ar;
		reach_result_init(&rr);
		if (az_who_can(m, FUZZ_OP, FUZZ_SCOPE, &rr) != 0)
			abort();
		reach_result_release(&rr);
		if (na) {
			az_result_init(&ar);
			if (az_eval(m, aps[0], FUZZ_OP, FUZZ_SCOPE, &ar) != 0)
				abort();
			az_result_release(&ar);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ingest_format *f = ingest_find_format("terraform-plan");
	doc *d = NULL;
	diag dg = DIAG_INIT;
	diag_list dl;
	ingest_ctx ctx;
	model *m;
	size_t errors;
	int rc;

	if (!f)
		abort();        /* the format was renamed: keep this harness in step */
	if (doc_load_buffer(&d, "fuzz.json", (const char *)data, size, DOC_FMT_AUTO, &dg) < 0) {
		diag_release(&dg);
		return 0;
	}
	diag_list_init(&dl);
	m = model_new();
	f->detect(doc_root(d), "fuzz.json");
	ctx.m = m;
	ctx.doc = d;
	ctx.path = "fuzz.json";
	ctx.diags = &dl;
	errors = dl.errors;
	rc = f->read(&ctx, doc_root(d));
	/* a reader that fails must say why (ingest reports nothing else) */
	if ((rc != 0 && rc != PG_EINPUT) || (rc == PG_EINPUT && dl.errors == errors))
		abort();
	evaluate(m, &dl);
	model_free(m);
	diag_list_release(&dl);
	doc_free(d);
	return 0;
}
