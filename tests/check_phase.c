/* check_phase.c - the pod phase as getPhase (pkg/kubelet/kubelet_pods.go)
 * computes it, watched on the API object through whole runs, seeds 1-20.
 *
 * Sidecars: test/e2e_node/container_lifecycle_test.go "should terminate
 * sidecars in reverse order after all main containers have exited",
 * "should terminate sidecars simultaneously if prestop doesn't exit" and
 * "should call sidecar container PreStop hook simultaneously", restated by
 * scenarios/sidecars-*.yaml: their e2e assertions on start and exit order
 * and timing, plus getPhase's rule that a running restartable init
 * container keeps the pod Running, so a terminal phase is only published
 * once every sidecar has stopped.
 *
 * Init containers re-running after a sandbox loss (scenarios/
 * kill-sandbox.yaml): Pending from kubelet 1.32 (kubernetes PRs #126653 and
 * #128516), Running before.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "apiserver.h"
#include "harness.h"
#include "node.h"

enum { SEEDS = 20 };

static const api_pod *api_pod_of(harness *h, const char *name)
{
	return apiserver_pod_get(sim_node(h->st)->w->api, "default", name);
}

static bool terminal(const char *phase)
{
	return strcmp(phase, "Succeeded") == 0 || strcmp(phase, "Failed") == 0;
}

/* What a run of a sidecar scenario showed, stepping 100 ms at a time. */
typedef struct watched {
	bool running_after_main;   /* Running published while regular-1 terminated */
	bool terminal_with_sidecar; /* a terminal phase next to a running sidecar */
	char final_phase[16];
	simtime_t start[4], finish[4]; /* restartable-init-1..3, regular-1 */
} watched;

static void watch_run(const char *path, uint64_t seed, watched *w)
{
	harness h;
	char *yaml = harness_read_file(path);
	memset(w, 0, sizeof(*w));
	harness_start(&h, yaml, seed);
	for (simtime_t t = 0; t <= SEC(90); t += MSEC(100)) {
		sim_advance(h.st, t);
		const api_pod *p = api_pod_of(&h, "serialize-termination");
		ck_assert_ptr_nonnull(p);
		const api_pod_status *s = &p->status;
		bool sidecar_running = false;
		for (int k = 0; k < s->n_init_statuses; k++)
			sidecar_running |= s->init_statuses[k].state.kind == STATE_RUNNING;
		bool main_done = s->n_statuses == 1 && s->statuses[0].state.kind == STATE_TERMINATED;
		w->running_after_main |= main_done && strcmp(s->phase, "Running") == 0;
		w->terminal_with_sidecar |= terminal(s->phase) && sidecar_running;
	}
	kpod *kp = harness_pod(&h, "serialize-termination");
	snprintf(w->final_phase, sizeof(w->final_phase), "%s", api_pod_of(&h, kp->meta.name)->status.phase);
	for (int k = 0; k < 4; k++) {
		ck_assert_int_eq(kp->ctrs[k].n_inst, 1);
		w->start[k] = kp->ctrs[k].inst[0]->started;
		w->finish[k] = kp->ctrs[k].inst[0]->finished;
		ck_assert_int_ge(w->finish[k], 0);
	}
	harness_end(&h);
	free(yaml);
}

/* StartsBefore for every pair the e2e tests check. */
static void starts_in_order(const watched *w)
{
	ck_assert_int_lt(w->start[0], w->start[1]);
	ck_assert_int_lt(w->start[1], w->start[2]);
	ck_assert_int_lt(w->start[2], w->start[3]);
}

/* ExitsBefore: main containers exit first, followed by sidecars in
 * reverse order. */
static void exits_in_reverse_order(const watched *w)
{
	ck_assert_int_lt(w->finish[3], w->finish[2]);
	ck_assert_int_lt(w->finish[2], w->finish[1]);
	ck_assert_int_lt(w->finish[1], w->finish[0]);
}

static void phase_follows_sidecars(const watched *w)
{
	ck_assert_msg(w->running_after_main, "never Running while only sidecars ran");
	ck_assert_msg(!w->terminal_with_sidecar, "terminal phase while a sidecar still ran");
	ck_assert_str_eq(w->final_phase, "Succeeded");
}

