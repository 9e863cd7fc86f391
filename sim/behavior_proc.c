/* behavior_proc.c - a running instance of a behavior_program: exits, signals, answers.
 *
 * The process is driven from outside (behavior.h): the runtime advances it
 * to the instants it asks for, delivers signals, and the prober and hooks
 * call its endpoints and exec.  No upstream Kubernetes code models an
 * application; what the kubelet observes of one follows the runtime.
 *
 * Exit codes follow the container runtime (containerd): SIGKILL gives 137
 * with signal 9, an OOM kill 137 with the oom flag, a process that handles
 * SIGTERM exits with its own code (the Go liveness server: 2, because the Go
 * runtime exits 2 on a signal it does not handle when it is PID 1 - see
 * kubelet-semantics.md section 6.1).  A shell as PID 1 ignores SIGTERM unless
 * it traps it (shellrun.c).
 *
 * Response steps: the first step applies from uptime 0, a later step with
 * after > 0 applies once uptime > after (strictly), so the liveness image's
 * "200 while up for at most 10 s" is written as steps at 0 and 10s.  Before
 * the first step (if it has after > 0) the endpoint answers 200 / open.
 *
 * Every random duration (runTime, the SIGTERM delay) is drawn once at start,
 * in that order, from the container's stream, which the proc borrows until
 * it is freed; probe latencies (and a slow period's extra latency) are drawn
 * per call from the same stream.  A program with drawn instance times
 * (startup, listenAfter or a step's after as a distribution) or faults then
 * draws one more value from it, the seed of the instance's own stream
 * "<container stream>/proc": from that stream come the startup time, then
 * each endpoint's listenAfter and its steps' afters in order; fault k draws
 * from "<container stream>/proc/fault/<k>" (faults.c).  So the schedule of
 * an instance does not depend on how many probes ran during it, and the
 * first instance's seed is drawn after the runtime's create/start draws
 * only: the same at every grid point of a sweep over probe fields.  Later
 * instances' seeds follow earlier probe latencies.
 * Rejected: a seed per instance ordinal (hash of the stream name and the
 * run seed) - it would make later instances common too, but the program
 * would need a mutable instance counter and the run seed, which the
 * runtime does not pass.
 *
 * Startup and faults (issue 13): no endpoint listens before the startup
 * time (an endpoint's own listenAfter may make it later).  Drawn step times
 * are kept in order: a step applies from the largest after drawn up to it.
 * A hung process still accepts TCP connections (the kernel does) but answers
 * no HTTP request, gRPC call or exec within any timeout; its signals are
 * handled as usual.  A crash is an exit by itself with the fault's code.  A
 * slow period adds its extra latency to HTTP, gRPC and exec answers.
 */
#include "behavior.h"

#include "behavior_int.h"
#include "faults.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct behavior_proc {
	const behavior_program *prog;
	rng_stream *rng; /* borrowed */
	simtime_t start, now;
	int64_t epoch_unix;
	shell_fs *fs;  /* borrowed: the instance's (runtime.c) */
	shell_out log; /* owned */
	bool log_cut;  /* the last line ended at exit, without a newline */
	shell_run *run; /* owned; NULL without a script */
	simtime_t self_exit_at; /* start + runTime, or SIMTIME_NEVER */
	simtime_t term_delay;   /* drawn at start */
	simtime_t term_exit_at; /* set by SIGTERM under TERM_EXIT */
	bool term_seen;
	proc_exit st;
	const simtime_t *times;  /* uptimes, per endpoint: listen, then its steps */
	simtime_t *own_times;    /* owned, when the instance draws its times */
	rng_stream *own;         /* owned: the instance's stream, or NULL */
	faults_timeline *faults; /* owned, or NULL */
	int rec;                 /* journal record, -1 = none */
	char body[320]; /* the last HTTP body with {uptime} filled in */
	char location[256]; /* the last HTTP answer's Location, "" if none */
};

