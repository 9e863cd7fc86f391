/* check_diff_json.c - `podsim diff -o json`: the verdict object parses as JSON
 * and carries the rows, pairs, deltas and verdict the text report shows. */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* Compares rec and sim as JSON; returns the parsed object. */
static cJSON *compare_json(const char *rec_text, const char *sim_text, int want_rc)
{
	diff_row *rec, *sim;
	char err[256], *out = NULL;
	size_t len;
	int n_rec = diff_parse_capture(rec_text, strlen(rec_text), "rec", &rec, NULL, err,
				       sizeof(err));
	int n_sim = diff_parse_capture(sim_text, strlen(sim_text), "sim", &sim, NULL, err,
				       sizeof(err));
	FILE *f = open_memstream(&out, &len);
	ck_assert_int_eq(diff_compare(rec, n_rec, sim, n_sim, SEC(3), "rec", "sim", DIFF_JSON, f,
				      stderr), want_rc);
	fclose(f);
	ck_assert(len > 0 && out[len - 1] == '\n');
	cJSON *j = cJSON_Parse(out);
	ck_assert_ptr_nonnull(j);
	free(out);
	free(rec);
	free(sim);
	return j;
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	ck_assert(cJSON_IsNumber(v));
	return v->valuedouble;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	ck_assert(cJSON_IsString(v));
	return v->valuestring;
}

START_TEST(test_mismatch)
{
	const char *rec = "p   0/1   Pending   0   0s\n"
			  "p   1/1   Running   1 (4s ago)   26s\n";
	const char *sim = "p   0/1   Pending   0   0s\n"
			  "p   1/1   Running   1 (3s ago)   33s\n"
			  "q   0/1   Pending   0   1s\n";
	cJSON *j = compare_json(rec, sim, 1);
	ck_assert_str_eq(str(j, "kind"), "pods");
	ck_assert_str_eq(str(j, "verdict"), "mismatch");
	ck_assert_int_eq(num(j, "pairs"), 2);
	ck_assert_int_eq(num(j, "compared"), 2);
	ck_assert_int_eq(num(j, "mismatched"), 1);
	ck_assert_int_eq(num(cJSON_GetObjectItemCaseSensitive(j, "mismatches"), "AGE"), 1);
	const cJSON *row = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "rows"), 1);
	ck_assert_str_eq(str(row, "result"), "AGE");
	ck_assert_str_eq(str(row, "name"), "p");
	ck_assert_int_eq(num(row, "ageDiffSeconds"), 7);
	ck_assert_int_eq(num(row, "agoDiffSeconds"), -1);
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(row, "recorded");
	ck_assert_str_eq(str(r, "text"), "1/1 Running 1 (4s ago) 26s");
	ck_assert_int_eq(num(r, "restartAgoSeconds"), 4);
	ck_assert_int_eq(num(r, "line"), 2);
	const cJSON *nc = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "notCompared"), 0);
	ck_assert_str_eq(str(nc, "name"), "q");
	ck_assert_int_eq(num(nc, "simulatedRows"), 1);
	cJSON_Delete(j);
}
END_TEST

START_TEST(test_match_events)
{
	const char *rec = "10s   Warning   Unhealthy   pod/a   Liveness probe failed:\n";
	const char *sim = "0s    Normal    Pulling     pod/a   Pulling image\n"
			  "12s   Warning   Unhealthy   pod/a   Liveness probe failed: x\n";
	cJSON *j = compare_json(rec, sim, 0);
	ck_assert_str_eq(str(j, "kind"), "events");
	ck_assert_str_eq(str(j, "verdict"), "match");
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(j, "rows");
	ck_assert_int_eq(cJSON_GetArraySize(rows), 2);
	const cJSON *extra = cJSON_GetArrayItem(rows, 0);
	ck_assert_str_eq(str(extra, "result"), "extra");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(extra, "recorded")));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(extra, "ageDiffSeconds")));
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(rows, 1), "simulated");
	ck_assert_str_eq(str(s, "reason"), "Unhealthy");
	ck_assert_int_eq(num(s, "lastSeenSeconds"), 12);
	cJSON_Delete(j);
}
END_TEST

Suite *diff_json_suite(void)
{
	Suite *s = suite_create("diff_json");
	TCase *tc = tcase_create("verdict");
	tcase_add_test(tc, test_mismatch);
	tcase_add_test(tc, test_match_events);
	suite_add_tcase(s, tc);
	return s;
}
