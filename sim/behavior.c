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
 * Override semantics on a shell script (documented for scenario authors):
 * runTime is a deadline - the process exits at the earlier of the script's
 * own end and the deadline; exitCode replaces the status of the script's own
 * exit (not of one caused by SIGTERM); oomKilled without any runTime kills
 * at uptime 0; sigterm replaces the PID 1 shell rules.  exitCode alone on a
 * process that never exits by itself changes nothing.
 *
 * The running instance is behavior_proc.c; the two share the program's
 * layout through behavior_int.h.
 */
#include "behavior.h"

#include "behavior_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* behavior_int.h */
shell_script *behavior_script_for(char *const *argv, int argc, shell_mode mode, const char *prefix,
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

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The catalogue entry for the container's image whose arg0 is mode (NULL:
 * the image's own entry, without a mode); the last one wins. */
static const behavior_spec *catalogue_find(const container_spec *c, const behavior_spec *cat,
					   int n, const char *mode)
{
	char *repo = normalise_image(c->image ? c->image : "");
	const behavior_spec *found = NULL;
	for (int i = 0; i < n; i++) {
		if (!cat[i].image || (mode ? !cat[i].arg0 || strcmp(cat[i].arg0, mode) : !!cat[i].arg0))
			continue;
		char *entry = normalise_image(cat[i].image);
		if (!strcmp(entry, repo))
			found = &cat[i];
		free(entry);
	}
	free(repo);
	return found;
}

/* The process's argv as the runtime builds it from the container and the
 * image (borrowed strings; the array is owned).  The kubelet passes command
 * and args through unchanged (kuberuntime_container.go, after expanding
 * $(VAR) references); containerd's WithProcessArgs then applies Docker's
 * rule: without a command, the image's ENTRYPOINT is kept and args replace
 * its CMD (the CMD stays when args are empty too); a command replaces the
 * ENTRYPOINT and drops the CMD, args alone following it.  img may be NULL
 * (an image podsim does not know: only command and args are known). */
static char **process_argv(const container_spec *c, const behavior_spec *img, int *argc)
{
	int n_ep = c->n_command || !img ? 0 : img->n_entrypoint;
	int n_cmd = c->n_command || c->n_args || !img ? 0 : img->n_cmd;
	char **v = xcalloc((size_t)(n_ep + n_cmd + c->n_command + c->n_args + 1), sizeof(char *));
	int n = 0;
	for (int i = 0; i < n_ep; i++)
		v[n++] = img->entrypoint[i];
	for (int i = 0; i < n_cmd; i++)
		v[n++] = img->cmd[i];
	for (int i = 0; i < c->n_command; i++)
		v[n++] = c->command[i];
	for (int i = 0; i < c->n_args; i++)
		v[n++] = c->args[i];
	*argc = n;
	return v;
}

/* Index of the first word of argv that is the real program, past wrappers
 * that exec their arguments: an init (tini, dumb-init, docker-init) with
 * its options and "--" (*init is set: it forwards signals to the program),
 * and the official images' docker-entrypoint.sh, which execs "$@" unless
 * the first argument is an option for the image's own server. */
static int program_start(char *const *argv, int argc, bool *init)
{
	static const char *const inits[] = { "tini", "tini-static", "dumb-init", "docker-init" };
	int i = 0;
	*init = false;
	for (size_t k = 0; argc > 0 && k < sizeof(inits) / sizeof(inits[0]); k++)
		if (!strcmp(base_name(argv[0]), inits[k])) {
			*init = true;
			for (i = 1; i < argc && argv[i][0] == '-'; i++)
				if (!strcmp(argv[i], "--")) {
					i++;
					break;
				}
		}
	if (i + 1 < argc && !strcmp(base_name(argv[i]), "docker-entrypoint.sh") &&
	    argv[i + 1][0] != '-')
		i++;
	return i;
}

/* Whether a script behind an init may trap SIGTERM itself (then the trap
 * runs as under PID 1; without one the child dies of the signal). */
static bool forwards_to_trap(char *const *argv, int argc)
{
	for (int i = 0; i < argc; i++)
		if (strstr(argv[i], "trap"))
			return true;
	return false;
}

/* The word that says what the image's binary does: the first word past the
 * program's own ENTRYPOINT words (agnhost's mode, "nginx" for nginx), or NULL
 * when there is none or it is an option for the default program. */
static const char *mode_word(char *const *argv, int argc, const behavior_spec *img)
{
	bool init;
	int i = program_start(argv, argc, &init);
	for (int k = 0; img && k < img->n_entrypoint && i < argc; k++)
		if (!strcmp(base_name(argv[i]), base_name(img->entrypoint[k])))
			i++;
	return i < argc && argv[i][0] != '-' ? argv[i] : NULL;
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
	if (b->has_startup || b->startup.kind != DIST_NONE) {
		prog->has_startup = true;
		prog->startup = b->startup;
	}
	if (b->has_faults || b->n_faults) {
		memcpy(prog->faults, b->faults, (size_t)b->n_faults * sizeof(*b->faults));
		prog->n_faults = b->n_faults;
	}
}

/* Unknown image or command (why says which): a server answering on every declared TCP port (HTTP 200
 * on every path, TCP open, gRPC SERVING), exiting 0 at once on SIGTERM. */
static char *fallback_server(behavior_program *prog, const container_spec *c, const char *why)
{
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
	return used ? xasprintf("long-running server on port%s %s (%s not in the catalogue)",
				strchr(ports, ',') ? "s" : "", ports, why)
		    : xasprintf("long-running process (%s not in the catalogue)", why);
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
	if (prog->has_startup) {
		char st[64];
		dist_format(&prog->startup, st, sizeof(st));
		u += (size_t)snprintf(buf + u, u < len ? len - u : 0, " starts in %s,", st);
	}
	for (int i = 0; i < prog->n_faults; i++) {
		const fault_spec *f = &prog->faults[i];
		char every[64], d[64], x[64];
		duration_format(f->every, every, sizeof(every));
		dist_format(&f->duration, d, sizeof(d));
		dist_format(&f->extra, x, sizeof(x));
		if (f->kind == FAULT_CRASH)
			snprintf(x, sizeof(x), "crashes (exit %d)", f->exit_code);
		else if (f->kind == FAULT_HANG)
			snprintf(x, sizeof(x), "hangs");
		else
			snprintf(x + strlen(x), sizeof(x) - strlen(x), " slower");
		u += (size_t)snprintf(buf + u, u < len ? len - u : 0, " %s every %s on average%s%s,",
				      x, every, f->kind == FAULT_CRASH ? "" : " for ",
				      f->kind == FAULT_CRASH ? "" : f->duration.kind ? d : "good");
	}
	snprintf(buf + u, u < len ? len - u : 0, " %d endpoint%s", prog->n_endpoints,
		 prog->n_endpoints == 1 ? "" : "s");
}

static bool drawn(const dist_spec *d)
{
	return d->kind != DIST_NONE && d->kind != DIST_CONST;
}

/* Size the per-instance times and decide whether an instance needs its own stream. */
static void plan_instance_times(behavior_program *prog)
{
	prog->own_stream = prog->n_faults > 0 || drawn(&prog->startup);
	prog->n_times = 0;
	for (int i = 0; i < prog->n_endpoints; i++) {
		const endpoint_spec *e = &prog->endpoints[i];
		prog->own_stream |= drawn(&e->listen_after);
		for (int k = 0; k < e->n_steps; k++)
			prog->own_stream |= drawn(&e->steps[k].after);
		prog->n_times += 1 + e->n_steps;
	}
	if (!prog->own_stream) {
		prog->times = xcalloc((size_t)prog->n_times + 1, sizeof(simtime_t));
		behavior_fill_times(prog, NULL, prog->times);
	}
}

/* Whether an exec stops the container's main program main (a basename, or
 * NULL for a script): `nginx -s quit|stop` when it is nginx, or `killall` /
 * `pkill` of its name (not `-0`, which only tests that it runs).  The words
 * are those of the script of `sh -c`, or argv itself. */
static bool exec_stops_main(char *const *argv, int argc, const char *main)
{
	if (!main)
		return false;
	bool sh = argc > 2 && is_shell(argv[0]) && is_dash_c(argv[1]);
	char *text = sh ? xstrdup(argv[2]) : NULL;
	if (!sh) {
		size_t len = 1;
		for (int i = 0; i < argc; i++)
			len += strlen(argv[i]) + 1;
		text = xcalloc(len, 1);
		for (int i = 0; i < argc; i++)
			strcat(strcat(text, argv[i]), " ");
	}
	const char *w[3] = { "", "", "" };
	bool stops = false;
	for (char *save, *t = strtok_r(text, " \t\n;&|()", &save); t && !stops;
	     t = strtok_r(NULL, " \t\n;&|()", &save)) {
		w[0] = w[1];
		w[1] = w[2];
		w[2] = base_name(t);
		stops = (!strcmp(main, "nginx") && !strcmp(w[0], "nginx") && !strcmp(w[1], "-s") &&
			 (!strcmp(w[2], "quit") || !strcmp(w[2], "stop"))) ||
			((!strcmp(w[1], "killall") || !strcmp(w[1], "pkill")) && !strcmp(w[2], main));
	}
	free(text);
	return stops;
}

/* Moves the notes of one exec from tmp to *warnings, but not those about
 * the commands of an exec that stops the main program: what they do is
 * modelled (behavior_exec), not assumed. */
static void keep_notes(char **tmp, int n_tmp, bool stops, char ***warnings, int *n_warnings)
{
	static const char *const modelled[] = { "\"nginx\" is outside", "\"killall\" is outside",
						"\"pkill\" is outside" };
	for (int i = 0; i < n_tmp; i++) {
		bool drop = false;
		for (size_t k = 0; stops && k < sizeof(modelled) / sizeof(modelled[0]); k++)
			drop |= strstr(tmp[i], modelled[k]) != NULL;
		if (drop)
			free(tmp[i]);
		else
			add_warning(warnings, n_warnings, tmp[i]);
	}
	free(tmp);
}

/* Exec probes and hooks are compiled now so that their warnings appear once.
 * main: the basename of the main program, NULL for a script. */
static void compile_execs(behavior_program *prog, const container_spec *c, const char *main,
			  char ***warnings, int *n_warnings)
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
		char **tmp = NULL;
		int n_tmp = 0;
		e->s = behavior_script_for(e->argv, e->argc, SHELL_EXEC, prefix, &tmp, &n_tmp);
		e->stops_main = exec_stops_main(e->argv, e->argc, main);
		keep_notes(tmp, n_tmp, e->stops_main, warnings, n_warnings);
		free(prefix);
	}
}

