/* apiserver.c - the object store and its watch stream.
 *
 * One list of pods and one of events, each write bumping a shared
 * resourceVersion and going to every registered sink in commit order.  The
 * store truncates metav1.Time fields to whole seconds on write, as the real
 * API server's JSON round trip does (kubectl-printing.md section 2): the
 * kubelet keeps exact times in its own cache, the API only whole seconds.
 * Every pod write produces a watch event even when nothing visible changed,
 * exactly like a real update; deciding whether to write is the writer's job.
 * Pods and events are found by namespace/name through hash indexes
 * (nameindex.c: fleet scenarios patch thousands of pods and events); the
 * pod index is rebuilt when a pod is deleted, events are never deleted.
 * Events are kept only if some reader will list them (describe): the
 * watch stream alone (get, events, json) needs none kept, which saves
 * 1.2 KB per event at 100k pods.  Unkept events still get their
 * resourceVersion and watch event, so every output is unchanged.
 */
#include "apiserver.h"

#include "nameindex.h"

#include <stdlib.h>
#include <string.h>

struct apiserver {
	api_pod **pods; int n_pods, cap_pods;
	nameindex pod_index;
	api_event **events; int n_events, cap_events;
	nameindex event_index;
	bool drop_events; /* watch only, keep nothing (apiserver_keep_events) */
	watch_sink *sinks; int n_sinks, cap_sinks;
	uint64_t rv;
};

static void pod_key(const void *ctx, int pos, const char **ns, const char **name)
{
	const api_pod *p = ((const apiserver *)ctx)->pods[pos];
	*ns = p->namespace;
	*name = p->name;
}

static void event_key(const void *ctx, int pos, const char **ns, const char **name)
{
	const api_event *e = ((const apiserver *)ctx)->events[pos];
	*ns = e->namespace;
	*name = e->name;
}

apiserver *apiserver_new(void)
{
	apiserver *api = xcalloc(1, sizeof(apiserver));
	nameindex_init(&api->pod_index, pod_key, api);
	nameindex_init(&api->event_index, event_key, api);
	return api;
}

void apiserver_free(apiserver *api)
{
	if (!api)
		return;
	for (int k = 0; k < api->n_pods; k++) {
		api_pod_release(api->pods[k]);
		free(api->pods[k]);
	}
	for (int k = 0; k < api->n_events; k++)
		free(api->events[k]);
	free(api->pods);
	nameindex_free(&api->pod_index);
	nameindex_free(&api->event_index);
	free(api->events);
	free(api->sinks);
	free(api);
}

void apiserver_add_sink(apiserver *api, watch_sink sink)
{
	XGROW(api->sinks, api->n_sinks, api->cap_sinks);
	api->sinks[api->n_sinks++] = sink;
}

static void trunc_state(api_container_state *s)
{
	if (s->started_at >= 0)
		s->started_at = simtime_trunc_sec(s->started_at);
	if (s->finished_at >= 0)
		s->finished_at = simtime_trunc_sec(s->finished_at);
}

static void trunc_times(api_pod *p)
{
	api_pod_status *s = &p->status;
	if (p->creation_timestamp >= 0)
		p->creation_timestamp = simtime_trunc_sec(p->creation_timestamp);
	if (p->deletion_timestamp >= 0)
		p->deletion_timestamp = simtime_trunc_sec(p->deletion_timestamp);
	if (s->start_time >= 0)
		s->start_time = simtime_trunc_sec(s->start_time);
	for (int k = 0; k < s->n_conditions; k++)
		if (s->conditions[k].last_transition_time >= 0)
			s->conditions[k].last_transition_time =
				simtime_trunc_sec(s->conditions[k].last_transition_time);
	for (int k = 0; k < s->n_init_statuses; k++) {
		trunc_state(&s->init_statuses[k].state);
		trunc_state(&s->init_statuses[k].last_state);
	}
	for (int k = 0; k < s->n_statuses; k++) {
		trunc_state(&s->statuses[k].state);
		trunc_state(&s->statuses[k].last_state);
	}
}

static int find_pod(const apiserver *api, const char *ns, const char *name)
{
	return nameindex_find(&api->pod_index, ns, name);
}

static void notify_pod(apiserver *api, simtime_t now, watch_type t, const api_pod *p, const char *why)
{
	for (int k = 0; k < api->n_sinks; k++)
		if (api->sinks[k].pod_event)
			api->sinks[k].pod_event(api->sinks[k].ctx, now, t, p, why ? why : "");
}

