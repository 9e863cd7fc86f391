/* check_scenario_errors.c - the exact text of the YAML loader's errors.
 *
 * Each row of the table of bad inputs is a stream that must be refused,
 * either while it loads or in scenario_finish's cross-document checks, with
 * the message a user would see: FILE:LINE:COL, the path of the field and what
 * is wrong with it.  Two more cases cover a file that cannot be read and
 * hostile YAML (a recursive alias, nesting too deep).  The streams load from
 * memory under the name "t.yaml", so the expected messages can spell out the
 * position, and each test gets a fresh scenario and releases it, so ASan sees
 * the cleanup of every error path.  The cases live apart from
 * check_scenario.c (defaulting and the accepted documents) only to keep both
 * files under the size the house style allows; the two share the fixture
 * HARNESS_LOADER_FIXTURE and the manifest heads of harness.h.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "scenario.h"

HARNESS_LOADER_FIXTURE

#define KNOWN "(podsim reads v1 Pod and podsim/v1 Simulation, ImageCatalogue)"

#define SUBDOMAIN_MSG                                                                         \
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "  \
	"or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "      \
	"regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
#define LABEL_MSG                                                                             \
	"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "   \
	"and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "   \
	"regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
/* apimachinery's strict decoding error, as kubectl prints it after "error when creating" */
#define STRICT "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
#define REPEAT8(s) s s s s s s s s
#define REPEAT64(s) REPEAT8(REPEAT8(s))

