/* shell.c - parse the `sh -c` subset into flat code (interpreted by shellrun.c).
 *
 * Container commands are overwhelmingly tiny scripts ("date && sleep 3600",
 * "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
 * "trap 'exit 0' TERM; sleep 3600 & wait").  The parser turns such a script
 * into an array of ops (a command, conditional jumps, spawn of a background
 * job, for-loop steps, return from a trap body) once, when the container spec
 * is compiled.  Flat code was chosen over walking an AST because a run must
 * stop in the middle of a script (at a `sleep`, in `wait`) and resume later in
 * virtual time: with flat code the whole state of a thread of execution is a
 * program counter, a status and a small stack, so a run is a plain value that
 * the runtime can drive through next_wakeup/advance.  Trap bodies are parsed
 * at compile time too (when the action is a literal) and placed inline behind
 * a jump; `&` jobs become extra threads of the same run sharing variables
 * and the filesystem (a simplification: a real background job is a subshell
 * with copies of them).
 *
 * Signal semantics follow what dash and busybox ash do as PID 1 of a
 * container: SIGTERM without a trap is ignored (the kernel gives PID 1 no
 * default action), a trapped SIGTERM runs after the foreground command has
 * finished - a foreground `sleep 3600` is not interrupted - except that a
 * shell blocked in `wait` returns from it at once with status 143.  `exec`
 * replaces the shell, so its traps are gone.
 *
 * Anything outside the subset is a warning at parse time plus a fallback
 * that keeps the simulation going: a command podsim does not know (nginx,
 * curl, a pipeline) runs until signalled in the main script (SIGTERM ends it
 * with 143, as a default-disposition child) and exits 0 at once in exec
 * probes, hooks and trap bodies; unsupported expansions ($(...), $((...)),
 * backquotes, ${x:-y}) expand to nothing; case, functions and here-documents
 * turn the whole script into one such unknown command.  A syntax error
 * becomes a script that prints the error and exits 2, as sh does.
 *
 * The module is split along the seams of a classic shell: this file is the
 * grammar (it emits the ops and patches the jumps of loops and conditionals),
 * shell_lex.c turns the text into tokens and words and gives the warnings and
 * syntax errors both halves need, shellrun.c is the interpreter and
 * shellcmd.c holds the builtins (echo, sleep, test, ...) and the filesystem.
 * A single file would be three times the size the house style allows.
 */
#include "shell_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void parse_list(parser *p);
static void parse_list_body(parser *p);
static void free_loops(parser *p);

/* ---- script building ------------------------------------------------- */

static int emit(shell_script *sc, int code, int arg)
{
	XGROW(sc->ops, sc->n_ops, sc->cap_ops);
	sc->ops[sc->n_ops] = (op){ code, arg };
	return sc->n_ops++;
}

static int add_cmd(shell_script *sc)
{
	XGROW(sc->cmds, sc->n_cmds, sc->cap_cmds);
	scmd *c = &sc->cmds[sc->n_cmds];
	memset(c, 0, sizeof(*c));
	c->trap_pc = -1;
	return sc->n_cmds++;
}

void shell_script_free(shell_script *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < sc->n_cmds; i++) {
		scmd *c = &sc->cmds[i];
		for (int j = 0; j < c->n_words; j++)
			shell_lex_word_free(&c->words[j]);
		free(c->words);
		for (int j = 0; j < c->n_assign; j++) {
			free(c->assign_names[j]);
			shell_lex_word_free(&c->assign_vals[j]);
		}
		free(c->assign_names);
		free(c->assign_vals);
		for (int j = 0; j < c->n_redirs; j++)
			shell_lex_word_free(&c->redirs[j].target);
		free(c->redirs);
		free(c->forvar);
	}
	free(sc->cmds);
	free(sc->ops);
	free(sc);
}

/* ---- simple commands ------------------------------------------------- */

