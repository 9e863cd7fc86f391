/* check_kubelet_restart.c - the restartKubelet action, seeds 1-20
 * (scenarios/kubelet-restart.yaml, restart at 75 s).
 *
 * The back-off is in memory (pkg/kubelet/container's backoff, owned by the
 * kubelet process): a restarted kubelet starts a crash-looping container at
 * its first sync.  Probe workers are rebuilt (pkg/kubelet/prober/worker.go):
 * a readiness worker's initial value is Failure, so the running container
 * goes unready until the new worker's first probe, which comes within one
 * period (jittered since the kubelet started recently).  Containers
 * survive.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "apiserver.h"
#include "harness.h"
#include "node.h"

enum { SEEDS = 20 };

typedef struct seen {
	simtime_t unready_after_restart; /* first web 0/1 after 75 s, or -1 */
	bool ready_at_end;
} seen;

static void on_pod(void *ctx, simtime_t now, watch_type t, const api_pod *o, const char *why)
{
	seen *s = ctx;
	(void)why;
	if (t == WATCH_DELETED || strcmp(o->name, "web") != 0 || o->status.n_statuses != 1)
		return;
	bool ready = o->status.statuses[0].ready;
	if (now >= SEC(75) && !ready && s->unready_after_restart < 0)
		s->unready_after_restart = now;
	s->ready_at_end = ready;
}

START_TEST(test_kubelet_restart)
{
	harness h;
	seen s = {-1, false};
	char *yaml = harness_read_file("scenarios/kubelet-restart.yaml");
	harness_start(&h, yaml, (uint64_t)_i);
	apiserver_add_sink(sim_apiserver(h.st), (watch_sink){on_pod, NULL, &s});
	container_instance *in;
	int n = harness_instances(&h, "crash", 0, SEC(120), &in);
	/* the crash loop: an exit before 75 s, a start within 2 s after it
	 * (the sync after HandlePodAdditions), no start in between */
	int k = 0;
	while (k < n && in[k].created < SEC(75))
		k++;
	ck_assert_int_gt(k, 2);
	ck_assert_int_lt(k, n);
	ck_assert_int_lt(in[k - 1].finished, SEC(75));
	ck_assert_int_le(in[k].created, SEC(77));
	ck_assert_int_eq(in[k].restart_count, in[k - 1].restart_count + 1);
	free(in);
	/* the probed container survived, went unready within a period (10 s)
	 * of the restart and ready again */
	kpod *web = harness_pod(&h, "web");
	ck_assert_int_eq(web->ctrs[0].n_created, 1);
	ck_assert_int_ge(s.unready_after_restart, SEC(75));
	ck_assert_int_le(s.unready_after_restart, SEC(86));
	ck_assert(s.ready_at_end);
	harness_end(&h);
	free(yaml);
}
END_TEST

Suite *kubelet_restart_suite(void)
{
	Suite *s = suite_create("kubelet_restart");
	TCase *tc = tcase_create("restartKubelet");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_kubelet_restart, 1, SEEDS + 1);
	suite_add_tcase(s, tc);
	return s;
}
