/* recorder.h - client-go's legacy core/v1 event recorder (tools/record).
 *
 * Mirrors EventCorrelator: aggregation of similar events (10 distinct
 * messages per aggregate key within 600 s -> "(combined from similar
 * events): ..."), de-duplication by full key (count++, lastTimestamp, PATCH),
 * and the per-object spam filter (token bucket: burst 25, one token per
 * 300 s).  Events pass to the API server store immediately (the real
 * broadcaster's latency is not modelled).
 */
#ifndef RECORDER_H
#define RECORDER_H

#include "api.h"
#include "apiserver.h"

typedef struct recorder recorder;
/* the kubelet's view of a pod's metadata (node.h): the involved object */
typedef struct kpod_meta kpod_meta;

/* component "kubelet" (legacy) with host = node name; both are copied.
 * epoch_unix is the wall clock (Unix seconds) of virtual time 0: event
 * names carry the wall-clock creation time in nanoseconds.  api is not
 * owned and must outlive the recorder. */
recorder *recorder_new(apiserver *api, const char *component, const char *host,
		       int64_t epoch_unix);
void recorder_free(recorder *r);
/* Record an event about pod (field_path "" or "spec.containers{name}",
 * "spec.initContainers{name}"); type "Normal"/"Warning". */
void recorder_event(recorder *r, simtime_t now, const kpod_meta *pod, const char *field_path,
		    const char *type, const char *reason, const char *message);
/* recorder_event with the message formatted as printf does. */
void recorder_eventf(recorder *r, simtime_t now, const kpod_meta *pod, const char *field_path,
		     const char *type, const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* events.k8s.io/v1 style event as the scheduler writes it (eventTime set,
 * reportingController "default-scheduler", no source, no count): only the
 * first occurrence is modelled, every call creates a new event.  Its name
 * reads clock's wall clock, shared with the kubelet (see recorder.c). */
void recorder_scheduler_event(recorder *clock, simtime_t now, const api_pod *pod,
			      const char *type, const char *reason, const char *message);

#endif
