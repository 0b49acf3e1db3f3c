/*
 * fswalk — visit a file, or a folder's files recursively in sorted order, so
 * the same folder always gives the same model and the same output.
 *
 * Hidden entries (a leading '.') are skipped. Ownership: paths handed to the
 * callbacks are valid only during the call.
 */
#ifndef PG_FSWALK_H
#define PG_FSWALK_H

typedef struct fswalk_ops {
	/* Visit one regular file; top is 1 for a path given by the caller, 0 for
	 * one found in a folder. A negative return marks the walk as failed. */
	int (*file)(void *ctx, const char *path, int top);
	/* Should a file found in folder dir be visited? NULL: every file. */
	int (*want)(void *ctx, const char *dir, const char *name);
	/* A path that cannot be read: message is "cannot read: ..." or
	 * "cannot read folder: ...". The walk goes on and is marked failed. */
	void (*error)(void *ctx, const char *path, const char *message);
} fswalk_ops;

/* 0 when every visit succeeded, -1 otherwise. */
int fswalk(const char *path, const fswalk_ops *ops, void *ctx);

/* A file name that can hold an export: .json, .yaml, .yml, or no extension. */
int fswalk_data_name(const char *name);

#endif
