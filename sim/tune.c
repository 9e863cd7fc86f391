/* tune.c - `podsim tune`: the probe settings that best meet objectives under
 * constraints, by successive halving with common random numbers.
 *
 * The candidates are the grid of --param values (as sweep's --set; by
 * default the period and failure threshold of every probe of the first
 * pod's first container), each a loaded scenario.  Round r runs every
 * candidate still in the race on seeds seed .. seed + n_r - 1, n_r =
 * runs_min * 2^r up to runs_max, each round adding only the seeds a
 * candidate lacks; every candidate sees the same seeds (common random
 * numbers), so two candidates are compared run by run: a's cost minus b's
 * on the same seed, with a paired t interval.  After a round that is not
 * the last, the candidates are ranked (surely infeasible last, then
 * infeasible by the mean, then by how many others dominate them by the
 * means, then by the first objective, then by grid order) and the better
 * half stays; of the other half, a candidate stays too unless a kept
 * feasible one is significantly better on every objective (paired
 * interval below 0) or a limit's 95 % interval lies wholly on the wrong
 * side of it.  So runs go where candidates are close, and every candidate
 * that reaches the last round has runs_max runs.  Decisions read only
 * the values, which do not depend on the threads (sweep_run_jobs), so the
 * result is the same for a seed whatever -j is.
 * Rejected: a fixed budget per candidate (runs wasted on clearly bad
 * settings), racing with independent seeds per candidate (the noise of
 * the draws would hide differences that CRN shows at once), and
 * Bayesian optimisation (a grid of integer probe fields is small).
 */
#include "tune.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* as sweep.c: the values of every run are kept (7 doubles a pod-run: 560 MB) */
enum { MAX_CANDS = 1000, MAX_THREADS = 256, MAX_POD_RUNS = 10000000 };

