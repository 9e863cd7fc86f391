/* scenario.c - v1 Pod manifests into the structs of spec.h.
 *
 * The scenario loader is several files sharing include/scenario_yaml.h; only
 * they include it, and with it <yaml.h>.  This one reads the Pod with the
 * kit of scenario_yaml.c, after scenario_schema.c has checked its keys
 * against the v1 schema (strict field validation); fields podsim does not
 * model pass that check and are then skipped here.  Pod defaulting mirrors
 * the API server's pkg/apis/core/v1/defaults.go (SetDefaults_Pod,
 * _Container, _Probe, _HTTPGetAction; a probe count of 0 is "unset" there,
 * so it takes the default), and the checks are the part of
 * pkg/apis/core/validation the simulator depends on.  Invariant: objects are
 * appended to the scenario zeroed *before* they are filled, so a failure half
 * way leaves a partial object that scenario_release frees, and no error path
 * needs a destructor of its own.
 * Rejected: libyaml's event API (it forces either a home-made tree or an
 * order-sensitive single pass); converting YAML to cJSON and decoding JSON
 * (line and column would be lost).
 */
#include "scenario_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(PULL_ALWAYS == 0 && PULL_IF_NOT_PRESENT == 1 && PULL_NEVER == 2,
	       "pull_names follows pull_policy");
_Static_assert(RESTART_ALWAYS == 0 && RESTART_ON_FAILURE == 1 && RESTART_NEVER == 2,
	       "restart_names follows restart_policy");

typedef enum { PROBE_LIVENESS, PROBE_READINESS, PROBE_STARTUP } probe_kind;

/* ---- Pod ---------------------------------------------------------------- */

static const char *const pull_names[] = {"Always", "IfNotPresent", "Never", NULL};
static const char *const restart_names[] = {"Always", "OnFailure", "Never", NULL};
/* validation.IsValidPortNum (InclusiveRangeError) */
static const char port_range[] = "must be between 1 and 65535, inclusive";

/* A non-empty string that must be given: absent or "" is field.Required,
 * as validateContainerCommon says of a container's name and image. */
static int need_text(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
		     const char *detail, char **out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (v && v->type == YAML_SCALAR_NODE && !*scenario_yaml_text(v))
		return scenario_field_required(c, v, key, detail);
	int r = scenario_yaml_get_str(c, map, key, out);
	return r == 0 ? scenario_field_required(c, map, key, detail) : r < 0 ? -1 : 0;
}

/* SetDefaults_Container: tag "latest", or no tag and no digest, pulls Always.
 * The tag is a ':' after the last '/', so a registry port is not a tag. */
static pull_policy default_pull_policy(const char *image)
{
	size_t ref = strcspn(image, "@");
	size_t name = ref;
	while (name > 0 && image[name - 1] != '/')
		name--;
	const char *colon = memchr(image + name, ':', ref - name);
	if (!colon)
		return image[ref] == '@' ? PULL_IF_NOT_PRESENT : PULL_ALWAYS;
	size_t tag_len = (size_t)(image + ref - colon - 1);
	return tag_len == 6 && strncmp(colon + 1, "latest", 6) == 0 ? PULL_ALWAYS
								    : PULL_IF_NOT_PRESENT;
}

/* A port given as a number (ValidatePortNumOrName: an absent port is 0, so
 * it fails the range too), or for httpGet and tcpSocket as the name of one
 * of the container's ports. */
static int parse_port_ref(scenario_yaml_ctx *c, const yaml_node_t *map, const container_spec *ct,
			  bool by_name, handler_spec *h)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, "port");
	int64_t x = 0;
	if (!v || scenario_yaml_scalar_int(v, &x)) {
		if (x < 1 || x > 65535)
			return scenario_field_invalid(c, v ? v : map, "port", (long long)x, port_range);
		h->port = (int)x;
		return 0;
	}
	if (!by_name || v->type != YAML_SCALAR_NODE)
		return scenario_yaml_want(c, v, "port", by_name ? "a port number or name" : "an integer");
	if (scenario_names_check(c, map, "port", SCENARIO_NAME_PORT))
		return -1;
	for (int i = 0; i < ct->n_ports; i++)
		if (ct->ports[i].name && strcmp(ct->ports[i].name, scenario_yaml_text(v)) == 0) {
			h->port = ct->ports[i].container_port;
			h->port_name = xstrdup(scenario_yaml_text(v));
			return 0;
		}
	return scenario_yaml_fail_key(c, v, "port", "container \"%s\" has no port named \"%s\"",
				      ct->name, scenario_yaml_text(v));
}

