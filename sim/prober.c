/* prober.c - probe workers: when probes run and what their results do.
 *
 * Mirrors pkg/kubelet/prober worker.go (the pre-ContainerLifecycleProber
 * worker) and prober_manager.go, kubelet-semantics.md section 1:
 *  - one worker per (pod, container, probe type), created at the pod's first
 *    sync (T0) and living across container restarts; it probes once at once
 *    and then on a ticker of periodSeconds aligned to T0, never to the
 *    container's start.  Only a kubelet younger than one period sleeps a
 *    random fraction of the period first.
 *  - each tick (doProbe) reads the status manager's cached status: a new
 *    container ID resets the stored result to the type's initial value and
 *    clears onHold; probes never run against a container that is not
 *    running; initialDelaySeconds compares whole seconds since StartedAt;
 *    startup gates liveness and readiness.
 *  - run lengths count equal consecutive results; a result is stored only
 *    once it reaches its threshold, and a stored liveness Failure (or any
 *    stored startup result) puts the worker on hold until the next container.
 *  - readiness workers are also run by manual triggers when status is
 *    generated, and since 1.29 a manual run resets the ticker.
 * A probe takes its answer's latency, bounded by timeoutSeconds; a tick that
 * arrives while a probe is in flight waits in the ticker's one-slot buffer.
 *
 * Skipping inert ticks (performance.md): once a worker has stored Success,
 * its run is past the threshold and the process's answer is a known
 * function of time (no random latency) that stays the same until some
 * instant H, every tick before H would probe, succeed and change nothing
 * observable.  The worker then sleeps: its tick timer is re-armed at the
 * first tick at or after H, and anything else its ticks read - the cached
 * status, the pod's deletion, the container's process - wakes it at its
 * next tick (prober_wake).  Ticks are periodic timers with a fixed rank, so
 * a re-armed tick fires in exactly the place the skipped chain would have
 * given it; counters are brought up to date when it fires.  Tests run every
 * scenario both ways and compare the traces byte for byte.
 */
#include "prober.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kuberuntime.h"
#include "podworker.h"
#include "runtime.h"
#include "status.h"


static void tick_fire(engine *e, void *ctx);
static void do_probe(probe_worker *w, simtime_t now);
static void maybe_sleep(probe_worker *w);

static void probe_done(engine *e, void *ctx);
static void manual_fire(engine *e, void *ctx);

static const char *type_name(probe_type t)
{
	static const char *names[] = {"Liveness", "Readiness", "Startup"};
	return names[t];
}

static const probe_spec *spec_of(const kctr *c, probe_type t)
{
	return t == PROBE_LIVENESS ? c->spec->liveness
	       : t == PROBE_READINESS ? c->spec->readiness : c->spec->startup;
}

static probe_result initial_value(probe_type t)
{
	return t == PROBE_READINESS ? RESULT_FAILURE
	       : t == PROBE_LIVENESS ? RESULT_SUCCESS : RESULT_UNKNOWN;
}

static void new_worker(kpod *p, kctr *c, probe_type t, simtime_t now)
{
	probe_worker *w = xcalloc(1, sizeof(*w));
	w->p = p;
	w->c = c;
	w->type = t;
	w->spec = spec_of(c, t);
	engine_timer_init(&w->tick, tick_fire, w);
	engine_timer_set_periodic(&w->tick, ++p->n->next_worker_rank);
	engine_timer_init(&w->done, probe_done, w);
	engine_timer_init(&w->manual, manual_fire, w);
	simtime_t period = SEC(w->spec->period_seconds);
	simtime_t first = now;
	if (now - p->n->kubelet_start < period)
		first += (simtime_t)(rng_uniform(c->rng) * (double)period);
	w->created = first;
	w->grid_base = first;
	c->workers[t] = w;
	engine_schedule(p->n->w->eng, &w->tick, first);
}

void prober_add_pod(kpod *p, simtime_t now)
{
	for (int k = 0; k < p->n_ctrs; k++) {
		kctr *c = &p->ctrs[k];
		if (c->spec->is_init && !c->spec->restartable)
			continue;
		for (probe_type t = PROBE_LIVENESS; t <= PROBE_STARTUP; t++)
			if (spec_of(c, t) && !c->workers[t])
				new_worker(p, c, t, now);
	}
}

