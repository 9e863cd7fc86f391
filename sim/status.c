/* status.c - what the kubelet reports: generateAPIPodStatus and the status manager.
 *
 * Mirrors kubelet_pods.go generateAPIPodStatus / convertToAPIContainerStatuses
 * / getPhase and status/generate.go (kubelet-semantics.md section 6).  The
 * status is built from the pod cache (the runtime as the last relist saw it,
 * at instant snap), the reason cache (errors of the previous start attempt:
 * the one-sync lag of section 6.2 rule 5) and the probe results.  The newest
 * instance of a container gives state, the one before gives lastState.
 *
 * The status manager keeps the last status the kubelet set, keeps condition
 * transition times when a condition's value did not change, and patches the
 * API server whenever the status differs (one watch event, one kubectl
 * row).  Times stay exact here (probe workers read them); the API server
 * truncates them to whole seconds when it stores the object.
 */
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "images.h"
#include "prober.h"
#include "qos.h"
#include "readiness_gates.h"
#include "registry.h"
#include "runtime.h"

/* The pod's status as the kubelet last saw it from other clients (their
 * conditions), or an empty one. */
static const api_pod_status *seen_status(const kpod *p)
{
	static const api_pod_status none;
	return p->meta.seen_status ? p->meta.seen_status : &none;
}

static bool sandbox_ready_at(const kpod *p, simtime_t t)
{
	return p->sandbox_exists && p->sandbox_created <= t &&
	       (p->sandbox_stopped < 0 || p->sandbox_stopped > t);
}

bool status_should_restart(const kpod *p, const kctr *c, simtime_t snap)
{
	if (p->meta.deletion_timestamp >= 0)
		return false;
	container_instance *i = runtime_newest_at(c, snap, NULL);
	if (!i || i->index < c->first_live)
		return true;
	snap_state st = runtime_state_at(i, snap);
	if (st == SNAP_RUNNING)
		return false;
	if (st != SNAP_EXITED)
		return true;
	if (c->spec->restartable)
		return true;
	if (p->spec->restart_policy == RESTART_NEVER)
		return false;
	if (p->spec->restart_policy == RESTART_ON_FAILURE)
		return i->exit_code != 0;
	return true;
}

/* "containerd://<id>", as snprintf would truncate it to len. */
static void container_id(char *buf, size_t len, const char *id)
{
	static const char scheme[] = "containerd://";
	assert(len > sizeof(scheme));
	memcpy(buf, scheme, sizeof(scheme) - 1);
	api_strcpy(buf + sizeof(scheme) - 1, len - (sizeof(scheme) - 1), id);
}

static void fill_terminated(api_container_state *s, const container_instance *i)
{
	memset(s, 0, sizeof(*s));
	s->kind = STATE_TERMINATED;
	api_strcpy(s->reason, sizeof(s->reason), i->reason);
	s->exit_code = i->exit_code;
	/* the termination message (runtime.c): the status manager keeps its first
	 * MaxPodTerminationMessageLogLength (12 KiB) / containers bytes
	 * (status_manager.go normalizeStatus), and podsim's status at most 255 */
	const pod_spec *ps = i->c->p->spec;
	int budget = 12 * 1024 / (ps->n_containers + ps->n_init_containers);
	snprintf(s->message, sizeof(s->message), "%.*s", budget, i->message ? i->message : "");
	s->signal = 0; /* containerd reports exit codes, not signals */
	s->started_at = i->started >= 0 ? i->started : i->created;
	s->finished_at = i->finished;
	container_id(s->container_id, sizeof(s->container_id), i->id);
}

