/* shell_lex.c - the lexer of the `sh -c` subset: tokens, words and the diagnostics.
 *
 * The parser (shell.c) pulls one token at a time with shell_lex_next: an
 * operator (&&, ;, &, |, a redirection with its io number such as 2>&1) or a
 * word.  A word is kept as the parts the interpreter expands later, at run
 * time: literal text, each with a flag saying whether it was quoted, and
 * variable references ($x, ${x}, $?).  Quotes, backslashes, comments and
 * line continuations are resolved here, once, when the container spec is
 * compiled, so shellrun.c never looks at a quote character.  Expansions
 * outside the subset ($(...), $((...)), backquotes, ${x:-y}) are skipped with
 * a warning and contribute nothing to the word.
 *
 * The diagnostics live here because both halves give them.  Warnings are
 * given once per key across a script and the trap bodies compiled with it
 * (the sub-parsers share one list of keys).  The first syntax error, or the
 * first construct that makes the whole script unknown (case, functions,
 * here-documents), moves the lexer to the end of the text, so every later
 * token is T_EOF and the grammar unwinds by itself without checking for
 * errors after each call.  The seam between this file and shell.c is the
 * classic one between lexer and parser; the two share the parser struct
 * (the lexer's state is the parser's position in the text) through
 * shell_int.h.  Splitting it there keeps both files well under the size the
 * house style allows, and the grammar readable on its own.
 */
#include "shell_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- words ----------------------------------------------------------- */

void shell_lex_word_free(sword *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->parts[i].text);
	free(w->parts);
	w->parts = NULL;
	w->n = 0;
}

void shell_lex_add_part(sword *w, const char *text, size_t len, bool quoted, bool var)
{
	/* merge adjacent literal text of the same quoting; the lexer appends a
	 * character at a time, so the text grows geometrically */
	if (!var && w->n && !w->parts[w->n - 1].var && w->parts[w->n - 1].quoted == quoted) {
		wpart *last = &w->parts[w->n - 1];
		shellcmd_append(&last->text, &last->len, &last->cap, text, len);
		return;
	}
	w->parts = xrealloc(w->parts, (size_t)(w->n + 1) * sizeof(*w->parts));
	w->parts[w->n++] = (wpart){ xstrndup(text, len), quoted, var, len, len + 1 };
}

/* The word's text if it has no expansions, else NULL (pointer into w). */
const char *shell_lex_word_static(const sword *w, char *buf, size_t len)
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
bool shell_lex_word_is(const sword *w, const char *s)
{
	return w->n == 1 && !w->parts[0].quoted && !w->parts[0].var && !strcmp(w->parts[0].text, s);
}

/* ---- diagnostics ----------------------------------------------------- */

void shell_lex_warn(parser *p, const char *key, const char *fmt, ...)
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
void shell_lex_drop_warnings(parser *p, int n_warnings, int n_warned)
{
	while (p->warnings && *p->n_warnings > n_warnings)
		free((*p->warnings)[--*p->n_warnings]);
	while (*p->n_warned > n_warned)
		free((*p->warned)[--*p->n_warned]);
}

/* A construct outside the subset whose fallback is "expands to nothing". */
static void warn_expansion(parser *p, const char *what)
{
	shell_lex_warn(p, what, "%s is outside podsim's shell subset; it expands to the empty "
		       "string", what);
}

void shell_lex_syntax_error(parser *p, const char *fmt, const char *arg)
{
	if (!p->error)
		p->error = xasprintf(fmt, arg);
	if (p->tok == T_WORD)
		shell_lex_word_free(&p->word);
	p->tok = T_EOF;
	p->pos = strlen(p->s);
}

