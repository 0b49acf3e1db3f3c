/*
 * cfn_intrinsic — the string and list intrinsics of CloudFormation: Fn::Sub
 * (both forms; ${Param}, ${AWS::Pseudo}, ${Resource}, ${Resource.Attr},
 * ${!Literal}), Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap and
 * Fn::ImportValue. Each works on every alternative of its arguments (see
 * cfn_eval.c); a value it cannot know becomes a placeholder (cfn.h).
 */
#include "ingest/cfn_internal.h"
#include "base/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* --- Fn::Sub, Fn::Join ----------------------------------------------------------- */

static int build_concat(cfn_ctx *c, void *arg, const cfn_alt *const *picks, size_t k, const cfn_guard *g,
			unsigned flags, cfn_alts *out)
{
	const doc_node *at = arg;
	strbuf sb = STRBUF_INIT;
	size_t i;
	int err;

	for (i = 0; i < k; i++)
		strbuf_add(&sb, picks[i]->n->str, picks[i]->n->len);
	if (sb.len > CFN_MAX_STR) {
		cfn_error(c, at, "value longer than %d characters", CFN_MAX_STR);
		strbuf_release(&sb);
		return PG_EINPUT;
	}
	err = cfn_push(c, out, at, cfn_str(c, at, sb.buf, sb.len), g, flags);
	strbuf_release(&sb);
	return err;
}

/* One ${name} of a Fn::Sub: its own variables first, then Ref (or GetAtt for Res.Attr). */
static int sub_var(cfn_ctx *c, const doc_node *at, const doc_node *vars, const char *name, cfn_alts *out)
{
	const doc_node *v = doc_get(vars, name);
	const char *dot = strchr(name, '.');
	char ph[256];
	cfn_res *r;
	size_t i;

	if (v) {
		if (cfn_eval(c, v, out) < 0)
			return PG_EINPUT;
	} else if (dot && dot != name && dot[1]) {
		char id[256];
		snprintf(id, sizeof(id), "%.*s", (int)(dot - name), name);
		if (!(r = cfn_find_res(c, id))) {
			cfn_error(c, at, "'${%s}' in 'Fn::Sub': '%s' is not a resource of the template", name, id);
			cfn_placeholder(ph, sizeof(ph), name);
			return cfn_push_sym(c, out, at, "{%s%s}", ph, c->sfx);
		}
		if (cfn_res_getatt(c, r, dot + 1, at, out) < 0)
			return PG_EINPUT;
	} else if (!cfn_ref_param(c, name, at, out)) {
		if (!(r = cfn_find_res(c, name))) {
			cfn_error(c, at, "'${%s}' in 'Fn::Sub' names no parameter, resource or variable", name);
			cfn_placeholder(ph, sizeof(ph), name);
			return cfn_push_sym(c, out, at, "{%s%s}", ph, c->sfx);
		}
		if (cfn_res_ref(c, r, at, out) < 0)
			return PG_EINPUT;
	}
	for (i = 0; i < out->n; i++)
		if (out->v[i].n == CFN_NOVALUE || (out->v[i].n->type != DOC_STRING && out->v[i].n->type != DOC_NUMBER &&
						    out->v[i].n->type != DOC_BOOL)) {
			cfn_error(c, at, "'${%s}' in 'Fn::Sub' is not a string", name);
			return PG_EINPUT;
		}
	return 0;
}

static void add_literal(cfn_ctx *c, const doc_node *at, cfn_alts *parts, size_t *k, const char *s, size_t len)
{
	if (!len)
		return;
	memset(&parts[*k], 0, sizeof(parts[*k]));
	cfn_push(c, &parts[*k], at, cfn_str(c, at, s, len), NULL, 0);
	(*k)++;
}

int cfn_fn_sub(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	const doc_node *tmpl = arg, *vars = NULL;
	const char *p, *open, *close;
	cfn_alts *parts;
	size_t k = 0, max;

	if (arg->type == DOC_ARRAY && arg->len == 2 && arg->items[0]->type == DOC_STRING &&
	    arg->items[1]->type == DOC_OBJECT) {
		tmpl = arg->items[0];
		vars = arg->items[1];
	} else if (arg->type != DOC_STRING) {
		cfn_error(c, arg, "'Fn::Sub' takes a string or [String, {Var: Value, ...}]");
		return PG_EINPUT;
	}
	/* at most one part per character: literal and variable parts alternate */
	max = 2 * tmpl->len + 2;
	parts = ARENA_ARRAY(&c->scratch, cfn_alts, max);
	for (p = tmpl->str; *p;) {
		open = strstr(p, "${");
		if (!open) {
			add_literal(c, tmpl, parts, &k, p, strlen(p));
			break;
		}
		if (open[2] == '!') {
			/* ${!Literal} is written as ${Literal} (IAM policy variables are escaped so) */
			add_literal(c, tmpl, parts, &k, p, (size_t)(open - p) + 2);
			p = open + 3;
			continue;
		}
		close = strchr(open + 2, '}');
		if (!close) {
			cfn_warn(c, tmpl, "'${' without '}' in 'Fn::Sub' is kept as written");
			add_literal(c, tmpl, parts, &k, p, strlen(p));
			break;
		}
		add_literal(c, tmpl, parts, &k, p, (size_t)(open - p));
		{
			char name[256];
			const char *s = open + 2, *e = close;
			while (s < e && *s == ' ')
				s++;
			while (e > s && e[-1] == ' ')
				e--;
			snprintf(name, sizeof(name), "%.*s", (int)(e - s), s);
			memset(&parts[k], 0, sizeof(parts[k]));
			if (sub_var(c, at, vars, name, &parts[k]) < 0)
				return PG_EINPUT;
			k++;
		}
		p = close + 1;
	}
	if (!k)
		return cfn_push(c, out, at, cfn_str(c, at, "", 0), NULL, 0);
	return cfn_product(c, at, parts, k, build_concat, (void *)at, out);
}

