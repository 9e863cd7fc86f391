/* sweep_shard.c - a sweep in shards, and `podsim merge` putting them together.
 *
 * `podsim sweep --shard K/N` runs the K-th of N contiguous slices of the
 * sweep's runs (run = grid point * seeds + seed index; slice K is runs
 * total*K/N up to total*(K+1)/N) and writes them in the format below
 * instead of the summary.  Run as a Kubernetes Indexed Job, K comes from
 * JOB_COMPLETION_INDEX, which the Job controller sets in each pod
 * (pkg/controller/job/indexed_job_utils.go, addCompletionIndexEnvVariable).
 * A shard carries every run's metric values exactly (C99 hex floats, which
 * strtod reads back bit for bit), since the summary needs the values, not
 * partial sums: medians and quantiles do not combine.  `podsim merge`
 * reads the shards in any order, checks that they are one sweep (the same
 * header: input bytes, duration, seeds, grid, pods, metrics), that each of
 * the N shards is there once and whole, then writes exactly what the
 * unsharded sweep writes, with the same code (sweep.c).
 * Format, one item a line:
 *     podsim-sweep-shard 1
 *     shard K/N
 *     input FNV-1a of the scenario files' bytes, 16 hex digits
 *     duration D           (as given to --duration, or "scenario")
 *     seeds A..B
 *     axis PATH=V1,V2,...  (one line per --set, in order)
 *     pods NAME,...
 *     metrics NAME,...
 *     runs LO HI TOTAL     (this shard's runs, LO <= run < HI)
 *     RUN POD V...         (per run and pod: hex floats, NA when undefined)
 *     end
 * Rejected: shards that write summary sums to be added (no exact medians,
 * p90, p99), and text in the CSV's own %.6g (the summary would differ).
 */
#include "sweep_shard.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

#define MAGIC "podsim-sweep-shard 1"

int sweep_shard_parse(const char *v, int *k, int *n)
{
	char *end, *end2;
	if (!v || *v < '0' || *v > '9')
		return -1;
	errno = 0;
	long kk = strtol(v, &end, 10);
	if (errno || *end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	long nn = strtol(end + 1, &end2, 10);
	if (errno || *end2 || nn < 1 || nn > 1000000 || kk >= nn)
		return -1;
	*k = (int)kk;
	*n = (int)nn;
	return 0;
}

int sweep_shard_first_run(int total, int k, int n)
{
	assert(n > 0 && k >= 0 && k <= n);
	return (int)((int64_t)total * k / n);
}

int sweep_shard_fingerprint(const char *const *files, int n, uint64_t *out)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (int i = 0; i < n; i++) {
		FILE *f = fopen(files[i], "rb");
		if (!f) {
			fprintf(stderr, "podsim: sweep: %s: %s\n", files[i], strerror(errno));
			return -1;
		}
		for (int c; (c = getc(f)) != EOF;)
			h = (h ^ (unsigned char)c) * UINT64_C(1099511628211);
		fclose(f);
	}
	*out = h;
	return 0;
}

/* The lines every shard of one sweep has alike (all but "shard" and "runs"). */
static void write_common(const sweep_table *t, const sweep_shard_header *h, FILE *out)
{
	fprintf(out, "input %016" PRIx64 "\nduration %s\nseeds %" PRIu64 "..%" PRIu64 "\n",
		h->fingerprint, h->duration, t->seed_lo, t->seed_lo + (uint64_t)t->n_seeds - 1);
	for (int a = 0; a < t->n_axes; a++) {
		fprintf(out, "axis %s=", t->axes[a].path);
		for (int v = 0; v < t->axes[a].n_values; v++)
			fprintf(out, "%s%lld", v ? "," : "", (long long)t->axes[a].values[v]);
		fputc('\n', out);
	}
	fputs("pods ", out);
	for (int k = 0; k < t->n_pods; k++)
		fprintf(out, "%s%s", k ? "," : "", t->pods[k]);
	fputs("\nmetrics ", out);
	for (int i = 0; i < METRIC_COUNT; i++)
		fprintf(out, "%s%s", i ? "," : "", metrics_name((metric_id)i));
	fputc('\n', out);
}

