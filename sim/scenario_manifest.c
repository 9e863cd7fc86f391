/* scenario_manifest.c - Pod fields podsim reads for the printers but does not model yet.
 *
 * Issue 10 item 6 wants the object podsim publishes to carry what the
 * manifest said: annotations, nodeSelector, tolerations, priorityClassName
 * and volumes on the pod, env, volumeMounts and workingDir on each
 * container.  None of them changes what the simulated kubelet does, so this
 * file only reads them into spec.h (in file order, as written), for a later
 * change to print, and makes the few checks of validation.go that concern
 * them alone: a volume has a name, unique in the pod (field.Duplicate), and
 * one source (validateVolumeSource: "may not specify more than 1 volume
 * type", refused at the later one in its order of checks; with none,
 * SetDefaults_Volume has made it an emptyDir); a mount names a volume of the pod
 * (field.NotFound) and has a mountPath; an env entry has a name.  Field
 * names were already checked against the v1 schema by scenario_schema.c.
 * Rejected: a generic tree of the whole manifest kept for the printers (the
 * printers read plain structs, never YAML), and modelling emptyDir sharing
 * here (issue 10 item 9 belongs to the runtime).
 */
#include "scenario_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int get_bool(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, bool *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (v && !scenario_yaml_scalar_bool(v, out))
		return scenario_yaml_want(c, v, key, "true or false");
	return 0;
}

/* ---- pod: tolerations and volumes ---------------------------------------- */

static int parse_toleration(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	pod_spec *p = arg;
	toleration_spec *t = SCENARIO_YAML_APPEND(p->tolerations, p->n_tolerations);
	t->seconds = -1;
	yaml_node_t *secs = scenario_yaml_lookup(c, n, "tolerationSeconds");
	if (scenario_yaml_get_str(c, n, "key", &t->key) < 0 ||
	    scenario_yaml_get_str(c, n, "operator", &t->operator) < 0 ||
	    scenario_yaml_get_str(c, n, "value", &t->value) < 0 ||
	    scenario_yaml_get_str(c, n, "effect", &t->effect) < 0)
		return -1;
	if (secs && !scenario_yaml_scalar_int(secs, &t->seconds))
		return scenario_yaml_want(c, secs, "tolerationSeconds", "an integer");
	return 0;
}

/* The scalar fields of a volume source, in file order. */
static void source_params(scenario_yaml_ctx *c, const yaml_node_t *src, volume_spec *v)
{
	if (!src || src->type != YAML_MAPPING_NODE)
		return;
	for (yaml_node_pair_t *q = src->data.mapping.pairs.start; q < src->data.mapping.pairs.top;
	     q++) {
		yaml_node_t *k = scenario_yaml_node(c, q->key), *val = scenario_yaml_node(c, q->value);
		if (val->type != YAML_SCALAR_NODE || scenario_yaml_is_null(val))
			continue;
		kv *e = SCENARIO_YAML_APPEND(v->params, v->n_params);
		e->key = xstrdup(scenario_yaml_text(k));
		e->value = xstrdup(scenario_yaml_text(val));
	}
}

/* The VolumeSource fields in the order validateVolumeSource checks them, and
 * the path its Forbidden error gives each (upstream spells two of them
 * "cephFS" and "downwarAPI"; the message keeps its spelling). */
static const struct {
	const char *key, *path;
} sources[] = {
	{"emptyDir", "emptyDir"},
	{"hostPath", "hostPath"},
	{"gitRepo", "gitRepo"},
	{"gcePersistentDisk", "gcePersistentDisk"},
	{"awsElasticBlockStore", "awsElasticBlockStore"},
	{"secret", "secret"},
	{"nfs", "nfs"},
	{"iscsi", "iscsi"},
	{"glusterfs", "glusterfs"},
	{"persistentVolumeClaim", "persistentVolumeClaim"},
	{"rbd", "rbd"},
	{"cinder", "cinder"},
	{"cephfs", "cephFS"},
	{"quobyte", "quobyte"},
	{"downwardAPI", "downwarAPI"},
	{"fc", "fc"},
	{"flexVolume", "flexVolume"},
	{"configMap", "configMap"},
	{"azureFile", "azureFile"},
	{"vsphereVolume", "vsphereVolume"},
	{"photonPersistentDisk", "photonPersistentDisk"},
	{"portworxVolume", "portworxVolume"},
	{"azureDisk", "azureDisk"},
	{"storageos", "storageos"},
	{"projected", "projected"},
	{"scaleIO", "scaleIO"},
	{"csi", "csi"},
	{"ephemeral", "ephemeral"},
	{"image", "image"},
};

