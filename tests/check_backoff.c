/* check_backoff.c - the flowcontrol.Backoff arithmetic (kubelet-semantics.md
 * sections 2.1-2.3, 2.6 and 10.3). */
#include <check.h>
#include <stdio.h>

#include "backoff.h"

static backoff *crash(void)
{
	return backoff_new(SEC(10), SEC(300), SEC(600));
}

/* Case A: the container exits by itself 5 s after each start.  The restart
 * is allowed at the first check with now >= F + backoff; Next is called on
 * each allowed restart that had an exited predecessor. */
START_TEST(test_case_a_sequence)
{
	backoff *b = crash();
	const char *k = "p_default_uid_c_1";
	simtime_t want_wait[] = {0, SEC(10), SEC(20), SEC(40), SEC(80), SEC(160), SEC(300), SEC(300)};
	simtime_t t = SEC(5); /* first exit */
	for (int n = 0; n < 8; n++) {
		simtime_t f = t;
		/* a check one second after the exit */
		bool refused = backoff_in_backoff_since(b, k, f, f + SEC(1));
		ck_assert_int_eq(refused, n > 0);
		/* the first instant the restart passes */
		simtime_t allowed = f + want_wait[n];
		if (n > 0) {
			ck_assert(backoff_in_backoff_since(b, k, f, allowed - 1));
			ck_assert(!backoff_in_backoff_since(b, k, f, allowed));
		}
		backoff_next(b, k, f, allowed);
		t = allowed + SEC(5);
	}
	ck_assert_int_eq(backoff_get(b, k), SEC(300));
	backoff_free(b);
}
END_TEST

/* Case B (section 10.3): liveness kills every 21 s, checked against the
 * previous instance's exit. Restarts 1 and 2 free, 3 and 4 allowed (21 >= 10,
 * 21 >= 20), the 5th refused (21 < 40). */
START_TEST(test_case_b_liveness_table)
{
	backoff *b = crash();
	const char *k = "liveness";
	simtime_t kills[] = {SEC(22), SEC(43), SEC(64), SEC(85), SEC(106)};
	bool want_refused[] = {false, false, false, false, true};
	simtime_t want_entry[] = {0, SEC(10), SEC(20), SEC(40), SEC(40)};
	for (int j = 0; j < 5; j++) {
		bool refused = false;
		if (j > 0) {
			simtime_t prev_exit = kills[j - 1];
			refused = backoff_in_backoff_since(b, k, prev_exit, kills[j]);
			if (!refused)
				backoff_next(b, k, prev_exit, kills[j]);
		}
		ck_assert_int_eq(refused, want_refused[j]);
		ck_assert_int_eq(backoff_get(b, k), want_entry[j]);
	}
	/* eligible at 106 + 40 = 146 */
	ck_assert(backoff_in_backoff_since(b, k, SEC(106), SEC(146) - 1));
	ck_assert(!backoff_in_backoff_since(b, k, SEC(106), SEC(146)));
	backoff_free(b);
}
END_TEST

/* An entry is expired when eventTime - lastUpdate > 600 s: a container that
 * ran more than 10 minutes restarts at once and starts over at 10 s. */
START_TEST(test_expiry_resets)
{
	backoff *b = crash();
	const char *k = "x";
	backoff_next(b, k, 0, SEC(1));
	backoff_next(b, k, SEC(20), SEC(30));
	ck_assert_int_eq(backoff_get(b, k), SEC(20));
	/* finished 600 s after the last update: not expired (strictly greater) */
	ck_assert(backoff_in_backoff_since(b, k, SEC(630), SEC(631)));
	/* finished 601 s after: expired -> not in backoff, Next re-initialises */
	ck_assert(!backoff_in_backoff_since(b, k, SEC(631), SEC(632)));
	backoff_next(b, k, SEC(631), SEC(632));
	ck_assert_int_eq(backoff_get(b, k), SEC(10));
	backoff_free(b);
}
END_TEST

START_TEST(test_cap_and_gc)
{
	backoff *b = crash();
	const char *k = "y";
	for (int n = 0; n < 10; n++)
		backoff_next(b, k, SEC(n), SEC(n));
	ck_assert_int_eq(backoff_get(b, k), SEC(300));
	backoff_gc(b, SEC(9) + SEC(600));
	ck_assert_int_eq(backoff_get(b, k), SEC(300));
	backoff_gc(b, SEC(9) + SEC(600) + 1);
	ck_assert_int_eq(backoff_get(b, k), 0);
	ck_assert(!backoff_in_backoff_since(b, k, SEC(700), SEC(700)));
	backoff_free(b);
}
END_TEST

