/* diff.c - `podsim diff RECORDED SIMULATED`: a real `kubectl get pods -w` capture against podsim's.
 *
 * A capture is read leniently, because real ones are pasted from terminals
 * and tutorials: any line whose tokens (split on runs of blanks) contain a
 * READY cell "N/M" in position 1-3 followed by STATUS, RESTARTS ("N" or
 * "N (Xs ago)") and a HumanDuration AGE is a row; the tokens before NAME may
 * be an --output-watch-events type and a namespace, and columns after AGE
 * (-o wide) are ignored.  Headers, "# ..." explain lines, shell prompts and
 * anything else are skipped, so a grep'd capture may start and stop anywhere.
 * STATUS may be empty (a pod with no phase): a RESTARTS number right after
 * READY means just that.
 *
 * Comparison is per pod, in the order pods first appear in RECORDED.  The
 * recorded and simulated rows of a pod are aligned by a small edit-distance
 * DP whose cost is lexicographic: first the structure (an unpaired row
 * costs 2, a pair whose READY/STATUS/restart count differ costs 3, so one
 * substituted row is preferred to a missing plus an extra one, and a pair
 * that agrees costs 0), then the sum of AGE and "(X ago)" differences to
 * pick among structurally equal alignments.  Aligning by order rather than
 * by age keeps one extra or missing row from shifting every later pair.
 *
 * The report is a table (the describe tab writer of print_get.c, padding
 * 2) with one line per recorded or simulated row: a verdict, the pod, both
 * rows as "READY STATUS RESTARTS AGE", and SIMULATED minus RECORDED for AGE
 * and for "(X ago)".  Verdicts: agreeing pairs are "ok" or, beyond the
 * tolerance, "AGE"; a pair that disagrees or a recorded row with no partner
 * is "DIFF"; an unpaired simulated row is "EXTRA" and fails only when it
 * lies between two recorded rows of its pod (the cluster would have printed
 * it), else it is a harmless "extra" (outside that span the capture was
 * merely started late or cut short).  Upper case always means a mismatch.
 * AGE text is a lower bound (HumanDuration truncates), so ages above 10
 * minutes compare coarsely.  A RECORDED capture without rows never passes.
 *
 * Rejected: a global alignment across pods (the interleaving of different
 * pods' rows depends on watch timing, not on the model) and matching by
 * nearest age (a systematically slow simulation would pair wrong rows).
 */
#include "diff.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "print_get.h"
#include "rng.h"

#define MAX_TOKENS 32
#define COST_GAP 2
#define COST_SUBST 3

/* ---- HumanDuration ----------------------------------------------------- */

int diff_parse_human_duration(const char *text, simtime_t *out)
{
	static const char units[] = "ydhms";
	static const simtime_t unit_ns[] = { SEC(365 * 86400), SEC(86400), SEC(3600), SEC(60),
					     SEC(1) };
	const char *p = text;
	simtime_t total = 0;
	int last = -1;
	if (!*p)
		return -1;
	while (*p) {
		if (*p < '0' || *p > '9')
			return -1;
		int64_t v = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			v = v * 10 + (*p - '0');
			if (v > 100000)
				return -1;
		}
		const char *u = *p ? strchr(units, *p) : NULL;
		if (!u || u - units <= last)
			return -1;
		last = (int)(u - units);
		total += v * unit_ns[last];
		p++;
	}
	*out = total;
	return 0;
}

/* ---- parsing ----------------------------------------------------------- */

static bool all_digits(const char *t, size_t max_len)
{
	size_t n = strspn(t, "0123456789");
	return n > 0 && n <= max_len && t[n] == '\0';
}

static bool is_ready_cell(const char *t)
{
	size_t a = strspn(t, "0123456789");
	return a > 0 && t[a] == '/' && all_digits(t + a + 1, 9);
}

static int split(char *line, char **tok)
{
	int n = 0;
	char *save = NULL;
	for (char *p = strtok_r(line, " \t", &save); p && n < MAX_TOKENS;
	     p = strtok_r(NULL, " \t", &save))
		tok[n++] = p;
	return n;
}

