/*
 * Tests for checks/check_model: the provenance, guardrail, wildcard, public
 * and trust checks over hand-made exports (fixtures/checks), read through
 * ingest_paths as the CLI does and classified with fixtures/checks/permgraph.yaml.
 * Each rule fires on its case and not on the fixed one beside it.
 */
#include "checks/check_model.h"
#include "model/classify.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#define FX "fixtures/checks/"

typedef void (*check_fn)(const model *, const config *, finding_list *);

typedef struct run {
	loaded l;
	config *cfg;
	finding_list out;
} run;

static void run_check(run *r, check_fn fn, const char *const *paths, size_t n, int defaults)
{
	diag_list dl;
	size_t i;

	diag_list_init(&dl);
	r->cfg = NULL;
	if (defaults)
		r->cfg = config_defaults();
	else if (config_load_file(&r->cfg, FX "permgraph.yaml", &dl) < 0)
		diag_list_print(stderr, &dl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->cfg);
	diag_list_release(&dl);
	load(&r->l, paths, n);
	if (r->l.err)
		diag_list_print(stderr, &r->l.diags);
	CU_ASSERT_EQUAL(r->l.err, 0);
	classify_apply(r->l.m, r->cfg, NULL);
	finding_list_init(&r->out);
	fn(r->l.m, r->cfg, &r->out);
	finding_list_sort(&r->out);
	/* PG_DUMP=1 prints what the checks found: the way to read new fixture positions */
	if (getenv("PG_DUMP"))
		for (i = 0; i < r->out.count; i++) {
			const finding *f = &r->out.items[i];
			fprintf(stderr, "%s %s %s p=%s r=%s %s:%u:%u\n  %s\n  fix: %s\n", f->id, f->rule,
				severity_name(f->sev), f->principal ? f->principal : "-", f->resource ? f->resource : "-",
				f->loc.file ? f->loc.file : "-", f->loc.line, f->loc.col, f->message, f->remediation);
		}
}

static void run_free(run *r)
{
	finding_list_release(&r->out);
	config_free(r->cfg);
	unload(&r->l);
}

/* The one finding of rule on resource what (NULL: none) for principal who (NULL: any); NULL and a failure unless exactly one. */
static const finding *find(const run *r, const char *rule, const char *what, const char *who)
{
	const finding *hit = NULL;
	size_t i, n = 0;

	for (i = 0; i < r->out.count; i++) {
		const finding *f = &r->out.items[i];
		if (strcmp(f->rule, rule) || (what ? !f->resource || strcmp(f->resource, what) : f->resource != NULL) ||
		    (who && (!f->principal || strcmp(f->principal, who))))
			continue;
		hit = f;
		n++;
	}
	CU_ASSERT_EQUAL(n, 1);
	if (n != 1)
		fprintf(stderr, "\n%zu findings of %s on %s for %s\n", n, rule, what ? what : "(none)",
			who ? who : "(any)");
	return n == 1 ? hit : NULL;
}

/* How many findings of rule on resource what (NULL: any resource). */
static size_t count(const run *r, const char *rule, const char *what)
{
	size_t i, n = 0;

	for (i = 0; i < r->out.count; i++)
		n += !strcmp(r->out.items[i].rule, rule) &&
		     (!what || (r->out.items[i].resource && !strcmp(r->out.items[i].resource, what)));
	return n;
}

static void expect_at(const finding *f, const char *file, unsigned line, unsigned col)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	ASSERT_STR(f->loc.file, file);
	CU_ASSERT_EQUAL(f->loc.line, line);
	CU_ASSERT_EQUAL(f->loc.col, col);
	if (!f->loc.file || strcmp(f->loc.file, file) || f->loc.line != line || f->loc.col != col)
		fprintf(stderr, "\n%s at %s:%u:%u, expected %s:%u:%u\n", f->rule, f->loc.file ? f->loc.file : "-",
			f->loc.line, f->loc.col, file, line, col);
}

static int has_text(const finding *f, const char *part)
{
	return f && f->message && strstr(f->message, part) != NULL;
}

/* --- provenance ------------------------------------------------------------------ */

