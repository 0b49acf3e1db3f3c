/* azure_id — Azure resource-id segment lexer (re2c) and scope logic; see eval/azure_id.h. */
#include "eval/azure_id.h"

#include <string.h>

enum az_tok {
	AZ_T_END,
	AZ_T_BAD,
	AZ_T_SUBSCRIPTIONS,
	AZ_T_RESOURCE_GROUPS,
	AZ_T_PROVIDERS,
	AZ_T_MGMT_NS,
	AZ_T_MGMT_GROUPS,
	AZ_T_SEG
};

typedef struct az_lexer {
	const unsigned char *cur;
	const char *seg;        /* the segment of the last token, without its '/' */
	size_t seg_len;
} az_lexer;

static enum az_tok az_next(az_lexer *lx)
{
	const unsigned char *YYCURSOR = lx->cur;
	const unsigned char *tok = YYCURSOR;
	enum az_tok t;

	/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;

	"/" 'subscriptions'        { t = AZ_T_SUBSCRIPTIONS; goto seg; }
	"/" 'resourceGroups'       { t = AZ_T_RESOURCE_GROUPS; goto seg; }
	"/" 'providers'            { t = AZ_T_PROVIDERS; goto seg; }
	"/" 'Microsoft.Management' { t = AZ_T_MGMT_NS; goto seg; }
	"/" 'managementGroups'     { t = AZ_T_MGMT_GROUPS; goto seg; }
	"/" [^/\x00]+              { t = AZ_T_SEG; goto seg; }
	"/"? "\x00"                { lx->seg = NULL; lx->seg_len = 0; return AZ_T_END; }
	*                          { lx->seg = NULL; lx->seg_len = 0; return AZ_T_BAD; }
	*/
seg:
	lx->seg = (const char *)tok + 1;
	lx->seg_len = (size_t)(YYCURSOR - tok - 1);
	lx->cur = YYCURSOR;
	return t;
}

/* A token that can stand for a name or a type (any real segment). */
static int is_seg(enum az_tok t)
{
	return t != AZ_T_END && t != AZ_T_BAD;
}

/*
 * Parse s; when type/name are given, also collect the last providers
 * section's type path and name path into them.
 */
static int parse(const char *s, azure_id *out, strbuf *type, strbuf *name)
{
	az_lexer lx;
	enum az_tok t;

	memset(out, 0, sizeof(*out));
	out->kind = AZ_SCOPE_INVALID;
	if (s[0] != '/')
		return -1;
	lx.cur = (const unsigned char *)s;
	t = az_next(&lx);
	if (t == AZ_T_END) {
		out->kind = AZ_SCOPE_ROOT;
		return 0;
	}
	if (t == AZ_T_SUBSCRIPTIONS) {
		if (!is_seg(az_next(&lx)))
			goto bad;
		out->subscription = lx.seg;
		out->subscription_len = lx.seg_len;
		out->kind = AZ_SCOPE_SUBSCRIPTION;
		t = az_next(&lx);
		if (t == AZ_T_RESOURCE_GROUPS) {
			if (!is_seg(az_next(&lx)))
				goto bad;
			out->resource_group = lx.seg;
			out->resource_group_len = lx.seg_len;
			out->kind = AZ_SCOPE_RESOURCE_GROUP;
			t = az_next(&lx);
		}
	} else if (t == AZ_T_PROVIDERS) {
		az_lexer peek = lx;

		if (az_next(&peek) == AZ_T_MGMT_NS && az_next(&peek) == AZ_T_MGMT_GROUPS &&
		    is_seg(az_next(&peek))) {
			out->mgmt_group = peek.seg;
			out->mgmt_group_len = peek.seg_len;
			out->kind = AZ_SCOPE_MGMT_GROUP;
			lx = peek;
			t = az_next(&lx);
		}
	}
	while (t == AZ_T_PROVIDERS) {
		int pairs = 0;

		if (!is_seg(az_next(&lx)))
			goto bad;
		out->provider = lx.seg;
		out->provider_len = lx.seg_len;
		if (type) {
			strbuf_reset(type);
			strbuf_reset(name);
			strbuf_add(type, lx.seg, lx.seg_len);
		}
		for (t = az_next(&lx); is_seg(t) && t != AZ_T_PROVIDERS; t = az_next(&lx)) {
			if (type) {
				strbuf_addch(type, '/');
				strbuf_add(type, lx.seg, lx.seg_len);
			}
			if (!is_seg(az_next(&lx)))
				goto bad;
			if (type) {
				if (name->len)
					strbuf_addch(name, '/');
				strbuf_add(name, lx.seg, lx.seg_len);
			}
			pairs++;
		}
		if (!pairs)
			goto bad;
		out->kind = AZ_SCOPE_RESOURCE;
	}
	if (t == AZ_T_END)
		return 0;
bad:
	memset(out, 0, sizeof(*out));
	out->kind = AZ_SCOPE_INVALID;
	return -1;
}

int azure_id_parse(const char *s, azure_id *out)
{
	return parse(s, out, NULL, NULL);
}

static int seg_eq_icase(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i;

	if (an != bn)
		return 0;
	for (i = 0; i < an; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

int azure_id_contains(const char *outer, const char *inner)
{
	azure_id a, b;
	az_lexer lo, li;

	if (azure_id_parse(outer, &a) < 0 || azure_id_parse(inner, &b) < 0)
		return 0;
	lo.cur = (const unsigned char *)outer;
	li.cur = (const unsigned char *)inner;
	for (;;) {
		if (az_next(&lo) == AZ_T_END)
			return 1;
		if (az_next(&li) == AZ_T_END)
			return 0;
		if (!seg_eq_icase(lo.seg, lo.seg_len, li.seg, li.seg_len))
			return 0;
	}
}

static int resource_paths(const char *s, strbuf *out, int want_type)
{
	strbuf type = STRBUF_INIT, name = STRBUF_INIT;
	azure_id id;
	int err = -1;

	strbuf_reset(out);
	if (parse(s, &id, &type, &name) < 0 || id.kind != AZ_SCOPE_RESOURCE)
		goto cleanup;
	if (want_type)
		strbuf_add(out, type.buf, type.len);
	else
		strbuf_add(out, name.buf, name.len);
	err = 0;
cleanup:
	strbuf_release(&type);
	strbuf_release(&name);
	return err;
}

int azure_id_resource_type(const char *s, strbuf *out)
{
	return resource_paths(s, out, 1);
}

int azure_id_resource_name(const char *s, strbuf *out)
{
	return resource_paths(s, out, 0);
}
