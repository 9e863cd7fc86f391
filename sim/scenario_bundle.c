/* scenario_bundle.c - what `kubectl apply -f` takes: any mix of kinds, Lists and directories.
 *
 * Real manifests come as bundles: a Pod beside its Service and ConfigMap, a
 * `kubectl get -o yaml` dump (kind: List), a directory of files.  This file
 * hands each object to the reader of its kind and mirrors the parts of
 * kubectl's resource builder (k8s.io/cli-runtime/pkg/resource/visitor.go)
 * that decide which objects a command sees: ExpandPathsToFileVisitors reads
 * a directory's files ending in .json, .yaml or .yml, in lexical order
 * (filepath.Walk), without entering subdirectories unless -R is given; the
 * YAML-or-JSON decoder reads either syntax (libyaml reads JSON as flow
 * YAML, so nothing here is JSON-specific); FlattenListVisitor turns a List
 * into its items.  Kinds podsim models go to their readers (v1 Pod here,
 * podsim/v1 Simulation and ImageCatalogue in scenario_podsim.c); any other
 * object is skipped with one note, "skipping KIND/NAME: not simulated", so a
 * Service or ConfigMap beside a Pod no longer stops the run, and a workload
 * (Deployment, Job...) is named as not simulated yet, since its pods are what
 * the user wanted to see.  A document without a kind, a Pod of another
 * apiVersion and a podsim/v1 kind podsim does not know stay errors: the first
 * is refused by kubectl too, the others are typos that would silently drop
 * what the user meant to simulate.
 * Rejected: a warning per unknown field of a skipped object (podsim knows
 * nothing of their schemas), and recursing into subdirectories (kubectl
 * does that only with -R, which podsim has no flag for).
 */
#include "scenario_yaml.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char known[] = "podsim reads v1 Pod and podsim/v1 Simulation, ImageCatalogue";

/* Controllers that create pods: the issue of their own will simulate them. */
static bool is_workload(const char *kind)
{
	static const char *const kinds[] = {"Deployment", "ReplicaSet",  "StatefulSet",
					    "DaemonSet",  "Job",         "CronJob",
					    "ReplicationController"};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

/* One note on stderr (through scenario.warnings) for an object not simulated. */
static int skip(scenario_yaml_ctx *c, const yaml_node_t *root, const yaml_node_t *kind)
{
	scenario *sc = c->sc;
	const char *k = scenario_yaml_text(kind), *name = NULL;
	yaml_node_t *meta = scenario_yaml_lookup(c, root, "metadata"), *n = NULL;
	if (meta && meta->type == YAML_MAPPING_NODE)
		n = scenario_yaml_lookup(c, meta, "name");
	if (n && n->type == YAML_SCALAR_NODE)
		name = scenario_yaml_text(n);
	src_loc at = scenario_yaml_loc(c, kind);
	sc->warnings = xrealloc(sc->warnings, (size_t)(sc->n_warnings + 1) * sizeof(char *));
	sc->warnings[sc->n_warnings++] =
		xasprintf("%s:%d:%d: skipping %.60s%s%.60s: %s", at.file, at.line, at.col, k,
			  name ? "/" : "", name ? name : "",
			  is_workload(k) ? "workloads are not simulated yet" : "not simulated");
	sc->n_workloads_skipped += is_workload(k);
	return 0;
}

static int list_item(scenario_yaml_ctx *c, const yaml_node_t *item, void *arg)
{
	(void)arg;
	return scenario_bundle_dispatch(c, item);
}

int scenario_bundle_dispatch(scenario_yaml_ctx *c, const yaml_node_t *root)
{
	yaml_node_t *api = scenario_yaml_lookup(c, root, "apiVersion");
	yaml_node_t *kind = scenario_yaml_lookup(c, root, "kind");
	if (api && api->type != YAML_SCALAR_NODE)
		return scenario_yaml_want(c, api, "apiVersion", "a string");
	if (kind && kind->type != YAML_SCALAR_NODE)
		return scenario_yaml_want(c, kind, "kind", "a string");
	if (!kind)
		return scenario_yaml_fail_key(c, root, "kind",
					      "unknown kind: the document has no kind (%s)", known);
	if (!api) /* kubectl's client-side check: "error validating data: apiVersion not set" */
		return scenario_yaml_fail_key(c, root, "apiVersion", "Required value: apiVersion not set");
	const char *k = scenario_yaml_text(kind), *a = scenario_yaml_text(api);
	bool ours = strcmp(a, "podsim/v1") == 0, core = strcmp(a, "v1") == 0;
	if (strcmp(k, "Pod") == 0 && core)
		return scenario_parse_pod(c, root);
	if (strcmp(k, "List") == 0 && core)
		return scenario_schema_check(c, root, "List") < 0 ||
			       scenario_yaml_each_map(c, root, "items", list_item, NULL) < 0
			       ? -1
			       : 0;
	if (strcmp(k, "Simulation") == 0 && ours)
		return scenario_parse_simulation(c, root);
	if (strcmp(k, "ImageCatalogue") == 0 && ours)
		return scenario_parse_catalogue(c, root);
	if (strcmp(k, "Pod") == 0 || strcmp(k, "Simulation") == 0 ||
	    strcmp(k, "ImageCatalogue") == 0)
		return scenario_yaml_fail_key(c, api, "apiVersion",
					      "unknown kind \"%.60s\" in apiVersion \"%.60s\" (%s)", k,
					      a, known);
	if (ours)
		return scenario_yaml_fail_key(c, kind, "kind", "unknown kind \"%.60s\" (%s)", k,
					      known);
	return skip(c, root, kind);
}

/* ---- directories --------------------------------------------------------- */

static bool is_manifest(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0 ||
		       strcmp(dot, ".json") == 0);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The manifest files directly in dir, sorted; *n of them.  NULL + errno on failure. */
static char **list_manifests(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **v = NULL;
	int cap = 0;
	*n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		struct stat st;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		if (is_manifest(e->d_name) && stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
			XGROW(v, *n, cap);
			v[(*n)++] = path;
		} else {
			free(path);
		}
	}
	closedir(d);
	if (*n)
		qsort(v, (size_t)*n, sizeof(*v), cmp_names);
	return v ? v : xcalloc(1, sizeof(*v));
}

int scenario_bundle_load(scenario *sc, const char *path, char *err, size_t errlen)
{
	assert(sc && path && err && errlen > 0);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return scenario_load_file(sc, path, err, errlen);
	int n = 0, rc = 0;
	char **files = list_manifests(path, &n);
	if (!files) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "%s: no .json, .yaml or .yml files in the directory", path);
		rc = -1;
	}
	for (int i = 0; i < n; i++) {
		if (rc == 0)
			rc = scenario_load_file(sc, files[i], err, errlen);
		free(files[i]);
	}
	free(files);
	return rc;
}

int scenario_load_files(scenario *sc, const char *const *files, int n, scenario_validate validate,
			FILE *out)
{
	char err[1024];
	scenario_init(sc);
	sc->validate = validate;
	for (int k = 0; k < n; k++)
		if (scenario_bundle_load(sc, files[k], err, sizeof(err)) < 0) {
			fprintf(out, "podsim: %s\n", err);
			return -1;
		}
	if (scenario_finish(sc, err, sizeof(err)) < 0) {
		fprintf(out, "podsim: %s\n", err);
		return -1;
	}
	for (int k = 0; k < sc->n_warnings; k++)
		fprintf(out, "podsim: warning: %s\n", sc->warnings[k]);
	return 0;
}
