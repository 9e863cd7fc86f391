/* scenario_podsim.c - podsim's own documents: the Simulation and the ImageCatalogue.
 *
 * These podsim/v1 kinds describe what the simulated world does rather than
 * what a user asks Kubernetes for: kubelet version, feature gates and
 * latencies, how container processes behave (run time, exit code, answer to
 * SIGTERM, endpoints a probe can reach) and actions at fixed times.  They are
 * read with the kit of scenario_yaml.h (shared with scenario.c, which reads
 * Pods; only scenario*.c include that header and <yaml.h>).  Unlike Pods,
 * these documents reject unknown keys: an unknown key in a Pod may be a real
 * field podsim does not model, here it can only be a typo that would
 * silently change a run.  Defaults are already in scenario.settings
 * (scenario_init) when a Simulation document is read, so every reader only
 * overwrites what the document sets; a kubelet.images entry without pullTime
 * takes the "*" entry's.  The feature-gate rules follow the kubelet: a gate
 * unknown to the configured version is an error, as a real kubelet refuses
 * to start.
 * Rejected: one reader for overrides and catalogue entries with a flag (they
 * differ only in their keys, so they share parse_behavior instead), and
 * checking action targets here (the pods may come in a later file;
 * scenario_finish checks them).
 */
#include "scenario_yaml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- value types of podsim documents ------------------------------------ */

static int get_bool(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, bool *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (!v)
		return 0;
	if (!scenario_yaml_scalar_bool(v, out))
		return scenario_yaml_want(c, v, key, "true or false");
	return 1;
}

static int get_duration(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			simtime_t *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	simtime_t d;
	if (!v)
		return 0;
	int r = v->type == YAML_SCALAR_NODE ? duration_parse(scenario_yaml_text(v), &d) : -1;
	if (r == DURATION_TOO_LONG)
		return scenario_yaml_want(c, v, key, "at most " SIM_TIME_LIMIT_TEXT ", podsim's limit");
	if (r < 0)
		return scenario_yaml_want(c, v, key, "a duration such as \"30s\" or \"1m30s\"");
	*out = d;
	return 1;
}

static int get_dist(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, dist_spec *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	char why[160], buf[96];
	if (!v)
		return 0;
	if (v->type != YAML_SCALAR_NODE)
		return scenario_yaml_want(c, v, key, "a distribution such as \"uniform(1s,3s)\"");
	if (dist_parse(scenario_yaml_text(v), out, why, sizeof(why)) != 0)
		return scenario_yaml_fail_key(c, v, key, "bad distribution %s: %s",
					      scenario_yaml_got(v, buf, sizeof(buf)), why);
	return 1;
}

/* podsim's own documents: every key must be one of allowed (NULL-terminated). */
static int check_keys(scenario_yaml_ctx *c, const yaml_node_t *map, const char *const allowed[])
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const char *k = scenario_yaml_text(scenario_yaml_node(c, p->key));
		int i = 0;
		while (allowed[i] && strcmp(allowed[i], k) != 0)
			i++;
		if (allowed[i])
			continue;
		char known[400] = "";
		for (i = 0; allowed[i]; i++)
			snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s",
				 i ? ", " : "", allowed[i]);
		return scenario_yaml_fail_key(c, scenario_yaml_node(c, p->key), k,
					      "unknown field (known: %s)", known);
	}
	return 0;
}

/* ---- behaviours (Simulation overrides and ImageCatalogue entries) ------- */

static int parse_sigterm(scenario_yaml_ctx *c, const yaml_node_t *n, behavior_spec *b)
{
	static const char *const keys[] = {"exitCode", "delay", NULL};
	yaml_node_t *v = scenario_yaml_lookup(c, n, "sigterm");
	if (!v)
		return 0;
	b->has_sigterm = true;
	b->sigterm_delay = (dist_spec){.kind = DIST_CONST};
	if (v->type == YAML_SCALAR_NODE && strcmp(scenario_yaml_text(v), "ignore") == 0) {
		b->sigterm_exit = -1;
		return 0;
	}
	if (v->type != YAML_MAPPING_NODE)
		return scenario_yaml_want(c, v, "sigterm",
					  "\"ignore\" or a mapping with exitCode and delay");
	size_t saved = scenario_yaml_push_key(c, "sigterm");
	if (check_keys(c, v, keys) ||
	    scenario_yaml_get_i32(c, v, "exitCode", 0, 255, &b->sigterm_exit) < 0 ||
	    get_dist(c, v, "delay", &b->sigterm_delay) < 0)
		return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}

