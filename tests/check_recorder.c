/* check_recorder.c - the legacy event recorder against the real API store:
 * names, de-duplication counts, aggregation at the 10th distinct message and
 * its 600 s window, the spam filter's burst of 25 and its 300 s refill, and
 * the scheduler's events.k8s.io event.  A watch sink records every event
 * write so that creates and updates can be told apart. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "node.h" /* kpod_meta */
#include "recorder.h"

#define EPOCH INT64_C(1713425499) /* 2024-04-18T07:31:39Z */

typedef struct write_log {
	watch_type type[256];
	api_event ev[256];
	int n;
} write_log;

static void on_event(void *ctx, simtime_t now, watch_type t, const api_event *ev)
{
	(void)now;
	write_log *log = ctx;
	ck_assert_int_lt(log->n, 256);
	log->type[log->n] = t;
	log->ev[log->n++] = *ev;
}

static apiserver *api;
static recorder *rec;
static write_log *log_;
static kpod_meta pod; /* the kubelet's view of the pod */
static api_pod spod;  /* the scheduler's (the same object) */

static void setup(void)
{
	api = apiserver_new();
	log_ = calloc(1, sizeof(*log_));
	apiserver_add_sink(api, (watch_sink){ .event_event = on_event, .ctx = log_ });
	rec = recorder_new(api, "kubelet", "node-1", EPOCH);
	memset(&pod, 0, sizeof(pod));
	snprintf(pod.name, sizeof(pod.name), "liveness-http");
	snprintf(pod.namespace, sizeof(pod.namespace), "default");
	snprintf(pod.uid, sizeof(pod.uid), "0b6f1a2c-0000-4000-8000-000000000001");
	pod.deletion_timestamp = -1;
	pod.deletion_grace_period_seconds = -1;
	memset(&spod, 0, sizeof(spod));
	memcpy(spod.name, pod.name, sizeof(pod.name));
	memcpy(spod.namespace, pod.namespace, sizeof(pod.namespace));
	memcpy(spod.uid, pod.uid, sizeof(pod.uid));
	spod.deletion_timestamp = spod.deletion_grace_period_seconds = -1;
}

static void teardown(void)
{
	recorder_free(rec);
	apiserver_free(api);
	free(log_);
}

static const api_event *last_write(void)
{
	ck_assert_int_gt(log_->n, 0);
	return &log_->ev[log_->n - 1];
}

static int count_type(watch_type t)
{
	int k = 0;
	for (int i = 0; i < log_->n; i++)
		k += log_->type[i] == t;
	return k;
}

/* ---- a single event ---------------------------------------------------- */

START_TEST(test_first_event)
{
	recorder_eventf(rec, SEC(16) + 5, &pod, "spec.containers{liveness}", "Normal", "Pulling",
			"Pulling image \"%s\"", "mirrorgooglecontainers/liveness");
	ck_assert_int_eq(log_->n, 1);
	ck_assert_int_eq(log_->type[0], WATCH_ADDED);
	const api_event *ev = last_write();
	ck_assert_str_eq(ev->name, "liveness-http.17c74f6d82aa6e05");
	ck_assert_str_eq(ev->namespace, "default");
	ck_assert_str_eq(ev->involved_kind, "Pod");
	ck_assert_str_eq(ev->involved_name, "liveness-http");
	ck_assert_str_eq(ev->involved_uid, pod.uid);
	ck_assert_str_eq(ev->field_path, "spec.containers{liveness}");
	ck_assert_str_eq(ev->type, "Normal");
	ck_assert_str_eq(ev->reason, "Pulling");
	ck_assert_str_eq(ev->message, "Pulling image \"mirrorgooglecontainers/liveness\"");
	ck_assert_str_eq(ev->source_component, "kubelet");
	ck_assert_str_eq(ev->source_host, "node-1");
	ck_assert_str_eq(ev->reporting_controller, "kubelet");
	ck_assert_str_eq(ev->reporting_instance, "node-1");
	ck_assert_int_eq(ev->count, 1);
	ck_assert_int_eq(ev->first_timestamp, SEC(16)); /* metav1.Time: whole seconds */
	ck_assert_int_eq(ev->last_timestamp, SEC(16));
	ck_assert_int_eq(ev->event_time, -1);
	ck_assert_int_eq(ev->series_count, 0);
}
END_TEST

/* ---- de-duplication ---------------------------------------------------- */