/* argv[from..to) joined by spaces into buf (cut at len - 1 bytes). */
static void join_words(char *const *argv, int from, int to, char *buf, size_t len)
{
	size_t u = 0;
	buf[0] = '\0';
	for (int i = from; i < to && u < len; i++)
		u += (size_t)snprintf(buf + u, len - u, "%s%s", u ? " " : "", argv[i]);
}

/* A mode's own flags (agnhost netexec --http-port=8081) are not read: the
 * catalogue entry's ports and answers apply, which a note says. */
static void note_mode_args(char *const *argv, int argc, const char *mode, const char *prefix,
			   char ***warnings, int *n_warnings)
{
	int i = 0;
	while (i < argc && argv[i] != mode)
		i++;
	if (i + 1 >= argc)
		return;
	char words[80];
	join_words(argv, i + 1, argc, words, sizeof(words));
	add_warning(warnings, n_warnings,
		    xasprintf("%sthe arguments after \"%s\" (%.60s%s) are not modelled; the image "
			      "catalogue's entry for %s applies as it is", prefix, mode, words,
			      strlen(words) > 60 ? "..." : "", mode));
}

/* "runs ..." for a script: sh -c and its script, or the builtin's words. */
static char *script_summary(char *const *argv, int argc)
{
	bool sh = argc > 2 && is_shell(argv[0]) && is_dash_c(argv[1]);
	char words[80];
	join_words(argv, sh ? 2 : 0, sh ? 3 : argc, words, sizeof(words));
	return xasprintf("runs %s\"%.60s%s\"", sh ? "sh -c " : "", words,
			 strlen(words) > 60 ? "..." : "");
}

