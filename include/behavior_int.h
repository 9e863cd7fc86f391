/* behavior_int.h - the layout of a behavior_program, shared by behavior.c
 * (which compiles it) and behavior_proc.c (which runs instances of it).
 * Private to those two files. */
#ifndef BEHAVIOR_INT_H
#define BEHAVIOR_INT_H

#include "behavior.h"
#include "faults.h"
#include "shell.h"

typedef enum {
	TERM_SHELL,  /* PID 1 shell rules (shellrun.c) */
	TERM_IGNORE, /* keeps running until SIGKILL */
	TERM_EXIT    /* exits with term_exit after term_delay */
} term_mode;

/* An exec handler of the container, compiled once. */
typedef struct exec_entry {
	char **argv; /* owned copy, the lookup key */
	int argc;
	shell_script *s; /* owned */
	bool stops_main; /* it stops the main program (`nginx -s quit`, `killall nginx`) */
} exec_entry;

struct behavior_program {
	char *summary;        /* owned */
	shell_script *script; /* owned; NULL: a process without a script */
	bool has_run_time;
	dist_spec run_time;
	bool has_exit_code;
	int exit_code;
	bool oom;
	term_mode term;
	int term_exit;
	dist_spec term_delay;
	endpoint_spec *endpoints; /* array owned; paths and steps borrowed from the scenario */
	int n_endpoints;
	exec_entry *execs; /* owned */
	int n_execs;
	bool has_startup;
	dist_spec startup;
	fault_spec faults[BEHAVIOR_MAX_FAULTS];
	int n_faults;
	int n_times;          /* per instance: each endpoint's listen time and its steps' */
	bool own_stream;      /* some instance time is drawn, or there are faults */
	simtime_t *times;     /* owned: the times of every instance when none is drawn */
	const pod_spec *pod;  /* borrowed, for the journal */
	const container_spec *ctr;
	faults_journal *journal; /* borrowed; NULL = nothing recorded */
};

/* The script argv runs, if it is a shell invocation or a builtin; else NULL.
 * In SHELL_EXEC mode anything else becomes a one-command script too.
 * Warnings go to *warnings prefixed with prefix. */
shell_script *behavior_script_for(char *const *argv, int argc, shell_mode mode, const char *prefix,
				   char ***warnings, int *n_warnings);
/* *x becomes c with $(VAR) references of command and args expanded
 * (behavior_env.c); notes for values podsim does not know go to *warnings
 * prefixed with prefix.  Free with behavior_env_free. */
void behavior_env_expand(const container_spec *c, container_spec *x, const char *prefix,
			 char ***warnings, int *n_warnings);
void behavior_env_free(container_spec *x);
/* The startup uptime and, into t (prog->n_times entries), each endpoint's
 * listen uptime then its steps' afters; rng may be NULL if nothing is drawn. */
simtime_t behavior_fill_times(const behavior_program *prog, rng_stream *rng, simtime_t *t);

#endif
