/* readiness_gates.c - pod readiness gates (KEP-580).
 *
 * Mirrors pkg/kubelet/status/generate.go GeneratePodReadyCondition: once the
 * containers are ready (ContainersReady True), each gate whose condition
 * does not exist in the pod's conditions adds
 *	corresponding condition of pod readiness gate "T" does not exist.
 * and each whose condition is not True adds
 *	the status of pod readiness gate "T" is not "True", but S
 * joined with ", "; any message makes Ready False with reason
 * ReadinessGatesNotReady.  While the containers are not ready, Ready keeps
 * ContainersReady's status, reason and message and the gates are not read.
 * The gate conditions are the ones the kubelet read from the API server
 * (mergePodStatus keeps conditions it does not own); podsim's setCondition
 * action is the other client that writes them.
 *
 * readiness_gates_cell is printPod's READINESS GATES column
 * (pkg/printers/internalversion/printers.go): the number of gates whose
 * condition is True over the number of gates.
 */
#include "readiness_gates.h"

#include <stdio.h>
#include <string.h>

static const char *status_name(int status)
{
	return status > 0 ? "True" : status == 0 ? "False" : "Unknown";
}

void readiness_gates_apply(const pod_spec *spec, const api_pod_status *seen, api_pod_status *s)
{
	api_condition *ready = NULL;
	for (int k = 0; k < s->n_conditions; k++)
		if (s->conditions[k].type == COND_READY)
			ready = &s->conditions[k];
	if (!ready || ready->status != 1 || spec->n_readiness_gates == 0)
		return;
	char msg[API_MSG_LEN] = "";
	size_t n = 0;
	for (int g = 0; g < spec->n_readiness_gates && n < sizeof(msg); g++) {
		const char *t = spec->readiness_gates[g];
		int st = api_pod_condition_status(seen, t);
		const char *sep = n ? ", " : "";
		if (st == -2)
			n += (size_t)snprintf(msg + n, sizeof(msg) - n,
					      "%scorresponding condition of pod readiness gate "
					      "\"%s\" does not exist.", sep, t);
		else if (st != 1)
			n += (size_t)snprintf(msg + n, sizeof(msg) - n,
					      "%sthe status of pod readiness gate \"%s\" is not "
					      "\"True\", but %s", sep, t, status_name(st));
	}
	if (!msg[0])
		return;
	ready->status = 0;
	snprintf(ready->reason, sizeof(ready->reason), "ReadinessGatesNotReady");
	snprintf(ready->message, sizeof(ready->message), "%s", msg);
}

void readiness_gates_cell(const pod_spec *spec, const api_pod_status *s, char *buf, size_t len)
{
	if (spec->n_readiness_gates == 0) {
		snprintf(buf, len, "<none>");
		return;
	}
	int ok = 0;
	for (int g = 0; g < spec->n_readiness_gates; g++)
		ok += api_pod_condition_status(s, spec->readiness_gates[g]) == 1;
	snprintf(buf, len, "%d/%d", ok, spec->n_readiness_gates);
}
