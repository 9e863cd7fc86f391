/* killer.c - how the kubelet stops containers.
 *
 * Mirrors killContainer, killContainersWithSyncResult and the termination
 * ordering of kuberuntime_termination_order.go (kubelet-semantics.md
 * sections 5.2 rule 7 and 7).  One container kill is a small state machine:
 *
 *   HOOK (preStop, bounded by the grace) -> TURN (sidecars only: wait for
 *   the containers that must stop first) -> STOP (StopContainer) -> done
 *
 * The grace period is the pod's deletion grace if set (at least 1 s, as
 * the pod worker never passes less), else the probe's
 * terminationGracePeriodSeconds for a liveness/startup kill, else the pod's
 * terminationGracePeriodSeconds.  The whole seconds the hook took, then the
 * whole seconds spent waiting for the turn, are subtracted, and the window
 * handed to the runtime is never below 2 s (minimumGracePeriodInSeconds):
 * a floor for the stop, not an extension of the hook.  The runtime sends
 * SIGTERM, and SIGKILL when the window ends.
 *
 * A pod kill starts every running container's kill at once, so every
 * Killing event and every preStop hook happens at the same instant.  A
 * sidecar's turn comes when every regular container and the next
 * later-declared sidecar have exited (containers that were not running when
 * the kill began count as exited), which stops sidecars in reverse
 * declaration order after the app; the wait is bounded by what is left of
 * its grace.  A hook that fails within its time records FailedPreStopHook;
 * like the kubelet, a failure does not shorten the kill.
 */
#include "killer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kuberuntime.h"
#include "runtime.h"

typedef struct pod_kill pod_kill;

typedef enum { KILL_HOOK, KILL_TURN, KILL_STOP } kill_step;

typedef struct kill_op {
	world_obj obj;
	kctr *c;
	container_instance *inst;
	pod_kill *pk;          /* termination ordering of a pod kill, or NULL */
	kill_step step;
	simtime_t grace;       /* what is left of the grace period */
	simtime_t step_start;  /* start of the hook or of the wait */
	simtime_t hook_len;    /* how long the hook takes */
	bool hook_failed;
	engine_timer timer;    /* end of the hook, or of the wait for the turn */
	void (*done)(void *ctx);
	void *ctx;
} kill_op;

struct pod_kill {
	world_obj obj;
	kpod *p;
	bool *gone;         /* per container: exited, or not running at the start */
	kill_op **waiting;  /* per container: a sidecar waiting for its turn */
	int outstanding;
	void (*done)(void *ctx);
	void *ctx;
};

static void pod_kill_stopped(pod_kill *pk, kctr *c);

simtime_t killer_grace(const kpod *p, int64_t probe_grace)
{
	if (p->meta.deletion_grace_period_seconds >= 0)
		return SEC(p->meta.deletion_grace_period_seconds > 0
				   ? p->meta.deletion_grace_period_seconds
				   : 1);
	if (probe_grace >= 0)
		return SEC(probe_grace);
	return SEC(p->spec->termination_grace_seconds);
}

static world *W(const kill_op *op)
{
	return op->c->p->n->w;
}

static simtime_t whole_seconds(simtime_t d)
{
	return d / NSEC_PER_SEC * NSEC_PER_SEC;
}

static void op_stopped(void *ctx)
{
	kill_op *op = ctx;
	pod_kill *pk = op->pk;
	kctr *c = op->c;
	void (*done)(void *) = op->done;
	void *dctx = op->ctx;
	world_free(op);
	if (done)
		done(dctx);
	if (pk)
		pod_kill_stopped(pk, c);
}

static void stop_now(kill_op *op)
{
	op->step = KILL_STOP;
	if (op->grace < SEC(2))
		op->grace = SEC(2);
	runtime_stop_container(op->inst, op->grace, op_stopped, op);
}

static bool turn_ready(const pod_kill *pk, const kctr *c)
{
	const kpod *p = pk->p;
	for (int k = p->n_init; k < p->n_ctrs; k++)
		if (!pk->gone[k])
			return false;
	for (int k = (int)(c - p->ctrs) + 1; k < p->n_init; k++)
		if (p->ctrs[k].spec->restartable)
			return pk->gone[k];
	return true;
}

/* waitForTurn: only sidecars of a pod kill wait, and only with grace left. */
static void after_hook(kill_op *op, simtime_t now)
{
	if (!op->pk || !op->c->spec->restartable || op->grace <= 0 || turn_ready(op->pk, op->c)) {
		stop_now(op);
		return;
	}
	op->step = KILL_TURN;
	op->step_start = now;
	op->pk->waiting[op->c - op->c->p->ctrs] = op;
	engine_schedule(W(op)->eng, &op->timer, now + op->grace);
}

/* The turn came (or the wait timed out): subtract the whole seconds waited. */
static void turn_over(kill_op *op, simtime_t now)
{
	op->pk->waiting[op->c - op->c->p->ctrs] = NULL;
	engine_cancel(W(op)->eng, &op->timer);
	op->grace -= whole_seconds(now - op->step_start);
	stop_now(op);
}

