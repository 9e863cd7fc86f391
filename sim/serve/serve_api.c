/* serve_api.c - the read side of the Kubernetes API that kubectl needs:
 * discovery, GET/LIST of pods and events (with selectors), the server-side
 * Table of `kubectl get pods`, pods/log and metav1.Status errors.
 *
 * Each request is answered from the run's object store at the run's
 * current virtual instant, as k8s.io/apiserver's handlers (get.go
 * GetResource/ListResource, response.go) answer from etcd.  Pod and Event
 * bodies are report_json's (one serializer for `-o json` and the API);
 * Table rows are print_get's printPod cells (pkg/printers/internalversion
 * printers.go printPod), so `kubectl get pods` prints podsim's own rows.
 * Discovery is the legacy form (plain JSON): client-go falls back to it
 * whenever the response is not an APIGroupDiscoveryList
 * (discovery_client.go ContentTypeIsGVK), which every kubectl since 1.29
 * accepts; aggregated discovery would only save requests.
 *
 * Timestamps: kubectl computes describe's ages against its own wall clock,
 * so served times put the current virtual instant at the current wall
 * second (epoch = wall now - virtual now); Table ages are computed here at
 * the virtual instant and do not depend on it.  Rejected: the scenario's
 * startTime as epoch, which makes every client-side age read in years.
 *
 * This file includes <cjson/cJSON.h> besides report_json.c: its whole
 * output is JSON documents that report_json has no business knowing
 * (discovery, Table, Status).
 */
#include "serve_int.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apiserver.h"
#include "podsim.h"
#include "print_get.h"
#include "report_json.h"

/* ---- replies ---------------------------------------------------------- */

static void reply_json(serve_reply *out, int code, cJSON *doc)
{
	char *text = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	out->code = code;
	out->content_type = "application/json";
	out->body = xstrdup(text);
	cJSON_free(text);
}

/* metav1.Status as apimachinery pkg/api/errors/errors.go builds it. */
static void reply_status(serve_reply *out, int code, const char *reason, const char *message,
			 const char *name, const char *kind)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "kind", "Status");
	cJSON_AddStringToObject(s, "apiVersion", "v1");
	cJSON_AddItemToObject(s, "metadata", cJSON_CreateObject());
	cJSON_AddStringToObject(s, "status", "Failure");
	cJSON_AddStringToObject(s, "message", message);
	cJSON_AddStringToObject(s, "reason", reason);
	if (name || kind) {
		cJSON *d = cJSON_AddObjectToObject(s, "details");
		if (name)
			cJSON_AddStringToObject(d, "name", name);
		if (kind)
			cJSON_AddStringToObject(d, "kind", kind);
	}
	cJSON_AddNumberToObject(s, "code", code);
	reply_json(out, code, s);
}

void serve_api_status(serve_reply *out, int code, const char *reason, const char *message)
{
	reply_status(out, code, reason, message, NULL, NULL);
}

static void reply_not_found(serve_reply *out, const char *resource, const char *name)
{
	char msg[256];
	snprintf(msg, sizeof(msg), "%s \"%s\" not found", resource, name);
	reply_status(out, 404, "NotFound", msg, name, resource);
}

static void reply_no_route(serve_reply *out)
{
	reply_status(out, 404, "NotFound", "the server could not find the requested resource",
		     NULL, NULL);
}

static void reply_bad_request(serve_reply *out, const char *msg)
{
	reply_status(out, 400, "BadRequest", msg, NULL, NULL);
}

static void add_rv(cJSON *obj, uint64_t rv)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)rv);
	cJSON_AddStringToObject(obj, "resourceVersion", buf);
}

static int64_t epoch_now(const serve_ctx *ctx)
{
	return (int64_t)time(NULL) - sim_now(ctx->run) / NSEC_PER_SEC;
}

/* ---- discovery -------------------------------------------------------- */

static cJSON *strings(const char *const *v)
{
	cJSON *a = cJSON_CreateArray();
	for (; *v; v++)
		cJSON_AddItemToArray(a, cJSON_CreateString(*v));
	return a;
}

