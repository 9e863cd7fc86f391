/* sweep.c - `podsim sweep`: runs over a grid of manifest values x seeds, in one process.
 *
 * Each --set names one numeric field of the pods' manifests and the values it
 * takes; the grid is their cartesian product (the first --set varies
 * slowest), and every grid point runs the same seeds (common random
 * numbers: a difference between two points is the parameter's, not the
 * draws').  A grid point is its own scenario, loaded from the files and
 * then set, before any run starts; runs only read it (sim.h), so the runs
 * of all points are spread over -j threads that take run indices from one
 * atomic counter.  Each run fills its own metrics collector (metrics.c) and
 * its values go to a slot given by its index, and the output is written
 * after the last run in index order, so it is the same bytes whatever -j is.
 * Output: per grid point, pod and metric one summary row on stdout (n,
 * mean, sd, median, p90, p99 and a 95 % interval: Student's t for means,
 * Wilson's for proportions, computed with GSL); with --runs FILE, one row
 * per run and pod.  Both are CSV; an undefined value (a pod never Ready) is
 * NA and is left out of its summary, whose n says how many remained.  On a
 * terminal, stderr shows the progress with an estimate of the time left.
 * Rejected: a process per run (3 ms of start-up each, and the catalogue
 * parsed every time), and reloading the scenario per run (the grid point is
 * the only thing that changes).
 */
#include "sweep.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "metrics.h"
#include "rng.h"
#include "sim.h"
#include "sweep_shard.h"

/* Each grid point holds a loaded scenario, hence the smaller bound. */
enum { MAX_AXES = 8, MAX_POINTS = 1000, MAX_RUNS = 1000000, MAX_THREADS = 256,
       MAX_POD_RUNS = 10000000 /* 7 doubles each: 560 MB */ };

/* ---- axes: PATH=VALUES ---------------------------------------------------- */

/* Probe fields with the lower bound API validation gives them. */
static const struct { const char *name; int min; } probe_fields[] = {
	{ "initialDelaySeconds", 0 }, { "timeoutSeconds", 1 }, { "periodSeconds", 1 },
	{ "successThreshold", 1 },    { "failureThreshold", 1 },
};
enum { N_PROBE_FIELDS = sizeof(probe_fields) / sizeof(probe_fields[0]) };
static const char *const probe_names[] = { "livenessProbe", "readinessProbe", "startupProbe" };
#define POD_GRACE "spec.terminationGracePeriodSeconds"

static int find_name(const char *s, size_t len, const char *const *names, size_t stride, int n)
{
	for (int i = 0; i < n; i++) {
		const char *name = *(const char *const *)((const char *)names + (size_t)i * stride);
		if (strlen(name) == len && !strncmp(s, name, len))
			return i;
	}
	return -1;
}

/* spec.containers[I].PROBE.FIELD, or spec.terminationGracePeriodSeconds. */
static int parse_path(const char *path, size_t len, sweep_axis *a)
{
	a->container = a->probe = a->field = -1;
	if (len == strlen(POD_GRACE) && !strncmp(path, POD_GRACE, len))
		return 0;
	const char *head = "spec.containers[";
	if (strncmp(path, head, strlen(head)))
		return -1;
	char *end;
	errno = 0;
	long idx = strtol(path + strlen(head), &end, 10);
	if (errno || end == path + strlen(head) || idx < 0 || idx > 1000 || strncmp(end, "].", 2))
		return -1;
	const char *probe = end + 2, *dot = memchr(probe, '.', len - (size_t)(probe - path));
	if (!dot)
		return -1;
	a->container = (int)idx;
	a->probe = find_name(probe, (size_t)(dot - probe), probe_names, sizeof(char *), 3);
	a->field = find_name(dot + 1, len - (size_t)(dot + 1 - path), &probe_fields[0].name,
			     sizeof(probe_fields[0]), N_PROBE_FIELDS);
	return a->probe < 0 || a->field < 0 ? -1 : 0;
}

static int parse_int(const char *s, const char *end, int64_t *out)
{
	char *stop;
	errno = 0;
	long long v = strtoll(s, &stop, 10);
	if (errno || stop != end || s == end || v < 0 || v > INT32_MAX)
		return -1;
	*out = v;
	return 0;
}

static void add_value(sweep_axis *a, int64_t v)
{
	a->values = xrealloc(a->values, (size_t)(a->n_values + 1) * sizeof(int64_t));
	a->values[a->n_values++] = v;
}

