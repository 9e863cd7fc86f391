/* scenario_schema.c - strict field validation: every key of a v1 Pod checked against the schema.
 *
 * kubectl >= 1.27 asks the API server for strict field validation by
 * default (--validate=strict, KEP 2885): the server decodes the object with
 * sigs.k8s.io/json's UnmarshalStrict, which collects an error for every
 * field the Go type has no json tag for ("unknown field") and every key
 * given twice in one object ("duplicate field"), each named by its full
 * path, and the create fails with
 *   Pod in version "v1" cannot be handled as a Pod: strict decoding error:
 *   unknown field "spec.containers[0].livenessProbe.initialDelaySecond"
 * (apimachinery pkg/runtime/serializer/json, NewStrictDecodingError).  With
 * --validate=warn the object is created (a repeated key keeps its last
 * value, as Go's JSON decoder does) and kubectl prints one
 * `Warning: unknown field "..."` per field; with ignore, nothing.  podsim
 * does the same before it reads a Pod: the first problem in file order is
 * the one error (podsim prints one line, the server joins them all), and
 * warnings go to scenario.warnings with their file:line:col.
 * The schema below is the v1 Pod as in staging/src/k8s.io/api/core/v1/
 * types.go (json tags, Kubernetes 1.35: the last PodSpec fields are
 * hostnameOverride and workloadRef), and ObjectMeta from apimachinery
 * pkg/apis/meta/v1/types.go, as C data: one array of fields per Go struct,
 * each field saying what its value is (a struct, a list of structs, a
 * string map, or anything else, which is not looked into).  Every field is
 * known, including the many podsim does not model: they are accepted and
 * ignored, as a cluster would accept them.  `status` is not looked into: the
 * server discards it on create.  A node reached twice through YAML aliases
 * is checked once (document nodes are marked), so aliases cannot make the
 * walk exponential; the first path it was reached by is the one reported.
 * Rejected: a generated OpenAPI dump (thousands of lines of JSON to read at
 * startup for ~400 names), type checks of unmodelled scalars (the server's
 * JSON decoder would refuse `hostNetwork: {}`; podsim cares about names).
 */
#include "scenario_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
	ANY,    /* a scalar, or a value podsim does not look into */
	STRUCT, /* a mapping with the fields of .sub */
	LIST,   /* a list of mappings with the fields of .sub */
	MAP     /* a mapping of free keys (labels, resource lists): only duplicates */
} shape;

typedef struct field {
	const char *name;
	shape shape;
	const struct field *sub; /* NULL-terminated fields, for STRUCT and LIST */
} field;

#define V(n) {n, ANY, NULL}
#define S(n, ...) {n, STRUCT, __VA_ARGS__}
#define L(n, ...) {n, LIST, __VA_ARGS__}
#define M(n) {n, MAP, NULL}
#define END {NULL, ANY, NULL}

/* ---- shared small structs ---------------------------------------------- */

static const field local_ref[] = {V("name"), END}; /* LocalObjectReference */
static const field key_sel[] = {V("name"), V("key"), V("optional"), END};
static const field field_sel[] = {V("apiVersion"), V("fieldPath"), END};
static const field res_field_sel[] = {V("containerName"), V("resource"), V("divisor"), END};
static const field requirement[] = {V("key"), V("operator"), V("values"), END};
static const field label_sel[] = {M("matchLabels"), L("matchExpressions", requirement), END};
static const field name_value[] = {V("name"), V("value"), END};
static const field key_to_path[] = {V("key"), V("path"), V("mode"), END};
static const field se_linux[] = {V("user"), V("role"), V("type"), V("level"), END};
static const field windows[] = {V("gmsaCredentialSpecName"), V("gmsaCredentialSpec"),
				V("runAsUserName"), V("hostProcess"), END};
static const field profile[] = {V("type"), V("localhostProfile"), END};

/* ---- ObjectMeta --------------------------------------------------------- */

static const field owner_ref[] = {V("apiVersion"), V("kind"),       V("name"),
				  V("uid"),        V("controller"), V("blockOwnerDeletion"),
				  END};
static const field managed[] = {V("manager"),    V("operation"), V("apiVersion"), V("time"),
				 V("fieldsType"), V("fieldsV1"),  V("subresource"),  END};
