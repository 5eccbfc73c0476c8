/* gc.c: generation lists, tracking and allocation counting for container objects, and the
 * automatic trigger of CPython 3.11's generational cycle collector (the algorithm itself is
 * vm/gc_collect.c).
 *
 * Every container allocated by gc_alloc() is linked into generation 0 by gc_track(). The
 * gen-0 count is container allocations minus deallocations, as in CPython 3.11; when it
 * exceeds threshold 0 the oldest generation whose count exceeds its threshold is collected
 * (a full collection only when the long-lived heuristic allows it). The trigger runs inside
 * gc_note_alloc, which gc_alloc calls before the new object is tracked: the collector never
 * sees it. VITRINE_GC_STRESS=N sets threshold 0 to N at start-up (to shake out traverse bugs).
 */
#include <stdlib.h>
#include "gc_internal.h"
#include "vm.h"
#include "weakref.h"

GCState gc_state;
static bool gc_ready;
bool gc_enabled = true;

static void list_init(GCHead *h) { h->next = h->prev = h; }

void gc_init(void) {
    if (gc_ready) return;
    static const int thresholds[GC_NUM_GENERATIONS] = {700, 10, 10};
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) {
        list_init(&gc_state.gens[i].head);
        gc_state.gens[i].threshold = thresholds[i];
        gc_state.gens[i].count = 0;
    }
    list_init(&gc_state.permanent);
    const char *stress = getenv("VITRINE_GC_STRESS");
    if (stress && *stress) {
        int n = atoi(stress);
        if (n > 0) gc_state.gens[0].threshold = n;
    }
    gc_ready = true;
}

/* Contract: gc.h. New objects join generation 0; gc_refs starts clear (not collecting). */
void gc_track(Obj *o) {
    VT_ASSERT(o->flags & OBJ_FLAG_GC, "gc_track on an object without GCHead");
    GCHead *g = GC_HEAD(o);
    if (g->next) return;
    if (VT_UNLIKELY(!gc_ready)) gc_init();
    GCHead *list = &gc_state.gens[0].head;
    g->gc_refs = 0;
    g->prev = list->prev;
    g->next = list;
    list->prev->next = g;
    list->prev = g;
}

/* Contract: gc.h. Unlinks from whatever list holds the object (a generation, or one of the
 * collector's working lists while a collection runs). */
void gc_untrack(Obj *o) {
    GCHead *g = GC_HEAD(o);
    if (!g->next) return;
    g->prev->next = g->next;
    g->next->prev = g->prev;
    g->next = g->prev = NULL;
    g->gc_refs = 0;
    /* untracked at refcount zero: this is the object's dealloc, so its weak references die
     * now (before its fields are released, as CPython's PyObject_ClearWeakRefs) */
    if (o->refcnt == 0 && o->type->weaklist_offset) {
        Obj **slot = weakref_slot(o);
        if (*slot) weakref_clear_all(o);
    }
}

/* Pick the generation CPython 3.11 would collect (collect_generations in gcmodule.c): the
 * oldest whose count exceeds its threshold, except that a full collection waits until the
 * objects promoted since the last one are at least 25% of the long-lived total. */
static void collect_generations(void) {
    for (int i = GC_NUM_GENERATIONS - 1; i >= 0; i--) {
        if (gc_state.gens[i].count > gc_state.gens[i].threshold) {
            if (i == GC_NUM_GENERATIONS - 1 &&
                gc_state.long_lived_pending < gc_state.long_lived_total / 4)
                continue;
            gc_collect_reason(i, "threshold");
            break;
        }
    }
}

void gc_note_alloc(void) {
    GCGeneration *g0 = &gc_state.gens[0];
    g0->count++;
    if (VT_UNLIKELY(g0->count > g0->threshold) && g0->threshold != 0 && gc_enabled && gc_ready &&
        !gc_state.collecting && !err_occurred())
        collect_generations();
}

void gc_note_free(void) {
    if (gc_state.gens[0].count > 0) gc_state.gens[0].count--;
}

/* Contract: gc.h (gc.collect's engine). The last collection of vm_finalize, once module
 * globals are being cleared, is reported as reason=shutdown under --trace=gc. */
intptr_t gc_collect(int generation) {
    if (generation < 0 || generation >= GC_NUM_GENERATIONS) return 0;
    ThreadState *ts = vm_ts();
    bool shutdown = ts && ts->interp && ts->interp->finalizing;
    return gc_collect_reason(generation, shutdown ? "shutdown" : "manual");
}

intptr_t gc_list_size(GCHead *list) {
    intptr_t n = 0;
    for (GCHead *g = list->next; g != list; g = g->next) n++;
    return n;
}

int gc_list_foreach(GCHead *list, int (*fn)(Obj *o, void *arg), void *arg) {
    for (GCHead *g = list->next; g != list; g = g->next) {
        int r = fn(GC_OBJ(g), arg);
        if (r < 0) return r;
    }
    return 0;
}

/* Append all of `from` to the end of `to`, leaving `from` empty. */
static void list_merge(GCHead *from, GCHead *to) {
    if (from->next == from) return;
    GCHead *first = from->next, *last = from->prev;
    first->prev = to->prev;
    to->prev->next = first;
    last->next = to;
    to->prev = last;
    list_init(from);
}

void gc_freeze(void) {
    if (!gc_ready) gc_init();
    /* CPython 3.11 resets only the gen-0 count here */
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) list_merge(&gc_state.gens[i].head, &gc_state.permanent);
    gc_state.gens[0].count = 0;
}

void gc_unfreeze(void) {
    if (!gc_ready) gc_init();
    list_merge(&gc_state.permanent, &gc_state.gens[GC_NUM_GENERATIONS - 1].head);
}

/* Accessors for the gc module. */
int gc_get_count(int generation) { return gc_state.gens[generation].count; }
int gc_get_threshold(int generation) { return gc_state.gens[generation].threshold; }
void gc_set_threshold(int generation, int value) { gc_state.gens[generation].threshold = value; }
