/* check_scenario_schema.c - strict field validation of Pods (issue 11 item 2).
 *
 * The API server's strict decoding (KEP 2885, kubectl >= 1.27's default
 * --validate=strict; sigs.k8s.io/json UnmarshalStrict, apimachinery
 * runtime.NewStrictDecodingError) refuses an unknown or repeated field with
 *   Pod in version "v1" cannot be handled as a Pod: strict decoding error:
 *   unknown field "PATH"
 * podsim says the same, at the field's file:line:col.  The table-driven test
 * misspells every field of a probe, and of each probe handler, in each of the
 * three probes, two ways (a dropped last letter, and a wrong case as in
 * `gRPC`), since JSON field names are case-sensitive.  The other tests cover
 * a manifest using every part of the v1 schema podsim does not model
 * (accepted), --validate=warn (kubectl's `Warning: unknown field`, and the
 * last of two repeated keys wins, as Go's JSON decoder keeps it), ignore,
 * Lists (each item is its own object, so paths start at the item), podsim's
 * own documents (their duplicates stay errors) and aliases (checked once).
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "scenario.h"

HARNESS_LOADER_FIXTURE

#define STRICT "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "

/* Every field of v1 Probe, and of its four handlers (types.go ProbeHandler). */
static const struct {
	const char *handler; /* NULL: a field of the Probe itself */
	const char *field;
} probe_fields[] = {
	{NULL, "exec"},
	{NULL, "httpGet"},
	{NULL, "tcpSocket"},
	{NULL, "grpc"},
	{NULL, "initialDelaySeconds"},
	{NULL, "timeoutSeconds"},
	{NULL, "periodSeconds"},
	{NULL, "successThreshold"},
	{NULL, "failureThreshold"},
	{NULL, "terminationGracePeriodSeconds"},
	{"exec", "command"},
	{"httpGet", "path"},
	{"httpGet", "port"},
	{"httpGet", "host"},
	{"httpGet", "scheme"},
	{"httpGet", "httpHeaders"},
	{"tcpSocket", "port"},
	{"tcpSocket", "host"},
	{"grpc", "port"},
	{"grpc", "service"},
};
enum { N_FIELDS = sizeof(probe_fields) / sizeof(probe_fields[0]) };
static const char *const probes[] = {"livenessProbe", "readinessProbe", "startupProbe"};

/* Loop index i: field i % N_FIELDS, probe (i / N_FIELDS) % 3, typo i / (3 N_FIELDS). */
START_TEST(test_probe_field_typo)
{
	const char *handler = probe_fields[_i % N_FIELDS].handler;
	const char *probe = probes[(_i / N_FIELDS) % 3];
	char typo[64], yaml[512], want[512];
	snprintf(typo, sizeof(typo), "%s", probe_fields[_i % N_FIELDS].field);
	if (_i / (3 * N_FIELDS) == 0)
		typo[strlen(typo) - 1] = '\0'; /* initialDelaySecond */
	else
		typo[0] = (char)toupper((unsigned char)typo[0]); /* InitialDelaySeconds */
	if (handler) {
		snprintf(yaml, sizeof(yaml), POD_HEAD "    %s:\n      %s:\n        %s: 1\n", probe,
			 handler, typo);
		snprintf(want, sizeof(want),
			 "t.yaml:11:9: " STRICT "unknown field \"spec.containers[0].%s.%s.%s\"", probe,
			 handler, typo);
	} else {
		snprintf(yaml, sizeof(yaml),
			 POD_HEAD "    %s:\n      tcpSocket: {port: 80}\n      %s: 1\n", probe, typo);
		snprintf(want, sizeof(want),
			 "t.yaml:11:7: " STRICT "unknown field \"spec.containers[0].%s.%s\"", probe,
			 typo);
	}
	ck_assert_int_eq(load(yaml), -1);
	ck_assert_str_eq(err, want);
}
END_TEST

