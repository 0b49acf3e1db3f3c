/* Tests for diff: access added, removed and changed, findings added and resolved, the gate. */
#include "checks/diff.h"
#include "tests/test_util.h"

#define SYNTH "arn:aws:s3:::synth-train"
#define PROD "arn:aws:s3:::prod-orders"
#define ALICE "arn:aws:iam::111111111111:user/alice"
#define BOB "arn:aws:iam::111111111111:user/bob"
#define CAROL "arn:aws:iam::111111111111:user/carol"
#define PARTNER "arn:aws:iam::999988887777:root"

static const char *const no_controls[] = { NULL };

static void side_init(scan_result *r)
{
	scan_result_init(r);
	r->g = graph_new();
}

static gnode *store(scan_result *r, const char *arn, unsigned cls, const char *tenant)
{
	gnode *n = graph_add_node(r->g, GN_RESOURCE, arn);

	n->classification = cls;
	n->tenant = tenant;
	return n;
}

static gnode *who(scan_result *r, const char *arn, int external, const char *tenant)
{
	gnode *n = graph_add_node(r->g, GN_PRINCIPAL, arn);

	n->external = external;
	n->tenant = tenant;
	return n;
}

static void grant(scan_result *r, gnode *p, gnode *res, unsigned levels, decision dec, const char *const *acts, size_t n)
{
	gedge *e = graph_add_edge(r->g, GE_ACCESS, p, res);

	e->levels = levels;
	e->dec = dec;
	e->actions = graph_strings(r->g, acts, n);
	e->n_actions = n;
}

static void finish(scan_result *r)
{
	access_compute(r->g, &r->access);
	finding_list_sort(&r->findings);
}

static finding *add_finding(scan_result *r, const char *rule, severity sev, const char *subject)
{
	return finding_add(&r->findings, rule, "wildcard", sev, subject, SYNTH, NULL, "m", "r",
			   (pg_loc){ 0 }, no_controls);
}

static const char *const READ[] = { "s3:GetObject" };
static const char *const READ_WRITE[] = { "s3:GetObject", "s3:PutObject" };

