/* infile.h - read one whole input file (scenario or capture), size-capped. */
#ifndef INFILE_H
#define INFILE_H

#include <stddef.h>

/* The largest input podsim reads: 64 MiB (see infile.c for why). */
#define INFILE_MAX_BYTES ((size_t)64 << 20)

/* Read the file at path into a heap buffer owned by the caller (free() it),
 * NUL-terminated, its length without the NUL in *len.  Returns 0, or -1 with
 * *buf NULL and a message in err: "PATH: cannot open: REASON" (missing, no
 * permission) or "PATH: cannot read: REASON" (a directory, a read error, or
 * more than max bytes).  max is INFILE_MAX_BYTES except in
 * tests. */
int infile_read(const char *path, size_t max, char **buf, size_t *len, char *err,
		size_t errlen);

#endif