/* A..B/STEP (inclusive, STEP default 1) or V1,V2,...; whole numbers >= 0. */
static int parse_values(const char *s, sweep_axis *a)
{
	const char *dots = strstr(s, "..");
	if (dots) {
		const char *slash = strchr(dots, '/');
		const char *bend = slash ? slash : s + strlen(s);
		int64_t lo, hi, step = 1;
		if (parse_int(s, dots, &lo) || parse_int(dots + 2, bend, &hi) ||
		    (slash && parse_int(slash + 1, s + strlen(s), &step)) || step < 1 || hi < lo ||
		    (hi - lo) / step >= MAX_POINTS)
			return -1;
		for (int64_t v = lo; v <= hi; v += step)
			add_value(a, v);
		return 0;
	}
	for (const char *p = s;;) {
		const char *comma = strchr(p, ',');
		const char *end = comma ? comma : p + strlen(p);
		int64_t v;
		if (parse_int(p, end, &v) || a->n_values >= MAX_POINTS)
			return -1;
		add_value(a, v);
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

int sweep_axis_parse(const char *arg, sweep_axis *a, char *err, size_t errlen)
{
	memset(a, 0, sizeof(*a));
	const char *eq = strchr(arg, '='), *colon = strchr(arg, ':');
	if (colon && (!eq || colon < eq)) {
		a->pod = xasprintf("%.*s", (int)(colon - arg), arg);
		arg = colon + 1;
	}
	if (!eq || parse_path(arg, (size_t)(eq - arg), a) < 0) {
		snprintf(err, errlen, "--set: \"%.*s\": unknown field (spec.containers[I].PROBE.FIELD "
			 "or %s; PROBE livenessProbe, readinessProbe or startupProbe; FIELD "
			 "initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold or "
			 "failureThreshold)", eq ? (int)(eq - arg) : (int)strlen(arg), arg, POD_GRACE);
		return -1;
	}
	a->path = xasprintf("%s%s%.*s", a->pod ? a->pod : "", a->pod ? ":" : "", (int)(eq - arg),
			    arg);
	if ((a->pod && !a->pod[0]) || parse_values(eq + 1, a) < 0) {
		snprintf(err, errlen, "--set: %s: bad values \"%s\" (V1,V2,... or A..B/STEP, whole "
			 "numbers from 0, at most %d of them)", a->path, eq + 1, MAX_POINTS);
		sweep_axis_release(a);
		return -1;
	}
	return 0;
}

void sweep_axis_release(sweep_axis *a)
{
	free(a->pod);
	free(a->path);
	free(a->values);
	memset(a, 0, sizeof(*a));
}

static int apply_probe(const sweep_axis *a, int64_t v, pod_spec *p, char *err, size_t errlen)
{
	if (a->container >= p->n_containers) {
		snprintf(err, errlen, "--set: %s: pod %s has %d container%s", a->path, p->name,
			 p->n_containers, p->n_containers == 1 ? "" : "s");
		return -1;
	}
	container_spec *c = &p->containers[a->container];
	probe_spec *pr = a->probe == 0 ? c->liveness : a->probe == 1 ? c->readiness : c->startup;
	if (!pr) {
		snprintf(err, errlen, "--set: %s: container %s of pod %s has no %s", a->path,
			 c->name, p->name, probe_names[a->probe]);
		return -1;
	}
	int *fields[] = { &pr->initial_delay_seconds, &pr->timeout_seconds, &pr->period_seconds,
			  &pr->success_threshold, &pr->failure_threshold };
	/* as the loader: ValidateProbe wants successThreshold 1 unless readiness */
	if (v < probe_fields[a->field].min || (a->field == 3 && a->probe != 1 && v != 1)) {
		snprintf(err, errlen, "--set: %s: %lld is out of range (%s)", a->path, (long long)v,
			 a->field == 3 && a->probe != 1 ? "1 for liveness and startup probes"
			 : probe_fields[a->field].min ? "a positive integer" : "0 or more");
		return -1;
	}
	*fields[a->field] = (int)v;
	return 0;
}

int sweep_axis_apply(const sweep_axis *a, int64_t v, scenario *sc, char *err, size_t errlen)
{
	int matched = 0;
	for (int k = 0; k < sc->n_pods; k++) {
		if (a->pod && strcmp(a->pod, sc->pods[k].name))
			continue;
		matched++;
		if (a->probe < 0)
			sc->pods[k].termination_grace_seconds = v;
		else if (apply_probe(a, v, &sc->pods[k], err, errlen) < 0)
			return -1;
	}
	if (!matched)
		snprintf(err, errlen, "--set: %s: no pod named \"%s\"", a->path, a->pod);
	return matched ? 0 : -1;
}

/* ---- statistics ------------------------------------------------------------ */

sweep_summary sweep_summarise(const double *v, int n, bool proportion)
{
	sweep_summary s = { 0, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
	double *x = xmalloc(((size_t)n + 1) * sizeof(double));
	for (int i = 0; i < n; i++)
		if (!isnan(v[i]))
			x[s.n++] = v[i];
	if (s.n > 0) {
		size_t m = (size_t)s.n;
		gsl_sort(x, 1, m);
		s.mean = gsl_stats_mean(x, 1, m);
		s.median = gsl_stats_quantile_from_sorted_data(x, 1, m, 0.5);
		s.p90 = gsl_stats_quantile_from_sorted_data(x, 1, m, 0.9);
		s.p99 = gsl_stats_quantile_from_sorted_data(x, 1, m, 0.99);
	}
	if (s.n > 1)
		s.sd = gsl_stats_sd_m(x, 1, (size_t)s.n, s.mean);
	if (proportion && s.n > 0) {
		/* Wilson score interval, z = 1.96 quantile of the normal */
		double z = gsl_cdf_ugaussian_Pinv(0.975), nn = s.n, p = s.mean;
		double c = (p + z * z / (2 * nn)) / (1 + z * z / nn);
		double h = z / (1 + z * z / nn) * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn));
		s.lo = c - h;
		s.hi = c + h;
	} else if (s.n > 1) {
		double h = gsl_cdf_tdist_Pinv(0.975, s.n - 1) * s.sd / sqrt(s.n);
		s.lo = s.mean - h;
		s.hi = s.mean + h;
	}
	free(x);
	return s;
}

/* ---- the sweep -------------------------------------------------------------- */

typedef struct sweep {
	const char **files;
	int n_files;
	sweep_axis axes[MAX_AXES];
	int n_axes;
	uint64_t seed_lo, seed_hi;
	bool duration_set;
	simtime_t duration;
	int threads;
	const char *runs_path;
	int shard, n_shards; /* n_shards 0: the whole sweep */
	uint64_t fingerprint;/* of the files, for the shard header */
	const char *duration_text; /* --duration as given, else "scenario" */
	/* filled by prepare/run */
	scenario *points; /* one per grid point */
	const char **pods;/* the names of points[0]'s pods */
	sweep_table t;    /* what the outputs are made of */
} sweep;

static int fail(const char *fmt, const char *arg)
{
	fputs("podsim: sweep: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return EXIT_BADINPUT;
}

static int parse_seeds(sweep *s, const char *v)
{
	const char *dots = v ? strstr(v, "..") : NULL;
	char *end;
	if (!dots)
		return fail("--seeds: bad range \"%s\" (A..B)", v ? v : "");
	errno = 0;
	unsigned long long lo = strtoull(v, &end, 10), hi;
	if (errno || end != dots || v[0] == '-' || end == v)
		return fail("--seeds: bad range \"%s\" (A..B)", v);
	hi = strtoull(dots + 2, &end, 10);
	if (errno || *end || dots[2] == '-' || end == dots + 2 || hi < lo || hi - lo >= MAX_RUNS)
		return fail("--seeds: bad range \"%s\" (A..B, A <= B, at most 1000000 seeds)", v);
	s->seed_lo = lo;
	s->seed_hi = hi;
	return 0;
}

static int parse_threads(sweep *s, const char *v)
{
	char *end;
	long j = v ? strtol(v, &end, 10) : 0;
	if (!v || *end || end == v || j < 1 || j > MAX_THREADS)
		return fail("-j: bad thread count \"%s\" (1 to 256)", v ? v : "");
	s->threads = (int)j;
	return 0;
}

static const char sweep_usage[] =
	"usage: podsim sweep [options] FILE...\n"
	"  --set [POD:]PATH=VALUES\n"
	"                     a grid axis: PATH is spec.containers[I].PROBE.FIELD (PROBE\n"
	"                     livenessProbe, readinessProbe, startupProbe; FIELD\n"
	"                     initialDelaySeconds, timeoutSeconds, periodSeconds,\n"
	"                     successThreshold, failureThreshold) or\n"
	"                     spec.terminationGracePeriodSeconds, set in every pod or\n"
	"                     only in pod POD; VALUES is V1,V2,... or A..B/STEP;\n"
	"                     repeat for more axes\n"
	"  --seeds A..B       the seeds run at every grid point (default 1..100)\n"
	"  --duration D       virtual time per run (default: the scenario's)\n"
	"  -j N               threads (default: the online CPUs); output is the same\n"
	"  --runs FILE        also write one CSV row per run and pod to FILE\n"
	"  --shard K/N        run only shard K (0 to N-1) of N and write it for\n"
	"                     podsim merge; by default K is $JOB_COMPLETION_INDEX\n"
	"                     (a Kubernetes Indexed Job) when N is given by\n"
	"  --shards N         or $PODSIM_SHARDS\n"
	"stdout: CSV, one row per grid point, pod and metric; the metrics and the\n"
	"summary are defined in the README, \"Lifecycle metrics and sweeps\".\n";

/* N shards, K from JOB_COMPLETION_INDEX (unless --shard gave both). */
static int parse_shards(sweep *s, const char *v, const char *what)
{
	char spec[64];
	const char *index = getenv("JOB_COMPLETION_INDEX");
	if (s->n_shards && !strcmp(what, "--shards"))
		return fail("%s", "--shards: not with --shard K/N");
	if (!index)
		return fail("%s: JOB_COMPLETION_INDEX is not set (outside an Indexed Job, use "
			    "--shard K/N)", what);
	snprintf(spec, sizeof(spec), "%.20s/%.20s", index, v ? v : "");
	if (sweep_shard_parse(spec, &s->shard, &s->n_shards) < 0)
		return fail("%s: shard \"%s\" from JOB_COMPLETION_INDEX is not K/N with 0 <= K < N",
			    spec);
	return 0;
}

/* One option at argv[*i]; 1 = not an option (a file), 0 = ok, else exit code. */
static int parse_option(sweep *s, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
	char err[512];
	if (a[0] != '-' || !a[1])
		return 1;
	++*i;
	if (!strcmp(a, "--set")) {
		if (s->n_axes == MAX_AXES)
			return fail("--set: more than %s axes", "8");
		if (!v || sweep_axis_parse(v, &s->axes[s->n_axes], err, sizeof(err)) < 0)
			return fail("%s", v ? err : "--set needs PATH=VALUES");
		s->n_axes++;
		return 0;
	}
	if (!strcmp(a, "--seeds"))
		return parse_seeds(s, v);
	if (!strcmp(a, "-j"))
		return parse_threads(s, v);
	if (!strcmp(a, "--runs")) {
		s->runs_path = v;
		return v ? 0 : fail("%s needs a file name", a);
	}
	if (!strcmp(a, "--shard")) {
		if (sweep_shard_parse(v, &s->shard, &s->n_shards) == 0)
			return 0;
		return fail("--shard: bad shard \"%s\" (K/N, 0 <= K < N)", v ? v : "");
	}
	if (!strcmp(a, "--shards"))
		return parse_shards(s, v, "--shards");
	if (!strcmp(a, "--duration")) {
		if (sweep_duration_option(v, &s->duration) == 0) {
			s->duration_text = v;
			s->duration_set = true;
			return 0;
		}
		return fail("--duration: bad duration \"%s\" (Go syntax such as 500ms, 10s, 2m30s)",
			    v ? v : "");
	}
	--*i;
	return fail("unknown option \"%s\" (see podsim sweep --help)", a);
}

int sweep_default_threads(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (int)cpus;
}

int sweep_duration_option(const char *v, simtime_t *d)
{
	if (v && duration_parse(v, d) == 0 && *d > 0)
		return 0;
	return -1;
}

static int parse(sweep *s, int argc, char **argv)
{
	s->seed_lo = 1;
	s->seed_hi = 100;
	s->threads = sweep_default_threads();
	s->files = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++) {
		int rc = parse_option(s, argc, argv, &i);
		if (rc == 1)
			s->files[s->n_files++] = argv[i];
		else if (rc)
			return rc;
	}
	if (!s->n_files)
		return fail("%s", "no scenario file given");
	const char *env = getenv("PODSIM_SHARDS");
	if (!s->n_shards && env && getenv("JOB_COMPLETION_INDEX")) {
		int rc = parse_shards(s, env, "PODSIM_SHARDS");
		if (rc)
			return rc;
	}
	if (s->n_shards && s->runs_path)
		return fail("%s", "--runs: not with shards (podsim merge --runs writes it)");
	if (!s->duration_text)
		s->duration_text = "scenario";
	if (s->n_shards && sweep_shard_fingerprint((const char *const *)s->files, s->n_files,
						   &s->fingerprint) < 0)
		return EXIT_BADINPUT;
	return 0;
}

int64_t sweep_axis_value(const sweep_table *t, int a, int pt)
{
	assert(a >= 0 && a < t->n_axes && pt >= 0 && pt < t->n_points);
	for (int b = t->n_axes - 1; b > a; b--)
		pt /= t->axes[b].n_values;
	return t->axes[a].values[pt % t->axes[a].n_values];
}

/* Load the files for grid point pt and set its values; warnings of point 0
 * only (every point would repeat them). */
static int load_point(sweep *s, int pt)
{
	char err[1024];
	scenario *sc = &s->points[pt];
	scenario_init(sc);
	for (int k = 0; k < s->n_files; k++)
		if (scenario_load_file(sc, s->files[k], err, sizeof(err)) < 0)
			return fail("%s", err);
	for (int a = 0; a < s->n_axes; a++)
		if (sweep_axis_apply(&s->axes[a], sweep_axis_value(&s->t, a, pt), sc, err, sizeof(err)) < 0)
			return fail("%s", err);
	if (scenario_finish(sc, err, sizeof(err)) < 0)
		return fail("%s", err);
	if (sc->n_pods == 0)
		return fail("%s: no v1 Pod document in the input: nothing to simulate",
			    s->files[s->n_files - 1]);
	for (int k = 0; pt == 0 && k < sc->n_warnings; k++)
		fprintf(stderr, "podsim: warning: %s\n", sc->warnings[k]);
	return 0;
}

static int prepare(sweep *s)
{
	int64_t points = 1;
	for (int a = 0; a < s->n_axes && points <= MAX_POINTS; a++)
		points *= s->axes[a].n_values;
	if (points > MAX_POINTS)
		return fail("%s: more than 1000 grid points", "--set");
	sweep_table *t = &s->t;
	t->axes = s->axes;
	t->n_axes = s->n_axes;
	t->n_points = (int)points;
	t->seed_lo = s->seed_lo;
	t->n_seeds = (int)(s->seed_hi - s->seed_lo + 1);
	if ((int64_t)t->n_points * t->n_seeds > MAX_RUNS)
		return fail("%s: more than 1000000 runs (grid points x seeds)", "--set/--seeds");
	s->points = xcalloc((size_t)t->n_points, sizeof(scenario));
	for (int pt = 0; pt < t->n_points; pt++) {
		int rc = load_point(s, pt);
		if (rc) {
			t->n_points = pt + 1; /* release what was loaded */
			return rc;
		}
	}
	t->n_pods = s->points[0].n_pods;
	if ((int64_t)t->n_points * t->n_seeds * t->n_pods > MAX_POD_RUNS)
		return fail("%s: more than 10000000 pod-runs (grid points x seeds x pods)",
			    "--set/--seeds");
	s->pods = xcalloc((size_t)t->n_pods, sizeof(char *));
	for (int k = 0; k < t->n_pods; k++)
		s->pods[k] = s->points[0].pods[k].name;
	t->pods = s->pods;
	int total = t->n_points * t->n_seeds;
	t->run_lo = s->n_shards ? (int)((int64_t)total * s->shard / s->n_shards) : 0;
	t->run_hi = s->n_shards ? (int)((int64_t)total * (s->shard + 1) / s->n_shards) : total;
	t->vals = xcalloc((size_t)(t->run_hi - t->run_lo) * (size_t)t->n_pods + 1,
			  METRIC_COUNT * sizeof(double));
	return 0;
}

/* ---- runs on threads ----------------------------------------------------- */

/* A batch of runs shared by the threads. */
typedef struct batch {
	const sweep_job *jobs;
	int n;
	const sweep_job_options *o;
	FILE *null;
	atomic_int next, done;
	bool tty;             /* stderr is a terminal: show progress */
	double t0;            /* monotonic seconds at the first run */
	pthread_mutex_t lock; /* orders the progress lines */
	int shown;            /* the last percentage shown */
} batch;

static void run_job(const batch *b, const sweep_job *j)
{
	metrics *m = metrics_new(j->sc);
	sim_options o = { .seed_set = true, .seed = j->seed,
			  .duration_set = b->o->duration_set, .duration = b->o->duration,
			  .output = OUT_NONE, .quiet_warnings = true, .collect = m };
	sim_run(j->sc, &o, b->null, stderr);
	int n;
	const metrics_pod *res = metrics_pods(m, &n);
	for (int k = 0; k < n; k++)
		memcpy(j->vals + (size_t)k * METRIC_COUNT, res[k].v, sizeof(res[k].v));
	metrics_free(m);
}

static double mono_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* "sweep: 40% (2000/5000 runs), ETA 3s" on a terminal, at each whole percent
 * (a thread that finishes late does not step the line back). */
static void progress(batch *b, int done)
{
	int pct = (int)((int64_t)done * 100 / b->n);
	if (!b->tty)
		return;
	pthread_mutex_lock(&b->lock);
	if (pct > b->shown) {
		b->shown = pct;
		fprintf(stderr, "\r%s: %3d%% (%d/%d runs), ETA %.0fs ", b->o->what, pct, done, b->n,
			(mono_seconds() - b->t0) / done * (b->n - done));
		if (pct == 100)
			fputc('\n', stderr);
	}
	pthread_mutex_unlock(&b->lock);
}

static void *worker(void *arg)
{
	batch *b = arg;
	for (int i; (i = atomic_fetch_add(&b->next, 1)) < b->n;) {
		run_job(b, &b->jobs[i]);
		progress(b, atomic_fetch_add(&b->done, 1) + 1);
	}
	return NULL;
}

int sweep_run_jobs(const sweep_job *jobs, int n, const sweep_job_options *o)
{
	pthread_t tid[MAX_THREADS];
	int started = 0;
	batch b = { .jobs = jobs, .n = n, .o = o, .tty = o->progress && isatty(STDERR_FILENO),
		    .t0 = mono_seconds(), .shown = -1 };
	assert(o->threads >= 1 && o->threads <= MAX_THREADS);
	if (n == 0)
		return EXIT_OK;
	if (!(b.null = fopen("/dev/null", "w"))) {
		fprintf(stderr, "podsim: %s: /dev/null: %s\n", o->what, strerror(errno));
		return EXIT_RUNTIME;
	}
	atomic_init(&b.next, 0);
	atomic_init(&b.done, 0);
	pthread_mutex_init(&b.lock, NULL);
	for (; started < o->threads - 1 && started < n - 1; started++)
		if (pthread_create(&tid[started], NULL, worker, &b) != 0)
			break; /* the threads that did start, and this one, do the work */
	worker(&b);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&b.lock);
	fclose(b.null);
	return EXIT_OK;
}

