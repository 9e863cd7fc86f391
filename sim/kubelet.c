/* kubelet.c - one pod sync, from status generation to the last container start.
 *
 * Mirrors Kubelet.SyncPod and kubeGenericRuntimeManager.SyncPod
 * (kubelet-semantics.md section 0.4): status is generated first, from the
 * pod cache, so it shows the world before this sync acts; then the actions
 * computed by kuberuntime.c run one after the other, each possibly taking
 * virtual time (kills wait for the container to exit, pulls wait for the
 * serial puller, create/start take the runtime's time, postStart blocks).
 * The sync is an explicit state machine driven by engine timers:
 *
 *   VOLUMES -> KILLS -> SANDBOX -> INIT_STARTS -> STARTS -> DONE
 *
 * (VOLUMES waits only in a pod's first sync, for WaitForAttachAndMount;
 * probe workers are created right after it, which fixes their tick phase.)
 *
 * and a container start is its own small machine:
 *
 *   BACKOFF? -> PULL -> CREATE -> START -> POSTSTART [-> HOOK_FAILED] -> next
 *
 * Start outcomes go to the reason cache (an error is shown by the *next*
 * status, section 6.2 rule 5).  A sync with a failed start returns an error
 * (the non-functional suppression of section 3.2), which makes the pod
 * worker requeue it after 10-15 s.
 *
 * Termination (deletion, a terminal phase, activeDeadlineSeconds) goes
 * through SyncTerminatingPod: stop liveness/startup workers, kill every
 * container, stop the sandbox, write the final status, and for a deleted pod
 * let the status manager delete the API object.
 */
#include "kubelet.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "images.h"
#include "killer.h"
#include "kuberuntime.h"
#include "nodes.h"
#include "pleg.h"
#include "podworker.h"
#include "prober.h"
#include "runtime.h"
#include "status.h"

typedef enum {
	STEP_VOLUMES, STEP_KILLS, STEP_SANDBOX, STEP_INIT_STARTS, STEP_STARTS, STEP_DONE
} sync_step;
typedef enum {
	CS_BACKOFF, CS_PULL, CS_CREATE, CS_START, CS_POSTSTART, CS_HOOK_FAILED, CS_DONE
} cstart_step;

/* The big buffers come last: a sync zeroes only what precedes them
 * (kubelet_sync_pod), 0.3 KB instead of 3.3 KB per sync. */
typedef struct sync_run {
	kpod *p;
	simtime_t snap;
	sync_step step;
	int idx;
	bool waiting;            /* an async operation is in flight */
	engine_timer timer;
	sync_result result;
	simtime_t backoff_until;
	/* the container start in progress */
	kctr *cur;
	container_instance *inst;
	cstart_step cstep;
	simtime_t started;            /* for the story told to the next sync */
	bool acted;                   /* computePodActions asked for something */
	/* emptied at the sync's start (kuberuntime_actions_empty), filled by
	 * step_volumes (computePodActions); a terminating sync only releases it */
	pod_actions a;
	char story[API_MSG_LEN * 2];
	char trigger[API_MSG_LEN];
} sync_run;

static void advance(sync_run *r);

static world *W(const kpod *p)
{
	return p->n->w;
}

static simtime_t now_of(const kpod *p)
{
	return engine_now(W(p)->eng);
}

static void story_add(sync_run *r, const char *s)
{
	size_t n = strlen(r->story), cap = sizeof(r->story);
	if (n && n + 2 < cap) {
		memcpy(r->story + n, "; ", 2);
		n += 2;
	}
	size_t len = strlen(s);
	if (len > cap - n - 1)
		len = cap - n - 1;
	memcpy(r->story + n, s, len);
	r->story[n + len] = '\0';
}

static void resume(engine *e, void *ctx)
{
	(void)e;
	sync_run *r = ctx;
	r->waiting = false;
	advance(r);
}

