/* engine.h - virtual clock and future event list.
 *
 * Events are ordered by (time, sequence number given out when scheduled), so
 * ties dispatch in scheduling order and every run is totally ordered.  A
 * timer is a caller-owned struct embedded in a model object; scheduling an
 * armed timer re-arms it, cancelling the old occurrence.  A cancelled or
 * dispatched timer is no longer referenced by the engine, so its owner may
 * free it at once.  The clock only moves inside engine_run, and never
 * backwards.
 *
 * Ties: at one instant, ordinary timers fire first, in scheduling order;
 * then periodic timers (engine_timer_set_periodic), by their fixed rank.
 * A periodic timer's place thus does not depend on when it was armed, so
 * a probe worker that skips inert ticks and re-arms later still fires in
 * the place it would have had (prober.c).
 *
 * Most timers here recur with a few fixed delays (probe periods): for those,
 * engine_schedule_in files the timer in a FIFO lane per delay, which is in
 * (time, seq) order by construction, so arming and dispatching cost O(1)
 * instead of O(log n).  The dispatch order is exactly the heap's.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include "podsim.h"

typedef struct engine engine;
typedef void (*engine_fn)(engine *e, void *ctx);

/* Caller-owned; must outlive its pending occurrence (or be cancelled). */
typedef struct engine_timer {
	engine_fn fn;
	void *ctx;
	uint64_t seq;   /* sequence of the pending occurrence; 0 = not armed */
	simtime_t when; /* valid while armed */
	size_t slot;    /* position in the engine's heap while armed */
	int lane;       /* lane index while armed in a lane, else -1 */
	uint32_t order; /* 0 = ordinary; else a periodic timer's fixed rank */
	struct engine_timer *prev, *next; /* lane list links */
} engine_timer;

typedef struct engine_stats {
	uint64_t scheduled, dispatched, cancelled, pending;
} engine_stats;

engine *engine_new(void);
/* Frees the queue; the timers belong to their owners. */
void engine_free(engine *e);
void engine_timer_init(engine_timer *t, engine_fn fn, void *ctx);
/* Arm t to fire at when (>= now); re-arming cancels the previous occurrence. */
void engine_schedule(engine *e, engine_timer *t, simtime_t when);
/* Arm t to fire delay from now, in the FIFO lane of that delay (use for
 * delays that recur: probe periods).  Same order as engine_schedule. */
void engine_schedule_in(engine *e, engine_timer *t, simtime_t delay);
/* Arm an ordinary timer t at when, an instant of the grid phase + k*step
 * that many timers share (the 1 s sync ticker): kept in a ring of
 * per-instant FIFOs.  Same order as engine_schedule (which it falls back
 * to off the grid, beyond the ring, or for a second grid). */
void engine_schedule_grid(engine *e, engine_timer *t, simtime_t when, simtime_t phase,
			  simtime_t step);
void engine_cancel(engine *e, engine_timer *t);
/* Give t a fixed rank (> 0) among periodic timers; call before arming. */
void engine_timer_set_periodic(engine_timer *t, uint32_t rank);
/* True if a periodic timer of this rank due at when would already have
 * fired, given the event being dispatched now. */
bool engine_periodic_passed(const engine *e, simtime_t when, uint32_t rank);
/* Tests: false makes engine_schedule_in use the heap (for proving that
 * lanes do not change any trace).  Read by engine_new. */
extern bool engine_lanes_enabled;
static inline bool engine_timer_armed(const engine_timer *t)
{
	return t->seq != 0;
}
simtime_t engine_now(const engine *e);
/* Dispatch every event with time <= until, in (time, seq) order.  Returns
 * the number dispatched.  Afterwards now = until unless the queue drained
 * earlier (then now = the last event's time). */
uint64_t engine_run(engine *e, simtime_t until);
/* End of run: cancel every pending timer (their owners are freed next). */
void engine_cancel_all(engine *e);
engine_stats engine_get_stats(const engine *e);

#endif