const api_pod *apiserver_pod_create(apiserver *api, simtime_t now, const api_pod *obj,
				    const char *why)
{
	assert(find_pod(api, obj->namespace, obj->name) < 0);
	api_pod *p = xcalloc(1, sizeof(*p));
	api_pod_copy(p, obj);
	trunc_times(p);
	p->resource_version = ++api->rv;
	XGROW(api->pods, api->n_pods, api->cap_pods);
	api->pods[api->n_pods++] = p;
	nameindex_insert(&api->pod_index, api->n_pods - 1);
	notify_pod(api, now, WATCH_ADDED, p, why);
	return p;
}

void apiserver_pod_update(apiserver *api, simtime_t now, const api_pod *obj, const char *why)
{
	int k = find_pod(api, obj->namespace, obj->name);
	assert(k >= 0);
	api_pod *p = api->pods[k];
	api_pod_release(p);
	api_pod_copy(p, obj);
	trunc_times(p);
	p->resource_version = ++api->rv;
	notify_pod(api, now, WATCH_MODIFIED, p, why);
}

void apiserver_pod_delete(apiserver *api, simtime_t now, const char *ns, const char *name,
			  const char *why)
{
	int k = find_pod(api, ns, name);
	if (k < 0)
		return;
	api_pod *p = api->pods[k];
	p->resource_version = ++api->rv;
	notify_pod(api, now, WATCH_DELETED, p, why);
	api_pod_release(p);
	free(p);
	memmove(&api->pods[k], &api->pods[k + 1], (size_t)(api->n_pods - k - 1) * sizeof(api->pods[0]));
	api->n_pods--;
	nameindex_rebuild(&api->pod_index, api->n_pods);
}

const api_pod *apiserver_pod_get(const apiserver *api, const char *ns, const char *name)
{
	int k = find_pod(api, ns, name);
	return k < 0 ? NULL : api->pods[k];
}

static int by_ns_name(const void *a, const void *b)
{
	const api_pod *x = *(const api_pod *const *)a, *y = *(const api_pod *const *)b;
	int c = strcmp(x->namespace, y->namespace);
	return c ? c : strcmp(x->name, y->name);
}

int apiserver_pod_list(const apiserver *api, const api_pod ***out)
{
	const api_pod **list = xcalloc((size_t)api->n_pods + 1, sizeof(*list));
	for (int k = 0; k < api->n_pods; k++)
		list[k] = api->pods[k];
	qsort(list, (size_t)api->n_pods, sizeof(*list), by_ns_name);
	*out = list;
	return api->n_pods;
}

static void notify_event(apiserver *api, simtime_t now, watch_type t, const api_event *ev)
{
	for (int k = 0; k < api->n_sinks; k++)
		if (api->sinks[k].event_event)
			api->sinks[k].event_event(api->sinks[k].ctx, now, t, ev);
}

void apiserver_keep_events(apiserver *api, bool keep)
{
	assert(api->n_events == 0);
	api->drop_events = !keep;
}

void apiserver_event_create(apiserver *api, simtime_t now, const api_event *ev)
{
	if (api->drop_events) {
		api_event e = *ev;
		e.resource_version = ++api->rv;
		notify_event(api, now, WATCH_ADDED, &e);
		return;
	}
	api_event *e = xmalloc(sizeof(*e));
	*e = *ev;
	e->resource_version = ++api->rv;
	XGROW(api->events, api->n_events, api->cap_events);
	api->events[api->n_events++] = e;
	nameindex_insert(&api->event_index, api->n_events - 1);
	notify_event(api, now, WATCH_ADDED, e);
}

void apiserver_event_update(apiserver *api, simtime_t now, const api_event *ev)
{
	if (api->drop_events) {
		/* the recorder patches only events it created, so a kept store
		 * would have found it */
		api_event e = *ev;
		e.resource_version = ++api->rv;
		notify_event(api, now, WATCH_MODIFIED, &e);
		return;
	}
	int k = nameindex_find(&api->event_index, ev->namespace, ev->name);
	if (k < 0) {
		apiserver_event_create(api, now, ev);
		return;
	}
	*api->events[k] = *ev;
	api->events[k]->resource_version = ++api->rv;
	notify_event(api, now, WATCH_MODIFIED, api->events[k]);
}

int apiserver_events_for(const apiserver *api, const char *pod_uid, const api_event ***out)
{
	const api_event **list = xcalloc((size_t)api->n_events + 1, sizeof(*list));
	int n = 0;
	for (int k = 0; k < api->n_events; k++)
		if (strcmp(api->events[k]->involved_uid, pod_uid) == 0)
			list[n++] = api->events[k];
	*out = list;
	return n;
}
