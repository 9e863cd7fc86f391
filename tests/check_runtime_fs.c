/* check_runtime_fs.c - what the runtime does with its instances' filesystems,
 * over whole runs: emptyDir volumes shared and kept across restarts, and the
 * termination message read at exit.
 *
 * The termination-message cases restate the node e2e tests of
 * test/e2e/common/node/runtime.go ("on terminated container") and must hold
 * on every seed 1-20; the limits are those of
 * pkg/kubelet/kuberuntime/kuberuntime_container.go (getTerminationMessage:
 * the last MaxContainerTerminationMessageLength = 4096 bytes of the file;
 * readLastStringFromContainerLogs: the last 80 lines, of which the last
 * 2048 bytes).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "runtime.h"

static const char *const SCENARIO = "scenarios/termination-message.yaml";

/* pod, expected phase, expected state.terminated.message */
static const struct {
	const char *pod, *phase, *message;
} e2e[] = {
	{ "msg-default", "Succeeded", "DONE" },
	{ "msg-custom-path", "Succeeded", "DONE" },
	{ "msg-fallback-failed", "Failed", "DONE" },
	{ "msg-fallback-succeeded", "Succeeded", "" },
	{ "msg-fallback-file", "Succeeded", "OK" },
};

/* runtime.go "on terminated container": each case on seeds 1-20. */
START_TEST(test_e2e_termination_messages)
{
	char *yaml = harness_read_file(SCENARIO);
	for (uint64_t seed = 1; seed <= 20; seed++) {
		harness h;
		harness_start(&h, yaml, seed);
		sim_advance(h.st, SEC(60));
		for (size_t k = 0; k < sizeof(e2e) / sizeof(e2e[0]); k++) {
			const api_pod_status *st = &harness_pod(&h, e2e[k].pod)->status;
			ck_assert_msg(!strcmp(st->phase, e2e[k].phase), "seed %llu %s: phase %s",
				      (unsigned long long)seed, e2e[k].pod, st->phase);
			ck_assert_int_eq(st->n_statuses, 1);
			ck_assert_int_eq(st->statuses[0].state.kind, STATE_TERMINATED);
			ck_assert_msg(!strcmp(st->statuses[0].state.message, e2e[k].message),
				      "seed %llu %s: message '%s'", (unsigned long long)seed,
				      e2e[k].pod, st->statuses[0].state.message);
		}
		harness_end(&h);
	}
	free(yaml);
}
END_TEST

#define POD_SH(policy, script)                                                        \
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n" \
	"  containers:\n  - name: app\n    image: 'app:1'\n"                               \
	"    terminationMessagePolicy: " policy "\n"                                      \
	"    command: [sh, -c, '" script "']\n" EXACT_TIMINGS

/* The message the runtime read at the exit of pod p's only instance. */
static char *message_of(const char *yaml)
{
	harness h;
	harness_start(&h, yaml, 1);
	sim_advance(h.st, SEC(30));
	container_instance *i = runtime_newest(&harness_pod(&h, "p")->ctrs[0]);
	ck_assert_int_eq(i->state, INST_EXITED);
	char *msg = i->message ? xstrdup(i->message) : NULL;
	harness_end(&h);
	return msg;
}

/* 100 lines of 31 bytes (newline included) then a failure: the last 80
 * lines are 2480 bytes, of which the last 2048 are kept: they start with the
 * last byte of line 34. */
START_TEST(test_fallback_tail)
{
	char script[4096] = "for i in";
	for (int k = 1; k <= 100; k++)
		snprintf(script + strlen(script), sizeof(script) - strlen(script), " %03d", k);
	strcat(script, "; do echo line-$i-aaaaaaaaaaaaaaaaaaaaa; done; exit 3");
	char yaml[8192];
	snprintf(yaml, sizeof(yaml), POD_SH("FallbackToLogsOnError", "%s"), script);
	char *msg = message_of(yaml);
	ck_assert_ptr_nonnull(msg);
	ck_assert_int_eq(strlen(msg), 2048);
	ck_assert_str_eq(msg + 2048 - 31, "line-100-aaaaaaaaaaaaaaaaaaaaa\n");
	ck_assert_str_eq(strstr(msg, "\n") + 1, strstr(msg, "line-035"));
	free(msg);
}
END_TEST

/* A file longer than 4096 bytes gives its last 4096; with the File policy a
 * failed container's log is never read. */
