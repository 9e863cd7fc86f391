/* shellrun.c - interpret a parsed shell script in virtual time (threads, traps, signals).
 *
 * A run is a set of threads (the main script and its `&` jobs) over the flat
 * code built by shell.c.  Every command is instantaneous except `sleep`
 * (wakes at a virtual instant), `wait` (until the jobs end) and a command
 * outside the subset in the main script (until SIGTERM).  advance(now)
 * repeatedly takes the earliest sleeping thread that is due, makes it ready
 * and runs every ready thread until each blocks again; ties are broken by
 * thread creation order, and a new job runs up to its first block before
 * its parent continues, so a run is a pure function of the script and the
 * instants at which it is advanced and signalled.
 *
 * Invariants: r->now never decreases; once r->done every thread is
 * TH_DONE; only the main thread runs trap bodies, and a trapped SIGTERM is
 * taken only between two ops of the main thread, which is exactly "after the
 * foreground command finished" (see shell.c for the PID 1 rules).  A thread
 * that executes 10000 ops without blocking is a busy loop (`while true; do
 * :; done`): it is parked as TH_SPIN instead of hanging the simulator, which
 * is what such a loop looks like from outside (it never ends by itself and
 * only a trapped signal or SIGKILL changes anything).  Every 4 KiB a command
 * expands or writes counts as one more op, so that a loop over big values
 * (cat of a large file, y=$x with a long x) is caught before it has copied
 * gigabytes.
 */
#include "shell_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* MAX_THREADS bounds the background jobs alive at once (podsim's limit, far
 * below a container's pids limit but above what any container command needs):
 * a wakeup costs O(jobs), and a thousand jobs on millisecond sleeps made ten
 * virtual minutes take 15 s. */
enum { SPIN_LIMIT = 10000, SPIN_BYTES = 4096, MAX_THREADS = 100 };
/* An exec that has not finished after this much virtual time never will.
 * Nor has one that is still sleeping after EXEC_MAX_WAKEUPS wakeups (at least
 * 10 s of virtual time with sleep's 1 ms floor): an exec runs to its end at
 * once, so nothing outside it changes while it loops, and a loop of short
 * sleeps that has not ended by then waits for something that will not come
 * (simulating it to the horizon would cost millions of wakeups per probe). */
#define EXEC_HORIZON SEC(3600)
enum { EXEC_MAX_WAKEUPS = 10000 };

typedef struct strlist {
	char **v;
	int n, cap;
} strlist;

static void sl_add(strlist *l, char *s)
{
	XGROW(l->v, l->n, l->cap);
	l->v[l->n++] = s;
}

static void sl_free(strlist *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (strlist){ 0 };
}

/* ---- output ------------------------------------------------------------ */

void shell_out_init(shell_out *o)
{
	memset(o, 0, sizeof(*o));
}

void shell_out_release(shell_out *o)
{
	for (int i = 0; i < o->n; i++)
		free(o->lines[i]);
	free(o->lines);
	free(o->partial);
	memset(o, 0, sizeof(*o));
}

static void out_line(shell_out *o, char *line)
{
	if (o->n >= SHELL_OUT_MAX) {
		o->dropped++;
		free(line);
		return;
	}
	XGROW(o->lines, o->n, o->cap);
	o->lines[o->n++] = line;
}

/* Append n bytes to the partial line (up to SHELL_OUT_LINE_MAX in all). */
static void partial_add(shell_out *o, const char *s, size_t n)
{
	n = n < SHELL_OUT_LINE_MAX - o->partial_len ? n : SHELL_OUT_LINE_MAX - o->partial_len;
	if (n)
		shellcmd_append(&o->partial, &o->partial_len, &o->partial_cap, s, n);
}

/* Text is appended to the partial line in place (a process that writes a
 * line in many small pieces costs linear time, not quadratic); a newline
 * moves it into the lines. */
void shell_out_write(shell_out *o, const char *text)
{
	const char *nl;
	while ((nl = strchr(text, '\n'))) {
		partial_add(o, text, (size_t)(nl - text));
		out_line(o, o->partial ? xrealloc(o->partial, o->partial_len + 1) : xstrdup(""));
		o->partial = NULL;
		o->partial_len = o->partial_cap = 0;
		text = nl + 1;
	}
	partial_add(o, text, strlen(text));
}

