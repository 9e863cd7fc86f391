/* main.c - the podsim command line: subcommands, options, usage, exit codes.
 *
 * Thin by design (style.md rule 9): parse options from one table, load the
 * scenario, check that every instant asked for lies within the run, hand
 * over to sim.c or diff.c, and make sure the output was really written.
 * Exit codes: 0 ok, 1 runtime failure (including a diff that does not
 * match, and a failed write), 2 bad usage or bad input.  The write check
 * is git's (git.c run_builtin flushes stdout and dies on "write failure on
 * standard output"): kubectl's printers ignore write errors, a simulator
 * whose output is its whole result must not.
 */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "behavior.h"
#include "diff.h"
#include "podsim.h"
#include "rng.h"
#include "scenario.h"
#include "serve.h"
#include "sim.h"
#include "sweep.h"
#include "sweep_shard.h"
#include "tune.h"

#define PODSIM_VERSION "0.1.0"

static const char usage_text[] =
	"usage: podsim run [options] FILE|DIR...  simulate the pods in FILE(s)\n"
	"       podsim validate FILE|DIR...       check FILE(s) and exit\n"
	"       podsim diff [options] RECORDED SIMULATED\n"
	"                                         compare a `kubectl get pods -w` or\n"
	"                                         `kubectl get events -w` capture with a\n"
	"                                         simulated one (or a scenario file to run)\n"
	"       podsim sweep [--set PATH=VALUES]... [--seeds A..B] [-j N] FILE...\n"
	"                                         runs over a grid x seeds: metrics per run\n"
	"                                         and per grid point (see podsim sweep --help)\n"
	"       podsim merge [--runs FILE] SHARD...  the summary of a sweep run in shards\n"
	"       podsim tune --minimize METRIC [--constraint 'METRIC<=X'] [--param PATH=A..B/S] FILE...\n"
	"                                         the probe settings that do best (podsim tune --help)\n"
	"       podsim serve [--listen 127.0.0.1:PORT] [--speed N | --step]\n"
	"             [--kubeconfig-out F] FILE...\n"
	"                                         serve the run to kubectl (README)\n"
	"       podsim --help | --version\n"
	"\n"
	"`podsim COMMAND --help` lists the options of COMMAND; `man podsim` has them all.\n";

static const char usage_footer[] =
	"\nDurations use Go syntax: 500ms, 10s, 2m30s.  Exit status: 0 ok, 1 runtime failure\n"
	"or diff mismatch, 2 bad usage or bad input.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "podsim: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(see podsim --help)\n");
	return EXIT_BADINPUT;
}

typedef struct opt_state {
	sim_options o;
	const char **files;
	int n_files;
	FILE *out; /* standard output (see out_open) */
	simtime_t tolerance;
	scenario_validate validate;
	bool help;           /* --help: print the subcommand's usage, exit 0 */
	bool watch_from_set; /* --watch-from given */
	bool strict_behavior;
} opt_state;

static int parse_duration_opt(const char *name, const char *val, simtime_t *out)
{
	int r = val ? duration_parse(val, out) : -1;
	if (r == DURATION_TOO_LONG)
		fprintf(stderr, "podsim: %s: \"%s\" is longer than podsim's limit of %s\n", name, val,
			SIM_TIME_LIMIT_TEXT);
	else if (r < 0)
		fprintf(stderr, "podsim: %s: bad duration \"%s\" (Go syntax such as 500ms, 10s, 2m30s)\n",
			name, val ? val : "");
	return r < 0 ? -1 : 0;
}

static int opt_seed(opt_state *s, const char *v)
{
	char *end;
	errno = 0;
	unsigned long long n = v ? strtoull(v, &end, 10) : 0;
	if (!v || !*v || *end || errno || v[0] == '-') {
		fprintf(stderr, "podsim: --seed: bad number \"%s\"\n", v ? v : "");
		return -1;
	}
	s->o.seed_set = true;
	s->o.seed = n;
	return 0;
}

static int opt_duration(opt_state *s, const char *v)
{
	s->o.duration_set = true;
	if (parse_duration_opt("--duration", v, &s->o.duration) < 0)
		return -1;
	if (s->o.duration == 0) {
		fprintf(stderr, "podsim: --duration: must be more than 0s, got \"%s\"\n", v);
		return -1;
	}
	return 0;
}