START_TEST(test_sidecars_reverse_order)
{
	watched w;
	watch_run("scenarios/sidecars-reverse-order.yaml", (uint64_t)_i, &w);
	starts_in_order(&w);
	exits_in_reverse_order(&w);
	phase_follows_sidecars(&w);
}
END_TEST

START_TEST(test_sidecars_prestop_forever)
{
	watched w;
	watch_run("scenarios/sidecars-prestop-forever.yaml", (uint64_t)_i, &w);
	starts_in_order(&w);
	/* all killed within 500 ms of each other, ~32 s (30 s grace + 2 s
	 * minimum) after the hooks started, i.e. after the main container
	 * exited and the kubelet noticed (a relist: up to ~1 s more) */
	for (int k = 1; k < 3; k++)
		ck_assert_int_le(llabs(w.finish[k] - w.finish[0]), MSEC(500));
	ck_assert_int_ge(w.finish[0] - w.finish[3], SEC(32) - MSEC(1000));
	ck_assert_int_le(w.finish[0] - w.finish[3], SEC(32) + MSEC(2500));
	phase_follows_sidecars(&w);
}
END_TEST

START_TEST(test_sidecars_prestop_simultaneous)
{
	watched w;
	watch_run("scenarios/sidecars-prestop-simultaneous.yaml", (uint64_t)_i, &w);
	starts_in_order(&w);
	exits_in_reverse_order(&w);
	/* the hooks (1 s) ran at once: the first SIGTERM follows the main
	 * container's exit by the hook plus the relist, not by three hooks */
	ck_assert_int_le(w.finish[2] - w.finish[3], SEC(1) + SEC(5) + MSEC(2500));
	phase_follows_sidecars(&w);
}
END_TEST

/* ---- sandbox loss: init containers re-run ------------------------------ */

/* Whether the API object said Pending at some instant after the sandbox
 * died at 60 s, and whether it did while the init container re-ran. */
static bool pending_after_loss(const char *version, uint64_t seed)
{
	harness h;
	char *yaml = harness_read_file("scenarios/kill-sandbox.yaml");
	char with[64];
	snprintf(with, sizeof(with), "kubelet:\n  version: \"%s\"\n", version);
	harness_replace(&yaml, "kubelet:\n", with);
	harness_start(&h, yaml, seed);
	bool pending = false;
	for (simtime_t t = SEC(60); t <= SEC(90); t += MSEC(100)) {
		sim_advance(h.st, t);
		const api_pod *p = api_pod_of(&h, "sandbox-lost");
		ck_assert_ptr_nonnull(p);
		if (strcmp(p->status.phase, "Pending") != 0)
			continue;
		ck_assert_int_eq(p->status.init_statuses[0].state.kind, STATE_RUNNING);
		pending = true;
	}
	ck_assert_str_eq(api_pod_of(&h, "sandbox-lost")->status.phase, "Running");
	harness_end(&h);
	free(yaml);
	return pending;
}

START_TEST(test_rerun_init_pending_from_1_32)
{
	ck_assert(pending_after_loss("1.32", (uint64_t)_i));
	ck_assert(pending_after_loss("1.34", (uint64_t)_i));
}
END_TEST

START_TEST(test_rerun_init_running_before_1_32)
{
	ck_assert(!pending_after_loss("1.31", (uint64_t)_i));
}
END_TEST

Suite *phase_suite(void)
{
	Suite *s = suite_create("phase");
	TCase *tc = tcase_create("getPhase");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_sidecars_reverse_order, 1, SEEDS + 1);
	tcase_add_loop_test(tc, test_sidecars_prestop_forever, 1, SEEDS + 1);
	tcase_add_loop_test(tc, test_sidecars_prestop_simultaneous, 1, SEEDS + 1);
	tcase_add_loop_test(tc, test_rerun_init_pending_from_1_32, 1, SEEDS + 1);
	tcase_add_loop_test(tc, test_rerun_init_running_before_1_32, 1, SEEDS + 1);
	suite_add_tcase(s, tc);
	return s;
}
