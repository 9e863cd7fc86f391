/* harness.h - helpers shared by the suites that drive whole simulations.
 *
 * A harness loads a scenario from a YAML string, starts a run that the
 * test steps with sim_advance, and gives access to the node's kubelet
 * state.  EXACT_TIMINGS is a Simulation document with every latency 0 but
 * the container start (10 ms), so instants follow from the scenario alone.
 * The suites of the YAML loader itself share HARNESS_LOADER_FIXTURE and the
 * manifest heads POD_HEAD and SIM_HEAD.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <string.h>

#include "node.h"
#include "scenario.h"
#include "sim.h"

typedef struct harness {
	scenario sc;
	sim_options o;
	sim_state *st;
	char *out;
	size_t len;
	FILE *f;
} harness;

#define EXACT_TIMINGS                                                           \
	"---\napiVersion: podsim/v1\nkind: Simulation\n"                       \
	"kubelet:\n  timings: {sandboxCreate: 0s, containerCreate: 0s, "       \
	"containerStart: 10ms, scheduleLatency: 0s, admitLatency: 0s, "        \
	"volumeMount: 0s, relistDuration: 0s, apiLatency: 0s}\n"               \
	"  images: [{image: 'app:1', present: true}]\n"

/* Load yaml (asserting it is valid) and start a run with the given seed. */
void harness_start(harness *h, const char *yaml, uint64_t seed);
void harness_end(harness *h);
/* The kubelet's state of pod name (namespace default); asserts it exists. */
kpod *harness_pod(harness *h, const char *name);
/* Advance the run to until in steps of 1 s, recording every instance of
 * container ctr of pod as it looked when last seen (the runtime keeps only
 * the newest RUNTIME_KEEP, so history must be watched as it happens; a
 * step never sees that many created).  Returns their number; *out is a
 * heap array of shallow copies in creation order: read their times and
 * exit codes only. */
int harness_instances(harness *h, const char *pod, int ctr, simtime_t until,
		      container_instance **out);
/* A whole run of yaml with options o; returns the heap output text. */
char *harness_run(const char *yaml, const sim_options *o);
/* The same for a scenario file (asserting it loads). */
char *harness_run_file(const char *path, const sim_options *o);
/* A file's contents as a heap string (asserting it can be read). */
char *harness_read_file(const char *path);
/* Replace the first occurrence of from by to in the heap string *text. */
void harness_replace(char **text, const char *from, const char *to);

/* ---- the loader suites ------------------------------------------------- */

/* lines 1-8; the container mapping starts at 7:5, more fields go at column 5 */
#define POD_HEAD                                                                   \
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n" \
	"  - name: app\n    image: busybox\n"
#define SIM_HEAD "apiVersion: podsim/v1\nkind: Simulation\n"

/*
 * The fixture of the loader suites (check_scenario.c and
 * check_scenario_errors.c), defined in the file that uses it: a scenario sc
 * and an error buffer err; the Check fixtures setup (a fresh scenario, which
 * scenario_init gives the built-in catalogue, and an empty err) and teardown
 * (releases sc, so ASan sees the cleanup of every error path); and
 * load(yaml), which loads from memory under the name "t.yaml" so expected
 * messages can spell out t.yaml:LINE:COL.  A macro rather than functions in
 * harness.c because Check fixtures take no argument, so the state is global,
 * and the many tests that read sc and err keep those short names.
 */
#define HARNESS_LOADER_FIXTURE                                                      \
	static scenario sc;                                                         \
	static char err[512];                                                       \
                                                                                    \
	static void setup(void)                                                     \
	{                                                                           \
		scenario_init(&sc);                                                 \
		err[0] = '\0';                                                      \
	}                                                                           \
                                                                                    \
	static void teardown(void)                                                  \
	{                                                                           \
		scenario_release(&sc);                                              \
	}                                                                           \
                                                                                    \
	static int load(const char *yaml)                                           \
	{                                                                           \
		return scenario_load_buffer(&sc, "t.yaml", yaml, strlen(yaml), err, \
					    sizeof(err));                           \
	}

#endif
