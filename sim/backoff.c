/* backoff.c - the kubelet's restart and image-pull backoff objects.
 *
 * Mirrors client-go util/flowcontrol/backoff.go as used by the kubelet
 * (kubelet-semantics.md section 2.1-2.2): no jitter, Next() doubles up to max
 * and stamps lastUpdate with the clock (not the event time), expiry is a flat
 * threshold on eventTime - lastUpdate (600 s for container restarts since
 * 1.32; 2*max for image pulls, which gives 600 s with the defaults).
 * IsInBackOffSince measures from the event time (the exited instance's
 * FinishedAt); IsInBackOffSinceUpdate, used for pulls, from lastUpdate.
 *
 * Entries live in an open-addressing hash table keyed by strings; the
 * kubelet's keys (pod, uid, container, spec hash) are built by callers.
 * GC (the kubelet calls it at every container start) does not scan the
 * table: Next stamps lastUpdate with the clock, which never goes back, so
 * a FIFO of (lastUpdate, key) in call order is sorted, and an entry can
 * only be expired if its newest stamp is at the head.  Records whose entry
 * was updated since are stale and dropped when they reach the head.
 */
#include "backoff.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
	char *key; /* NULL = empty slot; TOMB = deleted */
	simtime_t backoff;
	simtime_t last_update;
} entry;

static char tomb_marker;
#define TOMB (&tomb_marker)

typedef struct stamp {
	char *key; /* owned */
	simtime_t last_update;
} stamp;

struct backoff {
	simtime_t initial, max, expire_after;
	entry *slots;
	size_t cap, used; /* used counts live + tombstones */
	stamp *fifo;      /* Next calls in order; fifo[head..n) pending */
	size_t head, n, fifo_cap;
};

static uint64_t hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return h;
}

backoff *backoff_new(simtime_t initial, simtime_t max, simtime_t expire_after)
{
	assert(initial > 0 && max >= initial);
	backoff *b = xcalloc(1, sizeof(*b));
	b->initial = initial;
	b->max = max;
	b->expire_after = expire_after;
	b->cap = 16;
	b->slots = xcalloc(b->cap, sizeof(entry));
	return b;
}

void backoff_free(backoff *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->cap; i++)
		if (b->slots[i].key && b->slots[i].key != TOMB)
			free(b->slots[i].key);
	free(b->slots);
	for (size_t i = b->head; i < b->n; i++)
		free(b->fifo[i].key);
	free(b->fifo);
	free(b);
}

static entry *find(const backoff *b, const char *key)
{
	for (size_t i = hash(key) & (b->cap - 1);; i = (i + 1) & (b->cap - 1)) {
		entry *e = &b->slots[i];
		if (!e->key)
			return NULL;
		if (e->key != TOMB && strcmp(e->key, key) == 0)
			return e;
	}
}

static void grow(backoff *b)
{
	entry *old = b->slots;
	size_t oldcap = b->cap;
	b->cap *= 2;
	b->slots = xcalloc(b->cap, sizeof(entry));
	b->used = 0;
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].key || old[i].key == TOMB)
			continue;
		size_t j = hash(old[i].key) & (b->cap - 1);
		while (b->slots[j].key)
			j = (j + 1) & (b->cap - 1);
		b->slots[j] = old[i];
		b->used++;
	}
	free(old);
}

static entry *insert(backoff *b, const char *key)
{
	if (2 * (b->used + 1) > b->cap)
		grow(b);
	size_t i = hash(key) & (b->cap - 1);
	while (b->slots[i].key && b->slots[i].key != TOMB)
		i = (i + 1) & (b->cap - 1);
	if (!b->slots[i].key)
		b->used++;
	b->slots[i].key = xstrdup(key);
	return &b->slots[i];
}

static bool expired(const backoff *b, const entry *e, simtime_t event_time)
{
	return event_time - e->last_update > b->expire_after;
}

void backoff_next(backoff *b, const char *key, simtime_t event_time, simtime_t now)
{
	entry *e = find(b, key);
	if (!e)
		e = insert(b, key), e->backoff = 0;
	if (e->backoff == 0 || expired(b, e, event_time))
		e->backoff = b->initial;
	else
		e->backoff = e->backoff * 2 > b->max ? b->max : e->backoff * 2;
	assert(b->n == b->head || b->fifo[b->n - 1].last_update <= now);
	e->last_update = now;
	if (b->head > 0 && b->n == b->fifo_cap && 2 * b->head >= b->n) {
		memmove(b->fifo, b->fifo + b->head, (b->n - b->head) * sizeof(stamp));
		b->n -= b->head;
		b->head = 0;
	}
	XGROW(b->fifo, b->n, b->fifo_cap);
	b->fifo[b->n++] = (stamp){xstrdup(key), now};
}

bool backoff_in_backoff_since(const backoff *b, const char *key, simtime_t event_time,
			      simtime_t now)
{
	const entry *e = find(b, key);
	if (!e || expired(b, e, event_time))
		return false;
	return now - event_time < e->backoff;
}

bool backoff_in_backoff_since_update(const backoff *b, const char *key, simtime_t event_time)
{
	const entry *e = find(b, key);
	if (!e || expired(b, e, event_time))
		return false;
	return event_time - e->last_update < e->backoff;
}

simtime_t backoff_get(const backoff *b, const char *key)
{
	const entry *e = find(b, key);
	return e ? e->backoff : 0;
}

void backoff_gc(backoff *b, simtime_t now)
{
	while (b->head < b->n && now - b->fifo[b->head].last_update > b->expire_after) {
		stamp *s = &b->fifo[b->head++];
		entry *e = find(b, s->key);
		if (e && e->last_update == s->last_update) {
			assert(expired(b, e, now));
			free(e->key);
			e->key = TOMB;
		}
		free(s->key);
	}
}