static int opt_watch_from(opt_state *s, const char *v)
{
	s->watch_from_set = true;
	return parse_duration_opt("--watch-from", v, &s->o.watch_from);
}

static int opt_describe_at(opt_state *s, const char *v)
{
	s->o.describe_at_set = true;
	return parse_duration_opt("--describe-at", v, &s->o.describe_at);
}

static int opt_tolerance(opt_state *s, const char *v)
{
	return parse_duration_opt("--tolerance", v, &s->tolerance);
}

static int opt_output(opt_state *s, const char *v)
{
	static const struct { const char *name; sim_output o; } formats[] = {
		{"get", OUT_GET}, {"wide", OUT_WIDE}, {"json", OUT_JSON},
		{"events", OUT_EVENTS}, {"describe", OUT_DESCRIBE}, {"logs", OUT_LOGS},
		{"timeline", OUT_TIMELINE},
	};
	for (size_t k = 0; v && k < sizeof(formats) / sizeof(formats[0]); k++)
		if (strcmp(v, formats[k].name) == 0) {
			s->o.output = formats[k].o;
			return 0;
		}
	fprintf(stderr, "podsim: -o: unknown format \"%s\" (get, wide, json, events, describe, logs, "
		"timeline)\n",
		v ? v : "");
	return -1;
}

static int opt_explain(opt_state *s, const char *v)
{
	(void)v;
	s->o.explain = true;
	return 0;
}

static int opt_stats(opt_state *s, const char *v)
{
	(void)v;
	s->o.stats = true;
	return 0;
}

static int opt_metrics(opt_state *s, const char *v)
{
	(void)v;
	s->o.metrics = true;
	return 0;
}

static int opt_strict_behavior(opt_state *s, const char *v)
{
	(void)v;
	s->strict_behavior = true;
	return 0;
}

/* kubectl's --validate values (kubectl/pkg/cmd/util GetValidationDirective). */
static int opt_validate(opt_state *s, const char *v)
{
	static const struct { const char *name; scenario_validate mode; } modes[] = {
		{"strict", SCENARIO_VALIDATE_STRICT}, {"true", SCENARIO_VALIDATE_STRICT},
		{"warn", SCENARIO_VALIDATE_WARN},     {"ignore", SCENARIO_VALIDATE_IGNORE},
		{"false", SCENARIO_VALIDATE_IGNORE},
	};
	for (size_t k = 0; k < sizeof(modes) / sizeof(modes[0]); k++)
		if (strcmp(v, modes[k].name) == 0) {
			s->validate = modes[k].mode;
			return 0;
		}
	fprintf(stderr, "podsim: --validate: unknown mode \"%s\" (strict, warn, ignore)\n", v);
	return -1;
}

static int opt_help(opt_state *s, const char *v)
{
	(void)v;
	s->help = true;
	return 0;
}

/* The subcommands an option belongs to: its --help lists it there. */
enum { CMD_RUN = 1, CMD_VALIDATE = 2, CMD_DIFF = 4, CMD_ALL = 7 };

/* Every option of run, validate and diff, each entry starting on a line of
 * its own: tests/options.sh reads the names from here and checks that each
 * is in its subcommands' --help and in sim/podsim.1.  A name may repeat
 * with another help for other subcommands (-o): parsing takes the first
 * entry of a name, so such entries share their apply function. */
