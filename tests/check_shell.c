/* check_shell.c - the sh -c subset: parser warnings, virtual-time timelines, signals, exec. */
#include "shell.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A script running from t=0 with its own filesystem and log. */
typedef struct harness {
	shell_script *s;
	shell_fs *fs;
	shell_out out;
	shell_run *r;
	char **warn;
	int n_warn;
} harness;

static void h_start(harness *h, const char *script, int64_t epoch)
{
	memset(h, 0, sizeof(*h));
	h->s = shell_parse(script, SHELL_MAIN, "x.yaml:1:2: ", &h->warn, &h->n_warn);
	h->fs = shell_fs_new();
	shell_out_init(&h->out);
	h->r = shell_run_start(h->s, h->fs, &h->out, epoch, 0);
}

static void h_stop(harness *h)
{
	shell_run_free(h->r);
	shell_out_release(&h->out);
	shell_fs_free(h->fs);
	shell_script_free(h->s);
	for (int i = 0; i < h->n_warn; i++)
		free(h->warn[i]);
	free(h->warn);
}

/* Drive the run like the runtime does, up to limit; returns exit time or -1. */
static simtime_t h_run(harness *h, simtime_t limit, int *status)
{
	simtime_t at;
	for (;;) {
		if (shell_run_done(h->r, status, &at))
			return at;
		simtime_t t = shell_run_next_wakeup(h->r);
		if (t > limit) {
			shell_run_advance(h->r, limit);
			return shell_run_done(h->r, status, &at) ? at : -1;
		}
		shell_run_advance(h->r, t);
	}
}

static char *h_log(const harness *h)
{
	static char buf[4096];
	shell_out_join(&h->out, buf, sizeof(buf));
	return buf;
}

/* ---- parser: warnings for constructs outside the subset ------------------ */

static const struct {
	const char *script;
	int n_warnings;
	const char *needle; /* in the first warning */
} parse_cases[] = {
	{ "date && sleep 3600", 0, NULL },
	{ "trap 'exit 0' TERM; sleep 3600 & wait", 0, NULL },
	{ "while true; do sleep 1; done", 0, NULL },
	{ "while :\ndo\n  echo hi # comment\ndone", 0, NULL },
	{ "if [ -f /tmp/a ]; then echo y; elif test -d /x; then :; else echo n; fi", 0, NULL },
	{ "for i in 1 2 3; do echo $i; done", 0, NULL },
	{ "{ echo a; echo b; } && exit 0", 0, NULL },
	{ "echo hi > /tmp/f 2>&1; cat /tmp/f >> /tmp/g", 0, NULL },
	{ "nginx -g 'daemon off;'", 1, "x.yaml:1:2: \"nginx\" is outside podsim's shell subset" },
	{ "ps aux | grep x", 1, "pipelines (\"|\")" },
	{ "case $x in a) echo;; esac", 1, "case statements" },
	{ "f() { echo; }; f", 1, "function definitions" },
	{ "echo $(date)", 1, "command substitution $(...)" },
	{ "echo `date`", 1, "command substitution `...`" },
	{ "echo $((1+2))", 1, "arithmetic expansion" },
	{ "echo ${x:-y}", 1, "parameter expansion ${...}" },
	{ "cat <<EOF\nhi\nEOF", 1, "here-documents" },
	{ "set -e; true", 1, "set -e" },
	{ "while true; do", 1, "syntax error" },
	{ "echo 'unterminated", 1, "unterminated quoted string" },
	{ "trap 'curl -X POST x' TERM; sleep 1", 1, "assumed to exit 0 at once" },
	{ "nginx; nginx; nginx", 1, "runs until signalled" },
};

START_TEST(test_parse_warnings)
{
	harness h;
	h_start(&h, parse_cases[_i].script, 0);
	ck_assert_int_eq(h.n_warn, parse_cases[_i].n_warnings);
	if (parse_cases[_i].needle)
		ck_assert_msg(strstr(h.warn[0], parse_cases[_i].needle), "warning: %s", h.warn[0]);
	h_stop(&h);
}
END_TEST

