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
 * Init containers (computeInitContainerActions, section 5): the walk goes
 * from the last init container to the first, because the last one that has
 * a status tells how far initialization got.  A regular init container that
 * exited 0 lets the next one start (one per sync), a running one is waited
 * for, a failed one is restarted with the container backoff, or kills the
 * pod under restartPolicy Never.  A sidecar (an init container with
 * restartPolicy Always) lets the next one start once it runs and its startup
 * probe, if any, stored Success; sidecars are restarted whenever they are
 * not running, whatever the pod's restartPolicy.  A created or running
 * regular container means initialization is over for good: only sidecars
 * are managed from then on.  Exited regular containers do not count, so a
 * new sandbox (every container exited) initializes again from index 0 after
 * the old init instances were purged.
 *
 * The alternative, a forward walk stopping at the first unfinished init
 * container, gives the same answer while nothing is restarted, but not when
 * a sidecar crashes while a later init container runs: the kubelet restarts
 * the sidecar *and* keeps initializing.
 */
#include "kuberuntime.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prober.h"
#include "runtime.h"
#include "status.h"

const char *kuberuntime_field_path(const kctr *c, char *buf, size_t len)
{
	const char *parts[] = {c->spec->is_init ? "spec.initContainers{" : "spec.containers{",
			       c->spec->name, "}"};
	return util_concat(buf, len, parts, 3);
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

static void push_init(pod_actions *a, kctr *c)
{
	assert(a->n_start_init < a->cap);
	a->start_init[a->n_start_init++] = c;
}

static void push_start(pod_actions *a, kctr *c)
{
	assert(a->n_start < a->cap);
	a->start[a->n_start++] = c;
}

/* A probe kill.  Regular containers say whether they will be restarted;
 * sidecars are always restarted and their message says "Init container". */
static void add_kill(pod_actions *a, kctr *c, probe_type why, bool restart)
{
	assert(a->n_kill < a->cap);
	a->kill_changed[a->n_kill] = false;
	a->kill_probe[a->n_kill] = why;
	a->kill_restart[a->n_kill] = restart;
	a->kill[a->n_kill++] = c;
}

void kuberuntime_kill_message(const pod_actions *a, int k, char *buf, size_t len)
{
	const container_spec *c = a->kill[k]->spec;
	const char *what = a->kill_probe[k] == PROBE_LIVENESS ? "liveness" : "startup";
	if (a->kill_changed[k])
		snprintf(buf, len, "Container %s definition changed, will be restarted", c->name);
	else if (c->is_init)
		snprintf(buf, len, "Init container %s failed %s probe", c->name, what);
	else
		snprintf(buf, len, "Container %s failed %s probe%s", c->name, what,
			 a->kill_restart[k] ? ", will be restarted" : "");
}

/* computePodActions: a running container whose spec hash differs from the
 * one it was created with (containerChanged; only the image can change) is
 * killed and restarted "regardless of the restart policy because the
 * container spec changed"; the start is in the same sync, so doBackOff sees
 * it running and lets it start. */
static bool changed(kctr *c, simtime_t snap, pod_actions *a)
{
	if (strcmp(newest_live(c, snap)->image, c->spec->image) == 0)
		return false;
	assert(a->n_kill < a->cap);
	a->kill_changed[a->n_kill] = true;
	a->kill_probe[a->n_kill] = PROBE_LIVENESS; /* unused */
	a->kill_restart[a->n_kill] = true;
	a->kill[a->n_kill++] = c;
	push_start(a, c);
	return true;
}

/* A running regular container whose spec changed, or failing liveness or
 * startup, is killed (and restarted unless a probe killed it under
 * restartPolicy Never).  True if it is kept. */
static bool check_running(kpod *p, kctr *c, simtime_t snap, pod_actions *a)
{
	bool restart = p->spec->restart_policy != RESTART_NEVER;
	if (changed(c, snap, a))
		return false;
	for (probe_type t = PROBE_LIVENESS; t <= PROBE_STARTUP; t += 2) {
		if (!probe_failed(c, t, snap))
			continue;
		add_kill(a, c, t, restart);
		if (restart)
			push_start(a, c);
		return false;
	}
	return true;
}

/* Whether a regular container exists in state created or running.  An
 * exited one does not count: after a node reboot every container is exited
 * and the new sandbox must be initialized again. */
static bool regular_created(const kpod *p, simtime_t snap)
{
	for (int k = p->n_init; k < p->n_ctrs; k++) {
		snap_state st = state_of(&p->ctrs[k], snap);
		if (st == SNAP_CREATED || st == SNAP_RUNNING)
			return true;
	}
	return false;
}

/* A running sidecar counts as initialized once its startup probe (if any)
 * stored Success; while there is no result the kubelet waits, and a stored
 * Failure kills and restarts it. */
static bool sidecar_initialized(kctr *c, simtime_t snap, pod_actions *a)
{
	probe_result r;
	if (!c->spec->startup)
		return true;
	if (!prober_result(c, PROBE_STARTUP, newest_live(c, snap)->id, &r))
		return false;
	if (r == RESULT_FAILURE) {
		add_kill(a, c, PROBE_STARTUP, true);
		push_init(a, c);
	}
	return r == RESULT_SUCCESS;
}

typedef struct init_walk {
	bool initialized;   /* podHasInitialized */
	bool seen_later;    /* isPreviouslyInitialized: a later init container has a status */
} init_walk;

/* The decision for init container k, which has a status.  Returns false
 * when the pod must be killed (a failed init container, restartPolicy Never). */
static bool init_one(kpod *p, int k, simtime_t snap, init_walk *w, pod_actions *a)
{
	kctr *c = &p->ctrs[k];
	bool last = k == p->n_init - 1;
	container_instance *i = newest_live(c, snap);
	snap_state st = runtime_state_at(i, snap);
	if (st == SNAP_RUNNING) {
		/* a plain init container runs, or a sidecar is not started: wait */
		if (!c->spec->restartable || !sidecar_initialized(c, snap, a))
			return true;
		if (last)
			w->initialized = true;
		else if (!w->seen_later)
			push_init(a, &p->ctrs[k + 1]);
		if (probe_failed(c, PROBE_LIVENESS, snap)) {
			add_kill(a, c, PROBE_LIVENESS, true);
			push_init(a, c);
		}
	} else if (st != SNAP_EXITED || c->spec->restartable) {
		push_init(a, c); /* created but not running, or a sidecar that exited */
	} else if (i->exit_code != 0 || strcmp(i->reason, "OOMKilled") == 0) {
		if (p->spec->restart_policy == RESTART_NEVER)
			return false;
		push_init(a, c);
	} else if (last) {
		w->initialized = true;
	} else {
		push_init(a, &p->ctrs[k + 1]);
	}
	return true;
}

/* computeInitContainerActions; true when initialization is complete.
 *
 * Walks the init containers from the last to the first, as the kubelet
 * does (completed ones may have been removed from the runtime, so the last
 * one with a status tells how far initialization got): that one decides
 * what starts next; before it, only sidecars are looked at, and restarted
 * whenever they are not running.  Once a regular container was created the
 * pod counts as initialized and regular init containers are never rerun. */
static bool init_actions(kpod *p, simtime_t snap, pod_actions *a)
{
	if (p->n_init == 0)
		return true;
	init_walk w = {.initialized = regular_created(p, snap)};
	w.seen_later = w.initialized;
	for (int k = p->n_init - 1; k >= 0; k--) {
		kctr *c = &p->ctrs[k];
		if (!newest_live(c, snap)) {
			if (w.seen_later && c->spec->restartable)
				push_init(a, c);
			continue;
		}
		if (w.seen_later && !c->spec->restartable)
			continue;
		if (!init_one(p, k, snap, &w, a)) {
			a->kill_pod = true;
			a->n_start_init = 0;
			return false;
		}
		w.seen_later = true;
	}
	if (!w.seen_later)
		push_init(a, &p->ctrs[0]);
	for (int l = 0, r = a->n_start_init - 1; l < r; l++, r--) {
		kctr *t = a->start_init[l];
		a->start_init[l] = a->start_init[r];
		a->start_init[r] = t;
	}
	return w.initialized;
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
		push_init(a, &p->ctrs[0]);
		return;
	}
	for (int k = p->n_init; k < p->n_ctrs; k++)
		if (status_should_restart(p, &p->ctrs[k], snap))
			push_start(a, &p->ctrs[k]);
}

