/* engine.c - the virtual clock and the future event list.
 *
 * An indexed binary min-heap of timers keyed by (time, seq).  seq is a
 * global counter given out at schedule time, so equal times dispatch in the
 * order they were scheduled (libuv's start_id, ns-3's EventKey).  Each armed
 * timer knows its heap slot, so cancelling or re-arming is O(log n) and
 * leaves nothing behind: owners may free a timer as soon as it is cancelled.
 * Lazy cancellation (stale entries skipped when popped, as in Redis ae.c) was
 * the first design; it was rejected because timers live inside model
 * objects (probe workers, syncs) that are freed while their stale entries
 * would still point at them.
 *
 * The clock moves in exactly one place, engine_run, which asserts it never
 * goes backwards; handlers only read it.  Accounting invariant, checked
 * when the engine is freed: scheduled = dispatched + cancelled + pending.
 *
 * Lanes: a timer armed with engine_schedule_in(delay) goes to the FIFO of
 * that delay.  Every entry of a lane was armed at an earlier or equal "now"
 * with the same delay and a smaller seq, so each lane is sorted by
 * (time, seq) and its head is its minimum; the next event is the smallest
 * of the heap top and the lane heads, compared by (time, seq), which is
 * exactly the order a single heap would give (performance.md's FIFO per
 * period).  A fixed small number of lanes; further delays use the heap.
 *
 * The heap holds the keys inline beside the timer pointers, so sifting
 * compares without touching the timers; only their slot is written back,
 * a cache miss per level at 10k+ pods, so the heap is 4-ary (half the
 * levels of a binary one; the children of a node share a cache line or
 * two).
 *
 * Grid: the pod workers' requeue ticks all fall on the 1 s syncTicker
 * grid, thousands per instant at 10k pods.  engine_schedule_grid files
 * such a timer in a ring of per-instant FIFOs (one slot per grid step,
 * GRID_SLOTS steps ahead): timers of one instant are appended in
 * scheduling order, which is seq order, so a slot is sorted by (time, seq)
 * too and its head competes with the heap top and lane heads by less().
 * All pending grid instants lie in [ring_min, ring_min + GRID_SLOTS steps),
 * so each maps to its own slot.  Off-grid or farther instants use the heap.
 *
 * Rejected: a calendar queue (a heap plus lanes is simpler and already
 * O(1) for the dominant periodic timers), and a malloc per event.
 */
#include "engine.h"

#include <stdlib.h>

#define MAX_LANES 16
#define GRID_SLOTS 512 /* grid steps ahead kept in the ring (requeues: <= 90 s) */

typedef struct lane {
	simtime_t delay;
	engine_timer *head, *tail;
} lane;

/* A heap entry: the timer's (when, rank) key inline.  rank orders ties:
 * ordinary timers by seq, then periodic ones by their fixed rank. */
typedef struct hentry {
	simtime_t when;
	uint64_t rank;
	engine_timer *t;
} hentry;

#define PERIODIC_BIT (UINT64_C(1) << 63)
#define ARITY 4

struct engine {
	simtime_t now;
	uint64_t next_seq;
	hentry *heap;
	size_t n, cap;
	lane lanes[MAX_LANES];
	int n_lanes;
	bool use_lanes;
	/* grid ring: slot k holds the timers due at one instant
	 * grid_phase + j * grid_step with j % GRID_SLOTS == k (delay = when) */
	lane ring[GRID_SLOTS];
	simtime_t grid_phase, grid_step; /* step 0: not set yet */
	size_t ring_n;
	simtime_t ring_min; /* earliest pending instant in the ring */
	engine_timer cur;      /* key of the event being dispatched */
	engine_stats stats;
};

bool engine_lanes_enabled = true;

engine *engine_new(void)
{
	engine *e = xcalloc(1, sizeof(*e));
	e->next_seq = 1;
	e->use_lanes = engine_lanes_enabled;
	return e;
}

void engine_free(engine *e)
{
	if (!e)
		return;
	assert(e->stats.scheduled == e->stats.dispatched + e->stats.cancelled + e->stats.pending);
	free(e->heap);
	free(e);
}

void engine_timer_init(engine_timer *t, engine_fn fn, void *ctx)
{
	t->fn = fn;
	t->ctx = ctx;
	t->seq = 0;
	t->when = 0;
	t->slot = 0;
	t->lane = -1;
	t->prev = t->next = NULL;
	t->order = 0;
}

