/*
 * aws_graph_witness — object ARNs on which to decide "may the caller act on
 * some object of this bucket" (aws_graph.h, "S3 objects").
 *
 * A statement can only allow an object action on keys its Resource pattern
 * matches, so the keys come from the Allow patterns that must agree for the
 * caller: its identity and boundary statements and the bucket policy
 * (aws_graph_keys.c makes them). Policy variables are resolved the way
 * aws_eval resolves them for this caller (lookup below mirrors
 * aws_eval_match.c's request context; keep the two in step); an unsettled
 * one is a wildcard, as there.
 */
#include "graph/aws_graph_internal.h"
#include "base/strbuf.h"
#include "eval/arn.h"
#include "eval/match.h"
#include "eval/policyvar.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct wctx {
	model *m;
	const principal *p;
	const char *p_arn, *p_account;
	const resource *res;
	const char *r_account;
	arn_parts bucket;
	ag_keys *keys;
} wctx;

static pv_status org_of(wctx *w, const char *acct, const char **value)
{
	org_node *path[64];

	*value = model_org_id(w->m);
	if (*value && acct && model_org_path(w->m, acct, path, 64) > 1 && path[0]->kind == ORG_ROOT)
		return PV_KNOWN;
	*value = NULL;
	return PV_UNKNOWN;
}

