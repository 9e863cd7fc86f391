/* sim.c - one run: wire the scenario to the API server, scheduler, kubelet
 * and printers, then let the engine go.
 *
 * Everything that happens outside the node is here and deliberately thin:
 * `kubectl apply` creates each pod at virtual time 0 (ADDED), the
 * scheduler binds it to the node after its latency (MODIFIED: nodeName and
 * PodScheduled, event Scheduled), and the kubelet's watch delivers it to
 * HandlePodAdditions after the admission latency.  Simulation actions
 * (delete, killSandbox, setCondition, update) act through the same API path;
 * restartKubelet restarts the node's kubelet.  Output sinks are
 * attached to the API server's watch; the describe view is printed at its
 * instant from the stored objects.
 */
#include "sim.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "apiserver.h"
#include "engine.h"
#include "metrics.h"
#include "node.h"
#include "nodes.h"
#include "print_describe.h"
#include "print_events.h"
#include "print_get.h"
#include "print_timeline.h"
#include "qos.h"
#include "recorder.h"
#include "registry.h"
#include "report_json.h"
#include "runtime.h"

typedef struct run run;

typedef struct pod_boot {
	struct run *run;
	const pod_spec *spec;
	engine_timer create, bind, admit;
	simtime_t bind_at;
} pod_boot;

typedef struct action_ev {
	struct run *run;
	const action_spec *a;
	engine_timer t, deliver;
	/* the deletion as the kubelet's watch will deliver it */
	char ns[API_NAME_LEN];
	simtime_t deletion_timestamp;
	int64_t deletion_grace;
} action_ev;

struct run {
	world w;
	node *n;
	const sim_options *o;
	FILE *out;
	pod_boot *boots;
	action_ev *actions;
	engine_timer watch_begin, describe;
	get_watch *gw;
	events_watch *ew;
	json_watch *jw;
	print_timeline *tl;
	metrics *m;      /* o->collect, or our own for o->metrics */
	simtime_t until; /* how far the run has been advanced */
};

static uint64_t run_seed(const scenario *sc, const sim_options *o)
{
	if (o->seed_set)
		return o->seed;
	return sc->settings.has_seed ? sc->settings.seed : 1;
}

simtime_t sim_duration(const scenario *sc, const sim_options *o)
{
	if (o->duration_set)
		return o->duration;
	return sc->settings.duration > 0 ? sc->settings.duration : SEC(600);
}

