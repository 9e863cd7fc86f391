/* fuzz_duration.c - libFuzzer harness: duration and distribution syntax.
 *
 * The input is one value as it appears in a scenario or on the command
 * line.  It goes through every parser of durations: Go's time.ParseDuration
 * syntax (duration_parse, mirroring src/time/format.go), the distribution
 * specs (dist_parse) and kubectl's HumanDuration read back by `podsim diff`
 * (diff_parse_human_duration).  Properties checked beyond the sanitizers:
 *  - an accepted duration is not negative (rng.h) and survives
 *    duration_format + duration_parse unchanged (Go's String() is exact);
 *  - an accepted distribution re-parses from dist_format, and its draws
 *    are never negative (rng.h: dist_sample) -- issue 8.4's class.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "rng.h"

enum { FUZZ_DURATION_DRAWS = 16 };

static void check_duration(const char *text)
{
	simtime_t d, back;
	char buf[64];
	if (duration_parse(text, &d) < 0)
		return;
	if (d < 0)
		abort();
	duration_format(d, buf, sizeof(buf));
	if (duration_parse(buf, &back) < 0 || back != d)
		abort();
}

static void check_dist(const char *text)
{
	dist_spec spec, again;
	char err[128], buf[128];
	if (dist_parse(text, &spec, err, sizeof(err)) < 0)
		return;
	dist_format(&spec, buf, sizeof(buf));
	if (dist_parse(buf, &again, err, sizeof(err)) < 0 || again.kind != spec.kind)
		abort();
	rng_stream *s = rng_stream_new(1, "fuzz");
	for (int k = 0; k < FUZZ_DURATION_DRAWS; k++)
		if (dist_sample(&spec, s) < 0)
			abort();
	rng_stream_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstring(data, size);
	simtime_t human;
	check_duration(text);
	check_dist(text);
	(void)diff_parse_human_duration(text, &human);
	free(text);
	return 0;
}
