/* test_util — helpers shared by the CUnit suites. */
#ifndef PG_TEST_UTIL_H
#define PG_TEST_UTIL_H

#include <CUnit/CUnit.h>
#include <string.h>

/* Register a suite from a NULL-terminated table of {name, fn}. */
typedef struct test_case { const char *name; CU_TestFunc fn; } test_case;

static inline int test_register(const char *suite, const test_case *cases)
{
	CU_pSuite s = CU_add_suite(suite, NULL, NULL);
	if (!s)
		return -1;
	for (; cases->name; cases++)
		if (!CU_add_test(s, cases->name, cases->fn))
			return -1;
	return 0;
}

/* Every test file defines its suite with TEST_SUITE(module) { ... }. */
#define TEST_SUITE(name) int test_##name##_suite(void); int test_##name##_suite(void)

#define ASSERT_STR(a, b) CU_ASSERT_STRING_EQUAL((a) ? (a) : "(null)", (b))

#endif
