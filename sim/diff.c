/* diff.c - `podsim diff RECORDED SIMULATED`: a real `kubectl get pods -w` capture against podsim's.
 *
 * A capture is read leniently, because real ones are pasted from terminals
 * and tutorials: any line whose tokens (split on runs of blanks) contain a
 * READY cell "N/M" in position 1-3 followed by STATUS, RESTARTS ("N" or
 * "N (Xs ago)") and a HumanDuration AGE is a row; the tokens before NAME may
 * be an --output-watch-events type and a namespace, and columns after AGE
 * (-o wide) are ignored.  Blank lines, "# ..." explain lines and column
 * headers are skipped silently, so a grep'd capture may start and stop
 * anywhere; every other line that is not a row (a shell prompt, an AGE of
 * "<unknown>", garbage) is skipped with a warning naming file:line:col and
 * the cell, so nothing is dropped unseen (the first DIFF_MAX_WARNINGS, then
 * a count).  A row that cannot be skipped without changing the comparison
 * rejects the capture (exit 2): an AGE or "(X ago)" past DIFF_MAX_AGE,
 * which simtime_t cannot hold (292 years; kubectl's HumanDuration from
 * apimachinery/pkg/util/duration prints "671y" happily), a cell longer than
 * diff_row keeps, a NUL byte.  STATUS may be empty (a pod with no phase): a
 * RESTARTS number right after READY means just that.
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

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "infile.h"
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
	int last = -1, rc = 0;
	if (!*p)
		return -1;
	while (*p) {
		if (*p < '0' || *p > '9')
			return -1;
		int64_t v = 0;
		for (; *p >= '0' && *p <= '9'; p++)
			if ((v = v * 10 + (*p - '0')) > DIFF_MAX_AGE / NSEC_PER_SEC) {
				v = 0; /* keep scanning: bad syntax wins over range */
				rc = -2;
			}
		const char *u = *p ? strchr(units, *p) : NULL;
		if (!u || u - units <= last)
			return -1;
		last = (int)(u - units);
		if (v > (DIFF_MAX_AGE - total) / unit_ns[last])
			rc = -2;
		else
			total += v * unit_ns[last];
		p++;
	}
	if (rc == 0)
		*out = total;
	return rc;
}

/* ---- parsing ----------------------------------------------------------- */

/* One capture being parsed: where messages go and what they name. */
typedef struct parser {
	const char *name;  /* the capture, as messages name it */
	FILE *warn;        /* NULL: skip unparsable lines silently */
	int warned, skipped;
	char *err;
	size_t errlen;
	int line;          /* 1-based number of the current line */
	const char *start; /* the current line's mutable copy, for columns */
} parser;

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

/* A column header: "NAME ... READY ..." in any of kubectl's layouts. */
static bool is_header(char **tok, int n)
{
	bool name = false;
	for (int i = 0; i < n; i++) {
		if (strcmp(tok[i], "NAME") == 0)
			name = true;
		else if (name && strcmp(tok[i], "READY") == 0)
			return true;
	}
	return false;
}

static int column(const parser *ps, const char *at)
{
	return at ? (int)(at - ps->start) + 1 : (int)strlen(ps->start) + 1;
}

/* "NAME:LINE:COL: FIELD: cannot parse row: MSG" about the token at (NULL:
 * the end of the current line) into buf. */
static void locate(const parser *ps, char *buf, size_t len, const char *at, const char *field,
		   const char *fmt, va_list ap)
{
	char msg[160];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	snprintf(buf, len, "%s:%d:%d: %s: cannot parse row: %s", ps->name, ps->line,
		 column(ps, at), field, msg);
}

/* Skips the current line with a warning; returns 0. */
__attribute__((format(printf, 4, 5))) static int skip(parser *ps, const char *at,
						      const char *field, const char *fmt, ...)
{
	if (ps->warn && ps->warned < DIFF_MAX_WARNINGS) {
		char line[512];
		va_list ap;
		va_start(ap, fmt);
		locate(ps, line, sizeof(line), at, field, fmt, ap);
		va_end(ap);
		fprintf(ps->warn, "podsim diff: warning: %s (line skipped)\n", line);
		ps->warned++;
	}
	ps->skipped++;
	return 0;
}

