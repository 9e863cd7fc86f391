/* fuzz_shell.c - libFuzzer harness: the `sh -c` subset, parsed and run.
 *
 * The input is the script text (as in `command: [sh, -c, TEXT]`).  It is
 * parsed and run twice, the two ways behavior.c uses it: as a container's
 * main process (SHELL_MAIN, driven wakeup by wakeup for two virtual
 * minutes, then sent SIGTERM and given 30 s more, as the kubelet's
 * killContainer does with the default grace period) and as an exec probe
 * or hook (SHELL_EXEC through shell_exec, which must always return).  Both
 * share one filesystem, as a probe shares its container's.  The step bound
 * keeps a script that wakes up at ever-closer instants from hanging the
 * harness; the virtual-time bound is what the simulator itself imposes.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "shell.h"

enum { FUZZ_SHELL_MAX_STEPS = 100000 };
#define FUZZ_SHELL_EPOCH INT64_C(1700000000)

static void free_warnings(char **warnings, int n)
{
	for (int k = 0; k < n; k++)
		free(warnings[k]);
	free(warnings);
}

/* Drive r by its own wakeups up to horizon.  Returns false when the step
 * bound is hit first (a known hang class, issue 8.6: tiny sleeps in a loop). */
static bool drive(shell_run *r, simtime_t horizon)
{
	for (int step = 0; step < FUZZ_SHELL_MAX_STEPS; step++) {
		simtime_t t = shell_run_next_wakeup(r);
		if (t == SIMTIME_NEVER || t > horizon) {
			shell_run_advance(r, horizon);
			return true;
		}
		shell_run_advance(r, t);
	}
	return false;
}

static void run_main(const char *text, shell_fs *fs)
{
	char **warnings = NULL;
	int n_warnings = 0, status;
	simtime_t at;
	shell_script *s = shell_parse(text, SHELL_MAIN, "fuzz: ", &warnings, &n_warnings);
	shell_out out;
	shell_out_init(&out);
	shell_run *r = shell_run_start(s, fs, &out, FUZZ_SHELL_EPOCH, 0);
	if (drive(r, SEC(120))) {
		shell_run_sigterm(r, SEC(120));
		drive(r, SEC(150));
	}
	if (shell_run_done(r, &status, &at) && (status < 0 || status > 255 || at < 0))
		abort(); /* shell.h: status 0..255 at an instant of the run */
	char joined[256];
	shell_out_join(&out, joined, sizeof(joined));
	shell_run_free(r);
	shell_out_release(&out);
	shell_script_free(s);
	free_warnings(warnings, n_warnings);
}

static void run_exec(const char *text, shell_fs *fs)
{
	char **warnings = NULL;
	int n_warnings = 0;
	simtime_t latency;
	shell_script *s = shell_parse(text, SHELL_EXEC, "fuzz: ", &warnings, &n_warnings);
	shell_out out;
	shell_out_init(&out);
	int status = shell_exec(s, fs, &out, FUZZ_SHELL_EPOCH, SEC(5), &latency);
	if (status < 0 || status > 255 || latency < 0)
		abort(); /* shell.h: an exit status and a latency, or 137 and never */
	shell_out_release(&out);
	shell_script_free(s);
	free_warnings(warnings, n_warnings);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstring(data, size);
	shell_fs *fs = shell_fs_new();
	run_main(text, fs);
	run_exec(text, fs);
	shell_fs_free(fs);
	free(text);
	return 0;
}