/* Continue after d of virtual time (a hook that never returns - `sleep
 * infinity` - blocks the pod worker for good, as in the kubelet). */
static void wait_for(sync_run *r, simtime_t d)
{
	simtime_t now = now_of(r->p);
	r->waiting = true;
	engine_schedule(W(r->p)->eng, &r->timer, d > SIMTIME_NEVER - now ? SIMTIME_NEVER : now + d);
}

/* Completion of a runtime/puller/killer operation: continue from the
 * event loop, not from inside the callback. */
static void async_done(void *ctx)
{
	sync_run *r = ctx;
	r->waiting = true;
	engine_schedule(W(r->p)->eng, &r->timer, now_of(r->p));
}

/* ---- container start ------------------------------------------------------ */

static void start_failed(sync_run *r, const char *err, const char *msg)
{
	kctr *c = r->cur;
	api_strcpy(c->start_err, sizeof(c->start_err), err);
	api_strcpy(c->start_msg, sizeof(c->start_msg), msg);
	r->result = SYNC_ERROR;
	r->cstep = CS_DONE;
}

static void pull_done(void *ctx, const char *err, const char *msg)
{
	sync_run *r = ctx;
	if (err[0]) {
		char fp[128];
		recorder_eventf(W(r->p)->rec, now_of(r->p), &r->p->meta,
				kuberuntime_field_path(r->cur, fp, sizeof(fp)), "Warning", "Failed",
				"Error: %s", err);
		start_failed(r, err, msg);
		char s[API_MSG_LEN];
		snprintf(s, sizeof(s), "image pull for %s failed: %s", r->cur->spec->name, err);
		story_add(r, s);
	}
	async_done(r);
}

static void lifecycle_event(sync_run *r, const char *reason, const char *old_fmt,
			    const char *new_text)
{
	char fp[128];
	int v = W(r->p)->version_minor;
	kuberuntime_field_path(r->cur, fp, sizeof(fp));
	if (v >= 35)
		recorder_event(W(r->p)->rec, now_of(r->p), &r->p->meta, fp, "Normal", reason, new_text);
	else if (v >= 33 && strcmp(reason, "Created") == 0)
		recorder_eventf(W(r->p)->rec, now_of(r->p), &r->p->meta, fp, "Normal", reason,
				"Created container: %s", r->cur->spec->name);
	else
		recorder_eventf(W(r->p)->rec, now_of(r->p), &r->p->meta, fp, "Normal", reason, old_fmt,
				r->cur->spec->name);
}

/* postStart: run the hook against the new process; returns how long the
 * sync stays blocked in it.  An exec hook fails on a non-zero exit; an HTTP
 * hook only when the request fails, whatever the status code
 * (lifecycle/handlers.go runHTTPHandler).  A process that already exited
 * makes an exec or HTTP hook fail at once. */
static simtime_t post_start_hook(sync_run *r, bool *failed)
{
	const handler_spec *h = r->cur->spec->post_start;
	simtime_t lat = 0;
	char out[API_MSG_LEN];
	int code = 0;
	const char *body;
	*failed = false;
	if (h->kind == HANDLER_SLEEP)
		return SEC(h->sleep_seconds);
	if (!r->inst->proc) {
		*failed = h->kind == HANDLER_EXEC || h->kind == HANDLER_HTTP_GET;
		return 0;
	}
	if (h->kind == HANDLER_EXEC)
		*failed = behavior_exec(r->inst->proc, h->exec_argv, h->exec_argc, now_of(r->p), out,
					sizeof(out), &lat) != 0;
	else if (h->kind == HANDLER_HTTP_GET)
		*failed = behavior_http_get(r->inst->proc, h->port, h->path ? h->path : "/",
					    now_of(r->p), &code, &body, &lat) != NET_OK;
	return lat;
}