/* Rejects the whole capture, the message in ps->err; returns -1. */
__attribute__((format(printf, 4, 5))) static int reject(parser *ps, const char *at,
							const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	locate(ps, ps->err, ps->errlen, at, field, fmt, ap);
	va_end(ap);
	return -1;
}

/* Parses the HumanDuration at tok (text: the cell without decoration) into
 * *out; 1, or what skip/reject return. */
static int duration_cell(parser *ps, const char *tok, const char *text, const char *field,
			 simtime_t *out)
{
	int rc = diff_parse_human_duration(text, out);
	if (rc == -2)
		return reject(ps, tok, field, "\"%s\" is out of range (at most %s)", text,
			      DIFF_MAX_AGE_TEXT);
	if (rc < 0)
		return skip(ps, tok, field, "\"%.32s\" is not a HumanDuration such as 2m42s", text);
	return 1;
}

/* Copies the cell at tok into dst; 1, or -1 when it does not fit. */
static int put(parser *ps, char *dst, size_t len, const char *tok, const char *field)
{
	if ((size_t)snprintf(dst, len, "%s", tok) < len)
		return 1;
	return reject(ps, tok, field, "longer than %zu characters", len - 1);
}

/* RESTARTS and AGE from tok[j...]; 1, or what skip/reject return. */
static int parse_tail(parser *ps, char **tok, int n, int j, diff_row *row)
{
	if (j >= n)
		return skip(ps, NULL, "RESTARTS", "missing");
	if (!all_digits(tok[j], 9))
		return skip(ps, tok[j], "RESTARTS", "\"%.32s\" is not a restart count", tok[j]);
	row->restarts = atoi(tok[j]);
	row->restart_ago = -1;
	snprintf(row->restarts_text, sizeof(row->restarts_text), "%s", tok[j++]);
	if (j + 1 < n && tok[j][0] == '(' && strcmp(tok[j + 1], "ago)") == 0) {
		int rc = duration_cell(ps, tok[j], tok[j] + 1, "RESTARTS", &row->restart_ago);
		if (rc <= 0)
			return rc;
		size_t len = strlen(row->restarts_text), room = sizeof(row->restarts_text) - len;
		if ((size_t)snprintf(row->restarts_text + len, room, " %s ago)", tok[j]) >= room)
			return reject(ps, tok[j], "RESTARTS", "longer than %zu characters",
				      sizeof(row->restarts_text) - 1);
		j += 2;
	}
	if (j >= n)
		return skip(ps, NULL, "AGE", "missing");
	int rc = duration_cell(ps, tok[j], tok[j], "AGE", &row->age);
	if (rc <= 0)
		return rc;
	row->age_col = column(ps, tok[j]);
	return put(ps, row->age_text, sizeof(row->age_text), tok[j], "AGE");
}

/* 1 = a row, 0 = skipped (with a warning), -1 = the capture is rejected. */
static int parse_row(parser *ps, char **tok, int n, diff_row *row)
{
	int r = 1;
	while (r < n && r <= 3 && !is_ready_cell(tok[r]))
		r++;
	if (r >= n || r > 3)
		return skip(ps, tok[0], "READY", "no READY cell (N/M) in fields 2 to 4");
	memset(row, 0, sizeof(*row));
	row->line = ps->line;
	const char *name = tok[r - 1];
	if (strncmp(name, "pod/", 4) == 0)
		name += 4;
	int j = r + 1;
	const char *status = j < n && !all_digits(tok[j], 9) ? tok[j++] : "";
	int rc = parse_tail(ps, tok, n, j, row);
	if (rc > 0)
		rc = put(ps, row->name, sizeof(row->name), name, "NAME");
	if (rc > 0)
		rc = put(ps, row->ready, sizeof(row->ready), tok[r], "READY");
	if (rc > 0)
		rc = put(ps, row->status, sizeof(row->status), status, "STATUS");
	return rc;
}

/* One line: 1 = a row in *row, 0 = none, -1 = rejected. */
static int parse_line(parser *ps, char *line, diff_row *row)
{
	line[strcspn(line, "\r")] = '\0';
	ps->start = line;
	char *tok[MAX_TOKENS];
	if (line[strspn(line, " \t")] == '#')
		return 0;
	int nt = split(line, tok);
	if (nt == 0 || is_header(tok, nt))
		return 0;
	return parse_row(ps, tok, nt, row);
}

