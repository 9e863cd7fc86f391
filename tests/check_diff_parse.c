/* check_diff_parse.c - the capture kinds diff_parse.c reads beyond the seed's
 * `kubectl get pods -w`: `kubectl get events -w` rows (printEvent's LAST
 * SEEN TYPE REASON OBJECT MESSAGE, pkg/printers/internalversion/printers.go,
 * with NAMESPACE under -A, and `kubectl events`' "5m (x3 over 10m)" and
 * capitalised kinds), real `-o wide` rows, and a capture mixing the two
 * kinds (rejected). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "diff_parse.h"

/* Parses text as "rec", warnings into *warnings (heap, "" when none). */
static int parse(const char *text, diff_row **rows, char **warnings, char *err, size_t len)
{
	size_t wlen;
	*warnings = NULL;
	FILE *w = open_memstream(warnings, &wlen);
	int n = diff_parse_capture(text, strlen(text), "rec", rows, w, err, len);
	fclose(w);
	return n;
}

/* Event rows in the layouts kubectl prints them. */
START_TEST(test_events)
{
	static const char text[] =
		"LAST SEEN   TYPE      REASON      OBJECT              MESSAGE\n"
		"57s         Normal    Scheduled   pod/liveness-exec   Successfully assigned default/liveness-exec to node01\n"
		"NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT        MESSAGE\n"
		"default     10s         Warning   Unhealthy   pod/web       Readiness probe failed:\n"
		"10s (x3 over 20s)   Warning   Unhealthy   Pod/liveness-exec   Liveness probe failed: cat: can't open\n"
		"<unknown>   Normal    Pulled      pod/web             Container image already present\n";
	diff_row *rows;
	char err[256], *warnings;
	int n = parse(text, &rows, &warnings, err, sizeof(err));
	ck_assert_int_eq(n, 3);
	ck_assert(rows[0].event);
	ck_assert_str_eq(rows[0].name, "pod/liveness-exec");
	ck_assert_str_eq(rows[0].ready, "Normal");
	ck_assert_str_eq(rows[0].status, "Scheduled");
	ck_assert_int_eq(rows[0].age, SEC(57));
	ck_assert_int_eq(rows[0].restart_ago, -1);
	ck_assert_str_eq(rows[1].name, "pod/web");
	ck_assert_str_eq(rows[1].ready, "Warning");
	ck_assert_int_eq(rows[1].age, SEC(10));
	ck_assert_int_eq(rows[1].age_col, 13);
	/* `kubectl events`: LAST SEEN before "(x3 over 20s)", the kind lower-cased */
	ck_assert_str_eq(rows[2].name, "pod/liveness-exec");
	ck_assert_int_eq(rows[2].age, SEC(10));
	ck_assert_str_eq(rows[2].age_text, "10s");
	/* headers are silent; an <unknown> LAST SEEN (a zero time) is named */
	ck_assert_str_eq(warnings, "podsim diff: warning: rec:6:1: LAST SEEN: cannot parse row: "
				   "\"<unknown>\" is not a HumanDuration such as 2m42s (line skipped)\n");
	free(rows);
	free(warnings);
}
END_TEST

/* Rows of a real `kubectl get pods -o wide` (a blog post piping it through
 * nushell, 2024): IP, NODE, NOMINATED NODE and READINESS GATES are ignored,
 * "(72d ago)" and "72d" keep their day unit. */
START_TEST(test_wide)
{
	static const char text[] =
		"NAME                           READY   STATUS    RESTARTS      AGE   IP              NODE                                        NOMINATED NODE   READINESS GATES\n"
		"posit-workbench-5cdbff8d54-xlz9b   2/2   Running   0             18h   172.28.31.37    ip-172-28-25-2.us-east-2.compute.internal   <none>           <none>\n"
		"posit-workbench-postgresql-0   1/1     Running   1 (72d ago)   72d   172.28.63.227   ip-172-28-52-3.us-east-2.compute.internal   <none>           <none>\n";
	diff_row *rows;
	char err[256], *warnings;
	ck_assert_int_eq(parse(text, &rows, &warnings, err, sizeof(err)), 2);
	ck_assert_str_eq(warnings, "");
	ck_assert(!rows[0].event);
	ck_assert_int_eq(rows[0].age, SEC(18 * 3600));
	ck_assert_int_eq(rows[0].age_unit, SEC(3600));
	ck_assert_str_eq(rows[1].name, "posit-workbench-postgresql-0");
	ck_assert_int_eq(rows[1].restarts, 1);
	ck_assert_int_eq(rows[1].restart_ago, SEC(72 * 86400));
	ck_assert_int_eq(rows[1].ago_unit, SEC(86400));
	ck_assert_int_eq(rows[1].age_unit, SEC(86400));
	free(rows);
	free(warnings);
}
END_TEST

/* One capture, one kind: the second kind's first row rejects it. */
START_TEST(test_mixed_kinds)
{
	static const char text[] = "web   1/1   Running   0   5s\n"
				   "5s   Normal   Started   pod/web   Started container web\n";
	diff_row *rows;
	char err[256], *warnings;
	ck_assert_int_eq(parse(text, &rows, &warnings, err, sizeof(err)), -1);
	ck_assert_ptr_null(rows);
	ck_assert_str_eq(err, "rec:2:1: OBJECT: cannot parse row: an event row in a capture of pods");
	free(warnings);
}
END_TEST

Suite *diff_parse_suite(void)
{
	Suite *s = suite_create("diff_parse");
	TCase *tc = tcase_create("kinds");
	tcase_add_test(tc, test_events);
	tcase_add_test(tc, test_wide);
	tcase_add_test(tc, test_mixed_kinds);
	suite_add_tcase(s, tc);
	return s;
}
