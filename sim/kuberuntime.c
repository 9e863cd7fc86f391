/* kuberuntime.c - what one SyncPod decides: computePodActions and doBackOff.
 *
 * Mirrors kuberuntime_manager.go computePodActions / doBackOff and
 * kuberuntime_container.go computeInitContainerActions (kubelet-semantics.md
 * sections 2.3, 2.4, 5).  Every decision is taken against the runtime as
 * the pod cache saw it (the snapshot at snap), never against the live
 * runtime: that is why a container killed for liveness is still "running"
 * when its restart is checked, and the backoff looks at the instance that
 * exited before it (section 2.4, Case B).
 *
 * Init containers: one regular init container at a time, in order; a
 * sidecar (restartable init container) counts as initialized once running
 * and started; once any regular container exists initialization is over
 * for good, and only sidecars are still restarted.  A failed init container
 * under restartPolicy Never kills the pod.
 */
#include "kuberuntime.h"

#include <stdio.h>
#include <string.h>

#include "prober.h"
#include "runtime.h"
#include "status.h"

const char *kuberuntime_field_path(const kctr *c, char *buf, size_t len)
{
	snprintf(buf, len, "spec.%s{%s}", c->spec->is_init ? "initContainers" : "containers",
		 c->spec->name);
	return buf;
}

static container_instance *newest_live(const kctr *c, simtime_t snap)
{
	container_instance *i = runtime_newest_at(c, snap, NULL);
	return i && i->index >= c->first_live ? i : NULL;
}

static snap_state state_of(const kctr *c, simtime_t snap)
{
	container_instance *i = newest_live(c, snap);
	return i ? runtime_state_at(i, snap) : SNAP_NONE;
}

/* The probe result for the instance running in the snapshot. */
static bool probe_failed(const kctr *c, probe_type t, simtime_t snap)
{
	container_instance *i = newest_live(c, snap);
	probe_result r;
	return i && c->workers[t] && prober_result(c, t, i->id, &r) && r == RESULT_FAILURE;
}

static void add_kill(pod_actions *a, kctr *c, probe_type why, bool restart)
{
	assert(a->n_kill < MAX_ACTIONS);
	const char *what = why == PROBE_LIVENESS ? "liveness" : "startup";
	snprintf(a->kill_msg[a->n_kill], API_MSG_LEN, "Container %s failed %s probe%s", c->spec->name,
		 what, restart ? ", will be restarted" : "");
	a->kill_probe[a->n_kill] = why;
	a->kill[a->n_kill++] = c;
}

/* A running container failing liveness or startup is killed (and restarted). */
static bool check_running(kpod *p, kctr *c, simtime_t snap, pod_actions *a)
{
	bool restart = c->spec->restartable || p->spec->restart_policy != RESTART_NEVER;
	for (probe_type t = PROBE_LIVENESS; t <= PROBE_STARTUP; t += 2) {
		if (!probe_failed(c, t, snap))
			continue;
		add_kill(a, c, t, restart);
		if (restart) {
			if (c->spec->is_init)
				a->start_init[a->n_start_init++] = c;
			else
				a->start[a->n_start++] = c;
		}
		return false;
	}
	return true;
}

/* hasAnyRegularContainerCreated: a regular container created or running. */
static bool any_regular_created(const kpod *p, simtime_t snap)
{
	for (int k = p->n_init; k < p->n_ctrs; k++) {
		snap_state st = state_of(&p->ctrs[k], snap);
		if (st == SNAP_CREATED || st == SNAP_RUNNING)
			return true;
	}
	return false;
}

/* Sidecars already initialized stay managed: restart if not running. */
static void manage_sidecars(kpod *p, simtime_t snap, pod_actions *a)
{
	for (int k = 0; k < p->n_init; k++) {
		kctr *c = &p->ctrs[k];
		if (!c->spec->restartable)
			continue;
		if (state_of(c, snap) == SNAP_RUNNING)
			check_running(p, c, snap, a);
		else
			a->start_init[a->n_start_init++] = c;
	}
}

static bool sidecar_started(const kctr *c, simtime_t snap)
{
	if (!c->workers[PROBE_STARTUP])
		return true;
	container_instance *i = newest_live(c, snap);
	probe_result r;
	return i && prober_result(c, PROBE_STARTUP, i->id, &r) && r == RESULT_SUCCESS;
}

