/* check_engine.c - event ordering, ties, lazy cancellation, accounting. */
#include <check.h>

#include "engine.h"

typedef struct rec {
	int log[32];
	simtime_t at[32];
	int n;
} rec;

typedef struct probe {
	engine_timer t;
	rec *r;
	int id;
	engine_timer *rearm; /* scheduled from inside the handler */
	simtime_t rearm_at;
} probe;

static void fire(engine *e, void *ctx)
{
	probe *p = ctx;
	p->r->log[p->r->n] = p->id;
	p->r->at[p->r->n++] = engine_now(e);
	if (p->rearm)
		engine_schedule(e, p->rearm, p->rearm_at);
}

static void mk(probe *p, rec *r, int id)
{
	*p = (probe){.r = r, .id = id};
	engine_timer_init(&p->t, fire, p);
}

START_TEST(test_time_order)
{
	engine *e = engine_new();
	rec r = {0};
	probe p[3];
	for (int i = 0; i < 3; i++)
		mk(&p[i], &r, i);
	engine_schedule(e, &p[0].t, SEC(3));
	engine_schedule(e, &p[1].t, SEC(1));
	engine_schedule(e, &p[2].t, SEC(2));
	ck_assert_int_eq(engine_run(e, SIMTIME_NEVER), 3);
	ck_assert_int_eq(r.log[0], 1);
	ck_assert_int_eq(r.log[1], 2);
	ck_assert_int_eq(r.log[2], 0);
	ck_assert_int_eq(r.at[2], SEC(3));
	engine_free(e);
}
END_TEST

