/* fswalk — sorted recursive file visits. */
#include "base/fswalk.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void fail(const fswalk_ops *ops, void *ctx, const char *path, const char *what)
{
	strbuf msg = STRBUF_INIT;

	strbuf_addf(&msg, "%s: %s", what, strerror(errno));
	ops->error(ctx, path, msg.buf);
	strbuf_release(&msg);
}

static int walk(const char *path, const fswalk_ops *ops, void *ctx, int top)
{
	struct stat st;
	DIR *dir;
	struct dirent *e;
	char **names = NULL;
	size_t count = 0, cap = 0, i;
	int err = 0;

	if (stat(path, &st) < 0) {
		fail(ops, ctx, path, "cannot read");
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return ops->file(ctx, path, top) < 0 ? -1 : 0;
	if (!(dir = opendir(path))) {
		fail(ops, ctx, path, "cannot read folder");
		return -1;
	}
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		XGROW(names, cap, count + 1);
		names[count++] = xstrdup(e->d_name);
	}
	closedir(dir);
	qsort(names, count, sizeof(*names), cmp_str);
	for (i = 0; i < count; i++) {
		strbuf child = STRBUF_INIT;
		struct stat cst;
		strbuf_addf(&child, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
		if (stat(child.buf, &cst) == 0 &&
		    (S_ISDIR(cst.st_mode) ||
		     (S_ISREG(cst.st_mode) && (!ops->want || ops->want(ctx, path, names[i])))))
			if (walk(child.buf, ops, ctx, 0) < 0)
				err = -1;
		strbuf_release(&child);
		free(names[i]);
	}
	free(names);
	return err;
}

int fswalk(const char *path, const fswalk_ops *ops, void *ctx)
{
	return walk(path, ops, ctx, 1);
}

int fswalk_data_name(const char *name)
{
	const char *dot = strrchr(name, '.');

	return !dot || !strcmp(dot, ".json") || !strcmp(dot, ".yaml") || !strcmp(dot, ".yml");
}