static const field object_meta[] = {V("name"),
				    V("generateName"),
				    V("namespace"),
				    V("selfLink"),
				    V("uid"),
				    V("resourceVersion"),
				    V("generation"),
				    V("creationTimestamp"),
				    V("deletionTimestamp"),
				    V("deletionGracePeriodSeconds"),
				    M("labels"),
				    M("annotations"),
				    L("ownerReferences", owner_ref),
				    V("finalizers"),
				    L("managedFields", managed),
				    END};

/* ---- Container ---------------------------------------------------------- */

static const field exec_action[] = {V("command"), END};
static const field http_get[] = {V("path"), V("port"), V("host"), V("scheme"),
				 L("httpHeaders", name_value), END};
static const field tcp_socket[] = {V("port"), V("host"), END};
static const field grpc_action[] = {V("port"), V("service"), END};
static const field sleep_action[] = {V("seconds"), END};
static const field probe[] = {S("exec", exec_action),
			      S("httpGet", http_get),
			      S("tcpSocket", tcp_socket),
			      S("grpc", grpc_action),
			      V("initialDelaySeconds"),
			      V("timeoutSeconds"),
			      V("periodSeconds"),
			      V("successThreshold"),
			      V("failureThreshold"),
			      V("terminationGracePeriodSeconds"),
			      END};
static const field handler[] = {S("exec", exec_action), S("httpGet", http_get),
				S("tcpSocket", tcp_socket), S("sleep", sleep_action), END};
static const field lifecycle[] = {S("postStart", handler), S("preStop", handler),
				  V("stopSignal"), END};
static const field port[] = {V("name"),     V("hostPort"), V("containerPort"),
			     V("protocol"), V("hostIP"),   END};
static const field value_from[] = {S("fieldRef", field_sel), S("resourceFieldRef", res_field_sel),
				   S("configMapKeyRef", key_sel), S("secretKeyRef", key_sel),
				   S("fileKeyRef", (const field[]){V("volumeName"), V("path"),
								   V("key"), V("optional"), END}),
				   END};
static const field env[] = {V("name"), V("value"), S("valueFrom", value_from), END};
static const field optional_ref[] = {V("name"), V("optional"), END};
static const field env_from[] = {V("prefix"), S("configMapRef", optional_ref),
				 S("secretRef", optional_ref), END};
static const field resources[] = {M("limits"), M("requests"),
				  L("claims", (const field[]){V("name"), V("request"), END}), END};
static const field security[] = {S("capabilities", (const field[]){V("add"), V("drop"), END}),
				 V("privileged"),
				 S("seLinuxOptions", se_linux),
				 S("windowsOptions", windows),
				 V("runAsUser"),
				 V("runAsGroup"),
				 V("runAsNonRoot"),
				 V("readOnlyRootFilesystem"),
				 V("allowPrivilegeEscalation"),
				 V("procMount"),
				 S("seccompProfile", profile),
				 S("appArmorProfile", profile),
				 END};
static const field restart_rule[] = {
	V("action"), S("exitCodes", (const field[]){V("operator"), V("values"), END}), END};
static const field volume_mount[] = {V("name"),      V("readOnly"),         V("recursiveReadOnly"),
				     V("mountPath"), V("subPath"),          V("mountPropagation"),
				     V("subPathExpr"), END};

/* Container, and EphemeralContainer (the same fields plus targetContainerName). */
#define CONTAINER_FIELDS                                                                     \
	V("name"), V("image"), V("command"), V("args"), V("workingDir"), L("ports", port),     \
		L("envFrom", env_from), L("env", env), S("resources", resources),             \
		L("resizePolicy", (const field[]){V("resourceName"), V("restartPolicy"), END}), \
		V("restartPolicy"), L("restartPolicyRules", restart_rule),                     \
		L("volumeMounts", volume_mount),                                               \
		L("volumeDevices", (const field[]){V("name"), V("devicePath"), END}),          \
		S("livenessProbe", probe), S("readinessProbe", probe), S("startupProbe", probe), \
		S("lifecycle", lifecycle), V("terminationMessagePath"),                        \
		V("terminationMessagePolicy"), V("imagePullPolicy"), S("securityContext", security), \
		V("stdin"), V("stdinOnce"), V("tty")