/* ---- interpreter: when does the script exit, with what, what did it log --- */

static const struct {
	const char *script;
	simtime_t exit_at; /* -1: still running at 2h */
	int status;
	const char *log;   /* whole log, or NULL to skip */
} run_cases[] = {
	{ "sleep 5; exit 1", SEC(5), 1, "" },
	{ "true", 0, 0, "" },
	{ "false", 0, 1, "" },
	{ ":", 0, 0, "" },
	{ "exit 300", 0, 44, "" },
	{ "exit x", 0, 2, "sh: exit: Illegal number: x" },
	{ "sleep 1.5", MSEC(1500), 0, "" },
	{ "sleep 2m", SEC(120), 0, "" },
	{ "sleep 1 2s", SEC(3), 0, "" },
	{ "sleep 1h", SEC(3600), 0, "" },
	{ "sleep infinity", -1, 0, NULL },
	{ "sleep x", 0, 1, "sleep: invalid number 'x'" },
	{ "/bin/sleep 4", SEC(4), 0, "" },
	{ "false || exit 7", 0, 7, "" },
	{ "true && exit 8", 0, 8, "" },
	{ "false && exit 9", 0, 1, "" },
	{ "! false", 0, 0, "" },
	{ "! true", 0, 1, "" },
	{ "true && false || echo or", 0, 0, "or" },
	{ "for i in 1 2 3; do sleep $i; echo $i; done", SEC(6), 0, "1\n2\n3" },
	{ "for i in a b; do for j in 1 2; do echo $i$j; done; done", 0, 0, "a1\na2\nb1\nb2" },
	{ "if [ -e /tmp/x ]; then exit 3; else exit 4; fi", 0, 4, "" },
	{ "touch /tmp/x; if test -f /tmp/x; then exit 3; fi", 0, 3, "" },
	{ "if false; then exit 1; elif true; then exit 5; fi", 0, 5, "" },
	{ "if false; then exit 1; fi", 0, 0, "" },
	{ "[ ! -e /tmp/nope ] && [ -d /tmp ] && [ 3 -lt 10 ] && exit 6", 0, 6, "" },
	{ "[ -f /tmp", 0, 2, "sh: [: missing ]" },
	{ "sleep 3 & sleep 1; wait; exit 5", SEC(3), 5, "" },
	{ "while true; do sleep 10; done", -1, 0, NULL },
	{ "while true; do break; done; exit 6", 0, 6, "" },
	{ "for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done", 0, 0, "1\n3" },
	{ "until false; do exit 4; done", 0, 4, "" },
	{ "x=hello; [ \"$x\" = hello ] && echo \"$x world\"", 0, 0, "hello world" },
	{ "x=0; x=1 y=$x; echo $y", 0, 0, "1" },
	{ "cat /nope", 0, 1, "cat: can't open '/nope': No such file or directory" },
	{ "echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f", 0, 0, "a\nb" },
	{ "echo hidden > /dev/null; cat /nope 2>/dev/null; echo $?", 0, 0, "1" },
	{ "echo 'single $x' \"dq\\\"x\" back\\ slash", 0, 0, "single $x dq\"x back slash" },
	{ "echo -n a; echo b; echo -e 'c\\td'", 0, 0, "ab\nc\td" },
	{ "printf '%s-%s\\n' a b c", 0, 0, "a-b\nc-" },
	{ "mkdir -p /a/b; touch /a/b/c; rm /a; echo $?; rm -r /a; ls /a", 0, 1,
	  "rm: '/a' is a directory\n1\nls: /a: No such file or directory" },
	{ "mkdir /tmp", 0, 1, "mkdir: can't create directory '/tmp': File exists" },
	{ "rm /tmp/none", 0, 1, "rm: can't remove '/tmp/none': No such file or directory" },
	{ "rm -f /tmp/none", 0, 0, "" },
	{ "touch /tmp/b /tmp/a; for f in /tmp/*; do echo $f; done", 0, 0, "/tmp/a\n/tmp/b" },
	{ "cd /tmp; touch x; ls; pwd", 0, 0, "x\n/tmp" },
	{ "exec sleep 5; exit 9", SEC(5), 0, "" },
	{ "while true; do", 0, 2, "sh: syntax error: missing \"done\"" },
	{ "echo \"a", 0, 2, "sh: syntax error: unterminated quoted string" },
	{ "nginx", -1, 0, NULL },
	{ "trap 'echo bye' EXIT; exit 4", 0, 4, "bye" },
	{ "sleep 5 & echo started; exit 0", 0, 0, "started" },
	{ "echo a; sleep 1; echo b > /proc/1/fd/1", SEC(1), 0, "a\nb" },
	{ "", 0, 0, "" },
	/* sleeps past what virtual time holds never end (issue 8 R7: these
	 * overflowed in shellcmd.c before); the largest that fits still ends */
	{ "sleep 9999999999; exit 1", -1, 0, NULL },
	{ "sleep 7777777777777777777777 tr7777777I&&I-I777777777777777777777777777771m77eep", 0, 1,
	  "sleep: invalid number 'tr7777777I'" },
	{ "sleep 7777777777777777777777 1m && exit 3", -1, 0, NULL },
	{ "sleep 106752d; exit 1", -1, 0, NULL },
	{ "sleep 9999999999 9999999999; exit 1", -1, 0, NULL },
	{ "sleep 1h 9223372036; exit 1", -1, 0, NULL },
	{ "sleep 2h; exit 1", SEC(7200), 1, "" },
	/* a positive sleep lasts at least 1 ms (fork+exec of /bin/sleep); sleep 0
	 * stays instantaneous (issue 8 R12) */
	{ "sleep 0.000000001; exit 3", MSEC(1), 3, "" },
	{ "sleep 0.0005 0.0004; exit 3", MSEC(1), 3, "" },
	{ "sleep 0.0015; exit 3", 1500000, 3, "" },
	{ "sleep 0; exit 3", 0, 3, "" },
	{ "sleep 0.0001 & sleep 0.0001; exit 3", MSEC(2), 3, "" }, /* two threads: 2 ms */
	/* cd stops at PATH_MAX (4096): a cd loop made paths and lookups grow
	 * without bound (fuzz: over 95 s); parents appear from the deepest one
	 * that exists */
	{ "while cd abcdefghijklmno; do :; done; exit 3", 0, 3,
	  "sh: cd: can't cd to abcdefghijklmno" },
	{ "mkdir -p /a/b/c; rm -r /a/b; touch /a/b/c/d; ls /a/b; ls /a/b/c", 0, 0, "c\nd" },
	{ "rm -r /root; touch /root; cd", 0, 2, "sh: cd: can't cd to /root" },
	/* doubling a variable or a file ends like a shell out of memory or disk
	 * (1 MiB values, 8 MiB of files; before, podsim aborted out of memory) */
	{ "x=a; while true; do x=$x$x; done", 0, 2, "sh: out of memory" },
	{ "echo abcdefgh > /f; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22; "
	  "do cat /f >> /f; done; echo $?; rm /f; echo ok > /f; cat /f", 0, 0,
	  "sh: write error: No space left on device\nsh: write error: No space left on device\n"
	  "sh: write error: No space left on device\n1\nok" },
	{ "x=a; while true; do cat /nope >> /tmp/f 2>&1; done", -1, 0, NULL },
	/* files grow geometrically (issue 8.6): truncation keeps the buffer */
	{ "echo a-long-first-line > /f; echo s > /f; echo t >> /f; cat /f", 0, 0, "s\nt" },
	{ "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do printf $i. >> /f; done; cat /f",
	  0, 0, "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17." },
};

