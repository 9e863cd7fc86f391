/* check_prober.c - probe worker timing and the liveness restart rules, run
 * through the real simulator with constant timings so that instants are
 * exact (kubelet-semantics.md sections 1.2, 2.4, 3.3, 10.5). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apiserver.h"
#include "harness.h"
#include "nodes.h"
#include "podworker.h"
#include "prober.h"

static kctr *h_ctr(harness *h, const char *pod, int k)
{
	return &harness_pod(h, pod)->ctrs[k];
}

static const char pod_liveness[] =
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
	"  - name: c\n    image: app:1\n"
	"    livenessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: %d,"
	" initialDelaySeconds: %d, failureThreshold: %d}\n" EXACT_TIMINGS
	"behaviors:\n- {pod: p, sigterm: %s, endpoints: [{port: 8080, http: /healthz,"
	" responses: [{after: 0s, status: 200}, {after: %s, status: 500}]}]}\n";

static void start_liveness(harness *h, int period, int delay, int threshold, const char *sigterm,
			   const char *healthy_for)
{
	char yaml[2048];
	snprintf(yaml, sizeof(yaml), pod_liveness, period, delay, threshold, sigterm, healthy_for);
	harness_start(h, yaml, 1);
}

/* initialDelaySeconds compares whole seconds since StartedAt: the process
 * starts at 0.01 s, the tick at 3 s sees an age of 2.99 s and skips. */
START_TEST(test_initial_delay_truncated)
{
	harness h;
	start_liveness(&h, 1, 3, 3, "{exitCode: 2}", "1h");
	sim_advance(h.st, SEC(10));
	probe_worker *w = h_ctr(&h, "p", 0)->workers[PROBE_LIVENESS];
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(w->created, 0);
	ck_assert_int_eq(w->first_run, SEC(4));
	simtime_t last;
	ck_assert_int_eq(prober_runs(w, SEC(10), &last), 7); /* 4, 5, ..., 10 */
	ck_assert_int_eq(last, SEC(10));
	harness_end(&h);
}
END_TEST

/* Thresholds count consecutive failures; the kill is requested by the
 * failureThreshold-th one.  Healthy until uptime 5 s: ticks 6 and 8 fail. */
START_TEST(test_failure_threshold_and_kill)
{
	harness h;
	start_liveness(&h, 2, 0, 2, "{exitCode: 2}", "5s");
	sim_advance(h.st, SEC(8) + MSEC(500));
	kctr *c = h_ctr(&h, "p", 0);
	probe_worker *w = c->workers[PROBE_LIVENESS];
	ck_assert_int_eq(w->n_run_ticks, 2);
	ck_assert_int_eq(w->run_ticks[0], SEC(6));
	ck_assert_int_eq(w->run_ticks[1], SEC(8));
	ck_assert_int_ge(c->n_inst, 1);
	ck_assert_int_eq(c->inst[0]->state, INST_EXITED);
	ck_assert_int_eq(c->inst[0]->exit_code, 2);
	/* killed when the second failure came back (1 ms probe latency) */
	ck_assert_int_eq(c->inst[0]->finished, SEC(8) + MSEC(1));
	harness_end(&h);
}
END_TEST

/* Ticks stay aligned to the worker's creation across restarts. */
START_TEST(test_ticks_aligned_to_worker_not_container)
{
	harness h;
	start_liveness(&h, 3, 1, 1, "{exitCode: 2}", "4s");
	int checked = 0;
	for (simtime_t t = SEC(1); t <= SEC(90); t += MSEC(250)) {
		sim_advance(h.st, t);
		probe_worker *w = h_ctr(&h, "p", 0)->workers[PROBE_LIVENESS];
		if (w->first_run >= 0 && w->runs == 1) {
			ck_assert_int_eq(w->first_run % SEC(3), 0);
			checked++;
		}
	}
	kctr *c = h_ctr(&h, "p", 0);
	ck_assert_int_ge(c->n_inst, 3);
	/* the new instances started off the tick grid, the probes did not move */
	ck_assert_int_ne(c->inst[1]->started % SEC(3), 0);
	ck_assert_int_ge(checked, 3);
	harness_end(&h);
}
END_TEST