/* Unhealthy x9 over 24 s: one create, eight updates of the same object. */
START_TEST(test_dedup_counts)
{
	for (int i = 0; i < 9; i++)
		recorder_eventf(rec, SEC(16 + 3 * i), &pod, "spec.containers{liveness}", "Warning",
				"Unhealthy", "Liveness probe failed: HTTP probe failed with "
				"statuscode: %d", 500);
	ck_assert_int_eq(log_->n, 9);
	ck_assert_int_eq(count_type(WATCH_ADDED), 1);
	ck_assert_int_eq(count_type(WATCH_MODIFIED), 8);
	for (int i = 1; i < 9; i++)
		ck_assert_str_eq(log_->ev[i].name, log_->ev[0].name);
	const api_event *ev = last_write();
	ck_assert_int_eq(ev->count, 9);
	ck_assert_int_eq(ev->first_timestamp, SEC(16));
	ck_assert_int_eq(ev->last_timestamp, SEC(40));
	const api_event **list;
	ck_assert_int_eq(apiserver_events_for(api, pod.uid, &list), 1);
	ck_assert_int_eq(list[0]->count, 9);
	free(list); /* the store hands out a heap list */
}
END_TEST

/* The field path and the message are part of the key; the pod is too. */
START_TEST(test_dedup_key)
{
	recorder_eventf(rec, SEC(1), &pod, "spec.containers{a}", "Normal", "Created", "Created");
	recorder_eventf(rec, SEC(2), &pod, "spec.containers{b}", "Normal", "Created", "Created");
	recorder_eventf(rec, SEC(3), &pod, "spec.containers{a}", "Normal", "Created", "Again");
	kpod_meta other = pod;
	snprintf(other.name, sizeof(other.name), "other");
	snprintf(other.uid, sizeof(other.uid), "u-2");
	recorder_eventf(rec, SEC(4), &other, "spec.containers{a}", "Normal", "Created", "Created");
	recorder_eventf(rec, SEC(5), &pod, "spec.containers{a}", "Normal", "Created", "Created");
	ck_assert_int_eq(count_type(WATCH_ADDED), 4);
	ck_assert_int_eq(log_->type[4], WATCH_MODIFIED);
	ck_assert_str_eq(log_->ev[4].name, log_->ev[0].name);
	ck_assert_int_eq(log_->ev[4].count, 2);
	ck_assert_str_eq(log_->ev[3].name, "other.17c74f6ab768f600");
}
END_TEST

/* ---- aggregation ------------------------------------------------------- */

static void unhealthy(simtime_t now, int code)
{
	recorder_eventf(rec, now, &pod, "spec.containers{liveness}", "Warning", "Unhealthy",
			"Readiness probe failed: statuscode: %d", code);
}

START_TEST(test_aggregation_at_tenth)
{
	for (int i = 0; i < 9; i++)
		unhealthy(SEC(10 * i), 500 + i);
	ck_assert_int_eq(count_type(WATCH_ADDED), 9);
	unhealthy(SEC(90), 509);
	ck_assert_int_eq(log_->n, 10);
	ck_assert_int_eq(log_->type[9], WATCH_ADDED);
	const api_event *ev = last_write();
	ck_assert_str_eq(ev->message,
			 "(combined from similar events): Readiness probe failed: statuscode: 509");
	ck_assert_int_eq(ev->count, 1);
	ck_assert_str_eq(ev->reporting_controller, "");
	ck_assert_str_eq(ev->source_component, "kubelet");
	char combined_name[sizeof(ev->name)];
	snprintf(combined_name, sizeof(combined_name), "%s", ev->name);

	/* An 11th distinct message patches the combined event. */
	unhealthy(SEC(100), 510);
	ck_assert_int_eq(log_->type[10], WATCH_MODIFIED);
	ck_assert_str_eq(last_write()->name, combined_name);
	ck_assert_int_eq(last_write()->count, 2);
	ck_assert_str_eq(last_write()->message,
			 "(combined from similar events): Readiness probe failed: statuscode: 510");

	/* 505 is among the 9 remembered messages: ordinary de-duplication. */
	unhealthy(SEC(110), 505);
	ck_assert_int_eq(log_->type[11], WATCH_MODIFIED);
	ck_assert_str_eq(last_write()->name, log_->ev[5].name);
	ck_assert_int_eq(last_write()->count, 2);

	/* 500 was the first message dropped from the set: aggregated again. */
	unhealthy(SEC(120), 500);
	ck_assert_str_eq(last_write()->name, combined_name);
	ck_assert_int_eq(last_write()->count, 3);
}
END_TEST