static void add_resource(cJSON *list, const char *name, const char *singular, const char *kind,
			 const char *const *verbs, const char *short_name)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "name", name);
	cJSON_AddStringToObject(r, "singularName", singular);
	cJSON_AddBoolToObject(r, "namespaced", true);
	cJSON_AddStringToObject(r, "kind", kind);
	cJSON_AddItemToObject(r, "verbs", strings(verbs));
	if (short_name) {
		const char *sn[] = { short_name, NULL };
		cJSON_AddItemToObject(r, "shortNames", strings(sn));
	}
	if (strcmp(name, "pods") == 0) {
		const char *cat[] = { "all", NULL };
		cJSON_AddItemToObject(r, "categories", strings(cat));
	}
	cJSON_AddItemToArray(list, r);
}

/* The served subset of the core group: what is read-only is listed with
 * the verbs it has (a client checks verbs before it asks). */
static void api_v1(serve_reply *out)
{
	static const char *const read[] = { "get", "list", NULL };
	static const char *const pods[] = { "delete", "get", "list", "watch", NULL };
	static const char *const log[] = { "get", NULL };
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "kind", "APIResourceList");
	cJSON_AddStringToObject(d, "apiVersion", "v1");
	cJSON_AddStringToObject(d, "groupVersion", "v1");
	cJSON *rs = cJSON_AddArrayToObject(d, "resources");
	add_resource(rs, "events", "event", "Event", read, "ev");
	add_resource(rs, "pods", "pod", "Pod", pods, "po");
	add_resource(rs, "pods/log", "", "Pod", log, NULL);
	reply_json(out, 200, d);
}

static void discovery(serve_ctx *ctx, const char *url, serve_reply *out)
{
	cJSON *d = cJSON_CreateObject();
	if (strcmp(url, "/version") == 0) {
		char minor[8], git[24];
		int m = ctx->sc->settings.kubelet.version_minor;
		snprintf(minor, sizeof(minor), "%d", m);
		snprintf(git, sizeof(git), "v1.%d.0", m);
		cJSON_AddStringToObject(d, "major", "1");
		cJSON_AddStringToObject(d, "minor", minor);
		cJSON_AddStringToObject(d, "gitVersion", git);
		cJSON_AddStringToObject(d, "gitTreeState", "clean");
		cJSON_AddStringToObject(d, "platform", "linux/amd64");
	} else if (strcmp(url, "/api") == 0) {
		const char *v[] = { "v1", NULL };
		cJSON_AddStringToObject(d, "kind", "APIVersions");
		cJSON_AddItemToObject(d, "versions", strings(v));
	} else {
		cJSON_AddStringToObject(d, "kind", "APIGroupList");
		cJSON_AddStringToObject(d, "apiVersion", "v1");
		cJSON_AddArrayToObject(d, "groups");
	}
	reply_json(out, 200, d);
}

/* ---- selectors (apimachinery pkg/fields/selector.go, labels) ------------ */

typedef serve_api_term term;
#define MAX_TERMS SERVE_API_MAX_TERMS

/* Splits text into terms; -1 with msg set on a malformed selector. */
static int parse_selector(const char *text, term *t, int *n, char *msg, size_t len)
{
	*n = 0;
	while (text && *text) {
		const char *end = strchr(text, ',');
		size_t l = end ? (size_t)(end - text) : strlen(text);
		const char *op = memchr(text, '=', l);
		if (!op || *n == MAX_TERMS || l >= sizeof(t->value)) {
			snprintf(msg, len, "invalid selector: '%.*s'", (int)l, text);
			return -1;
		}
		term *x = &t[(*n)++];
		x->neg = op > text && op[-1] == '!';
		size_t kl = (size_t)(op - text) - (x->neg ? 1 : 0);
		const char *v = op + 1 + (op + 1 < text + l && op[1] == '=');
		if (kl >= sizeof(x->key))
			kl = sizeof(x->key) - 1;
		snprintf(x->key, sizeof(x->key), "%.*s", (int)kl, text);
		snprintf(x->value, sizeof(x->value), "%.*s", (int)(text + l - v), v);
		text = end ? end + 1 : NULL;
	}
	return 0;
}

static bool term_holds(const term *t, const char *actual)
{
	return (strcmp(t->value, actual) == 0) != t->neg;
}

/* A field of an event by its selector label (pkg/apis/core/v1
 * conversion.go AddFieldLabelConversionsForEvent), NULL if not one. */
