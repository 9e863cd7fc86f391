/* check_report_json.c - the JSON Lines watch stream: field names, JSON types,
 * RFC 3339 times, omitempty, and one golden line for a small pod.  Output is
 * parsed back with cJSON so that types (numbers, strings, null) are checked,
 * not just text. */
#include <check.h>
#include <cjson/cJSON.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "report_json.h"

#define EPOCH INT64_C(1713425499) /* 2024-04-18T07:31:39Z */

static const char *const T_SEC = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$";
static const char *const T_MILLI =
	"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$";
static const char *const T_MICRO =
	"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$";

static bool matches(const char *re, const char *s)
{
	regex_t rx;
	ck_assert_int_eq(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
	int rc = regexec(&rx, s, 0, NULL, 0);
	regfree(&rx);
	return rc == 0;
}

/* ---- fixtures ---------------------------------------------------------- */

static char *argv_server[] = { "/server", NULL };
static kv labels[] = { { "test", "liveness" } };
static kv headers[] = { { "Custom-Header", "Awesome" } };
static kv limits[] = { { "memory", "128Mi" }, { "cpu", "500m" } };

static probe_spec liveness = {
	.handler = { .kind = HANDLER_HTTP_GET, .path = "/healthz", .scheme = "HTTP",
		     .port = 8080, .http_headers = headers, .n_http_headers = 1 },
	.initial_delay_seconds = 3, .timeout_seconds = 1, .period_seconds = 3,
	.success_threshold = 1, .failure_threshold = 3, .termination_grace_seconds = -1,
};

static probe_spec readiness = {
	.handler = { .kind = HANDLER_HTTP_GET, .path = "/ready", .scheme = "HTTP",
		     .port_name = "http" },
	.initial_delay_seconds = 0, .timeout_seconds = 1, .period_seconds = 10,
	.success_threshold = 1, .failure_threshold = 3, .termination_grace_seconds = -1,
};

static port_spec ports[] = { { .name = "http", .container_port = 8080, .protocol = "TCP" } };

static container_spec live_container = {
	.name = "liveness", .image = "mirrorgooglecontainers/liveness",
	.image_pull_policy = PULL_ALWAYS, .args = argv_server, .n_args = 1,
	.ports = ports, .n_ports = 1, .limits = limits, .n_limits = 2,
	.liveness = &liveness, .readiness = &readiness,
};

static pod_spec live_spec = {
	.name = "liveness-http", .namespace = "default", .labels = labels, .n_labels = 1,
	.containers = &live_container, .n_containers = 1, .restart_policy = RESTART_ALWAYS,
	.termination_grace_seconds = 30, .active_deadline_seconds = -1,
};

static api_container_status live_status;

/* liveness-http after its first restart: Running, one liveness kill behind it. */
static void running_pod(api_pod *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "liveness-http");
	snprintf(p->namespace, sizeof(p->namespace), "default");
	snprintf(p->uid, sizeof(p->uid), "0b6f1a2c-0000-4000-8000-000000000001");
	p->resource_version = 512;
	p->creation_timestamp = 0;
	p->deletion_timestamp = -1;
	p->deletion_grace_period_seconds = -1;
	snprintf(p->node_name, sizeof(p->node_name), "node-1");
	p->spec = &live_spec;
	api_pod_status *st = &p->status;
	snprintf(st->phase, sizeof(st->phase), "Running");
	snprintf(st->host_ip, sizeof(st->host_ip), "172.18.0.2");
	snprintf(st->pod_ip, sizeof(st->pod_ip), "10.244.0.7");
	st->start_time = SEC(1);
	snprintf(st->qos_class, sizeof(st->qos_class), "Burstable");
	st->n_conditions = 2;
	st->conditions[0] = (api_condition){ .type = COND_READY, .status = 1,
					     .last_probe_time = -1,
					     .last_transition_time = SEC(25) };
	st->conditions[1] = (api_condition){ .type = COND_POD_SCHEDULED, .status = 1,
					     .last_probe_time = -1,
					     .last_transition_time = SEC(1) };
	api_container_status *c = &live_status;
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "liveness");
	c->state = (api_container_state){ .kind = STATE_RUNNING, .started_at = MSEC(22400),
					  .finished_at = -1 };
	c->last_state = (api_container_state){ .kind = STATE_TERMINATED, .exit_code = 2,
					       .started_at = SEC(4), .finished_at = SEC(22) };
	snprintf(c->last_state.reason, sizeof(c->last_state.reason), "Error");
	snprintf(c->last_state.container_id, sizeof(c->last_state.container_id),
		 "containerd://aaaa");
	c->ready = true;
	c->started = 1;
	c->restart_count = 1;
	snprintf(c->image, sizeof(c->image), "docker.io/mirrorgooglecontainers/liveness:latest");
	snprintf(c->image_id, sizeof(c->image_id), "docker.io/mirrorgooglecontainers/liveness@sha256:1");
	snprintf(c->container_id, sizeof(c->container_id), "containerd://bbbb");
	st->statuses = c;
	st->n_statuses = 1;
}

