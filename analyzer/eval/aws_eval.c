/*
 * aws_eval — combine the policy layers for one request.
 *
 * Statement matching (action, resource, principal, conditions) is in
 * aws_eval_match.c; this file applies AWS's evaluation logic on top: explicit
 * deny, organization guardrails, identity vs resource policies, same- vs
 * cross-account, boundaries, and the resources whose own policy must allow
 * (KMS keys, role trust policies).
 */
#include "eval/aws_eval_internal.h"
#include "base/strlist.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void aws_eval_result_init(eval_result *r)
{
	memset(r, 0, sizeof(*r));
}

void aws_eval_result_release(eval_result *r)
{
	if (!r)
		return;
	strlist_release(&r->conditions, &r->n_conditions, &r->cap_conditions);
	free(r->reasons);
	aws_eval_result_init(r);
}

int aws_eval_allows(model *m, const principal *p, const char *principal_arn, const char *action,
		    const char *resource_arn, eval_result *out)
{
	aws_request rq;

	memset(&rq, 0, sizeof(rq));
	rq.principal = p;
	rq.principal_arn = principal_arn;
	rq.action = action;
	rq.resource_arn = resource_arn;
	aws_eval_result_init(out);
	if (aws_eval(m, &rq, out) < 0)
		return -1;
	return out->dec == DEC_ALLOW || out->dec == DEC_CONDITIONAL;
}

const char *decision_name(decision d)
{
	static const char *const names[] = { "allow", "conditional", "deny", "implicit-deny" };
	return (unsigned)d < 4 ? names[d] : "implicit-deny";
}

const char *eval_layer_name(eval_layer l)
{
	static const char *const names[] = { "identity", "boundary", "resource", "trust", "scp", "rcp", "session" };
	return (unsigned)l < 7 ? names[l] : "policy";
}

void aws_eval_add_condition(eval_result *r, char *text)
{
	strlist_add(&r->conditions, &r->n_conditions, &r->cap_conditions, text);
}

static void add_reason(eval_result *r, eval_layer layer, const stmt *s, tri match)
{
	XGROW(r->reasons, r->cap_reasons, r->n_reasons + 1);
	r->reasons[r->n_reasons].layer = layer;
	r->reasons[r->n_reasons].st = s;
	r->reasons[r->n_reasons].match = match;
	r->n_reasons++;
}

/*
 * One policy layer: the OR of its matching Allow statements, and whether a
 * Deny applies (TRUE) or may apply (UNKNOWN). For resource policies, allows
 * are split by how the principal was named, because that decides whether a
 * permission boundary limits them.
 */
typedef struct layer_result {
	tri allow;              /* any Allow */
	tri allow_exact;        /* resource: names the caller's exact ARN */
	tri allow_direct;       /* resource: names the caller's exact ARN or everyone */
	tri allow_limited;      /* resource: names the caller's role ARN */
	tri allow_account;      /* resource: names the caller's account (delegates to its IAM policies) */
	tri deny;
} layer_result;

static void layer_init(layer_result *l)
{
	l->allow = l->allow_exact = l->allow_direct = l->allow_limited = l->allow_account = TRI_FALSE;
	l->deny = TRI_FALSE;
}

static void eval_policy(eval_ctx *c, const policy *p, eval_layer layer, layer_result *l)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n_stmts; i++) {
		const stmt *s = &p->stmts[i];
		principal_match pm = PM_NONE;
		tri t = aws_eval_match_stmt(c, s, layer, &pm);
		if (t == TRI_FALSE)
			continue;
		add_reason(c->out, layer, s, t);
		if (s->effect == EFFECT_DENY) {
			l->deny = tri_or(l->deny, t);
			if (t == TRI_UNKNOWN)
				aws_eval_describe(c, s, layer, "denied if");
			continue;
		}
		l->allow = tri_or(l->allow, t);
		if (t == TRI_UNKNOWN)
			aws_eval_describe(c, s, layer, "allowed if");
		switch (pm) {
		case PM_EXACT:
			l->allow_exact = tri_or(l->allow_exact, t);
			/* fall through */
		case PM_EVERYONE:
			l->allow_direct = tri_or(l->allow_direct, t);
			break;
		case PM_ROLE:
			l->allow_limited = tri_or(l->allow_limited, t);
			break;
		case PM_ACCOUNT:
			l->allow_account = tri_or(l->allow_account, t);
			break;
		default:
			break;
		}
	}
}

