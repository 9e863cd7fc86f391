/* pleg.c - the generic pod lifecycle event generator (relist).
 *
 * The kubelet learns about container starts and deaths only by relisting
 * the runtime: wait.Until(relist, 1 s) runs relists one second after the
 * previous one returned, so relist k starts at phase + k * (1 s + d) where d
 * is the relist duration (kubelet-semantics.md section 4).  A relist that
 * finds changes for a pod stores the pod's runtime status in the pod cache
 * (stamped with the relist's start) and then sends the events, which makes
 * the pod worker sync.  The cache's global timestamp is set at the end of
 * every relist, which is what GetNewerThan waits for.
 *
 * Relists that find nothing have no effect, so they are not simulated: a
 * change at t schedules one delivery at the end of the first relist that
 * starts after t, computed arithmetically (performance.md's hint).  The pod
 * cache is likewise implicit: the state "as seen by the relist at R" is
 * recomputed from the instances' timestamps (runtime_state_at).
 */
#include "pleg.h"

#include "podworker.h"
#include "prober.h"

void pleg_init(node *n)
{
	world *w = n->w;
	n->relist_duration = dist_sample(&w->ks->relist_duration, n->rng);
	n->relist_period = SEC(1) + n->relist_duration;
	n->relist_phase = (simtime_t)(rng_uniform(n->rng) * (double)n->relist_period);
}

static simtime_t relist_after(const node *n, simtime_t t)
{
	if (t < n->relist_phase)
		return n->relist_phase;
	simtime_t k = (t - n->relist_phase) / n->relist_period + 1;
	return n->relist_phase + k * n->relist_period;
}

simtime_t pleg_cache_time(const node *n, simtime_t now)
{
	simtime_t done = now - n->relist_duration;
	if (done < n->relist_phase)
		return -1;
	return n->relist_phase + (done - n->relist_phase) / n->relist_period * n->relist_period;
}

simtime_t pleg_newer_than(const node *n, simtime_t t)
{
	return relist_after(n, t) + n->relist_duration;
}

static void relist_deliver(engine *e, void *ctx)
{
	kpod *p = ctx;
	if (p->pleg_more > engine_now(e)) {
		engine_schedule(e, &p->pleg_timer, p->pleg_more);
		p->pleg_more = -1;
	}
	podworker_update(p, "PLEG relist saw a container change");
}

void pleg_pod_init(kpod *p)
{
	engine_timer_init(&p->pleg_timer, relist_deliver, p);
	p->pleg_more = -1;
}

void pleg_note_change(kpod *p, simtime_t t)
{
	prober_wake(p); /* probes read the live process: a sleeping worker must look */
	p->dirty = true;
	engine *e = p->n->w->eng;
	simtime_t at = pleg_newer_than(p->n, t);
	if (!engine_timer_armed(&p->pleg_timer) || p->pleg_timer.when > at) {
		engine_schedule(e, &p->pleg_timer, at);
	} else if (p->pleg_timer.when < at && at > p->pleg_more) {
		/* the armed relist started before this change: one more is owed */
		p->pleg_more = at;
	}
}
