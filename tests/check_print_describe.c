/* check_print_describe.c - `kubectl describe pod` (kubectl-printing.md
 * section 4: the 4.4 worked example, probe strings, times) and the Events
 * table of the describe excerpt in seed-traces.md. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "print_describe.h"

#define EPOCH_2025 INT64_C(1736157600) /* Mon, 06 Jan 2025 10:00:00 +0000 */
#define EPOCH_SEED INT64_C(1713429957) /* Thu, 18 Apr 2024 08:45:57 +0000 */

static char *args_liveness[] = {"liveness", NULL}, *args_server[] = {"/server", NULL};
static kv label_test = {"test", "liveness"};
static probe_spec http_probe;
static container_spec ctr;
static pod_spec spec;
static api_container_status st;
static api_pod pod;
static api_event evs[14];
static const api_event *evp[14];

static void reset_state(api_container_state *s)
{
	memset(s, 0, sizeof(*s));
	s->started_at = s->finished_at = -1;
}

/* The liveness-http pod of section 4.4 at virtual 41s (created at 0). */
static void liveness_pod(void)
{
	http_probe = (probe_spec){.handler = {.kind = HANDLER_HTTP_GET, .path = "/healthz",
					     .scheme = "HTTP", .port = 8080},
				  .initial_delay_seconds = 3, .timeout_seconds = 1,
				  .period_seconds = 3, .success_threshold = 1,
				  .failure_threshold = 3};
	ctr = (container_spec){.name = "liveness",
			       .image = "registry.k8s.io/e2e-test-images/agnhost:2.40",
			       .args = args_liveness, .n_args = 1, .liveness = &http_probe};
	spec = (pod_spec){.name = "liveness-http", .namespace = "default", .labels = &label_test,
			  .n_labels = 1, .containers = &ctr, .n_containers = 1,
			  .termination_grace_seconds = 30};
	memset(&pod, 0, sizeof(pod));
	snprintf(pod.name, sizeof(pod.name), "liveness-http");
	snprintf(pod.namespace, sizeof(pod.namespace), "default");
	snprintf(pod.node_name, sizeof(pod.node_name), "kind-worker");
	pod.spec = &spec;
	pod.creation_timestamp = 0;
	pod.deletion_timestamp = -1;
	pod.deletion_grace_period_seconds = -1;
	api_pod_status *s = &pod.status;
	snprintf(s->phase, sizeof(s->phase), "Running");
	snprintf(s->host_ip, sizeof(s->host_ip), "172.18.0.3");
	snprintf(s->pod_ip, sizeof(s->pod_ip), "10.244.1.5");
	s->start_time = 0;
	for (int i = 0; i < COND_COUNT; i++) {
		static const api_condition_type order[] = {
			COND_POD_READY_TO_START_CONTAINERS, COND_INITIALIZED, COND_READY,
			COND_CONTAINERS_READY, COND_POD_SCHEDULED};
		s->conditions[i] = (api_condition){.type = order[i], .status = 1,
						   .last_probe_time = -1};
	}
	s->n_conditions = COND_COUNT;
	memset(&st, 0, sizeof(st));
	snprintf(st.name, sizeof(st.name), "liveness");
	snprintf(st.container_id, sizeof(st.container_id), "containerd://4f1c...");
	snprintf(st.image_id, sizeof(st.image_id),
		 "registry.k8s.io/e2e-test-images/agnhost@sha256:af7e...");
	reset_state(&st.state);
	st.state.kind = STATE_RUNNING;
	st.state.started_at = SEC(21);
	reset_state(&st.last_state);
	st.last_state.kind = STATE_TERMINATED;
	snprintf(st.last_state.reason, sizeof(st.last_state.reason), "Error");
	st.last_state.exit_code = 2;
	st.last_state.started_at = SEC(3);
	st.last_state.finished_at = SEC(20);
	st.ready = true;
	st.started = 1;
	st.restart_count = 1;
	s->statuses = &st;
	s->n_statuses = 1;
}

/* A kubelet event (legacy recorder), or with count 0 a scheduler event
 * (events.k8s.io: eventTime = first, no timestamps, no source). */