static const struct {
	const char *yaml;
	bool at_finish; /* loads, then scenario_finish fails */
	const char *want;
} bad_rows[] = {
	/* malformed YAML: libyaml's problem, mark and context */
	{"kind: Pod: x\n", false, "t.yaml:1:10: mapping values are not allowed in this context"},
	{"metadata: {name: x\n", false,
	 "t.yaml:2:1: did not find expected ',' or '}' (while parsing a flow mapping at 1:11)"},
	{"a: \xff\n", false, "t.yaml:1:4: invalid leading UTF-8 octet"},
	{"a: *nope\n", false, "t.yaml:1:4: found undefined alias"},
	/* documents */
	{"apiVersion: podsim/v1\nkind: Simulations\n", false,
	 "t.yaml:2:7: kind: unknown kind \"Simulations\" " KNOWN},
	{"apiVersion: apps/v1\nkind: Pod\n", false,
	 "t.yaml:1:13: apiVersion: unknown kind \"Pod\" in apiVersion \"apps/v1\" " KNOWN},
	{"apiVersion: v1\nmetadata: {name: x}\n", false,
	 "t.yaml:1:1: kind: unknown kind: the document has no kind " KNOWN},
	{"- a\n- b\n", false, "t.yaml:1:1: must be a mapping (a Kubernetes object), got a list"},
	{POD_HEAD "    image: nginx\n", false, "t.yaml:9:5: " STRICT "duplicate field \"spec.containers[0].image\""},
	{"apiVersion: v1\nkind: Pod\n? [a]\n: b\n", false, "t.yaml:3:3: mapping keys must be strings"},
	/* the first key in file order that repeats an earlier one, whatever the sort */
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: x, labels: {b: \"1\", a: \"1\", c: \"1\", a: "
	 "\"2\", b: \"2\"}}\n",
	 false, "t.yaml:3:54: " STRICT "duplicate field \"metadata.labels.a\""},
	/* Pod */
	{"apiVersion: v1\nkind: Pod\nspec: {}\n", false,
	 "t.yaml:1:1: metadata.name: Required value: name or generateName is required"},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: foo\n", false,
	 "t.yaml:5:15: spec.containers: must be a list, got \"foo\""},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: []\n", false,
	 "t.yaml:5:15: spec.containers: Required value"},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: app\n",
	 false, "t.yaml:6:5: spec.containers[0].image: Required value"},
	/* a negative value is accepted (stored as 1, kubernetes#115606) */
	{POD_HEAD "  terminationGracePeriodSeconds: 1.5\n", false,
	 "t.yaml:9:34: spec.terminationGracePeriodSeconds: must be an integer, got \"1.5\""},
	{POD_HEAD "  activeDeadlineSeconds: 0\n", false,
	 "t.yaml:9:26: spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and "
	 "2147483647, inclusive"},
	{POD_HEAD "  restartPolicy: Sometimes\n", false,
	 "t.yaml:9:18: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
	 "\"Always\", \"OnFailure\", \"Never\""},
	{POD_HEAD "    imagePullPolicy: always\n", false,
	 "t.yaml:9:22: spec.containers[0].imagePullPolicy: Unsupported value: \"always\": "
	 "supported values: \"Always\", \"IfNotPresent\", \"Never\""},
	{POD_HEAD "  - name: app\n    image: nginx\n", false,
	 "t.yaml:9:11: spec.containers[1].name: Duplicate value: \"app\""},
	{POD_HEAD "  initContainers:\n  - {name: app, image: busybox}\n", false,
	 "t.yaml:7:11: spec.containers[0].name: Duplicate value: \"app\""},
	/* the first repeat in reading order (init containers, then containers) */
	{POD_HEAD "  - {name: b, image: x}\n  - {name: a, image: x}\n  initContainers:\n"
		  "  - {name: b, image: x}\n  - {name: app, image: x}\n",
	 false, "t.yaml:7:11: spec.containers[0].name: Duplicate value: \"app\""},
	{POD_HEAD "    ports:\n    - {name: http, containerPort: 80}\n    - {name: web, containerPort: "
		  "81}\n    - {name: http, containerPort: 82}\n",
	 false, "t.yaml:12:14: spec.containers[0].ports[2].name: Duplicate value: \"http\""},
	{POD_HEAD "    ports:\n    - {containerPort: 70000}\n", false,
	 "t.yaml:10:23: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must "
	 "be between 1 and 65535, inclusive"},
	{POD_HEAD "    command: [sh, {x: 1}]\n", false,
	 "t.yaml:9:19: spec.containers[0].command[1]: must be a string, got a mapping"},
	{POD_HEAD "    resources: {limits: {cpu: [1]}}\n", false,
	 "t.yaml:9:31: spec.containers[0].resources.limits[cpu]: must be a string, got a list"},
	/* names (issue 8 item 9): apimachinery's IsDNS1123Subdomain and IsDNS1123Label
	 * messages, as ValidatePodName, ValidateNamespaceName and
	 * validateContainerCommon report them */
	{"apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"Hello World!\"\n", false,
	 "t.yaml:4:9: metadata.name: Invalid value: \"Hello World!\": " SUBDOMAIN_MSG},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: web., namespace: x}\n", false,
	 "t.yaml:3:18: metadata.name: Invalid value: \"web.\": " SUBDOMAIN_MSG},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: Prod}\n", false,
	 "t.yaml:3:34: metadata.namespace: Invalid value: \"Prod\": " LABEL_MSG},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a.b}\n", false,
	 "t.yaml:3:34: metadata.namespace: Invalid value: \"a.b\": must not contain dots"},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: \"a\\\"b\\tc\"}\n", false,
	 "t.yaml:3:18: metadata.name: Invalid value: \"a\\\"b\\x09c\": " SUBDOMAIN_MSG},
	{POD_HEAD "  - name: App_2\n    image: nginx\n", false,
	 "t.yaml:9:11: spec.containers[1].name: Invalid value: \"App_2\": " LABEL_MSG},
	{POD_HEAD "  initContainers:\n  - {name: init.db, image: busybox}\n", false,
	 "t.yaml:10:12: spec.initContainers[0].name: Invalid value: \"init.db\": must not contain "
	 "dots"},
	{POD_HEAD "  - name: " REPEAT64("c") "\n    image: nginx\n", false,
	 "t.yaml:9:11: spec.containers[1].name: Invalid value: \"" REPEAT64("c") "\": must be no "
	 "more than 63 characters"},
	/* IsValidPortName: a container port's name, a probe's port given by name */
	{POD_HEAD "    ports:\n    - {name: HTTP, containerPort: 80}\n", false,
	 "t.yaml:10:14: spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain "
	 "only alpha-numeric characters (a-z, 0-9), and hyphens (-)"},
	{POD_HEAD "    ports:\n    - {name: metrics-endpoint, containerPort: 80}\n", false,
	 "t.yaml:10:14: spec.containers[0].ports[0].name: Invalid value: \"metrics-endpoint\": "
	 "must be no more than 15 characters"},
	{POD_HEAD "    ports:\n    - {name: web--1, containerPort: 80}\n", false,
	 "t.yaml:10:14: spec.containers[0].ports[0].name: Invalid value: \"web--1\": must not "
	 "contain consecutive hyphens"},
	{POD_HEAD "    readinessProbe:\n      httpGet: {port: \"8080\"}\n", false,
	 "t.yaml:10:23: spec.containers[0].readinessProbe.httpGet.port: Invalid value: \"8080\": "
	 "must contain at least one letter (a-z)"},
	{POD_HEAD "    readinessProbe:\n      tcpSocket: {port: -web}\n", false,
	 "t.yaml:10:25: spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: \"-web\": "
	 "must not begin or end with a hyphen"},
	/* probes */
	{POD_HEAD "    livenessProbe:\n      exec: {command: [true]}\n      periodSeconds: abc\n", false,
	 "t.yaml:11:22: spec.containers[0].livenessProbe.periodSeconds: must be an "
	 "integer, got \"abc\""},
	{POD_HEAD "    livenessProbe:\n      exec: {command: [true]}\n      periodSeconds: \"3\"\n", false,
	 "t.yaml:11:22: spec.containers[0].livenessProbe.periodSeconds: must be an "
	 "integer, got \"3\" (quoted, so a string)"},
	{POD_HEAD "    livenessProbe:\n      exec: {command: [true]}\n      periodSeconds: -5\n", false,
	 "t.yaml:11:22: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -5: must "
	 "be greater than or equal to 0"},
	{POD_HEAD "    livenessProbe:\n      exec: {command: [true]}\n      timeoutSeconds: -1\n", false,
	 "t.yaml:11:23: spec.containers[0].livenessProbe.timeoutSeconds: Invalid value: -1: "
	 "must be greater than or equal to 0"},
	{POD_HEAD "    readinessProbe:\n      exec: {command: [true]}\n      successThreshold: -1\n",
	 false,
	 "t.yaml:11:25: spec.containers[0].readinessProbe.successThreshold: Invalid value: -1: "
	 "must be greater than or equal to 0"},
	{POD_HEAD "    startupProbe:\n      exec: {command: [true]}\n      failureThreshold: -2\n", false,
	 "t.yaml:11:25: spec.containers[0].startupProbe.failureThreshold: Invalid value: -2: "
	 "must be greater than or equal to 0"},
	{POD_HEAD "    livenessProbe:\n      exec: {command: [true]}\n      initialDelaySeconds: -1\n",
	 false,
	 "t.yaml:11:28: spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: "
	 "-1: must be greater than or equal to 0"},
	{POD_HEAD "    livenessProbe:\n      tcpSocket: {port: 80}\n      successThreshold: 2\n", false,
	 "t.yaml:11:25: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: "
	 "must be 1"},
	{POD_HEAD "    startupProbe:\n      tcpSocket: {port: 80}\n      successThreshold: 3\n", false,
	 "t.yaml:11:25: spec.containers[0].startupProbe.successThreshold: Invalid value: 3: "
	 "must be 1"},
	{POD_HEAD "    readinessProbe:\n      tcpSocket: {port: 80}\n"
		  "      terminationGracePeriodSeconds: 5\n",
	 false,
	 "t.yaml:11:38: spec.containers[0].readinessProbe.terminationGracePeriodSeconds: "
	 "Invalid value: 5: must not be set for readinessProbes"},
	{POD_HEAD "    ports:\n    - {name: http, containerPort: 8080}\n    readinessProbe:\n"
		  "      httpGet: {path: /ready, port: metrics}\n",
	 false,
	 "t.yaml:12:37: spec.containers[0].readinessProbe.httpGet.port: container \"app\" has no "
	 "port named \"metrics\""},
	{POD_HEAD "    livenessProbe:\n      grpc: {port: grpc}\n", false,
	 "t.yaml:10:20: spec.containers[0].livenessProbe.grpc.port: must be an integer, got "
	 "\"grpc\""},
	{POD_HEAD "    livenessProbe:\n      httpGet: {port: 0}\n", false,
	 "t.yaml:10:23: spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must "
	 "be between 1 and 65535, inclusive"},
	{POD_HEAD "    readinessProbe:\n      periodSeconds: 5\n", false,
	 "t.yaml:10:7: spec.containers[0].readinessProbe: Required value: must specify a "
	 "handler type"},
	{POD_HEAD "    readinessProbe:\n      exec: {command: [true]}\n      tcpSocket: {port: 1}\n",
	 false,
	 "t.yaml:11:18: spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify "
	 "more than 1 handler type"},
	{POD_HEAD "    lifecycle:\n      preStop: {exec: {command: []}}\n", false,
	 "t.yaml:10:33: spec.containers[0].lifecycle.preStop.exec.command: Required value"},
	{POD_HEAD "  initContainers:\n  - name: side\n    image: envoy\n    restartPolicy: OnFailure\n",
	 false,
	 "t.yaml:12:20: spec.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": "
	 "supported values: \"Always\""},
	{POD_HEAD "    restartPolicy: Always\n", false,
	 "t.yaml:9:20: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init "
	 "containers"},
	{POD_HEAD "  initContainers:\n  - name: init\n    image: busybox\n"
		  "    readinessProbe: {exec: {command: [true]}}\n",
	 false,
	 "t.yaml:12:21: spec.initContainers[0].readinessProbe: Forbidden: may not be set for "
	 "init containers without restartPolicy=Always"},
	/* issue 11 item 2: more of validation.go, each with its field.Error wording */
	{POD_HEAD "    ports:\n    - {containerPort: 0}\n", false,
	 "t.yaml:10:23: spec.containers[0].ports[0].containerPort: Required value"},
	{POD_HEAD "    ports:\n    - {name: http}\n", false,
	 "t.yaml:10:7: spec.containers[0].ports[0].containerPort: Required value"},
	{POD_HEAD "    ports:\n    - {containerPort: 80, hostPort: 65536}\n", false,
	 "t.yaml:10:37: spec.containers[0].ports[0].hostPort: Invalid value: 65536: must be "
	 "between 1 and 65535, inclusive"},
	{POD_HEAD "    ports:\n    - {containerPort: 80, protocol: tcp}\n", false,
	 "t.yaml:10:37: spec.containers[0].ports[0].protocol: Unsupported value: \"tcp\": "
	 "supported values: \"SCTP\", \"TCP\", \"UDP\""},
	{POD_HEAD "    livenessProbe:\n      httpGet: {port: 80, scheme: ftp}\n", false,
	 "t.yaml:10:35: spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "
	 "\"ftp\": supported values: \"HTTP\", \"HTTPS\""},
	{POD_HEAD "    livenessProbe:\n      tcpSocket: {host: x}\n", false,
	 "t.yaml:10:18: spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: 0: must "
	 "be between 1 and 65535, inclusive"},
	{POD_HEAD "    livenessProbe:\n      grpc: {port: 70000}\n", false,
	 "t.yaml:10:20: spec.containers[0].livenessProbe.grpc.port: Invalid value: 70000: must "
	 "be between 1 and 65535, inclusive"},
	{POD_HEAD "    livenessProbe:\n      exec: {}\n", false,
	 "t.yaml:10:13: spec.containers[0].livenessProbe.exec.command: Required value"},
	{POD_HEAD "    livenessProbe:\n      exec: {command: [true]}\n"
		  "      terminationGracePeriodSeconds: 0\n",
	 false,
	 "t.yaml:11:38: spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid "
	 "value: 0: must be greater than 0"},
	{POD_HEAD "    livenessProbe:\n      exec: {command: [true]}\n      periodSeconds: 3000000000\n",
	 false,
	 "t.yaml:11:22: spec.containers[0].livenessProbe.periodSeconds: must be a 32-bit "
	 "integer, got \"3000000000\""},
	{POD_HEAD "    lifecycle:\n      postStart: {exec: {command: [a]}, sleep: {seconds: 1}}\n",
	 false,
	 "t.yaml:10:48: spec.containers[0].lifecycle.postStart.sleep: Forbidden: may not "
	 "specify more than 1 handler type"},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n"
	 "  - {name: a, image: \"\"}\n",
	 false, "t.yaml:6:22: spec.containers[0].image: Required value"},
	{POD_HEAD "  restartPolicy: \"\"\n", false, "t.yaml:9:18: spec.restartPolicy: Required value"},
	{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", false,
	 "t.yaml:1:1: spec.containers: Required value"},
	/* Simulation */
	{SIM_HEAD "duration: 5 minutes\n", false,
	 "t.yaml:3:11: duration: must be a duration such as \"30s\" or \"1m30s\", got \"5 minutes\""},
	{SIM_HEAD "duration: 0s\n", false, "t.yaml:3:11: duration: must be positive"},
	/* issue 8 item 5: the run length and startTime limits of podsim.h */
	{SIM_HEAD "duration: 9223372036.9s\n", false,
	 "t.yaml:3:11: duration: must be at most 876000h (100 years), podsim's limit, got "
	 "\"9223372036.9s\""},
	{SIM_HEAD "kubelet: {startedBefore: 2562047h}\n", false,
	 "t.yaml:3:26: kubelet.startedBefore: must be at most 876000h (100 years), podsim's limit, "
	 "got \"2562047h\""},
	{SIM_HEAD "startTime: \"2263-01-01T00:00:00Z\"\n", false,
	 "t.yaml:3:12: startTime: must be from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z, got "
	 "\"2263-01-01T00:00:00Z\""},
	{SIM_HEAD "startTime: \"2100-01-01T00:00:00-00:01\"\n", false,
	 "t.yaml:3:12: startTime: must be from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z, got "
	 "\"2100-01-01T00:00:00-00:01\""},
	{SIM_HEAD "startTime: \"1969-12-31T23:59:59Z\"\n", false,
	 "t.yaml:3:12: startTime: must be from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z, got "
	 "\"1969-12-31T23:59:59Z\""},
	{SIM_HEAD "seed: -3\n", false,
	 "t.yaml:3:7: seed: must be an unsigned 64-bit integer, got \"-3\""},
	{SIM_HEAD "seed: 18446744073709551616\n", false,
	 "t.yaml:3:7: seed: must be an unsigned 64-bit integer, got \"18446744073709551616\""},
	{SIM_HEAD "kubelet:\n  timings:\n    sandboxCreate: uniform(1s)\n", false,
	 "t.yaml:5:20: kubelet.timings.sandboxCreate: bad distribution \"uniform(1s)\": uniform "
	 "takes 2 arguments"},
	{SIM_HEAD "kubelet:\n  nodname: n\n", false,
	 "t.yaml:4:3: kubelet.nodname: unknown field (known: version, nodeName, startedBefore, "
	 "featureGates, maxContainerRestartPeriod, images, timings)"},
	{SIM_HEAD "kubelet:\n  version: \"1.28\"\n", false,
	 "t.yaml:4:12: kubelet.version: must be a kubelet version from \"1.29\" to \"1.35\", got "
	 "\"1.28\""},
	{SIM_HEAD "kubelet:\n  featureGates: {SidecarContainers: true}\n", false,
	 "t.yaml:4:18: kubelet.featureGates.SidecarContainers: unknown feature gate (podsim knows "
	 "ReduceDefaultCrashLoopBackOffDecay and KubeletCrashLoopBackOffMax)"},
	{SIM_HEAD "kubelet:\n  version: \"1.31\"\n  featureGates:\n    KubeletCrashLoopBackOffMax: true\n",
	 false,
	 "t.yaml:6:5: kubelet.featureGates.KubeletCrashLoopBackOffMax: not a feature gate of kubelet "
	 "1.31 (added in 1.32)"},
	{SIM_HEAD "kubelet:\n  maxContainerRestartPeriod: 30s\n", false,
	 "t.yaml:4:30: kubelet.maxContainerRestartPeriod: needs feature gate "
	 "KubeletCrashLoopBackOffMax (on by default from 1.35)"},
	{SIM_HEAD "kubelet:\n  images:\n  - {image: a, pullTime: 1s}\n  - {image: a}\n", false,
	 "t.yaml:6:13: kubelet.images[1].image: duplicate entry for image \"a\""},
	{SIM_HEAD "behaviors:\n- {pod: web, sigterm: maybe}\n", false,
	 "t.yaml:4:23: behaviors[0].sigterm: must be \"ignore\" or a mapping with exitCode and "
	 "delay, got \"maybe\""},
	{SIM_HEAD "behaviors:\n- {exitCode: 256}\n", false,
	 "t.yaml:4:14: behaviors[0].exitCode: must be an integer from 0 to 255, got \"256\""},
	{SIM_HEAD "actions:\n- {at: 1s, delete: a, killSandbox: a}\n", false,
	 "t.yaml:4:3: actions[0]: must have exactly one of delete, killSandbox, setCondition, update or restartKubelet"},
	/* setCondition (issue 10 item 7): another client's condition, never one
	 * the kubelet owns (pkg/kubelet/types PodConditionByKubelet) */
	{SIM_HEAD "actions:\n- {at: 1s, setCondition: {pod: a, type: Ready, status: \"True\"}}\n",
	 false, "t.yaml:4:41: actions[0].setCondition.type: \"Ready\" is a condition the kubelet "
		"owns"},
	{SIM_HEAD "actions:\n- {at: 1s, setCondition: {pod: a, type: x, status: yes}}\n", false,
	 "t.yaml:4:52: actions[0].setCondition.status: must be True, False or Unknown, got \"yes\""},
	{SIM_HEAD "actions:\n- {at: 1s, setCondition: {pod: a, type: /x, status: \"True\"}}\n", false,
	 "t.yaml:4:41: actions[0].setCondition.type: Invalid value: \"/x\": prefix part must be "
	 "non-empty"},
	/* ValidateReadinessGates: ValidateQualifiedName (apimachinery IsQualifiedName) */
	{POD_HEAD "  readinessGates:\n  - conditionType: Example.com/x\n", false,
	 "t.yaml:10:20: spec.readinessGates[0].conditionType: Invalid value: \"Example.com/x\": "
	 "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
	 "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
	 "'example.com', regex used for validation is "
	 "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"},
	{POD_HEAD "  readinessGates:\n  - conditionType: ready_\n", false,
	 "t.yaml:10:20: spec.readinessGates[0].conditionType: Invalid value: \"ready_\": name part "
	 "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
	 "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
	 "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"},
	{POD_HEAD "  readinessGates:\n  - {}\n", false,
	 "t.yaml:10:5: spec.readinessGates[0].conditionType: Invalid value: \"\": name part must "
	 "be non-empty"},
	{SIM_HEAD "actions:\n- {at: 1s, setCondition: a}\n", false,
	 "t.yaml:4:26: actions[0].setCondition: must be a mapping, got \"a\""},
	{SIM_HEAD "actions:\n- {at: 1s, killSandbox: a, gracePeriodSeconds: 3}\n", false,
	 "t.yaml:4:48: actions[0].gracePeriodSeconds: only applies to delete"},
	{SIM_HEAD "actions:\n- {delete: a}\n", false, "t.yaml:4:3: actions[0].at: required field is missing"},
	{SIM_HEAD "---\n" SIM_HEAD, false,
	 "t.yaml:5:7: kind: only one Simulation document is allowed (the first is at t.yaml:1:1)"},
	/* ImageCatalogue */
	{"apiVersion: podsim/v1\nkind: ImageCatalogue\nimages:\n- image: x\n  endpoints:\n"
	 "  - port: 80\n    http: /\n    responses:\n    - {after: 10s, status: 500}\n"
	 "    - {after: 5s, status: 200}\n",
	 false,
	 "t.yaml:10:15: images[0].endpoints[0].responses[1].after: responses must be sorted by "
	 "after, each later than the one before"},
	{"apiVersion: podsim/v1\nkind: ImageCatalogue\nimages:\n- {image: x, endpoints: [{port: 1, "
	 "http: /, tcp: true}]}\n",
	 false, "t.yaml:4:26: images[0].endpoints[0]: must set exactly one of http, tcp or grpc"},
	{"apiVersion: podsim/v1\nkind: ImageCatalogue\nimages:\n- {image: x, endpoints: [{port: 1, "
	 "http: healthz}]}\n",
	 false,
	 "t.yaml:4:42: images[0].endpoints[0].http: must be a path starting with \"/\", \"*\" or "
	 "true, got \"healthz\""},
	{"apiVersion: podsim/v1\nkind: ImageCatalogue\nimages:\n- {image: x, endpoints: [{port: 1, "
	 "http: /, repeat: 5s, responses: [{after: 5s, status: 200}]}]}\n",
	 false,
	 "t.yaml:4:53: images[0].endpoints[0].repeat: must be longer than the last response's after"},
	{"apiVersion: podsim/v1\nkind: ImageCatalogue\nimages:\n- {image: x, runTime: soon}\n", false,
	 "t.yaml:4:23: images[0].runTime: bad distribution \"soon\": bad duration \"soon\" (Go "
	 "syntax such as 500ms, 10s, 2m30s)"},
	{"apiVersion: podsim/v1\nkind: ImageCatalogue\n", false,
	 "t.yaml:1:1: images: required field is missing"},
	/* cross-document checks in scenario_finish */
	{POD_HEAD "---\n" SIM_HEAD "actions:\n- {at: 30s, delete: nope}\n", true,
	 "t.yaml:13:3: actions[0].delete: no pod named \"nope\""},
	{POD_HEAD "---\n" SIM_HEAD "actions:\n- {at: 30s, killSandbox: nope}\n", true,
	 "t.yaml:13:3: actions[0].killSandbox: no pod named \"nope\""},
	{POD_HEAD "---\n" POD_HEAD, true,
	 "t.yaml:10:1: metadata.name: duplicate pod \"default/web\" (first defined at t.yaml:1:1)"},
	{POD_HEAD "---\n" SIM_HEAD "behaviors:\n- {pod: web, container: sidecar}\n", true,
	 "t.yaml:13:3: behaviors[0].container: pod \"web\" has no container named \"sidecar\""},
	{POD_HEAD "---\n" SIM_HEAD "behaviors:\n- {container: sidecar}\n", true,
	 "t.yaml:13:3: behaviors[0].container: no pod has a container named \"sidecar\""},
	{POD_HEAD "---\n" SIM_HEAD "behaviors:\n- {pod: db}\n", true,
	 "t.yaml:13:3: behaviors[0].pod: no pod named \"db\""},
};

