/* scenario_yaml.c - the YAML reading kit of the scenario loader: nodes, paths, messages, getters.
 *
 * Every reader of a document (scenario.c for the v1 Pod, scenario_podsim.c
 * for podsim's own documents, scenario_bundle.c and scenario_schema.c) reads
 * the libyaml tree through these functions, declared and explained in
 * include/scenario_yaml.h, so one spelling of each message serves them all.
 * A document is loaded whole with libyaml's document API and read by
 * functions that follow the schema from the top, looking keys up by name, so
 * key order never matters and every node keeps its start mark for messages;
 * a path stack spells the field being read.  Numbers and booleans must be
 * plain scalars (`periodSeconds: "3"` is a string, as for the API server's
 * JSON decoder).  Rejected: libyaml's event API (it forces either a
 * home-made tree or an order-sensitive single pass); converting YAML to
 * cJSON and decoding JSON (line and column would be lost).
 */
#include "scenario_yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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

size_t scenario_yaml_n_items(const yaml_node_t *seq)
{
	return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *scenario_yaml_item(scenario_yaml_ctx *c, const yaml_node_t *seq, size_t i)
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
	yaml_node_t *v = NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = scenario_yaml_node(c, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp(scenario_yaml_text(k), key) == 0)
			v = scenario_yaml_node(c, p->value);
	}
	return v && !scenario_yaml_is_null(v) ? v : NULL;
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

size_t scenario_yaml_push_subscript(scenario_yaml_ctx *c, const char *key)
{
	return push(c, "[%s]", key);
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
bool scenario_yaml_scalar_int(const yaml_node_t *n, int64_t *out)
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
	if (scenario_yaml_scalar_int(v, &x) && x >= lo && x <= hi) {
		*out = x;
		return 1;
	}
	char what[64];
	assert(lo == 0 || lo == 1 || hi < SCENARIO_YAML_BIG); /* the only texts below */
	if (hi < SCENARIO_YAML_BIG)
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

int scenario_yaml_get_seq(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, yaml_node_t **out)
{
	return get_node(c, map, key, YAML_SEQUENCE_NODE, out);
}

/* A list of strings into a NULL-terminated array. */
int scenario_yaml_get_strings(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, char ***out,
		       int *n)
{
	yaml_node_t *seq = NULL;
	int r = scenario_yaml_get_seq(c, map, key, &seq);
	if (r <= 0)
		return r;
	assert(!*out);
	size_t cnt = scenario_yaml_n_items(seq), saved = scenario_yaml_push_key(c, key);
	*out = xcalloc(cnt + 1, sizeof(**out));
	*n = (int)cnt;
	for (size_t i = 0; i < cnt; i++) {
		yaml_node_t *v = scenario_yaml_item(c, seq, i);
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
int scenario_yaml_get_kvs(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, kv **out, int *n)
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
	int r = scenario_yaml_get_seq(c, map, key, &seq);
	if (r <= 0)
		return r;
	size_t saved = scenario_yaml_push_key(c, key);
	for (size_t i = 0; i < scenario_yaml_n_items(seq); i++) {
		yaml_node_t *n = scenario_yaml_item(c, seq, i);
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
