/* shellcmd.c - the commands of the shell subset.
 *
 * Each builtin mirrors what busybox (the image most `sh -c` examples use)
 * prints and returns, because exec probes and container logs show exactly
 * those bytes: `cat: can't open 'F': No such file or directory` with status
 * 1, `date` as `Thu Apr 18 07:31:39 UTC 2024`, and so on.  Every command is
 * instantaneous except sleep, which parks the calling thread until a virtual
 * instant (or forever for `sleep infinity`).
 *
 * The files they read and write are in the instance's filesystem (shell_fs.c).
 */
#include "shell_int.h"
#include "shellcmd_tools.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- string buffer ----------------------------------------------------- */

void shellcmd_append(char **s, size_t *len, size_t *cap, const char *add, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*s = xrealloc(*s, *cap);
	}
	memcpy(*s + *len, add, n);
	*len += n;
	(*s)[*len] = '\0';
}

void shellcmd_putn(strbuf *b, const char *s, size_t n)
{
	shellcmd_append(&b->s, &b->n, &b->cap, s, n);
}

void shellcmd_puts(strbuf *b, const char *s)
{
	shellcmd_putn(b, s, strlen(s));
}

void shellcmd_printf(strbuf *b, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	shellcmd_puts(b, buf);
}

/* ---- paths --------------------------------------------------------------- */

char *shellcmd_path(const shell_run *r, const char *path)
{
	return shell_fs_path(r->cwd, path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct glob_ctx {
	const char *pattern; /* absolute */
	size_t cut;          /* bytes of the absolute form to drop from each match */
	char **out;
	int n;
} glob_ctx;

static void glob_one(const char *path, void *arg)
{
	glob_ctx *g = arg;
	if (strlen(path) < g->cut || fnmatch(g->pattern, path, FNM_PATHNAME | FNM_PERIOD))
		return;
	g->out = xrealloc(g->out, (size_t)(g->n + 1) * sizeof(char *));
	g->out[g->n++] = xstrdup(path + g->cut);
}

int shellcmd_glob(const shell_run *r, const char *pattern, char ***out)
{
	bool rel = pattern[0] != '/';
	char *abs = rel ? xasprintf("%s/%s", strcmp(r->cwd, "/") ? r->cwd : "", pattern)
			: xstrdup(pattern);
	glob_ctx g = { abs, rel ? strlen(abs) - strlen(pattern) : 0, NULL, 0 };
	shell_fs_each(r->fs, glob_one, &g);
	if (g.n)
		qsort(g.out, (size_t)g.n, sizeof(char *), cmp_str);
	free(abs);
	*out = g.out;
	return g.n;
}

/* ---- builtins ---------------------------------------------------------- */

typedef int (*builtin_fn)(shell_run *r, thread *th, int argc, char **argv, strbuf *out,
			  strbuf *err);

static int b_true(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)r, (void)th, (void)argc, (void)argv, (void)out, (void)err;
	return 0;
}

static int b_false(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)r, (void)th, (void)argc, (void)argv, (void)out, (void)err;
	return 1;
}

/* Backslash escapes of echo -e and printf; returns false at \c (stop). */
static bool put_escaped(strbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			shellcmd_putn(b, s, 1);
			continue;
		}
		s++;
		const char *from = "ntr\\ae", *to = "\n\t\r\\\a\033";
		const char *k = strchr(from, *s);
		if (*s == 'c')
			return false;
		if (k)
			shellcmd_putn(b, to + (k - from), 1);
		else
			shellcmd_putn(b, s - 1, 2);
	}
	return true;
}

static int b_echo(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)r, (void)th, (void)err;
	bool nl = true, esc = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] &&
	       strspn(argv[i] + 1, "neE") == strlen(argv[i] + 1); i++) {
		nl &= !strchr(argv[i], 'n');
		esc = strchr(argv[i], 'e') ? true : strchr(argv[i], 'E') ? false : esc;
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			shellcmd_puts(out, " ");
		if (!esc)
			shellcmd_puts(out, argv[i]);
		else if (!put_escaped(out, argv[i]))
			return 0;
	}
	if (nl)
		shellcmd_puts(out, "\n");
	return 0;
}

