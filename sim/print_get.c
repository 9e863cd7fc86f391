/* print_get.c - `kubectl get pods [-w]`: HumanDuration, the table writer and
 * printPod.
 *
 * The printer sees only API objects (data flows scenario -> kubelet -> API
 * store -> printers) and rebuilds each row exactly as the API server's
 * printPod does when it encodes a watch event, at that event's virtual
 * instant; kubectl then pushes the cells through a tab writer that remembers
 * column widths across flushes.  The three pieces mirror apimachinery's
 * duration.HumanDuration and ShortHumanDuration (including their truncation
 * of float64 seconds, minutes and hours, which decides a few boundaries such
 * as ShortHumanDuration(2y-1ns) printing "2y"), liggitt/tabwriter's
 * Writer.format with RememberWidths (recursive column blocks, widths that
 * only grow, lines never re-padded after a flush: the familiar ragged -w
 * output), and printers.go's printPod (init-container loop, sidecars, the
 * reverse walk over container statuses, Completed->Running/NotReady, and the
 * deletion rules).  Invariants: a flushed byte is never rewritten; the watch
 * prints its header exactly once, before its first row.
 *
 * The -w session keeps a private deep copy of every pod until begin(), so the
 * list printed at the watch's start is the store as it stood then, not a
 * replay of rows the user never saw.  Explanations are interleaved after the
 * writer has formatted a flush (captured as a string), so they never take
 * part in column alignment, as they would not in a real terminal.
 *
 * Rejected: computing widths ourselves per column without blocks (wrong for
 * describe, which shares the writer), and printf("%-*s") with fixed widths
 * (cannot reproduce the growth of widths during a watch).
 */
#include "print_get.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "readiness_gates.h"

#define NSEC_PER_MIN (60 * NSEC_PER_SEC)
#define NSEC_PER_HOUR (60 * NSEC_PER_MIN)

/* ---- durations ---------------------------------------------------------- */

/* Go's Duration.Seconds()/Minutes()/Hours() return float64 and HumanDuration
 * truncates them with int(); doing the same keeps the float rounding. */
static int64_t go_float_units(simtime_t d, int64_t unit)
{
	double whole = (double)(d / unit);
	double frac = (double)(d % unit) / (double)unit;
	return (int64_t)(whole + frac);
}

void print_human_duration(simtime_t d, char *buf, size_t len)
{
	int64_t s = go_float_units(d, NSEC_PER_SEC);
	int64_t m = d / NSEC_PER_MIN, h = d / NSEC_PER_HOUR;

	if (s < -1)
		snprintf(buf, len, "<invalid>");
	else if (s < 0)
		snprintf(buf, len, "0s");
	else if (s < 120)
		snprintf(buf, len, "%" PRId64 "s", s);
	else if (m < 10 && (d / NSEC_PER_SEC) % 60 == 0)
		snprintf(buf, len, "%" PRId64 "m", m);
	else if (m < 10)
		snprintf(buf, len, "%" PRId64 "m%" PRId64 "s", m, (d / NSEC_PER_SEC) % 60);
	else if (m < 180)
		snprintf(buf, len, "%" PRId64 "m", m);
	else if (h < 8 && m % 60 == 0)
		snprintf(buf, len, "%" PRId64 "h", h);
	else if (h < 8)
		snprintf(buf, len, "%" PRId64 "h%" PRId64 "m", h, m % 60);
	else if (h < 48)
		snprintf(buf, len, "%" PRId64 "h", h);
	else if (h < 24 * 8 && h % 24 == 0)
		snprintf(buf, len, "%" PRId64 "d", h / 24);
	else if (h < 24 * 8)
		snprintf(buf, len, "%" PRId64 "d%" PRId64 "h", h / 24, h % 24);
	else if (h < 24 * 365 * 2)
		snprintf(buf, len, "%" PRId64 "d", h / 24);
	else if (h < 24 * 365 * 8 && (h / 24) % 365 == 0)
		snprintf(buf, len, "%" PRId64 "y", h / 24 / 365);
	else if (h < 24 * 365 * 8)
		snprintf(buf, len, "%" PRId64 "y%" PRId64 "d", h / 24 / 365, (h / 24) % 365);
	else
		snprintf(buf, len, "%" PRId64 "y", h / 24 / 365);
}