static int parse_readiness_gate(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	pod_spec *p = arg;
	char **t = SCENARIO_YAML_APPEND(p->readiness_gates, p->n_readiness_gates);
	int r = scenario_yaml_get_str(c, n, "conditionType", t);
	if (r < 0 || scenario_names_check(c, n, "conditionType", SCENARIO_NAME_QUALIFIED))
		return -1; /* ValidateReadinessGates: ValidateQualifiedName */
	if (r == 0) /* absent: the empty type, "name part must be non-empty" */
		return scenario_yaml_fail_key(c, n, "conditionType",
					      "Invalid value: \"\": name part must be non-empty");
	return 0;
}

typedef struct volume_list {
	pod_spec *pod;
	const unsigned char *dup; /* repeated volume names, or NULL */
} volume_list;

static int parse_volume(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	const volume_list *l = arg;
	pod_spec *p = l->pod;
	volume_spec *v = SCENARIO_YAML_APPEND(p->volumes, p->n_volumes);
	v->loc = scenario_yaml_loc(c, n);
	int r = scenario_yaml_get_word(c, n, "name", &v->name);
	if (r <= 0)
		return r == 0 ? scenario_field_required(c, n, "name", NULL) : -1;
	if (scenario_names_check(c, n, "name", SCENARIO_NAME_LABEL))
		return -1;
	if (l->dup && l->dup[p->n_volumes - 1])
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "name"), "name",
					      "Duplicate value: \"%s\"", v->name);
	yaml_node_t *src = NULL;
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		yaml_node_t *s = scenario_yaml_lookup(c, n, sources[i].key);
		if (!s)
			continue;
		if (src)
			return scenario_field_forbidden(c, s, sources[i].path,
							"may not specify more than 1 volume type");
		src = s;
		v->source = xstrdup(sources[i].key);
	}
	v->source = v->source ? v->source : xstrdup("emptyDir"); /* SetDefaults_Volume */
	source_params(c, src, v);
	return 0;
}

int scenario_manifest_pod(scenario_yaml_ctx *c, const yaml_node_t *meta, const yaml_node_t *spec,
			  pod_spec *p)
{
	size_t saved = scenario_yaml_push_key(c, "metadata");
	if (scenario_yaml_get_kvs(c, meta, "annotations", &p->annotations, &p->n_annotations) < 0)
		return -1;
	scenario_yaml_pop(c, saved);
	saved = scenario_yaml_push_key(c, "spec");
	yaml_node_t *vols = scenario_yaml_lookup(c, spec, "volumes");
	if (vols && vols->type != YAML_SEQUENCE_NODE)
		vols = NULL; /* each_map refuses it */
	volume_list l = {p, scenario_schema_repeated_names(c, &vols, 1)};
	int r = scenario_yaml_each_map(c, spec, "volumes", parse_volume, &l);
	free((void *)l.dup);
	if (r < 0 ||
	    scenario_yaml_get_kvs(c, spec, "nodeSelector", &p->node_selector, &p->n_node_selector) < 0 ||
	    scenario_yaml_each_map(c, spec, "tolerations", parse_toleration, p) < 0 ||
	    scenario_yaml_each_map(c, spec, "readinessGates", parse_readiness_gate, p) < 0 ||
	    scenario_yaml_get_str(c, spec, "priorityClassName", &p->priority_class_name) < 0)
		return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}

/* ---- container: env, volumeMounts, workingDir ----------------------------- */

typedef struct ref_kind {
	const char *key;
	env_source source;
	const char *from, *ref; /* the fields read into env_spec.from and .ref */
} ref_kind;

