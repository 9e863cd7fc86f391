/* print_get.h - `kubectl get pods [-w] [-o wide]`: durations, the table
 * writer and the pod row.
 *
 * HumanDuration, the liggitt/tabwriter with RememberWidths (kubectl uses
 * minwidth 6, tabwidth 4, padding 3), and printPod's STATUS/READY/RESTARTS
 * rules (kubectl-printing.md sections 1-3).  `kubectl get events -w` lives in
 * print_events.h and describe in print_describe.h; both reuse the duration
 * and table helpers declared here.
 */
#ifndef PRINT_GET_H
#define PRINT_GET_H

#include <stdio.h>

#include "api.h"

/* apimachinery duration.HumanDuration / ShortHumanDuration of d into buf
 * (at most len bytes including the NUL; 16 is always enough). */
void print_human_duration(simtime_t d, char *buf, size_t len);
void print_short_human_duration(simtime_t d, char *buf, size_t len);
/* translateTimestampSince: "<unknown>" when t is unset (-1), else
 * HumanDuration(now - t). */
void print_timestamp_since(simtime_t t, simtime_t now, char *buf, size_t len);

/* A tab writer (liggitt/tabwriter, a fork of Go's text/tabwriter): text is
 * split into tab-terminated cells and '\n'-terminated lines; the text after
 * a line's last tab is not a column and is never padded.  A column is as
 * wide as max(minwidth, longest cell in its block + padding), counting UTF-8
 * runes; a block is a run of consecutive lines that have that cell.  Cells
 * are padded with spaces, so tabwidth has no effect (it is accepted for
 * fidelity with the upstream constructor).  Nothing is written until flush,
 * except that a completed line without any tab flushes what is buffered (as
 * upstream: such a line ends every column block anyway).  With remember,
 * column widths never shrink across flushes (RememberWidths).
 * The writer is owned by the caller of tabwriter_new; out is borrowed. */
typedef struct tabwriter tabwriter;
tabwriter *tabwriter_new(FILE *out, int minwidth, int tabwidth, int padding, bool remember);
void tabwriter_write(tabwriter *tw, const char *text);
void tabwriter_flush(tabwriter *tw);
/* Flush into a new heap string instead of out (caller frees with free()). */
char *tabwriter_flush_string(tabwriter *tw);
void tabwriter_free(tabwriter *tw);

/* printTable's row: the n cells joined by tabs and ended by '\n'; a cell is
 * cut at its first '\n', '\r' or '\f' and then ends with "...". */
void print_table_row(tabwriter *tw, const char *const *cells, int n);

/* The cells of one pod row as printPod computes them at instant now. */
typedef struct pod_row {
	char name[API_NAME_LEN];
	char ready[16];
	char status[API_REASON_LEN + 16];
	char restarts[64];
	char age[32];
	char ip[32];
	char node[API_NAME_LEN];
	char nominated_node[API_NAME_LEN];
	char readiness_gates[16];
} pod_row;
/* p->spec must be set (the container counts come from it). */
void print_pod_row(const api_pod *p, simtime_t now, pod_row *row);

/* `kubectl get pods -w` started at virtual time from: sink receives every
 * pod change; changes before from are absorbed (the latest object per
 * namespace/name is kept, DELETED forgets it), and print_get_watch_begin(now
 * = from) prints the list as it stands then (header + rows sorted by
 * namespace and name, one flush), after which every change prints one row
 * and flushes.  The header is printed once, before the first row ever
 * printed.  explain adds an indented line "    # <why>" under each row whose
 * change came with a non-empty why.  The watch is owned by the caller of
 * print_get_watch_new; out is borrowed and must outlive it. */
typedef struct get_watch get_watch;
get_watch *print_get_watch_new(FILE *out, bool wide, bool explain);
watch_sink print_get_watch_sink(get_watch *gw);
void print_get_watch_begin(get_watch *gw, simtime_t now);
void print_get_watch_free(get_watch *gw);

#endif
