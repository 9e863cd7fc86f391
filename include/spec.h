/* spec.h - the scenario as plain C data: Pod specs after API defaulting, the
 * Simulation document's settings, behaviours, actions and the image catalogue.
 *
 * sim/scenario*.c fill these structs from YAML and are their only producers; every
 * other module reads them and never writes.  Strings are owned by the
 * scenario (freed by scenario_release).  Every object keeps the file, line and
 * column it came from so that later stages can still name the source in an
 * error message.
 */
#ifndef SPEC_H
#define SPEC_H

#include "podsim.h"
#include "rng.h"

typedef struct src_loc {
	const char *file; /* owned by the scenario */
	int line, col;    /* 1-based */
} src_loc;

typedef struct kv {
	char *key, *value;
} kv;

typedef enum { PULL_ALWAYS, PULL_IF_NOT_PRESENT, PULL_NEVER } pull_policy;
typedef enum { RESTART_ALWAYS, RESTART_ON_FAILURE, RESTART_NEVER } restart_policy;

typedef enum {
	HANDLER_NONE = 0,
	HANDLER_EXEC,
	HANDLER_HTTP_GET,
	HANDLER_TCP_SOCKET,
	HANDLER_GRPC,
	HANDLER_SLEEP /* lifecycle hooks only */
} handler_kind;

/* A probe or hook action. */
typedef struct handler_spec {
	handler_kind kind;
	char **exec_argv; /* HANDLER_EXEC: NULL-terminated */
	int exec_argc;
	char *path;        /* HTTP path, default "/" */
	char *scheme;      /* "HTTP" or "HTTPS" */
	char *host;        /* empty = pod IP */
	int port;          /* resolved number; 0 if named and unresolved */
	char *port_name;   /* as written when the port was a name, else NULL */
	kv *http_headers;
	int n_http_headers;
	char *grpc_service; /* may be NULL */
	int sleep_seconds;  /* HANDLER_SLEEP */
} handler_spec;

typedef struct probe_spec {
	handler_spec handler;
	int initial_delay_seconds; /* default 0 */
	int timeout_seconds;       /* default 1 */
	int period_seconds;        /* default 10 */
	int success_threshold;     /* default 1 */
	int failure_threshold;     /* default 3 */
	int64_t termination_grace_seconds; /* -1 = unset */
	src_loc loc;
} probe_spec;

typedef struct port_spec {
	char *name; /* may be NULL */
	int container_port;
	int host_port; /* 0 = unset */
	char *protocol; /* default "TCP" */
} port_spec;

/* Where an environment variable's value comes from (EnvVar.valueFrom). */
typedef enum {
	ENV_VALUE,              /* value: "..." (or nothing: "") */
	ENV_FIELD_REF,          /* fieldRef: from = apiVersion, ref = fieldPath */
	ENV_RESOURCE_FIELD_REF, /* resourceFieldRef: from = containerName, ref = resource */
	ENV_CONFIG_MAP_KEY,     /* configMapKeyRef: from = name, ref = key */
	ENV_SECRET_KEY,         /* secretKeyRef: from = name, ref = key */
	ENV_FILE_KEY            /* fileKeyRef: from = volumeName, ref = key (path in path) */
} env_source;

/* One entry of a container's env, as written (read, not yet modelled). */
typedef struct env_spec {
	char *name;
	env_source source;
	char *value;   /* ENV_VALUE, else NULL */
	char *from;    /* see env_source; may be NULL */
	char *ref;     /* see env_source; may be NULL */
	char *path;    /* ENV_FILE_KEY: path; NULL otherwise */
	char *divisor; /* ENV_RESOURCE_FIELD_REF: divisor as written, or NULL */
	bool optional;
} env_spec;

typedef struct volume_mount_spec {
	char *name;       /* a volume of the pod */
	char *mount_path;
	char *sub_path;   /* NULL if absent */
	bool read_only;
} volume_mount_spec;

