/*
 * aws_graph_keys — object keys from Resource patterns (aws_graph_witness.c
 * says which patterns and why): each pattern, a glob over an ARN's resource
 * part ('*' spans '/'), is run over "bucket/"; every place it can be in
 * afterwards gives the rest of the pattern with its wildcards filled two ways
 * ('*' as "*" or "_pg_", '?' as "*" or "q"). Two patterns whose own keys do
 * not fit each other (an identity Allow for keys starting with "a", a
 * boundary for keys ending with "z") get a key both match, by a search over
 * pairs of places.
 */
#include "graph/aws_graph_internal.h"
#include "base/strbuf.h"
#include "base/strlist.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STATES 4            /* places per pattern (each gives two keys) */
#define MAX_PLACES 16           /* patterns compared in pairs */

/* --- the glob automaton ---------------------------------------------------- */

enum { TOK_LIT, TOK_STAR, TOK_ONE };

typedef struct glob {
	unsigned char *kind;
	char *ch;
	size_t n;
} glob;

static void glob_parse(glob *g, const char *s, size_t len, int escaped)
{
	size_t i;

	g->kind = xmalloc(len + 1);
	g->ch = xmalloc(len + 1);
	g->n = 0;
	for (i = 0; i < len; i++) {
		unsigned char k = TOK_LIT;
		char ch = s[i];
		if (escaped && ch == '\\' && i + 1 < len)
			ch = s[++i];
		else if (ch == '*')
			k = TOK_STAR;
		else if (ch == '?')
			k = TOK_ONE;
		g->kind[g->n] = k;
		g->ch[g->n++] = ch;
	}
}

static void glob_release(glob *g)
{
	free(g->kind);
	free(g->ch);
}

/* Add the places reachable from the active ones without consuming (a '*' may match nothing). */
static void closure(const glob *g, unsigned char *on)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (on[i] && g->kind[i] == TOK_STAR)
			on[i + 1] = 1;
}

static void step(const glob *g, const unsigned char *on, unsigned char *next, char c)
{
	size_t i;

	memset(next, 0, g->n + 1);
	for (i = 0; i < g->n; i++) {
		if (!on[i])
			continue;
		if (g->kind[i] == TOK_STAR)
			next[i] = 1;
		else if (g->kind[i] == TOK_ONE || g->ch[i] == c)
			next[i + 1] = 1;
	}
	closure(g, next);
}

/* A pattern's resource part, and where it can be after "bucket/". */
typedef struct place {
	glob g;
	unsigned char *on;          /* g.n + 1 flags */
	char **keys;                /* its keys' rests ('*' filled with "*"), for the overlap check */
	size_t n_keys, cap_keys;
} place;

struct ag_keys {
	const char *partition, *bucket;
	size_t plen, blen;
	place *pl;
	size_t n, cap;
	char ***out;
	size_t *n_out, *cap_out;
};


static void add_key(ag_keys *w, const char *rest, size_t len)
{
	strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, "arn:", 4);
	strbuf_add(&sb, w->partition, w->plen);
	strbuf_addstr(&sb, ":s3:::");
	strbuf_add(&sb, w->bucket, w->blen);
	strbuf_addch(&sb, '/');
	strbuf_add(&sb, rest, len);
	strlist_add(w->out, w->n_out, w->cap_out, strbuf_detach(&sb, NULL));
}

/* The pattern from place `from` with its wildcards filled per variant. */
static char *fill(const glob *g, size_t from, int variant)
{
	strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = from; i < g->n; i++) {
		if (g->kind[i] == TOK_STAR)
			strbuf_addstr(&sb, variant ? "_pg_" : "*");
		else if (g->kind[i] == TOK_ONE)
			strbuf_addch(&sb, variant ? 'q' : '*');
		else
			strbuf_addch(&sb, g->ch[i]);
	}
	return strbuf_detach(&sb, NULL);
}

