/* scenario.c - the YAML reading kit, and v1 Pod manifests into the structs of spec.h.
 *
 * The scenario loader is three files sharing include/scenario_yaml.h; only
 * they include it, and with it <yaml.h>.  This one holds the kit and the Pod;
 * scenario_podsim.c reads podsim's own documents with the same kit, and
 * scenario_sim.c runs libyaml over a stream and hands each document to its
 * reader.  A document is loaded whole with libyaml's document API and read by
 * functions that follow the schema from the top, looking keys up by name, so
 * key order never matters and every node keeps its start mark for messages; a
 * path stack spells the field being read.  Pod defaulting mirrors the API
 * server's pkg/apis/core/v1/defaults.go (SetDefaults_Pod, _Container, _Probe,
 * _HTTPGetAction; a probe count of 0 is "unset" there, so it takes the
 * default), and the checks are the part of pkg/apis/core/validation the
 * simulator depends on.  Pod fields podsim does not model are skipped without
 * comment, since they are valid in a real cluster.  Invariant: objects are
 * appended to the scenario zeroed *before* they are filled, so a failure half
 * way leaves a partial object that scenario_release frees, and no error path
 * needs a destructor of its own.
 * Rejected: libyaml's event API (it forces either a home-made tree or an
 * order-sensitive single pass); converting YAML to cJSON and decoding JSON
 * (line and column would be lost); strict unknown-field errors in Pods (real
 * manifests carry volumes, env and the like, and would all fail).
 */
#include "scenario_yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(PULL_ALWAYS == 0 && PULL_IF_NOT_PRESENT == 1 && PULL_NEVER == 2,
	       "pull_names follows pull_policy");
_Static_assert(RESTART_ALWAYS == 0 && RESTART_ON_FAILURE == 1 && RESTART_NEVER == 2,
	       "restart_names follows restart_policy");

typedef enum { PROBE_LIVENESS, PROBE_READINESS, PROBE_STARTUP } probe_kind;

void *scenario_yaml_grow(void *arr, int n, size_t size)
{
	if ((n & (n - 1)) == 0)
		arr = xrealloc(arr, (size_t)(n ? 2 * n : 1) * size);
	memset((char *)arr + (size_t)n * size, 0, size);
	return arr;
}

/* ---- nodes, paths and messages ----------------------------------------- */

yaml_node_t *scenario_yaml_node(scenario_yaml_ctx *c, int id)
{
	yaml_node_t *n = yaml_document_get_node(c->doc, id);
	assert(n);
	return n;
}

const char *scenario_yaml_text(const yaml_node_t *n)
{
	assert(n->type == YAML_SCALAR_NODE);
	return (const char *)n->data.scalar.value;
}

bool scenario_yaml_is_plain(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

bool scenario_yaml_is_null(const yaml_node_t *n)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	for (size_t i = 0; scenario_yaml_is_plain(n) && i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(scenario_yaml_text(n), nulls[i]) == 0)
			return true;
	return false;
}

static size_t n_items(const yaml_node_t *seq)
{
	return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

static yaml_node_t *item(scenario_yaml_ctx *c, const yaml_node_t *seq, size_t i)
{
	return scenario_yaml_node(c, seq->data.sequence.items.start[i]);
}

src_loc scenario_yaml_loc(const scenario_yaml_ctx *c, const yaml_node_t *n)
{
	return (src_loc){c->file, (int)n->start_mark.line + 1, (int)n->start_mark.column + 1};
}

yaml_node_t *scenario_yaml_lookup(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key)
{
	assert(map->type == YAML_MAPPING_NODE);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = scenario_yaml_node(c, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp(scenario_yaml_text(k), key) == 0) {
			yaml_node_t *v = scenario_yaml_node(c, p->value);
			return scenario_yaml_is_null(v) ? NULL : v;
		}
	}
	return NULL;
}

