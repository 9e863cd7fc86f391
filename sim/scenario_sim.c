/* scenario_sim.c - the scenario as a whole: streams, defaults, cross-document checks, release.
 *
 * scenario.c and scenario_podsim.c turn one YAML document at a time into
 * structs; this file drives them and holds whatever needs all documents at
 * once.  Like them it includes scenario_yaml.h and so <yaml.h>, which no file
 * outside sim/scenario*.c may do.  A stream is parsed with libyaml one
 * document at a time, by two parsers in step: the first reads the
 * document's events and refuses nesting deeper than MAX_DEPTH before the
 * second builds the tree, because building costs time quadratic in the
 * depth.  Each document then gets a structural pass (string keys, no
 * duplicates found by sorting the keys, the depth aliases add, which also
 * stops recursive aliases) before scenario_bundle.c hands it by apiVersion
 * and kind to its reader.  scenario_init fills in the
 * Simulation defaults, so a run without a Simulation document is complete,
 * and loads the built-in image catalogue (scenario_catalogue.c: compiled
 * from sim/catalogue.yaml at build time, read by the same reader as user
 * catalogues, so the two cannot drift apart).  scenario_finish makes the
 * checks the API server makes across objects (namespace/name is unique) and
 * those podsim adds (actions and behaviour overrides name pods and
 * containers that exist), plus warnings for input that is valid but will not
 * do what the user likely meant.  scenario_release frees every string and
 * array, including the partial objects a failed reader leaves behind, so
 * every free function here accepts NULL and zeroed fields.
 * Rejected: building the tree from the checked events ourselves (one
 * parse instead of two, but a second copy of libyaml's composer, anchors
 * included, for input that is rarely large), and checking duplicate pods
 * while loading (it would tie the result
 * to file order and split one rule over two places), and a hash table for
 * the name check (sorting is enough for thousands of pods, and it makes the
 * reported pair deterministic).
 */
#include "scenario_yaml.h"

#include "scenario_catalogue.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "infile.h"

enum { MAX_DEPTH = 64 };

/* ---- defaults ---------------------------------------------------------- */

static dist_spec uniform_ms(int64_t a, int64_t b)
{
	return (dist_spec){.kind = DIST_UNIFORM, .a = MSEC(a), .b = MSEC(b)};
}

static void settings_defaults(sim_settings *s)
{
	kubelet_settings *k = &s->kubelet;
	s->duration = SEC(600);
	s->start_time_unix = 1735689600; /* 2025-01-01T00:00:00Z */
	k->version_minor = 34;
	k->node_name = xstrdup("node-1");
	k->started_before = SEC(3600);
	/* length 1 is a power of two, as SCENARIO_YAML_APPEND requires */
	k->images = xcalloc(1, sizeof(*k->images));
	k->n_images = 1;
	k->images[0].image = xstrdup("*");
	k->images[0].pull = uniform_ms(1000, 3000);
	k->sandbox_create = uniform_ms(200, 600);
	k->container_create = uniform_ms(20, 60);
	k->container_start = uniform_ms(50, 150);
	k->schedule_latency = uniform_ms(5, 30);
	k->admit_latency = uniform_ms(20, 100);
	k->relist_duration = (dist_spec){.kind = DIST_CONST, .a = MSEC(5)};
	k->api_latency = uniform_ms(2, 10);
	k->volume_mount = uniform_ms(100, 500);
}

void scenario_init(scenario *sc)
{
	memset(sc, 0, sizeof(*sc));
	settings_defaults(&sc->settings);
	scenario_catalogue_load_builtin(sc);
}

/* ---- streams and documents --------------------------------------------- */

/* The first pair of map whose key repeats an earlier one, or SIZE_MAX. */
static size_t first_duplicate(scenario_yaml_ctx *c, const yaml_node_t *map)
{
	unsigned char *dup = scenario_schema_duplicates(c, map);
	size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start), i = 0;
	while (dup && i < n && !dup[i])
		i++;
	free(dup);
	return dup ? i : SIZE_MAX;
}

/* Structural pass: string keys, bounded depth (the event walk below has
 * bounded the written nesting; this catches the depth that aliases add) and,
 * when dups is set, no duplicate keys (a Kubernetes object's duplicates are
 * strict decoding errors, checked by scenario_schema_check as --validate
 * says).  seen[] marks nodes already checked, so an alias is walked once and
 * cannot loop. */