static void stop_worker(probe_worker *w)
{
	engine *e = w->p->n->w->eng;
	w->stopped = true;
	engine_cancel(e, &w->tick);
	engine_cancel(e, &w->done);
	engine_cancel(e, &w->manual);
}

void prober_stop_liveness_startup(kpod *p)
{
	for (int k = 0; k < p->n_ctrs; k++)
		for (probe_type t = PROBE_LIVENESS; t <= PROBE_STARTUP; t += 2)
			if (p->ctrs[k].workers[t])
				stop_worker(p->ctrs[k].workers[t]);
}

void prober_remove_pod(kpod *p)
{
	for (int k = 0; k < p->n_ctrs; k++)
		for (int t = 0; t < 3; t++) {
			probe_worker *w = p->ctrs[k].workers[t];
			if (!w)
				continue;
			stop_worker(w);
			free(w->pending_output);
			free(w);
			p->ctrs[k].workers[t] = NULL;
		}
}

bool prober_result(const kctr *c, probe_type t, const char *cid, probe_result *out)
{
	const probe_worker *w = c->workers[t];
	if (!w || !w->has_stored || strcmp(w->last_id, cid) != 0)
		return false;
	*out = w->stored;
	return true;
}

/* "<Type> probe <verb> at t1, t2, t3" over the current run of results. */
static void run_story(const probe_worker *w, const char *verb, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s probe %s at", type_name(w->type), verb);
	for (int k = 0; k < w->n_run_ticks && n >= 0 && (size_t)n < len; k++)
		n += snprintf(buf + n, len - (size_t)n, "%s %.1fs", k ? "," : "",
			      (double)w->run_ticks[k] / 1e9);
}

void prober_failure_story(const kctr *c, probe_type t, char *buf, size_t len)
{
	if (c->workers[t])
		run_story(c->workers[t], "failed", buf, len);
	else
		snprintf(buf, len, "%s probe failed", type_name(t));
}

/* ---- results ------------------------------------------------------------- */

/* resultsManager.Set: store, and act on the update only if it changed. */
static void set_result(probe_worker *w, probe_result r, simtime_t now)
{
	bool changed = !w->has_stored || w->stored != r;
	w->stored = r;
	w->has_stored = true;
	if (!changed)
		return;
	w->p->dirty = true; /* status and computePodActions read results */
	kpod *p = w->p;
	char why[API_MSG_LEN] = "", ticks[API_MSG_LEN / 2] = "";
	/* readiness and startup changes are rows of their own: say which ticks
	 * made them (a liveness kill's story is told by the sync that kills);
	 * only --explain reads the why */
	if (p->n->w->explain && w->type != PROBE_LIVENESS && w->n_run_ticks && r == w->last_result)
		run_story(w, r == RESULT_SUCCESS ? "passed" : "failed", ticks, sizeof(ticks));
	if (p->n->w->explain)
		snprintf(why, sizeof(why), "%s probe result of %s became %s%s%s", type_name(w->type),
			 w->c->spec->name,
			 r == RESULT_SUCCESS ? "Success" : r == RESULT_FAILURE ? "Failure" : "Unknown",
			 ticks[0] ? ": " : w->type == PROBE_LIVENESS ? "" : " (new container: initial value)",
			 ticks);
	switch (w->type) {
	case PROBE_READINESS:
		status_set_container_readiness(p, w->c, r == RESULT_SUCCESS, now, why);
		podworker_update(p, why);
		break;
	case PROBE_STARTUP:
		status_set_container_startup(p, w->c, r == RESULT_SUCCESS, now, why);
		podworker_update(p, why);
		break;
	case PROBE_LIVENESS:
		if (r == RESULT_FAILURE)
			podworker_update(p, why);
		break;
	}
}

/* ---- running one probe ----------------------------------------------------- */

static container_instance *running_instance(probe_worker *w)
{
	container_instance *i = runtime_newest(w->c);
	if (i != w->inst) {
		w->inst = i && strcmp(i->id, w->last_id) == 0 ? i : NULL;
		if (!w->inst)
			return NULL;
	}
	return i && i->state == INST_RUNNING ? i : NULL;
}

/* The failure or warning text of the probe in flight: most workers never
 * fail, so the buffer comes with the first failure and stays. */
static char *output_buf(probe_worker *w)
{
	if (!w->pending_output)
		w->pending_output = xmalloc(API_MSG_LEN);
	return w->pending_output;
}

