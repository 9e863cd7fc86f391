/* check_sweep.c - `podsim sweep`: grid axes, statistics, and output that
 * does not depend on the number of threads (sweep.c, issue 13 item 3). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "metrics.h"
#include "sim.h"
#include "sweep.h"

#define LIVENESS "scenarios/liveness-http.yaml"
#define PERIOD "spec.containers[0].livenessProbe.periodSeconds"

/* ---- axes ---------------------------------------------------------------- */

static const struct {
	const char *arg;
	const char *values; /* the values as "a b c", or NULL when rejected */
} axis_cases[] = {
	{ PERIOD "=3,5,10", "3 5 10" },
	{ PERIOD "=1..9/4", "1 5 9" },
	{ PERIOD "=2..4", "2 3 4" },
	{ PERIOD "=1..10/4", "1 5 9" },
	{ "spec.containers[1].startupProbe.failureThreshold=7", "7" },
	{ "spec.terminationGracePeriodSeconds=0,30", "0 30" },
	{ PERIOD "=", NULL },
	{ PERIOD "=5..1", NULL },
	{ PERIOD "=1..5/0", NULL },
	{ PERIOD "=-1", NULL },
	{ PERIOD "=3,,5", NULL },
	{ PERIOD "=2.5", NULL },
	{ PERIOD "=99999999999", NULL },
	{ PERIOD, NULL },
	{ "spec.containers[0].livenessProbe.period=3", NULL },
	{ "spec.containers[0].probe.periodSeconds=3", NULL },
	{ "spec.containers[x].livenessProbe.periodSeconds=3", NULL },
	{ "metadata.name=3", NULL },
	{ "web:" PERIOD "=4", "4" },
	{ ":" PERIOD "=4", NULL },
};

START_TEST(test_axis_parse)
{
	sweep_axis a;
	char err[512] = "", got[256] = "";
	int rc = sweep_axis_parse(axis_cases[_i].arg, &a, err, sizeof(err));
	if (!axis_cases[_i].values) {
		ck_assert_int_eq(rc, -1);
		ck_assert(strncmp(err, "--set: ", 7) == 0 && !strchr(err, '\n'));
		return;
	}
	ck_assert_msg(rc == 0, "%s", err);
	for (int i = 0; i < a.n_values; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%lld", i ? " " : "",
			 (long long)a.values[i]);
	ck_assert_str_eq(got, axis_cases[_i].values);
	ck_assert(strchr(axis_cases[_i].arg, '=') - axis_cases[_i].arg == (long)strlen(a.path));
	sweep_axis_release(&a);
}
END_TEST

/* Values land in the scenario's pods; what API validation forbids is refused
 * (ValidateProbe: successThreshold must be 1 for liveness and startup). */
START_TEST(test_axis_apply)
{
	static const struct { const char *arg; const char *err; } cases[] = {
		{ PERIOD "=7", NULL },
		{ "spec.containers[0].livenessProbe.successThreshold=2",
		  "--set: spec.containers[0].livenessProbe.successThreshold: 2 is out of range "
		  "(1 for liveness and startup probes)" },
		{ "spec.containers[0].readinessProbe.periodSeconds=3",
		  "--set: spec.containers[0].readinessProbe.periodSeconds: container liveness of "
		  "pod liveness-http has no readinessProbe" },
		{ "spec.containers[1].livenessProbe.periodSeconds=3",
		  "--set: spec.containers[1].livenessProbe.periodSeconds: pod liveness-http has 1 "
		  "container" },
		{ PERIOD "=0", "--set: " PERIOD ": 0 is out of range (a positive integer)" },
		{ "liveness-http:" PERIOD "=7", NULL },
		{ "web:" PERIOD "=7", "--set: web:" PERIOD ": no pod named \"web\"" },
	};
	char err[512];
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		scenario sc;
		sweep_axis a;
		scenario_init(&sc);
		ck_assert(scenario_load_file(&sc, LIVENESS, err, sizeof(err)) == 0);
		ck_assert(sweep_axis_parse(cases[k].arg, &a, err, sizeof(err)) == 0);
		int rc = sweep_axis_apply(&a, a.values[0], &sc, err, sizeof(err));
		if (cases[k].err) {
			ck_assert_int_eq(rc, -1);
			ck_assert_str_eq(err, cases[k].err);
		} else {
			ck_assert_int_eq(rc, 0);
			ck_assert_int_eq(sc.pods[0].containers[0].liveness->period_seconds, 7);
		}
		sweep_axis_release(&a);
		scenario_release(&sc);
	}
}
END_TEST

