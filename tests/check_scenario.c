/* check_scenario.c - the YAML loader: defaulting, the seed manifests, the
 * Simulation and ImageCatalogue documents (the exact text of errors is in
 * check_scenario_errors.c).
 *
 * Most cases load from memory under the name "t.yaml", so the expected
 * messages can spell out FILE:LINE:COL.  Each test gets a fresh scenario
 * (scenario_init loads the built-in catalogue too) and releases it, so ASan
 * sees every error path's cleanup.  The seed manifests are files in
 * tests/data and go through scenario_load_file; paths are relative to the
 * repository root, where `make unit` and run_one.sh run.
 */
#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "scenario.h"

HARNESS_LOADER_FIXTURE

static void load_ok(const char *yaml)
{
	int rc = load(yaml);
	ck_assert_msg(rc == 0, "unexpected error: %s", err);
}

static const pod_spec *only_pod(void)
{
	ck_assert_int_eq(sc.n_pods, 1);
	return &sc.pods[0];
}

/* ---- defaulting --------------------------------------------------------- */

static const struct {
	const char *image, *policy;
	pull_policy want;
} pull_rows[] = {
	{"busybox", NULL, PULL_ALWAYS},
	{"busybox:latest", NULL, PULL_ALWAYS},
	{"busybox:1.36", NULL, PULL_IF_NOT_PRESENT},
	{"nginx@sha256:0123456789abcdef", NULL, PULL_IF_NOT_PRESENT},
	{"nginx:latest@sha256:0123456789abcdef", NULL, PULL_ALWAYS},
	{"localhost:5000/app", NULL, PULL_ALWAYS},
	{"localhost:5000/app:v1", NULL, PULL_IF_NOT_PRESENT},
	{"registry.k8s.io/e2e-test-images/agnhost:2.47", NULL, PULL_IF_NOT_PRESENT},
	{"busybox:1.36", "Always", PULL_ALWAYS},
	{"busybox", "IfNotPresent", PULL_IF_NOT_PRESENT},
	{"busybox", "Never", PULL_NEVER},
};

START_TEST(test_pull_policy)
{
	char yaml[512];
	char policy[64] = "";
	if (pull_rows[_i].policy)
		snprintf(policy, sizeof(policy), "    imagePullPolicy: %s\n", pull_rows[_i].policy);
	snprintf(yaml, sizeof(yaml),
		 "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
		 "  - name: c\n    image: \"%s\"\n%s",
		 pull_rows[_i].image, policy);
	load_ok(yaml);
	ck_assert_str_eq(only_pod()->containers[0].image, pull_rows[_i].image);
	ck_assert_int_eq(only_pod()->containers[0].image_pull_policy, pull_rows[_i].want);
}
END_TEST

static const struct {
	const char *extra; /* appended to POD_HEAD's spec */
	restart_policy restart;
	int64_t grace, deadline;
	const char *node;
} pod_rows[] = {
	{"", RESTART_ALWAYS, 30, -1, NULL},
	{"  restartPolicy: Never\n", RESTART_NEVER, 30, -1, NULL},
	{"  restartPolicy: OnFailure\n  terminationGracePeriodSeconds: 0\n", RESTART_ON_FAILURE, 0,
	 -1, NULL},
	{"  activeDeadlineSeconds: 60\n  nodeName: node-1\n  terminationGracePeriodSeconds: 5\n",
	 RESTART_ALWAYS, 5, 60, "node-1"},
	/* fields podsim does not model are accepted silently */
	{"  volumes: [{name: v, emptyDir: {}}]\n  tolerations: []\n  serviceAccountName: sa\n",
	 RESTART_ALWAYS, 30, -1, NULL},
};

START_TEST(test_pod_defaults)
{
	char yaml[512];
	snprintf(yaml, sizeof(yaml), POD_HEAD "%s", pod_rows[_i].extra);
	load_ok(yaml);
	const pod_spec *p = only_pod();
	ck_assert_str_eq(p->name, "web");
	ck_assert_str_eq(p->namespace, "default");
	ck_assert_int_eq(p->restart_policy, pod_rows[_i].restart);
	ck_assert_int_eq(p->termination_grace_seconds, pod_rows[_i].grace);
	ck_assert_int_eq(p->active_deadline_seconds, pod_rows[_i].deadline);
	if (pod_rows[_i].node)
		ck_assert_str_eq(p->node_name, pod_rows[_i].node);
	else
		ck_assert_ptr_null(p->node_name);
	ck_assert_int_eq(p->loc.line, 1);
	ck_assert_int_eq(p->loc.col, 1);
	ck_assert_int_eq(p->containers[0].loc.line, 7);
	ck_assert_int_eq(p->containers[0].loc.col, 5);
}
END_TEST