static int check_tree(scenario_yaml_ctx *c, yaml_node_t *n, int depth, unsigned char *seen,
		      bool dups)
{
	if (depth > MAX_DEPTH)
		return scenario_yaml_fail(c, n, "nested more than %d levels deep", MAX_DEPTH);
	if (seen[n - c->doc->nodes.start])
		return 0;
	seen[n - c->doc->nodes.start] = 1;
	size_t saved = c->plen;
	yaml_node_item_t *items =
		n->type == YAML_SEQUENCE_NODE ? n->data.sequence.items.start : NULL;
	size_t count = items ? (size_t)(n->data.sequence.items.top - items) : 0;
	for (size_t i = 0; i < count; i++) {
		scenario_yaml_push_index(c, i);
		if (check_tree(c, scenario_yaml_node(c, items[i]), depth + 1, seen, dups))
			return -1;
		scenario_yaml_pop(c, saved);
	}
	if (n->type != YAML_MAPPING_NODE)
		return 0;
	size_t dup = dups ? first_duplicate(c, n) : SIZE_MAX;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = scenario_yaml_node(c, p->key);
		if (k->type != YAML_SCALAR_NODE)
			return scenario_yaml_fail(c, k, "mapping keys must be strings");
		const char *key = scenario_yaml_text(k);
		if ((size_t)(p - n->data.mapping.pairs.start) == dup)
			return scenario_yaml_fail_key(c, k, key, "duplicate key");
		scenario_yaml_push_key(c, key);
		if (check_tree(c, scenario_yaml_node(c, p->value), depth + 1, seen, dups))
			return -1;
		scenario_yaml_pop(c, saved);
	}
	return 0;
}

/* podsim's own documents refuse duplicate keys whatever --validate says. */
static bool is_podsim_document(scenario_yaml_ctx *c, const yaml_node_t *root)
{
	yaml_node_t *api = scenario_yaml_lookup(c, root, "apiVersion");
	return api && api->type == YAML_SCALAR_NODE &&
	       strncmp(scenario_yaml_text(api), "podsim/", 7) == 0;
}

static int load_document(scenario_yaml_ctx *c)
{
	yaml_node_t *root = yaml_document_get_root_node(c->doc);
	scenario_yaml_pop(c, 0);
	if (scenario_yaml_is_null(root))
		return 0; /* an empty document */
	if (root->type != YAML_MAPPING_NODE)
		return scenario_yaml_want(c, root, NULL, "a mapping (a Kubernetes object)");
	size_t n_nodes = (size_t)(c->doc->nodes.top - c->doc->nodes.start);
	unsigned char *seen = xcalloc(n_nodes, 1);
	int rc = check_tree(c, root, 0, seen, is_podsim_document(c, root));
	if (rc == 0) {
		memset(seen, 0, n_nodes);
		c->walked = seen;
		rc = scenario_bundle_dispatch(c, root);
		c->walked = NULL;
	}
	free(seen);
	return rc;
}

/* libyaml's reader reports a byte offset (bad UTF-8, control characters):
 * turn it into the line and column every other message names. */