#define PROV FX "provenance/manifest.yaml"
#define PROV_AZ FX "provenance/az-resources.json"
#define AZ_SUB "/subscriptions/0b1d0000-1111-4222-8333-000000000001"
#define ST_MISSING AZ_SUB "/resourcegroups/synthetic-rg/providers/microsoft.storage/storageaccounts/stsynthmissing"

static const char *const prov_paths[] = { PROV, PROV_AZ };

static void checks_model__provenance_missing_tag(void)
{
	run r;
	const finding *f;

	run_check(&r, check_provenance, prov_paths, 2, 0);
	f = find(&r, "PG-PROVENANCE-MISSING-TAG", "arn:aws:s3:::synth-missing", NULL);
	expect_at(f, PROV, 4, 5);
	CU_ASSERT(has_text(f, "lacks provenance tags 'synthetic:created' (empty), 'synthetic:purpose'"));
	ASSERT_STR(f->category, "provenance");
	CU_ASSERT_EQUAL(f->sev, SEV_MEDIUM);
	CU_ASSERT_PTR_NULL(f->principal);
	ASSERT_STR(f->controls[0], "NIST SP 800-53 AU-10");
	ASSERT_STR(f->controls[1], "NIST SP 800-53 CM-8");
	CU_ASSERT(strstr(f->remediation, "synthetic:created=") != NULL);
	/* AWS tag keys are case-sensitive: Synthetic:Generator is not synthetic:generator */
	f = find(&r, "PG-PROVENANCE-MISSING-TAG", "arn:aws:s3:::synth-wrong-case", NULL);
	expect_at(f, PROV, 15, 5);
	CU_ASSERT(has_text(f, "lacks provenance tag 'synthetic:generator'"));
	/* Azure tag names are not: stsynthtagged is complete */
	f = find(&r, "PG-PROVENANCE-MISSING-TAG", ST_MISSING, NULL);
	expect_at(f, PROV_AZ, 2, 3);
	CU_ASSERT(has_text(f, "storageAccounts/stsynthmissing' lacks provenance tags 'synthetic:created', 'synthetic:purpose'"));
	/* fixed: every tag present; not synthetic: not checked */
	CU_ASSERT_EQUAL(count(&r, "PG-PROVENANCE-MISSING-TAG", "arn:aws:s3:::synth-tagged"), 0);
	CU_ASSERT_EQUAL(count(&r, "PG-PROVENANCE-MISSING-TAG", "arn:aws:s3:::prod-exports"), 0);
	CU_ASSERT_EQUAL(count(&r, "PG-PROVENANCE-MISSING-TAG", NULL), 3);
	run_free(&r);
}

static void checks_model__provenance_tags_unknown(void)
{
	run r;
	const finding *f;

	run_check(&r, check_provenance, prov_paths, 2, 0);
	f = find(&r, "PG-PROVENANCE-TAGS-UNKNOWN", "arn:aws:s3:::synth-untagged", NULL);
	expect_at(f, PROV, 21, 5);
	CU_ASSERT_EQUAL(f->sev, SEV_LOW);
	CU_ASSERT(has_text(f, "cannot be checked"));
	CU_ASSERT_EQUAL(count(&r, "PG-PROVENANCE-TAGS-UNKNOWN", NULL), 1);
	CU_ASSERT_EQUAL(count(&r, "PG-PROVENANCE-MISSING-TAG", "arn:aws:s3:::synth-untagged"), 0);
	run_free(&r);
}

