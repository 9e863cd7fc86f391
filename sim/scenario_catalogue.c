/* scenario_catalogue.c - the built-in image catalogue, read from a YAML tree compiled at build time.
 *
 * The Makefile runs sim/gen/catalogue_gen.c over sim/catalogue.yaml and
 * compiles its output, the libyaml document of the file as static C data
 * (build/catalogue_data.c).  Here that tree goes through the reader of user
 * ImageCatalogue documents (scenario_parse_catalogue), so the built-in and
 * user catalogues cannot drift apart, and every message and src_loc still
 * names the catalogue's own lines and columns.  What is skipped is libyaml's
 * parse and the loader's structural pass (duplicate keys, depth), which were
 * over a quarter of a short run as a process; tests/check_scenario_catalogue.c
 * runs the whole loader over the file instead, and compares the compiled tree
 * with a fresh parse.  The tree is only read, by any number of threads.
 */
#include "scenario_catalogue.h"

#include <stdio.h>

#include "scenario_yaml.h"

/* build/catalogue_data.c */
extern yaml_document_t podsim_catalogue_doc;

void scenario_catalogue_load_builtin(scenario *sc)
{
	char err[512] = "";
	char **file = SCENARIO_YAML_APPEND(sc->files, sc->n_files);
	*file = xstrdup("<built-in catalogue>");
	scenario_yaml_ctx c = {.sc = sc, .doc = &podsim_catalogue_doc, .file = *file,
			       .err = err, .errlen = sizeof(err)};
	int rc = scenario_parse_catalogue(&c, yaml_document_get_root_node(&podsim_catalogue_doc));
	if (rc != 0)
		fprintf(stderr, "podsim: %s\n", err);
	assert(rc == 0 && "the built-in catalogue must load");
}