static void offset_line_col(const scenario_yaml_ctx *c, size_t off, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < c->text_len; i++) {
		if (c->text[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

static int yaml_failure(scenario_yaml_ctx *c, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "malformed YAML";
	if (p->error == YAML_MEMORY_ERROR) {
		fputs("podsim: out of memory in libyaml\n", stderr);
		abort();
	}
	if (p->error == YAML_READER_ERROR) {
		size_t line, col;
		offset_line_col(c, p->problem_offset, &line, &col);
		snprintf(c->err, c->errlen, "%s:%zu:%zu: %s", c->file, line, col, problem);
		return -1;
	}
	int n = snprintf(c->err, c->errlen, "%s:%zu:%zu: %s", c->file, p->problem_mark.line + 1,
			 p->problem_mark.column + 1, problem);
	if (p->context && n > 0 && (size_t)n < c->errlen)
		snprintf(c->err + n, c->errlen - (size_t)n, " (%s at %zu:%zu)", p->context,
			 p->context_mark.line + 1, p->context_mark.column + 1);
	return -1;
}

/* ---- the nesting limit, checked on events before a document is built ---- */

/* An open collection of the event walk.  The path is pushed when a child
 * starts and popped when it ends, as check_tree does, so both spell the
 * field the same way. */
typedef struct depth_frame {
	bool map;
	size_t children;   /* started so far; in a mapping, even = a key */
	size_t child_path; /* path length to pop back to when the open child ends */
	char key[256];     /* mapping: the last scalar key (as long as the path) */
} depth_frame;

typedef struct depth_walk {
	depth_frame open[MAX_DEPTH + 1];
	int n_open;
} depth_walk;

/* A node starts: push its path element, and refuse it past MAX_DEPTH. */
static int node_start(scenario_yaml_ctx *c, depth_walk *w, const yaml_event_t *ev)
{
	depth_frame *f = w->n_open ? &w->open[w->n_open - 1] : NULL;
	size_t saved = c->plen;
	if (f && !f->map)
		scenario_yaml_push_index(c, f->children);
	else if (f && f->children % 2 == 1)
		scenario_yaml_push_key(c, f->key);
	else if (f)
		snprintf(f->key, sizeof(f->key), "%s",
			 ev->type == YAML_SCALAR_EVENT ? (const char *)ev->data.scalar.value : "");
	if (f) {
		f->children++;
		f->child_path = saved;
	}
	if (w->n_open > MAX_DEPTH) {
		/* the message kit takes a node for its position */
		yaml_node_t at = {.start_mark = ev->start_mark};
		return scenario_yaml_fail(c, &at, "nested more than %d levels deep", MAX_DEPTH);
	}
	return 0;
}

/* A node ends (a scalar or alias at once, a collection at its end event). */
static void node_end(scenario_yaml_ctx *c, depth_walk *w)
{
	if (w->n_open)
		scenario_yaml_pop(c, w->open[w->n_open - 1].child_path);
}

static int on_event(scenario_yaml_ctx *c, depth_walk *w, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
	case YAML_ALIAS_EVENT:
		if (node_start(c, w, ev))
			return -1;
		node_end(c, w);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (node_start(c, w, ev))
			return -1;
		w->open[w->n_open++] = (depth_frame){.map = ev->type == YAML_MAPPING_START_EVENT};
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		assert(w->n_open > 0);
		w->n_open--;
		node_end(c, w);
		return 0;
	default:
		return 0;
	}
}

/* Read the next document's events, refusing nesting deeper than MAX_DEPTH
 * before libyaml's loader sees it: building a document costs time
 * quadratic in its depth (20,000 nested '[' took 1.6 s, 100,000 over 20 s),
 * and the walk stops at the first node too deep.  Returns 1 after a
 * document, 0 at the end of the stream, -1 after writing the error. */
static int check_depth(scenario_yaml_ctx *c, yaml_parser_t *p)
{
	depth_walk *w = xcalloc(1, sizeof(*w));
	int rc = 2;
	scenario_yaml_pop(c, 0);
	while (rc == 2) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev)) {
			rc = yaml_failure(c, p);
			break;
		}
		if (on_event(c, w, &ev))
			rc = -1;
		else if (ev.type == YAML_DOCUMENT_END_EVENT || ev.type == YAML_STREAM_END_EVENT)
			rc = ev.type == YAML_DOCUMENT_END_EVENT;
		yaml_event_delete(&ev);
	}
	free(w);
	return rc;
}

static void parser_init(yaml_parser_t *p, const char *buf, size_t len)
{
	if (!yaml_parser_initialize(p)) {
		fputs("podsim: out of memory in libyaml\n", stderr);
		abort();
	}
	yaml_parser_set_input_string(p, (const unsigned char *)(buf ? buf : ""), len);
}

/* Two parsers read the same text in step, one document at a time: the
 * first walks events to check the depth, then the second builds the
 * document.  Errors so come in file order, as with one parser. */
