/*
 * arm_params — parameter values: parameters files
 * ({"$schema": ".../deploymentParameters.json#", "parameters": {"x": {"value": V}}}),
 * which file goes with which template, and what parameters('x') gives.
 *
 * A parameters file named "<stem>.parameters.json" (or
 * "<stem>.parameters.<anything>.json") goes with the template "<stem>.json" in
 * the same folder; one with another name goes with every template read after
 * it. Inputs are read in sorted order, which puts "azuredeploy.json" before
 * "azuredeploy.parameters.json": so a template whose own parameters file is
 * beside it reads that file at once (a note says so), and the file, when it
 * comes as an input too, is not read twice.
 *
 * Where the values wait between files: the model has no slot for one format's
 * state, so they are kept in a small table keyed by the model and allocated in
 * the model's arena; an entry is trusted only while the model holds the
 * interned marker made with it (a model freed and another allocated at the
 * same address lacks it). The CLI has one model; the table holds 16.
 */
#include "ingest/arm_internal.h"
#include "base/strci.h"

#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MARKER "\001permgraph:arm-parameters"
#define SLOTS 16

typedef struct pfile {
	const char *path, *dir, *stem;  /* stem NULL: not named after a template */
	const doc_node *params;         /* the "parameters" object, copied into the model's arena */
} pfile;

typedef struct pstate {
	pfile *files;
	size_t n, cap;
	const char **templates;         /* paths of the templates read, for the late warning */
	size_t n_tpl, cap_tpl;
} pstate;

typedef struct slot {
	const model *m;
	const char *marker;
	pstate *s;
} slot;

static slot slots[SLOTS];
static size_t next_slot;

static pstate *state_of(model *m)
{
	const char *mk = model_intern_find(m, MARKER);
	size_t i;
	slot *s;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].m == m && mk && slots[i].marker == mk)
			return slots[i].s;
	for (i = 0; i < SLOTS && slots[i].m != m; i++)
		;
	s = i < SLOTS ? &slots[i] : &slots[next_slot++ % SLOTS];
	s->m = m;
	s->marker = model_intern(m, MARKER);
	s->s = ARENA_NEW(model_arena(m), pstate);
	return s->s;
}

/* Grow an arena array (the model's arena: entries live as long as the model). */
static void *grow(model *m, void *arr, size_t n, size_t *cap, size_t elem)
{
	void *na;

	if (n < *cap)
		return arr;
	*cap = *cap * 2 + 4;
	na = arena_alloc(model_arena(m), *cap * elem);
	if (n)
		memcpy(na, arr, n * elem);
	return na;
}

static const doc_node *copy_tree(model *m, const doc_node *n)
{
	doc_node *c = ARENA_NEW(model_arena(m), doc_node);
	size_t i;

	*c = *n;
	c->file = n->file ? model_intern(m, n->file) : NULL;
	c->offset = 0;
	if (n->str)
		c->str = model_intern(m, n->str);
	if (n->type == DOC_ARRAY || n->type == DOC_OBJECT) {
		c->items = ARENA_ARRAY(model_arena(m), doc_node *, n->len ? n->len : 1);
		c->keys = n->type == DOC_OBJECT ? ARENA_ARRAY(model_arena(m), doc_node *, n->len ? n->len : 1) : NULL;
		for (i = 0; i < n->len; i++) {
			c->items[i] = (doc_node *)copy_tree(m, n->items[i]);
			if (c->keys)
				c->keys[i] = (doc_node *)copy_tree(m, n->keys[i]);
		}
	}
	return c;
}

/* dir and stem of a path: "a/b/x.parameters.dev.json" → "a/b", "x" (want_params); "a/b/x.json" → "a/b", "x". */
static void split_path(model *m, const char *path, int want_params, const char **dir, const char **stem)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path, *cut = NULL, *p;

	*dir = slash ? model_intern_n(m, path, (size_t)(slash - path)) : model_intern(m, ".");
	for (p = base; want_params && *p; p++)
		if (!strncasecmp(p, ".parameters", 11) && (p[11] == '.' || !p[11]))
			cut = p;
	if (!want_params)
		cut = strrchr(base, '.');
	*stem = cut && cut > base ? model_intern_n(m, base, (size_t)(cut - base)) : NULL;
}

