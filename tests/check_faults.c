/* check_faults.c - fault timelines as Poisson processes, and the journal (faults.c).
 *
 * A fault's onsets come an exponential time of mean `every` after the end
 * of startup or of the previous window (a Poisson process of rate
 * 1/every while the app runs, issue 13 item 1); the schedule is drawn from
 * the fault's own stream, so when and how often it is asked about never
 * changes it.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "faults.h"
#include "scenario.h"

static fault_spec hang_spec(simtime_t every, simtime_t dur)
{
	return (fault_spec){ .kind = FAULT_HANG, .every = every, .recover = true,
			     .duration = { DIST_CONST, dur, 0, 0 } };
}

/* The mean gap from the end of startup to the first onset is `every`:
 * 4,000 instances, within 5 % (the sd of the mean is 1.6 %). */
START_TEST(test_onsets_exponential_mean)
{
	fault_spec f = hang_spec(SEC(3600), SEC(60));
	double sum = 0;
	const int n = 4000;
	for (int i = 0; i < n; i++) {
		faults_journal *j = faults_journal_new();
		int rec = faults_journal_start(j, NULL, NULL, 0, SEC(5));
		faults_timeline *t = faults_start(&f, 1, SEC(5), (uint64_t)i, "c", j, rec);
		const faults_window *w;
		ck_assert_int_eq(faults_journal_windows(j, &w), 1);
		ck_assert_int_ge(w[0].onset, SEC(5));
		ck_assert_int_eq(w[0].end - w[0].onset, SEC(60));
		sum += (double)(w[0].onset - SEC(5)) / 1e9;
		faults_free(t);
		faults_journal_free(j);
	}
	ck_assert_msg(fabs(sum / n - 3600) < 0.05 * 3600, "mean %.1f s", sum / n);
}
END_TEST

/* Asked every second or only once at the end, the same windows are drawn;
 * a window holds from its onset (inclusive) to its end (exclusive). */
START_TEST(test_schedule_independent_of_queries)
{
	fault_spec f[2] = { hang_spec(SEC(600), SEC(30)),
			    { .kind = FAULT_SLOW, .every = SEC(300), .duration = { DIST_CONST, SEC(20), 0, 0 },
			      .extra = { DIST_CONST, MSEC(700), 0, 0 } } };
	faults_journal *a = faults_journal_new(), *b = faults_journal_new();
	faults_timeline *ta = faults_start(f, 2, 0, 7, "c", a, 0);
	faults_timeline *tb = faults_start(f, 2, 0, 7, "c", b, 0);
	faults_journal_start(a, NULL, NULL, 0, 0);
	faults_journal_start(b, NULL, NULL, 0, 0);
	for (simtime_t now = 0; now <= SEC(7200); now += SEC(1))
		faults_at(ta, now);
	faults_at(tb, SEC(7200));
	const faults_window *wa, *wb;
	int na = faults_journal_windows(a, &wa), nb = faults_journal_windows(b, &wb);
	ck_assert_int_gt(na, 10);
	/* the same windows per fault, whatever the interleaving of the two series */
	static const fault_kind kinds[] = { FAULT_HANG, FAULT_SLOW };
	for (int k = 0; k < 2; k++) {
		fault_kind kind = kinds[k];
		int x = 0, y = 0;
		for (;;) {
			while (x < na && wa[x].kind != kind)
				x++;
			while (y < nb && wb[y].kind != kind)
				y++;
			if (x == na || y == nb)
				break;
			ck_assert_int_eq(wa[x].onset, wb[y].onset);
			ck_assert_int_eq(wa[x].end, wb[y].end);
			x++, y++;
		}
	}
	/* state at the edges of the first hang */
	for (int x = 0; x < na; x++) {
		if (wa[x].kind != FAULT_HANG)
			continue;
		faults_timeline *t = faults_start(f, 1, 0, 7, "c", NULL, 0);
		ck_assert(!faults_at(t, wa[x].onset - 1).hung);
		ck_assert_int_eq(faults_at(t, wa[x].onset - 1).next_change, wa[x].onset);
		ck_assert(faults_at(t, wa[x].onset).hung);
		ck_assert_int_eq(faults_at(t, wa[x].onset).next_change, wa[x].end);
		ck_assert(!faults_at(t, wa[x].end).hung);
		faults_free(t);
		break;
	}
	faults_free(ta);
	faults_free(tb);
	faults_journal_free(a);
	faults_journal_free(b);
}
END_TEST

/* A hang without recovery lasts for good and ends the series; a crash is
 * one instant with its exit code. */