int scenario_load_buffer(scenario *sc, const char *name, const char *buf, size_t len, char *err,
			 size_t errlen)
{
	assert(sc && name && (buf || len == 0) && err && errlen > 0);
	scenario_yaml_ctx c = {.sc = sc, .err = err, .errlen = errlen, .text = buf, .text_len = len};
	char **file = SCENARIO_YAML_APPEND(sc->files, sc->n_files);
	*file = xstrdup(name);
	c.file = *file;
	err[0] = '\0';
	yaml_parser_t parser, events;
	parser_init(&parser, buf, len);
	parser_init(&events, buf, len);
	int rc = 0;
	while (rc == 0) {
		yaml_document_t doc;
		if (check_depth(&c, &events) < 0) {
			rc = -1;
			break;
		}
		if (!yaml_parser_load(&parser, &doc)) {
			rc = yaml_failure(&c, &parser);
			break;
		}
		bool end = yaml_document_get_root_node(&doc) == NULL;
		c.doc = &doc;
		rc = end ? 0 : load_document(&c);
		yaml_document_delete(&doc);
		if (end)
			break;
	}
	yaml_parser_delete(&events);
	yaml_parser_delete(&parser);
	return rc;
}

int scenario_load_file(scenario *sc, const char *path, char *err, size_t errlen)
{
	assert(path && err && errlen > 0);
	char *buf;
	size_t len;
	if (infile_read(path, INFILE_MAX_BYTES, &buf, &len, err, errlen) < 0)
		return -1;
	int rc = scenario_load_buffer(sc, path, buf, len, err, errlen);
	free(buf);
	return rc;
}

/* ---- cross-document checks --------------------------------------------- */

__attribute__((format(printf, 5, 6))) static int fail_at(char *err, size_t errlen, src_loc l,
							  const char *field, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%d:%d: %s: %s", l.file, l.line, l.col, field, msg);
	return -1;
}

/* By namespace, name, then position in the scenario. */
static int cmp_pods(const void *a, const void *b)
{
	const pod_spec *p = *(const pod_spec *const *)a, *q = *(const pod_spec *const *)b;
	int r = strcmp(p->namespace, q->namespace);
	if (r == 0)
		r = strcmp(p->name, q->name);
	return r ? r : (p > q) - (p < q);
}

/* Reports the earliest pod whose namespace/name an earlier pod already has. */
static int check_unique_pods(const scenario *sc, char *err, size_t errlen)
{
	const pod_spec **v = xmalloc((size_t)sc->n_pods * sizeof(*v));
	const pod_spec *dup = NULL, *first = NULL;
	for (int i = 0; i < sc->n_pods; i++)
		v[i] = &sc->pods[i];
	qsort(v, (size_t)sc->n_pods, sizeof(*v), cmp_pods);
	for (int i = 1; i < sc->n_pods; i++)
		if (strcmp(v[i]->namespace, v[i - 1]->namespace) == 0 &&
		    strcmp(v[i]->name, v[i - 1]->name) == 0 && (!dup || v[i] < dup)) {
			dup = v[i];
			first = v[i - 1];
		}
	free(v);
	if (!dup)
		return 0;
	return fail_at(err, errlen, dup->loc, "metadata.name",
		       "duplicate pod \"%s/%s\" (first defined at %s:%d:%d)", dup->namespace,
		       dup->name, first->loc.file, first->loc.line, first->loc.col);
}

/* Actions and overrides name pods by metadata.name, in any namespace. */
static bool pod_exists(const scenario *sc, const char *name)
{
	for (int i = 0; i < sc->n_pods; i++)
		if (strcmp(sc->pods[i].name, name) == 0)
			return true;
	return false;
}

static bool has_container(const pod_spec *p, const char *name)
{
	for (int i = 0; i < p->n_containers; i++)
		if (strcmp(p->containers[i].name, name) == 0)
			return true;
	for (int i = 0; i < p->n_init_containers; i++)
		if (strcmp(p->init_containers[i].name, name) == 0)
			return true;
	return false;
}

/* How many other condition types the setCondition actions before action i
 * give action i's pod, if action i's type is new (else 0). */
static int condition_types_before(const scenario *sc, int i)
{
	const action_spec *a = sc->settings.actions;
	int n = 0;
	for (int j = 0; j < i; j++) {
		if (a[j].kind != ACTION_SET_CONDITION || strcmp(a[j].pod, a[i].pod) != 0)
			continue;
		if (strcmp(a[j].cond_type, a[i].cond_type) == 0)
			return 0;
		bool first = true; /* count each type once */
		for (int k = 0; k < j && first; k++)
			first = a[k].kind != ACTION_SET_CONDITION || strcmp(a[k].pod, a[j].pod) != 0 ||
				strcmp(a[k].cond_type, a[j].cond_type) != 0;
		n += first;
	}
	return n;
}

