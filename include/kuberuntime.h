/* kuberuntime.h - computePodActions and doBackOff (kuberuntime_manager.go). */
#ifndef KUBERUNTIME_H
#define KUBERUNTIME_H

#include "node.h"

#define MAX_ACTIONS 64

typedef struct pod_actions {
	bool kill_pod;          /* stop every container (and the sandbox) */
	bool create_sandbox;
	int sandbox_attempt;
	int n_kill;
	kctr *kill[MAX_ACTIONS];
	probe_type kill_probe[MAX_ACTIONS]; /* liveness or startup */
	bool kill_restart[MAX_ACTIONS];     /* the container will be restarted */
	int n_start_init;
	kctr *start_init[MAX_ACTIONS];
	int n_start;
	kctr *start[MAX_ACTIONS];
	char story[API_MSG_LEN * 2];        /* what was decided, for --explain */
} pod_actions;

/* computePodActions against the runtime as seen at snap. */
void kuberuntime_compute_pod_actions(kpod *p, simtime_t snap, pod_actions *a);
/* doBackOff before starting c at now, on the snapshot at snap.  Returns true
 * when the start must be refused; then msg holds the CrashLoopBackOff
 * message and *until the instant the backoff expires. */
bool kuberuntime_do_backoff(kctr *c, simtime_t snap, simtime_t now, char *msg, size_t len,
			    simtime_t *until, char *story, size_t story_len);
/* The Killing event's message for kill k of a. */
void kuberuntime_kill_message(const pod_actions *a, int k, char *buf, size_t len);
/* spec.containers{name} / spec.initContainers{name} */
const char *kuberuntime_field_path(const kctr *c, char *buf, size_t len);

#endif
