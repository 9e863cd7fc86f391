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
 * becomes a script that prints the error and exits 2, as sh does.  The
 * interpreter lives in shellrun.c, the builtins (echo, sleep, test, ...) and
 * the filesystem in shellcmd.c; a single file would be three times the size
 * the house style allows.
 */
#include "shell_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tok {
	T_EOF, T_WORD, T_NEWLINE, T_SEMI, T_AMP, T_AND, T_OR, T_PIPE, T_LPAREN, T_RPAREN,
	T_DSEMI, T_REDIR, T_HEREDOC, T_LESS
};

/* One loop being compiled: where `continue` goes, which jumps `break` left. */
typedef struct loopctx {
	int continue_pc;
	int *breaks;
	int n_breaks, cap_breaks;
} loopctx;

typedef struct parser {
	const char *s;
	size_t pos;
	shell_script *sc;
	shell_mode mode;
	bool in_trap;
	const char *prefix;
	char ***warnings;
	int *n_warnings;
	char ***warned; /* keys already warned about, shared with sub-parsers */
	int *n_warned;
	enum tok tok;
	sword word;      /* T_WORD: owned until taken */
	redir rd;        /* T_REDIR: fd, kind, dupfd */
	loopctx *loops;
	int n_loops, cap_loops;
	char *error;     /* first syntax error */
	const char *abandon; /* construct that makes the whole script unknown */
} parser;

static void parse_list(parser *p);
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

static void word_free(sword *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->parts[i].text);
	free(w->parts);
	w->parts = NULL;
	w->n = 0;
}

static void add_part(sword *w, const char *text, size_t len, bool quoted, bool var)
{
	/* merge adjacent literal text of the same quoting */
	if (!var && w->n && !w->parts[w->n - 1].var && w->parts[w->n - 1].quoted == quoted) {
		wpart *last = &w->parts[w->n - 1];
		size_t old = strlen(last->text);
		last->text = xrealloc(last->text, old + len + 1);
		memcpy(last->text + old, text, len);
		last->text[old + len] = '\0';
		return;
	}
	w->parts = xrealloc(w->parts, (size_t)(w->n + 1) * sizeof(*w->parts));
	w->parts[w->n++] = (wpart){ xstrndup(text, len), quoted, var };
}

/* The word's text if it has no expansions, else NULL (pointer into w). */
static const char *word_static(const sword *w, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < w->n; i++) {
		if (w->parts[i].var)
			return NULL;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s",
					 w->parts[i].text);
	}
	return used < len ? buf : NULL;
}

/* True if the word is plain unquoted text equal to s (a reserved word). */
static bool word_is(const sword *w, const char *s)
{
	return w->n == 1 && !w->parts[0].quoted && !w->parts[0].var && !strcmp(w->parts[0].text, s);
}

void shell_script_free(shell_script *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < sc->n_cmds; i++) {
		scmd *c = &sc->cmds[i];
		for (int j = 0; j < c->n_words; j++)
			word_free(&c->words[j]);
		free(c->words);
		for (int j = 0; j < c->n_assign; j++) {
			free(c->assign_names[j]);
			word_free(&c->assign_vals[j]);
		}
		free(c->assign_names);
		free(c->assign_vals);
		for (int j = 0; j < c->n_redirs; j++)
			word_free(&c->redirs[j].target);
		free(c->redirs);
		free(c->forvar);
	}
	free(sc->cmds);
	free(sc->ops);
	free(sc);
}

/* ---- diagnostics ----------------------------------------------------- */

