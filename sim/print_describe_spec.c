/* print_describe_spec.c - describe's view of the pod spec (kubectl
 * pkg/describe/describe.go): printLabelsMultiline, printAnnotationsMultiline,
 * describeContainerEnvVars, describeContainerVolumes, describeVolumes with
 * its print*VolumeSource helpers, and printPodTolerationsMultiline, applied
 * to the object the API server stores, so with what admission added
 * (admission.c): the kube-api-access-xxxxx projected volume, its mount in
 * every container, the default tolerations.
 *
 * Mounts are sorted with sort.Sort(SortableVolumeMounts) (mountPath) and
 * tolerations with sort.Slice by key, both Go's pdqsort (gosort.c), whose
 * insertion sort keeps equal keys in order up to 12 elements.
 *
 * The projected volume's configMap source prints "ConfigMapOptional: <nil>"
 * (the *bool formatted with %v) up to kubectl 1.32; kubectl 1.33 prints
 * "Optional: false" (kubernetes PR #129457, "Enhance describe output for
 * projected volume sources", merged for 1.33).
 *
 * An env fieldRef's value is resolved by EnvValueRetriever, whose
 * ConvertFieldLabel in kubectl's scheme knows only metadata.name and
 * metadata.namespace (DefaultMetaV1FieldSelectorConversion); every other
 * path prints an empty value, as real describe does ("  (v1:status.podIP)").
 * A resourceFieldRef's value is ExtractContainerResourceValue on the
 * container's defaulted resources, ceil(value / divisor) (milli-units for
 * cpu), "node allocatable" for an unset limits.cpu / limits.memory.
 *
 * Volume sources: emptyDir, hostPath, secret, configMap and
 * persistentVolumeClaim print as kubectl prints them; any other source prints
 * kubectl's "<unknown>" fallback, a known limitation (podsim keeps only a
 * source's scalar fields, not the nested ones the other printers need).
 */
#include "print_describe_spec.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "admission.h"
#include "gosort.h"
#include "quantity.h"

void print_describe_spec_put(tabwriter *tw, int level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	assert(n >= 0 && level >= 0);
	size_t indent = 2 * (size_t)level;
	char *s = xmalloc(indent + (size_t)n + 1);
	memset(s, ' ', indent);
	va_start(ap, fmt);
	vsnprintf(s + indent, (size_t)n + 1, fmt, ap);
	va_end(ap);
	tabwriter_write(tw, s);
	free(s);
}

#define put print_describe_spec_put

/* ---- maps ---------------------------------------------------------------- */

static int by_key(const void *a, const void *b)
{
	return strcmp((*(const kv *const *)a)->key, (*(const kv *const *)b)->key);
}

/* The items sorted by key (sort.Strings); skip, if not NULL, is left out. */
static const kv **sorted_items(const kv *items, int n, const char *skip, int *out_n)
{
	const kv **s = xcalloc((size_t)n + 1, sizeof(*s));
	*out_n = 0;
	for (int i = 0; i < n; i++)
		if (!skip || strcmp(items[i].key, skip) != 0)
			s[(*out_n)++] = &items[i];
	qsort(s, (size_t)*out_n, sizeof(*s), by_key);
	return s;
}

void print_describe_spec_map(tabwriter *tw, const char *title, const kv *items, int n)
{
	int m;
	const kv **s = sorted_items(items, n, NULL, &m);
	if (m == 0)
		put(tw, 0, "%s:\t<none>\n", title);
	for (int i = 0; i < m; i++)
		put(tw, 0, "%s%s%s=%s\n", i == 0 ? title : "", i == 0 ? ":\t" : "\t", s[i]->key,
		    s[i]->value);
	free(s);
}

/* maxAnnotationLen; longer values (or multi-line ones) go on their own
 * lines, each shortened to maxAnnotationLen-2 bytes plus "...". */
#define MAX_ANNOTATION_LEN 140