void print_short_human_duration(simtime_t d, char *buf, size_t len)
{
	int64_t s = go_float_units(d, NSEC_PER_SEC);
	int64_t m = go_float_units(d, NSEC_PER_MIN);
	int64_t h = go_float_units(d, NSEC_PER_HOUR);

	if (s < -1)
		snprintf(buf, len, "<invalid>");
	else if (s < 0)
		snprintf(buf, len, "0s");
	else if (s < 60)
		snprintf(buf, len, "%" PRId64 "s", s);
	else if (m < 60)
		snprintf(buf, len, "%" PRId64 "m", m);
	else if (h < 24)
		snprintf(buf, len, "%" PRId64 "h", h);
	else if (h < 24 * 365)
		snprintf(buf, len, "%" PRId64 "d", h / 24);
	else  /* Go: int(d.Hours()/24/365), a float division */
		snprintf(buf, len, "%" PRId64 "y",
			 (int64_t)((double)(d / NSEC_PER_HOUR) / 24 / 365 +
				   (double)(d % NSEC_PER_HOUR) / (double)NSEC_PER_HOUR / 24 / 365));
}

void print_timestamp_since(simtime_t t, simtime_t now, char *buf, size_t len)
{
	if (t == -1)
		snprintf(buf, len, "<unknown>");
	else
		print_human_duration(now - t, buf, len);
}

/* ---- the tab writer ------------------------------------------------------ */

typedef struct cell {
	size_t size; /* bytes of text in tw->buf */
	int width;   /* UTF-8 runes */
} cell;

typedef struct line {
	cell *cells;
	int n, cap;
} line;

struct tabwriter {
	FILE *out;             /* borrowed */
	int minwidth, padding;
	bool remember;
	char *buf;             /* text of every buffered cell, in order */
	size_t len, cap;
	size_t cell_start;     /* where the open cell's text begins in buf */
	line *lines;           /* buffered lines; the last one is open */
	int n_lines, cap_lines;
	int *widths;           /* widths of the columns format() is inside */
	int n_widths, cap_widths;
	int *maxwidths;        /* RememberWidths: widest width per column so far */
	int n_max, cap_max;
};

static void add_line(tabwriter *tw)
{
	XGROW(tw->lines, tw->n_lines, tw->cap_lines);
	tw->lines[tw->n_lines++] = (line){0};
}

tabwriter *tabwriter_new(FILE *out, int minwidth, int tabwidth, int padding, bool remember)
{
	assert(out && minwidth >= 0 && tabwidth >= 0 && padding >= 0);
	tabwriter *tw = xcalloc(1, sizeof(*tw));
	tw->out = out;
	tw->minwidth = minwidth;
	tw->padding = padding;
	tw->remember = remember;
	add_line(tw);
	return tw;
}

static void reset(tabwriter *tw)
{
	for (int i = 0; i < tw->n_lines; i++)
		free(tw->lines[i].cells);
	tw->n_lines = 0;
	tw->len = tw->cell_start = 0;
	add_line(tw);
}

void tabwriter_free(tabwriter *tw)
{
	if (!tw)
		return;
	reset(tw);
	free(tw->lines[0].cells);
	free(tw->lines);
	free(tw->buf);
	free(tw->widths);
	free(tw->maxwidths);
	free(tw);
}

static int rune_count(const char *s, size_t n)
{
	int runes = 0;
	for (size_t i = 0; i < n; i++)
		runes += ((unsigned char)s[i] & 0xC0) != 0x80;
	return runes;
}

/* Close the open cell; returns the number of cells of the open line. */
static int terminate_cell(tabwriter *tw)
{
	line *ln = &tw->lines[tw->n_lines - 1];
	size_t size = tw->len - tw->cell_start;
	XGROW(ln->cells, ln->n, ln->cap);
	ln->cells[ln->n++] = (cell){size, rune_count(tw->buf + tw->cell_start, size)};
	tw->cell_start = tw->len;
	return ln->n;
}

static void append_text(tabwriter *tw, const char *s, size_t n)
{
	if (tw->len + n + 1 > tw->cap) {
		tw->cap = 2 * (tw->len + n + 1);
		tw->buf = xrealloc(tw->buf, tw->cap);
	}
	memcpy(tw->buf + tw->len, s, n);
	tw->len += n;
}

