/* backoff.h - client-go flowcontrol.Backoff as the kubelet configures it.
 *
 * Per key: the current backoff and the instant of the last Next().  The
 * kubelet keeps two such objects per node: container restarts (no jitter,
 * initial 10 s, max 300 s, an entry expires when eventTime - lastUpdate >
 * 600 s) and image pulls (initial 10 s, max 300 s, expiry 2*max).
 */
#ifndef BACKOFF_H
#define BACKOFF_H

#include "podsim.h"

typedef struct backoff backoff;

/* expire_after: an entry is expired when eventTime - lastUpdate > expire_after. */
backoff *backoff_new(simtime_t initial, simtime_t max, simtime_t expire_after);
void backoff_free(backoff *b);
/* Next(key, eventTime): create (initial) if absent or expired w.r.t.
 * event_time, else double up to max; lastUpdate = now. */
void backoff_next(backoff *b, const char *key, simtime_t event_time, simtime_t now);
/* IsInBackOffSince: entry live w.r.t. event_time and now - event_time < backoff. */
bool backoff_in_backoff_since(const backoff *b, const char *key, simtime_t event_time,
			      simtime_t now);
/* IsInBackOffSinceUpdate: entry live and event_time - lastUpdate < backoff. */
bool backoff_in_backoff_since_update(const backoff *b, const char *key, simtime_t event_time);
/* Current backoff for key, 0 if none. */
simtime_t backoff_get(const backoff *b, const char *key);
/* Drop every entry that is expired at now. */
void backoff_gc(backoff *b, simtime_t now);

#endif
