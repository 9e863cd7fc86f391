/* scenario.h - load Pod manifests, Simulation documents and image catalogues.
 *
 * sim/scenario*.c are the only files that include <yaml.h> (through the
 * internal include/scenario_yaml.h).  Each input file is a
 * YAML (or JSON) stream of Kubernetes-style documents.  Recognised documents:
 *   apiVersion v1, kind Pod                -> scenario.pods
 *   apiVersion v1, kind List (list "items") -> each item, as a document
 *   apiVersion podsim/v1, kind Simulation  -> scenario.settings (at most one)
 *   apiVersion podsim/v1, kind ImageCatalogue (list "images")
 *                                          -> scenario.catalogue
 * Any other Kubernetes kind is skipped with a note in scenario.warnings, as
 * a Service beside a Pod must not stop a run; a document without a kind, or
 * an unknown podsim/v1 kind, is an error ("unknown kind").  Every field of
 * the v1 Pod schema is accepted, modelled or not (volumes, env, ...); an
 * unknown or repeated field in a Pod is handled as kubectl's --validate
 * says (scenario.validate: an error, a warning, or nothing), and unknown
 * fields in podsim's own documents are always errors.
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include "spec.h"

/* kubectl's --validate: strict decoding errors stop the load, or are warnings. */
typedef enum {
	SCENARIO_VALIDATE_STRICT, /* the default, as kubectl >= 1.27 */
	SCENARIO_VALIDATE_WARN,
	SCENARIO_VALIDATE_IGNORE
} scenario_validate;

typedef struct scenario {
	pod_spec *pods; int n_pods;
	sim_settings settings;      /* defaults filled in when absent */
	behavior_spec *catalogue; int n_catalogue; /* built-in first, then user entries */
	char **files; int n_files;  /* owned copies of the file names (src_loc points here) */
	char **warnings; int n_warnings; /* non-fatal notes ("file:line:col: ...") */
	int n_workloads_skipped;         /* Deployments, Jobs... skipped with a note */
	scenario_validate validate; /* set by the caller before loading; strict after init */
} scenario;

/* Initialise *sc with defaults and the built-in image catalogue. */
void scenario_init(scenario *sc);
/* Load one file into sc.  Returns 0, or -1 with a one-line message
 * "FILE:LINE:COL: FIELD: problem" in err (no trailing newline). */
int scenario_load_file(scenario *sc, const char *path, char *err, size_t errlen);
/* Like scenario_load_file, but a directory loads each of its *.json,
 * *.yaml and *.yml files (not subdirectories) in name order, as
 * `kubectl apply -f DIR` does. */
int scenario_bundle_load(scenario *sc, const char *path, char *err, size_t errlen);
/* Load from memory (name is used in messages); same contract. */
int scenario_load_buffer(scenario *sc, const char *name, const char *buf, size_t len,
			 char *err, size_t errlen);
/* Cross-document checks once every file is loaded: unique pod names per
 * namespace, actions and behaviours naming existing pods/containers. */
int scenario_finish(scenario *sc, char *err, size_t errlen);
/* What a command does with its FILE|DIR arguments: init sc with validate,
 * bundle-load each, finish, print the warnings ("podsim: warning: ...").
 * Returns 0, or -1 after printing the one error line ("podsim: ...") on
 * out; sc must be released either way. */
int scenario_load_files(scenario *sc, const char *const *files, int n, scenario_validate validate,
			FILE *out);
void scenario_release(scenario *sc);

#endif