static void ev(int i, const char *type, const char *reason, int64_t first, int64_t last,
	       int count, const char *msg)
{
	api_event *e = &evs[i];
	memset(e, 0, sizeof(*e));
	snprintf(e->type, sizeof(e->type), "%s", type);
	snprintf(e->reason, sizeof(e->reason), "%s", reason);
	snprintf(e->message, sizeof(e->message), "%s", msg);
	e->first_timestamp = e->last_timestamp = e->event_time = e->series_last_observed = -1;
	if (count == 0) {
		snprintf(e->reporting_controller, sizeof(e->reporting_controller),
			 "default-scheduler");
		e->event_time = SEC(first);
	} else {
		snprintf(e->source_component, sizeof(e->source_component), "kubelet");
		snprintf(e->reporting_controller, sizeof(e->reporting_controller), "kubelet");
		snprintf(e->field_path, sizeof(e->field_path), "spec.containers{liveness}");
		e->first_timestamp = SEC(first);
		e->last_timestamp = SEC(last);
		e->count = count;
	}
	evp[i] = e;
}

static char *describe(simtime_t now, int n_events, int64_t epoch, int minor)
{
	static char *text; /* static: gcc's -Wdangling-pointer misreads &local */
	static size_t len;
	text = NULL;
	FILE *f = open_memstream(&text, &len);
	describe_opts o = {.epoch_unix = epoch, .kubectl_minor = minor};
	print_describe_pod(f, &pod, evp, n_events, now, &o);
	fclose(f);
	return text;
}

/* Whole-text comparison reported line by line (Check truncates long
 * messages, and the first differing line is what one needs to see). */
static void assert_text_eq(const char *got, const char *want)
{
	size_t got_len = strlen(got), want_len = strlen(want);
	for (int line = 1; *got || *want; line++) {
		size_t g = strcspn(got, "\n"), w = strcspn(want, "\n");
		ck_assert_msg(g == w && memcmp(got, want, g) == 0,
			      "line %d: got \"%.*s\", want \"%.*s\"", line, (int)g, got, (int)w, want);
		got += g + (got[g] != '\0');
		want += w + (want[w] != '\0');
	}
	ck_assert_uint_eq(got_len, want_len);
}

/* The ServiceAccount admission's volume (uid "" names it) as kubectl 1.33+
 * prints it (describe.go printProjectedVolumeSource). */
#define TOKEN_VOLUME                                                                            \
	"Volumes:\n"                                                                            \
	"  kube-api-access-s6vf8:\n"                                                            \
	"    Type:                    Projected (a volume that contains injected data from "   \
	"multiple sources)\n"                                                                   \
	"    TokenExpirationSeconds:  3607\n"                                                   \
	"    ConfigMapName:           kube-root-ca.crt\n"                                       \
	"    Optional:                false\n"                                                  \
	"    DownwardAPI:             true\n"

static const char worked_example[] =
	"Name:             liveness-http\n"
	"Namespace:        default\n"
	"Priority:         0\n"
	"Service Account:  default\n"
	"Node:             kind-worker/172.18.0.3\n"
	"Start Time:       Mon, 06 Jan 2025 10:00:00 +0000\n"
	"Labels:           test=liveness\n"
	"Annotations:      <none>\n"
	"Status:           Running\n"
	"IP:               10.244.1.5\n"
	"IPs:\n"
	"  IP:  10.244.1.5\n"
	"Containers:\n"
	"  liveness:\n"
	"    Container ID:  containerd://4f1c...\n"
	"    Image:         registry.k8s.io/e2e-test-images/agnhost:2.40\n"
	"    Image ID:      registry.k8s.io/e2e-test-images/agnhost@sha256:af7e...\n"
	"    Port:          <none>\n"
	"    Host Port:     <none>\n"
	"    Args:\n"
	"      liveness\n"
	"    State:          Running\n"
	"      Started:      Mon, 06 Jan 2025 10:00:21 +0000\n"
	"    Last State:     Terminated\n"
	"      Reason:       Error\n"
	"      Exit Code:    2\n"
	"      Started:      Mon, 06 Jan 2025 10:00:03 +0000\n"
	"      Finished:     Mon, 06 Jan 2025 10:00:20 +0000\n"
	"    Ready:          True\n"
	"    Restart Count:  1\n"
	"    Liveness:       http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3\n"
	"    Environment:    <none>\n"
	"    Mounts:\n"
	"      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-s6vf8 (ro)\n"
	"Conditions:\n"
	"  Type                        Status\n"
	"  PodReadyToStartContainers   True \n"
	"  Initialized                 True \n"
	"  Ready                       True \n"
	"  ContainersReady             True \n"
	"  PodScheduled                True \n"
	TOKEN_VOLUME
	"QoS Class:                   BestEffort\n"
	"Node-Selectors:              <none>\n"
	"Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
	"                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
	"Events:\n"
	"  Type     Reason     Age                From               Message\n"
	"  ----     ------     ----               ----               -------\n"
	"  Normal   Scheduled  41s                default-scheduler  Successfully assigned default/liveness-http to kind-worker\n"
	"  Normal   Pulled     20s (x2 over 40s)  kubelet            spec.containers{liveness}: Container image \"registry.k8s.io/e2e-test-images/agnhost:2.40\" already present on machine and can be accessed by the pod\n"
	"  Normal   Created    20s (x2 over 40s)  kubelet            spec.containers{liveness}: Container created\n"
	"  Normal   Started    20s (x2 over 40s)  kubelet            spec.containers{liveness}: Container started\n"
	"  Warning  Unhealthy  8s (x6 over 29s)   kubelet            spec.containers{liveness}: Liveness probe failed: HTTP probe failed with statuscode: 500\n"
	"  Normal   Killing    8s (x2 over 23s)   kubelet            spec.containers{liveness}: Container liveness failed liveness probe, will be restarted\n";

