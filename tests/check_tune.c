/* check_tune.c - `podsim tune`: the same answer for any -j, the answer a
 * full sweep of the same seeds gives, runs spent where candidates are
 * close, and clear refusals (tune.c, tune_report.c, issue 13 item 4). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sweep.h"
#include "tune.h"

#define TUNE_SCENARIO "scenarios/tune-liveness.yaml"
#define LIVENESS "scenarios/liveness-http.yaml"
#define FT "spec.containers[0].livenessProbe.failureThreshold"

typedef struct out {
	int rc;
	char *text, *err;
} out;

/* fn(argc, argv, stdout) with stdout and stderr captured. */
static out capture(int (*fn)(int, char **, FILE *), int argc, char **argv)
{
	out o;
	size_t len;
	char errname[] = "/tmp/podsim-tune-err-XXXXXX";
	int fd = mkstemp(errname), saved = dup(2);
	ck_assert(fd >= 0);
	dup2(fd, 2);
	FILE *f = open_memstream(&o.text, &len);
	o.rc = fn(argc, argv, f);
	fclose(f);
	fflush(stderr);
	dup2(saved, 2);
	close(saved), close(fd);
	o.err = harness_read_file(errname);
	unlink(errname);
	return o;
}

static char *tmpname(void)
{
	char *name = strdup("/tmp/podsim-tune-XXXXXX");
	int fd = mkstemp(name);
	ck_assert(fd >= 0);
	close(fd);
	return name;
}

static out tune_with(const char *j, const char *front)
{
	char *argv[] = { "--first-runs", "10", "--runs", "40", "--duration", "3m", "-j", (char *)j,
			 "--minimize", "hangs:first_restart_s", "--constraint",
			 "healthy:restarts<=0.05", "--front", (char *)front, TUNE_SCENARIO };
	return capture(tune_main, (int)(sizeof(argv) / sizeof(argv[0])), argv);
}

/* Same seed, -j 1 and -j 3: the same report and front CSV, byte for byte. */
START_TEST(test_threads_do_not_change_result)
{
	char *f1 = tmpname(), *f3 = tmpname();
	out a = tune_with("1", f1), b = tune_with("3", f3);
	ck_assert_int_eq(a.rc, 0);
	ck_assert_str_eq(a.text, b.text);
	char *c1 = harness_read_file(f1), *c3 = harness_read_file(f3);
	ck_assert_str_eq(c1, c3);
	ck_assert(strstr(a.text, "Recommended, to paste into pod hangs"));
	unlink(f1), unlink(f3);
	free(f1), free(f3), free(c1), free(c3);
	free(a.text), free(a.err), free(b.text), free(b.err);
}
END_TEST

/* Successive halving: every setting runs the first round, the recommended
 * one runs them all, and some setting was dropped early. */
