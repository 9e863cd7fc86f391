/* behavior.h - what a container's process does, in virtual time.
 *
 * A behavior_program is compiled once per container spec from (in order of
 * precedence) the Simulation document's behaviour overrides, the container's
 * command/args when they run a shell or a builtin of the documented subset,
 * and the image catalogue.  A behavior_proc is one running instance of it
 * (one per container instance; its files vanish with it).
 *
 * The process is a passive object driven by the runtime: the runtime asks
 * for the next instant at which the process will act on its own
 * (behavior_proc_next_wakeup), advances it to that instant
 * (behavior_proc_advance) and reads whether it exited.  Signals, probes and
 * hooks are calls made at a given virtual instant.  The module never
 * schedules events itself, so it can be unit-tested without the engine.
 */
#ifndef BEHAVIOR_H
#define BEHAVIOR_H

#include "podsim.h"
#include "rng.h"
#include "shell.h"
#include "spec.h"

typedef struct behavior_program behavior_program;
typedef struct behavior_proc behavior_proc;

/* Compile the program of container c of pod p.  overrides/catalogue come from
 * the scenario.  Warnings (shell constructs outside the subset, unknown image
 * assumed to be a long-running server, ...) are appended to *warnings as
 * heap strings prefixed with the container's file:line:col; one equal to a
 * warning already in *warnings is not added again.  Never fails: something
 * outside the subset becomes a documented fallback plus a warning. */
behavior_program *behavior_compile(const pod_spec *p, const container_spec *c,
				   const behavior_spec *overrides, int n_overrides,
				   const behavior_spec *catalogue, int n_catalogue,
				   char ***warnings, int *n_warnings);
void behavior_program_free(behavior_program *prog);
/* Record every instance of prog (start, end of startup, first signal, exit,
 * fault windows) in j, which must outlive the instances.  Without a journal
 * nothing is recorded. */
struct faults_journal;
void behavior_program_set_journal(behavior_program *prog, struct faults_journal *j);
/* One line describing what the program does, for --explain and describe. */
const char *behavior_program_summary(const behavior_program *prog);

/* Start an instance at virtual time now in the filesystem fs (the instance's,
 * borrowed: it must outlive the process).  epoch_unix is the wall-clock second
 * of virtual time 0 (for `date`).  The stream supplies random durations. */
behavior_proc *behavior_proc_start(const behavior_program *prog, shell_fs *fs, simtime_t now,
				   int64_t epoch_unix, rng_stream *rng);
void behavior_proc_free(behavior_proc *p);

/* The next instant the process does something by itself (finishes a sleep,
 * exits), or SIMTIME_NEVER.  Never earlier than the last advance. */
simtime_t behavior_proc_next_wakeup(const behavior_proc *p);
/* Run everything due at or before now. */
void behavior_proc_advance(behavior_proc *p, simtime_t now);

typedef struct proc_exit {
	bool exited;
	int exit_code;  /* 0..255; 137 for SIGKILL, 143 for unhandled SIGTERM */
	int signal;     /* signal that killed it, 0 if it exited by itself */
	bool oom_killed;
	simtime_t at;   /* when it exited */
} proc_exit;
proc_exit behavior_proc_status(const behavior_proc *p);

enum { SIG_TERM = 15, SIG_KILL = 9 };
/* Deliver a signal at now.  SIGKILL ends it at once (exit 137).  SIGTERM
 * follows PID 1 semantics: ignored without a handler (a shell without a
 * trap), a trap runs once the foreground command finishes (at once when the
 * shell is in `wait`), servers exit after their configured delay.  After the
 * call behavior_proc_next_wakeup reflects the reaction. */
void behavior_proc_signal(behavior_proc *p, int signo, simtime_t now);

/* Probe and hook handlers against the running process at virtual time now.
 * latency receives how long the answer took (the caller compares it with the
 * timeout).  Side effects (files created by an exec) apply immediately. */
typedef enum { NET_OK, NET_REFUSED } net_result;
net_result behavior_http_get(behavior_proc *p, int port, const char *path, simtime_t now,
			     int *status, const char **body, simtime_t *latency);
/* The Location header of the last HTTP answer (a redirect step), or NULL. */
const char *behavior_http_location(const behavior_proc *p);
net_result behavior_tcp_connect(behavior_proc *p, int port, simtime_t now, simtime_t *latency);
net_result behavior_grpc_check(behavior_proc *p, int port, const char *service, simtime_t now,
			       bool *serving, simtime_t *latency);
/* Run argv inside the container (exec probe, exec hook).  Returns the exit
 * code; output (stdout+stderr, at most outlen-1 bytes, NUL-terminated) and
 * latency are filled in.  Unsupported commands return 126 with a message. */
int behavior_exec(behavior_proc *p, char *const *argv, int argc, simtime_t now,
		  char *output, size_t outlen, simtime_t *latency);

/* Whether a probe answer (kind HANDLER_HTTP_GET, _TCP_SOCKET or _GRPC on
 * port/path) is a deterministic function of time - no random latency to
 * draw - and if so the first instant >= now at which it may differ from
 * the answer at now (a response step, listenAfter, the process's own next
 * action), or SIMTIME_NEVER.  Conservative: may report a change that does
 * not happen, never misses one. */
bool behavior_answer_stable(behavior_proc *p, int kind, int port, const char *path,
			    simtime_t now, simtime_t *until);

/* Lines the process wrote to stdout (echo, date), oldest first. */
int behavior_proc_log(const behavior_proc *p, const char *const **lines);
/* What it wrote after its last newline: *len bytes (0 and NULL if nothing). */
const char *behavior_proc_log_partial(const behavior_proc *p, size_t *len);
/* True once it exited with an unterminated last line (containerd logs it as
 * a partial entry: a reader of the log gets no newline after it). */
bool behavior_proc_log_cut(const behavior_proc *p);

#endif
