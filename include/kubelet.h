/* kubelet.h - Kubelet.SyncPod / SyncTerminatingPod for one pod. */
#ifndef KUBELET_H
#define KUBELET_H

#include "node.h"

/* The pod worker calls this when a sync may start (after GetNewerThan);
 * it ends, possibly much later, with podworker_sync_done. */
void kubelet_sync_pod(kpod *p, simtime_t now, const char *why);
/* Free a sync still in flight when the run ends. */
void kubelet_sync_release(kpod *p);

#endif
