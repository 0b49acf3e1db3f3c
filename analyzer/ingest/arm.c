/*
 * arm — the "arm-template" reader: detection, the deployment target of a
 * template, inline nested deployments, and the reader's entry point; the walk
 * over what a template declares is arm_walk.c, its mapping into the Azure
 * model arm_model.c and arm_roles.c.
 */
#include "ingest/arm_internal.h"
#include "base/strci.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MG_TYPE "Microsoft.Management/managementGroups/"

static int level_of(const char *schema, arm_level dflt)
{
	if (!schema)
		return (int)dflt;
	if (strci_str(schema, "subscriptionDeploymentTemplate.json"))
		return ARM_AT_SUB;
	if (strci_str(schema, "managementGroupDeploymentTemplate.json"))
		return ARM_AT_MG;
	if (strci_str(schema, "tenantDeploymentTemplate.json"))
		return ARM_AT_TENANT;
	if (strci_str(schema, "deploymentTemplate.json"))
		return ARM_AT_RG;
	return (int)dflt;
}

static int is_template(const doc_node *root)
{
	const doc_node *s = doc_get(root, "$schema"), *r = doc_get(root, "resources");

	return root && root->type == DOC_OBJECT && s && s->type == DOC_STRING &&
	       strci_str(s->str, "deploymentTemplate.json") && r && (r->type == DOC_ARRAY || r->type == DOC_OBJECT);
}

static int detect(const doc_node *root, const char *path)
{
	(void)path;
	return is_template(root) || arm_params_detect(root);
}

static arm_tpl *new_tpl(arm_file *f, const doc_node *root, const arm_target *target, const arm_target *fn, int depth)
{
	arm_tpl *t = ARENA_NEW(&f->a, arm_tpl);
	const doc_node *p = doc_get(root, "parameters"), *v = doc_get(root, "variables");
	size_t np, nv;

	t->f = f;
	t->root = root;
	t->pdecl = p && p->type == DOC_OBJECT ? p : NULL;
	t->vdecl = v && v->type == DOC_OBJECT ? v : NULL;
	np = t->pdecl ? t->pdecl->len : 0;
	nv = t->vdecl ? t->vdecl->len : 0;
	t->pmemo = ARENA_ARRAY(&f->a, arm_alts *, np + 1);
	t->pbusy = ARENA_ARRAY(&f->a, unsigned char, np + 1);
	t->vmemo = ARENA_ARRAY(&f->a, arm_alts *, nv + 1);
	t->vbusy = ARENA_ARRAY(&f->a, unsigned char, nv + 1);
	t->target = *target;
	t->fn = *fn;
	t->depth = depth;
	return t;
}

/* --- nested deployments ------------------------------------------------------------------ */

static void nested_target(arm_tpl *t, const doc_node *node, const doc_node *tpl, arm_target *tg)
{
	const char *scope = arm_one_str(t, doc_get(node, "scope"), NULL), *sub, *rg;
	const doc_node *schema = doc_get(tpl, "$schema");

	*tg = t->target;
	if (scope && !strcmp(scope, "/"))
		tg->level = ARM_AT_TENANT;
	else if (scope && strci_str(scope, MG_TYPE)) {
		tg->level = ARM_AT_MG;
		tg->mg = strci_str(scope, MG_TYPE) + strlen(MG_TYPE);
	}
	if ((sub = arm_one_str(t, doc_get(node, "subscriptionId"), NULL))) {
		tg->sub = sub;
		if (tg->level < ARM_AT_SUB)
			tg->level = ARM_AT_SUB;
	}
	if ((rg = arm_one_str(t, doc_get(node, "resourceGroup"), NULL))) {
		tg->rg = rg;
		tg->level = ARM_AT_RG;
	}
	if (schema && schema->type == DOC_STRING)
		tg->level = (arm_level)level_of(schema->str, tg->level);
}