static int parse_header(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	handler_spec *h = arg;
	kv *hd = SCENARIO_YAML_APPEND(h->http_headers, h->n_http_headers);
	if (scenario_yaml_need_word(c, n, "name", &hd->key) ||
	    scenario_yaml_get_str(c, n, "value", &hd->value) < 0)
		return -1;
	hd->value = hd->value ? hd->value : xstrdup("");
	return 0;
}

static int parse_http_get(scenario_yaml_ctx *c, const yaml_node_t *n, const container_spec *ct,
			  handler_spec *h)
{
	static const char *const schemes[] = {"HTTP", "HTTPS", NULL};
	int scheme = 0;
	if (parse_port_ref(c, n, ct, true, h) ||
	    scenario_yaml_get_str(c, n, "path", &h->path) < 0 ||
	    scenario_yaml_get_str(c, n, "host", &h->host) < 0 ||
	    scenario_field_get_enum(c, n, "scheme", schemes, schemes, &scheme) < 0 ||
	    scenario_yaml_each_map(c, n, "httpHeaders", parse_header, h) < 0)
		return -1;
	h->path = h->path ? h->path : xstrdup("/");
	h->host = h->host ? h->host : xstrdup("");
	h->scheme = xstrdup(schemes[scheme]);
	return 0;
}

static int parse_handler_body(scenario_yaml_ctx *c, const yaml_node_t *n, const container_spec *ct,
			      handler_spec *h)
{
	int r;
	switch (h->kind) {
	case HANDLER_EXEC:
		r = scenario_yaml_get_strings(c, n, "command", &h->exec_argv, &h->exec_argc);
		if (r == 0)
			return scenario_field_required(c, n, "command", NULL);
		if (r > 0 && h->exec_argc == 0)
			return scenario_field_required(c, scenario_yaml_lookup(c, n, "command"),
						       "command", NULL);
		return r < 0 ? -1 : 0;
	case HANDLER_HTTP_GET:
		return parse_http_get(c, n, ct, h);
	case HANDLER_TCP_SOCKET:
		if (parse_port_ref(c, n, ct, true, h) ||
		    scenario_yaml_get_str(c, n, "host", &h->host) < 0)
			return -1;
		h->host = h->host ? h->host : xstrdup("");
		return 0;
	case HANDLER_GRPC:
		if (parse_port_ref(c, n, ct, false, h) ||
		    scenario_yaml_get_str(c, n, "service", &h->grpc_service) < 0)
			return -1;
		return 0;
	case HANDLER_SLEEP:
		r = scenario_yaml_get_i32(c, n, "seconds", 0, SCENARIO_YAML_BIG, &h->sleep_seconds);
		return r == 0 ? scenario_yaml_missing(c, n, "seconds") : r < 0 ? -1 : 0;
	case HANDLER_NONE:
		break;
	}
	assert(!"unreachable handler kind");
	return -1;
}

typedef struct handler_key {
	const char *name;
	handler_kind kind;
} handler_key;

/* A probe handler (exec, httpGet, tcpSocket, grpc) or a lifecycle hook
 * (exec, httpGet, tcpSocket, sleep): exactly one must be given.  As
 * validateHandler does, the handlers are taken in that order and the second
 * one found is the one refused. */
static int parse_handler(scenario_yaml_ctx *c, const yaml_node_t *n, const container_spec *ct,
			 bool hook, handler_spec *h)
{
	static const handler_key probe[] = {{"exec", HANDLER_EXEC}, {"httpGet", HANDLER_HTTP_GET},
					    {"tcpSocket", HANDLER_TCP_SOCKET}, {"grpc", HANDLER_GRPC}};
	static const handler_key hooks[] = {{"exec", HANDLER_EXEC}, {"httpGet", HANDLER_HTTP_GET},
					    {"tcpSocket", HANDLER_TCP_SOCKET}, {"sleep", HANDLER_SLEEP}};
	const handler_key *keys = hook ? hooks : probe, *found = NULL;
	for (int i = 0; i < 4; i++) {
		if (!scenario_yaml_lookup(c, n, keys[i].name))
			continue;
		if (found)
			return scenario_field_forbidden(c, scenario_yaml_lookup(c, n, keys[i].name),
							keys[i].name,
							"may not specify more than 1 handler type");
		found = &keys[i];
	}
	if (!found)
		return scenario_yaml_fail(c, n, "Required value: must specify a handler type");
	yaml_node_t *v = scenario_yaml_lookup(c, n, found->name);
	if (v->type != YAML_MAPPING_NODE)
		return scenario_yaml_want(c, v, found->name, "a mapping");
	size_t saved = scenario_yaml_push_key(c, found->name);
	h->kind = found->kind;
	if (parse_handler_body(c, v, ct, h))
		return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}

