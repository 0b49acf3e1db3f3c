/*
 * gen_aws_privesc — turn pathfinding.cloud's privilege-escalation paths
 * (one YAML file each) into the C table behind aws_privesc (layout:
 * analyzer/catalog/aws_privesc_data.h).
 *
 *   gen_aws_privesc paths/iam/iam-001.yaml ... > aws_privesc_data.c
 *
 * Input: a mapping per file (pathfinding.cloud's SCHEMA.md, 1.6.0) of which
 * only these keys are read: id, name, category, parent.id, services,
 * permissions.required[] / .additional[] {permission, resourceConstraints},
 * prerequisites (tabs {admin, lateral} of strings, or a legacy list of
 * strings or {condition} mappings) and recommendation. The rest (description,
 * exploitation steps, references, visualisations …) is ignored, duplicates
 * included — one source file repeats learningEnvironments.
 *
 * The generator copies text, it does not interpret it, with one exception:
 * the "x.amazonaws.com" service principals named by the PassRole constraint
 * and the prerequisites of a PassRole-category path. Any shape it does not
 * expect — a YAML error, a missing or mistyped key read, a duplicate of one,
 * an unknown category, an action that is not "service:Action", an id that
 * differs from its file's name or repeats — fails the build with
 * file:line:col, so a corrupt path never compiles into a wrong table.
 *
 * A build tool, not part of the library: it may exit on error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_SP 4

static const char *path;

static void die_at(const yaml_mark_t *m, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void die(const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

static void vdie(const yaml_mark_t *m, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0), noreturn));

/* path:line:col: message (libyaml marks are 0-based). */
static void vdie(const yaml_mark_t *m, const char *fmt, va_list ap)
{
	fprintf(stderr, "gen_aws_privesc: %s", path);
	if (m)
		fprintf(stderr, ":%lu:%lu", (unsigned long)m->line + 1, (unsigned long)m->column + 1);
	fputs(": ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	exit(1);
}

static void die_at(const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(m, fmt, ap);
}

/* At node n (NULL: the file). */
static void die(const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(n ? &n->start_mark : NULL, fmt, ap);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(NULL, "out of memory");
	return p;
}

/* A growable list of strings (owned). */
typedef struct strvec { char **v; size_t n; } strvec;

static void strvec_push(strvec *a, char *s)
{
	a->v = xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	a->v[a->n++] = s;
}

typedef struct perm { char *action, *constraint; } perm;
typedef struct permvec { perm *v; size_t n; } permvec;

typedef struct tech {
	const char *file;
	char *id, *name, *parent, *recommendation;
	const char *category;           /* the enum constant */
	strvec services, prereqs, sps;
	permvec required, additional;
} tech;

/* --- reading ---------------------------------------------------------------- */

static yaml_document_t doc;

static yaml_node_t *node(yaml_node_item_t i)
{
	return yaml_document_get_node(&doc, i);
}

static int is_null(const yaml_node_t *n)
{
	const char *v;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	v = (const char *)n->data.scalar.value;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

/* The value of key in mapping m, or NULL; a key given twice is an error. */
static yaml_node_t *member(yaml_node_t *m, const char *key)
{
	yaml_node_pair_t *p;
	yaml_node_t *found = NULL, *k;

	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		k = node(p->key);
		if (k->type != YAML_SCALAR_NODE || strcmp((const char *)k->data.scalar.value, key))
			continue;
		if (found)
			die(k, "duplicate key '%s'", key);
		found = node(p->value);
	}
	return found && !is_null(found) ? found : NULL;
}

static yaml_node_t *need(yaml_node_t *m, const char *key, yaml_node_type_t type, const char *what)
{
	yaml_node_t *v = member(m, key);

	if (!v)
		die(m, "no '%s'", key);
	if (v->type != type)
		die(v, "'%s' is not %s", key, what);
	return v;
}

/* A copy of a scalar's text without trailing white space (block scalars end
 * in a newline); empty or NUL-holding text is an error. */
static char *text(yaml_node_t *n, const char *what)
{
	size_t len;
	char *s;

	if (n->type != YAML_SCALAR_NODE)
		die(n, "%s is not a string", what);
	len = n->data.scalar.length;
	if (strlen((const char *)n->data.scalar.value) != len)
		die(n, "%s holds a NUL", what);
	while (len && strchr(" \t\r\n", n->data.scalar.value[len - 1]))
		len--;
	if (!len)
		die(n, "%s is empty", what);
	s = xrealloc(NULL, len + 1);
	memcpy(s, n->data.scalar.value, len);
	s[len] = '\0';
	return s;
}

static char *text_member(yaml_node_t *m, const char *key)
{
	yaml_node_t *v = member(m, key);

	if (!v)
		die(m, "no '%s'", key);
	return text(v, key);
}

#define LOWER "abcdefghijklmnopqrstuvwxyz0123456789-"
#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/* 1 when s[0..n) is not empty and all in set. */
static int all_in(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return 0;
	return n > 0;
}

/* "service:Action": service [a-z0-9-]+, action [A-Za-z0-9]+ (no wildcards). */
static int action_ok(const char *s)
{
	const char *c = strchr(s, ':');

	return c && all_in(s, (size_t)(c - s), LOWER) && all_in(c + 1, strlen(c + 1), ALNUM);
}

static void read_perms(yaml_node_t *list, const char *what, permvec *out, int required)
{
	yaml_node_item_t *i;
	size_t k;

	if (list->type != YAML_SEQUENCE_NODE)
		die(list, "permissions.%s is not a list", what);
	for (i = list->data.sequence.items.start; i < list->data.sequence.items.top; i++) {
		yaml_node_t *item = node(*i), *c;
		perm p;

		if (item->type != YAML_MAPPING_NODE)
			die(item, "a permission is not a mapping");
		p.action = text_member(item, "permission");
		if (!action_ok(p.action))
			die(item, "'%s' is not service:Action", p.action);
		for (k = 0; required && k < out->n; k++)
			if (!strcmp(out->v[k].action, p.action))
				die(item, "'%s' is required twice", p.action);
		c = member(item, "resourceConstraints");
		p.constraint = c ? text(c, "resourceConstraints") : NULL;
		out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
		out->v[out->n++] = p;
	}
	if (required && !out->n)
		die(list, "no required permission");
}

static void read_strings(yaml_node_t *list, const char *what, strvec *out)
{
	yaml_node_item_t *i;

	if (list->type != YAML_SEQUENCE_NODE)
		die(list, "%s is not a list", what);
	for (i = list->data.sequence.items.start; i < list->data.sequence.items.top; i++) {
		yaml_node_t *item = node(*i);

		/* legacy prerequisites: {condition, type} */
		if (item->type == YAML_MAPPING_NODE && !strcmp(what, "prerequisites"))
			strvec_push(out, text_member(item, "condition"));
		else
			strvec_push(out, text(item, what));
	}
}

/* The edge's conditions: the "lateral" tab (the "admin" one adds that the
 * target is an administrator, which the graph computes), else "admin", or
 * the legacy list. The "admin" tab goes to *admin for find_sps. */
static void read_prereqs(yaml_node_t *root, strvec *out, strvec *admin)
{
	yaml_node_t *p = member(root, "prerequisites"), *tab;
	yaml_node_pair_t *q;

	if (!p)
		return;
	if (p->type == YAML_SEQUENCE_NODE) {
		read_strings(p, "prerequisites", out);
		return;
	}
	if (p->type != YAML_MAPPING_NODE)
		die(p, "prerequisites is neither a list nor {admin, lateral}");
	for (q = p->data.mapping.pairs.start; q < p->data.mapping.pairs.top; q++) {
		yaml_node_t *k = node(q->key);

		if (k->type != YAML_SCALAR_NODE || (strcmp((const char *)k->data.scalar.value, "admin") &&
						    strcmp((const char *)k->data.scalar.value, "lateral")))
			die(k, "prerequisites tab is neither 'admin' nor 'lateral'");
	}
	if ((tab = member(p, "admin")))
		read_strings(tab, "prerequisites", admin);
	if ((tab = member(p, "lateral")))
		read_strings(tab, "prerequisites", out);
	else if ((tab = member(p, "admin")))
		read_strings(tab, "prerequisites", out);
}

static const char *const categories[][2] = {
	{ "self-escalation", "PRIVESC_CAT_SELF_ESCALATION" },
	{ "principal-access", "PRIVESC_CAT_PRINCIPAL_ACCESS" },
	{ "new-passrole", "PRIVESC_CAT_NEW_PASSROLE" },
	{ "existing-passrole", "PRIVESC_CAT_EXISTING_PASSROLE" },
	{ "credential-access", "PRIVESC_CAT_CREDENTIAL_ACCESS" },
};

/* Append the service principals ("tasks.apprunner.amazonaws.com") in s. */
static void find_sps(const char *s, strvec *out)
{
	static const char suffix[] = ".amazonaws.com";
	const char *hit, *b;
	size_t k, len;
	char *sp;

	for (; s && (hit = strstr(s, suffix)); s = hit + sizeof(suffix) - 1) {
		for (b = hit; b > s && strchr(LOWER ".", b[-1]); b--)
			;
		len = (size_t)(hit - b) + sizeof(suffix) - 1;
		/* a whole name, not "x.amazonaws.community" */
		if (b == hit || (b[len] && strchr(ALNUM "-", b[len])))
			continue;
		for (k = 0; k < out->n; k++)
			if (strlen(out->v[k]) == len && !strncmp(out->v[k], b, len))
				break;
		if (k < out->n)
			continue;
		if (out->n == MAX_SP)
			die(NULL, "more than %d service principals", MAX_SP);
		sp = xrealloc(NULL, len + 1);
		memcpy(sp, b, len);
		sp[len] = '\0';
		strvec_push(out, sp);
	}
}

static void read_file(tech *t)
{
	yaml_parser_t parser;
	yaml_node_t *root, *v, *perms;
	const char *base, *dot;
	char *category;
	FILE *f;
	strvec admin = { NULL, 0 };
	size_t k;
	int more;

	if (!(f = fopen(path, "rb")))
		die(NULL, "%s", strerror(errno));
	if (!yaml_parser_initialize(&parser))
		die(NULL, "out of memory");
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc))
		die_at(&parser.problem_mark, "%s", parser.problem ? parser.problem : "YAML error");
	root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE)
		die(root, "not a mapping");

	memset(t, 0, sizeof(*t));
	t->id = text_member(root, "id");
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || strcmp(dot, ".yaml") || strlen(t->id) != (size_t)(dot - base) || strncmp(base, t->id, strlen(t->id)))
		die(member(root, "id"), "id '%s' differs from the file name", t->id);
	if (!all_in(t->id, strlen(t->id), LOWER))
		die(member(root, "id"), "id '%s' is not lowercase letters, digits and '-'", t->id);
	t->name = text_member(root, "name");
	category = text_member(root, "category");
	for (k = 0; k < sizeof(categories) / sizeof(categories[0]); k++)
		if (!strcmp(category, categories[k][0]))
			t->category = categories[k][1];
	if (!t->category)
		die(member(root, "category"), "unknown category '%s'", category);
	free(category);
	if ((v = member(root, "parent"))) {
		/* 1.6.0: {id, modification}; before: the id itself */
		t->parent = v->type == YAML_MAPPING_NODE ? text_member(v, "id") : text(v, "parent");
	}
	read_strings(need(root, "services", YAML_SEQUENCE_NODE, "a list"), "services", &t->services);
	if (!t->services.n)
		die(root, "no services");
	perms = need(root, "permissions", YAML_MAPPING_NODE, "a mapping");
	v = member(perms, "required");
	if (!v)
		die(perms, "no 'required'");
	read_perms(v, "required", &t->required, 1);
	if ((v = member(perms, "additional")))
		read_perms(v, "additional", &t->additional, 0);
	read_prereqs(root, &t->prereqs, &admin);
	t->recommendation = text_member(root, "recommendation");

	if (!strcmp(t->category, "PRIVESC_CAT_NEW_PASSROLE") || !strcmp(t->category, "PRIVESC_CAT_EXISTING_PASSROLE")) {
		for (k = 0; k < t->required.n; k++)
			if (!strcmp(t->required.v[k].action, "iam:PassRole"))
				find_sps(t->required.v[k].constraint, &t->sps);
		for (k = 0; k < t->prereqs.n; k++)
			find_sps(t->prereqs.v[k], &t->sps);
		for (k = 0; k < admin.n; k++)
			find_sps(admin.v[k], &t->sps);
	}
	for (k = 0; k < admin.n; k++)
		free(admin.v[k]);
	free(admin.v);
	yaml_document_delete(&doc);
	if (!yaml_parser_load(&parser, &doc))
		die_at(&parser.problem_mark, "%s", parser.problem ? parser.problem : "YAML error");
	more = yaml_document_get_root_node(&doc) != NULL;
	yaml_document_delete(&doc);
	if (more)
		die(NULL, "more than one YAML document");
	yaml_parser_delete(&parser);
	fclose(f);
}

