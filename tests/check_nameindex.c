/* check_nameindex.c - the (namespace, name) hash index of the API store
 * (nameindex.c; the real API server finds objects by their etcd key
 * /registry/<resource>/<namespace>/<name>). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "nameindex.h"

typedef struct obj {
	char ns[16], name[32];
} obj;

static void key(const void *ctx, int pos, const char **ns, const char **name)
{
	const obj *o = (const obj *)ctx + pos;
	*ns = o->ns;
	*name = o->name;
}

/* Thousands of appended keys, all found; absent and cross-namespace keys
 * are not; a rebuild after positions moved finds the new positions. */
START_TEST(test_append_find_rebuild)
{
	enum { N = 5000 };
	static obj objs[N];
	nameindex ix;
	nameindex_init(&ix, key, objs);
	ck_assert_int_eq(nameindex_find(&ix, "default", "x"), -1);
	for (int k = 0; k < N; k++) {
		snprintf(objs[k].ns, sizeof(objs[k].ns), "%s", k % 2 ? "default" : "kube-system");
		snprintf(objs[k].name, sizeof(objs[k].name), "web-%d.17c74f6a%x", k, k);
		nameindex_insert(&ix, k);
	}
	for (int k = 0; k < N; k++)
		ck_assert_int_eq(nameindex_find(&ix, objs[k].ns, objs[k].name), k);
	ck_assert_int_eq(nameindex_find(&ix, "default", "web-0.17c74f6a0"), -1);
	ck_assert_int_eq(nameindex_find(&ix, "default", "nope"), -1);
	/* delete position 0 the way the store does: shift, then rebuild */
	memmove(objs, objs + 1, (N - 1) * sizeof(obj));
	nameindex_rebuild(&ix, N - 1);
	ck_assert_int_eq(nameindex_find(&ix, "kube-system", "web-0.17c74f6a0"), -1);
	ck_assert_int_eq(nameindex_find(&ix, "default", "web-1.17c74f6a1"), 0);
	ck_assert_int_eq(nameindex_find(&ix, objs[N - 2].ns, objs[N - 2].name), N - 2);
	nameindex_free(&ix);
}
END_TEST

/* Equal keys (two objects under one name): the first inserted is found,
 * as the store's former front-to-back scan found it. */
START_TEST(test_duplicate_finds_first)
{
	obj objs[3] = {{"default", "a"}, {"default", "b"}, {"default", "a"}};
	nameindex ix;
	nameindex_init(&ix, key, objs);
	for (int k = 0; k < 3; k++)
		nameindex_insert(&ix, k);
	ck_assert_int_eq(nameindex_find(&ix, "default", "a"), 0);
	nameindex_rebuild(&ix, 3);
	ck_assert_int_eq(nameindex_find(&ix, "default", "a"), 0);
	nameindex_free(&ix);
}
END_TEST

Suite *nameindex_suite(void)
{
	Suite *s = suite_create("nameindex");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_append_find_rebuild);
	tcase_add_test(tc, test_duplicate_finds_first);
	suite_add_tcase(s, tc);
	return s;
}
