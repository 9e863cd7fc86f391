/* check_diff.c - `podsim diff`: HumanDuration parsing, lenient capture
 * parsing, and the per-pod alignment on the recorded liveness trace from
 * seed-traces.md (against itself and against edited copies). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"

/* `kubectl get po -w | grep live` from seed-traces.md, section 2. */
static const char liveness_trace[] =
	"liveness-http    0/1     ContainerCreating   0          2s\n"
	"liveness-http    1/1     Running             0          5s\n"
	"liveness-http    1/1     Running             1 (4s ago)   26s\n"
	"liveness-http    1/1     Running             2 (3s ago)   46s\n"
	"liveness-http    1/1     Running             3 (3s ago)   67s\n"
	"liveness-http    1/1     Running             4 (3s ago)   88s\n"
	"liveness-http    0/1     CrashLoopBackOff    4 (0s ago)   106s\n"
	"liveness-http    1/1     Running             5 (56s ago)   2m42s\n"
	"liveness-http    0/1     CrashLoopBackOff    5 (0s ago)    2m58s\n"
	"liveness-http    1/1     Running             6 (95s ago)   4m33s\n"
	"liveness-http    0/1     CrashLoopBackOff    6 (0s ago)    4m52s\n";

/* Replaces the first occurrence of from by to in a heap copy of text. */
static char *edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	ck_assert_ptr_nonnull(at);
	size_t pre = (size_t)(at - text);
	char *out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
	memcpy(out, text, pre);
	strcpy(out + pre, to);
	strcat(out, at + strlen(from));
	return out;
}

/* Parses both captures and compares them; returns diff_compare's result
 * and the report in *report (heap). */
static int run(const char *rec_text, const char *sim_text, simtime_t tol, char **report)
{
	diff_row *rec, *sim;
	char err[128];
	int n_rec = diff_parse_capture(rec_text, &rec, err, sizeof(err));
	int n_sim = diff_parse_capture(sim_text, &sim, err, sizeof(err));
	ck_assert_int_ge(n_rec, 0);
	ck_assert_int_ge(n_sim, 0);
	size_t len;
	*report = NULL;
	FILE *f = open_memstream(report, &len);
	int rc = diff_compare(rec, n_rec, sim, n_sim, tol, "rec", "sim", f);
	fclose(f);
	free(rec);
	free(sim);
	return rc;
}

/* The report's last line. */
static const char *summary(const char *report)
{
	size_t n = strlen(report);
	ck_assert(n > 0 && report[n - 1] == '\n');
	const char *p = report + n - 1;
	while (p > report && p[-1] != '\n')
		p--;
	return p;
}

/* ---- HumanDuration ----------------------------------------------------- */

static const struct {
	const char *text;
	simtime_t want; /* -1: rejected */
} durations[] = {
	{ "0s", 0 },
	{ "95s", SEC(95) },
	{ "119s", SEC(119) },
	{ "2m", SEC(120) },
	{ "2m42s", SEC(162) },
	{ "10m", SEC(600) },
	{ "179m", SEC(179 * 60) },
	{ "3h5m", SEC(3 * 3600 + 300) },
	{ "47h", SEC(47 * 3600) },
	{ "2d3h", SEC(2 * 86400 + 3 * 3600) },
	{ "367d", SEC(367 * 86400) },
	{ "1y20d", SEC(385 * 86400) },
	{ "8y", SEC(8 * 365 * 86400) },
	{ "", -1 },
	{ "s", -1 },
	{ "5", -1 },
	{ "5x", -1 },
	{ "-5s", -1 },
	{ "3s2m", -1 },
	{ "2m2m", -1 },
	{ "<invalid>", -1 },
	{ "<unknown>", -1 },
	{ "1.5s", -1 },
	{ "99999999999y", -1 },
};

START_TEST(test_human_duration)
{
	simtime_t got = -2;
	int rc = diff_parse_human_duration(durations[_i].text, &got);
	if (durations[_i].want < 0) {
		ck_assert_msg(rc == -1, "'%s' accepted", durations[_i].text);
	} else {
		ck_assert_msg(rc == 0, "'%s' rejected", durations[_i].text);
		ck_assert_int_eq(got, durations[_i].want);
	}
}
END_TEST

/* ---- parsing ----------------------------------------------------------- */