START_TEST(test_run)
{
	harness h;
	int status = -1;
	h_start(&h, run_cases[_i].script, 0);
	simtime_t at = h_run(&h, SEC(7200), &status);
	ck_assert_msg(at == run_cases[_i].exit_at, "%s: exit at %lld", run_cases[_i].script,
		      (long long)at);
	if (at >= 0)
		ck_assert_int_eq(status, run_cases[_i].status);
	if (run_cases[_i].log)
		ck_assert_str_eq(h_log(&h), run_cases[_i].log);
	h_stop(&h);
}
END_TEST

START_TEST(test_healthy_file_timeline)
{
	harness h;
	int status;
	h_start(&h, "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600", 0);
	shell_run_advance(h.r, SEC(10));
	ck_assert_int_eq(shell_fs_stat(h.fs, "/tmp/healthy"), SHELL_FS_FILE);
	ck_assert_int_eq(shell_run_next_wakeup(h.r), SEC(30));
	shell_run_advance(h.r, SEC(31));
	ck_assert_int_eq(shell_fs_stat(h.fs, "/tmp/healthy"), SHELL_FS_NONE);
	ck_assert(!shell_run_done(h.r, NULL, NULL));
	ck_assert_int_eq(h_run(&h, SEC(7200), &status), SEC(630));
	ck_assert_int_eq(status, 0);
	h_stop(&h);
}
END_TEST

