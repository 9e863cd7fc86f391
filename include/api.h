/* api.h - the API server's view: v1 Pod objects, v1 Events, and the watch.
 *
 * These structs mirror the fields of the Kubernetes API that podsim models,
 * with the same names in snake_case, so that printers (kubectl get/describe,
 * JSON) read them exactly as kubectl reads the real objects.  All timestamps
 * are virtual times; metav1.Time fields are whole seconds (truncated when
 * written), MicroTime fields keep microseconds.  -1 means "unset" for times.
 *
 * Data flows one way: the kubelet and scheduler write objects through
 * apiserver.c; printers receive immutable snapshots through watch callbacks
 * and never reach back into the kubelet.
 */
#ifndef API_H
#define API_H

#include <string.h>

#include "podsim.h"
#include "spec.h"

#define API_NAME_LEN 64
_Static_assert(API_NAME_LEN > SIM_NAME_MAX, "a name podsim accepts must fit");
#define API_REASON_LEN 64
#define API_MSG_LEN 256
#define API_ID_LEN 96

/* Copy src into the fixed-size field dst (size bytes), truncating exactly
 * as snprintf(dst, size, "%s", src) would, without the printf machinery. */
static inline void api_strcpy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

typedef enum { STATE_NONE = 0, STATE_WAITING, STATE_RUNNING, STATE_TERMINATED } api_state_kind;

typedef struct api_container_state {
	api_state_kind kind;
	char reason[API_REASON_LEN];   /* waiting/terminated */
	char message[API_MSG_LEN];     /* waiting/terminated */
	int exit_code;                 /* terminated */
	int signal;                    /* terminated; 0 = unset */
	simtime_t started_at;          /* running/terminated; -1 unset */
	simtime_t finished_at;         /* terminated; -1 unset */
	char container_id[API_ID_LEN]; /* terminated */
} api_container_state;

typedef struct api_container_status {
	char name[API_NAME_LEN];
	api_container_state state;
	api_container_state last_state; /* kind NONE or TERMINATED */
	bool ready;
	int started;                   /* -1 unset (nil), 0 false, 1 true */
	int restart_count;
	char image[API_MSG_LEN];
	char image_id[API_MSG_LEN];
	char container_id[API_ID_LEN]; /* "" when no instance */
} api_container_status;

typedef enum {
	COND_POD_READY_TO_START_CONTAINERS,
	COND_INITIALIZED,
	COND_READY,
	COND_CONTAINERS_READY,
	COND_POD_SCHEDULED,
	COND_COUNT
} api_condition_type;

typedef struct api_condition {
	api_condition_type type;
	int status;                    /* 1 True, 0 False, -1 Unknown */
	char reason[API_REASON_LEN];
	char message[API_MSG_LEN];
	simtime_t last_probe_time;     /* -1 = null */
	simtime_t last_transition_time;
} api_condition;

/* A condition set by another client than the kubelet (a readiness gate's
 * controller).  A status patch appends a new type after the existing
 * conditions (strategic merge by "type"); the kubelet's next patch puts
 * every condition it does not own first ($setElementOrder from
 * mergePodStatus), which clears after_kubelet. */
#define API_MAX_EXTRA_CONDITIONS 8
typedef struct api_extra_condition {
	/* a qualified name, borrowed from the scenario (an action's or a
	 * readiness gate's type), which outlives every status: statuses are
	 * copied by value several times per pod, so a 256-byte array here
	 * cost 2 KB in each copy */
	const char *type;
	int status;                    /* 1 True, 0 False, -1 Unknown */
	bool after_kubelet;            /* listed after the kubelet's conditions */
} api_extra_condition;

typedef struct api_pod_status {
	char phase[16];                /* Pending Running Succeeded Failed Unknown, "" before */
	char reason[API_REASON_LEN];   /* e.g. DeadlineExceeded, "" */
	char message[API_MSG_LEN];
	char host_ip[32];
	char pod_ip[32];               /* "" until the sandbox has an IP */
	simtime_t start_time;          /* -1 unset */
	api_condition conditions[COND_COUNT];
	int n_conditions;              /* in the order the kubelet writes them */
	api_extra_condition extra[API_MAX_EXTRA_CONDITIONS];
	int n_extra;                   /* the other clients' conditions */
	api_container_status *init_statuses; int n_init_statuses;
	api_container_status *statuses; int n_statuses;
	char qos_class[16];
} api_pod_status;

