/* check_wildcard — wildcard grants: AWS statements, Azure custom roles and broad privileged assignments. */
#include "checks/check_model.h"
#include "base/ptrmap.h"
#include "base/strbuf.h"
#include "catalog/aws_catalog.h"
#include "eval/action_name.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const char *const check_controls_wildcard[] = { "NIST SP 800-53 AC-6", "NIST SP 800-53 AC-6(1)", NULL };

void check_stmt_label(const stmt *s, char *buf, size_t size)
{
	if (s->sid && *s->sid)
		snprintf(buf, size, "statement '%s'", s->sid);
	else
		snprintf(buf, size, "statement %zu", s->index + 1);
}

void check_stmt_key(const stmt *s, const char *prefix, char *buf, size_t size)
{
	if (s->sid && *s->sid)
		snprintf(buf, size, "%ssid:%s", prefix ? prefix : "", s->sid);
	else
		snprintf(buf, size, "%s#%zu", prefix ? prefix : "", s->index + 1);
}

/* Whose statements these are, for the finding's fields and message. */
typedef struct owner {
	const char *who, *what;         /* finding principal and resource */
	const char *prefix;             /* discriminator prefix */
	const char *desc;               /* "managed policy 'arn' (attached to 3 principals)" ... */
	const resource *res;            /* resource policies: the store */
} owner;

typedef struct hits {
	const char *pats[64];
	size_t n;
	pg_loc loc;                     /* of the first */
} hits;

static void hit(hits *h, const char *pat, pg_loc loc)
{
	if (!h->n)
		h->loc = loc;
	if (h->n < sizeof(h->pats) / sizeof(*h->pats))
		h->pats[h->n++] = pat;
}

static void list_pats(strbuf *sb, const hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		strbuf_addf(sb, "%s'%s'", i ? ", " : "", h->pats[i]);
}

static void emit(finding_list *out, const char *rule, severity sev, const owner *o, const stmt *s,
		 const hits *h, pg_loc loc, const char *what, const char *fix)
{
	char label[160], key[300];
	strbuf msg = STRBUF_INIT;
	finding *f;

	check_stmt_label(s, label, sizeof(label));
	check_stmt_key(s, o->prefix, key, sizeof(key));
	strbuf_addf(&msg, "%s %s %s", o->desc, label, what);
	f = finding_add(out, rule, "wildcard", sev, o->who, o->what, key, msg.buf, fix, loc.file ? loc : s->loc,
			check_controls_wildcard);
	if (h)
		finding_set_actions(f, h->pats, h->n);
	strbuf_release(&msg);
}

/* A statement that names only the store's own account root delegates to IAM. */
static int delegates_only(const stmt *s, const resource *r)
{
	char root[64];
	size_t i;

	if (!r || !r->account || s->not_principal || !s->n_principals)
		return 0;
	snprintf(root, sizeof(root), "arn:aws:iam::%s:root", r->account);
	for (i = 0; i < s->n_principals; i++)
		if (s->principals[i].kind != PSPEC_AWS || strcmp(s->principals[i].value, root))
			return 0;
	return 1;
}

static int has_star(const stmt *s)
{
	size_t i;

	for (i = 0; i < s->n_resources; i++)
		if (!strcmp(s->resources[i], "*"))
			return 1;
	return 0;
}

/* Resource "*" with write or permissions actions that could have been scoped. */
static void check_resource_star(finding_list *out, const owner *o, const stmt *s, const hits *skip)
{
	action_set set;
	hits h = { { 0 }, 0, { 0 } };
	size_t i, j, writes = 0, perms = 0, cnt = aws_catalog_count();
	const char *first_perm = NULL;
	strbuf what = STRBUF_INIT;

	action_set_init(&set);
	for (i = 0; i < s->n_actions; i++) {
		int contributes = 0;
		for (j = 0; j < skip->n; j++)
			if (skip->pats[j] == s->actions[i])
				break;
		if (j < skip->n)
			continue;
		action_set_clear(&set);
		aws_catalog_expand(s->actions[i], &set);
		for (j = action_set_next(&set, 0); j < cnt; j = action_set_next(&set, j + 1)) {
			unsigned lv = aws_catalog_levels(j);
			if (!(lv & (AL_WRITE | AL_PERMISSIONS)))
				continue;
			contributes = 1;
			writes++;
			if ((lv & AL_PERMISSIONS) && !perms++)
				first_perm = aws_catalog_name(j);
		}
		if (contributes)
			hit(&h, s->actions[i], s->action_locs ? s->action_locs[i] : s->loc);
	}
	if (h.n) {
		strbuf_addf(&what, "allows %zu write or permissions-management action%s on resource '*' (", writes,
			    writes > 1 ? "s" : "");
		list_pats(&what, &h);
		strbuf_addstr(&what, ")");
		if (perms)
			strbuf_addf(&what, ", %zu of them permissions management such as '%s'", perms, first_perm);
		emit(out, "PG-WILDCARD-RESOURCE", perms ? SEV_HIGH : SEV_MEDIUM, o, s, &h, s->loc, what.buf,
		     "name the resources these actions need in 'Resource' (ARNs, or a condition such as "
		     "aws:ResourceTag) instead of \"*\"");
	}
	strbuf_release(&what);
	action_set_release(&set);
}