void shell_lex_abandon(parser *p, const char *what)
{
	if (!p->abandon)
		p->abandon = what;
	if (p->tok == T_WORD)
		shell_lex_word_free(&p->word);
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
		shell_lex_syntax_error(p, "syntax error: unterminated %s", "$(");
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
			shell_lex_syntax_error(p, "syntax error: missing %s", "}");
			return;
		}
		bool name = k > j && (isalpha((unsigned char)s[j]) || s[j] == '_');
		for (size_t m = j; m < k && name; m++)
			name = isalnum((unsigned char)s[m]) || s[m] == '_';
		if (name)
			shell_lex_add_part(w, s + j, k - j, quoted, true);
		else
			warn_expansion(p, "parameter expansion ${...}");
		p->pos = k + 1;
	} else if (isalpha((unsigned char)s[i]) || s[i] == '_') {
		size_t j = i;
		while (isalnum((unsigned char)s[j]) || s[j] == '_')
			j++;
		shell_lex_add_part(w, s + i, j - i, quoted, true);
		p->pos = j;
	} else if (s[i] && strchr("?$!#@*-0123456789", s[i])) {
		shell_lex_add_part(w, s + i, 1, quoted, true);
		p->pos = i + 1;
	} else {
		shell_lex_add_part(w, "$", 1, quoted, false);
	}
}

static void lex_backquote(parser *p)
{
	const char *end = strchr(p->s + p->pos, '`');
	if (!end) {
		shell_lex_syntax_error(p, "syntax error: unterminated %s", "`");
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
			shell_lex_syntax_error(p, "syntax error: %s", "unterminated quoted string");
			return;
		}
		p->pos++;
		if (c == '"')
			return;
		if (c == '\\' && s[p->pos] && strchr("$`\"\\\n", s[p->pos])) {
			if (s[p->pos] != '\n')
				shell_lex_add_part(w, s + p->pos, 1, true, false);
			p->pos++;
		} else if (c == '$') {
			lex_dollar(p, w, true);
		} else if (c == '`') {
			lex_backquote(p);
		} else {
			shell_lex_add_part(w, &c, 1, true, false);
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
				shell_lex_add_part(&w, s + p->pos, 1, true, false);
				p->pos++;
			}
		} else if (c == '\'') {
			const char *end = strchr(s + p->pos, '\'');
			if (!end) {
				shell_lex_syntax_error(p, "syntax error: %s",
						       "unterminated quoted string");
				break;
			}
			shell_lex_add_part(&w, s + p->pos, (size_t)(end - s) - p->pos, true, false);
			if (end == s + p->pos) /* '' is an empty word, not nothing */
				shell_lex_add_part(&w, "", 0, true, false);
			p->pos = (size_t)(end - s) + 1;
		} else if (c == '"') {
			size_t before = (size_t)w.n;
			lex_double(p, &w);
			if ((size_t)w.n == before)
				shell_lex_add_part(&w, "", 0, true, false);
		} else if (c == '$') {
			lex_dollar(p, &w, false);
		} else if (c == '`') {
			lex_backquote(p);
		} else {
			shell_lex_add_part(&w, &c, 1, false, false);
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

void shell_lex_next(parser *p)
{
	const char *s = p->s;
	if (p->tok == T_WORD)
		shell_lex_word_free(&p->word);
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
	p->tok_pos = p->pos;
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
sword shell_lex_take_word(parser *p)
{
	assert(p->tok == T_WORD);
	sword w = p->word;
	p->word = (sword){ 0 };
	p->tok = T_EOF;
	shell_lex_next(p);
	return w;
}

bool shell_lex_at_word(parser *p, const char *s)
{
	return p->tok == T_WORD && shell_lex_word_is(&p->word, s);
}

void shell_lex_skip_newlines(parser *p)
{
	while (p->tok == T_NEWLINE)
		shell_lex_next(p);
}

void shell_lex_expect(parser *p, const char *word)
{
	shell_lex_skip_newlines(p);
	if (shell_lex_at_word(p, word))
		shell_lex_next(p);
	else if (!p->error && !p->abandon)
		shell_lex_syntax_error(p, "syntax error: missing \"%s\"", word);
}
