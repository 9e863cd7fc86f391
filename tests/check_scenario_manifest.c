/* check_scenario_manifest.c - manifest fields read for the printers (issue 10 item 6, parsing side).
 *
 * tests/data/every-field.yaml goes through the loader and what it says of
 * annotations, nodeSelector, tolerations, priorityClassName, volumes, env,
 * volumeMounts and workingDir must be in spec.h as written, with the API
 * server's one default here (SetDefaults_Volume: a volume with no source is
 * an emptyDir).  The error rows are validation.go's checks of these fields:
 * validateVolumes (field.Duplicate, "may not specify more than 1 volume
 * type"), ValidateVolumeMounts (field.NotFound, Required mountPath) and
 * ValidateEnv (Required name).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "scenario.h"

HARNESS_LOADER_FIXTURE

static const pod_spec *every_field(void)
{
	int rc = scenario_load_file(&sc, "tests/data/every-field.yaml", err, sizeof(err));
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(sc.n_pods, 1);
	return &sc.pods[0];
}

START_TEST(test_pod_fields)
{
	const pod_spec *p = every_field();
	ck_assert_int_eq(p->n_annotations, 1);
	ck_assert_str_eq(p->annotations[0].key, "note");
	ck_assert_str_eq(p->annotations[0].value, "kept");
	ck_assert_int_eq(p->n_node_selector, 1);
	ck_assert_str_eq(p->node_selector[0].key, "kubernetes.io/os");
	ck_assert_str_eq(p->node_selector[0].value, "linux");
	ck_assert_str_eq(p->priority_class_name, "high");
	ck_assert_int_eq(p->n_tolerations, 1);
	ck_assert_str_eq(p->tolerations[0].key, "k");
	ck_assert_str_eq(p->tolerations[0].operator, "Equal");
	ck_assert_str_eq(p->tolerations[0].value, "v");
	ck_assert_str_eq(p->tolerations[0].effect, "NoExecute");
	ck_assert_int_eq(p->tolerations[0].seconds, 60);
}
END_TEST

START_TEST(test_volumes)
{
	const pod_spec *p = every_field();
	ck_assert_int_eq(p->n_volumes, 11);
	ck_assert_str_eq(p->volumes[0].name, "scratch");
	ck_assert_str_eq(p->volumes[0].source, "emptyDir");
	ck_assert_int_eq(p->volumes[0].n_params, 2);
	ck_assert_str_eq(p->volumes[0].params[0].key, "medium");
	ck_assert_str_eq(p->volumes[0].params[0].value, "Memory");
	ck_assert_str_eq(p->volumes[0].params[1].key, "sizeLimit");
	ck_assert_str_eq(p->volumes[0].params[1].value, "64Mi");
	ck_assert_str_eq(p->volumes[2].source, "configMap");
	ck_assert_str_eq(p->volumes[2].params[0].key, "name"); /* items, a list, is not a param */
	ck_assert_str_eq(p->volumes[2].params[1].key, "defaultMode");
	ck_assert_str_eq(p->volumes[4].source, "persistentVolumeClaim");
	ck_assert_str_eq(p->volumes[6].source, "projected");
	ck_assert_int_eq(p->volumes[6].loc.line, 28);
}
END_TEST