/* Runs one pod (or event) through the sink; returns the heap output. */
static char *capture_pod(const api_pod *p, simtime_t now, watch_type t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_watch *jw = report_json_watch_new(f, EPOCH);
	report_json_watch_begin(jw, 0, NULL, 0);
	watch_sink s = report_json_watch_sink(jw);
	s.pod_event(s.ctx, now, t, p, "");
	report_json_watch_free(jw);
	fclose(f);
	return buf;
}

static char *capture_event(const api_event *ev, simtime_t now, watch_type t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_watch *jw = report_json_watch_new(f, EPOCH);
	report_json_watch_begin(jw, 0, NULL, 0);
	watch_sink s = report_json_watch_sink(jw);
	s.event_event(s.ctx, now, t, ev);
	report_json_watch_free(jw);
	fclose(f);
	return buf;
}

/* A late watch prints the list as ADDED and nothing from before. */
START_TEST(test_watch_begin_late)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_watch *jw = report_json_watch_new(f, EPOCH);
	watch_sink s = report_json_watch_sink(jw);
	api_pod p;
	running_pod(&p);
	s.pod_event(s.ctx, SEC(1), WATCH_MODIFIED, &p, "");
	const api_pod *list[1] = {&p};
	report_json_watch_begin(jw, SEC(5), list, 1);
	report_json_watch_free(jw);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "\"type\":\"ADDED\""));
	ck_assert_ptr_null(strstr(buf, "MODIFIED"));
	ck_assert_int_eq(strchr(buf, '\n') - buf + 1, (long)strlen(buf)); /* one line */
	free(buf);
}
END_TEST

/* Walks a dotted path ("status.containerStatuses.0.name"). */
static cJSON *at(cJSON *root, const char *path)
{
	char *copy = strdup(path), *save = NULL;
	cJSON *node = root;
	for (char *p = strtok_r(copy, ".", &save); p && node; p = strtok_r(NULL, ".", &save)) {
		if (cJSON_IsArray(node))
			node = cJSON_GetArrayItem(node, atoi(p));
		else
			node = cJSON_GetObjectItemCaseSensitive(node, p);
	}
	free(copy);
	ck_assert_msg(node != NULL, "missing %s", path);
	return node;
}

static bool has(cJSON *root, const char *obj_path, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(at(root, obj_path), key) != NULL;
}

static void expect_str(cJSON *root, const char *path, const char *want)
{
	cJSON *n = at(root, path);
	ck_assert_msg(cJSON_IsString(n), "%s is not a string", path);
	ck_assert_str_eq(n->valuestring, want);
}

static void expect_num(cJSON *root, const char *path, double want)
{
	cJSON *n = at(root, path);
	ck_assert_msg(cJSON_IsNumber(n), "%s is not a number", path);
	ck_assert_msg(n->valuedouble == want, "%s = %g, want %g", path, n->valuedouble, want);
}

