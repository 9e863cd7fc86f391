/* check_sweep_shard.c - a sweep in shards merges into exactly the unsharded
 * sweep's CSVs, and merge refuses what is not one whole sweep
 * (sweep_shard.c, issue 13 item 6; shard K of N as a Kubernetes Indexed
 * Job's JOB_COMPLETION_INDEX, pkg/controller/job/indexed_job_utils.go). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sweep.h"
#include "sweep_shard.h"

#define LIVENESS "scenarios/liveness-http.yaml"
#define PERIOD "spec.containers[0].livenessProbe.periodSeconds=3,6"
#define GRACE "spec.terminationGracePeriodSeconds=0,30"

typedef struct out {
	int rc;
	char *text;
} out;

static char *tmpname(void)
{
	char *name = strdup("/tmp/podsim-shard-XXXXXX");
	int fd = mkstemp(name);
	ck_assert(fd >= 0);
	close(fd);
	return name;
}

/* fn(argc, argv, out) with out captured. */
static out capture(int (*fn)(int, char **, FILE *), int argc, char **argv)
{
	out o;
	size_t len;
	FILE *f = open_memstream(&o.text, &len);
	o.rc = fn(argc, argv, f);
	fclose(f);
	return o;
}

/* podsim sweep over a 4-point grid x seeds 3..9 with extra options. */
static out sweep_(const char *j, const char *shard, const char *runs)
{
	char *argv[16] = { "--set", PERIOD, "--set", GRACE, "--seeds", "3..9", "--duration", "2m",
			   "-j", (char *)j };
	int argc = 10;
	if (shard)
		argv[argc++] = "--shard", argv[argc++] = (char *)shard;
	if (runs)
		argv[argc++] = "--runs", argv[argc++] = (char *)runs;
	argv[argc++] = LIVENESS;
	return capture(sweep_run, argc, argv);
}

static out merge_(char **files, int n, const char *runs)
{
	char *argv[64];
	int argc = 0;
	ck_assert(n <= 60);
	if (runs)
		argv[argc++] = "--runs", argv[argc++] = (char *)runs;
	for (int i = 0; i < n; i++)
		argv[argc++] = files[i];
	return capture(sweep_shard_merge_main, argc, argv);
}

/* Write shard k of n (threads j) to a new temporary file; its name. */
static char *shard_file(int k, int n, const char *j)
{
	char spec[16], *name = tmpname();
	snprintf(spec, sizeof(spec), "%d/%d", k, n);
	out o = sweep_(j, spec, NULL);
	ck_assert_int_eq(o.rc, 0);
	FILE *f = fopen(name, "w");
	fputs(o.text, f);
	fclose(f);
	free(o.text);
	return name;
}

/* 28 runs in 4 shards of 7, merged in another order, with -j 1 and -j 2
 * per shard: the summary and the per-run rows of the unsharded sweep. */
START_TEST(test_four_shards_merge_to_one)
{
	char *runs1 = tmpname(), *runs4 = tmpname();
	out whole = sweep_("1", NULL, runs1);
	ck_assert_int_eq(whole.rc, 0);
	char *files[4];
	for (int k = 0; k < 4; k++)
		files[3 - k] = shard_file(k, 4, k % 2 ? "2" : "1");
	out merged = merge_(files, 4, runs4);
	ck_assert_int_eq(merged.rc, 0);
	ck_assert_str_eq(merged.text, whole.text);
	char *a = harness_read_file(runs1), *b = harness_read_file(runs4);
	ck_assert_str_eq(a, b);
	/* one shard of one is the whole sweep too */
	char *one = shard_file(0, 1, "2");
	out single = merge_(&one, 1, NULL);
	ck_assert_str_eq(single.text, whole.text);
	for (int k = 0; k < 4; k++)
		unlink(files[k]), free(files[k]);
	unlink(one), unlink(runs1), unlink(runs4);
	free(one), free(runs1), free(runs4), free(a), free(b);
	free(whole.text), free(merged.text), free(single.text);
}
END_TEST

