/* report_json.c - `-o json`: the watch stream as JSON Lines, built with cJSON.
 *
 * Each watch event becomes one compact line {"type","time","object"} whose
 * object is what the API server would serialise for a v1 Pod or a v1 Event
 * at that resourceVersion.  Keys follow the field order of the Go structs in
 * k8s.io/api/core/v1 (ObjectMeta, PodSpec, Container, Probe, PodStatus,
 * ContainerStatus, Event), which is the order the API server itself writes,
 * and optional fields are left out exactly where those structs say
 * `omitempty`: an unset deletionTimestamp, an empty podIP, a zero
 * initialDelaySeconds or an empty waiting message do not appear, while
 * imageID "" and lastProbeTime null do.  The spec side adds what API
 * defaulting adds and the scenario does not store: requests copied from
 * limits, the default scheduler, service account, DNS policy, priority,
 * preemption policy, and what the admission plugins add (admission.c):
 * the two 300 s NoExecute tolerations of DefaultTolerationSeconds, the
 * ServiceAccount plugin's kube-api-access-xxxxx projected volume and its
 * mount in every container, the priority of priorityClassName.
 *
 * Times: metav1.Time is RFC 3339 with whole seconds (truncated, as the API
 * does when it stores them); metav1.MicroTime (eventTime, series) has six
 * fractional digits; the line's own "time" has milliseconds.  epoch_unix is
 * the wall clock of virtual time 0.
 *
 * env, volumeMounts, tolerations and volumes are built by
 * report_json_manifest.c.  Not modelled: quantity canonicalisation ("0.5"
 * stays "0.5", the API would print "500m"), managedFields, and the
 * events.k8s.io "action" field.  This file and report_json_manifest.c are
 * the only ones that include <cjson/cJSON.h>; cJSON allocates through
 * xmalloc so it never returns NULL.  A hand-written printer was rejected:
 * escaping and number formatting are exactly what cJSON already gets right.
 */
#include "report_json.h"

#include "admission.h"
#include "report_json_manifest.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct json_watch {
	FILE *out;          /* not owned */
	int64_t epoch_unix;
	bool begun;         /* events before report_json_watch_begin are not printed */
};

/* ---- time ------------------------------------------------------------ */

/* RFC 3339 UTC with digits (0, 3 or 6) fractional digits. */
static void format_time(int64_t epoch_unix, simtime_t t, int digits, char *buf, size_t len)
{
	assert(digits == 0 || digits == 3 || digits == 6);
	int64_t sec = t / NSEC_PER_SEC, ns = t % NSEC_PER_SEC;
	if (ns < 0) {
		ns += NSEC_PER_SEC;
		sec--;
	}
	time_t wall = (time_t)(epoch_unix + sec);
	struct tm tm;
	gmtime_r(&wall, &tm);
	char frac[16] = "";
	if (digits == 3)
		snprintf(frac, sizeof(frac), ".%03d", (int)(ns / NSEC_PER_MSEC));
	else if (digits == 6)
		snprintf(frac, sizeof(frac), ".%06d", (int)(ns / 1000));
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

void report_json_time(int64_t epoch_unix, simtime_t t, bool millis, char *buf, size_t len)
{
	format_time(epoch_unix, t, millis ? 3 : 0, buf, len);
}

/* A metav1.Time (digits 0) or MicroTime (6) member; null when unset. */
static void add_time(cJSON *obj, const char *key, int64_t epoch, simtime_t t, int digits)
{
	if (t == -1) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	char buf[48];
	format_time(epoch, t, digits, buf, sizeof(buf));
	cJSON_AddStringToObject(obj, key, buf);
}

/* A pointer-typed time with omitempty: left out when unset. */
static void add_time_opt(cJSON *obj, const char *key, int64_t epoch, simtime_t t)
{
	if (t != -1)
		add_time(obj, key, epoch, t, 0);
}

/* ---- small helpers ----------------------------------------------------- */

static void add_str_opt(cJSON *obj, const char *key, const char *s)
{
	if (s && *s)
		cJSON_AddStringToObject(obj, key, s);
}

static cJSON *str_array(char *const *v, int n)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static int kv_cmp(const void *a, const void *b)
{
	return strcmp(((const kv *)a)->key, ((const kv *)b)->key);
}

/* A resource list: a Go map, so keys come out sorted. */
static cJSON *resource_list(const kv *items, int n)
{
	kv *sorted = xmalloc((size_t)n * sizeof(*sorted));
	memcpy(sorted, items, (size_t)n * sizeof(*sorted));
	qsort(sorted, (size_t)n, sizeof(*sorted), kv_cmp);
	cJSON *o = cJSON_CreateObject();
	for (int i = 0; i < n; i++)
		cJSON_AddStringToObject(o, sorted[i].key, sorted[i].value);
	free(sorted);
	return o;
}

static const kv *kv_find(const kv *items, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(items[i].key, key) == 0)
			return &items[i];
	return NULL;
}

