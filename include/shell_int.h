/* shell_int.h - internals shared by the five files of the shell module.
 *
 * shell_lex.c turns a script's text into tokens and words, shell.c parses
 * them into the code below, shellrun.c interprets it (threads, jumps, traps,
 * signals, expansion, redirections), shellcmd.c holds the builtins and
 * shell_fs.c the in-memory filesystem.  Only those five files include this header;
 * everything else uses shell.h.
 */
#ifndef SHELL_INT_H
#define SHELL_INT_H

#include "shell.h"

/* ---- compiled script (immutable after parsing) ------------------------ */

/* A piece of a word: literal text (quoted or not) or a variable name. */
typedef struct wpart {
	char *text; /* owned */
	bool quoted;
	bool var;
	size_t len, cap; /* strlen(text) and its allocation, for appending */
} wpart;

typedef struct sword {
	wpart *parts; /* owned */
	int n;
} sword;

enum { RD_TRUNC, RD_APPEND, RD_DUP };
typedef struct redir {
	int fd;       /* 1 or 2 (others are ignored) */
	int kind;     /* RD_TRUNC (>), RD_APPEND (>>), RD_DUP (N>&M) */
	int dupfd;    /* RD_DUP: M */
	sword target; /* RD_TRUNC/RD_APPEND: the file */
} redir;

typedef struct scmd {
	sword *words; int n_words;
	char **assign_names; sword *assign_vals; int n_assign; /* NAME=value prefixes */
	redir *redirs; int n_redirs;
	int trap_pc;  /* `trap 'BODY' ...`: first op of the compiled body, else -1 */
	bool unknown; /* a construct outside the subset (pipeline, case, ...) */
	char *forvar; /* OP_FOR_INIT: the loop variable; words are the list */
} scmd;

enum opcode {
	OP_NOP,      /* placeholder that becomes OP_SPAWN when `&` follows */
	OP_CMD,      /* run cmds[arg] */
	OP_JMP,      /* pc = arg */
	OP_JZ,       /* if status == 0: pc = arg */
	OP_JNZ,      /* if status != 0: pc = arg */
	OP_NOT,      /* status = !status */
	OP_SPAWN,    /* start a thread at pc + 1; continue at arg */
	OP_END,      /* the thread ends with its status */
	OP_RETURN,   /* end of a trap body */
	OP_FOR_INIT, /* push a loop frame over cmds[arg].words */
	OP_FOR_NEXT, /* next value into the variable, or pc = arg when done */
	OP_FOR_POP,  /* pop the loop frame */
	OP_STATUS0   /* status = 0 */
};

typedef struct op {
	int code;
	int arg;
} op;

struct shell_script {
	op *ops; int n_ops, cap_ops;
	scmd *cmds; int n_cmds, cap_cmds;
};

/* ---- parsing (shell_lex.c and shell.c) -------------------------------- */

/* The parser recurses once per nested compound command ({ }, ( ), if,
 * while, until, for) and literal trap action.  Deeper nesting than this is a
 * syntax error, as it is for bash (dash has no limit, but podsim must not
 * overflow its own stack on a fuzzed or generated script). */
enum { SHELL_MAX_DEPTH = 200 };

/* Tokens; T_LESS is input redirection "<", T_DSEMI is ";;" (ends a case arm). */
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

/* One parse: the lexer's position and current token, the script being built,
 * the loops open and the first error.  A literal trap action is parsed by a
 * copy with its own text that shares the script and the warnings. */
