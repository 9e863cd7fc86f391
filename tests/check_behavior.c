/* check_behavior.c - behaviour programs: precedence, seed manifests, signals, probes, exec. */
#include "behavior.h"
#include "shell.h"
#include "faults.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- hand-built specs (no YAML loader) -------------------------------------- */

#define CONST(d) { DIST_CONST, (d), 0, 0 }

static response_step live_steps[] = { { CONST(0), 200, "ok", NULL },
				      { CONST(SEC(10)), 500, "error: {uptime}", NULL } };
static response_step echo_steps[] = { { CONST(0), 200, "{uptime}", NULL } };
static response_step flap_steps[] = { { CONST(0), 200, NULL, NULL }, { CONST(SEC(5)), 500, "down", NULL } };
static response_step tcp_off_steps[] = { { CONST(0), 1, NULL, NULL }, { CONST(SEC(4)), 0, NULL, NULL } };
static endpoint_spec live_eps[] = {
	{ .proto = ENDPOINT_HTTP, .port = 8080, .path = "/healthz", .steps = live_steps, .n_steps = 2 },
	{ .proto = ENDPOINT_HTTP, .port = 8080, .path = "/" },
};
static endpoint_spec echo_eps[] = {
	{ .proto = ENDPOINT_HTTP, .port = 8080, .path = "/", .steps = echo_steps, .n_steps = 1 },
};
static endpoint_spec nginx_eps[] = {
	{ .proto = ENDPOINT_HTTP, .port = 80, .path = NULL,
	  .latency = { DIST_UNIFORM, MSEC(10), MSEC(50), 0 } },
};
static endpoint_spec netexec_eps[] = { { .proto = ENDPOINT_HTTP, .port = 8080, .path = "*" } };
static endpoint_spec pg_eps[] = { { .proto = ENDPOINT_TCP, .port = 5432, .listen_after = CONST(SEC(3)) } };
static endpoint_spec flap_eps[] = {
	{ .proto = ENDPOINT_HTTP, .port = 9000, .path = "/", .steps = flap_steps, .n_steps = 2,
	  .repeat = SEC(10) },
	{ .proto = ENDPOINT_TCP, .port = 9001, .steps = tcp_off_steps, .n_steps = 2 },
	{ .proto = ENDPOINT_GRPC, .port = 9002, .steps = tcp_off_steps, .n_steps = 2 },
};

static behavior_spec catalogue[] = {
	{ .image = "mirrorgooglecontainers/liveness", .description = "liveness server",
	  .has_sigterm = true, .sigterm_exit = 2, .sigterm_delay = CONST(0),
	  .endpoints = live_eps, .n_endpoints = 2, .has_endpoints = true },
	{ .image = "registry.k8s.io/e2e-test-images/agnhost", .description = "agnhost",
	  .has_sigterm = true, .sigterm_exit = 0, .endpoints = netexec_eps, .n_endpoints = 1 },
	{ .image = "registry.k8s.io/e2e-test-images/agnhost", .arg0 = "liveness",
	  .description = "agnhost liveness", .has_sigterm = true, .sigterm_exit = 2,
	  .endpoints = live_eps, .n_endpoints = 2 },
	{ .image = "nginx", .description = "nginx", .has_sigterm = true, .sigterm_exit = 0,
	  .sigterm_delay = CONST(MSEC(100)), .endpoints = nginx_eps, .n_endpoints = 1 },
	{ .image = "docker.io/library/postgres", .description = "postgres", .has_sigterm = true,
	  .endpoints = pg_eps, .n_endpoints = 1 },
	{ .image = "flappy", .description = "flaps", .endpoints = flap_eps, .n_endpoints = 3 },
	{ .image = "uptime-echo", .description = "answers its uptime", .endpoints = echo_eps,
	  .n_endpoints = 1 },
	{ .image = "busybox", .description = "busybox", .has_run_time = true,
	  .run_time = CONST(0), .has_exit_code = true, .exit_code = 0 },
};
#define N_CATALOGUE ((int)(sizeof(catalogue) / sizeof(catalogue[0])))

/* One container in one pod, plus whatever the test compiled from it. */
typedef struct fixture {
	pod_spec pod;
	container_spec c;
	port_spec ports[2];
	char **warn;
	int n_warn;
	behavior_program *prog;
	rng_stream *rng;
	behavior_proc *proc;
	shell_fs *fs; /* the instance's filesystem (runtime.c owns it in a run) */
} fixture;

static void fx_init(fixture *f, const char *image, char **command, int n_command, char **args,
		    int n_args)
{
	memset(f, 0, sizeof(*f));
	f->pod.name = "web";
	f->pod.namespace = "default";
	f->c.name = "app";
	f->c.image = (char *)image;
	f->c.command = command;
	f->c.n_command = n_command;
	f->c.args = args;
	f->c.n_args = n_args;
	f->c.loc = (src_loc){ "pod.yaml", 7, 5 };
	f->rng = rng_stream_new(42, "pod/default/web/c/app");
	f->fs = shell_fs_new();
}

static void fx_compile(fixture *f, const behavior_spec *ov, int n_ov)
{
	f->prog = behavior_compile(&f->pod, &f->c, ov, n_ov, catalogue, N_CATALOGUE, &f->warn,
				   &f->n_warn);
}

static void fx_start(fixture *f, simtime_t now, int64_t epoch)
{
	f->proc = behavior_proc_start(f->prog, f->fs, now, epoch, f->rng);
}

static void fx_free(fixture *f)
{
	behavior_proc_free(f->proc);
	shell_fs_free(f->fs);
	behavior_program_free(f->prog);
	rng_stream_free(f->rng);
	for (int i = 0; i < f->n_warn; i++)
		free(f->warn[i]);
	free(f->warn);
}

/* Advance like the runtime does (one wakeup at a time) up to limit. */
static proc_exit fx_run(fixture *f, simtime_t limit)
{
	for (;;) {
		proc_exit st = behavior_proc_status(f->proc);
		simtime_t t = behavior_proc_next_wakeup(f->proc);
		if (st.exited || t > limit) {
			behavior_proc_advance(f->proc, limit);
			return behavior_proc_status(f->proc);
		}
		behavior_proc_advance(f->proc, t);
	}
}

static int http(fixture *f, int port, const char *path, simtime_t now, const char **body)
{
	int status;
	const char *b;
	simtime_t lat;
	net_result r = behavior_http_get(f->proc, port, path, now, &status, &b, &lat);
	if (body)
		*body = b;
	return r == NET_REFUSED ? -1 : status;
}

/* ---- precedence: override > shell > catalogue > fallback --------------------- */

static char *sh_sleep[] = { "sh", "-c", "sleep 3600", NULL };
static char *sh_exit3[] = { "/bin/sh", "-c", "exit 3", NULL };
static char *sh_only[] = { "sh", "-c", NULL };
static char *script_arg[] = { "date; sleep 7", NULL };
static char *sleep_inf[] = { "/bin/sleep", "infinity", NULL };
static char *a_netexec[] = { "netexec", "--http-port=8080", NULL };
static char *a_liveness[] = { "liveness", NULL };
static char *a_server[] = { "/server", NULL };
static char *c_nginx[] = { "nginx", "-g", "daemon off;", NULL };

