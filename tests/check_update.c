/* check_update.c - the update action: a container's image changed on a pod.
 *
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions: a
 * running container whose spec hash changed (containerChanged) is killed
 * with the message "Container <name> definition changed, will be
 * restarted" and started again in the same sync; doBackOff then sees the
 * old container still running in the pod status the sync began with, and
 * its key (getStableKey) hashes the new spec anyway, so a spec change
 * never waits for the crash back-off.  The restart count goes on.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "apiserver.h"
#include "harness.h"
#include "node.h"

enum { SEEDS = 20 };

static int count_events(harness *h, const char *uid, const char *reason, const char *msg)
{
	const api_event **evs;
	int n = apiserver_events_for(sim_node(h->st)->w->api, uid, &evs), hits = 0;
	for (int k = 0; k < n; k++)
		hits += strcmp(evs[k]->reason, reason) == 0 &&
			(!msg || strcmp(evs[k]->message, msg) == 0);
	free(evs);
	return hits;
}

/* scenarios/image-update.yaml: nginx:1.27 updated to nginx:1.28 at 60 s. */
START_TEST(test_running_container_restarted_with_new_image)
{
	harness h;
	char *yaml = harness_read_file("scenarios/image-update.yaml");
	harness_start(&h, yaml, (uint64_t)_i);
	sim_advance(h.st, SEC(90));
	kpod *p = harness_pod(&h, "web");
	kctr *c = &p->ctrs[0];
	ck_assert_int_eq(c->n_created, 2);
	const container_instance *old = c->inst[0], *cur = c->inst[1];
	ck_assert_str_eq(old->image, "nginx:1.27");
	ck_assert_str_eq(cur->image, "nginx:1.28");
	ck_assert_int_eq(cur->restart_count, 1);
	ck_assert_int_ge(old->finished, SEC(60));
	ck_assert_int_eq(cur->state, INST_RUNNING);
	ck_assert_int_eq(count_events(&h, p->meta.uid, "Killing",
				      "Container app definition changed, will be restarted"),
			 1);
	ck_assert_int_eq(count_events(&h, p->meta.uid, "BackOff", NULL), 0);
	/* the same sync pulls and starts: no 10 s initial back-off between */
	ck_assert_int_lt(cur->created - old->finished, SEC(10));
	const api_pod *o = apiserver_pod_get(sim_node(h.st)->w->api, "default", "web");
	ck_assert_str_eq(o->spec->containers[0].image, "nginx:1.28");
	ck_assert_int_eq(o->status.statuses[0].restart_count, 1);
	ck_assert_ptr_nonnull(strstr(o->status.statuses[0].image, "nginx:1.28"));
	ck_assert_int_eq(o->status.statuses[0].state.kind, STATE_RUNNING);
	harness_end(&h);
	free(yaml);
}
END_TEST

static const char crashloop[] =
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
	"  containers:\n"
	"  - {name: app, image: 'app:1', command: [sh, -c, \"sleep 1; exit 1\"]}\n"
	"---\napiVersion: podsim/v1\nkind: Simulation\n"
	"kubelet:\n  timings: {sandboxCreate: 0s, containerCreate: 0s, "
	"containerStart: 10ms, scheduleLatency: 0s, admitLatency: 0s, "
	"volumeMount: 0s, relistDuration: 0s, apiLatency: 0s}\n"
	"  images: [{image: 'app:1', present: true}, {image: 'app:2', present: true}]\n"
	"actions:\n- {at: 200s, update: {pod: p, container: app, image: 'app:2'}}\n";

/* A crash-looping container is not running, so nothing is killed; its next
 * start uses the new image at once: the back-off key hashes the container
 * spec (getStableKey), and the new key has no back-off. */
START_TEST(test_crashloop_new_image_skips_backoff)
{
	harness h;
	harness_start(&h, crashloop, 1);
	container_instance *in;
	int n = harness_instances(&h, "p", 0, SEC(230), &in);
	int first = -1;
	for (int k = 0; k < n && first < 0; k++)
		if (strcmp(in[k].image, "app:2") == 0)
			first = k;
	ck_assert_int_gt(first, 3);
	ck_assert_int_lt(in[first - 1].created, SEC(200));
	/* at 200 s the back-off is 80 s or more; the update starts it within
	 * the 1 s relist and ticker */
	ck_assert_int_ge(in[first].created, SEC(200));
	ck_assert_int_le(in[first].created, SEC(202));
	ck_assert_int_eq(in[first].restart_count, in[first - 1].restart_count + 1);
	kpod *p = harness_pod(&h, "p");
	ck_assert_int_eq(count_events(&h, p->meta.uid, "Killing", NULL), 0);
	free(in);
	harness_end(&h);
}
END_TEST

Suite *update_suite(void)
{
	Suite *s = suite_create("update");
	TCase *tc = tcase_create("image update");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_running_container_restarted_with_new_image, 1, SEEDS + 1);
	tcase_add_test(tc, test_crashloop_new_image_skips_backoff);
	suite_add_tcase(s, tc);
	return s;
}