static void warn(parser *p, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(parser *p, const char *key, const char *fmt, ...)
{
	for (int i = 0; i < *p->n_warned; i++)
		if (!strcmp((*p->warned)[i], key))
			return;
	*p->warned = xrealloc(*p->warned, (size_t)(*p->n_warned + 1) * sizeof(char *));
	(*p->warned)[(*p->n_warned)++] = xstrdup(key);
	if (!p->warnings)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	*p->warnings = xrealloc(*p->warnings, (size_t)(*p->n_warnings + 1) * sizeof(char *));
	(*p->warnings)[(*p->n_warnings)++] = xasprintf("%s%s", p->prefix ? p->prefix : "", msg);
}

/* Forget warnings given since the counts were n_warnings, n_warned (the
 * commands of a pipeline are not worth a warning each). */
static void drop_warnings(parser *p, int n_warnings, int n_warned)
{
	while (p->warnings && *p->n_warnings > n_warnings)
		free((*p->warnings)[--*p->n_warnings]);
	while (*p->n_warned > n_warned)
		free((*p->warned)[--*p->n_warned]);
}

/* A construct outside the subset whose fallback is "expands to nothing". */
static void warn_expansion(parser *p, const char *what)
{
	warn(p, what, "%s is outside podsim's shell subset; it expands to the empty string",
	     what);
}

static void syntax_error(parser *p, const char *fmt, const char *arg)
{
	if (!p->error)
		p->error = xasprintf(fmt, arg);
	if (p->tok == T_WORD)
		word_free(&p->word);
	p->tok = T_EOF;
	p->pos = strlen(p->s);
}

static void abandon(parser *p, const char *what)
{
	if (!p->abandon)
		p->abandon = what;
	if (p->tok == T_WORD)
		word_free(&p->word);
	p->tok = T_EOF;
	p->pos = strlen(p->s);
}

/* ---- lexer ----------------------------------------------------------- */

/* Skip a balanced $( ... ) or $(( ... )); pos is just after the '('. */
static void skip_parens(parser *p)
{
	int depth = 1;
	while (p->s[p->pos] && depth) {
		char c = p->s[p->pos++];
		depth += c == '(' ? 1 : c == ')' ? -1 : 0;
	}
	if (depth)
		syntax_error(p, "syntax error: unterminated %s", "$(");
}

/* After a '$' at pos: append the expansion to w. */
static void lex_dollar(parser *p, sword *w, bool quoted)
{
	const char *s = p->s;
	size_t i = p->pos;
	if (s[i] == '(') {
		p->pos = i + 1;
		bool arith = s[i + 1] == '(';
		skip_parens(p);
		warn_expansion(p, arith ? "arithmetic expansion $((...))" : "command substitution $(...)");
	} else if (s[i] == '{') {
		size_t j = i + 1, k = j;
		while (s[k] && s[k] != '}')
			k++;
		if (!s[k]) {
			syntax_error(p, "syntax error: missing %s", "}");
			return;
		}
		bool name = k > j && (isalpha((unsigned char)s[j]) || s[j] == '_');
		for (size_t m = j; m < k && name; m++)
			name = isalnum((unsigned char)s[m]) || s[m] == '_';
		if (name)
			add_part(w, s + j, k - j, quoted, true);
		else
			warn_expansion(p, "parameter expansion ${...}");
		p->pos = k + 1;
	} else if (isalpha((unsigned char)s[i]) || s[i] == '_') {
		size_t j = i;
		while (isalnum((unsigned char)s[j]) || s[j] == '_')
			j++;
		add_part(w, s + i, j - i, quoted, true);
		p->pos = j;
	} else if (s[i] && strchr("?$!#@*-0123456789", s[i])) {
		add_part(w, s + i, 1, quoted, true);
		p->pos = i + 1;
	} else {
		add_part(w, "$", 1, quoted, false);
	}
}

static void lex_backquote(parser *p)
{
	const char *end = strchr(p->s + p->pos, '`');
	if (!end) {
		syntax_error(p, "syntax error: unterminated %s", "`");
		return;
	}
	p->pos = (size_t)(end - p->s) + 1;
	warn_expansion(p, "command substitution `...`");
}

static void lex_double(parser *p, sword *w)
{
	const char *s = p->s;
	for (;;) {
		char c = s[p->pos];
		if (!c) {
			syntax_error(p, "syntax error: %s", "unterminated quoted string");
			return;
		}
		p->pos++;
		if (c == '"')
			return;
		if (c == '\\' && s[p->pos] && strchr("$`\"\\\n", s[p->pos])) {
			if (s[p->pos] != '\n')
				add_part(w, s + p->pos, 1, true, false);
			p->pos++;
		} else if (c == '$') {
			lex_dollar(p, w, true);
		} else if (c == '`') {
			lex_backquote(p);
		} else {
			add_part(w, &c, 1, true, false);
		}
	}
}

static bool word_end(char c)
{
	return !c || strchr(" \t\n;&|()<>", c);
}

static void lex_word(parser *p)
{
	const char *s = p->s;
	sword w = { 0 };
	while (!p->error && !word_end(s[p->pos])) {
		char c = s[p->pos++];
		if (c == '\\') {
			if (s[p->pos] == '\n') {
				p->pos++;
			} else if (s[p->pos]) {
				add_part(&w, s + p->pos, 1, true, false);
				p->pos++;
			}
		} else if (c == '\'') {
			const char *end = strchr(s + p->pos, '\'');
			if (!end) {
				syntax_error(p, "syntax error: %s", "unterminated quoted string");
				break;
			}
			add_part(&w, s + p->pos, (size_t)(end - s) - p->pos, true, false);
			if (end == s + p->pos) /* '' is an empty word, not nothing */
				add_part(&w, "", 0, true, false);
			p->pos = (size_t)(end - s) + 1;
		} else if (c == '"') {
			size_t before = (size_t)w.n;
			lex_double(p, &w);
			if ((size_t)w.n == before)
				add_part(&w, "", 0, true, false);
		} else if (c == '$') {
			lex_dollar(p, &w, false);
		} else if (c == '`') {
			lex_backquote(p);
		} else {
			add_part(&w, &c, 1, false, false);
		}
	}
	p->word = w;
	p->tok = T_WORD;
}

/* '>' family at pos (after an optional io number). */
static void lex_redir(parser *p, int fd)
{
	const char *s = p->s + p->pos;
	p->tok = T_REDIR;
	p->rd = (redir){ .fd = fd < 0 ? 1 : fd, .kind = RD_TRUNC, .dupfd = -1 };
	if (s[1] == '>') {
		p->rd.kind = RD_APPEND;
		p->pos += 2;
	} else if (s[1] == '&' && isdigit((unsigned char)s[2])) {
		p->rd.kind = RD_DUP;
		p->rd.dupfd = s[2] - '0';
		p->pos += 3;
	} else {
		p->pos += s[1] == '|' ? 2 : 1;
	}
}

static void next(parser *p)
{
	const char *s = p->s;
	if (p->tok == T_WORD)
		word_free(&p->word);
	for (;;) {
		while (s[p->pos] == ' ' || s[p->pos] == '\t')
			p->pos++;
		if (s[p->pos] == '\\' && s[p->pos + 1] == '\n')
			p->pos += 2;
		else if (s[p->pos] == '#')
			while (s[p->pos] && s[p->pos] != '\n')
				p->pos++;
		else
			break;
	}
	if (p->error || p->abandon || !s[p->pos]) {
		p->tok = T_EOF;
		return;
	}
	const char *c = s + p->pos;
	int fd = -1;
	if (isdigit((unsigned char)c[0]) && (c[1] == '>' || c[1] == '<')) {
		fd = c[0] - '0';
		p->pos++;
		c++;
	}
	static const struct { const char *text; enum tok tok; } ops[] = {
		{ "&&", T_AND }, { "||", T_OR }, { ";;", T_DSEMI }, { "<<", T_HEREDOC },
		{ "\n", T_NEWLINE }, { ";", T_SEMI }, { "&", T_AMP }, { "|", T_PIPE },
		{ "(", T_LPAREN }, { ")", T_RPAREN }, { "<", T_LESS },
	};
	if (c[0] == '>') {
		lex_redir(p, fd);
		return;
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].text);
		if (!strncmp(c, ops[i].text, n)) {
			p->pos += n;
			p->tok = ops[i].tok;
			return;
		}
	}
	lex_word(p);
}