__attribute__((format(printf, 2, 3))) static size_t push(scenario_yaml_ctx *c, const char *fmt, ...)
{
	size_t saved = c->plen, room = sizeof(c->path) - c->plen;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(c->path + c->plen, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		c->plen += (size_t)n < room ? (size_t)n : room - 1;
	return saved;
}

size_t scenario_yaml_push_key(scenario_yaml_ctx *c, const char *key)
{
	return c->plen ? push(c, ".%s", key) : push(c, "%s", key);
}

size_t scenario_yaml_push_index(scenario_yaml_ctx *c, size_t i)
{
	return push(c, "[%zu]", i);
}

void scenario_yaml_pop(scenario_yaml_ctx *c, size_t saved)
{
	c->plen = saved;
	c->path[saved] = '\0';
}

static int vfail(scenario_yaml_ctx *c, const yaml_node_t *n, const char *fmt, va_list ap)
{
	char msg[400];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	snprintf(c->err, c->errlen, "%s:%d:%d: %s%s%s", c->file, (int)n->start_mark.line + 1,
		 (int)n->start_mark.column + 1, c->path, c->plen ? ": " : "", msg);
	return -1;
}

int scenario_yaml_fail(scenario_yaml_ctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(c, n, fmt, ap);
	va_end(ap);
	return -1;
}

int scenario_yaml_fail_key(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
			   const char *fmt, ...)
{
	size_t saved = scenario_yaml_push_key(c, key);
	va_list ap;
	va_start(ap, fmt);
	vfail(c, n, fmt, ap);
	va_end(ap);
	scenario_yaml_pop(c, saved);
	return -1;
}

bool scenario_yaml_all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

static bool text_int(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	s += neg;
	if (!scenario_yaml_all_digits(s) || strlen(s) > 18)
		return false;
	int64_t v = 0;
	for (; *s; s++)
		v = v * 10 + (*s - '0');
	*out = neg ? -v : v;
	return true;
}

static bool text_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"true", "True", "TRUE"};
	static const char *const no[] = {"false", "False", "FALSE"};
	for (int i = 0; i < 3; i++) {
		if (strcmp(s, yes[i]) == 0 || strcmp(s, no[i]) == 0) {
			*out = strcmp(s, yes[i]) == 0;
			return true;
		}
	}
	return false;
}

const char *scenario_yaml_got(const yaml_node_t *n, char *buf, size_t len)
{
	int64_t i;
	bool b;
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (scenario_yaml_is_null(n))
		return "null";
	const char *t = scenario_yaml_text(n);
	bool quoted_value = !scenario_yaml_is_plain(n) && (text_int(t, &i) || text_bool(t, &b));
	snprintf(buf, len, "\"%.40s%s\"%s", t, strlen(t) > 40 ? "..." : "",
		 quoted_value ? " (quoted, so a string)" : "");
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = '?';
	return buf;
}

int scenario_yaml_want(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
		       const char *what)
{
	char buf[96];
	if (key)
		return scenario_yaml_fail_key(c, n, key, "must be %s, got %s", what,
					      scenario_yaml_got(n, buf, sizeof(buf)));
	return scenario_yaml_fail(c, n, "must be %s, got %s", what,
				  scenario_yaml_got(n, buf, sizeof(buf)));
}

int scenario_yaml_missing(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key)
{
	return scenario_yaml_fail_key(c, map, key, "required field is missing");
}

/* ---- scalar conversions and typed getters (1 read, 0 absent, -1 error) -- */

/* Numbers and booleans must be plain: `periodSeconds: "3"` is a string, as
 * it is to the API server's JSON decoder. */
static bool scalar_int(const yaml_node_t *n, int64_t *out)
{
	return scenario_yaml_is_plain(n) && text_int(scenario_yaml_text(n), out);
}

bool scenario_yaml_scalar_bool(const yaml_node_t *n, bool *out)
{
	return scenario_yaml_is_plain(n) && text_bool(scenario_yaml_text(n), out);
}

int scenario_yaml_get_int(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, int64_t lo,
			  int64_t hi, int64_t *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	int64_t x;
	if (!v)
		return 0;
	if (scalar_int(v, &x) && x >= lo && x <= hi) {
		*out = x;
		return 1;
	}
	char what[64];
	assert(lo == 0 || lo == 1 || lo < 0 || hi < SCENARIO_YAML_BIG); /* the only texts below */
	if (hi < SCENARIO_YAML_BIG || lo < 0)
		snprintf(what, sizeof(what), "an integer from %lld to %lld", (long long)lo,
			 (long long)hi);
	else
		snprintf(what, sizeof(what), "a %s integer", lo > 0 ? "positive" : "non-negative");
	return scenario_yaml_want(c, v, key, what);
}

