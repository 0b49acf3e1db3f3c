/* doc — loading, syntax detection, embedded documents and accessors. */
#include "doc/doc_internal.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

doc_node *doc_node_new(doc *d, doc_type type, unsigned line, unsigned col, size_t offset)
{
	doc_node *n = ARENA_NEW(&d->arena, doc_node);

	n->type = type;
	n->line = line;
	n->col = col;
	n->offset = offset;
	n->file = d->file;
	return n;
}

void doc_node_set_text(doc *d, doc_node *n, const char *s, size_t len)
{
	n->str = arena_strndup(&d->arena, s, len);
	n->len = len;
}

unsigned doc_count_chars(const char *from, const char *at)
{
	unsigned n = 0;

	for (; from < at; from++)
		if (((unsigned char)*from & 0xC0) != 0x80)
			n++;
	return n;
}

static const char *skip_bom_ws(const char *p, const char *end)
{
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

static doc_syntax detect(const char *buf, size_t len)
{
	const char *p = skip_bom_ws(buf, buf + len);

	if (p < buf + len && (*p == '{' || *p == '['))
		return DOC_FMT_JSON;
	return DOC_FMT_YAML;
}

static doc *doc_new(const char *name)
{
	doc *d = xcalloc(1, sizeof(*d));

	arena_init(&d->arena);
	d->file = arena_strdup(&d->arena, name);
	return d;
}

/* "binary data" at the first NUL byte, or 0 when there is none. */
static int reject_nul(const char *name, const char *buf, size_t len, diag *dg)
{
	const char *z = memchr(buf, '\0', len), *ls = buf, *p;
	unsigned line = 1;

	if (!z)
		return 0;
	for (p = buf; p < z; p++)
		if (*p == '\n') {
			line++;
			ls = p + 1;
		}
	return diag_set(dg, name, line, doc_count_chars(ls, z) + 1, "binary data (NUL byte) in a text file");
}

/* Parse d->src (NUL-terminated, owned by d) into d. */
static int parse(doc *d, doc_syntax syntax, diag *dg)
{
	doc_node *root = NULL;
	int err;

	d->syntax = syntax == DOC_FMT_AUTO ? detect(d->src, d->src_len) : syntax;
	if (d->syntax == DOC_FMT_JSON)
		err = doc_json_parse(d, d->file, d->src, d->src_len, &root, dg);
	else
		err = doc_yaml_parse(d, d->file, d->src, d->src_len, &root, dg);
	d->root = root;
	return err;
}

int doc_load_buffer(doc **out, const char *name, const char *buf, size_t len, doc_syntax syntax, diag *dg)
{
	doc *d = doc_new(name);
	int err;

	*out = NULL;
	if ((err = reject_nul(name, buf, len, dg)) < 0)
		goto cleanup;
	d->src = arena_strndup(&d->arena, buf, len);
	d->src_len = len;
	if ((err = parse(d, syntax, dg)) < 0)
		goto cleanup;
	*out = d;
	d = NULL;
cleanup:
	doc_free(d);
	return err;
}

int doc_load_file(doc **out, const char *path, doc_syntax syntax, diag *dg)
{
	strbuf sb = STRBUF_INIT;
	struct stat st;
	doc *d = NULL;
	int err;

	*out = NULL;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > DOC_MAX_FILE)
		return diag_set(dg, path, 0, 0, "file too large (%lld bytes; the limit is %zu)",
				(long long)st.st_size, (size_t)DOC_MAX_FILE);
	if (strbuf_read_file(&sb, path, DOC_MAX_FILE) < 0) {
		err = diag_set(dg, path, 0, 0, "cannot read: %s", strerror(errno));
		goto cleanup;
	}
	if ((err = reject_nul(path, sb.buf, sb.len, dg)) < 0)
		goto cleanup;
	/* the doc takes the buffer: a large file is never held twice */
	d = doc_new(path);
	d->src_len = sb.len;
	d->src = d->heap_src = strbuf_detach(&sb, NULL);
	if ((err = parse(d, syntax, dg)) < 0)
		goto cleanup;
	*out = d;
	d = NULL;
cleanup:
	doc_free(d);
	strbuf_release(&sb);
	return err;
}

void doc_free(doc *d)
{
	if (!d)
		return;
	arena_release(&d->arena);
	free(d->heap_src);
	free(d);
}

const doc_node *doc_root(const doc *d)
{
	return d->root;
}

doc_syntax doc_syntax_of(const doc *d)
{
	return d->syntax;
}

/* --- embedded documents ----------------------------------------------------- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* IAM returns policy documents URL-encoded (RFC 3986, %XX; '+' stays '+'). */
static int url_decode(const char *s, size_t len, strbuf *out)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi, lo;
			if (i + 2 >= len)
				return -1;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			strbuf_addch(out, hi * 16 + lo);
			i += 2;
		} else {
			strbuf_addch(out, s[i]);
		}
	}
	return 0;
}

/*
 * Map a byte offset in the decoded value of a JSON string token back to the
 * column of the raw token in the host: walk the raw token, decoding escapes.
 */
