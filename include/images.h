/* images.h - the kubelet's image manager (EnsureImageExists) and puller. */
#ifndef IMAGES_H
#define IMAGES_H

#include "node.h"

/* Outcome of EnsureImageExists: err "" on success, else the reason
 * (InvalidImageName, ErrImagePull, ImagePullBackOff, ErrImageNeverPull)
 * and message. */
typedef void (*images_done_fn)(void *ctx, const char *err, const char *msg);

void images_init(node *n);
void images_release(node *n);
/* Ensure c's image is usable on its node at now; done is called when the
 * pull (if any) finished - possibly at once. */
void images_ensure(kctr *c, simtime_t now, images_done_fn done, void *ctx);
/* "docker.io/library/busybox:latest" for "busybox" (the status image field). */
void images_normalize(const char *image, char *buf, size_t len);

#endif
