/* check_shellcmd_tools.c - tail -f, nslookup and host in the shell subset. */
#include "shell.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Runs script as a container's main process from t=0 to limit, SIGTERM at
 * term_at (or never); returns the exit time or -1, with its status and log. */
static simtime_t run(const char *script, simtime_t term_at, simtime_t limit, int *status,
		     char *log, size_t len, int *n_warn)
{
	char **warn = NULL;
	*n_warn = 0;
	shell_script *s = shell_parse(script, SHELL_MAIN, "x.yaml:1:2: ", &warn, n_warn);
	shell_fs *fs = shell_fs_new();
	shell_out out;
	shell_out_init(&out);
	shell_run *r = shell_run_start(s, fs, &out, 0, 0);
	simtime_t at = -1;
	bool termed = false;
	while (!shell_run_done(r, status, &at)) {
		simtime_t t = shell_run_next_wakeup(r);
		if (!termed && term_at <= limit && t > term_at) {
			shell_run_sigterm(r, term_at);
			termed = true;
		} else if (t > limit) {
			shell_run_advance(r, limit);
			if (!shell_run_done(r, status, &at))
				at = -1;
			break;
		} else {
			shell_run_advance(r, t);
		}
	}
	shell_out_join(&out, log, len);
	shell_run_free(r);
	shell_out_release(&out);
	shell_fs_free(fs);
	shell_script_free(s);
	for (int i = 0; i < *n_warn; i++)
		free(warn[i]);
	free(warn);
	return at;
}

/* `tail -f /dev/null` never ends, and as PID 1 without a handler it ignores
 * SIGTERM like `sleep infinity` (the kernel's PID 1 rule): no note either. */
START_TEST(test_tail_follow_blocks)
{
	int status = -1, n_warn;
	char log[256];
	simtime_t at = run("tail -f /dev/null", SEC(10), SEC(3600), &status, log, sizeof(log),
			   &n_warn);
	ck_assert_int_eq(n_warn, 0);
	ck_assert_int_eq(at, -1);
	at = run("tail -n 5 /tmp/x", SIMTIME_NEVER, SEC(10), &status, log, sizeof(log), &n_warn);
	ck_assert_int_eq(at, 0);
	ck_assert_int_eq(status, 1);
}
END_TEST

/* The documentation's init container `until nslookup myservice; do echo
 * waiting for myservice; sleep 2; done` waits (a lone pod has no Service):
 * NXDOMAIN is status 1; the API server's name resolves. */
START_TEST(test_nslookup_waits)
{
	int status = -1, n_warn;
	char log[4096];
	simtime_t at = run("until nslookup myservice; do echo waiting for myservice; sleep 2; done",
			   SIMTIME_NEVER, SEC(5), &status, log, sizeof(log), &n_warn);
	ck_assert_int_eq(n_warn, 0);
	ck_assert_int_eq(at, -1);
	ck_assert_ptr_nonnull(strstr(log, "** server can't find myservice: NXDOMAIN"));
	ck_assert_ptr_nonnull(strstr(log, "waiting for myservice"));
	at = run("nslookup kubernetes.default && host kubernetes.default.svc.cluster.local",
		 SIMTIME_NEVER, SEC(5), &status, log, sizeof(log), &n_warn);
	ck_assert_int_eq(at, 0);
	ck_assert_int_eq(status, 0);
	ck_assert_ptr_nonnull(strstr(log, "kubernetes.default.svc.cluster.local has address 10.96.0.1"));
	at = run("host db", SIMTIME_NEVER, SEC(5), &status, log, sizeof(log), &n_warn);
	ck_assert_int_eq(status, 1);
	ck_assert_ptr_nonnull(strstr(log, "Host db not found: 3(NXDOMAIN)"));
}
END_TEST

Suite *shellcmd_tools_suite(void)
{
	Suite *s = suite_create("shellcmd_tools");
	TCase *tc = tcase_create("tools");
	tcase_add_test(tc, test_tail_follow_blocks);
	tcase_add_test(tc, test_nslookup_waits);
	suite_add_tcase(s, tc);
	return s;
}