/* computeInitContainerActions; true when initialization is complete. */
static bool init_actions(kpod *p, simtime_t snap, pod_actions *a)
{
	if (any_regular_created(p, snap)) {
		manage_sidecars(p, snap, a);
		return true;
	}
	for (int k = 0; k < p->n_init; k++) {
		kctr *c = &p->ctrs[k];
		container_instance *i = newest_live(c, snap);
		snap_state st = i ? runtime_state_at(i, snap) : SNAP_NONE;
		if (c->spec->restartable) {
			if (st != SNAP_RUNNING) {
				a->start_init[a->n_start_init++] = c;
				return false;
			}
			if (!check_running(p, c, snap, a) || !sidecar_started(c, snap))
				return false;
			continue;
		}
		if (st == SNAP_NONE || st == SNAP_CREATED) {
			a->start_init[a->n_start_init++] = c;
			return false;
		}
		if (st == SNAP_RUNNING)
			return false;
		if (i->exit_code == 0)
			continue;
		if (p->spec->restart_policy == RESTART_NEVER)
			a->kill_pod = true;
		else
			a->start_init[a->n_start_init++] = c;
		return false;
	}
	return true;
}

static bool sandbox_changed(const kpod *p, simtime_t snap, int *attempt)
{
	*attempt = p->sandbox_attempt;
	if (!p->sandbox_exists || p->sandbox_created > snap)
		return true;
	if (p->sandbox_stopped >= 0 && p->sandbox_stopped <= snap) {
		*attempt = p->sandbox_attempt + 1;
		return true;
	}
	return false;
}

static bool any_container_status(const kpod *p, simtime_t snap)
{
	for (int k = 0; k < p->n_ctrs; k++)
		if (newest_live(&p->ctrs[k], snap))
			return true;
	return false;
}

static void sandbox_actions(kpod *p, simtime_t snap, pod_actions *a)
{
	if (p->spec->restart_policy == RESTART_NEVER && a->sandbox_attempt > 0 &&
	    any_container_status(p, snap)) {
		snprintf(a->story, sizeof(a->story), "sandbox gone and restartPolicy Never: nothing to start");
		return;
	}
	a->create_sandbox = true;
	a->kill_pod = a->sandbox_attempt > 0;
	if (p->n_init) {
		a->start_init[a->n_start_init++] = &p->ctrs[0];
		return;
	}
	for (int k = p->n_init; k < p->n_ctrs; k++)
		if (status_should_restart(p, &p->ctrs[k], snap))
			a->start[a->n_start++] = &p->ctrs[k];
}

void kuberuntime_compute_pod_actions(kpod *p, simtime_t snap, pod_actions *a)
{
	memset(a, 0, sizeof(*a));
	if (sandbox_changed(p, snap, &a->sandbox_attempt)) {
		sandbox_actions(p, snap, a);
		return;
	}
	if (!init_actions(p, snap, a))
		return;
	int keep = 0;
	for (int k = p->n_init; k < p->n_ctrs; k++) {
		kctr *c = &p->ctrs[k];
		if (state_of(c, snap) != SNAP_RUNNING) {
			if (status_should_restart(p, c, snap))
				a->start[a->n_start++] = c;
			continue;
		}
		keep += check_running(p, c, snap, a);
	}
	if (keep == 0 && a->n_start == 0)
		a->kill_pod = true;
}

bool kuberuntime_do_backoff(kctr *c, simtime_t snap, simtime_t now, char *msg, size_t len,
			    simtime_t *until, char *story, size_t story_len)
{
	container_instance *exited = NULL;
	for (int k = c->n_inst - 1; k >= c->first_live; k--)
		if (runtime_state_at(c->inst[k], snap) == SNAP_EXITED) {
			exited = c->inst[k];
			break;
		}
	node *n = c->p->n;
	if (!exited) {
		snprintf(story, story_len, "no exited instance of %s: restart not subject to backoff",
			 c->spec->name);
		return false;
	}
	simtime_t f = exited->finished;
	simtime_t cur = backoff_get(n->crash_backoff, c->backoff_key);
	if (backoff_in_backoff_since(n->crash_backoff, c->backoff_key, f, now)) {
		char b[32];
		duration_format(cur, b, sizeof(b));
		snprintf(msg, len, "back-off %s restarting failed container=%s pod=%s_%s(%s)", b,
			 c->spec->name, c->p->meta.name, c->p->meta.namespace, c->p->meta.uid);
		*until = f + cur;
		snprintf(story, story_len,
			 "restart refused: previous exit %.0fs ago < backoff %s; not before %.0fs",
			 (double)(now - f) / 1e9, b, (double)(f + cur) / 1e9);
		char fp[128];
		recorder_eventf(n->w->rec, now, &c->p->meta, kuberuntime_field_path(c, fp, sizeof(fp)),
				"Warning", "BackOff",
				"Back-off restarting failed container %s in pod %s_%s(%s)", c->spec->name,
				c->p->meta.name, c->p->meta.namespace, c->p->meta.uid);
		return true;
	}
	backoff_next(n->crash_backoff, c->backoff_key, f, now);
	char b[32], nb[32];
	duration_format(cur, b, sizeof(b));
	duration_format(backoff_get(n->crash_backoff, c->backoff_key), nb, sizeof(nb));
	snprintf(story, story_len, "restart allowed: previous exit %.0fs ago >= backoff %s; backoff now %s",
		 (double)(now - f) / 1e9, cur ? b : "none", nb);
	return false;
}
