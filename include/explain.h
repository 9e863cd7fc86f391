/* explain.h - the one-line "why" attached to each status patch (--explain). */
#ifndef EXPLAIN_H
#define EXPLAIN_H

#include "node.h"

/* Describe, for a sync at now triggered by trigger, what the new status
 * shows compared with the old one (NULL for the first) and which rule
 * produced it; story is what the previous sync decided ("" if nothing). */
void explain_sync(const kpod *p, const api_pod_status *old, const api_pod_status *cur,
		  simtime_t now, simtime_t snap, const char *trigger, const char *story, char *buf,
		  size_t len);

/* The final status of SyncTerminatingPod: how each container ended. */
void explain_termination(const kpod *p, simtime_t grace, char *buf, size_t len);

#endif
