/* serve.c - `podsim serve`: one run behind an HTTP API endpoint, its clock
 * driven by the wall clock or by hand.
 *
 * Threads: the main thread owns the clock and advances the run to (wall
 * time since start) x speed every tick, or, with --step, by the durations
 * read from stdin lines or POST /podsim/step?by=D.  libmicrohttpd answers
 * requests with a thread per connection (at most MAX_CONNECTIONS).  One
 * mutex guards the run: a request sees the run between two advances, like
 * a client of the real API server sees etcd between two commits.  The
 * thread per connection is for watches: a watch's thread sleeps on a
 * condition variable until the run's sink queues it an event
 * (serve_watch.c), so the simulation never waits for a client and an idle
 * watch costs no CPU.  Rejected: MHD's external select mode in the main
 * thread, where an idle watch must either be suspended and resumed by hand
 * or be polled (a busy loop); a content reader may block only in
 * thread-per-connection mode (libmicrohttpd manual, "Responses").
 *
 * The kubeconfig written by --kubeconfig-out is the insecure loopback one
 * of kubectl-api-surface (cluster server http://HOST:PORT, user {}).  The
 * server listens on 127.0.0.1 only: there is no authentication.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "podsim.h"
#include "rng.h"
#include "serve_int.h"

typedef struct serve_opts {
	const char **files;
	int n_files;
	char host[32];
	int port;
	double speed;
	bool step;
	const char *kubeconfig;
} serve_opts;

#define MAX_CONNECTIONS 64

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static int bad_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "podsim: serve: ");
	fprintf(stderr, msg, arg);
	fprintf(stderr, "\n(see podsim --help)\n");
	return -1;
}

/* --listen 127.0.0.1:PORT (loopback only; PORT 0 = any free port). */
static int parse_listen(serve_opts *so, const char *v)
{
	const char *colon = strrchr(v, ':');
	char *end;
	struct in_addr a;
	if (!colon || (size_t)(colon - v) >= sizeof(so->host))
		return bad_usage("--listen: \"%s\" is not HOST:PORT", v);
	snprintf(so->host, sizeof(so->host), "%.*s", (int)(colon - v), v);
	long port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || port < 0 || port > 65535)
		return bad_usage("--listen: bad port in \"%s\"", v);
	if (inet_pton(AF_INET, so->host, &a) != 1 || (ntohl(a.s_addr) >> 24) != 127)
		return bad_usage("--listen: \"%s\" is not a loopback IPv4 address", so->host);
	so->port = (int)port;
	return 0;
}

static const char serve_usage[] =
	"usage: podsim serve [--listen 127.0.0.1:PORT] [--speed N | --step]\n"
	"                    [--kubeconfig-out FILE] FILE...\n"
	"\n"
	"  --listen HOST:PORT     loopback address to serve on (default 127.0.0.1:8080;\n"
	"                         port 0: any free port)\n"
	"  --speed N              virtual seconds per wall second (default 1)\n"
	"  --step                 time advances only when told (a line such as 30s on\n"
	"                         stdin, or POST /podsim/step?by=30s)\n"
	"  --kubeconfig-out FILE  write a kubeconfig kubectl can use as it is\n"
	"  --help, -h             print this help and exit\n";

/* 0 to serve, 1 after --help (printed), -1 after a usage error. */
static int parse_opts(serve_opts *so, int argc, char **argv)
{
	memset(so, 0, sizeof(*so));
	snprintf(so->host, sizeof(so->host), "127.0.0.1");
	so->port = 8080;
	so->speed = 1;
	so->files = xcalloc((size_t)argc + 1, sizeof(*so->files));
	for (int k = 0; k < argc; k++) {
		const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;
		bool takes = strcmp(a, "--listen") == 0 || strcmp(a, "--speed") == 0 ||
			     strcmp(a, "--kubeconfig-out") == 0;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(serve_usage, stdout);
			return 1;
		}
		if (takes && !v)
			return bad_usage("%s: missing value", a);
		if (strcmp(a, "--listen") == 0) {
			if (parse_listen(so, v) < 0)
				return -1;
		} else if (strcmp(a, "--speed") == 0) {
			char *end;
			so->speed = strtod(v, &end);
			if (*end || end == v || !(so->speed > 0 && so->speed <= 1e6))
				return bad_usage("--speed: \"%s\" is not a number in (0, 1e6]", v);
		} else if (strcmp(a, "--kubeconfig-out") == 0) {
			so->kubeconfig = v;
		} else if (strcmp(a, "--step") == 0) {
			so->step = true;
		} else if (a[0] == '-' && a[1]) {
			return bad_usage("unknown option \"%s\"", a);
		} else {
			so->files[so->n_files++] = a;
		}
		k += takes;
	}
	if (so->n_files == 0)
		return bad_usage("%s", "no scenario file given");
	return 0;
}