static void expect_time(cJSON *root, const char *path, const char *re)
{
	cJSON *n = at(root, path);
	ck_assert_msg(cJSON_IsString(n), "%s is not a string", path);
	ck_assert_msg(matches(re, n->valuestring), "%s = %s", path, n->valuestring);
}

/* ---- time formatting --------------------------------------------------- */

static const struct {
	simtime_t t;
	bool millis;
	const char *want;
} time_cases[] = {
	{ 0, false, "2024-04-18T07:31:39Z" },
	{ MSEC(1999), false, "2024-04-18T07:31:40Z" },
	{ MSEC(123), true, "2024-04-18T07:31:39.123Z" },
	{ SEC(20) + 999999, true, "2024-04-18T07:31:59.000Z" },
	{ SEC(86400) - SEC(27099), false, "2024-04-19T00:00:00Z" },
	{ -MSEC(500), true, "2024-04-18T07:31:38.500Z" },
	{ -SEC(1), false, "2024-04-18T07:31:38Z" },
};

START_TEST(test_time_format)
{
	char buf[64];
	report_json_time(EPOCH, time_cases[_i].t, time_cases[_i].millis, buf, sizeof(buf));
	ck_assert_str_eq(buf, time_cases[_i].want);
}
END_TEST

/* ---- pods -------------------------------------------------------------- */

START_TEST(test_pod_types)
{
	api_pod p;
	running_pod(&p);
	char *out = capture_pod(&p, MSEC(26123), WATCH_MODIFIED);
	ck_assert_int_eq(out[strlen(out) - 1], '\n');
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1); /* one line */
	cJSON *root = cJSON_Parse(out);
	ck_assert_ptr_nonnull(root);
	expect_str(root, "type", "MODIFIED");
	expect_str(root, "time", "2024-04-18T07:32:05.123Z");
	expect_time(root, "time", T_MILLI);
	expect_str(root, "object.apiVersion", "v1");
	expect_str(root, "object.kind", "Pod");
	expect_str(root, "object.metadata.resourceVersion", "512");
	expect_time(root, "object.metadata.creationTimestamp", T_SEC);
	expect_str(root, "object.metadata.labels.test", "liveness");
	ck_assert(!has(root, "object.metadata", "deletionTimestamp"));
	expect_str(root, "object.spec.containers.0.args.0", "/server");
	expect_num(root, "object.spec.containers.0.ports.0.containerPort", 8080);
	expect_str(root, "object.spec.containers.0.resources.limits.cpu", "500m");
	expect_str(root, "object.spec.containers.0.resources.requests.memory", "128Mi");
	expect_num(root, "object.spec.containers.0.livenessProbe.httpGet.port", 8080);
	expect_str(root, "object.spec.containers.0.livenessProbe.httpGet.httpHeaders.0.value",
		   "Awesome");
	expect_num(root, "object.spec.containers.0.livenessProbe.initialDelaySeconds", 3);
	expect_num(root, "object.spec.containers.0.livenessProbe.periodSeconds", 3);
	expect_str(root, "object.spec.containers.0.readinessProbe.httpGet.port", "http");
	ck_assert(!has(root, "object.spec.containers.0.readinessProbe", "initialDelaySeconds"));
	expect_str(root, "object.spec.containers.0.imagePullPolicy", "Always");
	expect_str(root, "object.spec.nodeName", "node-1");
	expect_num(root, "object.spec.terminationGracePeriodSeconds", 30);
	expect_num(root, "object.spec.tolerations.1.tolerationSeconds", 300);
	ck_assert(cJSON_IsTrue(at(root, "object.spec.enableServiceLinks")));
	ck_assert(!has(root, "object.spec", "activeDeadlineSeconds"));
	cJSON_Delete(root);
	free(out);
}
END_TEST

