/* recorder.c - the kubelet's event recorder: client-go tools/record's EventCorrelator.
 *
 * Every event passes three stages, in the order EventCorrelate applies them:
 *
 *   aggregate   key = source + object (no fieldPath) + type + reason +
 *               reporting controller/instance; the record remembers the
 *               distinct messages seen and when the last one came.  A gap of
 *               more than 600 s forgets them.  When the 10th distinct message
 *               arrives, the event is replaced by "(combined from similar
 *               events): <message>", correlated under the aggregate key, and
 *               one remembered message is dropped so the set holds 9 again.
 *   de-dup      key = source + object incl. fieldPath + type + reason +
 *               message (or the aggregate key).  A hit reuses the first
 *               occurrence's name and firstTimestamp with count + 1.
 *   spam filter token bucket per source + object + type: 25 tokens, one
 *               more every 300 s.  A dropped event has already been counted
 *               by the de-dup stage, so the next one that passes carries the
 *               full count.  The type joined getSpamKey in client-go
 *               aa6ed1bae (2024; older docs say source + object): Normal
 *               events of one pod share a bucket, so in a long crash loop
 *               Pulled takes each restart's token and Created/Started show
 *               stale counts, as in a real cluster (issue 8.14).
 *
 * What survives is written to the store at once: a create for a first
 * occurrence, an update (the real recorder's PATCH) for a repeat.  Like
 * recordEvent, a repeat whose earlier occurrences were all dropped is created
 * rather than patched (the PATCH would fail with NotFound).  Each stage keeps
 * its state in an LRU cache of 4096 entries as client-go does, so a very long
 * run forgets old keys the same way.
 *
 * Deterministic where client-go is not: sets.String.PopAny drops an
 * arbitrary message from a full aggregate record; here the oldest remembered
 * message is dropped.  The spam bucket refills at exactly one token per
 * 300 s (client-go's float32 rate is 8.9 µs faster per token).  Keys are
 * joined with a separator byte rather than client-go's bare concatenation,
 * which only removes accidental collisions.  As in client-go, the combined
 * event carries no reportingComponent/reportingInstance.
 *
 * Event names are "<pod>.<wall-clock Unix nanoseconds in lower-case hex>"
 * (client-go makeEvent: time.Now() of the creating process).  Virtual time
 * lets two processes read the very same nanosecond - the scheduler's
 * Scheduled event and the kubelet's first event can share an instant - and
 * a real API server would refuse the second create (AlreadyExists) and
 * client-go drop the event ("will not retry").  Two real processes reading
 * one clock never collide in practice, so the model is one clock for the
 * cluster whose reads are serialized: each read (the kubelet's recorder and
 * the scheduler, recorder_scheduler_event) is at least 1 ns after the
 * previous one.  Names stay unique and no event is lost.  metav1.Time
 * fields are truncated to whole seconds, eventTime to microseconds, as the
 * API server stores them.
 */
#include "recorder.h"

#include "node.h" /* kpod_meta */

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LRU_CAP 4096       /* maxLruCacheEntries */
#define LRU_BUCKETS 8192 /* > 2 x LRU_CAP: chains stay short when the cache is full */
#define AGG_MAX_EVENTS 10  /* defaultAggregateMaxEvents */
#define AGG_INTERVAL SEC(600)
#define SPAM_BURST 25
#define SPAM_PERIOD SEC(300) /* 1 / defaultSpamQPS */
#define SCHEDULER_NAME "default-scheduler"
#define SCHEDULER_INSTANCE "default-scheduler-control-plane"

typedef struct agg_record {
	char *msgs[AGG_MAX_EVENTS]; /* distinct messages, oldest first; owned */
	int n;
	simtime_t last;
} agg_record;

typedef struct dedup_record {
	int count;
	simtime_t first_timestamp;
	int64_t stamp;  /* the first occurrence's name stamp: its name */
	bool on_server; /* some occurrence got past the spam filter */
} dedup_record;