/* Fields at every level of the Pod, and the first problem in file order. */
static const struct {
	const char *yaml;
	const char *want;
} strict_rows[] = {
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: web, lables: {a: b}}\n",
	 "t.yaml:3:23: " STRICT "unknown field \"metadata.lables\""},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspecs: {}\n",
	 "t.yaml:4:1: " STRICT "unknown field \"specs\""},
	{POD_HEAD "  restartpolicy: Never\n", "t.yaml:9:3: " STRICT "unknown field \"spec.restartpolicy\""},
	{POD_HEAD "    imagePullpolicy: Always\n",
	 "t.yaml:9:5: " STRICT "unknown field \"spec.containers[0].imagePullpolicy\""},
	{POD_HEAD "    readinessProbe:\n      httpGet:\n        port: 80\n"
		  "        httpHeaders: [{name: a, valeu: b}]\n",
	 "t.yaml:12:33: " STRICT
	 "unknown field \"spec.containers[0].readinessProbe.httpGet.httpHeaders[0].valeu\""},
	{POD_HEAD "    lifecycle:\n      preStop:\n        sleep: {second: 5}\n",
	 "t.yaml:11:17: " STRICT "unknown field \"spec.containers[0].lifecycle.preStop.sleep.second\""},
	{POD_HEAD "    lifecycle:\n      preStop:\n        grpc: {port: 5}\n",
	 "t.yaml:11:9: " STRICT "unknown field \"spec.containers[0].lifecycle.preStop.grpc\""},
	{POD_HEAD "    volumeMounts: [{name: a, mountpath: /a}]\n",
	 "t.yaml:9:30: " STRICT "unknown field \"spec.containers[0].volumeMounts[0].mountpath\""},
	{POD_HEAD "  volumes:\n  - name: a\n    emptyDir: {}\n    emptydir: {}\n",
	 "t.yaml:12:5: " STRICT "unknown field \"spec.volumes[0].emptydir\""},
	/* each volume source has its own fields (volumeID is awsElasticBlockStore's) */
	{POD_HEAD "  volumes: [{name: d, gcePersistentDisk: {pdName: d, volumeID: x}}]\n",
	 "t.yaml:9:54: " STRICT "unknown field \"spec.volumes[0].gcePersistentDisk.volumeID\""},
	{POD_HEAD "  tolerations: [{key: a, effect: NoSchedule, tolerationSecond: 5}]\n",
	 "t.yaml:9:46: " STRICT "unknown field \"spec.tolerations[0].tolerationSecond\""},
	{POD_HEAD "  initContainers:\n  - {name: i, image: busybox, comand: [true]}\n",
	 "t.yaml:10:31: " STRICT "unknown field \"spec.initContainers[0].comand\""},
	/* the first in file order, whether unknown or repeated */
	{POD_HEAD "    image: nginx\n    bogus: 1\n",
	 "t.yaml:9:5: " STRICT "duplicate field \"spec.containers[0].image\""},
	{POD_HEAD "    bogus: 1\n    image: nginx\n",
	 "t.yaml:9:5: " STRICT "unknown field \"spec.containers[0].bogus\""},
	{"apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations: {a: x, b: y, a: z}\n",
	 "t.yaml:5:29: " STRICT "duplicate field \"metadata.annotations.a\""},
	/* a List: its own fields, then each item as a Pod of its own */
	{"apiVersion: v1\nkind: List\nitem: []\n",
	 "t.yaml:3:1: List in version \"v1\" cannot be handled as a List: strict decoding error: "
	 "unknown field \"item\""},
	{"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n"
	 "  metadata: {name: a, namespce: b}\n",
	 "t.yaml:6:23: " STRICT "unknown field \"metadata.namespce\""},
};

START_TEST(test_strict_errors)
{
	ck_assert_int_eq(load(strict_rows[_i].yaml), -1);
	ck_assert_str_eq(err, strict_rows[_i].want);
}
END_TEST

/* Every part of the schema podsim does not model loads without a word. */
START_TEST(test_every_field_accepted)
{
	int rc = scenario_load_file(&sc, "tests/data/every-field.yaml", err, sizeof(err));
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(sc.n_warnings, 0);
	ck_assert_int_eq(sc.n_pods, 1);
}
END_TEST