int arm_params_detect(const doc_node *root)
{
	const doc_node *schema = doc_get(root, "$schema"), *p = doc_get(root, "parameters");

	return schema && schema->type == DOC_STRING && strci_str(schema->str, "deploymentParameters.json") && p &&
	       p->type == DOC_OBJECT && !doc_get(root, "resources");
}

static int check_shape(ingest_ctx *ic, const doc_node *p)
{
	size_t i;
	int err = 0;

	if (!p || p->type != DOC_OBJECT) {
		const doc_node *at = p ? p : NULL;
		if (at)
			return az_type_error(ic, at, NULL, "'parameters' must be an object of parameter values");
		return PG_EINPUT;
	}
	for (i = 0; i < p->len; i++) {
		const doc_node *v = p->items[i];
		if (v->type == DOC_OBJECT && (doc_get(v, "value") || doc_get(v, "reference")))
			continue;
		diag_list_addf(ic->diags, DIAG_ERROR, v->file, v->line, v->col,
			       "parameter '%s' must be an object with 'value' (or a Key Vault 'reference')",
			       p->keys[i]->str);
		err = PG_EINPUT;
	}
	return err;
}

static pfile *find_file(pstate *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->files[i].path, path))
			return &s->files[i];
	return NULL;
}

static pfile *add_file(model *m, pstate *s, const char *path, const doc_node *params)
{
	pfile *f;

	s->files = grow(m, s->files, s->n, &s->cap, sizeof(*s->files));
	f = &s->files[s->n++];
	f->path = model_intern(m, path);
	split_path(m, path, 1, &f->dir, &f->stem);
	f->params = copy_tree(m, params);
	return f;
}

int arm_params_read(ingest_ctx *ic, const doc_node *root)
{
	pstate *s = state_of(ic->m);
	const doc_node *p = doc_get(root, "parameters");
	const char *dir, *stem;
	size_t i;
	int err;

	if (root->type != DOC_OBJECT)
		return az_type_error(ic, root, NULL, "an ARM parameters file must be an object");
	if (!p) {
		diag_list_addf(ic->diags, DIAG_ERROR, root->file, root->line, root->col,
			       "ARM parameters file has no 'parameters'");
		return PG_EINPUT;
	}
	err = check_shape(ic, p);
	if (find_file(s, ic->path))
		return err;     /* already read beside its template */
	add_file(ic->m, s, ic->path, p);
	split_path(ic->m, ic->path, 1, &dir, &stem);
	for (i = 0; stem && i < s->n_tpl; i++) {
		const char *tdir, *tstem;
		split_path(ic->m, s->templates[i], 0, &tdir, &tstem);
		if (tdir == dir && tstem == stem)
			diag_list_addf(ic->diags, DIAG_WARNING, root->file, root->line, root->col,
				       "parameters file read after its template '%s': its values do not apply (name it "
				       "before the template on the command line)", s->templates[i]);
	}
	return err;
}

static void give(arm_tpl *t, const doc_node *params)
{
	size_t i, k;

	for (i = 0; params && params->type == DOC_OBJECT && i < params->len; i++) {
		const doc_node *v = doc_get(params->items[i], "value");
		const char *name = params->keys[i]->str;
		if (!v)
			continue;       /* a Key Vault reference: the secret stays unknown */
		for (k = 0; k < t->n_given && strcasecmp(t->gnames[k], name); k++)
			;
		if (k == t->n_given) {
			if (t->n_given % 16 == 0) {
				const char **nn = ARENA_ARRAY(&t->f->a, const char *, t->n_given + 16);
				arm_alts *nv = ARENA_ARRAY(&t->f->a, arm_alts, t->n_given + 16);
				if (t->n_given) {
					memcpy(nn, t->gnames, t->n_given * sizeof(*nn));
					memcpy(nv, t->gvals, t->n_given * sizeof(*nv));
				}
				t->gnames = nn;
				t->gvals = nv;
			}
			t->gnames[t->n_given++] = name;
		}
		arm_alts_one(t->f, &t->gvals[k], v);
	}
}