/* One pass over a printf format; returns how many arguments it used. */
static int printf_pass(strbuf *out, const char *f, int argc, char **argv)
{
	int used = 0;
	for (; *f; f++) {
		if (*f == '\\') {
			char two[3] = { f[0], f[1], 0 };
			put_escaped(out, two);
			f += f[1] != 0;
		} else if (*f == '%' && f[1] == '%') {
			shellcmd_puts(out, "%");
			f++;
		} else if (*f == '%' && f[1] && strchr("sdic", f[1])) {
			const char *a = used < argc ? argv[used] : "";
			used += used < argc;
			if (f[1] == 's')
				shellcmd_puts(out, a);
			else if (f[1] == 'c')
				shellcmd_putn(out, a, *a ? 1 : 0);
			else
				shellcmd_printf(out, "%ld", strtol(a, NULL, 10));
			f++;
		} else {
			shellcmd_putn(out, f, 1);
		}
	}
	return used;
}

static int b_printf(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)r, (void)th;
	if (argc < 2) {
		shellcmd_puts(err, "printf: missing format\n");
		return 1;
	}
	int done = 0, rest = argc - 2;
	do {
		int used = printf_pass(out, argv[1], rest - done, argv + 2 + done);
		if (!used)
			break;
		done += used;
	} while (done < rest);
	return 0;
}

/* Parse one sleep operand ("5", "1.5", "2m", "infinity") and add it to *ns;
 * -1 if bad.  A total that virtual time cannot hold (over ~292 years) is a
 * sleep past the end of any possible run: it sets *forever, as infinity does
 * (the arithmetic saturates instead of overflowing). */
static int sleep_arg(const char *s, simtime_t *ns, bool *forever)
{
	if (!strcmp(s, "infinity") || !strcmp(s, "inf")) {
		*forever = true;
		return 0;
	}
	int64_t whole = 0, frac = 0, scale = NSEC_PER_SEC;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++)
		whole = whole < INT64_C(1) << 40 ? whole * 10 + (*p - '0') : whole;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1)
				frac += (*p - '0') * (scale /= 10);
	static const char units[] = "smhd";
	static const int64_t mult[] = { 1, 60, 3600, 86400 };
	const char *u = *p ? strchr(units, *p) : units;
	if (p == s || !u || (*p && p[1]))
		return -1;
	int64_t d;
	if (__builtin_mul_overflow(whole, NSEC_PER_SEC, &d) || __builtin_add_overflow(d, frac, &d) ||
	    __builtin_mul_overflow(d, mult[u - units], &d) || __builtin_add_overflow(*ns, d, ns))
		*forever = true;
	return 0;
}

/* sleep is not a shell builtin: a fork+exec of /bin/sleep (a busybox applet)
 * with the timer slack costs about a millisecond, so a positive sleep lasts
 * at least that per live thread of the run (n jobs looping on tiny sleeps
 * share the container's CPU: a round of n sleeps takes about n ms).  This
 * rough model guarantees that a run wakes at most about a thousand times per
 * virtual second however many jobs it has (`while true; do sleep 0.000000001;
 * done` cost a billion).  `sleep 0` stays instantaneous; a loop of it never
 * blocks and is parked by the busy-loop detector of shellrun.c. */
#define SLEEP_MIN MSEC(1)

static simtime_t sleep_floor(const shell_run *r)
{
	return SLEEP_MIN * (r->n_live ? r->n_live : 1);
}

static int b_sleep(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)out;
	simtime_t total = 0;
	bool forever = false;
	if (argc < 2) {
		shellcmd_puts(err, "sleep: missing operand\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		if (sleep_arg(argv[i], &total, &forever) < 0) {
			shellcmd_printf(err, "sleep: invalid number '%s'\n", argv[i]);
			return 1;
		}
	}
	if (total > 0 && total < sleep_floor(r))
		total = sleep_floor(r);
	if (forever || total > SIMTIME_NEVER - r->now) {
		th->st = TH_BLOCK;
		th->block_unknown = false;
	} else if (total > 0) {
		th->st = TH_SLEEP;
		th->wake = r->now + total;
	}
	return 0;
}

