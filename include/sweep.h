/* sweep.h - `podsim sweep`: a grid of manifest values x a seed range, in-process.
 *
 * The grid, the per-run rows and the per-point summaries are described in
 * sweep.c and the README ("Lifecycle metrics and sweeps").  Exported pieces
 * are the ones the tests drive directly.
 */
#ifndef SWEEP_H
#define SWEEP_H

#include <stdio.h>

#include "scenario.h"

/* podsim sweep ARGS (argv after "sweep"); returns an EXIT_* code. */
int sweep_main(int argc, char **argv);
/* The same with the summary written to out (tests). */
int sweep_run(int argc, char **argv, FILE *out);

/* One --set: a manifest field and the values it takes. */
typedef struct sweep_axis {
	char *path;     /* as given, e.g. spec.containers[0].livenessProbe.periodSeconds */
	char *pod;      /* "POD:" prefix of the path: only that pod; NULL = every pod */
	int container;  /* index into spec.containers, or -1 for a pod field */
	int probe;      /* 0 liveness, 1 readiness, 2 startup; -1 for a pod field */
	int field;      /* index of the field in its table */
	int64_t *values;
	int n_values;
} sweep_axis;

/* Parse "[POD:]PATH=VALUES" into *a (VALUES: v1,v2,... or A..B/STEP).
 * Returns 0, or -1 with a one-line message in err. */
int sweep_axis_parse(const char *arg, sweep_axis *a, char *err, size_t errlen);
void sweep_axis_release(sweep_axis *a);
/* Set the axis's field to v in every pod of sc (or its one pod).  Returns 0,
 * or -1 with a message (no such pod, a pod without that container or
 * probe, a value out of range). */
int sweep_axis_apply(const sweep_axis *a, int64_t v, scenario *sc, char *err, size_t errlen);

/* What a sweep's outputs are made of: the grid, the seeds, the pods, and
 * the values of runs [run_lo, run_hi), run = point * n_seeds + seed index.
 * A sweep fills it; podsim merge rebuilds it from shards (sweep_shard.h). */
typedef struct sweep_table {
	const sweep_axis *axes;
	int n_axes;
	int n_points;
	uint64_t seed_lo;
	int n_seeds;
	const char *const *pods;
	int n_pods;
	int run_lo, run_hi;
	double *vals; /* [run - run_lo][pod][metric] */
} sweep_table;

/* The value of axis a at grid point pt (the first axis varies slowest). */
int64_t sweep_axis_value(const sweep_table *t, int a, int pt);
/* The summary CSV (stdout of podsim sweep) and the per-run CSV (--runs);
 * both need every run, run_lo 0 and run_hi n_points * n_seeds. */
void sweep_write_summary(const sweep_table *t, FILE *out);
void sweep_write_runs(const sweep_table *t, FILE *out);
/* sweep_write_runs to the file path (NULL: nothing); an EXIT_* code after a
 * message on stderr. */
int sweep_write_runs_file(const sweep_table *t, const char *path);

/* The default -j: the online CPUs (1 to 256). */
int sweep_default_threads(void);
/* --duration's value: 0 with *d set, or -1 (unparsable or 0). */
int sweep_duration_option(const char *v, simtime_t *d);

/* One run: its scenario, seed, and where its metrics go (METRIC_COUNT
 * values per pod of sc, in pod order). */
typedef struct sweep_job {
	const scenario *sc;
	uint64_t seed;
	double *vals;
} sweep_job;
typedef struct sweep_job_options {
	int threads;          /* 1 to 256 */
	bool duration_set;
	simtime_t duration;
	bool progress;        /* show progress on stderr if it is a terminal */
	const char *what;     /* "sweep", "tune": names the progress line */
} sweep_job_options;
/* Run jobs [0, n) on o->threads threads; each job writes only its vals, so
 * the values do not depend on the thread count.  An EXIT_* code. */
int sweep_run_jobs(const sweep_job *jobs, int n, const sweep_job_options *o);

/* Summary of n values (NANs are skipped): what one row of the summary holds. */
typedef struct sweep_summary {
	int n;
	double mean, sd, median, p90, p99, lo, hi; /* NAN when undefined */
} sweep_summary;
/* t interval for the mean, or Wilson's interval when proportion (values 0/1). */
sweep_summary sweep_summarise(const double *v, int n, bool proportion);

#endif