/* This sweep's (or shard's) runs, in run order. */
static int run_all(sweep *s)
{
	const sweep_table *t = &s->t;
	int n = t->run_hi - t->run_lo;
	sweep_job *jobs = xcalloc((size_t)n + 1, sizeof(*jobs));
	for (int i = 0; i < n; i++) {
		int run = t->run_lo + i;
		jobs[i].sc = &s->points[run / t->n_seeds];
		jobs[i].seed = t->seed_lo + (uint64_t)(run % t->n_seeds);
		jobs[i].vals = &t->vals[(size_t)i * (size_t)t->n_pods * METRIC_COUNT];
	}
	sweep_job_options o = { s->threads, s->duration_set, s->duration, true, "sweep" };
	int rc = sweep_run_jobs(jobs, n, &o);
	free(jobs);
	return rc;
}

/* ---- output ------------------------------------------------------------------ */

static void csv_head(const sweep_table *t, FILE *out)
{
	fputs("point", out);
	for (int a = 0; a < t->n_axes; a++)
		fprintf(out, ",%s", t->axes[a].path);
}

static void csv_point(const sweep_table *t, int pt, FILE *out)
{
	fprintf(out, "%d", pt);
	for (int a = 0; a < t->n_axes; a++)
		fprintf(out, ",%lld", (long long)sweep_axis_value(t, a, pt));
}