void sweep_shard_write(const sweep_table *t, const sweep_shard_header *h, FILE *out)
{
	int total = t->n_points * t->n_seeds;
	assert(t->run_lo == sweep_shard_first_run(total, h->shard, h->n_shards));
	assert(t->run_hi == sweep_shard_first_run(total, h->shard + 1, h->n_shards));
	fprintf(out, MAGIC "\nshard %d/%d\n", h->shard, h->n_shards);
	write_common(t, h, out);
	fprintf(out, "runs %d %d %d\n", t->run_lo, t->run_hi, total);
	for (int run = t->run_lo; run < t->run_hi; run++)
		for (int k = 0; k < t->n_pods; k++) {
			const double *v = &t->vals[((size_t)(run - t->run_lo) * (size_t)t->n_pods +
						    (size_t)k) * METRIC_COUNT];
			fprintf(out, "%d %d", run, k);
			for (int i = 0; i < METRIC_COUNT; i++)
				isnan(v[i]) ? fputs(" NA", out) : fprintf(out, " %a", v[i]);
			fputc('\n', out);
		}
	fputs("end\n", out);
}

/* ---- merge -------------------------------------------------------------- */

typedef struct merge {
	const char **files;
	int n_files;
	const char *runs_path;
	char *common;       /* the common lines of the first shard */
	const char *first;  /* its file */
	int n_shards;
	const char **seen;  /* [shard]: the file that held it, or NULL */
	sweep_axis axes[8];
	char **pods;
	sweep_table t;
} merge;

typedef struct reader {
	const char *file;
	FILE *f;
	int line;
	char *buf;
	size_t cap;
	const char *cur; /* the line read last, NULL at the end */
} reader;

static int bad(const reader *r, const char *field, const char *msg)
{
	fprintf(stderr, "podsim: merge: %s:%d:1: %s: %s\n", r->file, r->line, field, msg);
	return EXIT_BADINPUT;
}

/* The next line without its newline, or NULL at the end. */
static char *next_line(reader *r)
{
	ssize_t n = getline(&r->buf, &r->cap, r->f);
	if (n < 0)
		return NULL;
	r->line++;
	if (n > 0 && r->buf[n - 1] == '\n')
		r->buf[n - 1] = '\0';
	return r->buf;
}

/* Line text that starts with key and a space: the rest, else NULL. */
static const char *keyed(const char *line, const char *key)
{
	size_t n = strlen(key);
	return line && !strncmp(line, key, n) && line[n] == ' ' ? line + n + 1 : NULL;
}

/* The first shard's grid, seeds and pods become the table's. */
static int take_grid(merge *m, reader *r, const char *common)
{
	char err[512];
	const char *p = strstr(common, "\nseeds ") + 7;
	unsigned long long lo, hi;
	if (sscanf(p, "%llu..%llu", &lo, &hi) != 2 || hi < lo || hi - lo >= 1000000)
		return bad(r, "seeds", "bad range");
	m->t.seed_lo = lo;
	m->t.n_seeds = (int)(hi - lo + 1);
	m->t.n_points = 1;
	m->t.axes = m->axes;
	for (const char *a = strstr(common, "\naxis "); a; a = strstr(a + 1, "\naxis ")) {
		const char *end = strchr(a + 1, '\n');
		char *arg = xasprintf("%.*s", (int)(end - a - 6), a + 6);
		int rc = m->t.n_axes == 8 ? -1 : sweep_axis_parse(arg, &m->axes[m->t.n_axes], err,
								  sizeof(err));
		free(arg);
		if (rc < 0)
			return bad(r, "axis", m->t.n_axes == 8 ? "more than 8 axes" : err);
		m->t.n_points *= m->axes[m->t.n_axes++].n_values;
		if (m->t.n_points > 1000)
			return bad(r, "axis", "more than 1000 grid points");
	}
	const char *pods = strstr(common, "\npods ") + 6, *pend = strchr(pods, '\n');
	for (const char *q = pods; q < pend;) {
		const char *c = memchr(q, ',', (size_t)(pend - q));
		c = c ? c : pend;
		m->pods = xrealloc(m->pods, (size_t)(m->t.n_pods + 1) * sizeof(char *));
		m->pods[m->t.n_pods++] = xasprintf("%.*s", (int)(c - q), q);
		q = c + 1;
	}
	m->t.pods = (const char *const *)m->pods;
	int64_t cells = (int64_t)m->t.n_points * m->t.n_seeds * m->t.n_pods;
	if (!m->t.n_pods || cells > 10000000)
		return bad(r, "pods", "no pods, or more than 10000000 pod-runs");
	m->t.run_hi = m->t.n_points * m->t.n_seeds;
	m->t.vals = xcalloc((size_t)cells + 1, METRIC_COUNT * sizeof(double));
	return 0;
}