static const char *event_field(const api_event *ev, const char *label)
{
	static const char *const names[] = { "involvedObject.kind", "involvedObject.namespace",
		"involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
		"involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
		"metadata.namespace", "metadata.name", NULL };
	const char *values[] = { ev->involved_kind, ev->namespace, ev->involved_name,
		ev->involved_uid, "v1", ev->field_path, ev->reason, ev->reporting_controller,
		ev->source_component, ev->type, ev->namespace, ev->name };
	for (int k = 0; names[k]; k++)
		if (strcmp(names[k], label) == 0)
			return values[k];
	return NULL;
}

/* Pod fields by label (AddFieldLabelConversionsForPod, the subset podsim
 * stores). */
static const char *pod_field(const api_pod *p, const char *label)
{
	if (strcmp(label, "metadata.name") == 0)
		return p->name;
	if (strcmp(label, "metadata.namespace") == 0)
		return p->namespace;
	if (strcmp(label, "spec.nodeName") == 0)
		return p->node_name;
	if (strcmp(label, "status.phase") == 0)
		return p->status.phase;
	return NULL;
}

static const char *pod_label(const api_pod *p, const char *key)
{
	for (int k = 0; k < p->spec->n_labels; k++)
		if (strcmp(p->spec->labels[k].key, key) == 0)
			return p->spec->labels[k].value;
	return "";
}

typedef serve_api_selectors selectors;

/* Parses fieldSelector and labelSelector, checking field labels with
 * field_of (handlers/get.go: an unknown label is 400 BadRequest). */
static int parse_selectors(const serve_request *rq, selectors *s, bool pods,
			   serve_reply *out)
{
	char msg[300];
	if (parse_selector(rq->query(rq->req, "fieldSelector"), s->f, &s->nf, msg, sizeof(msg)) < 0 ||
	    parse_selector(rq->query(rq->req, "labelSelector"), s->l, &s->nl, msg, sizeof(msg)) < 0) {
		reply_bad_request(out, msg);
		return -1;
	}
	static const api_event ev0;
	static api_pod pod0;
	for (int k = 0; k < s->nf; k++)
		if (!(pods ? pod_field(&pod0, s->f[k].key) : event_field(&ev0, s->f[k].key))) {
			snprintf(msg, sizeof(msg), "field label not supported: %s", s->f[k].key);
			reply_bad_request(out, msg);
			return -1;
		}
	return 0;
}

bool serve_api_pod_matches(const api_pod *p, const selectors *s)
{
	for (int k = 0; k < s->nf; k++)
		if (!term_holds(&s->f[k], pod_field(p, s->f[k].key)))
			return false;
	for (int k = 0; k < s->nl; k++)
		if (!term_holds(&s->l[k], pod_label(p, s->l[k].key)))
			return false;
	return true;
}

static bool event_matches(const api_event *ev, const selectors *s)
{
	for (int k = 0; k < s->nf; k++)
		if (!term_holds(&s->f[k], event_field(ev, s->f[k].key)))
			return false;
	return s->nl == 0; /* podsim's events carry no labels */
}

/* ---- pods ------------------------------------------------------------- */

static bool wants_table(const char *accept)
{
	return accept && strstr(accept, "as=Table");
}

static void add_column(cJSON *cols, const char *name, const char *type, int priority)
{
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "name", name);
	cJSON_AddStringToObject(c, "type", type);
	cJSON_AddStringToObject(c, "format", strcmp(name, "Name") == 0 ? "name" : "");
	cJSON_AddStringToObject(c, "description", "");
	cJSON_AddNumberToObject(c, "priority", priority);
	cJSON_AddItemToArray(cols, c);
}

/* includeObject=Metadata (the default): a PartialObjectMetadata per row. */
static cJSON *row_object(const api_pod *p, int64_t epoch)
{
	char when[40];
	cJSON *o = cJSON_CreateObject(), *m;
	cJSON_AddStringToObject(o, "kind", "PartialObjectMetadata");
	cJSON_AddStringToObject(o, "apiVersion", "meta.k8s.io/v1");
	m = cJSON_AddObjectToObject(o, "metadata");
	cJSON_AddStringToObject(m, "name", p->name);
	cJSON_AddStringToObject(m, "namespace", p->namespace);
	cJSON_AddStringToObject(m, "uid", p->uid);
	add_rv(m, p->resource_version);
	report_json_time(epoch, p->creation_timestamp, false, when, sizeof(when));
	cJSON_AddStringToObject(m, "creationTimestamp", when);
	return o;
}

