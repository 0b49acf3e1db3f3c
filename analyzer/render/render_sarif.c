/* render_sarif — scan's findings as SARIF 2.1.0 through jansson (render_sarif.h). */
#include "render/render_sarif.h"
#include "render/render_rules.h"
#include "base/xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define SARIF_FINGERPRINT "permgraph/v1"
#define SARIF_SRCROOT "%SRCROOT%"

/* Length of the valid UTF-8 sequence at p (as jansson accepts it: no
 * overlongs, surrogates or code points above U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

/* A JSON string of s; bytes that are not UTF-8 (a file name from the disk
 * may hold any) become U+FFFD instead of making jansson refuse the string. */
static json_t *jstr(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	strbuf sb = STRBUF_INIT;
	json_t *j;
	size_t n;

	if ((j = json_string(s)))
		return j;
	while (*p) {
		if ((n = utf8_len(p))) {
			strbuf_add(&sb, p, n);
			p += n;
		} else {
			strbuf_addstr(&sb, "\xEF\xBF\xBD");
			p++;
		}
	}
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j;
}

static void set_str(json_t *obj, const char *key, const char *s)
{
	if (s)
		json_object_set_new(obj, key, jstr(s));
}

static json_t *text(const char *s)
{
	json_t *m = json_object();

	json_object_set_new(m, "text", jstr(s));
	return m;
}

int render_sarif_uri(strbuf *sb, const char *path)
{
	static const char keep[] = "-._~!$&'()*+,;=@/";
	const unsigned char *p = (const unsigned char *)path;
	int relative = *p != '/';

	if (!relative)
		strbuf_addstr(sb, "file://");
	else
		while (p[0] == '.' && p[1] == '/') {
			for (p += 2; *p == '/'; p++)
				;
		}
	for (; *p; p++) {
		/* ':' is encoded too: in a relative reference's first segment it
		 * would read as a scheme. */
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr(keep, *p))
			strbuf_addch(sb, *p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
	return relative;
}

static json_t *artifact_location(const char *file)
{
	json_t *al = json_object();
	strbuf uri = STRBUF_INIT;

	if (render_sarif_uri(&uri, file))
		json_object_set_new(al, "uriBaseId", json_string(SARIF_SRCROOT));
	json_object_set_new(al, "uri", json_string(uri.buf));
	strbuf_release(&uri);
	return al;
}

/* A location object for a file position (file not NULL). */
static json_t *physical(const pg_loc *l)
{
	json_t *pl = json_object(), *loc = json_object(), *region;

	json_object_set_new(pl, "artifactLocation", artifact_location(l->file));
	if (l->line > 0) {
		region = json_object();
		json_object_set_new(region, "startLine", json_integer(l->line));
		if (l->col > 0)
			json_object_set_new(region, "startColumn", json_integer(l->col));
		json_object_set_new(pl, "region", region);
	}
	json_object_set_new(loc, "physicalLocation", pl);
	return loc;
}

static json_t *logical(const char *name, const char *kind)
{
	json_t *ll = json_object();

	set_str(ll, "fullyQualifiedName", name);
	json_object_set_new(ll, "kind", json_string(kind));
	return ll;
}

/* The result's locations, or NULL when there is nothing to say. */
static json_t *locations(const finding *f)
{
	json_t *lls, *loc;

	if (f->loc.file)
		return json_pack("[o]", physical(&f->loc));
	if (!f->principal && !f->resource)
		return NULL;
	lls = json_array();
	if (f->principal)
		json_array_append_new(lls, logical(f->principal, "object"));
	if (f->resource && (!f->principal || strcmp(f->resource, f->principal)))
		json_array_append_new(lls, logical(f->resource, "resource"));
	loc = json_object();
	json_object_set_new(loc, "logicalLocations", lls);
	return json_pack("[o]", loc);
}

static json_t *strings(char *const *s, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, jstr(s[i]));
	return a;
}