START_TEST(test_no_recovery_and_crash)
{
	fault_spec f[2] = { { .kind = FAULT_HANG, .every = SEC(100), .recover = false },
			    { .kind = FAULT_CRASH, .every = SEC(100), .exit_code = 3 } };
	faults_journal *j = faults_journal_new();
	faults_journal_start(j, NULL, NULL, 0, SEC(1));
	faults_timeline *t = faults_start(f, 2, SEC(1), 11, "c", j, 0);
	faults_now s = faults_at(t, SIM_TIME_LIMIT);
	const faults_window *w;
	ck_assert_int_eq(faults_journal_windows(j, &w), 2);
	ck_assert_int_eq(w[0].end, SIMTIME_NEVER);
	ck_assert(s.hung);
	ck_assert_int_eq(s.next_change, SIMTIME_NEVER);
	ck_assert_int_eq(w[1].onset, w[1].end);
	ck_assert_int_eq(s.crash_at, w[1].onset);
	ck_assert_int_eq(s.crash_code, 3);
	faults_free(t);
	faults_journal_free(j);
}
END_TEST

/* A slow period adds its extra latency, and only inside the window. */
START_TEST(test_slow_extra_latency)
{
	fault_spec f = { .kind = FAULT_SLOW, .every = SEC(60), .duration = { DIST_CONST, SEC(10), 0, 0 },
			 .extra = { DIST_CONST, SEC(2), 0, 0 } };
	faults_journal *j = faults_journal_new();
	faults_journal_start(j, NULL, NULL, 0, 0);
	faults_timeline *t = faults_start(&f, 1, 0, 5, "c", j, 0);
	rng_stream *r = rng_stream_new(1, "lat");
	const faults_window *w;
	faults_journal_windows(j, &w);
	simtime_t on = w[0].onset;
	ck_assert_int_eq(faults_extra_latency(t, on - 1, r), 0);
	ck_assert_int_eq(faults_extra_latency(t, on, r), SEC(2));
	ck_assert(faults_at(t, on + SEC(9)).slow);
	ck_assert_int_eq(faults_extra_latency(t, on + SEC(10), r), 0);
	rng_stream_free(r);
	faults_free(t);
	faults_journal_free(j);
}
END_TEST

/* The YAML of a behaviour's startup and faults (scenario_podsim.c): a rate
 * "N/D" is a mean interval D/N; recover defaults to true, exitCode to 1;
 * listenAfter and a step's after take distributions. */
START_TEST(test_yaml_faults)
{
	static const char yaml[] =
		"apiVersion: podsim/v1\nkind: Simulation\nbehaviors:\n- container: app\n"
		"  startup: \"lognormal(20s,0.4)\"\n"
		"  endpoints:\n  - port: 80\n    http: /\n    listenAfter: \"uniform(1s,2s)\"\n"
		"    responses: [{after: 0s, status: 200}, {after: \"exponential(1m)\", status: 500}]\n"
		"  faults:\n"
		"  - {kind: hang, rate: 1/24h, duration: \"exponential(10m)\"}\n"
		"  - {kind: crash, rate: 3/1h}\n"
		"  - {kind: slow, rate: 0.5/1m, duration: 30s, extraLatency: \"uniform(1s,2s)\"}\n"
		"  - {kind: hang, rate: 1/168h, recover: false}\n";
	scenario sc;
	char err[256];
	scenario_init(&sc);
	ck_assert_msg(scenario_load_buffer(&sc, "t.yaml", yaml, strlen(yaml), err, sizeof(err)) == 0,
		      "%s", err);
	const behavior_spec *b = &sc.settings.behaviors[0];
	ck_assert(b->has_startup && b->startup.kind == DIST_LOGNORMAL);
	ck_assert_int_eq(b->endpoints[0].listen_after.kind, DIST_UNIFORM);
	ck_assert_int_eq(b->endpoints[0].steps[1].after.kind, DIST_EXPONENTIAL);
	ck_assert(b->has_faults);
	ck_assert_int_eq(b->n_faults, 4);
	ck_assert_int_eq(b->faults[0].kind, FAULT_HANG);
	ck_assert_int_eq(b->faults[0].every, SEC(86400));
	ck_assert(b->faults[0].recover);
	ck_assert_int_eq(b->faults[0].duration.kind, DIST_EXPONENTIAL);
	ck_assert_int_eq(b->faults[1].kind, FAULT_CRASH);
	ck_assert_int_eq(b->faults[1].every, SEC(1200));
	ck_assert_int_eq(b->faults[1].exit_code, 1);
	ck_assert_int_eq(b->faults[2].every, SEC(120));
	ck_assert_int_eq(b->faults[2].extra.kind, DIST_UNIFORM);
	ck_assert(!b->faults[3].recover);
	ck_assert_int_eq(b->faults[3].every, SEC(7 * 86400));
	scenario_release(&sc);
}
END_TEST

Suite *faults_suite(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("timeline");
	tcase_add_test(tc, test_onsets_exponential_mean);
	tcase_add_test(tc, test_schedule_independent_of_queries);
	tcase_add_test(tc, test_no_recovery_and_crash);
	tcase_add_test(tc, test_slow_extra_latency);
	tcase_add_test(tc, test_yaml_faults);
	suite_add_tcase(s, tc);
	return s;
}