START_TEST(test_parse_trace)
{
	diff_row *rows;
	char err[128];
	int n = diff_parse_capture(liveness_trace, &rows, err, sizeof(err));
	ck_assert_int_eq(n, 11);
	ck_assert_str_eq(rows[0].name, "liveness-http");
	ck_assert_str_eq(rows[0].status, "ContainerCreating");
	ck_assert_int_eq(rows[0].restart_ago, -1);
	ck_assert_int_eq(rows[0].age, SEC(2));
	ck_assert_str_eq(rows[7].ready, "1/1");
	ck_assert_int_eq(rows[7].restarts, 5);
	ck_assert_int_eq(rows[7].restart_ago, SEC(56));
	ck_assert_int_eq(rows[7].age, SEC(162));
	ck_assert_str_eq(rows[7].restarts_text, "5 (56s ago)");
	ck_assert_str_eq(rows[7].age_text, "2m42s");
	ck_assert_int_eq(rows[10].line, 11);
	free(rows);
}
END_TEST

/* Headers, explain lines, prompts, wide columns, watch-event and namespace
 * prefixes, CRLF, an empty STATUS and a capture that starts mid-stream. */
static const char messy[] =
	"ness-http    1/1     Running   0   5s\n" /* cut-off first line: a row of "ness-http" */
	"$ kubectl get po -w -o wide\r\n"
	"NAME            READY   STATUS    RESTARTS   AGE   IP           NODE\r\n"
	"web             0/1     Pending   0          0s    <none>       <none>\r\n"
	"    # pod created by the API server\n"
	"\n"
	"EVENT      NAMESPACE   NAME      READY   STATUS   RESTARTS   AGE\n"
	"MODIFIED   default     pod/web   1/1     Running  0          12s\n"
	"ADDED      web   0/1     ContainerCreating   0   1s\n"
	"web   1/1   Running   2 (2m42s ago)   3h5m   10.244.0.9   node-1\n"
	"foo    0/0              0          <unknown>\n"
	"bar    0/0              0          3s\n"
	"Events:  Normal  Pulled  1/1 is not a row\n"
	"web   1/1   Running   x   3s\n";

START_TEST(test_parse_tolerant)
{
	diff_row *rows;
	char err[128];
	int n = diff_parse_capture(messy, &rows, err, sizeof(err));
	ck_assert_int_eq(n, 6);
	ck_assert_str_eq(rows[0].name, "ness-http");
	ck_assert_str_eq(rows[1].name, "web");
	ck_assert_str_eq(rows[1].status, "Pending");
	ck_assert_int_eq(rows[1].line, 4);
	ck_assert_str_eq(rows[2].name, "web");
	ck_assert_str_eq(rows[2].status, "Running");
	ck_assert_int_eq(rows[2].age, SEC(12));
	ck_assert_str_eq(rows[3].status, "ContainerCreating");
	ck_assert_int_eq(rows[4].restarts, 2);
	ck_assert_int_eq(rows[4].restart_ago, SEC(162));
	ck_assert_int_eq(rows[4].age, SEC(3 * 3600 + 300));
	ck_assert_str_eq(rows[5].name, "bar");
	ck_assert_str_eq(rows[5].status, "");
	ck_assert_int_eq(rows[5].restarts, 0);
	free(rows);
}
END_TEST

START_TEST(test_parse_too_long)
{
	char text[256];
	snprintf(text, sizeof(text), "x\n%070d   1/1   Running   0   5s\n", 7);
	diff_row *rows = (diff_row *)1;
	char err[128];
	ck_assert_int_eq(diff_parse_capture(text, &rows, err, sizeof(err)), -1);
	ck_assert_ptr_null(rows);
	ck_assert_str_eq(err, "line 2: row field too long");
	ck_assert_int_eq(diff_parse_capture("no rows here\n", &rows, err, sizeof(err)), 0);
	free(rows);
}
END_TEST

/* ---- comparison -------------------------------------------------------- */

START_TEST(test_self)
{
	char *report;
	ck_assert_int_eq(run(liveness_trace, liveness_trace, SEC(3), &report), 0);
	ck_assert_str_eq(summary(report), "diff: 11 rows compared, 0 mismatched (tolerance 3s)\n");
	ck_assert_ptr_nonnull(strstr(report, "\nok      liveness-http  1/1 Running 1 (4s ago) 26s  "
					     "           1/1 Running 1 (4s ago) 26s             0s    "
					     "    0s\n"));
	free(report);
}
END_TEST

START_TEST(test_report_line)
{
	char *sim = edit(liveness_trace, "1 (4s ago)   26s", "1 (4s ago)   25s");
	char *report;
	ck_assert_int_eq(run(liveness_trace, sim, SEC(3), &report), 0);
	ck_assert_ptr_nonnull(strstr(report, "\nok      liveness-http  1/1 Running 1 (4s ago) 26s  "
					     "           1/1 Running 1 (4s ago) 25s             -1s   "
					     "    0s\n"));
	free(report);
	free(sim);
}
END_TEST

