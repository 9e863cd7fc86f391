/* sim.h - one simulation run: scenario in, kubectl-style output out. */
#ifndef SIM_H
#define SIM_H

#include <stdio.h>

#include "scenario.h"

struct metrics;

/* OUT_NONE prints nothing (sweeps, which only collect metrics). */
typedef enum { OUT_GET, OUT_WIDE, OUT_JSON, OUT_EVENTS, OUT_DESCRIBE, OUT_LOGS, OUT_TIMELINE,
	       OUT_NONE } sim_output;

typedef struct sim_options {
	bool seed_set;
	uint64_t seed;
	bool duration_set;
	simtime_t duration;
	simtime_t watch_from;
	sim_output output;
	bool describe_at_set;
	simtime_t describe_at;
	bool explain;
	bool quiet_warnings;
	bool stats;          /* print engine counters and peak RSS to err */
	bool metrics;        /* print the lifecycle metrics block after the output */
	struct metrics *collect; /* if set, also fill this collector (metrics.h) */
} sim_options;

/* A run in progress, for callers that step it (tests): start, advance to
 * instants of their choice, inspect the node's kubelet state, finish.  The
 * scenario and options must outlive it. */
typedef struct run sim_state;
sim_state *sim_start(const scenario *sc, const sim_options *o, FILE *out);
void sim_advance(sim_state *r, simtime_t until);
struct node *sim_node(sim_state *r);
/* The run's object store and how far it has been advanced (podsim serve). */
struct apiserver *sim_apiserver(sim_state *r);
simtime_t sim_now(const sim_state *r);
/* `kubectl delete pod` at the current instant, with gracePeriodSeconds
 * grace (-1: the pod's own), as a scenario's delete action does; -1 if
 * there is no such pod. */
int sim_delete_pod(sim_state *r, const char *ns, const char *name, int64_t grace);
/* What `kubectl logs [--previous]` prints for container ctr of pod ns/pod
 * now: 0 and a heap string in *text (the caller frees it), or one of the
 * SIM_LOG_* codes and NULL. */
enum { SIM_LOG_NO_POD = -1, SIM_LOG_NO_CONTAINER = -2, SIM_LOG_NO_INSTANCE = -3 };
int sim_pod_log(sim_state *r, const char *ns, const char *pod, const char *ctr, bool previous,
		char **text);
/* Print warnings to err, flush out, free everything. */
void sim_finish(sim_state *r, FILE *err);

/* Run sc with o, writing the chosen output to out and warnings to err.
 * Returns an EXIT_* code.  A run only reads sc (and the catalogue in it)
 * and touches no mutable global state, so one loaded scenario can be run
 * any number of times, with any seeds, from several threads at once, each
 * run printing what a fresh process would (tests/check_runs.c).  The test
 * switches engine_lanes_enabled and podsim_shortcuts are only read during
 * a run. */
int sim_run(const scenario *sc, const sim_options *o, FILE *out, FILE *err);
/* The duration a run of sc with o simulates. */
simtime_t sim_duration(const scenario *sc, const sim_options *o);

#endif
