/* check_print_get.c - HumanDuration, the tab writer, printPod rows and the
 * `kubectl get pods -w` session (kubectl-printing.md sections 1-3,
 * seed-traces.md trace 2). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "print_get.h"

#define MIN(x) SEC(60 * (x))
#define HOUR(x) SEC(3600 * (x))
#define DAY(x) HOUR(24 * (x))
#define YEAR(x) DAY(365 * (x))

/* ---- durations: section 2.3 (table) and 2.4 (upstream vectors) ---------- */

static const struct { simtime_t d; const char *human, *shrt; } boundary[] = {
	{SEC(-2), "<invalid>", "<invalid>"}, {MSEC(-1900), "0s", "0s"},
	{SEC(-1), "0s", "0s"}, {0, "0s", "0s"}, {MSEC(999), "0s", "0s"},
	{MSEC(1900), "1s", "1s"}, {SEC(59), "59s", "59s"}, {SEC(60), "60s", "1m"},
	{SEC(90), "90s", "1m"}, {SEC(119), "119s", "1m"}, {MIN(2), "2m", "2m"},
	{MIN(2) + SEC(42), "2m42s", "2m"}, {MIN(9) + SEC(59), "9m59s", "9m"},
	{MIN(10), "10m", "10m"}, {MIN(10) + SEC(1), "10m", "10m"}, {MIN(59), "59m", "59m"},
	{MIN(60), "60m", "1h"}, {MIN(179), "179m", "2h"}, {HOUR(3), "3h", "3h"},
	{HOUR(3) + MIN(5), "3h5m", "3h"}, {HOUR(7) + MIN(59), "7h59m", "7h"},
	{HOUR(8), "8h", "8h"}, {HOUR(8) + MIN(30), "8h", "8h"}, {HOUR(8) + MIN(59), "8h", "8h"},
	{HOUR(23), "23h", "23h"}, {HOUR(24), "24h", "1d"}, {HOUR(47), "47h", "1d"},
	{DAY(2), "2d", "2d"}, {DAY(2) + HOUR(3), "2d3h", "2d"}, {DAY(7) + HOUR(23), "7d23h", "7d"},
	{DAY(8), "8d", "8d"}, {DAY(8) + HOUR(23), "8d", "8d"}, {DAY(30), "30d", "30d"},
	{DAY(364), "364d", "364d"}, {DAY(365), "365d", "1y"}, {DAY(729), "729d", "1y"},
	{DAY(730), "2y", "2y"}, {YEAR(2) + DAY(100), "2y100d", "2y"},
	{YEAR(7) + DAY(364), "7y364d", "7y"}, {YEAR(8), "8y", "8y"}, {YEAR(10), "10y", "10y"},
};

START_TEST(test_duration_boundaries)
{
	char buf[32];
	print_human_duration(boundary[_i].d, buf, sizeof(buf));
	ck_assert_str_eq(buf, boundary[_i].human);
	print_short_human_duration(boundary[_i].d, buf, sizeof(buf));
	ck_assert_str_eq(buf, boundary[_i].shrt);
}
END_TEST

/* TestHumanDuration + TestHumanDurationBoundaries */
static const struct { simtime_t d; const char *want; } human[] = {
	{SEC(1), "1s"}, {SEC(70), "70s"}, {SEC(190), "3m10s"}, {MIN(70), "70m"},
	{HOUR(47), "47h"}, {HOUR(49), "2d1h"}, {HOUR(8 * 24 + 2), "8d"},
	{HOUR(367 * 24), "367d"}, {HOUR(730 * 24 + 25), "2y1d"},
	{HOUR(8 * 365 * 24 + 2), "8y"},
	{SEC(-2), "<invalid>"}, {SEC(-2) + 1, "0s"}, {0, "0s"}, {SEC(1) - MSEC(1), "0s"},
	{MIN(2) - MSEC(1), "119s"}, {MIN(2), "2m"}, {MIN(2) + SEC(1), "2m1s"},
	{MIN(10) - MSEC(1), "9m59s"}, {MIN(10), "10m"}, {MIN(10) + SEC(1), "10m"},
	{HOUR(3) - MSEC(1), "179m"}, {HOUR(3), "3h"}, {HOUR(3) + MIN(1), "3h1m"},
	{HOUR(8) - MSEC(1), "7h59m"}, {HOUR(8), "8h"}, {HOUR(8) + MIN(59), "8h"},
	{HOUR(48) - MSEC(1), "47h"}, {HOUR(48), "2d"}, {HOUR(49), "2d1h"},
	{DAY(8) - MSEC(1), "7d23h"}, {DAY(8), "8d"}, {DAY(8) + HOUR(23), "8d"},
	{YEAR(2) - MSEC(1), "729d"}, {YEAR(2) - 1, "729d"}, {YEAR(2), "2y"}, {YEAR(2) + HOUR(23), "2y"},
	{YEAR(2) + HOUR(23) + MIN(59), "2y"}, {YEAR(2) + HOUR(24) - MSEC(1), "2y"},
	{YEAR(2) + HOUR(24), "2y1d"}, {YEAR(3), "3y"}, {YEAR(4), "4y"}, {YEAR(5), "5y"},
	{YEAR(6), "6y"}, {YEAR(7), "7y"}, {YEAR(8) - MSEC(1), "7y364d"}, {YEAR(8), "8y"},
	{YEAR(8) + DAY(364), "8y"}, {YEAR(9), "9y"},
};