/* Whether a redirect's Location stays on host (Go compares URL.Hostname()):
 * a path does; so does "http://host[:port]/path".  Fills the port and path
 * to request next. */
static bool same_host(const char *loc, const char *host, int *port, char *path, size_t len)
{
	const char *p = loc;
	if (!strncmp(p, "http://", 7) || !strncmp(p, "https://", 8)) {
		bool tls = p[4] == 's';
		p += tls ? 8 : 7;
		size_t hl = strcspn(p, ":/?");
		if (hl != strlen(host) || strncmp(p, host, hl))
			return false;
		p += hl;
		*port = *p == ':' ? atoi(p + 1) : tls ? 443 : 80;
		p += strcspn(p, "/?");
	} else if (p[0] != '/') {
		return false; /* behavior.c makes relative ones absolute */
	}
	snprintf(path, len, "%s%s", p[0] == '/' ? "" : "/", p);
	return true;
}

static void http_probe(probe_worker *w, behavior_proc *proc, simtime_t now, simtime_t *lat)
{
	const handler_spec *h = &w->spec->handler;
	int code = 0;
	const char *body = NULL;
	net_result r = behavior_http_get(proc, h->port, h->path ? h->path : "/", now, &code, &body, lat);
	/* same-host redirects are followed, at most 10 (pkg/probe/http
	 * RedirectChecker, followNonLocalRedirects false for probes); another
	 * host's ends the chain with the 3xx itself (ErrUseLastResponse) */
	const char *host = h->host && h->host[0] ? h->host : w->p->pod_ip;
	char loc[256], path[264];
	int rport = h->port;
	for (int hops = 0; r == NET_OK && code >= 300 && code < 400 && behavior_http_location(proc) &&
			   *lat <= SEC(w->spec->timeout_seconds);
	     hops++) {
		snprintf(loc, sizeof(loc), "%s", behavior_http_location(proc));
		if (!same_host(loc, host, &rport, path, sizeof(path)))
			break;
		if (hops == 10) { /* Client.Do's url.Error carries the Location as written */
			w->pending_result = RESULT_FAILURE;
			snprintf(output_buf(w), API_MSG_LEN,
				 "Get \"%.200s\": stopped after 10 redirects", loc);
			return;
		}
		simtime_t hop;
		r = behavior_http_get(proc, rport, path, now, &code, &body, &hop);
		*lat += hop;
	}
	if (r == NET_OK && *lat <= SEC(w->spec->timeout_seconds) && code >= 200 && code < 400) {
		/* a redirect the prober does not follow is a Warning: success plus
		 * a ProbeWarning event */
		w->pending_result = RESULT_SUCCESS;
		w->pending_warning = code >= 300;
		if (w->pending_warning)
			snprintf(output_buf(w), API_MSG_LEN,
				 "Probe terminated redirects, Response body: %.100s", body ? body : "");
		return;
	}
	/* the failure's message (the url only matters here: the hot path skips
	 * it); joined without printf: a crash-looping pod fails every period */
	char url[140], port[24];
	util_itoa(port, h->port);
	const char *url_parts[] = {strcmp(h->scheme ? h->scheme : "HTTP", "HTTPS") ? "http" : "https",
				   "://", host, ":", port, h->path ? h->path : "/"};
	util_concat(url, sizeof(url), url_parts, 6);
	w->pending_result = RESULT_FAILURE;
	if (r == NET_REFUSED) {
		const char *parts[] = {"Get \"", url, "\": dial tcp ", host, ":", port,
				       ": connect: connection refused"};
		util_concat(output_buf(w), API_MSG_LEN, parts, 7);
	} else if (*lat > SEC(w->spec->timeout_seconds)) {
		snprintf(output_buf(w), API_MSG_LEN,
			 "Get \"%s\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
			 url);
	} else {
		snprintf(output_buf(w), API_MSG_LEN,
			 "HTTP probe failed with statuscode: %d", code);
	}
}

