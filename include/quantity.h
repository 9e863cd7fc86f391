/* quantity.h - a resource quantity as the API server stores and prints it.
 *
 * "0.5" cpu comes back from the API server as "500m", "1024Mi" as "1Gi":
 * apimachinery's Quantity keeps the text it parsed only when that text
 * already looks canonical, and otherwise prints its canonical form.
 */
#ifndef QUANTITY_H
#define QUANTITY_H

/* The text Quantity.String() gives after ParseQuantity(text), as a heap
 * string.  Text that does not parse, or whose value needs a suffix beyond
 * "n"..."E" or "Ki"..."Ei", comes back unchanged. */
char *quantity_string(const char *text);

#endif