START_TEST(test_probe_defaults)
{
	load_ok(POD_HEAD "    readinessProbe:\n      tcpSocket: {port: 80}\n"
			 "    livenessProbe:\n      httpGet: {port: 8080}\n"
			 "    startupProbe:\n      grpc: {port: 9000}\n");
	const container_spec *c = &only_pod()->containers[0];
	const probe_spec *probes[] = {c->readiness, c->liveness, c->startup};
	for (int i = 0; i < 3; i++) {
		ck_assert_ptr_nonnull(probes[i]);
		ck_assert_int_eq(probes[i]->initial_delay_seconds, 0);
		ck_assert_int_eq(probes[i]->timeout_seconds, 1);
		ck_assert_int_eq(probes[i]->period_seconds, 10);
		ck_assert_int_eq(probes[i]->success_threshold, 1);
		ck_assert_int_eq(probes[i]->failure_threshold, 3);
		ck_assert_int_eq(probes[i]->termination_grace_seconds, -1);
		ck_assert_int_eq(probes[i]->loc.line, 10 + 2 * i);
		ck_assert_int_eq(probes[i]->loc.col, 7);
	}
	ck_assert_int_eq(c->readiness->handler.kind, HANDLER_TCP_SOCKET);
	ck_assert_int_eq(c->readiness->handler.port, 80);
	ck_assert_str_eq(c->readiness->handler.host, "");
	const handler_spec *h = &c->liveness->handler;
	ck_assert_int_eq(h->kind, HANDLER_HTTP_GET);
	ck_assert_str_eq(h->path, "/");
	ck_assert_str_eq(h->scheme, "HTTP");
	ck_assert_str_eq(h->host, "");
	ck_assert_int_eq(h->port, 8080);
	ck_assert_ptr_null(h->port_name);
	ck_assert_int_eq(c->startup->handler.kind, HANDLER_GRPC);
	ck_assert_int_eq(c->startup->handler.port, 9000);
	ck_assert_ptr_null(c->startup->handler.grpc_service);
	ck_assert_ptr_null(c->post_start);
	ck_assert_ptr_null(c->pre_stop);
}
END_TEST

START_TEST(test_probe_explicit)
{
	load_ok(POD_HEAD "    livenessProbe:\n"
			 "      exec: {command: [cat, /tmp/healthy]}\n"
			 "      initialDelaySeconds: 5\n      timeoutSeconds: 2\n      periodSeconds: 7\n"
			 "      failureThreshold: 4\n      terminationGracePeriodSeconds: 9\n"
			 "    readinessProbe:\n"
			 "      httpGet: {path: /ready, port: 443, scheme: HTTPS, host: 10.0.0.1}\n"
			 "      successThreshold: 2\n");
	const container_spec *c = &only_pod()->containers[0];
	const probe_spec *l = c->liveness;
	ck_assert_int_eq(l->handler.kind, HANDLER_EXEC);
	ck_assert_int_eq(l->handler.exec_argc, 2);
	ck_assert_str_eq(l->handler.exec_argv[0], "cat");
	ck_assert_str_eq(l->handler.exec_argv[1], "/tmp/healthy");
	ck_assert_ptr_null(l->handler.exec_argv[2]);
	ck_assert_int_eq(l->initial_delay_seconds, 5);
	ck_assert_int_eq(l->timeout_seconds, 2);
	ck_assert_int_eq(l->period_seconds, 7);
	ck_assert_int_eq(l->failure_threshold, 4);
	ck_assert_int_eq(l->termination_grace_seconds, 9);
	ck_assert_str_eq(c->readiness->handler.path, "/ready");
	ck_assert_str_eq(c->readiness->handler.scheme, "HTTPS");
	ck_assert_str_eq(c->readiness->handler.host, "10.0.0.1");
	ck_assert_int_eq(c->readiness->success_threshold, 2);
}
END_TEST

/* SetDefaults_Probe: 0 in these fields means "unset" and becomes the default
 * (successThreshold 0 on a liveness probe is therefore valid). */
static const struct {
	const char *field;
	size_t offset;
	int want;
} probe_zero_rows[] = {
	{"timeoutSeconds", offsetof(probe_spec, timeout_seconds), 1},
	{"periodSeconds", offsetof(probe_spec, period_seconds), 10},
	{"successThreshold", offsetof(probe_spec, success_threshold), 1},
	{"failureThreshold", offsetof(probe_spec, failure_threshold), 3},
};

