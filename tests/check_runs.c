/* check_runs.c - many runs of one loaded scenario in one process (sim.c).
 *
 * A sweep loads its scenario once and runs it for many seeds, possibly on
 * several threads (issue 9 item 5, issue 13).  That is only sound if a run
 * neither changes the scenario nor touches mutable global state, so that
 * run k in a long-lived process prints exactly what a fresh process prints.
 * The fresh processes are the goldens tests/golden/runs-*: golden.sh checks
 * that ./podsim prints them, and these tests that runs inside one process,
 * in any order and on two threads at once, print the same bytes.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "scenario.h"
#include "sim.h"

#define SCENARIO "scenarios/liveness-http.yaml"

static const struct {
	const char *golden; /* tests/golden/NAME.cmd and .out */
	const char *args;   /* the .cmd line, checked so the two cannot drift */
	uint64_t seed;
	sim_output output;
} cases[] = {
	{ "runs-get-seed1", "run --seed 1 --duration 5m " SCENARIO "\n", 1, OUT_GET },
	{ "runs-json-seed2", "run --seed 2 -o json --duration 5m " SCENARIO "\n", 2, OUT_JSON },
	{ "runs-events-seed3", "run --seed 3 -o events --duration 5m " SCENARIO "\n", 3,
	  OUT_EVENTS },
	{ "runs-describe-seed4", "run --seed 4 -o describe --duration 5m " SCENARIO "\n", 4,
	  OUT_DESCRIBE },
};
enum { N_CASES = sizeof(cases) / sizeof(cases[0]) };

static void load(scenario *sc)
{
	char err[512];
	scenario_init(sc);
	ck_assert_msg(scenario_load_file(sc, SCENARIO, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(scenario_finish(sc, err, sizeof(err)) == 0, "%s", err);
}

/* One run of the loaded sc, as `podsim run --seed S [-o FORMAT] --duration 5m`
 * prints it (stdout, then nothing on stderr, then the golden's exit line). */
static char *run_once(const scenario *sc, uint64_t seed, sim_output output)
{
	sim_options o = { .seed_set = true, .seed = seed, .output = output,
			  .duration_set = true, .duration = SEC(300) };
	char *text = NULL, *errs = NULL;
	size_t len, elen;
	FILE *out = open_memstream(&text, &len), *err = open_memstream(&errs, &elen);
	int rc = sim_run(sc, &o, out, err);
	fprintf(out, "exit=%d\n", rc);
	fclose(out);
	fclose(err);
	ck_assert_str_eq(errs, "");
	free(errs);
	return text;
}

static char *golden(int k, const char *ext)
{
	char path[128];
	snprintf(path, sizeof(path), "tests/golden/%s.%s", cases[k].golden, ext);
	return harness_read_file(path);
}

START_TEST(test_goldens_name_their_runs)
{
	char *cmd = golden(_i, "cmd");
	ck_assert_str_eq(cmd, cases[_i].args);
	free(cmd);
}
END_TEST

/* Each case twice, round robin, from one loaded scenario: every run prints
 * what its own process printed. */
START_TEST(test_repeated_runs_match_processes)
{
	scenario sc;
	char *want[N_CASES];
	load(&sc);
	for (int k = 0; k < N_CASES; k++)
		want[k] = golden(k, "out");
	for (int round = 0; round < 2; round++)
		for (int k = 0; k < N_CASES; k++) {
			char *got = run_once(&sc, cases[k].seed, cases[k].output);
			ck_assert_msg(strcmp(got, want[k]) == 0, "round %d: %s differs", round,
				      cases[k].golden);
			free(got);
		}
	for (int k = 0; k < N_CASES; k++)
		free(want[k]);
	scenario_release(&sc);
}
END_TEST

/* Seeds 1..24 in all output modes: a scenario that has served many runs
 * gives the same bytes as one loaded for a single run. */
START_TEST(test_used_scenario_equals_fresh)
{
	static const sim_output outs[] = { OUT_GET, OUT_WIDE, OUT_JSON, OUT_EVENTS,
					   OUT_DESCRIBE, OUT_LOGS };
	scenario used;
	load(&used);
	for (uint64_t seed = 1; seed <= 24; seed++) {
		sim_output out = outs[seed % (sizeof(outs) / sizeof(outs[0]))];
		scenario fresh;
		load(&fresh);
		char *a = run_once(&used, seed, out), *b = run_once(&fresh, seed, out);
		ck_assert_msg(strcmp(a, b) == 0, "seed %llu output %d differs",
			      (unsigned long long)seed, (int)out);
		free(a);
		free(b);
		scenario_release(&fresh);
	}
	scenario_release(&used);
}
END_TEST

typedef struct worker {
	pthread_t t;
	const scenario *sc;
	int first;     /* index of the first case run */
	char *got[2 * N_CASES];
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	for (int j = 0; j < 2 * N_CASES; j++) {
		int k = (w->first + j) % N_CASES;
		w->got[j] = run_once(w->sc, cases[k].seed, cases[k].output);
	}
	return NULL;
}

/* Two threads run the cases at once over the same scenario, each in its own
 * order: runs share nothing mutable, so each prints its golden. */
START_TEST(test_threads_share_the_scenario)
{
	scenario sc;
	worker w[2] = { { .sc = &sc, .first = 0 }, { .sc = &sc, .first = 1 } };
	load(&sc);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&w[i].t, NULL, work, &w[i]), 0);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_join(w[i].t, NULL), 0);
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2 * N_CASES; j++) {
			int k = (w[i].first + j) % N_CASES;
			char *want = golden(k, "out");
			ck_assert_msg(strcmp(w[i].got[j], want) == 0, "thread %d: %s differs", i,
				      cases[k].golden);
			free(want);
			free(w[i].got[j]);
		}
	scenario_release(&sc);
}
END_TEST

Suite *runs_suite(void)
{
	Suite *s = suite_create("runs");
	TCase *tc = tcase_create("in-process");
	tcase_add_loop_test(tc, test_goldens_name_their_runs, 0, N_CASES);
	tcase_add_test(tc, test_repeated_runs_match_processes);
	tcase_add_test(tc, test_used_scenario_equals_fresh);
	tcase_add_test(tc, test_threads_share_the_scenario);
	suite_add_tcase(s, tc);
	return s;
}