void kuberuntime_actions_empty(pod_actions *a)
{
	a->kill_pod = a->create_sandbox = false;
	a->sandbox_attempt = a->cap = a->n_kill = a->n_start_init = a->n_start = 0;
	a->kill = NULL;
	a->kill_probe = NULL;
	a->kill_restart = NULL;
	a->kill_changed = NULL;
	a->start_init = a->start = NULL;
	a->story[0] = '\0';
}

void kuberuntime_actions_release(pod_actions *a)
{
	free(a->kill); /* the one block of actions_init */
	memset(a, 0, offsetof(pod_actions, story));
	a->story[0] = '\0';
}

/* Empty lists with room for every container of p, all six in one
 * allocation (every sync computes them: five callocs per sync were 2 % of
 * the fleet's instructions). */
static void actions_init(pod_actions *a, const kpod *p)
{
	size_t n = p->n_ctrs > 0 ? (size_t)p->n_ctrs : 1;
	memset(a, 0, offsetof(pod_actions, story));
	a->story[0] = '\0';
	a->cap = (int)n;
	kctr **lists = xcalloc(1, n * (3 * sizeof(kctr *) + sizeof(probe_type) + 2 * sizeof(bool)));
	a->kill = lists;
	a->start_init = lists + n;
	a->start = lists + 2 * n;
	a->kill_probe = (probe_type *)(lists + 3 * n);
	a->kill_restart = (bool *)(a->kill_probe + n);
	a->kill_changed = a->kill_restart + n;
}