/* Section 4.4 with podsim's pod, whose object carries what the ServiceAccount
 * admission plugin (plugin/pkg/admission/serviceaccount/admission.go) adds:
 * the kube-api-access-xxxxx projected volume and its read-only mount, printed
 * by describe.go describeContainerVolumes and printProjectedVolumeSource
 * (kubectl 1.33+: "Optional:"). */
START_TEST(test_worked_example)
{
	liveness_pod();
	ev(0, "Normal", "Scheduled", 0, 0, 0,
	   "Successfully assigned default/liveness-http to kind-worker");
	ev(1, "Normal", "Pulled", 1, 21, 2,
	   "Container image \"registry.k8s.io/e2e-test-images/agnhost:2.40\" already present "
	   "on machine and can be accessed by the pod");
	ev(2, "Normal", "Created", 1, 21, 2, "Container created");
	ev(3, "Normal", "Started", 1, 21, 2, "Container started");
	ev(4, "Warning", "Unhealthy", 12, 33, 6,
	   "Liveness probe failed: HTTP probe failed with statuscode: 500");
	ev(5, "Normal", "Killing", 18, 33, 2,
	   "Container liveness failed liveness probe, will be restarted");
	char *got = describe(SEC(41), 6, EPOCH_2025, 36);
	assert_text_eq(got, worked_example);
	free(got);
}
END_TEST

/* seed-traces.md's describe excerpt, verbatim except that times are UTC
 * (+0000; the excerpt was taken at +0800) and that condition lines end with
 * a space, which the excerpt's copy lost. */
static const char seed_container[] =
	"    State:          Waiting\n"
	"      Reason:       CrashLoopBackOff\n"
	"    Last State:     Terminated\n"
	"      Reason:       Error\n"
	"      Exit Code:    2\n"
	"      Started:      Thu, 18 Apr 2024 08:47:19 +0000\n"
	"      Finished:     Thu, 18 Apr 2024 08:47:36 +0000\n"
	"    Ready:          False\n"
	"    Restart Count:  4\n"
	"    Liveness:       http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3\n";
static const char seed_conditions[] =
	"Conditions:\n"
	"  Type              Status\n"
	"  Initialized       True \n"
	"  Ready             False \n"
	"  ContainersReady   False \n"
	"  PodScheduled      True \n";
static const char seed_events[] =
	"Events:\n"
	"  Type     Reason     Age                 From               Message\n"
	"  ----     ------     ----                ----               -------\n"
	"  Normal   Scheduled  114s                default-scheduler  Successfully assigned default/liveness-http to node1.k8s\n"
	"  Normal   Pulled     111s                kubelet            Successfully pulled image \"mirrorgooglecontainers/liveness\" in 2.298827654s\n"
	"  Normal   Pulled     92s                 kubelet            Successfully pulled image \"mirrorgooglecontainers/liveness\" in 1.281083837s\n"
	"  Normal   Created    74s (x3 over 111s)  kubelet            Created container liveness\n"
	"  Normal   Started    74s (x3 over 111s)  kubelet            Started container liveness\n"
	"  Normal   Pulled     74s                 kubelet            Successfully pulled image \"mirrorgooglecontainers/liveness\" in 1.048779521s\n"
	"  Warning  Unhealthy  58s (x9 over 100s)  kubelet            Liveness probe failed: HTTP probe failed with statuscode: 500\n"
	"  Normal   Killing    58s (x3 over 94s)   kubelet            Container liveness failed liveness probe, will be restarted\n"
	"  Normal   Pulling    57s (x4 over 114s)  kubelet            Pulling image \"mirrorgooglecontainers/liveness\"\n";