/* Organization guardrails: every level of the path must allow; a level the inputs
 * say nothing about is assumed to allow (FullAWSAccess), which is the sound reading. */
static tri eval_org(eval_ctx *c, const char *account, int rcp, tri *deny)
{
	org_node *path[64];
	size_t n, i;
	tri all = TRI_TRUE;

	if (!account)
		return TRI_TRUE;
	n = model_org_path(c->m, account, path, 64);
	for (i = 0; i < n; i++) {
		policy **ps = rcp ? path[i]->rcps : path[i]->scps;
		size_t np = rcp ? path[i]->n_rcps : path[i]->n_scps, j;
		layer_result l;
		if (!np)
			continue;
		layer_init(&l);
		for (j = 0; j < np; j++)
			eval_policy(c, ps[j], rcp ? LAYER_RCP : LAYER_SCP, &l);
		*deny = tri_or(*deny, l.deny);
		all = tri_and(all, l.allow);
	}
	return all;
}

static int rcp_covers(const eval_ctx *c)
{
	static const char *const services[] = { "s3", "sts", "kms", "sqs", "secretsmanager", NULL };
	size_t i;

	if (c->res && c->res->aws_managed_key)
		return 0;
	/* RCPs do not affect resources in the management account (AWS Organizations, "RCPs") */
	if (c->r_account) {
		org_node *acct = model_find_org(c->m, c->r_account);
		if (acct && acct->management)
			return 0;
	}
	for (i = 0; services[i]; i++)
		if (c->service && !strcasecmp(c->service, services[i]))
			return 1;
	return 0;
}

static int scp_exempt(const eval_ctx *c)
{
	org_node *acct;

	if (!c->p)
		return 1;
	if (c->p->path && !strncmp(c->p->path, "/aws-service-role/", 18))
		return 1;
	acct = c->p->account ? model_find_org(c->m, c->p->account) : NULL;
	return acct && acct->management;
}

/*
 * Callers outside the model whose own side needs no policy we could see:
 * everyone ("*"), services, federated and canonical users, and account roots
 * (an account's administrators can grant its principals anything).
 */
static int outside_principal_decides(const eval_ctx *c)
{
	const char *arn = c->p_arn;
	size_t n = strlen(arn);

	if (strncmp(arn, "arn:", 4))
		return 1;
	return n > 5 && !strcmp(arn + n - 5, ":root");
}

static int is_assume_role(const char *action)
{
	return !strncasecmp(action, "sts:assumerole", 14);
}