static bool is_assignment(const sword *w, size_t *eq)
{
	if (!w->n || w->parts[0].quoted || w->parts[0].var)
		return false;
	const char *t = w->parts[0].text;
	const char *e = strchr(t, '=');
	if (!e || e == t || !(isalpha((unsigned char)t[0]) || t[0] == '_'))
		return false;
	for (const char *q = t; q < e; q++)
		if (!isalnum((unsigned char)*q) && *q != '_')
			return false;
	*eq = (size_t)(e - t);
	return true;
}

static void add_assignment(scmd *c, sword *w, size_t eq)
{
	c->assign_names = xrealloc(c->assign_names, (size_t)(c->n_assign + 1) * sizeof(char *));
	c->assign_vals = xrealloc(c->assign_vals, (size_t)(c->n_assign + 1) * sizeof(sword));
	c->assign_names[c->n_assign] = xstrndup(w->parts[0].text, eq);
	sword v = { 0 };
	shell_lex_add_part(&v, w->parts[0].text + eq + 1, strlen(w->parts[0].text + eq + 1),
			   false, false);
	for (int i = 1; i < w->n; i++)
		shell_lex_add_part(&v, w->parts[i].text, strlen(w->parts[i].text),
				   w->parts[i].quoted, w->parts[i].var);
	c->assign_vals[c->n_assign++] = v;
	shell_lex_word_free(w);
}

static void add_word(scmd *c, sword w)
{
	c->words = xrealloc(c->words, (size_t)(c->n_words + 1) * sizeof(sword));
	c->words[c->n_words++] = w;
}

static void parse_redir(parser *p, scmd *c)
{
	redir r = p->rd;
	shell_lex_next(p);
	if (r.kind == RD_DUP) {
		if (r.dupfd > 2)
			shell_lex_warn(p, "fd", "redirection to descriptor %d is outside podsim's "
				       "shell subset; it is ignored", r.dupfd);
	} else if (p->tok != T_WORD) {
		shell_lex_syntax_error(p, "syntax error: %s", "redirection without a file name");
		return;
	} else {
		r.target = shell_lex_take_word(p);
	}
	c->redirs = xrealloc(c->redirs, (size_t)(c->n_redirs + 1) * sizeof(redir));
	c->redirs[c->n_redirs++] = r;
}

/* Compile a literal trap action inline: JMP over it; body; RETURN. */
static void compile_trap(parser *p, int ci, const char *body)
{
	int jump = emit(p->sc, OP_JMP, -1);
	parser sub = *p;
	sub.s = body;
	sub.pos = 0;
	sub.in_trap = true;
	sub.tok = T_EOF;
	sub.word = (sword){ 0 };
	sub.loops = NULL;
	sub.n_loops = sub.cap_loops = 0;
	sub.error = NULL;
	sub.abandon = NULL;
	int start = p->sc->n_ops;
	shell_lex_next(&sub);
	parse_list(&sub);
	if (sub.tok != T_EOF && !sub.error)
		shell_lex_syntax_error(&sub, "syntax error: unexpected %s", "token in trap action");
	if (sub.tok == T_WORD)
		shell_lex_word_free(&sub.word);
	free_loops(&sub);
	if (sub.error || sub.abandon) {
		shell_lex_warn(p, "trap-body", "the trap action \"%s\" is outside podsim's shell "
			       "subset (%s); the trap does nothing", body,
			       sub.error ? sub.error : sub.abandon);
		p->sc->n_ops = start;
	}
	free(sub.error);
	emit(p->sc, OP_RETURN, 0);
	p->sc->ops[jump].arg = p->sc->n_ops;
	p->sc->cmds[ci].trap_pc = start; /* the sub-parser may have moved cmds */
}