static const struct option_def {
	const char *name;
	const char *value; /* the value's name in --help, NULL for a flag */
	unsigned cmds;
	int (*apply)(opt_state *s, const char *value);
	const char *help;
} options[] = {
	{"--seed", "N", CMD_RUN | CMD_DIFF, opt_seed,
	 "random seed (default: the Simulation document's, else 1)"},
	{"--duration", "D", CMD_RUN | CMD_DIFF, opt_duration,
	 "virtual time to simulate (default: the Simulation document's, else 10m)"},
	{"--watch-from", "D", CMD_RUN | CMD_DIFF, opt_watch_from,
	 "start the watch at virtual time D (as when kubectl starts late)"},
	{"-o", "FORMAT", CMD_RUN, opt_output,
	 "get (default), wide, json, events, describe, logs (what kubectl logs and logs "
	 "--previous show at the end of the run), timeline (TSV spans and marks per "
	 "container instance, for plots/timeline.gp)"},
	{"-o", "FORMAT", CMD_DIFF, opt_output,
	 "get (a table, the default) or json (the verdict as one JSON object)"},
	{"--output", "FORMAT", CMD_RUN | CMD_DIFF, opt_output,
	 "the same as -o"},
	{"--describe-at", "D", CMD_RUN, opt_describe_at,
	 "with -o describe: the instant to describe (default: the end)"},
	{"--explain", NULL, CMD_RUN, opt_explain,
	 "under each row, the kubelet mechanism that produced it"},
	{"--stats", NULL, CMD_RUN, opt_stats,
	 "print the seed, event counts and peak memory to stderr"},
	{"--metrics", NULL, CMD_RUN, opt_metrics,
	 "after the output, the run's lifecycle metrics"},
	{"--tolerance", "D", CMD_DIFF, opt_tolerance,
	 "largest AGE or \"(X ago)\" difference that still matches (default 3s)"},
	{"--validate", "MODE", CMD_ALL, opt_validate,
	 "unknown or repeated Pod fields: strict (or true; the default), warn or ignore "
	 "(or false), as kubectl"},
	{"--strict-behavior", NULL, CMD_RUN | CMD_VALIDATE, opt_strict_behavior,
	 "a note that podsim assumes what a process does is an error (exit 2), for CI"},
	{"--help", NULL, CMD_ALL, opt_help,
	 "print this help and exit"},
	{"-h", NULL, CMD_ALL, opt_help,
	 "the same as --help"},
};

/* The subcommands parse_args serves, for their --help. */
static const struct subcommand {
	const char *name;
	unsigned cmd;
	const char *synopsis;
	const char *about;
} subcommands[] = {
	{"run", CMD_RUN, "podsim run [options] FILE|DIR...",
	 "Simulate every Pod in the files and print what kubectl shows (by default\n"
	 "`kubectl get pods -w`, the watch starting before the pods are created)."},
	{"validate", CMD_VALIDATE, "podsim validate [options] FILE|DIR...",
	 "Load and check the files, print one line per container saying what its\n"
	 "process will do, then \"N pods ok\"."},
	{"diff", CMD_DIFF, "podsim diff [options] RECORDED SIMULATED",
	 "Compare a recorded `kubectl get pods -w` (or `kubectl get events -w`) capture\n"
	 "with a simulated one, per pod (or object) in order.  SIMULATED may be a\n"
	 "scenario file (.yaml, .yml): it is run, a pod capture's watch starting at\n"
	 "the capture's earliest AGE, an event capture's at --watch-from (default 0)."},
};

/* Prints text from column 0 of a line that already holds col characters,
 * wrapped at 79 columns with continuation lines indented by indent. */
static void print_wrapped(FILE *out, const char *text, int col, int indent)
{
	while (*text) {
		size_t word = strcspn(text, " ");
		if (col > indent && col + 1 + (int)word > 79) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		}
		fprintf(out, "%.*s", (int)word, text);
		col += (int)word;
		text += word;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

static void print_subcommand_help(const struct subcommand *c, FILE *out)
{
	fprintf(out, "usage: %s\n\n%s\n\noptions:\n", c->synopsis, c->about);
	for (size_t k = 0; k < sizeof(options) / sizeof(options[0]); k++) {
		if (!(options[k].cmds & c->cmd))
			continue;
		char left[64];
		snprintf(left, sizeof(left), "  %s%s%s", options[k].name, options[k].value ? " " : "",
			 options[k].value ? options[k].value : "");
		fprintf(out, "%-21s", left);
		print_wrapped(out, options[k].help, (int)strlen(left) < 21 ? 21 : (int)strlen(left),
			      21);
	}
	fputs(usage_footer, out);
}

/* Apply one option at argv[*i]; returns 0, or -1 on error. */
static int apply_option(opt_state *s, int argc, char **argv, int *i)
{
	const char *arg = argv[*i];
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	for (size_t k = 0; k < sizeof(options) / sizeof(options[0]); k++) {
		if (strlen(options[k].name) != len || strncmp(options[k].name, arg, len) != 0)
			continue;
		const char *val = NULL;
		if (options[k].value)
			val = eq ? eq + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
		if (options[k].value && !val) {
			fprintf(stderr, "podsim: %s needs a value\n", options[k].name);
			return -1;
		}
		return options[k].apply(s, val);
	}
	fprintf(stderr, "podsim: unknown option \"%s\" (see podsim --help)\n", arg);
	return -1;
}

static int parse_args(opt_state *s, int argc, char **argv)
{
	memset(s, 0, sizeof(*s));
	s->tolerance = SEC(3);
	s->files = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			if (apply_option(s, argc, argv, &i) < 0)
				return -1;
		} else {
			s->files[s->n_files++] = argv[i];
		}
	}
	return 0;
}