static const double *run_vals(const sweep_table *t, int run, int pod)
{
	assert(run >= t->run_lo && run < t->run_hi && pod >= 0 && pod < t->n_pods);
	return &t->vals[((size_t)(run - t->run_lo) * (size_t)t->n_pods + (size_t)pod) *
			METRIC_COUNT];
}

void sweep_write_runs(const sweep_table *t, FILE *out)
{
	assert(t->run_lo == 0 && t->run_hi == t->n_points * t->n_seeds);
	csv_head(t, out);
	fputs(",seed,pod", out);
	for (int i = 0; i < METRIC_COUNT; i++)
		fprintf(out, ",%s", metrics_name((metric_id)i));
	fputc('\n', out);
	for (int run = 0; run < t->run_hi; run++)
		for (int k = 0; k < t->n_pods; k++) {
			const double *v = run_vals(t, run, k);
			csv_point(t, run / t->n_seeds, out);
			fprintf(out, ",%llu,%s",
				(unsigned long long)(t->seed_lo + (uint64_t)(run % t->n_seeds)),
				t->pods[k]);
			for (int i = 0; i < METRIC_COUNT; i++) {
				char buf[32];
				metrics_format((metric_id)i, v[i], buf, sizeof(buf));
				fprintf(out, ",%s", isnan(v[i]) ? "NA" : buf);
			}
			fputc('\n', out);
		}
}

