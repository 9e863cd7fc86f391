/* explain.c - why a status patch happened, in the words of the kubelet's rules.
 *
 * --explain prints one line under each kubectl row.  The line is composed
 * when the kubelet generates the status that becomes that row: what woke
 * the pod worker (a PLEG relist, a probe result, the requeue after a sync
 * error), what changed in each container's status and which rule of
 * kubelet-semantics.md makes it look like that (the default waiting
 * reason, the reason cache's one-sync lag, a restart counted on a new
 * instance), and what the previous sync decided (probe failures, the
 * backoff check).  The text is built only from the kubelet's own state, so
 * printers stay ignorant of the kubelet.
 */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "runtime.h"

typedef struct sbuf {
	char *p;
	size_t len, used;
} sbuf;

static void put(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#include <stdarg.h>

static void put(sbuf *b, const char *fmt, ...)
{
	if (b->used + 1 >= b->len)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->p + b->used, b->len - b->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->used += (size_t)n < b->len - b->used ? (size_t)n : b->len - b->used - 1;
}

static double secs(simtime_t t)
{
	return (double)t / 1e9;
}

/* One container's change; returns false if nothing visible changed. */
static bool container_change(sbuf *b, const api_container_status *o, const api_container_status *c,
			     bool first)
{
	const api_container_state *s = &c->state;
	bool restarted = o && c->restart_count > o->restart_count;
	if (o && o->state.kind == s->kind && !restarted && o->ready == c->ready &&
	    strcmp(o->state.reason, s->reason) == 0)
		return false;
	put(b, "%s%s ", first ? "" : "; ", c->name);
	switch (s->kind) {
	case STATE_WAITING:
		if (strcmp(s->reason, "ContainerCreating") == 0 || strcmp(s->reason, "PodInitializing") == 0)
			put(b, "has no instance yet: default waiting reason %s", s->reason);
		else if (s->reason[0])
			put(b, "waiting %s from the reason cache (the previous sync's start attempt failed)",
			    s->reason);
		else
			put(b, "created, not started");
		break;
	case STATE_RUNNING:
		if (restarted)
			put(b, "restarted: new instance #%d running since %.1fs", c->restart_count,
			    secs(s->started_at));
		else if (!o || o->state.kind != STATE_RUNNING)
			put(b, "started at %.1fs (seen by the relist)", secs(s->started_at));
		else if (o->ready != c->ready)
			put(b, "running, ready %s", c->ready ? "true" : "false");
		else
			put(b, "running since %.1fs", secs(s->started_at));
		break;
	case STATE_TERMINATED:
		put(b, "exited %d (%s) at %.1fs; no start attempted since, so no waiting reason yet",
		    s->exit_code, s->reason, secs(s->finished_at));
		break;
	default:
		put(b, "has no state");
	}
	return true;
}

void explain_termination(const kpod *p, simtime_t grace, char *buf, size_t len)
{
	sbuf b = {buf, len, 0};
	buf[0] = '\0';
	put(&b, "SyncTerminatingPod (grace %.0fs): ", secs(grace));
	bool any = false;
	for (int k = 0; k < p->n_ctrs; k++) {
		const kctr *c = &p->ctrs[k];
		const container_instance *i = runtime_newest_live(c);
		if (!i || i->state != INST_EXITED)
			continue;
		put(&b, "%s%s exited %d at %.1fs%s", any ? "; " : "", c->spec->name, i->exit_code,
		    secs(i->finished),
		    i->signal == 9 ? " (SIGKILL: it did not stop on SIGTERM within the grace period)" : "");
		any = true;
	}
	put(&b, "%ssandbox stopped, final status written", any ? "; " : "");
}

void explain_sync(const kpod *p, const api_pod_status *old, const api_pod_status *cur,
		  simtime_t now, simtime_t snap, const char *trigger, const char *story, char *buf,
		  size_t len)
{
	sbuf b = {buf, len, 0};
	buf[0] = '\0';
	put(&b, "%s -> sync at %.1fs", trigger, secs(now));
	if (snap >= 0)
		put(&b, " (runtime as relisted at %.1fs)", secs(snap));
	put(&b, ": ");
	bool any = false;
	for (int k = 0; k < p->n_ctrs; k++) {
		const api_container_status *c = k < p->n_init ? &cur->init_statuses[k]
							      : &cur->statuses[k - p->n_init];
		const api_container_status *o = !old ? NULL
					       : k < p->n_init ? &old->init_statuses[k]
							       : &old->statuses[k - p->n_init];
		any |= container_change(&b, o, c, !any);
	}
	if (!any)
		put(&b, "phase %s, conditions updated", cur->phase);
	if (story && story[0])
		put(&b, "; previous sync: %s", story);
}
