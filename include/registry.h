/* registry.h - a pod DELETE as the API server's registry performs it. */
#ifndef REGISTRY_H
#define REGISTRY_H

#include "apiserver.h"

typedef enum {
	REGISTRY_NOT_FOUND, /* no such pod: nothing written */
	REGISTRY_PENDING,   /* already terminating with no shorter grace: nothing written */
	REGISTRY_GRACEFUL,  /* MODIFIED with deletionTimestamp = now + grace */
	REGISTRY_DELETED    /* MODIFIED (unless nothing to record), then DELETED */
} registry_result;

/* DELETE pods/NAME with DeleteOptions.gracePeriodSeconds = grace, or none
 * when grace_set is false.  who names the client (--explain labels). */
registry_result registry_pod_delete(apiserver *api, simtime_t now, const char *ns,
				    const char *name, bool grace_set, int64_t grace,
				    const char *who);

#endif
