/* gosort.c - Go's sort.Sort, line for line: pattern-defeating quicksort.
 *
 * Mirrors src/sort/sort.go (Sort, xorshift, nextPowerOfTwo) and
 * src/sort/zsortinterface.go (pdqsort, insertionSort, heapSort, siftDown,
 * partition, partitionEqual, partialInsertionSort, breakPatterns,
 * choosePivot, median, medianAdjacent, reverseRange) of Go 1.19 to 1.25,
 * which are the same in every release that built a kubectl from 1.29 on
 * except for the xorshift triple (golang/go#70144, Go 1.24).  kubectl sorts
 * describe's Events table with sort.Sort, which is unstable: slices of at
 * most 12 elements get an insertion sort (stable), longer ones a quicksort
 * whose pivots, partitions and pattern-breaking swaps move equal elements
 * around deterministically.  So the only way to print equal-timestamp
 * events in kubectl's order is to make the same calls to less and swap in
 * the same order, which is what this file does; names and control flow
 * follow the Go source so the two can be read side by side.
 *
 * Rejected: qsort (glibc's is a merge sort, stable in practice, so a
 * different order above 12 elements) and a stable sort with a documented
 * departure (what podsim had: right up to 12 events, wrong beyond).
 */
#include "gosort.h"

#include <assert.h>
#include <stdint.h>

typedef enum hint { UNKNOWN_HINT, INCREASING_HINT, DECREASING_HINT } hint;

static bool less(const gosort_iface *d, int i, int j)
{
	return d->less(d->data, i, j);
}

static void swap(const gosort_iface *d, int i, int j)
{
	d->swap(d->data, i, j);
}

/* math/bits.Len: the number of bits needed to represent x (0 for 0). */
static int bits_len(uint64_t x)
{
	int n = 0;
	for (; x; x >>= 1)
		n++;
	return n;
}

static uint64_t xorshift_next(uint64_t *r, gosort_xorshift v)
{
	*r ^= *r << 13;
	if (v == GOSORT_GO119) {
		*r ^= *r >> 17;
		*r ^= *r << 5;
	} else {
		*r ^= *r >> 7;
		*r ^= *r << 17;
	}
	return *r;
}

static void insertion_sort(const gosort_iface *d, int a, int b)
{
	for (int i = a + 1; i < b; i++)
		for (int j = i; j > a && less(d, j, j - 1); j--)
			swap(d, j, j - 1);
}

static void sift_down(const gosort_iface *d, int lo, int hi, int first)
{
	int root = lo;
	for (;;) {
		int child = 2 * root + 1;
		if (child >= hi)
			return;
		if (child + 1 < hi && less(d, first + child, first + child + 1))
			child++;
		if (!less(d, first + root, first + child))
			return;
		swap(d, first + root, first + child);
		root = child;
	}
}

static void heap_sort(const gosort_iface *d, int a, int b)
{
	int first = a, lo = 0, hi = b - a;
	for (int i = (hi - 1) / 2; i >= 0; i--)
		sift_down(d, i, hi, first);
	for (int i = hi - 1; i >= 0; i--) {
		swap(d, first, first + i);
		sift_down(d, lo, i, first);
	}
}

/* partition: returns the pivot's new place; *already = nothing moved. */
static int partition(const gosort_iface *d, int a, int b, int pivot, bool *already)
{
	swap(d, a, pivot);
	int i = a + 1, j = b - 1;
	while (i <= j && less(d, i, a))
		i++;
	while (i <= j && !less(d, j, a))
		j--;
	if (i > j) {
		swap(d, j, a);
		*already = true;
		return j;
	}
	swap(d, i, j);
	i++;
	j--;
	for (;;) {
		while (i <= j && less(d, i, a))
			i++;
		while (i <= j && !less(d, j, a))
			j--;
		if (i > j)
			break;
		swap(d, i, j);
		i++;
		j--;
	}
	swap(d, j, a);
	*already = false;
	return j;
}

static int partition_equal(const gosort_iface *d, int a, int b, int pivot)
{
	swap(d, a, pivot);
	int i = a + 1, j = b - 1;
	for (;;) {
		while (i <= j && !less(d, a, i))
			i++;
		while (i <= j && less(d, a, j))
			j--;
		if (i > j)
			break;
		swap(d, i, j);
		i++;
		j--;
	}
	return i;
}