/* GC from the FIFO of Next stamps (backoff.c) removes exactly what
 * client-go's GC scan (flowcontrol/backoff.go: hasExpired per entry) would:
 * an entry renewed since an old stamp survives that stamp, a key collected
 * and created again is judged by its new stamp, and one GC at a late time
 * collects everything older at once. */
START_TEST(test_gc_queue_matches_scan)
{
	backoff *b = crash();
	backoff_next(b, "a", SEC(0), SEC(0));
	backoff_next(b, "b", SEC(1), SEC(1));
	backoff_next(b, "a", SEC(100), SEC(100)); /* "a" renewed: its first stamp is stale */
	backoff_gc(b, SEC(602));
	ck_assert_int_eq(backoff_get(b, "a"), SEC(20));
	ck_assert_int_eq(backoff_get(b, "b"), 0);
	backoff_next(b, "b", SEC(650), SEC(650)); /* created again */
	ck_assert_int_eq(backoff_get(b, "b"), SEC(10));
	backoff_gc(b, SEC(701));
	ck_assert_int_eq(backoff_get(b, "a"), 0);
	ck_assert_int_eq(backoff_get(b, "b"), SEC(10));
	char key[16];
	for (int n = 0; n < 1000; n++) {
		snprintf(key, sizeof(key), "k%d", n);
		backoff_next(b, key, SEC(800 + n), SEC(800 + n));
	}
	backoff_gc(b, SEC(800 + 500) + SEC(600)); /* stamps up to 800 + 499 s go */
	ck_assert_int_eq(backoff_get(b, "b"), 0);
	ck_assert_int_eq(backoff_get(b, "k499"), 0);
	ck_assert_int_eq(backoff_get(b, "k500"), SEC(10));
	ck_assert_int_eq(backoff_get(b, "k999"), SEC(10));
	backoff_gc(b, SEC(100000));
	ck_assert_int_eq(backoff_get(b, "k999"), 0);
	backoff_free(b);
}
END_TEST

/* The reduced decay gate: 1 s initial, 60 s max (section 10.5). */
START_TEST(test_reduced_decay)
{
	backoff *b = backoff_new(SEC(1), SEC(60), SEC(600));
	simtime_t want[] = {SEC(1), SEC(2), SEC(4), SEC(8), SEC(16), SEC(32), SEC(60), SEC(60)};
	for (int n = 0; n < 8; n++) {
		backoff_next(b, "z", SEC(n), SEC(n));
		ck_assert_int_eq(backoff_get(b, "z"), want[n]);
	}
	backoff_free(b);
}
END_TEST

/* Image pulls measure from lastUpdate, not from an event time. */
START_TEST(test_since_update)
{
	backoff *b = backoff_new(SEC(10), SEC(300), SEC(600));
	backoff_next(b, "img", SEC(100), SEC(100));
	ck_assert(backoff_in_backoff_since_update(b, "img", SEC(109)));
	ck_assert(!backoff_in_backoff_since_update(b, "img", SEC(110)));
	backoff_next(b, "img", SEC(110), SEC(110));
	ck_assert(backoff_in_backoff_since_update(b, "img", SEC(129)));
	ck_assert(!backoff_in_backoff_since_update(b, "img", SEC(130)));
	ck_assert(!backoff_in_backoff_since_update(b, "other", SEC(130)));
	backoff_free(b);
}
END_TEST

START_TEST(test_many_keys)
{
	backoff *b = crash();
	char key[32];
	for (int n = 0; n < 500; n++) {
		snprintf(key, sizeof(key), "k%d", n);
		backoff_next(b, key, 0, 0);
	}
	for (int n = 0; n < 500; n++) {
		snprintf(key, sizeof(key), "k%d", n);
		ck_assert_int_eq(backoff_get(b, key), SEC(10));
	}
	backoff_free(b);
}
END_TEST

Suite *backoff_suite(void)
{
	Suite *s = suite_create("backoff");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_case_a_sequence);
	tcase_add_test(tc, test_case_b_liveness_table);
	tcase_add_test(tc, test_expiry_resets);
	tcase_add_test(tc, test_cap_and_gc);
	tcase_add_test(tc, test_gc_queue_matches_scan);
	tcase_add_test(tc, test_reduced_decay);
	tcase_add_test(tc, test_since_update);
	tcase_add_test(tc, test_many_keys);
	suite_add_tcase(s, tc);
	return s;
}
