/* config — loading, defaults, dates and suppressions (the reader is config_parse.c). */
#include "model/config_internal.h"
#include "base/strbuf.h"
#include "base/strci.h"
#include "base/xalloc.h"
#include "eval/match.h"

#include <ctype.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* --- built-in defaults (documented in config.h) -------------------------------- */

typedef struct kv { const char *key, *value; } kv;

static const kv default_synthetic[] = {
	{ "data-classification", "synthetic" }, { "data-class", "synthetic" },
	{ "classification", "synthetic" }, { "synthetic", "true" },
};

static const kv default_production[] = {
	{ "env", "prod" }, { "env", "production" },
	{ "environment", "prod" }, { "environment", "production" },
	/* AWS tag keys are case-sensitive and "Environment" is the common spelling */
	{ "Environment", "prod" }, { "Environment", "production" },
	{ "data-classification", "production" }, { "data-class", "production" },
	{ "classification", "production" },
};

static const char *const default_required_tags[] = { "synthetic:generator", "synthetic:created", "synthetic:purpose" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static config_rule *tag_rules(config *c, const kv *t, size_t n, size_t *count)
{
	config_rule *r = ARENA_ARRAY(&c->arena, config_rule, n);
	size_t i;

	for (i = 0; i < n; i++) {
		r[i].kind = CONFIG_RULE_TAG;
		r[i].key = t[i].key;            /* static strings outlive every config */
		r[i].value = t[i].value;
	}
	*count = n;
	return r;
}

void config_apply_defaults(config *c)
{
	if (c->synthetic_default)
		c->synthetic = tag_rules(c, default_synthetic, COUNT(default_synthetic), &c->n_synthetic);
	if (c->production_default)
		c->production = tag_rules(c, default_production, COUNT(default_production), &c->n_production);
	if (c->provenance_default) {
		c->required_tags = (const char **)arena_memdup(&c->arena, default_required_tags,
							       COUNT(default_required_tags), sizeof(char *));
		c->n_required_tags = COUNT(default_required_tags);
	}
}

static config *config_new(void)
{
	config *c = xcalloc(1, sizeof(*c));

	arena_init(&c->arena);
	return c;
}

config *config_defaults(void)
{
	config *c = config_new();

	c->synthetic_default = c->production_default = c->provenance_default = 1;
	config_apply_defaults(c);
	return c;
}

void config_free(config *c)
{
	if (!c)
		return;
	arena_release(&c->arena);
	free(c);
}

/* --- loading -------------------------------------------------------------------- */

static void sha256_hex(const char *buf, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	out[0] = '\0';
	if (!EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL))
		return;
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Put the diagnostics from index `from` in file order (a stable insertion
 * sort: the reader reports a section's keys before its contents). */
static void sort_diags(diag_list *l, size_t from)
{
	size_t i, j;

	for (i = from + 1; i < l->count; i++) {
		diag d = l->items[i];
		for (j = i; j > from && (l->items[j - 1].line > d.line ||
					 (l->items[j - 1].line == d.line && l->items[j - 1].col > d.col)); j--)
			l->items[j] = l->items[j - 1];
		l->items[j] = d;
	}
}

int config_load_buffer(config **out, const char *name, const char *buf, size_t len, diag_list *diags)
{
	config *c = config_new();
	doc *d = NULL;
	diag dg = DIAG_INIT;
	size_t before = diags->count;
	int err;

	*out = NULL;
	c->path = arena_strdup(&c->arena, name);
	sha256_hex(buf, len, c->sha256);
	if ((err = doc_load_buffer(&d, name, buf, len, DOC_FMT_AUTO, &dg)) < 0) {
		diag_list_add(diags, &dg);
		goto cleanup;
	}
	err = config_parse(c, doc_root(d), diags);
	sort_diags(diags, before);
	if (err < 0)
		goto cleanup;
	config_apply_defaults(c);
	*out = c;
	c = NULL;
cleanup:
	doc_free(d);
	config_free(c);
	return err;
}

int config_load_file(config **out, const char *path, diag_list *diags)
{
	strbuf sb = STRBUF_INIT;
	struct stat st;
	int err;

	*out = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_list_addf(diags, DIAG_ERROR, path, 0, 0, "the configuration is a folder, not a file");
		return PG_EINPUT;
	}
	/* read once: the digest and the parse see the same bytes */
	if (strbuf_read_file(&sb, path, DOC_MAX_FILE) < 0) {
		diag_list_addf(diags, DIAG_ERROR, path, 0, 0, "cannot read the configuration: %s", strerror(errno));
		err = PG_EINPUT;
	} else {
		err = config_load_buffer(out, path, sb.buf, sb.len, diags);
	}
	strbuf_release(&sb);
	return err;
}

const char *config_find_default_path(void)
{
	struct stat st;

	return stat(CONFIG_DEFAULT_PATH, &st) == 0 && S_ISREG(st.st_mode) ? CONFIG_DEFAULT_PATH : NULL;
}

void config_rule_describe(const config_rule *r, char *buf, size_t size)
{
	static const char *const kinds[] = { "tag", "arn", "azure_id", "type" };

	if (r->kind == CONFIG_RULE_TAG && r->value)
		snprintf(buf, size, "tag %s=%s", r->key, r->value);
	else if (r->kind == CONFIG_RULE_TAG)
		snprintf(buf, size, "tag %s (any value)", r->key);
	else
		snprintf(buf, size, "%s %s", kinds[r->kind], r->value);
}

/* --- small values --------------------------------------------------------------- */



int config_is_account(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return i == 12;
}

int config_is_guid(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return 0;
	}
	return i == 36;
}

