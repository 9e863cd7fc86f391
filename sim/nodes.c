/* nodes.c - one node's kubelet: setup, pod admission, deletion, sandbox loss.
 *
 * Creates the per-node mechanisms (PLEG clock, syncTicker phase, restart and
 * image backoff objects, image cache) and the kubelet's per-pod state when
 * a pod is admitted (HandlePodAdditions).  Every random phase is drawn from
 * the node's own stream and every per-pod draw from the pod's, so adding a
 * pod leaves the others' traces unchanged.  Backoff parameters follow
 * newCrashLoopBackOff (kubelet-semantics.md section 2.2): 10 s / 300 s, the
 * ReduceDefaultCrashLoopBackOffDecay gate 1 s / 60 s, an optional
 * maxContainerRestartPeriod, and a flat 600 s expiry.
 */
#include "nodes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "images.h"
#include "kubelet.h"
#include "pleg.h"
#include "podworker.h"
#include "prober.h"
#include "runtime.h"
#include "status.h"

static void crash_backoff_params(const world *w, simtime_t *initial, simtime_t *max)
{
	*initial = SEC(10);
	*max = SEC(300);
	if (w->ks->reduce_crashloop_decay) {
		*initial = SEC(1);
		*max = SEC(60);
	}
	if (w->ks->max_container_restart_period > 0) {
		*max = w->ks->max_container_restart_period;
		if (*max < *initial)
			*initial = *max;
	}
}

node *nodes_new(world *w, const char *name)
{
	node *n = xcalloc(1, sizeof(*n));
	n->w = w;
	api_strcpy(n->name, sizeof(n->name), name);
	api_strcpy(n->ip, sizeof(n->ip), "172.18.0.2");
	char stream[API_NAME_LEN + 8];
	snprintf(stream, sizeof(stream), "node/%s", name);
	n->rng = rng_stream_new(w->seed, stream);
	pleg_init(n);
	n->ticker_phase = (simtime_t)(rng_uniform(n->rng) * (double)SEC(1));
	n->kubelet_start = -w->ks->started_before;
	simtime_t initial, max;
	crash_backoff_params(w, &initial, &max);
	n->crash_backoff = backoff_new(initial, max, SEC(600));
	n->image_backoff = backoff_new(SEC(10), SEC(300), SEC(600));
	images_init(n);
	return n;
}

static void free_pod(kpod *p)
{
	kubelet_sync_release(p);
	prober_remove_pod(p);
	podworker_release(p);
	engine *e = p->n->w->eng;
	engine_cancel(e, &p->pleg_timer);
	engine_cancel(e, &p->deadline_timer);
	for (int k = 0; k < p->n_ctrs; k++) {
		runtime_free_container(&p->ctrs[k]);
		behavior_program_free(p->ctrs[k].prog);
		for (int r = 0; r < p->ctrs[k].n_retired; r++)
			behavior_program_free(p->ctrs[k].retired[r]);
		free(p->ctrs[k].retired);
		rng_stream_free(p->ctrs[k].rng);
		free(p->ctrs[k].image_norm);
		free(p->ctrs[k].image_id);
		free(p->ctrs[k].backoff_key);
	}
	runtime_free_volumes(p);
	free(p->meta.seen_status);
	status_release(p);
	rng_stream_free(p->rng);
	free(p->ctrs);
	free(p->why);
	free(p);
}

void nodes_free(node *n)
{
	if (!n)
		return;
	for (int k = 0; k < n->n_pods; k++)
		free_pod(n->pods[k]);
	free(n->pods);
	images_release(n);
	backoff_free(n->crash_backoff);
	backoff_free(n->image_backoff);
	rng_stream_free(n->rng);
	free(n);
}

/* getStableKey: pod name, namespace, uid, container name, spec hash. */
static void backoff_key(kctr *c)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	const char *parts[] = {c->spec->image, c->spec->name};
	for (int k = 0; k < 2; k++)
		for (const char *s = parts[k]; *s; s++)
			h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	c->backoff_key = xasprintf("%s_%s_%s_%s_%08llx", c->p->meta.name, c->p->meta.namespace,
				   c->p->meta.uid, c->spec->name, (unsigned long long)(h & 0xffffffff));
}

