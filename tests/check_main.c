/* check_main.c - the one Check runner: every tests/check_<module>.c exports
 * <module>_suite(); the Makefile lists them in suites.inc. */
#include <check.h>
#include <stdlib.h>

#define SUITE(m) Suite *m##_suite(void);
#include "suites.inc"
#undef SUITE

int main(void)
{
	SRunner *sr = srunner_create(NULL);
#define SUITE(m) srunner_add_suite(sr, m##_suite());
#include "suites.inc"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
