/* check_outputs.c - end-to-end tests of what users read: the whole
 * simulator run in-process on the seed scenarios, its output checked as a
 * client would consume it.
 *
 * The JSON test is the contract of -o json: every line parses, the watch
 * envelope is {"type","time","object"}, and the objects carry the v1 Pod and
 * v1 Event field names with the JSON types client-go expects (strings for
 * resourceVersion and times, numbers for counts and probe settings,
 * "True"/"False" condition statuses).  The other tests tie the outputs to
 * each other, so that a printer cannot drift from the stream it prints:
 * --explain only adds lines, -o events prints one row per Event change of
 * the JSON stream, and describe's Restart Count is the stream's last one.
 * Scenario paths are relative to the repository root, where `make check`
 * runs the suite.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define LIVENESS "scenarios/liveness-http.yaml"
#define INIT_POD "scenarios/init-pod.yaml"

/* Runs path with the given output for duration (0: the scenario's own) and
 * returns what the run printed (heap). */
static char *simulate(const char *path, sim_output output, bool explain, simtime_t duration)
{
	sim_options o = {.output = output, .explain = explain, .duration_set = duration > 0,
			 .duration = duration, .quiet_warnings = true};
	return harness_run_file(path, &o);
}

/* Splits text into its lines (modifies text); returns the count. */
static int lines_of(char *text, char ***lines)
{
	int n = 0, cap = 0;
	*lines = NULL;
	for (char *p = text; *p;) {
		char *nl = strchr(p, '\n');
		ck_assert_msg(nl != NULL, "output does not end with a newline");
		*nl = '\0';
		XGROW(*lines, n, cap);
		(*lines)[n++] = p;
		p = nl + 1;
	}
	return n;
}

/* ---- JSON type checks -------------------------------------------------- */

/* The member key of obj, which must exist. */
static const cJSON *get(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	ck_assert_msg(v != NULL, "missing \"%s\"", key);
	return v;
}

static const char *get_string(const cJSON *obj, const char *key)
{
	const cJSON *v = get(obj, key);
	ck_assert_msg(cJSON_IsString(v), "\"%s\" is not a string", key);
	return v->valuestring;
}

static double get_number(const cJSON *obj, const char *key)
{
	const cJSON *v = get(obj, key);
	ck_assert_msg(cJSON_IsNumber(v), "\"%s\" is not a number", key);
	return v->valuedouble;
}

static const cJSON *get_object(const cJSON *obj, const char *key)
{
	const cJSON *v = get(obj, key);
	ck_assert_msg(cJSON_IsObject(v), "\"%s\" is not an object", key);
	return v;
}

static const cJSON *get_array(const cJSON *obj, const char *key)
{
	const cJSON *v = get(obj, key);
	ck_assert_msg(cJSON_IsArray(v), "\"%s\" is not an array", key);
	return v;
}

/* "2024-04-18T08:45:57Z" (digits 0), ".123Z" (3) or ".123456Z" (6). */
static void assert_rfc3339(const char *s, int digits)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t n = strlen(shape);
	ck_assert_msg(strlen(s) == n + (digits ? (size_t)digits + 1 : 0) + 1, "bad time '%s'", s);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(shape[i] == 'd' ? (s[i] >= '0' && s[i] <= '9') : s[i] == shape[i],
			      "bad time '%s'", s);
	if (digits) {
		ck_assert_msg(s[n] == '.', "bad time '%s'", s);
		for (int i = 1; i <= digits; i++)
			ck_assert_msg(s[n + i] >= '0' && s[n + i] <= '9', "bad time '%s'", s);
	}
	ck_assert_msg(s[strlen(s) - 1] == 'Z', "bad time '%s'", s);
}

static void assert_time_member(const cJSON *obj, const char *key)
{
	assert_rfc3339(get_string(obj, key), 0);
}

/* metav1.Time members that may be null (lastProbeTime, firstTimestamp). */
static void assert_time_or_null(const cJSON *obj, const char *key, int digits)
{
	const cJSON *v = get(obj, key);
	if (!cJSON_IsNull(v)) {
		ck_assert_msg(cJSON_IsString(v), "\"%s\" is neither a string nor null", key);
		assert_rfc3339(v->valuestring, digits);
	}
}

/* ---- JSON: pods -------------------------------------------------------- */