/* Compile-time checks on a command's name: unknown commands, trap, set -e. */
static void check_command(parser *p, int ci)
{
	const scmd *c = &p->sc->cmds[ci];
	char name[256], arg[1024];
	int i = 0;
	if (c->n_words && shell_lex_word_static(&c->words[0], name, sizeof(name)) &&
	    !strcmp(name, "exec"))
		i = 1;
	if (i >= c->n_words)
		return;
	if (!shell_lex_word_static(&c->words[i], name, sizeof(name))) {
		shell_lex_warn(p, "dynamic", "a command name made by expansion is outside podsim's "
			       "shell subset; if it is not a supported command it is treated as "
			       "unknown");
		return;
	}
	bool has_arg = c->n_words > i + 1;
	bool literal = has_arg && shell_lex_word_static(&c->words[i + 1], arg, sizeof(arg));
	if (!strcmp(name, "trap") && literal && strcmp(arg, "-") && arg[0])
		compile_trap(p, ci, arg);
	else if (!strcmp(name, "trap") && has_arg && !literal)
		shell_lex_warn(p, "trap-dyn", "a trap action with expansions is outside podsim's "
			       "shell subset; the trap does nothing");
	else if (!strcmp(name, "set") && literal && arg[0] == '-' && strchr(arg, 'e'))
		shell_lex_warn(p, "set-e", "set -e (exit on error) is not modelled; commands that "
			       "fail do not end the script");
	if (!name[0] || shell_is_builtin(name))
		return;
	char key[300];
	snprintf(key, sizeof(key), "cmd:%s", name);
	if (p->mode == SHELL_MAIN && !p->in_trap)
		shell_lex_warn(p, key, "\"%s\" is outside podsim's shell subset; it is modelled as "
			       "a foreground process that runs until signalled (SIGTERM ends it "
			       "with status 143)", name);
	else
		shell_lex_warn(p, key, "\"%s\" is outside podsim's shell subset; it is assumed to "
			       "exit 0 at once", name);
}

static void parse_simple(parser *p)
{
	int ci = add_cmd(p->sc);
	scmd c = p->sc->cmds[ci];
	for (;;) {
		size_t eq;
		if (p->tok == T_REDIR) {
			parse_redir(p, &c);
		} else if (p->tok == T_LESS) {
			shell_lex_warn(p, "<", "input redirection \"<\" is outside podsim's shell "
				       "subset; it is ignored");
			shell_lex_next(p);
			if (p->tok == T_WORD)
				shell_lex_next(p);
		} else if (p->tok == T_HEREDOC) {
			shell_lex_abandon(p, "here-documents (<<)");
		} else if (p->tok == T_LPAREN && c.n_words == 1 && !c.n_assign) {
			shell_lex_abandon(p, "function definitions");
		} else if (p->tok != T_WORD) {
			break;
		} else if (!c.n_words && is_assignment(&p->word, &eq)) {
			sword w = shell_lex_take_word(p);
			add_assignment(&c, &w, eq);
		} else {
			add_word(&c, shell_lex_take_word(p));
		}
	}
	p->sc->cmds[ci] = c;
	if (p->abandon || p->error)
		return;
	char name[32];
	loopctx *l = p->n_loops ? &p->loops[p->n_loops - 1] : NULL;
	if (c.n_words && shell_lex_word_static(&c.words[0], name, sizeof(name)) &&
	    (!strcmp(name, "break") || !strcmp(name, "continue"))) {
		if (!l) {
			emit(p->sc, OP_STATUS0, 0);
		} else if (name[0] == 'b') {
			XGROW(l->breaks, l->n_breaks, l->cap_breaks);
			l->breaks[l->n_breaks++] = emit(p->sc, OP_JMP, -1);
		} else {
			emit(p->sc, OP_JMP, l->continue_pc);
		}
		return;
	}
	check_command(p, ci);
	emit(p->sc, OP_CMD, ci);
}

/* ---- compound commands ----------------------------------------------- */

static void loop_begin(parser *p, int continue_pc)
{
	XGROW(p->loops, p->n_loops, p->cap_loops);
	p->loops[p->n_loops++] = (loopctx){ continue_pc, NULL, 0, 0 };
}

static void loop_end(parser *p, int break_pc)
{
	loopctx *l = &p->loops[--p->n_loops];
	for (int i = 0; i < l->n_breaks; i++)
		p->sc->ops[l->breaks[i]].arg = break_pc;
	free(l->breaks);
}

