/* print_timeline.c - the data of a pod timeline plot, from the watch.
 *
 * Like the metrics collector (metrics.c), this is a watch sink: it sees the
 * pod objects and events the API server commits, what `kubectl get -w` and
 * `kubectl get events -w` show, and nothing of the kubelet.  Lanes: one per
 * pod (its Ready spans) and one per container instance, numbered from 0 in
 * the order the runtime created them; an instance is told apart by its
 * containerID (status.containerStatuses[].containerID, new for each
 * instance), and a waiting state belongs to the instance that comes next
 * (ContainerCreating before the first, CrashLoopBackOff before a restart),
 * since the kubelet reports the next start's wait (kuberuntime
 * computePodActions, then the status manager).  Marks: each event the
 * kubelet records about a container (Killing, Unhealthy: a failed or
 * errored probe, BackOff) on the lane of its current instance, at the
 * instant the API server stored it (an aggregated event repeats as a
 * count update, one mark each), and a restart where restartCount grows.
 * Probe successes are not in the API (the prober records only failures,
 * pkg/kubelet/prober/prober.go recordContainerEvent), so ticks show
 * failures; the Ready lane shows when readiness succeeded.
 * Output, written at the end of the run, sorted by lane, then start:
 *     # podsim timeline 1: ...
 *     lane <TAB> name <TAB> kind <TAB> start_s <TAB> end_s <TAB> detail
 * kind is waiting, running, terminated (spans of an instance: detail is the
 * reason, and for terminated the exit code), ready (a span of the pod
 * lane), or a mark (end_s = start_s): kill, probe (detail: liveness,
 * readiness or startup, then failed or errored), backoff, restart.
 * Rejected: reading the prober's results (a printer never reaches back into
 * the kubelet; style.md), and printing as the run goes (lane numbers need
 * every lane, and a pod's lanes stay together).
 */
#include "print_timeline.h"

#include <stdlib.h>
#include <string.h>

typedef enum { K_WAITING, K_RUNNING, K_TERMINATED, K_READY, K_KILL, K_PROBE, K_BACKOFF,
	       K_RESTART } kind;
static const char *const kind_names[] = { "waiting", "running", "terminated", "ready",
					  "kill",    "probe",   "backoff",    "restart" };

typedef struct item {
	int pod, ctr, inst; /* ctr -1: the pod's lane */
	kind k;
	simtime_t start, end;
	char detail[API_REASON_LEN + 16];
	int seq;
} item;

/* What one container shows now: the open span and its instance. */
typedef struct ctr_track {
	char id[API_ID_LEN];  /* containerID of the newest instance seen */
	int instances;        /* instances seen (containerIDs) */
	int restarts;
	bool open;
	item span;
} ctr_track;

typedef struct pod_track {
	ctr_track *c;         /* init containers, then containers */
	int n;
	simtime_t ready_since;/* -1: not Ready */
	bool gone;
} pod_track;

struct print_timeline {
	const scenario *sc;
	FILE *out;
	pod_track *p;
	item *items;
	int n_items, cap;
};

print_timeline *print_timeline_new(const scenario *sc, FILE *out)
{
	print_timeline *t = xcalloc(1, sizeof(*t));
	t->sc = sc;
	t->out = out;
	t->p = xcalloc((size_t)sc->n_pods + 1, sizeof(pod_track));
	for (int k = 0; k < sc->n_pods; k++) {
		t->p[k].n = sc->pods[k].n_init_containers + sc->pods[k].n_containers;
		t->p[k].c = xcalloc((size_t)t->p[k].n + 1, sizeof(ctr_track));
		t->p[k].ready_since = -1;
	}
	return t;
}

static void add(print_timeline *t, item it)
{
	if (t->n_items == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->items = xrealloc(t->items, (size_t)t->cap * sizeof(item));
	}
	it.seq = t->n_items;
	t->items[t->n_items++] = it;
}

static item mark(int pod, int ctr, int inst, kind k, simtime_t at, const char *detail)
{
	item it = { pod, ctr, inst, k, at, at, "", 0 };
	snprintf(it.detail, sizeof(it.detail), "%s", detail);
	return it;
}

/* The open span of c ends at now. */
static void close_span(print_timeline *t, ctr_track *c, simtime_t now)
{
	if (!c->open)
		return;
	c->span.end = now;
	add(t, c->span);
	c->open = false;
}