/* Take the current word (ownership passes to the caller) and advance. */
static sword take_word(parser *p)
{
	assert(p->tok == T_WORD);
	sword w = p->word;
	p->word = (sword){ 0 };
	p->tok = T_EOF;
	next(p);
	return w;
}

static bool at_word(parser *p, const char *s)
{
	return p->tok == T_WORD && word_is(&p->word, s);
}

static void skip_newlines(parser *p)
{
	while (p->tok == T_NEWLINE)
		next(p);
}

static void expect(parser *p, const char *word)
{
	skip_newlines(p);
	if (at_word(p, word))
		next(p);
	else if (!p->error && !p->abandon)
		syntax_error(p, "syntax error: missing \"%s\"", word);
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
	add_part(&v, w->parts[0].text + eq + 1, strlen(w->parts[0].text + eq + 1), false, false);
	for (int i = 1; i < w->n; i++)
		add_part(&v, w->parts[i].text, strlen(w->parts[i].text), w->parts[i].quoted,
			 w->parts[i].var);
	c->assign_vals[c->n_assign++] = v;
	word_free(w);
}

static void add_word(scmd *c, sword w)
{
	c->words = xrealloc(c->words, (size_t)(c->n_words + 1) * sizeof(sword));
	c->words[c->n_words++] = w;
}

