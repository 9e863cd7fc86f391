/* node.h - the state one node's kubelet keeps, shared by the kubelet modules.
 *
 * Layout follows kubelet-semantics.md section 9: per node the PLEG relist
 * and syncTicker phases, the backoff objects, the image cache and puller;
 * per pod the worker state, the status manager's cached status and the
 * sandbox; per container name its runtime instances (oldest first), the
 * reason cache entry and its probe workers.  Only kubelet modules (runtime,
 * images, pleg, podworker, kuberuntime, status, prober, kubelet) include
 * this header; printers see nothing but api.h.
 */
#ifndef NODE_H
#define NODE_H

#include "api.h"
#include "apiserver.h"
#include "backoff.h"
#include "behavior.h"
#include "engine.h"
#include "recorder.h"
#include "rng.h"
#include "scenario.h"

typedef struct world world;
typedef struct node node;
typedef struct kpod kpod;
typedef struct kctr kctr;
typedef struct probe_worker probe_worker;

/* Header of a short-lived object that must not outlive the run (a kill in
 * progress, a status patch in flight): world_alloc links it so that the
 * end of the run can free whatever is still pending. */
typedef struct world_obj {
	struct world_obj *prev, *next;
	void (*dtor)(void *obj); /* extra cleanup before free, may be NULL */
} world_obj;

/* Everything a run shares. */
struct world {
	engine *eng;
	apiserver *api;
	recorder *rec;
	const scenario *sc;
	const kubelet_settings *ks;
	uint64_t seed;
	int64_t epoch_unix;
	int version_minor;
	bool explain;      /* build --explain texts (they cost a formatted line per sync) */
	char **warnings; int n_warnings; /* owned */
	world_obj live;                  /* list head of world_alloc objects */
	struct faults_journal *journal;  /* borrowed: processes' ground truth for metrics, or NULL */
};

/* Exact shortcuts - probe workers sleeping through inert ticks, quiet
 * resyncs reusing the cached status - on (default) or off (the reference
 * run they are proven against: tests, make bench).  Must not change a byte
 * of any output. */
extern bool podsim_shortcuts;

void world_init_objs(world *w);
/* A zeroed object of size bytes whose first member is a world_obj. */
void *world_alloc(world *w, size_t size, void (*dtor)(void *obj));
void world_free(void *obj);
/* Free every object still linked (end of run). */
void world_free_all(world *w);

/* ---- container runtime (CRI) ------------------------------------------ */

/* Runtime state of one container instance.
 *
 *   CREATED --start--> RUNNING --process exits / stop--> EXITED
 *      \______________ start failed ____________________/
 */
typedef enum { INST_CREATED, INST_RUNNING, INST_EXITED } inst_state;

typedef struct container_instance {
	kctr *c;
	int index;            /* 0-based creation order within the container name */
	char id[72];          /* 64 hex digits */
	int restart_count;    /* label written at creation */
	const char *image;    /* the spec's image at creation (its spec hash label) */
	inst_state state;
	simtime_t created, started, finished; /* -1 unset */
	int exit_code;
	int signal;
	char reason[32];      /* Completed / Error / OOMKilled / StartError */
	behavior_proc *proc;  /* NULL once exited */
	shell_fs *fs;         /* its filesystem, volumes mounted; NULL once exited */
	char *message;        /* termination message read at exit (owned), or NULL */
	char **log; int n_log; /* the process's output, kept after it exited */
	engine_timer proc_timer;  /* the process's next own action */
	/* an in-flight StopContainer */
	bool stopping;
	engine_timer kill_timer;  /* SIGKILL at the end of the grace period */
	void (*on_stopped)(void *ctx);
	void *on_stopped_ctx;
} container_instance;

/* What one instance looked like at a given instant (the PLEG cache view). */
typedef enum { SNAP_NONE, SNAP_CREATED, SNAP_RUNNING, SNAP_EXITED } snap_state;