/* One age 5 s late: an AGE mismatch at 3 s tolerance, fine at 6 s. */
static const struct {
	simtime_t tol;
	int want;
	const char *summary;
} shift_cases[] = {
	{ SEC(3), 1, "diff: 11 rows compared, 1 mismatched (tolerance 3s)\n" },
	{ SEC(6), 0, "diff: 11 rows compared, 0 mismatched (tolerance 6s)\n" },
};

START_TEST(test_age_shift)
{
	char *sim = edit(liveness_trace, "3 (3s ago)   67s", "3 (3s ago)   72s");
	char *report;
	ck_assert_int_eq(run(liveness_trace, sim, shift_cases[_i].tol, &report),
			 shift_cases[_i].want);
	ck_assert_str_eq(summary(report), shift_cases[_i].summary);
	if (shift_cases[_i].want)
		ck_assert_ptr_nonnull(strstr(report, "\nAGE     liveness-http  1/1 Running 3 (3s ago) "
						     "67s             1/1 Running 3 (3s ago) 72s   "
						     "          +5s       0s\n"));
	free(report);
	free(sim);
}
END_TEST

START_TEST(test_ago_shift)
{
	char *sim = edit(liveness_trace, "5 (56s ago)", "5 (66s ago)");
	char *report;
	ck_assert_int_eq(run(liveness_trace, sim, SEC(3), &report), 1);
	ck_assert_ptr_nonnull(strstr(report, "\nAGE     liveness-http  1/1 Running 5 (56s ago) 2m42s"
					     "          1/1 Running 5 (66s ago) 2m42s          0s    "
					     "    +10s\n"));
	ck_assert_ptr_nonnull(strstr(report, "\nAGE:   1 row whose AGE or \"(X ago)\" differ by "
					     "more than 3s\n"));
	free(report);
	free(sim);
}
END_TEST

/* A row missing from SIMULATED: one DIFF, the later rows still pair up. */
START_TEST(test_row_missing)
{
	char *sim = edit(liveness_trace,
			 "liveness-http    1/1     Running             2 (3s ago)   46s\n", "");
	char *report;
	ck_assert_int_eq(run(liveness_trace, sim, SEC(3), &report), 1);
	ck_assert_str_eq(summary(report), "diff: 11 rows compared, 1 mismatched (tolerance 3s)\n");
	ck_assert_ptr_nonnull(strstr(report, "\nDIFF    liveness-http  1/1 Running 2 (3s ago) 46s  "
					     "           -\n"));
	free(report);
	free(sim);
}
END_TEST

/* A row missing from RECORDED: the simulated row lies between recorded
 * rows, so the cluster would have printed it. */
START_TEST(test_extra_between)
{
	char *rec = edit(liveness_trace,
			 "liveness-http    1/1     Running             2 (3s ago)   46s\n", "");
	char *report;
	ck_assert_int_eq(run(rec, liveness_trace, SEC(3), &report), 1);
	ck_assert_str_eq(summary(report), "diff: 11 rows compared, 1 mismatched (tolerance 3s)\n");
	ck_assert_ptr_nonnull(strstr(report, "\nEXTRA   liveness-http  -                          "
					     "            1/1 Running 2 (3s ago) 46s\n"));
	ck_assert_ptr_nonnull(strstr(report, "\nEXTRA: 1 simulated row between two recorded "
					     "rows\n"));
	free(report);
	free(rec);
}
END_TEST

/* Extra simulated rows before the capture started and after it ended, and a
 * pod the capture never showed, do not fail. */
START_TEST(test_extra_outside)
{
	char *sim = malloc(sizeof(liveness_trace) + 512);
	snprintf(sim, sizeof(liveness_trace) + 512, "%s%s%s%s",
		 "liveness-http    0/1     Pending             0          0s\n"
		 "other            0/1     Pending             0          0s\n",
		 liveness_trace,
		 "liveness-http    1/1     Running             7 (2m40s ago)   7m39s\n",
		 "other            1/1     Running             0          9s\n");
	char *report;
	ck_assert_int_eq(run(liveness_trace, sim, SEC(3), &report), 0);
	ck_assert_str_eq(summary(report), "diff: 13 rows compared, 0 mismatched (tolerance 3s)\n");
	ck_assert_ptr_nonnull(strstr(report, "\nextra   liveness-http  -                          "
					     "            0/1 Pending 0 0s\n"));
	ck_assert_ptr_nonnull(strstr(report, "\nnot compared: pod other (2 simulated rows) does "
					     "not appear in rec\n"));
	free(report);
	free(sim);
}
END_TEST

