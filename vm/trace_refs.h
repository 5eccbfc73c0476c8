/* trace_refs.h: watched objects (vitrine.watch) and the --trace=refs events about them.
 * Used by the vitrine module (watch/unwatch), obj_dealloc (the death of a watched object) and
 * the cycle collector (which marks the window in which it frees garbage). */
#ifndef VITRINE_TRACE_REFS_H
#define VITRINE_TRACE_REFS_H

#include "object.h"

/* Mark o as watched under `name` (NULL: its type name). Returns -1 (MemoryError set) on failure. */
int trace_refs_watch(Obj *o, const char *name);
/* Stop watching o (no-op when it is not watched). */
void trace_refs_unwatch(Obj *o);
/* obj_dealloc calls this for a watched object before its dealloc runs: reports who freed it
 * and forgets its name. */
void trace_refs_dealloc(Obj *o);
/* Nonzero while the cycle collector breaks up unreachable garbage (vm/gc_collect.c). */
extern int trace_refs_in_collector;

#endif