START_TEST(test_bad_input)
{
	int rc = load(bad_rows[_i].yaml);
	if (bad_rows[_i].at_finish) {
		ck_assert_msg(rc == 0, "load failed: %s", err);
		rc = scenario_finish(&sc, err, sizeof(err));
	}
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err, bad_rows[_i].want);
}
END_TEST

START_TEST(test_missing_file)
{
	ck_assert_int_eq(scenario_load_file(&sc, "tests/data/missing.yaml", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "tests/data/missing.yaml: cannot open: No such file or directory");
	ck_assert_int_eq(scenario_load_file(&sc, "tests/data", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "tests/data: cannot read: Is a directory");
}
END_TEST

/* err is the depth error at where, whose path repeats elem n times. */
static void assert_too_deep(const char *where, const char *elem, int n)
{
	char want[512];
	snprintf(want, sizeof(want), "%s", where);
	for (int i = 0; i < n; i++)
		strcat(want, elem);
	strcat(want, ": nested more than 64 levels deep");
	ck_assert_str_eq(err, want);
}

/* A recursive alias must not loop, and deep nesting is refused politely. */
START_TEST(test_hostile_yaml)
{
	ck_assert_int_eq(load("apiVersion: v1\nkind: Pod\nx: &a [*a]\n"), -1);
	char deep[400] = "apiVersion: v1\nkind: Pod\nx: ";
	for (int i = 0; i < 70; i++)
		strcat(deep, "[");
	for (int i = 0; i < 70; i++)
		strcat(deep, "]");
	strcat(deep, "\n");
	ck_assert_int_eq(load(deep), -1);
	/* the 65th '[' (column 68) is the first node deeper than 64 levels */
	assert_too_deep("t.yaml:3:68: x", "[0]", 64);
}
END_TEST

/* Issue 8 item 9 (R18): a name of a million characters is refused with
 * MaxLenError, its value shortened to keep the message one short line. */
START_TEST(test_huge_pod_name)
{
	enum { N = 1000000 };
	char *yaml = xmalloc(N + 64);
	char *p = yaml + sprintf(yaml, "apiVersion: v1\nkind: Pod\nmetadata: {name: ");
	memset(p, 'a', N);
	strcpy(p + N, "}\n");
	ck_assert_int_eq(load(yaml), -1);
	free(yaml);
	ck_assert_str_eq(err, "t.yaml:3:18: metadata.name: Invalid value: \"" REPEAT64("a")
			      "aaaaaaaaaaaaaaaa...\": must be no more than 253 characters");
}
END_TEST

/* Issue 8 item 6 (R9): duplicate keys are found by sorting, not by
 * comparing each key with every earlier one (50,000 labels took ~12 s that
 * way, past Check's 4 s timeout; now a few milliseconds).  The duplicate is
 * the last key, so every key is looked at. */
START_TEST(test_many_keys)
{
	enum { N = 50000 };
	size_t cap = 64 + (size_t)N * 24;
	char *yaml = xmalloc(cap), *p = yaml;
	p += sprintf(p, "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n");
	for (int i = 0; i < N; i++)
		p += sprintf(p, "    k%d: v\n", i);
	sprintf(p, "    k0: w\n");
	ck_assert_int_eq(load(yaml), -1);
	ck_assert_str_eq(err, "t.yaml:50005:5: " STRICT "duplicate field \"metadata.labels.k0\"");
	free(yaml);
}
END_TEST

/* Issue 11 item 2: duplicate container names are found by sorting, not by
 * comparing each with every earlier one (20,000 containers took 1.0 s);
 * the repeat is the last container, so every name is looked at. */
START_TEST(test_many_containers)
{
	enum { N = 20000 };
	char *yaml = xmalloc(64 + (size_t)N * 40), *p = yaml;
	p += sprintf(p, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n");
	for (int i = 0; i < N; i++)
		p += sprintf(p, "  - {name: c%d, image: busybox}\n", i);
	sprintf(p, "  - {name: c7, image: busybox}\n");
	ck_assert_int_eq(load(yaml), -1);
	ck_assert_str_eq(err, "t.yaml:20006:12: spec.containers[20000].name: Duplicate value: \"c7\"");
	free(yaml);
}
END_TEST

/* The same for the port names of one container. */
START_TEST(test_many_ports)
{
	enum { N = 20000 };
	char *yaml = xmalloc(128 + (size_t)N * 48), *p = yaml;
	p += sprintf(p, POD_HEAD "    ports:\n");
	for (int i = 0; i < N; i++)
		p += sprintf(p, "    - {name: p%d, containerPort: %d}\n", i, i % 65535 + 1);
	sprintf(p, "    - {name: p7, containerPort: 80}\n");
	ck_assert_int_eq(load(yaml), -1);
	ck_assert_str_eq(err, "t.yaml:20010:14: spec.containers[0].ports[20000].name: Duplicate value: "
			      "\"p7\"");
	free(yaml);
}
END_TEST

/* Issue 8 item 6 (R10): nesting is refused while the events are read,
 * before libyaml builds the document, whose cost is quadratic in the depth
 * (100,000 levels took over 20 s); the first node too deep is named. */
START_TEST(test_deep_flow_refused_early)
{
	enum { N = 100000 };
	char *yaml = xmalloc(2 * N + 64);
	char *p = yaml + sprintf(yaml, "apiVersion: v1\nkind: Pod\nx: ");
	memset(p, '[', N);
	memset(p + N, ']', N);
	strcpy(p + 2 * N, "\n");
	ck_assert_int_eq(load(yaml), -1);
	ck_assert_ptr_nonnull(strstr(err, "t.yaml:3:68: x[0][0]"));
	ck_assert_ptr_nonnull(strstr(err, "[0]: nested more than 64 levels deep"));
	free(yaml);
}
END_TEST

/* The limit holds in a later document of a stream, in block style, and
 * after an earlier document loaded: the two parsers stay in step. */
START_TEST(test_deep_block_second_document)
{
	char yaml[8192] = "apiVersion: podsim/v1\nkind: Simulation\n---\napiVersion: v1\nkind: Pod\nx:\n";
	for (int i = 0; i < 70; i++)
		sprintf(yaml + strlen(yaml), "%*sk:\n", i + 1, "");
	ck_assert_int_eq(load(yaml), -1);
	assert_too_deep("t.yaml:70:65: x", ".k", 63);
}
END_TEST

Suite *scenario_errors_suite(void)
{
	Suite *s = suite_create("scenario_errors");
	TCase *tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_bad_input, 0, sizeof(bad_rows) / sizeof(bad_rows[0]));
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_hostile_yaml);
	tcase_add_test(tc, test_huge_pod_name);
	tcase_add_test(tc, test_many_keys);
	tcase_add_test(tc, test_many_containers);
	tcase_add_test(tc, test_many_ports);
	tcase_add_test(tc, test_deep_flow_refused_early);
	tcase_add_test(tc, test_deep_block_second_document);
	suite_add_tcase(s, tc);
	return s;
}