static void check_metadata(const cJSON *m, unsigned long long *last_rv)
{
	ck_assert_str_eq(get_string(m, "name"), "liveness-http");
	ck_assert_str_eq(get_string(m, "namespace"), "default");
	ck_assert_int_eq(strlen(get_string(m, "uid")), 36);
	const char *rv = get_string(m, "resourceVersion");
	ck_assert_msg(rv[0] && strspn(rv, "0123456789") == strlen(rv), "resourceVersion '%s'", rv);
	unsigned long long v = strtoull(rv, NULL, 10);
	ck_assert_msg(v > *last_rv, "resourceVersion %llu after %llu", v, *last_rv);
	*last_rv = v;
	assert_time_member(m, "creationTimestamp");
}

static void check_spec(const cJSON *spec)
{
	const cJSON *ctrs = get_array(spec, "containers");
	ck_assert_int_eq(cJSON_GetArraySize(ctrs), 1);
	const cJSON *c = cJSON_GetArrayItem(ctrs, 0);
	ck_assert_str_eq(get_string(c, "name"), "liveness");
	ck_assert_str_eq(get_string(c, "imagePullPolicy"), "Always");
	const cJSON *probe = get_object(c, "livenessProbe");
	ck_assert(get_number(probe, "periodSeconds") == 3);
	ck_assert(get_number(probe, "initialDelaySeconds") == 3);
	ck_assert(get_number(probe, "timeoutSeconds") == 1);
	ck_assert(get_number(probe, "failureThreshold") == 3);
	const cJSON *http = get_object(probe, "httpGet");
	ck_assert_str_eq(get_string(http, "path"), "/healthz");
	ck_assert(get_number(http, "port") == 8080);
	ck_assert_str_eq(get_string(spec, "restartPolicy"), "Always");
	ck_assert(get_number(spec, "terminationGracePeriodSeconds") == 30);
}

static void check_conditions(const cJSON *status)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, get_array(status, "conditions")) {
		get_string(c, "type");
		const char *s = get_string(c, "status");
		ck_assert_msg(strcmp(s, "True") == 0 || strcmp(s, "False") == 0,
			      "condition status '%s'", s);
		assert_time_or_null(c, "lastProbeTime", 0);
		assert_time_member(c, "lastTransitionTime");
	}
}

/* A ContainerState: empty, or exactly one of waiting/running/terminated. */
static void check_state(const cJSON *st, bool may_be_empty, int *saw_exit2)
{
	int kinds = 0;
	const cJSON *v;
	if ((v = cJSON_GetObjectItemCaseSensitive(st, "waiting"))) {
		kinds++;
		get_string(v, "reason");
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(st, "running"))) {
		kinds++;
		assert_time_member(v, "startedAt");
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(st, "terminated"))) {
		kinds++;
		double code = get_number(v, "exitCode");
		get_string(v, "reason");
		assert_time_member(v, "startedAt");
		assert_time_member(v, "finishedAt");
		get_string(v, "containerID");
		*saw_exit2 += code == 2 && strcmp(get_string(v, "reason"), "Error") == 0;
	}
	ck_assert_int_eq(cJSON_GetArraySize(st), kinds);
	ck_assert_msg(kinds == 1 || (kinds == 0 && may_be_empty), "state with %d kinds", kinds);
}

typedef struct pod_seen {
	unsigned long long last_rv;
	double restarts;  /* restartCount of the latest MODIFIED object */
	int crashloops;   /* waiting CrashLoopBackOff states seen */
	int exit2;        /* terminated Error/2 states seen (lastState) */
} pod_seen;

static void check_container_status(const cJSON *cs, const char *type, pod_seen *seen)
{
	ck_assert_str_eq(get_string(cs, "name"), "liveness");
	ck_assert(cJSON_IsBool(get(cs, "ready")));
	ck_assert(cJSON_IsBool(get(cs, "started")));
	get_string(cs, "image");
	get_string(cs, "imageID");
	double restarts = get_number(cs, "restartCount");
	if (strcmp(type, "MODIFIED") == 0) {
		ck_assert_msg(restarts >= seen->restarts, "restartCount went from %g to %g",
			      seen->restarts, restarts);
		seen->restarts = restarts;
	}
	const cJSON *state = get_object(cs, "state");
	check_state(state, false, &seen->exit2);
	check_state(get_object(cs, "lastState"), true, &seen->exit2);
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(state, "waiting");
	seen->crashloops += w && strcmp(get_string(w, "reason"), "CrashLoopBackOff") == 0;
}