/* Exactly one of http (path, "*" or true), tcp: true, grpc: true. */
static int parse_protocol(scenario_yaml_ctx *c, const yaml_node_t *n, endpoint_spec *e)
{
	static const char *const keys[] = {"tcp", "grpc"};
	static const endpoint_proto protos[] = {ENDPOINT_TCP, ENDPOINT_GRPC};
	yaml_node_t *v = scenario_yaml_lookup(c, n, "http");
	bool on = false;
	if (v && !scenario_yaml_scalar_bool(v, &on)) {
		if (v->type != YAML_SCALAR_NODE ||
		    (scenario_yaml_text(v)[0] != '/' && strcmp(scenario_yaml_text(v), "*") != 0))
			return scenario_yaml_want(c, v, "http",
						  "a path starting with \"/\", \"*\" or true");
		on = true;
		e->path = scenario_yaml_text(v)[0] == '/' ? xstrdup(scenario_yaml_text(v)) : NULL;
	}
	int count = on;
	e->proto = ENDPOINT_HTTP;
	for (int i = 0; i < 2; i++) {
		bool b = false;
		if (get_bool(c, n, keys[i], &b) < 0)
			return -1;
		e->proto = b ? protos[i] : e->proto;
		count += b;
	}
	if (count != 1)
		return scenario_yaml_fail(c, n, "must set exactly one of http, tcp or grpc");
	return 0;
}

/* A step or listenAfter time: a duration or a distribution drawn per instance. */
static bool dist_is_const(const dist_spec *d)
{
	return d->kind == DIST_NONE || d->kind == DIST_CONST;
}

static int parse_step(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const keys[] = {"after", "status", "body", "location", NULL};
	endpoint_spec *e = arg;
	response_step *s = SCENARIO_YAML_APPEND(e->steps, e->n_steps);
	bool http = e->proto == ENDPOINT_HTTP;
	if (check_keys(c, n, keys) || get_dist(c, n, "after", &s->after) < 0)
		return -1;
	int r = scenario_yaml_get_i32(c, n, "status", http ? 100 : 0,
				      http ? 599 : SCENARIO_YAML_BIG, &s->status);
	if (r <= 0)
		return r == 0 ? scenario_yaml_missing(c, n, "status") : -1;
	if (scenario_yaml_get_str(c, n, "body", &s->body) < 0 ||
	    scenario_yaml_get_str(c, n, "location", &s->location) < 0)
		return -1;
	if (s->location && (!http || s->status < 300 || s->status > 399))
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "location"), "location",
					      "only applies to an HTTP redirect (status 300-399)");
	/* drawn times cannot be checked here: behavior.c keeps them in order */
	if (e->n_steps > 1 && dist_is_const(&s->after) && dist_is_const(&s[-1].after) &&
	    s->after.a <= s[-1].after.a) {
		yaml_node_t *after = scenario_yaml_lookup(c, n, "after");
		return scenario_yaml_fail_key(
			c, after ? after : n, "after",
			"responses must be sorted by after, each later than the one before");
	}
	return 0;
}

