/* rng.c - named random streams, Go duration syntax, distribution specs.
 *
 * Reproducibility is a product promise: same input + same seed => same
 * bytes.  Every consumer draws from its own stream, and a stream's seed is
 * derived from (run seed, stream name) with FNV-1a and SplitMix64, so the
 * number of draws made by one pod never shifts another pod's draws.  The
 * alternative of one global generator was rejected because adding a pod to a
 * scenario would change every other pod's trace.
 *
 * Durations use Go's time.ParseDuration grammar ("1h2m3.5s", "500ms"),
 * which is what Kubernetes users write in kubelet configuration.
 * Distributions are a small text syntax backed by GSL samplers.
 */
#include "rng.h"

#include <ctype.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t splitmix64(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return h;
}

rng_stream *rng_stream_new(uint64_t run_seed, const char *name)
{
	rng_stream *s = xcalloc(1, sizeof(*s));
	s->r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!s->r) {
		fprintf(stderr, "podsim: out of memory allocating a generator\n");
		abort();
	}
	uint64_t seed = splitmix64(splitmix64(run_seed) ^ fnv1a(name));
	gsl_rng_set(s->r, (unsigned long)(seed & 0xffffffffu) | 1u);
	s->name = xstrdup(name);
	return s;
}

void rng_stream_free(rng_stream *s)
{
	if (!s)
		return;
	gsl_rng_free(s->r);
	free(s->name);
	free(s);
}

double rng_uniform(rng_stream *s)
{
	return gsl_rng_uniform(s->r);
}

simtime_t rng_jitter(rng_stream *s, simtime_t d, double factor)
{
	return d + (simtime_t)(rng_uniform(s) * factor * (double)d);
}

/* ---- durations -------------------------------------------------------- */

static simtime_t unit_of(const char *u, size_t n)
{
	static const struct { const char *name; simtime_t ns; } units[] = {
		{"ns", 1}, {"us", 1000}, {"\xc2\xb5s", 1000}, {"\xce\xbcs", 1000},
		{"ms", NSEC_PER_MSEC}, {"s", NSEC_PER_SEC}, {"m", 60 * NSEC_PER_SEC},
		{"h", 3600 * NSEC_PER_SEC},
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].name) == n && memcmp(units[i].name, u, n) == 0)
			return units[i].ns;
	return 0;
}

/* Parse one "<number><unit>" group at *p and add it to *total.  Returns 0,
 * -1 on bad syntax, DURATION_TOO_LONG when *total would pass SIM_TIME_LIMIT
 * (the rest of the text is still parsed, so bad syntax wins).  Each factor
 * is checked against the limit before it is multiplied or added, and the
 * limit is far inside int64, so no step can overflow. */
static int parse_group(const char **p, simtime_t *total)
{
	const char *s = *p;
	int64_t whole = 0, frac = 0, scale = 1;
	bool digits = false, big = *total > SIM_TIME_LIMIT;
	for (; isdigit((unsigned char)*s); s++, digits = true) {
		if (whole > SIM_TIME_LIMIT / 10)
			big = true;
		else
			whole = whole * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, digits = true)
			if (scale < INT64_C(1000000000000)) {
				frac = frac * 10 + (*s - '0');
				scale *= 10;
			}
	}
	if (!digits)
		return -1;
	const char *u = s;
	while (*s && !isdigit((unsigned char)*s) && *s != '.')
		s++;
	simtime_t unit = unit_of(u, (size_t)(s - u));
	if (!unit)
		return -1;
	*p = s;
	if (big || whole > SIM_TIME_LIMIT / unit) {
		*total = SIM_TIME_LIMIT + 1;
		return DURATION_TOO_LONG;
	}
	/* whole * unit <= limit and the fraction < unit: the sum fits */
	*total += whole * unit + (simtime_t)((double)frac * (double)unit / (double)scale);
	return *total > SIM_TIME_LIMIT ? DURATION_TOO_LONG : 0;
}

int duration_parse(const char *text, simtime_t *out)
{
	const char *p = text;
	if (!p || !*p)
		return -1;
	if (*p == '+')
		p++;
	if (strcmp(p, "0") == 0) {
		*out = 0;
		return 0;
	}
	simtime_t total = 0;
	int rc = 0;
	while (*p) {
		int r = parse_group(&p, &total);
		if (r == -1)
			return -1;
		rc = rc ? rc : r;
	}
	if (rc == 0)
		*out = total;
	return rc;
}