void shell_out_join(const shell_out *o, char *buf, size_t len)
{
	size_t used = 0;
	assert(len > 0);
	buf[0] = '\0';
	for (int i = 0; i <= o->n; i++) {
		const char *s = i < o->n ? o->lines[i] : o->partial;
		if (!s)
			continue;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
					 used ? "\n" : "", s);
	}
}

/* ---- variables --------------------------------------------------------- */

void shell_run_setvar(shell_run *r, const char *name, const char *value)
{
	for (int i = 0; i < r->n_vars; i++) {
		if (!strcmp(r->vnames[i], name)) {
			free(r->vvals[i]);
			r->vvals[i] = xstrdup(value);
			return;
		}
	}
	XGROW(r->vnames, r->n_vars, r->cap_vars);
	r->vvals = xrealloc(r->vvals, (size_t)r->cap_vars * sizeof(char *));
	r->vnames[r->n_vars] = xstrdup(name);
	r->vvals[r->n_vars++] = xstrdup(value);
}

const char *shell_run_getvar(const shell_run *r, const char *name)
{
	for (int i = 0; i < r->n_vars; i++)
		if (!strcmp(r->vnames[i], name))
			return r->vvals[i];
	return NULL;
}

/* Value of $name in thread th; buf holds numbers. */
static const char *lookup(const shell_run *r, const thread *th, const char *name, char *buf,
			  size_t len)
{
	if (!strcmp(name, "?")) {
		snprintf(buf, len, "%d", th->status);
		return buf;
	}
	if (!strcmp(name, "$"))
		return "1";
	if (!strcmp(name, "!")) {
		snprintf(buf, len, "%d", r->jobs_started ? 100 + r->jobs_started : 0);
		return r->jobs_started ? buf : "";
	}
	if (!strcmp(name, "#"))
		return "0";
	if (!strcmp(name, "0"))
		return "sh";
	const char *v = shell_run_getvar(r, name);
	return v ? v : "";
}

/* ---- expansion --------------------------------------------------------- */

static void split_fields(const char *v, strlist *out)
{
	while (*v) {
		size_t skip = strspn(v, " \t\n");
		v += skip;
		size_t n = strcspn(v, " \t\n");
		if (n)
			sl_add(out, xstrndup(v, n));
		v += n;
	}
}

/* Expand one word into zero or more fields appended to out. */
static void expand_word(const shell_run *r, const thread *th, const sword *w, strlist *out)
{
	char num[32];
	if (w->n == 1 && w->parts[0].var && !w->parts[0].quoted) {
		split_fields(lookup(r, th, w->parts[0].text, num, sizeof(num)), out);
		return;
	}
	strbuf val = { 0 }, pat = { 0 };
	bool glob = false, quoted = false;
	shellcmd_puts(&val, "");
	shellcmd_puts(&pat, "");
	for (int i = 0; i < w->n; i++) {
		const wpart *p = &w->parts[i];
		const char *t = p->var ? lookup(r, th, p->text, num, sizeof(num)) : p->text;
		shellcmd_puts(&val, t);
		quoted |= p->quoted;
		if (!p->quoted && !p->var) {
			glob |= strpbrk(t, "*?[") != NULL;
			shellcmd_puts(&pat, t);
		} else {
			for (; *t; t++) {
				if (strchr("*?[\\", *t))
					shellcmd_putn(&pat, "\\", 1);
				shellcmd_putn(&pat, t, 1);
			}
		}
	}
	char **matches = NULL;
	int n = glob ? shellcmd_glob(r, pat.s, &matches) : 0;
	for (int i = 0; i < n; i++)
		sl_add(out, matches[i]);
	free(matches);
	if (!n && (quoted || val.n))
		sl_add(out, xstrdup(val.s));
	free(val.s);
	free(pat.s);
}

/* ---- redirections -------------------------------------------------------- */

typedef struct target {
	int kind; /* TG_LOG, TG_NULL, TG_FILE */
	char *path;
} target;
enum { TG_LOG, TG_NULL, TG_FILE };

static bool is_log_path(const char *p)
{
	return !strcmp(p, "/dev/stdout") || !strcmp(p, "/dev/stderr") ||
	       !strcmp(p, "/proc/1/fd/1") || !strcmp(p, "/proc/1/fd/2");
}

