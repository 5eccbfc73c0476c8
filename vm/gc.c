/* gc.c: generation lists and allocation counting for container objects.
 *
 * Every container allocated by gc_alloc() is linked into generation 0 by gc_track() and
 * counted, as CPython 3.11 does (gen-0 count = container allocations minus deallocations).
 * The collection algorithm itself (subtract internal references, finalizers, weakrefs,
 * promotion) belongs to the memory issue; until it lands, gc_collect() reports zero
 * unreachable objects and cyclic garbage is kept alive (never freed wrongly).
 */
#include "gc.h"
#include "vm.h"

#define NUM_GENERATIONS 3

typedef struct Generation {
    GCHead head;     /* circular list sentinel */
    int threshold;
    int count;
} Generation;

static Generation generations[NUM_GENERATIONS];
static bool gc_ready;
bool gc_enabled = true;

void gc_init(void) {
    static const int thresholds[NUM_GENERATIONS] = {700, 10, 10};
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        generations[i].head.next = generations[i].head.prev = &generations[i].head;
        generations[i].threshold = thresholds[i];
        generations[i].count = 0;
    }
    gc_ready = true;
}

void gc_track(Obj *o) {
    VT_ASSERT(o->flags & OBJ_FLAG_GC, "gc_track on an object without GCHead");
    GCHead *g = GC_HEAD(o);
    if (g->next) return;
    if (!gc_ready) gc_init();
    GCHead *list = &generations[0].head;
    g->prev = list->prev;
    g->next = list;
    list->prev->next = g;
    list->prev = g;
}

void gc_untrack(Obj *o) {
    GCHead *g = GC_HEAD(o);
    if (!g->next) return;
    g->prev->next = g->next;
    g->next->prev = g->prev;
    g->next = g->prev = NULL;
}

void gc_note_alloc(void) { generations[0].count++; }

void gc_note_free(void) {
    if (generations[0].count > 0) generations[0].count--;
}

intptr_t gc_collect(int generation) {
    if (generation < 0 || generation >= NUM_GENERATIONS) return 0;
    for (int i = 0; i <= generation; i++) generations[i].count = 0;
    if (generation + 1 < NUM_GENERATIONS) generations[generation + 1].count++;
    return 0;
}

/* Accessors for the gc module. */
int gc_get_count(int generation) { return generations[generation].count; }
int gc_get_threshold(int generation) { return generations[generation].threshold; }
void gc_set_threshold(int generation, int value) { generations[generation].threshold = value; }