static void test_added_removed_changed_access(void)
{
	scan_result b, h;
	scan_diff d;
	const diff_access *x;

	side_init(&b);
	side_init(&h);
	/* base: alice and bob read the synthetic store; alice writes production */
	grant(&b, who(&b, ALICE, 0, NULL), store(&b, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ, DEC_ALLOW, READ, 1);
	grant(&b, who(&b, BOB, 0, NULL), store(&b, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ, DEC_ALLOW, READ, 1);
	grant(&b, who(&b, ALICE, 0, NULL), store(&b, PROD, CLASS_PRODUCTION, NULL), LEVEL_WRITE, DEC_ALLOW, READ, 1);
	/* head: alice also writes it; bob is gone; carol reads it; production unchanged except it is gone */
	grant(&h, who(&h, ALICE, 0, NULL), store(&h, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ | LEVEL_WRITE,
	      DEC_ALLOW, READ_WRITE, 2);
	grant(&h, who(&h, CAROL, 0, NULL), store(&h, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ, DEC_ALLOW, READ, 1);
	finish(&b);
	finish(&h);
	scan_diff_init(&d);
	CU_ASSERT_EQUAL_FATAL(scan_diff_compute(&b, &h, &d), 0);
	CU_ASSERT_EQUAL_FATAL(d.added.count, 1);
	ASSERT_STR(d.added.items[0].principal, CAROL);
	CU_ASSERT_PTR_NULL(d.added.items[0].base);
	CU_ASSERT(d.added.items[0].widened);
	CU_ASSERT_EQUAL_FATAL(d.removed.count, 1);      /* the production entry does not count */
	ASSERT_STR(d.removed.items[0].principal, BOB);
	CU_ASSERT_PTR_NULL(d.removed.items[0].head);
	CU_ASSERT_EQUAL_FATAL(d.changed.count, 1);
	x = &d.changed.items[0];
	ASSERT_STR(x->principal, ALICE);
	ASSERT_STR(x->resource, SYNTH);
	CU_ASSERT_EQUAL(x->levels_added, LEVEL_WRITE);
	CU_ASSERT_EQUAL(x->levels_removed, 0);
	CU_ASSERT_EQUAL_FATAL(x->n_actions_added, 1);
	ASSERT_STR(x->actions_added[0], "s3:PutObject");
	CU_ASSERT_EQUAL(x->n_actions_removed, 0);
	CU_ASSERT(x->widened && !x->narrowed);
	CU_ASSERT_EQUAL(d.outside_added, 0);
	CU_ASSERT_FALSE(scan_diff_fails(&d, SEV_LOW));  /* no findings, nothing from outside */
	scan_diff_release(&d);
	scan_result_release(&b);
	scan_result_release(&h);
}

static void test_decision_and_levels_narrow_or_widen(void)
{
	scan_result b, h;
	scan_diff d;

	side_init(&b);
	side_init(&h);
	/* alice: conditional -> allow (widened); bob: allow read+write -> conditional read (narrowed) */
	grant(&b, who(&b, ALICE, 0, NULL), store(&b, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ, DEC_CONDITIONAL, READ, 1);
	grant(&b, who(&b, BOB, 0, NULL), store(&b, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ | LEVEL_WRITE, DEC_ALLOW,
	      READ_WRITE, 2);
	grant(&h, who(&h, ALICE, 0, NULL), store(&h, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ, DEC_ALLOW, READ, 1);
	grant(&h, who(&h, BOB, 0, NULL), store(&h, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ, DEC_CONDITIONAL, READ, 1);
	finish(&b);
	finish(&h);
	scan_diff_init(&d);
	scan_diff_compute(&b, &h, &d);
	CU_ASSERT_EQUAL(d.added.count + d.removed.count, 0);
	CU_ASSERT_EQUAL_FATAL(d.changed.count, 2);
	ASSERT_STR(d.changed.items[0].principal, ALICE);        /* sorted by principal */
	CU_ASSERT(d.changed.items[0].widened && !d.changed.items[0].narrowed);
	CU_ASSERT_EQUAL(d.changed.items[0].levels_added | d.changed.items[0].levels_removed, 0);
	ASSERT_STR(d.changed.items[1].principal, BOB);
	CU_ASSERT(!d.changed.items[1].widened && d.changed.items[1].narrowed);
	CU_ASSERT_EQUAL(d.changed.items[1].levels_removed, LEVEL_WRITE);
	CU_ASSERT_EQUAL_FATAL(d.changed.items[1].n_actions_removed, 1);
	ASSERT_STR(d.changed.items[1].actions_removed[0], "s3:PutObject");
	scan_diff_release(&d);
	scan_result_release(&b);
	scan_result_release(&h);
}

static void test_findings_added_resolved_raised(void)
{
	scan_result b, h;
	scan_diff d;

	side_init(&b);
	side_init(&h);
	add_finding(&b, "PG-A", SEV_HIGH, ALICE);               /* resolved */
	add_finding(&b, "PG-B", SEV_MEDIUM, ALICE);             /* kept */
	add_finding(&b, "PG-C", SEV_MEDIUM, ALICE);             /* raised to critical */
	add_finding(&b, "PG-S", SEV_LOW, BOB)->suppressed = 1;  /* suppressed: not resolved */
	add_finding(&h, "PG-B", SEV_MEDIUM, ALICE);
	add_finding(&h, "PG-C", SEV_CRITICAL, ALICE);
	add_finding(&h, "PG-D", SEV_LOW, CAROL);                /* added */
	add_finding(&h, "PG-E", SEV_HIGH, CAROL)->suppressed = 1;       /* suppressed: not added */
	finish(&b);
	finish(&h);
	scan_diff_init(&d);
	scan_diff_compute(&b, &h, &d);
	CU_ASSERT_EQUAL_FATAL(d.findings_added.count, 2);
	ASSERT_STR(d.findings_added.items[0].f->rule, "PG-C");  /* finding_list_sort's order: critical first */
	CU_ASSERT_EQUAL(d.findings_added.items[0].base_sev, SEV_MEDIUM);
	ASSERT_STR(d.findings_added.items[1].f->rule, "PG-D");
	CU_ASSERT_EQUAL(d.findings_added.items[1].base_sev, SEV_NONE);
	CU_ASSERT_EQUAL_FATAL(d.findings_resolved.count, 1);
	ASSERT_STR(d.findings_resolved.items[0].f->rule, "PG-A");
	CU_ASSERT_TRUE(scan_diff_fails(&d, SEV_CRITICAL));
	CU_ASSERT_TRUE(scan_diff_fails(&d, SEV_LOW));
	CU_ASSERT_FALSE(scan_diff_fails(&d, SEV_NONE));        /* no fail_on: findings never fail */
	scan_diff_release(&d);
	scan_result_release(&b);
	scan_result_release(&h);
}

static void test_fail_on_threshold(void)
{
	scan_result b, h;
	scan_diff d;

	side_init(&b);
	side_init(&h);
	add_finding(&h, "PG-WILDCARD-ACTION", SEV_HIGH, ALICE);
	finish(&b);
	finish(&h);
	scan_diff_init(&d);
	scan_diff_compute(&b, &h, &d);
	CU_ASSERT_TRUE(scan_diff_fails(&d, SEV_HIGH));
	CU_ASSERT_FALSE(scan_diff_fails(&d, SEV_CRITICAL));
	scan_diff_release(&d);
	scan_result_release(&b);
	scan_result_release(&h);
}

static void test_outside_tenant_rule(void)
{
	scan_result b, h;
	scan_diff d;

	side_init(&b);
	side_init(&h);
	/* base: the partner read the store (widened to write in head); carol (acme) reads globex's store */
	grant(&b, who(&b, PARTNER, 1, NULL), store(&b, SYNTH, CLASS_SYNTHETIC, "globex"), LEVEL_READ, DEC_ALLOW, READ, 1);
	grant(&b, who(&b, CAROL, 0, "acme"), store(&b, SYNTH, CLASS_SYNTHETIC, "globex"), LEVEL_READ, DEC_ALLOW, READ, 1);
	/* head: the partner also writes; carol's access is gone (removed: never fails); bob of
	 * globex gets read (same tenant: fine); alice, no tenant, gets read (fine) */
	grant(&h, who(&h, PARTNER, 1, NULL), store(&h, SYNTH, CLASS_SYNTHETIC, "globex"), LEVEL_READ | LEVEL_WRITE,
	      DEC_ALLOW, READ_WRITE, 2);
	grant(&h, who(&h, BOB, 0, "globex"), store(&h, SYNTH, CLASS_SYNTHETIC, "globex"), LEVEL_READ, DEC_ALLOW, READ, 1);
	grant(&h, who(&h, ALICE, 0, NULL), store(&h, SYNTH, CLASS_SYNTHETIC, "globex"), LEVEL_READ, DEC_ALLOW, READ, 1);
	finish(&b);
	finish(&h);
	scan_diff_init(&d);
	scan_diff_compute(&b, &h, &d);
	CU_ASSERT_EQUAL_FATAL(d.changed.count, 1);
	CU_ASSERT(d.changed.items[0].outside && d.changed.items[0].widened);
	CU_ASSERT_EQUAL_FATAL(d.added.count, 2);
	CU_ASSERT_FALSE(d.added.items[0].outside);
	CU_ASSERT_FALSE(d.added.items[1].outside);
	CU_ASSERT_EQUAL_FATAL(d.removed.count, 1);
	CU_ASSERT_TRUE(d.removed.items[0].outside);             /* for reading; it does not fail the change */
	CU_ASSERT_EQUAL(d.outside_added, 1);
	CU_ASSERT_TRUE(scan_diff_fails(&d, SEV_NONE));
	scan_diff_release(&d);
	scan_result_release(&b);
	scan_result_release(&h);

	/* another SaaS tenant's principal gaining access fails; narrowing outside access does not */
	side_init(&b);
	side_init(&h);
	grant(&b, who(&b, PARTNER, 1, NULL), store(&b, SYNTH, CLASS_SYNTHETIC, "globex"), LEVEL_READ | LEVEL_WRITE,
	      DEC_ALLOW, READ_WRITE, 2);
	grant(&h, who(&h, PARTNER, 1, NULL), store(&h, SYNTH, CLASS_SYNTHETIC, "globex"), LEVEL_READ, DEC_ALLOW, READ, 1);
	grant(&h, who(&h, CAROL, 0, "acme"), store(&h, SYNTH, CLASS_SYNTHETIC, "globex"), LEVEL_READ, DEC_ALLOW, READ, 1);
	finish(&b);
	finish(&h);
	scan_diff_init(&d);
	scan_diff_compute(&b, &h, &d);
	CU_ASSERT_EQUAL_FATAL(d.changed.count, 1);
	CU_ASSERT(d.changed.items[0].narrowed && !d.changed.items[0].widened);
	CU_ASSERT_EQUAL_FATAL(d.added.count, 1);
	CU_ASSERT_TRUE(d.added.items[0].outside);
	CU_ASSERT_EQUAL(d.outside_added, 1);
	scan_diff_release(&d);
	scan_result_release(&b);
	scan_result_release(&h);
}

static void test_empty_diff(void)
{
	scan_result b, h;
	scan_diff d;

	side_init(&b);
	side_init(&h);
	grant(&b, who(&b, PARTNER, 1, NULL), store(&b, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ, DEC_ALLOW, READ, 1);
	grant(&h, who(&h, PARTNER, 1, NULL), store(&h, SYNTH, CLASS_SYNTHETIC, NULL), LEVEL_READ, DEC_ALLOW, READ, 1);
	add_finding(&b, "PG-CROSS-TENANT-REACH", SEV_CRITICAL, PARTNER);
	add_finding(&h, "PG-CROSS-TENANT-REACH", SEV_CRITICAL, PARTNER);
	finish(&b);
	finish(&h);
	scan_diff_init(&d);
	scan_diff_compute(&b, &h, &d);
	CU_ASSERT_EQUAL(d.added.count + d.removed.count + d.changed.count, 0);
	CU_ASSERT_EQUAL(d.findings_added.count + d.findings_resolved.count, 0);
	CU_ASSERT_FALSE(scan_diff_fails(&d, SEV_LOW));  /* what was already there does not fail a change */
	scan_diff_release(&d);
	scan_result_release(&b);
	scan_result_release(&h);
}

static void test_bad_arguments(void)
{
	scan_result b;
	scan_diff d;

	scan_result_init(&b);
	scan_diff_init(&d);
	CU_ASSERT_EQUAL(scan_diff_compute(NULL, &b, &d), PG_EINTERNAL);
	CU_ASSERT_EQUAL(scan_diff_compute(&b, NULL, &d), PG_EINTERNAL);
	CU_ASSERT_EQUAL(scan_diff_compute(&b, &b, NULL), PG_EINTERNAL);
	CU_ASSERT_EQUAL(scan_diff_compute(&b, &b, &d), 0);     /* two empty results: an empty diff */
	CU_ASSERT_EQUAL(d.added.count + d.findings_added.count, 0);
	scan_diff_release(&d);
	scan_diff_release(NULL);
	scan_result_release(&b);
}

TEST_SUITE(diff)
{
	static const test_case cases[] = {
		{ "diff__added_removed_changed_access", test_added_removed_changed_access },
		{ "diff__decision_and_levels_narrow_or_widen", test_decision_and_levels_narrow_or_widen },
		{ "diff__findings_added_resolved_raised", test_findings_added_resolved_raised },
		{ "diff__fail_on_threshold", test_fail_on_threshold },
		{ "diff__outside_tenant_rule", test_outside_tenant_rule },
		{ "diff__empty_diff", test_empty_diff },
		{ "diff__bad_arguments", test_bad_arguments },
		{ NULL, NULL }
	};
	return test_register("diff", cases);
}