static const struct {
	const char *image;
	char **command; int n_command;
	char **args; int n_args;
	simtime_t exit_at; /* -1: still running at 1h */
	int exit_code;
	int http80, http8080;  /* status at t=1s; -1 refused */
	const char *summary;   /* prefix */
	const char *warning;   /* exact first warning, or NULL for none */
} prec_cases[] = {
	/* the shell wins over the catalogue and serves nothing */
	{ "nginx", sh_exit3, 3, NULL, 0, 0, 3, -1, -1, "runs sh -c \"exit 3\"", NULL },
	{ "nginx:1.27", sh_only, 2, script_arg, 1, SEC(7), 0, -1, -1, "runs sh -c \"date; sleep 7\"",
	  NULL },
	{ "nginx", sleep_inf, 2, NULL, 0, -1, 0, -1, -1, "runs \"/bin/sleep infinity\"", NULL },
	/* the catalogue: by repository, normalised, and by first argument */
	{ "nginx", c_nginx, 3, NULL, 0, -1, 0, 200, -1, "image catalogue \"nginx\"", NULL },
	{ "docker.io/library/nginx:1.27@sha256:0123", NULL, 0, NULL, 0, -1, 0, 200, -1,
	  "image catalogue \"nginx\"", NULL },
	{ "postgres:16", NULL, 0, NULL, 0, -1, 0, -1, -1, "image catalogue \"docker.io/library/postgres\"",
	  NULL },
	{ "registry.k8s.io/e2e-test-images/agnhost:2.40", NULL, 0, a_netexec, 2, -1, 0, -1, 200,
	  "image catalogue \"registry.k8s.io/e2e-test-images/agnhost\": agnhost", NULL },
	{ "registry.k8s.io/e2e-test-images/agnhost:2.40", NULL, 0, a_liveness, 1, -1, 0, -1, 200,
	  "image catalogue \"registry.k8s.io/e2e-test-images/agnhost\" liveness", NULL },
	{ "mirrorgooglecontainers/liveness", NULL, 0, a_server, 1, -1, 0, -1, 200,
	  "image catalogue \"mirrorgooglecontainers/liveness\"", NULL },
	{ "busybox:latest", NULL, 0, NULL, 0, 0, 0, -1, -1, "image catalogue \"busybox\"", NULL },
	/* the fallback server on the declared ports */
	{ "localhost:5000/nginx", NULL, 0, NULL, 0, -1, 0, 200, -1, "long-running server on port 80",
	  "pod.yaml:7:5: image \"localhost:5000/nginx\" is not in the image catalogue; assuming a "
	  "long-running server that exits 0 on SIGTERM" },
	{ "myco/app:v1", c_nginx, 3, NULL, 0, -1, 0, 200, -1, "long-running server on port 80",
	  "pod.yaml:7:5: image \"myco/app:v1\" is not in the image catalogue; assuming a "
	  "long-running server that exits 0 on SIGTERM" },
	/* sh -c without a script: exits 2 */
	{ "busybox", sh_only, 2, NULL, 0, 0, 2, -1, -1, "runs \"sh -c\"",
	  "pod.yaml:7:5: command: sh -c needs a script; the shell exits 2" },
};

START_TEST(test_precedence)
{
	fixture f;
	fx_init(&f, prec_cases[_i].image, prec_cases[_i].command, prec_cases[_i].n_command,
		prec_cases[_i].args, prec_cases[_i].n_args);
	f.ports[0] = (port_spec){ .container_port = 80 };
	f.c.ports = f.ports;
	f.c.n_ports = 1;
	fx_compile(&f, NULL, 0);
	const char *sum = behavior_program_summary(f.prog);
	ck_assert_msg(!strncmp(sum, prec_cases[_i].summary, strlen(prec_cases[_i].summary)),
		      "summary: %s", sum);
	if (prec_cases[_i].warning) {
		ck_assert_int_eq(f.n_warn, 1);
		ck_assert_str_eq(f.warn[0], prec_cases[_i].warning);
	} else {
		ck_assert_msg(f.n_warn == 0, "unexpected warning %s", f.n_warn ? f.warn[0] : "");
	}
	fx_start(&f, 0, 0);
	if (prec_cases[_i].exit_at != 0) {
		ck_assert_int_eq(http(&f, 80, "/", SEC(1), NULL), prec_cases[_i].http80);
		ck_assert_int_eq(http(&f, 8080, "/", SEC(1), NULL), prec_cases[_i].http8080);
	}
	proc_exit st = fx_run(&f, SEC(3600));
	ck_assert_int_eq(st.exited, prec_cases[_i].exit_at >= 0);
	if (st.exited) {
		ck_assert_int_eq(st.at, prec_cases[_i].exit_at);
		ck_assert_int_eq(st.exit_code, prec_cases[_i].exit_code);
		ck_assert_int_eq(st.signal, 0);
	}
	fx_free(&f);
}
END_TEST

/* ---- ENTRYPOINT and CMD (containerd WithProcessArgs, as the kubelet passes
 * command/args: kuberuntime_container.go) ---------------------------------- */

static response_step redirect_steps[] = { { CONST(0), 302, NULL, "{loc}" } };
static endpoint_spec ep_live_eps[] = {
	{ .proto = ENDPOINT_HTTP, .port = 8080, .path = "/healthz", .steps = live_steps, .n_steps = 2 },
	{ .proto = ENDPOINT_HTTP, .port = 8080, .path = "/redirect", .steps = redirect_steps,
	  .n_steps = 1 },
};
static endpoint_spec ep_nginx_eps[] = {
	{ .proto = ENDPOINT_HTTP, .port = 80, .path = "/" },
	{ .proto = ENDPOINT_HTTP, .port = 80, .path = "/index.html" },
};
static char *ep_agnhost[] = { "/agnhost", NULL };
static char *cmd_pause[] = { "pause", NULL };
static char *cmd_sh[] = { "sh", NULL };
static char *ep_script[] = { "/docker-entrypoint.sh", NULL };
static behavior_spec ep_catalogue[] = {
	{ .image = "ep/agnhost", .description = "pause", .entrypoint = ep_agnhost,
	  .n_entrypoint = 1, .cmd = cmd_pause, .n_cmd = 1, .has_sigterm = true, .sigterm_exit = 2 },
	{ .image = "ep/agnhost", .arg0 = "liveness", .description = "liveness", .has_sigterm = true,
	  .sigterm_exit = 2, .endpoints = ep_live_eps, .n_endpoints = 2 },
	{ .image = "ep/busybox", .description = "busybox", .cmd = cmd_sh, .n_cmd = 1 },
	{ .image = "ep/nginx", .description = "nginx", .entrypoint = ep_script, .n_entrypoint = 1,
	  .cmd = c_nginx, .n_cmd = 3, .has_sigterm = true, .sigterm_delay = CONST(MSEC(100)),
	  .endpoints = ep_nginx_eps,
	  .n_endpoints = 2 },
};
static char *a_agn_liveness[] = { "/agnhost", "liveness", NULL };
static char *a_serve_hostname[] = { "serve-hostname", NULL };
static char *a_liveness_flag[] = { "liveness", "--port=9090", NULL };
static char *c_httpd[] = { "httpd", "-f", NULL };
static char *a_sh_sleep[] = { "sh", "-c", "sleep 3600", NULL };
static char *c_tini_sleep[] = { "tini", "--", "sleep", "60", NULL };
static char *c_tini_trap[] = { "/sbin/tini", "-g", "--", "sh", "-c", "trap 'exit 0' TERM; sleep 60 & wait", NULL };