typedef struct api_pod {
	char name[API_NAME_LEN];
	char namespace[API_NAME_LEN];
	char uid[40];
	uint64_t resource_version;
	simtime_t creation_timestamp;
	simtime_t deletion_timestamp;          /* -1 unset */
	int64_t deletion_grace_period_seconds; /* -1 unset */
	char node_name[API_NAME_LEN];          /* "" until bound */
	const pod_spec *spec;                  /* defaulted spec; owned by the scenario */
	api_pod_status status;
} api_pod;

/* Deep copy (statuses arrays are heap-allocated). */
void api_pod_copy(api_pod *dst, const api_pod *src);
void api_pod_release(api_pod *p);
void api_pod_status_copy(api_pod_status *dst, const api_pod_status *src);
void api_pod_status_release(api_pod_status *s);
/* True when two statuses differ in anything the API would store. */
bool api_pod_status_equal(const api_pod_status *a, const api_pod_status *b);
const char *api_condition_type_name(api_condition_type t);
/* The status of condition type in s (kubelet's or another client's): 1, 0,
 * -1, or -2 when s has no such condition. */
int api_pod_condition_status(const api_pod_status *s, const char *type);
/* True when s holds the kubelet's Ready condition with status True (what
 * kubectl's READY column and the metrics read). */
bool api_pod_status_ready(const api_pod_status *s);
/* Set another client's condition in s (a status patch): an existing type is
 * updated in place, a new one appended after every condition.  type is
 * borrowed and must outlive s (the scenario's strings do).  False when
 * s already holds API_MAX_EXTRA_CONDITIONS other types. */
bool api_pod_set_extra_condition(api_pod_status *s, const char *type, int status);
/* The kubelet's status patch (status_manager mergePodStatus): dst, the
 * kubelet's status, keeps api's other-client conditions, now listed first. */
void api_pod_status_keep_extra(api_pod_status *dst, const api_pod_status *api);

/* core/v1 Event as the kubelet's legacy recorder writes it. */
typedef struct api_event {
	char name[API_NAME_LEN + 32];
	char namespace[API_NAME_LEN];
	char involved_kind[16];        /* "Pod" */
	char involved_name[API_NAME_LEN];
	char involved_uid[40];
	char field_path[API_NAME_LEN + 32]; /* spec.containers{c} or "" */
	char type[16];                 /* Normal / Warning */
	char reason[API_REASON_LEN];
	char message[API_MSG_LEN * 2];
	char source_component[32];     /* kubelet / "" for the scheduler */
	char source_host[API_NAME_LEN];
	char reporting_controller[32];
	char reporting_instance[API_NAME_LEN + 32];
	simtime_t first_timestamp;     /* -1 unset (scheduler: eventTime instead) */
	simtime_t last_timestamp;
	simtime_t event_time;          /* MicroTime; -1 unset */
	int count;                     /* 0 for events.k8s.io events */
	int series_count;              /* 0 = no series */
	simtime_t series_last_observed;
	uint64_t resource_version;
} api_event;

typedef enum { WATCH_ADDED, WATCH_MODIFIED, WATCH_DELETED } watch_type;
const char *watch_type_name(watch_type t);

/* A watch callback receives every change in commit order.  obj points into
 * storage that stays valid only for the call; copy what you keep.
 * "why" is a short explanation of the mechanism that caused the change (for
 * --explain), may be "". */
typedef struct watch_sink {
	void (*pod_event)(void *ctx, simtime_t now, watch_type t, const api_pod *obj,
			  const char *why);
	void (*event_event)(void *ctx, simtime_t now, watch_type t, const api_event *ev);
	void *ctx;
} watch_sink;

#endif