START_TEST(test_seed_excerpt)
{
	static const api_condition_type order[] = {COND_INITIALIZED, COND_READY,
						   COND_CONTAINERS_READY, COND_POD_SCHEDULED};
	static const int status[] = {1, 0, 0, 1};
	const int64_t now = 114; /* 1m54s after creation */
	liveness_pod();
	ctr.image = "mirrorgooglecontainers/liveness";
	ctr.args = args_server;
	snprintf(pod.node_name, sizeof(pod.node_name), "node1.k8s");
	for (int i = 0; i < 4; i++)
		pod.status.conditions[i] = (api_condition){.type = order[i], .status = status[i]};
	pod.status.n_conditions = 4;
	reset_state(&st.state);
	st.state.kind = STATE_WAITING;
	snprintf(st.state.reason, sizeof(st.state.reason), "CrashLoopBackOff");
	st.last_state.started_at = SEC(82);
	st.last_state.finished_at = SEC(99);
	st.ready = false;
	st.restart_count = 4;
	/* given in creation order; the table sorts by last timestamp */
	const char *pulled = "Successfully pulled image \"mirrorgooglecontainers/liveness\" in ";
	char m1[128], m2[128], m3[128];
	snprintf(m1, sizeof(m1), "%s2.298827654s", pulled);
	snprintf(m2, sizeof(m2), "%s1.281083837s", pulled);
	snprintf(m3, sizeof(m3), "%s1.048779521s", pulled);
	ev(0, "Normal", "Scheduled", now - 114, 0, 0,
	   "Successfully assigned default/liveness-http to node1.k8s");
	ev(1, "Normal", "Pulling", now - 114, now - 57, 4,
	   "Pulling image \"mirrorgooglecontainers/liveness\"");
	ev(2, "Normal", "Pulled", now - 111, now - 111, 1, m1);
	ev(3, "Normal", "Created", now - 111, now - 74, 3, "Created container liveness");
	ev(4, "Normal", "Started", now - 111, now - 74, 3, "Started container liveness");
	ev(5, "Warning", "Unhealthy", now - 100, now - 58, 9,
	   "Liveness probe failed: HTTP probe failed with statuscode: 500");
	ev(6, "Normal", "Killing", now - 94, now - 58, 3,
	   "Container liveness failed liveness probe, will be restarted");
	ev(7, "Normal", "Pulled", now - 92, now - 92, 1, m2);
	ev(8, "Normal", "Pulled", now - 74, now - 74, 1, m3);
	char *got = describe(SEC(now), 9, EPOCH_SEED, 29);
	ck_assert_ptr_nonnull(strstr(got, seed_container));
	ck_assert_ptr_nonnull(strstr(got, seed_conditions));
	char *events = strstr(got, "Events:\n");
	ck_assert_ptr_nonnull(events);
	assert_text_eq(events, seed_events);
	ck_assert_ptr_nonnull(strstr(got, "Start Time:       Thu, 18 Apr 2024 08:45:57 +0000\n"));
	free(got);
}
END_TEST