START_TEST(test_human_duration_upstream)
{
	char buf[32];
	print_human_duration(human[_i].d, buf, sizeof(buf));
	ck_assert_str_eq(buf, human[_i].want);
}
END_TEST

/* TestShortHumanDurationBoundaries */
static const struct { simtime_t d; const char *want; } shrt[] = {
	{SEC(-2), "<invalid>"}, {SEC(-2) + 1, "0s"}, {0, "0s"}, {SEC(1) - MSEC(1), "0s"},
	{SEC(1), "1s"}, {SEC(2) - MSEC(1), "1s"}, {MIN(1) - MSEC(1), "59s"}, {MIN(1), "1m"},
	{MIN(2) - MSEC(1), "1m"}, {HOUR(1) - MSEC(1), "59m"}, {HOUR(1), "1h"},
	{HOUR(2) - MSEC(1), "1h"}, {HOUR(24) - MSEC(1), "23h"}, {HOUR(24), "1d"},
	{HOUR(48) - MSEC(1), "1d"}, {DAY(365) - MSEC(1), "364d"}, {DAY(365), "1y"},
	{YEAR(2) - MSEC(1), "1y"}, {YEAR(2), "2y"},
	/* float64 hours: 2y-1ns rounds up to 17520 h, then to 2.0 years */
	{YEAR(2) - 1, "2y"},
};

START_TEST(test_short_human_duration_upstream)
{
	char buf[32];
	print_short_human_duration(shrt[_i].d, buf, sizeof(buf));
	ck_assert_str_eq(buf, shrt[_i].want);
}
END_TEST

/* TestTranslateTimestampSince: timestamps relative to now (+ = future). */
#define NOW SEC(1000000000)
static const struct { simtime_t t; const char *want; } since[] = {
	{NOW + MSEC(2100), "<invalid>"}, {NOW + MSEC(1900), "0s"}, {NOW, "0s"},
	{-1, "<unknown>"}, {NOW - SEC(30), "30s"}, {NOW - MIN(5), "5m"},
	{NOW - MIN(100), "100m"}, {NOW - DAY(2), "2d"}, {NOW - DAY(90), "90d"},
	{NOW - DAY(3650), "10y"},
};

START_TEST(test_timestamp_since)
{
	char buf[32];
	print_timestamp_since(since[_i].t, NOW, buf, sizeof(buf));
	ck_assert_str_eq(buf, since[_i].want);
}
END_TEST

/* ---- the tab writer: sections 3.1, 3.3, 3.4 ----------------------------- */

/* Each vector writes flushes[0], flushes it, writes flushes[1], ... through
 * kubectl's writer (6, 4, 3, RememberWidths). */