/* Copies src into dst; false when it does not fit. */
static bool put(char *dst, size_t len, const char *src)
{
	return (size_t)snprintf(dst, len, "%s", src) < len;
}

/* RESTARTS and AGE from tok[j...]; false when they are not there. */
static bool parse_tail(char **tok, int n, int j, diff_row *row)
{
	if (j >= n || !all_digits(tok[j], 9))
		return false;
	row->restarts = atoi(tok[j]);
	row->restart_ago = -1;
	snprintf(row->restarts_text, sizeof(row->restarts_text), "%s", tok[j++]);
	if (j + 1 < n && tok[j][0] == '(' && strcmp(tok[j + 1], "ago)") == 0) {
		if (diff_parse_human_duration(tok[j] + 1, &row->restart_ago) != 0)
			return false;
		size_t len = strlen(row->restarts_text);
		snprintf(row->restarts_text + len, sizeof(row->restarts_text) - len, " %s ago)",
			 tok[j]);
		j += 2;
	}
	if (j >= n || diff_parse_human_duration(tok[j], &row->age) != 0)
		return false;
	snprintf(row->age_text, sizeof(row->age_text), "%s", tok[j]);
	return true;
}

/* 1 = a row, 0 = not a row, -1 = a row that does not fit (message in err). */
static int parse_row(char **tok, int n, int lineno, diff_row *row, char *err, size_t errlen)
{
	int r = 1;
	while (r < n && r <= 3 && !is_ready_cell(tok[r]))
		r++;
	if (r >= n || r > 3)
		return 0;
	memset(row, 0, sizeof(*row));
	row->line = lineno;
	const char *name = tok[r - 1];
	if (strncmp(name, "pod/", 4) == 0)
		name += 4;
	int j = r + 1;
	const char *status = j < n && !all_digits(tok[j], 9) ? tok[j++] : "";
	if (!parse_tail(tok, n, j, row))
		return 0;
	if (!put(row->name, sizeof(row->name), name) ||
	    !put(row->ready, sizeof(row->ready), tok[r]) ||
	    !put(row->status, sizeof(row->status), status)) {
		snprintf(err, errlen, "line %d: row field too long", lineno);
		return -1;
	}
	return 1;
}

int diff_parse_capture(const char *text, diff_row **rows, char *err, size_t errlen)
{
	assert(text && rows);
	diff_row *out = NULL;
	int n = 0, cap = 0, lineno = 0;
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		p += len + (p[len] == '\n');
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		char *tok[MAX_TOKENS];
		int nt = line[strspn(line, " \t")] == '#' ? 0 : split(line, tok);
		diff_row row;
		int rc = nt > 0 ? parse_row(tok, nt, lineno, &row, err, errlen) : 0;
		free(line);
		if (rc < 0) {
			free(out);
			*rows = NULL;
			return -1;
		}
		if (rc == 1) {
			XGROW(out, n, cap);
			out[n++] = row;
		}
	}
	*rows = out;
	return n;
}

/* ---- alignment --------------------------------------------------------- */

typedef enum { OP_PAIR, OP_MISSING, OP_EXTRA } op_kind;

typedef struct op {
	op_kind kind;
	const diff_row *rec, *sim; /* NULL for the absent side */
} op;

typedef struct cost {
	int prim;    /* structure: unpaired and substituted rows */
	int64_t sec; /* summed age differences, seconds */
} cost;

static int64_t abs_sec(simtime_t a, simtime_t b)
{
	simtime_t d = a > b ? a - b : b - a;
	return d / NSEC_PER_SEC;
}

static bool same_key(const diff_row *a, const diff_row *b)
{
	return strcmp(a->ready, b->ready) == 0 && strcmp(a->status, b->status) == 0 &&
	       a->restarts == b->restarts;
}

