/* sweep_shard.h - a sweep split into shards, and `podsim merge`.
 *
 * The shard format and the checks on merge are described in sweep_shard.c
 * and the README ("Sweeps on several machines").
 */
#ifndef SWEEP_SHARD_H
#define SWEEP_SHARD_H

#include <stdio.h>

#include "sweep.h"

/* What a shard says of itself besides the grid. */
typedef struct sweep_shard_header {
	int shard, n_shards;  /* shard K of N, 0 <= K < N */
	uint64_t fingerprint; /* of the scenario files' bytes */
	const char *duration; /* --duration as given, or "scenario" */
} sweep_shard_header;

/* "K/N" into *k and *n; -1 when malformed or K >= N. */
int sweep_shard_parse(const char *v, int *k, int *n);
/* The first run of shard k of n over total runs (k == n: total). */
int sweep_shard_first_run(int total, int k, int n);
/* FNV-1a of the files' bytes, in order; -1 after a message if unreadable. */
int sweep_shard_fingerprint(const char *const *files, int n, uint64_t *out);
/* The shard file: the header, then t's runs [run_lo, run_hi) exactly. */
void sweep_shard_write(const sweep_table *t, const sweep_shard_header *h, FILE *out);
/* podsim merge [--runs FILE] SHARD...: the summary of the whole sweep to out. */
int sweep_shard_merge_main(int argc, char **argv, FILE *out);

#endif