typedef struct spam_record {
	simtime_t credit; /* refill time banked: one token = SPAM_PERIOD */
	simtime_t last;
} spam_record;

typedef struct entry {
	uint64_t hash;
	struct entry *chain;         /* next in the hash bucket */
	struct entry *newer, *older; /* recency list */
	union {
		agg_record agg;
		dedup_record dedup;
		spam_record spam;
	} v;
	size_t key_cap; /* bytes allocated for key */
	char key[];     /* in the same allocation */
} entry;

/* groupcache's lru.Cache: a hash table plus a recency list; Get and Add
 * move the entry to the front, Add evicts from the back beyond LRU_CAP. */
typedef struct lru {
	entry *buckets[LRU_BUCKETS];
	entry *newest, *oldest;
	int n;
	void (*release)(entry *e); /* frees the value's heap parts, may be NULL */
} lru;

/* One key field, already cut to the size of its api_event field. */
typedef struct field {
	const char *s;
	size_t len;
} field;

struct recorder {
	apiserver *api;   /* not owned */
	field component;  /* source.component (owned string) */
	field host;       /* source.host (owned string) */
	field controller; /* reportingController: the component */
	field instance;   /* reportingInstance: the host */
	int64_t epoch_unix;
	int64_t last_stamp; /* last name stamp given out, wall-clock ns */
	lru agg, dedup, spam;
};

/* ---- LRU cache --------------------------------------------------------- */

/* A multiply-xorshift hash over 8-byte words (keys are ~200 bytes; a
 * byte-at-a-time FNV was the recorder's main cost at 10k pods). */
static uint64_t hash_key(const char *s)
{
	size_t len = strlen(s);
	uint64_t h = UINT64_C(0x9e3779b97f4a7c15) ^ len, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w) * UINT64_C(0xc4ceb9fe1a85ec53);
	return h ^ (h >> 29);
}