static void annotation(tabwriter *tw, const kv *a)
{
	size_t len = strlen(a->value);
	if (len > 0 && a->value[len - 1] == '\n') /* strings.TrimSuffix(v, "\n") */
		len--;
	if (len + strlen(a->key) + 2 <= MAX_ANNOTATION_LEN && !memchr(a->value, '\n', len)) {
		put(tw, 0, "%s: %.*s\n", a->key, (int)len, a->value);
		return;
	}
	put(tw, 0, "%s:\n", a->key);
	for (const char *p = a->value, *end = a->value + len;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		if (n > MAX_ANNOTATION_LEN - 2)
			put(tw, 0, "\t  %.*s...\n", MAX_ANNOTATION_LEN - 2, p);
		else
			put(tw, 0, "\t  %.*s\n", (int)n, p);
		if (!nl)
			break;
		p = nl + 1;
	}
}

void print_describe_spec_annotations(tabwriter *tw, const pod_spec *spec)
{
	int m;
	const kv **s = sorted_items(spec->annotations, spec->n_annotations,
				    "kubectl.kubernetes.io/last-applied-configuration", &m);
	put(tw, 0, "Annotations:\t%s", m == 0 ? "<none>\n" : "");
	for (int i = 0; i < m; i++) {
		if (i > 0)
			put(tw, 0, "\t");
		annotation(tw, s[i]);
	}
	free(s);
}

/* ---- environment --------------------------------------------------------- */

/* A quantity as a number of units (milli-units when milli), the way
 * resource.Quantity's Value / MilliValue read it, as a long double; 0 when
 * text is NULL. */
static long double quantity_units(const char *text, bool milli)
{
	static const struct {
		const char *suffix;
		long double mult;
	} suffixes[] = {{"Ki", 0x1p10L}, {"Mi", 0x1p20L}, {"Gi", 0x1p30L}, {"Ti", 0x1p40L},
			{"Pi", 0x1p50L}, {"Ei", 0x1p60L}, {"n", 1e-9L},	  {"u", 1e-6L},
			{"m", 1e-3L},	 {"k", 1e3L},	  {"M", 1e6L},	  {"G", 1e9L},
			{"T", 1e12L},	 {"P", 1e15L},	  {"E", 1e18L},	  {"", 1}};
	if (!text)
		return 0;
	char *end;
	long double v = strtold(text, &end);
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (strcmp(end, suffixes[i].suffix) == 0) {
			v *= suffixes[i].mult;
			break;
		}
	return milli ? v * 1000 : v;
}

static const char *resource_of(const kv *list, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].key, name) == 0)
			return list[i].value;
	return NULL;
}

/* ExtractContainerResourceValue: "limits.X" / "requests.X" of c, after
 * API defaulting (a limit is also the request when none is given). */
static void resource_value(const container_spec *c, const env_spec *e, char *buf, size_t len)
{
	const char *dot = e->ref ? strchr(e->ref, '.') : NULL;
	if (!dot) {
		buf[0] = '\0';
		return;
	}
	bool limits = strncmp(e->ref, "limits.", 7) == 0, cpu = strcmp(dot + 1, "cpu") == 0;
	const char *q = resource_of(c->limits, c->n_limits, dot + 1);
	const char *req = resource_of(c->requests, c->n_requests, dot + 1);
	if (!limits && req)
		q = req;
	long double div = e->divisor ? quantity_units(e->divisor, cpu) : 0;
	if (div == 0)
		div = cpu ? 1000 : 1;
	long long v = (long long)ceill(quantity_units(q, cpu) / div);
	if (v == 0 && limits && (cpu || strcmp(dot + 1, "memory") == 0))
		snprintf(buf, len, "node allocatable");
	else
		snprintf(buf, len, "%lld", v);
}

static void env_line(tabwriter *tw, const api_pod *p, const container_spec *c,
		     const env_spec *e)
{
	char value[64];
	switch (e->source) {
	case ENV_VALUE:
		for (const char *s = e->value, *nl;; s = nl + 1) {
			nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			put(tw, 3, "%s%s\t%.*s\n", s == e->value ? e->name : "",
			    s == e->value ? ":" : "", (int)n, s);
			if (!nl)
				break;
		}
		break;
	case ENV_FIELD_REF: {
		const char *path = e->ref ? e->ref : "", *v = "";
		if (strcmp(path, "metadata.name") == 0)
			v = p->name;
		else if (strcmp(path, "metadata.namespace") == 0)
			v = p->namespace;
		put(tw, 3, "%s:\t%s (%s:%s)\n", e->name, v, e->from ? e->from : "v1", path);
		break;
	}
	case ENV_RESOURCE_FIELD_REF:
		resource_value(c, e, value, sizeof(value));
		put(tw, 3, "%s:\t%s (%s)\n", e->name, value, e->ref ? e->ref : "");
		break;
	case ENV_SECRET_KEY:
		put(tw, 3, "%s:\t<set to the key '%s' in secret '%s'>\tOptional: %s\n", e->name,
		    e->ref ? e->ref : "", e->from ? e->from : "", e->optional ? "true" : "false");
		break;
	case ENV_CONFIG_MAP_KEY:
		put(tw, 3, "%s:\t<set to the key '%s' of config map '%s'>\tOptional: %s\n",
		    e->name, e->ref ? e->ref : "", e->from ? e->from : "",
		    e->optional ? "true" : "false");
		break;
	case ENV_FILE_KEY: /* no case in describeContainerEnvVars: nothing printed */
		break;
	}
}