/* One rule for every instant a run is asked for (--watch-from,
 * --describe-at, an action's `at`, the start of a recording given to diff):
 * it must lie within the run, 0 to its duration inclusive, else it is bad
 * input naming the option (or the file:line:col) and the duration.  An
 * instant past the end would otherwise give silently empty or truncated
 * output.  Rejected: clamping to the end, or a note on stderr (a user who
 * asked for minute 30 of a 25-minute run wants to be told, not guessed). */
static int after_end(const char *where, simtime_t at, simtime_t end)
{
	char a[32], d[32];
	duration_format(at, a, sizeof(a));
	duration_format(end, d, sizeof(d));
	fprintf(stderr, "podsim: %s: %s is after the end of the run (duration %s)\n", where, a, d);
	return -1;
}

static int check_instants(const scenario *sc, const sim_options *o)
{
	simtime_t end = sim_duration(sc, o);
	if (o->watch_from > end)
		return after_end("--watch-from", o->watch_from, end);
	if (o->describe_at_set && o->describe_at > end)
		return after_end("--describe-at", o->describe_at, end);
	for (int k = 0; k < sc->settings.n_actions; k++) {
		const action_spec *a = &sc->settings.actions[k];
		if (a->at > end) {
			char where[PATH_MAX + 64];
			snprintf(where, sizeof(where), "%s:%d:%d: actions[%d].at", a->loc.file,
				 a->loc.line, a->loc.col, k);
			return after_end(where, a->at, end);
		}
	}
	return 0;
}

/* What podsim will make each container's process do: one line per
 * container on out (validate; NULL: none), then the notes where it had to
 * assume, each a warning - or, with strict (--strict-behavior), the first
 * one an error: returns -1 then. */
static int print_behaviors(const scenario *sc, FILE *out, bool strict)
{
	char **warnings = NULL;
	int n_warnings = 0;
	for (int k = 0; k < sc->n_pods; k++) {
		const pod_spec *p = &sc->pods[k];
		for (int c = 0; c < p->n_init_containers + p->n_containers; c++) {
			const container_spec *cs = c < p->n_init_containers
							   ? &p->init_containers[c]
							   : &p->containers[c - p->n_init_containers];
			behavior_program *prog =
				behavior_compile(p, cs, sc->settings.behaviors, sc->settings.n_behaviors,
						 sc->catalogue, sc->n_catalogue, &warnings, &n_warnings);
			if (out)
				fprintf(out, "%s/%s: %s\n", p->name, cs->name, behavior_program_summary(prog));
			behavior_program_free(prog);
		}
	}
	for (int k = 0; k < n_warnings; k++) {
		if (!strict)
			fprintf(stderr, "podsim: warning: %s\n", warnings[k]);
		else if (k == 0)
			fprintf(stderr, "podsim: %s (--strict-behavior)\n", warnings[k]);
		free(warnings[k]);
	}
	free(warnings);
	return strict && n_warnings ? -1 : 0;
}