/* API defaulting: every limit without a request becomes the request too. */
static cJSON *resources_json(const container_spec *c)
{
	cJSON *o = cJSON_CreateObject();
	if (c->n_limits > 0)
		cJSON_AddItemToObject(o, "limits", resource_list(c->limits, c->n_limits));
	int n = 0;
	kv *req = xmalloc((size_t)(c->n_requests + c->n_limits) * sizeof(*req));
	for (int i = 0; i < c->n_requests; i++)
		req[n++] = c->requests[i];
	for (int i = 0; i < c->n_limits; i++)
		if (!kv_find(c->requests, c->n_requests, c->limits[i].key))
			req[n++] = c->limits[i];
	if (n > 0)
		cJSON_AddItemToObject(o, "requests", resource_list(req, n));
	free(req);
	return o;
}

/* ---- probes and hooks -------------------------------------------------- */

static void add_port(cJSON *obj, const handler_spec *h)
{
	if (h->port_name)
		cJSON_AddStringToObject(obj, "port", h->port_name);
	else
		cJSON_AddNumberToObject(obj, "port", h->port);
}

static cJSON *http_get_json(const handler_spec *h)
{
	cJSON *o = cJSON_CreateObject();
	add_str_opt(o, "path", h->path);
	add_port(o, h);
	add_str_opt(o, "host", h->host);
	cJSON_AddStringToObject(o, "scheme", h->scheme ? h->scheme : "HTTP");
	if (h->n_http_headers > 0) {
		cJSON *a = cJSON_AddArrayToObject(o, "httpHeaders");
		for (int i = 0; i < h->n_http_headers; i++) {
			cJSON *hdr = cJSON_CreateObject();
			cJSON_AddStringToObject(hdr, "name", h->http_headers[i].key);
			cJSON_AddStringToObject(hdr, "value", h->http_headers[i].value);
			cJSON_AddItemToArray(a, hdr);
		}
	}
	return o;
}

/* The handler's one member (exec, httpGet, tcpSocket, grpc or sleep), added
 * inline to obj as ProbeHandler and LifecycleHandler embed it. */
static void add_handler(cJSON *obj, const handler_spec *h)
{
	cJSON *o;
	switch (h->kind) {
	case HANDLER_EXEC:
		o = cJSON_AddObjectToObject(obj, "exec");
		cJSON_AddItemToObject(o, "command", str_array(h->exec_argv, h->exec_argc));
		break;
	case HANDLER_HTTP_GET:
		cJSON_AddItemToObject(obj, "httpGet", http_get_json(h));
		break;
	case HANDLER_TCP_SOCKET:
		o = cJSON_AddObjectToObject(obj, "tcpSocket");
		add_port(o, h);
		add_str_opt(o, "host", h->host);
		break;
	case HANDLER_GRPC:
		/* GRPCAction.service has no omitempty and defaults to "". */
		o = cJSON_AddObjectToObject(obj, "grpc");
		cJSON_AddNumberToObject(o, "port", h->port);
		cJSON_AddStringToObject(o, "service", h->grpc_service ? h->grpc_service : "");
		break;
	case HANDLER_SLEEP:
		o = cJSON_AddObjectToObject(obj, "sleep");
		cJSON_AddNumberToObject(o, "seconds", h->sleep_seconds);
		break;
	case HANDLER_NONE:
		assert(!"handler without a kind");
	}
}

static void add_int_opt(cJSON *obj, const char *key, int64_t v)
{
	if (v != 0)
		cJSON_AddNumberToObject(obj, key, (double)v);
}

static cJSON *probe_json(const probe_spec *p)
{
	cJSON *o = cJSON_CreateObject();
	add_handler(o, &p->handler);
	add_int_opt(o, "initialDelaySeconds", p->initial_delay_seconds);
	add_int_opt(o, "timeoutSeconds", p->timeout_seconds);
	add_int_opt(o, "periodSeconds", p->period_seconds);
	add_int_opt(o, "successThreshold", p->success_threshold);
	add_int_opt(o, "failureThreshold", p->failure_threshold);
	if (p->termination_grace_seconds >= 0)
		cJSON_AddNumberToObject(o, "terminationGracePeriodSeconds",
					(double)p->termination_grace_seconds);
	return o;
}