START_TEST(test_date)
{
	/* the seed trace: init container logged 07:31:39, app container 20 s later */
	harness h;
	h_start(&h, "date; sleep 20; date; date -u +%Y-%m-%dT%H:%M:%SZ/%s", 1713425499);
	h_run(&h, SEC(100), NULL);
	ck_assert_str_eq(h_log(&h), "Thu Apr 18 07:31:39 UTC 2024\nThu Apr 18 07:31:59 UTC 2024\n"
				    "2024-04-18T07:31:59Z/1713425519");
	h_stop(&h);
	h_start(&h, "sleep 0.999; date", 1713425499 - 10 * 86400);
	h_run(&h, SEC(100), NULL);
	ck_assert_str_eq(h_log(&h), "Mon Apr  8 07:31:39 UTC 2024");
	h_stop(&h);
}
END_TEST

/* ---- signals (PID 1 rules) ------------------------------------------------ */

static const struct {
	const char *script;
	simtime_t term_at;
	simtime_t exit_at; /* -1: still running at 2h */
	int status;
	const char *log;
} sig_cases[] = {
	/* no trap: SIGTERM is ignored, the kubelet's SIGKILL will end it */
	{ "sleep 3600", SEC(10), SEC(3600), 0, "" },
	{ "date >/dev/null && sleep 3600", SEC(10), SEC(3600), 0, "" },
	/* trap + wait: wait returns at once, the trap runs */
	{ "trap 'exit 0' TERM; sleep 3600 & wait", SEC(10), SEC(10), 0, "" },
	{ "trap 'echo got $?' TERM; sleep 100 & wait; echo after $?; sleep 5", SEC(10), SEC(15), 0,
	  "got 143\nafter 143" },
	/* trap + foreground sleep: the trap waits for the sleep */
	{ "trap 'exit 3' TERM; sleep 3600", SEC(10), SEC(3600), 3, "" },
	{ "trap 'exit 3' TERM; sleep infinity", SEC(10), -1, 0, NULL },
	/* busy loop: the trap runs between two commands */
	{ "trap 'exit 3' TERM; while true; do :; done", SEC(10), SEC(10), 3, NULL },
	/* unknown command: ends with 143 and the script goes on */
	{ "nginx", SEC(10), SEC(10), 143, "" },
	{ "nginx; echo done $?", SEC(10), SEC(10), 0, "done 143" },
	/* exec replaces the shell: its traps are gone */
	{ "trap 'exit 0' TERM; exec sleep 100", SEC(1), SEC(100), 0, "" },
	/* the trap set after the signal does not see it */
	{ "sleep 20; trap 'exit 1' TERM; sleep 10", SEC(5), SEC(30), 0, "" },
	{ "trap '' TERM; sleep 3 & wait", SEC(1), SEC(3), 0, "" },
	{ "trap 'echo t; exit 9' TERM EXIT; sleep 7 & wait", SEC(2), SEC(2), 9, "t\nt" },
	{ "trap 'exit 5' INT SIGTERM; sleep 7 & wait", SEC(2), SEC(2), 5, "" },
	{ "trap 'exit 5' NT; sleep 7 & wait", SEC(2), SEC(7), 0, "sh: trap: NT: bad trap" },
	/* already exited: nothing happens */
	{ "exit 4", SEC(1), 0, 4, "" },
};

