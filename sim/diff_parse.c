/* diff_parse.c - reading `kubectl get pods -w` and `kubectl get events -w` captures for diff.c.
 *
 * A capture is read leniently, because real ones are pasted from terminals
 * and tutorials.  Two kinds of row are recognised, split on runs of blanks:
 *
 * - a pod row (kubectl's printPod, pkg/printers/internalversion/printers.go):
 *   a READY cell "N/M" in fields 2-4 followed by STATUS, RESTARTS ("N" or
 *   "N (Xs ago)") and a HumanDuration AGE; the fields before NAME may be an
 *   --output-watch-events type and a namespace, and the columns after AGE
 *   (-o wide: IP, NODE, NOMINATED NODE, READINESS GATES) are ignored.
 *   RESTARTS without "(Xs ago)" is what kubectl printed before printPod
 *   learnt the suffix (and still prints for a count of 0): such rows parse
 *   with restart_ago -1.
 * - an event row (printEvent, same file): LAST SEEN, TYPE (Normal or
 *   Warning), REASON, OBJECT (kind/name) and MESSAGE, optionally after a
 *   NAMESPACE; a LAST SEEN of `kubectl events` form "5m (x3 over 10m)" keeps
 *   the 5m.  The row keeps TYPE in ready, REASON in status and LAST SEEN in
 *   age, so diff.c aligns and judges both kinds with the same rules; the
 *   message is not compared (it carries pull durations, node names and
 *   image sizes that differ between any two runs).
 *
 * One capture holds one kind: the first row decides, a row of the other
 * kind rejects the capture.  Blank lines, "# ..." explain lines and column
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
 */
#include "diff_parse.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 32

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
	int kind;          /* -1 before the first row, else its `event` */
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

/* A column header: "NAME ... READY ..." or "... TYPE REASON ..." in any of
 * kubectl's layouts. */
static bool is_header(char **tok, int n)
{
	bool name = false;
	for (int i = 0; i < n; i++) {
		if (strcmp(tok[i], "NAME") == 0)
			name = true;
		else if (name && strcmp(tok[i], "READY") == 0)
			return true;
		else if (i + 1 < n && strcmp(tok[i], "TYPE") == 0 && strcmp(tok[i + 1], "REASON") == 0)
			return true;
	}
	return false;
}

/* "kind/name", the kind starting with a letter. */
static bool is_object_cell(const char *t)
{
	const char *slash = strchr(t, '/');
	return ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z')) && slash && slash[1];
}

/* The index of TYPE in an event row (Normal or Warning, in fields 2-6,
 * with a kind/name OBJECT two fields on), or 0 when tok is no event row. */
static int event_type_at(char **tok, int n)
{
	for (int t = 1; t + 2 < n && t <= 5; t++)
		if ((strcmp(tok[t], "Normal") == 0 || strcmp(tok[t], "Warning") == 0) &&
		    is_object_cell(tok[t + 2]))
			return t;
	return 0;
}

/* `kubectl events` prints the kind as the API spells it ("Pod/web"),
 * `kubectl get events` lower-cased (printEvent): compare the latter. */
static void lower_kind(char *object)
{
	for (char *p = object; *p && *p != '/'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
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

/* The size of the last unit of a HumanDuration text, what it was truncated
 * to: "2m42s" 1s, "15m" 1m, "3h5m" 1m, "72d" 1d. */
static simtime_t unit_of(const char *text)
{
	static const char units[] = "ydhms";
	static const simtime_t unit_ns[] = { SEC(365 * 86400), SEC(86400), SEC(3600), SEC(60),
					     SEC(1) };
	const char *u = strchr(units, text[strlen(text) - 1]);
	assert(u && *u);
	return unit_ns[u - units];
}

/* Parses the HumanDuration at tok (text: the cell without decoration) into
 * *out and its last unit into *unit; 1, or what skip/reject return. */
static int duration_cell(parser *ps, const char *tok, const char *text, const char *field,
			 simtime_t *out, simtime_t *unit)
{
	int rc = diff_parse_human_duration(text, out);
	if (rc == 0)
		*unit = unit_of(text);
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
		int rc = duration_cell(ps, tok[j], tok[j] + 1, "RESTARTS", &row->restart_ago,
				       &row->ago_unit);
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
	int rc = duration_cell(ps, tok[j], tok[j], "AGE", &row->age, &row->age_unit);
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

/* An event row whose TYPE is tok[t]; 1, or what skip/reject return. */
static int parse_event(parser *ps, char **tok, int t, diff_row *row)
{
	int s = t - 1;
	if (tok[s][strlen(tok[s]) - 1] == ')') { /* `kubectl events`: "5m (x3 over 10m)" */
		while (s > 0 && tok[s][0] != '(')
			s--;
		s--;
	}
	if (s < 0)
		return skip(ps, tok[0], "LAST SEEN", "missing");
	memset(row, 0, sizeof(*row));
	row->line = ps->line;
	row->event = true;
	row->restart_ago = -1;
	int rc = duration_cell(ps, tok[s], tok[s], "LAST SEEN", &row->age, &row->age_unit);
	if (rc <= 0)
		return rc;
	row->age_col = column(ps, tok[s]);
	rc = put(ps, row->age_text, sizeof(row->age_text), tok[s], "LAST SEEN");
	if (rc > 0)
		rc = put(ps, row->name, sizeof(row->name), tok[t + 2], "OBJECT");
	lower_kind(row->name);
	if (rc > 0)
		rc = put(ps, row->ready, sizeof(row->ready), tok[t], "TYPE");
	if (rc > 0)
		rc = put(ps, row->status, sizeof(row->status), tok[t + 1], "REASON");
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
	int t = event_type_at(tok, nt);
	int rc = t ? parse_event(ps, tok, t, row) : parse_row(ps, tok, nt, row);
	if (rc <= 0)
		return rc;
	if (ps->kind >= 0 && ps->kind != row->event)
		return reject(ps, tok[0], row->event ? "OBJECT" : "NAME",
			      "%s row in a capture of %s", row->event ? "an event" : "a pod",
			      ps->kind ? "events" : "pods");
	ps->kind = row->event;
	return 1;
}

int diff_parse_capture(const char *text, size_t len, const char *name, diff_row **rows,
		       FILE *warn, char *err, size_t errlen)
{
	assert(text && name && rows && err && errlen > 0);
	parser ps = { .name = name, .warn = warn, .err = err, .errlen = errlen, .kind = -1 };
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

