/* readiness_gates.h - pod readiness gates (spec.readinessGates): the Ready
 * condition stays False until every gate's condition, set by another
 * client, is True. */
#ifndef READINESS_GATES_H
#define READINESS_GATES_H

#include "api.h"

/* GeneratePodReadyCondition's gate check: when s's Ready condition is True
 * and a gate of spec is not satisfied by seen (the pod status the kubelet
 * last read from the API server), make it False with reason
 * ReadinessGatesNotReady and the upstream message. */
void readiness_gates_apply(const pod_spec *spec, const api_pod_status *seen, api_pod_status *s);

/* The READINESS GATES cell of `get -o wide`: "<none>" or "N/M". */
void readiness_gates_cell(const pod_spec *spec, const api_pod_status *s, char *buf, size_t len);

#endif