static cJSON *lifecycle_json(const container_spec *c)
{
	cJSON *o = cJSON_CreateObject();
	if (c->post_start)
		add_handler(cJSON_AddObjectToObject(o, "postStart"), c->post_start);
	if (c->pre_stop)
		add_handler(cJSON_AddObjectToObject(o, "preStop"), c->pre_stop);
	return o;
}

/* ---- spec -------------------------------------------------------------- */

static const char *pull_policy_name(pull_policy p)
{
	switch (p) {
	case PULL_ALWAYS: return "Always";
	case PULL_IF_NOT_PRESENT: return "IfNotPresent";
	case PULL_NEVER: return "Never";
	}
	assert(!"bad pull policy");
	return "";
}

static const char *restart_policy_name(restart_policy p)
{
	switch (p) {
	case RESTART_ALWAYS: return "Always";
	case RESTART_ON_FAILURE: return "OnFailure";
	case RESTART_NEVER: return "Never";
	}
	assert(!"bad restart policy");
	return "";
}

static cJSON *ports_json(const container_spec *c)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < c->n_ports; i++) {
		const port_spec *p = &c->ports[i];
		cJSON *o = cJSON_CreateObject();
		add_str_opt(o, "name", p->name);
		add_int_opt(o, "hostPort", p->host_port);
		cJSON_AddNumberToObject(o, "containerPort", p->container_port);
		cJSON_AddStringToObject(o, "protocol", p->protocol ? p->protocol : "TCP");
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *container_json(const container_spec *c, const char *token_volume)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", c->name);
	cJSON_AddStringToObject(o, "image", c->image);
	if (c->n_command > 0)
		cJSON_AddItemToObject(o, "command", str_array(c->command, c->n_command));
	if (c->n_args > 0)
		cJSON_AddItemToObject(o, "args", str_array(c->args, c->n_args));
	add_str_opt(o, "workingDir", c->working_dir);
	if (c->n_ports > 0)
		cJSON_AddItemToObject(o, "ports", ports_json(c));
	if (c->n_env > 0)
		cJSON_AddItemToObject(o, "env", report_json_manifest_env(c));
	cJSON_AddItemToObject(o, "resources", resources_json(c));
	if (c->is_init && c->restartable)
		cJSON_AddStringToObject(o, "restartPolicy", "Always");
	cJSON *mounts = report_json_manifest_mounts(c, token_volume);
	if (cJSON_GetArraySize(mounts) > 0)
		cJSON_AddItemToObject(o, "volumeMounts", mounts);
	else
		cJSON_Delete(mounts);
	if (c->liveness)
		cJSON_AddItemToObject(o, "livenessProbe", probe_json(c->liveness));
	if (c->readiness)
		cJSON_AddItemToObject(o, "readinessProbe", probe_json(c->readiness));
	if (c->startup)
		cJSON_AddItemToObject(o, "startupProbe", probe_json(c->startup));
	if (c->post_start || c->pre_stop)
		cJSON_AddItemToObject(o, "lifecycle", lifecycle_json(c));
	cJSON_AddStringToObject(o, "terminationMessagePath", c->termination_message_path
								     ? c->termination_message_path
								     : "/dev/termination-log");
	cJSON_AddStringToObject(o, "terminationMessagePolicy",
				c->termination_fallback_to_logs ? "FallbackToLogsOnError" : "File");
	cJSON_AddStringToObject(o, "imagePullPolicy", pull_policy_name(c->image_pull_policy));
	return o;
}

static cJSON *containers_json(const container_spec *cs, int n, const char *token_volume)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, container_json(&cs[i], token_volume));
	return a;
}