/* A stored liveness Failure puts the worker on hold until a new container:
 * a process that ignores SIGTERM keeps running for the 30 s grace period,
 * and no probe runs against it meanwhile. */
START_TEST(test_on_hold_until_new_container)
{
	harness h;
	start_liveness(&h, 1, 0, 1, "ignore", "2s");
	sim_advance(h.st, SEC(4));
	kctr *c = h_ctr(&h, "p", 0);
	probe_worker *w = c->workers[PROBE_LIVENESS];
	ck_assert(w->on_hold);
	int runs = w->runs;
	ck_assert_int_eq(c->inst[0]->state, INST_RUNNING);
	sim_advance(h.st, SEC(20));
	ck_assert_int_eq(w->runs, runs);
	ck_assert_int_eq(c->inst[0]->state, INST_RUNNING);
	sim_advance(h.st, SEC(40));
	/* SIGKILL at the end of the grace period, then a new container */
	ck_assert_int_eq(c->inst[0]->exit_code, 137);
	ck_assert_int_ge(c->n_inst, 2);
	ck_assert(!w->on_hold || strcmp(w->last_id, c->inst[0]->id) != 0);
	harness_end(&h);
}
END_TEST

/* Startup gating: liveness does not probe before the startup probe
 * succeeded; the startup worker stops probing once it has. */
START_TEST(test_startup_gates_liveness)
{
	static const char yaml[] =
		"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
		"  - name: c\n    image: app:1\n"
		"    livenessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 1}\n"
		"    startupProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 1,"
		" failureThreshold: 30}\n" EXACT_TIMINGS
		"behaviors:\n- {pod: p, endpoints: [{port: 8080, http: /healthz, listenAfter: 5s}]}\n";
	harness h;
	harness_start(&h, yaml, 1);
	sim_advance(h.st, SEC(5));
	kctr *c = h_ctr(&h, "p", 0);
	probe_worker *lw = c->workers[PROBE_LIVENESS], *sw = c->workers[PROBE_STARTUP];
	ck_assert_int_eq(lw->runs, 0);
	ck_assert_int_ge(sw->runs, 4);
	sim_advance(h.st, SEC(12));
	/* refused until uptime 5 s (started at 0.01): first success at 6 s */
	ck_assert_int_eq(sw->last_run, SEC(6));
	ck_assert(sw->on_hold);
	ck_assert_int_ge(lw->first_run, SEC(6));
	simtime_t last;
	ck_assert_int_ge(prober_runs(lw, SEC(12), &last), 5);
	ck_assert_int_eq(last, SEC(12));
	ck_assert_int_eq(c->n_inst, 1);
	harness_end(&h);
}
END_TEST

/* The seed's liveness pod (section 10.3): restarts 1 and 2 free, 3 and 4
 * pass because 21 s >= 10 s and 20 s, the 5th kill finds 21 s < 40 s. */
START_TEST(test_case_b_seed_sequence)
{
	harness h;
	char *yaml = harness_read_file("scenarios/liveness-http.yaml");
	harness_start(&h, yaml, 3); /* the scenario's own seed */
	node *n = sim_node(h.st);
	kctr *c = NULL;
	simtime_t want_backoff[] = {0, 0, SEC(10), SEC(20), SEC(40)};
	for (int k = 1; k <= 4; k++) {
		sim_advance(h.st, SEC(21) * k + SEC(15));
		c = h_ctr(&h, "liveness-http", 0);
		ck_assert_int_eq(c->n_created, k + 1);
		ck_assert_int_eq(backoff_get(n->crash_backoff, c->backoff_key), want_backoff[k]);
		ck_assert_str_eq(c->start_err, "");
	}
	sim_advance(h.st, SEC(110));
	ck_assert_int_eq(c->n_created, 5);
	ck_assert_str_eq(c->start_err, "CrashLoopBackOff");
	ck_assert_int_eq(backoff_get(n->crash_backoff, c->backoff_key), SEC(40));
	harness_end(&h);
	free(yaml);
}
END_TEST

/* The message of the last event with this reason about pod p, and how
 * many such events were recorded (counts included). */