/* What aws_eval settles for this caller and bucket (aws_eval_match.c, context_value). */
static pv_status lookup(void *ctx, const char *key, const char **value)
{
	wctx *w = ctx;
	const principal *p = w->p;

	*value = NULL;
	if (!strcasecmp(key, "aws:PrincipalArn")) {
		*value = w->p_arn;
		return p || !strncmp(w->p_arn, "arn:", 4) ? PV_KNOWN : PV_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:PrincipalAccount"))
		return (*value = w->p_account) ? PV_KNOWN : PV_UNKNOWN;
	if (!strcasecmp(key, "aws:ResourceAccount"))
		return (*value = w->r_account) ? PV_KNOWN : PV_UNKNOWN;
	if (!strcasecmp(key, "aws:PrincipalOrgID"))
		return org_of(w, w->p_account, value);
	if (!strcasecmp(key, "aws:ResourceOrgID"))
		return org_of(w, w->r_account, value);
	if (!strcasecmp(key, "aws:PrincipalType")) {
		*value = !p ? NULL : p->kind == PRIN_USER ? "User" : p->kind == PRIN_ROLE ? "AssumedRole" : NULL;
		return *value ? PV_KNOWN : PV_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:username")) {
		if (!p)
			return PV_UNKNOWN;
		if (p->kind != PRIN_USER)
			return PV_ABSENT;
		return (*value = p->name) ? PV_KNOWN : PV_UNKNOWN;
	}
	if (!strcasecmp(key, "aws:PrincipalIsAWSService")) {
		*value = p ? "false" : NULL;
		return p ? PV_KNOWN : PV_UNKNOWN;
	}
	if (!strncasecmp(key, "aws:PrincipalTag/", 17)) {
		if (!p)
			return PV_UNKNOWN;
		return (*value = model_tag_value_ci(p->tags, p->n_tags, key + 17)) ? PV_KNOWN : PV_ABSENT;
	}
	if (!strncasecmp(key, "aws:ResourceTag/", 16)) {
		if (!w->res || !w->res->tags_known)
			return PV_UNKNOWN;
		return (*value = model_tag_value_ci(w->res->tags, w->res->n_tags, key + 16)) ? PV_KNOWN : PV_ABSENT;
	}
	if (!strcasecmp(key, "iam:PassedToService"))
		return PV_ABSENT;       /* object actions are not iam:PassRole */
	return PV_UNKNOWN;
}

static int seg_matches(const char *pat, size_t plen, const char *s, size_t slen, int escaped)
{
	return match_glob_n(pat, plen, s, slen, escaped ? MATCH_ESCAPED : 0);
}

/* One Resource pattern (plain, or escaped after variable expansion): its
 * resource part, when the rest can match the bucket's objects. */
static void from_pattern(wctx *w, const char *pat, int escaped)
{
	const char *seg[6];
	size_t len[6], i;
	const char *s = pat;

	if (!strcmp(pat, "*")) {
		aws_graph_keys_add(w->keys, "*", 1, 0);
		return;
	}
	for (i = 0; i < 5; i++) {
		const char *colon = strchr(s, ':');
		if (!colon)
			return;         /* not an ARN: matches nothing (arn_match) */
		seg[i] = s;
		len[i] = (size_t)(colon - s);
		s = colon + 1;
	}
	seg[5] = s;
	len[5] = strlen(s);
	if (len[0] != 3 || memcmp(seg[0], "arn", 3) || len[2] != 2 || memcmp(seg[2], "s3", 2))
		return;
	if (!seg_matches(seg[1], len[1], w->bucket.partition, w->bucket.partition_len, escaped) ||
	    !seg_matches(seg[3], len[3], "", 0, escaped) || !seg_matches(seg[4], len[4], "", 0, escaped))
		return;
	aws_graph_keys_add(w->keys, seg[5], len[5], escaped);
}

static int uses_vars(const stmt *s)
{
	return s->policy && s->policy->version && !strcmp(s->policy->version, "2012-10-17");
}

void aws_graph_witnesses(model *m, const principal *p, const char *p_arn, const resource *b,
			 const stmt *const *stmts, size_t n_stmts, char ***out, size_t *n, size_t *cap)
{
	wctx w;
	strbuf sb = STRBUF_INIT;
	size_t i, j;

	memset(&w, 0, sizeof(w));
	if (arn_parse(b->arn, &w.bucket) < 0)
		return;
	w.m = m;
	w.p = p;
	w.p_arn = p ? p->arn : p_arn;
	w.p_account = p ? p->account : model_arn_account(m, p_arn);
	w.res = b;
	w.r_account = b->account;
	w.keys = aws_graph_keys_new(w.bucket.partition, w.bucket.partition_len, w.bucket.resource,
				    w.bucket.resource_len);
	for (i = 0; i < n_stmts; i++) {
		const stmt *s = stmts[i];
		if (s->effect != EFFECT_ALLOW)
			continue;
		if (!s->has_resource || s->not_resource) {
			from_pattern(&w, "*", 0);
			continue;
		}
		for (j = 0; j < s->n_resources; j++) {
			const char *r = s->resources[j];
			if (uses_vars(s) && policyvar_has_vars(r)) {
				if (policyvar_expand_pattern(r, lookup, &w, &sb) != PV_ABSENT)
					from_pattern(&w, sb.buf, 1);
			} else {
				from_pattern(&w, r, 0);
			}
		}
	}
	aws_graph_keys_finish(w.keys, out, n, cap);
	strbuf_release(&sb);
}

int aws_graph_object_places(const resource *b, const char *pattern, strbuf *out)
{
	arn_parts bp;
	const char *seg[6], *s = pattern;
	size_t len[6], i;

	if (arn_parse(b->arn, &bp) < 0)
		return 0;
	for (i = 0; i < 5; i++) {
		const char *colon = strchr(s, ':');
		if (!colon)
			return 0;
		seg[i] = s;
		len[i] = (size_t)(colon - s);
		s = colon + 1;
	}
	seg[5] = s;
	len[5] = strlen(s);
	if (len[0] != 3 || memcmp(seg[0], "arn", 3) || len[2] != 2 || memcmp(seg[2], "s3", 2) ||
	    !seg_matches(seg[1], len[1], bp.partition, bp.partition_len, 0) || !seg_matches(seg[3], len[3], "", 0, 0) ||
	    !seg_matches(seg[4], len[4], "", 0, 0))
		return 0;
	return aws_graph_keys_places(bp.resource, bp.resource_len, seg[5], len[5], out);
}