/* The catalogue entry that says what argv does in the container's image:
 * the entry of its mode, else the image's own entry when argv runs the
 * image's default program (or the entry does not say which that is).
 * *unknown: the image is catalogued but this command is not. */
static const behavior_spec *catalogue_entry(const container_spec *c, const behavior_spec *img,
					    char *const *argv, int argc, const behavior_spec *cat,
					    int n_cat, bool *unknown)
{
	const char *mode = mode_word(argv, argc, img);
	const behavior_spec *e = mode ? catalogue_find(c, cat, n_cat, mode) : NULL;
	*unknown = false;
	if (e || !img)
		return e;
	if (mode && (img->n_entrypoint || img->n_cmd)) {
		int n_def;
		char **def = process_argv(&(container_spec){ .image = c->image }, img, &n_def);
		const char *dmode = mode_word(def, n_def, img);
		*unknown = !dmode || strcmp(base_name(mode), base_name(dmode));
		free(def);
	}
	return *unknown ? NULL : img;
}

/* Levels 2-4: the container's own command (with the image's ENTRYPOINT and
 * CMD), the catalogue, the fallback.  described: a behaviour override says
 * what the process does, so the fallback needs no warning. */
static char *compile_base(behavior_program *prog, const container_spec *c,
			  const behavior_spec *cat, int n_cat, bool described, char **main,
			  char ***warnings, int *n_warnings)
{
	const behavior_spec *img = catalogue_find(c, cat, n_cat, NULL);
	int argc;
	bool init;
	char *prefix = loc_prefix(c->loc, "command: ");
	container_spec expanded;
	behavior_env_expand(c, &expanded, prefix, warnings, n_warnings);
	c = &expanded;
	char **argv = process_argv(c, img, &argc);
	int start = program_start(argv, argc, &init);
	char *desc;
	prog->script = behavior_script_for(argv + start, argc - start, SHELL_MAIN, prefix, warnings,
					   n_warnings);
	bool unknown = false;
	const behavior_spec *e =
		prog->script ? NULL : catalogue_entry(c, img, argv, argc, cat, n_cat, &unknown);
	if (prog->script) {
		desc = script_summary(argv + start, argc - start);
		prog->term = TERM_SHELL;
		if (init && !forwards_to_trap(argv + start, argc - start)) {
			/* the child is not PID 1: SIGTERM's default action kills it and
			 * the init exits 128 + 15, as tini and dumb-init do */
			prog->term = TERM_EXIT;
			prog->term_exit = 143;
			char *d = xasprintf("%s under %s (SIGTERM kills it: exit 143)", desc,
					    base_name(argv[0]));
			free(desc);
			desc = d;
		}
	} else if (e) {
		apply_spec(prog, e);
		*main = start < argc ? xstrdup(base_name(argv[start])) : NULL;
		desc = xasprintf("image catalogue \"%s\"%s%s: %s", e->image, e->arg0 ? " " : "",
				 e->arg0 ? e->arg0 : "", e->description ? e->description : "");
		if (e->arg0)
			note_mode_args(argv, argc, mode_word(argv, argc, img), prefix, warnings,
				       n_warnings);
	} else {
		char words[80];
		join_words(argv, start, argc, words, sizeof(words));
		char *why = unknown ? xasprintf("command \"%.60s%s\" of image \"%s\"", words,
						strlen(words) > 60 ? "..." : "", c->image)
				    : xasprintf("image \"%s\"", c->image ? c->image : "");
		char *where = loc_prefix(c->loc, "");
		if (!described)
			add_warning(warnings, n_warnings,
				    xasprintf("%s%s is not in the image catalogue; assuming a "
					      "long-running server that exits 0 on SIGTERM", where, why));
		free(where);
		desc = fallback_server(prog, c, why);
		free(why);
	}
	free(prefix);
	free(argv);
	behavior_env_free(&expanded);
	return desc;
}