static void post_start_failed(sync_run *r)
{
	char fp[128];
	kuberuntime_field_path(r->cur, fp, sizeof(fp));
	recorder_eventf(W(r->p)->rec, now_of(r->p), &r->p->meta, fp, "Warning", "FailedPostStartHook",
			"PostStartHook failed");
	start_failed(r, "PostStartHookError", "PostStartHook failed");
	char msg[API_MSG_LEN];
	api_strcpy(msg, sizeof(msg), "FailedPostStartHook");
	r->waiting = true;
	killer_kill_container(r->cur, killer_grace(r->p, -1), msg, async_done, r);
}

/* doBackOff, after the housekeeping GC the kubelet runs every 2 s.  The GC
 * is applied here, at the last 2 s boundary counted from time 0, instead of
 * simulating the housekeeping ticker: only doBackOff observes its effect.
 * The real ticker's phase is arbitrary; podsim fixes it at 0. */
static void start_backoff_check(sync_run *r)
{
	char msg[API_MSG_LEN], story[API_MSG_LEN];
	char *st = W(r->p)->explain ? story : NULL; /* only --explain reads stories */
	simtime_t until = -1, now = now_of(r->p);
	backoff_gc(r->p->n->crash_backoff, now - now % SEC(2));
	if (kuberuntime_do_backoff(r->cur, r->snap, now, msg, sizeof(msg), &until, st,
				   sizeof(story))) {
		start_failed(r, "CrashLoopBackOff", msg);
		if (r->backoff_until < 0 || until < r->backoff_until)
			r->backoff_until = until;
	} else {
		r->cstep = CS_PULL;
	}
	if (st)
		story_add(r, st);
}

/* StartContainer returned: the reason cache is cleared, postStart runs. */
static void start_process(sync_run *r)
{
	kctr *c = r->cur;
	runtime_start_container(r->inst, now_of(r->p));
	lifecycle_event(r, "Started", "Started container %s", "Container started");
	c->start_err[0] = c->start_msg[0] = '\0';
	r->cstep = CS_DONE;
	if (!c->spec->post_start)
		return;
	bool failed;
	simtime_t lat = post_start_hook(r, &failed);
	if (failed)
		r->cstep = CS_HOOK_FAILED; /* the failure counts once the hook returned */
	if (lat > 0)
		wait_for(r, lat);
}

/* One step of the start machine; returns after scheduling async work. */
static void container_start_step(sync_run *r)
{
	kctr *c = r->cur;
	const kubelet_settings *ks = W(r->p)->ks;
	switch (r->cstep) {
	case CS_BACKOFF:
		start_backoff_check(r);
		return;
	case CS_PULL:
		r->cstep = CS_CREATE;
		r->waiting = true;
		images_ensure(c, now_of(r->p), pull_done, r);
		return;
	case CS_CREATE:
		r->cstep = CS_START;
		wait_for(r, dist_sample(&ks->container_create, c->rng));
		return;
	case CS_START:
		r->inst = runtime_create_container(c, now_of(r->p));
		lifecycle_event(r, "Created", "Created container %s", "Container created");
		r->cstep = CS_POSTSTART;
		wait_for(r, dist_sample(&ks->container_start, c->rng));
		return;
	case CS_POSTSTART:
		start_process(r);
		return;
	case CS_HOOK_FAILED:
		post_start_failed(r);
		return;
	case CS_DONE:
		return;
	}
}

/* Drive the start of the current container until it needs to wait or ends. */
static bool run_container_start(sync_run *r)
{
	while (r->cstep != CS_DONE && !r->waiting)
		container_start_step(r);
	return r->cstep == CS_DONE && !r->waiting;
}

/* ---- the sync machine ------------------------------------------------------ */

static void kill_one_done(void *ctx)
{
	async_done(ctx);
}