/* More than 600 s without a similar event forgets the messages. */
START_TEST(test_aggregation_window)
{
	for (int i = 0; i < 9; i++)
		unhealthy(SEC(i), 500 + i);
	unhealthy(SEC(8) + SEC(601), 509);
	ck_assert_int_eq(count_type(WATCH_ADDED), 10);
	ck_assert_ptr_null(strstr(last_write()->message, "combined"));
	/* Exactly 600 s is still inside the window. */
	for (int i = 0; i < 8; i++)
		unhealthy(SEC(700 + i), 600 + i);
	unhealthy(SEC(707) + SEC(600), 700);
	ck_assert_ptr_nonnull(strstr(last_write()->message, "(combined from similar events)"));
}
END_TEST

/* recorder_event (a ready message) and recorder_eventf correlate alike, and
 * a message longer than the event's field is cut where vsnprintf cut it:
 * the de-dup key holds the message as stored (EventCorrelate keys on the
 * event object, tools/record/events_cache.go getEventKey). */
START_TEST(test_event_and_eventf_and_cut)
{
	char longmsg[3 * API_MSG_LEN];
	memset(longmsg, 'x', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	recorder_event(rec, SEC(1), &pod, "", "Warning", "Failed", longmsg);
	ck_assert_uint_eq(strlen(last_write()->message), sizeof(last_write()->message) - 1);
	recorder_eventf(rec, SEC(2), &pod, "", "Warning", "Failed", "%s", longmsg);
	ck_assert_int_eq(log_->n, 2);
	ck_assert_int_eq(log_->type[1], WATCH_MODIFIED);
	ck_assert_int_eq(last_write()->count, 2);
	/* the same message with the last byte changed beyond the cut */
	longmsg[sizeof(longmsg) - 2] = 'y';
	recorder_event(rec, SEC(3), &pod, "", "Warning", "Failed", longmsg);
	ck_assert_int_eq(last_write()->count, 3);
	recorder_event(rec, SEC(4), &pod, "", "Warning", "Failed", "short");
	ck_assert_int_eq(log_->type[3], WATCH_ADDED);
}
END_TEST

/* The combined message of a full-length message: prefix + as much of the
 * message as fits, as the snprintf of client-go's aggregator into the
 * fixed field did (EventAggregate: "(combined from similar events): "+msg). */
START_TEST(test_aggregation_long_message)
{
	char msg[2 * API_MSG_LEN];
	for (int i = 0; i < 10; i++) {
		memset(msg, 'a' + i, sizeof(msg) - 1);
		msg[sizeof(msg) - 1] = '\0';
		recorder_event(rec, SEC(i), &pod, "", "Warning", "Unhealthy", msg);
	}
	static const char prefix[] = "(combined from similar events): ";
	char want[sizeof(msg)];
	memcpy(want, prefix, sizeof(prefix) - 1);
	memcpy(want + sizeof(prefix) - 1, msg, sizeof(want) - sizeof(prefix));
	want[sizeof(want) - 1] = '\0';
	ck_assert_str_eq(last_write()->message, want);
	ck_assert_str_eq(last_write()->reporting_instance, "");
	ck_assert_str_eq(last_write()->source_host, "node-1");
}
END_TEST

/* ---- spam filter ------------------------------------------------------- */

static void normal(simtime_t now, const char *reason)
{
	recorder_eventf(rec, now, &pod, "", "Normal", reason, "message of %s", reason);
}

static void exhaust_burst(simtime_t now)
{
	char reason[16];
	for (int i = 0; i < 25; i++) {
		snprintf(reason, sizeof(reason), "R%d", i);
		normal(now, reason);
	}
}

START_TEST(test_spam_burst_and_refill)
{
	exhaust_burst(SEC(10));
	ck_assert_int_eq(log_->n, 25);
	normal(SEC(10), "R25");
	ck_assert_int_eq(log_->n, 25); /* the 26th is dropped */
	normal(SEC(10) + SEC(299), "R26");
	ck_assert_int_eq(log_->n, 25);
	normal(SEC(10) + SEC(300), "R27"); /* one token after 300 s */
	ck_assert_int_eq(log_->n, 26);
	ck_assert_str_eq(last_write()->reason, "R27");
	normal(SEC(10) + SEC(300), "R28");
	ck_assert_int_eq(log_->n, 26);
	/* Warnings have their own bucket. */
	recorder_eventf(rec, SEC(311), &pod, "", "Warning", "BackOff", "Back-off");
	ck_assert_int_eq(log_->n, 27);
}
END_TEST

/* Dropped repeats are counted: the next write carries the full count, as a
 * patch when the event exists and as a create when it never got through. */
START_TEST(test_spam_counts_dropped)
{
	exhaust_burst(SEC(0));
	normal(SEC(1), "R0");
	normal(SEC(2), "R0");
	normal(SEC(3), "Z");
	normal(SEC(4), "Z");
	ck_assert_int_eq(log_->n, 25);
	normal(SEC(400), "R0");
	ck_assert_int_eq(log_->type[25], WATCH_MODIFIED);
	ck_assert_int_eq(last_write()->count, 4);
	ck_assert_str_eq(last_write()->name, log_->ev[0].name);
	normal(SEC(800), "Z");
	ck_assert_int_eq(log_->type[26], WATCH_ADDED);
	ck_assert_int_eq(last_write()->count, 3);
	ck_assert_int_eq(last_write()->first_timestamp, SEC(3));
	ck_assert_str_eq(last_write()->name, "liveness-http.17c74f6a7bce2c00");
	normal(SEC(1100), "Z");
	ck_assert_int_eq(log_->type[27], WATCH_MODIFIED);
	ck_assert_int_eq(last_write()->count, 4);
}
END_TEST

/* Issue 8.14: after 30 days of crash-looping, describe shows Created and
 * Started with very different counts.  That is client-go's behaviour, not a
 * bug: getSpamKey (tools/record/events_cache.go, type added in client-go
 * aa6ed1bae, unchanged at 32ce75a) keys the token bucket on source + object
 * + type only, so the Pulled, Created and Started of one restart share the
 * Normal bucket.  A restart every 310 s refills 1.03 tokens: Pulled, first
 * in line, gets one every time; Created gets the leftover every ~30
 * restarts; Started never again once the burst is spent.  Every occurrence
 * is still counted (eventObserve runs before the filter), so the last write
 * of each carries the count of its own last accepted occurrence. */
typedef struct last_counts {
	int pulled, created, started, writes;
} last_counts;

static void on_count(void *ctx, simtime_t now, watch_type t, const api_event *ev)
{
	(void)now;
	(void)t;
	last_counts *c = ctx;
	c->writes++;
	if (strcmp(ev->reason, "Pulled") == 0)
		c->pulled = ev->count;
	else if (strcmp(ev->reason, "Created") == 0)
		c->created = ev->count;
	else if (strcmp(ev->reason, "Started") == 0)
		c->started = ev->count;
}

START_TEST(test_spam_shared_by_normal_reasons)
{
	last_counts c = {0};
	apiserver *api2 = apiserver_new();
	apiserver_add_sink(api2, (watch_sink){ .event_event = on_count, .ctx = &c });
	recorder *r = recorder_new(api2, "kubelet", "node-1", EPOCH);
	const char *fp = "spec.containers{app}";
	int restarts = 0;
	for (simtime_t t = 0; t < SEC(30 * 24 * 3600); t += SEC(310), restarts++) {
		recorder_eventf(r, t, &pod, fp, "Normal", "Pulled", "Container image present");
		recorder_eventf(r, t, &pod, fp, "Normal", "Created", "Created container: app");
		recorder_eventf(r, t, &pod, fp, "Normal", "Started", "Started container app");
	}
	recorder_free(r);
	apiserver_free(api2);
	ck_assert_int_eq(restarts, 8362);
	ck_assert_int_eq(c.pulled, restarts);              /* a token every restart */
	ck_assert_int_gt(c.created, restarts - 31);        /* the leftover, now and then */
	ck_assert_int_lt(c.created, restarts);
	ck_assert_int_eq(c.started, 12); /* the burst and its refill, then never */
	ck_assert_int_lt(c.writes, restarts + restarts / 25); /* nothing else gets through */
}
END_TEST

/* groupcache lru.Cache (maxLruCacheEntries 4096, events_cache.go): the
 * de-dup record of an event survives 4095 newer keys and is evicted by
 * the 4096th, after which the next occurrence starts over as a new event
 * (count 1, created).  Entries evicted are reused for new keys. */
typedef struct last_write_t {
	watch_type type;
	int count;
	char name[API_NAME_LEN + 32];
} last_write_t;

static void on_last(void *ctx, simtime_t now, watch_type t, const api_event *ev)
{
	(void)now;
	last_write_t *l = ctx;
	l->type = t;
	l->count = ev->count;
	snprintf(l->name, sizeof(l->name), "%s", ev->name);
}

static int repeat_after(int others, watch_type *type)
{
	last_write_t l = {0};
	apiserver *a = apiserver_new();
	apiserver_add_sink(a, (watch_sink){.event_event = on_last, .ctx = &l});
	recorder *r = recorder_new(a, "kubelet", "node-1", EPOCH);
	kpod_meta q = pod;
	recorder_eventf(r, SEC(1), &pod, "", "Normal", "Pulled", "image present");
	recorder_eventf(r, SEC(2), &pod, "", "Normal", "Pulled", "image present");
	ck_assert_int_eq(l.count, 2);
	for (int k = 0; k < others; k++) {
		snprintf(q.name, sizeof(q.name), "other-%d", k);
		snprintf(q.uid, sizeof(q.uid), "uid-%d", k);
		recorder_eventf(r, SEC(3), &q, "", "Normal", "Pulled", "long message %0*d", k % 97, k);
	}
	recorder_eventf(r, SEC(4), &pod, "", "Normal", "Pulled", "image present");
	*type = l.type;
	recorder_free(r);
	apiserver_free(a);
	return l.count;
}

START_TEST(test_lru_capacity_4096)
{
	watch_type t;
	ck_assert_int_eq(repeat_after(4095, &t), 3);
	ck_assert_int_eq(t, WATCH_MODIFIED);
	ck_assert_int_eq(repeat_after(4096, &t), 1);
	ck_assert_int_eq(t, WATCH_ADDED);
	ck_assert_int_eq(repeat_after(20000, &t), 1);
}
END_TEST

/* ---- the scheduler ----------------------------------------------------- */

START_TEST(test_scheduler_event)
{
	recorder_scheduler_event(rec, SEC(1) + 123456789, &spod, "Normal", "Scheduled",
				 "Successfully assigned default/liveness-http to node-1");
	ck_assert_int_eq(log_->n, 1);
	ck_assert_int_eq(log_->type[0], WATCH_ADDED);
	const api_event *ev = last_write();
	ck_assert_str_eq(ev->name, "liveness-http.17c74f6a0bf46515");
	ck_assert_str_eq(ev->reason, "Scheduled");
	ck_assert_str_eq(ev->source_component, "");
	ck_assert_str_eq(ev->source_host, "");
	ck_assert_str_eq(ev->reporting_controller, "default-scheduler");
	ck_assert_int_eq(strncmp(ev->reporting_instance, "default-scheduler-", 18), 0);
	ck_assert_int_eq(ev->count, 0);
	ck_assert_int_eq(ev->first_timestamp, -1);
	ck_assert_int_eq(ev->last_timestamp, -1);
	ck_assert_int_eq(ev->event_time, SEC(1) + 123456000); /* MicroTime */
	ck_assert_str_eq(ev->field_path, "");
}
END_TEST

/* client-go names an event <object>.<hex of time.Now().UnixNano()>; the
 * scheduler and the kubelet reading the cluster's clock at one virtual
 * instant must not give one name twice (the API server would refuse the
 * second create with AlreadyExists and the event would be lost). */
START_TEST(test_scheduler_and_kubelet_names_differ)
{
	recorder_scheduler_event(rec, SEC(1), &spod, "Normal", "Scheduled", "assigned");
	normal(SEC(1), "Pulled");
	ck_assert_int_eq(log_->n, 2);
	ck_assert_str_eq(log_->ev[0].name, "liveness-http.17c74f6a04989800");
	ck_assert_str_eq(log_->ev[1].name, "liveness-http.17c74f6a04989801");
}
END_TEST

Suite *recorder_suite(void)
{
	Suite *s = suite_create("recorder");
	TCase *tc = tcase_create("correlator");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_first_event);
	tcase_add_test(tc, test_dedup_counts);
	tcase_add_test(tc, test_dedup_key);
	tcase_add_test(tc, test_aggregation_at_tenth);
	tcase_add_test(tc, test_aggregation_window);
	tcase_add_test(tc, test_event_and_eventf_and_cut);
	tcase_add_test(tc, test_aggregation_long_message);
	tcase_add_test(tc, test_spam_burst_and_refill);
	tcase_add_test(tc, test_spam_counts_dropped);
	tcase_add_test(tc, test_spam_shared_by_normal_reasons);
	tcase_add_test(tc, test_lru_capacity_4096);
	tcase_add_test(tc, test_scheduler_event);
	tcase_add_test(tc, test_scheduler_and_kubelet_names_differ);
	suite_add_tcase(s, tc);
	return s;
}