static void make_uid(const pod_spec *p, char *buf, size_t len)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325), g;
	for (const char *s = p->namespace; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	h = (h ^ '/') * UINT64_C(0x100000001b3);
	for (const char *s = p->name; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	g = h * UINT64_C(0x9e3779b97f4a7c15) + 7;
	snprintf(buf, len, "%08llx-%04llx-4%03llx-a%03llx-%012llx", (unsigned long long)(h >> 32),
		 (unsigned long long)((h >> 16) & 0xffff), (unsigned long long)(h & 0xfff),
		 (unsigned long long)((g >> 52) & 0xfff), (unsigned long long)(g & 0xffffffffffffULL));
}

/* ---- pod creation, binding, admission ------------------------------------ */

static void pod_create(engine *e, void *ctx)
{
	pod_boot *b = ctx;
	api_pod obj;
	memset(&obj, 0, sizeof(obj));
	snprintf(obj.name, sizeof(obj.name), "%s", b->spec->name);
	snprintf(obj.namespace, sizeof(obj.namespace), "%s", b->spec->namespace);
	make_uid(b->spec, obj.uid, sizeof(obj.uid));
	obj.creation_timestamp = engine_now(e);
	obj.deletion_timestamp = -1;
	obj.deletion_grace_period_seconds = -1;
	obj.spec = b->spec;
	snprintf(obj.status.phase, sizeof(obj.status.phase), "Pending");
	obj.status.start_time = -1;
	/* PodStrategy.PrepareForCreate sets status.qosClass = GetPodQOS */
	snprintf(obj.status.qos_class, sizeof(obj.status.qos_class), "%s", qos_pod_class(b->spec));
	apiserver_pod_create(b->run->w.api, engine_now(e), &obj, "kubectl apply: pod created");
	b->bind_at = engine_now(e) + dist_sample(&b->run->w.ks->schedule_latency, b->run->n->rng);
	engine_schedule(e, &b->bind, b->bind_at);
}

static void pod_bind(engine *e, void *ctx)
{
	pod_boot *b = ctx;
	run *r = b->run;
	const api_pod *cur = apiserver_pod_get(r->w.api, b->spec->namespace, b->spec->name);
	if (!cur)
		return;
	api_pod obj;
	api_pod_copy(&obj, cur);
	snprintf(obj.node_name, sizeof(obj.node_name), "%s", r->n->name);
	api_condition *c = &obj.status.conditions[obj.status.n_conditions++];
	memset(c, 0, sizeof(*c));
	c->type = COND_POD_SCHEDULED;
	c->status = 1;
	c->last_probe_time = -1;
	c->last_transition_time = engine_now(e);
	apiserver_pod_update(r->w.api, engine_now(e), &obj, "scheduler bound the pod to the node");
	char msg[API_MSG_LEN];
	snprintf(msg, sizeof(msg), "Successfully assigned %s/%s to %s", obj.namespace, obj.name,
		 r->n->name);
	recorder_scheduler_event(r->w.rec, engine_now(e), &obj, "Normal", "Scheduled", msg);
	api_pod_release(&obj);
	engine_schedule(e, &b->admit, engine_now(e) + dist_sample(&r->w.ks->admit_latency, r->n->rng));
}

static void pod_admit(engine *e, void *ctx)
{
	pod_boot *b = ctx;
	(void)e;
	const api_pod *cur = apiserver_pod_get(b->run->w.api, b->spec->namespace, b->spec->name);
	if (cur)
		nodes_admit_pod(b->run->n, cur);
}

/* ---- actions ------------------------------------------------------------- */

static const api_pod *action_pod(run *r, const action_spec *a)
{
	for (int k = 0; k < r->w.sc->n_pods; k++)
		if (strcmp(r->w.sc->pods[k].name, a->pod) == 0)
			return apiserver_pod_get(r->w.api, r->w.sc->pods[k].namespace, a->pod);
	return NULL;
}

/* Whether two specs of a pod differ (an update changes images only). */
static bool images_differ(const pod_spec *a, const pod_spec *b)
{
	for (int k = 0; k < a->n_containers; k++)
		if (strcmp(a->containers[k].image, b->containers[k].image) != 0)
			return true;
	return false;
}

/* The kubelet's watch delivers the action's write: a status patch by
 * another client (HandlePodUpdates resyncs the pod), or the deletion
 * (HandlePodUpdates, or HandlePodRemoves once the object is gone: the
 * kubelet still kills the pod, with the deletion's grace). */
static void action_deliver(engine *e, void *ctx)
{
	action_ev *ae = ctx;
	(void)e;
	if (ae->a->kind == ACTION_SET_CONDITION || ae->a->kind == ACTION_UPDATE) {
		const api_pod *cur = action_pod(ae->run, ae->a);
		kpod *p = cur ? nodes_find_pod(ae->run->n, cur->namespace, cur->name) : NULL;
		if (p && ae->a->kind == ACTION_UPDATE)
			nodes_pod_spec_updated(p, ae->a->updated);
		else if (p)
			nodes_pod_status_updated(p, cur);
		return;
	}
	kpod *p = nodes_find_pod(ae->run->n, ae->ns, ae->a->pod);
	api_pod seen;
	memset(&seen, 0, sizeof(seen));
	seen.deletion_timestamp = ae->deletion_timestamp;
	seen.deletion_grace_period_seconds = ae->deletion_grace;
	if (p)
		nodes_pod_deleted(p, &seen);
}

static void action_fire(engine *e, void *ctx)
{
	action_ev *ae = ctx;
	run *r = ae->run;
	if (ae->a->kind == ACTION_RESTART_KUBELET) {
		nodes_restart_kubelet(r->n);
		return;
	}
	const api_pod *cur = action_pod(r, ae->a);
	if (!cur)
		return;
	kpod *p = nodes_find_pod(r->n, cur->namespace, cur->name);
	if (ae->a->kind == ACTION_KILL_SANDBOX) {
		if (p)
			nodes_kill_sandbox(p);
		return;
	}
	api_pod obj;
	if (ae->a->kind == ACTION_SET_CONDITION) { /* kubectl patch --subresource=status */
		if (api_pod_condition_status(&cur->status, ae->a->cond_type) == ae->a->cond_status)
			return; /* a no-op patch: no write, no watch event */
		api_pod_copy(&obj, cur);
		bool ok = api_pod_set_extra_condition(&obj.status, ae->a->cond_type, ae->a->cond_status);
		assert(ok); /* the loader bounds the types per pod */
		(void)ok;
		apiserver_pod_update(r->w.api, engine_now(e), &obj, "status patch by another client");
		api_pod_release(&obj);
		engine_schedule(e, &ae->deliver,
				engine_now(e) + dist_sample(&r->w.ks->admit_latency, r->n->rng));
		return;
	}
	if (ae->a->kind == ACTION_UPDATE) { /* kubectl set image */
		if (!images_differ(cur->spec, ae->a->updated))
			return; /* a no-op update: no write, no watch event */
		api_pod_copy(&obj, cur);
		obj.spec = ae->a->updated;
		apiserver_pod_update(r->w.api, engine_now(e), &obj, "kubectl set image");
		api_pod_release(&obj);
		engine_schedule(e, &ae->deliver,
				engine_now(e) + dist_sample(&r->w.ks->admit_latency, r->n->rng));
		return;
	}
	if (cur->deletion_timestamp >= 0)
		return;
	snprintf(ae->ns, sizeof(ae->ns), "%s", cur->namespace);
	registry_pod_delete(r->w.api, engine_now(e), cur->namespace, cur->name,
			    ae->a->grace_period_seconds >= 0, ae->a->grace_period_seconds,
			    "kubectl delete");
	cur = apiserver_pod_get(r->w.api, ae->ns, ae->a->pod);
	ae->deletion_timestamp = cur ? cur->deletion_timestamp : engine_now(e);
	ae->deletion_grace = cur ? cur->deletion_grace_period_seconds : 0;
	if (p)
		engine_schedule(e, &ae->deliver,
				engine_now(e) + dist_sample(&r->w.ks->admit_latency, r->n->rng));
}

/* ---- outputs --------------------------------------------------------------- */

static void watch_begin(engine *e, void *ctx)
{
	run *r = ctx;
	if (r->gw)
		print_get_watch_begin(r->gw, engine_now(e));
	if (r->ew)
		print_events_watch_begin(r->ew, engine_now(e));
	if (r->jw) {
		const api_pod **pods;
		int n = apiserver_pod_list(r->w.api, &pods);
		report_json_watch_begin(r->jw, engine_now(e), pods, n);
		free(pods);
	}
}

static void describe_fire(engine *e, void *ctx)
{
	run *r = ctx;
	const api_pod **pods;
	int n = apiserver_pod_list(r->w.api, &pods);
	describe_opts opts = {.epoch_unix = r->w.epoch_unix, .kubectl_minor = r->w.version_minor};
	for (int k = 0; k < n; k++) {
		const api_event **evs;
		int ne = apiserver_events_for(r->w.api, pods[k]->uid, &evs);
		if (k)
			fputs("\n\n", r->out); /* kubectl separates described objects so */
		print_describe_pod(r->out, pods[k], evs, ne, engine_now(e), &opts);
		free(evs);
	}
	free(pods);
}

/* `kubectl logs --previous` and `kubectl logs` of every container, at the
 * end of the run: the newest two instances (the runtime keeps a few more
 * for the pod cache until its container GC removes them). */
static void print_logs(run *r)
{
	for (int k = 0; k < r->n->n_pods; k++) {
		const kpod *p = r->n->pods[k];
		for (int c = 0; c < p->n_ctrs; c++)
			for (int i = p->ctrs[c].n_inst > 2 ? p->ctrs[c].n_inst - 2 : 0;
			     i < p->ctrs[c].n_inst; i++) {
				const container_instance *in = p->ctrs[c].inst[i];
				const char *const *lines;
				int n = runtime_log(in, &lines);
				fprintf(r->out, "==> %s/%s (restart %d%s) <==\n", p->meta.name,
					p->ctrs[c].spec->name, in->restart_count,
					in->started >= 0 ? "" : ", never started");
				for (int l = 0; l < n; l++)
					fprintf(r->out, "%s\n", lines[l]);
				size_t len;
				const char *part = runtime_log_partial(in, &len);
				if (len) /* kubectl shows it without a newline */
					fprintf(r->out, "%.*s\n", (int)len, part);
			}
	}
}

static void attach_outputs(run *r)
{
	engine *e = r->w.eng;
	const sim_options *o = r->o;
	switch (o->output) {
	case OUT_GET:
	case OUT_WIDE:
		r->gw = print_get_watch_new(r->out, o->output == OUT_WIDE, o->explain);
		apiserver_add_sink(r->w.api, print_get_watch_sink(r->gw));
		break;
	case OUT_EVENTS:
		r->ew = print_events_watch_new(r->out);
		apiserver_add_sink(r->w.api, print_events_watch_sink(r->ew));
		break;
	case OUT_JSON:
		r->jw = report_json_watch_new(r->out, r->w.epoch_unix);
		apiserver_add_sink(r->w.api, report_json_watch_sink(r->jw));
		break;
	case OUT_DESCRIBE:
		/* after every other event of its instant (the last periodic
		 * rank): describe at D shows the state once all events at
		 * times <= D are applied, as the end of a run of --duration D */
		engine_timer_init(&r->describe, describe_fire, r);
		engine_timer_set_periodic(&r->describe, UINT32_MAX);
		break;
	case OUT_TIMELINE:
		r->tl = print_timeline_new(r->w.sc, r->out);
		apiserver_add_sink(r->w.api, print_timeline_sink(r->tl));
		break;
	case OUT_LOGS:
	case OUT_NONE:
		break;
	}
	r->m = o->collect ? o->collect : o->metrics ? metrics_new(r->w.sc) : NULL;
	if (r->m)
		apiserver_add_sink(r->w.api, metrics_sink(r->m));
	r->w.journal = r->m ? metrics_journal(r->m) : NULL;
	/* --watch-from D shows the state once every event at times <= D is
	 * applied, as describe at D does (the rank just before describe's); the
	 * default watch starts at 0 before anything, as `kubectl get -w` run
	 * before `kubectl apply` */
	engine_timer_init(&r->watch_begin, watch_begin, r);
	if (o->watch_from > 0)
		engine_timer_set_periodic(&r->watch_begin, UINT32_MAX - 1);
	engine_schedule(e, &r->watch_begin, o->watch_from);
}

static void schedule_world(run *r)
{
	const scenario *sc = r->w.sc;
	engine *e = r->w.eng;
	r->boots = xcalloc((size_t)sc->n_pods + 1, sizeof(pod_boot));
	for (int k = 0; k < sc->n_pods; k++) {
		pod_boot *b = &r->boots[k];
		b->run = r;
		b->spec = &sc->pods[k];
		engine_timer_init(&b->create, pod_create, b);
		engine_timer_init(&b->bind, pod_bind, b);
		engine_timer_init(&b->admit, pod_admit, b);
		engine_schedule(e, &b->create, 0);
	}
	r->actions = xcalloc((size_t)sc->settings.n_actions + 1, sizeof(action_ev));
	for (int k = 0; k < sc->settings.n_actions; k++) {
		action_ev *ae = &r->actions[k];
		ae->run = r;
		ae->a = &sc->settings.actions[k];
		engine_timer_init(&ae->t, action_fire, ae);
		engine_timer_init(&ae->deliver, action_deliver, ae);
		engine_schedule(e, &ae->t, ae->a->at);
	}
}

static void teardown(run *r)
{
	engine_cancel_all(r->w.eng);
	world_free_all(&r->w);
	nodes_free(r->n);
	if (r->gw)
		print_get_watch_free(r->gw);
	if (r->ew)
		print_events_watch_free(r->ew);
	if (r->jw)
		report_json_watch_free(r->jw);
	if (r->tl)
		print_timeline_free(r->tl);
	if (r->m != r->o->collect)
		metrics_free(r->m);
	recorder_free(r->w.rec);
	apiserver_free(r->w.api);
	engine_free(r->w.eng);
	for (int k = 0; k < r->w.n_warnings; k++)
		free(r->w.warnings[k]);
	free(r->w.warnings);
	free(r->boots);
	free(r->actions);
}

sim_state *sim_start(const scenario *sc, const sim_options *o, FILE *out)
{
	run *r = xcalloc(1, sizeof(*r));
	r->o = o;
	r->out = out;
	r->w.sc = sc;
	r->w.ks = &sc->settings.kubelet;
	r->w.seed = run_seed(sc, o);
	r->w.epoch_unix = sc->settings.start_time_unix;
	r->w.version_minor = sc->settings.kubelet.version_minor;
	r->w.explain = o->explain;
	r->w.eng = engine_new();
	world_init_objs(&r->w);
	r->w.api = apiserver_new();
	r->w.rec = recorder_new(r->w.api, "kubelet", sc->settings.kubelet.node_name,
				r->w.epoch_unix);
	r->n = nodes_new(&r->w, sc->settings.kubelet.node_name);
	attach_outputs(r);
	if (o->output == OUT_DESCRIBE)
		engine_schedule(r->w.eng, &r->describe,
				o->describe_at_set ? o->describe_at : sim_duration(sc, o));
	schedule_world(r);
	return r;
}

void sim_advance(sim_state *r, simtime_t until)
{
	engine_run(r->w.eng, until);
	r->until = until;
}

struct node *sim_node(sim_state *r)
{
	return r->n;
}

struct apiserver *sim_apiserver(sim_state *r)
{
	return r->w.api;
}

simtime_t sim_now(const sim_state *r)
{
	return r->until;
}

/* A deletion asked through the API while the run is served: the same path
 * as a scenario's delete action, fired at the current instant. */
typedef struct api_delete {
	world_obj obj;
	action_ev ae;
	action_spec a;
	char name[API_NAME_LEN];
} api_delete;

int sim_delete_pod(sim_state *r, const char *ns, const char *name, int64_t grace)
{
	const api_pod *cur = apiserver_pod_get(r->w.api, ns, name);
	if (!cur || !cur->spec || strcmp(cur->spec->namespace, ns) != 0)
		return -1;
	api_delete *d = world_alloc(&r->w, sizeof(*d), NULL);
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->a = (action_spec){ .kind = ACTION_DELETE, .at = r->until, .pod = d->name,
			      .grace_period_seconds = grace };
	d->ae.run = r;
	d->ae.a = &d->a;
	engine_timer_init(&d->ae.t, action_fire, &d->ae);
	engine_timer_init(&d->ae.deliver, action_deliver, &d->ae);
	engine_schedule(r->w.eng, &d->ae.t, r->until);
	engine_run(r->w.eng, r->until);
	return 0;
}

/* kubectl logs reads the newest instance, --previous the one before it
 * (kuberuntime_container.go GetContainerLogs via
 * kubelet_pods.go validateContainerLogStatus); the log is what print_logs
 * shows for that instance. */
int sim_pod_log(sim_state *r, const char *ns, const char *pod, const char *ctr, bool previous,
		char **text)
{
	*text = NULL;
	for (int k = 0; k < r->n->n_pods; k++) {
		const kpod *p = r->n->pods[k];
		if (strcmp(p->meta.namespace, ns) != 0 || strcmp(p->meta.name, pod) != 0)
			continue;
		for (int c = 0; c < p->n_ctrs; c++) {
			if (strcmp(p->ctrs[c].spec->name, ctr) != 0)
				continue;
			int i = p->ctrs[c].n_inst - (previous ? 2 : 1);
			if (i < 0)
				return SIM_LOG_NO_INSTANCE;
			const container_instance *in = p->ctrs[c].inst[i];
			const char *const *lines;
			int n = runtime_log(in, &lines);
			size_t len = 1, plen;
			const char *part = runtime_log_partial(in, &plen);
			for (int l = 0; l < n; l++)
				len += strlen(lines[l]) + 1;
			char *buf = xmalloc(len + plen), *w = buf;
			for (int l = 0; l < n; l++)
				w += sprintf(w, "%s\n", lines[l]);
			if (plen)
				memcpy(w, part, plen);
			w[plen] = '\0';
			*text = buf;
			return 0;
		}
		return SIM_LOG_NO_CONTAINER;
	}
	return SIM_LOG_NO_POD;
}

static void print_stats(run *r, FILE *err)
{
	engine_stats st = engine_get_stats(r->w.eng);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(err, "podsim: stats: seed=%llu events=%llu scheduled=%llu cancelled=%llu maxrss_kb=%ld\n",
		(unsigned long long)r->w.seed, (unsigned long long)st.dispatched,
		(unsigned long long)st.scheduled, (unsigned long long)st.cancelled, ru.ru_maxrss);
}

void sim_finish(sim_state *r, FILE *err)
{
	if (r->o->output == OUT_LOGS)
		print_logs(r);
	if (r->tl)
		print_timeline_finish(r->tl, r->until);
	if (r->m)
		metrics_finish(r->m, r->until);
	if (r->o->metrics)
		metrics_print(r->m, r->out);
	if (r->o->stats)
		print_stats(r, err);
	if (!r->o->quiet_warnings)
		for (int k = 0; k < r->w.n_warnings; k++)
			fprintf(err, "podsim: warning: %s\n", r->w.warnings[k]);
	fflush(r->out);
	teardown(r);
	free(r);
}

int sim_run(const scenario *sc, const sim_options *o, FILE *out, FILE *err)
{
	sim_state *r = sim_start(sc, o, out);
	/* only describe lists stored events; stepped runs (tests) keep them */
	apiserver_keep_events(r->w.api, o->output == OUT_DESCRIBE);
	sim_advance(r, sim_duration(sc, o));
	sim_finish(r, err);
	return EXIT_OK;
}
