/* check_lifecycle.c - init containers, sidecars, hooks and termination, run
 * through the real simulator (kubelet-semantics.md sections 5, 6.4, 7).
 *
 * Every latency is 0 except the container start (10 ms), so instants follow
 * from the processes' own sleeps and from the 1 s relist.  Decisions are
 * checked two ways: by what the run did (instances, exit codes, instants),
 * and by calling computePodActions on a pod-cache snapshot taken at a chosen
 * instant after the run; the snapshot ignores instances created later, so
 * it shows what the kubelet decided then.  Probe-dependent decisions are
 * checked while stepping, because probe results are only kept for the
 * current instance.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "killer.h"
#include "kuberuntime.h"
#include "node.h"
#include "nodes.h"
#include "prober.h"
#include "sim.h"
#include "status.h"

#define SIM_TAIL EXACT_TIMINGS

#define POD(name, policy) "apiVersion: v1\nkind: Pod\nmetadata: {name: " name "}\nspec:\n" \
	"  restartPolicy: " policy "\n"
#define CTR(name, script)                                                       \
	"  - {name: " name ", image: 'app:1', command: [sh, -c, \"" script "\"]}\n"
#define TRAP "trap 'exit 0' TERM; sleep 3600 & wait"

static void h_start(harness *h, const char *yaml)
{
	harness_start(h, yaml, 1);
}

static container_instance *inst(kpod *p, int ctr, int k)
{
	ck_assert_int_gt(p->ctrs[ctr].n_inst, k);
	return p->ctrs[ctr].inst[k];
}

/* Number of kubelet events for the pod with this reason and message. */
static int count_events(harness *h, kpod *p, const char *reason, const char *msg)
{
	const api_event **evs;
	int n = apiserver_events_for(sim_node(h->st)->w->api, p->meta.uid, &evs), total = 0;
	for (int k = 0; k < n; k++)
		if (strcmp(evs[k]->reason, reason) == 0 && (!msg || strcmp(evs[k]->message, msg) == 0))
			total += evs[k]->count;
	free(evs);
	return total;
}

/* ---- regular init containers ---------------------------------------------- */

static const char init_two[] = POD("p", "Always")
	"  initContainers:\n" CTR("i0", "sleep 2") CTR("i1", "sleep 3")
	"  containers:\n" CTR("app", "sleep 3600") SIM_TAIL;

/* One regular init container per sync, the next only after the previous
 * exited 0, the app only after the last. */