START_TEST(test_sigterm)
{
	harness h;
	int status = -1;
	h_start(&h, sig_cases[_i].script, 0);
	shell_run_advance(h.r, sig_cases[_i].term_at);
	shell_run_sigterm(h.r, sig_cases[_i].term_at);
	shell_run_sigterm(h.r, sig_cases[_i].term_at + SEC(1)); /* a second one is ignored */
	simtime_t at = h_run(&h, SEC(7200), &status);
	ck_assert_msg(at == sig_cases[_i].exit_at, "%s: exit at %lld", sig_cases[_i].script,
		      (long long)at);
	if (at >= 0)
		ck_assert_int_eq(status, sig_cases[_i].status);
	if (sig_cases[_i].log)
		ck_assert_str_eq(h_log(&h), sig_cases[_i].log);
	h_stop(&h);
}
END_TEST

START_TEST(test_second_sigterm_ignored)
{
	harness h;
	int status;
	h_start(&h, "trap 'echo t' TERM; sleep 100 & wait; sleep 100 & wait", 0);
	shell_run_sigterm(h.r, SEC(10));
	shell_run_sigterm(h.r, SEC(20));
	ck_assert_int_eq(h_run(&h, SEC(7200), &status), SEC(110));
	ck_assert_str_eq(h_log(&h), "t");
	h_stop(&h);
}
END_TEST

/* ---- exec (probes, hooks) ------------------------------------------------ */

static const struct {
	const char *script;
	int status;
	simtime_t latency;
	const char *output;
} exec_cases[] = {
	{ "sleep 2; exit 1", 1, SEC(2), "" },
	{ "cat /tmp/healthy", 0, 0, "ok" },
	{ "cat /tmp/missing", 1, 0, "cat: can't open '/tmp/missing': No such file or directory" },
	{ "test -f /tmp/healthy", 0, 0, "" },
	{ "[ -e /tmp/missing ]", 1, 0, "" },
	{ "curl -f http://localhost/", 0, 0, "" },
	{ "curl x | grep y", 0, 0, "" },
	{ "sleep infinity", 137, SIMTIME_NEVER, "" },
	{ "while true; do :; done", 137, SIMTIME_NEVER, "" },
	{ "sleep 1 & wait; echo $?", 0, SEC(1), "0" },
	{ "touch /tmp/made; date +%s", 0, 0, "1005" },
	/* an exec still looping on short sleeps after 10000 wakeups never ends
	 * (it cannot see anything change); a short counting loop does */
	{ "while true; do sleep 0.000000001; done", 137, SIMTIME_NEVER, "" },
	{ "while ! test -f /tmp/never; do sleep 0.01; done", 137, SIMTIME_NEVER, "" },
	{ "for i in 1 2 3; do sleep 0.0001; done; echo $i", 0, MSEC(3), "3" },
};

START_TEST(test_exec)
{
	shell_fs *fs = shell_fs_new();
	shell_out out;
	char **warn = NULL, buf[256];
	int n_warn = 0;
	simtime_t latency = -5;
	shell_out_init(&out);
	shell_script *setup = shell_parse("echo ok > /tmp/healthy", SHELL_EXEC, "", NULL, NULL);
	shell_exec(setup, fs, &out, 1000, 0, &latency);
	shell_script *s = shell_parse(exec_cases[_i].script, SHELL_EXEC, "p: ", &warn, &n_warn);
	int st = shell_exec(s, fs, &out, 1000, SEC(5), &latency);
	ck_assert_int_eq(st, exec_cases[_i].status);
	ck_assert_int_eq(latency, exec_cases[_i].latency);
	shell_out_join(&out, buf, sizeof(buf));
	ck_assert_str_eq(buf, exec_cases[_i].output);
	if (strstr(exec_cases[_i].script, "curl"))
		ck_assert_msg(n_warn >= 1 && strstr(warn[n_warn - 1], "exit"), "no warning");
	if (strstr(exec_cases[_i].script, "made"))
		ck_assert_int_eq(shell_fs_stat(fs, "/tmp/made"), SHELL_FS_FILE);
	for (int i = 0; i < n_warn; i++)
		free(warn[i]);
	free(warn);
	shell_script_free(s);
	shell_script_free(setup);
	shell_out_release(&out);
	shell_fs_free(fs);
}
END_TEST

