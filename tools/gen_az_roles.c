/*
 * gen_az_roles — turn the built-in role definitions (`az role definition
 * list` JSON) into the C tables behind az_catalog (layout:
 * analyzer/catalog/az_catalog_data.h).
 *
 *   gen_az_roles azure-built-in-roles.json [name-for-the-banner] > az_roles_data.c
 *
 * Input: an array of role-definition objects: name (the GUID), roleName,
 * roleType, assignableScopes[], permissions[] of {actions, notActions,
 * dataActions, notDataActions, condition, conditionVersion}; other members
 * (description, type, id) are ignored. A missing or null pattern list is
 * empty; a value of the wrong type fails the build, as does a duplicate GUID
 * or role name, so a corrupt data file never compiles into a wrong table.
 *
 * Strings are deduplicated into one pool: the 11,066 patterns of the 928
 * roles are only ~5,100 distinct strings.
 *
 * A build tool, not part of the library: it may exit on error.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *path;
static const char *shown;          /* the source named in the output's banner */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gen_az_roles: %s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* A growable uint32 array. */
typedef struct u32vec { uint32_t *v; size_t n, cap; } u32vec;

static size_t push(u32vec *a, uint32_t x)
{
	if (a->n == a->cap)
		a->v = xrealloc(a->v, (a->cap = a->cap ? a->cap * 2 : 1024) * sizeof(*a->v));
	a->v[a->n] = x;
	return a->n++;
}

/* --- the string pool: open addressing over offsets --------------------------- */

static char *pool;
static size_t pool_len, pool_cap;
static uint32_t *slots;         /* offset + 1; 0 is empty */
static size_t nslots = 1 << 15, nstrings;

static size_t hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static uint32_t intern(const char *s)
{
	size_t i = hash(s) & (nslots - 1), len = strlen(s);

	if (!slots)
		slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		die("out of memory");
	for (; slots[i]; i = (i + 1) & (nslots - 1))
		if (!strcmp(pool + slots[i] - 1, s))
			return slots[i] - 1;
	if (++nstrings > nslots / 2)
		die("more than %zu distinct strings: enlarge nslots", nslots / 2);
	if (pool_len + len + 1 > UINT32_MAX - 1)
		die("string pool exceeds 4 GiB");
	while (pool_len + len + 1 > pool_cap)
		pool = xrealloc(pool, pool_cap = pool_cap ? pool_cap * 2 : 1 << 16);
	memcpy(pool + pool_len, s, len + 1);
	slots[i] = (uint32_t)pool_len + 1;
	pool_len += len + 1;
	return slots[i] - 1;
}

/* --- reading -------------------------------------------------------------- */

enum { PL_ACTIONS, PL_NOT_ACTIONS, PL_DATA_ACTIONS, PL_NOT_DATA_ACTIONS, PL_N };
static const char *const list_keys[PL_N] = { "actions", "notActions", "dataActions", "notDataActions" };

typedef struct perm { uint32_t first[PL_N], count[PL_N], condition; } perm;
typedef struct role {
	char guid[37];
	char *lname;                /* lowercase roleName, for by_name */
	uint32_t name, perm_first, n_perms, scope_first, n_scopes;
} role;

static u32vec refs;
static perm *perms;
static size_t nperms, perms_cap;

static const char *str_member(json_t *o, const char *key, size_t i, int required)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v)) {
		if (required)
			die("role %zu: no '%s'", i, key);
		return NULL;
	}
	if (!json_is_string(v))
		die("role %zu: '%s' is not a string", i, key);
	return json_string_value(v);
}

/* Append the strings of o[key] (an array of strings, or missing/null) to refs. */
static void str_list(json_t *o, const char *key, size_t i, uint32_t *first, uint32_t *count)
{
	json_t *arr = json_object_get(o, key), *v;
	size_t k;

	*first = (uint32_t)refs.n;
	*count = 0;
	if (!arr || json_is_null(arr))
		return;
	if (!json_is_array(arr))
		die("role %zu: '%s' is not an array", i, key);
	json_array_foreach(arr, k, v) {
		if (!json_is_string(v) || !json_string_length(v))
			die("role %zu: %s[%zu] is not a non-empty string", i, key, k);
		if (strlen(json_string_value(v)) != json_string_length(v))
			die("role %zu: %s[%zu] holds a NUL", i, key, k);
		push(&refs, intern(json_string_value(v)));
		(*count)++;
	}
}