START_TEST(test_pod_status_types)
{
	api_pod p;
	running_pod(&p);
	char *out = capture_pod(&p, SEC(26), WATCH_MODIFIED);
	cJSON *root = cJSON_Parse(out);
	ck_assert_ptr_nonnull(root);
	expect_str(root, "object.status.phase", "Running");
	expect_str(root, "object.status.conditions.0.type", "Ready");
	expect_str(root, "object.status.conditions.0.status", "True");
	ck_assert(cJSON_IsNull(at(root, "object.status.conditions.0.lastProbeTime")));
	expect_time(root, "object.status.conditions.0.lastTransitionTime", T_SEC);
	expect_str(root, "object.status.podIPs.0.ip", "10.244.0.7");
	expect_str(root, "object.status.hostIPs.0.ip", "172.18.0.2");
	expect_str(root, "object.status.startTime", "2024-04-18T07:31:40Z");
	const char *cs = "object.status.containerStatuses.0";
	char path[128];
	snprintf(path, sizeof(path), "%s.state.running.startedAt", cs);
	expect_str(root, path, "2024-04-18T07:32:01Z"); /* 22.4 s truncated */
	snprintf(path, sizeof(path), "%s.lastState.terminated.exitCode", cs);
	expect_num(root, path, 2);
	snprintf(path, sizeof(path), "%s.lastState.terminated.reason", cs);
	expect_str(root, path, "Error");
	snprintf(path, sizeof(path), "%s.lastState.terminated", cs);
	ck_assert(!has(root, path, "signal"));
	ck_assert(!has(root, path, "message"));
	snprintf(path, sizeof(path), "%s.restartCount", cs);
	expect_num(root, path, 1);
	snprintf(path, sizeof(path), "%s.ready", cs);
	ck_assert(cJSON_IsTrue(at(root, path)));
	snprintf(path, sizeof(path), "%s.started", cs);
	ck_assert(cJSON_IsTrue(at(root, path)));
	expect_str(root, "object.status.qosClass", "Burstable");
	cJSON_Delete(root);
	free(out);
}
END_TEST

static container_spec small_container = {
	.name = "c", .image = "busybox", .image_pull_policy = PULL_IF_NOT_PRESENT,
};
static pod_spec small_spec = {
	.name = "p", .namespace = "default", .containers = &small_container,
	.n_containers = 1, .restart_policy = RESTART_NEVER, .termination_grace_seconds = 30,
	.active_deadline_seconds = -1,
};

/* A freshly created pod: no node, no status beyond an empty one; the spec
 * has what admission adds (admission.go of the ServiceAccount and
 * DefaultTolerationSeconds plugins): token volume and mount, tolerations. */
START_TEST(test_small_pod_golden)
{
	api_pod p;
	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "p");
	snprintf(p.namespace, sizeof(p.namespace), "default");
	snprintf(p.uid, sizeof(p.uid), "u-1");
	p.resource_version = 7;
	p.creation_timestamp = MSEC(1500);
	p.deletion_timestamp = -1;
	p.deletion_grace_period_seconds = -1;
	p.spec = &small_spec;
	p.status.start_time = -1;
	char *out = capture_pod(&p, MSEC(1500), WATCH_ADDED);
	const char *want =
		"{\"type\":\"ADDED\",\"time\":\"2024-04-18T07:31:40.500Z\",\"object\":{"
		"\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\","
		"\"namespace\":\"default\",\"uid\":\"u-1\",\"resourceVersion\":\"7\","
		"\"creationTimestamp\":\"2024-04-18T07:31:40Z\"},\"spec\":{\"volumes\":[{"
		"\"name\":\"kube-api-access-hvfxh\",\"projected\":{\"sources\":[{"
		"\"serviceAccountToken\":{\"expirationSeconds\":3607,\"path\":\"token\"}},{"
		"\"configMap\":{\"name\":\"kube-root-ca.crt\",\"items\":[{\"key\":\"ca.crt\","
		"\"path\":\"ca.crt\"}]}},{\"downwardAPI\":{\"items\":[{\"path\":\"namespace\","
		"\"fieldRef\":{\"apiVersion\":\"v1\",\"fieldPath\":\"metadata.namespace\"}}]}}],"
		"\"defaultMode\":420}}],\"containers\":[{"
		"\"name\":\"c\",\"image\":\"busybox\",\"resources\":{},"
		"\"volumeMounts\":[{\"name\":\"kube-api-access-hvfxh\",\"readOnly\":true,"
		"\"mountPath\":\"/var/run/secrets/kubernetes.io/serviceaccount\"}],"
		"\"terminationMessagePath\":\"/dev/termination-log\","
		"\"terminationMessagePolicy\":\"File\",\"imagePullPolicy\":\"IfNotPresent\"}],"
		"\"restartPolicy\":\"Never\",\"terminationGracePeriodSeconds\":30,"
		"\"dnsPolicy\":\"ClusterFirst\",\"serviceAccountName\":\"default\","
		"\"serviceAccount\":\"default\",\"securityContext\":{},"
		"\"schedulerName\":\"default-scheduler\",\"tolerations\":[{"
		"\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\","
		"\"effect\":\"NoExecute\",\"tolerationSeconds\":300},{"
		"\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
		"\"effect\":\"NoExecute\",\"tolerationSeconds\":300}],\"priority\":0,"
		"\"enableServiceLinks\":true,\"preemptionPolicy\":\"PreemptLowerPriority\"},"
		"\"status\":{}}}\n";
	ck_assert_str_eq(out, want);
	free(out);
}
END_TEST

