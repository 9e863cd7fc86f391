/* check_e2e_node.c - node e2e tests restated as podsim scenarios, seeds 1-20.
 *
 * Lifecycle sleep hooks (scenarios/lifecycle-sleep-hooks.yaml):
 * test/e2e/common/node/lifecycle_hook.go "Lifecycle Sleep Hook" and
 * "Lifecycle sleep action zero value", conformance 1.34, with their bounds:
 * "valid prestop hook using sleep action" (finish - deletion + grace in
 * [50 s, 100 s]), "reduce GracePeriodSeconds during runtime" ([30 s, 50 s]),
 * "ignore terminated container" (finishedAt - startedAt in [0, 10 s]) and
 * "prestop hook using sleep action with zero duration" (gone within 30 s).
 *
 * Fast deletes (scenarios/fast-deletes.yaml): test/e2e/node/pods.go "Pod
 * Container Status", "should never report success for a pending container"
 * and "should never report container start when an init container fails":
 * podStartVerifier.Verify on every watch event and verifyFinal on the last
 * object seen before DELETED.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "apiserver.h"
#include "harness.h"
#include "node.h"

enum { SEEDS = 20 };

/* ---- lifecycle sleep hooks ------------------------------------------------ */

typedef struct hook_seen {
	simtime_t deletion_ts;            /* metadata.deletionTimestamp after the delete */
	simtime_t started, finished;      /* the last terminated state seen */
	simtime_t gone;                   /* DELETED, or -1 */
} hook_seen;

static const char *const hook_pods[] = {"sleep-prestop", "sleep-reduced-grace",
					"sleep-terminated", "sleep-zero"};

static void hook_event(void *ctx, simtime_t now, watch_type t, const api_pod *o, const char *why)
{
	hook_seen *seen = ctx;
	(void)why;
	for (int k = 0; k < 4; k++) {
		if (strcmp(o->name, hook_pods[k]) != 0)
			continue;
		if (t == WATCH_DELETED)
			seen[k].gone = now;
		if (o->deletion_timestamp >= 0 && seen[k].deletion_ts < 0)
			seen[k].deletion_ts = o->deletion_timestamp;
		if (o->status.n_statuses == 1 && o->status.statuses[0].state.kind == STATE_TERMINATED) {
			seen[k].started = o->status.statuses[0].state.started_at;
			seen[k].finished = o->status.statuses[0].state.finished_at;
		}
	}
}

static bool within(simtime_t d, int64_t lo, int64_t hi)
{
	return d >= SEC(lo) && d <= SEC(hi); /* lifecycle_hook.go validDuration */
}

START_TEST(test_sleep_hooks)
{
	harness h;
	hook_seen seen[4];
	for (int k = 0; k < 4; k++)
		seen[k] = (hook_seen){-1, -1, -1, -1};
	char *yaml = harness_read_file("scenarios/lifecycle-sleep-hooks.yaml");
	harness_start(&h, yaml, (uint64_t)_i);
	apiserver_add_sink(sim_apiserver(h.st), (watch_sink){hook_event, NULL, seen});
	sim_advance(h.st, SEC(120));
	simtime_t del = SEC(20);
	/* sleepDuration = finishAt - deletionTS + grace */
	ck_assert_int_eq(seen[0].deletion_ts, del + SEC(100));
	ck_assert(within(seen[0].finished - seen[0].deletion_ts + SEC(100), 50, 100));
	ck_assert_int_eq(seen[1].deletion_ts, del + SEC(30));
	ck_assert(within(seen[1].finished - seen[1].deletion_ts + SEC(30), 30, 50));
	ck_assert_int_ge(seen[2].started, 0);
	ck_assert(within(seen[2].finished - seen[2].started, 0, 10));
	ck_assert_int_ge(seen[3].gone, del);
	ck_assert(within(seen[3].gone - del, 0, 30));
	for (int k = 0; k < 4; k++)
		ck_assert_int_ge(seen[k].gone, 0); /* every pod went away */
	harness_end(&h);
	free(yaml);
}
END_TEST

/* ---- fast deletes ------------------------------------------------------------ */

enum { FAST_PODS = 10 };

/* podStartVerifier's state for one pod; err is its first failure. */
typedef struct verifier {
	char name[API_NAME_LEN];
	bool has_init, has_containers, has_terminated, has_running, has_terminal_phase;
	bool deleted;
	char phase[16];
	char err[160];
} verifier;

static const api_container_status *find(const api_pod *o, const char *name)
{
	for (int k = 0; k < o->status.n_init_statuses; k++)
		if (strcmp(o->status.init_statuses[k].name, name) == 0)
			return &o->status.init_statuses[k];
	for (int k = 0; k < o->status.n_statuses; k++)
		if (strcmp(o->status.statuses[k].name, name) == 0)
			return &o->status.statuses[k];
	return NULL;
}

