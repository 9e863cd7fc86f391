/* tune.h - `podsim tune`: search probe settings under constraints.
 *
 * The search (successive halving with common random numbers) is described
 * in tune.c, what it prints in tune_report.c, and both in the README
 * ("Tuning probes").
 */
#ifndef TUNE_H
#define TUNE_H

#include <stdio.h>

#include "metrics.h"
#include "sweep.h"

enum { TUNE_MAX_PARAMS = 8, TUNE_MAX_GOALS = 4, TUNE_MAX_LIMITS = 8 };

/* A metric of one pod: "[POD:]METRIC" (no POD: the first pod). */
typedef struct tune_metric {
	int pod;      /* index into the scenario's pods */
	metric_id id;
	char *text;   /* as the user wrote it, for messages and headers */
} tune_metric;

typedef struct tune_goal {
	tune_metric m;
	bool maximize;
} tune_goal;

/* METRIC<=LIMIT or METRIC>=LIMIT on the metric's mean (for a 0/1 metric:
 * its proportion).  A mean that is undefined (the metric never is) fails. */
typedef struct tune_limit {
	tune_metric m;
	bool at_most;
	double limit;
	char *text;
} tune_limit;

/* One setting of the parameters, and its runs so far. */
typedef struct tune_cand {
	scenario sc;
	int64_t value[TUNE_MAX_PARAMS];
	double *vals;  /* [run][pod][metric], run = seed - first seed */
	int n;         /* runs done */
	int dropped_at;/* the round that dropped it, or -1 */
	double cost[TUNE_MAX_GOALS]; /* tune_cost of each goal after its last round */
	bool feasible;               /* tune_feasible then */
} tune_cand;

typedef struct tune {
	const char **files;
	int n_files;
	sweep_axis params[TUNE_MAX_PARAMS];
	int n_params;
	tune_goal goals[TUNE_MAX_GOALS];
	int n_goals;
	tune_limit limits[TUNE_MAX_LIMITS];
	int n_limits;
	uint64_t seed;
	int runs_min, runs_max, threads;
	bool duration_set;
	simtime_t duration;
	const char *front_path;
	/* the search */
	tune_cand *cands;
	int n_cands, n_pods;
	int rounds, round_n[24], round_alive[24];
} tune;

/* podsim tune ARGS (argv after "tune"); returns an EXIT_* code. */
int tune_main(int argc, char **argv, FILE *out);

/* Summary of candidate c's metric m over its runs (t for the mean, Wilson
 * for a proportion). */
sweep_summary tune_summary(const tune *t, const tune_cand *c, const tune_metric *m);
/* The goal's mean as a cost to minimise (+inf when undefined). */
double tune_cost(const tune *t, const tune_cand *c, const tune_goal *g);
/* True if c meets every limit by its mean. */
bool tune_feasible(const tune *t, const tune_cand *c);
/* True if a's costs (cached) are all <= b's and one is < (by the means). */
bool tune_dominates(const tune *t, const tune_cand *a, const tune_cand *b);
/* Paired (same seeds) 95 % t interval of a's cost minus b's on goal g, over
 * the runs both have where both values are defined: true if it lies below
 * 0 (a significantly better). */
bool tune_better(const tune *t, const tune_cand *a, const tune_cand *b, const tune_goal *g);

/* The report (tune_report.c): the Pareto front of the candidates that ran
 * every round, the recommended setting as YAML, the trade-off in words.
 * Returns EXIT_OK, or EXIT_RUNTIME when no setting meets the limits. */
int tune_report(const tune *t, FILE *out);
/* CSV of every candidate (its last round) for plots/pareto.gp. */
int tune_report_csv(const tune *t, const char *path);

#endif
