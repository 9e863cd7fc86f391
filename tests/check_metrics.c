/* check_metrics.c - lifecycle metrics from a pod's watch stream (metrics.c).
 *
 * The collector is fed hand-made pod objects at chosen instants, as the API
 * server's watch would deliver them, so every value is known exactly; the
 * definitions are the README's ("Lifecycle metrics and sweeps").  A whole run is
 * checked against its own trace in tests/golden/metrics-liveness.
 *
 * The fault metrics are checked twice: on a hand-made journal (what counts
 * as a kill, a false kill, a detection), and on whole runs over many seeds
 * against the closed forms of issue 13 for deterministic behaviour (every
 * latency of the model 0, probes answering in 1 ms): prober worker.go
 * (doProbe: a result counts once failureThreshold consecutive failures
 * are seen, each probe bounded by timeoutSeconds; ticks every periodSeconds;
 * the first one at or after initialDelaySeconds since StartedAt) gives
 * detection within [(failureThreshold-1)*period, failureThreshold*period]
 * plus the timeout after a hang's onset.  A kill comes from a pod sync,
 * which first waits in pod_workers.go for a pod cache newer than the last
 * sync (cache.go GetNewerThan): up to one PLEG relist period (1 s, the
 * relist itself takes 0 here) more.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
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

/* ---- fault metrics on a hand-made journal ----------------------------------- */

/* An instance of the pod, started at start_s, signalled (signo) at sig_s. */
static int feed_instance(feed *f, double start_s, int signo, double sig_s, bool healthy)
{
	faults_journal *j = metrics_journal(f->m);
	simtime_t start = (simtime_t)llround(start_s * 1e9);
	int i = faults_journal_start(j, &f->pod, NULL, start, start);
	faults_instance *in = faults_journal_instance(j, i);
	in->first_signal = signo;
	in->signalled = signo ? (simtime_t)llround(sig_s * 1e9) : SIMTIME_NEVER;
	in->healthy_when_signalled = healthy;
	in->exited = signo ? in->signalled + SEC(1) : SIMTIME_NEVER;
	return i;
}

/* Kills: SIGTERM while the pod is not being deleted; SIGKILL (a sandbox
 * kill) and the kill of a deletion are not probe kills.  The first hang
 * (by onset, not by the order windows were drawn) gives the latencies. */
START_TEST(test_kills_and_detection)
{
	feed f;
	feed_init(&f);
	f.pod.active_deadline_seconds = -1;
	f.obj.deletion_timestamp = -1;
	feed_at(&f, 0, WATCH_ADDED, false, 0, "ContainerCreating");
	feed_at(&f, 10, WATCH_MODIFIED, true, 0, "");
	int a = feed_instance(&f, 1, 15, 50, false);  /* killed while hung */
	feed_instance(&f, 52, 15, 60, true);           /* a false kill */
	feed_instance(&f, 62, 9, 70, true);                     /* SIGKILL: not a kill */
	feed_instance(&f, 72, 15, 95, true);           /* the deletion's */
	faults_journal *j = metrics_journal(f.m);
	/* drawn in this order; the second window starts first */
	faults_journal_window(j, a, FAULT_HANG, SEC(45), SIMTIME_NEVER);
	faults_journal_window(j, a, FAULT_HANG, SEC(30), SEC(40));
	faults_journal_window(j, a, FAULT_SLOW, SEC(20), SEC(25));
	feed_at(&f, 38, WATCH_MODIFIED, false, 0, "");
	feed_at(&f, 55, WATCH_MODIFIED, true, 1, "");
	feed_at(&f, 90, WATCH_MODIFIED, true, 3, ""); /* deletionTimestamp from 90 s */
	f.obj.deletion_timestamp = SEC(90);
	feed_at(&f, 90, WATCH_MODIFIED, true, 3, "");
	const double *v = feed_finish(&f, 100);
	NEAR(v[METRIC_KILLS], 2);
	NEAR(v[METRIC_FALSE_KILLS], 1);
	NEAR(v[METRIC_HANGS], 2);
	NEAR(v[METRIC_DETECT_NOT_READY], 8); /* hang at 30 s, Ready=False at 38 s */
	ck_assert(isnan(v[METRIC_DETECT_KILL])); /* that hang ended at 40 s, unkilled */
	metrics_free(f.m);
}
END_TEST

/* ---- closed forms over many seeds (issue 13 "Done when") ------------------- */

#define SEEDS 300

/* A pod whose app hangs for good (recover: false) about every 10 minutes
 * after starting at once; probes: PROBES (a YAML fragment at column 4). */
static char *hang_yaml(const char *probes)
{
	return xasprintf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n"
			 "  containers:\n  - name: app\n    image: app:1\n"
			 "    ports: [{containerPort: 8080}]\n%s" EXACT_TIMINGS
			 "behaviors:\n- container: app\n  sigterm: {exitCode: 0, delay: 0s}\n"
			 "  endpoints: [{port: 8080, http: \"*\"}]\n"
			 "  faults: [{kind: hang, rate: 1/10m, recover: false}]\n", probes);
}