START_TEST(test_init_sequencing)
{
	harness h;
	h_start(&h, init_two);
	sim_advance(h.st, SEC(20));
	kpod *p = harness_pod(&h, "p");
	container_instance *i0 = inst(p, 0, 0), *i1 = inst(p, 1, 0), *app = inst(p, 2, 0);
	ck_assert_int_eq(p->ctrs[0].n_inst, 1);
	ck_assert_int_eq(p->ctrs[1].n_inst, 1);
	ck_assert_int_eq(i0->finished - i0->started, SEC(2));
	/* the relist after the exit triggers the sync that starts the next one */
	ck_assert_int_gt(i1->created, i0->finished);
	ck_assert_int_le(i1->created, i0->finished + SEC(1));
	ck_assert_int_gt(app->created, i1->finished);
	ck_assert_int_le(app->created, i1->finished + SEC(1));
	pod_actions a;
	kuberuntime_compute_pod_actions(p, i0->started + SEC(1), &a);
	ck_assert(!a.kill_pod && !a.create_sandbox);
	ck_assert_int_eq(a.n_start_init, 0); /* i0 runs: wait */
	ck_assert_int_eq(a.n_start, 0);
	kuberuntime_actions_release(&a);
	kuberuntime_compute_pod_actions(p, i0->finished, &a);
	ck_assert_int_eq(a.n_start_init, 1);
	ck_assert_ptr_eq(a.start_init[0], &p->ctrs[1]);
	ck_assert_int_eq(a.n_start, 0);
	kuberuntime_actions_release(&a);
	kuberuntime_compute_pod_actions(p, i1->finished, &a);
	ck_assert_int_eq(a.n_start_init, 0);
	ck_assert_int_eq(a.n_start, 1);
	ck_assert_ptr_eq(a.start[0], &p->ctrs[2]);
	ck_assert_str_eq(p->status.phase, "Running");
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

static const char init_fail_never[] = POD("p", "Never")
	"  initContainers:\n" CTR("i0", "sleep 1; exit 1")
	"  containers:\n" CTR("app", "sleep 3600") SIM_TAIL;

START_TEST(test_init_failed_never_kills_pod)
{
	harness h;
	h_start(&h, init_fail_never);
	sim_advance(h.st, SEC(20));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_eq(p->ctrs[0].n_inst, 1);
	ck_assert_int_eq(inst(p, 0, 0)->exit_code, 1);
	ck_assert_int_eq(p->ctrs[1].n_inst, 0);
	pod_actions a;
	kuberuntime_compute_pod_actions(p, inst(p, 0, 0)->finished, &a);
	ck_assert(a.kill_pod);
	ck_assert_int_eq(a.n_start_init, 0);
	ck_assert_int_eq(a.n_start, 0);
	ck_assert_str_eq(p->status.phase, "Failed");
	ck_assert(p->terminal);
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

static const char init_fail_always[] = POD("p", "Always")
	"  initContainers:\n" CTR("i0", "sleep 1; exit 1")
	"  containers:\n" CTR("app", "sleep 3600") SIM_TAIL;

/* The same init container again, with the container backoff: the first
 * restart is free, then 10 s, 20 s after the exit, each late by at most
 * the 10-15 s retry plus the 1 s ticker and cache wait. */
START_TEST(test_init_failed_always_backoff)
{
	harness h;
	h_start(&h, init_fail_always);
	container_instance *in;
	int n = harness_instances(&h, "p", 0, SEC(120), &in);
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_ge(n, 4);
	ck_assert_int_eq(p->ctrs[1].n_inst, 0);
	simtime_t wait[3], min[3] = {0, SEC(10), SEC(20)};
	for (int k = 0; k < 3; k++) {
		wait[k] = in[k + 1].created - in[k].finished;
		ck_assert_int_ge(wait[k], min[k]);
		ck_assert_int_le(wait[k], min[k] + (k ? SEC(17) : SEC(1)));
		ck_assert_int_eq(in[k + 1].restart_count, k + 1);
	}
	free(in);
	/* the sync after the exit of the one before the newest (older
	 * snapshots are gone with the instances the container GC removed) */
	pod_actions a;
	kuberuntime_compute_pod_actions(p, inst(p, 0, p->ctrs[0].n_inst - 2)->finished, &a);
	ck_assert(!a.kill_pod);
	ck_assert_int_eq(a.n_start_init, 1);
	ck_assert_ptr_eq(a.start_init[0], &p->ctrs[0]);
	ck_assert_str_eq(p->status.phase, "Pending");
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

static const char init_app_crash[] = POD("p", "Always")
	"  initContainers:\n" CTR("i0", "sleep 1")
	"  containers:\n" CTR("app", "sleep 2; exit 1") SIM_TAIL;

START_TEST(test_completed_init_not_rerun)
{
	harness h;
	h_start(&h, init_app_crash);
	sim_advance(h.st, SEC(60));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_eq(p->ctrs[0].n_inst, 1);
	ck_assert_int_ge(p->ctrs[1].n_created, 3);
	pod_actions a;
	kuberuntime_compute_pod_actions(p, inst(p, 1, p->ctrs[1].n_inst - 2)->finished, &a);
	ck_assert_int_eq(a.n_start_init, 0);
	ck_assert_int_eq(a.n_start, 1);
	ck_assert_ptr_eq(a.start[0], &p->ctrs[1]);
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

static const char init_sandbox[] = POD("p", "Always")
	"  initContainers:\n" CTR("i0", "sleep 1")
	"  containers:\n" CTR("app", "sleep 3600") SIM_TAIL
	"actions:\n- {at: 10s, killSandbox: p}\n";

/* A new sandbox purges the init instances and initializes from index 0. */
START_TEST(test_init_rerun_after_sandbox)
{
	harness h;
	h_start(&h, init_sandbox);
	sim_advance(h.st, SEC(10));
	kpod *p = harness_pod(&h, "p");
	pod_actions a;
	kuberuntime_compute_pod_actions(p, SEC(10), &a);
	ck_assert(a.create_sandbox && a.kill_pod);
	ck_assert_int_eq(a.sandbox_attempt, 1);
	ck_assert_int_eq(a.n_start_init, 1);
	ck_assert_ptr_eq(a.start_init[0], &p->ctrs[0]);
	ck_assert_int_eq(a.n_start, 0);
	sim_advance(h.st, SEC(30));
	ck_assert_int_eq(p->ctrs[0].n_inst, 2);
	ck_assert_int_eq(p->ctrs[0].first_live, 1);
	ck_assert_int_gt(inst(p, 0, 1)->created, SEC(10));
	ck_assert_int_eq(inst(p, 1, 0)->exit_code, 137);
	ck_assert_int_eq(inst(p, 1, 0)->finished, SEC(10));
	ck_assert_int_eq(p->ctrs[1].n_inst, 2);
	ck_assert_int_gt(inst(p, 1, 1)->created, inst(p, 0, 1)->finished);
	ck_assert_int_eq(inst(p, 1, 1)->restart_count, 1);
	ck_assert_int_eq(count_events(&h, p, "SandboxChanged", NULL), 1);
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

/* While the purged init container waits for its new instance (a 5 s
 * pull), its status stays the previous terminated one, as
 * convertToAPIContainerStatuses keeps a terminated old status; it does not
 * fall back to waiting PodInitializing. */
START_TEST(test_purged_init_keeps_terminated_status)
{
	static const char yaml[] = POD("p", "Always")
		"  initContainers:\n"
		"  - {name: i0, image: 'slow:latest', command: [sh, -c, 'sleep 1']}\n"
		"  containers:\n" CTR("app", "sleep 3600")
		"---\napiVersion: podsim/v1\nkind: Simulation\nkubelet:\n"
		"  timings: {sandboxCreate: 0s, containerCreate: 0s, containerStart: 10ms, "
		"scheduleLatency: 0s, admitLatency: 0s, volumeMount: 0s, relistDuration: 0s, apiLatency: 0s}\n"
		"  images: [{image: 'slow:latest', pullTime: 5s}, {image: 'app:1', present: true}]\n"
		"actions:\n- {at: 20s, killSandbox: p}\n";
	harness h;
	h_start(&h, yaml);
	sim_advance(h.st, SEC(23));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_eq(p->ctrs[0].first_live, 1);  /* purged */
	ck_assert_int_eq(p->ctrs[0].n_inst, 1);      /* new instance still pulling */
	/* the status a sync would generate now (none runs: the sync is pulling) */
	api_pod_status s;
	status_generate(p, SEC(23), SEC(23), &s);
	ck_assert_int_eq(s.init_statuses[0].state.kind, STATE_TERMINATED);
	ck_assert_str_eq(s.init_statuses[0].state.reason, "Completed");
	api_pod_status_release(&s);
	harness_end(&h);
}
END_TEST

/* ---- sidecars ------------------------------------------------------------- */

static const char sidecar_gate[] = POD("p", "Always")
	"  initContainers:\n"
	"  - name: sc\n    image: 'app:1'\n    restartPolicy: Always\n"
	"    command: [sh, -c, 'sleep 5; touch /tmp/ready; sleep 3600']\n"
	"    startupProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: 1, failureThreshold: 30}\n"
	CTR("i1", "sleep 1")
	"  containers:\n" CTR("app", "sleep 3600") SIM_TAIL;

/* The next init container waits for the sidecar's startup Success. */
START_TEST(test_sidecar_startup_gates)
{
	harness h;
	h_start(&h, sidecar_gate);
	sim_advance(h.st, SEC(4));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_eq(inst(p, 0, 0)->state, INST_RUNNING);
	pod_actions a;
	kuberuntime_compute_pod_actions(p, SEC(4), &a);
	ck_assert_int_eq(a.n_start_init, 0);
	ck_assert_int_eq(a.n_start, 0);
	ck_assert_int_eq(p->ctrs[1].n_inst, 0);
	sim_advance(h.st, SEC(20));
	probe_result r;
	ck_assert(prober_result(&p->ctrs[0], PROBE_STARTUP, inst(p, 0, 0)->id, &r));
	ck_assert_int_eq(r, RESULT_SUCCESS);
	ck_assert_int_eq(p->ctrs[1].n_inst, 1);
	/* ready at uptime 5 s, seen by the next 1 s probe tick */
	ck_assert_int_ge(inst(p, 1, 0)->created, inst(p, 0, 0)->started + SEC(5));
	ck_assert_int_le(inst(p, 1, 0)->created, inst(p, 0, 0)->started + SEC(6) + MSEC(20));
	ck_assert_int_gt(inst(p, 2, 0)->created, inst(p, 1, 0)->finished);
	ck_assert_int_eq(p->ctrs[0].n_inst, 1);
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

static const char sidecar_crash_init[] = POD("p", "Always")
	"  initContainers:\n"
	"  - {name: sc, image: 'app:1', restartPolicy: Always, command: [sh, -c, 'sleep 1; exit 1']}\n"
	CTR("i1", "sleep 5")
	"  containers:\n" CTR("app", "sleep 3600") SIM_TAIL;

/* The walk goes from the last init container: when i1 completes while the
 * sidecar sits in its backoff, the app starts anyway and the sidecar's
 * restart is asked for in the same sync (a forward walk would stop at the
 * sidecar and leave the pod initializing). */
START_TEST(test_sidecar_crash_while_initializing)
{
	harness h;
	h_start(&h, sidecar_crash_init);
	sim_advance(h.st, SEC(15));
	kpod *p = harness_pod(&h, "p");
	container_instance *i1 = inst(p, 1, 0);
	ck_assert_int_eq(p->ctrs[0].n_inst, 2);
	ck_assert_int_lt(inst(p, 0, 1)->finished, i1->finished);
	pod_actions a;
	kuberuntime_compute_pod_actions(p, i1->finished, &a);
	ck_assert_int_eq(a.n_start_init, 1);
	ck_assert_ptr_eq(a.start_init[0], &p->ctrs[0]);
	ck_assert_int_eq(a.n_start, 1);
	ck_assert_ptr_eq(a.start[0], &p->ctrs[2]);
	/* the sidecar's restart was refused (10 s backoff), the app started */
	ck_assert_int_gt(inst(p, 2, 0)->created, i1->finished);
	ck_assert_int_le(inst(p, 2, 0)->created, i1->finished + SEC(1));
	ck_assert_int_ge(count_events(&h, p, "BackOff", NULL), 1);
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

static const char sidecar_never[] = POD("p", "Never")
	"  initContainers:\n"
	"  - {name: sc, image: 'app:1', restartPolicy: Always, command: [sh, -c, 'sleep 3; exit 1']}\n"
	"  containers:\n" CTR("app", "sleep 40") SIM_TAIL;

/* A sidecar is restarted although the pod's restartPolicy is Never, and
 * the container backoff applies to it. */
START_TEST(test_sidecar_restart_under_never)
{
	harness h;
	h_start(&h, sidecar_never);
	sim_advance(h.st, SEC(35));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_ge(p->ctrs[0].n_inst, 3);
	ck_assert_int_eq(p->ctrs[1].n_inst, 1);
	ck_assert_int_le(inst(p, 0, 1)->created - inst(p, 0, 0)->finished, SEC(1));
	ck_assert_int_ge(inst(p, 0, 2)->created - inst(p, 0, 1)->finished, SEC(10));
	pod_actions a;
	kuberuntime_compute_pod_actions(p, inst(p, 0, 0)->finished, &a);
	ck_assert_int_eq(a.n_start_init, 1);
	ck_assert_ptr_eq(a.start_init[0], &p->ctrs[0]);
	ck_assert_int_eq(a.n_start, 0);
	ck_assert(!a.kill_pod);
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

static const char sidecar_job[] = POD("p", "Never")
	"  initContainers:\n"
	"  - {name: sc, image: 'app:1', restartPolicy: Always, command: [sh, -c, \"" TRAP "\"]}\n"
	"  containers:\n" CTR("app", "sleep 5") SIM_TAIL;

/* Once the regular containers are done the pod is killed and the sidecar
 * is not restarted: sidecars do not keep a pod alive. */
START_TEST(test_sidecar_does_not_keep_pod_alive)
{
	harness h;
	h_start(&h, sidecar_job);
	sim_advance(h.st, SEC(30));
	kpod *p = harness_pod(&h, "p");
	container_instance *app = inst(p, 1, 0);
	ck_assert_int_eq(app->exit_code, 0);
	pod_actions a;
	kuberuntime_compute_pod_actions(p, app->finished, &a);
	ck_assert(a.kill_pod);
	ck_assert_int_eq(a.n_start_init, 0);
	ck_assert_int_eq(a.n_start, 0);
	ck_assert_int_eq(p->ctrs[0].n_inst, 1);
	ck_assert_int_eq(inst(p, 0, 0)->state, INST_EXITED);
	ck_assert_int_gt(inst(p, 0, 0)->finished, app->finished);
	ck_assert_str_eq(p->status.phase, "Succeeded");
	kuberuntime_actions_release(&a);
	harness_end(&h);
}
END_TEST

static const char sidecar_liveness[] = POD("p", "Always")
	"  initContainers:\n"
	"  - name: sc\n    image: 'app:1'\n    restartPolicy: Always\n"
	"    command: [sh, -c, \"" TRAP "\"]\n"
	"    livenessProbe: {exec: {command: [cat, /tmp/none]}, periodSeconds: 2, failureThreshold: 1}\n"
	"  containers:\n" CTR("app", "sleep 3600") SIM_TAIL;

START_TEST(test_sidecar_liveness_kill_message)
{
	harness h;
	h_start(&h, sidecar_liveness);
	sim_advance(h.st, SEC(10));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_ge(p->ctrs[0].n_inst, 2);
	ck_assert_int_eq(p->ctrs[1].n_inst, 1);
	ck_assert_int_ge(count_events(&h, p, "Killing", "Init container sc failed liveness probe"), 1);
	ck_assert_int_eq(count_events(&h, p, "Killing",
				      "Container sc failed liveness probe, will be restarted"),
			 0);
	harness_end(&h);
}
END_TEST

/* ---- termination ---------------------------------------------------------- */

/* Regular containers a (ignores SIGTERM) and b (exits on it) are stopped in
 * parallel; the sidecars wait for both, s2 (declared later) before s1. */
static const char order_yaml[] = POD("p", "Always")
	"  terminationGracePeriodSeconds: 5\n"
	"  initContainers:\n"
	"  - {name: s1, image: 'app:1', restartPolicy: Always, command: [sh, -c, \"%s\"]}\n"
	"  - {name: s2, image: 'app:1', restartPolicy: Always, command: [sh, -c, \"%s\"]}\n"
	"  containers:\n" CTR("a", "sleep 3600") CTR("b", TRAP) SIM_TAIL
	"actions:\n- {at: 10s, delete: p}\n";

static kpod *run_order(harness *h, const char *sidecar_script)
{
	char yaml[4096];
	snprintf(yaml, sizeof(yaml), order_yaml, sidecar_script, sidecar_script);
	h_start(h, yaml);
	sim_advance(h->st, SEC(30));
	return harness_pod(h, "p");
}

START_TEST(test_termination_order)
{
	harness h;
	kpod *p = run_order(&h, TRAP);
	container_instance *s1 = inst(p, 0, 0), *s2 = inst(p, 1, 0), *a = inst(p, 2, 0),
			   *b = inst(p, 3, 0);
	simtime_t t0 = b->finished; /* b exits on SIGTERM: the kill's instant */
	ck_assert_int_ge(t0, SEC(10));
	ck_assert_int_le(t0, SEC(11));
	ck_assert_int_eq(b->exit_code, 0);
	ck_assert_int_eq(a->finished, t0 + SEC(5));
	ck_assert_int_eq(a->exit_code, 137);
	ck_assert_int_eq(s2->finished, a->finished);
	ck_assert_int_eq(s1->finished, s2->finished);
	ck_assert_int_eq(s1->exit_code, 0);
	ck_assert_int_eq(count_events(&h, p, "Killing", NULL), 4);
	ck_assert_int_eq(p->life, POD_GONE);
	harness_end(&h);
}
END_TEST

/* Sidecars that ignore SIGTERM: s2's turn comes when a is killed (5 s
 * waited, nothing left: 2 s floor); s1's wait for s2 is bounded by its own
 * grace, so both get SIGKILL at t0 + 7 s. */
START_TEST(test_termination_order_bounded_by_grace)
{
	harness h;
	kpod *p = run_order(&h, "sleep 3600");
	container_instance *s1 = inst(p, 0, 0), *s2 = inst(p, 1, 0), *a = inst(p, 2, 0),
			   *b = inst(p, 3, 0);
	simtime_t t0 = b->finished;
	ck_assert_int_eq(a->finished, t0 + SEC(5));
	ck_assert_int_eq(s2->finished, t0 + SEC(7));
	ck_assert_int_eq(s1->finished, t0 + SEC(7));
	ck_assert_int_eq(s1->exit_code, 137);
	ck_assert_int_eq(s2->exit_code, 137);
	harness_end(&h);
}
END_TEST

/* preStop: the whole seconds it took are subtracted (3.5 s -> 3 s), and
 * the stop window is at least 2 s even when the hook used the whole grace. */
static const char prestop_yaml[] = POD("p", "Always")
	"  terminationGracePeriodSeconds: 10\n"
	"  containers:\n" CTR("ref", TRAP)
	"  - name: exec-hook\n    image: 'app:1'\n    command: [sh, -c, 'sleep 3600']\n"
	"    lifecycle: {preStop: {exec: {command: [sh, -c, 'sleep 3.5']}}}\n"
	"  - name: long-hook\n    image: 'app:1'\n    command: [sh, -c, 'sleep 3600']\n"
	"    lifecycle: {preStop: {sleep: {seconds: 15}}}\n"
	"  - name: failing-hook\n    image: 'app:1'\n    command: [sh, -c, \"" TRAP "\"]\n"
	"    lifecycle: {preStop: {exec: {command: [sh, -c, 'exit 3']}}}\n"
	SIM_TAIL "actions:\n- {at: 10s, delete: p}\n";

START_TEST(test_prestop_whole_seconds_and_floor)
{
	harness h;
	h_start(&h, prestop_yaml);
	sim_advance(h.st, SEC(40));
	kpod *p = harness_pod(&h, "p");
	simtime_t t0 = inst(p, 0, 0)->finished;
	/* SIGTERM after 3.5 s with 10 - 3 = 7 s left, ignored: SIGKILL */
	ck_assert_int_eq(inst(p, 1, 0)->finished, t0 + SEC(10) + MSEC(500));
	ck_assert_int_eq(inst(p, 1, 0)->exit_code, 137);
	/* hook cut at 10 s, then the 2 s floor */
	ck_assert_int_eq(inst(p, 2, 0)->finished, t0 + SEC(12));
	/* a failing hook is reported and the stop goes on */
	ck_assert_int_eq(inst(p, 3, 0)->finished, t0);
	ck_assert_int_eq(count_events(&h, p, "FailedPreStopHook", "PreStopHook failed"), 1);
	harness_end(&h);
}
END_TEST

typedef struct grace_case {
	int64_t deletion, probe, spec;
	simtime_t want;
} grace_case;

static const grace_case grace_cases[] = {
	{-1, -1, 30, SEC(30)}, /* the pod's terminationGracePeriodSeconds */
	{-1, 3, 30, SEC(3)},   /* a probe's own grace for its kill */
	{5, 3, 30, SEC(5)},    /* the deletion grace wins */
	{0, -1, 30, SEC(1)},   /* the pod worker never passes less than 1 s */
};

START_TEST(test_killer_grace)
{
	const grace_case *g = &grace_cases[_i];
	pod_spec spec;
	kpod p;
	memset(&spec, 0, sizeof(spec));
	memset(&p, 0, sizeof(p));
	spec.termination_grace_seconds = g->spec;
	p.spec = &spec;
	p.meta.deletion_grace_period_seconds = g->deletion;
	ck_assert_int_eq(killer_grace(&p, g->probe), g->want);
}
END_TEST

/* The final status (terminal phase) reaches the API before DELETED. */
static const char delete_yaml[] = POD("p", "Always")
	"  containers:\n" CTR("c", TRAP) SIM_TAIL "actions:\n- {at: 10s, delete: p}\n";

START_TEST(test_delete_terminal_status_first)
{
	harness h;
	h_start(&h, delete_yaml);
	sim_advance(h.st, SEC(20));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_eq(p->life, POD_GONE);
	ck_assert_str_eq(p->status.phase, "Succeeded");
	ck_assert_ptr_null(apiserver_pod_get(sim_node(h.st)->w->api, "default", "p"));
	fflush(h.f);
	/* ... Terminating, then Completed twice: MODIFIED and DELETED */
	const char *term = strstr(h.out, "Terminating");
	ck_assert_ptr_nonnull(term);
	const char *done = strstr(term, "0/1     Completed");
	ck_assert_ptr_nonnull(done);
	ck_assert_ptr_nonnull(strstr(done + 1, "0/1     Completed"));
	harness_end(&h);
}
END_TEST

static const char deadline_yaml[] = POD("p", "Always")
	"  activeDeadlineSeconds: 20\n  terminationGracePeriodSeconds: 5\n"
	"  containers:\n" CTR("c", "sleep 3600") SIM_TAIL;

START_TEST(test_active_deadline)
{
	harness h;
	h_start(&h, deadline_yaml);
	sim_advance(h.st, SEC(60));
	kpod *p = harness_pod(&h, "p");
	ck_assert_str_eq(p->status.phase, "Failed");
	ck_assert_str_eq(p->status.reason, "DeadlineExceeded");
	/* seen at the first 1 s tick past startTime + 20 s, killed 5 s later */
	simtime_t kill = inst(p, 0, 0)->finished - SEC(5);
	ck_assert_int_ge(kill, p->start_time + SEC(20));
	ck_assert_int_le(kill, p->start_time + SEC(21));
	ck_assert_int_eq(inst(p, 0, 0)->exit_code, 137);
	/* recorded at every status generation once past the deadline */
	ck_assert_int_eq(count_events(&h, p, "DeadlineExceeded", NULL), 3);
	harness_end(&h);
}
END_TEST

/* postStart: an exec hook exiting non-zero fails the start and kills the
 * container (2 s grace: the shell ignores SIGTERM); the first restart is
 * free and fails the same way.  An HTTP hook answered with 500 does not
 * fail: only a failed request does. */
static const char poststart_yaml[] = POD("p", "Always")
	"  terminationGracePeriodSeconds: 2\n"
	"  containers:\n"
	"  - name: bad\n    image: 'app:1'\n    command: [sh, -c, 'sleep 3600']\n"
	"    lifecycle: {postStart: {exec: {command: [sh, -c, 'exit 1']}}}\n"
	"  - name: web\n    image: 'app:1'\n"
	"    lifecycle: {postStart: {httpGet: {path: /hook, port: 8080}}}\n"
	SIM_TAIL "behaviors:\n- {pod: p, container: web, endpoints: [{port: 8080, http: /hook,"
	" responses: [{after: 0s, status: 500}]}]}\n";

START_TEST(test_post_start_failure)
{
	harness h;
	h_start(&h, poststart_yaml);
	sim_advance(h.st, SEC(6));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_eq(p->ctrs[0].n_inst, 2);
	for (int k = 0; k < 2; k++) {
		container_instance *bad = inst(p, 0, k);
		ck_assert_int_eq(bad->exit_code, 137);
		ck_assert_int_eq(bad->finished, bad->started + SEC(2));
	}
	ck_assert_int_eq(count_events(&h, p, "FailedPostStartHook", "PostStartHook failed"), 2);
	ck_assert_int_eq(count_events(&h, p, "Killing", "FailedPostStartHook"), 2);
	ck_assert_int_eq(p->ctrs[1].n_inst, 1);
	ck_assert_int_eq(inst(p, 1, 0)->state, INST_RUNNING);
	ck_assert_str_eq(p->ctrs[1].start_err, "");
	harness_end(&h);
}
END_TEST

/* ---- many containers -------------------------------------------------------- */

/* A pod of n containers named c0..c<n-1> running script, each with
 * livenessProbe probe (a flow mapping) if probe is not NULL. */
static char *many_pod(int n, const char *script, const char *probe)
{
	size_t cap = 256 + (size_t)n * (160 + (probe ? strlen(probe) : 0)), len;
	char *y = malloc(cap);
	ck_assert_ptr_nonnull(y);
	len = (size_t)snprintf(y, cap, POD("p", "Always") "  containers:\n");
	for (int k = 0; k < n; k++) {
		len += (size_t)snprintf(y + len, cap - len,
					"  - {name: c%d, image: 'app:1', command: [sh, -c, \"%s\"]%s%s}\n",
					k, script, probe ? ", livenessProbe: " : "", probe ? probe : "");
		ck_assert_uint_lt(len, cap);
	}
	snprintf(y + len, cap - len, "%s", SIM_TAIL);
	return y;
}

/* The API server puts no bound of 64 on a pod's containers, and the
 * kubelet's podActions lists (kuberuntime_manager.go, ContainersToStart and
 * ContainersToKill) are slices as long as the pod needs: 200 containers
 * that all crash are all restarted by one SyncPod.  (Issue 8.2: fixed
 * arrays of 64 overflowed.) */
START_TEST(test_200_containers_restart_in_one_sync)
{
	harness h;
	char *y = many_pod(200, "sleep 1; exit 1", NULL);
	h_start(&h, y);
	sim_advance(h.st, SEC(30));
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_eq(p->n_ctrs, 200);
	pod_actions a;
	/* the first sync, before the sandbox: it starts every container */
	kuberuntime_compute_pod_actions(p, p->sandbox_created - 1, &a);
	ck_assert(a.create_sandbox);
	ck_assert_int_eq(a.n_start, 200);
	for (int k = 0; k < 200; k++)
		ck_assert_ptr_eq(a.start[k], &p->ctrs[k]);
	kuberuntime_actions_release(&a);
	for (int k = 0; k < p->n_ctrs; k++) {
		ck_assert_int_ge(p->ctrs[k].n_inst, 2);
		ck_assert_int_eq(inst(p, k, 0)->exit_code, 1);
	}
	harness_end(&h);
	free(y);
}
END_TEST

/* ContainersToKill as long as the pod: 200 containers failing liveness at
 * the same tick are all killed (SIGTERM, which the trap turns into exit 0)
 * and restarted.  Events are not counted: the recorder's spam filter
 * (25 per object) drops most of them, as client-go does. */
START_TEST(test_200_containers_liveness_kills)
{
	harness h;
	char *y = many_pod(200, TRAP,
			   "{exec: {command: [cat, /tmp/none]}, periodSeconds: 2, failureThreshold: 1}");
	h_start(&h, y);
	sim_advance(h.st, SEC(20));
	kpod *p = harness_pod(&h, "p");
	for (int k = 0; k < p->n_ctrs; k++) {
		ck_assert_int_ge(p->ctrs[k].n_inst, 2);
		ck_assert_int_eq(inst(p, k, 0)->state, INST_EXITED);
		ck_assert_int_eq(inst(p, k, 0)->exit_code, 0);
	}
	harness_end(&h);
	free(y);
}
END_TEST

Suite *lifecycle_suite(void)
{
	Suite *s = suite_create("lifecycle");
	TCase *tc = tcase_create("init");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_purged_init_keeps_terminated_status);
	tcase_add_test(tc, test_init_sequencing);
	tcase_add_test(tc, test_init_failed_never_kills_pod);
	tcase_add_test(tc, test_init_failed_always_backoff);
	tcase_add_test(tc, test_completed_init_not_rerun);
	tcase_add_test(tc, test_init_rerun_after_sandbox);
	suite_add_tcase(s, tc);
	tc = tcase_create("sidecar");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sidecar_startup_gates);
	tcase_add_test(tc, test_sidecar_crash_while_initializing);
	tcase_add_test(tc, test_sidecar_restart_under_never);
	tcase_add_test(tc, test_sidecar_does_not_keep_pod_alive);
	tcase_add_test(tc, test_sidecar_liveness_kill_message);
	suite_add_tcase(s, tc);
	tc = tcase_create("termination");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_termination_order);
	tcase_add_test(tc, test_termination_order_bounded_by_grace);
	tcase_add_test(tc, test_prestop_whole_seconds_and_floor);
	tcase_add_loop_test(tc, test_killer_grace, 0, sizeof(grace_cases) / sizeof(grace_cases[0]));
	tcase_add_test(tc, test_delete_terminal_status_first);
	tcase_add_test(tc, test_active_deadline);
	tcase_add_test(tc, test_post_start_failure);
	suite_add_tcase(s, tc);
	tc = tcase_create("many");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_200_containers_restart_in_one_sync);
	tcase_add_test(tc, test_200_containers_liveness_kills);
	suite_add_tcase(s, tc);
	return s;
}
