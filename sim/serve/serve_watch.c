/* serve_watch.c - WATCH of pods: the store's changes as a chunked stream
 * of metav1.WatchEvent JSON values, one per line.
 *
 * Mirrors k8s.io/apiserver handlers/watch.go (one event per write, each a
 * complete {"type","object"} value, the object a one-row Table when the
 * client asked for Table) and the watch cache's resourceVersion rules
 * (storage/cacher watch_cache.go): a watch from resourceVersion N replays
 * every kept change after N, a watch from 0 or none starts with a
 * synthetic ADDED per current pod, and a watch from a version older than
 * the kept history is 410 Expired ("too old resource version").
 *
 * The simulation never waits for a client: the store's sink serializes
 * each change into every matching watch's queue (an unbounded buffer, so
 * a slow client costs memory, never simulated time) and signals cond.  A
 * watch's connection thread (libmicrohttpd thread-per-connection) blocks
 * in serve_watch_read on cond until its queue has bytes or the server
 * stops.  Rows are formatted when the change happens, with the age at
 * that virtual instant, as `podsim run` prints them and as a real server
 * transforms each event as it sends it.
 *
 * History: the newest HISTORY_SIZE pod changes, as copies, in a ring; a
 * watch asked from inside it misses nothing that happened between the
 * client's LIST and its WATCH on the wall clock.
 */
#include "serve_int.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apiserver.h"
#include "podsim.h"

#define HISTORY_SIZE 4096

typedef struct change {
	watch_type type;
	simtime_t now;
	api_pod pod; /* deep copy */
} change;

struct serve_history {
	change ring[HISTORY_SIZE];
	int head, n;        /* oldest at head */
	uint64_t dropped_rv; /* newest resourceVersion pushed out, 0 = none */
};

struct serve_watch {
	serve_ctx *ctx;
	serve_watch *next;
	char ns[API_NAME_LEN];
	bool all_namespaces, table;
	serve_api_selectors sel;
	char *buf; size_t len, cap, sent; /* queued bytes; sent of them written */
};

/* ---- queueing --------------------------------------------------------- */

static void enqueue(serve_watch *w, watch_type t, const api_pod *p, simtime_t now)
{
	if ((!w->all_namespaces && strcmp(p->namespace, w->ns) != 0) ||
	    !serve_api_pod_matches(p, &w->sel))
		return;
	char *obj = serve_api_pod_object(w->ctx, p, now, w->table);
	char *line = xasprintf("{\"type\":\"%s\",\"object\":%s}\n", watch_type_name(t), obj);
	size_t l = strlen(line);
	if (w->len + l > w->cap) {
		w->cap = (w->len + l) * 2;
		w->buf = xrealloc(w->buf, w->cap);
	}
	memcpy(w->buf + w->len, line, l);
	w->len += l;
	free(line);
	free(obj);
}

static void remember(serve_history *h, watch_type t, const api_pod *p, simtime_t now)
{
	change *c;
	if (h->n == HISTORY_SIZE) {
		c = &h->ring[h->head];
		h->dropped_rv = c->pod.resource_version;
		api_pod_release(&c->pod);
		h->head = (h->head + 1) % HISTORY_SIZE;
		h->n--;
	}
	c = &h->ring[(h->head + h->n++) % HISTORY_SIZE];
	c->type = t;
	c->now = now;
	api_pod_copy(&c->pod, p);
}

/* The sink runs in the clock thread, which holds ctx->mu while it
 * advances the run. */
static void on_pod(void *cx, simtime_t now, watch_type t, const api_pod *p, const char *why)
{
	(void)why;
	serve_ctx *ctx = cx;
	if (p->resource_version > ctx->rv)
		ctx->rv = p->resource_version;
	remember(ctx->history, t, p, now);
	for (serve_watch *w = ctx->watches; w; w = w->next)
		enqueue(w, t, p, now);
	if (ctx->watches)
		pthread_cond_broadcast(&ctx->cond);
}

