/* check_admission.c - what the API server's admission plugins add to a pod
 * (kubernetes plugin/pkg/admission/defaulttolerationseconds/admission.go,
 * serviceaccount/admission.go, priority/admission.go). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "admission.h"

static pod_spec pod_with(toleration_spec *t, int n)
{
	return (pod_spec){.name = "p", .tolerations = t, .n_tolerations = n};
}

/* defaulttolerationseconds: both defaults appended after the user's. */
START_TEST(test_default_tolerations_appended)
{
	toleration_spec user = {.key = "dedicated", .operator = "Equal", .value = "web",
				.effect = "NoSchedule", .seconds = -1};
	pod_spec p = pod_with(&user, 1);
	int n;
	toleration_spec *t = admission_tolerations(&p, &n);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(t[0].key, "dedicated");
	ck_assert_str_eq(t[1].key, "node.kubernetes.io/not-ready");
	ck_assert_str_eq(t[1].operator, "Exists");
	ck_assert_str_eq(t[1].effect, "NoExecute");
	ck_assert_int_eq(t[1].seconds, 300);
	ck_assert_str_eq(t[2].key, "node.kubernetes.io/unreachable");
	free(t);
}
END_TEST

/* defaulttolerationseconds: a toleration with the key (or no key) and the
 * effect NoExecute (or no effect) already tolerates the taint. */
START_TEST(test_user_toleration_covers_default)
{
	toleration_spec no_effect = {.key = "node.kubernetes.io/not-ready", .operator = "Exists",
				     .seconds = 60};
	pod_spec p = pod_with(&no_effect, 1);
	int n;
	toleration_spec *t = admission_tolerations(&p, &n);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(t[1].key, "node.kubernetes.io/unreachable");
	free(t);

	toleration_spec everything = {.operator = "Exists", .seconds = -1};
	p = pod_with(&everything, 1);
	t = admission_tolerations(&p, &n);
	ck_assert_int_eq(n, 1);
	free(t);

	toleration_spec other_effect = {.key = "node.kubernetes.io/unreachable",
					.operator = "Exists", .effect = "NoSchedule",
					.seconds = -1};
	p = pod_with(&other_effect, 1);
	t = admission_tolerations(&p, &n);
	ck_assert_int_eq(n, 3);
	free(t);
}
END_TEST

/* serviceaccount: generateName "kube-api-access-" plus 5 characters of
 * utilrand's alphabet; the same UID always gives the same name. */
START_TEST(test_token_volume_name)
{
	char a[ADMISSION_TOKEN_VOLUME_LEN], b[ADMISSION_TOKEN_VOLUME_LEN];
	admission_token_volume_name("9d2ba508-24d6-44bb-a630-e3b9ca2ae75e", a, sizeof(a));
	admission_token_volume_name("9d2ba508-24d6-44bb-a630-e3b9ca2ae75e", b, sizeof(b));
	ck_assert_str_eq(a, b);
	ck_assert_uint_eq(strlen(a), strlen("kube-api-access-") + 5);
	ck_assert(strncmp(a, "kube-api-access-", 16) == 0);
	for (const char *c = a + 16; *c; c++)
		ck_assert_ptr_nonnull(strchr("bcdfghjklmnpqrstvwxz2456789", *c));
	admission_token_volume_name("another-uid", b, sizeof(b));
	ck_assert_str_ne(a, b);
}
END_TEST

/* serviceaccount: no second mount where the container already mounts
 * something at /var/run/secrets/kubernetes.io/serviceaccount. */
START_TEST(test_token_mount_skipped_when_path_taken)
{
	volume_mount_spec m = {.name = "own", .mount_path = ADMISSION_TOKEN_MOUNT_PATH};
	container_spec c = {.name = "c"};
	ck_assert(admission_mounts_token(&c));
	c.volume_mounts = &m;
	c.n_volume_mounts = 1;
	ck_assert(!admission_mounts_token(&c));
}
END_TEST

/* priority: SystemCriticalPriority for the two system classes, 0 without. */
START_TEST(test_priority)
{
	pod_spec p = {.name = "p"};
	ck_assert_int_eq(admission_priority(&p), 0);
	p.priority_class_name = "system-cluster-critical";
	ck_assert_int_eq(admission_priority(&p), 2000000000);
	p.priority_class_name = "system-node-critical";
	ck_assert_int_eq(admission_priority(&p), 2000001000);
}
END_TEST

Suite *admission_suite(void)
{
	Suite *s = suite_create("admission");
	TCase *tc = tcase_create("admission");
	tcase_add_test(tc, test_default_tolerations_appended);
	tcase_add_test(tc, test_user_toleration_covers_default);
	tcase_add_test(tc, test_token_volume_name);
	tcase_add_test(tc, test_token_mount_skipped_when_path_taken);
	tcase_add_test(tc, test_priority);
	suite_add_tcase(s, tc);
	return s;
}