/* initialDelaySeconds, timeoutSeconds, periodSeconds and the thresholds:
 * validateProbe's ValidateNonnegativeField.  SetDefaults_Probe has turned an
 * unset or 0 count into its default (dflt) before validation runs, so only
 * a negative value is refused.  0 = ok, -1 = error. */
static int get_probe_count(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			   int dflt, int *out)
{
	int64_t x = 0;
	if (scenario_field_get_int(c, map, key, 0, INT32_MAX,
				   "must be greater than or equal to 0", &x) < 0)
		return -1;
	*out = x ? (int)x : dflt;
	return 0;
}

static int parse_probe(scenario_yaml_ctx *c, const yaml_node_t *n, const container_spec *ct,
		       probe_kind kind, probe_spec *p)
{
	if (n->type != YAML_MAPPING_NODE)
		return scenario_yaml_want(c, n, NULL, "a mapping");
	p->loc = scenario_yaml_loc(c, n);
	p->termination_grace_seconds = -1;
	if (parse_handler(c, n, ct, false, &p->handler) ||
	    get_probe_count(c, n, "initialDelaySeconds", 0, &p->initial_delay_seconds) ||
	    get_probe_count(c, n, "timeoutSeconds", 1, &p->timeout_seconds) ||
	    get_probe_count(c, n, "periodSeconds", 10, &p->period_seconds) ||
	    get_probe_count(c, n, "successThreshold", 1, &p->success_threshold) ||
	    get_probe_count(c, n, "failureThreshold", 3, &p->failure_threshold))
		return -1;
	int r = scenario_field_get_int(c, n, "terminationGracePeriodSeconds", 1, INT32_MAX,
				       "must be greater than 0", &p->termination_grace_seconds);
	if (r < 0)
		return -1;
	/* validateLivenessProbe, validateStartupProbe, validateReadinessProbe */
	if (kind != PROBE_READINESS && p->success_threshold != 1)
		return scenario_field_invalid(c, scenario_yaml_lookup(c, n, "successThreshold"),
					      "successThreshold", p->success_threshold, "must be 1");
	if (r > 0 && kind == PROBE_READINESS)
		return scenario_field_invalid(
			c, scenario_yaml_lookup(c, n, "terminationGracePeriodSeconds"),
			"terminationGracePeriodSeconds", (long long)p->termination_grace_seconds,
			"must not be set for readinessProbes");
	return 0;
}

/* validateInitContainers, for an init container that is not a sidecar */
static const char *const no_probes_msg =
	"may not be set for init containers without restartPolicy=Always";

static int parse_probes(scenario_yaml_ctx *c, const yaml_node_t *n, container_spec *ct)
{
	static const char *const keys[] = {"livenessProbe", "readinessProbe", "startupProbe"};
	probe_spec **slots[] = {&ct->liveness, &ct->readiness, &ct->startup};
	for (int k = 0; k < 3; k++) {
		yaml_node_t *v = scenario_yaml_lookup(c, n, keys[k]);
		if (!v)
			continue;
		if (ct->is_init && !ct->restartable)
			return scenario_field_forbidden(c, v, keys[k], no_probes_msg);
		*slots[k] = xcalloc(1, sizeof(probe_spec));
		size_t saved = scenario_yaml_push_key(c, keys[k]);
		if (parse_probe(c, v, ct, (probe_kind)k, *slots[k]))
			return -1;
		scenario_yaml_pop(c, saved);
	}
	return 0;
}

