/* replay_main.c - a main() for the fuzz harnesses without libFuzzer.
 *
 * Linked with one tests/fuzz/fuzz_*.c and the ordinary objects (gcc, or the
 * ASan build), it feeds each file named on the command line to the same
 * LLVMFuzzerTestOneInput libFuzzer calls, so `make check` replays every kept
 * crasher and CI needs no clang.  A crash, an abort or a sanitizer report is
 * the failure; returning is success.  This is libFuzzer's own fallback
 * driver (compiler-rt's StandaloneFuzzTargetMain.c), reduced to files.
 */
#include "fuzz.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "podsim.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t len = 0, cap = 4096, n;
	uint8_t *buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		perror(path);
		free(buf);
		return -1;
	}
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;
	for (int k = 1; k < argc; k++)
		if (replay_file(argv[k]) < 0)
			rc = 2;
	return rc;
}