static int parse_endpoint(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const keys[] = {"port",   "http",    "tcp",         "grpc", "responses",
					   "repeat", "latency", "listenAfter", NULL};
	behavior_spec *b = arg;
	endpoint_spec *e = SCENARIO_YAML_APPEND(b->endpoints, b->n_endpoints);
	if (check_keys(c, n, keys))
		return -1;
	int r = scenario_yaml_get_i32(c, n, "port", 1, 65535, &e->port);
	if (r <= 0)
		return r == 0 ? scenario_yaml_missing(c, n, "port") : -1;
	if (parse_protocol(c, n, e) ||
	    scenario_yaml_each_map(c, n, "responses", parse_step, e) < 0 ||
	    get_duration(c, n, "repeat", &e->repeat) < 0 ||
	    get_dist(c, n, "latency", &e->latency) < 0 ||
	    get_dist(c, n, "listenAfter", &e->listen_after) < 0)
		return -1;
	if (e->repeat > 0 && e->n_steps > 0 && !dist_is_const(&e->steps[e->n_steps - 1].after))
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "repeat"), "repeat",
					      "needs responses at fixed times, not distributions");
	if (e->repeat > 0 && e->n_steps > 0 && e->steps[e->n_steps - 1].after.a >= e->repeat)
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "repeat"), "repeat",
					      "must be longer than the last response's after");
	return 0;
}

/* rate: "N/DURATION" (N events per DURATION), stored as the mean interval. */
static int get_rate(scenario_yaml_ctx *c, const yaml_node_t *map, simtime_t *every)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, "rate");
	if (!v)
		return scenario_yaml_missing(c, map, "rate");
	const char *t = v->type == YAML_SCALAR_NODE ? scenario_yaml_text(v) : "";
	const char *slash = strchr(t, '/');
	char *end = NULL;
	simtime_t per = 0;
	errno = 0;
	double n = slash ? strtod(t, &end) : 0;
	bool ok = slash && end == slash && errno == 0 && n > 0 && n <= 1e9 &&
		  duration_parse(slash + 1, &per) == 0 && per > 0;
	double mean = ok ? (double)per / n : 0;
	if (!ok || mean < 1 || mean > (double)SIM_TIME_LIMIT)
		return scenario_yaml_want(c, v, "rate",
					  "a rate such as \"1/24h\" (events per duration, a mean "
					  "interval from 1ns to " SIM_TIME_LIMIT_TEXT ")");
	*every = (simtime_t)mean;
	return 0;
}

/* A key that kind does not use is an error, not a silent no-op. */
static int reject_key(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
		      const char *kind)
{
	yaml_node_t *v = scenario_yaml_lookup(c, n, key);
	return v ? scenario_yaml_fail_key(c, v, key, "does not apply to %s", kind) : 0;
}

static int parse_fault(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const keys[] = {"kind",    "rate",     "duration", "recover",
					   "exitCode", "extraLatency", NULL};
	static const char *const kinds[] = {"hang", "crash", "slow"};
	static const char *const what[] = {"a hang fault", "a crash fault", "a slow fault"};
	behavior_spec *b = arg;
	yaml_node_t *k = scenario_yaml_lookup(c, n, "kind");
	if (check_keys(c, n, keys))
		return -1;
	if (b->n_faults == BEHAVIOR_MAX_FAULTS)
		return scenario_yaml_fail(c, n, "at most %d faults per behaviour",
					  BEHAVIOR_MAX_FAULTS);
	fault_spec *f = &b->faults[b->n_faults++];
	*f = (fault_spec){.recover = true, .exit_code = 1, .loc = scenario_yaml_loc(c, n)};
	if (!k)
		return scenario_yaml_missing(c, n, "kind");
	int i = 0;
	while (i < 3 && (k->type != YAML_SCALAR_NODE || strcmp(scenario_yaml_text(k), kinds[i])))
		i++;
	if (i == 3)
		return scenario_yaml_want(c, k, "kind", "hang, crash or slow");
	f->kind = (fault_kind)i;
	int rd = get_rate(c, n, &f->every) < 0 ? -1 : get_dist(c, n, "duration", &f->duration);
	if (rd < 0 || get_bool(c, n, "recover", &f->recover) < 0 ||
	    scenario_yaml_get_i32(c, n, "exitCode", 0, 255, &f->exit_code) < 0 ||
	    get_dist(c, n, "extraLatency", &f->extra) < 0)
		return -1;
	if ((f->kind != FAULT_HANG && reject_key(c, n, "recover", what[i])) ||
	    (f->kind != FAULT_CRASH && reject_key(c, n, "exitCode", what[i])) ||
	    (f->kind != FAULT_SLOW && reject_key(c, n, "extraLatency", what[i])))
		return -1;
	if (f->kind == FAULT_CRASH || (f->kind == FAULT_HANG && !f->recover))
		return reject_key(c, n, "duration",
				  f->kind == FAULT_CRASH ? what[i] : "a hang with recover: false");
	if (rd == 0)
		return scenario_yaml_missing(c, n, "duration");
	if (f->kind == FAULT_SLOW && f->extra.kind == DIST_NONE)
		return scenario_yaml_missing(c, n, "extraLatency");
	return 0;
}