/* Run a resource-part glob over "bucket/"; 0 when it cannot match an object of the bucket. */
static int place_init(ag_keys *w, place *pl, const char *s, size_t len, int escaped)
{
	unsigned char *next, *t;
	size_t i;

	memset(pl, 0, sizeof(*pl));
	glob_parse(&pl->g, s, len, escaped);
	pl->on = xcalloc(pl->g.n + 1, 1);
	next = xcalloc(pl->g.n + 1, 1);
	pl->on[0] = 1;
	closure(&pl->g, pl->on);
	for (i = 0; i <= w->blen; i++) {
		step(&pl->g, pl->on, next, i < w->blen ? w->bucket[i] : '/');
		t = pl->on;
		pl->on = next;
		next = t;
	}
	free(next);
	return memchr(pl->on, 1, pl->g.n + 1) != NULL;
}

static void place_release(place *pl)
{
	size_t i;

	for (i = 0; i < pl->n_keys; i++)
		free(pl->keys[i]);
	free(pl->keys);
	free(pl->on);
	glob_release(&pl->g);
}

/* Its own keys: the rest of the pattern from each place, filled both ways. */
static void place_keys(ag_keys *w, place *pl)
{
	size_t i, found = 0;

	for (i = 0; i <= pl->g.n && found < MAX_STATES; i++) {
		char *k0, *k1;
		if (!pl->on[i] || i == pl->g.n)
			continue;       /* the end: an empty key, which no object has */
		k0 = fill(&pl->g, i, 0);
		k1 = fill(&pl->g, i, 1);
		add_key(w, k0, strlen(k0));
		add_key(w, k1, strlen(k1));
		XGROW(pl->keys, pl->cap_keys, pl->n_keys + 1);
		pl->keys[pl->n_keys++] = k0;
		free(k1);
		found++;
	}
}

/* Does pl's pattern match "bucket/" + rest? */
static int place_accepts(const place *pl, const char *rest)
{
	unsigned char *on = xmalloc(pl->g.n + 1), *next = xmalloc(pl->g.n + 1), *t;
	int ok;

	memcpy(on, pl->on, pl->g.n + 1);
	for (; *rest; rest++) {
		step(&pl->g, on, next, *rest);
		t = on;
		on = next;
		next = t;
	}
	ok = on[pl->g.n];
	free(on);
	free(next);
	return ok;
}

/* Where glob g goes from place i on c, or SIZE_MAX. */
static size_t advance(const glob *g, size_t i, char c)
{
	if (i >= g->n)
		return SIZE_MAX;
	if (g->kind[i] == TOK_STAR)
		return i;
	return g->kind[i] == TOK_ONE || g->ch[i] == c ? i + 1 : SIZE_MAX;
}

/*
 * A key both patterns match, when neither one's own keys do: a search over
 * pairs of places (a, b), consuming a literal of either or a filler '*'; a
 * '*' may also be left without consuming. State = (place a, place b, has
 * consumed a character): object keys are never empty.
 */
