/*
 * aws_catalog — lookups, service ranges, pattern expansion and action sets
 * over the generated tables (see aws_catalog.h, aws_catalog_data.h).
 *
 * All searches are binary searches over the table's order, which is byte
 * order of the lowercase names; comparisons fold ASCII case on the fly so no
 * lowercase copy of the names is stored.
 */
#include "catalog/aws_catalog.h"
#include "catalog/aws_catalog_data.h"
#include "base/strci.h"
#include "base/xalloc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define T aws_catalog_generated

static inline const char *name_at(size_t i)
{
	return T.names + T.actions[i].name;
}

static const char *action_at(size_t i, const void *ctx)
{
	return name_at(i);
}

/* The name of action i after the service prefix of length *(size_t *)skip. */
static const char *rest_at(size_t i, const void *skip)
{
	return name_at(i) + *(const size_t *)skip;
}

/* Compare the service prefix q[0..len) with a service name, each as if
 * followed by ':' — the order the services have in the action table. */
static int cmp_service(const char *q, size_t len, const char *svc)
{
	size_t k;
	int a, b;

	for (k = 0;; k++) {
		a = k < len ? strci_lower((unsigned char)q[k]) : ':';
		b = svc[k] ? (unsigned char)svc[k] : ':';
		if (a != b)
			return a - b;
		if (a == ':')
			return 0;
	}
}

/* Index of the service q[0..len) in the service index, or -1. */
static long find_service(const char *q, size_t len)
{
	size_t a = 0, b = T.nservices, m;
	int c;

	if (!len || memchr(q, ':', len))
		return -1;
	while (a < b) {
		m = a + (b - a) / 2;
		c = cmp_service(q, len, T.svcnames + T.services[m].name);
		if (c == 0)
			return (long)m;
		if (c < 0)
			b = m;
		else
			a = m + 1;
	}
	return -1;
}