/* The fields shared by overrides and catalogue entries. */
static int parse_behavior(scenario_yaml_ctx *c, const yaml_node_t *n, behavior_spec *b)
{
	int r1 = get_dist(c, n, "runTime", &b->run_time);
	int r2 = r1 < 0 ? -1 : scenario_yaml_get_i32(c, n, "exitCode", 0, 255, &b->exit_code);
	if (r2 < 0 || get_bool(c, n, "oomKilled", &b->oom_killed) < 0 || parse_sigterm(c, n, b))
		return -1;
	int r3 = scenario_yaml_each_map(c, n, "endpoints", parse_endpoint, b);
	int r4 = r3 < 0 ? -1 : get_dist(c, n, "startup", &b->startup);
	int r5 = r4 < 0 ? -1 : scenario_yaml_each_map(c, n, "faults", parse_fault, b);
	b->has_run_time = r1 > 0;
	b->has_exit_code = r2 > 0;
	b->has_endpoints = r3 > 0;
	b->has_startup = r4 > 0;
	b->has_faults = r5 > 0;
	return r5 < 0 ? -1 : 0;
}

/* ---- Simulation --------------------------------------------------------- */

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's method). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* RFC 3339 in whole seconds: 2024-04-18T07:31:23Z or ...+08:00. */
static int rfc3339_parse(const char *s, int64_t *out)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	if (strlen(s) < 20 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) ||
	    s[7] != '-' || !digits(s + 8, 2, &d) || s[10] != 'T' || !digits(s + 11, 2, &h) ||
	    s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' || !digits(s + 17, 2, &sec))
		return -1;
	const char *z = s + 19;
	if ((z[0] == '+' || z[0] == '-') && strlen(z) == 6 && digits(z + 1, 2, &oh) &&
	    z[3] == ':' && digits(z + 4, 2, &om))
		sign = z[0] == '+' ? 1 : -1;
	else if (strcmp(z, "Z") != 0)
		return -1;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap) ||
	    h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59)
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	       sign * (oh * 3600 + om * 60);
	return 0;
}

static int parse_sim_scalars(scenario_yaml_ctx *c, const yaml_node_t *root, sim_settings *s)
{
	yaml_node_t *v = scenario_yaml_lookup(c, root, "seed");
	if (v) {
		if (!scenario_yaml_is_plain(v) || !scenario_yaml_all_digits(scenario_yaml_text(v)))
			return scenario_yaml_want(c, v, "seed", "an unsigned 64-bit integer");
		errno = 0;
		unsigned long long x = strtoull(scenario_yaml_text(v), NULL, 10);
		if (errno == ERANGE)
			return scenario_yaml_want(c, v, "seed", "an unsigned 64-bit integer");
		s->has_seed = true;
		s->seed = (uint64_t)x;
	}
	simtime_t d;
	int r = get_duration(c, root, "duration", &d);
	if (r < 0)
		return -1;
	if (r > 0 && d <= 0)
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, root, "duration"), "duration",
					      "must be positive");
	s->duration = r > 0 ? d : s->duration;
	v = scenario_yaml_lookup(c, root, "startTime");
	int64_t t;
	if (!v)
		return 0;
	if (v->type != YAML_SCALAR_NODE || rfc3339_parse(scenario_yaml_text(v), &t))
		return scenario_yaml_want(
			c, v, "startTime",
			"an RFC 3339 time in whole seconds such as \"2025-01-01T00:00:00Z\"");
	if (t < SIM_START_MIN_UNIX || t > SIM_START_MAX_UNIX)
		return scenario_yaml_want(c, v, "startTime",
					  "from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z");
	s->start_time_unix = t;
	return 0;
}

