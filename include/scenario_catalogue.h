/* scenario_catalogue.h - the built-in image catalogue, compiled at build time. */
#ifndef SCENARIO_CATALOGUE_H
#define SCENARIO_CATALOGUE_H

#include "scenario.h"

/* Append the built-in catalogue's entries to sc->catalogue (and its name,
 * "<built-in catalogue>", to sc->files), as loading sim/catalogue.yaml
 * would, but from the tree compiled at build time. */
void scenario_catalogue_load_builtin(scenario *sc);

#endif