static const struct { const char *flushes[8]; const char *want; } tables[] = {
	{{"NAME\tREADY\tSTATUS\tRETRIES\tAGE\ntest1\t1/1\tpodPhase\t5\t20h\n"},
	 "NAME    READY   STATUS     RETRIES   AGE\n"
	 "test1   1/1     podPhase   5         20h\n"},
	{{"NAME\tREADY\tSTATUS\tRETRIES\tAGE\ntest1\t1/1\tpodPhase\t5\t20h\n"
	  "test2\t1/2\tpodPhase\t30\t21h\ntest3\t4/4\tpodPhase\t1\t22h\n"},
	 "NAME    READY   STATUS     RETRIES   AGE\n"
	 "test1   1/1     podPhase   5         20h\n"
	 "test2   1/2     podPhase   30        21h\n"
	 "test3   4/4     podPhase   1         22h\n"},
	{{"test1\t1/1\tpodPhase\t5\t20h\n"}, "test1   1/1   podPhase   5     20h\n"},
	{{"test1\t1/1\tpodPhase\t5\t20h\ntest2\t1/2\tpodPhase\t30\t21h\n"
	  "test3\t4/4\tpodPhase\t1\t22h\n"},
	 "test1   1/1   podPhase   5     20h\n"
	 "test2   1/2   podPhase   30    21h\n"
	 "test3   4/4   podPhase   1     22h\n"},
	{{"EVENT\tNAME\tREADY\tSTATUS\tRETRIES\tAGE\nAdded\ttest1\t1/1\tpodPhase\t5\t20h\n"},
	 "EVENT   NAME    READY   STATUS     RETRIES   AGE\n"
	 "Added   test1   1/1     podPhase   5         20h\n"},
	{{"Added\ttest-namespace\ttest1\t1/1\tpodPhase\t5\t20h\t"
	  "first-label=12,second-label=label-value\n"},
	 "Added   test-namespace   test1   1/1   podPhase   5     20h   "
	 "first-label=12,second-label=label-value\n"},
	/* TestWatchTableLabelSelector: list, then one flush per event */
	{{"NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nbar\t0/0\t\t0\t<unknown>\nfoo\t0/0\t\t0\t<unknown>\n",
	  "foo\t0/0\t\t0\t<unknown>\n", "foo\t0/0\t\t0\t<unknown>\n"},
	 "NAME   READY   STATUS   RESTARTS   AGE\n"
	 "bar    0/0              0          <unknown>\n"
	 "foo    0/0              0          <unknown>\n"
	 "foo    0/0              0          <unknown>\n"
	 "foo    0/0              0          <unknown>\n"},
	/* TestWatchResourceWatchEvents, plain and -o wide */
	{{"EVENT\tNAMESPACE\tNAME\tREADY\tSTATUS\tRESTARTS\tAGE\n"
	  "ADDED   \ttest\tpod/bar\t0/0\t\t0\t<unknown>\nADDED   \ttest\tpod/foo\t0/0\t\t0\t<unknown>\n",
	  "MODIFIED\ttest\tpod/foo\t0/0\t\t0\t<unknown>\n",
	  "DELETED \ttest\tpod/foo\t0/0\t\t0\t<unknown>\n"},
	 "EVENT      NAMESPACE   NAME      READY   STATUS   RESTARTS   AGE\n"
	 "ADDED      test        pod/bar   0/0              0          <unknown>\n"
	 "ADDED      test        pod/foo   0/0              0          <unknown>\n"
	 "MODIFIED   test        pod/foo   0/0              0          <unknown>\n"
	 "DELETED    test        pod/foo   0/0              0          <unknown>\n"},
	{{"EVENT\tNAMESPACE\tNAME\tREADY\tSTATUS\tRESTARTS\tAGE\tIP\tNODE\tNOMINATED NODE\t"
	  "READINESS GATES\n"
	  "ADDED   \ttest\tpod/bar\t0/0\t\t0\t<unknown>\t<none>\t<none>\t<none>\t<none>\n"
	  "ADDED   \ttest\tpod/foo\t0/0\t\t0\t<unknown>\t<none>\t<none>\t<none>\t<none>\n",
	  "MODIFIED\ttest\tpod/foo\t0/0\t\t0\t<unknown>\t<none>\t<none>\t<none>\t<none>\n",
	  "DELETED \ttest\tpod/foo\t0/0\t\t0\t<unknown>\t<none>\t<none>\t<none>\t<none>\n"},
	 "EVENT      NAMESPACE   NAME      READY   STATUS   RESTARTS   AGE         IP       NODE     NOMINATED NODE   READINESS GATES\n"
	 "ADDED      test        pod/bar   0/0              0          <unknown>   <none>   <none>   <none>           <none>\n"
	 "ADDED      test        pod/foo   0/0              0          <unknown>   <none>   <none>   <none>           <none>\n"
	 "MODIFIED   test        pod/foo   0/0              0          <unknown>   <none>   <none>   <none>           <none>\n"
	 "DELETED    test        pod/foo   0/0              0          <unknown>   <none>   <none>   <none>           <none>\n"},
	/* section 3.3: the illustrative ragged -w session, one flush per event */
	{{"NAME\tREADY\tSTATUS\tRESTARTS\tAGE\ncrash\t0/1\tPending\t0\t0s\n",
	  "crash\t0/1\tPending\t0\t0s\n", "crash\t0/1\tContainerCreating\t0\t0s\n",
	  "crash\t1/1\tRunning\t0\t3s\n", "crash\t0/1\tError\t0\t5s\n",
	  "crash\t1/1\tRunning\t1 (2s ago)\t7s\n", "crash\t0/1\tError\t1 (3s ago)\t8s\n",
	  "crash\t0/1\tCrashLoopBackOff\t1 (13s ago)\t18s\n"},
	 "NAME    READY   STATUS    RESTARTS   AGE\n"
	 "crash   0/1     Pending   0          0s\n"
	 "crash   0/1     Pending   0          0s\n"
	 "crash   0/1     ContainerCreating   0          0s\n"
	 "crash   1/1     Running             0          3s\n"
	 "crash   0/1     Error               0          5s\n"
	 "crash   1/1     Running             1 (2s ago)   7s\n"
	 "crash   0/1     Error               1 (3s ago)   8s\n"
	 "crash   0/1     CrashLoopBackOff    1 (13s ago)   18s\n"},
	/* rows flushed together align with each other */
	{{"a\tb\tc\n", "crash\t1/1\tRunning\t1 (2s ago)\t7s\ncrash\t0/1\tError\t1 (13s ago)\t8s\n"},
	 "a     b     c\n"
	 "crash   1/1   Running   1 (2s ago)    7s\n"
	 "crash   0/1   Error     1 (13s ago)   8s\n"},
};