static cJSON *spec_json(const api_pod *pod)
{
	const pod_spec *s = pod->spec;
	char token[ADMISSION_TOKEN_VOLUME_LEN];
	admission_token_volume_name(pod->uid, token, sizeof(token));
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "volumes", report_json_manifest_volumes(s, token));
	if (s->n_init_containers > 0)
		cJSON_AddItemToObject(o, "initContainers",
				      containers_json(s->init_containers, s->n_init_containers,
						      token));
	cJSON_AddItemToObject(o, "containers",
			      containers_json(s->containers, s->n_containers, token));
	cJSON_AddStringToObject(o, "restartPolicy", restart_policy_name(s->restart_policy));
	cJSON_AddNumberToObject(o, "terminationGracePeriodSeconds",
				(double)s->termination_grace_seconds);
	if (s->active_deadline_seconds >= 0)
		cJSON_AddNumberToObject(o, "activeDeadlineSeconds",
					(double)s->active_deadline_seconds);
	cJSON_AddStringToObject(o, "dnsPolicy", "ClusterFirst");
	if (s->n_node_selector > 0)
		cJSON_AddItemToObject(o, "nodeSelector",
				      resource_list(s->node_selector, s->n_node_selector));
	cJSON_AddStringToObject(o, "serviceAccountName", "default");
	cJSON_AddStringToObject(o, "serviceAccount", "default");
	add_str_opt(o, "nodeName", pod->node_name);
	cJSON_AddObjectToObject(o, "securityContext");
	cJSON_AddStringToObject(o, "schedulerName", "default-scheduler");
	cJSON_AddItemToObject(o, "tolerations", report_json_manifest_tolerations(s));
	add_str_opt(o, "priorityClassName", s->priority_class_name);
	cJSON_AddNumberToObject(o, "priority", (double)admission_priority(s));
	if (s->n_readiness_gates > 0) {
		cJSON *g = cJSON_AddArrayToObject(o, "readinessGates");
		for (int i = 0; i < s->n_readiness_gates; i++) {
			cJSON *t = cJSON_CreateObject();
			cJSON_AddStringToObject(t, "conditionType", s->readiness_gates[i]);
			cJSON_AddItemToArray(g, t);
		}
	}
	cJSON_AddTrueToObject(o, "enableServiceLinks");
	cJSON_AddStringToObject(o, "preemptionPolicy", "PreemptLowerPriority");
	return o;
}

/* ---- status ------------------------------------------------------------ */

static cJSON *state_json(const api_container_state *st, int64_t epoch)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *s;
	switch (st->kind) {
	case STATE_WAITING:
		s = cJSON_AddObjectToObject(o, "waiting");
		add_str_opt(s, "reason", st->reason);
		add_str_opt(s, "message", st->message);
		break;
	case STATE_RUNNING:
		s = cJSON_AddObjectToObject(o, "running");
		add_time(s, "startedAt", epoch, st->started_at, 0);
		break;
	case STATE_TERMINATED:
		s = cJSON_AddObjectToObject(o, "terminated");
		cJSON_AddNumberToObject(s, "exitCode", st->exit_code);
		add_int_opt(s, "signal", st->signal);
		add_str_opt(s, "reason", st->reason);
		add_str_opt(s, "message", st->message);
		add_time(s, "startedAt", epoch, st->started_at, 0);
		add_time(s, "finishedAt", epoch, st->finished_at, 0);
		add_str_opt(s, "containerID", st->container_id);
		break;
	case STATE_NONE:
		break;
	}
	return o;
}

static cJSON *container_statuses_json(const api_container_status *cs, int n, int64_t epoch)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		const api_container_status *c = &cs[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", c->name);
		cJSON_AddItemToObject(o, "state", state_json(&c->state, epoch));
		cJSON_AddItemToObject(o, "lastState", state_json(&c->last_state, epoch));
		cJSON_AddBoolToObject(o, "ready", c->ready);
		cJSON_AddNumberToObject(o, "restartCount", c->restart_count);
		cJSON_AddStringToObject(o, "image", c->image);
		cJSON_AddStringToObject(o, "imageID", c->image_id);
		add_str_opt(o, "containerID", c->container_id);
		if (c->started >= 0)
			cJSON_AddBoolToObject(o, "started", c->started);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static const char *cond_status_name(int status)
{
	return status > 0 ? "True" : status == 0 ? "False" : "Unknown";
}

/* Other clients' conditions as their status patch wrote them: type and
 * status only, so both times are null. */
static void add_extra_conditions(cJSON *a, const api_pod_status *st, bool after)
{
	for (int i = 0; i < st->n_extra; i++) {
		if (st->extra[i].after_kubelet != after)
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", st->extra[i].type);
		cJSON_AddStringToObject(o, "status", cond_status_name(st->extra[i].status));
		cJSON_AddNullToObject(o, "lastProbeTime");
		cJSON_AddNullToObject(o, "lastTransitionTime");
		cJSON_AddItemToArray(a, o);
	}
}

static cJSON *conditions_json(const api_pod_status *st, int64_t epoch)
{
	cJSON *a = cJSON_CreateArray();
	add_extra_conditions(a, st, false);
	for (int i = 0; i < st->n_conditions; i++) {
		const api_condition *c = &st->conditions[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", api_condition_type_name(c->type));
		cJSON_AddStringToObject(o, "status", cond_status_name(c->status));
		add_time(o, "lastProbeTime", epoch, c->last_probe_time, 0);
		add_time(o, "lastTransitionTime", epoch, c->last_transition_time, 0);
		add_str_opt(o, "reason", c->reason);
		add_str_opt(o, "message", c->message);
		cJSON_AddItemToArray(a, o);
	}
	add_extra_conditions(a, st, true);
	return a;
}

/* A one-element [{"ip": ip}] list (hostIPs, podIPs), omitted when empty. */
static void add_ip_list(cJSON *obj, const char *key, const char *ip)
{
	if (!*ip)
		return;
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "ip", ip);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(obj, key), e);
}