/* --- writing ---------------------------------------------------------------- */

/* s as a C string literal: escapes for '"', '\\', '?' (no trigraphs) and
 * anything outside printable ASCII (UTF-8 bytes as three-digit octal, which
 * cannot run into a following digit); NULL as NULL. */
static void put_str(const char *s)
{
	if (!s) {
		fputs("NULL", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\' || c == '?')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* static const char *const NAME_i[] = { ... };  (nothing when empty) */
static void put_strvec(const char *name, size_t i, const strvec *a)
{
	size_t k;

	if (!a->n)
		return;
	printf("static const char *const %s_%zu[] = {\n", name, i);
	for (k = 0; k < a->n; k++) {
		putchar('\t');
		put_str(a->v[k]);
		puts(",");
	}
	puts("};");
}

static void put_perms(const char *name, size_t i, const permvec *a)
{
	size_t k;

	if (!a->n)
		return;
	printf("static const aws_privesc_perm %s_%zu[] = {\n", name, i);
	for (k = 0; k < a->n; k++) {
		printf("\t{ ");
		put_str(a->v[k].action);
		printf(", PRIVESC_RES_UNKNOWN, ");
		put_str(a->v[k].constraint);
		puts(" },");
	}
	puts("};");
}

static void put_ref(const char *field, const char *name, size_t i, size_t n)
{
	if (n)
		printf("\t\t.%s = %s_%zu, .n_%s = %zu,\n", field, name, i, field, n);
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const tech *)a)->id, ((const tech *)b)->id);
}