static simtime_t draw(const dist_spec *d, rng_stream *rng, simtime_t dflt)
{
	if (d->kind == DIST_NONE)
		return dflt;
	assert(d->kind == DIST_CONST || rng);
	return dist_sample(d, rng);
}

/* The startup and the endpoints' times of an instance (see the top comment
 * for the order of the draws) into t; rng may be NULL if nothing is drawn. */
simtime_t behavior_fill_times(const behavior_program *prog, rng_stream *rng, simtime_t *t)
{
	simtime_t startup = draw(&prog->startup, rng, 0);
	for (int i = 0; i < prog->n_endpoints; i++) {
		const endpoint_spec *e = &prog->endpoints[i];
		simtime_t listen = draw(&e->listen_after, rng, 0);
		*t++ = listen > startup ? listen : startup;
		simtime_t last = 0;
		for (int k = 0; k < e->n_steps; k++) {
			simtime_t a = draw(&e->steps[k].after, rng, 0);
			last = a > last ? a : last;
			*t++ = last;
		}
	}
	return startup;
}

/* ---- a running instance ---------------------------------------------------- */

static void finish(behavior_proc *p, int code, int signo, bool oom, simtime_t at)
{
	p->st = (proc_exit){ true, code & 255, signo, oom, at };
	if (p->rec >= 0)
		faults_journal_instance(p->prog->journal, p->rec)->exited = at;
	if (p->log.partial) { /* at EOF containerd logs the unterminated line (runtime.c) */
		shell_out_write(&p->log, "\n");
		p->log_cut = true;
	}
}

/* The instance's own draws (see the top comment for the order), its fault
 * timeline and its journal record. */
static void start_instance_times(behavior_proc *p, simtime_t now)
{
	const behavior_program *prog = p->prog;
	uint64_t seed = 0;
	if (prog->own_stream) {
		assert(p->rng);
		seed = gsl_rng_get(p->rng->r);
		char name[256];
		snprintf(name, sizeof(name), "%s/proc", p->rng->name);
		p->own = rng_stream_new(seed, name);
	}
	simtime_t startup = prog->startup.a;
	p->times = prog->times;
	if (prog->own_stream) {
		p->own_times = xcalloc((size_t)prog->n_times + 1, sizeof(simtime_t));
		startup = behavior_fill_times(prog, p->own, p->own_times);
		p->times = p->own_times;
	}
	p->rec = prog->journal ? faults_journal_start(prog->journal, prog->pod, prog->ctr, now,
						      now + startup)
			       : -1;
	if (prog->n_faults)
		p->faults = faults_start(prog->faults, prog->n_faults, now + startup, seed,
					 p->own->name, prog->journal, p->rec);
}

behavior_proc *behavior_proc_start(const behavior_program *prog, shell_fs *fs, simtime_t now,
				   int64_t epoch_unix, rng_stream *rng)
{
	behavior_proc *p = xcalloc(1, sizeof(*p));
	p->prog = prog;
	p->rng = rng;
	p->start = p->now = now;
	p->epoch_unix = epoch_unix;
	p->fs = fs;
	shell_out_init(&p->log);
	p->self_exit_at = SIMTIME_NEVER;
	p->term_exit_at = SIMTIME_NEVER;
	if (prog->has_run_time || prog->oom)
		p->self_exit_at = now + draw(&prog->run_time, rng, 0);
	if (prog->term == TERM_EXIT)
		p->term_delay = draw(&prog->term_delay, rng, 0);
	start_instance_times(p, now);
	if (prog->script)
		p->run = shell_run_start(prog->script, p->fs, &p->log, epoch_unix, now);
	behavior_proc_advance(p, now);
	return p;
}

void behavior_proc_free(behavior_proc *p)
{
	if (!p)
		return;
	faults_free(p->faults);
	rng_stream_free(p->own);
	free(p->own_times);
	shell_run_free(p->run);
	shell_out_release(&p->log);
	free(p);
}