int scenario_yaml_get_i32(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, int lo,
			  int hi, int *out)
{
	int64_t x;
	int r = scenario_yaml_get_int(c, map, key, lo, hi, &x);
	if (r > 0)
		*out = (int)x;
	return r;
}

int scenario_yaml_get_str(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, char **out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (!v)
		return 0;
	if (v->type != YAML_SCALAR_NODE)
		return scenario_yaml_want(c, v, key, "a string");
	free(*out);
	*out = xstrdup(scenario_yaml_text(v));
	return 1;
}

int scenario_yaml_get_word(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			   char **out)
{
	int r = scenario_yaml_get_str(c, map, key, out);
	if (r > 0 && !**out)
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, map, key), key,
					      "must not be empty");
	return r;
}

int scenario_yaml_need_word(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			    char **out)
{
	int r = scenario_yaml_get_word(c, map, key, out);
	return r == 0 ? scenario_yaml_missing(c, map, key) : r < 0 ? -1 : 0;
}

/* One of the NULL-terminated names; *out is its index. */
static int get_enum(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
		    const char *const names[], int *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (!v)
		return 0;
	for (int i = 0; v->type == YAML_SCALAR_NODE && names[i]; i++)
		if (strcmp(scenario_yaml_text(v), names[i]) == 0) {
			*out = i;
			return 1;
		}
	char what[160] = "one of ";
	for (int i = 0; names[i]; i++)
		snprintf(what + strlen(what), sizeof(what) - strlen(what), "%s%s", i ? ", " : "",
			 names[i]);
	return scenario_yaml_want(c, v, key, what);
}

static int get_node(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
		    yaml_node_type_t type, yaml_node_t **out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (!v)
		return 0;
	if (v->type != type)
		return scenario_yaml_want(c, v, key,
					  type == YAML_MAPPING_NODE ? "a mapping" : "a list");
	*out = v;
	return 1;
}

int scenario_yaml_get_map(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			  yaml_node_t **out)
{
	return get_node(c, map, key, YAML_MAPPING_NODE, out);
}

static int get_seq(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, yaml_node_t **out)
{
	return get_node(c, map, key, YAML_SEQUENCE_NODE, out);
}

/* A list of strings into a NULL-terminated array. */
static int get_strings(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, char ***out,
		       int *n)
{
	yaml_node_t *seq = NULL;
	int r = get_seq(c, map, key, &seq);
	if (r <= 0)
		return r;
	assert(!*out);
	size_t cnt = n_items(seq), saved = scenario_yaml_push_key(c, key);
	*out = xcalloc(cnt + 1, sizeof(**out));
	*n = (int)cnt;
	for (size_t i = 0; i < cnt; i++) {
		yaml_node_t *v = item(c, seq, i);
		if (v->type != YAML_SCALAR_NODE) {
			scenario_yaml_push_index(c, i);
			return scenario_yaml_want(c, v, NULL, "a string");
		}
		(*out)[i] = xstrdup(scenario_yaml_text(v));
	}
	scenario_yaml_pop(c, saved);
	return 1;
}

/* A mapping of strings, in file order. */
static int get_kvs(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, kv **out, int *n)
{
	yaml_node_t *m = NULL;
	int r = scenario_yaml_get_map(c, map, key, &m);
	if (r <= 0)
		return r;
	assert(!*out);
	size_t cnt = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
	*out = xcalloc(cnt, sizeof(**out));
	*n = (int)cnt;
	size_t saved = scenario_yaml_push_key(c, key);
	for (size_t i = 0; i < cnt; i++) {
		yaml_node_t *k = scenario_yaml_node(c, m->data.mapping.pairs.start[i].key);
		yaml_node_t *v = scenario_yaml_node(c, m->data.mapping.pairs.start[i].value);
		if (v->type != YAML_SCALAR_NODE)
			return scenario_yaml_want(c, v, scenario_yaml_text(k), "a string");
		(*out)[i].key = xstrdup(scenario_yaml_text(k));
		(*out)[i].value = xstrdup(scenario_yaml_is_null(v) ? "" : scenario_yaml_text(v));
	}
	scenario_yaml_pop(c, saved);
	return 1;
}

