/* serve_int.h - what serve.c and serve_api.c share: the served run and one
 * HTTP reply.  Every field of serve_ctx except mu is guarded by mu. */
#ifndef SERVE_INT_H
#define SERVE_INT_H

#include <pthread.h>
#include <stdint.h>

#include "scenario.h"
#include "sim.h"

typedef struct serve_ctx {
	pthread_mutex_t mu;
	sim_state *run;
	const scenario *sc;
	uint64_t rv;          /* newest resourceVersion the store has given out */
	char listen[64];      /* host:port actually bound */
} serve_ctx;

typedef struct serve_reply {
	int code;
	const char *content_type;
	char *body;           /* heap, owned by the reply */
} serve_reply;

/* Looks up query parameter name of the request (NULL if absent). */
typedef const char *(*serve_query_fn)(void *req, const char *name);

/* Answers method url (path only) with the run as it stands; the caller
 * holds ctx->mu.  accept is the request's Accept header (may be NULL). */
void serve_api_handle(serve_ctx *ctx, const char *method, const char *url, const char *accept,
		      serve_query_fn query, void *req, serve_reply *out);
/* The watch sink that keeps ctx->rv current. */
void serve_api_track(serve_ctx *ctx);

#endif
