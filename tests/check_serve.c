/* check_serve.c - podsim serve's API answers, without HTTP: the routes,
 * metav1.Status errors (apimachinery pkg/api/errors/errors.go), selectors
 * (pkg/apis/core/v1/conversion.go, handlers/get.go), the pods Table
 * (printers.go printPod), pods/log (kubelet_pods.go
 * validateContainerLogStatus) and the watch's resourceVersion rules
 * (watch_cache.go).  tests/serve.sh drives the same through the real
 * kubectl. */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "serve_int.h"
#include "harness.h"

static const char yaml[] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: a}\n"
			   "spec:\n  containers:\n  - name: c\n    image: app:1\n"
			   "    command: ['sh', '-c', 'echo hi; sleep 5; exit 1']\n" EXACT_TIMINGS;

typedef struct fixture {
	harness h;
	serve_ctx ctx;
} fixture;

/* The query of one request: "k=v&k=v" without escapes. */
static const char *query(void *req, const char *name)
{
	static char vals[4][256]; /* distinct buffers: a caller keeps several */
	static int next;
	char *val = vals[next++ % 4];
	const char *q = req;
	size_t n = strlen(name);
	for (const char *p = q; p && *p; p = strchr(p, '&'), p = p ? p + 1 : NULL)
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			snprintf(val, sizeof(vals[0]), "%.*s", (int)strcspn(p + n + 1, "&"), p + n + 1);
			return val;
		}
	return NULL;
}

static void start(fixture *f, simtime_t at)
{
	memset(f, 0, sizeof(*f));
	harness_start(&f->h, yaml, 1);
	pthread_mutex_init(&f->ctx.mu, NULL);
	pthread_cond_init(&f->ctx.cond, NULL);
	f->ctx.run = f->h.st;
	f->ctx.sc = &f->h.sc;
	serve_watch_start(&f->ctx);
	sim_advance(f->h.st, at);
}

static void end(fixture *f)
{
	serve_watch_stop(&f->ctx);
	harness_end(&f->h);
	pthread_cond_destroy(&f->ctx.cond);
	pthread_mutex_destroy(&f->ctx.mu);
}

/* GET url?q with accept; returns the parsed body (NULL if not JSON). */
static cJSON *get(fixture *f, const char *method, const char *url, const char *q,
		  const char *accept, serve_reply *r)
{
	memset(r, 0, sizeof(*r));
	serve_request rq = { .method = method, .url = url, .accept = accept, .query = query,
			     .req = (void *)q };
	serve_api_handle(&f->ctx, &rq, r);
	cJSON *doc = r->body ? cJSON_Parse(r->body) : NULL;
	return doc;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

/* Status code, reason and message of each error (errors.go formats). */
START_TEST(errors_are_status)
{
	static const struct {
		const char *method, *url, *q;
		int code;
		const char *reason, *message;
	} cases[] = {
		{ "GET", "/api/v1/namespaces/default/pods/nosuch", "", 404, "NotFound",
		  "pods \"nosuch\" not found" },
		{ "GET", "/apis/apps/v1", "", 404, "NotFound",
		  "the server could not find the requested resource" },
		{ "GET", "/api/v1/namespaces/default/events", "fieldSelector=foo=bar", 400,
		  "BadRequest", "field label not supported: foo" },
		{ "GET", "/api/v1/namespaces/default/pods", "fieldSelector=spec.foo=1", 400,
		  "BadRequest", "field label not supported: spec.foo" },
		{ "GET", "/api/v1/namespaces/default/pods/p/log", "container=c&previous=true", 400,
		  "BadRequest", "previous terminated container \"c\" in pod \"p\" not found" },
		{ "GET", "/api/v1/namespaces/default/pods/p/log", "container=x", 400, "BadRequest",
		  "container x is not valid for pod p" },
		{ "POST", "/api/v1/namespaces/default/pods", "", 405, "MethodNotAllowed",
		  "POST is not supported by podsim serve yet" },
		{ "DELETE", "/api/v1/namespaces/default/pods/nosuch", "", 404, "NotFound",
		  "pods \"nosuch\" not found" },
		{ "DELETE", "/api/v1/namespaces/default/pods/p", "gracePeriodSeconds=x", 400,
		  "BadRequest", "the body of the request is not valid DeleteOptions" },
	};
	fixture f;
	start(&f, SEC(3));
	serve_reply r;
	cJSON *doc = get(&f, cases[_i].method, cases[_i].url, cases[_i].q, NULL, &r);
	ck_assert_int_eq(r.code, cases[_i].code);
	ck_assert_str_eq(str(doc, "kind"), "Status");
	ck_assert_str_eq(str(doc, "status"), "Failure");
	ck_assert_str_eq(str(doc, "reason"), cases[_i].reason);
	ck_assert_str_eq(str(doc, "message"), cases[_i].message);
	cJSON_Delete(doc);
	free(r.body);
	end(&f);
}
END_TEST

/* The Table of `kubectl get pods`: printPod's nine columns, the row's
 * cells as print_pod_row makes them, a PartialObjectMetadata per row. */
START_TEST(pods_table)
{
	fixture f;
	start(&f, SEC(3));
	serve_reply r;
	cJSON *t = get(&f, "GET", "/api/v1/namespaces/default/pods", "labelSelector=app=a",
		       "application/json;as=Table;v=v1;g=meta.k8s.io,application/json", &r);
	ck_assert_int_eq(r.code, 200);
	ck_assert_str_eq(str(t, "kind"), "Table");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(t, "columnDefinitions")), 9);
	cJSON *row = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "rows"), 0);
	cJSON *cells = cJSON_GetObjectItem(row, "cells");
	ck_assert_str_eq(cJSON_GetArrayItem(cells, 0)->valuestring, "p");
	ck_assert_str_eq(cJSON_GetArrayItem(cells, 1)->valuestring, "1/1");
	ck_assert_str_eq(cJSON_GetArrayItem(cells, 2)->valuestring, "Running");
	ck_assert_str_eq(cJSON_GetArrayItem(cells, 4)->valuestring, "3s");
	ck_assert_str_eq(str(cJSON_GetObjectItem(row, "object"), "kind"), "PartialObjectMetadata");
	cJSON_Delete(t);
	free(r.body);
	t = get(&f, "GET", "/api/v1/namespaces/default/pods", "labelSelector=app!=a",
		"application/json;as=Table;v=v1;g=meta.k8s.io", &r);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(t, "rows")), 0);
	cJSON_Delete(t);
	free(r.body);
	end(&f);
}
END_TEST

