/* report_json_manifest.c - `-o json`: the Pod spec fields that come from
 * the manifest's less central parts and from admission: env, volumeMounts,
 * tolerations and volumes (k8s.io/api/core/v1 EnvVar, VolumeMount,
 * Toleration, Volume, in their Go field order and omitempty rules).
 *
 * What admission adds (admission.c): the ServiceAccount plugin's
 * kube-api-access-xxxxx projected volume (plugin/pkg/admission/
 * serviceaccount/admission.go TokenVolumeSource) and its read-only mount,
 * the DefaultTolerationSeconds tolerations.  A user volume's source carries
 * only the scalar fields the manifest gave (nested items and sources are not
 * read); an env reference's optional prints only when true.
 *
 * Split from report_json.c (which builds the rest of the object) to keep
 * files small; these two are the only files that include <cjson/cJSON.h>.
 */
#include "report_json_manifest.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "admission.h"
#include "quantity.h"

static void add_str_opt(cJSON *obj, const char *key, const char *s)
{
	if (s && *s)
		cJSON_AddStringToObject(obj, key, s);
}

/* EnvVar: value (omitempty) or valueFrom with the one reference it names;
 * fieldRef.apiVersion and resourceFieldRef.divisor as defaulting and the
 * non-pointer Quantity leave them ("v1", "0"). */
static cJSON *env_source_json(const env_spec *e)
{
	static const char *const key[] = {
		[ENV_FIELD_REF] = "fieldRef",	      [ENV_RESOURCE_FIELD_REF] = "resourceFieldRef",
		[ENV_CONFIG_MAP_KEY] = "configMapKeyRef", [ENV_SECRET_KEY] = "secretKeyRef",
		[ENV_FILE_KEY] = "fileKeyRef",
	};
	cJSON *vf = cJSON_CreateObject(), *r = cJSON_AddObjectToObject(vf, key[e->source]);
	switch (e->source) {
	case ENV_FIELD_REF:
		cJSON_AddStringToObject(r, "apiVersion", e->from ? e->from : "v1");
		cJSON_AddStringToObject(r, "fieldPath", e->ref ? e->ref : "");
		break;
	case ENV_RESOURCE_FIELD_REF:
		add_str_opt(r, "containerName", e->from);
		cJSON_AddStringToObject(r, "resource", e->ref ? e->ref : "");
		cJSON_AddStringToObject(r, "divisor", e->divisor ? e->divisor : "0");
		break;
	case ENV_FILE_KEY:
		cJSON_AddStringToObject(r, "volumeName", e->from ? e->from : "");
		cJSON_AddStringToObject(r, "path", e->path ? e->path : "");
		cJSON_AddStringToObject(r, "key", e->ref ? e->ref : "");
		break;
	default: /* LocalObjectReference.name, then key */
		cJSON_AddStringToObject(r, "name", e->from ? e->from : "");
		cJSON_AddStringToObject(r, "key", e->ref ? e->ref : "");
		break;
	}
	if (e->optional)
		cJSON_AddTrueToObject(r, "optional");
	return vf;
}

cJSON *report_json_manifest_env(const container_spec *c)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < c->n_env; i++) {
		const env_spec *e = &c->env[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", e->name);
		if (e->source == ENV_VALUE)
			add_str_opt(o, "value", e->value);
		else
			cJSON_AddItemToObject(o, "valueFrom", env_source_json(e));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *mount_json(const char *name, bool read_only, const char *path, const char *sub)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", name);
	if (read_only)
		cJSON_AddTrueToObject(o, "readOnly");
	cJSON_AddStringToObject(o, "mountPath", path);
	add_str_opt(o, "subPath", sub);
	return o;
}

/* The container's mounts, then the ServiceAccount admission's token mount. */
cJSON *report_json_manifest_mounts(const container_spec *c, const char *token_volume)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < c->n_volume_mounts; i++) {
		const volume_mount_spec *m = &c->volume_mounts[i];
		cJSON_AddItemToArray(a, mount_json(m->name, m->read_only, m->mount_path,
						   m->sub_path));
	}
	if (admission_mounts_token(c))
		cJSON_AddItemToArray(a, mount_json(token_volume, true, ADMISSION_TOKEN_MOUNT_PATH,
						   NULL));
	return a;
}

static void add_toleration(cJSON *a, const toleration_spec *t)
{
	cJSON *o = cJSON_CreateObject();
	add_str_opt(o, "key", t->key);
	add_str_opt(o, "operator", t->operator);
	add_str_opt(o, "value", t->value);
	add_str_opt(o, "effect", t->effect);
	if (t->seconds >= 0)
		cJSON_AddNumberToObject(o, "tolerationSeconds", (double)t->seconds);
	cJSON_AddItemToArray(a, o);
}

/* The user's tolerations and the DefaultTolerationSeconds plugin's. */
cJSON *report_json_manifest_tolerations(const pod_spec *s)
{
	int n;
	toleration_spec *t = admission_tolerations(s, &n);
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		add_toleration(a, &t[i]);
	free(t);
	return a;
}

/* A scalar of a volume source as JSON: booleans and integers (defaultMode,
 * readOnly, optional) typed, the rest strings. */