int main(int argc, char **argv)
{
	tech *t;
	size_t n = (size_t)argc - 1, i, nreq = 0;

	if (argc < 2) {
		fputs("usage: gen_aws_privesc path.yaml... > aws_privesc_data.c\n", stderr);
		return 2;
	}
	t = xrealloc(NULL, n * sizeof(*t));
	for (i = 0; i < n; i++) {
		path = argv[i + 1];
		read_file(&t[i]);
		t[i].file = path;
		nreq += t[i].required.n;
	}
	qsort(t, n, sizeof(*t), by_id);
	for (i = 1; i < n; i++)
		if (!strcmp(t[i - 1].id, t[i].id)) {
			path = t[i].file;
			die(NULL, "duplicate id '%s' (also in %s)", t[i].id, t[i - 1].file);
		}

	printf("/* Generated by tools/gen_aws_privesc.c from %zu pathfinding.cloud paths. Do not edit. */\n", n);
	puts("#include \"catalog/aws_privesc_data.h\"\n");
	printf("_Static_assert(%zu <= AWS_PRIVESC_MAX_GENERATED, \"raise AWS_PRIVESC_MAX_GENERATED\");\n", n);
	printf("_Static_assert(%zu <= AWS_PRIVESC_MAX_GENERATED_REQUIRED, "
	       "\"raise AWS_PRIVESC_MAX_GENERATED_REQUIRED\");\n\n", nreq);
	for (i = 0; i < n; i++) {
		printf("/* %s */\n", t[i].id);
		put_strvec("svc", i, &t[i].services);
		put_perms("req", i, &t[i].required);
		put_perms("add", i, &t[i].additional);
		put_strvec("sp", i, &t[i].sps);
		put_strvec("pre", i, &t[i].prereqs);
	}
	printf("\nconst size_t aws_privesc_generated_count = %zu;\n\n", n);
	printf("const aws_privesc_technique aws_privesc_generated[%zu] = {\n", n);
	for (i = 0; i < n; i++) {
		printf("\t{\n\t\t.id = ");
		put_str(t[i].id);
		printf(", .name = ");
		put_str(t[i].name);
		printf(",\n\t\t.category = %s, .parent = ", t[i].category);
		put_str(t[i].parent);
		puts(",");
		put_ref("services", "svc", i, t[i].services.n);
		put_ref("required", "req", i, t[i].required.n);
		put_ref("additional", "add", i, t[i].additional.n);
		put_ref("service_principals", "sp", i, t[i].sps.n);
		put_ref("prerequisites", "pre", i, t[i].prereqs.n);
		printf("\t\t.recommendation = ");
		put_str(t[i].recommendation);
		puts(",\n\t\t.source = \"pathfinding.cloud\",\n\t},");
	}
	puts("};");
	if (fflush(stdout) || ferror(stdout)) {
		perror("gen_aws_privesc: stdout");
		return 1;
	}
	return 0;
}
