/* nameindex.c - hash index from (namespace, name) to a store position.
 *
 * Mirrors what the real API server gets from etcd's key space
 * (/registry/<resource>/<namespace>/<name>): a get or update by name costs
 * O(1) whatever the number of objects.  FNV-1a over "ns/name", open
 * addressing with linear probing, doubled when half full.  No deletion:
 * a store that removes an entry rebuilds the index (pods are deleted
 * rarely; events never in a run).
 */
#include "nameindex.h"

#include <stdlib.h>
#include <string.h>

static uint64_t key_hash(const char *ns, const char *name)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *ns; ns++)
		h = (h ^ (unsigned char)*ns) * UINT64_C(0x100000001b3);
	h = (h ^ '/') * UINT64_C(0x100000001b3);
	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * UINT64_C(0x100000001b3);
	return h;
}

void nameindex_init(nameindex *ix, nameindex_key_fn key, const void *ctx)
{
	assert(key);
	*ix = (nameindex){.key = key, .ctx = ctx};
}

void nameindex_free(nameindex *ix)
{
	free(ix->slot);
	ix->slot = NULL;
	ix->cap = 0;
	ix->n = 0;
}

static void place(nameindex *ix, int pos)
{
	const char *ns, *name;
	ix->key(ix->ctx, pos, &ns, &name);
	size_t mask = ix->cap - 1;
	size_t i = key_hash(ns, name) & mask;
	while (ix->slot[i] >= 0)
		i = (i + 1) & mask;
	ix->slot[i] = pos;
	ix->n++;
}

static void reset(nameindex *ix, size_t cap)
{
	free(ix->slot);
	ix->slot = xmalloc(cap * sizeof(int));
	ix->cap = cap;
	ix->n = 0;
	for (size_t i = 0; i < cap; i++)
		ix->slot[i] = -1;
}

static size_t cap_for(int n)
{
	size_t cap = 16;
	while (cap < 2 * (size_t)n + 2)
		cap *= 2;
	return cap;
}

void nameindex_rebuild(nameindex *ix, int n)
{
	reset(ix, cap_for(n));
	for (int pos = 0; pos < n; pos++)
		place(ix, pos);
}

void nameindex_insert(nameindex *ix, int pos)
{
	assert(pos == ix->n);
	if (2 * (size_t)ix->n + 2 > ix->cap)
		nameindex_rebuild(ix, pos + 1);
	else
		place(ix, pos);
}

int nameindex_find(const nameindex *ix, const char *ns, const char *name)
{
	if (!ix->cap)
		return -1;
	size_t mask = ix->cap - 1;
	for (size_t i = key_hash(ns, name) & mask; ix->slot[i] >= 0; i = (i + 1) & mask) {
		const char *ens, *ename;
		ix->key(ix->ctx, ix->slot[i], &ens, &ename);
		if (strcmp(ename, name) == 0 && strcmp(ens, ns) == 0)
			return ix->slot[i];
	}
	return -1;
}
