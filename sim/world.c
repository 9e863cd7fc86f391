/* world.c - lifetime of short-lived model objects.
 *
 * Kills in progress, status patches in flight and similar objects are
 * created by one event and freed by a later one.  When the run ends between
 * the two, nothing would free them; linking them into the world's list
 * lets the end of the run release whatever is still pending, so every run
 * is leak-free under ASan without each module tracking its own leftovers.
 */
#include "node.h"

#include <stdlib.h>

#ifndef PODSIM_SHORTCUTS
#define PODSIM_SHORTCUTS 1 /* -DPODSIM_SHORTCUTS=0 builds the reference */
#endif
bool podsim_shortcuts = PODSIM_SHORTCUTS;

void world_init_objs(world *w)
{
	w->live.prev = w->live.next = &w->live;
}

void *world_alloc(world *w, size_t size, void (*dtor)(void *obj))
{
	assert(size >= sizeof(world_obj));
	world_obj *o = xcalloc(1, size);
	o->dtor = dtor;
	o->next = w->live.next;
	o->prev = &w->live;
	w->live.next->prev = o;
	w->live.next = o;
	return o;
}

void world_free(void *obj)
{
	world_obj *o = obj;
	o->prev->next = o->next;
	o->next->prev = o->prev;
	if (o->dtor)
		o->dtor(o);
	free(o);
}

void world_free_all(world *w)
{
	while (w->live.next != &w->live)
		world_free(w->live.next);
}
