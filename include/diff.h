/* diff.h - compare a recorded `kubectl get pods -w` capture with a simulated one.
 *
 * Captures are plain text: an optional header line, rows of NAME READY
 * STATUS RESTARTS AGE [IP NODE ...], several pods interleaved, lines that do
 * not look like rows ignored.  Rows are aligned per pod in order; each pair
 * is reported with its AGE difference; a status/ready/restart-count mismatch,
 * a missing row or an AGE difference above the tolerance makes the
 * comparison fail.
 */
#ifndef DIFF_H
#define DIFF_H

#include <stdio.h>

#include "podsim.h"

typedef struct diff_row {
	char name[64];
	char ready[16];
	char status[64];
	int restarts;
	simtime_t restart_ago; /* -1 when no "(Xs ago)" */
	simtime_t age;         /* parsed back from HumanDuration text */
	int line;              /* 1-based line number in its capture */
	char restarts_text[32]; /* the RESTARTS cell as captured, "1 (4s ago)" */
	char age_text[16];      /* the AGE cell as captured */
} diff_row;

/* Parse a capture.  Returns the number of rows (heap array in *rows, owned
 * by the caller, free() it; NULL when 0 rows), or -1 with a message in err
 * (a row-shaped line whose fields do not fit diff_row). */
int diff_parse_capture(const char *text, diff_row **rows, char *err, size_t errlen);
/* Parse HumanDuration text ("2m42s", "95s", "3h5m", "2d3h", "1y20d") back
 * to a duration (1y = 365d).  Returns 0, or -1 on bad syntax. */
int diff_parse_human_duration(const char *text, simtime_t *out);
/* Compare and write a report (a table with one verdict per row, then a
 * summary); returns 0 when every row matches within tolerance, 1 otherwise,
 * and 1 when rec has no rows at all.  rec_name/sim_name label the report. */
int diff_compare(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
		 simtime_t tolerance, const char *rec_name, const char *sim_name, FILE *out);
/* `podsim diff RECORDED SIMULATED`: read both files, compare, report on out.
 * Returns EXIT_OK (match), EXIT_RUNTIME (mismatch) or EXIT_BADINPUT
 * (unreadable file, malformed row, no rows in RECORDED; message on err). */
/* Read and parse the capture at path; returns the row count, or -1 after
 * reporting the problem on err.  The caller frees *rows. */
int diff_load(const char *path, diff_row **rows, FILE *err);
int diff_files(const char *rec_path, const char *sim_path, simtime_t tolerance, FILE *out,
	       FILE *err);

#endif
