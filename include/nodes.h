/* nodes.h - a node's kubelet: creation, pod admission, API updates. */
#ifndef NODES_H
#define NODES_H

#include "node.h"

node *nodes_new(world *w, const char *name);
void nodes_free(node *n);
/* HandlePodAdditions: the kubelet sees a pod bound to it. */
kpod *nodes_admit_pod(node *n, const api_pod *obj);
/* HandlePodUpdates with a deletion timestamp: start termination. */
void nodes_pod_deleted(kpod *p, const api_pod *obj);
/* A Simulation action: the pod's sandbox dies (every container with it). */
void nodes_kill_sandbox(kpod *p);
/* The API server's pod status changed under another client (setCondition):
 * the kubelet reads the conditions it does not own and resyncs. */
void nodes_pod_status_updated(kpod *p, const api_pod *obj);
/* HandlePodUpdates with a changed spec (an image update): the next sync
 * works on it (the one running keeps the pod it started with). */
void nodes_pod_spec_updated(kpod *p, const pod_spec *spec);
/* At the start of a sync: switch to the spec of the last update seen. */
void nodes_apply_spec(kpod *p);
/* A Simulation action: the kubelet process restarts; containers survive,
 * the in-memory back-off and probe state does not. */
void nodes_restart_kubelet(node *n);
kpod *nodes_find_pod(const node *n, const char *ns, const char *name);

#endif