int scenario_yaml_each_map(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			   int (*fn)(scenario_yaml_ctx *, const yaml_node_t *, void *), void *arg)
{
	yaml_node_t *seq = NULL;
	int r = get_seq(c, map, key, &seq);
	if (r <= 0)
		return r;
	size_t saved = scenario_yaml_push_key(c, key);
	for (size_t i = 0; i < n_items(seq); i++) {
		yaml_node_t *n = item(c, seq, i);
		size_t at = scenario_yaml_push_index(c, i);
		if (n->type != YAML_MAPPING_NODE)
			return scenario_yaml_want(c, n, NULL, "a mapping");
		if (fn(c, n, arg))
			return -1;
		scenario_yaml_pop(c, at);
	}
	scenario_yaml_pop(c, saved);
	return 1;
}

/* ---- Pod ---------------------------------------------------------------- */

static const char *const pull_names[] = {"Always", "IfNotPresent", "Never", NULL};
static const char *const restart_names[] = {"Always", "OnFailure", "Never", NULL};

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

/* A port given as a number, or as the name of one of the container's ports. */
static int parse_port_ref(scenario_yaml_ctx *c, const yaml_node_t *map, const container_spec *ct,
			  bool by_name, handler_spec *h)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, "port");
	int64_t x;
	if (!v)
		return scenario_yaml_missing(c, map, "port");
	if (scalar_int(v, &x) && x >= 1 && x <= 65535) {
		h->port = (int)x;
		return 0;
	}
	if (!by_name || v->type != YAML_SCALAR_NODE || scalar_int(v, &x))
		return scenario_yaml_want(c, v, "port",
					  by_name ? "a port number from 1 to 65535 or a port name"
						  : "an integer from 1 to 65535");
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
	    get_enum(c, n, "scheme", schemes, &scheme) < 0 ||
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
		r = get_strings(c, n, "command", &h->exec_argv, &h->exec_argc);
		if (r == 0)
			return scenario_yaml_missing(c, n, "command");
		if (r > 0 && h->exec_argc == 0)
			return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "command"),
						      "command", "must not be empty");
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
 * (exec, httpGet, tcpSocket, sleep): exactly one must be given. */
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
			return scenario_yaml_fail(
				c, n, "may not specify more than one handler (%s and %s)",
				found->name, keys[i].name);
		found = &keys[i];
	}
	if (!found)
		return scenario_yaml_fail(c, n, "must specify a handler: one of %s, %s, %s or %s",
					  keys[0].name, keys[1].name, keys[2].name, keys[3].name);
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

/* timeoutSeconds, periodSeconds and the thresholds.  SetDefaults_Probe turns
 * an unset or 0 value into the default before validation runs, so 0 reads
 * as dflt; the message asks for what the field ends up holding, a positive
 * integer.  0 = ok, -1 = error. */
static int get_probe_count(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			   int dflt, int *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	int64_t x = 0;
	if (v && (!scalar_int(v, &x) || x < 0 || x > SCENARIO_YAML_BIG))
		return scenario_yaml_want(c, v, key, "a positive integer");
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
	    scenario_yaml_get_i32(c, n, "initialDelaySeconds", 0, SCENARIO_YAML_BIG,
				  &p->initial_delay_seconds) < 0 ||
	    get_probe_count(c, n, "timeoutSeconds", 1, &p->timeout_seconds) ||
	    get_probe_count(c, n, "periodSeconds", 10, &p->period_seconds) ||
	    get_probe_count(c, n, "successThreshold", 1, &p->success_threshold) ||
	    get_probe_count(c, n, "failureThreshold", 3, &p->failure_threshold))
		return -1;
	if (kind != PROBE_READINESS && p->success_threshold != 1)
		return scenario_yaml_want(c, scenario_yaml_lookup(c, n, "successThreshold"),
					  "successThreshold", "1 for liveness and startup probes");
	int r = scenario_yaml_get_int(c, n, "terminationGracePeriodSeconds", 1, SCENARIO_YAML_BIG,
				      &p->termination_grace_seconds);
	if (r > 0 && kind == PROBE_READINESS)
		return scenario_yaml_fail_key(
			c, scenario_yaml_lookup(c, n, "terminationGracePeriodSeconds"),
			"terminationGracePeriodSeconds", "must not be set for readiness probes");
	return r < 0 ? -1 : 0;
}