static cJSON *status_json(const api_pod_status *st, int64_t epoch)
{
	cJSON *o = cJSON_CreateObject();
	add_str_opt(o, "phase", st->phase);
	if (st->n_conditions + st->n_extra > 0)
		cJSON_AddItemToObject(o, "conditions", conditions_json(st, epoch));
	add_str_opt(o, "message", st->message);
	add_str_opt(o, "reason", st->reason);
	add_str_opt(o, "hostIP", st->host_ip);
	add_ip_list(o, "hostIPs", st->host_ip);
	add_str_opt(o, "podIP", st->pod_ip);
	add_ip_list(o, "podIPs", st->pod_ip);
	add_time_opt(o, "startTime", epoch, st->start_time);
	if (st->n_init_statuses > 0)
		cJSON_AddItemToObject(o, "initContainerStatuses",
				      container_statuses_json(st->init_statuses,
							      st->n_init_statuses, epoch));
	if (st->n_statuses > 0)
		cJSON_AddItemToObject(o, "containerStatuses",
				      container_statuses_json(st->statuses, st->n_statuses, epoch));
	add_str_opt(o, "qosClass", st->qos_class);
	return o;
}

/* ---- objects ----------------------------------------------------------- */

static void add_resource_version(cJSON *obj, uint64_t rv)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)rv);
	cJSON_AddStringToObject(obj, "resourceVersion", buf);
}

static cJSON *pod_metadata_json(const api_pod *pod, int64_t epoch)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "name", pod->name);
	cJSON_AddStringToObject(m, "namespace", pod->namespace);
	cJSON_AddStringToObject(m, "uid", pod->uid);
	add_resource_version(m, pod->resource_version);
	add_time(m, "creationTimestamp", epoch, pod->creation_timestamp, 0);
	add_time_opt(m, "deletionTimestamp", epoch, pod->deletion_timestamp);
	if (pod->deletion_grace_period_seconds >= 0)
		cJSON_AddNumberToObject(m, "deletionGracePeriodSeconds",
					(double)pod->deletion_grace_period_seconds);
	if (pod->spec->n_labels > 0)
		cJSON_AddItemToObject(m, "labels",
				      resource_list(pod->spec->labels, pod->spec->n_labels));
	if (pod->spec->n_annotations > 0)
		cJSON_AddItemToObject(m, "annotations",
				      resource_list(pod->spec->annotations, pod->spec->n_annotations));
	return m;
}

static cJSON *pod_json(const api_pod *pod, int64_t epoch)
{
	assert(pod->spec);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "apiVersion", "v1");
	cJSON_AddStringToObject(o, "kind", "Pod");
	cJSON_AddItemToObject(o, "metadata", pod_metadata_json(pod, epoch));
	cJSON_AddItemToObject(o, "spec", spec_json(pod));
	cJSON_AddItemToObject(o, "status", status_json(&pod->status, epoch));
	return o;
}

static cJSON *involved_object_json(const api_event *ev)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", ev->involved_kind);
	cJSON_AddStringToObject(o, "namespace", ev->namespace);
	cJSON_AddStringToObject(o, "name", ev->involved_name);
	cJSON_AddStringToObject(o, "uid", ev->involved_uid);
	cJSON_AddStringToObject(o, "apiVersion", "v1");
	add_str_opt(o, "fieldPath", ev->field_path);
	return o;
}

static cJSON *event_metadata_json(const api_event *ev, int64_t epoch)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "name", ev->name);
	cJSON_AddStringToObject(m, "namespace", ev->namespace);
	add_resource_version(m, ev->resource_version);
	/* Created when first recorded: firstTimestamp, or eventTime for
	 * events.k8s.io events that have no firstTimestamp. */
	simtime_t created = ev->first_timestamp != -1 ? ev->first_timestamp : ev->event_time;
	add_time(m, "creationTimestamp", epoch, created, 0);
	return m;
}

