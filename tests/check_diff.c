/* check_diff.c - `podsim diff`: HumanDuration parsing (kubectl's
 * duration.HumanDuration, apimachinery/pkg/util/duration, read back),
 * lenient capture parsing with a warning per skipped line, the rejected
 * captures (ages past what simtime_t holds, NUL bytes), and the per-pod
 * alignment on the recorded liveness trace from seed-traces.md (against
 * itself and against edited copies), old captures (no "(X ago)", whole
 * minutes) and event captures. */
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
	char err[256];
	int n_rec = diff_parse_capture(rec_text, strlen(rec_text), "rec", &rec, NULL, err,
				       sizeof(err));
	int n_sim = diff_parse_capture(sim_text, strlen(sim_text), "sim", &sim, NULL, err,
				       sizeof(err));
	ck_assert_int_ge(n_rec, 0);
	ck_assert_int_ge(n_sim, 0);
	size_t len;
	*report = NULL;
	FILE *f = open_memstream(report, &len);
	int rc = diff_compare(rec, n_rec, sim, n_sim, tol, "rec", "sim", DIFF_TEXT, f, stderr);
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
	simtime_t want; /* -1: bad syntax; -2: past DIFF_MAX_AGE (292y, simtime_t's range) */
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
	{ "292y", DIFF_MAX_AGE },
	{ "292y0d", DIFF_MAX_AGE },
	{ "0292y", DIFF_MAX_AGE },
	{ "292y1d", -2 },
	{ "293y", -2 },
	{ "671y", -2 },
	{ "99999y", -2 },
	{ "99999999999y", -2 },
	{ "106752d", -2 },
	{ "9999999999999999999999s", -2 },
	{ "293yx", -1 },
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
};