static int fail(const char *fmt, const char *arg)
{
	fputs("podsim: tune: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return EXIT_BADINPUT;
}

/* ---- statistics on candidates ---------------------------------------------- */

static double value(const tune *t, const tune_cand *c, int run, const tune_metric *m)
{
	return c->vals[((size_t)run * (size_t)t->n_pods + (size_t)m->pod) * METRIC_COUNT + m->id];
}

sweep_summary tune_summary(const tune *t, const tune_cand *c, const tune_metric *m)
{
	double *col = xmalloc(((size_t)c->n + 1) * sizeof(double));
	for (int r = 0; r < c->n; r++)
		col[r] = value(t, c, r, m);
	sweep_summary s = sweep_summarise(col, c->n, metrics_is_proportion(m->id));
	free(col);
	return s;
}

double tune_cost(const tune *t, const tune_cand *c, const tune_goal *g)
{
	double mean = tune_summary(t, c, &g->m).mean;
	return isnan(mean) ? INFINITY : g->maximize ? -mean : mean;
}

static bool meets(double mean, const tune_limit *l)
{
	return !isnan(mean) && (l->at_most ? mean <= l->limit : mean >= l->limit);
}

bool tune_feasible(const tune *t, const tune_cand *c)
{
	for (int i = 0; i < t->n_limits; i++)
		if (!meets(tune_summary(t, c, &t->limits[i].m).mean, &t->limits[i]))
			return false;
	return true;
}

/* Some limit's 95 % interval lies wholly on its wrong side. */
static bool surely_infeasible(const tune *t, const tune_cand *c)
{
	for (int i = 0; i < t->n_limits; i++) {
		const tune_limit *l = &t->limits[i];
		sweep_summary s = tune_summary(t, c, &l->m);
		if (s.n == 0 || (l->at_most ? s.lo > l->limit : s.hi < l->limit))
			return true;
	}
	return false;
}

bool tune_dominates(const tune *t, const tune_cand *a, const tune_cand *b)
{
	bool less = false;
	for (int i = 0; i < t->n_goals; i++) {
		if (a->cost[i] > b->cost[i])
			return false;
		less |= a->cost[i] < b->cost[i];
	}
	return less;
}

bool tune_better(const tune *t, const tune_cand *a, const tune_cand *b, const tune_goal *g)
{
	int n = a->n < b->n ? a->n : b->n;
	double *d = xmalloc(((size_t)n + 1) * sizeof(double));
	for (int r = 0; r < n; r++) /* NAN, left out, when either is undefined */
		d[r] = (g->maximize ? -1 : 1) * (value(t, a, r, &g->m) - value(t, b, r, &g->m));
	sweep_summary s = sweep_summarise(d, n, false);
	free(d);
	return s.n > 1 && s.hi < 0;
}

/* ---- options --------------------------------------------------------------- */

static int parse_count(const char *name, const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long n = v ? strtol(v, &end, 10) : 0;
	if (!v || *end || end == v || errno || n < lo || n > hi) {
		fprintf(stderr, "podsim: tune: %s: bad number \"%s\" (%d to %d)\n", name, v ? v : "",
			lo, hi);
		return EXIT_BADINPUT;
	}
	*out = (int)n;
	return 0;
}

static int add_param(tune *t, const char *v)
{
	char err[600];
	if (t->n_params == TUNE_MAX_PARAMS)
		return fail("--param: more than %s parameters", "8");
	if (!v)
		return fail("%s", "--param needs [POD:]PATH=VALUES");
	char *arg = xasprintf("%s", v);
	int rc = sweep_axis_parse(arg, &t->params[t->n_params], err, sizeof(err));
	free(arg);
	if (rc < 0) /* sweep's message names its option, --set */
		return fail("--param%s", strncmp(err, "--set", 5) ? err : err + 5);
	t->n_params++;
	return 0;
}

/* --minimize/--maximize METRIC and --constraint METRIC<=X: kept as text
 * until the scenario is loaded (a POD: prefix needs its pods). */
static int add_goal(tune *t, const char *opt, const char *v)
{
	if (!v)
		return fail("%s needs a [POD:]METRIC", opt);
	if (t->n_goals == TUNE_MAX_GOALS)
		return fail("%s: more than 4 objectives", opt);
	t->goals[t->n_goals].maximize = !strcmp(opt, "--maximize");
	t->goals[t->n_goals++].m.text = xasprintf("%s", v);
	return 0;
}

static int add_limit(tune *t, const char *v)
{
	const char *op = v ? strpbrk(v, "<>") : NULL;
	char *end;
	if (t->n_limits == TUNE_MAX_LIMITS)
		return fail("--constraint: more than %s constraints", "8");
	if (!op || op == v || op[1] != '=' || !op[2])
		return fail("--constraint: \"%s\" is not [POD:]METRIC<=NUMBER or [POD:]METRIC>=NUMBER",
			    v ? v : "");
	tune_limit *l = &t->limits[t->n_limits];
	errno = 0;
	l->limit = strtod(op + 2, &end);
	if (*end || errno || !isfinite(l->limit))
		return fail("--constraint: \"%s\": bad number", v);
	l->at_most = *op == '<';
	l->text = xasprintf("%s", v);
	l->m.text = xasprintf("%.*s", (int)(op - v), v);
	t->n_limits++;
	return 0;
}

static const char tune_usage[] =
	"usage: podsim tune [options] FILE...\n"
	"  --param [POD:]PATH=VALUES\n"
	"                     a parameter and the values to try, as sweep's --set\n"
	"                     (default: periodSeconds 2,5,10 and failureThreshold\n"
	"                     1,3,5 of each probe of the first pod's first container)\n"
	"  --minimize [POD:]METRIC, --maximize [POD:]METRIC\n"
	"                     an objective (its mean; POD defaults to the first pod);\n"
	"                     repeat for a Pareto front\n"
	"  --constraint '[POD:]METRIC<=X' or '[POD:]METRIC>=X'\n"
	"                     a limit on a metric's mean (a proportion for ever_ready)\n"
	"  --runs N           runs of each setting that reaches the last round (1000)\n"
	"  --first-runs N     runs of every setting in the first round (100)\n"
	"  --seed N           the first seed (1); every setting runs the same seeds\n"
	"  --duration D       virtual time per run (default: the scenario's)\n"
	"  -j N               threads (default: the online CPUs); output is the same\n"
	"  --front FILE       CSV of every setting tried, for plots/pareto.gp\n"
	"Metrics are those of podsim sweep (README, \"Lifecycle metrics and sweeps\").\n";

static int parse_seed(tune *t, const char *v)
{
	char *end;
	errno = 0;
	unsigned long long s = v ? strtoull(v, &end, 10) : 0;
	if (!v || !*v || *end || errno || v[0] == '-')
		return fail("--seed: bad number \"%s\"", v ? v : "");
	t->seed = s;
	return 0;
}

static int parse_option(tune *t, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
	if (a[0] != '-' || !a[1])
		return 1;
	++*i;
	if (!strcmp(a, "--param"))
		return add_param(t, v);
	if (!strcmp(a, "--minimize") || !strcmp(a, "--maximize"))
		return add_goal(t, a, v);
	if (!strcmp(a, "--constraint"))
		return add_limit(t, v);
	if (!strcmp(a, "--runs"))
		return parse_count(a, v, 2, 100000, &t->runs_max);
	if (!strcmp(a, "--first-runs"))
		return parse_count(a, v, 2, 100000, &t->runs_min);
	if (!strcmp(a, "-j"))
		return parse_count(a, v, 1, MAX_THREADS, &t->threads);
	if (!strcmp(a, "--seed"))
		return parse_seed(t, v);
	if (!strcmp(a, "--front")) {
		t->front_path = v;
		return v ? 0 : fail("%s needs a file name", a);
	}
	if (!strcmp(a, "--duration")) {
		if (sweep_duration_option(v, &t->duration) == 0) {
			t->duration_set = true;
			return 0;
		}
		return fail("--duration: bad duration \"%s\" (Go syntax such as 500ms, 10s, 2m30s)",
			    v ? v : "");
	}
	--*i;
	return fail("unknown option \"%s\" (see podsim tune --help)", a);
}

static int parse(tune *t, int argc, char **argv)
{
	t->seed = 1;
	t->runs_min = 100;
	t->runs_max = 1000;
	t->threads = sweep_default_threads();
	t->files = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++) {
		int rc = parse_option(t, argc, argv, &i);
		if (rc == 1)
			t->files[t->n_files++] = argv[i];
		else if (rc)
			return rc;
	}
	if (!t->n_files)
		return fail("%s", "no scenario file given");
	if (!t->n_goals)
		return fail("%s", "no objective (--minimize or --maximize METRIC)");
	if (t->runs_min > t->runs_max)
		return fail("%s", "--first-runs is more than --runs");
	return 0;
}

