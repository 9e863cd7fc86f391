/* check_readiness_gates.c - pod readiness gates: the Ready condition as
 * pkg/kubelet/status/generate.go GeneratePodReadyCondition derives it
 * (its generate_test.go TestGeneratePodReadyCondition cases "gate1 does not
 * exist" / "is not True, but False"), and printPod's READINESS GATES cell
 * (pkg/printers/internalversion/printers.go). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "readiness_gates.h"

static char *gates[] = {"gate1", "gate2"};

static api_pod_status ready_status(bool containers_ready)
{
	api_pod_status s;
	memset(&s, 0, sizeof(s));
	s.n_conditions = 2;
	s.conditions[0].type = COND_READY;
	s.conditions[1].type = COND_CONTAINERS_READY;
	s.conditions[0].status = s.conditions[1].status = containers_ready;
	return s;
}

START_TEST(test_gate_missing)
{
	pod_spec spec = {.readiness_gates = gates, .n_readiness_gates = 1};
	api_pod_status seen = ready_status(true), s = ready_status(true);
	readiness_gates_apply(&spec, &seen, &s);
	ck_assert_int_eq(s.conditions[0].status, 0);
	ck_assert_str_eq(s.conditions[0].reason, "ReadinessGatesNotReady");
	ck_assert_str_eq(s.conditions[0].message,
			 "corresponding condition of pod readiness gate \"gate1\" does not exist.");
	ck_assert_int_eq(s.conditions[1].status, 1); /* ContainersReady untouched */
}
END_TEST

START_TEST(test_gates_joined)
{
	pod_spec spec = {.readiness_gates = gates, .n_readiness_gates = 2};
	api_pod_status seen = ready_status(true), s = ready_status(true);
	ck_assert(api_pod_set_extra_condition(&seen, "gate1", 0));
	readiness_gates_apply(&spec, &seen, &s);
	ck_assert_str_eq(s.conditions[0].message,
			 "the status of pod readiness gate \"gate1\" is not \"True\", but False, "
			 "corresponding condition of pod readiness gate \"gate2\" does not exist.");
}
END_TEST

START_TEST(test_gates_true)
{
	pod_spec spec = {.readiness_gates = gates, .n_readiness_gates = 2};
	api_pod_status seen = ready_status(true), s = ready_status(true);
	ck_assert(api_pod_set_extra_condition(&seen, "gate1", 1));
	ck_assert(api_pod_set_extra_condition(&seen, "gate2", 1));
	readiness_gates_apply(&spec, &seen, &s);
	ck_assert_int_eq(s.conditions[0].status, 1);
	ck_assert_str_eq(s.conditions[0].reason, "");
}
END_TEST

/* Containers not ready: Ready keeps ContainersReady's reason, gates unread. */
START_TEST(test_containers_not_ready_wins)
{
	pod_spec spec = {.readiness_gates = gates, .n_readiness_gates = 1};
	api_pod_status seen = ready_status(false), s = ready_status(false);
	snprintf(s.conditions[0].reason, sizeof(s.conditions[0].reason), "ContainersNotReady");
	readiness_gates_apply(&spec, &seen, &s);
	ck_assert_str_eq(s.conditions[0].reason, "ContainersNotReady");
}
END_TEST

START_TEST(test_cell)
{
	char buf[16];
	pod_spec none = {0}, spec = {.readiness_gates = gates, .n_readiness_gates = 2};
	api_pod_status s = ready_status(true);
	readiness_gates_cell(&none, &s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "<none>");
	readiness_gates_cell(&spec, &s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0/2");
	ck_assert(api_pod_set_extra_condition(&s, "gate2", 1));
	ck_assert(api_pod_set_extra_condition(&s, "gate1", -1));
	readiness_gates_cell(&spec, &s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1/2");
}
END_TEST

/* A status patch appends a new condition type after the kubelet's, and
 * updates an existing one in place (strategic merge by "type"); the
 * kubelet's patch lists them first (mergePodStatus). */
START_TEST(test_extra_condition_order)
{
	api_pod_status s = ready_status(true), k = ready_status(true);
	ck_assert(api_pod_set_extra_condition(&s, "gate1", 0));
	ck_assert(s.extra[0].after_kubelet);
	api_pod_status_keep_extra(&k, &s);
	ck_assert_int_eq(k.n_extra, 1);
	ck_assert(!k.extra[0].after_kubelet);
	ck_assert(api_pod_set_extra_condition(&k, "gate1", 1));
	ck_assert(!k.extra[0].after_kubelet);
	ck_assert_int_eq(api_pod_condition_status(&k, "gate1"), 1);
	ck_assert_int_eq(api_pod_condition_status(&k, "Ready"), 1);
	ck_assert_int_eq(api_pod_condition_status(&k, "gate2"), -2);
}
END_TEST

Suite *readiness_gates_suite(void)
{
	Suite *s = suite_create("readiness_gates");
	TCase *tc = tcase_create("readiness_gates");
	tcase_add_test(tc, test_gate_missing);
	tcase_add_test(tc, test_gates_joined);
	tcase_add_test(tc, test_gates_true);
	tcase_add_test(tc, test_containers_not_ready_wins);
	tcase_add_test(tc, test_cell);
	tcase_add_test(tc, test_extra_condition_order);
	suite_add_tcase(s, tc);
	return s;
}