static const field container[] = {CONTAINER_FIELDS, END};
static const field ephemeral[] = {CONTAINER_FIELDS, V("targetContainerName"), END};

/* ---- Volume ------------------------------------------------------------- */

static const field items_source[] = {V("name"), L("items", key_to_path), V("optional"), END};
static const field downward_file[] = {V("path"), S("fieldRef", field_sel),
				      S("resourceFieldRef", res_field_sel), V("mode"), END};
static const field downward[] = {L("items", downward_file), V("defaultMode"), END};
static const field projection[] = {
	S("secret", items_source),
	S("downwardAPI", (const field[]){L("items", downward_file), END}),
	S("configMap", items_source),
	S("serviceAccountToken", (const field[]){V("audience"), V("expirationSeconds"), V("path"), END}),
	S("clusterTrustBundle", (const field[]){V("name"), V("signerName"), S("labelSelector", label_sel),
						V("optional"), V("path"), END}),
	S("podCertificate", (const field[]){V("signerName"), V("keyType"), V("maxExpirationSeconds"),
					    V("credentialBundlePath"), V("keyPath"),
					    V("certificateChainPath"), M("userAnnotations"), END}),
	END};
static const field typed_ref[] = {V("apiGroup"), V("kind"), V("name"), V("namespace"), END};
static const field pvc_spec[] = {V("accessModes"),
				 S("selector", label_sel),
				 S("resources", (const field[]){M("limits"), M("requests"), END}),
				 V("volumeName"),
				 V("storageClassName"),
				 V("volumeMode"),
				 S("dataSource", typed_ref),
				 S("dataSourceRef", typed_ref),
				 V("volumeAttributesClassName"),
				 END};
static const field volume[] = {
	V("name"),
	S("hostPath", (const field[]){V("path"), V("type"), END}),
	S("emptyDir", (const field[]){V("medium"), V("sizeLimit"), END}),
	S("gcePersistentDisk", (const field[]){V("pdName"), V("fsType"), V("partition"),
					       V("readOnly"), END}),
	S("awsElasticBlockStore", (const field[]){V("volumeID"), V("fsType"), V("partition"),
						  V("readOnly"), END}),
	S("gitRepo", (const field[]){V("repository"), V("revision"), V("directory"), END}),
	S("secret", (const field[]){V("secretName"), L("items", key_to_path), V("defaultMode"),
				    V("optional"), END}),
	S("nfs", (const field[]){V("server"), V("path"), V("readOnly"), END}),
	S("iscsi", (const field[]){V("targetPortal"), V("iqn"), V("lun"), V("iscsiInterface"),
				   V("fsType"), V("readOnly"), V("portals"), V("chapAuthDiscovery"),
				   V("chapAuthSession"), S("secretRef", local_ref),
				   V("initiatorName"), END}),
	S("glusterfs", (const field[]){V("endpoints"), V("path"), V("readOnly"), END}),
	S("persistentVolumeClaim", (const field[]){V("claimName"), V("readOnly"), END}),
	S("rbd", (const field[]){V("monitors"), V("image"), V("fsType"), V("pool"), V("user"),
				 V("keyring"), S("secretRef", local_ref), V("readOnly"), END}),
	S("flexVolume", (const field[]){V("driver"), V("fsType"), S("secretRef", local_ref),
					V("readOnly"), M("options"), END}),
	S("cinder", (const field[]){V("volumeID"), V("fsType"), V("readOnly"),
				    S("secretRef", local_ref), END}),
	S("cephfs", (const field[]){V("monitors"), V("path"), V("user"), V("secretFile"),
				    S("secretRef", local_ref), V("readOnly"), END}),
	S("flocker", (const field[]){V("datasetName"), V("datasetUUID"), END}),
	S("downwardAPI", downward),
	S("fc", (const field[]){V("targetWWNs"), V("lun"), V("fsType"), V("readOnly"), V("wwids"),
				END}),
	S("azureFile", (const field[]){V("secretName"), V("shareName"), V("readOnly"), END}),
	S("configMap", (const field[]){V("name"), L("items", key_to_path), V("defaultMode"),
				       V("optional"), END}),
	S("vsphereVolume", (const field[]){V("volumePath"), V("fsType"), V("storagePolicyName"),
					   V("storagePolicyID"), END}),
	S("quobyte", (const field[]){V("registry"), V("volume"), V("readOnly"), V("user"),
				     V("group"), V("tenant"), END}),
	S("azureDisk", (const field[]){V("diskName"), V("diskURI"), V("cachingMode"), V("fsType"),
				       V("readOnly"), V("kind"), END}),
	S("photonPersistentDisk", (const field[]){V("pdID"), V("fsType"), END}),
	S("projected", (const field[]){L("sources", projection), V("defaultMode"), END}),
	S("portworxVolume", (const field[]){V("volumeID"), V("fsType"), V("readOnly"), END}),
	S("scaleIO", (const field[]){V("gateway"), V("system"), S("secretRef", local_ref),
				     V("sslEnabled"), V("protectionDomain"), V("storagePool"),
				     V("storageMode"), V("volumeName"), V("fsType"), V("readOnly"),
				     END}),
	S("storageos", (const field[]){V("volumeName"), V("volumeNamespace"), V("fsType"),
				       V("readOnly"), S("secretRef", local_ref), END}),
	S("csi", (const field[]){V("driver"), V("readOnly"), V("fsType"), M("volumeAttributes"),
				 S("nodePublishSecretRef", local_ref), END}),
	S("ephemeral", (const field[]){S("volumeClaimTemplate", (const field[]){S("metadata",
										   object_meta),
										 S("spec", pvc_spec),
										 END}),
				       END}),
	S("image", (const field[]){V("reference"), V("pullPolicy"), END}),
	END};

