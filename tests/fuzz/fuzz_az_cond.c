/*
 * fuzz_az_cond — the Azure ABAC condition evaluator on arbitrary bytes, for
 * several requests, including ones whose operation and resource id are the
 * input itself. Must never crash, hang, leak or trip a sanitizer, and must
 * keep its own promises:
 *   - the answer is one of the three values; a reason is given exactly when
 *     the text does not parse (and the answer is then unknown);
 *   - "!(C)" is the negation of C, and "(C)" is C, whenever both parse (the
 *     wrapper adds one level of nesting, which may pass the cap).
 */
#include "eval/az_cond.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define OP_READ "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
#define SA "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct"

static tri eval_checked(const char *cond, const az_cond_request *rq, int *parsed)
{
	char why[200];
	tri t = az_cond_eval(cond, rq, why, sizeof(why));

	if (t != TRI_FALSE && t != TRI_TRUE && t != TRI_UNKNOWN)
		abort();
	if (memchr(why, '\0', sizeof(why)) == NULL || (why[0] && t != TRI_UNKNOWN))
		abort();
	*parsed = why[0] == '\0';
	return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *neg = malloc(size + 4), *par = malloc(size + 3);
	az_cond_request rqs[] = {
		{ OP_READ, SA "/blobServices/default/containers/c" },
		{ OP_READ, SA "/blobServices/default/containers/blobs-example-container/blobs/a/b" },
		{ "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write", SA },
		{ NULL, NULL },
		{ NULL, NULL },  /* filled with the input */
		{ OP_READ, NULL },
	};
	size_t i, n = sizeof(rqs) / sizeof(rqs[0]);

	if (!s || !neg || !par)
		goto cleanup;
	memcpy(s, data, size);
	s[size] = '\0';
	rqs[4].operation = s;
	rqs[4].resource_id = s;
	rqs[5].resource_id = s;
	memcpy(neg, "!(", 2);
	memcpy(neg + 2, s, size);
	memcpy(neg + 2 + size, ")", 2);
	memcpy(par, "(", 1);
	memcpy(par + 1, s, size);
	memcpy(par + 1 + size, ")", 2);
	for (i = 0; i < n; i++) {
		int ok, ok_neg, ok_par;
		tri t = eval_checked(s, &rqs[i], &ok);
		tri tn = eval_checked(neg, &rqs[i], &ok_neg);
		tri tp = eval_checked(par, &rqs[i], &ok_par);

		/* an embedded NUL ends the text, so the wrappers then differ: skip */
		if (strlen(s) != size || !ok)
			continue;
		if ((ok_neg && tn != tri_not(t)) || (ok_par && tp != t))
			abort();
	}
	az_cond_eval(s, NULL, NULL, 0);
cleanup:
	free(par);
	free(neg);
	free(s);
	return 0;
}