static void step_kills(sync_run *r)
{
	kpod *p = r->p;
	if (r->a.kill_pod) {
		r->idx = r->a.n_kill; /* the pod kill covers the individual ones */
		r->a.kill_pod = false;
		r->waiting = true;
		killer_kill_pod(p, killer_grace(p, -1), async_done, r);
		if (!r->a.create_sandbox && r->a.n_start == 0 && r->a.n_start_init == 0) {
			/* KillPod also stops the sandbox */
			p->sandbox_stopped = now_of(p);
			pleg_note_change(p, now_of(p));
		}
		return;
	}
	if (r->idx >= r->a.n_kill) {
		r->step = STEP_SANDBOX;
		r->idx = 0;
		return;
	}
	int k = r->idx++;
	kctr *c = r->a.kill[k];
	const probe_spec *ps = r->a.kill_changed[k]		      ? NULL
			       : r->a.kill_probe[k] == PROBE_LIVENESS ? c->spec->liveness
								      : c->spec->startup;
	char s[API_MSG_LEN * 2], msg[API_MSG_LEN];
	kuberuntime_kill_message(&r->a, k, msg, sizeof(msg));
	if (r->a.kill_changed[k])
		snprintf(s, sizeof(s), "%s: its spec hash changed (image %s)", c->spec->name,
			 c->spec->image);
	else
		prober_failure_story(c, r->a.kill_probe[k], s, sizeof(s));
	story_add(r, s);
	story_add(r, "killed, then restarted in the same sync if allowed");
	r->waiting = true;
	killer_kill_container(c, killer_grace(p, ps ? ps->termination_grace_seconds : -1),
			      msg, kill_one_done, r);
}

static void purge_init_containers(kpod *p)
{
	for (int k = 0; k < p->n_init; k++)
		runtime_purge(&p->ctrs[k]);
}

static void step_sandbox(sync_run *r)
{
	kpod *p = r->p;
	r->step = STEP_INIT_STARTS;
	if (!r->a.create_sandbox)
		return;
	if (r->a.sandbox_attempt > 0) {
		recorder_eventf(W(p)->rec, now_of(p), &p->meta, "", "Normal", "SandboxChanged",
				"Pod sandbox changed, it will be killed and re-created.");
		purge_init_containers(p);
	}
	simtime_t d = dist_sample(&W(p)->ks->sandbox_create, p->rng);
	p->sandbox_attempt = r->a.sandbox_attempt;
	p->sandbox_exists = true;
	p->sandbox_created = now_of(p) + d;
	p->sandbox_stopped = -1;
	snprintf(p->pod_ip, sizeof(p->pod_ip), "10.244.1.%d", 2 + p->n->next_ip++ % 250);
	pleg_note_change(p, p->sandbox_created);
	wait_for(r, d);
}

static bool step_starts(sync_run *r, kctr **list, int n, sync_step next)
{
	if (r->cur) {
		if (!run_container_start(r))
			return false;
		r->cur = NULL;
	}
	if (r->idx >= n) {
		r->step = next;
		r->idx = 0;
		return true;
	}
	r->cur = list[r->idx++];
	r->cstep = CS_BACKOFF;
	r->inst = NULL;
	return true;
}

static void finish(sync_run *r)
{
	kpod *p = r->p;
	if (p->why) {
		p->why->patch[0] = '\0';
		if (r->story[0])
			snprintf(p->why->patch, sizeof(p->why->patch), "at %.1fs (%.80s) %.380s",
				 (double)r->started / 1e9, r->trigger, r->story);
	}
	sync_result res = r->result;
	simtime_t until = r->backoff_until;
	p->quiet = !r->acted && res == SYNC_OK && r->step == STEP_DONE;
	p->quiet_gen = p->status_gen;
	p->run = NULL;
	kuberuntime_actions_release(&r->a);
	free(r);
	podworker_sync_done(p, res, until);
}

