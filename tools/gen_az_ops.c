/*
 * gen_az_ops — turn the Azure operations CSV into the C tables behind
 * az_catalog (layout: analyzer/catalog/az_catalog_data.h).
 *
 *   gen_az_ops operations.csv [name-for-the-banner] > az_ops_data.c
 *
 * Input: the AzureServices export (PowerShell Export-Csv): an optional UTF-8
 * BOM, a "#TYPE ..." line, a header row, then RFC 4180 records — every field
 * quoted, doubled quotes inside, and descriptions that hold commas and line
 * breaks, so the file is parsed as CSV rather than split on lines. Only the
 * Operation and IsDataAction columns are kept, found by their header names.
 *
 * The same operation can appear on several rows, in different spellings and
 * with different IsDataAction values (a few providers register one name in
 * both planes): the rows merge case-insensitively, the planes are or'ed and
 * the first spelling in the file is kept. Anything unexpected fails the build
 * rather than producing a table binary search would get wrong.
 *
 * A build tool, not part of the library: it may exit on error.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 32
#define MAX_OP_LEN 512

typedef struct op {
	char *name;
	char *key;              /* lowercase name */
	size_t order;           /* row number, so the first spelling wins */
	unsigned planes;
} op;

static const char *path;
static const char *shown;          /* the source named in the output's banner */
static unsigned long line_no = 1;   /* line the parser is at */
static unsigned long rec_line = 1;  /* line where the current record starts */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gen_az_ops: %s:%lu: ", path, rec_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("gen_az_ops: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static char *read_all(FILE *f, size_t *len)
{
	size_t cap = 1 << 20, n = 0, got;
	char *buf = xrealloc(NULL, cap + 1);

	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, (cap *= 2) + 1);
	}
	if (ferror(f))
		die("read error");
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * Parse one CSV record at *p (end at e) into fields, unquoting in place: each
 * field becomes a NUL-terminated string inside the buffer. Returns the field
 * count and advances *p past the record's line break.
 */
static int parse_record(char **p, char *e, char **fields)
{
	char *s = *p, *w;
	int n = 0;

	for (;;) {
		if (n == MAX_FIELDS)
			die("more than %d fields", MAX_FIELDS);
		fields[n++] = w = s;
		if (s < e && *s == '"') {
			for (s++;; s++) {
				if (s == e)
					die("unterminated quoted field");
				if (*s == '"') {
					if (s + 1 < e && s[1] == '"') {
						*w++ = '"';
						s++;
						continue;
					}
					s++;
					break;
				}
				if (*s == '\n')
					line_no++;
				*w++ = *s;
			}
		} else {
			while (s < e && *s != ',' && *s != '\n' && *s != '\r' && *s != '"')
				*w++ = *s++;
			if (s < e && *s == '"')
				die("quote inside an unquoted field");
		}
		if (s < e && *s == ',') {
			*w = '\0';
			s++;
			continue;
		}
		if (s < e && *s == '\r')
			s++;
		if (s < e && *s != '\n')
			die("junk after a quoted field");
		*w = '\0';
		if (s < e)
			s++;
		line_no++;
		*p = s;
		return n;
	}
}

static int column(char **fields, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(fields[i], name))
			return i;
	die("header has no '%s' column", name);
}

/* Operation names as the catalogue writes them: provider namespace, '/',
 * segments; no wildcard, quote or space (az_catalog relies on that). */
static int valid_op(const char *s)
{
	size_t i;

	if (!strchr(s, '/') || s[0] == '/')
		return 0;
	for (i = 0; s[i]; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("./:_-${}", s[i]))
			return 0;
	return i <= MAX_OP_LEN;
}

static int by_key(const void *pa, const void *pb)
{
	const op *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->order > b->order) - (a->order < b->order);
}

static void put_cstr(const char *s)
{
	/* names are checked to hold only safe characters; escape anyway */
	for (; *s; s++) {
		if (*s == '"' || *s == '\\' || *s == '?')
			putchar('\\');
		putchar(*s);
	}
}