/* Notes from index from on that repeat an earlier one are dropped: a pod
 * compiled again (after a deletion, say) says each assumption once. */
static void drop_repeats(char **warnings, int *n_warnings, int from)
{
	int kept = from;
	for (int i = from; i < *n_warnings; i++) {
		bool seen = false;
		for (int j = 0; j < kept && !seen; j++)
			seen = !strcmp(warnings[j], warnings[i]);
		if (seen)
			free(warnings[i]);
		else
			warnings[kept++] = warnings[i];
	}
	*n_warnings = kept;
}

behavior_program *behavior_compile(const pod_spec *p, const container_spec *c,
				   const behavior_spec *overrides, int n_overrides,
				   const behavior_spec *catalogue, int n_catalogue,
				   char ***warnings, int *n_warnings)
{
	assert(p && c && warnings && n_warnings);
	int first_note = *n_warnings;
	behavior_program *prog = xcalloc(1, sizeof(*prog));
	prog->term = TERM_EXIT; /* exit 0 at once unless a source says otherwise */
	bool described = false;
	for (int i = 0; i < n_overrides; i++)
		described |= override_matches(&overrides[i], p, c) &&
			     (overrides[i].has_endpoints || overrides[i].has_sigterm ||
			      overrides[i].has_run_time);
	char *main = NULL;
	char *desc = compile_base(prog, c, catalogue, n_catalogue, described, &main, warnings,
				  n_warnings);
	for (int i = 0; i < n_overrides; i++)
		if (override_matches(&overrides[i], p, c))
			apply_spec(prog, &overrides[i]);
	char extra[512];
	describe_overrides(prog, overrides, n_overrides, p, c, extra, sizeof(extra));
	prog->summary = xasprintf("%s%s", desc, extra);
	free(desc);
	compile_execs(prog, c, main, warnings, n_warnings);
	free(main);
	drop_repeats(*warnings, n_warnings, first_note);
	plan_instance_times(prog);
	prog->pod = p;
	prog->ctr = c;
	return prog;
}

void behavior_program_set_journal(behavior_program *prog, faults_journal *j)
{
	prog->journal = j;
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
	free(prog->times);
	shell_script_free(prog->script);
	free(prog->endpoints);
	free(prog->summary);
	free(prog);
}

const char *behavior_program_summary(const behavior_program *prog)
{
	return prog->summary;
}
