/* print_timeline.h - `podsim run -o timeline`: spans and marks per lane, as
 * TSV for plots/timeline.gp.  The format is described in print_timeline.c
 * and the README ("Plots"). */
#ifndef PRINT_TIMELINE_H
#define PRINT_TIMELINE_H

#include <stdio.h>

#include "api.h"
#include "scenario.h"

typedef struct print_timeline print_timeline;

/* A timeline of the pods of sc (which must outlive it), written to out. */
print_timeline *print_timeline_new(const scenario *sc, FILE *out);
watch_sink print_timeline_sink(print_timeline *t);
/* Close what is still open at end and write the whole TSV. */
void print_timeline_finish(print_timeline *t, simtime_t end);
void print_timeline_free(print_timeline *t);

#endif