/* One file redirection; returns -1 (message in err) when it cannot be made. */
static int open_target(shell_run *r, const thread *th, const redir *rd, target *t, strbuf *err)
{
	strlist f = { 0 };
	expand_word(r, th, &rd->target, &f);
	int rc = 0;
	if (f.n != 1) {
		shellcmd_puts(err, "sh: ambiguous redirect\n");
		rc = -1;
	} else if (!strcmp(f.v[0], "/dev/null")) {
		*t = (target){ TG_NULL, NULL };
	} else if (is_log_path(f.v[0])) {
		*t = (target){ TG_LOG, NULL };
	} else {
		char *abs = shellcmd_path(r, f.v[0]);
		if (shell_fs_write(r->fs, abs, "", 0, rd->kind == RD_APPEND) < 0) {
			shellcmd_printf(err, "sh: can't create %s: Is a directory\n", f.v[0]);
			free(abs);
			rc = -1;
		} else {
			*t = (target){ TG_FILE, abs };
		}
	}
	sl_free(&f);
	return rc;
}

/* Set up tg[1], tg[2] from the command's redirections in order. */
static int setup_redirs(shell_run *r, const thread *th, const scmd *c, target tg[3], strbuf *err)
{
	for (int i = 0; i < c->n_redirs; i++) {
		const redir *rd = &c->redirs[i];
		if (rd->fd != 1 && rd->fd != 2)
			continue;
		target t;
		if (rd->kind == RD_DUP) {
			if (rd->dupfd != 1 && rd->dupfd != 2)
				continue;
			t = tg[rd->dupfd];
			t.path = t.path ? xstrdup(t.path) : NULL;
		} else if (open_target(r, th, rd, &t, err) < 0) {
			return -1;
		}
		free(tg[rd->fd].path);
		tg[rd->fd] = t;
	}
	return 0;
}

/* Returns -1 if the output could not be written (no space left). */
static int deliver(shell_run *r, const target *t, const strbuf *b)
{
	if (!b->n)
		return 0;
	if (t->kind == TG_LOG)
		shell_out_write(r->out, b->s);
	else if (t->kind == TG_FILE && shell_fs_write(r->fs, t->path, b->s, b->n, true) == -2)
		return -1;
	return 0;
}

/* ---- threads ------------------------------------------------------------- */

static thread *new_thread(shell_run *r, int pc, bool main)
{
	thread *t = xcalloc(1, sizeof(*t));
	t->main = main;
	t->pc = pc;
	t->st = TH_READY;
	r->n_live++;
	XGROW(r->th, r->n_th, r->cap_th);
	r->th[r->n_th++] = t;
	return t;
}

static void free_thread(thread *t)
{
	for (int i = 0; i < t->n_ff; i++) {
		for (int j = 0; j < t->ff[i].n; j++)
			free(t->ff[i].words[j]);
		free(t->ff[i].words);
	}
	free(t->ff);
	free(t->calls);
	free(t);
}

/* Jobs not done (the main thread is live until the shell exits). */
static int live_jobs(const shell_run *r)
{
	return r->done ? 0 : r->n_live - 1;
}

static void finish(shell_run *r, int status)
{
	r->done = true;
	r->exit_status = status & 255;
	r->exit_at = r->now;
	for (int i = 0; i < r->n_th; i++)
		r->th[i]->st = TH_DONE;
	r->n_live = 0;
}

/* The thread ends with status; for the main thread the shell exits (after
 * its EXIT trap, if any). */
static void thread_exit(shell_run *r, thread *th, int status)
{
	th->status = status;
	if (!th->main) {
		th->st = TH_DONE;
		r->n_live--;
		thread *m = r->th[0];
		if (m->st == TH_WAIT && !live_jobs(r)) {
			m->st = TH_READY;
			m->status = 0;
		}
		return;
	}
	if (r->trap_exit >= 0 && !r->in_exit_trap) {
		r->in_exit_trap = true;
		r->exit_trap_status = status;
		th->n_calls = 0;
		th->pc = r->trap_exit;
		return;
	}
	finish(r, status);
}

/* A command outside the subset: blocks in the main script, else exits 0. */
static void unknown_cmd(shell_run *r, thread *th)
{
	if (r->exec_mode || th->n_calls || r->in_exit_trap) {
		th->status = 0;
		return;
	}
	th->st = TH_BLOCK;
	th->block_unknown = true;
}

/* `trap ACTION SIG`: TERM and EXIT matter; other signals are never sent.
 * Returns the status (1 for an unknown signal). */
