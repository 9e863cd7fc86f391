/* qos.c - the pod's QoS class: pkg/apis/core/helper/qos/qos.go GetPodQOS.
 *
 * The API server computes status.qosClass when it creates the pod
 * (PodStrategy.PrepareForCreate) and the class never changes, so the pod is
 * never shown BestEffort first.  ComputePodQOS, for pods without pod-level
 * resources (podsim reads none):
 *
 *   - only cpu and memory count (isSupportedQoSComputeResource), and only
 *     quantities above zero;
 *   - requests default to limits per container, as SetDefaults_Pod does
 *     before the strategy runs;
 *   - requests and limits are SUMMED over containers and init containers;
 *     no cpu/memory request or limit at all -> BestEffort;
 *   - Guaranteed when every container has both a cpu and a memory limit and
 *     the summed requests equal the summed limits for each resource (the
 *     source compares sums, not each container: the source wins over a
 *     per-container reading of the docs);
 *   - else Burstable.
 * A quantity that does not parse cannot reach here through a real API
 * server (validation rejects it); it is ignored.
 */
#include "qos.h"

#include <string.h>

#include "podsim.h"
#include "quantity.h"

enum { QOS_CPU, QOS_MEMORY, QOS_NRES };

typedef struct sums {
	unsigned __int128 v[QOS_NRES];
	bool set[QOS_NRES];
} sums;

static int qos_resource(const char *name)
{
	if (strcmp(name, "cpu") == 0)
		return QOS_CPU;
	if (strcmp(name, "memory") == 0)
		return QOS_MEMORY;
	return -1;
}

/* The positive value of list[name], if any. */
static bool positive(const kv *list, int n, int res, unsigned __int128 *v)
{
	for (int k = 0; k < n; k++) {
		quantity_value q;
		if (qos_resource(list[k].key) == res && quantity_nanos(list[k].value, &q) &&
		    !q.negative && q.nanos > 0) {
			*v = q.nanos;
			return true;
		}
	}
	return false;
}

static void add(sums *s, int res, unsigned __int128 v)
{
	s->v[res] += v;
	s->set[res] = true;
}

/* One container's contribution; false if it lacks a cpu or memory limit. */
static bool add_container(const container_spec *c, sums *req, sums *lim)
{
	bool both = true;
	for (int res = 0; res < QOS_NRES; res++) {
		unsigned __int128 l = 0, r = 0;
		bool has_l = positive(c->limits, c->n_limits, res, &l);
		bool has_r = false;
		for (int k = 0; k < c->n_requests; k++)
			has_r |= qos_resource(c->requests[k].key) == res;
		if (has_r)
			has_r = positive(c->requests, c->n_requests, res, &r);
		else if (has_l)
			has_r = true, r = l; /* SetDefaults_Pod: request := limit */
		if (has_r)
			add(req, res, r);
		if (has_l)
			add(lim, res, l);
		both &= has_l;
	}
	return both;
}

const char *qos_pod_class(const pod_spec *p)
{
	sums req = {0}, lim = {0};
	bool guaranteed = true;
	assert(p);
	for (int k = 0; k < p->n_containers; k++)
		guaranteed &= add_container(&p->containers[k], &req, &lim);
	for (int k = 0; k < p->n_init_containers; k++)
		guaranteed &= add_container(&p->init_containers[k], &req, &lim);
	bool any = false;
	int n_req = 0, n_lim = 0;
	for (int res = 0; res < QOS_NRES; res++) {
		any |= req.set[res] || lim.set[res];
		n_req += req.set[res];
		n_lim += lim.set[res];
		if (req.set[res] && (!lim.set[res] || lim.v[res] != req.v[res]))
			guaranteed = false;
	}
	if (!any)
		return "BestEffort";
	return guaranteed && n_req == n_lim ? "Guaranteed" : "Burstable";
}