typedef struct container_spec {
	char *name;
	char *image;
	pull_policy image_pull_policy; /* defaulted from the tag */
	char **command; int n_command;  /* NULL-terminated arrays */
	char **args; int n_args;
	port_spec *ports; int n_ports;
	kv *limits; int n_limits;       /* resource name -> quantity text */
	kv *requests; int n_requests;
	env_spec *env; int n_env;       /* read for printing; not modelled */
	volume_mount_spec *volume_mounts; int n_volume_mounts;
	char *working_dir;              /* NULL if absent */
	char *termination_message_path; /* defaulted: /dev/termination-log */
	bool termination_fallback_to_logs; /* terminationMessagePolicy FallbackToLogsOnError */
	probe_spec *liveness, *readiness, *startup; /* NULL if absent */
	handler_spec *post_start, *pre_stop;         /* NULL if absent */
	/* init containers only: restartPolicy Always makes it a sidecar */
	bool restartable;
	bool is_init;
	int index; /* position in containers or initContainers */
	src_loc loc;
} container_spec;

/* A pod volume: its name, its source (the VolumeSource field given;
 * "emptyDir" when none is, as the API server defaults it) and the scalar
 * fields of that source in file order (medium, sizeLimit; name; claimName...). */
typedef struct volume_spec {
	char *name;
	char *source;
	kv *params; int n_params;
	src_loc loc;
} volume_spec;

typedef struct toleration_spec {
	char *key, *operator, *value, *effect; /* NULL if absent */
	int64_t seconds;                       /* tolerationSeconds; -1 = unset */
} toleration_spec;

typedef struct pod_spec {
	char *name;
	char *namespace; /* default "default" */
	kv *labels; int n_labels;
	kv *annotations; int n_annotations;
	container_spec *containers; int n_containers;
	container_spec *init_containers; int n_init_containers;
	restart_policy restart_policy;
	int64_t termination_grace_seconds; /* default 30 */
	int64_t active_deadline_seconds;   /* -1 = unset */
	char *node_name;                   /* spec.nodeName if given, else NULL */
	/* read for printing (issue 10 item 6), not modelled yet */
	kv *node_selector; int n_node_selector;
	toleration_spec *tolerations; int n_tolerations;
	volume_spec *volumes; int n_volumes;
	char *priority_class_name;         /* NULL if absent */
	char **readiness_gates; int n_readiness_gates; /* conditionType of each */
	src_loc loc;
} pod_spec;

/* ---- behaviour of a container's process -------------------------------- */

/* One step of an endpoint's answer over the process's uptime. */
typedef struct response_step {
	dist_spec after; /* uptime from which this step applies, drawn per instance */
	int status;      /* HTTP status; for tcp/grpc: 0 = refuse/NOT_SERVING, else ok */
	char *body;      /* optional, for probe messages; may be NULL */
	char *location;  /* HTTP 3xx: the Location header ("{loc}" = the request's
			  * loc query parameter, as agnhost's /redirect); NULL if none */
} response_step;

typedef enum { ENDPOINT_HTTP, ENDPOINT_TCP, ENDPOINT_GRPC } endpoint_proto;

typedef struct endpoint_spec {
	endpoint_proto proto;
	int port;
	char *path;             /* HTTP only; NULL = every path */
	response_step *steps;   /* sorted by after; empty = always 200 / open */
	int n_steps;
	simtime_t repeat;       /* 0 = no repeat; else uptime is taken modulo */
	dist_spec latency;      /* response time; DIST_NONE = 1ms */
	dist_spec listen_after; /* connections refused before this uptime (per instance) */
} endpoint_spec;

/* A fault of the process (behavior.c): onsets form a Poisson process of
 * mean interval `every` counted from the end of startup and, for a hang or
 * slow period that ends, from its end. */
typedef enum { FAULT_HANG, FAULT_CRASH, FAULT_SLOW } fault_kind;

typedef struct fault_spec {
	fault_kind kind;
	simtime_t every;        /* mean time between onsets (rate "1/24h" = 24h) */
	dist_spec duration;     /* hang, slow: how long it lasts */
	bool recover;           /* hang: false = hangs until killed */
	int exit_code;          /* crash: the exit code (default 1) */
	dist_spec extra;        /* slow: latency added to every answer */
	src_loc loc;
} fault_spec;

#define BEHAVIOR_MAX_FAULTS 8

/* Either a whole behaviour (image catalogue entry) or an override from the
 * Simulation document; in an override only fields with has_* set apply. */
