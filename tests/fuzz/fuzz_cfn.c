/*
 * fuzz_cfn — the CloudFormation reader on arbitrary bytes (JSON or YAML,
 * short tags included), then the evaluator on the model it built: reference
 * cycles, Fn::If products, hostile Fn::Sub and Fn::Split, odd shapes
 * everywhere. Must never crash, hang, leak or trip a sanitizer.
 *
 * The reader reads the document whether or not it detects it (as with
 * --input-format cloudformation). Pass one reads it alone; pass two reads it
 * twice into one model, so merges into the principals, resources and
 * policies an earlier input made (and the parameters of an earlier parameters
 * file) are fuzzed too.
 */
#include "base/diag.h"
#include "doc/doc.h"
#include "eval/aws_eval.h"
#include "ingest/ingest.h"
#include "model/model.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A reader that fails must say why (ingest reports nothing else). */
static void read_one(const ingest_format *f, model *m, doc *d, diag_list *dl)
{
	ingest_ctx ctx;
	size_t errors = dl->errors;
	int rc;

	f->detect(doc_root(d), "fuzz.yaml");
	ctx.m = m;
	ctx.doc = d;
	ctx.path = "fuzz.yaml";
	ctx.diags = dl;
	rc = f->read(&ctx, doc_root(d));
	if (rc != 0 && rc != PG_EINPUT)
		abort();
	if (rc == PG_EINPUT && dl->errors == errors)
		abort();
}

/* Every principal of the model against the first resource (or a placeholder bucket). */
static void evaluate(model *m, diag_list *dl)
{
	size_t np, nr, i;
	principal **ps;
	resource **rs;
	const char *res;
	eval_result er;

	model_finalize(m, dl);
	ps = model_principals(m, &np);
	rs = model_resources(m, &nr);
	res = nr ? rs[0]->arn : "arn:aws:s3:::{Bucket}/x";
	for (i = 0; i < np && i < 16; i++) {
		if (aws_eval_allows(m, ps[i], NULL, "s3:GetObject", res, &er) < 0)
			abort();
		aws_eval_result_release(&er);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ingest_format *f = ingest_find_format("cloudformation");
	doc *d = NULL;
	diag dg = DIAG_INIT;
	diag_list dl;
	model *m;

	if (!f)
		abort();        /* the format was renamed: keep this harness in step */
	if (doc_load_buffer(&d, "fuzz.yaml", (const char *)data, size, DOC_FMT_AUTO, &dg) < 0) {
		diag_release(&dg);
		return 0;
	}
	diag_list_init(&dl);
	m = model_new();
	read_one(f, m, d, &dl);
	evaluate(m, &dl);
	model_free(m);
	m = model_new();
	read_one(f, m, d, &dl);
	read_one(f, m, d, &dl);
	evaluate(m, &dl);
	model_free(m);
	diag_list_release(&dl);
	doc_free(d);
	return 0;
}
