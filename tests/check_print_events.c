/* check_print_events.c - `kubectl get events -w` rows (kubectl-printing.md
 * section 7: TestPrintEvent's plain-column vectors) and the watch session. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "print_events.h"

#define NOW SEC(1000000)
#define DAYS(x) SEC(86400 * (x))

static api_event mkev(const char *name, const char *kind, const char *obj)
{
	api_event e;
	memset(&e, 0, sizeof(e));
	snprintf(e.name, sizeof(e.name), "%s", name);
	snprintf(e.namespace, sizeof(e.namespace), "default");
	snprintf(e.involved_kind, sizeof(e.involved_kind), "%s", kind);
	snprintf(e.involved_name, sizeof(e.involved_name), "%s", obj);
	snprintf(e.field_path, sizeof(e.field_path), "spec.containers{foo}");
	snprintf(e.type, sizeof(e.type), "Normal");
	snprintf(e.reason, sizeof(e.reason), "Event Reason");
	snprintf(e.message, sizeof(e.message), "Message Data");
	snprintf(e.source_component, sizeof(e.source_component), "kubelet");
	e.first_timestamp = e.last_timestamp = e.event_time = -1;
	e.series_last_observed = -1;
	return e;
}

/* Print one event through a watch begun at NOW; returns the output. */
static char *print_one(const api_event *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	events_watch *ew = print_events_watch_new(f);
	watch_sink s = print_events_watch_sink(ew);
	s.event_event(s.ctx, NOW - SEC(1), WATCH_ADDED, e);
	print_events_watch_begin(ew, NOW);
	print_events_watch_free(ew);
	fclose(f);
	return text;
}

/* TestPrintEvent vectors 1 and 3-7 reduced to the plain columns: LAST SEEN
 * falls back from the series to lastTimestamp, firstTimestamp, eventTime. */
static const struct {
	simtime_t first, last, event_time, series_last;
	int count, series_count;
	const char *seen;
} vectors[] = {
	{NOW - DAYS(3), NOW - DAYS(2), -1, -1, 6, 0, "2d"},
	{-1, NOW - DAYS(3), NOW - DAYS(3), -1, 1, 0, "3d"},
	{NOW - DAYS(3), -1, NOW - DAYS(3), -1, 1, 0, "3d"},
	{-1, -1, NOW - DAYS(3), -1, 1, 0, "3d"},
	{-1, -1, NOW - DAYS(3), NOW - DAYS(2), 0, 2, "2d"},
	{-1, -1, NOW - DAYS(3), -1, 0, 0, "3d"},
};

START_TEST(test_event_vectors)
{
	api_event e = mkev("event1", "Pod", "Pod Name");
	e.first_timestamp = vectors[_i].first;
	e.last_timestamp = vectors[_i].last;
	e.event_time = vectors[_i].event_time;
	e.series_last_observed = vectors[_i].series_last;
	e.count = vectors[_i].count;
	e.series_count = vectors[_i].series_count;
	char *got = print_one(&e);
	char want[256];
	snprintf(want, sizeof(want),
		 "LAST SEEN   TYPE     REASON         OBJECT         MESSAGE\n"
		 "%-12sNormal   Event Reason   pod/Pod Name   Message Data\n", vectors[_i].seen);
	ck_assert_str_eq(got, want);
	free(got);
}
END_TEST

/* OBJECT is the lower-cased kind (alone when the name is empty); the
 * message is trimmed and cut at a newline; an event without any time shows
 * <unknown>. */
START_TEST(test_event_cells)
{
	api_event e = mkev("d1", "Deployment", "");
	snprintf(e.type, sizeof(e.type), "Warning");
	snprintf(e.message, sizeof(e.message), "  \tlooks bad\nsecond line  \n");
	char *got = print_one(&e);
	ck_assert_str_eq(got, "LAST SEEN   TYPE      REASON         OBJECT       MESSAGE\n"
			      "<unknown>   Warning   Event Reason   deployment   looks bad...\n");
	free(got);
}
END_TEST

static void send(watch_sink s, watch_type t, const char *name, const char *reason,
		 simtime_t last, int count)
{
	api_event e = mkev(name, "Pod", "web");
	snprintf(e.reason, sizeof(e.reason), "%s", reason);
	snprintf(e.message, sizeof(e.message), "%s happened", reason);
	e.first_timestamp = SEC(1);
	e.last_timestamp = last;
	e.count = count;
	s.event_event(s.ctx, last, t, &e);
}

/* Before begin: latest version per name, deletions forgotten; begin prints
 * the list in name order (creation order: web.2 was deduplicated into a
 * count after web.3 was created and still comes first); afterwards one row
 * per ADDED/MODIFIED, none for DELETED, widths growing as in the pod watch. */
START_TEST(test_events_watch_session)
{
	char *got = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);
	events_watch *ew = print_events_watch_new(f);
	watch_sink s = print_events_watch_sink(ew);
	send(s, WATCH_ADDED, "web.1", "Scheduled", SEC(1), 1);
	send(s, WATCH_ADDED, "web.2", "Pulling", SEC(2), 1);
	send(s, WATCH_ADDED, "web.3", "Created", SEC(3), 1);
	send(s, WATCH_ADDED, "web.4", "Killing", SEC(4), 1);
	send(s, WATCH_MODIFIED, "web.2", "Pulling", SEC(5), 2);
	send(s, WATCH_DELETED, "web.4", "Killing", SEC(4), 1);
	fflush(f);
	ck_assert_uint_eq(len, 0);
	print_events_watch_begin(ew, SEC(10));
	send(s, WATCH_ADDED, "web.5", "BackOff", SEC(70), 1);
	send(s, WATCH_DELETED, "web.5", "BackOff", SEC(71), 1);
	send(s, WATCH_MODIFIED, "web.2", "Pulling", SEC(200), 3);
	print_events_watch_free(ew);
	fclose(f);
	ck_assert_str_eq(got,
			 "LAST SEEN   TYPE     REASON      OBJECT    MESSAGE\n"
			 "9s          Normal   Scheduled   pod/web   Scheduled happened\n"
			 "5s          Normal   Pulling     pod/web   Pulling happened\n"
			 "7s          Normal   Created     pod/web   Created happened\n"
			 "0s          Normal   BackOff     pod/web   BackOff happened\n"
			 "0s          Normal   Pulling     pod/web   Pulling happened\n");
	free(got);
}
END_TEST

START_TEST(test_events_watch_empty_list)
{
	char *got = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);
	events_watch *ew = print_events_watch_new(f);
	watch_sink s = print_events_watch_sink(ew);
	print_events_watch_begin(ew, 0);
	fflush(f);
	ck_assert_uint_eq(len, 0);
	send(s, WATCH_ADDED, "web.a", "Created", SEC(4), 1);
	print_events_watch_free(ew);
	fclose(f);
	ck_assert_str_eq(got, "LAST SEEN   TYPE     REASON    OBJECT    MESSAGE\n"
			      "0s          Normal   Created   pod/web   Created happened\n");
	free(got);
}
END_TEST

Suite *print_events_suite(void)
{
	Suite *s = suite_create("print_events");
	TCase *tc = tcase_create("rows");
	tcase_add_loop_test(tc, test_event_vectors, 0, sizeof(vectors) / sizeof(vectors[0]));
	tcase_add_test(tc, test_event_cells);
	suite_add_tcase(s, tc);
	tc = tcase_create("watch");
	tcase_add_test(tc, test_events_watch_session);
	tcase_add_test(tc, test_events_watch_empty_list);
	suite_add_tcase(s, tc);
	return s;
}