START_TEST(test_tabwriter_vectors)
{
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	tabwriter *tw = tabwriter_new(out, 6, 4, 3, true);
	for (int i = 0; i < 8 && tables[_i].flushes[i]; i++) {
		tabwriter_write(tw, tables[_i].flushes[i]);
		tabwriter_flush(tw);
	}
	tabwriter_free(tw);
	fclose(out);
	ck_assert_str_eq(got, tables[_i].want);
	free(got);
}
END_TEST

/* Go text/tabwriter semantics used by describe: padding 2, no minimum, no
 * memory, blocks ended by tab-less lines, runes counted, nothing written
 * before flush (a tab-less line flushes what precedes it). */
START_TEST(test_tabwriter_blocks)
{
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	tabwriter *tw = tabwriter_new(out, 0, 8, 2, false);
	tabwriter_write(tw, "Name:\tx\nLonger key:\ty\n");
	fflush(out);
	ck_assert_uint_eq(len, 0);
	tabwriter_write(tw, "Section:\n");
	fflush(out);
	ck_assert_uint_eq(len, strlen("Name:        x\nLonger key:  y\nSection:\n"));
	tabwriter_write(tw, "  h\xc3\xa9:\tv\n  k:\tw\n\tcont");
	tabwriter_flush(tw);
	tabwriter_free(tw);
	fclose(out);
	ck_assert_str_eq(got, "Name:        x\nLonger key:  y\nSection:\n"
			      "  h\xc3\xa9:  v\n  k:   w\n       cont");
	free(got);
}
END_TEST

START_TEST(test_tabwriter_flush_string)
{
	FILE *devnull = fopen("/dev/null", "w");
	tabwriter *tw = tabwriter_new(devnull, 6, 4, 3, true);
	const char *cells[] = {"a", "multi\nline", "z"};
	print_table_row(tw, cells, 3);
	char *s = tabwriter_flush_string(tw);
	ck_assert_str_eq(s, "a     multi...   z\n");
	free(s);
	/* the remembered widths survive a string flush */
	const char *short_cells[] = {"b", "c", "d"};
	print_table_row(tw, short_cells, 3);
	s = tabwriter_flush_string(tw);
	ck_assert_str_eq(s, "b     c          d\n");
	free(s);
	tabwriter_free(tw);
	fclose(devnull);
}
END_TEST

/* ---- printPod: section 1.3 rows D1..D24 ---------------------------------- */

static container_spec ctr_specs[2], init_specs[2];
static pod_spec spec;
static api_container_status ctr_st[2], init_st[2];
static api_pod pod;
static char *const ctr_names[] = {"c0", "c1"}, *const init_names[] = {"i0", "i1"};

static void status_init(api_container_status *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->started = -1;
	c->state.started_at = c->state.finished_at = -1;
	c->last_state.started_at = c->last_state.finished_at = -1;
}

/* A pod "p" of age age_s at NOW with n_ctr containers c0.. and n_init init
 * containers i0.., each with a status that has no state yet. */
static void mk(int n_ctr, int n_init, int64_t age_s)
{
	memset(&spec, 0, sizeof(spec));
	memset(&pod, 0, sizeof(pod));
	for (int i = 0; i < 2; i++) {
		ctr_specs[i] = (container_spec){.name = ctr_names[i], .image = "busybox"};
		init_specs[i] = (container_spec){.name = init_names[i], .image = "busybox",
						 .is_init = true};
		status_init(&ctr_st[i], ctr_names[i]);
		status_init(&init_st[i], init_names[i]);
	}
	spec.containers = ctr_specs;
	spec.n_containers = n_ctr;
	spec.init_containers = init_specs;
	spec.n_init_containers = n_init;
	spec.termination_grace_seconds = 30;
	pod.spec = &spec;
	snprintf(pod.name, sizeof(pod.name), "p");
	snprintf(pod.namespace, sizeof(pod.namespace), "default");
	pod.creation_timestamp = NOW - SEC(age_s);
	pod.deletion_timestamp = -1;
	pod.deletion_grace_period_seconds = -1;
	snprintf(pod.status.phase, sizeof(pod.status.phase), "Pending");
	pod.status.start_time = -1;
	pod.status.statuses = ctr_st;
	pod.status.n_statuses = n_ctr;
	pod.status.init_statuses = init_st;
	pod.status.n_init_statuses = n_init;
}

static void phase(const char *ph)
{
	snprintf(pod.status.phase, sizeof(pod.status.phase), "%s", ph);
}

