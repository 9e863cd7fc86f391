/* infile.c - read one whole input file into memory, with a size cap.
 *
 * Both inputs podsim reads, scenario YAML and `kubectl get -w` captures, go
 * to parsers that want one buffer (libyaml's string input, the line-based
 * capture parser), so a file is read whole, as kubectl itself reads a
 * manifest given with -f (cli-runtime's FileVisitor hands the whole stream
 * to the YAML decoder).  Unlike kubectl, podsim caps the size: at
 * INFILE_MAX_BYTES, 64 MiB, which is some thousand times a large scenario
 * and a day of `get -w` rows for hundreds of pods, so a wrong argument
 * (/dev/zero, a disk image, a multi-gigabyte log) fails at once with a
 * clear message instead of exhausting memory.
 *
 * Anything that can be read is accepted - regular files, pipes, /dev/stdin,
 * a shell's process substitution - because the cap, not the file type,
 * bounds the work.  A directory is refused before reading, with the errno
 * the system gives for it (EISDIR), since stdio may open one and only fail
 * at the first read.  A regular file whose size is already over the cap is
 * refused without reading it.
 *
 * Rejected: mmap (no gain at these sizes, and it does not work on pipes).
 */
#include "infile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "podsim.h"

static int fail(const char *path, const char *reason, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: cannot read: %s", path, reason);
	return -1;
}

static int cannot_open(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
	return -1;
}

static int too_large(const char *path, size_t max, char *err, size_t errlen)
{
	char reason[96];
	snprintf(reason, sizeof(reason), "larger than the input size limit (%zu MiB)",
		 max >> 20);
	if (max < ((size_t)1 << 20))
		snprintf(reason, sizeof(reason), "larger than the input size limit (%zu bytes)",
			 max);
	return fail(path, reason, err, errlen);
}

/* Reads f to its end, at most max bytes; 0, 1 when there is more, -1 on a
 * read error (errno set). */
static int slurp(FILE *f, size_t max, char **buf, size_t *len)
{
	size_t n = 0, cap = 4096;
	char *b = xmalloc(cap);
	for (size_t got; (got = fread(b + n, 1, cap - 1 - n, f)) > 0;) {
		n += got;
		if (n > max)
			break;
		if (n == cap - 1)
			b = xrealloc(b, cap = cap * 2 > max + 2 ? max + 2 : cap * 2);
	}
	int rc = n > max ? 1 : ferror(f) ? -1 : 0;
	b[n] = '\0';
	*buf = b;
	*len = n;
	return rc;
}

int infile_read(const char *path, size_t max, char **buf, size_t *len, char *err,
		size_t errlen)
{
	assert(path && buf && len && err && errlen > 0);
	*buf = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return cannot_open(path, err, errlen);
	struct stat st;
	int rc = -1;
	if (fstat(fileno(f), &st) != 0)
		fail(path, strerror(errno), err, errlen);
	else if (S_ISDIR(st.st_mode))
		fail(path, strerror(EISDIR), err, errlen);
	else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)
		too_large(path, max, err, errlen);
	else
		rc = 0;
	if (rc == 0) {
		errno = 0;
		int r = slurp(f, max, buf, len);
		if (r != 0) {
			int e = errno ? errno : EIO;
			free(*buf);
			*buf = NULL;
			*len = 0;
			rc = r > 0 ? too_large(path, max, err, errlen)
				   : fail(path, strerror(e), err, errlen);
		}
	}
	fclose(f);
	return rc;
}
