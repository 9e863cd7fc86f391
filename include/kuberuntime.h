/* kuberuntime.h - computePodActions and doBackOff (kuberuntime_manager.go). */
#ifndef KUBERUNTIME_H
#define KUBERUNTIME_H

#include "node.h"

/* What one SyncPod will do.  Each list holds a container at most once, so
 * every array is sized from the pod (p->n_ctrs entries): the API server
 * puts no small bound on the number of containers. */
typedef struct pod_actions {
	bool kill_pod;          /* stop every container (and the sandbox) */
	bool create_sandbox;
	int sandbox_attempt;
	int cap;                /* entries allocated in each array */
	int n_kill;
	kctr **kill;
	probe_type *kill_probe; /* liveness or startup */
	bool *kill_restart;     /* the container will be restarted */
	bool *kill_changed;     /* killed for a changed spec, not a probe */
	int n_start_init;
	kctr **start_init;
	int n_start;
	kctr **start;
	char story[API_MSG_LEN * 2];        /* what was decided, for --explain */
} pod_actions;

/* computePodActions against the runtime as seen at snap.  Fills *a from
 * scratch (its previous contents are ignored, not freed): release it with
 * kuberuntime_actions_release before reusing it. */
void kuberuntime_compute_pod_actions(kpod *p, simtime_t snap, pod_actions *a);
/* Makes *a empty and releasable without zeroing its story buffer (for a
 * pod_actions in memory that was not zeroed). */
void kuberuntime_actions_empty(pod_actions *a);
/* Frees the lists of a computed (or emptied, or zeroed) *a and zeroes it. */
void kuberuntime_actions_release(pod_actions *a);
/* doBackOff before starting c at now, on the snapshot at snap.  Returns true
 * when the start must be refused; then msg holds the CrashLoopBackOff
 * message and *until the instant the backoff expires.  story (may be NULL:
 * it costs two printfs per refused sync) receives what was decided. */
bool kuberuntime_do_backoff(kctr *c, simtime_t snap, simtime_t now, char *msg, size_t len,
			    simtime_t *until, char *story, size_t story_len);
/* The Killing event's message for kill k of a. */
void kuberuntime_kill_message(const pod_actions *a, int k, char *buf, size_t len);
/* spec.containers{name} / spec.initContainers{name} */
const char *kuberuntime_field_path(const kctr *c, char *buf, size_t len);

#endif