int aws_eval(model *m, const aws_request *rq, eval_result *out)
{
	eval_ctx c;
	layer_result id, bd, rp, scp_l;
	tri identity, boundary = TRI_TRUE, total, scp = TRI_TRUE, rcp = TRI_TRUE, deny = TRI_FALSE;
	const policy *rpol = NULL;
	int rp_known, same_account, trust = 0, kms = 0;
	size_t i;

	aws_eval_ctx_init(&c, m, rq, out);
	layer_init(&id);
	layer_init(&bd);
	layer_init(&rp);
	layer_init(&scp_l);

	/* the caller's own policies; an external caller's are not ours to see: its
	 * account's administrators decide them, so they may allow */
	if (c.p) {
		for (i = 0; i < c.p->n_policies; i++)
			eval_policy(&c, c.p->policies[i], LAYER_IDENTITY, &id);
		identity = id.allow;
		if (c.p->boundary) {
			eval_policy(&c, c.p->boundary, LAYER_BOUNDARY, &bd);
			boundary = bd.allow;
		}
	} else if (outside_principal_decides(&c)) {
		identity = TRI_TRUE;
	} else {
		/* a user or role the inputs do not hold: its policies may allow */
		aws_eval_note(&c, "the policies of '%s' are not in the inputs", c.p_arn);
		identity = TRI_UNKNOWN;
	}

	/* the resource's own policy: a role's trust policy for sts:AssumeRole* (roles are
	 * principals in the model, not resources); every role has one, so a missing one
	 * is a trust policy the inputs do not hold */
	if (c.res_role && is_assume_role(rq->action)) {
		trust = 1;
		rpol = c.res_role->trust;
		rp_known = rpol != NULL;
	} else if (c.res) {
		rpol = c.res->policy;
		rp_known = c.res->policy_known;
	} else {
		rp_known = 0;
	}
	kms = c.service && !strcasecmp(c.service, "kms");
	eval_policy(&c, rpol, trust ? LAYER_TRUST : LAYER_RESOURCE, &rp);

	if (!scp_exempt(&c))
		scp = eval_org(&c, c.p_account, 0, &deny);
	if (rcp_covers(&c))
		rcp = eval_org(&c, c.r_account, 1, &deny);

	/* (a Deny with NotPrincipal always denies a caller that has a boundary: aws_eval_match_stmt) */
	deny = tri_or(deny, tri_or(id.deny, tri_or(bd.deny, rp.deny)));

	/* identity permissions are identity ∩ boundary */
	identity = tri_and(identity, boundary);
	/* an unknown resource account (S3 ARNs carry none) is read as the caller's:
	 * same-account evaluation grants more, which keeps the answer sound */
	same_account = !c.r_account || !c.p_account || c.r_account == c.p_account;
	/* a caller outside the model without an account (a service, a federated or an
	 * anonymous caller) has no identity policies: only the resource policy grants */
	if (!c.p && !c.p_account)
		same_account = 0;

	if (trust && !rp_known) {
		aws_eval_note(&c, "the trust policy of '%s' is not in the inputs", rq->resource_arn);
		total = tri_and(identity, TRI_UNKNOWN);
	} else if (trust) {
		/* the trust policy naming the caller's exact ARN in the same account needs no
		 * identity Allow; anything else (the account, everyone) does. For a role caller
		 * its exact ARN is the role ARN (role chaining): AWS documents that a
		 * same-account resource policy naming a role ARN grants without an identity
		 * Allow, limited by the boundary; we read trust policies the same way, which
		 * is the sound choice (it never hides an assumption that may succeed) */
		tri exact = tri_and(tri_or(rp.allow_exact, rp.allow_limited), boundary);
		if (same_account && c.p)
			total = tri_or(exact, tri_and(rp.allow, identity));
		else
			total = tri_and(rp.allow, identity);
	} else if (kms) {
		/* key policies must allow, directly or by delegating to the account */
		tri direct = tri_or(rp.allow_direct, tri_and(rp.allow_limited, boundary));
		tri delegated = tri_and(rp.allow_account, identity);
		if (!rp_known) {
			aws_eval_note(&c, "the key policy of '%s' is not in the inputs", rq->resource_arn);
			total = tri_and(identity, TRI_UNKNOWN);
		} else if (same_account) {
			total = tri_or(direct, delegated);
		} else {
			total = tri_and(identity, tri_or(rp.allow_direct, tri_or(rp.allow_limited, rp.allow_account)));
		}
	} else if (same_account) {
		tri rp_grant = tri_or(rp.allow_direct, tri_and(rp.allow_limited, boundary));
		total = tri_or(identity, rp_grant);
	} else {
		tri rp_any = rp.allow;
		if (!rp_known && identity != TRI_FALSE) {
			aws_eval_note(&c, "the resource policy of '%s' (account %s) is not in the inputs",
				      rq->resource_arn, c.r_account ? c.r_account : "unknown");
			rp_any = TRI_UNKNOWN;
		}
		total = tri_and(identity, rp_any);
	}
	total = tri_and(total, tri_and(scp, rcp));

	if (deny == TRI_TRUE)
		out->dec = DEC_DENY;
	else if (total == TRI_TRUE)
		out->dec = DEC_ALLOW;
	else if (total == TRI_UNKNOWN)
		out->dec = DEC_CONDITIONAL;
	else
		out->dec = DEC_IMPLICIT_DENY;
	aws_eval_finish(&c);
	return 0;
}