static void parse_redir(parser *p, scmd *c)
{
	redir r = p->rd;
	next(p);
	if (r.kind == RD_DUP) {
		if (r.dupfd > 2)
			warn(p, "fd", "redirection to descriptor %d is outside podsim's shell subset; "
			     "it is ignored", r.dupfd);
	} else if (p->tok != T_WORD) {
		syntax_error(p, "syntax error: %s", "redirection without a file name");
		return;
	} else {
		r.target = take_word(p);
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
	next(&sub);
	parse_list(&sub);
	if (sub.tok != T_EOF && !sub.error)
		syntax_error(&sub, "syntax error: unexpected %s", "token in trap action");
	if (sub.tok == T_WORD)
		word_free(&sub.word);
	free_loops(&sub);
	if (sub.error || sub.abandon) {
		warn(p, "trap-body", "the trap action \"%s\" is outside podsim's shell subset (%s); "
		     "the trap does nothing", body, sub.error ? sub.error : sub.abandon);
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
	if (c->n_words && word_static(&c->words[0], name, sizeof(name)) && !strcmp(name, "exec"))
		i = 1;
	if (i >= c->n_words)
		return;
	if (!word_static(&c->words[i], name, sizeof(name))) {
		warn(p, "dynamic", "a command name made by expansion is outside podsim's shell "
		     "subset; if it is not a supported command it is treated as unknown");
		return;
	}
	bool has_arg = c->n_words > i + 1;
	bool literal = has_arg && word_static(&c->words[i + 1], arg, sizeof(arg));
	if (!strcmp(name, "trap") && literal && strcmp(arg, "-") && arg[0])
		compile_trap(p, ci, arg);
	else if (!strcmp(name, "trap") && has_arg && !literal)
		warn(p, "trap-dyn", "a trap action with expansions is outside podsim's shell subset; "
		     "the trap does nothing");
	else if (!strcmp(name, "set") && literal && arg[0] == '-' && strchr(arg, 'e'))
		warn(p, "set-e", "set -e (exit on error) is not modelled; commands that fail do not "
		     "end the script");
	if (!name[0] || shell_is_builtin(name))
		return;
	char key[300];
	snprintf(key, sizeof(key), "cmd:%s", name);
	if (p->mode == SHELL_MAIN && !p->in_trap)
		warn(p, key, "\"%s\" is outside podsim's shell subset; it is modelled as a foreground "
		     "process that runs until signalled (SIGTERM ends it with status 143)", name);
	else
		warn(p, key, "\"%s\" is outside podsim's shell subset; it is assumed to exit 0 at once",
		     name);
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
			warn(p, "<", "input redirection \"<\" is outside podsim's shell subset; it is ignored");
			next(p);
			if (p->tok == T_WORD)
				next(p);
		} else if (p->tok == T_HEREDOC) {
			abandon(p, "here-documents (<<)");
		} else if (p->tok == T_LPAREN && c.n_words == 1 && !c.n_assign) {
			abandon(p, "function definitions");
		} else if (p->tok != T_WORD) {
			break;
		} else if (!c.n_words && is_assignment(&p->word, &eq)) {
			sword w = take_word(p);
			add_assignment(&c, &w, eq);
		} else {
			add_word(&c, take_word(p));
		}
	}
	p->sc->cmds[ci] = c;
	if (p->abandon || p->error)
		return;
	char name[32];
	loopctx *l = p->n_loops ? &p->loops[p->n_loops - 1] : NULL;
	if (c.n_words && word_static(&c.words[0], name, sizeof(name)) &&
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
	expect(p, "do");
	loop_begin(p, top);
	parse_list(p);
	expect(p, "done");
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
		expect(p, "then");
		parse_list(p);
		if (n_ends < 64)
			ends[n_ends++] = emit(p->sc, OP_JMP, -1);
		p->sc->ops[skip].arg = p->sc->n_ops;
		skip_newlines(p);
		if (!at_word(p, "elif"))
			break;
		next(p);
	}
	if (at_word(p, "else")) {
		next(p);
		parse_list(p);
	} else {
		emit(p->sc, OP_STATUS0, 0);
	}
	expect(p, "fi");
	for (int i = 0; i < n_ends; i++)
		p->sc->ops[ends[i]].arg = p->sc->n_ops;
}

static void parse_for(parser *p)
{
	char name[128];
	if (p->tok != T_WORD || !word_static(&p->word, name, sizeof(name))) {
		syntax_error(p, "syntax error: %s", "bad for loop variable");
		return;
	}
	int ci = add_cmd(p->sc);
	p->sc->cmds[ci].forvar = xstrdup(name);
	next(p);
	skip_newlines(p);
	if (at_word(p, "in")) {
		next(p);
		while (p->tok == T_WORD) {
			sword w = take_word(p);
			add_word(&p->sc->cmds[ci], w);
		}
	}
	if (p->tok == T_SEMI)
		next(p);
	expect(p, "do");
	emit(p->sc, OP_FOR_INIT, ci);
	int top = emit(p->sc, OP_FOR_NEXT, -1);
	loop_begin(p, top);
	parse_list(p);
	expect(p, "done");
	emit(p->sc, OP_JMP, top);
	p->sc->ops[top].arg = p->sc->n_ops;
	loop_end(p, p->sc->n_ops);
	emit(p->sc, OP_FOR_POP, 0);
}

