/*
 * ingest — from input paths to the model: walks files and folders, loads each
 * document, detects its format from content and hands it to that format's
 * reader (one ingest/<format>.c each, registered in ingest.c's table).
 *
 * A bad file adds its diagnostics and the batch goes on; the caller decides
 * the exit code from the error count. Ownership: the ingest_run owns its
 * input records; the model owns everything ingested.
 */
#ifndef PG_INGEST_H
#define PG_INGEST_H

#include "base/diag.h"
#include "doc/doc.h"
#include "model/model.h"

typedef struct ingest_ctx {
	model *m;
	doc *doc;
	const char *path;       /* as given on the command line or found in a folder */
	diag_list *diags;
} ingest_ctx;

typedef struct ingest_format {
	const char *name;               /* "aws-authz-details" */
	const char *description;
	/* 1 when the document looks like this format */
	int (*detect)(const doc_node *root, const char *path);
	/* read it into the model; 0, or PG_EINPUT after adding diagnostics */
	int (*read)(ingest_ctx *ctx, const doc_node *root);
} ingest_format;

typedef struct ingest_input {
	char *path;
	const char *format;     /* a format name, or NULL when the file was not read or skipped */
	char sha256[65];
} ingest_input;

typedef struct ingest_run {
	ingest_input *inputs;
	size_t n_inputs, cap;
	size_t files_failed;
	size_t files_skipped;    /* files in folders whose format was not recognized */
} ingest_run;

void ingest_run_init(ingest_run *r);
void ingest_run_release(ingest_run *r);

/* Read every path (files, or folders read recursively in sorted order).
 * force_format: a format name to skip detection, or NULL. Returns 0 when every
 * file was read, PG_EINPUT when some were not (their diagnostics are in diags),
 * PG_EUSAGE for an unknown forced format. */
int ingest_paths(ingest_run *r, model *m, char *const *paths, size_t n, const char *force_format,
		 diag_list *diags);

/* The registered formats, NULL-terminated. */
const ingest_format *const *ingest_formats(void);
const ingest_format *ingest_find_format(const char *name);

#endif
