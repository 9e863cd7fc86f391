/* check_podworker.c - the pod worker's retry rhythm as it shows in restarts
 * (kubelet-semantics.md sections 2.6 Case A, 3.2, 3.3), and the serial
 * image puller (section 8.5). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Case A: exits 5 s after each start.  The wait before restart k (k >= 2)
 * is the backoff 10, 20, 40, 80, 160, 300 s, plus the retry lateness: up to
 * 15 s of requeue jitter, 1 s of sync ticker, ~1 s of cache wait, and the
 * container's create/start (well under 1 s; the image is cached). */
static const char crashloop[] =
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
	"  - {name: c, image: 'app:1', command: [sh, -c, 'sleep 5; exit 1']}\n"
	"---\napiVersion: podsim/v1\nkind: Simulation\nkubelet:\n  version: \"%s\"\n"
	"  images: [{image: 'app:1', present: true}]\n";

/* The most a restart may come after its backoff expired: the first restart
 * is immediate (the sync after the exit); later ones wait for a retry. */
static simtime_t max_lateness(int v135, int k, simtime_t backoff)
{
	if (k == 1)
		return SEC(3);
	if (!v135)
		return SEC(17); /* [10,15) s requeue + 1 s ticker + ~1 s cache wait */
	simtime_t last = backoff < SEC(60) ? backoff : SEC(60);
	return last / 2 + SEC(3); /* Jitter(remaining <= 60 s, 0.5) + ticker + cache */
}

static void check_rhythm(const char *version, uint64_t seed)
{
	char yaml[512];
	snprintf(yaml, sizeof(yaml), crashloop, version);
	harness h;
	harness_start(&h, yaml, seed);
	container_instance *in;
	int n = harness_instances(&h, "p", 0, SEC(1500), &in);
	simtime_t backoff[] = {0, SEC(10), SEC(20), SEC(40), SEC(80), SEC(160), SEC(300), SEC(300)};
	ck_assert_int_ge(n, 8);
	for (int k = 1; k < 8; k++) {
		simtime_t wait = in[k].started - in[k - 1].finished;
		simtime_t late = wait - backoff[k - 1];
		ck_assert_msg(late >= 0 && late <= max_lateness(strcmp(version, "1.35") == 0, k,
								backoff[k - 1]),
			      "%s seed %d restart %d: waited %.1fs (backoff %.0fs)", version, (int)seed, k,
			      (double)wait / 1e9, (double)backoff[k - 1] / 1e9);
	}
	free(in);
	harness_end(&h);
}

START_TEST(test_case_a_rhythm_134)
{
	/* <= 1.34: a refused sync is retried every [10,15) s (+ tick, cache) */
	for (uint64_t seed = 1; seed <= 4; seed++)
		check_rhythm("1.34", seed);
}
END_TEST

START_TEST(test_case_a_rhythm_135)
{
	/* 1.35: the retry is queued at the expiry (clamped to 60 s), jittered by
	 * up to half of the remaining wait */
	for (uint64_t seed = 1; seed <= 4; seed++)
		check_rhythm("1.35", seed);
}
END_TEST

/* The CrashLoopBackOff waiting message (kuberuntime_container.go doBackOff:
 * "back-off %s restarting failed container=%s pod=%s") through every
 * backoff of the crash loop: the node's memo of backoff words (slot
 * d/1s % 8) holds 40s, 1m20s and 2m40s in one slot, so each must replace
 * the other and never show a stale text. */
START_TEST(test_backoff_message_words)
{
	char yaml[512];
	snprintf(yaml, sizeof(yaml), crashloop, "1.34");
	harness h;
	harness_start(&h, yaml, 1);
	sim_advance(h.st, SEC(1)); /* admitted */
	kpod *p = harness_pod(&h, "p");
	kctr *c = &p->ctrs[0];
	char seen[8][32];
	int n_seen = 0;
	for (simtime_t t = SEC(2); t <= SEC(1500); t += SEC(1)) {
		sim_advance(h.st, t);
		if (strcmp(c->start_err, "CrashLoopBackOff") != 0)
			continue;
		char b[32], want[API_MSG_LEN];
		duration_format(backoff_get(p->n->crash_backoff, c->backoff_key), b, sizeof(b));
		snprintf(want, sizeof(want), "back-off %s restarting failed container=c pod=p_%s(%s)", b,
			 p->meta.namespace, p->meta.uid);
		ck_assert_str_eq(c->start_msg, want);
		if (n_seen == 0 || strcmp(seen[n_seen - 1], b) != 0) {
			ck_assert_int_lt(n_seen, 8);
			snprintf(seen[n_seen++], sizeof(seen[0]), "%s", b);
		}
	}
	const char *want_seen[] = {"10s", "20s", "40s", "1m20s", "2m40s", "5m0s"};
	ck_assert_int_eq(n_seen, 6);
	for (int k = 0; k < 6; k++)
		ck_assert_str_eq(seen[k], want_seen[k]);
	harness_end(&h);
}
END_TEST

/* Two pods pull the same Always image at once: the node's serial puller
 * makes the second wait for the first (serializeImagePulls). */
START_TEST(test_serial_puller)
{
	static const char yaml[] =
		"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n"
		"  - {name: c, image: 'big:latest', command: [sleep, '3600']}\n---\n"
		"apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers:\n"
		"  - {name: c, image: 'big:latest', command: [sleep, '3600']}\n"
		"---\napiVersion: podsim/v1\nkind: Simulation\nkubelet:\n"
		"  timings: {sandboxCreate: 0s, containerCreate: 0s, containerStart: 0s, "
		"scheduleLatency: 0s, admitLatency: 0s, volumeMount: 0s, relistDuration: 0s}\n"
		"  images: [{image: 'big:latest', pullTime: 5s}]\n";
	harness h;
	harness_start(&h, yaml, 1);
	sim_advance(h.st, SEC(30));
	simtime_t sa = harness_pod(&h, "a")->ctrs[0].inst[0]->started;
	simtime_t sb = harness_pod(&h, "b")->ctrs[0].inst[0]->started;
	simtime_t first = sa < sb ? sa : sb, second = sa < sb ? sb : sa;
	ck_assert_int_eq(first, SEC(5));
	ck_assert_int_eq(second, SEC(10));
	harness_end(&h);
}
END_TEST

Suite *podworker_suite(void)
{
	Suite *s = suite_create("podworker");
	TCase *tc = tcase_create("rhythm");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_case_a_rhythm_134);
	tcase_add_test(tc, test_case_a_rhythm_135);
	tcase_add_test(tc, test_serial_puller);
	tcase_add_test(tc, test_backoff_message_words);
	suite_add_tcase(s, tc);
	return s;
}