/* ---- scheduling --------------------------------------------------------- */

static const field node_term[] = {L("matchExpressions", requirement),
				  L("matchFields", requirement), END};
static const field node_affinity[] = {
	S("requiredDuringSchedulingIgnoredDuringExecution",
	  (const field[]){L("nodeSelectorTerms", node_term), END}),
	L("preferredDuringSchedulingIgnoredDuringExecution",
	  (const field[]){V("weight"), S("preference", node_term), END}),
	END};
static const field pod_term[] = {S("labelSelector", label_sel), V("namespaces"),
				 V("topologyKey"), S("namespaceSelector", label_sel),
				 V("matchLabelKeys"), V("mismatchLabelKeys"), END};
static const field pod_affinity[] = {
	L("requiredDuringSchedulingIgnoredDuringExecution", pod_term),
	L("preferredDuringSchedulingIgnoredDuringExecution",
	  (const field[]){V("weight"), S("podAffinityTerm", pod_term), END}),
	END};
static const field affinity[] = {S("nodeAffinity", node_affinity),
				 S("podAffinity", pod_affinity),
				 S("podAntiAffinity", pod_affinity), END};
static const field toleration[] = {V("key"), V("operator"), V("value"), V("effect"),
				   V("tolerationSeconds"), END};
static const field spread[] = {V("maxSkew"), V("topologyKey"), V("whenUnsatisfiable"),
			       S("labelSelector", label_sel), V("minDomains"),
			       V("nodeAffinityPolicy"), V("nodeTaintsPolicy"),
			       V("matchLabelKeys"), END};

/* ---- PodSpec and Pod ---------------------------------------------------- */

static const field pod_security[] = {S("seLinuxOptions", se_linux),
				     S("windowsOptions", windows),
				     V("runAsUser"),
				     V("runAsGroup"),
				     V("runAsNonRoot"),
				     V("supplementalGroups"),
				     V("supplementalGroupsPolicy"),
				     V("fsGroup"),
				     L("sysctls", name_value),
				     V("fsGroupChangePolicy"),
				     S("seccompProfile", profile),
				     S("appArmorProfile", profile),
				     V("seLinuxChangePolicy"),
				     END};