/* The required tags are the config's: with only synthetic:generator required, synth-missing is complete. */
static void checks_model__provenance_follows_config(void)
{
	static const char text[] = "classify:\n  synthetic:\n    - arn: \"arn:aws:s3:::synth-*\"\n"
				   "provenance:\n  required_tags: [synthetic:generator]\n";
	diag_list dl;
	config *c = NULL;
	loaded l;
	finding_list out;

	diag_list_init(&dl);
	CU_ASSERT_EQUAL_FATAL(config_load_buffer(&c, "inline.yaml", text, strlen(text), &dl), 0);
	load(&l, prov_paths, 1);
	classify_apply(l.m, c, NULL);
	finding_list_init(&out);
	check_provenance(l.m, c, &out);
	finding_list_sort(&out);
	CU_ASSERT_EQUAL(out.count, 2);  /* synth-wrong-case, and synth-untagged cannot be checked */
	CU_ASSERT(out.count == 2 && !strcmp(out.items[0].resource, "arn:aws:s3:::synth-wrong-case") &&
		  !strcmp(out.items[1].rule, "PG-PROVENANCE-TAGS-UNKNOWN"));
	finding_list_release(&out);
	unload(&l);
	config_free(c);
	diag_list_release(&dl);
}

/* --- guardrail -------------------------------------------------------------------- */

#define GUARD FX "guardrail/manifest.yaml"
#define ORG FX "guardrail/organization.yaml"

static const char *const guard_paths[] = { GUARD, ORG };

static void checks_model__guardrail_no_deny(void)
{
	run r;
	const finding *f;

	run_check(&r, check_guardrail, guard_paths, 2, 0);
	/* a Deny for Principal "*" on aws:SecureTransport is no perimeter */
	f = find(&r, "PG-GUARDRAIL-NO-DENY", "arn:aws:s3:::synth-unguarded", NULL);
	expect_at(f, GUARD, 7, 7);
	ASSERT_STR(f->category, "guardrail");
	CU_ASSERT_EQUAL(f->sev, SEV_MEDIUM);
	ASSERT_STR(f->controls[0], "NIST SP 800-53 AC-3");
	ASSERT_STR(f->controls[1], "NIST SP 800-53 AC-4");
	CU_ASSERT(strstr(f->remediation, "\"aws:PrincipalOrgID\": \"o-abc123\"") != NULL);
	CU_ASSERT(strstr(f->remediation, "\"arn:aws:s3:::synth-unguarded/*\"") != NULL);
	/* a Deny of s3:GetObject only, and one on the bucket but not its objects */
	expect_at(find(&r, "PG-GUARDRAIL-NO-DENY", "arn:aws:s3:::synth-partial", NULL), GUARD, 41, 7);
	expect_at(find(&r, "PG-GUARDRAIL-NO-DENY", "arn:aws:s3:::synth-bucket-only", NULL), GUARD, 52, 7);
	/* no policy at all: located at the store */
	f = find(&r, "PG-GUARDRAIL-NO-DENY", "arn:aws:s3:::synth-nopolicy", NULL);
	expect_at(f, GUARD, 60, 5);
	CU_ASSERT(has_text(f, "has no resource policy"));
	/* fixed: an org Deny in the policy, a NotPrincipal Deny, an RCP; RDS has no resource policy */
	CU_ASSERT_EQUAL(count(&r, "PG-GUARDRAIL-NO-DENY", NULL), 4);
	CU_ASSERT_EQUAL(count(&r, "PG-GUARDRAIL-NO-DENY", "arn:aws:s3:::synth-guarded"), 0);
	CU_ASSERT_EQUAL(count(&r, "PG-GUARDRAIL-NO-DENY", "arn:aws:s3:::synth-rcp"), 0);
	CU_ASSERT_EQUAL(count(&r, "PG-GUARDRAIL-NO-DENY", "arn:aws:sqs:eu-west-1:111111111111:synth-queue"), 0);
	CU_ASSERT_EQUAL(r.out.count, 5);
	run_free(&r);
}

static void checks_model__guardrail_policy_unknown(void)
{
	run r;
	const finding *f;

	run_check(&r, check_guardrail, guard_paths, 2, 0);
	f = find(&r, "PG-GUARDRAIL-POLICY-UNKNOWN", "arn:aws:s3:::synth-unknown", NULL);
	expect_at(f, GUARD, 63, 5);
	CU_ASSERT_EQUAL(f->sev, SEV_LOW);
	CU_ASSERT_EQUAL(count(&r, "PG-GUARDRAIL-POLICY-UNKNOWN", NULL), 1);
	run_free(&r);
}