static void parse_command(parser *p)
{
	if (p->tok == T_LPAREN) {
		warn(p, "subshell", "a subshell ( ... ) runs in the main shell in podsim (an exit "
		     "inside it ends the script)");
		next(p);
		parse_list(p);
		skip_newlines(p);
		if (p->tok != T_RPAREN)
			syntax_error(p, "syntax error: missing %s", "\")\"");
		next(p);
	} else if (p->tok != T_WORD) {
		syntax_error(p, "syntax error: unexpected %s",
			     p->tok == T_RPAREN ? "\")\"" : "operator");
		return;
	} else if (at_word(p, "{")) {
		next(p);
		parse_list(p);
		expect(p, "}");
	} else if (at_word(p, "while") || at_word(p, "until")) {
		bool until = word_is(&p->word, "until");
		next(p);
		parse_while(p, until);
	} else if (at_word(p, "if")) {
		next(p);
		parse_if(p);
	} else if (at_word(p, "for")) {
		next(p);
		parse_for(p);
	} else if (at_word(p, "case") || at_word(p, "select")) {
		abandon(p, "case statements");
	} else if (at_word(p, "function")) {
		abandon(p, "function definitions");
	} else {
		parse_simple(p);
		return;
	}
	if (p->tok == T_REDIR || p->tok == T_LESS) {
		warn(p, "compound-redir", "redirecting a compound command is outside podsim's "
		     "shell subset; the redirection is ignored");
		scmd dummy = { 0 };
		parse_redir(p, &dummy);
		for (int i = 0; i < dummy.n_redirs; i++)
			word_free(&dummy.redirs[i].target);
		free(dummy.redirs);
	}
}

static void parse_pipeline(parser *p)
{
	bool bang = false;
	while (at_word(p, "!")) {
		bang = !bang;
		next(p);
	}
	int start = p->sc->n_ops;
	int n_warnings = p->warnings ? *p->n_warnings : 0, n_warned = *p->n_warned;
	parse_command(p);
	if (p->tok == T_PIPE) {
		while (p->tok == T_PIPE) {
			next(p);
			skip_newlines(p);
			parse_command(p);
		}
		drop_warnings(p, n_warnings, n_warned);
		warn(p, "pipe", "pipelines (\"|\") are outside podsim's shell subset; a pipeline is "
		     "treated as one unknown command (%s)",
		     p->mode == SHELL_MAIN && !p->in_trap ? "runs until signalled" : "exits 0");
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
		next(p);
		skip_newlines(p);
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
		if (at_word(p, stop[i]))
			return true;
	return false;
}

static void parse_list(parser *p)
{
	for (;;) {
		while (p->tok == T_NEWLINE || p->tok == T_SEMI)
			next(p);
		if (list_end(p))
			return;
		parse_and_or(p);
		if (p->tok == T_SEMI || p->tok == T_AMP || p->tok == T_NEWLINE)
			next(p);
		else if (!list_end(p))
			syntax_error(p, "syntax error: unexpected %s", "token");
	}
}

/* ---- entry points ---------------------------------------------------- */

/* Replace the script by one literal command (used for the fallbacks). */
static int literal_cmd(shell_script *sc, const char *const *words, int n)
{
	int ci = add_cmd(sc);
	for (int i = 0; i < n; i++) {
		sword w = { 0 };
		add_part(&w, words[i], strlen(words[i]), true, false);
		add_word(&sc->cmds[ci], w);
	}
	return emit(sc, OP_CMD, ci);
}

static void finish_parse(parser *p)
{
	shell_script *sc = p->sc;
	if (p->tok != T_EOF && !p->error && !p->abandon)
		syntax_error(p, "syntax error: unexpected %s", "token");
	if (p->tok == T_WORD)
		word_free(&p->word);
	free_loops(p);
	if (p->error) {
		char *msg = xasprintf("sh: %s", p->error);
		const char *echo[] = { "echo", msg };
		const char *ex[] = { "exit", "2" };
		warn(p, "syntax", "%s; the shell exits 2 at once, as sh does", p->error);
		sc->n_ops = 0;
		literal_cmd(sc, echo, 2);
		free(msg);
		literal_cmd(sc, ex, 2);
		free(p->error);
	} else if (p->abandon) {
		warn(p, "abandon", "%s are outside podsim's shell subset; the whole script is "
		     "treated as one unknown command (%s)", p->abandon,
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
	next(&p);
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