static const struct {
	const char *image;
	char **command; int n_command;
	char **args; int n_args;
	const char *summary; /* prefix */
	const char *warning; /* exact only warning, or NULL for none */
	int term_exit; /* exit code after SIGTERM at 1 s; -1: still running at 30m; -2: exits by 1 s */
} argv_cases[] = {
	/* no command, no args: ENTRYPOINT + CMD -> agnhost pause */
	{ "ep/agnhost:2.40", NULL, 0, NULL, 0, "image catalogue \"ep/agnhost\": pause", NULL, 2 },
	/* args replace the CMD: the mode is the word after the ENTRYPOINT */
	{ "ep/agnhost", NULL, 0, a_liveness, 1, "image catalogue \"ep/agnhost\" liveness", NULL, 2 },
	/* a command replaces the ENTRYPOINT (issue 10 item 8: the mode is still read) */
	{ "ep/agnhost", a_agn_liveness, 2, NULL, 0, "image catalogue \"ep/agnhost\" liveness", NULL, 2 },
	/* a mode's own flags are not read: a note says the entry applies as it is */
	{ "ep/agnhost", NULL, 0, a_liveness_flag, 2, "image catalogue \"ep/agnhost\" liveness",
	  "pod.yaml:7:5: command: the arguments after \"liveness\" (--port=9090) are not modelled; "
	  "the image catalogue's entry for liveness applies as it is", 2 },
	/* a mode the catalogue does not know is said, not guessed silently (issue 11 item 5) */
	{ "ep/agnhost", NULL, 0, a_serve_hostname, 1,
	  "long-running process (command \"/agnhost serve-hostname\" of image \"ep/agnhost\" not",
	  "pod.yaml:7:5: command \"/agnhost serve-hostname\" of image \"ep/agnhost\" is not in the "
	  "image catalogue; assuming a long-running server that exits 0 on SIGTERM", 0 },
	/* busybox's CMD ["sh"] without a TTY exits 0 at once */
	{ "ep/busybox", NULL, 0, NULL, 0, "runs \"sh\"", NULL, -2 },
	{ "ep/busybox", c_httpd, 2, NULL, 0, "long-running process (command \"httpd -f\"",
	  "pod.yaml:7:5: command \"httpd -f\" of image \"ep/busybox\" is not in the image catalogue; "
	  "assuming a long-running server that exits 0 on SIGTERM", 0 },
	/* docker-entrypoint.sh execs its arguments: args running a shell win, and
	 * the shell is PID 1: SIGTERM is ignored (no handler) */
	{ "ep/nginx", NULL, 0, a_sh_sleep, 3, "runs sh -c \"sleep 3600\"", NULL, -1 },
	{ "ep/nginx", c_nginx, 3, NULL, 0, "image catalogue \"ep/nginx\"", NULL, 0 },
	{ "ep/nginx", NULL, 0, NULL, 0, "image catalogue \"ep/nginx\"", NULL, 0 },
	/* tini forwards SIGTERM: the child is not PID 1 and dies of it, tini exits 143 */
	{ "ep/busybox", c_tini_sleep, 4, NULL, 0, "runs \"sleep 60\" under tini", NULL, 143 },
	/* a child that traps TERM runs its trap */
	{ "ep/busybox", c_tini_trap, 6, NULL, 0, "runs sh -c", NULL, 0 },
};

START_TEST(test_entrypoint_cmd)
{
	fixture f;
	fx_init(&f, argv_cases[_i].image, argv_cases[_i].command, argv_cases[_i].n_command,
		argv_cases[_i].args, argv_cases[_i].n_args);
	f.prog = behavior_compile(&f.pod, &f.c, NULL, 0, ep_catalogue,
				  (int)(sizeof(ep_catalogue) / sizeof(ep_catalogue[0])), &f.warn,
				  &f.n_warn);
	const char *sum = behavior_program_summary(f.prog);
	ck_assert_msg(!strncmp(sum, argv_cases[_i].summary, strlen(argv_cases[_i].summary)),
		      "summary: %s", sum);
	ck_assert_int_eq(f.n_warn, argv_cases[_i].warning ? 1 : 0);
	if (argv_cases[_i].warning)
		ck_assert_str_eq(f.warn[0], argv_cases[_i].warning);
	fx_start(&f, 0, 0);
	proc_exit st = fx_run(&f, SEC(1));
	ck_assert_int_eq(st.exited, argv_cases[_i].term_exit == -2);
	if (!st.exited) {
		behavior_proc_signal(f.proc, SIG_TERM, SEC(1));
		st = fx_run(&f, SEC(1800));
		ck_assert_int_eq(st.exited, argv_cases[_i].term_exit >= 0);
		if (st.exited)
			ck_assert_int_eq(st.exit_code, argv_cases[_i].term_exit);
	}
	fx_free(&f);
}
END_TEST

/* nginx's default server serves / and /index.html; any other path is 404
 * (issue 11 item 4), and agnhost liveness's /redirect answers 302 with the
 * loc parameter as Location, made absolute like Go's http.Redirect does. */
START_TEST(test_nginx_paths_and_redirect)
{
	fixture f;
	fx_init(&f, "ep/nginx", NULL, 0, NULL, 0);
	f.prog = behavior_compile(&f.pod, &f.c, NULL, 0, ep_catalogue, 4, &f.warn, &f.n_warn);
	fx_start(&f, 0, 0);
	ck_assert_int_eq(http(&f, 80, "/", SEC(1), NULL), 200);
	ck_assert_int_eq(http(&f, 80, "/index.html", SEC(1), NULL), 200);
	ck_assert_int_eq(http(&f, 80, "/_status/healthz", SEC(1), NULL), 404);
	ck_assert_ptr_null(behavior_http_location(f.proc));
	fx_free(&f);

	fx_init(&f, "ep/agnhost", NULL, 0, a_liveness, 1);
	f.prog = behavior_compile(&f.pod, &f.c, NULL, 0, ep_catalogue, 4, &f.warn, &f.n_warn);
	fx_start(&f, 0, 0);
	const char *body;
	ck_assert_int_eq(http(&f, 8080, "/redirect?loc=%2Fhealthz", SEC(1), &body), 302);
	ck_assert_str_eq(behavior_http_location(f.proc), "/healthz");
	ck_assert_str_eq(body, "<a href=\"/healthz\">Found</a>.\n\n");
	ck_assert_int_eq(http(&f, 8080, "/redirect?loc=healthz", SEC(1), NULL), 302);
	ck_assert_str_eq(behavior_http_location(f.proc), "/healthz");
	ck_assert_int_eq(http(&f, 8080, "/redirect?loc=http://example.com/x", SEC(1), NULL), 302);
	ck_assert_str_eq(behavior_http_location(f.proc), "http://example.com/x");
	ck_assert_int_eq(http(&f, 8080, "/healthz", SEC(1), NULL), 200);
	ck_assert_ptr_null(behavior_http_location(f.proc));
	fx_free(&f);
}
END_TEST