static void on_event(void *cx, simtime_t now, watch_type t, const api_event *ev)
{
	(void)now, (void)t;
	serve_ctx *ctx = cx;
	if (ev->resource_version > ctx->rv)
		ctx->rv = ev->resource_version;
}

void serve_watch_start(serve_ctx *ctx)
{
	ctx->history = xcalloc(1, sizeof(*ctx->history));
	apiserver_add_sink(sim_apiserver(ctx->run),
			   (watch_sink){ .pod_event = on_pod, .event_event = on_event, .ctx = ctx });
}

/* ---- opening ---------------------------------------------------------- */

/* Queues what a watch from rv must see first; -1 if rv is older than the
 * history (or not a number). */
static int replay(serve_watch *w, const char *rv_text)
{
	serve_ctx *ctx = w->ctx;
	if (!rv_text || !*rv_text || strcmp(rv_text, "0") == 0) {
		const api_pod **pods;
		int n = apiserver_pod_list(sim_apiserver(ctx->run), &pods);
		for (int k = 0; k < n; k++)
			enqueue(w, WATCH_ADDED, pods[k], sim_now(ctx->run));
		free(pods);
		return 0;
	}
	char *end;
	errno = 0;
	unsigned long long rv = strtoull(rv_text, &end, 10);
	if (*end || errno)
		return -1;
	const serve_history *h = ctx->history;
	if (rv < h->dropped_rv) /* a change the client has not seen is gone */
		return -1;
	for (int k = 0; k < h->n; k++) {
		const change *c = &h->ring[(h->head + k) % HISTORY_SIZE];
		if (c->pod.resource_version > rv)
			enqueue(w, c->type, &c->pod, c->now);
	}
	return 0;
}

void serve_watch_open(serve_ctx *ctx, const char *ns, const serve_api_selectors *s, bool table,
		      const char *rv_text, serve_reply *out)
{
	serve_watch *w = xcalloc(1, sizeof(*w));
	w->ctx = ctx;
	w->all_namespaces = !ns;
	snprintf(w->ns, sizeof(w->ns), "%s", ns ? ns : "");
	w->table = table;
	w->sel = *s;
	if (replay(w, rv_text) < 0) {
		char msg[128];
		snprintf(msg, sizeof(msg), "too old resource version: %.40s (%llu)", rv_text,
			 (unsigned long long)ctx->rv);
		serve_api_status(out, 410, "Expired", msg);
		free(w->buf);
		free(w);
		return;
	}
	w->next = ctx->watches;
	ctx->watches = w;
	out->code = 200;
	out->content_type = "application/json";
	out->watch = w;
}

/* ---- streaming -------------------------------------------------------- */

ssize_t serve_watch_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	serve_watch *w = cls;
	serve_ctx *ctx = w->ctx;
	pthread_mutex_lock(&ctx->mu);
	while (w->sent == w->len && !ctx->stopping)
		pthread_cond_wait(&ctx->cond, &ctx->mu);
	ssize_t n = MHD_CONTENT_READER_END_OF_STREAM;
	if (w->sent < w->len) {
		size_t l = w->len - w->sent < max ? w->len - w->sent : max;
		memcpy(buf, w->buf + w->sent, l);
		w->sent += l;
		if (w->sent == w->len)
			w->sent = w->len = 0;
		n = (ssize_t)l;
	}
	pthread_mutex_unlock(&ctx->mu);
	return n;
}

void serve_watch_free(void *cls)
{
	serve_watch *w = cls;
	serve_ctx *ctx = w->ctx;
	pthread_mutex_lock(&ctx->mu);
	for (serve_watch **p = &ctx->watches; *p; p = &(*p)->next)
		if (*p == w) {
			*p = w->next;
			break;
		}
	pthread_mutex_unlock(&ctx->mu);
	free(w->buf);
	free(w);
}

void serve_watch_stop(serve_ctx *ctx)
{
	serve_history *h = ctx->history;
	for (int k = 0; k < h->n; k++)
		api_pod_release(&h->ring[(h->head + k) % HISTORY_SIZE].pod);
	free(h);
	ctx->history = NULL;
}
