/*
 * fuzz_arm — the ARM template reader on arbitrary bytes (templates, parameters
 * files, expressions), then the Azure evaluator and who-can on whatever model
 * it built (placeholder principals and scopes, alternatives, copy loops,
 * nested deployments). Must never crash, hang, leak or trip a sanitizer.
 *
 * The document is read as "arm-template" whether or not it is detected
 * (--input-format skips detection): once into a fresh model, then twice into
 * one model, so a parameters file's values meet a template (the same bytes
 * read again) and a template read twice merges with itself.
 */
#include "base/diag.h"
#include "doc/doc.h"
#include "eval/az_eval.h"
#include "graph/az_reach.h"
#include "ingest/arm.h"
#include "ingest/ingest.h"
#include "model/azure.h"
#include "model/model.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A container the seeds' templates create, and a data action on it. */
#define FUZZ_SCOPE "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Storage/" \
	"storageAccounts/stsynthdata/blobServices/default/containers/training"
#define FUZZ_OP "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write"
/* a folder that does not exist: no parameters file is found beside it */
#define FUZZ_PATH "fuzz-arm-no-such-folder/template.json"

static void read_one(model *m, doc *d, diag_list *dl)
{
	ingest_ctx ctx;
	size_t errors = dl->errors;
	int rc;

	ingest_arm_format.detect(doc_root(d), FUZZ_PATH);
	ctx.m = m;
	ctx.doc = d;
	ctx.path = FUZZ_PATH;
	ctx.diags = dl;
	rc = ingest_arm_format.read(&ctx, doc_root(d));
	if (rc != 0 && rc != PG_EINPUT)
		abort();
	/* a reader that fails must say why */
	if (rc == PG_EINPUT && dl->errors == errors)
		abort();
}

static void evaluate(model *m, diag_list *dl)
{
	reach_result rr;
	az_result ar;
	az_principal **ps;
	size_t n, i;

	model_finalize(m, dl);
	if (!azm_present(m))
		return;
	reach_result_init(&rr);
	if (az_who_can(m, FUZZ_OP, FUZZ_SCOPE, &rr) != 0)
		abort();
	reach_result_release(&rr);
	ps = azm_principals(model_azure(m), &n);
	for (i = 0; i < n && i < 4; i++) {
		az_result_init(&ar);
		if (az_eval(m, ps[i], FUZZ_OP, FUZZ_SCOPE, &ar) != 0)
			abort();
		az_result_release(&ar);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	doc *d = NULL;
	diag dg = DIAG_INIT;
	diag_list dl;
	model *m;

	if (doc_load_buffer(&d, "fuzz.json", (const char *)data, size, DOC_FMT_AUTO, &dg) < 0) {
		diag_release(&dg);
		return 0;
	}
	diag_list_init(&dl);
	m = model_new();
	read_one(m, d, &dl);
	evaluate(m, &dl);
	model_free(m);
	m = model_new();
	read_one(m, d, &dl);
	read_one(m, d, &dl);
	evaluate(m, &dl);
	model_free(m);
	diag_list_release(&dl);
	doc_free(d);
	return 0;
}
