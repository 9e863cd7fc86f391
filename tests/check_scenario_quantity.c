/* check_scenario_quantity.c - resource quantities and requirements as the API server checks them.
 *
 * The table of strings follows apimachinery's resource.ParseQuantity
 * (pkg/api/resource/quantity.go, parseQuantityString and
 * quantitySuffixer.interpret; cases from its quantity_test.go where they
 * exist): which strings decode, which fail ErrFormatWrong, which ErrSuffix,
 * and the exact value in nano-units, rounded up to Nano as ParseQuantity
 * rounds.  The loader tests then check ValidateContainerResourceRequirements
 * (pkg/apis/core/validation): a standard resource name, no negative value,
 * a request no larger than its limit (equal for resources that may not be
 * overcommitted), each worded as field.Error and located at file:line:col.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "scenario.h"
#include "scenario_yaml.h"

HARNESS_LOADER_FIXTURE

#define FORMAT "quantities must match the regular expression " \
	       "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
#define SUFFIX "unable to parse quantity's suffix"

static const struct {
	const char *text;
	const char *err;     /* NULL: parses */
	long long nano;      /* the magnitude in 1e-9 units, when it parses */
	bool negative;
} quantities[] = {
	{"0", NULL, 0, false},
	{"1", NULL, 1000000000LL, false},
	{"500m", NULL, 500000000LL, false},
	{"0.5", NULL, 500000000LL, false},
	{".5", NULL, 500000000LL, false},
	{"1.", NULL, 1000000000LL, false},
	{"1.G", NULL, 1000000000LL * 1000000000LL, false},
	{"+1k", NULL, 1000000000000LL, false},
	{"-250m", NULL, 250000000LL, true},
	{"128Mi", NULL, 128LL * 1048576LL * 1000000000LL, false},
	{"1Ki", NULL, 1024000000000LL, false},
	{"1e3", NULL, 1000000000000LL, false},
	{"1E3", NULL, 1000000000000LL, false},
	{"1e-3", NULL, 1000000LL, false},
	{"1E", NULL, 0, false}, /* exa: 10^27 nano, checked apart (beyond long long) */
	{"5n", NULL, 5, false},
	{"1.5n", NULL, 2, false}, /* rounded up to Nano */
	{"100u", NULL, 100000, false},
	{"007", NULL, 7000000000LL, false},
	{"", FORMAT, 0, false},
	{"abc", FORMAT, 0, false},
	{"1Gb", FORMAT, 0, false},
	{"1 Gi", FORMAT, 0, false},
	{"1.2.3", FORMAT, 0, false},
	{"1e3.5", FORMAT, 0, false},
	{"1mi", SUFFIX, 0, false},
	{"1e", SUFFIX, 0, false},
	{"5i", SUFFIX, 0, false},
	{"1KiB", FORMAT, 0, false},
	{"1kk", SUFFIX, 0, false},
};

START_TEST(test_parse_quantity)
{
	scenario_quantity q;
	const char *err = scenario_quantity_parse(quantities[_i].text, &q);
	if (quantities[_i].err) {
		ck_assert_ptr_nonnull(err);
		ck_assert_str_eq(err, quantities[_i].err);
		return;
	}
	ck_assert_msg(!err, "%s: %s", quantities[_i].text, err);
	ck_assert_int_eq(q.negative, quantities[_i].negative);
	if (strcmp(quantities[_i].text, "1E") == 0) /* 10^27 nano: beyond long long */
		ck_assert(q.nano == (unsigned __int128)1000000000 * 1000000000 * 1000000000);
	else
		ck_assert_msg(q.nano == (unsigned __int128)quantities[_i].nano, "%s",
			      quantities[_i].text);
}
END_TEST

/* 100m and 0.1 are one quantity; order follows the value, not the text. */
START_TEST(test_compare)
{
	scenario_quantity a, b;
	ck_assert_ptr_null(scenario_quantity_parse("100m", &a));
	ck_assert_ptr_null(scenario_quantity_parse("0.1", &b));
	ck_assert_int_eq(scenario_quantity_cmp(&a, &b), 0);
	ck_assert_ptr_null(scenario_quantity_parse("1Gi", &a));
	ck_assert_ptr_null(scenario_quantity_parse("1G", &b));
	ck_assert_int_gt(scenario_quantity_cmp(&a, &b), 0);
	ck_assert_ptr_null(scenario_quantity_parse("-1", &a));
	ck_assert_ptr_null(scenario_quantity_parse("-2", &b));
	ck_assert_int_gt(scenario_quantity_cmp(&a, &b), 0);
}
END_TEST

#define RES POD_HEAD "    resources:\n"

static const struct {
	const char *yaml;
	const char *want; /* NULL: loads */
} requirements[] = {
	{RES "      limits: {cpu: 500m, memory: 128Mi}\n      requests: {cpu: \"0.5\", memory: 64Mi}\n",
	 NULL},
	{RES "      limits: {cpu: 1cpu}\n",
	 "t.yaml:10:21: spec.containers[0].resources.limits[cpu]: " FORMAT},
	{RES "      limits: {cpu: 1}\n      requests: {memory: 1mi}\n",
	 "t.yaml:11:26: spec.containers[0].resources.requests[memory]: " SUFFIX},
	/* the decoder runs first: a bad quantity in requests before a bad name in limits */
	{RES "      limits: {cpus: 1}\n      requests: {cpu: x}\n",
	 "t.yaml:11:23: spec.containers[0].resources.requests[cpu]: " FORMAT},
	{RES "      limits: {cpus: 1}\n",
	 "t.yaml:10:16: spec.containers[0].resources.limits[cpus]: Invalid value: \"cpus\": must "
	 "be a standard resource for containers"},
	{RES "      requests: {memory: -64Mi}\n",
	 "t.yaml:10:26: spec.containers[0].resources.requests[memory]: Invalid value: \"-64Mi\": "
	 "must be greater than or equal to 0"},
	{RES "      limits: {cpu: 500m}\n      requests: {cpu: \"1\"}\n",
	 "t.yaml:11:23: spec.containers[0].resources.requests: Invalid value: \"1\": must be less "
	 "than or equal to cpu limit of 500m"},
	{RES "      limits: {example.com/gpu: 2}\n      requests: {example.com/gpu: 1}\n",
	 "t.yaml:11:35: spec.containers[0].resources.requests: Invalid value: \"1\": must be equal "
	 "to example.com/gpu limit of 2"},
	{RES "      limits: {hugepages-2Mi: 4Mi, memory: 1Gi}\n      requests: {hugepages-2Mi: 4Mi}\n",
	 NULL},
};

START_TEST(test_requirements)
{
	int rc = load(requirements[_i].yaml);
	if (!requirements[_i].want) {
		ck_assert_msg(rc == 0, "%s", err);
		return;
	}
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err, requirements[_i].want);
}
END_TEST

Suite *scenario_quantity_suite(void)
{
	Suite *s = suite_create("scenario_quantity");
	TCase *tc = tcase_create("quantity");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_parse_quantity, 0, sizeof(quantities) / sizeof(quantities[0]));
	tcase_add_test(tc, test_compare);
	tcase_add_loop_test(tc, test_requirements, 0, sizeof(requirements) / sizeof(requirements[0]));
	suite_add_tcase(s, tc);
	return s;
}