static cJSON *param_json(const char *text)
{
	char *end;
	if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0)
		return cJSON_CreateBool(text[0] == 't');
	long long v = strtoll(text, &end, 10);
	if (*text && !*end)
		return cJSON_CreateNumber((double)v);
	return cJSON_CreateString(text);
}

/* The scalar fields of the VolumeSource structs podsim prints, in their Go
 * field order (k8s.io/api/core/v1 types.go), with the value
 * SetDefaults_{Secret,ConfigMap,DownwardAPI,Projected}VolumeSource
 * (defaultMode 0644 = 420) and SetDefaults_HostPathVolumeSource (type "")
 * give an absent one; NULL = no default. */
typedef struct source_field {
	const char *key, *dflt;
} source_field;

static const struct {
	const char *source;
	source_field fields[4];
} source_order[] = {
	{"emptyDir", {{"medium", NULL}, {"sizeLimit", NULL}}},
	{"hostPath", {{"path", NULL}, {"type", ""}}},
	{"secret", {{"secretName", NULL}, {"defaultMode", "420"}, {"optional", NULL}}},
	{"persistentVolumeClaim", {{"claimName", NULL}, {"readOnly", NULL}}},
	{"downwardAPI", {{"defaultMode", "420"}}},
	{"configMap", {{"name", NULL}, {"defaultMode", "420"}, {"optional", NULL}}},
	{"projected", {{"defaultMode", "420"}}},
};

static const kv *param_find(const volume_spec *v, const char *key)
{
	for (int i = 0; i < v->n_params; i++)
		if (strcmp(v->params[i].key, key) == 0)
			return &v->params[i];
	return NULL;
}

static void add_param(cJSON *src, const char *key, const char *text)
{
	if (strcmp(key, "sizeLimit") == 0) { /* a Quantity: stored canonical */
		char *q = quantity_string(text);
		cJSON_AddStringToObject(src, key, q);
		free(q);
	} else if (strcmp(key, "type") == 0) {
		cJSON_AddStringToObject(src, key, text);
	} else {
		cJSON_AddItemToObject(src, key, param_json(text));
	}
}

/* A user volume: the known fields of its source in Go order with their
 * defaults, then any other scalar field in file order. */
static cJSON *volume_json(const volume_spec *v)
{
	cJSON *o = cJSON_CreateObject(), *src;
	cJSON_AddStringToObject(o, "name", v->name);
	src = cJSON_AddObjectToObject(o, v->source);
	for (size_t i = 0; i < sizeof(source_order) / sizeof(source_order[0]); i++) {
		if (strcmp(source_order[i].source, v->source) != 0)
			continue;
		for (const source_field *f = source_order[i].fields; f->key; f++) {
			const kv *p = param_find(v, f->key);
			if (p || f->dflt)
				add_param(src, f->key, p ? p->value : f->dflt);
		}
	}
	for (int i = 0; i < v->n_params; i++)
		if (!cJSON_HasObjectItem(src, v->params[i].key))
			add_param(src, v->params[i].key, v->params[i].value);
	return o;
}

static cJSON *fieldref_item(const char *path, const char *field)
{
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "path", path);
	cJSON *ref = cJSON_AddObjectToObject(item, "fieldRef");
	cJSON_AddStringToObject(ref, "apiVersion", "v1");
	cJSON_AddStringToObject(ref, "fieldPath", field);
	return item;
}

/* The ServiceAccount admission's projected volume (admission.go
 * TokenVolumeSource). */
static cJSON *token_volume_json(const char *name)
{
	cJSON *o = cJSON_CreateObject(), *srcs, *s, *item;
	cJSON_AddStringToObject(o, "name", name);
	cJSON *proj = cJSON_AddObjectToObject(o, "projected");
	srcs = cJSON_AddArrayToObject(proj, "sources");
	s = cJSON_CreateObject();
	cJSON *tok = cJSON_AddObjectToObject(s, "serviceAccountToken");
	cJSON_AddNumberToObject(tok, "expirationSeconds", ADMISSION_TOKEN_EXPIRATION);
	cJSON_AddStringToObject(tok, "path", "token");
	cJSON_AddItemToArray(srcs, s);
	s = cJSON_CreateObject();
	cJSON *cm = cJSON_AddObjectToObject(s, "configMap");
	cJSON_AddStringToObject(cm, "name", "kube-root-ca.crt");
	item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "key", "ca.crt");
	cJSON_AddStringToObject(item, "path", "ca.crt");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(cm, "items"), item);
	cJSON_AddItemToArray(srcs, s);
	s = cJSON_CreateObject();
	cJSON *dapi = cJSON_AddObjectToObject(s, "downwardAPI");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(dapi, "items"),
			     fieldref_item("namespace", "metadata.namespace"));
	cJSON_AddItemToArray(srcs, s);
	cJSON_AddNumberToObject(proj, "defaultMode", 420);
	return o;
}

cJSON *report_json_manifest_volumes(const pod_spec *s, const char *token_volume)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < s->n_volumes; i++)
		cJSON_AddItemToArray(a, volume_json(&s->volumes[i]));
	cJSON_AddItemToArray(a, token_volume_json(token_volume));
	return a;
}