START_TEST(test_from_argv)
{
	char *argv1[] = { "/bin/sleep", "infinity", NULL };
	char *argv2[] = { "true", NULL };
	char *argv3[] = { "/usr/local/bin/server", "--port=80", NULL };
	char **warn = NULL;
	int n_warn = 0;
	ck_assert(shell_is_builtin("/bin/sleep"));
	ck_assert(shell_is_builtin("["));
	ck_assert(!shell_is_builtin("/bin/cd"));
	ck_assert(!shell_is_builtin("nginx"));
	shell_script *s1 = shell_from_argv(argv1, 2, SHELL_MAIN, "", &warn, &n_warn);
	shell_script *s2 = shell_from_argv(argv2, 1, SHELL_MAIN, "", &warn, &n_warn);
	shell_script *s3 = shell_from_argv(argv3, 2, SHELL_EXEC, "p: ", &warn, &n_warn);
	ck_assert_int_eq(n_warn, 1);
	ck_assert_str_eq(warn[0], "p: \"/usr/local/bin/server\" is outside podsim's shell subset; "
				  "it is assumed to exit 0 at once");
	shell_fs *fs = shell_fs_new();
	shell_out out;
	shell_out_init(&out);
	shell_run *r = shell_run_start(s1, fs, &out, 0, 0);
	shell_run_sigterm(r, SEC(1));
	ck_assert_int_eq(shell_run_next_wakeup(r), SIMTIME_NEVER);
	ck_assert(!shell_run_done(r, NULL, NULL));
	shell_run_free(r);
	r = shell_run_start(s2, fs, &out, 0, SEC(3));
	int st = -1;
	simtime_t at = 0;
	ck_assert(shell_run_done(r, &st, &at));
	ck_assert_int_eq(st, 0);
	ck_assert_int_eq(at, SEC(3));
	shell_run_free(r);
	simtime_t lat;
	ck_assert_int_eq(shell_exec(s3, fs, &out, 0, 0, &lat), 0);
	shell_out_release(&out);
	shell_fs_free(fs);
	shell_script_free(s1);
	shell_script_free(s2);
	shell_script_free(s3);
	free(warn[0]);
	free(warn);
}
END_TEST

/* ---- limits --------------------------------------------------------------- */

/* The parser recurses once per nesting level.  200 levels parse; deeper is a
 * syntax error naming the line and column of the first command too deep (as
 * bash, whose yacc stack bounds its nesting; issue 8 R3: 20000 levels
 * overflowed podsim's stack). */
static const struct {
	const char *open, *close;
	int levels;
	const char *error; /* NULL: parses and prints "deep" */
} nest_cases[] = {
	{ "{ ", "; }", 200, NULL },
	{ "{ ", "; }", 201, "nested deeper than 200 levels at line 1, column 403" },
	{ "{ ", "; }", 20000, "nested deeper than 200 levels at line 1, column 403" },
	{ "if true; then ", "; fi", 200, NULL },
	{ "if true; then ", "; fi", 20000, "nested deeper than 200 levels at line 1, column 2804" },
	{ "while true; do ", "; break; done", 200, NULL },
	{ "for i in 1; do\n", "\ndone", 20000, "nested deeper than 200 levels at line 202, column 1" },
	{ "(", ")", 20000, "nested deeper than 200 levels at line 1, column 202" },
	{ "while ", "", 20000, "nested deeper than 200 levels at line 1, column 1207" },
};