START_TEST(test_probe_zero_defaults)
{
	char yaml[512];
	snprintf(yaml, sizeof(yaml),
		 POD_HEAD "    livenessProbe:\n      tcpSocket: {port: 80}\n      %s: 0\n"
			  "    readinessProbe:\n      tcpSocket: {port: 80}\n      %s: 0\n",
		 probe_zero_rows[_i].field, probe_zero_rows[_i].field);
	load_ok(yaml);
	const container_spec *c = &only_pod()->containers[0];
	const probe_spec *probes[] = {c->liveness, c->readiness};
	for (int i = 0; i < 2; i++) {
		const int *got = (const int *)((const char *)probes[i] + probe_zero_rows[_i].offset);
		ck_assert_int_eq(*got, probe_zero_rows[_i].want);
	}
}
END_TEST

/* ---- the seed manifests (seed-traces.md) -------------------------------- */

START_TEST(test_seed_init_pod)
{
	int rc = scenario_load_file(&sc, "tests/data/init-pod.yaml", err, sizeof(err));
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(scenario_finish(&sc, err, sizeof(err)), 0);
	const pod_spec *p = only_pod();
	ck_assert_str_eq(p->name, "init-pod-demo");
	ck_assert_str_eq(p->loc.file, "tests/data/init-pod.yaml");
	ck_assert_int_eq(p->n_labels, 1);
	ck_assert_str_eq(p->labels[0].key, "name");
	ck_assert_str_eq(p->labels[0].value, "init-pod");
	ck_assert_int_eq(p->n_containers, 1);
	const container_spec *c = &p->containers[0];
	ck_assert_str_eq(c->name, "busybox-container");
	ck_assert_str_eq(c->image, "busybox:latest");
	ck_assert_int_eq(c->image_pull_policy, PULL_ALWAYS);
	ck_assert(!c->is_init);
	ck_assert_int_eq(c->n_command, 3);
	ck_assert_str_eq(c->command[2], "date && sleep 3600");
	ck_assert_ptr_null(c->command[3]);
	ck_assert_int_eq(c->n_args, 0);
	ck_assert_int_eq(c->n_limits, 2);
	ck_assert_str_eq(c->limits[0].key, "memory");
	ck_assert_str_eq(c->limits[0].value, "128Mi");
	ck_assert_str_eq(c->limits[1].key, "cpu");
	ck_assert_str_eq(c->limits[1].value, "500m");
	ck_assert_int_eq(c->n_requests, 0);
	ck_assert_int_eq(c->n_ports, 1);
	ck_assert_int_eq(c->ports[0].container_port, 80);
	ck_assert_str_eq(c->ports[0].protocol, "TCP");
	ck_assert_ptr_null(c->ports[0].name);
	ck_assert_ptr_null(c->liveness);
	ck_assert_int_eq(p->n_init_containers, 1);
	const container_spec *i = &p->init_containers[0];
	ck_assert_str_eq(i->name, "init-container");
	ck_assert(i->is_init && !i->restartable);
	ck_assert_int_eq(i->index, 0);
	ck_assert_str_eq(i->command[2], "date && sleep 10");
	ck_assert_int_eq(i->loc.line, 19);
	ck_assert_int_eq(i->loc.col, 5);
}
END_TEST

START_TEST(test_seed_liveness)
{
	int rc = scenario_load_file(&sc, "tests/data/liveness.yaml", err, sizeof(err));
	ck_assert_msg(rc == 0, "%s", err);
	const pod_spec *p = only_pod();
	ck_assert_str_eq(p->name, "liveness-http");
	ck_assert_str_eq(p->labels[0].key, "test");
	const container_spec *c = &p->containers[0];
	ck_assert_str_eq(c->image, "mirrorgooglecontainers/liveness");
	ck_assert_int_eq(c->image_pull_policy, PULL_ALWAYS);
	ck_assert_int_eq(c->n_command, 0);
	ck_assert_ptr_null(c->command);
	ck_assert_int_eq(c->n_args, 1);
	ck_assert_str_eq(c->args[0], "/server");
	const probe_spec *l = c->liveness;
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(l->handler.kind, HANDLER_HTTP_GET);
	ck_assert_str_eq(l->handler.path, "/healthz");
	ck_assert_int_eq(l->handler.port, 8080);
	ck_assert_str_eq(l->handler.scheme, "HTTP");
	ck_assert_int_eq(l->handler.n_http_headers, 1);
	ck_assert_str_eq(l->handler.http_headers[0].key, "Custom-Header");
	ck_assert_str_eq(l->handler.http_headers[0].value, "Awesome");
	ck_assert_int_eq(l->initial_delay_seconds, 3);
	ck_assert_int_eq(l->period_seconds, 3);
	ck_assert_int_eq(l->timeout_seconds, 1);
	ck_assert_int_eq(l->success_threshold, 1);
	ck_assert_int_eq(l->failure_threshold, 3);
	ck_assert_int_eq(l->loc.line, 14);
	ck_assert_int_eq(l->loc.col, 7);
	ck_assert_ptr_null(c->readiness);
	ck_assert_int_eq(p->restart_policy, RESTART_ALWAYS);
}
END_TEST