void tabwriter_write(tabwriter *tw, const char *text)
{
	const char *p = text;
	for (;;) {
		size_t n = strcspn(p, "\t\n");
		append_text(tw, p, n);
		p += n;
		if (!*p)
			return;
		int ncells = terminate_cell(tw);
		if (*p++ == '\n') {
			add_line(tw);
			if (ncells == 1)
				tabwriter_flush(tw);
		}
	}
}

static void push_width(int **arr, int *n, int *cap, int w)
{
	XGROW(*arr, *n, *cap);
	(*arr)[(*n)++] = w;
}

/* RememberWidths: the width of column n_widths is never less than any width
 * that column had before, in this flush or an earlier one. */
static int remembered(tabwriter *tw, int width)
{
	int col = tw->n_widths;
	if (!tw->remember)
		return width;
	while (tw->n_max < col)
		push_width(&tw->maxwidths, &tw->n_max, &tw->cap_max, tw->widths[tw->n_max]);
	if (tw->n_max == col)
		push_width(&tw->maxwidths, &tw->n_max, &tw->cap_max, width);
	else if (tw->maxwidths[col] > width)
		width = tw->maxwidths[col];
	else
		tw->maxwidths[col] = width;
	return width;
}

static size_t write_lines(tabwriter *tw, size_t pos, int line0, int line1)
{
	for (int i = line0; i < line1; i++) {
		const line *ln = &tw->lines[i];
		for (int j = 0; j < ln->n; j++) {
			const cell *c = &ln->cells[j];
			fwrite(tw->buf + pos, 1, c->size, tw->out);
			pos += c->size;
			for (int k = c->width; j < tw->n_widths && k < tw->widths[j]; k++)
				putc(' ', tw->out);
		}
		if (i + 1 < tw->n_lines)
			putc('\n', tw->out);
	}
	return pos;
}

/* Writer.format: lines [line0, line1) with the columns left of n_widths
 * already sized.  Each maximal run of lines that have a cell in the next
 * column is a block; its width is fixed, then the run is formatted
 * recursively for the columns further right. */
static size_t format(tabwriter *tw, size_t pos, int line0, int line1)
{
	int column = tw->n_widths;
	for (int this = line0; this < line1; this++) {
		if (column >= tw->lines[this].n - 1)
			continue;
		pos = write_lines(tw, pos, line0, this);
		line0 = this;
		int width = tw->minwidth;
		for (; this < line1 && column < tw->lines[this].n - 1; this++) {
			int w = tw->lines[this].cells[column].width + tw->padding;
			if (w > width)
				width = w;
		}
		width = remembered(tw, width);
		push_width(&tw->widths, &tw->n_widths, &tw->cap_widths, width);
		pos = format(tw, pos, line0, this);
		tw->n_widths--;
		line0 = this;
	}
	return write_lines(tw, pos, line0, line1);
}

void tabwriter_flush(tabwriter *tw)
{
	if (tw->len > tw->cell_start)
		terminate_cell(tw);
	format(tw, 0, 0, tw->n_lines);
	assert(tw->n_widths == 0);
	reset(tw);
}

char *tabwriter_flush_string(tabwriter *tw)
{
	char *s = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&s, &n);
	if (!mem) {
		fprintf(stderr, "podsim: out of memory opening a string stream\n");
		abort();
	}
	FILE *saved = tw->out;
	tw->out = mem;
	tabwriter_flush(tw);
	tw->out = saved;
	fclose(mem);
	return s;
}

void print_table_row(tabwriter *tw, const char *const *cells, int n)
{
	for (int i = 0; i < n; i++) {
		size_t cut = strcspn(cells[i], "\n\r\f");
		char *text = xstrndup(cells[i], cut);
		if (i > 0)
			tabwriter_write(tw, "\t");
		tabwriter_write(tw, text);
		if (cells[i][cut])
			tabwriter_write(tw, "...");
		free(text);
	}
	tabwriter_write(tw, "\n");
}

/* ---- printPod ------------------------------------------------------------ */

