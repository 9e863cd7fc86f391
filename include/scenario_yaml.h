/* scenario_yaml.h - the YAML reading kit shared by the files of the scenario loader.
 *
 * Internal header: only sim/scenario*.c include it, and through it they are
 * the only files that include <yaml.h>; every other module sees the plain
 * structs of spec.h and never a libyaml type.  The loader is split by
 * mechanism: scenario_yaml.c holds this kit, scenario.c the v1 Pod,
 * scenario_schema.c strict field validation (the v1 schema), scenario_names.c
 * the API server's name rules, scenario_podsim.c the podsim/v1 Simulation
 * and ImageCatalogue, scenario_bundle.c which object goes to which reader
 * (and directories), scenario_sim.c the streams and whatever needs all
 * documents at once.  A scenario_yaml_ctx is the state of
 * reading one document: the libyaml tree, the caller's error buffer and a
 * path stack spelling the field being read, so every message takes the form
 * FILE:LINE:COL: FIELD: PROBLEM.  Conventions: the getters return 1 when the
 * value was read into *out, 0 when the key is absent or null (*out is left
 * alone, so callers preset defaults) and -1 after writing the one error; a
 * parser that fails leaves the path as it was at the failure, because the
 * message is already written and nothing reads the path again.  Rejected: an
 * opaque context with accessor functions (every parser reads the tree
 * directly, so it would hide nothing), and a copy of the helpers in each file
 * (two spellings of one message would drift).
 */
#ifndef SCENARIO_YAML_H
#define SCENARIO_YAML_H

#include <yaml.h>

#include "scenario.h"

/* Upper bound of integer fields that have no limit of their own. */
#define SCENARIO_YAML_BIG INT32_MAX

typedef struct scenario_yaml_ctx {
	scenario *sc;
	yaml_document_t *doc; /* the document being read; owned by the stream loader */
	const char *file;     /* owned by sc->files */
	char *err;            /* caller's buffer */
	size_t errlen;
	char path[256];       /* field being read, e.g. "spec.containers[0].name" */
	size_t plen;
	unsigned char *walked; /* per node of doc: already checked by scenario_schema_check */
	const char *text;      /* the stream being read (borrowed), for byte offsets */
	size_t text_len;
} scenario_yaml_ctx;

/* Grow arr (length n) by one zeroed element and return the new array.  The
 * capacity is implied by the length (the smallest power of two >= n), so an
 * array appended to must start empty or with a power-of-two length. */
void *scenario_yaml_grow(void *arr, int n, size_t size);
/* Append a zeroed element to arr, count n; evaluates to its address. */
#define SCENARIO_YAML_APPEND(arr, n) \
	((arr) = scenario_yaml_grow((arr), (n), sizeof(*(arr))), &(arr)[(n)++])

/* ---- nodes -------------------------------------------------------------- */

yaml_node_t *scenario_yaml_node(scenario_yaml_ctx *c, int id);
/* The text of a scalar node (owned by the document). */
const char *scenario_yaml_text(const yaml_node_t *n);
bool scenario_yaml_is_plain(const yaml_node_t *n);
bool scenario_yaml_is_null(const yaml_node_t *n);
/* The number of items of a sequence node, and item i. */
size_t scenario_yaml_n_items(const yaml_node_t *seq);
yaml_node_t *scenario_yaml_item(scenario_yaml_ctx *c, const yaml_node_t *seq, size_t i);
/* 1-based position of n, in the current file. */
src_loc scenario_yaml_loc(const scenario_yaml_ctx *c, const yaml_node_t *n);
/* The value under key, or NULL when the key is absent or its value is null
 * (Kubernetes treats `field: null` and `field:` as not set).  A key given
 * twice (only possible with --validate=warn or ignore) has its last value,
 * as Go's JSON decoder keeps. */
yaml_node_t *scenario_yaml_lookup(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key);
bool scenario_yaml_all_digits(const char *s);
/* A plain true/false (a quoted "true" is a string, as for the API server). */
bool scenario_yaml_scalar_bool(const yaml_node_t *n, bool *out);

/* ---- the path stack and messages --------------------------------------- */