static int check_actions(scenario *sc, char *err, size_t errlen)
{
	for (int i = 0; i < sc->settings.n_actions; i++) {
		const action_spec *a = &sc->settings.actions[i];
		char field[64];
		static const char *const kind[] = {"delete", "killSandbox", "setCondition.pod",
						   "update.pod", "restartKubelet"};
		snprintf(field, sizeof(field), "actions[%d].%s", i, kind[a->kind]);
		if (a->kind != ACTION_RESTART_KUBELET && !pod_exists(sc, a->pod))
			return fail_at(err, errlen, a->loc, field, "no pod named \"%s\"", a->pod);
		if (a->kind == ACTION_SET_CONDITION &&
		    condition_types_before(sc, i) >= API_MAX_EXTRA_CONDITIONS) {
			snprintf(field, sizeof(field), "actions[%d].setCondition.type", i);
			return fail_at(err, errlen, a->loc, field,
				       "more than %d condition types on pod \"%s\", podsim's limit",
				       API_MAX_EXTRA_CONDITIONS, a->pod);
		}
	}
	for (int i = 0; i < sc->settings.n_actions; i++)
		if (sc->settings.actions[i].kind == ACTION_UPDATE &&
		    scenario_update_finish(sc, i, err, errlen))
			return -1;
	return 0;
}

static int check_override(const scenario *sc, int i, char *err, size_t errlen)
{
	const behavior_spec *b = &sc->settings.behaviors[i];
	bool any_pod = strcmp(b->pod, "*") == 0;
	char field[64];
	snprintf(field, sizeof(field), "behaviors[%d].pod", i);
	if (!any_pod && !pod_exists(sc, b->pod))
		return fail_at(err, errlen, b->loc, field, "no pod named \"%s\"", b->pod);
	if (strcmp(b->container, "*") == 0)
		return 0;
	for (int j = 0; j < sc->n_pods; j++)
		if ((any_pod || strcmp(sc->pods[j].name, b->pod) == 0) &&
		    has_container(&sc->pods[j], b->container))
			return 0;
	snprintf(field, sizeof(field), "behaviors[%d].container", i);
	if (any_pod)
		return fail_at(err, errlen, b->loc, field, "no pod has a container named \"%s\"",
			       b->container);
	return fail_at(err, errlen, b->loc, field, "pod \"%s\" has no container named \"%s\"",
		       b->pod, b->container);
}

/* A pod bound to another node is never run by the one simulated kubelet. */
static void warn_foreign_nodes(scenario *sc)
{
	const char *node = sc->settings.kubelet.node_name;
	for (int i = 0; i < sc->n_pods; i++) {
		const pod_spec *p = &sc->pods[i];
		if (!p->node_name || strcmp(p->node_name, node) == 0)
			continue;
		sc->warnings =
			xrealloc(sc->warnings, (size_t)(sc->n_warnings + 1) * sizeof(char *));
		sc->warnings[sc->n_warnings++] = xasprintf(
			"%s:%d:%d: spec.nodeName: pod \"%s\" is bound to node \"%s\", but the "
			"simulated "
			"kubelet is \"%s\"; it will stay Pending",
			p->loc.file, p->loc.line, p->loc.col, p->name, p->node_name, node);
	}
}

int scenario_finish(scenario *sc, char *err, size_t errlen)
{
	assert(sc && err && errlen > 0);
	err[0] = '\0';
	if (check_unique_pods(sc, err, errlen) || check_actions(sc, err, errlen))
		return -1;
	for (int i = 0; i < sc->settings.n_behaviors; i++)
		if (check_override(sc, i, err, errlen))
			return -1;
	warn_foreign_nodes(sc);
	return 0;
}

/* ---- release ------------------------------------------------------------ */