static cost pair_cost(const diff_row *a, const diff_row *b)
{
	cost c = { same_key(a, b) ? 0 : COST_SUBST, abs_sec(a->age, b->age) };
	if (a->restart_ago >= 0 && b->restart_ago >= 0)
		c.sec += abs_sec(a->restart_ago, b->restart_ago);
	return c;
}

static bool cheaper(cost a, cost b)
{
	return a.prim < b.prim || (a.prim == b.prim && a.sec < b.sec);
}

static cost plus(cost a, cost b)
{
	return (cost){ a.prim + b.prim, a.sec + b.sec };
}

/* Fills the DP tables for rec[0..n) x sim[0..m); move: 0 pair, 1 missing,
 * 2 extra. */
static void fill(const diff_row **rec, int n, const diff_row **sim, int m, cost *dp,
		 unsigned char *move)
{
	const cost gap = { COST_GAP, 0 };
	int w = m + 1;
	for (int i = 0; i <= n; i++) {
		for (int j = 0; j <= m; j++) {
			cost best = { 0, 0 };
			unsigned char mv = 0;
			if (i > 0 && j > 0)
				best = plus(dp[(i - 1) * w + j - 1], pair_cost(rec[i - 1], sim[j - 1]));
			if (i > 0 && (j == 0 || cheaper(plus(dp[(i - 1) * w + j], gap), best))) {
				best = plus(dp[(i - 1) * w + j], gap);
				mv = 1;
			}
			if (j > 0 && ((i == 0) || cheaper(plus(dp[i * w + j - 1], gap), best))) {
				best = plus(dp[i * w + j - 1], gap);
				mv = 2;
			}
			dp[i * w + j] = best;
			move[i * w + j] = mv;
		}
	}
}

/* Aligns one pod's rows; returns the number of ops written to ops (room for
 * n + m). */
static int align(const diff_row **rec, int n, const diff_row **sim, int m, op *ops)
{
	int w = m + 1;
	cost *dp = xmalloc((size_t)(n + 1) * (size_t)w * sizeof(*dp));
	unsigned char *move = xmalloc((size_t)(n + 1) * (size_t)w);
	fill(rec, n, sim, m, dp, move);
	int k = 0, i = n, j = m;
	while (i > 0 || j > 0) {
		switch (move[i * w + j]) {
		case 0: ops[k++] = (op){ OP_PAIR, rec[--i], sim[--j] }; break;
		case 1: ops[k++] = (op){ OP_MISSING, rec[--i], NULL }; break;
		default: ops[k++] = (op){ OP_EXTRA, NULL, sim[--j] }; break;
		}
	}
	for (int a = 0, b = k - 1; a < b; a++, b--) {
		op t = ops[a];
		ops[a] = ops[b];
		ops[b] = t;
	}
	free(dp);
	free(move);
	return k;
}

/* ---- report ------------------------------------------------------------ */

typedef struct tally {
	int compared;
	int age, diff, extra; /* mismatches by verdict */
} tally;

/* One capture row as one table cell: "READY STATUS RESTARTS AGE". */
static void row_text(const diff_row *r, char *buf, size_t len)
{
	if (!r)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s %s %s %s", r->ready, r->status[0] ? r->status : "\"\"",
			 r->restarts_text, r->age_text);
}

/* SIMULATED minus RECORDED in whole seconds, signed ("+7s", "0s", "-2s"). */
static void signed_sec(simtime_t d, char *buf, size_t len)
{
	long long s = (long long)(d / NSEC_PER_SEC);
	snprintf(buf, len, s ? "%+llds" : "%llds", s);
}

static void put_line(tabwriter *tw, const char *verdict, const op *o, const char *age,
		     const char *ago)
{
	char rec[sizeof(((diff_row *)0)->name) * 4], sim[sizeof(rec)];
	row_text(o->rec, rec, sizeof(rec));
	row_text(o->sim, sim, sizeof(sim));
	const char *cells[] = { verdict, (o->rec ? o->rec : o->sim)->name, rec, sim, age, ago };
	print_table_row(tw, cells, 6);
}