/* Append ".key" to the path; returns the length to pop back to. */
size_t scenario_yaml_push_key(scenario_yaml_ctx *c, const char *key);
/* Append "[i]" to the path; returns the length to pop back to. */
size_t scenario_yaml_push_index(scenario_yaml_ctx *c, size_t i);
/* Append "[key]", as field.Path.Key spells a map key (limits[cpu]). */
size_t scenario_yaml_push_subscript(scenario_yaml_ctx *c, const char *key);
void scenario_yaml_pop(scenario_yaml_ctx *c, size_t saved);
/* Write "FILE:LINE:COL: PATH: message" for node n; always return -1. */
int scenario_yaml_fail(scenario_yaml_ctx *c, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same, with key appended to the path. */
int scenario_yaml_fail_key(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
			   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* "must be <what>, got <n>" for n, under key (or the current path if NULL). */
int scenario_yaml_want(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
		       const char *what);
int scenario_yaml_missing(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key);
/* What n holds, for "got ...": quoted, shortened, one line; in buf or static. */
const char *scenario_yaml_got(const yaml_node_t *n, char *buf, size_t len);

/* ---- typed getters (1 read, 0 absent, -1 error) ------------------------- */

/* A plain integer scalar (a quoted "3" is a string). */
bool scenario_yaml_scalar_int(const yaml_node_t *n, int64_t *out);
int scenario_yaml_get_seq(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			  yaml_node_t **out);
/* A list of strings into a new NULL-terminated array *out of *n strings. */
int scenario_yaml_get_strings(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			      char ***out, int *n);
/* A mapping of strings into a new array, in file order. */
int scenario_yaml_get_kvs(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, kv **out,
			  int *n);

/* An integer from lo to hi; lo is 0 or 1 unless hi < SCENARIO_YAML_BIG. */
int scenario_yaml_get_int(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			  int64_t lo, int64_t hi, int64_t *out);
int scenario_yaml_get_i32(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key, int lo,
			  int hi, int *out);
/* Any scalar as a new string; replaces and frees the previous *out. */
int scenario_yaml_get_str(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			  char **out);
/* A non-empty string; need_word also fails when the key is absent (0 = ok). */
int scenario_yaml_get_word(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			   char **out);
int scenario_yaml_need_word(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			    char **out);
int scenario_yaml_get_map(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			  yaml_node_t **out);
/* Call fn(c, item, arg) for every item of the list under key, each of which
 * must be a mapping; the path names the item while fn runs. */
int scenario_yaml_each_map(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			   int (*fn)(scenario_yaml_ctx *, const yaml_node_t *, void *), void *arg);

/* ---- validation errors as field.Error words them (scenario_field.c) ---- */

/* "KEY: Required value[: detail]" at n; -1. */
int scenario_field_required(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
			    const char *detail);
/* "KEY: Invalid value: VALUE: detail" at n; -1. */
int scenario_field_invalid(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
			   long long value, const char *detail);
/* "KEY: Forbidden: detail" at n; -1. */
int scenario_field_forbidden(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
			     const char *detail);
/* A 32-bit integer (else podsim's type message) within [lo, hi] (else
 * Invalid value: N: detail).  1 read, 0 absent, -1 error. */
int scenario_field_get_int(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			   int64_t lo, int64_t hi, const char *detail, int64_t *out);
/* One of the NULL-terminated names (*out its index), else field.NotSupported
 * listing shown (NULL-terminated, in the API server's order) or, for "",
 * Required value.  1 read, 0 absent, -1 error. */
int scenario_field_get_enum(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			    const char *const names[], const char *const shown[], int *out);

/* ---- resource quantities (scenario_quantity.c) ------------------------- */

typedef struct scenario_quantity {
	bool negative;
	__extension__ unsigned __int128 nano; /* magnitude in 1e-9 units, rounded up, saturated */
} scenario_quantity;

/* Parse s as resource.ParseQuantity does: NULL, or its error text. */
const char *scenario_quantity_parse(const char *s, scenario_quantity *q);
/* <0, 0, >0 as a < b, a == b, a > b. */
int scenario_quantity_cmp(const scenario_quantity *a, const scenario_quantity *b);

/* ---- names (scenario_names.c) ------------------------------------------ */

typedef enum {
	SCENARIO_NAME_SUBDOMAIN, /* RFC 1123 subdomain, <= 253: pod names */
	SCENARIO_NAME_LABEL,     /* RFC 1123 label, <= 63: namespaces, containers */
	SCENARIO_NAME_PORT,      /* IANA service name, <= 15: port names */
	SCENARIO_NAME_QUALIFIED  /* [prefix/]name, name <= 63: condition types */
} scenario_name_rule;

/* Check the scalar under key (absent: 0) as the API server does; -1 after
 * writing `KEY: Invalid value: "NAME": DETAIL`. */
int scenario_names_check(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			 scenario_name_rule rule);
/* Refuse a name under key longer than SIM_NAME_MAX, which the API server
 * accepts but podsim cannot hold; -1 after writing the error. */
int scenario_names_check_podsim_len(scenario_yaml_ctx *c, const yaml_node_t *map,
				    const char *key);

/* ---- strict fields (scenario_schema.c) -------------------------------- */

/* Check every key of root, a v1 object of kind "Pod" or "List", against the
 * v1 schema as the API server's strict decoding does; unknown and repeated
 * fields are an error or warnings as c->sc->validate says.  0 or -1. */
int scenario_schema_check(scenario_yaml_ctx *c, const yaml_node_t *root, const char *kind);
/* NULL when none of the n texts repeats an earlier one, else a new array
 * with a 1 for each that does (found by sorting: O(n log n)); NULL texts
 * are left out. */
unsigned char *scenario_schema_repeats(const char *const *texts, size_t n);
/* Which items of the lists seqs[0..n_seqs) (NULL entries skipped) repeat
 * the "name" of an earlier item, one flag per item across the lists; NULL
 * when none.  Items whose name is missing or not a string are left out:
 * their own reader refuses them. */
unsigned char *scenario_schema_repeated_names(scenario_yaml_ctx *c, yaml_node_t *const seqs[],
					      int n_seqs);
/* scenario_schema_repeats of the keys of map, one flag per pair. */
unsigned char *scenario_schema_duplicates(scenario_yaml_ctx *c, const yaml_node_t *map);

/* ---- fields read for the printers only (scenario_manifest.c) ----------- */

/* Annotations, volumes, nodeSelector, tolerations, priorityClassName of the
 * Pod whose metadata and spec are given.  0 or -1. */
int scenario_manifest_pod(scenario_yaml_ctx *c, const yaml_node_t *meta, const yaml_node_t *spec,
			  pod_spec *p);
/* The pod's volume names, sorted, for scenario_manifest_container (free it). */
const char **scenario_manifest_volume_index(const pod_spec *p);
/* env, volumeMounts (each naming one of volumes) and workingDir of a container. */
int scenario_manifest_container(scenario_yaml_ctx *c, const yaml_node_t *n, const pod_spec *p,
				const char **volumes, container_spec *ct);

/* ---- documents (0 = read, -1 = error written) --------------------------- */

/* One object (a document's root, or an item of a List) to the reader of its
 * kind; kinds podsim does not simulate are skipped with a note.  (_bundle.c) */
int scenario_bundle_dispatch(scenario_yaml_ctx *c, const yaml_node_t *root);

/* Each reads one document of its kind into c->sc.  Objects are appended
 * zeroed before they are filled, so a failure half way leaves a partial
 * object that scenario_release frees. */
int scenario_parse_pod(scenario_yaml_ctx *c, const yaml_node_t *root);        /* scenario.c */
int scenario_parse_simulation(scenario_yaml_ctx *c, const yaml_node_t *root); /* _podsim.c */
int scenario_parse_catalogue(scenario_yaml_ctx *c, const yaml_node_t *root);  /* _podsim.c */

/* ---- the update action (scenario_update.c) ------------------------------- */

/* The `update:` mapping of action node n into *a. */
int scenario_update_parse(scenario_yaml_ctx *c, const yaml_node_t *n, action_spec *a);
/* Checks update action i against its pod (which exists) and builds the spec
 * it leaves.  0, or -1 with err filled. */
int scenario_update_finish(scenario *sc, int i, char *err, size_t errlen);
void scenario_update_free(action_spec *a);

#endif
