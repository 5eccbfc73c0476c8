/* gc.h: the GC header that precedes every container object, and the collector's entry points.
 *
 * Layout of a container allocated by gc_alloc():   [GCHead][Obj header ... object fields]
 *                                                   ^malloc  ^the Obj* everyone uses
 * A tracked object is linked into the list of its generation. The collector itself
 * (CPython 3.11's algorithm) is vm/gc.c; this header is all that allocation and container
 * types need: call gc_track() once an object's fields are valid, gc_untrack() first thing in
 * dealloc, and provide a traverse function visiting every Obj* the object owns.
 */
#ifndef VITRINE_GC_H
#define VITRINE_GC_H

#include "object.h"

typedef struct GCHead {
    struct GCHead *next, *prev;   /* generation list links; next == NULL: untracked */
    intptr_t gc_refs;             /* scratch during a collection */
} GCHead;

#define GC_HEAD(o) (((GCHead *)(o)) - 1)
#define GC_OBJ(g) ((Obj *)((GCHead *)(g) + 1))

void gc_track(Obj *o);
void gc_untrack(Obj *o);
static inline int gc_is_tracked(Obj *o) { return (o->flags & OBJ_FLAG_GC) && GC_HEAD(o)->next != NULL; }
/* Called by gc_alloc / obj_free to keep CPython's generation-0 count (allocations minus
 * deallocations of container objects), which may start a collection. */
void gc_note_alloc(void);
void gc_note_free(void);
/* Run a collection of generations 0..gen; returns the number of unreachable objects found,
 * -1 on error. */
intptr_t gc_collect(int generation);
void gc_init(void);
/* Counters and thresholds, for the gc module. */
int gc_get_count(int generation);
int gc_get_threshold(int generation);
void gc_set_threshold(int generation, int value);
extern bool gc_enabled;
/* --gc-stats (vm/gc_collect.c): when set, collections are timed and gc_report_at_exit prints
 * collections per generation, objects collected, time spent and the largest pause. */
extern bool gc_stats_at_exit;
void gc_report_at_exit(void);

#endif