static void put_num(FILE *out, double v)
{
	if (isnan(v))
		fputs(",NA", out);
	else
		fprintf(out, ",%.6g", v);
}

void sweep_write_summary(const sweep_table *t, FILE *out)
{
	assert(t->run_lo == 0 && t->run_hi == t->n_points * t->n_seeds);
	double *col = xmalloc((size_t)t->n_seeds * sizeof(double));
	csv_head(t, out);
	fputs(",pod,metric,n,mean,sd,median,p90,p99,ci95_lo,ci95_hi\n", out);
	for (int pt = 0; pt < t->n_points; pt++)
		for (int k = 0; k < t->n_pods; k++)
			for (int i = 0; i < METRIC_COUNT; i++) {
				for (int r = 0; r < t->n_seeds; r++)
					col[r] = run_vals(t, pt * t->n_seeds + r, k)[i];
				sweep_summary m = sweep_summarise(col, t->n_seeds,
								  metrics_is_proportion((metric_id)i));
				csv_point(t, pt, out);
				fprintf(out, ",%s,%s,%d", t->pods[k], metrics_name((metric_id)i), m.n);
				double f[] = { m.mean, m.sd, m.median, m.p90, m.p99, m.lo, m.hi };
				for (size_t j = 0; j < sizeof(f) / sizeof(f[0]); j++)
					put_num(out, f[j]);
				fputc('\n', out);
			}
	free(col);
}