static void list_unlink(lru *c, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void list_push_front(lru *c, entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

static entry *find(lru *c, const char *key, uint64_t h)
{
	for (entry *e = c->buckets[h % LRU_BUCKETS]; e; e = e->chain) {
		if (e->hash == h && strcmp(e->key, key) == 0) {
			list_unlink(c, e);
			list_push_front(c, e);
			return e;
		}
	}
	return NULL;
}

/* Takes e out of its bucket and the recency list and releases its value;
 * the entry's memory stays with the caller. */
static void lru_detach(lru *c, entry *e)
{
	entry **pp = &c->buckets[e->hash % LRU_BUCKETS];
	while (*pp != e)
		pp = &(*pp)->chain;
	*pp = e->chain;
	list_unlink(c, e);
	if (c->release)
		c->release(e);
	c->n--;
}

static void lru_remove(lru *c, entry *e)
{
	lru_detach(c, e);
	free(e);
}

/* Returns the entry for key, creating a zeroed one if absent.  A full
 * cache evicts its oldest entry (what Add's RemoveOldest does right after
 * the insert: the same entries remain) and reuses its memory when the key
 * fits, so a cache thrashed by 10k pods does not malloc per event. */
static entry *lru_add(lru *c, const char *key, bool *created)
{
	uint64_t h = hash_key(key);
	entry *e = find(c, key, h);
	*created = e == NULL;
	if (e)
		return e;
	size_t len = strlen(key);
	entry *old = NULL;
	if (c->n == LRU_CAP) {
		old = c->oldest;
		lru_detach(c, old);
	}
	if (old && old->key_cap > len) {
		e = old;
	} else {
		free(old);
		size_t cap = (len + 64) & ~(size_t)63;
		e = xmalloc(sizeof(*e) + cap);
		e->key_cap = cap;
	}
	memset(e, 0, offsetof(entry, key_cap));
	memcpy(e->key, key, len + 1);
	e->hash = h;
	e->chain = c->buckets[h % LRU_BUCKETS];
	c->buckets[h % LRU_BUCKETS] = e;
	list_push_front(c, e);
	c->n++;
	assert(c->n <= LRU_CAP);
	return e;
}

static void lru_release(lru *c)
{
	while (c->oldest)
		lru_remove(c, c->oldest);
	assert(c->n == 0);
}

static void agg_release(entry *e)
{
	for (int i = 0; i < e->v.agg.n; i++)
		free(e->v.agg.msgs[i]);
}

/* ---- keys -------------------------------------------------------------- */

static field cut(const char *s, size_t size)
{
	return (field){s, strnlen(s, size - 1)};
}

#define CUT(s, member) cut((s), sizeof(((api_event *)0)->member))

/* An event before it exists: what the three stages read, so that the
 * api_event (1.2 KB) is only built for the events that get past the spam
 * filter (a quarter of them in the fleet).  text is a buffer of the
 * api_event message's size, message its current contents. */
typedef struct draft {
	field ns, name, uid, field_path, type, reason, message;
	char *text;    /* the message buffer */
	bool combined; /* aggregated: no reporting controller/instance */
} draft;

/* Every key fits: the sum of the api_event field sizes it joins. */
#define KEY_MAX (sizeof(api_event) + 16)

/* Joins the n fields with the ASCII unit separator into buf (KEY_MAX). */
static const char *join(char *buf, const field *f, int n)
{
	char *p = buf;
	for (int i = 0; i < n; i++) {
		memcpy(p, f[i].s, f[i].len);
		p += f[i].len;
		*p++ = i + 1 < n ? '\x1f' : '\0';
	}
	assert((size_t)(p - buf) <= KEY_MAX);
	return buf;
}

static const field POD = {"Pod", 3}, V1 = {"v1", 2};

static const char *aggregate_key(char *buf, const recorder *r, const draft *d)
{
	const field f[] = {r->component, r->host, POD, d->ns, d->name, d->uid, V1, d->type,
			   d->reason, r->controller, r->instance};
	return join(buf, f, 11);
}

static const char *event_key(char *buf, const recorder *r, const draft *d)
{
	const field f[] = {r->component, r->host, POD, d->ns, d->name, d->field_path, d->uid, V1,
			   d->type, d->reason, d->message};
	return join(buf, f, 11);
}

static const char *spam_key(char *buf, const recorder *r, const draft *d)
{
	const field f[] = {r->component, r->host, POD, d->ns, d->name, d->uid, V1, d->type};
	return join(buf, f, 8);
}

/* ---- the three stages -------------------------------------------------- */

/* "<pod>.<wall_ns in lower-case hex>" (GenerateEventName's %v.%x). */
static void event_name(char *buf, size_t len, const char *pod, int64_t wall_ns)
{
	char hex[17];
	int n = 0;
	uint64_t v = (uint64_t)wall_ns;
	do
		hex[16 - ++n] = "0123456789abcdef"[v & 15];
	while ((v >>= 4) != 0);
	size_t plen = strnlen(pod, len - 1);
	assert(plen + 1 + (size_t)n < len);
	memcpy(buf, pod, plen);
	buf[plen] = '.';
	memcpy(buf + plen + 1, hex + 16 - n, (size_t)n);
	buf[plen + 1 + n] = '\0';
}

/* Remembers d's message under its aggregate key; on the 10th distinct
 * message turns d into the combined event.  Returns the correlation key
 * for the de-dup stage, written into buf (KEY_MAX). */
static const char *aggregate(recorder *r, simtime_t now, draft *d, char *buf)
{
	const char *akey = aggregate_key(buf, r, d);
	bool created;
	agg_record *a = &lru_add(&r->agg, akey, &created)->v.agg;
	if (!created && now - a->last > AGG_INTERVAL) {
		for (int i = 0; i < a->n; i++)
			free(a->msgs[i]);
		a->n = 0;
	}
	a->last = now;
	int i = 0;
	while (i < a->n && strcmp(a->msgs[i], d->text) != 0)
		i++;
	if (i == a->n)
		a->msgs[a->n++] = xstrndup(d->text, d->message.len);
	if (a->n < AGG_MAX_EVENTS)
		return event_key(buf, r, d);
	free(a->msgs[0]);
	memmove(a->msgs, a->msgs + 1, (size_t)(--a->n) * sizeof(a->msgs[0]));
	static const char prefix[] = "(combined from similar events): ";
	size_t size = sizeof(((api_event *)0)->message), room = size - sizeof(prefix);
	size_t keep = d->message.len < room ? d->message.len : room;
	memmove(d->text + sizeof(prefix) - 1, d->text, keep);
	memcpy(d->text, prefix, sizeof(prefix) - 1);
	d->text[sizeof(prefix) - 1 + keep] = '\0';
	d->message.len = sizeof(prefix) - 1 + keep;
	d->combined = true;
	return akey;
}

/* Counts an event under key; returns the de-dup record (valid until the
 * next cache operation), whose count is the event's. */
static dedup_record *deduplicate(recorder *r, const char *key, simtime_t now, int64_t stamp)
{
	bool created;
	dedup_record *d = &lru_add(&r->dedup, key, &created)->v.dedup;
	if (created) {
		d->count = 1;
		d->first_timestamp = simtime_trunc_sec(now);
		d->stamp = stamp;
		return d;
	}
	d->count++;
	return d;
}

/* True when the object's token bucket has a token for d (and takes it). */
static bool spam_accept(recorder *r, simtime_t now, const draft *d)
{
	char buf[KEY_MAX];
	bool created;
	spam_record *s = &lru_add(&r->spam, spam_key(buf, r, d), &created)->v.spam;
	if (created)
		s->credit = SPAM_BURST * SPAM_PERIOD;
	else
		s->credit += now - s->last;
	if (s->credit > SPAM_BURST * SPAM_PERIOD)
		s->credit = SPAM_BURST * SPAM_PERIOD;
	s->last = now;
	if (s->credit < SPAM_PERIOD)
		return false;
	s->credit -= SPAM_PERIOD;
	return true;
}

/* ---- public ------------------------------------------------------------ */

static void involve_pod(api_event *ev, const char *namespace, const char *name, const char *uid)
{
	api_strcpy(ev->namespace, sizeof(ev->namespace), namespace[0] ? namespace : "default");
	api_strcpy(ev->involved_kind, sizeof(ev->involved_kind), "Pod");
	api_strcpy(ev->involved_name, sizeof(ev->involved_name), name);
	api_strcpy(ev->involved_uid, sizeof(ev->involved_uid), uid);
}

/* The wall-clock nanoseconds for a new event's name.  A real clock never
 * reads the same nanosecond twice, but virtual time often does (several
 * events at one instant), and equal names would collide in the store; so
 * stamps are made strictly increasing by nudging a repeat 1 ns forward. */
static int64_t name_stamp(recorder *r, simtime_t now)
{
	int64_t ns = r->epoch_unix * NSEC_PER_SEC + now;
	if (ns <= r->last_stamp)
		ns = r->last_stamp + 1;
	r->last_stamp = ns;
	return ns;
}

/* makeEvent + generateEvent for an event that passed the three stages:
 * count and firstTimestamp come from its de-dup record. */
static void make_event(const recorder *r, simtime_t now, const kpod_meta *pod, const draft *dr,
		       const dedup_record *d, api_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	event_name(ev->name, sizeof(ev->name), pod->name, d->stamp);
	involve_pod(ev, pod->namespace, pod->name, pod->uid);
	memcpy(ev->field_path, dr->field_path.s, dr->field_path.len);
	memcpy(ev->type, dr->type.s, dr->type.len);
	memcpy(ev->reason, dr->reason.s, dr->reason.len);
	memcpy(ev->message, dr->text, dr->message.len);
	memcpy(ev->source_component, r->component.s, r->component.len);
	memcpy(ev->source_host, r->host.s, r->host.len);
	if (!dr->combined) {
		memcpy(ev->reporting_controller, r->controller.s, r->controller.len);
		memcpy(ev->reporting_instance, r->instance.s, r->instance.len);
	}
	ev->first_timestamp = d->first_timestamp;
	ev->last_timestamp = simtime_trunc_sec(now);
	ev->event_time = -1;
	ev->series_last_observed = -1;
	ev->count = d->count;
}

void recorder_event(recorder *r, simtime_t now, const kpod_meta *pod, const char *field_path,
		    const char *type, const char *reason, const char *message)
{
	assert(r && pod && field_path && type && reason && message);
	assert(strcmp(type, "Normal") == 0 || strcmp(type, "Warning") == 0);
	int64_t stamp = name_stamp(r, now); /* every event reads the clock */
	char text[sizeof(((api_event *)0)->message)];
	draft dr = {.ns = CUT(pod->namespace[0] ? pod->namespace : "default", namespace),
		    .name = CUT(pod->name, involved_name),
		    .uid = CUT(pod->uid, involved_uid),
		    .field_path = CUT(field_path, field_path),
		    .type = CUT(type, type),
		    .reason = CUT(reason, reason),
		    .message = CUT(message, message),
		    .text = text};
	memcpy(text, message, dr.message.len);
	text[dr.message.len] = '\0';
	dr.message.s = text;

	char buf[KEY_MAX];
	dedup_record *d = deduplicate(r, aggregate(r, now, &dr, buf), now, stamp);
	bool update = d->on_server && d->count > 1;
	if (!spam_accept(r, now, &dr))
		return;
	d->on_server = true; /* d stays valid: spam_accept only touches r->spam */
	api_event ev;
	make_event(r, now, pod, &dr, d, &ev);
	if (update)
		apiserver_event_update(r->api, now, &ev);
	else
		apiserver_event_create(r->api, now, &ev);
}

void recorder_eventf(recorder *r, simtime_t now, const kpod_meta *pod, const char *field_path,
		     const char *type, const char *reason, const char *fmt, ...)
{
	assert(fmt);
	char text[sizeof(((api_event *)0)->message)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	recorder_event(r, now, pod, field_path, type, reason, text);
}

void recorder_scheduler_event(recorder *clock, simtime_t now, const api_pod *pod,
			      const char *type, const char *reason, const char *message)
{
	assert(clock && pod && type && reason && message);
	api_event ev;
	memset(&ev, 0, sizeof(ev));
	/* the scheduler's time.Now() is one more read of the cluster's clock */
	event_name(ev.name, sizeof(ev.name), pod->name, name_stamp(clock, now));
	involve_pod(&ev, pod->namespace, pod->name, pod->uid);
	snprintf(ev.type, sizeof(ev.type), "%s", type);
	snprintf(ev.reason, sizeof(ev.reason), "%s", reason);
	snprintf(ev.message, sizeof(ev.message), "%s", message);
	snprintf(ev.reporting_controller, sizeof(ev.reporting_controller), SCHEDULER_NAME);
	snprintf(ev.reporting_instance, sizeof(ev.reporting_instance), SCHEDULER_INSTANCE);
	ev.first_timestamp = ev.last_timestamp = -1;
	ev.event_time = now - ((now % 1000) + 1000) % 1000; /* MicroTime */
	ev.series_last_observed = -1;
	apiserver_event_create(clock->api, now, &ev);
}

recorder *recorder_new(apiserver *api, const char *component, const char *host,
		       int64_t epoch_unix)
{
	assert(api && component && host);
	recorder *r = xcalloc(1, sizeof(*r));
	r->api = api;
	r->component = CUT(xstrdup(component), source_component);
	r->host = CUT(xstrdup(host), source_host);
	r->controller = CUT(r->component.s, reporting_controller);
	r->instance = CUT(r->host.s, reporting_instance);
	r->epoch_unix = epoch_unix;
	r->last_stamp = INT64_MIN;
	r->agg.release = agg_release;
	return r;
}

void recorder_free(recorder *r)
{
	if (!r)
		return;
	lru_release(&r->agg);
	lru_release(&r->dedup);
	lru_release(&r->spam);
	free((char *)r->component.s);
	free((char *)r->host.s);
	free(r);
}
