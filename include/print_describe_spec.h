/* print_describe_spec.h - the parts of `kubectl describe pod` that print the
 * pod's spec as the API server stored it: annotations, maps of labels and
 * node selectors, a container's Environment and Mounts, the Volumes section
 * and the Tolerations (kubectl pkg/describe/describe.go), together with the
 * prefix writer that print_describe.c shares.
 */
#ifndef PRINT_DESCRIBE_SPEC_H
#define PRINT_DESCRIBE_SPEC_H

#include "api.h"
#include "print_get.h"

/* prefixWriter.Write: 2*level spaces, then the formatted text. */
void print_describe_spec_put(tabwriter *tw, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* printLabelsMultiline(w, title, items): "Title:\t<none>" or sorted k=v. */
void print_describe_spec_map(tabwriter *tw, const char *title, const kv *items, int n);
/* printAnnotationsMultiline(w, "Annotations", ...). */
void print_describe_spec_annotations(tabwriter *tw, const pod_spec *spec);
/* describeContainerEnvVars with EnvValueRetriever(pod). */
void print_describe_spec_env(tabwriter *tw, const api_pod *p, const container_spec *c);
/* describeContainerVolumes: the mounts (with the token mount) by mountPath. */
void print_describe_spec_mounts(tabwriter *tw, const api_pod *p, const container_spec *c,
				int kubectl_minor);
/* describeVolumes: the pod's volumes and the token volume. */
void print_describe_spec_volumes(tabwriter *tw, const api_pod *p, int kubectl_minor);
/* printPodTolerationsMultiline with the admission-added tolerations. */
void print_describe_spec_tolerations(tabwriter *tw, const pod_spec *spec, int kubectl_minor);

#endif
