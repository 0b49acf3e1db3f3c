/* Tests for finding: fingerprints, copies, ordering, counts. */
#include "checks/finding.h"
#include "tests/test_util.h"

static const char *const controls[] = { "NIST SP 800-53 AC-6", NULL };

static void test_fingerprint_is_stable_and_discriminating(void)
{
	finding_list l;
	pg_loc at = { "a.json", 3, 5 }, elsewhere = { "b.json", 9, 1 };
	finding *a, *b, *c, *d;

	finding_list_init(&l);
	a = finding_add(&l, "PG-X", "wildcard", SEV_HIGH, "arn:p", "arn:r", NULL, "m1", "fix", at, controls);
	b = finding_add(&l, "PG-X", "wildcard", SEV_HIGH, "arn:p", "arn:r", NULL, "other text", "fix", elsewhere, controls);
	c = finding_add(&l, "PG-X", "wildcard", SEV_HIGH, "arn:p", "arn:r", "iam-001", "m1", "fix", at, controls);
	d = finding_add(&l, "PG-X", "wildcard", SEV_HIGH, "arn:pa", "rn:r", NULL, "m1", "fix", at, controls);
	/* a..c may move in the array on growth: compare ids through the list */
	(void)a; (void)b; (void)c; (void)d;
	CU_ASSERT_EQUAL(strlen(l.items[0].id), 16);
	ASSERT_STR(l.items[0].id, l.items[1].id);          /* messages and places do not count */
	CU_ASSERT(strcmp(l.items[0].id, l.items[2].id));    /* the discriminator does */
	CU_ASSERT(strcmp(l.items[0].id, l.items[3].id));    /* parts are separated */
	ASSERT_STR(l.items[0].loc.file, "a.json");
	CU_ASSERT_PTR_NOT_EQUAL(l.items[0].loc.file, at.file);
	finding_list_release(&l);
	finding_list_release(NULL);
}

static void test_sort_and_counts(void)
{
	finding_list l;
	pg_loc none = { NULL, 0, 0 };
	size_t counts[SEV_CRITICAL + 1];
	finding *f;
	const char *acts[2] = { "s3:GetObject", "s3:PutObject" };

	finding_list_init(&l);
	finding_add(&l, "PG-B", "provenance", SEV_LOW, NULL, "arn:r", NULL, "m", "fix", none, controls);
	finding_add(&l, "PG-A", "public-access", SEV_CRITICAL, "*", "arn:r", NULL, "m", "fix", none, controls);
	f = finding_add(&l, "PG-A", "public-access", SEV_HIGH, "*", "arn:r2", NULL, "m", "fix", none, controls);
	finding_set_actions(f, acts, 2);
	finding_add_step(f, "*", "arn:r2", "access");
	l.items[0].suppressed = 1;
	finding_list_counts(&l, counts);
	CU_ASSERT_EQUAL(counts[SEV_LOW], 0);
	CU_ASSERT_EQUAL(counts[SEV_HIGH], 1);
	CU_ASSERT_EQUAL(counts[SEV_CRITICAL], 1);
	finding_list_sort(&l);
	CU_ASSERT_EQUAL(l.items[0].sev, SEV_CRITICAL);
	CU_ASSERT_EQUAL(l.items[1].sev, SEV_HIGH);
	CU_ASSERT_EQUAL_FATAL(l.items[1].n_actions, 2);
	ASSERT_STR(l.items[1].actions[1], "s3:PutObject");
	CU_ASSERT_EQUAL_FATAL(l.items[1].n_path, 1);
	ASSERT_STR(l.items[1].path[0].edge, "access");
	ASSERT_STR(l.items[2].rule, "PG-B");
	finding_list_release(&l);
}

TEST_SUITE(finding)
{
	static const test_case cases[] = {
		{ "finding__fingerprint_is_stable_and_discriminating", test_fingerprint_is_stable_and_discriminating },
		{ "finding__sort_and_counts", test_sort_and_counts },
		{ NULL, NULL }
	};
	return test_register("finding", cases);
}