int main(int argc, char **argv)
{
	FILE *f;
	char *buf, *p, *e, *fields[MAX_FIELDS];
	size_t len, nops = 0, cap = 0, i, j, off, ndata = 0;
	op *ops = NULL;
	int nf, hf, c_op, c_data;

	if (argc != 2 && argc != 3) {
		fputs("usage: gen_az_ops operations.csv [shown-name] > az_ops_data.c\n", stderr);
		return 2;
	}
	path = argv[1];
	shown = argc == 3 ? argv[2] : path;
	if (!(f = fopen(path, "rb"))) {
		perror(path);
		return 1;
	}
	buf = read_all(f, &len);
	fclose(f);
	p = buf;
	e = buf + len;
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	if (!strncmp(p, "#TYPE", 5)) {
		p = memchr(p, '\n', (size_t)(e - p));
		if (!p)
			die("no header after the #TYPE line");
		p++;
		line_no++;
	}
	rec_line = line_no;
	hf = parse_record(&p, e, fields);
	c_op = column(fields, hf, "Operation");
	c_data = column(fields, hf, "IsDataAction");

	while (p < e) {
		rec_line = line_no;
		nf = parse_record(&p, e, fields);
		if (nf == 1 && !fields[0][0])
			continue;           /* a blank line */
		if (nf != hf)
			die("%d fields, the header has %d", nf, hf);
		if (!valid_op(fields[c_op]))
			die("malformed operation '%s'", fields[c_op]);
		if (strcmp(fields[c_data], "True") && strcmp(fields[c_data], "False"))
			die("IsDataAction is '%s', not True or False", fields[c_data]);
		if (nops == cap)
			ops = xrealloc(ops, (cap = cap ? cap * 2 : 4096) * sizeof(*ops));
		ops[nops].name = fields[c_op];
		ops[nops].key = xrealloc(NULL, strlen(fields[c_op]) + 1);
		for (i = 0; fields[c_op][i]; i++)
			ops[nops].key[i] = (char)tolower((unsigned char)fields[c_op][i]);
		ops[nops].key[i] = '\0';
		ops[nops].order = nops;
		ops[nops].planes = fields[c_data][0] == 'T' ? 2u : 1u;
		nops++;
	}
	if (!nops)
		die("no operations");
	qsort(ops, nops, sizeof(*ops), by_key);

	/* merge rows of the same operation into the first */
	for (i = 0, j = 0; i < nops; i++) {
		if (j && !strcmp(ops[j - 1].key, ops[i].key)) {
			ops[j - 1].planes |= ops[i].planes;
			free(ops[i].key);
			continue;
		}
		ops[j++] = ops[i];
	}

	printf("/* Generated by tools/gen_az_ops.c from %s. Do not edit. */\n", shown);
	puts("#include \"catalog/az_catalog_data.h\"\n");
	puts("static const char names[] =");
	for (i = 0; i < j; i++) {
		fputs("\t\"", stdout);
		put_cstr(ops[i].name);
		printf("\\0\"%s\n", i == j - 1 ? ";" : "");
	}
	printf("\nstatic const uint32_t name[%zu] = {\n", j);
	for (i = 0, off = 0; i < j; i++) {
		printf("%s%zu,", i % 8 ? " " : "\t", off);
		if (i % 8 == 7 || i == j - 1)
			putchar('\n');
		off += strlen(ops[i].name) + 1;
	}
	if (off > UINT32_MAX)
		die("name pool exceeds 4 GiB");
	printf("};\n\nstatic const uint8_t planes[%zu] = {\n", j);
	for (i = 0; i < j; i++) {
		ndata += (ops[i].planes & 2u) != 0;
		printf("%s%u,", i % 16 ? " " : "\t", ops[i].planes);
		if (i % 16 == 15 || i == j - 1)
			putchar('\n');
	}
	puts("};\n");
	puts("const az_ops_tables az_ops_generated = {");
	printf("\tnames, name, planes, %zu, %zu\n};\n", j, ndata);
	for (i = 0; i < j; i++)
		free(ops[i].key);
	free(ops);
	free(buf);
	if (fflush(stdout) || ferror(stdout)) {
		perror("gen_az_ops: stdout");
		return 1;
	}
	return 0;
}