static bool partial_insertion_sort(const gosort_iface *d, int a, int b)
{
	enum { MAX_STEPS = 5, SHORTEST_SHIFTING = 50 };
	int i = a + 1;
	for (int step = 0; step < MAX_STEPS; step++) {
		while (i < b && !less(d, i, i - 1))
			i++;
		if (i == b)
			return true;
		if (b - a < SHORTEST_SHIFTING)
			return false;
		swap(d, i, i - 1);
		if (i - a >= 2) /* shift the smaller one to the left */
			for (int j = i - 1; j >= 1; j--) {
				if (!less(d, j, j - 1))
					break;
				swap(d, j, j - 1);
			}
		if (b - i >= 2) /* shift the greater one to the right */
			for (int j = i + 1; j < b; j++) {
				if (!less(d, j, j - 1))
					break;
				swap(d, j, j - 1);
			}
	}
	return false;
}

static void break_patterns(const gosort_iface *d, int a, int b)
{
	int length = b - a;
	if (length < 8)
		return;
	uint64_t random = (uint64_t)length;
	uint64_t modulus = UINT64_C(1) << bits_len((uint64_t)length); /* nextPowerOfTwo */
	for (int idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
		int other = (int)(xorshift_next(&random, d->xorshift) & (modulus - 1));
		if (other >= length)
			other -= length;
		swap(d, idx, a + other);
	}
}

/* order2 + median: the index of the median of data[a], data[b], data[c]. */
static int median(const gosort_iface *d, int a, int b, int c, int *swaps)
{
	int t;
	if (less(d, b, a)) {
		(*swaps)++;
		t = a, a = b, b = t;
	}
	if (less(d, c, b)) {
		(*swaps)++;
		t = b, b = c, c = t;
	}
	if (less(d, b, a)) {
		(*swaps)++;
		t = a, a = b, b = t;
	}
	return b;
}

static int choose_pivot(const gosort_iface *d, int a, int b, hint *h)
{
	enum { SHORTEST_NINTHER = 50, MAX_SWAPS = 4 * 3 };
	int l = b - a, swaps = 0;
	int i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;

	if (l >= 8) {
		if (l >= SHORTEST_NINTHER) { /* Tukey's ninther: medianAdjacent */
			i = median(d, i - 1, i, i + 1, &swaps);
			j = median(d, j - 1, j, j + 1, &swaps);
			k = median(d, k - 1, k, k + 1, &swaps);
		}
		j = median(d, i, j, k, &swaps);
	}
	*h = swaps == 0 ? INCREASING_HINT : swaps == MAX_SWAPS ? DECREASING_HINT : UNKNOWN_HINT;
	return j;
}

static void reverse_range(const gosort_iface *d, int a, int b)
{
	for (int i = a, j = b - 1; i < j; i++, j--)
		swap(d, i, j);
}

static void pdqsort(const gosort_iface *d, int a, int b, int limit)
{
	enum { MAX_INSERTION = 12 };
	bool was_balanced = true, was_partitioned = true;

	for (;;) {
		int length = b - a;
		if (length <= MAX_INSERTION) {
			insertion_sort(d, a, b);
			return;
		}
		if (limit == 0) {
			heap_sort(d, a, b);
			return;
		}
		if (!was_balanced) {
			break_patterns(d, a, b);
			limit--;
		}
		hint h;
		int pivot = choose_pivot(d, a, b, &h);
		if (h == DECREASING_HINT) {
			reverse_range(d, a, b);
			pivot = (b - 1) - (pivot - a);
			h = INCREASING_HINT;
		}
		if (was_balanced && was_partitioned && h == INCREASING_HINT &&
		    partial_insertion_sort(d, a, b))
			return;
		if (a > 0 && !less(d, a - 1, pivot)) {
			a = partition_equal(d, a, b, pivot);
			continue;
		}
		int mid = partition(d, a, b, pivot, &was_partitioned);
		int left_len = mid - a, right_len = b - mid, balance_threshold = length / 8;
		if (left_len < right_len) {
			was_balanced = left_len >= balance_threshold;
			pdqsort(d, a, mid, limit);
			a = mid + 1;
		} else {
			was_balanced = right_len >= balance_threshold;
			pdqsort(d, mid + 1, b, limit);
			b = mid;
		}
	}
}

void gosort_sort(const gosort_iface *data)
{
	assert(data && data->len >= 0 && data->less && data->swap);
	if (data->len <= 1)
		return;
	pdqsort(data, 0, data->len, bits_len((uint64_t)data->len));
}