/* The docs' lifecycle example: a preStop `nginx -s quit` stops nginx, whose
 * exit (100 ms later) ends the hook's `killall -0` loop too: exit 137
 * (issue 11 item 4).  `killall -0 nginx` alone only tests, and the notes
 * about nginx/killall are not made since their effect is modelled. */
START_TEST(test_hook_stops_nginx)
{
	static char *quit[] = { "/bin/sh", "-c",
				"nginx -s quit; while killall -0 nginx; do sleep 1; done", NULL };
	static char *probe[] = { "killall", "-0", "nginx", NULL };
	handler_spec pre = { .kind = HANDLER_EXEC, .exec_argv = quit, .exec_argc = 3 };
	fixture f;
	fx_init(&f, "ep/nginx", NULL, 0, NULL, 0);
	f.c.pre_stop = &pre;
	f.prog = behavior_compile(&f.pod, &f.c, NULL, 0, ep_catalogue, 4, &f.warn, &f.n_warn);
	ck_assert_msg(f.n_warn == 0, "unexpected note %s", f.n_warn ? f.warn[0] : "");
	fx_start(&f, 0, 0);
	char out[256];
	simtime_t lat;
	ck_assert_int_eq(behavior_exec(f.proc, probe, 3, SEC(5), out, sizeof(out), &lat), 0);
	ck_assert_int_eq(fx_run(&f, SEC(6)).exited, false);
	ck_assert_int_eq(behavior_exec(f.proc, quit, 3, SEC(10), out, sizeof(out), &lat), 137);
	ck_assert_int_eq(lat, MSEC(100));
	proc_exit st = fx_run(&f, SEC(20));
	ck_assert_int_eq(st.exited, true);
	ck_assert_int_eq(st.at, SEC(10) + MSEC(100));
	ck_assert_int_eq(st.exit_code, 0);
	fx_free(&f);
}
END_TEST

/* $(VAR) in command/args is expanded by the kubelet before the runtime sees
 * it (kuberuntime_container.go ExpandContainerCommandAndArgs, expansion.Expand):
 * env values (expanded against earlier entries) and the API server's service
 * variables; $$ is $, an unknown name stays; a valueFrom entry is a note. */
START_TEST(test_command_var_expansion)
{
	static char *cmd[] = { "/bin/echo", NULL };
	static char *args[] = { "$(GREETING) $$(MESSAGE) $(NOPE) $(KUBERNETES_SERVICE_PORT) $(POD)",
				NULL };
	env_spec env[] = {
		{ .name = "MESSAGE", .source = ENV_VALUE, .value = "hello world" },
		{ .name = "GREETING", .source = ENV_VALUE, .value = "$(MESSAGE)!" },
		{ .name = "POD", .source = ENV_FIELD_REF, .ref = "metadata.name" },
	};
	fixture f;
	fx_init(&f, "busybox", cmd, 1, args, 1);
	f.c.env = env;
	f.c.n_env = 3;
	fx_compile(&f, NULL, 0);
	ck_assert_str_eq(behavior_program_summary(f.prog),
			 "runs \"/bin/echo hello world! $(MESSAGE) $(NOPE) 443 $(POD)\"");
	ck_assert_int_eq(f.n_warn, 1);
	ck_assert_str_eq(f.warn[0], "pod.yaml:7:5: command: $(POD) comes from valueFrom, which "
				    "podsim does not resolve; it is left as written");
	fx_free(&f);
}
END_TEST

/* Overrides: matched by pod and container, later entries win field by field. */
START_TEST(test_overrides)
{
	behavior_spec ov[] = {
		{ .pod = "*", .container = "*", .has_run_time = true, .run_time = CONST(SEC(5)),
		  .has_exit_code = true, .exit_code = 1 },
		{ .pod = "web", .container = "app", .has_exit_code = true, .exit_code = 2 },
		{ .pod = "other", .container = "*", .has_exit_code = true, .exit_code = 9 },
	};
	fixture f;
	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	fx_compile(&f, ov, 3);
	ck_assert_msg(strstr(behavior_program_summary(f.prog), "overridden: exits 2 after 5s"),
		      "%s", behavior_program_summary(f.prog));
	fx_start(&f, SEC(1), 0);
	ck_assert_int_eq(http(&f, 80, "/x", SEC(2), NULL), 200); /* endpoints kept */
	proc_exit st = fx_run(&f, SEC(100));
	ck_assert(st.exited);
	ck_assert_int_eq(st.at, SEC(6));
	ck_assert_int_eq(st.exit_code, 2);
	fx_free(&f);

	/* a runTime override is a deadline for a script that would run longer */
	fx_init(&f, "busybox", sh_sleep, 3, NULL, 0);
	fx_compile(&f, ov, 1);
	fx_start(&f, 0, 0);
	st = fx_run(&f, SEC(100));
	ck_assert_int_eq(st.at, SEC(5));
	ck_assert_int_eq(st.exit_code, 1);
	fx_free(&f);
}
END_TEST

START_TEST(test_override_oom_and_sigterm)
{
	behavior_spec oom[] = { { .pod = "web", .has_run_time = true, .run_time = CONST(SEC(3)),
				  .oom_killed = true } };
	behavior_spec ign[] = { { .container = "app", .has_sigterm = true, .sigterm_exit = -1 } };
	behavior_spec slow[] = { { .has_sigterm = true, .sigterm_exit = 0,
				   .sigterm_delay = CONST(SEC(4)) } };
	behavior_spec eps[] = { { .has_endpoints = true, .endpoints = pg_eps, .n_endpoints = 1 } };
	fixture f;
	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	fx_compile(&f, oom, 1);
	fx_start(&f, 0, 0);
	proc_exit st = fx_run(&f, SEC(100));
	ck_assert(st.exited && st.oom_killed);
	ck_assert_int_eq(st.exit_code, 137);
	ck_assert_int_eq(st.signal, 9);
	ck_assert_int_eq(st.at, SEC(3));
	fx_free(&f);

	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	fx_compile(&f, ign, 1);
	fx_start(&f, 0, 0);
	behavior_proc_signal(f.proc, SIG_TERM, SEC(10));
	ck_assert(!fx_run(&f, SEC(40)).exited);
	behavior_proc_signal(f.proc, SIG_KILL, SEC(40));
	st = behavior_proc_status(f.proc);
	ck_assert(st.exited && !st.oom_killed);
	ck_assert_int_eq(st.exit_code, 137);
	ck_assert_int_eq(st.signal, 9);
	ck_assert_int_eq(st.at, SEC(40));
	fx_free(&f);

	/* sigterm override on a shell replaces the PID 1 rules */
	fx_init(&f, "busybox", sh_sleep, 3, NULL, 0);
	fx_compile(&f, slow, 1);
	fx_start(&f, 0, 0);
	behavior_proc_signal(f.proc, SIG_TERM, SEC(10));
	ck_assert_int_eq(behavior_proc_next_wakeup(f.proc), SEC(14));
	st = fx_run(&f, SEC(100));
	ck_assert_int_eq(st.at, SEC(14));
	ck_assert_int_eq(st.exit_code, 0);
	fx_free(&f);

	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	fx_compile(&f, eps, 1);
	fx_start(&f, 0, 0);
	ck_assert_int_eq(http(&f, 80, "/", SEC(5), NULL), -1);
	simtime_t lat;
	ck_assert_int_eq(behavior_tcp_connect(f.proc, 5432, SEC(5), &lat), NET_OK);
	fx_free(&f);
}
END_TEST

