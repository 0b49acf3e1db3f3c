/*
 * fuzz_arn — libFuzzer harness for the re2c lexers: ARNs, action names,
 * policy variables and Azure ids. The input is one NUL-terminated string; the
 * first half doubles as a pattern matched against the second.
 */
#include "eval/action_name.h"
#include "eval/arn.h"
#include "eval/azure_id.h"
#include "eval/match.h"
#include "eval/policyvar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pv_status fuzz_lookup(void *ctx, const char *key, const char **value)
{
	(void)ctx;
	switch (strlen(key) % 3) {
	case 0:
		*value = "v*a?l\\";
		return PV_KNOWN;
	case 1:
		return PV_ABSENT;
	default:
		return PV_UNKNOWN;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char *half;
	size_t mid = size / 2;
	arn_parts p;
	azure_id id;
	strbuf sb = STRBUF_INIT;
	const char *svc, *name;
	size_t svc_len, name_len;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	half = malloc(mid + 1);
	if (!half) {
		free(s);
		return 0;
	}
	memcpy(half, data, mid);
	half[mid] = '\0';

	if (arn_parse(s, &p) == 0 && p.resource + p.resource_len != s + strlen(s))
		abort();
	arn_match(s, s);
	arn_match(half, s + mid);
	arn_match_escaped(half, s + mid);
	arn_account(s, NULL);
	action_name_parse(s, &svc, &svc_len, &name, &name_len);
	action_name_has_wildcard(s);
	match_action(half, s + mid);
	match_glob(half, s + mid, 1);
	match_glob_escaped(half, s + mid, 0);
	if (azure_id_parse(s, &id) == 0 && !azure_id_contains(s, s))
		abort();
	azure_id_contains(half, s + mid);
	azure_id_resource_type(s, &sb);
	azure_id_resource_name(s, &sb);
	policyvar_has_vars(s);
	policyvar_expand(s, fuzz_lookup, NULL, &sb);
	if (policyvar_expand_pattern(s, fuzz_lookup, NULL, &sb) != PV_ABSENT)
		match_glob_escaped(sb.buf, s, 0);
	strbuf_release(&sb);
	free(half);
	free(s);
	return 0;
}
