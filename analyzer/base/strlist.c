/* strlist — a list of unique heap strings in the caller's fields (see strlist.h). */
#include "base/strlist.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void strlist_add(char ***items, size_t *n, size_t *cap, char *text)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*items)[i], text)) {
			free(text);
			return;
		}
	XGROW(*items, *cap, *n + 1);
	(*items)[(*n)++] = text;
}

void strlist_addf(char ***items, size_t *n, size_t *cap, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strlist_add(items, n, cap, strbuf_detach(&sb, NULL));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strlist_sort(char **items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof(*items), cmp_str);
}

void strlist_release(char ***items, size_t *n, size_t *cap)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free((*items)[i]);
	free(*items);
	*items = NULL;
	*n = 0;
	*cap = 0;
}
