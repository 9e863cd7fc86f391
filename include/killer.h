/* killer.h - killContainer / killPodWithSyncResult (kuberuntime_container.go). */
#ifndef KILLER_H
#define KILLER_H

#include "node.h"

/* Stop the running instance of c: Killing event with msg, preStop hook, 2 s floor, StopContainer.  done(ctx)
 * when the instance has exited (at once if nothing runs). */
void killer_kill_container(kctr *c, simtime_t grace, const char *msg, void (*done)(void *ctx),
			   void *ctx);
/* Kill every container of the pod: regular ones in parallel, then sidecars
 * in reverse declaration order; done(ctx) when all have exited. */
void killer_kill_pod(kpod *p, simtime_t grace, void (*done)(void *ctx), void *ctx);
/* Grace for a kill: deletion grace, else probe grace (liveness/startup
 * kills, probe_grace >= 0), else the pod's. */
simtime_t killer_grace(const kpod *p, int64_t probe_grace);

#endif