static int load(scenario *sc, const serve_opts *so)
{
	if (scenario_load_files(sc, (const char *const *)so->files, so->n_files,
				SCENARIO_VALIDATE_STRICT, stderr) < 0)
		return -1;
	if (sc->n_pods == 0) {
		fprintf(stderr, "podsim: %s: no v1 Pod document in the input: nothing to simulate\n",
			so->files[so->n_files - 1]);
		return -1;
	}
	return 0;
}

/* ---- the clock -------------------------------------------------------- */

/* Advances the run by d (stepped mode); the caller does not hold mu. */
static void step_by(serve_ctx *ctx, simtime_t d)
{
	pthread_mutex_lock(&ctx->mu);
	sim_advance(ctx->run, sim_now(ctx->run) + d);
	pthread_mutex_unlock(&ctx->mu);
}

static simtime_t wall_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return SEC(t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec);
}

/* Stdin in --step mode: each line a duration to advance by ("10s").  Read
 * with read(2), not stdio, so that poll(2) sees every line not yet read. */
typedef struct line_reader {
	char buf[256];
	size_t len;
	bool open;
} line_reader;

static void step_line(serve_ctx *ctx, char *line)
{
	simtime_t d;
	line[strcspn(line, "\r")] = '\0';
	if (!line[0])
		return;
	if (duration_parse(line, &d) < 0 || d < 0)
		fprintf(stderr, "podsim: serve: stdin: \"%s\" is not a duration\n", line);
	else
		step_by(ctx, d);
}

static void read_step_lines(serve_ctx *ctx, line_reader *lr)
{
	ssize_t n = read(STDIN_FILENO, lr->buf + lr->len, sizeof(lr->buf) - 1 - lr->len);
	if (n <= 0) {
		lr->open = n < 0 && errno == EINTR;
		return;
	}
	lr->len += (size_t)n;
	lr->buf[lr->len] = '\0';
	char *start = lr->buf, *nl;
	while ((nl = strchr(start, '\n'))) {
		*nl = '\0';
		step_line(ctx, start);
		start = nl + 1;
	}
	lr->len -= (size_t)(start - lr->buf);
	memmove(lr->buf, start, lr->len);
	if (lr->len == sizeof(lr->buf) - 1) { /* a line too long: drop it */
		fprintf(stderr, "podsim: serve: stdin: line too long\n");
		lr->len = 0;
	}
}

static void clock_loop(serve_ctx *ctx, const serve_opts *so)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	line_reader lr = { .open = so->step };
	while (!stopping) {
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		int r = poll(&pfd, lr.open ? 1 : 0, 20);
		if (r > 0)
			read_step_lines(ctx, &lr);
		if (so->step)
			continue;
		simtime_t target = (simtime_t)((double)wall_since(&t0) * so->speed);
		pthread_mutex_lock(&ctx->mu);
		if (target > sim_now(ctx->run))
			sim_advance(ctx->run, target);
		pthread_mutex_unlock(&ctx->mu);
	}
}

/* ---- HTTP ------------------------------------------------------------- */

static const char *query(void *req, const char *name)
{
	return MHD_lookup_connection_value(req, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result send_reply(struct MHD_Connection *c, serve_reply *r)
{
	struct MHD_Response *resp;
	if (r->watch) { /* unknown size: HTTP/1.1 chunked */
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16384, serve_watch_read,
							 r->watch, serve_watch_free);
	} else {
		char *body = r->body ? r->body : xstrdup("");
		resp = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
	}
	MHD_add_response_header(resp, "Content-Type", r->content_type);
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)r->code, resp);
	MHD_destroy_response(resp);
	return rc;
}

/* POST /podsim/step?by=D: the control endpoint of --step. */
static void control_step(serve_ctx *ctx, const serve_opts *so, struct MHD_Connection *c,
			 serve_reply *r)
{
	const char *by = query(c, "by");
	simtime_t d;
	r->content_type = "text/plain";
	if (!so->step) {
		r->code = 409;
		r->body = xstrdup("podsim serve runs on the wall clock (no --step)\n");
	} else if (!by || duration_parse(by, &d) < 0 || d < 0) {
		r->code = 400;
		r->body = xstrdup("by: a duration is required (by=10s)\n");
	} else {
		char now[32];
		step_by(ctx, d);
		pthread_mutex_lock(&ctx->mu);
		duration_format(sim_now(ctx->run), now, sizeof(now));
		pthread_mutex_unlock(&ctx->mu);
		r->code = 200;
		r->body = xasprintf("now %s\n", now);
	}
}

typedef struct server {
	serve_ctx *ctx;
	const serve_opts *so;
} server;