static int events_with(harness *h, const char *pod, const char *reason, char *msg, size_t len)
{
	kpod *p = harness_pod(h, pod);
	const api_event **evs;
	int n = apiserver_events_for(sim_node(h->st)->w->api, p->meta.uid, &evs), total = 0;
	for (int k = 0; k < n; k++)
		if (strcmp(evs[k]->reason, reason) == 0) {
			total += evs[k]->count;
			snprintf(msg, len, "%s", evs[k]->message);
		}
	free(evs);
	return total;
}

/* HTTP 3xx is success with a ProbeWarning event (section 1.4); a gRPC probe
 * against a closed port fails with the client's connect timeout text. */
START_TEST(test_redirect_warning_and_grpc_refused)
{
	static const char yaml[] =
		"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
		"  - name: c\n    image: app:1\n"
		"    readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 2}\n"
		"    livenessProbe: {grpc: {port: 9090}, periodSeconds: 2, failureThreshold: 100}\n"
		EXACT_TIMINGS
		"behaviors:\n- {pod: p, endpoints: [{port: 8080, http: /, responses: [{status: 302,"
		" body: moved}]}]}\n";
	harness h;
	harness_start(&h, yaml, 1);
	sim_advance(h.st, SEC(11));
	kctr *c = h_ctr(&h, "p", 0);
	ck_assert_int_eq(c->workers[PROBE_READINESS]->stored, RESULT_SUCCESS);
	char msg[512] = "";
	ck_assert_int_ge(events_with(&h, "p", "ProbeWarning", msg, sizeof(msg)), 5);
	ck_assert_str_eq(msg, "Readiness probe warning: Probe terminated redirects, Response body: moved");
	ck_assert_int_ge(events_with(&h, "p", "Unhealthy", msg, sizeof(msg)), 4);
	ck_assert_str_eq(msg, "Liveness probe failed: timeout: failed to connect service \":9090\" within 1s");
	harness_end(&h);
}
END_TEST

/* Once the backoff is capped at 300 s and the wait before a restart is
 * itself >= 300 s, the next liveness kill (Case B) checks the instance
 * killed before the wait - more than 300 s ago - and restarts at once: after
 * the cap, every other restart of the seed pod is free (section 2.4 rule,
 * which section 10.4's long-run prediction overlooks). */
START_TEST(test_capped_backoff_alternates)
{
	harness h;
	char *yaml = harness_read_file("scenarios/liveness-http.yaml");
	harness_start(&h, yaml, 3);
	container_instance *in;
	int n = harness_instances(&h, "liveness-http", 0, SEC(3600), &in);
	int immediate = 0, waited = 0;
	for (int k = 1; k < n; k++) {
		if (in[k].started < SEC(1200))
			continue;
		simtime_t gap = in[k].started - in[k - 1].finished;
		if (gap < SEC(5))
			immediate++;
		else if (gap >= SEC(300))
			waited++;
		else
			ck_abort_msg("restart %d after %.1fs: neither free nor a full wait", k,
				     (double)gap / 1e9);
	}
	ck_assert_int_ge(waited, 5);
	ck_assert_int_ge(immediate, waited - 1);
	ck_assert_int_le(immediate, waited + 1);
	free(in);
	harness_end(&h);
	free(yaml);
}
END_TEST

/* 1.35 requeues at the backoff expiry, clamped to 60 s (section 3.3). */
START_TEST(test_error_delay_by_version)
{
	ck_assert_int_eq(podworker_error_delay(34, SEC(107), SEC(146)), SEC(10));
	ck_assert_int_eq(podworker_error_delay(35, SEC(107), SEC(146)), SEC(39));
	ck_assert_int_eq(podworker_error_delay(35, SEC(178), SEC(258)), SEC(60));
	ck_assert_int_eq(podworker_error_delay(35, SEC(150), SEC(146)), 0);
	ck_assert_int_eq(podworker_error_delay(35, SEC(10), -1), SEC(10));
}
END_TEST

/* Restart count at the first CrashLoopBackOff row of the seed pod under
 * the variants of section 10.5. */
