/* prober.h - probe workers (prober_manager.go, worker.go). */
#ifndef PROBER_H
#define PROBER_H

#include "node.h"

/* AddPod: create the workers that do not exist yet (idempotent). */
void prober_add_pod(kpod *p, simtime_t now);
/* StopLivenessAndStartup: termination started. */
void prober_stop_liveness_startup(kpod *p);
/* RemovePod: stop every worker and free them. */
void prober_remove_pod(kpod *p);
/* UpdatePodStatus: the kubelet generated status s; fire readiness manual
 * triggers for running, started containers whose result is not Success. */
void prober_update_pod_status(kpod *p, const api_pod_status *s);
/* Something a sleeping worker's ticks depend on changed for pod p (its
 * cached status, its deletion, a container process): wake its workers at
 * their next tick. */
void prober_wake(kpod *p);
/* Probes run against the current container up to now, skipped inert
 * ticks included, and the last such tick (-1 if none). */
int prober_runs(const probe_worker *w, simtime_t now, simtime_t *last);
/* The results manager's value for container id (hex, no scheme). */
bool prober_result(const kctr *c, probe_type t, const char *cid, probe_result *out);
/* Why the last liveness/startup Failure was stored ("failed at 16s, 19s, 22s"). */
void prober_failure_story(const kctr *c, probe_type t, char *buf, size_t len);

#endif
