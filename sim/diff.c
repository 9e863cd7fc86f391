/* diff.c - `podsim diff RECORDED SIMULATED`: a real `kubectl get pods -w` (or events) capture against podsim's.
 *
 * Captures are read by diff_parse.c: pod rows, or event rows whose TYPE
 * and REASON stand in READY and STATUS and LAST SEEN in AGE, so both kinds
 * go through the same alignment and verdicts below ("pod" then means the
 * event's involved object).
 *
 * Comparison is per pod, in the order pods first appear in RECORDED.  The
 * recorded and simulated rows of a pod are aligned by a small edit-distance
 * DP whose cost is lexicographic: first the structure (an unpaired row
 * costs 2, a pair whose READY/STATUS/restart count differ costs 3, so one
 * substituted row is preferred to a missing plus an extra one, and a pair
 * that agrees costs 0), then the sum of AGE and "(X ago)" differences to
 * pick among structurally equal alignments.  Aligning by order rather than
 * by age keeps one extra or missing row from shifting every later pair.
 * Rows are grouped by pod with one sort (not a scan per pod, which took
 * 11 s of CPU for 20,000 pods); the DP keeps two rows of costs and a one-byte
 * move per cell, at most DIFF_MAX_CELLS per pod (some 8,000 rows a side,
 * 64 MiB), beyond which the comparison is refused rather than attempted.
 *
 * Ages are compared as the spans their text stands for: HumanDuration
 * truncates ("15m" is printed from 15m0s to 15m59s) and an old kubectl's
 * ShortHumanDuration more so ("1m" for 60-119 s), so a difference is the
 * gap between the two spans, 0 when they overlap; ages printed to the
 * second compare exactly.  A RECORDED capture with no "(X ago)" at all is
 * an old kubectl's (before 1.22): its restart times are not compared, and
 * the summary says so; one that shows "(X ago)" somewhere is a new one's,
 * and "(X ago)" on one side of a pair only is a mismatch.
 *
 * The rows are judged into a diff_result, written as a table (the
 * describe tab writer of print_get.c, padding 2) or as JSON (diff_json.c).
 * The table has one line per recorded or simulated row: a verdict, the
 * pod, both rows as "READY STATUS RESTARTS AGE", and SIMULATED minus
 * RECORDED for AGE and for "(X ago)".  Verdicts: agreeing pairs are "ok" or, beyond the
 * tolerance, "AGE"; a pair that disagrees or a recorded row with no partner
 * is "DIFF"; an unpaired simulated row is "EXTRA" and fails only when it
 * lies between two recorded rows of its pod (the cluster would have printed
 * it), else it is a harmless "extra" (outside that span the capture was
 * merely started late or cut short).  Upper case always means a mismatch.
 * A RECORDED capture without rows never passes.
 *
 * Rejected: a global alignment across pods (the interleaving of different
 * pods' rows depends on watch timing, not on the model) and matching by
 * nearest age (a systematically slow simulation would pair wrong rows).
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "diff_json.h"
#include "infile.h"
#include "print_get.h"
#include "rng.h"

#define COST_GAP 2
#define COST_SUBST 3

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

/* The last instant a HumanDuration text may stand for: "15m" is printed
 * from 15m0s to 15m59s (unit 1m), "2m42s" only at 2m42s (unit 1s or, for
 * rows built by hand, 0). */
static simtime_t upper(simtime_t t, simtime_t unit)
{
	return unit <= SEC(1) ? t : unit - SEC(1) > DIFF_MAX_AGE - t ? DIFF_MAX_AGE : t + unit - SEC(1);
}

/* SIMULATED minus RECORDED for two such texts: the gap between the spans
 * they stand for, 0 when the spans overlap.  So an old capture's "1m"
 * (ShortHumanDuration, apimachinery/pkg/util/duration, which kubectl
 * printed before HumanDuration: whole minutes from 60 s on) matches any
 * simulated age from 60s to 119s, and rows printed to the second compare
 * exactly as before. */
static simtime_t delta(simtime_t r, simtime_t r_unit, simtime_t s, simtime_t s_unit)
{
	simtime_t r_hi = upper(r, r_unit), s_hi = upper(s, s_unit);
	return s > r_hi ? s - r_hi : s_hi < r ? s_hi - r : 0;
}

static int64_t abs_sec(simtime_t d)
{
	return (d < 0 ? -d : d) / NSEC_PER_SEC;
}

static simtime_t age_delta(const diff_row *r, const diff_row *s)
{
	return delta(r->age, r->age_unit, s->age, s->age_unit);
}

