/* rng.h - named random streams, duration syntax and distribution specs.
 *
 * Every random draw in podsim comes from a GSL generator owned by a named
 * stream ("node/node-1", "pod/default/web", "pod/default/web/c/app", ...).
 * A stream's seed is a hash of (run seed, stream name), so adding a pod to a
 * scenario never shifts the draws of the pods already there.
 */
#ifndef RNG_H
#define RNG_H

#include "podsim.h"

#include <gsl/gsl_rng.h>

/* A stream: owned by whoever calls rng_stream_new; free with rng_stream_free. */
typedef struct rng_stream {
	gsl_rng *r;
	char *name;
} rng_stream;

rng_stream *rng_stream_new(uint64_t run_seed, const char *name);
void rng_stream_free(rng_stream *s);
/* Uniform double in [0,1). */
double rng_uniform(rng_stream *s);

typedef enum {
	DIST_NONE = 0,   /* unset: callers apply their own default */
	DIST_CONST,      /* a */
	DIST_UNIFORM,    /* uniform(a,b): [a,b) */
	DIST_NORMAL,     /* normal(a,b): mean a, std dev b, truncated at 0 */
	DIST_LOGNORMAL,  /* lognormal(a,sigma): median a, shape sigma */
	DIST_EXPONENTIAL /* exponential(a): mean a */
} dist_kind;

typedef struct dist_spec {
	dist_kind kind;
	simtime_t a, b;
	double sigma;
} dist_spec;

/* Parse a Go/Kubernetes duration ("500ms", "10s", "2m30s", "1h", "1.5s",
 * "0").  Returns 0 on success, -1 on bad syntax (negative values are bad),
 * DURATION_TOO_LONG when the syntax is good but the value is longer than
 * SIM_TIME_LIMIT (Go's own limit, ~292 years, is the int64 one). */
enum { DURATION_TOO_LONG = -2 };
int duration_parse(const char *text, simtime_t *out);
/* Format a duration the way Go's time.Duration.String() does ("2m30s",
 * "1.5s", "500ms", "0s") into buf. */
void duration_format(simtime_t d, char *buf, size_t len);

/* The largest lognormal shape accepted: sigma 10 already puts one draw in
 * a thousand beyond e^31 times the median; more is a typo, not a model. */
#define DIST_SIGMA_MAX 10.0

/* Parse a distribution: a plain duration (constant), "uniform(1s,3s)",
 * "normal(2s,200ms)", "lognormal(2s,0.5)", "exponential(3s)".  Every
 * duration is at most SIM_TIME_LIMIT and a shape a finite number from 0 to
 * DIST_SIGMA_MAX.  Returns 0, or -1 with a short reason written to err. */
int dist_parse(const char *text, dist_spec *out, char *err, size_t errlen);
/* Draw one value, from 0 to SIM_TIME_LIMIT: a draw past the limit (the far
 * tail of a wide lognormal or normal) is clamped to it, so no consumer ever
 * sees a time that overflows.  DIST_CONST draws nothing from the stream. */
simtime_t dist_sample(const dist_spec *d, rng_stream *s);
/* Render a spec back to its text form. */
void dist_format(const dist_spec *d, char *buf, size_t len);

/* Kubernetes' wait.Jitter(d, f): uniform in [d, d*(1+f)). */
simtime_t rng_jitter(rng_stream *s, simtime_t d, double factor);

#endif