/* The instant of a fault's crash, or SIMTIME_NEVER. */
static simtime_t crash_at(const behavior_proc *p, int *code)
{
	if (!p->faults)
		return SIMTIME_NEVER;
	faults_now f = faults_at(p->faults, p->now);
	*code = f.crash_code;
	return f.crash_at;
}

simtime_t behavior_proc_next_wakeup(const behavior_proc *p)
{
	if (p->st.exited)
		return SIMTIME_NEVER;
	int code;
	simtime_t t = p->self_exit_at < p->term_exit_at ? p->self_exit_at : p->term_exit_at;
	t = crash_at(p, &code) < t ? crash_at(p, &code) : t;
	/* hang and slow windows too, so the journal is drawn up to every instant */
	simtime_t f = p->faults ? faults_at(p->faults, p->now).next_change : SIMTIME_NEVER;
	t = f < t ? f : t;
	simtime_t r = p->run ? shell_run_next_wakeup(p->run) : SIMTIME_NEVER;
	return r < t ? r : t;
}

void behavior_proc_advance(behavior_proc *p, simtime_t now)
{
	assert(now >= p->now);
	simtime_t tx = p->self_exit_at < p->term_exit_at ? p->self_exit_at : p->term_exit_at;
	int status, crash_code = 0;
	simtime_t crash = crash_at(p, &crash_code);
	tx = crash < tx ? crash : tx;
	simtime_t at;
	if (p->st.exited) {
		p->now = now;
		return;
	}
	if (p->run) {
		shell_run_advance(p->run, tx < now ? tx : now);
		if (shell_run_done(p->run, &status, &at)) {
			bool own = !p->term_seen && p->prog->has_exit_code;
			finish(p, own ? p->prog->exit_code : status, 0, false, at);
		}
	}
	if (!p->st.exited && tx <= now) {
		if (tx == crash)
			finish(p, crash_code, 0, false, tx);
		else if (tx == p->term_exit_at)
			finish(p, p->prog->term_exit, 0, false, tx);
		else if (p->prog->oom)
			finish(p, 137, SIG_KILL, true, tx);
		else
			finish(p, p->prog->has_exit_code ? p->prog->exit_code : 0, 0, false, tx);
	}
	p->now = now;
	if (p->faults && !p->st.exited)
		faults_at(p->faults, now);
}

proc_exit behavior_proc_status(const behavior_proc *p)
{
	return p->st;
}

static bool healthy(behavior_proc *p, simtime_t now);

void behavior_proc_signal(behavior_proc *p, int signo, simtime_t now)
{
	assert(signo == SIG_TERM || signo == SIG_KILL);
	behavior_proc_advance(p, now);
	if (p->st.exited)
		return;
	faults_instance *rec = p->rec >= 0 ? faults_journal_instance(p->prog->journal, p->rec) : NULL;
	if (rec && !rec->first_signal) {
		rec->first_signal = signo;
		rec->signalled = now;
		rec->healthy_when_signalled = healthy(p, now);
	}
	if (signo == SIG_KILL) {
		finish(p, 137, SIG_KILL, false, now);
		return;
	}
	if (p->term_seen)
		return;
	p->term_seen = true;
	if (p->prog->term == TERM_SHELL) {
		assert(p->run);
		shell_run_sigterm(p->run, now);
	} else if (p->prog->term == TERM_EXIT) {
		p->term_exit_at = now + p->term_delay;
	}
	behavior_proc_advance(p, now);
}

/* ---- endpoints --------------------------------------------------------------- */

/* The instance's times of endpoint e: [0] its listen uptime, [1 + k] step k's after. */
static const simtime_t *times_of(const behavior_proc *p, const endpoint_spec *e)
{
	const simtime_t *t = p->times;
	for (const endpoint_spec *x = p->prog->endpoints; x < e; x++)
		t += 1 + x->n_steps;
	return t;
}

static bool listening(const behavior_proc *p, const endpoint_spec *e, simtime_t uptime)
{
	return uptime >= times_of(p, e)[0];
}