static void image_id(const char *image, char *buf, size_t len)
{
	char norm[160];
	images_normalize(image, norm, sizeof(norm));
	char *colon = strrchr(norm, ':');
	char *slash = strrchr(norm, '/');
	if (colon && (!slash || colon > slash) && !strchr(norm, '@'))
		*colon = '\0';
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (const char *s = image; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	snprintf(buf, len, "%s@sha256:%016llx%016llx%016llx%016llx", norm, (unsigned long long)h,
		 (unsigned long long)(h * 31), (unsigned long long)(h * 131), (unsigned long long)(h * 1031));
}

/* The image and imageID a status shows, those of the instance's image (the
 * runtime's container status: an instance started before an image update
 * keeps showing the old one), made once per image of the container. */
static void image_strings(kctr *c, const char *image)
{
	if (c->image_id && strcmp(c->image_of, image) == 0)
		return;
	free(c->image_norm);
	free(c->image_id);
	char buf[API_MSG_LEN];
	images_normalize(image, buf, sizeof(buf));
	c->image_norm = xstrdup(buf);
	image_id(image, buf, sizeof(buf));
	c->image_id = xstrdup(buf);
	c->image_of = image;
}

/* The waiting reason of a container that has no instance yet. */
static const char *default_waiting(const kpod *p)
{
	return p->n_init ? "PodInitializing" : "ContainerCreating";
}

static void container_state(const kpod *p, kctr *c, simtime_t snap, api_container_status *cs)
{
	container_instance *prev = NULL;
	container_instance *i = runtime_newest_at(c, snap, &prev);
	if (i && i->index < c->first_live)
		i = NULL;
	if (prev && prev->index < c->first_live)
		prev = NULL;
	if (!i) {
		/* convertToAPIContainerStatuses: without a runtime instance (none
		 * yet, or purged with a recreated sandbox) a terminated status of
		 * the previous generation is kept; otherwise the default waiting
		 * state with the spec's image, keeping restart count and last state */
		const api_container_status *old = status_cached_container(p, c);
		if (old && old->state.kind == STATE_TERMINATED) {
			*cs = *old;
			return;
		}
		api_strcpy(cs->image, sizeof(cs->image), c->spec->image);
		cs->state.kind = STATE_WAITING;
		api_strcpy(cs->state.reason, sizeof(cs->state.reason), default_waiting(p));
		if (old) {
			cs->restart_count = old->restart_count;
			cs->last_state = old->last_state;
		}
		return;
	}
	image_strings(c, i->image);
	api_strcpy(cs->image, sizeof(cs->image), c->image_norm);
	cs->restart_count = i->restart_count;
	container_id(cs->container_id, sizeof(cs->container_id), i->id);
	api_strcpy(cs->image_id, sizeof(cs->image_id), c->image_id);
	switch (runtime_state_at(i, snap)) {
	case SNAP_RUNNING:
		cs->state.kind = STATE_RUNNING;
		cs->state.started_at = i->started;
		break;
	case SNAP_EXITED:
		fill_terminated(&cs->state, i);
		break;
	default:
		cs->state.kind = STATE_WAITING;
		break;
	}
	if (prev && runtime_state_at(prev, snap) == SNAP_EXITED)
		fill_terminated(&cs->last_state, prev);
}

/* Section 6.2 rule 2: a start error from the previous sync replaces the state. */
static void apply_reason_cache(const kpod *p, const kctr *c, simtime_t snap, api_container_status *cs)
{
	if (!c->start_err[0] || !status_should_restart(p, c, snap))
		return;
	if (c->spec->is_init && !c->spec->restartable && cs->state.kind == STATE_TERMINATED &&
	    cs->state.exit_code == 0)
		return;
	if (cs->state.kind == STATE_TERMINATED)
		cs->last_state = cs->state;
	memset(&cs->state, 0, sizeof(cs->state));
	cs->state.kind = STATE_WAITING;
	api_strcpy(cs->state.reason, sizeof(cs->state.reason), c->start_err);
	api_strcpy(cs->state.message, sizeof(cs->state.message), c->start_msg);
}

static void readiness_flags(const kctr *c, api_container_status *cs)
{
	bool running = cs->state.kind == STATE_RUNNING;
	const char *cid = cs->container_id[0] ? cs->container_id + strlen("containerd://") : "";
	probe_result r;
	bool started = running;
	if (running && c->workers[PROBE_STARTUP])
		started = prober_result(c, PROBE_STARTUP, cid, &r) && r == RESULT_SUCCESS;
	cs->started = started;
	if (c->spec->is_init && !c->spec->restartable) {
		cs->ready = cs->state.kind == STATE_TERMINATED && cs->state.exit_code == 0;
		cs->started = running;
		return;
	}
	if (!started)
		cs->ready = false;
	else if (c->workers[PROBE_READINESS])
		cs->ready = prober_result(c, PROBE_READINESS, cid, &r) && r == RESULT_SUCCESS;
	else
		cs->ready = true;
}

/* ---- phase (getPhase) --------------------------------------------------- */

/* The counters of getPhase (kubelet_pods.go).  Running sidecars count as
 * running, so they keep the pod Running after its regular containers
 * stopped until the kubelet has stopped them; stopped sidecars are not
 * counted at all. */
typedef struct counts {
	int pending_regular_init, pending_sidecar, failed_init;
	int running, stopped, succeeded, waiting, unknown;
	bool regular_started; /* HasAnyRegularContainerStarted (before 1.32) */
} counts;

static void count_sidecar(const api_container_status *cs, counts *n)
{
	switch (cs->state.kind) {
	case STATE_RUNNING:
		n->pending_sidecar += cs->started != 1;
		n->running++;
		break;
	case STATE_TERMINATED:
		break;
	case STATE_WAITING:
		if (cs->last_state.kind != STATE_TERMINATED)
			n->pending_sidecar++, n->waiting++;
		break;
	default:
		n->pending_sidecar++;
		n->unknown++;
	}
}

static void count_init(const kctr *c, const api_container_status *cs, counts *n)
{
	const api_container_state *s = &cs->state;
	if (c->spec->restartable) {
		count_sidecar(cs, n);
		return;
	}
	if (s->kind == STATE_RUNNING)
		n->pending_regular_init++;
	else if (s->kind == STATE_TERMINATED)
		n->failed_init += s->exit_code != 0;
	else if (s->kind == STATE_WAITING && cs->last_state.kind == STATE_TERMINATED)
		n->failed_init += cs->last_state.exit_code != 0;
	else
		n->pending_regular_init++;
}

static void count_regular(const api_container_status *cs, counts *n)
{
	switch (cs->state.kind) {
	case STATE_RUNNING:
		n->running++;
		n->regular_started = true;
		break;
	case STATE_TERMINATED:
		n->stopped++;
		n->succeeded += cs->state.exit_code == 0;
		n->regular_started = true;
		break;
	case STATE_WAITING:
		if (cs->last_state.kind == STATE_TERMINATED)
			n->stopped++;
		else
			n->waiting++;
		break;
	default:
		n->unknown++;
	}
}

/* HasAnyActiveRegularContainerStarted (pkg/kubelet/container/helpers.go):
 * a regular container exists in the pod's current sandbox (the runtime's
 * ActiveContainerStatuses, whatever its state).  Instances below
 * first_live belong to a sandbox that was replaced. */
static bool active_regular_started(const kpod *p, simtime_t snap)
{
	for (int k = p->n_init; k < p->n_ctrs; k++) {
		const container_instance *i = runtime_newest_at(&p->ctrs[k], snap, NULL);
		if (i && i->index >= p->ctrs[k].first_live)
			return true;
	}
	return false;
}

/* Is initialization still pending?  Kubelets from 1.32 (kubernetes PRs
 * #126653 and #128516): any pending regular init container, or a pending
 * sidecar while no regular container of the current sandbox exists, so a
 * pod whose init containers re-run after a sandbox loss is Pending.
 * Before: pending initialization of either kind, unless a regular
 * container's API status says it ran (HasAnyRegularContainerStarted). */
static bool init_pending(const kpod *p, const counts *n, simtime_t snap)
{
	if (p->n->w->version_minor >= 32)
		return n->pending_regular_init ||
		       (n->pending_sidecar && !active_regular_started(p, snap));
	return (n->pending_regular_init || n->pending_sidecar) && !n->regular_started;
}

static const char *get_phase(const kpod *p, const api_pod_status *s, bool terminal, simtime_t snap)
{
	counts n = {0};
	for (int k = 0; k < s->n_init_statuses; k++)
		count_init(&p->ctrs[k], &s->init_statuses[k], &n);
	for (int k = 0; k < s->n_statuses; k++)
		count_regular(&s->statuses[k], &n);
	restart_policy rp = p->spec->restart_policy;
	if (n.failed_init && rp == RESTART_NEVER)
		return "Failed";
	if (init_pending(p, &n, snap) || n.waiting)
		return "Pending";
	if (n.running && !n.unknown)
		return "Running";
	if (!n.running && n.stopped && !n.unknown) {
		if (terminal)
			return n.stopped == n.succeeded ? "Succeeded" : "Failed";
		if (rp == RESTART_ALWAYS)
			return "Running";
		if (n.stopped == n.succeeded)
			return "Succeeded";
		return rp == RESTART_NEVER ? "Failed" : "Running";
	}
	return "Pending";
}

/* ---- conditions --------------------------------------------------------- */

static void set_cond(api_pod_status *s, api_condition_type t, bool ok, const char *reason,
		     const char *msg)
{
	api_condition *c = &s->conditions[s->n_conditions++];
	memset(c, 0, sizeof(*c));
	c->type = t;
	c->status = ok ? 1 : 0;
	c->last_probe_time = -1;
	c->last_transition_time = -1;
	if (!ok) {
		api_strcpy(c->reason, sizeof(c->reason), reason);
		api_strcpy(c->message, sizeof(c->message), msg);
	}
}

/* Appends str at *n as snprintf(buf + *n, len - *n, "%s", str) would
 * (truncated, NUL-terminated, *n += its full length); *n < len. */
static void append(char *buf, size_t len, int *n, const char *str)
{
	size_t full = strlen(str);
	size_t room = len - (size_t)*n - 1;
	size_t k = full < room ? full : room;
	memcpy(buf + *n, str, k);
	buf[*n + (int)k] = '\0';
	*n += (int)full;
}

/* "containers with unready status: [a b]" over the containers failing pred. */
static void names_msg(char *buf, size_t len, const char *what, const kpod *p,
		      const api_pod_status *s, bool (*bad)(const kctr *, const api_container_status *))
{
	int n = 0;
	append(buf, len, &n, "containers with ");
	if ((size_t)n < len)
		append(buf, len, &n, what);
	if ((size_t)n < len)
		append(buf, len, &n, " status: [");
	bool first = true;
	for (int k = 0; k < p->n_ctrs; k++) {
		const api_container_status *cs = k < p->n_init ? &s->init_statuses[k]
								: &s->statuses[k - p->n_init];
		if (!bad(&p->ctrs[k], cs) || (size_t)n >= len)
			continue;
		if (!first)
			append(buf, len, &n, " ");
		if ((size_t)n < len)
			append(buf, len, &n, p->ctrs[k].spec->name);
		else
			n += (int)strlen(p->ctrs[k].spec->name);
		first = false;
	}
	if ((size_t)n < len)
		append(buf, len, &n, "]");
}

static bool not_initialized(const kctr *c, const api_container_status *cs)
{
	if (!c->spec->is_init)
		return false;
	return c->spec->restartable ? cs->started != 1 : !cs->ready;
}

static bool not_ready(const kctr *c, const api_container_status *cs)
{
	if (c->spec->is_init && !c->spec->restartable)
		return false;
	return !cs->ready;
}

static void conditions(const kpod *p, api_pod_status *s, simtime_t snap)
{
	char msg[API_MSG_LEN];
	s->n_conditions = 0;
	set_cond(s, COND_POD_READY_TO_START_CONTAINERS, sandbox_ready_at(p, snap), "", "");
	bool regular_started = false;
	for (int k = 0; k < s->n_statuses; k++)
		regular_started |= s->statuses[k].state.kind != STATE_WAITING ||
				   s->statuses[k].last_state.kind != STATE_NONE;
	names_msg(msg, sizeof(msg), "incomplete", p, s, not_initialized);
	bool init_ok = regular_started || strcmp(msg, "containers with incomplete status: []") == 0;
	set_cond(s, COND_INITIALIZED, init_ok, "ContainersNotInitialized", msg);
	names_msg(msg, sizeof(msg), "unready", p, s, not_ready);
	bool ready = strcmp(msg, "containers with unready status: []") == 0;
	const char *why = "ContainersNotReady";
	if (strcmp(s->phase, "Succeeded") == 0)
		ready = false, why = "PodCompleted", msg[0] = '\0';
	else if (strcmp(s->phase, "Failed") == 0)
		ready = false, why = "PodFailed", msg[0] = '\0';
	set_cond(s, COND_READY, ready, why, msg);
	set_cond(s, COND_CONTAINERS_READY, ready, why, msg);
	set_cond(s, COND_POD_SCHEDULED, true, "", "");
	readiness_gates_apply(p->spec, seen_status(p), s);
}

/* generateAPIPodStatus copies the class the API server set at creation
 * (GetPodQOS, qos.c), so a status write never changes it. */
static void qos_class(const kpod *p, api_pod_status *s)
{
	api_strcpy(s->qos_class, sizeof(s->qos_class), qos_pod_class(p->spec));
}

/* Exactly n zeroed entries (NULL for none). */
static api_container_status *new_statuses(int n)
{
	return n ? xcalloc((size_t)n, sizeof(api_container_status)) : NULL;
}

void status_generate(kpod *p, simtime_t snap, simtime_t now, api_pod_status *out)
{
	memset(out, 0, sizeof(*out));
	out->n_init_statuses = p->n_init;
	out->n_statuses = p->n_ctrs - p->n_init;
	out->init_statuses = new_statuses(p->n_init);
	out->statuses = new_statuses(out->n_statuses);
	for (int k = 0; k < p->n_ctrs; k++) {
		kctr *c = &p->ctrs[k];
		api_container_status *cs = k < p->n_init ? &out->init_statuses[k]
							 : &out->statuses[k - p->n_init];
		api_strcpy(cs->name, sizeof(cs->name), c->spec->name);
		cs->state.started_at = cs->state.finished_at = -1;
		container_state(p, c, snap, cs);
		apply_reason_cache(p, c, snap, cs);
		readiness_flags(c, cs);
	}
	bool had_terminal = p->has_status && (strcmp(p->status.phase, "Succeeded") == 0 ||
					      strcmp(p->status.phase, "Failed") == 0);
	if (p->deadline_exceeded) {
		api_strcpy(out->phase, sizeof(out->phase), "Failed");
		api_strcpy(out->reason, sizeof(out->reason), "DeadlineExceeded");
		snprintf(out->message, sizeof(out->message),
			 "Pod was active on the node longer than the specified deadline");
	} else if (had_terminal) {
		api_strcpy(out->phase, sizeof(out->phase), p->status.phase);
		api_strcpy(out->reason, sizeof(out->reason), p->status.reason);
		api_strcpy(out->message, sizeof(out->message), p->status.message);
	} else {
		api_strcpy(out->phase, sizeof(out->phase), get_phase(p, out, p->terminal, snap));
	}
	api_strcpy(out->host_ip, sizeof(out->host_ip), p->n->ip);
	if (sandbox_ready_at(p, snap) || (p->has_status && p->status.pod_ip[0]))
		api_strcpy(out->pod_ip, sizeof(out->pod_ip), p->pod_ip);
	if (p->start_time < 0)
		p->start_time = now;
	out->start_time = p->start_time;
	conditions(p, out, snap);
	qos_class(p, out);
	prober_update_pod_status(p, out);
}

/* ---- the status manager ------------------------------------------------- */

typedef struct patch {
	world_obj obj;
	engine_timer t;
	kpod *p;
	api_pod_status status;
	char why[API_MSG_LEN * 2];
} patch;

static void deliver_patch(engine *e, void *ctx)
{
	patch *pa = ctx;
	kpod *p = pa->p;
	apiserver *api = p->n->w->api;
	const api_pod *cur = apiserver_pod_get(api, p->meta.namespace, p->meta.name);
	if (cur) {
		api_pod obj;
		api_pod_copy(&obj, cur);
		api_pod_status_release(&obj.status);
		api_pod_status_copy(&obj.status, &pa->status);
		api_pod_status_keep_extra(&obj.status, &cur->status); /* mergePodStatus */
		apiserver_pod_update(api, engine_now(e), &obj, pa->why);
		api_pod_release(&obj);
	}
	world_free(pa);
}

static void patch_dtor(void *obj)
{
	patch *pa = obj;
	api_pod_status_release(&pa->status);
}

static void patch_api(kpod *p, simtime_t now, const char *why)
{
	world *w = p->n->w;
	patch *pa = world_alloc(w, sizeof(*pa), patch_dtor);
	pa->p = p;
	api_pod_status_copy(&pa->status, &p->status);
	api_strcpy(pa->why, sizeof(pa->why), why);
	simtime_t at = now + dist_sample(&w->ks->api_latency, p->rng);
	if (at < p->last_patch_event)
		at = p->last_patch_event;
	p->last_patch_event = at;
	engine_timer_init(&pa->t, deliver_patch, pa);
	engine_schedule(w->eng, &pa->t, at);
}

static void keep_transition_times(const kpod *p, api_pod_status *s, simtime_t now)
{
	for (int k = 0; k < s->n_conditions; k++) {
		api_condition *c = &s->conditions[k];
		c->last_transition_time = now;
		if (!p->has_status)
			continue;
		for (int j = 0; j < p->status.n_conditions; j++) {
			const api_condition *o = &p->status.conditions[j];
			if (o->type == c->type && o->status == c->status)
				c->last_transition_time = o->last_transition_time;
		}
	}
}

void status_set(kpod *p, api_pod_status *s, simtime_t now, const char *why)
{
	keep_transition_times(p, s, now);
	if (p->has_status && api_pod_status_equal(&p->status, s)) {
		api_pod_status_release(s);
		return;
	}
	if (p->has_status)
		api_pod_status_release(&p->status);
	p->status = *s;
	p->has_status = true;
	p->status_gen++;
	prober_wake(p);
	memset(s, 0, sizeof(*s));
	patch_api(p, now, why);
}

const api_container_status *status_cached_container(const kpod *p, const kctr *c)
{
	if (!p->has_status)
		return NULL;
	int k = (int)(c - p->ctrs);
	return k < p->n_init ? &p->status.init_statuses[k] : &p->status.statuses[k - p->n_init];
}

/* Re-derive the Ready/ContainersReady conditions of an edited copy of the
 * cached status, then set it (which patches the API if anything changed). */
static void set_edited(kpod *p, api_pod_status *s, simtime_t now, const char *why)
{
	char msg[API_MSG_LEN];
	names_msg(msg, sizeof(msg), "unready", p, s, not_ready);
	bool ready = strcmp(msg, "containers with unready status: []") == 0;
	for (int k = 0; k < s->n_conditions; k++) {
		api_condition *c = &s->conditions[k];
		if (c->type != COND_READY && c->type != COND_CONTAINERS_READY)
			continue;
		if (strcmp(s->phase, "Succeeded") == 0 || strcmp(s->phase, "Failed") == 0)
			continue;
		c->status = ready;
		api_strcpy(c->reason, sizeof(c->reason), ready ? "" : "ContainersNotReady");
		api_strcpy(c->message, sizeof(c->message), ready ? "" : msg);
	}
	readiness_gates_apply(p->spec, seen_status(p), s);
	status_set(p, s, now, why);
}

/* A copy of the cached status and, in it, container c's status. */
static api_container_status *edit_copy(const kpod *p, const kctr *c, api_pod_status *s)
{
	api_pod_status_copy(s, &p->status);
	int k = (int)(c - p->ctrs);
	return k < p->n_init ? &s->init_statuses[k] : &s->statuses[k - p->n_init];
}

void status_set_container_readiness(kpod *p, kctr *c, bool ready, simtime_t now, const char *why)
{
	const api_container_status *cur = status_cached_container(p, c);
	if (!cur || cur->state.kind != STATE_RUNNING || cur->started != 1 || cur->ready == ready)
		return;
	api_pod_status s;
	edit_copy(p, c, &s)->ready = ready;
	set_edited(p, &s, now, why);
}

void status_set_container_startup(kpod *p, kctr *c, bool started, simtime_t now, const char *why)
{
	const api_container_status *cur = status_cached_container(p, c);
	if (!cur || cur->state.kind != STATE_RUNNING || cur->started == (int)started)
		return;
	api_pod_status s;
	api_container_status *cs = edit_copy(p, c, &s);
	cs->started = started;
	if (!started)
		cs->ready = false;
	else if (!c->workers[PROBE_READINESS])
		cs->ready = true;
	set_edited(p, &s, now, why);
}

void status_delete_pod(kpod *p, simtime_t now, const char *why)
{
	(void)now;
	world *w = p->n->w;
	/* status_manager.go: Delete with NewDeleteOptions(0) (registry.c) */
	registry_pod_delete(w->api, engine_now(w->eng), p->meta.namespace, p->meta.name, true, 0, why);
}

void status_release(kpod *p)
{
	if (p->has_status)
		api_pod_status_release(&p->status);
	p->has_status = false;
}