static void free_strv(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static void free_kvs(kv *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
}

static void free_handler(handler_spec *h)
{
	free_strv(h->exec_argv, h->exec_argc);
	free(h->path);
	free(h->scheme);
	free(h->host);
	free(h->port_name);
	free_kvs(h->http_headers, h->n_http_headers);
	free(h->grpc_service);
}

static void free_probe(probe_spec *p)
{
	if (p)
		free_handler(&p->handler);
	free(p);
}

static void free_hook(handler_spec *h)
{
	if (h)
		free_handler(h);
	free(h);
}

static void free_container(container_spec *c)
{
	free(c->name);
	free(c->image);
	free_strv(c->command, c->n_command);
	free_strv(c->args, c->n_args);
	for (int i = 0; i < c->n_ports; i++) {
		free(c->ports[i].name);
		free(c->ports[i].protocol);
	}
	free(c->ports);
	free_kvs(c->limits, c->n_limits);
	free_kvs(c->requests, c->n_requests);
	free_probe(c->liveness);
	free_probe(c->readiness);
	free_probe(c->startup);
	free_hook(c->post_start);
	free_hook(c->pre_stop);
	for (int i = 0; i < c->n_env; i++) {
		env_spec *e = &c->env[i];
		free(e->name);
		free(e->value);
		free(e->from);
		free(e->ref);
		free(e->path);
		free(e->divisor);
	}
	free(c->env);
	for (int i = 0; i < c->n_volume_mounts; i++) {
		free(c->volume_mounts[i].name);
		free(c->volume_mounts[i].mount_path);
		free(c->volume_mounts[i].sub_path);
	}
	free(c->volume_mounts);
	free(c->working_dir);
	free(c->termination_message_path);
}

static void free_pod_manifest(pod_spec *p)
{
	free_kvs(p->annotations, p->n_annotations);
	free_kvs(p->node_selector, p->n_node_selector);
	for (int i = 0; i < p->n_tolerations; i++) {
		toleration_spec *t = &p->tolerations[i];
		free(t->key);
		free(t->operator);
		free(t->value);
		free(t->effect);
	}
	free(p->tolerations);
	for (int i = 0; i < p->n_volumes; i++) {
		free(p->volumes[i].name);
		free(p->volumes[i].source);
		free_kvs(p->volumes[i].params, p->volumes[i].n_params);
	}
	free(p->volumes);
	free(p->priority_class_name);
	for (int i = 0; i < p->n_readiness_gates; i++)
		free(p->readiness_gates[i]);
	free(p->readiness_gates);
}

static void free_pod(pod_spec *p)
{
	free(p->name);
	free(p->namespace);
	free_kvs(p->labels, p->n_labels);
	for (int i = 0; i < p->n_containers; i++)
		free_container(&p->containers[i]);
	free(p->containers);
	for (int i = 0; i < p->n_init_containers; i++)
		free_container(&p->init_containers[i]);
	free(p->init_containers);
	free(p->node_name);
	free_pod_manifest(p);
}

static void free_behavior(behavior_spec *b)
{
	free(b->image);
	free(b->arg0);
	free_strv(b->entrypoint, b->n_entrypoint);
	free_strv(b->cmd, b->n_cmd);
	free(b->pod);
	free(b->container);
	for (int i = 0; i < b->n_endpoints; i++) {
		endpoint_spec *e = &b->endpoints[i];
		free(e->path);
		for (int j = 0; j < e->n_steps; j++) {
			free(e->steps[j].body);
			free(e->steps[j].location);
		}
		free(e->steps);
	}
	free(b->endpoints);
	free(b->description);
}

static void free_settings(sim_settings *s)
{
	kubelet_settings *k = &s->kubelet;
	free(k->node_name);
	for (int i = 0; i < k->n_images; i++)
		free(k->images[i].image);
	free(k->images);
	for (int i = 0; i < s->n_behaviors; i++)
		free_behavior(&s->behaviors[i]);
	free(s->behaviors);
	for (int i = 0; i < s->n_actions; i++) {
		free(s->actions[i].pod);
		free(s->actions[i].cond_type);
		scenario_update_free(&s->actions[i]);
	}
	free(s->actions);
}

void scenario_release(scenario *sc)
{
	for (int i = 0; i < sc->n_pods; i++)
		free_pod(&sc->pods[i]);
	free(sc->pods);
	free_settings(&sc->settings);
	for (int i = 0; i < sc->n_catalogue; i++)
		free_behavior(&sc->catalogue[i]);
	free(sc->catalogue);
	free_strv(sc->files, sc->n_files);
	free_strv(sc->warnings, sc->n_warnings);
	memset(sc, 0, sizeof(*sc));
}