/* ---- the seed manifests ---------------------------------------------------------- */

START_TEST(test_seed_liveness)
{
	fixture f;
	const char *body;
	fx_init(&f, "mirrorgooglecontainers/liveness", NULL, 0, a_server, 1);
	fx_compile(&f, NULL, 0);
	ck_assert_int_eq(f.n_warn, 0);
	fx_start(&f, SEC(4), 0);
	ck_assert_int_eq(http(&f, 8080, "/healthz", SEC(7), &body), 200);
	ck_assert_str_eq(body, "ok");
	ck_assert_int_eq(http(&f, 8080, "/healthz", SEC(14), NULL), 200);  /* uptime 10 s */
	ck_assert_int_eq(http(&f, 8080, "/healthz", SEC(14) + 1, NULL), 500);
	ck_assert_int_eq(http(&f, 8080, "/healthz?x=1", MSEC(14500), &body), 500);
	ck_assert_str_eq(body, "error: 10.5");
	ck_assert_int_eq(http(&f, 8080, "/", SEC(15), NULL), 200);
	ck_assert_int_eq(http(&f, 8080, "/other", SEC(15), &body), 404);
	ck_assert_int_eq(http(&f, 80, "/healthz", SEC(15), NULL), -1);
	ck_assert_int_eq(behavior_proc_next_wakeup(f.proc), SIMTIME_NEVER);
	behavior_proc_signal(f.proc, SIG_TERM, SEC(25));
	proc_exit st = behavior_proc_status(f.proc);
	ck_assert(st.exited);
	ck_assert_int_eq(st.exit_code, 2);
	ck_assert_int_eq(st.signal, 0);
	ck_assert_int_eq(st.at, SEC(25));
	ck_assert_int_eq(http(&f, 8080, "/healthz", SEC(26), NULL), -1); /* exited: refused */
	behavior_proc_signal(f.proc, SIG_KILL, SEC(27));                   /* ignored */
	ck_assert_int_eq(behavior_proc_status(f.proc).exit_code, 2);
	fx_free(&f);
}
END_TEST

START_TEST(test_seed_init_pod)
{
	static char *init_cmd[] = { "sh", "-c", "date && sleep 10", NULL };
	static char *app_cmd[] = { "sh", "-c", "date && sleep 3600", NULL };
	const int64_t epoch = 1713425499 - 7; /* init container started at 7 s */
	const char *const *lines;
	fixture f;
	fx_init(&f, "busybox:latest", init_cmd, 3, NULL, 0);
	fx_compile(&f, NULL, 0);
	ck_assert_int_eq(f.n_warn, 0);
	fx_start(&f, SEC(7), epoch);
	proc_exit st = fx_run(&f, SEC(100));
	ck_assert(st.exited);
	ck_assert_int_eq(st.at, SEC(17));
	ck_assert_int_eq(st.exit_code, 0);
	ck_assert_int_eq(behavior_proc_log(f.proc, &lines), 1);
	ck_assert_str_eq(lines[0], "Thu Apr 18 07:31:39 UTC 2024");
	fx_free(&f);

	fx_init(&f, "busybox:latest", app_cmd, 3, NULL, 0);
	f.ports[0] = (port_spec){ .container_port = 80 };
	f.c.ports = f.ports;
	f.c.n_ports = 1;
	fx_compile(&f, NULL, 0);
	ck_assert_int_eq(f.n_warn, 0);
	fx_start(&f, SEC(27), epoch);
	ck_assert_int_eq(behavior_proc_log(f.proc, &lines), 1);
	ck_assert_str_eq(lines[0], "Thu Apr 18 07:31:59 UTC 2024");
	ck_assert_int_eq(http(&f, 80, "/", SEC(30), NULL), -1); /* the shell serves nothing */
	behavior_proc_signal(f.proc, SIG_TERM, SEC(60));         /* PID 1 shell: ignored */
	ck_assert(!fx_run(&f, SEC(90)).exited);
	behavior_proc_signal(f.proc, SIG_KILL, SEC(90));
	st = behavior_proc_status(f.proc);
	ck_assert_int_eq(st.exit_code, 137);
	ck_assert_int_eq(st.signal, 9);
	ck_assert_int_eq(st.at, SEC(90));
	fx_free(&f);
}
END_TEST

START_TEST(test_trap_wait_exits_promptly)
{
	static char *cmd[] = { "/bin/sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait", NULL };
	fixture f;
	fx_init(&f, "busybox", cmd, 3, NULL, 0);
	fx_compile(&f, NULL, 0);
	fx_start(&f, 0, 0);
	behavior_proc_signal(f.proc, SIG_TERM, SEC(12));
	proc_exit st = behavior_proc_status(f.proc);
	ck_assert(st.exited);
	ck_assert_int_eq(st.exit_code, 0);
	ck_assert_int_eq(st.at, SEC(12));
	fx_free(&f);
}
END_TEST

/* ---- exec probes and hooks ---------------------------------------------------------- */

START_TEST(test_exec_probe_files)
{
	static char *cmd[] = { "/bin/sh", "-c",
			       "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600", NULL };
	static char *probe_argv[] = { "cat", "/tmp/healthy", NULL };
	static char *ready_argv[] = { "sh", "-c", "test -f /tmp/ready", NULL };
	static char *slow_argv[] = { "/bin/sh", "-c", "sleep 2; exit 1", NULL };
	static char *mark_argv[] = { "touch", "/tmp/ready", NULL };
	probe_spec live = { .handler = { .kind = HANDLER_EXEC, .exec_argv = probe_argv, .exec_argc = 2 },
			    .loc = { "pod.yaml", 20, 9 } };
	fixture f;
	char out[128];
	simtime_t lat;
	fx_init(&f, "registry.k8s.io/busybox", cmd, 3, NULL, 0);
	f.c.liveness = &live;
	fx_compile(&f, NULL, 0);
	ck_assert_int_eq(f.n_warn, 0);
	fx_start(&f, 0, 0);
	ck_assert_int_eq(behavior_exec(f.proc, probe_argv, 2, SEC(10), out, sizeof(out), &lat), 0);
	ck_assert_int_eq(lat, 0);
	ck_assert_int_eq(behavior_exec(f.proc, probe_argv, 2, SEC(35), out, sizeof(out), &lat), 1);
	ck_assert_str_eq(out, "cat: can't open '/tmp/healthy': No such file or directory");
	ck_assert_int_eq(behavior_exec(f.proc, ready_argv, 3, SEC(36), out, sizeof(out), &lat), 1);
	ck_assert_int_eq(behavior_exec(f.proc, mark_argv, 2, SEC(37), out, sizeof(out), &lat), 0);
	ck_assert_int_eq(behavior_exec(f.proc, ready_argv, 3, SEC(38), out, sizeof(out), &lat), 0);
	ck_assert_int_eq(behavior_exec(f.proc, slow_argv, 3, SEC(39), out, sizeof(out), &lat), 1);
	ck_assert_int_eq(lat, SEC(2));
	ck_assert_int_eq(fx_run(&f, SEC(3600)).at, SEC(630));
	ck_assert_int_eq(behavior_exec(f.proc, probe_argv, 2, SEC(3600), out, sizeof(out), &lat), 126);
	fx_free(&f);
}
END_TEST