/* ---- named ports, hooks, sidecars -------------------------------------- */

static const struct {
	const char *probe;
	handler_kind kind;
	int port;
	const char *name;
} port_rows[] = {
	{"httpGet: {port: http}", HANDLER_HTTP_GET, 8080, "http"},
	{"httpGet: {port: metrics, path: /m}", HANDLER_HTTP_GET, 9090, "metrics"},
	{"tcpSocket: {port: metrics}", HANDLER_TCP_SOCKET, 9090, "metrics"},
	{"tcpSocket: {port: 8080}", HANDLER_TCP_SOCKET, 8080, NULL},
	{"grpc: {port: 9090, service: health}", HANDLER_GRPC, 9090, NULL},
};

START_TEST(test_named_ports)
{
	char yaml[512];
	snprintf(yaml, sizeof(yaml),
		 POD_HEAD "    ports:\n    - {name: http, containerPort: 8080}\n"
			  "    - {name: metrics, containerPort: 9090, protocol: TCP, hostPort: 19090}\n"
			  "    readinessProbe:\n      %s\n",
		 port_rows[_i].probe);
	load_ok(yaml);
	const container_spec *c = &only_pod()->containers[0];
	ck_assert_int_eq(c->ports[1].host_port, 19090);
	const handler_spec *h = &c->readiness->handler;
	ck_assert_int_eq(h->kind, port_rows[_i].kind);
	ck_assert_int_eq(h->port, port_rows[_i].port);
	if (port_rows[_i].name)
		ck_assert_str_eq(h->port_name, port_rows[_i].name);
	else
		ck_assert_ptr_null(h->port_name);
}
END_TEST

START_TEST(test_hooks_and_sidecar)
{
	load_ok("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n"
		"  initContainers:\n"
		"  - name: log\n    image: fluentbit:3\n    restartPolicy: Always\n"
		"    startupProbe: {exec: {command: [ls]}}\n"
		"  - name: setup\n    image: busybox\n"
		"  containers:\n"
		"  - name: app\n    image: nginx\n"
		"    lifecycle:\n"
		"      postStart: {exec: {command: [sh, -c, echo hi]}}\n"
		"      preStop: {sleep: {seconds: 5}}\n");
	const pod_spec *p = only_pod();
	ck_assert_str_eq(p->namespace, "team");
	ck_assert_int_eq(p->n_init_containers, 2);
	ck_assert(p->init_containers[0].restartable);
	ck_assert_ptr_nonnull(p->init_containers[0].startup);
	ck_assert(!p->init_containers[1].restartable);
	ck_assert_int_eq(p->init_containers[1].index, 1);
	ck_assert_int_eq(p->init_containers[1].image_pull_policy, PULL_ALWAYS);
	ck_assert_int_eq(p->init_containers[0].image_pull_policy, PULL_IF_NOT_PRESENT);
	const container_spec *c = &p->containers[0];
	ck_assert_int_eq(c->post_start->kind, HANDLER_EXEC);
	ck_assert_int_eq(c->post_start->exec_argc, 3);
	ck_assert_int_eq(c->pre_stop->kind, HANDLER_SLEEP);
	ck_assert_int_eq(c->pre_stop->sleep_seconds, 5);
}
END_TEST

/* ---- Simulation -------------------------------------------------------- */