/* Name the first header line of r (text) that is not the first shard's. */
static int header_differs(const merge *m, reader *r, const char *text)
{
	const char *a = text + 1, *b = m->common + 1;
	int line = 3; /* after the magic and shard lines */
	for (; *a && *b; line++) {
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
		if (la != lb || strncmp(a, b, la))
			break;
		a += la + 1;
		b += lb + 1;
	}
	char field[16], msg[4300];
	snprintf(field, sizeof(field), "%.*s", (int)strcspn(*a ? a : b, " \n"), *a ? a : b);
	snprintf(msg, sizeof(msg), "\"%.*s\" is not \"%.*s\" as in %s: not the same sweep",
		 (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"), b, m->first);
	r->line = line;
	return bad(r, field, msg);
}

/* The common header lines of r, checked against the first shard's. */
static int read_common(merge *m, reader *r)
{
	static const char *const keys[] = { "input", "duration", "seeds", "axis", "pods",
					    "metrics" };
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	const char *line = next_line(r);
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		bool many = !strcmp(keys[k], "axis");
		if (!many && !keyed(line, keys[k])) {
			fclose(mem);
			free(text);
			return bad(r, keys[k], line ? "expected here" : "file ends in the header");
		}
		while (keyed(line, keys[k])) {
			fprintf(mem, "\n%s", line);
			line = next_line(r);
			if (!many)
				break;
		}
	}
	fputc('\n', mem);
	fclose(mem);
	r->cur = line; /* the "runs" line, for the caller */
	int rc = 0;
	if (!m->common) {
		m->common = text;
		m->first = r->file;
		char want[1024] = "\nmetrics ";
		for (int i = 0; i < METRIC_COUNT; i++)
			snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s%s", i ? "," : "",
				 metrics_name((metric_id)i));
		strcat(want, "\n");
		if (!strstr(text, want))
			rc = bad(r, "metrics", "not the metrics of this podsim");
		return rc ? rc : take_grid(m, r, text);
	}
	if (strcmp(text, m->common))
		rc = header_differs(m, r, text);
	free(text);
	return rc;
}

/* "shard K/N" of r: a new shard of the same N. */
static int read_shard_line(merge *m, reader *r, int *k)
{
	int n;
	const char *v = keyed(next_line(r), "shard");
	if (!v || sweep_shard_parse(v, k, &n) < 0)
		return bad(r, "shard", "expected \"shard K/N\" with 0 <= K < N");
	if (!m->n_shards) {
		m->n_shards = n;
		m->seen = xcalloc((size_t)n, sizeof(char *));
	} else if (n != m->n_shards) {
		char msg[256];
		snprintf(msg, sizeof(msg), "%d shards, but %s says %d", n, m->first, m->n_shards);
		return bad(r, "shard", msg);
	}
	if (m->seen[*k]) {
		char msg[4200];
		snprintf(msg, sizeof(msg), "shard %d/%d is also in %s", *k, n, m->seen[*k]);
		return bad(r, "shard", msg);
	}
	m->seen[*k] = r->file;
	return 0;
}

/* "RUN POD V..." into the table, for the run and pod expected next. */
static int read_row(merge *m, reader *r, int run, int pod)
{
	const char *p = r->cur;
	char *end;
	if (!p)
		return bad(r, "runs", "file ends before its last run (truncated?)");
	long got_run = strtol(p, &end, 10), got_pod = end > p ? strtol(end, &end, 10) : -1;
	if (got_run != run || got_pod != pod)
		return bad(r, "runs", "not the next run and pod (rows missing or out of order)");
	double *v = &m->t.vals[((size_t)run * (size_t)m->t.n_pods + (size_t)pod) * METRIC_COUNT];
	for (int i = 0; i < METRIC_COUNT; i++) {
		while (*end == ' ')
			end++;
		if (!strncmp(end, "NA", 2) && (end[2] == ' ' || !end[2])) {
			v[i] = NAN;
			end += 2;
			continue;
		}
		char *stop;
		errno = 0;
		v[i] = strtod(end, &stop);
		if (stop == end || errno || isnan(v[i]) || (*stop && *stop != ' '))
			return bad(r, metrics_name((metric_id)i), "bad value");
		end = stop;
	}
	if (*end)
		return bad(r, "runs", "more values than metrics");
	r->cur = next_line(r);
	return 0;
}