/* DescribeProbe for every handler kind (the Liveness line of one container). */
static char *exec_argv[] = {"cat", "/tmp/healthy", NULL};
static const struct {
	handler_spec h;
	const char *want;
} probes[] = {
	{{.kind = HANDLER_EXEC, .exec_argv = exec_argv, .exec_argc = 2},
	 "exec [cat /tmp/healthy] delay=0s timeout=1s period=10s #success=1 #failure=3"},
	{{.kind = HANDLER_HTTP_GET, .path = "/", .scheme = "HTTPS", .port = 443},
	 "http-get https://:443/ delay=0s timeout=1s period=10s #success=1 #failure=3"},
	{{.kind = HANDLER_HTTP_GET, .path = "ready", .scheme = "HTTP", .host = "10.0.0.1",
	  .port_name = "http"},
	 "http-get http://10.0.0.1:http/ready delay=0s timeout=1s period=10s #success=1 #failure=3"},
	{{.kind = HANDLER_HTTP_GET, .path = "/", .scheme = "HTTP", .host = "::1", .port = 80},
	 "http-get http://[::1]:80/ delay=0s timeout=1s period=10s #success=1 #failure=3"},
	/* url.URL.String() escapes the path (outputs of Go 1.19's net/url) */
	{{.kind = HANDLER_HTTP_GET, .path = "/health?ready=1", .scheme = "HTTP", .port = 8080},
	 "http-get http://:8080/health%3Fready=1 delay=0s timeout=1s period=10s #success=1 #failure=3"},
	{{.kind = HANDLER_HTTP_GET, .path = "/a b/x%y#f", .scheme = "HTTP", .port = 8080},
	 "http-get http://:8080/a%20b/x%25y%23f delay=0s timeout=1s period=10s #success=1 #failure=3"},
	{{.kind = HANDLER_HTTP_GET, .path = "/$&+,/:;=@~-_.!*'()", .scheme = "HTTP", .port = 8080},
	 "http-get http://:8080/$&+,/:;=@~-_.%21%2A%27%28%29 delay=0s timeout=1s period=10s "
	 "#success=1 #failure=3"},
	{{.kind = HANDLER_HTTP_GET, .path = "/\xc3\xa9", .scheme = "HTTP", .port = 8080},
	 "http-get http://:8080/%C3%A9 delay=0s timeout=1s period=10s #success=1 #failure=3"},
	{{.kind = HANDLER_TCP_SOCKET, .port = 8080},
	 "tcp-socket :8080 delay=0s timeout=1s period=10s #success=1 #failure=3"},
	{{.kind = HANDLER_GRPC, .port = 9090, .grpc_service = "health"},
	 "grpc <pod>:9090 health delay=0s timeout=1s period=10s #success=1 #failure=3"},
	{{.kind = HANDLER_NONE}, "unknown delay=0s timeout=1s period=10s #success=1 #failure=3"},
};

START_TEST(test_probe_strings)
{
	char want[256];
	liveness_pod();
	http_probe = (probe_spec){.handler = probes[_i].h, .timeout_seconds = 1,
				  .period_seconds = 10, .success_threshold = 1,
				  .failure_threshold = 3};
	char *got = describe(SEC(41), 0, EPOCH_2025, 36);
	snprintf(want, sizeof(want), "    Liveness:       %s\n", probes[_i].want);
	ck_assert_ptr_nonnull(strstr(got, want));
	free(got);
}
END_TEST

/* time.RFC1123Z in UTC, from epoch_unix + virtual seconds. */
static const struct {
	int64_t epoch;
	simtime_t t;
	const char *want;
} times[] = {
	{EPOCH_SEED, SEC(82) + MSEC(999), "Thu, 18 Apr 2024 08:47:19 +0000"},
	{0, 0, "Thu, 01 Jan 1970 00:00:00 +0000"},
	{951825600, 0, "Tue, 29 Feb 2000 12:00:00 +0000"},
	{0, SEC(-1), "Wed, 31 Dec 1969 23:59:59 +0000"},
	{0, MSEC(-500), "Wed, 31 Dec 1969 23:59:59 +0000"},
	{INT64_C(4107542400), 0, "Mon, 01 Mar 2100 00:00:00 +0000"},
	{INT64_C(-2208988800), 0, "Mon, 01 Jan 1900 00:00:00 +0000"},
	{EPOCH_2025, SEC(86400 * 365), "Tue, 06 Jan 2026 10:00:00 +0000"},
};

START_TEST(test_start_time)
{
	char want[96];
	liveness_pod();
	pod.status.start_time = times[_i].t;
	char *got = describe(0, 0, times[_i].epoch, 36);
	snprintf(want, sizeof(want), "Start Time:       %s\n", times[_i].want);
	ck_assert_ptr_nonnull(strstr(got, want));
	free(got);
}
END_TEST

/* A deleting pod with a sidecar init container, ports, resources (the cpu
 * limit has no request: defaulting makes it one), a terminated state with
 * signal and no start, and no events: Events <none> joins the block above
 * it. */