START_TEST(test_simulation_defaults)
{
	const sim_settings *s = &sc.settings;
	const kubelet_settings *k = &s->kubelet;
	ck_assert(!s->has_seed);
	ck_assert_int_eq(s->duration, SEC(600));
	ck_assert_int_eq(s->start_time_unix, 1735689600);
	ck_assert_ptr_null(s->loc.file);
	ck_assert_int_eq(k->version_minor, 34);
	ck_assert_str_eq(k->node_name, "node-1");
	ck_assert_int_eq(k->started_before, SEC(3600));
	ck_assert(!k->reduce_crashloop_decay);
	ck_assert_int_eq(k->max_container_restart_period, 0);
	ck_assert_int_eq(k->n_images, 1);
	ck_assert_str_eq(k->images[0].image, "*");
	ck_assert_int_eq(k->images[0].pull.kind, DIST_UNIFORM);
	ck_assert_int_eq(k->images[0].pull.a, SEC(1));
	ck_assert_int_eq(k->images[0].pull.b, SEC(3));
	ck_assert_int_eq(k->sandbox_create.kind, DIST_UNIFORM);
	ck_assert_int_eq(k->sandbox_create.a, MSEC(200));
	ck_assert_int_eq(k->sandbox_create.b, MSEC(600));
	ck_assert_int_eq(k->container_create.b, MSEC(60));
	ck_assert_int_eq(k->container_start.a, MSEC(50));
	ck_assert_int_eq(k->schedule_latency.b, MSEC(30));
	ck_assert_int_eq(k->admit_latency.a, MSEC(20));
	ck_assert_int_eq(k->relist_duration.kind, DIST_CONST);
	ck_assert_int_eq(k->relist_duration.a, MSEC(5));
	ck_assert_int_eq(k->api_latency.b, MSEC(10));
	ck_assert_int_eq(s->n_behaviors, 0);
	ck_assert_int_eq(s->n_actions, 0);
	ck_assert_int_ge(sc.n_catalogue, 1); /* the built-in catalogue */
	ck_assert_str_eq(sc.catalogue[0].loc.file, "<built-in catalogue>");
}
END_TEST

static const char sim_full[] =
	POD_HEAD "---\n" SIM_HEAD "seed: 18446744073709551615\n"
	"duration: 2m30s\n"
	"startTime: \"2024-04-18T15:31:23+08:00\"\n"
	"kubelet:\n"
	"  version: \"1.35\"\n"
	"  nodeName: node1.k8s\n"
	"  startedBefore: 10m\n"
	"  featureGates: {ReduceDefaultCrashLoopBackOffDecay: true, KubeletCrashLoopBackOffMax: true}\n"
	"  maxContainerRestartPeriod: 30s\n"
	"  images:\n"
	"  - {image: busybox:latest, pullTime: 'uniform(6s,9s)', size: 2155000}\n"
	"  - {image: nginx, present: true}\n"
	"  - {image: broken, unpullable: true, pullTime: 500ms}\n"
	"  - {image: '*', pullTime: 'normal(2s,200ms)'}\n"
	"  timings:\n"
	"    sandboxCreate: 300ms\n"
	"    apiLatency: exponential(3ms)\n"
	"behaviors:\n"
	"- pod: web\n  container: app\n  runTime: 30s\n  exitCode: 1\n  oomKilled: true\n"
	"  sigterm: ignore\n"
	"- sigterm: {exitCode: 2, delay: 2s}\n  endpoints: []\n"
	"actions:\n"
	"- {at: 30s, delete: web, gracePeriodSeconds: 5}\n"
	"- {at: 1m, killSandbox: web}\n";