static simtime_t ago_delta(const diff_row *r, const diff_row *s)
{
	return delta(r->restart_ago, r->ago_unit, s->restart_ago, s->ago_unit);
}

static bool same_key(const diff_row *a, const diff_row *b)
{
	return strcmp(a->ready, b->ready) == 0 && strcmp(a->status, b->status) == 0 &&
	       a->restarts == b->restarts;
}

static cost pair_cost(const diff_row *a, const diff_row *b)
{
	cost c = { same_key(a, b) ? 0 : COST_SUBST, abs_sec(age_delta(a, b)) };
	if (a->restart_ago >= 0 && b->restart_ago >= 0)
		c.sec += abs_sec(ago_delta(a, b));
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

/* Fills the move table for rec[0..n) x sim[0..m) (0 pair, 1 missing, 2
 * extra); only two rows of costs are kept, the move table is what the
 * traceback needs. */
static void fill(const diff_row **rec, int n, const diff_row **sim, int m, unsigned char *move)
{
	const cost gap = { COST_GAP, 0 };
	size_t w = (size_t)m + 1;
	cost *prev = xmalloc(w * sizeof(*prev)), *cur = xmalloc(w * sizeof(*cur));
	for (int i = 0; i <= n; i++) {
		for (int j = 0; j <= m; j++) {
			cost best = { 0, 0 };
			unsigned char mv = 0;
			if (i > 0 && j > 0)
				best = plus(prev[j - 1], pair_cost(rec[i - 1], sim[j - 1]));
			if (i > 0 && (j == 0 || cheaper(plus(prev[j], gap), best))) {
				best = plus(prev[j], gap);
				mv = 1;
			}
			if (j > 0 && ((i == 0) || cheaper(plus(cur[j - 1], gap), best))) {
				best = plus(cur[j - 1], gap);
				mv = 2;
			}
			cur[j] = best;
			move[(size_t)i * w + (size_t)j] = mv;
		}
		cost *t = prev;
		prev = cur;
		cur = t;
	}
	free(prev);
	free(cur);
}

/* Aligns one pod's rows; returns the number of ops written to ops (room for
 * n + m).  The caller has checked n x m against DIFF_MAX_CELLS. */
static int align(const diff_row **rec, int n, const diff_row **sim, int m, op *ops)
{
	size_t w = (size_t)m + 1;
	unsigned char *move = xmalloc(((size_t)n + 1) * w);
	fill(rec, n, sim, m, move);
	int k = 0, i = n, j = m;
	while (i > 0 || j > 0) {
		switch (move[(size_t)i * w + (size_t)j]) {
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
	free(move);
	return k;
}

/* ---- verdicts --------------------------------------------------------- */

static const char *const verdict_names[] = { "ok", "AGE", "DIFF", "EXTRA", "extra" };

const char *diff_verdict_name(diff_verdict v)
{
	assert(v >= 0 && v < DIFF_N_VERDICTS);
	return verdict_names[v];
}

void diff_row_text(const diff_row *r, char *buf, size_t len)
{
	if (!r)
		snprintf(buf, len, "-");
	else if (r->event)
		snprintf(buf, len, "%s %s %s", r->ready, r->status, r->age_text);
	else
		snprintf(buf, len, "%s %s %s %s", r->ready, r->status[0] ? r->status : "\"\"",
			 r->restarts_text, r->age_text);
}

/* A pair's verdict.  "(X ago)" on one side only is a mismatch, except a
 * simulated one against a RECORDED without any: kubectl before 1.22 (the
 * suffix came with kubernetes PR 100142, printers.go printPod) printed the
 * bare count, so such a capture says nothing about restart times. */
static diff_line judge_pair(const op *o, const diff_result *res)
{
	const diff_row *r = o->rec, *s = o->sim;
	simtime_t tol_sec = res->tolerance / NSEC_PER_SEC;
	diff_line l = { .verdict = DIFF_OK, .rec = r, .sim = s, .paired = true,
			.age_diff = age_delta(r, s) };
	bool r_ago = r->restart_ago >= 0, s_ago = s->restart_ago >= 0, ago_bad = false;
	if (r_ago && s_ago) {
		l.ago_compared = true;
		l.ago_diff = ago_delta(r, s);
		ago_bad = abs_sec(l.ago_diff) > tol_sec;
	} else if (r_ago || (s_ago && res->ago_recorded)) {
		l.ago_one_side = true;
		ago_bad = true;
	}
	if (!same_key(r, s))
		l.verdict = DIFF_DIFF;
	else if (ago_bad || abs_sec(l.age_diff) > tol_sec)
		l.verdict = DIFF_AGE;
	return l;
}

static void add_line(diff_result *res, diff_line l)
{
	res->lines[res->n_lines++] = l;
	res->counts[l.verdict]++;
	res->pairs += l.paired;
	res->ago_skipped += l.paired && !res->ago_recorded && l.sim->restart_ago >= 0;
}

/* Judges one op; between = an EXTRA lies inside the recorded span. */
static void judge_op(const op *o, bool between, diff_result *res)
{
	switch (o->kind) {
	case OP_PAIR:
		add_line(res, judge_pair(o, res));
		break;
	case OP_MISSING:
		add_line(res, (diff_line){ .verdict = DIFF_DIFF, .rec = o->rec });
		break;
	case OP_EXTRA:
		add_line(res, (diff_line){ .verdict = between ? DIFF_EXTRA : DIFF_EXTRA_OUTSIDE,
					   .sim = o->sim });
		break;
	}
}

/* ---- pods -------------------------------------------------------------- */

/* One pod's rows in capture order: a slice of capture_pods.by_name. */
typedef struct pod_rows {
	const char *name;
	const diff_row **rows;
	int n;
} pod_rows;

/* A capture's rows grouped by pod in O(n log n): every row sorted by
 * (name, position), each pod a slice of that, the pods sorted by name for
 * lookups and listed again in the order they first appear. */
typedef struct capture_pods {
	const diff_row **by_name;
	pod_rows *pods;            /* by name */
	const pod_rows **in_order; /* by first appearance */
	int n_pods;
} capture_pods;

static int cmp_row_ptr(const void *a, const void *b)
{
	const diff_row *x = *(const diff_row *const *)a, *y = *(const diff_row *const *)b;
	int r = strcmp(x->name, y->name);
	return r ? r : (x > y) - (x < y);
}

static int cmp_first_seen(const void *a, const void *b)
{
	const diff_row *x = (*(const pod_rows *const *)a)->rows[0];
	const diff_row *y = (*(const pod_rows *const *)b)->rows[0];
	return (x > y) - (x < y);
}

static void pods_init(capture_pods *cp, const diff_row *rows, int n)
{
	cp->by_name = xmalloc(((size_t)n + 1) * sizeof(*cp->by_name));
	cp->pods = xmalloc(((size_t)n + 1) * sizeof(*cp->pods));
	cp->in_order = xmalloc(((size_t)n + 1) * sizeof(*cp->in_order));
	for (int i = 0; i < n; i++)
		cp->by_name[i] = &rows[i];
	qsort(cp->by_name, (size_t)n, sizeof(*cp->by_name), cmp_row_ptr);
	cp->n_pods = 0;
	for (int i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(cp->by_name[j]->name, cp->by_name[i]->name) == 0; j++)
			;
		cp->pods[cp->n_pods] = (pod_rows){ cp->by_name[i]->name, &cp->by_name[i], j - i };
		cp->in_order[cp->n_pods] = &cp->pods[cp->n_pods];
		cp->n_pods++;
	}
	qsort(cp->in_order, (size_t)cp->n_pods, sizeof(*cp->in_order), cmp_first_seen);
}

static void pods_release(capture_pods *cp)
{
	free(cp->by_name);
	free(cp->pods);
	free(cp->in_order);
}

static int cmp_pod_name(const void *key, const void *elem)
{
	return strcmp(key, ((const pod_rows *)elem)->name);
}

/* The rows of pod name; an empty slice when the capture has none. */
static pod_rows pods_find(const capture_pods *cp, const char *name)
{
	const pod_rows *p =
		bsearch(name, cp->pods, (size_t)cp->n_pods, sizeof(*cp->pods), cmp_pod_name);
	return p ? *p : (pod_rows){ name, NULL, 0 };
}

/* ---- text report ------------------------------------------------------ */

int diff_result_mismatched(const diff_result *res)
{
	return res->counts[DIFF_AGE] + res->counts[DIFF_DIFF] + res->counts[DIFF_EXTRA];
}

/* SIMULATED minus RECORDED in whole seconds, signed ("+7s", "0s", "-2s"). */
static void signed_sec(simtime_t d, char *buf, size_t len)
{
	long long s = (long long)(d / NSEC_PER_SEC);
	snprintf(buf, len, s ? "%+llds" : "%llds", s);
}

static void put_line(tabwriter *tw, const diff_line *l, int n_cells)
{
	char rec[sizeof(l->rec->name) * 4], sim[sizeof(rec)], age[24] = "", ago[24] = "";
	diff_row_text(l->rec, rec, sizeof(rec));
	diff_row_text(l->sim, sim, sizeof(sim));
	if (l->paired)
		signed_sec(l->age_diff, age, sizeof(age));
	if (l->ago_compared)
		signed_sec(l->ago_diff, ago, sizeof(ago));
	else if (l->ago_one_side)
		snprintf(ago, sizeof(ago), "one side only");
	const char *cells[] = { diff_verdict_name(l->verdict), (l->rec ? l->rec : l->sim)->name,
				rec, sim, age, ago };
	print_table_row(tw, cells, n_cells);
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

static void write_summary(const diff_result *res, FILE *out)
{
	char tol[32];
	duration_format(res->tolerance, tol, sizeof(tol));
	const int *c = res->counts;
	if (res->ago_skipped > 0)
		fprintf(out, "note:  %s shows no \"(X ago)\" in RESTARTS (kubectl before 1.22): "
			     "restart times not compared\n", res->rec_name);
	if (c[DIFF_AGE] > 0)
		fprintf(out, "AGE:   %d row%s whose %s differ by more than %s\n", c[DIFF_AGE],
			c[DIFF_AGE] == 1 ? "" : "s",
			res->events ? "LAST SEEN" : "AGE or \"(X ago)\"", tol);
	if (c[DIFF_DIFF] > 0)
		fprintf(out, "DIFF:  %d row%s whose %s differ, or with no simulated partner\n",
			c[DIFF_DIFF], c[DIFF_DIFF] == 1 ? "" : "s",
			res->events ? "TYPE or REASON" : "READY, STATUS or restart count");
	if (c[DIFF_EXTRA] > 0)
		fprintf(out, "EXTRA: %d simulated row%s between two recorded rows\n", c[DIFF_EXTRA],
			c[DIFF_EXTRA] == 1 ? "" : "s");
	fprintf(out, "diff: %d rows compared, %d mismatched (tolerance %s)\n", res->n_lines,
		diff_result_mismatched(res), tol);
}

static void write_text(const diff_result *res, FILE *out)
{
	static const char *const header[] = { "RESULT", "POD", "RECORDED", "SIMULATED",
					      "AGE DIFF", "AGO DIFF" };
	static const char *const event_header[] = { "RESULT", "OBJECT", "RECORDED", "SIMULATED",
						    "SEEN DIFF" };
	fprintf(out, "recorded %s (%d rows) vs simulated %s (%d rows)\n", res->rec_name, res->n_rec,
		res->sim_name, res->n_sim);
	if (res->n_rec == 0) {
		fprintf(out, "diff: %s has no pod rows: nothing to compare\n", res->rec_name);
		return;
	}
	tabwriter *tw = tabwriter_new(out, 0, 8, 2, false);
	print_table_row(tw, res->events ? event_header : header, res->events ? 5 : 6);
	for (int i = 0; i < res->n_lines; i++)
		put_line(tw, &res->lines[i], res->events ? 5 : 6);
	flush_trimmed(tw, out);
	tabwriter_free(tw);
	for (int i = 0; i < res->n_unrecorded; i++)
		fprintf(out, "not compared: %s %s (%d simulated rows) does not appear in %s\n",
			res->events ? "object" : "pod", res->unrecorded[i].name,
			res->unrecorded[i].rows, res->rec_name);
	write_summary(res, out);
}

/* ---- comparison -------------------------------------------------------- */

static void compare_pod(const pod_rows *r, const pod_rows *s, diff_result *res)
{
	op *ops = xmalloc(((size_t)r->n + (size_t)s->n + 1) * sizeof(*ops));
	int k = align(r->rows, r->n, s->rows, s->n, ops);
	int first = k, last = -1;
	for (int i = 0; i < k; i++) {
		if (ops[i].kind != OP_EXTRA) {
			first = first < i ? first : i;
			last = i;
		}
	}
	for (int i = 0; i < k; i++)
		judge_op(&ops[i], i > first && i < last, res);
	free(ops);
}

/* 0 when every pod's alignment table fits DIFF_MAX_CELLS, else -1 after
 * a message on err. */
static int check_sizes(const capture_pods *rec, const capture_pods *sim, FILE *err)
{
	for (int i = 0; i < rec->n_pods; i++) {
		const pod_rows *r = rec->in_order[i];
		pod_rows s = pods_find(sim, r->name);
		if (((uint64_t)r->n + 1) * ((uint64_t)s.n + 1) > DIFF_MAX_CELLS) {
			fprintf(err, "podsim diff: pod %s: %d recorded and %d simulated rows are too "
				     "many to align (at most %llu row pairs per pod)\n",
				r->name, r->n, s.n, (unsigned long long)DIFF_MAX_CELLS);
			return -1;
		}
	}
	return 0;
}

/* Fills res: every pod of RECORDED aligned and judged, then the pods only
 * SIMULATED shows. */
static void judge_all(const capture_pods *rec, const capture_pods *sim, diff_result *res)
{
	for (int i = 0; i < rec->n_pods; i++) {
		pod_rows s = pods_find(sim, rec->in_order[i]->name);
		compare_pod(rec->in_order[i], &s, res);
	}
	for (int i = 0; i < sim->n_pods; i++) {
		const pod_rows *p = sim->in_order[i];
		if (pods_find(rec, p->name).n == 0)
			res->unrecorded[res->n_unrecorded++] = (diff_unrecorded){ p->name, p->n };
	}
}

static bool any_ago(const diff_row *rows, int n)
{
	for (int i = 0; i < n; i++)
		if (rows[i].restart_ago >= 0)
			return true;
	return false;
}

/* -1 after a message on err when one capture holds pod rows and the other
 * event rows (nothing would pair, and every row would read as a DIFF). */
static int check_kinds(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
		       const char *rec_name, const char *sim_name, FILE *err)
{
	if (n_rec == 0 || n_sim == 0 || rec[0].event == sim[0].event)
		return 0;
	fprintf(err, "podsim diff: %s holds %s rows but %s holds %s rows (compare like with like)\n",
		rec_name, rec[0].event ? "event" : "pod", sim_name, sim[0].event ? "event" : "pod");
	return -1;
}

int diff_compare(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
		 simtime_t tolerance, const char *rec_name, const char *sim_name,
		 diff_format fmt, FILE *out, FILE *err)
{
	assert(tolerance >= 0 && n_rec >= 0 && n_sim >= 0);
	if (check_kinds(rec, n_rec, sim, n_sim, rec_name, sim_name, err) < 0)
		return -1;
	capture_pods r, s;
	pods_init(&r, rec, n_rec);
	pods_init(&s, sim, n_sim);
	diff_result res = { .rec_name = rec_name, .sim_name = sim_name, .tolerance = tolerance,
			    .events = n_rec > 0 && rec[0].event, .n_rec = n_rec, .n_sim = n_sim,
			    .ago_recorded = any_ago(rec, n_rec) };
	int rc = check_sizes(&r, &s, err);
	if (rc == 0) {
		res.lines = xmalloc(((size_t)n_rec + (size_t)n_sim + 1) * sizeof(*res.lines));
		res.unrecorded = xmalloc(((size_t)s.n_pods + 1) * sizeof(*res.unrecorded));
		judge_all(&r, &s, &res);
		if (fmt == DIFF_JSON)
			diff_json_write(&res, out);
		else
			write_text(&res, out);
		rc = diff_result_mismatched(&res) > 0 || n_rec == 0;
		free(res.lines);
		free(res.unrecorded);
	}
	pods_release(&r);
	pods_release(&s);
	return rc;
}

/* ---- files ------------------------------------------------------------- */

int diff_load(const char *path, bool recorded, diff_row **rows, FILE *err)
{
	char *text, msg[512];
	size_t len;
	*rows = NULL;
	if (infile_read(path, INFILE_MAX_BYTES, &text, &len, msg, sizeof(msg)) < 0) {
		fprintf(err, "podsim diff: %s\n", msg);
		return -1;
	}
	int n = diff_parse_capture(text, len, path, rows, err, msg, sizeof(msg));
	free(text);
	if (n < 0)
		fprintf(err, "podsim diff: %s\n", msg);
	if (n == 0 && recorded) {
		fprintf(err, "podsim diff: %s: contains no pod rows\n", path);
		return -1;
	}
	return n;
}

int diff_exit_code(int compared)
{
	return compared < 0 ? EXIT_BADINPUT : compared > 0 ? EXIT_RUNTIME : EXIT_OK;
}

int diff_files(const char *rec_path, const char *sim_path, simtime_t tolerance,
	       diff_format fmt, FILE *out, FILE *err)
{
	diff_row *rec = NULL, *sim = NULL;
	int rc = EXIT_BADINPUT;
	int n_rec = diff_load(rec_path, true, &rec, err);
	int n_sim = n_rec < 0 ? -1 : diff_load(sim_path, false, &sim, err);
	if (n_rec > 0 && n_sim >= 0)
		rc = diff_exit_code(
			diff_compare(rec, n_rec, sim, n_sim, tolerance, rec_path, sim_path, fmt, out, err));
	free(rec);
	free(sim);
	return rc;
}
