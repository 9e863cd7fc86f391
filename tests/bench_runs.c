/* bench_runs.c - `make bench`: many runs of one scenario in one process.
 *
 * Loads a scenario once (default scenarios/liveness-http.yaml), then runs it
 * K times (default 5000) for 5 virtual minutes with seeds 1..K, twice: with
 * the `get` output going to /dev/null, and as `podsim sweep` runs them (no
 * printer, a metrics collector), and reports runs per second of this
 * process's CPU time (one core) and of wall time.  This is the set-up and tear-down
 * cost a sweep pays per run (issue 9 item 5: the target is 2,000 runs per
 * second per core); the first run is made before the clock starts, so a
 * cache filled once per process is not counted per run.
 * usage: bench_runs [SCENARIO [K]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "metrics.h"
#include "scenario.h"
#include "sim.h"

static double seconds(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* K runs of sc, seeds 1..K: the get output to sink, or (as `podsim sweep`
 * runs them) no output and a metrics collector per run. */
static void bench(const scenario *sc, const char *path, long k, FILE *sink, bool as_sweep)
{
	sim_options o = {.seed_set = true, .seed = 1, .duration_set = true, .duration = SEC(300),
			 .quiet_warnings = true, .output = as_sweep ? OUT_NONE : OUT_GET};
	sim_run(sc, &o, sink, stderr);
	double c0 = seconds(CLOCK_PROCESS_CPUTIME_ID), w0 = seconds(CLOCK_MONOTONIC);
	for (long s = 1; s <= k; s++) {
		metrics *m = as_sweep ? metrics_new(sc) : NULL;
		o.seed = (uint64_t)s;
		o.collect = m;
		sim_run(sc, &o, sink, stderr);
		metrics_free(m);
	}
	double cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - c0, wall = seconds(CLOCK_MONOTONIC) - w0;
	printf("single-pod runs, %s: %s x %ld seeds x 5m: %.3f s CPU, %.0f runs/s per core "
	       "(%.1f us/run), %.0f runs/s wall\n",
	       as_sweep ? "as sweep runs them (metrics, no output)" : "get output to /dev/null",
	       path, k, cpu, (double)k / cpu, cpu * 1e6 / (double)k, (double)k / wall);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "scenarios/liveness-http.yaml";
	long k = argc > 2 ? atol(argv[2]) : 5000;
	char err[1024];
	scenario sc;
	scenario_init(&sc);
	if (k < 1 || scenario_load_file(&sc, path, err, sizeof(err)) < 0 ||
	    scenario_finish(&sc, err, sizeof(err)) < 0) {
		fprintf(stderr, "bench_runs: %s\n", k < 1 ? "usage: bench_runs [SCENARIO [K]]" : err);
		return 2;
	}
	FILE *sink = fopen("/dev/null", "w");
	if (!sink) {
		perror("bench_runs: /dev/null");
		return 1;
	}
	bench(&sc, path, k, sink, false);
	bench(&sc, path, k, sink, true);
	fclose(sink);
	scenario_release(&sc);
	return 0;
}