static void tcp_probe(probe_worker *w, behavior_proc *proc, simtime_t now, simtime_t *lat)
{
	const handler_spec *h = &w->spec->handler;
	net_result r = behavior_tcp_connect(proc, h->port, now, lat);
	const char *ip = h->host && h->host[0] ? h->host : w->p->pod_ip;
	if (r == NET_REFUSED || *lat > SEC(w->spec->timeout_seconds)) {
		w->pending_result = RESULT_FAILURE;
		snprintf(output_buf(w), API_MSG_LEN, "dial tcp %s:%d: %s", ip, h->port,
			 r == NET_REFUSED ? "connect: connection refused" : "i/o timeout");
	} else {
		w->pending_result = RESULT_SUCCESS;
	}
}

static void grpc_probe(probe_worker *w, behavior_proc *proc, simtime_t now, simtime_t *lat)
{
	const handler_spec *h = &w->spec->handler;
	bool serving = false;
	net_result r = behavior_grpc_check(proc, h->port, h->grpc_service ? h->grpc_service : "", now,
					   &serving, lat);
	w->pending_result = r == NET_OK && serving && *lat <= SEC(w->spec->timeout_seconds)
				    ? RESULT_SUCCESS : RESULT_FAILURE;
	if (w->pending_result == RESULT_FAILURE && r == NET_REFUSED)
		snprintf(output_buf(w), API_MSG_LEN,
			 "timeout: failed to connect service \":%d\" within %ds", h->port,
			 w->spec->timeout_seconds);
	else if (w->pending_result == RESULT_FAILURE)
		snprintf(output_buf(w), API_MSG_LEN,
			 "service unhealthy (responded with \"NOT_SERVING\")");
}

static void exec_probe(probe_worker *w, behavior_proc *proc, simtime_t now, simtime_t *lat)
{
	const handler_spec *h = &w->spec->handler;
	char out[API_MSG_LEN];
	int code = behavior_exec(proc, h->exec_argv, h->exec_argc, now, out, sizeof(out), lat);
	if (*lat > SEC(w->spec->timeout_seconds)) {
		w->pending_result = RESULT_FAILURE;
		snprintf(output_buf(w), API_MSG_LEN,
			 "command timed out after %ds", w->spec->timeout_seconds);
		return;
	}
	w->pending_result = code == 0 ? RESULT_SUCCESS : RESULT_FAILURE;
	size_t n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
	if (code != 0)
		api_strcpy(output_buf(w), API_MSG_LEN, out);
}

/* Start the probe; its outcome is applied at now + min(latency, timeout). */
static void run_probe(probe_worker *w, container_instance *i, simtime_t now)
{
	simtime_t lat = MSEC(1);
	w->pending_error = false;
	w->pending_warning = false;
	switch (w->spec->handler.kind) {
	case HANDLER_HTTP_GET:
		http_probe(w, i->proc, now, &lat);
		break;
	case HANDLER_TCP_SOCKET:
		tcp_probe(w, i->proc, now, &lat);
		break;
	case HANDLER_GRPC:
		grpc_probe(w, i->proc, now, &lat);
		break;
	case HANDLER_EXEC:
		exec_probe(w, i->proc, now, &lat);
		break;
	default:
		w->pending_error = true; /* no handler: the prober errors, result discarded */
	}
	const handler_spec *h = &w->spec->handler;
	w->stable = behavior_answer_stable(i->proc, h->kind, h->port, h->path, now, &w->stable_until);
	simtime_t timeout = SEC(w->spec->timeout_seconds);
	w->pending_at = now;
	if (w->runs++ == 0)
		w->first_run = now;
	w->last_run = now;
	w->in_flight = true;
	engine_schedule(w->p->n->w->eng, &w->done, now + (lat < timeout ? lat : timeout));
}

/* Steps 11-14 of doProbe: run lengths, thresholds, onHold. */
static void count_result(probe_worker *w, probe_result r, simtime_t now)
{
	if (r == w->last_result) {
		w->result_run++;
	} else {
		w->last_result = r;
		w->result_run = 1;
	}
	if (w->result_run == 1)
		w->n_run_ticks = 0;
	if (w->n_run_ticks < 8)
		w->run_ticks[w->n_run_ticks++] = w->pending_at;
	if ((r == RESULT_FAILURE && w->result_run < w->spec->failure_threshold) ||
	    (r == RESULT_SUCCESS && w->result_run < w->spec->success_threshold))
		return;
	set_result(w, r, now);
	if ((w->type == PROBE_LIVENESS && r == RESULT_FAILURE) || w->type == PROBE_STARTUP) {
		w->on_hold = true;
		w->result_run = 0;
	}
}