START_TEST(test_container_fields)
{
	const pod_spec *p = every_field();
	const container_spec *init = &p->init_containers[0], *app = &p->containers[0];
	ck_assert_int_eq(init->n_volume_mounts, 1);
	ck_assert_str_eq(init->volume_mounts[0].name, "scratch");
	ck_assert_str_eq(init->volume_mounts[0].mount_path, "/scratch");
	ck_assert_str_eq(init->volume_mounts[0].sub_path, "x");
	ck_assert(!init->volume_mounts[0].read_only);
	ck_assert_ptr_null(init->working_dir);
	ck_assert_str_eq(app->working_dir, "/srv");
	ck_assert(app->volume_mounts[0].read_only);
	ck_assert_int_eq(app->n_env, 5);
	ck_assert_int_eq(app->env[0].source, ENV_VALUE);
	ck_assert_str_eq(app->env[0].value, "1");
	ck_assert_int_eq(app->env[1].source, ENV_FIELD_REF);
	ck_assert_str_eq(app->env[1].ref, "metadata.name");
	ck_assert_ptr_null(app->env[1].value);
	ck_assert_int_eq(app->env[2].source, ENV_RESOURCE_FIELD_REF);
	ck_assert_str_eq(app->env[2].from, "app");
	ck_assert_str_eq(app->env[2].ref, "limits.memory");
	ck_assert_str_eq(app->env[2].divisor, "1Mi");
	ck_assert_int_eq(app->env[3].source, ENV_SECRET_KEY);
	ck_assert_str_eq(app->env[3].from, "s");
	ck_assert_str_eq(app->env[3].ref, "k");
	ck_assert(app->env[3].optional);
	ck_assert_int_eq(app->env[4].source, ENV_CONFIG_MAP_KEY);
	ck_assert(!app->env[4].optional);
}
END_TEST

/* SetDefaults_Volume: no source given is an emptyDir. */
START_TEST(test_volume_default)
{
	int rc = load(POD_HEAD "    volumeMounts: [{name: v, mountPath: /v}]\n  volumes: [{name: v}]\n");
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_str_eq(sc.pods[0].volumes[0].source, "emptyDir");
	ck_assert_int_eq(sc.pods[0].volumes[0].n_params, 0);
}
END_TEST

static const struct {
	const char *yaml;
	const char *want;
} bad[] = {
	{POD_HEAD "  volumes: [{name: a, emptyDir: {}}, {name: a, emptyDir: {}}]\n",
	 "t.yaml:9:45: spec.volumes[1].name: Duplicate value: \"a\""},
	/* validateVolumeSource checks emptyDir first and downwardAPI before configMap,
	 * whatever the file order: the later in its order is refused */
	{POD_HEAD "  volumes:\n  - name: a\n    secret: {secretName: s}\n    emptyDir: {}\n",
	 "t.yaml:11:13: spec.volumes[0].secret: Forbidden: may not specify more than 1 volume "
	 "type"},
	{POD_HEAD "  volumes:\n  - name: a\n    configMap: {name: c}\n    downwardAPI: {}\n",
	 "t.yaml:11:16: spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume "
	 "type"},
	{POD_HEAD "  volumes: [{emptyDir: {}}]\n", "t.yaml:9:13: spec.volumes[0].name: Required value"},
	{POD_HEAD "    volumeMounts: [{name: data, mountPath: /d}]\n",
	 "t.yaml:9:27: spec.containers[0].volumeMounts[0].name: Not found: \"data\""},
	{POD_HEAD "    volumeMounts: [{name: v}]\n  volumes: [{name: v}]\n",
	 "t.yaml:9:20: spec.containers[0].volumeMounts[0].mountPath: Required value"},
	{POD_HEAD "    env: [{value: x}]\n", "t.yaml:9:11: spec.containers[0].env[0].name: Required value"},
	{POD_HEAD "  tolerations: [{key: k, tolerationSeconds: soon}]\n",
	 "t.yaml:9:45: spec.tolerations[0].tolerationSeconds: must be an integer, got \"soon\""},
};

START_TEST(test_bad)
{
	ck_assert_int_eq(load(bad[_i].yaml), -1);
	ck_assert_str_eq(err, bad[_i].want);
}
END_TEST

Suite *scenario_manifest_suite(void)
{
	Suite *s = suite_create("scenario_manifest");
	TCase *tc = tcase_create("manifest");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pod_fields);
	tcase_add_test(tc, test_volumes);
	tcase_add_test(tc, test_container_fields);
	tcase_add_test(tc, test_volume_default);
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	suite_add_tcase(s, tc);
	return s;
}
