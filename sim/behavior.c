/* behavior.c - what a container's process does: overrides, shell subset, image catalogue, fallback.
 *
 * The kubelet only ever sees a container's process from outside: it starts,
 * it answers (or refuses) probes, it exits by itself with a code, or it
 * reacts to the runtime's SIGTERM / SIGKILL.  A behavior_program captures
 * exactly that surface, compiled once per container spec from four sources
 * in decreasing precedence: the Simulation document's overrides (field by
 * field, later entries winning), the container's command/args when they run
 * the shell subset (sh -c SCRIPT, or an exec-form builtin such as
 * ["sleep","3600"]), the image catalogue (repository plus, for agnhost-style
 * images, the first argument), and finally a long-running server on every
 * declared port with a warning.  Shell scripts serve no endpoints (a busybox
 * httpd is outside the subset); a process from the catalogue has an empty
 * filesystem that exec probes can still write into.
 *
 * Exit codes follow the container runtime (containerd): SIGKILL gives 137
 * with signal 9, an OOM kill 137 with the oom flag, a process that handles
 * SIGTERM exits with its own code (the Go liveness server: 2, because the Go
 * runtime exits 2 on a signal it does not handle when it is PID 1 - see
 * kubelet-semantics.md section 6.1).  A shell as PID 1 ignores SIGTERM unless
 * it traps it (shellrun.c).
 *
 * Override semantics on a shell script (documented for scenario authors):
 * runTime is a deadline - the process exits at the earlier of the script's
 * own end and the deadline; exitCode replaces the status of the script's own
 * exit (not of one caused by SIGTERM); oomKilled without any runTime kills
 * at uptime 0; sigterm replaces the PID 1 shell rules.  exitCode alone on a
 * process that never exits by itself changes nothing.
 *
 * Response steps: the first step applies from uptime 0, a later step with
 * after > 0 applies once uptime > after (strictly), so the liveness image's
 * "200 while up for at most 10 s" is written as steps at 0 and 10s.  Before
 * the first step (if it has after > 0) the endpoint answers 200 / open.
 *
 * Every random duration (runTime, the SIGTERM delay) is drawn once at start,
 * in that order; probe latencies are drawn per call from the same stream,
 * which the proc borrows until it is freed.
 */
#include "behavior.h"

#include "shell.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
	TERM_SHELL,  /* PID 1 shell rules (shellrun.c) */
	TERM_IGNORE, /* keeps running until SIGKILL */
	TERM_EXIT    /* exits with term_exit after term_delay */
} term_mode;

/* An exec handler of the container, compiled once. */
typedef struct exec_entry {
	char **argv; /* owned copy, the lookup key */
	int argc;
	shell_script *s; /* owned */
} exec_entry;

struct behavior_program {
	char *summary;        /* owned */
	shell_script *script; /* owned; NULL: a process without a script */
	bool has_run_time;
	dist_spec run_time;
	bool has_exit_code;
	int exit_code;
	bool oom;
	term_mode term;
	int term_exit;
	dist_spec term_delay;
	endpoint_spec *endpoints; /* array owned; paths and steps borrowed from the scenario */
	int n_endpoints;
	exec_entry *execs; /* owned */
	int n_execs;
};

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
	char body[256]; /* the last HTTP body with {uptime} filled in */
};

static simtime_t draw(const dist_spec *d, rng_stream *rng, simtime_t dflt)
{
	if (d->kind == DIST_NONE)
		return dflt;
	assert(d->kind == DIST_CONST || rng);
	return dist_sample(d, rng);
}

/* ---- compile: which source gives the process ---------------------------- */

static void add_warning(char ***warnings, int *n_warnings, char *msg)
{
	*warnings = xrealloc(*warnings, (size_t)(*n_warnings + 1) * sizeof(char *));
	(*warnings)[(*n_warnings)++] = msg;
}

static char *loc_prefix(src_loc loc, const char *what)
{
	if (!loc.file)
		return xasprintf("%s", what);
	return xasprintf("%s:%d:%d: %s", loc.file, loc.line, loc.col, what);
}