START_TEST(test_terminating_init_no_events)
{
	static port_spec ports[] = {{.name = "http", .container_port = 80, .protocol = "TCP"},
				    {.container_port = 53, .host_port = 5353, .protocol = "UDP"}};
	static kv limits[] = {{"memory", "128Mi"}, {"cpu", "500m"}};
	static char *cmd[] = {"sh", "-c", "date\nsleep 10", NULL};
	static container_spec init = {.name = "proxy", .image = "envoy", .restartable = true,
				      .is_init = true};
	static api_container_status ist;
	liveness_pod();
	ctr.ports = ports;
	ctr.n_ports = 2;
	ctr.limits = limits;
	ctr.n_limits = 2;
	ctr.requests = limits;
	ctr.n_requests = 1;
	ctr.command = cmd;
	ctr.n_command = 3;
	ctr.args = NULL;
	ctr.n_args = 0;
	ctr.liveness = NULL;
	spec.init_containers = &init;
	spec.n_init_containers = 1;
	spec.n_labels = 0;
	pod.deletion_timestamp = SEC(30);
	pod.status.n_conditions = 0;
	pod.status.start_time = -1;
	pod.node_name[0] = '\0';
	pod.status.pod_ip[0] = '\0';
	snprintf(pod.status.qos_class, sizeof(pod.status.qos_class), "Burstable");
	reset_state(&st.state);
	st.state.kind = STATE_TERMINATED;
	st.state.exit_code = 137;
	st.state.signal = 9;
	st.state.finished_at = SEC(40);
	st.last_state.kind = STATE_NONE;
	memset(&ist, 0, sizeof(ist));
	snprintf(ist.name, sizeof(ist.name), "proxy");
	pod.status.init_statuses = &ist;
	pod.status.n_init_statuses = 0;
	char *got = describe(SEC(45), 0, 0, 36);
	assert_text_eq(got,
			 "Name:                      liveness-http\n"
			 "Namespace:                 default\n"
			 "Priority:                  0\n"
			 "Service Account:           default\n"
			 "Node:                      <none>\n"
			 "Labels:                    <none>\n"
			 "Annotations:               <none>\n"
			 "Status:                    Terminating (lasts 15s)\n"
			 "Termination Grace Period:  30s\n"
			 "IP:                        \n"
			 "IPs:                       <none>\n"
			 "Init Containers:\n"
			 "  proxy:\n"
			 "    Image:        envoy\n"
			 "    Port:         <none>\n"
			 "    Host Port:    <none>\n"
			 "    Environment:  <none>\n"
			 "    Mounts:\n"
			 "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-s6vf8 (ro)\n"
			 "Containers:\n"
			 "  liveness:\n"
			 "    Container ID:  containerd://4f1c...\n"
			 "    Image:         registry.k8s.io/e2e-test-images/agnhost:2.40\n"
			 "    Image ID:      registry.k8s.io/e2e-test-images/agnhost@sha256:af7e...\n"
			 "    Ports:         80/TCP (http), 53/UDP\n"
			 "    Host Ports:    0/TCP (http), 5353/UDP\n"
			 "    Command:\n"
			 "      sh\n"
			 "      -c\n"
			 "      date\n"
			 "      sleep 10\n"
			 "    State:          Terminated\n"
			 "      Exit Code:    137\n"
			 "      Signal:       9\n"
			 "      Started:      Mon, 01 Jan 0001 00:00:00 +0000\n"
			 "      Finished:     Thu, 01 Jan 1970 00:00:40 +0000\n"
			 "    Ready:          True\n"
			 "    Restart Count:  1\n"
			 "    Limits:\n"
			 "      cpu:     500m\n"
			 "      memory:  128Mi\n"
			 "    Requests:\n"
			 "      cpu:        500m\n"
			 "      memory:     128Mi\n"
			 "    Environment:  <none>\n"
			 "    Mounts:\n"
			 "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-s6vf8 (ro)\n"
			 TOKEN_VOLUME
			 "QoS Class:                   Burstable\n"
			 "Node-Selectors:              <none>\n"
			 "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
			 "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
			 "Events:                      <none>\n");
	free(got);
}
END_TEST

/* Port names from kubectl 1.34 on, in both lines (describe.go
 * describeContainerPorts / describeContainerHostPorts, kubectl commit
 * 8067f3a1a; its describe_test.go TestDescribeContainerPorts expects
 * "9093/TCP (controller), 0/TCP, 9094/TCP (interbroker)" as host ports). */