/* Loops left open by an error or an abandoned parse. */
static void free_loops(parser *p)
{
	for (int i = 0; i < p->n_loops; i++)
		free(p->loops[i].breaks);
	free(p->loops);
	p->loops = NULL;
	p->n_loops = p->cap_loops = 0;
}

static void parse_while(parser *p, bool until)
{
	int top = p->sc->n_ops;
	parse_list(p);
	int exit_jump = emit(p->sc, until ? OP_JZ : OP_JNZ, -1);
	shell_lex_expect(p, "do");
	loop_begin(p, top);
	parse_list(p);
	shell_lex_expect(p, "done");
	emit(p->sc, OP_JMP, top);
	p->sc->ops[exit_jump].arg = p->sc->n_ops;
	loop_end(p, p->sc->n_ops);
	emit(p->sc, OP_STATUS0, 0);
}

static void parse_if(parser *p)
{
	int ends[64], n_ends = 0;
	for (;;) {
		parse_list(p);
		int skip = emit(p->sc, OP_JNZ, -1);
		shell_lex_expect(p, "then");
		parse_list(p);
		if (n_ends < 64)
			ends[n_ends++] = emit(p->sc, OP_JMP, -1);
		p->sc->ops[skip].arg = p->sc->n_ops;
		shell_lex_skip_newlines(p);
		if (!shell_lex_at_word(p, "elif"))
			break;
		shell_lex_next(p);
	}
	if (shell_lex_at_word(p, "else")) {
		shell_lex_next(p);
		parse_list(p);
	} else {
		emit(p->sc, OP_STATUS0, 0);
	}
	shell_lex_expect(p, "fi");
	for (int i = 0; i < n_ends; i++)
		p->sc->ops[ends[i]].arg = p->sc->n_ops;
}

static void parse_for(parser *p)
{
	char name[128];
	if (p->tok != T_WORD || !shell_lex_word_static(&p->word, name, sizeof(name))) {
		shell_lex_syntax_error(p, "syntax error: %s", "bad for loop variable");
		return;
	}
	int ci = add_cmd(p->sc);
	p->sc->cmds[ci].forvar = xstrdup(name);
	shell_lex_next(p);
	shell_lex_skip_newlines(p);
	if (shell_lex_at_word(p, "in")) {
		shell_lex_next(p);
		while (p->tok == T_WORD) {
			sword w = shell_lex_take_word(p);
			add_word(&p->sc->cmds[ci], w);
		}
	}
	if (p->tok == T_SEMI)
		shell_lex_next(p);
	shell_lex_expect(p, "do");
	emit(p->sc, OP_FOR_INIT, ci);
	int top = emit(p->sc, OP_FOR_NEXT, -1);
	loop_begin(p, top);
	parse_list(p);
	shell_lex_expect(p, "done");
	emit(p->sc, OP_JMP, top);
	p->sc->ops[top].arg = p->sc->n_ops;
	loop_end(p, p->sc->n_ops);
	emit(p->sc, OP_FOR_POP, 0);
}

