/* check_metrics.c - lifecycle metrics from a pod's watch stream (metrics.c).
 *
 * The collector is fed hand-made pod objects at chosen instants, as the API
 * server's watch would deliver them, so every value is known exactly; the
 * definitions are the README's ("Lifecycle metrics and sweeps").  A whole run is
 * checked against its own trace in tests/golden/metrics-liveness.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

typedef struct feed {
	scenario sc;
	pod_spec pod;
	metrics *m;
	watch_sink sink;
	api_container_status st;
	api_pod obj;
} feed;

static void feed_init(feed *f)
{
	memset(f, 0, sizeof(*f));
	f->pod.name = "web";
	f->pod.namespace = "default";
	f->sc.pods = &f->pod;
	f->sc.n_pods = 1;
	f->m = metrics_new(&f->sc);
	f->sink = metrics_sink(f->m);
	f->obj.spec = &f->pod;
	f->obj.status.statuses = &f->st;
	f->obj.status.n_statuses = 1;
}

/* The pod as of now: Ready or not, restarts, waiting reason ("" = running). */
static void feed_at(feed *f, double at_s, watch_type t, bool ready, int restarts,
		    const char *waiting)
{
	api_pod_status *s = &f->obj.status;
	s->n_conditions = 1;
	s->conditions[0].type = COND_READY;
	s->conditions[0].status = ready;
	f->st.restart_count = restarts;
	f->st.state.kind = waiting[0] ? STATE_WAITING : STATE_RUNNING;
	snprintf(f->st.state.reason, sizeof(f->st.state.reason), "%s", waiting);
	f->sink.pod_event(f->sink.ctx, (simtime_t)llround(at_s * 1e9), t, &f->obj, "");
}

static const double *feed_finish(feed *f, double end_s)
{
	int n;
	metrics_finish(f->m, (simtime_t)llround(end_s * 1e9));
	const metrics_pod *p = metrics_pods(f->m, &n);
	ck_assert_int_eq(n, 1);
	ck_assert_ptr_eq(p[0].spec, &f->pod);
	return p[0].v;
}

#define NEAR(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-9, "%.12g != %.12g", (double)(a), (double)(b))

/* Created at 1 s, Ready 5-20 s and 30 s to the end (100 s): ready for 85 s
 * of a 99 s life; one restart at 22 s; CrashLoopBackOff 22-30 s. */
START_TEST(test_spans_from_the_watch)
{
	feed f;
	feed_init(&f);
	feed_at(&f, 1, WATCH_ADDED, false, 0, "ContainerCreating");
	feed_at(&f, 5, WATCH_MODIFIED, true, 0, "");
	feed_at(&f, 20, WATCH_MODIFIED, false, 0, "");
	feed_at(&f, 22, WATCH_MODIFIED, false, 1, "CrashLoopBackOff");
	feed_at(&f, 25, WATCH_MODIFIED, false, 1, "CrashLoopBackOff"); /* no change */
	feed_at(&f, 30, WATCH_MODIFIED, true, 1, "");
	const double *v = feed_finish(&f, 100);
	NEAR(v[METRIC_READY_AT], 4);
	NEAR(v[METRIC_EVER_READY], 1);
	NEAR(v[METRIC_READY_FRACTION], 85.0 / 99.0);
	NEAR(v[METRIC_NOT_READY], 14);
	NEAR(v[METRIC_FIRST_RESTART], 21);
	NEAR(v[METRIC_RESTARTS], 1);
	NEAR(v[METRIC_CRASHLOOP], 8);
	metrics_free(f.m);
}
END_TEST

/* Never Ready: the first-instant metrics are undefined, the spans are not;
 * a deletion ends the pod's life before the run does. */
START_TEST(test_never_ready_then_deleted)
{
	feed f;
	feed_init(&f);
	feed_at(&f, 0, WATCH_ADDED, false, 0, "ContainerCreating");
	feed_at(&f, 10, WATCH_MODIFIED, false, 0, "CrashLoopBackOff");
	feed_at(&f, 40, WATCH_DELETED, false, 3, "CrashLoopBackOff");
	feed_at(&f, 50, WATCH_MODIFIED, true, 3, ""); /* after deletion: ignored */
	const double *v = feed_finish(&f, 600);
	ck_assert(isnan(v[METRIC_READY_AT]));
	NEAR(v[METRIC_EVER_READY], 0);
	NEAR(v[METRIC_READY_FRACTION], 0);
	NEAR(v[METRIC_NOT_READY], 40);
	NEAR(v[METRIC_FIRST_RESTART], 40);
	NEAR(v[METRIC_RESTARTS], 3);
	NEAR(v[METRIC_CRASHLOOP], 30);
	metrics_free(f.m);
}
END_TEST

/* A pod the run never created has no values at all. */
START_TEST(test_never_created)
{
	feed f;
	feed_init(&f);
	const double *v = feed_finish(&f, 60);
	for (int i = 0; i < METRIC_COUNT; i++)
		ck_assert(isnan(v[i]));
	char buf[16];
	metrics_format(METRIC_READY_AT, v[METRIC_READY_AT], buf, sizeof(buf));
	ck_assert_str_eq(buf, "-");
	metrics_free(f.m);
}
END_TEST

Suite *metrics_suite(void)
{
	Suite *s = suite_create("metrics");
	TCase *tc = tcase_create("watch");
	tcase_add_test(tc, test_spans_from_the_watch);
	tcase_add_test(tc, test_never_ready_then_deleted);
	tcase_add_test(tc, test_never_created);
	suite_add_tcase(s, tc);
	return s;
}
