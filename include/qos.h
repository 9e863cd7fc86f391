/* qos.h - the pod's QoS class, as the API server sets it at creation. */
#ifndef QOS_H
#define QOS_H

#include "spec.h"

/* "Guaranteed", "Burstable" or "BestEffort" (GetPodQOS). */
const char *qos_pod_class(const pod_spec *p);

#endif