static unsigned raw_column(const doc *host, const doc_node *str, size_t value_off)
{
	const char *p = host->src + str->offset + 1; /* after the opening quote */
	const char *end = host->src + host->src_len;
	size_t v = 0;

	while (p < end && *p != '"' && v < value_off) {
		if (*p == '\\' && p + 1 < end) {
			if (p[1] == 'u' && end - p >= 6) {
				unsigned cp = 0;
				int i;
				for (i = 2; i < 6; i++)
					cp = cp * 16 + (unsigned)(hexval((unsigned char)p[i]) < 0 ? 0 : hexval((unsigned char)p[i]));
				v += cp < 0x80 ? 1 : cp < 0x800 ? 2 : (cp >= 0xD800 && cp < 0xE000) ? 2 : 3;
				p += 6;
				continue;
			}
			p += 2;
			v++;
			continue;
		}
		p++;
		v++;
	}
	return str->col + 1 + doc_count_chars(host->src + str->offset + 1, p);
}

typedef struct remap_ctx {
	const doc *host;
	const doc_node *str;
	int exact;
} remap_ctx;

static void remap(const remap_ctx *rc, doc_node *n, unsigned depth)
{
	size_t i;

	if (!n || depth > DOC_MAX_DEPTH + 1)
		return;
	/* alias-shared YAML nodes are reached twice: map each once */
	if (n->offset == DOC_OFFSET_MAPPED)
		return;
	if (rc->exact) {
		n->col = raw_column(rc->host, rc->str, n->offset);
		n->line = rc->str->line;
	} else {
		n->line = rc->str->line;
		n->col = rc->str->col;
	}
	n->file = rc->host->file;
	n->offset = DOC_OFFSET_MAPPED;
	for (i = 0; i < n->len && (n->type == DOC_ARRAY || n->type == DOC_OBJECT); i++) {
		if (n->type == DOC_OBJECT)
			remap(rc, n->keys[i], depth + 1);
		remap(rc, n->items[i], depth + 1);
	}
}

int doc_parse_embedded(doc *host, const doc_node *str, const doc_node **out, diag *dg)
{
	strbuf decoded = STRBUF_INIT;
	const char *text;
	size_t len;
	doc_node *root = NULL;
	remap_ctx rc;
	diag inner = DIAG_INIT;
	const char *p;
	int err;

	*out = NULL;
	if (!str || str->type != DOC_STRING)
		return doc_error(dg, str, "expected a policy document or a JSON string");
	text = str->str;
	len = str->len;
	p = skip_bom_ws(text, text + len);
	rc.exact = host->syntax == DOC_FMT_JSON && host->src && str->offset < host->src_len &&
		   host->src[str->offset] == '"';
	if (p == text + len || (*p != '{' && *p != '[')) {
		if (memchr(text, '%', len)) {
			if (url_decode(text, len, &decoded) < 0) {
				err = doc_error(dg, str, "malformed URL encoding in embedded policy document");
				goto cleanup;
			}
			text = decoded.buf;
			len = decoded.len;
			rc.exact = 0;
		}
	}
	p = skip_bom_ws(text, text + len);
	if (p < text + len && (*p == '{' || *p == '['))
		err = doc_json_parse(host, host->file, text, len, &root, &inner);
	else
		err = doc_yaml_parse(host, host->file, text, len, &root, &inner);
	if (err < 0) {
		/* place the inner error in the host file */
		unsigned col = str->col;
		if (rc.exact && inner.line == 1 && inner.col > 0)
			col = raw_column(host, str, inner.col - 1);
		err = diag_set(dg, host->file, str->line, col, "in embedded policy document: %s", inner.msg);
		goto cleanup;
	}
	rc.host = host;
	rc.str = str;
	remap(&rc, root, 0);
	*out = root;
cleanup:
	diag_release(&inner);
	strbuf_release(&decoded);
	return err;
}

/* --- accessors --------------------------------------------------------------- */

const doc_node *doc_get(const doc_node *n, const char *key)
{
	size_t i;

	if (!n || n->type != DOC_OBJECT)
		return NULL;
	for (i = 0; i < n->len; i++)
		if (!strcmp(n->keys[i]->str, key))
			return n->items[i];
	return NULL;
}

const doc_node *doc_get_ci(const doc_node *n, const char *key)
{
	size_t i;

	if (!n || n->type != DOC_OBJECT)
		return NULL;
	for (i = 0; i < n->len; i++)
		if (!strcasecmp(n->keys[i]->str, key))
			return n->items[i];
	return NULL;
}

int doc_is_scalar(const doc_node *n)
{
	return n && n->type != DOC_ARRAY && n->type != DOC_OBJECT;
}

const char *doc_get_str(const doc_node *n, const char *key)
{
	const doc_node *v = doc_get(n, key);

	return v && doc_is_scalar(v) && v->type != DOC_NULL ? v->str : NULL;
}

const char *doc_type_name(doc_type t)
{
	static const char *const names[] = { "null", "boolean", "number", "string", "list", "object" };
	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "value";
}

const char *doc_type_phrase(doc_type t)
{
	static const char *const phrases[] = { "null", "a boolean", "a number", "a string", "a list", "an object" };
	return (unsigned)t < sizeof(phrases) / sizeof(phrases[0]) ? phrases[t] : "a value";
}

int doc_error(diag *dg, const doc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (n)
		diag_vset(dg, n->file, n->line, n->col, fmt, ap);
	else
		diag_vset(dg, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return PG_EINPUT;
}