static void waiting(api_container_status *c, const char *reason)
{
	c->state.kind = STATE_WAITING;
	snprintf(c->state.reason, sizeof(c->state.reason), "%s", reason);
}

static void running(api_container_status *c, bool ready)
{
	c->state.kind = STATE_RUNNING;
	c->state.started_at = NOW - SEC(1);
	c->ready = ready;
	c->started = 1;
}

static void terminated(api_container_status *c, const char *reason, int code, int sig)
{
	c->state.kind = STATE_TERMINATED;
	snprintf(c->state.reason, sizeof(c->state.reason), "%s", reason);
	c->state.exit_code = code;
	c->state.signal = sig;
	c->started = 0;
}

static void restarted(api_container_status *c, int count, int64_t ago_s)
{
	c->restart_count = count;
	c->last_state.kind = STATE_TERMINATED;
	c->last_state.finished_at = NOW - SEC(ago_s);
}

static void cond(api_condition_type t, int status, const char *reason)
{
	api_condition *c = &pod.status.conditions[pod.status.n_conditions++];
	memset(c, 0, sizeof(*c));
	c->type = t;
	c->status = status;
	snprintf(c->reason, sizeof(c->reason), "%s", reason);
}

static void d1(void) { mk(1, 0, 3); pod.status.n_statuses = 0; cond(COND_POD_SCHEDULED, 0, "Unschedulable"); }
static void d2(void) { mk(1, 0, 1); waiting(&ctr_st[0], "ContainerCreating"); }
static void d3(void) { mk(1, 1, 5); running(&init_st[0], false); waiting(&ctr_st[0], "PodInitializing"); }
static void d4(void) { mk(1, 2, 0); waiting(&init_st[0], "PodInitializing"); waiting(&init_st[1], "PodInitializing"); }
static void d5(void) { mk(1, 1, 20); terminated(&init_st[0], "Error", 1, 0); waiting(&ctr_st[0], "PodInitializing"); }
static void d6(void) { mk(1, 1, 20); terminated(&init_st[0], "", 2, 0); }
static void d7(void) { mk(1, 1, 20); terminated(&init_st[0], "", 137, 9); }
static void d8(void)
{
	mk(1, 1, 100);
	waiting(&init_st[0], "CrashLoopBackOff");
	restarted(&init_st[0], 3, 15);
	waiting(&ctr_st[0], "PodInitializing");
}
static void d9(void)
{
	mk(1, 1, 8);
	terminated(&init_st[0], "Completed", 0, 0);
	waiting(&ctr_st[0], "PodInitializing");
	cond(COND_INITIALIZED, 1, "");
}
static void d10(void) { mk(1, 0, 162); phase("Running"); waiting(&ctr_st[0], "CrashLoopBackOff"); restarted(&ctr_st[0], 4, 30); }
static void d11(void) { mk(1, 0, 60); phase("Failed"); terminated(&ctr_st[0], "", 3, 0); }
static void d12(void) { mk(1, 0, 60); phase("Failed"); terminated(&ctr_st[0], "", 143, 15); }
static void d13(void)
{
	mk(1, 0, 600);
	phase("Running");
	terminated(&ctr_st[0], "OOMKilled", 137, 0);
	restarted(&ctr_st[0], 1, 45);
}
static void d14(void)
{
	mk(1, 0, 7200);
	phase("Failed");
	snprintf(pod.status.reason, sizeof(pod.status.reason), "Evicted");
	pod.status.n_statuses = 0;
}
static void d15(void) { d14(); pod.status.n_statuses = 1; terminated(&ctr_st[0], "ContainerStatusUnknown", 137, 0); }
static void d16(void)
{
	mk(1, 0, 3 * 86400);
	phase("Running");
	snprintf(pod.status.reason, sizeof(pod.status.reason), "NodeLost");
	pod.deletion_timestamp = NOW - SEC(10);
	running(&ctr_st[0], true);
}
static void d17(void)
{
	mk(1, 0, 300);
	phase("Running");
	pod.deletion_timestamp = NOW - SEC(2);
	running(&ctr_st[0], true);
	cond(COND_READY, 1, "");
}
static void d18(void) { mk(1, 0, 12); waiting(&ctr_st[0], "ErrImagePull"); }
static void d19(void) { mk(1, 0, 40); waiting(&ctr_st[0], "ImagePullBackOff"); }
static void d20(void)
{
	mk(1, 1, 3 * 3600 + 5 * 60);
	phase("Running");
	init_specs[0].restartable = true;
	running(&init_st[0], true);
	running(&ctr_st[0], true);
	cond(COND_INITIALIZED, 1, "");
	cond(COND_READY, 1, "");
}
static void d21(void) { mk(1, 0, 599); phase("Running"); running(&ctr_st[0], false); }
static void d22(void)
{
	mk(2, 0, 2 * 86400 + 3 * 3600);
	phase("Running");
	running(&ctr_st[0], true);
	waiting(&ctr_st[1], "CrashLoopBackOff");
	restarted(&ctr_st[1], 12, 200);
}
static void d23(void)
{
	mk(1, 1, 960);
	phase("Running");
	init_specs[0].restartable = true;
	waiting(&init_st[0], "CrashLoopBackOff");
	init_st[0].started = 0;
	restarted(&init_st[0], 2, 8);
	running(&ctr_st[0], true);
	cond(COND_INITIALIZED, 1, "");
}
static void d24(void)
{
	mk(1, 0, 50);
	phase("Failed");
	pod.deletion_timestamp = NOW - SEC(1);
	terminated(&ctr_st[0], "Error", 1, 0);
}
/* beyond 1.3: Completed with a running ready container, gates, sidecar restarts */
static void x1(void)
{
	mk(2, 0, 30);
	phase("Running");
	running(&ctr_st[0], true);
	terminated(&ctr_st[1], "Completed", 0, 0);
}
static void x2(void) { x1(); cond(COND_READY, 1, ""); }
static void x3(void) { mk(1, 0, 2); cond(COND_POD_SCHEDULED, 0, "SchedulingGated"); }
static void x4(void)
{
	/* plain init restarts are dropped once initialized; sidecar ones stay */
	mk(1, 2, 400);
	phase("Running");
	init_specs[1].restartable = true;
	terminated(&init_st[0], "Completed", 0, 0);
	restarted(&init_st[0], 5, 300);
	running(&init_st[1], true);
	restarted(&init_st[1], 2, 100);
	running(&ctr_st[0], true);
	restarted(&ctr_st[0], 1, 150);
	cond(COND_INITIALIZED, 1, "");
	cond(COND_READY, 1, "");
}
static void x5(void)
{
	/* statuses are walked last to first: the first container's reason wins */
	mk(2, 0, 3);
	waiting(&ctr_st[0], "ErrImagePull");
	waiting(&ctr_st[1], "ContainerCreating");
}

