/* metrics.c - lifecycle metrics of one run, from the pods as the API shows them.
 *
 * The collector is one more watch sink next to the printers, so a metric
 * is a function of the same records a user sees with `kubectl get -w`:
 * the Ready condition, the containers' restartCount and waiting reason, at
 * the instants the API server committed them.  Spans (Ready, in
 * CrashLoopBackOff) open and close at those instants, and whatever is
 * still open is closed at the end of the run or the pod's deletion.  A pod
 * is found by its spec pointer (api_pod.spec points into the scenario), so
 * an update costs the same with one pod or a fleet.  It reads only what it
 * is given and writes only its own arrays, so runs on several threads each
 * have their own collector and nothing is shared.
 * The fault metrics need what no observer of the API sees: when the app
 * really hung.  That ground truth comes from the processes through one
 * narrow read-only interface, the faults_journal (faults.h) the collector
 * owns: per container instance its start, the end of its startup, the first
 * signal the runtime delivered and its exit, and every fault window drawn.
 * A kill is an instance whose first signal was a SIGTERM (the kubelet's
 * StopContainer; a sandbox kill is a SIGKILL) while the pod was not being
 * deleted (no deletionTimestamp committed yet) and before its
 * activeDeadlineSeconds ran out since status.startTime: that leaves the
 * probe kills (and a failed postStart hook's kill).
 * Rejected: reading the kubelet's state (the metric would describe the
 * model rather than what an observer of the cluster can measure), and
 * counting kills from events (the recorder aggregates and may combine
 * messages, so a count would depend on spam filtering).
 */
#include "metrics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct track {
	simtime_t created, gone;       /* -1 = not yet */
	simtime_t ready_since;         /* -1 = not Ready now */
	simtime_t crash_since;         /* -1 = not in CrashLoopBackOff now */
	simtime_t ready_ns, crash_ns;  /* closed spans */
	simtime_t ready_at, restart_at;/* first instants; -1 = never */
	int restarts;
	simtime_t deleting, started;   /* deletionTimestamp / status.startTime seen; -1 = not */
	simtime_t *flips;              /* instants Ready changed, from not Ready at creation */
	int n_flips, cap_flips;
} track;

struct metrics {
	const scenario *sc;
	track *t;
	metrics_pod *res;
	faults_journal *j; /* owned */
};

static const char *const names[METRIC_COUNT] = {
	"ready_at_s", "ever_ready", "ready_fraction", "not_ready_s",
	"first_restart_s", "restarts", "crashloop_s", "kills", "false_kills", "hangs",
	"detect_not_ready_s", "detect_kill_s",
};

const char *metrics_name(metric_id id)
{
	assert(id >= 0 && id < METRIC_COUNT);
	return names[id];
}

bool metrics_is_proportion(metric_id id)
{
	return id == METRIC_EVER_READY;
}

metrics *metrics_new(const scenario *sc)
{
	metrics *m = xcalloc(1, sizeof(*m));
	m->sc = sc;
	m->t = xcalloc((size_t)sc->n_pods + 1, sizeof(track));
	m->res = xcalloc((size_t)sc->n_pods + 1, sizeof(metrics_pod));
	for (int k = 0; k < sc->n_pods; k++) {
		track *t = &m->t[k];
		t->created = t->gone = t->ready_since = t->crash_since = -1;
		t->ready_at = t->restart_at = -1;
		t->deleting = t->started = -1;
		m->res[k].spec = &sc->pods[k];
	}
	m->j = faults_journal_new();
	return m;
}

faults_journal *metrics_journal(metrics *m)
{
	return m->j;
}

/* Ready changed at now. */
static void flip(track *t, simtime_t now)
{
	if (t->n_flips == t->cap_flips) {
		t->cap_flips = t->cap_flips ? 2 * t->cap_flips : 8;
		t->flips = xrealloc(t->flips, (size_t)t->cap_flips * sizeof(*t->flips));
	}
	t->flips[t->n_flips++] = now;
}

static bool waiting_crashloop(const api_container_status *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i].state.kind == STATE_WAITING && !strcmp(s[i].state.reason, "CrashLoopBackOff"))
			return true;
	return false;
}

