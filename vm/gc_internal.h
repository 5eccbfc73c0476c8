/* gc_internal.h: the collector's state shared by vm/gc.c (lists, counting, the algorithm) and
 * stdlib/gcmodule.c (the gc module). Nothing else should need it. */
#ifndef VITRINE_GC_INTERNAL_H
#define VITRINE_GC_INTERNAL_H

#include "gc.h"

#define GC_NUM_GENERATIONS 3

/* gc.DEBUG_* flags (same values as CPython). */
enum {
    GC_DEBUG_STATS = 1,
    GC_DEBUG_COLLECTABLE = 2,
    GC_DEBUG_UNCOLLECTABLE = 4,
    GC_DEBUG_SAVEALL = 32,
    GC_DEBUG_LEAK = GC_DEBUG_COLLECTABLE | GC_DEBUG_UNCOLLECTABLE | GC_DEBUG_SAVEALL,
};

typedef struct GCGeneration {
    GCHead head;        /* circular list sentinel */
    int threshold;
    int count;
} GCGeneration;

typedef struct GCGenStats {
    intptr_t collections, collected, uncollectable;
} GCGenStats;

typedef struct GCState {
    GCGeneration gens[GC_NUM_GENERATIONS];
    GCHead permanent;           /* gc.freeze() */
    GCGenStats stats[GC_NUM_GENERATIONS];
    bool collecting;            /* a collection is running: never start another */
    int debug;                  /* GC_DEBUG_* */
    intptr_t long_lived_total;  /* survivors of the last full collection */
    intptr_t long_lived_pending;/* objects promoted into gen 2 since then */
    Obj *garbage;               /* gc.garbage (list), owned; NULL until the module exists */
    Obj *callbacks;             /* gc.callbacks (list), owned; NULL until the module exists */
} GCState;

extern GCState gc_state;

/* Number of objects in a generation list (or the permanent one). */
intptr_t gc_list_size(GCHead *list);
/* Visit every tracked object of a list: fn returns < 0 to stop (then returns that value). */
int gc_list_foreach(GCHead *list, int (*fn)(Obj *o, void *arg), void *arg);
/* Run a collection of `generation` for reason "manual" (gc.collect) or "threshold"; returns
 * collected + uncollectable, or 0 without collecting if one is already running. */
intptr_t gc_collect_reason(int generation, const char *reason);
/* gc.freeze() / gc.unfreeze(). */
void gc_freeze(void);
void gc_unfreeze(void);

#endif
