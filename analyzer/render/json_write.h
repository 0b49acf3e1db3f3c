/*
 * json_write — JSON written straight to a stream, byte for byte as jansson's
 * json_dumpf(JSON_INDENT(2) | JSON_SORT_KEYS) writes it, for the parts of an
 * output too large to hold as a jansson tree (scan's access list: hundreds
 * of thousands of entries, each with its action list). Callers write keys in
 * sorted order themselves.
 *
 * Strings are escaped as jansson does (\" \\ \b \f \n \r \t, other control
 * characters as \u00XX); bytes that are not UTF-8 become U+FFFD, where
 * jansson would refuse the string.
 *
 * Ownership: nothing is kept; every call writes to `out`.
 */
#ifndef PG_RENDER_JSON_WRITE_H
#define PG_RENDER_JSON_WRITE_H

#include <stdio.h>

/* A quoted, escaped string; NULL writes null. */
void jw_string(FILE *out, const char *s);
/* `"key": ` at the given indent (spaces), after a newline. */
void jw_key(FILE *out, int indent, const char *key);
/* An array of strings whose opening bracket is at `indent` ("[]" when empty). */
void jw_strings(FILE *out, int indent, const char *const *s, size_t n);

#endif