static void overlap_key(ag_keys *w, const place *a, const place *b)
{
	size_t na = a->g.n + 1, nb = b->g.n + 1, n = na * nb * 2, head = 0, tail = 0, i, j, k, s;
	size_t *queue = xmalloc(n * sizeof(size_t)), *parent = xmalloc(n * sizeof(size_t));
	char *via = xmalloc(n), *seen = xcalloc(n, 1), *rest;
	size_t found = SIZE_MAX, len = 0;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a->on[i] && b->on[j]) {
				seen[(i * nb + j) * 2] = 1;
				parent[(i * nb + j) * 2] = SIZE_MAX;
				queue[tail++] = (i * nb + j) * 2;
			}
	while (head < tail) {
		size_t cur = queue[head++], next[5];
		char ch[5], cand[3];
		size_t nn = 0, nc = 0, f = cur % 2;
		i = cur / 2 / nb;
		j = cur / 2 % nb;
		if (i == a->g.n && j == b->g.n && f) {
			found = cur;
			break;
		}
		if (i < a->g.n && a->g.kind[i] == TOK_STAR) {
			next[nn] = ((i + 1) * nb + j) * 2 + f;
			ch[nn++] = 0;
		}
		if (j < b->g.n && b->g.kind[j] == TOK_STAR) {
			next[nn] = (i * nb + j + 1) * 2 + f;
			ch[nn++] = 0;
		}
		if (i < a->g.n && a->g.kind[i] == TOK_LIT)
			cand[nc++] = a->g.ch[i];
		if (j < b->g.n && b->g.kind[j] == TOK_LIT)
			cand[nc++] = b->g.ch[j];
		cand[nc++] = '*';
		for (k = 0; k < nc; k++) {
			size_t ai = advance(&a->g, i, cand[k]), bj = advance(&b->g, j, cand[k]);
			if (ai != SIZE_MAX && bj != SIZE_MAX) {
				next[nn] = (ai * nb + bj) * 2 + 1;
				ch[nn++] = cand[k];
			}
		}
		for (k = 0; k < nn; k++)
			if (!seen[next[k]]) {
				seen[next[k]] = 1;
				parent[next[k]] = cur;
				via[next[k]] = ch[k];
				queue[tail++] = next[k];
			}
	}
	if (found != SIZE_MAX) {
		for (s = found; parent[s] != SIZE_MAX; s = parent[s])
			len += via[s] != 0;
		rest = xmalloc(len + 1);
		rest[len] = '\0';
		for (s = found, k = len; parent[s] != SIZE_MAX; s = parent[s])
			if (via[s])
				rest[--k] = via[s];
		add_key(w, rest, len);
		free(rest);
	}
	free(queue);
	free(parent);
	free(via);
	free(seen);
}

/* Keys of every pattern, then of every overlapping pair whose own keys miss
 * each other (among the first MAX_PLACES patterns). */
static void all_keys(ag_keys *w, place *pl, size_t n)
{
	size_t i, j, k;

	for (i = 0; i < n; i++)
		place_keys(w, &pl[i]);
	for (i = 0; i < n && i < MAX_PLACES; i++)
		for (j = i + 1; j < n && j < MAX_PLACES; j++) {
			int nested = 0;
			for (k = 0; k < pl[i].n_keys && !nested; k++)
				nested = place_accepts(&pl[j], pl[i].keys[k]);
			for (k = 0; k < pl[j].n_keys && !nested; k++)
				nested = place_accepts(&pl[i], pl[j].keys[k]);
			if (!nested)
				overlap_key(w, &pl[i], &pl[j]);
		}
}

ag_keys *aws_graph_keys_new(const char *partition, size_t plen, const char *bucket, size_t blen)
{
	ag_keys *k = xcalloc(1, sizeof(*k));

	k->partition = partition;
	k->plen = plen;
	k->bucket = bucket;
	k->blen = blen;
	return k;
}

int aws_graph_keys_add(ag_keys *k, const char *pattern, size_t len, int escaped)
{
	XGROW(k->pl, k->cap, k->n + 1);
	if (place_init(k, &k->pl[k->n], pattern, len, escaped)) {
		k->n++;
		return 1;
	}
	place_release(&k->pl[k->n]);
	return 0;
}

void aws_graph_keys_finish(ag_keys *k, char ***out, size_t *n, size_t *cap)
{
	size_t i;

	k->out = out;
	k->n_out = n;
	k->cap_out = cap;
	all_keys(k, k->pl, k->n);
	for (i = 0; i < k->n; i++)
		place_release(&k->pl[i]);
	free(k->pl);
	free(k);
}

int aws_graph_keys_places(const char *bucket, size_t blen, const char *pattern, size_t len, strbuf *out)
{
	ag_keys k;
	place pl;
	size_t i;
	int any;

	memset(&k, 0, sizeof(k));
	k.bucket = bucket;
	k.blen = blen;
	any = place_init(&k, &pl, pattern, len, 0);
	for (i = 0; any && i <= pl.g.n; i++)
		strbuf_addch(out, pl.on[i] ? '1' : '0');
	place_release(&pl);
	return any;
}
