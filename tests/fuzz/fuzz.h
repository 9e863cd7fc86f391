/* fuzz.h - what the fuzz harnesses (tests/fuzz/fuzz_*.c) share. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdio.h>

/* The libFuzzer entry point each harness defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A heap copy of data with a terminating NUL (free() it): the parsers
 * under test read C strings, and an input may hold NULs of its own. */
char *fuzz_cstring(const uint8_t *data, size_t size);
/* A stream that discards everything, opened once per process. */
FILE *fuzz_devnull(void);

#endif