static const struct {
	void (*setup)(void);
	const char *ready, *status, *restarts, *age;
} rows[] = {
	{d1, "0/1", "Pending", "0", "3s"},
	{d2, "0/1", "ContainerCreating", "0", "1s"},
	{d3, "0/1", "Init:0/1", "0", "5s"},
	{d4, "0/1", "Init:0/2", "0", "0s"},
	{d5, "0/1", "Init:Error", "0", "20s"},
	{d6, "0/1", "Init:ExitCode:2", "0", "20s"},
	{d7, "0/1", "Init:Signal:9", "0", "20s"},
	{d8, "0/1", "Init:CrashLoopBackOff", "3 (15s ago)", "100s"},
	{d9, "0/1", "PodInitializing", "0", "8s"},
	{d10, "0/1", "CrashLoopBackOff", "4 (30s ago)", "2m42s"},
	{d11, "0/1", "ExitCode:3", "0", "60s"},
	{d12, "0/1", "Signal:15", "0", "60s"},
	{d13, "0/1", "OOMKilled", "1 (45s ago)", "10m"},
	{d14, "0/1", "Evicted", "0", "120m"},
	{d15, "0/1", "ContainerStatusUnknown", "0", "120m"},
	{d16, "1/1", "Unknown", "0", "3d"},
	{d17, "1/1", "Terminating", "0", "5m"},
	{d18, "0/1", "ErrImagePull", "0", "12s"},
	{d19, "0/1", "ImagePullBackOff", "0", "40s"},
	{d20, "2/2", "Running", "0", "3h5m"},
	{d21, "0/1", "Running", "0", "9m59s"},
	{d22, "1/2", "CrashLoopBackOff", "12 (3m20s ago)", "2d3h"},
	{d23, "1/2", "Init:CrashLoopBackOff", "2 (8s ago)", "16m"},
	{d24, "0/1", "Error", "0", "50s"},
	{x1, "1/2", "NotReady", "0", "30s"},
	{x2, "1/2", "Running", "0", "30s"},
	{x3, "0/1", "SchedulingGated", "0", "2s"},
	{x4, "2/2", "Running", "3 (100s ago)", "6m40s"},
	{x5, "0/2", "ErrImagePull", "0", "3s"},
};

START_TEST(test_pod_row)
{
	pod_row r;
	rows[_i].setup();
	print_pod_row(&pod, NOW, &r);
	ck_assert_str_eq(r.name, "p");
	ck_assert_str_eq(r.ready, rows[_i].ready);
	ck_assert_str_eq(r.status, rows[_i].status);
	ck_assert_str_eq(r.restarts, rows[_i].restarts);
	ck_assert_str_eq(r.age, rows[_i].age);
}
END_TEST