START_TEST(test_deleting_pod)
{
	api_pod p;
	running_pod(&p);
	p.deletion_timestamp = SEC(60) + MSEC(700);
	p.deletion_grace_period_seconds = 30;
	pod_spec spec = live_spec;
	spec.active_deadline_seconds = 120;
	p.spec = &spec;
	char *out = capture_pod(&p, SEC(61), WATCH_DELETED);
	cJSON *root = cJSON_Parse(out);
	ck_assert_ptr_nonnull(root);
	expect_str(root, "type", "DELETED");
	expect_str(root, "object.metadata.deletionTimestamp", "2024-04-18T07:32:39Z");
	expect_num(root, "object.metadata.deletionGracePeriodSeconds", 30);
	expect_num(root, "object.spec.activeDeadlineSeconds", 120);
	cJSON_Delete(root);
	free(out);
}
END_TEST

/* Probe handlers other than httpGet, and a sidecar init container. */
static char *exec_cmd[] = { "cat", "/tmp/healthy", NULL };
static probe_spec exec_probe = {
	.handler = { .kind = HANDLER_EXEC, .exec_argv = exec_cmd, .exec_argc = 2 },
	.timeout_seconds = 1, .period_seconds = 5, .success_threshold = 1,
	.failure_threshold = 3, .termination_grace_seconds = 10,
};
static probe_spec grpc_probe = {
	.handler = { .kind = HANDLER_GRPC, .port = 2379 },
	.timeout_seconds = 1, .period_seconds = 10, .success_threshold = 1,
	.failure_threshold = 3, .termination_grace_seconds = -1,
};
static probe_spec tcp_probe = {
	.handler = { .kind = HANDLER_TCP_SOCKET, .port = 5432 },
	.timeout_seconds = 1, .period_seconds = 10, .success_threshold = 1,
	.failure_threshold = 30, .termination_grace_seconds = -1,
};
static handler_spec sleep_hook = { .kind = HANDLER_SLEEP, .sleep_seconds = 5 };