/* The newest instance ended without the API showing it terminated (the
 * kubelet restarted it, or began the wait for the next, within one status
 * update): its lastState says when and how it ended; dead until now. */
static void replaced(print_timeline *t, ctr_track *c, const api_container_state *last,
		     simtime_t now)
{
	if (!c->open || c->span.k == K_WAITING || c->span.inst != c->instances - 1)
		return;
	bool known = last->kind == STATE_TERMINATED && last->finished_at >= c->span.start &&
		     last->finished_at <= now;
	if (!known || c->span.k == K_TERMINATED) {
		close_span(t, c, now);
		return;
	}
	close_span(t, c, last->finished_at);
	item dead = c->span;
	dead.k = K_TERMINATED;
	dead.start = last->finished_at;
	snprintf(dead.detail, sizeof(dead.detail), "%s exit %d", last->reason, last->exit_code);
	c->span = dead;
	c->open = true;
	close_span(t, c, now);
}

/* One container's status: follow its instance, open a new span on change. */
static void on_status(print_timeline *t, int pod, int ctr, const api_container_status *s,
		      simtime_t now)
{
	ctr_track *c = &t->p[pod].c[ctr];
	const api_container_state *st = &s->state;
	if (st->kind == STATE_NONE)
		return;
	if (s->container_id[0] && strcmp(s->container_id, c->id) && st->kind != STATE_WAITING) {
		if (c->instances > 0)
			replaced(t, c, &s->last_state, now);
		snprintf(c->id, sizeof(c->id), "%s", s->container_id);
		c->instances++;
	}
	/* a wait is the next instance's; running and terminated the newest's */
	int inst = st->kind == STATE_WAITING ? c->instances : c->instances - 1;
	kind k = st->kind == STATE_WAITING ? K_WAITING : st->kind == STATE_RUNNING ? K_RUNNING
										   : K_TERMINATED;
	char detail[sizeof(c->span.detail)];
	if (k == K_TERMINATED)
		snprintf(detail, sizeof(detail), "%s exit %d", st->reason, st->exit_code);
	else
		snprintf(detail, sizeof(detail), "%s", k == K_RUNNING ? "" : st->reason);
	if (c->open && c->span.inst == inst && c->span.k == k && !strcmp(c->span.detail, detail))
		return;
	if (k == K_WAITING && c->open && c->span.k == K_RUNNING)
		replaced(t, c, &s->last_state, now); /* it died, now the next one waits */
	close_span(t, c, now);
	c->span = mark(pod, ctr, inst < 0 ? 0 : inst, k, now, detail);
	c->open = true;
	if (s->restart_count > c->restarts)
		add(t, mark(pod, ctr, c->span.inst, K_RESTART, now, ""));
	c->restarts = s->restart_count;
}

static void on_pod(void *ctx, simtime_t now, watch_type type, const api_pod *obj, const char *why)
{
	print_timeline *t = ctx;
	(void)why;
	ptrdiff_t k = obj->spec - t->sc->pods;
	assert(k >= 0 && k < t->sc->n_pods);
	pod_track *p = &t->p[k];
	if (p->gone)
		return;
	const api_pod_status *st = &obj->status;
	for (int i = 0; i < st->n_init_statuses && i < p->n; i++)
		on_status(t, (int)k, i, &st->init_statuses[i], now);
	for (int i = 0; i < st->n_statuses && obj->spec->n_init_containers + i < p->n; i++)
		on_status(t, (int)k, obj->spec->n_init_containers + i, &st->statuses[i], now);
	bool ready = type != WATCH_DELETED && api_pod_status_ready(&obj->status);
	if (ready && p->ready_since < 0)
		p->ready_since = now;
	else if (!ready && p->ready_since >= 0) {
		item it = mark((int)k, -1, 0, K_READY, p->ready_since, "");
		it.end = now;
		add(t, it);
		p->ready_since = -1;
	}
	if (type == WATCH_DELETED) {
		for (int i = 0; i < p->n; i++)
			close_span(t, &p->c[i], now);
		p->gone = true;
	}
}

/* The pod and container of an event about a container (field path
 * spec.containers{NAME} or spec.initContainers{NAME}); -1 if none. */