/* The step in force at uptime, or NULL for the default (200 / open). */
static const response_step *active_step(const behavior_proc *p, const endpoint_spec *e,
					simtime_t uptime)
{
	const simtime_t *after = times_of(p, e) + 1;
	simtime_t u = e->repeat > 0 ? uptime % e->repeat : uptime;
	const response_step *found = NULL;
	for (int i = 0; i < e->n_steps; i++)
		if (after[i] == 0 ? u >= 0 : u > after[i])
			found = &e->steps[i];
	return found;
}

/* Hang and slow periods at now: a hung process never answers (SIM_TIME_LIMIT
 * exceeds every timeout and keeps now + latency far from overflow); a slow
 * one adds its extra latency. */
static bool hung(behavior_proc *p, simtime_t now)
{
	return p->faults && faults_at(p->faults, now).hung;
}

static simtime_t slowed(behavior_proc *p, simtime_t now, simtime_t latency)
{
	if (!p->faults)
		return latency;
	simtime_t extra = faults_extra_latency(p->faults, now, p->rng);
	return latency + (extra < SIM_TIME_LIMIT ? extra : SIM_TIME_LIMIT);
}

/* Go's %v of a float64: shortest digits that round-trip, %e form below 1e-4
 * and from 1e6 (strconv 'g' with precision -1). */
static void go_float(double v, char *buf, size_t len)
{
	int prec = 1;
	for (; prec < 17; prec++) {
		snprintf(buf, len, "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	int exp = v == 0 ? 0 : (int)floor(log10(fabs(v)));
	if (exp < -4 || exp >= 6)
		snprintf(buf, len, "%.*e", prec - 1, v);
	else
		snprintf(buf, len, "%.*f", prec - 1 - exp > 0 ? prec - 1 - exp : 0, v);
}

/* Go's %v of uptime.Seconds(), uptime in whole nanoseconds.  From 100 us to
 * 1e6 s (the range Go prints without an exponent) the shortest round-trip
 * digits are exactly the nine-decimal value with its trailing zeros cut:
 * (double)ns / 1e9 is the double nearest to ns * 1e-9 (IEEE division rounds
 * correctly and ns < 2^53 is exact), and below 2^20 s one ulp is under
 * 1.2e-10, so two different multiples of 1e-9 never share a double and no
 * shorter decimal (also a multiple of 1e-9) can round-trip.  This skips the
 * search of go_float, which cost a sixth of a liveness run.  Outside that
 * range the general search decides. */
static void go_seconds(simtime_t ns, char *buf, size_t len)
{
	if (ns < 100000 || ns >= INT64_C(1000000000000000)) {
		go_float((double)ns / 1e9, buf, len);
		return;
	}
	int n = snprintf(buf, len, "%lld.%09lld", (long long)(ns / NSEC_PER_SEC),
			 (long long)(ns % NSEC_PER_SEC));
	assert(n > 0 && (size_t)n < len);
	while (buf[n - 1] == '0')
		n--;
	if (buf[n - 1] == '.')
		n--;
	buf[n] = '\0';
}

/* The body with "{uptime}" replaced by the uptime in seconds. */
static const char *fill_body(behavior_proc *p, const char *body, simtime_t uptime)
{
	const char *mark = body ? strstr(body, "{uptime}") : NULL;
	if (!mark)
		return body ? body : "";
	char secs[64];
	go_seconds(uptime, secs, sizeof(secs));
	snprintf(p->body, sizeof(p->body), "%.*s%s%s", (int)(mark - body), body, secs, mark + 8);
	return p->body;
}

/* The value of query parameter name in path, URL-unescaped as Go's
 * url.QueryUnescape does ('+' is a space); "" if absent or malformed. */
static void query_param(const char *path, const char *name, char *out, size_t len)
{
	const char *q = strchr(path, '?');
	size_t n = strlen(name), o = 0;
	out[0] = '\0';
	for (const char *k = q; k; k = strchr(k + 1, '&')) {
		if (strncmp(k + 1, name, n) || k[1 + n] != '=')
			continue;
		for (const char *v = k + 2 + n; *v && *v != '&' && o + 1 < len; v++) {
			unsigned hi, lo;
			if (*v == '%' && sscanf(v + 1, "%1x%1x", &hi, &lo) == 2) {
				out[o++] = (char)(hi * 16 + lo);
				v += 2;
			} else {
				out[o++] = *v == '+' ? ' ' : *v;
			}
		}
		out[o] = '\0';
		return;
	}
}

/* The Location of a redirect step: "{loc}" is the request's loc parameter;
 * a relative one is made absolute against the request's directory, as Go's
 * http.Redirect does. */
static void fill_location(behavior_proc *p, const response_step *st, const char *path)
{
	char loc[200];
	p->location[0] = '\0';
	if (!st || !st->location)
		return;
	if (!strcmp(st->location, "{loc}"))
		query_param(path, "loc", loc, sizeof(loc));
	else
		snprintf(loc, sizeof(loc), "%s", st->location);
	int dir = (int)strcspn(path, "?");
	while (dir > 0 && path[dir - 1] != '/')
		dir--;
	bool absolute = loc[0] == '/' || strstr(loc, "://");
	snprintf(p->location, sizeof(p->location), "%.*s%s", absolute ? 0 : dir > 0 ? dir : 1,
		 dir > 0 ? path : "/", loc);
}

/* Go's http.Redirect body for a GET: a link to the Location. */
static const char *redirect_body(behavior_proc *p, int status)
{
	static const struct { int code; const char *text; } texts[] = {
		{301, "Moved Permanently"}, {302, "Found"}, {303, "See Other"},
		{307, "Temporary Redirect"}, {308, "Permanent Redirect"},
	};
	const char *text = NULL;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].code == status)
			text = texts[i].text;
	if (!text)
		return "";
	snprintf(p->body, sizeof(p->body), "<a href=\"%s\">%s</a>.\n\n", p->location, text);
	return p->body;
}

