/* print_describe.h - `kubectl describe pod` at a virtual instant.
 *
 * Go text/tabwriter (minwidth 0, tabwidth 8, padding 2, no width memory)
 * block alignment, describePod's line sequence, container State/Last State,
 * probe strings, Conditions and the Events table with client-go counts
 * (kubectl-printing.md section 4).  Absolute times are printed as RFC 1123
 * with numeric zone in UTC ("Thu, 18 Apr 2024 16:47:19 +0000"); epoch_unix is
 * the wall-clock second of virtual time 0.
 */
#ifndef PRINT_DESCRIBE_H
#define PRINT_DESCRIBE_H

#include <stdio.h>

#include "api.h"

typedef struct describe_opts {
	int64_t epoch_unix;
	int kubectl_minor;   /* >= 35: event messages prefixed with the field path */
} describe_opts;

/* Describe p (p->spec must be set) with the events about it.  events are
 * borrowed and must be given in creation order: the table is sorted by last
 * timestamp and events with equal timestamps keep that order. */
void print_describe_pod(FILE *out, const api_pod *p, const api_event *const *events,
			int n_events, simtime_t now, const describe_opts *opts);

#endif