/* What printPod accumulates while it walks the statuses. */
typedef struct tally {
	char reason[API_REASON_LEN + 16];
	int restarts, sidecar_restarts, ready;
	simtime_t last, last_sidecar; /* latest lastTerminationState finish; -1 none */
	bool initializing;
} tally;

static void note_finish(simtime_t *last, const api_container_status *cs)
{
	simtime_t f = cs->last_state.finished_at;
	if (cs->last_state.kind == STATE_TERMINATED && f != -1 && (*last == -1 || f > *last))
		*last = f;
}

/* A status belongs to a sidecar when the spec init container of that name
 * has restartPolicy Always; an unknown name is not a sidecar. */
static bool is_sidecar(const pod_spec *spec, const char *name)
{
	for (int i = 0; i < spec->n_init_containers; i++)
		if (strcmp(spec->init_containers[i].name, name) == 0)
			return spec->init_containers[i].restartable;
	return false;
}

/* One init status; returns true when the loop goes on to the next one. */
static bool init_status(tally *t, const api_pod *p, int i)
{
	const api_container_status *cs = &p->status.init_statuses[i];
	const api_container_state *st = &cs->state;
	bool sidecar = is_sidecar(p->spec, cs->name);

	t->restarts += cs->restart_count;
	note_finish(&t->last, cs);
	if (sidecar) {
		t->sidecar_restarts += cs->restart_count;
		note_finish(&t->last_sidecar, cs);
	}
	if (st->kind == STATE_TERMINATED && st->exit_code == 0)
		return true;
	if (sidecar && cs->started == 1) {
		t->ready += cs->ready;
		return true;
	}
	t->initializing = true;
	if (st->kind == STATE_TERMINATED && st->reason[0])
		snprintf(t->reason, sizeof(t->reason), "Init:%s", st->reason);
	else if (st->kind == STATE_TERMINATED && st->signal != 0)
		snprintf(t->reason, sizeof(t->reason), "Init:Signal:%d", st->signal);
	else if (st->kind == STATE_TERMINATED)
		snprintf(t->reason, sizeof(t->reason), "Init:ExitCode:%d", st->exit_code);
	else if (st->kind == STATE_WAITING && st->reason[0] &&
		 strcmp(st->reason, "PodInitializing") != 0)
		snprintf(t->reason, sizeof(t->reason), "Init:%s", st->reason);
	else
		snprintf(t->reason, sizeof(t->reason), "Init:%d/%d", i,
			 p->spec->n_init_containers);
	return false;
}

static const api_condition *find_condition(const api_pod_status *s, api_condition_type type)
{
	for (int i = 0; i < s->n_conditions; i++)
		if (s->conditions[i].type == type)
			return &s->conditions[i];
	return NULL;
}

static bool condition_true(const api_pod_status *s, api_condition_type type)
{
	const api_condition *c = find_condition(s, type);
	return c && c->status == 1;
}

/* Regular containers, last to first so that the first container's reason
 * wins; restarts of plain init containers no longer count. */
static void main_statuses(tally *t, const api_pod_status *s)
{
	bool has_running = false;
	t->restarts = t->sidecar_restarts;
	t->last = t->last_sidecar;
	for (int i = s->n_statuses - 1; i >= 0; i--) {
		const api_container_status *cs = &s->statuses[i];
		const api_container_state *st = &cs->state;
		t->restarts += cs->restart_count;
		note_finish(&t->last, cs);
		if (st->kind == STATE_WAITING && st->reason[0])
			snprintf(t->reason, sizeof(t->reason), "%s", st->reason);
		else if (st->kind == STATE_TERMINATED && st->reason[0])
			snprintf(t->reason, sizeof(t->reason), "%s", st->reason);
		else if (st->kind == STATE_TERMINATED && st->signal != 0)
			snprintf(t->reason, sizeof(t->reason), "Signal:%d", st->signal);
		else if (st->kind == STATE_TERMINATED)
			snprintf(t->reason, sizeof(t->reason), "ExitCode:%d", st->exit_code);
		else if (cs->ready && st->kind == STATE_RUNNING) {
			has_running = true;
			t->ready++;
		}
	}
	if (strcmp(t->reason, "Completed") == 0 && has_running)
		snprintf(t->reason, sizeof(t->reason), "%s",
			 condition_true(s, COND_READY) ? "Running" : "NotReady");
}