static void format_date(strbuf *out, const char *fmt, int64_t secs, simtime_t nanos)
{
	time_t t = (time_t)secs;
	struct tm tm;
	gmtime_r(&t, &tm);
	for (const char *f = fmt; *f; f++) {
		char buf[64], conv[3] = { '%', f[1], 0 };
		if (*f != '%' || !f[1]) {
			shellcmd_putn(out, f, 1);
			continue;
		}
		f++;
		if (*f == 'Z')
			shellcmd_puts(out, "UTC");
		else if (*f == 's')
			shellcmd_printf(out, "%lld", (long long)secs);
		else if (*f == 'N')
			shellcmd_printf(out, "%09lld", (long long)nanos);
		else if (strftime(buf, sizeof(buf), conv, &tm))
			shellcmd_puts(out, buf);
	}
	shellcmd_puts(out, "\n");
}

static int b_date(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th;
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '+') {
			fmt = argv[i] + 1;
		} else if (strcmp(argv[i], "-u") && strcmp(argv[i], "--utc")) {
			shellcmd_printf(err, "date: invalid date '%s'\n", argv[i]);
			return 1;
		}
	}
	simtime_t ns = r->now % NSEC_PER_SEC;
	ns += ns < 0 ? NSEC_PER_SEC : 0;
	format_date(out, fmt, r->epoch_unix + (r->now - ns) / NSEC_PER_SEC, ns);
	return 0;
}

static int b_touch(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th, (void)out;
	int n = 0, rc = 0;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			continue;
		char *p = shellcmd_path(r, argv[i]);
		if (shell_fs_stat(r->fs, p) == SHELL_FS_NONE)
			shell_fs_write(r->fs, p, "", 0, true);
		free(p);
		n++;
	}
	if (!n) {
		shellcmd_puts(err, "touch: missing operand\n");
		rc = 1;
	}
	return rc;
}

/* Leading options made of the letters in allowed; -1 on another letter. */
static int parse_flags(int argc, char **argv, const char *allowed, char *seen, int *first,
		       strbuf *err, const char *cmd)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *f = argv[i] + 1; *f; f++) {
			if (!strchr(allowed, *f)) {
				shellcmd_printf(err, "%s: invalid option -- '%c'\n", cmd, *f);
				return -1;
			}
			if (!strchr(seen, *f))
				strncat(seen, f, 1);
		}
	}
	*first = i;
	return 0;
}

