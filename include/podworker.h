/* podworker.h - per-pod sync queue (pod_workers.go) and the syncTicker. */
#ifndef PODWORKER_H
#define PODWORKER_H

#include "node.h"

typedef enum {
	SYNC_OK,           /* requeue after Jitter(60 s, 0.5) */
	SYNC_ERROR,        /* requeue after Jitter(10 s, 0.5) (or 1.35 backoff-aware) */
	SYNC_TRANSITION    /* became terminating/terminal: requeue at once */
} sync_result;

void podworker_init(kpod *p);
/* UpdatePod / HandlePodSyncs: ask for a sync; coalesced while one runs. */
void podworker_update(kpod *p, const char *why);
/* completeWork: the running sync finished with result r.  backoff_until is
 * the earliest instant a refused container may start (1.35 requeue), or -1. */
void podworker_sync_done(kpod *p, sync_result r, simtime_t backoff_until);
/* The un-jittered requeue delay after a sync error: 10 s (backOffPeriod),
 * or from 1.35 the time left until the refused container's backoff expires,
 * clamped to [0, 60 s] (kubelet-semantics.md section 3.3). */
simtime_t podworker_error_delay(int version_minor, simtime_t now, simtime_t backoff_until);
/* First syncTicker tick strictly after t. */
simtime_t podworker_tick_after(const node *n, simtime_t t);
void podworker_release(kpod *p);

#endif