static int parse_version(scenario_yaml_ctx *c, const yaml_node_t *n, kubelet_settings *k)
{
	yaml_node_t *v = scenario_yaml_lookup(c, n, "version");
	int minor;
	if (!v)
		return 0;
	const char *t = v->type == YAML_SCALAR_NODE ? scenario_yaml_text(v) : "";
	t += *t == 'v';
	if (strncmp(t, "1.", 2) != 0 || strlen(t) != 4 || !digits(t + 2, 2, &minor) || minor < 29 ||
	    minor > 35)
		return scenario_yaml_want(c, v, "version",
					  "a kubelet version from \"1.29\" to \"1.35\"");
	k->version_minor = minor;
	return 0;
}

/* The two gates podsim models, checked against the kubelet version: a kubelet
 * refuses to start with a gate it does not know.  KubeletCrashLoopBackOffMax
 * has no field of its own: it only decides whether maxContainerRestartPeriod
 * may be set, so *max_gate receives it (default: on from 1.35). */
static int parse_gates(scenario_yaml_ctx *c, const yaml_node_t *n, kubelet_settings *k,
		       bool *max_gate)
{
	static const struct { const char *name; int since; } gates[] = {
		{"ReduceDefaultCrashLoopBackOffDecay", 33}, {"KubeletCrashLoopBackOffMax", 32}};
	yaml_node_t *m = NULL;
	*max_gate = k->version_minor >= 35;
	int r = scenario_yaml_get_map(c, n, "featureGates", &m);
	if (r <= 0)
		return r;
	size_t saved = scenario_yaml_push_key(c, "featureGates");
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *key = scenario_yaml_node(c, p->key);
		yaml_node_t *val = scenario_yaml_node(c, p->value);
		const char *name = scenario_yaml_text(key);
		int g = -1;
		for (int i = 0; i < 2; i++)
			g = strcmp(name, gates[i].name) == 0 ? i : g;
		bool on;
		if (g < 0)
			return scenario_yaml_fail_key(
				c, key, name, "unknown feature gate (podsim knows %s and %s)",
				gates[0].name, gates[1].name);
		if (!scenario_yaml_scalar_bool(val, &on))
			return scenario_yaml_want(c, val, name, "true or false");
		if (k->version_minor < gates[g].since)
			return scenario_yaml_fail_key(
				c, key, name, "not a feature gate of kubelet 1.%d (added in 1.%d)",
				k->version_minor, gates[g].since);
		if (g == 0)
			k->reduce_crashloop_decay = on;
		else
			*max_gate = on;
	}
	scenario_yaml_pop(c, saved);
	return 0;
}

static int parse_max_restart(scenario_yaml_ctx *c, const yaml_node_t *n, kubelet_settings *k,
			     bool max_gate)
{
	static const char key[] = "maxContainerRestartPeriod";
	simtime_t d;
	int r = get_duration(c, n, key, &d);
	if (r <= 0)
		return r;
	if (d < SEC(1) || d > SEC(300))
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, key), key,
					      "must be from 1s to 300s");
	if (!max_gate)
		return scenario_yaml_fail_key(
			c, scenario_yaml_lookup(c, n, key), key,
			"needs feature gate KubeletCrashLoopBackOffMax (on by default from 1.35)");
	k->max_container_restart_period = d;
	return 0;
}

typedef struct image_list {
	kubelet_settings *k;
	bool star_seen;
} image_list;

/* One kubelet.images entry.  "*" updates the default entry (index 0, made by
 * scenario_init); any other image gets an entry of its own. */
