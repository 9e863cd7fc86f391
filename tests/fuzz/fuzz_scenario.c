/* fuzz_scenario.c - libFuzzer harness: the scenario loader, then a short run.
 *
 * The input is one YAML file as `podsim run` would read it: loaded from
 * memory (scenario_load_buffer), checked across documents (scenario_finish)
 * and, when it holds pods, simulated for two virtual minutes with every
 * output thrown away.  The output format is picked from the input's length
 * so that each printer is reached without a framing byte that would make
 * the corpus files unlike real scenarios.  Kubernetes fuzzes its own
 * decoders the same way (test/fuzz/yaml: decode arbitrary bytes, never
 * panic); here "never panic" also covers the kubelet model the manifest
 * drives.
 *
 * Besides the sanitizers, two promises are checked: a rejected input gets
 * a non-empty one-line message (main.c), and the same input and seed give
 * byte-identical output (the run is made twice, into memory, and compared).
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "sim.h"

static void check_message(const char *err)
{
	if (err[0] == '\0' || strchr(err, '\n'))
		abort(); /* the promised one-line message is missing or spans lines */
}

/* One run of sc with o; returns its output (free() it), *len its length. */
static char *run_to_memory(const scenario *sc, const sim_options *o, size_t *len)
{
	char *text = NULL;
	FILE *mem = open_memstream(&text, len);
	if (!mem)
		abort();
	sim_run(sc, o, mem, fuzz_devnull());
	fclose(mem);
	return text;
}

static void check_deterministic(const scenario *sc, const sim_options *o)
{
	size_t len_a, len_b;
	char *a = run_to_memory(sc, o, &len_a), *b = run_to_memory(sc, o, &len_b);
	if (len_a != len_b || memcmp(a, b, len_a) != 0)
		abort(); /* two runs of the same input differ */
	free(a);
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const sim_output outputs[] = {OUT_GET, OUT_WIDE, OUT_JSON, OUT_EVENTS,
					     OUT_DESCRIBE, OUT_LOGS};
	scenario sc;
	char err[1024] = "";
	scenario_init(&sc);
	if (scenario_load_buffer(&sc, "fuzz.yaml", (const char *)data, size, err, sizeof(err)) < 0 ||
	    scenario_finish(&sc, err, sizeof(err)) < 0) {
		check_message(err);
	} else if (sc.n_pods > 0) {
		sim_options o;
		memset(&o, 0, sizeof(o));
		o.duration_set = true;
		o.duration = SEC(120);
		o.output = outputs[size % (sizeof(outputs) / sizeof(outputs[0]))];
		o.quiet_warnings = true;
		check_deterministic(&sc, &o);
	}
	scenario_release(&sc);
	return 0;
}
