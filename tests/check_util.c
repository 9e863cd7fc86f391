/* check_util.c - the printf-free joins of util.c against snprintf: the hot
 * paths (a refused restart's CrashLoopBackOff message, a failing probe's
 * Unhealthy message) must stay byte-identical to the printf they replaced,
 * truncation included. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "podsim.h"

START_TEST(test_concat_like_snprintf)
{
	const char *parts[] = {"Get \"", "http://10.0.0.7:8080/healthz", "\": dial tcp ", "10.0.0.7",
			       ":", "8080", ": connect: connection refused"};
	char got[256], want[256];
	util_concat(got, sizeof(got), parts, 7);
	snprintf(want, sizeof(want), "%s%s%s%s%s%s%s", parts[0], parts[1], parts[2], parts[3],
		 parts[4], parts[5], parts[6]);
	ck_assert_str_eq(got, want);
	/* cut at every length, through the middle of a part and at its edges */
	for (size_t len = 1; len <= strlen(want) + 2; len++) {
		char g[256], w[256];
		ck_assert_ptr_eq(util_concat(g, len, parts, 7), g);
		snprintf(w, len, "%s", want);
		ck_assert_str_eq(g, w);
	}
	ck_assert_str_eq(util_concat(got, sizeof(got), parts, 0), "");
}
END_TEST

START_TEST(test_itoa_like_printf)
{
	const long long v[] = {0, 7, 10, 80, 65535, -1, -443, LLONG_MAX, LLONG_MIN};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char got[24], want[24];
		snprintf(want, sizeof(want), "%lld", v[i]);
		ck_assert_str_eq(util_itoa(got, v[i]), want);
	}
}
END_TEST

Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("joins");
	tcase_add_test(tc, test_concat_like_snprintf);
	tcase_add_test(tc, test_itoa_like_printf);
	suite_add_tcase(s, tc);
	return s;
}