static int read_runs(merge *m, reader *r, int k)
{
	int lo, hi, total, rc = 0;
	int want_lo = sweep_shard_first_run(m->t.run_hi, k, m->n_shards);
	int want_hi = sweep_shard_first_run(m->t.run_hi, k + 1, m->n_shards);
	const char *v = keyed(r->cur, "runs");
	if (!v || sscanf(v, "%d %d %d", &lo, &hi, &total) != 3 || total != m->t.run_hi ||
	    lo != want_lo || hi != want_hi)
		return bad(r, "runs", "not the runs of this shard of this sweep");
	r->cur = next_line(r);
	for (int run = lo; run < hi && !rc; run++)
		for (int pod = 0; pod < m->t.n_pods && !rc; pod++)
			rc = read_row(m, r, run, pod);
	if (!rc && (!r->cur || strcmp(r->cur, "end")))
		rc = bad(r, "end", r->cur ? "expected after the last run" : "missing (truncated?)");
	if (!rc && next_line(r))
		rc = bad(r, "end", "text after the end");
	return rc;
}

static int read_file(merge *m, const char *file)
{
	reader r = { .file = file };
	int k, rc;
	if (!(r.f = fopen(file, "r"))) {
		fprintf(stderr, "podsim: merge: %s: %s\n", file, strerror(errno));
		return EXIT_BADINPUT;
	}
	const char *magic = next_line(&r);
	if (!magic || strcmp(magic, MAGIC))
		rc = bad(&r, "shard", "not a podsim sweep shard (podsim sweep --shard K/N writes them)");
	else if (!(rc = read_shard_line(m, &r, &k)) && !(rc = read_common(m, &r)))
		rc = read_runs(m, &r, k);
	free(r.buf);
	fclose(r.f);
	return rc;
}

static const char merge_usage[] =
	"usage: podsim merge [--runs FILE] SHARD...\n"
	"  SHARD              the output of podsim sweep --shard K/N, all N of them\n"
	"  --runs FILE        also write one CSV row per run and pod to FILE\n"
	"stdout: the summary CSV the unsharded sweep writes, byte for byte.\n";

static int merge_parse(merge *m, int argc, char **argv)
{
	m->files = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--runs") && i + 1 == argc) {
			fputs("podsim: merge: --runs needs a file name\n", stderr);
			return EXIT_BADINPUT;
		} else if (!strcmp(argv[i], "--runs"))
			m->runs_path = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "podsim: merge: unknown option \"%s\" (see podsim merge --help)\n",
				argv[i]);
			return EXIT_BADINPUT;
		} else
			m->files[m->n_files++] = argv[i];
	}
	if (m->n_files)
		return 0;
	fputs("podsim: merge: no shard file given\n", stderr);
	return EXIT_BADINPUT;
}

static int merge_all(merge *m, FILE *out)
{
	for (int i = 0; i < m->n_files; i++) {
		int rc = read_file(m, m->files[i]);
		if (rc)
			return rc;
	}
	for (int k = 0; k < m->n_shards; k++)
		if (!m->seen[k]) {
			fprintf(stderr, "podsim: merge: shard %d/%d is missing (%d file%s given)\n", k,
				m->n_shards, m->n_files, m->n_files == 1 ? "" : "s");
			return EXIT_BADINPUT;
		}
	int rc = sweep_write_runs_file(&m->t, m->runs_path);
	if (rc)
		return rc;
	sweep_write_summary(&m->t, out);
	return fflush(out) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

int sweep_shard_merge_main(int argc, char **argv, FILE *out)
{
	if (argc == 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
		fputs(merge_usage, out);
		return EXIT_OK;
	}
	merge m;
	memset(&m, 0, sizeof(m));
	int rc = merge_parse(&m, argc, argv);
	if (!rc)
		rc = merge_all(&m, out);
	for (int a = 0; a < m.t.n_axes; a++)
		sweep_axis_release(&m.axes[a]);
	for (int k = 0; k < m.t.n_pods; k++)
		free(m.pods[k]);
	free(m.pods);
	free(m.t.vals);
	free(m.seen);
	free(m.common);
	free(m.files);
	return rc;
}
