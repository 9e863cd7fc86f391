/* check_rng.c - durations, distribution specs and stream independence. */
#include <check.h>
#include <string.h>

#include "rng.h"

static const struct { const char *text; simtime_t want; } good_durations[] = {
	{"0", 0}, {"10s", SEC(10)}, {"500ms", MSEC(500)}, {"2m30s", SEC(150)},
	{"1h", SEC(3600)}, {"1.5s", MSEC(1500)}, {"300us", 300000}, {"7ns", 7},
	{"1h2m3.25s", SEC(3723) + MSEC(250)}, {"0.001s", MSEC(1)}, {"+5s", SEC(5)},
	{"876000h", SIM_TIME_LIMIT}, {"875999h59m59.999999999s", SIM_TIME_LIMIT - 1},
};

START_TEST(test_duration_parse_good)
{
	simtime_t got = -1;
	ck_assert_int_eq(duration_parse(good_durations[_i].text, &got), 0);
	ck_assert_int_eq(got, good_durations[_i].want);
}
END_TEST

static const char *bad_durations[] = {"", "10", "s", "-5s", "1.5", "3 s", "10x", "1..5s", "abc",
				      /* a number too long for int64 is still bad syntax first */
				      "99999999999999999999999x"};

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

/* Issue 8 items 4-5: past SIM_TIME_LIMIT (100 years) is refused, never
 * wrapped: Go's time.ParseDuration would take the first two (~292 years),
 * and the fraction of the third used to overflow int64 (R6). */
static const char *long_durations[] = {
	"876000h1ns", "2562047h47m16s", "9223372036.9s", "9223372036854775807ns",
	"99999999999999999999999s", "876000h876000h", "1s876000h",
};

START_TEST(test_duration_parse_too_long)
{
	simtime_t got = -7;
	ck_assert_int_eq(duration_parse(long_durations[_i], &got), DURATION_TOO_LONG);
	ck_assert_int_eq(got, -7);
}
END_TEST

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

/* Issue 8 item 4 (R4): parameters whose draws overflow are refused. */
static const struct { const char *text, *want; } bad_dists[] = {
	{"lognormal(30s,1000)", "bad shape \"1000\" (a number from 0 to 10)"},
	{"lognormal(30s,inf)", "bad shape \"inf\" (a number from 0 to 10)"},
	{"lognormal(30s,nan)", "bad shape \"nan\" (a number from 0 to 10)"},
	{"lognormal(30s,1e400)", "bad shape \"1e400\" (a number from 0 to 10)"},
	{"lognormal(30s,)", "bad shape \"\" (a number from 0 to 10)"},
	{"exponential(2562047h)",
	 "duration \"2562047h\" is longer than podsim's limit of 876000h (100 years)"},
	{"normal(1s,9999999h)",
	 "duration \"9999999h\" is longer than podsim's limit of 876000h (100 years)"},
	{"876001h", "duration \"876001h\" is longer than podsim's limit of 876000h (100 years)"},
};

START_TEST(test_dist_parse_overflow)
{
	dist_spec d;
	char err[128];
	ck_assert_int_eq(dist_parse(bad_dists[_i].text, &d, err, sizeof(err)), -1);
	ck_assert_str_eq(err, bad_dists[_i].want);
}
END_TEST

/* Draws past the limit are clamped to it, so a caller adding one to the
 * clock cannot overflow; the widest accepted shape reaches the limit. */
START_TEST(test_dist_sample_clamped)
{
	rng_stream *s = rng_stream_new(1, "clamp");
	dist_spec wide = {.kind = DIST_LOGNORMAL, .a = SIM_TIME_LIMIT, .sigma = DIST_SIGMA_MAX};
	dist_spec exp = {.kind = DIST_EXPONENTIAL, .a = SIM_TIME_LIMIT};
	int at_limit = 0;
	for (int i = 0; i < 1000; i++) {
		simtime_t v = dist_sample(&wide, s), w = dist_sample(&exp, s);
		ck_assert(v >= 0 && v <= SIM_TIME_LIMIT && w >= 0 && w <= SIM_TIME_LIMIT);
		at_limit += v == SIM_TIME_LIMIT;
	}
	ck_assert_int_gt(at_limit, 300);
	rng_stream_free(s);
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
	tcase_add_loop_test(tc, test_duration_parse_too_long, 0,
			    sizeof(long_durations) / sizeof(long_durations[0]));
	tcase_add_loop_test(tc, test_duration_format, 0, sizeof(formats) / sizeof(formats[0]));
	tcase_add_test(tc, test_dist_parse);
	tcase_add_loop_test(tc, test_dist_parse_overflow, 0, sizeof(bad_dists) / sizeof(bad_dists[0]));
	tcase_add_test(tc, test_dist_sample_bounds);
	tcase_add_test(tc, test_dist_sample_clamped);
	tcase_add_test(tc, test_streams_independent_and_reproducible);
	tcase_add_test(tc, test_jitter_range);
	suite_add_tcase(s, tc);
	return s;
}