/* Without the organization input, the RCP that guarded synth-rcp is gone. */
static void checks_model__guardrail_rcp_counts(void)
{
	run r;

	run_check(&r, check_guardrail, guard_paths, 1, 0);
	expect_at(find(&r, "PG-GUARDRAIL-NO-DENY", "arn:aws:s3:::synth-rcp", NULL), GUARD, 65, 5);
	CU_ASSERT_EQUAL(count(&r, "PG-GUARDRAIL-NO-DENY", NULL), 5);
	run_free(&r);
}

/* --- wildcard --------------------------------------------------------------------- */

#define WAUTHZ FX "wildcard/authz.yaml"
#define WRES FX "wildcard/manifest.yaml"
#define WROLES FX "wildcard/az-roledefs.json"
#define WASSIGN FX "wildcard/az-assignments.json"
#define ALICE "arn:aws:iam::111111111111:user/alice"
#define KEY "arn:aws:kms:eu-west-1:111111111111:key/1b2c3d4e-5f60-4718-293a-4b5c6d7e8f90"

static const char *const wild_paths[] = { WAUTHZ, WRES, WROLES, WASSIGN };

static void checks_model__wildcard_action(void)
{
	run r;
	const finding *f;

	run_check(&r, check_wildcard, wild_paths, 4, 0);
	/* an inline policy: the owner is the principal */
	f = find(&r, "PG-WILDCARD-ACTION", NULL, ALICE);
	expect_at(f, WAUTHZ, 97, 23);
	ASSERT_STR(f->category, "wildcard");
	CU_ASSERT_EQUAL(f->sev, SEV_HIGH);
	CU_ASSERT(has_text(f, "inline policy 'break-glass' of '" ALICE "' statement 'Everything' allows every action "
			      "('*') on resource '*': full administrator access"));
	CU_ASSERT(f->n_actions == 1 && !strcmp(f->actions[0], "*"));
	ASSERT_STR(f->controls[1], "NIST SP 800-53 AC-6(1)");
	/* fixed: unattached, a non-default version, a service-linked role's AWS policy */
	CU_ASSERT_EQUAL(count(&r, "PG-WILDCARD-ACTION", NULL), 1);
	/* a statement reported for '*' is not reported again for Resource "*" */
	CU_ASSERT_EQUAL(count(&r, "PG-WILDCARD-RESOURCE", NULL), 1);
	run_free(&r);
}

static void checks_model__wildcard_service(void)
{
	run r;
	const finding *f;

	run_check(&r, check_wildcard, wild_paths, 4, 0);
	/* a managed policy: reported once, as the policy, however many principals hold it */
	f = find(&r, "PG-WILDCARD-SERVICE", "arn:aws:iam::111111111111:policy/s3-all", NULL);
	expect_at(f, WAUTHZ, 15, 24);
	CU_ASSERT_PTR_NULL(f->principal);
	CU_ASSERT_EQUAL(f->sev, SEV_MEDIUM);
	CU_ASSERT(has_text(f, "(attached to 2 principals) statement 'S3All' allows every action of 's3:*'"));
	expect_at(find(&r, "PG-WILDCARD-SERVICE", NULL, ALICE), WAUTHZ, 104, 24);
	/* a key policy: the grant to a role is reported, the delegation to the account root is not */
	f = find(&r, "PG-WILDCARD-SERVICE", KEY, NULL);
	expect_at(f, WRES, 16, 19);
	CU_ASSERT(has_text(f, "statement 'KeyAdmins'"));
	CU_ASSERT_EQUAL(count(&r, "PG-WILDCARD-SERVICE", NULL), 3);
	run_free(&r);
}

static void checks_model__wildcard_resource(void)
{
	run r;
	const finding *f;

	run_check(&r, check_wildcard, wild_paths, 4, 0);
	f = find(&r, "PG-WILDCARD-RESOURCE", "arn:aws:iam::111111111111:policy/writers", NULL);
	expect_at(f, WAUTHZ, 33, 15);
	CU_ASSERT_EQUAL(f->sev, SEV_HIGH);      /* iam:PutRolePolicy is permissions management */
	CU_ASSERT(f->n_actions == 2 && !strcmp(f->actions[0], "s3:putobject") &&
		  !strcmp(f->actions[1], "iam:putrolepolicy"));
	CU_ASSERT(has_text(f, "statement 'WriteAnywhere' allows 2 write or permissions-management actions"));
	/* fixed: read actions on "*", writes on a named resource, "*" in a bucket policy */
	CU_ASSERT_EQUAL(count(&r, "PG-WILDCARD-RESOURCE", NULL), 1);
	run_free(&r);
}