static void check_pod(const cJSON *pod, const char *type, pod_seen *seen)
{
	check_metadata(get_object(pod, "metadata"), &seen->last_rv);
	check_spec(get_object(pod, "spec"));
	const cJSON *status = get_object(pod, "status");
	const char *phase = get_string(status, "phase");
	ck_assert_msg(strcmp(phase, "Pending") == 0 || strcmp(phase, "Running") == 0,
		      "phase '%s'", phase);
	if (cJSON_GetObjectItemCaseSensitive(status, "conditions"))
		check_conditions(status);
	const cJSON *statuses = cJSON_GetObjectItemCaseSensitive(status, "containerStatuses");
	if (statuses) {
		ck_assert(cJSON_IsArray(statuses));
		ck_assert_int_eq(cJSON_GetArraySize(statuses), 1);
		check_container_status(cJSON_GetArrayItem(statuses, 0), type, seen);
	}
}

/* ---- JSON: events ------------------------------------------------------ */

/* Kubelet events are core/v1 with source, counts and timestamps; the
 * scheduler's come from events.k8s.io with only eventTime.  A repeat
 * (count > 1) is the recorder's PATCH, so it arrives as MODIFIED. */
static void check_event(const cJSON *ev, const char *type, unsigned long long *last_rv)
{
	const cJSON *m = get_object(ev, "metadata");
	ck_assert_msg(strncmp(get_string(m, "name"), "liveness-http.", 14) == 0, "event name");
	const char *rv = get_string(m, "resourceVersion");
	unsigned long long v = strtoull(rv, NULL, 10);
	ck_assert_msg(v > *last_rv, "resourceVersion %llu after %llu", v, *last_rv);
	*last_rv = v;
	const cJSON *obj = get_object(ev, "involvedObject");
	ck_assert_str_eq(get_string(obj, "kind"), "Pod");
	ck_assert_str_eq(get_string(obj, "name"), "liveness-http");
	get_string(ev, "reason");
	get_string(ev, "message");
	const char *t = get_string(ev, "type");
	ck_assert_msg(strcmp(t, "Normal") == 0 || strcmp(t, "Warning") == 0, "type '%s'", t);
	get_object(ev, "source");
	assert_time_or_null(ev, "firstTimestamp", 0);
	assert_time_or_null(ev, "lastTimestamp", 0);
	assert_time_or_null(ev, "eventTime", 6);
	const char *by = get_string(ev, "reportingComponent");
	if (strcmp(by, "default-scheduler") == 0) {
		ck_assert(cJSON_IsNull(get(ev, "firstTimestamp")));
		ck_assert(cJSON_IsString(get(ev, "eventTime")));
		ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(ev, "count"));
		return;
	}
	ck_assert_str_eq(by, "kubelet");
	ck_assert_str_eq(get_string(get_object(ev, "source"), "component"), "kubelet");
	ck_assert(cJSON_IsNull(get(ev, "eventTime")));
	double count = get_number(ev, "count");
	ck_assert_str_eq(type, count > 1 ? "MODIFIED" : "ADDED");
}

/* ---- JSON: the stream -------------------------------------------------- */

START_TEST(test_json_api)
{
	char *text = simulate(LIVENESS, OUT_JSON, false, SEC(150));
	char **lines;
	int n = lines_of(text, &lines), pods = 0, events = 0;
	pod_seen seen = { 0, 0, 0, 0 };
	unsigned long long event_rv = 0;
	char last_time[40] = "";
	for (int i = 0; i < n; i++) {
		cJSON *line = cJSON_Parse(lines[i]);
		ck_assert_msg(line != NULL, "line %d is not JSON: %.80s", i + 1, lines[i]);
		ck_assert_int_eq(cJSON_GetArraySize(line), 3);
		const char *type = get_string(line, "type");
		ck_assert_msg(strcmp(type, "ADDED") == 0 || strcmp(type, "MODIFIED") == 0,
			      "watch type '%s'", type);
		const char *when = get_string(line, "time");
		assert_rfc3339(when, 3);
		ck_assert_msg(strcmp(when, last_time) >= 0, "time %s after %s", when, last_time);
		snprintf(last_time, sizeof(last_time), "%s", when);
		const cJSON *obj = get_object(line, "object");
		ck_assert_str_eq(get_string(obj, "apiVersion"), "v1");
		const char *kind = get_string(obj, "kind");
		if (strcmp(kind, "Pod") == 0) {
			check_pod(obj, type, &seen);
			pods++;
		} else {
			ck_assert_str_eq(kind, "Event");
			check_event(obj, type, &event_rv);
			events++;
		}
		cJSON_Delete(line);
	}
	/* 150 s cover restarts 1-4 and the first CrashLoopBackOff
	 * (seed-traces.md trace 2: 106 s). */
	ck_assert_int_ge(pods, 8);
	ck_assert_int_ge(events, 20);
	ck_assert(seen.restarts >= 4);
	ck_assert_int_ge(seen.crashloops, 1);
	ck_assert_int_ge(seen.exit2, 4);
	free(lines);
	free(text);
}
END_TEST

