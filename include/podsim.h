/* podsim.h - types and helpers shared by every module.
 *
 * Virtual time is a signed 64-bit count of nanoseconds since the start of the
 * simulation (the Simulation document's startTime maps to 0).  Integer time
 * keeps event order exact and runs reproducible; 2^63 ns is ~292 years, and
 * SIM_TIME_LIMIT below keeps every input well inside it.  Wall-clock instants printed for users are startTime +
 * virtual time.
 *
 * Out-of-memory is not a recoverable condition in a simulator: every
 * allocation goes through xmalloc() and friends, which abort with a message.
 * Programmer errors are assert()s that stay on in every build (the Makefile
 * never defines NDEBUG).
 */
#ifndef PODSIM_H
#define PODSIM_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t simtime_t;

#define NSEC_PER_MSEC INT64_C(1000000)
#define NSEC_PER_SEC INT64_C(1000000000)
#define SEC(x) ((simtime_t)(x) * NSEC_PER_SEC)
#define MSEC(x) ((simtime_t)(x) * NSEC_PER_MSEC)
#define SIMTIME_NEVER INT64_MAX

/* The longest stretch of virtual time podsim handles: 100 years of 365 days
 * (876000h).  A run's length, every duration read from input and every
 * random draw are at most this, so any instant the simulation computes
 * (startedBefore before 0, now plus a few delays after it) stays far inside
 * the +-292 years of simtime_t without overflow checks at every addition.
 * Longer input is refused with an error naming the limit. */
#define SIM_TIME_LIMIT SEC(INT64_C(100) * 365 * 86400)
#define SIM_TIME_LIMIT_TEXT "876000h (100 years)"

/* The longest pod or node name podsim holds: the API objects keep names in
 * fixed arrays of API_NAME_LEN (api.h) bytes.  The API server allows pod
 * names up to 253 characters (an RFC 1123 subdomain); longer than this is
 * refused with an error naming podsim's limit rather than cut short. */
#define SIM_NAME_MAX 63

/* The range of the Simulation document's startTime, in Unix seconds:
 * 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z.  Wall-clock instants are
 * computed as nanoseconds since the Unix epoch (event names, timestamps), so
 * startTime plus SIM_TIME_LIMIT must stay before 2262, where int64
 * nanoseconds end; times before 1970 are refused rather than made negative. */
#define SIM_START_MIN_UNIX INT64_C(0)
#define SIM_START_MAX_UNIX INT64_C(4102444800)
_Static_assert(SIM_START_MAX_UNIX * NSEC_PER_SEC <= INT64_MAX - SIM_TIME_LIMIT,
	       "startTime + the time limit fits in int64 nanoseconds");

/* metav1.Time is serialised with whole seconds: API timestamps are truncated. */
static inline simtime_t simtime_trunc_sec(simtime_t t)
{
	return t - (t % NSEC_PER_SEC + NSEC_PER_SEC) % NSEC_PER_SEC;
}

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new heap string */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow-on-demand array helper: ensures (*arr) has room for need elements. */
#define XGROW(arr, n, cap)                                                    \
	do {                                                                  \
		if ((n) >= (cap)) {                                           \
			(cap) = (cap) ? 2 * (cap) : 8;                        \
			(arr) = xrealloc((arr), (size_t)(cap) * sizeof(*(arr))); \
		}                                                             \
	} while (0)

/* Exit codes of the podsim command. */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_BADINPUT = 2 };

#endif