/* The process behaviour and backoff key that follow from c->spec. */
static void compile_ctr(kctr *c)
{
	world *w = c->p->n->w;
	const scenario *sc = w->sc;
	c->prog = behavior_compile(c->p->spec, c->spec, sc->settings.behaviors, sc->settings.n_behaviors,
				   sc->catalogue, sc->n_catalogue, &w->warnings, &w->n_warnings);
	behavior_program_set_journal(c->prog, w->journal);
	backoff_key(c);
}

static void init_ctr(kpod *p, kctr *c, const container_spec *spec)
{
	world *w = p->n->w;
	c->p = p;
	c->spec = spec;
	char stream[3 * API_NAME_LEN];
	snprintf(stream, sizeof(stream), "pod/%s/%s/c/%s", p->meta.namespace, p->meta.name, spec->name);
	c->rng = rng_stream_new(w->seed, stream);
	compile_ctr(c);
}

static void deadline_fire(engine *e, void *ctx)
{
	(void)e;
	podworker_update(ctx, "activeDeadlineSeconds passed (syncTicker's active deadline handler)");
}

kpod *nodes_admit_pod(node *n, const api_pod *obj)
{
	world *w = n->w;
	kpod *p = xcalloc(1, sizeof(*p));
	p->n = n;
	p->spec = obj->spec;
	if (w->explain)
		p->why = xcalloc(1, sizeof(*p->why));
	api_strcpy(p->meta.name, sizeof(p->meta.name), obj->name);
	api_strcpy(p->meta.namespace, sizeof(p->meta.namespace), obj->namespace);
	api_strcpy(p->meta.uid, sizeof(p->meta.uid), obj->uid);
	p->meta.deletion_timestamp = obj->deletion_timestamp;
	p->meta.deletion_grace_period_seconds = obj->deletion_grace_period_seconds;
	char stream[3 * API_NAME_LEN];
	snprintf(stream, sizeof(stream), "pod/%s/%s", obj->namespace, obj->name);
	p->rng = rng_stream_new(w->seed, stream);
	p->n_init = obj->spec->n_init_containers;
	p->n_ctrs = p->n_init + obj->spec->n_containers;
	p->ctrs = xcalloc((size_t)p->n_ctrs, sizeof(kctr));
	for (int k = 0; k < p->n_ctrs; k++)
		init_ctr(p, &p->ctrs[k], k < p->n_init ? &obj->spec->init_containers[k]
						    : &obj->spec->containers[k - p->n_init]);
	p->sandbox_created = p->sandbox_stopped = -1;
	p->start_time = -1;
	pleg_pod_init(p);
	engine_timer_init(&p->deadline_timer, deadline_fire, p);
	podworker_init(p);
	XGROW(n->pods, n->n_pods, n->cap_pods);
	n->pods[n->n_pods++] = p;
	simtime_t now = engine_now(w->eng);
	if (obj->spec->active_deadline_seconds >= 0)
		engine_schedule(w->eng, &p->deadline_timer,
				podworker_tick_after(n, now + SEC(obj->spec->active_deadline_seconds)));
	podworker_update(p, "pod added (HandlePodAdditions)");
	return p;
}

/* The status manager's syncBatch(all) tick (syncPeriod 10 s, from the
 * kubelet's start) strictly after now. */
static simtime_t next_status_sync(const node *n, simtime_t now)
{
	simtime_t since = now - n->kubelet_start;
	return now + (SEC(10) - since % SEC(10));
}

/* A deletion seen after the pod terminated (it finished before the delete
 * reached the kubelet): no sync runs any more, but the status manager's
 * syncBatch finds canBeDeleted true for it (needsUpdate,
 * pkg/kubelet/status/status_manager.go) at its next 10 s tick and deletes
 * with grace 0.  Without this the pod stayed Terminating for ever. */
static void deleted_after_termination(kpod *p, const api_pod *obj)
{
	p->meta.deletion_timestamp = obj->deletion_timestamp;
	p->meta.deletion_grace_period_seconds = obj->deletion_grace_period_seconds;
	simtime_t now = engine_now(p->n->w->eng);
	kubelet_final_delete(p, next_status_sync(p->n, now));
}