static bool is_shell(const char *argv0)
{
	static const char *const shells[] = { "sh", "/bin/sh", "bash", "/bin/bash", "ash",
					      "/bin/ash", "/usr/bin/bash", "dash", "/bin/dash" };
	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		if (!strcmp(argv0, shells[i]))
			return true;
	return false;
}

/* "-c", "-ec", "-lc", ...: an option word that makes the next word the script. */
static bool is_dash_c(const char *a)
{
	return a[0] == '-' && strchr(a, 'c') && strspn(a + 1, "cexul") == strlen(a + 1);
}

/* The script argv runs, if it is a shell invocation or a builtin; else NULL.
 * In SHELL_EXEC mode anything else becomes a one-command script too. */
static shell_script *script_for(char *const *argv, int argc, shell_mode mode, const char *prefix,
				char ***warnings, int *n_warnings)
{
	if (argc >= 2 && is_shell(argv[0]) && is_dash_c(argv[1])) {
		if (strchr(argv[1], 'e'))
			add_warning(warnings, n_warnings,
				    xasprintf("%s%s: -e (exit on error) is not modelled; ignored", prefix,
					      argv[0]));
		if (argc == 2) {
			char *const fail[] = { "exit", "2" };
			add_warning(warnings, n_warnings,
				    xasprintf("%s%s %s needs a script; the shell exits 2", prefix,
					      argv[0], argv[1]));
			return shell_from_argv(fail, 2, mode, prefix, NULL, NULL);
		}
		return shell_parse(argv[2], mode, prefix, warnings, n_warnings);
	}
	if (argc == 1 && is_shell(argv[0]))
		return shell_parse("", mode, prefix, warnings, n_warnings); /* no tty: reads EOF */
	if (argc >= 2 && is_shell(argv[0])) {
		add_warning(warnings, n_warnings,
			    xasprintf("%s%s running a script file is outside podsim's shell subset; "
				      "%s", prefix, argv[0],
				      mode == SHELL_MAIN ? "it runs until signalled"
							 : "it is assumed to exit 0 at once"));
		return shell_from_argv(argv, argc, mode, prefix, NULL, NULL);
	}
	if (mode == SHELL_EXEC || (argc && shell_is_builtin(argv[0])))
		return argc ? shell_from_argv(argv, argc, mode, prefix, warnings, n_warnings)
			    : shell_parse("", mode, prefix, warnings, n_warnings);
	return NULL;
}

/* command ++ args, or args alone (borrowed strings; the array is owned). */
static char **joined_argv(const container_spec *c, int *argc)
{
	char **v = xcalloc((size_t)(c->n_command + c->n_args + 1), sizeof(char *));
	int n = 0;
	for (int i = 0; i < c->n_command; i++)
		v[n++] = c->command[i];
	for (int i = 0; i < c->n_args; i++)
		v[n++] = c->args[i];
	*argc = n;
	return v;
}

/* Repository of an image reference: no tag, no digest, no Docker Hub prefix. */
static char *normalise_image(const char *image)
{
	char *s = xstrdup(image);
	char *at = strchr(s, '@');
	if (at)
		*at = '\0';
	char *slash = strrchr(s, '/');
	char *colon = strchr(slash ? slash : s, ':');
	if (colon)
		*colon = '\0';
	const char *p = s;
	static const char *const hub[] = { "docker.io/", "index.docker.io/" };
	for (int i = 0; i < 2; i++)
		if (!strncmp(p, hub[i], strlen(hub[i])))
			p += strlen(hub[i]);
	if (!strncmp(p, "library/", 8))
		p += 8;
	char *out = xstrdup(p);
	free(s);
	return out;
}