const char *behavior_http_location(const behavior_proc *p)
{
	return p->location[0] ? p->location : NULL;
}

static simtime_t latency_of(behavior_proc *p, const endpoint_spec *e)
{
	return draw(&e->latency, p->rng, MSEC(1));
}

/* Endpoint of protocol proto (any protocol if proto < 0) on port. */
static const endpoint_spec *find_port(const behavior_proc *p, int port, int proto)
{
	for (int i = 0; i < p->prog->n_endpoints; i++) {
		const endpoint_spec *e = &p->prog->endpoints[i];
		if (e->port == port && (proto < 0 || (int)e->proto == proto))
			return e;
	}
	return NULL;
}

static const endpoint_spec *find_http(const behavior_proc *p, int port, const char *path)
{
	size_t len = strcspn(path, "?");
	const endpoint_spec *any = NULL;
	for (int i = 0; i < p->prog->n_endpoints; i++) {
		const endpoint_spec *e = &p->prog->endpoints[i];
		if (e->port != port || e->proto != ENDPOINT_HTTP)
			continue;
		if (e->path && strlen(e->path) == len && !strncmp(e->path, path, len))
			return e;
		if (!e->path || !strcmp(e->path, "*"))
			any = e;
	}
	return any;
}

net_result behavior_http_get(behavior_proc *p, int port, const char *path, simtime_t now,
			     int *status, const char **body, simtime_t *latency)
{
	behavior_proc_advance(p, now);
	simtime_t uptime = now - p->start;
	const endpoint_spec *srv = find_port(p, port, ENDPOINT_HTTP);
	const endpoint_spec *e = find_http(p, port, path ? path : "/");
	*status = 0;
	*body = "";
	*latency = 0;
	p->location[0] = '\0';
	if (p->st.exited || !srv || !listening(p, srv, uptime))
		return NET_REFUSED;
	if (hung(p, now)) {
		*latency = SIM_TIME_LIMIT;
		return NET_OK;
	}
	*latency = slowed(p, now, latency_of(p, e ? e : srv));
	if (!e) { /* the server is there but has no handler: Go's mux answers 404 */
		*status = 404;
		*body = "404 page not found\n";
		return NET_OK;
	}
	const response_step *st = active_step(p, e, uptime);
	if (st && st->status == 0) {
		*latency = 0;
		return NET_REFUSED;
	}
	*status = st ? st->status : 200;
	fill_location(p, st, path ? path : "/");
	*body = p->location[0] && !(st && st->body) ? redirect_body(p, *status)
						     : fill_body(p, st ? st->body : NULL, uptime);
	return NET_OK;
}

