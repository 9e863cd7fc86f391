/* status.h - API status generation and the status manager. */
#ifndef STATUS_H
#define STATUS_H

#include "node.h"

/* generateAPIPodStatus from the runtime as seen at snap (the pod cache),
 * the reason cache and the probe results, at instant now. */
void status_generate(kpod *p, simtime_t snap, simtime_t now, api_pod_status *out);
/* SetPodStatus: keep transition times, store if different and patch. */
void status_set(kpod *p, api_pod_status *s, simtime_t now, const char *why);
/* SetContainerReadiness / SetContainerStartup: edit the cached status. */
void status_set_container_readiness(kpod *p, kctr *c, bool ready, simtime_t now, const char *why);
void status_set_container_startup(kpod *p, kctr *c, bool started, simtime_t now, const char *why);
/* ShouldContainerBeRestarted against the runtime as seen at snap. */
bool status_should_restart(const kpod *p, const kctr *c, simtime_t snap);
/* The cached status of container c, or NULL. */
const api_container_status *status_cached_container(const kpod *p, const kctr *c);
/* Publish the deletion of a terminated pod (the status manager's final
 * delete with grace 0). */
void status_delete_pod(kpod *p, simtime_t now, const char *why);
void status_release(kpod *p);

#endif