/* POD:PATH sets one pod of several: startup-slow's second pod has no
 * startup probe, so only the prefixed path can sweep the first pod's. */
START_TEST(test_axis_one_pod)
{
	char err[512];
	scenario sc;
	sweep_axis all, one;
	scenario_init(&sc);
	ck_assert(scenario_load_file(&sc, "scenarios/startup-slow.yaml", err, sizeof(err)) == 0);
	ck_assert_int_eq(sc.n_pods, 2);
	ck_assert(sweep_axis_parse("spec.containers[0].startupProbe.failureThreshold=9", &all, err,
				   sizeof(err)) == 0);
	ck_assert_int_eq(sweep_axis_apply(&all, 9, &sc, err, sizeof(err)), -1);
	ck_assert(sweep_axis_parse("slow-start:spec.containers[0].startupProbe.failureThreshold=9",
				   &one, err, sizeof(err)) == 0);
	ck_assert_int_eq(sweep_axis_apply(&one, 9, &sc, err, sizeof(err)), 0);
	ck_assert_str_eq(sc.pods[0].name, "slow-start");
	ck_assert_int_eq(sc.pods[0].containers[0].startup->failure_threshold, 9);
	sweep_axis_release(&all);
	sweep_axis_release(&one);
	scenario_release(&sc);
}
END_TEST

/* ---- statistics (expected values from a hand computation) ----------------- */

#define NEAR(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-6, "%.9g != %.9g", (double)(a), (double)(b))

START_TEST(test_summary_t_interval)
{
	const double v[] = { 4, NAN, 2, 1, 3 };
	sweep_summary s = sweep_summarise(v, 5, false);
	ck_assert_int_eq(s.n, 4);
	NEAR(s.mean, 2.5);
	NEAR(s.sd, 1.2909944487);   /* sample sd, n - 1 */
	NEAR(s.median, 2.5);
	NEAR(s.p90, 3.7);           /* GSL: linear between order statistics */
	NEAR(s.p99, 3.97);
	NEAR(s.lo, 0.4457397432);   /* 2.5 -+ t(0.975, 3) * sd / 2 */
	NEAR(s.hi, 4.5542602567);
}
END_TEST

START_TEST(test_summary_wilson)
{
	const double v[] = { 1, 1, 0, 1, 1, 1, 1, 0, 1, 1 };
	sweep_summary s = sweep_summarise(v, 10, true);
	ck_assert_int_eq(s.n, 10);
	NEAR(s.mean, 0.8);
	NEAR(s.lo, 0.4901624715); /* Wilson score interval, z = 1.96 */
	NEAR(s.hi, 0.9433178485);
	sweep_summary one = sweep_summarise(v, 1, false);
	ck_assert(one.n == 1 && isnan(one.sd) && isnan(one.lo));
	sweep_summary none = sweep_summarise(v, 0, false);
	ck_assert(none.n == 0 && isnan(none.mean));
}
END_TEST

/* ---- whole sweeps ------------------------------------------------------------ */

typedef struct result {
	int rc;
	char *summary, *runs;
} result;

static result sweep_with(const char *threads)
{
	char runs[] = "/tmp/podsim-sweep-XXXXXX";
	int fd = mkstemp(runs);
	ck_assert(fd >= 0);
	close(fd);
	char *argv[] = { "--set", PERIOD "=3,6", "--set", "spec.terminationGracePeriodSeconds=0,30",
			 "--seeds", "5..9", "--duration", "3m", "-j", (char *)threads,
			 "--runs", runs, LIVENESS };
	result r;
	size_t len;
	FILE *out = open_memstream(&r.summary, &len);
	r.rc = sweep_run((int)(sizeof(argv) / sizeof(argv[0])), argv, out);
	fclose(out);
	r.runs = harness_read_file(runs);
	unlink(runs);
	return r;
}

/* The same CSVs, byte for byte, with one thread and with three. */
START_TEST(test_threads_do_not_change_output)
{
	result a = sweep_with("1"), b = sweep_with("3");
	ck_assert_int_eq(a.rc, 0);
	ck_assert_int_eq(b.rc, 0);
	ck_assert_msg(strcmp(a.summary, b.summary) == 0, "summaries differ between -j 1 and -j 3");
	ck_assert_msg(strcmp(a.runs, b.runs) == 0, "per-run rows differ between -j 1 and -j 3");
	/* 4 grid points x 5 seeds x 1 pod, and a header */
	int lines = 0;
	for (const char *p = a.runs; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 21);
	free(a.summary), free(a.runs), free(b.summary), free(b.runs);
}
END_TEST

