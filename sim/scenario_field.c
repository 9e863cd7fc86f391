/* scenario_field.c - Pod validation errors worded as the API server's field.Error.
 *
 * pkg/apis/core/validation reports each problem as a field.Error of
 * apimachinery pkg/util/validation/field, printed as "PATH: TYPE: DETAIL":
 *   Required value[: detail]                field.Required
 *   Invalid value: VALUE: detail            field.Invalid (an integer bare,
 *                                           a string quoted)
 *   Forbidden: detail                       field.Forbidden
 *   Unsupported value: "X": supported values: "A", "B"   field.NotSupported
 *   Duplicate value: "X"                    field.Duplicate
 * The Pod reader (scenario.c) words the checks it shares with the API server
 * through these, so a user who knows kubectl's messages recognises podsim's,
 * each with the FILE:LINE:COL of the value.  A value of the wrong YAML type
 * (a string where an integer goes) never reaches the API server's
 * validation: its JSON decoder refuses it first, with a Go type error that
 * names no line; podsim keeps its own "must be an integer, got ..." there.
 * Rejected: one generic "must be X, got Y" wording for everything (the API
 * server's own text is what users search for).
 */
#include "scenario_yaml.h"

#include <stdio.h>
#include <string.h>

int scenario_field_required(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
			    const char *detail)
{
	if (detail)
		return scenario_yaml_fail_key(c, n, key, "Required value: %s", detail);
	return scenario_yaml_fail_key(c, n, key, "Required value");
}

int scenario_field_invalid(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
			   long long value, const char *detail)
{
	return scenario_yaml_fail_key(c, n, key, "Invalid value: %lld: %s", value, detail);
}

int scenario_field_forbidden(scenario_yaml_ctx *c, const yaml_node_t *n, const char *key,
			     const char *detail)
{
	return scenario_yaml_fail_key(c, n, key, "Forbidden: %s", detail);
}

int scenario_field_get_int(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			   int64_t lo, int64_t hi, const char *detail, int64_t *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	int64_t x;
	if (!v)
		return 0;
	if (!scenario_yaml_scalar_int(v, &x))
		return scenario_yaml_want(c, v, key, "an integer");
	if (x < INT32_MIN || x > INT32_MAX) /* an int32 field: a decoding error */
		return scenario_yaml_want(c, v, key, "a 32-bit integer");
	if (x < lo || x > hi)
		return scenario_field_invalid(c, v, key, (long long)x, detail);
	*out = x;
	return 1;
}

int scenario_field_get_enum(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			    const char *const names[], const char *const shown[], int *out)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (!v)
		return 0;
	if (v->type != YAML_SCALAR_NODE)
		return scenario_yaml_want(c, v, key, "a string");
	const char *t = scenario_yaml_text(v);
	for (int i = 0; names[i]; i++)
		if (strcmp(t, names[i]) == 0) {
			*out = i;
			return 1;
		}
	if (!*t)
		return scenario_field_required(c, v, key, NULL);
	char list[160] = "";
	for (int i = 0; shown[i]; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s\"%s\"", i ? ", " : "",
			 shown[i]);
	return scenario_yaml_fail_key(c, v, key, "Unsupported value: \"%.60s%s\": supported values: %s",
				      t, strlen(t) > 60 ? "..." : "", list);
}