static const char *const no_probes_msg =
	"may not be set for init containers without restartPolicy: Always";

static int parse_probes(scenario_yaml_ctx *c, const yaml_node_t *n, container_spec *ct)
{
	static const char *const keys[] = {"livenessProbe", "readinessProbe", "startupProbe"};
	probe_spec **slots[] = {&ct->liveness, &ct->readiness, &ct->startup};
	for (int k = 0; k < 3; k++) {
		yaml_node_t *v = scenario_yaml_lookup(c, n, keys[k]);
		if (!v)
			continue;
		if (ct->is_init && !ct->restartable)
			return scenario_yaml_fail_key(c, v, keys[k], "%s", no_probes_msg);
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
		return scenario_yaml_fail_key(c, lc, "lifecycle", "%s", no_probes_msg);
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

static int parse_port(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const protocols[] = {"TCP", "UDP", "SCTP", NULL};
	container_spec *ct = arg;
	port_spec *p = SCENARIO_YAML_APPEND(ct->ports, ct->n_ports);
	int proto = 0;
	int r = scenario_yaml_get_i32(c, n, "containerPort", 1, 65535, &p->container_port);
	if (r <= 0)
		return r == 0 ? scenario_yaml_missing(c, n, "containerPort") : -1;
	if (scenario_yaml_get_word(c, n, "name", &p->name) < 0 ||
	    scenario_yaml_get_i32(c, n, "hostPort", 0, 65535, &p->host_port) < 0 ||
	    get_enum(c, n, "protocol", protocols, &proto) < 0)
		return -1;
	p->protocol = xstrdup(protocols[proto]);
	for (int i = 0; p->name && i < ct->n_ports - 1; i++)
		if (ct->ports[i].name && strcmp(ct->ports[i].name, p->name) == 0)
			return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "name"), "name",
						      "duplicate port name \"%s\"", p->name);
	return 0;
}

static int parse_resources(scenario_yaml_ctx *c, const yaml_node_t *n, container_spec *ct)
{
	yaml_node_t *res = NULL;
	int r = scenario_yaml_get_map(c, n, "resources", &res);
	if (r <= 0)
		return r;
	size_t saved = scenario_yaml_push_key(c, "resources");
	if (get_kvs(c, res, "limits", &ct->limits, &ct->n_limits) < 0 ||
	    get_kvs(c, res, "requests", &ct->requests, &ct->n_requests) < 0)
		return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}

/* Container names are unique across containers and initContainers. */
static int check_unique_name(scenario_yaml_ctx *c, const yaml_node_t *n, const pod_spec *p,
			     const container_spec *ct)
{
	const container_spec *lists[] = {p->init_containers, p->containers};
	const int counts[] = {p->n_init_containers, p->n_containers};
	for (int l = 0; l < 2; l++)
		for (int i = 0; i < counts[l]; i++) {
			const container_spec *o = &lists[l][i];
			if (o != ct && o->name && strcmp(o->name, ct->name) == 0)
				return scenario_yaml_fail_key(
					c, scenario_yaml_lookup(c, n, "name"), "name",
					"duplicate container name \"%s\"", ct->name);
		}
	return 0;
}

