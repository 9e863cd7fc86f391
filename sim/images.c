/* images.c - image pull policy, per-node cache, serial puller, pull backoff.
 *
 * Mirrors pkg/kubelet/images (kubelet-semantics.md section 8):
 * IfNotPresent and Never use a cached image; Always pulls on every start,
 * restarts included.  Pulls go through one node-wide serial puller (the
 * default serializeImagePulls=true), so a pull waits for the ones queued
 * before it.  A failed pull calls Next on the image backoff (key pod UID +
 * image) and reports ErrImagePull; while now - lastUpdate < backoff the
 * manager refuses without contacting the registry (ImagePullBackOff).
 * Pull durations come from the Simulation document's per-image
 * distributions, drawn from the container's own stream.
 *
 * Before all that, EnsureImageExists parses the reference
 * (applyDefaultImageTag -> parsers.ParseImageName ->
 * reference.ParseNormalizedNamed, imageref.c): a reference it cannot parse
 * records a Warning InspectFailed event (events.FailedToInspectImage) and
 * fails with InvalidImageName on every sync, without a backoff.
 */
#include "images.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imageref.h"
#include "kuberuntime.h"

typedef struct pull_req {
	kctr *c;
	images_done_fn done;
	void *ctx;
	simtime_t enqueued, started;
	struct pull_req *next;
} pull_req;

static void puller_finish(engine *e, void *ctx);

void images_init(node *n)
{
	engine_timer_init(&n->puller_timer, puller_finish, n);
	const kubelet_settings *ks = n->w->ks;
	for (int i = 0; i < ks->n_images; i++)
		if (ks->images[i].present && strcmp(ks->images[i].image, "*") != 0) {
			XGROW(n->images, n->n_images, n->cap_images);
			n->images[n->n_images++] = xstrdup(ks->images[i].image);
		}
}

void images_release(node *n)
{
	for (int i = 0; i < n->n_images; i++)
		free(n->images[i]);
	free(n->images);
	while (n->pull_queue) {
		pull_req *r = n->pull_queue;
		n->pull_queue = r->next;
		free(r);
	}
}

void images_normalize(const char *image, char *buf, size_t len)
{
	const char *slash = strchr(image, '/');
	bool has_registry = slash && (memchr(image, '.', (size_t)(slash - image)) ||
				      memchr(image, ':', (size_t)(slash - image)) ||
				      strncmp(image, "localhost/", 10) == 0);
	const char *last = strrchr(image, '/');
	bool tagged = strchr(last ? last : image, ':') || strchr(image, '@');
	snprintf(buf, len, "%s%s%s%s", has_registry ? "" : "docker.io/",
		 has_registry || slash ? "" : "library/", image, tagged ? "" : ":latest");
}

static bool image_present(const node *n, const char *image)
{
	for (int i = 0; i < n->n_images; i++)
		if (strcmp(n->images[i], image) == 0)
			return true;
	return false;
}

static const image_timing *timing_for(const node *n, const char *image)
{
	const kubelet_settings *ks = n->w->ks;
	const image_timing *star = NULL;
	for (int i = 0; i < ks->n_images; i++) {
		if (strcmp(ks->images[i].image, image) == 0)
			return &ks->images[i];
		if (strcmp(ks->images[i].image, "*") == 0)
			star = &ks->images[i];
	}
	return star;
}

static void backoff_key(const kctr *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s_%s", c->p->meta.uid, c->spec->image);
}

/* A pull duration as the Pulled message prints it: Go's duration text,
 * truncated to milliseconds from 1.30 (when the image size joined the
 * message), with full precision before ("in 32.341313682s"). */
static void pull_time_text(const node *n, simtime_t d, char *buf, size_t len)
{
	duration_format(n->w->version_minor >= 30 ? d - d % NSEC_PER_MSEC : d, buf, len);
}

static void start_next_pull(node *n, simtime_t now)
{
	if (n->puller_busy || !n->pull_queue)
		return;
	pull_req *r = n->pull_queue;
	const image_timing *t = timing_for(n, r->c->spec->image);
	simtime_t d = t ? dist_sample(&t->pull, r->c->rng) : SEC(2);
	r->started = now;
	n->puller_busy = true;
	engine_schedule(n->w->eng, &n->puller_timer, now + d);
}

static void pull_succeeded(node *n, pull_req *r, simtime_t now)
{
	kctr *c = r->c;
	const image_timing *t = timing_for(n, c->spec->image);
	char fp[128], took[32], total[32];
	pull_time_text(n, now - r->started, took, sizeof(took));
	pull_time_text(n, now - r->enqueued, total, sizeof(total));
	if (!image_present(n, c->spec->image)) {
		XGROW(n->images, n->n_images, n->cap_images);
		n->images[n->n_images++] = xstrdup(c->spec->image);
	}
	backoff_gc(n->image_backoff, now);
	/* the image size joined the message in 1.30 (kubernetes#121719) */
	char size[64] = "";
	if (n->w->version_minor >= 30)
		snprintf(size, sizeof(size), " Image size: %lld bytes.",
			 (long long)(t && t->size_bytes ? t->size_bytes : 4194304));
	recorder_eventf(n->w->rec, now, &c->p->meta, kuberuntime_field_path(c, fp, sizeof(fp)), "Normal",
			"Pulled", "Successfully pulled image \"%s\" in %s (%s including waiting).%s",
			c->spec->image, took, total, size);
	r->done(r->ctx, "", "");
}

