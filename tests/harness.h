/* harness.h - helpers shared by the suites that drive whole simulations.
 *
 * A harness loads a scenario from a YAML string, starts a run that the
 * test steps with sim_advance, and gives access to the node's kubelet
 * state.  EXACT_TIMINGS is a Simulation document with every latency 0 but
 * the container start (10 ms), so instants follow from the scenario alone.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>

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
/* A whole run of yaml with options o; returns the heap output text. */
char *harness_run(const char *yaml, const sim_options *o);
/* A file's contents as a heap string (asserting it can be read). */
char *harness_read_file(const char *path);
/* Replace the first occurrence of from by to in the heap string *text. */
void harness_replace(char **text, const char *from, const char *to);

#endif