/* The per-run CSV to path (NULL: none); an EXIT_* code. */
int sweep_write_runs_file(const sweep_table *t, const char *path)
{
	if (!path)
		return EXIT_OK;
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "podsim: %s: cannot write: %s\n", path, strerror(errno));
		return EXIT_RUNTIME;
	}
	sweep_write_runs(t, f);
	if (fclose(f) != 0) {
		fprintf(stderr, "podsim: %s: write error\n", path);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

static int write_outputs(const sweep *s, FILE *out)
{
	if (s->n_shards) {
		sweep_shard_header h = { s->shard, s->n_shards, s->fingerprint, s->duration_text };
		sweep_shard_write(&s->t, &h, out);
	} else {
		int rc = sweep_write_runs_file(&s->t, s->runs_path);
		if (rc)
			return rc;
		sweep_write_summary(&s->t, out);
	}
	return fflush(out) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

static void release(sweep *s)
{
	for (int pt = 0; s->points && pt < s->t.n_points; pt++)
		scenario_release(&s->points[pt]);
	for (int a = 0; a < s->n_axes; a++)
		sweep_axis_release(&s->axes[a]);
	free(s->points);
	free(s->pods);
	free(s->t.vals);
	free(s->files);
}

int sweep_main(int argc, char **argv)
{
	return sweep_run(argc, argv, stdout);
}

int sweep_run(int argc, char **argv, FILE *out)
{
	if (argc == 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
		fputs(sweep_usage, out);
		return EXIT_OK;
	}
	sweep s;
	memset(&s, 0, sizeof(s));
	int rc = parse(&s, argc, argv);
	if (!rc)
		rc = prepare(&s);
	if (!rc)
		rc = run_all(&s);
	if (!rc)
		rc = write_outputs(&s, out);
	release(&s);
	return rc;
}