void print_describe_spec_env(tabwriter *tw, const api_pod *p, const container_spec *c)
{
	put(tw, 2, "Environment:%s\n", c->n_env == 0 ? "\t<none>" : "");
	for (int i = 0; i < c->n_env; i++)
		env_line(tw, p, c, &c->env[i]);
}

/* ---- mounts -------------------------------------------------------------- */

typedef struct mount_list {
	volume_mount_spec *m;
} mount_list;

static bool mount_less(void *data, int i, int j)
{
	const mount_list *l = data;
	return strcmp(l->m[i].mount_path, l->m[j].mount_path) < 0;
}

static void mount_swap(void *data, int i, int j)
{
	mount_list *l = data;
	volume_mount_spec t = l->m[i];
	l->m[i] = l->m[j];
	l->m[j] = t;
}

static gosort_xorshift go_release(int kubectl_minor)
{
	return kubectl_minor >= 33 ? GOSORT_GO124 : GOSORT_GO119;
}

void print_describe_spec_mounts(tabwriter *tw, const api_pod *p, const container_spec *c,
				int kubectl_minor)
{
	char token[ADMISSION_TOKEN_VOLUME_LEN];
	admission_token_volume_name(p->uid, token, sizeof(token));
	mount_list l = {xcalloc((size_t)c->n_volume_mounts + 1, sizeof(*l.m))};
	int n = c->n_volume_mounts;
	if (n > 0)
		memcpy(l.m, c->volume_mounts, (size_t)n * sizeof(*l.m));
	if (admission_mounts_token(c))
		l.m[n++] = (volume_mount_spec){.name = token,
					       .mount_path = ADMISSION_TOKEN_MOUNT_PATH,
					       .read_only = true};
	gosort_sort(&(gosort_iface){&l, n, mount_less, mount_swap, go_release(kubectl_minor)});
	put(tw, 2, "Mounts:%s\n", n == 0 ? "\t<none>" : "");
	for (int i = 0; i < n; i++) {
		const volume_mount_spec *m = &l.m[i];
		if (m->sub_path && *m->sub_path) /* fmt %q of a plain path */
			put(tw, 3, "%s from %s (%s,path=\"%s\")\n", m->mount_path, m->name,
			    m->read_only ? "ro" : "rw", m->sub_path);
		else
			put(tw, 3, "%s from %s (%s)\n", m->mount_path, m->name,
			    m->read_only ? "ro" : "rw");
	}
	free(l.m);
}

/* ---- volumes ------------------------------------------------------------- */

static const char *param(const volume_spec *v, const char *key, const char *dflt)
{
	const char *s = resource_of(v->params, v->n_params, key);
	return s ? s : dflt;
}

