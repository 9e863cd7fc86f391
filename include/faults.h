/* faults.h - a process's faults in virtual time, and the journal of what processes did.
 *
 * A faults_timeline is the fault schedule of one container instance: for
 * each fault_spec of its behaviour, windows [onset, end) drawn lazily from
 * the fault's own random stream.  behavior.c owns one per instance and asks
 * it whether the process is hung or slow at an instant and when that may
 * change.  The faults_journal is the ground truth the metrics read (never
 * the kubelet): every instance's start, the end of its startup, the first
 * signal the runtime sent it, its exit, and every fault window drawn.
 */
#ifndef FAULTS_H
#define FAULTS_H

#include "podsim.h"
#include "rng.h"
#include "spec.h"

/* ---- the journal: ground truth, written by behavior.c, read by metrics.c -- */

typedef struct faults_instance {
	const pod_spec *pod;           /* borrowed from the scenario */
	const container_spec *ctr;     /* borrowed from the scenario */
	simtime_t start;               /* the process started */
	simtime_t serving;             /* startup over: endpoints listen, faults may begin */
	simtime_t signalled;           /* first signal from the runtime; SIMTIME_NEVER = none */
	int first_signal;              /* 15 (SIGTERM) or 9 (SIGKILL); 0 = none */
	bool healthy_when_signalled;   /* by its behaviour: not hung, no failing response */
	simtime_t exited;              /* SIMTIME_NEVER while it runs */
} faults_instance;

typedef struct faults_window {
	int instance;                  /* index into the journal's instances */
	fault_kind kind;
	simtime_t onset, end;          /* end == onset for a crash; SIMTIME_NEVER = no recovery */
} faults_window;

typedef struct faults_journal faults_journal;

faults_journal *faults_journal_new(void);
void faults_journal_free(faults_journal *j);
/* A new instance record; returns its index. */
int faults_journal_start(faults_journal *j, const pod_spec *pod, const container_spec *ctr,
			 simtime_t start, simtime_t serving);
/* Mutable record of instance i (valid until the next faults_journal_start). */
faults_instance *faults_journal_instance(faults_journal *j, int i);
/* A fault window of instance i (faults.c logs them as it draws them). */
void faults_journal_window(faults_journal *j, int i, fault_kind k, simtime_t onset,
			   simtime_t end);
/* Read-only views, in the order the records were made. */
int faults_journal_instances(const faults_journal *j, const faults_instance **out);
int faults_journal_windows(const faults_journal *j, const faults_window **out);

/* ---- the timeline of one instance ----------------------------------------- */

typedef struct faults_timeline faults_timeline;

/* Faults f[0..n) of an instance serving from `serving`.  Fault k draws from
 * stream "<name>/fault/<k>" seeded with seed; windows are logged in j (may
 * be NULL) under instance index inst. */
faults_timeline *faults_start(const fault_spec *f, int n, simtime_t serving, uint64_t seed,
			      const char *name, faults_journal *j, int inst);
void faults_free(faults_timeline *t);

typedef struct faults_now {
	bool hung;               /* some hang window holds now */
	bool slow;               /* some slow window holds now (and no hang) */
	simtime_t crash_at;      /* the first crash onset, SIMTIME_NEVER if none */
	int crash_code;
	simtime_t next_change;   /* first instant > now at which hung/slow may change */
} faults_now;

/* The state at now; now never goes back between calls. */
faults_now faults_at(faults_timeline *t, simtime_t now);
/* Latency added by the slow windows holding now, drawn from rng. */
simtime_t faults_extra_latency(faults_timeline *t, simtime_t now, rng_stream *rng);

#endif