static int set_trap(shell_run *r, const char *sig, int action, strbuf *err)
{
	static const char *const never[] = { "INT", "HUP", "QUIT", "USR1", "USR2", "KILL", "CHLD",
					     "PIPE", "ALRM", "1", "2", "3", "9" };
	const char *name = strncmp(sig, "SIG", 3) ? sig : sig + 3;
	if (!strcmp(name, "TERM") || !strcmp(name, "15")) {
		r->trap_term = action;
		return 0;
	}
	if (!strcmp(name, "EXIT") || !strcmp(name, "0")) {
		r->trap_exit = action >= 0 ? action : TRAP_NONE;
		return 0;
	}
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (!strcmp(name, never[i]))
			return 0;
	shellcmd_printf(err, "sh: trap: %s: bad trap\n", sig);
	return 1;
}

/* Interpreter-level builtins; returns false if argv[0] is not one. */
static bool run_special(shell_run *r, thread *th, const scmd *c, int argc, char **argv,
			strbuf *err)
{
	if (!strcmp(argv[0], "wait")) {
		if (th->main && live_jobs(r))
			th->st = TH_WAIT;
		th->status = 0;
	} else if (!strcmp(argv[0], "exit")) {
		char *end;
		long v = argc > 1 ? strtol(argv[1], &end, 10) : th->status;
		if (argc > 1 && (!*argv[1] || *end || v < 0)) {
			shellcmd_printf(err, "sh: exit: Illegal number: %s\n", argv[1]);
			v = 2;
		}
		th->status = (int)(v & 255);
		th->exit_pending = true;
	} else if (!strcmp(argv[0], "trap")) {
		th->status = 0;
		int action = argc < 2 || !strcmp(argv[1], "-") ? TRAP_NONE
			     : !argv[1][0] || c->trap_pc < 0   ? TRAP_IGNORE
							       : c->trap_pc;
		for (int i = 2; i < argc; i++)
			th->status |= set_trap(r, argv[i], action, err);
	} else {
		return false;
	}
	return true;
}

static void run_words(shell_run *r, thread *th, const scmd *c, strlist *args, target tg[3])
{
	strbuf out = { 0 }, err = { 0 };
	int first = 0;
	if (!strcmp(args->v[0], "exec")) {
		first = 1;
		th->exit_pending = args->n > 1;
		if (th->main && args->n > 1)
			r->trap_term = r->trap_exit = TRAP_NONE;
	}
	if (first < args->n && !run_special(r, th, c, args->n - first, args->v + first, &err)) {
		int st = shellcmd_run(r, th, args->n - first, args->v + first, &out, &err);
		if (st < 0)
			unknown_cmd(r, th);
		else
			th->status = st;
	}
	th->budget -= (long)((out.n + err.n) / SPIN_BYTES);
	if (deliver(r, &tg[1], &out) < 0 || deliver(r, &tg[2], &err) < 0) {
		shell_out_write(r->out, "sh: write error: No space left on device\n");
		th->status = 1;
	}
	free(out.s);
	free(err.s);
}

/* Charge the expanded words to th's budget; true if one is over
 * SHELL_VALUE_MAX (the shell is out of memory). */
static bool too_big(thread *th, const strlist *l)
{
	bool big = false;
	for (int i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);
		th->budget -= (long)(n / SPIN_BYTES);
		big |= n > SHELL_VALUE_MAX;
	}
	return big;
}

/* An expansion past SHELL_VALUE_MAX: ash reports it and exits 2. */
static void out_of_memory(thread *th, shell_run *r)
{
	shell_out_write(r->out, "sh: out of memory\n");
	th->status = 2;
	th->exit_pending = true;
}

static void run_cmd(shell_run *r, thread *th, const scmd *c)
{
	if (c->unknown) {
		unknown_cmd(r, th);
		return;
	}
	strlist args = { 0 };
	for (int i = 0; i < c->n_words; i++)
		expand_word(r, th, &c->words[i], &args);
	target tg[3] = { { TG_LOG, NULL }, { TG_LOG, NULL }, { TG_LOG, NULL } };
	strbuf err = { 0 };
	if (too_big(th, &args)) {
		out_of_memory(th, r);
	} else if (setup_redirs(r, th, c, tg, &err) < 0) {
		deliver(r, &tg[2], &err);
		th->status = 1;
	} else if (!args.n) {
		th->status = 0;
		for (int i = 0; i < c->n_assign && !th->exit_pending; i++) {
			strlist v = { 0 }; /* in order: x=1 y=$x gives y the new x */
			expand_word(r, th, &c->assign_vals[i], &v);
			if (too_big(th, &v))
				out_of_memory(th, r);
			else
				shell_run_setvar(r, c->assign_names[i], v.n ? v.v[0] : "");
			sl_free(&v);
		}
	} else {
		run_words(r, th, c, &args, tg);
	}
	free(err.s);
	for (int i = 0; i < 3; i++)
		free(tg[i].path);
	sl_free(&args);
}