/* ---- the outputs agree with each other --------------------------------- */

/* --explain only adds "    # ..." lines under rows; the rows are the same. */
START_TEST(test_explain_adds_lines_only)
{
	static const char *const paths[] = { LIVENESS, INIT_POD };
	char *plain = simulate(paths[_i], OUT_GET, false, SEC(300));
	char *explained = simulate(paths[_i], OUT_GET, true, SEC(300));
	char **a, **b;
	int na = lines_of(plain, &a), nb = lines_of(explained, &b), j = 0, notes = 0;
	for (int i = 0; i < nb; i++) {
		if (strncmp(b[i], "    # ", 6) == 0) {
			ck_assert_msg(i > 0 && strncmp(b[i - 1], "    # ", 6) != 0,
				      "explanation %d is not under a row", i + 1);
			notes++;
			continue;
		}
		ck_assert_int_lt(j, na);
		ck_assert_str_eq(b[i], a[j++]);
	}
	ck_assert_int_eq(j, na);
	ck_assert_int_eq(notes, na - 1); /* every row but the header */
	free(a);
	free(b);
	free(plain);
	free(explained);
}
END_TEST

/* Counts the JSON lines whose object has this kind and, for restarts, the
 * last restartCount of the pod. */
static int count_kind(char *json, const char *kind, double *restarts)
{
	char **lines;
	int n = lines_of(json, &lines), k = 0;
	for (int i = 0; i < n; i++) {
		cJSON *line = cJSON_Parse(lines[i]);
		const cJSON *obj = get_object(line, "object");
		if (strcmp(get_string(obj, "kind"), kind) != 0) {
			cJSON_Delete(line);
			continue;
		}
		k++;
		const cJSON *st = restarts ? cJSON_GetObjectItemCaseSensitive(
						     get_object(obj, "status"), "containerStatuses")
					   : NULL;
		if (st)
			*restarts = get_number(cJSON_GetArrayItem(st, 0), "restartCount");
		cJSON_Delete(line);
	}
	free(lines);
	return k;
}

/* -o events prints one row per Event change (no event is deleted in 5
 * minutes), after its header. */
START_TEST(test_events_rows_match_stream)
{
	char *json = simulate(LIVENESS, OUT_JSON, false, SEC(300));
	char *rows = simulate(LIVENESS, OUT_EVENTS, false, SEC(300));
	char **lines;
	int n = lines_of(rows, &lines);
	ck_assert_str_eq(lines[0], "LAST SEEN   TYPE     REASON      OBJECT              MESSAGE");
	ck_assert_int_eq(n - 1, count_kind(json, "Event", NULL));
	free(lines);
	free(rows);
	free(json);
}
END_TEST

/* describe at the end shows the restart count of the stream's last pod. */
START_TEST(test_describe_matches_stream)
{
	char *json = simulate(LIVENESS, OUT_JSON, false, SEC(300));
	char *text = simulate(LIVENESS, OUT_DESCRIBE, false, SEC(300));
	double restarts = -1;
	count_kind(json, "Pod", &restarts);
	ck_assert(restarts >= 6);
	char want[64];
	snprintf(want, sizeof(want), "\n    Restart Count:  %d\n", (int)restarts);
	ck_assert_msg(strstr(text, want) != NULL, "describe lacks '%s'", want + 1);
	ck_assert_ptr_nonnull(strstr(text, "\n    Liveness:       http-get http://:8080/healthz "
					   "delay=3s timeout=1s period=3s #success=1 #failure=3\n"));
	free(text);
	free(json);
}
END_TEST

Suite *outputs_suite(void)
{
	Suite *s = suite_create("outputs");
	TCase *tc = tcase_create("json");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_json_api);
	suite_add_tcase(s, tc);
	tc = tcase_create("agreement");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_explain_adds_lines_only, 0, 2);
	tcase_add_test(tc, test_events_rows_match_stream);
	tcase_add_test(tc, test_describe_matches_stream);
	suite_add_tcase(s, tc);
	return s;
}