static int parse_lifecycle(scenario_yaml_ctx *c, const yaml_node_t *n, container_spec *ct)
{
	static const char *const keys[] = {"postStart", "preStop"};
	handler_spec **slots[] = {&ct->post_start, &ct->pre_stop};
	yaml_node_t *lc = NULL;
	int r = scenario_yaml_get_map(c, n, "lifecycle", &lc);
	if (r <= 0)
		return r;
	if (ct->is_init && !ct->restartable)
		return scenario_field_forbidden(c, lc, "lifecycle", no_probes_msg);
	size_t saved = scenario_yaml_push_key(c, "lifecycle");
	for (int k = 0; k < 2; k++) {
		yaml_node_t *v = NULL;
		r = scenario_yaml_get_map(c, lc, keys[k], &v);
		if (r < 0)
			return -1;
		if (r == 0)
			continue;
		*slots[k] = xcalloc(1, sizeof(handler_spec));
		size_t at = scenario_yaml_push_key(c, keys[k]);
		if (parse_handler(c, v, ct, true, *slots[k]))
			return -1;
		scenario_yaml_pop(c, at);
	}
	scenario_yaml_pop(c, saved);
	return 0;
}

/* The list under key, or NULL when it is absent or not a list. */
static yaml_node_t *seq_or_null(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	return v && v->type == YAML_SEQUENCE_NODE ? v : NULL;
}

/* field.Duplicate of validation.go, at the name of item n. */
static int duplicate_name(scenario_yaml_ctx *c, const yaml_node_t *n, const char *name)
{
	return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "name"), "name",
				      "Duplicate value: \"%s\"", name);
}

typedef struct port_list {
	container_spec *ct;
	const unsigned char *dup; /* scenario_schema_repeated_names of the ports, or NULL */
} port_list;

static int parse_port(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const protocols[] = {"TCP", "UDP", "SCTP", NULL};
	static const char *const shown[] = {"SCTP", "TCP", "UDP", NULL}; /* sets.List */
	const port_list *l = arg;
	container_spec *ct = l->ct;
	port_spec *p = SCENARIO_YAML_APPEND(ct->ports, ct->n_ports);
	int proto = 0;
	int64_t port = 0, host = 0;
	/* validateContainerPorts: 0 is "not set", for hostPort too */
	if (scenario_field_get_int(c, n, "containerPort", 0, 65535, port_range, &port) < 0)
		return -1;
	yaml_node_t *v = scenario_yaml_lookup(c, n, "containerPort");
	if (port == 0)
		return scenario_field_required(c, v ? v : n, "containerPort", NULL);
	if (scenario_yaml_get_word(c, n, "name", &p->name) < 0 ||
	    scenario_names_check(c, n, "name", SCENARIO_NAME_PORT) ||
	    scenario_field_get_int(c, n, "hostPort", 0, 65535, port_range, &host) < 0 ||
	    scenario_field_get_enum(c, n, "protocol", protocols, shown, &proto) < 0)
		return -1;
	p->container_port = (int)port;
	p->host_port = (int)host;
	p->protocol = xstrdup(protocols[proto]);
	if (p->name && l->dup && l->dup[ct->n_ports - 1])
		return duplicate_name(c, n, p->name);
	return 0;
}

static int parse_ports(scenario_yaml_ctx *c, const yaml_node_t *n, container_spec *ct)
{
	yaml_node_t *seq = seq_or_null(c, n, "ports");
	port_list l = {ct, seq ? scenario_schema_repeated_names(c, &seq, 1) : NULL};
	int r = scenario_yaml_each_map(c, n, "ports", parse_port, &l);
	free((void *)l.dup);
	return r < 0 ? -1 : 0;
}

/* One ResourceList (limits or requests), each value decoded as a Quantity
 * first, as the API server's decoder does before any validation: its
 * ParseQuantity error is the message.  *qs gets the values, in file order. */
static int read_resource_list(scenario_yaml_ctx *c, const yaml_node_t *m, kv **out, int *n,
			      scenario_quantity **qs)
{
	size_t cnt = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
	assert(!*out);
	*out = xcalloc(cnt ? cnt : 1, sizeof(**out));
	*qs = xcalloc(cnt ? cnt : 1, sizeof(**qs));
	for (size_t i = 0; i < cnt; i++) {
		yaml_node_t *k = scenario_yaml_node(c, m->data.mapping.pairs.start[i].key);
		yaml_node_t *v = scenario_yaml_node(c, m->data.mapping.pairs.start[i].value);
		size_t saved = scenario_yaml_push_subscript(c, scenario_yaml_text(k));
		const char *text = v->type == YAML_SCALAR_NODE && !scenario_yaml_is_null(v)
					   ? scenario_yaml_text(v)
					   : "0";
		if (v->type != YAML_SCALAR_NODE)
			return scenario_yaml_want(c, v, NULL, "a string");
		const char *err = scenario_quantity_parse(text, &(*qs)[i]);
		if (err)
			return scenario_yaml_fail(c, v, "%s", err);
		(*out)[i].key = xstrdup(scenario_yaml_text(k));
		(*out)[i].value = xstrdup(text);
		*n = (int)i + 1;
		scenario_yaml_pop(c, saved);
	}
	return 0;
}