static const behavior_spec *catalogue_match(const container_spec *c, const behavior_spec *cat,
					    int n)
{
	const char *arg0 = c->n_args ? c->args[0] : c->n_command ? c->command[0] : NULL;
	char *repo = normalise_image(c->image ? c->image : "");
	const behavior_spec *found = NULL;
	for (int i = 0; i < n; i++) {
		if (!cat[i].image)
			continue;
		char *entry = normalise_image(cat[i].image);
		if (!strcmp(entry, repo) && (!cat[i].arg0 || (arg0 && !strcmp(arg0, cat[i].arg0))))
			found = &cat[i];
		free(entry);
	}
	free(repo);
	return found;
}

static void set_endpoints(behavior_program *prog, const endpoint_spec *e, int n)
{
	free(prog->endpoints);
	prog->endpoints = n ? xmalloc((size_t)n * sizeof(*e)) : NULL;
	if (n)
		memcpy(prog->endpoints, e, (size_t)n * sizeof(*e));
	prog->n_endpoints = n;
}

/* Apply the fields a spec sets (all of a catalogue entry, has_* of an override). */
static void apply_spec(behavior_program *prog, const behavior_spec *b)
{
	if (b->has_run_time) {
		prog->has_run_time = true;
		prog->run_time = b->run_time;
	}
	if (b->has_exit_code) {
		prog->has_exit_code = true;
		prog->exit_code = b->exit_code;
	}
	prog->oom |= b->oom_killed;
	if (b->has_sigterm) {
		prog->term = b->sigterm_exit < 0 ? TERM_IGNORE : TERM_EXIT;
		prog->term_exit = b->sigterm_exit < 0 ? 0 : b->sigterm_exit;
		prog->term_delay = b->sigterm_delay;
	}
	if (b->has_endpoints || b->n_endpoints)
		set_endpoints(prog, b->endpoints, b->n_endpoints);
}

/* Unknown image: a server answering on every declared TCP port (HTTP 200
 * on every path, TCP open, gRPC SERVING), exiting 0 at once on SIGTERM. */
static char *fallback_server(behavior_program *prog, const container_spec *c)
{
	const char *image = c->image ? c->image : "";
	char ports[256] = "";
	size_t used = 0;
	prog->endpoints = xcalloc((size_t)(2 * c->n_ports + 1), sizeof(endpoint_spec));
	for (int i = 0; i < c->n_ports; i++) {
		const port_spec *ps = &c->ports[i];
		if (ps->protocol && strcmp(ps->protocol, "TCP"))
			continue;
		endpoint_spec *e = &prog->endpoints[prog->n_endpoints];
		e[0] = (endpoint_spec){ .proto = ENDPOINT_HTTP, .port = ps->container_port };
		e[1] = (endpoint_spec){ .proto = ENDPOINT_GRPC, .port = ps->container_port };
		prog->n_endpoints += 2;
		used += (size_t)snprintf(ports + used, used < sizeof(ports) ? sizeof(ports) - used : 0,
					 "%s%d", used ? ", " : "", ps->container_port);
	}
	return used ? xasprintf("long-running server on port%s %s (image \"%s\" not in the "
				"catalogue)", strchr(ports, ',') ? "s" : "", ports, image)
		    : xasprintf("long-running process (image \"%s\" not in the catalogue)", image);
}

static bool override_matches(const behavior_spec *o, const pod_spec *p, const container_spec *c)
{
	return (!o->pod || !strcmp(o->pod, "*") || !strcmp(o->pod, p->name)) &&
	       (!o->container || !strcmp(o->container, "*") || !strcmp(o->container, c->name));
}