static int digits(const char *s, size_t n, int *out)
{
	size_t i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*out = *out * 10 + (s[i] - '0');
	}
	return 0;
}

int config_parse_date(const char *s, int *out)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, leap, max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) < 0 || digits(s + 5, 2, &m) < 0 ||
	    digits(s + 8, 2, &d) < 0)
		return -1;
	if (m < 1 || m > 12 || d < 1)
		return -2;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	max = days[m - 1] + (m == 2 && leap);
	if (d > max)
		return -2;
	*out = y * 10000 + m * 100 + d;
	return 0;
}

int config_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!gmtime_r(&now, &tm))
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* --- suppressions --------------------------------------------------------------- */

/* pattern NULL matches anything; a pattern never matches a missing subject. */
static int covers(const char *pattern, const char *subject)
{
	if (!pattern)
		return 1;
	if (!subject)
		return 0;
	return match_glob(pattern, subject, strncmp(pattern, "arn:", 4) != 0);
}

const config_suppression *config_suppressed(const config *c, const char *rule, const char *principal_id,
					    const char *resource_id, int today)
{
	size_t i;

	for (i = 0; c && rule && i < c->n_suppressions; i++) {
		const config_suppression *s = &c->suppressions[i];

		if (s->expires < today)
			continue;
		if (match_glob(s->rule, rule, 1) && covers(s->principal, principal_id) && covers(s->resource, resource_id))
			return s;
	}
	return NULL;
}

size_t config_expired_suppressions(const config *c, int today, const config_suppression **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; c && i < c->n_suppressions; i++)
		if (c->suppressions[i].expires < today) {
			if (out && n < max)
				out[n] = &c->suppressions[i];
			n++;
		}
	return n;
}

/* --- owners ------------------------------------------------------------------------ */

static int any_covers(const char *const *patterns, size_t n, const char *const *ids, size_t n_ids)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n_ids; j++)
			if (ids[j] && covers(patterns[i], ids[j]))
				return 1;
	return 0;
}

const config_owner *config_store_owners(const config *c, const char *const *store_ids, size_t n_ids)
{
	size_t i;

	for (i = 0; c && i < c->n_owners; i++)
		if (any_covers(c->owners[i].stores, c->owners[i].n_stores, store_ids, n_ids))
			return &c->owners[i];
	return NULL;
}

int config_is_owner(const config *c, const char *const *store_ids, size_t n_store_ids,
		    const char *const *principal_ids, size_t n_principal_ids)
{
	size_t i;

	for (i = 0; c && i < c->n_owners; i++)
		if (any_covers(c->owners[i].stores, c->owners[i].n_stores, store_ids, n_store_ids) &&
		    any_covers(c->owners[i].principals, c->owners[i].n_principals, principal_ids, n_principal_ids))
			return 1;
	return 0;
}
