/* nameindex.h - a hash index from (namespace, name) to a position.
 *
 * The API server finds pods and events by namespace/name (apiserver.c); a
 * linear scan made every event PATCH cost O(events).  The index keeps only
 * positions (open addressing, linear probing, load <= 1/2); the caller's
 * key function reads an entry's namespace and name back from its own
 * storage, so nothing is copied.
 */
#ifndef NAMEINDEX_H
#define NAMEINDEX_H

#include "podsim.h"

/* Writes the namespace and name of the entry at pos. */
typedef void (*nameindex_key_fn)(const void *ctx, int pos, const char **ns, const char **name);

typedef struct nameindex {
	int *slot; /* position, or -1 for an empty slot */
	size_t cap; /* a power of two, or 0 before the first insert */
	int n;
	nameindex_key_fn key;
	const void *ctx;
} nameindex;

void nameindex_init(nameindex *ix, nameindex_key_fn key, const void *ctx);
void nameindex_free(nameindex *ix);
/* Indexes position pos, which must be the next one (pos == n): stores
 * index dense arrays and append (its key must not be indexed yet). */
void nameindex_insert(nameindex *ix, int pos);
/* The position indexed under (ns, name), or -1. */
int nameindex_find(const nameindex *ix, const char *ns, const char *name);
/* Re-indexes positions 0..n-1 (after positions moved). */
void nameindex_rebuild(nameindex *ix, int n);

#endif
