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
	int kubectl_minor;   /* kubectl 1.N: 31+ shows a deleted pod's final phase,
			      * 33+ sorts events as Go 1.24 does, 34+ names ports,
			      * 35+ prefixes event messages with the field path */
} describe_opts;

/* Describe p (p->spec must be set) with the events about it, borrowed, in
 * any order: the Events table lists them as kubectl does, in the API
 * server's list order (namespace, then name; events of one name in the
 * order given) sorted by Go's unstable sort.Sort on lastTimestamp. */
void print_describe_pod(FILE *out, const api_pod *p, const api_event *const *events,
			int n_events, simtime_t now, const describe_opts *opts);

#endif
