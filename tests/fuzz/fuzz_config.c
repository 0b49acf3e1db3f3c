/*
 * fuzz_config — libFuzzer harness for permgraph.yaml: the bytes are read as a
 * configuration (YAML or JSON); when they load, suppression lookups, expiry
 * and classification of a small fixed model run on the result.
 */
#include "model/azure.h"
#include "model/classify.h"
#include "model/config.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_list diags;
	config *c = NULL;
	model *m;
	resource *r;
	const config_suppression *exp[4];

	diag_list_init(&diags);
	if (config_load_buffer(&c, "fuzz.yaml", (const char *)data, size, &diags) == 0 && c) {
		m = model_new();
		r = model_add_resource(m, "arn:aws:s3:::synth-data");
		model_add_tag(m, &r->tags, &r->n_tags, "data-class", "synthetic");
		r->tags_known = 1;
		azm_add_resource(model_azure(m), "/subscriptions/0b1d0000-1111-4222-8333-000000000001/resourceGroups/rg/"
						 "providers/Microsoft.Storage/storageAccounts/st");
		model_finalize(m, &diags);
		classify_apply(m, c, &diags);
		(void)config_suppressed(c, "PG-WILDCARD-ACTION", "arn:aws:iam::111111111111:role/admin", NULL, 20270101);
		(void)config_expired_suppressions(c, 20270101, exp, 4);
		model_free(m);
		config_free(c);
	}
	diag_list_release(&diags);
	return 0;
}
