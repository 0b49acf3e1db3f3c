/*
 * strbuf — a growable, always NUL-terminated byte buffer.
 *
 * Invariant: buf[len] == '\0' and buf is never NULL after strbuf_init (it
 * points at a shared empty string until the first write). Ownership: the
 * strbuf owns buf; strbuf_detach hands it to the caller.
 */
#ifndef PG_STRBUF_H
#define PG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
} strbuf;

extern char strbuf_empty[];
#define STRBUF_INIT { strbuf_empty, 0, 0 }

void strbuf_init(strbuf *sb);
void strbuf_release(strbuf *sb);
void strbuf_reset(strbuf *sb);
char *strbuf_detach(strbuf *sb, size_t *len);

void strbuf_add(strbuf *sb, const void *data, size_t len);
void strbuf_addstr(strbuf *sb, const char *s);
void strbuf_addch(strbuf *sb, int c);
void strbuf_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Read a whole file; returns 0, or -1 with errno set. */
int strbuf_read_file(strbuf *sb, const char *path, size_t max_size);

#endif
