/* report_json_manifest.h - the env, volumeMounts, tolerations and volumes
 * members of the `-o json` Pod spec, with admission's additions. */
#ifndef REPORT_JSON_MANIFEST_H
#define REPORT_JSON_MANIFEST_H

#include "spec.h"

struct cJSON;

/* A container's env array. */
struct cJSON *report_json_manifest_env(const container_spec *c);
/* A container's volumeMounts: its own, then the token volume's mount. */
struct cJSON *report_json_manifest_mounts(const container_spec *c, const char *token_volume);
/* The pod's tolerations with DefaultTolerationSeconds'. */
struct cJSON *report_json_manifest_tolerations(const pod_spec *s);
/* The pod's volumes, then the token volume. */
struct cJSON *report_json_manifest_volumes(const pod_spec *s, const char *token_volume);

#endif
