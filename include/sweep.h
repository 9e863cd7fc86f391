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

/* Summary of n values (NANs are skipped): what one row of the summary holds. */
typedef struct sweep_summary {
	int n;
	double mean, sd, median, p90, p99, lo, hi; /* NAN when undefined */
} sweep_summary;
/* t interval for the mean, or Wilson's interval when proportion (values 0/1). */
sweep_summary sweep_summarise(const double *v, int n, bool proportion);

#endif
