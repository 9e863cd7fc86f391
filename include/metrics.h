/* metrics.h - lifecycle metrics of one run, computed from its watch stream.
 *
 * A metrics collector is a watch sink: it sees every pod object the API
 * server commits, as `kubectl get -w` does, and nothing of the kubelet.
 * Each metric is defined in the README ("Lifecycle metrics and sweeps").
 */
#ifndef METRICS_H
#define METRICS_H

#include <stdio.h>

#include "api.h"
#include "scenario.h"

typedef enum {
	METRIC_READY_AT,      /* s from creation to the first Ready=True; NAN = never */
	METRIC_EVER_READY,    /* 1 if Ready was ever True, else 0 (a proportion) */
	METRIC_READY_FRACTION,/* share of the pod's life with Ready=True */
	METRIC_NOT_READY,     /* s of the pod's life without Ready=True */
	METRIC_FIRST_RESTART, /* s from creation to the first restartCount > 0; NAN = never */
	METRIC_RESTARTS,      /* restartCount summed over containers, at the end */
	METRIC_CRASHLOOP,     /* s with some container waiting in CrashLoopBackOff */
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