static int parse_image(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const keys[] = {"image", "pullTime", "unpullable", "present", "size", NULL};
	image_list *l = arg;
	kubelet_settings *k = l->k;
	yaml_node_t *v = scenario_yaml_lookup(c, n, "image");
	if (check_keys(c, n, keys))
		return -1;
	if (!v || v->type != YAML_SCALAR_NODE || !*scenario_yaml_text(v))
		return v ? scenario_yaml_want(c, v, "image", "an image name or \"*\"")
			 : scenario_yaml_missing(c, n, "image");
	image_timing *t = NULL;
	for (int i = 0; i < k->n_images && !t; i++)
		t = strcmp(k->images[i].image, scenario_yaml_text(v)) == 0 ? &k->images[i] : NULL;
	if (t && (t != &k->images[0] || l->star_seen))
		return scenario_yaml_fail_key(c, v, "image", "duplicate entry for image \"%s\"",
					      scenario_yaml_text(v));
	l->star_seen = l->star_seen || t;
	if (!t) {
		t = SCENARIO_YAML_APPEND(k->images, k->n_images);
		t->image = xstrdup(scenario_yaml_text(v));
	}
	t->loc = scenario_yaml_loc(c, n);
	if (get_dist(c, n, "pullTime", &t->pull) < 0 ||
	    get_bool(c, n, "unpullable", &t->unpullable) < 0 ||
	    get_bool(c, n, "present", &t->present) < 0 ||
	    scenario_yaml_get_int(c, n, "size", 0, INT64_MAX, &t->size_bytes) < 0)
		return -1;
	return 0;
}

static int parse_images(scenario_yaml_ctx *c, const yaml_node_t *n, kubelet_settings *k)
{
	image_list l = {k, false};
	assert(k->n_images >= 1 && strcmp(k->images[0].image, "*") == 0);
	if (scenario_yaml_each_map(c, n, "images", parse_image, &l) < 0)
		return -1;
	/* entries without pullTime take the default entry's */
	for (int i = 1; i < k->n_images; i++)
		if (k->images[i].pull.kind == DIST_NONE)
			k->images[i].pull = k->images[0].pull;
	return 0;
}

static int parse_timings(scenario_yaml_ctx *c, const yaml_node_t *n, kubelet_settings *k)
{
	static const char *const keys[] = {"sandboxCreate",   "containerCreate", "containerStart",
					   "scheduleLatency", "admitLatency",    "relistDuration",
					   "apiLatency",      "volumeMount",     NULL};
	dist_spec *fields[] = {&k->sandbox_create,   &k->container_create, &k->container_start,
			       &k->schedule_latency, &k->admit_latency,    &k->relist_duration,
			       &k->api_latency,      &k->volume_mount};
	yaml_node_t *m = NULL;
	int r = scenario_yaml_get_map(c, n, "timings", &m);
	if (r <= 0)
		return r;
	size_t saved = scenario_yaml_push_key(c, "timings");
	if (check_keys(c, m, keys))
		return -1;
	for (int i = 0; keys[i]; i++)
		if (get_dist(c, m, keys[i], fields[i]) < 0)
			return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}

static int parse_kubelet(scenario_yaml_ctx *c, const yaml_node_t *root, kubelet_settings *k)
{
	static const char *const keys[] = {"version",  "nodeName", "startedBefore", "featureGates",
					   "maxContainerRestartPeriod", "images", "timings", NULL};
	yaml_node_t *n = NULL;
	bool max_gate;
	int r = scenario_yaml_get_map(c, root, "kubelet", &n);
	if (r <= 0)
		return r;
	size_t saved = scenario_yaml_push_key(c, "kubelet");
	if (check_keys(c, n, keys) || parse_version(c, n, k) ||
	    scenario_yaml_get_word(c, n, "nodeName", &k->node_name) < 0 ||
	    get_duration(c, n, "startedBefore", &k->started_before) < 0 ||
	    parse_gates(c, n, k, &max_gate) || parse_max_restart(c, n, k, max_gate) ||
	    parse_images(c, n, k) || parse_timings(c, n, k))
		return -1;
	scenario_yaml_pop(c, saved);
	return 0;
}

static int parse_override(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const keys[] = {"pod",       "container", "runTime",   "exitCode",
					   "oomKilled", "sigterm",   "endpoints", "startup",
					   "faults",    NULL};
	sim_settings *s = arg;
	behavior_spec *b = SCENARIO_YAML_APPEND(s->behaviors, s->n_behaviors);
	b->loc = scenario_yaml_loc(c, n);
	b->pod = xstrdup("*");
	b->container = xstrdup("*");
	if (check_keys(c, n, keys) || scenario_yaml_get_word(c, n, "pod", &b->pod) < 0 ||
	    scenario_yaml_get_word(c, n, "container", &b->container) < 0 || parse_behavior(c, n, b))
		return -1;
	return 0;
}