static int first_clbo_restarts(const char *gate, const char *pull_policy)
{
	char *yaml = harness_read_file("scenarios/liveness-http.yaml");
	if (pull_policy) {
		char *line = xasprintf("image: mirrorgooglecontainers/liveness\n    imagePullPolicy: %s",
				       pull_policy);
		harness_replace(&yaml, "image: mirrorgooglecontainers/liveness", line);
		free(line);
	}
	if (gate) {
		harness_replace(&yaml, "version: \"1.29\"", "version: \"1.33\"");
		char *tail = xasprintf("%s  featureGates: {%s: true}\n", yaml, gate);
		free(yaml);
		yaml = tail;
	}
	sim_options o = {.quiet_warnings = true, .duration_set = true, .duration = SEC(400)};
	char *text = harness_run(yaml, &o);
	int restarts = -1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char name[64], ready[16], status[64];
		int r;
		if (sscanf(line, "%63s %15s %63s %d", name, ready, status, &r) == 4 &&
		    strcmp(status, "CrashLoopBackOff") == 0) {
			restarts = r;
			break;
		}
	}
	free(text);
	free(yaml);
	return restarts;
}

START_TEST(test_version_profiles_first_crashloop)
{
	/* defaults: the 5th kill is refused (restart count 4) */
	ck_assert_int_eq(first_clbo_restarts(NULL, NULL), 4);
	/* ReduceDefaultCrashLoopBackOffDecay (1.33+): entries 1,2,4,...,32 s;
	 * kills 3-7 pass (21 s >= entry), the 8th is refused */
	ck_assert_int_eq(first_clbo_restarts("ReduceDefaultCrashLoopBackOffDecay", NULL), 7);
	/* IfNotPresent: no pull, ~18 s lifetimes: the 4th kill is refused */
	ck_assert_int_eq(first_clbo_restarts(NULL, "IfNotPresent"), 3);
}
END_TEST

/* The BackOff event's count at 160 s: how many syncs were refused between
 * the first CrashLoopBackOff (~106 s) and the restart (>= 146 s).  Up to
 * 1.34 a refused sync is retried every 10-15 s; 1.35 queues the retry at the
 * backoff's expiry (section 3.3, 10.5), so far fewer syncs are refused. */
static int backoff_count_at_160s(const char *version, uint64_t seed)
{
	char *yaml = harness_read_file("scenarios/liveness-http.yaml");
	char *v = xasprintf("version: \"%s\"", version);
	harness_replace(&yaml, "version: \"1.29\"", v);
	free(v);
	sim_options o = {.quiet_warnings = true, .seed_set = true, .seed = seed, .output = OUT_JSON,
			 .duration_set = true, .duration = SEC(160)};
	char *text = harness_run(yaml, &o);
	int count = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *c = strstr(line, "\"reason\":\"BackOff\"") ? strstr(line, "\"count\":") : NULL;
		if (c)
			count = atoi(c + 8);
	}
	free(text);
	free(yaml);
	return count;
}

START_TEST(test_version_135_requeues_at_expiry)
{
	int old = 0, new = 0;
	for (uint64_t seed = 1; seed <= 5; seed++) {
		old += backoff_count_at_160s("1.34", seed);
		new += backoff_count_at_160s("1.35", seed);
	}
	/* 1.34: the kill, the ContainerDied sync and ~3 polls per seed */
	ck_assert_int_ge(old, 5 * 4);
	/* 1.35: the kill, the ContainerDied sync, at most one early retry */
	ck_assert_int_le(new, 5 * 3);
}
END_TEST

Suite *prober_suite(void)
{
	Suite *s = suite_create("prober");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_initial_delay_truncated);
	tcase_add_test(tc, test_failure_threshold_and_kill);
	tcase_add_test(tc, test_ticks_aligned_to_worker_not_container);
	tcase_add_test(tc, test_on_hold_until_new_container);
	tcase_add_test(tc, test_startup_gates_liveness);
	tcase_add_test(tc, test_case_b_seed_sequence);
	tcase_add_test(tc, test_error_delay_by_version);
	tcase_add_test(tc, test_version_profiles_first_crashloop);
	tcase_add_test(tc, test_version_135_requeues_at_expiry);
	tcase_add_test(tc, test_redirect_warning_and_grpc_refused);
	tcase_add_test(tc, test_capped_backoff_alternates);
	suite_add_tcase(s, tc);
	return s;
}
