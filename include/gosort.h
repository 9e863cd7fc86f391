/* gosort.h - Go's sort.Sort (pdqsort), so that unstable sorts in kubectl
 * put equal elements where kubectl puts them.
 *
 * The sort works on an abstract sequence through less and swap callbacks,
 * exactly like Go's sort.Interface, so the same sequence of comparisons and
 * swaps happens as in Go, and equal elements end up in the same order.
 * Go 1.24 changed the shift triple of the xorshift generator that
 * breakPatterns uses (golang/go#70144); the generator is chosen by the
 * caller, from the Go release that built the modelled kubectl.
 */
#ifndef GOSORT_H
#define GOSORT_H

#include <stdbool.h>

typedef enum gosort_xorshift {
	GOSORT_GO119, /* Go 1.19 - 1.23: x ^= x<<13; x ^= x>>17; x ^= x<<5 */
	GOSORT_GO124, /* Go 1.24 and later: x ^= x<<13; x ^= x>>7; x ^= x<<17 */
} gosort_xorshift;

typedef struct gosort_iface {
	void *data;
	int len;
	bool (*less)(void *data, int i, int j);
	void (*swap)(void *data, int i, int j);
	gosort_xorshift xorshift;
} gosort_iface;

/* sort.Sort(data): sorts data[0:len] by less, not stably. */
void gosort_sort(const gosort_iface *data);

#endif