/* A row of the per-run CSV is what `podsim run --metrics` computes for that
 * seed of that grid point: point 1 is periodSeconds 3, grace 30, seed 7. */
START_TEST(test_rows_are_single_runs)
{
	result r = sweep_with("2");
	scenario sc;
	char err[512];
	scenario_init(&sc);
	ck_assert(scenario_load_file(&sc, LIVENESS, err, sizeof(err)) == 0);
	sc.pods[0].containers[0].liveness->period_seconds = 3;
	sc.pods[0].termination_grace_seconds = 30;
	ck_assert(scenario_finish(&sc, err, sizeof(err)) == 0);
	metrics *m = metrics_new(&sc);
	sim_options o = { .seed_set = true, .seed = 7, .duration_set = true, .duration = SEC(180),
			  .output = OUT_NONE, .quiet_warnings = true, .collect = m };
	FILE *null = fopen("/dev/null", "w");
	sim_run(&sc, &o, null, stderr);
	fclose(null);
	int n;
	const metrics_pod *p = metrics_pods(m, &n);
	char want[512] = "\n1,3,30,7,liveness-http";
	for (int i = 0; i < METRIC_COUNT; i++) {
		char buf[32];
		metrics_format((metric_id)i, p[0].v[i], buf, sizeof(buf));
		snprintf(want + strlen(want), sizeof(want) - strlen(want), ",%s",
			 isnan(p[0].v[i]) ? "NA" : buf);
	}
	strcat(want, "\n");
	ck_assert_msg(strstr(r.runs, want), "%s not in\n%s", want, r.runs);
	metrics_free(m);
	scenario_release(&sc);
	free(r.summary), free(r.runs);
}
END_TEST

/* Closed form with common random numbers: liveness-http fails from uptime
 * 10 s on, and the kubelet kills after failureThreshold consecutive failures
 * (prober/worker.go), so raising the threshold from 1 to 3 delays the first
 * restart by two probe periods, plus at most the probe timeout (1 s), and
 * by the same amount for every seed, since each seed draws the same
 * timings at both grid points. */
START_TEST(test_threshold_delays_restart_by_periods)
{
	char runs[] = "/tmp/podsim-sweep-XXXXXX";
	int fd = mkstemp(runs);
	ck_assert(fd >= 0);
	close(fd);
	char *argv[] = { "--set", PERIOD "=3..5", "--set",
			 "spec.containers[0].livenessProbe.failureThreshold=1,3", "--seeds", "1..6",
			 "--duration", "2m", "--runs", runs, LIVENESS };
	FILE *null = fopen("/dev/null", "w");
	ck_assert_int_eq(sweep_run((int)(sizeof(argv) / sizeof(argv[0])), argv, null), 0);
	fclose(null);
	char *text = harness_read_file(runs);
	unlink(runs);
	double first[3][2][6];
	int rows = 0;
	for (char *line = strchr(text, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
		int pt, period, ft, seed;
		double ready_at, ever, frac, not_ready, restart;
		ck_assert_int_eq(sscanf(line, "%d,%d,%d,%d,liveness-http,%lf,%lf,%lf,%lf,%lf", &pt,
					&period, &ft, &seed, &ready_at, &ever, &frac, &not_ready,
					&restart), 9);
		first[period - 3][ft == 3][seed - 1] = restart;
		rows++;
	}
	ck_assert_int_eq(rows, 36);
	for (int p = 0; p < 3; p++)
		for (int k = 0; k < 6; k++) {
			double d = first[p][1][k] - first[p][0][k], d0 = first[p][1][0] - first[p][0][0];
			ck_assert_msg(d >= 2 * (p + 3) && d <= 2 * (p + 3) + 1,
				      "period %d seed %d: delay %.3f s", p + 3, k + 1, d);
			ck_assert_msg(fabs(d - d0) < 1e-6, "period %d: seeds differ", p + 3);
		}
	free(text);
}
END_TEST

Suite *sweep_suite(void)
{
	Suite *s = suite_create("sweep");
	TCase *tc = tcase_create("sweep");
	tcase_add_loop_test(tc, test_axis_parse, 0, sizeof(axis_cases) / sizeof(axis_cases[0]));
	tcase_add_test(tc, test_axis_apply);
	tcase_add_test(tc, test_axis_one_pod);
	tcase_add_test(tc, test_summary_t_interval);
	tcase_add_test(tc, test_summary_wilson);
	tcase_add_test(tc, test_threads_do_not_change_output);
	tcase_add_test(tc, test_rows_are_single_runs);
	tcase_add_test(tc, test_threshold_delays_restart_by_periods);
	suite_add_tcase(s, tc);
	return s;
}