void engine_timer_set_periodic(engine_timer *t, uint32_t rank)
{
	assert(rank > 0 && !t->seq);
	t->order = rank;
}

/* (when, ordinary before periodic, seq for ordinary / rank for periodic) */
static bool less(const engine_timer *a, const engine_timer *b)
{
	if (a->when != b->when)
		return a->when < b->when;
	if ((a->order != 0) != (b->order != 0))
		return a->order == 0;
	return a->order ? a->order < b->order : a->seq < b->seq;
}

bool engine_periodic_passed(const engine *e, simtime_t when, uint32_t rank)
{
	engine_timer probe = {.when = when, .order = rank};
	return !less(&e->cur, &probe);
}

/* The same order as less(), on inline keys. */
static uint64_t rank_of(const engine_timer *t)
{
	return t->order ? PERIODIC_BIT | t->order : t->seq;
}

static bool hless(const hentry *a, const hentry *b)
{
	return a->when != b->when ? a->when < b->when : a->rank < b->rank;
}

static void place(engine *e, size_t i, hentry x)
{
	e->heap[i] = x;
	x.t->slot = i;
}

static void sift_up(engine *e, size_t i)
{
	hentry x = e->heap[i];
	while (i > 0) {
		size_t parent = (i - 1) / ARITY;
		if (!hless(&x, &e->heap[parent]))
			break;
		place(e, i, e->heap[parent]);
		i = parent;
	}
	place(e, i, x);
}

static void sift_down(engine *e, size_t i)
{
	hentry x = e->heap[i];
	for (;;) {
		size_t first = ARITY * i + 1;
		if (first >= e->n)
			break;
		size_t c = first;
		size_t end = first + ARITY < e->n ? first + ARITY : e->n;
		for (size_t k = first + 1; k < end; k++)
			if (hless(&e->heap[k], &e->heap[c]))
				c = k;
		if (!hless(&e->heap[c], &x))
			break;
		place(e, i, e->heap[c]);
		i = c;
	}
	place(e, i, x);
}

/* Take the timer at slot i out of the heap. */
static void remove_at(engine *e, size_t i)
{
	engine_timer *t = e->heap[i].t;
	assert(t->slot == i && t->seq);
	t->seq = 0;
	hentry last = e->heap[--e->n];
	if (i == e->n)
		return;
	place(e, i, last);
	sift_down(e, i);
	sift_up(e, last.t->slot);
}

/* Lane index >= MAX_LANES: a grid ring slot. */
static lane *lane_of(engine *e, int idx)
{
	return idx < MAX_LANES ? &e->lanes[idx] : &e->ring[idx - MAX_LANES];
}

static size_t ring_slot(const engine *e, simtime_t when)
{
	return (size_t)((when - e->grid_phase) / e->grid_step % GRID_SLOTS);
}

/* After the ring's earliest slot emptied: the next non-empty one. */
static void ring_advance(engine *e)
{
	if (!e->ring_n) {
		e->ring_min = SIMTIME_NEVER;
		return;
	}
	simtime_t w = e->ring_min;
	while (!e->ring[ring_slot(e, w)].head)
		w += e->grid_step;
	assert(e->ring[ring_slot(e, w)].delay == w);
	e->ring_min = w;
}

static void lane_unlink(engine *e, engine_timer *t)
{
	lane *l = lane_of(e, t->lane);
	bool ring = t->lane >= MAX_LANES;
	if (t->prev)
		t->prev->next = t->next;
	else
		l->head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	else
		l->tail = t->prev;
	t->prev = t->next = NULL;
	t->lane = -1;
	t->seq = 0;
	if (ring) {
		e->ring_n--;
		if (!l->head && l->delay == e->ring_min)
			ring_advance(e);
	}
}

/* Take an armed timer out of its heap slot or lane. */
static void unlink_timer(engine *e, engine_timer *t)
{
	if (t->lane >= 0)
		lane_unlink(e, t);
	else
		remove_at(e, t->slot);
}

void engine_cancel(engine *e, engine_timer *t)
{
	if (!t->seq)
		return;
	unlink_timer(e, t);
	e->stats.cancelled++;
	e->stats.pending--;
}

void engine_schedule(engine *e, engine_timer *t, simtime_t when)
{
	assert(t->fn);
	assert(when >= e->now);
	engine_cancel(e, t);
	XGROW(e->heap, e->n, e->cap);
	t->seq = e->next_seq++;
	t->when = when;
	place(e, e->n++, (hentry){when, rank_of(t), t});
	sift_up(e, t->slot);
	e->stats.scheduled++;
	e->stats.pending++;
}