static void pod_status_cell(tally *t, const api_pod *p)
{
	const api_pod_status *s = &p->status;

	snprintf(t->reason, sizeof(t->reason), "%s", s->reason[0] ? s->reason : s->phase);
	for (int i = 0; i < s->n_conditions; i++)
		if (s->conditions[i].type == COND_POD_SCHEDULED &&
		    strcmp(s->conditions[i].reason, "SchedulingGated") == 0)
			snprintf(t->reason, sizeof(t->reason), "SchedulingGated");
	for (int i = 0; i < s->n_init_statuses; i++)
		if (!init_status(t, p, i))
			break;
	if (!t->initializing || condition_true(s, COND_INITIALIZED))
		main_statuses(t, s);
	bool terminal = strcmp(s->phase, "Succeeded") == 0 || strcmp(s->phase, "Failed") == 0;
	if (p->deletion_timestamp != -1 && strcmp(s->reason, "NodeLost") == 0)
		snprintf(t->reason, sizeof(t->reason), "Unknown");
	else if (p->deletion_timestamp != -1 && !terminal)
		snprintf(t->reason, sizeof(t->reason), "Terminating");
}

void print_pod_row(const api_pod *p, simtime_t now, pod_row *row)
{
	tally t = {.last = -1, .last_sidecar = -1};

	assert(p->spec);
	int total = p->spec->n_containers;
	for (int i = 0; i < p->spec->n_init_containers; i++)
		total += p->spec->init_containers[i].restartable;
	pod_status_cell(&t, p);

	memset(row, 0, sizeof(*row));
	snprintf(row->name, sizeof(row->name), "%s", p->name);
	snprintf(row->ready, sizeof(row->ready), "%d/%d", t.ready, total);
	snprintf(row->status, sizeof(row->status), "%s", t.reason);
	if (t.restarts != 0 && t.last != -1) {
		char ago[32];
		print_human_duration(now - t.last, ago, sizeof(ago));
		snprintf(row->restarts, sizeof(row->restarts), "%d (%s ago)", t.restarts, ago);
	} else {
		snprintf(row->restarts, sizeof(row->restarts), "%d", t.restarts);
	}
	print_timestamp_since(p->creation_timestamp, now, row->age, sizeof(row->age));
	snprintf(row->ip, sizeof(row->ip), "%s", p->status.pod_ip[0] ? p->status.pod_ip : "<none>");
	snprintf(row->node, sizeof(row->node), "%s", p->node_name[0] ? p->node_name : "<none>");
	snprintf(row->nominated_node, sizeof(row->nominated_node), "<none>");
	readiness_gates_cell(p->spec, &p->status, row->readiness_gates,
			     sizeof(row->readiness_gates));
}

/* ---- kubectl get pods -w ------------------------------------------------- */

typedef struct stored_pod {
	api_pod pod; /* deep copy, owned */
	char *why;   /* owned */
} stored_pod;

struct get_watch {
	FILE *out;          /* borrowed */
	bool wide, explain;
	bool begun, header_done;
	tabwriter *tw;      /* kubectl's writer: (6, 4, 3, RememberWidths) */
	stored_pod *pods;   /* before begin: latest object per namespace/name */
	int n_pods, cap_pods;
};

get_watch *print_get_watch_new(FILE *out, bool wide, bool explain)
{
	get_watch *gw = xcalloc(1, sizeof(*gw));
	gw->out = out;
	gw->wide = wide;
	gw->explain = explain;
	gw->tw = tabwriter_new(out, 6, 4, 3, true);
	return gw;
}

static void forget_pods(get_watch *gw)
{
	for (int i = 0; i < gw->n_pods; i++) {
		api_pod_release(&gw->pods[i].pod);
		free(gw->pods[i].why);
	}
	free(gw->pods);
	gw->pods = NULL;
	gw->n_pods = gw->cap_pods = 0;
}

void print_get_watch_free(get_watch *gw)
{
	if (!gw)
		return;
	forget_pods(gw);
	tabwriter_free(gw->tw);
	free(gw);
}