static int is_guid(const char *s)
{
	size_t i;

	for (i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return 0;
	return s[36] == '\0';
}

static void read_role(json_t *o, size_t i, role *r)
{
	const char *guid, *name, *type, *cond;
	json_t *blocks, *b;
	size_t k, l;

	if (!json_is_object(o))
		die("role %zu is not an object", i);
	guid = str_member(o, "name", i, 1);
	name = str_member(o, "roleName", i, 1);
	type = str_member(o, "roleType", i, 1);
	if (!is_guid(guid))
		die("role %zu: name '%s' is not a GUID", i, guid);
	if (!*name)
		die("role %zu: empty roleName", i);
	if (strcmp(type, "BuiltInRole"))
		die("role %zu ('%s'): roleType '%s', not BuiltInRole", i, name, type);
	for (k = 0; k < 37; k++)
		r->guid[k] = (char)tolower((unsigned char)guid[k]);
	r->name = intern(name);
	l = strlen(name);
	r->lname = xrealloc(NULL, l + 1);
	for (k = 0; k <= l; k++)
		r->lname[k] = (char)tolower((unsigned char)name[k]);

	blocks = json_object_get(o, "permissions");
	if (!json_is_array(blocks))
		die("role %zu ('%s'): permissions is not an array", i, name);
	r->perm_first = (uint32_t)nperms;
	r->n_perms = 0;
	json_array_foreach(blocks, k, b) {
		perm *p;

		if (!json_is_object(b))
			die("role %zu ('%s'): permissions[%zu] is not an object", i, name, k);
		if (nperms == perms_cap)
			perms = xrealloc(perms, (perms_cap = perms_cap ? perms_cap * 2 : 1024) * sizeof(*perms));
		p = &perms[nperms++];
		for (l = 0; l < PL_N; l++)
			str_list(b, list_keys[l], i, &p->first[l], &p->count[l]);
		cond = str_member(b, "condition", i, 0);
		p->condition = cond && *cond ? intern(cond) : UINT32_MAX;
		r->n_perms++;
	}
	str_list(o, "assignableScopes", i, &r->scope_first, &r->n_scopes);
}

/* --- writing -------------------------------------------------------------- */

static role *roles;

static int by_guid(const void *a, const void *b)
{
	return strcmp(((const role *)a)->guid, ((const role *)b)->guid);
}

static int by_lname(const void *a, const void *b)
{
	return strcmp(roles[*(const uint16_t *)a].lname, roles[*(const uint16_t *)b].lname);
}

/* The pool as adjacent literals, one string a line; C escapes for '"', '\\',
 * '?' (no trigraphs) and anything outside printable ASCII (UTF-8 bytes as
 * octal, which cannot run into a following digit). */
static void put_pool(void)
{
	size_t i;
	int open = 0;

	for (i = 0; i < pool_len; i++) {
		unsigned char c = (unsigned char)pool[i];

		if (!open) {
			fputs("\t\"", stdout);
			open = 1;
		}
		if (c == '\0') {
			fputs("\\0\"\n", stdout);
			open = 0;
		} else if (c == '"' || c == '\\' || c == '?') {
			printf("\\%c", c);
		} else if (c < 0x20 || c >= 0x7f) {
			printf("\\%03o", c);
		} else {
			putchar(c);
		}
	}
}

static void put_u32s(const uint32_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%s%lu,%s", i % 8 ? " " : "\t", (unsigned long)v[i], i % 8 == 7 || i == n - 1 ? "\n" : "");
}

int main(int argc, char **argv)
{
	json_error_t err;
	json_t *doc, *o;
	size_t n, i, l;
	uint16_t *by_name;

	if (argc != 2 && argc != 3) {
		fputs("usage: gen_az_roles built-in-roles.json [shown-name] > az_roles_data.c\n", stderr);
		return 2;
	}
	path = argv[1];
	shown = argc == 3 ? argv[2] : path;
	doc = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (!doc)
		die("%d:%d: %s", err.line, err.column, err.text);
	if (!json_is_array(doc) || !(n = json_array_size(doc)))
		die("not a non-empty array of role definitions");
	if (n > UINT16_MAX)
		die("more than %u roles: widen az_roles_tables.by_name", UINT16_MAX);
	roles = xrealloc(NULL, n * sizeof(*roles));
	json_array_foreach(doc, i, o)
		read_role(o, i, &roles[i]);
	json_decref(doc);

	qsort(roles, n, sizeof(*roles), by_guid);
	by_name = xrealloc(NULL, n * sizeof(*by_name));
	for (i = 0; i < n; i++) {
		if (i && !strcmp(roles[i - 1].guid, roles[i].guid))
			die("duplicate role GUID %s", roles[i].guid);
		by_name[i] = (uint16_t)i;
	}
	qsort(by_name, n, sizeof(*by_name), by_lname);
	for (i = 1; i < n; i++)
		if (!strcmp(roles[by_name[i - 1]].lname, roles[by_name[i]].lname))
			die("duplicate role name '%s'", roles[by_name[i]].lname);

	printf("/* Generated by tools/gen_az_roles.c from %s. Do not edit. */\n", shown);
	puts("#include \"catalog/az_catalog_data.h\"\n");
	/* the GUIDs join the pool before it is written */
	for (i = 0; i < n; i++)
		(void)intern(roles[i].guid);
	puts("static const char strs[] =");
	put_pool();
	puts("\t;\n");
	printf("static const uint32_t refs[%zu] = {\n", refs.n ? refs.n : 1);
	put_u32s(refs.v, refs.n);
	puts(refs.n ? "};\n" : "\t0\n};\n");
	if (!nperms)
		die("no permission blocks at all");
	printf("static const az_roles_perm perms[%zu] = {\n", nperms);
	for (i = 0; i < nperms; i++) {
		printf("\t{ {");
		for (l = 0; l < PL_N; l++)
			printf(" %lu,", (unsigned long)perms[i].first[l]);
		printf(" }, {");
		for (l = 0; l < PL_N; l++)
			printf(" %lu,", (unsigned long)perms[i].count[l]);
		if (perms[i].condition == UINT32_MAX)
			puts(" }, AZ_ROLES_NONE },");
		else
			printf(" }, %lu },\n", (unsigned long)perms[i].condition);
	}
	printf("};\n\nstatic const az_roles_role roles[%zu] = {\n", n);
	for (i = 0; i < n; i++)
		printf("\t{ %lu, %lu, %lu, %lu, %lu, %lu },\n", (unsigned long)intern(roles[i].guid),
		       (unsigned long)roles[i].name, (unsigned long)roles[i].perm_first,
		       (unsigned long)roles[i].n_perms, (unsigned long)roles[i].scope_first,
		       (unsigned long)roles[i].n_scopes);
	printf("};\n\nstatic const uint16_t by_name[%zu] = {\n", n);
	for (i = 0; i < n; i++)
		printf("%s%u,%s", i % 12 ? " " : "\t", (unsigned)by_name[i], i % 12 == 11 || i == n - 1 ? "\n" : "");
	puts("};\n");
	puts("const az_roles_tables az_roles_generated = {");
	printf("\tstrs, refs, perms, roles, by_name, %zu\n};\n", n);

	for (i = 0; i < n; i++)
		free(roles[i].lname);
	free(roles);
	free(by_name);
	free(perms);
	free(refs.v);
	free(slots);
	free(pool);
	if (fflush(stdout) || ferror(stdout)) {
		perror("gen_az_roles: stdout");
		return 1;
	}
	return 0;
}