START_TEST(test_nesting_limit)
{
	int n = nest_cases[_i].levels;
	size_t lo = strlen(nest_cases[_i].open), lc = strlen(nest_cases[_i].close);
	char *script = malloc((lo + lc) * (size_t)n + 16), *q = script;
	for (int i = 0; i < n; i++, q += lo)
		memcpy(q, nest_cases[_i].open, lo);
	q += sprintf(q, "echo deep");
	for (int i = 0; i < n; i++, q += lc)
		memcpy(q, nest_cases[_i].close, lc);
	*q = '\0';
	harness h;
	int status = -1;
	h_start(&h, script, 0);
	ck_assert_int_eq(h_run(&h, SEC(1), &status), 0);
	const char *err = nest_cases[_i].error;
	bool syntax = false;
	for (int i = 0; i < h.n_warn; i++)
		syntax |= strstr(h.warn[i], "syntax error") != NULL;
	ck_assert_int_eq(syntax, err != NULL);
	if (err) {
		ck_assert_msg(strstr(h.warn[h.n_warn - 1], err), "%s", h.warn[h.n_warn - 1]);
		ck_assert_int_eq(status, 2);
		ck_assert(strstr(h_log(&h), err));
	} else {
		ck_assert_int_eq(status, 0);
		ck_assert_str_eq(h_log(&h), "deep");
	}
	h_stop(&h);
	free(script);
}
END_TEST

/* A loop of tiny sleeps wakes at most once per millisecond of virtual time
 * (issue 8 R12: a billion wakeups per virtual second before). */
START_TEST(test_sleep_loop_floor)
{
	harness h;
	int wakeups = 0;
	h_start(&h, "while true; do sleep 0.000000001; done", 0);
	for (simtime_t t; (t = shell_run_next_wakeup(h.r)) <= SEC(1); wakeups++)
		shell_run_advance(h.r, t);
	ck_assert_int_eq(wakeups, 1000);
	h_stop(&h);
}
END_TEST

/* The floor grows with the live threads: jobs looping on tiny sleeps share
 * about a thousand iterations per virtual second however many there are
 * (a flat floor: 100 jobs, a hundred thousand per virtual second). */
START_TEST(test_sleep_jobs_floor)
{
	harness h;
	h_start(&h, "while true; do (while true; do echo x; sleep 0.000000001; done) & "
		    "sleep 0.000000001; done", 0);
	ck_assert_int_eq(h_run(&h, SEC(10), NULL), -1);
	long lines = h.out.n + h.out.dropped;
	ck_assert_msg(lines > 5000 && lines < 15000, "%ld lines in 10 s", lines);
	h_stop(&h);
}
END_TEST

/* Long words lex in linear time (issue 8 R13: strlen per appended character
 * made a 1 MB echo take 6 s, over Check's 4 s timeout; three of them far
 * over).  A word over SHELL_VALUE_MAX (1 MiB) is "out of memory". */
START_TEST(test_long_word)
{
	static const char *const forms[] = { "echo %s", "echo \"%s\"", "echo a\\%s" };
	enum { LEN = 1000000 };
	char *x = malloc(LEN + 1), *script = malloc(LEN + 16);
	memset(x, 'x', LEN);
	x[LEN] = '\0';
	for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		sprintf(script, forms[f], x);
		harness h;
		int status = -1;
		h_start(&h, script, 0);
		ck_assert_int_eq(h_run(&h, 0, &status), 0);
		ck_assert_int_eq(h.out.n, 1);
		ck_assert_uint_eq(strlen(h.out.lines[0]), LEN + (f == 2));
		h_stop(&h);
	}
	x[LEN / 2] = '\0';
	sprintf(script, "x=%s; y=$x$x; x=$y$y; echo not reached", x);
	harness h;
	int status = -1;
	h_start(&h, script, 0);
	ck_assert_int_eq(h_run(&h, 0, &status), 0);
	ck_assert_int_eq(status, 2);
	ck_assert_str_eq(h_log(&h), "sh: out of memory");
	h_stop(&h);
	free(script);
	free(x);
}
END_TEST

/* A line written in many pieces grows in linear time (issue 8 R11: each
 * piece copied the whole pending line; 4 min of printf took 29 s), and is kept
 * up to SHELL_OUT_LINE_MAX bytes. */