static const doc_node *sibling(arm_tpl *t, pstate *s, const char *dir, const char *stem)
{
	ingest_ctx *ic = t->f->ic;
	strbuf path = STRBUF_INIT;
	diag dg = DIAG_INIT;
	doc *d = NULL;
	pfile *pf;
	const doc_node *r = NULL;

	strbuf_addf(&path, "%s/%s.parameters.json", dir, stem);
	if (access(path.buf, R_OK) != 0)
		goto cleanup;
	if (doc_load_file(&d, path.buf, DOC_FMT_AUTO, &dg) < 0) {
		diag_list_add(ic->diags, &dg);
		goto cleanup;
	}
	if (!arm_params_detect(doc_root(d)) || check_shape(ic, doc_get(doc_root(d), "parameters")) < 0)
		goto cleanup;
	pf = add_file(ic->m, s, path.buf, doc_get(doc_root(d), "parameters"));
	diag_list_addf(ic->diags, DIAG_NOTE, ic->path, 0, 0, "parameter values from '%s' (beside the template)",
		       pf->path);
	r = pf->params;
cleanup:
	doc_free(d);
	diag_release(&dg);
	strbuf_release(&path);
	return r;
}

void arm_params_for_template(arm_tpl *t, const char *path, const doc_node *root)
{
	model *m = t->f->ic->m;
	pstate *s = state_of(m);
	const doc_node *own = NULL;
	const char *dir, *stem;
	size_t i;

	(void)root;
	split_path(m, path, 0, &dir, &stem);
	/* files named after no template apply to every template after them, in order */
	for (i = 0; i < s->n; i++)
		if (!s->files[i].stem)
			give(t, s->files[i].params);
	for (i = s->n; i > 0 && !own; i--)
		if (s->files[i - 1].stem && s->files[i - 1].dir == dir && s->files[i - 1].stem == stem)
			own = s->files[i - 1].params;
	if (!own && stem)
		own = sibling(t, s, dir, stem);
	give(t, own);
	s->templates = grow(m, s->templates, s->n_tpl, &s->cap_tpl, sizeof(*s->templates));
	s->templates[s->n_tpl++] = model_intern(m, path);
}

/* --- parameters('name') ---------------------------------------------------------------------- */

int arm_param_value(arm_tpl *t, const char *name, const doc_node *at, arm_alts *out)
{
	const doc_node *decl = NULL, *dflt, *allowed;
	strbuf sb = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < t->n_given; i++)
		if (!strcasecmp(t->gnames[i], name)) {
			for (k = 0; k < t->gvals[i].n; k++)
				arm_alts_add(t->f, out, t->gvals[i].v[k]);
			return 0;
		}
	for (i = 0; t->pdecl && t->pdecl->type == DOC_OBJECT && i < t->pdecl->len && !decl; i++)
		if (!strcasecmp(t->pdecl->keys[i]->str, name))
			decl = t->pdecl->items[i];
	if (decl && t->pmemo[i - 1]) {
		for (k = 0; k < t->pmemo[i - 1]->n; k++)
			arm_alts_add(t->f, out, t->pmemo[i - 1]->v[k]);
		return 0;
	}
	if (decl && !t->pbusy[i - 1]) {
		arm_alts *memo = ARENA_NEW(&t->f->a, arm_alts);
		t->pbusy[i - 1] = 1;
		dflt = doc_get(decl, "defaultValue");
		allowed = doc_get(decl, "allowedValues");
		if (dflt)
			arm_eval_deep(t, dflt, memo);
		else if (allowed && allowed->type == DOC_ARRAY && allowed->len && allowed->len <= ARM_MAX_ALTS)
			/* not given, no default: the deployer must pick one of these, so each is possible */
			for (k = 0; k < allowed->len; k++)
				arm_alts_add(t->f, memo, allowed->items[k]);
		t->pbusy[i - 1] = 0;
		if (memo->n) {
			t->pmemo[i - 1] = memo;
			for (k = 0; k < memo->n; k++)
				arm_alts_add(t->f, out, memo->v[k]);
			return 0;
		}
	}
	strbuf_addf(&sb, "parameters('%s')", decl ? t->pdecl->keys[i - 1]->str : name);
	arm_alts_add(t->f, out, arm_placeholder(t->f, at, sb.buf));
	strbuf_release(&sb);
	return 0;
}