static void checks_model__wildcard_not_action(void)
{
	run r;
	const finding *f;

	run_check(&r, check_wildcard, wild_paths, 4, 0);
	f = find(&r, "PG-WILDCARD-NOT-ACTION", "arn:aws:iam::111111111111:policy/power-user", NULL);
	expect_at(f, WAUTHZ, 54, 15);
	CU_ASSERT(has_text(f, "statement 1 allows every action except the 2 listed in 'NotAction'"));
	CU_ASSERT_EQUAL(count(&r, "PG-WILDCARD-NOT-ACTION", NULL), 1);
	run_free(&r);
}

static void checks_model__wildcard_azure_role(void)
{
	run r;
	const finding *f;

	run_check(&r, check_wildcard, wild_paths, 4, 0);
	f = find(&r, "PG-AZ-WILDCARD-ROLE", "c0000000-0000-4000-8000-000000000001", NULL);
	expect_at(f, WROLES, 8, 20);
	CU_ASSERT_EQUAL(f->sev, SEV_HIGH);
	CU_ASSERT(has_text(f, "custom role 'Synthetic Platform Admin': '*' in actions"));
	f = find(&r, "PG-AZ-WILDCARD-ROLE", "c0000000-0000-4000-8000-000000000002", NULL);
	expect_at(f, WROLES, 20, 62);
	CU_ASSERT(has_text(f, "'Microsoft.Authorization/*' in actions grants access management"));
	/* fixed: named operations only */
	CU_ASSERT_EQUAL(count(&r, "PG-AZ-WILDCARD-ROLE", NULL), 2);
	run_free(&r);
}

static void checks_model__wildcard_azure_broad_assignment(void)
{
	run r;
	const finding *f;

	run_check(&r, check_wildcard, wild_paths, 4, 0);
	f = find(&r, "PG-AZ-BROAD-ASSIGNMENT", AZ_SUB, "0a000000-0000-4000-8000-00000000aaaa");
	expect_at(f, WASSIGN, 2, 3);
	CU_ASSERT_EQUAL(f->sev, SEV_MEDIUM);
	ASSERT_STR(f->controls[1], "NIST SP 800-53 AC-6(5)");
	CU_ASSERT(has_text(f, "'alice@contoso.example' holds Owner at subscription"));
	f = find(&r, "PG-AZ-BROAD-ASSIGNMENT", "/providers/microsoft.management/managementgroups/synthetic-data",
		 "0b000000-0000-4000-8000-00000000bbbb");
	expect_at(f, WASSIGN, 22, 3);
	CU_ASSERT(has_text(f, "holds Contributor at management group"));
	/* fixed: Owner at a resource group, Reader at the subscription */
	CU_ASSERT_EQUAL(count(&r, "PG-AZ-BROAD-ASSIGNMENT", NULL), 2);
	run_free(&r);
}

/* --- public-access ------------------------------------------------------------------ */

#define PUB FX "public/manifest.yaml"
#define TRUST FX "trust/authz.yaml"