/* Run sc with seed; the collector is returned for reading (free it). */
static metrics *run_seed(const scenario *sc, uint64_t seed, simtime_t duration)
{
	metrics *m = metrics_new(sc);
	sim_options o = { .seed_set = true, .seed = seed, .duration_set = true,
			  .duration = duration, .output = OUT_NONE, .quiet_warnings = true,
			  .collect = m };
	FILE *devnull = fopen("/dev/null", "w");
	ck_assert_int_eq(sim_run(sc, &o, devnull, devnull), 0);
	fclose(devnull);
	return m;
}

/* The values of the scenario's only pod after a run (*m: free it). */
static const double *run_values(const scenario *sc, uint64_t seed, simtime_t duration,
				metrics **m)
{
	int n;
	*m = run_seed(sc, seed, duration);
	return metrics_pods(*m, &n)[0].v;
}

static void load_yaml(scenario *sc, char *yaml)
{
	char err[512];
	scenario_init(sc);
	ck_assert_msg(scenario_load_buffer(sc, "t.yaml", yaml, strlen(yaml), err, sizeof(err)) == 0,
		      "%s", err);
	ck_assert_msg(scenario_finish(sc, err, sizeof(err)) == 0, "%s", err);
	free(yaml);
}

/* Liveness, period 5 s, failureThreshold 3, timeout 1 s: every hang is
 * killed (10 s + 1 s) to (15 s + 1 s) + the GetNewerThan wait (<= 1 s)
 * after its onset, never a healthy process. */
START_TEST(test_liveness_detection_closed_form)
{
	scenario sc;
	load_yaml(&sc, hang_yaml("    livenessProbe:\n      httpGet: {path: /, port: 8080}\n"
				 "      periodSeconds: 5\n      failureThreshold: 3\n"));
	int detected = 0;
	double lo = INFINITY, hi = 0;
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		metrics *m;
		const double *v = run_values(&sc, seed, SEC(3600), &m);
		ck_assert(v[METRIC_HANGS] >= 1);
		ck_assert_msg(!isnan(v[METRIC_DETECT_KILL]), "seed %d: hang not killed", (int)seed);
		ck_assert_msg(v[METRIC_DETECT_KILL] >= (3 - 1) * 5 + 1 &&
				      v[METRIC_DETECT_KILL] <= 3 * 5 + 1 + 1,
			      "seed %d: detect_kill_s %.9f", (int)seed, v[METRIC_DETECT_KILL]);
		NEAR(v[METRIC_FALSE_KILLS], 0);
		ck_assert(v[METRIC_KILLS] >= 1);
		lo = fmin(lo, v[METRIC_DETECT_KILL]);
		hi = fmax(hi, v[METRIC_DETECT_KILL]);
		detected++;
		metrics_free(m);
	}
	ck_assert_int_eq(detected, SEEDS);
	/* the draws cover the interval: not a constant that happens to fit */
	ck_assert_msg(lo < 11.5 && hi > 16, "detect_kill_s from %.3f to %.3f", lo, hi);
	scenario_release(&sc);
}
END_TEST

/* Readiness, period 4 s, failureThreshold 2, timeout 2 s: Ready turns
 * False (4 s + 2 s) to (8 s + 2 s) after the onset (apiLatency 0). */
START_TEST(test_readiness_detection_closed_form)
{
	scenario sc;
	load_yaml(&sc, hang_yaml("    readinessProbe:\n      httpGet: {path: /, port: 8080}\n"
				 "      periodSeconds: 4\n      failureThreshold: 2\n"
				 "      timeoutSeconds: 2\n"));
	int detected = 0;
	double lo = INFINITY, hi = 0;
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		metrics *m;
		const double *v = run_values(&sc, seed, SEC(7200), &m);
		if (!isnan(v[METRIC_DETECT_NOT_READY])) {
			ck_assert_msg(v[METRIC_DETECT_NOT_READY] >= (2 - 1) * 4 + 2 &&
					      v[METRIC_DETECT_NOT_READY] <= 2 * 4 + 2,
				      "seed %d: detect_not_ready_s %.9f", (int)seed,
				      v[METRIC_DETECT_NOT_READY]);
			lo = fmin(lo, v[METRIC_DETECT_NOT_READY]);
			hi = fmax(hi, v[METRIC_DETECT_NOT_READY]);
			detected++;
		} else {
			/* undefined only if the pod was not yet Ready at the onset */
			ck_assert(v[METRIC_HANGS] == 0 || v[METRIC_READY_AT] > 0);
		}
		NEAR(v[METRIC_KILLS], 0);
		metrics_free(m);
	}
	ck_assert_int_gt(detected, SEEDS * 9 / 10);
	ck_assert_msg(lo < 6.5 && hi > 9.5, "detect_not_ready_s from %.3f to %.3f", lo, hi);
	scenario_release(&sc);
}
END_TEST

/* Startup probe, initialDelaySeconds 5, period 5 s, failureThreshold 4, the
 * app listening after uniform(10s,40s): the F-th probe at or after the
 * initial delay runs K after the start, K in [D + (F-1)P, D + F*P]; exactly
 * the starts slower than K are killed (and all of them are false kills: the
 * app was healthy, only slow).  With every model latency constant, K is the
 * same for every first instance. */
