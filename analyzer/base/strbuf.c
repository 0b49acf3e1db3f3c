/* strbuf — growable strings. */
#include "base/strbuf.h"
#include "base/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char strbuf_empty[1];

void strbuf_init(strbuf *sb)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->cap = 0;
}

void strbuf_release(strbuf *sb)
{
	if (!sb)
		return;
	if (sb->cap)
		free(sb->buf);
	strbuf_init(sb);
}

void strbuf_reset(strbuf *sb)
{
	sb->len = 0;
	if (sb->cap)
		sb->buf[0] = '\0';
}

char *strbuf_detach(strbuf *sb, size_t *len)
{
	char *r = sb->cap ? sb->buf : xstrdup("");

	if (len)
		*len = sb->len;
	strbuf_init(sb);
	return r;
}

static void grow(strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	size_t n;

	if (need <= sb->cap)
		return;
	n = sb->cap ? sb->cap : 64;
	while (n < need)
		n *= 2;
	if (!sb->cap) {
		sb->buf = xmalloc(n);
		sb->buf[0] = '\0';
	} else {
		sb->buf = xrealloc(sb->buf, n);
	}
	sb->cap = n;
}

void strbuf_add(strbuf *sb, const void *data, size_t len)
{
	grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(strbuf *sb, int c)
{
	char ch = (char)c;
	strbuf_add(sb, &ch, 1);
}

void strbuf_vaddf(strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_addf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

int strbuf_read_file(strbuf *sb, const char *path, size_t max_size)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int err = 0;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (sb->len + n > max_size) {
			errno = EFBIG;
			err = -1;
			break;
		}
		strbuf_add(sb, chunk, n);
	}
	if (!err && ferror(f)) {
		errno = EIO;
		err = -1;
	}
	fclose(f);
	return err;
}