/* Volumes are mounted: probe workers start (AddPod), actions are computed. */
static void step_volumes(sync_run *r)
{
	kpod *p = r->p;
	if (!p->probes_added) {
		prober_add_pod(p, now_of(p));
		p->probes_added = true;
	}
	kuberuntime_compute_pod_actions(p, r->snap, &r->a);
	const pod_actions *a = &r->a;
	r->acted = a->kill_pod || a->create_sandbox || a->n_kill || a->n_start_init || a->n_start;
	r->step = STEP_KILLS;
}

static void advance(sync_run *r)
{
	while (!r->waiting) {
		switch (r->step) {
		case STEP_VOLUMES:
			step_volumes(r);
			break;
		case STEP_KILLS:
			step_kills(r);
			break;
		case STEP_SANDBOX:
			step_sandbox(r);
			break;
		case STEP_INIT_STARTS:
			step_starts(r, r->a.start_init, r->a.n_start_init, STEP_STARTS);
			break;
		case STEP_STARTS:
			step_starts(r, r->a.start, r->a.n_start, STEP_DONE);
			break;
		case STEP_DONE:
			finish(r);
			return;
		}
	}
}

/* ---- termination ----------------------------------------------------------- */

/* The status manager deletes the API object only once the pod is
 * terminated and its final status went through (status_manager.go syncPod:
 * canBeDeleted after the update), so the watch shows the terminal status
 * before DELETED. */
typedef struct final_delete {
	world_obj obj;
	engine_timer t;
	kpod *p;
} final_delete;

static void final_delete_fire(engine *e, void *ctx)
{
	final_delete *fd = ctx;
	status_delete_pod(fd->p, engine_now(e),
			  "status manager: pod terminated and final status written, delete with grace 0");
	world_free(fd);
}

void kubelet_final_delete(kpod *p, simtime_t at)
{
	assert(p->life == POD_TERMINATED && p->meta.deletion_timestamp >= 0);
	final_delete *fd = world_alloc(W(p), sizeof(*fd), NULL);
	fd->p = p;
	engine_timer_init(&fd->t, final_delete_fire, fd);
	engine_schedule(W(p)->eng, &fd->t, at);
	p->life = POD_GONE;
}

static void check_deadline(kpod *p, simtime_t now);

static void terminated(void *ctx)
{
	sync_run *r = ctx;
	kpod *p = r->p;
	simtime_t now = now_of(p);
	p->sandbox_stopped = now;
	pleg_note_change(p, now);
	api_pod_status s;
	char why[API_MSG_LEN * 2];
	p->terminal = true;
	check_deadline(p, now);
	status_generate(p, now, now, &s);
	explain_termination(p, killer_grace(p, -1), why, sizeof(why));
	status_set(p, &s, now, why);
	prober_remove_pod(p);
	p->life = POD_TERMINATED;
	if (p->meta.deletion_timestamp >= 0)
		kubelet_final_delete(p, p->last_patch_event > now ? p->last_patch_event : now);
	p->run = NULL;
	kuberuntime_actions_release(&r->a);
	free(r);
	podworker_sync_done(p, SYNC_TRANSITION, -1);
}

static void generate_status(sync_run *r, simtime_t now, const char *trigger);

/* SyncTerminatingPod; trigger NULL when this sync already generated status. */
static void sync_terminating(sync_run *r, simtime_t now, const char *trigger)
{
	kpod *p = r->p;
	check_deadline(p, now);
	if (trigger)
		generate_status(r, now, trigger);
	prober_stop_liveness_startup(p);
	r->waiting = true;
	killer_kill_pod(p, killer_grace(p, -1), terminated, r);
}

static bool phase_terminal(const kpod *p)
{
	return strcmp(p->status.phase, "Succeeded") == 0 || strcmp(p->status.phase, "Failed") == 0;
}

/* The active deadline handler (active_deadline.go).  Once the deadline has
 * passed, every status generation asks it whether to evict, and each time
 * it records the DeadlineExceeded event (the recorder counts them).  Before
 * that, the syncTicker looks again at the first tick past startTime +
 * activeDeadlineSeconds. */