static void checks_model__public_principal(void)
{
	static const char *const paths[] = { PUB, TRUST };
	run r;
	const finding *f;

	run_check(&r, check_public, paths, 2, 0);
	f = find(&r, "PG-PUBLIC-PRINCIPAL", "arn:aws:s3:::synth-public", "*");
	expect_at(f, PUB, 11, 22);
	ASSERT_STR(f->category, "public-access");
	CU_ASSERT_EQUAL(f->sev, SEV_CRITICAL);  /* a synthetic store */
	CU_ASSERT(f->n_actions == 1 && !strcmp(f->actions[0], "s3:getobject"));
	ASSERT_STR(f->controls[2], "NIST SP 800-53 SC-7");
	/* conditions that do not restrict the caller: TLS, a "*" ARN pattern, a negated org test */
	expect_at(find(&r, "PG-PUBLIC-PRINCIPAL", "arn:aws:s3:::synth-tls-only", "*"), PUB, 32, 28);
	expect_at(find(&r, "PG-PUBLIC-PRINCIPAL", "arn:aws:s3:::synth-any-arn", "*"), PUB, 42, 22);
	f = find(&r, "PG-PUBLIC-PRINCIPAL", "arn:aws:s3:::prod-outside-org", "*");
	expect_at(f, PUB, 69, 22);
	CU_ASSERT_EQUAL(f->sev, SEV_HIGH);      /* not synthetic */
	/* Allow with NotPrincipal: everyone else */
	f = find(&r, "PG-PUBLIC-PRINCIPAL", "arn:aws:sns:eu-west-1:111111111111:alerts", "*");
	expect_at(f, PUB, 79, 31);
	CU_ASSERT(has_text(f, "everyone not named in 'NotPrincipal'"));
	/* a trust policy open to everyone */
	expect_at(find(&r, "PG-PUBLIC-PRINCIPAL", "arn:aws:iam::111111111111:role/open-to-all", "*"), TRUST, 107, 28);
	/* fixed: aws:PrincipalOrgID, a perimeter Deny beside the Allow, kms:CallerAccount */
	CU_ASSERT_EQUAL(count(&r, "PG-PUBLIC-PRINCIPAL", "arn:aws:s3:::synth-org-only"), 0);
	CU_ASSERT_EQUAL(count(&r, "PG-PUBLIC-PRINCIPAL", "arn:aws:s3:::synth-perimeter"), 0);
	CU_ASSERT_EQUAL(count(&r, "PG-PUBLIC-PRINCIPAL", NULL), 6);
	CU_ASSERT_EQUAL(r.out.count, 6);
	run_free(&r);
}

/* --- cross-tenant trust ------------------------------------------------------------- */

static const char *const trust_paths[] = { TRUST };

static void checks_model__trust_external_account(void)
{
	run r;
	const finding *f;

	run_check(&r, check_trust, trust_paths, 1, 0);
	f = find(&r, "PG-TRUST-EXTERNAL-ACCOUNT", "arn:aws:iam::111111111111:role/vendor-open",
		 "arn:aws:iam::999999999999:root");
	expect_at(f, TRUST, 18, 29);
	ASSERT_STR(f->category, "cross-tenant");
	CU_ASSERT_EQUAL(f->sev, SEV_HIGH);
	ASSERT_STR(f->controls[1], "NIST SP 800-53 AC-20");
	CU_ASSERT(strstr(f->remediation, "sts:ExternalId") != NULL);
	/* ...IfExists lets a request without an external id through */
	expect_at(find(&r, "PG-TRUST-EXTERNAL-ACCOUNT", "arn:aws:iam::111111111111:role/vendor-if-exists", NULL), TRUST,
		  40, 28);
	/* an organization condition naming another organization */
	expect_at(find(&r, "PG-TRUST-EXTERNAL-ACCOUNT", "arn:aws:iam::111111111111:role/other-org", NULL), TRUST, 64, 28);
	/* NotAction that leaves sts:AssumeRole allowed; an account id is its root */
	expect_at(find(&r, "PG-TRUST-EXTERNAL-ACCOUNT", "arn:aws:iam::111111111111:role/not-action",
		       "arn:aws:iam::777777777777:root"), TRUST, 86, 28);
	/* fixed: a trusted account (222222222222), an external id, our organization, accounts of the
	 * inputs, a service, and "*" (public-access's) */
	CU_ASSERT_EQUAL(count(&r, "PG-TRUST-EXTERNAL-ACCOUNT", "arn:aws:iam::111111111111:role/vendor-open"), 1);
	CU_ASSERT_EQUAL(r.out.count, 4);
	run_free(&r);
}