static void parse_command(parser *p)
{
	if (p->tok == T_LPAREN) {
		shell_lex_warn(p, "subshell", "a subshell ( ... ) runs in the main shell in podsim "
			       "(an exit inside it ends the script)");
		shell_lex_next(p);
		parse_list(p);
		shell_lex_skip_newlines(p);
		if (p->tok != T_RPAREN)
			shell_lex_syntax_error(p, "syntax error: missing %s", "\")\"");
		shell_lex_next(p);
	} else if (p->tok != T_WORD) {
		shell_lex_syntax_error(p, "syntax error: unexpected %s",
				       p->tok == T_RPAREN ? "\")\"" : "operator");
		return;
	} else if (shell_lex_at_word(p, "{")) {
		shell_lex_next(p);
		parse_list(p);
		shell_lex_expect(p, "}");
	} else if (shell_lex_at_word(p, "while") || shell_lex_at_word(p, "until")) {
		bool until = shell_lex_word_is(&p->word, "until");
		shell_lex_next(p);
		parse_while(p, until);
	} else if (shell_lex_at_word(p, "if")) {
		shell_lex_next(p);
		parse_if(p);
	} else if (shell_lex_at_word(p, "for")) {
		shell_lex_next(p);
		parse_for(p);
	} else if (shell_lex_at_word(p, "case") || shell_lex_at_word(p, "select")) {
		shell_lex_abandon(p, "case statements");
	} else if (shell_lex_at_word(p, "function")) {
		shell_lex_abandon(p, "function definitions");
	} else {
		parse_simple(p);
		return;
	}
	if (p->tok == T_REDIR || p->tok == T_LESS) {
		shell_lex_warn(p, "compound-redir", "redirecting a compound command is outside "
			       "podsim's shell subset; the redirection is ignored");
		scmd dummy = { 0 };
		parse_redir(p, &dummy);
		for (int i = 0; i < dummy.n_redirs; i++)
			shell_lex_word_free(&dummy.redirs[i].target);
		free(dummy.redirs);
	}
}

static void parse_pipeline(parser *p)
{
	bool bang = false;
	while (shell_lex_at_word(p, "!")) {
		bang = !bang;
		shell_lex_next(p);
	}
	int start = p->sc->n_ops;
	int n_warnings = p->warnings ? *p->n_warnings : 0, n_warned = *p->n_warned;
	parse_command(p);
	if (p->tok == T_PIPE) {
		while (p->tok == T_PIPE) {
			shell_lex_next(p);
			shell_lex_skip_newlines(p);
			parse_command(p);
		}
		shell_lex_drop_warnings(p, n_warnings, n_warned);
		shell_lex_warn(p, "pipe", "pipelines (\"|\") are outside podsim's shell subset; a "
			       "pipeline is treated as one unknown command (%s)",
			       p->mode == SHELL_MAIN && !p->in_trap ? "runs until signalled"
								    : "exits 0");
		p->sc->n_ops = start;
		int ci = add_cmd(p->sc);
		p->sc->cmds[ci].unknown = true;
		emit(p->sc, OP_CMD, ci);
	}
	if (bang)
		emit(p->sc, OP_NOT, 0);
}

static void parse_and_or(parser *p)
{
	int spawn = emit(p->sc, OP_NOP, 0);
	parse_pipeline(p);
	while (p->tok == T_AND || p->tok == T_OR) {
		int j = emit(p->sc, p->tok == T_AND ? OP_JNZ : OP_JZ, -1);
		shell_lex_next(p);
		shell_lex_skip_newlines(p);
		parse_pipeline(p);
		p->sc->ops[j].arg = p->sc->n_ops;
	}
	if (p->tok == T_AMP) {
		emit(p->sc, OP_END, 0);
		p->sc->ops[spawn] = (op){ OP_SPAWN, p->sc->n_ops };
	}
}

static bool list_end(parser *p)
{
	static const char *const stop[] = { "then", "else", "elif", "fi", "do", "done", "}",
					    "esac" };
	if (p->tok == T_EOF || p->tok == T_RPAREN || p->tok == T_DSEMI)
		return true;
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (shell_lex_at_word(p, stop[i]))
			return true;
	return false;
}

/* Enter a nested list: false (and a syntax error naming where, in lines and
 * columns of the script or trap action) when it is nested too deep. */
static bool nest_enter(parser *p)
{
	if (++p->depth <= SHELL_MAX_DEPTH + 1) /* + 1: the script's own list */
		return true;
	int line = 1, col = 1;
	for (size_t i = 0; i < p->tok_pos && p->s[i]; i++, col++)
		if (p->s[i] == '\n')
			line++, col = 0;
	char what[128];
	snprintf(what, sizeof(what), "commands nested deeper than %d levels at line %d, column %d%s",
		 SHELL_MAX_DEPTH, line, col, p->in_trap ? " of a trap action" : "");
	shell_lex_syntax_error(p, "syntax error: %s", what);
	return false;
}

