/* fuzz_diff.c - libFuzzer harness: `podsim diff` capture parsing and comparison.
 *
 * The input is a `kubectl get pods -w` capture as pasted by a user.  A line
 * "%%" splits it into RECORDED (before) and SIMULATED (after); without one,
 * the capture is compared with itself (tests/fuzz/diff.dict offers "%%", so
 * captures of different lengths, issue 8.1's case, are reached too).  Both parse
 * with diff_parse_capture and are compared with diff_compare, the report
 * going to /dev/null.  The rows mirror kubectl's printPod columns
 * (pkg/printers/internalversion/printers.go) and AGE is HumanDuration text
 * (k8s.io/apimachinery/pkg/util/duration), so any text kubectl could print,
 * and any a terminal could garble, must parse or be rejected cleanly.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* Parse text; a rejected capture must come with a one-line message. */
static int parse(const char *text, diff_row **rows)
{
	char err[256] = "";
	*rows = NULL;
	int n = diff_parse_capture(text, strlen(text), "fuzz", rows, NULL, err, sizeof(err));
	if (n < 0 && (err[0] == '\0' || strchr(err, '\n')))
		abort();
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstring(data, size);
	char *sep = strstr(text, "\n%%\n");
	const char *sim_text = NULL;
	if (sep) {
		sep[1] = '\0';
		sim_text = sep + 4;
	}
	diff_row *rec, *sim = NULL;
	int n_rec = parse(text, &rec), n_sim = 0;
	if (n_rec >= 0 && sim_text)
		n_sim = parse(sim_text, &sim);
	else if (n_rec >= 0)
		n_sim = n_rec;
	for (int fmt = DIFF_TEXT; n_rec >= 0 && n_sim >= 0 && fmt <= DIFF_JSON; fmt++)
		diff_compare(rec, n_rec, sim ? sim : rec, n_sim, SEC(3), "rec", "sim",
			     (diff_format)fmt, fuzz_devnull(), fuzz_devnull());
	free(rec);
	free(sim);
	free(text);
	return 0;
}
