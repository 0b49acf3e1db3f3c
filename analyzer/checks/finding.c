/* finding — finding records, fingerprints, ordering. */
#include "checks/finding.h"
#include "base/xalloc.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void finding_list_init(finding_list *l)
{
	memset(l, 0, sizeof(*l));
}

static void finding_release(finding *f)
{
	size_t i;

	free(f->principal);
	free(f->resource);
	for (i = 0; i < f->n_actions; i++)
		free(f->actions[i]);
	free(f->actions);
	for (i = 0; i < f->n_path; i++) {
		free(f->path[i].from);
		free(f->path[i].to);
		free(f->path[i].edge);
	}
	free(f->path);
	free(f->message);
	free(f->remediation);
	free(f->file);
}

void finding_list_release(finding_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->count; i++)
		finding_release(&l->items[i]);
	free(l->items);
	finding_list_init(l);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* sha256 over the parts, each followed by a NUL so "ab"+"c" differs from "a"+"bc". */
static void fingerprint(char out[17], const char *const *parts, size_t n)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t k;

	out[0] = '\0';
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		goto cleanup;
	for (k = 0; k < n; k++) {
		const char *s = parts[k] ? parts[k] : "";
		EVP_DigestUpdate(ctx, s, strlen(s) + 1);
	}
	if (!EVP_DigestFinal_ex(ctx, md, &len))
		goto cleanup;
	for (i = 0; i < 8 && i < len; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
cleanup:
	EVP_MD_CTX_free(ctx);
}

finding *finding_add(finding_list *l, const char *rule, const char *category, severity sev,
		     const char *who, const char *what, const char *discriminator,
		     const char *message, const char *remediation, pg_loc loc, const char *const *controls)
{
	const char *parts[4];
	finding *f;

	XGROW(l->items, l->cap, l->count + 1);
	f = &l->items[l->count++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->category = category;
	f->sev = sev;
	f->principal = dup_or_null(who);
	f->resource = dup_or_null(what);
	f->message = dup_or_null(message);
	f->remediation = dup_or_null(remediation);
	f->file = dup_or_null(loc.file);
	f->loc = loc;
	f->loc.file = f->file;
	f->controls = controls;
	parts[0] = rule;
	parts[1] = who;
	parts[2] = what;
	parts[3] = discriminator;
	fingerprint(f->id, parts, 4);
	return f;
}

void finding_set_actions(finding *f, const char *const *actions, size_t n)
{
	size_t i;

	for (i = 0; i < f->n_actions; i++)
		free(f->actions[i]);
	free(f->actions);
	f->actions = n ? xmalloc(n * sizeof(*f->actions)) : NULL;
	for (i = 0; i < n; i++)
		f->actions[i] = xstrdup(actions[i]);
	f->n_actions = n;
}

void finding_add_step(finding *f, const char *from, const char *to, const char *edge)
{
	f->path = xrealloc(f->path, (f->n_path + 1) * sizeof(*f->path));
	f->path[f->n_path].from = dup_or_null(from);
	f->path[f->n_path].to = dup_or_null(to);
	f->path[f->n_path].edge = dup_or_null(edge);
	f->n_path++;
}

static int strcmp_null(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) : (a != NULL) - (b != NULL);
}

static int cmp_finding(const void *a, const void *b)
{
	const finding *x = a, *y = b;
	int c;

	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	if ((c = strcmp(x->rule, y->rule)) || (c = strcmp_null(x->principal, y->principal)) ||
	    (c = strcmp_null(x->resource, y->resource)))
		return c;
	return strcmp(x->id, y->id);
}

void finding_list_sort(finding_list *l)
{
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), cmp_finding);
}

void finding_list_counts(const finding_list *l, size_t counts[SEV_CRITICAL + 1])
{
	size_t i;

	memset(counts, 0, sizeof(size_t) * (SEV_CRITICAL + 1));
	for (i = 0; i < l->count; i++)
		if (!l->items[i].suppressed)
			counts[l->items[i].sev]++;
}
