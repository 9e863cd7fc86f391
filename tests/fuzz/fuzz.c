/* fuzz.c - helpers shared by the fuzz harnesses (see fuzz.h).
 *
 * Linked into every harness, with libFuzzer's driver or with
 * replay_main.c.  Nothing Kubernetes-specific lives here.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "podsim.h"

char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

FILE *fuzz_devnull(void)
{
	static FILE *devnull;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return devnull;
}
