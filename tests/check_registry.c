/* check_registry.c - a pod DELETE as the API server performs it (registry.c):
 * pkg/registry/core/pod/strategy.go CheckGracefulDelete,
 * staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete and
 * registry/generic/registry/store.go Delete, checked on the watch stream. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "apiserver.h"
#include "registry.h"

typedef struct seen {
	watch_type type;
	simtime_t now, deletion_timestamp;
	int64_t grace;
} seen;

typedef struct recorder_sink {
	seen ev[8];
	int n;
} recorder_sink;

static void on_pod(void *ctx, simtime_t now, watch_type t, const api_pod *obj, const char *why)
{
	recorder_sink *r = ctx;
	(void)why;
	ck_assert_int_lt(r->n, 8);
	r->ev[r->n++] = (seen){t, now, obj->deletion_timestamp, obj->deletion_grace_period_seconds};
}

static pod_spec spec;
static apiserver *api;
static recorder_sink rec;

/* A pod with spec grace 30 (or grace), bound to a node unless unbound,
 * in phase; the creation event is forgotten. */
static void setup_pod(int64_t grace, bool bound, const char *phase)
{
	memset(&spec, 0, sizeof(spec));
	spec.termination_grace_seconds = grace;
	api = apiserver_new();
	memset(&rec, 0, sizeof(rec));
	apiserver_add_sink(api, (watch_sink){.pod_event = on_pod, .ctx = &rec});
	api_pod p;
	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "web");
	snprintf(p.namespace, sizeof(p.namespace), "default");
	p.deletion_timestamp = -1;
	p.deletion_grace_period_seconds = -1;
	p.spec = &spec;
	if (bound)
		snprintf(p.node_name, sizeof(p.node_name), "node-1");
	snprintf(p.status.phase, sizeof(p.status.phase), "%s", phase);
	apiserver_pod_create(api, 0, &p, "");
	rec.n = 0;
}

static registry_result del(simtime_t now, bool grace_set, int64_t grace)
{
	return registry_pod_delete(api, now, "default", "web", grace_set, grace, "test");
}

static void expect(int k, watch_type t, simtime_t now, simtime_t ts, int64_t grace)
{
	ck_assert_int_eq(rec.ev[k].type, t);
	ck_assert_int_eq(rec.ev[k].now, now);
	ck_assert_int_eq(rec.ev[k].deletion_timestamp, ts);
	ck_assert_int_eq(rec.ev[k].grace, grace);
}

/* BeforeDelete: deletionTimestamp = now + grace, not the request time. */
START_TEST(test_graceful_timestamp_is_now_plus_grace)
{
	setup_pod(30, true, "Running");
	ck_assert_int_eq(del(SEC(10), false, 0), REGISTRY_GRACEFUL);
	ck_assert_int_eq(rec.n, 1);
	expect(0, WATCH_MODIFIED, SEC(10), SEC(40), 30);
	apiserver_free(api);
}
END_TEST

/* CheckGracefulDelete: a pod already Succeeded/Failed is deleted at once,
 * and store.Delete writes the grace-0 update first. */
START_TEST(test_terminal_pod_deleted_at_once)
{
	static const char *const phases[] = {"Succeeded", "Failed"};
	setup_pod(30, true, phases[_i]);
	ck_assert_int_eq(del(SEC(10) + MSEC(300), true, 20), REGISTRY_DELETED);
	ck_assert_int_eq(rec.n, 2);
	expect(0, WATCH_MODIFIED, SEC(10) + MSEC(300), SEC(10), 0); /* stored in whole seconds */
	expect(1, WATCH_DELETED, SEC(10) + MSEC(300), SEC(10), 0);
	ck_assert_ptr_null(apiserver_pod_get(api, "default", "web"));
	apiserver_free(api);
}
END_TEST

/* CheckGracefulDelete: "if the pod is not scheduled, delete immediately". */
START_TEST(test_unscheduled_pod_deleted_at_once)
{
	setup_pod(30, false, "Pending");
	ck_assert_int_eq(del(SEC(3), false, 0), REGISTRY_DELETED);
	ck_assert_int_eq(rec.n, 2);
	expect(0, WATCH_MODIFIED, SEC(3), SEC(3), 0);
	expect(1, WATCH_DELETED, SEC(3), SEC(3), 0);
	apiserver_free(api);
}
END_TEST

/* kubernetes#115606: a negative grace, of the spec or of the request, is 1. */
START_TEST(test_negative_grace_is_one)
{
	setup_pod(-5, true, "Running");
	ck_assert_int_eq(del(SEC(10), false, 0), REGISTRY_GRACEFUL);
	expect(0, WATCH_MODIFIED, SEC(10), SEC(11), 1);
	apiserver_free(api);
	setup_pod(30, true, "Running");
	ck_assert_int_eq(del(SEC(10), true, -7), REGISTRY_GRACEFUL);
	expect(0, WATCH_MODIFIED, SEC(10), SEC(11), 1);
	apiserver_free(api);
}
END_TEST

/* The kubelet's final DELETE with grace 0 (status_manager.go): the
 * timestamp would move back to the first request's time, so it is clamped
 * to now; one MODIFIED, then DELETED. */
START_TEST(test_final_delete_moves_timestamp_to_now)
{
	setup_pod(30, true, "Running");
	del(SEC(10), false, 0);
	rec.n = 0;
	ck_assert_int_eq(del(SEC(22) + MSEC(500), true, 0), REGISTRY_DELETED);
	ck_assert_int_eq(rec.n, 2);
	expect(0, WATCH_MODIFIED, SEC(22) + MSEC(500), SEC(22), 0);
	expect(1, WATCH_DELETED, SEC(22) + MSEC(500), SEC(22), 0);
	apiserver_free(api);
}
END_TEST

/* BeforeDelete on a terminating pod: only a shorter grace counts; it moves
 * the timestamp back, never into the past (then a non-zero grace is 1). */
START_TEST(test_shorter_grace_only)
{
	setup_pod(30, true, "Running");
	del(SEC(10), false, 0); /* timestamp 40 s, grace 30 */
	rec.n = 0;
	ck_assert_int_eq(del(SEC(12), true, 30), REGISTRY_PENDING);
	ck_assert_int_eq(del(SEC(12), false, 0), REGISTRY_PENDING);
	ck_assert_int_eq(rec.n, 0);
	ck_assert_int_eq(del(SEC(12), true, 20), REGISTRY_GRACEFUL);
	expect(0, WATCH_MODIFIED, SEC(12), SEC(30), 20);
	ck_assert_int_eq(del(SEC(28), true, 5), REGISTRY_GRACEFUL); /* 30-20+5 = 15 < 28 */
	expect(1, WATCH_MODIFIED, SEC(28), SEC(28), 1);
	apiserver_free(api);
}
END_TEST

Suite *registry_suite(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("delete");
	tcase_add_test(tc, test_graceful_timestamp_is_now_plus_grace);
	tcase_add_loop_test(tc, test_terminal_pod_deleted_at_once, 0, 2);
	tcase_add_test(tc, test_unscheduled_pod_deleted_at_once);
	tcase_add_test(tc, test_negative_grace_is_one);
	tcase_add_test(tc, test_final_delete_moves_timestamp_to_now);
	tcase_add_test(tc, test_shorter_grace_only);
	suite_add_tcase(s, tc);
	return s;
}