/* The print*VolumeSource helpers for the sources podsim keeps the fields of. */
static void volume_source(tabwriter *tw, const volume_spec *v)
{
	const char *src = v->source;
	if (strcmp(src, "emptyDir") == 0) {
		const char *size = param(v, "sizeLimit", NULL);
		char *q = size && quantity_units(size, false) > 0 ? quantity_string(size) : NULL;
		put(tw, 2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
			   "    Medium:\t%s\n    SizeLimit:\t%s\n",
		    param(v, "medium", ""), q ? q : "<unset>");
		free(q);
	} else if (strcmp(src, "hostPath") == 0) {
		put(tw, 2, "Type:\tHostPath (bare host directory volume)\n    Path:\t%s\n"
			   "    HostPathType:\t%s\n",
		    param(v, "path", ""), param(v, "type", "")); /* defaulted to "" */
	} else if (strcmp(src, "secret") == 0) {
		put(tw, 2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t%s\n"
			   "    Optional:\t%s\n",
		    param(v, "secretName", ""), param(v, "optional", "false"));
	} else if (strcmp(src, "configMap") == 0) {
		put(tw, 2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t%s\n"
			   "    Optional:\t%s\n",
		    param(v, "name", ""), param(v, "optional", "false"));
	} else if (strcmp(src, "persistentVolumeClaim") == 0) {
		put(tw, 2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in "
			   "the same namespace)\n    ClaimName:\t%s\n    ReadOnly:\t%s\n",
		    param(v, "claimName", ""), param(v, "readOnly", "false"));
	} else {
		put(tw, 1, "<unknown>\n");
	}
}

/* printProjectedVolumeSource on the ServiceAccount admission's volume. */
static void token_volume(tabwriter *tw, const char *name, int kubectl_minor)
{
	put(tw, 1, "%s:\n", name);
	put(tw, 2, "Type:\tProjected (a volume that contains injected data from multiple "
		   "sources)\n");
	put(tw, 2, "TokenExpirationSeconds:\t%d\n", ADMISSION_TOKEN_EXPIRATION);
	if (kubectl_minor >= 33)
		put(tw, 2, "ConfigMapName:\tkube-root-ca.crt\n    Optional:\tfalse\n");
	else
		put(tw, 2, "ConfigMapName:\tkube-root-ca.crt\n    ConfigMapOptional:\t<nil>\n");
	put(tw, 2, "DownwardAPI:\ttrue\n");
}

void print_describe_spec_volumes(tabwriter *tw, const api_pod *p, int kubectl_minor)
{
	char token[ADMISSION_TOKEN_VOLUME_LEN];
	admission_token_volume_name(p->uid, token, sizeof(token));
	put(tw, 0, "Volumes:\n");
	for (int i = 0; i < p->spec->n_volumes; i++) {
		put(tw, 1, "%s:\n", p->spec->volumes[i].name);
		volume_source(tw, &p->spec->volumes[i]);
	}
	token_volume(tw, token, kubectl_minor);
}

/* ---- tolerations --------------------------------------------------------- */

typedef struct toleration_list {
	toleration_spec *t;
} toleration_list;

static bool toleration_less(void *data, int i, int j)
{
	const toleration_list *l = data;
	return strcmp(l->t[i].key ? l->t[i].key : "", l->t[j].key ? l->t[j].key : "") < 0;
}

static void toleration_swap(void *data, int i, int j)
{
	toleration_list *l = data;
	toleration_spec t = l->t[i];
	l->t[i] = l->t[j];
	l->t[j] = t;
}

static bool set(const char *s)
{
	return s && *s;
}

static void toleration_line(tabwriter *tw, const toleration_spec *t)
{
	char line[512] = "";
	size_t n = 0;
	n += (size_t)snprintf(line + n, sizeof(line) - n, "%s", set(t->key) ? t->key : "");
	if (set(t->value))
		n += (size_t)snprintf(line + n, sizeof(line) - n, "=%s", t->value);
	if (set(t->effect))
		n += (size_t)snprintf(line + n, sizeof(line) - n, ":%s", t->effect);
	if (t->operator && strcmp(t->operator, "Exists") == 0 && !set(t->value))
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%sop=Exists",
				      set(t->key) || set(t->effect) ? " " : "");
	if (t->seconds >= 0 && n < sizeof(line))
		snprintf(line + n, sizeof(line) - n, " for %llds", (long long)t->seconds);
	put(tw, 0, "%s\n", line);
}

void print_describe_spec_tolerations(tabwriter *tw, const pod_spec *spec, int kubectl_minor)
{
	int n;
	toleration_list l = {admission_tolerations(spec, &n)};
	gosort_sort(&(gosort_iface){&l, n, toleration_less, toleration_swap,
				    go_release(kubectl_minor)});
	put(tw, 0, "Tolerations:\t%s", n == 0 ? "<none>\n" : "");
	for (int i = 0; i < n; i++) {
		if (i > 0)
			put(tw, 0, "\t");
		toleration_line(tw, &l.t[i]);
	}
	free(l.t);
}
