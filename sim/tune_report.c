/* tune_report.c - what `podsim tune` prints: the rounds, the Pareto front,
 * the recommended setting as YAML to paste, and the trade-off in words.
 *
 * The front is made of the candidates that ran every round (runs_max runs
 * each) and meet every constraint by their mean, less those another such
 * candidate dominates by the means.  The recommendation is the front's
 * best on the first objective given (ties: the next objectives, then grid
 * order), so the order of --minimize/--maximize says what matters most.
 * The paragraph names what the recommendation costs: the setting that
 * would do better on the first objective and which limit it breaks, and,
 * with several objectives, how far they pull apart along the front.
 * Every number comes from the candidates' stored runs, so the report is
 * the same bytes for a seed whatever -j is.
 */
#include "tune.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* "livenessProbe.periodSeconds" of "[POD:]spec.containers[I].livenessProbe.periodSeconds". */
static const char *short_name(const sweep_axis *a)
{
	const char *p = strrchr(a->path, ']');
	if (p && p[1] == '.')
		return p + 2;
	p = strrchr(a->path, '.');
	return p ? p + 1 : a->path;
}

static const char *const probe_keys[] = { "livenessProbe", "readinessProbe", "startupProbe" };

/* "livenessProbe.periodSeconds=5 ..." for candidate c. */
static void label(const tune *t, const tune_cand *c, char *buf, size_t len)
{
	buf[0] = '\0';
	for (int a = 0; a < t->n_params; a++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s=%lld", a ? " " : "",
			 short_name(&t->params[a]), (long long)c->value[a]);
}

static void put_seconds_or(FILE *out, double v)
{
	if (isnan(v))
		fputs("-", out);
	else
		fprintf(out, "%.4g", v);
}

/* "12.3 [11.9, 12.7]" */
static void put_interval(FILE *out, sweep_summary s)
{
	put_seconds_or(out, s.mean);
	fputs(" [", out);
	put_seconds_or(out, s.lo);
	fputs(", ", out);
	put_seconds_or(out, s.hi);
	fputc(']', out);
}

/* The candidates of the front, best first on the goals in order. */
static int front(const tune *t, const tune_cand **f)
{
	int n = 0;
	for (int i = 0; i < t->n_cands; i++) {
		const tune_cand *c = &t->cands[i];
		bool in = c->dropped_at < 0 && c->feasible;
		for (int k = 0; in && k < t->n_cands; k++) {
			const tune_cand *d = &t->cands[k];
			in = !(d->dropped_at < 0 && d->feasible && tune_dominates(t, d, c));
		}
		if (!in)
			continue;
		int at = n++;
		for (; at > 0; at--) { /* insertion by costs, then grid order */
			int g = 0;
			while (g < t->n_goals && f[at - 1]->cost[g] == c->cost[g])
				g++;
			if (g == t->n_goals || f[at - 1]->cost[g] < c->cost[g])
				break;
			f[at] = f[at - 1];
		}
		f[at] = c;
	}
	return n;
}

static void print_rounds(const tune *t, FILE *out)
{
	fprintf(out, "podsim tune: %d setting%s, seeds %llu.., common to all; rounds (runs: "
		"settings left):", t->n_cands, t->n_cands == 1 ? "" : "s",
		(unsigned long long)t->seed);
	for (int r = 0; r < t->rounds; r++)
		fprintf(out, "%s %d: %d", r ? "," : "", t->round_n[r], t->round_alive[r]);
	fputs("\n\n", out);
}

static void print_front(const tune *t, const tune_cand *const *f, int n, FILE *out)
{
	fprintf(out, "Pareto front (%d run%s each", t->runs_max, t->runs_max == 1 ? "" : "s");
	for (int i = 0; i < t->n_limits; i++)
		fprintf(out, "%s%s", i ? ", " : "; meets ", t->limits[i].text);
	fputs("); means with 95 % intervals:\n", out);
	for (int k = 0; k < n; k++) {
		char buf[512];
		label(t, f[k], buf, sizeof(buf));
		fprintf(out, "  %s%s\n", buf, k ? "" : "   <- recommended");
		for (int g = 0; g < t->n_goals; g++) {
			fprintf(out, "      %s %s: ", t->goals[g].maximize ? "max" : "min",
				t->goals[g].m.text);
			put_interval(out, tune_summary(t, f[k], &t->goals[g].m));
			fputc('\n', out);
		}
		for (int i = 0; i < t->n_limits; i++) {
			fprintf(out, "      %s: ", t->limits[i].text);
			put_interval(out, tune_summary(t, f[k], &t->limits[i].m));
			fputc('\n', out);
		}
	}
	fputc('\n', out);
}