static cJSON *event_json(const api_event *ev, int64_t epoch)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "apiVersion", "v1");
	cJSON_AddStringToObject(o, "kind", "Event");
	cJSON_AddItemToObject(o, "metadata", event_metadata_json(ev, epoch));
	cJSON_AddItemToObject(o, "involvedObject", involved_object_json(ev));
	cJSON_AddStringToObject(o, "reason", ev->reason);
	cJSON_AddStringToObject(o, "message", ev->message);
	cJSON *src = cJSON_AddObjectToObject(o, "source");
	add_str_opt(src, "component", ev->source_component);
	add_str_opt(src, "host", ev->source_host);
	add_time(o, "firstTimestamp", epoch, ev->first_timestamp, 0);
	add_time(o, "lastTimestamp", epoch, ev->last_timestamp, 0);
	add_int_opt(o, "count", ev->count);
	cJSON_AddStringToObject(o, "type", ev->type);
	add_time(o, "eventTime", epoch, ev->event_time, 6);
	if (ev->series_count > 0) {
		cJSON *s = cJSON_AddObjectToObject(o, "series");
		cJSON_AddNumberToObject(s, "count", ev->series_count);
		add_time(s, "lastObservedTime", epoch, ev->series_last_observed, 6);
	}
	cJSON_AddStringToObject(o, "reportingComponent", ev->reporting_controller);
	cJSON_AddStringToObject(o, "reportingInstance", ev->reporting_instance);
	return o;
}

/* One object as unformatted JSON text (podsim serve's GET/LIST bodies). */
static char *to_string(cJSON *o)
{
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *copy = xstrdup(text);
	cJSON_free(text);
	return copy;
}

char *report_json_pod_string(const api_pod *pod, int64_t epoch_unix)
{
	return to_string(pod_json(pod, epoch_unix));
}

char *report_json_event_string(const api_event *ev, int64_t epoch_unix)
{
	return to_string(event_json(ev, epoch_unix));
}

/* ---- the watch sink ---------------------------------------------------- */

/* Writes {"type","time","object"} as one line and frees object. */
static void emit(json_watch *jw, simtime_t now, watch_type t, cJSON *object)
{
	char when[48];
	format_time(jw->epoch_unix, now, 3, when, sizeof(when));
	cJSON *line = cJSON_CreateObject();
	cJSON_AddStringToObject(line, "type", watch_type_name(t));
	cJSON_AddStringToObject(line, "time", when);
	cJSON_AddItemToObject(line, "object", object);
	char *text = cJSON_PrintUnformatted(line);
	fputs(text, jw->out);
	fputc('\n', jw->out);
	cJSON_free(text);
	cJSON_Delete(line);
}

static void on_pod(void *ctx, simtime_t now, watch_type t, const api_pod *obj, const char *why)
{
	(void)why;
	json_watch *jw = ctx;
	if (jw->begun)
		emit(jw, now, t, pod_json(obj, jw->epoch_unix));
}

static void on_event(void *ctx, simtime_t now, watch_type t, const api_event *ev)
{
	json_watch *jw = ctx;
	if (jw->begun)
		emit(jw, now, t, event_json(ev, jw->epoch_unix));
}

void report_json_watch_begin(json_watch *jw, simtime_t now, const api_pod *const *pods, int n)
{
	for (int k = 0; k < n; k++)
		emit(jw, now, WATCH_ADDED, pod_json(pods[k], jw->epoch_unix));
	jw->begun = true;
}

/* cJSON keeps its allocator in a global: set it once per process, so runs
 * on several threads (sweeps) do not write it concurrently. */
static void init_hooks(void)
{
	static cJSON_Hooks hooks = { xmalloc, free };
	cJSON_InitHooks(&hooks);
}

json_watch *report_json_watch_new(FILE *out, int64_t epoch_unix)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, init_hooks);
	json_watch *jw = xcalloc(1, sizeof(*jw));
	jw->out = out;
	jw->epoch_unix = epoch_unix;
	return jw;
}

watch_sink report_json_watch_sink(json_watch *jw)
{
	return (watch_sink){ .pod_event = on_pod, .event_event = on_event, .ctx = jw };
}

void report_json_watch_free(json_watch *jw)
{
	free(jw);
}