int cfn_fn_join(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	cfn_alts lists = { NULL, 0, 0 };
	const doc_node *delim;
	strbuf sb = STRBUF_INIT;
	size_t i, j;
	int err = 0;

	if (arg->type != DOC_ARRAY || arg->len != 2 || !doc_is_scalar(arg->items[0]) ||
	    arg->items[0]->type == DOC_NULL) {
		cfn_error(c, arg, "'Fn::Join' takes [Delimiter, [Value, ...]]");
		return PG_EINPUT;
	}
	delim = arg->items[0];
	if (cfn_eval(c, arg->items[1], &lists) < 0)
		return PG_EINPUT;
	for (i = 0; i < lists.n && !err; i++) {
		const doc_node *l = lists.v[i].n;
		if (l == CFN_NOVALUE || l->type != DOC_ARRAY) {
			cfn_error(c, arg->items[1], "'Fn::Join' needs a list to join");
			return PG_EINPUT;
		}
		strbuf_reset(&sb);
		for (j = 0; j < l->len; j++) {
			if (!doc_is_scalar(l->items[j]) || l->items[j]->type == DOC_NULL) {
				cfn_error(c, l->items[j], "'Fn::Join' joins strings, not %s",
					  doc_type_phrase(l->items[j]->type));
				strbuf_release(&sb);
				return PG_EINPUT;
			}
			if (j)
				strbuf_add(&sb, delim->str, delim->len);
			strbuf_add(&sb, l->items[j]->str, l->items[j]->len);
		}
		if (sb.len > CFN_MAX_STR) {
			cfn_error(c, at, "value longer than %d characters", CFN_MAX_STR);
			err = PG_EINPUT;
			break;
		}
		err = cfn_push(c, out, at, cfn_str(c, at, sb.buf ? sb.buf : "", sb.len), lists.v[i].guard,
			       lists.v[i].flags);
	}
	strbuf_release(&sb);
	return err;
}

/* --- Fn::Select, Fn::Split ------------------------------------------------------ */

static int build_select(cfn_ctx *c, void *arg, const cfn_alt *const *picks, size_t k, const cfn_guard *g,
			unsigned flags, cfn_alts *out)
{
	const doc_node *at = arg, *idx = picks[0]->n, *list = picks[1]->n;
	char *end;
	long i;

	(void)k;
	if (!doc_is_scalar(idx) || idx->type == DOC_NULL || list == CFN_NOVALUE || list->type != DOC_ARRAY) {
		cfn_error(c, at, "'Fn::Select' takes [Index, [Value, ...]]");
		return PG_EINPUT;
	}
	i = strtol(idx->str, &end, 10);
	if ((picks[0]->flags & CFN_SYM) || (picks[1]->flags & CFN_SYM))
		return cfn_push_sym(c, out, at, "{Select.%s%s}", (picks[0]->flags & CFN_SYM) ? "Index" : idx->str, c->sfx);
	if (*end || end == idx->str || i < 0 || (size_t)i >= list->len) {
		cfn_error(c, at, "'Fn::Select' index '%s' is not within the list's %zu items", idx->str, list->len);
		return PG_EINPUT;
	}
	return cfn_push(c, out, at, list->items[i], g, flags);
}

int cfn_fn_select(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	cfn_alts lists[2];

	memset(lists, 0, sizeof(lists));
	if (arg->type != DOC_ARRAY || arg->len != 2) {
		cfn_error(c, arg, "'Fn::Select' takes [Index, [Value, ...]]");
		return PG_EINPUT;
	}
	if (cfn_eval(c, arg->items[0], &lists[0]) < 0 || cfn_eval(c, arg->items[1], &lists[1]) < 0)
		return PG_EINPUT;
	return cfn_product(c, at, lists, 2, build_select, (void *)at, out);
}