START_TEST(test_pod_row_wide)
{
	pod_row r;
	d2();
	pod.creation_timestamp = -1;
	print_pod_row(&pod, NOW, &r);
	ck_assert_str_eq(r.age, "<unknown>");
	ck_assert_str_eq(r.ip, "<none>");
	ck_assert_str_eq(r.node, "<none>");
	ck_assert_str_eq(r.nominated_node, "<none>");
	ck_assert_str_eq(r.readiness_gates, "<none>");
	snprintf(pod.status.pod_ip, sizeof(pod.status.pod_ip), "10.244.0.7");
	snprintf(pod.node_name, sizeof(pod.node_name), "node-1");
	print_pod_row(&pod, NOW, &r);
	ck_assert_str_eq(r.ip, "10.244.0.7");
	ck_assert_str_eq(r.node, "node-1");
}
END_TEST

/* ---- the -w session ------------------------------------------------------- */

typedef struct capture {
	char *text;
	size_t len;
	FILE *f;
} capture;

static void capture_open(capture *c)
{
	c->text = NULL;
	c->len = 0;
	c->f = open_memstream(&c->text, &c->len);
}

static char *capture_close(capture *c)
{
	fclose(c->f);
	return c->text;
}

/* seed-traces.md trace 2 (`kubectl get po -w | grep live`): one step per
 * watch event, seconds since creation.  Its NAME column is 17 wide, one more
 * than "liveness-http" needs: the namespace also held a pod with a
 * 14-character name, which grep removed; the test lists one. */
static const struct {
	int at, ready, restarts, finished; /* finished: last termination, -1 none */
	const char *waiting;               /* NULL = Running */
} liveness[] = {
	{2, 0, 0, -1, "ContainerCreating"}, {5, 1, 0, -1, NULL}, {26, 1, 1, 22, NULL},
	{46, 1, 2, 43, NULL}, {67, 1, 3, 64, NULL}, {88, 1, 4, 85, NULL},
	{106, 0, 4, 106, "CrashLoopBackOff"}, {162, 1, 5, 106, NULL},
	{178, 0, 5, 178, "CrashLoopBackOff"}, {273, 1, 6, 178, NULL},
	{292, 0, 6, 292, "CrashLoopBackOff"},
};

START_TEST(test_watch_liveness_trace)
{
	const simtime_t t0 = SEC(50);
	capture c;
	capture_open(&c);
	get_watch *gw = print_get_watch_new(c.f, false, false);
	watch_sink sink = print_get_watch_sink(gw);
	mk(1, 0, 300);
	snprintf(pod.name, sizeof(pod.name), "readiness-exec");
	pod.creation_timestamp = t0 - SEC(300);
	phase("Running");
	running(&ctr_st[0], true);
	sink.pod_event(sink.ctx, t0 - SEC(290), WATCH_MODIFIED, &pod, "");
	print_get_watch_begin(gw, t0);
	for (size_t i = 0; i < sizeof(liveness) / sizeof(liveness[0]); i++) {
		mk(1, 0, 0);
		snprintf(pod.name, sizeof(pod.name), "liveness-http");
		pod.creation_timestamp = t0;
		phase(liveness[i].waiting && liveness[i].restarts == 0 ? "Pending" : "Running");
		if (liveness[i].waiting)
			waiting(&ctr_st[0], liveness[i].waiting);
		else
			running(&ctr_st[0], liveness[i].ready);
		if (liveness[i].finished >= 0) {
			restarted(&ctr_st[0], liveness[i].restarts, 0);
			ctr_st[0].last_state.finished_at = t0 + SEC(liveness[i].finished);
		}
		sink.pod_event(sink.ctx, t0 + SEC(liveness[i].at), i ? WATCH_MODIFIED : WATCH_ADDED,
			       &pod, "");
	}
	print_get_watch_free(gw);
	char *got = capture_close(&c);
	ck_assert_str_eq(got,
			 "NAME             READY   STATUS    RESTARTS   AGE\n"
			 "readiness-exec   1/1     Running   0          5m\n"
			 "liveness-http    0/1     ContainerCreating   0          2s\n"
			 "liveness-http    1/1     Running             0          5s\n"
			 "liveness-http    1/1     Running             1 (4s ago)   26s\n"
			 "liveness-http    1/1     Running             2 (3s ago)   46s\n"
			 "liveness-http    1/1     Running             3 (3s ago)   67s\n"
			 "liveness-http    1/1     Running             4 (3s ago)   88s\n"
			 "liveness-http    0/1     CrashLoopBackOff    4 (0s ago)   106s\n"
			 "liveness-http    1/1     Running             5 (56s ago)   2m42s\n"
			 "liveness-http    0/1     CrashLoopBackOff    5 (0s ago)    2m58s\n"
			 "liveness-http    1/1     Running             6 (95s ago)   4m33s\n"
			 "liveness-http    0/1     CrashLoopBackOff    6 (0s ago)    4m52s\n");
	free(got);
}
END_TEST