START_TEST(test_handlers_and_sidecar)
{
	container_spec init = { .name = "proxy", .image = "envoy", .is_init = true,
				.restartable = true, .startup = &tcp_probe,
				.image_pull_policy = PULL_IF_NOT_PRESENT };
	container_spec app = { .name = "app", .image = "etcd", .liveness = &exec_probe,
			       .readiness = &grpc_probe, .pre_stop = &sleep_hook,
			       .image_pull_policy = PULL_IF_NOT_PRESENT };
	pod_spec spec = { .name = "h", .namespace = "default", .containers = &app,
			  .n_containers = 1, .init_containers = &init, .n_init_containers = 1,
			  .termination_grace_seconds = 30, .active_deadline_seconds = -1 };
	api_pod p;
	running_pod(&p);
	p.spec = &spec;
	char *out = capture_pod(&p, SEC(5), WATCH_MODIFIED);
	cJSON *root = cJSON_Parse(out);
	ck_assert_ptr_nonnull(root);
	expect_str(root, "object.spec.initContainers.0.restartPolicy", "Always");
	expect_num(root, "object.spec.initContainers.0.startupProbe.tcpSocket.port", 5432);
	expect_num(root, "object.spec.initContainers.0.startupProbe.failureThreshold", 30);
	ck_assert(!has(root, "object.spec.containers.0", "restartPolicy"));
	expect_str(root, "object.spec.containers.0.livenessProbe.exec.command.1", "/tmp/healthy");
	expect_num(root, "object.spec.containers.0.livenessProbe.terminationGracePeriodSeconds",
		   10);
	expect_num(root, "object.spec.containers.0.readinessProbe.grpc.port", 2379);
	expect_str(root, "object.spec.containers.0.readinessProbe.grpc.service", "");
	expect_num(root, "object.spec.containers.0.lifecycle.preStop.sleep.seconds", 5);
	ck_assert(!has(root, "object.spec.containers.0.lifecycle", "postStart"));
	cJSON_Delete(root);
	free(out);
}
END_TEST

START_TEST(test_waiting_container)
{
	api_pod p;
	running_pod(&p);
	api_container_status *c = &live_status;
	c->state = (api_container_state){ .kind = STATE_WAITING, .started_at = -1,
					  .finished_at = -1 };
	snprintf(c->state.reason, sizeof(c->state.reason), "CrashLoopBackOff");
	snprintf(c->state.message, sizeof(c->state.message), "back-off 10s restarting");
	c->ready = false;
	c->started = -1;
	c->container_id[0] = '\0';
	c->image_id[0] = '\0';
	char *out = capture_pod(&p, SEC(40), WATCH_MODIFIED);
	cJSON *root = cJSON_Parse(out);
	ck_assert_ptr_nonnull(root);
	const char *cs = "object.status.containerStatuses.0";
	char path[128];
	snprintf(path, sizeof(path), "%s.state.waiting.reason", cs);
	expect_str(root, path, "CrashLoopBackOff");
	snprintf(path, sizeof(path), "%s.imageID", cs);
	expect_str(root, path, "");
	ck_assert(!has(root, cs, "started"));
	ck_assert(!has(root, cs, "containerID"));
	snprintf(path, sizeof(path), "%s.ready", cs);
	ck_assert(cJSON_IsFalse(at(root, path)));
	cJSON_Delete(root);
	free(out);
}
END_TEST

/* ---- events ------------------------------------------------------------ */

static void kubelet_event(api_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	snprintf(ev->name, sizeof(ev->name), "liveness-http.17c7a1b2c3d4e5f6");
	snprintf(ev->namespace, sizeof(ev->namespace), "default");
	snprintf(ev->involved_kind, sizeof(ev->involved_kind), "Pod");
	snprintf(ev->involved_name, sizeof(ev->involved_name), "liveness-http");
	snprintf(ev->involved_uid, sizeof(ev->involved_uid), "u-1");
	snprintf(ev->field_path, sizeof(ev->field_path), "spec.containers{liveness}");
	snprintf(ev->type, sizeof(ev->type), "Warning");
	snprintf(ev->reason, sizeof(ev->reason), "Unhealthy");
	snprintf(ev->message, sizeof(ev->message),
		 "Liveness probe failed: HTTP probe failed with statuscode: 500");
	snprintf(ev->source_component, sizeof(ev->source_component), "kubelet");
	snprintf(ev->source_host, sizeof(ev->source_host), "node-1");
	snprintf(ev->reporting_controller, sizeof(ev->reporting_controller), "kubelet");
	snprintf(ev->reporting_instance, sizeof(ev->reporting_instance), "node-1");
	ev->first_timestamp = SEC(16);
	ev->last_timestamp = SEC(58);
	ev->event_time = -1;
	ev->count = 9;
	ev->series_last_observed = -1;
	ev->resource_version = 900;
}