START_TEST(test_file_tail_and_no_fallback)
{
	char chunk[501], yaml[4096];
	memset(chunk, 'z', 500);
	chunk[500] = '\0';
	snprintf(yaml, sizeof(yaml),
		 POD_SH("File", "echo head > /dev/termination-log; for i in 1 2 3 4 5 6 7 8 9; "
				"do echo %s >> /dev/termination-log; done; "
				"echo tail >> /dev/termination-log"),
		 chunk);
	char *msg = message_of(yaml);
	ck_assert_ptr_nonnull(msg);
	ck_assert_int_eq(strlen(msg), 4096);
	ck_assert_str_eq(msg + 4096 - 5, "tail\n");
	free(msg);
	ck_assert_ptr_null(message_of(POD_SH("File", "echo failing; exit 1")));
}
END_TEST

/* SetDefaults_Container: an empty terminationMessagePath or
 * terminationMessagePolicy is defaulted (/dev/termination-log, File), and
 * the path is kept as given otherwise. */
START_TEST(test_loader_defaults)
{
	harness h;
	harness_start(&h, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
			  "  - {name: a, image: 'app:1', terminationMessagePath: '',"
			  " terminationMessagePolicy: ''}\n"
			  "  - {name: b, image: 'app:1', terminationMessagePath: msg/here,"
			  " terminationMessagePolicy: FallbackToLogsOnError}\n" EXACT_TIMINGS,
		       1);
	sim_advance(h.st, SEC(1));
	const pod_spec *ps = harness_pod(&h, "p")->spec;
	ck_assert_str_eq(ps->containers[0].termination_message_path, "/dev/termination-log");
	ck_assert(!ps->containers[0].termination_fallback_to_logs);
	ck_assert_str_eq(ps->containers[1].termination_message_path, "msg/here");
	ck_assert(ps->containers[1].termination_fallback_to_logs);
	harness_end(&h);
}
END_TEST

/* status_manager.go normalizeStatus: with 60 containers each terminated
 * message keeps its first 12288 / 60 = 204 bytes. */
START_TEST(test_pod_message_budget)
{
	size_t cap = 60 * 512 + 1024;
	char *yaml = xmalloc(cap), msg[251];
	memset(msg, 'm', 250);
	msg[250] = '\0';
	size_t n = (size_t)snprintf(yaml, cap, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
					       "spec:\n  restartPolicy: Never\n  containers:\n");
	for (int k = 0; k < 60; k++)
		n += (size_t)snprintf(yaml + n, cap - n,
				      "  - {name: c%d, image: 'app:1', command: [sh, -c, "
				      "'echo -n %s > /dev/termination-log']}\n", k, msg);
	snprintf(yaml + n, cap - n, "%s", EXACT_TIMINGS);
	harness h;
	harness_start(&h, yaml, 1);
	sim_advance(h.st, SEC(60));
	const api_pod_status *st = &harness_pod(&h, "p")->status;
	ck_assert_str_eq(st->phase, "Succeeded");
	ck_assert_int_eq(st->n_statuses, 60);
	for (int k = 0; k < st->n_statuses; k++)
		ck_assert_int_eq(strlen(st->statuses[k].state.message), 204);
	harness_end(&h);
	free(yaml);
}
END_TEST

#define COUNTER                                                                         \
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"                          \
	"  volumes: [{name: data, emptyDir: {}}]\n  containers:\n  - name: app\n"          \
	"    image: 'app:1'\n    volumeMounts: [{name: data, mountPath: /data}]\n"           \
	"    command: [sh, -c, 'echo x >> /data/n; echo x >> /tmp/n; cat /data/n /tmp/n; "  \
	"exit 1']\n" EXACT_TIMINGS

/* empty_dir.go: the volume lives as long as the pod, a container's own files
 * as long as the instance; on every seed the newest instance counted every
 * run on the volume (restartCount + 1 lines) and one in /tmp. */
START_TEST(test_emptydir_counts_restarts)
{
	for (uint64_t seed = 1; seed <= 20; seed++) {
		harness h;
		harness_start(&h, COUNTER, seed);
		sim_advance(h.st, SEC(120));
		container_instance *i = runtime_newest(&harness_pod(&h, "p")->ctrs[0]);
		if (i->state != INST_EXITED)
			i = harness_pod(&h, "p")->ctrs[0].inst[harness_pod(&h, "p")->ctrs[0].n_inst - 2];
		const char *const *lines;
		int n = runtime_log(i, &lines);
		ck_assert_int_ge(i->restart_count, 2);
		ck_assert_int_eq(n, i->restart_count + 2);
		harness_end(&h);
	}
}
END_TEST

Suite *runtime_fs_suite(void)
{
	Suite *s = suite_create("runtime_fs");
	TCase *tc = tcase_create("files");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_e2e_termination_messages);
	tcase_add_test(tc, test_fallback_tail);
	tcase_add_test(tc, test_file_tail_and_no_fallback);
	tcase_add_test(tc, test_pod_message_budget);
	tcase_add_test(tc, test_loader_defaults);
	tcase_add_test(tc, test_emptydir_counts_restarts);
	suite_add_tcase(s, tc);
	return s;
}
