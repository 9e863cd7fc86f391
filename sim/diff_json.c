/* diff_json.c - `podsim diff -o json`: the verdict of diff.c as one machine-readable object.
 *
 * For CI and scripts (`podsim diff -o json rec.txt scenario.yaml | jq
 * .verdict`): the same judged rows as the text report, with numbers
 * instead of aligned text.  Shape, keys in camelCase as the Kubernetes API
 * spells its own:
 *
 *   {"kind": "pods"|"events", "recorded": {"file", "rows"},
 *    "simulated": {"file", "rows"}, "toleranceSeconds", "restartAgoCompared",
 *    "rows": [{"result", "name", "recorded": ROW|null, "simulated": ROW|null,
 *              "ageDiffSeconds": N|null, "agoDiffSeconds": N|null,
 *              "agoOneSide": bool}],
 *    "notCompared": [{"name", "simulatedRows"}], "pairs", "compared",
 *    "mismatches": {"AGE", "DIFF", "EXTRA"}, "mismatched",
 *    "verdict": "match"|"mismatch"}
 *
 * ROW is {"line", "text", "ready", "status", "restarts",
 * "restartAgoSeconds": N|null, "ageSeconds"} for a pod row and {"line",
 * "text", "type", "reason", "lastSeenSeconds"} for an event row ("line"
 * counts in its capture: for a scenario run, in the simulated output); seconds
 * are whole (captures hold HumanDuration text), the differences are
 * SIMULATED minus RECORDED.  Built with cJSON like report_json.c, and for
 * the same reason (escaping a pod name pasted from a terminal is exactly
 * what cJSON gets right); its allocations go through xmalloc here too, so
 * it never returns NULL.
 */
#include "diff_json.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>

static void *hook_malloc(size_t n)
{
	return xmalloc(n ? n : 1);
}

static void init_hooks(void)
{
	cJSON_Hooks hooks = { hook_malloc, free };
	cJSON_InitHooks(&hooks);
}

static double seconds(simtime_t t)
{
	return (double)(t / NSEC_PER_SEC);
}

static cJSON *row_json(const diff_row *r)
{
	if (!r)
		return cJSON_CreateNull();
	char text[sizeof(r->name) * 4];
	diff_row_text(r, text, sizeof(text));
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "line", r->line);
	cJSON_AddStringToObject(o, "text", text);
	if (r->event) {
		cJSON_AddStringToObject(o, "type", r->ready);
		cJSON_AddStringToObject(o, "reason", r->status);
		cJSON_AddNumberToObject(o, "lastSeenSeconds", seconds(r->age));
		return o;
	}
	cJSON_AddStringToObject(o, "ready", r->ready);
	cJSON_AddStringToObject(o, "status", r->status);
	cJSON_AddNumberToObject(o, "restarts", r->restarts);
	if (r->restart_ago >= 0)
		cJSON_AddNumberToObject(o, "restartAgoSeconds", seconds(r->restart_ago));
	else
		cJSON_AddNullToObject(o, "restartAgoSeconds");
	cJSON_AddNumberToObject(o, "ageSeconds", seconds(r->age));
	return o;
}

static void add_diff(cJSON *o, const char *key, bool set, simtime_t d)
{
	if (set)
		cJSON_AddNumberToObject(o, key, seconds(d));
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *line_json(const diff_line *l)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "result", diff_verdict_name(l->verdict));
	cJSON_AddStringToObject(o, "name", (l->rec ? l->rec : l->sim)->name);
	cJSON_AddItemToObject(o, "recorded", row_json(l->rec));
	cJSON_AddItemToObject(o, "simulated", row_json(l->sim));
	add_diff(o, "ageDiffSeconds", l->paired, l->age_diff);
	add_diff(o, "agoDiffSeconds", l->ago_compared, l->ago_diff);
	cJSON_AddBoolToObject(o, "agoOneSide", l->ago_one_side);
	return o;
}

static cJSON *capture_json(const char *file, int rows)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "file", file);
	cJSON_AddNumberToObject(o, "rows", rows);
	return o;
}

static void add_rows(cJSON *top, const diff_result *res)
{
	cJSON *rows = cJSON_AddArrayToObject(top, "rows");
	for (int i = 0; i < res->n_lines; i++)
		cJSON_AddItemToArray(rows, line_json(&res->lines[i]));
	cJSON *unrec = cJSON_AddArrayToObject(top, "notCompared");
	for (int i = 0; i < res->n_unrecorded; i++) {
		cJSON *u = cJSON_CreateObject();
		cJSON_AddStringToObject(u, "name", res->unrecorded[i].name);
		cJSON_AddNumberToObject(u, "simulatedRows", res->unrecorded[i].rows);
		cJSON_AddItemToArray(unrec, u);
	}
}

void diff_json_write(const diff_result *res, FILE *out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, init_hooks);
	cJSON *top = cJSON_CreateObject();
	cJSON_AddStringToObject(top, "kind", res->events ? "events" : "pods");
	cJSON_AddItemToObject(top, "recorded", capture_json(res->rec_name, res->n_rec));
	cJSON_AddItemToObject(top, "simulated", capture_json(res->sim_name, res->n_sim));
	cJSON_AddNumberToObject(top, "toleranceSeconds", (double)res->tolerance / NSEC_PER_SEC);
	cJSON_AddBoolToObject(top, "restartAgoCompared", res->ago_recorded);
	add_rows(top, res);
	cJSON_AddNumberToObject(top, "pairs", res->pairs);
	cJSON_AddNumberToObject(top, "compared", res->n_lines);
	cJSON *mm = cJSON_AddObjectToObject(top, "mismatches");
	cJSON_AddNumberToObject(mm, "AGE", res->counts[DIFF_AGE]);
	cJSON_AddNumberToObject(mm, "DIFF", res->counts[DIFF_DIFF]);
	cJSON_AddNumberToObject(mm, "EXTRA", res->counts[DIFF_EXTRA]);
	int bad = diff_result_mismatched(res);
	cJSON_AddNumberToObject(top, "mismatched", bad);
	cJSON_AddStringToObject(top, "verdict", bad > 0 || res->n_rec == 0 ? "mismatch" : "match");
	char *text = cJSON_PrintUnformatted(top);
	fprintf(out, "%s\n", text);
	free(text);
	cJSON_Delete(top);
}