/* " (overridden: ...)" describing what the matching overrides changed. */
static void describe_overrides(const behavior_program *prog, const behavior_spec *o, int n,
			       const pod_spec *p, const container_spec *c, char *buf, size_t len)
{
	bool any = false;
	for (int i = 0; i < n; i++)
		any |= override_matches(&o[i], p, c);
	buf[0] = '\0';
	if (!any)
		return;
	char rt[64] = "", dl[64] = "";
	dist_format(&prog->run_time, rt, sizeof(rt));
	dist_format(&prog->term_delay, dl, sizeof(dl));
	size_t u = (size_t)snprintf(buf, len, "; overridden:");
	if (prog->oom)
		u += (size_t)snprintf(buf + u, u < len ? len - u : 0, " OOMKilled after %s,",
				      prog->has_run_time ? rt : "0s");
	else if (prog->has_run_time)
		u += (size_t)snprintf(buf + u, u < len ? len - u : 0, " exits %d after %s,",
				      prog->has_exit_code ? prog->exit_code : 0, rt);
	if (prog->term == TERM_IGNORE)
		u += (size_t)snprintf(buf + u, u < len ? len - u : 0, " ignores SIGTERM,");
	else if (prog->term == TERM_EXIT)
		u += (size_t)snprintf(buf + u, u < len ? len - u : 0, " SIGTERM -> exit %d after %s,",
				      prog->term_exit, prog->term_delay.kind ? dl : "0s");
	snprintf(buf + u, u < len ? len - u : 0, " %d endpoint%s", prog->n_endpoints,
		 prog->n_endpoints == 1 ? "" : "s");
}

/* Exec probes and hooks are compiled now so that their warnings appear once. */
static void compile_execs(behavior_program *prog, const container_spec *c, char ***warnings,
			  int *n_warnings)
{
	const probe_spec *probes[] = { c->liveness, c->readiness, c->startup };
	const char *pnames[] = { "livenessProbe exec: ", "readinessProbe exec: ", "startupProbe exec: " };
	const handler_spec *hooks[] = { c->post_start, c->pre_stop };
	const char *hnames[] = { "postStart exec: ", "preStop exec: " };
	prog->execs = xcalloc(5, sizeof(exec_entry));
	for (int i = 0; i < 5; i++) {
		const handler_spec *h = i < 3 ? (probes[i] ? &probes[i]->handler : NULL) : hooks[i - 3];
		if (!h || h->kind != HANDLER_EXEC)
			continue;
		src_loc loc = i < 3 && probes[i]->loc.file ? probes[i]->loc : c->loc;
		char *prefix = loc_prefix(loc, i < 3 ? pnames[i] : hnames[i - 3]);
		exec_entry *e = &prog->execs[prog->n_execs++];
		e->argc = h->exec_argc;
		e->argv = xcalloc((size_t)h->exec_argc + 1, sizeof(char *));
		for (int j = 0; j < h->exec_argc; j++)
			e->argv[j] = xstrdup(h->exec_argv[j]);
		e->s = script_for(e->argv, e->argc, SHELL_EXEC, prefix, warnings, n_warnings);
		free(prefix);
	}
}

/* Levels 2-4: the container's own command, the catalogue, the fallback.
 * described: a behaviour override says what the process does, so the
 * fallback needs no warning. */
static char *compile_base(behavior_program *prog, const container_spec *c,
			  const behavior_spec *cat, int n_cat, bool described, char ***warnings,
			  int *n_warnings)
{
	int argc;
	char **argv = joined_argv(c, &argc);
	char *prefix = loc_prefix(c->loc, "command: ");
	char *desc;
	prog->script = script_for(argv, argc, SHELL_MAIN, prefix, warnings, n_warnings);
	const behavior_spec *e = prog->script ? NULL : catalogue_match(c, cat, n_cat);
	if (prog->script) {
		bool sh = argc > 2 && is_shell(argv[0]) && is_dash_c(argv[1]);
		char words[80] = "";
		size_t u = 0;
		for (int i = sh ? 2 : 0; i < (sh ? 3 : argc) && u < sizeof(words); i++)
			u += (size_t)snprintf(words + u, sizeof(words) - u, "%s%s", i && !sh ? " " : "",
					      argv[i]);
		desc = xasprintf("runs %s\"%.60s%s\"", sh ? "sh -c " : "", words,
				 strlen(words) > 60 ? "..." : "");
		prog->term = TERM_SHELL;
	} else if (e) {
		apply_spec(prog, e);
		desc = xasprintf("image catalogue \"%s\"%s%s: %s", e->image, e->arg0 ? " " : "",
				 e->arg0 ? e->arg0 : "", e->description ? e->description : "");
	} else {
		const char *image = c->image ? c->image : "";
		char *where = loc_prefix(c->loc, "");
		if (!described)
			add_warning(warnings, n_warnings,
				    xasprintf("%simage \"%s\" is not in the image catalogue; assuming a "
					      "long-running server that exits 0 on SIGTERM", where, image));
		free(where);
		desc = fallback_server(prog, c);
	}
	free(prefix);
	free(argv);
	return desc;
}

