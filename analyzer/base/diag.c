/* diag — placed diagnostics. */
#include "base/diag.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *vformat(const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	char *buf;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return xstrdup("(unformattable message)");
	buf = xmalloc((size_t)n + 1);
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	return buf;
}

int diag_vset(diag *d, const char *file, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	char *msg = vformat(fmt, ap);
	char *f = file ? xstrdup(file) : NULL;

	diag_release(d);
	d->severity = DIAG_ERROR;
	d->file = f;
	d->line = line;
	d->col = col;
	d->msg = msg;
	return PG_EINPUT;
}

int diag_set(diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, file, line, col, fmt, ap);
	va_end(ap);
	return PG_EINPUT;
}

int diag_isset(const diag *d)
{
	return d && d->msg != NULL;
}

void diag_release(diag *d)
{
	if (!d)
		return;
	free(d->file);
	free(d->msg);
	d->file = NULL;
	d->msg = NULL;
	d->line = d->col = 0;
}

void diag_move(diag *dst, diag *src)
{
	diag_release(dst);
	*dst = *src;
	src->file = NULL;
	src->msg = NULL;
	src->line = src->col = 0;
}

void diag_print(FILE *out, const diag *d)
{
	static const char *const prefix[] = { "", "warning: ", "note: " };

	if (d->file) {
		fputs(d->file, out);
		if (d->line) {
			fprintf(out, ":%u", d->line);
			if (d->col)
				fprintf(out, ":%u", d->col);
		}
		fputs(": ", out);
	}
	fprintf(out, "%s%s\n", prefix[d->severity], d->msg ? d->msg : "unknown error");
}

void diag_list_init(diag_list *l)
{
	memset(l, 0, sizeof(*l));
}

void diag_list_release(diag_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->count; i++)
		diag_release(&l->items[i]);
	free(l->items);
	diag_list_init(l);
}

void diag_list_add(diag_list *l, diag *d)
{
	XGROW(l->items, l->cap, l->count + 1);
	l->items[l->count] = *d;
	if (d->severity == DIAG_ERROR)
		l->errors++;
	l->count++;
	d->file = NULL;
	d->msg = NULL;
}

void diag_list_addf(diag_list *l, diag_severity sev, const char *file, unsigned line,
		    unsigned col, const char *fmt, ...)
{
	diag d = DIAG_INIT;
	va_list ap;

	va_start(ap, fmt);
	diag_vset(&d, file, line, col, fmt, ap);
	va_end(ap);
	d.severity = sev;
	diag_list_add(l, &d);
}

void diag_list_print(FILE *out, const diag_list *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		diag_print(out, &l->items[i]);
}
