/* test_ingest_util — for the reader suites: inputs read through ingest_paths as the CLI does, and scratch files. */
#ifndef PG_TEST_INGEST_UTIL_H
#define PG_TEST_INGEST_UTIL_H

#include "ingest/ingest.h"
#include "model/azure.h"
#include "model/model.h"

#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct loaded {
	model *m;
	azm *a;                 /* the Azure model; NULL when no input was Azure */
	ingest_run run;
	diag_list diags;
	int err;
} loaded;

/* Read paths as format `force` (NULL: detect each) and finalize the model; unload frees it all. */
static inline void load_as(loaded *l, const char *const *paths, size_t n, const char *force)
{
	l->m = model_new();
	ingest_run_init(&l->run);
	diag_list_init(&l->diags);
	l->err = ingest_paths(&l->run, l->m, (char *const *)paths, n, force, &l->diags);
	model_finalize(l->m, NULL);
	l->a = azm_present(l->m) ? model_azure(l->m) : NULL;
}

static inline void load(loaded *l, const char *const *paths, size_t n)
{
	load_as(l, paths, n, NULL);
}

static inline void load1(loaded *l, const char *path)
{
	load_as(l, &path, 1, NULL);
}

static inline void unload(loaded *l)
{
	model_free(l->m);
	ingest_run_release(&l->run);
	diag_list_release(&l->diags);
}

/* The first diagnostic of severity sev whose message contains part, or NULL. */
static inline const diag *find_diag(const loaded *l, diag_severity sev, const char *part)
{
	size_t i;

	for (i = 0; i < l->diags.count; i++)
		if (l->diags.items[i].severity == sev && strstr(l->diags.items[i].msg, part))
			return &l->diags.items[i];
	return NULL;
}

static inline size_t count_sev(const loaded *l, diag_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < l->diags.count; i++)
		n += l->diags.items[i].severity == sev;
	return n;
}

/* A scratch folder with files written from strings; removed by scratch_free. */
typedef struct scratch {
	char dir[64];
	char paths[16][256];
	size_t n;
} scratch;

static inline void scratch_init(scratch *s)
{
	snprintf(s->dir, sizeof(s->dir), "/tmp/pg-ingest-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(s->dir));
	s->n = 0;
}

/* Write text to dir/sub/name (sub: NULL, or a folder of dir; at most 16 files); returns the path. */
static inline const char *scratch_file(scratch *s, const char *sub, const char *name, const char *text)
{
	char *p = s->paths[s->n++], dir[64];
	FILE *f;

	memcpy(dir, s->dir, sizeof(dir));
	if (sub) {
		snprintf(p, 256, "%s/%s", dir, sub);
		mkdir(p, 0700);
		snprintf(p, 256, "%s/%s/%s", dir, sub, name);
	} else {
		snprintf(p, 256, "%s/%s", dir, name);
	}
	f = fopen(p, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
	return p;
}

/* scratch_init, then scratch_file: a fresh folder holding one file; returns its path. */
static inline const char *scratch_one(scratch *s, const char *sub, const char *name, const char *text)
{
	scratch_init(s);
	return scratch_file(s, sub, name, text);
}

/* Remove the files, then the NULL-terminated sub-folders subs (deepest first), then the folder. */
static inline void scratch_free(scratch *s, const char *const *subs)
{
	char p[256];
	size_t i;

	for (i = s->n; i > 0; i--)
		unlink(s->paths[i - 1]);
	for (; subs && *subs; subs++) {
		snprintf(p, sizeof(p), "%s/%s", s->dir, *subs);
		rmdir(p);
	}
	rmdir(s->dir);
}

#endif