/* Case-insensitive glob: '*' any run, '?' one character. */
static int glob_match(const char *p, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	while (*s) {
		if (*p == '*') {
			star_p = ++p;
			star_s = s;
		} else if (*p && (*p == '?' || strci_lower((unsigned char)*p) == strci_lower((unsigned char)*s))) {
			p++;
			s++;
		} else if (star_p) {
			p = star_p;
			s = ++star_s;
		} else {
			return 0;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}

size_t aws_catalog_count(void)
{
	return T.count;
}

long aws_catalog_find(const char *action)
{
	const char *colon;
	size_t skip;
	long j;

	assert(action);
	/* the service index first: small and cache-friendly, then the service's rows */
	colon = strchr(action, ':');
	if (!colon || (j = find_service(action, (size_t)(colon - action))) < 0)
		return -1;
	skip = (size_t)(colon - action) + 1;
	return strci_find(colon + 1, T.services[j].first, T.services[j].first + T.services[j].count, rest_at, &skip);
}

const char *aws_catalog_name(size_t i)
{
	assert(i < T.count);
	return name_at(i);
}

unsigned aws_catalog_levels(size_t i)
{
	assert(i < T.count);
	return T.actions[i].levels;
}

const char *aws_catalog_resource_types(size_t i)
{
	assert(i < T.count);
	return T.rtypes + T.actions[i].rtypes;
}

int aws_catalog_service(const char *service, size_t *first, size_t *end)
{
	long j = find_service(service, strlen(service));

	if (j < 0)
		return -1;
	*first = T.services[j].first;
	*end = *first + T.services[j].count;
	return 0;
}

int aws_catalog_service_known(const char *service)
{
	return find_service(service, strlen(service)) >= 0;
}

size_t aws_catalog_service_count(void)
{
	return T.nservices;
}

const char *aws_catalog_service_name(size_t j)
{
	assert(j < T.nservices);
	return T.svcnames + T.services[j].name;
}

const char *aws_catalog_level_name(unsigned level_bit)
{
	switch (level_bit) {
	case AL_LIST: return "list";
	case AL_READ: return "read";
	case AL_WRITE: return "write";
	case AL_PERMISSIONS: return "permissions";
	case AL_TAGGING: return "tagging";
	default: return NULL;
	}
}

/* --- action sets ----------------------------------------------------------- */

static size_t set_words(void)
{
	return (T.count + 63) / 64;
}

/* Clear the bits past the catalogue in the last word. */
static void trim(action_set *s)
{
	if (T.count % 64)
		s->words[s->nwords - 1] &= (UINT64_C(1) << (T.count % 64)) - 1;
}

void action_set_init(action_set *s)
{
	s->nwords = set_words();
	s->words = xcalloc(s->nwords, sizeof(*s->words));
}

void action_set_release(action_set *s)
{
	if (!s)
		return;
	free(s->words);
	s->words = NULL;
	s->nwords = 0;
}

void action_set_add(action_set *s, size_t i)
{
	assert(i < T.count);
	s->words[i / 64] |= UINT64_C(1) << (i % 64);
}

void action_set_remove(action_set *s, size_t i)
{
	assert(i < T.count);
	s->words[i / 64] &= ~(UINT64_C(1) << (i % 64));
}

int action_set_has(const action_set *s, size_t i)
{
	return i < T.count && (s->words[i / 64] >> (i % 64) & 1);
}

void action_set_clear(action_set *s)
{
	memset(s->words, 0, s->nwords * sizeof(*s->words));
}

void action_set_fill(action_set *s)
{
	memset(s->words, 0xff, s->nwords * sizeof(*s->words));
	trim(s);
}

void action_set_copy(action_set *dst, const action_set *src)
{
	assert(dst->nwords == src->nwords);
	memcpy(dst->words, src->words, src->nwords * sizeof(*src->words));
}

void action_set_union(action_set *dst, const action_set *src)
{
	size_t k;

	assert(dst->nwords == src->nwords);
	for (k = 0; k < dst->nwords; k++)
		dst->words[k] |= src->words[k];
}

void action_set_intersect(action_set *dst, const action_set *src)
{
	size_t k;

	assert(dst->nwords == src->nwords);
	for (k = 0; k < dst->nwords; k++)
		dst->words[k] &= src->words[k];
}

void action_set_minus(action_set *dst, const action_set *src)
{
	size_t k;

	assert(dst->nwords == src->nwords);
	for (k = 0; k < dst->nwords; k++)
		dst->words[k] &= ~src->words[k];
}

void action_set_complement(action_set *s)
{
	size_t k;

	for (k = 0; k < s->nwords; k++)
		s->words[k] = ~s->words[k];
	trim(s);
}

int action_set_equal(const action_set *a, const action_set *b)
{
	assert(a->nwords == b->nwords);
	return !memcmp(a->words, b->words, a->nwords * sizeof(*a->words));
}

size_t action_set_count(const action_set *s)
{
	size_t k, n = 0;

	for (k = 0; k < s->nwords; k++)
		n += (size_t)__builtin_popcountll(s->words[k]);
	return n;
}

int action_set_empty(const action_set *s)
{
	size_t k;

	for (k = 0; k < s->nwords; k++)
		if (s->words[k])
			return 0;
	return 1;
}

size_t action_set_next(const action_set *s, size_t from)
{
	size_t k = from / 64;
	uint64_t w;

	if (from >= T.count)
		return T.count;
	w = s->words[k] & (~UINT64_C(0) << (from % 64));
	for (;;) {
		if (w)
			return k * 64 + (size_t)__builtin_ctzll(w);
		if (++k == s->nwords)
			return T.count;
		w = s->words[k];
	}
}

/* --- expansion ------------------------------------------------------------- */

size_t aws_catalog_expand(const char *pattern, action_set *out)
{
	size_t plen = strcspn(pattern, "*?");
	size_t lo = 0, hi = T.count, i, n = 0;
	const char *colon = memchr(pattern, ':', plen);
	long j;

	assert(out->nwords == set_words());
	if (!pattern[plen]) {                   /* no wildcard: one action */
		j = aws_catalog_find(pattern);
		if (j < 0)
			return 0;
		action_set_add(out, (size_t)j);
		return 1;
	}
	if (plen == 0 && !pattern[strspn(pattern, "*")]) {     /* "*" */
		for (i = 0; i < out->nwords; i++)
			out->words[i] = ~UINT64_C(0);
		trim(out);
		return T.count;
	}
	if (colon) {                            /* "s3:Get*": the service's range */
		j = find_service(pattern, (size_t)(colon - pattern));
		if (j < 0)
			return 0;
		lo = T.services[j].first;
		hi = lo + T.services[j].count;
	}
	strci_prefix_range(pattern, plen, &lo, &hi, action_at, NULL);
	for (i = lo; i < hi; i++)
		if (glob_match(pattern + plen, name_at(i) + plen)) {
			out->words[i / 64] |= UINT64_C(1) << (i % 64);
			n++;
		}
	return n;
}

unsigned aws_catalog_set_levels(const action_set *s)
{
	unsigned levels = 0;
	size_t k;
	uint64_t w;

	for (k = 0; k < s->nwords; k++)
		for (w = s->words[k]; w; w &= w - 1) {
			levels |= T.actions[k * 64 + (size_t)__builtin_ctzll(w)].levels;
			if (levels == AL_ALL)
				return levels;
		}
	return levels;
}