static int cmd_run(opt_state *s, bool validate_only)
{
	if (s->n_files == 0)
		return usage_error("%s: no scenario file given", validate_only ? "validate" : "run");
	if (s->o.explain && s->o.output != OUT_GET && s->o.output != OUT_WIDE)
		return usage_error("%s", "--explain goes with -o get or -o wide");
	if (s->o.describe_at_set && s->o.output != OUT_DESCRIBE)
		return usage_error("%s", "--describe-at goes with -o describe");
	scenario sc;
	if (scenario_load_files(&sc, s->files, s->n_files, s->validate, stderr) < 0) {
		scenario_release(&sc);
		return EXIT_BADINPUT;
	}
	int rc = EXIT_OK;
	if (sc.n_pods == 0 && sc.n_workloads_skipped > 0) {
		/* issue 11: a workload manifest is skipped with a note until
		 * workloads are simulated, not refused */
		fprintf(stderr, "podsim: note: %s: only workloads, which podsim does not simulate "
			"yet: nothing to run\n", s->files[s->n_files - 1]);
	} else if (sc.n_pods == 0) {
		fprintf(stderr, "podsim: %s: no v1 Pod document in the input: nothing to simulate\n",
			s->files[s->n_files - 1]);
		rc = EXIT_BADINPUT;
	} else if (check_instants(&sc, &s->o) < 0) {
		rc = EXIT_BADINPUT;
	} else if (s->strict_behavior && print_behaviors(&sc, NULL, true) < 0) {
		rc = EXIT_BADINPUT;
	} else if (validate_only) {
		print_behaviors(&sc, s->out, false);
		fprintf(s->out, "%d pod%s ok\n", sc.n_pods, sc.n_pods == 1 ? "" : "s");
	}
	else
		rc = sim_run(&sc, &s->o, s->out, stderr);
	scenario_release(&sc);
	return rc;
}