static void check_deadline(kpod *p, simtime_t now)
{
	const pod_spec *sp = p->spec;
	if (sp->active_deadline_seconds < 0 || p->start_time < 0)
		return;
	simtime_t due = p->start_time + SEC(sp->active_deadline_seconds);
	if (now < due) {
		if (!engine_timer_armed(&p->deadline_timer))
			engine_schedule(W(p)->eng, &p->deadline_timer, podworker_tick_after(p->n, due));
		return;
	}
	p->deadline_exceeded = true;
	recorder_eventf(W(p)->rec, now, &p->meta, "", "Normal", "DeadlineExceeded",
			"Pod was active on the node longer than the specified deadline");
}

/* Step 1 of SyncPod: status from the pod cache, explained for --explain
 * with what the previous sync decided. */
static void generate_status(sync_run *r, simtime_t now, const char *trigger)
{
	kpod *p = r->p;
	api_pod_status s;
	char why[API_MSG_LEN * 4];
	status_generate(p, r->snap, now, &s);
	why[0] = '\0';
	if (p->why) {
		explain_sync(p, p->has_status ? &p->status : NULL, &s, now, r->snap, trigger,
			     p->why->patch, why, sizeof(why));
		p->why->patch[0] = '\0';
	}
	status_set(p, &s, now, why);
}

/* A resync after a quiet sync with nothing changed since: the status it
 * would generate is the cached one and computePodActions would again ask
 * for nothing, so only its side effects remain (readiness manual triggers,
 * the requeue).  Proven identical to the full sync by check_sim. */
static bool quiet_resync(kpod *p, simtime_t now)
{
	if (!podsim_shortcuts || p->dirty || !p->quiet || p->quiet_gen != p->status_gen ||
	    p->life != POD_ACTIVE || p->deadline_exceeded || !p->has_status)
		return false;
	check_deadline(p, now);
	if (p->deadline_exceeded)
		return false;
	prober_update_pod_status(p, &p->status);
	if (p->why)
		p->why->patch[0] = '\0';
	podworker_sync_done(p, SYNC_OK, -1);
	return true;
}

void kubelet_sync_pod(kpod *p, simtime_t now, const char *why)
{
	assert(!p->run);
	nodes_apply_spec(p);
	if (quiet_resync(p, now))
		return;
	p->dirty = false;
	p->quiet = false;
	sync_run *r = xmalloc(sizeof(*r));
	memset(r, 0, offsetof(sync_run, a));
	kuberuntime_actions_empty(&r->a); /* a terminating sync never computes it */
	r->story[0] = '\0';
	r->p = p;
	r->snap = pleg_cache_time(p->n, now);
	r->backoff_until = -1;
	r->result = SYNC_OK;
	r->started = now;
	api_strcpy(r->trigger, sizeof(r->trigger), why);
	engine_timer_init(&r->timer, resume, r);
	p->run = r;
	if (p->life == POD_TERMINATING || p->deadline_exceeded) {
		sync_terminating(r, now, why);
		return;
	}
	check_deadline(p, now);
	generate_status(r, now, why);
	if (phase_terminal(p)) {
		p->terminal = true;
		sync_terminating(r, now, NULL);
		return;
	}
	if (!p->volumes_mounted) {
		/* WaitForAttachAndMount: the first sync blocks until the pod's
		 * volumes (at least the service-account token) are mounted */
		p->volumes_mounted = true;
		r->step = STEP_VOLUMES;
		wait_for(r, dist_sample(&W(p)->ks->volume_mount, p->rng));
		return;
	}
	r->step = STEP_VOLUMES;
	advance(r);
}

void kubelet_sync_release(kpod *p)
{
	if (!p->run)
		return;
	engine_cancel(W(p)->eng, &p->run->timer);
	kuberuntime_actions_release(&p->run->a);
	free(p->run);
	p->run = NULL;
}