/* ---- probes ------------------------------------------------------------ */

typedef enum { PROBE_LIVENESS, PROBE_READINESS, PROBE_STARTUP } probe_type;
typedef enum { RESULT_UNKNOWN = 0, RESULT_SUCCESS, RESULT_FAILURE } probe_result;

struct probe_worker {
	kpod *p;
	kctr *c;
	probe_type type;
	const probe_spec *spec;
	simtime_t created;         /* T0: ticks at created + k*period (until a reset) */
	engine_timer tick;
	engine_timer done;         /* completion of an in-flight probe */
	engine_timer manual;       /* readiness manual trigger (manualTriggerCh) */
	bool in_flight, tick_buffered;
	bool stopped;
	char last_id[72];          /* container ID last seen */
	uint64_t seen_gen;         /* status generation at which last_id was checked */
	container_instance *inst;  /* the runtime instance of last_id, if known */
	bool on_hold;
	probe_result last_result;  /* counter state */
	int result_run;
	probe_result stored;       /* results manager value for last_id */
	bool has_stored;
	/* in-flight probe outcome */
	probe_result pending_result;
	simtime_t pending_at;      /* the tick that started the in-flight probe */
	bool pending_error;
	bool pending_warning;      /* success with a ProbeWarning (unfollowed redirect) */
	char *pending_output;      /* API_MSG_LEN bytes, allocated at the first failure or warning */
	/* the ticks of the current run of equal results (for --explain) */
	simtime_t run_ticks[8]; int n_run_ticks;
	/* probes run against the current container (prober_runs adds the
	 * inert ticks a sleeping worker skipped) */
	int runs;
	simtime_t first_run, last_run;
	/* skipping inert ticks (prober.c): ticks are at grid_base + k*period */
	simtime_t grid_base;
	bool stable;               /* the last probe's answer is a function of time */
	simtime_t stable_until;    /* ... unchanged before this instant */
	bool sleeping;             /* ticks after sleep_from are skipped until woken */
	simtime_t sleep_from;
};

/* ---- one container name of a pod --------------------------------------- */

struct kctr {
	kpod *p;
	const container_spec *spec;
	behavior_program *prog;
	behavior_program **retired; int n_retired; /* of replaced specs (an older
						      instance may still run one) */
	rng_stream *rng;           /* behaviour draws, pull times */
	/* the instances the runtime still has, oldest first (runtime.c keeps
	 * the newest RUNTIME_KEEP); n_created counts all ever created */
	container_instance **inst; int n_inst, cap_inst;
	int n_created;
	int gc_upto;               /* instances whose index is below were removed */
	simtime_t gc_created;      /* creation of the newest one removed */
	/* reason cache: error of the last start attempt ("" = none) */
	char start_err[API_REASON_LEN];
	char start_msg[API_MSG_LEN];
	char *backoff_key;         /* getStableKey, exact size; owned */
	/* the status's image and imageID, which depend on the instance's image
	 * only: made at the first status with an instance of that image (status.c) */
	char *image_norm, *image_id; /* owned; NULL until then */
	const char *image_of;        /* the image they were made for */
	probe_worker *workers[3];  /* by probe_type; NULL if no such probe */
	int first_live;            /* instances whose index is below were purged */
};

/* ---- pod worker -------------------------------------------------------- */

typedef enum {
	PW_IDLE,       /* nothing running, maybe a due time in the work queue */
	PW_WAIT_CACHE, /* GetNewerThan: waiting for a relist newer than last sync */
	PW_SYNCING     /* a sync's actions are in progress */
} pw_state;

typedef struct podworker {
	pw_state state;
	bool pending;            /* an update arrived while busy */
	simtime_t last_sync_end; /* lastSyncTime; -1 before the first sync */
	simtime_t due;           /* work queue entry, -1 none */
	engine_timer tick_timer; /* the syncTicker tick that will pick up due */
	engine_timer cache_timer;/* end of the GetNewerThan wait */
} podworker;