typedef struct parser {
	const char *s;
	size_t pos;
	size_t tok_pos;  /* where the current token starts in s */
	int depth;       /* compound commands and trap actions open (SHELL_MAX_DEPTH) */
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

/* Words under construction.  add_part merges adjacent literal text of the
 * same quoting; word_static gives the word's text in buf if it has no
 * expansions (and fits), else NULL; word_is is true if the word is plain
 * unquoted text equal to s (a reserved word such as "do"). */
void shell_lex_word_free(sword *w);
void shell_lex_add_part(sword *w, const char *text, size_t len, bool quoted, bool var);
const char *shell_lex_word_static(const sword *w, char *buf, size_t len);
bool shell_lex_word_is(const sword *w, const char *s);

/* A warning, given once per key (the text is prefixed with p->prefix). */
void shell_lex_warn(parser *p, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Forget the warnings given since the counts were n_warnings, n_warned. */
void shell_lex_drop_warnings(parser *p, int n_warnings, int n_warned);
/* Record the first syntax error (fmt with one %s) and end the token stream. */
void shell_lex_syntax_error(parser *p, const char *fmt, const char *arg);
/* Record the first construct that makes the whole script unknown (what is a
 * plural such as "case statements") and end the token stream. */
void shell_lex_abandon(parser *p, const char *what);

/* Read the next token into p->tok (and p->word or p->rd); frees the
 * current word if it was not taken. */
void shell_lex_next(parser *p);
/* Take the current word (ownership passes to the caller) and advance. */
sword shell_lex_take_word(parser *p);
/* True if the current token is the reserved word s. */
bool shell_lex_at_word(parser *p, const char *s);
void shell_lex_skip_newlines(parser *p);
/* Skip newlines, then consume the reserved word, or give a syntax error. */
void shell_lex_expect(parser *p, const char *word);

/* ---- a run ------------------------------------------------------------- */

typedef struct forframe {
	char **words; /* owned */
	int n, i;
	int cmd;      /* the OP_FOR_INIT command (variable name) */
} forframe;

/*
 * A thread of a run: the main script or one `&` job.
 *
 *   READY --sleep--> SLEEP --time--> READY      READY --end/exit--> DONE
 *   READY --wait---> WAIT --jobs done / trapped SIGTERM--> READY
 *   READY --unknown cmd / sleep infinity--> BLOCK --SIGTERM (unknown)--> READY
 *   READY --10000 ops without blocking--> SPIN --trapped SIGTERM--> READY
 */
typedef enum { TH_READY, TH_SLEEP, TH_WAIT, TH_BLOCK, TH_SPIN, TH_DONE } th_state;

typedef struct frame { int pc, status; } frame;

typedef struct thread {
	bool main;
	int pc;
	th_state st;
	simtime_t wake;     /* TH_SLEEP */
	bool block_unknown; /* TH_BLOCK because of an unknown command */
	bool exit_pending;  /* `exit` or `exec`: end once the command is done */
	int status;         /* $? */
	long budget;        /* ops left before it counts as a busy loop (shellrun.c) */
	forframe *ff; int n_ff, cap_ff;
	frame *calls; int n_calls, cap_calls; /* trap bodies being run (main only) */
} thread;

struct shell_run {
	const shell_script *s;
	shell_fs *fs;   /* borrowed */
	shell_out *out; /* borrowed */
	int64_t epoch_unix;
	simtime_t now;
	bool exec_mode; /* probe/hook: unknown commands exit 0 */
	thread **th;    /* th[0] is the main thread; owned */
	int n_th, cap_th;
	int n_live;     /* threads not TH_DONE */
	char **vnames, **vvals; /* owned */
	int n_vars, cap_vars;
	char *cwd;      /* owned */
	int trap_term;  /* pc of the TERM trap body; TRAP_NONE / TRAP_IGNORE */
	int trap_exit;  /* pc of the EXIT trap body or TRAP_NONE */
	bool term_seen, term_pending, in_exit_trap;
	int exit_trap_status;
	int jobs_started;
	bool done;
	int exit_status;
	simtime_t exit_at;
};
enum { TRAP_NONE = -1, TRAP_IGNORE = -2 };

/* ---- helpers shared between the files ---------------------------------- */

typedef struct strbuf {
	char *s; /* owned, NUL-terminated once something was added */
	size_t n, cap;
} strbuf;
/* Append n bytes to the NUL-terminated text *s of length *len in an
 * allocation of *cap bytes, doubling it when full (every buffer of the module
 * that grows by appends: words, files, output lines, strbuf). */
void shellcmd_append(char **s, size_t *len, size_t *cap, const char *add, size_t n);
void shellcmd_puts(strbuf *b, const char *s);
void shellcmd_putn(strbuf *b, const char *s, size_t n);
void shellcmd_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Run builtin argv[0] in thread th.  Output goes to out/err.  Returns the
 * status; a blocking command (sleep, wait) changes th->st instead of
 * finishing.  An unknown name returns -1. */
int shellcmd_run(shell_run *r, thread *th, int argc, char **argv, strbuf *out, strbuf *err);

/* Linux's PATH_MAX: cd refuses a longer working directory (ENAMETOOLONG), which
 * bounds every path a script can make to it plus the length of one word. */
enum { SHELL_PATH_MAX = 4096 };
/* podsim's bounds on what a script can hold, so that one that doubles a
 * variable or a file in a loop (x=$x$x, cat f >> f) ends like a shell out of
 * memory or disk instead of exhausting the simulator's: a word or variable
 * value over SHELL_VALUE_MAX is "sh: out of memory" (the shell exits 2, as
 * ash does when an allocation fails) and the files of an instance hold at
 * most SHELL_FS_MAX bytes (a write past it fails with ENOSPC, status 1). */
enum { SHELL_VALUE_MAX = 1 << 20, SHELL_FS_MAX = 8 << 20 };
/* Absolute, normalised form of path relative to r->cwd (heap string). */
char *shellcmd_path(const shell_run *r, const char *path);

/* The filesystem (shell_fs.c).  Paths are absolute and normalised; each is
 * resolved through the mounts first. */
/* Absolute, normalised form of path relative to cwd (heap string). */
char *shell_fs_path(const char *cwd, const char *path);
/* What is at path; for a file, *data (NULL when empty) and *len if data is
 * not NULL.  The bytes stay valid until the next change to the file. */
int shell_fs_lookup(const shell_fs *fs, const char *path, const char **data, size_t *len);
/* Write text to a file (created, parents implied); append or replace.
 * Returns 0, -1 if path is a directory, -2 (ENOSPC, nothing written) if the
 * files of the instance would hold more than SHELL_FS_MAX bytes. */
int shell_fs_write(shell_fs *fs, const char *path, const char *text, size_t len, bool append);
/* A directory and its parents (nothing if it exists). */
void shell_fs_mkdir(shell_fs *fs, const char *path);
/* Remove path and everything below it ("/" itself stays). */
void shell_fs_remove(shell_fs *fs, const char *path);
/* fn(path, ctx) for every path visible in fs, mounted volumes at their mount
 * points, in no particular order. */
void shell_fs_each(const shell_fs *fs, void (*fn)(const char *path, void *ctx), void *ctx);
/* Paths matching the glob pattern (absolute or relative to r->cwd), sorted;
 * returns the count, 0 if nothing matches. */
int shellcmd_glob(const shell_run *r, const char *pattern, char ***out);

/* Set a shell variable (value copied). */
void shell_run_setvar(shell_run *r, const char *name, const char *value);
const char *shell_run_getvar(const shell_run *r, const char *name);

#endif