behavior_program *behavior_compile(const pod_spec *p, const container_spec *c,
				   const behavior_spec *overrides, int n_overrides,
				   const behavior_spec *catalogue, int n_catalogue,
				   char ***warnings, int *n_warnings)
{
	assert(p && c && warnings && n_warnings);
	behavior_program *prog = xcalloc(1, sizeof(*prog));
	prog->term = TERM_EXIT; /* exit 0 at once unless a source says otherwise */
	bool described = false;
	for (int i = 0; i < n_overrides; i++)
		described |= override_matches(&overrides[i], p, c) &&
			     (overrides[i].has_endpoints || overrides[i].has_sigterm ||
			      overrides[i].has_run_time);
	char *desc = compile_base(prog, c, catalogue, n_catalogue, described, warnings, n_warnings);
	for (int i = 0; i < n_overrides; i++)
		if (override_matches(&overrides[i], p, c))
			apply_spec(prog, &overrides[i]);
	char extra[256];
	describe_overrides(prog, overrides, n_overrides, p, c, extra, sizeof(extra));
	prog->summary = xasprintf("%s%s", desc, extra);
	free(desc);
	compile_execs(prog, c, warnings, n_warnings);
	return prog;
}

void behavior_program_free(behavior_program *prog)
{
	if (!prog)
		return;
	for (int i = 0; i < prog->n_execs; i++) {
		for (int j = 0; j < prog->execs[i].argc; j++)
			free(prog->execs[i].argv[j]);
		free(prog->execs[i].argv);
		shell_script_free(prog->execs[i].s);
	}
	free(prog->execs);
	shell_script_free(prog->script);
	free(prog->endpoints);
	free(prog->summary);
	free(prog);
}

const char *behavior_program_summary(const behavior_program *prog)
{
	return prog->summary;
}

/* ---- a running instance ---------------------------------------------------- */

static void finish(behavior_proc *p, int code, int signo, bool oom, simtime_t at)
{
	p->st = (proc_exit){ true, code & 255, signo, oom, at };
	if (p->log.partial) { /* at EOF containerd logs the unterminated line (runtime.c) */
		shell_out_write(&p->log, "\n");
		p->log_cut = true;
	}
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
	if (prog->script)
		p->run = shell_run_start(prog->script, p->fs, &p->log, epoch_unix, now);
	behavior_proc_advance(p, now);
	return p;
}

void behavior_proc_free(behavior_proc *p)
{
	if (!p)
		return;
	shell_run_free(p->run);
	shell_out_release(&p->log);
	free(p);
}

simtime_t behavior_proc_next_wakeup(const behavior_proc *p)
{
	if (p->st.exited)
		return SIMTIME_NEVER;
	simtime_t t = p->self_exit_at < p->term_exit_at ? p->self_exit_at : p->term_exit_at;
	simtime_t r = p->run ? shell_run_next_wakeup(p->run) : SIMTIME_NEVER;
	return r < t ? r : t;
}

void behavior_proc_advance(behavior_proc *p, simtime_t now)
{
	assert(now >= p->now);
	simtime_t tx = p->self_exit_at < p->term_exit_at ? p->self_exit_at : p->term_exit_at;
	int status;
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
		if (tx == p->term_exit_at)
			finish(p, p->prog->term_exit, 0, false, tx);
		else if (p->prog->oom)
			finish(p, 137, SIG_KILL, true, tx);
		else
			finish(p, p->prog->has_exit_code ? p->prog->exit_code : 0, 0, false, tx);
	}
	p->now = now;
}