/* More shards than runs: the empty ones still count. */
START_TEST(test_empty_shards)
{
	out whole = sweep_("1", NULL, NULL);
	char *files[40];
	for (int k = 0; k < 40; k++)
		files[k] = shard_file(k, 40, "1");
	out merged = merge_(files, 40, NULL);
	ck_assert_int_eq(merged.rc, 0);
	ck_assert_str_eq(merged.text, whole.text);
	for (int k = 0; k < 40; k++)
		unlink(files[k]), free(files[k]);
	free(whole.text), free(merged.text);
}
END_TEST

/* Edit line `line` (1-based) of file to text, or cut the file there (NULL). */
static void edit_line(const char *file, int line, const char *text)
{
	char *all = harness_read_file(file), *p = all;
	for (int i = 1; i < line; i++)
		p = strchr(p, '\n') + 1;
	FILE *f = fopen(file, "w");
	fwrite(all, 1, (size_t)(p - all), f);
	if (text)
		fprintf(f, "%s\n%s", text, strchr(p, '\n') + 1);
	fclose(f);
	free(all);
}

START_TEST(test_merge_refuses)
{
	static const struct { int line; const char *text; const char *err; } cases[] = {
		{ 0, NULL, ":2:1: shard: shard 0/2 is also in /tmp/" },
		{ 5, "seeds 3..10", ":5:1: seeds: \"seeds 3..10\" is not \"seeds 3..9\"" },
		{ 4, "duration 3m", ":4:1: duration: " },
		{ 3, "input 0000000000000000", ":3:1: input: " },
		{ 2, "shard 1/3", ":2:1: shard: 3 shards, but " },
		{ 12, NULL, ":11:1: runs: file ends before its last run" },
		{ 11, "15 0 0x1p+0", ":11:1: runs: not the next run and pod" },
		{ 1, "x", ":1:1: shard: not a podsim sweep shard" },
		{ -1, NULL, "podsim: merge: shard 1/2 is missing (1 file given)" },
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		char *files[2] = { shard_file(0, 2, "1"), shard_file(1, 2, "1") };
		if (cases[c].line > 0)
			edit_line(files[1], cases[c].line, cases[c].text);
		else if (cases[c].line == 0)
			edit_line(files[1], 2, "shard 0/2");
		char errname[] = "/tmp/podsim-shard-err-XXXXXX";
		int fd = mkstemp(errname), saved = dup(2);
		dup2(fd, 2);
		out o = merge_(files, cases[c].line < 0 ? 1 : 2, NULL);
		fflush(stderr);
		dup2(saved, 2);
		close(saved), close(fd);
		char *err = harness_read_file(errname);
		ck_assert_int_eq(o.rc, 2);
		ck_assert_msg(strstr(err, cases[c].err) && !strchr(err, '\n')[1],
			      "case %zu: %s", c, err);
		ck_assert_str_eq(o.text, "");
		unlink(errname), unlink(files[0]), unlink(files[1]);
		free(files[0]), free(files[1]), free(err), free(o.text);
	}
}
END_TEST

START_TEST(test_shard_spec)
{
	int k, n;
	ck_assert(sweep_shard_parse("0/1", &k, &n) == 0 && k == 0 && n == 1);
	ck_assert(sweep_shard_parse("3/4", &k, &n) == 0 && k == 3 && n == 4);
	const char *bad[] = { "4/4", "-1/4", "1/0", "1", "1/", "/4", "1/4x", " 1/4", "1/-4", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(sweep_shard_parse(bad[i], &k, &n) == -1, "%s", bad[i]);
	ck_assert_int_eq(sweep_shard_first_run(10, 0, 3), 0);
	ck_assert_int_eq(sweep_shard_first_run(10, 1, 3), 3);
	ck_assert_int_eq(sweep_shard_first_run(10, 3, 3), 10);
}
END_TEST

Suite *sweep_shard_suite(void)
{
	Suite *s = suite_create("sweep_shard");
	TCase *tc = tcase_create("sweep_shard");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_shard_spec);
	tcase_add_test(tc, test_four_shards_merge_to_one);
	tcase_add_test(tc, test_empty_shards);
	tcase_add_test(tc, test_merge_refuses);
	suite_add_tcase(s, tc);
	return s;
}
