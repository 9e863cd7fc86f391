/* bench_engine.c - the baseline for `make bench`: the bare event engine.
 *
 * Arms N periodic timers (periods 5 s and 10 s, like the fleet's probes)
 * and dispatches them for the given virtual time with no model behind
 * them.  podsim's events per second are reported as a ratio to this, which
 * makes the figure comparable across machines.
 * usage: bench_engine TIMERS SECONDS
 */
#include <stdio.h>
#include <stdlib.h>

#include "engine.h"

typedef struct ticker {
	engine_timer t;
	simtime_t period;
} ticker;

static void tick(engine *e, void *ctx)
{
	ticker *k = ctx;
	engine_schedule_in(e, &k->t, k->period);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_engine TIMERS SECONDS\n");
		return 2;
	}
	int n = atoi(argv[1]);
	simtime_t end = SEC(atoll(argv[2]));
	engine *e = engine_new();
	ticker *ts = xcalloc((size_t)n, sizeof(*ts));
	for (int i = 0; i < n; i++) {
		ts[i].period = i % 3 == 2 ? SEC(10) : SEC(5);
		engine_timer_init(&ts[i].t, tick, &ts[i]);
		engine_schedule(e, &ts[i].t, (simtime_t)i * MSEC(1) % ts[i].period);
	}
	uint64_t events = engine_run(e, end);
	engine_cancel_all(e);
	engine_free(e);
	free(ts);
	printf("events=%llu\n", (unsigned long long)events);
	return 0;
}