static const field spec[] = {
	L("volumes", volume),
	L("initContainers", container),
	L("containers", container),
	L("ephemeralContainers", ephemeral),
	V("restartPolicy"),
	V("terminationGracePeriodSeconds"),
	V("activeDeadlineSeconds"),
	V("dnsPolicy"),
	M("nodeSelector"),
	V("serviceAccountName"),
	V("serviceAccount"),
	V("automountServiceAccountToken"),
	V("nodeName"),
	V("hostNetwork"),
	V("hostPID"),
	V("hostIPC"),
	V("shareProcessNamespace"),
	S("securityContext", pod_security),
	L("imagePullSecrets", local_ref),
	V("hostname"),
	V("subdomain"),
	S("affinity", affinity),
	V("schedulerName"),
	L("tolerations", toleration),
	L("hostAliases", (const field[]){V("ip"), V("hostnames"), END}),
	V("priorityClassName"),
	V("priority"),
	S("dnsConfig", (const field[]){V("nameservers"), V("searches"), L("options", name_value),
				       END}),
	L("readinessGates", (const field[]){V("conditionType"), END}),
	V("runtimeClassName"),
	V("enableServiceLinks"),
	V("preemptionPolicy"),
	M("overhead"),
	L("topologySpreadConstraints", spread),
	V("setHostnameAsFQDN"),
	S("os", (const field[]){V("name"), END}),
	V("hostUsers"),
	L("schedulingGates", (const field[]){V("name"), END}),
	L("resourceClaims", (const field[]){V("name"), V("resourceClaimName"),
					    V("resourceClaimTemplateName"), END}),
	S("resources", resources),
	V("hostnameOverride"),
	S("workloadRef", (const field[]){V("name"), V("podGroup"), V("podGroupReplicaKey"), END}),
	END};
static const field pod[] = {V("apiVersion"), V("kind"), S("metadata", object_meta),
			    S("spec", spec), V("status"), END};
/* A List's own fields; each item is checked as the object it is. */
static const field list[] = {V("apiVersion"), V("kind"),
			     S("metadata", (const field[]){V("selfLink"), V("resourceVersion"),
							   V("continue"), V("remainingItemCount"),
							   END}),
			     V("items"), END};

/* ---- duplicates --------------------------------------------------------- */

typedef struct text_ref {
	const char *text;
	size_t at; /* its index in the caller's array */
} text_ref;

static int cmp_texts(const void *a, const void *b)
{
	const text_ref *x = a, *y = b;
	int r = strcmp(x->text, y->text);
	return r ? r : (x->at > y->at) - (x->at < y->at);
}