void nodes_pod_deleted(kpod *p, const api_pod *obj)
{
	if (p->life == POD_TERMINATED && p->meta.deletion_timestamp < 0)
		deleted_after_termination(p, obj);
	if (p->life != POD_ACTIVE)
		return;
	p->meta.deletion_timestamp = obj->deletion_timestamp;
	p->meta.deletion_grace_period_seconds = obj->deletion_grace_period_seconds;
	p->life = POD_TERMINATING;
	prober_wake(p);
	podworker_update(p, "pod deleted (HandlePodUpdates with a deletion timestamp)");
}

void nodes_pod_status_updated(kpod *p, const api_pod *obj)
{
	if (p->life != POD_ACTIVE)
		return;
	if (!p->meta.seen_status)
		p->meta.seen_status = xcalloc(1, sizeof(*p->meta.seen_status));
	api_pod_status_keep_extra(p->meta.seen_status, &obj->status);
	podworker_update(p, "pod updated (HandlePodUpdates: a condition set by another client)");
}

void nodes_pod_spec_updated(kpod *p, const pod_spec *spec)
{
	if (p->life != POD_ACTIVE || p->terminal)
		return; /* a terminating or finished pod starts nothing again */
	p->next_spec = spec;
	p->dirty = true;
	podworker_update(p, "pod updated (HandlePodUpdates: a container's image changed)");
}

/* A container whose image changed gets the new behaviour and, as
 * getStableKey hashes the container spec, a new crash backoff key (an empty
 * backoff).  The old program stays until the pod goes: the instance started
 * from it may still run. */
void nodes_apply_spec(kpod *p)
{
	const pod_spec *spec = p->next_spec;
	if (!spec)
		return;
	p->next_spec = NULL;
	p->spec = spec;
	for (int k = p->n_init; k < p->n_ctrs; k++) {
		kctr *c = &p->ctrs[k];
		const container_spec *cs = &spec->containers[k - p->n_init];
		bool changed = strcmp(c->spec->image, cs->image) != 0;
		c->spec = cs;
		if (!changed)
			continue;
		c->retired = xrealloc(c->retired, (size_t)(c->n_retired + 1) * sizeof(*c->retired));
		c->retired[c->n_retired++] = c->prog;
		free(c->backoff_key);
		compile_ctr(c);
	}
}

void nodes_kill_sandbox(kpod *p)
{
	simtime_t now = engine_now(p->n->w->eng);
	if (!p->sandbox_exists || (p->sandbox_stopped >= 0 && p->sandbox_stopped <= now))
		return;
	p->sandbox_stopped = now;
	for (int k = 0; k < p->n_ctrs; k++) {
		container_instance *i = runtime_newest(&p->ctrs[k]);
		if (i && i->state == INST_RUNNING)
			runtime_kill_now(i);
	}
	pleg_note_change(p, now);
}

/* The kubelet restarts (kubelet.go: a new process): the back-off objects
 * are in memory, so they start empty; the probe manager starts with no
 * workers and an empty results cache, and HandlePodAdditions of every pod
 * re-adds them at the pod's first sync (worker.go: a readiness worker's
 * initial value is Failure, so a running container is not Ready until its
 * first probe succeeds; the first tick is jittered within a period since
 * the kubelet started recently, and initialDelaySeconds counts from the
 * container's start).  Containers keep running: the runtime is not the
 * kubelet.  Simplifications: a sync in flight completes (a real restart
 * abandons it), and the PLEG and sync ticker keep their phase. */
void nodes_restart_kubelet(node *n)
{
	simtime_t initial, max, now = engine_now(n->w->eng);
	n->kubelet_start = now;
	backoff_free(n->crash_backoff);
	backoff_free(n->image_backoff);
	crash_backoff_params(n->w, &initial, &max);
	n->crash_backoff = backoff_new(initial, max, SEC(600));
	n->image_backoff = backoff_new(SEC(10), SEC(300), SEC(600));
	for (int k = 0; k < n->n_pods; k++) {
		kpod *p = n->pods[k];
		if (p->life != POD_ACTIVE)
			continue; /* simplification: a terminating pod keeps its workers */
		prober_remove_pod(p);
		p->probes_added = false;
		p->dirty = true;
		podworker_update(p, "kubelet restarted (HandlePodAdditions)");
	}
}

kpod *nodes_find_pod(const node *n, const char *ns, const char *name)
{
	for (int k = 0; k < n->n_pods; k++)
		if (strcmp(n->pods[k]->meta.namespace, ns) == 0 && strcmp(n->pods[k]->meta.name, name) == 0)
			return n->pods[k];
	return NULL;
}
