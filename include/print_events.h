/* print_events.h - `kubectl get events -w` (kubectl-printing.md section 7).
 *
 * Columns LAST SEEN, TYPE, REASON, OBJECT, MESSAGE through the same
 * remembering tab writer as `kubectl get pods -w` (print_get.h).
 */
#ifndef PRINT_EVENTS_H
#define PRINT_EVENTS_H

#include <stdio.h>

#include "api.h"

/* Before print_events_watch_begin the sink only keeps the latest version of
 * every event (by namespace/name; DELETED forgets it).  begin(now) prints
 * them all in the API server's list order (namespace, then name, which is
 * creation order per object) with one flush; afterwards every ADDED or
 * MODIFIED event prints one row and flushes (DELETED prints nothing).  The
 * header is printed once, before the first row.  The watch is owned by the
 * caller of print_events_watch_new; out is borrowed. */
typedef struct events_watch events_watch;
events_watch *print_events_watch_new(FILE *out);
watch_sink print_events_watch_sink(events_watch *ew);
void print_events_watch_begin(events_watch *ew, simtime_t now);
void print_events_watch_free(events_watch *ew);

#endif