/* Unhealthy for a failure, ProbeWarning for an unfollowed redirect. */
static void record_probe_event(probe_worker *w, simtime_t now)
{
	char fp[128], msg[2 * API_MSG_LEN]; /* the event message's size */
	bool failed = w->pending_result == RESULT_FAILURE;
	const char *parts[] = {type_name(w->type), " probe ", failed ? "failed" : "warning", ": ",
			       w->pending_output};
	recorder_event(w->p->n->w->rec, now, &w->p->meta, kuberuntime_field_path(w->c, fp, sizeof(fp)),
		       "Warning", failed ? "Unhealthy" : "ProbeWarning",
		       util_concat(msg, sizeof(msg), parts, 5));
}

static void probe_done(engine *e, void *ctx)
{
	probe_worker *w = ctx;
	simtime_t now = engine_now(e);
	w->in_flight = false;
	if (!w->pending_error && !w->stopped) {
		if (w->pending_result == RESULT_FAILURE || w->pending_warning)
			record_probe_event(w, now);
		count_result(w, w->pending_result, now);
	}
	if (w->tick_buffered && !w->stopped) {
		/* the ticker's buffered tick, delivered late: the grid stays */
		w->tick_buffered = false;
		do_probe(w, now);
		return;
	}
	maybe_sleep(w);
}

/* ---- sleeping through inert ticks ---------------------------------------------- */

static simtime_t period_of(const probe_worker *w)
{
	return SEC(w->spec->period_seconds);
}

/* The first tick of the worker's grid at or after t. */
static simtime_t grid_at_or_after(const probe_worker *w, simtime_t t)
{
	simtime_t p = period_of(w), b = w->grid_base;
	if (t <= b)
		return b;
	if (t > SIMTIME_NEVER - p)
		return SIMTIME_NEVER;
	return b + (t - b + p - 1) / p * p;
}

static bool quiet(const probe_worker *w)
{
	return w->has_stored && w->stored == RESULT_SUCCESS && w->last_result == RESULT_SUCCESS &&
	       w->result_run >= w->spec->success_threshold && !w->on_hold && !w->stopped &&
	       !w->in_flight && !w->tick_buffered && !engine_timer_armed(&w->manual);
}

/* After a probe: if the next ticks are inert, sleep until the first that
 * may not be. */
static void maybe_sleep(probe_worker *w)
{
	kpod *p = w->p;
	/* a warning is an event per probe: such ticks are not inert */
	if (!podsim_shortcuts || !w->stable || w->pending_warning || !quiet(w) ||
	    w->seen_gen != p->status_gen ||
	    p->meta.deletion_timestamp >= 0)
		return;
	container_instance *i = runtime_newest(w->c);
	simtime_t next = w->pending_at + period_of(w);
	if (!i || i != w->inst || i->state != INST_RUNNING || !engine_timer_armed(&w->tick) ||
	    w->tick.when != next)
		return;
	simtime_t g = grid_at_or_after(w, w->stable_until);
	if (g <= next)
		return;
	w->sleeping = true;
	w->sleep_from = w->pending_at;
	engine_schedule(p->n->w->eng, &w->tick, g);
}

/* The inert ticks strictly between sleep_from and t, as if they had run. */
static void account_skipped(probe_worker *w, simtime_t t)
{
	simtime_t p = period_of(w);
	for (simtime_t k = w->sleep_from + p; k < t; k += p) {
		w->runs++;
		w->last_run = k;
		w->result_run++;
		if (w->n_run_ticks < 8)
			w->run_ticks[w->n_run_ticks++] = k;
	}
	w->sleep_from = t - p;
}

void prober_wake(kpod *p)
{
	engine *e = p->n->w->eng;
	simtime_t now = engine_now(e);
	for (int k = 0; k < p->n_ctrs; k++)
		for (int t = 0; t < 3; t++) {
			probe_worker *w = p->ctrs[k].workers[t];
			if (!w || !w->sleeping || w->stopped)
				continue;
			simtime_t g = grid_at_or_after(w, now);
			if (engine_periodic_passed(e, g, w->tick.order))
				g += period_of(w);
			if (g < w->tick.when)
				engine_schedule(e, &w->tick, g);
		}
}