/* Events by describe's selector: only the pod's, in name order. */
START_TEST(events_by_involved_object)
{
	fixture f;
	start(&f, SEC(3));
	serve_reply r;
	cJSON *l = get(&f, "GET", "/api/v1/namespaces/default/events",
		       "fieldSelector=involvedObject.name=p,involvedObject.namespace=default", NULL,
		       &r);
	cJSON *items = cJSON_GetObjectItem(l, "items");
	ck_assert_str_eq(str(l, "kind"), "EventList");
	ck_assert_int_gt(cJSON_GetArraySize(items), 1);
	for (int k = 1; k < cJSON_GetArraySize(items); k++)
		ck_assert_int_lt(strcmp(str(cJSON_GetObjectItem(cJSON_GetArrayItem(items, k - 1),
								"metadata"), "name"),
				       str(cJSON_GetObjectItem(cJSON_GetArrayItem(items, k),
								"metadata"), "name")), 0);
	cJSON_Delete(l);
	free(r.body);
	l = get(&f, "GET", "/api/v1/namespaces/default/events", "fieldSelector=involvedObject.name=q",
		NULL, &r);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(l, "items")), 0);
	cJSON_Delete(l);
	free(r.body);
	end(&f);
}
END_TEST

/* pods/log: the newest instance, then --previous once it restarted. */
START_TEST(logs_previous)
{
	fixture f;
	start(&f, SEC(20));
	serve_reply r;
	get(&f, "GET", "/api/v1/namespaces/default/pods/p/log", "container=c&previous=true", NULL,
	    &r);
	ck_assert_int_eq(r.code, 200);
	ck_assert_str_eq(r.content_type, "text/plain");
	ck_assert_str_eq(r.body, "hi\n");
	free(r.body);
	end(&f);
}
END_TEST

static char *drain(serve_watch *w)
{
	static char buf[1 << 16];
	ssize_t n = serve_watch_read(w, 0, buf, sizeof(buf) - 1);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	return buf;
}

/* resourceVersion N: only changes after N; 0: the pods as ADDED first. */
START_TEST(watch_resource_versions)
{
	fixture f;
	start(&f, SEC(3));
	serve_reply r;
	cJSON *l = get(&f, "GET", "/api/v1/namespaces/default/pods", "", NULL, &r);
	char rv[32];
	snprintf(rv, sizeof(rv), "%s", str(cJSON_GetObjectItem(l, "metadata"), "resourceVersion"));
	cJSON_Delete(l);
	free(r.body);

	char q[64];
	snprintf(q, sizeof(q), "watch=true&resourceVersion=%s", rv);
	get(&f, "GET", "/api/v1/namespaces/default/pods", q, NULL, &r);
	ck_assert_ptr_nonnull(r.watch);
	serve_watch *from_rv = r.watch;
	get(&f, "GET", "/api/v1/namespaces/default/pods", "watch=true&resourceVersion=0", NULL, &r);
	serve_watch *from_0 = r.watch;
	ck_assert(strncmp(drain(from_0), "{\"type\":\"ADDED\"", 15) == 0);
	sim_advance(f.h.st, SEC(10)); /* the container exits at 5 s */
	ck_assert(strncmp(drain(from_rv), "{\"type\":\"MODIFIED\"", 18) == 0);
	serve_watch_free(from_rv);
	serve_watch_free(from_0);
	end(&f);
}
END_TEST

Suite *serve_suite(void)
{
	Suite *s = suite_create("serve");
	TCase *tc = tcase_create("api");
	tcase_add_loop_test(tc, errors_are_status, 0, 9);
	tcase_add_test(tc, pods_table);
	tcase_add_test(tc, events_by_involved_object);
	tcase_add_test(tc, logs_previous);
	tcase_add_test(tc, watch_resource_versions);
	suite_add_tcase(s, tc);
	return s;
}