static const struct { int minor; const char *ports, *host; } port_lines[] = {
	{33, "    Ports:         9093/TCP, 9092/TCP\n", "    Host Ports:    9093/TCP, 0/TCP\n"},
	{34, "    Ports:         9093/TCP (controller), 9092/TCP\n",
	 "    Host Ports:    9093/TCP (controller), 0/TCP\n"},
};

START_TEST(test_port_names_by_version)
{
	static port_spec ports[] = {
		{.name = "controller", .container_port = 9093, .host_port = 9093, .protocol = "TCP"},
		{.container_port = 9092}};
	liveness_pod();
	ctr.ports = ports;
	ctr.n_ports = 2;
	char *got = describe(SEC(41), 0, EPOCH_2025, port_lines[_i].minor);
	ck_assert_ptr_nonnull(strstr(got, port_lines[_i].ports));
	ck_assert_ptr_nonnull(strstr(got, port_lines[_i].host));
	free(got);
}
END_TEST

/* The Events table as DescribeEvents orders it: the List in etcd key
 * order (namespace/name), then sort.Sort(event.SortableEvents) - Go's
 * pdqsort, unstable above 12 events, whose breakPatterns changed with
 * Go 1.24 (kubectl 1.33's go.mod says go 1.24.0).  Fourteen events with
 * lastTimestamps of 10, 20 and 30 s; the expected orders are what Go's
 * sort.Sort gives for these keys (see check_gosort.c), so equal times are
 * not in name order.  The events are handed over in reverse: only their
 * names give the list order. */
static const int list_seconds[14] = {30, 10, 20, 10, 10, 10, 30, 20, 20, 10, 10, 10, 10, 10};
static const struct { int minor; int order[14]; } event_orders[] = {
	{32, {9, 11, 13, 3, 4, 5, 1, 12, 10, 8, 7, 2, 0, 6}},
	{33, {9, 12, 13, 3, 4, 5, 11, 10, 1, 8, 7, 2, 0, 6}},
};

START_TEST(test_event_order_go_sort)
{
	liveness_pod();
	for (int i = 0; i < 14; i++) {
		char msg[32];
		snprintf(msg, sizeof(msg), "event %02d", i);
		ev(i, "Normal", "Pulled", list_seconds[i], list_seconds[i], 1, msg);
		snprintf(evs[i].name, sizeof(evs[i].name), "liveness-http.17a%013x", 0x100 + i);
		snprintf(evs[i].namespace, sizeof(evs[i].namespace), "default");
	}
	for (int i = 0; i < 14; i++)
		evp[13 - i] = &evs[i];
	char *got = describe(SEC(41), 14, EPOCH_2025, event_orders[_i].minor);
	const char *at = strstr(got, "Events:\n");
	ck_assert_ptr_nonnull(at);
	for (int k = 0; k < 14; k++) {
		char msg[32];
		snprintf(msg, sizeof(msg), "event %02d\n", event_orders[_i].order[k]);
		const char *next = strstr(at, msg);
		ck_assert_msg(next != NULL, "kubectl 1.%d: row %d should be %s", event_orders[_i].minor,
			      k, msg);
		at = next;
	}
	free(got);
}
END_TEST

/* One convention for an instant D: the state once every event at a time
 * <= D is applied.  `--describe-at D` describes what the end of a run of
 * `--duration D` holds.  With exact timings the pod is created, bound and
 * its container created at 0, and the Started event comes at 10 ms, so a
 * describe at 10 ms must already list it and one at 0 must show the pod. */
static const char describe_at_yaml[] =
	"apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n"
	"  - {name: app, image: 'app:1', command: [sh, -c, sleep 3600]}\n" EXACT_TIMINGS;

static char *describe_run(bool at_set, simtime_t at, simtime_t duration)
{
	sim_options o = {.output = OUT_DESCRIBE, .describe_at_set = at_set, .describe_at = at,
			 .duration_set = true, .duration = duration};
	return harness_run(describe_at_yaml, &o);
}

START_TEST(test_describe_at_convention)
{
	char *at = describe_run(true, MSEC(10), SEC(5)), *end = describe_run(false, 0, MSEC(10));
	ck_assert_str_eq(at, end);
	ck_assert_ptr_nonnull(strstr(at, "  Normal  Started    0s    kubelet            Started container app\n"));
	free(at);
	free(end);
	char *zero = describe_run(true, 0, SEC(5));
	ck_assert_ptr_nonnull(strstr(zero, "Name:             web\n"));
	ck_assert_ptr_nonnull(strstr(zero, "Status:           Pending\n"));
	ck_assert_ptr_nonnull(strstr(zero, "Created container: app\n"));
	ck_assert_ptr_null(strstr(zero, "Started container"));
	free(zero);
}
END_TEST