int prober_runs(const probe_worker *w, simtime_t now, simtime_t *last)
{
	int runs = w->runs;
	*last = w->last_run;
	if (w->sleeping)
		for (simtime_t k = w->sleep_from + period_of(w); k <= now && k < w->tick.when;
		     k += period_of(w)) {
			runs++;
			*last = k;
		}
	return runs;
}

/* ---- doProbe ---------------------------------------------------------------- */

static bool pod_terminal(const kpod *p)
{
	return p->has_status && (strcmp(p->status.phase, "Failed") == 0 ||
				 strcmp(p->status.phase, "Succeeded") == 0);
}

/* Steps 1-7; returns the running instance to probe, or NULL. */
static container_instance *pre_checks(probe_worker *w, simtime_t now)
{
	kpod *p = w->p;
	if (!p->has_status)
		return NULL;
	if (pod_terminal(p)) {
		stop_worker(w);
		return NULL;
	}
	const api_container_status *cs = status_cached_container(p, w->c);
	if (!cs || !cs->container_id[0])
		return NULL;
	const char *cid = cs->container_id + strlen("containerd://");
	/* the ID can only have changed if the cached status did */
	if (w->seen_gen != p->status_gen && strcmp(cid, w->last_id) != 0) {
		api_strcpy(w->last_id, sizeof(w->last_id), cid);
		w->inst = NULL;
		w->on_hold = false;
		w->runs = 0;
		w->first_run = w->last_run = -1;
		set_result(w, initial_value(w->type), now);
		/* the result may have rewritten the cached status */
		cs = status_cached_container(p, w->c);
	}
	w->seen_gen = p->status_gen;
	if (w->on_hold)
		return NULL;
	if (cs->state.kind != STATE_RUNNING) {
		bool final = cs->state.kind == STATE_TERMINATED && !w->c->spec->restartable &&
			     p->spec->restart_policy == RESTART_NEVER;
		set_result(w, RESULT_FAILURE, now);
		if (final)
			stop_worker(w);
		return NULL;
	}
	if (p->meta.deletion_timestamp >= 0 && w->type != PROBE_READINESS) {
		set_result(w, RESULT_SUCCESS, now);
		stop_worker(w);
		return NULL;
	}
	if ((now - cs->state.started_at) / NSEC_PER_SEC < w->spec->initial_delay_seconds)
		return NULL;
	if ((w->type == PROBE_STARTUP) == (cs->started == 1))
		return NULL;
	return running_instance(w);
}

static void do_probe(probe_worker *w, simtime_t now)
{
	if (w->in_flight) {
		w->tick_buffered = true;
		return;
	}
	container_instance *i = pre_checks(w, now);
	if (i && !w->stopped)
		run_probe(w, i, now);
}

static void tick_fire(engine *e, void *ctx)
{
	probe_worker *w = ctx;
	simtime_t now = engine_now(e);
	if (w->sleeping) {
		account_skipped(w, now);
		w->sleeping = false;
	}
	engine_schedule_in(e, &w->tick, period_of(w));
	do_probe(w, now);
}

static void manual_fire(engine *e, void *ctx)
{
	probe_worker *w = ctx;
	simtime_t now = engine_now(e);
	/* >= 1.29: the manual run shifts the periodic timer (the tick due now,
	 * if any, is replaced: it never fires) */
	if (w->sleeping) {
		account_skipped(w, now);
		w->sleeping = false;
	}
	w->grid_base = now;
	engine_schedule_in(e, &w->tick, period_of(w));
	do_probe(w, now);
}

void prober_update_pod_status(kpod *p, const api_pod_status *s)
{
	for (int k = 0; k < p->n_ctrs; k++) {
		probe_worker *w = p->ctrs[k].workers[PROBE_READINESS];
		if (!w || w->stopped)
			continue;
		const api_container_status *cs = k < p->n_init ? &s->init_statuses[k]
							       : &s->statuses[k - p->n_init];
		if (cs->state.kind != STATE_RUNNING || cs->started != 1)
			continue;
		probe_result r;
		const char *cid = cs->container_id + strlen("containerd://");
		if (prober_result(&p->ctrs[k], PROBE_READINESS, cid, &r) && r == RESULT_SUCCESS)
			continue;
		if (!engine_timer_armed(&w->manual))
			engine_schedule_in(p->n->w->eng, &w->manual, 0); /* at now */
	}
}