static void parse_list(parser *p)
{
	while (p->tok == T_NEWLINE || p->tok == T_SEMI) /* so that the error names a command */
		shell_lex_next(p);
	if (nest_enter(p))
		parse_list_body(p);
	p->depth--;
}

static void parse_list_body(parser *p)
{
	for (;;) {
		while (p->tok == T_NEWLINE || p->tok == T_SEMI)
			shell_lex_next(p);
		if (list_end(p))
			return;
		parse_and_or(p);
		if (p->tok == T_SEMI || p->tok == T_AMP || p->tok == T_NEWLINE)
			shell_lex_next(p);
		else if (!list_end(p))
			shell_lex_syntax_error(p, "syntax error: unexpected %s", "token");
	}
}

/* ---- entry points ---------------------------------------------------- */

/* Replace the script by one literal command (used for the fallbacks). */
static int literal_cmd(shell_script *sc, const char *const *words, int n)
{
	int ci = add_cmd(sc);
	for (int i = 0; i < n; i++) {
		sword w = { 0 };
		shell_lex_add_part(&w, words[i], strlen(words[i]), true, false);
		add_word(&sc->cmds[ci], w);
	}
	return emit(sc, OP_CMD, ci);
}

static void finish_parse(parser *p)
{
	shell_script *sc = p->sc;
	if (p->tok != T_EOF && !p->error && !p->abandon)
		shell_lex_syntax_error(p, "syntax error: unexpected %s", "token");
	if (p->tok == T_WORD)
		shell_lex_word_free(&p->word);
	free_loops(p);
	if (p->error) {
		char *msg = xasprintf("sh: %s", p->error);
		const char *echo[] = { "echo", msg };
		const char *ex[] = { "exit", "2" };
		shell_lex_warn(p, "syntax", "%s; the shell exits 2 at once, as sh does", p->error);
		sc->n_ops = 0;
		literal_cmd(sc, echo, 2);
		free(msg);
		literal_cmd(sc, ex, 2);
		free(p->error);
	} else if (p->abandon) {
		shell_lex_warn(p, "abandon", "%s are outside podsim's shell subset; the whole "
			       "script is treated as one unknown command (%s)", p->abandon,
			       p->mode == SHELL_MAIN ? "runs until signalled" : "exits 0");
		sc->n_ops = 0;
		int ci = add_cmd(sc);
		sc->cmds[ci].unknown = true;
		emit(sc, OP_CMD, ci);
	}
	emit(sc, OP_END, 0);
}

shell_script *shell_parse(const char *text, shell_mode mode, const char *prefix,
			  char ***warnings, int *n_warnings)
{
	char **warned = NULL;
	int n_warned = 0;
	parser p = { .s = text, .sc = xcalloc(1, sizeof(shell_script)), .mode = mode,
		     .prefix = prefix, .warnings = warnings, .n_warnings = n_warnings,
		     .warned = &warned, .n_warned = &n_warned, .tok = T_EOF };
	shell_lex_next(&p);
	parse_list(&p);
	finish_parse(&p);
	for (int i = 0; i < n_warned; i++)
		free(warned[i]);
	free(warned);
	return p.sc;
}

shell_script *shell_from_argv(char *const *argv, int argc, shell_mode mode, const char *prefix,
			      char ***warnings, int *n_warnings)
{
	char **warned = NULL;
	int n_warned = 0;
	parser p = { .sc = xcalloc(1, sizeof(shell_script)), .mode = mode, .prefix = prefix,
		     .warnings = warnings, .n_warnings = n_warnings, .warned = &warned,
		     .n_warned = &n_warned, .s = "" };
	literal_cmd(p.sc, (const char *const *)argv, argc);
	check_command(&p, 0);
	emit(p.sc, OP_END, 0);
	for (int i = 0; i < n_warned; i++)
		free(warned[i]);
	free(warned);
	return p.sc;
}

