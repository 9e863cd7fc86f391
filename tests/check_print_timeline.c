/* check_print_timeline.c - `-o timeline`: lanes per container instance
 * whose spans follow each other, restarts as restartCount counts them, and
 * kills on an instance that ran (print_timeline.c, issue 13 item 5). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "metrics.h"
#include "sim.h"

static const char *const scenarios[] = {
	"scenarios/liveness-http.yaml", "scenarios/crashloop.yaml",  "scenarios/sidecar-crash.yaml",
	"scenarios/init-two.yaml",      "scenarios/startup-slow.yaml", "scenarios/readiness-flap.yaml",
	"scenarios/oomkilled.yaml",     "scenarios/delete-grace.yaml",
};

typedef struct row {
	int lane;
	char name[160], kind[16], detail[96];
	double start, end;
} row;

static int parse(char *text, row **out)
{
	int n = 0, comments = 0;
	*out = NULL;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#') {
			comments++;
			continue;
		}
		*out = realloc(*out, (size_t)(n + 1) * sizeof(row));
		row *r = &(*out)[n++];
		ck_assert_int_eq(sscanf(line, "%d\t%159[^\t]\t%15[^\t]\t%lf\t%lf\t%95[^\n]", &r->lane,
					r->name, r->kind, &r->start, &r->end, r->detail), 6);
	}
	ck_assert_int_eq(comments, 2);
	return n;
}

static int kind_rank(const char *k)
{
	return !strcmp(k, "waiting") ? 0 : !strcmp(k, "running") ? 1 : !strcmp(k, "terminated") ? 2 : -1;
}

START_TEST(test_lanes_follow_the_instances)
{
	scenario sc;
	char err[512], *text;
	size_t len;
	scenario_init(&sc);
	ck_assert(scenario_load_file(&sc, scenarios[_i], err, sizeof(err)) == 0);
	ck_assert(scenario_finish(&sc, err, sizeof(err)) == 0);
	metrics *m = metrics_new(&sc);
	sim_options o = { .seed_set = true, .seed = 7, .duration_set = true, .duration = SEC(300),
			  .output = OUT_TIMELINE, .quiet_warnings = true, .collect = m };
	FILE *f = open_memstream(&text, &len);
	sim_run(&sc, &o, f, stderr);
	fclose(f);
	row *r;
	int n = parse(text, &r), restarts = 0, lane = 0;
	double last_end = 0;
	int last_rank = -1;
	for (int i = 0; i < n; i++) {
		ck_assert_msg(r[i].lane == lane || r[i].lane == lane + 1, "%s: lanes jump", scenarios[_i]);
		if (r[i].lane != lane)
			lane = r[i].lane, last_end = 0, last_rank = -1;
		ck_assert(r[i].start >= 0 && r[i].start <= r[i].end && r[i].end <= 300);
		restarts += !strcmp(r[i].kind, "restart");
		int rank = kind_rank(r[i].kind);
		if (rank >= 0) { /* spans of one instance: in order, without overlap */
			ck_assert_msg(rank > last_rank && r[i].start >= last_end - 1e-9,
				      "%s lane %d: %s at %.3f after %.3f", scenarios[_i], lane,
				      r[i].kind, r[i].start, last_end);
			last_rank = rank;
			last_end = r[i].end;
		}
		if (!strcmp(r[i].kind, "kill")) { /* the instance killed had started */
			bool ran = false;
			for (int k = 0; k < n; k++)
				ran |= r[k].lane == r[i].lane && !strcmp(r[k].kind, "running") &&
				       r[k].start <= r[i].start;
			ck_assert_msg(ran, "%s: kill at %.3f on a lane that never ran", scenarios[_i],
				      r[i].start);
		}
	}
	/* each restart mark is a rise of restartCount, which the metric sums */
	int np; /* sim_run finished the collector */
	const metrics_pod *mp = metrics_pods(m, &np);
	double want = 0;
	for (int k = 0; k < np; k++)
		want += mp[k].v[METRIC_RESTARTS];
	ck_assert_msg(restarts == (int)want, "%s: %d restart marks, restarts %g", scenarios[_i],
		      restarts, want);
	free(r);
	free(text);
	metrics_free(m);
	scenario_release(&sc);
}
END_TEST

Suite *print_timeline_suite(void)
{
	Suite *s = suite_create("print_timeline");
	TCase *tc = tcase_create("print_timeline");
	tcase_add_loop_test(tc, test_lanes_follow_the_instances, 0,
			    sizeof(scenarios) / sizeof(scenarios[0]));
	suite_add_tcase(s, tc);
	return s;
}
