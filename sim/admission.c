/* admission.c - the mutating admission plugins' marks on a Pod object.
 *
 * Mirrors three plugins of the API server (kubernetes
 * plugin/pkg/admission/...), applied to every pod at creation:
 *
 * - defaulttolerationseconds/admission.go: a pod that does not already
 *   tolerate node.kubernetes.io/not-ready (resp. unreachable) with effect
 *   NoExecute -- a toleration whose key is that key or empty and whose
 *   effect is NoExecute or empty -- gets {key, operator Exists, effect
 *   NoExecute, tolerationSeconds 300} appended after its own.
 * - serviceaccount/admission.go: serviceAccountName "default", a projected
 *   volume named by generateName "kube-api-access-" (serviceAccountToken
 *   expirationSeconds 3607 path token, configMap kube-root-ca.crt item ca.crt,
 *   downwardAPI metadata.namespace) appended to the pod's volumes, and its
 *   read-only mount at /var/run/secrets/kubernetes.io/serviceaccount appended
 *   to every init and regular container that has no mount at that path.
 *   The 5-character suffix uses the generateName alphabet of
 *   k8s.io/apimachinery/pkg/util/rand ("bcdfghjklmnpqrstvwxz2456789").  The
 *   API server draws it from its own generator; podsim derives it from the
 *   pod's UID (FNV-1a), which is already seeded, so that no simulation
 *   stream is drawn once more and every existing trace keeps its draws.
 * - priority/admission.go: spec.priority is the PriorityClass's value, 0
 *   without a class.  podsim has no PriorityClass objects; the two system
 *   classes have their fixed values (scheduling.SystemCriticalPriority
 *   2000000000, node-critical +1000); any other name gets 0, where a real API
 *   server would refuse a class that does not exist.
 */
#include "admission.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char not_ready[] = "node.kubernetes.io/not-ready";
static const char unreachable[] = "node.kubernetes.io/unreachable";

/* Whether t tolerates the NoExecute taint with this key. */
static bool covers(const toleration_spec *t, const char *key)
{
	bool key_ok = !t->key || !*t->key || strcmp(t->key, key) == 0;
	bool effect_ok = !t->effect || !*t->effect || strcmp(t->effect, "NoExecute") == 0;
	return key_ok && effect_ok;
}

static bool any_covers(const pod_spec *spec, const char *key)
{
	for (int i = 0; i < spec->n_tolerations; i++)
		if (covers(&spec->tolerations[i], key))
			return true;
	return false;
}

toleration_spec *admission_tolerations(const pod_spec *spec, int *n)
{
	static char exists[] = "Exists", no_execute[] = "NoExecute";
	static const char *const keys[] = {not_ready, unreachable};
	toleration_spec *t = xcalloc((size_t)spec->n_tolerations + 2, sizeof(*t));

	if (spec->n_tolerations > 0)
		memcpy(t, spec->tolerations, (size_t)spec->n_tolerations * sizeof(*t));
	*n = spec->n_tolerations;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if (!any_covers(spec, keys[k]))
			t[(*n)++] = (toleration_spec){.key = (char *)keys[k],
						      .operator = exists,
						      .effect = no_execute,
						      .seconds = 300};
	return t;
}

void admission_token_volume_name(const char *uid, char *buf, size_t len)
{
	static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
	uint64_t h = 14695981039346656037ULL;
	char suffix[6];

	for (const unsigned char *p = (const unsigned char *)uid; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	for (int i = 0; i < 5; i++) {
		suffix[i] = alphabet[h % (sizeof(alphabet) - 1)];
		h /= sizeof(alphabet) - 1;
	}
	suffix[5] = '\0';
	snprintf(buf, len, "kube-api-access-%s", suffix);
}

bool admission_mounts_token(const container_spec *c)
{
	for (int i = 0; i < c->n_volume_mounts; i++)
		if (strcmp(c->volume_mounts[i].mount_path, ADMISSION_TOKEN_MOUNT_PATH) == 0)
			return false;
	return true;
}

int64_t admission_priority(const pod_spec *spec)
{
	const char *c = spec->priority_class_name;
	if (c && strcmp(c, "system-cluster-critical") == 0)
		return 2000000000;
	if (c && strcmp(c, "system-node-critical") == 0)
		return 2000001000;
	return 0;
}