int diff_parse_capture(const char *text, size_t len, const char *name, diff_row **rows,
		       FILE *warn, char *err, size_t errlen)
{
	assert(text && name && rows && err && errlen > 0);
	parser ps = { .name = name, .warn = warn, .err = err, .errlen = errlen };
	diff_row *out = NULL;
	int n = 0, cap = 0, rc = 0;
	for (const char *p = text, *end = text + len; p < end && rc >= 0;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t llen = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, llen);
		ps.line++;
		diff_row row;
		if (strlen(line) < llen) {
			ps.start = line;
			rc = reject(&ps, line + strlen(line), "text", "NUL byte (not a text capture)");
		} else {
			rc = parse_line(&ps, line, &row);
		}
		free(line);
		p += llen + (nl != NULL);
		if (rc == 1) {
			XGROW(out, n, cap);
			out[n++] = row;
		}
	}
	if (warn && ps.skipped > ps.warned)
		fprintf(warn, "podsim diff: warning: %s: %d more lines skipped\n", name,
			ps.skipped - ps.warned);
	if (rc < 0) {
		free(out);
		*rows = NULL;
		return -1;
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

/* ---- comparison -------------------------------------------------------- */

static void compare_pod(const pod_rows *r, const pod_rows *s, simtime_t tol, tabwriter *tw,
			tally *t)
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
		report_op(tw, &ops[i], i > first && i < last, tol, t);
	free(ops);
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
static void report_unrecorded(const capture_pods *rec, const capture_pods *sim,
			      const char *rec_name, FILE *out)
{
	for (int i = 0; i < sim->n_pods; i++) {
		const pod_rows *p = sim->in_order[i];
		if (pods_find(rec, p->name).n == 0)
			fprintf(out, "not compared: pod %s (%d simulated rows) does not appear in %s\n",
				p->name, p->n, rec_name);
	}
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

static void report(const capture_pods *rec, const capture_pods *sim, simtime_t tolerance,
		   const char *rec_name, FILE *out, tally *t)
{
	static const char *const header[] = { "RESULT", "POD", "RECORDED", "SIMULATED",
					      "AGE DIFF", "AGO DIFF" };
	tabwriter *tw = tabwriter_new(out, 0, 8, 2, false);
	print_table_row(tw, header, 6);
	for (int i = 0; i < rec->n_pods; i++) {
		pod_rows s = pods_find(sim, rec->in_order[i]->name);
		compare_pod(rec->in_order[i], &s, tolerance, tw, t);
	}
	flush_trimmed(tw, out);
	tabwriter_free(tw);
	report_unrecorded(rec, sim, rec_name, out);
	char tol[32];
	duration_format(tolerance, tol, sizeof(tol));
	report_summary(t, tol, out);
}

int diff_compare(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
		 simtime_t tolerance, const char *rec_name, const char *sim_name, FILE *out,
		 FILE *err)
{
	assert(tolerance >= 0 && n_rec >= 0 && n_sim >= 0);
	capture_pods r, s;
	pods_init(&r, rec, n_rec);
	pods_init(&s, sim, n_sim);
	tally t = { 0, 0, 0, 0 };
	int rc = check_sizes(&r, &s, err);
	if (rc == 0) {
		fprintf(out, "recorded %s (%d rows) vs simulated %s (%d rows)\n", rec_name, n_rec,
			sim_name, n_sim);
		if (n_rec == 0)
			fprintf(out, "diff: %s has no pod rows: nothing to compare\n", rec_name);
		else
			report(&r, &s, tolerance, rec_name, out, &t);
		rc = n_rec == 0 || t.age + t.diff + t.extra > 0;
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

int diff_files(const char *rec_path, const char *sim_path, simtime_t tolerance, FILE *out,
	       FILE *err)
{
	diff_row *rec = NULL, *sim = NULL;
	int rc = EXIT_BADINPUT;
	int n_rec = diff_load(rec_path, true, &rec, err);
	int n_sim = n_rec < 0 ? -1 : diff_load(sim_path, false, &sim, err);
	if (n_rec > 0 && n_sim >= 0)
		rc = diff_exit_code(
			diff_compare(rec, n_rec, sim, n_sim, tolerance, rec_path, sim_path, out, err));
	free(rec);
	free(sim);
	return rc;
}