/* Append v/unit with up to prec fractional digits, trailing zeros trimmed. */
static int fmt_frac(char *buf, size_t len, simtime_t v, simtime_t unit, int prec, const char *sfx)
{
	int n = snprintf(buf, len, "%lld", (long long)(v / unit));
	simtime_t rem = v % unit;
	if (rem && n >= 0 && (size_t)n < len) {
		char digits[16];
		snprintf(digits, sizeof(digits), "%0*lld", prec, (long long)rem);
		for (int i = prec - 1; i >= 0 && digits[i] == '0'; i--)
			digits[i] = '\0';
		n += snprintf(buf + n, len - (size_t)n, ".%s", digits);
	}
	if (n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, "%s", sfx);
	return n;
}

void duration_format(simtime_t d, char *buf, size_t len)
{
	if (d == 0) {
		snprintf(buf, len, "0s");
		return;
	}
	int n = 0;
	if (d < 0) {
		n = snprintf(buf, len, "-");
		d = -d;
	}
	if (d < 1000) {
		snprintf(buf + n, len - (size_t)n, "%lldns", (long long)d);
	} else if (d < NSEC_PER_MSEC) {
		fmt_frac(buf + n, len - (size_t)n, d, 1000, 3, "\xc2\xb5s");
	} else if (d < NSEC_PER_SEC) {
		fmt_frac(buf + n, len - (size_t)n, d, NSEC_PER_MSEC, 6, "ms");
	} else {
		simtime_t h = d / SEC(3600), m = d % SEC(3600) / SEC(60), s = d % SEC(60);
		if (h)
			n += snprintf(buf + n, len - (size_t)n, "%lldh", (long long)h);
		if (h || m)
			n += snprintf(buf + n, len - (size_t)n, "%lldm", (long long)m);
		fmt_frac(buf + n, len - (size_t)n, s, NSEC_PER_SEC, 9, "s");
	}
}

/* ---- distributions ---------------------------------------------------- */

static const struct { const char *name; dist_kind kind; int nargs; bool second_is_shape; } dists[] = {
	{"uniform", DIST_UNIFORM, 2, false},
	{"normal", DIST_NORMAL, 2, false},
	{"lognormal", DIST_LOGNORMAL, 2, true},
	{"exponential", DIST_EXPONENTIAL, 1, false},
};

static void trim(char *s)
{
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	char *b = s;
	while (isspace((unsigned char)*b))
		b++;
	memmove(s, b, strlen(b) + 1);
}

static int parse_args(char *inner, char **args, int max)
{
	int n = 0;
	for (char *tok = inner; tok && n < max + 1; n++) {
		char *comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		if (n < max) {
			args[n] = tok;
			trim(args[n]);
		}
		tok = comma ? comma + 1 : NULL;
	}
	return n;
}

/* One duration argument of a distribution, with the reason on failure. */
static int parse_dist_duration(const char *t, simtime_t *out, char *err, size_t errlen)
{
	int r = duration_parse(t, out);
	if (r == DURATION_TOO_LONG)
		snprintf(err, errlen, "duration \"%s\" is longer than podsim's limit of %s", t,
			 SIM_TIME_LIMIT_TEXT);
	else if (r < 0)
		snprintf(err, errlen, "bad duration \"%s\" (Go syntax such as 500ms, 10s, 2m30s)", t);
	return r < 0 ? -1 : 0;
}

/* A lognormal shape: finite (strtod takes "inf" and "nan"), 0 to DIST_SIGMA_MAX. */
static int parse_shape(const char *t, double *out, char *err, size_t errlen)
{
	char *end;
	*out = strtod(t, &end);
	if (*end || !*t || !isfinite(*out) || *out < 0 || *out > DIST_SIGMA_MAX) {
		snprintf(err, errlen, "bad shape \"%s\" (a number from 0 to %g)", t, DIST_SIGMA_MAX);
		return -1;
	}
	return 0;
}