/* ---- candidates --------------------------------------------------------------- */

static int load(tune *t, scenario *sc)
{
	char err[1024];
	scenario_init(sc);
	for (int k = 0; k < t->n_files; k++)
		if (scenario_load_file(sc, t->files[k], err, sizeof(err)) < 0)
			return fail("%s", err);
	return 0;
}

/* "[POD:]METRIC" of the loaded scenario sc into *m. */
static int resolve_metric(const scenario *sc, tune_metric *m)
{
	const char *colon = strchr(m->text, ':'), *name = colon ? colon + 1 : m->text;
	m->pod = 0;
	if (colon) {
		m->pod = -1;
		for (int k = 0; k < sc->n_pods; k++)
			if (strlen(sc->pods[k].name) == (size_t)(colon - m->text) &&
			    !strncmp(sc->pods[k].name, m->text, (size_t)(colon - m->text)))
				m->pod = k;
		if (m->pod < 0)
			return fail("\"%s\": no such pod in the scenario", m->text);
	}
	for (int i = 0; i < METRIC_COUNT; i++)
		if (!strcmp(name, metrics_name((metric_id)i))) {
			m->id = (metric_id)i;
			return 0;
		}
	return fail("\"%s\": unknown metric (the metrics of podsim sweep; see the README)",
		    m->text);
}

/* The default grid: period and threshold of each probe of the first
 * container of the first pod (the values the Kubernetes docs' examples
 * use), set in every pod that has that probe too (else in the first only). */
static int default_params(tune *t, const scenario *sc)
{
	static const char *const probes[] = { "livenessProbe", "readinessProbe", "startupProbe" };
	const pod_spec *p = &sc->pods[0];
	const container_spec *c = &p->containers[0];
	const probe_spec *have[] = { c->liveness, c->readiness, c->startup };
	for (int k = 0; k < 3; k++) {
		if (!have[k])
			continue;
		/* every pod, unless some pod lacks the probe: then the first only */
		bool all = true;
		for (int q = 1; q < sc->n_pods; q++) {
			const container_spec *d = &sc->pods[q].containers[0];
			all &= (k == 0 ? d->liveness : k == 1 ? d->readiness : d->startup) != NULL;
		}
		char *a = xasprintf("%s%sspec.containers[0].%s.periodSeconds=2,5,10",
				    all ? "" : p->name, all ? "" : ":", probes[k]);
		char *b = xasprintf("%s%sspec.containers[0].%s.failureThreshold=%s",
				    all ? "" : p->name, all ? "" : ":", probes[k],
				    k == 2 ? "5,10,30" : "1,3,5");
		int rc = add_param(t, a);
		rc = rc ? rc : add_param(t, b);
		free(a);
		free(b);
		if (rc)
			return rc;
	}
	return t->n_params ? 0 : fail("%s: the first container has no probe: give --param",
				      sc->pods[0].name);
}

