/* admission.h - what the API server's admission plugins and defaulting add
 * to a Pod object beyond the manifest: the default NoExecute tolerations,
 * the service-account token volume and its mount, the priority.
 *
 * The printers (report_json.c, print_describe.c) read these; nothing here
 * changes the pod spec, which stays what the manifest said.
 */
#ifndef ADMISSION_H
#define ADMISSION_H

#include "spec.h"

#define ADMISSION_TOKEN_MOUNT_PATH "/var/run/secrets/kubernetes.io/serviceaccount"
#define ADMISSION_TOKEN_EXPIRATION 3607
#define ADMISSION_TOKEN_VOLUME_LEN 32

/* The pod's tolerations after DefaultTolerationSeconds: the user's, then
 * not-ready and unreachable (Exists, NoExecute, 300 s) unless a user
 * toleration already covers them.  Returns a heap array of *n entries whose
 * strings point into the spec or static storage (caller frees the array). */
toleration_spec *admission_tolerations(const pod_spec *spec, int *n);

/* "kube-api-access-" + 5 characters of the generateName alphabet, derived
 * from the pod's UID so that no random stream is drawn. */
void admission_token_volume_name(const char *uid, char *buf, size_t len);

/* True when the ServiceAccount admission adds its mount to c (no mount of
 * the container already uses ADMISSION_TOKEN_MOUNT_PATH). */
bool admission_mounts_token(const container_spec *c);

/* spec.priority as the Priority admission plugin resolves the class; 0 when
 * the pod names no class (or one podsim has no PriorityClass for). */
int64_t admission_priority(const pod_spec *spec);

#endif
