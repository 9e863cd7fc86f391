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
	int age_col;           /* 1-based byte column of the AGE cell */
	char restarts_text[32]; /* the RESTARTS cell as captured, "1 (4s ago)" */
	char age_text[16];      /* the AGE cell as captured */
} diff_row;

/* The largest AGE or "(X ago)" a capture may hold: 292 years, the most that
 * simtime_t's nanoseconds can count (2^63 ns is 292.3 years). */
#define DIFF_MAX_AGE SEC(INT64_C(292) * 365 * 86400)
#define DIFF_MAX_AGE_TEXT "292y"
/* The largest alignment table of one pod, (recorded rows + 1) x (simulated
 * rows + 1): 64 Mi cells of one byte, some 8000 rows a side. */
#define DIFF_MAX_CELLS ((uint64_t)1 << 26)
/* Unparsable lines warned about one by one before a count of the rest. */
#define DIFF_MAX_WARNINGS 10

/* Parse a capture of len bytes; name labels messages.  Returns the number
 * of rows (heap array in *rows, owned by the caller, free() it; NULL when
 * 0 rows), or -1 with *rows NULL and "NAME:LINE:COL: FIELD: cannot parse
 * row: ..." in err for a row that cannot be skipped (an age past
 * DIFF_MAX_AGE, a cell too long for diff_row, a NUL byte).  Blank lines,
 * "#" lines and column headers are skipped silently; any other line that
 * is not a row is skipped with a warning of the same form on warn (none
 * when warn is NULL; after DIFF_MAX_WARNINGS, one count of the rest). */
int diff_parse_capture(const char *text, size_t len, const char *name, diff_row **rows,
		       FILE *warn, char *err, size_t errlen);
/* Parse HumanDuration text ("2m42s", "95s", "3h5m", "2d3h", "1y20d") back
 * to a duration (1y = 365d).  Returns 0, -1 on bad syntax, or -2 when the
 * value is past DIFF_MAX_AGE. */
int diff_parse_human_duration(const char *text, simtime_t *out);
/* Compare and write a report (a table with one verdict per row, then a
 * summary) on out; returns 0 when every row matches within tolerance, 1
 * otherwise, and 1 when rec has no rows at all; -1, with a message on err
 * and nothing on out, when a pod has more rows than DIFF_MAX_CELLS lets
 * diff align.  rec_name/sim_name label the report. */
int diff_compare(const diff_row *rec, int n_rec, const diff_row *sim, int n_sim,
		 simtime_t tolerance, const char *rec_name, const char *sim_name, FILE *out,
		 FILE *err);
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
int diff_files(const char *rec_path, const char *sim_path, simtime_t tolerance, FILE *out,
	       FILE *err);

#endif