#define TYPOS                                                                               \
	POD_HEAD "    image: nginx\n    livenessProbe:\n      exec: {command: [true]}\n"        \
		 "      initialDelaySecond: 5\n      gRPC: {port: 1}\n"

/* kubectl --validate=warn: the Pod is created, one warning per field, and of
 * two values of one key the last counts, as for Go's JSON decoder. */
START_TEST(test_warn)
{
	sc.validate = SCENARIO_VALIDATE_WARN;
	int rc = load(TYPOS);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(sc.n_warnings, 3);
	ck_assert_str_eq(sc.warnings[0], "t.yaml:9:5: duplicate field \"spec.containers[0].image\"");
	ck_assert_str_eq(sc.warnings[1], "t.yaml:12:7: unknown field "
					 "\"spec.containers[0].livenessProbe.initialDelaySecond\"");
	ck_assert_str_eq(sc.warnings[2],
			 "t.yaml:13:7: unknown field \"spec.containers[0].livenessProbe.gRPC\"");
	ck_assert_str_eq(sc.pods[0].containers[0].image, "nginx");
	ck_assert_int_eq(sc.pods[0].containers[0].liveness->initial_delay_seconds, 0);
}
END_TEST

START_TEST(test_ignore)
{
	sc.validate = SCENARIO_VALIDATE_IGNORE;
	int rc = load(TYPOS);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(sc.n_warnings, 0);
	ck_assert_str_eq(sc.pods[0].containers[0].image, "nginx");
}
END_TEST

/* podsim's own documents are not Kubernetes objects: --validate does not
 * apply, a repeated key is an error. */
START_TEST(test_podsim_documents_stay_strict)
{
	sc.validate = SCENARIO_VALIDATE_IGNORE;
	ck_assert_int_eq(load(SIM_HEAD "seed: 1\nseed: 2\n"), -1);
	ck_assert_str_eq(err, "t.yaml:4:1: seed: duplicate key");
}
END_TEST

/* 200 aliases of a volume whose projected sources are 200 aliases of one
 * source, whose items are 200 aliases of one item: 8 million paths if each
 * were walked, but each node is checked once, at its first path (and then
 * the API server's validation refuses the volume's repeated name). */
START_TEST(test_aliases_checked_once)
{
	enum { N = 200 };
	char *yaml = xmalloc(64 * 1024), *p = yaml;
	p += sprintf(p, POD_HEAD "  volumes:\n  - &v\n    name: v\n    projected:\n      sources:\n"
			"      - &s\n        downwardAPI:\n          items:\n"
			"          - &i {path: p, fieldRef: {fieldPath: x}, mdoe: 1}\n");
	for (int i = 1; i < N; i++)
		p += sprintf(p, "          - *i\n");
	for (int i = 1; i < N; i++)
		p += sprintf(p, "      - *s\n");
	for (int i = 1; i < N; i++)
		p += sprintf(p, "  - *v\n");
	sc.validate = SCENARIO_VALIDATE_WARN;
	int rc = load(yaml);
	free(yaml);
	/* the walk is done when validation refuses the repeated volume */
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err, "t.yaml:11:11: spec.volumes[1].name: Duplicate value: \"v\"");
	ck_assert_int_eq(sc.n_warnings, 1);
	ck_assert_str_eq(sc.warnings[0], "t.yaml:17:52: unknown field "
					 "\"spec.volumes[0].projected.sources[0].downwardAPI.items[0].mdoe\"");
}
END_TEST

Suite *scenario_schema_suite(void)
{
	Suite *s = suite_create("scenario_schema");
	TCase *tc = tcase_create("schema");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_probe_field_typo, 0, 2 * 3 * N_FIELDS);
	tcase_add_loop_test(tc, test_strict_errors, 0, sizeof(strict_rows) / sizeof(strict_rows[0]));
	tcase_add_test(tc, test_every_field_accepted);
	tcase_add_test(tc, test_warn);
	tcase_add_test(tc, test_ignore);
	tcase_add_test(tc, test_podsim_documents_stay_strict);
	tcase_add_test(tc, test_aliases_checked_once);
	suite_add_tcase(s, tc);
	return s;
}