static int restart_sum(const api_pod_status *st)
{
	int n = 0;
	for (int i = 0; i < st->n_init_statuses; i++)
		n += st->init_statuses[i].restart_count;
	for (int i = 0; i < st->n_statuses; i++)
		n += st->statuses[i].restart_count;
	return n;
}

/* Open or close the span *since at now as on says; closed time goes to *sum. */
static void span(simtime_t *since, simtime_t *sum, bool on, simtime_t now)
{
	if (on && *since < 0)
		*since = now;
	else if (!on && *since >= 0) {
		*sum += now - *since;
		*since = -1;
	}
}

static void on_pod(void *ctx, simtime_t now, watch_type type, const api_pod *obj, const char *why)
{
	metrics *m = ctx;
	(void)why;
	ptrdiff_t k = obj->spec - m->sc->pods;
	assert(k >= 0 && k < m->sc->n_pods);
	track *t = &m->t[k];
	if (t->gone >= 0)
		return;
	if (t->created < 0)
		t->created = now;
	bool alive = type != WATCH_DELETED;
	bool ready = alive && api_pod_status_ready(&obj->status);
	const api_pod_status *st = &obj->status;
	bool crash = alive && (waiting_crashloop(st->init_statuses, st->n_init_statuses) ||
			       waiting_crashloop(st->statuses, st->n_statuses));
	if (ready != (t->ready_since >= 0))
		flip(t, now);
	span(&t->ready_since, &t->ready_ns, ready, now);
	if (obj->deletion_timestamp >= 0 && t->deleting < 0)
		t->deleting = now;
	if (st->start_time >= 0 && t->started < 0)
		t->started = st->start_time;
	span(&t->crash_since, &t->crash_ns, crash, now);
	if (ready && t->ready_at < 0)
		t->ready_at = now;
	t->restarts = restart_sum(st);
	if (t->restarts > 0 && t->restart_at < 0)
		t->restart_at = now;
	if (!alive)
		t->gone = now;
}

watch_sink metrics_sink(metrics *m)
{
	return (watch_sink){ .pod_event = on_pod, .ctx = m };
}

static double secs(simtime_t d)
{
	return (double)d / 1e9;
}

static double since_creation(const track *t, simtime_t at)
{
	return at < 0 ? NAN : secs(at - t->created);
}

/* Whether the pod was Ready at instant at (flips alternate, from not Ready). */
static bool ready_at(const track *t, simtime_t at)
{
	int n = 0;
	while (n < t->n_flips && t->flips[n] <= at)
		n++;
	return n % 2 == 1;
}

/* The first instant in [from, until) at which Ready turned false, or -1. */
static simtime_t not_ready_after(const track *t, simtime_t from, simtime_t until)
{
	for (int i = 1; i < t->n_flips; i += 2)
		if (t->flips[i] >= from && t->flips[i] < until)
			return t->flips[i];
	return -1;
}

/* A probe kill: see the top comment. */
static bool is_kill(const track *t, const faults_instance *in)
{
	const pod_spec *ps = in->pod;
	if (in->first_signal != 15)
		return false;
	if (t->deleting >= 0 && in->signalled >= t->deleting)
		return false;
	return !(ps->active_deadline_seconds >= 0 && t->started >= 0 &&
		 in->signalled >= t->started + SEC(ps->active_deadline_seconds));
}

/* Whether window x is a hang of pod ps that began in the run while its
 * instance was alive. */
static bool hang_of(const faults_window *w, const faults_instance *in, const pod_spec *ps,
		    simtime_t stop)
{
	const faults_instance *hi = &in[w->instance];
	return hi->pod == ps && w->kind == FAULT_HANG && w->onset < stop && w->onset < hi->exited;
}