/* A pod's --explain texts, allocated only with --explain (1 KB per pod
 * that nothing else reads). */
typedef struct kpod_why {
	char pending[API_MSG_LEN]; /* pod worker: what asked for the pending sync */
	char sync[API_MSG_LEN];    /* pod worker: what triggered the running sync */
	char patch[API_MSG_LEN * 2]; /* explanation attached to the next status patch */
} kpod_why;

/* ---- the kubelet's view of one pod -------------------------------------- */

/* What the kubelet keeps of the pod as last seen from the API: the object
 * reference its events involve, the deletion fields, and the conditions
 * other clients set (readiness gates; kpod embedded a whole api_pod, whose
 * 2.2 KB status nothing else read). */
struct kpod_meta {
	char name[API_NAME_LEN];
	char namespace[API_NAME_LEN];
	char uid[40];
	simtime_t deletion_timestamp;          /* -1 unset */
	int64_t deletion_grace_period_seconds; /* -1 unset */
	/* owned; NULL until another client patches the status (a setCondition
	 * action): only its extra conditions are used */
	api_pod_status *seen_status;
};

typedef enum { POD_ACTIVE, POD_TERMINATING, POD_TERMINATED, POD_GONE } pod_lifecycle;

struct kpod {
	node *n;
	const pod_spec *spec;
	const pod_spec *next_spec; /* an update seen, for the next sync; or NULL */
	kpod_meta meta;          /* metadata as last seen from the API */
	rng_stream *rng;         /* worker jitter */
	kctr *ctrs; int n_ctrs;  /* init containers first, then regular, spec order */
	int n_init;
	/* sandbox */
	bool sandbox_exists;
	int sandbox_attempt;
	simtime_t sandbox_created, sandbox_stopped;
	char pod_ip[32];
	podworker w;
	engine_timer pleg_timer;  /* relist that will report this pod's changes */
	simtime_t pleg_more;      /* a later relist still owes a delivery, or -1 */
	/* status manager */
	api_pod_status status;   /* cached status */
	bool has_status;
	uint64_t status_gen;     /* bumped whenever the cached status changes */
	simtime_t last_patch_event; /* watch delivery order */
	simtime_t start_time;
	bool probes_added;
	bool volumes_mounted;    /* WaitForAttachAndMount done (first sync) */
	shell_fs **volumes;      /* per spec volume: its emptyDir (runtime.c), else NULL */
	/* quiet resyncs (kubelet.c): the last full sync decided nothing and
	 * nothing it read has changed since */
	bool dirty;              /* an input of status or actions changed */
	bool quiet;              /* the last full sync computed no action, no error */
	uint64_t quiet_gen;      /* status_gen when it ended */
	pod_lifecycle life;
	bool terminal;           /* worker considers the pod terminal */
	bool deadline_exceeded;
	/* the sync currently executing (kubelet.c) */
	struct sync_run *run;
	engine_timer deadline_timer;
	kpod_why *why;           /* --explain texts; NULL without --explain */
};

struct node {
	world *w;
	char name[API_NAME_LEN];
	char ip[32];
	rng_stream *rng;
	simtime_t relist_phase, relist_period, relist_duration;
	simtime_t ticker_phase;
	simtime_t kubelet_start;
	backoff *crash_backoff, *image_backoff;
	/* the last backoff durations put in words (a refused restart of a
	 * crash-looping pod, every sync): slot d % 8, valid when set */
	struct { simtime_t d; bool set; char text[32]; } backoff_texts[8];
	/* image cache and serial puller */
	char **images; int n_images, cap_images;
	struct pull_req *pull_queue, *pull_tail;
	bool puller_busy;
	engine_timer puller_timer;
	kpod **pods; int n_pods, cap_pods;
	int next_ip;
	uint32_t next_worker_rank; /* probe workers' tick rank, in creation order */
};

#endif