/* validateContainerResourceName: without a domain, a name must be one of the
 * standard container resources. */
static bool standard_resource(const char *name)
{
	return strchr(name, '/') || strcmp(name, "cpu") == 0 || strcmp(name, "memory") == 0 ||
	       strcmp(name, "ephemeral-storage") == 0 || strncmp(name, "hugepages-", 10) == 0;
}

/* v1helper.IsOvercommitAllowed: native resources other than hugepages. */
static bool overcommit_allowed(const char *name)
{
	return (!strchr(name, '/') || strstr(name, "kubernetes.io/")) &&
	       strncmp(name, "hugepages-", 10) != 0;
}

/* ValidateContainerResourceRequirements on one list: names, signs, and for
 * requests the limit of the same name.  Quantities print as written (the
 * API server prints Quantity.String(), the canonical form: 1000m as 1). */
static int check_resource_list(scenario_yaml_ctx *c, const yaml_node_t *m, const kv *v, int n,
			       const scenario_quantity *q, const kv *lim, int n_lim,
			       const scenario_quantity *qlim)
{
	for (int i = 0; i < n; i++) {
		yaml_node_t *kn = scenario_yaml_node(c, m->data.mapping.pairs.start[i].key);
		yaml_node_t *vn = scenario_yaml_node(c, m->data.mapping.pairs.start[i].value);
		size_t saved = scenario_yaml_push_subscript(c, v[i].key);
		if (!standard_resource(v[i].key))
			return scenario_yaml_fail(c, kn, "Invalid value: \"%s\": must be a standard "
					      "resource for containers", v[i].key);
		if (q[i].negative)
			return scenario_yaml_fail(c, vn, "Invalid value: \"%s\": must be greater than "
					      "or equal to 0", v[i].value);
		scenario_yaml_pop(c, saved);
		for (int j = 0; lim && j < n_lim; j++) {
			if (strcmp(lim[j].key, v[i].key) != 0)
				continue;
			int cmp = scenario_quantity_cmp(&q[i], &qlim[j]);
			bool equal_only = !overcommit_allowed(v[i].key);
			if (cmp > 0 || (cmp != 0 && equal_only))
				return scenario_yaml_fail(c, vn, "Invalid value: \"%s\": must be %s %s "
						      "limit of %s", v[i].value,
						      equal_only ? "equal to" : "less than or equal to",
						      v[i].key, lim[j].value);
		}
	}
	return 0;
}

static int parse_resources(scenario_yaml_ctx *c, const yaml_node_t *n, container_spec *ct)
{
	yaml_node_t *res = NULL, *lim = NULL, *req = NULL;
	scenario_quantity *qlim = NULL, *qreq = NULL;
	int r = scenario_yaml_get_map(c, n, "resources", &res);
	if (r <= 0)
		return r;
	size_t saved = scenario_yaml_push_key(c, "resources");
	if (scenario_yaml_get_map(c, res, "limits", &lim) < 0 ||
	    scenario_yaml_get_map(c, res, "requests", &req) < 0)
		return -1;
	size_t at = scenario_yaml_push_key(c, "limits");
	r = lim ? read_resource_list(c, lim, &ct->limits, &ct->n_limits, &qlim) : 0;
	if (r == 0) {
		scenario_yaml_pop(c, at);
		at = scenario_yaml_push_key(c, "requests");
		r = req ? read_resource_list(c, req, &ct->requests, &ct->n_requests, &qreq) : 0;
	}
	if (r == 0) {
		scenario_yaml_pop(c, at);
		at = scenario_yaml_push_key(c, "limits");
		r = lim ? check_resource_list(c, lim, ct->limits, ct->n_limits, qlim, NULL, 0, NULL) : 0;
	}
	if (r == 0) {
		scenario_yaml_pop(c, at);
		at = scenario_yaml_push_key(c, "requests");
		r = req ? check_resource_list(c, req, ct->requests, ct->n_requests, qreq, ct->limits,
					      ct->n_limits, qlim)
			: 0;
	}
	free(qlim);
	free(qreq);
	if (r == 0)
		scenario_yaml_pop(c, saved);
	return r;
}

