/* killer.c - how the kubelet stops containers.
 *
 * Mirrors killContainer and killPodWithSyncResult (kubelet-semantics.md
 * section 7): the grace period is the pod's deletion grace if set, else the
 * probe's terminationGracePeriodSeconds for a liveness/startup kill, else the
 * pod's terminationGracePeriodSeconds.  A preStop hook runs first, bounded by
 * the grace; its whole seconds are subtracted, and the stop window handed to
 * the runtime is never below 2 s (minimumGracePeriodInSeconds).  The runtime
 * then sends SIGTERM and SIGKILL at the end of the window.
 *
 * Pod kills: regular containers are stopped in parallel; sidecars wait for
 * every regular container and every later-declared sidecar to exit (reverse
 * order, section 5.2 step 7), the wait being subtracted from their grace.
 * Simplification: a sidecar's preStop runs when its turn comes rather than
 * before its wait.
 */
#include "killer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kuberuntime.h"
#include "runtime.h"

typedef struct kill_op {
	world_obj obj;
	kctr *c;
	container_instance *inst;
	simtime_t grace;
	simtime_t hook_started;
	engine_timer hook_timer;
	void (*done)(void *ctx);
	void *ctx;
} kill_op;

simtime_t killer_grace(const kpod *p, int64_t probe_grace)
{
	if (p->meta.deletion_grace_period_seconds >= 0)
		return SEC(p->meta.deletion_grace_period_seconds);
	if (probe_grace >= 0)
		return SEC(probe_grace);
	return SEC(p->spec->termination_grace_seconds);
}

static void op_finished(void *ctx)
{
	kill_op *op = ctx;
	void (*done)(void *) = op->done;
	void *dctx = op->ctx;
	world_free(op);
	if (done)
		done(dctx);
}

static void stop_now(kill_op *op, simtime_t now)
{
	simtime_t left = op->grace;
	if (op->hook_started >= 0)
		left -= (now - op->hook_started) / NSEC_PER_SEC * NSEC_PER_SEC;
	if (left < SEC(2))
		left = SEC(2);
	runtime_stop_container(op->inst, left, op_finished, op);
}

static void hook_finished(engine *e, void *ctx)
{
	kill_op *op = ctx;
	stop_now(op, engine_now(e));
}

/* Run the preStop hook; its duration comes from the process's answer. */
static simtime_t run_pre_stop(kill_op *op, simtime_t now)
{
	const handler_spec *h = op->c->spec->pre_stop;
	simtime_t lat = 0;
	char out[API_MSG_LEN];
	int code = 0;
	switch (h->kind) {
	case HANDLER_EXEC:
		behavior_exec(op->inst->proc, h->exec_argv, h->exec_argc, now, out, sizeof(out), &lat);
		break;
	case HANDLER_HTTP_GET: {
		const char *body;
		behavior_http_get(op->inst->proc, h->port, h->path ? h->path : "/", now, &code, &body, &lat);
		break;
	}
	case HANDLER_SLEEP:
		lat = SEC(h->sleep_seconds);
		break;
	default:
		break;
	}
	return lat;
}

void killer_kill_container(kctr *c, simtime_t grace, const char *msg, void (*done)(void *ctx),
			   void *ctx)
{
	world *w = c->p->n->w;
	simtime_t now = engine_now(w->eng);
	container_instance *i = runtime_newest(c);
	if (!i || i->state == INST_EXITED) {
		if (done)
			done(ctx);
		return;
	}
	char fp[128];
	recorder_eventf(w->rec, now, &c->p->meta, kuberuntime_field_path(c, fp, sizeof(fp)), "Normal",
			"Killing", "%s", msg);
	kill_op *op = world_alloc(w, sizeof(*op), NULL);
	op->c = c;
	op->inst = i;
	op->grace = grace;
	op->hook_started = -1;
	op->done = done;
	op->ctx = ctx;
	engine_timer_init(&op->hook_timer, hook_finished, op);
	if (c->spec->pre_stop && grace > 0 && i->state == INST_RUNNING) {
		op->hook_started = now;
		simtime_t lat = run_pre_stop(op, now);
		engine_schedule(w->eng, &op->hook_timer, now + (lat < grace ? lat : grace));
		return;
	}
	stop_now(op, now);
}

/* ---- whole pod ------------------------------------------------------------- */

typedef struct pod_kill {
	world_obj obj;
	kpod *p;
	simtime_t grace, started;
	int outstanding;
	int next_sidecar; /* index of the next sidecar to stop, counting down */
	void (*done)(void *ctx);
	void *ctx;
} pod_kill;

static void kill_next_sidecar(pod_kill *pk);

static void one_stopped(void *ctx)
{
	pod_kill *pk = ctx;
	if (--pk->outstanding > 0)
		return;
	kill_next_sidecar(pk);
}

static void stop_message(const kctr *c, char *buf, size_t len)
{
	snprintf(buf, len, "Stopping container %s", c->spec->name);
}

static void kill_next_sidecar(pod_kill *pk)
{
	kpod *p = pk->p;
	while (pk->next_sidecar >= 0 && !p->ctrs[pk->next_sidecar].spec->restartable)
		pk->next_sidecar--;
	if (pk->next_sidecar < 0) {
		void (*done)(void *) = pk->done;
		void *ctx = pk->ctx;
		world_free(pk);
		if (done)
			done(ctx);
		return;
	}
	kctr *c = &p->ctrs[pk->next_sidecar--];
	simtime_t waited = engine_now(p->n->w->eng) - pk->started;
	simtime_t grace = pk->grace - waited / NSEC_PER_SEC * NSEC_PER_SEC;
	char msg[API_MSG_LEN];
	stop_message(c, msg, sizeof(msg));
	pk->outstanding = 1;
	killer_kill_container(c, grace < SEC(2) ? SEC(2) : grace, msg, one_stopped, pk);
}

void killer_kill_pod(kpod *p, simtime_t grace, void (*done)(void *ctx), void *ctx)
{
	pod_kill *pk = world_alloc(p->n->w, sizeof(*pk), NULL);
	pk->p = p;
	pk->grace = grace;
	pk->started = engine_now(p->n->w->eng);
	pk->next_sidecar = p->n_init - 1;
	pk->done = done;
	pk->ctx = ctx;
	pk->outstanding = 1; /* guard while launching */
	char msg[API_MSG_LEN];
	for (int k = 0; k < p->n_ctrs; k++) {
		kctr *c = &p->ctrs[k];
		if (c->spec->restartable)
			continue;
		container_instance *i = runtime_newest(c);
		if (!i || i->state == INST_EXITED)
			continue;
		pk->outstanding++;
		stop_message(c, msg, sizeof(msg));
		killer_kill_container(c, grace, msg, one_stopped, pk);
	}
	one_stopped(pk);
}
