/* check_sim.c - whole runs: determinism, seeds, and the engine's lanes not
 * changing any byte of a trace. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "harness.h"
#include "prober.h"
#include "scenario.h"
#include "sim.h"

/* Run a scenario file with the given seed and output; returns the text.
 * lanes/skip switch the engine's FIFO lanes and the probe workers' skipping
 * of inert ticks, which must never change a byte. */
static char *run_file_opts(const char *path, uint64_t seed, sim_output out, bool lanes, bool skip)
{
	sim_options o = {.seed_set = true, .seed = seed, .output = out, .quiet_warnings = true,
			 .duration_set = true, .duration = SEC(600), .explain = out == OUT_GET};
	engine_lanes_enabled = lanes;
	podsim_shortcuts = skip;
	char *text = harness_run_file(path, &o);
	engine_lanes_enabled = true;
	podsim_shortcuts = true;
	return text;
}

static char *run_file(const char *path, uint64_t seed, sim_output out, bool lanes)
{
	return run_file_opts(path, seed, out, lanes, true);
}

static const char *const scenarios[] = {
	"scenarios/liveness-http.yaml", "scenarios/readiness-flap.yaml",
	"scenarios/startup-slow.yaml", "scenarios/crashloop.yaml",
};

START_TEST(test_same_seed_same_bytes)
{
	char *a = run_file(scenarios[_i], 7, OUT_JSON, true);
	char *b = run_file(scenarios[_i], 7, OUT_JSON, true);
	ck_assert(strlen(a) > 1000);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

/* Probe ticks go through FIFO lanes; without them every event goes through
 * the heap.  The trace must not change by a byte. */
START_TEST(test_lanes_do_not_change_traces)
{
	char *a = run_file(scenarios[_i], 11, OUT_JSON, true);
	char *b = run_file(scenarios[_i], 11, OUT_JSON, false);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

/* Seeds change the jittered timings (the requeue after a refused restart),
 * never the sequence of states of the seed pod. */
START_TEST(test_seeds_differ_only_in_timing)
{
	char *a = run_file("scenarios/liveness-http.yaml", 1, OUT_GET, true);
	char *b = run_file("scenarios/liveness-http.yaml", 2, OUT_GET, true);
	ck_assert_str_ne(a, b);
	char sa[4096] = "", sb[4096] = "";
	char *texts[2] = {a, b}, *seqs[2] = {sa, sb};
	for (int k = 0; k < 2; k++)
		for (char *line = strtok(texts[k], "\n"); line; line = strtok(NULL, "\n")) {
			char name[64], ready[16], status[64], restarts[16];
			if (sscanf(line, "%63s %15s %63s %15s", name, ready, status, restarts) == 4) {
				strcat(seqs[k], ready);
				strcat(seqs[k], status);
				strcat(seqs[k], restarts);
				strcat(seqs[k], "|");
			}
		}
	ck_assert_str_eq(sa, sb);
	free(a);
	free(b);
}
END_TEST

/* Inputs found by fuzzing that once crashed (under make asan they would
 * report the memory error again): each must run to the end. */
static const char *const fuzz_cases[] = {
	"tests/data/fuzz/stale-status-pointer.yaml",
	"tests/data/fuzz/hook-never-returns.yaml",
};

START_TEST(test_fuzz_regressions_run)
{
	char *text = run_file(fuzz_cases[_i], 1, OUT_JSON, true);
	ck_assert(strlen(text) > 1000);
	ck_assert_ptr_nonnull(strstr(text, "\"type\":\"DELETED\""));
	free(text);
}
END_TEST

/* Every shipped scenario (and the fuzz regressions), JSON and explained
 * rows, with and without probe workers sleeping through inert ticks. */
static const char *const all_scenarios[] = {
	"scenarios/liveness-http.yaml", "scenarios/init-pod.yaml", "scenarios/crashloop.yaml",
	"scenarios/onfailure-completed.yaml", "scenarios/never-error.yaml",
	"scenarios/liveness-exec.yaml", "scenarios/tcp-probes.yaml", "scenarios/startup-slow.yaml",
	"scenarios/readiness-flap.yaml", "scenarios/probe-timeout.yaml",
	"scenarios/image-pull-backoff.yaml", "scenarios/oomkilled.yaml", "scenarios/init-two.yaml",
	"scenarios/init-fail-never.yaml", "scenarios/init-fail-always.yaml",
	"scenarios/sidecar-startup.yaml", "scenarios/sidecar-crash.yaml",
	"scenarios/delete-grace.yaml", "scenarios/prestop.yaml", "scenarios/deadline.yaml",
	"scenarios/kill-sandbox.yaml", "scenarios/sidecars-reverse-order.yaml",
	"scenarios/sidecars-prestop-forever.yaml", "scenarios/sidecars-prestop-simultaneous.yaml",
	"scenarios/delete-completed.yaml",
	"tests/data/fuzz/stale-status-pointer.yaml",
	"tests/data/fuzz/hook-never-returns.yaml",
};

START_TEST(test_skipping_inert_ticks_changes_nothing)
{
	for (int out = 0; out < 2; out++) {
		sim_output o = out ? OUT_JSON : OUT_GET;
		char *a = run_file_opts(all_scenarios[_i], 5, o, true, true);
		char *b = run_file_opts(all_scenarios[_i], 5, o, true, false);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
	}
}
END_TEST

/* --watch-from D follows describe's convention: the first rows are the
 * pods once every event at times <= D is applied.  The delete at exactly
 * 2 s is in the listed row (Terminating), not a watch row after it. */
START_TEST(test_watch_from_includes_events_at_d)
{
	static const char yaml[] =
		"apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n"
		"  - {name: app, image: 'app:1', command: [sh, -c, 'sleep 3600']}\n" EXACT_TIMINGS
		"actions: [{at: 2s, delete: web}]\n";
	sim_options o = {.seed_set = true, .seed = 1, .output = OUT_GET, .duration_set = true,
			 .duration = SEC(3), .watch_from = SEC(2)};
	char *text = harness_run(yaml, &o);
	ck_assert_str_eq(text, "NAME   READY   STATUS        RESTARTS   AGE\n"
			       "web    1/1     Terminating   0          2s\n");
	free(text);
}
END_TEST

Suite *sim_suite(void)
{
	Suite *s = suite_create("sim");
	TCase *tc = tcase_create("runs");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_same_seed_same_bytes, 0, sizeof(scenarios) / sizeof(scenarios[0]));
	tcase_add_loop_test(tc, test_lanes_do_not_change_traces, 0,
			    sizeof(scenarios) / sizeof(scenarios[0]));
	tcase_add_test(tc, test_seeds_differ_only_in_timing);
	tcase_add_loop_test(tc, test_skipping_inert_ticks_changes_nothing, 0,
			    sizeof(all_scenarios) / sizeof(all_scenarios[0]));
	tcase_add_loop_test(tc, test_fuzz_regressions_run, 0,
			    sizeof(fuzz_cases) / sizeof(fuzz_cases[0]));
	tcase_add_test(tc, test_watch_from_includes_events_at_d);
	suite_add_tcase(s, tc);
	return s;
}