void engine_cancel_all(engine *e)
{
	while (e->n)
		engine_cancel(e, e->heap[e->n - 1].t);
	for (int k = 0; k < e->n_lanes; k++)
		while (e->lanes[k].head)
			engine_cancel(e, e->lanes[k].head);
	while (e->ring_n)
		engine_cancel(e, e->ring[ring_slot(e, e->ring_min)].head);
}

static int lane_for(engine *e, simtime_t delay)
{
	for (int k = 0; k < e->n_lanes; k++)
		if (e->lanes[k].delay == delay)
			return k;
	if (e->n_lanes == MAX_LANES)
		return -1;
	e->lanes[e->n_lanes] = (lane){delay, NULL, NULL};
	return e->n_lanes++;
}

void engine_schedule_in(engine *e, engine_timer *t, simtime_t delay)
{
	assert(t->fn && delay >= 0);
	int k = e->use_lanes ? lane_for(e, delay) : -1;
	if (k < 0) {
		engine_schedule(e, t, e->now + delay);
		return;
	}
	engine_cancel(e, t);
	lane *l = &e->lanes[k];
	t->seq = e->next_seq++;
	t->when = e->now + delay;
	t->lane = k;
	assert(!l->tail || l->tail->when <= t->when);
	/* the lane is sorted by less(): only ties with the tail can need a step back */
	engine_timer *after = l->tail;
	while (after && less(t, after))
		after = after->prev;
	t->prev = after;
	t->next = after ? after->next : l->head;
	if (t->next)
		t->next->prev = t;
	else
		l->tail = t;
	if (after)
		after->next = t;
	else
		l->head = t;
	e->stats.scheduled++;
	e->stats.pending++;
}

void engine_schedule_grid(engine *e, engine_timer *t, simtime_t when, simtime_t phase,
			  simtime_t step)
{
	assert(t->fn && !t->order && step > 0);
	if (!e->grid_step && e->use_lanes) {
		e->grid_phase = phase;
		e->grid_step = step;
		e->ring_min = SIMTIME_NEVER;
	}
	if (e->grid_step != step || e->grid_phase != phase || when < phase ||
	    (when - phase) % step != 0 || when < e->now ||
	    when - e->now >= (simtime_t)(GRID_SLOTS - 1) * step) {
		engine_schedule(e, t, when);
		return;
	}
	engine_cancel(e, t);
	lane *l = &e->ring[ring_slot(e, when)];
	assert(!l->head || l->delay == when);
	l->delay = when;
	t->seq = e->next_seq++;
	t->when = when;
	t->lane = MAX_LANES + (int)(l - e->ring);
	t->prev = l->tail; /* the largest seq so far: the tail */
	t->next = NULL;
	if (l->tail)
		l->tail->next = t;
	else
		l->head = t;
	l->tail = t;
	e->ring_n++;
	if (when < e->ring_min)
		e->ring_min = when;
	e->stats.scheduled++;
	e->stats.pending++;
}

/* The next timer to fire: the least of the heap top, the lane heads and
 * the head of the ring's earliest slot. */
static engine_timer *next_timer(const engine *e)
{
	engine_timer *best = e->n ? e->heap[0].t : NULL;
	for (int k = 0; k < e->n_lanes; k++) {
		engine_timer *h = e->lanes[k].head;
		if (h && (!best || less(h, best)))
			best = h;
	}
	if (e->ring_n) {
		engine_timer *h = e->ring[ring_slot(e, e->ring_min)].head;
		if (!best || less(h, best))
			best = h;
	}
	return best;
}

simtime_t engine_now(const engine *e)
{
	return e->now;
}

uint64_t engine_run(engine *e, simtime_t until)
{
	uint64_t count = 0;
	engine_timer *t;
	while ((t = next_timer(e)) && t->when <= until) {
		assert(t->when >= e->now);
		e->now = t->when;
		e->cur.when = t->when;
		e->cur.order = t->order;
		e->cur.seq = t->seq;
		unlink_timer(e, t);
		e->stats.dispatched++;
		e->stats.pending--;
		count++;
		t->fn(e, t->ctx);
	}
	if (until != SIMTIME_NEVER && until > e->now && next_timer(e))
		e->now = until;
	return count;
}

engine_stats engine_get_stats(const engine *e)
{
	return e->stats;
}
