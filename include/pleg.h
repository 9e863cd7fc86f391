/* pleg.h - the generic PLEG: when the kubelet notices runtime changes. */
#ifndef PLEG_H
#define PLEG_H

#include "node.h"

/* Set up the relist clock of a node (phase drawn from the node's stream). */
void pleg_init(node *n);
/* Start of the newest relist that has completed by now (the instant the
 * pod cache describes), or -1 if none. */
simtime_t pleg_cache_time(const node *n, simtime_t now);
/* GetNewerThan(t): the instant at which a relist started after t has
 * completed (the pod worker may sync from then on). */
simtime_t pleg_newer_than(const node *n, simtime_t t);
/* Per-pod PLEG state, at admission. */
void pleg_pod_init(kpod *p);
/* The runtime state of pod p changed at t: the next relist reports it. */
void pleg_note_change(kpod *p, simtime_t t);

#endif
