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
 * Rejected: a calendar queue (periods here are few and a heap is fast
 * enough for the targets in performance.md), and a malloc per event.
 */
#include "engine.h"

#include <stdlib.h>

struct engine {
	simtime_t now;
	uint64_t next_seq;
	engine_timer **heap;
	size_t n, cap;
	engine_stats stats;
};

engine *engine_new(void)
{
	engine *e = xcalloc(1, sizeof(*e));
	e->next_seq = 1;
	return e;
}

void engine_free(engine *e)
{
	if (!e)
		return;
	assert(e->stats.scheduled == e->stats.dispatched + e->stats.cancelled + e->stats.pending);
	assert(e->stats.pending == e->n);
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
}

static bool less(const engine_timer *a, const engine_timer *b)
{
	return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void place(engine *e, size_t i, engine_timer *t)
{
	e->heap[i] = t;
	t->slot = i;
}

static void sift_up(engine *e, size_t i)
{
	engine_timer *x = e->heap[i];
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!less(x, e->heap[parent]))
			break;
		place(e, i, e->heap[parent]);
		i = parent;
	}
	place(e, i, x);
}

static void sift_down(engine *e, size_t i)
{
	engine_timer *x = e->heap[i];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= e->n)
			break;
		if (c + 1 < e->n && less(e->heap[c + 1], e->heap[c]))
			c++;
		if (!less(e->heap[c], x))
			break;
		place(e, i, e->heap[c]);
		i = c;
	}
	place(e, i, x);
}

/* Take the timer at slot i out of the heap. */
static void remove_at(engine *e, size_t i)
{
	engine_timer *t = e->heap[i];
	assert(t->slot == i && t->seq);
	t->seq = 0;
	engine_timer *last = e->heap[--e->n];
	if (i == e->n)
		return;
	place(e, i, last);
	sift_down(e, i);
	sift_up(e, last->slot);
}

void engine_cancel(engine *e, engine_timer *t)
{
	if (!t->seq)
		return;
	remove_at(e, t->slot);
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
	place(e, e->n++, t);
	sift_up(e, t->slot);
	e->stats.scheduled++;
	e->stats.pending++;
}

void engine_cancel_all(engine *e)
{
	while (e->n)
		engine_cancel(e, e->heap[e->n - 1]);
}

simtime_t engine_now(const engine *e)
{
	return e->now;
}

simtime_t engine_next_time(engine *e)
{
	return e->n ? e->heap[0]->when : SIMTIME_NEVER;
}

uint64_t engine_run(engine *e, simtime_t until)
{
	uint64_t count = 0;
	while (e->n && e->heap[0]->when <= until) {
		engine_timer *t = e->heap[0];
		assert(t->when >= e->now);
		e->now = t->when;
		remove_at(e, 0);
		e->stats.dispatched++;
		e->stats.pending--;
		count++;
		t->fn(e, t->ctx);
	}
	if (until != SIMTIME_NEVER && until > e->now && e->n)
		e->now = until;
	return count;
}

engine_stats engine_get_stats(const engine *e)
{
	return e->stats;
}