START_TEST(test_status_differs)
{
	char *sim = edit(liveness_trace, "CrashLoopBackOff    5 (0s ago)", "Error    5 (0s ago)");
	char *report;
	ck_assert_int_eq(run(liveness_trace, sim, SEC(3), &report), 1);
	ck_assert_str_eq(summary(report), "diff: 11 rows compared, 1 mismatched (tolerance 3s)\n");
	ck_assert_ptr_nonnull(strstr(report, "\nDIFF    liveness-http  0/1 CrashLoopBackOff 5 (0s "
					     "ago) 2m58s  0/1 Error 5 (0s ago) 2m58s             0s  "
					     "      0s\n"));
	ck_assert_ptr_nonnull(strstr(report, "\nDIFF:  1 row whose READY, STATUS or restart "
					     "count differ, or with no simulated partner\n"));
	free(report);
	free(sim);
}
END_TEST

/* Two pods interleaved differently in the two captures still pair up. */
START_TEST(test_interleaved_pods)
{
	const char *rec = "a   0/1   Pending   0   0s\n"
			  "b   0/1   Pending   0   0s\n"
			  "a   1/1   Running   0   4s\n"
			  "b   1/1   Running   0   6s\n";
	const char *sim = "b   0/1   Pending   0   0s\n"
			  "b   1/1   Running   0   7s\n"
			  "a   0/1   Pending   0   1s\n"
			  "a   1/1   Running   0   4s\n";
	char *report;
	ck_assert_int_eq(run(rec, sim, SEC(1), &report), 0);
	ck_assert_str_eq(report, "recorded rec (4 rows) vs simulated sim (4 rows)\n"
				 "RESULT  POD  RECORDED          SIMULATED         AGE DIFF  AGO DIFF\n"
				 "ok      a    0/1 Pending 0 0s  0/1 Pending 0 1s  +1s\n"
				 "ok      a    1/1 Running 0 4s  1/1 Running 0 4s  0s\n"
				 "ok      b    0/1 Pending 0 0s  0/1 Pending 0 0s  0s\n"
				 "ok      b    1/1 Running 0 6s  1/1 Running 0 7s  +1s\n"
				 "diff: 4 rows compared, 0 mismatched (tolerance 1s)\n");
	free(report);
}
END_TEST

/* A RECORDED capture without rows never passes, whatever was simulated. */
START_TEST(test_no_recorded_rows)
{
	char *report;
	ck_assert_int_eq(run("NAME   READY   STATUS   RESTARTS   AGE\n", liveness_trace, SEC(3),
			     &report), 1);
	ck_assert_str_eq(summary(report), "diff: rec has no pod rows: nothing to compare\n");
	free(report);
}
END_TEST

/* ---- files ------------------------------------------------------------- */

static char *temp_file(const char *content)
{
	char *path = strdup("/tmp/podsim-diff-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	return path;
}

START_TEST(test_files)
{
	char *rec = temp_file(liveness_trace);
	char *empty = temp_file("NAME   READY   STATUS   RESTARTS   AGE\n");
	char *out_buf = NULL, *err_buf = NULL;
	size_t ol, el;
	FILE *out = open_memstream(&out_buf, &ol), *err = open_memstream(&err_buf, &el);
	ck_assert_int_eq(diff_files(rec, rec, SEC(3), out, err), EXIT_OK);
	ck_assert_int_eq(diff_files(rec, empty, SEC(3), out, err), EXIT_RUNTIME);
	ck_assert_int_eq(diff_files(empty, rec, SEC(3), out, err), EXIT_BADINPUT);
	ck_assert_int_eq(diff_files("/nonexistent/podsim", rec, SEC(3), out, err),
			 EXIT_BADINPUT);
	fclose(out);
	fclose(err);
	ck_assert_ptr_nonnull(strstr(err_buf, "contains no pod rows"));
	ck_assert_ptr_nonnull(strstr(err_buf, "cannot read '/nonexistent/podsim'"));
	unlink(rec);
	unlink(empty);
	free(rec);
	free(empty);
	free(out_buf);
	free(err_buf);
}
END_TEST

Suite *diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_human_duration, 0, sizeof(durations) / sizeof(durations[0]));
	tcase_add_test(tc, test_parse_trace);
	tcase_add_test(tc, test_parse_tolerant);
	tcase_add_test(tc, test_parse_too_long);
	suite_add_tcase(s, tc);
	tc = tcase_create("compare");
	tcase_add_test(tc, test_self);
	tcase_add_test(tc, test_report_line);
	tcase_add_loop_test(tc, test_age_shift, 0, sizeof(shift_cases) / sizeof(shift_cases[0]));
	tcase_add_test(tc, test_ago_shift);
	tcase_add_test(tc, test_row_missing);
	tcase_add_test(tc, test_extra_between);
	tcase_add_test(tc, test_extra_outside);
	tcase_add_test(tc, test_status_differs);
	tcase_add_test(tc, test_interleaved_pods);
	tcase_add_test(tc, test_no_recorded_rows);
	tcase_add_test(tc, test_files);
	suite_add_tcase(s, tc);
	return s;
}
