/*
 * fuzz_doc — the loader and the policy parser on arbitrary bytes: JSON and
 * YAML detection, positions, embedded documents, limits, and every policy
 * element. Must never crash, hang, leak or trip a sanitizer.
 */
#include "doc/doc.h"
#include "ingest/aws_policy.h"
#include "model/model.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(model *m, doc *d, const doc_node *n, unsigned depth)
{
	size_t i;
	diag_list dl;
	policy *p;

	if (!n || depth > 8)
		return;
	if (n->type == DOC_STRING && n->len && (n->str[0] == '{' || n->str[0] == '%')) {
		diag_list_init(&dl);
		aws_policy_parse(m, d, n, POL_RESOURCE, "embedded", &p, &dl);
		diag_list_release(&dl);
	}
	if (n->type == DOC_OBJECT || n->type == DOC_ARRAY)
		for (i = 0; i < n->len; i++)
			walk(m, d, n->items[i], depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	doc *d = NULL;
	diag dg = DIAG_INIT;
	model *m;
	diag_list dl;
	policy *p;

	if (doc_load_buffer(&d, "fuzz", (const char *)data, size, DOC_FMT_AUTO, &dg) < 0) {
		diag_release(&dg);
		return 0;
	}
	m = model_new();
	diag_list_init(&dl);
	aws_policy_parse(m, d, doc_root(d), POL_IDENTITY, "fuzz", &p, &dl);
	diag_list_release(&dl);
	walk(m, d, doc_root(d), 0);
	model_free(m);
	doc_free(d);
	return 0;
}