static int b_rm(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th, (void)out;
	char fl[16] = "";
	int i, rc = 0;
	if (parse_flags(argc, argv, "frRiv", fl, &i, err, "rm") < 0)
		return 1;
	bool force = strchr(fl, 'f'), rec = strchr(fl, 'r') || strchr(fl, 'R');
	if (i == argc && !force) {
		shellcmd_puts(err, "rm: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *p = shellcmd_path(r, argv[i]);
		int kind = shell_fs_stat(r->fs, p);
		if (kind == SHELL_FS_NONE && !force) {
			shellcmd_printf(err, "rm: can't remove '%s': No such file or directory\n", argv[i]);
			rc = 1;
		} else if (kind == SHELL_FS_DIR && !rec) {
			shellcmd_printf(err, "rm: '%s' is a directory\n", argv[i]);
			rc = 1;
		} else if (kind != SHELL_FS_NONE) {
			shell_fs_remove(r->fs, p);
		}
		free(p);
	}
	return rc;
}

static int b_mkdir(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th, (void)out;
	char fl[16] = "";
	int i, rc = 0;
	if (parse_flags(argc, argv, "pv", fl, &i, err, "mkdir") < 0)
		return 1;
	if (i == argc) {
		shellcmd_puts(err, "mkdir: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *p = shellcmd_path(r, argv[i]);
		int kind = shell_fs_stat(r->fs, p);
		if (kind == SHELL_FS_FILE || (kind == SHELL_FS_DIR && !strchr(fl, 'p'))) {
			shellcmd_printf(err, "mkdir: can't create directory '%s': File exists\n", argv[i]);
			rc = 1;
		} else {
			shell_fs_mkdir(r->fs, p);
		}
		free(p);
	}
	return rc;
}

static int b_cat(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-"))
			continue;
		char *p = shellcmd_path(r, argv[i]);
		const char *data = NULL;
		size_t len = 0;
		int kind = shell_fs_lookup(r->fs, p, &data, &len);
		if (kind == SHELL_FS_NONE) {
			shellcmd_printf(err, "cat: can't open '%s': No such file or directory\n", argv[i]);
			rc = 1;
		} else if (kind == SHELL_FS_DIR) {
			shellcmd_puts(err, "cat: read error: Is a directory\n");
			rc = 1;
		} else if (len) {
			shellcmd_putn(out, data, len);
		}
		free(p);
	}
	return rc;
}

/* ls: names only (options are accepted and ignored). */
static int b_ls(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th;
	int rc = 0, n = 0;
	for (int i = 1; i <= argc; i++) {
		if (i < argc && argv[i][0] == '-' && argv[i][1])
			continue;
		if (i == argc && n)
			break;
		const char *arg = i < argc ? argv[i] : ".";
		n++;
		char *p = shellcmd_path(r, arg);
		int kind = shell_fs_stat(r->fs, p);
		if (kind == SHELL_FS_NONE) {
			shellcmd_printf(err, "ls: %s: No such file or directory\n", arg);
			rc = 1;
		} else if (kind == SHELL_FS_FILE) {
			shellcmd_printf(out, "%s\n", arg);
		} else {
			char *pat = xasprintf("%s/*", strcmp(p, "/") ? p : "");
			char **names;
			int m = shellcmd_glob(r, pat, &names);
			for (int j = 0; j < m; j++) {
				shellcmd_printf(out, "%s\n", strrchr(names[j], '/') + 1);
				free(names[j]);
			}
			free(names);
			free(pat);
		}
		free(p);
	}
	return rc;
}

static int test_unary(shell_run *r, const char *op, const char *arg, strbuf *err)
{
	if (!strcmp(op, "-z") || !strcmp(op, "-n"))
		return (op[1] == 'z') == (*arg == '\0') ? 0 : 1;
	if (strlen(op) != 2 || op[0] != '-' || !strchr("efdsrwxLht", op[1])) {
		shellcmd_printf(err, "sh: test: %s: unary operator expected\n", op);
		return 2;
	}
	char *p = shellcmd_path(r, arg);
	const char *data;
	size_t len = 0;
	int kind = shell_fs_lookup(r->fs, p, &data, &len);
	free(p);
	bool ok;
	switch (op[1]) {
	case 'f': ok = kind == SHELL_FS_FILE; break;
	case 'd': ok = kind == SHELL_FS_DIR; break;
	case 's': ok = kind == SHELL_FS_DIR || len > 0; break;
	case 'L': case 'h': case 't': ok = false; break;
	default: ok = kind != SHELL_FS_NONE;
	}
	return ok ? 0 : 1;
}

static int test_number(const char *s, long *v, strbuf *err)
{
	char *end;
	*v = strtol(s, &end, 10);
	if (!*s || *end) {
		shellcmd_printf(err, "sh: %s: bad number\n", s);
		return -1;
	}
	return 0;
}

static int test_binary(const char *a, const char *op, const char *b, strbuf *err)
{
	if (!strcmp(op, "=") || !strcmp(op, "=="))
		return strcmp(a, b) ? 1 : 0;
	if (!strcmp(op, "!="))
		return strcmp(a, b) ? 0 : 1;
	static const char *const ops[] = { "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };
	for (int i = 0; i < 6; i++) {
		long x, y;
		if (strcmp(op, ops[i]))
			continue;
		if (test_number(a, &x, err) < 0 || test_number(b, &y, err) < 0)
			return 2;
		bool res[] = { x == y, x != y, x < y, x <= y, x > y, x >= y };
		return res[i] ? 0 : 1;
	}
	shellcmd_printf(err, "sh: test: %s: binary operator expected\n", op);
	return 2;
}

static int test_eval(shell_run *r, int n, char **v, strbuf *err)
{
	if (n >= 1 && n <= 4 && !strcmp(v[0], "!")) {
		int rc = test_eval(r, n - 1, v + 1, err);
		return rc == 2 ? 2 : !rc;
	}
	switch (n) {
	case 0: return 1;
	case 1: return v[0][0] ? 0 : 1;
	case 2: return test_unary(r, v[0], v[1], err);
	case 3: return test_binary(v[0], v[1], v[2], err);
	}
	shellcmd_puts(err, "sh: test: -a, -o and longer expressions are outside podsim's subset\n");
	return 2;
}

static int b_test(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th, (void)out;
	if (!strcmp(argv[0], "[")) {
		if (strcmp(argv[argc - 1], "]")) {
			shellcmd_puts(err, "sh: [: missing ]\n");
			return 2;
		}
		argc--;
	}
	return test_eval(r, argc - 1, argv + 1, err);
}

static int b_cd(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th, (void)out;
	const char *dir = argc > 1 ? argv[1] : "/root";
	char *p = shellcmd_path(r, dir);
	if (strlen(p) >= SHELL_PATH_MAX || shell_fs_stat(r->fs, p) == SHELL_FS_FILE) {
		shellcmd_printf(err, "sh: cd: can't cd to %s\n", dir);
		free(p);
		return 2;
	}
	shell_fs_mkdir(r->fs, p);
	free(r->cwd);
	r->cwd = p;
	return 0;
}

static int b_pwd(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th, (void)argc, (void)argv, (void)err;
	shellcmd_printf(out, "%s\n", r->cwd);
	return 0;
}

/* export/readonly NAME=VALUE (the environment of children is not modelled). */
static int b_export(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th, (void)out, (void)err;
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq)
			continue;
		char *name = xstrndup(argv[i], (size_t)(eq - argv[i]));
		shell_run_setvar(r, name, eq + 1);
		free(name);
	}
	return 0;
}