static void run_thread(shell_run *r, thread *th);

static void spawn(shell_run *r, thread *th, int resume_pc)
{
	int child_pc = th->pc;
	th->pc = resume_pc;
	th->status = 0;
	if (live_jobs(r) >= MAX_THREADS) {
		shell_out_write(r->out, "sh: can't fork: too many background jobs\n");
		return;
	}
	r->jobs_started++;
	run_thread(r, new_thread(r, child_pc, false));
}

static void for_op(shell_run *r, thread *th, op o)
{
	if (o.code == OP_FOR_INIT) {
		const scmd *c = &r->s->cmds[o.arg];
		strlist l = { 0 };
		for (int i = 0; i < c->n_words; i++)
			expand_word(r, th, &c->words[i], &l);
		XGROW(th->ff, th->n_ff, th->cap_ff);
		th->ff[th->n_ff++] = (forframe){ l.v, l.n, 0, o.arg };
	} else if (o.code == OP_FOR_NEXT) {
		assert(th->n_ff > 0);
		forframe *f = &th->ff[th->n_ff - 1];
		if (f->i < f->n)
			shell_run_setvar(r, r->s->cmds[f->cmd].forvar, f->words[f->i++]);
		else
			th->pc = o.arg;
	} else {
		assert(th->n_ff > 0);
		forframe *f = &th->ff[--th->n_ff];
		for (int j = 0; j < f->n; j++)
			free(f->words[j]);
		free(f->words);
	}
}

static void exec_op(shell_run *r, thread *th, op o)
{
	switch (o.code) {
	case OP_NOP:
		break;
	case OP_CMD:
		run_cmd(r, th, &r->s->cmds[o.arg]);
		break;
	case OP_JMP:
		th->pc = o.arg;
		break;
	case OP_JZ:
		th->pc = th->status == 0 ? o.arg : th->pc;
		break;
	case OP_JNZ:
		th->pc = th->status != 0 ? o.arg : th->pc;
		break;
	case OP_NOT:
		th->status = !th->status;
		break;
	case OP_SPAWN:
		spawn(r, th, o.arg);
		break;
	case OP_END:
		thread_exit(r, th, th->status);
		break;
	case OP_RETURN:
		if (th->n_calls) {
			frame f = th->calls[--th->n_calls];
			th->pc = f.pc;
			th->status = f.status;
		} else {
			assert(r->in_exit_trap);
			finish(r, r->exit_trap_status);
		}
		break;
	case OP_STATUS0:
		th->status = 0;
		break;
	default:
		for_op(r, th, o);
	}
}

/* Run th until it blocks, ends or spins. */
static void run_thread(shell_run *r, thread *th)
{
	th->budget = SPIN_LIMIT;
	while (th->st == TH_READY && !r->done) {
		if (th->exit_pending) {
			th->exit_pending = false;
			thread_exit(r, th, th->status);
			continue;
		}
		if (th->main && r->term_pending && r->trap_term >= 0) {
			r->term_pending = false;
			XGROW(th->calls, th->n_calls, th->cap_calls);
			th->calls[th->n_calls++] = (frame){ th->pc, th->status };
			th->pc = r->trap_term;
		}
		if (--th->budget < 0) {
			th->st = TH_SPIN;
			return;
		}
		assert(th->pc >= 0 && th->pc < r->s->n_ops);
		op o = r->s->ops[th->pc++];
		exec_op(r, th, o);
	}
}

/* Run every ready thread, the lowest in creation order first, until none
 * is ready.  One pass does it: a thread only makes others ready by starting
 * them (they run at once, in spawn) or, by ending, the main thread in
 * `wait`, which sends the pass back to the start (rescanning after every
 * thread cost O(n^2) per wakeup when a thousand jobs woke together). */