static void send(watch_sink s, simtime_t now, watch_type t, const char *name, int64_t age_s,
		 const char *waiting_reason, const char *why)
{
	mk(1, 0, 0);
	snprintf(pod.name, sizeof(pod.name), "%s", name);
	pod.creation_timestamp = now - SEC(age_s);
	waiting(&ctr_st[0], waiting_reason);
	s.pod_event(s.ctx, now, t, &pod, why);
}

/* Changes before begin are absorbed: latest object per pod, deletions
 * forgotten, list sorted by name and aged at begin's instant; explanations
 * follow their rows. */
START_TEST(test_watch_begin_list_explain)
{
	capture c;
	capture_open(&c);
	get_watch *gw = print_get_watch_new(c.f, false, true);
	watch_sink s = print_get_watch_sink(gw);
	send(s, SEC(10), WATCH_ADDED, "web", 0, "ContainerCreating", "created");
	send(s, SEC(11), WATCH_ADDED, "gone", 0, "ContainerCreating", "created");
	send(s, SEC(12), WATCH_ADDED, "api", 0, "ContainerCreating", "created");
	send(s, SEC(13), WATCH_MODIFIED, "web", 3, "ErrImagePull", "pull failed");
	send(s, SEC(14), WATCH_DELETED, "gone", 3, "ContainerCreating", "deleted");
	fflush(c.f);
	ck_assert_uint_eq(c.len, 0);
	print_get_watch_begin(gw, SEC(20));
	send(s, SEC(21), WATCH_MODIFIED, "api", 9, "CrashLoopBackOff", "");
	send(s, SEC(22), WATCH_DELETED, "web", 12, "ErrImagePull", "deleted by user");
	print_get_watch_free(gw);
	char *got = capture_close(&c);
	ck_assert_str_eq(got,
			 "NAME   READY   STATUS              RESTARTS   AGE\n"
			 "api    0/1     ContainerCreating   0          8s\n"
			 "    # created\n"
			 "web    0/1     ErrImagePull        0          10s\n"
			 "    # pull failed\n"
			 "api    0/1     CrashLoopBackOff    0          9s\n"
			 "web    0/1     ErrImagePull        0          12s\n"
			 "    # deleted by user\n");
	free(got);
}
END_TEST

/* An empty list prints nothing; the header comes with the first row. */
START_TEST(test_watch_empty_then_wide)
{
	capture c;
	capture_open(&c);
	get_watch *gw = print_get_watch_new(c.f, true, false);
	watch_sink s = print_get_watch_sink(gw);
	send(s, SEC(1), WATCH_ADDED, "gone", 0, "ContainerCreating", "");
	send(s, SEC(2), WATCH_DELETED, "gone", 1, "ContainerCreating", "");
	print_get_watch_begin(gw, SEC(3));
	fflush(c.f);
	ck_assert_uint_eq(c.len, 0);
	send(s, SEC(4), WATCH_ADDED, "p", 0, "ContainerCreating", "why is not shown");
	send(s, SEC(5), WATCH_MODIFIED, "p", 1, "ContainerCreating", "");
	print_get_watch_free(gw);
	char *got = capture_close(&c);
	ck_assert_str_eq(got,
			 "NAME   READY   STATUS              RESTARTS   AGE   IP       NODE     "
			 "NOMINATED NODE   READINESS GATES\n"
			 "p      0/1     ContainerCreating   0          0s    <none>   <none>   "
			 "<none>           <none>\n"
			 "p      0/1     ContainerCreating   0          1s    <none>   <none>   "
			 "<none>           <none>\n");
	free(got);
}
END_TEST

Suite *print_get_suite(void)
{
	Suite *s = suite_create("print_get");
	TCase *tc = tcase_create("durations");
	tcase_add_loop_test(tc, test_duration_boundaries, 0, sizeof(boundary) / sizeof(boundary[0]));
	tcase_add_loop_test(tc, test_human_duration_upstream, 0, sizeof(human) / sizeof(human[0]));
	tcase_add_loop_test(tc, test_short_human_duration_upstream, 0, sizeof(shrt) / sizeof(shrt[0]));
	tcase_add_loop_test(tc, test_timestamp_since, 0, sizeof(since) / sizeof(since[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("tabwriter");
	tcase_add_loop_test(tc, test_tabwriter_vectors, 0, sizeof(tables) / sizeof(tables[0]));
	tcase_add_test(tc, test_tabwriter_blocks);
	tcase_add_test(tc, test_tabwriter_flush_string);
	suite_add_tcase(s, tc);

	tc = tcase_create("pod_row");
	tcase_add_loop_test(tc, test_pod_row, 0, sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_pod_row_wide);
	suite_add_tcase(s, tc);

	tc = tcase_create("watch");
	tcase_add_test(tc, test_watch_liveness_trace);
	tcase_add_test(tc, test_watch_begin_list_explain);
	tcase_add_test(tc, test_watch_empty_then_wide);
	suite_add_tcase(s, tc);
	return s;
}