/* Without a config: no trusted accounts, and any organization condition counts (ours is unknown). */
static void checks_model__trust_defaults(void)
{
	run r;

	run_check(&r, check_trust, trust_paths, 1, 1);
	find(&r, "PG-TRUST-EXTERNAL-ACCOUNT", "arn:aws:iam::111111111111:role/vendor-open",
	     "arn:aws:iam::222222222222:root");
	CU_ASSERT_EQUAL(count(&r, "PG-TRUST-EXTERNAL-ACCOUNT", "arn:aws:iam::111111111111:role/other-org"), 0);
	CU_ASSERT_EQUAL(count(&r, "PG-TRUST-EXTERNAL-ACCOUNT", "arn:aws:iam::111111111111:role/org-member"), 0);
	CU_ASSERT_EQUAL(r.out.count, 4);
	run_free(&r);
}

/* --- every check ---------------------------------------------------------------------- */

static const char *const all_paths[] = { PROV, PROV_AZ, GUARD, ORG, PUB, TRUST, WAUTHZ, WRES, WROLES, WASSIGN };

static void run_all(finding_list *out, const config *c, loaded *l)
{
	finding_list_init(out);
	check_provenance(l->m, c, out);
	check_guardrail(l->m, c, out);
	check_wildcard(l->m, c, out);
	check_public(l->m, c, out);
	check_trust(l->m, c, out);
	finding_list_sort(out);
}

/* Two runs over the same inputs give the same findings in the same order; ids are distinct. */
static void checks_model__fingerprints_stable(void)
{
	run r;
	finding_list again;
	size_t i, j;

	run_check(&r, check_provenance, all_paths, 10, 0);
	finding_list_release(&r.out);
	run_all(&r.out, r.cfg, &r.l);
	run_all(&again, r.cfg, &r.l);
	CU_ASSERT(r.out.count > 30);
	CU_ASSERT_EQUAL_FATAL(r.out.count, again.count);
	for (i = 0; i < r.out.count; i++) {
		ASSERT_STR(r.out.items[i].id, again.items[i].id);
		ASSERT_STR(r.out.items[i].message, again.items[i].message);
		for (j = i + 1; j < r.out.count; j++)
			CU_ASSERT(strcmp(r.out.items[i].id, r.out.items[j].id) != 0);
	}
	finding_list_release(&again);
	run_free(&r);
}

/* Ids hang on rule, principal, resource and Sid, not on positions: the same statement elsewhere keeps its id. */
static void checks_model__fingerprint_ignores_position(void)
{
	static const char a[] = "permgraph: resources/1\nresources:\n  - arn: arn:aws:s3:::synth-x\n    policy:\n"
				"      Statement:\n        - {Sid: Open, Effect: Allow, Principal: \"*\", Action: s3:GetObject, "
				"Resource: \"arn:aws:s3:::synth-x/*\"}\n";
	static const char b[] = "# moved down\n\npermgraph: resources/1\nresources:\n  - arn: arn:aws:s3:::synth-x\n"
				"    policy:\n      Version: \"2012-10-17\"\n      Statement:\n        - Sid: Open\n"
				"          Effect: Allow\n          Principal: \"*\"\n          Action: s3:GetObject\n"
				"          Resource: \"arn:aws:s3:::synth-x/*\"\n";
	scratch s;
	run r1, r2;
	const char *pa, *pb;

	scratch_init(&s);
	pa = scratch_file(&s, NULL, "a.yaml", a);
	pb = scratch_file(&s, NULL, "b.yaml", b);
	run_check(&r1, check_public, &pa, 1, 0);
	run_check(&r2, check_public, &pb, 1, 0);
	CU_ASSERT_EQUAL_FATAL(r1.out.count, 1);
	CU_ASSERT_EQUAL_FATAL(r2.out.count, 1);
	CU_ASSERT(r1.out.items[0].loc.line != r2.out.items[0].loc.line);
	ASSERT_STR(r1.out.items[0].id, r2.out.items[0].id);
	run_free(&r1);
	run_free(&r2);
	scratch_free(&s, NULL);
}