/* The recommended values as the manifest's YAML, one block per container
 * index (and the pod's own grace period first). */
static void print_yaml(const tune *t, const tune_cand *c, FILE *out)
{
	const pod_spec *p = &c->sc.pods[0];
	for (int a = 0; a < t->n_params; a++)
		if (t->params[a].pod)
			for (int k = 0; k < c->sc.n_pods; k++)
				if (!strcmp(c->sc.pods[k].name, t->params[a].pod))
					p = &c->sc.pods[k];
	fprintf(out, "Recommended, to paste into pod %s%s:\n\n    spec:\n", p->name,
		c->sc.n_pods > 1 && !t->params[0].pod ? " (and every pod of the scenario)" : "");
	for (int a = 0; a < t->n_params; a++)
		if (t->params[a].container < 0)
			fprintf(out, "      terminationGracePeriodSeconds: %lld\n",
				(long long)c->value[a]);
	bool head = false;
	for (int ci = 0; ci < p->n_containers; ci++) {
		bool named = false; /* one list entry per container, all its probes under it */
		for (int pr = 0; pr < 3; pr++) {
			bool open = false;
			for (int a = 0; a < t->n_params; a++) {
				const sweep_axis *x = &t->params[a];
				if (x->container != ci || x->probe != pr)
					continue;
				if (!head)
					fputs("      containers:\n", out), head = true;
				if (!named)
					fprintf(out, "      - name: %s\n", p->containers[ci].name),
						named = true;
				if (!open)
					fprintf(out, "        %s:\n", probe_keys[pr]), open = true;
				fprintf(out, "          %s: %lld\n", strchr(short_name(x), '.') + 1,
					(long long)c->value[a]);
			}
		}
	}
	fputc('\n', out);
}

/* Of the candidates better than rec on the first goal that break a limit,
 * the one closest to rec (the next step a user would try), and the limit. */
static const tune_cand *tempting(const tune *t, const tune_cand *rec, int *which)
{
	const tune_cand *best = NULL;
	for (int i = 0; i < t->n_cands; i++) {
		const tune_cand *c = &t->cands[i];
		if (!c->feasible && c->cost[0] < rec->cost[0] && (!best || c->cost[0] > best->cost[0]))
			best = c;
	}
	for (int i = 0; best && i < t->n_limits; i++) {
		double mean = tune_summary(t, best, &t->limits[i].m).mean;
		bool ok = !isnan(mean) && (t->limits[i].at_most ? mean <= t->limits[i].limit
								: mean >= t->limits[i].limit);
		if (!ok) {
			*which = i;
			break;
		}
	}
	return best;
}