START_TEST(test_kubelet_event)
{
	api_event ev;
	kubelet_event(&ev);
	char *out = capture_event(&ev, SEC(58), WATCH_MODIFIED);
	cJSON *root = cJSON_Parse(out);
	ck_assert_ptr_nonnull(root);
	expect_str(root, "object.kind", "Event");
	expect_str(root, "object.metadata.resourceVersion", "900");
	expect_str(root, "object.metadata.creationTimestamp", "2024-04-18T07:31:55Z");
	expect_str(root, "object.involvedObject.fieldPath", "spec.containers{liveness}");
	expect_str(root, "object.involvedObject.apiVersion", "v1");
	expect_str(root, "object.source.component", "kubelet");
	expect_str(root, "object.source.host", "node-1");
	expect_time(root, "object.firstTimestamp", T_SEC);
	expect_str(root, "object.lastTimestamp", "2024-04-18T07:32:37Z");
	expect_num(root, "object.count", 9);
	ck_assert(cJSON_IsNull(at(root, "object.eventTime")));
	ck_assert(!has(root, "object", "series"));
	expect_str(root, "object.reportingComponent", "kubelet");
	expect_str(root, "object.reportingInstance", "node-1");
	cJSON_Delete(root);
	free(out);
}
END_TEST

START_TEST(test_scheduler_event)
{
	api_event ev;
	kubelet_event(&ev);
	ev.field_path[0] = ev.source_component[0] = ev.source_host[0] = '\0';
	ev.first_timestamp = ev.last_timestamp = -1;
	ev.event_time = SEC(1) + 123456789;
	ev.count = 0;
	ev.series_count = 2;
	ev.series_last_observed = SEC(3);
	char *out = capture_event(&ev, SEC(3), WATCH_ADDED);
	cJSON *root = cJSON_Parse(out);
	ck_assert_ptr_nonnull(root);
	ck_assert(!has(root, "object.involvedObject", "fieldPath"));
	ck_assert_int_eq(cJSON_GetArraySize(at(root, "object.source")), 0);
	ck_assert(cJSON_IsNull(at(root, "object.firstTimestamp")));
	ck_assert(cJSON_IsNull(at(root, "object.lastTimestamp")));
	ck_assert(!has(root, "object", "count"));
	expect_str(root, "object.eventTime", "2024-04-18T07:31:40.123456Z");
	expect_time(root, "object.eventTime", T_MICRO);
	expect_num(root, "object.series.count", 2);
	expect_time(root, "object.series.lastObservedTime", T_MICRO);
	expect_str(root, "object.metadata.creationTimestamp", "2024-04-18T07:31:40Z");
	cJSON_Delete(root);
	free(out);
}
END_TEST

Suite *report_json_suite(void)
{
	Suite *s = suite_create("report_json");
	TCase *tc = tcase_create("time");
	tcase_add_loop_test(tc, test_time_format, 0, sizeof(time_cases) / sizeof(time_cases[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("pod");
	tcase_add_test(tc, test_pod_types);
	tcase_add_test(tc, test_pod_status_types);
	tcase_add_test(tc, test_small_pod_golden);
	tcase_add_test(tc, test_watch_begin_late);
	tcase_add_test(tc, test_deleting_pod);
	tcase_add_test(tc, test_handlers_and_sidecar);
	tcase_add_test(tc, test_waiting_container);
	suite_add_tcase(s, tc);
	tc = tcase_create("event");
	tcase_add_test(tc, test_kubelet_event);
	tcase_add_test(tc, test_scheduler_event);
	suite_add_tcase(s, tc);
	return s;
}