/* restartPolicy on a container: only "Always", only on init containers. */
static int parse_container_restart(scenario_yaml_ctx *c, const yaml_node_t *n, container_spec *ct)
{
	yaml_node_t *v = scenario_yaml_lookup(c, n, "restartPolicy");
	if (!v)
		return 0;
	if (!ct->is_init)
		return scenario_yaml_fail_key(c, v, "restartPolicy",
					      "may only be set on init containers");
	if (v->type != YAML_SCALAR_NODE || strcmp(scenario_yaml_text(v), "Always") != 0)
		return scenario_yaml_want(c, v, "restartPolicy",
					  "Always (the only value for init containers)");
	ct->restartable = true;
	return 0;
}

typedef struct container_list {
	pod_spec *pod;
	bool init;
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
	if (scenario_yaml_need_word(c, n, "name", &ct->name) ||
	    scenario_names_check(c, n, "name", SCENARIO_NAME_LABEL) ||
	    check_unique_name(c, n, p, ct) || scenario_yaml_need_word(c, n, "image", &ct->image))
		return -1;
	int policy = (int)default_pull_policy(ct->image);
	if (get_enum(c, n, "imagePullPolicy", pull_names, &policy) < 0)
		return -1;
	ct->image_pull_policy = (pull_policy)policy;
	if (get_strings(c, n, "command", &ct->command, &ct->n_command) < 0 ||
	    get_strings(c, n, "args", &ct->args, &ct->n_args) < 0 ||
	    scenario_yaml_each_map(c, n, "ports", parse_port, ct) < 0 ||
	    parse_resources(c, n, ct) || parse_container_restart(c, n, ct) ||
	    parse_probes(c, n, ct) || parse_lifecycle(c, n, ct))
		return -1;
	return 0;
}

static int parse_pod_spec(scenario_yaml_ctx *c, const yaml_node_t *spec, pod_spec *p)
{
	container_list init = {p, true}, regular = {p, false};
	if (scenario_yaml_each_map(c, spec, "initContainers", parse_container, &init) < 0)
		return -1;
	int r = scenario_yaml_each_map(c, spec, "containers", parse_container, &regular);
	if (r <= 0)
		return r == 0 ? scenario_yaml_missing(c, spec, "containers") : -1;
	if (p->n_containers == 0)
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, spec, "containers"),
					      "containers", "must list at least one container");
	int policy = RESTART_ALWAYS;
	if (get_enum(c, spec, "restartPolicy", restart_names, &policy) < 0 ||
	    scenario_yaml_get_int(c, spec, "terminationGracePeriodSeconds", -SCENARIO_YAML_BIG,
				  SCENARIO_YAML_BIG, &p->termination_grace_seconds) < 0 ||
	    scenario_yaml_get_int(c, spec, "activeDeadlineSeconds", 1, SCENARIO_YAML_BIG,
				  &p->active_deadline_seconds) < 0 ||
	    scenario_yaml_get_word(c, spec, "nodeName", &p->node_name) < 0)
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
	pod_spec *p = SCENARIO_YAML_APPEND(c->sc->pods, c->sc->n_pods);
	p->loc = scenario_yaml_loc(c, root);
	p->termination_grace_seconds = 30;
	p->active_deadline_seconds = -1;
	yaml_node_t *meta = NULL, *spec = NULL;
	int r = scenario_yaml_get_map(c, root, "metadata", &meta);
	if (r <= 0)
		return r == 0 ? scenario_yaml_missing(c, root, "metadata.name") : -1;
	size_t saved = scenario_yaml_push_key(c, "metadata");
	if (scenario_yaml_need_word(c, meta, "name", &p->name) ||
	    scenario_names_check(c, meta, "name", SCENARIO_NAME_SUBDOMAIN) ||
	    scenario_yaml_get_word(c, meta, "namespace", &p->namespace) < 0 ||
	    scenario_names_check(c, meta, "namespace", SCENARIO_NAME_LABEL) ||
	    get_kvs(c, meta, "labels", &p->labels, &p->n_labels) < 0)
		return -1;
	scenario_yaml_pop(c, saved);
	p->namespace = p->namespace ? p->namespace : xstrdup("default");
	r = scenario_yaml_get_map(c, root, "spec", &spec);
	if (r <= 0)
		return r == 0 ? scenario_yaml_missing(c, root, "spec") : -1;
	saved = scenario_yaml_push_key(c, "spec");
	if (parse_pod_spec(c, spec, p))
		return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}