proc_exit behavior_proc_status(const behavior_proc *p)
{
	return p->st;
}

void behavior_proc_signal(behavior_proc *p, int signo, simtime_t now)
{
	assert(signo == SIG_TERM || signo == SIG_KILL);
	behavior_proc_advance(p, now);
	if (p->st.exited)
		return;
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

/* The step in force at uptime, or NULL for the default (200 / open). */
static const response_step *active_step(const endpoint_spec *e, simtime_t uptime)
{
	simtime_t u = e->repeat > 0 ? uptime % e->repeat : uptime;
	const response_step *found = NULL;
	for (int i = 0; i < e->n_steps; i++)
		if (e->steps[i].after == 0 ? u >= 0 : u > e->steps[i].after)
			found = &e->steps[i];
	return found;
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
	if (p->st.exited || !srv || uptime < srv->listen_after)
		return NET_REFUSED;
	*latency = latency_of(p, e ? e : srv);
	if (!e) { /* the server is there but has no handler: Go's mux answers 404 */
		*status = 404;
		*body = "404 page not found\n";
		return NET_OK;
	}
	const response_step *st = active_step(e, uptime);
	if (st && st->status == 0) {
		*latency = 0;
		return NET_REFUSED;
	}
	*status = st ? st->status : 200;
	*body = fill_body(p, st ? st->body : NULL, uptime);
	return NET_OK;
}

net_result behavior_tcp_connect(behavior_proc *p, int port, simtime_t now, simtime_t *latency)
{
	behavior_proc_advance(p, now);
	simtime_t uptime = now - p->start;
	const endpoint_spec *e = find_port(p, port, -1);
	*latency = 0;
	if (p->st.exited || !e || uptime < e->listen_after)
		return NET_REFUSED;
	const response_step *st = e->proto == ENDPOINT_TCP ? active_step(e, uptime) : NULL;
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
	if (p->st.exited || !any || uptime < any->listen_after)
		return NET_REFUSED;
	*latency = latency_of(p, e ? e : any);
	if (e) { /* a server that is not gRPC accepts the connection but cannot answer */
		const response_step *st = active_step(e, uptime);
		*serving = !st || st->status != 0;
	}
	return NET_OK;
}

/* ---- answer stability (for probe workers that skip inert ticks) ------------- */

static simtime_t min_t(simtime_t a, simtime_t b)
{
	return a < b ? a : b;
}

/* First instant > now at which active_step(e, .) may change. */
static simtime_t next_step_change(const endpoint_spec *e, simtime_t uptime, simtime_t now)
{
	simtime_t best = SIMTIME_NEVER;
	simtime_t u = e->repeat > 0 ? uptime % e->repeat : uptime;
	if (e->repeat > 0)
		best = now + (e->repeat - u); /* the cycle starts over */
	for (int i = 0; i < e->n_steps; i++) {
		simtime_t b = e->steps[i].after > 0 ? e->steps[i].after + 1 : 0;
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
		if (uptime < e->listen_after)
			next = min_t(next, p->start + e->listen_after);
		next = min_t(next, next_step_change(e, uptime, now));
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
	const shell_script *s = NULL;
	shell_script *tmp = NULL;
	for (int i = 0; i < p->prog->n_execs && !s; i++) {
		const exec_entry *e = &p->prog->execs[i];
		bool same = e->argc == argc;
		for (int j = 0; same && j < argc; j++)
			same = !strcmp(e->argv[j], argv[j]);
		s = same ? e->s : NULL;
	}
	if (!s) {
		char **ignored = NULL;
		int n_ignored = 0;
		s = tmp = script_for(argv, argc, SHELL_EXEC, "", &ignored, &n_ignored);
		for (int i = 0; i < n_ignored; i++)
			free(ignored[i]);
		free(ignored);
	}
	shell_out out;
	shell_out_init(&out);
	int rc = shell_exec(s, p->fs, &out, p->epoch_unix, now, latency);
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