/* setCondition: {pod, type, status}, a status patch by another client (a
 * readiness gate's controller); the kubelet's own condition types are
 * refused, the kubelet would overwrite them. */
static int parse_set_condition(scenario_yaml_ctx *c, const yaml_node_t *n, action_spec *a)
{
	static const char *const keys[] = {"pod", "type", "status", NULL};
	static const char *const owned[] = {"PodScheduled", "Ready", "Initialized",
					    "ContainersReady", "PodReadyToStartContainers"};
	static const char *const statuses[] = {"Unknown", "False", "True"};
	yaml_node_t *m = NULL;
	char *status = NULL;
	if (scenario_yaml_get_map(c, n, "setCondition", &m) <= 0)
		return scenario_yaml_want(c, scenario_yaml_lookup(c, n, "setCondition"),
					  "setCondition", "a mapping");
	size_t saved = scenario_yaml_push_key(c, "setCondition");
	int r = check_keys(c, m, keys) || scenario_yaml_need_word(c, m, "pod", &a->pod) ||
		scenario_yaml_need_word(c, m, "type", &a->cond_type) ||
		scenario_names_check(c, m, "type", SCENARIO_NAME_QUALIFIED) ||
		scenario_yaml_need_word(c, m, "status", &status) ? -1 : 0;
	for (size_t i = 0; r == 0 && i < sizeof(owned) / sizeof(owned[0]); i++)
		if (strcmp(a->cond_type, owned[i]) == 0)
			r = scenario_yaml_fail_key(c, scenario_yaml_lookup(c, m, "type"), "type",
						   "\"%s\" is a condition the kubelet owns",
						   a->cond_type);
	a->cond_status = -2;
	for (int i = 0; r == 0 && i < 3; i++)
		if (strcmp(status, statuses[i]) == 0)
			a->cond_status = i - 1;
	if (r == 0 && a->cond_status == -2)
		r = scenario_yaml_fail_key(c, scenario_yaml_lookup(c, m, "status"), "status",
					   "must be True, False or Unknown, got \"%s\"", status);
	free(status);
	scenario_yaml_pop(c, saved);
	return r;
}

/* restartKubelet: true - the kubelet process restarts (nodes_restart_kubelet). */
static int parse_restart(scenario_yaml_ctx *c, const yaml_node_t *n, action_spec *a)
{
	bool on = false;
	a->kind = ACTION_RESTART_KUBELET;
	if (scenario_yaml_lookup(c, n, "gracePeriodSeconds"))
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "gracePeriodSeconds"),
					      "gracePeriodSeconds", "only applies to delete");
	if (get_bool(c, n, "restartKubelet", &on) < 0)
		return -1;
	if (!on)
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "restartKubelet"),
					      "restartKubelet", "must be true");
	return 0;
}

