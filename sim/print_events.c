/* print_events.c - `kubectl get events -w`: printEvent rows in a watch.
 *
 * A row is what the API server's printEvent makes of a core/v1 Event at the
 * instant the watch event is encoded: LAST SEEN is the age of the series'
 * last observation, else of lastTimestamp, else of firstTimestamp, else of
 * eventTime (the scheduler's events.k8s.io events have only eventTime);
 * OBJECT is the lower-cased kind and the name; the message is trimmed.  The
 * rows go through the same remembering tab writer as `get pods -w`, so the
 * columns are ragged in the same way.  Before the watch begins the printer
 * only keeps the latest version of each event (by namespace and name), as
 * the list kubectl fetches first would; begin prints that list in the API
 * server's list order, by namespace then name.  kubectl keeps that order
 * (printEventList does not sort), and since an event's name is its object's
 * name plus the creation time in hex, it is creation order per object: an
 * event deduplicated into a count stays where it first happened, which is
 * why people reach for --sort-by=.lastTimestamp.
 *
 * Deletion: podsim's API server never deletes an event (apiserver.c keeps
 * every event for the whole run; the real API server's 1 h event TTL is
 * not modelled), so no DELETED event reaches this sink today.  Should one
 * come, it forgets the event before begin and prints nothing after it;
 * kubectl would print the deleted event's row like any other.
 *
 * Rejected: sorting the initial list by last-seen time (friendlier, but not
 * what kubectl prints) and a NAMESPACE column (kubectl adds it only with
 * -A; one plain layout keeps the golden traces comparable with the pod
 * watch).
 */
#include "print_events.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "print_get.h"

struct events_watch {
	FILE *out;          /* borrowed */
	tabwriter *tw;      /* kubectl's writer: (6, 4, 3, RememberWidths) */
	bool begun, header_done;
	api_event *events;  /* before begin: latest version per namespace/name */
	int n_events, cap_events;
};

events_watch *print_events_watch_new(FILE *out)
{
	events_watch *ew = xcalloc(1, sizeof(*ew));
	ew->out = out;
	ew->tw = tabwriter_new(out, 6, 4, 3, true);
	return ew;
}

void print_events_watch_free(events_watch *ew)
{
	if (!ew)
		return;
	tabwriter_free(ew->tw);
	free(ew->events);
	free(ew);
}

/* The instant LAST SEEN measures from; -1 if the event has no time at all. */
static simtime_t last_seen(const api_event *e)
{
	if (e->series_count > 0)
		return e->series_last_observed;
	if (e->last_timestamp != -1)
		return e->last_timestamp;
	if (e->first_timestamp != -1)
		return e->first_timestamp;
	return e->event_time;
}

static void queue_row(events_watch *ew, const api_event *e, simtime_t now)
{
	static const char *const header[] = {"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"};
	char seen[32], object[API_NAME_LEN + 20], kind[sizeof(e->involved_kind)];
	const char *msg = e->message;
	size_t n;

	if (!ew->header_done)
		print_table_row(ew->tw, header, 5);
	ew->header_done = true;
	print_timestamp_since(last_seen(e), now, seen, sizeof(seen));
	for (n = 0; e->involved_kind[n]; n++)
		kind[n] = (char)tolower((unsigned char)e->involved_kind[n]);
	kind[n] = '\0';
	if (e->involved_name[0])
		snprintf(object, sizeof(object), "%s/%s", kind, e->involved_name);
	else
		snprintf(object, sizeof(object), "%s", kind);
	while (isspace((unsigned char)*msg))
		msg++;
	for (n = strlen(msg); n > 0 && isspace((unsigned char)msg[n - 1]); n--)
		;
	char *trimmed = xstrndup(msg, n);
	const char *cells[] = {seen, e->type, e->reason, object, trimmed};
	print_table_row(ew->tw, cells, 5);
	free(trimmed);
}

static int find_event(const events_watch *ew, const api_event *e)
{
	for (int i = 0; i < ew->n_events; i++)
		if (strcmp(ew->events[i].namespace, e->namespace) == 0 &&
		    strcmp(ew->events[i].name, e->name) == 0)
			return i;
	return -1;
}

static void absorb(events_watch *ew, watch_type t, const api_event *e)
{
	int i = find_event(ew, e);
	if (t == WATCH_DELETED) {
		if (i >= 0)
			ew->events[i] = ew->events[--ew->n_events];
		return;
	}
	if (i < 0) {
		XGROW(ew->events, ew->n_events, ew->cap_events);
		i = ew->n_events++;
	}
	ew->events[i] = *e;
}

static void on_event(void *ctx, simtime_t now, watch_type t, const api_event *e)
{
	events_watch *ew = ctx;
	if (!ew->begun) {
		absorb(ew, t, e);
	} else if (t != WATCH_DELETED) {
		queue_row(ew, e, now);
		tabwriter_flush(ew->tw);
	}
}

static void ignore_pod(void *ctx, simtime_t now, watch_type t, const api_pod *obj,
		       const char *why)
{
	(void)ctx, (void)now, (void)t, (void)obj, (void)why;
}

watch_sink print_events_watch_sink(events_watch *ew)
{
	return (watch_sink){.pod_event = ignore_pod, .event_event = on_event, .ctx = ew};
}

static int by_namespace_name(const void *a, const void *b)
{
	const api_event *x = a, *y = b;
	int c = strcmp(x->namespace, y->namespace);
	return c ? c : strcmp(x->name, y->name);
}

void print_events_watch_begin(events_watch *ew, simtime_t now)
{
	assert(!ew->begun);
	ew->begun = true;
	if (ew->n_events > 0) {
		qsort(ew->events, (size_t)ew->n_events, sizeof(*ew->events), by_namespace_name);
		for (int i = 0; i < ew->n_events; i++)
			queue_row(ew, &ew->events[i], now);
		tabwriter_flush(ew->tw);
	}
	free(ew->events);
	ew->events = NULL;
	ew->n_events = ew->cap_events = 0;
}