static int b_unset(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	(void)th, (void)out, (void)err;
	for (int i = 1; i < argc; i++)
		if (shell_run_getvar(r, argv[i]))
			shell_run_setvar(r, argv[i], "");
	return 0;
}

/* Builtins; binary ones may also be invoked by path (/bin/sleep).  wait,
 * exit, trap and exec are handled by the interpreter (shellrun.c). */
static const struct builtin {
	const char *name;
	builtin_fn fn;
	bool binary;
} builtins[] = {
	{ ":", b_true, false },       { "true", b_true, true },     { "false", b_false, true },
	{ "echo", b_echo, true },     { "printf", b_printf, true }, { "sleep", b_sleep, true },
	{ "date", b_date, true },     { "touch", b_touch, true },   { "rm", b_rm, true },
	{ "mkdir", b_mkdir, true },   { "cat", b_cat, true },       { "ls", b_ls, true },
	{ "test", b_test, true },     { "[", b_test, true },        { "cd", b_cd, false },
	{ "pwd", b_pwd, false },      { "export", b_export, false }, { "readonly", b_export, false },
	{ "unset", b_unset, false },  { "set", b_true, false },     { "break", b_true, false },
	{ "continue", b_true, false }, { "wait", NULL, false },      { "exit", NULL, false },
	{ "trap", NULL, false },      { "exec", NULL, false },
	{ "tail", shellcmd_tools_tail, true }, { "nslookup", shellcmd_tools_nslookup, true }, { "host", shellcmd_tools_host, true },
};

static const struct builtin *find_builtin(const char *name)
{
	const char *base = strrchr(name, '/');
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
		if (!strcmp(builtins[i].name, name) ||
		    (base && builtins[i].binary && !strcmp(builtins[i].name, base + 1)))
			return &builtins[i];
	}
	return NULL;
}

bool shell_is_builtin(const char *name)
{
	return find_builtin(name) != NULL;
}

int shellcmd_run(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err)
{
	assert(argc > 0);
	const struct builtin *b = find_builtin(argv[0]);
	if (!b)
		return -1;
	return b->fn ? b->fn(r, th, argc, argv, out, err) : 0;
}
