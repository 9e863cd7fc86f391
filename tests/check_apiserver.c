/* check_apiserver.c - the event store's two modes: kept (describe lists
 * events) and watch-only (get/events/json read the watch stream, as a
 * kubectl get -w client would, and need nothing kept). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "apiserver.h"

typedef struct seen {
	watch_type type[4];
	api_event ev[4];
	int n;
} seen;

static void on_event(void *ctx, simtime_t now, watch_type t, const api_event *ev)
{
	(void)now;
	seen *s = ctx;
	ck_assert_int_lt(s->n, 4);
	s->type[s->n] = t;
	s->ev[s->n++] = *ev;
}

static void write_three(apiserver *api)
{
	api_event ev;
	memset(&ev, 0, sizeof(ev));
	strcpy(ev.name, "p.17c74f6a0bf46515");
	strcpy(ev.namespace, "default");
	strcpy(ev.involved_uid, "uid-1");
	strcpy(ev.reason, "BackOff");
	ev.count = 1;
	apiserver_event_create(api, SEC(1), &ev);
	ev.count = 2;
	apiserver_event_update(api, SEC(2), &ev);
	strcpy(ev.name, "p.17c74f6a0bf46516");
	ev.count = 1;
	apiserver_event_create(api, SEC(3), &ev);
}

/* The watch stream is the same event for event (type, resourceVersion,
 * content) whether the store keeps events or not; only the listing that
 * describe uses differs. */
START_TEST(test_watch_only_same_stream)
{
	seen kept = {0}, dropped = {0};
	apiserver *a = apiserver_new(), *b = apiserver_new();
	apiserver_add_sink(a, (watch_sink){.event_event = on_event, .ctx = &kept});
	apiserver_add_sink(b, (watch_sink){.event_event = on_event, .ctx = &dropped});
	apiserver_keep_events(b, false);
	write_three(a);
	write_three(b);
	ck_assert_int_eq(kept.n, 3);
	ck_assert_int_eq(dropped.n, 3);
	for (int k = 0; k < 3; k++) {
		ck_assert_int_eq(kept.type[k], dropped.type[k]);
		ck_assert(memcmp(&kept.ev[k], &dropped.ev[k], sizeof(api_event)) == 0);
	}
	ck_assert_int_eq(kept.type[1], WATCH_MODIFIED);
	ck_assert_int_eq(kept.ev[2].resource_version, 3);
	const api_event **list;
	ck_assert_int_eq(apiserver_events_for(a, "uid-1", &list), 2);
	ck_assert_int_eq(list[0]->count, 2);
	free(list);
	ck_assert_int_eq(apiserver_events_for(b, "uid-1", &list), 0);
	free(list);
	apiserver_free(a);
	apiserver_free(b);
}
END_TEST

Suite *apiserver_suite(void)
{
	Suite *s = suite_create("apiserver");
	TCase *tc = tcase_create("events");
	tcase_add_test(tc, test_watch_only_same_stream);
	suite_add_tcase(s, tc);
	return s;
}
