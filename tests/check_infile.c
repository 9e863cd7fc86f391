/* check_infile.c - reading whole input files: contents and length, the
 * size cap on regular files and on streams, directories and missing files
 * (issue 8.7: `podsim run /dev/zero` read 2 GB and aborted; 8.11: a
 * directory gave the wrong errno). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "infile.h"

static char path[] = "/tmp/podsim-infile-XXXXXX";

static void setup(void)
{
	strcpy(path, "/tmp/podsim-infile-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "abc\0def\n", 8), 8);
	close(fd);
}

static void teardown(void)
{
	unlink(path);
}

/* The bytes as they are, NUL included, plus a terminating NUL. */
START_TEST(test_read)
{
	char *buf, err[256];
	size_t len;
	ck_assert_int_eq(infile_read(path, INFILE_MAX_BYTES, &buf, &len, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, 8);
	ck_assert_mem_eq(buf, "abc\0def\n", 9);
	free(buf);
}
END_TEST

/* Exactly max bytes fit; one more does not, whether the size is known
 * up front (a regular file) or only by reading (a character device). */
static const struct {
	const char *file; /* NULL: the 8-byte temporary file */
	size_t max;
	int rc;
} caps[] = {
	{ NULL, 8, 0 },
	{ NULL, 7, -1 },
	{ "/dev/zero", 100000, -1 },
	{ "/dev/null", 0, 0 },
};

START_TEST(test_cap)
{
	const char *file = caps[_i].file ? caps[_i].file : path;
	char *buf = (char *)1, err[256];
	size_t len;
	ck_assert_int_eq(infile_read(file, caps[_i].max, &buf, &len, err, sizeof(err)), caps[_i].rc);
	if (caps[_i].rc == 0) {
		ck_assert_uint_eq(len, caps[_i].max);
		ck_assert_int_eq(buf[len], '\0');
		free(buf);
		return;
	}
	ck_assert_ptr_null(buf);
	char want[512];
	snprintf(want, sizeof(want), "%s: cannot read: larger than the input size limit (%zu bytes)",
		 file, caps[_i].max);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_cap_message)
{
	char *buf, err[256];
	size_t len;
	ck_assert_int_eq(infile_read("/dev/zero", INFILE_MAX_BYTES, &buf, &len, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/dev/zero: cannot read: larger than the input size limit (64 MiB)");
}
END_TEST

static const struct {
	const char *file, *err;
} refused[] = {
	{ "tests", "tests: cannot read: Is a directory" },
	{ "/nonexistent/x.yaml", "/nonexistent/x.yaml: cannot open: No such file or directory" },
};

START_TEST(test_refused)
{
	char *buf = (char *)1, err[256];
	size_t len = 1;
	ck_assert_int_eq(infile_read(refused[_i].file, INFILE_MAX_BYTES, &buf, &len, err,
				     sizeof(err)), -1);
	ck_assert_ptr_null(buf);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(err, refused[_i].err);
}
END_TEST

Suite *infile_suite(void)
{
	Suite *s = suite_create("infile");
	TCase *tc = tcase_create("read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_read);
	tcase_add_loop_test(tc, test_cap, 0, sizeof(caps) / sizeof(caps[0]));
	tcase_add_test(tc, test_cap_message);
	tcase_add_loop_test(tc, test_refused, 0, sizeof(refused) / sizeof(refused[0]));
	suite_add_tcase(s, tc);
	return s;
}