START_TEST(test_human_duration)
{
	simtime_t got = -2;
	int rc = diff_parse_human_duration(durations[_i].text, &got);
	if (durations[_i].want < 0) {
		ck_assert_msg(rc == durations[_i].want, "'%s' gave %d", durations[_i].text, rc);
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
	char err[256];
	int n = diff_parse_capture(liveness_trace, strlen(liveness_trace), "rec", &rows, NULL, err,
				   sizeof(err));
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
	ck_assert_int_eq(rows[10].age_col, 60);
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

/* Parses text under the name "rec"; returns the row count, the warnings
 * in *warnings (heap) and any error in err. */
static int parse_warned(const char *text, size_t len, diff_row **rows, char **warnings,
			char *err, size_t errlen)
{
	size_t wl;
	FILE *w = open_memstream(warnings, &wl);
	int n = diff_parse_capture(text, len, "rec", rows, w, err, errlen);
	fclose(w);
	return n;
}

START_TEST(test_parse_tolerant)
{
	diff_row *rows;
	char err[256], *warnings;
	int n = parse_warned(messy, strlen(messy), &rows, &warnings, err, sizeof(err));
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
	/* headers, the "#" line and the blank line are silent; the prompt, the
	 * <unknown> AGE (kubectl's translateTimestampSince for a zero time), the
	 * describe line and the bad restart count are each named */
	ck_assert_str_eq(warnings,
			 "podsim diff: warning: rec:2:1: READY: cannot parse row: no READY cell (N/M) "
			 "in fields 2 to 4 (line skipped)\n"
			 "podsim diff: warning: rec:11:36: AGE: cannot parse row: \"<unknown>\" is not "
			 "a HumanDuration such as 2m42s (line skipped)\n"
			 "podsim diff: warning: rec:13:33: RESTARTS: cannot parse row: \"not\" is not a "
			 "restart count (line skipped)\n"
			 "podsim diff: warning: rec:14:23: RESTARTS: cannot parse row: \"x\" is not a "
			 "restart count (line skipped)\n");
	free(warnings);
	free(rows);
}
END_TEST

/* Ten warnings, then one count of the other skipped lines. */
START_TEST(test_parse_warning_cap)
{
	char text[1024] = "";
	for (int i = 0; i < 14; i++)
		strcat(text, "garbage line\n");
	strcat(text, "p   1/1   Running   0   5s\n");
	diff_row *rows;
	char err[256], *warnings;
	ck_assert_int_eq(parse_warned(text, strlen(text), &rows, &warnings, err, sizeof(err)), 1);
	int lines = 0;
	for (const char *p = warnings; (p = strchr(p, '\n')); p++)
		lines++;
	ck_assert_int_eq(lines, DIFF_MAX_WARNINGS + 1);
	ck_assert_ptr_nonnull(strstr(warnings, "rec:10:1: READY: cannot parse row"));
	ck_assert_ptr_null(strstr(warnings, "rec:11:1"));
	ck_assert_ptr_nonnull(strstr(warnings, "\npodsim diff: warning: rec: 4 more lines skipped\n"));
	free(warnings);
	free(rows);
}
END_TEST

/* Rows that cannot be skipped reject the capture, naming line, column and
 * cell: a cell longer than diff_row holds, an age past simtime_t's range
 * (issue 8.1: 671y overflowed), a NUL byte. */
static const struct {
	const char *text;
	size_t len; /* 0: strlen */
	const char *err;
} rejected[] = {
	{ "x\n0000000000000000000000000000000000000000000000000000000000000000007   1/1   "
	  "Running   0   5s\n", 0,
	  "rec:2:1: NAME: cannot parse row: longer than 63 characters" },
	{ "NAME READY STATUS RESTARTS AGE\np 0/1 Pending 0 671y\n", 0,
	  "rec:2:17: AGE: cannot parse row: \"671y\" is out of range (at most 292y)" },
	{ "p 0/1 Pending 0 99999999999999999999y\n", 0,
	  "rec:1:17: AGE: cannot parse row: \"99999999999999999999y\" is out of range (at most "
	  "292y)" },
	{ "p 1/1 Running 3 (293y ago) 300y\n", 0,
	  "rec:1:17: RESTARTS: cannot parse row: \"293y\" is out of range (at most 292y)" },
	{ "p 1/1 Running 3 (000000000000000000000001s ago) 300d\n", 0,
	  "rec:1:17: RESTARTS: cannot parse row: longer than 31 characters" },
	{ "p 1/1 Running 0 5s\nq 1/1\0 Running 0 5s\n", 38,
	  "rec:2:6: text: cannot parse row: NUL byte (not a text capture)" },
};

START_TEST(test_parse_rejected)
{
	diff_row *rows = (diff_row *)1;
	char err[256];
	size_t len = rejected[_i].len ? rejected[_i].len : strlen(rejected[_i].text);
	ck_assert_int_eq(diff_parse_capture(rejected[_i].text, len, "rec", &rows, NULL, err,
					    sizeof(err)), -1);
	ck_assert_ptr_null(rows);
	ck_assert_str_eq(err, rejected[_i].err);
}
END_TEST

START_TEST(test_parse_no_rows)
{
	diff_row *rows = (diff_row *)1;
	char err[256];
	ck_assert_int_eq(diff_parse_capture("\n# nothing\n", 11, "rec", &rows, NULL, err,
					    sizeof(err)), 0);
	ck_assert_ptr_null(rows);
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

/* The docs' old capture (configure-liveness-readiness-startup-probes,
 * exec example): no "(Xs ago)" anywhere, so the simulated one is not
 * compared, and "1m" (ShortHumanDuration) spans 60-119 s. */
START_TEST(test_old_capture)
{
	const char *rec = "liveness-exec   1/1       Running   1          1m\n";
	const char *sim = "liveness-exec   1/1   Running   1 (3s ago)   78s\n";
	char *report;
	ck_assert_int_eq(run(rec, sim, SEC(3), &report), 0);
	ck_assert_str_eq(report,
			 "recorded rec (1 rows) vs simulated sim (1 rows)\n"
			 "RESULT  POD            RECORDED          SIMULATED                   AGE DIFF  AGO DIFF\n"
			 "ok      liveness-exec  1/1 Running 1 1m  1/1 Running 1 (3s ago) 78s  0s\n"
			 "note:  rec shows no \"(X ago)\" in RESTARTS (kubectl before 1.22): restart "
			 "times not compared\n"
			 "diff: 1 rows compared, 0 mismatched (tolerance 3s)\n");
	free(report);
	/* past the span: 2m5s is 6 s after the last instant "1m" stands for */
	ck_assert_int_eq(run(rec, "liveness-exec   1/1   Running   1 (3s ago)   2m5s\n", SEC(3),
			     &report), 1);
	ck_assert_ptr_nonnull(strstr(report, "AGE     liveness-exec  1/1 Running 1 1m  1/1 Running 1 (3s ago) 2m5s  +6s\n"));
	free(report);
}
END_TEST

/* A capture that shows "(X ago)" on some row is a new kubectl's: a row
 * without it against a simulated one with it is a mismatch. */
START_TEST(test_ago_one_side)
{
	const char *rec = "p   1/1   Running   1 (4s ago)   26s\n"
			  "p   1/1   Running   2            46s\n";
	const char *sim = "p   1/1   Running   1 (4s ago)   26s\n"
			  "p   1/1   Running   2 (3s ago)   46s\n";
	char *report;
	ck_assert_int_eq(run(rec, sim, SEC(3), &report), 1);
	ck_assert_ptr_nonnull(strstr(report, "\nAGE     p    1/1 Running 2 46s"));
	ck_assert_ptr_nonnull(strstr(report, "one side only\n"));
	ck_assert_ptr_null(strstr(report, "note:"));
	free(report);
}
END_TEST

/* Event captures compare per object on TYPE and REASON, LAST SEEN within
 * the tolerance; a pod capture against an event capture is refused. */
START_TEST(test_events)
{
	const char *rec = "LAST SEEN   TYPE      REASON      OBJECT      MESSAGE\n"
			  "10s   Warning   Unhealthy   pod/a   Liveness probe failed:\n"
			  "10s   Normal    Killing     pod/a   Container a failed liveness probe\n";
	const char *sim = "12s   Warning   Unhealthy   pod/a   Liveness probe failed: x\n"
			  "0s    Normal    Pulling     pod/a   Pulling image\n"
			  "11s   Normal    Killing     pod/a   Container a failed liveness probe\n";
	char *report;
	ck_assert_int_eq(run(rec, sim, SEC(3), &report), 1);
	ck_assert_str_eq(report,
			 "recorded rec (2 rows) vs simulated sim (3 rows)\n"
			 "RESULT  OBJECT  RECORDED               SIMULATED              SEEN DIFF\n"
			 "ok      pod/a   Warning Unhealthy 10s  Warning Unhealthy 12s  +2s\n"
			 "EXTRA   pod/a   -                      Normal Pulling 0s\n"
			 "ok      pod/a   Normal Killing 10s     Normal Killing 11s     +1s\n"
			 "EXTRA: 1 simulated row between two recorded rows\n"
			 "diff: 3 rows compared, 1 mismatched (tolerance 3s)\n");
	free(report);
	diff_row *ev, *pod;
	char err[256];
	int n_ev = diff_parse_capture(rec, strlen(rec), "ev", &ev, NULL, err, sizeof(err));
	int n_pod = diff_parse_capture(liveness_trace, strlen(liveness_trace), "pods", &pod, NULL,
				       err, sizeof(err));
	char *out_buf = NULL, *err_buf = NULL;
	size_t ol, el;
	FILE *out = open_memstream(&out_buf, &ol), *errf = open_memstream(&err_buf, &el);
	ck_assert_int_eq(diff_compare(pod, n_pod, ev, n_ev, SEC(3), "pods", "ev", DIFF_TEXT, out,
				      errf), -1);
	fclose(out);
	fclose(errf);
	ck_assert_str_eq(out_buf, "");
	ck_assert_str_eq(err_buf, "podsim diff: pods holds pod rows but ev holds event rows "
				  "(compare like with like)\n");
	free(out_buf);
	free(err_buf);
	free(ev);
	free(pod);
}
END_TEST

/* Issue 8.1 (repro R1): a recording with more rows of a pod than the
 * simulation overflowed the scratch that lists pods only SIMULATED shows. */
START_TEST(test_recorded_longer)
{
	const char *rec = "p   0/1   Pending             0   0s\n"
			  "p   0/1   ContainerCreating   0   1s\n"
			  "p   1/1   Running             0   5s\n";
	const char *sim = "p   0/1   Pending   0   0s\n"
			  "z   0/1   Pending   0   0s\n"
			  "a   0/1   Pending   0   0s\n"
			  "z   0/1   Pending   0   1s\n";
	char *report;
	ck_assert_int_eq(run(rec, sim, SEC(3), &report), 1);
	/* pods only SIMULATED shows, in the order they first appear */
	ck_assert_ptr_nonnull(strstr(report, "\nnot compared: pod z (2 simulated rows) does not "
					     "appear in rec\nnot compared: pod a (1 simulated rows) "
					     "does not appear in rec\n"));
	ck_assert_str_eq(summary(report), "diff: 3 rows compared, 2 mismatched (tolerance 3s)\n");
	free(report);
}
END_TEST

/* One pod with more rows than the alignment table holds is refused up
 * front (it used to allocate (n+1) x (m+1) 16-byte cells, and abort). */
static const struct {
	int n_rec, n_sim, want;
} sizes[] = {
	{ 8192, 8192, -1 }, /* 8193^2 > 2^26 */
	{ 3000, 30000, -1 },
	{ 200, 300, 0 },
};

START_TEST(test_too_many_rows)
{
	int n = sizes[_i].n_rec > sizes[_i].n_sim ? sizes[_i].n_rec : sizes[_i].n_sim;
	diff_row *rows = calloc((size_t)n, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		strcpy(rows[i].name, "p");
		strcpy(rows[i].ready, "1/1");
		rows[i].restart_ago = -1;
	}
	char *out_buf = NULL, *err_buf = NULL;
	size_t ol, el;
	FILE *out = open_memstream(&out_buf, &ol), *err = open_memstream(&err_buf, &el);
	ck_assert_int_eq(diff_compare(rows, sizes[_i].n_rec, rows, sizes[_i].n_sim, SEC(3), "rec",
				      "sim", DIFF_TEXT, out, err), sizes[_i].want);
	fclose(out);
	fclose(err);
	if (sizes[_i].want < 0) {
		char want[256];
		snprintf(want, sizeof(want), "podsim diff: pod p: %d recorded and %d simulated rows "
			 "are too many to align (at most 67108864 row pairs per pod)\n",
			 sizes[_i].n_rec, sizes[_i].n_sim);
		ck_assert_str_eq(err_buf, want);
		ck_assert_str_eq(out_buf, "");
	}
	free(out_buf);
	free(err_buf);
	free(rows);
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
	ck_assert_int_eq(diff_files(rec, rec, SEC(3), DIFF_TEXT, out, err), EXIT_OK);
	ck_assert_int_eq(diff_files(rec, empty, SEC(3), DIFF_TEXT, out, err), EXIT_RUNTIME);
	ck_assert_int_eq(diff_files(empty, rec, SEC(3), DIFF_TEXT, out, err), EXIT_BADINPUT);
	ck_assert_int_eq(diff_files("/nonexistent/podsim", rec, SEC(3), DIFF_TEXT, out, err),
			 EXIT_BADINPUT);
	/* issue 8.11: a directory was "Input/output error" */
	ck_assert_int_eq(diff_files("tests", rec, SEC(3), DIFF_TEXT, out, err), EXIT_BADINPUT);
	fclose(out);
	fclose(err);
	char want[512];
	snprintf(want, sizeof(want),
		 "podsim diff: %s: contains no pod rows\n"
		 "podsim diff: /nonexistent/podsim: cannot open: No such file or directory\n"
		 "podsim diff: tests: cannot read: Is a directory\n",
		 empty);
	ck_assert_str_eq(err_buf, want);
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
	tcase_add_test(tc, test_parse_warning_cap);
	tcase_add_loop_test(tc, test_parse_rejected, 0, sizeof(rejected) / sizeof(rejected[0]));
	tcase_add_test(tc, test_parse_no_rows);
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
	tcase_add_test(tc, test_old_capture);
	tcase_add_test(tc, test_ago_one_side);
	tcase_add_test(tc, test_events);
	tcase_add_test(tc, test_no_recorded_rows);
	tcase_add_test(tc, test_recorded_longer);
	tcase_add_loop_test(tc, test_too_many_rows, 0, sizeof(sizes) / sizeof(sizes[0]));
	tcase_add_test(tc, test_files);
	suite_add_tcase(s, tc);
	return s;
}