/* Equal times dispatch in scheduling order, whatever the heap shape. */
START_TEST(test_ties_by_sequence)
{
	engine *e = engine_new();
	rec r = {0};
	probe p[10];
	for (int i = 0; i < 10; i++) {
		mk(&p[i], &r, i);
		engine_schedule(e, &p[i].t, i % 2 ? SEC(5) : SEC(4));
	}
	engine_run(e, SIMTIME_NEVER);
	int want[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(r.log[i], want[i]);
	engine_free(e);
}
END_TEST

/* An event scheduled for "now" from a handler runs after events already
 * queued for the same instant. */
START_TEST(test_tie_with_event_scheduled_during_dispatch)
{
	engine *e = engine_new();
	rec r = {0};
	probe a, b, c;
	mk(&a, &r, 1);
	mk(&b, &r, 2);
	mk(&c, &r, 3);
	a.rearm = &c.t;
	a.rearm_at = SEC(1);
	engine_schedule(e, &a.t, SEC(1));
	engine_schedule(e, &b.t, SEC(1));
	engine_run(e, SIMTIME_NEVER);
	ck_assert_int_eq(r.n, 3);
	ck_assert_int_eq(r.log[0], 1);
	ck_assert_int_eq(r.log[1], 2);
	ck_assert_int_eq(r.log[2], 3);
	engine_free(e);
}
END_TEST

START_TEST(test_cancel_and_rearm)
{
	engine *e = engine_new();
	rec r = {0};
	probe a, b;
	mk(&a, &r, 1);
	mk(&b, &r, 2);
	engine_schedule(e, &a.t, SEC(1));
	engine_schedule(e, &b.t, SEC(2));
	engine_cancel(e, &b.t);
	ck_assert(!engine_timer_armed(&b.t));
	engine_schedule(e, &a.t, SEC(3)); /* re-arm: the 1 s occurrence is stale */
	ck_assert_int_eq(engine_run(e, SIMTIME_NEVER), 1);
	ck_assert_int_eq(r.at[0], SEC(3));
	engine_stats st = engine_get_stats(e);
	ck_assert_int_eq(st.scheduled, 3);
	ck_assert_int_eq(st.dispatched, 1);
	ck_assert_int_eq(st.cancelled, 2);
	ck_assert_int_eq(st.pending, 0);
	engine_free(e);
}
END_TEST

START_TEST(test_run_until_stops_and_clock_advances)
{
	engine *e = engine_new();
	rec r = {0};
	probe a, b;
	mk(&a, &r, 1);
	mk(&b, &r, 2);
	engine_schedule(e, &a.t, SEC(1));
	engine_schedule(e, &b.t, SEC(10));
	ck_assert_int_eq(engine_run(e, SEC(5)), 1);
	ck_assert_int_eq(engine_now(e), SEC(5));
	ck_assert_int_eq(engine_get_stats(e).pending, 1);
	ck_assert_int_eq(engine_run(e, SEC(10)), 1);
	ck_assert_int_eq(r.at[1], SEC(10));
	engine_free(e);
}
END_TEST

/* Lanes give exactly the heap's (time, seq) order, ties included. */
static void mixed_schedule(rec *r, probe *p, bool lanes)
{
	engine_lanes_enabled = lanes;
	engine *e = engine_new();
	engine_lanes_enabled = true;
	for (int i = 0; i < 12; i++)
		mk(&p[i], r, i);
	/* three lanes (1 s, 2 s, 3 s) and heap timers landing on the same instants */
	for (int i = 0; i < 6; i++)
		engine_schedule_in(e, &p[i].t, SEC(1 + i % 3));
	for (int i = 6; i < 12; i++)
		engine_schedule(e, &p[i].t, SEC(1 + i % 3));
	engine_cancel(e, &p[4].t);
	engine_schedule_in(e, &p[4].t, SEC(2));
	engine_run(e, SIMTIME_NEVER);
	engine_stats st = engine_get_stats(e);
	ck_assert_int_eq(st.dispatched, 12);
	ck_assert_int_eq(st.cancelled, 1);
	engine_free(e);
}

START_TEST(test_lanes_same_order_as_heap)
{
	rec a = {0}, b = {0};
	probe pa[12], pb[12];
	mixed_schedule(&a, pa, true);
	mixed_schedule(&b, pb, false);
	ck_assert_int_eq(a.n, 12);
	ck_assert_int_eq(b.n, 12);
	for (int i = 0; i < 12; i++) {
		ck_assert_int_eq(a.log[i], b.log[i]);
		ck_assert_int_eq(a.at[i], b.at[i]);
	}
	/* at 1 s: lane timers 0 and 3, then heap timers 6 and 9, by seq */
	ck_assert_int_eq(a.log[0], 0);
	ck_assert_int_eq(a.log[1], 3);
	ck_assert_int_eq(a.log[2], 6);
	ck_assert_int_eq(a.log[3], 9);
}
END_TEST

/* The 4-ary heap with inline (when, rank) keys against the definition of
 * the order: 2000 timers with colliding times, a quarter periodic with
 * fixed ranks, a third cancelled or re-armed at random, must dispatch in
 * exactly the (when, ordinary-by-seq, periodic-by-rank) order. */
typedef struct big_t {
	engine_timer t;
	int id;
	uint64_t key_seq;
	uint32_t rank;
	int *log, *n;
} big_t;

static void big_fire(engine *e, void *ctx)
{
	(void)e;
	big_t *b = ctx;
	b->log[(*b->n)++] = b->id;
}

static bool big_before(const big_t *a, const big_t *b)
{
	if (a->t.when != b->t.when)
		return a->t.when < b->t.when;
	if ((a->rank != 0) != (b->rank != 0))
		return a->rank == 0;
	return a->rank ? a->rank < b->rank : a->key_seq < b->key_seq;
}

START_TEST(test_heap_matches_order_definition)
{
	enum { N = 2000 };
	static big_t b[N];
	static int log[N], want[N];
	int n = 0;
	engine *e = engine_new();
	uint64_t x = 88172645463325252u, seq = 0; /* xorshift64: test data only */
#define NEXT() (x ^= x << 13, x ^= x >> 7, x ^= x << 17, x)
	for (int k = 0; k < N; k++) {
		b[k] = (big_t){.id = k, .log = log, .n = &n};
		engine_timer_init(&b[k].t, big_fire, &b[k]);
		if (k % 4 == 3) {
			b[k].rank = (uint32_t)(N - k);
			engine_timer_set_periodic(&b[k].t, b[k].rank);
		}
		engine_schedule(e, &b[k].t, SEC((simtime_t)(NEXT() % 50)));
		b[k].key_seq = ++seq;
	}
	for (int k = 0; k < N; k++) {
		uint64_t r = NEXT() % 6;
		if (r == 0) {
			engine_cancel(e, &b[k].t);
		} else if (r == 1) {
			engine_schedule(e, &b[k].t, SEC((simtime_t)(NEXT() % 50)));
			b[k].key_seq = ++seq;
		}
	}
	int m = 0;
	for (int k = 0; k < N; k++)
		if (engine_timer_armed(&b[k].t))
			want[m++] = k;
	for (int i = 1; i < m; i++) /* insertion sort by the definition */
		for (int j = i; j > 0 && big_before(&b[want[j]], &b[want[j - 1]]); j--) {
			int t = want[j];
			want[j] = want[j - 1];
			want[j - 1] = t;
		}
	engine_run(e, SIMTIME_NEVER);
	ck_assert_int_eq(n, m);
	for (int i = 0; i < m; i++)
		ck_assert_int_eq(log[i], want[i]);
	engine_free(e);
#undef NEXT
}
END_TEST

/* The grid ring (engine_schedule_grid) against the heap alone: timers on
 * a 1 s grid with a 0.3 s phase, up to 700 steps ahead (beyond the ring:
 * the heap), mixed with off-grid and periodic timers, random cancels and
 * re-arms while virtual time advances: the dispatch order with the ring is
 * the order with the heap only (engine_lanes_enabled = false). */
static void grid_run(int *out, int *n_out)
{
	enum { N = 600 };
	static big_t b[N];
	int n = 0;
	engine *e = engine_new();
	uint64_t x = 0x2545f4914f6cdd1du;
#define NEXT() (x ^= x << 13, x ^= x >> 7, x ^= x << 17, x)
	for (int k = 0; k < N; k++) {
		b[k] = (big_t){.id = k, .log = out, .n = &n};
		engine_timer_init(&b[k].t, big_fire, &b[k]);
		if (k % 5 == 4)
			engine_timer_set_periodic(&b[k].t, (uint32_t)(N - k));
	}
	const simtime_t phase = MSEC(300);
	for (int round = 0; round < 300; round++) {
		simtime_t now = engine_now(e);
		for (int j = 0; j < 8; j++) {
			big_t *t = &b[NEXT() % N];
			simtime_t grid = phase + SEC(now / SEC(1) + 1 + (simtime_t)(NEXT() % 700));
			uint64_t r = NEXT() % 8;
			if (r == 0)
				engine_cancel(e, &t->t);
			else if (t->t.order || r == 1)
				engine_schedule(e, &t->t, now + (simtime_t)(NEXT() % SEC(30)));
			else
				engine_schedule_grid(e, &t->t, grid, phase, SEC(1));
		}
		engine_run(e, now + SEC(3) + (simtime_t)(NEXT() % SEC(2)));
	}
	engine_run(e, SIMTIME_NEVER);
	engine_free(e);
	*n_out = n;
#undef NEXT
}

START_TEST(test_grid_ring_same_order_as_heap)
{
	static int with_ring[100000], heap_only[100000];
	int a, h;
	grid_run(with_ring, &a);
	engine_lanes_enabled = false;
	grid_run(heap_only, &h);
	engine_lanes_enabled = true;
	ck_assert_int_gt(a, 1000);
	ck_assert_int_eq(a, h);
	for (int i = 0; i < a; i++)
		ck_assert_int_eq(with_ring[i], heap_only[i]);
}
END_TEST

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_time_order);
	tcase_add_test(tc, test_ties_by_sequence);
	tcase_add_test(tc, test_tie_with_event_scheduled_during_dispatch);
	tcase_add_test(tc, test_cancel_and_rearm);
	tcase_add_test(tc, test_run_until_stops_and_clock_advances);
	tcase_add_test(tc, test_lanes_same_order_as_heap);
	tcase_add_test(tc, test_heap_matches_order_definition);
	tcase_add_test(tc, test_grid_ring_same_order_as_heap);
	suite_add_tcase(s, tc);
	return s;
}