typedef struct behavior_spec {
	/* matching (catalogue: image repository and optional first argument;
	 * override: pod and container name) */
	char *image;   /* catalogue: repository without tag, e.g. "nginx" */
	char *arg0;    /* catalogue: required mode word (agnhost mode), or NULL */
	char **entrypoint; int n_entrypoint; /* catalogue: the image's ENTRYPOINT */
	char **cmd; int n_cmd;               /* catalogue: the image's CMD */
	char *pod;     /* override: pod name ("*" = any) */
	char *container; /* override: container name ("*" = any) */

	bool has_run_time;
	dist_spec run_time;   /* exits by itself after this uptime */
	bool has_exit_code;
	int exit_code;        /* exit code when it exits by itself */
	bool oom_killed;      /* exits as OOMKilled (exit 137) */
	bool has_sigterm;
	int sigterm_exit;     /* exit code after SIGTERM; -1 = ignores SIGTERM */
	dist_spec sigterm_delay; /* time from SIGTERM to exit */
	endpoint_spec *endpoints; int n_endpoints;
	bool has_endpoints;
	bool has_startup;
	dist_spec startup;    /* uptime at which every endpoint starts listening */
	fault_spec faults[BEHAVIOR_MAX_FAULTS]; int n_faults;
	bool has_faults;
	char *description;    /* catalogue: one line for --explain/docs */
	src_loc loc;
} behavior_spec;

/* ---- Simulation document ---------------------------------------------- */

typedef struct image_timing {
	char *image;       /* as written in the pod spec, or repository; "*" = default */
	dist_spec pull;    /* time for one pull */
	bool unpullable;   /* every pull fails (ErrImagePull) */
	bool present;      /* already in the node's cache at start */
	int64_t size_bytes;
	src_loc loc;
} image_timing;

typedef enum {
	ACTION_DELETE,
	ACTION_KILL_SANDBOX,
	ACTION_SET_CONDITION,
	ACTION_UPDATE,
	ACTION_RESTART_KUBELET
} action_kind;

typedef struct action_spec {
	action_kind kind;
	simtime_t at;
	char *pod;                    /* NULL for ACTION_RESTART_KUBELET */
	int64_t grace_period_seconds; /* -1 = the pod's own */
	char *cond_type;              /* ACTION_SET_CONDITION: status.conditions[].type */
	int cond_status;              /* ACTION_SET_CONDITION: 1 True, 0 False, -1 Unknown */
	char *container;              /* ACTION_UPDATE: spec.containers[].name */
	char *image;                  /* ACTION_UPDATE: its new image */
	pod_spec *updated;            /* ACTION_UPDATE: the pod's spec after it (owned:
					 the struct and its containers array) */
	src_loc loc;
} action_spec;

typedef struct kubelet_settings {
	int version_minor;            /* 29..35; default see scenario.c */
	bool reduce_crashloop_decay;  /* feature gate ReduceDefaultCrashLoopBackOffDecay */
	simtime_t max_container_restart_period; /* 0 = default (300s) */
	simtime_t started_before;     /* how long the kubelet has been up at t=0 */
	char *node_name;              /* default "node-1" */
	image_timing *images; int n_images;
	dist_spec sandbox_create;     /* CRI RunPodSandbox incl. CNI */
	dist_spec container_create;   /* CRI CreateContainer */
	dist_spec container_start;    /* CRI StartContainer */
	dist_spec schedule_latency;   /* creation -> binding */
	dist_spec admit_latency;      /* binding -> kubelet's first sync */
	dist_spec relist_duration;    /* time one PLEG relist takes */
	dist_spec api_latency;        /* status patch -> watch event */
	dist_spec volume_mount;       /* first sync's WaitForAttachAndMount */
} kubelet_settings;

typedef struct sim_settings {
	bool has_seed;
	uint64_t seed;
	simtime_t duration;           /* 0 = unset (10m default) */
	int64_t start_time_unix;      /* wall clock of virtual 0; whole seconds */
	kubelet_settings kubelet;
	behavior_spec *behaviors; int n_behaviors;
	action_spec *actions; int n_actions;
	src_loc loc;
} sim_settings;

#endif
