/* quantity.h - a resource quantity as the API server stores and prints it.
 *
 * "0.5" cpu comes back from the API server as "500m", "1024Mi" as "1Gi":
 * apimachinery's Quantity keeps the text it parsed only when that text
 * already looks canonical, and otherwise prints its canonical form.
 */
#ifndef QUANTITY_H
#define QUANTITY_H

#include <stdbool.h>

/* The text Quantity.String() gives after ParseQuantity(text), as a heap
 * string.  Text that does not parse, or whose value needs a suffix beyond
 * "n"..."E" or "Ki"..."Ei", comes back unchanged. */
char *quantity_string(const char *text);

/* A quantity's exact value in nano units (ParseQuantity rounds finer
 * values up to 1n), for adding and comparing as resource.Quantity's Add
 * and Cmp do. */
typedef struct quantity_value {
	bool negative;
	unsigned __int128 nanos;
} quantity_value;

/* false if text does not parse or the value does not fit. */
bool quantity_nanos(const char *text, quantity_value *out);

#endif