START_TEST(test_exec_unknown_and_catalogue)
{
	static char *grpc_argv[] = { "/bin/grpc_health_probe", "-addr=:8080", NULL };
	static char *touch_argv[] = { "touch", "/tmp/x", NULL };
	static char *cat_argv[] = { "cat", "/tmp/x", NULL };
	probe_spec ready = { .handler = { .kind = HANDLER_EXEC, .exec_argv = grpc_argv, .exec_argc = 2 },
			     .loc = { "pod.yaml", 30, 9 } };
	handler_spec pre_stop = { .kind = HANDLER_EXEC, .exec_argv = touch_argv, .exec_argc = 2 };
	fixture f;
	char out[128];
	simtime_t lat;
	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	f.c.readiness = &ready;
	f.c.pre_stop = &pre_stop;
	fx_compile(&f, NULL, 0);
	ck_assert_int_eq(f.n_warn, 1);
	ck_assert_str_eq(f.warn[0], "pod.yaml:30:9: readinessProbe exec: \"/bin/grpc_health_probe\" "
				    "is outside podsim's shell subset; it is assumed to exit 0 at once");
	fx_start(&f, 0, 0);
	ck_assert_int_eq(behavior_exec(f.proc, grpc_argv, 2, SEC(1), out, sizeof(out), &lat), 0);
	ck_assert_int_eq(behavior_exec(f.proc, cat_argv, 2, SEC(2), out, sizeof(out), &lat), 1);
	ck_assert_int_eq(behavior_exec(f.proc, touch_argv, 2, SEC(3), out, sizeof(out), &lat), 0);
	ck_assert_int_eq(behavior_exec(f.proc, cat_argv, 2, SEC(4), out, sizeof(out), &lat), 0);
	fx_free(&f);
}
END_TEST

/* ---- "{uptime}": Go's %v of a float64 ------------------------------------------ */

/* The agnhost liveness server writes fmt.Sprintf("error: %v", duration.Seconds())
 * (test/images/agnhost/liveness/server.go).  %v of a float64 is strconv 'g'
 * with the shortest precision: the fewest digits that read back as the same
 * double, in %e form when the exponent is < -4 or >= 6 (strconv/ftoa.go: "if
 * precision was the shortest possible, use precision 6 for this decision").
 * In fixed form that is the fewest decimals that read back, which this
 * oracle searches directly. */
static void shortest_fixed(double v, char *buf, size_t len)
{
	for (int d = 0; d < 20; d++) {
		snprintf(buf, len, "%.*f", d, v);
		if (strtod(buf, NULL) == v)
			return;
	}
	ck_abort_msg("no decimal reads back as %a", v);
}

static const char *echo_at(fixture *f, simtime_t uptime)
{
	const char *body;
	ck_assert_int_eq(http(f, 8080, "/", uptime, &body), 200);
	return body;
}

static const struct {
	simtime_t uptime;
	const char *body;
} echo_cases[] = {
	{ 0, "0" }, { 50000, "5e-05" }, { 100000, "0.0001" }, { MSEC(100), "0.1" },
	{ MSEC(10500), "10.5" }, { SEC(21), "21" }, { SEC(12) + 123456, "12.000123456" },
	{ SEC(999999) + 999999999, "999999.999999999" }, { SEC(1000000), "1e+06" },
	{ SEC(1234567), "1.234567e+06" },
};

START_TEST(test_uptime_body)
{
	fixture f;
	fx_init(&f, "uptime-echo", NULL, 0, NULL, 0);
	fx_compile(&f, NULL, 0);
	fx_start(&f, 0, 0);
	ck_assert_str_eq(echo_at(&f, echo_cases[_i].uptime), echo_cases[_i].body);
	fx_free(&f);
}
END_TEST

/* In the fixed range (100 us to 1e6 s) the body's number is the shortest
 * that reads back, at uptimes spread over that range with random low digits. */
START_TEST(test_uptime_body_is_shortest)
{
	fixture f;
	char want[64];
	uint64_t x = 88172645463325252u; /* xorshift64 */
	fx_init(&f, "uptime-echo", NULL, 0, NULL, 0);
	fx_compile(&f, NULL, 0);
	fx_start(&f, 0, 0);
	for (simtime_t ns = 100000; ns < SEC(1000000);) {
		shortest_fixed((double)ns / 1e9, want, sizeof(want));
		ck_assert_str_eq(echo_at(&f, ns), want);
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		ns += 1 + (simtime_t)(x % (uint64_t)(ns / 64 + 1));
	}
	fx_free(&f);
}
END_TEST

/* ---- endpoints: refused ports, listenAfter, repeat, tcp/grpc steps ---------------- */

static const struct {
	int kind; /* 0 http, 1 tcp, 2 grpc */
	int port;
	simtime_t uptime;
	int expect; /* http status, or 1 ok / 0 not serving; -1 refused */
} ep_cases[] = {
	{ 1, 5432, MSEC(2999), -1 }, { 1, 5432, SEC(3), 1 }, { 1, 5433, SEC(5), -1 },
	{ 0, 5432, SEC(5), -1 },
	{ 0, 9000, SEC(3), 200 }, { 0, 9000, SEC(5), 200 }, { 0, 9000, SEC(7), 500 },
	{ 0, 9000, SEC(13), 200 }, { 0, 9000, SEC(17), 500 }, { 0, 9000, SEC(20), 200 },
	{ 1, 9000, SEC(7), 1 },
	{ 1, 9001, SEC(1), 1 }, { 1, 9001, SEC(5), -1 },
	{ 2, 9002, SEC(1), 1 }, { 2, 9002, SEC(5), 0 }, { 2, 9000, SEC(1), 0 }, { 2, 9003, SEC(1), -1 },
};

