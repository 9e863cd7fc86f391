/* check_scenario_bundle.c - bundles as `kubectl apply -f` takes them (issue 11 item 1).
 *
 * Any mix of kinds in a stream: Pods load, kind: List is flattened into its
 * items (cli-runtime's FlattenListVisitor), other kinds are skipped with one
 * note each, workloads named as not simulated yet; JSON loads like YAML; a
 * directory loads its .json/.yaml/.yml files in name order and nothing else
 * (ExpandPathsToFileVisitors without -R).  tests/data/bundle-dir holds a
 * .txt file and a subdirectory with a broken manifest that must not be read.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "scenario.h"

HARNESS_LOADER_FIXTURE

START_TEST(test_mixed_kinds_skipped_with_notes)
{
	int rc = load("apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\n"
		      "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
		      "  containers: [{name: c, image: nginx}]\n---\n"
		      "apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\n---\n"
		      "apiVersion: example.com/v1\nkind: Widget\n");
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(sc.n_pods, 1);
	ck_assert_int_eq(sc.n_warnings, 3);
	ck_assert_str_eq(sc.warnings[0], "t.yaml:2:7: skipping Service/web: not simulated");
	ck_assert_str_eq(sc.warnings[1],
			 "t.yaml:12:7: skipping Job/once: workloads are not simulated yet");
	ck_assert_str_eq(sc.warnings[2], "t.yaml:16:7: skipping Widget: not simulated");
}
END_TEST

START_TEST(test_list_items)
{
	int rc = load("apiVersion: v1\nkind: List\nitems:\n"
		      "- {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: "
		      "[{name: c, image: nginx}]}}\n"
		      "- {apiVersion: v1, kind: ConfigMap, metadata: {name: cm}}\n"
		      "- {apiVersion: v1, kind: Pod, metadata: {name: b}, spec: {containers: "
		      "[{name: c, image: nginx}]}}\n");
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(sc.n_pods, 2);
	ck_assert_str_eq(sc.pods[1].name, "b");
	ck_assert_int_eq(sc.n_warnings, 1);
	ck_assert_str_eq(sc.warnings[0], "t.yaml:5:26: skipping ConfigMap/cm: not simulated");
}
END_TEST

/* An item is read as a document: its errors carry the item's path. */
START_TEST(test_list_item_error)
{
	ck_assert_int_eq(load("apiVersion: v1\nkind: List\nitems:\n- {kind: Pod, apiVersion: v1}\n"
			      "- 3\n"),
			 -1);
	ck_assert_str_eq(err, "t.yaml:4:3: items[0].metadata.name: Required value: name or generateName is required");
}
END_TEST

/* Typos in podsim's own kinds and documents without a kind stay errors. */
START_TEST(test_unknown_podsim_kind)
{
	ck_assert_int_eq(load("apiVersion: podsim/v1\nkind: Simulaton\n"), -1);
	ck_assert_str_eq(err, "t.yaml:2:7: kind: unknown kind \"Simulaton\" (podsim reads v1 Pod "
			      "and podsim/v1 Simulation, ImageCatalogue)");
}
END_TEST

START_TEST(test_directory_in_name_order)
{
	int rc = scenario_bundle_load(&sc, "tests/data/bundle-dir", err, sizeof(err));
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(sc.n_pods, 2);
	ck_assert_str_eq(sc.pods[0].name, "a");
	ck_assert_str_eq(sc.pods[0].loc.file, "tests/data/bundle-dir/10-pod.yaml");
	ck_assert_str_eq(sc.pods[1].name, "b");
	ck_assert_int_eq(sc.n_warnings, 2);
	ck_assert_str_eq(sc.warnings[0], "tests/data/bundle-dir/20-list.json:7:32: skipping "
					 "Secret/s: not simulated");
	ck_assert_str_eq(sc.warnings[1], "tests/data/bundle-dir/30-deploy.yml:2:7: skipping "
					 "Deployment/d: workloads are not simulated yet");
}
END_TEST

START_TEST(test_directory_empty_or_file)
{
	char dir[] = "/tmp/podsim-bundle-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(scenario_bundle_load(&sc, dir, err, sizeof(err)), -1);
	char want[128];
	snprintf(want, sizeof(want), "%s: no .json, .yaml or .yml files in the directory", dir);
	ck_assert_str_eq(err, want);
	rmdir(dir);
	/* a file named explicitly loads whatever its extension, as in kubectl */
	int rc = scenario_bundle_load(&sc, "tests/data/init-pod.yaml", err, sizeof(err));
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(sc.n_pods, 1);
}
END_TEST

Suite *scenario_bundle_suite(void)
{
	Suite *s = suite_create("scenario_bundle");
	TCase *tc = tcase_create("bundles");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_mixed_kinds_skipped_with_notes);
	tcase_add_test(tc, test_list_items);
	tcase_add_test(tc, test_list_item_error);
	tcase_add_test(tc, test_unknown_podsim_kind);
	tcase_add_test(tc, test_directory_in_name_order);
	tcase_add_test(tc, test_directory_empty_or_file);
	suite_add_tcase(s, tc);
	return s;
}