/* printPod's columns (printers.go podColumnDefinitions) and its rows at
 * virtual instant now. */
static cJSON *pods_table(serve_ctx *ctx, const api_pod *const *pods, int n, simtime_t now)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "kind", "Table");
	cJSON_AddStringToObject(t, "apiVersion", "meta.k8s.io/v1");
	add_rv(cJSON_AddObjectToObject(t, "metadata"), ctx->rv);
	cJSON *cols = cJSON_AddArrayToObject(t, "columnDefinitions");
	add_column(cols, "Name", "string", 0);
	add_column(cols, "Ready", "string", 0);
	add_column(cols, "Status", "string", 0);
	add_column(cols, "Restarts", "string", 0);
	add_column(cols, "Age", "string", 0);
	add_column(cols, "IP", "string", 1);
	add_column(cols, "Node", "string", 1);
	add_column(cols, "Nominated Node", "string", 1);
	add_column(cols, "Readiness Gates", "string", 1);
	cJSON *rows = cJSON_AddArrayToObject(t, "rows");
	int64_t epoch = epoch_now(ctx);
	for (int k = 0; k < n; k++) {
		pod_row r;
		print_pod_row(pods[k], now, &r);
		const char *cells[] = { r.name, r.ready, r.status, r.restarts, r.age, r.ip, r.node,
					r.nominated_node, r.readiness_gates };
		cJSON *row = cJSON_CreateObject();
		cJSON_AddItemToObject(row, "cells", cJSON_CreateStringArray(cells, 9));
		cJSON_AddItemToObject(row, "object", row_object(pods[k], epoch));
		cJSON_AddItemToArray(rows, row);
	}
	return t;
}

char *serve_api_pod_object(serve_ctx *ctx, const api_pod *p, simtime_t now, bool table)
{
	if (!table)
		return report_json_pod_string(p, epoch_now(ctx));
	cJSON *t = pods_table(ctx, &p, 1, now);
	char *text = cJSON_PrintUnformatted(t), *copy = xstrdup(text);
	cJSON_Delete(t);
	cJSON_free(text);
	return copy;
}

typedef char *(*to_text_fn)(const void *obj, int64_t epoch_unix);

static char *pod_text(const void *obj, int64_t epoch_unix)
{
	return report_json_pod_string(obj, epoch_unix);
}

static char *event_text(const void *obj, int64_t epoch_unix)
{
	return report_json_event_string(obj, epoch_unix);
}

/* A List of kind of the n objects, each serialized by report_json. */
static void reply_list(serve_ctx *ctx, const char *kind, const void *const *objs, int n,
		       to_text_fn to_text, serve_reply *out)
{
	cJSON *l = cJSON_CreateObject();
	cJSON_AddStringToObject(l, "kind", kind);
	cJSON_AddStringToObject(l, "apiVersion", "v1");
	add_rv(cJSON_AddObjectToObject(l, "metadata"), ctx->rv);
	cJSON *a = cJSON_AddArrayToObject(l, "items");
	int64_t epoch = epoch_now(ctx);
	for (int k = 0; k < n; k++) {
		char *text = to_text(objs[k], epoch);
		cJSON_AddItemToArray(a, cJSON_Parse(text));
		free(text);
	}
	reply_json(out, 200, l);
}

static void pods_list(serve_ctx *ctx, const char *ns, const serve_request *rq, serve_reply *out)
{
	selectors s;
	if (parse_selectors(rq, &s, true, out) < 0)
		return;
	const api_pod **all;
	int n = apiserver_pod_list(sim_apiserver(ctx->run), &all), m = 0;
	const api_pod **keep = xcalloc((size_t)n + 1, sizeof(*keep));
	for (int k = 0; k < n; k++)
		if ((!ns || strcmp(all[k]->namespace, ns) == 0) && serve_api_pod_matches(all[k], &s))
			keep[m++] = all[k];
	const char *watch = rq->query(rq->req, "watch");
	if (watch && strcmp(watch, "true") == 0)
		serve_watch_open(ctx, ns, &s, wants_table(rq->accept),
				 rq->query(rq->req, "resourceVersion"), out);
	else if (wants_table(rq->accept))
		reply_json(out, 200, pods_table(ctx, keep, m, sim_now(ctx->run)));
	else
		reply_list(ctx, "PodList", (const void *const *)keep, m, pod_text, out);
	free(keep);
	free(all);
}