START_TEST(test_simulation_fields)
{
	load_ok(sim_full);
	ck_assert_int_eq(scenario_finish(&sc, err, sizeof(err)), 0);
	const sim_settings *s = &sc.settings;
	const kubelet_settings *k = &s->kubelet;
	ck_assert(s->has_seed);
	ck_assert_uint_eq(s->seed, UINT64_MAX);
	ck_assert_int_eq(s->duration, SEC(150));
	ck_assert_int_eq(s->start_time_unix, 1713425483); /* 2024-04-18T07:31:23Z */
	ck_assert_int_eq(s->loc.line, 10);
	ck_assert_int_eq(k->version_minor, 35);
	ck_assert_str_eq(k->node_name, "node1.k8s");
	ck_assert_int_eq(k->started_before, SEC(600));
	ck_assert(k->reduce_crashloop_decay);
	ck_assert_int_eq(k->max_container_restart_period, SEC(30));
	ck_assert_int_eq(k->n_images, 4);
	ck_assert_str_eq(k->images[0].image, "*");
	ck_assert_int_eq(k->images[0].pull.kind, DIST_NORMAL);
	ck_assert_str_eq(k->images[1].image, "busybox:latest");
	ck_assert_int_eq(k->images[1].pull.a, SEC(6));
	ck_assert_int_eq(k->images[1].pull.b, SEC(9));
	ck_assert_int_eq(k->images[1].size_bytes, 2155000);
	ck_assert_str_eq(k->images[2].image, "nginx");
	ck_assert(k->images[2].present);
	/* no pullTime: the "*" entry's, even though "*" came later */
	ck_assert_int_eq(k->images[2].pull.kind, DIST_NORMAL);
	ck_assert_int_eq(k->images[2].pull.a, SEC(2));
	ck_assert(k->images[3].unpullable);
	ck_assert_int_eq(k->images[3].pull.kind, DIST_CONST);
	ck_assert_int_eq(k->sandbox_create.kind, DIST_CONST);
	ck_assert_int_eq(k->sandbox_create.a, MSEC(300));
	ck_assert_int_eq(k->api_latency.kind, DIST_EXPONENTIAL);
	ck_assert_int_eq(k->container_start.kind, DIST_UNIFORM); /* untouched default */
	ck_assert_int_eq(s->n_behaviors, 2);
	const behavior_spec *b = &s->behaviors[0];
	ck_assert_str_eq(b->pod, "web");
	ck_assert_str_eq(b->container, "app");
	ck_assert(b->has_run_time && b->run_time.a == SEC(30));
	ck_assert(b->has_exit_code && b->exit_code == 1);
	ck_assert(b->oom_killed);
	ck_assert(b->has_sigterm && b->sigterm_exit == -1);
	ck_assert(!b->has_endpoints);
	b = &s->behaviors[1];
	ck_assert_str_eq(b->pod, "*");
	ck_assert_str_eq(b->container, "*");
	ck_assert(!b->has_run_time && !b->has_exit_code);
	ck_assert(b->has_sigterm && b->sigterm_exit == 2 && b->sigterm_delay.a == SEC(2));
	ck_assert(b->has_endpoints && b->n_endpoints == 0);
	ck_assert_int_eq(s->n_actions, 2);
	ck_assert_int_eq(s->actions[0].kind, ACTION_DELETE);
	ck_assert_int_eq(s->actions[0].at, SEC(30));
	ck_assert_str_eq(s->actions[0].pod, "web");
	ck_assert_int_eq(s->actions[0].grace_period_seconds, 5);
	ck_assert_int_eq(s->actions[1].kind, ACTION_KILL_SANDBOX);
	ck_assert_int_eq(s->actions[1].at, SEC(60));
	ck_assert_int_eq(s->actions[1].grace_period_seconds, -1);
	ck_assert_int_eq(s->actions[1].loc.line, 40);
	ck_assert_int_eq(s->actions[1].loc.col, 3);
	ck_assert_int_eq(sc.n_warnings, 0); /* web has no nodeName, so nothing to warn about */
}
END_TEST

static const struct {
	const char *text;
	int64_t unix_time; /* -1: must be rejected */
} time_rows[] = {
	{"1970-01-01T00:00:00Z", 0},
	{"2025-01-01T00:00:00Z", 1735689600},
	{"2024-04-18T07:31:23Z", 1713425483},
	{"2024-04-18T16:45:57+08:00", 1713429957},
	{"2024-04-18T00:30:00-01:30", 1713405600},
	{"2024-02-29T12:00:00Z", 1709208000},
	{"2100-01-01T00:00:00Z", 4102444800}, /* SIM_START_MAX_UNIX, the last accepted */
	{"2100-01-01T01:00:00+01:00", 4102444800},
	{"2023-02-29T12:00:00Z", -1},
	{"2024-04-18T07:31:23.5Z", -1},
	{"2024-04-18 07:31:23Z", -1},
	{"2024-04-18T07:31:23", -1},
	{"2024-13-01T00:00:00Z", -1},
	{"2024-04-18T24:00:00Z", -1},
};

START_TEST(test_start_time)
{
	char yaml[256];
	snprintf(yaml, sizeof(yaml), SIM_HEAD "startTime: \"%s\"\n", time_rows[_i].text);
	int rc = load(yaml);
	if (time_rows[_i].unix_time < 0) {
		ck_assert_int_eq(rc, -1);
		char want[256];
		snprintf(want, sizeof(want),
			 "t.yaml:3:12: startTime: must be an RFC 3339 time in whole seconds such as "
			 "\"2025-01-01T00:00:00Z\", got \"%s\"",
			 time_rows[_i].text);
		ck_assert_str_eq(err, want);
	} else {
		ck_assert_msg(rc == 0, "%s", err);
		ck_assert_int_eq(sc.settings.start_time_unix, time_rows[_i].unix_time);
	}
}
END_TEST

/* Feature gates against the kubelet version: max_gate decides whether
 * maxContainerRestartPeriod may be set. */