static void timer_fired(engine *e, void *ctx)
{
	kill_op *op = ctx;
	simtime_t now = engine_now(e);
	if (op->step == KILL_TURN) {
		turn_over(op, now);
		return;
	}
	assert(op->step == KILL_HOOK);
	if (op->hook_failed && op->hook_len <= op->grace) {
		char fp[128];
		recorder_eventf(W(op)->rec, now, &op->c->p->meta,
				kuberuntime_field_path(op->c, fp, sizeof(fp)), "Warning",
				"FailedPreStopHook", "PreStopHook failed");
	}
	op->grace -= whole_seconds(now - op->step_start);
	after_hook(op, now);
}

/* Run the preStop hook against the process; sets its length and outcome.
 * An HTTP hook fails only when the request does, whatever the status code
 * (lifecycle/handlers.go runHTTPHandler). */
static void run_pre_stop(kill_op *op, simtime_t now)
{
	const handler_spec *h = op->c->spec->pre_stop;
	char out[API_MSG_LEN];
	int code;
	const char *body;
	op->hook_len = 0;
	op->hook_failed = false;
	switch (h->kind) {
	case HANDLER_EXEC:
		op->hook_failed = behavior_exec(op->inst->proc, h->exec_argv, h->exec_argc, now, out,
						sizeof(out), &op->hook_len) != 0;
		break;
	case HANDLER_HTTP_GET:
		op->hook_failed = behavior_http_get(op->inst->proc, h->port, h->path ? h->path : "/",
						    now, &code, &body, &op->hook_len) != NET_OK;
		break;
	case HANDLER_SLEEP:
		op->hook_len = SEC(h->sleep_seconds);
		break;
	default:
		break;
	}
}

static void kill_start(kctr *c, simtime_t grace, const char *msg, pod_kill *pk,
		       void (*done)(void *ctx), void *ctx)
{
	world *w = c->p->n->w;
	simtime_t now = engine_now(w->eng);
	char fp[128];
	recorder_event(w->rec, now, &c->p->meta, kuberuntime_field_path(c, fp, sizeof(fp)), "Normal",
		       "Killing", msg);
	kill_op *op = world_alloc(w, sizeof(*op), NULL);
	op->c = c;
	op->inst = runtime_newest(c);
	op->pk = pk;
	op->grace = grace;
	op->done = done;
	op->ctx = ctx;
	engine_timer_init(&op->timer, timer_fired, op);
	if (c->spec->pre_stop && grace > 0 && op->inst->state == INST_RUNNING) {
		op->step = KILL_HOOK;
		op->step_start = now;
		run_pre_stop(op, now);
		engine_schedule(w->eng, &op->timer, now + (op->hook_len < grace ? op->hook_len : grace));
		return;
	}
	after_hook(op, now);
}

void killer_kill_container(kctr *c, simtime_t grace, const char *msg, void (*done)(void *ctx),
			   void *ctx)
{
	container_instance *i = runtime_newest(c);
	if (!i || i->state == INST_EXITED) {
		if (done)
			done(ctx);
		return;
	}
	kill_start(c, grace, msg, NULL, done, ctx);
}

/* ---- whole pod ------------------------------------------------------------- */

static void pod_kill_dtor(void *obj)
{
	pod_kill *pk = obj;
	free(pk->gone);
	free(pk->waiting);
}

static void pod_kill_finish(pod_kill *pk)
{
	void (*done)(void *) = pk->done;
	void *ctx = pk->ctx;
	world_free(pk);
	if (done)
		done(ctx);
}

/* A container of the pod exited: wake the sidecars whose turn came. */
static void pod_kill_stopped(pod_kill *pk, kctr *c)
{
	kpod *p = pk->p;
	simtime_t now = engine_now(p->n->w->eng);
	pk->gone[c - p->ctrs] = true;
	for (int k = p->n_init - 1; k >= 0; k--)
		if (pk->waiting[k] && turn_ready(pk, &p->ctrs[k]))
			turn_over(pk->waiting[k], now);
	if (--pk->outstanding == 0)
		pod_kill_finish(pk);
}

static bool running(const kctr *c)
{
	const container_instance *i = runtime_newest(c);
	return i && i->state != INST_EXITED;
}

void killer_kill_pod(kpod *p, simtime_t grace, void (*done)(void *ctx), void *ctx)
{
	pod_kill *pk = world_alloc(p->n->w, sizeof(*pk), pod_kill_dtor);
	pk->p = p;
	pk->gone = xcalloc((size_t)p->n_ctrs, sizeof(bool));
	pk->waiting = xcalloc((size_t)p->n_ctrs, sizeof(kill_op *));
	pk->done = done;
	pk->ctx = ctx;
	pk->outstanding = 1; /* guard while launching */
	for (int k = 0; k < p->n_ctrs; k++)
		pk->gone[k] = !running(&p->ctrs[k]);
	char msg[API_MSG_LEN];
	for (int k = 0; k < p->n_ctrs; k++) {
		kctr *c = &p->ctrs[k];
		if (pk->gone[k])
			continue;
		pk->outstanding++;
		snprintf(msg, sizeof(msg), "Stopping container %s", c->spec->name);
		kill_start(c, grace, msg, pk, NULL, NULL);
	}
	if (--pk->outstanding == 0)
		pod_kill_finish(pk);
}