static int64_t param_value(const tune *t, int a, int cand)
{
	for (int b = t->n_params - 1; b > a; b--)
		cand /= t->params[b].n_values;
	return t->params[a].values[cand % t->params[a].n_values];
}

static int load_cand(tune *t, int i)
{
	char err[1024];
	tune_cand *c = &t->cands[i];
	c->dropped_at = -1;
	int rc = load(t, &c->sc);
	for (int a = 0; !rc && a < t->n_params; a++) {
		c->value[a] = param_value(t, a, i);
		if (sweep_axis_apply(&t->params[a], c->value[a], &c->sc, err, sizeof(err)) < 0)
			rc = fail("--param%s", err + 5);
	}
	if (!rc && scenario_finish(&c->sc, err, sizeof(err)) < 0)
		rc = fail("%s", err);
	for (int k = 0; !rc && i == 0 && k < c->sc.n_warnings; k++)
		fprintf(stderr, "podsim: warning: %s\n", c->sc.warnings[k]);
	return rc;
}

/* Load the first file set, resolve metrics and default parameters, then
 * one scenario per candidate. */
static int prepare(tune *t)
{
	scenario first;
	char err[1024];
	int rc = load(t, &first);
	if (!rc && scenario_finish(&first, err, sizeof(err)) < 0)
		rc = fail("%s", err);
	if (!rc && first.n_pods == 0)
		rc = fail("%s: no v1 Pod document in the input: nothing to simulate",
			  t->files[t->n_files - 1]);
	for (int i = 0; !rc && i < t->n_goals; i++)
		rc = resolve_metric(&first, &t->goals[i].m);
	for (int i = 0; !rc && i < t->n_limits; i++)
		rc = resolve_metric(&first, &t->limits[i].m);
	if (!rc && !t->n_params)
		rc = default_params(t, &first);
	t->n_pods = first.n_pods;
	scenario_release(&first);
	int64_t n = 1;
	for (int a = 0; !rc && a < t->n_params && n <= MAX_CANDS; a++)
		n *= t->params[a].n_values;
	if (!rc && n > MAX_CANDS)
		rc = fail("--param: more than %s settings to try", "1000");
	if (!rc && n * t->runs_max * t->n_pods > MAX_POD_RUNS)
		rc = fail("%s: more than 10000000 pod-runs (settings x --runs x pods)", "--runs");
	if (rc)
		return rc;
	t->n_cands = (int)n;
	t->cands = xcalloc((size_t)n, sizeof(tune_cand));
	for (int i = 0; i < t->n_cands; i++) {
		if ((rc = load_cand(t, i))) {
			t->n_cands = i + 1;
			return rc;
		}
		t->cands[i].vals = xcalloc((size_t)t->runs_max * (size_t)t->n_pods,
					   METRIC_COUNT * sizeof(double));
	}
	return 0;
}

/* ---- the race ------------------------------------------------------------------ */

/* Run the candidates still in the race up to n runs each. */
static int run_round(tune *t, int n)
{
	int total = 0, j = 0;
	for (int i = 0; i < t->n_cands; i++)
		if (t->cands[i].dropped_at < 0)
			total += n - t->cands[i].n;
	sweep_job *jobs = xcalloc((size_t)total + 1, sizeof(*jobs));
	for (int i = 0; i < t->n_cands; i++) {
		tune_cand *c = &t->cands[i];
		for (int r = c->n; c->dropped_at < 0 && r < n; r++, j++) {
			jobs[j].sc = &c->sc;
			jobs[j].seed = t->seed + (uint64_t)r;
			jobs[j].vals = &c->vals[(size_t)r * (size_t)t->n_pods * METRIC_COUNT];
		}
	}
	sweep_job_options o = { t->threads, t->duration_set, t->duration, true, "tune" };
	int rc = sweep_run_jobs(jobs, total, &o);
	free(jobs);
	for (int i = 0; i < t->n_cands; i++) {
		tune_cand *c = &t->cands[i];
		if (c->dropped_at >= 0)
			continue;
		c->n = n;
		for (int g = 0; g < t->n_goals; g++)
			c->cost[g] = tune_cost(t, c, &t->goals[g]);
		c->feasible = tune_feasible(t, c);
	}
	return rc;
}