/* kills, false kills, hangs and the first hang's detection latencies of pod k. */
static void fault_metrics(const metrics *m, int k, simtime_t stop, double *v)
{
	const faults_instance *in;
	const faults_window *w;
	int n_in = faults_journal_instances(m->j, &in), n_w = faults_journal_windows(m->j, &w);
	const track *t = &m->t[k];
	const pod_spec *ps = &m->sc->pods[k];
	int kills = 0, false_kills = 0, hangs = 0;
	for (int i = 0; i < n_in; i++) {
		if (in[i].pod != ps || !is_kill(t, &in[i]) || in[i].signalled >= stop)
			continue;
		kills++;
		false_kills += in[i].healthy_when_signalled;
	}
	const faults_window *first = NULL; /* windows are logged as drawn: find the earliest */
	for (int x = 0; x < n_w; x++)
		if (hang_of(&w[x], in, ps, stop)) {
			hangs++;
			first = !first || w[x].onset < first->onset ? &w[x] : first;
		}
	v[METRIC_KILLS] = kills;
	v[METRIC_FALSE_KILLS] = false_kills;
	v[METRIC_HANGS] = hangs;
	v[METRIC_DETECT_NOT_READY] = v[METRIC_DETECT_KILL] = NAN;
	if (!first)
		return;
	const faults_instance *hi = &in[first->instance];
	simtime_t until = first->end < stop ? first->end : stop;
	simtime_t nr = ready_at(t, first->onset) ? not_ready_after(t, first->onset, until) : -1;
	if (nr >= 0)
		v[METRIC_DETECT_NOT_READY] = secs(nr - first->onset);
	if (is_kill(t, hi) && hi->signalled < until && hi->signalled >= first->onset)
		v[METRIC_DETECT_KILL] = secs(hi->signalled - first->onset);
}

void metrics_finish(metrics *m, simtime_t end)
{
	for (int k = 0; k < m->sc->n_pods; k++) {
		track *t = &m->t[k];
		double *v = m->res[k].v;
		for (int i = 0; i < METRIC_COUNT; i++)
			v[i] = NAN;
		if (t->created < 0)
			continue; /* never created within the run */
		simtime_t stop = t->gone >= 0 ? t->gone : end;
		span(&t->ready_since, &t->ready_ns, false, stop);
		span(&t->crash_since, &t->crash_ns, false, stop);
		simtime_t life = stop - t->created;
		v[METRIC_READY_AT] = since_creation(t, t->ready_at);
		v[METRIC_EVER_READY] = t->ready_at >= 0;
		v[METRIC_READY_FRACTION] = life > 0 ? (double)t->ready_ns / (double)life : 0;
		v[METRIC_NOT_READY] = secs(life - t->ready_ns);
		v[METRIC_FIRST_RESTART] = since_creation(t, t->restart_at);
		v[METRIC_RESTARTS] = t->restarts;
		v[METRIC_CRASHLOOP] = secs(t->crash_ns);
		fault_metrics(m, k, stop, v);
	}
}

const metrics_pod *metrics_pods(const metrics *m, int *n)
{
	*n = m->sc->n_pods;
	return m->res;
}

void metrics_free(metrics *m)
{
	if (!m)
		return;
	for (int k = 0; k < m->sc->n_pods; k++)
		free(m->t[k].flips);
	free(m->t);
	free(m->res);
	faults_journal_free(m->j);
	free(m);
}

void metrics_format(metric_id id, double v, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (id == METRIC_RESTARTS || id == METRIC_EVER_READY || id == METRIC_KILLS ||
		 id == METRIC_FALSE_KILLS || id == METRIC_HANGS)
		snprintf(buf, len, "%.0f", v);
	else if (id == METRIC_READY_FRACTION)
		snprintf(buf, len, "%.4f", v);
	else
		snprintf(buf, len, "%.3f", v);
}

void metrics_print(const metrics *m, FILE *out)
{
	fprintf(out, "\n%-24s %-20s %s\n", "POD", "METRIC", "VALUE");
	for (int k = 0; k < m->sc->n_pods; k++)
		for (int i = 0; i < METRIC_COUNT; i++) {
			char val[32];
			metrics_format((metric_id)i, m->res[k].v[i], val, sizeof(val));
			fprintf(out, "%-24s %-20s %s\n", m->sc->pods[k].name, names[i], val);
		}
}