static void pod_get(serve_ctx *ctx, const api_pod *p, const char *accept, serve_reply *out)
{
	if (wants_table(accept)) {
		reply_json(out, 200, pods_table(ctx, &p, 1, sim_now(ctx->run)));
		return;
	}
	out->code = 200;
	out->content_type = "application/json";
	out->body = report_json_pod_string(p, epoch_now(ctx));
}

/* pods/log: the apiserver's checks (pod/strategy.go LogLocation: the
 * container must be named when there are several), then the kubelet's
 * (kubelet_pods.go validateContainerLogStatus). */
static void pod_log(serve_ctx *ctx, const api_pod *p, const serve_request *rq, serve_reply *out)
{
	char msg[512];
	const char *c = rq->query(rq->req, "container"), *prev = rq->query(rq->req, "previous");
	bool previous = prev && strcmp(prev, "true") == 0;
	if (!c && p->spec->n_containers == 1)
		c = p->spec->containers[0].name;
	if (!c) {
		snprintf(msg, sizeof(msg), "a container name must be specified for pod %s", p->name);
		reply_bad_request(out, msg);
		return;
	}
	char *text;
	int rc = sim_pod_log(ctx->run, p->namespace, p->name, c, previous, &text);
	if (rc == 0) {
		out->code = 200;
		out->content_type = "text/plain";
		out->body = text;
		return;
	}
	if (rc == SIM_LOG_NO_INSTANCE && previous)
		snprintf(msg, sizeof(msg), "previous terminated container \"%s\" in pod \"%s\" not found",
			 c, p->name);
	else if (rc == SIM_LOG_NO_INSTANCE)
		snprintf(msg, sizeof(msg),
			 "container \"%s\" in pod \"%s\" is waiting to start: ContainerCreating", c,
			 p->name);
	else
		snprintf(msg, sizeof(msg), "container %s is not valid for pod %s", c, p->name);
	reply_bad_request(out, msg);
}

/* ---- events ----------------------------------------------------------- */

static int event_cmp(const void *a, const void *b)
{
	const api_event *x = *(const api_event *const *)a, *y = *(const api_event *const *)b;
	int c = strcmp(x->namespace, y->namespace);
	return c ? c : strcmp(x->name, y->name);
}

/* The stored events of the pods still stored, in the API server's list
 * order (namespace, then name: etcd's key order). */
static void events_list(serve_ctx *ctx, const char *ns, const serve_request *rq,
			serve_reply *out)
{
	selectors s;
	if (parse_selectors(rq, &s, false, out) < 0)
		return;
	apiserver *api = sim_apiserver(ctx->run);
	const api_pod **pods;
	int np = apiserver_pod_list(api, &pods), m = 0, cap = 0;
	const api_event **keep = NULL;
	for (int k = 0; k < np; k++) {
		const api_event **evs;
		int ne = apiserver_events_for(api, pods[k]->uid, &evs);
		for (int e = 0; e < ne; e++)
			if ((!ns || strcmp(evs[e]->namespace, ns) == 0) && event_matches(evs[e], &s)) {
				XGROW(keep, m, cap);
				keep[m++] = evs[e];
			}
		free(evs);
	}
	free(pods);
	if (m > 1)
		qsort(keep, (size_t)m, sizeof(*keep), event_cmp);
	reply_list(ctx, "EventList", (const void *const *)keep, m, event_text, out);
	free(keep);
}

/* ---- routing ---------------------------------------------------------- */

#define MAX_PARTS 8