/* A deleted pod that already finished: Terminating up to kubectl 1.30,
 * its phase from 1.31 (describe.go describePod, kubectl commit 733ee4d85). */
static const struct { int minor; const char *status; } deleted_done[] = {
	{30, "Status:                    Terminating (lasts 15s)\n"
	     "Termination Grace Period:  30s\n"},
	{31, "Status:           Succeeded\n"},
};

START_TEST(test_deleted_succeeded_by_version)
{
	liveness_pod();
	snprintf(pod.status.phase, sizeof(pod.status.phase), "Succeeded");
	pod.deletion_timestamp = SEC(30);
	pod.deletion_grace_period_seconds = 30;
	char *got = describe(SEC(45), 0, 0, deleted_done[_i].minor);
	ck_assert_msg(strstr(got, deleted_done[_i].status) != NULL, "kubectl 1.%d:\n%s",
		      deleted_done[_i].minor, got);
	free(got);
}
END_TEST

/* describeResources prints quantity.String() of what the API server
 * stored: "0.5" cpu is "500m", "1024Mi" is "1Gi" (check_quantity.c). */
START_TEST(test_resources_canonical)
{
	static kv limits[] = {{"memory", "1024Mi"}, {"cpu", "0.5"}};
	static kv requests[] = {{"cpu", "250m"}};
	liveness_pod();
	ctr.limits = limits;
	ctr.n_limits = 2;
	ctr.requests = requests;
	ctr.n_requests = 1;
	char *got = describe(SEC(41), 0, EPOCH_2025, 34);
	ck_assert_ptr_nonnull(strstr(got, "    Limits:\n"
					  "      cpu:     500m\n"
					  "      memory:  1Gi\n"
					  "    Requests:\n"
					  "      cpu:        250m\n"
					  "      memory:     1Gi\n"));
	free(got);
}
END_TEST

/* Two events of one name (podsim's scheduler and kubelet can stamp the
 * same nanosecond) keep the order they were given in, whatever their
 * addresses: the output must not depend on the allocator. */
START_TEST(test_same_name_keeps_given_order)
{
	liveness_pod();
	ev(0, "Normal", "Pulled", 5, 5, 1, "first");
	ev(1, "Normal", "Created", 5, 5, 1, "second");
	for (int i = 0; i < 2; i++)
		snprintf(evs[i].name, sizeof(evs[i].name), "liveness-http.17a0000000000100");
	evp[0] = &evs[_i];
	evp[1] = &evs[1 - _i];
	char *got = describe(SEC(41), 2, EPOCH_2025, 34);
	const char *a = strstr(got, _i ? "second\n" : "first\n");
	const char *b = strstr(got, _i ? "first\n" : "second\n");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(a < b);
	free(got);
}
END_TEST

Suite *print_describe_suite(void)
{
	Suite *s = suite_create("print_describe");
	TCase *tc = tcase_create("describe");
	tcase_add_test(tc, test_worked_example);
	tcase_add_test(tc, test_seed_excerpt);
	tcase_add_loop_test(tc, test_probe_strings, 0, sizeof(probes) / sizeof(probes[0]));
	tcase_add_loop_test(tc, test_start_time, 0, sizeof(times) / sizeof(times[0]));
	tcase_add_test(tc, test_terminating_init_no_events);
	tcase_add_loop_test(tc, test_event_order_go_sort, 0,
			    sizeof(event_orders) / sizeof(event_orders[0]));
	tcase_add_test(tc, test_describe_at_convention);
	tcase_add_loop_test(tc, test_same_name_keeps_given_order, 0, 2);
	tcase_add_test(tc, test_resources_canonical);
	tcase_add_loop_test(tc, test_deleted_succeeded_by_version, 0,
			    sizeof(deleted_done) / sizeof(deleted_done[0]));
	tcase_add_loop_test(tc, test_port_names_by_version, 0,
			    sizeof(port_lines) / sizeof(port_lines[0]));
	suite_add_tcase(s, tc);
	return s;
}