/* restartPolicy on a container: only "Always", only on init containers
 * (validateContainers, validateInitContainerRestartPolicy). */
static int parse_container_restart(scenario_yaml_ctx *c, const yaml_node_t *n, container_spec *ct)
{
	static const char *const always[] = {"Always", NULL};
	yaml_node_t *v = scenario_yaml_lookup(c, n, "restartPolicy");
	int policy = 0;
	if (!v)
		return 0;
	if (!ct->is_init)
		return scenario_field_forbidden(c, v, "restartPolicy",
						"may not be set for non-init containers");
	if (scenario_field_get_enum(c, n, "restartPolicy", always, always, &policy) < 0)
		return -1;
	ct->restartable = true;
	return 0;
}

/* terminationMessagePath and terminationMessagePolicy: "" or absent is the
 * default (SetDefaults_Container: /dev/termination-log, File); the policy is
 * File or FallbackToLogsOnError (validateContainerCommon, field.NotSupported). */
static int parse_termination_message(scenario_yaml_ctx *c, const yaml_node_t *n,
				     container_spec *ct)
{
	static const char *const policies[] = {"File", "FallbackToLogsOnError", NULL};
	char *policy = NULL;
	int which = 0;
	if (scenario_yaml_get_str(c, n, "terminationMessagePath", &ct->termination_message_path) < 0 ||
	    scenario_yaml_get_str(c, n, "terminationMessagePolicy", &policy) < 0)
		return -1;
	bool given = policy && policy[0];
	free(policy);
	if (given && scenario_field_get_enum(c, n, "terminationMessagePolicy", policies, policies,
					     &which) < 0)
		return -1;
	ct->termination_fallback_to_logs = which == 1;
	if (!ct->termination_message_path || !ct->termination_message_path[0]) {
		free(ct->termination_message_path);
		ct->termination_message_path = xstrdup("/dev/termination-log");
	}
	return 0;
}

/* Container names are unique across initContainers and containers: dup
 * flags the items of both lists, init containers first, whose name repeats
 * an earlier one, so the first reported is the first in reading order. */
typedef struct container_list {
	pod_spec *pod;
	bool init;
	const unsigned char *dup; /* scenario_schema_repeated_names of both lists, or NULL */
	size_t offset;            /* index of this list's first item in dup */
	const char **volumes;     /* scenario_manifest_volume_index of the pod */
} container_list;

static int parse_container(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	const container_list *l = arg;
	pod_spec *p = l->pod;
	container_spec *ct =
		l->init ? SCENARIO_YAML_APPEND(p->init_containers, p->n_init_containers)
			: SCENARIO_YAML_APPEND(p->containers, p->n_containers);
	ct->is_init = l->init;
	ct->index = (l->init ? p->n_init_containers : p->n_containers) - 1;
	ct->loc = scenario_yaml_loc(c, n);
	if (need_text(c, n, "name", NULL, &ct->name) ||
	    scenario_names_check(c, n, "name", SCENARIO_NAME_LABEL) ||
	    (l->dup && l->dup[l->offset + (size_t)ct->index] && duplicate_name(c, n, ct->name)) ||
	    need_text(c, n, "image", NULL, &ct->image))
		return -1;
	int policy = (int)default_pull_policy(ct->image);
	if (scenario_field_get_enum(c, n, "imagePullPolicy", pull_names, pull_names, &policy) < 0)
		return -1;
	ct->image_pull_policy = (pull_policy)policy;
	if (scenario_yaml_get_strings(c, n, "command", &ct->command, &ct->n_command) < 0 ||
	    scenario_yaml_get_strings(c, n, "args", &ct->args, &ct->n_args) < 0 ||
	    parse_ports(c, n, ct) || scenario_manifest_container(c, n, p, l->volumes, ct) ||
	    parse_resources(c, n, ct) || parse_container_restart(c, n, ct) ||
	    parse_probes(c, n, ct) || parse_lifecycle(c, n, ct) ||
	    parse_termination_message(c, n, ct))
		return -1;
	return 0;
}