/* A candidate's standing after a round, for sorting. */
typedef struct standing {
	int cand;
	bool surely_out, infeasible;
	int dominated_by;
	double cost;
} standing;

static int by_standing(const void *pa, const void *pb)
{
	const standing *a = pa, *b = pb;
	if (a->surely_out != b->surely_out)
		return a->surely_out - b->surely_out;
	if (a->infeasible != b->infeasible)
		return a->infeasible - b->infeasible;
	if (a->dominated_by != b->dominated_by)
		return a->dominated_by < b->dominated_by ? -1 : 1;
	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	return a->cand - b->cand;
}

/* Significantly worse on every objective than the feasible candidate d. */
static bool beaten(const tune *t, const tune_cand *d, const tune_cand *c)
{
	for (int g = 0; g < t->n_goals; g++)
		if (!tune_better(t, d, c, &t->goals[g]))
			return false;
	return true;
}

/* Keep the better half and whoever is not significantly worse. */
static void select_half(tune *t, int round)
{
	standing *s = xcalloc((size_t)t->n_cands, sizeof(*s));
	int n = 0;
	for (int i = 0; i < t->n_cands; i++) {
		const tune_cand *c = &t->cands[i];
		if (c->dropped_at >= 0)
			continue;
		s[n] = (standing){ i, surely_infeasible(t, c), !c->feasible, 0, c->cost[0] };
		for (int k = 0; k < t->n_cands; k++)
			if (k != i && t->cands[k].dropped_at < 0 && tune_dominates(t, &t->cands[k], c))
				s[n].dominated_by++;
		n++;
	}
	qsort(s, (size_t)n, sizeof(*s), by_standing);
	int keep = (n + 1) / 2;
	for (int r = 0; r < n; r++) {
		tune_cand *c = &t->cands[s[r].cand];
		bool drop = s[r].surely_out && r > 0; /* the best stays, feasible or not */
		for (int k = 0; !drop && r >= keep && k < keep; k++)
			drop = !s[k].infeasible && beaten(t, &t->cands[s[k].cand], c);
		if (drop)
			c->dropped_at = round;
	}
	free(s);
}

static int race(tune *t)
{
	for (int n = t->runs_min;; n = 2 * n < t->runs_max ? 2 * n : t->runs_max) {
		int alive = 0, rc = run_round(t, n);
		if (rc)
			return rc;
		for (int i = 0; i < t->n_cands; i++)
			alive += t->cands[i].dropped_at < 0;
		t->round_n[t->rounds] = n;
		t->round_alive[t->rounds++] = alive;
		if (n == t->runs_max)
			return EXIT_OK;
		select_half(t, t->rounds);
	}
}

static void release(tune *t)
{
	for (int i = 0; t->cands && i < t->n_cands; i++) {
		scenario_release(&t->cands[i].sc);
		free(t->cands[i].vals);
	}
	free(t->cands);
	for (int a = 0; a < t->n_params; a++)
		sweep_axis_release(&t->params[a]);
	for (int i = 0; i < t->n_goals; i++)
		free(t->goals[i].m.text);
	for (int i = 0; i < t->n_limits; i++) {
		free(t->limits[i].m.text);
		free(t->limits[i].text);
	}
	free(t->files);
}

int tune_main(int argc, char **argv, FILE *out)
{
	if (argc == 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
		fputs(tune_usage, out);
		return EXIT_OK;
	}
	tune t;
	memset(&t, 0, sizeof(t));
	int rc = parse(&t, argc, argv);
	if (!rc)
		rc = prepare(&t);
	if (!rc)
		rc = race(&t);
	if (!rc && t.front_path)
		rc = tune_report_csv(&t, t.front_path);
	if (!rc)
		rc = tune_report(&t, out);
	release(&t);
	return rc;
}