static void report_pair(tabwriter *tw, const op *o, simtime_t tol, tally *t)
{
	const diff_row *r = o->rec, *s = o->sim;
	char age[24], ago[24] = "";
	bool ago_both = r->restart_ago >= 0 && s->restart_ago >= 0;
	bool ago_bad = (r->restart_ago >= 0) != (s->restart_ago >= 0) ||
		       (ago_both && abs_sec(r->restart_ago, s->restart_ago) > tol / NSEC_PER_SEC);
	bool age_bad = abs_sec(r->age, s->age) > tol / NSEC_PER_SEC;
	signed_sec(s->age - r->age, age, sizeof(age));
	if (ago_both)
		signed_sec(s->restart_ago - r->restart_ago, ago, sizeof(ago));
	else if (r->restart_ago >= 0 || s->restart_ago >= 0)
		snprintf(ago, sizeof(ago), "one side only");
	const char *verdict = "ok";
	if (!same_key(r, s)) {
		verdict = "DIFF";
		t->diff++;
	} else if (age_bad || ago_bad) {
		verdict = "AGE";
		t->age++;
	}
	put_line(tw, verdict, o, age, ago);
}

/* Reports one op; between = an EXTRA lies inside the recorded span. */
static void report_op(tabwriter *tw, const op *o, bool between, simtime_t tol, tally *t)
{
	switch (o->kind) {
	case OP_PAIR:
		report_pair(tw, o, tol, t);
		break;
	case OP_MISSING:
		put_line(tw, "DIFF", o, "", "");
		t->diff++;
		break;
	case OP_EXTRA:
		put_line(tw, between ? "EXTRA" : "extra", o, "", "");
		t->extra += between;
		break;
	}
	t->compared++;
}

/* Rows of the pod called name, in capture order; returns the count. */
static int rows_of(const diff_row *rows, int n, const char *name, const diff_row **out)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].name, name) == 0)
			out[k++] = &rows[i];
	return k;
}

static bool seen_before(const diff_row *rows, int i)
{
	for (int j = 0; j < i; j++)
		if (strcmp(rows[j].name, rows[i].name) == 0)
			return true;
	return false;
}

static void compare_pod(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
			const char *name, simtime_t tol, tabwriter *tw, tally *t)
{
	const diff_row **r = xmalloc((size_t)(n_rec + 1) * sizeof(*r));
	const diff_row **s = xmalloc((size_t)(n_sim + 1) * sizeof(*s));
	int nr = rows_of(rec, n_rec, name, r), ns = rows_of(sim, n_sim, name, s);
	op *ops = xmalloc((size_t)(nr + ns + 1) * sizeof(*ops));
	int k = align(r, nr, s, ns, ops);
	int first = k, last = -1;
	for (int i = 0; i < k; i++) {
		if (ops[i].kind != OP_EXTRA) {
			first = first < i ? first : i;
			last = i;
		}
	}
	for (int i = 0; i < k; i++)
		report_op(tw, &ops[i], i > first && i < last, tol, t);
	free(ops);
	free(r);
	free(s);
}

/* Writes the formatted table with the blanks that pad empty trailing cells
 * removed from each line. */
static void flush_trimmed(tabwriter *tw, FILE *out)
{
	char *text = tabwriter_flush_string(tw);
	for (char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		size_t keep = n;
		while (keep > 0 && p[keep - 1] == ' ')
			keep--;
		fprintf(out, "%.*s\n", (int)keep, p);
		p += n + (p[n] == '\n');
	}
	free(text);
}

/* Pods that only SIMULATED shows are listed, not compared. */
static void report_unrecorded(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
			      const char *rec_name, FILE *out)
{
	const diff_row **scratch = xmalloc((size_t)(n_sim + 1) * sizeof(*scratch));
	for (int i = 0; i < n_sim; i++) {
		if (seen_before(sim, i) || rows_of(rec, n_rec, sim[i].name, scratch) > 0)
			continue;
		fprintf(out, "not compared: pod %s (%d simulated rows) does not appear in %s\n",
			sim[i].name, rows_of(sim, n_sim, sim[i].name, scratch), rec_name);
	}
	free(scratch);
}

