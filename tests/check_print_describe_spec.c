/* check_print_describe_spec.c - describe's spec sections as kubectl
 * pkg/describe/describe.go prints them: printAnnotationsMultiline (sorted,
 * last-applied-configuration skipped, long or multi-line values on their own
 * shortened lines), printTolerationsMultilineWithIndent (key=value:effect,
 * " op=Exists" / bare "op=Exists", " for Ns", sorted by key),
 * describeContainerEnvVars (EnvValueRetriever resolves only metadata.name
 * and metadata.namespace; ExtractContainerResourceValue ceil(value /
 * divisor)) and describeContainerVolumes (sorted by mountPath, ro/rw,
 * path="subPath"). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print_describe_spec.h"

static char *text;
static size_t len;
static FILE *f;
static tabwriter *tw;

static void open_tw(void)
{
	text = NULL;
	f = open_memstream(&text, &len);
	tw = tabwriter_new(f, 0, 8, 2, false);
}

/* Flush and return the text (caller frees). */
static char *close_tw(void)
{
	tabwriter_flush(tw);
	tabwriter_free(tw);
	fclose(f);
	return text;
}

START_TEST(test_annotations)
{
	char long_value[200];
	memset(long_value, 'v', sizeof(long_value) - 1);
	long_value[sizeof(long_value) - 1] = '\0';
	kv a[] = {{"zeta", "last"},
		  {"kubectl.kubernetes.io/last-applied-configuration", "{}"},
		  {"alpha", "one\ntwo\n"},
		  {"long", long_value}};
	pod_spec spec = {.annotations = a, .n_annotations = 4};
	open_tw();
	print_describe_spec_annotations(tw, &spec);
	char *got = close_tw();
	char want[1024];
	snprintf(want, sizeof(want),
		 "Annotations:  alpha:\n"
		 "                one\n"
		 "                two\n"
		 "              long:\n"
		 "                %.138s...\n"
		 "              zeta: last\n",
		 long_value);
	ck_assert_str_eq(got, want);
	free(got);
}
END_TEST

START_TEST(test_tolerations)
{
	toleration_spec t[] = {
		{.key = "dedicated", .operator = "Equal", .value = "web", .effect = "NoSchedule",
		 .seconds = -1},
		{.operator = "Exists", .seconds = -1},
		{.key = "node.kubernetes.io/not-ready", .operator = "Exists", .seconds = 60},
	};
	pod_spec spec = {.tolerations = t, .n_tolerations = 3};
	open_tw();
	print_describe_spec_tolerations(tw, &spec, 34);
	char *got = close_tw();
	ck_assert_str_eq(got, "Tolerations:  op=Exists\n"
			      "              dedicated=web:NoSchedule\n"
			      "              node.kubernetes.io/not-ready op=Exists for 60s\n");
	free(got);
}
END_TEST

START_TEST(test_env_and_mounts)
{
	kv limits[] = {{"cpu", "250m"}, {"memory", "256Mi"}};
	env_spec env[] = {
		{.name = "A", .source = ENV_VALUE, .value = "x\ny"},
		{.name = "NAME", .source = ENV_FIELD_REF, .ref = "metadata.name"},
		{.name = "IP", .source = ENV_FIELD_REF, .from = "v1", .ref = "status.podIP"},
		{.name = "CPU", .source = ENV_RESOURCE_FIELD_REF, .ref = "limits.cpu"},
		{.name = "MEM", .source = ENV_RESOURCE_FIELD_REF, .ref = "requests.memory",
		 .divisor = "1Mi"},
	};
	volume_mount_spec m[] = {{.name = "data", .mount_path = "/srv", .sub_path = "site"},
				 {.name = "conf", .mount_path = "/etc/app", .read_only = true}};
	container_spec c = {.name = "c", .env = env, .n_env = 5, .limits = limits, .n_limits = 2,
			    .volume_mounts = m, .n_volume_mounts = 2};
	api_pod p;
	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "web");
	open_tw();
	print_describe_spec_env(tw, &p, &c);
	print_describe_spec_mounts(tw, &p, &c, 34);
	char *got = close_tw();
	ck_assert_str_eq(got, "    Environment:\n"
			      "      A:     x\n"
			      "             y\n"
			      "      NAME:  web (v1:metadata.name)\n"
			      "      IP:     (v1:status.podIP)\n"
			      "      CPU:   1 (limits.cpu)\n"
			      "      MEM:   256 (requests.memory)\n"
			      "    Mounts:\n"
			      "      /etc/app from conf (ro)\n"
			      "      /srv from data (rw,path=\"site\")\n"
			      "      /var/run/secrets/kubernetes.io/serviceaccount from "
			      "kube-api-access-s6vf8 (ro)\n");
	free(got);
}
END_TEST

Suite *print_describe_spec_suite(void)
{
	Suite *s = suite_create("print_describe_spec");
	TCase *tc = tcase_create("print_describe_spec");
	tcase_add_test(tc, test_annotations);
	tcase_add_test(tc, test_tolerations);
	tcase_add_test(tc, test_env_and_mounts);
	suite_add_tcase(s, tc);
	return s;
}