net_result behavior_tcp_connect(behavior_proc *p, int port, simtime_t now, simtime_t *latency)
{
	behavior_proc_advance(p, now);
	simtime_t uptime = now - p->start;
	const endpoint_spec *e = find_port(p, port, -1);
	*latency = 0;
	if (p->st.exited || !e || !listening(p, e, uptime))
		return NET_REFUSED;
	const response_step *st = e->proto == ENDPOINT_TCP ? active_step(p, e, uptime) : NULL;
	if (st && st->status == 0)
		return NET_REFUSED;
	*latency = latency_of(p, e);
	return NET_OK;
}

net_result behavior_grpc_check(behavior_proc *p, int port, const char *service, simtime_t now,
			       bool *serving, simtime_t *latency)
{
	(void)service; /* every service name gets the server's overall status */
	behavior_proc_advance(p, now);
	simtime_t uptime = now - p->start;
	const endpoint_spec *any = find_port(p, port, -1);
	const endpoint_spec *e = find_port(p, port, ENDPOINT_GRPC);
	*serving = false;
	*latency = 0;
	if (p->st.exited || !any || !listening(p, any, uptime))
		return NET_REFUSED;
	if (hung(p, now)) {
		*latency = SIM_TIME_LIMIT;
		return NET_OK;
	}
	*latency = slowed(p, now, latency_of(p, e ? e : any));
	if (e) { /* a server that is not gRPC accepts the connection but cannot answer */
		const response_step *st = active_step(p, e, uptime);
		*serving = !st || st->status != 0;
	}
	return NET_OK;
}

/* Healthy by its behaviour at now: not hung, and no endpoint that listens
 * answers a failure by its response steps (HTTP 400 and up, a refusing TCP
 * or NOT_SERVING gRPC step).  Still starting up counts as healthy. */
static bool healthy(behavior_proc *p, simtime_t now)
{
	simtime_t uptime = now - p->start;
	if (hung(p, now))
		return false;
	for (int i = 0; i < p->prog->n_endpoints; i++) {
		const endpoint_spec *e = &p->prog->endpoints[i];
		const response_step *st = listening(p, e, uptime) ? active_step(p, e, uptime) : NULL;
		if (st && (e->proto == ENDPOINT_HTTP ? st->status >= 400 : st->status == 0))
			return false;
	}
	return true;
}

/* ---- answer stability (for probe workers that skip inert ticks) ------------- */

static simtime_t min_t(simtime_t a, simtime_t b)
{
	return a < b ? a : b;
}

/* First instant > now at which active_step(p, e, .) may change. */
static simtime_t next_step_change(const behavior_proc *p, const endpoint_spec *e,
				  simtime_t uptime, simtime_t now)
{
	const simtime_t *after = times_of(p, e) + 1;
	simtime_t best = SIMTIME_NEVER;
	simtime_t u = e->repeat > 0 ? uptime % e->repeat : uptime;
	if (e->repeat > 0)
		best = now + (e->repeat - u); /* the cycle starts over */
	for (int i = 0; i < e->n_steps; i++) {
		simtime_t b = after[i] > 0 ? after[i] + 1 : 0;
		if (b > u)
			best = min_t(best, now + (b - u));
	}
	return best;
}