static void report_summary(const tally *t, const char *tol, FILE *out)
{
	if (t->age > 0)
		fprintf(out, "AGE:   %d row%s whose AGE or \"(X ago)\" differ by more than %s\n",
			t->age, t->age == 1 ? "" : "s", tol);
	if (t->diff > 0)
		fprintf(out, "DIFF:  %d row%s whose READY, STATUS or restart count differ, or with "
			     "no simulated partner\n", t->diff, t->diff == 1 ? "" : "s");
	if (t->extra > 0)
		fprintf(out, "EXTRA: %d simulated row%s between two recorded rows\n", t->extra,
			t->extra == 1 ? "" : "s");
	fprintf(out, "diff: %d rows compared, %d mismatched (tolerance %s)\n", t->compared,
		t->age + t->diff + t->extra, tol);
}

int diff_compare(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
		 simtime_t tolerance, const char *rec_name, const char *sim_name, FILE *out)
{
	static const char *const header[] = { "RESULT", "POD", "RECORDED", "SIMULATED",
					      "AGE DIFF", "AGO DIFF" };
	assert(tolerance >= 0 && n_rec >= 0 && n_sim >= 0);
	fprintf(out, "recorded %s (%d rows) vs simulated %s (%d rows)\n", rec_name, n_rec,
		sim_name, n_sim);
	if (n_rec == 0) {
		fprintf(out, "diff: %s has no pod rows: nothing to compare\n", rec_name);
		return 1;
	}
	tally t = { 0, 0, 0, 0 };
	tabwriter *tw = tabwriter_new(out, 0, 8, 2, false);
	print_table_row(tw, header, 6);
	for (int i = 0; i < n_rec; i++)
		if (!seen_before(rec, i))
			compare_pod(rec, n_rec, sim, n_sim, rec[i].name, tolerance, tw, &t);
	flush_trimmed(tw, out);
	tabwriter_free(tw);
	report_unrecorded(rec, n_rec, sim, n_sim, rec_name, out);
	char tol[32];
	duration_format(tolerance, tol, sizeof(tol));
	report_summary(&t, tol, out);
	return t.age + t.diff + t.extra > 0;
}

/* ---- files ------------------------------------------------------------- */

/* Reads a whole file into a heap string; NULL with errno set on failure. */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t n = 0, cap = 4096;
	char *buf = xmalloc(cap);
	for (size_t got; (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
		n += got;
		if (cap - n - 1 == 0)
			buf = xrealloc(buf, cap *= 2);
	}
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

int diff_load(const char *path, diff_row **rows, FILE *err)
{
	char *text = read_file(path);
	if (!text) {
		fprintf(err, "podsim diff: cannot read '%s': %s\n", path, strerror(errno));
		return -1;
	}
	char msg[128];
	int n = diff_parse_capture(text, rows, msg, sizeof(msg));
	free(text);
	if (n < 0)
		fprintf(err, "podsim diff: %s: %s\n", path, msg);
	return n;
}

int diff_files(const char *rec_path, const char *sim_path, simtime_t tolerance, FILE *out,
	       FILE *err)
{
	diff_row *rec = NULL, *sim = NULL;
	int rc = EXIT_BADINPUT;
	int n_rec = diff_load(rec_path, &rec, err);
	int n_sim = n_rec < 0 ? -1 : diff_load(sim_path, &sim, err);
	if (n_rec == 0)
		fprintf(err, "podsim diff: '%s' contains no pod rows\n", rec_path);
	else if (n_rec > 0 && n_sim >= 0)
		rc = diff_compare(rec, n_rec, sim, n_sim, tolerance, rec_path, sim_path, out)
			     ? EXIT_RUNTIME
			     : EXIT_OK;
	free(rec);
	free(sim);
	return rc;
}