static const struct {
	const char *kubelet;
	bool ok, decay;
	simtime_t max;
} gate_rows[] = {
	{"  version: \"1.35\"\n  maxContainerRestartPeriod: 1m\n", true, false, SEC(60)},
	{"  version: \"1.32\"\n  featureGates: {KubeletCrashLoopBackOffMax: true}\n"
	 "  maxContainerRestartPeriod: 5s\n",
	 true, false, SEC(5)},
	{"  version: v1.33\n  featureGates: {ReduceDefaultCrashLoopBackOffDecay: true}\n", true,
	 true, 0},
	{"  version: \"1.34\"\n  maxContainerRestartPeriod: 1m\n", false, false, 0},
	{"  version: \"1.35\"\n  featureGates: {KubeletCrashLoopBackOffMax: false}\n"
	 "  maxContainerRestartPeriod: 1m\n",
	 false, false, 0},
	{"  version: \"1.32\"\n  featureGates: {ReduceDefaultCrashLoopBackOffDecay: true}\n", false,
	 false, 0},
};

START_TEST(test_feature_gates)
{
	char yaml[512];
	snprintf(yaml, sizeof(yaml), SIM_HEAD "kubelet:\n%s", gate_rows[_i].kubelet);
	int rc = load(yaml);
	ck_assert_msg((rc == 0) == gate_rows[_i].ok, "rc %d: %s", rc, err);
	if (rc == 0) {
		ck_assert_int_eq(sc.settings.kubelet.reduce_crashloop_decay, gate_rows[_i].decay);
		ck_assert_int_eq(sc.settings.kubelet.max_container_restart_period, gate_rows[_i].max);
	}
}
END_TEST

/* ---- ImageCatalogue ----------------------------------------------------- */

START_TEST(test_catalogue)
{
	int builtin = sc.n_catalogue;
	load_ok("apiVersion: podsim/v1\nkind: ImageCatalogue\nimages:\n"
		"- image: mirrorgooglecontainers/liveness\n"
		"  arg0: /server\n"
		"  description: healthz 200 for 10s, then 500\n"
		"  sigterm: {exitCode: 2}\n"
		"  endpoints:\n"
		"  - port: 8080\n"
		"    http: /healthz\n"
		"    responses:\n"
		"    - {status: 200}\n"
		"    - {after: 10s, status: 500, body: 'error: 10'}\n"
		"    latency: uniform(1ms,3ms)\n"
		"  - {port: 9000, grpc: true, listenAfter: 2s}\n"
		"  - {port: 81, http: true, repeat: 1m, responses: [{status: 200}, {after: 5s, status: 503}]}\n"
		"  - {port: 5432, tcp: true}\n"
		"- {image: busybox, runTime: 1s, exitCode: 3}\n");
	ck_assert_int_eq(sc.n_catalogue, builtin + 2);
	const behavior_spec *b = &sc.catalogue[builtin];
	ck_assert_str_eq(b->image, "mirrorgooglecontainers/liveness");
	ck_assert_str_eq(b->arg0, "/server");
	ck_assert_str_eq(b->description, "healthz 200 for 10s, then 500");
	ck_assert(b->has_sigterm && b->sigterm_exit == 2);
	ck_assert_int_eq(b->sigterm_delay.kind, DIST_CONST);
	ck_assert_int_eq(b->sigterm_delay.a, 0);
	ck_assert(b->has_endpoints);
	ck_assert_int_eq(b->n_endpoints, 4);
	const endpoint_spec *e = &b->endpoints[0];
	ck_assert_int_eq(e->proto, ENDPOINT_HTTP);
	ck_assert_int_eq(e->port, 8080);
	ck_assert_str_eq(e->path, "/healthz");
	ck_assert_int_eq(e->n_steps, 2);
	ck_assert_int_eq(e->steps[0].after.a, 0);
	ck_assert_int_eq(e->steps[0].status, 200);
	ck_assert_ptr_null(e->steps[0].body);
	ck_assert_int_eq(e->steps[1].after.a, SEC(10));
	ck_assert_int_eq(e->steps[1].status, 500);
	ck_assert_str_eq(e->steps[1].body, "error: 10");
	ck_assert_int_eq(e->latency.kind, DIST_UNIFORM);
	ck_assert_int_eq(e->repeat, 0);
	e = &b->endpoints[1];
	ck_assert_int_eq(e->proto, ENDPOINT_GRPC);
	ck_assert_int_eq(e->listen_after.a, SEC(2));
	ck_assert_int_eq(e->latency.kind, DIST_NONE);
	e = &b->endpoints[2];
	ck_assert_int_eq(e->proto, ENDPOINT_HTTP);
	ck_assert_ptr_null(e->path);
	ck_assert_int_eq(e->repeat, SEC(60));
	ck_assert_int_eq(b->endpoints[3].proto, ENDPOINT_TCP);
	b = &sc.catalogue[builtin + 1];
	ck_assert_str_eq(b->image, "busybox");
	ck_assert_ptr_null(b->arg0);
	ck_assert(b->has_run_time && b->run_time.a == SEC(1));
	ck_assert(b->has_exit_code && b->exit_code == 3);
	ck_assert(!b->has_sigterm && !b->has_endpoints);
	ck_assert_int_eq(b->loc.line, 18);
}
END_TEST