static int parse_call(const char *text, dist_spec *out, char *err, size_t errlen)
{
	const char *open = strchr(text, '(');
	size_t tl = strlen(text);
	for (size_t i = 0; i < sizeof(dists) / sizeof(dists[0]); i++) {
		size_t nl = strlen(dists[i].name);
		if ((size_t)(open - text) != nl || strncmp(text, dists[i].name, nl) != 0)
			continue;
		if (text[tl - 1] != ')') {
			snprintf(err, errlen, "missing ')' in \"%s\"", text);
			return -1;
		}
		char *inner = xstrndup(open + 1, tl - nl - 2);
		char *args[2] = {NULL, NULL};
		int n = parse_args(inner, args, 2);
		int rc = 0;
		if (n != dists[i].nargs) {
			snprintf(err, errlen, "%s takes %d argument%s", dists[i].name, dists[i].nargs,
				 dists[i].nargs == 1 ? "" : "s");
			rc = -1;
		} else if (parse_dist_duration(args[0], &out->a, err, errlen) < 0) {
			rc = -1;
		} else if (n == 2 && dists[i].second_is_shape) {
			rc = parse_shape(args[1], &out->sigma, err, errlen);
		} else if (n == 2) {
			rc = parse_dist_duration(args[1], &out->b, err, errlen);
		}
		if (rc == 0 && out->kind == DIST_NONE)
			out->kind = dists[i].kind;
		if (rc == 0 && dists[i].kind == DIST_UNIFORM && out->b < out->a) {
			snprintf(err, errlen, "uniform(a,b) needs a <= b");
			rc = -1;
		}
		free(inner);
		return rc;
	}
	snprintf(err, errlen, "unknown distribution in \"%s\" (uniform, normal, lognormal, exponential)",
		 text);
	return -1;
}

int dist_parse(const char *text, dist_spec *out, char *err, size_t errlen)
{
	dist_spec d = {0};
	char *t = xstrdup(text ? text : "");
	trim(t);
	int rc;
	if (strchr(t, '(')) {
		rc = parse_call(t, &d, err, errlen);
	} else {
		rc = parse_dist_duration(t, &d.a, err, errlen);
		d.kind = DIST_CONST;
	}
	free(t);
	if (rc == 0)
		*out = d;
	return rc;
}

simtime_t dist_sample(const dist_spec *d, rng_stream *s)
{
	double secs;
	switch (d->kind) {
	case DIST_NONE:
		return 0;
	case DIST_CONST:
		return d->a;
	case DIST_UNIFORM:
		return d->a + (simtime_t)(gsl_rng_uniform(s->r) * (double)(d->b - d->a));
	case DIST_NORMAL:
		secs = (double)d->a / 1e9 + gsl_ran_gaussian(s->r, (double)d->b / 1e9);
		break;
	case DIST_LOGNORMAL:
		secs = d->a > 0 ? gsl_ran_lognormal(s->r, log((double)d->a / 1e9), d->sigma) : 0;
		break;
	case DIST_EXPONENTIAL:
		secs = gsl_ran_exponential(s->r, (double)d->a / 1e9);
		break;
	default:
		assert(!"unknown distribution kind");
		return 0;
	}
	if (!(secs > 0))
		return 0;
	return secs >= (double)(SIM_TIME_LIMIT / NSEC_PER_SEC) ? SIM_TIME_LIMIT
							      : (simtime_t)llround(secs * 1e9);
}

void dist_format(const dist_spec *d, char *buf, size_t len)
{
	char a[32], b[32];
	duration_format(d->a, a, sizeof(a));
	duration_format(d->b, b, sizeof(b));
	switch (d->kind) {
	case DIST_NONE: snprintf(buf, len, "unset"); break;
	case DIST_CONST: snprintf(buf, len, "%s", a); break;
	case DIST_UNIFORM: snprintf(buf, len, "uniform(%s,%s)", a, b); break;
	case DIST_NORMAL: snprintf(buf, len, "normal(%s,%s)", a, b); break;
	case DIST_LOGNORMAL: snprintf(buf, len, "lognormal(%s,%g)", a, d->sigma); break;
	case DIST_EXPONENTIAL: snprintf(buf, len, "exponential(%s)", a); break;
	}
}