unsigned char *scenario_schema_repeats(const char *const *texts, size_t n)
{
	size_t m = 0;
	text_ref *v = xmalloc((n ? n : 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		if (texts[i])
			v[m++] = (text_ref){texts[i], i};
	qsort(v, m, sizeof(*v), cmp_texts);
	unsigned char *dup = NULL;
	for (size_t i = 1; i < m; i++)
		if (strcmp(v[i].text, v[i - 1].text) == 0) {
			dup = dup ? dup : xcalloc(n, 1);
			dup[v[i].at] = 1;
		}
	free(v);
	return dup;
}

unsigned char *scenario_schema_duplicates(scenario_yaml_ctx *c, const yaml_node_t *map)
{
	assert(map->type == YAML_MAPPING_NODE);
	const yaml_node_pair_t *pairs = map->data.mapping.pairs.start;
	size_t n = (size_t)(map->data.mapping.pairs.top - pairs);
	if (n < 2)
		return NULL;
	const char **keys = xcalloc(n, sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *k = scenario_yaml_node(c, pairs[i].key);
		keys[i] = k->type == YAML_SCALAR_NODE ? scenario_yaml_text(k) : NULL;
	}
	unsigned char *dup = scenario_schema_repeats(keys, n);
	free(keys);
	return dup;
}

/* Sorting makes it O(n log n): comparing each name with every earlier one
 * took 1 s for 20,000 containers. */
unsigned char *scenario_schema_repeated_names(scenario_yaml_ctx *c, yaml_node_t *const seqs[],
					      int n_seqs)
{
	size_t n = 0, k = 0;
	for (int s = 0; s < n_seqs; s++)
		n += seqs[s] ? scenario_yaml_n_items(seqs[s]) : 0;
	const char **names = xcalloc(n ? n : 1, sizeof(*names));
	for (int s = 0; s < n_seqs; s++)
		for (size_t i = 0; seqs[s] && i < scenario_yaml_n_items(seqs[s]); i++, k++) {
			yaml_node_t *it = scenario_yaml_item(c, seqs[s], i), *v = NULL;
			if (it->type == YAML_MAPPING_NODE)
				v = scenario_yaml_lookup(c, it, "name");
			names[k] = v && v->type == YAML_SCALAR_NODE ? scenario_yaml_text(v) : NULL;
		}
	unsigned char *dup = scenario_schema_repeats(names, n);
	free(names);
	return dup;
}

/* ---- the walk ----------------------------------------------------------- */

typedef struct walk {
	scenario_yaml_ctx *c;
	const char *kind; /* "Pod" or "List", for the message */
	size_t base;      /* c->path length at the object's root */
} walk;

/* One strict decoding problem at key k: the error, or a warning. */
static int report(walk *w, const yaml_node_t *k, const char *what)
{
	scenario_yaml_ctx *c = w->c;
	const char *path = c->path + w->base + (w->base ? 1 : 0);
	src_loc at = scenario_yaml_loc(c, k);
	if (c->sc->validate == SCENARIO_VALIDATE_WARN) {
		scenario *sc = c->sc;
		sc->warnings = xrealloc(sc->warnings, (size_t)(sc->n_warnings + 1) * sizeof(char *));
		sc->warnings[sc->n_warnings++] =
			xasprintf("%s:%d:%d: %s field \"%s\"", at.file, at.line, at.col, what, path);
		return 0;
	}
	snprintf(c->err, c->errlen,
		 "%s:%d:%d: %s in version \"v1\" cannot be handled as a %s: strict decoding error: "
		 "%s field \"%s\"",
		 at.file, at.line, at.col, w->kind, w->kind, what, path);
	return -1;
}

static const field *find(const field *fields, const char *name)
{
	for (; fields && fields->name; fields++)
		if (strcmp(fields->name, name) == 0)
			return fields;
	return NULL;
}

static bool first_visit(scenario_yaml_ctx *c, const yaml_node_t *n)
{
	unsigned char *mark = &c->walked[n - c->doc->nodes.start];
	bool first = !*mark;
	*mark = 1;
	return first;
}

static int walk_value(walk *w, const yaml_node_t *n, const field *f);

/* The keys of map in file order: a repeat, or a name not in fields (NULL:
 * any name), is reported; known fields are walked into. */
static int walk_map(walk *w, const yaml_node_t *map, const field *fields, bool free_keys)
{
	scenario_yaml_ctx *c = w->c;
	if (map->type != YAML_MAPPING_NODE || !first_visit(c, map))
		return 0; /* a type error is the reader's to report */
	unsigned char *dup = scenario_schema_duplicates(c, map);
	const yaml_node_pair_t *pairs = map->data.mapping.pairs.start;
	size_t n = (size_t)(map->data.mapping.pairs.top - pairs);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		yaml_node_t *k = scenario_yaml_node(c, pairs[i].key);
		if (k->type != YAML_SCALAR_NODE)
			continue; /* refused by the structural pass */
		size_t saved = scenario_yaml_push_key(c, scenario_yaml_text(k));
		const field *f = free_keys ? NULL : find(fields, scenario_yaml_text(k));
		if (dup && dup[i])
			rc = report(w, k, "duplicate");
		if (rc == 0 && !free_keys && !f)
			rc = report(w, k, "unknown");
		else if (rc == 0 && f)
			rc = walk_value(w, scenario_yaml_node(c, pairs[i].value), f);
		if (rc == 0)
			scenario_yaml_pop(c, saved);
	}
	free(dup);
	return rc;
}

static int walk_value(walk *w, const yaml_node_t *n, const field *f)
{
	switch (f->shape) {
	case ANY:
		return 0;
	case STRUCT:
		return walk_map(w, n, f->sub, false);
	case MAP:
		return walk_map(w, n, NULL, true);
	case LIST:
		break;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return 0;
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		size_t saved =
			scenario_yaml_push_index(w->c, (size_t)(it - n->data.sequence.items.start));
		if (walk_map(w, scenario_yaml_node(w->c, *it), f->sub, false))
			return -1;
		scenario_yaml_pop(w->c, saved);
	}
	return 0;
}

int scenario_schema_check(scenario_yaml_ctx *c, const yaml_node_t *root, const char *kind)
{
	assert(strcmp(kind, "Pod") == 0 || strcmp(kind, "List") == 0);
	if (c->sc->validate == SCENARIO_VALIDATE_IGNORE)
		return 0;
	walk w = {c, kind, c->plen};
	return walk_map(&w, root, strcmp(kind, "Pod") == 0 ? pod : list, false);
}