static void note(verifier *v, const char *what)
{
	if (!v->err[0])
		snprintf(v->err, sizeof(v->err), "pod %s: %s", v->name, what);
}

/* The terminated state's checks of Verify. */
static void check_terminated(verifier *v, const api_container_state *t)
{
	bool killed = t->exit_code == 137 &&
		      (!strcmp(t->reason, "ContainerStatusUnknown") || !strcmp(t->reason, "Error"));
	if (t->exit_code != 1 && !killed)
		note(v, "container unexpected exit code");
	if (t->finished_at >= 0 && t->started_at < 0)
		note(v, "had finish time but not start time");
	if (t->finished_at >= 0 && t->finished_at - t->started_at > SEC(3600))
		note(v, "had very long duration");
}

static void verify(verifier *v, const api_pod *o)
{
	const api_pod_status *s = &o->status;
	if (o->spec->n_init_containers > 0) {
		if (s->n_init_statuses == 0 && v->has_init)
			note(v, "incorrect init containers");
		if (s->n_init_statuses == 0)
			return;
		v->has_init = true;
		if (s->n_init_statuses != 1)
			note(v, "incorrect init containers");
	} else if (s->n_init_statuses != 0) {
		note(v, "incorrect init containers");
	}
	if (s->n_statuses == 0) {
		if (v->has_containers)
			note(v, "incorrect containers");
		return;
	}
	v->has_containers = true;
	if (s->n_statuses != 1)
		note(v, "incorrect containers");
	const api_container_status *b = find(o, "blocked");
	if (b && (b->started == 1 || b->last_state.kind == STATE_TERMINATED ||
		  b->state.kind != STATE_WAITING))
		note(v, "should not have started the blocked container");
	const api_container_status *c = find(o, "fail");
	if (!c)
		return note(v, "no status for container fail");
	if (v->has_terminated && c->state.kind != STATE_TERMINATED)
		note(v, "was terminated and then changed state");
	v->has_running = c->state.kind != STATE_WAITING && c->state.kind != STATE_TERMINATED;
	if (c->state.kind == STATE_TERMINATED) {
		check_terminated(v, &c->state);
		v->has_terminated = true;
	}
	bool terminal = !strcmp(s->phase, "Failed") || !strcmp(s->phase, "Succeeded");
	if (!terminal && v->has_terminal_phase)
		note(v, "was in a terminal phase and then reverted");
	v->has_terminal_phase |= terminal;
	snprintf(v->phase, sizeof(v->phase), "%s", s->phase);
}

static void fast_event(void *ctx, simtime_t now, watch_type t, const api_pod *o, const char *why)
{
	verifier *vs = ctx;
	(void)now;
	(void)why;
	for (int k = 0; k < FAST_PODS; k++) {
		if (strcmp(vs[k].name, o->name) != 0)
			continue;
		if (t == WATCH_DELETED)
			vs[k].deleted = true;
		else
			verify(&vs[k], o);
	}
}

/* verifyFinal on the last object seen (waitCreated: the container had
 * been created when the e2e test deleted the pod, or the delete came first
 * and the pod must still be Pending). */
static void verify_final(verifier *v)
{
	if (!v->has_terminal_phase && v->has_running)
		note(v, "did not reach a terminal phase before being deleted but had running containers");
	else if (!v->has_terminal_phase && strcmp(v->phase, "Pending") != 0)
		note(v, "was not Pending but has no running containers");
	if (v->has_running)
		note(v, "had running or unknown container status before being deleted");
	if (!v->deleted)
		note(v, "never deleted");
}

START_TEST(test_fast_deletes)
{
	harness h;
	verifier vs[FAST_PODS];
	memset(vs, 0, sizeof(vs));
	for (int k = 0; k < FAST_PODS; k++)
		snprintf(vs[k].name, sizeof(vs[k].name), "%sfail-%d", k < 5 ? "" : "init-", k % 5);
	char *yaml = harness_read_file("scenarios/fast-deletes.yaml");
	harness_start(&h, yaml, (uint64_t)_i);
	apiserver_add_sink(sim_apiserver(h.st), (watch_sink){fast_event, NULL, vs});
	sim_advance(h.st, SEC(30));
	for (int k = 0; k < FAST_PODS; k++) {
		verify_final(&vs[k]);
		ck_assert_msg(!vs[k].err[0], "seed %d: %s", _i, vs[k].err);
	}
	harness_end(&h);
	free(yaml);
}
END_TEST

Suite *e2e_node_suite(void)
{
	Suite *s = suite_create("e2e_node");
	TCase *tc = tcase_create("node e2e");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_sleep_hooks, 1, SEEDS + 1);
	tcase_add_loop_test(tc, test_fast_deletes, 1, SEEDS + 1);
	suite_add_tcase(s, tc);
	return s;
}