static void print_tradeoff(const tune *t, const tune_cand *const *f, int n, FILE *out)
{
	char a[512], b[512];
	const tune_goal *g0 = &t->goals[0];
	int which = 0;
	label(t, f[0], a, sizeof(a));
	fprintf(out, "Trade-off: %s gives the %s mean %s (", a, g0->maximize ? "highest" : "lowest",
		g0->m.text);
	put_seconds_or(out, tune_summary(t, f[0], &g0->m).mean);
	fprintf(out, ") of the settings that met %s over all %d runs.",
		t->n_limits ? "the constraints" : "no constraint (none given)", t->runs_max);
	const tune_cand *c = tempting(t, f[0], &which);
	if (c) {
		label(t, c, b, sizeof(b));
		fputs(" The nearest setting that does better, ", out);
		fprintf(out, "%s (%s ", b, g0->m.text);
		put_seconds_or(out, tune_summary(t, c, &g0->m).mean);
		fprintf(out, " over %d runs), breaks %s: its mean is ", c->n, t->limits[which].text);
		put_seconds_or(out, tune_summary(t, c, &t->limits[which].m).mean);
		fputs(", so the constraint is what the recommendation pays for.", out);
	}
	if (n > 1 && t->n_goals > 1) {
		const tune_goal *g1 = &t->goals[1];
		fprintf(out, " No setting is best on every objective: along the front %s goes from ",
			g0->m.text);
		put_seconds_or(out, tune_summary(t, f[0], &g0->m).mean);
		fputs(" to ", out);
		put_seconds_or(out, tune_summary(t, f[n - 1], &g0->m).mean);
		fprintf(out, " while %s goes from ", g1->m.text);
		put_seconds_or(out, tune_summary(t, f[0], &g1->m).mean);
		fputs(" to ", out);
		put_seconds_or(out, tune_summary(t, f[n - 1], &g1->m).mean);
		fprintf(out, "; the recommendation favours %s, the first objective given: take "
			"another row of the front if %s matters more.", g0->m.text, g1->m.text);
	} else if (n > 1) {
		label(t, f[1], b, sizeof(b));
		fprintf(out, " The next best, %s, is %s worse run by run (paired 95 %% interval).",
			b, tune_better(t, f[0], f[1], g0) ? "significantly" : "not significantly");
	}
	fputc('\n', out);
}

int tune_report(const tune *t, FILE *out)
{
	const tune_cand **f = xcalloc((size_t)t->n_cands, sizeof(*f));
	int n = front(t, f);
	print_rounds(t, out);
	if (n == 0) {
		fputs("No setting tried meets", out);
		for (int i = 0; i < t->n_limits; i++)
			fprintf(out, "%s %s", i ? "," : "", t->limits[i].text);
		fputs(" by its mean: widen the --param ranges or relax a --constraint.\n", out);
		fputs("podsim: tune: no setting meets the constraints\n", stderr);
		free(f);
		return EXIT_RUNTIME;
	}
	print_front(t, f, n, out);
	print_yaml(t, f[0], out);
	print_tradeoff(t, f, n, out);
	free(f);
	return fflush(out) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* ---- CSV for plots/pareto.gp ------------------------------------------------- */

static void put_summary(FILE *f, sweep_summary s)
{
	double v[] = { s.mean, s.lo, s.hi };
	for (int i = 0; i < 3; i++)
		isnan(v[i]) ? fputs(",NA", f) : fprintf(f, ",%.6g", v[i]);
}

int tune_report_csv(const tune *t, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "podsim: tune: %s: cannot write: %s\n", path, strerror(errno));
		return EXIT_RUNTIME;
	}
	const tune_cand **fr = xcalloc((size_t)t->n_cands, sizeof(*fr));
	int n = front(t, fr);
	fputs("setting,label,runs,feasible,front,recommended", f);
	for (int g = 0; g < t->n_goals; g++)
		fprintf(f, ",%s,%s_lo,%s_hi", t->goals[g].m.text, t->goals[g].m.text,
			t->goals[g].m.text);
	for (int i = 0; i < t->n_limits; i++)
		fprintf(f, ",%s,%s_lo,%s_hi", t->limits[i].m.text, t->limits[i].m.text,
			t->limits[i].m.text);
	for (int a = 0; a < t->n_params; a++)
		fprintf(f, ",%s", t->params[a].path);
	fputc('\n', f);
	for (int i = 0; i < t->n_cands; i++) {
		const tune_cand *c = &t->cands[i];
		char buf[512];
		bool in = false;
		for (int k = 0; k < n; k++)
			in |= fr[k] == c;
		label(t, c, buf, sizeof(buf));
		fprintf(f, "%d,%s,%d,%d,%d,%d", i, buf, c->n, c->feasible, in, n && fr[0] == c);
		for (int g = 0; g < t->n_goals; g++)
			put_summary(f, tune_summary(t, c, &t->goals[g].m));
		for (int l = 0; l < t->n_limits; l++)
			put_summary(f, tune_summary(t, c, &t->limits[l].m));
		for (int a = 0; a < t->n_params; a++)
			fprintf(f, ",%lld", (long long)c->value[a]);
		fputc('\n', f);
	}
	free(fr);
	if (fclose(f) != 0) {
		fprintf(stderr, "podsim: tune: %s: write error\n", path);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