START_TEST(test_endpoints)
{
	fixture f;
	fx_init(&f, "flappy", NULL, 0, NULL, 0);
	fx_compile(&f, NULL, 0);
	behavior_program *pg;
	fixture g;
	fx_init(&g, "postgres", NULL, 0, NULL, 0);
	fx_compile(&g, NULL, 0);
	pg = g.prog;
	fx_start(&f, SEC(100), 0);
	g.proc = behavior_proc_start(pg, g.fs, SEC(100), 0, g.rng);
	fixture *x = ep_cases[_i].port / 1000 == 5 ? &g : &f;
	simtime_t now = SEC(100) + ep_cases[_i].uptime, lat;
	bool serving;
	int got;
	switch (ep_cases[_i].kind) {
	case 0:
		got = http(x, ep_cases[_i].port, "/", now, NULL);
		break;
	case 1:
		got = behavior_tcp_connect(x->proc, ep_cases[_i].port, now, &lat) == NET_OK ? 1 : -1;
		break;
	default:
		got = behavior_grpc_check(x->proc, ep_cases[_i].port, "", now, &serving, &lat) == NET_OK
			      ? serving : -1;
	}
	ck_assert_int_eq(got, ep_cases[_i].expect);
	fx_free(&g);
	fx_free(&f);
}
END_TEST

/* Latency and runTime draws depend only on the seed. */
START_TEST(test_determinism)
{
	behavior_spec ov[] = { { .has_run_time = true,
				 .run_time = { DIST_UNIFORM, SEC(10), SEC(20), 0 } } };
	simtime_t lat[2][5], end[2];
	for (int run = 0; run < 2; run++) {
		fixture f;
		fx_init(&f, "nginx", NULL, 0, NULL, 0);
		fx_compile(&f, ov, 1);
		fx_start(&f, 0, 0);
		for (int i = 0; i < 5; i++) {
			int st;
			const char *b;
			ck_assert_int_eq(behavior_http_get(f.proc, 80, "/", SEC(1), &st, &b, &lat[run][i]),
					 NET_OK);
			ck_assert(lat[run][i] >= MSEC(10) && lat[run][i] < MSEC(50));
		}
		end[run] = fx_run(&f, SEC(100)).at;
		ck_assert(end[run] >= SEC(10) && end[run] < SEC(20));
		fx_free(&f);
	}
	ck_assert_int_eq(end[0], end[1]);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(lat[0][i], lat[1][i]);
	ck_assert(lat[0][0] != lat[0][1] || lat[0][1] != lat[0][2]);

	/* default latency: 1 ms */
	fixture f;
	fx_init(&f, "flappy", NULL, 0, NULL, 0);
	fx_compile(&f, NULL, 0);
	fx_start(&f, 0, 0);
	int st;
	const char *b;
	behavior_http_get(f.proc, 9000, "/", SEC(1), &st, &b, &lat[0][0]);
	ck_assert_int_eq(lat[0][0], MSEC(1));
	fx_free(&f);
}
END_TEST

/* ---- drawn instance times, startup and faults (issues 11.6, 13.1) ----------- */

#define DIST(k, a, b) { (k), (a), (b), 0 }

/* The first instant (ms steps from from) at which a TCP connect to port succeeds. */
static simtime_t first_open(fixture *f, int port, simtime_t from, simtime_t limit)
{
	simtime_t lat;
	for (simtime_t t = from; t <= limit; t += MSEC(1))
		if (behavior_tcp_connect(f->proc, port, t, &lat) == NET_OK)
			return t;
	return -1;
}

/* listenAfter: uniform(1s,3s) drawn once per instance from the instance's
 * stream; the same container stream gives the same sequence again. */
START_TEST(test_listen_after_drawn_per_instance)
{
	endpoint_spec ep = { .proto = ENDPOINT_TCP, .port = 5000,
			     .listen_after = DIST(DIST_UNIFORM, SEC(1), SEC(3)) };
	behavior_spec ov[] = { { .has_endpoints = true, .endpoints = &ep, .n_endpoints = 1 } };
	simtime_t seen[2][20];
	for (int pass = 0; pass < 2; pass++) {
		fixture f;
		fx_init(&f, "nginx", NULL, 0, NULL, 0);
		fx_compile(&f, ov, 1);
		for (int i = 0; i < 20; i++) {
			fx_start(&f, 0, 0);
			seen[pass][i] = first_open(&f, 5000, 0, SEC(4));
			ck_assert(seen[pass][i] >= SEC(1) && seen[pass][i] <= SEC(3));
			behavior_proc_free(f.proc);
			f.proc = NULL;
		}
		fx_free(&f);
	}
	bool varies = false;
	for (int i = 0; i < 20; i++) {
		ck_assert_int_eq(seen[0][i], seen[1][i]);
		varies |= seen[0][i] != seen[0][0];
	}
	ck_assert(varies);
}
END_TEST

/* Drawn step times stay in order: a step applies from the largest after
 * drawn up to it, so 200 -> 500 -> 200 never goes back to 500. */
START_TEST(test_step_after_drawn_in_order)
{
	response_step steps[] = { { CONST(0), 200, NULL, NULL },
				  { DIST(DIST_UNIFORM, SEC(5), SEC(10)), 500, NULL, NULL },
				  { DIST(DIST_UNIFORM, SEC(1), SEC(20)), 200, NULL, NULL } };
	endpoint_spec ep = { .proto = ENDPOINT_HTTP, .port = 80, .steps = steps, .n_steps = 3 };
	behavior_spec ov[] = { { .has_endpoints = true, .endpoints = &ep, .n_endpoints = 1 } };
	fixture f;
	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	fx_compile(&f, ov, 1);
	int went_down = 0;
	for (int i = 0; i < 50; i++) {
		fx_start(&f, 0, 0);
		int phase = 0; /* 0 up, 1 down, 2 up again */
		for (simtime_t t = 0; t < SEC(25); t += MSEC(100)) {
			int st = http(&f, 80, "/", t, NULL);
			ck_assert(st != 500 || t > SEC(5));
			if (st == 500) {
				ck_assert_int_le(phase, 1);
				phase = 1;
			} else if (phase == 1) {
				phase = 2;
			}
		}
		went_down += phase > 0;
		behavior_proc_free(f.proc);
		f.proc = NULL;
	}
	ck_assert(went_down > 5 && went_down < 50);
	fx_free(&f);
}
END_TEST

/* startup: no endpoint listens before it (an endpoint's own later
 * listenAfter wins); a hang accepts TCP but answers no HTTP request or exec
 * within any timeout, until its window ends. */
