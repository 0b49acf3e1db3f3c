/*
 * fuzz_az_ingest — every Azure reader on arbitrary bytes, then the Azure
 * evaluator and who-can on whatever model they built (cycles, huge groups,
 * odd scopes, dangling references). Must never crash, hang, leak or trip a
 * sanitizer.
 *
 * Each reader reads the document whether or not it detects it, because
 * --input-format skips detection. Pass one gives each reader a fresh model;
 * pass two reads the document with every reader into one model under a
 * group-members/<guid>.json path, so the member-list convention and models
 * mixing several formats are fuzzed too.
 */
#include "base/diag.h"
#include "doc/doc.h"
#include "eval/az_eval.h"
#include "graph/az_reach.h"
#include "ingest/ingest.h"
#include "model/azure.h"
#include "model/model.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const az_formats[] = {
	"azure-role-definitions", "azure-role-assignments", "azure-deny-assignments", "azure-directory",
	"azure-resources", "azure-management-groups", "azure-accounts", "azure-lighthouse",
};
#define N_FORMATS (sizeof(az_formats) / sizeof(az_formats[0]))

/* The fixtures' blob container (fixtures/azure/estate) and a data action on
 * it, so seeds grow into models the evaluator has real work on. */
#define FUZZ_SCOPE "/subscriptions/0b1d0000-1111-4222-8333-000000000001/resourceGroups/synthetic-rg" \
	"/providers/Microsoft.Storage/storageAccounts/stsynthdata/blobServices/default/containers/tenant-acme"
#define FUZZ_OP "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
#define MEMBER_PATH "fuzz/group-members/9d5c0000-0000-4000-8000-0000000000a1.json"

/* A reader that fails must say why (ingest reports nothing else). */
static void read_one(const ingest_format *f, model *m, doc *d, const char *path, diag_list *dl)
{
	ingest_ctx ctx;
	size_t errors = dl->errors;
	int rc;

	f->detect(doc_root(d), path);
	ctx.m = m;
	ctx.doc = d;
	ctx.path = path;
	ctx.diags = dl;
	rc = f->read(&ctx, doc_root(d));
	if (rc != 0 && rc != PG_EINPUT)
		abort();
	if (rc == PG_EINPUT && dl->errors == errors)
		abort();
}

/* The principal in the most groups: the likeliest to reach a cycle. */
static const az_principal *pick_principal(model *m)
{
	size_t n, i;
	az_principal **ps = azm_principals(model_azure(m), &n);
	const az_principal *best = NULL;

	for (i = 0; i < n; i++)
		if (!best || ps[i]->n_groups > best->n_groups)
			best = ps[i];
	return best;
}

static void evaluate(model *m, diag_list *dl)
{
	reach_result rr;
	az_result ar;
	const az_principal *who;

	model_finalize(m, dl);
	reach_result_init(&rr);
	if (az_who_can(m, FUZZ_OP, FUZZ_SCOPE, &rr) != 0)
		abort();
	reach_result_release(&rr);
	who = pick_principal(m);
	if (who) {
		az_result_init(&ar);
		if (az_eval(m, who, FUZZ_OP, FUZZ_SCOPE, &ar) != 0)
			abort();
		az_result_release(&ar);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	doc *d = NULL;
	diag dg = DIAG_INIT;
	const ingest_format *f;
	diag_list dl;
	model *m;
	size_t i;

	if (doc_load_buffer(&d, "fuzz.json", (const char *)data, size, DOC_FMT_AUTO, &dg) < 0) {
		diag_release(&dg);
		return 0;
	}
	diag_list_init(&dl);
	for (i = 0; i < N_FORMATS; i++) {
		f = ingest_find_format(az_formats[i]);
		if (!f)
			abort();        /* a format was renamed: keep this list in step */
		m = model_new();
		read_one(f, m, d, "fuzz.json", &dl);
		evaluate(m, &dl);
		model_free(m);
	}
	m = model_new();
	for (i = 0; i < N_FORMATS; i++)
		read_one(ingest_find_format(az_formats[i]), m, d, MEMBER_PATH, &dl);
	evaluate(m, &dl);
	model_free(m);
	diag_list_release(&dl);
	doc_free(d);
	return 0;
}