static int parse_value_from(scenario_yaml_ctx *c, const yaml_node_t *vf, env_spec *e)
{
	static const ref_kind kinds[] = {
		{"fieldRef", ENV_FIELD_REF, "apiVersion", "fieldPath"},
		{"resourceFieldRef", ENV_RESOURCE_FIELD_REF, "containerName", "resource"},
		{"configMapKeyRef", ENV_CONFIG_MAP_KEY, "name", "key"},
		{"secretKeyRef", ENV_SECRET_KEY, "name", "key"},
		{"fileKeyRef", ENV_FILE_KEY, "volumeName", "key"},
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		yaml_node_t *m = NULL;
		int r = scenario_yaml_get_map(c, vf, kinds[i].key, &m);
		if (r < 0)
			return -1;
		if (r == 0)
			continue;
		size_t saved = scenario_yaml_push_key(c, kinds[i].key);
		e->source = kinds[i].source;
		if (scenario_yaml_get_str(c, m, kinds[i].from, &e->from) < 0 ||
		    scenario_yaml_get_str(c, m, kinds[i].ref, &e->ref) < 0 ||
		    scenario_yaml_get_str(c, m, "path", &e->path) < 0 ||
		    scenario_yaml_get_str(c, m, "divisor", &e->divisor) < 0 ||
		    get_bool(c, m, "optional", &e->optional))
			return -1;
		scenario_yaml_pop(c, saved);
		return 0; /* the first; validation refuses more than one */
	}
	return 0;
}

static int parse_env(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	container_spec *ct = arg;
	env_spec *e = SCENARIO_YAML_APPEND(ct->env, ct->n_env);
	yaml_node_t *vf = NULL;
	int r = scenario_yaml_get_word(c, n, "name", &e->name);
	if (r <= 0)
		return r == 0 ? scenario_field_required(c, n, "name", NULL) : -1; /* ValidateEnv */
	if (scenario_yaml_get_map(c, n, "valueFrom", &vf) < 0)
		return -1;
	if (!vf) {
		if (scenario_yaml_get_str(c, n, "value", &e->value) < 0)
			return -1;
		e->value = e->value ? e->value : xstrdup("");
		return 0;
	}
	size_t saved = scenario_yaml_push_key(c, "valueFrom");
	if (parse_value_from(c, vf, e))
		return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **scenario_manifest_volume_index(const pod_spec *p)
{
	const char **v = xcalloc((size_t)p->n_volumes + 1, sizeof(*v));
	for (int i = 0; i < p->n_volumes; i++)
		v[i] = p->volumes[i].name;
	qsort(v, (size_t)p->n_volumes, sizeof(*v), cmp_names);
	return v;
}

typedef struct mount_list {
	container_spec *ct;
	const char **volumes; /* sorted, p->n_volumes of them */
	size_t n_volumes;
} mount_list;

static int parse_mount(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	const mount_list *l = arg;
	container_spec *ct = l->ct;
	volume_mount_spec *m = SCENARIO_YAML_APPEND(ct->volume_mounts, ct->n_volume_mounts);
	int r = scenario_yaml_get_str(c, n, "name", &m->name);
	if (r <= 0 || !*m->name)
		return r < 0 ? -1 : scenario_field_required(c, n, "name", NULL);
	const char *key = m->name;
	if (!bsearch(&key, l->volumes, l->n_volumes, sizeof(*l->volumes), cmp_names))
		/* ValidateVolumeMounts */
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "name"), "name",
					      "Not found: \"%s\"", m->name);
	r = scenario_yaml_get_str(c, n, "mountPath", &m->mount_path);
	if (r <= 0 || !*m->mount_path)
		return r < 0 ? -1 : scenario_field_required(c, n, "mountPath", NULL);
	if (scenario_yaml_get_str(c, n, "subPath", &m->sub_path) < 0 ||
	    get_bool(c, n, "readOnly", &m->read_only))
		return -1;
	return 0;
}

int scenario_manifest_container(scenario_yaml_ctx *c, const yaml_node_t *n, const pod_spec *p,
				const char **volumes, container_spec *ct)
{
	mount_list l = {ct, volumes, (size_t)p->n_volumes};
	if (scenario_yaml_each_map(c, n, "env", parse_env, ct) < 0 ||
	    scenario_yaml_each_map(c, n, "volumeMounts", parse_mount, &l) < 0 ||
	    scenario_yaml_get_str(c, n, "workingDir", &ct->working_dir) < 0)
		return -1;
	return 0;
}
