/* registry.c - DELETE of a pod: the generic store's Delete with the pod strategy.
 *
 * Mirrors staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go
 * BeforeDelete, pkg/registry/core/pod/strategy.go CheckGracefulDelete and
 * staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
 * Delete / updateForGracefulDeletionAndFinalizers (no finalizers: podsim's
 * pods have none).
 *
 * A first DELETE: CheckGracefulDelete takes the request's grace, else
 * spec.terminationGracePeriodSeconds; 0 when the pod is not scheduled or
 * already Succeeded/Failed; and since the fix for kubernetes#115606
 *
 *	if period < 0 {
 *		period = 1
 *	}
 *
 * BeforeDelete then sets deletionTimestamp = now + grace and
 * deletionGracePeriodSeconds = grace, and the store writes that update
 * (one MODIFIED).  With grace 0 updateForGracefulDeletionAndFinalizers
 * returns deleteImmediately ("we are intentionally delete gracelessly") and
 * Delete removes the object right after: MODIFIED then DELETED in the same
 * instant.
 *
 * A DELETE of a pod already terminating: only a shorter grace changes
 * anything (else "graceful deletion is pending"); the timestamp moves back
 * by the old grace and forward by the new one, never into the past
 * ("Prevent shortening the grace period moving deletionTimestamp into the
 * past": clamped to now, and a non-zero grace becomes 1).  A stored grace
 * of 0 deletes at once without an update.  The kubelet's final DELETE with
 * grace 0 (status_manager.go) takes this path: one MODIFIED with the
 * timestamp moved to now, then DELETED.
 */
#include "registry.h"

#include <string.h>

static bool phase_terminal(const api_pod *p)
{
	return strcmp(p->status.phase, "Succeeded") == 0 || strcmp(p->status.phase, "Failed") == 0;
}

/* CheckGracefulDelete: the grace the first DELETE gets. */
static int64_t check_graceful_delete(const api_pod *p, bool grace_set, int64_t grace)
{
	int64_t period = grace_set ? grace : p->spec->termination_grace_seconds;
	if (p->node_name[0] == '\0' || phase_terminal(p))
		period = 0;
	if (period < 0)
		period = 1;
	return period;
}

/* Why a DELETE got grace 0, for --explain. */
static const char *zero_reason(const api_pod *p, bool grace_set, int64_t grace)
{
	if (p->deletion_timestamp >= 0)
		return grace_set && grace == 0 ? " (clamped to now: the final delete)" : "";
	if (p->node_name[0] == '\0')
		return " (the pod is not scheduled)";
	if (phase_terminal(p))
		return " (the pod is already terminal)";
	return " (requested)";
}

/* BeforeDelete on a pod that already has a deletionTimestamp: false when
 * the DELETE is pending (nothing to write). */
static bool shorten_grace(api_pod *obj, simtime_t now, int64_t grace)
{
	if (grace >= obj->deletion_grace_period_seconds)
		return false;
	simtime_t ts = obj->deletion_timestamp - SEC(obj->deletion_grace_period_seconds) + SEC(grace);
	if (ts < now) {
		ts = now;
		if (grace != 0)
			grace = 1;
	}
	obj->deletion_timestamp = ts;
	obj->deletion_grace_period_seconds = grace;
	return true;
}

registry_result registry_pod_delete(apiserver *api, simtime_t now, const char *ns,
				    const char *name, bool grace_set, int64_t grace,
				    const char *who)
{
	char why[API_MSG_LEN];
	const api_pod *cur = apiserver_pod_get(api, ns, name);
	if (!cur)
		return REGISTRY_NOT_FOUND;
	if (grace_set && grace < 0)
		grace = 1; /* BeforeDelete: a negative request grace counts as 1 */
	api_pod obj;
	api_pod_copy(&obj, cur);
	bool write = true;
	if (cur->deletion_timestamp >= 0 && cur->deletion_grace_period_seconds > 0) {
		if (!grace_set || !shorten_grace(&obj, now, grace)) {
			api_pod_release(&obj);
			return REGISTRY_PENDING;
		}
	} else if (cur->deletion_timestamp >= 0) {
		write = false; /* stored grace 0 (or none): delete at once */
		obj.deletion_grace_period_seconds = 0;
	} else {
		obj.deletion_grace_period_seconds = check_graceful_delete(cur, grace_set, grace);
		obj.deletion_timestamp = now + SEC(obj.deletion_grace_period_seconds);
	}
	bool graceful = obj.deletion_grace_period_seconds > 0;
	snprintf(why, sizeof(why), "%s: deletionTimestamp = %s + grace %llds%s", who,
		 cur->deletion_timestamp >= 0 ? "first request - old grace" : "now",
		 (long long)obj.deletion_grace_period_seconds,
		 graceful ? "" : zero_reason(cur, grace_set, grace));
	if (write)
		apiserver_pod_update(api, now, &obj, why);
	api_pod_release(&obj);
	if (graceful)
		return REGISTRY_GRACEFUL;
	snprintf(why, sizeof(why), "%s: grace 0, the object is removed", who);
	apiserver_pod_delete(api, now, ns, name, why);
	return REGISTRY_DELETED;
}