void kuberuntime_compute_pod_actions(kpod *p, simtime_t snap, pod_actions *a)
{
	actions_init(a, p);
	if (sandbox_changed(p, snap, &a->sandbox_attempt)) {
		sandbox_actions(p, snap, a);
		return;
	}
	if (!init_actions(p, snap, a) || a->kill_pod)
		return;
	int keep = 0;
	for (int k = p->n_init; k < p->n_ctrs; k++) {
		kctr *c = &p->ctrs[k];
		if (state_of(c, snap) != SNAP_RUNNING) {
			if (status_should_restart(p, c, snap))
				push_start(a, c);
			continue;
		}
		keep += check_running(p, c, snap, a);
	}
	if (keep == 0 && a->n_start == 0) {
		/* nothing left to run: sidecars must not keep the pod alive */
		a->kill_pod = true;
		a->n_start_init = 0;
	}
}

/* The newest instance the snapshot shows as exited, or NULL. */
static container_instance *latest_exited(const kctr *c, simtime_t snap)
{
	for (int k = c->n_inst - 1; k >= 0 && c->inst[k]->index >= c->first_live; k--)
		if (runtime_state_at(c->inst[k], snap) == SNAP_EXITED)
			return c->inst[k];
	return NULL;
}

/* duration_format(d) through the node's small memo: a crash loop refuses
 * its restart with the same few backoff values over and over. */
static const char *backoff_text(node *n, simtime_t d)
{
	size_t slot = (size_t)((uint64_t)d / NSEC_PER_SEC % 8);
	if (!n->backoff_texts[slot].set || n->backoff_texts[slot].d != d) {
		n->backoff_texts[slot].set = true;
		n->backoff_texts[slot].d = d;
		duration_format(d, n->backoff_texts[slot].text, sizeof(n->backoff_texts[slot].text));
	}
	return n->backoff_texts[slot].text;
}

/* doBackOff said no: the BackOff event, the error and (story not NULL, for
 * --explain only) the story. */
static void refuse_start(kctr *c, const container_instance *exited, simtime_t now, char *msg,
			 size_t len, char *story, size_t story_len)
{
	node *n = c->p->n;
	const kpod_meta *m = &c->p->meta;
	simtime_t f = exited->finished, cur = backoff_get(n->crash_backoff, c->backoff_key);
	char fp[128], ev[API_MSG_LEN];
	const char *b = backoff_text(n, cur);
	const char *parts[] = {"back-off ", b, " restarting failed container=", c->spec->name,
			       " pod=", m->name, "_", m->namespace, "(", m->uid, ")"};
	util_concat(msg, len, parts, 11);
	const char *ev_parts[] = {"Back-off restarting failed container ", c->spec->name, " in pod ",
				  m->name, "_", m->namespace, "(", m->uid, ")"};
	recorder_event(n->w->rec, now, m, kuberuntime_field_path(c, fp, sizeof(fp)), "Warning",
		       "BackOff", util_concat(ev, sizeof(ev), ev_parts, 9));
	if (!story)
		return;
	/* Case B: the newest instance was still running in the snapshot (killed
	 * in this sync), so the check used the one before it */
	const container_instance *newest = c->inst[c->n_inst - 1];
	if (newest != exited && newest->state == INST_EXITED)
		snprintf(story, story_len,
			 "restart refused: previous exit %.0fs ago < backoff %s; next check against "
			 "this kill: not before %.0fs",
			 (double)(now - f) / 1e9, b, (double)(newest->finished + cur) / 1e9);
	else
		snprintf(story, story_len, "restart refused: exit %.0fs ago < backoff %s; not before %.0fs",
			 (double)(now - f) / 1e9, b, (double)(f + cur) / 1e9);
}

bool kuberuntime_do_backoff(kctr *c, simtime_t snap, simtime_t now, char *msg, size_t len,
			    simtime_t *until, char *story, size_t story_len)
{
	container_instance *exited = latest_exited(c, snap);
	backoff *bo = c->p->n->crash_backoff;
	if (story)
		story[0] = '\0';
	if (!exited) {
		/* a first start says nothing; a restart in the kill's own sync
		 * is the free restart of Case B */
		if (story && runtime_newest_live(c))
			snprintf(story, story_len,
				 "restart allowed without backoff: the snapshot has no exited instance of %s",
				 c->spec->name);
		return false;
	}
	simtime_t f = exited->finished, cur = backoff_get(bo, c->backoff_key);
	if (backoff_in_backoff_since(bo, c->backoff_key, f, now)) {
		*until = f + cur;
		refuse_start(c, exited, now, msg, len, story, story_len);
		return true;
	}
	backoff_next(bo, c->backoff_key, f, now);
	if (!story)
		return false;
	char b[32], nb[32];
	duration_format(cur, b, sizeof(b));
	duration_format(backoff_get(bo, c->backoff_key), nb, sizeof(nb));
	snprintf(story, story_len, "restart allowed: previous exit %.0fs ago >= backoff %s; backoff now %s",
		 (double)(now - f) / 1e9, cur ? b : "none", nb);
	return false;
}