static void queue_header(get_watch *gw)
{
	static const char *const header[] = {"NAME", "READY", "STATUS", "RESTARTS", "AGE",
					     "IP", "NODE", "NOMINATED NODE", "READINESS GATES"};
	print_table_row(gw->tw, header, gw->wide ? 9 : 5);
}

static void queue_row(get_watch *gw, const api_pod *p, simtime_t now)
{
	pod_row r;
	print_pod_row(p, now, &r);
	const char *cells[] = {r.name, r.ready, r.status, r.restarts, r.age,
			       r.ip, r.node, r.nominated_node, r.readiness_gates};
	print_table_row(gw->tw, cells, gw->wide ? 9 : 5);
}

/* Flush, then copy the formatted lines to out with each row's explanation
 * after it.  header says whether the first line is the header; whys[i]
 * belongs to the i-th row of this flush. */
static void flush_rows(get_watch *gw, bool header, const char *const *whys, int n_rows)
{
	char *text = tabwriter_flush_string(gw->tw);
	char *p = text;
	if (header) {
		p = strchr(p, '\n') + 1;
		fwrite(text, 1, (size_t)(p - text), gw->out);
		gw->header_done = true;
	}
	for (int i = 0; i < n_rows; i++) {
		char *end = strchr(p, '\n') + 1;
		fwrite(p, 1, (size_t)(end - p), gw->out);
		if (gw->explain && whys[i][0])
			fprintf(gw->out, "    # %s\n", whys[i]);
		p = end;
	}
	assert(*p == '\0');
	free(text);
}

static int find_pod(const get_watch *gw, const api_pod *p)
{
	for (int i = 0; i < gw->n_pods; i++)
		if (strcmp(gw->pods[i].pod.namespace, p->namespace) == 0 &&
		    strcmp(gw->pods[i].pod.name, p->name) == 0)
			return i;
	return -1;
}

static void absorb(get_watch *gw, watch_type t, const api_pod *obj, const char *why)
{
	int i = find_pod(gw, obj);
	if (i >= 0) {
		api_pod_release(&gw->pods[i].pod);
		free(gw->pods[i].why);
		if (t == WATCH_DELETED) {
			gw->pods[i] = gw->pods[--gw->n_pods];
			return;
		}
	} else {
		if (t == WATCH_DELETED)
			return;
		XGROW(gw->pods, gw->n_pods, gw->cap_pods);
		i = gw->n_pods++;
	}
	api_pod_copy(&gw->pods[i].pod, obj);
	gw->pods[i].why = xstrdup(why ? why : "");
}

static void on_pod(void *ctx, simtime_t now, watch_type t, const api_pod *obj, const char *why)
{
	get_watch *gw = ctx;
	const char *whys[1] = {why ? why : ""};
	bool header = !gw->header_done;

	if (!gw->begun) {
		absorb(gw, t, obj, why);
		return;
	}
	if (header)
		queue_header(gw);
	queue_row(gw, obj, now);
	flush_rows(gw, header, whys, 1);
}

static void ignore_event(void *ctx, simtime_t now, watch_type t, const api_event *ev)
{
	(void)ctx, (void)now, (void)t, (void)ev;
}

watch_sink print_get_watch_sink(get_watch *gw)
{
	return (watch_sink){.pod_event = on_pod, .event_event = ignore_event, .ctx = gw};
}

static int by_namespace_name(const void *a, const void *b)
{
	const api_pod *x = &((const stored_pod *)a)->pod, *y = &((const stored_pod *)b)->pod;
	int c = strcmp(x->namespace, y->namespace);
	return c ? c : strcmp(x->name, y->name);
}

void print_get_watch_begin(get_watch *gw, simtime_t now)
{
	assert(!gw->begun);
	gw->begun = true;
	if (gw->n_pods > 0) {
		const char **whys = xcalloc((size_t)gw->n_pods, sizeof(*whys));
		qsort(gw->pods, (size_t)gw->n_pods, sizeof(*gw->pods), by_namespace_name);
		queue_header(gw);
		for (int i = 0; i < gw->n_pods; i++) {
			queue_row(gw, &gw->pods[i].pod, now);
			whys[i] = gw->pods[i].why;
		}
		flush_rows(gw, true, whys, gw->n_pods);
		free(whys);
	}
	forget_pods(gw);
}