static bool is_scenario(const char *path)
{
	size_t n = strlen(path);
	return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) || (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

/* The recording's earliest row: where the simulated watch starts. */
static const diff_row *earliest(const diff_row *rec, int n)
{
	const diff_row *first = &rec[0];
	for (int k = 1; k < n; k++)
		if (rec[k].age < first->age)
			first = &rec[k];
	return first;
}

/* Run the scenario at path into a string, as `kubectl get pods -w` when
 * the recording holds pod rows (the watch starting at its earliest row,
 * first) or as `kubectl get events -w` (first NULL: the watch starts at
 * --watch-from, LAST SEEN being no pod age); NULL after a message on
 * stderr. */
static char *simulate_capture(opt_state *s, const char *path, const char *rec_path,
			      const diff_row *first)
{
	scenario sc;
	const char *files[1] = {path};
	char *text = NULL;
	s->o.output = first ? OUT_GET : OUT_EVENTS;
	if (first)
		s->o.watch_from = first->age;
	s->o.quiet_warnings = true;
	if (scenario_load_files(&sc, files, 1, s->validate, stderr) < 0) {
		scenario_release(&sc);
		return NULL;
	}
	simtime_t end = sim_duration(&sc, &s->o);
	if (first && first->age > end) {
		char where[PATH_MAX + 64];
		snprintf(where, sizeof(where), "%s:%d:%d: AGE", rec_path, first->line,
			 first->age_col);
		after_end(where, first->age, end);
	} else if (check_instants(&sc, &s->o) == 0) {
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		sim_run(&sc, &s->o, mem, stderr);
		fclose(mem);
	}
	scenario_release(&sc);
	return text;
}

/* The report diff writes: a table (-o get, the default; -o wide is
 * accepted as before) or the JSON verdict (-o json); -1 for other formats. */
static int diff_format_of(const opt_state *s, diff_format *fmt)
{
	*fmt = s->o.output == OUT_JSON ? DIFF_JSON : DIFF_TEXT;
	return s->o.output == OUT_GET || s->o.output == OUT_WIDE || s->o.output == OUT_JSON ? 0
											  : -1;
}

/* SIMULATED is a scenario: run it the way RECORDED was captured. */
static int diff_scenario(opt_state *s, diff_format fmt)
{
	diff_row *rec = NULL, *sim = NULL;
	int nr = diff_load(s->files[0], true, &rec, stderr), ns = -1;
	char *stext = NULL;
	if (nr > 0 && !rec[0].event && s->watch_from_set)
		usage_error("%s", "diff: --watch-from goes with an event capture (a pod capture's "
				  "watch starts at its earliest AGE)");
	else if (nr > 0)
		stext = simulate_capture(s, s->files[1], s->files[0],
					 rec[0].event ? NULL : earliest(rec, nr));
	char err[512];
	if (stext && (ns = diff_parse_capture(stext, strlen(stext), s->files[1], &sim, stderr,
					      err, sizeof(err))) < 0)
		fprintf(stderr, "podsim diff: %s\n", err);
	int rc = EXIT_BADINPUT;
	if (ns >= 0)
		rc = diff_exit_code(diff_compare(rec, nr, sim, ns, s->tolerance, s->files[0],
						 s->files[1], fmt, s->out, stderr));
	free(stext);
	free(rec);
	free(sim);
	return rc;
}

static int cmd_diff(opt_state *s)
{
	diff_format fmt;
	if (s->n_files != 2)
		return usage_error("%s", "diff needs RECORDED and SIMULATED");
	if (diff_format_of(s, &fmt) < 0 || s->o.describe_at_set)
		return usage_error("%s", "diff writes a table (-o get) or a JSON verdict (-o json)");
	if (!is_scenario(s->files[1]))
		return diff_files(s->files[0], s->files[1], s->tolerance, fmt, s->out, stderr);
	return diff_scenario(s, fmt);
}

/* ---- standard output ---------------------------------------------------- */

/* Everything podsim prints on stdout goes through one stream over fd 1 that
 * keeps the errno of the first failed write: stdio itself keeps only an
 * error flag, and errno is long overwritten when the run ends.  After a
 * failure the rest of the output is dropped, so a full disk or a closed
 * pipe (SIGPIPE ignored) costs no further system calls; main then reports
 * "podsim: write error: <strerror>" and exits 1, never a silent 0.  The
 * run itself still goes to its end: stopping it belongs to sim.c's loop. */
static int out_errno;

static ssize_t out_write(void *cookie, const char *buf, size_t n)
{
	(void)cookie;
	for (size_t done = 0; done < n && !out_errno;) {
		ssize_t w = write(STDOUT_FILENO, buf + done, n - done);
		if (w > 0)
			done += (size_t)w;
		else if (w == 0 || errno != EINTR)
			out_errno = w == 0 ? EIO : errno;
	}
	return (ssize_t)n;
}

static FILE *out_open(void)
{
	cookie_io_functions_t io = { .write = out_write };
	FILE *f = fopencookie(NULL, "w", io);
	if (!f) {
		fputs("podsim: out of memory opening standard output\n", stderr);
		abort();
	}
	if (isatty(STDOUT_FILENO))
		setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

/* Flushes out; a write that failed makes rc a runtime failure (exit 1). */
static int out_close(FILE *out, int rc)
{
	fclose(out);
	if (!out_errno)
		return rc;
	fprintf(stderr, "podsim: write error: %s\n", strerror(out_errno));
	return rc == EXIT_BADINPUT ? rc : EXIT_RUNTIME;
}

static int run_command(int argc, char **argv, FILE *out)
{
	if (argc < 2)
		return usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_text, out);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		fprintf(out, "podsim %s\n", PODSIM_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "sweep") == 0)
		return sweep_main(argc - 2, argv + 2);
	if (strcmp(cmd, "serve") == 0)
		return serve_main(argc - 2, argv + 2);
	if (strcmp(cmd, "merge") == 0)
		return sweep_shard_merge_main(argc - 2, argv + 2, out);
	if (strcmp(cmd, "tune") == 0)
		return tune_main(argc - 2, argv + 2, out);
	const struct subcommand *sub = NULL;
	for (size_t k = 0; k < sizeof(subcommands) / sizeof(subcommands[0]); k++)
		if (strcmp(cmd, subcommands[k].name) == 0)
			sub = &subcommands[k];
	if (!sub)
		return usage_error("unknown command \"%s\"", cmd);
	opt_state s;
	int rc = parse_args(&s, argc - 2, argv + 2);
	s.out = out;
	if (rc < 0)
		rc = EXIT_BADINPUT;
	else if (s.help)
		print_subcommand_help(sub, out);
	else if (sub->cmd == CMD_DIFF)
		rc = cmd_diff(&s);
	else
		rc = cmd_run(&s, sub->cmd == CMD_VALIDATE);
	free(s.files);
	return rc;
}

int main(int argc, char **argv)
{
	FILE *out = out_open();
	return out_close(out, run_command(argc, argv, out));
}
