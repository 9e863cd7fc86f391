/* shell.h - the `sh -c` subset that container commands, exec probes and hooks run.
 *
 * A shell_script is parsed once (behavior_compile) and is immutable; a
 * shell_run is one execution of it in virtual time, driven like a
 * behavior_proc: next_wakeup / advance / sigterm.  Runs share a shell_fs (the
 * container instance's in-memory filesystem) and write their output into a
 * shell_out.  Nothing here schedules events or reads the wall clock.
 *
 * Usage notes for behavior.c:
 *  - a main run (SHELL_MAIN) blocks on `sleep`, `wait` and on commands outside
 *    the subset ("runs until signalled"); an exec run (shell_exec) never
 *    blocks: sleeps add to the returned latency, unknown commands exit 0;
 *  - warnings are heap strings "PREFIX" + text, appended to the caller's list.
 */
#ifndef SHELL_H
#define SHELL_H

#include "podsim.h"

typedef struct shell_script shell_script;
typedef struct shell_fs shell_fs;
typedef struct shell_run shell_run;

/* Where a script runs; changes only what unknown commands do (and what the
 * warnings say about them). */
typedef enum {
	SHELL_MAIN, /* the container's own process: unknown commands run until signalled */
	SHELL_EXEC  /* exec probe or hook: unknown commands exit 0 at once */
} shell_mode;

/* Output lines of a run (stdout and stderr interleaved).  Caller-allocated:
 * shell_out_init / shell_out_release.  At most SHELL_OUT_MAX lines are kept;
 * later ones are counted in dropped.  A line is kept up to SHELL_OUT_LINE_MAX
 * bytes (the kubelet rotates a container's log file at containerLogMaxSize,
 * 10 MiB by default, and kubectl logs shows only the current file): this
 * bounds the memory of a process that writes without ever ending its line. */
enum { SHELL_OUT_MAX = 10000, SHELL_OUT_LINE_MAX = 10 << 20 };
typedef struct shell_out {
	char **lines; /* owned, complete lines without '\n' */
	int n, cap;
	char *partial; /* owned: text after the last '\n' (NUL-terminated), or NULL if none */
	size_t partial_len, partial_cap; /* grown geometrically */
	long dropped;
} shell_out;
void shell_out_init(shell_out *o);
void shell_out_release(shell_out *o);
/* Append raw text (may contain several lines). */
void shell_out_write(shell_out *o, const char *text);
/* Join every line (and the partial one) with '\n' into buf (truncating). */
void shell_out_join(const shell_out *o, char *buf, size_t len);

/* ---- parsing ---------------------------------------------------------- */

/* Parse a script.  Never fails: a syntax error gives a script that prints
 * the error and exits 2 (what sh does), constructs outside the subset give a
 * warning each (prefixed with prefix) and their documented fallback. */
shell_script *shell_parse(const char *text, shell_mode mode, const char *prefix,
			  char ***warnings, int *n_warnings);
/* A one-command script from an exec-form argv (words taken literally). */
shell_script *shell_from_argv(char *const *argv, int argc, shell_mode mode, const char *prefix,
			      char ***warnings, int *n_warnings);
void shell_script_free(shell_script *s);
/* True if name (or its basename, for "/bin/sleep") is a command of the subset. */
bool shell_is_builtin(const char *name);

/* ---- filesystem ------------------------------------------------------- */

/* An instance's filesystem: starts with the usual top-level directories of
 * a Linux image (/, /tmp, /etc, /var, ...); owned by the caller. */
shell_fs *shell_fs_new(void);
void shell_fs_free(shell_fs *fs);
enum { SHELL_FS_NONE = 0, SHELL_FS_FILE, SHELL_FS_DIR };
/* What is at path (absolute): SHELL_FS_NONE, _FILE or _DIR. */
int shell_fs_stat(const shell_fs *fs, const char *path);
/* The bytes of the file at path (made absolute and normalised first; *len of
 * them, not NUL-terminated), or NULL if there is no file there. */
const char *shell_fs_read(const shell_fs *fs, const char *path, size_t *len);
/* A volume's directory (an emptyDir): empty, to be mounted. */
shell_fs *shell_fs_new_volume(void);
/* Mount volume at mount_path in fs, showing its directory sub_path (NULL or
 * "" for its root; created if missing, as the kubelet creates a subPath).
 * The volume is borrowed: it must outlive fs; it has no mounts itself. */
void shell_fs_mount(shell_fs *fs, const char *mount_path, shell_fs *volume, const char *sub_path);

/* ---- running ---------------------------------------------------------- */

/* Start a run at now and execute everything due at now.  fs and out are
 * borrowed and must outlive the run.  epoch_unix is the wall-clock second of
 * virtual time 0 (for `date`). */
shell_run *shell_run_start(const shell_script *s, shell_fs *fs, shell_out *out,
			   int64_t epoch_unix, simtime_t now);
void shell_run_free(shell_run *r);
/* Next instant the run acts by itself, or SIMTIME_NEVER (also once done). */
simtime_t shell_run_next_wakeup(const shell_run *r);
/* Execute everything due at or before now (now never goes backwards). */
void shell_run_advance(shell_run *r, simtime_t now);
/* SIGTERM at now, PID 1 rules: without a TERM trap it is ignored (commands
 * outside the subset end with status 143); with one, the trap runs when the
 * foreground command finishes, at once if the shell is in `wait`.  A second
 * SIGTERM is ignored.  The run is advanced to now first. */
void shell_run_sigterm(shell_run *r, simtime_t now);
/* True once the shell has exited; *status (0..255) and *at are filled in. */
bool shell_run_done(const shell_run *r, int *status, simtime_t *at);

/* Run s to completion as an exec (probe or hook) started at now: returns the
 * exit status and sets *latency to the virtual time it took.  A run that
 * never finishes (`sleep infinity`, a busy loop, over an hour of sleeps or
 * 10000 wakeups of a sleep loop) gives status 137 and SIMTIME_NEVER.  Side
 * effects on fs apply at once, even those after a sleep longer than the
 * caller's timeout. */
int shell_exec(const shell_script *s, shell_fs *fs, shell_out *out, int64_t epoch_unix,
	       simtime_t now, simtime_t *latency);

#endif
