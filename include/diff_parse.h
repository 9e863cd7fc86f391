/* diff_parse.h - read `kubectl get pods -w` / `kubectl get events -w` captures into rows.
 *
 * Captures are plain text: an optional header line, pod rows (NAME READY
 * STATUS RESTARTS AGE [IP NODE ...]) or event rows (LAST SEEN TYPE REASON
 * OBJECT MESSAGE), several pods or objects interleaved, lines that do not
 * look like rows ignored.
 */
#ifndef DIFF_PARSE_H
#define DIFF_PARSE_H

#include <stdio.h>

#include "podsim.h"

/* One capture row.  An event row keeps TYPE in ready, REASON in status,
 * the object ("pod/web") in name and LAST SEEN in age, restarts 0. */
typedef struct diff_row {
	char name[64];
	char ready[16];
	char status[64];
	int restarts;
	simtime_t restart_ago; /* -1 when no "(Xs ago)" */
	simtime_t age;         /* parsed back from HumanDuration text */
	simtime_t age_unit;    /* its last unit: the text stands for [age, age + unit) */
	simtime_t ago_unit;    /* the same for restart_ago */
	int line;              /* 1-based line number in its capture */
	int age_col;           /* 1-based byte column of the AGE cell */
	char restarts_text[32]; /* the RESTARTS cell as captured, "1 (4s ago)" */
	char age_text[16];      /* the AGE cell as captured */
	bool event;             /* a `kubectl get events` row */
} diff_row;

/* The largest AGE or "(X ago)" a capture may hold: 292 years, the most that
 * simtime_t's nanoseconds can count (2^63 ns is 292.3 years). */
#define DIFF_MAX_AGE SEC(INT64_C(292) * 365 * 86400)
#define DIFF_MAX_AGE_TEXT "292y"
/* Unparsable lines warned about one by one before a count of the rest. */
#define DIFF_MAX_WARNINGS 10

/* Parse a capture of len bytes; name labels messages.  Returns the number
 * of rows (heap array in *rows, owned by the caller, free() it; NULL when
 * 0 rows), or -1 with *rows NULL and "NAME:LINE:COL: FIELD: cannot parse
 * row: ..." in err for a row that cannot be skipped (an age past
 * DIFF_MAX_AGE, a cell too long for diff_row, a NUL byte, an event row in
 * a pod capture or the reverse).  Blank lines, "#" lines and column
 * headers are skipped silently; any other line that is not a row is
 * skipped with a warning of the same form on warn (none when warn is NULL;
 * after DIFF_MAX_WARNINGS, one count of the rest). */
int diff_parse_capture(const char *text, size_t len, const char *name, diff_row **rows,
		       FILE *warn, char *err, size_t errlen);
/* Parse HumanDuration text ("2m42s", "95s", "3h5m", "2d3h", "1y20d") back
 * to a duration (1y = 365d).  Returns 0, -1 on bad syntax, or -2 when the
 * value is past DIFF_MAX_AGE. */
int diff_parse_human_duration(const char *text, simtime_t *out);

#endif
