/* scenario_update.c - the update action: `kubectl set image` on a pod.
 *
 * `{at: 60s, update: {pod: web, container: app, image: nginx:1.28}}` is a
 * pod update through the API server.  ValidatePodUpdate
 * (pkg/apis/core/validation/validation.go) lets an update of a pod change
 * only the images of its containers and init containers,
 * activeDeadlineSeconds, additions to tolerations and a negative grace
 * period set to 1; everything else is refused with the Forbidden error
 * whose text the loader repeats for any other key.  podsim models the image
 * of a regular container (the case of `kubectl set image pod/web app=...`);
 * an init container's image is refused as not modelled.  The stored spec
 * keeps the imagePullPolicy defaulted at creation (SetDefaults_Container
 * only fills an empty policy), so the new image is pulled per that policy.
 *
 * The spec each update leaves is built at load, owned by the action: a
 * shallow copy of the pod's spec and of its containers array, with the
 * images of this and every earlier update of the pod (in firing order: at,
 * then file order).  Every other pointer is the original spec's, which lives
 * as long as the scenario.  Rejected: building the spec when the action
 * fires (its lifetime would end with the run while printers and the
 * kubelet still hold it).
 */
#include "scenario_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* validation.go updatablePodSpecFields, joined with "," as ValidatePodUpdate does */
#define FORBIDDEN_UPDATE                                                                          \
	"pod updates may not change fields other than `spec.containers[*].image`,"                  \
	"`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "     \
	"additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be " \
	"set to 1 if it was previously negative)"

int scenario_update_parse(scenario_yaml_ctx *c, const yaml_node_t *n, action_spec *a)
{
	static const char *const keys[] = {"pod", "container", "image"};
	yaml_node_t *m = NULL;
	if (scenario_yaml_get_map(c, n, "update", &m) <= 0)
		return scenario_yaml_want(c, scenario_yaml_lookup(c, n, "update"), "update",
					  "a mapping");
	size_t saved = scenario_yaml_push_key(c, "update");
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = scenario_yaml_node(c, p->key);
		const char *name = scenario_yaml_text(k);
		size_t i = 0;
		while (i < 3 && strcmp(keys[i], name) != 0)
			i++;
		if (i == 3)
			return scenario_yaml_fail_key(c, k, name, FORBIDDEN_UPDATE);
	}
	int r = scenario_yaml_need_word(c, m, "pod", &a->pod) ||
			scenario_yaml_need_word(c, m, "container", &a->container) ||
			scenario_yaml_need_word(c, m, "image", &a->image)
		? -1
		: 0;
	scenario_yaml_pop(c, saved);
	return r;
}

/* Whether update j fires before update i (engine order: time, then file order). */
static bool fires_before(const action_spec *j, int jx, const action_spec *i, int ix)
{
	return j->at < i->at || (j->at == i->at && jx <= ix);
}

static const pod_spec *pod_named(const scenario *sc, const char *name)
{
	for (int k = 0; k < sc->n_pods; k++)
		if (strcmp(sc->pods[k].name, name) == 0)
			return &sc->pods[k];
	return NULL;
}

static int container_index(const pod_spec *p, const char *name)
{
	for (int k = 0; k < p->n_containers; k++)
		if (strcmp(p->containers[k].name, name) == 0)
			return k;
	return -1;
}

int scenario_update_finish(scenario *sc, int i, char *err, size_t errlen)
{
	action_spec *a = &sc->settings.actions[i];
	const pod_spec *p = pod_named(sc, a->pod);
	assert(a->kind == ACTION_UPDATE && p); /* the caller checked the pod */
	if (container_index(p, a->container) < 0) {
		bool init = false;
		for (int k = 0; k < p->n_init_containers; k++)
			init |= strcmp(p->init_containers[k].name, a->container) == 0;
		snprintf(err, errlen, "%s:%d:%d: actions[%d].update.container: %s \"%s\"",
			 a->loc.file, a->loc.line, a->loc.col, i,
			 init ? "podsim does not model an image update of init container"
			      : "pod has no container named",
			 a->container);
		return -1;
	}
	a->updated = xmalloc(sizeof(*a->updated));
	*a->updated = *p;
	a->updated->containers = xmalloc((size_t)p->n_containers * sizeof(container_spec));
	memcpy(a->updated->containers, p->containers, (size_t)p->n_containers * sizeof(container_spec));
	const action_spec *all = sc->settings.actions;
	for (int j = 0; j < sc->settings.n_actions; j++)
		if (all[j].kind == ACTION_UPDATE && strcmp(all[j].pod, a->pod) == 0 &&
		    fires_before(&all[j], j, a, i)) {
			int k = container_index(p, all[j].container);
			if (k >= 0) /* else update j fails its own check */
				a->updated->containers[k].image = all[j].image;
		}
	return 0;
}

void scenario_update_free(action_spec *a)
{
	free(a->container);
	free(a->image);
	if (a->updated)
		free(a->updated->containers);
	free(a->updated);
}
