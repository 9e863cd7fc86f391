/* kubelet.h - Kubelet.SyncPod / SyncTerminatingPod for one pod. */
#ifndef KUBELET_H
#define KUBELET_H

#include "node.h"

/* The pod worker calls this when a sync may start (after GetNewerThan);
 * it ends, possibly much later, with podworker_sync_done. */
void kubelet_sync_pod(kpod *p, simtime_t now, const char *why);
/* The status manager's delete with grace 0 of a terminated pod that has a
 * deletion timestamp, at the given instant. */
void kubelet_final_delete(kpod *p, simtime_t at);
/* Free a sync still in flight when the run ends. */
void kubelet_sync_release(kpod *p);

#endif