bool behavior_answer_stable(behavior_proc *p, int kind, int port, const char *path,
			    simtime_t now, simtime_t *until)
{
	behavior_proc_advance(p, now);
	if (p->st.exited)
		return false;
	const endpoint_spec *eps[2] = {NULL, NULL};
	if (kind == HANDLER_HTTP_GET) {
		eps[0] = find_port(p, port, ENDPOINT_HTTP);
		eps[1] = find_http(p, port, path ? path : "/");
	} else if (kind == HANDLER_TCP_SOCKET || kind == HANDLER_GRPC) {
		eps[0] = find_port(p, port, -1);
		eps[1] = find_port(p, port, ENDPOINT_GRPC);
	} else {
		return false;
	}
	simtime_t uptime = now - p->start, next = behavior_proc_next_wakeup(p);
	for (int k = 0; k < 2; k++) {
		const endpoint_spec *e = eps[k];
		if (!e)
			continue;
		if (e->latency.kind != DIST_NONE && e->latency.kind != DIST_CONST)
			return false;
		for (int i = 0; i < e->n_steps; i++)
			if (e->steps[i].location)
				return false; /* the answer is the target's, which may change */
		if (!listening(p, e, uptime))
			next = min_t(next, p->start + times_of(p, e)[0]);
		next = min_t(next, next_step_change(p, e, uptime, now));
	}
	if (p->faults) {
		faults_now f = faults_at(p->faults, now);
		if (f.slow)
			return false; /* conservative: the extra latency may be drawn */
		next = min_t(next, f.next_change);
	}
	*until = next;
	return true;
}

/* ---- exec and logs ------------------------------------------------------------- */

int behavior_exec(behavior_proc *p, char *const *argv, int argc, simtime_t now, char *output,
		  size_t outlen, simtime_t *latency)
{
	assert(outlen > 0);
	behavior_proc_advance(p, now);
	*latency = 0;
	if (p->st.exited) {
		snprintf(output, outlen, "container is not running");
		return 126;
	}
	if (hung(p, now)) {
		*latency = SIM_TIME_LIMIT;
		snprintf(output, outlen, "%s", "");
		return 0;
	}
	const shell_script *s = NULL;
	shell_script *tmp = NULL;
	bool stops = false;
	for (int i = 0; i < p->prog->n_execs && !s; i++) {
		const exec_entry *e = &p->prog->execs[i];
		bool same = e->argc == argc;
		for (int j = 0; same && j < argc; j++)
			same = !strcmp(e->argv[j], argv[j]);
		s = same ? e->s : NULL;
		stops = same && e->stops_main;
	}
	if (stops) /* nginx -s quit, killall nginx: the main program gets its stop signal */
		behavior_proc_signal(p, SIG_TERM, now);
	if (!s) {
		char **ignored = NULL;
		int n_ignored = 0;
		s = tmp = behavior_script_for(argv, argc, SHELL_EXEC, "", &ignored, &n_ignored);
		for (int i = 0; i < n_ignored; i++)
			free(ignored[i]);
		free(ignored);
	}
	shell_out out;
	shell_out_init(&out);
	int rc = shell_exec(s, p->fs, &out, p->epoch_unix, now, latency);
	*latency = slowed(p, now, *latency);
	simtime_t gone = p->term_exit_at < p->self_exit_at ? p->term_exit_at : p->self_exit_at;
	if (stops && gone < SIMTIME_NEVER && gone - now < *latency) {
		/* PID 1's exit ends every process of the container, this exec too */
		*latency = gone - now;
		rc = 137;
	}
	shell_out_join(&out, output, outlen);
	shell_out_release(&out);
	shell_script_free(tmp);
	return rc;
}

int behavior_proc_log(const behavior_proc *p, const char *const **lines)
{
	*lines = (const char *const *)p->log.lines;
	return p->log.n;
}

bool behavior_proc_log_cut(const behavior_proc *p)
{
	return p->log_cut;
}

const char *behavior_proc_log_partial(const behavior_proc *p, size_t *len)
{
	*len = p->log.partial_len;
	return p->log.partial;
}
