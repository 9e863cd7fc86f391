/* podworker.c - the per-pod worker and the work queue it is requeued on.
 *
 * Mirrors pod_workers.go (kubelet-semantics.md section 0.3):
 *
 *   IDLE --update--> WAIT_CACHE --relist newer than last sync--> SYNCING
 *     ^                                                            |
 *     +----------- completeWork (pending? -> WAIT_CACHE) ----------+
 *
 * Updates that arrive while busy are coalesced into one pending update,
 * processed as soon as the running sync returns.  Before every sync the
 * worker waits in GetNewerThan(lastSyncTime) for the first relist that
 * started after the previous sync ended.  completeWork overwrites the work
 * queue entry with now + delay: Jitter(60 s, 0.5) after a clean sync,
 * Jitter(10 s, 0.5) after an error (a sync refused by a backoff does return
 * an error, section 3.2), 0 on a phase transition.  From 1.35 the error
 * delay is the time left until the backoff expires, clamped to [0, 60 s],
 * then jittered (section 3.3).  The queue is only polled by the 1 s
 * syncTicker, so a due pod syncs at the first tick after its due time.
 */
#include "podworker.h"

#include <stdio.h>
#include <string.h>

#include "kubelet.h"
#include "pleg.h"

static void tick_fire(engine *e, void *ctx);
static void cache_ready(engine *e, void *ctx);

void podworker_init(kpod *p)
{
	memset(&p->w, 0, sizeof(p->w));
	p->w.state = PW_IDLE;
	p->w.last_sync_end = -1;
	p->w.due = -1;
	engine_timer_init(&p->w.tick_timer, tick_fire, p);
	engine_timer_init(&p->w.cache_timer, cache_ready, p);
}

void podworker_release(kpod *p)
{
	engine *e = p->n->w->eng;
	engine_cancel(e, &p->w.tick_timer);
	engine_cancel(e, &p->w.cache_timer);
}

simtime_t podworker_tick_after(const node *n, simtime_t t)
{
	if (t < n->ticker_phase)
		return n->ticker_phase;
	simtime_t k = (t - n->ticker_phase) / SEC(1) + 1;
	return n->ticker_phase + k * SEC(1);
}

static void begin_sync(kpod *p, simtime_t now)
{
	p->w.state = PW_SYNCING;
	kubelet_sync_pod(p, now, p->why ? p->why->sync : "");
}

static void cache_ready(engine *e, void *ctx)
{
	kpod *p = ctx;
	assert(p->w.state == PW_WAIT_CACHE);
	begin_sync(p, engine_now(e));
}

/* Start the GetNewerThan wait for a new sync. */
static void start_wait(kpod *p, simtime_t now, const char *why)
{
	if (p->why)
		api_strcpy(p->why->sync, sizeof(p->why->sync), why);
	p->w.state = PW_WAIT_CACHE;
	simtime_t ready = p->w.last_sync_end < 0 ? now : pleg_newer_than(p->n, p->w.last_sync_end);
	/* always through the event loop: an update arrives from inside another
	 * mechanism (a probe result, a runtime callback) that must finish its
	 * own step before the sync looks at the world */
	if (ready > now)
		engine_schedule(p->n->w->eng, &p->w.cache_timer, ready);
	else /* the zero-delay lane: same (time, seq) order, no heap */
		engine_schedule_in(p->n->w->eng, &p->w.cache_timer, 0);
}

/* Queue a sync (or mark one pending). */
static void request(kpod *p, const char *why)
{
	if (p->life == POD_GONE || p->life == POD_TERMINATED)
		return;
	simtime_t now = engine_now(p->n->w->eng);
	if (p->w.state != PW_IDLE) {
		if (!p->w.pending && p->why)
			api_strcpy(p->why->pending, sizeof(p->why->pending), why);
		p->w.pending = true;
		return;
	}
	start_wait(p, now, why);
}

void podworker_update(kpod *p, const char *why)
{
	p->dirty = true; /* something happened: the next sync must look */
	request(p, why);
}

static void tick_fire(engine *e, void *ctx)
{
	kpod *p = ctx;
	char why[API_MSG_LEN];
	why[0] = '\0';
	if (p->n->w->explain)
		snprintf(why, sizeof(why),
			 "pod worker requeue due at %.3fs, picked up by the 1s sync ticker",
			 (double)p->w.due / 1e9);
	(void)e;
	p->w.due = -1;
	request(p, why); /* a periodic resync: by itself it changes nothing */
}

simtime_t podworker_error_delay(int version_minor, simtime_t now, simtime_t backoff_until)
{
	if (version_minor < 35 || backoff_until < 0)
		return SEC(10);
	simtime_t d = backoff_until - now;
	return d < 0 ? 0 : d > SEC(60) ? SEC(60) : d;
}

static simtime_t requeue_delay(kpod *p, sync_result r, simtime_t now, simtime_t backoff_until)
{
	if (r == SYNC_TRANSITION)
		return 0;
	if (r == SYNC_OK)
		return rng_jitter(p->rng, SEC(60), 0.5);
	return rng_jitter(p->rng, podworker_error_delay(p->n->w->version_minor, now, backoff_until),
			  0.5);
}

void podworker_sync_done(kpod *p, sync_result r, simtime_t backoff_until)
{
	engine *e = p->n->w->eng;
	simtime_t now = engine_now(e);
	assert(p->w.state == PW_SYNCING);
	p->w.last_sync_end = now;
	p->w.state = PW_IDLE;
	if (p->life == POD_GONE || p->life == POD_TERMINATED) {
		podworker_release(p);
		return;
	}
	p->w.due = now + requeue_delay(p, r, now, backoff_until);
	engine_schedule_grid(e, &p->w.tick_timer, podworker_tick_after(p->n, p->w.due),
			     p->n->ticker_phase, SEC(1));
	if (p->w.pending) {
		p->w.pending = false;
		start_wait(p, now, p->why ? p->why->pending : "");
	}
}