START_TEST(test_startup_kills_closed_form)
{
	scenario sc;
	char *y = hang_yaml("    startupProbe:\n      httpGet: {path: /, port: 8080}\n"
			    "      initialDelaySeconds: 5\n      periodSeconds: 5\n"
			    "      failureThreshold: 4\n");
	harness_replace(&y, "  faults: [{kind: hang, rate: 1/10m, recover: false}]\n",
			"  startup: \"uniform(10s,40s)\"\n");
	load_yaml(&sc, y);
	simtime_t k = -1;
	int killed = 0, spared = 0;
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		metrics *m = run_seed(&sc, seed, SEC(120));
		const faults_instance *in;
		int n = faults_journal_instances(metrics_journal(m), &in), np;
		ck_assert_int_ge(n, 1);
		simtime_t slow = in[0].serving - in[0].start;
		if (in[0].first_signal) {
			simtime_t at = in[0].signalled - in[0].start;
			ck_assert(k < 0 || at == k);
			k = at;
			ck_assert_msg(slow > k, "seed %d: killed a start of %lld ns", (int)seed,
				      (long long)slow);
			killed++;
		} else {
			spared++;
		}
		const double *v = metrics_pods(m, &np)[0].v;
		NEAR(v[METRIC_FALSE_KILLS], v[METRIC_KILLS]);
		metrics_free(m);
	}
	ck_assert(k >= SEC(5 + 3 * 5) && k <= SEC(5 + 4 * 5));
	/* every spared first instance started by K */
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		metrics *m = run_seed(&sc, seed, SEC(120));
		const faults_instance *in;
		faults_journal_instances(metrics_journal(m), &in);
		if (!in[0].first_signal)
			ck_assert_msg(in[0].serving - in[0].start <= k, "seed %d spared", (int)seed);
		metrics_free(m);
	}
	ck_assert_int_gt(killed, SEEDS / 4);
	ck_assert_int_gt(spared, SEEDS / 4);
	scenario_release(&sc);
}
END_TEST

/* Common random numbers: changing a probe field (and so the number of
 * latency draws) leaves the first instance's startup and first hang onset
 * alone (behavior_proc.c draws the instance seed before any probe runs). */
START_TEST(test_first_instance_common_across_probe_settings)
{
	scenario a, b;
	const char *probe = "    livenessProbe:\n      httpGet: {path: /, port: 8080}\n"
			    "      periodSeconds: %d\n";
	char *pa = xasprintf(probe, 3), *pb = xasprintf(probe, 7);
	char *ya = hang_yaml(pa), *yb = hang_yaml(pb);
	harness_replace(&ya, "http: \"*\"}", "http: \"*\", latency: \"uniform(1ms,5ms)\"}");
	harness_replace(&yb, "http: \"*\"}", "http: \"*\", latency: \"uniform(1ms,5ms)\"}");
	harness_replace(&ya, "  faults:", "  startup: \"uniform(1s,9s)\"\n  faults:");
	harness_replace(&yb, "  faults:", "  startup: \"uniform(1s,9s)\"\n  faults:");
	load_yaml(&a, ya);
	load_yaml(&b, yb);
	for (uint64_t seed = 1; seed <= 20; seed++) {
		metrics *ma = run_seed(&a, seed, SEC(1800)), *mb = run_seed(&b, seed, SEC(1800));
		const faults_instance *ia, *ib;
		const faults_window *wa, *wb;
		faults_journal_instances(metrics_journal(ma), &ia);
		faults_journal_instances(metrics_journal(mb), &ib);
		ck_assert_int_gt(faults_journal_windows(metrics_journal(ma), &wa), 0);
		ck_assert_int_gt(faults_journal_windows(metrics_journal(mb), &wb), 0);
		ck_assert_int_eq(ia[0].serving - ia[0].start, ib[0].serving - ib[0].start);
		ck_assert_int_eq(wa[0].instance, 0);
		ck_assert_int_eq(wa[0].onset - ia[0].start, wb[0].onset - ib[0].start);
		metrics_free(ma);
		metrics_free(mb);
	}
	free(pa);
	free(pb);
	scenario_release(&a);
	scenario_release(&b);
}
END_TEST

Suite *metrics_suite(void)
{
	Suite *s = suite_create("metrics");
	TCase *tc = tcase_create("watch");
	tcase_add_test(tc, test_spans_from_the_watch);
	tcase_add_test(tc, test_never_ready_then_deleted);
	tcase_add_test(tc, test_never_created);
	tcase_add_test(tc, test_kills_and_detection);
	suite_add_tcase(s, tc);
	TCase *cf = tcase_create("closed forms");
	tcase_set_timeout(cf, 120);
	tcase_add_test(cf, test_liveness_detection_closed_form);
	tcase_add_test(cf, test_readiness_detection_closed_form);
	tcase_add_test(cf, test_startup_kills_closed_form);
	tcase_add_test(cf, test_first_instance_common_across_probe_settings);
	suite_add_tcase(s, cf);
	return s;
}