void arm_nested(arm_tpl *t, const arm_res *r)
{
	const doc_node *props = doc_get(r->node, "properties"), *tpl, *link, *eo, *ps;
	const char *scope;
	arm_target tg;
	arm_tpl *it;
	size_t i;

	if (!props || props->type != DOC_OBJECT)
		return;
	tpl = doc_get(props, "template");
	link = doc_get(props, "templateLink");
	if (!tpl) {
		if (link)
			diag_list_addf(t->f->ic->diags, DIAG_WARNING, link->file, link->line, link->col,
				       "linked template of deployment '%s' not read: what it deploys is not in the model "
				       "(give the linked template as an input)", r->name);
		return;
	}
	if (tpl->type != DOC_OBJECT) {
		az_type_error(t->f->ic, tpl, &t->f->err, "a nested deployment's 'template' must be an object");
		return;
	}
	if (t->depth >= ARM_MAX_NEST) {
		diag_list_addf(t->f->ic->diags, DIAG_WARNING, tpl->file, tpl->line, tpl->col,
			       "nested deployments deeper than %d: not read", ARM_MAX_NEST);
		return;
	}
	nested_target(t, r->node, tpl, &tg);
	eo = doc_get(props, "expressionEvaluationOptions");
	scope = eo ? doc_get_str(eo, "scope") : NULL;
	if (scope && !strcasecmp(scope, "inner")) {
		it = new_tpl(t->f, tpl, &tg, &tg, t->depth + 1);
		ps = doc_get(props, "parameters");
		for (i = 0; ps && ps->type == DOC_OBJECT && i < ps->len; i++) {
			const doc_node *v = doc_get(ps->items[i], "value");
			if (!v)
				continue;       /* a Key Vault reference: unknown */
			if (it->n_given % 16 == 0) {
				const char **nn = ARENA_ARRAY(&t->f->a, const char *, it->n_given + 16);
				arm_alts *nv = ARENA_ARRAY(&t->f->a, arm_alts, it->n_given + 16);
				if (it->n_given) {
					memcpy(nn, it->gnames, it->n_given * sizeof(*nn));
					memcpy(nv, it->gvals, it->n_given * sizeof(*nv));
				}
				it->gnames = nn;
				it->gvals = nv;
			}
			it->gnames[it->n_given] = ps->keys[i]->str;
			arm_eval_deep(t, v, &it->gvals[it->n_given++]);
		}
	} else {
		/* outer (the default): the parent's parameters, variables and functions;
		 * only where the resources go changes */
		it = ARENA_NEW(&t->f->a, arm_tpl);
		*it = *t;
		it->target = tg;
		it->depth = t->depth + 1;
	}
	if (doc_get(tpl, "resources"))
		arm_walk(it, doc_get(tpl, "resources"), NULL);
}

/* --- the reader ------------------------------------------------------------------------------ */

static int read_template(ingest_ctx *ic, const doc_node *root)
{
	arm_file f;
	arm_target tg;
	arm_tpl *t;
	size_t i;

	memset(&f, 0, sizeof(f));
	arena_init(&f.a);
	f.ic = ic;
	(void)model_azure(ic->m);       /* an empty template still says the input is Azure */
	tg.level = (arm_level)level_of(doc_get_str(root, "$schema"), ARM_AT_RG);
	tg.mg = "{managementGroup}";
	tg.sub = "{subscription}";
	tg.rg = "{resourceGroup}";
	{
		/* --deployment-scope binds the target, so a template's grants land on the
		 * real ids of the exports read beside it */
		const char *mg, *sub, *rg;
		azm_deployment(model_azure(ic->m), &mg, &sub, &rg);
		tg.mg = mg ? mg : tg.mg;
		tg.sub = sub ? sub : tg.sub;
		tg.rg = rg ? rg : tg.rg;
	}
	t = new_tpl(&f, root, &tg, &tg, 0);
	arm_params_for_template(t, ic->path, root);
	arm_walk(t, doc_get(root, "resources"), NULL);
	arm_model_resources(&f);
	arm_model_rbac(&f);
	for (i = 0; i < f.n_docs; i++)
		doc_free(f.docs[i]);
	free(f.docs);
	free(f.res);
	arena_release(&f.a);
	return f.err;
}

static int read(ingest_ctx *ic, const doc_node *root)
{
	if (arm_params_detect(root))
		return arm_params_read(ic, root);
	if (root->type == DOC_OBJECT && !doc_get(root, "resources") && doc_get(root, "parameters"))
		return arm_params_read(ic, root);       /* a parameters file without "$schema" (forced) */
	if (root->type != DOC_OBJECT || !doc_get(root, "resources")) {
		diag_list_addf(ic->diags, DIAG_ERROR, root->file, root->line, root->col,
			       "not an ARM template: expected an object with '$schema' (…deploymentTemplate.json#) "
			       "and 'resources'");
		return PG_EINPUT;
	}
	return read_template(ic, root);
}

const ingest_format ingest_arm_format = {
	"arm-template",
	"Azure Resource Manager deployment templates (role assignments and definitions, managed identities) and "
	"their parameters files",
	detect, read
};