/* "YYYY-MM-DD..." to YYYYMMDD; 0 (before every expiry) when it is not a date. */
static int generated_day(const report_ctx *c)
{
	int y, m, d;

	if (sscanf(c->generated, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	return y * 10000 + m * 100 + d;
}

static json_t *suppression(const report_ctx *c, const finding *f)
{
	const config_suppression *s = NULL;
	json_t *sup = json_object(), *props;
	char day[16];

	json_object_set_new(sup, "kind", json_string("external"));
	json_object_set_new(sup, "status", json_string("accepted"));
	if (c->cfg) {
		s = config_suppressed(c->cfg, f->rule, f->principal, f->resource, generated_day(c));
		if (!s)         /* expired since the scan decided: still name the entry */
			s = config_suppressed(c->cfg, f->rule, f->principal, f->resource, 0);
	}
	if (s) {
		set_str(sup, "justification", s->reason);
		if (s->loc.file)
			json_object_set_new(sup, "location", physical(&s->loc));
		snprintf(day, sizeof(day), "%04d-%02d-%02d", s->expires / 10000, s->expires / 100 % 100,
			 s->expires % 100);
		props = json_object();
		json_object_set_new(props, "expires", json_string(day));
		json_object_set_new(sup, "properties", props);
	}
	return sup;
}

static json_t *result(const report_ctx *c, const finding *f, size_t rule_index, const char *baseline)
{
	const render_rule_text *rt = render_rules_find(f->rule);
	json_t *r = json_object(), *props = json_object(), *path = json_array(), *locs;
	size_t i;

	json_object_set_new(r, "ruleId", jstr(f->rule));
	json_object_set_new(r, "ruleIndex", json_integer((json_int_t)rule_index));
	json_object_set_new(r, "level", json_string(render_rules_level(f->sev)));
	json_object_set_new(r, "message", text(f->message ? f->message : rt ? rt->title : f->rule));
	if ((locs = locations(f)))
		json_object_set_new(r, "locations", locs);
	json_object_set_new(r, "partialFingerprints", json_pack("{s:s}", SARIF_FINGERPRINT, f->id));
	if (f->suppressed)
		json_object_set_new(r, "suppressions", json_pack("[o]", suppression(c, f)));
	if (baseline)
		json_object_set_new(r, "baselineState", json_string(baseline));
	set_str(props, "category", f->category);
	json_object_set_new(props, "severity", json_string(severity_name(f->sev)));
	set_str(props, "principal", f->principal);
	set_str(props, "resource", f->resource);
	set_str(props, "remediation", f->remediation);
	if (f->n_actions)
		json_object_set_new(props, "actions", strings(f->actions, f->n_actions));
	for (i = 0; i < f->n_path; i++) {
		json_t *step = json_object();
		set_str(step, "from", f->path[i].from);
		set_str(step, "to", f->path[i].to);
		set_str(step, "edge", f->path[i].edge);
		json_array_append_new(path, step);
	}
	if (f->n_path)
		json_object_set_new(props, "path", path);
	else
		json_decref(path);
	json_object_set_new(r, "properties", props);
	return r;
}

/* Append s to a tags array unless it is there already (SARIF tags are a set). */
static void add_tag(json_t *tags, const char *s)
{
	size_t i;

	for (i = 0; i < json_array_size(tags); i++)
		if (!strcmp(json_string_value(json_array_get(tags, i)), s))
			return;
	json_array_append_new(tags, jstr(s));
}

/* The rule descriptor of `f` (its first finding; `worst` the highest severity
 * among the rule's findings). */
static json_t *rule(const finding *f, severity worst)
{
	const render_rule_text *rt = render_rules_find(f->rule);
	json_t *d = json_object(), *props = json_object(), *tags = json_array();
	strbuf title = STRBUF_INIT, full = STRBUF_INIT;
	size_t i;

	if (rt)
		strbuf_addstr(&title, rt->title);
	else
		strbuf_addf(&title, "%s finding", f->category ? f->category : "permgraph");
	strbuf_addf(&full, "%s (category %s).", title.buf, f->category ? f->category : "none");
	for (i = 0; f->controls && f->controls[i]; i++)
		strbuf_addf(&full, "%s%s", i ? ", " : " Evidence for ", f->controls[i]);
	if (i)
		strbuf_addch(&full, '.');
	json_object_set_new(d, "id", jstr(f->rule));
	json_object_set_new(d, "shortDescription", text(title.buf));
	json_object_set_new(d, "fullDescription", text(full.buf));
	json_object_set_new(d, "help", text(rt ? rt->help : f->remediation ? f->remediation : title.buf));
	json_object_set_new(d, "defaultConfiguration", json_pack("{s:s}", "level", render_rules_level(worst)));
	add_tag(tags, "security");
	if (f->category)
		add_tag(tags, f->category);
	for (i = 0; f->controls && f->controls[i]; i++)
		add_tag(tags, f->controls[i]);
	set_str(props, "category", f->category);
	json_object_set_new(props, "security-severity", json_string(render_rules_security_severity(worst)));
	json_object_set_new(props, "tags", tags);
	json_object_set_new(d, "properties", props);
	strbuf_release(&title);
	strbuf_release(&full);
	return d;
}

static json_t *artifact(const char *path, const char *sha256, const char *role, const char *format)
{
	json_t *a = json_object(), *props;

	json_object_set_new(a, "location", artifact_location(path));
	json_object_set_new(a, "roles", json_pack("[s]", role));
	if (sha256 && *sha256)
		json_object_set_new(a, "hashes", json_pack("{s:s}", "sha-256", sha256));
	if (format) {
		props = json_object();
		json_object_set_new(props, "format", json_string(format));
		json_object_set_new(a, "properties", props);
	}
	return a;
}

/* The inputs read (each path once: SARIF artifacts are a set) and the config file. */
static json_t *artifacts(const report_ctx *c)
{
	json_t *arts = json_array(), *seen = json_object();
	size_t i;

	for (i = 0; c->inputs && i < c->inputs->n_inputs; i++) {
		const ingest_input *in = &c->inputs->inputs[i];
		if (!in->format || json_object_get(seen, in->path))
			continue;
		json_object_set_new(seen, in->path, json_true());
		json_array_append_new(arts, artifact(in->path, in->sha256, "analysisTarget", in->format));
	}
	if (c->cfg && c->cfg->path)
		json_array_append_new(arts, artifact(c->cfg->path, c->cfg->sha256, "userSpecifiedConfiguration", NULL));
	json_decref(seen);
	return arts;
}

static json_t *run_properties(const report_ctx *c)
{
	json_t *p = json_object(), *missing = json_array();
	size_t i;

	for (i = 0; scan_checks_missing[i]; i++)
		json_array_append_new(missing, json_string(scan_checks_missing[i]));
	json_object_set_new(p, "checksNotRun", missing);
	if (c->scan) {
		json_object_set_new(p, "principals", json_integer((json_int_t)c->scan->principals));
		json_object_set_new(p, "resources", json_integer((json_int_t)c->scan->resources));
		json_object_set_new(p, "syntheticResources", json_integer((json_int_t)c->scan->synthetic_resources));
	}
	json_object_set_new(p, "config", c->cfg && c->cfg->path ? jstr(c->cfg->path) : json_string("built-in defaults"));
	return p;
}

void render_sarif_scan(FILE *out, const report_ctx *c, const render_sarif_opts *o)
{
	static const finding_list empty;
	const finding_list *fl = o && o->findings ? o->findings : c->scan ? &c->scan->findings : &empty;
	const char **ids = xcalloc(fl->count + 1, sizeof(*ids));
	size_t *first = xcalloc(fl->count + 1, sizeof(*first));
	severity *worst = xcalloc(fl->count + 1, sizeof(*worst));
	json_t *rules = json_array(), *results = json_array(), *driver, *run, *root;
	size_t n_rules = 0, i, k;

	/* Rules in order of first appearance; findings come sorted, highest severity first. */
	for (i = 0; i < fl->count; i++) {
		const finding *f = &fl->items[i];
		for (k = 0; k < n_rules && strcmp(ids[k], f->rule); k++)
			;
		if (k == n_rules) {
			ids[n_rules] = f->rule;
			first[n_rules++] = i;
		}
		if (f->sev > worst[k])
			worst[k] = f->sev;
		json_array_append_new(results, result(c, f, k, o ? o->baseline_state : NULL));
	}
	for (k = 0; k < n_rules; k++)
		json_array_append_new(rules, rule(&fl->items[first[k]], worst[k]));
	driver = json_object();
	json_object_set_new(driver, "name", json_string("permgraph"));
	set_str(driver, "version", c->version);
	set_str(driver, "semanticVersion", c->version);
	json_object_set_new(driver, "rules", rules);
	run = json_object();
	json_object_set_new(run, "tool", json_pack("{s:o}", "driver", driver));
	json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
	json_object_set_new(run, "artifacts", artifacts(c));
	json_object_set_new(run, "results", results);
	json_object_set_new(run, "properties", run_properties(c));
	root = json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs", run);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', out);
	json_decref(root);
	free(ids);
	free(first);
	free(worst);
}