/* ---- streams ------------------------------------------------------------ */

START_TEST(test_multi_document)
{
	load_ok("# comment only\n---\n---\n" POD_HEAD "---\nnull\n---\n"
		"apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: other}\n"
		"spec: {containers: [{name: app, image: nginx}]}\n...\n");
	ck_assert_int_eq(sc.n_pods, 2);
	ck_assert_int_eq(sc.pods[0].loc.line, 4);
	ck_assert_str_eq(sc.pods[1].namespace, "other");
	ck_assert_int_eq(sc.pods[1].loc.line, 15);
	/* same name in two namespaces is fine */
	ck_assert_int_eq(scenario_finish(&sc, err, sizeof(err)), 0);
	ck_assert_int_eq(sc.n_warnings, 0);
	/* an empty buffer is an empty stream */
	ck_assert_int_eq(scenario_load_buffer(&sc, "empty.yaml", "", 0, err, sizeof(err)), 0);
	ck_assert_int_eq(sc.n_pods, 2);
}
END_TEST

START_TEST(test_warning_foreign_node)
{
	load_ok(POD_HEAD "  nodeName: node-2\n");
	ck_assert_int_eq(scenario_finish(&sc, err, sizeof(err)), 0);
	ck_assert_int_eq(sc.n_warnings, 1);
	ck_assert_str_eq(sc.warnings[0], "t.yaml:1:1: spec.nodeName: pod \"web\" is bound to node "
					 "\"node-2\", but the simulated kubelet is \"node-1\"; it "
					 "will stay Pending");
}
END_TEST

/* Names the API server accepts (IsDNS1123Subdomain for the pod,
 * IsDNS1123Label for namespace and containers): digits first, inner dashes
 * and dots, 253 and 63 characters exactly. */
START_TEST(test_valid_names)
{
	/* The API server takes pod names up to 253 characters; podsim holds
	 * SIM_NAME_MAX (longer ones are refused: tests/bad/pod-name-64.case). */
	char yaml[1024], pod[SIM_NAME_MAX + 1], ctr[64];
	memset(pod, 'p', SIM_NAME_MAX);
	pod[SIM_NAME_MAX] = '\0';
	memset(ctr, 'c', 63);
	ctr[63] = '\0';
	snprintf(yaml, sizeof(yaml),
		 "apiVersion: v1\nkind: Pod\nmetadata: {name: 0-web.v1.example, namespace: "
		 "kube-system}\nspec:\n  containers:\n  - {name: 123-abc, image: nginx}\n"
		 "---\napiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n  containers:\n"
		 "  - {name: %s, image: nginx}\n",
		 pod, ctr);
	load_ok(yaml);
	ck_assert_int_eq(sc.n_pods, 2);
	ck_assert_str_eq(sc.pods[0].name, "0-web.v1.example");
	ck_assert_str_eq(sc.pods[1].containers[0].name, ctr);
}
END_TEST

Suite *scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc = tcase_create("defaulting");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_pull_policy, 0, sizeof(pull_rows) / sizeof(pull_rows[0]));
	tcase_add_loop_test(tc, test_pod_defaults, 0, sizeof(pod_rows) / sizeof(pod_rows[0]));
	tcase_add_test(tc, test_valid_names);
	tcase_add_test(tc, test_probe_defaults);
	tcase_add_test(tc, test_probe_explicit);
	tcase_add_loop_test(tc, test_probe_zero_defaults, 0,
			    sizeof(probe_zero_rows) / sizeof(probe_zero_rows[0]));
	tcase_add_test(tc, test_seed_init_pod);
	tcase_add_test(tc, test_seed_liveness);
	tcase_add_loop_test(tc, test_named_ports, 0, sizeof(port_rows) / sizeof(port_rows[0]));
	tcase_add_test(tc, test_hooks_and_sidecar);
	suite_add_tcase(s, tc);
	tc = tcase_create("podsim documents");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_simulation_defaults);
	tcase_add_test(tc, test_simulation_fields);
	tcase_add_loop_test(tc, test_start_time, 0, sizeof(time_rows) / sizeof(time_rows[0]));
	tcase_add_loop_test(tc, test_feature_gates, 0, sizeof(gate_rows) / sizeof(gate_rows[0]));
	tcase_add_test(tc, test_catalogue);
	tcase_add_test(tc, test_multi_document);
	tcase_add_test(tc, test_warning_foreign_node);
	suite_add_tcase(s, tc);
	return s;
}
