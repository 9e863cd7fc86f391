/* apiserver.h - object store for pods and events, and the watch stream.
 *
 * The store keeps the current version of every object and hands each change
 * to the registered sinks in commit order (one watch event per write, as the
 * real API server does: an update whose content did not change still yields a
 * MODIFIED event, which kubectl prints as a row).  Resource versions are one
 * counter shared by all objects.
 */
#ifndef APISERVER_H
#define APISERVER_H

#include "api.h"

typedef struct apiserver apiserver;

apiserver *apiserver_new(void);
void apiserver_free(apiserver *api);
void apiserver_add_sink(apiserver *api, watch_sink sink);

/* Pods.  The store copies obj; the returned pointer stays valid until the
 * pod is deleted or the store is freed. */
const api_pod *apiserver_pod_create(apiserver *api, simtime_t now, const api_pod *obj,
				    const char *why);
void apiserver_pod_update(apiserver *api, simtime_t now, const api_pod *obj, const char *why);
void apiserver_pod_delete(apiserver *api, simtime_t now, const char *ns, const char *name,
			  const char *why);
const api_pod *apiserver_pod_get(const apiserver *api, const char *ns, const char *name);
/* Pods currently stored, sorted by namespace then name (kubectl list order). */
int apiserver_pod_list(const apiserver *api, const api_pod ***out);

/* Events.  create assigns resourceVersion; update replaces by name. */
/* Whether events are kept for apiserver_events_for (default true); false
 * when only watchers read them.  Call before the first event. */
void apiserver_keep_events(apiserver *api, bool keep);
void apiserver_event_create(apiserver *api, simtime_t now, const api_event *ev);
void apiserver_event_update(apiserver *api, simtime_t now, const api_event *ev);
/* Events whose involved object is the pod (by uid), in creation order. */
int apiserver_events_for(const apiserver *api, const char *pod_uid, const api_event ***out);

#endif
