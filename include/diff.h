/* diff.h - compare a recorded `kubectl get pods -w` (or `get events -w`) capture with a simulated one.
 *
 * Captures are read by diff_parse.h.  Rows are aligned per pod in order; each pair
 * is reported with its AGE difference; a status/ready/restart-count mismatch,
 * a missing row or an AGE difference above the tolerance makes the
 * comparison fail.
 */
#ifndef DIFF_H
#define DIFF_H

#include <stdio.h>

#include "diff_parse.h"
#include "podsim.h"

/* The largest alignment table of one pod, (recorded rows + 1) x (simulated
 * rows + 1): 64 Mi cells of one byte, some 8000 rows a side. */
#define DIFF_MAX_CELLS ((uint64_t)1 << 26)
typedef enum { DIFF_TEXT, DIFF_JSON } diff_format;

/* A row's verdict; upper case is a mismatch.  EXTRA_OUTSIDE ("extra") is
 * an unpaired simulated row before or after the recorded ones. */
typedef enum {
	DIFF_OK,
	DIFF_AGE,
	DIFF_DIFF,
	DIFF_EXTRA,
	DIFF_EXTRA_OUTSIDE,
	DIFF_N_VERDICTS
} diff_verdict;

/* One line of the report: a pair, or a row of one side only. */
typedef struct diff_line {
	diff_verdict verdict;
	const diff_row *rec, *sim; /* NULL for the absent side */
	bool paired;
	simtime_t age_diff;        /* pairs: SIMULATED minus RECORDED */
	bool ago_compared;         /* both rows show "(X ago)" */
	simtime_t ago_diff;        /* then: SIMULATED minus RECORDED */
	bool ago_one_side;         /* "(X ago)" on one side only: a mismatch */
} diff_line;

/* A pod (or event object) that only SIMULATED shows: listed, not compared. */
typedef struct diff_unrecorded {
	const char *name;
	int rows;
} diff_unrecorded;

/* A judged comparison, what the text and JSON reports are written from. */
typedef struct diff_result {
	const char *rec_name, *sim_name;
	simtime_t tolerance;
	bool events;         /* captures of `kubectl get events -w` */
	bool ago_recorded;   /* some RECORDED row shows "(X ago)" */
	int n_rec, n_sim;    /* rows in each capture */
	diff_line *lines;    /* per pod, pods in RECORDED order */
	int n_lines;
	diff_unrecorded *unrecorded;
	int n_unrecorded;
	int pairs;
	int counts[DIFF_N_VERDICTS];
	int ago_skipped;     /* pairs whose simulated "(X ago)" was not compared */
} diff_result;

/* Compare and write a report on out: with DIFF_TEXT a table with one
 * verdict per row, then a summary; with DIFF_JSON one JSON object
 * (diff_json.c).  Returns 0 when every row matches within tolerance, 1
 * otherwise, and 1 when rec has no rows at all; -1, with a message on err
 * and nothing on out, when a pod has more rows than DIFF_MAX_CELLS lets
 * diff align or when one capture holds pod rows and the other event rows.
 * rec_name/sim_name label the report. */
int diff_compare(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
		 simtime_t tolerance, const char *rec_name, const char *sim_name,
		 diff_format fmt, FILE *out, FILE *err);
/* The rows of res that are mismatches (AGE, DIFF, EXTRA). */
int diff_result_mismatched(const diff_result *res);
/* "ok", "AGE", "DIFF", "EXTRA" or "extra". */
const char *diff_verdict_name(diff_verdict v);
/* One capture row as one report cell: "READY STATUS RESTARTS AGE", for an
 * event "TYPE REASON LAST-SEEN", "-" for NULL. */
void diff_row_text(const diff_row *r, char *buf, size_t len);
/* diff_compare's result as an exit code: EXIT_OK, EXIT_RUNTIME (mismatch)
 * or EXIT_BADINPUT. */
int diff_exit_code(int compared);
/* Read (through infile) and parse the capture at path, warnings on err;
 * returns the row count, or -1 after reporting the problem on err (also
 * when a recorded capture has no rows).  The caller frees *rows. */
int diff_load(const char *path, bool recorded, diff_row **rows, FILE *err);
/* `podsim diff RECORDED SIMULATED`: read both files, compare, report on out.
 * Returns EXIT_OK (match), EXIT_RUNTIME (mismatch) or EXIT_BADINPUT
 * (unreadable file, malformed row, no rows in RECORDED; message on err). */
int diff_files(const char *rec_path, const char *sim_path, simtime_t tolerance,
	       diff_format fmt, FILE *out, FILE *err);

#endif
