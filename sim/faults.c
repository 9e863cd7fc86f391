/* faults.c - hangs, crashes and slow periods of a process as Poisson processes.
 *
 * No upstream Kubernetes code decides when an application fails: this is
 * the process side of the model, what an SRE states about the app ("hangs
 * once a day for exponential(10m)").  Each fault_spec is an alternating
 * renewal process counted from the end of startup: an onset comes an
 * exponential time of mean `every` (rate 1/every, so onsets form a Poisson
 * process) after the end of startup or of the previous window, and the
 * window lasts a draw of `duration`.  A hang without recovery and a crash
 * end the series (the crash ends the process: behavior.c makes it exit).
 *
 * Determinism: fault k of an instance draws from its own stream
 * "<instance stream>/fault/<k>", seeded from the instance seed, in the
 * fixed order onset, duration, onset, duration...  Windows are drawn only
 * when the instant asked about passes the current one, but since no other
 * consumer shares the stream, when they are drawn never changes what is
 * drawn: the probes of an instance and its other faults cannot shift a
 * fault's schedule (the instance seed itself is behavior_proc.c's).
 *
 * The journal is the narrow read-only interface metrics.c uses for ground
 * truth: behavior.c writes instance records and this file writes the
 * windows as it draws them (a window may start after the process is gone;
 * readers clip at the instance's exit).
 * Rejected: drawing a whole day of windows at start (the run length is not
 * known here, and most instances live seconds in a crash loop).
 */
#include "faults.h"

#include <stdio.h>
#include <stdlib.h>

struct faults_journal {
	faults_instance *inst;
	int n_inst, cap_inst;
	faults_window *win;
	int n_win, cap_win;
};

faults_journal *faults_journal_new(void)
{
	return xcalloc(1, sizeof(faults_journal));
}

void faults_journal_free(faults_journal *j)
{
	if (!j)
		return;
	free(j->inst);
	free(j->win);
	free(j);
}

int faults_journal_start(faults_journal *j, const pod_spec *pod, const container_spec *ctr,
			 simtime_t start, simtime_t serving)
{
	if (j->n_inst == j->cap_inst) {
		j->cap_inst = j->cap_inst ? 2 * j->cap_inst : 8;
		j->inst = xrealloc(j->inst, (size_t)j->cap_inst * sizeof(*j->inst));
	}
	j->inst[j->n_inst] = (faults_instance){ pod, ctr, start, serving, SIMTIME_NEVER, 0,
						false, SIMTIME_NEVER };
	return j->n_inst++;
}

faults_instance *faults_journal_instance(faults_journal *j, int i)
{
	assert(i >= 0 && i < j->n_inst);
	return &j->inst[i];
}

int faults_journal_instances(const faults_journal *j, const faults_instance **out)
{
	*out = j->inst;
	return j->n_inst;
}

int faults_journal_windows(const faults_journal *j, const faults_window **out)
{
	*out = j->win;
	return j->n_win;
}

void faults_journal_window(faults_journal *j, int inst, fault_kind k, simtime_t onset,
			   simtime_t end)
{
	if (j->n_win == j->cap_win) {
		j->cap_win = j->cap_win ? 2 * j->cap_win : 8;
		j->win = xrealloc(j->win, (size_t)j->cap_win * sizeof(*j->win));
	}
	j->win[j->n_win++] = (faults_window){ inst, k, onset, end };
}

/* ---- one instance's timeline ------------------------------------------------ */

typedef struct series {
	const fault_spec *f;
	rng_stream *rng;          /* owned */
	simtime_t onset, end;     /* the current window; onset == NEVER: no more */
} series;

struct faults_timeline {
	series *s;
	int n;
	faults_journal *j;
	int inst;
};

static simtime_t sat_add(simtime_t a, simtime_t b)
{
	return a >= SIMTIME_NEVER - b ? SIMTIME_NEVER : a + b;
}

/* Draw the window that follows `from` (the end of startup or of a window). */
static void next_window(faults_timeline *t, series *s, simtime_t from)
{
	dist_spec gap = { .kind = DIST_EXPONENTIAL, .a = s->f->every };
	s->onset = sat_add(from, dist_sample(&gap, s->rng));
	if (s->f->kind == FAULT_CRASH)
		s->end = s->onset;
	else if (s->f->kind == FAULT_HANG && !s->f->recover)
		s->end = SIMTIME_NEVER;
	else
		s->end = sat_add(s->onset, dist_sample(&s->f->duration, s->rng));
	if (s->onset != SIMTIME_NEVER && t->j)
		faults_journal_window(t->j, t->inst, s->f->kind, s->onset, s->end);
}

faults_timeline *faults_start(const fault_spec *f, int n, simtime_t serving, uint64_t seed,
			      const char *name, faults_journal *j, int inst)
{
	faults_timeline *t = xcalloc(1, sizeof(*t));
	t->s = xcalloc((size_t)n + 1, sizeof(series));
	t->n = n;
	t->j = j;
	t->inst = inst;
	for (int k = 0; k < n; k++) {
		char sname[256];
		snprintf(sname, sizeof(sname), "%s/fault/%d", name, k);
		t->s[k].f = &f[k];
		t->s[k].rng = rng_stream_new(seed, sname);
		next_window(t, &t->s[k], serving);
	}
	return t;
}

void faults_free(faults_timeline *t)
{
	if (!t)
		return;
	for (int k = 0; k < t->n; k++)
		rng_stream_free(t->s[k].rng);
	free(t->s);
	free(t);
}

/* Move series s on to the window holding now or the next one after it. */
static void roll(faults_timeline *t, series *s, simtime_t now)
{
	while (s->f->kind != FAULT_CRASH && s->onset != SIMTIME_NEVER &&
	       s->end != SIMTIME_NEVER && s->end <= now)
		next_window(t, s, s->end);
}

faults_now faults_at(faults_timeline *t, simtime_t now)
{
	faults_now r = { .crash_at = SIMTIME_NEVER, .next_change = SIMTIME_NEVER };
	for (int k = 0; k < t->n; k++) {
		series *s = &t->s[k];
		roll(t, s, now);
		if (s->f->kind == FAULT_CRASH) {
			if (s->onset < r.crash_at) {
				r.crash_at = s->onset;
				r.crash_code = s->f->exit_code;
			}
			continue;
		}
		bool on = s->onset <= now && now < s->end;
		r.hung |= on && s->f->kind == FAULT_HANG;
		r.slow |= on && s->f->kind == FAULT_SLOW;
		simtime_t change = on ? s->end : s->onset;
		if (change < r.next_change)
			r.next_change = change;
	}
	r.slow &= !r.hung;
	return r;
}

simtime_t faults_extra_latency(faults_timeline *t, simtime_t now, rng_stream *rng)
{
	simtime_t extra = 0;
	for (int k = 0; k < t->n; k++) {
		series *s = &t->s[k];
		roll(t, s, now);
		if (s->f->kind == FAULT_SLOW && s->onset <= now && now < s->end)
			extra = sat_add(extra, dist_sample(&s->f->extra, rng));
	}
	return extra;
}
