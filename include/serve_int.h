/* serve_int.h - what the files of sim/serve/ and tests/check_serve.c
 * share: the served run, one HTTP reply, selectors and open watches (in
 * include/, like shell_int.h, so the tests reach it without a path out of
 * tests/).  Every field of serve_ctx except mu and cond is guarded by mu. */
#ifndef SERVE_INT_H
#define SERVE_INT_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "api.h"
#include "scenario.h"
#include "sim.h"

typedef struct serve_watch serve_watch;
typedef struct serve_history serve_history;

typedef struct serve_ctx {
	pthread_mutex_t mu;
	pthread_cond_t cond;  /* broadcast when a watch has more to send, or on stop */
	sim_state *run;
	const scenario *sc;
	uint64_t rv;          /* newest resourceVersion the store has given out */
	char listen[64];      /* host:port actually bound */
	bool stopping;
	serve_watch *watches; /* open watches, a list */
	serve_history *history;
} serve_ctx;

typedef struct serve_reply {
	int code;
	const char *content_type;
	char *body;           /* heap, owned by the reply */
	serve_watch *watch;   /* if set: stream this watch instead of body */
} serve_reply;

/* Looks up query parameter name of the request (NULL if absent). */
typedef const char *(*serve_query_fn)(void *req, const char *name);

/* ---- serve_api.c ---- */

/* One request: method, url (path only), the Accept header (may be NULL),
 * the query (through query(req, name)) and the body (len bytes, may be
 * NULL). */
typedef struct serve_request {
	const char *method, *url, *accept;
	serve_query_fn query;
	void *req;
	const char *body;
	size_t len;
} serve_request;

/* Answers rq with the run as it stands; the caller holds ctx->mu. */
void serve_api_handle(serve_ctx *ctx, const serve_request *rq, serve_reply *out);

/* A parsed fieldSelector + labelSelector (apimachinery fields/labels). */
#define SERVE_API_MAX_TERMS 16
typedef struct serve_api_term {
	char key[128], value[256];
	bool neg;
} serve_api_term;
typedef struct serve_api_selectors {
	serve_api_term f[SERVE_API_MAX_TERMS], l[SERVE_API_MAX_TERMS];
	int nf, nl;
} serve_api_selectors;
bool serve_api_pod_matches(const api_pod *p, const serve_api_selectors *s);
/* One watch event's object: a one-row Table (table) or the Pod, at now;
 * a heap string. */
char *serve_api_pod_object(serve_ctx *ctx, const api_pod *p, simtime_t now, bool table);
/* Reply Status helpers for the watch. */
void serve_api_status(serve_reply *out, int code, const char *reason, const char *message);

/* ---- serve_watch.c ---- */

/* Starts the store's watch sink (resourceVersion tracking, history and
 * open watches).  Call once, before the run advances. */
void serve_watch_start(serve_ctx *ctx);
/* Frees the history and any watch left (the daemon is stopped). */
void serve_watch_stop(serve_ctx *ctx);
/* GET pods?watch=true: opens a watch of pods in ns (NULL: all) matching s,
 * from resourceVersion rv_text (NULL or "0": the current pods as ADDED
 * first), into out->watch; or an error Status in out. */
void serve_watch_open(serve_ctx *ctx, const char *ns, const serve_api_selectors *s, bool table,
		      const char *rv_text, serve_reply *out);
/* libmicrohttpd's content reader and free callbacks for out->watch. */
ssize_t serve_watch_read(void *w, uint64_t pos, char *buf, size_t max);
void serve_watch_free(void *w);

#endif