static int parse_action(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const keys[] = {"at",	       "delete", "killSandbox", "setCondition",
					   "update", "restartKubelet", "gracePeriodSeconds", NULL};
	sim_settings *s = arg;
	action_spec *a = SCENARIO_YAML_APPEND(s->actions, s->n_actions);
	a->loc = scenario_yaml_loc(c, n);
	a->grace_period_seconds = -1;
	if (check_keys(c, n, keys))
		return -1;
	int r = get_duration(c, n, "at", &a->at);
	if (r <= 0)
		return r == 0 ? scenario_yaml_missing(c, n, "at") : -1;
	bool del = scenario_yaml_lookup(c, n, "delete") != NULL;
	bool kill = scenario_yaml_lookup(c, n, "killSandbox") != NULL;
	bool set = scenario_yaml_lookup(c, n, "setCondition") != NULL;
	bool update = scenario_yaml_lookup(c, n, "update") != NULL;
	bool restart = scenario_yaml_lookup(c, n, "restartKubelet") != NULL;
	if (del + kill + set + update + restart != 1)
		return scenario_yaml_fail(c, n,
					  "must have exactly one of delete, killSandbox, setCondition, "
					  "update or restartKubelet");
	if (restart)
		return parse_restart(c, n, a);
	if (set || update) {
		a->kind = set ? ACTION_SET_CONDITION : ACTION_UPDATE;
		if (scenario_yaml_lookup(c, n, "gracePeriodSeconds"))
			return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "gracePeriodSeconds"),
						      "gracePeriodSeconds", "only applies to delete");
		return set ? parse_set_condition(c, n, a) : scenario_update_parse(c, n, a);
	}
	a->kind = del ? ACTION_DELETE : ACTION_KILL_SANDBOX;
	if (scenario_yaml_get_word(c, n, del ? "delete" : "killSandbox", &a->pod) < 0)
		return -1;
	r = scenario_field_get_int(c, n, "gracePeriodSeconds", INT32_MIN, INT32_MAX, "",
				   &a->grace_period_seconds);
	if (a->grace_period_seconds < 0)
		a->grace_period_seconds = r > 0 ? 1 : -1; /* BeforeDelete: a negative request is 1 */
	if (r > 0 && kill)
		return scenario_yaml_fail_key(c, scenario_yaml_lookup(c, n, "gracePeriodSeconds"),
					      "gracePeriodSeconds", "only applies to delete");
	return r < 0 ? -1 : 0;
}

int scenario_parse_simulation(scenario_yaml_ctx *c, const yaml_node_t *root)
{
	static const char *const keys[] = {"apiVersion", "kind",      "metadata",  "seed",    "duration",
					   "startTime",  "kubelet",   "behaviors", "actions", NULL};
	sim_settings *s = &c->sc->settings;
	if (s->loc.file)
		return scenario_yaml_fail_key(
			c, scenario_yaml_lookup(c, root, "kind"), "kind",
			"only one Simulation document is allowed (the first is at %s:%d:%d)",
			s->loc.file, s->loc.line, s->loc.col);
	s->loc = scenario_yaml_loc(c, root);
	if (check_keys(c, root, keys) || parse_sim_scalars(c, root, s) ||
	    parse_kubelet(c, root, &s->kubelet) ||
	    scenario_yaml_each_map(c, root, "behaviors", parse_override, s) < 0 ||
	    scenario_yaml_each_map(c, root, "actions", parse_action, s) < 0)
		return -1;
	return 0;
}

/* ---- ImageCatalogue ------------------------------------------------------ */

static int parse_entry(scenario_yaml_ctx *c, const yaml_node_t *n, void *arg)
{
	static const char *const keys[] = {"image",   "arg0",      "entrypoint", "cmd",
					   "description", "runTime", "exitCode", "oomKilled",
					   "sigterm", "endpoints", "startup", "faults", NULL};
	scenario *sc = arg;
	behavior_spec *b = SCENARIO_YAML_APPEND(sc->catalogue, sc->n_catalogue);
	b->loc = scenario_yaml_loc(c, n);
	if (check_keys(c, n, keys) || scenario_yaml_need_word(c, n, "image", &b->image) ||
	    scenario_yaml_get_word(c, n, "arg0", &b->arg0) < 0 ||
	    scenario_yaml_get_strings(c, n, "entrypoint", &b->entrypoint, &b->n_entrypoint) < 0 ||
	    scenario_yaml_get_strings(c, n, "cmd", &b->cmd, &b->n_cmd) < 0 ||
	    scenario_yaml_get_str(c, n, "description", &b->description) < 0 ||
	    parse_behavior(c, n, b))
		return -1;
	return 0;
}

int scenario_parse_catalogue(scenario_yaml_ctx *c, const yaml_node_t *root)
{
	static const char *const keys[] = {"apiVersion", "kind", "metadata", "images", NULL};
	if (check_keys(c, root, keys))
		return -1;
	int r = scenario_yaml_each_map(c, root, "images", parse_entry, c->sc);
	return r == 0 ? scenario_yaml_missing(c, root, "images") : r < 0 ? -1 : 0;
}