static int parse_containers(scenario_yaml_ctx *c, const yaml_node_t *spec, pod_spec *p)
{
	yaml_node_t *seqs[] = {seq_or_null(c, spec, "initContainers"),
			       seq_or_null(c, spec, "containers")};
	unsigned char *dup = scenario_schema_repeated_names(c, seqs, 2);
	const char **volumes = scenario_manifest_volume_index(p);
	container_list init = {p, true, dup, 0, volumes};
	container_list regular = {p, false, dup, seqs[0] ? scenario_yaml_n_items(seqs[0]) : 0,
				  volumes};
	int r = scenario_yaml_each_map(c, spec, "initContainers", parse_container, &init);
	if (r >= 0)
		r = scenario_yaml_each_map(c, spec, "containers", parse_container, &regular);
	free(dup);
	free(volumes);
	return r == 0 ? scenario_field_required(c, spec, "containers", NULL) : r < 0 ? -1 : 0;
}

static int parse_pod_spec(scenario_yaml_ctx *c, const yaml_node_t *spec, pod_spec *p)
{
	if (parse_containers(c, spec, p))
		return -1;
	if (p->n_containers == 0) /* validateContainers */
		return scenario_field_required(c, scenario_yaml_lookup(c, spec, "containers"),
					       "containers", NULL);
	int policy = RESTART_ALWAYS;
	if (scenario_field_get_enum(c, spec, "restartPolicy", restart_names, restart_names,
				    &policy) < 0 ||
	    scenario_field_get_int(c, spec, "terminationGracePeriodSeconds", INT32_MIN, INT32_MAX,
				   "", &p->termination_grace_seconds) < 0 ||
	    scenario_field_get_int(c, spec, "activeDeadlineSeconds", 1, INT32_MAX,
				   "must be between 1 and 2147483647, inclusive",
				   &p->active_deadline_seconds) < 0 ||
	    scenario_yaml_get_word(c, spec, "nodeName", &p->node_name) < 0 ||
	    scenario_names_check_podsim_len(c, spec, "nodeName"))
		return -1;
	p->restart_policy = (restart_policy)policy;
	/* A negative grace is accepted and stored as 1 since the fix for
	 * kubernetes#115606 (the pod strategy's "if period < 0 { period = 1 }",
	 * sim/registry.c) */
	if (p->termination_grace_seconds < 0)
		p->termination_grace_seconds = 1;
	return 0;
}

int scenario_parse_pod(scenario_yaml_ctx *c, const yaml_node_t *root)
{
	static const char name_required[] = "name or generateName is required"; /* ValidateObjectMeta */
	if (scenario_schema_check(c, root, "Pod"))
		return -1;
	pod_spec *p = SCENARIO_YAML_APPEND(c->sc->pods, c->sc->n_pods);
	p->loc = scenario_yaml_loc(c, root);
	p->termination_grace_seconds = 30;
	p->active_deadline_seconds = -1;
	yaml_node_t *meta = NULL, *spec = NULL;
	int r = scenario_yaml_get_map(c, root, "metadata", &meta);
	if (r <= 0)
		return r == 0 ? scenario_field_required(c, root, "metadata.name", name_required) : -1;
	size_t saved = scenario_yaml_push_key(c, "metadata");
	if (need_text(c, meta, "name", name_required, &p->name) ||
	    scenario_names_check(c, meta, "name", SCENARIO_NAME_SUBDOMAIN) ||
	    scenario_names_check_podsim_len(c, meta, "name") ||
	    scenario_yaml_get_word(c, meta, "namespace", &p->namespace) < 0 ||
	    scenario_names_check(c, meta, "namespace", SCENARIO_NAME_LABEL) ||
	    scenario_yaml_get_kvs(c, meta, "labels", &p->labels, &p->n_labels) < 0)
		return -1;
	scenario_yaml_pop(c, saved);
	p->namespace = p->namespace ? p->namespace : xstrdup("default");
	r = scenario_yaml_get_map(c, root, "spec", &spec);
	if (r <= 0)
		return r == 0 ? scenario_field_required(c, root, "spec.containers", NULL) : -1;
	if (scenario_manifest_pod(c, meta, spec, p))
		return -1;
	saved = scenario_yaml_push_key(c, "spec");
	if (parse_pod_spec(c, spec, p))
		return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}