START_TEST(test_partial_line)
{
	shell_out o;
	shell_out_init(&o);
	for (int i = 0; i < 3000000; i++)
		shell_out_write(&o, "ab");
	ck_assert_uint_eq(o.partial_len, 6000000);
	ck_assert_int_eq(o.n, 0);
	for (int i = 0; i < 3000000; i++)
		shell_out_write(&o, "cd");
	ck_assert_uint_eq(o.partial_len, SHELL_OUT_LINE_MAX);
	shell_out_write(&o, "ef\ng");
	ck_assert_int_eq(o.n, 1);
	ck_assert_uint_eq(strlen(o.lines[0]), SHELL_OUT_LINE_MAX);
	ck_assert(!memcmp(o.lines[0] + 5999998, "abcd", 4));
	ck_assert_str_eq(o.partial, "g");
	ck_assert_uint_eq(o.partial_len, 1);
	shell_out_release(&o);
}
END_TEST

/* At most 100 jobs live at once: the 101st and later `&` fail as a fork does
 * (podsim's bound, so that a wakeup's O(jobs) cost stays small). */
START_TEST(test_max_jobs)
{
	char script[512] = "for i in";
	for (int i = 0; i < 102; i++)
		strcat(script, " x");
	strcat(script, "; do sleep 10 & done; wait; echo all");
	harness h;
	int status = -1;
	h_start(&h, script, 0);
	ck_assert_int_eq(h_run(&h, SEC(60), &status), SEC(10));
	ck_assert_str_eq(h_log(&h), "sh: can't fork: too many background jobs\n"
				    "sh: can't fork: too many background jobs\nall");
	h_stop(&h);
}
END_TEST

/* Each 4 KiB a command expands or writes counts as an op of the busy-loop
 * budget: a loop over a 512 KiB file is parked after ~80 rounds, not after
 * copying gigabytes. */
START_TEST(test_spin_counts_bytes)
{
	enum { LEN = 512 * 1024 };
	char *script = malloc(LEN + 128), *q = script;
	q += sprintf(q, "x=");
	memset(q, 'x', LEN);
	sprintf(q + LEN, "; echo $x > /big; while true; do cat /big > /dev/null; echo i >> /n; done");
	harness h;
	h_start(&h, script, 0);
	ck_assert_int_eq(h_run(&h, SEC(1), NULL), -1);
	shell_out out;
	shell_out_init(&out);
	simtime_t latency;
	shell_script *count = shell_parse("cat /n", SHELL_EXEC, "", NULL, NULL);
	ck_assert_int_eq(shell_exec(count, h.fs, &out, 0, 0, &latency), 0);
	ck_assert_msg(out.n > 50 && out.n < 100, "%d rounds", out.n);
	shell_script_free(count);
	shell_out_release(&out);
	h_stop(&h);
	free(script);
}
END_TEST

Suite *shell_suite(void)
{
	Suite *s = suite_create("shell");
	TCase *tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_warnings, 0, sizeof(parse_cases) / sizeof(parse_cases[0]));
	tcase_add_test(tc, test_from_argv);
	suite_add_tcase(s, tc);
	tc = tcase_create("run");
	tcase_add_loop_test(tc, test_run, 0, sizeof(run_cases) / sizeof(run_cases[0]));
	tcase_add_test(tc, test_healthy_file_timeline);
	tcase_add_test(tc, test_date);
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_loop_test(tc, test_nesting_limit, 0, sizeof(nest_cases) / sizeof(nest_cases[0]));
	tcase_add_test(tc, test_sleep_loop_floor);
	tcase_add_test(tc, test_sleep_jobs_floor);
	tcase_add_test(tc, test_long_word);
	tcase_add_test(tc, test_partial_line);
	tcase_add_test(tc, test_spin_counts_bytes);
	tcase_add_test(tc, test_max_jobs);
	suite_add_tcase(s, tc);
	tc = tcase_create("signals");
	tcase_add_loop_test(tc, test_sigterm, 0, sizeof(sig_cases) / sizeof(sig_cases[0]));
	tcase_add_test(tc, test_second_sigterm_ignored);
	suite_add_tcase(s, tc);
	tc = tcase_create("exec");
	tcase_add_loop_test(tc, test_exec, 0, sizeof(exec_cases) / sizeof(exec_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}
