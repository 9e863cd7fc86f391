/* runtime.h - the container runtime (CRI) as the kubelet sees it. */
#ifndef RUNTIME_H
#define RUNTIME_H

#include "node.h"

/* Instances kept per container name: the newest (running or not), the
 * newest dead one the container GC keeps (MaxPerPodContainer = 1), and the
 * one before it, which a pod-cache snapshot taken before the newest was
 * created still shows as the previous instance. */
#define RUNTIME_KEEP 3

/* CreateContainer: a new instance in state CREATED at now; older exited
 * instances beyond RUNTIME_KEEP are removed (container GC). */
container_instance *runtime_create_container(kctr *c, simtime_t now);
/* StartContainer: the process starts at now. */
void runtime_start_container(container_instance *i, simtime_t now);
/* StopContainer(grace): SIGTERM now, SIGKILL at now + grace; done(ctx) is
 * called once the instance has exited (at once if it already has). */
void runtime_stop_container(container_instance *i, simtime_t grace, void (*done)(void *ctx),
			    void *ctx);
/* The process dies at once by SIGKILL (its sandbox is gone); a stop in
 * progress completes through its callback. */
void runtime_kill_now(container_instance *i);
/* The lines the instance's process wrote (running or exited). */
int runtime_log(const container_instance *i, const char *const **lines);
/* Of the running process's unterminated last line, the part the runtime has
 * written to the log so far: *len bytes (0 if none). */
const char *runtime_log_partial(const container_instance *i, size_t *len);
/* The newest instance of a container name, or NULL. */
container_instance *runtime_newest(const kctr *c);
/* The same, or NULL if it was purged with the old sandbox. */
container_instance *runtime_newest_live(const kctr *c);
/* Purge every instance so far (a new sandbox initializes again): the
 * kubelet's status ignores them, the restart count carries on. */
void runtime_purge(kctr *c);
/* State of an instance as a relist at instant t would have seen it. */
snap_state runtime_state_at(const container_instance *i, simtime_t t);
/* Newest instance that existed at t (skipping ones created later), and the
 * one before it; either may be NULL. */
container_instance *runtime_newest_at(const kctr *c, simtime_t t, container_instance **prev);
void runtime_free_container(kctr *c);
/* Free the pod's volumes (with the pod, after its containers). */
void runtime_free_volumes(kpod *p);

#endif