int cfn_fn_split(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	cfn_alts src = { NULL, 0, 0 };
	const char *delim;
	size_t i, dlen;
	int err = 0;

	if (arg->type != DOC_ARRAY || arg->len != 2 || arg->items[0]->type != DOC_STRING || !arg->items[0]->len) {
		cfn_error(c, arg, "'Fn::Split' takes [Delimiter, String]");
		return PG_EINPUT;
	}
	delim = arg->items[0]->str;
	dlen = arg->items[0]->len;
	if (cfn_eval(c, arg->items[1], &src) < 0)
		return PG_EINPUT;
	for (i = 0; i < src.n && !err; i++) {
		const doc_node *s = src.v[i].n;
		const char *p, *hit;
		size_t count = 1;
		doc_node *list;
		if (s == CFN_NOVALUE || !doc_is_scalar(s) || s->type == DOC_NULL) {
			cfn_error(c, arg->items[1], "'Fn::Split' splits a string");
			return PG_EINPUT;
		}
		for (p = s->str; (hit = strstr(p, delim)) != NULL; p = hit + dlen)
			count++;
		list = cfn_container(c, DOC_ARRAY, at, count);
		for (p = s->str; (hit = strstr(p, delim)) != NULL; p = hit + dlen)
			list->items[list->len++] = cfn_str(c, at, p, (size_t)(hit - p));
		list->items[list->len++] = cfn_str(c, at, p, strlen(p));
		err = cfn_push(c, out, at, list, src.v[i].guard, src.v[i].flags);
	}
	return err;
}

/* --- Fn::FindInMap, Fn::ImportValue ---------------------------------------------- */

typedef struct map_arg {
	const doc_node *at;
	const doc_node *deflt;          /* the DefaultValue of the long form, or NULL */
} map_arg;

static int build_find(cfn_ctx *c, void *arg, const cfn_alt *const *picks, size_t k, const cfn_guard *g,
		      unsigned flags, cfn_alts *out)
{
	const map_arg *ma = arg;
	const doc_node *map;
	size_t i;
	int err = 0, missing = 1;

	(void)k;
	for (i = 0; i < 3; i++)
		if (!doc_is_scalar(picks[i]->n) || picks[i]->n->type == DOC_NULL) {
			cfn_error(c, ma->at, "'Fn::FindInMap' takes [MapName, TopLevelKey, SecondLevelKey]");
			return PG_EINPUT;
		}
	map = doc_get(c->mappings, picks[0]->n->str);
	if (!map || map->type != DOC_OBJECT) {
		cfn_error(c, ma->at, "'Fn::FindInMap': no mapping '%s' in Mappings", picks[0]->n->str);
		return PG_EINPUT;
	}
	/* an unknown key (a parameter without a value) may be any entry: every one counts */
	for (i = 0; i < map->len && !err; i++) {
		const doc_node *second = map->items[i];
		size_t j;
		if (!(picks[1]->flags & CFN_SYM) && strcmp(map->keys[i]->str, picks[1]->n->str))
			continue;
		for (j = 0; second->type == DOC_OBJECT && j < second->len && !err; j++) {
			if (!(picks[2]->flags & CFN_SYM) && strcmp(second->keys[j]->str, picks[2]->n->str))
				continue;
			missing = 0;
			err = cfn_push(c, out, ma->at, second->items[j], g, flags);
		}
	}
	if (err < 0)
		return err;
	if (missing && ma->deflt)
		return cfn_eval(c, ma->deflt, out);
	if (missing) {
		cfn_error(c, ma->at, "'Fn::FindInMap': mapping '%s' has no '%s' / '%s'", picks[0]->n->str,
			  picks[1]->n->str, picks[2]->n->str);
		return cfn_push_sym(c, out, ma->at, "{FindInMap.%s%s}", picks[0]->n->str, c->sfx);
	}
	return 0;
}

int cfn_fn_find_in_map(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	cfn_alts lists[3];
	map_arg ma;
	size_t i;

	memset(lists, 0, sizeof(lists));
	if (arg->type != DOC_ARRAY || (arg->len != 3 && arg->len != 4)) {
		cfn_error(c, arg, "'Fn::FindInMap' takes [MapName, TopLevelKey, SecondLevelKey]");
		return PG_EINPUT;
	}
	ma.at = at;
	ma.deflt = arg->len == 4 ? doc_get(arg->items[3], "DefaultValue") : NULL;
	for (i = 0; i < 3; i++)
		if (cfn_eval(c, arg->items[i], &lists[i]) < 0)
			return PG_EINPUT;
	return cfn_product(c, at, lists, 3, build_find, &ma, out);
}

int cfn_fn_import(cfn_ctx *c, const doc_node *at, const doc_node *arg, cfn_alts *out)
{
	cfn_alts names = { NULL, 0, 0 };
	char ph[256];
	size_t i;
	int err = 0;

	if (cfn_eval(c, arg, &names) < 0)
		return PG_EINPUT;
	for (i = 0; i < names.n && !err; i++) {
		if (names.v[i].n == CFN_NOVALUE || !doc_is_scalar(names.v[i].n) || names.v[i].n->type == DOC_NULL) {
			cfn_error(c, arg, "'Fn::ImportValue' takes the name of an export");
			return PG_EINPUT;
		}
		/* another stack's output: nothing in this template says what it is */
		cfn_placeholder(ph, sizeof(ph), names.v[i].n->str);
		err = cfn_push_sym(c, out, at, "{ImportValue.%s}", ph);
	}
	return err;
}
