/* metrics.h - lifecycle metrics of one run, computed from its watch stream.
 *
 * A metrics collector is a watch sink: it sees every pod object the API
 * server commits, as `kubectl get -w` does, and nothing of the kubelet.
 * Each metric is defined in the README ("Lifecycle metrics and sweeps").
 * The fault metrics also read the processes' ground truth (when a fault
 * began, when the kubelet signalled an instance) from a faults_journal the
 * collector owns and the run's processes write (faults.h).
 */
#ifndef METRICS_H
#define METRICS_H

#include <stdio.h>

#include "api.h"
#include "faults.h"
#include "scenario.h"

typedef enum {
	METRIC_READY_AT,      /* s from creation to the first Ready=True; NAN = never */
	METRIC_EVER_READY,    /* 1 if Ready was ever True, else 0 (a proportion) */
	METRIC_READY_FRACTION,/* share of the pod's life with Ready=True */
	METRIC_NOT_READY,     /* s of the pod's life without Ready=True */
	METRIC_FIRST_RESTART, /* s from creation to the first restartCount > 0; NAN = never */
	METRIC_RESTARTS,      /* restartCount summed over containers, at the end */
	METRIC_CRASHLOOP,     /* s with some container waiting in CrashLoopBackOff */
	METRIC_KILLS,         /* kills by the kubelet outside deletion and deadline (probes) */
	METRIC_FALSE_KILLS,   /* of those, kills of an instance that was not hung */
	METRIC_HANGS,         /* hang onsets in the pod's life */
	METRIC_DETECT_NOT_READY, /* s from the first hang's onset to Ready=False; NAN = n/a */
	METRIC_DETECT_KILL,   /* s from the first hang's onset to its kill; NAN = n/a */
	METRIC_COUNT
} metric_id;

typedef struct metrics_pod {
	const pod_spec *spec; /* borrowed from the scenario */
	double v[METRIC_COUNT];
} metrics_pod;

typedef struct metrics metrics;

/* A collector for the pods of sc (which must outlive it). */
metrics *metrics_new(const scenario *sc);
watch_sink metrics_sink(metrics *m);
/* The journal the run's processes write into (behavior_program_set_journal). */
faults_journal *metrics_journal(metrics *m);
/* Close the pods' open spans at the end of the run and compute the values. */
void metrics_finish(metrics *m, simtime_t end);
/* The values, one per pod of the scenario, in scenario order. */
const metrics_pod *metrics_pods(const metrics *m, int *n);
void metrics_free(metrics *m);

const char *metrics_name(metric_id id);
/* True for 0/1 metrics, summarised as proportions. */
bool metrics_is_proportion(metric_id id);
/* The value as printed: "-" for NAN, counts whole, seconds to the ms. */
void metrics_format(metric_id id, double v, char *buf, size_t len);
/* The block `podsim run --metrics` prints after the output. */
void metrics_print(const metrics *m, FILE *out);

#endif