static void check_stmt(finding_list *out, const owner *o, const stmt *s)
{
	hits all = { { 0 }, 0, { 0 } }, svc = { { 0 }, 0, { 0 } }, both;
	const char *sv, *name;
	size_t i, sl, nl;
	strbuf what = STRBUF_INIT;

	if (s->effect != EFFECT_ALLOW || delegates_only(s, o->res))
		return;
	if (s->not_action) {
		strbuf_addf(&what, "allows every action except the %zu listed in 'NotAction', including actions "
			    "AWS adds later", s->n_actions);
		emit(out, "PG-WILDCARD-NOT-ACTION", SEV_MEDIUM, o, s, NULL, s->loc, what.buf,
		     "list the actions needed in 'Action', or keep 'NotAction' only in a 'Deny' statement");
		goto cleanup;
	}
	for (i = 0; i < s->n_actions; i++) {
		pg_loc at = s->action_locs ? s->action_locs[i] : s->loc;
		if (action_name_parse(s->actions[i], &sv, &sl, &name, &nl) < 0)
			continue;       /* invalid-policy's business */
		if (!sv)        /* "*": the lexer allows no wildcard in a service prefix */
			hit(&all, s->actions[i], at);
		else if (nl == 1 && name[0] == '*')
			hit(&svc, s->actions[i], at);
	}
	if (all.n) {
		strbuf_addstr(&what, has_star(s) && !s->not_resource
					     ? "allows every action ('*') on resource '*': full administrator access"
					     : "allows every action ('*') of every service");
		emit(out, "PG-WILDCARD-ACTION", SEV_HIGH, o, s, &all, all.loc, what.buf,
		     "replace the wildcard with the actions the principal needs (IAM Access Analyzer policy generation "
		     "or 'permgraph suggest'), on named resources");
	}
	if (svc.n) {
		strbuf_reset(&what);
		strbuf_addstr(&what, "allows every action of ");
		list_pats(&what, &svc);
		emit(out, "PG-WILDCARD-SERVICE", SEV_MEDIUM, o, s, &svc, svc.loc, what.buf,
		     "list the actions of the service that are needed instead of 'service:*'");
	}
	if (!o->res && has_star(s) && !s->not_resource) {
		both = all;
		for (i = 0; i < svc.n; i++)
			hit(&both, svc.pats[i], svc.loc);
		check_resource_star(out, o, s, &both);
	}
cleanup:
	strbuf_release(&what);
}

static void check_policy(finding_list *out, const owner *o, const policy *p)
{
	size_t i;

	for (i = 0; p && i < p->n_stmts; i++)
		check_stmt(out, o, &p->stmts[i]);
}

/* Service-linked roles run AWS's own policies: nothing for the customer to change. */
static int service_linked(const principal *p)
{
	return p->path && !strncmp(p->path, "/aws-service-role/", 18);
}

static void check_aws(const model *m, finding_list *out)
{
	ptrmap count = PTRMAP_INIT, done = PTRMAP_INIT;
	principal **ps;
	resource **rs;
	size_t n, i, j;
	strbuf desc = STRBUF_INIT;

	ps = model_principals(m, &n);
	for (i = 0; i < n; i++)
		for (j = 0; !service_linked(ps[i]) && j < ps[i]->n_managed_arns; j++) {
			const char *arn = ps[i]->managed_arns[j];
			ptrmap_put(&count, arn, (void *)((uintptr_t)ptrmap_get(&count, arn) + 1));
		}
	for (i = 0; i < n; i++) {
		const principal *p = ps[i];
		if (service_linked(p))
			continue;
		for (j = 0; j < p->n_managed_arns; j++) {
			const policy *pol = model_find_managed(m, p->managed_arns[j]);
			uintptr_t k = (uintptr_t)ptrmap_get(&count, p->managed_arns[j]);
			owner o = { NULL, p->managed_arns[j], "", NULL, NULL };
			if (!pol || ptrmap_get(&done, p->managed_arns[j]))
				continue;
			ptrmap_put(&done, p->managed_arns[j], (void *)1);
			strbuf_reset(&desc);
			strbuf_addf(&desc, "managed policy '%s' (attached to %zu principal%s)", p->managed_arns[j],
				    (size_t)k, k > 1 ? "s" : "");
			o.desc = desc.buf;
			check_policy(out, &o, pol);
		}
		for (j = 0; j < p->n_inline; j++) {
			const policy *pol = p->inline_policies[j];
			char prefix[300];
			owner o = { p->arn, NULL, prefix, NULL, NULL };
			snprintf(prefix, sizeof(prefix), "inline:%s/", pol->name ? pol->name : "");
			strbuf_reset(&desc);
			strbuf_addf(&desc, "inline policy '%s' of '%s'", pol->name ? pol->name : "", p->arn);
			o.desc = desc.buf;
			check_policy(out, &o, pol);
		}
	}
	rs = model_resources(m, &n);
	for (i = 0; i < n; i++) {
		owner o = { NULL, rs[i]->arn, "", NULL, rs[i] };
		strbuf_reset(&desc);
		strbuf_addf(&desc, "resource policy of '%s'", rs[i]->arn);
		o.desc = desc.buf;
		check_policy(out, &o, rs[i]->policy);
	}
	strbuf_release(&desc);
	ptrmap_release(&count);
	ptrmap_release(&done);
}

void check_wildcard(const model *m, const config *cfg, finding_list *out)
{
	check_aws(m, out);
	check_wildcard_azure(m, out);
}