static void schedule(shell_run *r)
{
	for (int i = 0; i < r->n_th && !r->done; i++) {
		if (r->th[i]->st == TH_READY)
			run_thread(r, r->th[i]);
		if (i > 0 && r->th[0]->st == TH_READY)
			i = -1;
	}
	int keep = 1;
	for (int i = 1; i < r->n_th; i++) {
		if (r->th[i]->st == TH_DONE && !r->done)
			free_thread(r->th[i]);
		else
			r->th[keep++] = r->th[i];
	}
	r->n_th = r->n_th ? keep : 0;
}

/* ---- public API ------------------------------------------------------------ */

static shell_run *run_new(const shell_script *s, shell_fs *fs, shell_out *out,
			  int64_t epoch_unix, simtime_t now, bool exec_mode)
{
	shell_run *r = xcalloc(1, sizeof(*r));
	r->s = s;
	r->fs = fs;
	r->out = out;
	r->epoch_unix = epoch_unix;
	r->now = now;
	r->exec_mode = exec_mode;
	r->cwd = xstrdup("/");
	r->trap_term = r->trap_exit = TRAP_NONE;
	shell_run_setvar(r, "HOME", "/root");
	shell_run_setvar(r, "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
	new_thread(r, 0, true);
	schedule(r);
	return r;
}

shell_run *shell_run_start(const shell_script *s, shell_fs *fs, shell_out *out,
			   int64_t epoch_unix, simtime_t now)
{
	return run_new(s, fs, out, epoch_unix, now, false);
}

void shell_run_free(shell_run *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->n_th; i++)
		free_thread(r->th[i]);
	free(r->th);
	for (int i = 0; i < r->n_vars; i++) {
		free(r->vnames[i]);
		free(r->vvals[i]);
	}
	free(r->vnames);
	free(r->vvals);
	free(r->cwd);
	free(r);
}

simtime_t shell_run_next_wakeup(const shell_run *r)
{
	simtime_t t = SIMTIME_NEVER;
	for (int i = 0; i < r->n_th && !r->done; i++)
		if (r->th[i]->st == TH_SLEEP && r->th[i]->wake < t)
			t = r->th[i]->wake;
	return t;
}

void shell_run_advance(shell_run *r, simtime_t now)
{
	assert(now >= r->now);
	for (;;) {
		simtime_t t = shell_run_next_wakeup(r);
		if (t > now)
			break;
		r->now = t;
		for (int i = 0; i < r->n_th; i++)
			if (r->th[i]->st == TH_SLEEP && r->th[i]->wake == t)
				r->th[i]->st = TH_READY;
		schedule(r);
	}
	r->now = now;
}

void shell_run_sigterm(shell_run *r, simtime_t now)
{
	shell_run_advance(r, now);
	if (r->done || r->term_seen)
		return;
	r->term_seen = true;
	bool trapped = r->trap_term >= 0;
	r->term_pending = trapped;
	for (int i = 0; i < r->n_th; i++) {
		thread *t = r->th[i];
		if (t->st == TH_BLOCK && t->block_unknown) {
			t->st = TH_READY;
			t->block_unknown = false;
			t->status = 143;
		}
	}
	thread *m = r->th[0];
	if (trapped && m->st == TH_WAIT) {
		m->st = TH_READY;
		m->status = 143;
	} else if (trapped && m->st == TH_SPIN) {
		m->st = TH_READY;
	}
	schedule(r);
}

bool shell_run_done(const shell_run *r, int *status, simtime_t *at)
{
	if (!r->done)
		return false;
	if (status)
		*status = r->exit_status;
	if (at)
		*at = r->exit_at;
	return true;
}

int shell_exec(const shell_script *s, shell_fs *fs, shell_out *out, int64_t epoch_unix,
	       simtime_t now, simtime_t *latency)
{
	shell_run *r = run_new(s, fs, out, epoch_unix, now, true);
	for (int wakeups = 0;; wakeups++) {
		simtime_t t = shell_run_next_wakeup(r);
		if (r->done || t == SIMTIME_NEVER || t - now > EXEC_HORIZON ||
		    wakeups == EXEC_MAX_WAKEUPS)
			break;
		shell_run_advance(r, t);
	}
	int status = r->done ? r->exit_status : 137;
	*latency = r->done ? r->exit_at - now : SIMTIME_NEVER;
	shell_run_free(r);
	return status;
}
