/* check_rng.c - durations, distribution specs and stream independence. */
#include <check.h>
#include <string.h>

#include "rng.h"

static const struct { const char *text; simtime_t want; } good_durations[] = {
	{"0", 0}, {"10s", SEC(10)}, {"500ms", MSEC(500)}, {"2m30s", SEC(150)},
	{"1h", SEC(3600)}, {"1.5s", MSEC(1500)}, {"300us", 300000}, {"7ns", 7},
	{"1h2m3.25s", SEC(3723) + MSEC(250)}, {"0.001s", MSEC(1)}, {"+5s", SEC(5)},
};

START_TEST(test_duration_parse_good)
{
	simtime_t got = -1;
	ck_assert_int_eq(duration_parse(good_durations[_i].text, &got), 0);
	ck_assert_int_eq(got, good_durations[_i].want);
}
END_TEST

static const char *bad_durations[] = {"", "10", "s", "-5s", "1.5", "3 s", "10x", "1..5s", "abc"};

START_TEST(test_duration_parse_bad)
{
	simtime_t got;
	ck_assert_int_eq(duration_parse(bad_durations[_i], &got), -1);
}
END_TEST

static const struct { simtime_t d; const char *want; } formats[] = {
	{0, "0s"}, {SEC(10), "10s"}, {MSEC(500), "500ms"}, {SEC(150), "2m30s"},
	{SEC(3600), "1h0m0s"}, {MSEC(1500), "1.5s"}, {2298827654, "2.298827654s"},
	{1500, "1.5\xc2\xb5s"}, {7, "7ns"},
};

START_TEST(test_duration_format)
{
	char buf[64];
	duration_format(formats[_i].d, buf, sizeof(buf));
	ck_assert_str_eq(buf, formats[_i].want);
}
END_TEST

START_TEST(test_dist_parse)
{
	dist_spec d;
	char err[128];
	ck_assert_int_eq(dist_parse("uniform(1s, 3s)", &d, err, sizeof(err)), 0);
	ck_assert_int_eq(d.kind, DIST_UNIFORM);
	ck_assert_int_eq(d.a, SEC(1));
	ck_assert_int_eq(d.b, SEC(3));
	ck_assert_int_eq(dist_parse("lognormal(2s,0.5)", &d, err, sizeof(err)), 0);
	ck_assert_int_eq(d.kind, DIST_LOGNORMAL);
	ck_assert(d.sigma == 0.5);
	ck_assert_int_eq(dist_parse("exponential(3s)", &d, err, sizeof(err)), 0);
	ck_assert_int_eq(d.kind, DIST_EXPONENTIAL);
	ck_assert_int_eq(dist_parse("250ms", &d, err, sizeof(err)), 0);
	ck_assert_int_eq(d.kind, DIST_CONST);
	ck_assert_int_eq(d.a, MSEC(250));
	ck_assert_int_eq(dist_parse("uniform(3s,1s)", &d, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "uniform(a,b) needs a <= b");
	ck_assert_int_eq(dist_parse("gamma(1s)", &d, err, sizeof(err)), -1);
	ck_assert_int_eq(dist_parse("uniform(1s)", &d, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "uniform takes 2 arguments");
	ck_assert_int_eq(dist_parse("lognormal(2s,x)", &d, err, sizeof(err)), -1);
}
END_TEST

START_TEST(test_dist_sample_bounds)
{
	rng_stream *s = rng_stream_new(1, "test");
	dist_spec u = {.kind = DIST_UNIFORM, .a = SEC(1), .b = SEC(3)};
	dist_spec n = {.kind = DIST_NORMAL, .a = SEC(1), .b = SEC(5)};
	for (int i = 0; i < 1000; i++) {
		simtime_t v = dist_sample(&u, s);
		ck_assert(v >= SEC(1) && v < SEC(3));
		ck_assert(dist_sample(&n, s) >= 0);
	}
	dist_spec c = {.kind = DIST_CONST, .a = MSEC(7)};
	ck_assert_int_eq(dist_sample(&c, s), MSEC(7));
	rng_stream_free(s);
}
END_TEST

START_TEST(test_streams_independent_and_reproducible)
{
	rng_stream *a1 = rng_stream_new(42, "pod/default/a");
	rng_stream *a2 = rng_stream_new(42, "pod/default/a");
	rng_stream *b = rng_stream_new(42, "pod/default/b");
	rng_stream *a3 = rng_stream_new(43, "pod/default/a");
	double x1 = rng_uniform(a1), x2 = rng_uniform(a2), y = rng_uniform(b), z = rng_uniform(a3);
	ck_assert(x1 == x2);
	ck_assert(x1 != y);
	ck_assert(x1 != z);
	rng_stream_free(a1);
	rng_stream_free(a2);
	rng_stream_free(b);
	rng_stream_free(a3);
}
END_TEST

START_TEST(test_jitter_range)
{
	rng_stream *s = rng_stream_new(5, "jitter");
	for (int i = 0; i < 1000; i++) {
		simtime_t v = rng_jitter(s, SEC(10), 0.5);
		ck_assert(v >= SEC(10) && v < SEC(15));
	}
	rng_stream_free(s);
}
END_TEST

Suite *rng_suite(void)
{
	Suite *s = suite_create("rng");
	TCase *tc = tcase_create("core");
	tcase_add_loop_test(tc, test_duration_parse_good, 0,
			    sizeof(good_durations) / sizeof(good_durations[0]));
	tcase_add_loop_test(tc, test_duration_parse_bad, 0,
			    sizeof(bad_durations) / sizeof(bad_durations[0]));
	tcase_add_loop_test(tc, test_duration_format, 0, sizeof(formats) / sizeof(formats[0]));
	tcase_add_test(tc, test_dist_parse);
	tcase_add_test(tc, test_dist_sample_bounds);
	tcase_add_test(tc, test_streams_independent_and_reproducible);
	tcase_add_test(tc, test_jitter_range);
	suite_add_tcase(s, tc);
	return s;
}