static void pull_failed(node *n, pull_req *r, simtime_t now)
{
	kctr *c = r->c;
	char fp[128], key[256], msg[API_MSG_LEN];
	backoff_key(c, key, sizeof(key));
	backoff_next(n->image_backoff, key, now, now);
	snprintf(msg, sizeof(msg),
		 "failed to pull and unpack image \"%s\": failed to resolve reference: not found",
		 c->spec->image);
	recorder_eventf(n->w->rec, now, &c->p->meta, kuberuntime_field_path(c, fp, sizeof(fp)), "Warning",
			"Failed", "Failed to pull image \"%s\": %s", c->spec->image, msg);
	r->done(r->ctx, "ErrImagePull", msg);
}

static void puller_finish(engine *e, void *ctx)
{
	node *n = ctx;
	simtime_t now = engine_now(e);
	pull_req *r = n->pull_queue;
	assert(r && n->puller_busy);
	n->pull_queue = r->next;
	if (!n->pull_queue)
		n->pull_tail = NULL;
	n->puller_busy = false;
	const image_timing *t = timing_for(n, r->c->spec->image);
	if (t && t->unpullable)
		pull_failed(n, r, now);
	else
		pull_succeeded(n, r, now);
	free(r);
	start_next_pull(n, now);
}

static void enqueue_pull(kctr *c, simtime_t now, images_done_fn done, void *ctx)
{
	node *n = c->p->n;
	char fp[128];
	recorder_eventf(n->w->rec, now, &c->p->meta, kuberuntime_field_path(c, fp, sizeof(fp)), "Normal",
			"Pulling", "Pulling image \"%s\"", c->spec->image);
	pull_req *r = xcalloc(1, sizeof(*r));
	*r = (pull_req){c, done, ctx, now, -1, NULL};
	if (n->pull_tail)
		n->pull_tail->next = r;
	else
		n->pull_queue = r;
	n->pull_tail = r;
	start_next_pull(n, now);
}

/* applyDefaultImageTag failed: "Failed to apply default image tag %q:
 * couldn't parse image name %q: <reference error>" (image_manager.go,
 * pkg/util/parsers/parsers.go). */
static bool invalid_name(kctr *c, simtime_t now, const char *fp, images_done_fn done, void *ctx)
{
	char err[API_MSG_LEN], q[API_MSG_LEN], msg[3 * API_MSG_LEN + 80];
	if (imageref_parse(c->spec->image, err, sizeof(err)))
		return false;
	imageref_quote(c->spec->image, q, sizeof(q));
	snprintf(msg, sizeof(msg), "Failed to apply default image tag %s: couldn't parse image name %s: %s",
		 q, q, err);
	recorder_event(c->p->n->w->rec, now, &c->p->meta, fp, "Warning", "InspectFailed", msg);
	done(ctx, "InvalidImageName", msg);
	return true;
}

void images_ensure(kctr *c, simtime_t now, images_done_fn done, void *ctx)
{
	node *n = c->p->n;
	char fp[128], key[256], msg[API_MSG_LEN];
	kuberuntime_field_path(c, fp, sizeof(fp));
	if (invalid_name(c, now, fp, done, ctx))
		return;
	bool present = image_present(n, c->spec->image);
	if (c->spec->image_pull_policy != PULL_ALWAYS && present) {
		recorder_eventf(n->w->rec, now, &c->p->meta, fp, "Normal", "Pulled",
				n->w->version_minor >= 35
					? "Container image \"%s\" already present on machine and can be accessed by the pod"
					: "Container image \"%s\" already present on machine",
				c->spec->image);
		done(ctx, "", "");
		return;
	}
	if (c->spec->image_pull_policy == PULL_NEVER) {
		snprintf(msg, sizeof(msg), "Container image \"%s\" is not present with pull policy of Never",
			 c->spec->image);
		recorder_event(n->w->rec, now, &c->p->meta, fp, "Warning", "ErrImageNeverPull", msg);
		done(ctx, "ErrImageNeverPull", msg);
		return;
	}
	backoff_key(c, key, sizeof(key));
	if (backoff_in_backoff_since_update(n->image_backoff, key, now)) {
		recorder_eventf(n->w->rec, now, &c->p->meta, fp, "Normal", "BackOff",
				"Back-off pulling image \"%s\"", c->spec->image);
		snprintf(msg, sizeof(msg), "Back-off pulling image \"%s\"", c->spec->image);
		done(ctx, "ImagePullBackOff", msg);
		return;
	}
	enqueue_pull(c, now, done, ctx);
}
