/* check_gosort.c - Go's sort.Sort (src/sort/zsortinterface.go, pdqsort).
 *
 * Each vector is a list of keys in input order and, for each xorshift
 * variant, the input index found at each place after sorting.  The
 * expected orders are Go's own: sort.Sort of go1.19.8 (Debian's
 * golang-1.19-go) on a slice of {key, index} with Less comparing keys, and
 * for Go 1.24 the same package with only the xorshift triple of sort.go
 * changed to 13, 7, 17 (golang/go#70144; zsortinterface.go is the same
 * text in both).  The port was also checked against those two Go sorts on
 * 3000 random vectors of 1-300 keys (random, nearly sorted, decreasing and
 * sawtooth keys): identical orders, 874 of them differing between the
 * variants.
 */
#include <check.h>

#include "gosort.h"

typedef struct elem {
	int key, id;
} elem;

static bool elem_less(void *data, int i, int j)
{
	const elem *e = data;
	return e[i].key < e[j].key;
}

static void elem_swap(void *data, int i, int j)
{
	elem *e = data, t = e[i];
	e[i] = e[j];
	e[j] = t;
}

#define MAXN 100

static const struct {
	int n;
	int keys[MAXN];
	int go119[MAXN], go124[MAXN];
} vectors[] = {
	/* 13 equal keys: choosePivot sees no swap, partialInsertionSort finds
	 * the slice sorted - the input order survives */
	{13, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	 {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
	 {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
	/* an Events list: lastTimestamp seconds in name order, four events
	 * de-duplicated into counts whose lastTimestamp moved to 30 s; equal
	 * seconds come out as 11, 12, 10 and 9, 13, 5, 2 */
	{20, {0, 3, 30, 3, 6, 30, 6, 6, 9, 30, 12, 12, 12, 30, 15, 18, 18, 21, 21, 24},
	 {0, 1, 3, 4, 6, 7, 8, 11, 12, 10, 14, 15, 16, 17, 18, 19, 9, 13, 5, 2},
	 {0, 1, 3, 4, 6, 7, 8, 11, 12, 10, 14, 15, 16, 17, 18, 19, 9, 13, 5, 2}},
	{17, {2, 0, 0, 0, 0, 1, 0, 1, 1, 2, 1, 0, 2, 0, 0, 1, 0},
	 {11, 1, 2, 3, 4, 16, 6, 14, 13, 8, 10, 7, 15, 5, 9, 12, 0},
	 {11, 1, 2, 3, 4, 16, 6, 14, 13, 8, 10, 7, 15, 5, 9, 12, 0}},
	{30, {0, 1, 0, 3, 1, 3, 0, 1, 0, 0, 0, 1, 2, 3, 2, 0, 3, 2, 2, 3, 3, 2, 3, 0, 1, 1, 2, 1, 0, 3},
	 {9, 15, 2, 28, 23, 0, 6, 10, 8, 4, 7, 11, 25, 24, 27, 1, 14, 12, 18, 26, 17, 21, 20, 16, 13,
	  22, 19, 5, 3, 29},
	 {9, 15, 2, 28, 23, 0, 6, 10, 8, 4, 7, 11, 25, 24, 27, 1, 14, 12, 18, 26, 17, 21, 20, 16, 13,
	  22, 19, 5, 3, 29}},
	/* 55 keys: Tukey's ninther, and breakPatterns' generator matters */
	{55, {4, 3, 5, 4, 3, 3, 3, 1, 4, 4, 0, 2, 3, 0, 3, 3, 1, 1, 0, 0, 4, 1, 4, 2, 5, 0, 2, 0,
	      1, 1, 2, 5, 2, 0, 1, 3, 4, 5, 1, 2, 2, 1, 2, 2, 0, 3, 2, 4, 5, 0, 2, 5, 4, 4, 1},
	 {27, 13, 33, 44, 25, 19, 10, 18, 49, 7, 28, 34, 38, 54, 41, 21, 16, 17, 29, 39, 11, 42, 43,
	  23, 50, 32, 26, 30, 40, 46, 12, 45, 14, 1, 6, 35, 15, 4, 5, 36, 9, 22, 20, 8, 3, 53, 0, 47,
	  52, 2, 24, 51, 48, 31, 37},
	 {27, 13, 49, 18, 25, 33, 19, 44, 10, 54, 7, 28, 34, 38, 41, 21, 16, 17, 29, 39, 11, 42, 43,
	  23, 50, 32, 26, 30, 40, 46, 12, 45, 14, 1, 6, 35, 15, 4, 5, 36, 9, 22, 20, 8, 3, 53, 0, 47,
	  52, 2, 24, 51, 48, 31, 37}},
	{100, {2, 6, 4, 7, 7, 2, 0, 2, 2, 9, 7, 7, 1, 9, 1, 2, 0, 8, 2, 8, 8, 1, 2, 6, 2, 6, 1, 2,
	       9, 4, 0, 2, 9, 4, 1, 2, 9, 0, 4, 8, 8, 2, 8, 1, 1, 6, 7, 2, 0, 8, 0, 3, 3, 3, 7, 4,
	       8, 9, 4, 4, 7, 4, 7, 2, 5, 5, 5, 0, 7, 7, 5, 6, 9, 1, 0, 4, 7, 8, 6, 6, 1, 3, 6, 4,
	       7, 2, 3, 5, 9, 0, 4, 1, 6, 8, 2, 8, 5, 0, 8, 1},
	 {48, 50, 97, 67, 37, 16, 6, 74, 30, 89, 43, 80, 12, 44, 14, 26, 21, 73, 91, 34, 99, 18, 22,
	  0, 24, 63, 15, 27, 85, 47, 8, 31, 7, 5, 94, 35, 41, 51, 53, 52, 81, 86, 59, 33, 90, 83, 38,
	  29, 58, 75, 61, 55, 2, 70, 65, 66, 64, 87, 96, 82, 25, 1, 92, 45, 79, 78, 23, 71, 11, 60, 68,
	  3, 62, 4, 10, 84, 76, 69, 54, 46, 20, 93, 56, 77, 49, 98, 39, 42, 40, 95, 19, 17, 13, 72, 36,
	  9, 88, 32, 28, 57},
	 {48, 50, 97, 67, 37, 16, 6, 74, 30, 89, 43, 80, 12, 44, 14, 26, 21, 73, 91, 34, 99, 18, 22,
	  0, 24, 63, 15, 27, 85, 47, 8, 31, 7, 5, 94, 35, 41, 51, 53, 52, 81, 86, 59, 33, 90, 83, 38,
	  29, 58, 75, 61, 55, 2, 70, 65, 66, 64, 87, 96, 82, 25, 1, 92, 45, 79, 78, 23, 71, 11, 60, 68,
	  3, 62, 4, 10, 84, 76, 69, 54, 46, 20, 93, 56, 77, 49, 98, 39, 42, 40, 95, 19, 17, 13, 72, 36,
	  9, 88, 32, 28, 57}},
	/* strictly decreasing: choosePivot's decreasing hint, reverseRange */
	{52, {60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39,
	      38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
	      16, 15, 14, 13, 12, 11, 10, 9},
	 {51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29,
	  28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
	  3, 2, 1, 0},
	 {51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29,
	  28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
	  3, 2, 1, 0}},
};

START_TEST(test_go_sort_order)
{
	int n = vectors[_i].n;
	for (int v = 0; v < 2; v++) {
		elem e[MAXN];
		for (int i = 0; i < n; i++)
			e[i] = (elem){vectors[_i].keys[i], i};
		gosort_iface d = {e, n, elem_less, elem_swap, v ? GOSORT_GO124 : GOSORT_GO119};
		gosort_sort(&d);
		const int *want = v ? vectors[_i].go124 : vectors[_i].go119;
		for (int i = 0; i < n; i++)
			ck_assert_msg(e[i].id == want[i], "vector %d (n=%d) go1.%s: place %d holds %d, Go has %d",
				      _i, n, v ? "24" : "19", i, e[i].id, want[i]);
	}
}
END_TEST

/* sort.Sort returns at once for fewer than two elements. */
START_TEST(test_short)
{
	elem e[1] = {{5, 0}};
	gosort_iface d = {e, 0, elem_less, elem_swap, GOSORT_GO124};
	gosort_sort(&d);
	d.len = 1;
	gosort_sort(&d);
	ck_assert_int_eq(e[0].key, 5);
}
END_TEST

Suite *gosort_suite(void)
{
	Suite *s = suite_create("gosort");
	TCase *tc = tcase_create("pdqsort");
	tcase_add_loop_test(tc, test_go_sort_order, 0, sizeof(vectors) / sizeof(vectors[0]));
	tcase_add_test(tc, test_short);
	suite_add_tcase(s, tc);
	return s;
}