static int event_container(const print_timeline *t, const api_event *ev, int *pod)
{
	const char *open = strchr(ev->field_path, '{');
	*pod = -1;
	for (int k = 0; k < t->sc->n_pods; k++)
		if (!strcmp(t->sc->pods[k].name, ev->involved_name) &&
		    !strcmp(t->sc->pods[k].namespace, ev->namespace))
			*pod = k;
	if (*pod < 0 || !open)
		return -1;
	const pod_spec *p = &t->sc->pods[*pod];
	size_t len = strcspn(open + 1, "}");
	for (int i = 0; i < p->n_init_containers + p->n_containers; i++) {
		const char *name = i < p->n_init_containers
					   ? p->init_containers[i].name
					   : p->containers[i - p->n_init_containers].name;
		if (strlen(name) == len && !strncmp(name, open + 1, len))
			return i;
	}
	return -1;
}

/* "Liveness probe failed: ..." -> "liveness failed". */
static void probe_detail(const char *msg, char *buf, size_t len)
{
	size_t kind = strcspn(msg, " ");
	snprintf(buf, len, "%.*s %s", (int)kind, msg, strstr(msg, "errored") ? "errored" : "failed");
	buf[0] = (char)(buf[0] | 0x20); /* lower case, as the probe's name */
}

static void on_event(void *ctx, simtime_t now, watch_type type, const api_event *ev)
{
	print_timeline *t = ctx;
	int pod, ctr = event_container(t, ev, &pod);
	(void)type;
	if (ctr < 0)
		return;
	const ctr_track *c = &t->p[pod].c[ctr];
	int inst = c->instances > 0 ? c->instances - 1 : 0;
	char detail[64] = "";
	if (!strcmp(ev->reason, "Killing"))
		add(t, mark(pod, ctr, inst, K_KILL, now, ""));
	else if (!strcmp(ev->reason, "Unhealthy")) {
		probe_detail(ev->message, detail, sizeof(detail));
		add(t, mark(pod, ctr, inst, K_PROBE, now, detail));
	} else if (!strcmp(ev->reason, "BackOff"))
		add(t, mark(pod, ctr, c->instances, K_BACKOFF, now, ""));
}

watch_sink print_timeline_sink(print_timeline *t)
{
	return (watch_sink){ on_pod, on_event, t };
}

static int by_lane(const void *pa, const void *pb)
{
	const item *a = pa, *b = pb;
	if (a->pod != b->pod)
		return a->pod < b->pod ? -1 : 1;
	if (a->ctr != b->ctr)
		return a->ctr < b->ctr ? -1 : 1;
	if (a->inst != b->inst)
		return a->inst < b->inst ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *ctr_name(const pod_spec *p, int i)
{
	return i < p->n_init_containers ? p->init_containers[i].name
					: p->containers[i - p->n_init_containers].name;
}

void print_timeline_finish(print_timeline *t, simtime_t end)
{
	for (int k = 0; k < t->sc->n_pods; k++) {
		pod_track *p = &t->p[k];
		for (int i = 0; !p->gone && i < p->n; i++)
			close_span(t, &p->c[i], end);
		if (!p->gone && p->ready_since >= 0) {
			item it = mark(k, -1, 0, K_READY, p->ready_since, "");
			it.end = end;
			add(t, it);
		}
	}
	qsort(t->items, (size_t)t->n_items, sizeof(item), by_lane);
	fputs("# podsim timeline 1: one span or mark a line, times in seconds from the start;"
	      " README \"Plots\"\n# lane\tname\tkind\tstart_s\tend_s\tdetail\n", t->out);
	int lane = -1;
	for (int i = 0; i < t->n_items; i++) {
		const item *it = &t->items[i];
		if (i == 0 || it->pod != it[-1].pod || it->ctr != it[-1].ctr || it->inst != it[-1].inst)
			lane++;
		const pod_spec *p = &t->sc->pods[it->pod];
		char name[3 * API_NAME_LEN];
		if (it->ctr < 0)
			snprintf(name, sizeof(name), "%s", p->name);
		else
			snprintf(name, sizeof(name), "%s/%s#%d", p->name, ctr_name(p, it->ctr), it->inst);
		fprintf(t->out, "%d\t%s\t%s\t%.3f\t%.3f\t%s\n", lane, name, kind_names[it->k],
			(double)it->start / 1e9, (double)it->end / 1e9, it->detail[0] ? it->detail : "-");
	}
}

void print_timeline_free(print_timeline *t)
{
	for (int k = 0; k < t->sc->n_pods; k++)
		free(t->p[k].c);
	free(t->p);
	free(t->items);
	free(t);
}