START_TEST(test_startup_and_hang)
{
	endpoint_spec eps[] = { { .proto = ENDPOINT_HTTP, .port = 8080 },
				{ .proto = ENDPOINT_TCP, .port = 9000, .listen_after = CONST(SEC(5)) } };
	behavior_spec ov[] = { { .has_endpoints = true, .endpoints = eps, .n_endpoints = 2,
				 .has_startup = true, .startup = CONST(SEC(2)), .has_faults = true,
				 .n_faults = 1,
				 .faults = { { .kind = FAULT_HANG, .every = SEC(60), .recover = true,
					       .duration = CONST(SEC(30)) } } } };
	char *touch[] = { "touch", "/tmp/x", NULL };
	fixture f;
	faults_journal *j = faults_journal_new();
	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	fx_compile(&f, ov, 1);
	behavior_program_set_journal(f.prog, j);
	ck_assert_msg(strstr(behavior_program_summary(f.prog),
			     "starts in 2s, hangs every 1m0s on average for 30s, 2 endpoints"),
		      "%s", behavior_program_summary(f.prog));
	fx_start(&f, SEC(1), 0);
	ck_assert_int_eq(http(&f, 8080, "/", SEC(3) - 1, NULL), -1);
	ck_assert_int_eq(http(&f, 8080, "/", SEC(3), NULL), 200);
	ck_assert_int_eq(first_open(&f, 9000, SEC(3), SEC(10)), SEC(6));
	const faults_instance *in;
	const faults_window *w;
	ck_assert_int_eq(faults_journal_instances(j, &in), 1);
	ck_assert_int_eq(in[0].start, SEC(1));
	ck_assert_int_eq(in[0].serving, SEC(3));
	ck_assert_int_eq(faults_journal_windows(j, &w), 1);
	simtime_t on = w[0].onset, lat, until;
	ck_assert_int_gt(on, SEC(6)); /* with this stream's draws */
	ck_assert_int_eq(w[0].end, on + SEC(30));
	ck_assert(behavior_answer_stable(f.proc, HANDLER_HTTP_GET, 8080, "/", on - 1, &until));
	ck_assert_int_le(until, on);
	int code;
	const char *body;
	char out[64];
	ck_assert_int_eq(behavior_http_get(f.proc, 8080, "/", on, &code, &body, &lat), NET_OK);
	ck_assert_int_ge(lat, SIM_TIME_LIMIT);
	ck_assert_int_eq(behavior_tcp_connect(f.proc, 9000, on + 1, &lat), NET_OK);
	ck_assert_int_lt(lat, SEC(1));
	behavior_exec(f.proc, touch, 2, on + 2, out, sizeof(out), &lat);
	ck_assert_int_ge(lat, SIM_TIME_LIMIT);
	ck_assert(behavior_answer_stable(f.proc, HANDLER_HTTP_GET, 8080, "/", on + 3, &until));
	ck_assert_int_le(until, on + SEC(30));
	ck_assert_int_eq(http(&f, 8080, "/", on + SEC(30), NULL), 200);
	/* the first signal is recorded with the health it found */
	behavior_proc_signal(f.proc, SIG_TERM, on + SEC(31));
	ck_assert_int_eq(faults_journal_instances(j, &in), 1);
	ck_assert_int_eq(in[0].first_signal, SIG_TERM);
	ck_assert_int_eq(in[0].signalled, on + SEC(31));
	ck_assert(in[0].healthy_when_signalled);
	ck_assert_int_eq(in[0].exited, SIMTIME_NEVER);
	fx_run(&f, on + SEC(40));
	faults_journal_instances(j, &in);
	ck_assert_int_eq(in[0].exited, on + SEC(31) + MSEC(100)); /* the catalogue's nginx */
	fx_free(&f);
	faults_journal_free(j);
}
END_TEST

/* A crash exits by itself with its code at the onset; a process killed
 * while hung or while a response step fails was not healthy. */
START_TEST(test_crash_and_unhealthy_kills)
{
	behavior_spec crash[] = { { .has_faults = true, .n_faults = 1,
				    .faults = { { .kind = FAULT_CRASH, .every = SEC(60),
						  .exit_code = 3 } } } };
	behavior_spec hang[] = { { .has_faults = true, .n_faults = 1,
				   .faults = { { .kind = FAULT_HANG, .every = SEC(60) } } } };
	fixture f;
	faults_journal *j = faults_journal_new();
	const faults_window *w;
	const faults_instance *in;
	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	fx_compile(&f, crash, 1);
	behavior_program_set_journal(f.prog, j);
	fx_start(&f, 0, 0);
	ck_assert_int_eq(faults_journal_windows(j, &w), 1);
	ck_assert_int_eq(behavior_proc_next_wakeup(f.proc), w[0].onset);
	proc_exit st = fx_run(&f, SIM_TIME_LIMIT);
	ck_assert(st.exited && st.signal == 0);
	ck_assert_int_eq(st.exit_code, 3);
	ck_assert_int_eq(st.at, w[0].onset);
	fx_free(&f);
	faults_journal_free(j);

	j = faults_journal_new();
	fx_init(&f, "nginx", NULL, 0, NULL, 0);
	fx_compile(&f, hang, 1);
	behavior_program_set_journal(f.prog, j);
	fx_start(&f, 0, 0);
	faults_journal_windows(j, &w);
	simtime_t on = w[0].onset;
	ck_assert_int_eq(w[0].end, SIMTIME_NEVER);
	behavior_proc_signal(f.proc, SIG_TERM, on);
	faults_journal_instances(j, &in);
	ck_assert(!in[0].healthy_when_signalled);
	fx_free(&f);

	/* the liveness image answers 500 from 10 s: killing it then is no false kill */
	fx_init(&f, "mirrorgooglecontainers/liveness", NULL, 0, NULL, 0);
	fx_compile(&f, NULL, 0);
	behavior_program_set_journal(f.prog, j);
	fx_start(&f, 0, 0);
	behavior_proc_signal(f.proc, SIG_TERM, SEC(11));
	faults_journal_instances(j, &in);
	ck_assert_int_eq(in[1].first_signal, SIG_TERM);
	ck_assert(!in[1].healthy_when_signalled);
	fx_free(&f);
	faults_journal_free(j);
}
END_TEST

Suite *behavior_suite(void)
{
	Suite *s = suite_create("behavior");
	TCase *tc = tcase_create("compile");
	tcase_add_loop_test(tc, test_precedence, 0, sizeof(prec_cases) / sizeof(prec_cases[0]));
	tcase_add_test(tc, test_overrides);
	tcase_add_loop_test(tc, test_entrypoint_cmd, 0, sizeof(argv_cases) / sizeof(argv_cases[0]));
	tcase_add_test(tc, test_nginx_paths_and_redirect);
	tcase_add_test(tc, test_hook_stops_nginx);
	tcase_add_test(tc, test_command_var_expansion);
	tcase_add_test(tc, test_override_oom_and_sigterm);
	suite_add_tcase(s, tc);
	tc = tcase_create("seed");
	tcase_add_test(tc, test_seed_liveness);
	tcase_add_loop_test(tc, test_uptime_body, 0, sizeof(echo_cases) / sizeof(echo_cases[0]));
	tcase_add_test(tc, test_uptime_body_is_shortest);
	tcase_add_test(tc, test_seed_init_pod);
	tcase_add_test(tc, test_trap_wait_exits_promptly);
	suite_add_tcase(s, tc);
	tc = tcase_create("probes");
	tcase_add_test(tc, test_exec_probe_files);
	tcase_add_test(tc, test_exec_unknown_and_catalogue);
	tcase_add_loop_test(tc, test_endpoints, 0, sizeof(ep_cases) / sizeof(ep_cases[0]));
	tcase_add_test(tc, test_determinism);
	tcase_add_test(tc, test_listen_after_drawn_per_instance);
	tcase_add_test(tc, test_step_after_drawn_in_order);
	tcase_add_test(tc, test_startup_and_hang);
	tcase_add_test(tc, test_crash_and_unhealthy_kills);
	suite_add_tcase(s, tc);
	return s;
}