/* Splits path on '/' into at most MAX_PARTS parts (in buf). */
static int split_path(const char *url, char *buf, size_t len, char **parts)
{
	snprintf(buf, len, "%s", url);
	int n = 0;
	for (char *save = NULL, *p = strtok_r(buf, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		if (n == MAX_PARTS)
			return -1;
		parts[n++] = p;
	}
	return n;
}

/* /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUB]] */
/* DeleteOptions.gracePeriodSeconds from the body, else the query
 * (handlers/delete.go); -1 when neither sets it, -2 when malformed. */
static int64_t grace_period(const serve_request *rq)
{
	int64_t grace = -1;
	if (rq->body && rq->len) {
		cJSON *o = cJSON_ParseWithLength(rq->body, rq->len);
		const cJSON *g = cJSON_GetObjectItemCaseSensitive(o, "gracePeriodSeconds");
		if (!cJSON_IsObject(o) || (g && !cJSON_IsNumber(g)))
			grace = -2;
		else if (g)
			grace = g->valuedouble < 0 ? 1 : (int64_t)g->valuedouble;
		cJSON_Delete(o);
		return grace;
	}
	const char *q = rq->query(rq->req, "gracePeriodSeconds");
	char *end;
	if (q) {
		long long v = strtoll(q, &end, 10);
		grace = *end || end == q ? -2 : v < 0 ? 1 : v;
	}
	return grace;
}

/* DELETE pods/NAME: the pod with its deletionTimestamp, or its last state
 * when it went at once (pod storage ReturnDeletedObject; a negative grace
 * is 1, registry/rest/delete.go BeforeDelete). */
static void pod_delete(serve_ctx *ctx, const api_pod *p, const serve_request *rq,
		       serve_reply *out)
{
	int64_t grace = grace_period(rq);
	if (grace == -2) {
		reply_bad_request(out, "the body of the request is not valid DeleteOptions");
		return;
	}
	char ns[API_NAME_LEN], name[API_NAME_LEN];
	snprintf(ns, sizeof(ns), "%s", p->namespace);
	snprintf(name, sizeof(name), "%s", p->name);
	char *before = report_json_pod_string(p, epoch_now(ctx));
	if (sim_delete_pod(ctx->run, ns, name, grace) < 0) {
		free(before);
		reply_not_found(out, "pods", name);
		return;
	}
	const api_pod *after = apiserver_pod_get(sim_apiserver(ctx->run), ns, name);
	out->code = 200;
	out->content_type = "application/json";
	if (after) {
		free(before);
		out->body = report_json_pod_string(after, epoch_now(ctx));
	} else {
		out->body = before;
	}
}

/* /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUB]] */
static void core_v1(serve_ctx *ctx, char **part, int n, const serve_request *rq,
		    serve_reply *out)
{
	const char *ns = NULL;
	if (n >= 4 && strcmp(part[2], "namespaces") == 0) {
		ns = part[3];
		part += 2;
		n -= 2;
	}
	bool del = strcmp(rq->method, "DELETE") == 0;
	const char *res = n >= 3 ? part[2] : "";
	if (n < 3 || n > 5 || (strcmp(res, "pods") != 0 && strcmp(res, "events") != 0) ||
	    (n >= 4 && !ns) || (strcmp(res, "events") == 0 && n != 3) ||
	    (n == 5 && strcmp(part[4], "log") != 0)) {
		reply_no_route(out);
		return;
	}
	if (del && n != 4) {
		reply_status(out, 405, "MethodNotAllowed", "the server does not allow this method "
			     "on the requested resource", NULL, NULL);
		return;
	}
	if (n == 3) {
		if (strcmp(res, "events") == 0)
			events_list(ctx, ns, rq, out);
		else
			pods_list(ctx, ns, rq, out);
		return;
	}
	const api_pod *p = apiserver_pod_get(sim_apiserver(ctx->run), ns, part[3]);
	if (!p)
		reply_not_found(out, "pods", part[3]);
	else if (del)
		pod_delete(ctx, p, rq, out);
	else if (n == 5)
		pod_log(ctx, p, rq, out);
	else
		pod_get(ctx, p, rq->accept, out);
}

void serve_api_handle(serve_ctx *ctx, const serve_request *rq, serve_reply *out)
{
	char buf[1024], *part[MAX_PARTS];
	int n = split_path(rq->url, buf, sizeof(buf), part);
	bool api = n >= 2 && strcmp(part[0], "api") == 0 && strcmp(part[1], "v1") == 0;
	out->body = NULL;
	if (strcmp(rq->method, "GET") != 0 && !(strcmp(rq->method, "DELETE") == 0 && n >= 3)) {
		char msg[64];
		snprintf(msg, sizeof(msg), "%.16s is not supported by podsim serve yet", rq->method);
		reply_status(out, 405, "MethodNotAllowed", msg, NULL, NULL);
	} else if (strcmp(rq->url, "/version") == 0 || strcmp(rq->url, "/api") == 0 ||
		   strcmp(rq->url, "/apis") == 0) {
		discovery(ctx, rq->url, out);
	} else if (api && n == 2) {
		api_v1(out);
	} else if (api) {
		core_v1(ctx, part, n, rq, out);
	} else {
		reply_no_route(out);
	}
}
