/*
 * diag — diagnostics with a place: file, line, column and a message.
 *
 * Every input or usage error becomes one diag printed as
 * "file:line:column: message" (lowercase, no full stop). A diag_list collects
 * the diagnostics of a batch so one bad file does not lose the rest.
 * Ownership: a diag owns copies of its file name and message; diag_list owns
 * its diags; diag_list_release frees them.
 */
#ifndef PG_DIAG_H
#define PG_DIAG_H

#include <stdarg.h>
#include <stdio.h>

enum {
	PG_OK = 0,
	PG_EINPUT = -1,     /* bad input: report and exit 2 */
	PG_EUSAGE = -2,     /* bad command line: exit 2 */
	PG_EINTERNAL = -3,  /* a bug or a system failure: exit 3 */
	PG_ENOTFOUND = -4   /* a lookup found nothing; not an error by itself */
};

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_severity;

typedef struct diag {
	diag_severity severity;
	char *file;         /* NULL when the message has no place */
	unsigned line;      /* 1-based; 0 when unknown */
	unsigned col;       /* 1-based; 0 when unknown */
	char *msg;
} diag;

#define DIAG_INIT { DIAG_ERROR, NULL, 0, 0, NULL }

/* Set d (freeing what it held) and return PG_EINPUT, so callers can write
 * `return diag_set(d, ...)`. */
int diag_set(diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int diag_vset(diag *d, const char *file, unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
/* True when d holds a message. */
int diag_isset(const diag *d);
void diag_release(diag *d);
/* "file:line:col: msg" (omitting what is unknown) followed by a newline. */
void diag_print(FILE *out, const diag *d);
/* Move src's contents into dst (dst released first; src left empty). */
void diag_move(diag *dst, diag *src);

typedef struct diag_list {
	diag *items;
	size_t count, cap;
	size_t errors;
} diag_list;

void diag_list_init(diag_list *l);
void diag_list_release(diag_list *l);
/* Take ownership of d's contents. */
void diag_list_add(diag_list *l, diag *d);
void diag_list_addf(diag_list *l, diag_severity sev, const char *file, unsigned line,
		    unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_list_print(FILE *out, const diag_list *l);

#endif