/* A request's body as it arrives (MHD hands it over in pieces). */
typedef struct upload {
	char *buf;
	size_t len;
	bool too_big;
} upload;

#define MAX_BODY (1 << 20) /* the API server's limit is 3 MiB; podsim needs far less */

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode why)
{
	(void)cls, (void)c, (void)why;
	upload *u = *con_cls;
	if (u)
		free(u->buf);
	free(u);
	*con_cls = NULL;
}

static void take_body(upload *u, const char *data, size_t n)
{
	if (u->too_big || u->len + n > MAX_BODY) {
		u->too_big = true;
		return;
	}
	u->buf = xrealloc(u->buf, u->len + n + 1);
	memcpy(u->buf + u->len, data, n);
	u->len += n;
	u->buf[u->len] = '\0';
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *data_size, void **con_cls)
{
	(void)version;
	server *s = cls;
	if (!*con_cls) { /* headers only: wait for the body */
		*con_cls = xcalloc(1, sizeof(upload));
		return MHD_YES;
	}
	upload *u = *con_cls;
	if (*data_size) {
		take_body(u, data, *data_size);
		*data_size = 0;
		return MHD_YES;
	}
	serve_reply r = { 0 };
	if (u->too_big) {
		pthread_mutex_lock(&s->ctx->mu);
		serve_api_status(&r, 413, "RequestEntityTooLarge", "request entity too large");
		pthread_mutex_unlock(&s->ctx->mu);
	} else if (strcmp(url, "/podsim/step") == 0 && strcmp(method, "POST") == 0) {
		control_step(s->ctx, s->so, c, &r);
	} else {
		serve_request rq = {
			.method = method, .url = url, .query = query, .req = c,
			.accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept"),
			.body = u->buf, .len = u->len,
		};
		pthread_mutex_lock(&s->ctx->mu);
		serve_api_handle(s->ctx, &rq, &r);
		pthread_mutex_unlock(&s->ctx->mu);
	}
	return send_reply(c, &r);
}

static int write_kubeconfig(const char *path, const char *listen)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "podsim: serve: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f, "apiVersion: v1\nkind: Config\nclusters:\n- name: podsim\n  cluster:\n"
		   "    server: http://%s\ncontexts:\n- name: podsim\n  context:\n"
		   "    cluster: podsim\n    user: podsim\n    namespace: default\n"
		   "current-context: podsim\nusers:\n- name: podsim\n  user: {}\n", listen);
	if (fclose(f) != 0) {
		fprintf(stderr, "podsim: serve: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static struct MHD_Daemon *start_daemon(server *s, const serve_opts *so)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)so->port) };
	inet_pton(AF_INET, so->host, &sin.sin_addr);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL |
			MHD_USE_ERROR_LOG,
		(uint16_t)so->port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, &sin,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "podsim: serve: cannot listen on %s:%d\n", so->host, so->port);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(s->ctx->listen, sizeof(s->ctx->listen), "%s:%u", so->host,
		 (unsigned)info->port);
	return d;
}

static int serve(const scenario *sc, const serve_opts *so)
{
	sim_options o = { .output = OUT_NONE, .quiet_warnings = false };
	serve_ctx ctx = { .sc = sc };
	pthread_mutex_init(&ctx.mu, NULL);
	pthread_cond_init(&ctx.cond, NULL);
	ctx.run = sim_start(sc, &o, stdout);
	serve_watch_start(&ctx);
	server s = { &ctx, so };
	struct MHD_Daemon *d = start_daemon(&s, so);
	int rc = EXIT_RUNTIME;
	if (d && (!so->kubeconfig || write_kubeconfig(so->kubeconfig, ctx.listen) == 0)) {
		fprintf(stderr, "podsim: serving http://%s (%s)\n", ctx.listen,
			so->step ? "stepped" : "wall clock");
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		clock_loop(&ctx, so);
		rc = EXIT_OK;
	}
	pthread_mutex_lock(&ctx.mu); /* open watches end their streams */
	ctx.stopping = true;
	pthread_cond_broadcast(&ctx.cond);
	pthread_mutex_unlock(&ctx.mu);
	if (d)
		MHD_stop_daemon(d);
	serve_watch_stop(&ctx);
	sim_finish(ctx.run, stderr);
	pthread_cond_destroy(&ctx.cond);
	pthread_mutex_destroy(&ctx.mu);
	return rc;
}

int serve_main(int argc, char **argv)
{
	serve_opts so;
	scenario sc;
	int rc = EXIT_BADINPUT, parsed = parse_opts(&so, argc, argv);
	if (parsed == 1)
		rc = EXIT_OK;
	if (parsed == 0) {
		if (load(&sc, &so) == 0)
			rc = serve(&sc, &so);
		scenario_release(&sc);
	}
	free(so.files);
	return rc;
}