START_TEST(test_runs_go_to_close_candidates)
{
	char *front = tmpname();
	out a = tune_with("2", front);
	ck_assert_int_eq(a.rc, 0);
	char *csv = harness_read_file(front);
	int rows = 0, dropped = 0, recommended = 0;
	for (char *line = strchr(csv, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
		int runs, feasible, in_front, rec;
		char *p = strchr(strchr(line, ',') + 1, ',') + 1; /* after setting,label, */
		ck_assert_int_eq(sscanf(p, "%d,%d,%d,%d", &runs, &feasible, &in_front, &rec), 4);
		ck_assert(runs == 10 || runs == 20 || runs == 40);
		dropped += runs < 40;
		if (rec)
			ck_assert(runs == 40 && feasible && in_front), recommended++;
		rows++;
	}
	ck_assert_int_eq(rows, 9);
	ck_assert_int_eq(recommended, 1);
	ck_assert_int_gt(dropped, 0);
	unlink(front);
	free(front), free(csv), free(a.text), free(a.err);
}
END_TEST

/* The recommendation is what an exhaustive sweep of the same seeds finds:
 * the lowest mean first_restart_s among the thresholds whose mean
 * ready_fraction is at least 0.8.  liveness-http fails its probe from 10 s
 * on and a kill needs failureThreshold failures (prober/worker.go), so a
 * higher threshold restarts later and keeps the pod Ready longer. */
START_TEST(test_recommendation_is_the_sweep_optimum)
{
	char *targv[] = { "--param", FT "=1..6", "--first-runs", "8", "--runs", "32", "--duration",
			  "2m", "--minimize", "first_restart_s", "--constraint",
			  "ready_fraction>=0.8", LIVENESS };
	out t = capture(tune_main, (int)(sizeof(targv) / sizeof(targv[0])), targv);
	ck_assert_int_eq(t.rc, 0);
	char *sargv[] = { "--set", FT "=1..6", "--seeds", "1..32", "--duration", "2m", LIVENESS };
	out s = capture(sweep_run, (int)(sizeof(sargv) / sizeof(sargv[0])), sargv);
	ck_assert_int_eq(s.rc, 0);
	double restart[7] = { 0 }, ready[7] = { 0 };
	for (char *line = strchr(s.text, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
		int pt, ft, n;
		char metric[64];
		double mean;
		int got = sscanf(line, "%d,%d,liveness-http,%63[^,],%d,%lf", &pt, &ft, metric, &n,
				 &mean);
		ck_assert_int_ge(got, 4);
		if (got < 5) /* a metric defined in no run (n 0, mean NA) */
			continue;
		if (!strcmp(metric, "first_restart_s"))
			restart[ft] = mean;
		if (!strcmp(metric, "ready_fraction"))
			ready[ft] = mean;
	}
	int best = 0;
	for (int ft = 1; ft <= 6; ft++)
		if (ready[ft] >= 0.8 && (!best || restart[ft] < restart[best]))
			best = ft;
	ck_assert_int_gt(best, 1); /* the constraint binds */
	char want[128];
	snprintf(want, sizeof(want), "  livenessProbe.failureThreshold=%d   <- recommended\n", best);
	ck_assert_msg(strstr(t.text, want), "want %s in\n%s", want, t.text);
	snprintf(want, sizeof(want), "          failureThreshold: %d\n", best);
	ck_assert(strstr(t.text, want));
	free(t.text), free(t.err), free(s.text), free(s.err);
}
END_TEST

/* No setting meets an impossible limit: exit 1, said on stdout and stderr. */
START_TEST(test_infeasible)
{
	char *argv[] = { "--param", FT "=1,2", "--first-runs", "4", "--runs", "8", "--duration",
			 "1m", "--minimize", "first_restart_s", "--constraint", "restarts<=-1",
			 LIVENESS };
	out o = capture(tune_main, (int)(sizeof(argv) / sizeof(argv[0])), argv);
	ck_assert_int_eq(o.rc, 1);
	ck_assert(strstr(o.text, "No setting tried meets restarts<=-1 by its mean"));
	ck_assert_str_eq(o.err, "podsim: tune: no setting meets the constraints\n");
	free(o.text), free(o.err);
}
END_TEST

static const struct { const char *args[6]; const char *err; } bad_cases[] = {
	{ { "--minimize", "nope" }, "podsim: tune: \"nope\": unknown metric" },
	{ { "--minimize", "web:restarts" }, "podsim: tune: \"web:restarts\": no such pod" },
	{ { "--constraint", "restarts=1", "--minimize", "restarts" },
	  "podsim: tune: --constraint: \"restarts=1\" is not [POD:]METRIC<=NUMBER" },
	{ { "--constraint", "restarts<=x", "--minimize", "restarts" },
	  "podsim: tune: --constraint: \"restarts<=x\": bad number" },
	{ { "--param", FT "=0", "--minimize", "restarts" },
	  "podsim: tune: --param: " FT ": 0 is out of range" },
	{ { "--param", "spec.x=1", "--minimize", "restarts" },
	  "podsim: tune: --param: \"spec.x\": unknown field" },
	{ { "--runs", "1", "--minimize", "restarts" }, "podsim: tune: --runs: bad number \"1\"" },
	{ { "--first-runs", "50", "--runs", "20" }, "podsim: tune: no objective" },
	{ { "--first-runs", "50", "--runs", "20", "--minimize", "restarts" },
	  "podsim: tune: --first-runs is more than --runs" },
	{ { "--runs", "100000", "--param", FT "=1..200", "--minimize", "restarts" },
	  "podsim: tune: --runs: more than 10000000 pod-runs" },
	{ { "--param", FT "=1..999/1", "--param", "spec.containers[0].livenessProbe.periodSeconds=1,2" },
	  "podsim: tune: no objective" },
};

START_TEST(test_bad_input)
{
	char *argv[8];
	int argc = 0;
	for (int k = 0; k < 6 && bad_cases[_i].args[k]; k++)
		argv[argc++] = (char *)bad_cases[_i].args[k];
	argv[argc++] = LIVENESS;
	out o = capture(tune_main, argc, argv);
	ck_assert_int_eq(o.rc, 2);
	ck_assert_msg(!strncmp(o.err, bad_cases[_i].err, strlen(bad_cases[_i].err)) &&
			      strchr(o.err, '\n')[1] == '\0',
		      "got %s", o.err);
	ck_assert_str_eq(o.text, "");
	free(o.text), free(o.err);
}
END_TEST

/* Two probes of one container are one list entry in the YAML to paste
 * (a container listed twice would be a duplicate name to the API server). */
START_TEST(test_snippet_one_entry_per_container)
{
	char *argv[] = { "--param", "spec.containers[0].startupProbe.failureThreshold=12,24",
			 "--param", "spec.containers[0].livenessProbe.periodSeconds=5,10",
			 "--first-runs", "2", "--runs", "4", "--duration", "3m", "-j", "1",
			 "--minimize", "ready_at_s", "scenarios/tuning-example.yaml" };
	out t = capture(tune_main, (int)(sizeof(argv) / sizeof(argv[0])), argv);
	ck_assert_int_eq(t.rc, 0);
	const char *yaml = strstr(t.text, "    spec:\n      containers:\n      - name: app\n");
	ck_assert_ptr_nonnull(yaml);
	ck_assert_ptr_null(strstr(strstr(yaml, "- name:") + 1, "- name:"));
	ck_assert_ptr_nonnull(strstr(yaml, "        startupProbe:\n          failureThreshold: "));
	ck_assert_ptr_nonnull(strstr(yaml, "        livenessProbe:\n          periodSeconds: "));
	free(t.text), free(t.err);
}
END_TEST

Suite *tune_suite(void)
{
	Suite *s = suite_create("tune");
	TCase *tc = tcase_create("tune");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_threads_do_not_change_result);
	tcase_add_test(tc, test_runs_go_to_close_candidates);
	tcase_add_test(tc, test_recommendation_is_the_sweep_optimum);
	tcase_add_test(tc, test_infeasible);
	tcase_add_test(tc, test_snippet_one_entry_per_container);
	tcase_add_loop_test(tc, test_bad_input, 0, sizeof(bad_cases) / sizeof(bad_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}