/* An empty model, and one without classification (no config rules match): nothing, no crash. */
static void checks_model__invalid_actions(void)
{
	static const char *const paths[] = { FX "invalid-actions.json" };
	run r;
	const finding *f;

	run_check(&r, check_invalid, paths, 1, 1);
	/* s3:GetObjekt, s3:Xyz* (matches nothing) on the role; the managed policy's Deny */
	CU_ASSERT_EQUAL(count(&r, "PG-POLICY-UNKNOWN-ACTION", "arn:aws:iam::111111111111:role/typos"), 2);
	CU_ASSERT_EQUAL(count(&r, "PG-POLICY-UNKNOWN-ACTION", NULL), 3);
	/* a misspelt Deny protects nothing: worse than a misspelt Allow */
	f = find(&r, "PG-POLICY-UNKNOWN-ACTION", "arn:aws:iam::111111111111:policy/guard", NULL);
	CU_ASSERT_EQUAL(f ? f->sev : SEV_NONE, SEV_HIGH);
	expect_at(f, FX "invalid-actions.json", 39, 56);
	CU_ASSERT(f && f->n_actions == 1 && !strcmp(f->actions[0], "s3:deleteobjekt"));
	f = find(&r, "PG-POLICY-UNKNOWN-SERVICE", "arn:aws:iam::111111111111:role/typos", NULL);
	CU_ASSERT(f && has_text(f, "'s4:getobject'"));
	ASSERT_STR(f ? f->category : NULL, "invalid-policy");
	/* s3:Get* and s3:ListBucket are fine */
	CU_ASSERT_EQUAL(r.out.count, 4);
	run_free(&r);
}

static void checks_model__empty_and_unclassified(void)
{
	config *c = config_defaults();
	model *m = model_new();
	loaded l;
	finding_list out;

	model_finalize(m, NULL);
	classify_apply(m, c, NULL);
	run_all(&out, c, &(loaded){ .m = m });
	CU_ASSERT_EQUAL(out.count, 0);
	finding_list_release(&out);
	model_free(m);
	/* under the defaults nothing in the guardrail fixture is synthetic but the tagged queue and database */
	load(&l, guard_paths, 2);
	classify_apply(l.m, c, NULL);
	finding_list_init(&out);
	check_guardrail(l.m, c, &out);
	CU_ASSERT_EQUAL(out.count, 0);
	finding_list_release(&out);
	unload(&l);
	config_free(c);
}

TEST_SUITE(checks_model)
{
	static const test_case cases[] = {
		{ "checks_model__invalid_actions", checks_model__invalid_actions },
		{ "checks_model__provenance_missing_tag", checks_model__provenance_missing_tag },
		{ "checks_model__provenance_tags_unknown", checks_model__provenance_tags_unknown },
		{ "checks_model__provenance_follows_config", checks_model__provenance_follows_config },
		{ "checks_model__guardrail_no_deny", checks_model__guardrail_no_deny },
		{ "checks_model__guardrail_policy_unknown", checks_model__guardrail_policy_unknown },
		{ "checks_model__guardrail_rcp_counts", checks_model__guardrail_rcp_counts },
		{ "checks_model__wildcard_action", checks_model__wildcard_action },
		{ "checks_model__wildcard_service", checks_model__wildcard_service },
		{ "checks_model__wildcard_resource", checks_model__wildcard_resource },
		{ "checks_model__wildcard_not_action", checks_model__wildcard_not_action },
		{ "checks_model__wildcard_azure_role", checks_model__wildcard_azure_role },
		{ "checks_model__wildcard_azure_broad_assignment", checks_model__wildcard_azure_broad_assignment },
		{ "checks_model__public_principal", checks_model__public_principal },
		{ "checks_model__trust_external_account", checks_model__trust_external_account },
		{ "checks_model__trust_defaults", checks_model__trust_defaults },
		{ "checks_model__fingerprints_stable", checks_model__fingerprints_stable },
		{ "checks_model__fingerprint_ignores_position", checks_model__fingerprint_ignores_position },
		{ "checks_model__empty_and_unclassified", checks_model__empty_and_unclassified },
		{ NULL, NULL }
	};
	return test_register("checks_model", cases);
}
